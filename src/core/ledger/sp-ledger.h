/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger.h — the spending ledger (issue 8)
 *
 * In the store's file, on a connection of its own made by SpDatabase (the
 * same set-up as every connection; sp-database.h).  Its tables, prefixed
 * "ledger_", are migrations 5-7 of the file's one sequence, which adopted
 * the ledger's old counter in ledger_meta (frozen at
 * SP_LEDGER_SCHEMA_VERSION).  Money is integer micro-units.
 *
 * Deleting is soft (deleted_at) and can be undone; every add, edit, delete,
 * undo and import is recorded in ledger_audit.
 *
 * Opening the store (sp_store_open()) migrates the ledger tables too, and a
 * purchase recorded through the wallet (sp_store_record_purchase()) writes
 * its ledger entry on the store's
 * connection inside the purchase's own transaction (sp_ledger_insert_on());
 * voiding the purchase deletes that entry in the void's transaction
 * (sp_ledger_void_purchase_on()), and such an entry cannot be undone. */
#pragma once

#include <glib-object.h>
#include "sp-ledger-csv.h"
#include "sp-ledger-entry.h"

G_BEGIN_DECLS

#define SP_LEDGER_ERROR (sp_ledger_error_quark ())

typedef enum {
  SP_LEDGER_ERROR_OPEN,       /* cannot open or create the database */
  SP_LEDGER_ERROR_CORRUPT,    /* not a Suanpan database or damaged */
  SP_LEDGER_ERROR_NEWER,      /* ledger schema written by a newer Suanpan */
  SP_LEDGER_ERROR_SQL,        /* any other SQLite failure */
  SP_LEDGER_ERROR_NOT_FOUND,  /* no such entry / nothing to undo */
  SP_LEDGER_ERROR_INVALID,    /* an entry or argument is not valid */
  SP_LEDGER_ERROR_CSV,        /* a CSV file has bad rows; nothing was imported */
} SpLedgerError;

GQuark sp_ledger_error_quark (void);

/* The ledger's old schema counter (ledger_meta), frozen at its last value:
 * the schema's version is now the database's (SP_DATABASE_SCHEMA_VERSION). */
#define SP_LEDGER_SCHEMA_VERSION 3

/* The rate (CNY per USD, micro-units) a new ledger records by default. */
#define SP_LEDGER_DEFAULT_USD_CNY 7200000

#define SP_TYPE_LEDGER (sp_ledger_get_type ())
G_DECLARE_FINAL_TYPE (SpLedger, sp_ledger, SP, LEDGER, GObject)

struct sqlite3;

/* Creates or brings forward the schema (the ledger tables and the store's:
 * one sequence) on an open connection (no transaction open; each migration
 * is one BEGIN IMMEDIATE transaction).  SP_LEDGER_ERROR_NEWER when a newer
 * Suanpan wrote the file.  sp_database_migrate_connection() in our domain. */
gboolean       sp_ledger_migrate_db         (struct sqlite3  *db,
                                             GError         **error);
/* Completes a copy of @entry and inserts it (with its "add" audit row) on
 * @db, inside the caller's transaction when one is open (else in its own).
 * The entry must carry its exchange rate.  @out_id (optional) gets the new
 * id.  The same code path as sp_ledger_add(). */
gboolean       sp_ledger_insert_on          (struct sqlite3       *db,
                                             const SpLedgerEntry  *entry,
                                             gint64               *out_id,
                                             GError              **error);
/* Inside the caller's open transaction on @db: deletes the entries of
 * purchase @purchase_id (audited "delete") and marks them as belonging to a
 * voided purchase, which sp_ledger_undo_delete() refuses to bring back.
 * @n_voided (optional) gets how many entries (0 or 1). */
gboolean       sp_ledger_void_purchase_on   (struct sqlite3  *db,
                                             gint64           purchase_id,
                                             guint           *n_voided,
                                             GError         **error);

