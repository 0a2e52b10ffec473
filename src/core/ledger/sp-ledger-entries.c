/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-entries.c — the entries: add, edit, soft delete and undo,
 * get, list, count, and the entries a purchase writes on the store's
 * connection (sp_ledger_insert_on(), sp_ledger_void_purchase_on()). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-ledger-private.h"

/* The fields stored as they are, bound by sp_ledger_bind_entry() and read
 * back by sp_ledger_load_entry() from these two lists (parameter numbers
 * equal column numbers); the others are written out below. */
static const struct { int param; gsize offset; } text_fields[] = {
  { P_VENDOR, G_STRUCT_OFFSET (SpLedgerEntry, vendor) },
  { P_ITEM, G_STRUCT_OFFSET (SpLedgerEntry, item) },
  { P_OFFER_SOURCE, G_STRUCT_OFFSET (SpLedgerEntry, offer_source) },
  { P_OFFER_ID, G_STRUCT_OFFSET (SpLedgerEntry, offer_id) },
  { P_UNIT, G_STRUCT_OFFSET (SpLedgerEntry, unit) },
}, amount_fields[] = {
  { P_QUANTITY, G_STRUCT_OFFSET (SpLedgerEntry, quantity) },
  { P_LIST_AMOUNT, G_STRUCT_OFFSET (SpLedgerEntry, list_amount) },
  { P_PLATFORM_DISCOUNT, G_STRUCT_OFFSET (SpLedgerEntry, platform_discount) },
  { P_SUBSIDY, G_STRUCT_OFFSET (SpLedgerEntry, subsidy) },
  { P_PREPAID, G_STRUCT_OFFSET (SpLedgerEntry, prepaid) },
  { P_PAID, G_STRUCT_OFFSET (SpLedgerEntry, paid) },
  { P_RATE_USD_CNY, G_STRUCT_OFFSET (SpLedgerEntry, rate_usd_cny) },
  { P_REIMBURSED_LATER, G_STRUCT_OFFSET (SpLedgerEntry, reimbursed_later) },
};

