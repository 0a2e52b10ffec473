/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-purchase.h — an offer as a purchase, and its price after vouchers
 *
 * The one money path from an offer to the voucher engine, shared by the
 * command line (`suanpan-cli buy`, `offers --json`'s after_vouchers), the
 * redeem window and the Offers page's After Vouchers column:
 *
 *  - the list amount is the exact sum of unit price × quantity parts (input
 *    and output tokens apart), never rounded on the way: the wallet converts
 *    it once to the paid currency and rounds once, half up, to the fen;
 *  - a USD offer is paid in CNY at the user's rate when the display
 *    currency is CNY (vouchers are in yuan), else in the offer's currency;
 *  - the price after vouchers of an offer is the COST of one unit (1
 *    card-hour, 1 core-hour, or 1M tokens split input:output by the token
 *    mix) with the combination of vouchers that costs least
 *    (SP_PROPOSE_LEAST_COST), priced to the micro-unit (a unit price keeps
 *    six decimals; only amounts paid round to the fen).  Prepaid packs are
 *    how a purchase is paid, never a saving, so they do not lower it. */
#pragma once

#include "sp-offer.h"
#include "sp-price-context.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

#define SP_OFFER_PURCHASE_ERROR (sp_offer_purchase_error_quark ())
GQuark      sp_offer_purchase_error_quark  (void);

/* The subsidy category a purchase of @offer is priced in until the user
 * says otherwise: model services for tokens, other compute for GPUs and
 * CPUs.  The feeds do not say whether compute runs on domestic chips, so
 * the lower rate is assumed. */
SpCategory  sp_offer_default_category      (SpOffer *offer);

/* The item kind a purchase of @offer is: gpu, cpu or tokens. */
SpItemKind  sp_offer_item_kind             (SpOffer *offer);

/* The currency @offer is paid in under @ctx: TRUE, with @currency "CNY"
 * (static) and @rate the CNY per USD of @ctx, when a USD offer is paid in
 * yuan; FALSE (the offer's own currency, @rate 1) otherwise. */
gboolean    sp_offer_pay_currency          (SpOffer         *offer,
                                            SpPriceContext  *ctx,
                                            const char     **currency,
                                            SpMoney         *rate);

/* A purchase of @offer: @quantity in micro-units of card-hours, core-hours
 * or millions of input tokens, @output millions of output tokens
 * (micro-units; tokens only, else ignored), paid in @pay_currency (NULL:
 * the offer's) at @rate.  NULL with SP_OFFER_PURCHASE_ERROR when the offer
 * has no price or the amount is too large. */
SpPurchase *sp_offer_purchase_new          (SpOffer     *offer,
                                            SpMoney      quantity,
                                            SpMoney      output,
                                            SpCategory   category,
                                            guint32      date,
                                            const char  *pay_currency,
                                            SpMoney      rate,
                                            GError     **error);

/* A purchase of @units (micro-units of the offer's unit: card-hours,
 * core-hours or millions of tokens); tokens are split input:output by
 * @mix_in:@mix_out exactly (the input price alone when the output price is
 * unknown).  Otherwise as sp_offer_purchase_new(). */
SpPurchase *sp_offer_purchase_new_mixed    (SpOffer     *offer,
                                            SpMoney      units,
                                            guint        mix_in,
                                            guint        mix_out,
                                            SpCategory   category,
                                            guint32      date,
                                            const char  *pay_currency,
                                            SpMoney      rate,
                                            GError     **error);

/* The proposal for one unit of @offer on @date (see above), or NULL with
 * an error (no price, no exchange rate).  @cost (optional) receives the
 * cost of the unit in the display currency of @ctx, micro-units
 * (SP_MONEY_UNKNOWN when it cannot be converted): the price after
 * vouchers, equal to sp_price_context_normalize (SP_PRICE_MAIN) when no
 * voucher applies. */
SpBreakdown *sp_offer_propose_unit         (SpWallet        *wallet,
                                            SpOffer         *offer,
                                            SpPriceContext  *ctx,
                                            guint32          date,
                                            SpMoney         *cost,
                                            GError         **error);

/* The purchase sp_offer_propose_unit () proposes for: one unit of @offer
 * under @ctx (its token mix, its currency paid) on @date, priced to the
 * micro-unit.  NULL with an error as sp_offer_purchase_new (). */
SpPurchase  *sp_offer_unit_purchase_new    (SpOffer         *offer,
                                            SpPriceContext  *ctx,
                                            guint32          date,
                                            GError         **error);

/* Makes @purchase (from sp_offer_unit_purchase_new () of an offer with the
 * same vendor, kind, currency and programmes) one unit of @offer: its list
 * parts and payment, as sp_offer_unit_purchase_new () would.  FALSE when
 * @offer cannot be priced so (then @purchase is left unusable). */
gboolean     sp_offer_unit_purchase_reprice (SpPurchase     *purchase,
                                             SpOffer        *offer,
                                             SpPriceContext *ctx);

/* The price after vouchers from a unit proposal's list and cost in
 * @currency (paid): @normalized when nothing is saved (and known), else
 * the cost converted to the display currency of @ctx. */
SpMoney      sp_offer_unit_cost            (SpPriceContext  *ctx,
                                            SpMoney          normalized,
                                            SpMoney          list,
                                            SpMoney          cost,
                                            const char      *currency);

/* The unit price of @offer after the vouchers of @wallet (may be NULL) on
 * @date, in the display currency of @ctx: the cost of
 * sp_offer_propose_unit (), or the normalized price (SP_PRICE_MAIN) when
 * the wallet is empty or no proposal can be made.  @normalized (optional)
 * receives that normalized price. */
SpMoney      sp_offer_unit_after_vouchers  (SpOffer         *offer,
                                            SpPriceContext  *ctx,
                                            SpWallet        *wallet,
                                            guint32          date,
                                            SpMoney         *normalized);

G_END_DECLS
