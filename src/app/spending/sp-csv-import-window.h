/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-import-window.h — import spending from a CSV file
 *
 * A file in Suanpan's documented ledger columns (docs/ledger-csv.md) goes
 * straight to the preview.  Any other CSV (a vendor's bill export) first
 * shows a column-mapping step: each ledger field takes one of the file's
 * columns or a fixed value; the rows are then rewritten in the documented
 * columns and checked by the same reader.  Nothing is imported while any
 * row has a problem; importing is one transaction. */
#pragma once

#include <adwaita.h>

#include "sp-core.h"
#include "sp-ledger.h"
#include "sp-store-service.h"

G_BEGIN_DECLS

#define SP_TYPE_CSV_IMPORT_WINDOW (sp_csv_import_window_get_type ())
G_DECLARE_FINAL_TYPE (SpCsvImportWindow, sp_csv_import_window, SP, CSV_IMPORT_WINDOW, AdwWindow)

/* Dry runs and the import go through @service (its worker). */
SpCsvImportWindow       *sp_csv_import_window_new         (SpStoreService *service);
/* Reads the file's text (UTF-8, or GB18030 as Chinese vendors' exports
 * often are) and shows the mapping or the preview.  FALSE when the file
 * has no rows at all. */
gboolean                 sp_csv_import_window_load        (SpCsvImportWindow  *self,
                                                           const char         *data,
                                                           gsize               len,
                                                           GError            **error);
/* "mapping" or "preview" */
const char              *sp_csv_import_window_get_step    (SpCsvImportWindow *self);
/* The file's column names. */
const char * const      *sp_csv_import_window_get_source_columns (SpCsvImportWindow *self);
/* Which source column fills ledger column @column (a documented CSV column
 * name, e.g. "amount"): an index into the source columns, or -1. */
int                      sp_csv_import_window_get_mapping (SpCsvImportWindow *self,
                                                           const char        *column);
void                     sp_csv_import_window_set_mapping (SpCsvImportWindow *self,
                                                           const char        *column,
                                                           int                source);
/* The value used for @column when no source column is mapped. */
void                     sp_csv_import_window_set_fixed   (SpCsvImportWindow *self,
                                                           const char        *column,
                                                           const char        *value);
/* Applies the mapping and shows the preview. */
void                     sp_csv_import_window_show_preview (SpCsvImportWindow *self);
/* The checked rows (after show_preview or for a documented file); the line
 * numbers in its errors are the lines of the original file. */
const SpLedgerCsvReport *sp_csv_import_window_get_report  (SpCsvImportWindow *self);
/* The documented-format text that will be imported. */
const char              *sp_csv_import_window_get_csv     (SpCsvImportWindow *self);
/* A documented file (an export) may be restored as a whole-ledger backup:
 * the file replaces every entry of the ledger, in one transaction (the
 * window asks for confirmation when its Restore button is clicked). */
void                     sp_csv_import_window_set_restore (SpCsvImportWindow *self,
                                                           gboolean           restore);
/* What the import (or restore) would do, from a dry run: rows to add, rows
 * already in the ledger (skipped), entries a restore replaces.  This and
 * the summary wait for the dry run's answer (for tests). */
const SpLedgerImportResult *sp_csv_import_window_get_would (SpCsvImportWindow *self);
/* The preview's summary line, e.g. "All 4 entries are already in the ledger: nothing to import." */
const char              *sp_csv_import_window_get_summary (SpCsvImportWindow *self);
/* Imports every new row (or restores) in one transaction, emits "imported"
 * (the number of rows added) and closes; waits for the answer (the
 * Import button does not).  0 with @error when anything is
 * wrong or every row is already in the ledger. */
guint                    sp_csv_import_window_import      (SpCsvImportWindow  *self,
                                                           GError            **error);

G_END_DECLS
