/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-estimate-table.c — the estimator and the break-even on the offer
 * engine's table (issue 17) give sp_estimate_run ()'s and sp_breakeven_run ()'s
 * figures over SpOffers, to the micro-unit and in the same order, on
 * recorded catalogs (tiers, off-peak prices, reserved commitments, vouchers);
 * and only the rows that need it are read back whole. */
#include "config.h"

#include <string.h>

#include "sp-core.h"
#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-test-util.h"

typedef struct {
  SpTestDir      *dir;
  SpStore        *store;
  GPtrArray      *offers;   /* the store's, whole */
  SpOfferTable   *table;
  SpPriceContext *ctx;
} Fixture;

static void
import_file (SpStore    *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = sp_import_parse_file (path, SP_FEED_FORMAT_AUTO, NULL, &error);
  guint changed;

  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC,
                                          &changed, &error));
  g_assert_no_error (error);
}

/* A store of recorded catalogs and the project's break-even feed; FALSE
 * (skipped) without ../shared */
static gboolean
fixture_init (Fixture *f)
{
  const char *catalogs[] = {
    "skypilot/v8_aws_vms.gpu_excerpt.csv",
    "skypilot_gcp/gcp_vms.us-central1-a.csv",
    "litellm/model_prices_and_context_window.json",
    "llm_prices_cn/prices.2026-08-01.json",
    "openrouter/openrouter_models_2026-08-01.json",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *feed = NULL;

  memset (f, 0, sizeof *f);
  f->dir = sp_test_dir_new ();
  path = g_build_filename (f->dir->path, "store.db", NULL);
  f->store = sp_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (catalogs); i++)
    {
      g_autofree char *catalog = sp_test_catalog (catalogs[i]);

      if (catalog == NULL)
        return FALSE;
      import_file (f->store, catalog);
    }
  feed = sp_test_source_path ("tests/data/feeds/breakeven-feed.json");
  import_file (f->store, feed);
  f->offers = sp_store_load_offers (f->store, &error);
  g_assert_no_error (error);
  f->table = sp_offer_table_load (sp_store_get_path (f->store), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_offer_table_get_n_offers (f->table), ==, f->offers->len);
  g_assert_cmpuint (f->offers->len, >, 3000);
  f->ctx = sp_price_context_new ();
  return TRUE;
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->ctx);
  g_clear_object (&f->table);
  g_clear_pointer (&f->offers, g_ptr_array_unref);
  g_clear_object (&f->store);
  sp_test_dir_free (f->dir);
}

/* The whole offers of @rows, read back from the store (what the CLI and the
 * window do) */
static GHashTable *
read_details (Fixture *f,
              GArray  *rows)
{
  GHashTable *details = sp_offer_details_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(SpOffer) offer = sp_store_load_offer (f->store, sp_offer_table_get_source (f->table, row),
                                                      sp_offer_table_get_id (f->table, row), &error);

      g_assert_no_error (error);
      g_assert_nonnull (offer);
      sp_offer_details_add (details, row, offer);
    }
  return details;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

/* Iterates the default main context until *@slot is set */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* sp_offer_table_estimate_async () gives @entries and the rows shown as the
 * calls in this thread do, though @details and @w's search change at once */
static void
check_estimate_async (Fixture          *f,
                      GHashTable       *details,
                      const SpWorkload *w,
                      GArray           *entries)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) mine = sp_offer_details_new ();
  SpWorkload copy = *w;
  g_autofree char *search = g_strdup (w->search);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, details);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sp_offer_details_add (mine, GPOINTER_TO_UINT (key), value);
  copy.search = search;
  sp_offer_table_estimate_async (f->table, mine, &copy, f->ctx, 20, NULL, store_result, &result);
  /* the caller's own change at once: the worker reads copies */
  if (search != NULL)
    search[0] = '\0';
  g_hash_table_remove_all (mine);
  got = sp_offer_table_estimate_finish (wait_result (&result), &rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, entries->len);
  g_assert_cmpmem (got->data, got->len * sizeof (SpTableEstimate),
                   entries->data, entries->len * sizeof (SpTableEstimate));
  g_assert_cmpuint (rows->len, ==, MIN (entries->len, 20));
  for (guint i = 0; i < rows->len; i++)
    {
      const SpEstimateRow *row = g_ptr_array_index (rows, i);
      const SpTableEstimate *e = &g_array_index (entries, SpTableEstimate, i);

      g_assert_cmpstr (sp_offer_get_id (row->offer), ==, sp_offer_table_get_id (f->table, e->row));
      g_assert_cmpint (row->monthly_cost, ==, e->monthly_cost);
    }
}

