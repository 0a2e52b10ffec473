/* sp-backup.c — back up and restore the whole Suanpan database
 *
 * sqlite3_backup_step (-1) copies every page while holding a read lock on
 * the source and a write lock on the destination, so the copy is one
 * consistent snapshot.  A backup goes to a temporary file beside the
 * destination that is renamed into place only when complete. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-backup.h"

/* PRAGMA application_id of a Suanpan database: "SPN1" (as in sp-store.c) */
#define SP_BACKUP_APPLICATION_ID 0x53504E31

G_DEFINE_QUARK (sp-backup-error-quark, sp_backup_error)

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_OPEN,
                   _("Could not open “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);
  return db;
}

/* Copies all of @src into @dest. */
static gboolean
copy_db (sqlite3     *dest,
         sqlite3     *src,
         GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not copy the database: %s"), sqlite3_errmsg (dest));
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not copy the database: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_text (sqlite3     *db,
            const char  *sql,
            char       **out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* A readable SQLite file that says it is ours and passes quick_check. */
static gboolean
check_suanpan_db (sqlite3     *db,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *app_id = NULL;
  g_autofree char *check = NULL;

  if (!query_text (db, "PRAGMA application_id", &app_id) ||
      g_ascii_strtoll (app_id ? app_id : "0", NULL, 10) != SP_BACKUP_APPLICATION_ID)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_NOT_SUANPAN,
                   _("“%s” is not a Suanpan database"), path);
      return FALSE;
    }
  if (!query_text (db, "PRAGMA quick_check", &check) || g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_NOT_SUANPAN,
                   _("“%s” is damaged and cannot be restored"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_store_backup_to (const char  *db_path,
                    const char  *dest_path,
                    GError     **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *src, *dest;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  src = open_db (db_path, SQLITE_OPEN_READONLY, error);
  if (src == NULL)
    return FALSE;
  tmp = g_strdup_printf ("%s.part-%d", dest_path, g_random_int_range (0, G_MAXINT));
  dest = open_db (tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (dest == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }
  ok = copy_db (dest, src, error);
  sqlite3_close (src);
  /* the copy is a plain rollback-journal file: one self-contained file */
  if (ok)
    sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (sqlite3_close (dest) != SQLITE_OK && ok)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not finish writing “%s”"), dest_path);
      ok = FALSE;
    }
  if (ok && g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), dest_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

gboolean
sp_store_restore_from (const char  *db_path,
                       const char  *src_path,
                       GError     **error)
{
  sqlite3 *src, *dest;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (src_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (src_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_OPEN,
                   _("“%s” does not exist"), src_path);
      return FALSE;
    }
  src = open_db (src_path, SQLITE_OPEN_READONLY, error);
  if (src == NULL)
    return FALSE;
  if (!check_suanpan_db (src, src_path, error))
    {
      sqlite3_close (src);
      return FALSE;
    }
  dest = open_db (db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (dest == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }
  ok = copy_db (dest, src, error);
  sqlite3_close (src);
  sqlite3_close (dest);
  return ok;
}
