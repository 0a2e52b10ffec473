/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-watchlist.c — watched offers and groups, and the changes of their prices
 *
 * The watchlist table and offers_gone come with store schema 4; the price
 * history is sp-store.c's (dated by the snapshots' generated_at).  Every
 * statement binds its values; nothing from outside is pasted into SQL. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sp-offer-private.h"
#include "sp-store-private.h"
#include "sp-watchlist.h"

G_DEFINE_BOXED_TYPE (SpWatch, sp_watch, sp_watch_copy, sp_watch_free)
G_DEFINE_BOXED_TYPE (SpPriceChange, sp_price_change, sp_price_change_copy, sp_price_change_free)

/* A watched offer found in the current offers or among the gone ones. */
typedef struct {
  char        *source;
  char        *offer_id;
  char        *group;
  char        *vendor_id;
  char        *vendor_name;
  char        *name;
  SpOfferKind  kind;
} Watched;

/* One offers_gone row. */
typedef struct {
  Watched      w;
  gint64       gone_at;
  char        *currency;
  SpMoney      price;
  SpMoney      output_price;
} GoneRow;

/* ---------------------------------------------------------------- boxed */

const char *
sp_watch_kind_to_string (SpWatchKind kind)
{
  return kind == SP_WATCH_GROUP ? "group" : "offer";
}

SpWatch *
sp_watch_copy (const SpWatch *watch)
{
  SpWatch *copy;

  g_return_val_if_fail (watch != NULL, NULL);
  copy = g_new0 (SpWatch, 1);
  *copy = *watch;
  copy->source = g_strdup (watch->source);
  copy->key = g_strdup (watch->key);
  return copy;
}

void
sp_watch_free (SpWatch *watch)
{
  if (watch == NULL)
    return;
  g_free (watch->source);
  g_free (watch->key);
  g_free (watch);
}

SpPriceChange *
sp_price_change_copy (const SpPriceChange *change)
{
  SpPriceChange *copy;

  g_return_val_if_fail (change != NULL, NULL);
  copy = g_new0 (SpPriceChange, 1);
  *copy = *change;
  copy->source = g_strdup (change->source);
  copy->offer_id = g_strdup (change->offer_id);
  copy->group = g_strdup (change->group);
  copy->vendor_id = g_strdup (change->vendor_id);
  copy->vendor_name = g_strdup (change->vendor_name);
  copy->name = g_strdup (change->name);
  copy->currency = g_strdup (change->currency);
  copy->old_currency = g_strdup (change->old_currency);
  return copy;
}

void
sp_price_change_free (SpPriceChange *change)
{
  if (change == NULL)
    return;
  g_free (change->source);
  g_free (change->offer_id);
  g_free (change->group);
  g_free (change->vendor_id);
  g_free (change->vendor_name);
  g_free (change->name);
  g_free (change->currency);
  g_free (change->old_currency);
  g_free (change);
}

SpPriceChangeDirection
sp_price_change_get_direction (const SpPriceChange *change)
{
  g_return_val_if_fail (change != NULL, SP_PRICE_CHANGE_OTHER);

  if (change->gone)
    return SP_PRICE_CHANGE_GONE;
  if (g_strcmp0 (change->currency, change->old_currency) != 0 ||
      change->old_price == SP_MONEY_UNKNOWN || change->new_price == SP_MONEY_UNKNOWN)
    return SP_PRICE_CHANGE_OTHER;
  if (change->new_price < change->old_price)
    return SP_PRICE_CHANGE_DOWN;
  if (change->new_price > change->old_price)
    return SP_PRICE_CHANGE_UP;
  /* the main price stayed: the output price tells */
  if (change->old_output != SP_MONEY_UNKNOWN && change->new_output != SP_MONEY_UNKNOWN &&
      change->new_output != change->old_output)
    return change->new_output < change->old_output ? SP_PRICE_CHANGE_DOWN : SP_PRICE_CHANGE_UP;
  return SP_PRICE_CHANGE_OTHER;
}

const char *
sp_price_change_direction_to_string (SpPriceChangeDirection d)
{
  switch (d)
    {
    case SP_PRICE_CHANGE_DOWN:
      return "down";
    case SP_PRICE_CHANGE_UP:
      return "up";
    case SP_PRICE_CHANGE_GONE:
      return "gone";
    case SP_PRICE_CHANGE_OTHER:
    default:
      return "other";
    }
}

