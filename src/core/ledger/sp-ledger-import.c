/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-import.c — the ledger's CSV: import (all or nothing, no
 * duplicates, a bulk import rebuilds the indexes) and export. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-ledger-private.h"

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
      stmt = sp_ledger_get_stmt (ctx->self, STMT_FIND_UID, error);
      if (stmt == NULL)
        return FALSE;
      sp_ledger_bind_text (stmt, 1, e->uid);
      rc = sqlite3_step (stmt);
      *present = rc == SQLITE_ROW;
      sp_ledger_stmt_done (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sp_ledger_set_sql_error (ctx->self, rc, error);
      return TRUE;
    }
  if (!ctx->had_entries)
    return TRUE;
  stmt = sp_ledger_get_stmt (ctx->self, STMT_COUNT_SAME, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->max_old_id);
  sqlite3_bind_text (stmt, 2, e->date, -1, SQLITE_STATIC);
  sp_ledger_bind_text (stmt, 3, e->vendor);
  sp_ledger_bind_text (stmt, 4, e->item);
  sqlite3_bind_int64 (stmt, 5, e->quantity);
  sp_ledger_bind_text (stmt, 6, e->unit);
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
  sp_ledger_stmt_done (stmt);
  if (rc != SQLITE_ROW)
    return sp_ledger_set_sql_error (ctx->self, rc, error);
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
  sp_ledger_bind_entry (ctx->insert, entry, ctx->now);
  ok = sp_ledger_run_stmt (ctx->self, ctx->insert, error);
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
  sqlite3_stmt *stmt = sp_ledger_get_stmt (self, id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sp_ledger_stmt_done (stmt);
  if (rc != SQLITE_ROW)
    return sp_ledger_set_sql_error (self, rc, error);
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
  sqlite3_stmt *stmt = sp_ledger_get_stmt (self, STMT_DELETE_ALL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sp_ledger_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return sp_ledger_set_sql_error (self, rc, error);
  for (guint i = 0; i < ids->len; i++)
    if (!sp_ledger_audit (self, "delete", g_array_index (ids, gint64, i), "restore", error))
      return FALSE;
  *n_replaced = ids->len;
  return TRUE;
}

/* The number of newline characters in @data. */
static gint64
count_lines (const char *data,
             gsize       len)
{
  gint64 n_lines = 0;

  for (const char *p = data; p != NULL && p < data + len; p++)
    {
      p = memchr (p, '\n', data + len - p);
      if (p == NULL)
        break;
      n_lines++;
    }
  return n_lines;
}

/* A bulk import (@n_lines, more than the @n_live entries) drops the month
 * index to build it once at the end (*@rebuild_index); into an empty ledger
 * the identity indexes too (*@rebuild_identity), the file's own uids then
 * checked in memory in a new *@uids. */
static gboolean
drop_indexes_for_bulk (SpLedger     *self,
                       gint64        n_lines,
                       gint64        n_live,
                       gboolean     *rebuild_index,
                       gboolean     *rebuild_identity,
                       GHashTable  **uids,
                       GError      **error)
{
  if (n_lines < BULK_IMPORT_LINES || n_lines <= n_live)
    return TRUE;
  if (!sp_ledger_exec_sql (self, "DROP INDEX ledger_entries_month", error))
    return FALSE;
  *rebuild_index = TRUE;
  /* nothing to look up in an empty ledger: the identity indexes are
   * built once at the end too, and the file's own uids are checked in
   * memory */
  if (n_live > 0)
    return TRUE;
  if (!sp_ledger_exec_sql (self, "DROP INDEX ledger_entries_uid", error) ||
      !sp_ledger_exec_sql (self, "DROP INDEX ledger_entries_identity", error))
    return FALSE;
  *rebuild_identity = TRUE;
  *uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

/* Builds again the indexes drop_indexes_for_bulk() dropped. */
static gboolean
rebuild_indexes (SpLedger  *self,
                 gboolean   rebuild_index,
                 gboolean   rebuild_identity,
                 GError   **error)
{
  if (rebuild_index && !sp_ledger_exec_sql (self, MONTH_INDEX_SQL, error))
    return FALSE;
  return !rebuild_identity || (sp_ledger_exec_sql (self, UID_INDEX_SQL, error) &&
                               sp_ledger_exec_sql (self, IDENTITY_INDEX_SQL, error));
}

/* The audit line of an import that added or replaced entries. */
static gboolean
audit_import (SpLedger             *self,
              const ImportContext  *ctx,
              guint                 n_replaced,
              GError              **error)
{
  g_autofree char *detail = NULL;

  if (ctx->n == 0 && n_replaced == 0)
    return TRUE;
  detail = g_strdup_printf ("%u entries, ids %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                            "; %u already present; %u replaced",
                            ctx->n, ctx->first_id, ctx->last_id, ctx->n_present, n_replaced);
  return sp_ledger_audit (self, "import", 0, detail, error);
}

/* One all-or-nothing transaction (drop and rebuild the indexes of a bulk
 * import, replace or add, audit) with one rollback path. */
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
  g_autoptr(GHashTable) uids = NULL;
  ImportContext ctx = { self, NULL, sp_ledger_now_seconds (), 0, 0, 0, FALSE, seen, NULL, 0, 0 };
  gboolean rebuild_identity = FALSE;
  gboolean rebuild_index = FALSE;
  gint64 n_lines = count_lines (data, len);
  gint64 n_live = 0;
  guint n_replaced = 0;

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!sp_ledger_run_simple (self, STMT_BEGIN, error))
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
  if (!drop_indexes_for_bulk (self, n_lines, n_live, &rebuild_index, &rebuild_identity, &uids, error))
    goto fail;
  ctx.uids = uids;
  ctx.insert = sp_ledger_get_stmt (self, STMT_INSERT, error);
  if (ctx.insert == NULL ||
      !sp_ledger_csv_read (data, len, 0, import_row, &ctx, &report, error))
    goto fail;
  if (report->n_errors > 0)
    goto bad_rows;
  if (!rebuild_indexes (self, rebuild_index, rebuild_identity, error))
    goto fail;
  if (!audit_import (self, &ctx, n_replaced, error))
    goto fail;
  if ((flags & SP_LEDGER_IMPORT_DRY_RUN) != 0)
    sp_ledger_rollback (self);
  else if (!sp_ledger_commit (self, error))
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
  sp_ledger_rollback (self);
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

  stmt = sp_ledger_get_stmt (self, STMT_LIST, error);
  if (stmt == NULL)
    return NULL;
  out = g_string_new (NULL);
  sp_ledger_csv_append_header (out);
  sp_ledger_bind_text (stmt, 1, FIRST_MONTH);
  sp_ledger_bind_text (stmt, 2, LAST_MONTH);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SpLedgerEntry) e = sp_ledger_load_entry (stmt);

      sp_ledger_csv_append_entry (out, e);
    }
  if (!sp_ledger_stmt_end (self, stmt, rc, error))
    return NULL;
  if (len != NULL)
    *len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
