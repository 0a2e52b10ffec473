/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-litellm.c — LiteLLM model_prices_and_context_window.json
 *
 * The catalog is one JSON object: model key -> attributes.  Prices are USD
 * per single token as JSON numbers (mostly scientific notation).  Every text
 * model (mode chat, completion or responses, or no mode but token prices)
 * becomes one "tokens" offer priced per 1M tokens.
 *
 * Duplicate keys: the upstream file holds a few keys twice (identical
 * copies).  json-glib keeps the *last* value of a duplicate key and lists the
 * key once, so a duplicate is read (and counted) as one entry.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sp-adapter-json-private.h"
#include "sp-import-private.h"
#include "sp-text.h"
#include "sp-vendors.h"

/* What the catalog looks like at its top (sp_adapter_json_open ()) */
static const SpAdapterJsonTop litellm_top = {
  .what = "LiteLLM", .source = "litellm", .max_depth = 64,
  .member = NULL, .type = JSON_NODE_OBJECT,
  .shape_error = N_("A LiteLLM catalog must be a JSON object of models"),
};

/* More than 10^6 USD per 1M tokens is not a real price. */
#define LITELLM_ABSURD_PRICE (G_GINT64_CONSTANT (1000000) * SP_MONEY_SCALE)

typedef enum {
  PRICE_ABSENT,
  PRICE_OK,
  PRICE_BAD,
} PriceStatus;

/* One spelling per provider id, shared with the other adapters
 * (sp-vendors.c); vertex_ai-language-models, vertex_ai-anthropic_models, …
 * are all Google Vertex AI. */
static void
provider_display (const char  *provider,
                  const char **name,
                  const char **name_zh)
{
  sp_vendor_names (provider, g_str_has_prefix (provider, "vertex_ai") ? "Google Vertex AI" : NULL,
                   name, name_zh);
}


/* Read a per-token price member as USD per 1M tokens.  @list_text (optional)
 * receives the shortest decimal text of the number as the catalog wrote it. */
static PriceStatus
read_token_price (JsonObject  *obj,
                  const char  *member,
                  SpMoney     *out,
                  char       **list_text,
                  char       **why)
{
  JsonNode *node = json_object_get_member (obj, member);

  /* LiteLLM writes no nulls for prices: a null is not a number here */
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *out = SP_MONEY_UNKNOWN;
      *why = g_strdup_printf (_("price is not a number (%s)"), member);
      return PRICE_BAD;
    }

  switch (sp_adapter_json_price (node, member, 6, LITELLM_ABSURD_PRICE, out, list_text, why))
    {
    case SP_ADAPTER_PRICE_OK:
      return PRICE_OK;
    case SP_ADAPTER_PRICE_BAD:
      return PRICE_BAD;
    case SP_ADAPTER_PRICE_ABSENT:
    default:
      return PRICE_ABSENT;
    }
}

/* A positive whole number of tokens, or 0. */
static gint64
read_token_count (JsonObject *obj,
                  const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  GType vtype;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  vtype = json_node_get_value_type (node);
  if (vtype == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);
      return v > 0 ? v : 0;
    }
  if (vtype == G_TYPE_DOUBLE)
    {
      /* a few catalog entries write 2000000.0 */
      double d = json_node_get_double (node);
      if (isfinite (d) && d >= 1 && d <= 1e15 && d == floor (d))
        return (gint64) d;
    }

  return 0;
}

/* "input_cost_per_token_above_200k_tokens" with prefix
 * "input_cost_per_token_above_" -> 200000.  Returns 0 when it does not match. */
static gint64
tier_threshold (const char *member,
                const char *prefix)
{
  const char *p;
  guint64 n;

  if (!g_str_has_prefix (member, prefix))
    return 0;

  p = member + strlen (prefix);
  if (!sp_text_read_number (&p, 1000000000, &n))
    return 0;

  if (strcmp (p, "k_tokens") != 0)
    return 0;

  return (gint64) n * 1000;
}

static SpTokenTier *
tier_for (GArray *tiers,
          gint64  above)
{
  SpTokenTier tier = { above, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN };

  for (guint i = 0; i < tiers->len; i++)
    {
      SpTokenTier *t = &g_array_index (tiers, SpTokenTier, i);
      if (t->above_tokens == above)
        return t;
    }

  g_array_append_val (tiers, tier);
  return &g_array_index (tiers, SpTokenTier, tiers->len - 1);
}

/* tiered_pricing: [{input_cost_per_token, output_cost_per_token,
 * cache_read_input_token_cost?, range: [lo, hi]}, …] (DashScope's Qwen
 * models are priced only this way).  The range starting at 0 is the listed
 * price (@base: input, output, cached; @list_text its input's text); a range
 * from lo > 0 is a tier above lo input tokens, the whole request at its
 * rates.  FALSE with @why when the list is malformed. */
