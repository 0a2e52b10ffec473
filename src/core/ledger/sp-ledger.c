/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger.c — the spending ledger: entries, undo, CSV import/export,
 * monthly totals and the budget
 *
 * Its own SQLite connection on the store's file (WAL lets several
 * connections coexist), its own tables ("ledger_" prefix) and its own schema
 * version in ledger_meta, so the ledger can later join the store's migration
 * list unchanged.  Every statement is prepared once with a fixed text and
 * every value is bound.  Money is INTEGER micro-units in STRICT tables, so a
 * float can never be stored by mistake. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-database.h"
#include "sp-ledger.h"
#include "sp-ledger-private.h"

__extension__ typedef __int128 SpInt128;

/* Covers the monthly totals (every column the statement reads, deleted_at
 * too): one ordered index scan on the integer month key (yyyymm), no table
 * lookups and, for the by-vendor report, no sort.  A large import drops it
 * and builds it again at the end (inside the same transaction), which is
 * much faster than inserting a million random dates one by one. */
#define MONTH_INDEX_SQL                                                       \
  "CREATE INDEX ledger_entries_month ON ledger_entries "                      \
  "(month_key, vendor, currency, rate_usd_cny, paid, subsidy, list_amount, "  \
  "reimbursed_later, deleted_at) WHERE deleted_at IS NULL"

/* The month key of a "YYYY-MM" month in SQL: yyyymm */
#define MONTH_KEY_SQL(month)                                                  \
  "(CAST (substr (" month ", 1, 4) AS INTEGER) * 100 + "                     \
  "CAST (substr (" month ", 6, 2) AS INTEGER))"

/* The identity of entries (ledger schema 3): the uid of live entries is
 * unique, and entries are found by fingerprint through (date, vendor, item).
 * A bulk import into an empty ledger builds them at the end. */
#define UID_INDEX_SQL                                                         \
  "CREATE UNIQUE INDEX ledger_entries_uid ON ledger_entries (uid) WHERE deleted_at IS NULL"
#define IDENTITY_INDEX_SQL                                                    \
  "CREATE INDEX ledger_entries_identity ON ledger_entries (date, vendor, item) " \
  "WHERE deleted_at IS NULL"

/* Imports with at least this many lines rebuild the index (when they also
 * outnumber the entries already there). */
#define BULK_IMPORT_LINES 20000

/* The ledger's tables are migrations 5-7 of the database's one sequence
 * (sp-database-migrations.c, data/sql/); the index texts above are those of
 * 0007 byte for byte (a bulk import drops and rebuilds them). */
G_STATIC_ASSERT (SP_LEDGER_SCHEMA_VERSION == SP_DATABASE_LEDGER_VERSION);
G_STATIC_ASSERT ((int) SP_DATABASE_ERROR_OPEN == (int) SP_LEDGER_ERROR_OPEN &&
                 (int) SP_DATABASE_ERROR_CORRUPT == (int) SP_LEDGER_ERROR_CORRUPT &&
                 (int) SP_DATABASE_ERROR_NEWER == (int) SP_LEDGER_ERROR_NEWER &&
                 (int) SP_DATABASE_ERROR_SQL == (int) SP_LEDGER_ERROR_SQL);

#define ENTRY_COLUMNS                                                         \
  "date, month, vendor, item, offer_source, offer_id, kind, quantity, unit, " \
  "list_amount, platform_discount, subsidy, prepaid, paid, currency, "        \
  "rate_usd_cny, rate_date, category, fapiao, fapiao_number, note, refund, "  \
  "purchase_id, reimbursed_later, uid, created_at, updated_at"

/* bind parameter numbers (1-based) of ENTRY_COLUMNS; columns of a SELECT
 * "id, " ENTRY_COLUMNS are the same numbers (id is column 0) */
enum {
  P_DATE = 1,
  P_MONTH,
  P_VENDOR,
  P_ITEM,
  P_OFFER_SOURCE,
  P_OFFER_ID,
  P_KIND,
  P_QUANTITY,
  P_UNIT,
  P_LIST_AMOUNT,
  P_PLATFORM_DISCOUNT,
  P_SUBSIDY,
  P_PREPAID,
  P_PAID,
  P_CURRENCY,
  P_RATE_USD_CNY,
  P_RATE_DATE,
  P_CATEGORY,
  P_FAPIAO,
  P_FAPIAO_NUMBER,
  P_NOTE,
  P_REFUND,
  P_PURCHASE_ID,
  P_REIMBURSED_LATER,
  P_UID,
  P_CREATED_AT,
  P_UPDATED_AT,
  P_ID,
};

/* The stored amounts summed as they are, grouped on the integer month key
 * (?1 and ?2 are yyyymm); sp_ledger_monthly() counts government money that is
 * reimbursed after settlement as subsidy, not as the company's spending
 * (docs/vouchers.md), per group in C. */
#define MONTHLY_SQL(key)                                                      \
  "SELECT month_key, " key ", currency, rate_usd_cny, "                      \
  "sum(paid), sum(subsidy), sum(list_amount), sum(reimbursed_later), count(*) " \
  "FROM ledger_entries WHERE deleted_at IS NULL AND month_key BETWEEN ?1 AND ?2 " \
  "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"

typedef enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_INSERT,
  STMT_UPDATE,
  STMT_GET,
  STMT_LIST,
  STMT_DELETE,
  STMT_UNDELETE,
  STMT_LAST_DELETED,
  STMT_IS_DELETED,
  STMT_AUDIT,
  STMT_COUNT,
  STMT_VOID_PURCHASE,
  STMT_GET_META,
  STMT_SET_META,
  STMT_DELETE_META,
  STMT_MONTHLY_NONE,
  STMT_MONTHLY_VENDOR,
  STMT_MONTHLY_CATEGORY,
  STMT_MONTHLY_KIND,
  STMT_FIND_UID,
  STMT_COUNT_SAME,
  STMT_MAX_ID,
  STMT_DELETE_ALL,
  STMT_UID_TAKEN,
  N_STMTS
} StmtId;

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

