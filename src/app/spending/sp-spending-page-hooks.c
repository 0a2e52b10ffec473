/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page-hooks.c — what the tests read and drive on the Spending
 * page (declared in sp-spending-page-private.h) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-async-wait.h"
#include "sp-spending-page-private.h"

const char *
sp_spending_page_get_state (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

SpRepricePanel *
sp_spending_page_get_reprice_panel (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);

  return self->reprice_panel;
}

SpSpendChart *
sp_spending_page_get_chart (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);
  return self->chart;
}

GListModel *
sp_spending_page_get_entries (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

void
sp_spending_page_set_today (SpSpendingPage *self,
                            const GDate    *today)
{
  g_return_if_fail (SP_IS_SPENDING_PAGE (self));

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
  sp_spending_page_reload_all (self);
  sp_spending_page_wait (self);
}

void
sp_spending_page_set_range (SpSpendingPage *self,
                            const char     *range)
{
  g_return_if_fail (SP_IS_SPENDING_PAGE (self));
  g_return_if_fail (range != NULL);

  for (guint i = 0; self->ranges != NULL && i < self->ranges->len; i++)
    if (g_str_equal (g_ptr_array_index (self->ranges, i), range))
      {
        if (gtk_drop_down_get_selected (self->range_dropdown) != i)
          gtk_drop_down_set_selected (self->range_dropdown, i);
        else
          sp_spending_page_on_range_selected (self);
        sp_spending_page_wait (self);
        return;
      }
  /* a year without entries */
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "spending-range", range);
  sp_spending_page_reload_all (self);
  sp_spending_page_wait (self);
}

const char * const *
sp_spending_page_get_ranges (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);

  return (const char * const *) self->range_ids;
}

void
sp_spending_page_filter_month (SpSpendingPage *self,
                               const char     *month)
{
  g_return_if_fail (SP_IS_SPENDING_PAGE (self));
  g_return_if_fail (month == NULL || sp_ledger_month_valid (month));

  sp_spending_page_show_month (self, month);
  sp_spending_page_wait (self);
}

const char *
sp_spending_page_get_filter_month (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);
  return self->filter_month;
}

const SpLedgerBudgetStatus *
sp_spending_page_get_budget_status (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);
  return &self->budget_status;
}

gboolean
sp_spending_page_get_budget_warning (SpSpendingPage *self)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), FALSE);
  return self->budget_warning && gtk_widget_has_css_class (self->budget_box, "over-budget");
}

/* The answer of a delete or undo asked for by a hook. */
static gboolean
wait_delete (SpSpendingPage  *self,
             gint64           id,
             gboolean         undo,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *label = sp_spending_page_entry_label (self, id);

  sp_store_service_delete_entry_async (self->service, id, undo, NULL, sp_async_wait_store, &result);
  if (sp_store_service_finish_id (self->service, sp_async_wait (&result), error) == 0)
    return FALSE;
  sp_spending_page_entry_deleted (self, id, label, undo);
  sp_spending_page_wait (self);
  return TRUE;
}

gboolean
sp_spending_page_delete_entry (SpSpendingPage  *self,
                               gint64           id,
                               GError         **error)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), FALSE);
  g_return_val_if_fail (self->service != NULL, FALSE);

  return wait_delete (self, id, FALSE, error);
}

gboolean
sp_spending_page_undo_delete (SpSpendingPage  *self,
                              GError         **error)
{
  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), FALSE);
  g_return_val_if_fail (self->service != NULL, FALSE);

  if (self->last_deleted == 0)
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND,
                           _("Nothing to undo"));
      return FALSE;
    }
  return wait_delete (self, self->last_deleted, TRUE, error);
}

SpLedgerEntryDialog *
sp_spending_page_open_entry_dialog (SpSpendingPage *self,
                                    gint64          id)
{
  const SpLedgerEntry *entry = NULL;
  g_autofree char *currency = NULL;
  SpLedgerEntryDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);
  g_return_val_if_fail (self->service != NULL, NULL);

  /* the entry as listed: the page shows what is stored */
  if (id != 0 && (entry = sp_spending_page_find_entry (self, id)) == NULL)
    {
      sp_spending_page_toast (self, _("The entry is no longer in the ledger"), FALSE);
      return NULL;
    }
  currency = sp_spending_page_display_currency (self);
  dialog = sp_ledger_entry_dialog_new (self->service, entry, currency);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (sp_spending_page_on_entry_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

SpCsvImportWindow *
sp_spending_page_open_import (SpSpendingPage  *self,
                              const char      *data,
                              gsize            len,
                              GError         **error)
{
  SpCsvImportWindow *window;
  GtkRoot *root;

  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), NULL);
  g_return_val_if_fail (self->service != NULL, NULL);

  window = sp_csv_import_window_new (self->service);
  g_object_ref_sink (window);
  if (!sp_csv_import_window_load (window, data, len, error))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (window);
      return NULL;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_signal_connect_object (window, "imported", G_CALLBACK (sp_spending_page_on_imported), self, 0);
  gtk_window_present (GTK_WINDOW (window));
  g_object_unref (window);
  return window;
}

/* Runs the service's @job on @path and waits for its answer. */
static gboolean
run_path_job (SpSpendingPage  *self,
              SpPathJobFunc    job,
              const char      *path,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (SP_IS_SPENDING_PAGE (self), FALSE);
  g_return_val_if_fail (self->service != NULL, FALSE);

  job (self->service, path, NULL, sp_async_wait_store, &result);
  return sp_store_service_finish (self->service, sp_async_wait (&result), error);
}

gboolean
sp_spending_page_export_csv (SpSpendingPage  *self,
                             const char      *path,
                             GError         **error)
{
  return run_path_job (self, sp_store_service_export_csv_async, path, error);
}

gboolean
sp_spending_page_backup_to (SpSpendingPage  *self,
                            const char      *path,
                            GError         **error)
{
  return run_path_job (self, sp_store_service_backup_async, path, error);
}

gboolean
sp_spending_page_restore_from (SpSpendingPage  *self,
                               const char      *path,
                               GError         **error)
{
  /* checks the file first; then the dated safety copy, then the swap; the
   * page reads it again on ::restored (before this returns) */
  if (!run_path_job (self, sp_store_service_restore_async, path, error))
    return FALSE;
  sp_spending_page_wait (self);
  return TRUE;
}
