/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-private.h — what the ledger's per-table files need of SpLedger.
 * Internal to src/core/ledger. */
#pragma once

#include "sp-database.h"
#include "sp-ledger.h"

G_BEGIN_DECLS

/* The ledger's database (owned by @ledger). */
SpDatabase *sp_ledger_get_database (SpLedger *ledger);

G_END_DECLS
