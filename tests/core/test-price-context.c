/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-price-context.c — currency conversion and blended token prices
 *
 * Every expected figure below is computed by hand from the inputs, with one
 * half-away-from-zero rounding to micro-units at the very end. */
#include "config.h"

#include "sp-offer-private.h"
#include "sp-price-context.h"
#include "sp-test-util.h"

static SpOffer *
token_offer (const char *currency,
             SpMoney     input,
             SpMoney     output)
{
  SpOffer *offer = sp_offer_new ();

  offer->kind = SP_OFFER_KIND_TOKENS;
  offer->currency = g_intern_string (currency);
  offer->price = input;
  offer->input_price = input;
  offer->output_price = output;
  return offer;
}

static SpOffer *
compute_offer (SpOfferKind  kind,
               const char  *currency,
               SpMoney      price)
{
  SpOffer *offer = sp_offer_new ();

  offer->kind = kind;
  offer->currency = g_intern_string (currency);
  offer->price = price;
  return offer;
}

static void
test_defaults (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  guint mi = 0, mo = 0;

  g_assert_cmpstr (sp_price_context_get_currency (ctx), ==, "CNY");
  g_assert_cmpint (sp_price_context_get_usd_cny (ctx), ==, 7200000);
  sp_price_context_get_mix (ctx, &mi, &mo);
  g_assert_cmpuint (mi, ==, 3);
  g_assert_cmpuint (mo, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_setters (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  guint mi = 0, mo = 0;

  /* invalid values are refused and leave the state alone */
  g_assert_false (sp_price_context_set_currency (ctx, "EUR"));
  g_assert_false (sp_price_context_set_currency (ctx, ""));
  g_assert_false (sp_price_context_set_currency (ctx, "CN"));
  g_assert_false (sp_price_context_set_currency (ctx, "USDX"));
  g_assert_false (sp_price_context_set_currency (ctx, NULL));
  g_assert_cmpstr (sp_price_context_get_currency (ctx), ==, "CNY");

  g_assert_false (sp_price_context_set_usd_cny (ctx, 0));
  g_assert_false (sp_price_context_set_usd_cny (ctx, -7200000));
  g_assert_false (sp_price_context_set_usd_cny (ctx, SP_MONEY_UNKNOWN));
  g_assert_cmpint (sp_price_context_get_usd_cny (ctx), ==, 7200000);

  g_assert_false (sp_price_context_set_mix (ctx, 0, 0));
  sp_price_context_get_mix (ctx, &mi, &mo);
  g_assert_cmpuint (mi, ==, 3);
  g_assert_cmpuint (mo, ==, 1);

  /* valid values; currency is matched case-insensitively and stored canonical */
  g_assert_true (sp_price_context_set_currency (ctx, "usd"));
  g_assert_cmpstr (sp_price_context_get_currency (ctx), ==, "USD");
  g_assert_true (sp_price_context_set_currency (ctx, "CNY"));
  g_assert_cmpstr (sp_price_context_get_currency (ctx), ==, "CNY");
  g_assert_true (sp_price_context_set_usd_cny (ctx, 7123400));
  g_assert_cmpint (sp_price_context_get_usd_cny (ctx), ==, 7123400);
  g_assert_true (sp_price_context_set_usd_cny (ctx, 1));
  g_assert_cmpint (sp_price_context_get_usd_cny (ctx), ==, 1);
  g_assert_true (sp_price_context_set_mix (ctx, 1, 0));
  g_assert_true (sp_price_context_set_mix (ctx, 0, 1));
  sp_price_context_get_mix (ctx, &mi, &mo);
  g_assert_cmpuint (mi, ==, 0);
  g_assert_cmpuint (mo, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autofree char *currency = NULL;
  gint64 rate = 0;
  guint mi = 0, mo = 0;
  guint n_currency = 0, n_rate = 0, n_mix = 0;

  g_signal_connect (ctx, "notify::currency", G_CALLBACK (count_notify), &n_currency);
  g_signal_connect (ctx, "notify::usd-cny", G_CALLBACK (count_notify), &n_rate);
  g_signal_connect (ctx, "notify::mix-input", G_CALLBACK (count_notify), &n_mix);
  g_signal_connect (ctx, "notify::mix-output", G_CALLBACK (count_notify), &n_mix);

  /* setting the current value does not notify */
  g_assert_true (sp_price_context_set_currency (ctx, "cny"));
  g_assert_true (sp_price_context_set_usd_cny (ctx, 7200000));
  g_assert_true (sp_price_context_set_mix (ctx, 3, 1));
  g_assert_cmpuint (n_currency, ==, 0);
  g_assert_cmpuint (n_rate, ==, 0);
  g_assert_cmpuint (n_mix, ==, 0);

  /* refused values do not notify either */
  g_assert_false (sp_price_context_set_currency (ctx, "EUR"));
  g_assert_false (sp_price_context_set_usd_cny (ctx, 0));
  g_assert_false (sp_price_context_set_mix (ctx, 0, 0));
  g_assert_cmpuint (n_currency + n_rate + n_mix, ==, 0);

  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  g_assert_true (sp_price_context_set_usd_cny (ctx, 7100000));
  g_assert_true (sp_price_context_set_mix (ctx, 1, 1));   /* only input changes */
  g_assert_cmpuint (n_currency, ==, 1);
  g_assert_cmpuint (n_rate, ==, 1);
  g_assert_cmpuint (n_mix, ==, 1);

  g_object_set (ctx, "currency", "CNY", "usd-cny", (gint64) 6900000, "mix-output",
                4u, NULL);
  g_assert_cmpuint (n_currency, ==, 2);
  g_assert_cmpuint (n_rate, ==, 2);
  g_assert_cmpuint (n_mix, ==, 2);

  g_object_get (ctx, "currency", &currency, "usd-cny", &rate, "mix-input", &mi,
                "mix-output", &mo, NULL);
  g_assert_cmpstr (currency, ==, "CNY");
  g_assert_cmpint (rate, ==, 6900000);
  g_assert_cmpuint (mi, ==, 1);
  g_assert_cmpuint (mo, ==, 4);

  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_convert_usd_to_cny (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();

  /* 2.5 USD at 7.2 = 18 CNY */
  g_assert_cmpint (sp_price_context_convert (ctx, 2500000, "USD"), ==, 18000000);
  /* lowercase currency codes are the same currency */
  g_assert_cmpint (sp_price_context_convert (ctx, 2500000, "usd"), ==, 18000000);
  g_assert_cmpint (sp_price_context_convert (ctx, -2500000, "USD"), ==, -18000000);
  /* 1 micro-USD = 7.2 micro-CNY → 7 */
  g_assert_cmpint (sp_price_context_convert (ctx, 1, "USD"), ==, 7);
  g_assert_cmpint (sp_price_context_convert (ctx, 0, "USD"), ==, 0);

  /* 0.15 USD at 7.1234 = 1.06851 CNY */
  g_assert_true (sp_price_context_set_usd_cny (ctx, 7123400));
  g_assert_cmpint (sp_price_context_convert (ctx, 150000, "USD"), ==, 1068510);
  /* 2.99999 USD at 7.1234 = 21.37012876… CNY → 21.370129 */
  g_assert_cmpint (sp_price_context_convert (ctx, 2999990, "USD"), ==, 21370129);

  /* exact ties round half away from zero: 1 micro-USD at 7.5 = 7.5 → 8 */
  g_assert_true (sp_price_context_set_usd_cny (ctx, 7500000));
  g_assert_cmpint (sp_price_context_convert (ctx, 1, "USD"), ==, 8);
  g_assert_cmpint (sp_price_context_convert (ctx, -1, "USD"), ==, -8);
  g_assert_cmpint (sp_price_context_convert (ctx, 3, "USD"), ==, 23);   /* 22.5 */

  /* CNY stays CNY, whatever the rate */
  g_assert_cmpint (sp_price_context_convert (ctx, 1234567, "CNY"), ==, 1234567);
  g_assert_cmpint (sp_price_context_convert (ctx, 1234567, "cny"), ==, 1234567);

  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_convert_cny_to_usd (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();

  g_assert_true (sp_price_context_set_currency (ctx, "USD"));

  /* 10 CNY at 7.2 = 1.3888888… USD → 1.388889 (one half-up rounding) */
  g_assert_cmpint (sp_price_context_convert (ctx, 10000000, "CNY"), ==, 1388889);
  g_assert_cmpint (sp_price_context_convert (ctx, -10000000, "CNY"), ==, -1388889);
  /* 18 CNY at 7.2 = 2.5 USD exactly */
  g_assert_cmpint (sp_price_context_convert (ctx, 18000000, "CNY"), ==, 2500000);
  /* 0.05 CNY at 7.2 = 0.0069444… USD → 0.006944 */
  g_assert_cmpint (sp_price_context_convert (ctx, 50000, "CNY"), ==, 6944);
  /* USD stays USD */
  g_assert_cmpint (sp_price_context_convert (ctx, 2999990, "USD"), ==, 2999990);

  /* 1 CNY at 6.4 = 0.15625 USD exactly */
  g_assert_true (sp_price_context_set_usd_cny (ctx, 6400000));
  g_assert_cmpint (sp_price_context_convert (ctx, 1000000, "CNY"), ==, 156250);
  /* 0.000009 CNY at 6.4 = 1.40625 micro-USD → 1 */
  g_assert_cmpint (sp_price_context_convert (ctx, 9, "CNY"), ==, 1);
  /* 0.00001 CNY at 6.4 = 1.5625 micro-USD → 2 */
  g_assert_cmpint (sp_price_context_convert (ctx, 10, "CNY"), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_convert_unknown (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();

  g_assert_cmpint (sp_price_context_convert (ctx, SP_MONEY_UNKNOWN, "CNY"), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_convert (ctx, SP_MONEY_UNKNOWN, "USD"), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_convert (ctx, 1000000, "EUR"), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_convert (ctx, 1000000, "JPY"), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_convert (ctx, 1000000, ""), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_convert (ctx, 1000000, NULL), ==, SP_MONEY_UNKNOWN);
  /* a result that does not fit is unknown, not wrapped */
  g_assert_cmpint (sp_price_context_convert (ctx, G_MAXINT64, "USD"), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_convert (ctx, SP_MONEY_MAX, "USD"), ==,
                   G_GINT64_CONSTANT (7200000000000000000));

  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_blended (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpOffer) usd = token_offer ("USD", 2500000, 10000000);
  g_autoptr(SpOffer) cny = token_offer ("CNY", 7200000, 14400000);

  /* 3:1 of 2.5 and 10 USD: (7.5 + 10) / 4 = 4.375 USD */
  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_BLENDED), ==, 4375000);
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_MAIN), ==, 4375000);
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_INPUT), ==, 2500000);
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_OUTPUT), ==, 10000000);
  /* (3 × 7.2 + 14.4) / 4 = 9 CNY = 1.25 USD at 7.2 */
  g_assert_cmpint (sp_price_context_normalize (ctx, cny, SP_PRICE_BLENDED), ==, 1250000);
  g_assert_cmpint (sp_price_context_normalize (ctx, cny, SP_PRICE_INPUT), ==, 1000000);
  g_assert_cmpint (sp_price_context_normalize (ctx, cny, SP_PRICE_OUTPUT), ==, 2000000);

  /* …and 4.375 × 7.2 = 31.5 CNY */
  g_assert_true (sp_price_context_set_currency (ctx, "CNY"));
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_BLENDED), ==, 31500000);
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_MAIN), ==, 31500000);
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_INPUT), ==, 18000000);
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_OUTPUT), ==, 72000000);
  g_assert_cmpint (sp_price_context_normalize (ctx, cny, SP_PRICE_BLENDED), ==, 9000000);

  /* other mixes: 1:1 = 6.25 USD = 45 CNY; 1:3 = (2.5 + 30) / 4 = 8.125 USD = 58.5 CNY */
  g_assert_true (sp_price_context_set_mix (ctx, 1, 1));
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_BLENDED), ==, 45000000);
  g_assert_true (sp_price_context_set_mix (ctx, 1, 3));
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_BLENDED), ==, 58500000);
  /* all-input and all-output mixes are the plain prices */
  g_assert_true (sp_price_context_set_mix (ctx, 1, 0));
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_BLENDED), ==, 18000000);
  g_assert_true (sp_price_context_set_mix (ctx, 0, 5));
  g_assert_cmpint (sp_price_context_normalize (ctx, usd, SP_PRICE_BLENDED), ==, 72000000);

  g_assert_finalize_object (g_steal_pointer (&usd));
  g_assert_finalize_object (g_steal_pointer (&cny));
  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_blended_rounds_once (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  /* 1.000001 and 2 USD per 1M tokens */
  g_autoptr(SpOffer) offer = token_offer ("USD", 1000001, 2000000);
  g_autoptr(SpOffer) tiny = token_offer ("USD", 1, 0);
  SpMoney blended_usd;

  /* exact: (3 × 1000001 + 2000000) × 7.2 / 4 = 36000021.6 / 4 = 9000005.4 → 9000005 */
  g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_BLENDED), ==, 9000005);

  /* rounding twice would give another figure: the blend first (1250000.75 →
   * 1250001 micro-USD), then the conversion (9000007.2 → 9000007) */
  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  blended_usd = sp_price_context_normalize (ctx, offer, SP_PRICE_BLENDED);
  g_assert_cmpint (blended_usd, ==, 1250001);
  g_assert_true (sp_price_context_set_currency (ctx, "CNY"));
  g_assert_cmpint (sp_price_context_convert (ctx, blended_usd, "USD"), ==, 9000007);
  g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN), ==, 9000005);

  /* in = 1 micro-USD, out = 0: 3 × 7.2 / 4 = 5.4 → 5 (twice: 0.75 → 1, × 7.2 → 7) */
  g_assert_cmpint (sp_price_context_normalize (ctx, tiny, SP_PRICE_BLENDED), ==, 5);

  /* CNY → USD at 1.6, mix 1:1 (amounts in micro-units) */
  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  g_assert_true (sp_price_context_set_usd_cny (ctx, 1600000));
  g_assert_true (sp_price_context_set_mix (ctx, 1, 1));
  {
    g_autoptr(SpOffer) cny = token_offer ("CNY", 3, 5);

    /* exact: (3 + 5) / 2 / 1.6 = 2.5 → 3 */
    g_assert_cmpint (sp_price_context_normalize (ctx, cny, SP_PRICE_BLENDED), ==, 3);
    /* in = 3, out = 4: 3.5 / 1.6 = 2.1875 → 2; twice: 3.5 → 4, 4 / 1.6 = 2.5 → 3 */
    cny->output_price = 4;
    g_assert_cmpint (sp_price_context_normalize (ctx, cny, SP_PRICE_BLENDED), ==, 2);
    g_assert_finalize_object (g_steal_pointer (&cny));
  }

  g_assert_finalize_object (g_steal_pointer (&offer));
  g_assert_finalize_object (g_steal_pointer (&tiny));
  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_blended_unknown (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpOffer) no_output = token_offer ("USD", 2500000, SP_MONEY_UNKNOWN);
  g_autoptr(SpOffer) no_input = token_offer ("USD", SP_MONEY_UNKNOWN, 10000000);
  g_autoptr(SpOffer) euro = token_offer ("EUR", 2500000, 10000000);

  /* 3:1 needs both sides */
  g_assert_cmpint (sp_price_context_normalize (ctx, no_output, SP_PRICE_BLENDED), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_output, SP_PRICE_MAIN), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_input, SP_PRICE_BLENDED), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_output, SP_PRICE_INPUT), ==,
                   18000000);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_output, SP_PRICE_OUTPUT), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_input, SP_PRICE_INPUT), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_input, SP_PRICE_OUTPUT), ==,
                   72000000);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_input, SP_PRICE_CACHED), ==,
                   SP_MONEY_UNKNOWN);

  /* …unless the unknown side has no weight in the mix */
  g_assert_true (sp_price_context_set_mix (ctx, 1, 0));
  g_assert_cmpint (sp_price_context_normalize (ctx, no_output, SP_PRICE_BLENDED), ==,
                   18000000);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_input, SP_PRICE_BLENDED), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_true (sp_price_context_set_mix (ctx, 0, 2));
  g_assert_cmpint (sp_price_context_normalize (ctx, no_input, SP_PRICE_BLENDED), ==,
                   72000000);
  g_assert_cmpint (sp_price_context_normalize (ctx, no_output, SP_PRICE_BLENDED), ==,
                   SP_MONEY_UNKNOWN);

  /* no rate for EUR, in any field */
  g_assert_cmpint (sp_price_context_normalize (ctx, euro, SP_PRICE_MAIN), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, euro, SP_PRICE_BLENDED), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, euro, SP_PRICE_INPUT), ==,
                   SP_MONEY_UNKNOWN);

  g_assert_finalize_object (g_steal_pointer (&no_output));
  g_assert_finalize_object (g_steal_pointer (&no_input));
  g_assert_finalize_object (g_steal_pointer (&euro));
  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_blended_extremes (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpOffer) big = token_offer ("USD", SP_MONEY_MAX, SP_MONEY_MAX);

  /* (3 + 1) × 10^18 × 7.2 / 4: the numerator needs ~86 bits, the result fits */
  g_assert_cmpint (sp_price_context_normalize (ctx, big, SP_PRICE_BLENDED), ==,
                   G_GINT64_CONSTANT (7200000000000000000));
  /* a result beyond gint64 is unknown */
  g_assert_true (sp_price_context_set_usd_cny (ctx, 10000000));
  g_assert_cmpint (sp_price_context_normalize (ctx, big, SP_PRICE_BLENDED), ==,
                   SP_MONEY_UNKNOWN);
  /* a numerator beyond 128 bits is unknown too, never wrapped */
  g_assert_true (sp_price_context_set_usd_cny (ctx, G_MAXINT64));
  g_assert_true (sp_price_context_set_mix (ctx, G_MAXUINT, G_MAXUINT));
  g_assert_cmpint (sp_price_context_normalize (ctx, big, SP_PRICE_BLENDED), ==,
                   SP_MONEY_UNKNOWN);
  /* huge mix weights alone are fine: 1:1 of 10^18 stays 10^18 in USD */
  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  g_assert_cmpint (sp_price_context_normalize (ctx, big, SP_PRICE_BLENDED), ==,
                   SP_MONEY_MAX);
  /* negative prices (credits) blend symmetrically: (−3 × 2 + 1 × 1) / 4 = −1.25 → −1 */
  g_assert_true (sp_price_context_set_mix (ctx, 3, 1));
  big->input_price = -2;
  big->output_price = 1;
  g_assert_cmpint (sp_price_context_normalize (ctx, big, SP_PRICE_BLENDED), ==, -1);
  /* (−3 × 3 + 1 × 3) / 4 = −1.5 → −2 (half away from zero) */
  big->input_price = -3;
  big->output_price = 3;
  g_assert_cmpint (sp_price_context_normalize (ctx, big, SP_PRICE_BLENDED), ==, -2);

  g_assert_finalize_object (g_steal_pointer (&big));
  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_cached (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpOffer) offer = token_offer ("USD", 2500000, 10000000);

  g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_CACHED), ==,
                   SP_MONEY_UNKNOWN);
  /* 1.25 USD at 7.2 = 9 CNY */
  offer->cached_input_price = 1250000;
  g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_CACHED), ==, 9000000);
  /* the cached price never enters the blend */
  g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_BLENDED), ==, 31500000);

  g_assert_finalize_object (g_steal_pointer (&offer));
  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_compute_offers (void)
{
  static const SpPriceField token_fields[] = {
    SP_PRICE_INPUT, SP_PRICE_OUTPUT, SP_PRICE_CACHED, SP_PRICE_BLENDED,
  };
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  /* 2.49 USD per card-hour */
  g_autoptr(SpOffer) gpu = compute_offer (SP_OFFER_KIND_GPU, "USD", 2490000);
  /* 0.05 CNY per core-hour */
  g_autoptr(SpOffer) cpu = compute_offer (SP_OFFER_KIND_CPU, "CNY", 50000);
  g_autoptr(SpOffer) euro = compute_offer (SP_OFFER_KIND_GPU, "EUR", 2490000);
  g_autoptr(SpOffer) unknown = compute_offer (SP_OFFER_KIND_GPU, "USD", SP_MONEY_UNKNOWN);

  /* token-only fields are meaningless for GPU/CPU, even if set */
  gpu->input_price = 1000000;
  gpu->output_price = 2000000;
  gpu->cached_input_price = 500000;

  /* 2.49 × 7.2 = 17.928 CNY */
  g_assert_cmpint (sp_price_context_normalize (ctx, gpu, SP_PRICE_MAIN), ==, 17928000);
  g_assert_cmpint (sp_price_context_normalize (ctx, cpu, SP_PRICE_MAIN), ==, 50000);
  g_assert_cmpint (sp_price_context_normalize (ctx, euro, SP_PRICE_MAIN), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_price_context_normalize (ctx, unknown, SP_PRICE_MAIN), ==,
                   SP_MONEY_UNKNOWN);
  for (gsize i = 0; i < G_N_ELEMENTS (token_fields); i++)
    {
      g_assert_cmpint (sp_price_context_normalize (ctx, gpu, token_fields[i]), ==,
                       SP_MONEY_UNKNOWN);
      g_assert_cmpint (sp_price_context_normalize (ctx, cpu, token_fields[i]), ==,
                       SP_MONEY_UNKNOWN);
    }

  /* in USD: 2.49 stays; 0.05 / 7.2 = 0.0069444… → 0.006944 */
  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  g_assert_cmpint (sp_price_context_normalize (ctx, gpu, SP_PRICE_MAIN), ==, 2490000);
  g_assert_cmpint (sp_price_context_normalize (ctx, cpu, SP_PRICE_MAIN), ==, 6944);

  /* the mix does not touch a per-hour price */
  g_assert_true (sp_price_context_set_mix (ctx, 0, 1));
  g_assert_cmpint (sp_price_context_normalize (ctx, gpu, SP_PRICE_MAIN), ==, 2490000);

  g_assert_finalize_object (g_steal_pointer (&gpu));
  g_assert_finalize_object (g_steal_pointer (&cpu));
  g_assert_finalize_object (g_steal_pointer (&euro));
  g_assert_finalize_object (g_steal_pointer (&unknown));
  g_assert_finalize_object (g_steal_pointer (&ctx));
}

