/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sparkline.c — a small line of one offer's price history
 *
 * The points are placed by time (x) and price (y); a single point or an
 * unchanged price draws a flat line.  Drawn with Cairo through GtkSnapshot,
 * half-pixel aligned, in the style's accent colour. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-chart-size.h"
#include "sp-format.h"
#include "sp-sparkline.h"
#include "sp-widget-util.h"

#define PAD 3.0

struct _SpSparkline
{
  GtkWidget  parent_instance;

  /* owned */
  GArray    *times;   /* of gint64 */
  GArray    *values;  /* of SpMoney */
  char      *summary;
};

G_DEFINE_FINAL_TYPE (SpSparkline, sp_sparkline, GTK_TYPE_WIDGET)

static void
update_summary (SpSparkline *self,
                const char  *currency)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint n = self->values->len;

  g_clear_pointer (&self->summary, g_free);
  if (n == 0)
    self->summary = g_strdup (_("No price history"));
  else if (n == 1)
    {
      first = sp_format_money (g_array_index (self->values, SpMoney, 0), currency);
      /* Translators: a price history with one observation */
      self->summary = g_strdup_printf (_("Price history: %s, unchanged since first seen"), first);
    }
  else
    {
      first = sp_format_money (g_array_index (self->values, SpMoney, 0), currency);
      last = sp_format_money (g_array_index (self->values, SpMoney, n - 1), currency);
      /* Translators: accessible summary of a price history line */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Price history: %u change, from %s to %s",
                                                    "Price history: %u changes, from %s to %s",
                                                    n - 1),
                                       n - 1, first, last);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->summary);
}

static void
sp_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SpSparkline *self = SP_SPARKLINE (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  SpMoney lo = G_MAXINT64, hi = G_MININT64;
  gint64 t0, t1;
  GdkRGBA color;
  cairo_t *cr;
  gboolean started = FALSE;
  double last_x = PAD, last_y = h / 2;

  if (self->values->len == 0 || w <= 2 * PAD || h <= 2 * PAD)
    return;
  for (guint i = 0; i < self->values->len; i++)
    {
      SpMoney v = g_array_index (self->values, SpMoney, i);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  t0 = g_array_index (self->times, gint64, 0);
  t1 = g_array_index (self->times, gint64, self->times->len - 1);

  sp_widget_lookup_color (widget, "accent_color", NULL, &color);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->values->len; i++)
    {
      SpMoney v = g_array_index (self->values, SpMoney, i);
      gint64 t = g_array_index (self->times, gint64, i);
      double x, y;

      x = t1 > t0 ? PAD + (double) (t - t0) / (double) (t1 - t0) * (w - 2 * PAD)
                  : (self->values->len > 1 ? PAD + i * (w - 2 * PAD) / (self->values->len - 1)
                                           : PAD);
      y = hi > lo ? h - PAD - (double) (v - lo) / (double) (hi - lo) * (h - 2 * PAD) : h / 2;
      x = (int) x + 0.5;
      y = (int) y + 0.5;
      if (!started)
        cairo_move_to (cr, x, y);
      else
        {
          /* prices hold until they change: draw steps */
          cairo_line_to (cr, x, last_y);
          cairo_line_to (cr, x, y);
        }
      started = TRUE;
      last_x = x;
      last_y = y;
    }
  /* the latest price holds until now */
  cairo_line_to (cr, MAX (w - PAD, last_x), last_y);
  cairo_stroke (cr);
  cairo_arc (cr, MAX (w - PAD, last_x) - 1.5, last_y, 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
sp_sparkline_finalize (GObject *object)
{
  SpSparkline *self = SP_SPARKLINE (object);

  g_clear_pointer (&self->times, g_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sp_sparkline_parent_class)->finalize (object);
}

static void
sp_sparkline_class_init (SpSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const SpChartSize size = { .min_width = 60, .nat_width = 140, .min_height = 28, .nat_height = 28 };

  object_class->finalize = sp_sparkline_finalize;
  sp_chart_class_set_size (widget_class, &size);
  widget_class->snapshot = sp_sparkline_snapshot;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_sparkline_init (SpSparkline *self)
{
  self->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->values = g_array_new (FALSE, FALSE, sizeof (SpMoney));
  update_summary (self, NULL);
}

GtkWidget *
sp_sparkline_new (void)
{
  return g_object_new (SP_TYPE_SPARKLINE, NULL);
}

void
sp_sparkline_set_points (SpSparkline   *self,
                         const gint64  *times,
                         const SpMoney *values,
                         guint          n_points,
                         const char    *currency)
{
  g_return_if_fail (SP_IS_SPARKLINE (self));
  g_return_if_fail (n_points == 0 || (times != NULL && values != NULL));

  g_array_set_size (self->times, 0);
  g_array_set_size (self->values, 0);
  for (guint i = 0; i < n_points; i++)
    {
      if (values[i] == SP_MONEY_UNKNOWN)
        continue;
      g_array_append_val (self->times, times[i]);
      g_array_append_val (self->values, values[i]);
    }
  update_summary (self, currency);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sp_sparkline_get_n_points (SpSparkline *self)
{
  g_return_val_if_fail (SP_IS_SPARKLINE (self), 0);
  return self->values->len;
}

const char *
sp_sparkline_get_summary (SpSparkline *self)
{
  g_return_val_if_fail (SP_IS_SPARKLINE (self), NULL);
  return self->summary;
}
