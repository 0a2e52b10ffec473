/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-size.h — the size of a chart that does not depend on what it
 * shows (sparkline, spend chart, break-even chart): one measure for them */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  int min_width;
  int nat_width;
  int min_height;
  int nat_height;
} SpChartSize;

/* Makes the widgets of @widget_class measure as @size (in static storage):
 * sets its measure virtual function; call it from class_init. */
void sp_chart_class_set_size (GtkWidgetClass    *widget_class,
                              const SpChartSize *size);

G_END_DECLS
