/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bar-chart.c — a horizontal bar chart of prices, drawn with GtkSnapshot
 *
 * One row per entry: the label on the left (ellipsized to at most 40 % of the
 * width), the bar, and the value (plus an optional note) after the bar.
 * Colours come from the style so the chart follows light and dark styles;
 * text goes through Pango so Chinese labels render. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-bar-chart.h"
#include "sp-chart-size.h"
#include "sp-chart-text.h"
#include "sp-format.h"
#include "sp-widget-util.h"

#define ROW_SPACING 6
#define BAR_MIN_HEIGHT 18
#define GAP 8
#define PAD 12

typedef struct {
  char       *label;
  SpMoney     value;
  char       *note;
  SpBarFlags  flags;
} Entry;

struct _SpBarChart
{
  GtkWidget  parent_instance;

  /* owned */
  GArray    *entries;   /* of Entry */
  char      *currency;
  char      *unit;
  char      *summary;
};

G_DEFINE_FINAL_TYPE (SpBarChart, sp_bar_chart, GTK_TYPE_WIDGET)

/* -------------------------------------------------------------- helpers */

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->label);
  g_free (entry->note);
}

static SpMoney
max_value (SpBarChart *self)
{
  SpMoney max = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      if (e->value != SP_MONEY_UNKNOWN && e->value > max)
        max = e->value;
    }
  return max;
}

static char *
entry_value_text (SpBarChart *self,
                  Entry      *entry)
{
  g_autofree char *money = sp_format_money (entry->value, self->currency);

  if (entry->note != NULL && *entry->note != '\0')
    /* Translators: a price in the bar chart followed by a warning, e.g. "¥5.80 · suspicious" */
    return g_strdup_printf (_("%s · %s"), money, entry->note);
  return g_steal_pointer (&money);
}

static int
row_height (SpBarChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Hg算");
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return MAX (h + 4, BAR_MIN_HEIGHT);
}

static void
update_summary (SpBarChart *self)
{
  SpMoney lo = SP_MONEY_UNKNOWN, hi = SP_MONEY_UNKNOWN;
  guint known = 0;
  g_autofree char *lo_text = NULL;
  g_autofree char *hi_text = NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      if (e->value == SP_MONEY_UNKNOWN)
        continue;
      known++;
      if (lo == SP_MONEY_UNKNOWN || e->value < lo)
        lo = e->value;
      if (hi == SP_MONEY_UNKNOWN || e->value > hi)
        hi = e->value;
    }
  g_clear_pointer (&self->summary, g_free);
  if (known == 0)
    self->summary = g_strdup (_("Bar chart with no prices"));
  else
    {
      lo_text = sp_format_money (lo, self->currency);
      hi_text = sp_format_money (hi, self->currency);
      /* Translators: accessible summary of the price chart, e.g. "Bar chart of 5
       * prices per card-hour, from ¥5.80 to ¥24.50" */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Bar chart of %u price per %s, from %s to %s",
                                                    "Bar chart of %u prices per %s, from %s to %s",
                                                    known),
                                       known, self->unit ? self->unit : "", lo_text, hi_text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
}

/* ------------------------------------------------------------ overrides */

/* the height of the rows (at least one) */
static int
chart_height (GtkWidget *widget)
{
  SpBarChart *self = SP_BAR_CHART (widget);
  guint n = MAX (self->entries->len, 1);

  return 2 * PAD + n * row_height (self) + (n - 1) * ROW_SPACING;
}

