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

#include "sp-feed-suanpan-private.h"
#include "sp-json.h"
#include "sp-text.h"

/* json-glib parses recursively: deeper input is refused before parsing. */
#define FEED_MAX_DEPTH 64

/* Longest decimal string accepted as a price. */
#define PRICE_MAX_LEN 64

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */
/* ------------------------------------------------------------------------ */

/* The offending text for a message: at most 32 characters, control
 * characters replaced (the input is already valid UTF-8). */
char *
sp_feed_quote_value (const char *text)
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

gboolean
sp_feed_wrong_type (GError     **error,
                    const char  *path,
                    const char  *expected)
{
  g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
               /* Translators: the first %s is a field name such as “spec.gpu_count”
                * (not translated), the second what it should be, such as “a whole
                * number” or “text” (translated separately) */
               _("“%s” has the wrong type: it should be %s"), path, expected);
  return FALSE;
}

gboolean
sp_feed_missing (GError     **error,
                 const char  *path)
{
  g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
               _("“%s” is missing"), path);
  return FALSE;
}

/* Reads an optional (or @required) string member; *out is borrowed from the
 * node and stays valid while the parser lives.  Absent leaves *out NULL. */
gboolean
sp_feed_read_string (JsonObject  *obj,
                     const char  *name,
                     const char  *path,
                     gboolean     required,
                     const char **out,
                     GError     **error)
{
  if (!sp_json_read_string (obj, name, out))
    return sp_feed_wrong_type (error, path, _("text"));
  if (required && *out == NULL)
    return sp_feed_missing (error, path);
  if (required && **out == '\0')
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
gboolean
sp_feed_read_container (JsonObject    *obj,
                        const char    *name,
                        const char    *path,
                        JsonNodeType   type,
                        gpointer      *out,
                        GError       **error)
{
  if (!sp_json_read_container (obj, name, type, out))
    return sp_feed_wrong_type (error, path, type == JSON_NODE_OBJECT ? _("an object") : _("a list"));
  return TRUE;
}

/* An optional whole number in [@min, @max]; absent leaves *out untouched.
 * A JSON number with a fraction of zero (8.0) is accepted. */
gboolean
sp_feed_read_integer (JsonObject  *obj,
                      const char  *name,
                      const char  *path,
                      gint64       min,
                      gint64       max,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node = sp_json_member (obj, name);
  gint64 value;

  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    return sp_feed_wrong_type (error, path, _("a whole number"));

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
        return sp_feed_wrong_type (error, path, _("a whole number"));
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
gboolean
sp_feed_read_quantity (JsonObject  *obj,
                       const char  *name,
                       const char  *path,
                       int          pow10_shift,
                       gint64       max,
                       gint64      *out,
                       GError     **error)
{
  JsonNode *node = sp_json_member (obj, name);
  SpMoney value;
  gboolean ok;

  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    return sp_feed_wrong_type (error, path, _("a number"));

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

  return sp_text_word_index (text, words, G_N_ELEMENTS (words)) >= 0;
}

/* An optional price: a decimal string, read exactly into micro-units.
 * Absent (or null) is SP_MONEY_UNKNOWN.  *text_out (may be NULL) gets the
 * text as written, borrowed from the node. */
gboolean
sp_feed_read_price (JsonObject  *obj,
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
    return sp_feed_wrong_type (error, path, _("a price written as text, such as \"2.5\""));

  text = json_node_get_string (node);
  quoted = sp_feed_quote_value (text);

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
gboolean
sp_feed_is_stable_id (const char *id)
{
  gsize n = 0;

  for (const char *p = id; *p != '\0'; p++, n++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return n > 0 && n <= 64;
}

gboolean
sp_feed_is_currency_code (const char *code)
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

gboolean
sp_feed_read_time (JsonObject  *obj,
                   const char  *name,
                   const char  *path,
                   gint64      *out,
                   GError     **error)
{
  const char *text;

  if (!sp_feed_read_string (obj, name, path, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_time (text, out))
    {
      g_autofree char *quoted = sp_feed_quote_value (text);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” is not a date (%s); write RFC 3339 such as "
                     "2026-03-01T00:00:00+08:00, or 2026-03-01"), path, quoted);
      return FALSE;
    }
  return TRUE;
}

/* A vendor object, the feed's or an offer's own ("vendor" in both places):
 * {"id": "…", "name": {"en": "…", "zh_CN": "…"}, "homepage": "…"} */
gboolean
sp_feed_read_vendor (JsonNode  *node,
                     Vendor    *out,
                     GError   **error)
{
  JsonObject *obj, *name = NULL;
  const char *homepage;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return sp_feed_wrong_type (error, "vendor", _("an object"));
  obj = json_node_get_object (node);

  if (!sp_feed_read_string (obj, "id", "vendor.id", TRUE, &out->id, error))
    return FALSE;
  if (!sp_feed_is_stable_id (out->id))
    {
      g_autofree char *quoted = sp_feed_quote_value (out->id);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“%s” (%s) may only use a–z, 0–9 and “-” (at most 64)"),
                   "vendor.id", quoted);
      return FALSE;
    }
  if (!sp_feed_read_container (obj, "name", "vendor.name", JSON_NODE_OBJECT, (gpointer *) &name, error))
    return FALSE;
  out->name_en = out->name_zh = NULL;
  if (name != NULL)
    {
      if (!sp_feed_read_string (name, "en", "vendor.name.en", FALSE, &out->name_en, error) ||
          !sp_feed_read_string (name, "zh_CN", "vendor.name.zh_CN", FALSE, &out->name_zh, error))
        return FALSE;
    }
  if (out->name_en == NULL || out->name_en[0] == '\0')
    out->name_en = out->id;
  if (out->name_zh != NULL && out->name_zh[0] == '\0')
    out->name_zh = NULL;
  return sp_feed_read_string (obj, "homepage", "vendor.homepage", FALSE, &homepage, error);
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
  SpJsonScan scan = { 0, FALSE };

  for (gsize i = 0; i < len; i++)
    {
      *offset = i;
      switch (sp_json_scan_byte (&scan, data, &i, max_depth))
        {
        case SP_JSON_SCAN_TOO_DEEP:
          return SCAN_TOO_DEEP;
        case SP_JSON_SCAN_OTHER:
          if (data[i] == '\'' || data[i] == '/')
            return SCAN_NOT_STRICT;
          break;
        case SP_JSON_SCAN_NEXT:
        default:
          break;
        }
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
/* The feed                                                                 */
/* ------------------------------------------------------------------------ */

/* The feed's bytes as a parsed JSON object (a UTF-8 byte order mark is
 * tolerated), or NULL with @error: too large, not UTF-8, nested too deep,
 * not strict JSON, empty or not an object. */
static JsonParser *
load_feed (const char  *data,
           gsize        len,
           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *marked = NULL;
  const char *invalid = NULL;
  JsonNode *root;
  gsize offset = 0;

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
      return NULL;
    }

  if (!g_utf8_validate_len (data, len, &invalid))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING,
                   _("The feed is not UTF-8 text (invalid byte at offset %lu)."),
                   (unsigned long) (invalid - data));
      return NULL;
    }

  switch (scan_structure (data, len, FEED_MAX_DEPTH, &offset))
    {
    case SCAN_TOO_DEEP:
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("The feed is nested more than %d levels deep; it is not a Suanpan feed."),
                   FEED_MAX_DEPTH);
      return NULL;
    case SCAN_NOT_STRICT:
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("The feed is not valid JSON: a quote or slash outside a string at "
                     "offset %lu (comments and single quotes are not JSON)."),
                   (unsigned long) offset);
      return NULL;
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
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                           _("The feed is empty."));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("The feed is not a JSON object."));
      return NULL;
    }
  return g_steal_pointer (&parser);
}

