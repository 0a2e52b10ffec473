/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-sources.c — the Sources page in the real main window (Xvfb in CI):
 * empty state, adding a file:// feed through the dialog's Save, refreshing
 * with win.refresh, the Offers page reloading, a malformed feed keeping the
 * last good offers, the stale badge, and removing with and without Undo. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-application.h"
#include "sp-offers-page-private.h"
#include "sp-source-dialog.h"
#include "sp-sources-page.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-vouchers-page-private.h"
#include "sp-window.h"

#define FEED_SOURCE "acme-test"
#define PROGRAMME_SOURCE "programmes-test"

/* Three offers: one GPU, one CPU, one token model. */
static const char feed_json[] =
  "{\n"
  "  \"suanpan_feed\": \"1.0\",\n"
  "  \"vendor\": { \"id\": \"acme-test\", \"name\": { \"en\": \"Acme Test\" } },\n"
  "  \"generated_at\": \"2026-03-01T08:00:00+08:00\",\n"
  "  \"offers\": [\n"
  "    { \"id\": \"h100\", \"kind\": \"gpu\", \"name\": \"1 x H100\",\n"
  "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"billing\": \"on-demand\" },\n"
  "      \"price\": { \"currency\": \"CNY\", \"per_unit\": \"21.50\" } },\n"
  "    { \"id\": \"c8\", \"kind\": \"cpu\", \"name\": \"8 vCPU\",\n"
  "      \"spec\": { \"vcpus\": 8, \"billing\": \"on-demand\" },\n"
  "      \"price\": { \"currency\": \"CNY\", \"per_unit\": \"0.12\" } },\n"
  "    { \"id\": \"chat\", \"kind\": \"tokens\", \"name\": \"Acme Chat\", \"model\": \"acme-chat\",\n"
  "      \"price\": { \"currency\": \"CNY\", \"input\": \"0.8\", \"output\": \"2\" } }\n"
  "  ]\n"
  "}\n";

static SpTestDir *data_dir;
static SpApplication *the_app;
static char *feed_path;
static char *feed_url;

/* ------------------------------------------------------------ helpers */

static SpWindow *
get_window (void)
{
  return sp_test_ui_get_window (&the_app, data_dir->path);
}

static SpSourcesPage *
get_sources_page (void)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (sp_window_get_stack (get_window ()),
                                                       "sources");

  g_assert_true (SP_IS_SOURCES_PAGE (child));
  return SP_SOURCES_PAGE (child);
}

static SpOffersPage *
get_offers_page (void)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (sp_window_get_stack (get_window ()),
                                                       "offers");

  g_assert_true (SP_IS_OFFERS_PAGE (child));
  return SP_OFFERS_PAGE (child);
}

static guint
count_offers_of (const char *source)
{
  GListModel *model = sp_offers_page_get_model (get_offers_page ());
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);

      if (g_strcmp0 (sp_offer_get_source (offer), source) == 0)
        n++;
    }
  return n;
}