gboolean
sp_price_change_get_percent_bp (const SpPriceChange *change,
                                gint64              *out_bp)
{
  SpMoney old_value, new_value;
  gint64 diff;
  gint64 q;

  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (out_bp != NULL, FALSE);

  sp_price_change_get_moved (change, &old_value, &new_value, NULL);
  if (change->gone || g_strcmp0 (change->currency, change->old_currency) != 0 ||
      old_value == SP_MONEY_UNKNOWN || new_value == SP_MONEY_UNKNOWN ||
      old_value <= 0 || new_value < 0 ||
      old_value > G_MAXINT64 / 20000 || new_value > G_MAXINT64 / 20000)
    return FALSE;
  /* rounded half away from zero to the basis point */
  diff = (new_value - old_value) * 10000;
  q = diff / old_value;
  if (2 * ABS (diff % old_value) >= old_value)
    q += diff < 0 ? -1 : 1;
  *out_bp = q;
  return TRUE;
}

void
sp_price_change_get_moved (const SpPriceChange *change,
                           SpMoney             *old_value,
                           SpMoney             *new_value,
                           gboolean            *is_output)
{
  gboolean output;

  g_return_if_fail (change != NULL);

  output = change->kind == SP_OFFER_KIND_TOKENS && !change->gone &&
           change->old_price == change->new_price && change->old_output != change->new_output;
  if (old_value != NULL)
    *old_value = output ? change->old_output : change->old_price;
  if (new_value != NULL)
    *new_value = output ? change->new_output : change->new_price;
  if (is_output != NULL)
    *is_output = output;
}

/* ---------------------------------------------------------------- SQL */

static gboolean
sql_error (sqlite3  *db,
           GError  **error)
{
  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL, _("Database error: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sql_error (db, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  if (key == NULL || key[0] == '\0' || strlen (key) > 1024 || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                           _("An offer id or group must be 1 to 1024 characters of text"));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- watches */

/* Runs @sql on the watch (@kind, @source, @key) bound as ?1-?3 (and @now,
 * when not 0, as ?4): the one path of adding and removing. */
static gboolean
run_watch (SpStore      *store,
           const char   *sql,
           SpWatchKind   kind,
           const char   *source,
           const char   *key,
           gint64        now,
           GError      **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_key (key, error))
    return FALSE;
  db = sp_store_get_db (store);
  stmt = prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, sp_watch_kind_to_string (kind));
  bind_text (stmt, 2, source);
  bind_text (stmt, 3, key);
  if (now != 0)
    sqlite3_bind_int64 (stmt, 4, now);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (db, error);
  return TRUE;
}

gboolean
sp_watchlist_add (SpStore      *store,
                  SpWatchKind   kind,
                  const char   *source,
                  const char   *key,
                  gint64        now,
                  GError      **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_watch (store, "INSERT INTO watchlist (kind, source, key, added_at) "
                           "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                    kind, kind == SP_WATCH_OFFER && source != NULL ? source : "", key, now,
                    error);
}

gboolean
sp_watchlist_remove (SpStore      *store,
                     SpWatchKind   kind,
                     const char   *source,
                     const char   *key,
                     GError      **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* an offer watch named without its source: the one offer of that id */
  if (!run_watch (store, "DELETE FROM watchlist WHERE kind = ?1 AND key = ?3 "
                         "AND (?2 IS NULL OR source = ?2)",
                  kind, kind == SP_WATCH_GROUP ? "" : source, key, 0, error))
    return FALSE;
  if (sqlite3_changes (sp_store_get_db (store)) == 0)
    {
      if (kind == SP_WATCH_GROUP)
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                     _("The group “%s” is not on the watchlist"), key);
      else
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                     _("The offer “%s” is not on the watchlist"), key);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sp_watchlist_list (SpStore  *store,
                   GError  **error)
{
  g_autoptr(GPtrArray) watches = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = sp_store_get_db (store);
  stmt = prepare (db, "SELECT kind, source, key, added_at FROM watchlist "
                      "ORDER BY kind = 'offer', source, key", error);
  if (stmt == NULL)
    return NULL;
  watches = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_watch_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpWatch *w = g_new0 (SpWatch, 1);

      w->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "group") == 0
                  ? SP_WATCH_GROUP : SP_WATCH_OFFER;
      w->source = w->kind == SP_WATCH_OFFER ? column_dup (stmt, 1) : NULL;
      w->key = column_dup (stmt, 2);
      w->added_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (watches, w);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&watches);
}

