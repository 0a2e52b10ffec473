/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reprice.c — repricing 12 months of a 100,000-entry ledger against
 * 100,000 offers (issue 18 section 1)
 *
 * A ledger of N entries (default 100,000; 2026-01 … 2026-12, 20 vendors,
 * 200 items, GPU card-hours, tokens and CPU core-hours, 5% of the items
 * without a group) is imported into a fresh database; a catalog of M offers
 * (default 100,000; 50 vendors, 60 GPU groups, 300 token models, CPU
 * offers; on demand, spot, monthly and yearly commitments, prepaid packs)
 * is written to the database's store; the wallet has the shipped programmes, a Hangzhou
 * voucher of ¥1,000,000 (it lasts the whole year: every entry weighs the
 * tagged vendors), a 10% discount for three vendors and a single-use ¥50
 * discount.
 *
 * Timed: reading the 12 months (sp_ledger_list(), the yardstick: what any
 * report of those entries costs, measured in the same run), reading the
 * catalog and the reprice over them.  The catalog (--catalog) is the
 * engine's table (default: sp_offer_table_load() and
 * sp_offer_table_reprice_compute(), whole offers read back by id for the
 * candidates priced exactly) or an SpOffer per offer (offers:
 * sp_store_load_offers() and sp_reprice_compute(), as before issue 17).
 * Median of R runs (default 3), wall and CPU time of the thread (the
 * machine may be shared).  Target: list + compute under 1 s of CPU time.
 * Memory: the growth of VmRSS over the first run, catalog and result held.
 *
 * Usage: bench-reprice [--entries N] [--offers M] [--runs R]
 *                      [--catalog table|offers] [--check]
 * --check exits with status 1 when list + compute take 1 s of CPU or more. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sp-core.h"
#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-offer-table-reprice.h"
#include "sp-reprice.h"
#include "sp-test-util.h"
#include "bench-util.h"

#define TARGET_SECONDS 1.0
#define N_VENDORS 50
#define N_GPU_MODELS 30
#define N_TOKEN_MODELS 300
#define N_CPU_VENDORS 40
#define N_ITEMS 200

static const char * const ledger_vendors[] = {
  "AutoDL", "Aliyun", "Tencent Cloud", "Huawei Cloud", "Volcengine", "Baidu AI Cloud",
  "Lambda", "RunPod", "Vast.ai", "CoreWeave", "AWS", "Azure", "GCP", "OpenAI",
  "Anthropic", "DeepSeek", "Moonshot", "Zhipu", "SiliconFlow", "Paratera",
};

/* Item i's kind: 0 gpu, 1 tokens, 2 cpu */
static guint
item_kind (guint item)
{
  return item % 10 < 6 ? 0 : item % 10 < 9 ? 1 : 2;
}

static char *
item_group (guint item)
{
  switch (item_kind (item))
    {
    case 0:
      return g_strdup_printf ("gpu:GPU-%02u:%u", item % N_GPU_MODELS, item % 2 ? 80 : 40);
    case 1:
      return g_strdup_printf ("tokens:model-%03u", item % N_TOKEN_MODELS);
    default:
      return g_strdup_printf ("cpu:vendor-%02u", item % N_CPU_VENDORS);
    }
}

