/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakeven-chart.h — the break-even chart (issue 18 part 2): monthly
 * cost of each way of buying against the monthly volume, crossovers
 * labelled */
#pragma once

#include <gtk/gtk.h>

#include "sp-breakeven.h"
#include "sp-offer-table-estimate.h"

G_BEGIN_DECLS

#define SP_TYPE_BREAKEVEN_CHART (sp_breakeven_chart_get_type ())
G_DECLARE_FINAL_TYPE (SpBreakevenChart, sp_breakeven_chart, SP, BREAKEVEN_CHART, GtkWidget)

GtkWidget   *sp_breakeven_chart_new        (void);
/* Shows @breakeven (transfer full; NULL shows @message instead, which may
 * be NULL too). */
void         sp_breakeven_chart_set_data   (SpBreakevenChart *self,
                                            SpBreakeven      *breakeven,
                                            const char       *message);
/* Runs the break-even over the engine's @table in a worker
 * (sp_offer_table_breakeven_async (): @prices flag the suspicious offers,
 * @details are the reserved offers read back; all copied or ref'd now),
 * shows "Estimating…" meanwhile, then the result, or why there is none (no
 * GPU class chosen, no offer, the core's error).  A newer update or
 * set_data () cancels the run: its result is never shown. */
void         sp_breakeven_chart_update     (SpBreakevenChart       *self,
                                            SpOfferTable           *table,
                                            SpOfferPrices          *prices,
                                            GHashTable             *details,
                                            const SpBreakevenQuery *query,
                                            SpPriceContext         *ctx,
                                            SpWallet               *wallet);
SpBreakeven *sp_breakeven_chart_get_data   (SpBreakevenChart *self);
/* TRUE while an update's break-even is being computed */
gboolean     sp_breakeven_chart_get_busy   (SpBreakevenChart *self);
/* The crossover labels drawn, translated ("above 412 h/month the monthly
 * plan is cheaper"), one per crossover */
guint        sp_breakeven_chart_get_n_labels (SpBreakevenChart *self);
const char  *sp_breakeven_chart_get_label    (SpBreakevenChart *self,
                                              guint             index);
/* The text shown instead of a chart, or NULL */
const char  *sp_breakeven_chart_get_message  (SpBreakevenChart *self);

G_END_DECLS
