/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-voucher.c — suanpan-cli voucher, buy and void: a stable interface
 * for scripts.  Figures are worked out by hand from the demo catalog
 * (data/demo/demo-feed.json) and the shipped programmes.  A purchase also
 * lands in the spending ledger (ledger list / monthly). */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sp-store.h"
#include "sp-test-util.h"

static char *
run_ok (const char *dir, const char * const *args)
{
  return sp_test_run_cli_ok (dir, NULL, args);
}

/* Runs a command that must fail with one line on stderr naming @needles. */
static void
run_refused (const char         *dir,
             const char * const *args,
             const char         *needle1,
             const char         *needle2)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = sp_test_run_cli_in (dir, NULL, args, &out, &err);

  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "suanpan-cli: "));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  if (needle1 != NULL && strstr (err, needle1) == NULL)
    g_error ("“%s” not in “%s”", needle1, err);
  if (needle2 != NULL && strstr (err, needle2) == NULL)
    g_error ("“%s” not in “%s”", needle2, err);
}

static JsonNode *
run_json (const char         *dir,
          const char * const *args)
{
  g_autofree char *out = run_ok (dir, args);

  return sp_test_parse_json (out);
}

static SpTestDir *
demo_dir (void)
{
  SpTestDir *dir = sp_test_dir_new ();
  g_autofree char *feed = sp_test_source_path ("data/demo/demo-feed.json");
  g_autofree char *out = run_ok (dir->path, (const char *[]) { "import", feed, NULL });

  return dir;
}

static void
assert_member (JsonObject *o,
               const char *name,
               const char *expected)
{
  g_assert_true (json_object_has_member (o, name));
  if (expected == NULL)
    g_assert_true (json_object_get_null_member (o, name));
  else
    g_assert_cmpstr (json_object_get_string_member (o, name), ==, expected);
}

/* The voucher @code in "voucher list --json" */
static JsonObject *
find_voucher (JsonNode   *list,
              const char *code)
{
  JsonArray *a = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);

      if (g_str_equal (json_object_get_string_member (o, "code"), code))
        return o;
    }
  g_error ("no voucher %s", code);
  return NULL;
}

static void
assert_balance (const char *dir,
                const char *code,
                const char *balance)
{
  g_autoptr(JsonNode) list = run_json (dir, (const char *[]) { "voucher", "list", "--json", NULL });

  assert_member (find_voucher (list, code), "balance", balance);
}

static void
assert_codes_used (JsonObject *bd,
                   const char * const *codes)
{
  JsonArray *used = json_object_get_array_member (bd, "vouchers_used");
  guint n = 0;

  while (codes[n] != NULL)
    n++;
  g_assert_cmpuint (json_array_get_length (used), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (used, i),
                                                    "code"), ==, codes[i]);
}

/* ----------------------------------------------------------------- tests */

