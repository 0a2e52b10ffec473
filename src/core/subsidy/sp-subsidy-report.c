/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-subsidy-report.c — programmes, company and claimable amounts in one read */
#include "config.h"

#include "sp-ledger.h"
#include "sp-purchase.h"
#include "sp-subsidy-report.h"
#include "sp-wallet-store.h"

struct _SpSubsidyReport
{
  GObject     parent_instance;

  GPtrArray  *programmes;
  SpCompany  *company;
  GPtrArray  *claims;
  SpMoney     total;
  guint32     from;
  guint32     today;
};

G_DEFINE_FINAL_TYPE (SpSubsidyReport, sp_subsidy_report, G_TYPE_OBJECT)

static void
sp_subsidy_report_finalize (GObject *object)
{
  SpSubsidyReport *self = SP_SUBSIDY_REPORT (object);

  g_clear_pointer (&self->programmes, g_ptr_array_unref);
  g_clear_pointer (&self->company, sp_company_free);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  G_OBJECT_CLASS (sp_subsidy_report_parent_class)->finalize (object);
}

static void
sp_subsidy_report_class_init (SpSubsidyReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_subsidy_report_finalize;
}

static void
sp_subsidy_report_init (SpSubsidyReport *self)
{
}

static GPtrArray *
list_entries (const char  *store_path,
              guint32      from,
              guint32      today,
              GError     **error)
{
  g_autoptr(SpLedger) ledger = sp_ledger_open (store_path, error);
  g_autofree char *from_month = sp_date_to_iso (from);
  g_autofree char *to_month = sp_date_to_iso (today);

  if (ledger == NULL)
    return NULL;
  from_month[7] = '\0';  /* "YYYY-MM" */
  to_month[7] = '\0';
  return sp_ledger_list (ledger, from_month, to_month, error);
}

SpSubsidyReport *
sp_subsidy_report_load (const char  *store_path,
                        guint        months,
                        guint32      today,
                        GError     **error)
{
  g_autoptr(SpSubsidyReport) self = g_object_new (SP_TYPE_SUBSIDY_REPORT, NULL);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (months > 0, NULL);

  self->today = today != 0 ? today : sp_date_today ();
  self->from = sp_claimable_period_start (self->today, months);
  store = sp_store_open (store_path, error);
  if (store == NULL ||
      (self->programmes = sp_store_list_programmes (store, error)) == NULL ||
      (self->company = sp_company_load (store, error)) == NULL)
    return NULL;
  g_clear_object (&store);
  entries = list_entries (store_path, self->from, self->today, error);
  if (entries == NULL)
    return NULL;
  self->claims = sp_claimable_compute (self->programmes, self->company, entries, self->from,
                                       self->today);
  self->total = sp_claimable_total (self->claims);
  return g_steal_pointer (&self);
}

typedef struct {
  char      *store_path;
  guint      months;
  guint32    today;
  SpCompany *company;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->store_path);
  sp_company_free (data->company);
  g_free (data);
}

/* On the worker: saves data->company when set, else loads the report */
static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  if (data->company != NULL)
    {
      g_autoptr(SpStore) store = sp_store_open (data->store_path, &error);

      if (store != NULL && sp_company_save (store, data->company, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  else
    {
      SpSubsidyReport *report = sp_subsidy_report_load (data->store_path, data->months,
                                                        data->today, &error);

      if (report != NULL)
        {
          g_task_return_pointer (task, report, g_object_unref);
          return;
        }
    }
  g_task_return_error (task, error);
}

static void
run_report_task (LoadData            *data,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, report_thread);
}

void
sp_subsidy_report_load_async (const char          *store_path,
                              guint                months,
                              guint32              today,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (store_path != NULL);

  data = g_new0 (LoadData, 1);
  data->store_path = g_strdup (store_path);
  data->months = months > 0 ? months : 12;
  data->today = today;
  run_report_task (data, sp_subsidy_report_load_async, cancellable, callback, user_data);
}

SpSubsidyReport *
sp_subsidy_report_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sp_company_save_async (const char          *store_path,
                       const SpCompany     *company,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (store_path != NULL && company != NULL);

  data = g_new0 (LoadData, 1);
  data->store_path = g_strdup (store_path);
  data->company = sp_company_new ();
  data->company->city = g_strdup (company->city);
  data->company->district = g_strdup (company->district);
  data->company->industry = g_strdup (company->industry);
  data->company->employees = company->employees;
  run_report_task (data, sp_company_save_async, cancellable, callback, user_data);
}

gboolean
sp_company_save_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
sp_subsidy_report_get_claims (SpSubsidyReport *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDY_REPORT (self), NULL);
  return self->claims;
}

GPtrArray *
sp_subsidy_report_get_programmes (SpSubsidyReport *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDY_REPORT (self), NULL);
  return self->programmes;
}

const SpCompany *
sp_subsidy_report_get_company (SpSubsidyReport *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDY_REPORT (self), NULL);
  return self->company;
}

SpMoney
sp_subsidy_report_get_total (SpSubsidyReport *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDY_REPORT (self), 0);
  return self->total;
}

guint32
sp_subsidy_report_get_from (SpSubsidyReport *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDY_REPORT (self), 0);
  return self->from;
}

guint32
sp_subsidy_report_get_today (SpSubsidyReport *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDY_REPORT (self), 0);
  return self->today;
}
