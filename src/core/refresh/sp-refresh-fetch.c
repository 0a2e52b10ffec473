/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh-fetch.c — one source's fetch: its life cycle, attempts with
 * a deadline and backoff, file:// sources and the parse in a worker thread
 * (see sp-refresh.c for the whole walk; the commit, on the refresher's
 * writer thread, is sp-refresh-write.c) */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sp-programme.h"
#include "sp-refresh-private.h"
#include "sp-secret.h"
#include "sp-wallet-store.h"

static void fetch_attempt_begin (Fetch *fetch);

static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
parse_data_free (ParseData *data)
{
  g_bytes_unref (data->data);
  g_free (data->name);
  g_free (data->filename);
  g_free (data);
}

static gboolean
is_programme_source (Fetch *fetch)
{
  return fetch->source != NULL && sp_source_get_format (fetch->source) == SP_FEED_FORMAT_PROGRAMMES;
}

/* The counts of a cancelled fetch's outcome: offers, and a programme
 * source's programmes (a read: WAL lets it go on beside the writer) */
static void
outcome_count (Fetch *fetch)
{
  SpRefreshOutcome *outcome = fetch->outcome;
  SpStore *store = fetch->job->self->store;

  outcome->offers = sp_store_count_offers (store, outcome->name);
  if (!is_programme_source (fetch))
    return;
  outcome->is_programmes = TRUE;
  outcome->programmes = sp_refresh_count_programmes (store, outcome->name);
}

static char *
uri_basename (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  const char *slash;
  char *name;

  if (path == NULL)
    return NULL;
  slash = strrchr (path, '/');
  name = g_uri_unescape_string (slash ? slash + 1 : path, NULL);
  if (name != NULL && name[0] == '\0')
    g_clear_pointer (&name, g_free);

  return name;
}

/* ---- fetch life cycle ---- */

void
sp_refresh_fetch_attempt_clear (Fetch *fetch)
{
  if (fetch->deadline)
    {
      g_source_destroy (fetch->deadline);
      g_clear_pointer (&fetch->deadline, g_source_unref);
    }
  if (fetch->backoff)
    {
      g_source_destroy (fetch->backoff);
      g_clear_pointer (&fetch->backoff, g_source_unref);
    }
  if (fetch->backoff_cancel)
    {
      g_source_destroy (fetch->backoff_cancel);
      g_clear_pointer (&fetch->backoff_cancel, g_source_unref);
    }
  g_clear_object (&fetch->cancellable);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->msg);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  fetch->timed_out = FALSE;
  fetch->answered = FALSE;
  fetch->expected_length = -1;
  fetch->redirects = 0;
}

void
sp_refresh_fetch_free (Fetch *fetch)
{
  sp_refresh_fetch_attempt_clear (fetch);
  g_clear_object (&fetch->source);
  g_clear_pointer (&fetch->origin, g_uri_unref);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_clear_pointer (&fetch->api_key, secret_free);
  g_free (fetch->http_details);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_free (fetch);
}

void
sp_refresh_fetch_finish (Fetch *fetch)
{
  g_assert (!fetch->finished);
  fetch->finished = TRUE;
  sp_refresh_fetch_attempt_clear (fetch);
  fetch->outcome->seconds = (g_get_monotonic_time () - fetch->started_us) / (double) G_USEC_PER_SEC;
  sp_refresh_emit_progress (fetch, fetch->outcome->ok ? SP_REFRESH_STATE_DONE : SP_REFRESH_STATE_FAILED, 0);
  sp_refresh_job_release (fetch->job);
}

/* Ends the fetch as failed; the writer records the failure in the store
 * (the source's offers are not touched). */
