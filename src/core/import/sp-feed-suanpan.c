/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-feed-suanpan.c — read a Suanpan Offer Feed (docs/feed-format.md)
 *
 * The reader is strict about types and lenient about what it does not know:
 *
 *  - a whole-file problem (not UTF-8, not JSON, too deeply nested, not a
 *    feed, a newer major version, a malformed top-level field) refuses the
 *    file with an SP_IMPORT_ERROR;
 *  - a problem inside one offer skips that offer with a reason and the
 *    reader goes on;
 *  - unknown members are ignored everywhere (newer minor versions add them),
 *    unknown billing / tax / fapiao values read as "unknown", and a member
 *    whose value is null counts as absent.
 *
 * Every node's type is checked before a json-glib getter is called on it.
 * Prices must be decimal strings; they are read exactly into micro-units with
 * sp_money_parse() (rounded half-up once when they have more than 6 decimals).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-json.h"
#include "sp-import-private.h"
#include "sp-text.h"

/* json-glib parses recursively: deeper input is refused before parsing. */
#define FEED_MAX_DEPTH 64

/* Longest decimal string accepted as a price. */
#define PRICE_MAX_LEN 64

/* Bounds for the integer fields (all far above anything real). */
#define MAX_GPU_COUNT        65536
#define MAX_GPU_MEMORY_GB    65536
#define MAX_VCPUS_MILLI      G_GINT64_CONSTANT (1000000000)  /* 1,000,000 vCPUs */
#define MAX_RAM_MIB          G_GINT64_CONSTANT (4000000000)  /* ~3.8 PB */
#define MAX_TOKENS           G_GINT64_CONSTANT (9007199254740992) /* 2^53 */
#define MAX_BILLING_SECONDS  G_GINT64_CONSTANT (31622400)    /* 366 days */

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */
/* ------------------------------------------------------------------------ */

/* The offending text for a message: at most 32 characters, control
 * characters replaced (the input is already valid UTF-8). */
static char *
quote_value (const char *text)
{
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 32)
        {
          g_string_append (s, "…");
          break;
        }
      if (g_unichar_iscntrl (c))
        g_string_append_c (s, '?');
      else
        g_string_append_unichar (s, c);
      n++;
    }
  return g_string_free (s, FALSE);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
wrong_type (GError    **error,
            const char *path,
            const char *expected)
{
  g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
               /* Translators: the first %s is a field name such as “spec.gpu_count”
                * (not translated), the second what it should be, such as “a whole
                * number” or “text” (translated separately) */
               _("“%s” has the wrong type: it should be %s"), path, expected);
  return FALSE;
}

static gboolean
missing (GError    **error,
         const char *path)
{
  g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
               _("“%s” is missing"), path);
  return FALSE;
}

/* Reads an optional (or @required) string member; *out is borrowed from the
 * node and stays valid while the parser lives.  Absent leaves *out NULL. */
static gboolean
read_string (JsonObject  *obj,
             const char  *name,
             const char  *path,
             gboolean     required,
             const char **out,
             GError     **error)
{
  JsonNode *node = sp_json_member (obj, name);

  *out = NULL;
  if (node == NULL)
    return required ? missing (error, path) : TRUE;
  if (!sp_json_node_is_string (node))
    return wrong_type (error, path, _("text"));
  *out = json_node_get_string (node);
  if (required && (*out == NULL || **out == '\0'))
    {
      *out = NULL;
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is empty"), path);
      return FALSE;
    }
  return TRUE;
}

/* An optional member holding an object (@type JSON_NODE_OBJECT: *@out is a
 * JsonObject *) or a list (JSON_NODE_ARRAY: a JsonArray *); absent leaves
 * *@out NULL. */
static gboolean
read_container (JsonObject    *obj,
                const char    *name,
                const char    *path,
                JsonNodeType   type,
                gpointer      *out,
                GError       **error)
{
  JsonNode *node = sp_json_member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != type)
    return wrong_type (error, path, type == JSON_NODE_OBJECT ? _("an object") : _("a list"));
  *out = type == JSON_NODE_OBJECT ? (gpointer) json_node_get_object (node)
                                  : (gpointer) json_node_get_array (node);
  return TRUE;
}

