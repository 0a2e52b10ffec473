/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-effective-price.h — an offer's price after vouchers, as the Offers
 * page shows it (the After Vouchers column and its tooltip)
 *
 * The pricing itself is sp-offer-purchase.h, shared with the command line:
 * the figure here is sp_offer_unit_after_vouchers()'s, to the micro-unit,
 * prepaid packs never counted as a saving (tests/core/test-effective-price.c
 * checks they agree); this adds whether a voucher saves, the proposal for
 * the tooltip, and the tooltip's text.  No GTK. */
#pragma once

#include "sp-offer-purchase.h"

G_BEGIN_DECLS

/* The reference unit the price of an offer of @kind is for, translated
 * ("card-hour", "core-hour", "1M tokens"). */
const char  *sp_offer_unit_label           (SpOfferKind      kind);

/* The unit price of @offer after the vouchers of @wallet (may be NULL) on
 * @date, in the display currency of @ctx: sp_offer_unit_after_vouchers().
 * @saves (optional): whether a voucher lowers it.  @breakdown (optional)
 * receives the proposal (NULL when none could be made). */
SpMoney      sp_effective_price_get        (SpWallet         *wallet,
                                            SpOffer          *offer,
                                            SpPriceContext   *ctx,
                                            guint32           date,
                                            gboolean         *saves,
                                            SpBreakdown     **breakdown);

/* A tooltip for a proposal: which vouchers, what each saves, and that it
 * is for one unit (newly allocated). */
char        *sp_effective_price_explain    (SpBreakdown      *breakdown,
                                            SpOffer          *offer);

G_END_DECLS
