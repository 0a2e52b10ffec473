/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store.c — the local SQLite store (offers, price history, metadata)
 *
 * One connection per SpStore, WAL journal, foreign keys on, every statement
 * prepared once and cached in the object, values only ever bound as
 * parameters.  Money is stored as INTEGER micro-units; an unknown price is
 * NULL, never 0.  The schema is created by numbered migrations, one
 * transaction each, so a database of any earlier version is brought forward
 * step by step. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-database.h"
#include "sp-store.h"
#include "sp-store-private.h"

/* sp_store_open() passes the database's errors on as its own */
G_STATIC_ASSERT ((int) SP_DATABASE_ERROR_OPEN == (int) SP_STORE_ERROR_OPEN &&
                 (int) SP_DATABASE_ERROR_CORRUPT == (int) SP_STORE_ERROR_CORRUPT &&
                 (int) SP_DATABASE_ERROR_NEWER == (int) SP_STORE_ERROR_NEWER &&
                 (int) SP_DATABASE_ERROR_SQL == (int) SP_STORE_ERROR_SQL);

/* The schema is the database's (sp-database.h, data/sql/). */
G_STATIC_ASSERT (SP_STORE_SCHEMA_VERSION == SP_DATABASE_SCHEMA_VERSION);

#define OFFER_COLUMNS                                                         \
  "source, id, vendor_id, vendor_name, vendor_name_zh, kind, name, model, "   \
  "gpu_model, gpu_count, gpu_memory_gb, vcpus_milli, ram_mib, region, "       \
  "billing, min_commitment, currency, tax, price, input_price, "              \
  "output_price, cached_input_price, context_window, tiers, list_price, "     \
  "list_unit, valid_from, valid_to, storage_stopped_gb_month, egress_gb, "    \
  "min_billing_seconds, voucher_programmes, fapiao, note, demo, fetched_at, " \
  "price_source_url, verified_at, retired, attribution, cache_write_price, "  \
  "variants, gpu_fraction, host, host_price"

/* column indexes (0-based) of OFFER_COLUMNS */
enum {
  COL_SOURCE,
  COL_ID,
  COL_VENDOR_ID,
  COL_VENDOR_NAME,
  COL_VENDOR_NAME_ZH,
  COL_KIND,
  COL_NAME,
  COL_MODEL,
  COL_GPU_MODEL,
  COL_GPU_COUNT,
  COL_GPU_MEMORY_GB,
  COL_VCPUS_MILLI,
  COL_RAM_MIB,
  COL_REGION,
  COL_BILLING,
  COL_MIN_COMMITMENT,
  COL_CURRENCY,
  COL_TAX,
  COL_PRICE,
  COL_INPUT_PRICE,
  COL_OUTPUT_PRICE,
  COL_CACHED_INPUT_PRICE,
  COL_CONTEXT_WINDOW,
  COL_TIERS,
  COL_LIST_PRICE,
  COL_LIST_UNIT,
  COL_VALID_FROM,
  COL_VALID_TO,
  COL_STORAGE_STOPPED_GB_MONTH,
  COL_EGRESS_GB,
  COL_MIN_BILLING_SECONDS,
  COL_VOUCHER_PROGRAMMES,
  COL_FAPIAO,
  COL_NOTE,
  COL_DEMO,
  COL_FETCHED_AT,
  COL_PRICE_SOURCE_URL,
  COL_VERIFIED_AT,
  COL_RETIRED,
  COL_ATTRIBUTION,
  COL_CACHE_WRITE_PRICE,
  COL_VARIANTS,
  COL_GPU_FRACTION,
  COL_HOST,
  COL_HOST_PRICE,
  N_OFFER_COLUMNS,
  /* the offer insert's one more: the date of its current price point */
  COL_PRICE_SINCE = N_OFFER_COLUMNS,
  N_INSERT_COLUMNS
};

/* A source row as read by source_from_row().  last_success falls back to
 * the time of the last import, so a catalog imported by hand is not shown
 * as never updated. */
#define SOURCE_COLUMNS                                                        \
  "s.name, s.url, coalesce (s.fetch_format, s.format), s.enabled, "           \
  "s.refresh_policy, s.has_api_key, "                                         \
  "max (s.last_success, coalesce (s.imported_at, 0)), s.last_attempt, "       \
  "s.last_error, s.http_status, s.http_details, s.etag, s.last_modified, "    \
  "(SELECT count(*) FROM offers o WHERE o.source = s.name), s.rows_repaired"

enum {
  SCOL_NAME,
  SCOL_URL,
  SCOL_FORMAT,
  SCOL_ENABLED,
  SCOL_REFRESH_POLICY,
  SCOL_HAS_API_KEY,
  SCOL_LAST_SUCCESS,
  SCOL_LAST_ATTEMPT,
  SCOL_LAST_ERROR,
  SCOL_HTTP_STATUS,
  SCOL_HTTP_DETAILS,
  SCOL_ETAG,
  SCOL_LAST_MODIFIED,
  SCOL_OFFER_COUNT,
  SCOL_ROWS_REPAIRED,
};

typedef enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_UPSERT_SOURCE,
  STMT_SELECT_PRICES,
  STMT_DELETE_OFFER,
  STMT_INSERT_HISTORY,
  STMT_POINTS_FROM_OFFERS,
  STMT_POINT_FROM_OFFER,
  STMT_CLEAR_SINCE,
  STMT_LOAD_OFFERS,
  STMT_COUNT_ALL,
  STMT_COUNT_SOURCE,
  STMT_HISTORY,
  STMT_GET_META,
  STMT_SET_META,
  STMT_DELETE_META,
  STMT_DELETE_SOURCE,
  STMT_ADD_SOURCE,
  STMT_UPDATE_SOURCE,
  STMT_DELETE_SOURCE_OFFERS,
  STMT_LIST_SOURCES,
  STMT_GET_SOURCE,
  STMT_RECORD_SUCCESS,
  STMT_RECORD_FAILURE,
  STMT_GET_GENERATED,
  STMT_HISTORY_BEFORE,
  STMT_HISTORY_AFTER,
  STMT_DELETE_HISTORY_ROW,
  STMT_LOAD_OFFER,
  STMT_INSERT_GONE,
  STMT_GONE_AFTER,
  STMT_HAS_HISTORY,
  N_STMTS
} StmtId;