static gboolean
model_has (GListModel *model,
           const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpSource) source = g_list_model_get_item (model, i);

      if (g_strcmp0 (sp_source_get_name (source), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The store as another reader sees it (a second connection). */
static gboolean
store_has_source (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (sp_application_get_store_path (the_app), &error);
  g_autoptr(SpSource) source = NULL;

  g_assert_no_error (error);
  source = sp_store_get_source (store, name, &error);
  if (source == NULL)
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  return source != NULL;
}

static SpSourceDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (SP_IS_SOURCE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return SP_SOURCE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static void
refresh_and_wait (void)
{
  SpSourcesPage *page = get_sources_page ();

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (get_window ()), "refresh"));
  g_action_group_activate_action (G_ACTION_GROUP (get_window ()), "refresh", NULL);
  g_assert_true (sp_sources_page_get_refreshing (page));
  sp_test_ui_iterate_until (sp_test_pages_sources_not_refreshing, page, 20000);
  g_assert_false (sp_sources_page_get_refreshing (page));
  /* the Offers page reloads after a refresh that stored offers */
  sp_test_ui_iterate_for (50);
  sp_test_ui_iterate_until (sp_test_pages_offers_loaded, get_offers_page (), 30000);
}

/* -------------------------------------------------------------- tests */

static void
test_page_and_empty_state (void)
{
  SpSourcesPage *page = get_sources_page ();
  g_auto(GStrv) accels = NULL;

  sp_test_ui_iterate_until (sp_test_pages_offers_loaded, get_offers_page (), 30000);
  sp_test_ui_iterate_until (sp_test_pages_sources_listed, page, 30000);
  /* the demo catalog is not a vendor source: the page is empty */
  g_assert_cmpuint (g_list_model_get_n_items (sp_sources_page_get_model (page)), ==, 0);
  g_assert_cmpstr (sp_sources_page_get_state (page), ==, "empty");

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app), "win.refresh");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>r");

  /* refreshing with no sources does not start anything */
  g_action_group_activate_action (G_ACTION_GROUP (get_window ()), "refresh", NULL);
  g_assert_false (sp_sources_page_get_refreshing (page));
  g_assert_cmpstr (sp_sources_page_get_summary (page), ==, _("No enabled sources to refresh"));
}

static void
test_dialog_validates (void)
{
  SpSourcesPage *page = get_sources_page ();
  SpSourceDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "sources.add", NULL);
  sp_test_ui_iterate_until (dialog_shown, NULL, 30000);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (sp_source_dialog_is_valid (dialog));   /* empty */

  /* plain http to another computer is refused, loopback is fine */
  sp_source_dialog_set_fields (dialog, "acme", "http://example.com/feed.json", SP_FEED_FORMAT_AUTO);
  g_assert_false (sp_source_dialog_is_valid (dialog));
  sp_source_dialog_set_fields (dialog, NULL, "http://127.0.0.1:8080/feed.json", SP_FEED_FORMAT_AUTO);
  g_assert_true (sp_source_dialog_is_valid (dialog));
  sp_source_dialog_set_fields (dialog, NULL, "not a url", SP_FEED_FORMAT_AUTO);
  g_assert_false (sp_source_dialog_is_valid (dialog));
  sp_source_dialog_set_fields (dialog, NULL, "https://acme.example/feed.json", SP_FEED_FORMAT_SUANPAN);
  g_assert_true (sp_source_dialog_is_valid (dialog));
  g_assert_cmpint (sp_source_dialog_get_format (dialog), ==, SP_FEED_FORMAT_SUANPAN);

  /* Cancel (window.close, also Escape) adds nothing */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  sp_test_ui_iterate_until (dialog_gone, NULL, 30000);
  g_assert_null (find_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (sp_sources_page_get_model (page)), ==, 0);
  g_assert_cmpstr (sp_sources_page_get_state (page), ==, "empty");
}

