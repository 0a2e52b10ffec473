/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-breakeven.c — the Break-even section of the estimator window
 * (issue 18 part 2): the chart follows the form, labels its crossover in
 * the interface language, and draws every way of buying, in light and dark.
 * Run in English and in Chinese (LANGUAGE from meson). */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-breakeven-chart.h"
#include "sp-core.h"
#include "sp-estimator-window.h"
#include "sp-import-private.h"
#include "sp-suspicious.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

static SpTestDir *top_dir;
static SpApplication *the_app;

static gboolean
chinese (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
}

static GPtrArray *
feed_offers (void)
{
  return sp_test_source_offers ("tests/data/feeds/breakeven-feed.json");
}

/* An estimator window over the feed's offers (it keeps what it needs of
 * them), on the main window: the application registers the resources of
 * the window templates */
static SpEstimatorWindow *
feed_estimator_window (void)
{
  g_autoptr(GPtrArray) offers = feed_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  SpWindow *main_window = sp_test_ui_get_window (&the_app, top_dir->path);
  g_autoptr(GHashTable) flags = sp_offer_flags_compute (offers, ctx, NULL);

  return sp_estimator_window_new (GTK_WINDOW (main_window), offers, flags, ctx);
}

static gboolean
is_laid_out (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

/* The chart as pixels (RGBA, premultiplied, 4 bytes each); *@w × *@h.
 * Waits (up to 20 s: a loaded machine, ASan) until GTK has laid it out. */
static guchar *
render (GtkWidget *widget,
        int       *w,
        int       *h)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;

  sp_test_ui_iterate_until (is_laid_out, widget, 20000);
  *w = gtk_widget_get_width (widget);
  *h = gtk_widget_get_height (widget);
  g_assert_cmpint (*w, >, 0);
  g_assert_cmpint (*h, >, 0);
  paintable = gtk_widget_paintable_new (widget);
  /* the first frames may draw nothing yet on a loaded machine under ASan:
   * try again for up to 20 s */
  for (guint tries = 0; node == NULL && tries < 200; tries++)
    {
      if (tries > 0)
        sp_test_ui_iterate_for (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *w, *h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, *w, *h));
  pixels = g_malloc ((gsize) *w * *h * 4);
  gdk_texture_download (texture, pixels, (gsize) *w * 4);
  return pixels;
}

/* Pixels of @hex (±24 per channel), on little-endian Cairo ARGB32 = BGRA */
static guint
count_color (const guchar *pixels,
             int           w,
             int           h,
             const char   *hex)
{
  GdkRGBA c;
  int r, g, b;
  guint n = 0;

  gdk_rgba_parse (&c, hex);
  r = (int) (c.red * 255);
  g = (int) (c.green * 255);
  b = (int) (c.blue * 255);
  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      const guchar *p = pixels + i * 4;

      if (p[3] > 200 && ABS (p[2] - r) < 24 && ABS (p[1] - g) < 24 && ABS (p[0] - b) < 24)
        n++;
    }
  return n;
}

/* The chart's pixels once at least @min of them are @hex: a colour scheme
 * switched or a new estimate shows on a later frame, which on a loaded
 * machine (ASan, two cores) can come after any fixed wait.  Tries for up to
 * 20 s, then returns the last rendering for the caller's assertion. */
static guchar *
render_until_color (GtkWidget  *widget,
                    const char *hex,
                    guint       min,
                    int        *w,
                    int        *h)
{
  guchar *pixels = render (widget, w, h);

  for (guint tries = 0; count_color (pixels, *w, *h, hex) <= min && tries < 200; tries++)
    {
      g_free (pixels);
      sp_test_ui_iterate_for (100);
      pixels = render (widget, w, h);
    }
  return pixels;
}

/* Long on purpose: a table of cases (GPU classes, token APIs, messages),
 * each a few lines asserting the chart's lines, crossovers or message. */
