/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service-offers.c — the store service's job for the offer engine
 * (issue 17): the whole catalog as an SpOfferTable, read on the worker
 * after the jobs queued before it (so after the store is created, seeded
 * or refreshed). */
#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>

#include "sp-offer-table.h"
#include "sp-offer-table-cache.h"
#include "sp-store-service-private.h"

/* After a table was built from the rows: it kept as the cache, once handed
 * back (a failure costs only the next launch's speed) */
static gboolean
save_offer_table_cache_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, NULL);
  g_autoptr(GError) local = NULL;

  if (store != NULL && !sp_offer_table_save_cache (job->object, store, &local))
    g_debug ("The offer table's cache was not written: %s", local->message);
#ifdef __GLIBC__
  /* the serialized copy goes back to the system */
  malloc_trim (0);
#endif
  return TRUE;
}

static gboolean
load_offer_table_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL
      || (job->result = sp_offer_table_load (sp_store_get_path (store), cancellable, error)) == NULL)
    return FALSE;
  job->result_free = g_object_unref;
  if (!sp_offer_table_is_cached (job->result))
    {
      SpStoreJob *save = sp_store_job_new (save_offer_table_cache_job, SP_STORE_CHANGE_NONE);

      save->object = g_object_ref (job->result);
      save->object_free = g_object_unref;
      sp_store_service_queue (self, save, NULL, NULL, NULL, save_offer_table_cache_job);
    }
#ifdef __GLIBC__
  /* what SQLite freed goes back to the system */
  malloc_trim (0);
#endif
  return TRUE;
}

void
sp_store_service_load_offer_table_async (SpStoreService      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  sp_store_service_queue (self, sp_store_job_new (load_offer_table_job, SP_STORE_CHANGE_NONE),
                          cancellable, callback, user_data, sp_store_service_load_offer_table_async);
}

SpOfferTable *
sp_store_service_load_offer_table_finish (SpStoreService  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return sp_store_service_take_result (self, result, error);
}

/* One offer with all its fields (tiers, variants, sources), read back by
 * source and id for a view that holds only the table (issue 17) */
static gboolean
load_offer_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);
  GError *local = NULL;

  if (store == NULL)
    return FALSE;
  job->result = sp_store_load_offer (store, job->text[0], job->text[1], &local);
  if (job->result == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The offer %s is no longer in the catalog"), job->text[1]);
      return FALSE;
    }
  job->result_free = g_object_unref;
  return TRUE;
}

void
sp_store_service_load_offer_async (SpStoreService      *self,
                                   const char          *source,
                                   const char          *id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (source != NULL && id != NULL);

  job = sp_store_job_new (load_offer_job, SP_STORE_CHANGE_NONE);
  job->text[0] = g_strdup (source);
  job->text[1] = g_strdup (id);
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_load_offer_async);
}

SP_STORE_SERVICE_DEFINE_FINISH (SpOffer *, load_offer)
