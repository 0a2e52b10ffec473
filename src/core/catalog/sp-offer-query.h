/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-query.h — filter and sort offers (shared by the app and the CLI) */
#pragma once

#include <glib.h>
#include "sp-offer.h"
#include "sp-price-context.h"

G_BEGIN_DECLS

typedef enum {
  SP_OFFER_SORT_PRICE,  /* normalized main price, unknown last */
  SP_OFFER_SORT_VENDOR,
  SP_OFFER_SORT_NAME,
} SpOfferSort;

typedef struct {
  gboolean     filter_kind;
  SpOfferKind  kind;
  const char  *search;  /* case-insensitive, over names, model, vendor, spec, region */
  const char  *vendor;  /* vendor id or display name, case-insensitive */
  const char  *source;
  SpOfferSort  sort;
  guint        limit;   /* 0 = no limit */
  gboolean     include_retired; /* also offers no longer sold (hidden by default) */
} SpOfferQuery;

gboolean    sp_offer_sort_from_string (const char *str, SpOfferSort *out);

/* TRUE when @offer matches @search (NULL or empty matches everything). */
gboolean    sp_offer_matches_search   (SpOffer *offer, const char *search);

/* A new array (element type SpOffer, referenced) of the offers in @offers
 * that match @query, sorted.  @ctx is needed for SP_OFFER_SORT_PRICE. */
GPtrArray  *sp_offer_query_run        (GPtrArray          *offers,
                                       const SpOfferQuery *query,
                                       SpPriceContext     *ctx);

G_END_DECLS
