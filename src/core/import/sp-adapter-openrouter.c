/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-openrouter.c — OpenRouter GET /api/v1/models responses
 *
 * Top level {"data": [model, …]} (newer responses add total_count and links).
 * Prices are decimal *strings* in USD per single token; "-1" marks a
 * variable (routed) price and "0" a free model.  Every model becomes one
 * "tokens" offer priced per 1M tokens, parsed exactly from the text.
 *
 * Long-context tiers come from pricing.overrides, a list of
 * {"min_prompt_tokens": N, "prompt": …, "completion": …}.  We store N as the
 * tier's above_tokens unchanged: the vendors behind these tiers state the cliff
 * as "more than 200K tokens" and OpenRouter writes 200000 for it, which is
 * also what LiteLLM calls "above_200k_tokens", so the same cliff compares
 * equal across catalogs (at worst one token off at the boundary).
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
static const SpAdapterJsonTop openrouter_top = {
  .what = "OpenRouter", .source = "openrouter", .max_depth = 64,
  .member = "data", .type = JSON_NODE_ARRAY,
  .shape_error = N_("An OpenRouter catalog must be a JSON object with a “data” list of models"),
};

/* More than 10^6 USD per 1M tokens is not a real price. */
#define OPENROUTER_ABSURD_PRICE (G_GINT64_CONSTANT (1000000) * SP_MONEY_SCALE)

typedef enum {
  PRICE_ABSENT,
  PRICE_OK,
  PRICE_VARIABLE, /* "-1" */
  PRICE_BAD,
} PriceStatus;

static gint64
member_positive_int (JsonObject *obj,
                     const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  gint64 v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  v = json_node_get_int (node);
  return v > 0 ? v : 0;
}

/* "Qwen: Qwen3.7 Flash" -> "Qwen" (newly allocated), NULL when the name
 * has no such prefix. */
static char *
name_prefix (const char *model_name)
{
  const char *colon = model_name ? strstr (model_name, ": ") : NULL;
  g_autofree char *prefix = NULL;

  if (colon == NULL || colon == model_name || colon - model_name > 40)
    return NULL;
  prefix = g_strstrip (g_strndup (model_name, (gsize) (colon - model_name)));
  return *prefix != '\0' ? g_steal_pointer (&prefix) : NULL;
}

/* "vendor/model", aliases "~vendor/model-latest" -> "vendor" (newly
 * allocated); "openrouter" for an id without a vendor. */
static char *
vendor_of (const char *id)
{
  const char *slash = strchr (id, '/');

  if (slash != NULL && slash > id + (id[0] == '~'))
    return g_strndup (id + (id[0] == '~'), (gsize) (slash - id - (id[0] == '~')));
  return g_strdup ("openrouter");
}

/* One name per vendor id for the whole catalog: some models of a vendor
 * carry a "Vendor: " prefix and some do not ("inclusionAI: Ling" next to
 * "Ring"), so the first prefix any model of the id has is its hint
 * (sp-vendors.c names it, the same way for every adapter). */
static GHashTable *
vendor_hints (JsonArray *models)
{
  GHashTable *hints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = json_array_get_length (models);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (models, i);
      JsonObject *obj;
      const char *id;
      char *prefix;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      id = sp_json_member_string (obj, "id");
      if (id == NULL || *id == '\0')
        continue;
      prefix = name_prefix (sp_json_member_string (obj, "name"));
      if (prefix == NULL)
        continue;
      {
        g_autofree char *vendor_id = vendor_of (id);

        if (!g_hash_table_contains (hints, vendor_id))
          g_hash_table_insert (hints, g_steal_pointer (&vendor_id), prefix);
        else
          g_free (prefix);
      }
    }
  return hints;
}

/* A price member of @obj (USD per token, decimal text) as USD per 1M tokens. */
static PriceStatus
read_price (JsonObject  *obj,
            const char  *member,
            SpMoney     *out,
            char       **why)
{
  JsonNode *node = json_object_get_member (obj, member);
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  char *reason = NULL;
  SpMoney value;

  *out = SP_MONEY_UNKNOWN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return PRICE_ABSENT;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *why = g_strdup_printf (_("price is not decimal text (%s)"), member);
      return PRICE_BAD;
    }

  trimmed = g_strstrip (g_strdup (json_node_get_string (node)));
  if (strcmp (trimmed, "-1") == 0)
    return PRICE_VARIABLE;

  if (!sp_money_parse_scaled (trimmed, 6, SP_ROUND_HALF_UP, &value, &error))
    value = SP_MONEY_UNKNOWN;
  if (!sp_adapter_check_price (value, error, OPENROUTER_ABSURD_PRICE, &reason))
    {
      *why = reason != NULL ? reason
                            : g_strdup_printf (_("price is not decimal text (%s)"), member);
      return PRICE_BAD;
    }

  *out = value;
  return PRICE_OK;
}

/* pricing.overrides -> tiers.  Overrides without a min_prompt_tokens count
 * (or not shaped as we know them) are ignored; a tier with an unusable price
 * makes the whole entry unusable (FALSE, @why set). */
