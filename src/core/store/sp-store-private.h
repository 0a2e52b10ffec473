/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-private.h — SpStore's insides, shared by its files (sp-store.c:
 * opening and the public API; sp-store-ingest.c: replacing a source's
 * offers, the tuned insert path; sp-store-history.c: price history and dated
 * snapshots; sp-store-columns.c: an offer's row; sp-store-sources.c: the
 * configured sources) and by the store folder's per-table files.  Internal
 * to src/core/store. */
#pragma once

#include <sqlite3.h>

#include "sp-database.h"
#include "sp-import.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* The store's connection (owned by @self; busy timeout set, foreign keys
 * on).  Do not close it; leave no transaction open. */
sqlite3 *sp_store_get_db (SpStore *self);

/* ---- SpStore's files only ---- */

/* An offer as read back (sp_store_offer_from_row ()): every field of
 * SpOffer, in the COL_ order below.  The fields a compute offer leaves at
 * their default are stored in one JSON object, offers.details (schema 8,
 * data/sql/0008-offers-details.sql; HACKING.md, "Ingest"), and read back
 * from it with their defaults. */
/* (a row without details, most compute offers, skips the JSON call) */
#define OFFER_DETAIL(key, dflt)                                                \
  "CASE WHEN details IS NULL THEN " dflt " ELSE "                            \
  "coalesce (json_extract (details, '$." key "'), " dflt ") END"
#define OFFER_COLUMNS                                                          \
  "source, id, vendor_id, vendor_name, vendor_name_zh, kind, name, model, "    \
  "gpu_model, gpu_count, gpu_memory_gb, vcpus_milli, ram_mib, region, "        \
  "billing, " OFFER_DETAIL ("min_commitment", "NULL") ", currency, "          \
  OFFER_DETAIL ("tax", "'unknown'") ", price, input_price, output_price, "      \
  "cached_input_price, context_window, " OFFER_DETAIL ("tiers", "NULL") ", "    \
  "list_price, list_unit, " OFFER_DETAIL ("valid_from", "0") ", "               \
  OFFER_DETAIL ("valid_to", "0") ", "                                          \
  OFFER_DETAIL ("storage_stopped_gb_month", "NULL") ", "                       \
  OFFER_DETAIL ("egress_gb", "NULL") ", "                                      \
  OFFER_DETAIL ("min_billing_seconds", "0") ", voucher_programmes, "           \
  OFFER_DETAIL ("fapiao", "'unknown'") ", " OFFER_DETAIL ("note", "NULL") ", "  \
  "demo, fetched_at, " OFFER_DETAIL ("price_source_url", "NULL") ", "          \
  OFFER_DETAIL ("verified_at", "NULL") ", retired, "                           \
  OFFER_DETAIL ("attribution", "NULL") ", "                                    \
  OFFER_DETAIL ("cache_write_price", "NULL") ", "                              \
  OFFER_DETAIL ("variants", "NULL") ", gpu_fraction, host, "                   \
  OFFER_DETAIL ("host_price", "NULL")

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
  N_OFFER_COLUMNS
};

/* The stored columns of an offer, as the offer insert writes them: the
 * table's own order (0008-offers-details.sql) */
#define OFFER_ROW_COLUMNS                                                     \
  "source, id, vendor_id, vendor_name, vendor_name_zh, kind, name, model, "   \
  "gpu_model, gpu_count, gpu_memory_gb, vcpus_milli, ram_mib, region, "       \
  "billing, currency, price, input_price, output_price, cached_input_price, " \
  "context_window, list_price, list_unit, voucher_programmes, demo, "         \
  "fetched_at, retired, gpu_fraction, host, price_since, details"

/* parameter indexes (0-based) of one row of the offer insert */
enum {
  ROW_SOURCE,
  ROW_ID,
  ROW_VENDOR_ID,
  ROW_VENDOR_NAME,
  ROW_VENDOR_NAME_ZH,
  ROW_KIND,
  ROW_NAME,
  ROW_MODEL,
  ROW_GPU_MODEL,
  ROW_GPU_COUNT,
  ROW_GPU_MEMORY_GB,
  ROW_VCPUS_MILLI,
  ROW_RAM_MIB,
  ROW_REGION,
  ROW_BILLING,
  ROW_CURRENCY,
  ROW_PRICE,
  ROW_INPUT_PRICE,
  ROW_OUTPUT_PRICE,
  ROW_CACHED_INPUT_PRICE,
  ROW_CONTEXT_WINDOW,
  ROW_LIST_PRICE,
  ROW_LIST_UNIT,
  ROW_VOUCHER_PROGRAMMES,
  ROW_DEMO,
  ROW_FETCHED_AT,
  ROW_RETIRED,
  ROW_GPU_FRACTION,
  ROW_HOST,
  ROW_PRICE_SINCE,
  ROW_DETAILS,
  N_INSERT_COLUMNS
};

/* offers.details of @o: a JSON object of its fields stored there that are
 * not at their default, NULL when none is (sp-store-columns.c) */
char *sp_store_offer_details_to_json (SpOffer *o);

/* A source row as read by source_from_row().  last_success falls back to
 * the time of the last import, so a catalog imported by hand is not shown
 * as never updated. */
/* A programme source's last good file and when it was fetched, in meta
 * (sp-wallet-store-feeds.c), followed by the source's name */
