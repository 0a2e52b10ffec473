/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-query.c — filter and sort offers */
#include "config.h"

#include <string.h>

#include "sp-offer-private.h"
#include "sp-offer-query.h"
#include "sp-text.h"

gboolean
sp_offer_sort_from_string (const char  *str,
                           SpOfferSort *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (str, "price") == 0)
    *out = SP_OFFER_SORT_PRICE;
  else if (g_strcmp0 (str, "vendor") == 0)
    *out = SP_OFFER_SORT_VENDOR;
  else if (g_strcmp0 (str, "name") == 0)
    *out = SP_OFFER_SORT_NAME;
  else
    return FALSE;
  return TRUE;
}

static gboolean
matches_folded (SpOffer    *offer,
                const char *folded)
{
  g_autofree char *spec = NULL;

  if (sp_text_folded_contains (offer->name, folded) ||
      sp_text_folded_contains (offer->model, folded) ||
      sp_text_folded_contains (offer->vendor_name, folded) ||
      sp_text_folded_contains (offer->vendor_name_zh, folded) ||
      sp_text_folded_contains (offer->vendor_id, folded) ||
      sp_text_folded_contains (offer->gpu_model, folded) ||
      sp_text_folded_contains (offer->region, folded) ||
      sp_text_folded_contains (offer->id, folded))
    return TRUE;
  spec = sp_offer_dup_spec_summary (offer);
  return sp_text_folded_contains (spec, folded);
}

gboolean
sp_offer_matches_search (SpOffer    *offer,
                         const char *search)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (SP_IS_OFFER (offer), FALSE);

  if (search == NULL || *search == '\0')
    return TRUE;
  folded = g_utf8_casefold (search, -1);
  return matches_folded (offer, folded);
}

typedef struct {
  SpOffer *offer;
  SpMoney  price;
} Sortable;

static int
cmp_text (const char *a,
          const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

static int
cmp_by_name (const Sortable *a,
             const Sortable *b)
{
  int r = cmp_text (a->offer->name, b->offer->name);
  if (r == 0)
    r = cmp_text (a->offer->vendor_name, b->offer->vendor_name);
  if (r == 0)
    r = g_strcmp0 (a->offer->id, b->offer->id);
  return r;
}

static int
cmp_price (gconstpointer pa,
           gconstpointer pb)
{
  const Sortable *a = pa, *b = pb;
  gboolean ua = a->price == SP_MONEY_UNKNOWN, ub = b->price == SP_MONEY_UNKNOWN;

  if (ua != ub)
    return ua ? 1 : -1;
  if (a->price != b->price)
    return a->price < b->price ? -1 : 1;
  return cmp_by_name (a, b);
}

static int
cmp_vendor (gconstpointer pa,
            gconstpointer pb)
{
  const Sortable *a = pa, *b = pb;
  int r = cmp_text (a->offer->vendor_name, b->offer->vendor_name);

  if (r == 0)
    r = cmp_by_name (a, b);
  return r;
}

static int
cmp_name (gconstpointer pa,
          gconstpointer pb)
{
  return cmp_by_name (pa, pb);
}

GPtrArray *
sp_offer_query_run (GPtrArray          *offers,
                    const SpOfferQuery *query,
                    SpPriceContext     *ctx)
{
  g_autoptr(GArray) items = NULL;
  g_autofree char *folded = NULL;
  GPtrArray *out;

  g_return_val_if_fail (offers != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort != SP_OFFER_SORT_PRICE || SP_IS_PRICE_CONTEXT (ctx), NULL);

  if (query->search != NULL && *query->search != '\0')
    folded = g_utf8_casefold (query->search, -1);

  items = g_array_sized_new (FALSE, FALSE, sizeof (Sortable), offers->len);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      Sortable s = { offer, SP_MONEY_UNKNOWN };

      if (query->filter_kind && offer->kind != query->kind)
        continue;
      if (offer->retired && !query->include_retired)
        continue;
      if (query->source != NULL && g_strcmp0 (offer->source, query->source) != 0)
        continue;
      if (query->vendor != NULL &&
          g_ascii_strcasecmp (query->vendor, offer->vendor_id ? offer->vendor_id : "") != 0 &&
          g_ascii_strcasecmp (query->vendor, offer->vendor_name ? offer->vendor_name : "") != 0 &&
          g_strcmp0 (query->vendor, offer->vendor_name_zh) != 0)
        continue;
      if (folded != NULL && !matches_folded (offer, folded))
        continue;
      if (query->sort == SP_OFFER_SORT_PRICE)
        s.price = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
      g_array_append_val (items, s);
    }

  switch (query->sort)
    {
    case SP_OFFER_SORT_PRICE:
      g_array_sort (items, cmp_price);
      break;
    case SP_OFFER_SORT_VENDOR:
      g_array_sort (items, cmp_vendor);
      break;
    case SP_OFFER_SORT_NAME:
    default:
      g_array_sort (items, cmp_name);
      break;
    }

  out = g_ptr_array_new_full (items->len, g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      if (query->limit > 0 && out->len >= query->limit)
        break;
      g_ptr_array_add (out, g_object_ref (g_array_index (items, Sortable, i).offer));
    }
  return out;
}
