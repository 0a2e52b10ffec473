/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-json.c — what the JSON adapters share (sp-import-private.h):
 * loading JSON safely, reading and checking prices, days, token tiers */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sp-adapter-json-private.h"
#include "sp-import-private.h"
#include "sp-json.h"
#include "sp-text.h"

/* Scan the raw bytes outside strings: refuse nesting deeper than @max_depth
 * before a recursive parser sees it (100,000 '[' must not blow the stack),
 * and find integer literals of 19 digits or more.  json-glib 1.6 reads those
 * with strtoull and wraps them silently (99999999999999999999 becomes -1), so
 * when @widened is not NULL they are copied there with ".0" appended, which
 * makes json-glib read them as (huge) doubles instead. */
static gboolean
json_scan (const char  *data,
           gsize        len,
           guint        max_depth,
           gboolean    *has_big_int,
           GString     *widened)
{
  SpJsonScan scan = { 0, FALSE };
  gsize copied = 0;

  *has_big_int = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      SpJsonScanStep step = sp_json_scan_byte (&scan, data, &i, max_depth);

      if (step == SP_JSON_SCAN_TOO_DEEP)
        return FALSE;
      if (step == SP_JSON_SCAN_OTHER && (g_ascii_isdigit (data[i]) || data[i] == '-'))
        {
          gsize end = i;
          guint digits = 0;
          gboolean integer = TRUE;

          while (end < len && (g_ascii_isdigit (data[end]) || data[end] == '-' ||
                               data[end] == '+' || data[end] == '.' ||
                               data[end] == 'e' || data[end] == 'E'))
            {
              if (g_ascii_isdigit (data[end]))
                digits++;
              else if (data[end] != '-' || end != i)
                integer = FALSE;
              end++;
            }

          if (integer && digits >= 19)
            {
              *has_big_int = TRUE;
              if (widened != NULL)
                {
                  g_string_append_len (widened, data + copied, (gssize) (end - copied));
                  g_string_append (widened, ".0");
                  copied = end;
                }
            }
          i = end - 1;
        }
    }

  if (widened != NULL)
    g_string_append_len (widened, data + copied, (gssize) (len - copied));

  return TRUE;
}

JsonParser *
sp_adapter_json_load (const char  *data,
                      gsize        len,
                      guint        max_depth,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) widened = NULL;
  g_autofree char *marked = NULL;
  gboolean has_big_int;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING,
                   _("The %s catalog is not valid UTF-8 text"), what);
      return NULL;
    }

  if (!json_scan (data, len, max_depth, &has_big_int, NULL))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("The %s catalog is nested more than %u levels deep"), what, max_depth);
      return NULL;
    }

  if (has_big_int)
    {
      widened = g_string_sized_new (len + 64);
      json_scan (data, len, max_depth, &has_big_int, widened);
      data = widened->str;
      len = widened->len;
    }

  /* "\u0000" would silently cut a string: mark it so the offer is refused */
  marked = sp_text_json_mark_invalid (data, len);
  if (marked != NULL)
    data = marked;

  parser = json_parser_new_immutable ();
  if (len > 0 && !json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("The %s catalog is not valid JSON: %s"), what, local_error->message);
      return NULL;
    }

  if (len == 0 || json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                   _("The %s catalog is empty"), what);
      return NULL;
    }

  return g_steal_pointer (&parser);
}

JsonNode *
sp_adapter_json_top (const char   *data,
                     gsize         len,
                     guint         max_depth,
                     const char   *what,
                     const char   *member,
                     JsonNodeType  type,
                     const char   *shape_error,
                     JsonParser  **parser,
                     GError      **error)
{
  JsonNode *node;

  *parser = sp_adapter_json_load (data, len, max_depth, what, error);
  if (*parser == NULL)
    return NULL;
  node = json_parser_get_root (*parser);
  if (member != NULL)
    node = JSON_NODE_HOLDS_OBJECT (node)
           ? json_object_get_member (json_node_get_object (node), member) : NULL;
  if (node == NULL || JSON_NODE_TYPE (node) != type)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE, shape_error);
      return NULL;
    }
  return node;
}

JsonNode *
sp_adapter_json_open (const SpAdapterJsonTop  *top,
                      const char              *data,
                      gsize                    len,
                      SpImportResult          *result,
                      JsonParser             **parser,
                      const char             **source,
                      GError                 **error)
{
  JsonNode *node;

  /* sp_adapter_json_top() checks @data and @error */
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (result), NULL);

  node = sp_adapter_json_top (data, len, top->max_depth, top->what, top->member, top->type,
                              _(top->shape_error), parser, error);
  if (node != NULL)
    *source = sp_adapter_source_or (result, top->source);
  return node;
}