static void
test_buy_hangzhou (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autoptr(JsonNode) bd = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *out = NULL;
  JsonObject *o;

  out = run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "HZ-1", "--kind", "government", "--programme", "hangzhou",
    "--face", "1000", "--valid-from", "2026-01-01", "--valid-to", "2026-12-31", NULL });
  g_assert_cmpstr (out, ==, "Added voucher “HZ-1”.\n");
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "P10", "--kind", "platform", "--percent", "10",
    "--min-spend", "100", "--single-use", "--vendor", "demo-hangzhou-cloud", NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "PRE", "--kind", "prepaid", "--amount", "50",
    "--vendor", "demo-hangzhou-cloud", "--valid-to", "2026-12-31", NULL }));

  /* the demo H100 SXM at Demo Hangzhou Cloud: ¥24.50 per card-hour, tagged
   * hangzhou.  100 card-hours = 2450.00; 10% off = 245.00 → 2205.00;
   * prepaid 50.00 → 2155.00 eligible; Hangzhou 20% (other compute) =
   * 431.00, at purchase; the company pays 2450 − 245 − 50 − 431 = 1724.00 */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "100", "--date", "2026-03-10", "--json", NULL });
  o = json_node_get_object (bd);
  g_assert_cmpint (json_object_get_int_member (o, "purchase_id"), ==, 1);
  assert_member (o, "currency", "CNY");
  assert_member (o, "list", "2450.00");
  assert_member (o, "platform", "245.00");
  assert_member (o, "prepaid", "50.00");
  assert_member (o, "government", "431.00");
  assert_member (o, "company_cash", "1724.00");
  assert_member (o, "net_after_reimbursement", "1724.00");
  /* what it costs (the pack is the company's money), and how it is paid */
  assert_member (o, "cost", "1774.00");
  assert_member (o, "paid_from_prepaid", "50.00");
  assert_member (o, "cash_now", "1724.00");
  assert_codes_used (o, (const char *[]) { "P10", "PRE", "HZ-1", NULL });
  g_clear_pointer (&bd, json_node_unref);

  list = run_json (dir->path, (const char *[]) {
    "voucher", "list", "--json", "--date", "2026-03-10", NULL });
  o = find_voucher (list, "HZ-1");
  assert_member (o, "kind", "government");
  assert_member (o, "programme", "hangzhou");
  assert_member (o, "face_value", "1000.00");
  assert_member (o, "balance", "569.00");
  assert_member (o, "valid_to", "2026-12-31");
  g_assert_cmpint (json_object_get_int_member (o, "days_left"), ==, 296);
  /* ¥8M a year less the 431.00 received */
  assert_member (o, "remaining_year_cap", "7999569.00");
  o = find_voucher (list, "P10");
  assert_member (o, "kind", "discount");
  assert_member (o, "percent", "10");
  assert_member (o, "min_spend", "100.00");
  assert_member (o, "balance", NULL);
  g_assert_true (json_object_get_boolean_member (o, "single_use"));
  g_assert_true (json_object_get_boolean_member (o, "used"));
  assert_member (find_voucher (list, "PRE"), "balance", "0.00");
  g_clear_pointer (&list, json_node_unref);

  /* void restores every balance and the single-use voucher */
  g_clear_pointer (&out, g_free);
  out = run_ok (dir->path, (const char *[]) { "void", "1", NULL });
  list = run_json (dir->path, (const char *[]) { "voucher", "list", "--json", NULL });
  assert_member (find_voucher (list, "HZ-1"), "balance", "1000.00");
  assert_member (find_voucher (list, "PRE"), "balance", "50.00");
  g_assert_false (json_object_get_boolean_member (find_voucher (list, "P10"), "used"));
  run_refused (dir->path, (const char *[]) { "void", "1", NULL }, "already voided", NULL);
  run_refused (dir->path, (const char *[]) { "void", "42", NULL }, "42", NULL);

  /* none: the company pays the list amount */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "100", "--date", "2026-03-10",
    "--vouchers", "none", "--json", NULL });
  o = json_node_get_object (bd);
  g_assert_cmpint (json_object_get_int_member (o, "purchase_id"), ==, 2);
  assert_member (o, "list", "2450.00");
  assert_member (o, "platform", "0.00");
  assert_member (o, "government", "0.00");
  assert_member (o, "company_cash", "2450.00");
  assert_member (o, "net_after_reimbursement", "2450.00");
  assert_codes_used (o, (const char *[]) { NULL });
  g_clear_pointer (&bd, json_node_unref);

  /* domestic compute, one named voucher: A100 ¥9.80 × 10 = 98.00; 30% = 29.40 */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-a100-80gb-1x", "--quantity", "10", "--date", "2026-03-10",
    "--category", "domestic-compute", "--vouchers", "HZ-1", "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "list", "98.00");
  assert_member (o, "government", "29.40");
  assert_member (o, "company_cash", "68.60");
  assert_codes_used (o, (const char *[]) { "HZ-1", NULL });
  assert_balance (dir->path, "HZ-1", "970.60");
}

