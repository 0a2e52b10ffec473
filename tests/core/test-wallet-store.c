/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-wallet-store.c — vouchers, purchases, claims and the audit trail in
 * the store (schema v3), including two processes redeeming at once.
 *
 * The race test re-executes this binary as
 *   test-wallet-store --race-child DB FD MODE
 * Each child opens the store, blocks reading FD (a pipe) until the parent
 * closes its end — so both start at the same moment — then records one
 * purchase and exits 0 (recorded), 1 (refused) or 2 (anything else). */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sqlite3.h>

#include "sp-core.h"
#include "sp-ledger.h"
#include "sp-test-util.h"
#include "sp-wallet-store.h"

/* ----------------------------------------------------------------- helpers */

/* short, as the cases read */
#define day sp_test_day
#define yuan sp_test_money

/* A GPU purchase from @vendor tagged with @tags, CNY @list, on @date. */
static SpPurchase *
gpu_purchase (const char *vendor,
              const char *tag,
              const char *list,
              const char *date)
{
  SpPurchase *p = sp_purchase_new ();
  const char *tags[] = { tag, NULL };

  sp_purchase_set_vendor (p, vendor);
  if (tag != NULL)
    sp_purchase_set_programme_tags (p, tags);
  sp_purchase_set_item_kind (p, SP_ITEM_GPU);
  sp_purchase_set_category (p, SP_CATEGORY_OTHER_COMPUTE);
  sp_purchase_set_list_amount (p, yuan (list), "CNY");
  g_assert_true (sp_purchase_set_date_iso (p, date));
  return p;
}

static SpVoucher *
get_voucher (SpStore *store, const char *code)
{
  g_autoptr(GError) error = NULL;
  SpVoucher *v = sp_store_get_voucher (store, code, &error);

  g_assert_no_error (error);
  return v;
}

static void
assert_vouchers_equal (SpVoucher *a, SpVoucher *b)
{
  const char * const *va = sp_voucher_get_vendors (a);
  const char * const *vb = sp_voucher_get_vendors (b);

  g_assert_cmpstr (sp_voucher_get_code (a), ==, sp_voucher_get_code (b));
  g_assert_cmpint (sp_voucher_get_kind (a), ==, sp_voucher_get_kind (b));
  g_assert_cmpstr (sp_voucher_get_label (a), ==, sp_voucher_get_label (b));
  g_assert_cmpstr (sp_voucher_get_programme (a), ==, sp_voucher_get_programme (b));
  g_assert_cmpint (sp_voucher_get_face_value (a), ==, sp_voucher_get_face_value (b));
  g_assert_cmpint (sp_voucher_get_balance (a), ==, sp_voucher_get_balance (b));
  g_assert_cmpstr (sp_voucher_get_currency (a), ==, sp_voucher_get_currency (b));
  g_assert_cmpint (sp_voucher_get_percent (a), ==, sp_voucher_get_percent (b));
  g_assert_cmpint (sp_voucher_get_amount (a), ==, sp_voucher_get_amount (b));
  g_assert_cmpint (sp_voucher_get_min_spend (a), ==, sp_voucher_get_min_spend (b));
  g_assert_cmpint (sp_voucher_get_single_use (a), ==, sp_voucher_get_single_use (b));
  g_assert_cmpint (sp_voucher_get_used (a), ==, sp_voucher_get_used (b));
  g_assert_cmpstr (sp_voucher_get_unit (a), ==, sp_voucher_get_unit (b));
  g_assert_cmpuint (sp_voucher_get_valid_from (a), ==, sp_voucher_get_valid_from (b));
  g_assert_cmpuint (sp_voucher_get_valid_to (a), ==, sp_voucher_get_valid_to (b));
  g_assert_cmpint (va == NULL, ==, vb == NULL);
  if (va != NULL)
    g_assert_true (g_strv_equal (va, vb));
}

/* ----------------------------------------------------------------- tests */

