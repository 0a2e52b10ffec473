/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui.c — the real main window under a display (Xvfb in CI): pages,
 * translations, actions, preferences, remembered size, the demo catalog. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-offers-page-private.h"
#include "sp-preferences-window.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-vendors.h"
#include "sp-window.h"

static SpTestDir *data_dir;
static SpApplication *the_app;

static SpOffersPage *
find_offers_page (SpWindow *window)
{
  AdwViewStack *stack = sp_window_get_stack (window);
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, "offers");

  g_assert_true (SP_IS_OFFERS_PAGE (child));
  return SP_OFFERS_PAGE (child);
}

static void
stop_app (SpApplication *app)
{
  sp_test_ui_close_app_windows (app);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* also close dialogs that are not attached to the application */
  sp_test_ui_stop_app ();
}

static void
test_window_and_pages (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  AdwViewStack *stack;
  static const char *names[] = { "offers", "vouchers", "spending", "sources" };
  static const char *titles_en[] = { "Offers", "Vouchers", "Spending", "Sources" };
  static const char *titles_zh[] = { "比价", "算力券", "支出", "供应商" };

  g_assert_true (SP_IS_WINDOW (window));
  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  /* the main window's title is the app's name, translated */
  g_assert_cmpstr (gtk_window_get_title (window), ==, sp_vendor_ui_is_chinese () ? "算盘" : "Suanpan");

  stack = sp_window_get_stack (SP_WINDOW (window));
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, names[i]);
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      page = adw_view_stack_get_page (stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==,
                       sp_vendor_ui_is_chinese () ? titles_zh[i] : titles_en[i]);
      /* every area is a real page with its own tests: test-ui-offers.c,
       * test-ui-vouchers.c, test-ui-spending.c, test-ui-sources.c */
      g_assert_true (gtk_widget_get_visible (child));
    }
  stop_app (app);
}

static void
test_demo_catalog_shown (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpWindow *window = SP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  SpOffersPage *page = find_offers_page (window);
  GListModel *model;

  sp_test_pages_wait_offers (page);
  model = sp_offers_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 24);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);
      g_assert_true (sp_offer_get_demo (offer));
    }
  stop_app (app);
}

static gboolean
has_toplevel_of_type (gpointer type_ptr)
{
  GType type = GPOINTER_TO_SIZE (type_ptr);
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
}

static void
test_actions_and_accels (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_auto(GStrv) quit = NULL;
  g_auto(GStrv) prefs = NULL;
  g_auto(GStrv) close = NULL;
  g_auto(GStrv) help = NULL;

  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  prefs = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  close = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "window.close");
  help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (prefs[0], ==, "<Control>comma");
  g_assert_cmpstr (close[0], ==, "<Control>w");
  g_assert_nonnull (help[0]); /* Ctrl+? from the help overlay */

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  sp_test_ui_iterate_until (has_toplevel_of_type, GSIZE_TO_POINTER (SP_TYPE_PREFERENCES_WINDOW), 30000);
  g_assert_true (has_toplevel_of_type (GSIZE_TO_POINTER (SP_TYPE_PREFERENCES_WINDOW)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  sp_test_ui_iterate_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 30000);
  g_assert_true (has_toplevel_of_type (GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  sp_test_ui_iterate_until (has_toplevel_of_type, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 30000);
  g_assert_true (has_toplevel_of_type (GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW)));
  stop_app (app);
}

static void
test_window_size_remembered (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GSettings *settings = sp_application_get_settings (app);
  int w, h;

  gtk_window_set_default_size (window, 1001, 703);
  gtk_window_close (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1001);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 703);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* a new window comes back at that size */
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_get_default_size (window, &w, &h);
  g_assert_cmpint (w, ==, 1001);
  g_assert_cmpint (h, ==, 703);
  stop_app (app);
}

static void
test_preferences_change_prices (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  GSettings *settings = sp_application_get_settings (app);
  SpPriceContext *ctx = sp_application_get_price_context (app);

  g_settings_set_string (settings, "display-currency", "USD");
  g_assert_cmpstr (sp_price_context_get_currency (ctx), ==, "USD");
  g_settings_set_string (settings, "usd-cny-rate", "7.1234");
  g_assert_cmpint (sp_price_context_get_usd_cny (ctx), ==, 7123400);
  g_settings_set_uint (settings, "token-mix-input", 1);
  g_settings_set_uint (settings, "token-mix-output", 1);
  {
    guint in, out;
    sp_price_context_get_mix (ctx, &in, &out);
    g_assert_cmpuint (in, ==, 1);
    g_assert_cmpuint (out, ==, 1);
  }
  g_settings_reset (settings, "display-currency");
  g_settings_reset (settings, "usd-cny-rate");
  g_settings_reset (settings, "token-mix-input");
  g_settings_reset (settings, "token-mix-output");
  g_assert_cmpstr (sp_price_context_get_currency (ctx), ==, "CNY");
  stop_app (app);
}

int
main (int argc, char **argv)
{
  data_dir = sp_test_ui_setup ();

  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/window-and-pages", test_window_and_pages);
  g_test_add_func ("/ui/demo-catalog-shown", test_demo_catalog_shown);
  g_test_add_func ("/ui/actions-and-accels", test_actions_and_accels);
  g_test_add_func ("/ui/window-size-remembered", test_window_size_remembered);
  g_test_add_func ("/ui/preferences-change-prices", test_preferences_change_prices);
  return sp_test_ui_run (&the_app, data_dir);
}
