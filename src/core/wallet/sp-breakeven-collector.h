/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakeven-collector.h — the break-even one candidate at a time, for a
 * caller that has no SpOffer per offer (the offer engine's table:
 * sp-offer-table-estimate.h).  sp_breakeven_run () is these over an array.
 *
 *   init → add (each offer that is not retired, in order) → finish
 *
 * The collector keeps, per way of buying, the best candidate's figures,
 * the caller's @key for it and its vendor name, name and id for ties
 * (borrowed: they must stay valid until finish). */
#pragma once

#include "sp-breakeven.h"

G_BEGIN_DECLS

/* The unit price of @offer (added with @key) after the wallet's vouchers,
 * and before them in *@list: sp_offer_unit_after_vouchers ()'s figures */
typedef SpMoney (*SpBreakevenPriceFunc) (SpOffer  *offer,
                                         guint     key,
                                         SpMoney  *list,
                                         gpointer  user_data);

typedef struct {
  SpBreakeven            *self;
  SpBreakevenOption      *best[SP_BREAKEVEN_N_KINDS];
  guint                   keys[SP_BREAKEVEN_N_KINDS];
  const char             *ties[SP_BREAKEVEN_N_KINDS][3];
  const SpBreakevenQuery *query;
  SpPriceContext         *ctx;
  SpWallet               *wallet;
  gboolean                tokens_axis;
  gboolean                any_gpu;
  /* sp_offer_unit_after_vouchers () unless the caller sets its own after init */
  SpBreakevenPriceFunc    price;
  gpointer                price_data;
} SpBreakevenCollector;

/* The offer (transfer full) of the best candidate added with @key */
typedef SpOffer *(*SpBreakevenOfferFunc) (guint    key,
                                          gpointer user_data);

/* FALSE (SP_BREAKEVEN_ERROR_INVALID) when @query is out of range */
gboolean     sp_breakeven_collector_init   (SpBreakevenCollector    *c,
                                            const SpBreakevenQuery  *query,
                                            SpPriceContext          *ctx,
                                            SpWallet                *wallet,
                                            GError                 **error);
/* TRUE when @offer is of the GPU class (or, on the tokens axis, of the
 * model) the query compares: only such offers count */
gboolean     sp_breakeven_collector_wants  (SpBreakevenCollector    *c,
                                            SpOffer                 *offer);
/* One offer that is not retired; @id its id for ties (NULL: the offer's),
 * @suspicious whether it is flagged so (left out and counted) */
void         sp_breakeven_collector_add    (SpBreakevenCollector    *c,
                                            SpOffer                 *offer,
                                            const char              *id,
                                            gboolean                 suspicious,
                                            guint                    key);
/* The break-even, or NULL with SP_BREAKEVEN_ERROR; clears @c either way */
SpBreakeven *sp_breakeven_collector_finish (SpBreakevenCollector    *c,
                                            SpBreakevenOfferFunc     offer_for_key,
                                            gpointer                 user_data,
                                            GError                 **error);
/* Frees what an unfinished collector holds */
void         sp_breakeven_collector_clear  (SpBreakevenCollector    *c);

G_END_DECLS
