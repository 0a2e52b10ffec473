/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-entry-dialog.h — add or edit one ledger entry */
#pragma once

#include <adwaita.h>

#include "sp-core.h"
#include "sp-ledger.h"

G_BEGIN_DECLS

#define SP_TYPE_LEDGER_ENTRY_DIALOG (sp_ledger_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SpLedgerEntryDialog, sp_ledger_entry_dialog, SP, LEDGER_ENTRY_DIALOG,
                      AdwWindow)

/* Edits a copy of @entry (NULL = a new entry dated today in
 * @default_currency).  Saving adds or updates it through the store @service,
 * emits "saved" (the entry's id) and closes the dialog. */
SpLedgerEntryDialog *sp_ledger_entry_dialog_new   (SpStoreService      *service,
                                                   const SpLedgerEntry *entry,
                                                   const char          *default_currency);
/* The text of a field, by its CSV column name ("date", "vendor", "item",
 * "quantity", "unit", "amount", "subsidy", "platform_discount", "prepaid",
 * "list_amount", "currency", "rate_usd_cny", "rate_date", "category",
 * "fapiao_number", "note"); for tests and scripting. */
void                 sp_ledger_entry_dialog_set_field (SpLedgerEntryDialog *self,
                                                       const char          *name,
                                                       const char          *text);
const char          *sp_ledger_entry_dialog_get_field (SpLedgerEntryDialog *self,
                                                       const char          *name);
void                 sp_ledger_entry_dialog_set_kind  (SpLedgerEntryDialog *self,
                                                       SpLedgerKind         kind);
void                 sp_ledger_entry_dialog_set_fapiao (SpLedgerEntryDialog *self,
                                                        SpLedgerFapiao       fapiao);
/* Reads the fields into an entry (completed and checked); NULL with a
 * translated @error naming the field in trouble. */
SpLedgerEntry       *sp_ledger_entry_dialog_read  (SpLedgerEntryDialog  *self,
                                                   GError              **error);
/* Reads, stores and closes, waiting for the store service (a test hook: the
 * Save button does not wait); on a problem shows it and returns 0. */
gint64               sp_ledger_entry_dialog_save  (SpLedgerEntryDialog  *self,
                                                   GError              **error);

G_END_DECLS
