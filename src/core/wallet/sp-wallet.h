/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet.h — the user's vouchers and the rules that apply them
 *
 * A wallet holds vouchers (sp-voucher.h), the programme definitions they
 * refer to (sp-programme.h) and, per programme, the firm's subsidy received
 * so far this year (for yearly caps).  The engine is pure: no I/O; the
 * caller loads and saves the wallet state.
 *
 * The rules (docs/vouchers.md), in order, in the paid currency:
 *  1. the list amount is converted once, from its exact value (quantity ×
 *     unit price, never rounded before), half up to the fen, when the offer
 *     is priced in another currency;
 *  2. platform discounts: percentages first (each on what is left, rounded
 *     half up to the fen), then fixed amounts; a minimum spend is checked
 *     against the list amount → the contract amount;
 *  3. prepaid packs and balances of that vendor draw next (quantity packs
 *     first, earliest expiry first);
 *  4. government vouchers: per programme, min(rate × eligible amount
 *     [× days inside the programme ÷ contract days], per-contract cap,
 *     yearly cap − received this year, voucher balance, what is left),
 *     rounded once to the fen with the programme's rounding; the eligible
 *     amount is the contract amount less prepaid drawn; an exclusive
 *     programme never combines with another programme;
 *  5. the company pays the rest.
 * Vouchers that cannot be used are refused with the reason in plain words. */
#pragma once

#include <glib-object.h>
#include "sp-breakdown.h"
#include "sp-programme.h"
#include "sp-purchase.h"
#include "sp-voucher.h"

G_BEGIN_DECLS

/* Wallets larger than this are searched greedily, not exhaustively. */
#define SP_WALLET_EXHAUSTIVE_MAX 12

#define SP_TYPE_WALLET (sp_wallet_get_type ())
G_DECLARE_FINAL_TYPE (SpWallet, sp_wallet, SP, WALLET, GObject)

SpWallet     *sp_wallet_new                  (void);
/* A wallet of copies of @self's vouchers, the same programmes (shared: a
 * programme does not change once read) and its year-to-date totals: what a
 * worker prices with while the wallet of the window may change. */
SpWallet     *sp_wallet_copy                 (SpWallet *self);

/* Adds (replaces by id) programme definitions */
void          sp_wallet_add_programme        (SpWallet *self, SpProgramme *programme);
void          sp_wallet_add_programmes       (SpWallet *self, GPtrArray *programmes);
SpProgramme  *sp_wallet_lookup_programme     (SpWallet *self, const char *id);

/* Adds a voucher (the wallet keeps a reference; codes must be unique —
 * FALSE when the code is taken).  Order matters only for ties. */
gboolean      sp_wallet_add_voucher          (SpWallet *self, SpVoucher *voucher);
GPtrArray    *sp_wallet_get_vouchers         (SpWallet *self);  /* element type SpVoucher, borrowed */
SpVoucher    *sp_wallet_lookup_voucher       (SpWallet *self, const char *code);

/* Subsidy the firm has received from @programme_id this year (≥ 0). */
void          sp_wallet_set_year_to_date     (SpWallet *self, const char *programme_id, SpMoney amount);
SpMoney       sp_wallet_get_year_to_date     (SpWallet *self, const char *programme_id);

/* Applies exactly the vouchers named in @codes (NULL: every voucher, in
 * wallet order; the user's override) to @purchase.  Vouchers that cannot be
 * used are refused, with the reason, and the others still apply.  NULL with
 * SP_VOUCHER_ERROR_INVALID when the purchase cannot be priced (no amount, no
 * date, no exchange rate for a foreign currency, overflow). */
SpBreakdown  *sp_wallet_evaluate             (SpWallet *self, SpPurchase *purchase,
                                              const char * const *codes, GError **error);

/* Proposes the combination of vouchers with the least net cost after
 * reimbursement (ties: less prepaid drawn, then fewer vouchers), searching
 * every subset of usable vouchers up to SP_WALLET_EXHAUSTIVE_MAX, greedily
 * beyond.  The breakdown carries an explanation and refusals for the
 * vouchers left out. */
SpBreakdown  *sp_wallet_propose              (SpWallet *self, SpPurchase *purchase, GError **error);

typedef enum {
  SP_PROPOSE_LEAST_CASH, /* least net after reimbursement, prepaid drawn counted as paid */
  SP_PROPOSE_LEAST_COST, /* least cost: prepaid is the company's money, not a saving */
} SpProposeGoal;

/* sp_wallet_propose() with a choice of what is minimised.  The After
 * Vouchers price of an offer is the cost of SP_PROPOSE_LEAST_COST, so a
 * prepaid pack never makes a vendor look cheaper. */
SpBreakdown  *sp_wallet_propose_for          (SpWallet *self, SpPurchase *purchase,
                                              SpProposeGoal goal, GError **error);

/* Records @breakdown as spent: draws balances, marks single-use vouchers
 * used, adds government money to the year-to-date totals.  All or nothing:
 * SP_VOUCHER_ERROR_STALE (and nothing changes) when a voucher is missing or
 * its balance no longer covers its line. */
gboolean      sp_wallet_commit               (SpWallet *self, SpBreakdown *breakdown, GError **error);

G_END_DECLS
