/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-engine.c — the offer table and engine (issue 17): loading, every
 * sort with its ties, every filter, search (Chinese, full-width), groups,
 * flags and prices after vouchers against the catalog's and the voucher
 * engine's own figures, on hand-made offers and on recorded catalogs */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-core.h"
#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-offer-table-cache.h"
#include "sp-offer-table-private.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

/* ------------------------------------------------------------ helpers */

static SpOffer *
offer_new (const char  *id,
           SpOfferKind  kind,
           const char  *name,
           const char  *gpu,
           guint        memory,
           const char  *region,
           SpBilling    billing,
           SpMoney      price)
{
  SpOffer *o = sp_offer_new ();

  o->id = g_strdup (id);
  o->kind = kind;
  o->name = g_strdup (name);
  o->gpu_model = gpu ? g_intern_string (gpu) : NULL;
  o->gpu_memory_gb = memory;
  o->gpu_count = gpu ? 1 : 0;
  o->region = region ? g_intern_string (region) : NULL;
  o->billing = billing;
  o->currency = g_intern_static_string ("CNY");
  o->price = price;
  if (kind == SP_OFFER_KIND_TOKENS)
    {
      o->input_price = price;
      o->output_price = price * 4;
    }
  return o;
}

static void
store_offers (SpStore    *store,
              const char *source,
              const char *vendor_id,
              const char *vendor_name,
              const char *vendor_zh,
              SpOffer   **offers)
{
  g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, source);
  g_autoptr(GError) error = NULL;
  guint changed;

  sp_import_result_set_vendor_name (r, vendor_name);
  for (guint i = 0; offers[i] != NULL; i++)
    {
      offers[i]->vendor_id = g_intern_string (vendor_id);
      offers[i]->vendor_name = g_intern_string (vendor_name);
      offers[i]->vendor_name_zh = vendor_zh ? g_intern_string (vendor_zh) : NULL;
      offers[i]->fetched_at = g_get_real_time () / G_USEC_PER_SEC;
      sp_import_result_row_read (r);
      sp_import_result_add_offer (r, sp_import_result_get_rows_read (r), offers[i]);
    }
  g_assert_true (sp_store_replace_source (store, r, g_get_real_time () / G_USEC_PER_SEC,
                                          &changed, &error));
  g_assert_no_error (error);
}

typedef struct {
  SpTestDir      *dir;
  SpStore        *store;
  SpOfferTable   *table;
  SpPriceContext *ctx;
  SpOfferPrices  *prices;
} Fixture;

static void
fixture_load (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->table);
  g_clear_pointer (&f->prices, sp_offer_prices_unref);
  f->table = sp_offer_table_load (sp_store_get_path (f->store), NULL, &error);
  g_assert_no_error (error);
  f->prices = sp_offer_prices_compute (f->table, f->ctx, NULL, sp_date_today (), NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_init (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = sp_test_dir_new ();
  path = g_build_filename (f->dir->path, "store.db", NULL);
  f->store = sp_store_open (path, &error);
  g_assert_no_error (error);
  f->ctx = sp_price_context_new ();
  f->table = NULL;
  f->prices = NULL;
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->prices, sp_offer_prices_unref);
  g_clear_object (&f->table);
  g_clear_object (&f->ctx);
  g_clear_object (&f->store);
  sp_test_dir_free (f->dir);
}

/* The ids of a query's rows, joined by spaces */
static char *
run_ids (Fixture             *f,
         const SpEngineQuery *q)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = sp_offer_engine_run (f->table, f->prices, q, NULL, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, sp_offer_table_get_id (f->table, g_array_index (rows, guint, i)));
    }
  return g_string_free (s, FALSE);
}

static void
assert_query (Fixture             *f,
              const SpEngineQuery *q,
              const char          *expected)
{
  g_autofree char *ids = run_ids (f, q);

  g_assert_cmpstr (ids, ==, expected);
}

/* Two vendors; ties on price and name on purpose */
static void
hand_made (Fixture *f)
{
  SpOffer *a[] = {
    offer_new ("a1", SP_OFFER_KIND_GPU, "Box", "H100 SXM", 80, "cn-hangzhou", SP_BILLING_ON_DEMAND, 20000000),
    offer_new ("a2", SP_OFFER_KIND_GPU, "Box", "H100 SXM", 80, "cn-beijing", SP_BILLING_SPOT, 20000000),
    offer_new ("a3", SP_OFFER_KIND_GPU, "Ａｌｐｈａ Card", "A100 80GB", 80, "cn-hangzhou", SP_BILLING_ON_DEMAND, 9000000),
    offer_new ("a4", SP_OFFER_KIND_TOKENS, "通义千问 Max", NULL, 0, NULL, SP_BILLING_ON_DEMAND, 2400000),
    offer_new ("a5", SP_OFFER_KIND_GPU, "Old", "H100", 80, "cn-hangzhou", SP_BILLING_ON_DEMAND, SP_MONEY_UNKNOWN),
    NULL };
  SpOffer *b[] = {
    offer_new ("b1", SP_OFFER_KIND_GPU, "Box", "H100 SXM", 80, "us-east-1", SP_BILLING_ON_DEMAND, 20000000),
    offer_new ("b2", SP_OFFER_KIND_GPU, "Tiny", "H100 SXM", 80, "us-east-1", SP_BILLING_ON_DEMAND, 5000000),
    offer_new ("b3", SP_OFFER_KIND_CPU, "Cores", NULL, 0, "us-east-1", SP_BILLING_RESERVED, 100000),
    offer_new ("b4", SP_OFFER_KIND_GPU, "Retired", "L4", 24, "us-east-1", SP_BILLING_ON_DEMAND, 1000000),
    NULL };

  b[3]->retired = TRUE;
  store_offers (f->store, "aliyun", "aliyun", "Alibaba Cloud", "阿里云", a);
  store_offers (f->store, "zeta", "zeta", "Zeta Cloud", NULL, b);
  /* the import results took the offers */
  fixture_load (f);
}

/* ------------------------------------------------------------ tests */

static void
test_table (void)
{
  Fixture f;
  guint row;

  fixture_init (&f);
  hand_made (&f);
  g_assert_cmpuint (sp_offer_table_get_n_offers (f.table), ==, 9);
  g_assert_true (sp_offer_table_find (f.table, "zeta", "b2", &row));
  g_assert_cmpstr (sp_offer_table_get_name (f.table, row), ==, "Tiny");
  g_assert_cmpstr (sp_offer_table_get_vendor_name (f.table, row), ==, "Zeta Cloud");
  g_assert_cmpstr (sp_offer_table_get_region (f.table, row), ==, "us-east-1");
  g_assert_cmpstr (sp_offer_table_get_spec (f.table, row), ==, "1 × H100 SXM 80 GB");
  g_assert_cmpstr (sp_offer_table_get_group_id (f.table, sp_offer_table_get_group (f.table, row)),
                   ==, "gpu:H100 SXM:80");
  g_assert_cmpint (sp_offer_table_get_price (f.table, row), ==, 5000000);
  g_assert_false (sp_offer_table_find (f.table, "zeta", "nope", NULL));
  g_assert_true (sp_offer_table_find (f.table, "aliyun", "a1", &row));
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpstr (sp_offer_table_get_vendor_name_zh (f.table, row), ==, "阿里云");
  fixture_clear (&f);
}

/* What a view reads of a row: one row per vendor, region, GPU model and
 * billing mode (the first, by brute force), an even sample, and an offer of
 * its own with the row's fields */
