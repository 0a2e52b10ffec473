/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-voucher.c — the compute-voucher and subsidy rules
 *
 * A rule table (hand-computed figures), the programme and voucher readers,
 * the proposal and its explanation, commit, and a property test over
 * thousands of random purchases: the parts always add up to the list amount
 * and balances never go negative. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-core.h"
#include "sp-programme.h"
#include "sp-wallet.h"
#include "sp-test-util.h"

static GPtrArray *all_programmes;  /* shipped + tests/data/vouchers/programmes.json */

/* ---- helpers ---- */

static SpMoney
M (const char *text)
{
  SpMoney value = 0;
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return 0;
  g_assert_true (sp_money_parse (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

#define assert_money(actual, expected_text)                                    \
  G_STMT_START {                                                               \
    SpMoney a_ = (actual), e_ = M (expected_text);                             \
    if (a_ != e_)                                                              \
      {                                                                        \
        g_autofree char *as_ = sp_money_to_string (a_, 2);                     \
        g_autofree char *es_ = sp_money_to_string (e_, 2);                     \
        g_error ("%s: %s is %s, expected %s", G_STRLOC, #actual, as_, es_);    \
      }                                                                        \
  } G_STMT_END

static SpWallet *
wallet_new (void)
{
  return sp_test_wallet_new (all_programmes);
}

static void
wallet_add_json (SpWallet   *wallet,
                 const char *vouchers)
{
  g_autofree char *text = g_strdup_printf ("{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [%s]}",
                                           vouchers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sp_voucher_list_from_data (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    g_assert_true (sp_wallet_add_voucher (wallet, list->pdata[i]));
}

static const char *
refusal_name (SpRefusal reason)
{
  static const char * const names[] = {
    "none", "not-yet-valid", "expired", "already-used", "exhausted", "vendor", "affiliated",
    "item-kind", "category", "currency", "min-spend", "unknown-programme", "outside-period",
    "over-cap", "double-subsidy", "nothing-left", "no-quantity",
  };

  g_assert_cmpuint (reason, <, G_N_ELEMENTS (names));
  return names[reason];
}

/* The invariants every breakdown keeps, against the wallet it came from
 * (before commit). */
static void
check_invariants (SpWallet    *wallet,
                  SpBreakdown *bd)
{
  SpMoney list = sp_breakdown_get_list (bd);
  SpMoney platform = sp_breakdown_get_platform (bd);
  SpMoney prepaid = sp_breakdown_get_prepaid (bd);
  SpMoney government = sp_breakdown_get_government (bd);
  SpMoney net = sp_breakdown_get_net (bd);
  SpMoney later = sp_breakdown_get_reimbursed_later (bd);
  SpMoney sums[3] = { 0, 0, 0 };
  SpMoney later_sum = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (list, >=, 0);
  g_assert_cmpint (platform, >=, 0);
  g_assert_cmpint (prepaid, >=, 0);
  g_assert_cmpint (government, >=, 0);
  g_assert_cmpint (net, >=, 0);
  g_assert_cmpint (platform + prepaid + government + net, ==, list);
  g_assert_cmpint (sp_breakdown_get_company_cash (bd), ==, net + later);
  g_assert_cmpint (later, <=, government);
  g_assert_cmpint (sp_breakdown_get_contract (bd), ==, list - platform);

  for (guint i = 0; i < sp_breakdown_get_n_lines (bd); i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (bd, i);
      SpVoucher *v = sp_wallet_lookup_voucher (wallet, line->code);

      g_assert_nonnull (v);
      g_assert_false (g_hash_table_contains (seen, line->code));
      g_hash_table_add (seen, line->code);
      g_assert_cmpint (line->amount, >, 0);
      g_assert_nonnull (line->note);
      g_assert_cmpstr (line->note, !=, "");
      sums[line->kind] += line->amount;
      if (line->reimbursed_later)
        later_sum += line->amount;
      switch (line->kind)
        {
        case SP_VOUCHER_DISCOUNT:
          g_assert_false (sp_voucher_get_single_use (v) && sp_voucher_get_used (v));
          break;
        case SP_VOUCHER_PREPAID:
          if (sp_voucher_get_unit (v) != NULL)
            g_assert_cmpint (line->quantity, <=, sp_voucher_get_balance (v));
          else
            g_assert_cmpint (line->amount, <=, sp_voucher_get_balance (v));
          break;
        case SP_VOUCHER_GOVERNMENT:
        default:
          {
            SpProgramme *p = sp_wallet_lookup_programme (wallet, line->programme_id);
            SpMoney total = sp_breakdown_get_government_for (bd, line->programme_id);
            SpMoney cap;

            g_assert_nonnull (p);
            g_assert_cmpint (line->amount, <=, sp_voucher_get_balance (v));
            cap = sp_programme_get_cap_per_contract (p);
            if (cap != SP_MONEY_UNKNOWN)
              g_assert_cmpint (total, <=, cap);
            cap = sp_programme_get_cap_per_year (p);
            if (cap != SP_MONEY_UNKNOWN)
              g_assert_cmpint (total + sp_wallet_get_year_to_date (wallet, line->programme_id),
                               <=, cap);
          }
          break;
        }
    }
  g_assert_cmpint (sums[SP_VOUCHER_DISCOUNT], ==, platform);
  g_assert_cmpint (sums[SP_VOUCHER_PREPAID], ==, prepaid);
  g_assert_cmpint (sums[SP_VOUCHER_GOVERNMENT], ==, government);
  g_assert_cmpint (later_sum, ==, later);

  for (guint i = 0; i < sp_breakdown_get_n_refusals (bd); i++)
    {
      const SpBreakdownRefusal *r = sp_breakdown_get_refusal (bd, i);

      g_assert_false (g_hash_table_contains (seen, r->code));
      g_assert_cmpint (r->reason, !=, SP_REFUSAL_NONE);
      g_assert_nonnull (r->message);
      g_assert_cmpstr (r->message, !=, "");
    }
}

/* ---- the rule table ---- */

#define HZ  "{\"code\": \"HZ\", \"kind\": \"government\", \"programme\": \"hangzhou\", \"face_value\": \"100000\"}"
#define NN  "{\"code\": \"NN\", \"kind\": \"government\", \"programme\": \"nanning\", \"face_value\": \"100000\"}"
#define NN_DAY "2025-06-15" /* inside Nanning's period (2025-03-01..2025-12-31) */
#define SZ  "{\"code\": \"SZ\", \"kind\": \"government\", \"programme\": \"shenzhen\", \"face_value\": \"100000\"}"
#define CAP "{\"code\": \"CAP\", \"kind\": \"government\", \"programme\": \"capped\", \"face_value\": \"100000\"}"
#define DIST "{\"code\": \"DIST\", \"kind\": \"government\", \"programme\": \"shenzhen-district\", \"face_value\": \"100000\"}"
#define LIST "{\"code\": \"LIST\", \"kind\": \"government\", \"programme\": \"listed\", \"face_value\": \"100000\"}"
#define D10 "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\"}"
#define D5  "{\"code\": \"D5\", \"kind\": \"discount\", \"percent\": \"5\"}"
#define F50 "{\"code\": \"F50\", \"kind\": \"discount\", \"amount\": \"50.00\"}"

typedef struct {
  const char *name;
  const char *vouchers;     /* JSON list members */
  /* the purchase (NULL: default) */
  const char *vendor;       /* "acme" */
  const char *tags;         /* "hangzhou,nanning"; "" for none */
  const char *kind;         /* "gpu" */
  const char *category;     /* "other-compute" */
  const char *list;         /* "1000.00" */
  const char *currency;     /* "CNY" */
  const char *pay_currency; /* the list currency */
  const char *rate;
  const char *date;         /* "2026-06-15" */
  const char *time;         /* ISO 8601 date-time: the date in its own zone */
  const char *start, *end;  /* contract period */
  const char *quantity;
  gboolean    startup;
  gboolean    affiliated;
  const char *ytd;          /* "programme=amount" */
  const char *codes;        /* comma-separated override; NULL: all */
  gboolean    propose;
  /* expected */
  const char *platform, *prepaid, *government, *cash, *later;
  const char *refused;      /* "CODE=reason,…" (exactly these) */
  const char *lines;        /* "CODE=amount,…" (these at least) */
} RuleCase;

static const RuleCase rule_cases[] = {
  { "hangzhou-model-service-30", HZ, .kind = "tokens", .category = "model-service",
    .government = "300", .cash = "700" },
  { "hangzhou-domestic-compute-30", HZ, .category = "domestic-compute",
    .government = "300", .cash = "700" },
  { "hangzhou-other-compute-20", HZ, .government = "200", .cash = "800" },
  { "balance-smaller-than-subsidy",
    "{\"code\": \"HZ\", \"kind\": \"government\", \"programme\": \"hangzhou\", \"face_value\": \"100000\", \"balance\": \"50.00\"}",
    .kind = "tokens", .category = "model-service", .government = "50", .cash = "950" },
  { "yearly-cap-nearly-used", HZ, .kind = "tokens", .category = "model-service",
    .ytd = "hangzhou=7999900", .government = "100", .cash = "900" },
  { "yearly-cap-used-up", HZ, .kind = "tokens", .category = "model-service",
    .ytd = "hangzhou=8000000", .cash = "1000", .refused = "HZ=over-cap" },
  { "per-contract-cap", CAP, .list = "10000", .government = "1000", .cash = "9000" },
  { "yearly-cap-tighter-than-contract-cap", CAP, .list = "3000", .ytd = "capped=4500",
    .government = "500", .cash = "2500" },
  { "vendor-not-accredited", HZ, .vendor = "other", .tags = "", .cash = "1000",
    .refused = "HZ=vendor" },
  { "listed-vendor-without-tag", LIST, .vendor = "good-cloud", .tags = "", .kind = "tokens",
    .category = "model-service", .government = "100", .cash = "1000", .later = "100" },
  { "category-not-covered", LIST, .vendor = "good-cloud", .cash = "1000",
    .refused = "LIST=category" },
  /* Nanning's base period is 2025-03-01..2025-12-31: its cases buy inside it */
  { "nanning-excludes-storage", NN, .date = NN_DAY, .kind = "storage", .cash = "1000",
    .refused = "NN=item-kind" },
  { "nanning-excludes-tokens", NN, .date = NN_DAY, .kind = "tokens", .category = "model-service",
    .cash = "1000", .refused = "NN=item-kind" },
  { "nanning-npu-paid-after-use", NN, .date = NN_DAY, .kind = "npu", .category = "domestic-compute",
    .government = "300", .cash = "1000", .later = "300" },
  { "nanning-affiliated-vendor", NN, .date = NN_DAY, .affiliated = TRUE, .cash = "1000",
    .refused = "NN=affiliated" },
  /* 2025-02-08..2025-03-31: 52 days, 31 inside the period: 1000 × 30% × 31/52 = 178.846… */
  { "prorated-across-programme-start-truncated", NN, .date = "2025-02-08",
    .start = "2025-02-08", .end = "2025-03-31",
    .government = "178.84", .cash = "1000", .later = "178.84" },
  /* 2025-12-11..2026-01-31: 52 days, 21 inside the period: 1000 × 30% × 21/52 = 121.153… */
  { "prorated-across-programme-end-truncated", NN, .date = "2025-12-11",
    .start = "2025-12-11", .end = "2026-01-31",
    .government = "121.15", .cash = "1000", .later = "121.15" },
  { "contract-outside-programme", NN, .date = "2025-01-01", .start = "2025-01-01",
    .end = "2025-01-31", .cash = "1000", .refused = "NN=outside-period" },
  { "contract-after-programme", NN, .date = "2026-01-01", .start = "2026-01-01",
    .end = "2026-01-31", .cash = "1000", .refused = "NN=outside-period" },
  /* 333.35 × 30% = 100.005 */
  { "truncation", NN, .date = NN_DAY, .list = "333.35", .government = "100.00", .cash = "333.35",
    .later = "100.00" },
  { "rounding-half-up", HZ, .kind = "tokens", .category = "model-service", .list = "333.35",
    .government = "100.01", .cash = "233.34" },
  { "no-double-subsidy-in-wallet-order", HZ "," NN, .date = NN_DAY, .category = "domestic-compute",
    .government = "300", .cash = "700", .refused = "NN=double-subsidy", .lines = "HZ=300" },
  { "proposal-picks-the-better-exclusive-programme", HZ "," NN, .date = NN_DAY,
    .propose = TRUE,
    .government = "300", .cash = "1000", .later = "300", .refused = "HZ=double-subsidy",
    .lines = "NN=300" },
  { "shenzhen-50", SZ, .kind = "tokens", .category = "model-service",
    .government = "500", .cash = "500" },
  { "shenzhen-start-up-60", SZ, .kind = "tokens", .category = "model-service",
    .startup = TRUE, .government = "600", .cash = "400" },
  { "shenzhen-with-district-on-top", SZ "," DIST, .kind = "tokens",
    .category = "model-service", .government = "600", .cash = "400",
    .lines = "SZ=500,DIST=100" },
  { "platform-percent", D10, .platform = "100", .cash = "900" },
  /* 10% of 1000 = 100; 5% of 900 = 45; then 50 fixed */
  { "stacked-platform-discounts", D10 "," D5 "," F50, .platform = "195", .cash = "805",
    .lines = "D10=100,D5=45,F50=50" },
  { "fixed-discount-applies-after-percentages", F50 "," D10, .platform = "150", .cash = "850",
    .lines = "D10=100,F50=50" },
  { "subsidy-on-contract-amount", D10 "," HZ, .kind = "tokens", .category = "model-service",
    .platform = "100", .government = "270", .cash = "630" },
  { "minimum-spend-not-reached",
    "{\"code\": \"F100\", \"kind\": \"discount\", \"amount\": \"100\", \"min_spend\": \"2000\"}",
    .cash = "1000", .refused = "F100=min-spend" },
  { "single-use-already-used",
    "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\", \"single_use\": true, \"used\": true}",
    .cash = "1000", .refused = "D10=already-used" },
  { "vendor-specific-discount",
    "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\", \"vendors\": [\"other-cloud\"]}",
    .cash = "1000", .refused = "D10=vendor" },
  { "prepaid-drawn-before-subsidy",
    "{\"code\": \"P\", \"kind\": \"prepaid\", \"vendor\": \"acme\", \"balance\": \"300\"}," HZ,
    .kind = "tokens", .category = "model-service",
    .prepaid = "300", .government = "210", .cash = "490" },
  { "prepaid-of-another-vendor",
    "{\"code\": \"P\", \"kind\": \"prepaid\", \"vendor\": \"other\", \"balance\": \"300\"}",
    .cash = "1000", .refused = "P=vendor" },
  /* 2M of 5M tokens from the pack: 2/5 of ¥50 */
  { "token-resource-pack",
    "{\"code\": \"PACK\", \"kind\": \"prepaid\", \"vendor\": \"acme\", \"unit\": \"tokens\", \"balance\": \"2000000\"}",
    .kind = "tokens", .category = "model-service", .list = "50", .quantity = "5000000",
    .prepaid = "20", .cash = "30" },
  { "resource-pack-of-another-unit",
    "{\"code\": \"PACK\", \"kind\": \"prepaid\", \"vendor\": \"acme\", \"unit\": \"card-hours\", \"balance\": \"10\"}",
    .kind = "tokens", .category = "model-service", .quantity = "5000000", .cash = "1000",
    .refused = "PACK=item-kind" },
  { "prepaid-covers-everything",
    "{\"code\": \"P\", \"kind\": \"prepaid\", \"vendor\": \"acme\", \"balance\": \"5000\"}," HZ,
    .prepaid = "1000", .cash = "0", .refused = "HZ=nothing-left" },
  { "valid-until-last-local-second",
    "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\", \"valid_to\": \"2026-12-31\"}",
    .time = "2026-12-31T23:59:59+08:00", .platform = "100", .cash = "900" },
  { "refused-from-local-midnight",
    "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\", \"valid_to\": \"2026-12-31\"}",
    .time = "2027-01-01T00:00:00+08:00", .cash = "1000", .refused = "D10=expired" },
  { "same-instant-in-utc-is-still-the-31st",
    "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\", \"valid_to\": \"2026-12-31\"}",
    .time = "2026-12-31T16:00:00Z", .platform = "100", .cash = "900" },
  { "not-valid-yet",
    "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\", \"valid_from\": \"2026-07-01\"}",
    .cash = "1000", .refused = "D10=not-yet-valid" },
  { "government-voucher-exhausted",
    "{\"code\": \"HZ\", \"kind\": \"government\", \"programme\": \"hangzhou\", \"face_value\": \"100000\", \"balance\": \"0\"}",
    .cash = "1000", .refused = "HZ=exhausted" },
  /* $100 × 7.1234 = ¥712.34; 30% = 213.702 → 213.70 */
  { "usd-offer-paid-in-cny", HZ, .kind = "tokens", .category = "model-service",
    .list = "100", .currency = "USD", .pay_currency = "CNY", .rate = "7.1234",
    .government = "213.70", .cash = "498.64" },
  { "usd-offer-paid-in-usd", HZ "," D10 "," F50, .list = "100", .currency = "USD",
    .platform = "10", .cash = "90", .refused = "HZ=currency,F50=currency" },
  { "unknown-programme",
    "{\"code\": \"X\", \"kind\": \"government\", \"programme\": \"atlantis\", \"face_value\": \"10\"}",
    .cash = "1000", .refused = "X=unknown-programme" },
  { "two-vouchers-share-one-programme-rate",
    "{\"code\": \"HZA\", \"kind\": \"government\", \"programme\": \"hangzhou\", \"face_value\": \"100000\", \"balance\": \"100\"}," HZ,
    .kind = "tokens", .category = "model-service", .government = "300", .cash = "700",
    .lines = "HZA=100,HZ=200" },
  /* Beijing's 方案 ran 2023—2025 (Hangzhou's measures state no end: issue 19) */
  { "programme-ended",
    "{\"code\": \"BJ\", \"kind\": \"government\", \"programme\": \"beijing\", \"face_value\": \"100000\"}",
    .date = "2026-01-05", .cash = "1000", .refused = "BJ=outside-period" },
  /* 0.123456 × 30% = 0.0370368 → 0.04 */
  { "sub-fen-token-bill", HZ, .kind = "tokens", .category = "model-service",
    .list = "0.123456", .government = "0.04", .cash = "0.083456" },
  { "user-override-applies-only-listed", D10 "," HZ, .kind = "tokens",
    .category = "model-service", .codes = "HZ", .government = "300", .cash = "700" },
  { "proposal-uses-every-helpful-voucher", D10 "," HZ, .kind = "tokens",
    .category = "model-service", .propose = TRUE,
    .platform = "100", .government = "270", .cash = "630" },
};

static void
test_rule (gconstpointer data)
{
  const RuleCase *c = data;
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpPurchase) purchase = sp_purchase_new ();
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  SpItemKind kind;
  SpCategory category;
  guint n_refused = 0;

  wallet_add_json (wallet, c->vouchers);

  sp_purchase_set_vendor (purchase, c->vendor ? c->vendor : "acme");
  {
    g_auto(GStrv) tags = g_strsplit (c->tags ? c->tags : "hangzhou,nanning", ",", -1);

    sp_purchase_set_programme_tags (purchase, (const char * const *) tags);
  }
  g_assert_true (sp_item_kind_from_string (c->kind ? c->kind : "gpu", &kind));
  sp_purchase_set_item_kind (purchase, kind);
  g_assert_true (sp_category_from_string (c->category ? c->category : "other-compute",
                                          &category));
  sp_purchase_set_category (purchase, category);
  sp_purchase_set_list_amount (purchase, M (c->list ? c->list : "1000"),
                               c->currency ? c->currency : "CNY");
  if (c->pay_currency != NULL)
    sp_purchase_set_payment (purchase, c->pay_currency, M (c->rate));
  if (c->time != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (c->time, NULL);

      g_assert_nonnull (time);
      sp_purchase_set_time (purchase, time);
    }
  else
    g_assert_true (sp_purchase_set_date_iso (purchase, c->date ? c->date : "2026-06-15"));
  if (c->start != NULL)
    g_assert_true (sp_purchase_set_contract_period_iso (purchase, c->start, c->end));
  if (c->quantity != NULL)
    sp_purchase_set_quantity (purchase, M (c->quantity));
  sp_purchase_set_startup (purchase, c->startup);
  sp_purchase_set_vendor_affiliated (purchase, c->affiliated);
  if (c->ytd != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (c->ytd, "=", 2);

      sp_wallet_set_year_to_date (wallet, kv[0], M (kv[1]));
    }

  if (c->propose)
    bd = sp_wallet_propose (wallet, purchase, &error);
  else if (c->codes != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (c->codes, ",", -1);

      bd = sp_wallet_evaluate (wallet, purchase, (const char * const *) codes, &error);
    }
  else
    bd = sp_wallet_evaluate (wallet, purchase, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bd);

  check_invariants (wallet, bd);
  assert_money (sp_breakdown_get_platform (bd), c->platform);
  assert_money (sp_breakdown_get_prepaid (bd), c->prepaid);
  assert_money (sp_breakdown_get_government (bd), c->government);
  assert_money (sp_breakdown_get_company_cash (bd), c->cash);
  assert_money (sp_breakdown_get_reimbursed_later (bd), c->later);

  if (c->refused != NULL)
    {
      g_auto(GStrv) items = g_strsplit (c->refused, ",", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (items[i], "=", 2);
          const SpBreakdownRefusal *r = sp_breakdown_find_refusal (bd, kv[0]);

          if (r == NULL)
            g_error ("%s was not refused", kv[0]);
          g_assert_cmpstr (refusal_name (r->reason), ==, kv[1]);
          g_assert_null (sp_breakdown_find_line (bd, kv[0]));
          n_refused++;
        }
    }
  if (sp_breakdown_get_n_refusals (bd) != n_refused)
    g_error ("unexpected refusal of %s: %s", sp_breakdown_get_refusal (bd, 0)->code,
             sp_breakdown_get_refusal (bd, 0)->message);

  if (c->lines != NULL)
    {
      g_auto(GStrv) items = g_strsplit (c->lines, ",", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (items[i], "=", 2);
          const SpBreakdownLine *line = sp_breakdown_find_line (bd, kv[0]);

          g_assert_nonnull (line);
          assert_money (line->amount, kv[1]);
        }
    }
}

/* ---- readers ---- */

static void
test_shipped_programmes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sp_programme_list_shipped (&error);
  SpProgramme *hz, *nn, *sz;

  g_assert_no_error (error);
  /* hangzhou, nanning and shenzhen first, then the programmes of issue 19 */
  g_assert_cmpuint (list->len, >=, 10);
  hz = list->pdata[0];
  nn = list->pdata[1];
  sz = list->pdata[2];

  g_assert_cmpstr (sp_programme_get_id (hz), ==, "hangzhou");
  g_assert_cmpstr (sp_programme_get_name_zh (hz), ==, "杭州算力券");
  g_assert_cmpint (sp_programme_get_rate (hz, SP_CATEGORY_DOMESTIC_COMPUTE, FALSE), ==, 3000);
  g_assert_cmpint (sp_programme_get_rate (hz, SP_CATEGORY_OTHER_COMPUTE, FALSE), ==, 2000);
  g_assert_cmpint (sp_programme_get_rate (hz, SP_CATEGORY_MODEL_SERVICE, FALSE), ==, 3000);
  g_assert_cmpint (sp_programme_get_cap_per_year (hz), ==, 8000000 * SP_MONEY_SCALE);
  g_assert_cmpint (sp_programme_get_budget (hz), ==, 250000000 * SP_MONEY_SCALE);
  g_assert_cmpint (sp_programme_get_cap_per_contract (hz), ==, SP_MONEY_UNKNOWN);
  g_assert_true (sp_programme_get_accept_tagged (hz));
  g_assert_cmpint (sp_programme_get_rounding (hz), ==, SP_ROUND_HALF_UP);
  g_assert_nonnull (sp_programme_get_notes (hz));

  g_assert_cmpstr (sp_programme_get_id (nn), ==, "nanning");
  g_assert_cmpint (sp_programme_get_cap_per_year (nn), ==, 2000000 * SP_MONEY_SCALE);
  g_assert_cmpint (sp_programme_get_rounding (nn), ==, SP_ROUND_TRUNCATE);
  g_assert_cmpint (sp_programme_get_prorate (nn), ==, SP_PRORATE_DAYS);
  g_assert_cmpint (sp_programme_get_payout (nn), ==, SP_PAYOUT_AFTER_SETTLEMENT);
  g_assert_cmpint (sp_programme_get_stacking (nn), ==, SP_STACKING_EXCLUSIVE);
  g_assert_true (sp_programme_get_require_unaffiliated (nn));
  g_assert_true (sp_programme_covers_kind (nn, SP_ITEM_GPU));
  g_assert_true (sp_programme_covers_kind (nn, SP_ITEM_NPU));
  g_assert_true (sp_programme_covers_kind (nn, SP_ITEM_TPU));
  g_assert_false (sp_programme_covers_kind (nn, SP_ITEM_TOKENS));
  g_assert_false (sp_programme_covers_kind (nn, SP_ITEM_STORAGE));
  g_assert_false (sp_programme_covers_kind (nn, SP_ITEM_NETWORK));

  g_assert_cmpstr (sp_programme_get_id (sz), ==, "shenzhen");
  g_assert_cmpint (sp_programme_get_rate (sz, SP_CATEGORY_MODEL_SERVICE, FALSE), ==, 5000);
  g_assert_cmpint (sp_programme_get_rate (sz, SP_CATEGORY_MODEL_SERVICE, TRUE), ==, 6000);
  g_assert_cmpint (sp_programme_get_stacking (sz), ==, SP_STACKING_ALLOWED);
}

static void
test_wallet_file (void)
{
  g_autofree char *path = sp_test_source_path ("tests/data/vouchers/wallet.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gsize len;
  SpVoucher *v;

  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  list = sp_voucher_list_from_data (text, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);

  v = list->pdata[0];
  g_assert_cmpint (sp_voucher_get_kind (v), ==, SP_VOUCHER_GOVERNMENT);
  g_assert_cmpstr (sp_voucher_get_code (v), ==, "HZ-2026-0042");
  g_assert_cmpstr (sp_voucher_get_programme (v), ==, "hangzhou");
  g_assert_cmpint (sp_voucher_get_face_value (v), ==, 500000 * SP_MONEY_SCALE);
  g_assert_cmpint (sp_voucher_get_balance (v), ==, G_GINT64_CONSTANT (123456780000));
  g_assert_cmpstr (sp_voucher_get_currency (v), ==, "CNY");

  v = list->pdata[1];
  g_assert_cmpint (sp_voucher_get_kind (v), ==, SP_VOUCHER_DISCOUNT);
  g_assert_cmpint (sp_voucher_get_percent (v), ==, 1000);
  g_assert_cmpint (sp_voucher_get_min_spend (v), ==, 1000 * SP_MONEY_SCALE);
  g_assert_true (sp_voucher_get_single_use (v));
  g_assert_false (sp_voucher_get_used (v));
  g_assert_true (sp_voucher_accepts_vendor (v, "acme-cloud"));
  g_assert_false (sp_voucher_accepts_vendor (v, "other"));
  {
    guint32 to;

    g_assert_true (sp_date_parse_iso ("2026-09-30", &to));
    g_assert_cmpuint (sp_voucher_get_valid_to (v), ==, to);
  }

  v = list->pdata[2];
  g_assert_cmpint (sp_voucher_get_percent (v), ==, -1);
  g_assert_cmpint (sp_voucher_get_amount (v), ==, 200 * SP_MONEY_SCALE);

  v = list->pdata[3];
  g_assert_cmpint (sp_voucher_get_kind (v), ==, SP_VOUCHER_PREPAID);
  g_assert_cmpstr (sp_voucher_get_unit (v), ==, "card-hours");
  g_assert_cmpint (sp_voucher_get_balance (v), ==, 100 * SP_MONEY_SCALE);
  g_assert_null (sp_voucher_get_currency (v));

  v = list->pdata[4];
  g_assert_null (sp_voucher_get_unit (v));
  g_assert_cmpstr (sp_voucher_get_currency (v), ==, "CNY");
  g_assert_cmpint (sp_voucher_get_balance (v), ==, 50 * SP_MONEY_SCALE);
}

typedef struct {
  const char *json;
  int         code;
  const char *mention;
} BadCase;

static void
test_bad_files (void)
{
  static const BadCase cases[] = {
    { "not json", SP_VOUCHER_ERROR_SYNTAX, NULL },
    { "[]", SP_VOUCHER_ERROR_SHAPE, NULL },
    { "{\"vouchers\": []}", SP_VOUCHER_ERROR_SHAPE, "suanpan_vouchers" },
    { "{\"suanpan_vouchers\": \"2.0\", \"vouchers\": []}", SP_VOUCHER_ERROR_VERSION, "2.0" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"discount\", \"percent\": 10}]}",
      SP_VOUCHER_ERROR_SHAPE, "vouchers[0].percent" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"discount\", \"percent\": \"10\", \"amount\": \"5\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "vouchers[0].percent" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"discount\", \"percent\": \"120\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "percent" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"coupon\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "vouchers[0].kind" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"government\", \"programme\": \"hangzhou\", \"face_value\": \"10\", \"balance\": \"11\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "balance" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"government\", \"programme\": \"hangzhou\", \"face_value\": \"-1\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "face_value" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"discount\", \"percent\": \"5\", \"valid_to\": \"2026-02-30\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "valid_to" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"A\", \"kind\": \"discount\", \"percent\": \"5\"}, {\"code\": \"A\", \"kind\": \"discount\", \"percent\": \"5\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "vouchers[1].code" },
    { "{\"suanpan_vouchers\": \"1.0\", \"vouchers\": [{\"code\": \"P\", \"kind\": \"prepaid\", \"balance\": \"5\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "vouchers[0].vendor" },
  };
  static const BadCase programme_cases[] = {
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "rates" },
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"X Y\", \"name\": \"X\", \"rates\": {\"model-service\": \"30\"}}]}",
      SP_VOUCHER_ERROR_SHAPE, "programmes[0].id" },
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\", \"rates\": {\"gpu\": \"30\"}}]}",
      SP_VOUCHER_ERROR_SHAPE, "rates.gpu" },
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\", \"rates\": {\"model-service\": \"30.125\"}}]}",
      SP_VOUCHER_ERROR_SHAPE, "model-service" },
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\", \"rates\": {\"model-service\": \"30\"}, \"rounding\": \"bankers\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "rounding" },
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\", \"rates\": {\"model-service\": \"30\"}, \"cap_per_firm_year\": 8000000}]}",
      SP_VOUCHER_ERROR_SHAPE, "cap_per_firm_year" },
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\", \"rates\": {\"model-service\": \"30\"}, \"item_kinds\": [\"gpu\", \"fpga\"]}]}",
      SP_VOUCHER_ERROR_SHAPE, "item_kinds" },
    { "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\", \"rates\": {\"model-service\": \"30\"}, \"valid_from\": \"2026-02-01\", \"valid_to\": \"2026-01-01\"}]}",
      SP_VOUCHER_ERROR_SHAPE, "valid_to" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = sp_voucher_list_from_data (cases[i].json,
                                                             strlen (cases[i].json), &error);

      g_assert_null (list);
      g_assert_error (error, SP_VOUCHER_ERROR, cases[i].code);
      if (cases[i].mention != NULL && strstr (error->message, cases[i].mention) == NULL)
        g_error ("case %u: “%s” does not mention %s", i, error->message, cases[i].mention);
    }
  for (guint i = 0; i < G_N_ELEMENTS (programme_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = sp_programme_list_from_data (programme_cases[i].json,
                                                               strlen (programme_cases[i].json),
                                                               &error);

      g_assert_null (list);
      g_assert_error (error, SP_VOUCHER_ERROR, programme_cases[i].code);
      if (strstr (error->message, programme_cases[i].mention) == NULL)
        g_error ("programme case %u: “%s” does not mention %s", i, error->message,
                 programme_cases[i].mention);
    }
}

static void
test_invalid_purchase (void)
{
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpPurchase) purchase = sp_purchase_new ();
  g_autoptr(GError) error = NULL;
  SpBreakdown *bd;

  /* no amount */
  bd = sp_wallet_evaluate (wallet, purchase, NULL, &error);
  g_assert_null (bd);
  g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID);
  g_clear_error (&error);

  /* no date */
  sp_purchase_set_list_amount (purchase, 100 * SP_MONEY_SCALE, "USD");
  bd = sp_wallet_evaluate (wallet, purchase, NULL, &error);
  g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID);
  g_clear_error (&error);

  /* paid in CNY without a rate */
  g_assert_true (sp_purchase_set_date_iso (purchase, "2026-03-01"));
  sp_purchase_set_payment (purchase, "CNY", 0);
  bd = sp_wallet_propose (wallet, purchase, &error);
  g_assert_null (bd);
  g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "USD"));
  g_clear_error (&error);

  /* a code not in the wallet */
  sp_purchase_set_payment (purchase, "CNY", 7 * SP_MONEY_SCALE);
  {
    const char *codes[] = { "NOPE", NULL };

    bd = sp_wallet_evaluate (wallet, purchase, codes, &error);
    g_assert_null (bd);
    g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* converted once: $100 × 7 = ¥700 */
  bd = sp_wallet_evaluate (wallet, purchase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_breakdown_get_list_original (bd), ==, 100 * SP_MONEY_SCALE);
  g_assert_cmpint (sp_breakdown_get_list (bd), ==, 700 * SP_MONEY_SCALE);
  g_assert_cmpint (sp_breakdown_get_exchange_rate (bd), ==, 7 * SP_MONEY_SCALE);
  g_assert_cmpstr (sp_breakdown_get_currency (bd), ==, "CNY");
  g_assert_cmpstr (sp_breakdown_get_list_currency (bd), ==, "USD");
  g_object_unref (bd);

  g_assert_false (sp_purchase_set_date_iso (purchase, "2026-13-01"));
  g_assert_false (sp_purchase_set_contract_period_iso (purchase, "2026-02-01", "2026-01-01"));
}

