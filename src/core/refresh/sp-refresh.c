/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh.c — refresh vendor sources concurrently over HTTPS
 *
 * One SoupSession for the refresher.  A refresh starts every source at once;
 * each source is a Fetch that walks through
 *
 *   check URL → (look up API key) → attempt: send → redirects → read body
 *   → parse in a worker thread → commit (own transaction) → record outcome
 *
 * An attempt has its own GCancellable, cancelled by the overall cancellable
 * and by a whole-response deadline (a GSource).  Timeouts, connection errors
 * and 5xx answers start a new attempt after an exponential backoff; 4xx,
 * TLS errors, bad catalogs and oversized bodies do not.  Nothing about a
 * source's offers changes unless its new catalog parsed and committed.
 *
 * Everything except the parse runs on the main context of the thread that
 * called sp_refresher_refresh_async(), which is also where ::progress is
 * emitted and where the store is used. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sp-refresh.h"
#include "sp-secret.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK    (64 * 1024)

struct _SpRefresher
{
  GObject          parent_instance;

  SpStore         *store;
  SpRefreshConfig  config;
  SoupSession     *session;
};

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

typedef struct _Job Job;

typedef struct
{
  Job              *job;
  SpRefreshOutcome *outcome;   /* owned by job->outcomes */
  SpSource         *source;    /* NULL for an unknown name */
  GUri             *origin;    /* the source's URL */
  GUri             *uri;       /* the URL of the current request */
  char             *api_key;
  gboolean          is_file;
  guint             attempt;   /* 0 for the first */
  guint             redirects;
  gint64            started_us;

  /* the current attempt */
  GCancellable     *cancellable;
  GSource          *deadline;
  GSource          *backoff;
  GSource          *backoff_cancel;
  gboolean          timed_out;
  gboolean          answered;  /* response headers arrived */
  SoupMessage      *msg;
  GInputStream     *stream;
  GByteArray       *body;
  goffset           expected_length;  /* -1 unknown */

  /* what the last response said */
  guint             http_status;
  char             *http_details;
  char             *etag;
  char             *last_modified;

  gboolean          finished;
} Fetch;

struct _Job
{
  SpRefresher  *self;
  GTask        *task;         /* until it returns */
  GCancellable *cancellable;  /* the caller's, may be NULL */
  GSource      *cancel_source;  /* watches it from the main context */
  GTask        *owner;        /* not a reference: the task owns the job */
  GMainContext *context;
  GPtrArray    *fetches;      /* Fetch */
  GPtrArray    *outcomes;     /* SpRefreshOutcome */
  guint         pending;
};

typedef struct
{
  GBytes       *data;
  SpFeedFormat  format;
  char         *name;
  char         *filename;
} ParseData;

/* ---- helpers ---- */

static void fetch_attempt_begin (Fetch *fetch);
static void fetch_http_send     (Fetch *fetch);
static void fetch_read_next     (Fetch *fetch);

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

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
emit_progress (Fetch *fetch, SpRefreshState state, guint64 bytes)
{
  g_signal_emit (fetch->job->self, signals[SIGNAL_PROGRESS], 0,
                 fetch->outcome->name, (int) state, bytes);
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);
  const char *scheme = g_uri_get_scheme (uri);

  if (port > 0)
    return port;
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return 443;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return 80;
  return -1;
}

/* scheme + host + port */
static gboolean
same_origin (GUri *a, GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                                g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0
         && effective_port (a) == effective_port (b);
}

/* A URL for people to read: no user name, password or auth parameters. */
static char *
uri_for_display (GUri *uri)
{
  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_PASSWORD
                                       | G_URI_HIDE_AUTH_PARAMS);
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

static const char *
http_version_string (SoupHTTPVersion version)
{
  switch (version)
    {
    case SOUP_HTTP_1_0:
      return "HTTP/1.0";
    case SOUP_HTTP_2_0:
      return "HTTP/2";
    case SOUP_HTTP_1_1:
    default:
      return "HTTP/1.1";
    }
}

/* The status line, selected headers and the final URL; never request
 * headers (so never the Authorization header). */
