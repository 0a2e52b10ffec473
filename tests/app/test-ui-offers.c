/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-offers.c — the Offers page under a display (Xvfb in CI): filters,
 * search, sorting remembered, group view, side by side, bar chart,
 * estimator, the suspicious-price warning, and the After Vouchers column and
 * buying from the page with vouchers, on the demo catalog.
 *
 * With SUANPAN_SHOT_DIR set, the test also saves PNG renderings of the
 * windows it opens there (for looking at them, and for the docs). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-bar-chart.h"
#include "sp-compare-window.h"
#include "sp-effective-price.h"
#include "sp-estimator-window.h"
#include "sp-format.h"
#include "sp-offer-engine.h"
#include "sp-offer-rows.h"
#include "sp-offers-page-private.h"
#include "sp-redeem-window-private.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-text-cell.h"
#include "sp-test-util.h"
#include "sp-window.h"

/* The redeem window reads the wallet through the store service: wait for it. */
static gboolean
redeem_ready (gpointer window)
{
  return !sp_redeem_window_is_busy (window);
}

static SpTestDir *data_dir;
static SpApplication *the_app;
static GPtrArray *demo;  /* the demo feed's offers, parsed independently */

/* -------------------------------------------------------------- helpers */

static gboolean
toplevel_open (gpointer type)
{
  return sp_test_ui_find_toplevel ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

/* The page opens compare and buy once it has read their offers back whole
 * from the store (it holds only the engine's table): wait for the window. */
static gpointer
opened_toplevel (GType type)
{
  sp_test_ui_iterate_until (toplevel_open, GSIZE_TO_POINTER ((gsize) type), 30000);
  return sp_test_ui_find_toplevel (type);
}

static SpOffer *full_wanted;
static SpOffersPage *full_page;

static gboolean
full_offer_read (gpointer data)
{
  return sp_offers_page_peek_full_offer (full_page, full_wanted) != NULL;
}

static gboolean
page_loaded (gpointer data)
{
  return g_strcmp0 (sp_offers_page_get_state (data), "loading") != 0;
}

static SpOffersPage *
loaded_page (SpApplication *app)
{
  SpWindow *window = SP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWidget *child = adw_view_stack_get_child_by_name (sp_window_get_stack (window), "offers");
  SpOffersPage *page;

  g_assert_true (SP_IS_OFFERS_PAGE (child));
  page = SP_OFFERS_PAGE (child);
  sp_test_ui_iterate_until (page_loaded, page, 30000);
  g_assert_cmpstr (sp_offers_page_get_state (page), ==, "offers");
  return page;
}

/* Whether a visible label under @widget shows exactly @text (the table
 * re-fills its cells in place; this checks what is on screen). */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  /* the table's cells */
  if (SP_IS_TEXT_CELL (widget) && g_strcmp0 (sp_text_cell_get_text (SP_TEXT_CELL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_label (c, text))
      return TRUE;
  return FALSE;
}

static guint chart_wanted;

static gboolean
chart_has_wanted (gpointer chart)
{
  return sp_bar_chart_get_n_entries (chart) == chart_wanted;
}

/* the page re-prices in a worker: wait until the chart shows dollars */
static gboolean
chart_in_dollars (gpointer chart)
{
  const char *summary = sp_bar_chart_get_summary (chart);

  return summary != NULL && strstr (summary, "$") != NULL;
}

static SpOffer *
demo_offer (const char *id)
{
  for (guint i = 0; i < demo->len; i++)
    if (g_str_equal (sp_offer_get_id (g_ptr_array_index (demo, i)), id))
      return g_ptr_array_index (demo, i);
  g_assert_not_reached ();
}

static guint
demo_count_kind (SpOfferKind kind)
{
  guint n = 0;

  for (guint i = 0; i < demo->len; i++)
    n += sp_offer_get_kind (g_ptr_array_index (demo, i)) == kind;
  return n;
}

static const char *
model_id (GListModel *model,
          guint       i)
{
  g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);

  return sp_offer_get_id (offer);
}

static SpMoney
model_price (GListModel *model,
             guint       i)
{
  g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);

  return sp_price_context_normalize (sp_application_get_price_context (the_app), offer,
                                     SP_PRICE_MAIN);
}

/* ---------------------------------------------------------------- tests */

static void
test_filter_and_search (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  GListModel *model = sp_offers_page_get_model (page);
  guint n_deepseek = 0;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, demo->len);
  g_assert_cmpuint (demo->len, ==, 37);

  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, demo_count_kind (SP_OFFER_KIND_GPU));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 22);
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_CPU);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_TOKENS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, demo_count_kind (SP_OFFER_KIND_TOKENS));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 11);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);
      g_assert_cmpint (sp_offer_get_kind (offer), ==, SP_OFFER_KIND_TOKENS);
    }

  /* search as you type, case-insensitive, on top of the kind */
  sp_offers_page_set_kind_filter (page, -1);
  for (guint i = 0; i < demo->len; i++)
    n_deepseek += sp_offer_matches_search (g_ptr_array_index (demo, i), "DeepSeek");
  g_assert_cmpuint (n_deepseek, ==, 3);
  sp_offers_page_set_search (page, "d");
  sp_offers_page_set_search (page, "de");
  sp_offers_page_set_search (page, "DeepSeek");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_deepseek);
  /* growing text narrows, shrinking text widens again */
  sp_offers_page_set_search (page, "DeepSeek-R");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (model_id (model, 0), ==, "demo-mh-deepseek-r1");
  sp_test_ui_iterate_for (100);
  g_assert_true (shows_label (GTK_WIDGET (page), "Demo sample: DeepSeek-R1 tokens"));
  g_assert_false (shows_label (GTK_WIDGET (page), "Demo sample: DeepSeek-V3 tokens"));
  g_assert_false (shows_label (GTK_WIDGET (page), "Demo sample: Qwen-Max tokens"));
  sp_offers_page_set_search (page, "DeepSeek");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  sp_test_ui_iterate_for (100);
  g_assert_true (shows_label (GTK_WIDGET (page), "Demo sample: DeepSeek-V3 tokens"));

  /* several words: all must match (H100 SXM offers of Hangzhou-region or
   * Hangzhou-named vendors: hz 1×, hz 8×, Westlake reserved in cn-hangzhou) */
  sp_offers_page_set_search (page, "h100 sxm hangzhou");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  /* the vendors' Chinese names are searched too: 9 offers of 示例·杭州云 */
  sp_offers_page_set_search (page, "杭州云");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 9);
  /* kind and search together */
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_TOKENS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3); /* DeepSeek-V3, Qwen-Max, Qwen-Plus */
  sp_offers_page_set_search (page, "no such offer");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  sp_test_ui_shoot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "offers-no-match");
  gtk_widget_activate_action (GTK_WIDGET (page), "offers.reset-filters", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 37);
  sp_test_ui_stop_app ();
}

