/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-purchase.c — an offer as a purchase, and its price after vouchers */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-offer-purchase.h"

G_DEFINE_QUARK (sp-offer-purchase-error-quark, sp_offer_purchase_error)

SpCategory
sp_offer_default_category (SpOffer *offer)
{
  g_return_val_if_fail (SP_IS_OFFER (offer), SP_CATEGORY_OTHER_COMPUTE);

  return sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS ? SP_CATEGORY_MODEL_SERVICE
                                                          : SP_CATEGORY_OTHER_COMPUTE;
}

SpItemKind
sp_offer_item_kind (SpOffer *offer)
{
  g_return_val_if_fail (SP_IS_OFFER (offer), SP_ITEM_GPU);

  switch (sp_offer_get_kind (offer))
    {
    case SP_OFFER_KIND_CPU:
      return SP_ITEM_CPU;
    case SP_OFFER_KIND_TOKENS:
      return SP_ITEM_TOKENS;
    case SP_OFFER_KIND_GPU:
    default:
      return SP_ITEM_GPU;
    }
}

gboolean
sp_offer_pay_currency (SpOffer         *offer,
                       SpPriceContext  *ctx,
                       const char     **currency,
                       SpMoney         *rate)
{
  g_return_val_if_fail (SP_IS_OFFER (offer), FALSE);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), FALSE);

  /* vouchers are in yuan: a dollar offer is paid in yuan when the display
   * currency is CNY, converted once at the rate of the settings */
  if (g_strcmp0 (sp_offer_get_currency (offer), "USD") == 0 &&
      g_strcmp0 (sp_price_context_get_currency (ctx), "CNY") == 0)
    {
      *currency = "CNY";
      *rate = sp_price_context_get_usd_cny (ctx);
      return TRUE;
    }
  *currency = sp_offer_get_currency (offer);
  *rate = SP_MONEY_SCALE;
  return FALSE;
}

static SpPurchase *
too_large (GError **error)
{
  g_set_error (error, SP_OFFER_PURCHASE_ERROR, 0, _("The amount is too large"));
  return NULL;
}

/* The purchase of @offer whose list amount is Σ prices × weights ÷ @den
 * micro-units (exact) and whose quantity is @quantity_units */
static SpPurchase *
offer_purchase (SpOffer     *offer,
                guint        n,
                SpMoney     *prices,
                SpMoney     *weights,
                gint64       den,
                SpMoney      quantity_units,
                SpCategory   category,
                guint32      date,
                const char  *pay_currency,
                SpMoney      rate,
                GError     **error)
{
  g_autoptr(SpPurchase) purchase = sp_purchase_new ();

  if (!sp_purchase_set_list_parts (purchase, n, prices, weights, den,
                                   sp_offer_get_currency (offer)))
    return too_large (error);
  sp_purchase_set_vendor (purchase, sp_offer_get_vendor_id (offer));
  sp_purchase_set_programme_tags (purchase, sp_offer_get_voucher_programmes (offer));
  sp_purchase_set_item_kind (purchase, sp_offer_item_kind (offer));
  sp_purchase_set_category (purchase, category);
  if (pay_currency != NULL && g_strcmp0 (pay_currency, sp_offer_get_currency (offer)) != 0)
    sp_purchase_set_payment (purchase, pay_currency, rate);
  sp_purchase_set_date (purchase, date);
  sp_purchase_set_quantity (purchase, quantity_units);
  return g_steal_pointer (&purchase);
}

/* The input price of a token offer (its main price when it has none) */
static SpMoney
input_price (SpOffer *offer)
{
  SpMoney in_price = sp_offer_get_input_price (offer);

  return in_price != SP_MONEY_UNKNOWN ? in_price : sp_offer_get_price (offer);
}

/* millions of tokens (micro-units) → micro-units of tokens */
static gboolean
token_units (SpMoney  millions,
             SpMoney *out)
{
  return sp_money_muldiv (millions, SP_MONEY_SCALE, 1, SP_ROUND_HALF_UP, out);
}

static SpPurchase *
no_price (SpOffer  *offer,
          GError  **error)
{
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    g_set_error (error, SP_OFFER_PURCHASE_ERROR, 0, _("The offer has no price for these tokens"));
  else
    g_set_error (error, SP_OFFER_PURCHASE_ERROR, 0, _("The offer has no price"));
  return NULL;
}

