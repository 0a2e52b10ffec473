/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh-private.h — what the refresher's files share: sp-refresh.c
 * (the object, a refresh's jobs and the public API), sp-refresh-fetch.c
 * (one source's fetch: attempts, backoff, file:// and parse),
 * sp-refresh-write.c (the commit, on the refresher's writer thread) and
 * sp-refresh-http.c (HTTP: send, redirects, reading the body, the words
 * for errors).  Not for use outside src/core/refresh. */
#pragma once

#include <libsoup/soup.h>

#include "sp-refresh.h"

G_BEGIN_DECLS

struct _SpRefresher
{
  GObject          parent_instance;

  SpStore         *store;   /* read on the caller's thread */
  SpRefreshConfig  config;
  SoupSession     *session;

  /* the writer (sp-refresh-write.c): one exclusive thread and its own
   * connection to the store's file, opened there on the first write */
  char            *path;
  GThreadPool     *writer;
  SpStore         *writer_store;
};

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
  gboolean      programmes;  /* a programme file, not a catalog */
} ParseData;

/* sp-refresh.c */
void sp_refresh_emit_progress (Fetch *fetch, SpRefreshState state, guint64 bytes);
gboolean sp_refresh_job_cancelled (Job *job);
void sp_refresh_job_release (Job *job);

/* sp-refresh-fetch.c */
void sp_refresh_fetch_free (Fetch *fetch);
void sp_refresh_fetch_attempt_clear (Fetch *fetch);
void sp_refresh_fetch_finish (Fetch *fetch);
void sp_refresh_fetch_fail (Fetch *fetch, const char *text);
void sp_refresh_fetch_succeed (Fetch *fetch, gboolean not_modified, const char *etag,
                               const char *last_modified);
void sp_refresh_fetch_attempt_failed (Fetch *fetch, const char *text, gboolean retryable);
void sp_refresh_fetch_attempt_error (Fetch *fetch, const GError *error, gboolean reading);
void sp_refresh_fetch_parse (Fetch *fetch);
void sp_refresh_fetch_start (Fetch *fetch);

/* sp-refresh-write.c */
void sp_refresh_writer_run (gpointer task, gpointer refresher);
/* How many of @store's programmes came from the programme source @name (0,
 * with a warning, when the store cannot list them) */
guint sp_refresh_count_programmes (SpStore *store, const char *name);
void sp_refresh_write (Fetch *fetch, SpImportResult *import, GPtrArray *programmes, GBytes *feed,
                       gboolean ok, const char *error_text, const char *etag,
                       const char *last_modified);

/* sp-refresh-http.c */
char *sp_refresh_describe_error (Fetch *fetch, const GError *error, gboolean reading,
                                 gboolean *retryable);
void sp_refresh_fetch_read_body (Fetch *fetch, GInputStream *stream);
void sp_refresh_fetch_http_send (Fetch *fetch);

G_END_DECLS
