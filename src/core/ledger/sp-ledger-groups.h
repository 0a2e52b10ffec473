/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-groups.h — the ledger_groups table: the equivalence group the
 * user assigns once to a vendor + item (read and written by sp-reprice.c).
 *
 * On the ledger's own connection.  Errors are SP_DATABASE_ERROR ("Database
 * error: …"); the caller says what failed. */
#pragma once

#include "sp-ledger.h"

G_BEGIN_DECLS

typedef void (*SpLedgerGroupFunc) (const char *vendor,
                                   const char *item,
                                   const char *group_id,
                                   gpointer    user_data);

/* The group of @vendor + @item, or NULL (no error) when none is set. */
char     *sp_ledger_groups_get     (SpLedger    *ledger,
                                    const char  *vendor,
                                    const char  *item,
                                    GError     **error);
/* Sets the group, or removes it when @group_id is NULL. */
gboolean  sp_ledger_groups_set     (SpLedger    *ledger,
                                    const char  *vendor,
                                    const char  *item,
                                    const char  *group_id,
                                    GError     **error);
/* Calls @func for every assignment. */
gboolean  sp_ledger_groups_foreach (SpLedger           *ledger,
                                    SpLedgerGroupFunc   func,
                                    gpointer            user_data,
                                    GError            **error);

G_END_DECLS
