/* sp-sqlite.c — small SQLite helpers shared by the store and the ledger */
#include "config.h"

#include "sp-sqlite.h"

int
sp_sqlite_enable_wal (sqlite3 *db)
{
  int rc = SQLITE_OK;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;
      g_usleep (50 * 1000);
    }
  return rc;
}