/* ---- proposal, explanation, commit ---- */

static SpPurchase *
purchase_new (const char *kind,
              const char *category,
              const char *list)
{
  SpPurchase *purchase = sp_purchase_new ();
  const char *tags[] = { "hangzhou", "nanning", NULL };
  SpItemKind k;
  SpCategory c;

  g_assert_true (sp_item_kind_from_string (kind, &k));
  g_assert_true (sp_category_from_string (category, &c));
  sp_purchase_set_vendor (purchase, "acme");
  sp_purchase_set_programme_tags (purchase, tags);
  sp_purchase_set_item_kind (purchase, k);
  sp_purchase_set_category (purchase, c);
  sp_purchase_set_list_amount (purchase, M (list), "CNY");
  /* inside Nanning's period (2025-03-01..2025-12-31) */
  g_assert_true (sp_purchase_set_date_iso (purchase, NN_DAY));
  return purchase;
}

static void
test_explanation (void)
{
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpPurchase) purchase = purchase_new ("gpu", "other-compute", "1000");
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  wallet_add_json (wallet, HZ "," NN "," "{\"code\": \"OLD\", \"kind\": \"discount\", \"percent\": \"50\", \"valid_to\": \"2025-01-31\"}");
  bd = sp_wallet_propose (wallet, purchase, &error);
  g_assert_no_error (error);
  text = sp_breakdown_dup_explanation_text (bd);
  g_test_message ("%s", text);

  g_assert_nonnull (strstr (text, "Nanning compute vouchers (NN) saves ¥300.00: 30% of ¥1000.00 for other compute"));
  g_assert_nonnull (strstr (text, "truncated to the fen"));
  g_assert_nonnull (strstr (text, "HZ is not used: Not combined with Nanning compute vouchers: Nanning compute vouchers allows no double subsidy"));
  g_assert_nonnull (strstr (text, "pays ¥1000.00 now and gets ¥300.00 back after settlement: net cost ¥700.00"));
  g_assert_cmpuint (g_strv_length ((char **) sp_breakdown_get_explanation (bd)), ==, 3);
  /* the expired one is refused, not explained */
  g_assert_cmpint (sp_breakdown_find_refusal (bd, "OLD")->reason, ==, SP_REFUSAL_EXPIRED);
  g_assert_nonnull (strstr (sp_breakdown_find_refusal (bd, "OLD")->message, "2025-01-31"));
  g_assert_cmpint (sp_breakdown_get_net (bd), ==, 700 * SP_MONEY_SCALE);
}