static char *
build_http_details (SoupMessage *msg, GUri *uri)
{
  static const char * const names[] = {
    "Content-Type", "Content-Length", "Content-Encoding", "ETag", "Last-Modified",
    "Date", "Server",
  };
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autofree char *url = uri_for_display (uri);
  GString *details = g_string_new (NULL);
  const char *reason = soup_message_get_reason_phrase (msg);

  g_string_append_printf (details, "%s %u %s\n",
                          http_version_string (soup_message_get_http_version (msg)),
                          soup_message_get_status (msg), reason ? reason : "");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = soup_message_headers_get_one (headers, names[i]);

      if (value != NULL)
        g_string_append_printf (details, "%s: %s\n", names[i], value);
    }
  g_string_append_printf (details, "URL: %s", url);

  return g_string_free (details, FALSE);
}

static char *
status_text (guint status, const char *reason)
{
  if (reason == NULL || reason[0] == '\0')
    reason = soup_status_get_phrase (status);
  if (reason == NULL)
    reason = "";
  /* TRANSLATORS: %u is an HTTP status code and %s its reason, e.g. "500 Internal Server Error" */
  return g_strdup_printf (_("The server answered %u %s"), status, reason);
}

static char *
too_large_text (gsize limit)
{
  g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  /* TRANSLATORS: %s is a size such as "64.0 MiB" */
  return g_strdup_printf (_("The catalog is larger than the %s limit"), size);
}

static char *
no_answer_text (guint seconds, gboolean answered)
{
  if (answered)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The catalog did not arrive within %u second",
                                         "The catalog did not arrive within %u seconds",
                                         seconds),
                            seconds);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "No answer within %u second",
                                       "No answer within %u seconds",
                                       seconds),
                          seconds);
}

/* ---- fetch life cycle ---- */

static void
fetch_attempt_clear (Fetch *fetch)
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

static void
fetch_free (Fetch *fetch)
{
  fetch_attempt_clear (fetch);
  g_clear_object (&fetch->source);
  g_clear_pointer (&fetch->origin, g_uri_unref);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_clear_pointer (&fetch->api_key, secret_free);
  g_free (fetch->http_details);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_free (fetch);
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

static gboolean
job_cancelled (Job *job)
{
  return job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable);
}

static void
job_release (Job *job)
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

static void
fetch_finish (Fetch *fetch)
{
  g_assert (!fetch->finished);
  fetch->finished = TRUE;
  fetch_attempt_clear (fetch);
  fetch->outcome->seconds = (g_get_monotonic_time () - fetch->started_us) / (double) G_USEC_PER_SEC;
  emit_progress (fetch, fetch->outcome->ok ? SP_REFRESH_STATE_DONE : SP_REFRESH_STATE_FAILED, 0);
  job_release (fetch->job);
}

/* Ends the fetch as failed; records the failure in the store (the source's
 * offers are not touched). */
static void
fetch_fail (Fetch *fetch, const char *text)
{
  SpRefreshOutcome *outcome = fetch->outcome;
  g_autoptr(GError) error = NULL;

  outcome->ok = FALSE;
  outcome->not_modified = FALSE;
  outcome->http_status = fetch->http_status;
  g_free (outcome->error);
  outcome->error = g_strdup (text);

  if (fetch->source != NULL)
    {
      if (!sp_store_record_refresh (fetch->job->self->store, outcome->name, now_seconds (),
                                    FALSE, text, fetch->http_status, fetch->http_details,
                                    NULL, NULL, &error))
        g_warning ("Could not record the refresh of %s: %s", outcome->name, error->message);
      outcome->offers = sp_store_count_offers (fetch->job->self->store, outcome->name);
    }

  fetch_finish (fetch);
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
    outcome->offers = sp_store_count_offers (fetch->job->self->store, outcome->name);
  fetch_finish (fetch);
}

