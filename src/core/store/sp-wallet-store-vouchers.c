/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store-vouchers.c — vouchers in the store: add, import,
 * list, remove, expiring ones, a programme's year to date, the wallet as the
 * engine sees it, and a voucher's history. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-store-private.h"
#include "sp-wallet-store.h"
#include "sp-wallet-store-private.h"

/* ---------------------------------------------------------------- vouchers */

static SpVoucher *
voucher_from_row (sqlite3_stmt *stmt)
{
  const char *code = sp_wallet_store_column_text (stmt, VCOL_CODE);
  const char *currency = sp_wallet_store_column_text (stmt, VCOL_CURRENCY);
  g_auto(GStrv) vendors = sp_wallet_store_strv_from_json (sp_wallet_store_column_text (stmt, VCOL_VENDORS));
  SpVoucherKind kind = SP_VOUCHER_DISCOUNT;
  SpVoucher *v;

  sp_voucher_kind_from_string (sp_wallet_store_column_text (stmt, VCOL_KIND), &kind);
  switch (kind)
    {
    case SP_VOUCHER_GOVERNMENT:
      {
        SpMoney face = MAX (column_money (stmt, VCOL_FACE_VALUE), 0);
        SpMoney balance = CLAMP (column_money (stmt, VCOL_BALANCE), 0, face);
        const char *programme = sp_wallet_store_column_text (stmt, VCOL_PROGRAMME);

        v = sp_voucher_new_government (code, programme != NULL ? programme : "", face, balance);
        sp_voucher_set_currency (v, currency);
      }
      break;

    case SP_VOUCHER_PREPAID:
      {
        SpMoney balance = MAX (column_money (stmt, VCOL_BALANCE), 0);

        v = sp_voucher_new_prepaid (code,
                                    vendors != NULL && vendors[0] != NULL ? vendors[0] : "",
                                    sp_wallet_store_column_text (stmt, VCOL_UNIT), balance);
        sp_voucher_set_currency (v, currency);
      }
      break;

    case SP_VOUCHER_DISCOUNT:
    default:
      if (sqlite3_column_type (stmt, VCOL_PERCENT_BP) != SQLITE_NULL)
        v = sp_voucher_new_discount_percent (code,
                                             CLAMP (sqlite3_column_int (stmt, VCOL_PERCENT_BP),
                                                    0, 10000));
      else
        v = sp_voucher_new_discount_amount (code, MAX (column_money (stmt, VCOL_AMOUNT), 0),
                                            currency != NULL ? currency : "CNY");
      sp_voucher_set_min_spend (v, column_money (stmt, VCOL_MIN_SPEND));
      sp_voucher_set_currency (v, currency);
      sp_voucher_set_vendors (v, (const char * const *) vendors);
      break;
    }
  sp_voucher_set_label (v, sp_wallet_store_column_text (stmt, VCOL_LABEL));
  sp_voucher_set_single_use (v, sqlite3_column_int (stmt, VCOL_SINGLE_USE) != 0);
  sp_voucher_set_used (v, sqlite3_column_int (stmt, VCOL_USED) != 0);
  sp_voucher_set_validity (v, sp_wallet_store_column_date (stmt, VCOL_VALID_FROM),
                           sp_wallet_store_column_date (stmt, VCOL_VALID_TO));
  return v;
}

