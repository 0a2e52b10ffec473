/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakeven-chart.c — monthly cost of each way of buying against the
 * monthly volume, drawn with GtkSnapshot (issue 18 part 2)
 *
 * Layout, top to bottom: the legend (a swatch, the way and its unit price),
 * the plot (cost axis on the left, volume axis below: 0–720 card-hours per
 * card, or 0 to what one card makes in 720 h), then the axis title.  Each
 * way is a straight line (pay as you go, spot and tokens rise with the
 * volume; a commitment is flat: it is paid whatever the use).  Every
 * crossover is a dashed vertical line at its volume with its sentence
 * ("above 412 h/month the monthly plan is cheaper") at the top of the plot,
 * one row per crossover so the labels never overlap.
 *
 * Pixel positions are doubles; the money stays integer (the figures in the
 * legend and the labels are the exact ones of the core). */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-breakeven-chart.h"
#include "sp-chart-size.h"
#include "sp-chart-text.h"
#include "sp-format.h"

#define PAD        8.0
#define SWATCH     10.0
#define MIN_HEIGHT 300
#define MIN_WIDTH  360

struct _SpBreakevenChart
{
  GtkWidget    parent_instance;

  SpBreakeven *data;      /* owned, may be NULL */
  char        *message;   /* shown without data */
  GPtrArray   *labels;    /* char *, one per crossover */
  gulong       dark_handler;
  GCancellable *run;      /* the break-even being computed, or NULL */
};

G_DEFINE_FINAL_TYPE (SpBreakevenChart, sp_breakeven_chart, GTK_TYPE_WIDGET)

/* ---------------------------------------------------------- colours */

static void
kind_color (SpBreakevenKind kind,
            gboolean        dark,
            GdkRGBA        *out)
{
  /* GNOME palette; lighter shades on dark backgrounds */
  static const char * const light[] = { "#1c71d8", "#e66100", "#26a269", "#9141ac", "#c01c28" };
  static const char * const darkp[] = { "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f66151" };

  gdk_rgba_parse (out, (dark ? darkp : light)[kind % G_N_ELEMENTS (light)]);
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* ---------------------------------------------------------- text */

/* "¥4000": a whole-unit tick */
static char *
tick_money (gint64      units,
            const char *currency)
{
  const char *symbol = sp_money_currency_symbol (currency);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT, symbol != NULL ? symbol : "", units);
}

static char *
legend_text (SpBreakeven             *be,
             const SpBreakevenOption *o)
{
  g_autofree char *price = sp_format_money (o->unit_price, be->currency);

  if (o->kind == SP_BREAKEVEN_TOKENS)
    /* Translators: chart legend: a way of buying and its price per 1M tokens */
    return g_strdup_printf (_("%s · %s / 1M tokens"), sp_breakeven_kind_label (o->kind), price);
  if (o->commitment_months > 0)
    {
      g_autofree char *monthly = sp_format_amount (o->monthly_fixed, be->currency);

      /* Translators: chart legend: a commitment, its monthly cost and its price per card-hour */
      return g_strdup_printf (_("%s · %s / month (%s / card-hour)"),
                              sp_breakeven_kind_label (o->kind), monthly, price);
    }
  /* Translators: chart legend: a way of buying and its price per card-hour */
  return g_strdup_printf (_("%s · %s / card-hour"), sp_breakeven_kind_label (o->kind), price);
}

/* A layout of @text; its size in *@w, *@h. */
static PangoLayout *
make_layout (SpBreakevenChart *self,
             const char       *text,
             double           *w,
             double           *h)
{
  *w = *h = 0;
  return sp_chart_layout_new (GTK_WIDGET (self), text, w, h);
}

/* ---------------------------------------------------------- scale */

/* a "nice" step (1, 2 or 5 × 10^n whole currency units) giving about
 * @n_ticks ticks up to @max */