static gboolean
read_tiered_pricing (JsonObject  *obj,
                     GArray      *tiers,
                     SpMoney      base[3],
                     char       **list_text,
                     char       **why)
{
  JsonNode *node = json_object_get_member (obj, "tiered_pricing");
  JsonArray *array;
  double previous = -1;

  base[0] = base[1] = base[2] = SP_MONEY_UNKNOWN;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 64)
    {
      *why = g_strdup (_("tiered_pricing is not a short list"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *t = json_array_get_element (array, i);
      JsonObject *tobj;
      JsonNode *range;
      JsonNode *lo_node;
      SpMoney prices[3];
      double lo;

      if (!JSON_NODE_HOLDS_OBJECT (t) ||
          (range = json_object_get_member (tobj = json_node_get_object (t), "range")) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (range) ||
          json_array_get_length (json_node_get_array (range)) < 1 ||
          !JSON_NODE_HOLDS_VALUE (lo_node = json_array_get_element (json_node_get_array (range), 0)) ||
          (json_node_get_value_type (lo_node) != G_TYPE_INT64 &&
           json_node_get_value_type (lo_node) != G_TYPE_DOUBLE))
        {
          *why = g_strdup (_("a tiered_pricing entry has no token range"));
          return FALSE;
        }
      lo = json_node_get_double (lo_node);
      if (!(lo >= 0 && lo <= 1e12 && lo == (double) (gint64) lo) || lo <= previous ||
          (i == 0 && lo != 0))
        {
          *why = g_strdup (_("tiered_pricing ranges do not rise from 0"));
          return FALSE;
        }
      previous = lo;

      if (read_token_price (tobj, "input_cost_per_token", &prices[0],
                            i == 0 ? list_text : NULL, why) == PRICE_BAD ||
          read_token_price (tobj, "output_cost_per_token", &prices[1], NULL, why) == PRICE_BAD ||
          read_token_price (tobj, "cache_read_input_token_cost", &prices[2], NULL, why) == PRICE_BAD)
        return FALSE;

      if (i == 0)
        memcpy (base, prices, sizeof prices);
      else
        {
          SpTokenTier *tier = tier_for (tiers, (gint64) lo);

          tier->input = prices[0];
          tier->output = prices[1];
          tier->cached_input = prices[2];
        }
    }
  return TRUE;
}

/* Collect the *_above_<N>k_tokens prices and the tiers of tiered_pricing
 * (@tiered_base: its first range's prices).  Returns FALSE with @why set
 * when one of them is unusable. */
static gboolean
read_tiers (JsonObject  *obj,
            GArray     **out,
            SpMoney      tiered_base[3],
            char       **tiered_list_text,
            char       **why)
{
  static const char *prefixes[] = {
    "input_cost_per_token_above_",
    "output_cost_per_token_above_",
    "cache_read_input_token_cost_above_",
  };
  g_autoptr(GArray) tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &member, &node))
    {
      for (guint k = 0; k < G_N_ELEMENTS (prefixes); k++)
        {
          gint64 above = tier_threshold (member, prefixes[k]);
          SpTokenTier *tier;
          SpMoney value;

          if (above == 0)
            continue;

          if (read_token_price (obj, member, &value, NULL, why) != PRICE_OK)
            return FALSE;

          tier = tier_for (tiers, above);
          if (k == 0)
            tier->input = value;
          else if (k == 1)
            tier->output = value;
          else
            tier->cached_input = value;
        }
    }

  if (!read_tiered_pricing (obj, tiers, tiered_base, tiered_list_text, why))
    return FALSE;

  if (tiers->len == 0)
    {
      *out = NULL;
      return TRUE;
    }

  g_array_sort (tiers, sp_adapter_tier_cmp);
  *out = g_steal_pointer (&tiers);
  return TRUE;
}

static gboolean
is_text_mode (const char *mode)
{
  return strcmp (mode, "chat") == 0 ||
         strcmp (mode, "completion") == 0 ||
         strcmp (mode, "responses") == 0;
}

/* "mode", when given, must be a text mode; else the entry is skipped. */
static gboolean
text_mode_or_skip (SpImportResult *result,
                   guint           row,
                   const char     *key,
                   JsonObject     *obj)
{
  JsonNode *mode_node = json_object_get_member (obj, "mode");
  const char *mode;

  if (mode_node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (mode_node) ||
      json_node_get_value_type (mode_node) != G_TYPE_STRING)
    {
      sp_import_result_skip (result, row, key, "%s", _("mode is not text"));
      return FALSE;
    }
  mode = json_node_get_string (mode_node);
  if (!is_text_mode (mode))
    {
      sp_import_result_skip (result, row, key, _("not a text model (%s)"), mode);
      return FALSE;
    }
  return TRUE;
}

