/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-sources.c — the configured vendor sources (schema v2,
 * sp-source.h): add, update, delete, list, and the outcome of a refresh. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sp-store.h"
#include "sp-store-private.h"

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

/* Runs @id (?1 the name, then bind_source_config()'s) for @source;
 * *@changed says whether a row was written. */
static gboolean
write_source_config (SpStore    *self,
                     StmtId      id,
                     SpSource   *source,
                     int         url_idx,
                     int         format_idx,
                     gboolean   *changed,
                     GError    **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, id, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, sp_source_get_name (source));
  bind_source_config (stmt, source, url_idx, format_idx);
  if (!sp_store_run_stmt (self, stmt, error))
    return FALSE;
  *changed = sqlite3_changes (self->db) > 0;
  return TRUE;
}

gboolean
sp_store_add_source (SpStore   *self,
                     SpSource  *source,
                     GError   **error)
{
  gboolean changed = FALSE;
  const char *name;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = sp_source_get_name (source);
  if (!sp_source_check_name (name, error) ||
      !sp_source_check_url (sp_source_get_url (source), error))
    return FALSE;

  if (!write_source_config (self, STMT_ADD_SOURCE, source, 3, 2, &changed, error))
    return FALSE;
  if (!changed)
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
  gboolean changed = FALSE;
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

  if (!write_source_config (self, STMT_UPDATE_SOURCE, source, 2, 3, &changed, error))
    return FALSE;
  if (!changed)
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
  if (!sp_store_write_current_points (self, name, NULL, FALSE, error))
    return FALSE;
  stmt = sp_store_get_stmt (self, STMT_DELETE_SOURCE_OFFERS, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (!sp_store_run_stmt (self, stmt, error))
    return FALSE;

  stmt = sp_store_get_stmt (self, STMT_DELETE_SOURCE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (!sp_store_run_stmt (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, name);
      return FALSE;
    }

  /* a programme source's programmes go with it (sp-wallet-store-feeds.c) */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *key = g_strconcat (i == 0 ? SP_STORE_PROGRAMME_FEED_KEY
                                                 : SP_STORE_PROGRAMME_FEED_AT_KEY, name, NULL);

      stmt = sp_store_get_stmt (self, STMT_DELETE_META, error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, key);
      if (!sp_store_run_stmt (self, stmt, error))
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
  if (!sp_store_run_simple (self, STMT_BEGIN, error))
    return FALSE;
  if (!delete_source_locked (self, name, error) ||
      !sp_store_offers_changed_locked (self, error) ||
      !sp_store_run_simple (self, STMT_COMMIT, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* sqlite3_exec () callback: the first column of the row as an int */
static int
read_int (void  *data,
          int    n_columns,
          char **values,
          char **names)
{
  if (n_columns > 0 && values[0] != NULL)
    *(int *) data = atoi (values[0]);
  return 0;
}

GPtrArray *
sp_store_list_sources (SpStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  sqlite3_stmt *stmt;
  int rc, cache_size = 0;
  gboolean small_cache, ok;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = sp_store_get_stmt (self, STMT_LIST_SOURCES, error);
  if (stmt == NULL)
    return NULL;

  /* Counting each source's offers reads every page of the offers table
   * once: through a page cache of 64 KiB, not the connection's 2 MiB,
   * which would keep 2 MiB of pages nobody reads again (20 bytes an offer
   * of the app's memory at 100,000 offers, issue 17).  Not inside a
   * transaction, whose dirty pages the cache must keep. */
  small_cache = sqlite3_get_autocommit (self->db) &&
                sqlite3_exec (self->db, "PRAGMA cache_size", read_int, &cache_size, NULL) == SQLITE_OK &&
                cache_size != 0 &&
                sqlite3_exec (self->db, "PRAGMA cache_size = -64", NULL, NULL, NULL) == SQLITE_OK;
  sources = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, source_from_row (stmt));
  ok = sp_store_stmt_end (self, stmt, rc, error);
  if (small_cache)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);

      sqlite3_exec (self->db, pragma, NULL, NULL, NULL);
    }
  if (!ok)
    return NULL;
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

  stmt = sp_store_get_stmt (self, STMT_GET_SOURCE, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    source = source_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, name);
  else
    sp_store_set_sql_error (self, rc, error);
  sp_store_stmt_done (stmt);
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

  stmt = sp_store_get_stmt (self, ok ? STMT_RECORD_SUCCESS : STMT_RECORD_FAILURE, error);
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
  if (!sp_store_run_stmt (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, name);
      return FALSE;
    }
  return TRUE;
}
