/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-import-window-private.h — what the files of csv import window share */
#pragma once

#include "sp-csv-import-window.h"

G_BEGIN_DECLS

#define MAX_PREVIEW 50
#define MAX_ERRORS_SHOWN 200

typedef struct {
  const char *column;     /* documented CSV column */
  const char *label;      /* translatable */
  const char *synonyms;   /* '|'-separated header names (lower case) */
  gboolean    fixed;      /* may take a fixed value */
} Target;

/* The ledger's CSV columns an import can fill (sp-csv-import-mapping.c) */
#define N_TARGETS 16
extern const Target sp_csv_import_targets[N_TARGETS];
#define targets sp_csv_import_targets


typedef struct {
  guint   line;     /* physical line the record starts on */
  char  **fields;
} Record;

struct _SpCsvImportWindow
{
  AdwWindow          parent_instance;

  /* template widgets */
  GtkStack          *stack;
  GtkButton         *back_button;
  GtkButton         *next_button;
  GtkButton         *import_button;
  AdwPreferencesGroup *mapping_group;
  AdwPreferencesGroup *defaults_group;
  GtkLabel          *summary_label;
  GtkCheckButton    *restore_check;
  GtkListBox        *error_list;
  GtkLabel          *preview_label;
  GtkListBox        *preview_list;

  /* owned */
  SpStoreService    *service;       /* the application's: dry runs and the import */
  GCancellable      *dry_cancel;    /* the dry run in flight */
  guint              n_pending;     /* dry runs not yet answered */
  GArray            *records;       /* of Record; the header is records[0] */
  GStrv              source_columns;
  AdwComboRow       *combo_rows[N_TARGETS];
  AdwEntryRow       *fixed_rows[N_TARGETS];
  GString           *csv;           /* documented format */
  GArray            *line_map;      /* csv line - 1 → original line */
  SpLedgerCsvReport *report;
  SpLedgerImportResult would;       /* a dry run of the import (restore: of the restore) */
  gboolean           documented;
};

GArray *      sp_csv_import_window_parse_csv (const char *data, gsize len);
gboolean      sp_csv_import_window_header_is_documented (char **header);
int           sp_csv_import_window_target_index (const char *column);
void          sp_csv_import_window_build_mapping_rows (SpCsvImportWindow *self);
void          sp_csv_import_window_convert (SpCsvImportWindow *self);

G_END_DECLS