static void
test_refusals (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autoptr(JsonNode) bd = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;

  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "OLD", "--kind", "government", "--programme", "hangzhou",
    "--face", "100", "--valid-to", "2025-12-31", NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "WL5", "--kind", "platform", "--amount", "5",
    "--vendor", "demo-westlake", NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "PRE2", "--kind", "prepaid", "--amount", "10",
    "--vendor", "demo-hangzhou-cloud", NULL }));

  /* exhaust PRE2: one card-hour at 24.50 draws all 10.00 */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "1", "--date", "2026-03-10",
    "--vouchers", "PRE2", "--json", NULL });
  assert_member (json_node_get_object (bd), "prepaid", "10.00");
  assert_member (json_node_get_object (bd), "company_cash", "14.50");
  assert_balance (dir->path, "PRE2", "0.00");

  before_text = run_ok (dir->path, (const char *[]) { "voucher", "list", "--json", NULL });
  run_refused (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "1", "--date", "2026-03-10",
    "--vouchers", "OLD", NULL }, "OLD", "2025-12-31");
  run_refused (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "1", "--date", "2026-03-10",
    "--vouchers", "WL5", NULL }, "WL5", NULL);
  run_refused (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "1", "--date", "2026-03-10",
    "--vouchers", "PRE2", NULL }, "PRE2", NULL);
  run_refused (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "1", "--vouchers", "NOPE", NULL }, "NOPE", NULL);
  run_refused (dir->path, (const char *[]) {
    "buy", "no-such-offer", "--quantity", "1", NULL }, "no-such-offer", NULL);
  run_refused (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "-1", NULL }, "--quantity", NULL);
  run_refused (dir->path, (const char *[]) {
    "voucher", "add", "--code", "OLD", "--kind", "prepaid", "--amount", "1", "--vendor", "x",
    NULL }, "OLD", NULL);
  run_refused (dir->path, (const char *[]) {
    "voucher", "add", "--code", "X", "--kind", "government", "--programme", "atlantis",
    "--face", "1", NULL }, "atlantis", NULL);
  run_refused (dir->path, (const char *[]) {
    "voucher", "add", "--code", "Y", "--kind", "platform", "--percent", "10", "--amount", "1",
    NULL }, "--percent", NULL);
  after_text = run_ok (dir->path, (const char *[]) { "voucher", "list", "--json", NULL });
  /* nothing changed (days_left counts from today in both) */
  g_assert_cmpstr (after_text, ==, before_text);
  before = sp_test_parse_json (before_text);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (before)), ==, 3);
}

static void
test_tokens_and_usd (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autoptr(JsonNode) bd = NULL;
  JsonObject *o;

  /* Qwen Max at Demo Hangzhou Cloud: input 2.4, output 9.6 per 1M tokens;
   * blended 3:1 = (7.2 + 9.6) / 4 = 4.20; 2M tokens = 8.40 */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-qwen-max", "--quantity", "2", "--date", "2026-03-10", "--vouchers", "none",
    "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "list", "8.40");
  assert_member (o, "company_cash", "8.40");
  assert_member (o, "category", "model-service");
  g_clear_pointer (&bd, json_node_unref);

  /* a USD offer paid in CNY: H100 PCIe $2.25 × 10 = $22.50 × 7.1 = ¥159.75;
   * Shenzhen 50% = 79.875 → 79.88 (half up); company 79.87 */
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "SZ", "--kind", "government", "--programme", "shenzhen",
    "--face", "100", NULL }));
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-gl-h100-pcie-1x", "--quantity", "10", "--date", "2026-03-10",
    "--usd-cny", "7.1", "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "currency", "CNY");
  assert_member (o, "list_currency", "USD");
  assert_member (o, "exchange_rate", "7.1");
  assert_member (o, "list_original", "22.50");
  assert_member (o, "list", "159.75");
  assert_member (o, "government", "79.88");
  assert_member (o, "company_cash", "79.87");
  g_assert_true (json_object_has_member (o, "rate_date"));
  assert_codes_used (o, (const char *[]) { "SZ", NULL });
  assert_balance (dir->path, "SZ", "20.12");
  g_clear_pointer (&bd, json_node_unref);

  /* a CNY offer paid in USD: ¥24.50 × 100000 = ¥2450000 ÷ 7.2 =
   * $340277.777… → $340277.78, divided exactly (× a rounded 0.138889 it
   * was $340278.05); the rate recorded is 0.138889 */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "100000", "--date", "2026-03-10",
    "--pay", "USD", "--usd-cny", "7.2", "--vouchers", "none", "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "currency", "USD");
  assert_member (o, "list_original", "2450000.00");
  assert_member (o, "exchange_rate", "0.138889");
  assert_member (o, "list", "340277.78");
  assert_member (o, "cash_now", "340277.78");
}

