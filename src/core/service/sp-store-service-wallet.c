/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service-wallet.c — the store service's wallet and watchlist
 * jobs (the class and the worker: sp-store-service.c) */
#include "config.h"

#include "sp-store-service-private.h"

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
sp_wallet_snapshot_free (SpWalletSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->programmes, g_ptr_array_unref);
  g_clear_pointer (&snapshot->vouchers, g_ptr_array_unref);
  g_clear_pointer (&snapshot->claims, g_ptr_array_unref);
  g_clear_pointer (&snapshot->purchases, g_ptr_array_unref);
  g_clear_pointer (&snapshot->events, g_array_unref);
  g_clear_pointer (&snapshot->cap_left, g_hash_table_unref);
  g_free (snapshot);
}

static gboolean
snapshot_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);
  g_autoptr(SpWalletSnapshot) snap = g_new0 (SpWalletSnapshot, 1);

  if (store == NULL
      || (snap->programmes = sp_store_list_programmes (store, error)) == NULL
      || (snap->vouchers = sp_store_list_vouchers (store, error)) == NULL
      || (snap->claims = sp_store_list_claims (store, FALSE, error)) == NULL
      || (snap->purchases = sp_store_list_purchases (store, error)) == NULL
      || (snap->events = sp_store_voucher_history (store, NULL, error)) == NULL)
    return FALSE;
  snap->cap_left = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < snap->programmes->len; i++)
    {
      SpProgramme *p = g_ptr_array_index (snap->programmes, i);
      SpMoney *left = g_new (SpMoney, 1);

      /* with the programmes read above (sp_store_get_remaining_year_cap ()
       * reads and parses them all again for each one: 13 parses of the
       * shipped files per snapshot, ~25 ms at start-up) */
      *left = sp_store_get_programme_cap_left (store, p, 0, NULL);
      g_hash_table_insert (snap->cap_left, g_strdup (sp_programme_get_id (p)), left);
    }
  job->result = g_steal_pointer (&snap);
  job->result_free = (GDestroyNotify) sp_wallet_snapshot_free;
  return TRUE;
}

static gboolean
load_wallet_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL || (job->result = sp_store_load_wallet (store, (guint32) job->num[0], error)) == NULL)
    return FALSE;
  job->result_free = g_object_unref;
  return TRUE;
}

static gboolean
add_voucher_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  return store != NULL && sp_store_add_voucher (store, job->object, now_seconds (), error);
}

static gboolean
remove_voucher_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  return store != NULL && sp_store_remove_voucher (store, job->text[0], now_seconds (), error);
}

static gboolean
void_purchase_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  return store != NULL && sp_store_void_purchase (store, job->num[0], now_seconds (), error);
}

static gboolean
update_claim_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  return store != NULL
         && sp_store_update_claim (store, job->num[0], (SpClaimStatus) job->num[1],
                                   (SpEvidence) job->num[2],
                                   now_seconds (), error);
}

static gboolean
import_wallet_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);
  gsize len = 0;
  const char *data = g_bytes_get_data (job->bytes, &len);
  guint n = 0;
  gboolean ok;

  if (store == NULL)
    return FALSE;
  if (job->num[0])
    ok = sp_store_import_programmes (store, data, len, now_seconds (), &n, error);
  else
    ok = sp_store_import_vouchers (store, data, len, now_seconds (), &n, error);
  job->out = n;
  return ok;
}

/* The request's strings live in the job: text[0..2], the codes in object. */
typedef struct {
  SpPurchaseRequest  request;
  char              *rate_date;
  char              *category;
  char             **codes;
  SpPurchase        *purchase;
} RecordData;

static void
record_data_free (RecordData *data)
{
  g_free (data->rate_date);
  g_free (data->category);
  g_strfreev (data->codes);
  g_clear_object (&data->purchase);
  g_free (data);
}

static gboolean
record_purchase_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);
  RecordData *data = job->object;

  if (store == NULL
      || (job->result = sp_store_record_purchase (store, data->purchase, &data->request,
                                                  &job->out, error)) == NULL)
    return FALSE;
  job->result_free = g_object_unref;
  return TRUE;
}

static gboolean
list_watches_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL || (job->result = sp_watchlist_list (store, error)) == NULL)
    return FALSE;
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