void
sp_ledger_bind_entry (sqlite3_stmt        *stmt,
                      const SpLedgerEntry *e,
                      gint64               now)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    sp_ledger_bind_text (stmt, text_fields[i].param,
                         G_STRUCT_MEMBER (const char *, e, text_fields[i].offset));
  for (guint i = 0; i < G_N_ELEMENTS (amount_fields); i++)
    sqlite3_bind_int64 (stmt, amount_fields[i].param,
                        G_STRUCT_MEMBER (SpMoney, e, amount_fields[i].offset));
  sqlite3_bind_text (stmt, P_DATE, e->date, 10, SQLITE_STATIC);
  sqlite3_bind_text (stmt, P_MONTH, e->date, 7, SQLITE_STATIC);
  sqlite3_bind_text (stmt, P_KIND, sp_ledger_kind_to_string (e->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, P_CURRENCY, e->currency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, P_RATE_DATE, e->rate_date, -1, SQLITE_STATIC);
  sp_ledger_bind_text (stmt, P_CATEGORY, e->category != NULL ? e->category : "");
  sqlite3_bind_text (stmt, P_FAPIAO, sp_ledger_fapiao_to_string (e->fapiao), -1, SQLITE_STATIC);
  sp_ledger_bind_text (stmt, P_FAPIAO_NUMBER,
                       e->fapiao_number != NULL && *e->fapiao_number != '\0' ? e->fapiao_number : NULL);
  sp_ledger_bind_text (stmt, P_NOTE, e->note != NULL ? e->note : "");
  sqlite3_bind_int (stmt, P_REFUND, e->refund ? 1 : 0);
  if (e->purchase_id > 0)
    sqlite3_bind_int64 (stmt, P_PURCHASE_ID, e->purchase_id);
  else
    sqlite3_bind_null (stmt, P_PURCHASE_ID);
  if (e->uid != NULL)
    sqlite3_bind_text (stmt, P_UID, e->uid, -1, SQLITE_STATIC);
  else
    {
      /* a new identity: 128 random bits as 32 lower-case hex digits (as
       * migration 3 gives the entries it finds) */
      char uid[33];

      sp_ledger_new_uid (uid);
      sqlite3_bind_text (stmt, P_UID, uid, 32, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, P_CREATED_AT, now);
  sqlite3_bind_int64 (stmt, P_UPDATED_AT, now);
}

char *
sp_ledger_column_dup (sqlite3_stmt *stmt,
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
SpLedgerEntry *
sp_ledger_load_entry (sqlite3_stmt *stmt)
{
  SpLedgerEntry *e = sp_ledger_entry_new ();
  const char *kind = (const char *) sqlite3_column_text (stmt, P_KIND);
  const char *fapiao = (const char *) sqlite3_column_text (stmt, P_FAPIAO);

  e->id = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    G_STRUCT_MEMBER (char *, e, text_fields[i].offset) =
      sp_ledger_column_dup (stmt, text_fields[i].param);
  for (guint i = 0; i < G_N_ELEMENTS (amount_fields); i++)
    G_STRUCT_MEMBER (SpMoney, e, amount_fields[i].offset) =
      sqlite3_column_int64 (stmt, amount_fields[i].param);
  column_copy (stmt, P_DATE, e->date, sizeof e->date);
  if (!sp_ledger_kind_from_string (kind, &e->kind))
    e->kind = SP_LEDGER_KIND_OTHER;
  column_copy (stmt, P_CURRENCY, e->currency, sizeof e->currency);
  column_copy (stmt, P_RATE_DATE, e->rate_date, sizeof e->rate_date);
  e->category = sp_ledger_column_dup (stmt, P_CATEGORY);
  if (!sp_ledger_fapiao_from_string (fapiao, &e->fapiao))
    e->fapiao = SP_LEDGER_FAPIAO_NONE;
  e->fapiao_number = sp_ledger_column_dup (stmt, P_FAPIAO_NUMBER);
  e->note = sp_ledger_column_dup (stmt, P_NOTE);
  e->refund = sqlite3_column_int (stmt, P_REFUND) != 0;
  e->purchase_id = sqlite3_column_int64 (stmt, P_PURCHASE_ID);
  e->uid = sp_ledger_column_dup (stmt, P_UID);
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
  sqlite3_stmt *stmt = sp_ledger_conn_stmt (conn, STMT_AUDIT, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sp_ledger_now_seconds ());
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  if (entry_id > 0)
    sqlite3_bind_int64 (stmt, 3, entry_id);
  else
    sqlite3_bind_null (stmt, 3);
  sp_ledger_bind_text (stmt, 4, detail);
  return sp_ledger_conn_run (conn->db, stmt, error);
}

gboolean
sp_ledger_audit (SpLedger    *self,
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
  sqlite3_stmt *stmt = sp_ledger_conn_stmt (conn, STMT_INSERT, error);
  g_autofree char *detail = NULL;
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  sp_ledger_bind_entry (stmt, entry, now);
  if (!sp_ledger_conn_run (conn->db, stmt, error))
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
  if (own_transaction && !sp_ledger_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = insert_entry (&conn, copy, sp_ledger_now_seconds (), &id, error);
  sp_ledger_conn_clear (&conn);
  if (own_transaction)
    {
      if (ok)
        ok = sp_ledger_db_exec (db, "COMMIT", error);
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

  stmt = sp_ledger_conn_stmt (&conn, STMT_VOID_PURCHASE, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, purchase_id);
  sqlite3_bind_int64 (stmt, 2, sp_ledger_now_seconds ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      sp_ledger_sql_error (db, rc, error);
      sp_ledger_stmt_done (stmt);
      goto out;
    }
  sp_ledger_stmt_done (stmt);
  detail = g_strdup_printf ("purchase %" G_GINT64_FORMAT " voided", purchase_id);
  for (guint i = 0; i < ids->len; i++)
    if (!conn_audit (&conn, "delete", g_array_index (ids, gint64, i), detail, error))
      goto out;
  if (n_voided != NULL)
    *n_voided = ids->len;
  ok = TRUE;

out:
  sp_ledger_conn_clear (&conn);
  return ok;
}

gint64
sp_ledger_add (SpLedger       *self,
               SpLedgerEntry  *entry,
               GError        **error)
{
  Conn conn = { self->db, self->stmts };
  gint64 now = sp_ledger_now_seconds ();
  gint64 id = 0;

  g_return_val_if_fail (SP_IS_LEDGER (self), 0);
  g_return_val_if_fail (entry != NULL, 0);

  if (!prepare_entry (self, entry, error))
    return 0;
  if (!sp_ledger_run_simple (self, STMT_BEGIN, error))
    return 0;
  if (!insert_entry (&conn, entry, now, &id, error) || !sp_ledger_commit (self, error))
    goto fail;
  entry->id = id;
  entry->created_at = now;
  entry->updated_at = now;
  return id;

fail:
  sp_ledger_rollback (self);
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
  gint64 now = sp_ledger_now_seconds ();

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!prepare_entry (self, entry, error))
    return FALSE;
  if (!sp_ledger_run_simple (self, STMT_BEGIN, error))
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
  stmt = sp_ledger_get_stmt (self, STMT_UPDATE, error);
  if (stmt == NULL)
    goto fail;
  sp_ledger_bind_entry (stmt, entry, now);
  sqlite3_bind_int64 (stmt, P_ID, entry->id);
  if (!sp_ledger_run_stmt (self, stmt, error) ||
      !sp_ledger_audit (self, "edit", entry->id, snapshot, error) ||
      !sp_ledger_commit (self, error))
    goto fail;
  entry->created_at = old->created_at;
  entry->updated_at = now;
  return TRUE;

fail:
  sp_ledger_rollback (self);
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

  if (!sp_ledger_run_simple (self, STMT_BEGIN, error))
    return FALSE;
  old = sp_ledger_get (self, id, error);
  if (old == NULL)
    goto fail;
  snapshot = entry_snapshot (old);
  stmt = sp_ledger_get_stmt (self, STMT_DELETE, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, sp_ledger_now_seconds ());
  if (!sp_ledger_run_stmt (self, stmt, error) ||
      !sp_ledger_audit (self, "delete", id, snapshot, error) ||
      !sp_ledger_commit (self, error))
    goto fail;
  return TRUE;

fail:
  sp_ledger_rollback (self);
  return FALSE;
}

/* Refuses to bring entry @id back: @message is a translated format whose
 * two %s are @id and @other (a purchase or another entry).  Returns FALSE. */
static gboolean
undo_refused (GError     **error,
              const char  *message,
              gint64       id,
              gint64       other)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *other_text = g_strdup_printf ("%" G_GINT64_FORMAT, other);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID, message, id_text, other_text);
#pragma GCC diagnostic pop
  return FALSE;
}

/* The deleted entry to bring back: @id, or the last deleted one when @id is
 * 0, in *@out; FALSE when it is not deleted or was a voided purchase's. */
static gboolean
undo_find_deleted (SpLedger  *self,
                   gint64     id,
                   gint64    *out,
                   GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = sp_ledger_get_stmt (self, id > 0 ? STMT_IS_DELETED : STMT_LAST_DELETED, error);
  if (stmt == NULL)
    return FALSE;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && id > 0 && sqlite3_column_int (stmt, 1) != 0)
    {
      undo_refused (error, _("Entry %s cannot be brought back: purchase %s was voided. "
                             "Record the purchase again instead."),
                    id, sqlite3_column_int64 (stmt, 2));
      sp_ledger_stmt_done (stmt);
      return FALSE;
    }
  if (rc == SQLITE_ROW && (id > 0 ? sqlite3_column_int (stmt, 0) != 0 : TRUE))
    {
      *out = id > 0 ? id : sqlite3_column_int64 (stmt, 0);
      sp_ledger_stmt_done (stmt);
      return TRUE;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    sp_ledger_set_sql_error (self, rc, error);
  else if (id > 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND,
                   _("Entry %s is not deleted"), id_text);
    }
  else
    g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND,
                         _("There is no deleted entry to bring back"));
  sp_ledger_stmt_done (stmt);
  return FALSE;
}