static void
test_import_and_reminders (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autofree char *wallet = sp_test_source_path ("tests/data/vouchers/wallet.json");
  g_autofree char *progs = sp_test_source_path ("tests/data/vouchers/programmes.json");
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) soon = NULL;
  JsonArray *a;
  JsonObject *o;

  out = run_ok (dir->path, (const char *[]) { "voucher", "import", wallet, NULL });
  g_assert_cmpstr (out, ==, "Imported 5 vouchers.\n");
  g_clear_pointer (&out, g_free);
  out = run_ok (dir->path, (const char *[]) { "voucher", "import", progs, NULL });
  g_assert_cmpstr (out, ==, "Imported 3 programmes.\n");
  run_refused (dir->path, (const char *[]) { "voucher", "import", wallet, NULL },
               "HZ-2026-0042", NULL);

  list = run_json (dir->path, (const char *[]) {
    "voucher", "list", "--json", "--date", "2026-12-10", NULL });
  a = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (a), ==, 5);
  o = find_voucher (list, "HZ-2026-0042");
  assert_member (o, "balance", "123456.78");
  assert_member (o, "face_value", "500000.00");
  g_assert_true (json_object_get_boolean_member (o, "expiring_soon"));
  o = find_voucher (list, "ACME-PACK");
  assert_member (o, "balance", "100");
  assert_member (o, "unit", "card-hours");
  o = find_voucher (list, "ACME-10");
  g_assert_true (json_object_get_boolean_member (o, "expired"));
  g_assert_false (json_object_get_boolean_member (o, "expiring_soon"));

  /* reminders: valid to within 30 days of 2026-12-10, still worth something */
  soon = run_json (dir->path, (const char *[]) {
    "voucher", "list", "--json", "--expiring", "30", "--date", "2026-12-10", NULL });
  a = json_node_get_array (soon);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "code"),
                   ==, "HZ-2026-0042");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "code"),
                   ==, "ACME-PACK");
}

static void
test_claims (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autofree char *prog = g_build_filename (dir->path, "nn.json", NULL);
  g_autoptr(JsonNode) bd = NULL;
  g_autoptr(JsonNode) claims = NULL;
  JsonObject *o;

  /* a Nanning-style programme that accepts any vendor, to use a demo offer */
  g_assert_true (g_file_set_contents (prog,
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"nn-any\","
    " \"name\": \"Reimbursed\", \"rates\": {\"other-compute\": \"30\"},"
    " \"rounding\": \"truncate\", \"payout\": \"after-settlement\"}]}", -1, NULL));
  g_free (run_ok (dir->path, (const char *[]) { "voucher", "import", prog, NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "NN", "--kind", "government", "--programme", "nn-any",
    "--face", "1000", NULL }));

  /* RTX 4090 at Northstar: 2.35 × 3 = 7.05; 30% = 2.115 → 2.11 truncated,
   * paid now in full, 2.11 back later: net 4.94 */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-ns-rtx4090-1x", "--quantity", "3", "--date", "2026-03-10", "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "list", "7.05");
  assert_member (o, "government", "2.11");
  assert_member (o, "company_cash", "7.05");
  assert_member (o, "reimbursed_later", "2.11");
  assert_member (o, "net_after_reimbursement", "4.94");

  claims = run_json (dir->path, (const char *[]) { "voucher", "claims", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (json_node_get_array (claims)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (claims), 0);
  assert_member (o, "programme", "nn-any");
  assert_member (o, "expected", "2.11");
  assert_member (o, "status", "pending");
  g_clear_pointer (&claims, json_node_unref);

  run_refused (dir->path, (const char *[]) {
    "voucher", "claims", "--update", "1", "--status", "filed", "--evidence", "contract", NULL },
    "fapiao", NULL);
  claims = run_json (dir->path, (const char *[]) {
    "voucher", "claims", "--update", "1", "--status", "filed",
    "--evidence", "contract,settlement,fapiao", "--json", NULL });
  o = json_array_get_object_element (json_node_get_array (claims), 0);
  assert_member (o, "status", "filed");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (o, "evidence"),
                                                 "fapiao"));
  g_clear_pointer (&claims, json_node_unref);

  g_free (run_ok (dir->path, (const char *[]) { "void", "1", NULL }));
  claims = run_json (dir->path, (const char *[]) { "voucher", "claims", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (json_node_get_array (claims)), ==, 0);
  assert_balance (dir->path, "NN", "1000.00");
}

