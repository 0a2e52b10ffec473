/* sp-import.c — read a catalog into offers: format detection, dispatch, and
 * the SpImportResult that reports what was read, skipped and normalized. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-import-private.h"

/* Files larger than this are refused before parsing (the biggest real
 * catalog we know is ~4 MB). */
#define SP_IMPORT_MAX_FILE_SIZE (256u * 1024u * 1024u)

struct _SpImportResult
{
  GObject       parent_instance;

  SpFeedFormat  format;
  char         *source;
  char         *vendor_name;
  char         *filename;
  gint64        generated_at;
  GPtrArray    *offers;     /* SpOffer */
  GHashTable   *ids;        /* id -> row (borrowed keys from offers) */
  GArray       *skips;      /* SpImportSkip */
  guint         rows_read;
  guint         rows_repaired;
};

G_DEFINE_FINAL_TYPE (SpImportResult, sp_import_result, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-import-error-quark, sp_import_error)

static const struct {
  SpFeedFormat format;
  const char  *name;
} format_names[] = {
  { SP_FEED_FORMAT_AUTO, "auto" },
  { SP_FEED_FORMAT_SUANPAN, "suanpan" },
  { SP_FEED_FORMAT_LITELLM, "litellm" },
  { SP_FEED_FORMAT_OPENROUTER, "openrouter" },
  { SP_FEED_FORMAT_SKYPILOT, "skypilot" },
};

const char *
sp_feed_format_to_string (SpFeedFormat format)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  return "auto";
}

gboolean
sp_feed_format_from_string (const char   *str,
                            SpFeedFormat *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (format_names[i].name, str) == 0)
      {
        *out = format_names[i].format;
        return TRUE;
      }
  return FALSE;
}

static gboolean
window_contains (const char *data,
                 gsize       len,
                 const char *needle)
{
  return g_strstr_len (data, MIN (len, (gsize) 65536), needle) != NULL;
}

SpFeedFormat
sp_feed_format_detect (const char *data,
                       gsize       len,
                       const char *filename)
{
  gsize i = 0;

  if (data == NULL)
    return SP_FEED_FORMAT_AUTO;

  /* UTF-8 byte order mark, then white space */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;

  if (i < len && (data[i] == '{' || data[i] == '['))
    {
      const char *rest = data + i;
      gsize rest_len = len - i;

      if (window_contains (rest, rest_len, "\"suanpan_feed\""))
        return SP_FEED_FORMAT_SUANPAN;
      if (window_contains (rest, rest_len, "\"litellm_provider\"") ||
          window_contains (rest, rest_len, "\"input_cost_per_token\"") ||
          window_contains (rest, rest_len, "\"sample_spec\""))
        return SP_FEED_FORMAT_LITELLM;
      if (window_contains (rest, rest_len, "\"data\"") &&
          window_contains (rest, rest_len, "\"pricing\""))
        return SP_FEED_FORMAT_OPENROUTER;
      return SP_FEED_FORMAT_AUTO;
    }

  if (i < len)
    {
      const char *rest = data + i;
      gsize rest_len = len - i;
      const char *eol = memchr (rest, '\n', MIN (rest_len, (gsize) 4096));
      gsize line_len = eol ? (gsize) (eol - rest) : MIN (rest_len, (gsize) 4096);

      if (g_strstr_len (rest, line_len, "InstanceType") != NULL &&
          g_strstr_len (rest, line_len, "Price") != NULL)
        return SP_FEED_FORMAT_SKYPILOT;
    }

  if (filename != NULL && g_str_has_suffix (filename, ".csv") &&
      g_strstr_len (data, MIN (len, (gsize) 4096), "InstanceType") != NULL)
    return SP_FEED_FORMAT_SKYPILOT;

  return SP_FEED_FORMAT_AUTO;
}

/* SkyPilot CSVs carry no vendor: "catalogs/v8/aws/vms.csv" → "aws",
 * "v8_aws_vms.head.csv" → "aws". */
static char *
skypilot_source_from_filename (const char *filename)
{
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) parts = NULL;

  if (filename == NULL)
    return NULL;
  base = g_path_get_basename (filename);
  if (g_str_has_prefix (base, "vms") || g_str_has_prefix (base, "images"))
    {
      g_autofree char *parent = g_path_get_dirname (filename);
      dir = g_path_get_basename (parent);
      if (dir[0] != '.' && dir[0] != '/' && g_strcmp0 (dir, "catalogs") != 0)
        return g_ascii_strdown (dir, -1);
      return NULL;
    }
  parts = g_strsplit (base, "_", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      /* skip a schema version part like "v8" */
      if (parts[i][0] == 'v' && g_ascii_isdigit (parts[i][1]))
        continue;
      if (parts[i + 1] != NULL && g_str_has_prefix (parts[i + 1], "vms") && parts[i][0] != '\0')
        return g_ascii_strdown (parts[i], -1);
    }
  return NULL;
}