static void
test_lowercase_offer_currency (void)
{
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpOffer) offer = token_offer ("usd", 2500000, 10000000);

  g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_BLENDED), ==, 31500000);
  g_assert_cmpint (sp_price_context_normalize (ctx, offer, SP_PRICE_INPUT), ==, 18000000);

  g_assert_finalize_object (g_steal_pointer (&offer));
  g_assert_finalize_object (g_steal_pointer (&ctx));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/price-context/defaults", test_defaults);
  g_test_add_func ("/core/price-context/setters", test_setters);
  g_test_add_func ("/core/price-context/properties", test_properties);
  g_test_add_func ("/core/price-context/convert/usd-to-cny", test_convert_usd_to_cny);
  g_test_add_func ("/core/price-context/convert/cny-to-usd", test_convert_cny_to_usd);
  g_test_add_func ("/core/price-context/convert/unknown", test_convert_unknown);
  g_test_add_func ("/core/price-context/blended", test_blended);
  g_test_add_func ("/core/price-context/blended/rounds-once", test_blended_rounds_once);
  g_test_add_func ("/core/price-context/blended/unknown", test_blended_unknown);
  g_test_add_func ("/core/price-context/blended/extremes", test_blended_extremes);
  g_test_add_func ("/core/price-context/cached", test_cached);
  g_test_add_func ("/core/price-context/compute-offers", test_compute_offers);
  g_test_add_func ("/core/price-context/lowercase-offer-currency",
                   test_lowercase_offer_currency);

  return g_test_run ();
}
