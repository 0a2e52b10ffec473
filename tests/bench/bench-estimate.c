/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-estimate.c — the estimator's memory and time with many offers
 * (issue 17): an SpOffer per offer (what the estimator window and
 * `suanpan-cli estimate` held until now: every offer of the store, their
 * warnings and a result row per match) against the engine's table
 * (sp_offer_table_estimate (): records, prices, one compact entry per
 * match, an SpOffer only for the 100 rows shown).
 *
 * A store of N synthetic offers (GPU and CPU instances of 40 vendors in 30
 * regions, one offer in eight a token model, one in sixteen of those with
 * a long-context tier) is written once; each way then runs in a process of
 * its own, which prints its VmRSS growth (what it holds once the results
 * are shown) and its peak, and the time, for a GPU-hours workload that
 * every GPU offer matches and a task workload (tiers read back).
 *
 * Usage: bench-estimate [--offers N] [--check] [--gap]
 * --gap prints the longest main-loop gap while estimating, in the main
 * thread (until now) and in a worker (now), instead.
 * --check exits with status 1 when the table's way holds 300 bytes per
 * offer or more for the GPU-hours workload (nothing read back; with the
 * task, the token offers read back add what they hold: bounded by how
 * many token offers the catalog has, one in eight here). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sp-core.h"
#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-rss.h"
#include "sp-test-util.h"

#define SHOWN 100

/* this process's @field of /proc/self/status in kB, 0 when not there */
static gint64
status_kb (const char *field)
{
  return MAX (sp_proc_status_kb ("self", field), 0);
}

/* Offer @i: deterministic, shaped like a cloud's instance list */
static SpOffer *
make_offer (guint i)
{
  SpOffer *o = sp_offer_new ();
  guint32 h = (i + 7) * 2246822519u;
  guint vendor = h % 40;
  char vendor_id[32];

  g_snprintf (vendor_id, sizeof vendor_id, "cloud-%u", vendor);
  o->vendor_id = g_intern_string (vendor_id);
  o->vendor_name = o->vendor_id;
  o->currency = g_intern_static_string (vendor % 2 ? "USD" : "CNY");
  o->billing = (i % 3 == 0) ? SP_BILLING_SPOT : SP_BILLING_ON_DEMAND;
  o->fetched_at = 1780000000;
  if (i % 8 == 7)
    {
      o->kind = SP_OFFER_KIND_TOKENS;
      o->model = g_strdup_printf ("lab-%u/llm-%u", h % 30, (h >> 6) % 900);
      o->name = g_strdup (o->model);
      o->input_price = 50000 + (h >> 3) % 9000000;
      o->output_price = o->input_price * 3;
      o->context_window = 200000;
      if (i % 16 == 15)
        {
          SpTokenTier tier = { 128000, o->input_price * 2, o->output_price * 2, SP_MONEY_UNKNOWN };

          o->tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
          g_array_append_val (o->tiers, tier);
        }
      o->id = g_strdup_printf ("%s/%u", o->model, i);
      return o;
    }
  o->kind = (h >> 12) % 9 == 0 ? SP_OFFER_KIND_CPU : SP_OFFER_KIND_GPU;
  o->name = g_strdup_printf ("inst-%u.%ux", (h >> 10) % 250, 1u << (h % 4));
  if (o->kind == SP_OFFER_KIND_GPU)
    {
      static const char *const gpus[] = { "H100 SXM", "A100 80GB", "L40S", "A10", "T4", "H20", "RTX 4090" };

      o->gpu_model = g_intern_static_string (gpus[(h >> 5) % G_N_ELEMENTS (gpus)]);
      o->gpu_count = 1u << ((h >> 7) % 4);
      o->gpu_memory_gb = 24 + 8 * ((h >> 5) % 7);
    }
  o->vcpus_milli = 2000 * (1 + (h >> 9) % 48);
  o->ram_mib = 8192 * (1 + (h >> 11) % 32);
  o->region = g_intern_string (vendor % 2 ? "us-east-1" : "cn-hangzhou");
  o->price = 100000 + (h >> 4) % 60000000;
  o->id = g_strdup_printf ("%s/%s/zone-%u/%u", vendor_id, o->name, (h >> 14) % 30, i);
  return o;
}