void
sp_refresh_fetch_fail (Fetch *fetch, const char *text)
{
  SpRefreshOutcome *outcome = fetch->outcome;

  outcome->ok = FALSE;
  outcome->not_modified = FALSE;
  outcome->http_status = fetch->http_status;
  g_free (outcome->error);
  outcome->error = g_strdup (text);

  if (fetch->source != NULL)
    sp_refresh_write (fetch, NULL, NULL, NULL, FALSE, text, NULL, NULL);
  else
    sp_refresh_fetch_finish (fetch);
}

/* Cancelled by the caller: nothing is recorded, nothing changes. */
static void
fetch_cancel (Fetch *fetch)
{
  SpRefreshOutcome *outcome = fetch->outcome;

  outcome->ok = FALSE;
  outcome->http_status = fetch->http_status;
  g_free (outcome->error);
  outcome->error = g_strdup (_("The refresh was cancelled"));
  if (fetch->source != NULL)
    outcome_count (fetch);
  sp_refresh_fetch_finish (fetch);
}

/* Ends the fetch as a success once the writer has stored @import or
 * @programmes with @feed (any may be NULL; taken) and recorded it. */
static void
fetch_store (Fetch *fetch, SpImportResult *import, GPtrArray *programmes, GBytes *feed,
             gboolean not_modified, const char *etag, const char *last_modified)
{
  SpRefreshOutcome *outcome = fetch->outcome;

  outcome->ok = TRUE;
  outcome->not_modified = not_modified;
  outcome->http_status = fetch->http_status;
  g_clear_pointer (&outcome->error, g_free);
  sp_refresh_write (fetch, import, programmes, feed, TRUE, NULL, etag, last_modified);
}

void
sp_refresh_fetch_succeed (Fetch *fetch, gboolean not_modified, const char *etag, const char *last_modified)
{
  fetch_store (fetch, NULL, NULL, NULL, not_modified, etag, last_modified);
}

static gboolean
on_backoff_cancelled (GCancellable *cancellable, gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch_cancel (fetch);
  return G_SOURCE_REMOVE;
}

static gboolean
on_backoff_done (gpointer user_data)
{
  Fetch *fetch = user_data;

  g_source_destroy (fetch->backoff_cancel);
  g_clear_pointer (&fetch->backoff_cancel, g_source_unref);
  g_clear_pointer (&fetch->backoff, g_source_unref);
  fetch_attempt_begin (fetch);

  return G_SOURCE_REMOVE;
}

/* A fresh cancellable for the next attempt. */
static void
fetch_attempt_prepare (Fetch *fetch)
{
  fetch->cancellable = g_cancellable_new ();
  if (sp_refresh_job_cancelled (fetch->job))
    g_cancellable_cancel (fetch->cancellable);
}

/* A failed attempt: try again after a backoff when that may help, or give up. */
void
sp_refresh_fetch_attempt_failed (Fetch *fetch, const char *text, gboolean retryable)
{
  SpRefresher *self = fetch->job->self;
  guint delay_ms;

  if (sp_refresh_job_cancelled (fetch->job))
    {
      fetch_cancel (fetch);
      return;
    }

  if (!retryable || fetch->attempt >= self->config.max_retries)
    {
      sp_refresh_fetch_fail (fetch, text);
      return;
    }

  g_debug ("%s: attempt %u failed (%s), retrying", fetch->outcome->name, fetch->attempt + 1, text);
  sp_refresh_fetch_attempt_clear (fetch);
  delay_ms = self->config.backoff_ms << MIN (fetch->attempt, 16u);
  fetch->attempt++;
  fetch_attempt_prepare (fetch);
  sp_refresh_emit_progress (fetch, SP_REFRESH_STATE_QUEUED, 0);

  fetch->backoff = g_timeout_source_new (delay_ms);
  g_source_set_callback (fetch->backoff, on_backoff_done, fetch, NULL);
  g_source_attach (fetch->backoff, fetch->job->context);
  fetch->backoff_cancel = g_cancellable_source_new (fetch->cancellable);
  g_source_set_callback (fetch->backoff_cancel, G_SOURCE_FUNC (on_backoff_cancelled), fetch, NULL);
  g_source_attach (fetch->backoff_cancel, fetch->job->context);
}