#define SP_STORE_PROGRAMME_FEED_KEY    "programme-feed."
#define SP_STORE_PROGRAMME_FEED_AT_KEY "programme-feed-at."

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
  STMT_CLEAR_TABLE_CACHE,
  STMT_BUMP_OFFERS_GENERATION,
  N_STMTS
} StmtId;
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
  sqlite3_stmt *batch_stmt;                    /* OFFER_ROW_COLUMNS (OFFER_BATCH) */
  Bound        *batch_bound;                   /* OFFER_BATCH × N_INSERT_COLUMNS */
  /* the guard of the offer table's cache, per write transaction (sp-store.c) */
  gboolean      offers_written;                /* a row of offers changed */
  gboolean      offers_invalidated;            /* sp_store_offers_changed_locked () ran */
};

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
static inline void
bind_text (sqlite3_stmt *stmt, int idx, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, idx);
}

static inline void
bind_money (sqlite3_stmt *stmt, int idx, SpMoney value)
{
  if (value != SP_MONEY_UNKNOWN)
    sqlite3_bind_int64 (stmt, idx, value);
  else
    sqlite3_bind_null (stmt, idx);
}

static inline SpMoney
column_money (sqlite3_stmt *stmt, int col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return SP_MONEY_UNKNOWN;
  return sqlite3_column_int64 (stmt, col);
}

static inline char *
column_dup (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static inline const char *
column_intern (sqlite3_stmt *stmt, int col)
{
  return g_intern_string ((const char *) sqlite3_column_text (stmt, col));
}

static inline guint
column_uint (sqlite3_stmt *stmt, int col)
{
  gint64 v = sqlite3_column_int64 (stmt, col);

  return (guint) CLAMP (v, 0, (gint64) G_MAXUINT);
}

/* sp-store-columns.c */
SpOffer * sp_store_offer_from_row (sqlite3_stmt *stmt, GError **error);
char * sp_store_strv_to_json (const char * const *strv);
char * sp_store_tiers_to_json (GArray *tiers);
char * sp_store_variants_to_json (GArray *variants);

/* sp-store-history.c */
gboolean sp_store_add_history_locked (SpStore *self, SpImportResult *result, const char *source, gint64 generated, gint64 newest, guint *n_changed, GError **error);
gboolean sp_store_insert_history_step (SpStore *self, const char *source, SpOffer *o, gint64 at, gboolean *added, GError **error);
gboolean sp_store_load_one_offer (SpStore *self, const char *source, const char *id, SpOffer **out, GError **error);
gboolean sp_store_remove_offer (SpStore *self, const char *source, const char *id, gint64 at, GError **error);
gboolean sp_store_stored_generated_at (SpStore *self, const char *source, gint64 *out, GError **error);

/* sp-store-ingest.c */
gboolean sp_store_check_offer (SpOffer *o, guint i, const char *source, GError **error);
/* @id NULL: every offer of @source */
gboolean sp_store_delete_offer (SpStore *self, const char *source, const char *id, GError **error);
void sp_store_forget_offer_bindings (SpStore *self);
gboolean sp_store_insert_history (SpStore *self, const char *source, SpOffer *o, gint64 now, GError **error);
GHashTable * sp_store_load_current_prices (SpStore *self, const char *source, GError **error);
gboolean sp_store_replace_source_locked (SpStore *self, SpImportResult *result, const char *source, gint64 now, guint *n_changed, GError **error);
gboolean sp_store_stored_price_differs (const StoredPrice *sp, const SpOffer *offer);
void sp_store_stored_price_free (gpointer data);
StoredPrice * sp_store_stored_price_new (const char *id);
gboolean sp_store_write_current_points (SpStore *self, const char *source, const char *id, gboolean clear, GError **error);

/* sp-store.c */
/* Every write transaction that changes offers (insert, update, delete, a
 * source deleted with its offers) calls this once inside it: the offer
 * table's cache is deleted and meta.offers_generation bumped (schema 9,
 * HACKING.md "The offer table's cache").  A transaction on the store's
 * connection that changes offers without it is refused at COMMIT (rolled
 * back, with a g_critical). */
gboolean sp_store_offers_changed_locked (SpStore *self, GError **error);
/* meta.offers_generation as an integer (absent: 0) */
#define SP_STORE_OFFERS_GENERATION_SQL                                        \
  "SELECT coalesce ((SELECT CAST (value AS INTEGER) FROM meta "               \
  "WHERE key = 'offers_generation'), 0)"
sqlite3_stmt * sp_store_get_stmt (SpStore *self, StmtId id, GError **error);
void sp_store_rollback (SpStore *self);
gboolean sp_store_run_insert (SpStore *self, sqlite3_stmt *stmt, GError **error);
gboolean sp_store_run_simple (SpStore *self, StmtId id, GError **error);
gboolean sp_store_run_stmt (SpStore *self, sqlite3_stmt *stmt, GError **error);
gboolean sp_store_set_sql_error (SpStore *self, int rc, GError **error);
void sp_store_stmt_done (sqlite3_stmt *stmt);
/* Ends a step that returned @rc: resets @stmt; FALSE with the error unless
 * @rc is SQLITE_DONE or SQLITE_ROW. */
gboolean sp_store_stmt_end (SpStore *self, sqlite3_stmt *stmt, int rc, GError **error);
/* The first column of @id's first row as an integer (0: no row), with
 * @source (unless NULL) bound as ?1, and @offer_id (unless NULL) and @at as
 * ?2 and ?3. */
gboolean sp_store_query_int (SpStore *self, StmtId id, const char *source, const char *offer_id,
                             gint64 at, gint64 *out, GError **error);

G_END_DECLS
