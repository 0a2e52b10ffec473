/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-estimate.h — the workload estimator and the break-even on
 * the offer table (issue 17): the same figures as sp_estimate_run () and
 * sp_breakeven_run () without an SpOffer per row.
 *
 * Every candidate row is priced through the catalog's own functions
 * (sp_estimate_offer_figures (), the break-even collector) on a scratch
 * offer filled from its record.  What the table does not hold is read back
 * whole only for the rows whose figure needs it — the *details* (a hash
 * table row → SpOffer, sp_offer_details_new ()):
 *
 *   - estimate: token offers when the workload has prompt tokens per
 *     request (long-context tiers, context window) or is off-peak (the
 *     off-peak variant): sp_offer_table_estimate_detail_rows ();
 *   - break-even: reserved GPU offers of the class (their minimum
 *     commitment): sp_offer_table_breakeven_detail_rows ().
 *
 * A row that needs its detail and has none is priced from the table
 * (estimate: base token rates) or left out (break-even: reserved).  Only
 * the rows shown become offers (sp_offer_table_estimate_row ()). */
#pragma once

#include <gio/gio.h>

#include "sp-breakeven.h"
#include "sp-estimate.h"
#include "sp-offer-prices.h"
#include "sp-offer-table.h"

G_BEGIN_DECLS

/* One ranked row: SpEstimateRow's figures without the offer and the text */
typedef struct {
  guint32  row;                /* of the table */
  guint8   self_hosted;
  guint8   off_peak;
  gint64   tier_above_tokens;
  SpMoney  monthly_cost;
  SpMoney  unit_price;
  SpMoney  output_price;
  SpMoney  cached_price;
} SpTableEstimate;

/* An empty row → SpOffer map (keys GUINT_TO_POINTER (row), values owned) */
GHashTable   *sp_offer_details_new                  (void);
void          sp_offer_details_add                  (GHashTable   *details,
                                                     guint         row,
                                                     SpOffer      *offer);
SpOffer      *sp_offer_details_get                  (GHashTable   *details,
                                                     guint         row);

/* The rows (guint, not retired) whose whole offer the estimate of
 * @workload reads (sp_estimate_needs_detail ()); often none */
GArray       *sp_offer_table_estimate_detail_rows   (SpOfferTable     *table,
                                                     const SpWorkload *workload);
/* sp_estimate_run ()'s ranking of @table's offers (element type
 * SpTableEstimate, cheapest first, the same ties, then the table's order).
 * NULL with SP_ESTIMATE_ERROR_INVALID for a bad quantity, or when
 * cancelled.  @details may be NULL. */
GArray       *sp_offer_table_estimate               (SpOfferTable     *table,
                                                     GHashTable       *details,
                                                     const SpWorkload *workload,
                                                     SpPriceContext   *ctx,
                                                     GCancellable     *cancellable,
                                                     GError          **error);
/* The whole row of @entry (its offer: the detail, else made from the table;
 * its explanation), as sp_estimate_run () makes it */
SpEstimateRow *sp_offer_table_estimate_row          (SpOfferTable          *table,
                                                     GHashTable            *details,
                                                     const SpWorkload      *workload,
                                                     SpPriceContext        *ctx,
                                                     const SpTableEstimate *entry);

/* sp_offer_table_estimate () in a worker thread, and the whole rows of its
 * first @n_rows entries (sp_offer_table_estimate_row ()).  The worker reads
 * copies: of @details' map (the same offers, ref'd), @workload's texts and
 * @ctx's settings; @table never changes.  The caller may change or free its
 * own at once.  Cancelled (G_IO_ERROR_CANCELLED) when @cancellable is, even
 * if the worker had finished. */
void          sp_offer_table_estimate_async         (SpOfferTable        *table,
                                                     GHashTable          *details,
                                                     const SpWorkload    *workload,
                                                     SpPriceContext      *ctx,
                                                     guint                n_rows,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* The ranking (SpTableEstimate); *@rows (may be NULL): SpEstimateRow of its
 * first entries, transfer full */
GArray       *sp_offer_table_estimate_finish        (GAsyncResult  *result,
                                                     GPtrArray    **rows,
                                                     GError       **error);

/* The rows (guint) of reserved GPU offers of @query's class, not retired */
GArray       *sp_offer_table_breakeven_detail_rows  (SpOfferTable           *table,
                                                     const SpBreakevenQuery *query);
/* Makes the offer of a winning row (transfer full): NULL → the detail,
 * else sp_offer_table_dup_offer () */
typedef SpOffer *(*SpOfferTableReadFunc) (SpOfferTable *table,
                                          guint         row,
                                          gpointer      user_data);
/* sp_breakeven_run () over @table.  Suspicious offers are those flagged in
 * @prices (NULL: none; query->flags is not read).  @read (may be NULL)
 * makes the options' offers. */
SpBreakeven  *sp_offer_table_breakeven              (SpOfferTable           *table,
                                                     SpOfferPrices          *prices,
                                                     GHashTable             *details,
                                                     const SpBreakevenQuery *query,
                                                     SpPriceContext         *ctx,
                                                     SpWallet               *wallet,
                                                     SpOfferTableReadFunc    read,
                                                     gpointer                read_data,
                                                     GError                **error);

/* sp_offer_table_breakeven () in a worker thread (the options' offers from
 * the details or the table), on copies of @details' map, @query (its
 * flags are not read), @ctx and @wallet; @prices and @table are read-only.
 * G_IO_ERROR_CANCELLED when @cancellable is. */
void          sp_offer_table_breakeven_async        (SpOfferTable           *table,
                                                     SpOfferPrices          *prices,
                                                     GHashTable             *details,
                                                     const SpBreakevenQuery *query,
                                                     SpPriceContext         *ctx,
                                                     SpWallet               *wallet,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
SpBreakeven  *sp_offer_table_breakeven_finish       (GAsyncResult  *result,
                                                     GError       **error);

/* A table of @offers (element type SpOffer), one row each in their order,
 * for callers that hold offers and no store (feeds, tests) */
SpOfferTable *sp_offer_table_new_from_offers        (GPtrArray *offers);

G_END_DECLS
