/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spend-chart.h — monthly spend as stacked bars, drawn with GtkSnapshot
 *
 * The chart is given normalized data: @n_months months × @n_series series,
 * each cell holding what was paid and the government subsidy, in one
 * currency, plus an optional monthly budget.  Each series stacks as its paid
 * part (solid) with its subsidy part on top (lighter, outlined); a dashed
 * line marks the budget.  Clicking a month (or Enter on the selected month;
 * Left/Right move the selection) emits "month-activated". */
#pragma once

#include <gtk/gtk.h>

#include "sp-chart-export.h"
#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_SPEND_CHART (sp_spend_chart_get_type ())
G_DECLARE_FINAL_TYPE (SpSpendChart, sp_spend_chart, SP, SPEND_CHART, GtkWidget)

GtkWidget  *sp_spend_chart_new            (void);

/* @months are "YYYY-MM"; @paid and @subsidy hold @n_months × @n_series
 * cells, month-major (cell [m * n_series + s]); SP_MONEY_UNKNOWN cells count
 * as 0.  @budget SP_MONEY_UNKNOWN = none.  Copies everything; redraws only
 * when something changed. */
void        sp_spend_chart_set_data       (SpSpendChart       *self,
                                           const char * const *months,
                                           guint               n_months,
                                           const char * const *series,
                                           guint               n_series,
                                           const SpMoney      *paid,
                                           const SpMoney      *subsidy,
                                           SpMoney             budget,
                                           const char         *currency);
guint       sp_spend_chart_get_n_months   (SpSpendChart *self);
guint       sp_spend_chart_get_n_series   (SpSpendChart *self);
const char *sp_spend_chart_get_month      (SpSpendChart *self,
                                           guint         month);
const char *sp_spend_chart_get_series     (SpSpendChart *self,
                                           guint         series);
/* Total paid + subsidy of a month, all series. */
SpMoney     sp_spend_chart_get_month_total (SpSpendChart *self,
                                            guint         month);

/* The selected month (-1 = none); selecting does not activate. */
int         sp_spend_chart_get_selected   (SpSpendChart *self);
void        sp_spend_chart_set_selected   (SpSpendChart *self,
                                           int           month);
/* Emits "month-activated" for @month. */
void        sp_spend_chart_activate_month (SpSpendChart *self,
                                           guint         month);

/* Where a bar is drawn at the current size, in widget coordinates.
 * @series -1 = the whole stack of @month; otherwise the part of @series:
 * its subsidy part when @subsidy, else its paid part.  FALSE (and an empty
 * rect) when out of range or not laid out. */
gboolean    sp_spend_chart_get_bar_geometry (SpSpendChart    *self,
                                             guint            month,
                                             int              series,
                                             gboolean         subsidy,
                                             graphene_rect_t *out);
/* The month under widget coordinate @x, or -1. */
int         sp_spend_chart_month_at       (SpSpendChart *self,
                                           double        x);
/* The tooltip text for a point (NULL when none). */
char       *sp_spend_chart_dup_tooltip    (SpSpendChart *self,
                                           double        x,
                                           double        y);
/* "March 2026" (translated) for "2026-03". */
char       *sp_spend_chart_format_month   (const char *month);
/* The text given to assistive technologies. */
const char *sp_spend_chart_get_summary    (SpSpendChart *self);

/* Exports the chart at @width × @height pixels (0 = its current size) to
 * @path: drawn now, on the main thread; encoded and written in a worker. */
void        sp_spend_chart_export_async   (SpSpendChart        *self,
                                           const char          *path,
                                           SpChartExportFormat  format,
                                           int                  width,
                                           int                  height,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    sp_spend_chart_export_finish  (SpSpendChart        *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* The same, waiting for the worker (tests). */
gboolean    sp_spend_chart_save_png       (SpSpendChart  *self,
                                           const char    *path,
                                           int            width,
                                           int            height,
                                           GError       **error);
gboolean    sp_spend_chart_save_svg       (SpSpendChart  *self,
                                           const char    *path,
                                           int            width,
                                           int            height,
                                           GError       **error);

G_END_DECLS
