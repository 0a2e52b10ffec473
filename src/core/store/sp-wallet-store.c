/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store.c — vouchers, programmes, purchases and claims in the store
 *
 * The wallet tables of schema v3 (sp-store.c has the migration).  Every
 * write runs in one BEGIN IMMEDIATE transaction on the store's connection;
 * a purchase re-reads the wallet inside that transaction and draws each
 * balance with a guarded UPDATE (… WHERE balance >= ?), so two processes
 * redeeming at once serialise on SQLite's write lock and the second one
 * sees what the first one spent.  Values are only ever bound as
 * parameters. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-store-private.h"
#include "sp-wallet-store.h"

G_DEFINE_QUARK (sp-wallet-store-error-quark, sp_wallet_store_error)

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

static const char * const claim_status_names[] = {
  "pending", "filed", "paid", "cancelled", NULL
};

static const char * const refusal_names[] = {
  [SP_REFUSAL_NONE] = "none",
  [SP_REFUSAL_NOT_YET_VALID] = "not-yet-valid",
  [SP_REFUSAL_EXPIRED] = "expired",
  [SP_REFUSAL_ALREADY_USED] = "already-used",
  [SP_REFUSAL_EXHAUSTED] = "exhausted",
  [SP_REFUSAL_VENDOR] = "vendor",
  [SP_REFUSAL_AFFILIATED] = "affiliated",
  [SP_REFUSAL_ITEM_KIND] = "item-kind",
  [SP_REFUSAL_CATEGORY] = "category",
  [SP_REFUSAL_CURRENCY] = "currency",
  [SP_REFUSAL_MIN_SPEND] = "min-spend",
  [SP_REFUSAL_UNKNOWN_PROGRAMME] = "unknown-programme",
  [SP_REFUSAL_OUTSIDE_PERIOD] = "outside-period",
  [SP_REFUSAL_OVER_CAP] = "over-cap",
  [SP_REFUSAL_DOUBLE_SUBSIDY] = "double-subsidy",
  [SP_REFUSAL_NOTHING_LEFT] = "nothing-left",
  [SP_REFUSAL_NO_QUANTITY] = "no-quantity",
};

/* ------------------------------------------------------------------ helpers */

static gboolean
db_error (sqlite3  *db,
          int       rc,
          GError  **error)
{
  g_set_error (error, SP_STORE_ERROR,
               (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB
                 ? SP_STORE_ERROR_CORRUPT : SP_STORE_ERROR_SQL,
               _("Database error: %s"),
               db != NULL && sqlite3_errcode (db) != SQLITE_OK ? sqlite3_errmsg (db)
                                                                : sqlite3_errstr (rc));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      db_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Steps a statement that returns no rows (or whose rows are ignored). */
static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return db_error (db, rc, error);
  return TRUE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL, _("Database error: %s"),
                   errmsg != NULL ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin (sqlite3  *db,
       GError  **error)
{
  return exec (db, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (sqlite3  *db,
        GError  **error)
{
  return exec (db, "COMMIT", error);
}

static void
rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* bind_text() with a copy: the text may be freed before the step */
static void
bind_text_copy (sqlite3_stmt *stmt, int idx, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, idx);
}

static void
bind_date (sqlite3_stmt *stmt, int idx, guint32 julian)
{
  if (julian != 0)
    {
      g_autofree char *iso = sp_date_to_iso (julian);

      sqlite3_bind_text (stmt, idx, iso, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, idx);
}

static const char *
column_text (sqlite3_stmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static guint32
column_date (sqlite3_stmt *stmt, int col)
{
  const char *text = column_text (stmt, col);
  guint32 julian = 0;

  if (text == NULL || !sp_date_parse_iso (text, &julian))
    return 0;
  return julian;
}

static guint32
today_julian (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                          (GDateMonth) g_date_time_get_month (now),
                                          (GDateYear) g_date_time_get_year (now));

  return g_date_get_julian (date);
}

/* "2026" for a Julian day */
static char *
year_of (guint32 julian)
{
  g_autoptr(GDate) date = g_date_new_julian (julian);

  return g_strdup_printf ("%04u", (guint) g_date_get_year (date));
}

static gint64
now_or (gint64 now)
{
  return now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (strv == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return json_to_string (node, FALSE);
}

static GStrv
strv_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *root;
  JsonArray *array;

  if (text == NULL)
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (n));
    }
  return g_strv_builder_end (builder);
}

/* an id as text, for messages (no format macros inside translatable text) */
static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static char *
money_text (SpMoney value)
{
  return sp_money_to_string (value, 2);
}

/* ------------------------------------------------------------- audit trail */

static gboolean
audit (sqlite3     *db,
       gint64       now,
       const char  *code,
       const char  *action,
       SpMoney      delta,
       SpMoney      balance_after,
       gint64       purchase_id,
       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "INSERT INTO voucher_audit (time, code, action, delta, balance_after, "
                 "purchase_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  bind_text_copy (stmt, 2, code);
  bind_text_copy (stmt, 3, action);
  sqlite3_bind_int64 (stmt, 4, delta);
  bind_money (stmt, 5, balance_after);
  if (purchase_id > 0)
    sqlite3_bind_int64 (stmt, 6, purchase_id);
  else
    sqlite3_bind_null (stmt, 6);
  return step_done (db, stmt, error);
}

/* -------------------------------------------------------------- programmes */

static gint
programme_cmp (gconstpointer a,
               gconstpointer b)
{
  SpProgramme *pa = *(SpProgramme * const *) a;
  SpProgramme *pb = *(SpProgramme * const *) b;

  return strcmp (sp_programme_get_id (pa), sp_programme_get_id (pb));
}

static GPtrArray *
load_programmes (sqlite3  *db,
                 GError  **error)
{
  g_autoptr(GPtrArray) shipped = sp_programme_list_shipped (error);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *out;
  GHashTableIter iter;
  gpointer value;
  int rc;

  if (shipped == NULL)
    return NULL;
  by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < shipped->len; i++)
    g_hash_table_replace (by_id, g_strdup (sp_programme_get_id (shipped->pdata[i])),
                          g_object_ref (shipped->pdata[i]));

  stmt = prepare (db, "SELECT id, definition FROM programmes ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *def = column_text (stmt, 1);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) local_error = NULL;

      list = sp_programme_list_from_data (def, strlen (def), &local_error);
      if (list == NULL)
        {
          /* stored by an import that validated it: only a newer Suanpan's
           * definition can fail here; keep going with the others */
          g_warning ("Imported programme “%s” cannot be read: %s",
                     column_text (stmt, 0), local_error->message);
          continue;
        }
      for (guint i = 0; i < list->len; i++)
        g_hash_table_replace (by_id, g_strdup (sp_programme_get_id (list->pdata[i])),
                              g_object_ref (list->pdata[i]));
    }
  if (rc != SQLITE_DONE)
    {
      db_error (db, rc, error);
      return NULL;
    }

  out = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, g_object_ref (value));
  g_ptr_array_sort (out, programme_cmp);
  return out;
}

