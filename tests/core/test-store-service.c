/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-service.c — the application's store service on a real SQLite
 * file: async jobs run in order on the worker, change signals fire after a
 * change (and only then), restore, cancellation. */
#include "config.h"

#include <string.h>

#include "sp-core.h"
#include "sp-store-service.h"
#include "sp-test-util.h"

static GThread *main_thread;

typedef struct {
  guint offers, sources, wallet, ledger, watchlist, restored;
  GString *order;            /* signals and callbacks, in the order seen */
} Counts;

static void on_offers (SpStoreService *s, Counts *c) { c->offers++; g_string_append (c->order, "O"); }
static void on_sources (SpStoreService *s, Counts *c) { c->sources++; g_string_append (c->order, "S"); }
/* signals reach the thread that created the service, never the worker */
static void on_wallet (SpStoreService *s, Counts *c)
{
  g_assert_true (g_thread_self () == main_thread);
  c->wallet++;
  g_string_append (c->order, "W");
}
static void on_ledger (SpStoreService *s, Counts *c) { c->ledger++; g_string_append (c->order, "L"); }
static void on_watchlist (SpStoreService *s, Counts *c) { c->watchlist++; g_string_append (c->order, "w"); }
static void on_restored (SpStoreService *s, Counts *c) { c->restored++; g_string_append (c->order, "R"); }

static SpStoreService *
new_service (SpTestDir *dir,
             Counts    *counts)
{
  g_autofree char *path = g_build_filename (dir->path, "suanpan.db", NULL);
  SpStoreService *service = sp_store_service_new (path);

  g_assert_cmpstr (sp_store_service_get_path (service), ==, path);
  counts->order = g_string_new (NULL);
  g_signal_connect (service, "offers-changed", G_CALLBACK (on_offers), counts);
  g_signal_connect (service, "sources-changed", G_CALLBACK (on_sources), counts);
  g_signal_connect (service, "wallet-changed", G_CALLBACK (on_wallet), counts);
  g_signal_connect (service, "ledger-changed", G_CALLBACK (on_ledger), counts);
  g_signal_connect (service, "watchlist-changed", G_CALLBACK (on_watchlist), counts);
  g_signal_connect (service, "restored", G_CALLBACK (on_restored), counts);
  return service;
}

/* as the cases name them */
#define got_result sp_test_async_done
#define wait_for sp_test_wait_for

static SpWalletSnapshot *
snapshot (SpStoreService *service)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  SpWalletSnapshot *snap;

  sp_store_service_load_snapshot_async (service, NULL, got_result, &res);
  snap = sp_store_service_load_snapshot_finish (service, wait_for (&res), &error);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  return snap;
}

static void
add_voucher (SpStoreService *service,
             const char     *code,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(SpVoucher) voucher = sp_voucher_new_discount_percent (code, 1000);

  sp_store_service_add_voucher_async (service, voucher, cancellable, got_result, &res);
  sp_store_service_finish (service, wait_for (&res), error);
}

static SpLedgerEntry *
new_entry (const char *date,
           const char *paid)
{
  SpLedgerEntry *e = sp_ledger_entry_new ();

  g_strlcpy (e->date, date, sizeof e->date);
  e->vendor = g_strdup ("acme");
  e->item = g_strdup ("H100 box");
  e->kind = SP_LEDGER_KIND_GPU;
  g_assert_true (sp_money_parse ("2", &e->quantity, NULL));
  e->unit = g_strdup ("card-hour");
  g_assert_true (sp_money_parse (paid, &e->paid, NULL));
  g_strlcpy (e->currency, "CNY", sizeof e->currency);
  return e;
}