void
sp_refresh_fetch_attempt_error (Fetch *fetch, const GError *error, gboolean reading)
{
  g_autofree char *text = NULL;
  gboolean retryable;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !fetch->timed_out)
    {
      fetch_cancel (fetch);
      return;
    }

  text = sp_refresh_describe_error (fetch, error, reading, &retryable);
  sp_refresh_fetch_attempt_failed (fetch, text, retryable);
}

/* ---- parse and commit ---- */

/* A catalog parses into an SpImportResult; a programme file is validated
 * into a list of SpProgramme here and kept by the writer. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  gpointer parsed;
  GDestroyNotify free_parsed;
  gsize len;
  const char *bytes = g_bytes_get_data (data->data, &len);

  if (data->programmes)
    {
      parsed = sp_programme_list_from_feed (bytes, len, &error);
      free_parsed = (GDestroyNotify) g_ptr_array_unref;
    }
  else
    {
      parsed = sp_import_parse (bytes, len, data->format, data->name, data->filename, &error);
      free_parsed = g_object_unref;
    }
  if (parsed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parsed, free_parsed);
}

/* The parsed response goes to the writer with the fetch's validators. */
static void
fetch_save (Fetch *fetch, SpImportResult *import, GPtrArray *programmes, GBytes *feed)
{
  g_autofree char *etag = g_strdup (fetch->etag);
  g_autofree char *last_modified = g_strdup (fetch->last_modified);

  fetch_store (fetch, import, programmes, feed, FALSE, etag, last_modified);
}

static void
on_parsed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(SpImportResult) import = NULL;
  g_autoptr(GError) error = NULL;

  import = g_task_propagate_pointer (G_TASK (result), &error);

  if (sp_refresh_job_cancelled (fetch->job))
    {
      fetch_cancel (fetch);
      return;
    }

  if (import == NULL)
    {
      sp_refresh_fetch_fail (fetch, error->message);
      return;
    }

  fetch_save (fetch, g_steal_pointer (&import), NULL, NULL);
}

/* ---- a programme source: validate in the worker, keep on the writer ---- */

static void
on_programmes_parsed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Fetch *fetch = user_data;
  ParseData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = g_task_propagate_pointer (G_TASK (result), &error);

  if (sp_refresh_job_cancelled (fetch->job))
    {
      fetch_cancel (fetch);
      return;
    }

  if (list == NULL)
    {
      /* Translators: %s says what is wrong, e.g. "“programmes[0].source” is missing" */
      g_autofree char *text = g_strdup_printf (_("The programme file was refused, the programmes "
                                                 "already in the list stay: %s"),
                                               error->message);
      sp_refresh_fetch_fail (fetch, text);
      return;
    }

  fetch_save (fetch, NULL, g_steal_pointer (&list), g_bytes_ref (data->data));
}

void
sp_refresh_fetch_parse (Fetch *fetch)
{
  SpRefresher *self = fetch->job->self;
  g_autoptr(GTask) task = NULL;
  ParseData *data;
  guint len = fetch->body->len;

  /* the response is complete: the deadline no longer applies */
  if (fetch->deadline)
    {
      g_source_destroy (fetch->deadline);
      g_clear_pointer (&fetch->deadline, g_source_unref);
    }
  g_clear_object (&fetch->stream);

  if (len == 0)
    {
      sp_refresh_fetch_fail (fetch, _("The server sent an empty catalog"));
      return;
    }

  sp_refresh_emit_progress (fetch, SP_REFRESH_STATE_PARSING, len);

  data = g_new0 (ParseData, 1);
  data->data = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
  data->format = sp_source_get_format (fetch->source);
  data->name = g_strdup (fetch->outcome->name);
  data->filename = uri_basename (fetch->uri);
  data->programmes = is_programme_source (fetch);

  task = g_task_new (self, NULL, data->programmes ? on_programmes_parsed : on_parsed, fetch);
  g_task_set_source_tag (task, sp_refresh_fetch_parse);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (task, parse_thread);
}