/* An optional whole number in [@min, @max]; absent leaves *out untouched.
 * A JSON number with a fraction of zero (8.0) is accepted. */
static gboolean
read_integer (JsonObject *obj,
              const char *name,
              const char *path,
              gint64      min,
              gint64      max,
              gint64     *out,
              GError    **error)
{
  JsonNode *node = sp_json_member (obj, name);
  gint64 value;

  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    return wrong_type (error, path, _("a whole number"));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      /* json-glib turns integers beyond 64 bits into negative values, so
       * they fail the range check below. */
      value = json_node_get_int (node);
    }
  else
    {
      double d = json_node_get_double (node);

      if (!(d >= -9007199254740992.0 && d <= 9007199254740992.0))
        goto out_of_range;
      if (d != (double) (gint64) d)
        return wrong_type (error, path, _("a whole number"));
      value = (gint64) d;
    }

  if (value < min || value > max)
    goto out_of_range;
  *out = value;
  return TRUE;

out_of_range:
  g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
               _("“%s” is out of range (%lld to %lld)"),
               path, (long long) min, (long long) max);
  return FALSE;
}

/* An optional non-negative JSON number (integer or decimal) read exactly and
 * scaled by 10^@pow10_shift relative to micro-units, i.e. the value in
 * units of 10^-(6 + pow10_shift).  Absent leaves *out untouched. */
static gboolean
read_quantity (JsonObject *obj,
               const char *name,
               const char *path,
               int         pow10_shift,
               gint64      max,
               gint64     *out,
               GError    **error)
{
  JsonNode *node = sp_json_member (obj, name);
  SpMoney value;
  gboolean ok;

  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    return wrong_type (error, path, _("a number"));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 i = json_node_get_int (node);
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, i);
      ok = sp_money_parse_scaled (buf, pow10_shift, SP_ROUND_HALF_UP, &value, NULL);
    }
  else
    {
      ok = sp_money_from_double (json_node_get_double (node), pow10_shift,
                                 SP_ROUND_HALF_UP, &value, NULL);
    }

  if (!ok || value < 0 || value > max)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is not a usable number (negative or too large)"), path);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* Plain decimal text: digits, optionally a dot and more digits. */
static gboolean
is_plain_decimal (const char *text)
{
  const char *p = text;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

static gboolean
is_not_finite_word (const char *text)
{
  static const char * const words[] = {
    "nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (text, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* An optional price: a decimal string, read exactly into micro-units.
 * Absent (or null) is SP_MONEY_UNKNOWN.  *text_out (may be NULL) gets the
 * text as written, borrowed from the node. */
static gboolean
read_price (JsonObject  *obj,
            const char  *name,
            const char  *path,
            SpMoney     *out,
            const char **text_out,
            GError     **error)
{
  JsonNode *node = sp_json_member (obj, name);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *quoted = NULL;
  const char *text;
  SpMoney value;

  *out = SP_MONEY_UNKNOWN;
  if (text_out != NULL)
    *text_out = NULL;
  if (node == NULL)
    return TRUE;

  if (node_is_number (node))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is a JSON number; prices must be written as text, "
                     "such as \"2.5\""), path);
      return FALSE;
    }
  if (!sp_json_node_is_string (node))
    return wrong_type (error, path, _("a price written as text, such as \"2.5\""));

  text = json_node_get_string (node);
  quoted = quote_value (text);

  if (text[0] == '-' && (g_ascii_isdigit (text[1]) || text[1] == '.'))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is negative (%s)"), path, quoted);
      return FALSE;
    }
  if (is_not_finite_word (text))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is not a finite number (%s)"), path, quoted);
      return FALSE;
    }
  if (strlen (text) > PRICE_MAX_LEN || !is_plain_decimal (text))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is not a plain decimal number such as \"2.5\" (%s)"),
                   path, quoted);
      return FALSE;
    }
  if (!sp_money_parse (text, &value, &local_error) || value < 0 || value > SP_MONEY_MAX)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is too large to be a price (%s)"), path, quoted);
      return FALSE;
    }
  /* a price below half a micro-unit would read as 0, i.e. free (issue 14);
   * a hidden cost that small is negligible and kept as 0 */
  if (value == 0 && strpbrk (text, "123456789") != NULL && g_str_has_prefix (path, "price."))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is below 0.000001, the smallest price Suanpan keeps (%s)"),
                   path, quoted);
      return FALSE;
    }

  *out = value;
  if (text_out != NULL)
    *text_out = text;
  return TRUE;
}