static void
test_wallet_signals (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autoptr(SpWalletSnapshot) empty = snapshot (service);
  g_autoptr(SpWalletSnapshot) one = NULL;
  g_autoptr(SpWalletSnapshot) none = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  /* reading signals nothing */
  g_assert_cmpuint (empty->vouchers->len, ==, 0);
  g_assert_cmpstr (counts.order->str, ==, "");

  add_voucher (service, "TEN-OFF", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.wallet, ==, 1);
  g_assert_cmpstr (counts.order->str, ==, "W");
  one = snapshot (service);
  g_assert_cmpuint (one->vouchers->len, ==, 1);
  g_assert_cmpstr (sp_voucher_get_code (g_ptr_array_index (one->vouchers, 0)), ==, "TEN-OFF");

  /* a refused change signals nothing and says why */
  add_voucher (service, "TEN-OFF", NULL, &error);
  g_assert_nonnull (error);
  g_assert_cmpuint (counts.wallet, ==, 1);
  g_clear_error (&error);

  sp_store_service_remove_voucher_async (service, "TEN-OFF", NULL, got_result, &res);
  g_assert_true (sp_store_service_finish (service, wait_for (&res), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.wallet, ==, 2);
  none = snapshot (service);
  g_assert_cmpuint (none->vouchers->len, ==, 0);
  g_assert_cmpuint (counts.ledger + counts.offers + counts.sources + counts.restored, ==, 0);
  g_string_free (counts.order, TRUE);
}

static void
test_ledger_signals (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autoptr(SpLedgerEntry) entry = new_entry ("2026-03-14", "12.50");
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  sp_store_service_save_entry_async (service, entry, NULL, got_result, &r1);
  id = sp_store_service_finish_id (service, wait_for (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (counts.ledger, ==, 1);

  sp_store_service_list_entries_async (service, "2026-03", "2026-03", NULL, got_result, &r2);
  entries = sp_store_service_list_entries_finish (service, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((SpLedgerEntry *) g_ptr_array_index (entries, 0))->paid, ==, 12500000);

  sp_store_service_delete_entry_async (service, id, FALSE, NULL, got_result, &r3);
  g_assert_cmpint (sp_store_service_finish_id (service, wait_for (&r3), &error), ==, id);
  g_assert_no_error (error);
  sp_store_service_delete_entry_async (service, id, TRUE, NULL, got_result, &r4);
  g_assert_cmpint (sp_store_service_finish_id (service, wait_for (&r4), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.ledger, ==, 3);
  g_assert_cmpuint (counts.wallet, ==, 0);

  g_clear_object (&r2);
  sp_store_service_list_entries_async (service, NULL, NULL, NULL, got_result, &r2);
  after = sp_store_service_list_entries_finish (service, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_string_free (counts.order, TRUE);
}

/* Jobs queued at once run in order; each callback comes after its signals. */
typedef struct {
  Counts  *counts;
  char     tag;
  guint   *n_done;
} Tagged;

static void
tagged_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Tagged *t = user_data;

  g_assert_true (sp_store_service_finish (SP_STORE_SERVICE (source), result, NULL));
  g_string_append_c (t->counts->order, t->tag);
  (*t->n_done)++;
}

static void
test_order (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autoptr(SpVoucher) a = sp_voucher_new_discount_percent ("A", 500);
  g_autoptr(SpVoucher) b = sp_voucher_new_discount_percent ("B", 500);
  g_autoptr(SpWalletSnapshot) snap = NULL;
  g_autoptr(GPtrArray) watches = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_watch_free);
  SpWatch w = { SP_WATCH_GROUP, NULL, (char *) "gpu:h100" };
  guint n_done = 0;
  Tagged ta = { &counts, '1', &n_done }, tb = { &counts, '2', &n_done };
  Tagged tc = { &counts, '3', &n_done }, td = { &counts, '4', &n_done };

  g_ptr_array_add (watches, sp_watch_copy (&w));
  sp_store_service_add_voucher_async (service, a, NULL, tagged_done, &ta);
  sp_store_service_add_voucher_async (service, b, NULL, tagged_done, &tb);
  sp_store_service_set_watches_async (service, watches, TRUE, NULL, tagged_done, &tc);
  sp_store_service_remove_voucher_async (service, "A", NULL, tagged_done, &td);
  while (n_done < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (counts.order->str, ==, "W1W2w3W4");

  snap = snapshot (service);
  g_assert_cmpuint (snap->vouchers->len, ==, 1);
  g_assert_cmpstr (sp_voucher_get_code (g_ptr_array_index (snap->vouchers, 0)), ==, "B");
  g_string_free (counts.order, TRUE);
}

static void
test_cancel (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SpWalletSnapshot) snap = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = NULL;

  /* cancelled before it ran: nothing changes, nothing is signalled */
  g_cancellable_cancel (cancellable);
  add_voucher (service, "NEVER", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (counts.wallet, ==, 0);
  snap = snapshot (service);
  g_assert_cmpuint (snap->vouchers->len, ==, 0);

  /* a read cancelled while queued finishes cancelled; the next job runs */
  g_cancellable_reset (cancellable);
  sp_store_service_load_offers_async (service, cancellable, got_result, &res);
  g_cancellable_cancel (cancellable);
  offers = sp_store_service_load_offers_finish (service, wait_for (&res), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (offers);
  g_clear_error (&error);
  add_voucher (service, "AFTER", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.wallet, ==, 1);
  g_string_free (counts.order, TRUE);
}

static void
test_backup_restore (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autofree char *backup = g_build_filename (dir->path, "backup.db", NULL);
  g_autofree char *missing = g_build_filename (dir->path, "missing.db", NULL);
  g_autoptr(SpWalletSnapshot) snap = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GError) error = NULL;

  add_voucher (service, "KEPT", NULL, &error);
  g_assert_no_error (error);
  sp_store_service_backup_async (service, backup, NULL, got_result, &r1);
  g_assert_true (sp_store_service_finish (service, wait_for (&r1), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  add_voucher (service, "LOST", NULL, &error);
  g_assert_no_error (error);

  /* a bad file: refused, nothing signalled */
  g_string_truncate (counts.order, 0);
  sp_store_service_restore_async (service, missing, NULL, got_result, &r2);
  g_assert_false (sp_store_service_finish (service, wait_for (&r2), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (counts.restored, ==, 0);

  sp_store_service_restore_async (service, backup, NULL, got_result, &r3);
  g_assert_true (sp_store_service_finish (service, wait_for (&r3), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.restored, ==, 1);
  /* every page hears of it, ::restored last */
  g_assert_cmpstr (counts.order->str, ==, "SOWLwR");
  snap = snapshot (service);
  g_assert_cmpuint (snap->vouchers->len, ==, 1);
  g_assert_cmpstr (sp_voucher_get_code (g_ptr_array_index (snap->vouchers, 0)), ==, "KEPT");
  g_string_free (counts.order, TRUE);
}

/* The main thread busy (not iterating) while the worker finishes: the
 * signal and the callback still come on the main thread, later */
static void
test_main_thread (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autoptr(SpVoucher) v = sp_voucher_new_discount_percent ("BUSY", 500);
  g_autoptr(GAsyncResult) res = NULL;

  sp_store_service_add_voucher_async (service, v, NULL, got_result, &res);
  g_usleep (300 * 1000);
  g_assert_null (res);
  g_assert_cmpuint (counts.wallet, ==, 0);
  g_assert_true (sp_store_service_finish (service, wait_for (&res), NULL));
  g_assert_cmpuint (counts.wallet, ==, 1);
  g_string_free (counts.order, TRUE);
}

/* Signals for changes made outside the service (a live refresh). */
static void
test_notify (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);

  sp_store_service_notify_changed (service, SP_STORE_CHANGE_OFFERS | SP_STORE_CHANGE_SOURCES);
  g_assert_cmpstr (counts.order->str, ==, "SO");
  g_string_free (counts.order, TRUE);
}

/* The Spending page's jobs: its view in one read, the budget, CSV export,
 * dry run and import (same counts as the ledger's), reading a file. */
static void
test_spending_jobs (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autoptr(SpLedgerEntry) e1 = new_entry ("2025-11-02", "100");
  g_autoptr(SpLedgerEntry) e2 = new_entry ("2026-03-14", "12.50");
  g_autofree char *csv_path = g_build_filename (dir->path, "export.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir->path, "missing.csv", NULL);
  g_autoptr(SpSpendingView) view = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SpSpendingQuery q = { "2026-01", "2026-12", "2026-03", "2026-03", SP_LEDGER_BY_VENDOR, "CNY" };
  SpLedgerImportResult counts_run = { 0 };
  SpMoney amount = 0;
  char currency[4] = "";

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) r = NULL;

      sp_store_service_save_entry_async (service, i == 0 ? e1 : e2, NULL, got_result, &r);
      g_assert_cmpint (sp_store_service_finish_id (service, wait_for (&r), &error), >, 0);
      g_assert_no_error (error);
    }

  /* no budget yet: FALSE without an error */
  {
    g_autoptr(GAsyncResult) r = NULL;

    sp_store_service_get_budget_async (service, NULL, got_result, &r);
    g_assert_false (sp_store_service_get_budget_finish (service, wait_for (&r), &amount,
                                                        currency, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) r = NULL;
    g_autoptr(GAsyncResult) r2 = NULL;
    guint ledger_before = counts.ledger;

    sp_store_service_set_budget_async (service, 20 * SP_MONEY_SCALE, "CNY", NULL, got_result, &r);
    g_assert_true (sp_store_service_finish (service, wait_for (&r), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts.ledger, ==, ledger_before + 1);
    sp_store_service_get_budget_async (service, NULL, got_result, &r2);
    g_assert_true (sp_store_service_get_budget_finish (service, wait_for (&r2), &amount,
                                                       currency, &error));
    g_assert_cmpint (amount, ==, 20 * SP_MONEY_SCALE);
    g_assert_cmpstr (currency, ==, "CNY");
  }

  /* the view: years newest first, the chart's months, the list's month,
   * the budget and its status on "today" */
  g_date_clear (&q.today, 1);
  g_date_set_dmy (&q.today, 10, G_DATE_MARCH, 2026);
  {
    g_autoptr(GAsyncResult) r = NULL;

    sp_store_service_load_spending_async (service, &q, NULL, got_result, &r);
    view = sp_store_service_load_spending_finish (service, wait_for (&r), &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (view);
  g_assert_cmpuint (g_strv_length (view->years), ==, 2);
  g_assert_cmpstr (view->years[0], ==, "2026");
  g_assert_cmpstr (view->years[1], ==, "2025");
  g_assert_no_error (view->monthly_error);
  g_assert_cmpuint (view->monthly->len, ==, 1);
  g_assert_cmpstr (((SpLedgerMonthlyRow *) g_ptr_array_index (view->monthly, 0))->month, ==, "2026-03");
  g_assert_no_error (view->entries_error);
  g_assert_cmpuint (view->entries->len, ==, 1);
  g_assert_cmpint (view->count, ==, 2);
  g_assert_true (view->has_budget);
  g_assert_cmpint (view->budget, ==, 20 * SP_MONEY_SCALE);
  g_assert_no_error (view->status_error);
  g_assert_cmpstr (view->status.month, ==, "2026-03");
  g_assert_cmpint (view->status.spent, ==, 12500000);
  g_assert_true (view->status.over_budget);   /* 12.50 × 31 / 10 = 38.75 > 20 */

  /* export, then the export as a dry run and as an import: nothing new */
  {
    g_autoptr(GAsyncResult) r = NULL;

    sp_store_service_export_csv_async (service, csv_path, NULL, got_result, &r);
    g_assert_true (sp_store_service_finish (service, wait_for (&r), &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) r = NULL;

    sp_store_service_read_file_async (service, csv_path, 1024 * 1024, NULL, got_result, &r);
    bytes = sp_store_service_read_file_finish (service, wait_for (&r), &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "date,vendor,item,"));
  }
  {
    g_autoptr(GAsyncResult) r = NULL;
    guint ledger_before = counts.ledger;

    sp_store_service_import_csv_async (service, bytes, SP_LEDGER_IMPORT_DRY_RUN | SP_LEDGER_IMPORT_REPLACE,
                                       NULL, got_result, &r);
    g_assert_true (sp_store_service_import_csv_finish (service, wait_for (&r), &counts_run, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts_run.n_replaced, ==, 2);
    g_assert_cmpuint (counts_run.n_added, ==, 2);
    g_assert_cmpuint (counts.ledger, ==, ledger_before);   /* a dry run changes nothing */
  }
  {
    g_autoptr(GAsyncResult) r = NULL;
    guint ledger_before = counts.ledger;

    sp_store_service_import_csv_async (service, bytes, SP_LEDGER_IMPORT_NONE, NULL, got_result, &r);
    g_assert_true (sp_store_service_import_csv_finish (service, wait_for (&r), &counts_run, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts_run.n_added, ==, 0);
    g_assert_cmpuint (counts_run.n_present, ==, 2);
    g_assert_cmpuint (counts.ledger, ==, ledger_before + 1);
  }
  /* a bad row: nothing written, the ledger's CSV error */
  {
    g_autoptr(GAsyncResult) r = NULL;
    g_autoptr(GBytes) bad = g_bytes_new_static ("date,vendor,item\nnot-a-date,x,y\n", 32);

    sp_store_service_import_csv_async (service, bad, SP_LEDGER_IMPORT_NONE, NULL, got_result, &r);
    g_assert_false (sp_store_service_import_csv_finish (service, wait_for (&r), &counts_run, &error));
    g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV);
    g_clear_error (&error);
  }
  /* a missing file: the import's one-line file error */
  {
    g_autoptr(GAsyncResult) r = NULL;

    sp_store_service_read_file_async (service, bad_path, 1024, NULL, got_result, &r);
    g_assert_null (sp_store_service_read_file_finish (service, wait_for (&r), &error));
    g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_FILE);
  }
  g_string_free (counts.order, TRUE);
}

/* The live refresh through the service: it waits for the save queued
 * before it, reports progress, and says the sources and offers changed. */
static void
on_progress (SpStoreService *s, const char *name, int state, guint64 bytes, guint *n)
{
  g_assert_cmpstr (name, ==, "acme-test");
  (*n)++;
}

static void
test_refresh (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  Counts counts = { 0 };
  g_autoptr(SpStoreService) service = new_service (dir, &counts);
  g_autofree char *feed = g_build_filename (dir->path, "feed.json", NULL);
  g_autofree char *url = g_filename_to_uri (feed, NULL, NULL);
  g_autoptr(SpSource) source = sp_source_new ("acme-test", url, SP_FEED_FORMAT_SUANPAN);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "acme-test", NULL };
  guint n_progress = 0;

  g_assert_true (g_file_set_contents (feed,
    "{ \"suanpan_feed\": \"1.0\", \"vendor\": { \"id\": \"acme-test\", \"name\": { \"en\": \"Acme\" } },"
    "  \"generated_at\": \"2026-03-01T08:00:00+08:00\","
    "  \"offers\": [ { \"id\": \"c8\", \"kind\": \"cpu\", \"name\": \"8 vCPU\","
    "    \"spec\": { \"vcpus\": 8, \"billing\": \"on-demand\" },"
    "    \"price\": { \"currency\": \"CNY\", \"per_unit\": \"0.12\" } } ] }", -1, NULL));
  sp_source_set_enabled (source, TRUE);
  g_signal_connect (service, "refresh-progress", G_CALLBACK (on_progress), &n_progress);

  /* queued one after the other: the refresh sees the saved source */
  sp_store_service_save_source_async (service, source, TRUE, NULL, got_result, &r1);
  sp_store_service_refresh_async (service, names, NULL, got_result, &r2);
  g_assert_true (sp_store_service_finish (service, wait_for (&r1), &error));
  g_assert_no_error (error);
  outcomes = sp_store_service_refresh_finish (service, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_assert_true (((SpRefreshOutcome *) g_ptr_array_index (outcomes, 0))->ok);
  g_assert_cmpuint (n_progress, >, 0);
  g_assert_cmpuint (counts.offers, ==, 1);
  g_assert_cmpuint (counts.sources, ==, 2);   /* the save, then the refresh */

  sp_store_service_load_offers_async (service, NULL, got_result, &r3);
  offers = sp_store_service_load_offers_finish (service, wait_for (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, ==, 1);
  g_string_free (counts.order, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();
  main_thread = g_thread_self ();

  g_test_add_func ("/core/service/main-thread", test_main_thread);
  g_test_add_func ("/core/service/wallet-signals", test_wallet_signals);
  g_test_add_func ("/core/service/ledger-signals", test_ledger_signals);
  g_test_add_func ("/core/service/order", test_order);
  g_test_add_func ("/core/service/cancel", test_cancel);
  g_test_add_func ("/core/service/backup-restore", test_backup_restore);
  g_test_add_func ("/core/service/notify", test_notify);
  g_test_add_func ("/core/service/spending", test_spending_jobs);
  g_test_add_func ("/core/service/refresh", test_refresh);
  return g_test_run ();
}
