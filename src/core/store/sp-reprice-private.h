/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice-private.h — what sp-reprice.c (the run over the ledger) and
 * sp-reprice-candidates.c (the offers of each group and what one of them
 * would cost with the wallet) share.  Internal to src/core/store. */
#pragma once

#include "sp-breakdown.h"
#include "sp-ledger-entry.h"
#include "sp-offer.h"
#include "sp-price-context.h"
#include "sp-reprice.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

typedef struct {
  guint    row;         /* of the SpRepriceOffers */
  const char *id;       /* its id (the tie order), borrowed from them */
  SpOffer *offer;       /* its whole offer, read when first priced exactly (owned) */
  SpOfferKind kind;
  SpMoney  unit_price;  /* normalized, in the result's currency */
  SpMoney  block;       /* commitments: micro-units of the unit per block; 0: usage */
  /* the most the wallet's vouchers could take off this offer (a bound, set
   * by sp_reprice_reach_of_vouchers()): platform percentages and fixed amounts that
   * accept its vendor, and the rates of the programmes it qualifies for */
  gint64   discount_bp;
  SpMoney  discount_fixed;
  gint64   government_bp;
  guint    n_reach;     /* how many vouchers could apply */
  const char *only_code; /* the one that could, when n_reach is 1 (the wallet's) */
} Candidate;
/* The candidates of one group: the cheapest offer per dedup key, those
 * priced by usage first, by unit price, then the commitments. */
typedef struct {
  GArray  *all;        /* Candidate */
  guint    n_usage;
  gint64   max_bp;     /* the highest discount_bp + government_bp of them */
  SpMoney  max_fixed;  /* the highest discount_fixed */
} Group;
typedef struct {
  SpBreakdown *breakdown;
  SpMoney      list;
  SpMoney      cost;
} Priced;

/* sp-reprice-candidates.c */
gboolean sp_reprice_offer_can_serve (SpOffer *offer);
SpMoney sp_reprice_offer_block (SpOffer *offer);
SpMoney sp_reprice_billed_units (const Candidate *c, SpMoney units);
GHashTable * sp_reprice_build_candidates (const SpRepriceOffers *offers, SpWallet *wallet, SpPriceContext *ctx);
SpMoney sp_reprice_entry_paid (const SpLedgerEntry *e, const char *currency);
gboolean sp_reprice_entry_units (const SpLedgerEntry *e, SpOfferKind *kind, SpMoney *units);
SpMoney sp_reprice_government_left (SpWallet *wallet, SpPriceContext *ctx);
SpMoney sp_reprice_lower_bound (const Candidate *c, SpMoney list, SpMoney government);
gboolean sp_reprice_price_exactly (const SpRepriceOffers *offers, SpWallet *wallet, SpPriceContext *ctx, Candidate *c, SpMoney units, guint32 date, Priced *out);
void sp_reprice_reach_all (GHashTable *groups, const SpRepriceOffers *offers, SpWallet *wallet, SpPriceContext *ctx);
void sp_reprice_reach_of_vouchers (Candidate *c, const SpRepriceOffers *offers, SpWallet *wallet, SpPriceContext *ctx);
gboolean sp_reprice_spent_any (SpWallet *wallet, SpBreakdown *breakdown);

G_END_DECLS
