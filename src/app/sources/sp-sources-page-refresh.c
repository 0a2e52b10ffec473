/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sources-page-refresh.c — the Sources page's API keys in the keyring,
 * removals with Undo, and the live refresh, with their public calls
 * (sp_sources_page_refresh(), _remove_source(); the page: sp-sources-page.c) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-secret.h"
#include "sp-source-dialog.h"
#include "sp-sources-page-private.h"

/* ------------------------------------------------------------- secrets */


static void
secret_data_free (SecretData *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->source);
  g_free (data);
}

SecretData *
sp_sources_page_secret_data_new (SpSourcesPage *page,
                 SpSource      *source)
{
  SecretData *data = g_new0 (SecretData, 1);

  data->page = g_object_ref (page);
  data->source = source != NULL ? g_object_ref (source) : NULL;
  return data;
}

void
sp_sources_page_secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SecretData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_secret_store_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && data->page->service != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not save the API key in the keyring: %s"),
                                              error->message);

      sp_source_set_has_api_key (data->source, FALSE);
      sp_sources_page_store_source (data->page, data->source, FALSE);
      sp_sources_page_show_message (data->page, msg);
    }
  secret_data_free (data);
}

void
sp_sources_page_secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SecretData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_secret_clear_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && data->page->service != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not remove the API key from the keyring: %s"),
                                              error->message);
      sp_sources_page_show_message (data->page, msg);
    }
  secret_data_free (data);
}

/* ------------------------------------------------------------- removing */

typedef struct {
  SpSourcesPage *page;
  char          *name;
  gboolean       notify;
} Removal;

static void
removal_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Removal *r = user_data;
  SpSourcesPage *self = r->page;
  g_autoptr(GError) error = NULL;

  self->n_busy--;
  if (!sp_store_service_finish (SP_STORE_SERVICE (source), result, &error)
      && !g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not remove “%s”: %s"), r->name, error->message);

      if (r->notify && self->service != NULL)
        {
          sp_sources_page_show_message (self, msg);
          sp_sources_page_reload_or_toast (self);
        }
      else
        g_warning ("%s", msg);
    }
  else
    {
      /* clear any key, even one the flag does not know about */
      sp_secret_clear_async (r->name, NULL, sp_sources_page_secret_cleared_cb,
                             sp_sources_page_secret_data_new (self, NULL));
      if (r->notify && self->service != NULL)
        sp_sources_page_emit_changed (self);
    }
  g_object_unref (r->page);
  g_free (r->name);
  g_free (r);
}

/* Deletes a removed source for good: its configuration, offers and key
 * (the store service tells every page). */
void
sp_sources_page_commit_removal (SpSourcesPage  *self,
                PendingRemoval *p,
                gboolean        notify)
{
  Removal *r = g_new0 (Removal, 1);

  p->done = TRUE;
  r->page = g_object_ref (self);
  r->name = g_strdup (sp_source_get_name (p->source));
  r->notify = notify;
  self->n_busy++;
  sp_store_service_delete_source_async (self->service, r->name, NULL, removal_done, r);
}

void
sp_sources_page_pending_free (PendingRemoval *p)
{
  if (p->page != NULL)
    g_ptr_array_remove (p->page->pending, p);
  g_clear_object (&p->source);
  g_free (p);
}

void
sp_sources_page_on_undo_clicked (AdwToast       *toast,
                 PendingRemoval *p)
{
  if (p->page == NULL || p->done)
    return;
  p->undone = TRUE;
  g_list_store_insert_sorted (p->page->sources, p->source, sp_sources_page_compare_sources, NULL);
  sp_sources_page_update_state (p->page);
}

void
sp_sources_page_on_removal_dismissed (AdwToast       *toast,
                      PendingRemoval *p)
{
  if (p->page == NULL || p->done || p->undone)
    return;
  sp_sources_page_commit_removal (p->page, p, TRUE);
}

/* ------------------------------------------------------------- refresh */

void
sp_sources_page_on_refresh_progress (SpSourcesPage  *self,
                                     const char     *name,
                                     int             state,
                                     guint64         bytes,
                                     SpStoreService *service)
{
  SpSourceRow *row = sp_sources_page_get_row (self, name);

  if (row != NULL)
    sp_source_row_set_progress (row, (SpRefreshState) state, bytes);
}

static void
clear_all_progress (SpSourcesPage *self)
{
  SpSourceRow *row;
  int i = 0;

  while ((row = sp_sources_page_next_row (self, &i)) != NULL)
    sp_source_row_clear_progress (row);
}

