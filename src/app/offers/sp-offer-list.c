/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-list.c — rows of an offer table as a list of SpOffer, each made
 * only when asked for (see sp-offer-list.h) */
#include "config.h"

#include "sp-offer-list.h"

/* Objects kept once nobody else holds them: enough for the rows on screen
 * and around them (GTK 4.8 keeps about 200), the selection and the chart */
#define CACHE_KEEP 512

struct _SpOfferCache
{
  gatomicrefcount  ref;
  SpOfferTable    *table;
  GHashTable      *by_row;   /* row → SpOffer (owned) */
  GArray          *ring;     /* rows in the order they were made (guint) */
  guint            hand;     /* next place in ring to look for one to drop */
};

SpOfferCache *
sp_offer_cache_new (SpOfferTable *table)
{
  SpOfferCache *cache = g_new0 (SpOfferCache, 1);

  g_atomic_ref_count_init (&cache->ref);
  cache->table = g_object_ref (table);
  cache->by_row = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  cache->ring = g_array_new (FALSE, FALSE, sizeof (guint));
  return cache;
}

SpOfferCache *
sp_offer_cache_ref (SpOfferCache *cache)
{
  g_atomic_ref_count_inc (&cache->ref);
  return cache;
}

void
sp_offer_cache_unref (SpOfferCache *cache)
{
  if (cache == NULL || !g_atomic_ref_count_dec (&cache->ref))
    return;
  g_hash_table_unref (cache->by_row);
  g_array_unref (cache->ring);
  g_object_unref (cache->table);
  g_free (cache);
}

SpOfferTable *
sp_offer_cache_get_table (SpOfferCache *cache)
{
  return cache->table;
}

/* Drops one object nobody else holds, the oldest first (a clock over the
 * ring); none when all are in use (the cache then grows) */
static void
drop_one (SpOfferCache *cache)
{
  guint n = cache->ring->len;

  for (guint tries = 0; tries < n; tries++)
    {
      guint at = cache->hand++ % n;
      guint row = g_array_index (cache->ring, guint, at);
      GObject *offer = g_hash_table_lookup (cache->by_row, GUINT_TO_POINTER (row));

      if (offer != NULL && g_atomic_int_get ((int *) &offer->ref_count) == 1)
        {
          g_hash_table_remove (cache->by_row, GUINT_TO_POINTER (row));
          g_array_remove_index_fast (cache->ring, at);
          return;
        }
    }
}

SpOffer *
sp_offer_cache_get (SpOfferCache *cache,
                    guint         row)
{
  SpOffer *offer = g_hash_table_lookup (cache->by_row, GUINT_TO_POINTER (row));

  if (offer != NULL)
    return g_object_ref (offer);
  if (row >= sp_offer_table_get_n_offers (cache->table))
    return NULL;
  if (cache->ring->len >= CACHE_KEEP)
    drop_one (cache);
  offer = sp_offer_table_dup_offer (cache->table, row);
  g_hash_table_insert (cache->by_row, GUINT_TO_POINTER (row), offer);
  g_array_append_val (cache->ring, row);
  return g_object_ref (offer);
}

gboolean
sp_offer_cache_row_of (SpOfferCache *cache,
                       SpOffer      *offer,
                       guint        *row)
{
  const char *source = sp_offer_get_source (offer), *id = sp_offer_get_id (offer);

  if (source == NULL || id == NULL ||
      !sp_offer_table_find (cache->table, source, id, row))
    return FALSE;
  return TRUE;
}

/* --------------------------------------------------------------- the list */

struct _SpOfferList
{
  GObject       parent_instance;

  SpOfferCache *cache;
  GArray       *rows;   /* guint, or NULL */
};

static void sp_offer_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpOfferList, sp_offer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sp_offer_list_list_model_init))

static GType
sp_offer_list_get_item_type (GListModel *model)
{
  return SP_TYPE_OFFER;
}

static guint
sp_offer_list_get_n_items (GListModel *model)
{
  SpOfferList *self = SP_OFFER_LIST (model);

  return self->rows != NULL ? self->rows->len : 0;
}

static gpointer
sp_offer_list_get_item (GListModel *model,
                        guint       position)
{
  SpOfferList *self = SP_OFFER_LIST (model);

  if (self->rows == NULL || position >= self->rows->len)
    return NULL;
  return sp_offer_cache_get (self->cache, g_array_index (self->rows, guint, position));
}

static void
sp_offer_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sp_offer_list_get_item_type;
  iface->get_n_items = sp_offer_list_get_n_items;
  iface->get_item = sp_offer_list_get_item;
}

static void
sp_offer_list_finalize (GObject *object)
{
  SpOfferList *self = SP_OFFER_LIST (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->cache, sp_offer_cache_unref);
  G_OBJECT_CLASS (sp_offer_list_parent_class)->finalize (object);
}

static void
sp_offer_list_class_init (SpOfferListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_offer_list_finalize;
}

static void
sp_offer_list_init (SpOfferList *self)
{
}

SpOfferList *
sp_offer_list_new (void)
{
  return g_object_new (SP_TYPE_OFFER_LIST, NULL);
}

void
sp_offer_list_set_rows (SpOfferList  *self,
                        SpOfferCache *cache,
                        GArray       *rows)
{
  guint old_n, new_n;
  g_autoptr(GArray) old = NULL;
  g_autoptr(SpOfferCache) old_cache = NULL;

  g_return_if_fail (SP_IS_OFFER_LIST (self));
  g_return_if_fail (rows == NULL || cache != NULL);

  old_n = self->rows != NULL ? self->rows->len : 0;
  new_n = rows != NULL ? rows->len : 0;
  if (old_n == 0 && new_n == 0)
    return;
  /* the old objects stay until the handlers have run */
  old = g_steal_pointer (&self->rows);
  old_cache = g_steal_pointer (&self->cache);
  self->rows = rows != NULL ? g_array_ref (rows) : NULL;
  self->cache = cache != NULL ? sp_offer_cache_ref (cache) : NULL;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

guint
sp_offer_list_get_row (SpOfferList *self,
                       guint        position)
{
  g_return_val_if_fail (SP_IS_OFFER_LIST (self), G_MAXUINT);

  if (self->rows == NULL || position >= self->rows->len)
    return G_MAXUINT;
  return g_array_index (self->rows, guint, position);
}

GArray *
sp_offer_list_get_rows (SpOfferList *self)
{
  g_return_val_if_fail (SP_IS_OFFER_LIST (self), NULL);
  return self->rows;
}
