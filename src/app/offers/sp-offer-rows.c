/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-rows.c — the Offers table's rows: stable positions over a list */
#include "config.h"

#include "sp-offer-rows.h"

struct _SpOfferRows
{
  GObject     parent_instance;

  GListModel *source;
  GHashTable *rows;      /* position → SpOfferRow, made on demand (GTK asks for a few
                          * hundred of 100,000 positions: no pointer per position) */
  guint       n_items;
};

static void sp_offer_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpOfferRows, sp_offer_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sp_offer_rows_list_model_init))

enum {
  SIGNAL_CONTENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
sp_offer_rows_get_item_type (GListModel *model)
{
  return SP_TYPE_OFFER_ROW;
}

static guint
sp_offer_rows_get_n_items (GListModel *model)
{
  return SP_OFFER_ROWS (model)->n_items;
}

static gpointer
sp_offer_rows_get_item (GListModel *model,
                        guint       position)
{
  SpOfferRows *self = SP_OFFER_ROWS (model);
  SpOfferRow *row;

  if (position >= self->n_items)
    return NULL;
  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row == NULL)
    {
      row = sp_offer_row_new (self->source, position);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
    }
  return g_object_ref (row);
}

static void
sp_offer_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sp_offer_rows_get_item_type;
  iface->get_n_items = sp_offer_rows_get_n_items;
  iface->get_item = sp_offer_rows_get_item;
}

static void
on_source_items_changed (GListModel  *source,
                         guint        position,
                         guint        removed,
                         guint        added,
                         SpOfferRows *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (source);
  guint common = MIN (old_n, new_n);

  self->n_items = new_n;
  if (new_n < old_n)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (GPOINTER_TO_UINT (key) >= new_n)
          g_hash_table_iter_remove (&iter);
    }
  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);
  g_signal_emit (self, signals[SIGNAL_CONTENTS_CHANGED], 0);
}

static void
sp_offer_rows_dispose (GObject *object)
{
  SpOfferRows *self = SP_OFFER_ROWS (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (sp_offer_rows_parent_class)->dispose (object);
}

static void
sp_offer_rows_class_init (SpOfferRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_offer_rows_dispose;

  /**
   * SpOfferRows::contents-changed:
   *
   * The offers at (some) positions changed: re-fill the bound cells.
   */
  signals[SIGNAL_CONTENTS_CHANGED] =
    g_signal_new ("contents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sp_offer_rows_init (SpOfferRows *self)
{
  /* positions without a row yet are NULL */
  self->rows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

SpOfferRows *
sp_offer_rows_new (GListModel *source)
{
  SpOfferRows *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (SP_TYPE_OFFER_ROWS, NULL);
  self->source = g_object_ref (source);
  self->n_items = g_list_model_get_n_items (source);
  g_signal_connect (source, "items-changed", G_CALLBACK (on_source_items_changed), self);
  return self;
}

void
sp_offer_rows_reserve (SpOfferRows *self,
                       guint        n)
{
  guint old_n, new_n;

  g_return_if_fail (SP_IS_OFFER_ROWS (self));

  old_n = self->n_items;
  new_n = MAX (n, g_list_model_get_n_items (self->source));
  if (n == 0 && new_n < old_n)
    /* back to the source's length */
    on_source_items_changed (self->source, 0, 0, 0, self);
  else if (new_n > old_n)
    {
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }
}
