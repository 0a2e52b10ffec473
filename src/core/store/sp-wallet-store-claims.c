/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store-claims.c — subsidy claims: their statuses, listing and
 * updating them. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-store-private.h"
#include "sp-wallet-store.h"
#include "sp-wallet-store-private.h"

static const char * const claim_status_names[] = {
  "pending", "filed", "paid", "cancelled", NULL
};

/* ----------------------------------------------------------- public: claims */

const char *
sp_claim_status_to_string (SpClaimStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (claim_status_names) - 1, NULL);
  return claim_status_names[status];
}

gboolean
sp_claim_status_from_string (const char    *str,
                             SpClaimStatus *out)
{
  for (guint i = 0; str != NULL && claim_status_names[i] != NULL; i++)
    if (g_str_equal (str, claim_status_names[i]))
      {
        *out = (SpClaimStatus) i;
        return TRUE;
      }
  return FALSE;
}

void
sp_claim_free (SpClaim *claim)
{
  if (claim == NULL)
    return;
  g_free (claim->programme_id);
  g_free (claim->voucher_code);
  g_free (claim->currency);
  g_free (claim->description);
  g_free (claim);
}

GPtrArray *
sp_store_list_claims (SpStore   *self,
                      gboolean   include_cancelled,
                      GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  db = sp_store_get_db (self);
  stmt = sp_wallet_store_prepare (db, include_cancelled
                                        ? "SELECT " CLAIM_COLUMNS " FROM claims c JOIN purchases p "
                                          "ON p.id = c.purchase_id ORDER BY c.purchase_id DESC, c.id"
                                        : "SELECT " CLAIM_COLUMNS " FROM claims c JOIN purchases p "
                                          "ON p.id = c.purchase_id WHERE c.status <> 'cancelled' "
                                          "ORDER BY c.purchase_id DESC, c.id", error);
  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_claim_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpClaim *c = g_new0 (SpClaim, 1);
      SpClaimStatus status = SP_CLAIM_PENDING;

      c->id = sqlite3_column_int64 (stmt, 0);
      c->purchase_id = sqlite3_column_int64 (stmt, 1);
      c->programme_id = column_dup (stmt, 2);
      c->voucher_code = column_dup (stmt, 3);
      c->expected = sqlite3_column_int64 (stmt, 4);
      c->currency = column_dup (stmt, 5);
      sp_claim_status_from_string (sp_wallet_store_column_text (stmt, 6), &status);
      c->status = status;
      c->evidence = (sqlite3_column_int (stmt, 7) ? SP_EVIDENCE_CONTRACT : 0) |
                    (sqlite3_column_int (stmt, 8) ? SP_EVIDENCE_SETTLEMENT : 0) |
                    (sqlite3_column_int (stmt, 9) ? SP_EVIDENCE_FAPIAO : 0);
      c->updated_at = sqlite3_column_int64 (stmt, 10);
      c->purchase_date = sp_wallet_store_column_date (stmt, 11);
      c->description = column_dup (stmt, 12);
      g_ptr_array_add (out, c);
    }
  if (rc != SQLITE_DONE)
    {
      sp_wallet_store_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
sp_store_update_claim (SpStore        *self,
                       gint64          claim_id,
                       SpClaimStatus   status,
                       SpEvidence      evidence,
                       gint64          now,
                       GError        **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (status == SP_CLAIM_CANCELLED)
    {
      g_set_error_literal (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID,
                           _("A claim is cancelled by voiding its purchase"));
      return FALSE;
    }
  if ((status == SP_CLAIM_FILED || status == SP_CLAIM_PAID) &&
      (evidence & SP_EVIDENCE_ALL) != SP_EVIDENCE_ALL)
    {
      g_set_error_literal (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID,
                           _("A claim needs the contract, the settlement statement and the "
                             "fapiao before it is filed"));
      return FALSE;
    }

  db = sp_store_get_db (self);
  if (!sp_wallet_store_begin (db, error))
    return FALSE;
  sel = sp_wallet_store_prepare (db, "SELECT status FROM claims WHERE id = ?1", error);
  if (sel == NULL)
    goto fail;
  sqlite3_bind_int64 (sel, 1, claim_id);
  rc = sqlite3_step (sel);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *cid = sp_wallet_store_id_text (claim_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no claim %s"), cid);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      sp_wallet_store_db_error (db, rc, error);
      goto fail;
    }
  if (g_strcmp0 (sp_wallet_store_column_text (sel, 0), "cancelled") == 0)
    {
      g_autofree char *cid = sp_wallet_store_id_text (claim_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_VOIDED,
                   _("Claim %s is cancelled: its purchase was voided"), cid);
      goto fail;
    }
  upd = sp_wallet_store_prepare (db, "UPDATE claims SET status = ?2, contract = ?3, settlement = ?4, "
                                     "fapiao = ?5, updated_at = ?6 WHERE id = ?1", error);
  if (upd == NULL)
    goto fail;
  sqlite3_bind_int64 (upd, 1, claim_id);
  sp_wallet_store_bind_text_copy (upd, 2, claim_status_names[status]);
  sqlite3_bind_int (upd, 3, (evidence & SP_EVIDENCE_CONTRACT) != 0);
  sqlite3_bind_int (upd, 4, (evidence & SP_EVIDENCE_SETTLEMENT) != 0);
  sqlite3_bind_int (upd, 5, (evidence & SP_EVIDENCE_FAPIAO) != 0);
  sqlite3_bind_int64 (upd, 6, sp_wallet_store_now_or (now));
  return sp_wallet_store_finish (db, sp_wallet_store_step_done (db, upd, error), error);

fail:
  sp_wallet_store_rollback (db);
  return FALSE;
}