/* The page lists a query's offers in the engine's order, as
 * `suanpan-cli offers` does (the cli-offers-engine test holds the CLI to
 * the engine): every column, both directions, with a search and a kind. */
static void
test_same_order_as_engine (void)
{
  static const struct {
    const char *column;
    SpEngineSort sort;
  } columns[] = {
    { "warnings", SP_ENGINE_SORT_WARNINGS }, { "vendor", SP_ENGINE_SORT_VENDOR },
    { "group", SP_ENGINE_SORT_GROUP }, { "name", SP_ENGINE_SORT_NAME },
    { "spec", SP_ENGINE_SORT_SPEC }, { "region", SP_ENGINE_SORT_REGION },
    { "billing", SP_ENGINE_SORT_BILLING }, { "list-price", SP_ENGINE_SORT_LIST_PRICE },
    { "price", SP_ENGINE_SORT_PRICE }, { "input", SP_ENGINE_SORT_INPUT },
    { "output", SP_ENGINE_SORT_OUTPUT }, { "updated", SP_ENGINE_SORT_UPDATED },
  };
  static const char * const searches[] = { NULL, "h100", "杭州云", "deepseek" };
  static const int kinds[] = { -1, SP_OFFER_KIND_GPU, SP_OFFER_KIND_TOKENS };
  guint compared = 0;
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  GListModel *model = sp_offers_page_get_model (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOfferTable) table = sp_offer_table_load (sp_application_get_store_path (app),
                                                       NULL, &error);
  g_autoptr(SpOfferPrices) prices = NULL;

  g_assert_no_error (error);
  prices = sp_offer_prices_compute (table, sp_application_get_price_context (app), NULL,
                                    sp_date_today (), NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        for (int descending = 0; descending <= 1; descending++)
          {
            int kind = kinds[k];
            gboolean tokens = kind == SP_OFFER_KIND_TOKENS;
            SpEngineQuery query;
            g_autoptr(GArray) rows = NULL;

            /* the columns the page shows for that kind (Group: the group view) */
            if ((columns[c].sort == SP_ENGINE_SORT_GROUP) ||
                (!tokens && (columns[c].sort == SP_ENGINE_SORT_INPUT ||
                             columns[c].sort == SP_ENGINE_SORT_OUTPUT)) ||
                (tokens && columns[c].sort == SP_ENGINE_SORT_SPEC))
              continue;

            sp_offers_page_set_kind_filter (page, kind);
            sp_offers_page_set_search (page, searches[s]);
            g_assert_true (sp_offers_page_sort_by (page, columns[c].column, descending));
            sp_engine_query_init (&query);
            query.filter_kind = kind >= 0;
            query.kind = kind >= 0 ? (SpOfferKind) kind : 0;
            query.search = searches[s];
            query.sort = columns[c].sort;
            query.kind_first = columns[c].sort == SP_ENGINE_SORT_PRICE;
            query.descending = descending;
            rows = sp_offer_engine_run (table, prices, &query, NULL, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (g_list_model_get_n_items (model), ==, rows->len);
            compared += rows->len;
            for (guint i = 0; i < rows->len; i++)
              g_assert_cmpstr (model_id (model, i), ==,
                               sp_offer_table_get_id (table, g_array_index (rows, guint, i)));
          }
  g_assert_cmpuint (compared, >, 1000);
  sp_offers_page_set_search (page, "");
  sp_offers_page_set_kind_filter (page, -1);
  sp_test_ui_stop_app ();
}

static void
test_sort_remembered (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  GSettings *settings = sp_application_get_settings (app);
  GListModel *model = sp_offers_page_get_model (page);
  guint n;

  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  g_assert_true (sp_offers_page_sort_by (page, "price", FALSE));
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 22);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (model_price (model, i - 1), <=, model_price (model, i));
  /* ¥2.05 RTX 4090 spot is the cheapest card-hour, ¥24.50 the dearest */
  g_assert_cmpstr (model_id (model, 0), ==, "demo-ns-rtx4090-1x-spot");
  g_assert_cmpint (model_price (model, 0), ==, 2050000);
  g_assert_cmpstr (model_id (model, n - 1), ==, "demo-hz-h100-sxm-1x");
  g_assert_cmpint (model_price (model, n - 1), ==, 24500000);
  {
    g_autofree char *column = g_settings_get_string (settings, "offers-sort-column");
    g_assert_cmpstr (column, ==, "price");
  }
  g_assert_false (g_settings_get_boolean (settings, "offers-sort-descending"));

  g_assert_true (sp_offers_page_sort_by (page, "price", TRUE));
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (model_price (model, i - 1), >=, model_price (model, i));
  g_assert_cmpstr (model_id (model, 0), ==, "demo-hz-h100-sxm-1x");
  g_assert_true (g_settings_get_boolean (settings, "offers-sort-descending"));

  g_assert_true (sp_offers_page_sort_by (page, "vendor", FALSE));
  {
    g_autofree char *column = g_settings_get_string (settings, "offers-sort-column");
    g_assert_cmpstr (column, ==, "vendor");
  }
  g_assert_false (g_settings_get_boolean (settings, "offers-sort-descending"));
  sp_test_ui_stop_app ();

  /* a new window comes back sorted the same way */
  g_settings_set_string (settings, "offers-sort-column", "price");
  g_settings_set_boolean (settings, "offers-sort-descending", TRUE);
  app = sp_test_ui_start_app (&the_app);
  page = loaded_page (app);
  model = sp_offers_page_get_model (page);
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  g_assert_cmpstr (model_id (model, 0), ==, "demo-hz-h100-sxm-1x");
  g_settings_reset (settings, "offers-sort-column");
  g_settings_reset (settings, "offers-sort-descending");
  sp_test_ui_stop_app ();
}

static void
collect_text_cells (GtkWidget *widget,
                    GPtrArray *cells)
{
  if (SP_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (cells, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text_cells (c, cells);
}

/* Whether a cell in the scrolled part of @view (mapped: GtkListView unmaps
 * the rows out of sight) shows @text; @n_in_sight counts those cells. */
static gboolean
in_sight_cell_shows (GtkWidget  *view,
                     const char *text,
                     guint      *n_in_sight)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  int height = gtk_widget_get_height (view);
  gboolean found = FALSE;

  *n_in_sight = 0;
  collect_text_cells (view, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      graphene_point_t p;

      g_assert_true (gtk_widget_compute_point (cell, view, &GRAPHENE_POINT_INIT (0, 0), &p));
      if (p.y + gtk_widget_get_height (cell) < 0 || p.y > height)
        continue;
      (*n_in_sight)++;
      found |= g_strcmp0 (sp_text_cell_get_text (SP_TEXT_CELL (cell)), text) == 0;
    }
  return found;
}

static gboolean
scrollable (gpointer adj)
{
  return gtk_adjustment_get_page_size (adj) > 0 &&
         gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj);
}

static GtkWidget  *wanted_view;
static const char *wanted_text;

static gboolean
in_sight_shows_wanted (gpointer data)
{
  guint n;

  return in_sight_cell_shows (wanted_view, wanted_text, &n);
}

/* Sorting by product name (collation keys made for that sort only), then
 * scrolling to the end: the cells that come into view show their offers
 * (their texts are asked for when they are drawn). */
static void
test_name_sort_and_scrolling (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  GSettings *settings = sp_application_get_settings (app);
  GListModel *model = sp_offers_page_get_model (page);
  guint n = g_list_model_get_n_items (model);
  GtkWidget *view = sp_test_pages_find_of_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adj;
  g_autoptr(SpOffer) first = NULL;
  g_autoptr(SpOffer) last = NULL;
  guint in_sight;

  g_assert_cmpuint (n, ==, 37);
  g_assert_true (sp_offers_page_sort_by (page, "name", FALSE));
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(SpOffer) a = g_list_model_get_item (model, i - 1);
      g_autoptr(SpOffer) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_utf8_collate (sp_offer_get_name (a), sp_offer_get_name (b)), <=, 0);
    }
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, n - 1);

  g_assert_nonnull (view);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  /* laid out (a loaded machine takes its time); 37 rows do not fit */
  sp_test_ui_iterate_until (scrollable, adj, 20000);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj));
  sp_test_ui_iterate_for (300);
  g_assert_true (in_sight_cell_shows (view, sp_offer_get_name (first), &in_sight));
  g_assert_false (in_sight_cell_shows (view, sp_offer_get_name (last), &in_sight));
  g_assert_cmpuint (in_sight, >, 0);

  /* scrolled to the end, the rows that come into view show their offers */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  wanted_view = view;
  wanted_text = sp_offer_get_name (last);
  sp_test_ui_iterate_until (in_sight_shows_wanted, NULL, 20000);
  g_assert_true (in_sight_cell_shows (view, sp_offer_get_name (last), &in_sight));
  g_assert_false (in_sight_cell_shows (view, sp_offer_get_name (first), &in_sight));

  g_settings_reset (settings, "offers-sort-column");
  g_settings_reset (settings, "offers-sort-descending");
  sp_test_ui_stop_app ();
}