/* the open ends of a month range */
#define FIRST_MONTH "0000-00"
#define LAST_MONTH  "9999-99"

struct _SpLedger
{
  GObject       parent_instance;

  char         *path;
  SpDatabase   *database;
  sqlite3      *db;             /* the database's connection */
  int           schema_version;
  SpMoney       default_rate;
  char          default_rate_date[11];
  sqlite3_stmt *stmts[N_STMTS];
};

G_DEFINE_FINAL_TYPE (SpLedger, sp_ledger, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-ledger-error-quark, sp_ledger_error)

/* Sums of a monthly cell before its single rounding. */
/* paid, subsidy, list, reimbursed: the sums of a monthly row */
#define N_SUMS 4

typedef struct {
  SpInt128 exact[N_SUMS];   /* in micro-units × 10^6 */
  gint64   divided[N_SUMS]; /* CNY→USD parts, rounded once per (cell, rate) group */
  guint    n_entries;
} CellSums;

/* ------------------------------------------------------------------ helpers */

/* Everything below works on a connection and a statement cache: the
 * ledger's own (SpLedger) or, for sp_ledger_insert_on() and
 * sp_ledger_void_purchase_on(), the caller's connection with a cache that
 * lives for one call. */
typedef struct {
  sqlite3       *db;
  sqlite3_stmt **stmts;  /* N_STMTS */
} Conn;

static gboolean
sql_error (sqlite3  *db,
           int       rc,
           GError  **error)
{
  return sp_database_set_sql_error (db, rc, SP_LEDGER_ERROR, error);
}

static gboolean
set_sql_error (SpLedger  *self,
               int        rc,
               GError   **error)
{
  return sql_error (self->db, rc, error);
}

/* The one place a ledger statement is prepared. */
static sqlite3_stmt *
conn_stmt (const Conn  *conn,
           StmtId       id,
           GError     **error)
{
  sqlite3_stmt *stmt = conn->stmts[id];

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (conn->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          sql_error (conn->db, rc, error);
          sqlite3_finalize (stmt);
          return NULL;
        }
      conn->stmts[id] = stmt;
    }
  return stmt;
}

static void
conn_clear (Conn *conn)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&conn->stmts[i], sqlite3_finalize);
}

static sqlite3_stmt *
get_stmt (SpLedger  *self,
          StmtId     id,
          GError   **error)
{
  Conn conn = { self->db, self->stmts };

  return conn_stmt (&conn, id, error);
}

static void
stmt_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Steps a statement that returns no rows (or ignores them) and resets it. */
static gboolean
conn_run (sqlite3       *db,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      sql_error (db, rc, error);
      stmt_done (stmt);
      return FALSE;
    }
  stmt_done (stmt);
  return TRUE;
}

static gboolean
run_stmt (SpLedger      *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  return conn_run (self->db, stmt, error);
}

static gboolean
run_simple (SpLedger  *self,
            StmtId     id,
            GError   **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id, error);

  return stmt != NULL && run_stmt (self, stmt, error);
}

static void
rollback (SpLedger *self)
{
  g_autoptr(GError) local_error = NULL;

  if (sqlite3_get_autocommit (self->db))
    return; /* SQLite already rolled back */
  if (!run_simple (self, STMT_ROLLBACK, &local_error))
    g_warning ("Rollback failed: %s", local_error->message);
}

static gboolean
commit (SpLedger  *self,
        GError   **error)
{
  if (run_simple (self, STMT_COMMIT, error))
    return TRUE;
  rollback (self);
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, idx);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
new_uid (char out[33])
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

