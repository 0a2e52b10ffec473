/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-private.h — SpLedger's insides, shared by its files (sp-ledger.c:
 * opening, statements; sp-ledger-entries.c: add, edit, delete, undo, list;
 * sp-ledger-import.c: CSV import and export; sp-ledger-report.c: monthly
 * totals and the budget; sp-ledger-groups.c: the groups table).  Internal
 * to src/core/ledger. */
#pragma once

#include <sqlite3.h>

#include "sp-database.h"
#include "sp-ledger.h"

G_BEGIN_DECLS

/* The ledger's database (owned by @ledger). */
SpDatabase *sp_ledger_get_database (SpLedger *ledger);

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
/* Sums of a monthly cell before its single rounding. */
/* paid, subsidy, list, reimbursed: the sums of a monthly row */
#define N_SUMS 4

typedef struct {
  SpInt128 exact[N_SUMS];   /* in micro-units × 10^6 */
  gint64   divided[N_SUMS]; /* CNY→USD parts, rounded once per (cell, rate) group */
  guint    n_entries;
} CellSums;
/* Everything below works on a connection and a statement cache: the
 * ledger's own (SpLedger) or, for sp_ledger_insert_on() and
 * sp_ledger_void_purchase_on(), the caller's connection with a cache that
 * lives for one call. */
typedef struct {
  sqlite3       *db;
  sqlite3_stmt **stmts;  /* N_STMTS */
} Conn;

/* sp-ledger-entries.c */
gboolean sp_ledger_audit (SpLedger *self, const char *action, gint64 entry_id, const char *detail, GError **error);
void sp_ledger_bind_entry (sqlite3_stmt *stmt, const SpLedgerEntry *e, gint64 now);
char * sp_ledger_column_dup (sqlite3_stmt *stmt, int col);
SpLedgerEntry * sp_ledger_load_entry (sqlite3_stmt *stmt);

/* sp-ledger-report.c */
gboolean sp_ledger_check_months (const char *from_month, const char *to_month, GError **error);
gint64 sp_ledger_month_key (const char *month);
void sp_ledger_month_range (const char *from_month, const char *to_month, const char **from, const char **to);

/* sp-ledger.c */
void sp_ledger_bind_text (sqlite3_stmt *stmt, int idx, const char *text);
gboolean sp_ledger_commit (SpLedger *self, GError **error);
void sp_ledger_conn_clear (Conn *conn);
gboolean sp_ledger_conn_run (sqlite3 *db, sqlite3_stmt *stmt, GError **error);
sqlite3_stmt * sp_ledger_conn_stmt (const Conn *conn, StmtId id, GError **error);
gboolean sp_ledger_db_exec (sqlite3 *db, const char *sql, GError **error);
gboolean sp_ledger_exec_sql (SpLedger *self, const char *sql, GError **error);
sqlite3_stmt * sp_ledger_get_stmt (SpLedger *self, StmtId id, GError **error);
void sp_ledger_new_uid (char out[33]);
gint64 sp_ledger_now_seconds (void);
void sp_ledger_rollback (SpLedger *self);
gboolean sp_ledger_run_simple (SpLedger *self, StmtId id, GError **error);
gboolean sp_ledger_run_stmt (SpLedger *self, sqlite3_stmt *stmt, GError **error);
gboolean sp_ledger_set_sql_error (SpLedger *self, int rc, GError **error);
gboolean sp_ledger_sql_error (sqlite3 *db, int rc, GError **error);
void sp_ledger_stmt_done (sqlite3_stmt *stmt);
/* Ends @stmt whose last step returned @rc (sp_database_statement_end()). */
gboolean sp_ledger_stmt_end (SpLedger *self, sqlite3_stmt *stmt, int rc, GError **error);

G_END_DECLS
