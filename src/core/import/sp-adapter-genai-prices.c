/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-genai-prices.c — pydantic/genai-prices prices/data.json
 *
 * A JSON array of providers {id, name, pricing_urls[], models: [{id, name?,
 * context_window?, prices, deprecated?}]}.  Prices are JSON numbers in USD
 * per 1M tokens (input_mtok, output_mtok, cache_read_mtok,
 * cache_write_mtok); a price may instead be {"base": 5, "tiers": [{"start":
 * 200000, "price": 10}]}: above `start` input tokens the whole request is
 * charged at the tier's price (a cliff, like the other catalogs' tiers).
 * Audio prices and per-request prices are not token prices and are left out.
 *
 * `prices` may be a list of conditional price sets: [{"prices": …},
 * {"constraint": {"start_date": "2026-03-13"}, "prices": …}] or a
 * time-of-day window {"start_time": "00:30:00Z", "end_time": "16:30:00Z"}.
 * They become the offer's variants:
 *   - dates: the set in force when the catalog is read is the offer's price
 *     (its tiers too); the others are variants with their days;
 *   - a daily window: the set that covers more of the day is the offer's
 *     price (an import at night must not list a night discount as the price,
 *     nor make the price jump between two imports of the same file); the
 *     other is a variant with its hours, marked off-peak when cheaper.
 * One offer per provider × model, id "provider/model".
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
static const SpAdapterJsonTop genai_top = {
  .what = "genai-prices", .source = "genai-prices", .max_depth = 64,
  .member = NULL, .type = JSON_NODE_ARRAY,
  .shape_error = N_("A genai-prices catalog must be a JSON list of providers"),
};

/* More than 10^6 USD per 1M tokens is not a real price. */
#define GENAI_ABSURD_PRICE (G_GINT64_CONSTANT (1000000) * SP_MONEY_SCALE)
#define GENAI_MAX_TIERS 16
#define GENAI_MAX_CONDITIONS 16

enum { P_INPUT, P_OUTPUT, P_CACHED, P_WRITE, N_PRICES };

static const char *price_members[N_PRICES] = {
  "input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok",
};

typedef struct {
  SpMoney  base[N_PRICES];
  GArray  *tiers;   /* SpTokenTier, sorted (may be NULL) */
} PriceSet;

static void
price_set_clear (PriceSet *set)
{
  g_clear_pointer (&set->tiers, g_array_unref);
}

/* one tier threshold list entry: {"start": N, "price": P} */
typedef struct {
  gint64  start;
  SpMoney price;
} Step;

/* A price member: a number, null, or {base, tiers}.  @steps receives the
 * tiers (sorted by start). */
static gboolean
read_member (JsonObject  *prices,
             const char  *member,
             SpMoney     *base,
             GArray      *steps,
             char       **why)
{
  JsonNode *node = json_object_get_member (prices, member);
  JsonObject *obj;
  JsonNode *tiers;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return sp_adapter_json_price (node, member, 0, GENAI_ABSURD_PRICE, base, NULL, why)
           != SP_ADAPTER_PRICE_BAD;

  obj = json_node_get_object (node);
  if (sp_adapter_json_price (json_object_get_member (obj, "base"), member, 0,
                             GENAI_ABSURD_PRICE, base, NULL, why) == SP_ADAPTER_PRICE_BAD)
    return FALSE;
  tiers = json_object_get_member (obj, "tiers");
  if (tiers == NULL || JSON_NODE_HOLDS_NULL (tiers))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (tiers) ||
      json_array_get_length (array = json_node_get_array (tiers)) > GENAI_MAX_TIERS)
    {
      *why = g_strdup_printf (_("price tiers of %s are not a short list"), member);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *t = json_array_get_element (array, i);
      JsonNode *start;
      Step step;

      if (!JSON_NODE_HOLDS_OBJECT (t) ||
          (start = json_object_get_member (json_node_get_object (t), "start")) == NULL ||
          !JSON_NODE_HOLDS_VALUE (start) || json_node_get_value_type (start) != G_TYPE_INT64 ||
          (step.start = json_node_get_int (start)) <= 0 ||
          (steps->len > 0 && step.start <= g_array_index (steps, Step, steps->len - 1).start))
        {
          *why = g_strdup_printf (_("price tiers of %s do not start at rising token counts"), member);
          return FALSE;
        }
      if (sp_adapter_json_price (json_object_get_member (json_node_get_object (t), "price"),
                                 member, 0, GENAI_ABSURD_PRICE, &step.price, NULL,
                                 why) != SP_ADAPTER_PRICE_OK)
        {
          if (*why == NULL)
            *why = g_strdup_printf (_("a price tier of %s has no price"), member);
          return FALSE;
        }
      g_array_append_val (steps, step);
    }
  return TRUE;
}

