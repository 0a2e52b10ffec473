/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store.c — vouchers, programmes, purchases and claims in the store
 *
 * The wallet tables of schema v3 (data/sql/0003-wallet.sql).  This file has
 * the shared helpers, the audit trail, programmes and the breakdown's JSON;
 * vouchers, purchases and claims are in sp-wallet-store-*.c.  Every
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

#include "sp-json.h"
#include "sp-ledger.h"
#include "sp-store-private.h"
#include "sp-wallet-store.h"
#include "sp-wallet-store-private.h"

G_DEFINE_QUARK (sp-wallet-store-error-quark, sp_wallet_store_error)


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

gboolean
sp_wallet_store_db_error (sqlite3  *db,
                          int       rc,
                          GError  **error)
{
  return sp_database_set_sql_error (db, rc, SP_STORE_ERROR, error);
}

sqlite3_stmt *
sp_wallet_store_prepare (sqlite3     *db,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sp_wallet_store_db_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Steps a statement that returns no rows (or whose rows are ignored). */
gboolean
sp_wallet_store_step_done (sqlite3       *db,
                           sqlite3_stmt  *stmt,
                           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return sp_wallet_store_db_error (db, rc, error);
  return TRUE;
}

/* sp_database_exec_on () with its error passed on as the store's (as
 * sp_wallet_store_db_error () does for a result code) */
static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  g_autoptr(GError) cause = NULL;

  if (sp_database_exec_on (db, sql, &cause))
    return TRUE;
  sp_database_error_to (cause, SP_STORE_ERROR, error);
  return FALSE;
}

gboolean
sp_wallet_store_begin (sqlite3  *db,
                       GError  **error)
{
  return exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
sp_wallet_store_commit (sqlite3  *db,
                        GError  **error)
{
  return exec (db, "COMMIT", error);
}

void
sp_wallet_store_rollback (sqlite3 *db)
{
  sp_database_rollback_on (db);
}

gboolean
sp_wallet_store_finish (sqlite3   *db,
                        gboolean   ok,
                        GError   **error)
{
  if (ok && sp_wallet_store_commit (db, error))
    return TRUE;
  sp_wallet_store_rollback (db);
  return FALSE;
}

/* bind_text() with a copy: the text may be freed before the step */
void
sp_wallet_store_bind_text_copy (sqlite3_stmt *stmt, int idx, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, idx);
}

void
sp_wallet_store_bind_date (sqlite3_stmt *stmt, int idx, guint32 julian)
{
  if (julian != 0)
    {
      g_autofree char *iso = sp_date_to_iso (julian);

      sqlite3_bind_text (stmt, idx, iso, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, idx);
}

const char *
sp_wallet_store_column_text (sqlite3_stmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

guint32
sp_wallet_store_column_date (sqlite3_stmt *stmt, int col)
{
  const char *text = sp_wallet_store_column_text (stmt, col);
  guint32 julian = 0;

  if (text == NULL || !sp_date_parse_iso (text, &julian))
    return 0;
  return julian;
}

guint32
sp_wallet_store_today_julian (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                          (GDateMonth) g_date_time_get_month (now),
                                          (GDateYear) g_date_time_get_year (now));

  return g_date_get_julian (date);
}

/* "2026" for a Julian day */
char *
sp_wallet_store_year_of (guint32 julian)
{
  g_autoptr(GDate) date = g_date_new_julian (julian);

  return g_strdup_printf ("%04u", (guint) g_date_get_year (date));
}

gint64
sp_wallet_store_now_or (gint64 now)
{
  return now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
}

GStrv
sp_wallet_store_strv_from_json (const char *text)
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

      if (sp_json_node_is_string (n))
        g_strv_builder_add (builder, json_node_get_string (n));
    }
  return g_strv_builder_end (builder);
}

/* an id as text, for messages (no format macros inside translatable text) */
char *
sp_wallet_store_id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* ------------------------------------------------------------- audit trail */

