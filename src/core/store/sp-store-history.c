/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-history.c — the price history of dated snapshots: a snapshot
 * older than the stored one only adds its prices at its own date, offers that
 * leave are recorded in offers_gone. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sp-offer-private.h"
#include "sp-store.h"
#include "sp-store-private.h"

/* The date of the snapshot now stored for @source: its generated date, or
 * for a catalog without one when it was imported (0: no such source). */
gboolean
sp_store_stored_generated_at (SpStore     *self,
                              const char  *source,
                              gint64      *out,
                              GError     **error)
{
  return sp_store_query_int (self, STMT_GET_GENERATED, source, NULL, 0, out, error);
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
  sqlite3_stmt *stmt = sp_store_get_stmt (self, id, error);
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
      StoredPrice *row = sp_store_stored_price_new ("");

      *rowid = sqlite3_column_int64 (stmt, 0);
      row->currency = column_dup (stmt, 1);
      row->price = column_money (stmt, 2);
      row->input_price = column_money (stmt, 3);
      row->output_price = column_money (stmt, 4);
      row->cached_input_price = column_money (stmt, 5);
      *same = !sp_store_stored_price_differs (row, o);
      sp_store_stored_price_free (row);
    }
  return sp_store_stmt_end (self, stmt, rc, error);
}

/* Puts @o's prices into the history as a step at @at: nothing when the
 * price in force at @at is already the same; else a point at @at, and the
 * next later point goes when it only repeats @o's prices (the step now
 * starts earlier).  So snapshots imported in any order leave one history.
 * *@added says whether a point was added. */
gboolean
sp_store_insert_history_step (SpStore     *self,
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
  if (!sp_store_insert_history (self, source, o, at, error))
    return FALSE;
  *added = TRUE;
  if (!history_neighbour (self, STMT_HISTORY_AFTER, source, o, at, &rowid, &same, error))
    return FALSE;
  if (rowid == 0 || !same)
    return TRUE;
  stmt = sp_store_get_stmt (self, STMT_DELETE_HISTORY_ROW, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return sp_store_run_stmt (self, stmt, error);
}

/* Records that @o left @source at @at, with its last price. */
static gboolean
insert_gone (SpStore     *self,
             const char  *source,
             SpOffer     *o,
             gint64       at,
             GError     **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, STMT_INSERT_GONE, error);
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
  return sp_store_run_stmt (self, stmt, error);
}

/* One current offer into *@out (NULL when there is none). */
gboolean
sp_store_load_one_offer (SpStore     *self,
                         const char  *source,
                         const char  *id,
                         SpOffer    **out,
                         GError     **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, STMT_LOAD_OFFER, error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sp_store_offer_from_row (stmt, error);
      if (*out == NULL)
        {
          sp_store_stmt_done (stmt);
          return FALSE;
        }
    }
  return sp_store_stmt_end (self, stmt, rc, error);
}

/* Removes an offer that is no longer in its source's newest snapshot,
 * recording it in offers_gone at @at. */
gboolean
sp_store_remove_offer (SpStore     *self,
                       const char  *source,
                       const char  *id,
                       gint64       at,
                       GError     **error)
{
  g_autoptr(SpOffer) gone = NULL;

  if (!sp_store_load_one_offer (self, source, id, &gone, error))
    return FALSE;
  if (gone != NULL && !insert_gone (self, source, gone, at, error))
    return FALSE;
  /* its last price point stays in the history */
  if (!sp_store_write_current_points (self, source, id, FALSE, error))
    return FALSE;
  return sp_store_delete_offer (self, source, id, error);
}
/* An older snapshot than the one stored (@newest): its prices go to the
 * history at their own date (@generated), the current offers stay.  An
 * offer of it that the newer snapshot no longer has is recorded as gone at
 * @newest, as importing the two in date order would have. */
gboolean
sp_store_add_history_locked (SpStore         *self,
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
  if (!sp_store_write_current_points (self, source, NULL, TRUE, error))
    return FALSE;
  current = sp_store_load_current_prices (self, source, error);
  if (current == NULL)
    return FALSE;

  for (guint i = 0; offers != NULL && i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      gboolean added = FALSE;

      if (!sp_store_check_offer (o, i, source, error) ||
          !sp_store_insert_history_step (self, source, o, generated, &added, error))
        return FALSE;
      if (added)
        (*n_changed)++;
      if (!g_hash_table_contains (current, o->id))
        {
          gint64 later = 0;

          if (!sp_store_query_int (self, STMT_GONE_AFTER, source, o->id, generated, &later,
                                   error))
            return FALSE;
          if (later == 0 && !insert_gone (self, source, o, newest, error))
            return FALSE;
        }
    }
  return TRUE;
}