/* Stable ids: [a-z0-9-], 1 to 64 characters. */
static gboolean
is_stable_id (const char *id)
{
  gsize n = 0;

  for (const char *p = id; *p != '\0'; p++, n++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return n > 0 && n <= 64;
}

static gboolean
is_currency_code (const char *code)
{
  return strlen (code) == 3 &&
         g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

static gboolean
all_digits (const char *p,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* RFC 3339 date-time (an offset or Z is required), or a date YYYY-MM-DD which
 * means 00:00:00 UTC of that day.  Returns unix seconds in *out. */
static gboolean
parse_time (const char *text,
            gint64     *out)
{
  gsize len = strlen (text);
  g_autoptr(GDateTime) dt = NULL;

  if (len < 10 || !all_digits (text, 4) || text[4] != '-' || !all_digits (text + 5, 2) ||
      text[7] != '-' || !all_digits (text + 8, 2))
    return FALSE;

  if (len == 10)
    {
      int y = atoi (text), m = atoi (text + 5), d = atoi (text + 8);

      if (y < 1 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month (m, y))
        return FALSE;
      dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
    }
  else
    {
      g_autofree char *upper = NULL;

      /* YYYY-MM-DDTHH:MM:SS, then fraction and offset */
      if (len < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
          !all_digits (text + 11, 2) || text[13] != ':' || !all_digits (text + 14, 2) ||
          text[16] != ':' || !all_digits (text + 17, 2))
        return FALSE;
      /* GLib wants the upper-case T and Z that RFC 3339 lets one write in
       * lower case; without a zone it would assume local time, which RFC 3339
       * does not allow. */
      upper = g_ascii_strup (text, -1);
      if (upper[len - 1] != 'Z' && !(len >= 25 && (upper[len - 6] == '+' || upper[len - 6] == '-')
                                     && upper[len - 3] == ':'))
        return FALSE;
      dt = g_date_time_new_from_iso8601 (upper, NULL);
    }

  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static gboolean
read_time (JsonObject *obj,
           const char *name,
           const char *path,
           gint64     *out,
           GError    **error)
{
  const char *text;

  if (!read_string (obj, name, path, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_time (text, out))
    {
      g_autofree char *quoted = quote_value (text);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is not a date (%s); write RFC 3339 such as "
                     "2026-03-01T00:00:00+08:00, or 2026-03-01"), path, quoted);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  const char *id;
  const char *name_en;
  const char *name_zh;
} Vendor;

/* A vendor object, the feed's or an offer's own ("vendor" in both places):
 * {"id": "…", "name": {"en": "…", "zh_CN": "…"}, "homepage": "…"} */
static gboolean
read_vendor (JsonNode   *node,
             Vendor     *out,
             GError    **error)
{
  JsonObject *obj, *name = NULL;
  const char *homepage;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, "vendor", _("an object"));
  obj = json_node_get_object (node);

  if (!read_string (obj, "id", "vendor.id", TRUE, &out->id, error))
    return FALSE;
  if (!is_stable_id (out->id))
    {
      g_autofree char *quoted = quote_value (out->id);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” (%s) may only use a–z, 0–9 and “-” (at most 64)"),
                   "vendor.id", quoted);
      return FALSE;
    }
  if (!read_container (obj, "name", "vendor.name", JSON_NODE_OBJECT, (gpointer *) &name, error))
    return FALSE;
  out->name_en = out->name_zh = NULL;
  if (name != NULL)
    {
      if (!read_string (name, "en", "vendor.name.en", FALSE, &out->name_en, error) ||
          !read_string (name, "zh_CN", "vendor.name.zh_CN", FALSE, &out->name_zh, error))
        return FALSE;
    }
  if (out->name_en == NULL || out->name_en[0] == '\0')
    out->name_en = out->id;
  if (out->name_zh != NULL && out->name_zh[0] == '\0')
    out->name_zh = NULL;
  return read_string (obj, "homepage", "vendor.homepage", FALSE, &homepage, error);
}

typedef enum {
  SCAN_OK,
  SCAN_TOO_DEEP,
  SCAN_NOT_STRICT,
} ScanResult;

/* Refuse input nested deeper than @max_depth before json-glib recurses into
 * it; brackets inside strings do not count.  json-glib 1.6 also accepts
 * single-quoted strings and comments, which would hide brackets from this
 * count ("['\"', [[[[…"): neither is JSON, so a quote or a slash outside a
 * string is refused here too.  *offset gets the offending byte. */
static ScanResult
scan_structure (const char *data,
                gsize       len,
                guint       max_depth,
                gsize      *offset)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      *offset = i;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return SCAN_TOO_DEEP;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (c == '\'' || c == '/')
        return SCAN_NOT_STRICT;
    }
  return SCAN_OK;
}