gboolean
sp_wallet_store_audit (sqlite3     *db,
                       gint64       now,
                       const char  *code,
                       const char  *action,
                       SpMoney      delta,
                       SpMoney      balance_after,
                       gint64       purchase_id,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    sp_wallet_store_prepare (db, "INSERT INTO voucher_audit (time, code, action, delta, balance_after, "
                                 "purchase_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sp_wallet_store_bind_text_copy (stmt, 2, code);
  sp_wallet_store_bind_text_copy (stmt, 3, action);
  sqlite3_bind_int64 (stmt, 4, delta);
  bind_money (stmt, 5, balance_after);
  if (purchase_id > 0)
    sqlite3_bind_int64 (stmt, 6, purchase_id);
  else
    sqlite3_bind_null (stmt, 6);
  return sp_wallet_store_step_done (db, stmt, error);
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

GPtrArray *
sp_wallet_store_load_programmes (sqlite3  *db,
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

  stmt = sp_wallet_store_prepare (db, "SELECT id, definition FROM programmes ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *def = sp_wallet_store_column_text (stmt, 1);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) local_error = NULL;

      list = sp_programme_list_from_data (def, strlen (def), &local_error);
      if (list == NULL)
        {
          /* stored by an import that validated it: only a newer Suanpan's
           * definition can fail here; keep going with the others */
          g_warning ("Imported programme “%s” cannot be read: %s",
                     sp_wallet_store_column_text (stmt, 0), local_error->message);
          continue;
        }
      for (guint i = 0; i < list->len; i++)
        g_hash_table_replace (by_id, g_strdup (sp_programme_get_id (list->pdata[i])),
                              g_object_ref (list->pdata[i]));
    }
  if (rc != SQLITE_DONE)
    {
      sp_wallet_store_db_error (db, rc, error);
      return NULL;
    }
  if (!sp_wallet_store_add_feed_programmes (db, by_id, error))
    return NULL;

  out = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, g_object_ref (value));
  g_ptr_array_sort (out, programme_cmp);
  return out;
}

/* ------------------------------------------------------------------- JSON */

/* One line of "vouchers_used". */
static void
line_to_json (JsonBuilder           *b,
              const SpBreakdownLine *line)
{
  json_builder_begin_object (b);
  sp_json_set_string (b, "code", line->code);
  sp_json_set_string (b, "kind", sp_voucher_kind_to_string (line->kind));
  sp_json_set_string (b, "programme", line->programme_id);
  sp_json_set_money (b, "amount", line->amount, 2);
  if (line->quantity != SP_MONEY_UNKNOWN)
    sp_json_set_money (b, "quantity", line->quantity, 0);
  sp_json_set_bool (b, "reimbursed_later", line->reimbursed_later);
  sp_json_set_string (b, "note", line->note);
  json_builder_end_object (b);
}

/* One of "refusals". */
static void
refusal_to_json (JsonBuilder              *b,
                 const SpBreakdownRefusal *r)
{
  json_builder_begin_object (b);
  sp_json_set_string (b, "code", r->code);
  sp_json_set_string (b, "reason", (guint) r->reason < G_N_ELEMENTS (refusal_names)
                                     ? refusal_names[r->reason] : "other");
  sp_json_set_string (b, "message", r->message);
  json_builder_end_object (b);
}

JsonNode *
sp_breakdown_to_json_node (SpBreakdown *breakdown,
                           gint64       purchase_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();  /* callers may add members */
  const char * const *explanation;

  g_return_val_if_fail (SP_IS_BREAKDOWN (breakdown), NULL);

  json_builder_begin_object (b);
  if (purchase_id > 0)
    sp_json_set_int (b, "purchase_id", purchase_id);
  sp_json_set_string (b, "currency", sp_breakdown_get_currency (breakdown));
  sp_json_set_string (b, "list_currency", sp_breakdown_get_list_currency (breakdown));
  sp_json_set_money (b, "exchange_rate", sp_breakdown_get_exchange_rate (breakdown), 0);
  sp_json_set_money (b, "list_original", sp_breakdown_get_list_original (breakdown), 2);
  sp_json_set_money (b, "list", sp_breakdown_get_list (breakdown), 2);
  sp_json_set_money (b, "platform", sp_breakdown_get_platform (breakdown), 2);
  sp_json_set_money (b, "contract", sp_breakdown_get_contract (breakdown), 2);
  sp_json_set_money (b, "prepaid", sp_breakdown_get_prepaid (breakdown), 2);
  sp_json_set_money (b, "government", sp_breakdown_get_government (breakdown), 2);
  sp_json_set_money (b, "company_cash", sp_breakdown_get_company_cash (breakdown), 2);
  sp_json_set_money (b, "reimbursed_later", sp_breakdown_get_reimbursed_later (breakdown), 2);
  sp_json_set_money (b, "net_after_reimbursement", sp_breakdown_get_net (breakdown), 2);

  json_builder_set_member_name (b, "vouchers_used");
  json_builder_begin_array (b);
  for (guint i = 0; i < sp_breakdown_get_n_lines (breakdown); i++)
    line_to_json (b, sp_breakdown_get_line (breakdown, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "refusals");
  json_builder_begin_array (b);
  for (guint i = 0; i < sp_breakdown_get_n_refusals (breakdown); i++)
    refusal_to_json (b, sp_breakdown_get_refusal (breakdown, i));
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
  return sp_wallet_store_load_programmes (sp_store_get_db (self), error);
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

  all = sp_wallet_store_load_programmes (sp_store_get_db (self), error);
  if (all == NULL)
    return NULL;
  p = sp_programme_list_find (all, id);
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

  if (!sp_wallet_store_begin (db, error))
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

      stmt = sp_wallet_store_prepare (db, "INSERT INTO programmes (id, definition, imported_at) "
                                          "VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET "
                                          "definition = excluded.definition, imported_at = excluded.imported_at",
                                      error);
      if (stmt == NULL)
        goto fail;
      sp_wallet_store_bind_text_copy (stmt, 1, json_object_get_string_member (obj, "id"));
      sp_wallet_store_bind_text_copy (stmt, 2, text);
      sqlite3_bind_int64 (stmt, 3, sp_wallet_store_now_or (now));
      if (!sp_wallet_store_step_done (db, stmt, error))
        goto fail;
      n++;
    }
  if (!sp_wallet_store_commit (db, error))
    goto fail;
  if (n_imported != NULL)
    *n_imported = n;
  return TRUE;

fail:
  sp_wallet_store_rollback (db);
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
  stmt = sp_wallet_store_prepare (db, "DELETE FROM programmes WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sp_wallet_store_bind_text_copy (stmt, 1, id);
  if (!sp_wallet_store_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                   _("No imported programme “%s”"), id);
      return FALSE;
    }
  return TRUE;
}
