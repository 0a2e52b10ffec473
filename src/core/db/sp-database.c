/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-database.c — one connection to the Suanpan database file (sp-database.h)
 *
 * Opening reads the header in one read transaction before anything is
 * written (a file that is not ours, or is newer, is left untouched), then
 * sets the connection up and runs the migrations
 * (sp-database-migrations.c). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-database.h"
#include "sp-database-private.h"
#include "sp-limits.h"
#include "sp-sqlite.h"
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

gboolean
sp_database_sql_failed (GError  *cause,
                        GError **error)
{
  if (cause->domain != SP_SQLITE_ERROR)
    g_propagate_error (error, cause);
  else
    {
      set_message_error (cause->message, cause->code, SP_DATABASE_ERROR, error);
      g_error_free (cause);
    }
  return FALSE;
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
  GError *cause = NULL;

  if (!sp_sqlite_exec (db, sql, &cause))
    return sp_database_sql_failed (cause, error);
  return TRUE;
}

gboolean
sp_database_query_int_on (sqlite3     *db,
                          const char  *sql,
                          gint64      *out,
                          GError     **error)
{
  GError *cause = NULL;

  if (!sp_sqlite_query_int (db, sql, out, &cause))
    return sp_database_sql_failed (cause, error);
  return TRUE;
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

/* SpSqliteReadFunc: the ledger's old counter, in the header's transaction */
static gboolean
read_header_ledger_version (sqlite3  *db,
                            gpointer  user_data,
                            GError  **error)
{
  return sp_database_read_ledger_version (db, user_data, error);
}

static gboolean
open_file (SpDatabase  *self,
           const char  *display,
           GError     **error)
{
  g_autoptr(GError) cause = NULL;
  SpSqliteHeader header;
  SpSqliteOpenStep step;
  gint64 ledger_version = 0;

  if (sp_sqlite_open (self->path, BUSY_TIMEOUT_MS, &self->db, &header,
                      read_header_ledger_version, &ledger_version, &step, &cause))
    return sp_database_check_header (display, header.application_id, header.user_version,
                                     header.n_objects, ledger_version, error);
  switch (step)
    {
    case SP_SQLITE_OPEN_FOLDER:
      {
        g_autofree char *dir = g_path_get_dirname (self->path);
        g_autofree char *display_dir = g_filename_display_name (dir);

        g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_OPEN,
                     _("Cannot create the folder “%s”: %s"), display_dir, cause->message);
      }
      break;
    case SP_SQLITE_OPEN_FILE:
      g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), display, cause->message);
      break;
    case SP_SQLITE_OPEN_HEADER:
    default:
      {
        g_autoptr(GError) ours = NULL;

        sp_database_sql_failed (g_steal_pointer (&cause), &ours);
        set_open_error (display, ours, error);
      }
      break;
    }
  return FALSE;
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

  /* Durability: synchronous = FULL for every connection (DESIGN.md). */
  sp_sqlite_enable_wal (self->db);
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
  sp_sqlite_close (&self->db, NULL, 0, self->path);
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
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
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
