/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service-ledger.c — the store service's ledger jobs (the class
 * and the worker: sp-store-service.c) */
#include "config.h"

#include "sp-store-service-private.h"
#include "sp-offer-table-reprice.h"

static gboolean
list_entries_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);

  if (ledger == NULL
      || (job->result = sp_ledger_list (ledger, job->text[0], job->text[1], error)) == NULL)
    return FALSE;
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

static gboolean
save_entry_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);
  SpLedgerEntry *entry = job->object;

  if (ledger == NULL)
    return FALSE;
  if (entry->id == 0)
    return (job->out = sp_ledger_add (ledger, entry, error)) != 0;
  job->out = entry->id;
  return sp_ledger_update (ledger, entry, error);
}

static gboolean
delete_entry_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);

  if (ledger == NULL)
    return FALSE;
  if (job->num[1])
    return (job->out = sp_ledger_undo_delete (ledger, job->num[0], error)) != 0;
  job->out = job->num[0];
  return sp_ledger_delete (ledger, job->num[0], error);
}

static gboolean
reprice_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  job->result = sp_offer_table_reprice_run (sp_store_service_get_path (self), job->text[0],
                                            job->text[1], job->object, cancellable, error);
  job->result_free = (GDestroyNotify) sp_reprice_result_free;
  return job->result != NULL;
}

static gboolean
set_group_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);

  return ledger != NULL
         && sp_reprice_set_group (ledger, job->text[0], job->text[1], job->text[2], error);
}

void
sp_store_service_list_entries_async (SpStoreService      *self,
                                     const char          *from_month,
                                     const char          *to_month,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  job = sp_store_job_new (list_entries_job, SP_STORE_CHANGE_NONE);
  job->text[0] = g_strdup (from_month);
  job->text[1] = g_strdup (to_month);
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_list_entries_async);
}

SP_STORE_SERVICE_DEFINE_FINISH (GPtrArray *, list_entries)

void
sp_store_service_save_entry_async (SpStoreService      *self,
                                   const SpLedgerEntry *entry,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (entry != NULL);
  job = sp_store_job_new (save_entry_job, SP_STORE_CHANGE_LEDGER);
  job->object = sp_ledger_entry_copy (entry);
  job->object_free = (GDestroyNotify) sp_ledger_entry_free;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_save_entry_async);
}

void
sp_store_service_delete_entry_async (SpStoreService      *self,
                                     gint64               id,
                                     gboolean             undo,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  job = sp_store_job_new (delete_entry_job, SP_STORE_CHANGE_LEDGER);
  job->num[0] = id;
  job->num[1] = undo;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_delete_entry_async);
}

gint64
sp_store_service_finish_id (SpStoreService  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  SpStoreJob *job = sp_store_service_get_job (self, result, error);

  return job != NULL ? job->out : 0;
}

void
sp_store_service_reprice_async (SpStoreService      *self,
                                const char          *from_month,
                                const char          *to_month,
                                SpPriceContext      *ctx,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (SP_IS_PRICE_CONTEXT (ctx));
  job = sp_store_job_new (reprice_job, SP_STORE_CHANGE_NONE);
  job->text[0] = g_strdup (from_month);
  job->text[1] = g_strdup (to_month);
  /* the worker reads its own copy: the main thread may change @ctx meanwhile */
  job->object = sp_price_context_copy (ctx);
  job->object_free = g_object_unref;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_reprice_async);
}

SP_STORE_SERVICE_DEFINE_FINISH (SpRepriceResult *, reprice)

void
sp_store_service_set_group_async (SpStoreService      *self,
                                  const char          *vendor,
                                  const char          *item,
                                  const char          *group,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  job = sp_store_job_new (set_group_job, SP_STORE_CHANGE_LEDGER);
  job->text[0] = g_strdup (vendor);
  job->text[1] = g_strdup (item);
  job->text[2] = g_strdup (group);
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_set_group_async);
}