static void
fetch_succeed (Fetch *fetch, gboolean not_modified, const char *etag, const char *last_modified)
{
  SpRefreshOutcome *outcome = fetch->outcome;
  SpStore *store = fetch->job->self->store;
  g_autoptr(GError) error = NULL;

  outcome->ok = TRUE;
  outcome->not_modified = not_modified;
  outcome->http_status = fetch->http_status;
  g_clear_pointer (&outcome->error, g_free);
  if (!sp_store_record_refresh (store, outcome->name, now_seconds (), TRUE, NULL,
                                fetch->http_status, fetch->http_details,
                                etag, last_modified, &error))
    g_warning ("Could not record the refresh of %s: %s", outcome->name, error->message);
  outcome->offers = sp_store_count_offers (store, outcome->name);

  fetch_finish (fetch);
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

/* A fresh cancellable for the next attempt. */
static void
fetch_attempt_prepare (Fetch *fetch)
{
  fetch->cancellable = g_cancellable_new ();
  if (job_cancelled (fetch->job))
    g_cancellable_cancel (fetch->cancellable);
}

/* A failed attempt: try again after a backoff when that may help, or give up. */
static void
fetch_attempt_failed (Fetch *fetch, const char *text, gboolean retryable)
{
  SpRefresher *self = fetch->job->self;
  guint delay_ms;

  if (job_cancelled (fetch->job))
    {
      fetch_cancel (fetch);
      return;
    }

  if (!retryable || fetch->attempt >= self->config.max_retries)
    {
      fetch_fail (fetch, text);
      return;
    }

  g_debug ("%s: attempt %u failed (%s), retrying", fetch->outcome->name, fetch->attempt + 1, text);
  fetch_attempt_clear (fetch);
  delay_ms = self->config.backoff_ms << MIN (fetch->attempt, 16u);
  fetch->attempt++;
  fetch_attempt_prepare (fetch);
  emit_progress (fetch, SP_REFRESH_STATE_QUEUED, 0);

  fetch->backoff = g_timeout_source_new (delay_ms);
  g_source_set_callback (fetch->backoff, on_backoff_done, fetch, NULL);
  g_source_attach (fetch->backoff, fetch->job->context);
  fetch->backoff_cancel = g_cancellable_source_new (fetch->cancellable);
  g_source_set_callback (fetch->backoff_cancel, G_SOURCE_FUNC (on_backoff_cancelled), fetch, NULL);
  g_source_attach (fetch->backoff_cancel, fetch->job->context);
}

/* Turns a GIO/libsoup error into plain words; says whether to retry. */
static char *
describe_error (Fetch *fetch, const GError *error, gboolean reading, gboolean *retryable)
{
  SpRefresher *self = fetch->job->self;
  const char *host = g_uri_get_host (fetch->uri);

  *retryable = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && fetch->timed_out)
    {
      *retryable = TRUE;
      return no_answer_text (self->config.response_timeout, fetch->answered);
    }

  if (fetch->is_file)
    return g_strdup_printf (_("The file could not be read: %s"), error->message);

  if (error->domain == G_TLS_ERROR)
    return g_strdup_printf (_("The secure connection to %s failed: %s"), host, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    {
      *retryable = error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;
      return g_strdup_printf (_("The server %s could not be found"), host);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *retryable = TRUE;
      return no_answer_text (self->config.connect_timeout, fetch->answered);
    }

  if (reading)
    {
      *retryable = TRUE;
      return g_strdup (_("The connection was cut before the catalog was complete"));
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      *retryable = TRUE;
      return g_strdup_printf (_("The server %s refused the connection"), host);
    }

  if (error->domain == G_IO_ERROR)
    {
      *retryable = TRUE;
      return g_strdup_printf (_("Could not reach the server %s: %s"), host, error->message);
    }

  return g_strdup_printf (_("The catalog could not be downloaded: %s"), error->message);
}

static void
fetch_attempt_error (Fetch *fetch, const GError *error, gboolean reading)
{
  g_autofree char *text = NULL;
  gboolean retryable;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !fetch->timed_out)
    {
      fetch_cancel (fetch);
      return;
    }

  text = describe_error (fetch, error, reading, &retryable);
  fetch_attempt_failed (fetch, text, retryable);
}

/* ---- parse and commit ---- */

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  SpImportResult *result;
  gsize len;
  const char *bytes = g_bytes_get_data (data->data, &len);

  result = sp_import_parse (bytes, len, data->format, data->name, data->filename, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
on_parsed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(SpImportResult) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;

  import = g_task_propagate_pointer (G_TASK (result), &error);

  if (job_cancelled (fetch->job))
    {
      fetch_cancel (fetch);
      return;
    }

  if (import == NULL)
    {
      fetch_fail (fetch, error->message);
      return;
    }

  if (!sp_store_replace_source (fetch->job->self->store, import, now_seconds (), NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The catalog could not be saved: %s"),
                                               error->message);
      fetch_fail (fetch, text);
      return;
    }

  etag = g_strdup (fetch->etag);
  last_modified = g_strdup (fetch->last_modified);
  fetch_succeed (fetch, FALSE, etag, last_modified);
}

