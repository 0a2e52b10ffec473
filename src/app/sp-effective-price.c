/* sp-effective-price.c — an offer as a purchase, and its price after vouchers */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-effective-price.h"
#include "sp-format.h"

/* one fen (cent) in micro-units */
#define FEN G_GINT64_CONSTANT (10000)

G_DEFINE_QUARK (sp-effective-price-error-quark, sp_effective_price_error)

guint32
sp_effective_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

SpCategory
sp_offer_default_category (SpOffer *offer)
{
  g_return_val_if_fail (SP_IS_OFFER (offer), SP_CATEGORY_OTHER_COMPUTE);

  return sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS ? SP_CATEGORY_MODEL_SERVICE
                                                          : SP_CATEGORY_OTHER_COMPUTE;
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

/* price × quantity (both micro-units), in micro-units, rounded to the
 * micro-unit (@fen: to the fen, once) */
static gboolean
product (SpMoney  price,
         SpMoney  quantity,
         gboolean fen,
         SpMoney *out)
{
  if (!sp_money_muldiv (price, quantity, fen ? SP_MONEY_SCALE * FEN : SP_MONEY_SCALE,
                        SP_ROUND_HALF_UP, out))
    return FALSE;
  if (fen)
    {
      if (*out > SP_MONEY_MAX / FEN)
        return FALSE;
      *out *= FEN;
    }
  return TRUE;
}

static SpItemKind
item_kind (SpOffer *offer)
{
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
  g_autoptr(SpPurchase) purchase = NULL;
  SpMoney list, quantity_units;

  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  g_return_val_if_fail (quantity >= 0 && output >= 0, NULL);

  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      SpMoney in_price = sp_offer_get_input_price (offer);
      SpMoney out_price = sp_offer_get_output_price (offer);
      SpMoney a = 0, b = 0;

      if (in_price == SP_MONEY_UNKNOWN)
        in_price = sp_offer_get_price (offer);
      if (in_price == SP_MONEY_UNKNOWN || (output > 0 && out_price == SP_MONEY_UNKNOWN))
        {
          g_set_error (error, SP_EFFECTIVE_PRICE_ERROR, 0, _("The offer has no price for these tokens"));
          return NULL;
        }
      /* the two parts exact to the micro-unit, the sum rounded once to the fen */
      if (!product (in_price, quantity, FALSE, &a) ||
          (output > 0 && !product (out_price, output, FALSE, &b)) ||
          !sp_money_add (a, b, &list))
        goto too_large;
      list = sp_money_round_to (list, FEN, SP_ROUND_HALF_UP);
      /* millions of tokens → micro-units of tokens */
      if (!sp_money_add (quantity, output, &quantity_units) ||
          !sp_money_muldiv (quantity_units, SP_MONEY_SCALE, 1, SP_ROUND_HALF_UP, &quantity_units))
        goto too_large;
    }
  else
    {
      if (sp_offer_get_price (offer) == SP_MONEY_UNKNOWN)
        {
          g_set_error (error, SP_EFFECTIVE_PRICE_ERROR, 0, _("The offer has no price"));
          return NULL;
        }
      if (!product (sp_offer_get_price (offer), quantity, TRUE, &list))
        goto too_large;
      quantity_units = quantity;
    }
  if (list > SP_MONEY_MAX)
    goto too_large;

  purchase = sp_purchase_new ();
  sp_purchase_set_vendor (purchase, sp_offer_get_vendor_id (offer));
  sp_purchase_set_programme_tags (purchase, sp_offer_get_voucher_programmes (offer));
  sp_purchase_set_item_kind (purchase, item_kind (offer));
  sp_purchase_set_category (purchase, category);
  sp_purchase_set_list_amount (purchase, list, sp_offer_get_currency (offer));
  if (pay_currency != NULL && g_strcmp0 (pay_currency, sp_offer_get_currency (offer)) != 0)
    sp_purchase_set_payment (purchase, pay_currency, rate);
  sp_purchase_set_date (purchase, date);
  sp_purchase_set_quantity (purchase, quantity_units);
  return g_steal_pointer (&purchase);

too_large:
  g_set_error (error, SP_EFFECTIVE_PRICE_ERROR, 0, _("The amount is too large"));
  return NULL;
}

SpBreakdown *
sp_effective_price_propose (SpWallet        *wallet,
                            SpOffer         *offer,
                            SpPriceContext  *ctx,
                            guint32          date,
                            SpMoney         *net,
                            GError         **error)
{
  g_autoptr(SpPurchase) purchase = NULL;
  SpBreakdown *breakdown;
  SpMoney quantity = SP_MONEY_SCALE, output = 0, rate;
  const char *pay_currency;

  g_return_val_if_fail (SP_IS_WALLET (wallet), NULL);
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  if (net != NULL)
    *net = SP_MONEY_UNKNOWN;
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS &&
      sp_offer_get_output_price (offer) != SP_MONEY_UNKNOWN)
    {
      guint mix_in = 0, mix_out = 0;

      /* 1M tokens split by the mix: 3:1 → 0.75M input + 0.25M output
       * (exact for mixes whose parts divide a million) */
      sp_price_context_get_mix (ctx, &mix_in, &mix_out);
      if (mix_in + mix_out > 0)
        {
          quantity = ((gint64) mix_in * SP_MONEY_SCALE + (mix_in + mix_out) / 2) / (mix_in + mix_out);
          output = SP_MONEY_SCALE - quantity;
        }
    }
  sp_offer_pay_currency (offer, ctx, &pay_currency, &rate);
  purchase = sp_offer_purchase_new (offer, quantity, output, sp_offer_default_category (offer),
                                    date, pay_currency, rate, error);
  if (purchase == NULL)
    return NULL;
  breakdown = sp_wallet_propose (wallet, purchase, error);
  if (breakdown != NULL && net != NULL)
    *net = sp_price_context_convert (ctx, sp_breakdown_get_net (breakdown),
                                     sp_breakdown_get_currency (breakdown));
  return breakdown;
}

char *
sp_effective_price_explain (SpBreakdown *breakdown,
                            SpOffer     *offer)
{
  g_autofree char *explanation = NULL;
  const char *unit;

  g_return_val_if_fail (SP_IS_BREAKDOWN (breakdown), NULL);
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);

  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    /* Translators: completes “For one …; larger purchases may hit caps or balances” */
    unit = _("million tokens at your input:output mix");
  else
    unit = sp_format_unit (sp_offer_get_kind (offer));
  if (sp_breakdown_get_n_lines (breakdown) == 0)
    return g_strdup (_("No voucher applies"));
  explanation = sp_breakdown_dup_explanation_text (breakdown);
  /* Translators: the tooltip of a price after vouchers: the explanation of
   * the proposal, then e.g. “For one card-hour; …” */
  return g_strdup_printf (_("%s\nFor one %s; larger purchases may hit caps or balances."),
                          explanation, unit);
}
