/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sqlite.c — small SQLite helpers shared by the store and the ledger */
#include "config.h"

#include <errno.h>

#include "sp-sqlite.h"

G_DEFINE_QUARK (sp-sqlite-error-quark, sp_sqlite_error)

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

gboolean
sp_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      g_set_error_literal (error, SP_SQLITE_ERROR, rc,
                           errmsg != NULL ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_sqlite_query_int (sqlite3     *db,
                     const char  *sql,
                     gint64      *out,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  g_set_error_literal (error, SP_SQLITE_ERROR, rc,
                       db != NULL && sqlite3_errcode (db) != SQLITE_OK ? sqlite3_errmsg (db)
                                                                       : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
read_header (sqlite3           *db,
             SpSqliteHeader    *header,
             SpSqliteReadFunc   read_more,
             gpointer           user_data,
             GError           **error)
{
  if (!sp_sqlite_exec (db, "BEGIN", error) ||
      !sp_sqlite_query_int (db, "PRAGMA application_id", &header->application_id, error) ||
      !sp_sqlite_query_int (db, "PRAGMA user_version", &header->user_version, error) ||
      !sp_sqlite_query_int (db, "SELECT count(*) FROM sqlite_schema", &header->n_objects, error) ||
      (read_more != NULL && !read_more (db, user_data, error)) ||
      !sp_sqlite_exec (db, "COMMIT", error))
    {
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_sqlite_open (const char        *path,
                int                busy_timeout_ms,
                sqlite3          **db,
                SpSqliteHeader    *header,
                SpSqliteReadFunc   read_more,
                gpointer           user_data,
                SpSqliteOpenStep  *step,
                GError           **error)
{
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (db != NULL && *db == NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  *header = (SpSqliteHeader) { 0, 0, 0 };

  if (g_strcmp0 (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          *step = SP_SQLITE_OPEN_FOLDER;
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return FALSE;
        }
    }

  rc = sqlite3_open_v2 (path, db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_PRIVATECACHE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      *step = SP_SQLITE_OPEN_FILE;
      g_set_error_literal (error, SP_SQLITE_ERROR, rc,
                           *db != NULL ? sqlite3_errmsg (*db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (*db, 1);
  sqlite3_busy_timeout (*db, busy_timeout_ms);

  if (!read_header (*db, header, read_more, user_data, error))
    {
      *step = SP_SQLITE_OPEN_HEADER;
      return FALSE;
    }
  return TRUE;
}

void
sp_sqlite_close (sqlite3       **db,
                 sqlite3_stmt  **stmts,
                 guint           n_stmts,
                 const char     *path)
{
  for (guint i = 0; i < n_stmts; i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
  if (*db != NULL)
    {
      int rc = sqlite3_close (*db);

      if (rc != SQLITE_OK)
        g_warning ("Closing %s failed: %s", path, sqlite3_errstr (rc));
      *db = NULL;
    }
}
