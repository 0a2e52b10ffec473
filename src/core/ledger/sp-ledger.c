/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger.c — the spending ledger: opening, the statements and their
 * plumbing (the entries, CSV and reports are in sp-ledger-*.c around
 * sp-ledger-private.h)
 *
 * Its own connection on the store's file through SpDatabase (WAL lets
 * several connections coexist), its own tables ("ledger_" prefix), which are
 * migrations 5-7 of the database's one sequence.  Every statement is
 * prepared once with a fixed text and every value is bound.  Money is
 * INTEGER micro-units in STRICT tables, so a float can never be stored by
 * mistake. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-database.h"
#include "sp-ledger.h"
#include "sp-ledger-private.h"

/* The ledger's tables are migrations 5-7 of the database's one sequence
 * (sp-database-migrations.c, data/sql/); the index texts above are those of
 * 0007 byte for byte (a bulk import drops and rebuilds them). */
G_STATIC_ASSERT (SP_LEDGER_SCHEMA_VERSION == SP_DATABASE_LEDGER_VERSION);
G_STATIC_ASSERT ((int) SP_DATABASE_ERROR_OPEN == (int) SP_LEDGER_ERROR_OPEN &&
                 (int) SP_DATABASE_ERROR_CORRUPT == (int) SP_LEDGER_ERROR_CORRUPT &&
                 (int) SP_DATABASE_ERROR_NEWER == (int) SP_LEDGER_ERROR_NEWER &&
                 (int) SP_DATABASE_ERROR_SQL == (int) SP_LEDGER_ERROR_SQL);


static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_INSERT] =
    "INSERT INTO ledger_entries (" ENTRY_COLUMNS ", month_key) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
    "?24, ?25, ?26, ?27, " MONTH_KEY_SQL ("?2") ")",
  [STMT_UPDATE] =
    "UPDATE ledger_entries SET date = ?1, month = ?2, month_key = " MONTH_KEY_SQL ("?2") ", "
    "vendor = ?3, item = ?4, "
    "offer_source = ?5, offer_id = ?6, kind = ?7, quantity = ?8, unit = ?9, "
    "list_amount = ?10, platform_discount = ?11, subsidy = ?12, prepaid = ?13, "
    "paid = ?14, currency = ?15, rate_usd_cny = ?16, rate_date = ?17, category = ?18, "
    "fapiao = ?19, fapiao_number = ?20, note = ?21, refund = ?22, reimbursed_later = ?24, "
    "updated_at = ?27 WHERE id = ?28 AND deleted_at IS NULL",
  [STMT_GET] =
    "SELECT id, " ENTRY_COLUMNS " FROM ledger_entries WHERE id = ?1 AND deleted_at IS NULL",
  [STMT_LIST] =
    "SELECT id, " ENTRY_COLUMNS " FROM ledger_entries "
    "WHERE deleted_at IS NULL AND month BETWEEN ?1 AND ?2 ORDER BY date, id",
  [STMT_DELETE] =
    "UPDATE ledger_entries SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
  [STMT_UNDELETE] =
    "UPDATE ledger_entries SET deleted_at = NULL "
    "WHERE id = ?1 AND deleted_at IS NOT NULL AND purchase_voided_at IS NULL",
  [STMT_LAST_DELETED] =
    "SELECT a.entry_id FROM ledger_audit a JOIN ledger_entries e ON e.id = a.entry_id "
    "WHERE a.action = 'delete' AND e.deleted_at IS NOT NULL AND e.purchase_voided_at IS NULL "
    "ORDER BY a.id DESC LIMIT 1",
  [STMT_IS_DELETED] =
    "SELECT deleted_at IS NOT NULL, purchase_voided_at IS NOT NULL, purchase_id "
    "FROM ledger_entries WHERE id = ?1",
  [STMT_AUDIT] = "INSERT INTO ledger_audit (at, action, entry_id, detail) VALUES (?1, ?2, ?3, ?4)",
  [STMT_COUNT] = "SELECT count(*) FROM ledger_entries WHERE deleted_at IS NULL",
  [STMT_VOID_PURCHASE] =
    "UPDATE ledger_entries SET purchase_voided_at = ?2, deleted_at = coalesce (deleted_at, ?2) "
    "WHERE purchase_id = ?1 AND purchase_voided_at IS NULL RETURNING id",
  [STMT_GET_META] = "SELECT value FROM ledger_meta WHERE key = ?1",
  [STMT_SET_META] =
    "INSERT INTO ledger_meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_DELETE_META] = "DELETE FROM ledger_meta WHERE key = ?1",
  [STMT_MONTHLY_NONE] = MONTHLY_SQL ("'total'"),
  [STMT_MONTHLY_VENDOR] = MONTHLY_SQL ("vendor"),
  [STMT_MONTHLY_CATEGORY] = MONTHLY_SQL ("category"),
  [STMT_MONTHLY_KIND] = MONTHLY_SQL ("kind"),
  /* the identity of an imported row (sp_ledger_import_csv_full()) */
  [STMT_FIND_UID] = "SELECT 1 FROM ledger_entries WHERE uid = ?1 AND deleted_at IS NULL",
  [STMT_COUNT_SAME] =
    "SELECT count(*) FROM ledger_entries WHERE deleted_at IS NULL AND id <= ?1 "
    "AND date = ?2 AND vendor = ?3 AND item = ?4 AND quantity = ?5 AND unit = ?6 "
    "AND list_amount = ?7 AND platform_discount = ?8 AND subsidy = ?9 AND prepaid = ?10 "
    "AND paid = ?11 AND currency = ?12 AND refund = ?13",
  [STMT_MAX_ID] = "SELECT coalesce (max (id), 0) FROM ledger_entries",
  [STMT_DELETE_ALL] =
    "UPDATE ledger_entries SET deleted_at = ?1 WHERE deleted_at IS NULL RETURNING id",
  [STMT_UID_TAKEN] =
    "SELECT b.id FROM ledger_entries a JOIN ledger_entries b ON b.uid = a.uid "
    "WHERE a.id = ?1 AND b.id != a.id AND b.deleted_at IS NULL",
};