static void
test_migration_v2 (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(GBytes) demo = sp_core_dup_demo_feed ();
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(SpVoucher) v = NULL;
  g_autoptr(GError) error = NULL;
  guint n_offers;
  sqlite3 *db;

  /* a store with offers, then taken back to exactly schema 2 */
  result = sp_import_parse (g_bytes_get_data (demo, NULL), g_bytes_get_size (demo),
                            SP_FEED_FORMAT_AUTO, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, result, 1700000000, NULL, &error));
  g_assert_no_error (error);
  n_offers = sp_store_count_offers (store, NULL);
  g_assert_cmpuint (n_offers, >, 10);
  g_clear_object (&store);

  db = sp_test_sql_open (path);
  sp_test_sql_exec (db, "BEGIN;"
                "DROP VIEW subsidy_by_year; DROP TABLE voucher_audit; DROP TABLE claims;"
                "DROP TABLE purchase_vouchers; DROP TABLE purchases; DROP TABLE vouchers;"
                "DROP TABLE programmes;"
                SP_TEST_UNDO_STORE_MIGRATION_4
                "PRAGMA user_version = 2; COMMIT;");
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'vouchers'"),
                   ==, 0);
  sqlite3_close (db);

  store = sp_test_open_store (path);
  g_assert_cmpint (SP_STORE_SCHEMA_VERSION, >=, 3);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  /* the offers and the source survived */
  g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, n_offers);
  {
    g_autoptr(SpSource) src = sp_store_get_source (store, "demo", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sp_source_get_offer_count (src), ==, n_offers);
  }
  /* and the wallet works */
  v = sp_voucher_new_government ("HZ", "hangzhou", yuan ("1000"), yuan ("1000"));
  g_assert_true (sp_store_add_voucher (store, v, 1, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM vouchers"), ==, 1);
  sqlite3_close (db);
}

static void
test_round_trip (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autofree char *wallet_path = sp_test_source_path ("tests/data/vouchers/wallet.json");
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *vendors[] = { "a", "b", NULL };
  gsize len;
  guint n = 0;
  SpVoucher *v;

  data = sp_test_read_file (wallet_path, &len);
  expected = sp_voucher_list_from_data (data, len, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_import_vouchers (store, data, len, 1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);

  /* built by hand: every field that is not a default */
  v = sp_voucher_new_discount_percent ("PCT", 1250);
  sp_voucher_set_min_spend (v, yuan ("99.99"));
  sp_voucher_set_currency (v, "USD");
  sp_voucher_set_single_use (v, TRUE);
  sp_voucher_set_used (v, TRUE);
  sp_voucher_set_vendors (v, vendors);
  sp_voucher_set_label (v, "Twelve and a half");
  sp_voucher_set_validity (v, day ("2026-02-01"), day ("2026-02-28"));
  g_ptr_array_add (extra, v);
  v = sp_voucher_new_prepaid ("TOK", "acme", "tokens", G_GINT64_CONSTANT (5000000000000));
  g_ptr_array_add (extra, v);
  v = sp_voucher_new_government ("SZ", "shenzhen", yuan ("0.01"), 0);
  g_ptr_array_add (extra, v);
  for (guint i = 0; i < extra->len; i++)
    {
      g_assert_true (sp_store_add_voucher (store, extra->pdata[i], 2, &error));
      g_assert_no_error (error);
      g_ptr_array_add (expected, g_object_ref (extra->pdata[i]));
    }

  /* a taken code is refused, and so is an import with one */
  g_assert_false (sp_store_add_voucher (store, extra->pdata[0], 3, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (sp_store_import_vouchers (store, data, len, 3, NULL, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  /* an unknown programme */
  {
    g_autoptr(SpVoucher) bad = sp_voucher_new_government ("X", "atlantis", 1, 1);

    g_assert_false (sp_store_add_voucher (store, bad, 3, &error));
    g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_clear_object (&store);
  store = sp_test_open_store (path);
  got = sp_store_list_vouchers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    assert_vouchers_equal (got->pdata[i], expected->pdata[i]);
  /* the quantity pack and the wallet balance, exactly */
  g_assert_cmpint (sp_voucher_get_balance (got->pdata[0]), ==, G_GINT64_CONSTANT (123456780000));
  g_assert_cmpint (sp_voucher_get_balance (got->pdata[3]), ==, 100 * SP_MONEY_SCALE);

  /* the import and adds are audited */
  {
    g_autoptr(GArray) hist = sp_store_voucher_history (store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hist->len, ==, 8);
    g_assert_cmpstr (g_array_index (hist, SpVoucherEvent, 0).action, ==, "import");
    g_assert_cmpint (g_array_index (hist, SpVoucherEvent, 0).delta, ==,
                     G_GINT64_CONSTANT (123456780000));
    g_assert_cmpstr (g_array_index (hist, SpVoucherEvent, 5).action, ==, "add");
  }

  /* remove: gone, audited */
  g_assert_true (sp_store_remove_voucher (store, "ACME-200", 9, &error));
  g_assert_no_error (error);
  g_assert_null (sp_store_get_voucher (store, "ACME-200", &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM voucher_audit WHERE action = 'remove'"),
                   ==, 1);
}

static void
test_record_and_void (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpVoucher) nn = sp_voucher_new_government ("NN-1", "nanning", yuan ("500000"),
                                                        yuan ("500000"));
  g_autoptr(SpVoucher) once = sp_voucher_new_discount_percent ("ONCE", 1000);
  g_autoptr(SpPurchase) p = gpu_purchase ("nn-cloud", "nanning", "1000.00", "2025-05-01");
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(SpPurchaseRecord) rec = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpVoucher) after = NULL;
  const char *codes[] = { "ONCE", "NN-1", NULL };
  SpPurchaseRequest req = { .offer_source = "demo", .offer_id = "nn-h100", .description = "H100",
                            .codes = codes, .now = 1770000000 };
  gint64 id = 0;
  SpClaim *c;

  sp_voucher_set_single_use (once, TRUE);
  g_assert_true (sp_store_add_voucher (store, nn, 1, &error));
  g_assert_true (sp_store_add_voucher (store, once, 1, &error));
  g_assert_no_error (error);

  /* 1000 list, 10% off → 900 contract; Nanning 30% of 900 = 270.00,
   * truncated, reimbursed after settlement */
  bd = sp_store_record_purchase (store, p, &req, &id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bd);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpint (sp_breakdown_get_list (bd), ==, yuan ("1000"));
  g_assert_cmpint (sp_breakdown_get_platform (bd), ==, yuan ("100"));
  g_assert_cmpint (sp_breakdown_get_government (bd), ==, yuan ("270"));
  g_assert_cmpint (sp_breakdown_get_company_cash (bd), ==, yuan ("900"));
  g_assert_cmpint (sp_breakdown_get_reimbursed_later (bd), ==, yuan ("270"));
  g_assert_cmpint (sp_breakdown_get_net (bd), ==, yuan ("630"));

  after = get_voucher (store, "NN-1");
  g_assert_cmpint (sp_voucher_get_balance (after), ==, yuan ("499730"));
  g_clear_object (&after);
  after = get_voucher (store, "ONCE");
  g_assert_true (sp_voucher_get_used (after));
  g_clear_object (&after);
  g_assert_cmpint (sp_store_get_year_to_date (store, "nanning", day ("2025-12-31"), NULL), ==,
                   yuan ("270"));
  g_assert_cmpint (sp_store_get_year_to_date (store, "nanning", day ("2026-01-01"), NULL), ==, 0);
  g_assert_cmpint (sp_store_get_remaining_year_cap (store, "nanning", day ("2025-06-01"), NULL),
                   ==, yuan ("1999730"));
  g_assert_cmpint (sp_store_get_remaining_year_cap (store, "shenzhen", day ("2025-06-01"), NULL),
                   ==, SP_MONEY_UNKNOWN);

  /* the record */
  rec = sp_store_get_purchase (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rec->offer_id, ==, "nn-h100");
  g_assert_cmpstr (rec->vendor, ==, "nn-cloud");
  g_assert_cmpuint (rec->date, ==, day ("2025-05-01"));
  g_assert_cmpint (rec->net, ==, yuan ("630"));
  g_assert_cmpint (rec->voided_at, ==, 0);
  g_assert_cmpuint (rec->draws->len, ==, 2);
  g_assert_cmpstr (g_array_index (rec->draws, SpPurchaseDraw, 1).code, ==, "NN-1");
  g_assert_cmpint (g_array_index (rec->draws, SpPurchaseDraw, 1).amount, ==, yuan ("270"));
  g_assert_true (g_array_index (rec->draws, SpPurchaseDraw, 1).reimbursed_later);
  g_assert_nonnull (strstr (rec->breakdown_json, "\"net_after_reimbursement\":\"630.00\""));

  /* one pending claim for Nanning, needing all the evidence */
  claims = sp_store_list_claims (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claims->len, ==, 1);
  c = claims->pdata[0];
  g_assert_cmpstr (c->programme_id, ==, "nanning");
  g_assert_cmpstr (c->voucher_code, ==, "NN-1");
  g_assert_cmpint (c->expected, ==, yuan ("270"));
  g_assert_cmpint (c->status, ==, SP_CLAIM_PENDING);
  g_assert_cmpint (c->evidence, ==, 0);
  g_assert_false (sp_store_update_claim (store, c->id, SP_CLAIM_FILED, SP_EVIDENCE_CONTRACT, 5,
                                         &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sp_store_update_claim (store, c->id, SP_CLAIM_PENDING,
                                        SP_EVIDENCE_CONTRACT | SP_EVIDENCE_FAPIAO, 5, &error));
  g_assert_true (sp_store_update_claim (store, c->id, SP_CLAIM_FILED, SP_EVIDENCE_ALL, 6, &error));
  g_assert_no_error (error);
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = sp_store_list_claims (store, FALSE, &error);
  c = claims->pdata[0];
  g_assert_cmpint (c->status, ==, SP_CLAIM_FILED);
  g_assert_cmpint (c->evidence, ==, SP_EVIDENCE_ALL);
  g_clear_pointer (&claims, g_ptr_array_unref);

  /* audit: draw and use, tied to the purchase */
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT delta FROM voucher_audit WHERE action = 'draw' "
                                    "AND code = 'NN-1' AND purchase_id = 1"), ==, -yuan ("270"));
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT balance_after FROM voucher_audit WHERE action = 'draw'"),
                   ==, yuan ("499730"));
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM voucher_audit WHERE action = 'use' "
                                    "AND code = 'ONCE' AND purchase_id = 1"), ==, 1);

  /* void: balances, single-use and year-to-date restored, claim cancelled */
  g_assert_true (sp_store_void_purchase (store, id, 1770000100, &error));
  g_assert_no_error (error);
  after = get_voucher (store, "NN-1");
  g_assert_cmpint (sp_voucher_get_balance (after), ==, yuan ("500000"));
  g_clear_object (&after);
  after = get_voucher (store, "ONCE");
  g_assert_false (sp_voucher_get_used (after));
  g_clear_object (&after);
  g_assert_cmpint (sp_store_get_year_to_date (store, "nanning", day ("2025-12-31"), NULL), ==, 0);
  claims = sp_store_list_claims (store, FALSE, &error);
  g_assert_cmpuint (claims->len, ==, 0);
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = sp_store_list_claims (store, TRUE, &error);
  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpint (((SpClaim *) claims->pdata[0])->status, ==, SP_CLAIM_CANCELLED);
  g_assert_false (sp_store_update_claim (store, ((SpClaim *) claims->pdata[0])->id,
                                         SP_CLAIM_PAID, SP_EVIDENCE_ALL, 7, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_VOIDED);
  g_clear_error (&error);
  g_clear_pointer (&rec, sp_purchase_record_free);
  rec = sp_store_get_purchase (store, id, &error);
  g_assert_cmpint (rec->voided_at, ==, 1770000100);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT delta FROM voucher_audit WHERE action = 'restore'"),
                   ==, yuan ("270"));
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM voucher_audit WHERE action = 'unuse'"),
                   ==, 1);

  /* voiding twice, or what does not exist, is refused */
  g_assert_false (sp_store_void_purchase (store, id, 0, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_VOIDED);
  g_clear_error (&error);
  g_assert_false (sp_store_void_purchase (store, 99, 0, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the voucher can be used again after the void; removing it while a
   * live purchase drew it is refused */
  g_clear_object (&bd);
  bd = sp_store_record_purchase (store, p, &req, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 2);
  g_assert_false (sp_store_remove_voucher (store, "ONCE", 0, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_IN_USE);
  g_clear_error (&error);
}

static void
test_refusals_change_nothing (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpVoucher) old = sp_voucher_new_government ("OLD", "hangzhou", yuan ("100"), yuan ("100"));
  g_autoptr(SpVoucher) once = sp_voucher_new_discount_amount ("ONCE", yuan ("5"), "CNY");
  g_autoptr(SpVoucher) pre = sp_voucher_new_prepaid ("PRE", "other-vendor", NULL, yuan ("50"));
  g_autoptr(SpPurchase) p = gpu_purchase ("hz-cloud", "hangzhou", "100.00", "2026-05-01");
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now_text = NULL;
  const char *expired[] = { "ONCE", "OLD", NULL };
  const char *vendor[] = { "PRE", NULL };
  const char *unknown[] = { "NOPE", NULL };
  const char *none[] = { NULL };
  const char *single[] = { "ONCE", NULL };
  SpPurchaseRequest req = { .codes = expired };
  gint64 id = 0;
  sqlite3 *db;

  sp_voucher_set_validity (old, day ("2025-01-01"), day ("2025-12-31"));
  sp_voucher_set_single_use (once, TRUE);
  sp_voucher_set_used (once, TRUE);
  g_assert_true (sp_store_add_voucher (store, old, 1, &error));
  g_assert_true (sp_store_add_voucher (store, once, 1, &error));
  g_assert_true (sp_store_add_voucher (store, pre, 1, &error));
  g_assert_no_error (error);

#define SNAPSHOT "SELECT group_concat (code || ':' || coalesce (balance, '-') || ':' || used, ' ') " \
                 "|| ' / ' || (SELECT count(*) FROM purchases) || ' / ' || " \
                 "(SELECT count(*) FROM voucher_audit) || ' / ' || (SELECT count(*) FROM claims) " \
                 "FROM vouchers"
  db = sp_test_sql_open (path);
  before = sp_test_sql_text (db, SNAPSHOT);
  sqlite3_close (db);
  g_assert_cmpstr (before, ==, "OLD:100000000:0 ONCE:-:1 PRE:50000000:0 / 0 / 3 / 0");

  /* an already-used single-use voucher, named first */
  bd = sp_store_record_purchase (store, p, &req, &id, &error);
  g_assert_null (bd);
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "ONCE"));
  g_clear_error (&error);
  /* expired */
  req.codes = (const char * const *) expired + 1;
  g_assert_null (sp_store_record_purchase (store, p, &req, &id, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "OLD"));
  g_assert_nonnull (strstr (error->message, "2025-12-31"));
  g_clear_error (&error);
  /* wrong vendor */
  req.codes = vendor;
  g_assert_null (sp_store_record_purchase (store, p, &req, &id, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_REFUSED);
  g_clear_error (&error);
  /* unknown code */
  req.codes = unknown;
  g_assert_null (sp_store_record_purchase (store, p, &req, &id, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* no date */
  {
    g_autoptr(SpPurchase) undated = sp_purchase_new ();

    sp_purchase_set_list_amount (undated, yuan ("1"), "CNY");
    req.codes = none;
    g_assert_null (sp_store_record_purchase (store, undated, &req, &id, &error));
    g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  db = sp_test_sql_open (path);
  now_text = sp_test_sql_text (db, SNAPSHOT);
  g_assert_cmpstr (now_text, ==, before);
  g_clear_pointer (&now_text, g_free);

  /* a balance that another writer drained between proposal and commit:
   * simulated by a trigger that takes the money first — the guarded
   * UPDATE sees it and the whole purchase rolls back */
  sp_test_sql_exec (db, "UPDATE vouchers SET used = 0 WHERE code = 'ONCE';"
                "CREATE TRIGGER steal AFTER INSERT ON purchases BEGIN "
                "  UPDATE vouchers SET used = 1 WHERE code = 'ONCE'; END;");
  g_clear_pointer (&before, g_free);
  before = sp_test_sql_text (db, SNAPSHOT);
  sqlite3_close (db);
  req.codes = single;
  g_assert_null (sp_store_record_purchase (store, p, &req, &id, &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  db = sp_test_sql_open (path);
  now_text = sp_test_sql_text (db, SNAPSHOT);
  g_assert_cmpstr (now_text, ==, before);
  g_assert_cmpstr (now_text, ==, "OLD:100000000:0 ONCE:-:0 PRE:50000000:0 / 0 / 3 / 0");
  sp_test_sql_exec (db, "DROP TRIGGER steal");
  sqlite3_close (db);

  /* none: the company pays the list amount */
  req.codes = none;
  bd = sp_store_record_purchase (store, p, &req, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_breakdown_get_company_cash (bd), ==, yuan ("100"));
  g_assert_cmpuint (sp_breakdown_get_n_lines (bd), ==, 0);
}

/* data/programmes/ (issue 19): eleven files, fourteen programmes */
#define N_SHIPPED_PROGRAMMES 14

static void
test_expiring_and_programmes (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpProgramme) hz = NULL;
  struct { const char *code; const char *to; SpMoney balance; } vs[] = {
    { "SOON", "2026-06-10", 1 },
    { "EDGE", "2026-07-01", 1 },     /* exactly 30 days after 2026-06-01 */
    { "LATER", "2026-07-02", 1 },
    { "PAST", "2026-05-31", 1 },
    { "EMPTY", "2026-06-05", 0 },
  };
  const char *prog =
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": ["
    " {\"id\": \"hangzhou\", \"name\": \"Hangzhou (corrected)\","
    "  \"rates\": {\"other-compute\": \"25\"}},"
    " {\"id\": \"henan\", \"name\": {\"en\": \"Henan\", \"zh_CN\": \"河南\"},"
    "  \"rates\": {\"domestic-compute\": \"20\"}, \"cap_per_firm_year\": \"1000000\"}]}";
  guint n = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (vs); i++)
    {
      g_autoptr(SpVoucher) v = sp_voucher_new_prepaid (vs[i].code, "x", NULL, vs[i].balance);

      sp_voucher_set_validity (v, 0, day (vs[i].to));
      g_assert_true (sp_store_add_voucher (store, v, 1, &error));
      g_assert_no_error (error);
    }
  list = sp_store_list_expiring_vouchers (store, day ("2026-06-01"), SP_WALLET_REMINDER_DAYS,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (sp_voucher_get_code (list->pdata[0]), ==, "SOON");
  g_assert_cmpstr (sp_voucher_get_code (list->pdata[1]), ==, "EDGE");

  /* shipped programmes without import; an import overrides by id */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sp_store_list_programmes (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, N_SHIPPED_PROGRAMMES);
  g_assert_true (sp_store_import_programmes (store, prog, strlen (prog), 5, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sp_store_list_programmes (store, &error);
  g_assert_cmpuint (list->len, ==, N_SHIPPED_PROGRAMMES + 1);
  /* by id: beijing, chengdu, chengdu-model, guizhou, hangzhou, henan, … */
  g_assert_cmpstr (sp_programme_get_id (list->pdata[5]), ==, "henan");
  hz = sp_store_get_programme (store, "hangzhou", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_programme_get_rate (hz, SP_CATEGORY_OTHER_COMPUTE, FALSE), ==, 2500);
  g_assert_cmpint (sp_store_get_remaining_year_cap (store, "henan", day ("2026-01-01"), NULL),
                   ==, yuan ("1000000"));
  g_clear_object (&hz);
  /* a broken file changes nothing */
  g_assert_false (sp_store_import_programmes (store, "{\"suanpan_programmes\": \"1.0\"}", 31, 6,
                                              NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (sp_store_remove_programme (store, "hangzhou", &error));
  hz = sp_store_get_programme (store, "hangzhou", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_programme_get_rate (hz, SP_CATEGORY_OTHER_COMPUTE, FALSE), ==, 2000);
  g_assert_null (sp_store_get_programme (store, "atlantis", &error));
  g_assert_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------ race */

static int
race_child (const char *path,
            const char *fd_text,
            const char *mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, &error);
  g_autoptr(SpPurchase) p = gpu_purchase ("hz-cloud", "hangzhou", "1000.00", "2026-05-01");
  g_autoptr(SpBreakdown) bd = NULL;
  const char *codes[] = { "ONCE", "PRE", "HZ", NULL };
  SpPurchaseRequest req = { .codes = g_str_equal (mode, "auto") ? NULL : codes };
  int fd = atoi (fd_text);
  char c;

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  /* wait for the start signal: the parent closes the pipe */
  while (read (fd, &c, 1) < 0 && errno == EINTR)
    ;
  bd = sp_store_record_purchase (store, p, &req, NULL, &error);
  if (bd != NULL)
    return 0;
  g_printerr ("child: %s\n", error->message);
  return error->domain == SP_WALLET_STORE_ERROR &&
         (error->code == SP_WALLET_STORE_ERROR_REFUSED ||
          error->code == SP_WALLET_STORE_ERROR_CONFLICT) ? 1 : 2;
}

static char *self_exe;

static void
run_race (const char *mode,
          int         statuses[2],
          const char *path)
{
  int fds[2];
  pid_t pids[2];
  g_autofree char *fd_text = NULL;

  g_assert_cmpint (pipe (fds), ==, 0);
  fd_text = g_strdup_printf ("%d", fds[0]);
  for (int i = 0; i < 2; i++)
    {
      pids[i] = fork ();
      g_assert_cmpint (pids[i], >=, 0);
      if (pids[i] == 0)
        {
          char *args[] = { self_exe, (char *) "--race-child", (char *) path, fd_text,
                           (char *) mode, NULL };

          close (fds[1]);
          execv (self_exe, args);
          _exit (127);
        }
    }
  close (fds[0]);
  g_usleep (200 * 1000);  /* both children open the store and block on the pipe */
  close (fds[1]);        /* go */
  for (int i = 0; i < 2; i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      statuses[i] = WEXITSTATUS (status);
    }
}

static void
setup_race_wallet (const char *path)
{
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpVoucher) once = sp_voucher_new_discount_percent ("ONCE", 1000);
  g_autoptr(SpVoucher) pre = sp_voucher_new_prepaid ("PRE", "hz-cloud", NULL, yuan ("100"));
  g_autoptr(SpVoucher) hz = sp_voucher_new_government ("HZ", "hangzhou", yuan ("150"), yuan ("150"));
  g_autoptr(GError) error = NULL;

  sp_voucher_set_single_use (once, TRUE);
  g_assert_true (sp_store_add_voucher (store, once, 1, &error));
  g_assert_true (sp_store_add_voucher (store, pre, 1, &error));
  g_assert_true (sp_store_add_voucher (store, hz, 1, &error));
  g_assert_no_error (error);
}

static void
check_race_db (const char *path)
{
  sqlite3 *db = sp_test_sql_open (path);
  g_autofree char *ok = sp_test_sql_text (db, "PRAGMA integrity_check");

  g_assert_cmpstr (ok, ==, "ok");
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM vouchers WHERE balance < 0"), ==, 0);
  /* the single-use voucher is on exactly one live purchase, and used */
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM purchase_vouchers pv JOIN purchases p "
                                "ON p.id = pv.purchase_id WHERE pv.code = 'ONCE' "
                                "AND p.voided_at IS NULL"), ==, 1);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT used FROM vouchers WHERE code = 'ONCE'"), ==, 1);
  /* what was drawn matches what is gone, exactly */
  g_assert_cmpint (sp_test_sql_int (db, "SELECT 100000000 - balance FROM vouchers WHERE code = 'PRE'"), ==,
                   sp_test_sql_int (db, "SELECT coalesce (sum (drawn), 0) FROM purchase_vouchers "
                                "WHERE code = 'PRE'"));
  g_assert_cmpint (sp_test_sql_int (db, "SELECT 150000000 - balance FROM vouchers WHERE code = 'HZ'"), ==,
                   sp_test_sql_int (db, "SELECT coalesce (sum (drawn), 0) FROM purchase_vouchers "
                                "WHERE code = 'HZ'"));
  sqlite3_close (db);
}

static void
test_race_explicit (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  int st[2];
  sqlite3 *db;

  setup_race_wallet (path);
  run_race ("explicit", st, path);
  /* exactly one recorded, the other refused (the voucher is used) */
  g_assert_cmpint (MIN (st[0], st[1]), ==, 0);
  g_assert_cmpint (MAX (st[0], st[1]), ==, 1);
  check_race_db (path);
  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM purchases"), ==, 1);
  /* 1000 − 10% = 900; prepaid 100 → 800 eligible; Hangzhou 20% = 160 → the 150 balance */
  g_assert_cmpint (sp_test_sql_int (db, "SELECT balance FROM vouchers WHERE code = 'PRE'"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT balance FROM vouchers WHERE code = 'HZ'"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT company_cash FROM purchases"), ==, 650 * SP_MONEY_SCALE);
  sqlite3_close (db);
}

static void
test_race_auto (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  int st[2];
  sqlite3 *db;

  setup_race_wallet (path);
  run_race ("auto", st, path);
  /* both recorded: the second one's proposal sees what the first spent */
  g_assert_cmpint (st[0], ==, 0);
  g_assert_cmpint (st[1], ==, 0);
  check_race_db (path);
  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM purchases"), ==, 2);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT sum (company_cash) FROM purchases"), ==,
                   (650 + 1000) * SP_MONEY_SCALE);
  sqlite3_close (db);
}

/* ------------------------------------------------------ the ledger entry */

static SpLedgerEntry *
ledger_entry_of (SpLedger *ledger,
                 gint64    purchase_id)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  all = sp_ledger_list (ledger, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      SpLedgerEntry *e = all->pdata[i];

      if (e->purchase_id == purchase_id)
        return sp_ledger_entry_copy (e);
    }
  return NULL;
}

static SpLedgerMonthlyRow *
month_total (SpLedger   *ledger,
             const char *month)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = sp_ledger_monthly (ledger, month, month, SP_LEDGER_BY_NONE, "CNY", NULL, &error);
  g_assert_no_error (error);
  if (rows->len == 0)
    return NULL;
  g_assert_cmpuint (rows->len, ==, 1);
  return g_ptr_array_steal_index (rows, 0);
}

/* Recording a purchase writes its ledger entry in the same transaction;
 * voiding it deletes the entry for good. */
static void
test_ledger_entry (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpVoucher) ten = sp_voucher_new_discount_percent ("TEN", 1000);
  g_autoptr(SpVoucher) pre = sp_voucher_new_prepaid ("PRE", "hz-cloud", NULL, yuan ("100"));
  g_autoptr(SpVoucher) hz = sp_voucher_new_government ("HZ", "hangzhou", yuan ("1000"),
                                                        yuan ("1000"));
  g_autoptr(SpVoucher) nn = sp_voucher_new_government ("NN-1", "nanning", yuan ("500000"),
                                                        yuan ("500000"));
  g_autoptr(SpPurchase) pa = gpu_purchase ("hz-cloud", "hangzhou", "1000.00", "2025-05-01");
  g_autoptr(SpPurchase) pb = gpu_purchase ("nn-cloud", "nanning", "1000.00", "2025-05-03");
  g_autoptr(SpPurchase) pc = sp_purchase_new ();
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(SpLedgerEntry) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedgerMonthlyRow) row = NULL;
  const char *codes_a[] = { "TEN", "PRE", "HZ", NULL };
  const char *codes_b[] = { "NN-1", NULL };
  const char *none[] = { NULL };
  SpPurchaseRequest ra = { .offer_source = "demo", .offer_id = "hz-a100", .description = "A100 80G",
                           .codes = codes_a, .now = 1770000000, .category = "project-x" };
  SpPurchaseRequest rb = { .offer_source = "demo", .offer_id = "nn-h100", .description = "H100",
                           .codes = codes_b, .now = 1770000001, .usd_cny = 7100000 };
  SpPurchaseRequest rc = { .offer_source = "demo", .offer_id = "us-h100", .description = "H100 US",
                           .codes = none, .now = 1770000002, .rate_date = "2025-05-02" };
  gint64 ida = 0, idb = 0, idc = 0;

  sp_voucher_set_single_use (ten, TRUE);
  g_assert_true (sp_store_add_voucher (store, ten, 1, &error));
  g_assert_true (sp_store_add_voucher (store, pre, 1, &error));
  g_assert_true (sp_store_add_voucher (store, hz, 1, &error));
  g_assert_true (sp_store_add_voucher (store, nn, 1, &error));
  g_assert_no_error (error);
  ledger = sp_ledger_open (path, &error);
  g_assert_no_error (error);

  /* A: 1000 list; 10% off → 100 platform, contract 900; prepaid 100; Hangzhou
   * 20% (other compute) of the 800 settled = 160 at purchase; the company
   * pays 1000 − 100 − 100 − 160 = 640 now */
  sp_purchase_set_quantity (pa, 10 * SP_MONEY_SCALE);
  bd = sp_store_record_purchase (store, pa, &ra, &ida, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_breakdown_get_company_cash (bd), ==, yuan ("640"));
  g_clear_object (&bd);
  e = ledger_entry_of (ledger, ida);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->date, ==, "2025-05-01");
  g_assert_cmpstr (e->vendor, ==, "hz-cloud");
  g_assert_cmpstr (e->item, ==, "A100 80G");
  g_assert_cmpstr (e->offer_source, ==, "demo");
  g_assert_cmpstr (e->offer_id, ==, "hz-a100");
  g_assert_cmpint (e->kind, ==, SP_LEDGER_KIND_GPU);
  g_assert_cmpint (e->quantity, ==, 10 * SP_MONEY_SCALE);
  g_assert_cmpstr (e->unit, ==, "card-hours");
  g_assert_cmpint (e->list_amount, ==, yuan ("1000"));
  g_assert_cmpint (e->platform_discount, ==, yuan ("100"));
  g_assert_cmpint (e->prepaid, ==, yuan ("100"));
  g_assert_cmpint (e->subsidy, ==, yuan ("160"));
  g_assert_cmpint (e->paid, ==, yuan ("640"));
  g_assert_cmpint (e->reimbursed_later, ==, 0);
  g_assert_cmpstr (e->currency, ==, "CNY");
  g_assert_cmpint (e->rate_usd_cny, ==, SP_LEDGER_DEFAULT_USD_CNY);
  g_assert_cmpstr (e->rate_date, ==, "2025-05-01");
  g_assert_cmpstr (e->category, ==, "project-x");
  g_clear_pointer (&e, sp_ledger_entry_free);

  /* B: no discount; Nanning 30% of 1000 = 300, paid after settlement: the
   * company pays 1000 now and 300 of it comes back; subsidy at the till 0 */
  bd = sp_store_record_purchase (store, pb, &rb, &idb, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_breakdown_get_reimbursed_later (bd), ==, yuan ("300"));
  g_clear_object (&bd);
  e = ledger_entry_of (ledger, idb);
  g_assert_nonnull (e);
  g_assert_cmpint (e->list_amount, ==, yuan ("1000"));
  g_assert_cmpint (e->platform_discount, ==, 0);
  g_assert_cmpint (e->subsidy, ==, 0);
  g_assert_cmpint (e->paid, ==, yuan ("1000"));
  g_assert_cmpint (e->reimbursed_later, ==, yuan ("300"));
  g_assert_cmpint (e->quantity, ==, 0);           /* not known */
  g_assert_cmpstr (e->category, ==, "other-compute");
  g_assert_cmpint (e->rate_usd_cny, ==, 7100000);
  g_clear_pointer (&e, sp_ledger_entry_free);

  /* C: 100 USD paid in CNY at 7.25 = 725.00, no voucher */
  sp_purchase_set_vendor (pc, "us-cloud");
  sp_purchase_set_item_kind (pc, SP_ITEM_TOKENS);
  sp_purchase_set_category (pc, SP_CATEGORY_MODEL_SERVICE);
  sp_purchase_set_list_amount (pc, yuan ("100"), "USD");
  sp_purchase_set_payment (pc, "CNY", 7250000);
  sp_purchase_set_quantity (pc, G_GINT64_CONSTANT (2000000000000));
  g_assert_true (sp_purchase_set_date_iso (pc, "2025-06-02"));
  bd = sp_store_record_purchase (store, pc, &rc, &idc, &error);
  g_assert_no_error (error);
  g_clear_object (&bd);
  e = ledger_entry_of (ledger, idc);
  g_assert_nonnull (e);
  g_assert_cmpint (e->kind, ==, SP_LEDGER_KIND_TOKENS);
  g_assert_cmpstr (e->unit, ==, "tokens");
  g_assert_cmpint (e->quantity, ==, G_GINT64_CONSTANT (2000000000000));
  g_assert_cmpint (e->list_amount, ==, yuan ("725"));
  g_assert_cmpint (e->paid, ==, yuan ("725"));
  g_assert_cmpstr (e->currency, ==, "CNY");
  g_assert_cmpint (e->rate_usd_cny, ==, 7250000);
  g_assert_cmpstr (e->rate_date, ==, "2025-05-02");
  g_assert_cmpstr (e->category, ==, "model-service");
  g_clear_pointer (&e, sp_ledger_entry_free);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 3);

  /* May: paid 640 + (1000 − 300) = 1340, subsidy 160 + 300 = 460,
   * list 2000, reimbursed 300 */
  row = month_total (ledger, "2025-05");
  g_assert_cmpint (row->paid, ==, yuan ("1340"));
  g_assert_cmpint (row->subsidy, ==, yuan ("460"));
  g_assert_cmpint (row->list, ==, yuan ("2000"));
  g_assert_cmpint (row->reimbursed, ==, yuan ("300"));
  g_assert_cmpuint (row->n_entries, ==, 2);
  g_clear_pointer (&row, sp_ledger_monthly_row_free);

  /* void B: its entry leaves the list and the month, for good */
  g_assert_true (sp_store_void_purchase (store, idb, 1770000100, &error));
  g_assert_no_error (error);
  g_assert_null (ledger_entry_of (ledger, idb));
  g_assert_cmpint (sp_ledger_count (ledger), ==, 2);
  row = month_total (ledger, "2025-05");
  g_assert_cmpint (row->paid, ==, yuan ("640"));
  g_assert_cmpint (row->subsidy, ==, yuan ("160"));
  g_assert_cmpint (row->list, ==, yuan ("1000"));
  g_assert_cmpuint (row->n_entries, ==, 1);
  g_clear_pointer (&row, sp_ledger_monthly_row_free);
  {
    gint64 entry_id = sp_test_sql_int_at (path, "SELECT id FROM ledger_entries WHERE purchase_id = 2");

    g_assert_cmpint (sp_ledger_undo_delete (ledger, entry_id, &error), ==, 0);
    g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "purchase 2 was voided"));
    g_clear_error (&error);
    g_assert_cmpint (sp_ledger_undo_delete (ledger, 0, &error), ==, 0);
    g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpint (sp_ledger_count (ledger), ==, 2);
}

