/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-money-path.c — one money path from an offer to what is paid (issue 14)
 *
 * Hand-computed figures for the cases of the issue, and a property test over
 * random prices, quantities, exchange rates and voucher rules: the parts add
 * up to the list exactly, the CNY list equals the exact conversion rounded
 * once (checked against an independent 128-bit computation), the window's
 * and the command line's purchases agree, a prepaid pack never lowers the
 * price after vouchers, and sorting by the price after vouchers agrees with
 * the exact values. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-core.h"
#include "sp-programme.h"
#include "sp-test-util.h"

__extension__ typedef __int128 Int128;

#define FEN G_GINT64_CONSTANT (10000)

static GPtrArray *programmes;

/* short, as the cases read */
#define M sp_test_money
#define day sp_test_day

/* The offers of a feed made of @offers_json (one vendor, "v") */
static GPtrArray *
parse_offers (const char *offers_json)
{
  g_autofree char *feed = g_strdup_printf ("{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"v\", "
                                           "\"name\": {\"en\": \"V\"}}, \"offers\": [%s]}", offers_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = sp_import_parse (feed, strlen (feed), SP_FEED_FORMAT_SUANPAN,
                                                      "test", NULL, &error);

  g_assert_no_error (error);
  return g_ptr_array_ref (sp_import_result_get_offers (result));
}

static SpOffer *
find (GPtrArray  *offers,
      const char *id)
{
  for (guint i = 0; i < offers->len; i++)
    if (g_str_equal (sp_offer_get_id (offers->pdata[i]), id))
      return offers->pdata[i];
  g_assert_not_reached ();
}

static GPtrArray *
money_feed (void)
{
  g_autofree char *path = sp_test_source_path ("tests/data/feeds/money-feed.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = sp_import_parse_file (path, SP_FEED_FORMAT_SUANPAN, "money",
                                                           &error);

  g_assert_no_error (error);
  return g_ptr_array_ref (sp_import_result_get_offers (result));
}

static SpWallet *
wallet_new (void)
{
  return sp_test_wallet_new (programmes);
}

/* num / den rounded half up, both > 0 */
static Int128
div_half_up (Int128 num,
             Int128 den)
{
  Int128 q = num / den, r = num % den;

  return r * 2 >= den ? q + 1 : q;
}

/* ---- the cases of the issue ---- */

static SpBreakdown *
buy (SpOffer    *offer,
     const char *units,
     SpWallet   *wallet)
{
  g_autoptr(SpPurchase) purchase = NULL;
  g_autoptr(GError) error = NULL;
  SpBreakdown *bd;

  purchase = sp_offer_purchase_new_mixed (offer, M (units), 3, 1, sp_offer_default_category (offer),
                                          day ("2026-03-10"), "CNY", 7200000, &error);
  g_assert_no_error (error);
  bd = sp_wallet_propose (wallet, purchase, &error);
  g_assert_no_error (error);
  return bd;
}

static void
test_issue_figures (void)
{
  g_autoptr(GPtrArray) offers = money_feed ();
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpBreakdown) tokens = NULL;
  g_autoptr(SpBreakdown) t4 = NULL;
  g_autoptr(SpBreakdown) t4_100 = NULL;

  /* 1M tokens at $0.015 in / $0.042 out, 3:1 → $0.02175 → ¥0.1566 exact →
   * ¥0.16 (was ¥0.14: $0.02 first, then converted) */
  tokens = buy (find (offers, "cheap-model"), "1", wallet);
  g_assert_cmpint (sp_breakdown_get_list_original (tokens), ==, M ("0.02"));
  g_assert_cmpint (sp_breakdown_get_list (tokens), ==, M ("0.16"));
  g_assert_cmpint (sp_breakdown_get_cost (tokens), ==, M ("0.16"));
  /* one card-hour at $0.0925 → ¥0.666 → ¥0.67 (was ¥0.65) */
  t4 = buy (find (offers, "cheap-t4"), "1", wallet);
  g_assert_cmpint (sp_breakdown_get_list_original (t4), ==, M ("0.09"));
  g_assert_cmpint (sp_breakdown_get_list (t4), ==, M ("0.67"));
  /* 100 card-hours: $9.25 → ¥66.60 */
  t4_100 = buy (find (offers, "cheap-t4"), "100", wallet);
  g_assert_cmpint (sp_breakdown_get_list_original (t4_100), ==, M ("9.25"));
  g_assert_cmpint (sp_breakdown_get_list (t4_100), ==, M ("66.60"));
}

