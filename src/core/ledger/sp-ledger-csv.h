/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-csv.h — the ledger's documented CSV format (docs/ledger-csv.md)
 *
 * An RFC 4180 reader (quoted fields, "" escapes, CRLF or LF, a UTF-8 byte
 * order mark) and the mapping of its columns, by header name, onto
 * SpLedgerEntry.  Every row is checked; problems are collected as
 * (line, reason) where the line is the physical line on which the record
 * starts (the header is line 1). */
#pragma once

#include <glib.h>
#include "sp-ledger-entry.h"

G_BEGIN_DECLS

/* At most this many errors are kept (all are counted). */
#define SP_LEDGER_CSV_MAX_ERRORS 1000

typedef struct {
  guint  line;
  char  *reason;   /* translated, plain words, one line */
} SpLedgerCsvError;

typedef struct {
  guint      n_rows;     /* data rows read and valid */
  GPtrArray *preview;    /* SpLedgerEntry, the first valid rows (up to the asked number) */
  GPtrArray *errors;     /* SpLedgerCsvError, at most SP_LEDGER_CSV_MAX_ERRORS */
  guint      n_errors;   /* all errors */
} SpLedgerCsvReport;

void sp_ledger_csv_report_free (SpLedgerCsvReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpLedgerCsvReport, sp_ledger_csv_report_free)

/* Called for each valid row while no error has been seen yet.  @entry is
 * completed (sp_ledger_entry_complete()) and its strings are borrowed: valid
 * only during the call.  Returning FALSE stops reading with @error. */
typedef gboolean (*SpLedgerCsvRowFunc) (SpLedgerEntry  *entry,
                                        guint           line,
                                        gpointer        user_data,
                                        GError        **error);

/* Reads all of @data (@len bytes).  Returns FALSE only when @func failed;
 * row problems are in @report (check n_errors).  The first @max_preview
 * valid rows are copied into report->preview.  @func may be NULL. */
gboolean sp_ledger_csv_read        (const char          *data,
                                    gsize                len,
                                    guint                max_preview,
                                    SpLedgerCsvRowFunc   func,
                                    gpointer             user_data,
                                    SpLedgerCsvReport  **report,
                                    GError             **error);

/* The header line of an export (every documented column), ending in CRLF. */
void     sp_ledger_csv_append_header (GString *out);
/* One entry as a CSV record in the header's column order, ending in CRLF. */
void     sp_ledger_csv_append_entry  (GString *out, const SpLedgerEntry *entry);

G_END_DECLS