static void
test_group_view (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  GListModel *model;
  g_autoptr(GHashTable) cheapest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SpPriceContext *ctx = sp_application_get_price_context (app);

  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  /* the cheapest offer of each group, computed from the flat list */
  model = sp_offers_page_get_model (page);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);
      char *group = sp_offer_dup_group (offer);
      SpMoney price = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
      gpointer prev = g_hash_table_lookup (best, group);

      if (prev == NULL || price < (SpMoney) GPOINTER_TO_SIZE (prev))
        {
          g_hash_table_insert (best, g_strdup (group), GSIZE_TO_POINTER ((gsize) price));
          g_hash_table_insert (cheapest, group, (gpointer) sp_offer_get_id (offer));
        }
      else
        g_free (group);
    }
  /* H100 SXM, H100 PCIe, H100 NVL, H800, A100 80GB, A800, L40S, RTX 4090, 910B */
  g_assert_cmpuint (g_hash_table_size (cheapest), ==, 9);

  g_object_set (page, "group-view", TRUE, NULL);
  model = sp_offers_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 9);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);
      g_autofree char *group = sp_offer_dup_group (offer);
      g_assert_cmpstr (sp_offer_get_id (offer), ==, g_hash_table_lookup (cheapest, group));
    }
  /* the rows of the table are expandable to the group's other offers */
  {
    GListModel *rows = G_LIST_MODEL (sp_offers_page_get_selection (page));
    guint n_rows = g_list_model_get_n_items (rows);
    g_assert_cmpuint (n_rows, ==, 9);
    for (guint i = 0; i < n_rows; i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
        g_autoptr(SpOffer) offer = gtk_tree_list_row_get_item (row);
        if (g_str_equal (sp_offer_get_id (offer), "demo-ns-rtx4090-1x-spot"))
          {
            g_assert_true (gtk_tree_list_row_is_expandable (row));
            gtk_tree_list_row_set_expanded (row, TRUE);
            /* the other two RTX 4090 offers */
            g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 11);
            break;
          }
      }
  }
  /* search narrows the groups: only H100 SXM is left, with its cheapest */
  sp_offers_page_set_search (page, "H100 SXM");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (model_id (model, 0), ==, "demo-rs-h100-sxm-internal");
  sp_offers_page_set_search (page, "");
  sp_test_ui_shoot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "offers-group");
  g_object_set (page, "group-view", FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (sp_offers_page_get_model (page)), ==, 22);
  sp_test_ui_stop_app ();
}