static GPtrArray *
query_vouchers (sqlite3     *db,
                const char  *where_and_order,
                const char  *text1,
                const char  *text2,
                GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " VOUCHER_COLUMNS " FROM vouchers ",
                                      where_and_order, NULL);
  g_autoptr(sqlite3_stmt) stmt = sp_wallet_store_prepare (db, sql, error);
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text1 != NULL)
    sp_wallet_store_bind_text_copy (stmt, 1, text1);
  if (text2 != NULL)
    sp_wallet_store_bind_text_copy (stmt, 2, text2);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, voucher_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      sp_wallet_store_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* Inserts one voucher (inside the caller's transaction). */
static gboolean
insert_voucher (sqlite3     *db,
                GPtrArray   *programmes,
                SpVoucher   *v,
                gint64       now,
                const char  *action,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *vendors = NULL;
  SpVoucherKind kind = sp_voucher_get_kind (v);
  const char *code = sp_voucher_get_code (v);
  SpMoney balance = kind == SP_VOUCHER_DISCOUNT ? SP_MONEY_UNKNOWN : sp_voucher_get_balance (v);

  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID,
                           _("A voucher needs a code"));
      return FALSE;
    }
  if (kind == SP_VOUCHER_GOVERNMENT &&
      sp_programme_list_find (programmes, sp_voucher_get_programme (v)) == NULL)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("Voucher “%s” is for the programme “%s”, which Suanpan does not know; "
                     "import its definition first"),
                   code, sp_voucher_get_programme (v));
      return FALSE;
    }

  stmt = sp_wallet_store_prepare (db, "INSERT INTO vouchers (" VOUCHER_COLUMNS ", added_at) VALUES "
                                      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                                      "?17) ON CONFLICT (code) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  vendors = sp_store_strv_to_json (sp_voucher_get_vendors (v));
  sp_wallet_store_bind_text_copy (stmt, 1 + VCOL_CODE, code);
  sp_wallet_store_bind_text_copy (stmt, 1 + VCOL_KIND, sp_voucher_kind_to_string (kind));
  sp_wallet_store_bind_text_copy (stmt, 1 + VCOL_LABEL, sp_voucher_get_label (v));
  sp_wallet_store_bind_text_copy (stmt, 1 + VCOL_PROGRAMME, sp_voucher_get_programme (v));
  bind_money (stmt, 1 + VCOL_FACE_VALUE,
              kind == SP_VOUCHER_GOVERNMENT ? sp_voucher_get_face_value (v) : SP_MONEY_UNKNOWN);
  bind_money (stmt, 1 + VCOL_BALANCE, balance);
  sp_wallet_store_bind_text_copy (stmt, 1 + VCOL_CURRENCY, sp_voucher_get_currency (v));
  if (kind == SP_VOUCHER_DISCOUNT && sp_voucher_get_percent (v) >= 0)
    sqlite3_bind_int (stmt, 1 + VCOL_PERCENT_BP, sp_voucher_get_percent (v));
  else
    sqlite3_bind_null (stmt, 1 + VCOL_PERCENT_BP);
  bind_money (stmt, 1 + VCOL_AMOUNT,
              kind == SP_VOUCHER_DISCOUNT ? sp_voucher_get_amount (v) : SP_MONEY_UNKNOWN);
  bind_money (stmt, 1 + VCOL_MIN_SPEND, sp_voucher_get_min_spend (v));
  sqlite3_bind_int (stmt, 1 + VCOL_SINGLE_USE, sp_voucher_get_single_use (v));
  sqlite3_bind_int (stmt, 1 + VCOL_USED, sp_voucher_get_used (v));
  sp_wallet_store_bind_text_copy (stmt, 1 + VCOL_VENDORS, vendors);
  sp_wallet_store_bind_text_copy (stmt, 1 + VCOL_UNIT, sp_voucher_get_unit (v));
  sp_wallet_store_bind_date (stmt, 1 + VCOL_VALID_FROM, sp_voucher_get_valid_from (v));
  sp_wallet_store_bind_date (stmt, 1 + VCOL_VALID_TO, sp_voucher_get_valid_to (v));
  sqlite3_bind_int64 (stmt, 17, now);
  if (!sp_wallet_store_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) != 1)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_EXISTS,
                   _("There is already a voucher with the code “%s”"), code);
      return FALSE;
    }
  return sp_wallet_store_audit (db, now, code, action, balance != SP_MONEY_UNKNOWN ? balance : 0,
                                balance, 0, error);
}

static SpMoney
year_to_date (sqlite3     *db,
              const char  *programme_id,
              const char  *year,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    sp_wallet_store_prepare (db, "SELECT coalesce (sum (amount), 0) FROM subsidy_by_year "
                                 "WHERE programme = ?1 AND year = ?2", error);
  SpMoney out;
  int rc;

  if (stmt == NULL)
    return SP_MONEY_UNKNOWN;
  sp_wallet_store_bind_text_copy (stmt, 1, programme_id);
  sp_wallet_store_bind_text_copy (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sp_wallet_store_db_error (db, rc, error);
      return SP_MONEY_UNKNOWN;
    }
  out = sqlite3_column_int64 (stmt, 0);
  return out;
}