static gint64
nice_step (double max,
           guint  n_ticks)
{
  double raw = max / n_ticks;
  double mag;
  double f;

  if (raw <= 1)
    return 1;
  mag = pow (10, floor (log10 (raw)));
  f = raw / mag;
  if (f <= 1)
    return (gint64) mag;
  if (f <= 2)
    return (gint64) (2 * mag);
  if (f <= 5)
    return (gint64) (5 * mag);
  return (gint64) (10 * mag);
}

static double
money_units (SpMoney value)
{
  return (double) value / SP_MONEY_SCALE;
}

/* ---------------------------------------------------------- drawing */

/* What one frame of the chart is drawn with: colours and where the plot is. */
typedef struct {
  SpBreakevenChart *self;
  SpBreakeven      *be;
  GtkSnapshot      *snapshot;
  double            width, height;
  gboolean          dark;
  GdkRGBA           fg, grid, axis, bg;
  double            legend_h;
  double            plot_x, plot_y, plot_w, plot_h;
  double            tick_w, text_h;
  double            x_max, y_max;
  gint64            step;
  guint             n_y;
} Frame;

static void
frame_init (Frame            *f,
            SpBreakevenChart *self,
            GtkSnapshot      *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);

  f->self = self;
  f->be = self->data;
  f->snapshot = snapshot;
  f->width = gtk_widget_get_width (widget);
  f->height = gtk_widget_get_height (widget);
  f->dark = is_dark ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &f->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  f->grid = f->fg;
  f->grid.alpha = 0.1f;
  f->axis = f->fg;
  f->axis.alpha = 0.5f;
  gdk_rgba_parse (&f->bg, f->dark ? "#242424" : "#ffffff");
  f->bg.alpha = 0.85f;
}

