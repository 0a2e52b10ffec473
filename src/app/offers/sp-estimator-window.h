/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-estimator-window.h — the workload estimator: monthly cost per offer, ranked */
#pragma once

#include <adwaita.h>

#include "sp-core.h"
#include "sp-estimate.h"
#include "sp-breakeven-chart.h"

G_BEGIN_DECLS

#define SP_TYPE_ESTIMATOR_WINDOW (sp_estimator_window_get_type ())
G_DECLARE_FINAL_TYPE (SpEstimatorWindow, sp_estimator_window, SP, ESTIMATOR_WINDOW, AdwWindow)

/* The estimator over the engine's @table (issue 17: no SpOffer per offer);
 * @prices (computed with @ctx) give the warnings; @service (may be NULL)
 * reads back the few whole offers a figure needs (sp-offer-table-
 * estimate.h), and the form is recomputed when they are in. */
SpEstimatorWindow   *sp_estimator_window_new_for_table  (GtkWindow      *parent,
                                                         SpOfferTable   *table,
                                                         SpPriceContext *ctx,
                                                         SpOfferPrices  *prices,
                                                         SpStoreService *service);
/* The same over whole offers held without a store (a feed, tests):
 * @offers (element type SpOffer) become a table of their own, each its own
 * detail.  @flags is not read: the table's prices flag the offers (the
 * same rules, sp_offer_flags_compute ()). */
SpEstimatorWindow   *sp_estimator_window_new            (GtkWindow      *parent,
                                                         GPtrArray      *offers,
                                                         GHashTable     *flags,
                                                         SpPriceContext *ctx);
/* Sets the form to "@hours card-hours per month of @gpu_model" (NULL = any
 * GPU; a model that is not in the catalog selects any) and recomputes. */
void                 sp_estimator_window_set_gpu_hours  (SpEstimatorWindow *self,
                                                         const char        *gpu_model,
                                                         double             hours);
/* Sets the form to "@input_m million input + @output_m million output tokens
 * per month" and recomputes. */
void                 sp_estimator_window_set_tokens     (SpEstimatorWindow *self,
                                                         double             input_m,
                                                         double             output_m);
/* TRUE while the form's estimate or break-even is computed in a worker or
 * whole offers are being read back (every form change starts a run and
 * cancels the previous one; the window's "estimated" signal says when the
 * latest results are shown) */
gboolean             sp_estimator_window_get_busy       (SpEstimatorWindow *self);
/* The ranked results of the latest finished run (cheapest first): how
 * many, and the shown ones (index below MIN (n, 100)) made whole. */
guint                sp_estimator_window_get_n_results  (SpEstimatorWindow *self);
const SpEstimateRow *sp_estimator_window_get_result     (SpEstimatorWindow *self,
                                                         guint              index);
/* Prices the break-even section after the vouchers of @wallet (NULL: list
 * prices) and recomputes. */
void                 sp_estimator_window_set_wallet     (SpEstimatorWindow *self,
                                                         SpWallet          *wallet);
/* Sets the form to tokens with self-hosting on @gpu_model at
 * @tokens_per_second per card, the model searched for @model, and
 * recomputes (the break-even chart then compares per token). */
void                 sp_estimator_window_set_self_host  (SpEstimatorWindow *self,
                                                         const char        *gpu_model,
                                                         double             tokens_per_second,
                                                         const char        *model);
/* The break-even chart (issue 18 part 2) */
SpBreakevenChart    *sp_estimator_window_get_breakeven_chart (SpEstimatorWindow *self);

G_END_DECLS