/* Opens @path (creating the file and its folder; usually
 * sp_store_default_path()) and migrates the ledger tables. */
SpLedger      *sp_ledger_open               (const char  *path,
                                             GError     **error);
const char    *sp_ledger_get_path           (SpLedger *self);
int            sp_ledger_get_schema_version (SpLedger *self);

/* The rate recorded on entries added without one (default 7.2 CNY per USD,
 * dated the day the ledger was opened).  @rate_date NULL = today. */
void           sp_ledger_set_default_rate   (SpLedger   *self,
                                             SpMoney     usd_cny,
                                             const char *rate_date);

/* Completes (sp_ledger_entry_complete()), checks and stores @entry in one
 * transaction; sets entry->id, created_at, updated_at and, when they were not
 * given, the default rate and its date.  Returns the new id, 0 on error. */
gint64         sp_ledger_add                (SpLedger       *self,
                                             SpLedgerEntry  *entry,
                                             GError        **error);
/* Replaces every field of the live entry entry->id (completed first). */
gboolean       sp_ledger_update             (SpLedger       *self,
                                             SpLedgerEntry  *entry,
                                             GError        **error);
/* Soft delete. */
gboolean       sp_ledger_delete             (SpLedger  *self,
                                             gint64     id,
                                             GError   **error);
/* Brings back entry @id, or the most recently deleted one that is still
 * deleted when @id is 0.  Returns the id brought back, 0 on error.  The
 * entry of a voided purchase is never brought back (@id: an
 * SP_LEDGER_ERROR_INVALID error; 0: it is skipped). */
gint64         sp_ledger_undo_delete        (SpLedger  *self,
                                             gint64     id,
                                             GError   **error);
/* A live (not deleted) entry. */
SpLedgerEntry *sp_ledger_get                (SpLedger  *self,
                                             gint64     id,
                                             GError   **error);
/* Live entries with @from_month <= month <= @to_month ("YYYY-MM", NULL =
 * open), by date then id.  Element type SpLedgerEntry. */
GPtrArray     *sp_ledger_list               (SpLedger    *self,
                                             const char  *from_month,
                                             const char  *to_month,
                                             GError     **error);
/* Live entries. */
gint64         sp_ledger_count              (SpLedger *self);

/* Reads the CSV and, when every row is valid, inserts all rows in ONE
 * transaction.  With any bad row nothing is written and the result is FALSE
 * with SP_LEDGER_ERROR_CSV; @report (optional) lists the rows' problems.
 * @first_id/@n_imported (optional) tell what was added.  Rows already in
 * the ledger are skipped (see sp_ledger_import_csv_full()). */
gboolean       sp_ledger_import_csv         (SpLedger            *self,
                                             const char          *data,
                                             gsize                len,
                                             SpLedgerCsvReport  **report,
                                             gint64              *first_id,
                                             guint               *n_imported,
                                             GError             **error);
typedef enum {
  SP_LEDGER_IMPORT_NONE    = 0,
  SP_LEDGER_IMPORT_DRY_RUN = 1 << 0,  /* do everything, then roll back */
  SP_LEDGER_IMPORT_REPLACE = 1 << 1,  /* a restore: the file replaces every live entry */
} SpLedgerImportFlags;

typedef struct {
  guint  n_added;     /* rows added (would be added, with DRY_RUN) */
  guint  n_present;   /* rows already in the ledger, skipped */
  guint  n_replaced;  /* REPLACE: live entries deleted (undoable, audited) */
  gint64 first_id;    /* the first id added; 0 with DRY_RUN or none */
} SpLedgerImportResult;

/* sp_ledger_import_csv() with flags and counts.  A row is already present
 * when a live entry has its entry_id (uid), or, for a row without one, when
 * the ledger had as many live entries with the same fingerprint (date,
 * vendor, item, quantity, unit, amounts, currency, refund) as the file has
 * rows with it so far: importing an export into its own ledger adds nothing.
 * With REPLACE every live entry is deleted first, in the same transaction
 * (a file with bad rows deletes nothing).  DRY_RUN computes the same counts
 * and writes nothing. */