static void
test_chart (void)
{
  SpEstimatorWindow *window = feed_estimator_window ();
  SpBreakevenChart *chart = sp_estimator_window_get_breakeven_chart (window);
  SpBreakeven *be;
  g_autofree guchar *pixels = NULL;
  int w, h;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_present (GTK_WINDOW (window));

  /* any GPU: nothing to compare yet, and it says why */
  g_assert_null (sp_breakeven_chart_get_data (chart));
  g_assert_nonnull (sp_breakeven_chart_get_message (chart));
  g_assert_cmpuint (sp_breakeven_chart_get_n_labels (chart), ==, 0);

  /* L40S per hour: spot, then the monthly plan above 412 h */
  sp_estimator_window_set_gpu_hours (window, "L40S", 400);
  sp_test_pages_wait_estimator (window);
  be = sp_breakeven_chart_get_data (chart);
  g_assert_nonnull (be);
  g_assert_cmpuint (be->options->len, ==, 3);
  /* the "too cheap to be true" ¥1.00 offer is flagged and left out */
  g_assert_cmpuint (be->n_suspicious, ==, 1);
  g_assert_cmpuint (sp_breakeven_chart_get_n_labels (chart), ==, 1);
  g_assert_cmpstr (sp_breakeven_chart_get_label (chart, 0), ==,
                   chinese () ? "每月超过 412 小时，包月方案更便宜"
                              : "above 412 h/month the monthly plan is cheaper");
  sp_test_ui_iterate_until (is_laid_out, chart, 20000);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  sp_test_ui_shoot (GTK_WIDGET (chart), "breakeven");

  /* every line is drawn: pay as you go blue, spot orange, monthly green */
  pixels = render_until_color (GTK_WIDGET (chart), "#26a269", 50, &w, &h);
  g_assert_cmpuint (count_color (pixels, w, h, "#1c71d8"), >, 50);
  g_assert_cmpuint (count_color (pixels, w, h, "#e66100"), >, 50);
  g_assert_cmpuint (count_color (pixels, w, h, "#26a269"), >, 50);
  g_clear_pointer (&pixels, g_free);

  /* dark: the lighter shades */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  pixels = render_until_color (GTK_WIDGET (chart), "#57e389", 50, &w, &h);
  g_assert_cmpuint (count_color (pixels, w, h, "#57e389"), >, 50);
  g_assert_cmpuint (count_color (pixels, w, h, "#26a269"), <, 10);
  sp_test_ui_shoot (GTK_WIDGET (chart), "breakeven-dark");
  g_clear_pointer (&pixels, g_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A10: pay as you go, then the yearly plan above 483 h */
  sp_estimator_window_set_gpu_hours (window, "A10", 100);
  sp_test_pages_wait_estimator (window);
  g_assert_cmpuint (sp_breakeven_chart_get_n_labels (chart), ==, 1);
  g_assert_cmpstr (sp_breakeven_chart_get_label (chart, 0), ==,
                   chinese () ? "每月超过 483 小时，包年方案更便宜"
                              : "above 483 h/month the yearly plan is cheaper");

  /* self-hosting an L40S at 500 tokens/s against Bench LLM: the token API,
   * then the monthly plan above 1,060M tokens a month */
  sp_estimator_window_set_self_host (window, "L40S", 500, "bench-llm");
  sp_test_pages_wait_estimator (window);
  be = sp_breakeven_chart_get_data (chart);
  g_assert_nonnull (be);
  g_assert_cmpint (be->axis, ==, SP_BREAKEVEN_AXIS_TOKENS);
  g_assert_nonnull (sp_breakeven_get_option (be, SP_BREAKEVEN_TOKENS));
  g_assert_cmpuint (sp_breakeven_chart_get_n_labels (chart), ==, 1);
  g_assert_cmpstr (sp_breakeven_chart_get_label (chart, 0), ==,
                   chinese () ? "每月超过 1060 百万词元，包月方案更便宜"
                              : "above 1060 M tokens/month the monthly plan is cheaper");
  pixels = render_until_color (GTK_WIDGET (chart), "#c01c28", 50, &w, &h);
  /* the token API's red line */
  g_assert_cmpuint (count_color (pixels, w, h, "#c01c28"), >, 50);
  g_clear_pointer (&pixels, g_free);
  sp_test_ui_shoot (GTK_WIDGET (chart), "breakeven-tokens");

  /* a model with no token offer: the core's message */
  sp_estimator_window_set_self_host (window, "L40S", 500, "no-such-model");
  sp_test_pages_wait_estimator (window);
  g_assert_null (sp_breakeven_chart_get_data (chart));
  g_assert_nonnull (strstr (sp_breakeven_chart_get_message (chart), "no-such-model"));

  /* tokens without a throughput: it says what is missing */
  sp_estimator_window_set_self_host (window, "L40S", 0, "bench-llm");
  sp_test_pages_wait_estimator (window);
  g_assert_null (sp_breakeven_chart_get_data (chart));
  g_assert_cmpstr (sp_breakeven_chart_get_message (chart), ==,
                   chinese () ? "请给出自建部署的吞吐量和模型，以比较自建部署与该模型的词元报价。"
                              : "Give a self-hosting throughput and a model to compare self-hosting "
                                "with the model's token offers.");

  /* a GPU class with no offer of any way: the message, no chart */
  sp_estimator_window_set_gpu_hours (window, NULL, 100);
  sp_test_pages_wait_estimator (window);
  g_assert_null (sp_breakeven_chart_get_data (chart));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_label (gpointer chart)
{
  return sp_breakeven_chart_get_n_labels (chart) > 0;
}

/* The window on the engine's table, as the Offers page opens it (issue
 * 17): the reserved offers of the class are read back through the store
 * service, and the chart is redrawn with their commitments when they are in */
static void
test_table_read_back (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "store.db", NULL);
  g_autofree char *feed = sp_test_source_path ("tests/data/feeds/breakeven-feed.json");
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(SpStoreService) service = sp_store_service_new (path);
  g_autoptr(SpOfferTable) table = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GError) error = NULL;
  SpWindow *main_window = sp_test_ui_get_window (&the_app, top_dir->path);
  SpEstimatorWindow *window;
  SpBreakevenChart *chart;
  const SpBreakevenOption *yearly;
  guint changed;

  store = sp_store_open (path, &error);
  g_assert_no_error (error);
  result = sp_import_parse_file (feed, SP_FEED_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC,
                                          &changed, &error));
  table = sp_offer_table_load (path, NULL, &error);
  g_assert_no_error (error);
  prices = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  g_assert_no_error (error);

  window = sp_estimator_window_new_for_table (GTK_WINDOW (main_window), table, ctx, prices, service);
  chart = sp_estimator_window_get_breakeven_chart (window);
  /* A10: the yearly plan's commitment comes with its offer read back */
  sp_estimator_window_set_gpu_hours (window, "A10", 100);
  sp_test_pages_wait_estimator (window);
  sp_test_ui_iterate_until (has_label, chart, 20000);
  g_assert_cmpuint (sp_breakeven_chart_get_n_labels (chart), ==, 1);
  g_assert_cmpstr (sp_breakeven_chart_get_label (chart, 0), ==,
                   chinese () ? "每月超过 483 小时，包年方案更便宜"
                              : "above 483 h/month the yearly plan is cheaper");
  yearly = sp_breakeven_get_option (sp_breakeven_chart_get_data (chart), SP_BREAKEVEN_YEARLY);
  g_assert_nonnull (yearly);
  g_assert_cmpuint (yearly->commitment_months, ==, 12);
  g_assert_nonnull (sp_offer_get_min_commitment (yearly->offer));
  /* the estimate's rows are the table's, cheapest first */
  g_assert_cmpuint (sp_estimator_window_get_n_results (window), >, 0);
  g_assert_cmpstr (sp_offer_get_name (sp_estimator_window_get_result (window, 0)->offer), !=, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_estimated (SpEstimatorWindow *window,
                 guint             *count)
{
  (*count)++;
}

/* The estimate and the break-even run in a worker: a newer workload
 * (typing in the form) cancels the older run, whose result is never shown,
 * and the newer one's results are those a run of it alone gives */
static void
test_newer_cancels_older (void)
{
  SpEstimatorWindow *window = feed_estimator_window ();
  SpBreakevenChart *chart = sp_estimator_window_get_breakeven_chart (window);
  g_autofree char *first_id = NULL;
  guint n_estimated = 0;
  guint n_results;

  sp_test_pages_wait_estimator (window);
  g_signal_connect (window, "estimated", G_CALLBACK (count_estimated), &n_estimated);

  /* the older workload (GPU hours of an L40S, with its break-even), then
   * the newer (tokens) before the older's results are in */
  sp_estimator_window_set_gpu_hours (window, "L40S", 400);
  g_assert_true (sp_estimator_window_get_busy (window));
  g_assert_true (sp_breakeven_chart_get_busy (chart));
  sp_estimator_window_set_tokens (window, 30, 8);
  sp_test_pages_wait_estimator (window);
  /* only the newer's results were shown: token offers, no L40S break-even */
  g_assert_cmpuint (n_estimated, ==, 1);
  n_results = sp_estimator_window_get_n_results (window);
  g_assert_cmpuint (n_results, >, 0);
  for (guint i = 0; i < MIN (n_results, 100); i++)
    {
      const SpEstimateRow *row = sp_estimator_window_get_result (window, i);

      g_assert_true (row->self_hosted || sp_offer_get_kind (row->offer) == SP_OFFER_KIND_TOKENS);
    }
  g_assert_null (sp_breakeven_chart_get_data (chart));
  g_assert_false (sp_breakeven_chart_get_busy (chart));
  first_id = g_strdup (sp_offer_get_id (sp_estimator_window_get_result (window, 0)->offer));

  /* the newer workload alone: the same results */
  sp_estimator_window_set_gpu_hours (window, "L40S", 400);
  sp_test_pages_wait_estimator (window);
  g_assert_cmpuint (n_estimated, ==, 2);
  g_assert_nonnull (sp_breakeven_chart_get_data (chart));
  sp_estimator_window_set_tokens (window, 30, 8);
  sp_test_pages_wait_estimator (window);
  g_assert_cmpuint (n_estimated, ==, 3);
  g_assert_cmpuint (sp_estimator_window_get_n_results (window), ==, n_results);
  g_assert_cmpstr (sp_offer_get_id (sp_estimator_window_get_result (window, 0)->offer), ==, first_id);

  /* a run still going when the window closes is dropped */
  sp_estimator_window_set_gpu_hours (window, "A10", 100);
  g_assert_true (sp_estimator_window_get_busy (window));
  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_ui_iterate_for (200);
  g_assert_cmpuint (n_estimated, ==, 3);
}

int
main (int argc, char **argv)
{
  top_dir = sp_test_ui_setup ();

  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui-breakeven/chart", test_chart);
  g_test_add_func ("/ui-breakeven/table-read-back", test_table_read_back);
  g_test_add_func ("/ui-breakeven/newer-cancels-older", test_newer_cancels_older);
  return sp_test_ui_run (&the_app, top_dir);
}