/* the price of a member at @above tokens: its last step at or below, else base */
static SpMoney
price_at (GArray  *steps,
          SpMoney  base,
          gint64   above)
{
  SpMoney p = base;

  for (guint i = 0; i < steps->len; i++)
    if (g_array_index (steps, Step, i).start <= above)
      p = g_array_index (steps, Step, i).price;
  return p;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean read_price_set_steps (JsonNode *node, PriceSet *set, GArray **steps, char **why);

static gboolean
read_price_set (JsonNode  *node,
                PriceSet  *set,
                char     **why)
{
  GArray *steps[N_PRICES] = { NULL };
  gboolean ok = read_price_set_steps (node, set, steps, why);

  for (guint k = 0; k < N_PRICES; k++)
    g_clear_pointer (&steps[k], g_array_unref);
  return ok;
}

static gboolean
read_price_set_steps (JsonNode  *node,
                      PriceSet  *set,
                      GArray   **steps,
                      char     **why)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *prices;

  memset (set, 0, sizeof *set);
  for (guint k = 0; k < N_PRICES; k++)
    set->base[k] = SP_MONEY_UNKNOWN;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      *why = g_strdup (_("prices are not an object"));
      return FALSE;
    }
  prices = json_node_get_object (node);
  for (guint k = 0; k < N_PRICES; k++)
    {
      steps[k] = g_array_new (FALSE, FALSE, sizeof (Step));
      if (!read_member (prices, price_members[k], &set->base[k], steps[k], why))
        return FALSE;
      for (guint i = 0; i < steps[k]->len; i++)
        {
          gint64 start = g_array_index (steps[k], Step, i).start;
          gboolean known = FALSE;

          for (guint j = 0; j < starts->len; j++)
            known |= g_array_index (starts, gint64, j) == start;
          if (!known)
            g_array_append_val (starts, start);
        }
    }

  if (starts->len == 0)
    return TRUE;
  g_array_sort (starts, compare_int64);
  set->tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
  for (guint j = 0; j < starts->len && j < GENAI_MAX_TIERS; j++)
    {
      gint64 above = g_array_index (starts, gint64, j);
      SpTokenTier tier = {
        above,
        price_at (steps[P_INPUT], set->base[P_INPUT], above),
        price_at (steps[P_OUTPUT], set->base[P_OUTPUT], above),
        price_at (steps[P_CACHED], set->base[P_CACHED], above),
      };
      g_array_append_val (set->tiers, tier);
    }
  return TRUE;
}

/* "00:30:00Z", "16:30", "08:00:00+08:00" -> minute of the day in UTC */
static gboolean
parse_time_of_day (const char *text,
                   gint64     *out)
{
  int h, m, offset = 0;
  const char *p;

  if (text == NULL || strlen (text) < 5 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':' ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  p = text + 5;
  if (p[0] == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    p += 3;
  if (*p == 'Z')
    p++;
  else if ((*p == '+' || *p == '-') && strlen (p) == 6 && p[3] == ':' &&
           g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
           g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]))
    {
      offset = ((p[1] - '0') * 10 + (p[2] - '0')) * 60 + (p[4] - '0') * 10 + (p[5] - '0');
      if (*p == '+')
        offset = -offset;
      p += 6;
    }
  if (*p != '\0' || h > 24 || m > 59 || (h == 24 && m != 0))
    return FALSE;
  *out = (((gint64) h * 60 + m + offset) % 1440 + 1440) % 1440;
  return TRUE;
}