/* The table's estimate of @w equals sp_estimate_run ()'s, row by row;
 * returns how many rows matched */
static guint
check_estimate (Fixture          *f,
                const SpWorkload *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = sp_estimate_run (f->offers, w, f->ctx, &error);
  g_autoptr(GArray) detail_rows = sp_offer_table_estimate_detail_rows (f->table, w);
  g_autoptr(GHashTable) details = read_details (f, detail_rows);
  g_autoptr(GArray) entries = sp_offer_table_estimate (f->table, details, w, f->ctx, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, expected->len);
  check_estimate_async (f, details, w, entries);
  /* read back only where the table lacks what the figure reads */
  if (!sp_estimate_needs_detail (w, SP_OFFER_KIND_TOKENS))
    g_assert_cmpuint (detail_rows->len, ==, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      const SpTableEstimate *e = &g_array_index (entries, SpTableEstimate, i);
      const SpEstimateRow *want = g_ptr_array_index (expected, i);

      g_assert_cmpstr (sp_offer_table_get_id (f->table, e->row), ==, sp_offer_get_id (want->offer));
      g_assert_cmpstr (sp_offer_table_get_source (f->table, e->row), ==, sp_offer_get_source (want->offer));
      g_assert_cmpint (e->monthly_cost, ==, want->monthly_cost);
      g_assert_cmpint (e->unit_price, ==, want->unit_price);
      g_assert_cmpint (e->output_price, ==, want->output_price);
      g_assert_cmpint (e->cached_price, ==, want->cached_price);
      g_assert_cmpint (e->tier_above_tokens, ==, want->tier_above_tokens);
      g_assert_cmpint (e->self_hosted, ==, want->self_hosted);
      g_assert_cmpint (e->off_peak, ==, want->off_peak);
      /* the rows shown are made whole with the same explanation */
      if (i < 50)
        {
          g_autoptr(SpEstimateRow) row = sp_offer_table_estimate_row (f->table, details, w, f->ctx, e);

          g_assert_cmpstr (row->explanation, ==, want->explanation);
          g_assert_cmpstr (sp_offer_get_name (row->offer), ==, sp_offer_get_name (want->offer));
          g_assert_cmpint (row->monthly_cost, ==, want->monthly_cost);
        }
    }
  return entries->len;
}