static GPtrArray *
make_offers (guint n)
{
  GPtrArray *offers = g_ptr_array_new_with_free_func (g_object_unref);
  GRand *rand = g_rand_new_with_seed (18);
  const char *hangzhou[] = { "hangzhou", NULL };

  for (guint i = 0; i < n; i++)
    {
      SpOffer *o = sp_offer_new ();
      guint v = g_rand_int_range (rand, 0, N_VENDORS);
      guint kind = i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2;
      guint b = g_rand_int_range (rand, 0, 20);
      g_autofree char *vendor = g_strdup_printf ("vendor-%02u", kind == 2 ? v % N_CPU_VENDORS : v);

      o->id = g_strdup_printf ("offer-%06u", i);
      o->source = g_intern_static_string ("bench");
      o->vendor_id = g_intern_string (vendor);
      o->vendor_name = o->vendor_id;
      o->name = g_strdup (o->id);
      o->currency = g_intern_static_string (v % 5 == 0 ? "USD" : "CNY");
      o->billing = b < 12 ? SP_BILLING_ON_DEMAND : b < 16 ? SP_BILLING_SPOT
                 : b < 19 ? SP_BILLING_RESERVED : SP_BILLING_PREPAID;
      if (o->billing == SP_BILLING_RESERVED)
        o->min_commitment = g_strdup (b == 16 ? "1 year" : "1 month");
      if (v < 5)
        o->voucher_programmes = g_strdupv ((char **) hangzhou);
      if (kind == 0)
        {
          g_autofree char *model = g_strdup_printf ("GPU-%02u", g_rand_int_range (rand, 0, N_GPU_MODELS));

          o->kind = SP_OFFER_KIND_GPU;
          o->gpu_model = g_intern_string (model);
          o->gpu_memory_gb = g_rand_boolean (rand) ? 80 : 40;
          o->gpu_count = 1u << g_rand_int_range (rand, 0, 4);
          o->price = g_rand_int_range (rand, 2000000, 40000000);
        }
      else if (kind == 1)
        {
          o->kind = SP_OFFER_KIND_TOKENS;
          o->model = g_strdup_printf ("model-%03u", g_rand_int_range (rand, 0, N_TOKEN_MODELS));
          o->input_price = g_rand_int_range (rand, 100000, 20000000);
          o->output_price = o->input_price * 4;
          o->price = o->input_price;
        }
      else
        {
          o->kind = SP_OFFER_KIND_CPU;
          o->vcpus_milli = 8000;
          o->price = g_rand_int_range (rand, 50000, 500000);
        }
      g_ptr_array_add (offers, o);
    }
  g_rand_free (rand);
  return offers;
}

/* The offers into the store at @path, 100,000 a source */
static void
store_offers (const char *path,
              GPtrArray  *offers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, &error);

  g_assert_no_error (error);
  for (guint start = 0; start < offers->len; start += 100000)
    {
      g_autofree char *source = g_strdup_printf ("bench-%u", start / 100000);
      g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, source);
      guint changed;

      for (guint i = start; i < MIN (offers->len, start + 100000); i++)
        {
          SpOffer *o = g_ptr_array_index (offers, i);

          o->source = g_intern_string (source);
          sp_import_result_row_read (r);
          sp_import_result_add_offer (r, sp_import_result_get_rows_read (r), g_object_ref (o));
        }
      if (!sp_store_replace_source (store, r, 1780000000, &changed, &error))
        g_error ("%s", error->message);
    }
}

/* One catalog as read for a run */
typedef struct {
  SpStore      *store;
  GPtrArray    *offers;   /* --catalog offers */
  SpOfferTable *table;    /* --catalog table */
  GHashTable   *shared;
  GHashTable   *commitments;
} Catalog;

static void
catalog_read (Catalog    *c,
              const char *path,
              gboolean    table)
{
  g_autoptr(GError) error = NULL;

  c->store = sp_store_open (path, &error);
  g_assert_no_error (error);
  if (table)
    {
      c->table = sp_offer_table_load (path, NULL, &error);
      g_assert_no_error (error);
      c->shared = sp_reprice_load_shared_offers (c->store, &c->commitments, &error);
    }
  else
    c->offers = sp_store_load_offers (c->store, &error);
  g_assert_no_error (error);
}

static void
catalog_clear (Catalog *c)
{
  g_clear_pointer (&c->shared, g_hash_table_unref);
  g_clear_pointer (&c->commitments, g_hash_table_unref);
  g_clear_object (&c->table);
  g_clear_pointer (&c->offers, g_ptr_array_unref);
  g_clear_object (&c->store);
}