static SpPriceVariant
variant_from (const PriceSet     *set,
              SpVariantCondition  condition,
              gint64              start,
              gint64              end)
{
  SpPriceVariant v = {
    condition, FALSE, start, end,
    set->base[P_INPUT], set->base[P_OUTPUT], set->base[P_CACHED], set->base[P_WRITE],
  };
  return v;
}

typedef struct {
  gint64   start_day;    /* 0: the unconditional set */
  PriceSet set;
} Dated;

static int
compare_dated (gconstpointer a,
               gconstpointer b)
{
  const Dated *x = a, *y = b;

  return (x->start_day > y->start_day) - (x->start_day < y->start_day);
}

static void
dated_clear (gpointer data)
{
  price_set_clear (&((Dated *) data)->set);
}

/* A daily time window's prices, at most one per model */
typedef struct {
  PriceSet set;
  gint64   start;   /* minutes after midnight, UTC */
  gint64   end;
  gboolean has;
} Window;

/* The entries of the list: dated sets into @dated, a daily window into
 * @window; FALSE with *@why on a malformed or ambiguous entry. */
static gboolean
read_condition_entries (JsonArray  *list,
                        GArray     *dated,
                        Window     *window,
                        char      **why)
{
  guint n = json_array_get_length (list);
  gboolean has_default = FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      JsonObject *entry;
      JsonNode *cnode;
      Dated d = { 0, { { 0 }, NULL } };

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          *why = g_strdup (_("a conditional price is not an object"));
          return FALSE;
        }
      entry = json_node_get_object (e);
      cnode = json_object_get_member (entry, "constraint");
      if (cnode == NULL || JSON_NODE_HOLDS_NULL (cnode))
        {
          if (has_default)
            {
              *why = g_strdup (_("two prices without a condition"));
              return FALSE;
            }
          has_default = TRUE;
        }
      else
        {
          JsonObject *c = JSON_NODE_HOLDS_OBJECT (cnode) ? json_node_get_object (cnode) : NULL;
          const char *start_date = c ? sp_json_member_string (c, "start_date") : NULL;
          const char *start_time = c ? sp_json_member_string (c, "start_time") : NULL;
          const char *end_time = c ? sp_json_member_string (c, "end_time") : NULL;

          if (start_date != NULL && start_time == NULL && end_time == NULL &&
              sp_adapter_parse_day (start_date, &d.start_day) && d.start_day > 0)
            ;
          else if (start_date == NULL && !window->has &&
                   parse_time_of_day (start_time, &window->start) &&
                   parse_time_of_day (end_time, &window->end) && window->start != window->end)
            {
              if (!read_price_set (json_object_get_member (entry, "prices"), &window->set, why))
                return FALSE;
              window->has = TRUE;
              continue;
            }
          else
            {
              *why = g_strdup (_("a price condition is neither a start date nor a daily time window"));
              return FALSE;
            }
        }

      if (!read_price_set (json_object_get_member (entry, "prices"), &d.set, why))
        {
          price_set_clear (&d.set);
          return FALSE;
        }
      for (guint j = 0; j < dated->len; j++)
        if (g_array_index (dated, Dated, j).start_day == d.start_day)
          {
            price_set_clear (&d.set);
            *why = g_strdup (_("two prices start on the same day"));
            return FALSE;
          }
      g_array_append_val (dated, d);
    }
  return TRUE;
}

/* Dates: the latest set started by @now is in force (into @chosen), the
 * others are variants. */