static void
test_table_views (void)
{
  static const SpTableDistinct whats[] = {
    SP_TABLE_DISTINCT_VENDOR, SP_TABLE_DISTINCT_REGION, SP_TABLE_DISTINCT_GPU_MODEL,
    SP_TABLE_DISTINCT_BILLING,
  };
  Fixture f;
  guint n, row, n_gpu = 0;

  fixture_init (&f);
  hand_made (&f);
  n = sp_offer_table_get_n_offers (f.table);
  for (int kind = -1; kind <= SP_OFFER_KIND_TOKENS; kind++)
    for (gsize w = 0; w < G_N_ELEMENTS (whats); w++)
      {
        g_autoptr(GArray) rows = sp_offer_table_distinct_rows (f.table, kind, whats[w]);
        g_autoptr(GHashTable) firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        guint expected = 0;

        for (guint r = 0; r < n; r++)
          {
            g_autofree char *value = NULL;

            if (kind >= 0 && (int) sp_offer_table_get_kind (f.table, r) != kind)
              continue;
            switch (whats[w])
              {
              case SP_TABLE_DISTINCT_VENDOR:
                value = g_strdup (sp_offer_table_get_vendor_id (f.table, r));
                break;
              case SP_TABLE_DISTINCT_REGION:
                value = g_strdup (sp_offer_table_get_region (f.table, r));
                break;
              case SP_TABLE_DISTINCT_GPU_MODEL:
                value = g_strdup (sp_offer_table_get_gpu_model (f.table, r));
                break;
              default:
                value = g_strdup_printf ("%d", (int) sp_offer_table_get_billing (f.table, r));
              }
            if (value == NULL || g_hash_table_contains (firsts, value))
              continue;
            g_assert_cmpuint (expected, <, rows->len);
            /* the first row of each value, in row order */
            g_assert_cmpuint (g_array_index (rows, guint, expected), ==, r);
            g_hash_table_add (firsts, g_steal_pointer (&value));
            expected++;
          }
        g_assert_cmpuint (rows->len, ==, expected);
      }
  {
    g_autoptr(GArray) all = sp_offer_table_sample_rows (f.table, -1, 100, &n_gpu);
    g_autoptr(GArray) two = sp_offer_table_sample_rows (f.table, SP_OFFER_KIND_GPU, 2, &n_gpu);

    g_assert_cmpuint (all->len, ==, n);
    g_assert_cmpuint (two->len, ==, 2);
    for (guint i = 0; i < two->len; i++)
      g_assert_cmpint (sp_offer_table_get_kind (f.table, g_array_index (two, guint, i)), ==,
                       SP_OFFER_KIND_GPU);
    g_assert_cmpuint (n_gpu, >, 2);
  }
  g_assert_true (sp_offer_table_find (f.table, "zeta", "b2", &row));
  {
    g_autoptr(SpOffer) offer = sp_offer_table_dup_offer (f.table, row);

    g_assert_cmpstr (sp_offer_get_id (offer), ==, "b2");
    g_assert_cmpstr (sp_offer_get_source (offer), ==, "zeta");
    g_assert_cmpstr (sp_offer_get_name (offer), ==, "Tiny");
    g_assert_cmpstr (sp_offer_get_region (offer), ==, "us-east-1");
    g_assert_cmpint (sp_offer_get_price (offer), ==, 5000000);
    g_assert_cmpstr (sp_offer_get_gpu_model (offer), ==, "H100 SXM");
    /* the same summary the table keeps */
    {
      g_autofree char *spec = sp_offer_dup_spec_summary (offer);
      g_assert_cmpstr (spec, ==, sp_offer_table_get_spec (f.table, row));
    }
  }
  fixture_clear (&f);
}

static void
test_sort (void)
{
  Fixture f;
  SpEngineQuery q;

  fixture_init (&f);
  hand_made (&f);
  sp_engine_query_init (&q);
  /* price, then name, vendor, id; unknown last; retired hidden */
  assert_query (&f, &q, "b3 a4 b2 a3 a1 a2 b1 a5");
  q.descending = TRUE;
  assert_query (&f, &q, "a5 b1 a2 a1 a3 b2 a4 b3");
  q.descending = FALSE;
  q.sort = SP_ENGINE_SORT_NAME;
  /* name (collation), vendor name, id */
  assert_query (&f, &q, "a3 a1 a2 b1 b3 a5 b2 a4");
  q.sort = SP_ENGINE_SORT_VENDOR;
  assert_query (&f, &q, "a3 a1 a2 a5 a4 b1 b3 b2");
  q.sort = SP_ENGINE_SORT_REGION;
  /* no region first; then normalized price */
  assert_query (&f, &q, "a4 a2 a3 a1 a5 b3 b2 b1");
  q.sort = SP_ENGINE_SORT_BILLING;
  assert_query (&f, &q, "a4 b2 a3 a1 b1 a5 a2 b3");
  q.sort = SP_ENGINE_SORT_WARNINGS;
  /* a5: H100 alone is ambiguous */
  assert_query (&f, &q, "a5 b2 b3 a4 a3 a1 a2 b1");
  q.sort = SP_ENGINE_SORT_GROUP;
  assert_query (&f, &q, "a3 a5 b2 a1 a2 b1 b3 a4");
  q.sort = SP_ENGINE_SORT_SPEC;
  assert_query (&f, &q, "b2 a3 a1 a2 b1 a5 b3 a4");
  q.sort = SP_ENGINE_SORT_PRICE;
  q.kind_first = TRUE;
  /* GPU, CPU, tokens */
  assert_query (&f, &q, "b2 a3 a1 a2 b1 a5 b3 a4");
  q.kind_first = FALSE;
  q.include_retired = TRUE;
  q.limit = 3;
  assert_query (&f, &q, "b3 b4 a4");
  fixture_clear (&f);
}

static void
test_filter (void)
{
  Fixture f;
  SpEngineQuery q;

  fixture_init (&f);
  hand_made (&f);
  sp_engine_query_init (&q);
  q.filter_kind = TRUE;
  q.kind = SP_OFFER_KIND_GPU;
  assert_query (&f, &q, "b2 a3 a1 a2 b1 a5");
  q.gpu_model = "H100 SXM";
  assert_query (&f, &q, "b2 a1 a2 b1");
  q.region = "us-east-1";
  assert_query (&f, &q, "b2 b1");
  sp_engine_query_init (&q);
  q.vendor = "阿里云";
  assert_query (&f, &q, "a4 a3 a1 a2 a5");
  q.vendor = "ZETA cloud";
  assert_query (&f, &q, "b3 b2 b1");
  q.vendor = NULL;
  q.filter_billing = TRUE;
  q.billing = SP_BILLING_SPOT;
  assert_query (&f, &q, "a2");
  sp_engine_query_init (&q);
  q.min_gpu_memory_gb = 80;
  /* a minimum memory leaves only GPU offers */
  assert_query (&f, &q, "b2 a3 a1 a2 b1 a5");
  q.filter_kind = TRUE;
  q.kind = SP_OFFER_KIND_CPU;
  /* … but rests while another kind is shown */
  assert_query (&f, &q, "b3");
  sp_engine_query_init (&q);
  q.min_price = 5000000;
  q.max_price = 20000000;
  assert_query (&f, &q, "b2 a3 a1 a2 b1");
  sp_engine_query_init (&q);
  q.source = "zeta";
  q.include_retired = TRUE;
  assert_query (&f, &q, "b3 b4 b2 b1");
  q.source = "nowhere";
  assert_query (&f, &q, "");
  fixture_clear (&f);
}

static void
test_search (void)
{
  Fixture f;
  SpEngineQuery q;

  fixture_init (&f);
  hand_made (&f);
  sp_engine_query_init (&q);
  q.search = "阿里云 h100";
  /* every word: the Chinese vendor name and the GPU */
  assert_query (&f, &q, "a1 a2 a5");
  q.search = "ＢＯＸ　ｓｘｍ";    /* full-width letters and space */
  assert_query (&f, &q, "a1 a2 b1");
  q.search = "alpha";             /* a full-width name */
  assert_query (&f, &q, "a3");
  q.search = "通义";
  assert_query (&f, &q, "a4");
  q.search = "  us-east-1   cores ";
  assert_query (&f, &q, "b3");
  q.search = "b2";                /* the id */
  assert_query (&f, &q, "b2");
  q.search = "spot";              /* the billing mode */
  assert_query (&f, &q, "a2");
  q.search = "tokens";            /* the kind */
  assert_query (&f, &q, "a4");
  q.search = "h100 nothing";
  assert_query (&f, &q, "");
  /* narrowing: "box" then "box sxm" among the rows "box" gave */
  {
    g_autoptr(GArray) rows = NULL;

    q.search = "box";
    rows = sp_offer_engine_run (f.table, f.prices, &q, NULL, NULL);
    g_assert_cmpuint (rows->len, ==, 3);
    q.search = "box us-east";
    q.within = (const guint *) rows->data;
    q.n_within = rows->len;
    assert_query (&f, &q, "b1");
    q.search = "tiny";   /* b2 is not among them */
    assert_query (&f, &q, "");
    q.within = NULL;
  }
  g_assert_true (sp_offer_engine_row_matches (f.table, 0, "ALIBABA"));
  g_assert_false (sp_offer_engine_row_matches (f.table, 0, "zeta"));
  fixture_clear (&f);
}