/* "1.0" → 1, 0.  At most 6 digits per part. */
static gboolean
parse_version (const char *text,
               guint      *major,
               guint      *minor)
{
  const char *dot = strchr (text, '.');
  gsize n_major, n_minor;

  if (dot == NULL)
    return FALSE;
  n_major = dot - text;
  n_minor = strlen (dot + 1);
  if (n_major < 1 || n_major > 6 || n_minor < 1 || n_minor > 6 ||
      !all_digits (text, n_major) || !all_digits (dot + 1, n_minor))
    return FALSE;
  *major = (guint) atoi (text);
  *minor = (guint) atoi (dot + 1);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* One offer                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  SpImportResult *result;
  const char     *source;      /* interned */
  Vendor          vendor;      /* the feed's vendor */
  gboolean        demo;
} FeedContext;

static gboolean
read_tiers (JsonArray  *tiers,
            SpOffer    *offer,
            GError    **error)
{
  guint n = json_array_get_length (tiers);
  g_autoptr(GArray) out = NULL;

  if (n == 0)
    return TRUE;

  out = g_array_sized_new (FALSE, TRUE, sizeof (SpTokenTier), n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (tiers, i);
      g_autofree char *path = g_strdup_printf ("price.tiers[%u]", i);
      g_autofree char *above_path = g_strconcat (path, ".above_tokens", NULL);
      g_autofree char *input_path = g_strconcat (path, ".input", NULL);
      g_autofree char *output_path = g_strconcat (path, ".output", NULL);
      g_autofree char *cached_path = g_strconcat (path, ".cached_input", NULL);
      SpTokenTier tier = { 0 };
      JsonObject *obj;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return wrong_type (error, path, _("an object"));
      obj = json_node_get_object (node);

      if (sp_json_member (obj, "above_tokens") == NULL)
        return missing (error, above_path);
      if (!read_integer (obj, "above_tokens", above_path, 1, MAX_TOKENS,
                         &tier.above_tokens, error) ||
          !read_price (obj, "input", input_path, &tier.input, NULL, error) ||
          !read_price (obj, "output", output_path, &tier.output, NULL, error) ||
          !read_price (obj, "cached_input", cached_path, &tier.cached_input, NULL, error))
        return FALSE;
      if (tier.input == SP_MONEY_UNKNOWN && tier.output == SP_MONEY_UNKNOWN)
        {
          g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                       _("“%s” has no input or output price"), path);
          return FALSE;
        }
      g_array_append_val (out, tier);
    }

  g_array_sort (out, sp_adapter_tier_cmp);
  for (guint i = 1; i < out->len; i++)
    if (g_array_index (out, SpTokenTier, i).above_tokens ==
        g_array_index (out, SpTokenTier, i - 1).above_tokens)
      {
        g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                     _("two tiers start above the same number of tokens (%lld)"),
                     (long long) g_array_index (out, SpTokenTier, i).above_tokens);
        return FALSE;
      }

  offer->tiers = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
