/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store-feeds.c — programmes from a source (issue 19 item 5)
 *
 * A "programmes" source's last good file is kept in the meta table, as it
 * was fetched (and validated, sp_programme_list_from_feed()), with when it
 * was fetched: "programme-feed.NAME" and "programme-feed-at.NAME".  A refused
 * feed writes nothing, so the programmes it gave before stay; removing the
 * source removes them (sp-store-sources.c).  In the list a feed adds
 * programmes and never replaces one: a shipped id is refused by the reader,
 * an id given by a hand import or another feed by sp_store_save_programme_feed(). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-wallet-store-private.h"

gboolean
sp_wallet_store_add_feed_programmes (sqlite3     *db,
                                     GHashTable  *by_id,
                                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = sp_wallet_store_prepare (db,
                                  "SELECT s.name, s.url, f.value, t.value FROM sources s "
                                  "JOIN meta f ON f.key = '" SP_STORE_PROGRAMME_FEED_KEY "' || s.name "
                                  "LEFT JOIN meta t ON t.key = '" SP_STORE_PROGRAMME_FEED_AT_KEY "' || s.name "
                                  "ORDER BY s.name",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = sp_wallet_store_column_text (stmt, 0);
      const char *url = sp_wallet_store_column_text (stmt, 1);
      const char *def = sp_wallet_store_column_text (stmt, 2);
      const char *at = sp_wallet_store_column_text (stmt, 3);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 fetched = at != NULL ? g_ascii_strtoll (at, NULL, 10) : 0;

      list = def != NULL ? sp_programme_list_from_data (def, strlen (def), &local_error) : NULL;
      if (list == NULL)
        {
          /* validated when it was saved: only a newer Suanpan's file fails here */
          g_warning ("The programmes of the source “%s” cannot be read: %s", name,
                     local_error != NULL ? local_error->message : "(none)");
          continue;
        }
      for (guint i = 0; i < list->len; i++)
        {
          SpProgramme *programme = list->pdata[i];

          /* a hand import of the same id, made after the feed, wins */
          if (g_hash_table_contains (by_id, sp_programme_get_id (programme)))
            continue;
          sp_programme_set_origin (programme, SP_PROGRAMME_ORIGIN_FEED, name, url, fetched);
          g_hash_table_replace (by_id, g_strdup (sp_programme_get_id (programme)),
                                g_object_ref (programme));
        }
    }
  if (rc != SQLITE_DONE)
    return sp_wallet_store_db_error (db, rc, error);
  return TRUE;
}

static gboolean
set_meta (sqlite3     *db,
          const char  *prefix,
          const char  *source,
          const char  *value,
          gsize        len,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = g_strconcat (prefix, source, NULL);

  stmt = sp_wallet_store_prepare (db, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sp_wallet_store_bind_text_copy (stmt, 1, key);
  sqlite3_bind_text (stmt, 2, value, (int) len, SQLITE_TRANSIENT);
  return sp_wallet_store_step_done (db, stmt, error);
}

gboolean
sp_store_save_programme_feed (SpStore     *self,
                              const char  *source,
                              const char  *data,
                              gsize        len,
                              GPtrArray   *programmes,
                              gint64       now,
                              GError     **error)
{
  g_autoptr(GPtrArray) current = NULL;
  g_autofree char *at = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (programmes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len > (gsize) G_MAXINT)
    {
      g_set_error_literal (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID,
                           _("The programme file is too large"));
      return FALSE;
    }
  db = sp_store_get_db (self);
  current = sp_wallet_store_load_programmes (db, error);
  if (current == NULL)
    return FALSE;
  for (guint i = 0; i < programmes->len; i++)
    {
      const char *id = sp_programme_get_id (programmes->pdata[i]);
      SpProgramme *taken = sp_programme_list_find (current, id);

      if (taken == NULL || (sp_programme_get_origin (taken) == SP_PROGRAMME_ORIGIN_FEED &&
                            g_strcmp0 (sp_programme_get_origin_source (taken), source) == 0))
        continue;
      if (sp_programme_get_origin (taken) == SP_PROGRAMME_ORIGIN_FEED)
        g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_EXISTS,
                     /* Translators: a programme id, then a source name */
                     _("The programme “%s” already comes from the source “%s”; a feed cannot "
                       "replace it (give it an id of its own)"),
                     id, sp_programme_get_origin_source (taken));
      else
        g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_EXISTS,
                     _("The programme “%s” is already in the list (shipped or imported); a "
                       "feed cannot replace it (give it an id of its own)"),
                     id);
      return FALSE;
    }

  at = g_strdup_printf ("%" G_GINT64_FORMAT, sp_wallet_store_now_or (now));
  if (!sp_wallet_store_begin (db, error))
    return FALSE;
  if (!set_meta (db, SP_STORE_PROGRAMME_FEED_KEY, source, data, len, error) ||
      !set_meta (db, SP_STORE_PROGRAMME_FEED_AT_KEY, source, at, strlen (at), error) ||
      !sp_wallet_store_commit (db, error))
    {
      sp_wallet_store_rollback (db);
      return FALSE;
    }
  return TRUE;
}