/* The ledger entry @index of "ledger list --json" */
static JsonObject *
ledger_entry (JsonNode *list,
              guint     index)
{
  return json_array_get_object_element (json_node_get_array (list), index);
}

static void
plant_trigger (const char *dir,
               const char *sql)
{
  g_autofree char *path = sp_store_default_path (dir);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* buy → the ledger has the purchase with its breakdown, monthly counts it;
 * void → gone from both; a ledger that refuses the entry refuses the
 * purchase and nothing changes. */
static void
test_buy_lands_in_ledger (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autofree char *prog = g_build_filename (dir->path, "nn.json", NULL);
  g_autoptr(JsonNode) bd = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) monthly = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *o;

  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "HZ-1", "--kind", "government", "--programme", "hangzhou",
    "--face", "1000", "--valid-from", "2026-01-01", "--valid-to", "2026-12-31", NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "P10", "--kind", "platform", "--percent", "10",
    "--min-spend", "100", "--single-use", "--vendor", "demo-hangzhou-cloud", NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "PRE", "--kind", "prepaid", "--amount", "50",
    "--vendor", "demo-hangzhou-cloud", "--valid-to", "2026-12-31", NULL }));
  g_assert_true (g_file_set_contents (prog,
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"nn-any\","
    " \"name\": \"Reimbursed\", \"rates\": {\"other-compute\": \"30\"},"
    " \"rounding\": \"truncate\", \"payout\": \"after-settlement\"}]}", -1, NULL));
  g_free (run_ok (dir->path, (const char *[]) { "voucher", "import", prog, NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "NN", "--kind", "government", "--programme", "nn-any",
    "--face", "1000", NULL }));

  /* as in test_buy_hangzhou: 2450.00 list, 245.00 platform, 50.00 prepaid,
   * 431.00 Hangzhou at purchase, 1724.00 paid by the company */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "100", "--date", "2026-03-10",
    "--vouchers", "P10,PRE,HZ-1", "--json", NULL });
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (bd), "purchase_id"), ==, 1);
  g_clear_pointer (&bd, json_node_unref);
  /* as in test_claims: 7.05 list, 2.11 (30% truncated) reimbursed later */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-ns-rtx4090-1x", "--quantity", "3", "--date", "2026-03-12",
    "--vouchers", "NN", "--json", NULL });
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (bd), "purchase_id"), ==, 2);
  g_clear_pointer (&bd, json_node_unref);

  list = run_json (dir->path, (const char *[]) { "ledger", "list", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  o = ledger_entry (list, 0);
  g_assert_cmpint (json_object_get_int_member (o, "purchase_id"), ==, 1);
  assert_member (o, "date", "2026-03-10");
  assert_member (o, "vendor", "demo-hangzhou-cloud");
  assert_member (o, "offer_id", "demo-hz-h100-sxm-1x");
  assert_member (o, "kind", "gpu");
  assert_member (o, "quantity", "100");
  assert_member (o, "unit", "card-hours");
  assert_member (o, "list_amount", "2450.00");
  assert_member (o, "platform_discount", "245.00");
  assert_member (o, "prepaid", "50.00");
  assert_member (o, "subsidy", "431.00");
  assert_member (o, "amount", "1724.00");
  assert_member (o, "reimbursed_later", "0.00");
  assert_member (o, "currency", "CNY");
  assert_member (o, "category", "other-compute");
  o = ledger_entry (list, 1);
  g_assert_cmpint (json_object_get_int_member (o, "purchase_id"), ==, 2);
  assert_member (o, "list_amount", "7.05");
  assert_member (o, "subsidy", "0.00");
  assert_member (o, "amount", "7.05");
  assert_member (o, "reimbursed_later", "2.11");
  g_clear_pointer (&list, json_node_unref);

  /* March: paid 1724.00 + (7.05 − 2.11) = 1728.94; subsidy 431.00 + 2.11
   * = 433.11; list 2457.05 */
  monthly = run_json (dir->path, (const char *[]) {
    "ledger", "monthly", "--currency", "CNY", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (json_node_get_array (monthly)), ==, 1);
  o = ledger_entry (monthly, 0);
  assert_member (o, "month", "2026-03");
  assert_member (o, "paid", "1728.94");
  assert_member (o, "subsidy", "433.11");
  assert_member (o, "list", "2457.05");
  assert_member (o, "reimbursed", "2.11");
  g_assert_cmpint (json_object_get_int_member (o, "entries"), ==, 2);
  g_clear_pointer (&monthly, json_node_unref);

  /* void 1: gone from the list and the month; undo refuses it */
  g_free (run_ok (dir->path, (const char *[]) { "void", "1", NULL }));
  list = run_json (dir->path, (const char *[]) { "ledger", "list", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (ledger_entry (list, 0), "purchase_id"), ==, 2);
  g_clear_pointer (&list, json_node_unref);
  monthly = run_json (dir->path, (const char *[]) {
    "ledger", "monthly", "--currency", "CNY", "--json", NULL });
  o = ledger_entry (monthly, 0);
  assert_member (o, "paid", "4.94");
  assert_member (o, "subsidy", "2.11");
  assert_member (o, "list", "7.05");
  g_assert_cmpint (json_object_get_int_member (o, "entries"), ==, 1);
  g_clear_pointer (&monthly, json_node_unref);
  run_refused (dir->path, (const char *[]) { "ledger", "undo", "1", NULL },
               "purchase 1 was voided", NULL);
  run_refused (dir->path, (const char *[]) { "ledger", "undo", NULL }, NULL, NULL);

  /* a ledger that refuses inserts: the purchase is refused, balances and
   * purchases are as they were */
  plant_trigger (dir->path, "CREATE TRIGGER no_ledger BEFORE INSERT ON ledger_entries "
                            "BEGIN SELECT RAISE (ABORT, 'the ledger refuses'); END;");
  before = run_ok (dir->path, (const char *[]) { "voucher", "list", "--json", NULL });
  run_refused (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "100", "--date", "2026-03-10",
    "--vouchers", "P10,PRE,HZ-1", "--json", NULL }, "the ledger refuses", NULL);
  after = run_ok (dir->path, (const char *[]) { "voucher", "list", "--json", NULL });
  g_assert_cmpstr (after, ==, before);
  assert_balance (dir->path, "HZ-1", "1000.00");
  assert_balance (dir->path, "PRE", "50.00");
  /* the next purchase id is still 3: purchase 3 was never written */
  plant_trigger (dir->path, "DROP TRIGGER no_ledger");
  bd = run_json (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "100", "--date", "2026-03-10",
    "--vouchers", "P10,PRE,HZ-1", "--json", NULL });
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (bd), "purchase_id"), ==, 3);
  list = run_json (dir->path, (const char *[]) { "ledger", "list", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
}


typedef struct { const char *id; const char *normalized; const char *after; } Expect;

/* offers --json: each offer of @expect has its normalized and after_vouchers */
static void
assert_after_vouchers (JsonNode     *offers,
                       const Expect *expect,
                       gsize         n)
{
  JsonArray *a = json_node_get_array (offers);

  for (gsize k = 0; k < n; k++)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *o = json_array_get_object_element (a, i);

          if (!g_str_equal (json_object_get_string_member (o, "id"), expect[k].id))
            continue;
          seen = TRUE;
          assert_member (o, "normalized_currency", "CNY");
          assert_member (o, "normalized", expect[k].normalized);
          assert_member (o, "after_vouchers", expect[k].after);
        }
      g_assert_true (seen);
    }
}