read_spec (JsonObject *spec,
           SpOffer    *offer,
           GError    **error)
{
  const char *gpu_model, *region, *billing, *commitment;
  gint64 gpu_count = 0, gpu_memory = 0, vcpus_milli = 0;
  gint64 ram_micro_gb = -1;

  if (!read_string (spec, "gpu_model", "spec.gpu_model", FALSE, &gpu_model, error) ||
      !read_integer (spec, "gpu_count", "spec.gpu_count", 0, MAX_GPU_COUNT, &gpu_count, error) ||
      !read_integer (spec, "gpu_memory_gb", "spec.gpu_memory_gb", 0, MAX_GPU_MEMORY_GB,
                     &gpu_memory, error) ||
      !read_quantity (spec, "vcpus", "spec.vcpus", -3, MAX_VCPUS_MILLI, &vcpus_milli, error) ||
      !read_quantity (spec, "ram_gb", "spec.ram_gb", 0,
                      MAX_RAM_MIB / 1024 * SP_MONEY_SCALE, &ram_micro_gb, error) ||
      !read_string (spec, "region", "spec.region", FALSE, &region, error) ||
      !read_string (spec, "billing", "spec.billing", FALSE, &billing, error) ||
      !read_string (spec, "min_commitment", "spec.min_commitment", FALSE, &commitment, error))
    return FALSE;

  offer->gpu_model = sp_gpu_model_canonical (gpu_model);
  offer->gpu_count = (guint) gpu_count;
  offer->gpu_memory_gb = (guint) gpu_memory;
  offer->vcpus_milli = (guint) vcpus_milli;
  if (ram_micro_gb >= 0)
    {
      SpMoney mib = 0;

      /* GB here are GiB, as cloud vendors list memory: × 1024 MiB, rounded
       * half-up once to whole MiB. */
      sp_money_muldiv (ram_micro_gb, 1024, SP_MONEY_SCALE, SP_ROUND_HALF_UP, &mib);
      offer->ram_mib = (guint) mib;
    }
  if (region != NULL && region[0] != '\0')
    offer->region = sp_text_intern (region);
  /* an unknown billing word (from a newer minor version) reads as unknown */
  if (billing == NULL || !sp_billing_from_string (billing, &offer->billing))
    offer->billing = SP_BILLING_UNKNOWN;
  if (commitment != NULL && commitment[0] != '\0')
    offer->min_commitment = g_strdup (commitment);
  return TRUE;
}

static gboolean
read_price_object (JsonObject *price,
                   SpOffer    *offer,
                   GError    **error)
{
  const char *currency, *tax, *main_text = NULL;
  JsonArray *tiers;

  if (!read_string (price, "currency", "price.currency", TRUE, &currency, error))
    return FALSE;
  if (!is_currency_code (currency))
    {
      g_autofree char *quoted = quote_value (currency);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“price.currency” (%s) is not a three-letter currency code "
                     "such as CNY or USD"), quoted);
      return FALSE;
    }
  offer->currency = g_intern_string (currency);

  if (!read_string (price, "tax", "price.tax", FALSE, &tax, error))
    return FALSE;
  if (tax == NULL || !sp_tax_basis_from_string (tax, &offer->tax))
    offer->tax = SP_TAX_UNKNOWN;

  if (offer->kind == SP_OFFER_KIND_TOKENS)
    {
      const char *output_text = NULL;

      if (!read_price (price, "input", "price.input", &offer->input_price, &main_text, error) ||
          !read_price (price, "output", "price.output", &offer->output_price, &output_text,
                       error) ||
          !read_price (price, "cached_input", "price.cached_input",
                       &offer->cached_input_price, NULL, error) ||
          !read_integer (price, "context_window", "price.context_window", 0, MAX_TOKENS,
                         &offer->context_window, error) ||
          !read_container (price, "tiers", "price.tiers", JSON_NODE_ARRAY,
                           (gpointer *) &tiers, error))
        return FALSE;
      if (tiers != NULL && !read_tiers (tiers, offer, error))
        return FALSE;
      offer->price = offer->input_price;
      if (main_text == NULL && output_text != NULL)
        {
          /* Only the output price is known: that is what the vendor lists. */
          main_text = output_text;
          offer->list_unit = g_intern_static_string ("1M output tokens");
        }
      else
        offer->list_unit = g_intern_static_string ("1M input tokens");
    }
  else
    {
      if (!read_price (price, "per_unit", "price.per_unit", &offer->price, &main_text, error))
        return FALSE;
      offer->list_unit = g_intern_string (sp_offer_kind_unit (offer->kind));
    }

  if (main_text != NULL)
    offer->list_price = g_strdup (main_text);
  else
    offer->list_unit = NULL;
  return TRUE;
}

