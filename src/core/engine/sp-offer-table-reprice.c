/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-reprice.c — the reprice on the offer table
 * (sp-offer-table-reprice.h) */
#include "config.h"

#include <string.h>

#include "sp-offer-table-private.h"
#include "sp-offer-table-reprice.h"

/* SpRepriceOffers over a table */
typedef struct {
  SpOfferTable *table;
  SpStore      *store;       /* may be NULL */
  guint8       *shared;      /* per row: a share of a card */
  GHashTable   *commitment;  /* row → minimum commitment text (borrowed) */
  GHashTable   *whole;       /* row → SpOffer read back (owned) */
  GHashTable   *programmes;  /* text index → its list (owned) */
  SpOffer      *scratch;
} TableOffers;

static SpOffer *
table_read (gpointer data,
            guint    row)
{
  TableOffers *t = data;
  SpOffer *offer = g_hash_table_lookup (t->whole, GUINT_TO_POINTER (row));

  if (offer == NULL)
    {
      if (t->store != NULL)
        offer = sp_store_load_offer (t->store, sp_offer_table_get_source (t->table, row),
                                     sp_offer_table_get_id (t->table, row), NULL);
      /* gone meanwhile (a refresh), or no store: the table's fields */
      if (offer == NULL)
        offer = sp_offer_table_dup_offer (t->table, row);
      g_hash_table_insert (t->whole, GUINT_TO_POINTER (row), offer);
    }
  return g_object_ref (offer);
}

/* The voucher programmes of a row, as the table's own offer reads them,
 * once per distinct list */
static char **
programmes_of (TableOffers *t,
               guint        row)
{
  guint32 text = sp_offer_table_origin (t->table, row)->programmes;
  char **list;

  if (text == 0)
    return NULL;
  if (!g_hash_table_lookup_extended (t->programmes, GUINT_TO_POINTER (text), NULL,
                                     (gpointer *) &list))
    {
      g_autoptr(SpOffer) offer = sp_offer_table_dup_offer (t->table, row);

      list = g_strdupv ((char **) sp_offer_get_voucher_programmes (offer));
      g_hash_table_insert (t->programmes, GUINT_TO_POINTER (text), list);
    }
  return list;
}

static gboolean
table_serves (gpointer data,
              guint    row)
{
  TableOffers *t = data;
  const SpOfferRecord *r = &t->table->records[row];

  return (r->bits & SP_RECORD_RETIRED) == 0 && r->billing != SP_BILLING_PREPAID && !t->shared[row];
}

static const char *
table_id (gpointer data,
          guint    row)
{
  TableOffers *t = data;

  return sp_offer_table_get_id (t->table, row);
}

static SpOffer *
table_peek (gpointer data,
            guint    row)
{
  TableOffers *t = data;

  sp_offer_table_scratch_fill (t->table, row, t->scratch, programmes_of (t, row));
  return t->scratch;
}

static SpMoney
table_block (gpointer data,
             guint    row)
{
  TableOffers *t = data;
  const SpOfferRecord *r = &t->table->records[row];
  const SpTableShape *shape = sp_offer_table_shape (t->table, row);

  return sp_reprice_commitment_block (r->kind, r->billing,
                                      g_hash_table_lookup (t->commitment, GUINT_TO_POINTER (row)),
                                      shape->gpu_count, shape->vcpus_milli);
}

static char *
table_group (gpointer data,
             guint    row)
{
  TableOffers *t = data;

  return g_strdup (sp_offer_table_get_group_id (t->table, sp_offer_table_get_group (t->table, row)));
}

static gboolean
table_find (gpointer    data,
            const char *source,
            const char *id,
            guint      *row)
{
  return sp_offer_table_find (((TableOffers *) data)->table, source, id, row);
}

SpRepriceResult *
sp_offer_table_reprice_compute (GPtrArray       *entries,
                                SpOfferTable    *table,
                                SpStore         *store,
                                GHashTable      *shared,
                                GHashTable      *commitments,
                                GHashTable      *assigned,
                                SpWallet        *wallet,
                                SpPriceContext  *ctx,
                                GCancellable    *cancellable,
                                GError         **error)
{
  TableOffers t = { table, store, NULL, NULL, NULL, NULL, NULL };
  SpRepriceOffers view = { 0, table_serves, table_id, table_peek, table_block, table_read,
                           table_group, table_find, &t };
  SpRepriceResult *result;

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (SP_IS_OFFER_TABLE (table), NULL);

  view.n_offers = table->n_records;
  t.shared = g_new0 (guint8, MAX (table->n_records, 1));
  t.commitment = g_hash_table_new (NULL, NULL);
  for (guint pass = 0; pass < 2; pass++)
    {
      GHashTable *keys = pass == 0 ? shared : commitments;
      GHashTableIter iter;
      gpointer key, value;

      if (keys == NULL)
        continue;
      g_hash_table_iter_init (&iter, keys);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_auto(GStrv) parts = g_strsplit (key, "\n", 2);
          guint row;

          if (parts[0] == NULL || parts[1] == NULL ||
              !sp_offer_table_find (table, parts[0], parts[1], &row))
            continue;
          if (pass == 0)
            t.shared[row] = 1;
          else
            g_hash_table_insert (t.commitment, GUINT_TO_POINTER (row), value);
        }
    }
  t.whole = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  t.programmes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);
  t.scratch = sp_offer_table_scratch_new ();
  result = sp_reprice_compute_offers (entries, &view, assigned, wallet, ctx, cancellable, error);
  sp_offer_table_scratch_free (t.scratch);
  g_hash_table_unref (t.programmes);
  g_hash_table_unref (t.whole);
  g_hash_table_unref (t.commitment);
  g_free (t.shared);
  return result;
}

/* SpRepriceComputeFunc over the engine's table of the store */
static SpRepriceResult *
compute_over_table (const SpRepriceInputs *in,
                    const char            *db_path,
                    SpPriceContext        *ctx,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_autoptr(SpOfferTable) table = sp_offer_table_load (db_path, cancellable, error);
  g_autoptr(GHashTable) shared = NULL;
  g_autoptr(GHashTable) commitments = NULL;

  if (table == NULL)
    return NULL;
  shared = sp_reprice_load_shared_offers (in->store, &commitments, error);
  if (shared == NULL)
    return NULL;
  return sp_offer_table_reprice_compute (in->entries, table, in->store, shared, commitments,
                                         in->assigned, in->wallet, ctx, cancellable, error);
}

SpRepriceResult *
sp_offer_table_reprice_run (const char      *db_path,
                            const char      *from_month,
                            const char      *to_month,
                            SpPriceContext  *ctx,
                            GCancellable    *cancellable,
                            GError         **error)
{
  return sp_reprice_run_with (db_path, from_month, to_month, ctx, compute_over_table,
                              cancellable, error);
}
