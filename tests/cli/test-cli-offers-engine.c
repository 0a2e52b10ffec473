/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-offers-engine.c — `suanpan-cli offers` and the offer engine list
 * the same offers in the same order for the same query, with the same
 * prices, on recorded catalogs (issue 17): one implementation */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "sp-core.h"
#include "sp-test-util.h"

static const char *catalogs[] = {
  "skypilot/v8_aws_vms.gpu_excerpt.csv",
  "skypilot_azure/azure_vms.eastus.csv",
  "llm_prices_cn/prices.2026-08-01.json",
  "litellm/model_prices_and_context_window.json",
};

typedef struct {
  const char *sort;
  const char *kind;
  const char *search;
  const char *vendor;
  gboolean    descending;
  guint       limit;
} Query;

static const Query queries[] = {
  { "price", NULL, NULL, NULL, FALSE, 0 },
  { "vendor", NULL, NULL, NULL, FALSE, 0 },
  { "name", NULL, NULL, NULL, FALSE, 0 },
  { "price", "gpu", "a100", NULL, FALSE, 0 },
  { "price", NULL, "deepseek", NULL, FALSE, 0 },
  { "name", "tokens", "通义", NULL, FALSE, 0 },
  { "after-vouchers", NULL, "ＧＰＴ ４", NULL, FALSE, 0 },
  { "spec", "gpu", NULL, NULL, TRUE, 0 },
  { "region", NULL, "eastus", NULL, FALSE, 50 },
  { "updated", NULL, NULL, NULL, FALSE, 0 },
  { "list-price", "cpu", NULL, NULL, FALSE, 0 },
  { "warnings", NULL, NULL, NULL, FALSE, 100 },
  { "group", "tokens", NULL, NULL, TRUE, 0 },
  { "price", NULL, NULL, "azure", FALSE, 0 },
};

static void
check_query (const char     *dir,
             SpOfferTable   *table,
             SpOfferPrices  *prices,
             const Query    *query)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  SpEngineQuery q;
  JsonArray *array;

  sp_engine_query_init (&q);
  g_ptr_array_add (args, g_strdup ("--json"));
  g_ptr_array_add (args, g_strdup ("--currency=CNY"));
  g_ptr_array_add (args, g_strdup ("--usd-cny=7.2"));
  g_ptr_array_add (args, g_strdup_printf ("--sort=%s", query->sort));
  g_assert_true (sp_engine_sort_from_string (query->sort, &q.sort));
  if (query->kind != NULL)
    {
      g_ptr_array_add (args, g_strdup_printf ("--kind=%s", query->kind));
      q.filter_kind = sp_offer_kind_from_string (query->kind, &q.kind);
    }
  if (query->search != NULL)
    g_ptr_array_add (args, g_strdup_printf ("--search=%s", query->search));
  q.search = query->search;
  if (query->vendor != NULL)
    g_ptr_array_add (args, g_strdup_printf ("--vendor=%s", query->vendor));
  q.vendor = query->vendor;
  if (query->descending)
    g_ptr_array_add (args, g_strdup ("--descending"));
  q.descending = query->descending;
  if (query->limit > 0)
    g_ptr_array_add (args, g_strdup_printf ("--limit=%u", query->limit));
  q.limit = query->limit;
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (sp_test_run_cli_in (dir, "offers", (const char * const *) args->pdata, &out, &err),
                   ==, 0);
  root = sp_test_parse_json (out);
  array = json_node_get_array (root);
  rows = sp_offer_engine_run (table, prices, &q, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("offers --sort=%s %s %s: %u offers", query->sort,
                  query->kind ? query->kind : "", query->search ? query->search : "", rows->len);
  g_assert_cmpuint (json_array_get_length (array), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      guint row = g_array_index (rows, guint, i);

      g_assert_cmpstr (json_object_get_string_member (o, "source"), ==,
                       sp_offer_table_get_source (table, row));
      g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, sp_offer_table_get_id (table, row));
    }
}

static void
test_same_offers_same_order (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpOfferTable) table = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (catalogs); i++)
    {
      g_autofree char *path = sp_test_catalog (catalogs[i]);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      if (path == NULL)
        return;
      g_assert_cmpint (sp_test_run_cli_in (dir->path, "import", (const char *[]) { path, NULL },
                                           &out, &err), ==, 0);
    }
  db = g_build_filename (dir->path, "suanpan.db", NULL);
  table = sp_offer_table_load (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_offer_table_get_n_offers (table), >, 1000);
  prices = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    check_query (dir->path, table, prices, &queries[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();

  g_test_add_func ("/cli-offers-engine/same-offers-same-order", test_same_offers_same_order);
  return g_test_run ();
}
