/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-llm-prices-cn.c — szp2005/llm-prices-cn prices.json
 *
 * One JSON object {last_updated, usd_to_cny_rate, license, source, models:
 * [model, …]}; prices are JSON numbers per 1M tokens.  Chinese vendors bill
 * in CNY, the others in USD: the offer's price is the one in the model's
 * billing_currency, read from
 *   - the newer schema (2026-08): input_price_orig_per_m, …;
 *   - the older schema (2026-07): input_price_usd_per_m or
 *     input_price_cny_per_m, whichever matches billing_currency.
 * The other currency's figure is the file's own conversion at its
 * usd_to_cny_rate: never a price, never read.
 *
 * price_tiers is an ordered list with up_to_input_tokens (null = no upper
 * bound); the tier is chosen by one request's input tokens and the whole
 * request is charged at its rates (a cliff), so tier i > 0 becomes an
 * SpTokenTier above the previous tier's up_to_input_tokens.  The top-level
 * prices are the first tier.  null is unknown, never 0.  retired: true is a
 * model no longer sold (kept, hidden unless asked for).  last_updated is the
 * snapshot's date (the import's generated_at).  The data is CC-BY-4.0: every
 * offer carries the credit its README asks for.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sp-adapter-json-private.h"
#include "sp-json.h"
#include "sp-import-private.h"
#include "sp-text.h"
#include "sp-vendors.h"

/* What the catalog looks like at its top (sp_adapter_json_open ()) */
static const SpAdapterJsonTop llm_prices_cn_top = {
  .what = "llm-prices-cn", .source = "llm-prices-cn", .max_depth = 32,
  .member = "models", .type = JSON_NODE_ARRAY,
  .shape_error = N_("An llm-prices-cn catalog must be a JSON object with a list of models"),
};

/* More than 10^6 per 1M tokens is not a real price. */
#define LLM_PRICES_CN_ABSURD_PRICE (G_GINT64_CONSTANT (1000000) * SP_MONEY_SCALE)
#define LLM_PRICES_CN_MAX_TIERS 16

/* "CNY", "USD": three ASCII capitals */
static gboolean
is_currency_code (const char *text)
{
  return text != NULL && strlen (text) == 3 &&
         g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && g_ascii_isupper (text[2]);
}

/* The three prices of @obj (a model or one of its tiers) in its billing
 * currency.  @newer: the *_orig_per_m schema.  FALSE with @why when one is
 * unusable. */
static gboolean
read_prices (JsonObject  *obj,
             gboolean     newer,
             const char  *currency,
             SpMoney      prices[3],
             char       **list_text,
             char       **why)
{
  static const char *bases[] = { "input_price", "output_price", "cached_input_price" };
  g_autofree char *lower = g_ascii_strdown (currency, -1);

  for (guint k = 0; k < G_N_ELEMENTS (bases); k++)
    {
      g_autofree char *member = newer ? g_strdup_printf ("%s_orig_per_m", bases[k])
                                      : g_strdup_printf ("%s_%s_per_m", bases[k], lower);

      if (sp_adapter_json_price (json_object_get_member (obj, member), member, 0,
                                 LLM_PRICES_CN_ABSURD_PRICE, &prices[k],
                                 k == 0 ? list_text : NULL, why) == SP_ADAPTER_PRICE_BAD)
        return FALSE;
    }
  return TRUE;
}

/* A whole number of tokens > 0 in @node; FALSE otherwise. */
static gboolean
read_tokens (JsonNode *node,
             gint64   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) > 0)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d >= 1 && d <= 1e15 && d == (double) (gint64) d)
        {
          *out = (gint64) d;
          return TRUE;
        }
    }
  return FALSE;
}

/* price_tiers -> SpTokenTier for tiers 2…n (the first is the base price).
 * *@out stays NULL when there is no list or a single tier; FALSE with @why
 * when the list is malformed. */
static gboolean
read_tiers (JsonObject  *obj,
            gboolean     newer,
            const char  *currency,
            SpMoney      first[3],
            GArray     **out,
            char       **why)
{
  JsonNode *node = json_object_get_member (obj, "price_tiers");
  g_autoptr(GArray) tiers = NULL;
  JsonArray *array;
  gint64 previous_up_to = 0;
  guint n;

  *out = NULL;
  first[0] = first[1] = first[2] = SP_MONEY_UNKNOWN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *why = g_strdup (_("price tiers are not a list"));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > LLM_PRICES_CN_MAX_TIERS)
    {
      *why = g_strdup_printf (_("more than %u price tiers"), LLM_PRICES_CN_MAX_TIERS);
      return FALSE;
    }

  tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *t = json_array_get_element (array, i);
      JsonNode *up_node;
      SpMoney prices[3];
      gint64 up_to = 0;
      gboolean last = i + 1 == n;

      if (!JSON_NODE_HOLDS_OBJECT (t))
        {
          *why = g_strdup (_("a price tier is not an object"));
          return FALSE;
        }
      if (!read_prices (json_node_get_object (t), newer, currency, prices, NULL, why))
        return FALSE;

      /* up_to_input_tokens: rising, only the last one open (null) */
      up_node = json_object_get_member (json_node_get_object (t), "up_to_input_tokens");
      if (up_node == NULL || JSON_NODE_HOLDS_NULL (up_node))
        {
          if (!last)
            {
              *why = g_strdup (_("a price tier other than the last has no upper bound"));
              return FALSE;
            }
        }
      else if (!read_tokens (up_node, &up_to) || up_to <= previous_up_to)
        {
          *why = g_strdup (_("price tier bounds are not rising token counts"));
          return FALSE;
        }

      if (i == 0)
        memcpy (first, prices, sizeof prices);
      else
        {
          SpTokenTier tier = { previous_up_to, prices[0], prices[1], prices[2] };
          g_array_append_val (tiers, tier);
        }
      previous_up_to = up_to;
    }

  if (tiers->len > 0)
    *out = g_steal_pointer (&tiers);
  return TRUE;
}