static gboolean
watches_match (GPtrArray  *watches,
               const char *source,
               const char *offer_id,
               const char *group,
               gboolean    groups_too)
{
  for (guint i = 0; watches != NULL && i < watches->len; i++)
    {
      const SpWatch *w = g_ptr_array_index (watches, i);

      if (w->kind == SP_WATCH_OFFER)
        {
          if (g_strcmp0 (w->key, offer_id) == 0 && g_strcmp0 (w->source, source) == 0)
            return TRUE;
        }
      else if (groups_too && group != NULL && g_strcmp0 (w->key, group) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
sp_watchlist_covers (GPtrArray *watches,
                     SpOffer   *offer)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (SP_IS_OFFER (offer), FALSE);
  group = sp_offer_dup_group (offer);
  return watches_match (watches, offer->source, offer->id, group, TRUE);
}

gboolean
sp_watchlist_has_offer (GPtrArray *watches,
                        SpOffer   *offer)
{
  g_return_val_if_fail (SP_IS_OFFER (offer), FALSE);
  return watches_match (watches, offer->source, offer->id, NULL, FALSE);
}

/* ---------------------------------------------------------------- changes */

static void
watched_clear (Watched *w)
{
  g_clear_pointer (&w->source, g_free);
  g_clear_pointer (&w->offer_id, g_free);
  g_clear_pointer (&w->group, g_free);
  g_clear_pointer (&w->vendor_id, g_free);
  g_clear_pointer (&w->vendor_name, g_free);
  g_clear_pointer (&w->name, g_free);
}

static void
watched_free (gpointer data)
{
  Watched *w = data;

  watched_clear (w);
  g_free (w);
}

static void
gone_row_free (gpointer data)
{
  GoneRow *g = data;

  watched_clear (&g->w);
  g_free (g->currency);
  g_free (g);
}

static char *
offer_key (const char *source,
           const char *offer_id)
{
  return g_strconcat (source ? source : "", "\x1f", offer_id ? offer_id : "", NULL);
}

/* Every offers_gone row, oldest first (element type GoneRow*). */
static GPtrArray *
load_gone (SpStore  *store,
           GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (gone_row_free);
  sqlite3 *db = sp_store_get_db (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "SELECT source, offer_id, gone_at, vendor_id, vendor_name, name, kind, "
                      "offer_group, currency, price, output_price FROM offers_gone "
                      "ORDER BY gone_at, rowid", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GoneRow *g = g_new0 (GoneRow, 1);

      g->w.source = column_dup (stmt, 0);
      g->w.offer_id = column_dup (stmt, 1);
      g->gone_at = sqlite3_column_int64 (stmt, 2);
      g->w.vendor_id = column_dup (stmt, 3);
      g->w.vendor_name = column_dup (stmt, 4);
      g->w.name = column_dup (stmt, 5);
      if (!sp_offer_kind_from_string ((const char *) sqlite3_column_text (stmt, 6), &g->w.kind))
        g->w.kind = SP_OFFER_KIND_GPU;
      g->w.group = column_dup (stmt, 7);
      g->currency = column_dup (stmt, 8);
      g->price = column_money (stmt, 9);
      g->output_price = column_money (stmt, 10);
      g_ptr_array_add (rows, g);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static SpPriceChange *
change_new (const Watched *w)
{
  SpPriceChange *c = g_new0 (SpPriceChange, 1);

  c->source = g_strdup (w->source);
  c->offer_id = g_strdup (w->offer_id);
  c->group = g_strdup (w->group);
  c->vendor_id = g_strdup (w->vendor_id);
  c->vendor_name = g_strdup (w->vendor_name);
  c->name = g_strdup (w->name);
  c->kind = w->kind;
  c->old_output = SP_MONEY_UNKNOWN;
  c->new_output = SP_MONEY_UNKNOWN;
  return c;
}

static int
change_cmp (gconstpointer a,
            gconstpointer b)
{
  const SpPriceChange *ca = *(SpPriceChange * const *) a;
  const SpPriceChange *cb = *(SpPriceChange * const *) b;
  int r;

  if (ca->changed_at != cb->changed_at)
    return ca->changed_at > cb->changed_at ? -1 : 1;
  if ((r = g_strcmp0 (ca->source, cb->source)) != 0)
    return r;
  if ((r = g_strcmp0 (ca->offer_id, cb->offer_id)) != 0)
    return r;
  return (int) ca->gone - (int) cb->gone;
}

/* Appends the changes of one watched offer: consecutive history points
 * whose prices differ, and the times it left its source. */
static gboolean
add_offer_changes (SpStore        *store,
                   const Watched  *w,
                   GPtrArray      *gone,
                   gint64          since,
                   GPtrArray      *out,
                   GError        **error)
{
  g_autoptr(GArray) history = sp_store_price_history (store, w->source, w->offer_id, error);

  if (history == NULL)
    return FALSE;
  for (guint i = 1; i < history->len; i++)
    {
      const SpPricePoint *prev = &g_array_index (history, SpPricePoint, i - 1);
      const SpPricePoint *cur = &g_array_index (history, SpPricePoint, i);
      SpPriceChange *c;

      if (g_strcmp0 (prev->currency, cur->currency) == 0 && prev->price == cur->price &&
          prev->output_price == cur->output_price)
        continue; /* e.g. only the cached-input price moved */
      if (cur->observed_at < since)
        continue;
      c = change_new (w);
      c->currency = g_strdup (cur->currency);
      c->old_currency = g_strdup (prev->currency);
      c->old_price = prev->price;
      c->new_price = cur->price;
      if (w->kind == SP_OFFER_KIND_TOKENS)
        {
          c->old_output = prev->output_price;
          c->new_output = cur->output_price;
        }
      c->since = prev->observed_at;
      c->changed_at = cur->observed_at;
      g_ptr_array_add (out, c);
    }

  for (guint i = 0; gone != NULL && i < gone->len; i++)
    {
      const GoneRow *g = g_ptr_array_index (gone, i);
      SpPriceChange *c;

      if (g_strcmp0 (g->w.source, w->source) != 0 || g_strcmp0 (g->w.offer_id, w->offer_id) != 0 ||
          g->gone_at < since)
        continue;
      c = change_new (w);
      c->gone = TRUE;
      c->currency = g_strdup (g->currency);
      c->old_currency = g_strdup (g->currency);
      c->old_price = g->price;
      c->new_price = SP_MONEY_UNKNOWN;
      if (w->kind == SP_OFFER_KIND_TOKENS)
        c->old_output = g->output_price;
      c->changed_at = g->gone_at;
      /* the last price before it went was seen since its last history point */
      for (guint k = 0; k < history->len; k++)
        {
          const SpPricePoint *p = &g_array_index (history, SpPricePoint, k);

          if (p->observed_at <= g->gone_at)
            c->since = p->observed_at;
        }
      g_ptr_array_add (out, c);
    }
  return TRUE;
}

static Watched *
watched_dup (const Watched *w)
{
  Watched *copy = g_new0 (Watched, 1);

  copy->source = g_strdup (w->source);
  copy->offer_id = g_strdup (w->offer_id);
  copy->group = g_strdup (w->group);
  copy->vendor_id = g_strdup (w->vendor_id);
  copy->vendor_name = g_strdup (w->vendor_name);
  copy->name = g_strdup (w->name);
  copy->kind = w->kind;
  return copy;
}

/* Adds a copy of @probe (fields borrowed) to @watched and @order (the keys
 * in a fixed order) when @watches match it and it is not there yet. */
static void
watched_add (GHashTable    *watched,
             GPtrArray     *order,
             GPtrArray     *watches,
             const Watched *probe)
{
  char *key;

  if (!watches_match (watches, probe->source, probe->offer_id, probe->group, TRUE))
    return;
  key = offer_key (probe->source, probe->offer_id);
  if (g_hash_table_contains (watched, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (watched, key, watched_dup (probe));
  g_ptr_array_add (order, key);
}

/* The offers the watches need when the caller has none: every offer when a
 * group is watched (groups are worked out), else the watched ones read one
 * by one. */
static GPtrArray *
load_watched_offers (SpStore    *store,
                     GPtrArray  *watches,
                     GError    **error)
{
  g_autoptr(GPtrArray) loaded = NULL;
  gboolean any_group = FALSE;

  for (guint i = 0; i < watches->len; i++)
    any_group |= ((SpWatch *) g_ptr_array_index (watches, i))->kind == SP_WATCH_GROUP;
  if (any_group)
    return sp_store_load_offers (store, error);
  loaded = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < watches->len; i++)
    {
      const SpWatch *w = g_ptr_array_index (watches, i);
      SpOffer *o = sp_store_load_offer (store, w->source, w->key, error);

      if (o != NULL)
        g_ptr_array_add (loaded, o);
      else if (error != NULL && *error != NULL)
        return NULL;
    }
  return g_steal_pointer (&loaded);
}

/* One read of the watches, the current offers and offers_gone, with the
 * fixed order of the keys kept alongside. */
GPtrArray *
sp_watchlist_changes (SpStore    *store,
                      GPtrArray  *offers,
                      gint64      since,
                      GError    **error)
{
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) watched = NULL; /* offer_key -> Watched* */
  g_autoptr(GPtrArray) order = NULL;    /* the keys in a fixed order */

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  watches = sp_watchlist_list (store, error);
  if (watches == NULL)
    return NULL;
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_price_change_free);
  if (watches->len == 0)
    return g_steal_pointer (&changes);

  if (offers == NULL)
    {
      loaded = load_watched_offers (store, watches, error);
      if (loaded == NULL)
        return NULL;
      offers = loaded;
    }
  gone = load_gone (store, error);
  if (gone == NULL)
    return NULL;

  watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, watched_free);
  order = g_ptr_array_new ();
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      g_autofree char *group = sp_offer_dup_group (o);
      const Watched probe = { (char *) o->source, o->id, group, (char *) o->vendor_id,
                              (char *) o->vendor_name, (char *) o->name, o->kind };

      watched_add (watched, order, watches, &probe);
    }
  /* watched offers no longer on sale are known by their offers_gone rows */
  for (guint i = 0; i < gone->len; i++)
    {
      const GoneRow *g = g_ptr_array_index (gone, i);

      watched_add (watched, order, watches, &g->w);
    }

  for (guint i = 0; i < order->len; i++)
    {
      const Watched *w = g_hash_table_lookup (watched, g_ptr_array_index (order, i));

      if (!add_offer_changes (store, w, gone, since, changes, error))
        return NULL;
    }
  g_ptr_array_sort (changes, change_cmp);
  return g_steal_pointer (&changes);
}

static gboolean
change_same (const SpPriceChange *a,
             const SpPriceChange *b)
{
  return a->changed_at == b->changed_at && a->gone == b->gone &&
         a->old_price == b->old_price && a->new_price == b->new_price &&
         a->old_output == b->old_output && a->new_output == b->new_output &&
         g_strcmp0 (a->source, b->source) == 0 && g_strcmp0 (a->offer_id, b->offer_id) == 0 &&
         g_strcmp0 (a->currency, b->currency) == 0;
}

GPtrArray *
sp_price_changes_new (GPtrArray *before,
                      GPtrArray *after)
{
  GPtrArray *fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_price_change_free);

  for (guint i = 0; after != NULL && i < after->len; i++)
    {
      const SpPriceChange *c = g_ptr_array_index (after, i);
      gboolean known = FALSE;

      for (guint k = 0; before != NULL && k < before->len && !known; k++)
        known = change_same (c, g_ptr_array_index (before, k));
      if (!known)
        g_ptr_array_add (fresh, sp_price_change_copy (c));
    }
  return fresh;
}

/* ---------------------------------------------------------------- async */

typedef struct {
  char   *path;
  gint64  since;
} ChangesData;

static void
changes_data_free (ChangesData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
changes_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ChangesData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (data->path, &error);
  GPtrArray *changes;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  changes = sp_watchlist_changes (store, NULL, data->since, &error);
  if (changes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, changes, (GDestroyNotify) g_ptr_array_unref);
}

void
sp_watchlist_changes_async (const char          *store_path,
                            gint64               since,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ChangesData *data;

  g_return_if_fail (store_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_watchlist_changes_async);
  data = g_new0 (ChangesData, 1);
  data->path = g_strdup (store_path);
  data->since = since;
  g_task_set_task_data (task, data, (GDestroyNotify) changes_data_free);
  g_task_run_in_thread (task, changes_thread);
}

GPtrArray *
sp_watchlist_changes_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
