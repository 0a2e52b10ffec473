/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-effective-price.c — an offer as a purchase, and its price after vouchers */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-effective-price.h"
#include "sp-format.h"

guint32
sp_effective_today (void)
{
  return sp_date_today ();
}

SpBreakdown *
sp_effective_price_propose (SpWallet        *wallet,
                            SpOffer         *offer,
                            SpPriceContext  *ctx,
                            guint32          date,
                            SpMoney         *net,
                            GError         **error)
{
  return sp_offer_propose_unit (wallet, offer, ctx, date, net, error);
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