static void
test_commit (void)
{
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpPurchase) purchase = purchase_new ("tokens", "model-service", "1000");
  g_autoptr(SpBreakdown) first = NULL;
  g_autoptr(SpBreakdown) second = NULL;
  g_autoptr(GError) error = NULL;
  SpVoucher *hz, *d10;

  wallet_add_json (wallet,
                   "{\"code\": \"HZ\", \"kind\": \"government\", \"programme\": \"hangzhou\", \"face_value\": \"1000\", \"balance\": \"500\"},"
                   "{\"code\": \"D10\", \"kind\": \"discount\", \"percent\": \"10\", \"single_use\": true}");
  hz = sp_wallet_lookup_voucher (wallet, "HZ");
  d10 = sp_wallet_lookup_voucher (wallet, "D10");

  first = sp_wallet_propose (wallet, purchase, &error);
  g_assert_no_error (error);
  assert_money (sp_breakdown_get_platform (first), "100");
  assert_money (sp_breakdown_get_government (first), "270");
  g_assert_true (sp_wallet_commit (wallet, first, &error));
  g_assert_no_error (error);
  assert_money (sp_voucher_get_balance (hz), "230");
  g_assert_true (sp_voucher_get_used (d10));
  assert_money (sp_wallet_get_year_to_date (wallet, "hangzhou"), "270");

  /* the discount is spent; the voucher has ¥230 left of the ¥300 due */
  second = sp_wallet_propose (wallet, purchase, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_breakdown_find_refusal (second, "D10")->reason, ==,
                   SP_REFUSAL_ALREADY_USED);
  g_assert_cmpint (sp_breakdown_find_line (second, "HZ")->limit, ==, SP_LIMIT_BALANCE);
  assert_money (sp_breakdown_get_government (second), "230");
  assert_money (sp_breakdown_get_company_cash (second), "770");

  /* committing the first one again is stale: nothing changes */
  g_assert_false (sp_wallet_commit (wallet, first, &error));
  g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_STALE);
  g_clear_error (&error);
  assert_money (sp_voucher_get_balance (hz), "230");
  assert_money (sp_wallet_get_year_to_date (wallet, "hangzhou"), "270");

  g_assert_true (sp_wallet_commit (wallet, second, &error));
  assert_money (sp_voucher_get_balance (hz), "0");
  assert_money (sp_wallet_get_year_to_date (wallet, "hangzhou"), "500");
}