static void
fetch_parse (Fetch *fetch)
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
      fetch_fail (fetch, _("The server sent an empty catalog"));
      return;
    }

  emit_progress (fetch, SP_REFRESH_STATE_PARSING, len);

  data = g_new0 (ParseData, 1);
  data->data = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
  data->format = sp_source_get_format (fetch->source);
  data->name = g_strdup (fetch->outcome->name);
  data->filename = uri_basename (fetch->uri);

  task = g_task_new (self, NULL, on_parsed, fetch);
  g_task_set_source_tag (task, fetch_parse);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (task, parse_thread);
}

/* ---- reading the body ---- */

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;
  SpRefresher *self = fetch->job->self;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      fetch_attempt_error (fetch, error, TRUE);
      return;
    }

  len = g_bytes_get_size (bytes);
  if (len == 0)
    {
      if (fetch->expected_length >= 0 && (goffset) fetch->body->len < fetch->expected_length)
        {
          fetch_attempt_failed (fetch, _("The connection was cut before the catalog was complete"),
                                TRUE);
          return;
        }
      fetch_parse (fetch);
      return;
    }

  if (fetch->body->len + len > self->config.max_body_size)
    {
      g_autofree char *text = too_large_text (self->config.max_body_size);

      fetch_fail (fetch, text);
      return;
    }

  g_byte_array_append (fetch->body, g_bytes_get_data (bytes, NULL), len);
  emit_progress (fetch, SP_REFRESH_STATE_DOWNLOADING, fetch->body->len);
  fetch_read_next (fetch);
}

static void
fetch_read_next (Fetch *fetch)
{
  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, on_read, fetch);
}

static void
fetch_read_body (Fetch *fetch, GInputStream *stream)
{
  fetch->stream = stream;
  fetch->body = g_byte_array_new ();
  emit_progress (fetch, SP_REFRESH_STATE_DOWNLOADING, 0);
  fetch_read_next (fetch);
}

/* ---- HTTP ---- */

static void
fetch_follow_redirect (Fetch *fetch)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_str = NULL;
  const char *scheme;

  if (++fetch->redirects > MAX_REDIRECTS)
    {
      fetch_attempt_failed (fetch, _("The server redirected too many times (a redirect loop?)"),
                            FALSE);
      return;
    }

  next = g_uri_parse_relative (fetch->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || g_uri_get_host (next) == NULL)
    {
      fetch_attempt_failed (fetch, _("The server redirected to an address that is not valid"),
                            FALSE);
      return;
    }

  scheme = g_uri_get_scheme (next);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      fetch_attempt_failed (fetch, _("The server redirected to an address that is not a web address"),
                            FALSE);
      return;
    }

  /* https → http only to loopback: sp_source_check_url refuses plain http
   * to any other host. */
  next_str = g_uri_to_string (next);
  if (!sp_source_check_url (next_str, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The server redirected to an insecure address: %s"),
                                               error->message);

      fetch_attempt_failed (fetch, text, FALSE);
      return;
    }

  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->msg);
  g_uri_unref (fetch->uri);
  fetch->uri = g_steal_pointer (&next);
  fetch_http_send (fetch);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;
  SpRefresher *self = fetch->job->self;
  g_autoptr(GError) error = NULL;
  GInputStream *stream;
  SoupMessageHeaders *headers;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      fetch_attempt_error (fetch, error, FALSE);
      return;
    }

  fetch->stream = stream;
  fetch->answered = TRUE;
  status = soup_message_get_status (fetch->msg);
  headers = soup_message_get_response_headers (fetch->msg);
  fetch->http_status = status;
  g_free (fetch->http_details);
  fetch->http_details = build_http_details (fetch->msg, fetch->uri);
  g_free (fetch->etag);
  fetch->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  g_free (fetch->last_modified);
  fetch->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      /* keep what we had when the answer does not repeat it */
      const char *etag = fetch->etag ? fetch->etag : sp_source_get_etag (fetch->source);
      const char *last_modified = fetch->last_modified
                                  ? fetch->last_modified
                                  : sp_source_get_last_modified (fetch->source);
      g_autofree char *etag_copy = g_strdup (etag);
      g_autofree char *last_modified_copy = g_strdup (last_modified);

      fetch_succeed (fetch, TRUE, etag_copy, last_modified_copy);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (status)
      && soup_message_headers_get_one (headers, "Location") != NULL)
    {
      fetch_follow_redirect (fetch);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *text = status_text (status, soup_message_get_reason_phrase (fetch->msg));

      fetch_attempt_failed (fetch, text, status >= 500 && status < 600);
      return;
    }

  fetch->expected_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      goffset length = soup_message_headers_get_content_length (headers);
      const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

      if (coding == NULL || g_ascii_strcasecmp (coding, "identity") == 0)
        {
          if (length > 0 && (guint64) length > self->config.max_body_size)
            {
              g_autofree char *text = too_large_text (self->config.max_body_size);

              fetch_fail (fetch, text);
              return;
            }
          fetch->expected_length = length;
        }
    }

  fetch_read_body (fetch, g_steal_pointer (&fetch->stream));
}