static void
test_groups_flags (void)
{
  Fixture f;
  SpEngineQuery q;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autoptr(SpOfferFlags) flags = NULL;
  guint row, cheapest;

  fixture_init (&f);
  hand_made (&f);
  sp_engine_query_init (&q);
  q.filter_kind = TRUE;
  q.kind = SP_OFFER_KIND_GPU;
  rows = sp_offer_engine_run (f.table, f.prices, &q, NULL, NULL);
  groups = sp_offer_engine_group_rows (f.table, (guint *) rows->data, rows->len);
  /* b2 a3 a1 a2 b1 a5: H100 SXM 80 (4), A100 80GB (1), H100 80 (1) */
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_cmpuint (g_array_index (groups, SpEngineGroup, 0).n_members, ==, 4);
  g_assert_cmpuint (g_array_index (groups, SpEngineGroup, 0).first, ==, 0);
  g_assert_cmpuint (g_array_index (groups, SpEngineGroup, 1).first, ==, 1);
  g_assert_cmpuint (g_array_index (groups, SpEngineGroup, 2).n_members, ==, 1);

  g_assert_true (sp_offer_table_find (f.table, "zeta", "b2", &row));
  g_assert_true (sp_offer_prices_get_cheapest (f.prices, sp_offer_table_get_group (f.table, row),
                                               &cheapest));
  g_assert_cmpuint (cheapest, ==, row);
  /* median of 5, 20, 20, 20 is 20; 5 is 25% of it: suspicious (40%) */
  g_assert_cmpint (sp_offer_prices_get_group_median (f.prices, sp_offer_table_get_group (f.table, row)),
                   ==, 20000000);
  g_assert_cmpint (sp_offer_prices_get_flags (f.prices, row), ==, SP_OFFER_FLAG_SUSPICIOUS);
  flags = sp_offer_prices_dup_flags (f.prices, f.table, row);
  g_assert_nonnull (flags);
  g_assert_cmpuint (flags->percent_of_median, ==, 25);
  g_assert_nonnull (strstr (flags->suspicious_reason, "H100 SXM 80 GB"));
  g_assert_true (sp_offer_table_find (f.table, "aliyun", "a5", &row));
  g_assert_cmpint (sp_offer_prices_get_flags (f.prices, row), ==, SP_OFFER_FLAG_AMBIGUOUS);
  g_assert_true (sp_offer_table_find (f.table, "aliyun", "a1", &row));
  g_assert_cmpint (sp_offer_prices_get_flags (f.prices, row), ==, 0);
  g_assert_null (sp_offer_prices_dup_flags (f.prices, f.table, row));
  fixture_clear (&f);
}

/* Every figure of the engine against the catalog's functions on the same
 * offers read back as SpOffers: normalized prices, the price after
 * vouchers (the voucher engine's own), warnings, group cheapest, and the
 * orders of the three sorts sp_offer_query_run () knows */
static void
check_against_offers (Fixture  *f,
                      SpWallet *wallet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = sp_store_load_offers (f->store, &error);
  g_autoptr(GHashTable) flags = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;
  guint32 today = sp_date_today ();
  const char *searches[] = { NULL, "gpt", "a100", "deepseek", "us-east-1", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, ==, sp_offer_table_get_n_offers (f->table));
  prices = sp_offer_prices_compute (f->table, f->ctx, wallet, today, NULL, NULL, &error);
  g_assert_no_error (error);
  flags = sp_offer_flags_compute (offers, f->ctx, NULL);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      SpOfferFlags *fl = g_hash_table_lookup (flags, o);

      /* the table's rows are the store's order */
      g_assert_cmpstr (sp_offer_table_get_id (f->table, i), ==, o->id);
      g_assert_cmpint (sp_offer_prices_get_normalized (prices, i), ==,
                       sp_price_context_normalize (f->ctx, o, SP_PRICE_MAIN));
      g_assert_cmpint (sp_offer_prices_get_after_vouchers (prices, i), ==,
                       sp_offer_unit_after_vouchers (o, f->ctx, wallet, today, NULL));
      if (i % 7 == 0)
        g_assert_cmpint (sp_offer_engine_after_vouchers (f->table, i, f->ctx, wallet, today), ==,
                         sp_offer_prices_get_after_vouchers (prices, i));
      g_assert_cmpint (sp_offer_prices_get_flags (prices, i), ==, fl ? fl->flags : 0);
      if (fl != NULL && (fl->flags & SP_OFFER_FLAG_SUSPICIOUS))
        {
          g_autoptr(SpOfferFlags) mine = sp_offer_prices_dup_flags (prices, f->table, i);

          g_assert_cmpstr (mine->suspicious_reason, ==, fl->suspicious_reason);
        }
      {
        g_autofree char *group = sp_offer_dup_group (o);
        g_autofree char *spec = sp_offer_dup_spec_summary (o);

        g_assert_cmpstr (sp_offer_table_get_group_id (f->table, sp_offer_table_get_group (f->table, i)),
                         ==, group);
        g_assert_cmpstr (sp_offer_table_get_spec (f->table, i), ==, spec);
      }
    }
  groups = sp_offer_groups_compute (offers, f->ctx);
  g_assert_cmpuint (groups->len, ==, sp_offer_table_get_n_groups (f->table));
  for (guint i = 0; i < groups->len; i++)
    {
      SpOfferGroup *g = g_ptr_array_index (groups, i);
      guint row = 0;
      gboolean has = FALSE;

      for (guint j = 0; j < sp_offer_table_get_n_groups (f->table) && !has; j++)
        if (g_strcmp0 (sp_offer_table_get_group_id (f->table, j), g->id) == 0)
          {
            has = sp_offer_prices_get_cheapest (prices, j, &row);
            g_assert_cmpint (sp_offer_prices_get_group_median (prices, j), ==, g->median);
            g_assert_cmpstr (sp_offer_table_get_group_label (f->table, j), ==, g->label);
          }
      g_assert_cmpint (has, ==, g->cheapest != NULL);
      if (has)
        g_assert_cmpint (sp_offer_prices_get_normalized (prices, row), ==, g->cheapest_price);
    }

  for (guint s = 0; s < G_N_ELEMENTS (searches) - 1; s++)
    for (SpOfferSort sort = SP_OFFER_SORT_PRICE; sort <= SP_OFFER_SORT_NAME; sort++)
      {
        SpOfferQuery old = { 0 };
        SpEngineQuery q;
        g_autoptr(GPtrArray) shown = NULL;
        g_autoptr(GArray) rows = NULL;

        old.sort = sort;
        old.search = s == 0 ? NULL : searches[s];
        shown = sp_offer_query_run (offers, &old, f->ctx);
        sp_engine_query_init (&q);
        q.sort = sort == SP_OFFER_SORT_PRICE ? SP_ENGINE_SORT_PRICE
               : sort == SP_OFFER_SORT_VENDOR ? SP_ENGINE_SORT_VENDOR : SP_ENGINE_SORT_NAME;
        q.search = old.search;
        rows = sp_offer_engine_run (f->table, prices, &q, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, shown->len);
        for (guint i = 0; i < rows->len; i++)
          {
            SpOffer *o = g_ptr_array_index (shown, i);
            guint row = g_array_index (rows, guint, i);

            g_assert_cmpstr (sp_offer_table_get_id (f->table, row), ==, o->id);
            g_assert_cmpstr (sp_offer_table_get_source (f->table, row), ==, o->source);
          }
      }
}

static void
import_catalog (Fixture    *f,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = sp_import_parse_file (path, SP_FEED_FORMAT_AUTO, NULL, &error);
  guint changed;

  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (f->store, result, g_get_real_time () / G_USEC_PER_SEC,
                                          &changed, &error));
  g_assert_no_error (error);
}


/* Adds @voucher to @wallet, which keeps its own reference */
static void
give (SpWallet  *wallet,
      SpVoucher *voucher)
{
  g_assert_true (sp_wallet_add_voucher (wallet, voucher));
  g_object_unref (voucher);
}

static void
test_real_catalogs (void)
{
  const char *catalogs[] = {
    "skypilot/v8_aws_vms.gpu_excerpt.csv",
    "skypilot_azure/azure_vms.eastus.csv",
    "litellm/model_prices_and_context_window.json",
    "llm_prices_cn/prices.2026-08-01.json",
  };
  g_autoptr(SpWallet) wallet = sp_wallet_new ();
  Fixture f;

  fixture_init (&f);
  for (guint i = 0; i < G_N_ELEMENTS (catalogs); i++)
    {
      g_autofree char *path = sp_test_catalog (catalogs[i]);

      if (path == NULL)
        {
          fixture_clear (&f);
          return;
        }
      import_catalog (&f, path);
    }
  fixture_load (&f);
  g_assert_cmpuint (sp_offer_table_get_n_offers (f.table), >, 1000);
  check_against_offers (&f, NULL);
  /* a wallet: 10% off everything, and a fixed ¥5 off for one vendor's orders */
  give (wallet, sp_voucher_new_discount_percent ("TEN", 1000));
  check_against_offers (&f, wallet);
  sp_price_context_set_currency (f.ctx, "USD");
  check_against_offers (&f, wallet);
  fixture_clear (&f);
}