/* The input, output and cached prices (@prices) of an entry, the listed
 * input's text and the tiers; an entry priced only through tiered_pricing
 * takes its first range.  FALSE with *@why when a price is unusable or
 * there is no per-token price at all. */
static gboolean
read_entry_prices (JsonObject  *obj,
                   SpMoney      prices[3],
                   char       **list_text,
                   GArray     **tiers,
                   char       **why)
{
  g_autofree char *tiered_list_text = NULL;
  SpMoney tiered[3];
  PriceStatus in_status, out_status;

  in_status = read_token_price (obj, "input_cost_per_token", &prices[0], list_text, why);
  if (in_status == PRICE_BAD)
    return FALSE;
  out_status = read_token_price (obj, "output_cost_per_token", &prices[1], NULL, why);
  if (out_status == PRICE_BAD ||
      read_token_price (obj, "cache_read_input_token_cost", &prices[2], NULL, why) == PRICE_BAD ||
      !read_tiers (obj, tiers, tiered, &tiered_list_text, why))
    return FALSE;

  /* priced only through tiered_pricing: its first range is the listed price */
  if (in_status == PRICE_ABSENT && out_status == PRICE_ABSENT &&
      (tiered[0] != SP_MONEY_UNKNOWN || tiered[1] != SP_MONEY_UNKNOWN))
    {
      prices[0] = tiered[0];
      prices[1] = tiered[1];
      if (prices[2] == SP_MONEY_UNKNOWN)
        prices[2] = tiered[2];
      g_free (*list_text);
      *list_text = g_steal_pointer (&tiered_list_text);
      in_status = prices[0] != SP_MONEY_UNKNOWN ? PRICE_OK : PRICE_ABSENT;
      out_status = prices[1] != SP_MONEY_UNKNOWN ? PRICE_OK : PRICE_ABSENT;
    }
  if (in_status == PRICE_ABSENT && out_status == PRICE_ABSENT)
    {
      *why = g_strdup (_("no per-token price"));
      return FALSE;
    }
  return TRUE;
}

static void
parse_entry (SpImportResult *result,
             guint           row,
             const char     *key,
             JsonNode       *node,
             const char     *source)
{
  g_autoptr(SpOffer) offer = NULL;
  g_autofree char *why = NULL;
  g_autofree char *list_text = NULL;
  g_autoptr(GArray) tiers = NULL;
  JsonObject *obj;
  JsonNode *provider_node;
  const char *provider;
  const char *vendor_name;
  const char *vendor_name_zh;
  SpMoney prices[3];
  gint64 context;

  if (strcmp (key, "sample_spec") == 0)
    {
      sp_import_result_skip (result, row, key, "%s", _("documentation entry"));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sp_import_result_skip (result, row, key, "%s", _("entry is not an object"));
      return;
    }
  obj = json_node_get_object (node);
  if (!text_mode_or_skip (result, row, key, obj))
    return;
  if (!read_entry_prices (obj, prices, &list_text, &tiers, &why))
    {
      sp_import_result_skip (result, row, key, "%s", why);
      return;
    }

  provider_node = json_object_get_member (obj, "litellm_provider");
  if (provider_node == NULL || !JSON_NODE_HOLDS_VALUE (provider_node) ||
      json_node_get_value_type (provider_node) != G_TYPE_STRING ||
      *(provider = json_node_get_string (provider_node)) == '\0')
    {
      sp_import_result_skip (result, row, key, "%s", _("no provider"));
      return;
    }
  provider_display (provider, &vendor_name, &vendor_name_zh);

  context = read_token_count (obj, "max_input_tokens");
  if (context == 0)
    context = read_token_count (obj, "max_tokens");

  offer = sp_adapter_token_offer_new (source, key, key, key, provider, vendor_name, vendor_name_zh,
                                      "USD", prices);
  offer->context_window = context;
  offer->tiers = g_steal_pointer (&tiers);
  if (list_text != NULL)
    {
      offer->list_price = g_steal_pointer (&list_text);
      offer->list_unit = g_intern_static_string ("token");
    }

  sp_import_result_add_offer (result, row, g_steal_pointer (&offer));
}

gboolean
sp_adapter_litellm_parse (const char      *data,
                          gsize            len,
                          SpImportResult  *result,
                          GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;
  const char *source;
  guint row = 0;

  root = sp_adapter_json_open (&litellm_top, data, len, result, &parser, &source, error);
  if (root == NULL)
    return FALSE;

  json_object_iter_init_ordered (&iter, json_node_get_object (root));
  while (json_object_iter_next_ordered (&iter, &key, &node))
    {
      row++;
      sp_import_result_row_read (result);
      parse_entry (result, row, key, node, source);
    }

  return TRUE;
}
