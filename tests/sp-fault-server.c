/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-fault-server.c — a fault-injecting HTTP server on 127.0.0.1 for tests
 *
 * The SoupServer, its listener and every message live in the server thread
 * (its own GMainContext, pushed as thread default there).  The test thread
 * only touches the route table and the request log, under a mutex.  Each
 * request takes a snapshot of its route under the lock and is then answered
 * from the server thread: at once, or later from a timeout on the server's
 * context (delays, drips, connection cuts).
 */
#include "config.h"

#include "sp-fault-server.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

typedef enum {
  ROUTE_SERVE,
  ROUTE_REDIRECT,
  ROUTE_RESET,
  ROUTE_DRIP,
  ROUTE_HUGE,
} RouteKind;

struct _SpFaultRoute {
  SpFaultServer *server;
  char          *path;
  RouteKind      kind;
  guint          status;
  GBytes        *body;
  guint          delay_ms;
  GPtrArray     *headers;  /* name, value, name, value… */
  char          *etag;
  char          *last_modified;
  gboolean       gzip;
  guint          fail_n;
  guint          fail_status;
  char          *location;
  gsize          declared_length;
  guint64        huge_size;
};

typedef struct {
  char               *path;
  SoupMessageHeaders *headers;
} Request;

/* A reply that finishes later, from a timeout on the server's context. */
typedef struct {
  SpFaultServer     *server;
  SoupServerMessage *msg;
  SpFaultRoute      *snap;
  gboolean           failing;
  GSource           *source;
  gulong             finished_id;
  gulong             chunk_id;
  guint64            sent;
} Pending;

struct _SpFaultServer {
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *origin;
  guint         port;
  GError       *listen_error;

  /* under lock */
  GHashTable   *routes;    /* path -> SpFaultRoute */
  GPtrArray    *requests;  /* Request */

  /* server thread only */
  SoupServer   *server;
  GPtrArray    *pending;   /* Pending */
};

#define HUGE_CHUNK (64 * 1024)
#define DRIP_INTERVAL_MS 100

static char huge_filler[HUGE_CHUNK];

/* ---- routes ---- */

static void
route_free (SpFaultRoute *route)
{
  g_free (route->path);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_ptr_array_unref (route->headers);
  g_free (route->etag);
  g_free (route->last_modified);
  g_free (route->location);
  g_free (route);
}

static SpFaultRoute *
route_copy (const SpFaultRoute *route)
{
  SpFaultRoute *copy = g_new0 (SpFaultRoute, 1);

  *copy = *route;
  copy->server = NULL;
  copy->path = g_strdup (route->path);
  copy->body = route->body ? g_bytes_ref (route->body) : NULL;
  copy->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < route->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (route->headers, i)));
  copy->etag = g_strdup (route->etag);
  copy->last_modified = g_strdup (route->last_modified);
  copy->location = g_strdup (route->location);

  return copy;
}

static SpFaultRoute *
add_route (SpFaultServer *self, const char *path, RouteKind kind, guint status)
{
  SpFaultRoute *route = g_new0 (SpFaultRoute, 1);

  g_assert (path != NULL && path[0] == '/');
  route->server = self;
  route->path = g_strdup (path);
  route->kind = kind;
  route->status = status;
  route->headers = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->routes, route->path, route);
  g_mutex_unlock (&self->lock);

  return route;
}

static void
request_free (Request *request)
{
  g_free (request->path);
  soup_message_headers_unref (request->headers);
  g_free (request);
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) converter = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  gsize len = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

  if (len > 0)
    g_assert_true (g_output_stream_write_all (converter, data, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (converter, NULL, NULL));

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* ---- answering (server thread) ---- */

static void
apply_headers (SoupServerMessage *msg, SpFaultRoute *snap)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  for (guint i = 0; i + 1 < snap->headers->len; i += 2)
    soup_message_headers_replace (headers,
                                  g_ptr_array_index (snap->headers, i),
                                  g_ptr_array_index (snap->headers, i + 1));
}

