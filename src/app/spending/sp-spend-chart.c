/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spend-chart.c — monthly spend as stacked bars, drawn with GtkSnapshot
 *
 * Layout (top to bottom): the legend (one swatch per series, then the
 * subsidy and budget keys), the plot with the value axis on the left, and
 * the month labels.  Everything that depends only on the data (sums, the
 * value scale, the Pango layouts of every label) is computed once per
 * set_data() and kept; a redraw only places rectangles.
 *
 * The same drawing code paints into a GtkSnapshot (the widget, the PNG
 * export) or a cairo context (the SVG export) through a small painter
 * interface, so both exports show exactly what the widget shows.
 *
 * Pixel positions are doubles; the money itself stays integer (the tooltip
 * and the summary print the exact figures). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>
#include <cairo-svg.h>

#include "sp-format.h"
#include "sp-spend-chart.h"

#define PAD          8.0
#define GAP          6.0
#define SWATCH       10.0
#define LEGEND_GAP   14.0
#define MIN_HEIGHT   200

struct _SpSpendChart
{
  GtkWidget      parent_instance;

  /* owned data */
  GPtrArray     *months;     /* char * "YYYY-MM" */
  GPtrArray     *series;     /* char * */
  GArray        *paid;       /* SpMoney, month-major */
  GArray        *subsidy;
  GArray        *totals;     /* SpMoney per month: paid + subsidy */
  GArray        *month_paid; /* SpMoney per month */
  GArray        *month_subsidy;
  SpMoney        budget;
  char          *currency;
  char          *summary;
  int            selected;

  /* derived from the data */
  double         scale_max;  /* currency units at the top of the plot */
  double         tick_step;
  guint          n_ticks;

  /* text cache (NULL = rebuild) */
  GPtrArray     *month_layouts;
  GPtrArray     *series_layouts;
  GPtrArray     *tick_layouts;
  PangoLayout   *subsidy_layout;
  PangoLayout   *budget_layout;
  PangoLayout   *empty_layout;
  double         month_label_w;
  double         month_label_h;
  double         tick_label_w;
  double         text_h;

  gulong         dark_handler;
};

G_DEFINE_FINAL_TYPE (SpSpendChart, sp_spend_chart, GTK_TYPE_WIDGET)

