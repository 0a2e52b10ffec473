/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sparkline.h — a small line of one offer's price history */
#pragma once

#include <gtk/gtk.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_SPARKLINE (sp_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (SpSparkline, sp_sparkline, SP, SPARKLINE, GtkWidget)

GtkWidget  *sp_sparkline_new         (void);
/* Copies the points: @times (unix seconds, oldest first) and @values (prices
 * in @currency; SP_MONEY_UNKNOWN points are skipped). */
void        sp_sparkline_set_points  (SpSparkline   *self,
                                      const gint64  *times,
                                      const SpMoney *values,
                                      guint          n_points,
                                      const char    *currency);
guint       sp_sparkline_get_n_points (SpSparkline *self);
/* The text given to assistive technologies and shown as the tooltip. */
const char *sp_sparkline_get_summary (SpSparkline *self);

G_END_DECLS