static const struct {
  const char *sql;
  gboolean    hot;  /* SQLITE_PREPARE_PERSISTENT */
} stmt_defs[N_STMTS] = {
  [STMT_BEGIN] = { "BEGIN IMMEDIATE", TRUE },
  [STMT_COMMIT] = { "COMMIT", TRUE },
  [STMT_ROLLBACK] = { "ROLLBACK", TRUE },
  [STMT_UPSERT_SOURCE] = {
    "INSERT INTO sources (name, format, vendor_name, imported_at, generated_at, "
    "rows_read, rows_skipped, rows_repaired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (name) DO UPDATE SET format = excluded.format, "
    "vendor_name = excluded.vendor_name, imported_at = excluded.imported_at, "
    "generated_at = excluded.generated_at, rows_read = excluded.rows_read, "
    "rows_skipped = excluded.rows_skipped, rows_repaired = excluded.rows_repaired", TRUE },
  [STMT_SELECT_PRICES] = {
    "SELECT id, currency, price, input_price, output_price, cached_input_price, "
    "price_since FROM offers WHERE source = ?1", TRUE },
  [STMT_DELETE_OFFER] = { "DELETE FROM offers WHERE source = ?1 AND id = ?2", TRUE },
  /* the current price points of a source's offers (offers.price_since)
   * written to price_points, then marked as written */
  [STMT_POINTS_FROM_OFFERS] = {
    "INSERT INTO price_points (source, offer_id, observed_at, currency, price, "
    "input_price, output_price, cached_input_price) "
    "SELECT source, id, price_since, currency, price, input_price, output_price, "
    "cached_input_price FROM offers WHERE source = ?1 AND price_since IS NOT NULL "
    "ORDER BY id", TRUE },
  [STMT_POINT_FROM_OFFER] = {
    "INSERT INTO price_points (source, offer_id, observed_at, currency, price, "
    "input_price, output_price, cached_input_price) "
    "SELECT source, id, price_since, currency, price, input_price, output_price, "
    "cached_input_price FROM offers WHERE source = ?1 AND id = ?2 "
    "AND price_since IS NOT NULL", TRUE },
  [STMT_CLEAR_SINCE] = {
    "UPDATE offers SET price_since = NULL WHERE source = ?1 AND price_since IS NOT NULL",
    FALSE },
  [STMT_INSERT_HISTORY] = {
    "INSERT INTO price_points (source, offer_id, observed_at, currency, price, "
    "input_price, output_price, cached_input_price) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", TRUE },
  [STMT_LOAD_OFFERS] = {
    "SELECT " OFFER_COLUMNS " FROM offers ORDER BY source, id", TRUE },
  [STMT_COUNT_ALL] = { "SELECT count(*) FROM offers", FALSE },
  [STMT_COUNT_SOURCE] = { "SELECT count(*) FROM offers WHERE source = ?1", FALSE },
  /* the written points, then the current one (the newest written) */
  [STMT_HISTORY] = {
    "SELECT observed_at, currency, price, input_price, output_price, rowid AS k "
    "FROM price_points WHERE source = ?1 AND offer_id = ?2 "
    "UNION ALL "
    "SELECT price_since, currency, price, input_price, output_price, "
    "9223372036854775807 FROM offers "
    "WHERE source = ?1 AND id = ?2 AND price_since IS NOT NULL "
    "ORDER BY 1, 6", FALSE },
  [STMT_GET_META] = { "SELECT value FROM meta WHERE key = ?1", FALSE },
  [STMT_SET_META] = {
    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", FALSE },
  [STMT_DELETE_META] = { "DELETE FROM meta WHERE key = ?1", FALSE },
  [STMT_DELETE_SOURCE] = { "DELETE FROM sources WHERE name = ?1", FALSE },
  [STMT_ADD_SOURCE] = {
    "INSERT INTO sources (name, format, fetch_format, url, enabled, refresh_policy, "
    "has_api_key) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (name) DO NOTHING", FALSE },
  /* a new URL or format makes the cached validators meaningless */
  [STMT_UPDATE_SOURCE] = {
    "UPDATE sources SET "
    "etag = CASE WHEN url IS ?2 AND coalesce (fetch_format, format) IS ?3 "
    "  THEN etag ELSE NULL END, "
    "last_modified = CASE WHEN url IS ?2 AND coalesce (fetch_format, format) IS ?3 "
    "  THEN last_modified ELSE NULL END, "
    "url = ?2, fetch_format = ?3, enabled = ?4, refresh_policy = ?5, has_api_key = ?6 "
    "WHERE name = ?1", FALSE },
  [STMT_DELETE_SOURCE_OFFERS] = { "DELETE FROM offers WHERE source = ?1", FALSE },
  [STMT_LIST_SOURCES] = { "SELECT " SOURCE_COLUMNS " FROM sources s ORDER BY s.name", FALSE },
  [STMT_GET_SOURCE] = { "SELECT " SOURCE_COLUMNS " FROM sources s WHERE s.name = ?1", FALSE },
  /* on 304 Not Modified the server may leave out the validators: keep ours */
  [STMT_RECORD_SUCCESS] = {
    "UPDATE sources SET last_attempt = ?2, last_success = ?2, last_error = NULL, "
    "http_status = ?3, http_details = ?4, "
    "etag = CASE WHEN ?3 = 304 THEN coalesce (?5, etag) ELSE ?5 END, "
    "last_modified = CASE WHEN ?3 = 304 THEN coalesce (?6, last_modified) ELSE ?6 END "
    "WHERE name = ?1", FALSE },
  [STMT_RECORD_FAILURE] = {
    "UPDATE sources SET last_attempt = ?2, last_error = ?3, http_status = ?4, "
    "http_details = ?5 WHERE name = ?1", FALSE },
  /* dated snapshots (issue 13 item 7) */
  [STMT_GET_GENERATED] = {
    "SELECT CASE WHEN coalesce (generated_at, 0) > 0 THEN generated_at "
    "ELSE coalesce (imported_at, 0) END FROM sources WHERE name = ?1", FALSE },
  [STMT_HISTORY_BEFORE] = {
    "SELECT rowid, currency, price, input_price, output_price, cached_input_price "
    "FROM price_points WHERE source = ?1 AND offer_id = ?2 AND observed_at <= ?3 "
    "ORDER BY observed_at DESC, rowid DESC LIMIT 1", FALSE },
  [STMT_HISTORY_AFTER] = {
    "SELECT rowid, currency, price, input_price, output_price, cached_input_price "
    "FROM price_points WHERE source = ?1 AND offer_id = ?2 AND observed_at > ?3 "
    "ORDER BY observed_at, rowid LIMIT 1", FALSE },
  [STMT_DELETE_HISTORY_ROW] = { "DELETE FROM price_points WHERE rowid = ?1", FALSE },
  [STMT_LOAD_OFFER] = {
    "SELECT " OFFER_COLUMNS " FROM offers WHERE source = ?1 AND id = ?2", FALSE },
  [STMT_INSERT_GONE] = {
    "INSERT INTO offers_gone (source, offer_id, gone_at, vendor_id, vendor_name, name, kind, "
    "offer_group, currency, price, input_price, output_price) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", FALSE },
  [STMT_GONE_AFTER] = {
    "SELECT count(*) FROM offers_gone WHERE source = ?1 AND offer_id = ?2 AND gone_at > ?3",
    FALSE },
  [STMT_HAS_HISTORY] = {
    "SELECT EXISTS (SELECT 1 FROM price_history WHERE source = ?1)", FALSE },
};

/* A parameter of the offer insert as last bound */
typedef struct {
  gboolean    set;
  gboolean    is_null;
  const void *ptr;
  gint64      value;
} Bound;

struct _SpStore
{
  GObject       parent_instance;

  char         *path;
  SpDatabase   *database;
  sqlite3      *db;                            /* the database's connection */
  int           schema_version;
  sqlite3_stmt *stmts[N_STMTS];
  Bound         offer_bound[N_INSERT_COLUMNS]; /* see bind_same_text () */
  sqlite3_stmt *single_stmt;                   /* the offer inserts, made from */
  sqlite3_stmt *batch_stmt;                    /* OFFER_COLUMNS (see OFFER_BATCH) */
  Bound        *batch_bound;                   /* OFFER_BATCH × N_INSERT_COLUMNS */
};

G_DEFINE_FINAL_TYPE (SpStore, sp_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-store-error-quark, sp_store_error)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The prices that decide whether a history point is appended. */
typedef struct {
  char     *currency;
  SpMoney   price;
  SpMoney   input_price;
  SpMoney   output_price;
  SpMoney   cached_input_price;
  gint64    since;      /* offers.price_since; SP_MONEY_UNKNOWN: NULL */
  gboolean  seen;       /* present in the result being stored */
  char      id[];       /* the hash key */
} StoredPrice;

/* ------------------------------------------------------------------ helpers */

static gboolean
set_sql_error (SpStore  *self,
               int       rc,
               GError  **error)
{
  return sp_database_set_sql_error (self->db, rc, SP_STORE_ERROR, error);
}

static sqlite3_stmt *
get_stmt (SpStore  *self,
          StmtId    id,
          GError  **error)
{
  sqlite3_stmt *stmt = self->stmts[id];

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_defs[id].sql, -1,
                                   stmt_defs[id].hot ? SQLITE_PREPARE_PERSISTENT : 0,
                                   &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_sql_error (self, rc, error);
          sqlite3_finalize (stmt);
          return NULL;
        }
      self->stmts[id] = stmt;
    }
  return stmt;
}

static void
stmt_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Runs a cached statement that returns no rows. */
static gboolean
run_stmt (SpStore       *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return FALSE;
    }
  stmt_done (stmt);
  return TRUE;
}

/* Runs an INSERT whose every parameter is bound each time: a reset is
 * enough (no sqlite3_clear_bindings per row). */
static gboolean
run_insert (SpStore       *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    set_sql_error (self, rc, error);  /* while the message is the step's */
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
run_simple (SpStore  *self,
            StmtId    id,
            GError  **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id, error);

  return stmt != NULL && run_stmt (self, stmt, error);
}

static void
rollback (SpStore *self)
{
  g_autoptr(GError) local_error = NULL;

  if (sqlite3_get_autocommit (self->db))
    return; /* SQLite already rolled back */
  if (!run_simple (self, STMT_ROLLBACK, &local_error))
    g_warning ("Rollback failed: %s", local_error->message);
}

