/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-fault-server.h — a fault-injecting HTTP server on 127.0.0.1 for tests
 *
 * A SoupServer on a port chosen by the OS, running in its own thread with its
 * own GMainContext, so the code under test can drive the caller's main loop
 * (or block) while the server keeps answering.  Routes are configured per
 * test, by exact path; any other path answers 404.  Every request is
 * recorded (path and headers) so a test can check what arrived, e.g. whether
 * an Authorization header was sent.
 *
 * All functions may be called from the test's thread while the server runs;
 * route settings take effect for the next request. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpFaultServer SpFaultServer;
typedef struct _SpFaultRoute  SpFaultRoute;

/* Starts the server (listening before it returns).  Aborts the test when it
 * cannot listen. */
SpFaultServer *sp_fault_server_new              (void);
void           sp_fault_server_free             (SpFaultServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpFaultServer, sp_fault_server_free)

/* "http://127.0.0.1:PORT" (no trailing slash). */
const char    *sp_fault_server_get_origin       (SpFaultServer *self);
guint          sp_fault_server_get_port         (SpFaultServer *self);
/* origin + @path ("/feed.json"). */
char          *sp_fault_server_url              (SpFaultServer *self, const char *path);

/* ---- routes (owned by the server) ---- */

/* Answer @status with @body (may be NULL for an empty body) as
 * application/json unless changed with sp_fault_route_set_header. */
SpFaultRoute  *sp_fault_server_serve_bytes      (SpFaultServer *self, const char *path,
                                                 guint status, GBytes *body);
SpFaultRoute  *sp_fault_server_serve_string     (SpFaultServer *self, const char *path,
                                                 guint status, const char *body);
/* Serves the contents of @file (read once, now). */
SpFaultRoute  *sp_fault_server_serve_file       (SpFaultServer *self, const char *path,
                                                 const char *file);
/* @status (301, 302, 307…) with Location: @location (absolute or relative). */
SpFaultRoute  *sp_fault_server_redirect         (SpFaultServer *self, const char *path,
                                                 guint status, const char *location);
/* 200 with "Content-Length: @declared_length", then only @partial is sent and
 * the connection is closed (a connection cut mid-body). */
SpFaultRoute  *sp_fault_server_reset_mid_body   (SpFaultServer *self, const char *path,
                                                 const char *partial, gsize declared_length);
/* 200, chunked, a few bytes every 100 ms, never ending (until the client goes). */
SpFaultRoute  *sp_fault_server_drip             (SpFaultServer *self, const char *path);
/* 200, chunked, @size bytes of JSON-ish filler streamed 64 KiB at a time
 * (never held in memory at once). */
SpFaultRoute  *sp_fault_server_huge             (SpFaultServer *self, const char *path,
                                                 guint64 size);

/* Replace the body of a served route (a feed that changes between refreshes). */
void           sp_fault_route_set_body_string   (SpFaultRoute *route, const char *body);
/* Wait @delay_ms before answering (the connection stays open). */
void           sp_fault_route_set_delay         (SpFaultRoute *route, guint delay_ms);
/* Add a response header (replaces one of the same name). */
void           sp_fault_route_set_header        (SpFaultRoute *route, const char *name,
                                                 const char *value);
/* Send ETag: @etag and answer 304 when the request's If-None-Match matches. */
void           sp_fault_route_set_etag          (SpFaultRoute *route, const char *etag);
/* Send Last-Modified: @date and answer 304 when If-Modified-Since equals it
 * (and there is no If-None-Match). */
void           sp_fault_route_set_last_modified (SpFaultRoute *route, const char *date);
/* Send the body gzip-compressed with Content-Encoding: gzip. */
void           sp_fault_route_set_gzip          (SpFaultRoute *route, gboolean gzip);
/* Answer the first @n requests with @status (e.g. 500), then normally. */
void           sp_fault_route_fail_first        (SpFaultRoute *route, guint n, guint status);

/* ---- what arrived ---- */

/* Number of requests received for @path (NULL: all paths). */
guint          sp_fault_server_count_requests   (SpFaultServer *self, const char *path);
/* Value of header @name in the @nth (0-based) request for @path, or NULL
 * (absent, or no such request). */
char          *sp_fault_server_dup_request_header (SpFaultServer *self, const char *path,
                                                   guint nth, const char *name);
/* TRUE when any request (to any path) carried header @name. */
gboolean       sp_fault_server_saw_header       (SpFaultServer *self, const char *name);
void           sp_fault_server_clear_requests   (SpFaultServer *self);

G_END_DECLS