/* More than SP_WALLET_EXHAUSTIVE_MAX vouchers: the greedy search */
static void
test_greedy (void)
{
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpPurchase) purchase = purchase_new ("gpu", "other-compute", "1000");
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (HZ "," NN);

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (json, ", {\"code\": \"ONE-%u\", \"kind\": \"discount\", \"amount\": \"1\"}", i);
  wallet_add_json (wallet, json->str);
  g_assert_cmpuint (sp_wallet_get_vouchers (wallet)->len, >, SP_WALLET_EXHAUSTIVE_MAX);

  bd = sp_wallet_propose (wallet, purchase, &error);
  g_assert_no_error (error);
  check_invariants (wallet, bd);
  /* 12 × ¥1 off, then Nanning 30% of ¥988 = ¥296.40 (Hangzhou only 20%) */
  assert_money (sp_breakdown_get_platform (bd), "12");
  assert_money (sp_breakdown_get_government (bd), "296.40");
  assert_money (sp_breakdown_get_government_for (bd, "nanning"), "296.40");
  assert_money (sp_breakdown_get_net (bd), "691.60");
  g_assert_cmpint (sp_breakdown_find_refusal (bd, "HZ")->reason, ==, SP_REFUSAL_DOUBLE_SUBSIDY);
}

/* Fewer vouchers win a tie: ¥100 bill, fourteen ¥10-off vouchers */
static void
test_greedy_tie (void)
{
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpPurchase) purchase = purchase_new ("gpu", "other-compute", "100");
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);

  for (guint i = 0; i < 14; i++)
    g_string_append_printf (json, "%s{\"code\": \"TEN-%u\", \"kind\": \"discount\", \"amount\": \"10\", \"single_use\": true}",
                            i ? "," : "", i);
  wallet_add_json (wallet, json->str);
  bd = sp_wallet_propose (wallet, purchase, &error);
  g_assert_no_error (error);
  check_invariants (wallet, bd);
  assert_money (sp_breakdown_get_platform (bd), "100");
  assert_money (sp_breakdown_get_company_cash (bd), "0");
  g_assert_cmpuint (sp_breakdown_get_n_lines (bd), ==, 10);
}

