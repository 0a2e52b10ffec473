/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page-actions.c — the Spending page's actions: the entry
 * dialog, delete and undo, budget, CSV import and export, chart export,
 * backup and restore, and the file choosers they open (the page itself:
 * sp-spending-page.c) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-async-wait.h"
#include "sp-dialogs.h"
#include "sp-spending-page-private.h"
#include "sp-widget-util.h"

typedef void (*FileChosenFunc) (SpSpendingPage *self, GFile *file);

static void
on_file_chosen (GtkNativeDialog *native,
                int              response,
                SpSpendingPage  *self)
{
  FileChosenFunc func = (FileChosenFunc) g_object_get_data (G_OBJECT (native), "func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        func (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

/* Asks for a file (one filter, @pattern), then hands it to @func. */
static void
choose_file (SpSpendingPage        *self,
             const char            *title,
             GtkFileChooserAction   action,
             const char            *accept,
             const char            *suggested_name,
             const char            *filter_name,
             const char            *pattern,
             FileChosenFunc         func)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  native = sp_file_chooser_new (GTK_WIDGET (self), title, action, accept, filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_object_set_data (G_OBJECT (native), "func", func);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* A job handed to the store service (backup, restore, CSV export, budget,
 * delete and undo): an error, @done_text (if any) or, for a delete or an
 * undo (@id not 0), its toast and Undo when it is answered. */
typedef struct {
  SpSpendingPage *self;
  const char     *done_text;   /* translated */
  gint64          id;
  char           *label;
  gboolean        undo;
} FileJob;

static FileJob *
file_job_new (SpSpendingPage *self,
              const char     *done_text)
{
  FileJob *job = g_new0 (FileJob, 1);

  job->self = g_object_ref (self);
  job->done_text = done_text;
  self->n_busy++;
  return job;
}

static void
file_job_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FileJob *job = user_data;
  SpStoreService *service = SP_STORE_SERVICE (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = job->id != 0 ? sp_store_service_finish_id (service, result, &error) != 0
                             : sp_store_service_finish (service, result, &error);

  job->self->n_busy--;
  if (!ok)
    sp_spending_page_toast_error (job->self, error);
  else if (job->id != 0)
    sp_spending_page_entry_deleted (job->self, job->id, job->label, job->undo);
  else if (job->done_text != NULL)
    sp_spending_page_toast (job->self, job->done_text, FALSE);
  g_object_unref (job->self);
  g_free (job->label);
  g_free (job);
}

/* Hands @path to the service's @start; @done_text is toasted when done. */
static void
start_path_job (SpSpendingPage *self,
                const char     *path,
                SpPathJobFunc   start,
                const char     *done_text)
{
  if (self->service != NULL)
    start (self->service, path, NULL, file_job_done, file_job_new (self, done_text));
}

static void
save_csv_file (SpSpendingPage *self,
               GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);

  start_path_job (self, path, sp_store_service_export_csv_async, _("Entries exported"));
}

static void
chart_exported (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpSpendingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_busy--;
  if (!sp_spend_chart_export_finish (SP_SPEND_CHART (source), result, &error))
    sp_spending_page_toast_error (self, error);
  else
    sp_spending_page_toast (self, _("Chart exported"), FALSE);
}

/* Exports the chart at its current size as @format: drawn now, encoded
 * and written in a worker; a toast says when it is done. */
static void
save_chart_file (SpSpendingPage      *self,
                 GFile               *file,
                 SpChartExportFormat  format)
{
  g_autofree char *path = g_file_get_path (file);

  self->n_busy++;
  sp_spend_chart_export_async (self->chart, path, format, 0, 0, NULL, chart_exported,
                               g_object_ref (self));
}

static void
save_png_file (SpSpendingPage *self,
               GFile          *file)
{
  save_chart_file (self, file, SP_CHART_EXPORT_PNG);
}

static void
save_svg_file (SpSpendingPage *self,
               GFile          *file)
{
  save_chart_file (self, file, SP_CHART_EXPORT_SVG);
}

static void
open_import_bytes (SpSpendingPage *self,
                   GBytes         *bytes,
                   GError         *error)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  if (data == NULL || sp_spending_page_open_import (self, data, len, &error) == NULL)
    sp_spending_page_toast_error (self, error);
  g_clear_error (&error);
}

static void
on_csv_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SpSpendingPage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (SP_IS_STORE_SERVICE (source))
    bytes = sp_store_service_read_file_finish (SP_STORE_SERVICE (source), result, &error);
  else
    bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  open_import_bytes (self, bytes, error);
}