/* ---- file:// ---- */

static void
on_file_opened (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  GFileInputStream *stream;

  stream = g_file_read_finish (G_FILE (object), result, &error);
  if (stream == NULL)
    {
      sp_refresh_fetch_attempt_error (fetch, error, FALSE);
      return;
    }

  sp_refresh_fetch_read_body (fetch, G_INPUT_STREAM (stream));
}

/* ---- attempts ---- */

static gboolean
on_deadline (gpointer user_data)
{
  Fetch *fetch = user_data;

  g_clear_pointer (&fetch->deadline, g_source_unref);
  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);

  return G_SOURCE_REMOVE;
}

static void
fetch_attempt_begin (Fetch *fetch)
{
  SpRefresher *self = fetch->job->self;

  g_clear_pointer (&fetch->uri, g_uri_unref);
  fetch->uri = g_uri_ref (fetch->origin);
  fetch->redirects = 0;
  fetch->http_status = 0;
  g_clear_pointer (&fetch->http_details, g_free);

  fetch->deadline = g_timeout_source_new ((guint) MIN ((guint64) self->config.response_timeout * 1000,
                                                       G_MAXUINT));
  g_source_set_callback (fetch->deadline, on_deadline, fetch, NULL);
  g_source_attach (fetch->deadline, fetch->job->context);

  if (fetch->is_file)
    {
      g_autoptr(GFile) file = NULL;
      g_autofree char *url = g_uri_to_string (fetch->uri);

      file = g_file_new_for_uri (url);
      sp_refresh_emit_progress (fetch, SP_REFRESH_STATE_CONNECTING, 0);
      g_file_read_async (file, G_PRIORITY_DEFAULT, fetch->cancellable, on_file_opened, fetch);
      return;
    }

  sp_refresh_fetch_http_send (fetch);
}

static void
on_key_looked_up (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = sp_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || sp_refresh_job_cancelled (fetch->job))
        {
          fetch_cancel (fetch);
          return;
        }
      text = g_strdup_printf (_("The API key could not be read from the keyring: %s"),
                              error->message);
      sp_refresh_fetch_fail (fetch, text);
      return;
    }

  fetch->api_key = key;
  fetch_attempt_begin (fetch);
}

void
sp_refresh_fetch_start (Fetch *fetch)
{
  g_autoptr(GError) error = NULL;
  const char *url;
  const char *scheme;

  fetch->started_us = g_get_monotonic_time ();

  if (fetch->source == NULL)
    {
      sp_refresh_fetch_finish (fetch);  /* the outcome already says why */
      return;
    }

  url = sp_source_get_url (fetch->source);
  if (url == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The source “%s” has no address to refresh from"),
                                               fetch->outcome->name);

      sp_refresh_fetch_fail (fetch, text);
      return;
    }

  /* before any traffic, and so before any name lookup */
  if (!sp_source_check_url (url, &error))
    {
      sp_refresh_fetch_fail (fetch, error->message);
      return;
    }

  fetch->origin = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (fetch->origin == NULL)
    {
      sp_refresh_fetch_fail (fetch, _("This is not a web address; a catalog address looks like "
                           "https://example.com/prices.json"));
      return;
    }
  fetch->uri = g_uri_ref (fetch->origin);
  scheme = g_uri_get_scheme (fetch->origin);
  fetch->is_file = g_ascii_strcasecmp (scheme, "file") == 0;

  fetch_attempt_prepare (fetch);

  if (!fetch->is_file && sp_source_get_has_api_key (fetch->source))
    {
      sp_secret_lookup_async (fetch->outcome->name, fetch->cancellable, on_key_looked_up, fetch);
      return;
    }

  fetch_attempt_begin (fetch);
}