G_DEFINE_FINAL_TYPE (SpLedger, sp_ledger, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-ledger-error-quark, sp_ledger_error)


/* ------------------------------------------------------------------ helpers */


gboolean
sp_ledger_sql_error (sqlite3  *db,
                     int       rc,
                     GError  **error)
{
  return sp_database_set_sql_error (db, rc, SP_LEDGER_ERROR, error);
}

gboolean
sp_ledger_set_sql_error (SpLedger  *self,
                         int        rc,
                         GError   **error)
{
  return sp_ledger_sql_error (self->db, rc, error);
}

/* The one place a ledger statement is prepared. */
sqlite3_stmt *
sp_ledger_conn_stmt (const Conn  *conn,
                     StmtId       id,
                     GError     **error)
{
  return sp_database_prepare_cached (conn->db, stmt_sql[id], SQLITE_PREPARE_PERSISTENT,
                                     &conn->stmts[id], SP_LEDGER_ERROR, error);
}

void
sp_ledger_conn_clear (Conn *conn)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&conn->stmts[i], sqlite3_finalize);
}

sqlite3_stmt *
sp_ledger_get_stmt (SpLedger  *self,
                    StmtId     id,
                    GError   **error)
{
  Conn conn = { self->db, self->stmts };

  return sp_ledger_conn_stmt (&conn, id, error);
}

void
sp_ledger_stmt_done (sqlite3_stmt *stmt)
{
  sp_database_statement_done (stmt);
}

gboolean
sp_ledger_stmt_end (SpLedger      *self,
                    sqlite3_stmt  *stmt,
                    int            rc,
                    GError       **error)
{
  return sp_database_statement_end (self->db, stmt, rc, SP_LEDGER_ERROR, error);
}

/* Steps a statement that returns no rows (or ignores them) and resets it. */
gboolean
sp_ledger_conn_run (sqlite3       *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  return sp_database_step_once (db, stmt, SP_LEDGER_ERROR, error);
}

gboolean
sp_ledger_run_stmt (SpLedger      *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  return sp_ledger_conn_run (self->db, stmt, error);
}

gboolean
sp_ledger_run_simple (SpLedger  *self,
                      StmtId     id,
                      GError   **error)
{
  sqlite3_stmt *stmt = sp_ledger_get_stmt (self, id, error);

  return stmt != NULL && sp_ledger_run_stmt (self, stmt, error);
}

void
sp_ledger_rollback (SpLedger *self)
{
  g_autoptr(GError) local_error = NULL;

  if (sqlite3_get_autocommit (self->db))
    return; /* SQLite already rolled back */
  if (!sp_ledger_run_simple (self, STMT_ROLLBACK, &local_error))
    g_warning ("Rollback failed: %s", local_error->message);
}

gboolean
sp_ledger_commit (SpLedger  *self,
                  GError   **error)
{
  if (sp_ledger_run_simple (self, STMT_COMMIT, error))
    return TRUE;
  sp_ledger_rollback (self);
  return FALSE;
}