/* FALSE when the same purchase came back meanwhile (an import of a
 * backup) as another entry. */
static gboolean
undo_uid_free (SpLedger  *self,
               gint64     id,
               GError   **error)
{
  sqlite3_stmt *stmt = sp_ledger_get_stmt (self, STMT_UID_TAKEN, error);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  if (taken)
    undo_refused (error, _("Entry %s cannot be brought back: the same purchase is already "
                           "in the ledger as entry %s"),
                  id, sqlite3_column_int64 (stmt, 0));
  sp_ledger_stmt_done (stmt);
  return !taken;
}

/* One transaction checks the entry can come back (not a voided purchase's,
 * its uid free), restores it and audits it, with one rollback path. */
gint64
sp_ledger_undo_delete (SpLedger  *self,
                       gint64     id,
                       GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_LEDGER (self), 0);

  if (!sp_ledger_run_simple (self, STMT_BEGIN, error))
    return 0;
  if (!undo_find_deleted (self, id, &id, error) || !undo_uid_free (self, id, error))
    goto fail;

  stmt = sp_ledger_get_stmt (self, STMT_UNDELETE, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!sp_ledger_run_stmt (self, stmt, error) ||
      !sp_ledger_audit (self, "undo", id, NULL, error) ||
      !sp_ledger_commit (self, error))
    goto fail;
  return id;

fail:
  sp_ledger_rollback (self);
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

  stmt = sp_ledger_get_stmt (self, STMT_GET, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = sp_ledger_load_entry (stmt);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND,
                   _("There is no entry %s"), id_text);
    }
  else
    sp_ledger_set_sql_error (self, rc, error);
  sp_ledger_stmt_done (stmt);
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

  if (!sp_ledger_check_months (from_month, to_month, error))
    return NULL;
  stmt = sp_ledger_get_stmt (self, STMT_LIST, error);
  if (stmt == NULL)
    return NULL;
  sp_ledger_month_range (from_month, to_month, &from, &to);
  sp_ledger_bind_text (stmt, 1, from);
  sp_ledger_bind_text (stmt, 2, to);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, sp_ledger_load_entry (stmt));
  if (!sp_ledger_stmt_end (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&entries);
}

gint64
sp_ledger_count (SpLedger *self)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (SP_IS_LEDGER (self), -1);

  stmt = sp_ledger_get_stmt (self, STMT_COUNT, NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sp_ledger_stmt_done (stmt);
  return n;
}
