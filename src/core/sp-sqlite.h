/* sp-sqlite.h — small SQLite helpers shared by the store and the ledger */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Switches @db to WAL.  Switching a new file needs an exclusive lock; when
 * two connections open a new database at once SQLite may answer BUSY without
 * waiting (deadlock avoidance), so this retries for up to 5 seconds.
 * Returns the last SQLite result code. */
int sp_sqlite_enable_wal (sqlite3 *db);

G_END_DECLS