/* Unit prices after a 50% voucher keep six decimals: ¥0.0783 and ¥0.054,
 * not ¥0.08 and ¥0.05; with no voucher, the normalized price exactly */
static void
test_unit_price_after_vouchers (void)
{
  g_autoptr(GPtrArray) offers = money_feed ();
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpWallet) empty = wallet_new ();
  g_autoptr(SpVoucher) half = sp_voucher_new_discount_percent ("HALF", 5000);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  struct { const char *id; const char *normalized; const char *after; } cases[] = {
    { "cheap-model", "0.1566", "0.0783" },
    { "yuan-model", "0.108", "0.054" },
    { "cheap-t4", "0.666", "0.333" },
  };

  g_assert_true (sp_wallet_add_voucher (wallet, half));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpOffer *offer = find (offers, cases[i].id);
      g_autoptr(SpBreakdown) b = NULL;
      g_autoptr(SpBreakdown) none = NULL;
      g_autoptr(GError) error = NULL;
      SpMoney after = 0, plain = 0;
      g_autofree char *text = NULL;

      g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN), ==,
                       M (cases[i].normalized));
      b = sp_offer_propose_unit (wallet, offer, ctx, day ("2026-03-10"), &after, &error);
      g_assert_no_error (error);
      g_assert_cmpint (after, ==, M (cases[i].after));
      text = sp_money_to_string (after, 2);
      g_assert_cmpstr (text, ==, cases[i].after);
      none = sp_offer_propose_unit (empty, offer, ctx, day ("2026-03-10"), &plain, &error);
      g_assert_no_error (error);
      g_assert_cmpint (plain, ==, M (cases[i].normalized));
    }
}

/* A ¥300 prepaid balance: the offers of its vendor cost what they cost;
 * a purchase drawn from it costs the list and is paid from the pack */
static void
test_prepaid_is_not_a_discount (void)
{
  g_autoptr(GPtrArray) offers = money_feed ();
  g_autoptr(SpWallet) wallet = wallet_new ();
  g_autoptr(SpVoucher) pack = sp_voucher_new_prepaid ("PACK", "cheap-cloud", NULL, 300 * SP_MONEY_SCALE);
  g_autoptr(SpVoucher) sz = sp_voucher_new_government ("SZ", "shenzhen", 1000 * SP_MONEY_SCALE,
                                                       1000 * SP_MONEY_SCALE);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpBreakdown) unit = NULL;
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  SpOffer *t4 = find (offers, "cheap-t4");
  SpMoney after = 0;

  g_assert_true (sp_wallet_add_voucher (wallet, pack));
  unit = sp_offer_propose_unit (wallet, t4, ctx, day ("2026-03-10"), &after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after, ==, M ("0.666"));   /* was ¥0.00 */
  g_assert_cmpint (sp_breakdown_get_n_lines (unit), ==, 0);

  bd = buy (t4, "100", wallet);
  g_assert_cmpint (sp_breakdown_get_list (bd), ==, M ("66.60"));
  g_assert_cmpint (sp_breakdown_get_prepaid (bd), ==, M ("66.60"));
  g_assert_cmpint (sp_breakdown_get_company_cash (bd), ==, 0);
  g_assert_cmpint (sp_breakdown_get_cost (bd), ==, M ("66.60"));
  g_clear_object (&unit);
  g_clear_object (&bd);

  /* with Shenzhen's 50% too, the cheapest cost takes the subsidy (the pack
   * is not drawn for the price after vouchers); paying from the pack
   * settles nothing, so the proposal for cash draws the pack first */
  g_assert_true (sp_wallet_add_voucher (wallet, sz));
  unit = sp_offer_propose_unit (wallet, t4, ctx, day ("2026-03-10"), &after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after, ==, M ("0.333"));
  bd = buy (t4, "100", wallet);
  g_assert_cmpint (sp_breakdown_get_cost (bd), ==,
                   sp_breakdown_get_list (bd) - sp_breakdown_get_platform (bd) -
                   sp_breakdown_get_government (bd));
  g_assert_cmpint (sp_breakdown_get_cost (bd), ==,
                   sp_breakdown_get_net (bd) + sp_breakdown_get_prepaid (bd));
}

/* ---- property test ---- */

typedef struct {
  char    *json;
  gboolean tokens;
  gboolean usd;
  SpMoney  price, input, output;
} RandomOffer;

