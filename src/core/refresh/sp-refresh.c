/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh.c — refresh vendor sources concurrently over HTTPS
 *
 * One SoupSession for the refresher.  A refresh starts every source at once;
 * each source is a Fetch that walks through
 *
 *   check URL → (look up API key) → attempt: send → redirects → read body
 *   → parse in a worker thread → commit (own transaction) and record the
 *   outcome on the writer thread
 *
 * An attempt has its own GCancellable, cancelled by the overall cancellable
 * and by a whole-response deadline (a GSource).  Timeouts, connection errors
 * and 5xx answers start a new attempt after an exponential backoff; 4xx,
 * TLS errors, bad catalogs and oversized bodies do not.  Nothing about a
 * source's offers changes unless its new catalog parsed and committed.
 *
 * Everything except the parse and the writes runs on the main context of
 * the thread that called sp_refresher_refresh_async(), which is also where
 * ::progress is emitted and where the store is read (the source list, a
 * cancelled source's counts).  Every write — a catalog, a programme file,
 * the source's status — runs on the refresher's writer thread, on its own
 * connection (sp-refresh-write.c), so a large catalog never holds up the
 * caller's main loop.
 *
 * This file holds the object, a refresh's jobs and the public API; one
 * fetch is in sp-refresh-fetch.c, its HTTP in sp-refresh-http.c. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sp-refresh-private.h"
#include "sp-secret.h"

G_DEFINE_FINAL_TYPE (SpRefresher, sp_refresher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sp_refresh_emit_progress (Fetch *fetch, SpRefreshState state, guint64 bytes)
{
  g_signal_emit (fetch->job->self, signals[SIGNAL_PROGRESS], 0,
                 fetch->outcome->name, (int) state, bytes);
}

static void
job_free (Job *job)
{
  if (job->cancel_source)
    {
      g_source_destroy (job->cancel_source);
      g_source_unref (job->cancel_source);
    }
  g_ptr_array_unref (job->fetches);
  g_clear_pointer (&job->outcomes, g_ptr_array_unref);
  g_clear_object (&job->cancellable);
  g_main_context_unref (job->context);
  g_object_unref (job->self);
  g_free (job);
}

gboolean
sp_refresh_job_cancelled (Job *job)
{
  return job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable);
}

void
sp_refresh_job_release (Job *job)
{
  GTask *task;

  g_assert (job->pending > 0);
  if (--job->pending > 0)
    return;

  /* With the caller's cancellable cancelled, GTask turns this into
   * G_IO_ERROR_CANCELLED (and frees the array). */
  if (job->cancel_source)
    {
      g_source_destroy (job->cancel_source);
      g_clear_pointer (&job->cancel_source, g_source_unref);
    }
  task = g_steal_pointer (&job->task);
  g_task_return_pointer (task, g_steal_pointer (&job->outcomes),
                         (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

/* The caller's cancellable is watched with a GCancellableSource rather
 * than g_cancellable_connect(): a fetch may end (and would have to
 * disconnect) while ::cancelled is being emitted, which deadlocks in GLib
 * 2.74.  The source runs on the main context and cancels every running
 * attempt. */
static gboolean
on_job_cancelled (GCancellable *cancellable, gpointer user_data)
{
  Job *job = user_data;
  /* an attempt may end (and the job with it) while cancelling */
  GTask *hold = g_object_ref (job->owner);

  for (guint i = 0; i < job->fetches->len; i++)
    {
      Fetch *fetch = g_ptr_array_index (job->fetches, i);

      if (!fetch->finished && fetch->cancellable != NULL)
        g_cancellable_cancel (fetch->cancellable);
    }
  g_object_unref (hold);

  return G_SOURCE_REMOVE;
}

/* ---- GObject ---- */

static void
sp_refresher_dispose (GObject *object)
{
  SpRefresher *self = SP_REFRESHER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  /* a running refresh holds a reference: the writer is idle by now */
  if (self->writer != NULL)
    g_thread_pool_free (g_steal_pointer (&self->writer), FALSE, TRUE);
  g_clear_object (&self->writer_store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_refresher_parent_class)->dispose (object);
}

static void
sp_refresher_finalize (GObject *object)
{
  SpRefresher *self = SP_REFRESHER (object);

  g_free (self->path);

  G_OBJECT_CLASS (sp_refresher_parent_class)->finalize (object);
}

static void
sp_refresher_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SpRefresher *self = SP_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_refresher_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SpRefresher *self = SP_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_refresher_class_init (SpRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_refresher_dispose;
  object_class->finalize = sp_refresher_finalize;
  object_class->get_property = sp_refresher_get_property;
  object_class->set_property = sp_refresher_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpRefresher::progress:
   * @name: the source
   * @state: an #SpRefreshState
   * @bytes: bytes of the catalog received so far
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_INT, G_TYPE_UINT64);
}

static void
sp_refresher_init (SpRefresher *self)
{
  sp_refresh_config_init_default (&self->config);
}

/* ---- public API ---- */

void
sp_refresh_config_init_default (SpRefreshConfig *config)
{
  g_return_if_fail (config != NULL);

  config->connect_timeout = 10;
  config->response_timeout = 30;
  config->max_body_size = 64 * 1024 * 1024;
  config->max_retries = 2;
  config->backoff_ms = 500;
}

void
sp_refresh_outcome_free (SpRefreshOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->name);
  g_free (outcome->error);
  g_free (outcome);
}

SpRefresher *
sp_refresher_new (SpStore *store, const SpRefreshConfig *config)
{
  SpRefresher *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_REFRESHER, "store", store, NULL);
  if (config != NULL)
    self->config = *config;
  if (self->config.connect_timeout == 0)
    self->config.connect_timeout = 10;
  if (self->config.response_timeout == 0)
    self->config.response_timeout = 30;
  if (self->config.max_body_size == 0)
    self->config.max_body_size = 64 * 1024 * 1024;
  self->path = g_strdup (sp_store_get_path (store));
  self->writer = g_thread_pool_new (sp_refresh_writer_run, self, 1, TRUE, NULL);

  /* Each source is usually its own host, but loopback test feeds and
   * several catalogs of one vendor share one: allow them to run together. */
  self->session = soup_session_new_with_options ("max-conns", 64,
                                                 "max-conns-per-host", 16,
                                                 "timeout", self->config.connect_timeout,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Suanpan/" PACKAGE_VERSION " ",
                                                 NULL);
  /* gzip/deflate: a default feature in libsoup 3, but make sure */
  if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);

  return self;
}

