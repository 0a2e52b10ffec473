/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-import-window.c — import spending from a CSV file
 *
 * The vendor's file is read with a small RFC 4180 reader of its own (the
 * ledger's reader is tied to the documented columns).  The mapping step
 * rewrites each record, one line per record, as a documented-format row;
 * sp_ledger_csv_read() checks the result, and the report's line numbers are
 * translated back to the lines of the original file. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-async-wait.h"
#include "sp-csv-cell.h"
#include "sp-csv-import-window-private.h"
#include "sp-dialogs.h"
#include "sp-widget-util.h"



G_DEFINE_FINAL_TYPE (SpCsvImportWindow, sp_csv_import_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- helpers */

static guint
original_line (SpCsvImportWindow *self,
               guint              line)
{
  if (self->documented || line == 0 || line > self->line_map->len)
    return line;
  return g_array_index (self->line_map, guint, line - 1);
}

static GtkWidget *
preview_row (const SpLedgerEntry *e)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *paid = sp_money_to_string (e->paid, 2);
  g_autofree char *subsidy = sp_money_to_string (e->subsidy, 2);
  g_autofree char *title = g_strdup_printf ("%s · %s · %s", e->date, e->vendor ? e->vendor : "",
                                            e->item ? e->item : "");
  g_autofree char *subtitle = NULL;

  if (e->subsidy != 0 && e->subsidy != SP_MONEY_UNKNOWN)
    /* Translators: a row of the import preview: "12.50 CNY paid, 3.00 subsidy" */
    subtitle = g_strdup_printf (_("%s %s paid, %s subsidy"), paid, e->currency, subsidy);
  else
    subtitle = g_strdup_printf (_("%s %s paid"), paid, e->currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* The dry run's answer: the summary says what the import would do. */
static void
show_would (SpCsvImportWindow *self,
            const GError      *dry_error)
{
  g_autofree char *summary = NULL;

  if (dry_error != NULL)
    summary = g_strdup (dry_error->message);
  else if (gtk_check_button_get_active (self->restore_check))
    /* Translators: "the 12 entries of the ledger are replaced by the 10 of the file" */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Restore: the %u entry of the ledger is replaced by the %u of the file.",
                                            "Restore: the %u entries of the ledger are replaced by the %u of the file.",
                                            self->would.n_replaced),
                               self->would.n_replaced, self->would.n_added);
  else if (self->would.n_added == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The %u entry is already in the ledger: nothing to import.",
                                            "All %u entries are already in the ledger: nothing to import.",
                                            self->would.n_present),
                               self->would.n_present);
  else if (self->would.n_present > 0)
    {
      g_autofree char *ready = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u entry is ready to import",
                                                             "%u entries are ready to import",
                                                             self->would.n_added),
                                                self->would.n_added);

      /* Translators: "3 entries are ready to import; 5 already present (skipped)." */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s; %u already present (skipped).",
                                              "%s; %u already present (skipped).",
                                              self->would.n_present),
                                 ready, self->would.n_present);
    }
  if (summary != NULL)
    gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            dry_error == NULL &&
                            (self->would.n_added > 0 || self->would.n_replaced > 0));
}

static void
on_dry_run_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SpCsvImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SpLedgerImportResult would = { 0 };

  self->n_pending--;
  if ((!sp_store_service_import_csv_finish (SP_STORE_SERVICE (source), result, &would, &error)
       && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) || self->service == NULL)
    return;
  self->would = would;
  show_would (self, error);
}

static void
check_rows (SpCsvImportWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->report, sp_ledger_csv_report_free);
  if (!sp_ledger_csv_read (self->csv->str, self->csv->len, MAX_PREVIEW, NULL, NULL,
                           &self->report, &error))
    g_warning ("Could not check the rows: %s", error->message);
  for (guint i = 0; self->report != NULL && i < self->report->errors->len; i++)
    {
      SpLedgerCsvError *e = g_ptr_array_index (self->report->errors, i);
      e->line = original_line (self, e->line);
    }

  sp_list_box_remove_all (self->error_list);
  sp_list_box_remove_all (self->preview_list);
  if (self->report == NULL)
    return;

  if (self->report->n_errors > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u problem: nothing will be imported until it is fixed in the file.",
                                            "%u problems: nothing will be imported until they are fixed in the file.",
                                            self->report->n_errors),
                               self->report->n_errors);
  else if (self->report->n_rows == 0)
    summary = g_strdup (_("The file has no rows to import."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u entry is ready to import.",
                                            "%u entries are ready to import.",
                                            self->report->n_rows),
                               self->report->n_rows);
  /* what the import would do (rows already in the ledger are skipped):
   * a dry run on the store service's worker; show_would() tells */
  memset (&self->would, 0, sizeof self->would);
  g_cancellable_cancel (self->dry_cancel);
  g_clear_object (&self->dry_cancel);
  if (self->report->n_errors == 0 && self->report->n_rows > 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (self->csv->str, self->csv->len);
      SpLedgerImportFlags flags = SP_LEDGER_IMPORT_DRY_RUN;

      if (gtk_check_button_get_active (self->restore_check))
        flags |= SP_LEDGER_IMPORT_REPLACE;
      self->dry_cancel = g_cancellable_new ();
      self->n_pending++;
      sp_store_service_import_csv_async (self->service, bytes, flags, self->dry_cancel,
                                         on_dry_run_done, g_object_ref (self));
    }
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_check), self->documented);
  gtk_button_set_label (self->import_button, gtk_check_button_get_active (self->restore_check)
                                               ? _("_Restore") : _("_Import"));

  for (guint i = 0; i < self->report->errors->len && i < MAX_ERRORS_SHOWN; i++)
    {
      SpLedgerCsvError *e = g_ptr_array_index (self->report->errors, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: where a problem is in the imported file */
      g_autofree char *where = g_strdup_printf (_("Line %u"), e->line);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->reason);
      gtk_list_box_append (self->error_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_list), self->report->errors->len > 0);

  for (guint i = 0; i < self->report->preview->len; i++)
    gtk_list_box_append (self->preview_list,
                         preview_row (g_ptr_array_index (self->report->preview, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), self->report->preview->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), self->report->preview->len > 0);

  /* until the dry run answered */
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
}