static SpMoney
random_price (GRand *rand)
{
  /* from a micro-unit to ¥/$100, any number of decimals up to six */
  static const SpMoney scale[] = { 10, 1000, 100000, 10000000, 100000000 };

  return 1 + g_rand_int_range (rand, 0, (gint32) scale[g_rand_int_range (rand, 0, 5)]);
}

static char *
random_offer_json (GRand       *rand,
                   guint        index,
                   RandomOffer *o)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  o->tokens = g_rand_boolean (rand);
  o->usd = g_rand_boolean (rand);
  o->price = random_price (rand);
  o->input = o->price;
  o->output = random_price (rand);
  a = sp_money_to_string (o->price, 0);
  b = sp_money_to_string (o->output, 0);
  if (o->tokens)
    return g_strdup_printf ("{\"id\": \"o%u\", \"kind\": \"tokens\", \"name\": \"T\", \"model\": \"m%u\", "
                            "\"price\": {\"currency\": \"%s\", \"input\": \"%s\", \"output\": \"%s\"}}",
                            index, index, o->usd ? "USD" : "CNY", a, b);
  return g_strdup_printf ("{\"id\": \"o%u\", \"kind\": \"gpu\", \"name\": \"G\", "
                          "\"spec\": {\"gpu_model\": \"H100\", \"gpu_count\": 1}, "
                          "\"price\": {\"currency\": \"%s\", \"per_unit\": \"%s\"}}",
                          index, o->usd ? "USD" : "CNY", a);
}

/* The exact list of @units of @o as num/den of the offer's currency
 * (micro-units), written independently of the code under test */
static void
exact_list (const RandomOffer *o,
            SpMoney            units,
            guint              mi,
            guint              mo,
            Int128            *num,
            Int128            *den)
{
  if (!o->tokens)
    {
      *num = (Int128) o->price * units;
      *den = SP_MONEY_SCALE;
      return;
    }
  *num = (Int128) units * (o->input * (Int128) mi + o->output * (Int128) mo);
  *den = (Int128) SP_MONEY_SCALE * (mi + mo);
}

static void
random_vouchers (GRand    *rand,
                 SpWallet *wallet)
{
  guint n = (guint) g_rand_int_range (rand, 0, 5);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("R%u", i);
      g_autoptr(SpVoucher) v = NULL;

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          v = sp_voucher_new_discount_percent (code, g_rand_int_range (rand, 1, 9001));
          break;
        case 1:
          v = sp_voucher_new_discount_amount (code, random_price (rand), "CNY");
          break;
        case 2:
          v = sp_voucher_new_prepaid (code, "v", NULL, random_price (rand) * 100);
          break;
        default:
          v = sp_voucher_new_government (code, "shenzhen", 10000 * SP_MONEY_SCALE,
                                         random_price (rand) * 100);
          break;
        }
      g_assert_true (sp_wallet_add_voucher (wallet, v));
    }
}

static void
check_parts (SpBreakdown *bd)
{
  SpMoney list = sp_breakdown_get_list (bd);

  g_assert_cmpint (sp_breakdown_get_platform (bd) + sp_breakdown_get_prepaid (bd) +
                   sp_breakdown_get_government (bd) + sp_breakdown_get_net (bd), ==, list);
  g_assert_cmpint (sp_breakdown_get_cost (bd), ==,
                   list - sp_breakdown_get_platform (bd) - sp_breakdown_get_government (bd));
  g_assert_cmpint (sp_breakdown_get_cost (bd), ==,
                   sp_breakdown_get_net (bd) + sp_breakdown_get_prepaid (bd));
  g_assert_cmpint (sp_breakdown_get_company_cash (bd), ==,
                   sp_breakdown_get_net (bd) + sp_breakdown_get_reimbursed_later (bd));
  g_assert_cmpint (sp_breakdown_get_net (bd), >=, 0);
}