/* The prices of model entry @obj in @currency: base prices (a gap filled
 * from the first tier: "the top-level prices are the first tier"), the
 * list price's text and the tiers.  FALSE with a reason in *@why when they
 * cannot be read or there is no per-token price. */
static gboolean
read_model_prices (JsonObject  *obj,
                   const char  *currency,
                   SpMoney      prices[3],
                   char       **list_text,
                   GArray     **tiers,
                   char       **why)
{
  SpMoney first[3];
  gboolean newer = json_object_has_member (obj, "input_price_orig_per_m") ||
                   json_object_has_member (obj, "output_price_orig_per_m");

  if (!read_prices (obj, newer, currency, prices, list_text, why) ||
      !read_tiers (obj, newer, currency, first, tiers, why))
    return FALSE;
  for (guint k = 0; k < 3; k++)
    if (prices[k] == SP_MONEY_UNKNOWN)
      prices[k] = first[k];
  if (prices[0] == SP_MONEY_UNKNOWN && prices[1] == SP_MONEY_UNKNOWN)
    {
      *why = g_strdup (_("no per-token price"));
      return FALSE;
    }
  return TRUE;
}

/* Where model entry @obj's price comes from, onto @offer: retired or not,
 * the price source (only a web address is one), when it was verified, and
 * the credit the data's licence asks for. */
static void
read_provenance (JsonObject *obj,
                 SpOffer    *offer)
{
  JsonNode *retired = json_object_get_member (obj, "retired");
  const char *url = sp_json_member_string (obj, "source");
  const char *verified = sp_json_member_string (obj, "last_verified");
  gint64 day;

  offer->retired = retired != NULL && JSON_NODE_HOLDS_VALUE (retired) &&
                   json_node_get_value_type (retired) == G_TYPE_BOOLEAN &&
                   json_node_get_boolean (retired);
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) &&
      strpbrk (url, " \t\r\n\"<>") == NULL)
    offer->price_source_url = g_strdup (url);
  if (verified != NULL && sp_adapter_parse_day (verified, &day))
    offer->verified_at = g_strndup (verified, 10);
  offer->attribution = g_intern_static_string (sp_feed_format_attribution (SP_FEED_FORMAT_LLM_PRICES_CN));
}

/* One model entry to an offer, field by field: each check skips the entry
 * with its own reason. */
static void
parse_model (SpImportResult *result,
             guint           row,
             JsonNode       *node,
             const char     *source)
{
  g_autoptr(SpOffer) offer = NULL;
  g_autoptr(GArray) tiers = NULL;
  g_autofree char *why = NULL;
  g_autofree char *list_text = NULL;
  JsonObject *obj;
  const char *id;
  const char *currency;
  const char *vendor_id;
  const char *vendor_file_name;
  const char *name;
  const char *vendor_name = NULL;
  const char *vendor_name_zh = NULL;
  SpMoney prices[3];
  gint64 context = 0;

  id = sp_adapter_entry_id (result, row, node, _("model has no id"), &obj);
  if (id == NULL)
    return;

  currency = sp_json_member_string (obj, "billing_currency");
  if (!is_currency_code (currency))
    {
      sp_import_result_skip (result, row, id, "%s", _("no billing currency"));
      return;
    }

  vendor_id = sp_json_member_string (obj, "vendor_id");
  if (vendor_id == NULL || *vendor_id == '\0')
    {
      sp_import_result_skip (result, row, id, "%s", _("no vendor"));
      return;
    }
  vendor_file_name = sp_json_member_string (obj, "vendor_name");

  if (!read_model_prices (obj, currency, prices, &list_text, &tiers, &why))
    {
      sp_import_result_skip (result, row, id, "%s", why);
      return;
    }

  /* the file names its vendors in Chinese: sp-vendors.c's names first */
  sp_vendor_names_given (vendor_id, vendor_file_name, vendor_file_name, &vendor_name,
                         &vendor_name_zh);

  read_tokens (json_object_get_member (obj, "context_window"), &context);

  name = sp_json_member_string (obj, "name");
  offer = sp_adapter_token_offer_new (source, id, name != NULL ? name : id, id, vendor_id,
                                      vendor_name, vendor_name_zh, currency, prices);
  offer->context_window = context;
  offer->tiers = g_steal_pointer (&tiers);
  if (list_text != NULL)
    {
      offer->list_price = g_steal_pointer (&list_text);
      offer->list_unit = g_intern_static_string ("1M tokens");
    }

  read_provenance (obj, offer);

  sp_import_result_add_offer (result, row, g_steal_pointer (&offer));
}

gboolean
sp_adapter_llm_prices_cn_parse (const char      *data,
                                gsize            len,
                                SpImportResult  *result,
                                GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *obj;
  JsonNode *models;
  JsonArray *array;
  const char *source;
  const char *updated;
  gint64 generated_at;

  models = sp_adapter_json_open (&llm_prices_cn_top, data, len, result, &parser, &source, error);
  if (models == NULL)
    return FALSE;
  obj = json_node_get_object (json_parser_get_root (parser));
  sp_import_result_set_vendor_name (result, "llm-prices-cn");

  /* the snapshot's date, as the suanpan feed's generated_at */
  updated = sp_json_member_string (obj, "last_updated");
  if (updated != NULL && sp_adapter_parse_day (updated, &generated_at))
    sp_import_result_set_generated_at (result, generated_at);

  array = json_node_get_array (models);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      sp_import_result_row_read (result);
      parse_model (result, i + 1, json_array_get_element (array, i), source);
    }

  return TRUE;
}
