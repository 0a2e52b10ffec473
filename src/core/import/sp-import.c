/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import.c — read a catalog into offers: dispatch to the adapters, and
 * the SpImportResult that reports what was read, skipped and normalized
 * (format names and detection: sp-feed-format.c). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-import-private.h"
#include "sp-import-result-private.h"
#include "sp-text.h"

G_DEFINE_FINAL_TYPE (SpImportResult, sp_import_result, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-import-error-quark, sp_import_error)

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

void
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
  g_clear_pointer (&self->clean_interned, g_hash_table_unref);
  g_clear_pointer (&self->offers, g_ptr_array_unref);
  g_clear_pointer (&self->record_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->text_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->kept_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->skip_marks, g_array_unref);
  g_clear_pointer (&self->offer_rows, g_array_unref);
  g_clear_pointer (&self->skips, g_array_unref);
  g_clear_pointer (&self->last_reason, g_free);
  g_clear_pointer (&self->last_reason_clean, g_free);

  G_OBJECT_CLASS (sp_import_result_parent_class)->finalize (object);
}

static void
sp_import_result_class_init (SpImportResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_import_result_finalize;
}

/* The hash of an offer id for the duplicate check: eight bytes at a time
 * (g_str_hash takes a byte at a time, and a catalog's ids are long,
 * "a3-highgpu-8g@us-central1/us-central1-a": hashing each one twice was
 * 8% of parsing the full GCP catalog; HACKING.md, "Ingest"). */
static guint
id_hash (gconstpointer key)
{
  const guchar *p = key;
  gsize n = strlen (key);
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ n;
  guint64 w;

  for (; n >= 8; n -= 8, p += 8)
    {
      memcpy (&w, p, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
      h ^= h >> 32;
    }
  w = 0;
  memcpy (&w, p, n);
  h = (h ^ w) * G_GUINT64_CONSTANT (0xC4CEB9FE1A85EC53);
  h ^= h >> 29;
  return (guint) h;
}

static void
sp_import_result_init (SpImportResult *self)
{
  self->offers = g_ptr_array_new_with_free_func (sp_import_offer_free);
  self->ids = g_hash_table_new (id_hash, g_str_equal);
  self->clean_interned = g_hash_table_new (NULL, NULL);
  self->skips = g_array_new (FALSE, TRUE, sizeof (SpImportSkip));
  g_array_set_clear_func (self->skips, sp_import_skip_clear);
  self->record_blocks = g_ptr_array_new_with_free_func (g_free);
  self->text_blocks = g_ptr_array_new_with_free_func (g_free);
  self->kept_blocks = g_ptr_array_new_with_free_func (g_free);
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
      g_autofree char *copy = g_strdup (vendor_name);

      /* the same door as the offers' vendor names: refused text is not kept */
      if (sp_text_clean_in_place (copy, SP_LIMIT_NAME_CHARS, NULL) != SP_TEXT_OK)
        g_clear_pointer (&copy, g_free);
      g_free (self->vendor_name);
      self->vendor_name = g_steal_pointer (&copy);
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
  g_autofree char *reason = NULL;
  va_list args;

  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  g_return_if_fail (reason_format != NULL);

  va_start (args, reason_format);
  skip.row = row;
  /* keys and reasons quote the input: shown cleaned and cut */
  skip.key = sp_text_dup_for_message (key, SP_LIMIT_ID_CHARS);
  /* most callers pass one ready reason ("%s"): no printf for it (a big
   * catalog skips thousands of rows) */
  if (strcmp (reason_format, "%s") == 0)
    {
      const char *ready = va_arg (args, const char *);

      if (ready == NULL)
        ready = "(null)";
      /* and most skips of a file give the same one (its TPU rows): cleaned once */
      if (g_strcmp0 (ready, self->last_reason) != 0)
        {
          g_free (self->last_reason);
          g_free (self->last_reason_clean);
          self->last_reason = g_strdup (ready);
          self->last_reason_clean = sp_text_dup_for_message (ready, SP_LIMIT_NOTE_CHARS);
        }
      skip.reason = g_strdup (self->last_reason_clean);
    }
  else
    {
      reason = g_strdup_vprintf (reason_format, args);
      skip.reason = sp_text_dup_for_message (reason, SP_LIMIT_NOTE_CHARS);
    }
  va_end (args);
  g_array_append_val (self->skips, skip);
  if (self->part)
    g_array_append_val (self->skip_marks, self->offers->len);
}

/* The text fields of an offer, with their limits (sp-limits.h).  The names
 * are those of docs/feed-format.md.  A new text field of SpOffer goes here. */
typedef struct {
  const char *field;
  gsize       max_chars;
  glong       offset;
  gboolean    interned;
} OfferTextField;

static const OfferTextField offer_text_fields[] = {
  { "id", SP_LIMIT_ID_CHARS, G_STRUCT_OFFSET (SpOffer, id), FALSE },
  { "vendor.id", SP_LIMIT_ID_CHARS, G_STRUCT_OFFSET (SpOffer, vendor_id), TRUE },
  { "vendor.name.en", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, vendor_name), TRUE },
  { "vendor.name.zh_CN", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, vendor_name_zh), TRUE },
  { "name", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, name), FALSE },
  { "model", SP_LIMIT_ID_CHARS, G_STRUCT_OFFSET (SpOffer, model), FALSE },
  { "spec.gpu_model", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, gpu_model), TRUE },
  { "spec.region", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, region), TRUE },
  { "spec.min_commitment", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, min_commitment), FALSE },
  { "price.currency", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, currency), TRUE },
  { "list price", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, list_price), FALSE },
  { "list unit", SP_LIMIT_NAME_CHARS, G_STRUCT_OFFSET (SpOffer, list_unit), TRUE },
  { "note", SP_LIMIT_NOTE_CHARS, G_STRUCT_OFFSET (SpOffer, note), FALSE },
  { "price_source_url", SP_LIMIT_URL_CHARS, G_STRUCT_OFFSET (SpOffer, price_source_url), FALSE },
  { "verified_at", SP_LIMIT_ID_CHARS, G_STRUCT_OFFSET (SpOffer, verified_at), FALSE },
};

