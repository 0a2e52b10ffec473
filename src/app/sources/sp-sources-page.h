/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sources-page.h — the Sources page: vendor feeds, refresh, add/edit/remove */
#pragma once

#include <adwaita.h>

#include "sp-application.h"
#include "sp-source-row.h"

G_BEGIN_DECLS

#define SP_TYPE_SOURCES_PAGE (sp_sources_page_get_type ())
G_DECLARE_FINAL_TYPE (SpSourcesPage, sp_sources_page, SP, SOURCES_PAGE, GtkWidget)

/* Lists the sources through the application's store service; refreshes
 * the on-start sources when "refresh-on-start" is set. */
void         sp_sources_page_load            (SpSourcesPage *self,
                                              SpApplication *app);
/* What the dialog's Save does: checks the fields, adds (@existing NULL) or
 * updates the source, and stores or forgets its API key in the keyring. */
gboolean     sp_sources_page_save_source     (SpSourcesPage    *self,
                                              SpSource         *existing,
                                              const char       *name,
                                              const char       *url,
                                              SpFeedFormat      format,
                                              SpRefreshPolicy   policy,
                                              const char       *api_key,
                                              gboolean          forget_key,
                                              GError          **error);
/* Refreshes @name, or every enabled source when NULL.  Does nothing while a
 * refresh runs. */
void         sp_sources_page_refresh         (SpSourcesPage *self,
                                              const char    *name);
void         sp_sources_page_cancel_refresh  (SpSourcesPage *self);
gboolean     sp_sources_page_get_refreshing  (SpSourcesPage *self);
/* Hides the source and shows an Undo toast; the source is deleted (with its
 * key) when the toast goes away without Undo.  Returns the toast (borrowed),
 * or NULL when the source was deleted at once (no toast overlay). */
AdwToast    *sp_sources_page_remove_source   (SpSourcesPage *self,
                                              const char    *name);
/* For tests: "loading" (not listed yet), "empty" or "list"; the sources shown (element type SpSource);
 * the row of a source; the text of the last refresh summary toast. */
const char  *sp_sources_page_get_state       (SpSourcesPage *self);
GListModel  *sp_sources_page_get_model       (SpSourcesPage *self);
SpSourceRow *sp_sources_page_get_row         (SpSourcesPage *self,
                                              const char    *name);
const char  *sp_sources_page_get_summary     (SpSourcesPage *self);
/* For tests: iterates the main context until the page's list, save and
 * delete jobs are answered. */
void         sp_sources_page_wait            (SpSourcesPage *self);

G_END_DECLS
