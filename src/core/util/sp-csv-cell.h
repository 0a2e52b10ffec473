/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-cell.h — one cell of a CSV file the app writes (and its reading back)
 *
 * Every CSV writer of the app (ledger export, `offers --csv`) goes through
 * sp_csv_append_cell(), so every cell is quoted the same way (RFC 4180) and
 * every text cell is kept from being run as a formula by a spreadsheet (the
 * OWASP "CSV injection" rule): a text that begins with '=', '+', '-', '@',
 * a tab or a carriage return is written with a leading apostrophe.  Numbers
 * and dates are written as they are (a refund stays "-12.50").
 *
 * So that an export reads back exactly, a text that already begins with
 * apostrophes followed by one of those characters gets one apostrophe more,
 * and sp_csv_cell_unguard() takes exactly one off such a cell.  Any other
 * cell (a plain "'hello" typed in a spreadsheet) is read unchanged. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SP_CSV_CELL_TEXT,   /* free text from a user or a feed: guarded */
  SP_CSV_CELL_VALUE,  /* a number, date or fixed keyword the app made: as it is */
} SpCsvCellKind;

/* Whether the text cell @text is written with a leading apostrophe. */
gboolean    sp_csv_cell_needs_guard (const char    *text);

/* Appends @text (NULL: empty) as one cell, without a separator: quoted when
 * it holds a comma, quote, CR or LF or begins or ends with white space, and
 * guarded as above when @kind is SP_CSV_CELL_TEXT. */
void        sp_csv_append_cell      (GString       *out,
                                     const char    *text,
                                     SpCsvCellKind  kind);

/* @cell without the apostrophe sp_csv_append_cell() added (a pointer into
 * @cell), or @cell itself. */
const char *sp_csv_cell_unguard     (const char    *cell);

G_END_DECLS
