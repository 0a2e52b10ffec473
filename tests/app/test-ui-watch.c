/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-watch.c — the watchlist in the app (issue 13 item 9): the star on
 * the Offers page, the toast after an import that changed a watched price,
 * and the Price Changes window, under a display (Xvfb in CI). */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-offer-row.h"
#include "sp-offers-page-private.h"
#include "sp-price-changes-window.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-watch-button.h"
#include "sp-window.h"

static SpTestDir *data_dir;
static SpApplication *the_app;

static const char SNAP[] =
  "{ \"suanpan_feed\": \"1.0\","
  "  \"vendor\": { \"id\": \"acme\", \"name\": { \"en\": \"Acme\" } },"
  "  \"generated_at\": \"%sT00:00:00Z\","
  "  \"offers\": ["
  "    { \"id\": \"g1\", \"kind\": \"gpu\", \"name\": \"Watched H100 box\","
  "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"%s\" } },"
  "    { \"id\": \"g2\", \"kind\": \"gpu\", \"name\": \"Other H100 box\","
  "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"%s\" } }"
  "  ] }";

static void
import_snapshot (const char *date,
                 const char *g1,
                 const char *g2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (sp_application_get_store_path (the_app), &error);
  g_autofree char *feed = g_strdup_printf (SNAP, date, g1, g2);
  g_autoptr(SpImportResult) result = NULL;

  g_assert_no_error (error);
  result = sp_import_parse (feed, strlen (feed), SP_FEED_FORMAT_SUANPAN, "acme", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC,
                                          NULL, &error));
  g_assert_no_error (error);
}

static gboolean
button_idle (gpointer data)
{
  return !sp_watch_button_is_busy (data);
}

static gboolean
window_filled (gpointer data)
{
  return sp_price_changes_window_get_n_changes (data) > 0;
}

static gpointer
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      gpointer found = find_child (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static SpOffersPage *
reload_page (SpWindow *window)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (sp_window_get_stack (window), "offers");
  SpOffersPage *page = SP_OFFERS_PAGE (child);

  sp_offers_page_load (page, the_app);
  sp_test_pages_wait_offers (page);
  return page;
}

static void
select_offer (SpOffersPage *page,
              const char   *id)
{
  GtkSelectionModel *model = sp_offers_page_get_selection (page);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(SpOffer) offer = SP_IS_OFFER_ROW (item) ? sp_offer_row_dup_offer (SP_OFFER_ROW (item))
                                 : SP_IS_OFFER (item) ? g_object_ref (SP_OFFER (item)) : NULL;

      if (offer != NULL && g_strcmp0 (sp_offer_get_id (offer), id) == 0)
        {
          gtk_selection_model_select_item (model, i, TRUE);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_star_toast_and_changes (void)
{
  SpWindow *window = sp_test_ui_get_window (&the_app, data_dir->path);
  SpOffersPage *page;
  SpWatchButton *button;
  GtkMenuButton *menu_button;
  SpPriceChangesWindow *changes;
  const char *toast;

  import_snapshot ("2026-07-03", "10.00", "20.00");
  page = reload_page (window);
  button = find_child (GTK_WIDGET (page), SP_TYPE_WATCH_BUTTON);
  g_assert_nonnull (button);
  menu_button = find_child (GTK_WIDGET (button), GTK_TYPE_MENU_BUTTON);
  sp_test_ui_iterate_until (button_idle, button, 10000);

  /* star g1: the star fills, a toast says so, the store has it */
  select_offer (page, "g1");
  g_assert_cmpstr (gtk_menu_button_get_icon_name (menu_button), ==, "non-starred-symbolic");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.watch", NULL));
  sp_test_ui_iterate_until (button_idle, button, 10000);
  g_assert_cmpuint (sp_watch_button_get_watches (button)->len, ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (menu_button), ==, "starred-symbolic");
  g_assert_nonnull (strstr (sp_watch_button_get_last_toast (button), "Watching 1 offer"));

  /* a newer snapshot: g1 dropped, g2 (not watched) rose */
  import_snapshot ("2026-08-01", "8.00", "25.00");
  page = reload_page (window);
  sp_test_ui_iterate_until (button_idle, button, 10000);
  toast = sp_watch_button_get_last_toast (button);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "Watched H100 box"));
  g_assert_nonnull (strstr (toast, "Dropped ¥10.00 → ¥8.00"));
  g_assert_nonnull (strstr (toast, "-20.00 %"));
  g_assert_null (strstr (toast, "Other"));

  /* the price changes list: the one watched change */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.price-changes", NULL));
  changes = sp_test_ui_find_toplevel (SP_TYPE_PRICE_CHANGES_WINDOW);
  g_assert_nonnull (changes);
  sp_test_ui_iterate_until (window_filled, changes, 10000);
  g_assert_cmpuint (sp_price_changes_window_get_n_changes (changes), ==, 1);
  sp_test_ui_shoot (GTK_WIDGET (changes), "price-changes");
  gtk_window_destroy (GTK_WINDOW (changes));

  /* unstar: the star empties */
  select_offer (page, "g1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.watch", NULL));
  sp_test_ui_iterate_until (button_idle, button, 10000);
  g_assert_cmpuint (sp_watch_button_get_watches (button)->len, ==, 0);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (menu_button), ==, "non-starred-symbolic");
}