static char *
write_store (const char *dir,
             guint       n)
{
  char *path = g_build_filename (dir, "bench-estimate.db", NULL);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = sp_store_open (path, &error);
  g_assert_no_error (error);
  for (guint start = 0; start < n; start += 100000)
    {
      g_autofree char *source = g_strdup_printf ("cloud-%u", start / 100000);
      g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, source);
      guint changed;

      for (guint i = start; i < MIN (n, start + 100000); i++)
        {
          sp_import_result_row_read (r);
          sp_import_result_add_offer (r, sp_import_result_get_rows_read (r), make_offer (i));
        }
      if (!sp_store_replace_source (store, r, 1780000000, &changed, &error))
        g_error ("%s", error->message);
    }
  return path;
}

static gboolean with_task;
static GString *breakdown;   /* what the table's way holds, for the report */

static void
workloads (SpWorkload *gpu,
           SpWorkload *task)
{
  sp_workload_init (gpu);
  gpu->kind = SP_WORKLOAD_GPU_HOURS;
  gpu->hours = 500 * SP_MONEY_SCALE;
  sp_workload_init (task);
  sp_workload_set_task (task, 150000, 2000, 10000);
}

/* Until now: every offer an SpOffer, their warnings, a row per match */
static guint
run_offers (const char     *path,
            SpPriceContext *ctx,
            GPtrArray     **held)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, &error);
  GPtrArray *offers = sp_store_load_offers (store, &error);
  SpWorkload gpu, task;
  GPtrArray *rows;

  g_assert_no_error (error);
  workloads (&gpu, &task);
  *held = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (*held, offers);
  if (with_task)
    g_ptr_array_add (*held, sp_estimate_run (offers, &task, ctx, &error));
  rows = sp_estimate_run (offers, &gpu, ctx, &error);
  g_ptr_array_add (*held, rows);
  g_object_set_data_full (G_OBJECT (ctx), "flags", sp_offer_flags_compute (offers, ctx, NULL),
                          (GDestroyNotify) g_hash_table_unref);
  return rows->len;
}

/* Now: the table, its prices, a compact entry per match, 100 rows whole */
static guint
run_table (const char     *path,
           SpPriceContext *ctx,
           GPtrArray     **held)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, &error);
  SpOfferTable *table = sp_offer_table_load (path, NULL, &error);
  SpOfferPrices *prices = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  GHashTable *details = sp_offer_details_new ();
  g_autoptr(GArray) detail_rows = NULL;
  SpWorkload gpu, task;
  GArray *entries, *task_entries;
  GPtrArray *shown = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_estimate_row_free);
  gint64 t0, t1;

  g_assert_no_error (error);
  workloads (&gpu, &task);
  /* the task's tiers: the token offers read back */
  detail_rows = sp_offer_table_estimate_detail_rows (table, with_task ? &task : &gpu);
  for (guint i = 0; i < detail_rows->len; i++)
    {
      guint row = g_array_index (detail_rows, guint, i);
      g_autoptr(SpOffer) offer = sp_store_load_offer (store, sp_offer_table_get_source (table, row),
                                                      sp_offer_table_get_id (table, row), &error);
      sp_offer_details_add (details, row, offer);
    }
  task_entries = with_task ? sp_offer_table_estimate (table, details, &task, ctx, NULL, &error)
                           : g_array_new (FALSE, FALSE, sizeof (SpTableEstimate));
  t0 = g_get_monotonic_time ();
  entries = sp_offer_table_estimate (table, details, &gpu, ctx, NULL, &error);
  t1 = g_get_monotonic_time ();
  for (guint i = 0; i < entries->len && i < SHOWN; i++)
    g_ptr_array_add (shown, sp_offer_table_estimate_row (table, details, &gpu, ctx,
                                                         &g_array_index (entries, SpTableEstimate, i)));
  g_string_printf (breakdown, "GPU-hours estimate of the table %.0f ms; "
                   "table %.1f MB, prices %.1f MB, %u offers read back, %u + %u entries of %zu B",
                   (t1 - t0) / 1e3,
              sp_offer_table_get_size (table) / 1e6, sp_offer_prices_get_size (prices) / 1e6,
              g_hash_table_size (details), entries->len, task_entries->len, sizeof (SpTableEstimate));
  *held = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (*held, table);
  g_object_set_data_full (G_OBJECT (table), "prices", prices, (GDestroyNotify) sp_offer_prices_unref);
  g_object_set_data_full (G_OBJECT (table), "details", details, (GDestroyNotify) g_hash_table_unref);
  g_object_set_data_full (G_OBJECT (table), "entries", entries, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (table), "task", task_entries, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (table), "shown", shown, (GDestroyNotify) g_ptr_array_unref);
  return entries->len;
}

