/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-item.c — one ledger entry as a list item (for GtkColumnView) */
#include "config.h"

#include "sp-ledger-item.h"

struct _SpLedgerItem
{
  GObject        parent_instance;

  SpLedgerEntry *entry;
};

G_DEFINE_FINAL_TYPE (SpLedgerItem, sp_ledger_item, G_TYPE_OBJECT)

static void
sp_ledger_item_finalize (GObject *object)
{
  SpLedgerItem *self = SP_LEDGER_ITEM (object);

  g_clear_pointer (&self->entry, sp_ledger_entry_free);

  G_OBJECT_CLASS (sp_ledger_item_parent_class)->finalize (object);
}

static void
sp_ledger_item_class_init (SpLedgerItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_ledger_item_finalize;
}

static void
sp_ledger_item_init (SpLedgerItem *self)
{
}

SpLedgerItem *
sp_ledger_item_new (SpLedgerEntry *entry)
{
  SpLedgerItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (SP_TYPE_LEDGER_ITEM, NULL);
  self->entry = entry;
  return self;
}

const SpLedgerEntry *
sp_ledger_item_get_entry (SpLedgerItem *self)
{
  g_return_val_if_fail (SP_IS_LEDGER_ITEM (self), NULL);
  return self->entry;
}

gint64
sp_ledger_item_get_id (SpLedgerItem *self)
{
  g_return_val_if_fail (SP_IS_LEDGER_ITEM (self), 0);
  return self->entry->id;
}
