/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bar-chart.h — a horizontal bar chart of prices, drawn with GtkSnapshot */
#pragma once

#include <gtk/gtk.h>

#include "sp-core.h"

G_BEGIN_DECLS

typedef enum {
  SP_BAR_FLAG_NONE     = 0,
  SP_BAR_FLAG_WARNING  = 1 << 0, /* suspicious, stale or ambiguous: drawn in the warning colour */
  SP_BAR_FLAG_CHEAPEST = 1 << 1, /* the cheapest bar: drawn in the success colour */
} SpBarFlags;

typedef struct {
  const char *label;  /* e.g. the vendor and product */
  SpMoney     value;  /* SP_MONEY_UNKNOWN bars are listed without a bar */
  const char *note;   /* short text after the value, e.g. "suspicious" (may be NULL) */
  SpBarFlags  flags;
} SpBarEntry;

#define SP_TYPE_BAR_CHART (sp_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (SpBarChart, sp_bar_chart, SP, BAR_CHART, GtkWidget)

GtkWidget  *sp_bar_chart_new           (void);
/* Copies @entries.  @currency is the currency of every value ("CNY", "USD");
 * @unit is what a value is per (e.g. "card-hour"), shown in the summary. */
void        sp_bar_chart_set_entries   (SpBarChart       *self,
                                        const SpBarEntry *entries,
                                        guint             n_entries,
                                        const char       *currency,
                                        const char       *unit);
guint       sp_bar_chart_get_n_entries (SpBarChart *self);
/* The text given to assistive technologies, e.g. "Bar chart of 5 prices per
 * card-hour, from ¥5.80 to ¥24.50". */
const char *sp_bar_chart_get_summary   (SpBarChart *self);

G_END_DECLS