static void
test_add_and_refresh (void)
{
  SpSourcesPage *page = get_sources_page ();
  g_autoptr(GError) error = NULL;
  SpSourceDialog *dialog;
  SpSourceRow *row;

  g_file_set_contents (feed_path, feed_json, -1, &error);
  g_assert_no_error (error);

  /* add through the dialog's Save */
  gtk_widget_activate_action (GTK_WIDGET (page), "sources.add", NULL);
  sp_test_ui_iterate_until (dialog_shown, NULL, 30000);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  sp_source_dialog_set_fields (dialog, FEED_SOURCE, feed_url, SP_FEED_FORMAT_SUANPAN);
  g_assert_true (sp_source_dialog_is_valid (dialog));
  g_signal_emit_by_name (dialog, "save");
  sp_test_ui_iterate_until (dialog_gone, NULL, 30000);
  g_assert_null (find_dialog ());

  g_assert_cmpstr (sp_sources_page_get_state (page), ==, "list");
  g_assert_true (model_has (sp_sources_page_get_model (page), FEED_SOURCE));
  sp_sources_page_wait (page);   /* saved through the store service */
  g_assert_true (store_has_source (FEED_SOURCE));
  row = sp_sources_page_get_row (page, FEED_SOURCE);
  g_assert_nonnull (row);
  g_assert_cmpstr (sp_source_row_get_age_text (row), ==, _("Never refreshed"));
  g_assert_cmpuint (count_offers_of (FEED_SOURCE), ==, 0);

  /* adding the same name again is refused with a plain message */
  g_assert_false (sp_sources_page_save_source (page, NULL, FEED_SOURCE, feed_url,
                                               SP_FEED_FORMAT_AUTO, SP_REFRESH_MANUAL,
                                               NULL, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  refresh_and_wait ();
  row = sp_sources_page_get_row (page, FEED_SOURCE);
  g_assert_nonnull (row);
  g_assert_null (sp_source_row_get_error_text (row));
  g_assert_cmpstr (sp_source_row_get_count_text (row), ==, "3 offers");
  g_assert_cmpstr (sp_source_row_get_age_text (row), ==, _("Just now"));
  g_assert_false (sp_source_row_get_busy (row));
  g_assert_cmpstr (sp_sources_page_get_summary (page), ==, "1 source refreshed");
  /* the Offers page now shows the feed's three offers */
  g_assert_cmpuint (count_offers_of (FEED_SOURCE), ==, 3);
}

static void
test_stale_badge (void)
{
  SpSourcesPage *page = get_sources_page ();
  GSettings *settings = sp_application_get_settings (the_app);
  SpSourceRow *row = sp_sources_page_get_row (page, FEED_SOURCE);
  SpSource *source;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_nonnull (row);
  source = sp_source_row_get_source (row);
  /* three hours old, stale after 24 hours: shows its age */
  g_object_set (source, "last-success", now - 3 * 3600 - 30, NULL);
  g_assert_cmpstr (sp_source_row_get_age_text (row), ==, "3 hours ago");
  /* stale after 2 hours: a warning badge */
  g_settings_set_uint (settings, "stale-after-hours", 2);
  g_assert_cmpstr (sp_source_row_get_age_text (row), ==, _("Stale"));
  g_settings_reset (settings, "stale-after-hours");
  g_assert_cmpstr (sp_source_row_get_age_text (row), ==, "3 hours ago");

  /* a CC-BY catalog (llm-prices-cn) shows the credit its licence asks for */
  g_assert_null (sp_source_row_get_attribution_text (row));
  g_object_set (source, "format", SP_FEED_FORMAT_LLM_PRICES_CN, NULL);
  g_assert_cmpstr (sp_source_row_get_attribution_text (row), ==,
                   "Pricing data provided by LLM Abacus, https://llmabacus.com (CC-BY-4.0)");
  g_object_set (source, "format", SP_FEED_FORMAT_SUANPAN, NULL);
  g_assert_null (sp_source_row_get_attribution_text (row));
}

static void
test_malformed_keeps_offers (void)
{
  SpSourcesPage *page = get_sources_page ();
  g_autoptr(GError) error = NULL;
  SpSourceRow *row;
  const char *err;

  g_file_set_contents (feed_path, "{ \"suanpan_feed\": \"1.0\", \"vendor\": ", -1, &error);
  g_assert_no_error (error);

  refresh_and_wait ();
  row = sp_sources_page_get_row (page, FEED_SOURCE);
  g_assert_nonnull (row);
  err = sp_source_row_get_error_text (row);
  g_assert_nonnull (err);
  g_assert_cmpuint (strlen (err), >, 0);
  g_assert_cmpstr (sp_source_row_get_count_text (row), ==, "3 offers");
  g_assert_nonnull (strstr (sp_sources_page_get_summary (page), FEED_SOURCE));
  /* the last good offers stay, on the page and in the store */
  g_assert_cmpuint (count_offers_of (FEED_SOURCE), ==, 3);
  g_assert_true (store_has_source (FEED_SOURCE));

  /* fixed again: the error goes away */
  g_file_set_contents (feed_path, feed_json, -1, &error);
  g_assert_no_error (error);
  refresh_and_wait ();
  g_assert_null (sp_source_row_get_error_text (sp_sources_page_get_row (page, FEED_SOURCE)));
}

static void
test_enable_switch_saves (void)
{
  SpSourcesPage *page = get_sources_page ();
  SpSourceRow *row = sp_sources_page_get_row (page, FEED_SOURCE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSource) stored = NULL;

  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "enabled-changed", FALSE);
  sp_sources_page_wait (page);   /* saved through the store service */
  store = sp_store_open (sp_application_get_store_path (the_app), &error);
  g_assert_no_error (error);
  stored = sp_store_get_source (store, FEED_SOURCE, &error);
  g_assert_no_error (error);
  g_assert_false (sp_source_get_enabled (stored));

  /* a disabled source is not refreshed by Refresh All */
  g_action_group_activate_action (G_ACTION_GROUP (get_window ()), "refresh", NULL);
  g_assert_false (sp_sources_page_get_refreshing (page));

  g_signal_emit_by_name (row, "enabled-changed", TRUE);
  sp_sources_page_wait (page);
  g_clear_object (&stored);
  stored = sp_store_get_source (store, FEED_SOURCE, &error);
  g_assert_no_error (error);
  g_assert_true (sp_source_get_enabled (stored));
}

static void
test_remove_with_undo (void)
{
  SpSourcesPage *page = get_sources_page ();
  GListModel *model = sp_sources_page_get_model (page);
  AdwToast *toast;

  toast = sp_sources_page_remove_source (page, FEED_SOURCE);
  g_assert_nonnull (toast);
  g_object_ref (toast);
  /* hidden at once, but not deleted yet */
  g_assert_false (model_has (model, FEED_SOURCE));
  g_assert_cmpstr (sp_sources_page_get_state (page), ==, "empty");
  g_assert_true (store_has_source (FEED_SOURCE));

  sp_test_ui_iterate_for (500); /* let the toast finish appearing */
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  sp_test_ui_iterate_for (500);
  g_object_unref (toast);

  g_assert_true (model_has (model, FEED_SOURCE));
  g_assert_cmpstr (sp_sources_page_get_state (page), ==, "list");
  g_assert_true (store_has_source (FEED_SOURCE));
  g_assert_nonnull (sp_sources_page_get_row (page, FEED_SOURCE));
}

static void
test_remove_for_good (void)
{
  SpSourcesPage *page = get_sources_page ();
  GListModel *model = sp_sources_page_get_model (page);
  AdwToast *toast;

  toast = sp_sources_page_remove_source (page, FEED_SOURCE);
  g_assert_nonnull (toast);
  g_assert_true (store_has_source (FEED_SOURCE));
  /* the toast goes away without Undo */
  sp_test_ui_iterate_for (500);
  adw_toast_dismiss (toast);
  sp_test_ui_iterate_for (500);
  sp_test_ui_iterate_until (sp_test_pages_offers_loaded, get_offers_page (), 30000);

  g_assert_false (model_has (model, FEED_SOURCE));
  g_assert_false (store_has_source (FEED_SOURCE));
  g_assert_cmpstr (sp_sources_page_get_state (page), ==, "empty");
  /* and its offers left the Offers page */
  g_assert_cmpuint (count_offers_of (FEED_SOURCE), ==, 0);
}

/* A catalog whose rows were repaired on import says so beside its offer
 * count, with the reason in the tooltip (issue 13, item 5). */
static void
test_repaired_count (void)
{
  g_autoptr(SpSource) source = sp_source_new ("azure", NULL, SP_FEED_FORMAT_SKYPILOT);
  SpSourceRow *row;

  g_object_set (source, "offer-count", 2728u, "rows-repaired", 550u, NULL);
  row = g_object_ref_sink (sp_source_row_new (source));
  g_assert_cmpstr (sp_source_row_get_count_text (row), ==, "2728 offers · 550 repaired");
  g_object_unref (row);

  g_object_set (source, "rows-repaired", 0u, NULL);
  row = g_object_ref_sink (sp_source_row_new (source));
  g_assert_cmpstr (sp_source_row_get_count_text (row), ==, "2728 offers");
  g_object_unref (row);
}

/* A source of compute-voucher programmes (issue 19): the dialog offers the
 * format, and the row counts the programmes it gave, not "0 offers" */
/* Opens the Add dialog with the page's action and waits for it */
static SpSourceDialog *
open_add_dialog (SpSourcesPage *page)
{
  SpSourceDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "sources.add", NULL);
  sp_test_ui_iterate_until (dialog_shown, NULL, 30000);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
programme_counted (gpointer data)
{
  SpSourceRow *row = sp_sources_page_get_row (data, PROGRAMME_SOURCE);

  return row != NULL && g_strcmp0 (sp_source_row_get_count_text (row), "1 programme") == 0;
}

static void
test_programme_source (void)
{
  SpSourcesPage *page = get_sources_page ();
  g_autofree char *path = sp_test_source_path ("tests/data/programme-feeds/good.json");
  g_autofree char *url = g_filename_to_uri (path, NULL, NULL);
  SpSourceDialog *dialog;
  SpSourceRow *row;

  dialog = open_add_dialog (page);
  sp_source_dialog_set_fields (dialog, PROGRAMME_SOURCE, url, SP_FEED_FORMAT_PROGRAMMES);
  g_assert_true (sp_source_dialog_is_valid (dialog));
  g_assert_cmpint (sp_source_dialog_get_format (dialog), ==, SP_FEED_FORMAT_PROGRAMMES);
  g_signal_emit_by_name (dialog, "save");
  sp_test_ui_iterate_until (dialog_gone, NULL, 30000);
  sp_sources_page_wait (page);   /* saved through the store service */
  g_assert_true (store_has_source (PROGRAMME_SOURCE));

  refresh_and_wait ();
  sp_test_ui_iterate_until (programme_counted, page, 30000);
  row = sp_sources_page_get_row (page, PROGRAMME_SOURCE);
  g_assert_nonnull (row);
  g_assert_null (sp_source_row_get_error_text (row));
  g_assert_cmpstr (sp_source_row_get_count_text (row), ==, "1 programme");
  g_assert_cmpstr (sp_feed_format_label (SP_FEED_FORMAT_PROGRAMMES), ==, "Compute-voucher programmes");
}

static gboolean
offers_page_loaded (gpointer stack)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, "offers");

  return SP_IS_OFFERS_PAGE (child) && sp_test_pages_offers_loaded (child);
}