static gboolean
read_overrides (JsonObject  *pricing,
                GArray     **out,
                char       **why)
{
  g_autoptr(GArray) tiers = NULL;
  JsonNode *node = json_object_get_member (pricing, "overrides");
  JsonArray *array;
  guint n;

  *out = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *elem = json_array_get_element (array, i);
      JsonObject *o;
      SpTokenTier tier;
      gint64 above;

      if (!JSON_NODE_HOLDS_OBJECT (elem))
        continue;
      o = json_node_get_object (elem);

      above = member_positive_int (o, "min_prompt_tokens");
      if (above == 0)
        continue;

      tier.above_tokens = above;
      if (read_price (o, "prompt", &tier.input, why) == PRICE_BAD ||
          read_price (o, "completion", &tier.output, why) == PRICE_BAD ||
          read_price (o, "input_cache_read", &tier.cached_input, why) == PRICE_BAD)
        return FALSE;

      g_array_append_val (tiers, tier);
    }

  if (tiers->len > 0)
    {
      g_array_sort (tiers, sp_adapter_tier_cmp);
      *out = g_steal_pointer (&tiers);
    }

  return TRUE;
}

/* pricing's prompt, completion and cached read prices into @prices, each
 * one's status in @status; FALSE with a reason in *@why when one is
 * unusable or neither prompt nor completion has a price. */
static gboolean
read_base_prices (JsonObject   *pricing,
                  SpMoney       prices[3],
                  PriceStatus   status[3],
                  char        **why)
{
  static const char *const members[3] = { "prompt", "completion", "input_cache_read" };

  for (guint k = 0; k < 3; k++)
    {
      status[k] = read_price (pricing, members[k], &prices[k], why);
      if (status[k] == PRICE_BAD)
        return FALSE;
    }
  if (status[0] != PRICE_OK && status[1] != PRICE_OK)
    {
      if (status[0] == PRICE_VARIABLE || status[1] == PRICE_VARIABLE)
        *why = g_strdup (_("variable price, not comparable"));
      else
        *why = g_strdup (_("no price"));
      return FALSE;
    }
  return TRUE;
}

/* the model's context length, else its top provider's; 0 when unknown */
static gint64
read_context (JsonObject *obj)
{
  gint64 context = member_positive_int (obj, "context_length");
  JsonNode *top_node = json_object_get_member (obj, "top_provider");

  if (context == 0 && top_node != NULL && JSON_NODE_HOLDS_OBJECT (top_node))
    context = member_positive_int (json_node_get_object (top_node), "context_length");
  return context;
}

/* One model entry to an offer, field by field: each check skips the entry
 * with its own reason. */
static void
parse_model (SpImportResult *result,
             GHashTable     *hints,
             guint           row,
             JsonNode       *node,
             const char     *source)
{
  g_autoptr(SpOffer) offer = NULL;
  g_autoptr(GArray) tiers = NULL;
  g_autofree char *why = NULL;
  g_autofree char *vendor_id = NULL;
  JsonObject *obj;
  JsonNode *pricing_node;
  JsonObject *pricing;
  const char *id;
  const char *name;
  const char *vendor_name;
  const char *vendor_name_zh;
  SpMoney prices[3];
  PriceStatus status[3];

  id = sp_adapter_entry_id (result, row, node, _("no model id"), &obj);
  if (id == NULL)
    return;

  pricing_node = json_object_get_member (obj, "pricing");
  if (pricing_node == NULL || !JSON_NODE_HOLDS_OBJECT (pricing_node))
    {
      sp_import_result_skip (result, row, id, "%s", _("no price"));
      return;
    }
  pricing = json_node_get_object (pricing_node);

  if (!read_base_prices (pricing, prices, status, &why) ||
      !read_overrides (pricing, &tiers, &why))
    {
      sp_import_result_skip (result, row, id, "%s", why);
      return;
    }

  vendor_id = vendor_of (id);
  name = sp_json_member_string (obj, "name");
  if (name == NULL || *name == '\0')
    name = id;
  sp_vendor_names (vendor_id, g_hash_table_lookup (hints, vendor_id), &vendor_name, &vendor_name_zh);

  offer = sp_adapter_token_offer_new (source, id, name, id, vendor_id, vendor_name, vendor_name_zh,
                                      "USD", prices);
  offer->context_window = read_context (obj);
  offer->tiers = g_steal_pointer (&tiers);
  if (status[0] == PRICE_OK)
    {
      offer->list_price = g_strdup (sp_json_member_string (pricing, "prompt"));
      offer->list_unit = g_intern_static_string ("token");
    }
  if (status[0] == PRICE_VARIABLE || status[1] == PRICE_VARIABLE ||
      status[2] == PRICE_VARIABLE)
    offer->note = g_strdup (_("variable price (router)"));

  sp_import_result_add_offer (result, row, g_steal_pointer (&offer));
}

gboolean
sp_adapter_openrouter_parse (const char      *data,
                             gsize            len,
                             SpImportResult  *result,
                             GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *data_node;
  JsonArray *models;
  g_autoptr(GHashTable) hints = NULL;
  const char *source;
  guint n;

  data_node = sp_adapter_json_open (&openrouter_top, data, len, result, &parser, &source, error);
  if (data_node == NULL)
    return FALSE;

  models = json_node_get_array (data_node);
  n = json_array_get_length (models);
  hints = vendor_hints (models);
  for (guint i = 0; i < n; i++)
    {
      sp_import_result_row_read (result);
      parse_model (result, hints, i + 1, json_array_get_element (models, i), source);
    }

  return TRUE;
}