gboolean
sp_adapter_check_price (SpMoney        value,
                        const GError  *error,
                        SpMoney        max,
                        char         **reason)
{
  g_return_val_if_fail (reason != NULL, FALSE);

  *reason = NULL;
  if (error != NULL)
    {
      if (g_error_matches (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE))
        *reason = g_strdup (_("price is not a finite number"));
      else if (g_error_matches (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NEGATIVE))
        *reason = g_strdup (_("negative price"));
      else if (g_error_matches (error, SP_MONEY_ERROR, SP_MONEY_ERROR_RANGE))
        *reason = g_strdup (_("price is too large"));
      return FALSE;
    }

  if (value < 0)
    {
      *reason = g_strdup (_("negative price"));
      return FALSE;
    }

  if (value > max)
    {
      *reason = g_strdup (_("price is too large"));
      return FALSE;
    }

  return TRUE;
}

SpAdapterPrice
sp_adapter_json_price (JsonNode    *node,
                       const char  *member,
                       int          pow10_shift,
                       SpMoney      max,
                       SpMoney     *out,
                       char       **list_text,
                       char       **why)
{
  g_autoptr(GError) error = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *reason = NULL;
  SpMoney value;
  GType vtype;

  *out = SP_MONEY_UNKNOWN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return SP_ADAPTER_PRICE_ABSENT;

  vtype = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (vtype == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d))
        {
          *why = g_strdup (_("price is not a finite number"));
          return SP_ADAPTER_PRICE_BAD;
        }
      if (d < 0)
        {
          *why = g_strdup (_("negative price"));
          return SP_ADAPTER_PRICE_BAD;
        }
      sp_double_to_shortest (d, buf);
      if (!sp_money_from_double (d, pow10_shift, SP_ROUND_HALF_UP, &value, &error))
        value = SP_MONEY_UNKNOWN;
    }
  else if (vtype == G_TYPE_INT64)
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (node));
      if (!sp_money_parse_scaled (buf, pow10_shift, SP_ROUND_HALF_UP, &value, &error))
        value = SP_MONEY_UNKNOWN;
    }
  else
    {
      *why = g_strdup_printf (_("price is not a number (%s)"), member);
      return SP_ADAPTER_PRICE_BAD;
    }

  if (!sp_adapter_check_price (value, error, max, &reason))
    {
      *why = reason != NULL ? reason : g_strdup_printf (_("price is not a number (%s)"), member);
      return SP_ADAPTER_PRICE_BAD;
    }

  *out = value;
  if (list_text != NULL)
    *list_text = g_strdup (buf);

  return SP_ADAPTER_PRICE_OK;
}

gboolean
sp_adapter_parse_day (const char *text,
                      gint64     *out)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) < 10 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) || text[4] != '-' ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) || text[7] != '-' ||
      !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9]) ||
      (text[10] != '\0' && text[10] != 'T' && text[10] != ' '))
    return FALSE;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (y < 1970 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

int
sp_adapter_tier_cmp (gconstpointer a,
                     gconstpointer b)
{
  const SpTokenTier *ta = a;
  const SpTokenTier *tb = b;

  return (ta->above_tokens > tb->above_tokens) - (ta->above_tokens < tb->above_tokens);
}

const char *
sp_adapter_source_or (SpImportResult *result,
                      const char     *fallback)
{
  const char *source = sp_import_result_get_source (result);

  if (source == NULL)
    {
      source = fallback;
      sp_import_result_set_source (result, source);
    }
  return source;
}

JsonObject *
sp_adapter_entry_object (SpImportResult *result,
                         guint           row,
                         JsonNode       *node)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sp_import_result_skip (result, row, NULL, "%s", _("entry is not an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

const char *
sp_adapter_entry_id (SpImportResult  *result,
                     guint            row,
                     JsonNode        *node,
                     const char      *no_id,
                     JsonObject     **obj)
{
  const char *id;

  *obj = sp_adapter_entry_object (result, row, node);
  if (*obj == NULL)
    return NULL;
  id = sp_json_member_string (*obj, "id");
  if (id == NULL || *id == '\0')
    {
      sp_import_result_skip (result, row, NULL, "%s", no_id);
      return NULL;
    }
  return id;
}

SpOffer *
sp_adapter_token_offer_new (const char    *source,
                            const char    *id,
                            const char    *name,
                            const char    *model,
                            const char    *vendor_id,
                            const char    *vendor_name,
                            const char    *vendor_name_zh,
                            const char    *currency,
                            const SpMoney  prices[3])
{
  SpOffer *offer = sp_import_offer_new (id, g_intern_string (source), sp_text_intern (vendor_id),
                                        vendor_name, vendor_name_zh, name, model,
                                        SP_BILLING_ON_DEMAND, g_intern_string (currency));

  offer->kind = SP_OFFER_KIND_TOKENS;
  offer->price = prices[0];
  offer->input_price = prices[0];
  offer->output_price = prices[1];
  offer->cached_input_price = prices[2];
  return offer;
}
