/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-unit.h — the proposal's cost for many purchases that differ
 * only in their list amount (issue 17: After Vouchers of every offer)
 *
 * sp_wallet_propose_for () checks every voucher, builds a breakdown with
 * its lines, refusals and explanations (translated, formatted money) and
 * searches the subsets: 12–19 µs a purchase.  For one purchase key
 * (vendor, item kind, category, currency paid, programme tags, date,
 * quantity) only the list amount changes from offer to offer, and of the
 * checks only the minimum spend reads it.  An SpWalletUnit checks the
 * vouchers once per key and, per list amount, runs the same search
 * (sp-wallet-search.c) on the vouchers usable at that amount: the same
 * totals, so the same cost, to the micro-unit, with no allocation.
 * Not thread-safe: one per thread. */
#pragma once

#include "sp-wallet.h"

G_BEGIN_DECLS

typedef struct _SpWalletUnit SpWalletUnit;

/* For the purchases of @purchase's key (its list amount is not read here).
 * The wallet and @purchase must outlive it; change @purchase's list amount
 * (and payment) between calls of sp_wallet_unit_cost (), nothing else.
 * NULL when no purchase of that key can be proposed (no date, a bad
 * contract period): sp_wallet_propose_for () says why. */
SpWalletUnit *sp_wallet_unit_new  (SpWallet      *wallet,
                                   SpPurchase    *purchase,
                                   SpProposeGoal  goal);
void          sp_wallet_unit_free (SpWalletUnit  *unit);

/* The list amount (paid currency) and the cost (list − platform discounts −
 * government subsidies) of sp_wallet_propose_for (@goal) on the purchase as
 * it is now.  FALSE when this path does not cover it (no list amount, no
 * exchange rate, more usable vouchers than SP_WALLET_EXHAUSTIVE_MAX): ask
 * sp_wallet_propose_for (). */
gboolean      sp_wallet_unit_cost (SpWalletUnit  *unit,
                                   SpMoney       *list,
                                   SpMoney       *cost);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpWalletUnit, sp_wallet_unit_free)

G_END_DECLS