static void
bind_text (sqlite3_stmt *stmt, int idx, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, idx);
}

static void
bind_money (sqlite3_stmt *stmt, int idx, SpMoney value)
{
  if (value != SP_MONEY_UNKNOWN)
    sqlite3_bind_int64 (stmt, idx, value);
  else
    sqlite3_bind_null (stmt, idx);
}

static SpMoney
column_money (sqlite3_stmt *stmt, int col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return SP_MONEY_UNKNOWN;
  return sqlite3_column_int64 (stmt, col);
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static const char *
column_intern (sqlite3_stmt *stmt, int col)
{
  return g_intern_string ((const char *) sqlite3_column_text (stmt, col));
}

static guint
column_uint (sqlite3_stmt *stmt, int col)
{
  gint64 v = sqlite3_column_int64 (stmt, col);

  return (guint) CLAMP (v, 0, (gint64) G_MAXUINT);
}

static void
append_money_json (GString *s, SpMoney value)
{
  if (value == SP_MONEY_UNKNOWN)
    g_string_append (s, "null");
  else
    g_string_append_printf (s, "%" G_GINT64_FORMAT, value);
}

/* Tiers as compact JSON: [[above_tokens, input, output, cached_input], …]
 * with null for an unknown price.  Only integers, so no escaping is needed. */
static char *
tiers_to_json (GArray *tiers)
{
  GString *s;

  if (tiers == NULL)
    return NULL;
  s = g_string_new ("[");
  for (guint i = 0; i < tiers->len; i++)
    {
      const SpTokenTier *t = &g_array_index (tiers, SpTokenTier, i);

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "[%" G_GINT64_FORMAT ",", t->above_tokens);
      append_money_json (s, t->input);
      g_string_append_c (s, ',');
      append_money_json (s, t->output);
      g_string_append_c (s, ',');
      append_money_json (s, t->cached_input);
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Variants as compact JSON: [[condition, off_peak, start, end, input,
 * output, cached_input, cache_write], …]; the condition is its nick. */
static char *
variants_to_json (GArray *variants)
{
  GString *s;

  if (variants == NULL)
    return NULL;
  s = g_string_new ("[");
  for (guint i = 0; i < variants->len; i++)
    {
      const SpPriceVariant *v = &g_array_index (variants, SpPriceVariant, i);

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "[\"%s\",%d,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                              sp_variant_condition_to_string (v->condition),
                              v->off_peak ? 1 : 0, v->start, v->end);
      append_money_json (s, v->input);
      g_string_append_c (s, ',');
      append_money_json (s, v->output);
      g_string_append_c (s, ',');
      append_money_json (s, v->cached_input);
      g_string_append_c (s, ',');
      append_money_json (s, v->cache_write);
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static char *
strv_to_json (char **strv)
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

static JsonArray *
parse_json_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  return json_array_ref (json_node_get_array (root));
}

static gboolean
json_money (JsonArray *a, guint i, SpMoney *out)
{
  JsonNode *n = json_array_get_element (a, i);

  if (JSON_NODE_HOLDS_NULL (n))
    {
      *out = SP_MONEY_UNKNOWN;
      return TRUE;
    }
  if (json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static gboolean
tiers_from_json (const char *text, GArray **out)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GArray) tiers = NULL;

  *out = NULL;
  if (text == NULL)
    return TRUE;
  array = parse_json_array (text);
  if (array == NULL)
    return FALSE;
  tiers = g_array_sized_new (FALSE, TRUE, sizeof (SpTokenTier), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      JsonArray *t;
      JsonNode *above;
      SpTokenTier tier;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return FALSE;
      t = json_node_get_array (n);
      if (json_array_get_length (t) != 4)
        return FALSE;
      above = json_array_get_element (t, 0);
      if (!JSON_NODE_HOLDS_VALUE (above) || json_node_get_value_type (above) != G_TYPE_INT64)
        return FALSE;
      tier.above_tokens = json_node_get_int (above);
      if (!json_money (t, 1, &tier.input) ||
          !json_money (t, 2, &tier.output) ||
          !json_money (t, 3, &tier.cached_input))
        return FALSE;
      g_array_append_val (tiers, tier);
    }
  *out = g_steal_pointer (&tiers);
  return TRUE;
}

static gboolean
json_int (JsonArray *a, guint i, gint64 *out)
{
  JsonNode *n = json_array_get_element (a, i);

  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static gboolean
variants_from_json (const char *text, GArray **out)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GArray) variants = NULL;

  *out = NULL;
  if (text == NULL)
    return TRUE;
  array = parse_json_array (text);
  if (array == NULL)
    return FALSE;
  variants = g_array_sized_new (FALSE, TRUE, sizeof (SpPriceVariant), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      JsonNode *cond;
      JsonArray *t;
      SpPriceVariant v;
      gint64 off_peak;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return FALSE;
      t = json_node_get_array (n);
      if (json_array_get_length (t) != 8)
        return FALSE;
      cond = json_array_get_element (t, 0);
      if (!JSON_NODE_HOLDS_VALUE (cond) || json_node_get_value_type (cond) != G_TYPE_STRING ||
          !sp_variant_condition_from_string (json_node_get_string (cond), &v.condition))
        return FALSE;
      if (!json_int (t, 1, &off_peak) || !json_int (t, 2, &v.start) || !json_int (t, 3, &v.end) ||
          !json_money (t, 4, &v.input) || !json_money (t, 5, &v.output) ||
          !json_money (t, 6, &v.cached_input) || !json_money (t, 7, &v.cache_write))
        return FALSE;
      v.off_peak = off_peak != 0;
      g_array_append_val (variants, v);
    }
  *out = g_steal_pointer (&variants);
  return TRUE;
}

static gboolean
strv_from_json (const char *text, char ***out)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  *out = NULL;
  if (text == NULL)
    return TRUE;
  array = parse_json_array (text);
  if (array == NULL)
    return FALSE;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (n));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static void
stored_price_free (gpointer data)
{
  StoredPrice *sp = data;

  g_free (sp->currency);
  g_free (sp);
}

static StoredPrice *
stored_price_new (const char *id)
{
  gsize len = strlen (id);
  StoredPrice *sp = g_malloc0 (sizeof (StoredPrice) + len + 1);

  memcpy (sp->id, id, len + 1);
  return sp;
}

static gboolean
stored_price_differs (const StoredPrice *sp,
                      const SpOffer     *offer)
{
  return g_strcmp0 (sp->currency, offer->currency) != 0 ||
         sp->price != offer->price ||
         sp->input_price != offer->input_price ||
         sp->output_price != offer->output_price ||
         sp->cached_input_price != offer->cached_input_price;
}

/* id -> StoredPrice for every offer of @source currently in the store */
static GHashTable *
load_current_prices (SpStore     *self,
                     const char  *source,
                     GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       NULL, stored_price_free);
  sqlite3_stmt *stmt = get_stmt (self, STMT_SELECT_PRICES, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredPrice *sp = stored_price_new ((const char *) sqlite3_column_text (stmt, 0));

      sp->currency = column_dup (stmt, 1);
      sp->price = column_money (stmt, 2);
      sp->input_price = column_money (stmt, 3);
      sp->output_price = column_money (stmt, 4);
      sp->cached_input_price = column_money (stmt, 5);
      sp->since = column_money (stmt, 6);
      g_hash_table_insert (table, sp->id, sp);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return NULL;
    }
  stmt_done (stmt);
  return g_steal_pointer (&table);
}

/* Offers are inserted OFFER_BATCH at a time, one multi-row INSERT per batch
 * (the rest one by one): the statement's cursor stays open from row to row,
 * so SQLite appends the key-ordered rows without a seek from the root, and
 * the per-statement cost is paid once a batch (HACKING.md, "Ingest").  The
 * statement is made from OFFER_COLUMNS, so a new column needs nothing here. */
#define OFFER_BATCH 64

/* Each insert keeps its parameters from one use to the next (it is only
 * reset): a value equal to the one bound in the same place last time is not
 * bound again.  Forgotten at the start and end of every
 * sp_store_replace_source (). */
typedef struct {
  sqlite3_stmt *stmt;
  int           base;   /* parameter index of the row's first column, minus 1 */
  Bound        *bound;  /* N_INSERT_COLUMNS */
} OfferBinder;