static gboolean
read_hidden_costs (JsonObject *costs,
                   SpOffer    *offer,
                   GError    **error)
{
  gint64 min_billing = 0;

  if (!read_price (costs, "storage_stopped_per_gb_month",
                   "hidden_costs.storage_stopped_per_gb_month",
                   &offer->storage_stopped_gb_month, NULL, error) ||
      !read_price (costs, "egress_per_gb", "hidden_costs.egress_per_gb",
                   &offer->egress_gb, NULL, error) ||
      !read_integer (costs, "min_billing_seconds", "hidden_costs.min_billing_seconds",
                     0, MAX_BILLING_SECONDS, &min_billing, error))
    return FALSE;
  offer->min_billing_seconds = (guint) min_billing;
  return TRUE;
}

static gboolean
read_tags (JsonObject *tags,
           SpOffer    *offer,
           GError    **error)
{
  JsonArray *programmes;
  const char *fapiao;

  if (!read_container (tags, "voucher_programmes", "tags.voucher_programmes", JSON_NODE_ARRAY,
                       (gpointer *) &programmes, error) ||
      !read_string (tags, "fapiao", "tags.fapiao", FALSE, &fapiao, error))
    return FALSE;

  if (fapiao == NULL || !sp_fapiao_from_string (fapiao, &offer->fapiao))
    offer->fapiao = SP_FAPIAO_UNKNOWN;

  if (programmes != NULL && json_array_get_length (programmes) > 0)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n = json_array_get_length (programmes);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (programmes, i);
          const char *id;

          if (!sp_json_node_is_string (node) || !is_stable_id (id = json_node_get_string (node)))
            {
              g_autofree char *path = g_strdup_printf ("tags.voucher_programmes[%u]", i);

              return wrong_type (error, path, _("a programme id using a–z, 0–9 and “-”"));
            }
          g_strv_builder_add (builder, id);
        }
      offer->voucher_programmes = g_strv_builder_end (builder);
    }
  return TRUE;
}

/* Fills @offer from @obj; FALSE with @error (a plain-words reason) when the
 * offer must be skipped. */
