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

#ifdef SP_HAVE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1   /* declares sqlite3_preupdate_hook () */
#endif

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

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
  /* the offer table's cache invalidated (schema 9) */
  [STMT_CLEAR_TABLE_CACHE] = { "DELETE FROM offer_table_cache", FALSE },
  [STMT_BUMP_OFFERS_GENERATION] = {
    "INSERT INTO meta (key, value) VALUES ('offers_generation', 1) "
    "ON CONFLICT (key) DO UPDATE SET value = value + 1", FALSE },
};

G_DEFINE_FINAL_TYPE (SpStore, sp_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-store-error-quark, sp_store_error)


/* ------------------------------------------------------------------ helpers */

gboolean
sp_store_set_sql_error (SpStore  *self,
                        int       rc,
                        GError  **error)
{
  return sp_database_set_sql_error (self->db, rc, SP_STORE_ERROR, error);
}

sqlite3_stmt *
sp_store_get_stmt (SpStore  *self,
                   StmtId    id,
                   GError  **error)
{
  return sp_database_prepare_cached (self->db, stmt_defs[id].sql,
                                     stmt_defs[id].hot ? SQLITE_PREPARE_PERSISTENT : 0,
                                     &self->stmts[id], SP_STORE_ERROR, error);
}

void
sp_store_stmt_done (sqlite3_stmt *stmt)
{
  sp_database_statement_done (stmt);
}

gboolean
sp_store_query_int (SpStore     *self,
                    StmtId       id,
                    const char  *source,
                    const char  *offer_id,
                    gint64       at,
                    gint64      *out,
                    GError     **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, id, error);
  int rc;

  *out = 0;
  if (stmt == NULL)
    return FALSE;
  if (source != NULL)
    bind_text (stmt, 1, source);
  if (offer_id != NULL)
    {
      bind_text (stmt, 2, offer_id);
      sqlite3_bind_int64 (stmt, 3, at);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  return sp_store_stmt_end (self, stmt, rc, error);
}

gboolean
sp_store_stmt_end (SpStore       *self,
                   sqlite3_stmt  *stmt,
                   int            rc,
                   GError       **error)
{
  return sp_database_statement_end (self->db, stmt, rc, SP_STORE_ERROR, error);
}

/* Runs a cached statement that returns no rows. */
gboolean
sp_store_run_stmt (SpStore       *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  return sp_database_step_once (self->db, stmt, SP_STORE_ERROR, error);
}

/* Runs an INSERT whose every parameter is bound each time: a reset is
 * enough (no sqlite3_clear_bindings per row). */
gboolean
sp_store_run_insert (SpStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    sp_store_set_sql_error (self, rc, error);  /* while the message is the step's */
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
sp_store_run_simple (SpStore  *self,
                     StmtId    id,
                     GError  **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, id, error);

  return stmt != NULL && sp_store_run_stmt (self, stmt, error);
}

gboolean
sp_store_offers_changed_locked (SpStore  *self,
                                GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  if (!sp_store_run_simple (self, STMT_CLEAR_TABLE_CACHE, error) ||
      !sp_store_run_simple (self, STMT_BUMP_OFFERS_GENERATION, error))
    return FALSE;
  self->offers_invalidated = TRUE;
  return TRUE;
}

void
sp_store_rollback (SpStore *self)
{
  g_autoptr(GError) local_error = NULL;

  if (sqlite3_get_autocommit (self->db))
    return; /* SQLite already rolled back */
  if (!sp_store_run_simple (self, STMT_ROLLBACK, &local_error))
    g_warning ("Rollback failed: %s", local_error->message);
}

/* ------------------------------------------------------------------ the cache's guard */

/* Invalidation once per write transaction (sp_store_offers_changed_locked ())
 * instead of triggers, which cost 2-4 us for every offers row written
 * (HACKING.md, "The offer table's cache").  So that no write path can forget
 * it, the connection watches offers: the pre-update hook, because the update
 * hook is not called for a WITHOUT ROWID table such as offers (it is for
 * deletes cascading from sources too); the commit hook turns a COMMIT (or an
 * autocommit statement) that changed offers without the invalidation into a
 * rollback: nothing stale is stored, nothing is half written. */
static void
reset_offers_guard (SpStore *self)
{
  self->offers_written = FALSE;
  self->offers_invalidated = FALSE;
}