static void
forget_offer_bindings (SpStore *self)
{
  memset (self->offer_bound, 0, sizeof self->offer_bound);
  if (self->single_stmt != NULL)
    sqlite3_clear_bindings (self->single_stmt);
  if (self->batch_bound != NULL)
    memset (self->batch_bound, 0, sizeof (Bound) * OFFER_BATCH * N_INSERT_COLUMNS);
  if (self->batch_stmt != NULL)
    sqlite3_clear_bindings (self->batch_stmt);
}

/* "INSERT OR REPLACE INTO offers (OFFER_COLUMNS, price_since) VALUES (?, …), …" for
 * @rows offers, made from OFFER_COLUMNS (a new column needs only its name
 * there, its COL_ index and its line in bind_offer ()); prepared once. */
static sqlite3_stmt *
prepare_offer_insert (SpStore  *self,
                      guint     rows,
                      GError  **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR REPLACE INTO offers (" OFFER_COLUMNS
                                         ", price_since) VALUES ");
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r == 0 ? "(" : ", (");
      for (guint c = 0; c < N_INSERT_COLUMNS; c++)
        g_string_append (sql, c == 0 ? "?" : ", ?");
      g_string_append_c (sql, ')');
    }
  rc = sqlite3_prepare_v3 (self->db, sql->str, (int) sql->len, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sql_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static sqlite3_stmt *
get_single_stmt (SpStore  *self,
                 GError  **error)
{
  if (self->single_stmt == NULL)
    self->single_stmt = prepare_offer_insert (self, 1, error);
  return self->single_stmt;
}

/* The multi-row insert; NULL (and no error) when SQLite allows too few
 * parameters for it. */
static sqlite3_stmt *
get_batch_stmt (SpStore  *self,
                GError  **error)
{
  if (self->batch_stmt != NULL)
    return self->batch_stmt;
  if (sqlite3_limit (self->db, SQLITE_LIMIT_VARIABLE_NUMBER, -1) < OFFER_BATCH * N_INSERT_COLUMNS)
    return NULL;
  self->batch_stmt = prepare_offer_insert (self, OFFER_BATCH, error);
  if (self->batch_stmt != NULL && self->batch_bound == NULL)
    self->batch_bound = g_new0 (Bound, OFFER_BATCH * N_INSERT_COLUMNS);
  return self->batch_stmt;
}

/* @text is interned or static: the same address is the same text */
static void
bind_same_text (OfferBinder *ob,
                int          col,
                const char  *text)
{
  Bound *b = &ob->bound[col];

  if (b->set && b->ptr == text)
    return;
  bind_text (ob->stmt, ob->base + col + 1, text);
  b->set = TRUE;
  b->ptr = text;
  b->is_null = text == NULL;
}

/* @text lives as long as the offer (its address may come back later with
 * other text): only a NULL after a NULL stays bound */
static void
bind_owned_text (OfferBinder *ob,
                 int          col,
                 const char  *text)
{
  Bound *b = &ob->bound[col];

  if (text == NULL && b->set && b->is_null)
    return;
  bind_text (ob->stmt, ob->base + col + 1, text);
  b->set = TRUE;
  b->ptr = NULL;
  b->is_null = text == NULL;
}

/* @text is freed before the statement runs: SQLite copies it */
static void
bind_copied_text (OfferBinder *ob,
                  int          col,
                  const char  *text)
{
  Bound *b = &ob->bound[col];

  if (text == NULL && b->set && b->is_null)
    return;
  if (text != NULL)
    sqlite3_bind_text (ob->stmt, ob->base + col + 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (ob->stmt, ob->base + col + 1);
  b->set = TRUE;
  b->ptr = NULL;
  b->is_null = text == NULL;
}

static void
bind_same_int (OfferBinder *ob,
               int          col,
               gint64       value)
{
  Bound *b = &ob->bound[col];

  if (b->set && !b->is_null && b->value == value)
    return;
  sqlite3_bind_int64 (ob->stmt, ob->base + col + 1, value);
  b->set = TRUE;
  b->is_null = FALSE;
  b->value = value;
}

static void
bind_same_money (OfferBinder *ob,
                 int          col,
                 SpMoney      value)
{
  Bound *b = &ob->bound[col];

  if (value == SP_MONEY_UNKNOWN)
    {
      if (b->set && b->is_null)
        return;
      sqlite3_bind_null (ob->stmt, ob->base + col + 1);
      b->set = TRUE;
      b->is_null = TRUE;
      return;
    }
  bind_same_int (ob, col, value);
}

/* Binds @o as one row of an offer insert, its current price point dated
 * @since (SP_MONEY_UNKNOWN: written to price_points already); the caller
 * runs the statement. */
static void
bind_offer (OfferBinder *ob,
            const char  *source,
            SpOffer     *o,
            gint64       since)
{
  g_autofree char *tiers = tiers_to_json (o->tiers);
  g_autofree char *vouchers = strv_to_json (o->voucher_programmes);
  g_autofree char *variants = variants_to_json (o->variants);

  /* (the interned and static strings are compared by address) */
  bind_same_text (ob, COL_SOURCE, source);
  bind_owned_text (ob, COL_ID, o->id);
  bind_same_text (ob, COL_VENDOR_ID, o->vendor_id);
  bind_same_text (ob, COL_VENDOR_NAME, o->vendor_name);
  bind_same_text (ob, COL_VENDOR_NAME_ZH, o->vendor_name_zh);
  bind_same_text (ob, COL_KIND, sp_offer_kind_to_string (o->kind));
  bind_owned_text (ob, COL_NAME, o->name);
  bind_owned_text (ob, COL_MODEL, o->model);
  bind_same_text (ob, COL_GPU_MODEL, o->gpu_model);
  bind_same_int (ob, COL_GPU_COUNT, o->gpu_count);
  bind_same_int (ob, COL_GPU_MEMORY_GB, o->gpu_memory_gb);
  bind_same_int (ob, COL_VCPUS_MILLI, o->vcpus_milli);
  bind_same_int (ob, COL_RAM_MIB, o->ram_mib);
  bind_same_text (ob, COL_REGION, o->region);
  bind_same_text (ob, COL_BILLING, sp_billing_to_string (o->billing));
  bind_owned_text (ob, COL_MIN_COMMITMENT, o->min_commitment);
  bind_same_text (ob, COL_CURRENCY, o->currency);
  bind_same_text (ob, COL_TAX, sp_tax_basis_to_string (o->tax));
  bind_same_money (ob, COL_PRICE, o->price);
  bind_same_money (ob, COL_INPUT_PRICE, o->input_price);
  bind_same_money (ob, COL_OUTPUT_PRICE, o->output_price);
  bind_same_money (ob, COL_CACHED_INPUT_PRICE, o->cached_input_price);
  bind_same_int (ob, COL_CONTEXT_WINDOW, o->context_window);
  bind_copied_text (ob, COL_TIERS, tiers);
  bind_owned_text (ob, COL_LIST_PRICE, o->list_price);
  bind_same_text (ob, COL_LIST_UNIT, o->list_unit);
  bind_same_int (ob, COL_VALID_FROM, o->valid_from);
  bind_same_int (ob, COL_VALID_TO, o->valid_to);
  bind_same_money (ob, COL_STORAGE_STOPPED_GB_MONTH, o->storage_stopped_gb_month);
  bind_same_money (ob, COL_EGRESS_GB, o->egress_gb);
  bind_same_int (ob, COL_MIN_BILLING_SECONDS, o->min_billing_seconds);
  bind_copied_text (ob, COL_VOUCHER_PROGRAMMES, vouchers);
  bind_same_text (ob, COL_FAPIAO, sp_fapiao_to_string (o->fapiao));
  bind_owned_text (ob, COL_NOTE, o->note);
  bind_same_int (ob, COL_DEMO, o->demo ? 1 : 0);
  bind_same_int (ob, COL_FETCHED_AT, o->fetched_at);
  bind_owned_text (ob, COL_PRICE_SOURCE_URL, o->price_source_url);
  bind_owned_text (ob, COL_VERIFIED_AT, o->verified_at);
  bind_same_int (ob, COL_RETIRED, o->retired ? 1 : 0);
  bind_same_text (ob, COL_ATTRIBUTION, o->attribution);
  bind_same_money (ob, COL_CACHE_WRITE_PRICE, o->cache_write_price);
  bind_copied_text (ob, COL_VARIANTS, variants);
  bind_owned_text (ob, COL_GPU_FRACTION, o->gpu_fraction);
  bind_same_text (ob, COL_HOST, o->host);
  bind_same_money (ob, COL_HOST_PRICE, o->host_price);
  bind_same_money (ob, COL_PRICE_SINCE, since);
}

/* Inserts @n offers (all their strings alive until this returns), each
 * with its price_since from @since: whole batches with the multi-row
 * statement, the rest one by one. */
static gboolean
insert_offers (SpStore       *self,
               const char    *source,
               SpOffer      **offers,
               const gint64  *since,
               guint          n,
               GError       **error)
{
  sqlite3_stmt *batch = n >= OFFER_BATCH ? get_batch_stmt (self, error) : NULL;
  sqlite3_stmt *single = NULL;
  guint i = 0;

  if (batch == NULL && error != NULL && *error != NULL)
    return FALSE;

  for (; batch != NULL && i + OFFER_BATCH <= n; i += OFFER_BATCH)
    {
      for (guint r = 0; r < OFFER_BATCH; r++)
        {
          OfferBinder ob = { batch, (int) (r * N_INSERT_COLUMNS),
                             self->batch_bound + r * N_INSERT_COLUMNS };

          bind_offer (&ob, source, offers[i + r], since[i + r]);
        }
      if (!run_insert (self, batch, error))
        return FALSE;
    }

  for (; i < n; i++)
    {
      OfferBinder ob = { NULL, 0, self->offer_bound };

      if (single == NULL && (single = get_single_stmt (self, error)) == NULL)
        return FALSE;
      ob.stmt = single;
      bind_offer (&ob, source, offers[i], since[i]);
      if (!run_insert (self, single, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_history (SpStore     *self,
                const char  *source,
                SpOffer     *o,
                gint64       now,
                GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_INSERT_HISTORY, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, o->id);
  sqlite3_bind_int64 (stmt, 3, now);
  bind_text (stmt, 4, o->currency);
  bind_money (stmt, 5, o->price);
  bind_money (stmt, 6, o->input_price);
  bind_money (stmt, 7, o->output_price);
  bind_money (stmt, 8, o->cached_input_price);
  return run_insert (self, stmt, error);
}

/* The point an offer's price_since stands for, written to price_points
 * before its price changes: @sp as stored (nothing when it is written). */
static gboolean
insert_stored_point (SpStore            *self,
                     const char         *source,
                     const StoredPrice  *sp,
                     GError            **error)
{
  sqlite3_stmt *stmt;

  if (sp->since == SP_MONEY_UNKNOWN)
    return TRUE;
  stmt = get_stmt (self, STMT_INSERT_HISTORY, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, sp->id);
  sqlite3_bind_int64 (stmt, 3, sp->since);
  bind_text (stmt, 4, sp->currency);
  bind_money (stmt, 5, sp->price);
  bind_money (stmt, 6, sp->input_price);
  bind_money (stmt, 7, sp->output_price);
  bind_money (stmt, 8, sp->cached_input_price);
  return run_insert (self, stmt, error);
}

/* Writes the current price points of @source's offers (or of its offer
 * @id only) to price_points, before they are deleted or history is
 * inserted between points; with @clear, marks them written. */
static gboolean
write_current_points (SpStore     *self,
                      const char  *source,
                      const char  *id,
                      gboolean     clear,
                      GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id != NULL ? STMT_POINT_FROM_OFFER
                                                  : STMT_POINTS_FROM_OFFERS, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  if (id != NULL)
    bind_text (stmt, 2, id);
  if (!run_stmt (self, stmt, error))
    return FALSE;
  if (!clear)
    return TRUE;
  g_return_val_if_fail (id == NULL, FALSE);
  stmt = get_stmt (self, STMT_CLEAR_SINCE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  return run_stmt (self, stmt, error);
}

static gboolean
delete_offer (SpStore     *self,
              const char  *source,
              const char  *id,
              GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_DELETE_OFFER, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, id);
  return run_stmt (self, stmt, error);
}

static gboolean
upsert_source (SpStore         *self,
               const char      *source,
               SpImportResult  *result,
               gint64           now,
               GError         **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_UPSERT_SOURCE, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, sp_feed_format_to_string (sp_import_result_get_format (result)));
  bind_text (stmt, 3, sp_import_result_get_vendor_name (result));
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, sp_import_result_get_generated_at (result));
  sqlite3_bind_int64 (stmt, 6, sp_import_result_get_rows_read (result));
  sqlite3_bind_int64 (stmt, 7, sp_import_result_get_rows_skipped (result));
  sqlite3_bind_int64 (stmt, 8, sp_import_result_get_rows_repaired (result));
  return run_stmt (self, stmt, error);
}

static SpOffer *offer_from_row (sqlite3_stmt *stmt, GError **error);

/* The date of the snapshot now stored for @source: its generated date, or
 * for a catalog without one when it was imported (0: no such source). */
static gboolean
stored_generated_at (SpStore     *self,
                     const char  *source,
                     gint64      *out,
                     GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_GET_GENERATED, error);
  int rc;

  *out = 0;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return FALSE;
    }
  stmt_done (stmt);
  return TRUE;
}

/* One price_history row next to @at (STMT_HISTORY_BEFORE or _AFTER): its
 * rowid in *@rowid (0: none) and whether its prices equal @o's. */
static gboolean
history_neighbour (SpStore     *self,
                   StmtId       id,
                   const char  *source,
                   SpOffer     *o,
                   gint64       at,
                   gint64      *rowid,
                   gboolean    *same,
                   GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id, error);
  int rc;

  *rowid = 0;
  *same = FALSE;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, o->id);
  sqlite3_bind_int64 (stmt, 3, at);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      StoredPrice *row = stored_price_new ("");

      *rowid = sqlite3_column_int64 (stmt, 0);
      row->currency = column_dup (stmt, 1);
      row->price = column_money (stmt, 2);
      row->input_price = column_money (stmt, 3);
      row->output_price = column_money (stmt, 4);
      row->cached_input_price = column_money (stmt, 5);
      *same = !stored_price_differs (row, o);
      stored_price_free (row);
    }
  else if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return FALSE;
    }
  stmt_done (stmt);
  return TRUE;
}

