/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-engine.c — the offer engine at 100,000 and 1,000,000 offers
 * (issue 17, core part)
 *
 * A store of N synthetic offers shaped like the SkyPilot-format clouds
 * (50 vendors, 40 regions, 300 instance types, 30 GPU models, on demand
 * and spot, ids like "vendor-07/p4d.24xlarge-12/region-31/spot"; one offer
 * in ten a token model out of 2,000) is written through the store
 * (untimed).  Timed, median of R runs, wall and thread CPU:
 *
 *   - load: sp_offer_table_load () from the file, against the yardstick
 *     sp_store_load_offers () (an SpOffer per row: what the window and the
 *     CLI read until now) on the same file in the same run;
 *   - prices: normalized prices, groups and warnings for a price context,
 *     and the same with a wallet of 5 vouchers (after vouchers; CPU of the
 *     calling thread and of all threads, as it uses two), against the
 *     yardstick the voucher engine on each offer (sp_offer_unit_after_vouchers
 *     () on 20,000 rows spread over the table, scaled; it was 1.6 s / 19 s
 *     before SpWalletUnit), which must give the same figure on every row;
 *   - filter + sort of all records (the target: < 10 ms at 100,000,
 *     < 100 ms at 1,000,000), for several sort keys and filters, against
 *     sp_offer_query_run () sorting the SpOffers by price (yardstick);
 *   - bytes per offer: the table and its prices as they count themselves,
 *     and the process's VmRSS growth over the load.
 *
 * Usage: bench-engine [--offers N[,N…]] [--runs R] [--no-yardstick] [--check]
 * --check exits with status 1 when filter + sort of all records misses its
 * target or the table takes 300 bytes per offer or more. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sp-core.h"
#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-test-util.h"
#include "bench-util.h"

#define N_VENDORS 50
#define N_REGIONS 40
#define N_TYPES 300
#define N_GPUS 30
#define N_MODELS 2000
#define PER_SOURCE 100000

static const char * const gpus[N_GPUS] = {
  "H100 SXM", "H100 PCIe", "H100", "A100 80GB", "A100 40GB", "A10", "A10G", "L4", "L40S", "T4",
  "V100", "RTX 4090", "RTX 3090", "H800", "A800", "H20", "L20", "B200", "H200", "MI300X",
  "RTX A6000", "RTX 6000 Ada", "A40", "P100", "K80", "Ascend 910B", "GH200", "A30", "L40", "RTX 5090",
};

/* "<prefix><a, 2 digits><suffix>", interned */
static const char *
intern_num (const char *prefix,
            guint       a,
            const char *suffix)
{
  char buf[64];

  g_snprintf (buf, sizeof buf, "%s%02u%s", prefix, a, suffix);
  return g_intern_string (buf);
}

/* malloc's bytes in use, all arenas and mappings: what the table holds,
 * without the pages freed chunks leave resident (VmRSS counts those) */
static gint64
heap_in_use (void)
{
#ifdef __GLIBC__
  struct mallinfo2 mi = mallinfo2 ();

  return (gint64) (mi.uordblks + mi.hblkhd);
#else
  return 0;
#endif
}