/* One money path (issue 14): converted once, rounded once; unit prices
 * after vouchers to six decimals in offers --json; a prepaid pack is how a
 * purchase is paid, not a saving.  tests/data/feeds/money-feed.json. */
static void
test_money_path (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = sp_test_source_path ("tests/data/feeds/money-feed.json");
  g_autoptr(JsonNode) bd = NULL;
  g_autoptr(JsonNode) offers = NULL;
  JsonObject *o;
  Expect expect[] = {
    { "cheap-model", "0.1566", "0.0783" },
    { "yuan-model", "0.108", "0.054" },
    { "cheap-t4", "0.666", "0.333" },
  };
  /* the pack alone: no saving (was ¥0.00, free) */
  Expect pack_only[] = { { "cheap-t4", "0.666", "0.666" } };

  {
    g_autofree char *out = run_ok (dir->path, (const char *[]) { "import", feed, NULL });

    /* $0.0000001 per card-hour would read as 0.00, free: refused, said */
    g_assert_nonnull (strstr (out, "“price.per_unit” is below 0.000001, the smallest price "
                                   "Suanpan keeps (0.0000001)"));
  }

  /* 1M tokens at $0.015 in / $0.042 out, mixed 3:1: $0.02175 = ¥0.1566
   * exactly → ¥0.16 (was ¥0.14: $0.02 first, then converted) */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "cheap-model", "--quantity", "1", "--usd-cny", "7.2", "--vouchers", "none",
    "--date", "2026-03-10", "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "list_original", "0.02");
  assert_member (o, "list", "0.16");
  assert_member (o, "cost", "0.16");
  assert_member (o, "cash_now", "0.16");
  g_clear_pointer (&bd, json_node_unref);
  /* one card-hour at $0.0925 = ¥0.666 → ¥0.67 (was ¥0.65) */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "cheap-t4", "--quantity", "1", "--usd-cny", "7.2", "--vouchers", "none",
    "--date", "2026-03-10", "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "list_original", "0.09");
  assert_member (o, "list", "0.67");
  assert_member (o, "company_cash", "0.67");
  g_clear_pointer (&bd, json_node_unref);

  /* ¥300 prepaid at Cheap Cloud, then half off at both vendors */
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "PACK", "--kind", "prepaid", "--amount", "300",
    "--vendor", "cheap-cloud", NULL }));
  offers = run_json (dir->path, (const char *[]) { "offers", "--json", "--usd-cny", "7.2", NULL });
  assert_after_vouchers (offers, pack_only, G_N_ELEMENTS (pack_only));
  g_clear_pointer (&offers, json_node_unref);
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "HALF", "--kind", "platform", "--percent", "50",
    "--vendor", "yuan-models", "--vendor", "cheap-cloud", NULL }));
  offers = run_json (dir->path, (const char *[]) { "offers", "--json", "--usd-cny", "7.2", NULL });
  assert_after_vouchers (offers, expect, G_N_ELEMENTS (expect));
  g_clear_pointer (&offers, json_node_unref);
  /* offers --csv: the same figures in its last column */
  {
    g_autofree char *csv = run_ok (dir->path, (const char *[]) {
      "offers", "--csv", "--usd-cny", "7.2", NULL });
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

    g_assert_true (g_str_has_suffix (lines[0], ",normalized_output,after_vouchers"));
    for (gsize k = 0; k < G_N_ELEMENTS (expect); k++)
      {
        g_autofree char *prefix = g_strconcat (expect[k].id, ",", NULL);
        g_autofree char *suffix = g_strconcat (",", expect[k].after, NULL);
        gboolean seen = FALSE;

        for (guint i = 1; lines[i] != NULL; i++)
          if (g_str_has_prefix (lines[i], prefix))
            {
              g_assert_true (g_str_has_suffix (lines[i], suffix));
              seen = TRUE;
            }
        g_assert_true (seen);
      }
  }

  /* 100 card-hours: ¥66.60 list, half off ¥33.30; it costs ¥33.30, all
   * paid from the pack, nothing in cash now */
  bd = run_json (dir->path, (const char *[]) {
    "buy", "cheap-t4", "--quantity", "100", "--usd-cny", "7.2", "--date", "2026-03-10",
    "--json", NULL });
  o = json_node_get_object (bd);
  assert_member (o, "list", "66.60");
  assert_member (o, "platform", "33.30");
  assert_member (o, "prepaid", "33.30");
  assert_member (o, "company_cash", "0.00");
  assert_member (o, "cost", "33.30");
  assert_member (o, "paid_from_prepaid", "33.30");
  assert_member (o, "cash_now", "0.00");
}