static SpProgramme *
find_programme (GPtrArray  *programmes,
                const char *id)
{
  for (guint i = 0; id != NULL && i < programmes->len; i++)
    if (g_str_equal (sp_programme_get_id (programmes->pdata[i]), id))
      return programmes->pdata[i];
  return NULL;
}

/* ---------------------------------------------------------------- vouchers */

static SpVoucher *
voucher_from_row (sqlite3_stmt *stmt)
{
  const char *code = column_text (stmt, VCOL_CODE);
  const char *currency = column_text (stmt, VCOL_CURRENCY);
  g_auto(GStrv) vendors = strv_from_json (column_text (stmt, VCOL_VENDORS));
  SpVoucherKind kind = SP_VOUCHER_DISCOUNT;
  SpVoucher *v;

  sp_voucher_kind_from_string (column_text (stmt, VCOL_KIND), &kind);
  switch (kind)
    {
    case SP_VOUCHER_GOVERNMENT:
      {
        SpMoney face = MAX (column_money (stmt, VCOL_FACE_VALUE), 0);
        SpMoney balance = CLAMP (column_money (stmt, VCOL_BALANCE), 0, face);
        const char *programme = column_text (stmt, VCOL_PROGRAMME);

        v = sp_voucher_new_government (code, programme != NULL ? programme : "", face, balance);
        sp_voucher_set_currency (v, currency);
      }
      break;

    case SP_VOUCHER_PREPAID:
      {
        SpMoney balance = MAX (column_money (stmt, VCOL_BALANCE), 0);

        v = sp_voucher_new_prepaid (code,
                                    vendors != NULL && vendors[0] != NULL ? vendors[0] : "",
                                    column_text (stmt, VCOL_UNIT), balance);
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
  sp_voucher_set_label (v, column_text (stmt, VCOL_LABEL));
  sp_voucher_set_single_use (v, sqlite3_column_int (stmt, VCOL_SINGLE_USE) != 0);
  sp_voucher_set_used (v, sqlite3_column_int (stmt, VCOL_USED) != 0);
  sp_voucher_set_validity (v, column_date (stmt, VCOL_VALID_FROM),
                           column_date (stmt, VCOL_VALID_TO));
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
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text1 != NULL)
    bind_text_copy (stmt, 1, text1);
  if (text2 != NULL)
    bind_text_copy (stmt, 2, text2);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, voucher_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      db_error (db, rc, error);
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
      find_programme (programmes, sp_voucher_get_programme (v)) == NULL)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("Voucher “%s” is for the programme “%s”, which Suanpan does not know; "
                     "import its definition first"),
                   code, sp_voucher_get_programme (v));
      return FALSE;
    }

  stmt = prepare (db, "INSERT INTO vouchers (" VOUCHER_COLUMNS ", added_at) VALUES "
                      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                      "?17) ON CONFLICT (code) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  vendors = strv_to_json (sp_voucher_get_vendors (v));
  bind_text_copy (stmt, 1 + VCOL_CODE, code);
  bind_text_copy (stmt, 1 + VCOL_KIND, sp_voucher_kind_to_string (kind));
  bind_text_copy (stmt, 1 + VCOL_LABEL, sp_voucher_get_label (v));
  bind_text_copy (stmt, 1 + VCOL_PROGRAMME, sp_voucher_get_programme (v));
  bind_money (stmt, 1 + VCOL_FACE_VALUE,
              kind == SP_VOUCHER_GOVERNMENT ? sp_voucher_get_face_value (v) : SP_MONEY_UNKNOWN);
  bind_money (stmt, 1 + VCOL_BALANCE, balance);
  bind_text_copy (stmt, 1 + VCOL_CURRENCY, sp_voucher_get_currency (v));
  if (kind == SP_VOUCHER_DISCOUNT && sp_voucher_get_percent (v) >= 0)
    sqlite3_bind_int (stmt, 1 + VCOL_PERCENT_BP, sp_voucher_get_percent (v));
  else
    sqlite3_bind_null (stmt, 1 + VCOL_PERCENT_BP);
  bind_money (stmt, 1 + VCOL_AMOUNT,
              kind == SP_VOUCHER_DISCOUNT ? sp_voucher_get_amount (v) : SP_MONEY_UNKNOWN);
  bind_money (stmt, 1 + VCOL_MIN_SPEND, sp_voucher_get_min_spend (v));
  sqlite3_bind_int (stmt, 1 + VCOL_SINGLE_USE, sp_voucher_get_single_use (v));
  sqlite3_bind_int (stmt, 1 + VCOL_USED, sp_voucher_get_used (v));
  bind_text_copy (stmt, 1 + VCOL_VENDORS, vendors);
  bind_text_copy (stmt, 1 + VCOL_UNIT, sp_voucher_get_unit (v));
  bind_date (stmt, 1 + VCOL_VALID_FROM, sp_voucher_get_valid_from (v));
  bind_date (stmt, 1 + VCOL_VALID_TO, sp_voucher_get_valid_to (v));
  sqlite3_bind_int64 (stmt, 17, now);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) != 1)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_EXISTS,
                   _("There is already a voucher with the code “%s”"), code);
      return FALSE;
    }
  return audit (db, now, code, action, balance != SP_MONEY_UNKNOWN ? balance : 0,
                balance, 0, error);
}