/* Puts @o's prices into the history as a step at @at: nothing when the
 * price in force at @at is already the same; else a point at @at, and the
 * next later point goes when it only repeats @o's prices (the step now
 * starts earlier).  So snapshots imported in any order leave one history.
 * *@added says whether a point was added. */
static gboolean
insert_history_step (SpStore     *self,
                     const char  *source,
                     SpOffer     *o,
                     gint64       at,
                     gboolean    *added,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid;
  gboolean same;

  *added = FALSE;
  if (!history_neighbour (self, STMT_HISTORY_BEFORE, source, o, at, &rowid, &same, error))
    return FALSE;
  if (rowid != 0 && same)
    return TRUE;
  if (!insert_history (self, source, o, at, error))
    return FALSE;
  *added = TRUE;
  if (!history_neighbour (self, STMT_HISTORY_AFTER, source, o, at, &rowid, &same, error))
    return FALSE;
  if (rowid == 0 || !same)
    return TRUE;
  stmt = get_stmt (self, STMT_DELETE_HISTORY_ROW, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return run_stmt (self, stmt, error);
}

/* Records that @o left @source at @at, with its last price. */
static gboolean
insert_gone (SpStore     *self,
             const char  *source,
             SpOffer     *o,
             gint64       at,
             GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_INSERT_GONE, error);
  g_autofree char *group = NULL;

  if (stmt == NULL)
    return FALSE;
  group = sp_offer_dup_group (o);
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, o->id);
  sqlite3_bind_int64 (stmt, 3, at);
  bind_text (stmt, 4, o->vendor_id);
  bind_text (stmt, 5, o->vendor_name);
  bind_text (stmt, 6, o->name);
  bind_text (stmt, 7, sp_offer_kind_to_string (o->kind));
  bind_text (stmt, 8, group);
  bind_text (stmt, 9, o->currency);
  bind_money (stmt, 10, o->price);
  bind_money (stmt, 11, o->input_price);
  bind_money (stmt, 12, o->output_price);
  return run_stmt (self, stmt, error);
}

/* One current offer into *@out (NULL when there is none). */
static gboolean
load_one_offer (SpStore     *self,
                const char  *source,
                const char  *id,
                SpOffer    **out,
                GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_LOAD_OFFER, error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = offer_from_row (stmt, error);
      if (*out == NULL)
        {
          stmt_done (stmt);
          return FALSE;
        }
    }
  else if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return FALSE;
    }
  stmt_done (stmt);
  return TRUE;
}

