/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-size.h — the size of a chart (sparkline, spend chart, break-even
 * chart, bar chart): one measure for them */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  int min_width;
  int nat_width;
  int min_height;
  int nat_height;
  /* when set, the height (minimum and natural) that what @widget shows
   * needs, in place of min_height and nat_height */
  int (*height_for) (GtkWidget *widget);
} SpChartSize;

/* Makes the widgets of @widget_class measure as @size (in static storage):
 * sets its measure virtual function; call it from class_init. */
void sp_chart_class_set_size (GtkWidgetClass    *widget_class,
                              const SpChartSize *size);

G_END_DECLS
