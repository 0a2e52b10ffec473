/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spend-chart-paint.c — the spend chart's text, layout and painting,
 * into a GtkSnapshot or a cairo context through one painter interface (the
 * widget: sp-spend-chart.c) */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sp-chart-text.h"
#include "sp-format.h"
#include "sp-spend-chart-private.h"

/* ---------------------------------------------------------- the painter */

static void
sp_spend_chart_snapshot_fill (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
{
  gtk_snapshot_append_color (p->snapshot, color, rect);
}

static void
sp_spend_chart_snapshot_outline (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
{
  GskRoundedRect outline;
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (p->snapshot, &outline, widths, colors);
}

static void
sp_spend_chart_snapshot_text (Painter *p, PangoLayout *layout, double x, double y, const GdkRGBA *color)
{
  sp_chart_draw_layout (p->snapshot, layout, x, y, color);
}

static void
sp_spend_chart_cairo_fill_rect (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
{
  gdk_cairo_set_source_rgba (p->cr, color);
  cairo_rectangle (p->cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
  cairo_fill (p->cr);
}

static void
sp_spend_chart_cairo_outline_rect (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
{
  if (rect->size.width < 1 || rect->size.height < 1)
    return;
  gdk_cairo_set_source_rgba (p->cr, color);
  cairo_set_line_width (p->cr, 1);
  cairo_rectangle (p->cr, rect->origin.x + 0.5, rect->origin.y + 0.5,
                   rect->size.width - 1, rect->size.height - 1);
  cairo_stroke (p->cr);
}

static void
sp_spend_chart_cairo_text (Painter *p, PangoLayout *layout, double x, double y, const GdkRGBA *color)
{
  cairo_save (p->cr);
  gdk_cairo_set_source_rgba (p->cr, color);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
  cairo_restore (p->cr);
}

void
sp_spend_chart_painter_init_snapshot (Painter     *p,
                                      GtkSnapshot *snapshot)
{
  *p = (Painter) { sp_spend_chart_snapshot_fill, sp_spend_chart_snapshot_outline,
                   sp_spend_chart_snapshot_text, snapshot, NULL };
}

void
sp_spend_chart_painter_init_cairo (Painter *p,
                                   cairo_t *cr)
{
  *p = (Painter) { sp_spend_chart_cairo_fill_rect, sp_spend_chart_cairo_outline_rect,
                   sp_spend_chart_cairo_text, NULL, cr };
}

/* -------------------------------------------------------------- helpers */


static const char * const short_months[12] = {
  NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"),
  NC_("month", "May"), NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"),
  NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
};

static const char * const long_months[12] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

static gboolean
split_month (const char *month,
             guint      *year,
             guint      *mon)
{
  if (month == NULL || strlen (month) != 7 || month[4] != '-')
    return FALSE;
  *year = (guint) g_ascii_strtoull (month, NULL, 10);
  *mon = (guint) g_ascii_strtoull (month + 5, NULL, 10);
  return *mon >= 1 && *mon <= 12;
}

char *
sp_spend_chart_month_long_name (const char *month)
{
  guint year, mon;
  const char *name;

  if (!split_month (month, &year, &mon))
    return g_strdup (month);
  name = g_dpgettext2 (GETTEXT_PACKAGE, "month", long_months[mon - 1]);
  /* Translators: a month and its year, e.g. "March 2026" (zh: "2026年3月") */
  return g_strdup_printf (_("%1$s %2$u"), name, year);
}

SpMoney
sp_spend_chart_money_sum (SpMoney a,
           SpMoney b)
{
  SpMoney out;

  if (a == SP_MONEY_UNKNOWN)
    a = 0;
  if (b == SP_MONEY_UNKNOWN)
    b = 0;
  if (!sp_money_add (a, b, &out))
    out = b > 0 ? G_MAXINT64 : G_MININT64 + 1;
  return out;
}

double
sp_spend_chart_units (SpMoney value)
{
  if (value == SP_MONEY_UNKNOWN || value <= 0)
    return 0;
  return (double) value / (double) SP_MONEY_SCALE;
}

/* An axis label: "¥12,000", "$0.50". */
static char *
tick_text (double      value,
           double      step,
           const char *currency)
{
  const char *symbol = sp_money_currency_symbol (currency);
  g_autofree char *number = NULL;

  if (step >= 1)
    {
      GString *s = g_string_new (NULL);
      g_autofree char *digits = g_strdup_printf ("%.0f", value);
      gsize n = strlen (digits);

      for (gsize i = 0; i < n; i++)
        {
          if (i > 0 && (n - i) % 3 == 0)
            g_string_append_c (s, ',');
          g_string_append_c (s, digits[i]);
        }
      number = g_string_free (s, FALSE);
    }
  else
    number = g_strdup_printf ("%.2f", value);
  if (symbol != NULL)
    return g_strdup_printf ("%s%s", symbol, number);
  return g_strdup_printf ("%s %s", number, currency ? currency : "");
}

static void
palette_color (guint     index,
               gboolean  dark,
               GdkRGBA  *out)
{
  /* GNOME palette; lighter shades on dark backgrounds */
  static const char * const light[] = {
    "#3584e4", "#2ec27e", "#e5a50a", "#e66100", "#c01c28", "#9141ac",
    "#986a44", "#1c71d8", "#26a269", "#c061cb", "#5e5c64", "#0e8a9b",
  };
  static const char * const darkp[] = {
    "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#f66151", "#c061cb",
    "#cdab8f", "#99c1f1", "#8ff0a4", "#dc8add", "#c0bfbc", "#4fd1e0",
  };

  gdk_rgba_parse (out, (dark ? darkp : light)[index % G_N_ELEMENTS (light)]);
}

gboolean
sp_spend_chart_is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
sp_spend_chart_clear_text_cache (SpSpendChart *self)
{
  g_clear_pointer (&self->month_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->series_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->tick_layouts, g_ptr_array_unref);
  g_clear_object (&self->subsidy_layout);
  g_clear_object (&self->budget_layout);
  g_clear_object (&self->empty_layout);
}

static void
ensure_text (SpSpendChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double dummy = 0;

  if (self->month_layouts != NULL)
    return;

  self->month_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->series_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->tick_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->month_label_w = self->month_label_h = self->tick_label_w = self->text_h = 0;

  for (guint m = 0; m < self->months->len; m++)
    {
      const char *month = g_ptr_array_index (self->months, m);
      guint year, mon;
      g_autofree char *text = NULL;

      if (!split_month (month, &year, &mon))
        text = g_strdup (month);
      else if (m == 0 || mon == 1)
        text = g_strdup_printf ("%s\n%u", g_dpgettext2 (GETTEXT_PACKAGE, "month",
                                                        short_months[mon - 1]), year);
      else
        text = g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "month", short_months[mon - 1]));
      g_ptr_array_add (self->month_layouts,
                       sp_chart_layout_new (widget, text, &self->month_label_w,
                                            &self->month_label_h));
    }
  for (guint m = 0; m < self->month_layouts->len; m++)
    pango_layout_set_alignment (g_ptr_array_index (self->month_layouts, m), PANGO_ALIGN_CENTER);

  for (guint s = 0; s < self->series->len; s++)
    g_ptr_array_add (self->series_layouts,
                     sp_chart_layout_new (widget, g_ptr_array_index (self->series, s), &dummy,
                                          &self->text_h));

  for (guint t = 0; t <= self->n_ticks; t++)
    {
      g_autofree char *text = tick_text (t * self->tick_step, self->tick_step, self->currency);

      g_ptr_array_add (self->tick_layouts,
                       sp_chart_layout_new (widget, text, &self->tick_label_w, &self->text_h));
    }

  self->subsidy_layout = sp_chart_layout_new (widget, _("Subsidy (lighter, outlined)"), &dummy,
                                              &self->text_h);
  if (self->budget != SP_MONEY_UNKNOWN)
    {
      g_autofree char *money = sp_format_money (self->budget, self->currency);
      /* Translators: the budget line's key in the monthly spend chart */
      g_autofree char *text = g_strdup_printf (_("Budget %s"), money);

      self->budget_layout = sp_chart_layout_new (widget, text, &dummy, &self->text_h);
    }
  self->empty_layout = sp_chart_layout_new (widget, _("No spending in this period"), &dummy, &dummy);
}

/* Rows of the legend at @width; returns its height.  With @painter, draws. */
static double
legend_pass (SpSpendChart *self,
             double        width,
             double        y0,
             Painter      *painter,
             const GdkRGBA *fg,
             gboolean       dark,
             const GdkRGBA *budget_color)
{
  double x = PAD, y = y0, row_h = MAX (self->text_h, SWATCH);
  guint n = self->series->len + 1 + (self->budget_layout != NULL);

  for (guint i = 0; i < n; i++)
    {
      PangoLayout *layout;
      int tw, th;
      double item_w;

      if (i < self->series->len)
        layout = g_ptr_array_index (self->series_layouts, i);
      else if (i == self->series->len)
        layout = self->subsidy_layout;
      else
        layout = self->budget_layout;
      pango_layout_get_pixel_size (layout, &tw, &th);
      item_w = SWATCH + 4 + tw;
      if (x > PAD && x + item_w > width - PAD)
        {
          x = PAD;
          y += row_h + 4;
        }
      if (painter != NULL)
        {
          graphene_rect_t sw = GRAPHENE_RECT_INIT ((float) x, (float) (y + (row_h - SWATCH) / 2),
                                                   SWATCH, SWATCH);
          GdkRGBA c;

          if (i < self->series->len)
            {
              palette_color (i, dark, &c);
              painter->fill (painter, &c, &sw);
            }
          else if (i == self->series->len)
            {
              c = *fg;
              c.alpha = 0.25f;
              painter->fill (painter, &c, &sw);
              c.alpha = 0.9f;
              painter->outline (painter, &c, &sw);
            }
          else
            painter->fill (painter, budget_color,
                           &GRAPHENE_RECT_INIT ((float) x, (float) (y + row_h / 2 - 1), SWATCH, 2));
          painter->text (painter, layout, x + SWATCH + 4, y + (row_h - th) / 2, fg);
        }
      x += item_w + LEGEND_GAP;
    }
  return y + row_h - y0;
}

void
sp_spend_chart_compute_layout (SpSpendChart *self,
                double        width,
                double        height,
                Layout       *l)
{
  double legend_h, label_space;

  ensure_text (self);
  memset (l, 0, sizeof *l);
  l->width = width;
  l->height = height;
  l->legend_y = PAD;
  legend_h = legend_pass (self, width, PAD, NULL, NULL, FALSE, NULL);
  l->plot_x = PAD + self->tick_label_w + GAP;
  l->plot_y = PAD + legend_h + PAD + self->text_h / 2;
  l->plot_w = MAX (width - l->plot_x - PAD, 10);
  l->plot_h = MAX (height - l->plot_y - GAP - self->month_label_h - PAD, 10);
  if (self->months->len > 0)
    {
      l->slot_w = l->plot_w / self->months->len;
      l->bar_w = MAX (MIN (l->slot_w * 0.7, 48), 1);
    }
  label_space = self->month_label_w + 6;
  l->label_every = 1;
  while (l->slot_w > 0 && l->label_every * l->slot_w < label_space)
    l->label_every++;
}

static double
value_y (SpSpendChart *self,
         const Layout *l,
         double        value)
{
  if (self->scale_max <= 0)
    return l->plot_y + l->plot_h;
  return l->plot_y + l->plot_h - value / self->scale_max * l->plot_h;
}

/* The rectangle of a part; series -1 = the whole stack. */
gboolean
sp_spend_chart_part_rect (SpSpendChart    *self,
           const Layout    *l,
           guint            m,
           int              series,
           gboolean         subsidy,
           graphene_rect_t *out)
{
  guint ns = self->series->len;
  double below = 0, h = 0;
  double x;

  if (m >= self->months->len || series >= (int) ns || l->slot_w <= 0)
    return FALSE;
  if (series < 0)
    {
      for (guint s = 0; s < ns; s++)
        h += sp_spend_chart_units (g_array_index (self->paid, SpMoney, m * ns + s)) +
             sp_spend_chart_units (g_array_index (self->subsidy, SpMoney, m * ns + s));
    }
  else
    {
      for (int s = 0; s < series; s++)
        below += sp_spend_chart_units (g_array_index (self->paid, SpMoney, m * ns + s)) +
                 sp_spend_chart_units (g_array_index (self->subsidy, SpMoney, m * ns + s));
      if (subsidy)
        below += sp_spend_chart_units (g_array_index (self->paid, SpMoney, m * ns + series));
      h = sp_spend_chart_units (g_array_index (subsidy ? self->subsidy : self->paid, SpMoney, m * ns + series));
    }
  x = l->plot_x + m * l->slot_w + (l->slot_w - l->bar_w) / 2;
  {
    double y_top = value_y (self, l, below + h);
    double y_bottom = value_y (self, l, below);

    *out = GRAPHENE_RECT_INIT ((float) x, (float) y_top, (float) l->bar_w,
                               (float) (y_bottom - y_top));
  }
  return TRUE;
}

/* The colours of one painting. */
typedef struct {
  gboolean dark;
  GdkRGBA  fg, grid, axis, accent, budget;
} Colors;

/* The selected month's band (outlined when the chart has the focus). */
static void
paint_selection (SpSpendChart  *self,
                 Painter       *painter,
                 const Layout  *l,
                 const Colors  *c)
{
  GdkRGBA band = c->accent;
  graphene_rect_t r;

  if (self->selected < 0 || (guint) self->selected >= self->months->len)
    return;
  r = GRAPHENE_RECT_INIT ((float) (l->plot_x + self->selected * l->slot_w),
                          (float) l->plot_y, (float) l->slot_w,
                          (float) (l->plot_h + GAP + self->month_label_h));
  band.alpha = 0.14f;
  painter->fill (painter, &band, &r);
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      band.alpha = 0.8f;
      painter->outline (painter, &band, &r);
    }
}

/* The grid lines and the value axis' labels. */
static void
paint_grid (SpSpendChart  *self,
            Painter       *painter,
            const Layout  *l,
            const Colors  *c)
{
  for (guint t = 0; t <= self->n_ticks; t++)
    {
      double y = value_y (self, l, t * self->tick_step);
      PangoLayout *layout = g_ptr_array_index (self->tick_layouts, t);
      int tw, th;

      painter->fill (painter, t == 0 ? &c->axis : &c->grid,
                     &GRAPHENE_RECT_INIT ((float) l->plot_x, (float) floor (y), (float) l->plot_w, 1));
      pango_layout_get_pixel_size (layout, &tw, &th);
      painter->text (painter, layout, l->plot_x - GAP - tw, y - th / 2.0, &c->fg);
    }
}

/* Month @m's bar: per series its paid part, then its subsidy part on top
 * (lighter, outlined). */
static void
paint_month_bar (SpSpendChart  *self,
                 Painter       *painter,
                 const Layout  *l,
                 const Colors  *colors,
                 guint          m)
{
  guint ns = self->series->len;
  double x = l->plot_x + m * l->slot_w + (l->slot_w - l->bar_w) / 2;
  double acc = 0;
  double y_prev = value_y (self, l, 0);

  for (guint s = 0; s < ns; s++)
    {
      double p = sp_spend_chart_units (g_array_index (self->paid, SpMoney, m * ns + s));
      double sub = sp_spend_chart_units (g_array_index (self->subsidy, SpMoney, m * ns + s));
      GdkRGBA c;

      if (p <= 0 && sub <= 0)
        continue;
      palette_color (s, colors->dark, &c);
      if (p > 0)
        {
          double y = value_y (self, l, acc + p);

          painter->fill (painter, &c, &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                           (float) l->bar_w,
                                                           (float) (y_prev - y)));
          acc += p;
          y_prev = y;
        }
      if (sub > 0)
        {
          double y = value_y (self, l, acc + sub);
          graphene_rect_t r = GRAPHENE_RECT_INIT ((float) x, (float) y, (float) l->bar_w,
                                                  (float) (y_prev - y));
          GdkRGBA light = c;

          light.alpha = 0.32f;
          painter->fill (painter, &light, &r);
          painter->outline (painter, &c, &r);
          acc += sub;
          y_prev = y;
        }
    }
}

/* The month labels, the dashed budget line and, with nothing to show,
 * the empty message. */
static void
paint_labels (SpSpendChart  *self,
              Painter       *painter,
              const Layout  *l,
              const Colors  *c)
{
  for (guint m = 0; m < self->months->len; m += l->label_every)
    {
      PangoLayout *layout = g_ptr_array_index (self->month_layouts, m);
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      painter->text (painter, layout, l->plot_x + (m + 0.5) * l->slot_w - tw / 2.0,
                     l->plot_y + l->plot_h + GAP, &c->fg);
    }

  if (self->budget != SP_MONEY_UNKNOWN && self->budget > 0)
    {
      double y = floor (value_y (self, l, sp_spend_chart_units (self->budget))) - 0.5;

      for (double x = l->plot_x; x < l->plot_x + l->plot_w; x += 10)
        painter->fill (painter, &c->budget,
                       &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                            (float) MIN (6, l->plot_x + l->plot_w - x), 2));
    }

  if (self->months->len == 0 || self->scale_max <= 0)
    {
      int tw, th;

      pango_layout_get_pixel_size (self->empty_layout, &tw, &th);
      painter->text (painter, self->empty_layout, l->plot_x + (l->plot_w - tw) / 2,
                     l->plot_y + (l->plot_h - th) / 2, &c->axis);
    }
}

void
sp_spend_chart_paint (SpSpendChart *self,
       Painter      *painter,
       double        width,
       double        height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Colors c;
  Layout l;

  sp_spend_chart_compute_layout (self, width, height, &l);

  c.dark = sp_spend_chart_is_dark ();
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &c.fg);
  sp_widget_lookup_color (widget, "accent_color", "#1c71d8", &c.accent);
  sp_widget_lookup_color (widget, "error_color", c.dark ? "#ff7b63" : "#c01c28", &c.budget);
  c.grid = c.fg;
  c.grid.alpha = 0.1f;
  c.axis = c.fg;
  c.axis.alpha = 0.45f;

  legend_pass (self, width, l.legend_y, painter, &c.fg, c.dark, &c.budget);
  paint_selection (self, painter, &l, &c);
  paint_grid (self, painter, &l, &c);
  for (guint m = 0; m < self->months->len; m++)
    paint_month_bar (self, painter, &l, &c, m);
  paint_labels (self, painter, &l, &c);
}
