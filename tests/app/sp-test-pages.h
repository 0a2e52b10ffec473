/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-pages.h — what the UI tests wait for on the pages: predicates
 * for sp_test_ui_iterate_until(), the page as @data */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The Offers page is past "loading". */
gboolean sp_test_pages_offers_loaded         (gpointer offers_page);
/* Iterates until the Offers page @offers_page is past "loading" (30 s at
 * most) and asserts that it shows offers. */
void     sp_test_pages_wait_offers           (gpointer offers_page);
/* The Sources page listed its sources (past "loading"). */
gboolean sp_test_pages_sources_listed        (gpointer sources_page);
/* The Sources page runs no refresh. */
gboolean sp_test_pages_sources_not_refreshing (gpointer sources_page);
/* The redeem window @redeem_window has read the wallet (through the store
 * service). */
gboolean sp_test_pages_redeem_ready          (gpointer redeem_window);
/* Iterates until the estimator window @estimator (an SpEstimatorWindow)
 * has shown the results of its latest form (its runs are in workers) and
 * read back what they need; fails the test after 30 s. */
void     sp_test_pages_wait_estimator        (gpointer estimator);
/* The first widget of @type in @widget's tree (@widget included), depth
 * first, or NULL */
gpointer sp_test_pages_find_of_type          (gpointer widget,
                                              GType    type);

G_END_DECLS
