/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service-spending.c — the store service's jobs for the Spending
 * page: its whole view in one read, the budget, CSV export and import, and
 * reading a chosen file (the class and the worker: sp-store-service.c) */
#include "config.h"

#include <string.h>

#include "sp-import.h"
#include "sp-store-service-private.h"

void
sp_spending_view_free (SpSpendingView *view)
{
  if (view == NULL)
    return;
  g_strfreev (view->years);
  g_clear_pointer (&view->monthly, g_ptr_array_unref);
  g_clear_pointer (&view->entries, g_ptr_array_unref);
  g_clear_error (&view->monthly_error);
  g_clear_error (&view->status_error);
  g_clear_error (&view->entries_error);
  g_free (view);
}

/* The years with entries, newest first, from the monthly totals. */
static GStrv
entry_years (SpLedger *ledger)
{
  g_autoptr(GPtrArray) rows = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_NONE,
                                                  "CNY", NULL, NULL);
  g_autoptr(GStrvBuilder) years = g_strv_builder_new ();
  char last[5] = "";

  for (guint i = rows != NULL ? rows->len : 0; i > 0; i--)
    {
      SpLedgerMonthlyRow *row = g_ptr_array_index (rows, i - 1);

      if (strncmp (last, row->month, 4) != 0)
        {
          g_strlcpy (last, row->month, sizeof last);
          g_strv_builder_add (years, last);
        }
    }
  return g_strv_builder_end (years);
}

static gboolean
load_spending_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);
  const SpSpendingQuery *q = job->object;
  SpSpendingView *view;

  if (ledger == NULL)
    return FALSE;
  view = g_new0 (SpSpendingView, 1);
  view->years = entry_years (ledger);
  view->monthly = sp_ledger_monthly (ledger, q->from, q->to, q->by, q->currency,
                                     &view->n_skipped, &view->monthly_error);
  view->budget = SP_MONEY_UNKNOWN;
  view->has_budget = sp_ledger_get_budget (ledger, &view->budget, view->budget_currency);
  sp_ledger_budget_status (ledger, &q->today, q->currency, &view->status, &view->status_error);
  view->entries = sp_ledger_list (ledger, q->list_from, q->list_to, &view->entries_error);
  view->count = sp_ledger_count (ledger);
  job->result = view;
  job->result_free = (GDestroyNotify) sp_spending_view_free;
  return TRUE;
}

static gboolean
get_budget_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);
  SpMoney amount = SP_MONEY_UNKNOWN;

  if (ledger == NULL)
    return FALSE;
  job->text[0] = g_malloc0 (4);
  job->num[1] = sp_ledger_get_budget (ledger, &amount, job->text[0]);
  job->out = amount;
  return TRUE;
}

static gboolean
set_budget_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);

  return ledger != NULL && sp_ledger_set_budget (ledger, job->num[0], job->text[0], error);
}

static gboolean
export_csv_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (ledger == NULL || (data = sp_ledger_export_csv (ledger, &len, error)) == NULL)
    return FALSE;
  return g_file_set_contents (job->text[0], data, (gssize) len, error);
}

static gboolean
import_csv_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  SpLedger *ledger = sp_store_service_get_ledger (self, error);
  SpLedgerImportResult *counts = g_new0 (SpLedgerImportResult, 1);
  gsize len = 0;
  const char *data = g_bytes_get_data (job->bytes, &len);

  job->result = counts;
  job->result_free = g_free;
  return ledger != NULL
         && sp_ledger_import_csv_full (ledger, data, len, (SpLedgerImportFlags) job->num[0],
                                       NULL, counts, error);
}

static gboolean
read_file_job (SpStoreService *self, SpStoreJob *job, GCancellable *cancellable, GError **error)
{
  gsize len = 0;
  char *data = sp_import_read_input (job->text[0], (gsize) job->num[0], &len, error);

  if (data == NULL)
    return FALSE;
  job->result = g_bytes_new_take (data, len);
  job->result_free = (GDestroyNotify) g_bytes_unref;
  return TRUE;
}

void
sp_store_service_load_spending_async (SpStoreService        *self,
                                      const SpSpendingQuery *query,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  SpStoreJob *job;

  g_return_if_fail (SP_IS_STORE_SERVICE (self));
  g_return_if_fail (query != NULL && g_date_valid (&query->today));
  job = sp_store_job_new (load_spending_job, SP_STORE_CHANGE_NONE);
  job->object = g_memdup2 (query, sizeof *query);
  job->object_free = g_free;
  sp_store_service_queue (self, job, cancellable, callback, user_data,
                          sp_store_service_load_spending_async);
}

SP_STORE_SERVICE_DEFINE_FINISH (SpSpendingView *, load_spending)

void
sp_store_service_get_budget_async (SpStoreService      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  sp_store_service_queue_simple (self, get_budget_job, SP_STORE_CHANGE_NONE, NULL, 0,
                                 cancellable, callback, user_data,
                                 sp_store_service_get_budget_async);
}

gboolean
sp_store_service_get_budget_finish (SpStoreService  *self,
                                    GAsyncResult    *result,
                                    SpMoney         *amount,
                                    char             currency[4],
                                    GError         **error)
{
  SpStoreJob *job = sp_store_service_get_job (self, result, error);

  if (job == NULL || !job->num[1])
    return FALSE;
  if (amount != NULL)
    *amount = job->out;
  if (currency != NULL)
    g_strlcpy (currency, job->text[0], 4);
  return TRUE;
}

void
sp_store_service_set_budget_async (SpStoreService      *self,
                                   SpMoney              amount,
                                   const char          *currency,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  sp_store_service_queue_simple (self, set_budget_job, SP_STORE_CHANGE_LEDGER, currency, amount,
                                 cancellable, callback, user_data,
                                 sp_store_service_set_budget_async);
}

void
sp_store_service_export_csv_async (SpStoreService      *self,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  sp_store_service_queue_simple (self, export_csv_job, SP_STORE_CHANGE_NONE, path, 0,
                                 cancellable, callback, user_data,
                                 sp_store_service_export_csv_async);
}

void
sp_store_service_import_csv_async (SpStoreService      *self,
                                   GBytes              *data,
                                   SpLedgerImportFlags  flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (data != NULL);
  sp_store_service_queue_inputs (self, import_csv_job, (flags & SP_LEDGER_IMPORT_DRY_RUN) != 0
                                                         ? SP_STORE_CHANGE_NONE : SP_STORE_CHANGE_LEDGER,
                                 NULL, data, flags, cancellable, callback, user_data,
                                 sp_store_service_import_csv_async);
}

gboolean
sp_store_service_import_csv_finish (SpStoreService        *self,
                                    GAsyncResult          *result,
                                    SpLedgerImportResult  *counts,
                                    GError               **error)
{
  SpStoreJob *job = sp_store_service_get_job (self, result, error);

  if (job == NULL)
    return FALSE;
  if (counts != NULL)
    *counts = *(SpLedgerImportResult *) job->result;
  return TRUE;
}

void
sp_store_service_read_file_async (SpStoreService      *self,
                                  const char          *path,
                                  gsize                max_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  sp_store_service_queue_simple (self, read_file_job, SP_STORE_CHANGE_NONE, path,
                                 (gint64) max_size, cancellable, callback, user_data,
                                 sp_store_service_read_file_async);
}

SP_STORE_SERVICE_DEFINE_FINISH (GBytes *, read_file)