static void
test_compare_three (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  GtkSelectionModel *selection = sp_offers_page_get_selection (page);
  GListModel *model;
  SpCompareWindow *compare;

  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "H100 SXM");
  sp_offers_page_sort_by (page, "price", FALSE);
  model = sp_offers_page_get_model (page);
  /* internal channel ¥5.80, Northstar spot ¥18.60, Westlake reserved ¥19.90,
   * Global $2.99 = ¥21.528, Hangzhou 8× ¥22.80, Hangzhou 1× ¥24.50 */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpstr (model_id (model, 1), ==, "demo-ns-h100-sxm-8x-spot");

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "offers.compare", NULL) &&
                  sp_test_ui_find_toplevel (SP_TYPE_COMPARE_WINDOW) != NULL);
  gtk_selection_model_select_item (selection, 3, FALSE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.compare", NULL));
  compare = opened_toplevel (SP_TYPE_COMPARE_WINDOW);
  g_assert_nonnull (compare);
  g_assert_cmpuint (sp_compare_window_get_n_offers (compare), ==, 3);
  /* columns in table order: spot ¥18.60 is the first and the cheapest */
  g_assert_cmpint (sp_compare_window_get_cheapest (compare), ==, 0);
  g_assert_true (gtk_widget_has_css_class (sp_compare_window_get_header (compare, 0), "cheapest"));
  g_assert_false (gtk_widget_has_css_class (sp_compare_window_get_header (compare, 1), "cheapest"));
  g_assert_true (sp_compare_window_row_differs (compare, "price"));
  g_assert_true (sp_compare_window_row_differs (compare, "billing"));
  g_assert_false (sp_compare_window_row_differs (compare, "gpu-memory"));
  g_assert_false (sp_compare_window_row_differs (compare, "input")); /* not shown for GPUs */
  sp_test_ui_iterate_until ((gboolean (*) (gpointer)) sp_compare_window_history_loaded, compare, 30000);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (sp_sparkline_get_n_points (sp_compare_window_get_sparkline (compare, i)), ==, 1);
  gtk_window_set_default_size (GTK_WINDOW (compare), 980, 760);
  sp_test_ui_shoot (GTK_WIDGET (compare), "compare");
  sp_test_ui_stop_app ();
}

static void
test_chart_and_suspicious (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  SpOffer *internal = NULL;
  const SpOfferFlags *flags;
  GListModel *model = sp_offers_page_get_model (page);
  SpBarChart *chart = sp_offers_page_get_chart (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);
      if (g_str_equal (sp_offer_get_id (offer), "demo-rs-h100-sxm-internal"))
        internal = offer;
      else if (g_str_equal (sp_offer_get_id (offer), "demo-ns-h100-sxm-8x-spot"))
        g_assert_null (sp_offers_page_get_flags (page, offer)); /* an honest price */
    }
  g_assert_nonnull (internal);
  flags = sp_offers_page_get_flags (page, internal);
  g_assert_nonnull (flags);
  g_assert_true (flags->flags & SP_OFFER_FLAG_SUSPICIOUS);
  g_assert_nonnull (flags->suspicious_reason);

  /* the bar chart: cheapest H100 SXM per vendor — Hangzhou (8× ¥22.80),
   * Northstar, Westlake, Global, the reseller: 5 bars */
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "H100 SXM");
  g_object_set (page, "show-chart", TRUE, NULL);
  g_assert_cmpuint (sp_bar_chart_get_n_entries (chart), ==, 5);
  g_assert_nonnull (strstr (sp_bar_chart_get_summary (chart), "5"));
  g_assert_nonnull (strstr (sp_bar_chart_get_summary (chart), "5.80"));
  g_assert_nonnull (strstr (sp_bar_chart_get_summary (chart), "22.80"));
  /* following the filter */
  sp_offers_page_set_search (page, "");
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_TOKENS);
  chart_wanted = 11; /* the chart follows after a short pause */
  sp_test_ui_iterate_until (chart_has_wanted, chart, 30000);
  g_assert_cmpuint (sp_bar_chart_get_n_entries (chart), ==, 11);
  /* the preferences re-price the page: $2.99 stays $2.99 in dollars, and
   * ¥5.80 at 7.2 yuan per dollar is $0.805556 */
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "H100 SXM");
  g_settings_set_string (sp_application_get_settings (app), "display-currency", "USD");
  sp_test_ui_iterate_for (300);
  sp_test_ui_iterate_until (chart_in_dollars, chart, 30000);
  g_assert_nonnull (strstr (sp_bar_chart_get_summary (chart), "$0.805556"));
  g_assert_nonnull (strstr (sp_bar_chart_get_summary (chart), "$3.166667")); /* ¥22.80 */
  g_assert_true (sp_offers_page_get_flags (page, internal)->flags & SP_OFFER_FLAG_SUSPICIOUS);
  g_settings_reset (sp_application_get_settings (app), "display-currency");
  sp_offers_page_set_search (page, "H100");
  sp_test_ui_iterate_for (200);
  gtk_window_set_default_size (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))), 1280, 860);
  sp_test_ui_shoot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "offers-chart");
  sp_test_ui_stop_app ();
}

static void
test_estimator (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  SpEstimatorWindow *estimator;
  const SpEstimateRow *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.estimate", NULL));
  estimator = sp_test_ui_find_toplevel (SP_TYPE_ESTIMATOR_WINDOW);
  g_assert_nonnull (estimator);

  /* 500 card-hours of H100 SXM: the reseller's ¥5.80 × 500 = ¥2,900.00 first
   * (flagged, not hidden), then Northstar spot ¥18.60 × 500 = ¥9,300.00 */
  sp_estimator_window_set_gpu_hours (estimator, "H100 SXM", 500);
  sp_test_pages_wait_estimator (estimator);
  g_assert_cmpuint (sp_estimator_window_get_n_results (estimator), ==, 6);
  row = sp_estimator_window_get_result (estimator, 0);
  g_assert_cmpstr (sp_offer_get_id (row->offer), ==, "demo-rs-h100-sxm-internal");
  g_assert_cmpint (row->monthly_cost, ==, G_GINT64_CONSTANT (2900) * SP_MONEY_SCALE);
  row = sp_estimator_window_get_result (estimator, 1);
  g_assert_cmpstr (sp_offer_get_id (row->offer), ==, "demo-ns-h100-sxm-8x-spot");
  g_assert_cmpint (row->monthly_cost, ==, G_GINT64_CONSTANT (9300) * SP_MONEY_SCALE);
  /* Global GPU: $2.99 × 7.2 × 500 = ¥10,764.00 (one rounding) */
  row = sp_estimator_window_get_result (estimator, 3);
  g_assert_cmpstr (sp_offer_get_id (row->offer), ==, "demo-gl-h100-sxm-8x");
  g_assert_cmpint (row->monthly_cost, ==, G_GINT64_CONSTANT (10764) * SP_MONEY_SCALE);
  sp_test_ui_shoot (GTK_WIDGET (estimator), "estimator");

  /* 30M input + 8M output tokens: Qwen-Turbo ¥0.50 in / ¥1 out:
   * 30 × 0.5 + 8 × 1 = ¥23.00 is the cheapest of the 11 */
  sp_estimator_window_set_tokens (estimator, 30, 8);
  sp_test_pages_wait_estimator (estimator);
  g_assert_cmpuint (sp_estimator_window_get_n_results (estimator), ==, 11);
  row = sp_estimator_window_get_result (estimator, 0);
  g_assert_cmpstr (sp_offer_get_id (row->offer), ==, "demo-mh-qwen-turbo");
  g_assert_cmpint (row->monthly_cost, ==, 23 * SP_MONEY_SCALE);
  sp_test_ui_stop_app ();
}