/* Issue 14 item 4: the text list names voucher kinds and units in the
 * user's language ("discount"/"prepaid" never reach a Chinese screen) and
 * its columns line up by display width. */
static void
test_list_text_zh_cn (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autofree char *out = NULL;

  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "HZ-1", "--kind", "government", "--programme", "hangzhou",
    "--face", "1000", "--valid-from", "2026-01-01", "--valid-to", "2026-12-31", NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "P10", "--kind", "platform", "--percent", "10",
    "--min-spend", "100", "--single-use", "--vendor", "demo-hangzhou-cloud", NULL }));
  g_free (run_ok (dir->path, (const char *[]) {
    "voucher", "add", "--code", "PRE", "--kind", "prepaid", "--amount", "50",
    "--vendor", "demo-hangzhou-cloud", "--valid-to", "2026-12-31", NULL }));
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  out = run_ok (dir->path, (const char *[]) { "voucher", "list", "--date", "2026-03-10", NULL });
  g_unsetenv ("LANGUAGE");
  g_assert_null (strstr (out, "discount"));
  g_assert_null (strstr (out, "prepaid"));
  g_assert_cmpstr (out, ==,
    "HZ-1  杭州算力券  1000.00 CNY  2026-12-31\n"
    "P10   平台优惠    优惠 10%     —\n"
    "PRE   资源包      50.00 CNY    2026-12-31\n");
}

