/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-database-private.h — what sp-database.c and sp-database-migrations.c
 * share.  Internal to src/core/db. */
#pragma once

#include "sp-database.h"

G_BEGIN_DECLS

/* The ledger's old counter (ledger_meta 'schema_version'): 0 when there is
 * no ledger_meta table. */
gboolean sp_database_read_ledger_version (sqlite3  *db,
                                          gint64   *version,
                                          GError  **error);

/* Refuses, before anything is written, a file that is not a Suanpan
 * database or that a newer Suanpan wrote (SP_DATABASE_ERROR, a message
 * naming @display). */
gboolean sp_database_check_header        (const char  *display,
                                          gint64       application_id,
                                          gint64       user_version,
                                          gint64       n_objects,
                                          gint64       ledger_version,
                                          GError     **error);

G_END_DECLS