/* "suanpan_feed": "MAJOR.MINOR", a major this version reads. */
static gboolean
check_version (JsonObject  *obj,
               GError     **error)
{
  const char *version = NULL;
  JsonNode *version_node;
  guint major, minor;

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

  return TRUE;
}

/* The feed's own members: its vendor, "generated_at", "demo", and the
 * "offers" list into @offers. */
static gboolean
read_feed_header (JsonObject   *obj,
                  FeedContext  *ctx,
                  gint64       *generated_at,
                  JsonArray   **offers,
                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *vendor_node, *offers_node, *demo_node;

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
  if (!sp_feed_read_vendor (vendor_node, &ctx->vendor, &local_error) ||
      !sp_feed_read_time (obj, "generated_at", "generated_at", generated_at, &local_error))
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
      ctx->demo = json_node_get_boolean (demo_node);
    }

  *offers = json_node_get_array (offers_node);
  return TRUE;
}

gboolean
sp_feed_suanpan_parse (const char      *data,
                       gsize            len,
                       SpImportResult  *result,
                       GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *obj;
  JsonArray *offers;
  FeedContext ctx = { 0 };
  gint64 generated_at = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parser = load_feed (data, len, error);
  if (parser == NULL)
    return FALSE;
  obj = json_node_get_object (json_parser_get_root (parser));
  /* The version first: a newer major may have changed everything else. */
  if (!check_version (obj, error) ||
      !read_feed_header (obj, &ctx, &generated_at, &offers, error))
    return FALSE;

  if (sp_import_result_get_source (result) == NULL)
    sp_import_result_set_source (result, ctx.vendor.id);
  sp_import_result_set_vendor_name (result, ctx.vendor.name_en);
  sp_import_result_set_generated_at (result, generated_at);

  ctx.result = result;
  ctx.source = g_intern_string (sp_import_result_get_source (result));
  sp_feed_read_offers (&ctx, offers);

  return TRUE;
}