static void
import_ledger (SpLedger *ledger,
               guint     rows)
{
  g_autoptr(GError) error = NULL;
  GString *s = g_string_sized_new ((gsize) rows * 90);
  g_autoptr(SpLedgerCsvReport) report = NULL;
  GRand *rand = g_rand_new_with_seed (8);
  static const char * const units[] = { "card-hour", "1M tokens", "core-hour" };
  static const char * const kinds[] = { "gpu", "tokens", "cpu" };

  g_string_append (s, "date,vendor,item,kind,quantity,unit,amount,currency,category\n");
  for (guint i = 0; i < rows; i++)
    {
      guint item = g_rand_int_range (rand, 0, N_ITEMS);
      guint k = item_kind (item);

      g_string_append_printf (s, "2026-%02u-%02u,%s,item %u,%s,%u.5,%s,%u.%02u,CNY,\n",
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                              ledger_vendors[item % G_N_ELEMENTS (ledger_vendors)], item, kinds[k],
                              g_rand_int_range (rand, 1, 500), units[k],
                              g_rand_int_range (rand, 10, 20000), g_rand_int_range (rand, 0, 100));
    }

  if (!sp_ledger_import_csv (ledger, s->str, s->len, &report, NULL, NULL, &error))
    g_error ("import: %s (line %u: %s)", error->message,
             report != NULL && report->errors->len > 0
               ? ((SpLedgerCsvError *) g_ptr_array_index (report->errors, 0))->line : 0,
             report != NULL && report->errors->len > 0
               ? ((SpLedgerCsvError *) g_ptr_array_index (report->errors, 0))->reason : "");
  g_string_free (s, TRUE);
  g_rand_free (rand);
}

static GHashTable *
make_groups (void)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint item = 0; item < N_ITEMS; item++)
    if (item % 20 != 7)  /* 5% of the items have no group */
      g_hash_table_insert (t, g_strdup_printf ("%s\nitem %u",
                                               ledger_vendors[item % G_N_ELEMENTS (ledger_vendors)],
                                               item),
                           item_group (item));
  return t;
}

static SpWallet *
make_wallet (void)
{
  SpWallet *wallet = sp_wallet_new ();
  g_autoptr(GPtrArray) programmes = sp_programme_list_shipped (NULL);
  g_autoptr(SpVoucher) hz = sp_voucher_new_government ("HZ", "hangzhou", 1000000 * SP_MONEY_SCALE,
                                                        1000000 * SP_MONEY_SCALE);
  g_autoptr(SpVoucher) ten = sp_voucher_new_discount_percent ("TEN", 1000);
  g_autoptr(SpVoucher) fifty = sp_voucher_new_discount_amount ("FIFTY", 50 * SP_MONEY_SCALE, "CNY");
  const char *ten_vendors[] = { "vendor-07", "vendor-08", "vendor-09", NULL };

  sp_wallet_add_programmes (wallet, programmes);
  sp_voucher_set_vendors (ten, ten_vendors);
  sp_voucher_set_single_use (fifty, TRUE);
  sp_wallet_add_voucher (wallet, hz);
  sp_wallet_add_voucher (wallet, ten);
  sp_wallet_add_voucher (wallet, fifty);
  return wallet;
}

