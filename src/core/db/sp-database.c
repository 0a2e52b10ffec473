/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-database.c — one connection to the Suanpan database file (sp-database.h)
 *
 * Opening reads the header in one read transaction before anything is
 * written (a file that is not ours, or is newer, is left untouched), then
 * sets the connection up and runs the migrations
 * (sp-database-migrations.c). */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "sp-database.h"
#include "sp-database-private.h"
#include "sp-limits.h"
#include "sp-text.h"

/* One busy timeout for every connection: long enough for a large import or
 * a restore on another connection to commit. */
#define BUSY_TIMEOUT_MS 10000

struct _SpDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  int         schema_version;
  GHashTable *statements;  /* SQL text (owned) -> sqlite3_stmt * */
};

G_DEFINE_FINAL_TYPE (SpDatabase, sp_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-database-error-quark, sp_database_error)

/* ------------------------------------------------------------------ errors */

SpDatabaseError
sp_database_error_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return SP_DATABASE_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return SP_DATABASE_ERROR_OPEN;
    default:
      return SP_DATABASE_ERROR_SQL;
    }
}

/* "Database error: …" in @domain for an SQLite message */
static gboolean
set_message_error (const char  *message,
                   int          rc,
                   GQuark       domain,
                   GError     **error)
{
  /* SQLite's message may quote a damaged schema (a restore candidate: the
   * migrations' ALTER TABLE … RENAME re-reads every view) */
  g_autofree char *msg = sp_text_dup_for_message (message, SP_LIMIT_NOTE_CHARS);

  g_set_error (error, domain, sp_database_error_code (rc), _("Database error: %s"), msg);
  return FALSE;
}

gboolean
sp_database_set_sql_error (sqlite3  *db,
                           int       rc,
                           GQuark    domain,
                           GError  **error)
{
  return set_message_error (db != NULL && sqlite3_errcode (db) != SQLITE_OK ? sqlite3_errmsg (db)
                                                                           : sqlite3_errstr (rc),
                            rc, domain, error);
}

void
sp_database_error_to (const GError  *cause,
                      GQuark         domain,
                      GError       **error)
{
  g_return_if_fail (cause != NULL);

  g_set_error_literal (error, domain, cause->code, cause->message);
}

gboolean
sp_database_exec_on (sqlite3     *db,
                     const char  *sql,
                     GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      set_message_error (errmsg != NULL ? errmsg : sqlite3_errstr (rc), rc, SP_DATABASE_ERROR,
                         error);
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_database_query_int_on (sqlite3     *db,
                          const char  *sql,
                          gint64      *out,
                          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else
    sp_database_set_sql_error (db, rc, SP_DATABASE_ERROR, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

sqlite3_stmt *
sp_database_prepare_cached (sqlite3        *db,
                            const char     *sql,
                            unsigned int    flags,
                            sqlite3_stmt  **slot,
                            GQuark          domain,
                            GError        **error)
{
  if (*slot == NULL)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v3 (db, sql, -1, flags, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          sp_database_set_sql_error (db, rc, domain, error);
          sqlite3_finalize (stmt);
          return NULL;
        }
      *slot = stmt;
    }
  return *slot;
}

void
sp_database_statement_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
sp_database_statement_end (sqlite3       *db,
                           sqlite3_stmt  *stmt,
                           int            rc,
                           GQuark         domain,
                           GError       **error)
{
  /* the error first, while SQLite's message is the step's */
  gboolean ok = rc == SQLITE_DONE || rc == SQLITE_ROW ||
                sp_database_set_sql_error (db, rc, domain, error);

  sp_database_statement_done (stmt);
  return ok;
}

gboolean
sp_database_step_once (sqlite3       *db,
                       sqlite3_stmt  *stmt,
                       GQuark         domain,
                       GError       **error)
{
  return sp_database_statement_end (db, stmt, sqlite3_step (stmt), domain, error);
}

void
sp_database_rollback_on (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    {
      int rc = sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        g_warning ("Rollback failed: %s", sqlite3_errmsg (db));
    }
}

gboolean
sp_database_begin_own (sqlite3   *db,
                       gboolean  *own,
                       GQuark     domain,
                       GError   **error)
{
  int rc;

  *own = sqlite3_get_autocommit (db) != 0;
  if (!*own)
    return TRUE;
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      *own = FALSE;
      return sp_database_set_sql_error (db, rc, domain, error);
    }
  return TRUE;
}

gboolean
sp_database_end_own (sqlite3   *db,
                     gboolean   own,
                     gboolean   ok,
                     GQuark     domain,
                     GError   **error)
{
  if (!own)
    return ok;
  if (ok)
    {
      int rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        ok = sp_database_set_sql_error (db, rc, domain, error);
    }
  if (!ok)
    sp_database_rollback_on (db);
  return ok;
}

/* ------------------------------------------------------------------ opening */

static void
set_open_error (const char  *display,
                GError      *cause,
                GError     **error)
{
  if (cause->code == SP_DATABASE_ERROR_CORRUPT)
    g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_CORRUPT,
                 _("“%s” is not a Suanpan database or it is damaged (%s)"),
                 display, cause->message);
  else
    g_set_error (error, SP_DATABASE_ERROR, cause->code,
                 _("Cannot open the database “%s”: %s"), display, cause->message);
}

