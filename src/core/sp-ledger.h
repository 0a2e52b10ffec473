/* sp-ledger.h — the spending ledger (issue 8)
 *
 * The ledger lives in the same SQLite file as the store (see sp-store.h) but
 * opens its own connection, so it never depends on the store's code: WAL
 * journal, foreign keys on, synchronous = FULL, prepared statements only,
 * integer money.  Its tables are prefixed "ledger_" and it keeps its own
 * schema version in ledger_meta ("schema_version"), brought forward by
 * numbered migrations applied in one BEGIN IMMEDIATE transaction each.
 *
 * Deleting is soft (deleted_at) and can be undone; every add, edit, delete,
 * undo and import is recorded in ledger_audit. */
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

/* The ledger schema version this build writes. */
#define SP_LEDGER_SCHEMA_VERSION 1

#define SP_TYPE_LEDGER (sp_ledger_get_type ())
G_DECLARE_FINAL_TYPE (SpLedger, sp_ledger, SP, LEDGER, GObject)

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
 * deleted when @id is 0.  Returns the id brought back, 0 on error. */
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
 * @first_id/@n_imported (optional) tell what was added. */
gboolean       sp_ledger_import_csv         (SpLedger            *self,
                                             const char          *data,
                                             gsize                len,
                                             SpLedgerCsvReport  **report,
                                             gint64              *first_id,
                                             guint               *n_imported,
                                             GError             **error);
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

typedef struct {
  char     month[8];     /* YYYY-MM */
  char    *key;
  char     currency[4];  /* the currency of the figures */
  SpMoney  paid;
  SpMoney  subsidy;      /* government subsidy */
  SpMoney  list;
  guint    n_entries;
} SpLedgerMonthlyRow;

void           sp_ledger_monthly_row_free   (SpLedgerMonthlyRow *row);

/* The one GROUP BY statement behind sp_ledger_monthly() (parameters ?1 and ?2
 * are the first and last month, inclusive).  The benchmark runs the same
 * text through the sqlite3 program. */
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