/* Removes an offer that is no longer in its source's newest snapshot,
 * recording it in offers_gone at @at. */
static gboolean
remove_offer (SpStore     *self,
              const char  *source,
              const char  *id,
              gint64       at,
              GError     **error)
{
  g_autoptr(SpOffer) gone = NULL;

  if (!load_one_offer (self, source, id, &gone, error))
    return FALSE;
  if (gone != NULL && !insert_gone (self, source, gone, at, error))
    return FALSE;
  /* its last price point stays in the history */
  if (!write_current_points (self, source, id, FALSE, error))
    return FALSE;
  return delete_offer (self, source, id, error);
}

static gboolean
check_offer (SpOffer     *o,
             guint        i,
             const char  *source,
             GError     **error)
{
  if (o->id == NULL || o->id[0] == '\0')
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL,
                   _("Offer %u of source “%s” has no id"), i + 1, source);
      return FALSE;
    }
  if (o->currency == NULL)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL,
                   _("Offer “%s” of source “%s” has no currency"), o->id, source);
      return FALSE;
    }
  return TRUE;
}

/* An older snapshot than the one stored (@newest): its prices go to the
 * history at their own date (@generated), the current offers stay.  An
 * offer of it that the newer snapshot no longer has is recorded as gone at
 * @newest, as importing the two in date order would have. */
static gboolean
add_history_locked (SpStore         *self,
                    SpImportResult  *result,
                    const char      *source,
                    gint64           generated,
                    gint64           newest,
                    guint           *n_changed,
                    GError         **error)
{
  g_autoptr(GHashTable) current = NULL;
  GPtrArray *offers = sp_import_result_get_offers (result);

  /* the steps below look at every point, the current ones too */
  if (!write_current_points (self, source, NULL, TRUE, error))
    return FALSE;
  current = load_current_prices (self, source, error);
  if (current == NULL)
    return FALSE;

  for (guint i = 0; offers != NULL && i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      gboolean added = FALSE;

      if (!check_offer (o, i, source, error) ||
          !insert_history_step (self, source, o, generated, &added, error))
        return FALSE;
      if (added)
        (*n_changed)++;
      if (!g_hash_table_contains (current, o->id))
        {
          sqlite3_stmt *stmt = get_stmt (self, STMT_GONE_AFTER, error);
          gint64 later = 0;
          int rc;

          if (stmt == NULL)
            return FALSE;
          bind_text (stmt, 1, source);
          bind_text (stmt, 2, o->id);
          sqlite3_bind_int64 (stmt, 3, generated);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            later = sqlite3_column_int64 (stmt, 0);
          stmt_done (stmt);
          if (rc != SQLITE_ROW)
            return set_sql_error (self, rc, error);
          if (later == 0 && !insert_gone (self, source, o, newest, error))
            return FALSE;
        }
    }
  return TRUE;
}

static int
offer_id_cmp (gconstpointer a,
              gconstpointer b)
{
  const SpOffer *x = *(SpOffer * const *) a;
  const SpOffer *y = *(SpOffer * const *) b;

  return g_strcmp0 (x->id, y->id);
}

/* The body of sp_store_replace_source(), inside the transaction.  A feed
 * with a generated date newer than the stored one dates its history points
 * (and the offers it drops) with it; one older than the stored snapshot
 * only adds to the history. */
static gboolean
replace_source_locked (SpStore         *self,
                       SpImportResult  *result,
                       const char      *source,
                       gint64           now,
                       guint           *n_changed,
                       GError         **error)
{
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree gint64 *since = NULL;
  GPtrArray *offers = sp_import_result_get_offers (result);
  gint64 generated = MAX (sp_import_result_get_generated_at (result), (gint64) 0);
  gint64 newest = 0;
  gboolean dated;
  gboolean step;
  gint64 at;
  GHashTableIter iter;
  StoredPrice *sp;
  gboolean first_import;

  *n_changed = 0;

  if (!stored_generated_at (self, source, &newest, error))
    return FALSE;
  if (generated > 0 && newest > generated)
    return add_history_locked (self, result, source, generated, newest, n_changed, error);
  /* the same date again with other prices: the publisher changed the file
   * without dating it anew, so the change is dated when we saw it */
  dated = generated > newest;
  at = dated ? generated : now;
  /* a source's first snapshot cannot land between history points */
  step = dated;
  if (step)
    {
      sqlite3_stmt *stmt = get_stmt (self, STMT_HAS_HISTORY, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, source);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        step = sqlite3_column_int (stmt, 0) != 0;
      stmt_done (stmt);
      if (rc != SQLITE_ROW)
        return set_sql_error (self, rc, error);
    }
  /* the steps look at every point, the current ones too */
  if (step && !write_current_points (self, source, NULL, TRUE, error))
    return FALSE;

  current = load_current_prices (self, source, error);
  if (current == NULL)
    return FALSE;
  first_import = g_hash_table_size (current) == 0;

  if (!upsert_source (self, source, result, now, error))
    return FALSE;

  /* Offers go in in key order: the offers table is a b-tree on (source,
   * id), so appending keeps its pages full and each page is written once
   * instead of being split again and again (see HACKING.md, "Ingest"). */
  if (offers != NULL && offers->len > 1)
    {
      sorted = g_ptr_array_sized_new (offers->len);
      memcpy (sorted->pdata, offers->pdata, offers->len * sizeof (gpointer));
      sorted->len = offers->len;
      g_ptr_array_sort (sorted, offer_id_cmp);
      offers = sorted;
    }
  if (offers != NULL)
    since = g_new (gint64, offers->len);

  for (guint i = 0; offers != NULL && i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      if (!check_offer (o, i, source, error))
        return FALSE;

      /* ids are unique within a result, so a new offer needs no entry in
       * @current (it is only there to find the stored offers not seen) */
      sp = first_import ? NULL : g_hash_table_lookup (current, o->id);
      /* the price point in force stays in the offer (price_since) until the
       * price changes: only then is it written to price_points (HACKING.md,
       * "Ingest"), so a first import writes no history row at all.  A
       * dated snapshot may land between history points: the step insert
       * looks at its neighbours, all of them written above. */
      since[i] = step ? SP_MONEY_UNKNOWN : at;
      if (sp == NULL || stored_price_differs (sp, o))
        {
          gboolean added = TRUE;

          if (step)
            {
              if (!insert_history_step (self, source, o, at, &added, error))
                return FALSE;
            }
          else if (sp != NULL && !insert_stored_point (self, source, sp, error))
            return FALSE;
          if (added)
            (*n_changed)++;
        }
      else if (!step)
        since[i] = sp->since;
      if (sp != NULL)
        sp->seen = TRUE;

      /* the price was confirmed now (freshness of the offer) */
      if (o->fetched_at == 0)
        o->fetched_at = now;
    }

  if (offers != NULL &&
      !insert_offers (self, source, (SpOffer **) offers->pdata, since, offers->len, error))
    return FALSE;

  g_hash_table_iter_init (&iter, current);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &sp))
    {
      if (!sp->seen && !remove_offer (self, source, sp->id, at, error))
        return FALSE;
    }

  return TRUE;
}

