/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service-refresh.c — the live refresh, owned by the store service
 *
 * SpRefresher does its HTTP on the main loop of the thread that started it
 * and reads the source list there, so the service runs it in its own main
 * context with a connection of its own for those reads (opened on first
 * use, dropped after a restore), never on the worker: a refresh of many
 * feeds would hold every other job back.  Its writes — each source's
 * catalog and status — run on the refresher's own writer thread and
 * connection (sp-refresh-write.c), so a large catalog being stored never
 * stops the main loop.  A refresh starts once every job queued before it has run (a source
 * just saved is refreshed), forwards ::progress as ::refresh-progress and,
 * when a source got new offers, emits ::sources-changed and
 * ::offers-changed.  (The class and the worker: sp-store-service.c.) */
#include "config.h"

#include "sp-store-service-private.h"

typedef struct {
  SpStore     *store;
  SpRefresher *refresher;
  guint        running;
} RefreshState;

static void
refresh_state_free (RefreshState *state)
{
  g_clear_object (&state->refresher);
  g_clear_object (&state->store);
  g_free (state);
}

static RefreshState *
get_state (SpStoreService *self)
{
  RefreshState *state = g_object_get_data (G_OBJECT (self), "sp-refresh-state");

  if (state == NULL)
    {
      state = g_new0 (RefreshState, 1);
      g_object_set_data_full (G_OBJECT (self), "sp-refresh-state", state,
                              (GDestroyNotify) refresh_state_free);
    }
  return state;
}

void
sp_store_service_drop_refresh (SpStoreService *self)
{
  RefreshState *state = g_object_get_data (G_OBJECT (self), "sp-refresh-state");

  /* the restored file is opened again by the next refresh */
  if (state != NULL && state->running == 0)
    {
      g_clear_object (&state->refresher);
      g_clear_object (&state->store);
    }
}

static void
on_progress (SpRefresher    *refresher,
             const char     *name,
             int             state,
             guint64         bytes,
             SpStoreService *self)
{
  sp_store_service_emit_refresh_progress (self, name, state, bytes);
}

static SpRefresher *
get_refresher (SpStoreService  *self,
               GError         **error)
{
  RefreshState *state = get_state (self);

  if (state->refresher == NULL)
    {
      SpRefreshConfig config;

      if (state->store == NULL
          && (state->store = sp_store_open (sp_store_service_get_path (self), error)) == NULL)
        return NULL;
      sp_refresh_config_init_default (&config);
      state->refresher = sp_refresher_new (state->store, &config);
      g_signal_connect_object (state->refresher, "progress", G_CALLBACK (on_progress), self, 0);
    }
  return state->refresher;
}

static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SpStoreService *self = g_task_get_source_object (task);
  GError *error = NULL;
  GPtrArray *outcomes = sp_refresher_refresh_finish (SP_REFRESHER (source), result, &error);
  gboolean any_ok = FALSE;

  get_state (self)->running--;
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    any_ok |= ((SpRefreshOutcome *) g_ptr_array_index (outcomes, i))->ok;
  /* a cancelled refresh keeps what it committed: tell about that too */
  if (any_ok || outcomes == NULL)
    sp_store_service_notify_changed (self, SP_STORE_CHANGE_SOURCES | SP_STORE_CHANGE_OFFERS);
  if (outcomes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outcomes, (GDestroyNotify) g_ptr_array_unref);
}

/* Every job queued before the refresh has run: start it. */
static void
barrier_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SpStoreService *self = SP_STORE_SERVICE (source);
  GError *error = NULL;
  SpRefresher *refresher;

  if (!sp_store_service_finish (self, result, &error)
      || (refresher = get_refresher (self, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  get_state (self)->running++;
  sp_refresher_refresh_async (refresher, g_task_get_task_data (task),
                              g_task_get_cancellable (task), refresh_done,
                              g_object_ref (task));
}

static gboolean
barrier_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

void
sp_store_service_refresh_async (SpStoreService      *self,
                                const char * const  *names,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_store_service_refresh_async);
  g_task_set_task_data (task, g_strdupv ((char **) names), (GDestroyNotify) g_strfreev);
  sp_store_service_queue_simple (self, barrier_job, SP_STORE_CHANGE_NONE, NULL, 0, cancellable,
                                 barrier_done, task, barrier_job);
}

GPtrArray *
sp_store_service_refresh_finish (SpStoreService  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