SpPurchase *
sp_offer_purchase_new (SpOffer     *offer,
                       SpMoney      quantity,
                       SpMoney      output,
                       SpCategory   category,
                       guint32      date,
                       const char  *pay_currency,
                       SpMoney      rate,
                       GError     **error)
{
  SpMoney prices[2], weights[2], units;
  guint n = 1;

  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  g_return_val_if_fail (quantity >= 0 && output >= 0, NULL);

  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      prices[0] = input_price (offer);
      weights[0] = quantity;
      prices[1] = sp_offer_get_output_price (offer);
      weights[1] = output;
      if (output > 0)
        n = 2;
      if (prices[0] == SP_MONEY_UNKNOWN || (n == 2 && prices[1] == SP_MONEY_UNKNOWN))
        return no_price (offer, error);
      if (!sp_money_add (quantity, output, &units) || !token_units (units, &units))
        return too_large (error);
    }
  else
    {
      prices[0] = sp_offer_get_price (offer);
      weights[0] = quantity;
      if (prices[0] == SP_MONEY_UNKNOWN)
        return no_price (offer, error);
      units = quantity;
    }
  return offer_purchase (offer, n, prices, weights, SP_MONEY_SCALE, units, category, date,
                         pay_currency, rate, error);
}

/* The list parts of @units of @offer (see sp_offer_purchase_new_mixed ())
 * and the quantity bought; FALSE with an error when it cannot be priced */
static gboolean
mixed_parts (SpOffer  *offer,
             SpMoney   units,
             guint     mix_in,
             guint     mix_out,
             guint    *n,
             SpMoney  *prices,
             SpMoney  *weights,
             gint64   *den,
             SpMoney  *quantity_units,
             GError  **error)
{
  *n = 1;
  *den = SP_MONEY_SCALE;
  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    {
      /* as sp_offer_purchase_new (@units, 0) */
      prices[0] = sp_offer_get_price (offer);
      weights[0] = units;
      *quantity_units = units;
      if (prices[0] == SP_MONEY_UNKNOWN)
        return no_price (offer, error) != NULL;
      return TRUE;
    }
  prices[0] = input_price (offer);
  prices[1] = sp_offer_get_output_price (offer);
  if (prices[0] == SP_MONEY_UNKNOWN)
    return no_price (offer, error) != NULL;
  weights[0] = units;
  if (prices[1] != SP_MONEY_UNKNOWN && mix_in + (guint64) mix_out > 0)
    {
      /* units × mix_in input and units × mix_out output, over the mix:
       * exact for any mix (no share of a million is rounded) */
      if (__builtin_mul_overflow (units, (gint64) mix_in, &weights[0]) ||
          __builtin_mul_overflow (units, (gint64) mix_out, &weights[1]) ||
          __builtin_mul_overflow (SP_MONEY_SCALE, (gint64) mix_in + mix_out, den))
        return too_large (error) != NULL;
      *n = 2;
    }
  if (!token_units (units, quantity_units))
    return too_large (error) != NULL;
  return TRUE;
}

SpPurchase *
sp_offer_purchase_new_mixed (SpOffer     *offer,
                             SpMoney      units,
                             guint        mix_in,
                             guint        mix_out,
                             SpCategory   category,
                             guint32      date,
                             const char  *pay_currency,
                             SpMoney      rate,
                             GError     **error)
{
  SpMoney prices[2], weights[2], quantity_units;
  gint64 den;
  guint n;

  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  g_return_val_if_fail (units >= 0, NULL);

  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    return sp_offer_purchase_new (offer, units, 0, category, date, pay_currency, rate, error);
  if (!mixed_parts (offer, units, mix_in, mix_out, &n, prices, weights, &den, &quantity_units,
                    error))
    return NULL;
  return offer_purchase (offer, n, prices, weights, den, quantity_units, category, date,
                         pay_currency, rate, error);
}

SpPurchase *
sp_offer_unit_purchase_new (SpOffer         *offer,
                            SpPriceContext  *ctx,
                            guint32          date,
                            GError         **error)
{
  SpPurchase *purchase;
  SpMoney rate;
  const char *pay_currency;
  guint mix_in = 0, mix_out = 0;

  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  sp_price_context_get_mix (ctx, &mix_in, &mix_out);
  sp_offer_pay_currency (offer, ctx, &pay_currency, &rate);
  purchase = sp_offer_purchase_new_mixed (offer, SP_MONEY_SCALE, mix_in, mix_out,
                                          sp_offer_default_category (offer), date,
                                          pay_currency, rate, error);
  /* a unit price keeps six decimals: nothing rounds to the fen */
  if (purchase != NULL)
    sp_purchase_set_quantum (purchase, 1);
  return purchase;
}