static SpMoney
year_to_date (sqlite3     *db,
              const char  *programme_id,
              const char  *year,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "SELECT coalesce (sum (amount), 0) FROM subsidy_by_year "
                 "WHERE programme = ?1 AND year = ?2", error);
  SpMoney out;
  int rc;

  if (stmt == NULL)
    return SP_MONEY_UNKNOWN;
  bind_text_copy (stmt, 1, programme_id);
  bind_text_copy (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      db_error (db, rc, error);
      return SP_MONEY_UNKNOWN;
    }
  out = sqlite3_column_int64 (stmt, 0);
  return out;
}

static SpWallet *
load_wallet (sqlite3  *db,
             guint32   date,
             GError  **error)
{
  g_autoptr(SpWallet) wallet = sp_wallet_new ();
  g_autoptr(GPtrArray) programmes = load_programmes (db, error);
  g_autoptr(GPtrArray) vouchers = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *year = year_of (date != 0 ? date : today_julian ());
  int rc;

  if (programmes == NULL)
    return NULL;
  sp_wallet_add_programmes (wallet, programmes);
  vouchers = query_vouchers (db, "ORDER BY rowid", NULL, NULL, error);
  if (vouchers == NULL)
    return NULL;
  for (guint i = 0; i < vouchers->len; i++)
    sp_wallet_add_voucher (wallet, vouchers->pdata[i]);

  stmt = prepare (db, "SELECT programme, amount FROM subsidy_by_year WHERE year = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text_copy (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    sp_wallet_set_year_to_date (wallet, column_text (stmt, 0),
                                MAX (sqlite3_column_int64 (stmt, 1), 0));
  if (rc != SQLITE_DONE)
    {
      db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&wallet);
}

/* ------------------------------------------------------------------- JSON */