static void
show_step (SpCsvImportWindow *self,
           const char        *step)
{
  gboolean preview = g_str_equal (step, "preview");

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !preview);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), preview && !self->documented);
}

/* ------------------------------------------------------------ callbacks */

static void
on_back_clicked (SpCsvImportWindow *self)
{
  show_step (self, "mapping");
}

static void
on_next_clicked (SpCsvImportWindow *self)
{
  sp_csv_import_window_show_preview (self);
}

static void
on_restore_toggled (SpCsvImportWindow *self)
{
  if (self->report != NULL)
    check_rows (self);
}

/* Whether the import may run: FALSE with the summary as @error when not. */
static gboolean
can_import (SpCsvImportWindow  *self,
            GError            **error)
{
  if (self->report->n_errors > 0 || self->report->n_rows == 0 ||
      (self->would.n_added == 0 && self->would.n_replaced == 0))
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV,
                           gtk_label_get_text (self->summary_label));
      return FALSE;
    }
  return TRUE;
}

static void
start_import (SpCsvImportWindow   *self,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GBytes) bytes = g_bytes_new (self->csv->str, self->csv->len);

  sp_store_service_import_csv_async (self->service, bytes,
                                     gtk_check_button_get_active (self->restore_check)
                                       ? SP_LEDGER_IMPORT_REPLACE : SP_LEDGER_IMPORT_NONE,
                                     NULL, callback, user_data);
}

/* The import's answer: "imported" and close, or the error in the summary. */
static guint
import_done (SpCsvImportWindow  *self,
             GAsyncResult       *result,
             GError            **error)
{
  SpLedgerImportResult counts = { 0 };

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  if (!sp_store_service_import_csv_finish (self->service, result, &counts, error))
    return 0;
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, counts.n_added);
  gtk_window_close (GTK_WINDOW (self));
  return counts.n_added;
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpCsvImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->service == NULL)   /* closed meanwhile: the pages heard ::ledger-changed */
    return;
  if (import_done (self, result, &error) == 0 && error != NULL)
    gtk_label_set_text (self->summary_label, error->message);
}

static void
import_now (SpCsvImportWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!can_import (self, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  start_import (self, on_import_done, g_object_ref (self));
}

static void
on_restore_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     SpCsvImportWindow *self)
{
  if (g_str_equal (response, "restore"))
    import_now (self);
}

static void
on_import_clicked (SpCsvImportWindow *self)
{
  AdwMessageDialog *dialog;

  if (!gtk_check_button_get_active (self->restore_check))
    {
      import_now (self);
      return;
    }
  /* a restore replaces the whole ledger: confirm first */
  dialog = sp_confirm_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"),
                                  gtk_label_get_text (self->summary_label),
                                  "restore", _("_Restore"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ overrides */

static void
sp_csv_import_window_dispose (GObject *object)
{
  SpCsvImportWindow *self = SP_CSV_IMPORT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_CSV_IMPORT_WINDOW);
  g_cancellable_cancel (self->dry_cancel);
  g_clear_object (&self->dry_cancel);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (sp_csv_import_window_parent_class)->dispose (object);
}

static void
sp_csv_import_window_finalize (GObject *object)
{
  SpCsvImportWindow *self = SP_CSV_IMPORT_WINDOW (object);

  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->source_columns, g_strfreev);
  g_string_free (self->csv, TRUE);
  g_clear_pointer (&self->line_map, g_array_unref);
  g_clear_pointer (&self->report, sp_ledger_csv_report_free);

  G_OBJECT_CLASS (sp_csv_import_window_parent_class)->finalize (object);
}