void
sp_ledger_bind_text (sqlite3_stmt *stmt,
                     int           idx,
                     const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, idx);
}

gint64
sp_ledger_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
sp_ledger_new_uid (char out[33])
{
  static const char hex[] = "0123456789abcdef";

  for (int i = 0; i < 4; i++)
    {
      guint32 r = g_random_int ();

      for (int k = 0; k < 8; k++, r >>= 4)
        out[i * 8 + k] = hex[r & 0xf];
    }
  out[32] = '\0';
}



/* ------------------------------------------------------------------ opening */

/* An SP_DATABASE_ERROR (@cause, taken) as our own: same code and message. */
static gboolean
database_failed (GError  *cause,
                 GError **error)
{
  sp_database_error_to (cause, SP_LEDGER_ERROR, error);
  g_error_free (cause);
  return FALSE;
}

gboolean
sp_ledger_db_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  GError *cause = NULL;

  if (!sp_database_exec_on (db, sql, &cause))
    return database_failed (cause, error);
  return TRUE;
}

gboolean
sp_ledger_exec_sql (SpLedger    *self,
                    const char  *sql,
                    GError     **error)
{
  return sp_ledger_db_exec (self->db, sql, error);
}

static gboolean
open_db (SpLedger  *self,
         GError   **error)
{
  GError *cause = NULL;

  self->database = sp_database_open (self->path, &cause);
  if (self->database == NULL)
    return database_failed (cause, error);
  self->db = sp_database_get_handle (self->database);
  /* the ledger's report reads a large covering index */
  if (!sp_ledger_exec_sql (self, "PRAGMA cache_size = -32768", error))
    return FALSE;
  self->schema_version = SP_LEDGER_SCHEMA_VERSION;
  return TRUE;
}

/* ------------------------------------------------------------------ GObject */

static void
sp_ledger_finalize (GObject *object)
{
  SpLedger *self = (SpLedger *) object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  self->db = NULL;
  g_clear_object (&self->database);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sp_ledger_parent_class)->finalize (object);
}

static void
sp_ledger_class_init (SpLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_ledger_finalize;
}

static void
sp_ledger_init (SpLedger *self)
{
  sp_ledger_set_default_rate (self, 7200000, NULL);
}

/* ------------------------------------------------------------------ public API */

SpLedger *
sp_ledger_open (const char  *path,
                GError     **error)
{
  g_autoptr(SpLedger) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SP_TYPE_LEDGER, NULL);
  self->path = g_strdup (path);
  if (!open_db (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

SpDatabase *
sp_ledger_get_database (SpLedger *self)
{
  g_return_val_if_fail (SP_IS_LEDGER (self), NULL);
  return self->database;
}

const char *
sp_ledger_get_path (SpLedger *self)
{
  g_return_val_if_fail (SP_IS_LEDGER (self), NULL);
  return self->path;
}

int
sp_ledger_get_schema_version (SpLedger *self)
{
  g_return_val_if_fail (SP_IS_LEDGER (self), 0);
  return self->schema_version;
}

void
sp_ledger_set_default_rate (SpLedger   *self,
                            SpMoney     usd_cny,
                            const char *rate_date)
{
  g_return_if_fail (SP_IS_LEDGER (self));
  g_return_if_fail (usd_cny > 0);
  g_return_if_fail (rate_date == NULL || sp_ledger_date_valid (rate_date));

  self->default_rate = usd_cny;
  if (rate_date != NULL)
    g_strlcpy (self->default_rate_date, rate_date, sizeof self->default_rate_date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      g_strlcpy (self->default_rate_date, today, sizeof self->default_rate_date);
    }
}

gboolean
sp_ledger_migrate_db (struct sqlite3  *db,
                      GError         **error)
{
  GError *cause = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!sp_database_migrate_connection (db, &cause))
    return database_failed (cause, error);
  return TRUE;
}

/* The statement texts live here (stmt_sql). */
const char *
sp_ledger_monthly_sql (SpLedgerGroupBy by)
{
  switch (by)
    {
    case SP_LEDGER_BY_VENDOR:
      return stmt_sql[STMT_MONTHLY_VENDOR];
    case SP_LEDGER_BY_CATEGORY:
      return stmt_sql[STMT_MONTHLY_CATEGORY];
    case SP_LEDGER_BY_KIND:
      return stmt_sql[STMT_MONTHLY_KIND];
    case SP_LEDGER_BY_NONE:
    default:
      return stmt_sql[STMT_MONTHLY_NONE];
    }
}