SpWallet *
sp_wallet_store_load_wallet (sqlite3  *db,
                             guint32   date,
                             GError  **error)
{
  g_autoptr(SpWallet) wallet = sp_wallet_new ();
  g_autoptr(GPtrArray) programmes = sp_wallet_store_load_programmes (db, error);
  g_autoptr(GPtrArray) vouchers = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *year = sp_wallet_store_year_of (date != 0 ? date : sp_wallet_store_today_julian ());
  int rc;

  if (programmes == NULL)
    return NULL;
  sp_wallet_add_programmes (wallet, programmes);
  vouchers = query_vouchers (db, "ORDER BY rowid", NULL, NULL, error);
  if (vouchers == NULL)
    return NULL;
  for (guint i = 0; i < vouchers->len; i++)
    sp_wallet_add_voucher (wallet, vouchers->pdata[i]);

  stmt = sp_wallet_store_prepare (db, "SELECT programme, amount FROM subsidy_by_year WHERE year = ?1", error);
  if (stmt == NULL)
    return NULL;
  sp_wallet_store_bind_text_copy (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    sp_wallet_set_year_to_date (wallet, sp_wallet_store_column_text (stmt, 0),
                                MAX (sqlite3_column_int64 (stmt, 1), 0));
  if (rc != SQLITE_DONE)
    {
      sp_wallet_store_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&wallet);
}

/* --------------------------------------------------------- public: vouchers */

gboolean
sp_store_add_voucher (SpStore    *self,
                      SpVoucher  *voucher,
                      gint64      now,
                      GError    **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) programmes = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_VOUCHER (voucher), FALSE);

  db = sp_store_get_db (self);
  if (!sp_wallet_store_begin (db, error))
    return FALSE;
  programmes = sp_wallet_store_load_programmes (db, error);
  if (programmes == NULL ||
      !insert_voucher (db, programmes, voucher, sp_wallet_store_now_or (now), "add", error) ||
      !sp_wallet_store_commit (db, error))
    {
      sp_wallet_store_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_store_import_vouchers (SpStore     *self,
                          const char  *data,
                          gsize        len,
                          gint64       now,
                          guint       *n_added,
                          GError     **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) vouchers = NULL;
  g_autoptr(GPtrArray) programmes = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  db = sp_store_get_db (self);
  vouchers = sp_voucher_list_from_data (data, len, error);
  if (vouchers == NULL)
    return FALSE;
  if (!sp_wallet_store_begin (db, error))
    return FALSE;
  programmes = sp_wallet_store_load_programmes (db, error);
  if (programmes == NULL)
    goto fail;
  for (guint i = 0; i < vouchers->len; i++)
    if (!insert_voucher (db, programmes, vouchers->pdata[i], sp_wallet_store_now_or (now), "import", error))
      goto fail;
  if (!sp_wallet_store_commit (db, error))
    goto fail;
  if (n_added != NULL)
    *n_added = vouchers->len;
  return TRUE;

fail:
  sp_wallet_store_rollback (db);
  return FALSE;
}

GPtrArray *
sp_store_list_vouchers (SpStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return query_vouchers (sp_store_get_db (self), "ORDER BY rowid", NULL, NULL, error);
}

SpVoucher *
sp_store_get_voucher (SpStore     *self,
                      const char  *code,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  list = query_vouchers (sp_store_get_db (self), "WHERE code = ?1", code, NULL, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no voucher “%s” in the wallet"), code);
      return NULL;
    }
  return g_object_ref (list->pdata[0]);
}

gboolean
sp_store_remove_voucher (SpStore     *self,
                         const char  *code,
                         gint64       now,
                         GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  db = sp_store_get_db (self);
  if (!sp_wallet_store_begin (db, error))
    return FALSE;
  check = sp_wallet_store_prepare (db, "SELECT p.id FROM purchase_vouchers pv JOIN purchases p "
                                       "ON p.id = pv.purchase_id WHERE pv.code = ?1 AND p.voided_at IS NULL "
                                       "ORDER BY p.id LIMIT 1", error);
  if (check == NULL)
    goto fail;
  sp_wallet_store_bind_text_copy (check, 1, code);
  rc = sqlite3_step (check);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *pid = sp_wallet_store_id_text (sqlite3_column_int64 (check, 0));

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_IN_USE,
                   _("Voucher “%s” was used by purchase %s; void that purchase before "
                     "removing the voucher"), code, pid);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      sp_wallet_store_db_error (db, rc, error);
      goto fail;
    }
  del = sp_wallet_store_prepare (db, "DELETE FROM vouchers WHERE code = ?1", error);
  if (del == NULL)
    goto fail;
  sp_wallet_store_bind_text_copy (del, 1, code);
  if (!sp_wallet_store_step_done (db, del, error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no voucher “%s” in the wallet"), code);
      goto fail;
    }
  return sp_wallet_store_finish (db, sp_wallet_store_audit (db, sp_wallet_store_now_or (now), code,
                                                           "remove", 0, SP_MONEY_UNKNOWN, 0, error),
                                 error);

fail:
  sp_wallet_store_rollback (db);
  return FALSE;
}

