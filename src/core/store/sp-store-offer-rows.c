/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-offer-rows.c — the offers table read row by row, without SpOffer
 *
 * The offer engine (src/core/engine) loads its compact table through this:
 * one read-only connection (PRAGMA query_only), one SELECT in the store's
 * order (source, id) inside one read transaction, one callback a row. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sp-database.h"
#include "sp-store-private.h"
#include "sp-store-offer-rows.h"

#define LOAD_SQL                                                              \
  "SELECT source, id, vendor_id, vendor_name, vendor_name_zh, kind, name, "   \
  "model, gpu_model, gpu_count, gpu_memory_gb, vcpus_milli, ram_mib, region, " \
  "billing, currency, price, input_price, output_price, cached_input_price, " \
  "context_window, voucher_programmes, demo, fetched_at, retired, "           \
  "gpu_fraction, host FROM offers ORDER BY source, id"

enum {
  C_SOURCE, C_ID, C_VENDOR_ID, C_VENDOR_NAME, C_VENDOR_NAME_ZH, C_KIND, C_NAME,
  C_MODEL, C_GPU_MODEL, C_GPU_COUNT, C_GPU_MEMORY_GB, C_VCPUS_MILLI, C_RAM_MIB, C_REGION,
  C_BILLING, C_CURRENCY, C_PRICE, C_INPUT_PRICE, C_OUTPUT_PRICE, C_CACHED_INPUT_PRICE,
  C_CONTEXT_WINDOW, C_PROGRAMMES, C_DEMO, C_FETCHED_AT, C_RETIRED,
  C_GPU_FRACTION, C_HOST,
};