gboolean       sp_ledger_import_csv_full    (SpLedger              *self,
                                             const char            *data,
                                             gsize                  len,
                                             SpLedgerImportFlags    flags,
                                             SpLedgerCsvReport    **report,
                                             SpLedgerImportResult  *result,
                                             GError               **error);
/* Every live entry in the documented columns (header first), by date then
 * id: importing the result gives the same entries. */
char          *sp_ledger_export_csv         (SpLedger  *self,
                                             gsize     *len,
                                             GError   **error);

typedef enum {
  SP_LEDGER_BY_NONE,      /* key "total" */
  SP_LEDGER_BY_VENDOR,
  SP_LEDGER_BY_CATEGORY,
  SP_LEDGER_BY_KIND,
} SpLedgerGroupBy;

/* Government money reimbursed after settlement (entry->reimbursed_later) is
 * counted as subsidy, not as what the company paid: paid is the sum of
 * paid - reimbursed_later, subsidy the sum of subsidy + reimbursed_later, so
 * paid + subsidy + platform discount + prepaid is still the list amount. */
typedef struct {
  char     month[8];     /* YYYY-MM */
  char    *key;
  char     currency[4];  /* the currency of the figures */
  SpMoney  paid;         /* the company's own money */
  SpMoney  subsidy;      /* government subsidy, reimbursed later included */
  SpMoney  list;
  guint    n_entries;
  SpMoney  reimbursed;   /* of @subsidy, the part reimbursed after settlement */
} SpLedgerMonthlyRow;

void           sp_ledger_monthly_row_free   (SpLedgerMonthlyRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpLedgerMonthlyRow, sp_ledger_monthly_row_free)

/* The one GROUP BY statement behind sp_ledger_monthly() (parameters ?1 and ?2
 * are the first and last month, inclusive, as yyyymm integers).  The
 * benchmark runs the same text through the sqlite3 program. */
const char    *sp_ledger_monthly_sql        (SpLedgerGroupBy by);

/* Totals per month and key in @currency, by month then key.  Each entry is
 * converted with its own recorded rate (see docs/ledger-csv.md for the
 * rounding); entries whose currency cannot be converted to @currency (not
 * CNY/USD) are left out and counted in @n_skipped. */
GPtrArray     *sp_ledger_monthly            (SpLedger         *self,
                                             const char       *from_month,
                                             const char       *to_month,
                                             SpLedgerGroupBy   by,
                                             const char       *currency,
                                             guint            *n_skipped,
                                             GError          **error);

/* The monthly budget; @amount SP_MONEY_UNKNOWN removes it. */
gboolean       sp_ledger_set_budget         (SpLedger    *self,
                                             SpMoney      amount,
                                             const char  *currency,
                                             GError     **error);
/* FALSE when no budget is set. */
gboolean       sp_ledger_get_budget         (SpLedger *self,
                                             SpMoney  *amount,
                                             char      currency[4]);

typedef struct {
  gboolean has_budget;
  SpMoney  budget;
  char     currency[4];
  char     month[8];        /* the month of @today */
  guint    day;             /* day of month of @today */
  guint    days_in_month;
  SpMoney  spent;           /* paid so far this month, in @currency */
  SpMoney  projection;      /* spent × days_in_month / day, rounded once */
  gboolean over_budget;     /* projection > budget */
  guint    n_skipped;       /* entries that could not be converted */
} SpLedgerBudgetStatus;

/* Spend so far in the month of @today and the projection to the month's
 * end.  Without a budget, figures are in @fallback_currency. */
gboolean       sp_ledger_budget_status      (SpLedger              *self,
                                             const GDate           *today,
                                             const char            *fallback_currency,
                                             SpLedgerBudgetStatus  *status,
                                             GError               **error);

G_END_DECLS