static char *
summarize (GPtrArray *outcomes)
{
  guint ok = 0, failed = 0;
  SpRefreshOutcome *first_failure = NULL;
  g_autofree char *ok_text = NULL;
  g_autofree char *failed_text = NULL;

  for (guint i = 0; i < outcomes->len; i++)
    {
      SpRefreshOutcome *o = g_ptr_array_index (outcomes, i);

      if (o->ok)
        ok++;
      else
        {
          failed++;
          if (first_failure == NULL)
            first_failure = o;
        }
    }

  if (failed == 1 && ok == 0 && first_failure->error != NULL)
    return g_strdup_printf (_("Could not refresh “%s”: %s"), first_failure->name,
                            first_failure->error);
  ok_text = g_strdup_printf (ngettext ("%u source refreshed", "%u sources refreshed", ok), ok);
  if (failed == 0)
    return g_steal_pointer (&ok_text);
  failed_text = g_strdup_printf (ngettext ("%u failed", "%u failed", failed), failed);
  /* Translators: "3 sources refreshed, 1 failed" */
  return g_strdup_printf (_("%s, %s"), ok_text, failed_text);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpSourcesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  gboolean any_ok = FALSE;

  outcomes = sp_store_service_refresh_finish (SP_STORE_SERVICE (object), result, &error);
  if (self->service == NULL) /* disposed meanwhile */
    return;

  g_clear_object (&self->refresh_cancellable);
  sp_sources_page_update_refresh_button (self);
  clear_all_progress (self);
  sp_sources_page_reload_or_toast (self);

  g_clear_pointer (&self->summary, g_free);
  if (outcomes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->summary = g_strdup (_("Refresh cancelled; the sources keep their last offers"));
      else
        self->summary = g_strdup_printf (_("Could not refresh the sources: %s"), error->message);
    }
  else
    {
      self->summary = summarize (outcomes);
      for (guint i = 0; i < outcomes->len; i++)
        any_ok |= ((SpRefreshOutcome *) g_ptr_array_index (outcomes, i))->ok;
    }
  sp_sources_page_show_message (self, self->summary);
  if (any_ok)
    sp_sources_page_emit_changed (self);
}

void
sp_sources_page_start_refresh (SpSourcesPage *self,
               GPtrArray     *names)
{
  if (names->len == 0)
    {
      g_clear_pointer (&self->summary, g_free);
      self->summary = g_strdup (_("No enabled sources to refresh"));
      sp_sources_page_show_message (self, self->summary);
      return;
    }
  g_ptr_array_add (names, NULL);
  for (guint i = 0; names->pdata[i] != NULL; i++)
    {
      SpSourceRow *row = sp_sources_page_get_row (self, names->pdata[i]);

      if (row != NULL)
        sp_source_row_set_progress (row, SP_REFRESH_STATE_QUEUED, 0);
    }
  self->refresh_cancellable = g_cancellable_new ();
  sp_sources_page_update_refresh_button (self);
  sp_store_service_refresh_async (self->service, (const char * const *) names->pdata,
                                  self->refresh_cancellable, refresh_cb, g_object_ref (self));
}

/* Enabled sources with a URL (catalogs imported by hand are not fetched);
 * with @on_start_only, only those whose policy is "on start". */
GPtrArray *
sp_sources_page_refreshable_names (SpSourcesPage *self,
                   gboolean       on_start_only)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (!sp_source_get_enabled (source) || sp_source_get_url (source) == NULL)
        continue;
      if (on_start_only && sp_source_get_refresh_policy (source) != SP_REFRESH_ON_START)
        continue;
      g_ptr_array_add (names, g_strdup (sp_source_get_name (source)));
    }
  return names;
}

/* ------------------------------------------------------------ callbacks */

/* ---------------------------------------------------------- public API */

static void
refresh_all (SpSourcesPage *self)
{
  sp_sources_page_refresh (self, NULL);
}

void
sp_sources_page_refresh (SpSourcesPage *self,
                         const char    *name)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_if_fail (SP_IS_SOURCES_PAGE (self));

  if (self->service == NULL || self->refresh_cancellable != NULL)
    return;
  /* the page was just built (Ctrl+R before it was ever shown): every
   * enabled source once the first list is in (it includes those a
   * refresh on start would fetch) */
  if (name == NULL && !self->listed)
    {
      self->list_then = refresh_all;
      return;
    }
  if (name != NULL)
    {
      names = g_ptr_array_new_with_free_func (g_free);
      if (sp_sources_page_find_source (self, name, NULL) != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  else
    names = sp_sources_page_refreshable_names (self, FALSE);
  sp_sources_page_start_refresh (self, names);
}

void
sp_sources_page_cancel_refresh (SpSourcesPage *self)
{
  g_return_if_fail (SP_IS_SOURCES_PAGE (self));

  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
}

gboolean
sp_sources_page_get_refreshing (SpSourcesPage *self)
{
  g_return_val_if_fail (SP_IS_SOURCES_PAGE (self), FALSE);
  return self->refresh_cancellable != NULL;
}

AdwToast *
sp_sources_page_remove_source (SpSourcesPage *self,
                               const char    *name)
{
  GtkWidget *overlay;
  PendingRemoval *p;
  SpSource *source;
  AdwToast *toast;
  g_autofree char *title = NULL;
  guint position = 0;

  g_return_val_if_fail (SP_IS_SOURCES_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  source = sp_sources_page_find_source (self, name, &position);
  if (source == NULL || self->service == NULL)
    return NULL;

  p = g_new0 (PendingRemoval, 1);
  p->page = self;
  p->source = g_object_ref (source);
  g_ptr_array_add (self->pending, p);
  g_list_store_remove (self->sources, position);
  sp_sources_page_update_state (self);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      sp_sources_page_commit_removal (self, p, TRUE);
      sp_sources_page_pending_free (p);
      return NULL;
    }

  title = g_strdup_printf (_("“%s” removed"), name);
  toast = sp_toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Normal priority on purpose: libadwaita 1.2 crashes when a high-priority
   * toast pushes back one that is still animating. */
  adw_toast_set_timeout (toast, 5);
  g_object_set_data_full (G_OBJECT (toast), "sp-pending-removal", p,
                          (GDestroyNotify) sp_sources_page_pending_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (sp_sources_page_on_undo_clicked), p);
  g_signal_connect (toast, "dismissed", G_CALLBACK (sp_sources_page_on_removal_dismissed), p);
  sp_toast_show (GTK_WIDGET (self), toast);
  return toast;
}
