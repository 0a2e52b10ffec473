/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh.h — refresh vendor sources concurrently over HTTPS
 *
 * All sources are fetched at once with libsoup 3 (async), each with a
 * connect timeout, a whole-response timeout and a maximum body size;
 * conditional GET (ETag / Last-Modified), gzip/deflate, retry with backoff on
 * timeouts and 5xx (not on 4xx).  A source's API key is sent only to its own
 * origin (never after a cross-origin redirect).  Parsing runs in a worker
 * thread, storing it on the refresher's writer thread.  A failed, partial,
 * malformed or oversized response changes nothing for that source (its last
 * good offers stay); each successful source is committed in its own
 * transaction.
 *
 * A source in the "programmes" format (docs/programmes.md, "Programmes from
 * a source") goes the same way; its file is read with
 * sp_programme_list_from_feed() and kept with sp_store_save_programme_feed():
 * a file refused changes nothing, the programmes it gave before stay. */
#pragma once

#include <gio/gio.h>
#include "sp-source.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef struct {
  guint  connect_timeout;   /* seconds, default 10 */
  guint  response_timeout;  /* seconds for the whole response, default 30 */
  gsize  max_body_size;     /* bytes, default 64 MiB */
  guint  max_retries;       /* default 2 (so up to 3 attempts) */
  guint  backoff_ms;        /* first retry delay, doubled each time, default 500 */
} SpRefreshConfig;

void sp_refresh_config_init_default (SpRefreshConfig *config);

typedef enum {
  SP_REFRESH_STATE_QUEUED,
  SP_REFRESH_STATE_CONNECTING,
  SP_REFRESH_STATE_DOWNLOADING,
  SP_REFRESH_STATE_PARSING,
  SP_REFRESH_STATE_DONE,
  SP_REFRESH_STATE_FAILED,
} SpRefreshState;

/* The outcome of refreshing one source. */
typedef struct {
  char    *name;
  gboolean ok;
  gboolean not_modified;  /* 304: nothing changed, still ok */
  guint    offers;        /* offers stored for the source after the refresh */
  guint    http_status;   /* 0 when there was no HTTP response */
  char    *error;         /* plain words, translated; NULL when ok */
  double   seconds;       /* wall time for this source */
  gboolean is_programmes; /* a source of compute-voucher programmes (format "programmes") */
  guint    programmes;    /* its programmes in the list after the refresh */
} SpRefreshOutcome;

void sp_refresh_outcome_free (SpRefreshOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpRefreshOutcome, sp_refresh_outcome_free)

#define SP_TYPE_REFRESHER (sp_refresher_get_type ())
G_DECLARE_FINAL_TYPE (SpRefresher, sp_refresher, SP, REFRESHER, GObject)

/* @store is read from the thread that calls refresh_async (the main
 * thread); every write goes to the same file (sp_store_get_path()) through
 * the refresher's own writer thread and connection, never through @store,
 * so the caller's main loop runs on while a large catalog is stored. */
SpRefresher *sp_refresher_new            (SpStore *store, const SpRefreshConfig *config);

/* Refresh the named sources (NULL or empty = every enabled source).  Emits
 * ::progress (const char *name, SpRefreshState state, guint64 bytes) on the
 * caller's main context.  Cancelling stops every fetch; sources not finished
 * keep their previous offers.  The result is a GPtrArray of SpRefreshOutcome,
 * in the order of the names (or of the store's source list).
 * ::progress is declared with (G_TYPE_STRING, G_TYPE_INT, G_TYPE_UINT64): a
 * handler is void (*) (SpRefresher *, const char *name, SpRefreshState state,
 * guint64 bytes, gpointer user_data).  When @cancellable is cancelled, finish
 * returns NULL with G_IO_ERROR_CANCELLED once every fetch has stopped;
 * sources committed before that keep their new offers, nothing is recorded
 * for the others. */
void         sp_refresher_refresh_async  (SpRefresher         *self,
                                          const char * const  *names,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray   *sp_refresher_refresh_finish (SpRefresher   *self,
                                          GAsyncResult  *result,
                                          GError       **error);

G_END_DECLS
