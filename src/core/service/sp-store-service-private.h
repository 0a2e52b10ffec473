/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service-private.h — the service's job queue, shared by its files
 * (sp-store-service.c: the class, the worker, offers and sources;
 * -wallet.c: wallet and watchlist; -ledger.c: the ledger) */
#pragma once

#include "sp-store-service.h"

G_BEGIN_DECLS

typedef struct _SpStoreJob SpStoreJob;

/* Runs on the worker thread; reads its inputs from @job and leaves its
 * outputs there.  FALSE with @error set on failure. */
typedef gboolean (*SpStoreJobFunc) (SpStoreService  *self,
                                    SpStoreJob      *job,
                                    GCancellable    *cancellable,
                                    GError         **error);

struct _SpStoreJob {
  SpStoreJobFunc  func;
  SpStoreChange   changes;       /* signalled when func succeeds */
  /* inputs */
  char           *text[3];
  gint64          num[3];
  gpointer        object;        /* freed with object_free */
  GDestroyNotify  object_free;
  GBytes         *bytes;
  /* outputs */
  gpointer        result;        /* freed with result_free unless taken */
  GDestroyNotify  result_free;
  gint64          out;
  /* internal */
  gboolean        ok;
  GError         *error;
};

SpStoreJob *sp_store_job_new           (SpStoreJobFunc   func,
                                        SpStoreChange    changes);
/* Queues @job (taking it) on the worker. */
void        sp_store_service_queue     (SpStoreService      *self,
                                        SpStoreJob          *job,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data,
                                        gpointer             source_tag);
/* Queues a job whose only inputs are @text (copied, may be NULL), @bytes
 * (referenced, may be NULL) and @num (text[0], bytes and num[0]). */
static inline void
sp_store_service_queue_inputs (SpStoreService      *self,
                               SpStoreJobFunc       func,
                               SpStoreChange        changes,
                               const char          *text,
                               GBytes              *bytes,
                               gint64               num,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data,
                               gpointer             source_tag)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  job = sp_store_job_new (func, changes);
  job->text[0] = g_strdup (text);
  job->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  job->num[0] = num;
  sp_store_service_queue (self, job, cancellable, callback, user_data, source_tag);
}
/* The same with no bytes */
#define sp_store_service_queue_simple(self, func, changes, text, num, cancellable, callback, \
                                      user_data, source_tag) \
  sp_store_service_queue_inputs (self, func, changes, text, NULL, num, cancellable, callback, \
                                 user_data, source_tag)
/* The finished job (owned by @result), or NULL with @error set. */
SpStoreJob *sp_store_service_get_job   (SpStoreService  *self,
                                        GAsyncResult    *result,
                                        GError         **error);
/* Takes the job's result: @result's, or NULL with @error set. */
gpointer    sp_store_service_take_result (SpStoreService  *self,
                                          GAsyncResult    *result,
                                          GError         **error);

/* Defines Type sp_store_service_<name>_finish () (as declared by
 * SP_STORE_SERVICE_DECLARE_JOB): takes the job's result. */
#define SP_STORE_SERVICE_DEFINE_FINISH(Type, name) \
  Type \
  sp_store_service_##name##_finish (SpStoreService  *self, \
                                    GAsyncResult    *result, \
                                    GError         **error) \
  { \
    return sp_store_service_take_result (self, result, error); \
  }
/* Defines both functions of a job with no inputs that runs @func and
 * changes nothing. */
#define SP_STORE_SERVICE_DEFINE_READ(Type, name, func) \
  void \
  sp_store_service_##name##_async (SpStoreService      *self, \
                                   GCancellable        *cancellable, \
                                   GAsyncReadyCallback  callback, \
                                   gpointer             user_data) \
  { \
    sp_store_service_queue_simple (self, func, SP_STORE_CHANGE_NONE, NULL, 0, cancellable, \
                                   callback, user_data, sp_store_service_##name##_async); \
  } \
  SP_STORE_SERVICE_DEFINE_FINISH (Type, name)

/* Define sp_store_service_<name>_async () for a job whose one input is
 * a text (job->text[0], copied) or a number (job->num[0]) of @Type. */
#define SP_STORE_SERVICE_DEFINE_TEXT_ASYNC(name, func, changes) \
  void \
  sp_store_service_##name##_async (SpStoreService      *self, \
                                   const char          *text, \
                                   GCancellable        *cancellable, \
                                   GAsyncReadyCallback  callback, \
                                   gpointer             user_data) \
  { \
    sp_store_service_queue_simple (self, func, changes, text, 0, cancellable, callback, \
                                   user_data, sp_store_service_##name##_async); \
  }
#define SP_STORE_SERVICE_DEFINE_NUM_ASYNC(name, Type, func, changes) \
  void \
  sp_store_service_##name##_async (SpStoreService      *self, \
                                   Type                 num, \
                                   GCancellable        *cancellable, \
                                   GAsyncReadyCallback  callback, \
                                   gpointer             user_data) \
  { \
    sp_store_service_queue_simple (self, func, changes, NULL, num, cancellable, callback, \
                                   user_data, sp_store_service_##name##_async); \
  }

/* Worker thread only: the service's connections, opened on first use. */
SpStore    *sp_store_service_get_store  (SpStoreService  *self,
                                         GError         **error);
SpLedger   *sp_store_service_get_ledger (SpStoreService  *self,
                                         GError         **error);

/* Main context: ::refresh-progress (sp-store-service.c); forgets the
 * refresh's connection after a restore (sp-store-service-refresh.c). */
void        sp_store_service_emit_refresh_progress (SpStoreService *self,
                                                    const char     *name,
                                                    int             state,
                                                    guint64         bytes);
void        sp_store_service_drop_refresh (SpStoreService *self);

G_END_DECLS
