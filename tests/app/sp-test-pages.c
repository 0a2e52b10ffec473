/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-pages.c — what the UI tests wait for on the pages */
#include "config.h"

#include "sp-estimator-window.h"
#include "sp-offers-page-private.h"
#include "sp-redeem-window-private.h"
#include "sp-sources-page.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"

gboolean
sp_test_pages_offers_loaded (gpointer offers_page)
{
  return g_strcmp0 (sp_offers_page_get_state (offers_page), "loading") != 0;
}

void
sp_test_pages_wait_offers (gpointer offers_page)
{
  sp_test_ui_iterate_until (sp_test_pages_offers_loaded, offers_page, 30000);
  g_assert_cmpstr (sp_offers_page_get_state (offers_page), ==, "offers");
}

gboolean
sp_test_pages_sources_listed (gpointer sources_page)
{
  return g_strcmp0 (sp_sources_page_get_state (sources_page), "loading") != 0;
}

gboolean
sp_test_pages_sources_not_refreshing (gpointer sources_page)
{
  return !sp_sources_page_get_refreshing (sources_page);
}

gboolean
sp_test_pages_redeem_ready (gpointer redeem_window)
{
  return !sp_redeem_window_is_busy (redeem_window);
}

static gboolean
estimator_idle (gpointer estimator)
{
  return !sp_estimator_window_get_busy (estimator);
}

void
sp_test_pages_wait_estimator (gpointer estimator)
{
  g_assert_true (SP_IS_ESTIMATOR_WINDOW (estimator));
  sp_test_ui_iterate_until (estimator_idle, estimator, 30000);
  g_assert_false (sp_estimator_window_get_busy (estimator));
}

gpointer
sp_test_pages_find_of_type (gpointer widget,
                            GType    type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = sp_test_pages_find_of_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