/* --gap: the longest the main loop waits while the estimator's GPU-hours
 * estimate (100 rows whole) and the L40S break-even run: in the main
 * thread (the window until now: the gap is their time) and in a worker
 * (now: a 1 ms timeout ticks while they run); the results must be equal */
typedef struct {
  GMainLoop *loop;
  gint64     last;       /* the last tick */
  gint64     max_gap;
  guint      pending;
  GArray    *entries;
  GPtrArray *rows;
  SpBreakeven *be;
  SpOfferTable *table;
  SpOfferPrices *prices;
  SpPriceContext *ctx;
  const SpWorkload *workload;
  const SpBreakevenQuery *query;
} Gap;

static gboolean
gap_tick (gpointer data)
{
  Gap *g = data;
  gint64 now = g_get_monotonic_time ();

  g->max_gap = MAX (g->max_gap, now - g->last);
  g->last = now;
  return G_SOURCE_CONTINUE;
}

static void
gap_estimated (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Gap *g = data;

  g->entries = sp_offer_table_estimate_finish (result, &g->rows, NULL);
  if (--g->pending == 0)
    g_main_loop_quit (g->loop);
}

static void
gap_breakeven (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Gap *g = data;

  g->be = sp_offer_table_breakeven_finish (result, NULL);
  if (--g->pending == 0)
    g_main_loop_quit (g->loop);
}

/* What the window does in the main thread on a change: the rows to read
 * back (none here, but scanned), then the two runs started */
static void
gap_start (gpointer data)
{
  Gap *g = data;
  g_autoptr(GArray) estimate_rows = sp_offer_table_estimate_detail_rows (g->table, g->workload);
  g_autoptr(GArray) breakeven_rows = sp_offer_table_breakeven_detail_rows (g->table, g->query);

  sp_offer_table_estimate_async (g->table, NULL, g->workload, g->ctx, SHOWN, NULL, gap_estimated, g);
  sp_offer_table_breakeven_async (g->table, g->prices, NULL, g->query, g->ctx, NULL, NULL,
                                  gap_breakeven, g);
}

static int
run_gap (const char *path,
         guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpOfferTable) table = sp_offer_table_load (path, NULL, &error);
  g_autoptr(SpOfferPrices) prices = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_estimate_row_free);
  g_autoptr(SpBreakeven) be = NULL;
  SpBreakevenQuery query = { .gpu_model = "L40S", .date = sp_date_today () };
  SpWorkload gpu, task;
  Gap g = { 0 };
  gint64 t0, before, after;
  guint source;

  g_assert_no_error (error);
  prices = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  workloads (&gpu, &task);

  /* until now: in the main thread */
  t0 = g_get_monotonic_time ();
  entries = sp_offer_table_estimate (table, NULL, &gpu, ctx, NULL, &error);
  for (guint i = 0; i < entries->len && i < SHOWN; i++)
    g_ptr_array_add (rows, sp_offer_table_estimate_row (table, NULL, &gpu, ctx,
                                                        &g_array_index (entries, SpTableEstimate, i)));
  be = sp_offer_table_breakeven (table, prices, NULL, &query, ctx, NULL, NULL, NULL, &error);
  before = g_get_monotonic_time () - t0;

  /* now: in workers, the main loop ticking */
  g.loop = g_main_loop_new (NULL, FALSE);
  g.pending = 2;
  source = g_timeout_add (1, gap_tick, &g);
  g.table = table;
  g.prices = prices;
  g.ctx = ctx;
  g.workload = &gpu;
  g.query = &query;
  g_idle_add_once (gap_start, &g);
  t0 = g.last = g_get_monotonic_time ();
  g_main_loop_run (g.loop);
  gap_tick (&g);
  after = g_get_monotonic_time () - t0;
  g_source_remove (source);

  g_print ("estimator, %u offers: longest main-loop gap while estimating (GPU hours + L40S break-even)\n"
           "  in the main thread (until now) %7.1f ms\n"
           "  in workers (now)               %7.1f ms  (results in %.1f ms)\n",
           n, before / 1e3, g.max_gap / 1e3, after / 1e3);
  if (g.entries == NULL || g.be == NULL || g.entries->len != entries->len ||
      memcmp (g.entries->data, entries->data, entries->len * sizeof (SpTableEstimate)) != 0 ||
      g.rows->len != rows->len || g.be->options->len != be->options->len ||
      g.be->crossovers->len != be->crossovers->len)
    {
      g_printerr ("bench-estimate: the worker's results differ\n");
      return 1;
    }
  g_array_unref (g.entries);
  g_ptr_array_unref (g.rows);
  sp_breakeven_free (g.be);
  g_main_loop_unref (g.loop);
  return 0;
}