static void
test_main_window_shot (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));

  /* what a user sees after "H100, ≥80 GB", chart on, three offers picked */
  gtk_window_set_default_size (window, 1280, 860);
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "H100");
  sp_offers_page_sort_by (page, "price", FALSE);
  g_object_set (page, "show-chart", TRUE, NULL);
  gtk_selection_model_select_item (sp_offers_page_get_selection (page), 1, FALSE);
  gtk_selection_model_select_item (sp_offers_page_get_selection (page), 2, FALSE);
  gtk_selection_model_select_item (sp_offers_page_get_selection (page), 4, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (sp_offers_page_get_model (page)), ==, 9);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window)));
  sp_test_ui_shoot (GTK_WIDGET (window), "offers-compare");
  sp_test_ui_stop_app ();
}

/* The Hangzhou programme as shipped, but valid for a century, so the
 * figures below do not depend on the day the test runs. */
static const char hangzhou_any_year[] =
  "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{"
  "\"id\": \"hangzhou\", \"name\": {\"en\": \"Hangzhou compute vouchers\"},"
  "\"issuer\": {\"en\": \"Hangzhou Municipal Government\"}, \"currency\": \"CNY\","
  "\"valid_from\": \"2000-01-01\", \"valid_to\": \"2099-12-31\","
  "\"rates\": {\"domestic-compute\": \"30\", \"other-compute\": \"20\", \"model-service\": \"30\"},"
  "\"item_kinds\": [\"gpu\", \"npu\", \"tpu\", \"cpu\", \"tokens\"],"
  "\"cap_per_firm_year\": \"8000000.00\", \"vendors\": {\"accept_tagged\": true, \"ids\": []},"
  "\"prorate\": \"none\", \"rounding\": \"half-up\", \"payout\": \"at-purchase\","
  "\"stacking\": \"allowed\"}]}";

static SpOffer *
page_offer (SpOffersPage *page,
            const char   *id,
            guint        *position)
{
  GListModel *model = sp_offers_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);

      if (g_str_equal (sp_offer_get_id (offer), id))
        {
          if (position != NULL)
            *position = i;
          return offer; /* the page keeps it */
        }
    }
  return NULL;
}

static gboolean
wallet_read (gpointer page)
{
  return !sp_offers_page_is_reading_wallet (page);
}

