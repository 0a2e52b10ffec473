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
 * interface, so both exports show exactly what the widget shows; the
 * exports are encoded and written in a worker (sp-spend-chart-export.c).
 *
 * Pixel positions are doubles; the money itself stays integer (the tooltip
 * and the summary print the exact figures). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-chart-size.h"
#include "sp-format.h"
#include "sp-spend-chart-private.h"

G_DEFINE_FINAL_TYPE (SpSpendChart, sp_spend_chart, GTK_TYPE_WIDGET)

enum {
  SIGNAL_MONTH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
compute_scale (SpSpendChart *self)
{
  double max = 0, raw, mag, step;

  for (guint m = 0; m < self->months->len; m++)
    max = MAX (max, sp_spend_chart_units (g_array_index (self->totals, SpMoney, m)));
  if (self->budget != SP_MONEY_UNKNOWN)
    max = MAX (max, sp_spend_chart_units (self->budget));
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
      paid = sp_spend_chart_money_sum (paid, g_array_index (self->month_paid, SpMoney, m));
      subsidy = sp_spend_chart_money_sum (subsidy, g_array_index (self->month_subsidy, SpMoney, m));
    }
  g_clear_pointer (&self->summary, g_free);
  if (self->months->len == 0)
    self->summary = g_strdup (_("Monthly spend chart with no months"));
  else
    {
      paid_text = sp_format_money (paid, self->currency);
      subsidy_text = sp_format_money (subsidy, self->currency);
      first = sp_spend_chart_month_long_name (g_ptr_array_index (self->months, 0));
      last = sp_spend_chart_month_long_name (g_ptr_array_index (self->months, self->months->len - 1));
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
sp_spend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SpSpendChart *self = SP_SPEND_CHART (widget);
  Painter painter;

  sp_spend_chart_painter_init_snapshot (&painter, snapshot);
  sp_spend_chart_paint (self, &painter, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
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
      sp_spend_chart_compute_layout (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &l);
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
  sp_spend_chart_clear_text_cache (self);
  gtk_widget_queue_draw (widget);
}

static void
sp_spend_chart_dispose (GObject *object)
{
  SpSpendChart *self = SP_SPEND_CHART (object);

  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());
  sp_spend_chart_clear_text_cache (self);

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
  static const SpChartSize size = { .min_width = 280, .nat_width = 720,
                                    .min_height = MIN_HEIGHT, .nat_height = 290 };

  object_class->dispose = sp_spend_chart_dispose;
  object_class->finalize = sp_spend_chart_finalize;
  sp_chart_class_set_size (widget_class, &size);
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
          p = sp_spend_chart_money_sum (p, paid[m * n_series + k]);
          s = sp_spend_chart_money_sum (s, subsidy[m * n_series + k]);
        }
      g_array_index (self->month_paid, SpMoney, m) = p;
      g_array_index (self->month_subsidy, SpMoney, m) = s;
      /* the drawn height: negative cells (refunds) count as nothing */
      {
        SpMoney t = 0;

        for (guint k = 0; k < n_series; k++)
          {
            SpMoney a = paid[m * n_series + k], b = subsidy[m * n_series + k];

            t = sp_spend_chart_money_sum (t, a != SP_MONEY_UNKNOWN && a > 0 ? a : 0);
            t = sp_spend_chart_money_sum (t, b != SP_MONEY_UNKNOWN && b > 0 ? b : 0);
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
  sp_spend_chart_clear_text_cache (self);
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
  return sp_spend_chart_money_sum (g_array_index (self->month_paid, SpMoney, month),
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
  sp_spend_chart_compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), &l);
  return sp_spend_chart_part_rect (self, &l, month, series, subsidy, out);
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
  sp_spend_chart_compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
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

  title = sp_spend_chart_month_long_name (g_ptr_array_index (self->months, m));
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
  return sp_spend_chart_month_long_name (month);
}

const char *
sp_spend_chart_get_summary (SpSpendChart *self)
{
  g_return_val_if_fail (SP_IS_SPEND_CHART (self), NULL);
  return self->summary;
}