/* Offer @i of the catalog (deterministic) */
static SpOffer *
synthetic_offer (guint i)
{
  SpOffer *o = sp_offer_new ();
  guint32 h = (i + 1) * 2654435761u;
  guint vendor = h % N_VENDORS, region = (h >> 8) % N_REGIONS, type = (h >> 16) % N_TYPES;
  gboolean spot = (i & 1) != 0;

  o->vendor_id = intern_num ("vendor-", vendor, "");
  o->vendor_name = intern_num ("Vendor ", vendor, " Cloud");
  if (vendor % 5 == 0)
    o->vendor_name_zh = intern_num ("供应商", vendor, "云");
  o->region = intern_num ("region-", region, "");
  o->billing = spot ? SP_BILLING_SPOT : SP_BILLING_ON_DEMAND;
  o->tax = SP_TAX_EXCLUDED;
  o->fapiao = SP_FAPIAO_UNKNOWN;
  o->currency = g_intern_static_string (vendor % 3 == 0 ? "CNY" : "USD");
  o->fetched_at = 1780000000 + (h % 86400);
  if (i % 10 == 9)
    {
      guint model = (h >> 4) % N_MODELS;

      o->kind = SP_OFFER_KIND_TOKENS;
      o->name = g_strdup_printf ("Model %u Chat", model);
      o->model = g_strdup_printf ("org-%u/model-%u-chat", model % 40, model);
      o->input_price = 100000 + (h % 20000000);
      o->output_price = o->input_price * 4;
      o->price = o->input_price;
      o->context_window = 128000;
      o->region = NULL;
      o->id = g_strdup_printf ("vendor-%02u/model-%u/%u", vendor, model, i);
    }
  else
    {
      o->kind = type % 10 == 0 ? SP_OFFER_KIND_CPU : SP_OFFER_KIND_GPU;
      o->name = g_strdup_printf ("type-%03u.%uxlarge", type, 1u << (type % 5));
      o->model = g_strdup (o->name);
      if (o->kind == SP_OFFER_KIND_GPU)
        {
          o->gpu_model = g_intern_static_string (gpus[type % N_GPUS]);
          o->gpu_count = 1u << (type % 4);
          o->gpu_memory_gb = 16 + 8 * (type % 11);
        }
      o->vcpus_milli = 4000 * (1 + type % 24);
      o->ram_mib = 16384 * (1 + type % 16);
      o->price = (200000 + (h % 40000000)) / (spot ? 3 : 1);
      o->id = g_strdup_printf ("vendor-%02u/%s/region-%02u/%s/%u", vendor, o->name, region,
                               spot ? "spot" : "on-demand", i);
    }
  return o;
}

/* A store of @n offers in @dir, written PER_SOURCE offers at a time */
static char *
write_store (const char *dir,
             guint       n)
{
  g_autofree char *path = g_strdup_printf ("%s/bench-%u.db", dir, n);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = sp_store_open (path, &error);
  g_assert_no_error (error);
  for (guint start = 0, s = 0; start < n; start += PER_SOURCE, s++)
    {
      g_autofree char *source = g_strdup_printf ("source-%02u", s);
      g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, source);
      guint changed;

      sp_import_result_set_vendor_name (r, "Vendor");
      for (guint i = start; i < MIN (n, start + PER_SOURCE); i++)
        {
          sp_import_result_row_read (r);
          sp_import_result_add_offer (r, sp_import_result_get_rows_read (r), synthetic_offer (i));
        }
      if (!sp_store_replace_source (store, r, 1780000000, &changed, &error))
        g_error ("%s", error->message);
    }
  return g_steal_pointer (&path);
}

static SpWallet *
five_vouchers (void)
{
  SpWallet *wallet = sp_wallet_new ();

  sp_wallet_add_voucher (wallet, sp_voucher_new_discount_percent ("TEN", 1000));
  sp_wallet_add_voucher (wallet, sp_voucher_new_discount_percent ("FIVE", 500));
  sp_wallet_add_voucher (wallet, sp_voucher_new_discount_amount ("Y50", 50000000, "CNY"));
  sp_wallet_add_voucher (wallet, sp_voucher_new_prepaid ("PACK", "vendor-03", NULL, 1000000000));
  sp_wallet_add_voucher (wallet, sp_voucher_new_discount_amount ("Y5", 5000000, "CNY"));
  return wallet;
}

typedef struct {
  const char   *label;
  SpEngineSort  sort;
  gboolean      gpu;
  const char   *search;
} Case;