static gboolean
read_offer (FeedContext *ctx,
            JsonObject  *obj,
            SpOffer     *offer,
            GError     **error)
{
  const char *kind, *name, *model, *note;
  JsonObject *spec, *price, *costs, *tags;
  JsonNode *vendor_node;
  Vendor vendor = ctx->vendor;

  if (!read_string (obj, "kind", "kind", TRUE, &kind, error))
    return FALSE;
  /* exactly "gpu", "cpu" or "tokens" (the helper ignores case) */
  if (!sp_offer_kind_from_string (kind, &offer->kind) ||
      strcmp (kind, sp_offer_kind_to_string (offer->kind)) != 0)
    {
      g_autofree char *quoted = quote_value (kind);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("unknown kind “%s” (expected gpu, cpu or tokens)"), quoted);
      return FALSE;
    }

  if (!read_string (obj, "name", "name", TRUE, &name, error) ||
      !read_string (obj, "model", "model", offer->kind == SP_OFFER_KIND_TOKENS, &model, error) ||
      !read_string (obj, "note", "note", FALSE, &note, error))
    return FALSE;

  vendor_node = sp_json_member (obj, "vendor");
  if (vendor_node != NULL && !read_vendor (vendor_node, &vendor, error))
    return FALSE;

  if (!read_container (obj, "spec", "spec", JSON_NODE_OBJECT, (gpointer *) &spec, error) ||
      !read_container (obj, "price", "price", JSON_NODE_OBJECT, (gpointer *) &price, error) ||
      !read_container (obj, "hidden_costs", "hidden_costs", JSON_NODE_OBJECT,
                       (gpointer *) &costs, error) ||
      !read_container (obj, "tags", "tags", JSON_NODE_OBJECT, (gpointer *) &tags, error))
    return FALSE;
  if (price == NULL)
    return missing (error, "price");

  offer->source = ctx->source;
  offer->vendor_id = g_intern_string (vendor.id);
  offer->vendor_name = sp_text_intern (vendor.name_en);
  offer->vendor_name_zh = vendor.name_zh ? sp_text_intern (vendor.name_zh) : NULL;
  offer->name = g_strdup (name);
  if (model != NULL && model[0] != '\0')
    offer->model = g_strdup (model);
  if (note != NULL && note[0] != '\0')
    offer->note = g_strdup (note);
  offer->demo = ctx->demo;

  if (spec != NULL && !read_spec (spec, offer, error))
    return FALSE;
  if (!read_price_object (price, offer, error))
    return FALSE;
  if (costs != NULL && !read_hidden_costs (costs, offer, error))
    return FALSE;
  if (tags != NULL && !read_tags (tags, offer, error))
    return FALSE;

  if (!read_time (obj, "valid_from", "valid_from", &offer->valid_from, error) ||
      !read_time (obj, "valid_to", "valid_to", &offer->valid_to, error))
    return FALSE;
  if (offer->valid_from != 0 && offer->valid_to != 0 && offer->valid_to < offer->valid_from)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("“valid_to” is before “valid_from”"));
      return FALSE;
    }

  /* An offer with no known price at all is of no use; a tokens offer with
   * one of input / output known is kept, the other stays unknown. */
  if (offer->price == SP_MONEY_UNKNOWN &&
      (offer->kind != SP_OFFER_KIND_TOKENS || offer->output_price == SP_MONEY_UNKNOWN))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE, _("no price"));
      return FALSE;
    }

  return TRUE;
}

static void
read_offers (FeedContext *ctx,
             JsonArray   *offers)
{
  guint n = json_array_get_length (offers);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (offers, i);
      guint row = i + 1;
      g_autoptr(SpOffer) offer = NULL;
      g_autoptr(GError) error = NULL;
      const char *id = NULL;
      JsonObject *obj;

      sp_import_result_row_read (ctx->result);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          sp_import_result_skip (ctx->result, row, NULL, "%s",
                                 _("the entry is not an object"));
          continue;
        }
      obj = json_node_get_object (node);

      if (!read_string (obj, "id", "id", TRUE, &id, &error))
        {
          sp_import_result_skip (ctx->result, row, NULL, "%s", error->message);
          continue;
        }

      offer = sp_offer_new ();
      offer->id = g_strdup (id);
      if (!read_offer (ctx, obj, offer, &error))
        {
          sp_import_result_skip (ctx->result, row, id, "%s", error->message);
          continue;
        }
      sp_import_result_add_offer (ctx->result, row, g_steal_pointer (&offer));
    }
}

/* ------------------------------------------------------------------------ */
/* The feed                                                                 */
/* ------------------------------------------------------------------------ */