static void
bind_entry (sqlite3_stmt        *stmt,
            const SpLedgerEntry *e,
            gint64               now)
{
  sqlite3_bind_text (stmt, P_DATE, e->date, 10, SQLITE_STATIC);
  sqlite3_bind_text (stmt, P_MONTH, e->date, 7, SQLITE_STATIC);
  bind_text (stmt, P_VENDOR, e->vendor);
  bind_text (stmt, P_ITEM, e->item);
  bind_text (stmt, P_OFFER_SOURCE, e->offer_source);
  bind_text (stmt, P_OFFER_ID, e->offer_id);
  sqlite3_bind_text (stmt, P_KIND, sp_ledger_kind_to_string (e->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, P_QUANTITY, e->quantity);
  bind_text (stmt, P_UNIT, e->unit);
  sqlite3_bind_int64 (stmt, P_LIST_AMOUNT, e->list_amount);
  sqlite3_bind_int64 (stmt, P_PLATFORM_DISCOUNT, e->platform_discount);
  sqlite3_bind_int64 (stmt, P_SUBSIDY, e->subsidy);
  sqlite3_bind_int64 (stmt, P_PREPAID, e->prepaid);
  sqlite3_bind_int64 (stmt, P_PAID, e->paid);
  sqlite3_bind_text (stmt, P_CURRENCY, e->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, P_RATE_USD_CNY, e->rate_usd_cny);
  sqlite3_bind_text (stmt, P_RATE_DATE, e->rate_date, -1, SQLITE_STATIC);
  bind_text (stmt, P_CATEGORY, e->category != NULL ? e->category : "");
  sqlite3_bind_text (stmt, P_FAPIAO, sp_ledger_fapiao_to_string (e->fapiao), -1, SQLITE_STATIC);
  bind_text (stmt, P_FAPIAO_NUMBER,
             e->fapiao_number != NULL && *e->fapiao_number != '\0' ? e->fapiao_number : NULL);
  bind_text (stmt, P_NOTE, e->note != NULL ? e->note : "");
  sqlite3_bind_int (stmt, P_REFUND, e->refund ? 1 : 0);
  if (e->purchase_id > 0)
    sqlite3_bind_int64 (stmt, P_PURCHASE_ID, e->purchase_id);
  else
    sqlite3_bind_null (stmt, P_PURCHASE_ID);
  sqlite3_bind_int64 (stmt, P_REIMBURSED_LATER, e->reimbursed_later);
  if (e->uid != NULL)
    sqlite3_bind_text (stmt, P_UID, e->uid, -1, SQLITE_STATIC);
  else
    {
      /* a new identity: 128 random bits as 32 lower-case hex digits (as
       * migration 3 gives the entries it finds) */
      char uid[33];

      new_uid (uid);
      sqlite3_bind_text (stmt, P_UID, uid, 32, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, P_CREATED_AT, now);
  sqlite3_bind_int64 (stmt, P_UPDATED_AT, now);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static void
column_copy (sqlite3_stmt *stmt,
             int           col,
             char         *out,
             gsize         size)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  g_strlcpy (out, text != NULL ? text : "", size);
}

/* Column numbers of "SELECT id, " ENTRY_COLUMNS equal the P_* numbers. */
static SpLedgerEntry *
load_entry (sqlite3_stmt *stmt)
{
  SpLedgerEntry *e = sp_ledger_entry_new ();
  const char *kind = (const char *) sqlite3_column_text (stmt, P_KIND);
  const char *fapiao = (const char *) sqlite3_column_text (stmt, P_FAPIAO);

  e->id = sqlite3_column_int64 (stmt, 0);
  column_copy (stmt, P_DATE, e->date, sizeof e->date);
  e->vendor = column_dup (stmt, P_VENDOR);
  e->item = column_dup (stmt, P_ITEM);
  e->offer_source = column_dup (stmt, P_OFFER_SOURCE);
  e->offer_id = column_dup (stmt, P_OFFER_ID);
  if (!sp_ledger_kind_from_string (kind, &e->kind))
    e->kind = SP_LEDGER_KIND_OTHER;
  e->quantity = sqlite3_column_int64 (stmt, P_QUANTITY);
  e->unit = column_dup (stmt, P_UNIT);
  e->list_amount = sqlite3_column_int64 (stmt, P_LIST_AMOUNT);
  e->platform_discount = sqlite3_column_int64 (stmt, P_PLATFORM_DISCOUNT);
  e->subsidy = sqlite3_column_int64 (stmt, P_SUBSIDY);
  e->prepaid = sqlite3_column_int64 (stmt, P_PREPAID);
  e->paid = sqlite3_column_int64 (stmt, P_PAID);
  column_copy (stmt, P_CURRENCY, e->currency, sizeof e->currency);
  e->rate_usd_cny = sqlite3_column_int64 (stmt, P_RATE_USD_CNY);
  column_copy (stmt, P_RATE_DATE, e->rate_date, sizeof e->rate_date);
  e->category = column_dup (stmt, P_CATEGORY);
  if (!sp_ledger_fapiao_from_string (fapiao, &e->fapiao))
    e->fapiao = SP_LEDGER_FAPIAO_NONE;
  e->fapiao_number = column_dup (stmt, P_FAPIAO_NUMBER);
  e->note = column_dup (stmt, P_NOTE);
  e->refund = sqlite3_column_int (stmt, P_REFUND) != 0;
  e->purchase_id = sqlite3_column_int64 (stmt, P_PURCHASE_ID);
  e->reimbursed_later = sqlite3_column_int64 (stmt, P_REIMBURSED_LATER);
  e->uid = column_dup (stmt, P_UID);
  e->created_at = sqlite3_column_int64 (stmt, P_CREATED_AT);
  e->updated_at = sqlite3_column_int64 (stmt, P_UPDATED_AT);
  return e;
}

static gboolean
conn_audit (const Conn  *conn,
            const char  *action,
            gint64       entry_id,
            const char  *detail,
            GError     **error)
{
  sqlite3_stmt *stmt = conn_stmt (conn, STMT_AUDIT, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_seconds ());
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  if (entry_id > 0)
    sqlite3_bind_int64 (stmt, 3, entry_id);
  else
    sqlite3_bind_null (stmt, 3);
  bind_text (stmt, 4, detail);
  return conn_run (conn->db, stmt, error);
}

static gboolean
audit (SpLedger    *self,
       const char  *action,
       gint64       entry_id,
       const char  *detail,
       GError     **error)
{
  Conn conn = { self->db, self->stmts };

  return conn_audit (&conn, action, entry_id, detail, error);
}

/* Inserts a completed entry and audits it ("add"): the one code path of
 * sp_ledger_add() and sp_ledger_insert_on(), inside the caller's
 * transaction. */
static gboolean
insert_entry (const Conn           *conn,
              const SpLedgerEntry  *entry,
              gint64                now,
              gint64               *out_id,
              GError              **error)
{
  sqlite3_stmt *stmt = conn_stmt (conn, STMT_INSERT, error);
  g_autofree char *detail = NULL;
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  bind_entry (stmt, entry, now);
  if (!conn_run (conn->db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (conn->db);
  if (entry->purchase_id > 0)
    detail = g_strdup_printf ("purchase %" G_GINT64_FORMAT, entry->purchase_id);
  if (!conn_audit (conn, "add", id, detail, error))
    return FALSE;
  *out_id = id;
  return TRUE;
}

/* The previous version of an entry for the audit trail: one CSV record. */
static char *
entry_snapshot (const SpLedgerEntry *e)
{
  GString *s = g_string_new (NULL);

  sp_ledger_csv_append_entry (s, e);
  return g_string_free (s, FALSE);
}

/* sp_ledger_entry_complete() and the parts only the database knows of. */
static gboolean
complete_entry (SpLedgerEntry  *entry,
                GError        **error)
{
  g_autofree char *reason = NULL;
  SpMoney r = entry->reimbursed_later;

  if (!sp_ledger_entry_complete (entry, &reason))
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID, reason);
      return FALSE;
    }
  if (entry->purchase_id < 0)
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                           _("The purchase id must be positive"));
      return FALSE;
    }
  /* reimbursed later is part of paid, with the same sign */
  if (r == SP_MONEY_UNKNOWN ||
      (entry->paid >= 0 ? (r < 0 || r > entry->paid) : (r > 0 || r < entry->paid)))
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                           _("The amount reimbursed later must be part of the amount paid"));
      return FALSE;
    }
  return TRUE;
}