static const char *
col_text (sqlite3_stmt *stmt,
          int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static SpMoney
col_money (sqlite3_stmt *stmt,
           int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return SP_MONEY_UNKNOWN;
  return sqlite3_column_int64 (stmt, col);
}

static guint
col_uint (sqlite3_stmt *stmt,
          int           col)
{
  gint64 v = sqlite3_column_int64 (stmt, col);

  return (guint) CLAMP (v, 0, (gint64) G_MAXUINT);
}

static gboolean
load_error (GError     **error,
            const char  *path,
            const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: 1: a file name, 2: SQLite's or our explanation */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Cannot read the offers of “%s”: %s"), display, detail);
  return FALSE;
}

static gboolean
read_rows (sqlite3              *db,
           const char           *path,
           SpStoreOfferRowFunc   func,
           gpointer              user_data,
           GCancellable         *cancellable,
           GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, LOAD_SQL, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return load_error (error, path, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpOfferRow row = { 0 };

      if ((n++ & 4095) == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      row.source = col_text (stmt, C_SOURCE);
      row.id = col_text (stmt, C_ID);
      if (row.id == NULL ||
          !sp_offer_kind_from_string (col_text (stmt, C_KIND), &row.kind) ||
          !sp_billing_from_string (col_text (stmt, C_BILLING), &row.billing))
        {
          sqlite3_finalize (stmt);
          return load_error (error, path, _("an offer has no id, or an unknown kind or billing"));
        }
      row.vendor_id = col_text (stmt, C_VENDOR_ID);
      row.vendor_name = col_text (stmt, C_VENDOR_NAME);
      row.vendor_name_zh = col_text (stmt, C_VENDOR_NAME_ZH);
      row.name = col_text (stmt, C_NAME);
      row.model = col_text (stmt, C_MODEL);
      row.gpu_model = col_text (stmt, C_GPU_MODEL);
      row.gpu_count = col_uint (stmt, C_GPU_COUNT);
      row.gpu_memory_gb = col_uint (stmt, C_GPU_MEMORY_GB);
      row.vcpus_milli = col_uint (stmt, C_VCPUS_MILLI);
      row.ram_mib = col_uint (stmt, C_RAM_MIB);
      row.region = col_text (stmt, C_REGION);
      row.currency = col_text (stmt, C_CURRENCY);
      row.price = col_money (stmt, C_PRICE);
      row.input_price = col_money (stmt, C_INPUT_PRICE);
      row.output_price = col_money (stmt, C_OUTPUT_PRICE);
      row.cached_input_price = col_money (stmt, C_CACHED_INPUT_PRICE);
      row.context_window = sqlite3_column_int64 (stmt, C_CONTEXT_WINDOW);
      row.programmes = col_text (stmt, C_PROGRAMMES);
      row.demo = sqlite3_column_int (stmt, C_DEMO) != 0;
      row.fetched_at = sqlite3_column_int64 (stmt, C_FETCHED_AT);
      row.retired = sqlite3_column_int (stmt, C_RETIRED) != 0;
      row.gpu_fraction = col_text (stmt, C_GPU_FRACTION);
      row.host = col_text (stmt, C_HOST);
      func (&row, user_data);
    }
  if (rc != SQLITE_DONE)
    {
      load_error (error, path, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* In the read transaction: the snapshot's generation, and the cached blob
 * of @key given to @cache_func; TRUE when it took it */
static gboolean
read_cache (sqlite3               *db,
            const char            *key,
            SpStoreOfferCacheFunc  cache_func,
            gpointer               user_data,
            gint64                *generation)
{
  sqlite3_stmt *stmt = NULL;
  gboolean taken = FALSE;

  *generation = -1;
  /* an older schema (no cache, no generation): a plain miss */
  if (sqlite3_prepare_v2 (db, SP_STORE_OFFERS_GENERATION_SQL " WHERE EXISTS "
                          "(SELECT 1 FROM sqlite_master WHERE name = 'offer_table_cache')",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *generation = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (*generation < 0 || key == NULL || cache_func == NULL ||
      sqlite3_prepare_v2 (db, "SELECT data FROM offer_table_cache WHERE key = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (stmt, 0);
      int len = sqlite3_column_bytes (stmt, 0);

      taken = data != NULL && len > 0 && cache_func (data, (gsize) len, user_data);
    }
  sqlite3_finalize (stmt);
  return taken;
}

gboolean
sp_store_read_offer_table (const char             *path,
                           const char             *key,
                           SpStoreOfferCacheFunc   cache_func,
                           SpStoreOfferRowFunc     func,
                           gpointer                user_data,
                           gint64                 *generation,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_autoptr(GError) cause = NULL;
  sqlite3 *db = NULL;
  gint64 gen = -1;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* read-only: never create the file */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return load_error (error, path, _("the file does not exist"));
  /* one thread uses the connection: no mutex on every column read */
  db = sp_database_open_plain (path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, &cause);
  if (db == NULL ||
      !sp_database_exec_on (db, "PRAGMA query_only = ON", &cause))
    {
      load_error (error, path, cause->message);
      sqlite3_close (db);
      return FALSE;
    }
  /* one read transaction: a refresh committing meanwhile is seen whole or
   * not at all, by the cache's read and the rows' alike */
  ok = sp_database_exec_on (db, "BEGIN", &cause);
  if (!ok)
    load_error (error, path, cause->message);
  else
    {
      if (!read_cache (db, key, cache_func, user_data, &gen))
        ok = read_rows (db, path, func, user_data, cancellable, error);
      sp_database_exec_on (db, "COMMIT", NULL);
    }
  if (sqlite3_close (db) != SQLITE_OK)
    g_warning ("Closing %s failed", path);
  if (generation != NULL)
    *generation = gen;
  return ok;
}

gboolean
sp_store_read_offer_rows (const char           *path,
                          SpStoreOfferRowFunc   func,
                          gpointer              user_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  return sp_store_read_offer_table (path, NULL, NULL, func, user_data, NULL, cancellable, error);
}

gboolean
sp_store_write_offer_table_cache (SpStore       *store,
                                  const char    *key,
                                  gint64         generation,
                                  GBytes        *data,
                                  gboolean      *written,
                                  GError       **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean own = FALSE, ok;
  gint64 now = -1;
  gsize len;
  gconstpointer bytes;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && data != NULL, FALSE);

  *written = FALSE;
  if (generation < 0)
    return TRUE;
  db = sp_store_get_db (store);
  if (!sp_database_begin_own (db, &own, SP_STORE_ERROR, error))
    return FALSE;
  /* inside the write lock: the offers are still those the table was built from */
  ok = sp_database_query_int_on (db, SP_STORE_OFFERS_GENERATION_SQL, &now, error);
  if (ok && now == generation)
    {
      ok = sp_database_exec_on (db, "DELETE FROM offer_table_cache", error);
      if (ok)
        {
          rc = sqlite3_prepare_v2 (db, "INSERT INTO offer_table_cache (key, data) VALUES (?1, ?2)",
                                   -1, &stmt, NULL);
          if (rc == SQLITE_OK)
            {
              bytes = g_bytes_get_data (data, &len);
              sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
              sqlite3_bind_blob64 (stmt, 2, bytes, len, SQLITE_STATIC);
              rc = sqlite3_step (stmt);
              sqlite3_finalize (stmt);
            }
          ok = rc == SQLITE_OK || rc == SQLITE_DONE;
          if (!ok)
            sp_database_set_sql_error (db, rc, SP_STORE_ERROR, error);
          *written = ok;
        }
    }
  if (!sp_database_end_own (db, own, ok, SP_STORE_ERROR, ok ? error : NULL))
    {
      *written = FALSE;
      return FALSE;
    }
  return ok;
}