static void
sp_import_skip_clear (gpointer data)
{
  SpImportSkip *skip = data;

  g_clear_pointer (&skip->key, g_free);
  g_clear_pointer (&skip->reason, g_free);
}

static void
sp_import_result_finalize (GObject *object)
{
  SpImportResult *self = (SpImportResult *) object;

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->vendor_name, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->offers, g_ptr_array_unref);
  g_clear_pointer (&self->skips, g_array_unref);

  G_OBJECT_CLASS (sp_import_result_parent_class)->finalize (object);
}

static void
sp_import_result_class_init (SpImportResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_import_result_finalize;
}

static void
sp_import_result_init (SpImportResult *self)
{
  self->offers = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->skips = g_array_new (FALSE, TRUE, sizeof (SpImportSkip));
  g_array_set_clear_func (self->skips, sp_import_skip_clear);
}

SpImportResult *
sp_import_result_new (SpFeedFormat  format,
                      const char   *source_name)
{
  SpImportResult *self = g_object_new (SP_TYPE_IMPORT_RESULT, NULL);

  self->format = format;
  self->source = g_strdup (source_name);
  return self;
}

void
sp_import_result_set_source (SpImportResult *self,
                             const char     *source_name)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));

  if (self->source != source_name)
    {
      g_free (self->source);
      self->source = g_strdup (source_name);
    }
}

void
sp_import_result_set_vendor_name (SpImportResult *self,
                                  const char     *vendor_name)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));

  if (self->vendor_name != vendor_name)
    {
      g_free (self->vendor_name);
      self->vendor_name = g_strdup (vendor_name);
    }
}

void
sp_import_result_set_generated_at (SpImportResult *self,
                                   gint64          unix_seconds)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  self->generated_at = unix_seconds;
}

void
sp_import_result_row_read (SpImportResult *self)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  self->rows_read++;
}

void
sp_import_result_row_repaired (SpImportResult *self)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  self->rows_repaired++;
}

guint
sp_import_result_get_rows_repaired (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), 0);
  return self->rows_repaired;
}

void
sp_import_result_skip (SpImportResult *self,
                       guint           row,
                       const char     *key,
                       const char     *reason_format,
                       ...)
{
  SpImportSkip skip = { 0 };
  va_list args;

  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  g_return_if_fail (reason_format != NULL);

  va_start (args, reason_format);
  skip.row = row;
  skip.key = g_strdup (key);
  skip.reason = g_strdup_vprintf (reason_format, args);
  va_end (args);
  g_array_append_val (self->skips, skip);
}

void
sp_import_result_add_offer (SpImportResult *self,
                            guint           row,
                            SpOffer        *offer)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  g_return_if_fail (SP_IS_OFFER (offer));

  if (offer->id == NULL || offer->id[0] == '\0')
    {
      sp_import_result_skip (self, row, NULL, "%s", _("offer has no id"));
      g_object_unref (offer);
      return;
    }
  if (g_hash_table_contains (self->ids, offer->id))
    {
      sp_import_result_skip (self, row, offer->id, "%s",
                             _("duplicate id: an earlier entry has the same id"));
      g_object_unref (offer);
      return;
    }
  if (offer->source == NULL && self->source != NULL)
    offer->source = g_intern_string (self->source);
  g_hash_table_add (self->ids, offer->id);
  g_ptr_array_add (self->offers, offer);
}

const char *
sp_import_result_get_filename (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), NULL);
  return self->filename;
}

SpFeedFormat
sp_import_result_get_format (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), SP_FEED_FORMAT_AUTO);
  return self->format;
}

const char *
sp_import_result_get_source (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), NULL);
  return self->source;
}

const char *
sp_import_result_get_vendor_name (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), NULL);
  return self->vendor_name;
}

GPtrArray *
sp_import_result_get_offers (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), NULL);
  return self->offers;
}

guint
sp_import_result_get_rows_read (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), 0);
  return self->rows_read;
}

guint
sp_import_result_get_rows_skipped (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), 0);
  return self->skips->len;
}