#ifdef SP_HAVE_PREUPDATE_HOOK
static void
offers_preupdate (void          *data,
                  sqlite3       *db,
                  int            op,
                  const char    *db_name,
                  const char    *table,
                  sqlite3_int64  key1,
                  sqlite3_int64  key2)
{
  SpStore *self = data;

  if (!self->offers_written && strcmp (table, "offers") == 0 && strcmp (db_name, "main") == 0)
    self->offers_written = TRUE;
}
#endif

static int
offers_commit (void *data)
{
  SpStore *self = data;
  gboolean refused = self->offers_written && !self->offers_invalidated;

  reset_offers_guard (self);
  if (refused)
    {
      g_critical ("offers changed without invalidating the offer table cache");
      return 1;   /* the COMMIT becomes a ROLLBACK */
    }
  return 0;
}

static void
offers_rollback (void *data)
{
  reset_offers_guard (data);
}

static void
watch_offers (SpStore *self)
{
#ifdef SP_HAVE_PREUPDATE_HOOK
  sqlite3_preupdate_hook (self->db, offers_preupdate, self);
#endif
  sqlite3_commit_hook (self->db, offers_commit, self);
  sqlite3_rollback_hook (self->db, offers_rollback, self);
}

static void
unwatch_offers (SpStore *self)
{
  if (self->db == NULL)
    return;
#ifdef SP_HAVE_PREUPDATE_HOOK
  sqlite3_preupdate_hook (self->db, NULL, NULL);
#endif
  sqlite3_commit_hook (self->db, NULL, NULL);
  sqlite3_rollback_hook (self->db, NULL, NULL);
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
  watch_offers (self);
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
  unwatch_offers (self);
  self->db = NULL;
  g_clear_object (&self->database);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sp_store_parent_class)->finalize (object);
}

static void
sp_store_class_init (SpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_store_finalize;
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

  self = g_object_new (SP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
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
  n_offers = sp_import_result_get_rows_normalized (result);
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
  sp_store_forget_offer_bindings (self);
  ok = sp_store_run_simple (self, STMT_BEGIN, error);
  if (ok && (!sp_store_replace_source_locked (self, result, source, now, &changed, error) ||
             !sp_store_offers_changed_locked (self, error) ||
             !sp_store_run_simple (self, STMT_COMMIT, error)))
    {
      sp_store_rollback (self);
      ok = FALSE;
    }
  sp_store_forget_offer_bindings (self);
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

  sp_store_load_one_offer (self, source, id, &offer, error);
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

  if (!sp_store_stored_generated_at (self, source, &generated, &local_error))
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

  stmt = sp_store_get_stmt (self, STMT_LOAD_OFFERS, error);
  if (stmt == NULL)
    return NULL;

  offers = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpOffer *o = sp_store_offer_from_row (stmt, error);

      if (o == NULL)
        {
          sp_store_stmt_done (stmt);
          return NULL;
        }
      g_ptr_array_add (offers, o);
    }
  if (!sp_store_stmt_end (self, stmt, rc, error))
    return NULL;
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

  stmt = sp_store_get_stmt (self, source != NULL ? STMT_COUNT_SOURCE : STMT_COUNT_ALL, &local_error);
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
  sp_store_stmt_done (stmt);
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

  stmt = sp_store_get_stmt (self, STMT_HISTORY, error);
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
  if (!sp_store_stmt_end (self, stmt, rc, error))
    return NULL;
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

  stmt = sp_store_get_stmt (self, STMT_GET_META, &local_error);
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
  sp_store_stmt_done (stmt);
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

  stmt = sp_store_get_stmt (self, value != NULL ? STMT_SET_META : STMT_DELETE_META, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return sp_store_run_stmt (self, stmt, error);
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
  if (!sp_store_run_simple (self, STMT_BEGIN, error))
    return FALSE;
  stmt = sp_store_get_stmt (self, STMT_DELETE_SOURCE, error);
  if (stmt == NULL || !sp_store_write_current_points (self, source, NULL, FALSE, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, source);
  if (!sp_store_run_stmt (self, stmt, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      sp_store_rollback (self);
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                   _("There is no source “%s”"), source);
      return FALSE;
    }
  /* (the cascade's deletes are offers changed too) */
  if (!sp_store_offers_changed_locked (self, error) ||
      !sp_store_run_simple (self, STMT_COMMIT, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}