/* Switching a new file to WAL needs an exclusive lock; when two
 * connections open a new database at once SQLite may answer BUSY without
 * waiting (deadlock avoidance), so this retries for up to 5 seconds. */
static void
enable_wal (sqlite3 *db)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      int rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);

      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;
      g_usleep (50 * 1000);
    }
}

/* Reads the header — and the ledger's old counter — in one read
 * transaction, so another process creating the database at the same moment
 * is seen either not at all or completely; refuses a file that is not ours
 * or is newer.  Nothing is written. */
static gboolean
check_file (SpDatabase  *self,
            const char  *display,
            GError     **error)
{
  g_autoptr(GError) cause = NULL;
  gint64 app_id = 0, version = 0, n_objects = 0, ledger_version = 0;

  if (!sp_database_exec_on (self->db, "BEGIN", &cause) ||
      !sp_database_query_int_on (self->db, "PRAGMA application_id", &app_id, &cause) ||
      !sp_database_query_int_on (self->db, "PRAGMA user_version", &version, &cause) ||
      !sp_database_query_int_on (self->db, "SELECT count(*) FROM sqlite_schema", &n_objects,
                                 &cause) ||
      !sp_database_read_ledger_version (self->db, &ledger_version, &cause) ||
      !sp_database_exec_on (self->db, "COMMIT", &cause))
    {
      sp_database_rollback_on (self->db);
      set_open_error (display, cause, error);
      return FALSE;
    }
  return sp_database_check_header (display, app_id, version, n_objects, ledger_version, error);
}

/* Opens (creating it and its folder, 0700, unless it is ":memory:") the
 * file read-write with a private cache, extended result codes and the busy
 * timeout, without SQLite's per-connection mutex: a connection is used by
 * one thread at a time (DESIGN.md, "Threads"). */