static void
choose_dated (GArray   *dated,
              gint64    now,
              PriceSet *chosen,
              GArray   *variants)
{
  guint current = 0;

  g_array_sort (dated, compare_dated);
  for (guint j = 0; j < dated->len; j++)
    if (g_array_index (dated, Dated, j).start_day <= now)
      current = j;
  for (guint j = 0; j < dated->len; j++)
    {
      Dated *d = &g_array_index (dated, Dated, j);
      gint64 end = j + 1 < dated->len ? g_array_index (dated, Dated, j + 1).start_day : 0;

      if (j != current)
        {
          SpPriceVariant v = variant_from (&d->set, SP_VARIANT_DATES, d->start_day, end);
          g_array_append_val (variants, v);
        }
    }
  *chosen = g_array_index (dated, Dated, current).set;
  g_array_index (dated, Dated, current).set.tiers = NULL; /* taken */
}

/* A daily window: the set covering more of the day is the price, the other
 * a time-of-day variant. */
static void
add_window_variant (Window   *window,
                    PriceSet *chosen,
                    GArray   *variants)
{
  gint64 window_minutes = ((window->end - window->start) % 1440 + 1440) % 1440;
  SpPriceVariant v;

  if (window_minutes > 720)
    {
      /* the window is the standard price; the other hours the variant */
      v = variant_from (chosen, SP_VARIANT_TIME_OF_DAY, window->end, window->start);
      price_set_clear (chosen);
      *chosen = window->set;
      window->set.tiers = NULL;
    }
  else
    v = variant_from (&window->set, SP_VARIANT_TIME_OF_DAY, window->start, window->end);
  v.off_peak = v.input != SP_MONEY_UNKNOWN && chosen->base[P_INPUT] != SP_MONEY_UNKNOWN &&
               v.input < chosen->base[P_INPUT];
  g_array_append_val (variants, v);
}

/* A list of conditional price sets -> the price in force (@chosen, its tiers
 * taken) and the variants.  FALSE with @why when a set or condition cannot be
 * read. */
static gboolean
read_conditions (JsonArray  *list,
                 gint64      now,
                 PriceSet   *chosen,
                 GArray    **variants_out,
                 char      **why)
{
  g_autoptr(GArray) dated = g_array_new (FALSE, TRUE, sizeof (Dated));
  g_autoptr(GArray) variants = g_array_new (FALSE, FALSE, sizeof (SpPriceVariant));
  Window window = { { { 0 }, NULL }, 0, 0, FALSE };
  guint n = json_array_get_length (list);

  g_array_set_clear_func (dated, dated_clear);
  if (n == 0 || n > GENAI_MAX_CONDITIONS)
    {
      *why = g_strdup (_("the list of conditional prices is empty or too long"));
      return FALSE;
    }
  if (!read_condition_entries (list, dated, &window, why))
    {
      price_set_clear (&window.set);
      return FALSE;
    }
  if (dated->len == 0)
    {
      *why = g_strdup (_("a time-of-day price without a price for the other hours"));
      price_set_clear (&window.set);
      return FALSE;
    }

  choose_dated (dated, now, chosen, variants);
  if (window.has)
    add_window_variant (&window, chosen, variants);

  price_set_clear (&window.set);
  *variants_out = variants->len > 0 ? g_steal_pointer (&variants) : NULL;
  return TRUE;
}