/* Completes @entry and fills the ledger's default rate. */
static gboolean
prepare_entry (SpLedger       *self,
               SpLedgerEntry  *entry,
               GError        **error)
{
  if (!complete_entry (entry, error))
    return FALSE;
  if (entry->rate_usd_cny == SP_MONEY_UNKNOWN)
    {
      entry->rate_usd_cny = self->default_rate;
      if (entry->rate_date[0] == '\0')
        memcpy (entry->rate_date, self->default_rate_date, sizeof entry->rate_date);
    }
  return TRUE;
}

static void
month_range (const char  *from_month,
             const char  *to_month,
             const char **from,
             const char **to)
{
  *from = from_month != NULL ? from_month : FIRST_MONTH;
  *to = to_month != NULL ? to_month : LAST_MONTH;
}

static gboolean
check_months (const char  *from_month,
              const char  *to_month,
              GError     **error)
{
  const char *bad = NULL;

  if (from_month != NULL && !sp_ledger_month_valid (from_month))
    bad = from_month;
  else if (to_month != NULL && !sp_ledger_month_valid (to_month))
    bad = to_month;
  if (bad != NULL)
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("“%s” is not a month (YYYY-MM)"), bad);
      return FALSE;
    }
  return TRUE;
}

/* Divides @value by 10^6, rounding half away from zero. */
static SpInt128
div_micro_half_up (SpInt128 value)
{
  SpInt128 q = value / SP_MONEY_SCALE;
  SpInt128 r = value % SP_MONEY_SCALE;

  if (r >= SP_MONEY_SCALE / 2)
    q++;
  else if (r <= -SP_MONEY_SCALE / 2)
    q--;
  return q;
}

/* Adds one (currency, rate) group's sums to a cell in @to currency.
 * FALSE when the group's currency cannot be converted. */
static gboolean
cell_add (CellSums      *cell,
          const char    *from,
          gint64         rate,
          const gint64   sums[N_SUMS],
          gint64         n,
          const char    *to)
{
  if (g_str_equal (from, to))
    {
      for (int i = 0; i < N_SUMS; i++)
        cell->exact[i] += (SpInt128) sums[i] * SP_MONEY_SCALE;
    }
  else if (g_str_equal (from, "USD") && g_str_equal (to, "CNY"))
    {
      for (int i = 0; i < N_SUMS; i++)
        cell->exact[i] += (SpInt128) sums[i] * rate;
    }
  else if (g_str_equal (from, "CNY") && g_str_equal (to, "USD"))
    {
      SpMoney v[N_SUMS];

      for (int i = 0; i < N_SUMS; i++)
        if (!sp_money_muldiv (sums[i], SP_MONEY_SCALE, rate, SP_ROUND_HALF_UP, &v[i]))
          return FALSE;
      for (int i = 0; i < N_SUMS; i++)
        cell->divided[i] += v[i];
    }
  else
    return FALSE;
  cell->n_entries += (guint) n;
  return TRUE;
}