/* ---- After Vouchers of every offer, exactly the voucher engine's ---- */

static const char *exact_programmes =
  "{\"suanpan_programmes\": \"1.0\", \"programmes\": ["
  /* 30% of compute and tokens, at most ¥0.40 per contract: reached by
   * every unit above ¥1.33, truncated to the fen */
  " {\"id\": \"capped\", \"name\": \"Capped\", \"city\": {\"id\": \"testville\"},"
  "  \"rates\": {\"model-service\": \"30\", \"other-compute\": \"30\"},"
  "  \"cap_per_contract\": \"0.40\", \"rounding\": \"truncate\"},"
  /* 20%, at most ¥1,000 a year of which ¥999.90 is received: ¥0.10 left */
  " {\"id\": \"yearly\", \"name\": \"Yearly\", \"city\": {\"id\": \"testville\"},"
  "  \"rates\": {\"model-service\": \"20\", \"other-compute\": \"20\"},"
  "  \"cap_per_firm_year\": \"1000\"},"
  /* 50%, never with another programme, paid after settlement */
  " {\"id\": \"alone\", \"name\": \"Alone\", \"city\": {\"id\": \"testville\"},"
  "  \"rates\": {\"model-service\": \"50\", \"other-compute\": \"50\"},"
  "  \"stacking\": \"exclusive\", \"payout\": \"after-settlement\"}"
  "]}";

/* Wallet @k of the exactness test */
static SpWallet *
exact_wallet (guint k)
{
  SpWallet *wallet = sp_wallet_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programmes = sp_programme_list_from_data (exact_programmes, strlen (exact_programmes),
                                                                  &error);
  const char *aws[] = { "aws", NULL };
  SpVoucher *v;

  g_assert_no_error (error);
  sp_wallet_add_programmes (wallet, programmes);
  switch (k)
    {
    case 0:
      /* the benchmark's five: percentages, fixed amounts, a prepaid pack */
      give (wallet, sp_voucher_new_discount_percent ("TEN", 1000));
      give (wallet, sp_voucher_new_discount_percent ("FIVE", 500));
      give (wallet, sp_voucher_new_discount_amount ("Y50", 50000000, "CNY"));
      give (wallet, sp_voucher_new_prepaid ("PACK", "aws", NULL, 1000000000));
      give (wallet, sp_voucher_new_discount_amount ("Y5", 5000000, "CNY"));
      break;
    case 1:
      /* minimum spends around the unit prices, one vendor only, a USD amount */
      v = sp_voucher_new_discount_percent ("MIN1", 2500);
      sp_voucher_set_min_spend (v, 1000000);
      give (wallet, v);
      v = sp_voucher_new_discount_amount ("MIN2", 300000, "CNY");
      sp_voucher_set_min_spend (v, 2500000);
      give (wallet, v);
      v = sp_voucher_new_discount_percent ("AWS", 1500);
      sp_voucher_set_vendors (v, aws);
      give (wallet, v);
      give (wallet, sp_voucher_new_discount_amount ("USD1", 10000, "USD"));
      give (wallet, sp_voucher_new_prepaid ("TOKENS", "openai", "tokens", 500000000));
      break;
    case 3:
      /* twelve that serve every offer: the search walks 4,096 subsets, and
       * amounts already searched are looked up */
      for (guint i = 1; i <= 9; i++)
        {
          g_autofree char *code = g_strdup_printf ("P%u", i);

          give (wallet, sp_voucher_new_discount_percent (code, 300 * (gint) i));
        }
      give (wallet, sp_voucher_new_discount_amount ("F1", 10000, "CNY"));
      give (wallet, sp_voucher_new_discount_amount ("F2", 20000, "CNY"));
      give (wallet, sp_voucher_new_government ("CAP", "capped", 1000000000, 1000000000));
      break;
    case 2:
    default:
      /* government vouchers: caps reached, a balance running out, exclusive */
      give (wallet, sp_voucher_new_government ("CAP", "capped", 1000000000, 1000000000));
      give (wallet, sp_voucher_new_government ("YEAR", "yearly", 1000000000, 1000000000));
      sp_wallet_set_year_to_date (wallet, "yearly", 999900000);
      give (wallet, sp_voucher_new_government ("ALONE", "alone", 1000000000, 250000));
      give (wallet, sp_voucher_new_discount_percent ("TEN", 1000));
      v = sp_voucher_new_discount_amount ("MIN3", 50000, "CNY");
      sp_voucher_set_min_spend (v, 400000);
      give (wallet, v);
      break;
    }
  return wallet;
}

/* sp_offer_prices_compute ()'s After Vouchers against
 * sp_offer_unit_after_vouchers () for every offer; the number of offers
 * the wallet lowers */
static guint
check_after_exact (Fixture   *f,
                   GPtrArray *offers,
                   SpWallet  *wallet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;
  guint32 today = sp_date_today ();
  guint lowered = 0;

  prices = sp_offer_prices_compute (f->table, f->ctx, wallet, today, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      SpMoney exact = sp_offer_unit_after_vouchers (o, f->ctx, wallet, today, NULL);

      if (sp_offer_prices_get_after_vouchers (prices, i) != exact)
        g_error ("%s: after vouchers %" G_GINT64_FORMAT ", the voucher engine says %" G_GINT64_FORMAT,
                 o->id, sp_offer_prices_get_after_vouchers (prices, i), exact);
      if (exact != sp_offer_prices_get_normalized (prices, i))
        lowered++;
    }
  return lowered;
}

