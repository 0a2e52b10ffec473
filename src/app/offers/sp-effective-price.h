/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-effective-price.h — the app's side of an offer's price after vouchers
 *
 * The pricing itself is in the core (sp-offer-purchase.h), shared with the
 * command line: an offer as a purchase (exact list amount, converted and
 * rounded once), and the price after vouchers of one unit — its cost with
 * the cheapest combination of vouchers, to the micro-unit, prepaid packs
 * never counted as a saving.  This file adds what only the window needs:
 * today's date and the tooltip. */
#pragma once

#include "sp-core.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

/* The core's error domain, under its former name */
#define SP_EFFECTIVE_PRICE_ERROR SP_OFFER_PURCHASE_ERROR

/* Today, local, as a GDate Julian day number */
guint32     sp_effective_today             (void);

/* The proposal for one reference unit of @offer on @date
 * (sp_offer_propose_unit()).  @net (optional) receives the price after
 * vouchers: the unit's cost in the display currency of @ctx. */
SpBreakdown *sp_effective_price_propose    (SpWallet        *wallet,
                                            SpOffer         *offer,
                                            SpPriceContext  *ctx,
                                            guint32          date,
                                            SpMoney         *net,
                                            GError         **error);

/* A tooltip for a proposal: which vouchers, what each saves, and that it
 * is for one unit (newly allocated). */
char        *sp_effective_price_explain    (SpBreakdown     *breakdown,
                                            SpOffer         *offer);

G_END_DECLS