/* Clean text at the door, for every adapter: checks each text field of
 * @offer (valid UTF-8 without NUL, within its limit), removes invisible
 * characters (counted in @self), and checks the number of tiers and tags.
 * FALSE with a translated *@reason when the offer must be refused. */
G_STATIC_ASSERT (G_N_ELEMENTS (offer_text_fields) <= MAX_TEXT_FIELDS);

static gboolean
offer_clean_text (SpImportResult  *self,
                  SpOffer         *offer,
                  char           **reason)
{
  guint removed = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (offer_text_fields); i++)
    {
      const OfferTextField *f = &offer_text_fields[i];
      SpTextCheck check;

      if (f->interned)
        {
          const char **slot = G_STRUCT_MEMBER_P (offer, f->offset);
          gboolean cacheable = f->max_chars == SP_LIMIT_NAME_CHARS;
          g_autofree char *cleaned = NULL;

          /* the same vendor name or region comes with every offer */
          if (*slot == NULL || *slot == self->last_clean[i] ||
              (cacheable && g_hash_table_contains (self->clean_interned, *slot)))
            continue;
          check = sp_text_check (*slot, f->max_chars, &cleaned, &removed);
          if (cleaned != NULL)
            *slot = g_intern_string (cleaned);
          else if (check == SP_TEXT_OK)
            {
              self->last_clean[i] = *slot;
              if (cacheable)
                g_hash_table_add (self->clean_interned, (gpointer) *slot);
            }
        }
      else
        check = sp_text_clean_in_place (G_STRUCT_MEMBER (char *, offer, f->offset),
                                        f->max_chars, &removed);
      if (check != SP_TEXT_OK)
        {
          *reason = sp_text_dup_reason (check, f->field, f->max_chars);
          return FALSE;
        }
    }

  if (offer->voucher_programmes != NULL)
    {
      guint n = g_strv_length (offer->voucher_programmes);

      if (n > SP_LIMIT_TAGS_PER_OFFER)
        {
          *reason = g_strdup_printf (_("“%s” lists more than %u programmes"),
                                     "tags.voucher_programmes", SP_LIMIT_TAGS_PER_OFFER);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          SpTextCheck check = sp_text_clean_in_place (offer->voucher_programmes[i],
                                                      SP_LIMIT_ID_CHARS, &removed);
          if (check != SP_TEXT_OK)
            {
              *reason = sp_text_dup_reason (check, "tags.voucher_programmes",
                                            SP_LIMIT_ID_CHARS);
              return FALSE;
            }
        }
    }

  if (offer->tiers != NULL && offer->tiers->len > SP_LIMIT_TIERS_PER_OFFER)
    {
      *reason = g_strdup_printf (_("“%s” has more than %u tiers"), "price.tiers",
                                 SP_LIMIT_TIERS_PER_OFFER);
      return FALSE;
    }

  if (removed > 0)
    {
      self->chars_removed += removed;
      self->offers_cleaned++;
    }
  return TRUE;
}