static gboolean
sources_refreshing (gpointer page)
{
  return sp_sources_page_get_refreshing (page);
}

static gboolean
wallet_shown (gpointer page)
{
  return ((SpVouchersPage *) page)->programme_list != NULL;
}

/* A new window builds the Sources and Vouchers pages when they are first
 * shown, not at start-up (docs/performance.md), and shows its offers list
 * first without its scrollbars' transition; Ctrl+R (win.refresh)
 * still refreshes the sources before the Sources page was ever shown, and
 * a page shown for the first time reads and shows its data. */
static void
test_pages_built_when_shown (void)
{
  AdwViewStack *stack;
  GtkWidget *child;
  GtkWidget *scrolled;
  SpSourcesPage *sources;

  /* a new window on the same store (one enabled source: the programmes) */
  sp_test_ui_close_app_windows (the_app);
  sp_test_ui_iterate_for (100);
  g_application_activate (G_APPLICATION (the_app));
  stack = ADW_VIEW_STACK (sp_test_pages_find_of_type (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (the_app))),
                                        ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);
  sp_test_ui_iterate_until (offers_page_loaded, stack, 30000);
  g_assert_true (offers_page_loaded (stack));
  /* the list is first shown without its scrollbars' transition (a dozen
   * frames of the whole window), which comes back once that frame is
   * painted */
  scrolled = gtk_widget_get_parent (sp_test_pages_find_of_type (adw_view_stack_get_child_by_name (stack, "offers"),
                                                  GTK_TYPE_COLUMN_VIEW));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_has_css_class (gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled)),
                                           "sp-first-show"));
  /* well past the window's fallback for a window that paints no frame */
  sp_test_ui_iterate_for (1000);
  g_assert_false (SP_IS_SOURCES_PAGE (adw_view_stack_get_child_by_name (stack, "sources")));
  g_assert_false (SP_IS_VOUCHERS_PAGE (adw_view_stack_get_child_by_name (stack, "vouchers")));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "offers");
  g_assert_true (gtk_widget_get_mapped (scrolled));
  g_assert_false (gtk_widget_has_css_class (gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled)),
                                            "sp-first-show"));

  /* Ctrl+R: the Sources page is built and refreshes once it has listed */
  g_action_group_activate_action (G_ACTION_GROUP (gtk_application_get_active_window (GTK_APPLICATION (the_app))),
                                  "refresh", NULL);
  child = adw_view_stack_get_child_by_name (stack, "sources");
  g_assert_true (SP_IS_SOURCES_PAGE (child));
  sources = SP_SOURCES_PAGE (child);
  sp_test_ui_iterate_until (sources_refreshing, sources, 30000);
  g_assert_true (sp_sources_page_get_refreshing (sources));
  sp_test_ui_iterate_until (sp_test_pages_sources_not_refreshing, sources, 30000);
  g_assert_cmpstr (sp_sources_page_get_summary (sources), ==, "1 source refreshed");
  g_assert_true (programme_counted (sources));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "offers");

  /* the Vouchers page, shown for the first time: built then, in place of
   * its placeholder, and it reads the wallet */
  adw_view_stack_set_visible_child_name (stack, "vouchers");
  child = adw_view_stack_get_child_by_name (stack, "vouchers");
  g_assert_true (SP_IS_VOUCHERS_PAGE (child));
  g_assert_true (adw_view_stack_get_visible_child (stack) == child);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "vouchers");
  sp_test_ui_iterate_until (wallet_shown, child, 30000);
  g_assert_true (wallet_shown (child));
  g_assert_true (gtk_widget_get_mapped (child));
  /* the pages keep their order */
  child = gtk_widget_get_first_child (GTK_WIDGET (stack));
  g_assert_true (SP_IS_OFFERS_PAGE (child));
}

