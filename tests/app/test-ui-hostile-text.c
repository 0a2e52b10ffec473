/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-hostile-text.c — limits at the door, seen from the window (issue
 * 15): a vendor feed refreshed through the Sources page holds one offer whose
 * name is exactly at the limit (256 characters) and one whose name is 60 MiB
 * (under refresh's 64 MiB download limit, so any vendor feed can send it).
 * The window's memory stays within 50 MB of what it takes with the demo
 * catalog, and the table shows the accepted offer; the other is refused and
 * counted.  (Before the limits the window grew to 3.9 GB.) */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sp-application.h"
#include "sp-offers-page-private.h"
#include "sp-sources-page.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-text-cell.h"
#include "sp-text.h"
#include "sp-window.h"

/* Under AddressSanitizer freed memory waits in a quarantine (256 MB by
 * default), so resident memory says nothing about what the window keeps. */
#if defined(__SANITIZE_ADDRESS__)
#define SP_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SP_TEST_ASAN 1
#endif
#endif

#define FEED_SOURCE "hostile-names"
#define HUGE_NAME_BYTES (60u * 1024u * 1024u)
#define MEMORY_MARGIN (50u * 1000u * 1000u)

static SpTestDir *data_dir;
static SpApplication *the_app;

static GtkWidget *
get_page (const char *name)
{
  SpWindow *window = sp_test_ui_get_window (&the_app, data_dir->path);

  return adw_view_stack_get_child_by_name (sp_window_get_stack (window), name);
}

/* Resident memory of this process, in bytes. */
static guint64
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  guint64 size = 0, resident = 0;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &size, &resident),
                   ==, 2);
  return resident * (guint64) sysconf (_SC_PAGESIZE);
}

/* Whether a mapped text cell under @widget shows @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (SP_IS_TEXT_CELL (widget) && g_strcmp0 (sp_text_cell_get_text (SP_TEXT_CELL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;
  return FALSE;
}

static const char *wanted_text;

static gboolean
page_shows_wanted (gpointer page)
{
  return shows_text (page, wanted_text);
}

/* A feed of two GPU offers: "at-limit" named @at_limit, "beyond" named with
 * HUGE_NAME_BYTES letters. */
static void
write_feed (const char *path,
            const char *at_limit)
{
  g_autoptr(GString) feed = g_string_sized_new (HUGE_NAME_BYTES + 1024);
  g_autoptr(GError) error = NULL;

  g_string_append (feed,
                   "{\"suanpan_feed\": \"1.0\",\n"
                   " \"vendor\": {\"id\": \"" FEED_SOURCE "\", \"name\": {\"en\": \"Hostile names\"}},\n"
                   " \"offers\": [\n"
                   "  {\"id\": \"at-limit\", \"kind\": \"gpu\", \"name\": \"");
  g_string_append (feed, at_limit);
  g_string_append (feed,
                   "\", \"spec\": {\"gpu_model\": \"H100 SXM\", \"gpu_count\": 1},\n"
                   "   \"price\": {\"currency\": \"CNY\", \"per_unit\": \"21.50\"}},\n"
                   "  {\"id\": \"beyond\", \"kind\": \"gpu\", \"name\": \"");
  for (guint i = 0; i < HUGE_NAME_BYTES / 64; i++)
    g_string_append (feed, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789AB");
  g_string_append (feed,
                   "\", \"spec\": {\"gpu_model\": \"H100 SXM\", \"gpu_count\": 1},\n"
                   "   \"price\": {\"currency\": \"CNY\", \"per_unit\": \"20.00\"}}\n"
                   " ]}\n");
  g_assert_true (g_file_set_contents (path, feed->str, (gssize) feed->len, &error));
  g_assert_no_error (error);
}

static void
test_names_at_and_beyond_the_limit (void)
{
  SpOffersPage *offers = SP_OFFERS_PAGE (get_page ("offers"));
  SpSourcesPage *sources = SP_SOURCES_PAGE (get_page ("sources"));
  g_autofree char *feed_path = g_build_filename (data_dir->path, "hostile-names.json", NULL);
  g_autofree char *feed_url = g_filename_to_uri (feed_path, NULL, NULL);
  g_autoptr(GString) at_limit = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GListModel *model;
  guint64 demo_bytes, after_bytes;
  gboolean found_at_limit = FALSE;

  /* the demo catalog, shown */
  sp_test_pages_wait_offers (offers);
  sp_test_ui_iterate_until (sp_test_pages_sources_listed, sources, 30000);
  sp_test_ui_iterate_for (500);
  demo_bytes = resident_bytes ();

  /* 256 characters, wide ones (the worst to lay out), and the first words
   * tell it apart */
  g_string_append (at_limit, "AtLimit ");
  while (g_utf8_strlen (at_limit->str, -1) < SP_LIMIT_NAME_CHARS)
    g_string_append (at_limit, "算");
  g_assert_cmpint (g_utf8_strlen (at_limit->str, -1), ==, SP_LIMIT_NAME_CHARS);
  write_feed (feed_path, at_limit->str);

  g_assert_true (sp_sources_page_save_source (sources, NULL, FEED_SOURCE, feed_url,
                                              SP_FEED_FORMAT_SUANPAN, SP_REFRESH_MANUAL,
                                              NULL, FALSE, &error));
  g_assert_no_error (error);
  sp_sources_page_refresh (sources, FEED_SOURCE);
  g_assert_true (sp_sources_page_get_refreshing (sources));
  sp_test_ui_iterate_until (sp_test_pages_sources_not_refreshing, sources, 120000);
  g_assert_false (sp_sources_page_get_refreshing (sources));
  /* the Offers page reloads after a refresh that stored offers */
  sp_test_ui_iterate_for (100);
  sp_test_pages_wait_offers (offers);

  /* the accepted offer is there, the refused one is not */
  model = sp_offers_page_get_model (offers);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);

      if (g_strcmp0 (sp_offer_get_source (offer), FEED_SOURCE) != 0)
        continue;
      g_assert_cmpstr (sp_offer_get_id (offer), ==, "at-limit");
      g_assert_cmpstr (sp_offer_get_name (offer), ==, at_limit->str);
      found_at_limit = TRUE;
    }
  g_assert_true (found_at_limit);

  /* and the table shows it */
  sp_offers_page_set_search (offers, "AtLimit");
  wanted_text = at_limit->str;
  sp_test_ui_iterate_until (page_shows_wanted, offers, 20000);
  g_assert_true (shows_text (GTK_WIDGET (offers), at_limit->str));
  sp_test_ui_iterate_for (300);

  after_bytes = resident_bytes ();
  g_test_message ("resident memory: demo catalog %" G_GUINT64_FORMAT " MB, after the hostile "
                  "feed %" G_GUINT64_FORMAT " MB",
                  demo_bytes / 1000000, after_bytes / 1000000);
#ifdef SP_TEST_ASAN
  g_test_message ("memory not compared: AddressSanitizer keeps freed memory in quarantine");
#else
  g_assert_cmpuint (after_bytes, <, demo_bytes + MEMORY_MARGIN);
#endif

  sp_offers_page_set_search (offers, "");
}

int
main (int argc, char **argv)
{
  data_dir = sp_test_ui_setup ();
  g_setenv ("SUANPAN_SECRET_COLLECTION", "session", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);

  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui-hostile-text/names-at-and-beyond-the-limit",
                   test_names_at_and_beyond_the_limit);
  return sp_test_ui_run (&the_app, data_dir);
}
