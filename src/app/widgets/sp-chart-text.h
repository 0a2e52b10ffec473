/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-text.h — the text of the charts (bar chart, spend chart,
 * break-even chart): a layout measured as it is made, and drawn at a point */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A layout of @text in @widget's font; *@max_w and *@max_h (each may be
 * NULL) grow to its size in pixels when it is larger. */
PangoLayout *sp_chart_layout_new  (GtkWidget     *widget,
                                   const char    *text,
                                   double        *max_w,
                                   double        *max_h);
/* Draws @layout with its top left corner at (@x, @y). */
void         sp_chart_draw_layout (GtkSnapshot   *snapshot,
                                   PangoLayout   *layout,
                                   double         x,
                                   double         y,
                                   const GdkRGBA *color);

G_END_DECLS
