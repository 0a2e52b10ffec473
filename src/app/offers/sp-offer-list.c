/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-list.c — a plain array of offers as a GListModel */
#include "config.h"

#include <string.h>

#include "sp-offer-list.h"

struct _SpOfferList
{
  GObject    parent_instance;

  GPtrArray *items;  /* of SpOffer (owned when owns_items) */
  gboolean   owns_items;
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
  return SP_OFFER_LIST (model)->items->len;
}

static gpointer
sp_offer_list_get_item (GListModel *model,
                        guint       position)
{
  SpOfferList *self = SP_OFFER_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
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
  g_ptr_array_unref (SP_OFFER_LIST (object)->items);
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
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

SpOfferList *
sp_offer_list_new (gboolean owns_items)
{
  SpOfferList *self = g_object_new (SP_TYPE_OFFER_LIST, NULL);

  self->owns_items = owns_items;
  if (!owns_items)
    g_ptr_array_set_free_func (self->items, NULL);
  return self;
}

void
sp_offer_list_set (SpOfferList     *self,
                   SpOffer * const *offers,
                   guint            n)
{
  g_autoptr(GPtrArray) old = NULL;
  guint old_n;

  g_return_if_fail (SP_IS_OFFER_LIST (self));
  g_return_if_fail (offers != NULL || n == 0);

  old_n = self->items->len;
  if (old_n == 0 && n == 0)
    return;
  /* the old offers stay alive until the handlers have run */
  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_full (n, self->owns_items ? g_object_unref : NULL);
  g_ptr_array_set_size (self->items, n);
  if (n > 0)
    memcpy (self->items->pdata, offers, n * sizeof (gpointer));
  if (self->owns_items)
    for (guint i = 0; i < n; i++)
      g_object_ref (offers[i]);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n);
}

SpOffer **
sp_offer_list_peek (SpOfferList *self,
                    guint       *n)
{
  g_return_val_if_fail (SP_IS_OFFER_LIST (self), NULL);

  if (n != NULL)
    *n = self->items->len;
  return (SpOffer **) self->items->pdata;
}