static void
test_after_vouchers_and_buy (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpOffersPage *page = loaded_page (app);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpVoucher) government = NULL;
  g_autoptr(SpVoucher) discount = NULL;
  g_autoptr(GPtrArray) purchases = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *hz_vendor[] = { "demo-hangzhou-cloud", NULL };
  SpRedeemWindow *redeem;
  SpPurchaseRecord *record;
  SpLedgerEntry *entry = NULL;
  SpOffer *hz, *ns, *qwen;
  gboolean saves = TRUE;
  guint position = G_MAXUINT;
  gint64 id;

  /* an empty wallet: nothing to work out, the column says so */
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "H100 SXM");
  hz = page_offer (page, "demo-hz-h100-sxm-1x", NULL);
  g_assert_nonnull (hz);
  g_assert_cmpint (sp_offers_page_get_effective_price (page, hz, &saves), ==, 24500000);
  g_assert_false (saves);
  sp_test_ui_iterate_for (100);
  g_assert_true (shows_label (GTK_WIDGET (page), "—"));
  sp_test_ui_stop_app ();

  /* a Hangzhou government voucher and 10% off at Demo Hangzhou Cloud
   * (single use), stored before the page loads */
  store = sp_store_open (sp_application_get_store_path (app), &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_import_programmes (store, hangzhou_any_year, strlen (hangzhou_any_year),
                                             0, NULL, &error));
  g_assert_no_error (error);
  government = sp_voucher_new_government ("HZ-GOV", "hangzhou", 10000 * SP_MONEY_SCALE,
                                          10000 * SP_MONEY_SCALE);
  g_assert_true (sp_store_add_voucher (store, government, 0, &error));
  g_assert_no_error (error);
  discount = sp_voucher_new_discount_percent ("HZC-10", 1000);
  sp_voucher_set_vendors (discount, hz_vendor);
  sp_voucher_set_single_use (discount, TRUE);
  g_assert_true (sp_store_add_voucher (store, discount, 0, &error));
  g_assert_no_error (error);

  app = sp_test_ui_start_app (&the_app);
  page = loaded_page (app);
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "H100 SXM");
  hz = page_offer (page, "demo-hz-h100-sxm-1x", &position);
  ns = page_offer (page, "demo-ns-h100-sxm-8x-spot", NULL);
  g_assert_nonnull (hz);
  g_assert_nonnull (ns);
  /* one card-hour at ¥24.50: 10% off → ¥22.05; Hangzhou pays 20% (other
   * compute) of ¥22.05 = ¥4.41 at purchase → ¥17.64 */
  g_assert_cmpint (sp_offers_page_get_effective_price (page, hz, &saves), ==, 17640000);
  g_assert_true (saves);
  /* Northstar is neither tagged for Hangzhou nor the discount's vendor */
  g_assert_cmpint (sp_offers_page_get_effective_price (page, ns, &saves), ==, 18600000);
  g_assert_false (saves);
  sp_test_ui_iterate_for (100);
  g_assert_true (shows_label (GTK_WIDGET (page), "¥17.64 / card-hour"));
  /* the cell's tooltip names the vouchers and says it is for one unit */
  {
    g_autoptr(SpWallet) wallet = sp_store_load_wallet (store, 0, &error);
    g_autoptr(SpBreakdown) b = NULL;
    g_autofree char *tip = NULL;

    g_assert_no_error (error);
    b = sp_offer_propose_unit (wallet, hz, sp_application_get_price_context (app),
                               sp_date_today (), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sp_breakdown_get_net (b), ==, 17640000);
    tip = sp_effective_price_explain (b, hz);
    g_assert_nonnull (strstr (tip, "HZC-10"));
    g_assert_nonnull (strstr (tip, "HZ-GOV"));
    g_assert_nonnull (strstr (tip, "For one card-hour"));
  }
  /* sorted by it: the reseller's ¥5.80 (no voucher), Westlake reserved
   * ¥19.90 less Hangzhou's 20% = ¥15.92, Hangzhou 8× ¥22.80 − 10% = ¥20.52
   * less 20% (¥4.104: a unit price keeps six decimals, it is not rounded
   * to the fen like a bill) = ¥16.416, Hangzhou 1× ¥17.64, Northstar
   * ¥18.60, Global $2.99 = ¥21.528 (no voucher) */
  g_assert_true (sp_offers_page_sort_by (page, "effective", FALSE));
  {
    static const char * const order[] = {
      "demo-rs-h100-sxm-internal", "demo-wl-h100-sxm-8x-reserved", "demo-hz-h100-sxm-8x",
      "demo-hz-h100-sxm-1x", "demo-ns-h100-sxm-8x-spot", "demo-gl-h100-sxm-8x",
    };
    static const SpMoney values[] = { 5800000, 15920000, 16416000, 17640000, 18600000, 21528000 };
    GListModel *model = sp_offers_page_get_model (page);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (order));
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);

        g_assert_cmpstr (sp_offer_get_id (offer), ==, order[i]);
        g_assert_cmpint (sp_offers_page_get_effective_price (page, offer, NULL), ==, values[i]);
      }
  }
  sp_test_ui_shoot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "offers-after-vouchers");

  /* tokens: 1M at the 3:1 mix of Qwen-Max (¥2.40 in, ¥9.60 out) is
   * ¥4.20; 10% off → ¥3.78; Hangzhou pays 30% (model services) of ¥3.78 =
   * ¥1.134 (six decimals for a unit price) → ¥2.646 */
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_TOKENS);
  sp_offers_page_set_search (page, "");
  qwen = page_offer (page, "demo-hz-qwen-max", NULL);
  g_assert_nonnull (qwen);
  g_assert_cmpint (sp_offers_page_get_effective_price (page, qwen, &saves), ==, 2646000);
  g_assert_true (saves);

  /* buy 100 card-hours of the Hangzhou offer from the page */
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "H100 SXM");
  sp_offers_page_sort_by (page, "price", FALSE);
  g_assert_true (page_offer (page, "demo-hz-h100-sxm-1x", &position) == hz);
  g_assert_null (sp_test_ui_find_toplevel (SP_TYPE_REDEEM_WINDOW));
  gtk_selection_model_select_item (sp_offers_page_get_selection (page), position, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.buy", NULL));
  redeem = opened_toplevel (SP_TYPE_REDEEM_WINDOW);
  g_assert_nonnull (redeem);
  sp_redeem_window_set_quantity (redeem, "100");
  sp_test_ui_iterate_until (redeem_ready, redeem, 30000);
  /* ¥2450.00 list, ¥245.00 off, Hangzhou 20% of ¥2205.00 = ¥441.00 */
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "list"), ==, "¥2450.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "platform"), ==, "¥245.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "government-now"), ==, "¥441.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "net"), ==, "¥1764.00");
  id = sp_redeem_window_confirm (redeem, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* recorded, drawn, in the ledger */
  purchases = sp_store_list_purchases (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (purchases->len, ==, 1);
  record = g_ptr_array_index (purchases, 0);
  g_assert_cmpint (record->id, ==, id);
  g_assert_cmpstr (record->offer_id, ==, "demo-hz-h100-sxm-1x");
  g_assert_cmpint (record->list, ==, 2450 * SP_MONEY_SCALE);
  g_assert_cmpint (record->platform, ==, 245 * SP_MONEY_SCALE);
  g_assert_cmpint (record->government, ==, 441 * SP_MONEY_SCALE);
  g_clear_object (&government);
  government = sp_store_get_voucher (store, "HZ-GOV", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_voucher_get_balance (government), ==, 9559 * SP_MONEY_SCALE);
  g_clear_object (&discount);
  discount = sp_store_get_voucher (store, "HZC-10", &error);
  g_assert_no_error (error);
  g_assert_true (sp_voucher_get_used (discount));
  ledger = sp_ledger_open (sp_application_get_store_path (app), &error);
  g_assert_no_error (error);
  entries = sp_ledger_list (ledger, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (((SpLedgerEntry *) g_ptr_array_index (entries, i))->purchase_id == id)
      entry = g_ptr_array_index (entries, i);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->list_amount, ==, 2450 * SP_MONEY_SCALE);
  g_assert_cmpint (entry->platform_discount, ==, 245 * SP_MONEY_SCALE);
  g_assert_cmpint (entry->subsidy, ==, 441 * SP_MONEY_SCALE);
  g_assert_cmpint (entry->paid, ==, 1764 * SP_MONEY_SCALE);
  g_assert_cmpstr (entry->offer_id, ==, "demo-hz-h100-sxm-1x");

  /* the page reads the wallet again: the discount is used up, Hangzhou's
   * 20% of ¥24.50 = ¥4.90 is left → ¥19.60 */
  sp_test_ui_iterate_until (wallet_read, page, 30000);
  g_assert_false (sp_offers_page_is_reading_wallet (page));
  g_assert_cmpint (sp_offers_page_get_effective_price (page, hz, &saves), ==, 19600000);
  g_assert_true (saves);
  sp_test_ui_iterate_for (100);
  g_assert_true (shows_label (GTK_WIDGET (page), "¥19.60 / card-hour"));
  sp_test_ui_stop_app ();
}

/* issue 13: llm-prices-cn's retired model is hidden until asked for; the
 * price label carries its source and the CC-BY credit (row tooltip, side by
 * side) */
static void
test_price_source_and_retired (void)
{
  g_autofree char *path = sp_test_catalog ("llm_prices_cn/prices.2026-08-01.json");
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  SpApplication *app;
  SpOffersPage *page;
  GListModel *model;
  SpCompareWindow *compare;
  guint changed;

  if (path == NULL)
    return;
  app = sp_test_ui_start_app (&the_app);
  sp_test_ui_stop_app ();
  result = sp_import_parse_file (path, SP_FEED_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  store = sp_store_open (sp_application_get_store_path (app), &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, result, 1000, &changed, &error));
  g_assert_no_error (error);

  app = sp_test_ui_start_app (&the_app);
  page = loaded_page (app);
  model = sp_offers_page_get_model (page);
  sp_offers_page_set_search (page, "deepseek-v3-2-legacy");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_object_set (page, "show-retired", TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_object_set (page, "show-retired", FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  sp_offers_page_set_search (page, "qwen3-5-flash");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(SpOffer) offer = g_list_model_get_item (model, 0);

    /* the model's items hold the engine table's fields: the details come
     * from the offer read back whole */
    full_page = page;
    full_wanted = offer;
    sp_test_ui_iterate_until (full_offer_read, NULL, 30000);
    details = sp_format_offer_details (sp_offers_page_peek_full_offer (page, offer));
  }
  g_assert_nonnull (strstr (details, "https://help.aliyun.com/zh/model-studio/model-pricing"));
  g_assert_nonnull (strstr (details, "2026-08-01"));
  g_assert_nonnull (strstr (details, "Pricing data provided by LLM Abacus"));
  g_assert_nonnull (strstr (details, "¥1.20"));

  /* side by side: the source row, different for two vendors */
  sp_offers_page_set_search (page, "flash");
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  gtk_selection_model_select_item (sp_offers_page_get_selection (page), 0, FALSE);
  gtk_selection_model_select_item (sp_offers_page_get_selection (page), 1, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.compare", NULL));
  compare = opened_toplevel (SP_TYPE_COMPARE_WINDOW);
  g_assert_nonnull (compare);
  g_assert_true (sp_compare_window_row_differs (compare, "source"));
  sp_test_ui_stop_app ();

  g_assert_true (sp_store_remove_source (store, "llm-prices-cn", &error));
  g_assert_no_error (error);
}

/* Unit prices after vouchers keep six decimals and sort by the exact
 * value; a prepaid pack is how a purchase is paid, never a saving
 * (issue 14).  tests/data/feeds/money-feed.json: Cheap Model $0.015 in /
 * $0.042 out per 1M tokens → ¥0.1566 blended 3:1 at 7.2; Yuan Model ¥0.1 /
 * ¥0.132 → ¥0.108; a T4 at $0.0925 → ¥0.666 per card-hour. */
static void
test_after_vouchers_precision_and_prepaid (void)
{
  SpApplication *app;
  SpOffersPage *page;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpImportResult) parsed = NULL;
  g_autoptr(SpVoucher) half = NULL;
  g_autoptr(SpVoucher) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *feed = sp_test_source_path ("tests/data/feeds/money-feed.json");
  const char *vendors[] = { "cheap-cloud", "yuan-models", NULL };
  SpOffer *cheap, *yuan, *t4;
  SpRedeemWindow *redeem;
  gboolean saves = FALSE;
  guint position = G_MAXUINT;

  sp_test_ui_stop_app ();
  app = sp_test_ui_start_app (&the_app);
  store = sp_store_open (sp_application_get_store_path (app), &error);
  g_assert_no_error (error);
  parsed = sp_import_parse_file (feed, SP_FEED_FORMAT_SUANPAN, "money", &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, parsed, 1767225600, NULL, &error));
  g_assert_no_error (error);
  /* 50% off at both vendors, and a ¥300 prepaid balance at Cheap Cloud */
  half = sp_voucher_new_discount_percent ("HALF", 5000);
  sp_voucher_set_vendors (half, vendors);
  g_assert_true (sp_store_add_voucher (store, half, 0, &error));
  g_assert_no_error (error);
  pack = sp_voucher_new_prepaid ("PACK-300", "cheap-cloud", NULL, 300 * SP_MONEY_SCALE);
  g_assert_true (sp_store_add_voucher (store, pack, 0, &error));
  g_assert_no_error (error);
  sp_test_ui_stop_app ();

  app = sp_test_ui_start_app (&the_app);
  page = loaded_page (app);
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_TOKENS);
  sp_offers_page_set_search (page, "Model");
  cheap = page_offer (page, "cheap-model", NULL);
  yuan = page_offer (page, "yuan-model", NULL);
  g_assert_nonnull (cheap);
  g_assert_nonnull (yuan);
  /* half of ¥0.1566 and of ¥0.108, to the micro-unit (were ¥0.08 and
   * ¥0.05 rounded like bills); the pack takes nothing off */
  g_assert_cmpint (sp_offers_page_get_effective_price (page, cheap, &saves), ==, 78300);
  g_assert_true (saves);
  g_assert_cmpint (sp_offers_page_get_effective_price (page, yuan, &saves), ==, 54000);
  g_assert_true (saves);
  sp_test_ui_iterate_for (100);
  g_assert_true (shows_label (GTK_WIDGET (page), "¥0.0783 / 1M tokens (blended)"));
  g_assert_true (shows_label (GTK_WIDGET (page), "¥0.054 / 1M tokens (blended)"));
  g_assert_true (sp_offers_page_sort_by (page, "effective", FALSE));
  g_assert_true (page_offer (page, "yuan-model", &position) == yuan);
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (page_offer (page, "cheap-model", &position) == cheap);
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (sp_offers_page_sort_by (page, "effective", TRUE));
  {
    guint p_cheap = G_MAXUINT, p_yuan = G_MAXUINT;

    g_assert_true (page_offer (page, "cheap-model", &p_cheap) == cheap);
    g_assert_true (page_offer (page, "yuan-model", &p_yuan) == yuan);
    g_assert_cmpuint (p_cheap, <, p_yuan);
  }

  /* the T4: half of ¥0.666; the ¥300 pack does not make it look free */
  sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
  sp_offers_page_set_search (page, "T4, spot");
  t4 = page_offer (page, "cheap-t4", &position);
  g_assert_nonnull (t4);
  g_assert_cmpint (sp_offers_page_get_effective_price (page, t4, &saves), ==, 333000);

  /* buying 100 card-hours: list ¥66.60, 50% off ¥33.30; it costs ¥33.30,
   * paid from the pack, ¥0.00 in cash now (the window used to show only
   * the cash) */
  gtk_selection_model_select_item (sp_offers_page_get_selection (page), position, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.buy", NULL));
  redeem = opened_toplevel (SP_TYPE_REDEEM_WINDOW);
  g_assert_nonnull (redeem);
  sp_redeem_window_set_quantity (redeem, "100");
  sp_test_ui_iterate_until (redeem_ready, redeem, 30000);
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "list"), ==, "¥66.60");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "platform"), ==, "¥33.30");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "cost"), ==, "¥33.30");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "prepaid"), ==, "¥33.30");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "cash"), ==, "¥0.00");
  sp_test_ui_shoot (GTK_WIDGET (redeem), "redeem-cost-and-prepaid");
  /* one card-hour: ¥0.67, the exact ¥0.666 rounded once (was ¥0.65:
   * $0.0925 rounded to $0.09 first) */
  sp_redeem_window_set_quantity (redeem, "1");
  g_assert_cmpstr (sp_redeem_window_get_figure (redeem, "list"), ==, "¥0.67");
  sp_test_ui_stop_app ();
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n_changes)
{
  (*n_changes)++;
}