static gboolean
cell_finish (const CellSums  *cell,
             SpMoney          out[N_SUMS])
{
  for (int i = 0; i < N_SUMS; i++)
    {
      SpInt128 v = div_micro_half_up (cell->exact[i]) + cell->divided[i];

      if (v > G_MAXINT64 || v <= G_MININT64)
        return FALSE;
      out[i] = (SpMoney) v;
    }
  return TRUE;
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

static gboolean
db_exec (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  GError *cause = NULL;

  if (!sp_database_exec_on (db, sql, &cause))
    return database_failed (cause, error);
  return TRUE;
}

static gboolean
exec_sql (SpLedger    *self,
          const char  *sql,
          GError     **error)
{
  return db_exec (self->db, sql, error);
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
  if (!exec_sql (self, "PRAGMA cache_size = -32768", error))
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

gboolean
sp_ledger_insert_on (struct sqlite3       *db,
                     const SpLedgerEntry  *entry,
                     gint64               *out_id,
                     GError              **error)
{
  g_autoptr(SpLedgerEntry) copy = NULL;
  sqlite3_stmt *stmts[N_STMTS] = { NULL };
  Conn conn = { db, stmts };
  gboolean own_transaction;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  copy = sp_ledger_entry_copy (entry);
  if (!complete_entry (copy, error))
    return FALSE;
  if (copy->rate_usd_cny == SP_MONEY_UNKNOWN)
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                           _("The exchange rate is missing"));
      return FALSE;
    }
  /* outside a transaction the entry and its audit row still go together */
  own_transaction = sqlite3_get_autocommit (db) != 0;
  if (own_transaction && !db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = insert_entry (&conn, copy, now_seconds (), &id, error);
  conn_clear (&conn);
  if (own_transaction)
    {
      if (ok)
        ok = db_exec (db, "COMMIT", error);
      if (!ok && !sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  if (ok && out_id != NULL)
    *out_id = id;
  return ok;
}

gboolean
sp_ledger_void_purchase_on (struct sqlite3  *db,
                            gint64           purchase_id,
                            guint           *n_voided,
                            GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmts[N_STMTS] = { NULL };
  Conn conn = { db, stmts };
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (db), FALSE);

  stmt = conn_stmt (&conn, STMT_VOID_PURCHASE, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, purchase_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (db, rc, error);
      stmt_done (stmt);
      goto out;
    }
  stmt_done (stmt);
  detail = g_strdup_printf ("purchase %" G_GINT64_FORMAT " voided", purchase_id);
  for (guint i = 0; i < ids->len; i++)
    if (!conn_audit (&conn, "delete", g_array_index (ids, gint64, i), detail, error))
      goto out;
  if (n_voided != NULL)
    *n_voided = ids->len;
  ok = TRUE;

out:
  conn_clear (&conn);
  return ok;
}

gint64
sp_ledger_add (SpLedger       *self,
               SpLedgerEntry  *entry,
               GError        **error)
{
  Conn conn = { self->db, self->stmts };
  gint64 now = now_seconds ();
  gint64 id = 0;

  g_return_val_if_fail (SP_IS_LEDGER (self), 0);
  g_return_val_if_fail (entry != NULL, 0);

  if (!prepare_entry (self, entry, error))
    return 0;
  if (!run_simple (self, STMT_BEGIN, error))
    return 0;
  if (!insert_entry (&conn, entry, now, &id, error) || !commit (self, error))
    goto fail;
  entry->id = id;
  entry->created_at = now;
  entry->updated_at = now;
  return id;

fail:
  rollback (self);
  return 0;
}

gboolean
sp_ledger_update (SpLedger       *self,
                  SpLedgerEntry  *entry,
                  GError        **error)
{
  g_autoptr(SpLedgerEntry) old = NULL;
  g_autofree char *snapshot = NULL;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!prepare_entry (self, entry, error))
    return FALSE;
  if (!run_simple (self, STMT_BEGIN, error))
    return FALSE;
  old = sp_ledger_get (self, entry->id, error);
  if (old == NULL)
    goto fail;
  /* an editor that does not know of purchases (purchase_id 0) keeps the
   * entry's purchase and the part reimbursed later */
  if (entry->purchase_id == 0 && old->purchase_id != 0)
    {
      entry->purchase_id = old->purchase_id;
      entry->reimbursed_later = old->reimbursed_later;
      if (!complete_entry (entry, error))
        goto fail;
    }
  snapshot = entry_snapshot (old);
  stmt = get_stmt (self, STMT_UPDATE, error);
  if (stmt == NULL)
    goto fail;
  bind_entry (stmt, entry, now);
  sqlite3_bind_int64 (stmt, P_ID, entry->id);
  if (!run_stmt (self, stmt, error) ||
      !audit (self, "edit", entry->id, snapshot, error) ||
      !commit (self, error))
    goto fail;
  entry->created_at = old->created_at;
  entry->updated_at = now;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gboolean
sp_ledger_delete (SpLedger  *self,
                  gint64     id,
                  GError   **error)
{
  g_autoptr(SpLedgerEntry) old = NULL;
  g_autofree char *snapshot = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);

  if (!run_simple (self, STMT_BEGIN, error))
    return FALSE;
  old = sp_ledger_get (self, id, error);
  if (old == NULL)
    goto fail;
  snapshot = entry_snapshot (old);
  stmt = get_stmt (self, STMT_DELETE, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  if (!run_stmt (self, stmt, error) ||
      !audit (self, "delete", id, snapshot, error) ||
      !commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gint64
sp_ledger_undo_delete (SpLedger  *self,
                       gint64     id,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (self), 0);

  if (!run_simple (self, STMT_BEGIN, error))
    return 0;

  stmt = get_stmt (self, id > 0 ? STMT_IS_DELETED : STMT_LAST_DELETED, error);
  if (stmt == NULL)
    goto fail;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && id > 0 && sqlite3_column_int (stmt, 1) != 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *purchase_text =
        g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2));

      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("Entry %s cannot be brought back: purchase %s was voided. "
                     "Record the purchase again instead."), id_text, purchase_text);
      stmt_done (stmt);
      goto fail;
    }
  if (rc == SQLITE_ROW && (id > 0 ? sqlite3_column_int (stmt, 0) != 0 : TRUE))
    {
      if (id == 0)
        id = sqlite3_column_int64 (stmt, 0);
      stmt_done (stmt);
    }
  else
    {
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        set_sql_error (self, rc, error);
      else if (id > 0)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND,
                       _("Entry %s is not deleted"), id_text);
        }
      else
        g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND,
                             _("There is no deleted entry to bring back"));
      stmt_done (stmt);
      goto fail;
    }

  /* the same purchase came back meanwhile (an import of a backup) */
  stmt = get_stmt (self, STMT_UID_TAKEN, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *other_text =
        g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));

      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("Entry %s cannot be brought back: the same purchase is already "
                     "in the ledger as entry %s"), id_text, other_text);
      stmt_done (stmt);
      goto fail;
    }
  stmt_done (stmt);

  stmt = get_stmt (self, STMT_UNDELETE, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!run_stmt (self, stmt, error) ||
      !audit (self, "undo", id, NULL, error) ||
      !commit (self, error))
    goto fail;
  return id;

fail:
  rollback (self);
  return 0;
}

SpLedgerEntry *
sp_ledger_get (SpLedger  *self,
               gint64     id,
               GError   **error)
{
  sqlite3_stmt *stmt;
  SpLedgerEntry *entry = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (self), NULL);

  stmt = get_stmt (self, STMT_GET, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = load_entry (stmt);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND,
                   _("There is no entry %s"), id_text);
    }
  else
    set_sql_error (self, rc, error);
  stmt_done (stmt);
  return entry;
}

GPtrArray *
sp_ledger_list (SpLedger    *self,
                const char  *from_month,
                const char  *to_month,
                GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  const char *from, *to;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (self), NULL);

  if (!check_months (from_month, to_month, error))
    return NULL;
  stmt = get_stmt (self, STMT_LIST, error);
  if (stmt == NULL)
    return NULL;
  month_range (from_month, to_month, &from, &to);
  bind_text (stmt, 1, from);
  bind_text (stmt, 2, to);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, load_entry (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return NULL;
    }
  stmt_done (stmt);
  return g_steal_pointer (&entries);
}

gint64
sp_ledger_count (SpLedger *self)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (SP_IS_LEDGER (self), -1);

  stmt = get_stmt (self, STMT_COUNT, NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  stmt_done (stmt);
  return n;
}

typedef struct {
  SpLedger     *self;
  sqlite3_stmt *insert;
  gint64        now;
  gint64        first_id;
  gint64        last_id;
  gint64        max_old_id;   /* entries up to this id were there before the import */
  gboolean      had_entries;  /* live entries before the import (after a replace: none) */
  GHashTable   *seen;         /* fingerprint -> rows of the file so far (only when in the ledger) */
  GHashTable   *uids;         /* a bulk import into an empty ledger: the file's uids so far
                               * (the uid index is built at the end); else NULL */
  guint         n;
  guint         n_present;
} ImportContext;

