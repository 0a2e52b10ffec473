/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-text.c — the charts' text (see sp-chart-text.h) */
#include "config.h"

#include "sp-chart-text.h"

PangoLayout *
sp_chart_layout_new (GtkWidget  *widget,
                     const char *text,
                     double     *max_w,
                     double     *max_h)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int pw, ph;

  pango_layout_get_pixel_size (layout, &pw, &ph);
  if (max_w != NULL)
    *max_w = MAX (*max_w, pw);
  if (max_h != NULL)
    *max_h = MAX (*max_h, ph);
  return layout;
}

void
sp_chart_draw_layout (GtkSnapshot   *snapshot,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}