/* SpOfferRows's reserve (the page makes GTK's rows while the catalog
 * loads): empty positions until the source changes, then the source's
 * length; the rows at the positions that stay are the same objects. */
static void
test_rows_reserve (void)
{
  g_autoptr(GListStore) store = g_list_store_new (SP_TYPE_OFFER);
  g_autoptr(SpOfferRows) rows = sp_offer_rows_new (G_LIST_MODEL (store));
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) again = NULL;
  guint n_changes = 0;

  g_signal_connect (rows, "items-changed", G_CALLBACK (count_changes), &n_changes);
  sp_offer_rows_reserve (rows, 256);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 256);
  g_assert_cmpuint (n_changes, ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 3);
  g_assert_nonnull (first);
  /* no more than asked for: a smaller reserve changes nothing */
  sp_offer_rows_reserve (rows, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 256);
  g_assert_cmpuint (n_changes, ==, 1);
  /* the offers arrive (at once, as SpOfferList sets its rows): the
   * source's length, the kept rows in place */
  {
    g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 5; i++)
      g_ptr_array_add (offers, sp_offer_new ());
    g_list_store_splice (store, 0, 0, offers->pdata, offers->len);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 5);
  again = g_list_model_get_item (G_LIST_MODEL (rows), 3);
  g_assert_true (again == first);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 5));
  /* dropping a reserve that is already gone changes nothing */
  n_changes = 0;
  sp_offer_rows_reserve (rows, 0);
  g_assert_cmpuint (n_changes, ==, 0);
  /* with nothing loaded (an error, an empty catalog), 0 drops it */
  g_list_store_remove_all (store);
  sp_offer_rows_reserve (rows, 256);
  sp_offer_rows_reserve (rows, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
}

