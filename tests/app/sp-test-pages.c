/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-pages.c — what the UI tests wait for on the pages */
#include "config.h"

#include "sp-offers-page-private.h"
#include "sp-sources-page.h"
#include "sp-test-pages.h"

gboolean
sp_test_pages_offers_loaded (gpointer offers_page)
{
  return g_strcmp0 (sp_offers_page_get_state (offers_page), "loading") != 0;
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