enum {
  SIGNAL_MONTH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------- the painter */

typedef struct _Painter Painter;
struct _Painter
{
  void (*fill)    (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect);
  void (*outline) (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect);
  void (*text)    (Painter *p, PangoLayout *layout, double x, double y, const GdkRGBA *color);
  GtkSnapshot *snapshot;
  cairo_t     *cr;
};

static void
snapshot_fill (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
{
  gtk_snapshot_append_color (p->snapshot, color, rect);
}

static void
snapshot_outline (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
{
  GskRoundedRect outline;
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (p->snapshot, &outline, widths, colors);
}

static void
snapshot_text (Painter *p, PangoLayout *layout, double x, double y, const GdkRGBA *color)
{
  gtk_snapshot_save (p->snapshot);
  gtk_snapshot_translate (p->snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (p->snapshot, layout, color);
  gtk_snapshot_restore (p->snapshot);
}

static void
cairo_fill_rect (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
{
  gdk_cairo_set_source_rgba (p->cr, color);
  cairo_rectangle (p->cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
  cairo_fill (p->cr);
}

static void
cairo_outline_rect (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect)
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
cairo_text (Painter *p, PangoLayout *layout, double x, double y, const GdkRGBA *color)
{
  cairo_save (p->cr);
  gdk_cairo_set_source_rgba (p->cr, color);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
  cairo_restore (p->cr);
}

/* -------------------------------------------------------------- helpers */

typedef struct {
  double width, height;
  double plot_x, plot_y, plot_w, plot_h;
  double slot_w, bar_w;
  double legend_y;
  guint  label_every;
} Layout;

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

static char *
month_long_name (const char *month)
{
  guint year, mon;
  const char *name;

  if (!split_month (month, &year, &mon))
    return g_strdup (month);
  name = g_dpgettext2 (GETTEXT_PACKAGE, "month", long_months[mon - 1]);
  /* Translators: a month and its year, e.g. "March 2026" (zh: "2026年3月") */
  return g_strdup_printf (_("%1$s %2$u"), name, year);
}

static SpMoney
money_sum (SpMoney a,
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

static double
units (SpMoney value)
{
  if (value == SP_MONEY_UNKNOWN || value <= 0)
    return 0;
  return (double) value / (double) SP_MONEY_SCALE;
}

static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "CNY") == 0)
    return "¥";
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  return NULL;
}

/* An axis label: "¥12,000", "$0.50". */
static char *
tick_text (double      value,
           double      step,
           const char *currency)
{
  const char *symbol = currency_symbol (currency);
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

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *out)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

static void
clear_text_cache (SpSpendChart *self)
{
  g_clear_pointer (&self->month_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->series_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->tick_layouts, g_ptr_array_unref);
  g_clear_object (&self->subsidy_layout);
  g_clear_object (&self->budget_layout);
  g_clear_object (&self->empty_layout);
}

static PangoLayout *
new_layout (SpSpendChart *self,
            const char   *text,
            double       *w,
            double       *h)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int pw, ph;

  pango_layout_get_pixel_size (layout, &pw, &ph);
  if (w != NULL)
    *w = MAX (*w, pw);
  if (h != NULL)
    *h = MAX (*h, ph);
  return layout;
}

static void
ensure_text (SpSpendChart *self)
{
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
                       new_layout (self, text, &self->month_label_w, &self->month_label_h));
    }
  for (guint m = 0; m < self->month_layouts->len; m++)
    pango_layout_set_alignment (g_ptr_array_index (self->month_layouts, m), PANGO_ALIGN_CENTER);

  for (guint s = 0; s < self->series->len; s++)
    g_ptr_array_add (self->series_layouts,
                     new_layout (self, g_ptr_array_index (self->series, s), &dummy, &self->text_h));

  for (guint t = 0; t <= self->n_ticks; t++)
    {
      g_autofree char *text = tick_text (t * self->tick_step, self->tick_step, self->currency);

      g_ptr_array_add (self->tick_layouts,
                       new_layout (self, text, &self->tick_label_w, &self->text_h));
    }

  self->subsidy_layout = new_layout (self, _("Subsidy (lighter, outlined)"), &dummy, &self->text_h);
  if (self->budget != SP_MONEY_UNKNOWN)
    {
      g_autofree char *money = sp_format_money (self->budget, self->currency);
      /* Translators: the budget line's key in the monthly spend chart */
      g_autofree char *text = g_strdup_printf (_("Budget %s"), money);

      self->budget_layout = new_layout (self, text, &dummy, &self->text_h);
    }
  self->empty_layout = new_layout (self, _("No spending in this period"), &dummy, &dummy);
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

static void
compute_layout (SpSpendChart *self,
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
static gboolean
part_rect (SpSpendChart    *self,
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
        h += units (g_array_index (self->paid, SpMoney, m * ns + s)) +
             units (g_array_index (self->subsidy, SpMoney, m * ns + s));
    }
  else
    {
      for (int s = 0; s < series; s++)
        below += units (g_array_index (self->paid, SpMoney, m * ns + s)) +
                 units (g_array_index (self->subsidy, SpMoney, m * ns + s));
      if (subsidy)
        below += units (g_array_index (self->paid, SpMoney, m * ns + series));
      h = units (g_array_index (subsidy ? self->subsidy : self->paid, SpMoney, m * ns + series));
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

static void
paint (SpSpendChart *self,
       Painter      *painter,
       double        width,
       double        height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean dark = is_dark ();
  guint ns = self->series->len;
  GdkRGBA fg, grid, axis, accent, budget_color;
  Layout l;

  compute_layout (self, width, height, &l);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_color", "#1c71d8", &accent);
  lookup_color (widget, "error_color", dark ? "#ff7b63" : "#c01c28", &budget_color);
  grid = fg;
  grid.alpha = 0.1f;
  axis = fg;
  axis.alpha = 0.45f;

  legend_pass (self, width, l.legend_y, painter, &fg, dark, &budget_color);

  /* selection band */
  if (self->selected >= 0 && (guint) self->selected < self->months->len)
    {
      GdkRGBA band = accent;
      graphene_rect_t r = GRAPHENE_RECT_INIT ((float) (l.plot_x + self->selected * l.slot_w),
                                              (float) l.plot_y, (float) l.slot_w,
                                              (float) (l.plot_h + GAP + self->month_label_h));

      band.alpha = 0.14f;
      painter->fill (painter, &band, &r);
      if (gtk_widget_has_focus (widget))
        {
          band.alpha = 0.8f;
          painter->outline (painter, &band, &r);
        }
    }

  /* grid and value axis */
  for (guint t = 0; t <= self->n_ticks; t++)
    {
      double y = value_y (self, &l, t * self->tick_step);
      PangoLayout *layout = g_ptr_array_index (self->tick_layouts, t);
      int tw, th;

      painter->fill (painter, t == 0 ? &axis : &grid,
                     &GRAPHENE_RECT_INIT ((float) l.plot_x, (float) floor (y), (float) l.plot_w, 1));
      pango_layout_get_pixel_size (layout, &tw, &th);
      painter->text (painter, layout, l.plot_x - GAP - tw, y - th / 2.0, &fg);
    }

  /* bars: per series its paid part, then its subsidy part on top */
  for (guint m = 0; m < self->months->len; m++)
    {
      double x = l.plot_x + m * l.slot_w + (l.slot_w - l.bar_w) / 2;
      double acc = 0;
      double y_prev = value_y (self, &l, 0);

      for (guint s = 0; s < ns; s++)
        {
          double p = units (g_array_index (self->paid, SpMoney, m * ns + s));
          double sub = units (g_array_index (self->subsidy, SpMoney, m * ns + s));
          GdkRGBA c;

          if (p <= 0 && sub <= 0)
            continue;
          palette_color (s, dark, &c);
          if (p > 0)
            {
              double y = value_y (self, &l, acc + p);

              painter->fill (painter, &c, &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                               (float) l.bar_w,
                                                               (float) (y_prev - y)));
              acc += p;
              y_prev = y;
            }
          if (sub > 0)
            {
              double y = value_y (self, &l, acc + sub);
              graphene_rect_t r = GRAPHENE_RECT_INIT ((float) x, (float) y, (float) l.bar_w,
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

  /* month labels */
  for (guint m = 0; m < self->months->len; m += l.label_every)
    {
      PangoLayout *layout = g_ptr_array_index (self->month_layouts, m);
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      painter->text (painter, layout, l.plot_x + (m + 0.5) * l.slot_w - tw / 2.0,
                     l.plot_y + l.plot_h + GAP, &fg);
    }

  /* the budget line, dashed */
  if (self->budget != SP_MONEY_UNKNOWN && self->budget > 0)
    {
      double y = floor (value_y (self, &l, units (self->budget))) - 0.5;

      for (double x = l.plot_x; x < l.plot_x + l.plot_w; x += 10)
        painter->fill (painter, &budget_color,
                       &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                            (float) MIN (6, l.plot_x + l.plot_w - x), 2));
    }

  if (self->months->len == 0 || self->scale_max <= 0)
    {
      int tw, th;

      pango_layout_get_pixel_size (self->empty_layout, &tw, &th);
      painter->text (painter, self->empty_layout, l.plot_x + (l.plot_w - tw) / 2,
                     l.plot_y + (l.plot_h - th) / 2, &axis);
    }
}

static void
compute_scale (SpSpendChart *self)
{
  double max = 0, raw, mag, step;

  for (guint m = 0; m < self->months->len; m++)
    max = MAX (max, units (g_array_index (self->totals, SpMoney, m)));
  if (self->budget != SP_MONEY_UNKNOWN)
    max = MAX (max, units (self->budget));
  if (max <= 0)
    {
      self->scale_max = 0;
      self->tick_step = 1;
      self->n_ticks = 0;
      return;
    }
  /* a little headroom so the tallest bar or the budget line is not the frame */
  max *= 1.04;
  raw = max / 4;
  mag = pow (10, floor (log10 (raw)));
  if (raw / mag <= 1)
    step = mag;
  else if (raw / mag <= 2)
    step = 2 * mag;
  else if (raw / mag <= 5)
    step = 5 * mag;
  else
    step = 10 * mag;
  self->tick_step = step;
  self->n_ticks = (guint) ceil (max / step - 1e-9);
  self->n_ticks = MAX (self->n_ticks, 1);
  self->scale_max = self->n_ticks * step;
}

static void
update_summary (SpSpendChart *self)
{
  SpMoney paid = 0, subsidy = 0;
  g_autofree char *paid_text = NULL;
  g_autofree char *subsidy_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  for (guint m = 0; m < self->months->len; m++)
    {
      paid = money_sum (paid, g_array_index (self->month_paid, SpMoney, m));
      subsidy = money_sum (subsidy, g_array_index (self->month_subsidy, SpMoney, m));
    }
  g_clear_pointer (&self->summary, g_free);
  if (self->months->len == 0)
    self->summary = g_strdup (_("Monthly spend chart with no months"));
  else
    {
      paid_text = sp_format_money (paid, self->currency);
      subsidy_text = sp_format_money (subsidy, self->currency);
      first = month_long_name (g_ptr_array_index (self->months, 0));
      last = month_long_name (g_ptr_array_index (self->months, self->months->len - 1));
      /* Translators: accessible summary of the spend chart, e.g. "Monthly spend
       * from January 2026 to December 2026: ¥1,200.00 paid, ¥300.00 subsidy,
       * in 12 months" */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Monthly spend from %s to %s: %s paid, %s subsidy, in %u month",
                                                    "Monthly spend from %s to %s: %s paid, %s subsidy, in %u months",
                                                    self->months->len),
                                       first, last, paid_text, subsidy_text, self->months->len);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
}

static gboolean
money_arrays_equal (GArray        *a,
                    const SpMoney *b,
                    guint          n)
{
  if (a->len != n)
    return FALSE;
  return n == 0 || memcmp (a->data, b, n * sizeof (SpMoney)) == 0;
}

static gboolean
strv_equal (GPtrArray          *a,
            const char * const *b,
            guint               n)
{
  if (a->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), b[i]) != 0)
      return FALSE;
  return TRUE;
}

static void
set_strings (GPtrArray          *a,
             const char * const *b,
             guint               n)
{
  g_ptr_array_set_size (a, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (a, g_strdup (b[i] ? b[i] : ""));
}

/* ------------------------------------------------------------ callbacks */

static void
on_dark_changed (SpSpendChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SpSpendChart    *self)
{
  int m = sp_spend_chart_month_at (self, x);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (m < 0)
    return;
  sp_spend_chart_set_selected (self, m);
  sp_spend_chart_activate_month (self, (guint) m);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SpSpendChart          *self)
{
  int n = (int) self->months->len;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      sp_spend_chart_set_selected (self, self->selected < 0 ? n - 1 : MAX (self->selected - 1, 0));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      sp_spend_chart_set_selected (self, self->selected < 0 ? 0 : MIN (self->selected + 1, n - 1));
      return TRUE;
    case GDK_KEY_Home:
      sp_spend_chart_set_selected (self, 0);
      return TRUE;
    case GDK_KEY_End:
      sp_spend_chart_set_selected (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      if (self->selected >= 0)
        {
          sp_spend_chart_activate_month (self, (guint) self->selected);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

static void
on_focus_changed (SpSpendChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------ overrides */

static void
sp_spend_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 720;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = 290;
    }
}

static void
sp_spend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SpSpendChart *self = SP_SPEND_CHART (widget);
  Painter painter = { snapshot_fill, snapshot_outline, snapshot_text, snapshot, NULL };

  paint (self, &painter, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static gboolean
sp_spend_chart_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  SpSpendChart *self = SP_SPEND_CHART (widget);
  g_autofree char *text = NULL;

  if (keyboard)
    {
      Layout l;

      if (self->selected < 0)
        {
          gtk_tooltip_set_text (tooltip, self->summary);
          return TRUE;
        }
      compute_layout (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &l);
      text = sp_spend_chart_dup_tooltip (self, l.plot_x + (self->selected + 0.5) * l.slot_w, -1);
    }
  else
    text = sp_spend_chart_dup_tooltip (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
sp_spend_chart_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  SpSpendChart *self = SP_SPEND_CHART (widget);

  GTK_WIDGET_CLASS (sp_spend_chart_parent_class)->css_changed (widget, change);
  clear_text_cache (self);
  gtk_widget_queue_draw (widget);
}

static void
sp_spend_chart_dispose (GObject *object)
{
  SpSpendChart *self = SP_SPEND_CHART (object);

  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());
  clear_text_cache (self);

  G_OBJECT_CLASS (sp_spend_chart_parent_class)->dispose (object);
}

static void
sp_spend_chart_finalize (GObject *object)
{
  SpSpendChart *self = SP_SPEND_CHART (object);

  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->paid, g_array_unref);
  g_clear_pointer (&self->subsidy, g_array_unref);
  g_clear_pointer (&self->totals, g_array_unref);
  g_clear_pointer (&self->month_paid, g_array_unref);
  g_clear_pointer (&self->month_subsidy, g_array_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sp_spend_chart_parent_class)->finalize (object);
}

static void
sp_spend_chart_class_init (SpSpendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_spend_chart_dispose;
  object_class->finalize = sp_spend_chart_finalize;
  widget_class->measure = sp_spend_chart_measure;
  widget_class->snapshot = sp_spend_chart_snapshot;
  widget_class->query_tooltip = sp_spend_chart_query_tooltip;
  widget_class->css_changed = sp_spend_chart_css_changed;

  /**
   * SpSpendChart::month-activated:
   * @month: the index of the month
   *
   * A month was clicked, or Enter was pressed on the selected month.
   */
  signals[SIGNAL_MONTH_ACTIVATED] =
    g_signal_new ("month-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "spendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_spend_chart_init (SpSpendChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->months = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (g_free);
  self->paid = g_array_new (FALSE, TRUE, sizeof (SpMoney));
  self->subsidy = g_array_new (FALSE, TRUE, sizeof (SpMoney));
  self->totals = g_array_new (FALSE, TRUE, sizeof (SpMoney));
  self->month_paid = g_array_new (FALSE, TRUE, sizeof (SpMoney));
  self->month_subsidy = g_array_new (FALSE, TRUE, sizeof (SpMoney));
  self->budget = SP_MONEY_UNKNOWN;
  self->currency = g_strdup ("CNY");
  self->selected = -1;
  compute_scale (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  self->dark_handler = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                                 G_CALLBACK (on_dark_changed), self);
  update_summary (self);
}

/* ----------------------------------------------------------- public API */

GtkWidget *
sp_spend_chart_new (void)
{
  return g_object_new (SP_TYPE_SPEND_CHART, NULL);
}

void
sp_spend_chart_set_data (SpSpendChart       *self,
                         const char * const *months,
                         guint               n_months,
                         const char * const *series,
                         guint               n_series,
                         const SpMoney      *paid,
                         const SpMoney      *subsidy,
                         SpMoney             budget,
                         const char         *currency)
{
  guint n = n_months * n_series;

  g_return_if_fail (SP_IS_SPEND_CHART (self));
  g_return_if_fail (months != NULL || n_months == 0);
  g_return_if_fail (series != NULL || n_series == 0);
  g_return_if_fail (n == 0 || (paid != NULL && subsidy != NULL));

  if (strv_equal (self->months, months, n_months) &&
      strv_equal (self->series, series, n_series) &&
      money_arrays_equal (self->paid, paid, n) &&
      money_arrays_equal (self->subsidy, subsidy, n) &&
      self->budget == budget && g_strcmp0 (self->currency, currency) == 0)
    return;

  set_strings (self->months, months, n_months);
  set_strings (self->series, series, n_series);
  g_array_set_size (self->paid, 0);
  g_array_set_size (self->subsidy, 0);
  if (n > 0)
    {
      g_array_append_vals (self->paid, paid, n);
      g_array_append_vals (self->subsidy, subsidy, n);
    }
  g_array_set_size (self->totals, n_months);
  g_array_set_size (self->month_paid, n_months);
  g_array_set_size (self->month_subsidy, n_months);
  for (guint m = 0; m < n_months; m++)
    {
      SpMoney p = 0, s = 0;

      for (guint k = 0; k < n_series; k++)
        {
          p = money_sum (p, paid[m * n_series + k]);
          s = money_sum (s, subsidy[m * n_series + k]);
        }
      g_array_index (self->month_paid, SpMoney, m) = p;
      g_array_index (self->month_subsidy, SpMoney, m) = s;
      /* the drawn height: negative cells (refunds) count as nothing */
      {
        SpMoney t = 0;

        for (guint k = 0; k < n_series; k++)
          {
            SpMoney a = paid[m * n_series + k], b = subsidy[m * n_series + k];

            t = money_sum (t, a != SP_MONEY_UNKNOWN && a > 0 ? a : 0);
            t = money_sum (t, b != SP_MONEY_UNKNOWN && b > 0 ? b : 0);
          }
        g_array_index (self->totals, SpMoney, m) = t;
      }
    }
  self->budget = budget;
  g_free (self->currency);
  self->currency = g_strdup (currency ? currency : "CNY");
  if (self->selected >= (int) n_months)
    self->selected = -1;

  compute_scale (self);
  clear_text_cache (self);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sp_spend_chart_get_n_months (SpSpendChart *self)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), 0);
  return self->months->len;
}

guint
sp_spend_chart_get_n_series (SpSpendChart *self)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), 0);
  return self->series->len;
}

const char *
sp_spend_chart_get_month (SpSpendChart *self,
                          guint         month)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), NULL);
  return month < self->months->len ? g_ptr_array_index (self->months, month) : NULL;
}