/* An exhaustive proposal is never worse than any subset evaluated by hand */
static void
test_proposal_is_optimal (void)
{
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpPurchase) purchase = purchase_new ("gpu", "domestic-compute", "2500");
  g_autoptr(SpBreakdown) best = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "HZ", "NN", "CAP", "D10", "F50", "P" };
  const guint n = G_N_ELEMENTS (codes);

  wallet_add_json (wallet, HZ "," NN "," CAP "," D10 "," F50 ","
                   "{\"code\": \"P\", \"kind\": \"prepaid\", \"vendor\": \"acme\", \"balance\": \"100\"}");
  best = sp_wallet_propose (wallet, purchase, &error);
  g_assert_no_error (error);
  for (guint mask = 0; mask < (1u << n); mask++)
    {
      const char *subset[G_N_ELEMENTS (codes) + 1];
      guint k = 0;
      g_autoptr(SpBreakdown) bd = NULL;

      for (guint i = 0; i < n; i++)
        if (mask & (1u << i))
          subset[k++] = codes[i];
      subset[k] = NULL;
      bd = sp_wallet_evaluate (wallet, purchase, subset, &error);
      g_assert_no_error (error);
      check_invariants (wallet, bd);
      g_assert_cmpint (sp_breakdown_get_net (best), <=, sp_breakdown_get_net (bd));
    }
  /* 2500 − 10% = 2250 − 50 = 2200 − 100 prepaid = 2100; HZ 30% = 630 + CAP
   * 30% (capped at 1000 per contract → 630) = 1260; Nanning alone 630 */
  assert_money (sp_breakdown_get_net (best), "840");
}

