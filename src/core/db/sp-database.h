/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-database.h — one connection to the Suanpan database file
 *
 * Every writer of the file (SpStore and its per-table files, SpLedger, the
 * reprice groups, backup and restore) goes through an SpDatabase, so every
 * connection is set up the same way: WAL journal, synchronous = FULL (a
 * committed purchase, voucher draw or ledger row survives a power cut;
 * DESIGN.md), a 10 s busy timeout, foreign keys on, extended result codes.
 * The schema is one sequence of migrations under PRAGMA user_version, each
 * an SQL file compiled in as a resource (data/sql/NNNN-*.sql); a file
 * written by a newer Suanpan is refused untouched.
 *
 * In the style of Epiphany's EphySQLiteConnection: an SpDatabase is used by
 * one thread at a time (its owner's). */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SP_DATABASE_ERROR (sp_database_error_quark ())

/* The same numbers as SP_STORE_ERROR and SP_LEDGER_ERROR's first four, so
 * the objects built on a database pass its codes on as their own. */
typedef enum {
  SP_DATABASE_ERROR_OPEN,     /* cannot open or create the file or its folder */
  SP_DATABASE_ERROR_CORRUPT,  /* not a Suanpan database, or damaged */
  SP_DATABASE_ERROR_NEWER,    /* written by a newer Suanpan */
  SP_DATABASE_ERROR_SQL,      /* any other SQLite failure */
} SpDatabaseError;

GQuark sp_database_error_quark (void);

/* PRAGMA application_id of a Suanpan database: "SPN1" */
#define SP_DATABASE_APPLICATION_ID 0x53504E31

/* The migration this build brings a file to (PRAGMA user_version).  1-4 are
 * the store's released schemas, 5-7 the ledger's (adopted from its old
 * ledger_meta counter, which they still write: SP_DATABASE_LEDGER_VERSION). */
#define SP_DATABASE_SCHEMA_VERSION 9

/* The last value of the ledger's own counter (ledger_meta 'schema_version'),
 * frozen: it is no longer bumped, a larger one means a newer Suanpan. */
#define SP_DATABASE_LEDGER_VERSION 3

#define SP_TYPE_DATABASE (sp_database_get_type ())
G_DECLARE_FINAL_TYPE (SpDatabase, sp_database, SP, DATABASE, GObject)

/* Opens @path (creating it and its folder, 0700, unless it is ":memory:"),
 * refuses a file that is not ours or is newer before writing anything, sets
 * the connection up and migrates.  Errors are in SP_DATABASE_ERROR with a
 * translated message naming the file. */
SpDatabase   *sp_database_open               (const char  *path,
                                              GError     **error);
const char   *sp_database_get_path           (SpDatabase *self);
int           sp_database_get_schema_version (SpDatabase *self);
/* The connection, for src/core/db and the per-table files of the store and
 * the ledger only.  Do not close it; leave no transaction open. */
sqlite3      *sp_database_get_handle         (SpDatabase *self);

/* Runs @sql, a fixed text (no value from outside ever goes in). */
gboolean      sp_database_exec               (SpDatabase  *self,
                                              const char  *sql,
                                              GError     **error);
/* Runs a fixed-text query answering one integer. */
gboolean      sp_database_query_int          (SpDatabase  *self,
                                              const char  *sql,
                                              gint64      *out,
                                              GError     **error);

/* A prepared statement for @sql, cached by its text for the life of the
 * database (SQLITE_PREPARE_PERSISTENT), reset and without bindings. */
sqlite3_stmt *sp_database_get_statement      (SpDatabase  *self,
                                              const char  *sql,
                                              GError     **error);
/* Steps @stmt to its end (rows are skipped), then resets it and clears its
 * bindings, also on failure. */
gboolean      sp_database_run                (SpDatabase    *self,
                                              sqlite3_stmt  *stmt,
                                              GError       **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  Rollback does nothing when SQLite
 * already rolled back, and only warns when it fails. */
gboolean      sp_database_begin              (SpDatabase  *self,
                                              GError     **error);
gboolean      sp_database_commit             (SpDatabase  *self,
                                              GError     **error);
void          sp_database_rollback           (SpDatabase  *self);
gboolean      sp_database_in_transaction     (SpDatabase  *self);

/* A bare connection to a file that is not (or not yet) an open Suanpan
 * database — a backup's destination, a restore candidate: not migrated, not
 * switched to WAL, no pragma run; only the busy timeout every connection
 * has.  @flags: sqlite3_open_v2()'s.  SP_DATABASE_ERROR_OPEN with SQLite's
 * own words on failure.  Close it with sqlite3_close(). */
sqlite3      *sp_database_open_plain         (const char  *path,
                                              int          flags,
                                              GError     **error);

/* ---- on a bare connection (the ledger's functions taking a sqlite3 *) ---- */

/* The SpDatabaseError for an SQLite result code. */
SpDatabaseError sp_database_error_code       (int rc);
/* Sets @error (@domain, sp_database_error_code (@rc)) to "Database error:
 * …" with SQLite's message for @db (or @rc), shortened and cleaned for a
 * message.  Returns FALSE. */
gboolean      sp_database_set_sql_error      (sqlite3  *db,
                                              int       rc,
                                              GQuark    domain,
                                              GError  **error);
/* Copies @cause (any domain) into @domain keeping its code and message:
 * how SpStore and SpLedger pass SP_DATABASE_ERROR on as their own. */
void          sp_database_error_to           (const GError  *cause,
                                              GQuark         domain,
                                              GError       **error);
/* BEGIN IMMEDIATE on @db when no transaction is open (*@own says whether
 * one was begun), and its end: COMMIT when @ok, else ROLLBACK. */
gboolean      sp_database_begin_own          (sqlite3   *db,
                                              gboolean  *own,
                                              GQuark     domain,
                                              GError   **error);
gboolean      sp_database_end_own            (sqlite3   *db,
                                              gboolean   own,
                                              gboolean   ok,
                                              GQuark     domain,
                                              GError   **error);
/* sp_database_exec(), sp_database_query_int() and sp_database_rollback()
 * on @db (errors in SP_DATABASE_ERROR). */
gboolean      sp_database_exec_on            (sqlite3     *db,
                                              const char  *sql,
                                              GError     **error);
gboolean      sp_database_query_int_on       (sqlite3     *db,
                                              const char  *sql,
                                              gint64      *out,
                                              GError     **error);
void          sp_database_rollback_on        (sqlite3 *db);
/* The statement for @sql cached in *@slot, prepared on first use with
 * @flags (sqlite3_prepare_v3()'s), or NULL with @error in @domain: how the
 * store and the ledger keep their fixed statement tables. */
sqlite3_stmt *sp_database_prepare_cached     (sqlite3        *db,
                                              const char     *sql,
                                              unsigned int    flags,
                                              sqlite3_stmt  **slot,
                                              GQuark          domain,
                                              GError        **error);
/* Steps @stmt once (a row, if any, is not read), then resets it and clears
 * its bindings; FALSE with @error in @domain when the step failed. */
gboolean      sp_database_step_once          (sqlite3       *db,
                                              sqlite3_stmt  *stmt,
                                              GQuark         domain,
                                              GError       **error);
/* Resets @stmt and clears its bindings. */
void          sp_database_statement_done     (sqlite3_stmt *stmt);
/* Ends the statement whose last step returned @rc: resets it and clears its
 * bindings; FALSE with @error in @domain unless @rc is SQLITE_DONE or
 * SQLITE_ROW. */
gboolean      sp_database_statement_end      (sqlite3       *db,
                                              sqlite3_stmt  *stmt,
                                              int            rc,
                                              GQuark         domain,
                                              GError       **error);
/* Brings the schema of the open connection @db forward (each migration one
 * BEGIN IMMEDIATE transaction; none open on entry). */
gboolean      sp_database_migrate_connection (sqlite3  *db,
                                              GError  **error);

G_END_DECLS
