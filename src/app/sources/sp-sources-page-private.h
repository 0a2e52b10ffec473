/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sources-page-private.h — the Sources page's instance and what its two
 * files share (sp-sources-page.c, sp-sources-page-refresh.c) */
#pragma once

#include "sp-dialogs.h"
#include "sp-sources-page.h"

G_BEGIN_DECLS

typedef void (*ListedFunc) (SpSourcesPage *self);

typedef struct {
  SpSourcesPage *page;      /* NULL once the page is gone */
  SpSource      *source;
  gboolean       undone;
  gboolean       done;
} PendingRemoval;

typedef struct {
  SpSourcesPage *page;
  SpSource      *source;
} SecretData;

struct _SpSourcesPage
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkStack       *state_stack;
  GtkListBox     *list_box;
  GtkButton      *refresh_button;
  AdwSplitButton *add_button;
  GtkMenuButton  *empty_presets_button;

  /* owned */
  GSettings      *settings;
  GListStore     *sources;
  GCancellable   *cancellable;          /* the page's lifetime */
  GCancellable   *refresh_cancellable;  /* the running refresh, or NULL */
  GPtrArray      *pending;              /* PendingRemoval, not owned */
  char           *summary;
  SpStoreService *service;        /* the application's: sources, refreshes */
  guint           tick_id;
  gboolean        listed;         /* the first list was answered */
  guint           n_busy;         /* list, save, delete jobs not answered */
  ListedFunc      list_then;      /* runs after the next list */
};

void          sp_sources_page_show_message (SpSourcesPage *self, const char *message);
/* The listed source called @name (owned by the list) and its *@position, or NULL. */
SpSource *    sp_sources_page_find_source (SpSourcesPage *self,
                                           const char    *name,
                                           guint         *position);
int           sp_sources_page_compare_sources (gconstpointer a,
                                               gconstpointer b,
                                               gpointer user_data);
void          sp_sources_page_update_state (SpSourcesPage *self);
void          sp_sources_page_update_refresh_button (SpSourcesPage *self);
void          sp_sources_page_reload_or_toast (SpSourcesPage *self);
SecretData *  sp_sources_page_secret_data_new (SpSourcesPage *page, SpSource *source);
void          sp_sources_page_secret_stored_cb (GObject *object,
                                                GAsyncResult *result,
                                                gpointer user_data);
void          sp_sources_page_secret_cleared_cb (GObject *object,
                                                 GAsyncResult *result,
                                                 gpointer user_data);
void          sp_sources_page_commit_removal (SpSourcesPage *self,
                                              PendingRemoval *p,
                                              gboolean notify);
void          sp_sources_page_pending_free (PendingRemoval *p);
void          sp_sources_page_on_undo_clicked (AdwToast *toast, PendingRemoval *p);
void          sp_sources_page_on_removal_dismissed (AdwToast *toast, PendingRemoval *p);
void          sp_sources_page_on_refresh_progress (SpSourcesPage *self,
                                                   const char *name,
                                                   int state,
                                                   guint64 bytes,
                                                   SpStoreService *service);
void          sp_sources_page_store_source (SpSourcesPage *self, SpSource *source, gboolean is_new);
/* The next source row of the list from row *@index on (*@index moves past
 * it), or NULL at the end: `int i = 0; while ((row = …_next_row (self, &i)))`. */
SpSourceRow * sp_sources_page_next_row (SpSourcesPage *self, int *index);
void          sp_sources_page_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data);
void          sp_sources_page_start_refresh (SpSourcesPage *self, GPtrArray *names);
GPtrArray *   sp_sources_page_refreshable_names (SpSourcesPage *self, gboolean on_start_only);

/* Emits ::sources-changed. */
void          sp_sources_page_emit_changed (SpSourcesPage *self);

G_END_DECLS
