/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spend-chart-private.h — the spend chart's instance and its drawing
 * (sp-spend-chart-paint.c: text, layout and painting; sp-spend-chart.c:
 * the widget, its data, tooltip and input; sp-spend-chart-export.c: the
 * PNG and SVG files) */
#pragma once

#include <adwaita.h>

#include "sp-spend-chart.h"
#include "sp-widget-util.h"

G_BEGIN_DECLS

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

typedef struct _Painter Painter;
struct _Painter
{
  void (*fill)    (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect);
  void (*outline) (Painter *p, const GdkRGBA *color, const graphene_rect_t *rect);
  void (*text)    (Painter *p, PangoLayout *layout, double x, double y, const GdkRGBA *color);
  GtkSnapshot *snapshot;
  cairo_t     *cr;
};

typedef struct {
  double width, height;
  double plot_x, plot_y, plot_w, plot_h;
  double slot_w, bar_w;
  double legend_y;
  guint  label_every;
} Layout;

char *       sp_spend_chart_month_long_name (const char *month);
SpMoney      sp_spend_chart_money_sum (SpMoney a, SpMoney b);
double       sp_spend_chart_units (SpMoney value);
gboolean     sp_spend_chart_is_dark (void);
void         sp_spend_chart_clear_text_cache (SpSpendChart *self);
void         sp_spend_chart_compute_layout (SpSpendChart *self,
                                            double width,
                                            double height,
                                            Layout *l);
gboolean     sp_spend_chart_part_rect (SpSpendChart *self,
                                       const Layout *l,
                                       guint m,
                                       int series,
                                       gboolean subsidy,
                                       graphene_rect_t *out);
void         sp_spend_chart_paint (SpSpendChart *self,
                                   Painter *painter,
                                   double width,
                                   double height);
/* A painter drawing into @snapshot (the widget, a PNG through the renderer). */
void         sp_spend_chart_painter_init_snapshot (Painter     *p,
                                                   GtkSnapshot *snapshot);
/* A painter drawing with @cr (a PNG without a renderer, an SVG). */
void         sp_spend_chart_painter_init_cairo    (Painter     *p,
                                                   cairo_t     *cr);

G_END_DECLS