/* ---- property test ---- */

static const char * const random_programmes[] = {
  "hangzhou", "nanning", "shenzhen", "capped", "shenzhen-district", "listed", "atlantis",
};
static const char * const random_vendors[] = { "acme", "good-cloud", "other" };
static const char * const units[] = { "tokens", "card-hours", "core-hours" };

static SpMoney
random_money (GRand *rand,
              gint64 max_units)
{
  /* whole units, fen, or micro-units */
  gint64 units_part = (gint64) (g_rand_double (rand) * (double) max_units);
  SpMoney value = units_part * SP_MONEY_SCALE;

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      break;
    case 1:
      value += g_rand_int_range (rand, 0, 100) * 10000;
      break;
    default:
      value += g_rand_int_range (rand, 0, 1000000);
      break;
    }
  return value;
}

/* short, as the cases read */
#define day sp_test_day

static SpVoucher *
random_voucher (GRand *rand,
                guint  index)
{
  g_autofree char *code = g_strdup_printf ("V%u", index);
  SpVoucher *v;

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      {
        SpMoney face = random_money (rand, 5000);
        SpMoney balance = g_rand_boolean (rand) ? face : (SpMoney) (g_rand_double (rand) * (double) face);

        v = sp_voucher_new_government (code,
                                       random_programmes[g_rand_int_range (rand, 0, G_N_ELEMENTS (random_programmes))],
                                       face, balance);
      }
      break;
    case 1:
      if (g_rand_boolean (rand))
        v = sp_voucher_new_discount_percent (code, g_rand_int_range (rand, 0, 5001));
      else
        v = sp_voucher_new_discount_amount (code, random_money (rand, 300),
                                            g_rand_int_range (rand, 0, 5) ? "CNY" : "USD");
      if (g_rand_int_range (rand, 0, 3) == 0)
        sp_voucher_set_min_spend (v, random_money (rand, 2000));
      sp_voucher_set_single_use (v, g_rand_boolean (rand));
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          const char *vendors[] = { random_vendors[g_rand_int_range (rand, 0, 3)], NULL };

          sp_voucher_set_vendors (v, vendors);
        }
      break;
    default:
      if (g_rand_boolean (rand))
        v = sp_voucher_new_prepaid (code, random_vendors[g_rand_int_range (rand, 0, 3)], NULL,
                                    random_money (rand, 1000));
      else
        v = sp_voucher_new_prepaid (code, random_vendors[g_rand_int_range (rand, 0, 3)],
                                    units[g_rand_int_range (rand, 0, 3)],
                                    random_money (rand, 100));
      break;
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      guint32 from = day ("2025-12-01") + (guint32) g_rand_int_range (rand, 0, 300);

      sp_voucher_set_validity (v, g_rand_boolean (rand) ? from : 0,
                               from + (guint32) g_rand_int_range (rand, 0, 200));
    }
  return v;
}