/* No options: the message (why there is no chart), if any, centred. */
static void
draw_message (Frame *f)
{
  double w, h;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA dim = f->fg;

  if (f->self->message == NULL)
    return;
  layout = make_layout (f->self, f->self->message, &w, &h);
  dim.alpha = 0.6f;
  pango_layout_set_width (layout, (int) (MAX (f->width - 2 * PAD, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  sp_chart_draw_layout (f->snapshot, layout, PAD, f->height / 2 - h / 2, &dim);
}

/* The legend: flows left to right, wraps; sets f->legend_h. */
static void
draw_legend (Frame *f)
{
  double lx = 0, ly = 0, row_h = 0;

  for (guint i = 0; i < f->be->options->len; i++)
    {
      const SpBreakevenOption *o = g_ptr_array_index (f->be->options, i);
      g_autofree char *text = legend_text (f->be, o);
      double w, h;
      g_autoptr(PangoLayout) layout = make_layout (f->self, text, &w, &h);
      GdkRGBA c;
      double item_w = SWATCH + 4 + w + 2 * PAD;

      if (lx > 0 && lx + item_w > f->width)
        {
          lx = 0;
          ly += row_h + 4;
        }
      row_h = MAX (row_h, h);
      kind_color (o->kind, f->dark, &c);
      gtk_snapshot_append_color (f->snapshot, &c,
                                 &GRAPHENE_RECT_INIT ((float) lx, (float) (ly + h / 2 - SWATCH / 2),
                                                      SWATCH, SWATCH));
      sp_chart_draw_layout (f->snapshot, layout, lx + SWATCH + 4, ly, &f->fg);
      lx += item_w;
    }
  f->legend_h = ly + row_h + PAD;
}

/* The cost scale (every line at both ends), its ticks' size, and from
 * them where the plot is. */
static void
place_plot (Frame *f)
{
  SpBreakeven *be = f->be;

  f->x_max = be->axis_max;
  f->y_max = 0;
  for (guint i = 0; i < be->options->len; i++)
    {
      const SpBreakevenOption *o = g_ptr_array_index (be->options, i);
      SpMoney c0 = sp_breakeven_cost_at (o, 0);
      SpMoney c1 = sp_breakeven_cost_at (o, be->axis_max);

      if (c0 != SP_MONEY_UNKNOWN && c1 != SP_MONEY_UNKNOWN)
        f->y_max = MAX (f->y_max, MAX (money_units (c0), money_units (c1)));
    }
  if (f->y_max <= 0)
    f->y_max = 1;
  f->step = nice_step (f->y_max, 5);
  f->n_y = (guint) ceil (f->y_max / f->step);
  f->y_max = (double) f->step * f->n_y;

  f->tick_w = f->text_h = 0;
  for (guint t = 0; t <= f->n_y; t++)
    {
      g_autofree char *text = tick_money ((gint64) t * f->step, be->currency);
      g_autoptr(PangoLayout) layout = sp_chart_layout_new (GTK_WIDGET (f->self), text,
                                                           &f->tick_w, &f->text_h);
    }

  f->plot_x = f->tick_w + PAD;
  f->plot_y = f->legend_h + (double) be->crossovers->len * (f->text_h + 2) + PAD;
  f->plot_w = MAX (f->width - f->plot_x - PAD, 10);
  f->plot_h = MAX (f->height - f->plot_y - 2 * f->text_h - 2 * PAD, 10);
}

/* The grid with the cost ticks, the volume ticks (quarters of the axis),
 * the volume axis and its title. */
static void
draw_axes (Frame *f)
{
  double bottom = f->plot_y + f->plot_h;

  for (guint t = 0; t <= f->n_y; t++)
    {
      double y = bottom - f->plot_h * t / f->n_y;
      g_autofree char *text = tick_money ((gint64) t * f->step, f->be->currency);
      double w, h;
      g_autoptr(PangoLayout) layout = make_layout (f->self, text, &w, &h);

      gtk_snapshot_append_color (f->snapshot, &f->grid,
                                 &GRAPHENE_RECT_INIT ((float) f->plot_x, (float) y, (float) f->plot_w, 1));
      sp_chart_draw_layout (f->snapshot, layout, f->plot_x - PAD - w, y - h / 2, &f->axis);
    }

  for (guint t = 0; t <= 4; t++)
    {
      double x = f->plot_x + f->plot_w * t / 4;
      gint64 v = (gint64) floor (f->x_max / SP_MONEY_SCALE * t / 4);
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      double w, h;
      g_autoptr(PangoLayout) layout = make_layout (f->self, text, &w, &h);
      double tx = CLAMP (x - w / 2, f->plot_x - w / 2, f->width - w);

      gtk_snapshot_append_color (f->snapshot, &f->axis,
                                 &GRAPHENE_RECT_INIT ((float) x, (float) bottom, 1, 4));
      sp_chart_draw_layout (f->snapshot, layout, tx, bottom + 4, &f->axis);
    }
  {
    const char *title = f->be->axis == SP_BREAKEVEN_AXIS_TOKENS
      ? _("Millions of tokens per month")
      : _("Hours per month per card");
    double w, h;
    g_autoptr(PangoLayout) layout = make_layout (f->self, title, &w, &h);

    sp_chart_draw_layout (f->snapshot, layout, f->plot_x + f->plot_w - w,
                          bottom + 4 + f->text_h + 2, &f->axis);
  }
  gtk_snapshot_append_color (f->snapshot, &f->axis,
                             &GRAPHENE_RECT_INIT ((float) f->plot_x, (float) bottom,
                                                  (float) f->plot_w, 1));
}

/* The options' cost lines, and a marker at each crossover with a dashed
 * line up to its sentence. */
static void
draw_lines (Frame *f)
{
  SpBreakeven *be = f->be;
  double bottom = f->plot_y + f->plot_h;
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (f->snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, (float) f->width, (float) f->height));
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < be->options->len; i++)
    {
      const SpBreakevenOption *o = g_ptr_array_index (be->options, i);
      SpMoney c0 = sp_breakeven_cost_at (o, 0);
      SpMoney c1 = sp_breakeven_cost_at (o, be->axis_max);
      double y0 = money_units (c0);
      double y1 = money_units (c1);
      GdkRGBA c;

      if (c0 == SP_MONEY_UNKNOWN || c1 == SP_MONEY_UNKNOWN)
        continue;

      kind_color (o->kind, f->dark, &c);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_move_to (cr, f->plot_x, bottom - f->plot_h * y0 / f->y_max);
      cairo_line_to (cr, f->plot_x + f->plot_w, bottom - f->plot_h * y1 / f->y_max);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < be->crossovers->len; i++)
    {
      const SpBreakevenCrossover *c = &g_array_index (be->crossovers, SpBreakevenCrossover, i);
      const SpBreakevenOption *to = sp_breakeven_get_option (be, c->to);
      double x = f->plot_x + f->plot_w * ((double) c->at * SP_MONEY_SCALE) / f->x_max;
      double y = bottom -
                 f->plot_h * money_units (sp_breakeven_cost_at (to, c->at * SP_MONEY_SCALE)) / f->y_max;
      double dashes[] = { 4, 4 };
      GdkRGBA col;

      kind_color (c->to, f->dark, &col);
      gdk_cairo_set_source_rgba (cr, &f->axis);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_move_to (cr, x, f->legend_h + i * (f->text_h + 2) + f->text_h / 2);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      gdk_cairo_set_source_rgba (cr, &col);
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

/* The crossover sentences, one row each above the plot. */
static void
draw_crossover_labels (Frame *f)
{
  for (guint i = 0; i < f->self->labels->len; i++)
    {
      const SpBreakevenCrossover *c = &g_array_index (f->be->crossovers, SpBreakevenCrossover, i);
      double x = f->plot_x + f->plot_w * ((double) c->at * SP_MONEY_SCALE) / f->x_max;
      double w, h;
      g_autoptr(PangoLayout) layout = make_layout (f->self, g_ptr_array_index (f->self->labels, i),
                                                   &w, &h);
      double ty = f->legend_h + i * (f->text_h + 2);
      double tx = x + w + 4 <= f->width ? x + 4 : MAX (x - w - 4, 0);

      gtk_snapshot_append_color (f->snapshot, &f->bg,
                                 &GRAPHENE_RECT_INIT ((float) tx - 2, (float) ty, (float) w + 4, (float) h));
      sp_chart_draw_layout (f->snapshot, layout, tx, ty, &f->fg);
    }
}

static void
sp_breakeven_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  Frame f = { 0 };

  frame_init (&f, SP_BREAKEVEN_CHART (widget), snapshot);
  if (f.be == NULL || f.be->options->len == 0)
    {
      draw_message (&f);
      return;
    }
  draw_legend (&f);
  place_plot (&f);
  draw_axes (&f);
  draw_lines (&f);
  draw_crossover_labels (&f);
}

/* ---------------------------------------------------------- GObject */

static void
on_dark_changed (SpBreakevenChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sp_breakeven_chart_dispose (GObject *object)
{
  SpBreakevenChart *self = SP_BREAKEVEN_CHART (object);

  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());
  g_cancellable_cancel (self->run);
  g_clear_object (&self->run);
  g_clear_pointer (&self->data, sp_breakeven_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_breakeven_chart_parent_class)->dispose (object);
}

static void
sp_breakeven_chart_class_init (SpBreakevenChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const SpChartSize size = { .min_width = MIN_WIDTH, .nat_width = MIN_WIDTH,
                                    .min_height = MIN_HEIGHT, .nat_height = MIN_HEIGHT };

  object_class->dispose = sp_breakeven_chart_dispose;
  widget_class->snapshot = sp_breakeven_chart_snapshot;
  sp_chart_class_set_size (widget_class, &size);
  gtk_widget_class_set_css_name (widget_class, "breakeven-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_breakeven_chart_init (SpBreakevenChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->dark_handler = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                                 G_CALLBACK (on_dark_changed), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Break-even chart"), -1);
}

/* ---------------------------------------------------------- public */

GtkWidget *
sp_breakeven_chart_new (void)
{
  return g_object_new (SP_TYPE_BREAKEVEN_CHART, NULL);
}

/* The run in progress, if any, is superseded: its result is never shown */
static void
cancel_run (SpBreakevenChart *self)
{
  g_cancellable_cancel (self->run);
  g_clear_object (&self->run);
}

static void
show_data (SpBreakevenChart *self,
           SpBreakeven      *breakeven,
           const char       *message)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_clear_pointer (&self->data, sp_breakeven_free);
  g_free (self->message);
  self->message = g_strdup (message);
  self->data = breakeven;
  g_ptr_array_set_size (self->labels, 0);
  if (breakeven != NULL)
    {
      if (breakeven->options->len > 0)
        /* Translators: %s is a way of buying ("Pay as you go") */
        g_string_append_printf (description, _("At low volume %s is cheapest."),
                                sp_breakeven_kind_label (breakeven->cheapest_at_zero));
      for (guint i = 0; i < breakeven->crossovers->len; i++)
        {
          char *label = sp_breakeven_describe_crossover (
            breakeven, &g_array_index (breakeven->crossovers, SpBreakevenCrossover, i));

          g_ptr_array_add (self->labels, label);
          g_string_append_printf (description, " %s.", label);
        }
    }
  else if (message != NULL)
    g_string_append (description, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sp_breakeven_chart_set_data (SpBreakevenChart *self,
                             SpBreakeven      *breakeven,
                             const char       *message)
{
  g_return_if_fail (SP_IS_BREAKEVEN_CHART (self));

  cancel_run (self);
  show_data (self, breakeven, message);
}

static void
breakeven_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SpBreakevenChart *self = user_data;   /* not ref'd: dispose cancels the run */
  g_autoptr(GError) error = NULL;
  SpBreakeven *be = sp_offer_table_breakeven_finish (result, &error);

  /* superseded by a newer query, or the chart is disposed */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->run);
  show_data (self, be, be == NULL ? error->message : NULL);
}