/* The fingerprint of an entry without uid: date, vendor, item, quantity,
 * unit, amounts, currency and refund (docs/ledger-csv.md). */
static char *
entry_fingerprint (const SpLedgerEntry *e)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%" G_GINT64_FORMAT
                          "\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT
                          "\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%d",
                          e->date, e->vendor, e->item, e->quantity, e->unit, e->list_amount,
                          e->platform_discount, e->subsidy, e->prepaid, e->paid, e->currency,
                          e->refund ? 1 : 0);
}

/* Whether @entry is already in the ledger: its uid is a live entry's (one
 * added by this import included: a uid twice in a file is one entry); or,
 * without a uid, this is the k-th row of the file with its fingerprint and
 * the ledger had at least k live entries with it before the import. */
static gboolean
already_present (ImportContext        *ctx,
                 const SpLedgerEntry  *e,
                 gboolean             *present,
                 GError              **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *fingerprint = NULL;
  gint64 n_same = 0;
  guint k;
  int rc;

  *present = FALSE;
  if (e->uid != NULL && ctx->uids != NULL)
    {
      *present = g_hash_table_contains (ctx->uids, e->uid);
      if (!*present)
        g_hash_table_add (ctx->uids, g_strdup (e->uid));
      return TRUE;
    }
  if (e->uid != NULL)
    {
      stmt = get_stmt (ctx->self, STMT_FIND_UID, error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, e->uid);
      rc = sqlite3_step (stmt);
      *present = rc == SQLITE_ROW;
      stmt_done (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return set_sql_error (ctx->self, rc, error);
      return TRUE;
    }
  if (!ctx->had_entries)
    return TRUE;
  stmt = get_stmt (ctx->self, STMT_COUNT_SAME, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->max_old_id);
  sqlite3_bind_text (stmt, 2, e->date, -1, SQLITE_STATIC);
  bind_text (stmt, 3, e->vendor);
  bind_text (stmt, 4, e->item);
  sqlite3_bind_int64 (stmt, 5, e->quantity);
  bind_text (stmt, 6, e->unit);
  sqlite3_bind_int64 (stmt, 7, e->list_amount);
  sqlite3_bind_int64 (stmt, 8, e->platform_discount);
  sqlite3_bind_int64 (stmt, 9, e->subsidy);
  sqlite3_bind_int64 (stmt, 10, e->prepaid);
  sqlite3_bind_int64 (stmt, 11, e->paid);
  sqlite3_bind_text (stmt, 12, e->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, e->refund ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n_same = sqlite3_column_int64 (stmt, 0);
  stmt_done (stmt);
  if (rc != SQLITE_ROW)
    return set_sql_error (ctx->self, rc, error);
  if (n_same == 0)
    return TRUE;
  /* the same purchase bought twice is two rows: count the file's rows */
  fingerprint = entry_fingerprint (e);
  k = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->seen, fingerprint)) + 1;
  g_hash_table_insert (ctx->seen, g_steal_pointer (&fingerprint), GUINT_TO_POINTER (k));
  *present = k <= n_same;
  return TRUE;
}

static gboolean
import_row (SpLedgerEntry  *entry,
            guint           line,
            gpointer        user_data,
            GError        **error)
{
  ImportContext *ctx = user_data;
  gboolean present = FALSE;
  gboolean ok;

  if (!already_present (ctx, entry, &present, error))
    {
      g_prefix_error (error, _("line %u: "), line);
      return FALSE;
    }
  if (present)
    {
      ctx->n_present++;
      return TRUE;
    }
  if (entry->rate_usd_cny == SP_MONEY_UNKNOWN)
    {
      entry->rate_usd_cny = ctx->self->default_rate;
      if (entry->rate_date[0] == '\0')
        memcpy (entry->rate_date, ctx->self->default_rate_date, sizeof entry->rate_date);
    }
  bind_entry (ctx->insert, entry, ctx->now);
  ok = run_stmt (ctx->self, ctx->insert, error);
  if (!ok)
    {
      g_prefix_error (error, _("line %u: "), line);
      return FALSE;
    }
  ctx->last_id = sqlite3_last_insert_rowid (ctx->self->db);
  if (ctx->n++ == 0)
    ctx->first_id = ctx->last_id;
  return TRUE;
}

static gboolean
query_int (SpLedger  *self,
           StmtId     id,
           gint64    *out,
           GError   **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  stmt_done (stmt);
  if (rc != SQLITE_ROW)
    return set_sql_error (self, rc, error);
  return TRUE;
}

/* A restore: every live entry is deleted (each audited, so `ledger undo`
 * can bring one back); @n_replaced gets how many. */
