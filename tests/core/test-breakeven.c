/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-breakeven.c — break-even between the ways of buying a GPU class
 * (issue 18 part 2): commitment texts, the cheapest way per kind, exact
 * crossovers.  Every expected figure is computed by hand in the comments
 * from tests/data/feeds/breakeven-feed.json. */
#include "config.h"

#include <string.h>

#include "sp-breakeven.h"
#include "sp-core.h"
#include "sp-suspicious.h"
#include "sp-test-util.h"

#define M(units) ((SpMoney) (units) * SP_MONEY_SCALE)

static GPtrArray *
feed_offers (void)
{
  return sp_test_source_offers ("tests/data/feeds/breakeven-feed.json");
}

static SpBreakeven *
run (const char *gpu_model,
     gint64      tokens_per_second,
     const char *model,
     SpWallet   *wallet)
{
  g_autoptr(GPtrArray) offers = feed_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GError) error = NULL;
  /* "too cheap to be true" offers are left out, as the CLI and the app do */
  g_autoptr(GHashTable) flags = sp_offer_flags_compute (offers, ctx, NULL);
  SpBreakevenQuery query = { 0 };
  SpBreakeven *be;

  query.flags = flags;
  query.gpu_model = gpu_model;
  query.tokens_per_second = tokens_per_second;
  query.model = model;
  g_assert_true (sp_date_parse_iso ("2026-03-10", &query.date));
  be = sp_breakeven_run (offers, &query, ctx, wallet, &error);
  g_assert_no_error (error);
  g_assert_nonnull (be);
  return be;
}

static const SpBreakevenCrossover *
crossover (SpBreakeven *be,
           guint        i)
{
  g_assert_cmpuint (i, <, be->crossovers->len);
  return &g_array_index (be->crossovers, SpBreakevenCrossover, i);
}

static void
test_parse_commitment (void)
{
  struct { const char *text; guint months; } good[] = {
    { "1 month", 1 }, { "3 months", 3 }, { "1 year", 12 }, { "2 years", 24 },
    { "1个月", 1 }, { "3个月", 3 }, { "1年", 12 }, { "一年", 12 }, { "三个月", 3 },
    { "半年", 6 }, { "包月", 1 }, { "包年", 12 }, { "12-Month", 12 }, { " 6 MO ", 6 },
    { "1 yr", 12 }, { "monthly", 1 }, { "Annual", 12 }, { "10 years", 120 },
  };
  const char *bad[] = {
    NULL, "", "  ", "prepaid pack of 500 card-hours", "0 months", "11 years", "month 1",
    "1 week", "3", "years", "1 month and a bit", "\xff",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint months = 0;

      g_test_message ("%s", good[i].text);
      g_assert_true (sp_breakeven_parse_commitment (good[i].text, &months));
      g_assert_cmpuint (months, ==, good[i].months);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint months = 99;

      g_assert_false (sp_breakeven_parse_commitment (bad[i], &months));
      g_assert_cmpuint (months, ==, 99);
    }
}

static void
test_parse_commitment_hours (void)
{
  struct { const char *text; guint months, hours; } good[] = {
    { "1 month", 1, 720 }, { "1 month (730 h)", 1, 730 }, { "1 year, 730 hours per month", 12, 730 },
    { "1个月（730小时）", 1, 730 }, { "3 months (744 hours/month)", 3, 744 }, { "1年，700小时/月", 12, 700 },
  };
  const char *bad[] = {
    "1 month (745 h)", "1 month (0 h)", "1 month (about 730 h)", "1 month, billed hourly",
    "prepaid pack of 500 card-hours", "(730 h)", NULL,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint months = 0, hours = 0;

      g_test_message ("%s", good[i].text);
      g_assert_true (sp_breakeven_parse_commitment_hours (good[i].text, &months, &hours));
      g_assert_cmpuint (months, ==, good[i].months);
      g_assert_cmpuint (hours, ==, good[i].hours);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint months = 99, hours = 99;

      g_test_message ("%s", bad[i] ? bad[i] : "(null)");
      g_assert_false (sp_breakeven_parse_commitment_hours (bad[i], &months, &hours));
    }
}

/* T4: a monthly plan that counts 730 h a month: ¥1.00 × 730 = ¥730.00, so
 * against pay as you go at ¥2.00 it wins above 365 h (not 360) */
static void
test_offer_hours_per_month (void)
{
  g_autoptr(SpBreakeven) be = run ("T4", 0, NULL, NULL);
  const SpBreakevenOption *month = sp_breakeven_get_option (be, SP_BREAKEVEN_MONTHLY);

  g_assert_nonnull (month);
  g_assert_cmpuint (month->hours_per_month, ==, 730);
  g_assert_cmpint (month->monthly_fixed, ==, M (730));
  g_assert_cmpint (crossover (be, 0)->at, ==, 365);
}