gboolean
sp_offer_unit_purchase_reprice (SpPurchase     *purchase,
                                SpOffer        *offer,
                                SpPriceContext *ctx)
{
  SpMoney prices[2], weights[2], quantity_units, rate;
  const char *pay_currency;
  guint mix_in = 0, mix_out = 0, n;
  gint64 den;

  g_return_val_if_fail (SP_IS_PURCHASE (purchase), FALSE);
  g_return_val_if_fail (SP_IS_OFFER (offer), FALSE);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), FALSE);

  sp_price_context_get_mix (ctx, &mix_in, &mix_out);
  sp_offer_pay_currency (offer, ctx, &pay_currency, &rate);
  if (!mixed_parts (offer, SP_MONEY_SCALE, mix_in, mix_out, &n, prices, weights, &den,
                    &quantity_units, NULL) ||
      quantity_units != sp_purchase_get_quantity (purchase))
    return FALSE;
  /* the same list currency, paid the same way: only the parts change
   * (sp_purchase_set_list_parts () would set the payment again to the same) */
  if (g_ascii_strcasecmp (sp_purchase_get_list_currency (purchase), sp_offer_get_currency (offer)) == 0 &&
      (g_strcmp0 (pay_currency, sp_offer_get_currency (offer)) == 0
       ? g_ascii_strcasecmp (sp_purchase_get_pay_currency (purchase), sp_offer_get_currency (offer)) == 0 &&
         sp_purchase_get_exchange_rate (purchase) == SP_MONEY_SCALE
       : g_strcmp0 (sp_purchase_get_pay_currency (purchase), pay_currency) == 0 &&
         sp_purchase_get_exchange_rate (purchase) == rate))
    return sp_purchase_replace_list_parts (purchase, n, prices, weights, den);
  /* as offer_purchase (): the parts, then the payment */
  if (!sp_purchase_set_list_parts (purchase, n, prices, weights, den, sp_offer_get_currency (offer)))
    return FALSE;
  if (pay_currency != NULL && g_strcmp0 (pay_currency, sp_offer_get_currency (offer)) != 0)
    sp_purchase_set_payment (purchase, pay_currency, rate);
  return TRUE;
}

SpMoney
sp_offer_unit_cost (SpPriceContext *ctx,
                    SpMoney         normalized,
                    SpMoney         list,
                    SpMoney         cost,
                    const char     *currency)
{
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), SP_MONEY_UNKNOWN);

  /* no saving: the price column's figure, to the micro-unit (the same
   * value but for a second rounding when the display currency is not the
   * one paid) */
  if (cost == list && normalized != SP_MONEY_UNKNOWN)
    return normalized;
  return sp_price_context_convert (ctx, cost, currency);
}

SpBreakdown *
sp_offer_propose_unit (SpWallet        *wallet,
                       SpOffer         *offer,
                       SpPriceContext  *ctx,
                       guint32          date,
                       SpMoney         *cost,
                       GError         **error)
{
  g_autoptr(SpPurchase) purchase = NULL;
  SpBreakdown *breakdown;

  g_return_val_if_fail (SP_IS_WALLET (wallet), NULL);
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  if (cost != NULL)
    *cost = SP_MONEY_UNKNOWN;
  purchase = sp_offer_unit_purchase_new (offer, ctx, date, error);
  if (purchase == NULL)
    return NULL;
  breakdown = sp_wallet_propose_for (wallet, purchase, SP_PROPOSE_LEAST_COST, error);
  if (breakdown != NULL && cost != NULL)
    *cost = sp_offer_unit_cost (ctx, sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN),
                                sp_breakdown_get_list (breakdown),
                                sp_breakdown_get_cost (breakdown),
                                sp_breakdown_get_currency (breakdown));
  return breakdown;
}

SpMoney
sp_offer_unit_after_vouchers (SpOffer        *offer,
                              SpPriceContext *ctx,
                              SpWallet       *wallet,
                              guint32         date,
                              SpMoney        *normalized)
{
  SpMoney list = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
  g_autoptr(SpBreakdown) breakdown = NULL;
  SpMoney cost = SP_MONEY_UNKNOWN;

  if (normalized != NULL)
    *normalized = list;
  if (list == SP_MONEY_UNKNOWN || wallet == NULL || sp_wallet_get_vouchers (wallet)->len == 0)
    return list;
  breakdown = sp_offer_propose_unit (wallet, offer, ctx, date, &cost, NULL);
  return breakdown != NULL && cost != SP_MONEY_UNKNOWN ? cost : list;
}
