/* sp-effective-price.h — an offer as a purchase, and its price after vouchers
 *
 * Shared by the redeem window (sp-redeem-window.c), which prices the
 * purchase the user describes, and the Offers page, whose "After Vouchers"
 * column prices one reference unit of every visible offer against the
 * wallet:
 *
 *  - the purchase: vendor, programme tags, item kind, subsidy category,
 *    date, quantity, and the list amount = unit price × quantity rounded
 *    once (half up) to the fen; token offers add input and output parts
 *    exact to the micro-unit and round the sum once;
 *  - the payment: a USD offer is paid in CNY at the user's rate when the
 *    display currency is CNY (vouchers are in yuan); otherwise in the
 *    offer's currency;
 *  - the effective price: the net cost after reimbursement of ONE unit
 *    (1 card-hour, 1 core-hour, or 1M tokens split input:output by the
 *    token mix of the preferences) with Suanpan's proposed combination
 *    (sp_wallet_propose()), dated today, in the subsidy category of
 *    sp_offer_default_category(), converted to the display currency.
 *    Caps and balances apply as for a real purchase of one unit; a larger
 *    purchase may hit them. */
#pragma once

#include "sp-core.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

#define SP_EFFECTIVE_PRICE_ERROR (sp_effective_price_error_quark ())
GQuark      sp_effective_price_error_quark (void);

/* Today, local, as a GDate Julian day number */
guint32     sp_effective_today             (void);

/* The subsidy category a purchase of @offer is priced in until the user
 * says otherwise: model services for tokens, other compute for GPUs and
 * CPUs.  The feeds do not say whether compute runs on domestic chips, so
 * the lower rate is assumed; the redeem window lets the user choose
 * domestic compute. */
SpCategory  sp_offer_default_category      (SpOffer *offer);

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
 * the offer's) at @rate.  NULL with SP_EFFECTIVE_PRICE_ERROR when the offer
 * has no price or the amount is too large. */
SpPurchase *sp_offer_purchase_new          (SpOffer     *offer,
                                            SpMoney      quantity,
                                            SpMoney      output,
                                            SpCategory   category,
                                            guint32      date,
                                            const char  *pay_currency,
                                            SpMoney      rate,
                                            GError     **error);

/* The proposal for one reference unit of @offer (see above) on @date, or
 * NULL with an error (no price, no exchange rate).  @net (optional)
 * receives the net cost after reimbursement in the display currency of
 * @ctx (SP_MONEY_UNKNOWN when it cannot be converted). */
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