static void
test_after_exact (void)
{
  const char *catalogs[] = {
    "skypilot/v8_aws_vms.gpu_excerpt.csv",
    "skypilot_azure/azure_vms.eastus.csv",
    "litellm/model_prices_and_context_window.json",
    "llm_prices_cn/prices.2026-08-01.json",
  };
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GError) error = NULL;
  Fixture f;

  fixture_init (&f);
  for (guint i = 0; i < G_N_ELEMENTS (catalogs); i++)
    {
      g_autofree char *path = sp_test_catalog (catalogs[i]);

      if (path == NULL)
        {
          fixture_clear (&f);
          return;
        }
      import_catalog (&f, path);
    }
  fixture_load (&f);
  offers = sp_store_load_offers (f.store, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(SpWallet) wallet = exact_wallet (k);
      guint lowered[4];

      /* CNY (USD offers paid in yuan at the rate), USD, another rate,
       * another token mix */
      sp_price_context_set_currency (f.ctx, "CNY");
      lowered[0] = check_after_exact (&f, offers, wallet);
      sp_price_context_set_currency (f.ctx, "USD");
      lowered[1] = check_after_exact (&f, offers, wallet);
      sp_price_context_set_currency (f.ctx, "CNY");
      sp_price_context_set_usd_cny (f.ctx, 7123457);
      lowered[2] = check_after_exact (&f, offers, wallet);
      sp_price_context_set_mix (f.ctx, 1, 3);
      lowered[3] = check_after_exact (&f, offers, wallet);
      sp_price_context_set_mix (f.ctx, 3, 1);
      sp_price_context_set_usd_cny (f.ctx, 7200000);
      g_test_message ("wallet %u lowers %u / %u / %u / %u of %u offers", k, lowered[0],
                      lowered[1], lowered[2], lowered[3], offers->len);
      /* the wallets bite: the test compares savings, not list prices */
      g_assert_cmpuint (lowered[0], >, offers->len / 4);
      g_assert_cmpuint (lowered[3], >, offers->len / 4);
    }
  fixture_clear (&f);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  Fixture f;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOfferTable) table = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;
  g_autoptr(GArray) rows = NULL;
  SpEngineQuery q;
  g_autofree char *missing = NULL;

  fixture_init (&f);
  hand_made (&f);
  sp_offer_table_load_async (sp_store_get_path (f.store), NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  table = sp_offer_table_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_offer_table_get_n_offers (table), ==, 9);
  g_clear_object (&result);

  sp_offer_prices_compute_async (table, f.ctx, NULL, sp_date_today (), NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  prices = sp_offer_prices_compute_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  sp_engine_query_init (&q);
  q.search = "box";
  sp_offer_engine_run_async (table, prices, &q, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  rows = sp_offer_engine_run_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_clear_object (&result);

  /* a preference change re-prices in the worker: two changes in a row,
   * the first superseded (cancelled), the second on the settings as they
   * were when it was asked for, whatever the caller changed since */
  {
    g_autoptr(GCancellable) pending = NULL;
    g_autoptr(GAsyncResult) first = NULL;
    g_autoptr(SpOfferPrices) repriced = NULL;
    g_autoptr(SpOfferPrices) expected = NULL;
    g_autoptr(SpWallet) wallet = sp_wallet_new ();
    g_autoptr(SpPriceContext) usd = sp_price_context_new ();
    GCancellable *first_cancel;

    give (wallet, sp_voucher_new_discount_percent ("TEN", 1000));
    sp_offer_prices_reprice_async (table, f.ctx, wallet, sp_date_today (), &pending,
                                   loaded_cb, &first);
    first_cancel = pending;
    g_assert_nonnull (first_cancel);
    sp_price_context_set_currency (f.ctx, "USD");
    sp_offer_prices_reprice_async (table, f.ctx, wallet, sp_date_today (), &pending,
                                   loaded_cb, &result);
    g_assert_true (pending != first_cancel);
    sp_price_context_set_currency (f.ctx, "CNY");
    give (wallet, sp_voucher_new_discount_percent ("FIFTY", 5000));
    while (first == NULL || result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (sp_offer_prices_reprice_finish (first, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    repriced = sp_offer_prices_reprice_finish (result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpstr (sp_offer_prices_get_currency (repriced), ==, "USD");
    /* TEN only, in dollars */
    g_assert_true (sp_wallet_lookup_voucher (wallet, "FIFTY") != NULL);
    {
      g_autoptr(SpWallet) ten = sp_wallet_new ();

      give (ten, sp_voucher_new_discount_percent ("TEN", 1000));
      sp_price_context_set_currency (usd, "USD");
      expected = sp_offer_prices_compute (table, usd, ten, sp_date_today (), NULL, NULL, &error);
      g_assert_no_error (error);
    }
    for (guint i = 0; i < sp_offer_table_get_n_offers (table); i++)
      {
        g_assert_cmpint (sp_offer_prices_get_after_vouchers (repriced, i), ==,
                         sp_offer_prices_get_after_vouchers (expected, i));
        g_assert_cmpint (sp_offer_prices_get_normalized (repriced, i), ==,
                         sp_offer_prices_get_normalized (expected, i));
      }
    g_cancellable_cancel (pending);
  }

  /* cancelled: an error, nothing else */
  g_cancellable_cancel (cancel);
  sp_offer_table_load_async (sp_store_get_path (f.store), cancel, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (sp_offer_table_load_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (sp_offer_engine_run (table, prices, &q, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* a missing file: a clear error, no file made */
  missing = g_build_filename (f.dir->path, "none.db", NULL);
  g_assert_null (sp_offer_table_load (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  fixture_clear (&f);
}

/* The tie order (name, vendor, id, load order) from rows appended in any
 * order: the store reads each source in id order (one run a source, merged),
 * but rows out of id order are sorted all the same, and equal ids (two
 * sources) keep their load order. */
/* A CPU row of vendor "v" with no price, for the tests of ids and ties */
static void
append_plain_row (SpOfferTable *table,
                  const char   *source,
                  const char   *id,
                  const char   *name)
{
  SpOfferRow row = { 0 };

  row.source = source;
  row.id = id;
  row.name = name;
  row.vendor_id = "v";
  row.vendor_name = "Vendor";
  row.kind = SP_OFFER_KIND_CPU;
  row.billing = SP_BILLING_ON_DEMAND;
  row.price = row.input_price = row.output_price = row.cached_input_price = SP_MONEY_UNKNOWN;
  sp_offer_table_append (table, &row);
}

static void
test_tie_order_merge (void)
{
  /* source, id, name: "b" sorts before "a"'s rows by name */
  static const char * const rows[][3] = {
    { "s1", "id-c", "a" }, { "s1", "id-a", "a" }, { "s1", "id-b", "b" },
    { "s2", "id-b", "a" }, { "s2", "id-a", "a" }, { "s2", "id-d", "a" },
    { "s3", "id-a", "a" },
  };
  /* name "a": ids a (rows 1, 4, 6 in load order), b (3), c (0), d (5); then "b" */
  static const guint32 expected[] = { 1, 4, 6, 3, 0, 5, 2 };
  g_autoptr(SpOfferTable) table = sp_offer_table_new_building ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    append_plain_row (table, rows[i][0], rows[i][1], rows[i][2]);
  sp_offer_table_seal (table);
  g_assert_cmpuint (sp_offer_table_get_n_offers (table), ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (table->by_tie[i], ==, expected[i]);
}

/* What the records share (origins, shapes, token prices, 32-bit dates)
 * reads back exactly what each row was built from, odd values included */
static void
test_record_round_trip (void)
{
  static const gint64 fetched[] = { 0, 1780000000, -5, G_GINT64_CONSTANT (5000000000), 42, G_MAXUINT32 };
  g_autoptr(SpOfferTable) table = sp_offer_table_new_building ();

  for (guint i = 0; i < G_N_ELEMENTS (fetched); i++)
    {
      SpOfferRow row = { 0 };
      g_autofree char *id = g_strdup_printf ("id-%u", i);

      row.source = i < 3 ? "s1" : "s2";
      row.id = id;
      row.name = "n";
      row.vendor_id = "v";
      row.vendor_name = "Vendor";
      row.currency = i % 3 == 0 ? "CNY" : "USD";
      row.programmes = i == 4 ? "[\"p\"]" : NULL;
      row.kind = i == 1 ? SP_OFFER_KIND_TOKENS : SP_OFFER_KIND_GPU;
      row.billing = SP_BILLING_ON_DEMAND;
      row.gpu_count = i;
      row.gpu_memory_gb = 70000 + i;  /* beyond 16 bits: clamped, as before */
      row.vcpus_milli = 1000 * i;
      row.ram_mib = 4096 + i;
      row.price = 100 + i;
      row.input_price = i == 1 || i == 3 ? (SpMoney) (200 + i) : SP_MONEY_UNKNOWN;
      row.output_price = i == 1 ? 300 : SP_MONEY_UNKNOWN;
      row.cached_input_price = i == 5 ? 7 : SP_MONEY_UNKNOWN;
      row.fetched_at = fetched[i];
      sp_offer_table_append (table, &row);
    }
  sp_offer_table_seal (table);
  g_assert_cmpuint (sizeof (SpOfferRecord), ==, 56);
  for (guint i = 0; i < G_N_ELEMENTS (fetched); i++)
    {
      g_autoptr(SpOffer) o = sp_offer_table_dup_offer (table, i);
      g_autofree char *id = g_strdup_printf ("id-%u", i);
      guint row;

      g_assert_cmpint (sp_offer_table_get_fetched_at (table, i), ==, fetched[i]);
      g_assert_cmpint (sp_offer_get_fetched_at (o), ==, fetched[i]);
      g_assert_cmpstr (sp_offer_table_get_source (table, i), ==, i < 3 ? "s1" : "s2");
      g_assert_cmpstr (sp_offer_table_get_currency (table, i), ==, i % 3 == 0 ? "CNY" : "USD");
      g_assert_cmpuint (sp_offer_table_get_gpu_count (table, i), ==, i);
      g_assert_cmpuint (sp_offer_table_get_gpu_memory_gb (table, i), ==, G_MAXUINT16);
      g_assert_cmpuint (sp_offer_get_vcpus_milli (o), ==, 1000 * i);
      g_assert_cmpuint (sp_offer_get_ram_mib (o), ==, 4096 + i);
      g_assert_cmpint (sp_offer_table_get_price (table, i), ==, 100 + i);
      g_assert_cmpint (sp_offer_table_get_input_price (table, i), ==,
                       i == 1 || i == 3 ? (SpMoney) (200 + i) : SP_MONEY_UNKNOWN);
      g_assert_cmpint (sp_offer_get_output_price (o), ==, i == 1 ? 300 : SP_MONEY_UNKNOWN);
      g_assert_cmpint (sp_offer_get_cached_input_price (o), ==, i == 5 ? 7 : SP_MONEY_UNKNOWN);
      g_assert_cmpuint (sp_offer_get_voucher_programmes (o) != NULL &&
                        sp_offer_get_voucher_programmes (o)[0] != NULL, ==, i == 4);
      g_assert_true (sp_offer_table_find (table, i < 3 ? "s1" : "s2", id, &row));
      g_assert_cmpuint (row, ==, i);
    }
}

static int
cmp_strings (const void *a,
             const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The front-coded ids (SP_ID_BLOCK) read back exactly: across blocks and
 * sources, shared prefixes of 0, 1 and more than 127 bytes (two bytes of
 * length), an id that is a prefix of the one before, the empty id, equal ids
 * in two sources and non-ASCII ids, in the store's (source, id) order;
 * found, compared and searched like the ids they were built from */
static void
test_id_round_trip (void)
{
  g_autoptr(SpOfferTable) table = sp_offer_table_new_building ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GString) buf = g_string_new ("left over");
  g_autofree char *long_prefix = g_strnfill (300, 'x');
  gsize size;

  for (guint i = 0; i < 100; i++)
    {
      g_ptr_array_add (sources, "s1");
      g_ptr_array_add (ids, g_strdup_printf ("aliyun/S6.%uxlarge/%06u", i / 7, i * 7919 % 100000));
    }
  g_ptr_array_add (sources, "s1");
  g_ptr_array_add (ids, g_strdup (""));
  for (guint i = 0; i < 40; i++)
    {
      g_ptr_array_add (sources, "s2");
      g_ptr_array_add (ids, g_strdup_printf ("%s%u", long_prefix, i));
    }
  g_ptr_array_add (sources, "s2");
  g_ptr_array_add (ids, g_strdup (long_prefix));
  g_ptr_array_add (sources, "s2");
  g_ptr_array_add (ids, g_strdup ("阿里云/华东1/ecs.gn7i-c8g1.2xlarge"));
  g_ptr_array_add (sources, "s2");
  g_ptr_array_add (ids, g_strdup ("阿里云/华东1/ecs.gn7i-c8g1.2xlarge/按量"));
  g_ptr_array_add (sources, "s3");
  g_ptr_array_add (ids, g_strdup ("aliyun/S6.0xlarge/000000"));
  g_ptr_array_add (sources, "s3");
  g_ptr_array_add (ids, g_strdup ("a"));
  /* the store's order: by source (built in order above), then id */
  for (guint start = 0, end; start < ids->len; start = end)
    {
      for (end = start; end < ids->len && g_str_equal (sources->pdata[end], sources->pdata[start]); end++)
        ;
      qsort (ids->pdata + start, end - start, sizeof (gpointer), cmp_strings);
    }

  for (guint i = 0; i < ids->len; i++)
    append_plain_row (table, sources->pdata[i], ids->pdata[i], "n");
  sp_offer_table_seal (table);
  g_assert_cmpuint (sp_offer_table_get_n_offers (table), ==, ids->len);
  /* front-coded: well under the ids' own bytes */
  g_assert_cmpuint (table->ids_len, <, 4000);

  size = sp_offer_table_get_size (table);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      guint j = (i * 37 + 11) % ids->len, row;
      int want = strcmp (id, ids->pdata[j]), got = sp_offer_table_compare_ids (table, i, j);
      g_autofree char *needle = NULL;

      g_assert_cmpstr (sp_offer_table_copy_id (table, i, buf), ==, id);
      g_assert_cmpstr (sp_offer_table_peek_id (table, i), ==, id);
      g_assert_cmpint (want < 0 ? -1 : want > 0, ==, got < 0 ? -1 : got > 0);
      g_assert_true (sp_offer_table_find (table, sources->pdata[i], id, &row));
      g_assert_true (g_str_equal (sp_offer_table_get_id (table, row), id));
      if (*id == '\0')
        continue;
      /* searched in the ids alone (the row's other texts are "n", "v" and
       * "Vendor"): the id's tail, in capitals when ASCII */
      needle = g_ascii_strup (id + strlen (id) / 2, -1);
      if (strlen (needle) > 1 && strchr (needle, ' ') == NULL)
        g_assert_true (sp_offer_engine_row_matches (table, i, needle));
    }
  /* an id kept whole for get_id (), as long as the table */
  g_assert_cmpstr (sp_offer_table_get_id (table, 3), ==, ids->pdata[3]);
  g_assert_cmpuint (sp_offer_table_get_size (table), >, size);
  g_assert_false (sp_offer_engine_row_matches (table, 0, "S6.99xlarge"));
  g_assert_false (sp_offer_table_find (table, "s1", "aliyun/S6.0xlarge/00000", NULL));
  g_assert_false (sp_offer_table_find (table, "s2", "a", NULL));
}


/* ---- The table's cache (schema 9, offer_table_cache) ---- */

/* Every accessor of every row, every sort both ways, a few searches: @b
 * (read from the cache) is @a (built from the rows) */
static void
assert_tables_equal (SpOfferTable *a,
                     SpOfferTable *b)
{
  static const char *searches[] = { "h100", "阿里云", "ａｌｐｈａ", "box cn", "us-east", "m", "zzz" };
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GBytes) sa = sp_offer_table_serialize (a);
  g_autoptr(GBytes) sb = sp_offer_table_serialize (b);
  g_autoptr(GError) error = NULL;
  SpOfferPrices *pa, *pb;
  guint n = sp_offer_table_get_n_offers (a);

  g_assert_true (g_bytes_equal (sa, sb));
  g_assert_cmpuint (sp_offer_table_get_n_offers (b), ==, n);
  g_assert_cmpuint (sp_offer_table_get_n_groups (b), ==, sp_offer_table_get_n_groups (a));
  for (guint g = 0; g < sp_offer_table_get_n_groups (a); g++)
    {
      g_assert_cmpstr (sp_offer_table_get_group_id (a, g), ==, sp_offer_table_get_group_id (b, g));
      g_assert_cmpstr (sp_offer_table_get_group_label (a, g), ==, sp_offer_table_get_group_label (b, g));
    }
  for (guint r = 0; r < n; r++)
    {
      guint found = G_MAXUINT;

      g_assert_cmpstr (sp_offer_table_get_id (a, r), ==, sp_offer_table_get_id (b, r));
      g_assert_cmpstr (sp_offer_table_get_source (a, r), ==, sp_offer_table_get_source (b, r));
      g_assert_cmpstr (sp_offer_table_get_vendor_id (a, r), ==, sp_offer_table_get_vendor_id (b, r));
      g_assert_cmpstr (sp_offer_table_get_vendor_name (a, r), ==, sp_offer_table_get_vendor_name (b, r));
      g_assert_cmpstr (sp_offer_table_get_vendor_name_zh (a, r), ==, sp_offer_table_get_vendor_name_zh (b, r));
      g_assert_cmpstr (sp_offer_table_get_name (a, r), ==, sp_offer_table_get_name (b, r));
      g_assert_cmpstr (sp_offer_table_get_model (a, r), ==, sp_offer_table_get_model (b, r));
      g_assert_cmpstr (sp_offer_table_get_gpu_model (a, r), ==, sp_offer_table_get_gpu_model (b, r));
      g_assert_cmpstr (sp_offer_table_get_region (a, r), ==, sp_offer_table_get_region (b, r));
      g_assert_cmpstr (sp_offer_table_get_currency (a, r), ==, sp_offer_table_get_currency (b, r));
      g_assert_cmpstr (sp_offer_table_get_spec (a, r), ==, sp_offer_table_get_spec (b, r));
      g_assert_cmpint (sp_offer_table_get_kind (a, r), ==, sp_offer_table_get_kind (b, r));
      g_assert_cmpint (sp_offer_table_get_billing (a, r), ==, sp_offer_table_get_billing (b, r));
      g_assert_cmpuint (sp_offer_table_get_gpu_count (a, r), ==, sp_offer_table_get_gpu_count (b, r));
      g_assert_cmpuint (sp_offer_table_get_gpu_memory_gb (a, r), ==, sp_offer_table_get_gpu_memory_gb (b, r));
      g_assert_cmpint (sp_offer_table_get_price (a, r), ==, sp_offer_table_get_price (b, r));
      g_assert_cmpint (sp_offer_table_get_input_price (a, r), ==, sp_offer_table_get_input_price (b, r));
      g_assert_cmpint (sp_offer_table_get_output_price (a, r), ==, sp_offer_table_get_output_price (b, r));
      g_assert_cmpint (sp_offer_table_get_fetched_at (a, r), ==, sp_offer_table_get_fetched_at (b, r));
      g_assert_cmpint (sp_offer_table_get_retired (a, r), ==, sp_offer_table_get_retired (b, r));
      g_assert_cmpint (sp_offer_table_get_demo (a, r), ==, sp_offer_table_get_demo (b, r));
      g_assert_cmpuint (sp_offer_table_get_group (a, r), ==, sp_offer_table_get_group (b, r));
      g_assert_true (sp_offer_table_find (b, sp_offer_table_get_source (a, r),
                                          sp_offer_table_get_id (a, r), &found));
      g_assert_cmpuint (found, ==, r);
    }
  pa = sp_offer_prices_compute (a, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  g_assert_no_error (error);
  pb = sp_offer_prices_compute (b, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  g_assert_no_error (error);
  for (int sort = 0; sort < SP_ENGINE_N_SORTS; sort++)
    for (guint way = 0; way < 2 + G_N_ELEMENTS (searches); way++)
      {
        g_autoptr(GArray) ra = NULL;
        g_autoptr(GArray) rb = NULL;
        SpEngineQuery q;

        sp_engine_query_init (&q);
        q.sort = sort;
        q.include_retired = TRUE;
        q.descending = way == 1;
        q.search = way >= 2 ? searches[way - 2] : NULL;
        ra = sp_offer_engine_run (a, pa, &q, NULL, &error);
        g_assert_no_error (error);
        rb = sp_offer_engine_run (b, pb, &q, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (ra->len, ==, rb->len);
        g_assert_cmpmem (ra->data, ra->len * sizeof (guint), rb->data, rb->len * sizeof (guint));
      }
  sp_offer_prices_unref (pa);
  sp_offer_prices_unref (pb);
}

static gint64
cache_rows (Fixture *f)
{
  return sp_test_sql_int_at (sp_store_get_path (f->store), "SELECT count(*) FROM offer_table_cache");
}

/* Runs @sql in one write transaction on the store's own connection, with
 * the cache's invalidation when @invalidate; whether it committed */
static gboolean
offers_sql (Fixture    *f,
            const char *sql,
            gboolean    invalidate)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = sp_store_get_db (f->store);
  gboolean ok;

  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  if (invalidate)
    {
      g_assert_true (sp_store_offers_changed_locked (f->store, &error));
      g_assert_no_error (error);
    }
  ok = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    g_assert_true (sqlite3_get_autocommit (db));   /* rolled back, not left open */
  return ok;
}

/* Loads from the rows (not cached), stores the cache, loads it back */
static SpOfferTable *
load_through_cache (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOfferTable) built = NULL;
  SpOfferTable *cached;

  built = sp_offer_table_load (sp_store_get_path (f->store), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sp_offer_table_is_cached (built));
  g_assert_true (sp_offer_table_save_cache (built, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cache_rows (f), ==, 1);
  cached = sp_offer_table_load (sp_store_get_path (f->store), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_offer_table_is_cached (cached));
  assert_tables_equal (built, cached);
  return cached;
}

/* A table that loads from the rows, equal to the one built from them */
static void
assert_loads_from_rows (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOfferTable) t = sp_offer_table_load (sp_store_get_path (f->store), NULL, &error);

  g_assert_no_error (error);
  g_assert_false (sp_offer_table_is_cached (t));
}

static void
test_cache (void)
{
  const char *catalogs[] = {
    "skypilot/v8_aws_vms.gpu_excerpt.csv",
    "litellm/model_prices_and_context_window.json",
    "llm_prices_cn/prices.2026-08-01.json",
  };
  g_autoptr(GError) error = NULL;
  SpOffer *more[] = {
    offer_new ("c1", SP_OFFER_KIND_GPU, "New", "A100 80GB", 80, "eu-west-1", SP_BILLING_SPOT, 7000000),
    NULL };
  Fixture f;
  sqlite3 *db;

  fixture_init (&f);
  hand_made (&f);
  /* the same table, written once, read back; a second save writes nothing */
  {
    g_autoptr(SpOfferTable) cached = load_through_cache (&f);

    g_assert_true (sp_offer_table_save_cache (cached, f.store, &error));
    g_assert_cmpint (cache_rows (&f), ==, 1);
  }
  /* every write to offers invalidates it: an insert */
  store_offers (f.store, "more", "more", "More Cloud", NULL, more);
  g_assert_cmpint (cache_rows (&f), ==, 0);
  assert_loads_from_rows (&f);
  g_clear_object (&f.table);
  /* an update, a delete, a source removed */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SpOfferTable) cached = load_through_cache (&f);

      if (i == 0)
        g_assert_true (offers_sql (&f, "UPDATE offers SET price = price + 1 WHERE id = 'a1'", TRUE));
      else if (i == 1)
        g_assert_true (offers_sql (&f, "DELETE FROM offers WHERE id = 'b2'", TRUE));
      if (i == 2)
        {
          g_assert_true (sp_store_remove_source (f.store, "more", &error));
          g_assert_no_error (error);
        }
      g_assert_cmpint (cache_rows (&f), ==, 0);
      assert_loads_from_rows (&f);
    }
  /* a blob built from an older snapshot is not stored */
  {
    g_autoptr(SpOfferTable) built = sp_offer_table_load (sp_store_get_path (f.store), NULL, &error);

    g_assert_true (offers_sql (&f, "UPDATE offers SET price = price + 1 WHERE id = 'a1'", TRUE));
    g_assert_true (sp_offer_table_save_cache (built, f.store, &error));
    g_assert_cmpint (cache_rows (&f), ==, 0);
  }
  /* a wrong key, a truncated blob, a corrupted one: read from the rows */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SpOfferTable) cached = load_through_cache (&f);
      static const char *spoil[] = {
        "UPDATE offer_table_cache SET key = 'v0 other'",
        "UPDATE offer_table_cache SET data = substr (data, 1, length (data) - 9)",
        "UPDATE offer_table_cache SET data = zeroblob (length (data))",
      };

      db = sp_test_sql_open (sp_store_get_path (f.store));
      sp_test_sql_exec (db, spoil[i]);
      sqlite3_close (db);
      assert_loads_from_rows (&f);
      db = sp_test_sql_open (sp_store_get_path (f.store));
      sp_test_sql_exec (db, "DELETE FROM offer_table_cache");
      sqlite3_close (db);
    }
  /* recorded catalogs, when present */
  for (guint i = 0; i < G_N_ELEMENTS (catalogs); i++)
    {
      g_autofree char *path = sp_test_catalog (catalogs[i]);

      if (path == NULL)
        break;
      import_catalog (&f, path);
    }
  g_clear_object (&f.table);
  {
    g_autoptr(SpOfferTable) cached = load_through_cache (&f);
  }
  fixture_clear (&f);
}

static gint64
offers_generation (Fixture *f)
{
  return sp_test_sql_int_at (sp_store_get_path (f->store),
                             "SELECT coalesce ((SELECT CAST (value AS INTEGER) FROM meta "
                             "WHERE key = 'offers_generation'), 0)");
}

/* Every public write of SpStore that changes offers leaves no cache behind
 * and bumps the generation once (invalidation per transaction, no triggers) */
static void
test_cache_writes (void)
{
  g_autoptr(GError) error = NULL;
  Fixture f;

  fixture_init (&f);
  hand_made (&f);
  for (guint step = 0; step < 6; step++)
    {
      g_autoptr(SpOfferTable) cached = load_through_cache (&f);
      gint64 before = offers_generation (&f);

      switch (step)
        {
        case 0: /* a new source: inserts */
          {
            SpOffer *more[] = {
              offer_new ("c1", SP_OFFER_KIND_GPU, "New", "A100 80GB", 80, "eu-west-1", SP_BILLING_SPOT, 7000000),
              offer_new ("c2", SP_OFFER_KIND_GPU, "New", "L4", 24, "eu-west-1", SP_BILLING_SPOT, 900000),
              NULL };

            store_offers (f.store, "more", "more", "More Cloud", NULL, more);
          }
          break;
        case 1: /* the same source again, a price changed: updates */
          {
            SpOffer *more[] = {
              offer_new ("c1", SP_OFFER_KIND_GPU, "New", "A100 80GB", 80, "eu-west-1", SP_BILLING_SPOT, 6000000),
              offer_new ("c2", SP_OFFER_KIND_GPU, "New", "L4", 24, "eu-west-1", SP_BILLING_SPOT, 900000),
              NULL };

            store_offers (f.store, "more", "more", "More Cloud", NULL, more);
          }
          break;
        case 2: /* an offer left the source: a delete */
          {
            SpOffer *more[] = {
              offer_new ("c1", SP_OFFER_KIND_GPU, "New", "A100 80GB", 80, "eu-west-1", SP_BILLING_SPOT, 6000000),
              NULL };

            store_offers (f.store, "more", "more", "More Cloud", NULL, more);
          }
          break;
        case 3: /* the very same catalog again */
          {
            SpOffer *more[] = {
              offer_new ("c1", SP_OFFER_KIND_GPU, "New", "A100 80GB", 80, "eu-west-1", SP_BILLING_SPOT, 6000000),
              NULL };

            store_offers (f.store, "more", "more", "More Cloud", NULL, more);
          }
          break;
        case 4: /* a source removed: its offers go by the cascade */
          g_assert_true (sp_store_remove_source (f.store, "more", &error));
          g_assert_no_error (error);
          break;
        case 5: /* a configured source deleted with its offers */
          g_assert_true (sp_store_delete_source (f.store, "zeta", &error));
          g_assert_no_error (error);
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_cmpint (cache_rows (&f), ==, 0);
      g_assert_cmpint (offers_generation (&f), ==, before + 1);
      assert_loads_from_rows (&f);
    }
  /* a restore moves the generation past the live file's: a table built
   * before the swap is not stored as the restored offers' cache */
  {
    g_autofree char *dir = g_path_get_dirname (sp_store_get_path (f.store));
    g_autofree char *backup = g_build_filename (dir, "cache-backup.db", NULL);
    g_autoptr(SpOfferTable) before_swap = NULL;
    SpOffer *more[] = {
      offer_new ("d1", SP_OFFER_KIND_GPU, "New", "A100 80GB", 80, "eu-west-1", SP_BILLING_SPOT, 7000000),
      NULL };
    gint64 live;

    g_assert_true (sp_store_backup_to (sp_store_get_path (f.store), backup, &error));
    g_assert_no_error (error);
    store_offers (f.store, "later", "later", "Later Cloud", NULL, more);
    before_swap = sp_offer_table_load (sp_store_get_path (f.store), NULL, &error);
    g_assert_no_error (error);
    live = offers_generation (&f);
    g_assert_true (sp_store_restore_from (sp_store_get_path (f.store), backup, &error));
    g_assert_no_error (error);
    g_assert_cmpint (offers_generation (&f), ==, live + 1);
    g_assert_true (sp_offer_table_save_cache (before_swap, f.store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (cache_rows (&f), ==, 0);
  }
  /* the writes that leave offers alone keep it */
  {
    g_autoptr(SpOfferTable) cached = load_through_cache (&f);
    g_autoptr(SpSource) source = sp_source_new ("extra", "https://example.com/extra.json",
                                                SP_FEED_FORMAT_SUANPAN);

    g_assert_true (sp_store_set_meta (f.store, "some-key", "1", &error));
    g_assert_true (sp_store_add_source (f.store, source, &error));
    g_assert_no_error (error);
    g_assert_cmpint (cache_rows (&f), ==, 1);
  }
  fixture_clear (&f);
}

/* A write to offers that forgets the invalidation is refused at COMMIT
 * (a g_critical, rolled back): the offers and the cache stay as they were */
static void
test_cache_guard (void)
{
  Fixture f;
  sqlite3 *db;
  gint64 price, generation;

  if (!sqlite3_compileoption_used ("ENABLE_PREUPDATE_HOOK"))
    {
      g_test_skip ("SQLite without the pre-update hook: no guard");
      return;
    }
  fixture_init (&f);
  hand_made (&f);
  {
    g_autoptr(SpOfferTable) cached = load_through_cache (&f);
  }
  db = sp_store_get_db (f.store);
  price = sp_test_sql_int_at (sp_store_get_path (f.store), "SELECT price FROM offers WHERE id = 'a1'");
  generation = offers_generation (&f);
  /* an update in a transaction, an autocommit delete, a cascade from sources */
  for (guint i = 0; i < 3; i++)
    {
      g_test_expect_message ("Suanpan-Core", G_LOG_LEVEL_CRITICAL,
                             "*offers changed without invalidating the offer table cache*");
      if (i == 0)
        g_assert_false (offers_sql (&f, "UPDATE offers SET price = price + 1 WHERE id = 'a1'", FALSE));
      else if (i == 1)
        g_assert_cmpint (sqlite3_exec (db, "DELETE FROM offers WHERE id = 'b2'", NULL, NULL, NULL),
                         ==, SQLITE_CONSTRAINT_COMMITHOOK);
      else
        g_assert_false (offers_sql (&f, "DELETE FROM sources WHERE name = 'zeta'", FALSE));
      g_test_assert_expected_messages ();
      g_assert_true (sqlite3_get_autocommit (db));
    }
  g_assert_cmpint (sp_test_sql_int_at (sp_store_get_path (f.store),
                                       "SELECT price FROM offers WHERE id = 'a1'"), ==, price);
  g_assert_cmpint (sp_test_sql_int_at (sp_store_get_path (f.store),
                                       "SELECT count(*) FROM offers WHERE source = 'zeta'"), ==, 4);
  g_assert_cmpint (cache_rows (&f), ==, 1);
  g_assert_cmpint (offers_generation (&f), ==, generation);
  /* the connection goes on: with the invalidation the same write commits */
  g_assert_true (offers_sql (&f, "UPDATE offers SET price = price + 1 WHERE id = 'a1'", TRUE));
  g_assert_cmpint (cache_rows (&f), ==, 0);
  g_assert_cmpint (offers_generation (&f), ==, generation + 1);
  fixture_clear (&f);
}

/* Hostile blobs: every truncation is refused; every byte spoiled gives
 * NULL or a table whose every row reads within bounds (ASan watches) */
static void
test_cache_hostile (void)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  const guint8 *data;
  g_autofree guint8 *copy = NULL;
  gsize len;
  Fixture f;

  fixture_init (&f);
  hand_made (&f);
  blob = sp_offer_table_serialize (f.table);
  data = g_bytes_get_data (blob, &len);
  copy = g_memdup2 (data, len);
  g_assert_null (sp_offer_table_new_from_cache (NULL, 0));
  for (gsize cut = 0; cut < len; cut++)
    g_assert_null (sp_offer_table_new_from_cache (copy, cut));
  for (gsize at = 0; at < len; at++)
    for (guint v = 0; v < 3; v++)
      {
        static const guint8 values[] = { 0xff, 0x80, 0x01 };
        g_autoptr(SpOfferTable) t = NULL;

        copy[at] = v < 2 ? values[v] : (guint8) (data[at] + 1);
        t = sp_offer_table_new_from_cache (copy, len);
        if (t != NULL)
          {
            g_autoptr(GError) error = NULL;
            SpOfferPrices *p;
            SpEngineQuery q;
            g_autoptr(GArray) rows = NULL;

            for (guint r = 0; r < sp_offer_table_get_n_offers (t); r++)
              {
                g_autoptr(SpOffer) o = sp_offer_table_dup_offer (t, r);

                g_assert_nonnull (sp_offer_table_get_id (t, r));
              }
            p = sp_offer_prices_compute (t, ctx, NULL, sp_date_today (), NULL, NULL, &error);
            g_assert_no_error (error);
            sp_engine_query_init (&q);
            q.search = "h100";
            rows = sp_offer_engine_run (t, p, &q, NULL, &error);
            g_assert_no_error (error);
            sp_offer_prices_unref (p);
          }
        copy[at] = data[at];
      }
  fixture_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();

  g_test_add_func ("/engine/table", test_table);
  g_test_add_func ("/engine/table-views", test_table_views);
  g_test_add_func ("/engine/sort", test_sort);
  g_test_add_func ("/engine/filter", test_filter);
  g_test_add_func ("/engine/search", test_search);
  g_test_add_func ("/engine/groups-flags", test_groups_flags);
  g_test_add_func ("/engine/real-catalogs", test_real_catalogs);
  g_test_add_func ("/engine/after-vouchers-exact", test_after_exact);
  g_test_add_func ("/engine/async", test_async);
  g_test_add_func ("/engine/tie-order-merge", test_tie_order_merge);
  g_test_add_func ("/engine/record-round-trip", test_record_round_trip);
  g_test_add_func ("/engine/id-round-trip", test_id_round_trip);
  g_test_add_func ("/engine/cache", test_cache);
  g_test_add_func ("/engine/cache-hostile", test_cache_hostile);
  g_test_add_func ("/engine/cache-writes", test_cache_writes);
  g_test_add_func ("/engine/cache-guard", test_cache_guard);
  return g_test_run ();
}