const char *
sp_spend_chart_get_series (SpSpendChart *self,
                           guint         series)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), NULL);
  return series < self->series->len ? g_ptr_array_index (self->series, series) : NULL;
}

SpMoney
sp_spend_chart_get_month_total (SpSpendChart *self,
                                guint         month)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), SP_MONEY_UNKNOWN);
  if (month >= self->months->len)
    return SP_MONEY_UNKNOWN;
  return money_sum (g_array_index (self->month_paid, SpMoney, month),
                    g_array_index (self->month_subsidy, SpMoney, month));
}

int
sp_spend_chart_get_selected (SpSpendChart *self)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), -1);
  return self->selected;
}

void
sp_spend_chart_set_selected (SpSpendChart *self,
                             int           month)
{
  g_return_if_fail (SP_IS_SPEND_CHART (self));

  if (month < 0 || (guint) month >= self->months->len)
    month = -1;
  if (self->selected == month)
    return;
  self->selected = month;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sp_spend_chart_activate_month (SpSpendChart *self,
                               guint         month)
{
  g_return_if_fail (SP_IS_SPEND_CHART (self));
  g_return_if_fail (month < self->months->len);

  g_signal_emit (self, signals[SIGNAL_MONTH_ACTIVATED], 0, month);
}

gboolean
sp_spend_chart_get_bar_geometry (SpSpendChart    *self,
                                 guint            month,
                                 int              series,
                                 gboolean         subsidy,
                                 graphene_rect_t *out)
{
  Layout l;

  g_return_val_if_fail (SP_IS_SPEND_CHART (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  graphene_rect_init (out, 0, 0, 0, 0);
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;
  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &l);
  return part_rect (self, &l, month, series, subsidy, out);
}

int
sp_spend_chart_month_at (SpSpendChart *self,
                         double        x)
{
  Layout l;
  int m;

  g_return_val_if_fail (SP_IS_SPEND_CHART (self), -1);

  if (self->months->len == 0)
    return -1;
  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &l);
  if (x < l.plot_x || x >= l.plot_x + l.plot_w || l.slot_w <= 0)
    return -1;
  m = (int) ((x - l.plot_x) / l.slot_w);
  return m >= 0 && (guint) m < self->months->len ? m : -1;
}

char *
sp_spend_chart_dup_tooltip (SpSpendChart *self,
                            double        x,
                            double        y)
{
  int m = sp_spend_chart_month_at (self, x);
  guint ns;
  int hit = -1;
  GString *text;
  g_autofree char *title = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *subsidy = NULL;

  g_return_val_if_fail (SP_IS_SPEND_CHART (self), NULL);
  if (m < 0)
    return NULL;
  ns = self->series->len;

  /* which series is under the pointer */
  for (guint s = 0; s < ns && y >= 0; s++)
    {
      graphene_rect_t p, sub;

      sp_spend_chart_get_bar_geometry (self, (guint) m, (int) s, FALSE, &p);
      sp_spend_chart_get_bar_geometry (self, (guint) m, (int) s, TRUE, &sub);
      if ((graphene_rect_contains_point (&p, &GRAPHENE_POINT_INIT ((float) x, (float) y)) &&
           p.size.height > 0) ||
          (graphene_rect_contains_point (&sub, &GRAPHENE_POINT_INIT ((float) x, (float) y)) &&
           sub.size.height > 0))
        hit = (int) s;
    }

  title = month_long_name (g_ptr_array_index (self->months, m));
  text = g_string_new (title);
  paid = sp_format_money (g_array_index (self->month_paid, SpMoney, m), self->currency);
  subsidy = sp_format_money (g_array_index (self->month_subsidy, SpMoney, m), self->currency);
  g_string_append_c (text, '\n');
  /* Translators: a month's totals in the chart's tooltip */
  g_string_append_printf (text, _("Paid %s · subsidy %s"), paid, subsidy);
  for (guint s = 0; s < ns; s++)
    {
      SpMoney sp = g_array_index (self->paid, SpMoney, m * ns + s);
      SpMoney ss = g_array_index (self->subsidy, SpMoney, m * ns + s);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if ((sp == 0 || sp == SP_MONEY_UNKNOWN) && (ss == 0 || ss == SP_MONEY_UNKNOWN))
        continue;
      a = sp_format_money (sp == SP_MONEY_UNKNOWN ? 0 : sp, self->currency);
      b = sp_format_money (ss == SP_MONEY_UNKNOWN ? 0 : ss, self->currency);
      g_string_append_printf (text, "\n%s ", (int) s == hit ? "▶" : "•");
      /* Translators: one series in the chart's tooltip: "Vendor: paid ¥1.00, subsidy ¥0.50" */
      g_string_append_printf (text, _("%s: paid %s, subsidy %s"),
                              (const char *) g_ptr_array_index (self->series, s), a, b);
    }
  if (self->budget != SP_MONEY_UNKNOWN)
    {
      g_autofree char *budget = sp_format_money (self->budget, self->currency);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Budget %s"), budget);
    }
  return g_string_free (text, FALSE);
}

char *
sp_spend_chart_format_month (const char *month)
{
  g_return_val_if_fail (month != NULL, NULL);
  return month_long_name (month);
}

const char *
sp_spend_chart_get_summary (SpSpendChart *self)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), NULL);
  return self->summary;
}