static const Case cases[] = {
  { "all, by price", SP_ENGINE_SORT_PRICE, FALSE, NULL },
  { "all, by name", SP_ENGINE_SORT_NAME, FALSE, NULL },
  { "all, by vendor", SP_ENGINE_SORT_VENDOR, FALSE, NULL },
  { "all, by spec", SP_ENGINE_SORT_SPEC, FALSE, NULL },
  { "all, by after vouchers", SP_ENGINE_SORT_AFTER_VOUCHERS, FALSE, NULL },
  { "GPU >= 48 GB, by price", SP_ENGINE_SORT_PRICE, TRUE, NULL },
  { "search \"h100 region-07\"", SP_ENGINE_SORT_PRICE, FALSE, "h100 region-07" },
  { "search (a Chinese vendor name)", SP_ENGINE_SORT_PRICE, FALSE, "供应商" },
  /* a new one- or two-letter search: most rows' ids are looked at */
  { "search \"u\" (a new search)", SP_ENGINE_SORT_PRICE, FALSE, "u" },
  { "search \"q7\" (a new search)", SP_ENGINE_SORT_PRICE, FALSE, "q7" },
};

static gboolean load_only;

static gboolean
bench_size (const char *dir,
            guint       n,
            guint       runs,
            gboolean    yardstick)
{
  g_autofree char *path = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpWallet) wallet = five_vouchers ();
  g_autoptr(SpOfferTable) table = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;
  g_autoptr(GError) error = NULL;
  double wall[16], cpu[16], t0, c0, load_wall, load_cpu, all_by_price = 0;
  double y_load = 0, y_sort = 0, y_rss = 0, after_pcpu = 0, after_wall = 0;
  gint64 rss0, rss1, heap0, heap1;
  double per_offer;
  gboolean ok = TRUE;

  t0 = now_s ();
  path = write_store (dir, n);
  {
    GStatBuf st;

    g_print ("\n%u offers (store written in %.1f s, %.0f MB on disk)\n", n, now_s () - t0,
             g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0.0);
  }

  /* load */
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(SpOfferTable) t = NULL;

      t0 = now_s (); c0 = cpu_s ();
      t = sp_offer_table_load (path, NULL, &error);
      g_assert_no_error (error);
      wall[r] = now_s () - t0; cpu[r] = cpu_s () - c0;
    }
  load_wall = median (wall, runs);
  load_cpu = median (cpu, runs);
  if (load_only)
    {
      g_print ("  load: %.1f ms wall, %.1f ms cpu\n", load_wall * 1e3, load_cpu * 1e3);
      return TRUE;
    }
  rss0 = rss_bytes ();
  heap0 = heap_in_use ();
  table = sp_offer_table_load (path, NULL, &error);
  g_assert_no_error (error);
  prices = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  rss1 = rss_bytes ();
  heap1 = heap_in_use ();
  per_offer = (double) (sp_offer_table_get_size (table) + sp_offer_prices_get_size (prices)) / n;

  if (yardstick)
    {
      g_autoptr(SpStore) store = sp_store_open (path, &error);
      g_autoptr(GPtrArray) offers = NULL;
      g_autoptr(GPtrArray) shown = NULL;
      SpOfferQuery q = { 0 };

      gint64 before = rss_bytes ();

      c0 = cpu_s ();
      offers = sp_store_load_offers (store, &error);
      g_assert_no_error (error);
      y_load = cpu_s () - c0;
      y_rss = (double) (rss_bytes () - before) / n;
      q.sort = SP_OFFER_SORT_PRICE;
      c0 = cpu_s ();
      shown = sp_offer_query_run (offers, &q, ctx);
      y_sort = cpu_s () - c0;
    }

  g_print ("  %-34s %9s %9s\n", "", "wall", "cpu");
  g_print ("  %-34s %7.1f ms %7.1f ms", "load (sp_offer_table_load)", load_wall * 1e3, load_cpu * 1e3);
  if (yardstick)
    g_print ("   yardstick sp_store_load_offers %.1f ms cpu: %.2f x", y_load * 1e3, load_cpu / y_load);
  g_print ("\n");

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(SpOfferPrices) p = NULL;

      t0 = now_s (); c0 = cpu_s ();
      p = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, &error);
      wall[r] = now_s () - t0; cpu[r] = cpu_s () - c0;
    }
  g_print ("  %-34s %7.1f ms %7.1f ms\n", "prices, groups, warnings", median (wall, runs) * 1e3,
           median (cpu, runs) * 1e3);
  {
    double pcpu[16], base_wall, base_pcpu, p0;

    for (guint r = 0; r < runs; r++)
      {
        g_autoptr(SpOfferPrices) p = NULL;

        t0 = now_s (); c0 = cpu_s (); p0 = process_cpu_s ();
        p = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, &error);
        wall[r] = now_s () - t0; pcpu[r] = process_cpu_s () - p0;
      }
    base_wall = median (wall, runs);
    base_pcpu = median (pcpu, runs);
    for (guint r = 0; r < runs; r++)
      {
        g_autoptr(SpOfferPrices) p = NULL;

        t0 = now_s (); c0 = cpu_s (); p0 = process_cpu_s ();
        p = sp_offer_prices_compute (table, ctx, wallet, sp_date_today (), NULL, NULL, &error);
        wall[r] = now_s () - t0; cpu[r] = cpu_s () - c0; pcpu[r] = process_cpu_s () - p0;
        if (r + 1 == runs)
          {
            g_clear_pointer (&prices, sp_offer_prices_unref);
            prices = g_steal_pointer (&p);
          }
      }
    g_print ("  %-34s %7.1f ms %7.1f ms   %.1f ms CPU of all threads\n",
             "... with 5 vouchers (after vouchers)", median (wall, runs) * 1e3,
             median (cpu, runs) * 1e3, median (pcpu, runs) * 1e3);
    after_pcpu = median (pcpu, runs) - base_pcpu;
    after_wall = median (wall, runs) - base_wall;
    g_print ("  %-34s %7.1f ms %7.1f ms   (the above less prices without vouchers; CPU of all threads)\n",
             "    after vouchers alone", after_wall * 1e3, after_pcpu * 1e3);
  }
  {
    /* yardstick: the voucher engine on each offer (sp_offer_unit_after_vouchers (),
     * what every offer cost before), on a sample of rows spread over the table */
    guint sample = MIN (n, 20000u), step = MAX (n / sample, 1u);
    guint32 today = sp_date_today ();
    double per;

    c0 = cpu_s ();
    for (guint k = 0; k < sample; k++)
      {
        SpMoney a = sp_offer_engine_after_vouchers (table, k * step, ctx, wallet, today);

        if (a != sp_offer_prices_get_after_vouchers (prices, k * step))
          g_error ("row %u: after vouchers %" G_GINT64_FORMAT " but the voucher engine says %"
                   G_GINT64_FORMAT, k * step, sp_offer_prices_get_after_vouchers (prices, k * step), a);
      }
    per = (cpu_s () - c0) / sample;
    g_print ("  %-34s %7s    %7.1f ms   %.1f us an offer over %u rows (all equal); after vouchers "
             "alone: %.3f x\n", "    yardstick: voucher engine / offer", "", per * n * 1e3,
             per * 1e6, sample, after_pcpu / (per * n));
  }

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      SpEngineQuery q;
      guint shown = 0;

      sp_engine_query_init (&q);
      q.sort = cases[c].sort;
      q.search = cases[c].search;
      if (cases[c].gpu)
        {
          q.filter_kind = TRUE;
          q.kind = SP_OFFER_KIND_GPU;
          q.min_gpu_memory_gb = 48;
        }
      for (guint r = 0; r < runs; r++)
        {
          g_autoptr(GArray) rows = NULL;

          t0 = now_s (); c0 = cpu_s ();
          rows = sp_offer_engine_run (table, prices, &q, NULL, &error);
          wall[r] = now_s () - t0; cpu[r] = cpu_s () - c0;
          shown = rows->len;
        }
      g_print ("  %-34s %7.1f ms %7.1f ms   %u shown", cases[c].label, median (wall, runs) * 1e3,
               median (cpu, runs) * 1e3, shown);
      if (c == 0)
        {
          all_by_price = median (cpu, runs);
          if (yardstick)
            g_print ("; yardstick sp_offer_query_run %.1f ms cpu: %.3f x", y_sort * 1e3,
                     median (cpu, runs) / y_sort);
        }
      g_print ("\n");
    }
  {
    /* a keystroke that narrows: "h100 region-07" among the rows of "h100" */
    SpEngineQuery q;
    g_autoptr(GArray) first = NULL;
    guint shown = 0;

    sp_engine_query_init (&q);
    q.search = "h100";
    first = sp_offer_engine_run (table, prices, &q, NULL, &error);
    q.search = "h100 region-07";
    q.within = (const guint *) first->data;
    q.n_within = first->len;
    for (guint r = 0; r < runs; r++)
      {
        g_autoptr(GArray) rows = NULL;

        t0 = now_s (); c0 = cpu_s ();
        rows = sp_offer_engine_run (table, prices, &q, NULL, &error);
        wall[r] = now_s () - t0; cpu[r] = cpu_s () - c0;
        shown = rows->len;
      }
    g_print ("  %-34s %7.1f ms %7.1f ms   %u shown (of %u)\n", "... narrowing from \"h100\"",
             median (wall, runs) * 1e3, median (cpu, runs) * 1e3, shown, first->len);
  }
  g_print ("  bytes per offer: %.0f (table %.0f + prices %.0f); VmRSS grew %.0f per offer over "
           "load + prices\n", per_offer, (double) sp_offer_table_get_size (table) / n,
           (double) sp_offer_prices_get_size (prices) / n, (double) (rss1 - rss0) / n);
  g_print ("  malloc's bytes in use (all arenas and mappings) grew %.0f per offer over load + prices\n",
           (double) (heap1 - heap0) / n);
  if (yardstick)
    g_print ("  yardstick: VmRSS grew %.0f bytes per offer over sp_store_load_offers\n", y_rss);

  if (all_by_price > (n <= 100000 ? 0.010 : 0.100) * n / (n <= 100000 ? 100000.0 : 1000000.0))
    {
      g_print ("  MISSED: filter + sort of all records %.1f ms of CPU\n", all_by_price * 1e3);
      ok = FALSE;
    }
  if (per_offer >= 300)
    {
      g_print ("  MISSED: %.0f bytes per offer\n", per_offer);
      ok = FALSE;
    }
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  return ok;
}