/* One way in this process: prints "<bytes held> <peak bytes> <seconds> <matches>" */
static int
run_mode (const char *mode,
          const char *path)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GString) text = breakdown = g_string_new ("");
  gint64 before = status_kb ("VmRSS");
  gint64 start = g_get_monotonic_time ();
  guint n = g_str_equal (mode, "offers") ? run_offers (path, ctx, &held) : run_table (path, ctx, &held);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  g_print ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %.3f %u %s\n",
           (status_kb ("VmRSS") - before) * 1024, (status_kb ("VmHWM") - before) * 1024, seconds, n,
           breakdown->str);
  return 0;
}

static gboolean
spawn_mode (const char *self_path,
            const char *mode,
            const char *path,
            gint64     *held,
            gint64     *peak,
            double     *seconds,
            guint      *matches,
            char      **what)
{
  const char *argv[] = { self_path, "--mode", mode, "--store", path, with_task ? "--task" : NULL, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-estimate: %s\n", error->message);
      return FALSE;
    }
  if (sscanf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %lf %u", held, peak, seconds, matches) != 4)
    return FALSE;
  /* the rest of the line: what it holds */
  *what = g_strstrip (g_strdup (strchr (strchr (strchr (strchr (out, ' ') + 1, ' ') + 1, ' ') + 1, ' ')));
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *mode = NULL;
  g_autofree char *store = NULL;
  int n = 100000;
  gboolean check = FALSE;
  gboolean gap = FALSE;
  const GOptionEntry entries[] = {
    { "gap", 0, 0, G_OPTION_ARG_NONE, &gap, "The longest main-loop gap while estimating, before and after", NULL },
    { "offers", 0, 0, G_OPTION_ARG_INT, &n, "Offers in the store (default 100,000)", "N" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Fail at 300 bytes per offer or more", NULL },
    { "mode", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &mode, NULL, NULL },
    { "store", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &store, NULL, NULL },
    { "task", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &with_task, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the estimator's memory with many offers");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self_path = NULL;
  const char *modes[] = { "offers", "table" };
  gint64 held[2], peak[2];
  double seconds[2];
  guint matches[2];
  char *what[2] = { NULL, NULL };
  gboolean failed = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n <= 0)
    {
      g_printerr ("bench-estimate: %s\n", error ? error->message : "--offers must be positive");
      return 2;
    }
  if (mode != NULL && store != NULL)
    return run_mode (mode, store);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  dir = sp_test_tmpdir_new ();
  path = write_store (dir, (guint) n);
  if (gap)
    {
      int status = run_gap (path, (guint) n);

      sp_test_tmpdir_free (g_steal_pointer (&dir));
      return status;
    }
  for (guint t = 0; t < 2; t++)
    {
      with_task = t == 1;
      g_print ("estimator, %d offers: %s\n", n,
               with_task ? "GPU hours (every GPU offer) and a task (token offers read back for tiers)"
                         : "GPU hours (every GPU offer matches)");
      for (guint i = 0; i < 2; i++)
        if (!spawn_mode (self_path, modes[i], path, &held[i], &peak[i], &seconds[i], &matches[i], &what[i]))
          return 1;
      for (guint i = 0; i < 2; i++)
        {
          g_print ("  %-34s %7.1f MB held (%4" G_GINT64_FORMAT " B/offer), peak %7.1f MB, %6.2f s%s%s%s\n",
                   i == 0 ? "an SpOffer per offer (until now)" : "the engine's table (now)",
                   held[i] / 1e6, held[i] / n, peak[i] / 1e6, seconds[i],
                   *what[i] ? "\n    (" : "", what[i], *what[i] ? ")" : "");
          g_clear_pointer (&what[i], g_free);
        }
      if (matches[0] != matches[1])
        {
          g_printerr ("bench-estimate: the two ways matched %u and %u offers\n", matches[0], matches[1]);
          return 1;
        }
      if (check && !with_task && held[1] / n >= 300)
        failed = TRUE;
    }
  sp_test_tmpdir_free (g_steal_pointer (&dir));
  return failed ? 1 : 0;
}