static void
test_estimate_equals_offers (void)
{
  const char *currencies[] = { "CNY", "USD" };
  Fixture f;

  if (!fixture_init (&f))
    {
      fixture_clear (&f);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    {
      SpWorkload w;

      sp_price_context_set_currency (f.ctx, currencies[c]);
      sp_workload_init (&w);
      w.kind = SP_WORKLOAD_GPU_HOURS;
      w.hours = 500 * SP_MONEY_SCALE;
      g_assert_cmpuint (check_estimate (&f, &w), >, 100);
      w.gpu_model = "H100";
      g_assert_cmpuint (check_estimate (&f, &w), >, 0);
      w.gpu_model = NULL;
      w.min_gpu_memory_gb = 40;
      check_estimate (&f, &w);

      sp_workload_init (&w);
      w.kind = SP_WORKLOAD_CORE_HOURS;
      w.hours = 1234567;   /* 1.234567 h: rounding of every row */
      g_assert_cmpuint (check_estimate (&f, &w), >, 100);

      sp_workload_init (&w);
      w.kind = SP_WORKLOAD_TOKENS;
      w.input_mtok = 30 * SP_MONEY_SCALE;
      w.output_mtok = 8 * SP_MONEY_SCALE;
      w.cached_mtok = 12 * SP_MONEY_SCALE;
      g_assert_cmpuint (check_estimate (&f, &w), >, 1000);
      /* long-context tiers and context windows: read back */
      w.prompt_tokens_per_request = 250000;
      check_estimate (&f, &w);
      w.prompt_tokens_per_request = 0;
      /* off-peak variants: read back */
      w.off_peak = TRUE;
      check_estimate (&f, &w);
      w.off_peak = FALSE;
      /* self-hosted GPU rows, and the window's model search */
      w.self_host_tokens_per_second = 2000 * SP_MONEY_SCALE;
      check_estimate (&f, &w);
      w.search = "DeepSeek";
      g_assert_cmpuint (check_estimate (&f, &w), >, 0);
      w.search = "深度求索";
      check_estimate (&f, &w);
      /* a task preset: tiers by the request's input */
      sp_workload_init (&w);
      g_assert_true (sp_workload_set_task (&w, 30000, 2000, 5000));
      check_estimate (&f, &w);
    }
  fixture_clear (&f);
}

/* The table's break-even of @query equals sp_breakeven_run ()'s */
static void
check_breakeven (Fixture                *f,
                 const SpBreakevenQuery *q,
                 SpWallet               *wallet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) table_error = NULL;
  g_autoptr(GHashTable) flags = sp_offer_flags_compute (f->offers, f->ctx, NULL);
  g_autoptr(SpOfferPrices) prices = sp_offer_prices_compute (f->table, f->ctx, NULL, q->date, NULL,
                                                             NULL, &error);
  g_autoptr(GArray) detail_rows = sp_offer_table_breakeven_detail_rows (f->table, q);
  g_autoptr(GHashTable) details = read_details (f, detail_rows);
  SpBreakevenQuery query = *q;
  g_autoptr(SpBreakeven) want = NULL;
  g_autoptr(SpBreakeven) got = NULL;

  query.flags = flags;
  want = sp_breakeven_run (f->offers, &query, f->ctx, wallet, &error);
  got = sp_offer_table_breakeven (f->table, prices, details, q, f->ctx, wallet, NULL, NULL,
                                  &table_error);
  if (want == NULL)
    {
      g_assert_null (got);
      g_assert_cmpstr (table_error->message, ==, error->message);
      return;
    }
  g_assert_no_error (table_error);
  /* in a worker: the same break-even */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(SpBreakeven) async = NULL;

    sp_offer_table_breakeven_async (f->table, prices, details, q, f->ctx, wallet, NULL,
                                    store_result, &result);
    async = sp_offer_table_breakeven_finish (wait_result (&result), &table_error);
    g_assert_no_error (table_error);
    g_assert_cmpuint (async->options->len, ==, got->options->len);
    g_assert_cmpuint (async->crossovers->len, ==, got->crossovers->len);
    for (guint i = 0; i < got->options->len; i++)
      g_assert_cmpint (((SpBreakevenOption *) g_ptr_array_index (async->options, i))->unit_price, ==,
                       ((SpBreakevenOption *) g_ptr_array_index (got->options, i))->unit_price);
    for (guint i = 0; i < got->crossovers->len; i++)
      g_assert_cmpint (g_array_index (async->crossovers, SpBreakevenCrossover, i).at, ==,
                       g_array_index (got->crossovers, SpBreakevenCrossover, i).at);
  }
  g_assert_cmpint (got->axis, ==, want->axis);
  g_assert_cmpint (got->axis_max, ==, want->axis_max);
  g_assert_cmpuint (got->n_unreadable, ==, want->n_unreadable);
  g_assert_cmpuint (got->n_suspicious, ==, want->n_suspicious);
  g_assert_cmpuint (got->options->len, ==, want->options->len);
  for (guint i = 0; i < want->options->len; i++)
    {
      const SpBreakevenOption *a = g_ptr_array_index (got->options, i);
      const SpBreakevenOption *b = g_ptr_array_index (want->options, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (sp_offer_get_id (a->offer), ==, sp_offer_get_id (b->offer));
      g_assert_cmpstr (sp_offer_get_min_commitment (a->offer), ==, sp_offer_get_min_commitment (b->offer));
      g_assert_cmpint (a->unit_price, ==, b->unit_price);
      g_assert_cmpint (a->list_price, ==, b->list_price);
      g_assert_cmpint (a->unit_price_per_mtok, ==, b->unit_price_per_mtok);
      g_assert_cmpint (a->monthly_fixed, ==, b->monthly_fixed);
      g_assert_cmpint (a->commitment_total, ==, b->commitment_total);
      g_assert_cmpuint (a->hours_per_month, ==, b->hours_per_month);
    }
  g_assert_cmpuint (got->crossovers->len, ==, want->crossovers->len);
  for (guint i = 0; i < want->crossovers->len; i++)
    g_assert_cmpint (g_array_index (got->crossovers, SpBreakevenCrossover, i).at, ==,
                     g_array_index (want->crossovers, SpBreakevenCrossover, i).at);
}

