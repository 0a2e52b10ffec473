/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-item.h — one ledger entry as a list item (for GtkColumnView) */
#pragma once

#include <glib-object.h>

#include "sp-core.h"
#include "sp-ledger.h"

G_BEGIN_DECLS

#define SP_TYPE_LEDGER_ITEM (sp_ledger_item_get_type ())
G_DECLARE_FINAL_TYPE (SpLedgerItem, sp_ledger_item, SP, LEDGER_ITEM, GObject)

/* Takes @entry. */
SpLedgerItem        *sp_ledger_item_new       (SpLedgerEntry *entry);
const SpLedgerEntry *sp_ledger_item_get_entry (SpLedgerItem  *self);
gint64               sp_ledger_item_get_id    (SpLedgerItem  *self);

G_END_DECLS
