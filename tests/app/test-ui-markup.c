/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-markup.c — error text is never read as markup (issue 15): the
 * window opens on a data folder named "a&b<c" holding a damaged database,
 * and the Offers and Spending error pages show the message, path and all,
 * literally (before, the page stayed blank with a GTK markup warning). */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-offers-page-private.h"
#include "sp-spending-page-private.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

static SpTestDir *top_dir;
static char *data_dir;
static SpApplication *the_app;
static guint n_markup_warnings;

/* Counts GTK's "could not parse markup" warnings, then logs as usual. */
static GLogWriterOutput
writer (GLogLevelFlags   level,
        const GLogField *fields,
        gsize            n_fields,
        gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL)) != 0 &&
        strstr (fields[i].value, "markup") != NULL)
      n_markup_warnings++;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Whether some label under @widget shows (as its parsed text) @needle. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, needle))
      return TRUE;
  return FALSE;
}

static void
test_error_pages_literal (void)
{
  SpWindow *window = sp_test_ui_get_window (&the_app, data_dir);
  AdwViewStack *stack = sp_window_get_stack (window);
  GtkWidget *offers = adw_view_stack_get_child_by_name (stack, "offers");
  GtkWidget *spending = adw_view_stack_get_child_by_name (stack, "spending");
  g_autofree char *needle = g_build_filename ("a&b<c", "suanpan.db", NULL);

  g_assert_true (SP_IS_OFFERS_PAGE (offers));
  g_assert_true (SP_IS_SPENDING_PAGE (spending));
  sp_test_ui_iterate_until (sp_test_pages_offers_loaded, offers, 10000);
  g_assert_cmpstr (sp_offers_page_get_state (SP_OFFERS_PAGE (offers)), ==, "error");
  sp_test_ui_iterate_for (200);
  g_assert_true (shows_text (offers, needle));

  adw_view_stack_set_visible_child_name (stack, "spending");
  sp_test_ui_iterate_for (200);
  g_assert_cmpstr (sp_spending_page_get_state (SP_SPENDING_PAGE (spending)), ==, "error");
  g_assert_true (shows_text (spending, needle));

  g_assert_cmpuint (n_markup_warnings, ==, 0);
  sp_test_ui_stop_app ();
}

int
main (int argc, char **argv)
{
  g_autofree char *db = NULL;
  int ret;

  g_log_set_writer_func (writer, NULL, NULL);
  top_dir = sp_test_ui_setup ();
  data_dir = g_build_filename (top_dir->path, "a&b<c", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  db = g_build_filename (data_dir, "suanpan.db", NULL);
  g_assert_true (g_file_set_contents (db, "not a database at all, <b>bold</b> & more, "
                                      "long enough to be read as a file header……", -1, NULL));
  g_setenv ("SUANPAN_DATA_DIR", data_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* the pages warn that they cannot open the damaged database: expected
   * here; the writer counts the markup warnings, which are not */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);

  g_test_add_func ("/ui-markup/error-pages-literal", test_error_pages_literal);
  ret = g_test_run ();
  g_clear_object (&the_app);
  g_free (data_dir);
  sp_test_dir_free (top_dir);
  return ret;
}