static void
set_money (JsonBuilder *b,
           const char  *name,
           SpMoney      value)
{
  g_autofree char *text = money_text (value);

  json_builder_set_member_name (b, name);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

static void
set_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

JsonNode *
sp_breakdown_to_json_node (SpBreakdown *breakdown,
                           gint64       purchase_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();  /* callers may add members */
  const char * const *explanation;
  g_autofree char *rate = NULL;

  g_return_val_if_fail (SP_IS_BREAKDOWN (breakdown), NULL);

  json_builder_begin_object (b);
  if (purchase_id > 0)
    {
      json_builder_set_member_name (b, "purchase_id");
      json_builder_add_int_value (b, purchase_id);
    }
  set_string (b, "currency", sp_breakdown_get_currency (breakdown));
  set_string (b, "list_currency", sp_breakdown_get_list_currency (breakdown));
  rate = sp_money_to_string (sp_breakdown_get_exchange_rate (breakdown), 0);
  set_string (b, "exchange_rate", rate);
  set_money (b, "list_original", sp_breakdown_get_list_original (breakdown));
  set_money (b, "list", sp_breakdown_get_list (breakdown));
  set_money (b, "platform", sp_breakdown_get_platform (breakdown));
  set_money (b, "contract", sp_breakdown_get_contract (breakdown));
  set_money (b, "prepaid", sp_breakdown_get_prepaid (breakdown));
  set_money (b, "government", sp_breakdown_get_government (breakdown));
  set_money (b, "company_cash", sp_breakdown_get_company_cash (breakdown));
  set_money (b, "reimbursed_later", sp_breakdown_get_reimbursed_later (breakdown));
  set_money (b, "net_after_reimbursement", sp_breakdown_get_net (breakdown));

  json_builder_set_member_name (b, "vouchers_used");
  json_builder_begin_array (b);
  for (guint i = 0; i < sp_breakdown_get_n_lines (breakdown); i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (breakdown, i);

      json_builder_begin_object (b);
      set_string (b, "code", line->code);
      set_string (b, "kind", sp_voucher_kind_to_string (line->kind));
      set_string (b, "programme", line->programme_id);
      set_money (b, "amount", line->amount);
      if (line->quantity != SP_MONEY_UNKNOWN)
        {
          g_autofree char *q = sp_money_to_string (line->quantity, 0);

          set_string (b, "quantity", q);
        }
      json_builder_set_member_name (b, "reimbursed_later");
      json_builder_add_boolean_value (b, line->reimbursed_later);
      set_string (b, "note", line->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "refusals");
  json_builder_begin_array (b);
  for (guint i = 0; i < sp_breakdown_get_n_refusals (breakdown); i++)
    {
      const SpBreakdownRefusal *r = sp_breakdown_get_refusal (breakdown, i);

      json_builder_begin_object (b);
      set_string (b, "code", r->code);
      set_string (b, "reason", (guint) r->reason < G_N_ELEMENTS (refusal_names)
                                 ? refusal_names[r->reason] : "other");
      set_string (b, "message", r->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "explanation");
  json_builder_begin_array (b);
  explanation = sp_breakdown_get_explanation (breakdown);
  for (guint i = 0; explanation != NULL && explanation[i] != NULL; i++)
    json_builder_add_string_value (b, explanation[i]);
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ------------------------------------------------------- public: programmes */

GPtrArray *
sp_store_list_programmes (SpStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return load_programmes (sp_store_get_db (self), error);
}

SpProgramme *
sp_store_get_programme (SpStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  SpProgramme *p;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  all = load_programmes (sp_store_get_db (self), error);
  if (all == NULL)
    return NULL;
  p = find_programme (all, id);
  if (p == NULL)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no programme “%s”"), id);
      return NULL;
    }
  return g_object_ref (p);
}

gboolean
sp_store_import_programmes (SpStore     *self,
                            const char  *data,
                            gsize        len,
                            gint64       now,
                            guint       *n_imported,
                            GError     **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *array;
  const char *version;
  guint n = 0;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  db = sp_store_get_db (self);
  /* validate with the real reader first */
  parsed = sp_programme_list_from_data (data, len, error);
  if (parsed == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  version = json_object_get_string_member (root, "suanpan_programmes");
  array = json_object_get_array_member (root, "programmes");

  if (!begin (db, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "suanpan_programmes");
      json_builder_add_string_value (b, version);
      json_builder_set_member_name (b, "programmes");
      json_builder_begin_array (b);
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), obj));
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      text = json_to_string (node, FALSE);

      stmt = prepare (db, "INSERT INTO programmes (id, definition, imported_at) "
                          "VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET "
                          "definition = excluded.definition, imported_at = excluded.imported_at",
                      error);
      if (stmt == NULL)
        goto fail;
      bind_text_copy (stmt, 1, json_object_get_string_member (obj, "id"));
      bind_text_copy (stmt, 2, text);
      sqlite3_bind_int64 (stmt, 3, now_or (now));
      if (!step_done (db, stmt, error))
        goto fail;
      n++;
    }
  if (!commit (db, error))
    goto fail;
  if (n_imported != NULL)
    *n_imported = n;
  return TRUE;

fail:
  rollback (db);
  return FALSE;
}

gboolean
sp_store_remove_programme (SpStore     *self,
                           const char  *id,
                           GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  db = sp_store_get_db (self);
  stmt = prepare (db, "DELETE FROM programmes WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text_copy (stmt, 1, id);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("No imported programme “%s”"), id);
      return FALSE;
    }
  return TRUE;
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
  if (!begin (db, error))
    return FALSE;
  programmes = load_programmes (db, error);
  if (programmes == NULL ||
      !insert_voucher (db, programmes, voucher, now_or (now), "add", error) ||
      !commit (db, error))
    {
      rollback (db);
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
  if (!begin (db, error))
    return FALSE;
  programmes = load_programmes (db, error);
  if (programmes == NULL)
    goto fail;
  for (guint i = 0; i < vouchers->len; i++)
    if (!insert_voucher (db, programmes, vouchers->pdata[i], now_or (now), "import", error))
      goto fail;
  if (!commit (db, error))
    goto fail;
  if (n_added != NULL)
    *n_added = vouchers->len;
  return TRUE;

fail:
  rollback (db);
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
  if (!begin (db, error))
    return FALSE;
  check = prepare (db, "SELECT p.id FROM purchase_vouchers pv JOIN purchases p "
                       "ON p.id = pv.purchase_id WHERE pv.code = ?1 AND p.voided_at IS NULL "
                       "ORDER BY p.id LIMIT 1", error);
  if (check == NULL)
    goto fail;
  bind_text_copy (check, 1, code);
  rc = sqlite3_step (check);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *pid = id_text (sqlite3_column_int64 (check, 0));

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_IN_USE,
                   _("Voucher “%s” was used by purchase %s; void that purchase before "
                     "removing the voucher"), code, pid);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      db_error (db, rc, error);
      goto fail;
    }
  del = prepare (db, "DELETE FROM vouchers WHERE code = ?1", error);
  if (del == NULL)
    goto fail;
  bind_text_copy (del, 1, code);
  if (!step_done (db, del, error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no voucher “%s” in the wallet"), code);
      goto fail;
    }
  if (!audit (db, now_or (now), code, "remove", 0, SP_MONEY_UNKNOWN, 0, error) ||
      !commit (db, error))
    goto fail;
  return TRUE;

fail:
  rollback (db);
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
    today = today_julian ();
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

  year = year_of (date != 0 ? date : today_julian ());
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
  SpMoney cap, ytd;

  g_return_val_if_fail (SP_IS_STORE (self), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (programme_id != NULL, SP_MONEY_UNKNOWN);

  programmes = load_programmes (sp_store_get_db (self), error);
  if (programmes == NULL)
    return SP_MONEY_UNKNOWN;
  p = find_programme (programmes, programme_id);
  if (p == NULL)
    return SP_MONEY_UNKNOWN;
  cap = sp_programme_get_cap_per_year (p);
  if (cap == SP_MONEY_UNKNOWN)
    return SP_MONEY_UNKNOWN;
  ytd = sp_store_get_year_to_date (self, programme_id, date, error);
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
  return load_wallet (sp_store_get_db (self), date, error);
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
  stmt = prepare (db, code != NULL
                        ? "SELECT id, time, code, action, delta, balance_after, purchase_id "
                          "FROM voucher_audit WHERE code = ?1 ORDER BY id"
                        : "SELECT id, time, code, action, delta, balance_after, purchase_id "
                          "FROM voucher_audit ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  if (code != NULL)
    bind_text_copy (stmt, 1, code);
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
      db_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

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
  g_autoptr(sqlite3_stmt) upd = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  SpMoney drawn = 0;
  gboolean marked_used = FALSE;
  int rc;

  if (v == NULL)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_CONFLICT,
                   _("Voucher “%s” is no longer in the wallet"), line->code);
      return FALSE;
    }

  if (line->kind == SP_VOUCHER_DISCOUNT)
    {
      if (sp_voucher_get_single_use (v))
        {
          upd = prepare (db, "UPDATE vouchers SET used = 1 WHERE code = ?1 AND used = 0", error);
          if (upd == NULL)
            return FALSE;
          bind_text_copy (upd, 1, line->code);
          if (!step_done (db, upd, error))
            return FALSE;
          if (sqlite3_changes (db) != 1)
            {
              g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_CONFLICT,
                           _("Voucher “%s” can be used once and has already been used"),
                           line->code);
              return FALSE;
            }
          marked_used = TRUE;
          if (!audit (db, now, line->code, "use", 0, SP_MONEY_UNKNOWN, purchase_id, error))
            return FALSE;
        }
    }
  else
    {
      drawn = line->quantity != SP_MONEY_UNKNOWN ? line->quantity : line->amount;
      upd = prepare (db, "UPDATE vouchers SET balance = balance - ?2 "
                         "WHERE code = ?1 AND balance >= ?2 RETURNING balance", error);
      if (upd == NULL)
        return FALSE;
      bind_text_copy (upd, 1, line->code);
      sqlite3_bind_int64 (upd, 2, drawn);
      rc = sqlite3_step (upd);
      if (rc == SQLITE_ROW)
        {
          SpMoney after = sqlite3_column_int64 (upd, 0);

          if (!step_done (db, upd, error) ||
              !audit (db, now, line->code, "draw", -drawn, after, purchase_id, error))
            return FALSE;
        }
      else if (rc == SQLITE_DONE)
        {
          g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_CONFLICT,
                       _("The balance of voucher “%s” no longer covers this purchase"),
                       line->code);
          return FALSE;
        }
      else
        return db_error (db, rc, error);
    }

  ins = prepare (db, "INSERT INTO purchase_vouchers (purchase_id, position, code, kind, "
                     "programme, amount, quantity, drawn, marked_used, reimbursed_later) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, purchase_id);
  sqlite3_bind_int (ins, 2, (int) position);
  bind_text_copy (ins, 3, line->code);
  bind_text_copy (ins, 4, sp_voucher_kind_to_string (line->kind));
  bind_text_copy (ins, 5, line->kind == SP_VOUCHER_GOVERNMENT ? line->programme_id : NULL);
  sqlite3_bind_int64 (ins, 6, line->amount);
  bind_money (ins, 7, line->quantity);
  sqlite3_bind_int64 (ins, 8, drawn);
  sqlite3_bind_int (ins, 9, marked_used);
  sqlite3_bind_int (ins, 10, line->reimbursed_later);
  return step_done (db, ins, error);
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
      stmt = prepare (db, "INSERT INTO claims (purchase_id, programme, voucher_code, expected, "
                          "currency, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6)",
                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, purchase_id);
      bind_text_copy (stmt, 2, line->programme_id);
      bind_text_copy (stmt, 3, codes->str);
      sqlite3_bind_int64 (stmt, 4, expected);
      bind_text_copy (stmt, 5, sp_breakdown_get_currency (breakdown));
      sqlite3_bind_int64 (stmt, 6, now);
      if (!step_done (db, stmt, error))
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
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *json_text = NULL;
  g_autofree char *date = NULL;
  gint64 now, id;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), NULL);

  if (request == NULL)
    request = &empty_request;
  db = sp_store_get_db (self);
  now = now_or (request->now);
  if (sp_purchase_get_date (purchase) == 0)
    {
      g_set_error_literal (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID,
                           _("The purchase has no date"));
      return NULL;
    }
  date = sp_date_to_iso (sp_purchase_get_date (purchase));

  if (!begin (db, error))
    return NULL;
  /* read the wallet inside the write lock: what another process committed
   * before us is seen, and nobody can change it until we commit */
  wallet = load_wallet (db, sp_purchase_get_date (purchase), error);
  if (wallet == NULL)
    goto fail;
  if (request->codes == NULL)
    breakdown = sp_wallet_propose (wallet, purchase, error);
  else
    {
      for (guint i = 0; request->codes[i] != NULL; i++)
        if (sp_wallet_lookup_voucher (wallet, request->codes[i]) == NULL)
          {
            g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                         _("There is no voucher “%s” in the wallet"), request->codes[i]);
            goto fail;
          }
      breakdown = sp_wallet_evaluate (wallet, purchase, request->codes, error);
      if (breakdown != NULL && !check_named_refusals (breakdown, error))
        goto fail;
    }
  if (breakdown == NULL)
    goto fail;

  ins = prepare (db, "INSERT INTO purchases (recorded_at, offer_source, offer_id, description, "
                     "vendor, item_kind, category, quantity, date, currency, list_currency, "
                     "exchange_rate, rate_date, list_original, list, platform, prepaid, "
                     "government, company_cash, reimbursed_later, net, breakdown) VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                     "?17, ?18, ?19, ?20, ?21, '{}')", error);
  if (ins == NULL)
    goto fail;
  sqlite3_bind_int64 (ins, 1, now);
  bind_text_copy (ins, 2, request->offer_source);
  bind_text_copy (ins, 3, request->offer_id);
  bind_text_copy (ins, 4, request->description);
  bind_text_copy (ins, 5, sp_purchase_get_vendor (purchase));
  bind_text_copy (ins, 6, sp_item_kind_to_string (sp_purchase_get_item_kind (purchase)));
  bind_text_copy (ins, 7, sp_category_to_string (sp_purchase_get_category (purchase)));
  bind_money (ins, 8, sp_purchase_get_quantity (purchase));
  bind_text_copy (ins, 9, date);
  bind_text_copy (ins, 10, sp_breakdown_get_currency (breakdown));
  bind_text_copy (ins, 11, sp_breakdown_get_list_currency (breakdown));
  sqlite3_bind_int64 (ins, 12, sp_breakdown_get_exchange_rate (breakdown));
  bind_text_copy (ins, 13, request->rate_date);
  sqlite3_bind_int64 (ins, 14, sp_breakdown_get_list_original (breakdown));
  sqlite3_bind_int64 (ins, 15, sp_breakdown_get_list (breakdown));
  sqlite3_bind_int64 (ins, 16, sp_breakdown_get_platform (breakdown));
  sqlite3_bind_int64 (ins, 17, sp_breakdown_get_prepaid (breakdown));
  sqlite3_bind_int64 (ins, 18, sp_breakdown_get_government (breakdown));
  sqlite3_bind_int64 (ins, 19, sp_breakdown_get_company_cash (breakdown));
  sqlite3_bind_int64 (ins, 20, sp_breakdown_get_reimbursed_later (breakdown));
  sqlite3_bind_int64 (ins, 21, sp_breakdown_get_net (breakdown));
  if (!step_done (db, ins, error))
    goto fail;
  id = sqlite3_last_insert_rowid (db);

  for (guint i = 0; i < sp_breakdown_get_n_lines (breakdown); i++)
    if (!apply_line (db, wallet, sp_breakdown_get_line (breakdown, i), i, id, now, error))
      goto fail;
  if (!write_claims (db, breakdown, id, now, error) ||
      !write_ledger_entry (db, purchase, request, breakdown, id, error))
    goto fail;

  json = sp_breakdown_to_json_node (breakdown, id);
  json_text = json_to_string (json, FALSE);
  upd = prepare (db, "UPDATE purchases SET breakdown = ?2 WHERE id = ?1", error);
  if (upd == NULL)
    goto fail;
  sqlite3_bind_int64 (upd, 1, id);
  bind_text_copy (upd, 2, json_text);
  if (!step_done (db, upd, error) || !commit (db, error))
    goto fail;

  if (purchase_id != NULL)
    *purchase_id = id;
  return g_steal_pointer (&breakdown);

