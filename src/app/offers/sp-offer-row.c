/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-row.c — one row position of the Offers table */
#include "config.h"

#include "sp-offer-row.h"

struct _SpOfferRow
{
  GObject   parent_instance;

  GWeakRef  source;
  guint     position;
};

G_DEFINE_FINAL_TYPE (SpOfferRow, sp_offer_row, G_TYPE_OBJECT)

static void
sp_offer_row_finalize (GObject *object)
{
  SpOfferRow *self = SP_OFFER_ROW (object);

  g_weak_ref_clear (&self->source);
  G_OBJECT_CLASS (sp_offer_row_parent_class)->finalize (object);
}

static void
sp_offer_row_class_init (SpOfferRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_offer_row_finalize;
}

static void
sp_offer_row_init (SpOfferRow *self)
{
  g_weak_ref_init (&self->source, NULL);
}

SpOfferRow *
sp_offer_row_new (GListModel *source,
                  guint       position)
{
  SpOfferRow *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (SP_TYPE_OFFER_ROW, NULL);
  g_weak_ref_set (&self->source, source);
  self->position = position;
  return self;
}

guint
sp_offer_row_get_position (SpOfferRow *self)
{
  g_return_val_if_fail (SP_IS_OFFER_ROW (self), 0);
  return self->position;
}

SpOffer *
sp_offer_row_dup_offer (SpOfferRow *self)
{
  g_autoptr(GListModel) source = NULL;

  g_return_val_if_fail (SP_IS_OFFER_ROW (self), NULL);

  source = g_weak_ref_get (&self->source);
  if (source == NULL || self->position >= g_list_model_get_n_items (source))
    return NULL;
  return g_list_model_get_item (source, self->position);
}