static void
sp_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SpBarChart *self = SP_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int rh = row_height (self);
  int label_w = 0, value_w = 0, bar_x, bar_max;
  SpMoney max = max_value (self);
  GdkRGBA fg, accent, warning, success, track;

  if (self->entries->len == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  sp_widget_lookup_color (widget, "accent_bg_color", NULL, &accent);
  sp_widget_lookup_color (widget, "warning_color", NULL, &warning);
  sp_widget_lookup_color (widget, "success_color", NULL, &success);
  track = fg;
  track.alpha *= 0.08f;

  /* measure the label and value columns */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, e->label);
      g_autofree char *value = entry_value_text (self, e);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
      pango_layout_set_text (layout, value, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      value_w = MAX (value_w, w);
    }
  label_w = MIN (label_w, (width - 2 * PAD) * 2 / 5);
  bar_x = PAD + label_w + GAP;
  bar_max = MAX (width - bar_x - GAP - value_w - PAD, 20);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      int y = PAD + i * (rh + ROW_SPACING);
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, e->label);
      g_autofree char *value_text = entry_value_text (self, e);
      g_autoptr(PangoLayout) value = gtk_widget_create_pango_layout (widget, value_text);
      const GdkRGBA *bar_color = &accent;
      const GdkRGBA *value_color = &fg;
      int bar_w = 0, lh, vh;

      if (e->flags & SP_BAR_FLAG_WARNING)
        bar_color = value_color = &warning;
      else if (e->flags & SP_BAR_FLAG_CHEAPEST)
        bar_color = &success;

      /* label, right-aligned against the bars */
      pango_layout_set_width (label, label_w * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_size (label, NULL, &lh);
      sp_chart_draw_layout (snapshot, label, PAD, y + (rh - lh) / 2.0f, &fg);

      /* track and bar */
      gtk_snapshot_append_color (snapshot, &track,
                                 &GRAPHENE_RECT_INIT (bar_x, y + 2, bar_max, rh - 4));
      if (e->value != SP_MONEY_UNKNOWN && max > 0)
        {
          bar_w = (int) ((double) e->value / (double) max * bar_max + 0.5);
          bar_w = MAX (bar_w, 2);
          gtk_snapshot_append_color (snapshot, bar_color,
                                     &GRAPHENE_RECT_INIT (bar_x, y + 2, bar_w, rh - 4));
        }

      /* value after the track */
      pango_layout_get_pixel_size (value, NULL, &vh);
      sp_chart_draw_layout (snapshot, value, bar_x + bar_max + GAP, y + (rh - vh) / 2.0f,
                            value_color);
    }
}

static gboolean
sp_bar_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  SpBarChart *self = SP_BAR_CHART (widget);
  int rh = row_height (self);
  int row;
  Entry *e;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (keyboard || y < PAD)
    {
      gtk_tooltip_set_text (tooltip, self->summary);
      return self->summary != NULL;
    }
  row = (y - PAD) / (rh + ROW_SPACING);
  if (row < 0 || (guint) row >= self->entries->len)
    return FALSE;
  e = &g_array_index (self->entries, Entry, row);
  value = entry_value_text (self, e);
  text = g_strdup_printf ("%s\n%s / %s", e->label, value, self->unit ? self->unit : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
sp_bar_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sp_bar_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

static void
sp_bar_chart_finalize (GObject *object)
{
  SpBarChart *self = SP_BAR_CHART (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sp_bar_chart_parent_class)->finalize (object);
}

static void
sp_bar_chart_class_init (SpBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const SpChartSize size = { .min_width = 240, .nat_width = 600, .height_for = chart_height };

  object_class->finalize = sp_bar_chart_finalize;
  sp_chart_class_set_size (widget_class, &size);
  widget_class->snapshot = sp_bar_chart_snapshot;
  widget_class->query_tooltip = sp_bar_chart_query_tooltip;
  widget_class->css_changed = sp_bar_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_bar_chart_init (SpBarChart *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_summary (self);
}

/* ----------------------------------------------------------- public API */

GtkWidget *
sp_bar_chart_new (void)
{
  return g_object_new (SP_TYPE_BAR_CHART, NULL);
}

void
sp_bar_chart_set_entries (SpBarChart       *self,
                          const SpBarEntry *entries,
                          guint             n_entries,
                          const char       *currency,
                          const char       *unit)
{
  g_return_if_fail (SP_IS_BAR_CHART (self));
  g_return_if_fail (entries != NULL || n_entries == 0);

  g_array_set_size (self->entries, 0);
  for (guint i = 0; i < n_entries; i++)
    {
      Entry e = {
        .label = g_strdup (entries[i].label ? entries[i].label : ""),
        .value = entries[i].value,
        .note = g_strdup (entries[i].note),
        .flags = entries[i].flags,
      };
      g_array_append_val (self->entries, e);
    }
  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_free (self->unit);
  self->unit = g_strdup (unit);
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
sp_bar_chart_get_n_entries (SpBarChart *self)
{
  g_return_val_if_fail (SP_IS_BAR_CHART (self), 0);
  return self->entries->len;
}

const char *
sp_bar_chart_get_summary (SpBarChart *self)
{
  g_return_val_if_fail (SP_IS_BAR_CHART (self), NULL);
  return self->summary;
}
