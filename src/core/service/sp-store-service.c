/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service.c — the application's one door to the database: the
 * class, its worker thread and signals; offers, sources, backup, restore.
 *
 * In the style of Epiphany's EphyHistoryService: callers queue jobs; one
 * worker thread (a GThreadPool of one exclusive thread) runs them in order
 * on the service's own connections, so no two jobs ever use a connection at
 * once and the main thread never waits on SQLite or a file.  A finished job
 * goes back to the main context: the change signals first, then the
 * caller's callback.
 */
#include "config.h"

#include <malloc.h>

#include "sp-store-service-private.h"

struct _SpStoreService {
  GObject       parent_instance;

  char         *path;
  GMainContext *context;    /* where signals and callbacks run */
  GThreadPool  *pool;       /* one worker */
  SpStoreOpenFunc open_func;

  /* worker thread only */
  SpStore      *store;
  SpLedger     *ledger;
  GMutex        rate_lock;  /* guards the two below (main thread writes) */
  SpMoney       usd_cny;
  char         *rate_date;
};

G_DEFINE_FINAL_TYPE (SpStoreService, sp_store_service, G_TYPE_OBJECT)

enum {
  OFFERS_CHANGED,
  SOURCES_CHANGED,
  WALLET_CHANGED,
  LEDGER_CHANGED,
  WATCHLIST_CHANGED,
  RESTORED,
  REFRESH_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- jobs */

SpStoreJob *
sp_store_job_new (SpStoreJobFunc func,
                  SpStoreChange  changes)
{
  SpStoreJob *job = g_new0 (SpStoreJob, 1);

  job->func = func;
  job->changes = changes;
  return job;
}

static void
sp_store_job_free (SpStoreJob *job)
{
  for (guint i = 0; i < G_N_ELEMENTS (job->text); i++)
    g_free (job->text[i]);
  if (job->object != NULL && job->object_free != NULL)
    job->object_free (job->object);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->result != NULL && job->result_free != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_free (job);
}

SpStore *
sp_store_service_get_store (SpStoreService  *self,
                            GError         **error)
{
  if (self->store == NULL)
    {
      g_autoptr(SpStore) store = sp_store_open (self->path, error);

      if (store == NULL || (self->open_func != NULL && !self->open_func (store, error)))
        return NULL;
      self->store = g_steal_pointer (&store);
    }
  return self->store;
}

SpLedger *
sp_store_service_get_ledger (SpStoreService  *self,
                             GError         **error)
{
  if (self->ledger == NULL)
    self->ledger = sp_ledger_open (self->path, error);
  if (self->ledger != NULL)
    {
      g_mutex_lock (&self->rate_lock);
      if (self->usd_cny > 0)
        sp_ledger_set_default_rate (self->ledger, self->usd_cny, self->rate_date);
      g_mutex_unlock (&self->rate_lock);
    }
  return self->ledger;
}

static void
emit_changes (SpStoreService *self,
              SpStoreChange   changes)
{
  static const struct { SpStoreChange change; guint signal; } order[] = {
    { SP_STORE_CHANGE_SOURCES, SOURCES_CHANGED },
    { SP_STORE_CHANGE_OFFERS, OFFERS_CHANGED },
    { SP_STORE_CHANGE_WALLET, WALLET_CHANGED },
    { SP_STORE_CHANGE_LEDGER, LEDGER_CHANGED },
    { SP_STORE_CHANGE_WATCHLIST, WATCHLIST_CHANGED },
    { SP_STORE_CHANGE_RESTORED, RESTORED },
  };

  if (changes & SP_STORE_CHANGE_RESTORED)
    sp_store_service_drop_refresh (self);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (changes & order[i].change)
      g_signal_emit (self, signals[order[i].signal], 0);
}

void
sp_store_service_emit_refresh_progress (SpStoreService *self,
                                        const char     *name,
                                        int             state,
                                        guint64         bytes)
{
  g_signal_emit (self, signals[REFRESH_PROGRESS], 0, name, state, bytes);
}

/* Main context: signals, then the caller's callback. */
static gboolean
job_done (gpointer data)
{
  GTask *task = data;
  SpStoreService *self = g_task_get_source_object (task);
  SpStoreJob *job = g_task_get_task_data (task);

  if (job->ok)
    {
      emit_changes (self, job->changes);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, g_steal_pointer (&job->error));
  return G_SOURCE_REMOVE;
}

static void
worker (gpointer data,
        gpointer user_data)
{
  GTask *task = data;
  SpStoreService *self = user_data;
  SpStoreJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GSource *idle;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    job->ok = job->func (self, job, cancellable, &job->error);
  /* always through an idle source: g_main_context_invoke() would run
   * job_done() right here, on the worker, whenever it can acquire the
   * context (between two iterations of the main loop) */
  idle = g_idle_source_new ();
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, job_done, task, g_object_unref);
  g_source_set_static_name (idle, "[suanpan] store service job done");
  g_source_attach (idle, self->context);
  g_source_unref (idle);
}