static gboolean
delete_all_live (SpLedger  *self,
                 gint64     now,
                 guint     *n_replaced,
                 GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = get_stmt (self, STMT_DELETE_ALL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (self, rc, error);
  for (guint i = 0; i < ids->len; i++)
    if (!audit (self, "delete", g_array_index (ids, gint64, i), "restore", error))
      return FALSE;
  *n_replaced = ids->len;
  return TRUE;
}

gboolean
sp_ledger_import_csv_full (SpLedger              *self,
                           const char            *data,
                           gsize                  len,
                           SpLedgerImportFlags    flags,
                           SpLedgerCsvReport    **report_out,
                           SpLedgerImportResult  *result,
                           GError               **error)
{
  g_autoptr(SpLedgerCsvReport) report = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *detail = NULL;
  g_autoptr(GHashTable) uids = NULL;
  ImportContext ctx = { self, NULL, now_seconds (), 0, 0, 0, FALSE, seen, NULL, 0, 0 };
  gboolean rebuild_identity = FALSE;
  gboolean rebuild_index = FALSE;
  gint64 n_lines = 0;
  gint64 n_live = 0;
  guint n_replaced = 0;

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  for (const char *p = data; p != NULL && p < data + len; p++)
    {
      p = memchr (p, '\n', data + len - p);
      if (p == NULL)
        break;
      n_lines++;
    }

  if (!run_simple (self, STMT_BEGIN, error))
    return FALSE;
  if ((flags & SP_LEDGER_IMPORT_REPLACE) != 0)
    {
      /* a restore reads the whole file first: a bad backup deletes nothing */
      if (!sp_ledger_csv_read (data, len, 0, NULL, NULL, &report, error))
        goto fail;
      if (report->n_errors > 0)
        goto bad_rows;
      g_clear_pointer (&report, sp_ledger_csv_report_free);
      if (!delete_all_live (self, ctx.now, &n_replaced, error))
        goto fail;
    }
  if (!query_int (self, STMT_COUNT, &n_live, error) ||
      !query_int (self, STMT_MAX_ID, &ctx.max_old_id, error))
    goto fail;
  ctx.had_entries = n_live > 0;
  if (n_lines >= BULK_IMPORT_LINES && n_lines > n_live)
    {
      if (!exec_sql (self, "DROP INDEX ledger_entries_month", error))
        goto fail;
      rebuild_index = TRUE;
      /* nothing to look up in an empty ledger: the identity indexes are
       * built once at the end too, and the file's own uids are checked in
       * memory */
      if (!ctx.had_entries)
        {
          if (!exec_sql (self, "DROP INDEX ledger_entries_uid", error) ||
              !exec_sql (self, "DROP INDEX ledger_entries_identity", error))
            goto fail;
          rebuild_identity = TRUE;
          uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          ctx.uids = uids;
        }
    }
  ctx.insert = get_stmt (self, STMT_INSERT, error);
  if (ctx.insert == NULL ||
      !sp_ledger_csv_read (data, len, 0, import_row, &ctx, &report, error))
    goto fail;
  if (report->n_errors > 0)
    goto bad_rows;
  if (rebuild_index && !exec_sql (self, MONTH_INDEX_SQL, error))
    goto fail;
  if (rebuild_identity && (!exec_sql (self, UID_INDEX_SQL, error) ||
                           !exec_sql (self, IDENTITY_INDEX_SQL, error)))
    goto fail;
  if (ctx.n > 0 || n_replaced > 0)
    {
      detail = g_strdup_printf ("%u entries, ids %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                                "; %u already present; %u replaced",
                                ctx.n, ctx.first_id, ctx.last_id, ctx.n_present, n_replaced);
      if (!audit (self, "import", 0, detail, error))
        goto fail;
    }
  if ((flags & SP_LEDGER_IMPORT_DRY_RUN) != 0)
    rollback (self);
  else if (!commit (self, error))
    goto fail;
  if (result != NULL)
    {
      result->n_added = ctx.n;
      result->n_present = ctx.n_present;
      result->n_replaced = n_replaced;
      result->first_id = (flags & SP_LEDGER_IMPORT_DRY_RUN) != 0 ? 0 : ctx.first_id;
    }
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return TRUE;

bad_rows:
  g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u row has a problem; nothing was imported",
                            "%u rows have problems; nothing was imported",
                            report->n_errors),
               report->n_errors);
fail:
  rollback (self);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return FALSE;
}

gboolean
sp_ledger_import_csv (SpLedger            *self,
                      const char          *data,
                      gsize                len,
                      SpLedgerCsvReport  **report_out,
                      gint64              *first_id,
                      guint               *n_imported,
                      GError             **error)
{
  SpLedgerImportResult result = { 0 };

  if (!sp_ledger_import_csv_full (self, data, len, SP_LEDGER_IMPORT_NONE, report_out, &result,
                                  error))
    return FALSE;
  if (first_id != NULL)
    *first_id = result.first_id;
  if (n_imported != NULL)
    *n_imported = result.n_added;
  return TRUE;
}

char *
sp_ledger_export_csv (SpLedger  *self,
                      gsize     *len,
                      GError   **error)
{
  g_autoptr(GString) out = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (self), NULL);

  stmt = get_stmt (self, STMT_LIST, error);
  if (stmt == NULL)
    return NULL;
  out = g_string_new (NULL);
  sp_ledger_csv_append_header (out);
  bind_text (stmt, 1, FIRST_MONTH);
  bind_text (stmt, 2, LAST_MONTH);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SpLedgerEntry) e = load_entry (stmt);

      sp_ledger_csv_append_entry (out, e);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return NULL;
    }
  stmt_done (stmt);
  if (len != NULL)
    *len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
sp_ledger_monthly_row_free (SpLedgerMonthlyRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row);
}

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

static gboolean
flush_cell (GPtrArray       *rows,
            const char      *month,
            const char      *key,
            const char      *currency,
            const CellSums  *cell,
            GError         **error)
{
  SpLedgerMonthlyRow *row;
  SpMoney v[N_SUMS];

  if (cell->n_entries == 0)
    return TRUE;
  if (!cell_finish (cell, v))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("The total of %s is too large"), month);
      return FALSE;
    }
  row = g_new0 (SpLedgerMonthlyRow, 1);
  g_strlcpy (row->month, month, sizeof row->month);
  row->key = g_strdup (key);
  memcpy (row->currency, currency, sizeof row->currency);
  row->paid = v[0];
  row->subsidy = v[1];
  row->list = v[2];
  row->reimbursed = v[3];
  row->n_entries = cell->n_entries;
  g_ptr_array_add (rows, row);
  return TRUE;
}

/* "YYYY-MM" (checked) as the month key of migration 3: yyyymm */
static gint64
month_key (const char *month)
{
  return g_ascii_strtoll (month, NULL, 10) * 100 + g_ascii_strtoll (month + 5, NULL, 10);
}