gboolean
sp_import_result_add_unique (SpImportResult *self,
                             guint           row,
                             SpOffer        *offer)
{
  /* one hash and probe: inserting a taken id keeps the first one's key.
   * A part leaves it to the merge, which checks every id in file order
   * (those of the same part too) */
  if (!self->part && !g_hash_table_insert (self->ids, offer->id, NULL))
    {
      sp_import_result_skip (self, row, offer->id, "%s",
                             _("duplicate id: an earlier entry has the same id"));
      return FALSE;
    }
  if (offer->source == NULL && self->source != NULL)
    offer->source = g_intern_string (self->source);
  if (offer->source == NULL)
    self->sourceless = TRUE;
  g_ptr_array_add (self->offers, offer);
  if (self->part)
    g_array_append_val (self->offer_rows, row);
  return TRUE;
}

/* The door of sp_import_result_add_offer () and _add_record (): TRUE when
 * @offer is kept (added to the offers); FALSE when it is refused (counted
 * or skipped with its reason), and the caller drops it. */
static gboolean
add_offer (SpImportResult *self,
           guint           row,
           SpOffer        *offer)
{
  g_autofree char *reason = NULL;

  if (self->offers->len >= SP_LIMIT_OFFERS_PER_FEED)
    {
      /* counted, not listed: a huge feed must not make a huge report */
      self->over_limit++;
      return FALSE;
    }
  if (!offer_clean_text (self, offer, &reason))
    {
      sp_import_result_skip (self, row, offer->id, "%s", reason);
      return FALSE;
    }
  if (offer->id == NULL || offer->id[0] == '\0')
    {
      sp_import_result_skip (self, row, NULL, "%s", _("offer has no id"));
      return FALSE;
    }
  return sp_import_result_add_unique (self, row, offer);
}

void
sp_import_result_add_offer (SpImportResult *self,
                            guint           row,
                            SpOffer        *offer)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  g_return_if_fail (SP_IS_OFFER (offer));

  if (!add_offer (self, row, offer))
    g_object_unref (offer);
}

void
sp_import_result_add_record (SpImportResult *self,
                             guint           row,
                             SpOffer        *rec)
{
  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  g_return_if_fail (rec != NULL && sp_import_is_record (rec));
  g_return_if_fail (self->record_blocks->len > 0 &&
                    rec == (SpOffer *) g_ptr_array_index (self->record_blocks,
                                                          self->record_blocks->len - 1) +
                           self->block_used);

  if (add_offer (self, row, rec))
    {
      self->block_used++;
      self->n_records++;
    }
  else
    sp_import_record_clear (rec);
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

  /* the records become objects, in place, the first time they are asked for */
  for (guint i = 0; self->n_records > 0 && i < self->offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (self->offers, i);

      if (sp_import_is_record (offer))
        {
          g_ptr_array_index (self->offers, i) = sp_import_offer_from_record (offer);
          self->n_records--;
        }
    }
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
  return self->skips->len + self->over_limit;
}

guint
sp_import_result_get_chars_removed (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), 0);
  return self->chars_removed;
}