int
main (int    argc,
      char **argv)
{
  int entries_n = 100000, offers_n = 100000, runs = 3;
  gboolean check = FALSE;
  g_autofree char *catalog = NULL;
  gboolean table;
  GOptionEntry options[] = {
    { "catalog", 0, 0, G_OPTION_ARG_STRING, &catalog, "table (default) or offers", "WHICH" },
    { "entries", 0, 0, G_OPTION_ARG_INT, &entries_n, "Ledger entries", "N" },
    { "offers", 0, 0, G_OPTION_ARG_INT, &offers_n, "Offers", "M" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs (median)", "R" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Fail above the target", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("— reprice benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  double *t_list, *t_compute, *c_list, *c_compute, *t_read;
  gint64 rss_before = 0, rss_catalog = 0, rss_run = 0;
  double total, cpu_total;
  guint n_listed = 0, n_priced = 0, n_unmapped = 0;

  g_option_context_add_main_entries (octx, options, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    g_error ("%s", error->message);
  runs = MAX (runs, 1);
  table = catalog == NULL || g_str_equal (catalog, "table");
  if (!table && !g_str_equal (catalog, "offers"))
    g_error ("--catalog: table or offers");
  sp_core_init ();

  dir = g_dir_make_tmp ("bench-reprice-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "suanpan.db", NULL);
  ledger = sp_ledger_open (path, &error);
  g_assert_no_error (error);
  import_ledger (ledger, (guint) entries_n);
  {
    /* in a child: the offers made here must not be the heap the catalog
     * is read into (resident memory is measured below) */
    pid_t child = fork ();
    int status = 0;

    if (child == 0)
      {
        g_autoptr(GPtrArray) offers = make_offers ((guint) offers_n);

        store_offers (path, offers);
        _exit (0);
      }
    if (child < 0 || waitpid (child, &status, 0) != child || !WIFEXITED (status) ||
        WEXITSTATUS (status) != 0)
      g_error ("writing the offers failed");
  }
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  groups = make_groups ();

  t_list = g_new (double, runs);
  t_compute = g_new (double, runs);
  c_list = g_new (double, runs);
  c_compute = g_new (double, runs);
  t_read = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(SpWallet) wallet = make_wallet ();
      g_autoptr(SpRepriceResult) result = NULL;
      Catalog c = { NULL, NULL, NULL, NULL, NULL };
      double t0, t1, t2, u0, u1, u2, r0 = now_s ();

      if (r == 0)
        rss_before = rss_bytes ();
      catalog_read (&c, path, table);
      if (r == 0)
        rss_catalog = rss_bytes () - rss_before;
      t0 = now_s ();
      u0 = cpu_s ();
      entries = sp_ledger_list (ledger, "2026-01", "2026-12", &error);
      g_assert_no_error (error);
      t1 = now_s ();
      u1 = cpu_s ();
      if (table)
        result = sp_offer_table_reprice_compute (entries, c.table, c.store, c.shared,
                                                 c.commitments, groups, wallet, ctx, NULL, &error);
      else
        result = sp_reprice_compute (entries, c.offers, groups, wallet, ctx, NULL, &error);
      g_assert_no_error (error);
      t2 = now_s ();
      u2 = cpu_s ();
      if (r == 0)
        rss_run = rss_bytes () - rss_before;
      catalog_clear (&c);
      t_read[r] = t0 - r0;
      t_list[r] = t1 - t0;
      t_compute[r] = t2 - t1;
      c_list[r] = u1 - u0;
      c_compute[r] = u2 - u1;
      n_listed = entries->len;
      n_priced = result->entries->len;
      n_unmapped = result->unmapped->len;
    }
  {
    double list = sp_test_median (t_list, runs), compute = sp_test_median (t_compute, runs);
    double clist = sp_test_median (c_list, runs), ccompute = sp_test_median (c_compute, runs);

    total = list + compute;
    cpu_total = clist + ccompute;
    g_print ("reprice: %u entries (12 months) against %d offers (%s), median of %d\n", n_listed,
             offers_n, table ? "the engine's table" : "an SpOffer each", runs);
    g_print ("  %u repriced, %u unmapped\n", n_priced, n_unmapped);
    g_print ("                              wall       cpu\n");
    g_print ("  sp_ledger_list (yardstick)  %7.3f s  %7.3f s\n", list, clist);
    g_print ("  the reprice                 %7.3f s  %7.3f s  (%.2f x the yardstick, cpu)\n",
             compute, ccompute, clist > 0 ? ccompute / clist : 0.0);
    g_print ("  reading the catalog         %7.3f s            (%s)\n",
             sp_test_median (t_read, runs),
             table ? "sp_offer_table_load + shares of a card" : "sp_store_load_offers");
    g_print ("  resident memory, first run  +%.1f MB the catalog read, +%.1f MB with the 12 months,\n"
             "                              the candidates and the result\n",
             rss_catalog / 1e6, rss_run / 1e6);
    g_print ("  list + compute              %7.3f s  %7.3f s  (target < %.1f s, cpu) %s\n", total,
             cpu_total, TARGET_SECONDS, cpu_total < TARGET_SECONDS ? "OK" : "SLOW");
  }
  g_free (t_list);
  g_free (t_compute);
  g_free (c_list);
  g_free (c_compute);
  g_free (t_read);
  g_clear_object (&ledger);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return check && cpu_total >= TARGET_SECONDS ? 1 : 0;
}
