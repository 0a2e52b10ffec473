/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-cell.h — one column of a row of the Spending page's entry list
 * (ui/sp-ledger-cell.ui): the entry's text for that column, numbers right
 * aligned, a tooltip when it is long. */
#pragma once

#include <gtk/gtk.h>

#include "sp-ledger.h"

G_BEGIN_DECLS

typedef enum {
  COL_DATE,
  COL_VENDOR,
  COL_ITEM,
  COL_KIND,
  COL_QUANTITY,
  COL_PAID,
  COL_SUBSIDY,
  COL_LIST,
  COL_RATE,
  COL_CATEGORY,
  COL_FAPIAO,
  COL_NOTE,
  N_COLUMNS
} SpLedgerColumn;

#define SP_TYPE_LEDGER_CELL (sp_ledger_cell_get_type ())
G_DECLARE_FINAL_TYPE (SpLedgerCell, sp_ledger_cell, SP, LEDGER_CELL, GtkWidget)

SpLedgerCell *sp_ledger_cell_new  (SpLedgerColumn       column);
/* Shows @entry's text for the cell's column (NULL: empty). */
void          sp_ledger_cell_bind (SpLedgerCell        *self,
                                   const SpLedgerEntry *entry);
const char   *sp_ledger_cell_get_text (SpLedgerCell    *self);

G_END_DECLS