static SpOffer *
offer_from_row (sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(SpOffer) o = sp_offer_new ();
  const char *kind = (const char *) sqlite3_column_text (stmt, COL_KIND);
  const char *billing = (const char *) sqlite3_column_text (stmt, COL_BILLING);
  const char *tax = (const char *) sqlite3_column_text (stmt, COL_TAX);
  const char *fapiao = (const char *) sqlite3_column_text (stmt, COL_FAPIAO);

  o->id = column_dup (stmt, COL_ID);
  o->source = column_intern (stmt, COL_SOURCE);
  o->vendor_id = column_intern (stmt, COL_VENDOR_ID);
  o->vendor_name = column_intern (stmt, COL_VENDOR_NAME);
  o->vendor_name_zh = column_intern (stmt, COL_VENDOR_NAME_ZH);
  if (!sp_offer_kind_from_string (kind, &o->kind) ||
      !sp_billing_from_string (billing, &o->billing) ||
      !sp_tax_basis_from_string (tax, &o->tax) ||
      !sp_fapiao_from_string (fapiao, &o->fapiao))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("Offer “%s” in the database has an unknown kind, billing, tax or "
                     "fapiao value"), o->id);
      return NULL;
    }
  o->name = column_dup (stmt, COL_NAME);
  o->model = column_dup (stmt, COL_MODEL);
  o->gpu_model = column_intern (stmt, COL_GPU_MODEL);
  o->gpu_count = column_uint (stmt, COL_GPU_COUNT);
  o->gpu_memory_gb = column_uint (stmt, COL_GPU_MEMORY_GB);
  o->vcpus_milli = column_uint (stmt, COL_VCPUS_MILLI);
  o->ram_mib = column_uint (stmt, COL_RAM_MIB);
  o->region = column_intern (stmt, COL_REGION);
  o->min_commitment = column_dup (stmt, COL_MIN_COMMITMENT);
  o->currency = column_intern (stmt, COL_CURRENCY);
  o->price = column_money (stmt, COL_PRICE);
  o->input_price = column_money (stmt, COL_INPUT_PRICE);
  o->output_price = column_money (stmt, COL_OUTPUT_PRICE);
  o->cached_input_price = column_money (stmt, COL_CACHED_INPUT_PRICE);
  o->context_window = sqlite3_column_int64 (stmt, COL_CONTEXT_WINDOW);
  o->list_price = column_dup (stmt, COL_LIST_PRICE);
  o->list_unit = column_intern (stmt, COL_LIST_UNIT);
  o->valid_from = sqlite3_column_int64 (stmt, COL_VALID_FROM);
  o->valid_to = sqlite3_column_int64 (stmt, COL_VALID_TO);
  o->storage_stopped_gb_month = column_money (stmt, COL_STORAGE_STOPPED_GB_MONTH);
  o->egress_gb = column_money (stmt, COL_EGRESS_GB);
  o->min_billing_seconds = column_uint (stmt, COL_MIN_BILLING_SECONDS);
  o->note = column_dup (stmt, COL_NOTE);
  o->demo = sqlite3_column_int (stmt, COL_DEMO) != 0;
  o->fetched_at = sqlite3_column_int64 (stmt, COL_FETCHED_AT);
  o->price_source_url = column_dup (stmt, COL_PRICE_SOURCE_URL);
  o->verified_at = column_dup (stmt, COL_VERIFIED_AT);
  o->retired = sqlite3_column_int (stmt, COL_RETIRED) != 0;
  o->attribution = column_intern (stmt, COL_ATTRIBUTION);
  o->cache_write_price = column_money (stmt, COL_CACHE_WRITE_PRICE);
  o->gpu_fraction = column_dup (stmt, COL_GPU_FRACTION);
  o->host = column_intern (stmt, COL_HOST);
  o->host_price = column_money (stmt, COL_HOST_PRICE);
  if (!tiers_from_json ((const char *) sqlite3_column_text (stmt, COL_TIERS), &o->tiers) ||
      !variants_from_json ((const char *) sqlite3_column_text (stmt, COL_VARIANTS), &o->variants) ||
      !strv_from_json ((const char *) sqlite3_column_text (stmt, COL_VOUCHER_PROGRAMMES),
                       &o->voucher_programmes))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("Offer “%s” in the database has damaged tiers or voucher programmes"),
                   o->id);
      return NULL;
    }
  return g_steal_pointer (&o);
}

/* ------------------------------------------------------------------ opening */

static gboolean
open_db (SpStore  *self,
         GError  **error)
{
  g_autoptr(GError) cause = NULL;

  self->database = sp_database_open (self->path, &cause);
  if (self->database == NULL)
    {
      sp_database_error_to (cause, SP_STORE_ERROR, error);
      return FALSE;
    }
  self->db = sp_database_get_handle (self->database);
  self->schema_version = sp_database_get_schema_version (self->database);
  return TRUE;
}

/* ------------------------------------------------------------------ GObject */

static void
sp_store_finalize (GObject *object)
{
  SpStore *self = (SpStore *) object;

  g_clear_pointer (&self->single_stmt, sqlite3_finalize);
  g_clear_pointer (&self->batch_stmt, sqlite3_finalize);
  g_clear_pointer (&self->batch_bound, g_free);
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  self->db = NULL;
  g_clear_object (&self->database);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sp_store_parent_class)->finalize (object);
}

static void
sp_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SpStore *self = SP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SpStore *self = SP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_store_class_init (SpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_store_finalize;
  object_class->get_property = sp_store_get_property;
  object_class->set_property = sp_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_store_init (SpStore *self)
{
}

/* ------------------------------------------------------------------ public API */

char *
sp_store_default_path (const char *data_dir)
{
  if (data_dir != NULL)
    return g_build_filename (data_dir, "suanpan.db", NULL);
  return g_build_filename (g_get_user_data_dir (), "suanpan", "suanpan.db", NULL);
}

SpStore *
sp_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(SpStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SP_TYPE_STORE, "path", path, NULL);
  if (!open_db (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
sp_store_get_path (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return self->path;
}

int
sp_store_get_schema_version (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), 0);
  return self->schema_version;
}

sqlite3 *
sp_store_get_db (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return self->db;
}

gboolean
sp_store_replace_source (SpStore         *self,
                         SpImportResult  *result,
                         gint64           now,
                         guint           *n_changed,
                         GError         **error)
{
  const char *source;
  guint changed = 0;
  guint n_offers;
  gboolean big, ok;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;

  source = sp_import_result_get_source (result);
  if (source == NULL || source[0] == '\0')
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL,
                           _("The imported catalog has no source name"));
      return FALSE;
    }

  /* A big catalog's transaction must fit in SQLite's page cache, or dirty
   * pages are spilled to the WAL and read back again mid-transaction
   * (HACKING.md, "Ingest"): about 1 KiB per offer, at least the default
   * 2 MiB; put back afterwards so the memory is given back. */
  n_offers = sp_import_result_get_offers (result)->len;
  big = n_offers > 2000;
  if (big)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = -%u",
                                                 MIN (n_offers, 1024u * 1024u));

      sqlite3_exec (self->db, pragma, NULL, NULL, NULL);
    }
  /* offers.source references sources (name), upserted first in the same
   * transaction: checking it again for every offer costs a seek and a
   * statement journal per row (HACKING.md, "Ingest").  The pragma is a no-op
   * inside a transaction, so it is set around it. */
  sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  forget_offer_bindings (self);
  ok = run_simple (self, STMT_BEGIN, error);
  if (ok && (!replace_source_locked (self, result, source, now, &changed, error) ||
             !run_simple (self, STMT_COMMIT, error)))
    {
      rollback (self);
      ok = FALSE;
    }
  forget_offer_bindings (self);
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (big)
    sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
  if (!ok)
    return FALSE;
  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;
}

SpOffer *
sp_store_load_offer (SpStore     *self,
                     const char  *source,
                     const char  *id,
                     GError     **error)
{
  SpOffer *offer = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (source != NULL && id != NULL, NULL);

  load_one_offer (self, source, id, &offer, error);
  return offer;
}

gint64
sp_store_get_generated_at (SpStore    *self,
                           const char *source)
{
  g_autoptr(GError) local_error = NULL;
  gint64 generated = 0;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  g_return_val_if_fail (source != NULL, 0);

  if (!stored_generated_at (self, source, &generated, &local_error))
    g_warning ("Reading the snapshot date failed: %s", local_error->message);
  return generated;
}

GPtrArray *
sp_store_load_offers (SpStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) offers = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, STMT_LOAD_OFFERS, error);
  if (stmt == NULL)
    return NULL;

  offers = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpOffer *o = offer_from_row (stmt, error);

      if (o == NULL)
        {
          stmt_done (stmt);
          return NULL;
        }
      g_ptr_array_add (offers, o);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return NULL;
    }
  stmt_done (stmt);
  return g_steal_pointer (&offers);
}

guint
sp_store_count_offers (SpStore    *self,
                       const char *source)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), 0);

  stmt = get_stmt (self, source != NULL ? STMT_COUNT_SOURCE : STMT_COUNT_ALL, &local_error);
  if (stmt == NULL)
    {
      g_warning ("Counting offers failed: %s", local_error->message);
      return 0;
    }
  if (source != NULL)
    bind_text (stmt, 1, source);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = column_uint (stmt, 0);
  else
    g_warning ("Counting offers failed: %s", sqlite3_errmsg (self->db));
  stmt_done (stmt);
  return count;
}