static void
test_breakeven_equals_offers (void)
{
  const char *gpus[] = { "H100", "A100", "L40S", "A10", "T4", "NOPE" };
  g_autoptr(SpWallet) wallet = sp_wallet_new ();
  Fixture f;

  if (!fixture_init (&f))
    {
      fixture_clear (&f);
      return;
    }
  {
    g_autoptr(SpVoucher) ten = sp_voucher_new_discount_percent ("TEN", 1000);

    g_assert_true (sp_wallet_add_voucher (wallet, ten));
  }
  for (guint i = 0; i < G_N_ELEMENTS (gpus); i++)
    {
      SpBreakevenQuery q = { .gpu_model = gpus[i], .date = sp_date_today () };

      check_breakeven (&f, &q, NULL);
      check_breakeven (&f, &q, wallet);
      q.tokens_per_second = 500 * SP_MONEY_SCALE;
      q.model = "deepseek-chat";
      check_breakeven (&f, &q, wallet);
      q.model = "bench-llm";
      check_breakeven (&f, &q, NULL);
    }
  {
    SpBreakevenQuery q = { .min_gpu_memory_gb = 80, .date = sp_date_today () };

    check_breakeven (&f, &q, wallet);
  }
  fixture_clear (&f);
}

/* A cancelled run ends with G_IO_ERROR_CANCELLED, whether it was cancelled
 * before it started or while the worker ran (its result is dropped) */
static void
test_async_cancelled (void)
{
  g_autoptr(GPtrArray) offers = sp_test_source_offers ("tests/data/feeds/breakeven-feed.json");
  g_autoptr(SpOfferTable) table = sp_offer_table_new_from_offers (offers);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  SpBreakevenQuery q = { .gpu_model = "L40S", .date = sp_date_today () };
  SpWorkload w;

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_GPU_HOURS;
  w.hours = 400 * SP_MONEY_SCALE;
  for (guint when = 0; when < 2; when++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GCancellable) cancellable2 = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GAsyncResult) result2 = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      GPtrArray *rows = NULL;
      GArray *entries;
      SpBreakeven *be;

      if (when == 0)
        {
          g_cancellable_cancel (cancellable);
          g_cancellable_cancel (cancellable2);
        }
      sp_offer_table_estimate_async (table, NULL, &w, ctx, 10, cancellable, store_result, &result);
      sp_offer_table_breakeven_async (table, NULL, NULL, &q, ctx, NULL, cancellable2,
                                      store_result, &result2);
      if (when == 1)
        {
          g_cancellable_cancel (cancellable);
          g_cancellable_cancel (cancellable2);
        }
      entries = sp_offer_table_estimate_finish (wait_result (&result), &rows, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (entries);
      g_assert_null (rows);
      be = sp_offer_table_breakeven_finish (wait_result (&result2), &error2);
      g_assert_error (error2, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (be);
    }
}

int
main (int    argc,
      char **argv)
{
  sp_test_init_core (&argc, &argv);

  g_test_add_func ("/estimate-table/estimate", test_estimate_equals_offers);
  g_test_add_func ("/estimate-table/breakeven", test_breakeven_equals_offers);
  g_test_add_func ("/estimate-table/async-cancelled", test_async_cancelled);

  return g_test_run ();
}