/* L40S: pay as you go ¥10.00 (the USD offer is $1.50 × 7.2 = ¥10.80),
 * spot ¥9.00, monthly plan (1个月) ¥5.15 × 720 = ¥3,708.00 a month, the
 * three-month plan ¥5.60 loses to it; the prepaid pack is not a way, and
 * the ¥1.00 offer (under 40% of the group's median ¥5.60) is suspicious.
 * Spot wins at low volume; spot costs 9 h, so the monthly plan wins above
 * 3708 / 9 = 412 h exactly: at 412 they tie, at 411 spot costs ¥3,699. */
static void
test_commitment_crossover (void)
{
  g_autoptr(SpBreakeven) be = run ("L40S", 0, NULL, NULL);
  const SpBreakevenOption *od = sp_breakeven_get_option (be, SP_BREAKEVEN_ON_DEMAND);
  const SpBreakevenOption *spot = sp_breakeven_get_option (be, SP_BREAKEVEN_SPOT);
  const SpBreakevenOption *month = sp_breakeven_get_option (be, SP_BREAKEVEN_MONTHLY);

  g_assert_cmpint (be->axis, ==, SP_BREAKEVEN_AXIS_HOURS);
  g_assert_cmpint (be->axis_max, ==, M (720));
  g_assert_cmpuint (be->options->len, ==, 3);
  g_assert_cmpuint (be->n_suspicious, ==, 1);
  g_assert_cmpuint (be->n_unreadable, ==, 0);
  g_assert_cmpstr (sp_offer_get_id (od->offer), ==, "l40s-od");
  g_assert_cmpint (od->unit_price, ==, M (10));
  g_assert_cmpstr (sp_offer_get_id (spot->offer), ==, "l40s-spot");
  g_assert_cmpstr (sp_offer_get_id (month->offer), ==, "l40s-month");
  g_assert_cmpint (month->unit_price, ==, 5150000);
  g_assert_cmpint (month->monthly_fixed, ==, M (3708));
  g_assert_cmpuint (month->commitment_months, ==, 1);
  g_assert_cmpuint (month->hours_per_month, ==, 720);
  g_assert_cmpint (month->commitment_total, ==, M (3708));
  g_assert_null (sp_breakeven_get_option (be, SP_BREAKEVEN_YEARLY));
  g_assert_null (sp_breakeven_get_option (be, SP_BREAKEVEN_TOKENS));

  g_assert_cmpint (be->cheapest_at_zero, ==, SP_BREAKEVEN_SPOT);
  g_assert_cmpuint (be->crossovers->len, ==, 1);
  g_assert_cmpint (crossover (be, 0)->from, ==, SP_BREAKEVEN_SPOT);
  g_assert_cmpint (crossover (be, 0)->to, ==, SP_BREAKEVEN_MONTHLY);
  g_assert_cmpint (crossover (be, 0)->at, ==, 412);

  /* the costs either side */
  g_assert_cmpint (sp_breakeven_cost_at (spot, M (411)), ==, M (3699));
  g_assert_cmpint (sp_breakeven_cost_at (spot, M (412)), ==, M (3708));
  g_assert_cmpint (sp_breakeven_cost_at (spot, M (413)), ==, M (3717));
  g_assert_cmpint (sp_breakeven_cost_at (month, M (0)), ==, M (3708));
  g_assert_cmpint (sp_breakeven_cost_at (month, M (720)), ==, M (3708));
  /* half an hour of spot: ¥4.50 */
  g_assert_cmpint (sp_breakeven_cost_at (spot, 500000), ==, 4500000);

  {
    g_autofree char *text = sp_breakeven_describe_crossover (be, crossover (be, 0));
    g_assert_cmpstr (text, ==, "above 412 h/month the monthly plan is cheaper");
  }
}

/* A10: pay as you go ¥3.00 beats spot ¥3.50 at every volume (no
 * crossover between them); the yearly plan (1年) ¥2.01 × 720 = ¥1,447.20
 * a month wins above 1447.2 / 3 = 482.4 h, rounded up to 483; the reserved
 * offer "until the project ends" cannot be read and is left out. */