static SpRefreshOutcome *
outcome_new (const char *name)
{
  SpRefreshOutcome *outcome = g_new0 (SpRefreshOutcome, 1);

  outcome->name = g_strdup (name);
  return outcome;
}

static void
job_add (Job *job, const char *name, SpSource *source)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->job = job;
  fetch->outcome = outcome_new (name);
  fetch->source = source ? g_object_ref (source) : NULL;
  fetch->expected_length = -1;
  if (source == NULL)
    fetch->outcome->error = g_strdup_printf (_("There is no source “%s”"), name);
  g_ptr_array_add (job->outcomes, fetch->outcome);
  g_ptr_array_add (job->fetches, fetch);
}

void
sp_refresher_refresh_async (SpRefresher         *self,
                            const char * const  *names,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (SP_IS_REFRESHER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_refresher_refresh_async);

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->context = g_main_context_ref_thread_default ();
  job->fetches = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_refresh_fetch_free);
  job->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_refresh_outcome_free);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (names != NULL && names[0] != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr(SpSource) source = NULL;
          g_autoptr(GError) local_error = NULL;

          source = sp_store_get_source (self->store, names[i], &local_error);
          if (source == NULL && local_error != NULL
              && !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
            {
              g_task_return_error (task, g_steal_pointer (&local_error));
              return;
            }
          job_add (job, names[i], source);
        }
    }
  else
    {
      g_autoptr(GPtrArray) sources = sp_store_list_sources (self->store, &error);

      if (sources == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      for (guint i = 0; i < sources->len; i++)
        {
          SpSource *source = g_ptr_array_index (sources, i);

          /* hand-imported catalogs have no address */
          if (sp_source_get_enabled (source) && sp_source_get_url (source) != NULL)
            job_add (job, sp_source_get_name (source), source);
        }
    }

  job->task = g_object_ref (task);
  job->owner = task;
  if (cancellable != NULL)
    {
      job->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (on_job_cancelled), job, NULL);
      g_source_attach (job->cancel_source, job->context);
    }
  /* one extra hold so that fetches failing at once cannot end the job early */
  job->pending = job->fetches->len + 1;

  for (guint i = 0; i < job->fetches->len; i++)
    sp_refresh_emit_progress (g_ptr_array_index (job->fetches, i), SP_REFRESH_STATE_QUEUED, 0);
  for (guint i = 0; i < job->fetches->len; i++)
    sp_refresh_fetch_start (g_ptr_array_index (job->fetches, i));

  sp_refresh_job_release (job);
}

GPtrArray *
sp_refresher_refresh_finish (SpRefresher   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (SP_IS_REFRESHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_refresher_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