static gboolean
etag_matches (const char *if_none_match, const char *etag)
{
  g_auto(GStrv) parts = NULL;

  if (if_none_match == NULL || etag == NULL)
    return FALSE;
  parts = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_strcmp0 (part, "*") == 0)
        return TRUE;
      if (g_str_has_prefix (part, "W/"))
        part += 2;
      if (g_strcmp0 (part, etag) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
fill_served (SoupServerMessage *msg, SpFaultRoute *snap, gboolean failing)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *inm = soup_message_headers_get_one (request_headers, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request_headers, "If-Modified-Since");
  g_autoptr(GBytes) body = NULL;
  gsize len = 0;
  const char *data;

  if (failing)
    {
      static const char text[] = "injected failure\n";

      soup_server_message_set_status (msg, snap->fail_status, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, text, strlen (text));
      return;
    }

  if (snap->etag)
    soup_message_headers_replace (headers, "ETag", snap->etag);
  if (snap->last_modified)
    soup_message_headers_replace (headers, "Last-Modified", snap->last_modified);

  if ((snap->etag && etag_matches (inm, snap->etag))
      || (snap->last_modified && inm == NULL && g_strcmp0 (ims, snap->last_modified) == 0))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      apply_headers (msg, snap);
      return;
    }

  soup_server_message_set_status (msg, snap->status, NULL);
  body = snap->gzip ? gzip_bytes (snap->body) : (snap->body ? g_bytes_ref (snap->body) : NULL);
  data = body ? g_bytes_get_data (body, &len) : NULL;
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, len);
  if (snap->gzip)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  apply_headers (msg, snap);
}

static void
pending_free (Pending *pending)
{
  if (pending->source)
    {
      g_source_destroy (pending->source);
      g_source_unref (pending->source);
    }
  if (pending->finished_id)
    g_signal_handler_disconnect (pending->msg, pending->finished_id);
  if (pending->chunk_id)
    g_signal_handler_disconnect (pending->msg, pending->chunk_id);
  g_object_unref (pending->msg);
  route_free (pending->snap);
  g_free (pending);
}

static void
pending_done (Pending *pending)
{
  /* frees it */
  g_ptr_array_remove_fast (pending->server->pending, pending);
}

static void
on_pending_finished (SoupServerMessage *msg, Pending *pending)
{
  pending_done (pending);
}

static void
reset_connection (SoupServerMessage *msg, SpFaultRoute *snap)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autoptr(GString) head = g_string_new (NULL);
  GOutputStream *out;
  const char *partial = snap->body ? g_bytes_get_data (snap->body, NULL) : "";
  gsize partial_len = snap->body ? g_bytes_get_size (snap->body) : 0;

  if (stream == NULL)
    return;

  g_string_append_printf (head,
                          "HTTP/1.1 200 OK\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          snap->declared_length);
  out = g_io_stream_get_output_stream (stream);
  /* Errors do not matter: the point is that the client sees a cut. */
  if (g_output_stream_write_all (out, head->str, head->len, NULL, NULL, NULL)
      && partial_len > 0)
    g_output_stream_write_all (out, partial, partial_len, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
on_pending_timeout (gpointer user_data)
{
  Pending *pending = user_data;
  SoupServerMessage *msg = pending->msg;

  switch (pending->snap->kind)
    {
    case ROUTE_DRIP:
      {
        static const char drip[] = "      ";
        SoupMessageBody *body = soup_server_message_get_response_body (msg);

        soup_message_body_append (body, SOUP_MEMORY_STATIC, drip, strlen (drip));
        pending->sent += strlen (drip);
        soup_server_message_unpause (msg);
        return G_SOURCE_CONTINUE;
      }

    case ROUTE_RESET:
      reset_connection (msg, pending->snap);
      break;

    case ROUTE_SERVE:
      fill_served (msg, pending->snap, pending->failing);
      soup_server_message_unpause (msg);
      break;

    case ROUTE_REDIRECT:
      soup_server_message_set_redirect (msg, pending->snap->status, pending->snap->location);
      soup_server_message_unpause (msg);
      break;

    case ROUTE_HUGE:
    default:
      g_assert_not_reached ();
    }

  g_clear_pointer (&pending->source, g_source_unref);
  pending_done (pending);

  return G_SOURCE_REMOVE;
}

static Pending *
pending_new (SpFaultServer *self, SoupServerMessage *msg, SpFaultRoute *snap,
             gboolean failing, guint delay_ms, gboolean watch_finished)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->server = self;
  pending->msg = g_object_ref (msg);
  pending->snap = snap;
  pending->failing = failing;
  pending->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (pending->source, on_pending_timeout, pending, NULL);
  g_source_attach (pending->source, self->context);
  if (watch_finished)
    pending->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_pending_finished), pending);
  g_ptr_array_add (self->pending, pending);

  return pending;
}

static void
on_huge_wrote_chunk (SoupServerMessage *msg, gpointer user_data)
{
  Pending *pending = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  guint64 left = pending->snap->huge_size - pending->sent;

  if (left == 0)
    {
      soup_message_body_complete (body);
      return;
    }

  left = MIN (left, HUGE_CHUNK);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_filler, (gsize) left);
  pending->sent += left;
}

/* 200 OK with a chunked JSON body to come. */
static void
start_chunked_json (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Type", "application/json");
}