static void
test_spot_and_yearly (void)
{
  g_autoptr(SpBreakeven) be = run ("A10", 0, NULL, NULL);
  const SpBreakevenOption *year = sp_breakeven_get_option (be, SP_BREAKEVEN_YEARLY);
  const SpBreakevenOption *od = sp_breakeven_get_option (be, SP_BREAKEVEN_ON_DEMAND);

  g_assert_cmpuint (be->n_unreadable, ==, 1);
  g_assert_cmpuint (be->n_suspicious, ==, 0);
  g_assert_nonnull (year);
  g_assert_cmpuint (year->commitment_months, ==, 12);
  g_assert_cmpint (year->monthly_fixed, ==, 1447200000);
  g_assert_cmpint (year->commitment_total, ==, 17366400000);
  g_assert_null (sp_breakeven_get_option (be, SP_BREAKEVEN_MONTHLY));
  g_assert_cmpint (be->cheapest_at_zero, ==, SP_BREAKEVEN_ON_DEMAND);
  g_assert_cmpuint (be->crossovers->len, ==, 1);
  g_assert_cmpint (crossover (be, 0)->from, ==, SP_BREAKEVEN_ON_DEMAND);
  g_assert_cmpint (crossover (be, 0)->to, ==, SP_BREAKEVEN_YEARLY);
  g_assert_cmpint (crossover (be, 0)->at, ==, 483);
  /* 482 h of pay as you go ¥1,446 < ¥1,447.20 < 483 h ¥1,449 */
  g_assert_cmpint (sp_breakeven_cost_at (od, M (482)), <, year->monthly_fixed);
  g_assert_cmpint (sp_breakeven_cost_at (od, M (483)), >, year->monthly_fixed);
}

/* Self-hosting an L40S at 500 tokens/s: 1.8M tokens a card-hour, 1,296M
 * in 720 h.  Bench LLM ¥2.00 in / ¥8.00 out at the 3:1 mix = ¥3.50 per
 * 1M; spot ¥9.00 / 1.8 = ¥5.00 per 1M, pay as you go ¥5.555556; so the
 * token API wins at low volume and the monthly plan (¥3,708) above
 * 3708 / 3.5 = 1059.43M, rounded up to 1,060M tokens a month. */
static void
test_self_host_vs_tokens (void)
{
  g_autoptr(SpBreakeven) be = run ("L40S", M (500), "bench-llm", NULL);
  const SpBreakevenOption *tokens = sp_breakeven_get_option (be, SP_BREAKEVEN_TOKENS);
  const SpBreakevenOption *spot = sp_breakeven_get_option (be, SP_BREAKEVEN_SPOT);
  const SpBreakevenOption *od = sp_breakeven_get_option (be, SP_BREAKEVEN_ON_DEMAND);
  const SpBreakevenOption *month = sp_breakeven_get_option (be, SP_BREAKEVEN_MONTHLY);

  g_assert_cmpint (be->axis, ==, SP_BREAKEVEN_AXIS_TOKENS);
  g_assert_cmpint (be->axis_max, ==, M (1296));
  g_assert_nonnull (tokens);
  g_assert_cmpint (tokens->unit_price, ==, 3500000);
  g_assert_cmpint (spot->unit_price_per_mtok, ==, M (5));
  g_assert_cmpint (od->unit_price_per_mtok, ==, 5555556);
  g_assert_cmpint (month->unit_price_per_mtok, ==, 2861111);
  /* 100M tokens self-hosted on spot: 55.5… card-hours × ¥9 = ¥500 */
  g_assert_cmpint (sp_breakeven_cost_at (spot, M (100)), ==, M (500));
  g_assert_cmpint (be->cheapest_at_zero, ==, SP_BREAKEVEN_TOKENS);
  g_assert_cmpuint (be->crossovers->len, ==, 1);
  g_assert_cmpint (crossover (be, 0)->from, ==, SP_BREAKEVEN_TOKENS);
  g_assert_cmpint (crossover (be, 0)->to, ==, SP_BREAKEVEN_MONTHLY);
  g_assert_cmpint (crossover (be, 0)->at, ==, 1060);
  g_assert_cmpint (sp_breakeven_cost_at (tokens, M (1059)), <, month->monthly_fixed);
  g_assert_cmpint (sp_breakeven_cost_at (tokens, M (1060)), >, month->monthly_fixed);
  {
    g_autofree char *text = sp_breakeven_describe_crossover (be, crossover (be, 0));
    g_assert_cmpstr (text, ==, "above 1060 M tokens/month the monthly plan is cheaper");
  }
}

/* At 2,000 tokens/s the card is so fast that spot self-hosting (¥9 / 7.2
 * = ¥1.25 per 1M) beats the token API from the first token, and the
 * monthly plan wins above 3708 / 1.25 = 2966.4 → 2,967M tokens. */
