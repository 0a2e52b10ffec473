/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store-purchases.c — recording a purchase (draws, claims and
 * its ledger entry in one transaction) and voiding it; listing purchases. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-store-private.h"
#include "sp-wallet-store.h"
#include "sp-wallet-store-private.h"

/* -------------------------------------------------------- public: purchases */

/* The first voucher the user named that the engine refused, as an error. */
static gboolean
check_named_refusals (SpBreakdown  *breakdown,
                      GError      **error)
{
  const SpBreakdownRefusal *r;

  if (sp_breakdown_get_n_refusals (breakdown) == 0)
    return TRUE;
  r = sp_breakdown_get_refusal (breakdown, 0);
  g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_REFUSED,
               _("Voucher “%s” cannot be used: %s"), r->code, r->message);
  return FALSE;
}

/* Runs @sql, an UPDATE of voucher ?1's balance by ?2 ending in "RETURNING
 * balance", for @code and @amount: *@found says whether a voucher row
 * matched, *@after is its new balance (else SP_MONEY_UNKNOWN). */
static gboolean
update_balance (sqlite3     *db,
                const char  *sql,
                const char  *code,
                SpMoney      amount,
                gboolean    *found,
                SpMoney     *after,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) upd = sp_wallet_store_prepare (db, sql, error);
  int rc;

  *found = FALSE;
  *after = SP_MONEY_UNKNOWN;
  if (upd == NULL)
    return FALSE;
  sp_wallet_store_bind_text_copy (upd, 1, code);
  sqlite3_bind_int64 (upd, 2, amount);
  rc = sqlite3_step (upd);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      *after = sqlite3_column_int64 (upd, 0);
      return sp_wallet_store_step_done (db, upd, error);
    }
  if (rc != SQLITE_DONE)
    return sp_wallet_store_db_error (db, rc, error);
  return TRUE;
}

/* Marks the single-use discount @code used (once: a second use is a
 * conflict), audited as "use". */
static gboolean
mark_used (sqlite3     *db,
           const char  *code,
           gint64       purchase_id,
           gint64       now,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) upd =
    sp_wallet_store_prepare (db, "UPDATE vouchers SET used = 1 WHERE code = ?1 AND used = 0", error);

  if (upd == NULL)
    return FALSE;
  sp_wallet_store_bind_text_copy (upd, 1, code);
  if (!sp_wallet_store_step_done (db, upd, error))
    return FALSE;
  if (sqlite3_changes (db) != 1)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_CONFLICT,
                   _("Voucher “%s” can be used once and has already been used"), code);
      return FALSE;
    }
  return sp_wallet_store_audit (db, now, code, "use", 0, SP_MONEY_UNKNOWN, purchase_id, error);
}

/* Draws @drawn from the balance of @code with a guarded UPDATE (a balance
 * that no longer covers it is a conflict), audited as "draw". */
static gboolean
draw_balance (sqlite3     *db,
              const char  *code,
              SpMoney      drawn,
              gint64       purchase_id,
              gint64       now,
              GError     **error)
{
  gboolean found;
  SpMoney after;

  if (!update_balance (db, "UPDATE vouchers SET balance = balance - ?2 "
                           "WHERE code = ?1 AND balance >= ?2 RETURNING balance",
                       code, drawn, &found, &after, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_CONFLICT,
                   _("The balance of voucher “%s” no longer covers this purchase"), code);
      return FALSE;
    }
  return sp_wallet_store_audit (db, now, code, "draw", -drawn, after, purchase_id, error);
}

/* Draws one line's balance (or marks a single-use discount used) with a
 * guarded UPDATE, audits it and writes the purchase_vouchers row. */