static void
start_huge (SpFaultServer *self, SoupServerMessage *msg, SpFaultRoute *snap)
{
  Pending *pending = g_new0 (Pending, 1);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  pending->server = self;
  pending->msg = g_object_ref (msg);
  pending->snap = snap;
  pending->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_pending_finished), pending);
  g_ptr_array_add (self->pending, pending);

  start_chunked_json (msg);
  soup_message_body_set_accumulate (body, FALSE);
  pending->chunk_id = g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_huge_wrote_chunk), pending);
  on_huge_wrote_chunk (msg, pending);
}

/* Records the request and answers a copy of its route (NULL: none), taking
 * one of the route's planned failures (*@failing). */
static SpFaultRoute *
record_request (SpFaultServer     *self,
                SoupServerMessage *msg,
                const char        *path,
                gboolean          *failing)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  Request *request = g_new0 (Request, 1);
  SpFaultRoute *route;
  SpFaultRoute *snap = NULL;

  request->path = g_strdup (path);
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, request_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (request->headers, name, value);

  *failing = FALSE;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, request);
  route = g_hash_table_lookup (self->routes, path);
  if (route != NULL)
    {
      snap = route_copy (route);
      if (route->fail_n > 0)
        {
          route->fail_n--;
          *failing = TRUE;
        }
    }
  g_mutex_unlock (&self->lock);
  return snap;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  SpFaultServer *self = user_data;
  gboolean failing;
  SpFaultRoute *snap = record_request (self, msg, path, &failing);

  if (snap == NULL)
    {
      static const char text[] = "not found\n";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, text, strlen (text));
      return;
    }

  switch (snap->kind)
    {
    case ROUTE_SERVE:
    case ROUTE_REDIRECT:
      if (snap->delay_ms == 0)
        {
          if (snap->kind == ROUTE_SERVE)
            fill_served (msg, snap, failing);
          else
            soup_server_message_set_redirect (msg, snap->status, snap->location);
          route_free (snap);
        }
      else
        {
          soup_server_message_pause (msg);
          pending_new (self, msg, snap, failing, snap->delay_ms, FALSE);
        }
      break;

    case ROUTE_RESET:
      /* Steal the connection outside the handler, with the message paused. */
      soup_server_message_pause (msg);
      pending_new (self, msg, snap, failing, snap->delay_ms, FALSE);
      break;

    case ROUTE_DRIP:
      /* Headers go out now; the body then drips until the client leaves. */
      start_chunked_json (msg);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_STATIC, "{\"offers\": [", 12);
      pending_new (self, msg, snap, failing, DRIP_INTERVAL_MS, TRUE);
      break;

    case ROUTE_HUGE:
      start_huge (self, msg, snap);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- the server thread ---- */