static void
test_self_host_fast (void)
{
  g_autoptr(SpBreakeven) be = run ("L40S", M (2000), "bench-llm", NULL);

  g_assert_cmpint (be->cheapest_at_zero, ==, SP_BREAKEVEN_SPOT);
  g_assert_cmpuint (be->crossovers->len, ==, 1);
  g_assert_cmpint (crossover (be, 0)->to, ==, SP_BREAKEVEN_MONTHLY);
  g_assert_cmpint (crossover (be, 0)->at, ==, 2967);
}

/* A 50% voucher halves every unit price (spot ¥4.50, monthly ¥2.575 →
 * ¥1,854 a month): the crossover stays at 1854 / 4.5 = 412 h; the list
 * prices are kept beside them. */
static void
test_after_vouchers (void)
{
  g_autoptr(SpWallet) wallet = sp_wallet_new ();
  g_autoptr(SpVoucher) half = sp_voucher_new_discount_percent ("HALF", 5000);
  g_autoptr(SpBreakeven) be = NULL;
  const SpBreakevenOption *spot, *month;

  g_assert_true (sp_wallet_add_voucher (wallet, half));
  be = run ("L40S", 0, NULL, wallet);
  spot = sp_breakeven_get_option (be, SP_BREAKEVEN_SPOT);
  month = sp_breakeven_get_option (be, SP_BREAKEVEN_MONTHLY);
  g_assert_cmpint (spot->unit_price, ==, 4500000);
  g_assert_cmpint (spot->list_price, ==, M (9));
  g_assert_cmpint (month->unit_price, ==, 2575000);
  g_assert_cmpint (month->monthly_fixed, ==, M (1854));
  g_assert_cmpint (crossover (be, 0)->at, ==, 412);
}

static void
test_errors (void)
{
  g_autoptr(GPtrArray) offers = feed_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  SpBreakevenQuery query = { 0 };
  struct { const char *gpu; gint64 tps; const char *model; int code; } cases[] = {
    { "H100", 0, NULL, SP_BREAKEVEN_ERROR_NO_OFFERS },
    /* only a prepaid pack */
    { "RTX 4090", 0, NULL, SP_BREAKEVEN_ERROR_NO_OFFERS },
    { "L40S", M (500), "no-such-model", SP_BREAKEVEN_ERROR_NO_OFFERS },
    { "L40S", M (500), NULL, SP_BREAKEVEN_ERROR_INVALID },
    { "L40S", -1, "bench-llm", SP_BREAKEVEN_ERROR_INVALID },
    { "L40S", G_MAXINT64, "bench-llm", SP_BREAKEVEN_ERROR_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpBreakeven) be = NULL;

      query.gpu_model = cases[i].gpu;
      query.tokens_per_second = cases[i].tps;
      query.model = cases[i].model;
      be = sp_breakeven_run (offers, &query, ctx, NULL, &error);
      g_assert_null (be);
      g_assert_error (error, SP_BREAKEVEN_ERROR, cases[i].code);
    }

  /* by memory alone: 40 GB and more is the L40S class */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpBreakeven) be = NULL;

    g_autoptr(SpBreakeven) unflagged = NULL;
    g_autoptr(GHashTable) flags = sp_offer_flags_compute (offers, ctx, NULL);

    memset (&query, 0, sizeof query);
    query.min_gpu_memory_gb = 40;
    query.flags = flags;
    be = sp_breakeven_run (offers, &query, ctx, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (crossover (be, 0)->at, ==, 412);

    /* without the flags, the ¥1.00 offer is pay as you go, and cheapest at
     * every volume (¥720 a month at most) */
    query.flags = NULL;
    unflagged = sp_breakeven_run (offers, &query, ctx, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (unflagged->n_suspicious, ==, 0);
    g_assert_cmpstr (sp_offer_get_id (sp_breakeven_get_option (unflagged, SP_BREAKEVEN_ON_DEMAND)->offer),
                     ==, "l40s-too-cheap");
    g_assert_cmpuint (unflagged->crossovers->len, ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();

  g_test_add_func ("/breakeven/parse-commitment", test_parse_commitment);
  g_test_add_func ("/breakeven/parse-commitment-hours", test_parse_commitment_hours);
  g_test_add_func ("/breakeven/offer-hours-per-month", test_offer_hours_per_month);
  g_test_add_func ("/breakeven/commitment-crossover", test_commitment_crossover);
  g_test_add_func ("/breakeven/spot-and-yearly", test_spot_and_yearly);
  g_test_add_func ("/breakeven/self-host-vs-tokens", test_self_host_vs_tokens);
  g_test_add_func ("/breakeven/self-host-fast", test_self_host_fast);
  g_test_add_func ("/breakeven/after-vouchers", test_after_vouchers);
  g_test_add_func ("/breakeven/errors", test_errors);
  return g_test_run ();
}