static void
test_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  guint purchases = 0, compared = 0;

  for (guint round = 0; round < 250; round++)
    {
      RandomOffer ro[12];
      GString *json = g_string_new (NULL);
      g_autoptr(GPtrArray) offers = NULL;
      g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
      g_autoptr(SpWallet) wallet = wallet_new ();
      g_autoptr(SpWallet) percent_only = wallet_new ();
      g_autoptr(SpWallet) pack_only = wallet_new ();
      g_autoptr(SpVoucher) pct = NULL;
      g_autoptr(SpVoucher) pack = NULL;
      SpMoney rate = 6000000 + g_rand_int_range (rand, 0, 2000000);
      guint mi = (guint) g_rand_int_range (rand, 0, 6), mo = (guint) g_rand_int_range (rand, 0, 6);
      gint pct_bp = g_rand_int_range (rand, 1, 10000);
      SpMoney after[12];
      guint32 date = day ("2026-06-01");

      if (mi + mo == 0)
        mi = 1;
      g_assert_true (sp_price_context_set_usd_cny (ctx, rate));
      g_assert_true (sp_price_context_set_mix (ctx, mi, mo));
      for (guint i = 0; i < G_N_ELEMENTS (ro); i++)
        {
          ro[i].json = random_offer_json (rand, i, &ro[i]);
          g_string_append_printf (json, "%s%s", i > 0 ? "," : "", ro[i].json);
          g_free (ro[i].json);
        }
      offers = parse_offers (json->str);
      g_string_free (json, TRUE);
      g_assert_cmpuint (offers->len, ==, G_N_ELEMENTS (ro));
      random_vouchers (rand, wallet);
      pct = sp_voucher_new_discount_percent ("PCT", pct_bp);
      g_assert_true (sp_wallet_add_voucher (percent_only, pct));
      pack = sp_voucher_new_prepaid ("PACK", "v", NULL, 300 * SP_MONEY_SCALE);
      g_assert_true (sp_wallet_add_voucher (pack_only, pack));

      for (guint i = 0; i < G_N_ELEMENTS (ro); i++)
        {
          g_autofree char *id = g_strdup_printf ("o%u", i);
          SpOffer *offer = find (offers, id);
          SpMoney units = 1 + g_rand_int_range (rand, 0, 1 << 30) * (SpMoney) g_rand_int_range (rand, 1, 100);
          g_autoptr(SpPurchase) window = NULL;
          g_autoptr(SpPurchase) cli = NULL;
          g_autoptr(SpBreakdown) bd = NULL;
          g_autoptr(SpBreakdown) bd_cli = NULL;
          g_autoptr(SpBreakdown) unit = NULL;
          g_autoptr(GError) error = NULL;
          Int128 num, den;
          SpMoney normalized, plain = 0;

          /* a purchase of random quantity, paid in CNY */
          cli = sp_offer_purchase_new_mixed (offer, units, mi, mo, sp_offer_default_category (offer),
                                             date, "CNY", rate, &error);
          g_assert_no_error (error);
          bd = sp_wallet_propose (wallet, cli, &error);
          g_assert_no_error (error);
          check_parts (bd);
          purchases++;

          /* the CNY list is the exact conversion rounded once to the fen */
          exact_list (&ro[i], units, ro[i].tokens ? mi : 1, ro[i].tokens ? mo : 0, &num, &den);
          if (ro[i].usd)
            g_assert_cmpint (sp_breakdown_get_list (bd), ==,
                             (SpMoney) div_half_up (num * rate, den * SP_MONEY_SCALE * FEN) * FEN);
          else
            g_assert_cmpint (sp_breakdown_get_list (bd), ==, (SpMoney) div_half_up (num, den * FEN) * FEN);
          /* … and the list in its own currency too, to the cent */
          g_assert_cmpint (sp_breakdown_get_list_original (bd), ==, (SpMoney) div_half_up (num, den * FEN) * FEN);

          /* the window's purchase (input and output quantities) is the
           * command line's (a quantity split by the mix) when the split is
           * exact */
          if (ro[i].tokens && mo > 0 && (units * mi) % (mi + mo) == 0)
            {
              SpMoney in_q = units * mi / (mi + mo);

              window = sp_offer_purchase_new (offer, in_q, units - in_q, sp_offer_default_category (offer),
                                              date, "CNY", rate, &error);
              g_assert_no_error (error);
              bd_cli = sp_wallet_propose (wallet, window, &error);
              g_assert_no_error (error);
              g_assert_cmpint (sp_breakdown_get_list (bd_cli), ==, sp_breakdown_get_list (bd));
              g_assert_cmpint (sp_breakdown_get_cost (bd_cli), ==, sp_breakdown_get_cost (bd));
              g_assert_cmpint (sp_breakdown_get_company_cash (bd_cli), ==,
                               sp_breakdown_get_company_cash (bd));
            }

          /* one unit, no voucher: the normalized price exactly (a USD
           * price converted once, to the micro-unit) */
          normalized = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
          exact_list (&ro[i], SP_MONEY_SCALE, ro[i].tokens ? mi : 1, ro[i].tokens ? mo : 0, &num, &den);
          if (ro[i].usd)
            {
              num *= rate;
              den *= SP_MONEY_SCALE;
            }
          g_assert_cmpint (normalized, ==, (SpMoney) div_half_up (num, den));

          /* a prepaid pack never lowers it */
          unit = sp_offer_propose_unit (pack_only, offer, ctx, date, &plain, &error);
          g_assert_no_error (error);
          g_assert_cmpint (plain, ==, normalized);
          g_clear_object (&unit);

          /* the random wallet: the price after vouchers is the cost of one
           * unit, never above the price */
          unit = sp_offer_propose_unit (wallet, offer, ctx, date, &plain, &error);
          g_assert_no_error (error);
          check_parts (unit);
          g_assert_cmpint (plain, <=, normalized);
          g_assert_cmpint (plain, ==, sp_breakdown_get_cost (unit));
          g_clear_object (&unit);
          /* … and it is the least cost: no other choice costs less */
          {
            g_autoptr(SpPurchase) one = NULL;
            g_autoptr(SpBreakdown) least = NULL;
            g_autoptr(SpBreakdown) every = NULL;
            g_autoptr(SpBreakdown) cash = NULL;

            one = sp_offer_purchase_new_mixed (offer, SP_MONEY_SCALE, mi, mo,
                                               sp_offer_default_category (offer), date,
                                               ro[i].usd ? "CNY" : NULL, rate, &error);
            g_assert_no_error (error);
            sp_purchase_set_quantum (one, 1);
            least = sp_wallet_propose_for (wallet, one, SP_PROPOSE_LEAST_COST, &error);
            g_assert_no_error (error);
            every = sp_wallet_evaluate (wallet, one, NULL, &error);
            g_assert_no_error (error);
            cash = sp_wallet_propose (wallet, one, &error);
            g_assert_no_error (error);
            check_parts (least);
            g_assert_cmpint (sp_breakdown_get_prepaid (least), ==, 0);
            g_assert_cmpint (sp_breakdown_get_cost (least), <=, sp_breakdown_get_cost (every));
            g_assert_cmpint (sp_breakdown_get_cost (least), <=, sp_breakdown_get_cost (cash));
            g_assert_cmpint (sp_breakdown_get_net (cash), <=, sp_breakdown_get_net (least));
          }

          /* one percentage off: exactly the normalized price less the
           * percentage of it rounded once to the micro-unit */
          unit = sp_offer_propose_unit (percent_only, offer, ctx, date, &after[i], &error);
          g_assert_no_error (error);
          g_assert_cmpint (after[i], ==,
                           normalized - (SpMoney) div_half_up ((Int128) normalized * pct_bp, 10000));
          /* its exact value is num/den × (10000 − bp) / 10000: the same
           * factor for every offer, so offers compare by num/den */
          {
            /* sorting by the shown value agrees with the exact one: compare
             * with every offer before this one */
            for (guint j = 0; j < i; j++)
              {
                Int128 nj, dj;
                g_autofree char *text_i = sp_money_to_string (after[i], 2);
                g_autofree char *text_j = sp_money_to_string (after[j], 2);

                exact_list (&ro[j], SP_MONEY_SCALE, ro[j].tokens ? mi : 1, ro[j].tokens ? mo : 0, &nj, &dj);
                if (ro[j].usd)
                  {
                    nj *= rate;
                    dj *= SP_MONEY_SCALE;
                  }
                /* num/den vs nj/dj, cross-multiplied (< 2^120) */
                if (num * dj < nj * den)
                  g_assert_cmpint (after[i], <=, after[j]);
                else if (num * dj > nj * den)
                  g_assert_cmpint (after[i], >=, after[j]);
                else
                  g_assert_cmpint (after[i], ==, after[j]);
                /* two different prices never print the same */
                g_assert_true ((after[i] == after[j]) == (g_strcmp0 (text_i, text_j) == 0));
                compared++;
              }
          }
        }
    }
  g_test_message ("%u purchases, %u pairs of prices after vouchers compared", purchases, compared);
  g_assert_cmpuint (purchases, >=, 3000);
}

int
main (int    argc,
      char **argv)
{
  sp_test_init_core (&argc, &argv);

  g_test_add_func ("/money-path/issue-figures", test_issue_figures);
  g_test_add_func ("/money-path/unit-price-after-vouchers", test_unit_price_after_vouchers);
  g_test_add_func ("/money-path/prepaid-is-not-a-discount", test_prepaid_is_not_a_discount);
  g_test_add_func ("/money-path/property", test_property);
  return sp_test_run_with_programmes (&programmes);
}
