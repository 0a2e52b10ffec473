/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store-private.h — what the wallet store's files share
 * (sp-wallet-store.c: helpers, audit trail, programmes, breakdown JSON;
 * sp-wallet-store-vouchers.c; sp-wallet-store-purchases.c;
 * sp-wallet-store-claims.c).  Internal to src/core/store. */
#pragma once

#include <sqlite3.h>

#include "sp-store-private.h"
#include "sp-wallet-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
#define VOUCHER_COLUMNS                                                       \
  "code, kind, label, programme, face_value, balance, currency, percent_bp, " \
  "amount, min_spend, single_use, used, vendors, unit, valid_from, valid_to"

enum {
  VCOL_CODE,
  VCOL_KIND,
  VCOL_LABEL,
  VCOL_PROGRAMME,
  VCOL_FACE_VALUE,
  VCOL_BALANCE,
  VCOL_CURRENCY,
  VCOL_PERCENT_BP,
  VCOL_AMOUNT,
  VCOL_MIN_SPEND,
  VCOL_SINGLE_USE,
  VCOL_USED,
  VCOL_VENDORS,
  VCOL_UNIT,
  VCOL_VALID_FROM,
  VCOL_VALID_TO,
};

#define PURCHASE_COLUMNS                                                      \
  "id, recorded_at, voided_at, offer_source, offer_id, description, vendor, " \
  "item_kind, category, quantity, date, currency, list_currency, "            \
  "exchange_rate, rate_date, list_original, list, platform, prepaid, "        \
  "government, company_cash, reimbursed_later, net, breakdown"

enum {
  PCOL_ID,
  PCOL_RECORDED_AT,
  PCOL_VOIDED_AT,
  PCOL_OFFER_SOURCE,
  PCOL_OFFER_ID,
  PCOL_DESCRIPTION,
  PCOL_VENDOR,
  PCOL_ITEM_KIND,
  PCOL_CATEGORY,
  PCOL_QUANTITY,
  PCOL_DATE,
  PCOL_CURRENCY,
  PCOL_LIST_CURRENCY,
  PCOL_EXCHANGE_RATE,
  PCOL_RATE_DATE,
  PCOL_LIST_ORIGINAL,
  PCOL_LIST,
  PCOL_PLATFORM,
  PCOL_PREPAID,
  PCOL_GOVERNMENT,
  PCOL_COMPANY_CASH,
  PCOL_REIMBURSED_LATER,
  PCOL_NET,
  PCOL_BREAKDOWN,
};

#define CLAIM_COLUMNS                                                         \
  "c.id, c.purchase_id, c.programme, c.voucher_code, c.expected, c.currency, " \
  "c.status, c.contract, c.settlement, c.fapiao, c.updated_at, p.date, "     \
  "p.description"

/* sp-wallet-store-vouchers.c */
SpWallet * sp_wallet_store_load_wallet (sqlite3 *db, guint32 date, GError **error);

/* sp-wallet-store-feeds.c: adds each programme source's programmes whose
 * id is not in @by_id yet (id → SpProgramme) */
gboolean sp_wallet_store_add_feed_programmes (sqlite3 *db, GHashTable *by_id, GError **error);

/* sp-wallet-store.c */
gboolean sp_wallet_store_audit (sqlite3 *db, gint64 now, const char *code, const char *action, SpMoney delta, SpMoney balance_after, gint64 purchase_id, GError **error);
gboolean sp_wallet_store_begin (sqlite3 *db, GError **error);
void sp_wallet_store_bind_date (sqlite3_stmt *stmt, int idx, guint32 julian);
void sp_wallet_store_bind_text_copy (sqlite3_stmt *stmt, int idx, const char *text);
guint32 sp_wallet_store_column_date (sqlite3_stmt *stmt, int col);
const char * sp_wallet_store_column_text (sqlite3_stmt *stmt, int col);
gboolean sp_wallet_store_commit (sqlite3 *db, GError **error);
/* Ends the transaction sp_wallet_store_begin() began: commits when @ok (the
 * steps went well), else, or when the commit fails, rolls back; returns
 * whether it committed. */
gboolean sp_wallet_store_finish (sqlite3 *db, gboolean ok, GError **error);
gboolean sp_wallet_store_db_error (sqlite3 *db, int rc, GError **error);
char * sp_wallet_store_id_text (gint64 id);
GPtrArray * sp_wallet_store_load_programmes (sqlite3 *db, GError **error);
gint64 sp_wallet_store_now_or (gint64 now);
sqlite3_stmt * sp_wallet_store_prepare (sqlite3 *db, const char *sql, GError **error);
void sp_wallet_store_rollback (sqlite3 *db);
gboolean sp_wallet_store_step_done (sqlite3 *db, sqlite3_stmt *stmt, GError **error);
GStrv sp_wallet_store_strv_from_json (const char *text);
guint32 sp_wallet_store_today_julian (void);
char * sp_wallet_store_year_of (guint32 julian);

G_END_DECLS