static void
fetch_http_send (Fetch *fetch)
{
  SpRefresher *self = fetch->job->self;
  SoupMessageHeaders *headers;
  const char *etag = sp_source_get_etag (fetch->source);
  const char *last_modified = sp_source_get_last_modified (fetch->source);

  fetch->msg = soup_message_new_from_uri (SOUP_METHOD_GET, fetch->uri);
  soup_message_add_flags (fetch->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->msg);
  soup_message_headers_replace (headers, "Accept", "application/json, text/csv;q=0.9, */*;q=0.5");
  if (etag != NULL && etag[0] != '\0')
    soup_message_headers_replace (headers, "If-None-Match", etag);
  if (last_modified != NULL && last_modified[0] != '\0')
    soup_message_headers_replace (headers, "If-Modified-Since", last_modified);
  /* the key goes only to the source's own origin, never after a
   * cross-origin redirect */
  if (fetch->api_key != NULL && same_origin (fetch->uri, fetch->origin))
    {
      g_autofree char *value = g_strconcat ("Bearer ", fetch->api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
    }

  emit_progress (fetch, SP_REFRESH_STATE_CONNECTING, 0);
  soup_session_send_async (self->session, fetch->msg, G_PRIORITY_DEFAULT,
                           fetch->cancellable, on_sent, fetch);
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
      fetch_attempt_error (fetch, error, FALSE);
      return;
    }

  fetch_read_body (fetch, G_INPUT_STREAM (stream));
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
      emit_progress (fetch, SP_REFRESH_STATE_CONNECTING, 0);
      g_file_read_async (file, G_PRIORITY_DEFAULT, fetch->cancellable, on_file_opened, fetch);
      return;
    }

  fetch_http_send (fetch);
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

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job_cancelled (fetch->job))
        {
          fetch_cancel (fetch);
          return;
        }
      text = g_strdup_printf (_("The API key could not be read from the keyring: %s"),
                              error->message);
      fetch_fail (fetch, text);
      return;
    }

  fetch->api_key = key;
  fetch_attempt_begin (fetch);
}

static void
fetch_start (Fetch *fetch)
{
  g_autoptr(GError) error = NULL;
  const char *url;
  const char *scheme;

  fetch->started_us = g_get_monotonic_time ();

  if (fetch->source == NULL)
    {
      fetch_finish (fetch);  /* the outcome already says why */
      return;
    }

  url = sp_source_get_url (fetch->source);
  if (url == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The source “%s” has no address to refresh from"),
                                               fetch->outcome->name);

      fetch_fail (fetch, text);
      return;
    }

  /* before any traffic, and so before any name lookup */
  if (!sp_source_check_url (url, &error))
    {
      fetch_fail (fetch, error->message);
      return;
    }

  fetch->origin = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (fetch->origin == NULL)
    {
      fetch_fail (fetch, _("This is not a web address; a catalog address looks like "
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

/* ---- GObject ---- */

static void
sp_refresher_dispose (GObject *object)
{
  SpRefresher *self = SP_REFRESHER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_refresher_parent_class)->dispose (object);
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
  job->fetches = g_ptr_array_new_with_free_func ((GDestroyNotify) fetch_free);
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
    emit_progress (g_ptr_array_index (job->fetches, i), SP_REFRESH_STATE_QUEUED, 0);
  for (guint i = 0; i < job->fetches->len; i++)
    fetch_start (g_ptr_array_index (job->fetches, i));

  job_release (job);
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