static void
open_csv_file (SpSpendingPage *self,
               GFile          *file)
{
  /* a local file: the one input check of every import (sp_import_read_input()),
   * on the store service's worker; else GIO's own async read */
  if (g_file_peek_path (file) != NULL && self->service != NULL)
    sp_store_service_read_file_async (self->service, g_file_peek_path (file),
                                      SP_IMPORT_MAX_LEDGER_SIZE, NULL, on_csv_read,
                                      g_object_ref (self));
  else
    g_file_load_bytes_async (file, NULL, on_csv_read, g_object_ref (self));
}

static void
save_backup_file (SpSpendingPage *self,
                  GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);

  start_path_job (self, path, sp_store_service_backup_async, _("Database backed up"));
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     SpSpendingPage   *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (!g_str_equal (response, "restore"))
    return;
  /* the page reads the restored file again on the service's ::restored */
  start_path_job (self, path, sp_store_service_restore_async, _("Database restored"));
}

static void
open_backup_file (SpSpendingPage *self,
                  GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  AdwMessageDialog *dialog;

  dialog = sp_confirm_dialog_new (sp_widget_get_window (GTK_WIDGET (self)), _("Replace All Data?"),
                                  NULL, "restore", _("_Restore"));
  adw_message_dialog_format_body (dialog,
                                  _("Everything in Suanpan — offers, sources, vouchers and spending — "
                                    "will be replaced by the backup “%s” once it has been checked. "
                                    "The current data is first saved beside the database as "
                                    "“suanpan-before-restore-DATE-TIME.db” (the last %d are kept)."),
                                  name, SP_BACKUP_SAFETY_COPIES);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_budget_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SpSpendingPage   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *currency = sp_spending_page_display_currency (self);
  SpMoney amount = SP_MONEY_UNKNOWN;

  if (g_str_equal (response, "cancel") || self->service == NULL)
    return;
  if (g_str_equal (response, "set") &&
      (!sp_money_parse (gtk_editable_get_text (entry), &amount, NULL) || amount <= 0))
    {
      sp_spending_page_toast (self, _("The budget must be an amount above zero"), FALSE);
      return;
    }
  /* the page reads again on ::ledger-changed */
  sp_store_service_set_budget_async (self->service, amount, currency, NULL, file_job_done,
                                     file_job_new (self, NULL));
}