static void
parse_model (SpImportResult *result,
             guint           row,
             JsonNode       *node,
             const char     *source,
             const char     *vendor_id,
             const char     *vendor_name,
             const char     *vendor_name_zh,
             const char     *pricing_url,
             gint64          now)
{
  g_autoptr(SpOffer) offer = NULL;
  g_autoptr(GArray) variants = NULL;
  g_autofree char *why = NULL;
  g_autofree char *key = NULL;
  PriceSet set = { { 0 }, NULL };
  JsonObject *obj;
  JsonNode *prices;
  JsonNode *context_node;
  const char *id;
  const char *name;

  id = sp_adapter_entry_id (result, row, node, _("model has no id"), &obj);
  if (id == NULL)
    return;
  key = g_strdup_printf ("%s/%s", vendor_id, id);

  prices = json_object_get_member (obj, "prices");
  if (prices != NULL && JSON_NODE_HOLDS_ARRAY (prices))
    {
      if (!read_conditions (json_node_get_array (prices), now, &set, &variants, &why))
        {
          sp_import_result_skip (result, row, key, "%s", why);
          return;
        }
    }
  else if (!read_price_set (prices, &set, &why))
    {
      price_set_clear (&set);
      sp_import_result_skip (result, row, key, "%s", why);
      return;
    }

  if (set.base[P_INPUT] == SP_MONEY_UNKNOWN && set.base[P_OUTPUT] == SP_MONEY_UNKNOWN)
    {
      price_set_clear (&set);
      sp_import_result_skip (result, row, key, "%s", _("no per-token price"));
      return;
    }

  name = sp_json_member_string (obj, "name");
  offer = sp_adapter_token_offer_new (source, key, name != NULL && *name != '\0' ? name : id, id,
                                      vendor_id, vendor_name, vendor_name_zh, "USD", set.base);
  offer->cache_write_price = set.base[P_WRITE];
  offer->tiers = g_steal_pointer (&set.tiers);
  offer->variants = g_steal_pointer (&variants);
  offer->price_source_url = g_strdup (pricing_url);

  context_node = json_object_get_member (obj, "context_window");
  if (context_node != NULL && JSON_NODE_HOLDS_VALUE (context_node) &&
      json_node_get_value_type (context_node) == G_TYPE_INT64 &&
      json_node_get_int (context_node) > 0)
    offer->context_window = json_node_get_int (context_node);

  sp_import_result_add_offer (result, row, g_steal_pointer (&offer));
}

gboolean
sp_adapter_genai_prices_parse (const char      *data,
                               gsize            len,
                               SpImportResult  *result,
                               GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *providers;
  const char *source;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint row = 0;

  root = sp_adapter_json_open (&genai_top, data, len, result, &parser, &source, error);
  if (root == NULL)
    return FALSE;

  providers = json_node_get_array (root);
  for (guint p = 0; p < json_array_get_length (providers); p++)
    {
      JsonNode *pnode = json_array_get_element (providers, p);
      JsonObject *pobj;
      JsonNode *models;
      JsonNode *urls;
      const char *pid;
      const char *pname;
      const char *vendor_id;
      const char *vendor_name = NULL;
      const char *vendor_name_zh = NULL;
      const char *pricing_url = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_OBJECT (pnode) ||
          (pid = sp_json_member_string (pobj = json_node_get_object (pnode), "id")) == NULL || *pid == '\0' ||
          (models = json_object_get_member (pobj, "models")) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (models))
        {
          row++;
          sp_import_result_row_read (result);
          sp_import_result_skip (result, row, NULL, "%s",
                                 _("provider is not an object with an id and a list of models"));
          continue;
        }

      vendor_id = sp_text_intern (pid);
      pname = sp_json_member_string (pobj, "name");
      sp_vendor_names_given (pid, pname, NULL, &vendor_name, &vendor_name_zh);

      urls = json_object_get_member (pobj, "pricing_urls");
      if (urls != NULL && JSON_NODE_HOLDS_ARRAY (urls) &&
          json_array_get_length (json_node_get_array (urls)) > 0)
        {
          JsonNode *u = json_array_get_element (json_node_get_array (urls), 0);

          if (JSON_NODE_HOLDS_VALUE (u) && json_node_get_value_type (u) == G_TYPE_STRING &&
              g_str_has_prefix (json_node_get_string (u), "https://") &&
              strpbrk (json_node_get_string (u), " \t\r\n\"<>") == NULL)
            pricing_url = json_node_get_string (u);
        }

      array = json_node_get_array (models);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          row++;
          sp_import_result_row_read (result);
          parse_model (result, row, json_array_get_element (array, i), source,
                       vendor_id, vendor_name, vendor_name_zh, pricing_url, now);
        }
    }

  return TRUE;
}