/* A ledger that refuses the entry (a trigger planted by another connection)
 * refuses the whole purchase, and the whole void. */
static void
test_ledger_failure_rolls_back (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpVoucher) hz = sp_voucher_new_government ("HZ", "hangzhou", yuan ("1000"),
                                                        yuan ("1000"));
  g_autoptr(SpVoucher) once = sp_voucher_new_discount_percent ("ONCE", 1000);
  g_autoptr(SpVoucher) after = NULL;
  g_autoptr(SpPurchase) p = gpu_purchase ("hz-cloud", "hangzhou", "1000.00", "2026-05-01");
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "ONCE", "HZ", NULL };
  SpPurchaseRequest req = { .offer_id = "hz-a100", .description = "A100", .codes = codes,
                            .now = 1770000000 };
  sqlite3 *db;
  gint64 id = 0;

  sp_voucher_set_single_use (once, TRUE);
  g_assert_true (sp_store_add_voucher (store, hz, 1, &error));
  g_assert_true (sp_store_add_voucher (store, once, 1, &error));
  g_assert_no_error (error);

  db = sp_test_sql_open (path);
  sp_test_sql_exec (db, "CREATE TRIGGER no_ledger BEFORE INSERT ON ledger_entries "
                "BEGIN SELECT RAISE (ABORT, 'the ledger refuses'); END;");
  bd = sp_store_record_purchase (store, p, &req, &id, &error);
  g_assert_null (bd);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "the ledger refuses"));
  g_clear_error (&error);
  g_assert_cmpint (id, ==, 0);
  /* nothing changed: balance, single-use, purchases, claims, audit, ledger */
  after = get_voucher (store, "HZ");
  g_assert_cmpint (sp_voucher_get_balance (after), ==, yuan ("1000"));
  g_clear_object (&after);
  after = get_voucher (store, "ONCE");
  g_assert_false (sp_voucher_get_used (after));
  g_clear_object (&after);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM purchases"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM purchase_vouchers"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM voucher_audit WHERE action <> 'add'"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM ledger_entries"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM ledger_audit"), ==, 0);
  g_assert_cmpint (sp_store_get_year_to_date (store, "hangzhou", day ("2026-12-31"), NULL), ==, 0);

  /* without the trigger it goes through: 10% off → 900; Hangzhou 20% = 180 */
  sp_test_sql_exec (db, "DROP TRIGGER no_ledger");
  bd = sp_store_record_purchase (store, p, &req, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_breakdown_get_government (bd), ==, yuan ("180"));
  g_assert_cmpint (sp_test_sql_int (db, "SELECT paid FROM ledger_entries"), ==, yuan ("720"));

  /* a ledger that refuses the void's update refuses the void */
  sp_test_sql_exec (db, "CREATE TRIGGER no_void BEFORE UPDATE ON ledger_entries "
                "BEGIN SELECT RAISE (ABORT, 'the ledger refuses'); END;");
  g_assert_false (sp_store_void_purchase (store, id, 1770000100, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  after = get_voucher (store, "HZ");
  g_assert_cmpint (sp_voucher_get_balance (after), ==, yuan ("820"));
  g_clear_object (&after);
  after = get_voucher (store, "ONCE");
  g_assert_true (sp_voucher_get_used (after));
  g_clear_object (&after);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM purchases WHERE voided_at IS NULL"), ==, 1);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM claims WHERE status = 'cancelled'"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM ledger_entries WHERE deleted_at IS NULL"),
                   ==, 1);
  sp_test_sql_exec (db, "DROP TRIGGER no_void");
  g_assert_true (sp_store_void_purchase (store, id, 1770000100, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM ledger_entries WHERE deleted_at IS NULL"),
                   ==, 0);
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  if (argc == 5 && g_str_equal (argv[1], "--race-child"))
    {
      sp_core_init ();
      return race_child (argv[2], argv[3], argv[4]);
    }

  g_test_init (&argc, &argv, NULL);
  sp_core_init ();
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_assert_nonnull (self_exe);

  g_test_add_func ("/wallet-store/migration-v2", test_migration_v2);
  g_test_add_func ("/wallet-store/round-trip", test_round_trip);
  g_test_add_func ("/wallet-store/record-and-void", test_record_and_void);
  g_test_add_func ("/wallet-store/ledger-entry", test_ledger_entry);
  g_test_add_func ("/wallet-store/ledger-failure-rolls-back", test_ledger_failure_rolls_back);
  g_test_add_func ("/wallet-store/refusals-change-nothing", test_refusals_change_nothing);
  g_test_add_func ("/wallet-store/expiring-and-programmes", test_expiring_and_programmes);
  g_test_add_func ("/wallet-store/race-explicit", test_race_explicit);
  g_test_add_func ("/wallet-store/race-auto", test_race_auto);
  {
    int rc = g_test_run ();

    g_free (self_exe);
    return rc;
  }
}