static SpPurchase *
random_purchase (GRand *rand)
{
  SpPurchase *purchase = sp_purchase_new ();
  const char *all_tags[] = { "hangzhou", "nanning", "shenzhen", NULL };
  guint32 date = day ("2025-12-01") + (guint32) g_rand_int_range (rand, 0, 430);
  gint skip = g_rand_int_range (rand, 0, 4);

  sp_purchase_set_vendor (purchase, random_vendors[g_rand_int_range (rand, 0, 3)]);
  sp_purchase_set_programme_tags (purchase, all_tags + skip);
  sp_purchase_set_item_kind (purchase, (SpItemKind) g_rand_int_range (rand, 0, SP_ITEM_N_KINDS));
  sp_purchase_set_category (purchase, (SpCategory) g_rand_int_range (rand, 0, SP_CATEGORY_N));
  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      sp_purchase_set_list_amount (purchase, random_money (rand, 500), "USD");
      if (g_rand_int_range (rand, 0, 4) != 0)
        sp_purchase_set_payment (purchase, "CNY",
                                 6500000 + g_rand_int_range (rand, 0, 1000000));
    }
  else
    sp_purchase_set_list_amount (purchase,
                                 random_money (rand, g_rand_boolean (rand) ? 100 : 20000),
                                 "CNY");
  sp_purchase_set_date (purchase, date);
  if (g_rand_boolean (rand))
    {
      guint32 start = date - (guint32) g_rand_int_range (rand, 0, 60);

      sp_purchase_set_contract_period (purchase, start,
                                       start + (guint32) g_rand_int_range (rand, 0, 120));
    }
  if (g_rand_boolean (rand))
    sp_purchase_set_quantity (purchase, random_money (rand, 300) + 1);
  sp_purchase_set_startup (purchase, g_rand_boolean (rand));
  sp_purchase_set_vendor_affiliated (purchase, g_rand_int_range (rand, 0, 5) == 0);
  return purchase;
}

static void
test_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260615);
  guint purchases = 0, with_government = 0, with_prepaid = 0, with_platform = 0;

  for (guint w = 0; w < 400; w++)
    {
      g_autoptr(SpWallet) wallet = wallet_new ();
      guint n = (guint) g_rand_int_range (rand, 0, 9);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SpVoucher) v = random_voucher (rand, i);

          g_assert_true (sp_wallet_add_voucher (wallet, v));
        }
      if (g_rand_boolean (rand))
        sp_wallet_set_year_to_date (wallet, "capped", random_money (rand, 6000));

      for (guint k = 0; k < 8; k++)
        {
          g_autoptr(SpPurchase) purchase = random_purchase (rand);
          g_autoptr(SpBreakdown) all = NULL;
          g_autoptr(SpBreakdown) best = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) codes = g_ptr_array_new ();
          GPtrArray *vouchers = sp_wallet_get_vouchers (wallet);

          all = sp_wallet_evaluate (wallet, purchase, NULL, &error);
          if (all == NULL)
            {
              /* only a foreign list amount without a rate is unpriceable */
              g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID);
              continue;
            }
          purchases++;
          check_invariants (wallet, all);

          /* a random override, in a random order */
          for (guint i = 0; i < vouchers->len; i++)
            if (g_rand_boolean (rand))
              g_ptr_array_insert (codes, g_rand_int_range (rand, 0, (gint) codes->len + 1),
                                  (gpointer) sp_voucher_get_code (vouchers->pdata[i]));
          g_ptr_array_add (codes, NULL);
          {
            g_autoptr(SpBreakdown) some = sp_wallet_evaluate (wallet, purchase,
                                                              (const char * const *) codes->pdata,
                                                              &error);

            g_assert_no_error (error);
            check_invariants (wallet, some);
            best = sp_wallet_propose (wallet, purchase, &error);
            g_assert_no_error (error);
            check_invariants (wallet, best);
            g_assert_cmpint (sp_breakdown_get_net (best), <=, sp_breakdown_get_net (some));
            g_assert_cmpint (sp_breakdown_get_net (best), <=, sp_breakdown_get_net (all));
            g_assert_cmpint (sp_breakdown_get_net (best), <=, sp_breakdown_get_list (best));
          }
          with_government += sp_breakdown_get_government (best) > 0;
          with_prepaid += sp_breakdown_get_prepaid (best) > 0;
          with_platform += sp_breakdown_get_platform (best) > 0;

          g_assert_true (sp_wallet_commit (wallet, best, &error));
          g_assert_no_error (error);
          for (guint i = 0; i < vouchers->len; i++)
            {
              SpVoucher *v = vouchers->pdata[i];

              if (sp_voucher_get_kind (v) != SP_VOUCHER_DISCOUNT)
                g_assert_cmpint (sp_voucher_get_balance (v), >=, 0);
              if (sp_breakdown_find_line (best, sp_voucher_get_code (v)) != NULL &&
                  sp_voucher_get_single_use (v))
                g_assert_true (sp_voucher_get_used (v));
            }
          {
            SpProgramme *capped = sp_wallet_lookup_programme (wallet, "capped");

            g_assert_cmpint (sp_wallet_get_year_to_date (wallet, "capped"), <=,
                             MAX (sp_programme_get_cap_per_year (capped),
                                  sp_wallet_get_year_to_date (wallet, "capped") -
                                  sp_breakdown_get_government_for (best, "capped")));
          }
        }
    }
  g_test_message ("%u purchases: %u with government money, %u prepaid, %u platform discount",
                  purchases, with_government, with_prepaid, with_platform);
  g_assert_cmpuint (purchases, >=, 2500);
  /* the generator reaches every part of the rules */
  g_assert_cmpuint (with_government, >=, 100);
  g_assert_cmpuint (with_prepaid, >=, 100);
  g_assert_cmpuint (with_platform, >=, 100);
}