GPtrArray *
sp_store_list_expiring_vouchers (SpStore     *self,
                                 guint32      today,
                                 guint        days,
                                 GError     **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (today == 0)
    today = sp_wallet_store_today_julian ();
  from = sp_date_to_iso (today);
  to = sp_date_to_iso (today + MIN (days, 100000u));
  return query_vouchers (sp_store_get_db (self),
                         "WHERE valid_to IS NOT NULL AND valid_to >= ?1 AND valid_to <= ?2 "
                         "AND ((kind <> 'discount' AND balance > 0) OR "
                         "     (kind = 'discount' AND NOT (single_use AND used))) "
                         "ORDER BY valid_to, rowid", from, to, error);
}

SpMoney
sp_store_get_year_to_date (SpStore     *self,
                           const char  *programme_id,
                           guint32      date,
                           GError     **error)
{
  g_autofree char *year = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (programme_id != NULL, SP_MONEY_UNKNOWN);

  year = sp_wallet_store_year_of (date != 0 ? date : sp_wallet_store_today_julian ());
  return year_to_date (sp_store_get_db (self), programme_id, year, error);
}

SpMoney
sp_store_get_remaining_year_cap (SpStore     *self,
                                 const char  *programme_id,
                                 guint32      date,
                                 GError     **error)
{
  g_autoptr(GPtrArray) programmes = NULL;
  SpProgramme *p;

  g_return_val_if_fail (SP_IS_STORE (self), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (programme_id != NULL, SP_MONEY_UNKNOWN);

  programmes = sp_wallet_store_load_programmes (sp_store_get_db (self), error);
  if (programmes == NULL)
    return SP_MONEY_UNKNOWN;
  p = sp_programme_list_find (programmes, programme_id);
  if (p == NULL)
    return SP_MONEY_UNKNOWN;
  return sp_store_get_programme_cap_left (self, p, date, error);
}

SpMoney
sp_store_get_programme_cap_left (SpStore      *self,
                                 SpProgramme  *programme,
                                 guint32       date,
                                 GError      **error)
{
  SpMoney cap, ytd;

  g_return_val_if_fail (SP_IS_STORE (self), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (programme != NULL, SP_MONEY_UNKNOWN);

  cap = sp_programme_get_cap_per_year (programme);
  if (cap == SP_MONEY_UNKNOWN)
    return SP_MONEY_UNKNOWN;
  ytd = sp_store_get_year_to_date (self, sp_programme_get_id (programme), date, error);
  if (ytd == SP_MONEY_UNKNOWN)
    return SP_MONEY_UNKNOWN;
  return MAX (cap - ytd, 0);
}

SpWallet *
sp_store_load_wallet (SpStore  *self,
                      guint32   date,
                      GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return sp_wallet_store_load_wallet (sp_store_get_db (self), date, error);
}

void
sp_voucher_event_clear (SpVoucherEvent *event)
{
  g_clear_pointer (&event->code, g_free);
  g_clear_pointer (&event->action, g_free);
}

GArray *
sp_store_voucher_history (SpStore     *self,
                          const char  *code,
                          GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) out = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  db = sp_store_get_db (self);
  stmt = sp_wallet_store_prepare (db, code != NULL
                                        ? "SELECT id, time, code, action, delta, balance_after, purchase_id "
                                          "FROM voucher_audit WHERE code = ?1 ORDER BY id"
                                        : "SELECT id, time, code, action, delta, balance_after, purchase_id "
                                          "FROM voucher_audit ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  if (code != NULL)
    sp_wallet_store_bind_text_copy (stmt, 1, code);
  out = g_array_new (FALSE, TRUE, sizeof (SpVoucherEvent));
  g_array_set_clear_func (out, (GDestroyNotify) sp_voucher_event_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpVoucherEvent ev = {
        .id = sqlite3_column_int64 (stmt, 0),
        .time = sqlite3_column_int64 (stmt, 1),
        .code = column_dup (stmt, 2),
        .action = column_dup (stmt, 3),
        .delta = sqlite3_column_int64 (stmt, 4),
        .balance_after = column_money (stmt, 5),
        .purchase_id = sqlite3_column_int64 (stmt, 6),
      };

      g_array_append_val (out, ev);
    }
  if (rc != SQLITE_DONE)
    {
      sp_wallet_store_db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}