static gboolean
apply_line (sqlite3                *db,
            SpWallet               *wallet,
            const SpBreakdownLine  *line,
            guint                   position,
            gint64                  purchase_id,
            gint64                  now,
            GError                **error)
{
  SpVoucher *v = sp_wallet_lookup_voucher (wallet, line->code);
  g_autoptr(sqlite3_stmt) ins = NULL;
  SpMoney drawn = 0;
  gboolean marked_used = FALSE;

  if (v == NULL)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_CONFLICT,
                   _("Voucher “%s” is no longer in the wallet"), line->code);
      return FALSE;
    }

  if (line->kind == SP_VOUCHER_DISCOUNT)
    {
      marked_used = sp_voucher_get_single_use (v);
      if (marked_used && !mark_used (db, line->code, purchase_id, now, error))
        return FALSE;
    }
  else
    {
      drawn = line->quantity != SP_MONEY_UNKNOWN ? line->quantity : line->amount;
      if (!draw_balance (db, line->code, drawn, purchase_id, now, error))
        return FALSE;
    }

  ins = sp_wallet_store_prepare (db, "INSERT INTO purchase_vouchers (purchase_id, position, code, kind, "
                                     "programme, amount, quantity, drawn, marked_used, reimbursed_later) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, purchase_id);
  sqlite3_bind_int (ins, 2, (int) position);
  sp_wallet_store_bind_text_copy (ins, 3, line->code);
  sp_wallet_store_bind_text_copy (ins, 4, sp_voucher_kind_to_string (line->kind));
  sp_wallet_store_bind_text_copy (ins, 5, line->kind == SP_VOUCHER_GOVERNMENT ? line->programme_id : NULL);
  sqlite3_bind_int64 (ins, 6, line->amount);
  bind_money (ins, 7, line->quantity);
  sqlite3_bind_int64 (ins, 8, drawn);
  sqlite3_bind_int (ins, 9, marked_used);
  sqlite3_bind_int (ins, 10, line->reimbursed_later);
  return sp_wallet_store_step_done (db, ins, error);
}