int
main (int argc, char **argv)
{
  int ret;

  data_dir = sp_test_ui_setup ();
  g_setenv ("SUANPAN_SECRET_COLLECTION", "session", TRUE);
  /* the assertions compare English text */
  g_setenv ("LANGUAGE", "en", TRUE);
  feed_path = g_build_filename (data_dir->path, "acme-feed.json", NULL);
  feed_url = g_filename_to_uri (feed_path, NULL, NULL);

  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui-sources/page-and-empty-state", test_page_and_empty_state);
  g_test_add_func ("/ui-sources/dialog-validates", test_dialog_validates);
  g_test_add_func ("/ui-sources/add-and-refresh", test_add_and_refresh);
  g_test_add_func ("/ui-sources/stale-badge", test_stale_badge);
  g_test_add_func ("/ui-sources/malformed-keeps-offers", test_malformed_keeps_offers);
  g_test_add_func ("/ui-sources/enable-switch-saves", test_enable_switch_saves);
  g_test_add_func ("/ui-sources/remove-with-undo", test_remove_with_undo);
  g_test_add_func ("/ui-sources/remove-for-good", test_remove_for_good);
  g_test_add_func ("/ui-sources/repaired-count", test_repaired_count);
  g_test_add_func ("/ui-sources/programme-source", test_programme_source);
  g_test_add_func ("/ui-sources/pages-built-when-shown", test_pages_built_when_shown);
  ret = sp_test_ui_run (&the_app, data_dir);
  g_free (feed_path);
  g_free (feed_url);
  return ret;
}