static gboolean
set_watches_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);
  GPtrArray *watches = job->object;

  if (store == NULL)
    return FALSE;
  for (guint i = 0; i < watches->len; i++)
    {
      SpWatch *w = g_ptr_array_index (watches, i);
      gboolean ok = job->num[0]
                    ? sp_watchlist_add (store, w->kind, w->source, w->key, now_seconds (), error)
                    : sp_watchlist_remove (store, w->kind, w->source, w->key, error);

      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
watch_changes_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpStore *store = sp_store_service_get_store (self, error);

  if (store == NULL || (job->result = sp_watchlist_changes (store, NULL, job->num[0], error)) == NULL)
    return FALSE;
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

SP_STORE_SERVICE_DEFINE_READ (SpWalletSnapshot *, load_snapshot, snapshot_job)

SP_STORE_SERVICE_DEFINE_NUM_ASYNC (load_wallet, guint32, load_wallet_job, SP_STORE_CHANGE_NONE)

SP_STORE_SERVICE_DEFINE_FINISH (SpWallet *, load_wallet)

void
sp_store_service_add_voucher_async (SpStoreService      *self,
                                    SpVoucher           *voucher,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (SP_IS_VOUCHER (voucher));
  job = sp_store_job_new (add_voucher_job, SP_STORE_CHANGE_WALLET);
  job->object = g_object_ref (voucher);
  job->object_free = g_object_unref;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_add_voucher_async);
}

SP_STORE_SERVICE_DEFINE_TEXT_ASYNC (remove_voucher, remove_voucher_job, SP_STORE_CHANGE_WALLET)

SP_STORE_SERVICE_DEFINE_NUM_ASYNC (void_purchase, gint64, void_purchase_job,
                                   SP_STORE_CHANGE_WALLET | SP_STORE_CHANGE_LEDGER)

void
sp_store_service_update_claim_async (SpStoreService      *self,
                                     gint64               claim_id,
                                     SpClaimStatus        status,
                                     SpEvidence           evidence,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  job = sp_store_job_new (update_claim_job, SP_STORE_CHANGE_WALLET);
  job->num[0] = claim_id;
  job->num[1] = status;
  job->num[2] = evidence;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_update_claim_async);
}

void
sp_store_service_import_wallet_async (SpStoreService      *self,
                                      GBytes              *data,
                                      gboolean             programmes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (data != NULL);
  sp_store_service_queue_inputs (self, import_wallet_job, SP_STORE_CHANGE_WALLET, NULL, data,
                                 programmes, cancellable, callback, user_data,
                                 sp_store_service_import_wallet_async);
}

gboolean
sp_store_service_import_wallet_finish (SpStoreService  *self,
                                       GAsyncResult    *result,
                                       guint           *n_imported,
                                       GError         **error)
{
  SpStoreJob *job = sp_store_service_get_job (self, result, error);

  if (n_imported != NULL)
    *n_imported = job != NULL ? (guint) job->out : 0;
  return job != NULL;
}

void
sp_store_service_record_purchase_async (SpStoreService          *self,
                                        SpPurchase              *purchase,
                                        const SpPurchaseRequest *request,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  SpStoreJob *job;
  RecordData *data;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (SP_IS_PURCHASE (purchase));
  g_return_if_fail (request != NULL);

  job = sp_store_job_new (record_purchase_job, SP_STORE_CHANGE_WALLET | SP_STORE_CHANGE_LEDGER);
  data = g_new0 (RecordData, 1);
  data->request = *request;
  data->purchase = g_object_ref (purchase);
  job->text[0] = g_strdup (request->offer_source);
  job->text[1] = g_strdup (request->offer_id);
  job->text[2] = g_strdup (request->description);
  data->request.offer_source = job->text[0];
  data->request.offer_id = job->text[1];
  data->request.description = job->text[2];
  data->request.rate_date = data->rate_date = g_strdup (request->rate_date);
  data->request.category = data->category = g_strdup (request->category);
  data->codes = g_strdupv ((char **) request->codes);
  data->request.codes = (const char * const *) data->codes;
  job->object = data;
  job->object_free = (GDestroyNotify) record_data_free;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_record_purchase_async);
}

SpBreakdown *
sp_store_service_record_purchase_finish (SpStoreService  *self,
                                         GAsyncResult    *result,
                                         gint64          *purchase_id,
                                         GError         **error)
{
  SpStoreJob *job = sp_store_service_get_job (self, result, error);

  if (purchase_id != NULL)
    *purchase_id = job != NULL ? job->out : 0;
  return job != NULL ? g_steal_pointer (&job->result) : NULL;
}

SP_STORE_SERVICE_DEFINE_READ (GPtrArray *, list_watches, list_watches_job)

void
sp_store_service_set_watches_async (SpStoreService      *self,
                                    GPtrArray           *watches,
                                    gboolean             add,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SpStoreJob *job;
  GPtrArray *copy;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (watches != NULL);
  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_watch_free);
  for (guint i = 0; i < watches->len; i++)
    g_ptr_array_add (copy, sp_watch_copy (g_ptr_array_index (watches, i)));
  job = sp_store_job_new (set_watches_job, SP_STORE_CHANGE_WATCHLIST);
  job->object = copy;
  job->object_free = (GDestroyNotify) g_ptr_array_unref;
  job->num[0] = add;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_set_watches_async);
}

SP_STORE_SERVICE_DEFINE_NUM_ASYNC (watch_changes, gint64, watch_changes_job, SP_STORE_CHANGE_NONE)

SP_STORE_SERVICE_DEFINE_FINISH (GPtrArray *, watch_changes)