gboolean
sp_feed_suanpan_parse (const char      *data,
                       gsize            len,
                       SpImportResult  *result,
                       GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *marked = NULL;
  const char *invalid = NULL;
  const char *version = NULL;
  JsonNode *root, *version_node, *vendor_node, *offers_node, *demo_node;
  JsonObject *obj;
  FeedContext ctx = { 0 };
  guint major, minor;
  gint64 generated_at = 0;
  gsize offset = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A UTF-8 byte order mark is tolerated. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (len > G_MAXSSIZE)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                           _("The feed is too large."));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, len, &invalid))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING,
                   _("The feed is not UTF-8 text (invalid byte at offset %lu)."),
                   (unsigned long) (invalid - data));
      return FALSE;
    }

  switch (scan_structure (data, len, FEED_MAX_DEPTH, &offset))
    {
    case SCAN_TOO_DEEP:
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("The feed is nested more than %d levels deep; it is not a Suanpan feed."),
                   FEED_MAX_DEPTH);
      return FALSE;
    case SCAN_NOT_STRICT:
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("The feed is not valid JSON: a quote or slash outside a string at "
                     "offset %lu (comments and single quotes are not JSON)."),
                   (unsigned long) offset);
      return FALSE;
    case SCAN_OK:
    default:
      break;
    }

  /* "\u0000" would silently cut a string ("a\u0000one" and "a\u0000two"
   * would both read "a"): mark it so the offer is refused (sp-text.h) */
  marked = sp_text_json_mark_invalid (data, len);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, marked != NULL ? marked : data, (gssize) len,
                                   &local_error))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("The feed is not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                           _("The feed is empty."));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("The feed is not a JSON object."));
      return FALSE;
    }
  obj = json_node_get_object (root);

  /* The version first: a newer major may have changed everything else. */
  version_node = sp_json_member (obj, "suanpan_feed");
  if (version_node == NULL)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("This is not a Suanpan feed: the “suanpan_feed” version "
                             "is missing."));
      return FALSE;
    }
  if (sp_json_node_is_string (version_node))
    version = json_node_get_string (version_node);
  if (version == NULL || !parse_version (version, &major, &minor))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("The feed version “suanpan_feed” must be text of the form "
                             "MAJOR.MINOR, such as \"1.0\"."));
      return FALSE;
    }
  if (major > SP_FEED_VERSION_MAJOR)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_VERSION,
                   _("This feed uses format version %u.%u, newer than this Suanpan "
                     "understands (%d.x). Update Suanpan to read it."),
                   major, minor, SP_FEED_VERSION_MAJOR);
      return FALSE;
    }
  if (major < 1)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_VERSION,
                   _("This feed claims format version %u.%u, which does not exist; "
                     "the first version is 1.0."), major, minor);
      return FALSE;
    }

  offers_node = sp_json_member (obj, "offers");
  if (offers_node == NULL || !JSON_NODE_HOLDS_ARRAY (offers_node))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("The feed has no “offers” list."));
      return FALSE;
    }

  vendor_node = sp_json_member (obj, "vendor");
  if (vendor_node == NULL)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("The feed does not say who publishes it: “vendor” is missing."));
      return FALSE;
    }
  if (!read_vendor (vendor_node, &ctx.vendor, &local_error) ||
      !read_time (obj, "generated_at", "generated_at", &generated_at, &local_error))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("The feed is malformed: %s."), local_error->message);
      return FALSE;
    }

  demo_node = sp_json_member (obj, "demo");
  if (demo_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (demo_node) ||
          json_node_get_value_type (demo_node) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                               _("The feed is malformed: “demo” should be true or false."));
          return FALSE;
        }
      ctx.demo = json_node_get_boolean (demo_node);
    }

  if (sp_import_result_get_source (result) == NULL)
    sp_import_result_set_source (result, ctx.vendor.id);
  sp_import_result_set_vendor_name (result, ctx.vendor.name_en);
  sp_import_result_set_generated_at (result, generated_at);

  ctx.result = result;
  ctx.source = g_intern_string (sp_import_result_get_source (result));
  read_offers (&ctx, json_node_get_array (offers_node));

  return TRUE;
}