static void
action_budget (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  SpSpendingPage *self = SP_SPENDING_PAGE (widget);
  g_autofree char *currency = sp_spending_page_display_currency (self);
  GtkWidget *dialog, *entry;
  SpMoney amount;

  if (self->service == NULL)
    return;
  dialog = adw_message_dialog_new (sp_widget_get_window (widget), _("Monthly Budget"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("What the company means to pay per month, in %s. The chart "
                                    "draws it as a line; the current month warns when its "
                                    "projection goes over it."), currency);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Monthly budget"), -1);
  /* the budget as last read */
  if (self->has_budget)
    {
      g_autofree char *text = NULL;

      amount = sp_spending_page_convert_budget (self, self->budget, self->budget_currency, currency);
      text = amount != SP_MONEY_UNKNOWN ? sp_money_to_string (amount, 0) : NULL;
      gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_No Budget"),
                                    "set", _("_Set"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_budget_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After a delete (@undo FALSE) or an undo of the page's was answered. */
void
sp_spending_page_entry_deleted (SpSpendingPage *self,
                                gint64          id,
                                const char     *label,
                                gboolean        undo)
{
  self->last_deleted = undo ? 0 : id;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.undo", self->last_deleted != 0);
  if (!undo)
    {
      /* Translators: a toast after deleting a ledger entry, e.g. "Deleted “A100 hours”" */
      g_autofree char *message = g_strdup_printf (_("Deleted “%s”"), label);

      sp_spending_page_toast (self, message, TRUE);
    }
}

char *
sp_spending_page_entry_label (SpSpendingPage *self,
                              gint64          id)
{
  const SpLedgerEntry *e = sp_spending_page_find_entry (self, id);

  if (e == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  return g_strdup (e->item != NULL ? e->item : e->date);
}

void
sp_spending_page_start_delete (SpSpendingPage *self,
                               gint64          id,
                               gboolean        undo)
{
  FileJob *job;

  if (self->service == NULL)
    return;
  job = file_job_new (self, NULL);
  job->id = id;
  job->label = sp_spending_page_entry_label (self, id);
  job->undo = undo;
  sp_store_service_delete_entry_async (self->service, id, undo, NULL, file_job_done, job);
}

static void
action_add (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  sp_spending_page_open_entry_dialog (SP_SPENDING_PAGE (widget), 0);
}

static void
action_edit (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SpSpendingPage *self = SP_SPENDING_PAGE (widget);
  SpLedgerItem *item = sp_spending_page_selected_item (self);

  if (item != NULL)
    sp_spending_page_open_entry_dialog (self, sp_ledger_item_get_id (item));
}

static void
action_delete (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  SpSpendingPage *self = SP_SPENDING_PAGE (widget);
  SpLedgerItem *item = sp_spending_page_selected_item (self);

  if (item != NULL)
    sp_spending_page_start_delete (self, sp_ledger_item_get_id (item), FALSE);
}

static void
action_undo (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SpSpendingPage *self = SP_SPENDING_PAGE (widget);

  if (self->last_deleted != 0)
    sp_spending_page_start_delete (self, self->last_deleted, TRUE);
}

static void
action_show_all (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  sp_spending_page_show_month (SP_SPENDING_PAGE (widget), NULL);
}

/* The actions that open a file chooser, then hand the file to a function. */
typedef struct {
  const char           *action;
  const char           *title;            /* N_() */
  GtkFileChooserAction  mode;
  const char           *accept;           /* N_() */
  const char           *suggested;        /* strftime format, or NULL */
  const char           *filter_name;      /* N_() */
  const char           *pattern;
  FileChosenFunc        func;
} FileAction;

static const FileAction file_actions[] = {
  { "spending.import", N_("Import Spending"), GTK_FILE_CHOOSER_ACTION_OPEN, N_("_Open"), NULL,
    N_("CSV files"), "*.csv", open_csv_file },
  { "spending.export-csv", N_("Export Entries"), GTK_FILE_CHOOSER_ACTION_SAVE, N_("_Export"),
    "suanpan-ledger.csv", N_("CSV files"), "*.csv", save_csv_file },
  { "spending.export-png", N_("Export Chart"), GTK_FILE_CHOOSER_ACTION_SAVE, N_("_Export"),
    "suanpan-spending.png", N_("PNG images"), "*.png", save_png_file },
  { "spending.export-svg", N_("Export Chart"), GTK_FILE_CHOOSER_ACTION_SAVE, N_("_Export"),
    "suanpan-spending.svg", N_("SVG images"), "*.svg", save_svg_file },
  { "spending.backup", N_("Back Up Database"), GTK_FILE_CHOOSER_ACTION_SAVE, N_("_Save"),
    "suanpan-backup-%Y-%m-%d.db", N_("Suanpan databases"), "*.db", save_backup_file },
  { "spending.restore", N_("Restore Database"), GTK_FILE_CHOOSER_ACTION_OPEN, N_("_Open"), NULL,
    N_("Suanpan databases"), "*.db", open_backup_file },
};

static void
action_choose_file (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_actions); i++)
    {
      const FileAction *a = &file_actions[i];
      g_autoptr(GDateTime) now = NULL;
      g_autofree char *suggested = NULL;

      if (!g_str_equal (a->action, name))
        continue;
      if (a->suggested != NULL)
        {
          now = g_date_time_new_now_local ();
          suggested = g_date_time_format (now, a->suggested);
        }
      choose_file (SP_SPENDING_PAGE (widget), _(a->title), a->mode, _(a->accept),
                   suggested, _(a->filter_name), a->pattern, a->func);
      return;
    }
}

static const SpWidgetAction actions[] = {
  { "spending.add", NULL, action_add },
  { "spending.edit", NULL, action_edit },
  { "spending.delete", NULL, action_delete },
  { "spending.undo", NULL, action_undo },
  { "spending.show-all", NULL, action_show_all },
  { "spending.budget", NULL, action_budget },
};

void
sp_spending_page_install_actions (GtkWidgetClass *widget_class)
{
  sp_widget_class_install_actions (widget_class, actions, G_N_ELEMENTS (actions));
  for (guint i = 0; i < G_N_ELEMENTS (file_actions); i++)
    gtk_widget_class_install_action (widget_class, file_actions[i].action, NULL, action_choose_file);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "spending.delete", NULL);
}