/* A new star, as at the app's next start (it reads the store for the
 * first time): the toast it showed, or NULL. */
static char *
toast_at_next_start (GSettings *settings)
{
  SpWatchButton *started = g_object_ref_sink (g_object_new (SP_TYPE_WATCH_BUTTON, NULL));
  char *toast;

  sp_watch_button_set_settings (started, settings);
  sp_watch_button_reload (started, sp_application_get_store_service (the_app));
  sp_test_ui_iterate_until (button_idle, started, 10000);
  toast = g_strdup (sp_watch_button_get_last_toast (started));
  g_object_unref (started);
  return toast;
}

/* Changes made while the app was closed (a command-line import) are
 * toasted at the next start, once; nothing at the very first start. */
static void
test_changes_while_closed (void)
{
  SpWindow *window = sp_test_ui_get_window (&the_app, data_dir->path);
  GSettings *settings = sp_application_get_settings (the_app);
  SpOffersPage *page = reload_page (window);
  SpWatchButton *button = find_child (GTK_WIDGET (page), SP_TYPE_WATCH_BUTTON);
  char *toast;

  sp_test_ui_iterate_until (button_idle, button, 10000);
  select_offer (page, "g1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offers.watch", NULL));
  sp_test_ui_iterate_until (button_idle, button, 10000);
  g_assert_cmpuint (sp_watch_button_get_watches (button)->len, ==, 1);
  page = reload_page (window);
  sp_test_ui_iterate_until (button_idle, button, 10000);
  /* what the app showed is remembered */
  {
    g_auto(GStrv) seen = g_settings_get_strv (settings, "price-changes-seen");

    g_assert_cmpuint (g_strv_length (seen), ==, 1);
    g_assert_true (g_str_has_prefix (seen[0], "acme\tg1\t"));
  }

  /* the app is closed; a dated snapshot is imported (as by the CLI): g1
   * 8.00 → 7.00, recorded at 2026-09-01, long before "now" */
  import_snapshot ("2026-09-01", "7.00", "25.00");

  /* the next start (a new button reads the store for the first time) */
  toast = toast_at_next_start (settings);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "Watched H100 box"));
  g_assert_nonnull (strstr (toast, "Dropped ¥8.00 → ¥7.00"));
  g_clear_pointer (&toast, g_free);
  /* and the start after that: nothing new */
  toast = toast_at_next_start (settings);
  g_assert_null (toast);
  /* the very first start: what is there is not news */
  g_settings_reset (settings, "price-changes-seen");
  toast = toast_at_next_start (settings);
  g_assert_null (toast);
  {
    g_auto(GStrv) seen = g_settings_get_strv (settings, "price-changes-seen");

    g_assert_cmpuint (g_strv_length (seen), ==, 2);
  }
}

int
main (int argc, char **argv)
{
  data_dir = sp_test_ui_setup ();
  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/watch/star-toast-and-changes", test_star_toast_and_changes);
  g_test_add_func ("/ui/watch/changes-while-closed", test_changes_while_closed);
  return sp_test_ui_run (&the_app, data_dir);
}