GPtrArray *
sp_ledger_monthly (SpLedger         *self,
                   const char       *from_month,
                   const char       *to_month,
                   SpLedgerGroupBy   by,
                   const char       *currency,
                   guint            *n_skipped,
                   GError          **error)
{
  static const StmtId ids[] = {
    [SP_LEDGER_BY_NONE] = STMT_MONTHLY_NONE,
    [SP_LEDGER_BY_VENDOR] = STMT_MONTHLY_VENDOR,
    [SP_LEDGER_BY_CATEGORY] = STMT_MONTHLY_CATEGORY,
    [SP_LEDGER_BY_KIND] = STMT_MONTHLY_KIND,
  };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *cur_key = NULL;
  sqlite3_stmt *stmt;
  CellSums cell = { 0 };
  gint64 cur_month_key = -1;
  char cur_month[8] = "";
  char target[4];
  guint skipped = 0;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (self), NULL);
  g_return_val_if_fail ((guint) by < G_N_ELEMENTS (ids), NULL);

  if (!sp_ledger_currency_parse (currency, target))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("“%s” is not a three-letter currency code"), currency ? currency : "");
      return NULL;
    }
  if (!check_months (from_month, to_month, error))
    return NULL;
  stmt = get_stmt (self, ids[by], error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from_month != NULL ? month_key (from_month) : 0);
  sqlite3_bind_int64 (stmt, 2, to_month != NULL ? month_key (to_month) : G_MAXINT64);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_monthly_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_month_key = sqlite3_column_int64 (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      const char *cur = (const char *) sqlite3_column_text (stmt, 2);
      gint64 rate = sqlite3_column_int64 (stmt, 3);
      gint64 reimbursed = sqlite3_column_int64 (stmt, 7);
      gint64 n = sqlite3_column_int64 (stmt, 8);
      gint64 sums[N_SUMS];

      if (key == NULL)
        key = "";
      if (row_month_key != cur_month_key || !g_str_equal (cur_key, key))
        {
          if (cur_key != NULL && !flush_cell (rows, cur_month, cur_key, target, &cell, error))
            goto fail;
          g_free (cur_key);
          cur_key = g_strdup (key);
          cur_month_key = row_month_key;
          g_snprintf (cur_month, sizeof cur_month, "%04d-%02d",
                      (int) (row_month_key / 100), (int) (row_month_key % 100));
          memset (&cell, 0, sizeof cell);
        }
      /* paid - reimbursed later, subsidy + reimbursed later, list,
       * reimbursed: the same as summing them entry by entry, exactly */
      sums[2] = sqlite3_column_int64 (stmt, 6);
      sums[3] = reimbursed;
      if (__builtin_sub_overflow (sqlite3_column_int64 (stmt, 4), reimbursed, &sums[0]) ||
          __builtin_add_overflow (sqlite3_column_int64 (stmt, 5), reimbursed, &sums[1]))
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("The total of %s is too large"), cur_month);
          goto fail;
        }
      if (!cell_add (&cell, cur, rate, sums, n, target))
        skipped += (guint) n;
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      goto fail;
    }
  if (cur_key != NULL && !flush_cell (rows, cur_month, cur_key, target, &cell, error))
    goto fail;
  stmt_done (stmt);
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return g_steal_pointer (&rows);

fail:
  stmt_done (stmt);
  return NULL;
}

static char *
get_meta (SpLedger   *self,
          const char *key)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_GET_META, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_dup (stmt, 0);
  stmt_done (stmt);
  return value;
}

static gboolean
set_meta (SpLedger    *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, value != NULL ? STMT_SET_META : STMT_DELETE_META, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return run_stmt (self, stmt, error);
}

gboolean
sp_ledger_set_budget (SpLedger    *self,
                      SpMoney      amount,
                      const char  *currency,
                      GError     **error)
{
  g_autofree char *text = NULL;
  char code[4] = "";

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);

  if (amount != SP_MONEY_UNKNOWN)
    {
      if (amount <= 0 || amount > SP_MONEY_MAX)
        {
          g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                               _("The budget must be a positive amount"));
          return FALSE;
        }
      if (!sp_ledger_currency_parse (currency, code))
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("“%s” is not a three-letter currency code"), currency ? currency : "");
          return FALSE;
        }
      text = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
    }
  if (!run_simple (self, STMT_BEGIN, error))
    return FALSE;
  if (!set_meta (self, "budget_amount", text, error) ||
      !set_meta (self, "budget_currency", text != NULL ? code : NULL, error) ||
      !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_ledger_get_budget (SpLedger *self,
                      SpMoney  *amount,
                      char      currency[4])
{
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;
  gint64 value;
  char *end = NULL;

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);

  text = get_meta (self, "budget_amount");
  code = get_meta (self, "budget_currency");
  if (text == NULL || code == NULL)
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || value <= 0 || !sp_ledger_currency_parse (code, currency))
    return FALSE;
  *amount = value;
  return TRUE;
}

gboolean
sp_ledger_budget_status (SpLedger              *self,
                         const GDate           *today,
                         const char            *fallback_currency,
                         SpLedgerBudgetStatus  *status,
                         GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  SpMoney projection;

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  status->has_budget = sp_ledger_get_budget (self, &status->budget, status->currency);
  if (!status->has_budget)
    {
      status->budget = SP_MONEY_UNKNOWN;
      if (!sp_ledger_currency_parse (fallback_currency, status->currency))
        memcpy (status->currency, "CNY", 4);
    }
  g_snprintf (status->month, sizeof status->month, "%04u-%02u",
              (guint) g_date_get_year (today), (guint) g_date_get_month (today));
  status->day = g_date_get_day (today);
  status->days_in_month = g_date_get_days_in_month (g_date_get_month (today),
                                                    g_date_get_year (today));

  rows = sp_ledger_monthly (self, status->month, status->month, SP_LEDGER_BY_NONE,
                            status->currency, &status->n_skipped, error);
  if (rows == NULL)
    return FALSE;
  status->spent = rows->len > 0 ? ((SpLedgerMonthlyRow *) g_ptr_array_index (rows, 0))->paid : 0;
  if (!sp_money_muldiv (status->spent, status->days_in_month, status->day,
                        SP_ROUND_HALF_UP, &projection))
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                           _("The projection is too large"));
      return FALSE;
    }
  status->projection = projection;
  status->over_budget = status->has_budget && projection > status->budget;
  return TRUE;
}