void
sp_store_service_queue (SpStoreService      *self,
                        SpStoreJob          *job,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) sp_store_job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

SpStoreJob *
sp_store_service_get_job (SpStoreService  *self,
                          GAsyncResult    *result,
                          GError         **error)
{
  g_return_val_if_fail (SP_IS_STORE_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

gpointer
sp_store_service_take_result (SpStoreService  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  SpStoreJob *job = sp_store_service_get_job (self, result, error);

  return job != NULL ? g_steal_pointer (&job->result) : NULL;
}

gboolean
sp_store_service_finish (SpStoreService  *self,
                         GAsyncResult    *result,
                         GError         **error)
{
  return sp_store_service_get_job (self, result, error) != NULL;
}

/* ------------------------------------------------------ offers, sources */

static gboolean
load_offers_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL || (job->result = sp_store_load_offers (store, error)) == NULL)
    return FALSE;
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
#ifdef __GLIBC__
  /* the worker's malloc arena keeps what SQLite and the row decoding freed
   * (tens of MB with 100,000 offers): give it back (the Offers page did
   * this after its own loading thread) */
  malloc_trim (0);
#endif
  return TRUE;
}

static gboolean
price_history_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL
      || (job->result = sp_store_price_history (store, job->text[0], job->text[1], error)) == NULL)
    return FALSE;
  job->result_free = (GDestroyNotify) g_array_unref;
  return TRUE;
}

static gboolean
price_histories_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);
  GPtrArray *offers = job->object;
  GPtrArray *histories;

  if (store == NULL)
    return FALSE;
  histories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      GArray *history = sp_store_price_history (store, sp_offer_get_source (offer),
                                                sp_offer_get_id (offer), NULL);

      if (history == NULL)
        history = g_array_new (FALSE, FALSE, sizeof (SpPricePoint));
      g_ptr_array_add (histories, history);
    }
  job->result = histories;
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

static gboolean
list_sources_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL || (job->result = sp_store_list_sources (store, error)) == NULL)
    return FALSE;
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

static gboolean
save_source_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL)
    return FALSE;
  return job->num[0] ? sp_store_add_source (store, job->object, error)
                     : sp_store_update_source (store, job->object, error);
}

static gboolean
delete_source_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  return store != NULL && sp_store_delete_source (store, job->text[0], error);
}

static gboolean
backup_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  return sp_store_backup_to (self->path, job->text[0], error);
}

static gboolean
restore_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  gboolean ok = sp_store_restore (self->path, job->text[0], NULL, error);

  /* reopen on the next job: the restored file may carry an older schema */
  g_clear_object (&self->store);
  g_clear_object (&self->ledger);
  return ok;
}

SP_STORE_SERVICE_DEFINE_READ (GPtrArray *, load_offers, load_offers_job)

void
sp_store_service_price_history_async (SpStoreService      *self,
                                      const char          *source,
                                      const char          *offer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  job = sp_store_job_new (price_history_job, SP_STORE_CHANGE_NONE);
  job->text[0] = g_strdup (source);
  job->text[1] = g_strdup (offer_id);
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_price_history_async);
}

SP_STORE_SERVICE_DEFINE_FINISH (GArray *, price_history)