static void
sp_csv_import_window_class_init (SpCsvImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_csv_import_window_dispose;
  object_class->finalize = sp_csv_import_window_finalize;

  /**
   * SpCsvImportWindow::imported:
   * @n: how many entries were added
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-csv-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, defaults_group);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, restore_check);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, error_list);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, preview_list);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_toggled);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_csv_import_window_init (SpCsvImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->csv = g_string_new (NULL);
  self->line_map = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ----------------------------------------------------------- public API */

SpCsvImportWindow *
sp_csv_import_window_new (SpStoreService *service)
{
  SpCsvImportWindow *self;

  g_return_val_if_fail (SP_IS_STORE_SERVICE (service), NULL);

  self = g_object_new (SP_TYPE_CSV_IMPORT_WINDOW, NULL);
  self->service = g_object_ref (service);
  return self;
}

/* Test hooks: until the dry run answered. */
static void
wait_checked (SpCsvImportWindow *self)
{
  while (self->n_pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
sp_csv_import_window_load (SpCsvImportWindow  *self,
                           const char         *data,
                           gsize               len,
                           GError            **error)
{
  g_autofree char *converted = NULL;
  Record *header;

  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), FALSE);
  g_return_val_if_fail (self->records == NULL, FALSE);

  if (!g_utf8_validate (data, len, NULL))
    {
      gsize out_len = 0;

      converted = g_convert (data, len, "UTF-8", "GB18030", NULL, &out_len, NULL);
      if (converted == NULL)
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV,
                       _("The file is neither UTF-8 nor GB18030 text"));
          return FALSE;
        }
      data = converted;
      len = out_len;
    }

  self->records = sp_csv_import_window_parse_csv (data, len);
  if (self->records->len == 0)
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV,
                   _("The file is empty (it needs a header line)"));
      return FALSE;
    }
  header = &g_array_index (self->records, Record, 0);
  self->source_columns = g_strdupv (header->fields);
  self->documented = sp_csv_import_window_header_is_documented (header->fields);

  if (self->documented)
    {
      g_string_assign (self->csv, "");
      g_string_append_len (self->csv, data, (gssize) len);
      check_rows (self);
      show_step (self, "preview");
    }
  else
    {
      sp_csv_import_window_build_mapping_rows (self);
      show_step (self, "mapping");
    }
  return TRUE;
}

const char *
sp_csv_import_window_get_step (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char * const *
sp_csv_import_window_get_source_columns (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return (const char * const *) self->source_columns;
}

int
sp_csv_import_window_get_mapping (SpCsvImportWindow *self,
                                  const char        *column)
{
  int t = sp_csv_import_window_target_index (column);

  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), -1);
  g_return_val_if_fail (t >= 0, -1);

  if (self->combo_rows[t] == NULL)
    return -1;
  return (int) adw_combo_row_get_selected (self->combo_rows[t]) - 1;
}

void
sp_csv_import_window_set_mapping (SpCsvImportWindow *self,
                                  const char        *column,
                                  int                source)
{
  int t = sp_csv_import_window_target_index (column);

  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (t >= 0 && self->combo_rows[t] != NULL);
  g_return_if_fail (source < (int) g_strv_length (self->source_columns));

  adw_combo_row_set_selected (self->combo_rows[t], (guint) (MAX (source, -1) + 1));
}

void
sp_csv_import_window_set_fixed (SpCsvImportWindow *self,
                                const char        *column,
                                const char        *value)
{
  int t = sp_csv_import_window_target_index (column);

  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (t >= 0 && self->fixed_rows[t] != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[t]), value ? value : "");
}

void
sp_csv_import_window_show_preview (SpCsvImportWindow *self)
{
  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (self->records != NULL);

  if (!self->documented)
    sp_csv_import_window_convert (self);
  check_rows (self);
  show_step (self, "preview");
}

const SpLedgerCsvReport *
sp_csv_import_window_get_report (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return self->report;
}

const char *
sp_csv_import_window_get_csv (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return self->csv->str;
}

guint
sp_csv_import_window_import (SpCsvImportWindow  *self,
                             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), 0);

  if (self->report == NULL)
    sp_csv_import_window_show_preview (self);
  wait_checked (self);
  if (!can_import (self, error))
    return 0;
  start_import (self, sp_async_wait_store, &result);
  return import_done (self, sp_async_wait (&result), error);
}

void
sp_csv_import_window_set_restore (SpCsvImportWindow *self,
                                  gboolean           restore)
{
  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (!restore || self->documented);

  gtk_check_button_set_active (self->restore_check, restore);
}

const SpLedgerImportResult *
sp_csv_import_window_get_would (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  wait_checked (self);
  return &self->would;
}

const char *
sp_csv_import_window_get_summary (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  wait_checked (self);
  return gtk_label_get_text (self->summary_label);
}