static gboolean
on_quit (gpointer user_data)
{
  SpFaultServer *self = user_data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
server_thread (gpointer user_data)
{
  SpFaultServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "sp-fault-server ", NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

  if (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (self->server);
      g_assert_nonnull (uris);
      self->port = (guint) g_uri_get_port (uris->data);
      self->origin = g_strdup_printf ("http://127.0.0.1:%u", self->port);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->lock);
  self->listen_error = g_steal_pointer (&error);
  self->ready = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (self->origin != NULL)
    g_main_loop_run (self->loop);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/* ---- public API ---- */

SpFaultServer *
sp_fault_server_new (void)
{
  SpFaultServer *self = g_new0 (SpFaultServer, 1);

  if (huge_filler[0] == 0)
    memset (huge_filler, ' ', sizeof huge_filler);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) route_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->thread = g_thread_new ("sp-fault-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  g_assert_no_error (self->listen_error);
  g_assert_nonnull (self->origin);

  return self;
}

void
sp_fault_server_free (SpFaultServer *self)
{
  GSource *quit;

  if (self == NULL)
    return;

  quit = g_idle_source_new ();
  g_source_set_callback (quit, on_quit, self, NULL);
  g_source_attach (quit, self->context);
  g_source_unref (quit);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->routes);
  g_ptr_array_unref (self->requests);
  g_clear_error (&self->listen_error);
  g_free (self->origin);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
sp_fault_server_get_origin (SpFaultServer *self)
{
  return self->origin;
}

guint
sp_fault_server_get_port (SpFaultServer *self)
{
  return self->port;
}

char *
sp_fault_server_url (SpFaultServer *self, const char *path)
{
  return g_strconcat (self->origin, path, NULL);
}

SpFaultRoute *
sp_fault_server_serve_bytes (SpFaultServer *self, const char *path, guint status, GBytes *body)
{
  SpFaultRoute *route = add_route (self, path, ROUTE_SERVE, status);

  route->body = body ? g_bytes_ref (body) : NULL;
  return route;
}

SpFaultRoute *
sp_fault_server_serve_string (SpFaultServer *self, const char *path, guint status, const char *body)
{
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  return sp_fault_server_serve_bytes (self, path, status, bytes);
}

SpFaultRoute *
sp_fault_server_serve_file (SpFaultServer *self, const char *path, const char *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_file_get_contents (file, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, len);

  return sp_fault_server_serve_bytes (self, path, SOUP_STATUS_OK, bytes);
}

SpFaultRoute *
sp_fault_server_redirect (SpFaultServer *self, const char *path, guint status, const char *location)
{
  SpFaultRoute *route = add_route (self, path, ROUTE_REDIRECT, status);

  route->location = g_strdup (location);
  return route;
}

SpFaultRoute *
sp_fault_server_reset_mid_body (SpFaultServer *self, const char *path,
                                const char *partial, gsize declared_length)
{
  SpFaultRoute *route = add_route (self, path, ROUTE_RESET, SOUP_STATUS_OK);

  route->body = g_bytes_new (partial, strlen (partial));
  route->declared_length = declared_length;
  g_assert_cmpuint (declared_length, >, strlen (partial));
  return route;
}

SpFaultRoute *
sp_fault_server_drip (SpFaultServer *self, const char *path)
{
  return add_route (self, path, ROUTE_DRIP, SOUP_STATUS_OK);
}

SpFaultRoute *
sp_fault_server_huge (SpFaultServer *self, const char *path, guint64 size)
{
  SpFaultRoute *route = add_route (self, path, ROUTE_HUGE, SOUP_STATUS_OK);

  route->huge_size = size;
  return route;
}

void
sp_fault_route_set_body_string (SpFaultRoute *route, const char *body)
{
  g_mutex_lock (&route->server->lock);
  g_clear_pointer (&route->body, g_bytes_unref);
  route->body = body ? g_bytes_new (body, strlen (body)) : NULL;
  g_mutex_unlock (&route->server->lock);
}

void
sp_fault_route_set_delay (SpFaultRoute *route, guint delay_ms)
{
  g_mutex_lock (&route->server->lock);
  route->delay_ms = delay_ms;
  g_mutex_unlock (&route->server->lock);
}

void
sp_fault_route_set_header (SpFaultRoute *route, const char *name, const char *value)
{
  g_mutex_lock (&route->server->lock);
  for (guint i = 0; i + 1 < route->headers->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (route->headers, i), name) == 0)
      {
        g_ptr_array_remove_range (route->headers, i, 2);
        break;
      }
  g_ptr_array_add (route->headers, g_strdup (name));
  g_ptr_array_add (route->headers, g_strdup (value));
  g_mutex_unlock (&route->server->lock);
}

void
sp_fault_route_set_etag (SpFaultRoute *route, const char *etag)
{
  g_mutex_lock (&route->server->lock);
  g_free (route->etag);
  route->etag = g_strdup (etag);
  g_mutex_unlock (&route->server->lock);
}

void
sp_fault_route_set_last_modified (SpFaultRoute *route, const char *date)
{
  g_mutex_lock (&route->server->lock);
  g_free (route->last_modified);
  route->last_modified = g_strdup (date);
  g_mutex_unlock (&route->server->lock);
}

void
sp_fault_route_set_gzip (SpFaultRoute *route, gboolean gzip)
{
  g_mutex_lock (&route->server->lock);
  route->gzip = gzip;
  g_mutex_unlock (&route->server->lock);
}

void
sp_fault_route_fail_first (SpFaultRoute *route, guint n, guint status)
{
  g_mutex_lock (&route->server->lock);
  route->fail_n = n;
  route->fail_status = status;
  g_mutex_unlock (&route->server->lock);
}

guint
sp_fault_server_count_requests (SpFaultServer *self, const char *path)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      Request *request = g_ptr_array_index (self->requests, i);

      if (path == NULL || g_strcmp0 (request->path, path) == 0)
        n++;
    }
  g_mutex_unlock (&self->lock);

  return n;
}

char *
sp_fault_server_dup_request_header (SpFaultServer *self, const char *path, guint nth, const char *name)
{
  char *value = NULL;
  guint seen = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      Request *request = g_ptr_array_index (self->requests, i);

      if (g_strcmp0 (request->path, path) != 0)
        continue;
      if (seen++ == nth)
        {
          value = g_strdup (soup_message_headers_get_one (request->headers, name));
          break;
        }
    }
  g_mutex_unlock (&self->lock);

  return value;
}

gboolean
sp_fault_server_saw_header (SpFaultServer *self, const char *name)
{
  gboolean seen = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len && !seen; i++)
    {
      Request *request = g_ptr_array_index (self->requests, i);

      seen = soup_message_headers_get_one (request->headers, name) != NULL;
    }
  g_mutex_unlock (&self->lock);

  return seen;
}

void
sp_fault_server_clear_requests (SpFaultServer *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  g_mutex_unlock (&self->lock);
}