/* One pending claim per programme that pays after settlement. */
static gboolean
write_claims (sqlite3      *db,
              SpBreakdown  *breakdown,
              gint64        purchase_id,
              gint64        now,
              GError      **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  for (guint i = 0; i < sp_breakdown_get_n_lines (breakdown); i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (breakdown, i);
      g_autoptr(GString) codes = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      SpMoney expected = 0;

      if (line->kind != SP_VOUCHER_GOVERNMENT || !line->reimbursed_later ||
          line->programme_id == NULL ||
          g_ptr_array_find_with_equal_func (done, line->programme_id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (done, line->programme_id);
      codes = g_string_new (NULL);
      for (guint j = i; j < sp_breakdown_get_n_lines (breakdown); j++)
        {
          const SpBreakdownLine *other = sp_breakdown_get_line (breakdown, j);

          if (other->kind != SP_VOUCHER_GOVERNMENT || !other->reimbursed_later ||
              g_strcmp0 (other->programme_id, line->programme_id) != 0)
            continue;
          if (codes->len > 0)
            g_string_append (codes, ", ");
          g_string_append (codes, other->code);
          expected += other->amount;
        }
      stmt = sp_wallet_store_prepare (db, "INSERT INTO claims (purchase_id, programme, voucher_code, expected, "
                                          "currency, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6)",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, purchase_id);
      sp_wallet_store_bind_text_copy (stmt, 2, line->programme_id);
      sp_wallet_store_bind_text_copy (stmt, 3, codes->str);
      sqlite3_bind_int64 (stmt, 4, expected);
      sp_wallet_store_bind_text_copy (stmt, 5, sp_breakdown_get_currency (breakdown));
      sqlite3_bind_int64 (stmt, 6, now);
      if (!sp_wallet_store_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static SpLedgerKind
ledger_kind (SpItemKind kind)
{
  switch (kind)
    {
    case SP_ITEM_GPU:
    case SP_ITEM_NPU:
    case SP_ITEM_TPU:
      return SP_LEDGER_KIND_GPU;
    case SP_ITEM_CPU:
      return SP_LEDGER_KIND_CPU;
    case SP_ITEM_TOKENS:
      return SP_LEDGER_KIND_TOKENS;
    case SP_ITEM_STORAGE:
    case SP_ITEM_NETWORK:
    default:
      return SP_LEDGER_KIND_OTHER;
    }
}

/* The CNY-per-USD rate the ledger entry records: the caller's, else the
 * purchase's own conversion, else the ledger's default. */
static SpMoney
ledger_rate (const SpPurchaseRequest *request,
             SpBreakdown             *breakdown)
{
  const char *paid = sp_breakdown_get_currency (breakdown);
  const char *list = sp_breakdown_get_list_currency (breakdown);
  SpMoney rate = sp_breakdown_get_exchange_rate (breakdown);
  SpMoney inverse;

  if (request->usd_cny > 0)
    return request->usd_cny;
  if (g_strcmp0 (list, "USD") == 0 && g_strcmp0 (paid, "CNY") == 0 && rate > 0)
    return rate;
  /* micro-dollars per yuan back to yuan per dollar, rounded once */
  if (g_strcmp0 (list, "CNY") == 0 && g_strcmp0 (paid, "USD") == 0 && rate > 0 &&
      sp_money_muldiv (SP_MONEY_SCALE, SP_MONEY_SCALE, rate, SP_ROUND_HALF_UP, &inverse) &&
      inverse > 0)
    return inverse;
  return SP_LEDGER_DEFAULT_USD_CNY;
}

/* The purchase's spending-ledger entry, on the purchase's connection and
 * in its transaction (docs/vouchers.md, "The ledger entry"). */
static gboolean
write_ledger_entry (sqlite3                  *db,
                    SpPurchase               *purchase,
                    const SpPurchaseRequest  *request,
                    SpBreakdown              *breakdown,
                    gint64                    id,
                    GError                  **error)
{
  g_autofree char *date = sp_date_to_iso (sp_purchase_get_date (purchase));
  SpItemKind kind = sp_purchase_get_item_kind (purchase);
  const char *unit = sp_item_kind_unit (kind);
  const char *vendor = sp_purchase_get_vendor (purchase);
  SpMoney quantity = sp_purchase_get_quantity (purchase);
  SpMoney later = sp_breakdown_get_reimbursed_later (breakdown);
  SpLedgerEntry e;

  sp_ledger_entry_init (&e);
  /* the strings are borrowed: @e is never freed */
  g_strlcpy (e.date, date, sizeof e.date);
  e.vendor = (char *) (vendor != NULL && *vendor != '\0' ? vendor : "unknown");
  e.item = (char *) (request->description != NULL && *request->description != '\0'
                       ? request->description
                       : request->offer_id != NULL && *request->offer_id != '\0'
                         ? request->offer_id : sp_item_kind_to_string (kind));
  e.offer_source = (char *) request->offer_source;
  e.offer_id = (char *) request->offer_id;
  e.kind = ledger_kind (kind);
  e.quantity = quantity != SP_MONEY_UNKNOWN ? quantity : 0;
  e.unit = (char *) (unit != NULL ? unit : sp_item_kind_to_string (kind));
  e.list_amount = sp_breakdown_get_list (breakdown);
  e.platform_discount = sp_breakdown_get_platform (breakdown);
  e.prepaid = sp_breakdown_get_prepaid (breakdown);
  /* paid is the company's cash now; the government money it advances
   * (reimbursed later) is part of paid, the rest of the government money
   * is subsidy — so list = paid + subsidy + platform + prepaid */
  e.paid = sp_breakdown_get_company_cash (breakdown);
  e.subsidy = sp_breakdown_get_government (breakdown) - later;
  e.reimbursed_later = later;
  g_strlcpy (e.currency, sp_breakdown_get_currency (breakdown), sizeof e.currency);
  e.rate_usd_cny = ledger_rate (request, breakdown);
  g_strlcpy (e.rate_date,
             request->rate_date != NULL && sp_ledger_date_valid (request->rate_date)
               ? request->rate_date : date,
             sizeof e.rate_date);
  e.category = (char *) (request->category != NULL
                           ? request->category
                           : sp_category_to_string (sp_purchase_get_category (purchase)));
  e.purchase_id = id;
  return sp_ledger_insert_on (db, &e, NULL, error);
}

/* The breakdown of @purchase against @wallet: the engine's proposal, or the
 * vouchers @request names (each must exist and be usable). */
static SpBreakdown *
record_breakdown (SpWallet                 *wallet,
                  SpPurchase               *purchase,
                  const SpPurchaseRequest  *request,
                  GError                  **error)
{
  g_autoptr(SpBreakdown) breakdown = NULL;

  if (request->codes == NULL)
    return sp_wallet_propose (wallet, purchase, error);
  for (guint i = 0; request->codes[i] != NULL; i++)
    if (sp_wallet_lookup_voucher (wallet, request->codes[i]) == NULL)
      {
        g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                     _("There is no voucher “%s” in the wallet"), request->codes[i]);
        return NULL;
      }
  breakdown = sp_wallet_evaluate (wallet, purchase, request->codes, error);
  if (breakdown != NULL && !check_named_refusals (breakdown, error))
    return NULL;
  return g_steal_pointer (&breakdown);
}

/* Inserts the purchases row (its breakdown JSON written later); its id in
 * *@id. */
static gboolean
insert_purchase_row (sqlite3                  *db,
                     SpPurchase               *purchase,
                     const SpPurchaseRequest  *request,
                     SpBreakdown              *breakdown,
                     const char               *date,
                     gint64                    now,
                     gint64                   *id,
                     GError                  **error)
{
  g_autoptr(sqlite3_stmt) ins =
    sp_wallet_store_prepare (db, "INSERT INTO purchases (recorded_at, offer_source, offer_id, description, "
                                 "vendor, item_kind, category, quantity, date, currency, list_currency, "
                                 "exchange_rate, rate_date, list_original, list, platform, prepaid, "
                                 "government, company_cash, reimbursed_later, net, breakdown) VALUES "
                                 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                                 "?17, ?18, ?19, ?20, ?21, '{}')", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, now);
  sp_wallet_store_bind_text_copy (ins, 2, request->offer_source);
  sp_wallet_store_bind_text_copy (ins, 3, request->offer_id);
  sp_wallet_store_bind_text_copy (ins, 4, request->description);
  sp_wallet_store_bind_text_copy (ins, 5, sp_purchase_get_vendor (purchase));
  sp_wallet_store_bind_text_copy (ins, 6, sp_item_kind_to_string (sp_purchase_get_item_kind (purchase)));
  sp_wallet_store_bind_text_copy (ins, 7, sp_category_to_string (sp_purchase_get_category (purchase)));
  bind_money (ins, 8, sp_purchase_get_quantity (purchase));
  sp_wallet_store_bind_text_copy (ins, 9, date);
  sp_wallet_store_bind_text_copy (ins, 10, sp_breakdown_get_currency (breakdown));
  sp_wallet_store_bind_text_copy (ins, 11, sp_breakdown_get_list_currency (breakdown));
  sqlite3_bind_int64 (ins, 12, sp_breakdown_get_exchange_rate (breakdown));
  sp_wallet_store_bind_text_copy (ins, 13, request->rate_date);
  sqlite3_bind_int64 (ins, 14, sp_breakdown_get_list_original (breakdown));
  sqlite3_bind_int64 (ins, 15, sp_breakdown_get_list (breakdown));
  sqlite3_bind_int64 (ins, 16, sp_breakdown_get_platform (breakdown));
  sqlite3_bind_int64 (ins, 17, sp_breakdown_get_prepaid (breakdown));
  sqlite3_bind_int64 (ins, 18, sp_breakdown_get_government (breakdown));
  sqlite3_bind_int64 (ins, 19, sp_breakdown_get_company_cash (breakdown));
  sqlite3_bind_int64 (ins, 20, sp_breakdown_get_reimbursed_later (breakdown));
  sqlite3_bind_int64 (ins, 21, sp_breakdown_get_net (breakdown));
  if (!sp_wallet_store_step_done (db, ins, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* Writes @breakdown as purchase @id's JSON. */
static gboolean
save_breakdown_json (sqlite3      *db,
                     SpBreakdown  *breakdown,
                     gint64        id,
                     GError      **error)
{
  g_autoptr(JsonNode) json = sp_breakdown_to_json_node (breakdown, id);
  g_autofree char *json_text = json_to_string (json, FALSE);
  g_autoptr(sqlite3_stmt) upd = sp_wallet_store_prepare (db, "UPDATE purchases SET breakdown = ?2 WHERE id = ?1", error);

  if (upd == NULL)
    return FALSE;
  sqlite3_bind_int64 (upd, 1, id);
  sp_wallet_store_bind_text_copy (upd, 2, json_text);
  return sp_wallet_store_step_done (db, upd, error);
}

/* One BEGIN IMMEDIATE transaction re-reads the wallet, runs the engine,
 * draws every line, writes the purchase, its claims and its ledger row;
 * every step exits through the one rollback. */
SpBreakdown *
sp_store_record_purchase (SpStore                  *self,
                          SpPurchase               *purchase,
                          const SpPurchaseRequest  *request,
                          gint64                   *purchase_id,
                          GError                  **error)
{
  static const SpPurchaseRequest empty_request = { 0 };
  sqlite3 *db;
  g_autoptr(SpWallet) wallet = NULL;
  g_autoptr(SpBreakdown) breakdown = NULL;
  g_autofree char *date = NULL;
  gint64 now, id;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), NULL);

  if (request == NULL)
    request = &empty_request;
  db = sp_store_get_db (self);
  now = sp_wallet_store_now_or (request->now);
  if (sp_purchase_get_date (purchase) == 0)
    {
      g_set_error_literal (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID,
                           _("The purchase has no date"));
      return NULL;
    }
  date = sp_date_to_iso (sp_purchase_get_date (purchase));

  if (!sp_wallet_store_begin (db, error))
    return NULL;
  /* read the wallet inside the write lock: what another process committed
   * before us is seen, and nobody can change it until we commit */
  wallet = sp_wallet_store_load_wallet (db, sp_purchase_get_date (purchase), error);
  if (wallet == NULL)
    goto fail;
  breakdown = record_breakdown (wallet, purchase, request, error);
  if (breakdown == NULL ||
      !insert_purchase_row (db, purchase, request, breakdown, date, now, &id, error))
    goto fail;

  for (guint i = 0; i < sp_breakdown_get_n_lines (breakdown); i++)
    if (!apply_line (db, wallet, sp_breakdown_get_line (breakdown, i), i, id, now, error))
      goto fail;
  if (!write_claims (db, breakdown, id, now, error) ||
      !write_ledger_entry (db, purchase, request, breakdown, id, error) ||
      !save_breakdown_json (db, breakdown, id, error) ||
      !sp_wallet_store_commit (db, error))
    goto fail;

  if (purchase_id != NULL)
    *purchase_id = id;
  return g_steal_pointer (&breakdown);

fail:
  sp_wallet_store_rollback (db);
  return NULL;
}

/* FALSE with the error when there is no purchase @purchase_id or it is
 * already voided. */
static gboolean
void_check_purchase (sqlite3  *db,
                     gint64    purchase_id,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) sel =
    sp_wallet_store_prepare (db, "SELECT voided_at FROM purchases WHERE id = ?1", error);
  g_autofree char *pid = NULL;
  int rc;

  if (sel == NULL)
    return FALSE;
  sqlite3_bind_int64 (sel, 1, purchase_id);
  rc = sqlite3_step (sel);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sp_wallet_store_db_error (db, rc, error);
  if (rc == SQLITE_ROW && sqlite3_column_type (sel, 0) == SQLITE_NULL)
    return TRUE;
  pid = sp_wallet_store_id_text (purchase_id);
  if (rc == SQLITE_DONE)
    g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                 _("There is no purchase %s"), pid);
  else
    g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_VOIDED,
                 _("Purchase %s is already voided"), pid);
  return FALSE;
}

/* Gives @drawn back to voucher @code (a voucher removed since is left
 * removed; the trail says so), audited as "restore". */
static gboolean
void_give_back (sqlite3     *db,
                gint64       now,
                const char  *code,
                SpMoney      drawn,
                gint64       purchase_id,
                GError     **error)
{
  gboolean found;
  SpMoney after;

  return update_balance (db, "UPDATE vouchers SET balance = balance + ?2 "
                             "WHERE code = ?1 RETURNING balance",
                         code, drawn, &found, &after, error) &&
         sp_wallet_store_audit (db, now, code, "restore", drawn, after, purchase_id, error);
}

/* Marks voucher @code unused again, audited as "unuse". */
static gboolean
void_unuse (sqlite3     *db,
            gint64       now,
            const char  *code,
            gint64       purchase_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) unuse = sp_wallet_store_prepare (db, "UPDATE vouchers SET used = 0 "
                                                               "WHERE code = ?1", error);

  if (unuse == NULL)
    return FALSE;
  sp_wallet_store_bind_text_copy (unuse, 1, code);
  return sp_wallet_store_step_done (db, unuse, error) &&
         sp_wallet_store_audit (db, now, code, "unuse", 0, SP_MONEY_UNKNOWN, purchase_id, error);
}

/* Gives back every draw of @purchase_id and un-uses its single-use vouchers. */
static gboolean
void_restore_vouchers (sqlite3  *db,
                       gint64    now,
                       gint64    purchase_id,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) lines =
    sp_wallet_store_prepare (db, "SELECT code, drawn, marked_used FROM purchase_vouchers "
                                 "WHERE purchase_id = ?1 ORDER BY position", error);
  int rc;

  if (lines == NULL)
    return FALSE;
  sqlite3_bind_int64 (lines, 1, purchase_id);
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    {
      const char *code = sp_wallet_store_column_text (lines, 0);
      SpMoney drawn = sqlite3_column_int64 (lines, 1);
      gboolean marked_used = sqlite3_column_int (lines, 2) != 0;

      if (drawn > 0 && !void_give_back (db, now, code, drawn, purchase_id, error))
        return FALSE;
      if (marked_used && !void_unuse (db, now, code, purchase_id, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return sp_wallet_store_db_error (db, rc, error);
  return TRUE;
}

/* One transaction gives back every draw, cancels the claims and voids the
 * ledger entry, each step audited, with the one rollback path. */
gboolean
sp_store_void_purchase (SpStore     *self,
                        gint64       purchase_id,
                        gint64       now,
                        GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(sqlite3_stmt) cancel = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  db = sp_store_get_db (self);
  now = sp_wallet_store_now_or (now);
  if (!sp_wallet_store_begin (db, error))
    return FALSE;
  if (!void_check_purchase (db, purchase_id, error) ||
      !void_restore_vouchers (db, now, purchase_id, error))
    goto fail;

  mark = sp_wallet_store_prepare (db, "UPDATE purchases SET voided_at = ?2 WHERE id = ?1", error);
  cancel = sp_wallet_store_prepare (db, "UPDATE claims SET status = 'cancelled', updated_at = ?2 "
                                        "WHERE purchase_id = ?1", error);
  if (mark == NULL || cancel == NULL)
    goto fail;
  sqlite3_bind_int64 (mark, 1, purchase_id);
  sqlite3_bind_int64 (mark, 2, now);
  sqlite3_bind_int64 (cancel, 1, purchase_id);
  sqlite3_bind_int64 (cancel, 2, now);
  return sp_wallet_store_finish (db,
                                 sp_wallet_store_step_done (db, mark, error) &&
                                 sp_wallet_store_step_done (db, cancel, error) &&
                                 sp_ledger_void_purchase_on (db, purchase_id, NULL, error),
                                 error);

fail:
  sp_wallet_store_rollback (db);
  return FALSE;
}

static void
draw_clear (gpointer data)
{
  SpPurchaseDraw *d = data;

  g_free (d->code);
  g_free (d->programme_id);
}

void
sp_purchase_record_free (SpPurchaseRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->offer_source);
  g_free (record->offer_id);
  g_free (record->description);
  g_free (record->vendor);
  g_free (record->currency);
  g_free (record->list_currency);
  g_free (record->rate_date);
  g_clear_pointer (&record->draws, g_array_unref);
  g_free (record->breakdown_json);
  g_free (record);
}

static SpPurchaseRecord *
record_from_row (sqlite3_stmt *stmt)
{
  SpPurchaseRecord *r = g_new0 (SpPurchaseRecord, 1);
  SpItemKind kind = SP_ITEM_GPU;
  SpCategory category = SP_CATEGORY_OTHER_COMPUTE;

  r->id = sqlite3_column_int64 (stmt, PCOL_ID);
  r->recorded_at = sqlite3_column_int64 (stmt, PCOL_RECORDED_AT);
  r->voided_at = sqlite3_column_int64 (stmt, PCOL_VOIDED_AT);
  r->offer_source = column_dup (stmt, PCOL_OFFER_SOURCE);
  r->offer_id = column_dup (stmt, PCOL_OFFER_ID);
  r->description = column_dup (stmt, PCOL_DESCRIPTION);
  r->vendor = column_dup (stmt, PCOL_VENDOR);
  sp_item_kind_from_string (sp_wallet_store_column_text (stmt, PCOL_ITEM_KIND), &kind);
  sp_category_from_string (sp_wallet_store_column_text (stmt, PCOL_CATEGORY), &category);
  r->item_kind = kind;
  r->category = category;
  r->quantity = column_money (stmt, PCOL_QUANTITY);
  r->date = sp_wallet_store_column_date (stmt, PCOL_DATE);
  r->currency = column_dup (stmt, PCOL_CURRENCY);
  r->list_currency = column_dup (stmt, PCOL_LIST_CURRENCY);
  r->exchange_rate = sqlite3_column_int64 (stmt, PCOL_EXCHANGE_RATE);
  r->rate_date = column_dup (stmt, PCOL_RATE_DATE);
  r->list_original = sqlite3_column_int64 (stmt, PCOL_LIST_ORIGINAL);
  r->list = sqlite3_column_int64 (stmt, PCOL_LIST);
  r->platform = sqlite3_column_int64 (stmt, PCOL_PLATFORM);
  r->prepaid = sqlite3_column_int64 (stmt, PCOL_PREPAID);
  r->government = sqlite3_column_int64 (stmt, PCOL_GOVERNMENT);
  r->company_cash = sqlite3_column_int64 (stmt, PCOL_COMPANY_CASH);
  r->reimbursed_later = sqlite3_column_int64 (stmt, PCOL_REIMBURSED_LATER);
  r->net = sqlite3_column_int64 (stmt, PCOL_NET);
  r->breakdown_json = column_dup (stmt, PCOL_BREAKDOWN);
  r->draws = g_array_new (FALSE, TRUE, sizeof (SpPurchaseDraw));
  g_array_set_clear_func (r->draws, draw_clear);
  return r;
}

static gboolean
load_draws (sqlite3           *db,
            SpPurchaseRecord  *r,
            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    sp_wallet_store_prepare (db, "SELECT code, kind, programme, amount, quantity, reimbursed_later "
                                 "FROM purchase_vouchers WHERE purchase_id = ?1 ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpPurchaseDraw d = { 0 };
      SpVoucherKind kind = SP_VOUCHER_DISCOUNT;

      sp_voucher_kind_from_string (sp_wallet_store_column_text (stmt, 1), &kind);
      d.code = column_dup (stmt, 0);
      d.kind = kind;
      d.programme_id = column_dup (stmt, 2);
      d.amount = sqlite3_column_int64 (stmt, 3);
      d.quantity = column_money (stmt, 4);
      d.reimbursed_later = sqlite3_column_int (stmt, 5) != 0;
      g_array_append_val (r->draws, d);
    }
  if (rc != SQLITE_DONE)
    return sp_wallet_store_db_error (db, rc, error);
  return TRUE;
}

static GPtrArray *
query_purchases (SpStore     *self,
                 gint64       only_id,
                 GError     **error)
{
  sqlite3 *db = sp_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  stmt = sp_wallet_store_prepare (db, only_id > 0
                                        ? "SELECT " PURCHASE_COLUMNS " FROM purchases WHERE id = ?1"
                                        : "SELECT " PURCHASE_COLUMNS " FROM purchases ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (only_id > 0)
    sqlite3_bind_int64 (stmt, 1, only_id);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_purchase_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, record_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      sp_wallet_store_db_error (db, rc, error);
      return NULL;
    }
  for (guint i = 0; i < out->len; i++)
    if (!load_draws (db, out->pdata[i], error))
      return NULL;
  return g_steal_pointer (&out);
}

GPtrArray *
sp_store_list_purchases (SpStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return query_purchases (self, 0, error);
}

SpPurchaseRecord *
sp_store_get_purchase (SpStore     *self,
                       gint64       purchase_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (purchase_id <= 0)
    list = g_ptr_array_new ();
  else
    list = query_purchases (self, purchase_id, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_autofree char *pid = sp_wallet_store_id_text (purchase_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no purchase %s"), pid);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}
