/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart.c — redrawing the monthly spend chart (issue 8)
 *
 * 60 months × 20 vendors, paid and subsidy in every cell, a budget line:
 * the time to produce the chart's snapshot (the widget's snapshot into a
 * GtkSnapshot, then gtk_snapshot_free_to_node), median of 50 runs, after
 * one warm-up.  Target: under 16 ms (one frame at 60 Hz).  Also reports
 * rendering that node with the window's renderer.
 *
 * Runs under a display (xvfb-run).  --check exits non-zero over target. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <adwaita.h>

#include "sp-spend-chart.h"
#include "bench-util.h"

#define N_MONTHS 60
#define N_SERIES 20
#define N_RUNS   50
#define TARGET_MS 16.0

int
main (int argc, char **argv)
{
  gboolean check = argc > 1 && g_str_equal (argv[1], "--check");
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_free);
  g_autofree SpMoney *paid = g_new (SpMoney, N_MONTHS * N_SERIES);
  g_autofree SpMoney *subsidy = g_new (SpMoney, N_MONTHS * N_SERIES);
  double snap_ms[N_RUNS], render_ms[N_RUNS], change_ms[N_RUNS];
  GtkWidget *window, *chart;
  GRand *rand = g_rand_new_with_seed (42);
  gint64 end;
  double snap_median, change_median, render_median;

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();

  for (guint m = 0; m < N_MONTHS; m++)
    g_ptr_array_add (months, g_strdup_printf ("%04u-%02u", 2022 + m / 12, m % 12 + 1));
  for (guint s = 0; s < N_SERIES; s++)
    g_ptr_array_add (series, g_strdup_printf ("Vendor %02u 供应商", s + 1));
  for (guint i = 0; i < N_MONTHS * N_SERIES; i++)
    {
      paid[i] = (SpMoney) g_rand_int_range (rand, 0, 50000) * 10000;
      subsidy[i] = paid[i] / 5;
    }
  g_rand_free (rand);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 600);
  chart = sp_spend_chart_new ();
  gtk_window_set_child (GTK_WINDOW (window), chart);
  sp_spend_chart_set_data (SP_SPEND_CHART (chart), (const char * const *) months->pdata, N_MONTHS,
                           (const char * const *) series->pdata, N_SERIES, paid, subsidy,
                           (SpMoney) 8000000 * SP_MONEY_SCALE, "CNY");
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((gtk_widget_get_width (chart) < 100) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  if (gtk_widget_get_width (chart) < 100)
    {
      g_printerr ("bench-chart: the window was never shown (no display?)\n");
      return 77;
    }

  for (int run = -1; run < N_RUNS; run++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      GdkTexture *texture;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t1 = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                             &GRAPHENE_RECT_INIT (0, 0,
                                                                  gtk_widget_get_width (chart),
                                                                  gtk_widget_get_height (chart)));
      t2 = g_get_monotonic_time ();
      g_object_unref (texture);
      gsk_render_node_unref (node);
      if (run >= 0)
        {
          snap_ms[run] = (t1 - t0) / 1000.0;
          render_ms[run] = (t2 - t1) / 1000.0;
        }
    }
  /* a redraw after new data: sums, scale and every label laid out again */
  for (int run = -1; run < N_RUNS; run++)
    {
      GtkSnapshot *snapshot;
      GskRenderNode *node;
      gint64 t0, t1;

      t0 = g_get_monotonic_time ();
      sp_spend_chart_set_data (SP_SPEND_CHART (chart), (const char * const *) months->pdata,
                               N_MONTHS, (const char * const *) series->pdata, N_SERIES, paid,
                               subsidy, (SpMoney) (8000000 + run + 2) * SP_MONEY_SCALE, "CNY");
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t1 = g_get_monotonic_time ();
      gsk_render_node_unref (node);
      if (run >= 0)
        change_ms[run] = (t1 - t0) / 1000.0;
    }
  /* sorted: the snapshots' min and max below */
  change_median = median_mean (change_ms, N_RUNS);
  snap_median = median_mean (snap_ms, N_RUNS);
  render_median = median_mean (render_ms, N_RUNS);

  g_print ("chart %d months x %d vendors at %dx%d px\n", N_MONTHS, N_SERIES,
           gtk_widget_get_width (chart), gtk_widget_get_height (chart));
  g_print ("  snapshot (median of %d): %.3f ms (min %.3f, max %.3f) — target < %.0f ms: %s\n",
           N_RUNS, snap_median, snap_ms[0], snap_ms[N_RUNS - 1], TARGET_MS,
           snap_median < TARGET_MS ? "ok" : "OVER");
  g_print ("  set_data + snapshot (median of %d): %.3f ms — target < %.0f ms: %s\n", N_RUNS,
           change_median, TARGET_MS, change_median < TARGET_MS ? "ok" : "OVER");
  g_print ("  render to texture (median, %s renderer): %.3f ms\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), render_median);

  gtk_window_destroy (GTK_WINDOW (window));
  return check && (snap_median >= TARGET_MS || change_median >= TARGET_MS) ? 1 : 0;
}