void
sp_store_service_price_histories_async (SpStoreService      *self,
                                        GPtrArray           *offers,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (offers != NULL);
  job = sp_store_job_new (price_histories_job, SP_STORE_CHANGE_NONE);
  job->object = g_ptr_array_copy (offers, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (job->object, g_object_unref);
  job->object_free = (GDestroyNotify) g_ptr_array_unref;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_price_histories_async);
}

SP_STORE_SERVICE_DEFINE_FINISH (GPtrArray *, price_histories)

SP_STORE_SERVICE_DEFINE_READ (GPtrArray *, list_sources, list_sources_job)

void
sp_store_service_save_source_async (SpStoreService      *self,
                                    SpSource            *source,
                                    gboolean             is_new,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (SP_IS_SOURCE (source));
  job = sp_store_job_new (save_source_job, SP_STORE_CHANGE_SOURCES);
  job->object = g_object_ref (source);
  job->object_free = g_object_unref;
  job->num[0] = is_new;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_save_source_async);
}

SP_STORE_SERVICE_DEFINE_TEXT_ASYNC (delete_source, delete_source_job,
                                    SP_STORE_CHANGE_SOURCES | SP_STORE_CHANGE_OFFERS)

SP_STORE_SERVICE_DEFINE_TEXT_ASYNC (backup, backup_job, SP_STORE_CHANGE_NONE)

SP_STORE_SERVICE_DEFINE_TEXT_ASYNC (restore, restore_job, SP_STORE_CHANGE_ALL)

/* ---------------------------------------------------------------- class */

void
sp_store_service_set_default_rate (SpStoreService *self,
                                   SpMoney         usd_cny,
                                   const char     *rate_date)
{
  g_return_if_fail (SP_IS_STORE_SERVICE (self));

  g_mutex_lock (&self->rate_lock);
  self->usd_cny = usd_cny;
  g_free (self->rate_date);
  self->rate_date = g_strdup (rate_date);
  g_mutex_unlock (&self->rate_lock);
}

void
sp_store_service_set_open_func (SpStoreService *self,
                                SpStoreOpenFunc func)
{
  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  self->open_func = func;
}

void
sp_store_service_notify_changed (SpStoreService *self,
                                 SpStoreChange   changes)
{
  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  emit_changes (self, changes);
}

const char *
sp_store_service_get_path (SpStoreService *self)
{
  g_return_val_if_fail (SP_IS_STORE_SERVICE (self), NULL);
  return self->path;
}

static void
sp_store_service_finalize (GObject *object)
{
  SpStoreService *self = SP_STORE_SERVICE (object);

  /* every queued job holds a reference: the worker is idle here */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->store);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->rate_lock);
  g_free (self->rate_date);
  g_free (self->path);

  G_OBJECT_CLASS (sp_store_service_parent_class)->finalize (object);
}

static void
sp_store_service_class_init (SpStoreServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[REFRESH_PROGRESS] = {
    "offers-changed", "sources-changed", "wallet-changed",
    "ledger-changed", "watchlist-changed", "restored",
  };

  object_class->finalize = sp_store_service_finalize;

  /* SpStoreService::offers-changed, ::sources-changed, ::wallet-changed,
   * ::ledger-changed, ::watchlist-changed, ::restored: see the header. */
  for (guint i = 0; i < REFRESH_PROGRESS; i++)
    signals[i] = g_signal_new (names[i], G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* SpStoreService::refresh-progress: (name, SpRefreshState, bytes), as
   * SpRefresher::progress */
  signals[REFRESH_PROGRESS] =
    g_signal_new ("refresh-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_UINT64);
}

static void
sp_store_service_init (SpStoreService *self)
{
  g_mutex_init (&self->rate_lock);
  self->context = g_main_context_ref_thread_default ();
  self->pool = g_thread_pool_new (worker, self, 1, TRUE, NULL);
}

SpStoreService *
sp_store_service_new (const char *path)
{
  SpStoreService *self;

  g_return_val_if_fail (path != NULL, NULL);
  self = g_object_new (SP_TYPE_STORE_SERVICE, NULL);
  self->path = g_strdup (path);
  return self;
}