void
sp_breakeven_chart_update (SpBreakevenChart       *self,
                           SpOfferTable           *table,
                           SpOfferPrices          *prices,
                           GHashTable             *details,
                           const SpBreakevenQuery *query,
                           SpPriceContext         *ctx,
                           SpWallet               *wallet)
{
  g_return_if_fail (SP_IS_BREAKEVEN_CHART (self));

  if (query == NULL || ((query->gpu_model == NULL || query->gpu_model[0] == '\0') &&
                        query->min_gpu_memory_gb == 0))
    {
      sp_breakeven_chart_set_data (self, NULL,
                                   _("Choose a GPU class or a minimum memory to compare the ways of buying it."));
      return;
    }
  cancel_run (self);
  self->run = g_cancellable_new ();
  show_data (self, NULL, _("Estimating…"));
  sp_offer_table_breakeven_async (table, prices, details, query, ctx, wallet, self->run,
                                  breakeven_done, self);
}

gboolean
sp_breakeven_chart_get_busy (SpBreakevenChart *self)
{
  g_return_val_if_fail (SP_IS_BREAKEVEN_CHART (self), FALSE);
  return self->run != NULL;
}

SpBreakeven *
sp_breakeven_chart_get_data (SpBreakevenChart *self)
{
  g_return_val_if_fail (SP_IS_BREAKEVEN_CHART (self), NULL);
  return self->data;
}

guint
sp_breakeven_chart_get_n_labels (SpBreakevenChart *self)
{
  g_return_val_if_fail (SP_IS_BREAKEVEN_CHART (self), 0);
  return self->labels->len;
}

const char *
sp_breakeven_chart_get_label (SpBreakevenChart *self,
                              guint             index)
{
  g_return_val_if_fail (SP_IS_BREAKEVEN_CHART (self), NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);
  return g_ptr_array_index (self->labels, index);
}

const char *
sp_breakeven_chart_get_message (SpBreakevenChart *self)
{
  g_return_val_if_fail (SP_IS_BREAKEVEN_CHART (self), NULL);
  return self->message;
}
