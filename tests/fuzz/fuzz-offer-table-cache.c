/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-offer-table-cache.c — the offer table's cache (schema 9) is read
 * back from the database file, so it is untrusted: any bytes give NULL or
 * a table whose every row reads within bounds, that sorts and searches,
 * and that serializes to bytes read back the same. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sp-core.h"
#include "sp-offer-table-cache.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SpOfferTable) t = sp_offer_table_new_from_cache (data, size);
  g_autoptr(SpOfferTable) back = NULL;
  g_autoptr(SpPriceContext) ctx = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  SpOfferPrices *prices;
  SpEngineQuery q;
  guint n;

  if (t == NULL)
    return 0;
  n = sp_offer_table_get_n_offers (t);
  for (guint r = 0; r < n && r < 2000; r++)
    {
      g_autoptr(SpOffer) offer = sp_offer_table_dup_offer (t, r);
      guint found;

      if (offer == NULL || sp_offer_table_get_id (t, r) == NULL)
        abort ();
      (void) sp_offer_table_find (t, sp_offer_table_get_source (t, r), sp_offer_table_get_id (t, r), &found);
      (void) sp_offer_table_get_group_label (t, sp_offer_table_get_group (t, r));
    }
  ctx = sp_price_context_new ();
  prices = sp_offer_prices_compute (t, ctx, NULL, sp_date_today (), NULL, NULL, &error);
  if (prices == NULL)
    abort ();
  for (int sort = 0; sort < SP_ENGINE_N_SORTS; sort++)
    {
      g_autoptr(GArray) sorted = NULL;

      sp_engine_query_init (&q);
      q.sort = sort;
      q.include_retired = TRUE;
      q.search = sort % 2 ? "a" : NULL;
      sorted = sp_offer_engine_run (t, prices, &q, NULL, &error);
      if (sorted == NULL)
        abort ();
    }
  sp_engine_query_init (&q);
  rows = sp_offer_engine_run (t, prices, &q, NULL, &error);
  if (rows != NULL)
    g_array_unref (sp_offer_engine_group_rows (t, (const guint *) (gpointer) rows->data, rows->len));
  sp_offer_prices_unref (prices);
  /* what it accepted round-trips */
  bytes = sp_offer_table_serialize (t);
  back = sp_offer_table_new_from_cache (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (back == NULL)
    abort ();
  again = sp_offer_table_serialize (back);
  if (!g_bytes_equal (bytes, again))
    abort ();
  return 0;
}