/* The window puts the view switcher bar (narrow windows) in after its first
 * frame, with the Offers page: it switches the window's pages and shows
 * when the header bar's switcher gives way to the title. */
static void
test_window_switcher_bar (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpWindow *window = SP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  AdwViewStack *stack = sp_window_get_stack (window);
  GtkWidget *bar = sp_test_pages_find_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  GtkWidget *title = sp_test_pages_find_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);

  g_assert_nonnull (bar);
  g_assert_nonnull (title);
  g_assert_true (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar)) == stack);
  g_assert_cmpint (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)), ==,
                   adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)));
  /* only one, whatever asked for the pages first */
  sp_window_get_stack (window);
  g_assert_true (gtk_widget_get_next_sibling (bar) == NULL);
  g_assert_false (ADW_IS_VIEW_SWITCHER_BAR (gtk_widget_get_prev_sibling (bar)));
}

static gboolean
offers_page_in (gpointer stack)
{
  return SP_IS_OFFERS_PAGE (adw_view_stack_get_child_by_name (stack, "offers"));
}

/* The window's first frame comes before the catalog's read: the Offers page
 * is made and starts loading once that frame is painted (or when something
 * asks for the pages first); a window closed before it reads nothing. */
static void
test_window_first_frame (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpWindow *window = sp_window_new (app);
  SpWindow *unseen = sp_window_new (app);
  AdwViewStack *stack = ADW_VIEW_STACK (sp_test_pages_find_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  SpOffersPage *page;

  /* made, not shown: an empty placeholder, no page, no read */
  g_assert_nonnull (stack);
  g_assert_false (offers_page_in (stack));
  sp_test_ui_iterate_for (50);
  g_assert_false (offers_page_in (stack));
  g_assert_false (sp_window_has_offers_page (window));
  g_assert_false (sp_window_has_offers_page (unseen));
  gtk_window_destroy (GTK_WINDOW (unseen));

  /* shown: the page comes in right after the first frame and loads */
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_iterate_until (offers_page_in, stack, 10000);
  g_assert_true (offers_page_in (stack));
  g_assert_true (sp_window_has_offers_page (window));
  page = SP_OFFERS_PAGE (adw_view_stack_get_child_by_name (stack, "offers"));
  sp_test_ui_iterate_until (page_loaded, page, 30000);
  g_assert_cmpstr (sp_offers_page_get_state (page), ==, "offers");
  g_assert_cmpuint (sp_offers_page_get_n_offers (page), ==, demo->len);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpImportResult) parsed = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;
  int ret;

  data_dir = sp_test_ui_setup ();

  bytes = sp_core_dup_demo_feed ();
  data = g_bytes_get_data (bytes, &len);
  parsed = sp_import_parse (data, len, SP_FEED_FORMAT_SUANPAN, SP_DEMO_SOURCE, NULL, &error);
  g_assert_no_error (error);
  demo = g_ptr_array_ref (sp_import_result_get_offers (parsed));
  (void) demo_offer;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/offers/filter-and-search", test_filter_and_search);
  g_test_add_func ("/ui/offers/rows-reserve", test_rows_reserve);
  g_test_add_func ("/ui/offers/window-switcher-bar", test_window_switcher_bar);
  g_test_add_func ("/ui/offers/window-first-frame", test_window_first_frame);
  g_test_add_func ("/ui/offers/sort-remembered", test_sort_remembered);
  g_test_add_func ("/ui/offers/same-order-as-engine", test_same_order_as_engine);
  g_test_add_func ("/ui/offers/name-sort-and-scrolling", test_name_sort_and_scrolling);
  g_test_add_func ("/ui/offers/group-view", test_group_view);
  g_test_add_func ("/ui/offers/compare-three", test_compare_three);
  g_test_add_func ("/ui/offers/chart-and-suspicious", test_chart_and_suspicious);
  g_test_add_func ("/ui/offers/estimator", test_estimator);
  g_test_add_func ("/ui/offers/main-window-shot", test_main_window_shot);
  g_test_add_func ("/ui/offers/after-vouchers-and-buy", test_after_vouchers_and_buy);
  g_test_add_func ("/ui/offers/price-source-and-retired", test_price_source_and_retired);
  g_test_add_func ("/ui/offers/after-vouchers-precision-and-prepaid",
                   test_after_vouchers_precision_and_prepaid);
  ret = g_test_run ();
  g_clear_object (&the_app);
  g_clear_pointer (&demo, g_ptr_array_unref);
  sp_test_dir_free (data_dir);
  return ret;
}