void
sp_price_point_clear (SpPricePoint *point)
{
  if (point == NULL)
    return;
  g_clear_pointer (&point->currency, g_free);
}

GArray *
sp_store_price_history (SpStore     *self,
                        const char  *source,
                        const char  *offer_id,
                        GError     **error)
{
  g_autoptr(GArray) points = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (offer_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, STMT_HISTORY, error);
  if (stmt == NULL)
    return NULL;

  points = g_array_new (FALSE, TRUE, sizeof (SpPricePoint));
  g_array_set_clear_func (points, (GDestroyNotify) sp_price_point_clear);
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, offer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpPricePoint point;

      point.observed_at = sqlite3_column_int64 (stmt, 0);
      point.currency = column_dup (stmt, 1);
      point.price = column_money (stmt, 2);
      point.input_price = column_money (stmt, 3);
      point.output_price = column_money (stmt, 4);
      g_array_append_val (points, point);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return NULL;
    }
  stmt_done (stmt);
  return g_steal_pointer (&points);
}

char *
sp_store_get_meta (SpStore    *self,
                   const char *key)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = get_stmt (self, STMT_GET_META, &local_error);
  if (stmt == NULL)
    {
      g_warning ("Reading metadata failed: %s", local_error->message);
      return NULL;
    }
  bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    g_warning ("Reading metadata failed: %s", sqlite3_errmsg (self->db));
  stmt_done (stmt);
  return value;
}

/* A NULL @value removes @key. */
gboolean
sp_store_set_meta (SpStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = get_stmt (self, value != NULL ? STMT_SET_META : STMT_DELETE_META, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return run_stmt (self, stmt, error);
}

gboolean
sp_store_remove_source (SpStore     *self,
                        const char  *source,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* the offers go with it (ON DELETE CASCADE); the price history stays,
   * their current points too */
  if (!run_simple (self, STMT_BEGIN, error))
    return FALSE;
  stmt = get_stmt (self, STMT_DELETE_SOURCE, error);
  if (stmt == NULL || !write_current_points (self, source, NULL, FALSE, error))
    {
      rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, source);
  if (!run_stmt (self, stmt, error))
    {
      rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self);
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                   _("There is no source “%s”"), source);
      return FALSE;
    }
  if (!run_simple (self, STMT_COMMIT, error))
    {
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ vendor sources */

static SpSource *
source_from_row (sqlite3_stmt *stmt)
{
  SpFeedFormat format = SP_FEED_FORMAT_AUTO;
  SpRefreshPolicy policy = SP_REFRESH_MANUAL;
  gint64 last_success = sqlite3_column_int64 (stmt, SCOL_LAST_SUCCESS);
  gint64 last_attempt = sqlite3_column_int64 (stmt, SCOL_LAST_ATTEMPT);

  /* an unknown word (written by a newer version) reads as the default */
  sp_feed_format_from_string ((const char *) sqlite3_column_text (stmt, SCOL_FORMAT), &format);
  sp_refresh_policy_from_string ((const char *) sqlite3_column_text (stmt, SCOL_REFRESH_POLICY),
                                 &policy);

  return g_object_new (SP_TYPE_SOURCE,
                       "name", (const char *) sqlite3_column_text (stmt, SCOL_NAME),
                       "url", (const char *) sqlite3_column_text (stmt, SCOL_URL),
                       "format", (int) format,
                       "enabled", sqlite3_column_int (stmt, SCOL_ENABLED) != 0,
                       "refresh-policy", (int) policy,
                       "has-api-key", sqlite3_column_int (stmt, SCOL_HAS_API_KEY) != 0,
                       "last-success", MAX (last_success, (gint64) 0),
                       "last-attempt", MAX (last_attempt, (gint64) 0),
                       "last-error", (const char *) sqlite3_column_text (stmt, SCOL_LAST_ERROR),
                       "http-status", MIN (column_uint (stmt, SCOL_HTTP_STATUS), 999u),
                       "http-details", (const char *) sqlite3_column_text (stmt, SCOL_HTTP_DETAILS),
                       "etag", (const char *) sqlite3_column_text (stmt, SCOL_ETAG),
                       "last-modified", (const char *) sqlite3_column_text (stmt, SCOL_LAST_MODIFIED),
                       "offer-count", column_uint (stmt, SCOL_OFFER_COUNT),
                       "rows-repaired", column_uint (stmt, SCOL_ROWS_REPAIRED),
                       NULL);
}

static void
set_not_found (GError     **error,
               const char  *name)
{
  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
               _("There is no source “%s”"), name);
}

/* Binds ?2…?6 of STMT_ADD_SOURCE / STMT_UPDATE_SOURCE in their order:
 * (format, url, enabled, policy, key) for add, (url, format, …) for update. */
static void
bind_source_config (sqlite3_stmt *stmt,
                    SpSource     *source,
                    int           url_idx,
                    int           format_idx)
{
  bind_text (stmt, url_idx, sp_source_get_url (source));
  bind_text (stmt, format_idx, sp_feed_format_to_string (sp_source_get_format (source)));
  sqlite3_bind_int (stmt, 4, sp_source_get_enabled (source) ? 1 : 0);
  bind_text (stmt, 5, sp_refresh_policy_to_string (sp_source_get_refresh_policy (source)));
  sqlite3_bind_int (stmt, 6, sp_source_get_has_api_key (source) ? 1 : 0);
}

gboolean
sp_store_add_source (SpStore   *self,
                     SpSource  *source,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  const char *name;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = sp_source_get_name (source);
  if (!sp_source_check_name (name, error) ||
      !sp_source_check_url (sp_source_get_url (source), error))
    return FALSE;

  stmt = get_stmt (self, STMT_ADD_SOURCE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  bind_source_config (stmt, source, 3, 2);
  if (!run_stmt (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL,
                   _("There is already a source named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_store_update_source (SpStore   *self,
                        SpSource  *source,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  const char *name;
  const char *url;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = sp_source_get_name (source);
  url = sp_source_get_url (source);
  if (name == NULL)
    {
      set_not_found (error, "");
      return FALSE;
    }
  /* a catalog imported by hand keeps url NULL */
  if (url != NULL && !sp_source_check_url (url, error))
    return FALSE;

  stmt = get_stmt (self, STMT_UPDATE_SOURCE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  bind_source_config (stmt, source, 2, 3);
  if (!run_stmt (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_source_locked (SpStore     *self,
                      const char  *name,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  /* the price history stays, the offers' current points too */
  if (!write_current_points (self, name, NULL, FALSE, error))
    return FALSE;
  stmt = get_stmt (self, STMT_DELETE_SOURCE_OFFERS, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (!run_stmt (self, stmt, error))
    return FALSE;

  stmt = get_stmt (self, STMT_DELETE_SOURCE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (!run_stmt (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, name);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_store_delete_source (SpStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* configuration and offers go together; the price history stays */
  if (!run_simple (self, STMT_BEGIN, error))
    return FALSE;
  if (!delete_source_locked (self, name, error) ||
      !run_simple (self, STMT_COMMIT, error))
    {
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sp_store_list_sources (SpStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, STMT_LIST_SOURCES, error);
  if (stmt == NULL)
    return NULL;

  sources = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, source_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, rc, error);
      stmt_done (stmt);
      return NULL;
    }
  stmt_done (stmt);
  return g_steal_pointer (&sources);
}

SpSource *
sp_store_get_source (SpStore     *self,
                     const char  *name,
                     GError     **error)
{
  SpSource *source = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, STMT_GET_SOURCE, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    source = source_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, name);
  else
    set_sql_error (self, rc, error);
  stmt_done (stmt);
  return source;
}

gboolean
sp_store_record_refresh (SpStore     *self,
                         const char  *name,
                         gint64       now,
                         gboolean     ok,
                         const char  *error_text,
                         guint        http_status,
                         const char  *http_details,
                         const char  *etag,
                         const char  *last_modified,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = get_stmt (self, ok ? STMT_RECORD_SUCCESS : STMT_RECORD_FAILURE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, now);
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 3, http_status);
      bind_text (stmt, 4, http_details);
      bind_text (stmt, 5, etag);
      bind_text (stmt, 6, last_modified);
    }
  else
    {
      bind_text (stmt, 3, error_text);
      sqlite3_bind_int64 (stmt, 4, http_status);
      bind_text (stmt, 5, http_details);
    }
  if (!run_stmt (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, name);
      return FALSE;
    }
  return TRUE;
}
