/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-effective-price.c — an offer's price after vouchers, as the Offers
 * page shows it (moved from src/app: no GTK in it) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-effective-price.h"
#include "sp-labels.h"

const char *
sp_offer_unit_label (SpOfferKind kind)
{
  return sp_label_price_unit (kind);
}

SpMoney
sp_effective_price_get (SpWallet        *wallet,
                        SpOffer         *offer,
                        SpPriceContext  *ctx,
                        guint32          date,
                        gboolean        *saves,
                        SpBreakdown    **breakdown)
{
  SpMoney list = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
  g_autoptr(SpBreakdown) proposal = NULL;
  SpMoney cost = SP_MONEY_UNKNOWN;
  gboolean lower = FALSE;

  g_return_val_if_fail (SP_IS_OFFER (offer), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), SP_MONEY_UNKNOWN);

  if (list != SP_MONEY_UNKNOWN && wallet != NULL && sp_wallet_get_vouchers (wallet)->len > 0)
    proposal = sp_offer_propose_unit (wallet, offer, ctx, date, &cost, NULL);
  /* with no voucher in it, the proposal's cost is the normalized price */
  lower = proposal != NULL && cost != SP_MONEY_UNKNOWN && sp_breakdown_get_n_lines (proposal) > 0;
  if (saves != NULL)
    *saves = lower;
  if (breakdown != NULL)
    *breakdown = g_steal_pointer (&proposal);
  return lower ? cost : list;
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
    unit = sp_offer_unit_label (sp_offer_get_kind (offer));
  if (sp_breakdown_get_n_lines (breakdown) == 0)
    return g_strdup (_("No voucher applies"));
  explanation = sp_breakdown_dup_explanation_text (breakdown);
  /* Translators: the tooltip of a price after vouchers: the explanation of
   * the proposal, then e.g. “For one card-hour; …” */
  return g_strdup_printf (_("%s\nFor one %s; larger purchases may hit caps or balances."),
                          explanation, unit);
}