int
main (int argc, char **argv)
{
  g_autofree char *sizes = NULL;
  int runs = 3;
  gboolean check = FALSE, no_yardstick = FALSE;
  const GOptionEntry entries[] = {
    { "offers", 0, 0, G_OPTION_ARG_STRING, &sizes, "Catalog sizes (default 100000,1000000)", "N,…" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per figure (median; default 3)", "R" },
    { "no-yardstick", 0, 0, G_OPTION_ARG_NONE, &no_yardstick, "Skip the SpOffer yardstick", NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Exit 1 when a target is missed", NULL },
    { "load-only", 0, 0, G_OPTION_ARG_NONE, &load_only, "Time the load only (for profiling)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("— the offer engine");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = NULL;
  g_autoptr(SpTestDir) dir = NULL;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = CLAMP (runs, 1, 16);
  sp_core_init ();
  dir = sp_test_dir_new ();
  list = g_strsplit (sizes ? sizes : "100000,1000000", ",", -1);
  g_print ("bench-engine: median of %d runs; targets: filter + sort of all records < 10 ms "
           "(100,000) / < 100 ms (1,000,000), < 300 bytes per offer\n", runs);
  for (char **s = list; *s != NULL; s++)
    {
      guint n = (guint) g_ascii_strtoull (*s, NULL, 10);

      if (n > 0)
        ok = bench_size (dir->path, n, (guint) runs, !no_yardstick) && ok;
    }
  return check && !ok ? 1 : 0;
}
