/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ledger.c — the spending ledger in the core: entries, undo, monthly
 * totals against hand-computed figures, CSV import/export, budget, schema */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "sp-core.h"
#include "sp-csv-cell.h"
#include "sp-ledger.h"
#include "sp-test-util.h"

static SpLedger *
open_ledger (SpTestDir *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sp_test_dir_db (dir);
  SpLedger *ledger = sp_ledger_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  sp_ledger_set_default_rate (ledger, 7200000, "2026-01-01");
  return ledger;
}

/* short, as the cases read */
#define money sp_test_money

/* Adds one entry; @subsidy, @list NULL = not given. */
static gint64
add (SpLedger   *ledger,
     const char *date,
     const char *vendor,
     const char *kind,
     const char *category,
     const char *paid,
     const char *subsidy,
     const char *discount,
     const char *currency,
     const char *rate)
{
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_strlcpy (e->date, date, sizeof e->date);
  e->vendor = g_strdup (vendor);
  e->item = g_strdup ("item");
  g_assert_true (sp_ledger_kind_from_string (kind, &e->kind));
  e->quantity = money ("1");
  e->unit = g_strdup ("card-hour");
  e->category = g_strdup (category);
  e->paid = money (paid);
  e->refund = e->paid < 0;
  if (subsidy != NULL)
    e->subsidy = money (subsidy);
  if (discount != NULL)
    e->platform_discount = money (discount);
  g_strlcpy (e->currency, currency, sizeof e->currency);
  if (rate != NULL)
    e->rate_usd_cny = money (rate);
  id = sp_ledger_add (ledger, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_money (SpMoney     value,
              const char *expected)
{
  g_autofree char *text = sp_money_to_string (value, 2);

  g_assert_cmpstr (text, ==, expected);
}

/* ------------------------------------------------------------------ dates and entries */

static void
test_dates (void)
{
  char code[4];

  g_assert_true (sp_ledger_date_valid ("2024-02-29"));
  g_assert_false (sp_ledger_date_valid ("2025-02-29"));
  g_assert_false (sp_ledger_date_valid ("2026-02-30"));
  g_assert_false (sp_ledger_date_valid ("2026-13-01"));
  g_assert_false (sp_ledger_date_valid ("2026-1-01"));
  g_assert_false (sp_ledger_date_valid ("2026-01-01x"));
  g_assert_false (sp_ledger_date_valid (""));
  g_assert_true (sp_ledger_date_valid ("2025-12-31"));
  g_assert_true (sp_ledger_month_valid ("2025-12"));
  g_assert_false (sp_ledger_month_valid ("2025-13"));
  g_assert_false (sp_ledger_month_valid ("2025-00"));
  g_assert_true (sp_ledger_currency_parse ("usd", code));
  g_assert_cmpstr (code, ==, "USD");
  g_assert_false (sp_ledger_currency_parse ("US", code));
  g_assert_false (sp_ledger_currency_parse ("U$D", code));
}

static void
test_entry_complete (void)
{
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  char *reason = NULL;

  g_strlcpy (e->date, "2026-03-01", sizeof e->date);
  e->vendor = g_strdup ("AutoDL");
  e->item = g_strdup ("4090");
  e->kind = SP_LEDGER_KIND_GPU;
  e->quantity = money ("2");
  e->unit = g_strdup ("card-hour");
  g_strlcpy (e->currency, "cny", sizeof e->currency);

  /* no amount */
  g_assert_false (sp_ledger_entry_complete (e, &reason));
  g_assert_nonnull (strstr (reason, "amount"));
  g_clear_pointer (&reason, g_free);

  /* only amount + subsidy: list = paid + subsidy */
  e->paid = money ("8");
  e->subsidy = money ("2");
  g_assert_true (sp_ledger_entry_complete (e, &reason));
  g_assert_cmpstr (e->currency, ==, "CNY");
  g_assert_cmpint (e->list_amount, ==, money ("10"));
  g_assert_cmpint (e->platform_discount, ==, 0);
  g_assert_cmpint (e->prepaid, ==, 0);

  /* a given list amount derives the platform discount */
  e->list_amount = money ("12.5");
  e->platform_discount = SP_MONEY_UNKNOWN;
  e->prepaid = money ("0.5");
  g_assert_true (sp_ledger_entry_complete (e, &reason));
  g_assert_cmpint (e->platform_discount, ==, money ("2"));

  /* inconsistent parts are refused */
  e->platform_discount = money ("1");
  g_assert_false (sp_ledger_entry_complete (e, &reason));
  g_assert_nonnull (strstr (reason, "list_amount"));
  g_clear_pointer (&reason, g_free);

  /* a list amount smaller than the parts */
  e->platform_discount = SP_MONEY_UNKNOWN;
  e->list_amount = money ("5");
  g_assert_false (sp_ledger_entry_complete (e, &reason));
  g_clear_pointer (&reason, g_free);

  /* negative only as a refund */
  e->list_amount = SP_MONEY_UNKNOWN;
  e->platform_discount = SP_MONEY_UNKNOWN;
  e->subsidy = SP_MONEY_UNKNOWN;
  e->prepaid = SP_MONEY_UNKNOWN;
  e->paid = money ("-3");
  g_assert_false (sp_ledger_entry_complete (e, &reason));
  g_assert_nonnull (strstr (reason, "refund"));
  g_clear_pointer (&reason, g_free);
  e->refund = TRUE;
  g_assert_true (sp_ledger_entry_complete (e, &reason));
  g_assert_cmpint (e->list_amount, ==, money ("-3"));
  e->paid = money ("3");
  e->list_amount = SP_MONEY_UNKNOWN;
  g_assert_false (sp_ledger_entry_complete (e, &reason));
  g_clear_pointer (&reason, g_free);

  /* bad date */
  e->refund = FALSE;
  g_strlcpy (e->date, "2026-02-30", sizeof e->date);
  g_assert_false (sp_ledger_entry_complete (e, &reason));
  g_assert_nonnull (strstr (reason, "2026-02-30"));
  g_clear_pointer (&reason, g_free);
}

/* ------------------------------------------------------------------ storage */

static void
test_open_and_store_coexist (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(SpStore) store = NULL;

  g_assert_cmpint (sp_ledger_get_schema_version (ledger), ==, SP_LEDGER_SCHEMA_VERSION);
  add (ledger, "2026-01-02", "AutoDL", "gpu", "p", "5", NULL, NULL, "CNY", NULL);

  /* the store opens the same file afterwards (it is marked as ours) */
  store = sp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (sp_test_sql_count (path, "PRAGMA application_id"), ==, 0x53504E31);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"),
                   ==, SP_LEDGER_SCHEMA_VERSION);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  /* WAL journal */
  {
    g_autofree char *mode = query_text (path, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "wal");
  }
}

/* v0 -> current: a store database with offers and no ledger tables (as
 * stores wrote them before the store created the ledger) gets them and
 * keeps its offers. */
static void
test_migration_from_v0 (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(GError) error = NULL;
  guint n_offers;

  {
    g_autoptr(SpStore) store = sp_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (sp_core_seed_demo (store, &error));
    g_assert_no_error (error);
    n_offers = sp_store_count_offers (store, NULL);
    g_assert_cmpuint (n_offers, >, 0);
  }
  /* the store created the ledger tables, at the current ledger version */
  g_assert_cmpint (sp_test_sql_count (path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"),
                   ==, SP_LEDGER_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM sqlite_schema "
                                "WHERE type = 'table' AND name LIKE 'ledger%'"), ==, 4);
  /* an older store file had none */
  exec_raw (path, "DROP TABLE ledger_audit; DROP TABLE ledger_entries; DROP TABLE ledger_meta; "
            "DROP TABLE ledger_groups;");
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'ledger%'"),
                   ==, 0);

  {
    g_autoptr(SpLedger) ledger = open_ledger (dir);

    g_assert_cmpint (sp_ledger_get_schema_version (ledger), ==, SP_LEDGER_SCHEMA_VERSION);
    add (ledger, "2026-01-02", "AutoDL", "gpu", "p", "5", NULL, NULL, "CNY", NULL);
  }
  {
    g_autoptr(SpStore) store = sp_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, n_offers);
  }
  /* v1 with data, opened again by the current code: data kept, no re-migration */
  {
    g_autoptr(SpLedger) ledger = open_ledger (dir);

    g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  }
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_entries"), ==, 1);
  {
    g_autofree char *check = query_text (path, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
}

static void
test_refuse_foreign_and_newer (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autofree char *other = g_build_filename (dir->path, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;

  /* someone else's database is left alone */
  exec_raw (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  ledger = sp_ledger_open (other, &error);
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CORRUPT);
  g_assert_null (ledger);
  g_clear_error (&error);
  g_assert_cmpint (sp_test_sql_count (other, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'ledger%'"),
                   ==, 0);

  /* a ledger written by a newer Suanpan */
  g_clear_object (&ledger);
  ledger = open_ledger (dir);
  g_clear_object (&ledger);
  exec_raw (path, "UPDATE ledger_meta SET value = '99' WHERE key = 'schema_version'");
  ledger = sp_ledger_open (path, &error);
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NEWER);
  g_assert_null (ledger);
}

static void
test_edit_delete_undo (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(SpLedgerEntry) e = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 a, b, c;

  a = add (ledger, "2026-01-02", "AutoDL", "gpu", "p", "5", NULL, NULL, "CNY", NULL);
  b = add (ledger, "2026-01-03", "Aliyun", "cpu", "p", "6", NULL, NULL, "CNY", NULL);
  c = add (ledger, "2026-01-04", "OpenAI", "tokens", "q", "7", NULL, NULL, "USD", "7.1");

  /* the default rate and its date were recorded on a and b, c keeps its own */
  e = sp_ledger_get (ledger, a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->rate_usd_cny, ==, 7200000);
  g_assert_cmpstr (e->rate_date, ==, "2026-01-01");
  g_clear_pointer (&e, sp_ledger_entry_free);
  e = sp_ledger_get (ledger, c, &error);
  g_assert_cmpint (e->rate_usd_cny, ==, 7100000);
  g_assert_cmpstr (e->rate_date, ==, "");

  /* edit */
  e->paid = money ("7.5");
  e->list_amount = SP_MONEY_UNKNOWN;
  g_free (e->note);
  e->note = g_strdup ("corrected");
  g_assert_true (sp_ledger_update (ledger, e, &error));
  g_assert_no_error (error);
  g_clear_pointer (&e, sp_ledger_entry_free);
  e = sp_ledger_get (ledger, c, &error);
  g_assert_cmpint (e->paid, ==, money ("7.5"));
  g_assert_cmpint (e->list_amount, ==, money ("7.5"));
  g_assert_cmpstr (e->note, ==, "corrected");

  /* delete a then b; undo brings back b first, then a */
  g_assert_true (sp_ledger_delete (ledger, a, &error));
  g_assert_true (sp_ledger_delete (ledger, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  list = sp_ledger_list (ledger, NULL, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_null (sp_ledger_get (ledger, a, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* deleting twice is an error */
  g_assert_false (sp_ledger_delete (ledger, a, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (sp_ledger_undo_delete (ledger, 0, &error), ==, b);
  g_assert_cmpint (sp_ledger_undo_delete (ledger, 0, &error), ==, a);
  g_assert_no_error (error);
  g_assert_cmpint (sp_ledger_undo_delete (ledger, 0, &error), ==, 0);
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 3);

  /* undo of a given id */
  g_assert_true (sp_ledger_delete (ledger, c, &error));
  g_assert_cmpint (sp_ledger_undo_delete (ledger, a, &error), ==, 0);
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_undo_delete (ledger, c, &error), ==, c);

  /* the audit trail: 3 add, 1 edit (with the old version), 3 delete, 3 undo */
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_audit WHERE action = 'add'"), ==, 3);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_audit WHERE action = 'edit' "
                                "AND detail LIKE '%,7,USD,%'"), ==, 1);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_audit WHERE action = 'delete'"), ==, 3);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_audit WHERE action = 'undo'"), ==, 3);
}

/* ------------------------------------------------------------------ monthly */

typedef struct {
  const char *month;
  const char *key;
  const char *paid;
  const char *subsidy;
  const char *list;
} Expected;

static void
assert_rows (GPtrArray      *rows,
             const Expected *expected,
             guint           n)
{
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      SpLedgerMonthlyRow *r = g_ptr_array_index (rows, i);

      g_assert_cmpstr (r->month, ==, expected[i].month);
      g_assert_cmpstr (r->key, ==, expected[i].key);
      assert_money (r->paid, expected[i].paid);
      assert_money (r->subsidy, expected[i].subsidy);
      assert_money (r->list, expected[i].list);
    }
}

static SpLedger *
monthly_fixture (SpTestDir *dir)
{
  SpLedger *ledger = open_ledger (dir);
  g_autoptr(GError) error = NULL;
  gint64 g;

  /* A: the last day of 2025 */
  add (ledger, "2025-12-31", "AutoDL", "gpu", "p1", "100", "20", NULL, "CNY", "7.2");
  /* B: the first day of 2026, with a platform discount */
  add (ledger, "2026-01-01", "AutoDL", "gpu", "p1", "50.50", NULL, "5", "CNY", "7.25");
  /* C1, C2: one micro-dollar each at different rates: 0.0000072 + 0.0000073 CNY */
  add (ledger, "2026-01-15", "OpenAI", "tokens", "p2", "0.000001", NULL, NULL, "USD", "7.2");
  add (ledger, "2026-01-16", "OpenAI", "tokens", "p2", "0.000001", NULL, NULL, "USD", "7.3");
  /* D: the last day of January */
  add (ledger, "2026-01-31", "OpenAI", "tokens", "p1", "100", "10", NULL, "USD", "7.1");
  /* E: a refund on the first of February */
  add (ledger, "2026-02-01", "AutoDL", "gpu", "p1", "-10", NULL, NULL, "CNY", "7.2");
  /* F: a currency without a rate to CNY/USD */
  add (ledger, "2026-02-10", "Hetzner", "cpu", "p2", "40", NULL, NULL, "EUR", "7.2");
  /* G: deleted, never counted */
  g = add (ledger, "2026-01-20", "AutoDL", "gpu", "p1", "999", NULL, NULL, "CNY", "7.2");
  g_assert_true (sp_ledger_delete (ledger, g, &error));
  g_assert_no_error (error);
  return ledger;
}

static void
test_monthly_hand_computed (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpLedger) ledger = monthly_fixture (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint skipped = 0;

  /* CNY by vendor.  OpenAI January: 0.0000072 + 0.0000073 + 100 × 7.1 =
   * 710.0000145, rounded once per cell (half away from zero) = 710.000015;
   * rounding each entry first would give 710.000014. */
  {
    static const Expected expected[] = {
      { "2025-12", "AutoDL", "100.00", "20.00", "120.00" },
      { "2026-01", "AutoDL", "50.50", "0.00", "55.50" },
      { "2026-01", "OpenAI", "710.000015", "71.00", "781.000015" },
      { "2026-02", "AutoDL", "-10.00", "0.00", "-10.00" },
    };
    rows = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_VENDOR, "CNY", &skipped, &error);
    g_assert_no_error (error);
    assert_rows (rows, expected, G_N_ELEMENTS (expected));
    g_assert_cmpuint (skipped, ==, 1);
    g_assert_cmpstr (((SpLedgerMonthlyRow *) g_ptr_array_index (rows, 2))->currency, ==, "CNY");
    g_assert_cmpuint (((SpLedgerMonthlyRow *) g_ptr_array_index (rows, 2))->n_entries, ==, 3);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* January only (month boundaries: Dec 31 and Feb 1 are outside), by kind */
  {
    static const Expected expected[] = {
      { "2026-01", "gpu", "50.50", "0.00", "55.50" },
      { "2026-01", "tokens", "710.000015", "71.00", "781.000015" },
    };
    rows = sp_ledger_monthly (ledger, "2026-01", "2026-01", SP_LEDGER_BY_KIND, "CNY", NULL, &error);
    g_assert_no_error (error);
    assert_rows (rows, expected, G_N_ELEMENTS (expected));
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* by category: p2 in January is 0.0000145 CNY = 0.000015 */
  {
    static const Expected expected[] = {
      { "2026-01", "p1", "760.50", "71.00", "836.50" },
      { "2026-01", "p2", "0.000015", "0.00", "0.000015" },
    };
    rows = sp_ledger_monthly (ledger, "2026-01", "2026-01", SP_LEDGER_BY_CATEGORY, "CNY", NULL, &error);
    g_assert_no_error (error);
    assert_rows (rows, expected, G_N_ELEMENTS (expected));
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* no grouping, across the year end */
  {
    static const Expected expected[] = {
      { "2025-12", "total", "100.00", "20.00", "120.00" },
      { "2026-01", "total", "760.500015", "71.00", "836.500015" },
    };
    rows = sp_ledger_monthly (ledger, "2025-12", "2026-01", SP_LEDGER_BY_NONE, "CNY", NULL, &error);
    g_assert_no_error (error);
    assert_rows (rows, expected, G_N_ELEMENTS (expected));
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* USD: each CNY entry divided by its own rate: 100/7.2 = 13.8888…,
   * 20/7.2 = 2.7777…, 120/7.2 = 16.6666…, 50.5/7.25 = 6.9655172…,
   * 55.5/7.25 = 7.6551724…, -10/7.2 = -1.3888… */
  {
    static const Expected expected[] = {
      { "2025-12", "AutoDL", "13.888889", "2.777778", "16.666667" },
      { "2026-01", "AutoDL", "6.965517", "0.00", "7.655172" },
      { "2026-01", "OpenAI", "100.000002", "10.00", "110.000002" },
      { "2026-02", "AutoDL", "-1.388889", "0.00", "-1.388889" },
    };
    rows = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_VENDOR, "usd", &skipped, &error);
    g_assert_no_error (error);
    assert_rows (rows, expected, G_N_ELEMENTS (expected));
    g_assert_cmpuint (skipped, ==, 1);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* EUR: only the EUR entry; the six CNY/USD entries cannot be converted */
  {
    static const Expected expected[] = {
      { "2026-02", "Hetzner", "40.00", "0.00", "40.00" },
    };
    rows = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_VENDOR, "EUR", &skipped, &error);
    g_assert_no_error (error);
    assert_rows (rows, expected, G_N_ELEMENTS (expected));
    g_assert_cmpuint (skipped, ==, 6);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* list by month around the year end */
  {
    g_autoptr(GPtrArray) dec = sp_ledger_list (ledger, "2025-12", "2025-12", &error);
    g_autoptr(GPtrArray) jan = sp_ledger_list (ledger, "2026-01", "2026-01", &error);
    g_autoptr(GPtrArray) span = sp_ledger_list (ledger, "2025-12", "2026-01", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dec->len, ==, 1);
    g_assert_cmpstr (((SpLedgerEntry *) g_ptr_array_index (dec, 0))->date, ==, "2025-12-31");
    g_assert_cmpuint (jan->len, ==, 4);
    g_assert_cmpstr (((SpLedgerEntry *) g_ptr_array_index (jan, 0))->date, ==, "2026-01-01");
    g_assert_cmpstr (((SpLedgerEntry *) g_ptr_array_index (jan, 3))->date, ==, "2026-01-31");
    g_assert_cmpuint (span->len, ==, 5);
  }

  /* bad arguments */
  g_assert_null (sp_ledger_monthly (ledger, "2026-13", NULL, SP_LEDGER_BY_NONE, "CNY", NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_NONE, "yuan", NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
}

/* ------------------------------------------------------------------ budget */

static void
test_budget_projection (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (10, G_DATE_FEBRUARY, 2026);
  SpLedgerBudgetStatus st;
  SpMoney amount;
  char currency[4];

  add (ledger, "2026-01-31", "AutoDL", "gpu", "p", "200", NULL, NULL, "CNY", "7.2");
  add (ledger, "2026-02-03", "AutoDL", "gpu", "p", "1000", NULL, NULL, "CNY", "7.2");
  add (ledger, "2026-02-09", "OpenAI", "tokens", "p", "100", NULL, NULL, "USD", "7");
  add (ledger, "2026-03-01", "AutoDL", "gpu", "p", "500", NULL, NULL, "CNY", "7.2");

  /* no budget: figures in the fallback currency, never over */
  g_assert_false (sp_ledger_get_budget (ledger, &amount, currency));
  g_assert_true (sp_ledger_budget_status (ledger, today, "CNY", &st, &error));
  g_assert_no_error (error);
  g_assert_false (st.has_budget);
  g_assert_false (st.over_budget);
  assert_money (st.spent, "1700.00");

  /* February 2026 has 28 days: 1700 × 28 / 10 = 4760 > 4000 */
  g_assert_true (sp_ledger_set_budget (ledger, money ("4000"), "CNY", &error));
  g_assert_true (sp_ledger_get_budget (ledger, &amount, currency));
  g_assert_cmpint (amount, ==, money ("4000"));
  g_assert_cmpstr (currency, ==, "CNY");
  g_assert_true (sp_ledger_budget_status (ledger, today, "USD", &st, &error));
  g_assert_true (st.has_budget);
  g_assert_cmpstr (st.month, ==, "2026-02");
  g_assert_cmpuint (st.day, ==, 10);
  g_assert_cmpuint (st.days_in_month, ==, 28);
  assert_money (st.spent, "1700.00");
  assert_money (st.projection, "4760.00");
  g_assert_true (st.over_budget);

  g_assert_true (sp_ledger_set_budget (ledger, money ("5000"), "CNY", &error));
  g_assert_true (sp_ledger_budget_status (ledger, today, NULL, &st, &error));
  g_assert_false (st.over_budget);

  /* on the last day the projection is what was spent */
  g_date_set_dmy (today, 28, G_DATE_FEBRUARY, 2026);
  g_assert_true (sp_ledger_budget_status (ledger, today, NULL, &st, &error));
  assert_money (st.projection, "1700.00");

  /* a USD budget in March (31 days): 500 CNY / 7.2 = 69.444444 USD;
   * × 31 / 7 = 307.5396805… → 307.539681 (rounded once) */
  g_assert_true (sp_ledger_set_budget (ledger, money ("300"), "usd", &error));
  g_date_set_dmy (today, 7, G_DATE_MARCH, 2026);
  g_assert_true (sp_ledger_budget_status (ledger, today, NULL, &st, &error));
  g_assert_cmpstr (st.currency, ==, "USD");
  assert_money (st.spent, "69.444444");
  assert_money (st.projection, "307.539681");
  g_assert_true (st.over_budget);

  /* clearing */
  g_assert_true (sp_ledger_set_budget (ledger, SP_MONEY_UNKNOWN, NULL, &error));
  g_assert_false (sp_ledger_get_budget (ledger, &amount, currency));
  g_assert_false (sp_ledger_set_budget (ledger, money ("-1"), "CNY", &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
}

/* ------------------------------------------------------------------ CSV */

static void
test_csv_reader (void)
{
  static const char csv[] =
    "\xEF\xBB\xBF" "Date,Vendor,item,kind,quantity,unit,amount,currency,category,note\r\n"
    "2026-01-05,\"Aliyun, Inc.\",ecs,cpu,2.5,core-hour,3.75,cny,p1,\"say \"\"hi\"\"\"\r\n"
    "\r\n"
    "2026-01-06,Baidu,ernie,tokens,1,1M tokens,1e3,CNY,,\"two\r\nlines\"\r\n"
    "2026-01-07,x,y,gpu,1,h,1,USD,p,last";
  g_autoptr(SpLedgerCsvReport) report = NULL;
  SpLedgerEntry *e;

  g_assert_true (sp_ledger_csv_read (csv, sizeof csv - 1, 10, NULL, NULL, &report, NULL));
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->preview->len, ==, 3);
  e = g_ptr_array_index (report->preview, 0);
  g_assert_cmpstr (e->vendor, ==, "Aliyun, Inc.");
  g_assert_cmpstr (e->note, ==, "say \"hi\"");
  g_assert_cmpstr (e->currency, ==, "CNY");
  g_assert_cmpint (e->quantity, ==, 2500000);
  g_assert_cmpint (e->paid, ==, 3750000);
  g_assert_cmpint (e->kind, ==, SP_LEDGER_KIND_CPU);
  e = g_ptr_array_index (report->preview, 1);
  g_assert_cmpstr (e->note, ==, "two\r\nlines");
  g_assert_cmpstr (e->category, ==, "");
  g_assert_cmpint (e->paid, ==, money ("1000"));
  e = g_ptr_array_index (report->preview, 2);
  g_assert_cmpstr (e->note, ==, "last");
  g_assert_cmpint (e->rate_usd_cny, ==, SP_MONEY_UNKNOWN);
}

static void
test_csv_errors_by_line (void)
{
  static const char csv[] =
    "date,vendor,item,kind,quantity,unit,amount,currency,category,note\n"  /* 1 */
    "2026-01-05,a,b,cpu,1,h,1,CNY,p,ok\n"                                  /* 2 */
    "2026-01-06,a,b,cpu,1,h,1,CNY,p,\"multi\nline\"\n"                     /* 3-4 */
    "2026-01-07,a,b,fpga,1,h,1,CNY,p,\n"                                   /* 5 */
    "2026-01-08,a,b,gpu,1,h,1,CNY,p,\n"                                    /* 6 */
    "2026-02-30,a,b,gpu,1,h,1,CNY,p,\n"                                    /* 7 */
    "2026-01-09,a,b,gpu,1,h,abc,CNY,p,\n"                                  /* 8 */
    "2026-01-09,a,b,gpu,1,h,-5,CNY,p,\n"                                   /* 9 */
    "2026-01-09,a,b,gpu,1,h,5,US,p,\n"                                     /* 10 */
    "2026-01-09,a,b,gpu,1,h,5\n"                                           /* 11 */
    "2026-01-09,a\"b,b,gpu,1,h,5,CNY,p,\n";                                /* 12 */
  static const guint lines[] = { 5, 7, 8, 9, 10, 11, 12 };
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(SpLedgerCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SpLedgerCsvError *e;

  g_assert_false (sp_ledger_import_csv (ledger, csv, sizeof csv - 1, &report, NULL, NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_errors, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      e = g_ptr_array_index (report->errors, i);
      g_assert_cmpuint (e->line, ==, lines[i]);
      g_assert_null (strchr (e->reason, '\n'));
    }
  e = g_ptr_array_index (report->errors, 1);
  g_assert_nonnull (strstr (e->reason, "2026-02-30"));
  e = g_ptr_array_index (report->errors, 2);
  g_assert_nonnull (strstr (e->reason, "abc"));
  /* all or nothing: not even the good rows */
  g_assert_cmpint (sp_ledger_count (ledger), ==, 0);
}

static void
test_csv_header_problems (void)
{
  static const char * const cases[] = {
    "",
    "date,vendor,item,kind,quantity,unit,amount,currency\n2026-01-01,a,b,gpu,1,h,1,CNY\n",
    "date,vendor,item,kind,quantity,unit,amount,currency,category,colour\n",
    "date,vendor,item,kind,quantity,unit,amount,currency,category,date\n",
    "date,vendor,item,kind,quantity,unit,amount,currency,category\n2026-01-01,a,\xff,gpu,1,h,1,CNY,\n",
  };
  static const guint lines[] = { 1, 1, 1, 1, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpLedgerCsvReport) report = NULL;
      SpLedgerCsvError *e;

      g_assert_true (sp_ledger_csv_read (cases[i], strlen (cases[i]), 0, NULL, NULL, &report, NULL));
      g_assert_cmpuint (report->n_errors, ==, 1);
      e = g_ptr_array_index (report->errors, 0);
      g_assert_cmpuint (e->line, ==, lines[i]);
    }
}

/* The OWASP rule, cell by cell: text that a spreadsheet would run as a
 * formula gets a leading apostrophe, numbers and dates never do. */
static void
test_csv_formula_cells (void)
{
  static const struct { const char *text; SpCsvCellKind kind; const char *cell; } cases[] = {
    { "=1+2", SP_CSV_CELL_TEXT, "'=1+2" },
    { "@SUM(A1:A9)", SP_CSV_CELL_TEXT, "'@SUM(A1:A9)" },
    { "-x", SP_CSV_CELL_TEXT, "'-x" },
    { "+86 10 1234", SP_CSV_CELL_TEXT, "'+86 10 1234" },
    { "\tx", SP_CSV_CELL_TEXT, "'\tx" },
    { "\rx", SP_CSV_CELL_TEXT, "\"'\rx\"" },
    { "=HYPERLINK(\"http://e.x\",\"a\")", SP_CSV_CELL_TEXT, "\"'=HYPERLINK(\"\"http://e.x\"\",\"\"a\"\")\"" },
    { "'=x", SP_CSV_CELL_TEXT, "''=x" },      /* so that reading back is exact */
    { "''-1", SP_CSV_CELL_TEXT, "'''-1" },
    { "'hello", SP_CSV_CELL_TEXT, "'hello" }, /* not a formula: as it is */
    { "a=b", SP_CSV_CELL_TEXT, "a=b" },
    { "a,=b", SP_CSV_CELL_TEXT, "\"a,=b\"" },
    { " =x", SP_CSV_CELL_TEXT, "\" =x\"" },
    { "英伟达 A100", SP_CSV_CELL_TEXT, "英伟达 A100" },
    { "-12.50", SP_CSV_CELL_VALUE, "-12.50" },
    { "-0.000001", SP_CSV_CELL_VALUE, "-0.000001" },
    { "2026-03-15", SP_CSV_CELL_VALUE, "2026-03-15" },
    { "", SP_CSV_CELL_TEXT, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      sp_csv_append_cell (out, cases[i].text, cases[i].kind);
      g_assert_cmpstr (out->str, ==, cases[i].cell);
    }
  /* the reader's side takes off exactly the apostrophe that was added */
  g_assert_cmpstr (sp_csv_cell_unguard ("'=1+2"), ==, "=1+2");
  g_assert_cmpstr (sp_csv_cell_unguard ("''=x"), ==, "'=x");
  g_assert_cmpstr (sp_csv_cell_unguard ("'\tx"), ==, "\tx");
  g_assert_cmpstr (sp_csv_cell_unguard ("'hello"), ==, "'hello");
  g_assert_cmpstr (sp_csv_cell_unguard ("'"), ==, "'");
  g_assert_cmpstr (sp_csv_cell_unguard ("-12.50"), ==, "-12.50");
  g_assert_null (sp_csv_cell_unguard (NULL));
}

/* An export with formula-like text: every such cell is guarded, the
 * amounts stay numbers, and importing it gives back exactly the same
 * entries (and the same export). */
static void
test_csv_formula_round_trip (void)
{
  g_autoptr(SpTestDir) dir1 = sp_test_dir_new ();
  g_autoptr(SpTestDir) dir2 = sp_test_dir_new ();
  g_autoptr(SpLedger) a = open_ledger (dir1);
  g_autoptr(SpLedger) b = open_ledger (dir2);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autoptr(GPtrArray) la = NULL;
  g_autoptr(GPtrArray) lb = NULL;
  g_autofree char *csv1 = NULL;
  g_autofree char *csv2 = NULL;
  g_auto(GStrv) lines = NULL;
  SpLedgerEntry *y;
  gsize len1 = 0, len2 = 0;
  guint n = 0;

  g_strlcpy (e->date, "2026-03-15", sizeof e->date);
  e->vendor = g_strdup ("=1+2");
  e->item = g_strdup ("@SUM(A1:A9)");
  e->kind = SP_LEDGER_KIND_GPU;
  e->quantity = money ("2");
  e->unit = g_strdup ("-x");
  e->paid = money ("100");
  g_strlcpy (e->currency, "CNY", sizeof e->currency);
  e->category = g_strdup ("\tx");
  e->fapiao_number = g_strdup ("+86");
  e->offer_source = g_strdup ("'=quoted");
  e->offer_id = g_strdup ("'hello");
  e->note = g_strdup ("\r=cmd|' /C calc'!A0");
  g_assert_cmpint (sp_ledger_add (a, e, &error), >, 0);
  g_assert_no_error (error);
  /* a refund: negative amounts stay numbers */
  add (a, "2026-03-16", "OpenAI", "tokens", "", "-12.50", NULL, NULL, "USD", "7.2");

  csv1 = sp_ledger_export_csv (a, &len1, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv1, "\r\n", -1);
  la = sp_ledger_list (a, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (la->len, ==, 2);
  /* the last column is the entry's stable id (entry_id) */
  {
    g_autofree char *line1 = g_strconcat (
      "2026-03-15,'=1+2,'@SUM(A1:A9),gpu,2,'-x,100,CNY,'\tx,100,0,0,0,7.2,"
      "2026-01-01,none,'+86,no,''=quoted,'hello,\"'\r=cmd|' /C calc'!A0\",",
      ((SpLedgerEntry *) g_ptr_array_index (la, 0))->uid, NULL);
    g_autofree char *line2 = g_strconcat (
      "2026-03-16,OpenAI,item,tokens,1,card-hour,-12.5,USD,,-12.5,0,0,0,7.2,"
      ",none,,yes,,,,", ((SpLedgerEntry *) g_ptr_array_index (la, 1))->uid, NULL);

    g_assert_cmpstr (lines[1], ==, line1);
    g_assert_cmpstr (lines[2], ==, line2);
  }
  g_clear_pointer (&la, g_ptr_array_unref);

  g_assert_true (sp_ledger_import_csv (b, csv1, len1, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  csv2 = sp_ledger_export_csv (b, &len2, &error);
  g_assert_cmpstr (csv1, ==, csv2);

  la = sp_ledger_list (a, NULL, NULL, &error);
  lb = sp_ledger_list (b, NULL, NULL, &error);
  g_assert_cmpuint (la->len, ==, 2);
  g_assert_cmpuint (lb->len, ==, 2);
  for (guint i = 0; i < la->len; i++)
    {
      SpLedgerEntry *x = g_ptr_array_index (la, i);

      y = g_ptr_array_index (lb, i);
      g_assert_cmpstr (x->vendor, ==, y->vendor);
      g_assert_cmpstr (x->item, ==, y->item);
      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpstr (x->category, ==, y->category);
      g_assert_cmpstr (x->fapiao_number, ==, y->fapiao_number);
      g_assert_cmpstr (x->offer_source, ==, y->offer_source);
      g_assert_cmpstr (x->offer_id, ==, y->offer_id);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpint (x->paid, ==, y->paid);
      g_assert_cmpint (x->list_amount, ==, y->list_amount);
    }
  y = g_ptr_array_index (lb, 0);
  if (g_str_equal (y->vendor, "OpenAI"))
    y = g_ptr_array_index (lb, 1);
  g_assert_cmpstr (y->vendor, ==, "=1+2");
  g_assert_cmpstr (y->category, ==, "\tx");
  g_assert_cmpstr (y->offer_source, ==, "'=quoted");
  g_assert_cmpstr (y->offer_id, ==, "'hello");
  g_assert_cmpstr (y->note, ==, "\r=cmd|' /C calc'!A0");
}

static void
test_import_export_round_trip (void)
{
  g_autoptr(SpTestDir) dir1 = sp_test_dir_new ();
  g_autoptr(SpTestDir) dir2 = sp_test_dir_new ();
  g_autoptr(SpLedger) a = open_ledger (dir1);
  g_autoptr(SpLedger) b = open_ledger (dir2);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autoptr(GPtrArray) la = NULL;
  g_autoptr(GPtrArray) lb = NULL;
  g_autofree char *csv1 = NULL;
  g_autofree char *csv2 = NULL;
  gsize len1 = 0, len2 = 0;
  gint64 first_id = 0;
  guint n = 0;

  /* every field, with text that needs quoting */
  g_strlcpy (e->date, "2026-03-15", sizeof e->date);
  e->vendor = g_strdup (" Space, \"Quoted\" Cloud");
  e->item = g_strdup ("英伟达 A100 80G");
  e->offer_source = g_strdup ("demo");
  e->offer_id = g_strdup ("gpu/a100");
  e->kind = SP_LEDGER_KIND_GPU;
  e->quantity = money ("12.345678");
  e->unit = g_strdup ("card-hour");
  e->paid = money ("100.01");
  e->subsidy = money ("20");
  e->prepaid = money ("3.5");
  e->list_amount = money ("130");
  g_strlcpy (e->currency, "CNY", sizeof e->currency);
  e->rate_usd_cny = money ("7.123456");
  g_strlcpy (e->rate_date, "2026-03-14", sizeof e->rate_date);
  e->category = g_strdup ("项目 A");
  e->fapiao = SP_LEDGER_FAPIAO_SPECIAL;
  e->fapiao_number = g_strdup ("0123456789");
  e->note = g_strdup ("line one\r\nline two, with \"quotes\"\n");
  g_assert_cmpint (sp_ledger_add (a, e, &error), >, 0);
  g_assert_no_error (error);
  add (a, "2026-03-16", "OpenAI", "tokens", "", "-2.5", NULL, NULL, "USD", "7.2");
  add (a, "2025-12-31", "Hetzner", "cpu", "p", "0.000001", NULL, NULL, "EUR", NULL);

  csv1 = sp_ledger_export_csv (a, &len1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv1, "date,vendor,item,kind,quantity,unit,amount,currency,category,"));
  g_assert_true (sp_ledger_import_csv (b, csv1, len1, NULL, &first_id, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (first_id, ==, 1);
  csv2 = sp_ledger_export_csv (b, &len2, &error);
  g_assert_cmpstr (csv1, ==, csv2);

  la = sp_ledger_list (a, NULL, NULL, &error);
  lb = sp_ledger_list (b, NULL, NULL, &error);
  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    {
      SpLedgerEntry *x = g_ptr_array_index (la, i);
      SpLedgerEntry *y = g_ptr_array_index (lb, i);

      g_assert_cmpstr (x->date, ==, y->date);
      g_assert_cmpstr (x->vendor, ==, y->vendor);
      g_assert_cmpstr (x->item, ==, y->item);
      g_assert_cmpstr (x->offer_source, ==, y->offer_source);
      g_assert_cmpstr (x->offer_id, ==, y->offer_id);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->quantity, ==, y->quantity);
      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpint (x->list_amount, ==, y->list_amount);
      g_assert_cmpint (x->platform_discount, ==, y->platform_discount);
      g_assert_cmpint (x->subsidy, ==, y->subsidy);
      g_assert_cmpint (x->prepaid, ==, y->prepaid);
      g_assert_cmpint (x->paid, ==, y->paid);
      g_assert_cmpstr (x->currency, ==, y->currency);
      g_assert_cmpint (x->rate_usd_cny, ==, y->rate_usd_cny);
      g_assert_cmpstr (x->rate_date, ==, y->rate_date);
      g_assert_cmpstr (x->category, ==, y->category);
      g_assert_cmpint (x->fapiao, ==, y->fapiao);
      g_assert_cmpstr (x->fapiao_number, ==, y->fapiao_number);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpint (x->refund, ==, y->refund);
    }
  /* the derived platform discount: 130 - 100.01 - 20 - 3.5 = 6.49 */
  {
    SpLedgerEntry *x = g_ptr_array_index (lb, 1);

    g_assert_cmpstr (x->item, ==, "英伟达 A100 80G");
    g_assert_cmpint (x->platform_discount, ==, money ("6.49"));
    g_assert_true (((SpLedgerEntry *) g_ptr_array_index (lb, 2))->refund);
  }
}

/* Ledger schema 1 exactly as it was released (migration 1), for the v1 -> v2
 * test. */
#define LEDGER_V1_SQL                                                         \
  "PRAGMA application_id = 1397771825;"                                       \
  "CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;" \
  "CREATE TABLE ledger_entries ("                                             \
  "  id INTEGER PRIMARY KEY, date TEXT NOT NULL,"                             \
  "  month TEXT NOT NULL CHECK (month = substr (date, 1, 7)),"                \
  "  vendor TEXT NOT NULL, item TEXT NOT NULL, offer_source TEXT, offer_id TEXT," \
  "  kind TEXT NOT NULL CHECK (kind IN ('gpu', 'cpu', 'tokens', 'other')),"   \
  "  quantity INTEGER NOT NULL, unit TEXT NOT NULL, list_amount INTEGER NOT NULL," \
  "  platform_discount INTEGER NOT NULL, subsidy INTEGER NOT NULL,"           \
  "  prepaid INTEGER NOT NULL, paid INTEGER NOT NULL, currency TEXT NOT NULL," \
  "  rate_usd_cny INTEGER NOT NULL CHECK (rate_usd_cny > 0),"                 \
  "  rate_date TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '',"  \
  "  fapiao TEXT NOT NULL DEFAULT 'none'"                                     \
  "    CHECK (fapiao IN ('none', 'requested', 'ordinary', 'special')),"       \
  "  fapiao_number TEXT, note TEXT NOT NULL DEFAULT '',"                      \
  "  refund INTEGER NOT NULL DEFAULT 0 CHECK (refund IN (0, 1)),"             \
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER," \
  "  CHECK (list_amount = paid + subsidy + platform_discount + prepaid)"      \
  ") STRICT;"                                                                 \
  "CREATE INDEX ledger_entries_month ON ledger_entries "                      \
  "(month, vendor, currency, rate_usd_cny, paid, subsidy, list_amount) "      \
  "WHERE deleted_at IS NULL;"                                                 \
  "CREATE TABLE ledger_audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"   \
  "  action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'delete', 'undo', 'import')),"  \
  "  entry_id INTEGER REFERENCES ledger_entries (id), detail TEXT) STRICT;"   \
  "INSERT INTO ledger_meta VALUES ('schema_version', '1');"

/* v1 -> v2 with data: two entries (one deleted) keep every field, get no
 * purchase and nothing reimbursed, and the month index is rebuilt with the
 * new column. */
static void
test_migration_v1_to_v2 (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpLedgerEntry) e = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *index_sql = NULL;
  SpLedgerMonthlyRow *r;

  exec_raw (path, LEDGER_V1_SQL
            "INSERT INTO ledger_entries (date, month, vendor, item, kind, quantity, unit, "
            "list_amount, platform_discount, subsidy, prepaid, paid, currency, rate_usd_cny, "
            "rate_date, category, created_at, updated_at) VALUES "
            "('2026-01-05', '2026-01', 'AutoDL', 'A100', 'gpu', 2000000, 'card-hour', "
            "120000000, 10000000, 30000000, 0, 80000000, 'CNY', 7200000, '2026-01-01', 'p', 1, 1);"
            "INSERT INTO ledger_entries (date, month, vendor, item, kind, quantity, unit, "
            "list_amount, platform_discount, subsidy, prepaid, paid, currency, rate_usd_cny, "
            "created_at, updated_at, deleted_at) VALUES "
            "('2026-01-06', '2026-01', 'RunPod', 'H100', 'gpu', 1000000, 'card-hour', "
            "5000000, 0, 0, 0, 5000000, 'USD', 7200000, 1, 1, 2);"
            "INSERT INTO ledger_audit (at, action, entry_id) VALUES (2, 'delete', 2);");
  g_assert_cmpint (sp_test_sql_count (path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"),
                   ==, 1);

  ledger = open_ledger (dir);
  g_assert_cmpint (sp_ledger_get_schema_version (ledger), ==, 3);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"),
                   ==, 3);
  /* 2 -> 3: every entry, deleted ones too, has its own identity */
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(DISTINCT uid) FROM ledger_entries "
                                "WHERE length (uid) = 32"), ==, 2);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  e = sp_ledger_get (ledger, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->vendor, ==, "AutoDL");
  g_assert_cmpint (e->list_amount, ==, 120000000);
  g_assert_cmpint (e->platform_discount, ==, 10000000);
  g_assert_cmpint (e->subsidy, ==, 30000000);
  g_assert_cmpint (e->paid, ==, 80000000);
  g_assert_cmpint (e->quantity, ==, 2000000);
  g_assert_cmpint (e->purchase_id, ==, 0);
  g_assert_cmpint (e->reimbursed_later, ==, 0);
  index_sql = query_text (path, "SELECT sql FROM sqlite_schema WHERE name = 'ledger_entries_month'");
  g_assert_nonnull (strstr (index_sql, "reimbursed_later"));
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM sqlite_schema "
                                "WHERE name = 'ledger_entries_purchase'"), ==, 1);

  /* figures unchanged: 2026-01 in CNY = 80 paid, 30 subsidy, 120 list */
  rows = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_NONE, "CNY", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpint (r->paid, ==, 80000000);
  g_assert_cmpint (r->subsidy, ==, 30000000);
  g_assert_cmpint (r->list, ==, 120000000);
  g_assert_cmpint (r->reimbursed, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* the v1 deletion can still be undone: + 5 USD × 7.2 = 36 CNY */
  g_assert_cmpint (sp_ledger_undo_delete (ledger, 0, &error), ==, 2);
  g_assert_no_error (error);
  rows = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_NONE, "CNY", NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpint (r->paid, ==, 116000000);
  g_assert_cmpuint (r->n_entries, ==, 2);
  {
    g_autofree char *check = query_text (path, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
}

/* Ledger schema 2 exactly as migrations 1 and 2 left it, for the v2 -> v3
 * test. */
#define LEDGER_V2_SQL                                                         \
  LEDGER_V1_SQL                                                               \
  "ALTER TABLE ledger_entries ADD COLUMN purchase_id INTEGER;"                \
  "ALTER TABLE ledger_entries ADD COLUMN reimbursed_later INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE ledger_entries ADD COLUMN purchase_voided_at INTEGER;"         \
  "CREATE UNIQUE INDEX ledger_entries_purchase ON ledger_entries (purchase_id) " \
  "WHERE purchase_id IS NOT NULL;"                                            \
  "DROP INDEX ledger_entries_month;"                                          \
  "CREATE INDEX ledger_entries_month ON ledger_entries "                      \
  "(month, vendor, currency, rate_usd_cny, paid, subsidy, list_amount, "      \
  "reimbursed_later) WHERE deleted_at IS NULL;"                               \
  "UPDATE ledger_meta SET value = '2' WHERE key = 'schema_version';"

#define V2_ENTRY_COLUMNS                                                      \
  "INSERT INTO ledger_entries (date, month, vendor, item, kind, quantity, unit, " \
  "list_amount, platform_discount, subsidy, prepaid, paid, currency, rate_usd_cny, " \
  "refund, purchase_id, reimbursed_later, created_at, updated_at, deleted_at, " \
  "purchase_voided_at) VALUES "

/* sp_ledger_monthly() gives exactly @expected */
static void
assert_monthly (SpLedger        *ledger,
                const char      *from_month,
                const char      *to_month,
                SpLedgerGroupBy  by,
                const char      *currency,
                const Expected  *expected,
                guint            n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sp_ledger_monthly (ledger, from_month, to_month, by, currency,
                                                 NULL, &error);

  g_assert_no_error (error);
  assert_rows (rows, expected, n);
}

/* v2 -> v3 with data (ledger-perf, issue 16 item 8): a mixed ledger (CNY and
 * USD, a refund, a deleted entry, a voided purchase, money reimbursed later,
 * across a year end) gets its integer month key, the month index groups on
 * it, every figure of the monthly report is the hand-computed one, and the
 * key follows entries added or edited afterwards, by anyone. */
static void
test_migration_v2_to_v3 (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *index_sql = NULL;
  g_autofree char *plan = NULL;
  SpLedgerMonthlyRow *r;

  exec_raw (path, LEDGER_V2_SQL
            V2_ENTRY_COLUMNS  /* 1: December, CNY */
            "('2025-12-31', '2025-12', 'AutoDL', 'A100', 'gpu', 1000000, 'card-hour', "
            "120000000, 0, 20000000, 0, 100000000, 'CNY', 7200000, 0, NULL, 0, 1, 1, NULL, NULL);"
            V2_ENTRY_COLUMNS  /* 2: 10 USD at 7.1 */
            "('2026-01-01', '2026-01', 'RunPod', 'H100', 'gpu', 1000000, 'card-hour', "
            "10000000, 0, 0, 0, 10000000, 'USD', 7100000, 0, NULL, 0, 1, 1, NULL, NULL);"
            V2_ENTRY_COLUMNS  /* 3: a refund of 5 CNY */
            "('2026-01-15', '2026-01', 'AutoDL', 'A100', 'gpu', -1000000, 'card-hour', "
            "-5000000, 0, 0, 0, -5000000, 'CNY', 7200000, 1, NULL, 0, 1, 1, NULL, NULL);"
            V2_ENTRY_COLUMNS  /* 4: deleted */
            "('2026-01-20', '2026-01', 'AutoDL', 'A100', 'gpu', 1000000, 'card-hour', "
            "999000000, 0, 0, 0, 999000000, 'CNY', 7200000, 0, NULL, 0, 1, 1, 2, NULL);"
            V2_ENTRY_COLUMNS  /* 5: a voided purchase */
            "('2026-01-21', '2026-01', 'AutoDL', 'A100', 'gpu', 1000000, 'card-hour', "
            "888000000, 0, 0, 0, 888000000, 'CNY', 7200000, 0, 7, 100000000, 1, 1, 3, 3);"
            V2_ENTRY_COLUMNS  /* 6: a purchase, 150 of the 700 paid reimbursed later */
            "('2026-01-10', '2026-01', 'AutoDL', 'A100', 'gpu', 1000000, 'card-hour', "
            "1000000000, 100000000, 200000000, 0, 700000000, 'CNY', 7200000, 0, 8, 150000000, "
            "1, 1, NULL, NULL);");
  g_assert_cmpint (sp_test_sql_count (path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"),
                   ==, 2);

  ledger = open_ledger (dir);
  g_assert_cmpint (sp_ledger_get_schema_version (ledger), ==, 3);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 4);
  /* every entry, deleted ones too, has its month key */
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_entries "
                                "WHERE month_key = CAST (replace (month, '-', '') AS INTEGER)"),
                   ==, 6);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT month_key FROM ledger_entries WHERE id = 1"),
                   ==, 202512);
  index_sql = query_text (path, "SELECT sql FROM sqlite_schema WHERE name = 'ledger_entries_month'");
  g_assert_nonnull (strstr (index_sql, "(month_key, vendor, currency, rate_usd_cny"));
  /* the report reads the month index alone, in order: no table, no sort */
  {
    g_autoptr(GString) details = g_string_new (NULL);
    g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ",
                                        sp_ledger_monthly_sql (SP_LEDGER_BY_VENDOR), NULL);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (details, "%s;", sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    plan = g_string_free (g_steal_pointer (&details), FALSE);
  }
  g_assert_nonnull (strstr (plan, "COVERING INDEX ledger_entries_month"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));

  /* CNY by vendor: 2026-01 AutoDL = -5 + (700 - 150) paid, 200 + 150
   * subsidy, -5 + 1000 list; RunPod 10 USD × 7.1 */
  {
    static const Expected expected[] = {
      { "2025-12", "AutoDL", "100.00", "20.00", "120.00" },
      { "2026-01", "AutoDL", "545.00", "350.00", "995.00" },
      { "2026-01", "RunPod", "71.00", "0.00", "71.00" },
    };
    rows = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_VENDOR, "CNY", NULL, &error);
    g_assert_no_error (error);
    assert_rows (rows, expected, G_N_ELEMENTS (expected));
    r = g_ptr_array_index (rows, 1);
    g_assert_cmpint (r->reimbursed, ==, 150000000);
    g_assert_cmpuint (r->n_entries, ==, 2);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  /* USD, December only: 100 / 7.2, 20 / 7.2, 120 / 7.2 rounded once */
  {
    static const Expected expected[] = {
      { "2025-12", "total", "13.888889", "2.777778", "16.666667" },
    };
    assert_monthly (ledger, "2025-12", "2025-12", SP_LEDGER_BY_NONE, "USD", expected, G_N_ELEMENTS (expected));
  }
  /* January by kind (the table, not the month index) */
  {
    static const Expected expected[] = {
      { "2026-01", "gpu", "616.00", "350.00", "1066.00" },
    };
    assert_monthly (ledger, "2026-01", "2026-01", SP_LEDGER_BY_KIND, "CNY", expected, G_N_ELEMENTS (expected));
  }
  /* an entry added after the migration, and a date edited into another
   * month, are keyed too */
  add (ledger, "2026-02-03", "AutoDL", "gpu", "p", "5", NULL, NULL, "CNY", NULL);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT month_key FROM ledger_entries WHERE id = 7"),
                   ==, 202602);
  {
    g_autoptr(SpLedgerEntry) e = sp_ledger_get (ledger, 2, &error);

    g_assert_no_error (error);
    g_strlcpy (e->date, "2026-03-01", sizeof e->date);
    g_assert_true (sp_ledger_update (ledger, e, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sp_test_sql_count (path, "SELECT month_key FROM ledger_entries WHERE id = 2"),
                   ==, 202603);
  /* another writer that knows nothing of the key: the triggers put it right */
  exec_raw (path, V2_ENTRY_COLUMNS
            "('2026-04-01', '2026-04', 'AutoDL', 'A100', 'gpu', 1000000, 'card-hour', "
            "3000000, 0, 0, 0, 3000000, 'CNY', 7200000, 0, NULL, 0, 1, 1, NULL, NULL);");
  g_assert_cmpint (sp_test_sql_count (path, "SELECT month_key FROM ledger_entries WHERE id = 8"),
                   ==, 202604);
  exec_raw (path, "UPDATE ledger_entries SET date = '2026-05-02', month = '2026-05' WHERE id = 8;"
            "UPDATE ledger_entries SET month_key = 1 WHERE id = 7;");
  g_assert_cmpint (sp_test_sql_count (path, "SELECT month_key FROM ledger_entries WHERE id = 8"),
                   ==, 202605);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT month_key FROM ledger_entries WHERE id = 7"),
                   ==, 202602);
  {
    static const Expected expected[] = {
      { "2026-05", "total", "3.00", "0.00", "3.00" },
    };
    assert_monthly (ledger, "2026-04", "2026-05", SP_LEDGER_BY_NONE, "CNY", expected, G_N_ELEMENTS (expected));
  }
  {
    g_autofree char *check = query_text (path, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
}

/* An entry as a purchase writes it: list 1000, platform 100, subsidy at the
 * till 200, paid 700 of which 150 is reimbursed later. */
static SpLedgerEntry *
purchase_entry (gint64 purchase_id)
{
  SpLedgerEntry *e = sp_ledger_entry_new ();

  g_strlcpy (e->date, "2026-03-10", sizeof e->date);
  e->vendor = g_strdup ("autodl");
  e->item = g_strdup ("RTX 4090");
  e->offer_source = g_strdup ("demo");
  e->offer_id = g_strdup ("autodl-4090");
  e->kind = SP_LEDGER_KIND_GPU;
  e->quantity = money ("10");
  e->unit = g_strdup ("card-hours");
  e->list_amount = money ("1000");
  e->platform_discount = money ("100");
  e->subsidy = money ("200");
  e->prepaid = 0;
  e->paid = money ("700");
  e->reimbursed_later = money ("150");
  g_strlcpy (e->currency, "CNY", sizeof e->currency);
  e->rate_usd_cny = money ("7.1");
  g_strlcpy (e->rate_date, "2026-03-10", sizeof e->rate_date);
  e->purchase_id = purchase_id;
  return e;
}

/* sp_ledger_insert_on() on another connection, inside its transaction:
 * a rollback takes the entry away, a commit keeps it with its purchase,
 * the monthly totals count the reimbursed part as subsidy, and voiding the
 * purchase deletes the entry for good. */
static void
test_insert_on_and_void (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(SpLedgerEntry) e = purchase_entry (7);
  g_autoptr(SpLedgerEntry) got = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SpLedgerMonthlyRow *r;
  sqlite3 *db = sp_test_sql_open (path);
  gint64 hand, id = 0;
  guint n = 99;

  hand = add (ledger, "2026-03-01", "AutoDL", "gpu", "p", "5", NULL, NULL, "CNY", NULL);

  /* rolled back with the caller's transaction */
  sp_test_sql_exec (db, "BEGIN IMMEDIATE");
  g_assert_true (sp_ledger_insert_on (db, e, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, hand);
  sp_test_sql_exec (db, "ROLLBACK");
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_audit"), ==, 1);

  /* committed with it */
  sp_test_sql_exec (db, "BEGIN IMMEDIATE");
  g_assert_true (sp_ledger_insert_on (db, e, &id, &error));
  g_assert_no_error (error);
  sp_test_sql_exec (db, "COMMIT");
  g_assert_cmpint (sp_ledger_count (ledger), ==, 2);
  got = sp_ledger_get (ledger, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->purchase_id, ==, 7);
  g_assert_cmpint (got->reimbursed_later, ==, money ("150"));
  g_assert_cmpint (got->paid, ==, money ("700"));
  g_assert_cmpint (got->subsidy, ==, money ("200"));
  g_assert_cmpstr (got->offer_id, ==, "autodl-4090");
  {
    g_autofree char *detail = query_text (path, "SELECT detail FROM ledger_audit "
                                          "ORDER BY id DESC LIMIT 1");

    g_assert_cmpstr (detail, ==, "purchase 7");
  }
  /* one entry per purchase */
  g_assert_false (sp_ledger_insert_on (db, e, NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_SQL);
  g_clear_error (&error);

  /* March in CNY: paid 5 + (700 − 150) = 555, subsidy 200 + 150 = 350,
   * list 5 + 1000 = 1005, reimbursed 150 */
  rows = sp_ledger_monthly (ledger, "2026-03", "2026-03", SP_LEDGER_BY_NONE, "CNY", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpint (r->paid, ==, money ("555"));
  g_assert_cmpint (r->subsidy, ==, money ("350"));
  g_assert_cmpint (r->list, ==, money ("1005"));
  g_assert_cmpint (r->reimbursed, ==, money ("150"));
  g_assert_cmpuint (r->n_entries, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* in USD, each with its own rate: 550 / 7.1 = 77.4647887… → 77.464789,
   * 5 / 7.2 = 0.6944444… → 0.694444; 150 / 7.1 = 21.1267605… → 21.126761 */
  rows = sp_ledger_monthly (ledger, "2026-03", "2026-03", SP_LEDGER_BY_NONE, "USD", NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpint (r->paid, ==, 77464789 + 694444);
  g_assert_cmpint (r->reimbursed, ==, 21126761);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* an editor that knows nothing of purchases keeps the link and the part
   * reimbursed later; one that makes paid smaller than it is refused */
  {
    g_autoptr(SpLedgerEntry) edit = purchase_entry (0);
    g_autoptr(SpLedgerEntry) again = NULL;

    edit->id = id;
    edit->reimbursed_later = 0;
    edit->note = g_strdup ("edited");
    g_assert_true (sp_ledger_update (ledger, edit, &error));
    g_assert_no_error (error);
    again = sp_ledger_get (ledger, id, &error);
    g_assert_cmpint (again->purchase_id, ==, 7);
    g_assert_cmpint (again->reimbursed_later, ==, money ("150"));
    g_assert_cmpstr (again->note, ==, "edited");
    edit->purchase_id = 0;
    edit->reimbursed_later = 0;
    edit->paid = money ("100");
    edit->platform_discount = money ("700");
    g_assert_false (sp_ledger_update (ledger, edit, &error));
    g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* a hand-deleted entry, then the purchase is voided */
  g_assert_true (sp_ledger_delete (ledger, hand, &error));
  g_assert_no_error (error);
  sp_test_sql_exec (db, "BEGIN IMMEDIATE");
  g_assert_true (sp_ledger_void_purchase_on (db, 7, &n, &error));
  g_assert_no_error (error);
  sp_test_sql_exec (db, "COMMIT");
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 0);
  g_assert_null (sp_ledger_get (ledger, id, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* undo refuses the voided purchase's entry, by id … */
  g_assert_cmpint (sp_ledger_undo_delete (ledger, id, &error), ==, 0);
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "purchase 7 was voided"));
  g_clear_error (&error);
  /* … and "the last deleted" skips it: the hand-deleted one comes back */
  g_assert_cmpint (sp_ledger_undo_delete (ledger, 0, &error), ==, hand);
  g_assert_no_error (error);
  g_assert_cmpint (sp_ledger_undo_delete (ledger, 0, &error), ==, 0);
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_entries "
                                "WHERE purchase_voided_at IS NOT NULL AND deleted_at IS NOT NULL"),
                   ==, 1);

  /* a second void of the same purchase touches nothing */
  sp_test_sql_exec (db, "BEGIN IMMEDIATE");
  g_assert_true (sp_ledger_void_purchase_on (db, 7, &n, &error));
  g_assert_no_error (error);
  sp_test_sql_exec (db, "COMMIT");
  g_assert_cmpuint (n, ==, 0);
  sqlite3_close (db);
}

/* What insert_on refuses: reimbursed later not part of paid, no rate, parts
 * that do not add up. */
static void
test_insert_on_checks (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(SpLedgerEntry) e = purchase_entry (3);
  sqlite3 *db = sp_test_sql_open (path);

  e->reimbursed_later = money ("700.01");
  g_assert_false (sp_ledger_insert_on (db, e, NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  e->reimbursed_later = money ("-1");
  g_assert_false (sp_ledger_insert_on (db, e, NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  e->reimbursed_later = money ("700");
  e->rate_usd_cny = SP_MONEY_UNKNOWN;
  g_assert_false (sp_ledger_insert_on (db, e, NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  e->rate_usd_cny = money ("7.2");
  e->list_amount = money ("999");
  g_assert_false (sp_ledger_insert_on (db, e, NULL, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 0);
  /* outside a transaction it runs in its own, entry and audit together */
  e->list_amount = money ("1000");
  g_assert_true (sp_ledger_insert_on (db, e, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (db));
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM ledger_audit WHERE detail = 'purchase 3'"),
                   ==, 1);
  sqlite3_close (db);
}

/* Issue 14 item 3: a purchase recorded through the wallet, exported and
 * imported back, is already present (its entry_id); a dry run writes
 * nothing; two identical rows of a file are two purchases (fingerprints are
 * counted); a bad entry_id is a row problem; undo will not bring back an
 * entry whose purchase is live again. */
static void
test_import_identity (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(SpLedgerEntry) bought = purchase_entry (7);
  g_autoptr(SpLedgerCsvReport) report = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *twice = NULL;
  SpLedgerImportResult r = { 0 };
  gsize len = 0;
  gint64 id;

  id = sp_ledger_add (ledger, bought, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  csv = sp_ledger_export_csv (ledger, &len, &error);
  g_assert_no_error (error);

  /* into its own ledger: nothing added, with or without a dry run */
  g_assert_true (sp_ledger_import_csv_full (ledger, csv, len, SP_LEDGER_IMPORT_DRY_RUN, NULL, &r,
                                            &error));
  g_assert_cmpuint (r.n_added, ==, 0);
  g_assert_cmpuint (r.n_present, ==, 1);
  g_assert_true (sp_ledger_import_csv_full (ledger, csv, len, SP_LEDGER_IMPORT_NONE, NULL, &r,
                                            &error));
  g_assert_cmpuint (r.n_added, ==, 0);
  g_assert_cmpuint (r.n_present, ==, 1);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);

  /* a file of the same purchase twice, without entry ids: the ledger has
   * one, so one is added; a dry run says so and writes nothing */
  twice = g_strdup ("date,vendor,item,kind,quantity,unit,amount,currency,category,list_amount,"
                    "platform_discount,subsidy\n"
                    "2026-03-10,autodl,RTX 4090,gpu,10,card-hours,700,CNY,,1000,100,200\n"
                    "2026-03-10,autodl,RTX 4090,gpu,10,card-hours,700,CNY,,1000,100,200\n");
  g_assert_true (sp_ledger_import_csv_full (ledger, twice, strlen (twice), SP_LEDGER_IMPORT_DRY_RUN,
                                            NULL, &r, &error));
  g_assert_cmpuint (r.n_added, ==, 1);
  g_assert_cmpuint (r.n_present, ==, 1);
  g_assert_cmpint (r.first_id, ==, 0);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 1);
  g_assert_true (sp_ledger_import_csv_full (ledger, twice, strlen (twice), SP_LEDGER_IMPORT_NONE,
                                            NULL, &r, &error));
  g_assert_cmpuint (r.n_added, ==, 1);
  g_assert_cmpint (r.first_id, ==, 2);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 2);

  /* entry_id must be a plain id */
  {
    static const char bad[] = "date,vendor,item,kind,quantity,unit,amount,currency,category,entry_id\n"
                              "2026-03-11,v,i,gpu,1,h,1,CNY,,\"a b\"\n";

    g_assert_false (sp_ledger_import_csv_full (ledger, bad, strlen (bad), SP_LEDGER_IMPORT_NONE,
                                               &report, &r, &error));
    g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV);
    g_clear_error (&error);
    g_assert_cmpuint (report->n_errors, ==, 1);
    g_assert_cmpstr (((SpLedgerCsvError *) g_ptr_array_index (report->errors, 0))->reason, ==,
                     "entry_id: not an entry id (1 to 64 letters, digits, “-” or “_”)");
  }

  /* deleted, then imported again from the export: undo refuses the copy */
  g_assert_true (sp_ledger_delete (ledger, 1, &error));
  g_assert_true (sp_ledger_import_csv_full (ledger, csv, len, SP_LEDGER_IMPORT_NONE, NULL, &r,
                                            &error));
  g_assert_cmpuint (r.n_added, ==, 1);
  g_assert_cmpint (sp_ledger_undo_delete (ledger, 1, &error), ==, 0);
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Entry 1 cannot be brought back: the same purchase is already in the ledger as entry 3");
  g_assert_cmpint (sp_ledger_count (ledger), ==, 2);
}

/* A bulk import into an empty ledger builds the identity indexes at the
 * end and checks the file's own entry ids in memory: the same ids again are
 * found through the index. */
static void
test_import_identity_bulk (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = open_ledger (dir);
  g_autoptr(GString) csv = g_string_new ("date,vendor,item,kind,quantity,unit,amount,currency,"
                                         "category,entry_id\n");
  g_autofree char *path = sp_test_dir_db (dir);
  SpLedgerImportResult r = { 0 };

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "2026-01-%02u,v%u,i,gpu,1,h,%u,CNY,,u%u\n", 1 + i % 28, i % 7,
                            i, i);
  g_string_append (csv, "2026-02-01,other,i,gpu,1,h,1,CNY,,u5\n");  /* u5 again */

  g_assert_true (sp_ledger_import_csv_full (ledger, csv->str, csv->len, SP_LEDGER_IMPORT_NONE,
                                            NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_added, ==, 20000);
  g_assert_cmpuint (r.n_present, ==, 1);
  g_assert_cmpint (sp_test_sql_count (path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                "('ledger_entries_uid', 'ledger_entries_identity', "
                                "'ledger_entries_month')"), ==, 3);
  g_assert_true (sp_ledger_import_csv_full (ledger, csv->str, csv->len, SP_LEDGER_IMPORT_NONE,
                                            NULL, &r, &error));
  g_assert_cmpuint (r.n_added, ==, 0);
  g_assert_cmpuint (r.n_present, ==, 20001);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 20000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();

  g_test_add_func ("/ledger/dates", test_dates);
  g_test_add_func ("/ledger/entry-complete", test_entry_complete);
  g_test_add_func ("/ledger/open-and-store-coexist", test_open_and_store_coexist);
  g_test_add_func ("/ledger/migration-from-v0", test_migration_from_v0);
  g_test_add_func ("/ledger/migration-v1-to-v2", test_migration_v1_to_v2);
  g_test_add_func ("/ledger/migration-v2-to-v3", test_migration_v2_to_v3);
  g_test_add_func ("/ledger/insert-on-and-void", test_insert_on_and_void);
  g_test_add_func ("/ledger/insert-on-checks", test_insert_on_checks);
  g_test_add_func ("/ledger/refuse-foreign-and-newer", test_refuse_foreign_and_newer);
  g_test_add_func ("/ledger/edit-delete-undo", test_edit_delete_undo);
  g_test_add_func ("/ledger/monthly-hand-computed", test_monthly_hand_computed);
  g_test_add_func ("/ledger/budget-projection", test_budget_projection);
  g_test_add_func ("/ledger/csv-reader", test_csv_reader);
  g_test_add_func ("/ledger/csv-errors-by-line", test_csv_errors_by_line);
  g_test_add_func ("/ledger/csv-header-problems", test_csv_header_problems);
  g_test_add_func ("/ledger/import-export-round-trip", test_import_export_round_trip);
  g_test_add_func ("/ledger/csv-formula-cells", test_csv_formula_cells);
  g_test_add_func ("/ledger/csv-formula-round-trip", test_csv_formula_round_trip);
  g_test_add_func ("/ledger/import-identity", test_import_identity);
  g_test_add_func ("/ledger/import-identity-bulk", test_import_identity_bulk);

  return g_test_run ();
}