fail:
  rollback (db);
  return NULL;
}

gboolean
sp_store_void_purchase (SpStore     *self,
                        gint64       purchase_id,
                        gint64       now,
                        GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(sqlite3_stmt) cancel = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  db = sp_store_get_db (self);
  now = now_or (now);
  if (!begin (db, error))
    return FALSE;

  sel = prepare (db, "SELECT voided_at FROM purchases WHERE id = ?1", error);
  if (sel == NULL)
    goto fail;
  sqlite3_bind_int64 (sel, 1, purchase_id);
  rc = sqlite3_step (sel);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *pid = id_text (purchase_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no purchase %s"), pid);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      db_error (db, rc, error);
      goto fail;
    }
  if (sqlite3_column_type (sel, 0) != SQLITE_NULL)
    {
      g_autofree char *pid = id_text (purchase_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_VOIDED,
                   _("Purchase %s is already voided"), pid);
      goto fail;
    }

  lines = prepare (db, "SELECT code, drawn, marked_used FROM purchase_vouchers "
                       "WHERE purchase_id = ?1 ORDER BY position", error);
  if (lines == NULL)
    goto fail;
  sqlite3_bind_int64 (lines, 1, purchase_id);
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    {
      const char *code = column_text (lines, 0);
      SpMoney drawn = sqlite3_column_int64 (lines, 1);
      gboolean marked_used = sqlite3_column_int (lines, 2) != 0;

      if (drawn > 0)
        {
          g_autoptr(sqlite3_stmt) give = prepare (db, "UPDATE vouchers SET balance = balance + ?2 "
                                                      "WHERE code = ?1 RETURNING balance", error);
          SpMoney after = SP_MONEY_UNKNOWN;
          int grc;

          if (give == NULL)
            goto fail;
          bind_text_copy (give, 1, code);
          sqlite3_bind_int64 (give, 2, drawn);
          grc = sqlite3_step (give);
          if (grc == SQLITE_ROW)
            {
              after = sqlite3_column_int64 (give, 0);
              if (!step_done (db, give, error))
                goto fail;
            }
          else if (grc != SQLITE_DONE)
            {
              db_error (db, grc, error);
              goto fail;
            }
          /* a voucher removed since is left removed; the trail says so */
          if (!audit (db, now, code, "restore", drawn, after, purchase_id, error))
            goto fail;
        }
      if (marked_used)
        {
          g_autoptr(sqlite3_stmt) unuse = prepare (db, "UPDATE vouchers SET used = 0 "
                                                       "WHERE code = ?1", error);

          if (unuse == NULL)
            goto fail;
          bind_text_copy (unuse, 1, code);
          if (!step_done (db, unuse, error) ||
              !audit (db, now, code, "unuse", 0, SP_MONEY_UNKNOWN, purchase_id, error))
            goto fail;
        }
    }
  if (rc != SQLITE_DONE)
    {
      db_error (db, rc, error);
      goto fail;
    }

  mark = prepare (db, "UPDATE purchases SET voided_at = ?2 WHERE id = ?1", error);
  cancel = prepare (db, "UPDATE claims SET status = 'cancelled', updated_at = ?2 "
                        "WHERE purchase_id = ?1", error);
  if (mark == NULL || cancel == NULL)
    goto fail;
  sqlite3_bind_int64 (mark, 1, purchase_id);
  sqlite3_bind_int64 (mark, 2, now);
  sqlite3_bind_int64 (cancel, 1, purchase_id);
  sqlite3_bind_int64 (cancel, 2, now);
  if (!step_done (db, mark, error) || !step_done (db, cancel, error) ||
      !sp_ledger_void_purchase_on (db, purchase_id, NULL, error) ||
      !commit (db, error))
    goto fail;
  return TRUE;

fail:
  rollback (db);
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
  sp_item_kind_from_string (column_text (stmt, PCOL_ITEM_KIND), &kind);
  sp_category_from_string (column_text (stmt, PCOL_CATEGORY), &category);
  r->item_kind = kind;
  r->category = category;
  r->quantity = column_money (stmt, PCOL_QUANTITY);
  r->date = column_date (stmt, PCOL_DATE);
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
    prepare (db, "SELECT code, kind, programme, amount, quantity, reimbursed_later "
                 "FROM purchase_vouchers WHERE purchase_id = ?1 ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpPurchaseDraw d = { 0 };
      SpVoucherKind kind = SP_VOUCHER_DISCOUNT;

      sp_voucher_kind_from_string (column_text (stmt, 1), &kind);
      d.code = column_dup (stmt, 0);
      d.kind = kind;
      d.programme_id = column_dup (stmt, 2);
      d.amount = sqlite3_column_int64 (stmt, 3);
      d.quantity = column_money (stmt, 4);
      d.reimbursed_later = sqlite3_column_int (stmt, 5) != 0;
      g_array_append_val (r->draws, d);
    }
  if (rc != SQLITE_DONE)
    return db_error (db, rc, error);
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

  stmt = prepare (db, only_id > 0
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
      db_error (db, rc, error);
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
      g_autofree char *pid = id_text (purchase_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no purchase %s"), pid);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

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
  stmt = prepare (db, include_cancelled
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
      sp_claim_status_from_string (column_text (stmt, 6), &status);
      c->status = status;
      c->evidence = (sqlite3_column_int (stmt, 7) ? SP_EVIDENCE_CONTRACT : 0) |
                    (sqlite3_column_int (stmt, 8) ? SP_EVIDENCE_SETTLEMENT : 0) |
                    (sqlite3_column_int (stmt, 9) ? SP_EVIDENCE_FAPIAO : 0);
      c->updated_at = sqlite3_column_int64 (stmt, 10);
      c->purchase_date = column_date (stmt, 11);
      c->description = column_dup (stmt, 12);
      g_ptr_array_add (out, c);
    }
  if (rc != SQLITE_DONE)
    {
      db_error (db, rc, error);
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
  if (!begin (db, error))
    return FALSE;
  sel = prepare (db, "SELECT status FROM claims WHERE id = ?1", error);
  if (sel == NULL)
    goto fail;
  sqlite3_bind_int64 (sel, 1, claim_id);
  rc = sqlite3_step (sel);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *cid = id_text (claim_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("There is no claim %s"), cid);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      db_error (db, rc, error);
      goto fail;
    }
  if (g_strcmp0 (column_text (sel, 0), "cancelled") == 0)
    {
      g_autofree char *cid = id_text (claim_id);

      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_VOIDED,
                   _("Claim %s is cancelled: its purchase was voided"), cid);
      goto fail;
    }
  upd = prepare (db, "UPDATE claims SET status = ?2, contract = ?3, settlement = ?4, "
                     "fapiao = ?5, updated_at = ?6 WHERE id = ?1", error);
  if (upd == NULL)
    goto fail;
  sqlite3_bind_int64 (upd, 1, claim_id);
  bind_text_copy (upd, 2, claim_status_names[status]);
  sqlite3_bind_int (upd, 3, (evidence & SP_EVIDENCE_CONTRACT) != 0);
  sqlite3_bind_int (upd, 4, (evidence & SP_EVIDENCE_SETTLEMENT) != 0);
  sqlite3_bind_int (upd, 5, (evidence & SP_EVIDENCE_FAPIAO) != 0);
  sqlite3_bind_int64 (upd, 6, now_or (now));
  if (!step_done (db, upd, error) || !commit (db, error))
    goto fail;
  return TRUE;

fail:
  rollback (db);
  return FALSE;
}