/* The proposal's search walks include / leave out per voucher instead of
 * evaluating each subset in turn: it must pick exactly what evaluating
 * every subset picks (the best totals, ties to the lowest subset), for
 * both goals, on random wallets of up to 10 vouchers. */
static void
test_proposal_matches_every_subset (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  guint compared = 0, with_lines = 0;

  for (guint w = 0; w < 60; w++)
    {
      g_autoptr(SpWallet) wallet = wallet_new ();
      guint n = (guint) g_rand_int_range (rand, 4, 11);
      GPtrArray *vouchers = sp_wallet_get_vouchers (wallet);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SpVoucher) v = random_voucher (rand, i);

          g_assert_true (sp_wallet_add_voucher (wallet, v));
        }
      if (g_rand_boolean (rand))
        sp_wallet_set_year_to_date (wallet, "capped", random_money (rand, 6000));

      for (guint k = 0; k < 4; k++)
        {
          g_autoptr(SpPurchase) purchase = random_purchase (rand);
          SpProposeGoal goal = g_rand_boolean (rand) ? SP_PROPOSE_LEAST_COST : SP_PROPOSE_LEAST_CASH;
          g_autoptr(SpBreakdown) best = NULL;
          g_autoptr(GError) error = NULL;
          SpMoney ref_goal = 0, ref_prepaid = 0;
          guint ref_lines = 0, ref_mask = 0;
          gboolean found = FALSE;

          best = sp_wallet_propose_for (wallet, purchase, goal, &error);
          if (best == NULL)
            {
              g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID);
              continue;
            }
          for (guint mask = 0; mask < (1u << n); mask++)
            {
              const char *subset[11];
              guint m = 0;
              g_autoptr(SpBreakdown) bd = NULL;
              SpMoney g, prepaid;
              guint lines;
              gboolean skip = FALSE;

              for (guint i = 0; i < n; i++)
                if (mask & (1u << i))
                  {
                    SpVoucher *v = vouchers->pdata[i];

                    /* the least-cost search never draws a pack */
                    skip |= goal == SP_PROPOSE_LEAST_COST &&
                            sp_voucher_get_kind (v) == SP_VOUCHER_PREPAID;
                    subset[m++] = sp_voucher_get_code (v);
                  }
              if (skip)
                continue;
              subset[m] = NULL;
              bd = sp_wallet_evaluate (wallet, purchase, subset, &error);
              g_assert_no_error (error);
              prepaid = sp_breakdown_get_prepaid (bd);
              g = sp_breakdown_get_net (bd) + (goal == SP_PROPOSE_LEAST_COST ? prepaid : 0);
              lines = sp_breakdown_get_n_lines (bd);
              if (!found || g < ref_goal || (g == ref_goal && prepaid < ref_prepaid) ||
                  (g == ref_goal && prepaid == ref_prepaid && lines < ref_lines))
                {
                  found = TRUE;
                  ref_goal = g;
                  ref_prepaid = prepaid;
                  ref_lines = lines;
                  ref_mask = mask;
                }
            }
          g_assert_true (found);
          g_assert_cmpint (sp_breakdown_get_net (best) +
                           (goal == SP_PROPOSE_LEAST_COST ? sp_breakdown_get_prepaid (best) : 0),
                           ==, ref_goal);
          g_assert_cmpint (sp_breakdown_get_prepaid (best), ==, ref_prepaid);
          g_assert_cmpuint (sp_breakdown_get_n_lines (best), ==, ref_lines);
          /* the same vouchers: those of the lowest best subset */
          for (guint i = 0; i < n; i++)
            g_assert_cmpint (sp_breakdown_find_line (best, sp_voucher_get_code (vouchers->pdata[i])) != NULL,
                             ==, (ref_mask & (1u << i)) != 0);
          compared++;
          with_lines += ref_lines > 1;
          /* spend it: balances, single use and yearly totals change, so
           * the next proposals (and the wallet's cache of searches) must
           * see the wallet as it is now; then the same purchase again */
          g_assert_true (sp_wallet_commit (wallet, best, &error));
          g_assert_no_error (error);
          if (k % 2 == 0)
            {
              g_autoptr(SpBreakdown) again = sp_wallet_propose_for (wallet, purchase, goal, &error);
              g_autoptr(SpBreakdown) all = NULL;

              g_assert_no_error (error);
              all = sp_wallet_evaluate (wallet, purchase, NULL, &error);
              g_assert_no_error (error);
              check_invariants (wallet, again);
              g_assert_cmpint (sp_breakdown_get_net (again) +
                               (goal == SP_PROPOSE_LEAST_COST ? sp_breakdown_get_prepaid (again) : 0),
                               <=,
                               sp_breakdown_get_net (all) +
                               (goal == SP_PROPOSE_LEAST_COST ? sp_breakdown_get_prepaid (all) : 0));
            }
        }
    }
  g_test_message ("%u proposals compared, %u with more than one voucher", compared, with_lines);
  g_assert_cmpuint (compared, >=, 150);
  g_assert_cmpuint (with_lines, >=, 30);
}

static void
test_chinese_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sp_programme_list_shipped (&error);
  g_autofree char *old = g_strdup (g_getenv ("LANGUAGE"));

  g_assert_no_error (error);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  if (!g_str_has_prefix (g_get_language_names ()[0], "zh"))
    {
      g_test_skip ("the language list does not follow $LANGUAGE in this locale");
      return;
    }
  g_assert_cmpstr (sp_programme_get_name (list->pdata[0]), ==, "杭州算力券");
  g_setenv ("LANGUAGE", old != NULL ? old : "en", TRUE);
  g_assert_cmpstr (sp_programme_get_name (list->pdata[0]), ==, "Hangzhou compute vouchers");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  int status;

  sp_test_init_core (&argc, &argv);

  all_programmes = sp_test_shipped_programmes ();
  path = sp_test_source_path ("tests/data/vouchers/programmes.json");
  file = g_file_new_for_path (path);
  extra = sp_programme_list_from_file (file, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_add (all_programmes, g_object_ref (extra->pdata[i]));

  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/voucher/rules/%s", rule_cases[i].name);

      g_test_add_data_func (name, &rule_cases[i], test_rule);
    }
  g_test_add_func ("/voucher/shipped-programmes", test_shipped_programmes);
  g_test_add_func ("/voucher/wallet-file", test_wallet_file);
  g_test_add_func ("/voucher/bad-files", test_bad_files);
  g_test_add_func ("/voucher/invalid-purchase", test_invalid_purchase);
  g_test_add_func ("/voucher/explanation", test_explanation);
  g_test_add_func ("/voucher/commit", test_commit);
  g_test_add_func ("/voucher/greedy", test_greedy);
  g_test_add_func ("/voucher/greedy-tie", test_greedy_tie);
  g_test_add_func ("/voucher/proposal-is-optimal", test_proposal_is_optimal);
  g_test_add_func ("/voucher/property", test_property);
  g_test_add_func ("/voucher/chinese-names", test_chinese_names);
  g_test_add_func ("/voucher/proposal-matches-every-subset", test_proposal_matches_every_subset);

  status = g_test_run ();
  g_ptr_array_unref (all_programmes);
  return status;
}