guint
sp_import_result_get_rows_normalized (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), 0);
  return self->offers->len;
}

GArray *
sp_import_result_get_skips (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), NULL);
  return self->skips;
}

gint64
sp_import_result_get_generated_at (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), 0);
  return self->generated_at;
}

typedef struct {
  const char *reason;
  guint       count;
} ReasonCount;

static int
reason_count_cmp (gconstpointer a,
                  gconstpointer b)
{
  const ReasonCount *ra = a, *rb = b;

  if (ra->count != rb->count)
    return ra->count > rb->count ? -1 : 1;
  return g_strcmp0 (ra->reason, rb->reason);
}

char **
sp_import_result_dup_skip_summary (SpImportResult *self)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), NULL);

  counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->skips->len; i++)
    {
      const SpImportSkip *skip = &g_array_index (self->skips, SpImportSkip, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, skip->reason));
      g_hash_table_insert (counts, skip->reason, GUINT_TO_POINTER (n + 1));
    }

  sorted = g_array_new (FALSE, FALSE, sizeof (ReasonCount));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ReasonCount rc = { key, GPOINTER_TO_UINT (value) };
      g_array_append_val (sorted, rc);
    }
  g_array_sort (sorted, reason_count_cmp);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < sorted->len; i++)
    {
      const ReasonCount *rc = &g_array_index (sorted, ReasonCount, i);
      g_autofree char *line = g_strdup_printf ("%u × %s", rc->count, rc->reason);
      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

SpImportResult *
sp_import_parse (const char    *data,
                 gsize          len,
                 SpFeedFormat   format,
                 const char    *source_name,
                 const char    *filename,
                 GError       **error)
{
  g_autoptr(SpImportResult) result = NULL;
  g_autofree char *derived_source = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY,
                           _("The catalog is empty."));
      return NULL;
    }

  if (format == SP_FEED_FORMAT_AUTO)
    format = sp_feed_format_detect (data, len, filename);
  if (format == SP_FEED_FORMAT_AUTO)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("Cannot tell what kind of catalog this is. Choose the format "
                             "(suanpan, litellm, openrouter or skypilot)."));
      return NULL;
    }

  if (source_name == NULL)
    {
      switch (format)
        {
        case SP_FEED_FORMAT_LITELLM:
          source_name = "litellm";
          break;
        case SP_FEED_FORMAT_OPENROUTER:
          source_name = "openrouter";
          break;
        case SP_FEED_FORMAT_SKYPILOT:
          derived_source = skypilot_source_from_filename (filename);
          source_name = derived_source ? derived_source : "skypilot";
          break;
        case SP_FEED_FORMAT_SUANPAN: /* the feed's vendor id */
        case SP_FEED_FORMAT_AUTO:
        default:
          break;
        }
    }

  result = sp_import_result_new (format, source_name);
  result->filename = g_strdup (filename);

  switch (format)
    {
    case SP_FEED_FORMAT_SUANPAN:
      ok = sp_feed_suanpan_parse (data, len, result, error);
      break;
    case SP_FEED_FORMAT_LITELLM:
      ok = sp_adapter_litellm_parse (data, len, result, error);
      break;
    case SP_FEED_FORMAT_OPENROUTER:
      ok = sp_adapter_openrouter_parse (data, len, result, error);
      break;
    case SP_FEED_FORMAT_SKYPILOT:
      ok = sp_adapter_skypilot_parse (data, len, result, error);
      break;
    case SP_FEED_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return NULL;

  if (result->source == NULL)
    result->source = g_strdup (sp_feed_format_to_string (format));

  /* Offers added before the source was known get it now. */
  for (guint i = 0; i < result->offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (result->offers, i);
      if (offer->source == NULL)
        offer->source = g_intern_string (result->source);
    }

  if (result->offers->len == 0)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY,
                   _("The catalog holds no usable offer (%u entries read, %u skipped)."),
                   result->rows_read, result->skips->len);
      return NULL;
    }

  return g_steal_pointer (&result);
}

SpImportResult *
sp_import_parse_file (const char    *path,
                      SpFeedFormat   format,
                      const char    *source_name,
                      GError       **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  len = g_mapped_file_get_length (mapped);
  if (len > SP_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (len);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("“%s” is too large to be a price catalog (%s)."), path, size);
      return NULL;
    }
  data = g_mapped_file_get_contents (mapped);
  if (data == NULL)
    data = "";

  return sp_import_parse (data, len, format, source_name, path, error);
}
