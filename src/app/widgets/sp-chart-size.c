/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-size.c — a chart's fixed size (see sp-chart-size.h) */
#include "config.h"

#include "sp-chart-size.h"

static GQuark
size_quark (void)
{
  return g_quark_from_static_string ("sp-chart-size");
}

static void
measure_fixed (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  const SpChartSize *size = g_type_get_qdata (G_OBJECT_TYPE (widget), size_quark ());

  g_return_if_fail (size != NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = size->min_width;
      *natural = size->nat_width;
    }
  else if (size->height_for != NULL)
    *minimum = *natural = size->height_for (widget);
  else
    {
      *minimum = size->min_height;
      *natural = size->nat_height;
    }
}

void
sp_chart_class_set_size (GtkWidgetClass    *widget_class,
                         const SpChartSize *size)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));
  g_return_if_fail (size != NULL);

  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), size_quark (), (gpointer) size);
  widget_class->measure = measure_fixed;
}