static void
size_or_current (SpSpendChart *self,
                 int          *width,
                 int          *height)
{
  if (*width <= 0)
    *width = gtk_widget_get_width (GTK_WIDGET (self));
  if (*height <= 0)
    *height = gtk_widget_get_height (GTK_WIDGET (self));
  if (*width <= 0)
    *width = 720;
  if (*height <= 0)
    *height = 300;
}

static void
background_color (SpSpendChart *self,
                  GdkRGBA      *out)
{
  lookup_color (GTK_WIDGET (self), "window_bg_color", is_dark () ? "#242424" : "#fafafa", out);
}

static void
set_write_error (GError     **error,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), path);
}

gboolean
sp_spend_chart_save_png (SpSpendChart  *self,
                         const char    *path,
                         int            width,
                         int            height,
                         GError       **error)
{
  GtkNative *native;
  GdkRGBA bg;

  g_return_val_if_fail (SP_IS_SPEND_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  size_or_current (self, &width, &height);
  background_color (self, &bg);
  native = gtk_widget_get_native (GTK_WIDGET (self));

  if (native != NULL && gtk_native_get_renderer (native) != NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      Painter painter = { snapshot_fill, snapshot_outline, snapshot_text, snapshot, NULL };
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
      paint (self, &painter, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (!gdk_texture_save_to_png (texture, path))
        {
          set_write_error (error, path);
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);
      Painter painter = { cairo_fill_rect, cairo_outline_rect, cairo_text, NULL, cr };
      cairo_status_t status;

      gdk_cairo_set_source_rgba (cr, &bg);
      cairo_paint (cr);
      paint (self, &painter, width, height);
      cairo_destroy (cr);
      status = cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          set_write_error (error, path);
          return FALSE;
        }
      return TRUE;
    }
}

gboolean
sp_spend_chart_save_svg (SpSpendChart  *self,
                         const char    *path,
                         int            width,
                         int            height,
                         GError       **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  GdkRGBA bg;

  g_return_val_if_fail (SP_IS_SPEND_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  size_or_current (self, &width, &height);
  background_color (self, &bg);
  surface = cairo_svg_surface_create (path, width, height);
  cr = cairo_create (surface);
  {
    Painter painter = { cairo_fill_rect, cairo_outline_rect, cairo_text, NULL, cr };

    gdk_cairo_set_source_rgba (cr, &bg);
    cairo_paint (cr);
    paint (self, &painter, width, height);
  }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, path);
      return FALSE;
    }
  return TRUE;
}
