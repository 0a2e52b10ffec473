/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sqlite.h — small SQLite helpers shared by the store and the ledger */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Errors from the helpers below: the code is the (extended) SQLite result
 * code and the message SQLite's own words, untranslated.  Callers map them
 * into their own error domain before anything reaches a user. */
#define SP_SQLITE_ERROR (sp_sqlite_error_quark ())
GQuark sp_sqlite_error_quark (void);

/* Switches @db to WAL.  Switching a new file needs an exclusive lock; when
 * two connections open a new database at once SQLite may answer BUSY without
 * waiting (deadlock avoidance), so this retries for up to 5 seconds.
 * Returns the last SQLite result code. */
int sp_sqlite_enable_wal (sqlite3 *db);

/* Runs @sql, a fixed text (no value from outside ever goes in). */
gboolean sp_sqlite_exec (sqlite3     *db,
                         const char  *sql,
                         GError     **error);

/* Runs a fixed-text query that answers with one integer. */
gboolean sp_sqlite_query_int (sqlite3     *db,
                              const char  *sql,
                              gint64      *out,
                              GError     **error);

/* What sp_sqlite_open() found in the file before anything was written. */
typedef struct {
  gint64 application_id;  /* PRAGMA application_id */
  gint64 user_version;    /* PRAGMA user_version */
  gint64 n_objects;       /* tables, indexes… in sqlite_schema; 0: a new file */
} SpSqliteHeader;

/* Reads more of the header inside the same read transaction (may be NULL). */
typedef gboolean (*SpSqliteReadFunc) (sqlite3   *db,
                                      gpointer   user_data,
                                      GError   **error);

/* Where sp_sqlite_open() failed. */
typedef enum {
  SP_SQLITE_OPEN_FOLDER,  /* creating the folder: @error is in G_FILE_ERROR,
                           * its message g_strerror()'s */
  SP_SQLITE_OPEN_FILE,    /* sqlite3_open_v2(): SP_SQLITE_ERROR */
  SP_SQLITE_OPEN_HEADER,  /* reading the header: SP_SQLITE_ERROR, or what
                           * @read_more set */
} SpSqliteOpenStep;

/* Opens (creating it and its folder, 0700, unless it is ":memory:") the
 * database at @path read-write with a private cache, extended result codes
 * and a busy timeout of @busy_timeout_ms, then reads @header — and calls
 * @read_more — in one read transaction, so another process creating the
 * database at the same moment is seen either not at all or completely.
 * Nothing is written.  *@db is set whenever SQLite handed out a connection,
 * even on failure; the caller closes it.  On failure *@step says where. */
gboolean sp_sqlite_open (const char        *path,
                         int                busy_timeout_ms,
                         sqlite3          **db,
                         SpSqliteHeader    *header,
                         SpSqliteReadFunc   read_more,
                         gpointer           user_data,
                         SpSqliteOpenStep  *step,
                         GError           **error);

/* Finalizes the @n_stmts cached statements in @stmts (NULL ones are
 * skipped), then closes *@db (if any) and sets it to NULL, warning with
 * @path when closing fails. */
void sp_sqlite_close (sqlite3       **db,
                      sqlite3_stmt  **stmts,
                      guint           n_stmts,
                      const char     *path);

G_END_DECLS
