/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh-http.c — a fetch over HTTP(S): the request, redirects, the
 * answer's status and headers, reading the body in chunks, and the words
 * for what went wrong */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sp-refresh-private.h"
#include "sp-secret.h"

static void fetch_read_next (Fetch *fetch);

#define MAX_REDIRECTS 5
#define READ_CHUNK    (64 * 1024)

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

/* Turns a GIO/libsoup error into plain words; says whether to retry. */
char *
sp_refresh_describe_error (Fetch *fetch, const GError *error, gboolean reading, gboolean *retryable)
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
      sp_refresh_fetch_attempt_error (fetch, error, TRUE);
      return;
    }

  len = g_bytes_get_size (bytes);
  if (len == 0)
    {
      if (fetch->expected_length >= 0 && (goffset) fetch->body->len < fetch->expected_length)
        {
          sp_refresh_fetch_attempt_failed (fetch, _("The connection was cut before the catalog was complete"),
                                TRUE);
          return;
        }
      sp_refresh_fetch_parse (fetch);
      return;
    }

  if (fetch->body->len + len > self->config.max_body_size)
    {
      g_autofree char *text = too_large_text (self->config.max_body_size);

      sp_refresh_fetch_fail (fetch, text);
      return;
    }

  g_byte_array_append (fetch->body, g_bytes_get_data (bytes, NULL), len);
  sp_refresh_emit_progress (fetch, SP_REFRESH_STATE_DOWNLOADING, fetch->body->len);
  fetch_read_next (fetch);
}

static void
fetch_read_next (Fetch *fetch)
{
  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, on_read, fetch);
}

void
sp_refresh_fetch_read_body (Fetch *fetch, GInputStream *stream)
{
  fetch->stream = stream;
  fetch->body = g_byte_array_new ();
  sp_refresh_emit_progress (fetch, SP_REFRESH_STATE_DOWNLOADING, 0);
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
      sp_refresh_fetch_attempt_failed (fetch, _("The server redirected too many times (a redirect loop?)"),
                            FALSE);
      return;
    }

  next = g_uri_parse_relative (fetch->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || g_uri_get_host (next) == NULL)
    {
      sp_refresh_fetch_attempt_failed (fetch, _("The server redirected to an address that is not valid"),
                            FALSE);
      return;
    }

  scheme = g_uri_get_scheme (next);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      sp_refresh_fetch_attempt_failed (fetch, _("The server redirected to an address that is not a web address"),
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

      sp_refresh_fetch_attempt_failed (fetch, text, FALSE);
      return;
    }

  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->msg);
  g_uri_unref (fetch->uri);
  fetch->uri = g_steal_pointer (&next);
  sp_refresh_fetch_http_send (fetch);
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
      sp_refresh_fetch_attempt_error (fetch, error, FALSE);
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

      sp_refresh_fetch_succeed (fetch, TRUE, etag_copy, last_modified_copy);
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

      sp_refresh_fetch_attempt_failed (fetch, text, status >= 500 && status < 600);
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

              sp_refresh_fetch_fail (fetch, text);
              return;
            }
          fetch->expected_length = length;
        }
    }

  sp_refresh_fetch_read_body (fetch, g_steal_pointer (&fetch->stream));
}

void
sp_refresh_fetch_http_send (Fetch *fetch)
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

  sp_refresh_emit_progress (fetch, SP_REFRESH_STATE_CONNECTING, 0);
  soup_session_send_async (self->session, fetch->msg, G_PRIORITY_DEFAULT,
                           fetch->cancellable, on_sent, fetch);
}