/* buy's text breakdown: aligned by display width in zh_CN (each Chinese
 * character is two cells), through SpCliTable */
static void
test_buy_text_zh_cn (void)
{
  g_autoptr(SpTestDir) dir = demo_dir ();
  g_autofree char *out = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  out = run_ok (dir->path, (const char *[]) {
    "buy", "demo-hz-h100-sxm-1x", "--quantity", "100", "--date", "2026-03-10",
    "--vouchers", "none", NULL });
  g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (out, ==,
    "已记录采购 1。\n"
    "  标价          2450.00  CNY\n"
    "  平台优惠         0.00  CNY\n"
    "  预付             0.00  CNY\n"
    "  政府补贴         0.00  CNY\n"
    "  企业现在支付  2450.00  CNY\n"
    "  稍后返还         0.00  CNY\n"
    "  返还后净支出  2450.00  CNY\n"
    "  企业实际成本  2450.00  CNY\n"
    "  从预付中支付     0.00  CNY\n"
    "  现在支付现金  2450.00  CNY\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-voucher/buy-hangzhou", test_buy_hangzhou);
  g_test_add_func ("/cli-voucher/refusals", test_refusals);
  g_test_add_func ("/cli-voucher/tokens-and-usd", test_tokens_and_usd);
  g_test_add_func ("/cli-voucher/import-and-reminders", test_import_and_reminders);
  g_test_add_func ("/cli-voucher/claims", test_claims);
  g_test_add_func ("/cli-voucher/list-text-zh-cn", test_list_text_zh_cn);
  g_test_add_func ("/cli-voucher/buy-text-zh-cn", test_buy_text_zh_cn);
  g_test_add_func ("/cli-voucher/buy-lands-in-ledger", test_buy_lands_in_ledger);
  g_test_add_func ("/cli-voucher/money-path", test_money_path);
  return g_test_run ();
}