guint
sp_import_result_get_offers_cleaned (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), 0);
  return self->offers_cleaned;
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
  if (self->over_limit > 0)
    {
      g_autofree char *line = NULL;

      /* Translators: the first %u counts offers, the second is the limit */
      line = g_strdup_printf (_("%u × beyond the limit of %u offers in one feed"),
                              self->over_limit, SP_LIMIT_OFFERS_PER_FEED);
      g_strv_builder_add (builder, line);
    }
  for (guint i = 0; i < sorted->len; i++)
    {
      const ReasonCount *rc = &g_array_index (sorted, ReasonCount, i);
      g_autofree char *line = g_strdup_printf ("%u × %s", rc->count, rc->reason);
      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

/* The source name of a catalog in @format when none is given: the
 * adapter's (SkyPilot: the cloud, from @filename, in *@derived), or NULL
 * for a Suanpan feed (its vendor id, read from the feed). */
static const char *
default_source (SpFeedFormat   format,
                const char    *filename,
                char         **derived)
{
  switch (format)
    {
    case SP_FEED_FORMAT_LITELLM:
      return "litellm";
    case SP_FEED_FORMAT_OPENROUTER:
      return "openrouter";
    case SP_FEED_FORMAT_LLM_PRICES_CN:
      return "llm-prices-cn";
    case SP_FEED_FORMAT_GENAI_PRICES:
      return "genai-prices";
    case SP_FEED_FORMAT_SKYPILOT:
      *derived = skypilot_source_from_filename (filename);
      return *derived ? *derived : "skypilot";
    case SP_FEED_FORMAT_SUANPAN: /* the feed's vendor id */
    case SP_FEED_FORMAT_AUTO:
    default:
      return NULL;
    }
}

static gboolean
run_adapter (SpFeedFormat     format,
             const char      *data,
             gsize            len,
             SpImportResult  *result,
             GError         **error)
{
  switch (format)
    {
    case SP_FEED_FORMAT_SUANPAN:
      return sp_feed_suanpan_parse (data, len, result, error);
    case SP_FEED_FORMAT_LITELLM:
      return sp_adapter_litellm_parse (data, len, result, error);
    case SP_FEED_FORMAT_OPENROUTER:
      return sp_adapter_openrouter_parse (data, len, result, error);
    case SP_FEED_FORMAT_SKYPILOT:
      return sp_adapter_skypilot_parse (data, len, result, error);
    case SP_FEED_FORMAT_LLM_PRICES_CN:
      return sp_adapter_llm_prices_cn_parse (data, len, result, error);
    case SP_FEED_FORMAT_GENAI_PRICES:
      return sp_adapter_genai_prices_parse (data, len, result, error);
    case SP_FEED_FORMAT_PROGRAMMES:
      /* read by the refresher into the programme list, never into offers */
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is a compute-voucher programme file, not a price catalog: "
                             "add it with “suanpan-cli sources add NAME URL --format programmes” "
                             "or import it with “suanpan-cli voucher import FILE”."));
      return FALSE;
    case SP_FEED_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
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
                             "(suanpan, litellm, openrouter, skypilot, llm-prices-cn or "
                             "genai-prices)."));
      return NULL;
    }

  if (source_name == NULL)
    source_name = default_source (format, filename, &derived_source);
  result = sp_import_result_new (format, source_name);
  result->filename = g_strdup (filename);
  if (!run_adapter (format, data, len, result, error))
    return NULL;

  if (result->source == NULL)
    result->source = g_strdup (sp_feed_format_to_string (format));

  /* Offers added before the source was known get it now (a pass over
   * every offer only when there are some: 45k records are 16 MB) */
  for (guint i = 0; result->sourceless && i < result->offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (result->offers, i);
      if (offer->source == NULL)
        offer->source = g_intern_string (result->source);
    }

  if (result->offers->len == 0)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY,
                   _("The catalog holds no usable offer (%u entries read, %u skipped)."),
                   result->rows_read, sp_import_result_get_rows_skipped (result));
      return NULL;
    }

  return g_steal_pointer (&result);
}