static gboolean
open_file (SpDatabase  *self,
           const char  *display,
           GError     **error)
{
  int rc;

  if (g_strcmp0 (self->path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display_dir = g_filename_display_name (dir);

          g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_OPEN,
                       _("Cannot create the folder “%s”: %s"), display_dir,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_PRIVATECACHE
                        | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), display,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  return check_file (self, display, error);
}

static gboolean
open_db (SpDatabase  *self,
         GError     **error)
{
  g_autoptr(GError) cause = NULL;
  g_autofree char *display = g_filename_display_name (self->path);
  gint64 version = 0;

  if (!open_file (self, display, error))
    return FALSE;

  /* A new file gets 16 KiB pages instead of SQLite's 4 KiB: a big
   * catalog's import writes and checkpoints a quarter as many pages
   * (HACKING.md, "Ingest").  A file that has its tables keeps its page size
   * (the pragma does nothing then), so this must come before WAL mode. */
  sqlite3_exec (self->db, "PRAGMA page_size = 16384", NULL, NULL, NULL);
  /* Durability: synchronous = FULL for every connection (DESIGN.md). */
  enable_wal (self->db);
  if (!sp_database_exec_on (self->db, "PRAGMA journal_mode = WAL", &cause) ||
      !sp_database_exec_on (self->db, "PRAGMA foreign_keys = ON", &cause) ||
      !sp_database_exec_on (self->db, "PRAGMA synchronous = FULL", &cause) ||
      !sp_database_migrate_connection (self->db, &cause) ||
      !sp_database_query_int_on (self->db, "PRAGMA user_version", &version, &cause))
    {
      if (cause->domain == SP_DATABASE_ERROR && cause->code == SP_DATABASE_ERROR_NEWER)
        g_propagate_error (error, g_steal_pointer (&cause));
      else
        set_open_error (display, cause, error);
      return FALSE;
    }
  self->schema_version = (int) version;
  return TRUE;
}

sqlite3 *
sp_database_open_plain (const char  *path,
                        int          flags,
                        GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error_literal (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_OPEN,
                           db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

/* ------------------------------------------------------------------ GObject */

static void
sp_database_finalize (GObject *object)
{
  SpDatabase *self = (SpDatabase *) object;

  /* the statements before the connection */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Closing %s failed: %s", self->path, sqlite3_errmsg (self->db));
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sp_database_parent_class)->finalize (object);
}

static void
sp_database_class_init (SpDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_database_finalize;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sp_database_init (SpDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
}

/* ------------------------------------------------------------------ public API */

SpDatabase *
sp_database_open (const char  *path,
                  GError     **error)
{
  g_autoptr(SpDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SP_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  if (!open_db (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
sp_database_get_path (SpDatabase *self)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), NULL);
  return self->path;
}

int
sp_database_get_schema_version (SpDatabase *self)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), 0);
  return self->schema_version;
}

sqlite3 *
sp_database_get_handle (SpDatabase *self)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), NULL);
  return self->db;
}

gboolean
sp_database_exec (SpDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), FALSE);
  return sp_database_exec_on (self->db, sql, error);
}

gboolean
sp_database_query_int (SpDatabase  *self,
                       const char  *sql,
                       gint64      *out,
                       GError     **error)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), FALSE);
  return sp_database_query_int_on (self->db, sql, out, error);
}

sqlite3_stmt *
sp_database_get_statement (SpDatabase  *self,
                           const char  *sql,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          sp_database_set_sql_error (self->db, rc, SP_DATABASE_ERROR, error);
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  return stmt;
}

gboolean
sp_database_run (SpDatabase    *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc;

  g_return_val_if_fail (SP_IS_DATABASE (self), FALSE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    sp_database_set_sql_error (self->db, rc, SP_DATABASE_ERROR, error);
  sp_database_statement_done (stmt);
  return rc == SQLITE_DONE;
}

gboolean
sp_database_begin (SpDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), FALSE);
  return sp_database_exec_on (self->db, "BEGIN IMMEDIATE", error);
}

gboolean
sp_database_commit (SpDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), FALSE);
  return sp_database_exec_on (self->db, "COMMIT", error);
}

void
sp_database_rollback (SpDatabase *self)
{
  g_return_if_fail (SP_IS_DATABASE (self));
  sp_database_rollback_on (self->db);
}

gboolean
sp_database_in_transaction (SpDatabase *self)
{
  g_return_val_if_fail (SP_IS_DATABASE (self), FALSE);
  return !sqlite3_get_autocommit (self->db);
}
