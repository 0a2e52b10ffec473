/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-engine.h — sort, filter, search, groups, flags and prices after
 * vouchers on an SpOfferTable (issue 17), without a display, in a worker
 *
 * Two steps, each with a sync variant (the CLI) and _async/_finish (a
 * GTask thread, cancellable — the window):
 *
 *  1. SpOfferPrices: what depends on the preferences and the wallet — the
 *     normalized prices (sp_price_context_normalize ()), the price after
 *     vouchers (sp_offer_unit_after_vouchers (): the voucher engine's own
 *     figure), the warnings (sp-suspicious.h's rules) and each group's
 *     cheapest offer and median.  Recompute when the currency, the rate,
 *     the token mix or the wallet changes.
 *  2. sp_offer_engine_run (): the rows that match a query, in its order.
 *
 * Sort order (stable, documented): every key sorts ascending with unknown
 * prices last; descending reverses the whole order.  Ties go, for every
 * key but vendor and name, to the normalized price (unknown last); then to
 * the name and the vendor's name (both by g_utf8_collate (), missing last),
 * the id (bytes), and the store's order (source, id).  So PRICE is price,
 * name, vendor, id; NAME is name, vendor, id; VENDOR is vendor, name, id
 * (as `suanpan-cli offers --sort` always listed). */
#pragma once

#include <gio/gio.h>

#include "sp-offer-prices.h"
#include "sp-offer-table.h"

G_BEGIN_DECLS

typedef enum {
  SP_ENGINE_SORT_PRICE,          /* normalized main price */
  SP_ENGINE_SORT_VENDOR,         /* vendor name (collation) */
  SP_ENGINE_SORT_NAME,           /* name (collation) */
  SP_ENGINE_SORT_WARNINGS,       /* most warnings first (SpOfferFlag bits, descending) */
  SP_ENGINE_SORT_GROUP,          /* kind, then group label (collation) */
  SP_ENGINE_SORT_SPEC,           /* kind, GPU memory, GPU count, vCPUs, RAM */
  SP_ENGINE_SORT_REGION,         /* region (bytes, none first) */
  SP_ENGINE_SORT_BILLING,        /* SpBilling order */
  SP_ENGINE_SORT_LIST_PRICE,     /* kind, currency, price as listed */
  SP_ENGINE_SORT_INPUT,          /* tokens: normalized input price */
  SP_ENGINE_SORT_OUTPUT,         /* tokens: normalized output price */
  SP_ENGINE_SORT_AFTER_VOUCHERS, /* kind, price after vouchers */
  SP_ENGINE_SORT_UPDATED,        /* fetched_at, oldest first */
  SP_ENGINE_N_SORTS
} SpEngineSort;

/* "price", "vendor", "name", "warnings", "group", "spec", "region",
 * "billing", "list-price", "input", "output", "after-vouchers", "updated" */
gboolean     sp_engine_sort_from_string (const char *str, SpEngineSort *out);

typedef struct {
  gboolean     filter_kind;
  SpOfferKind  kind;
  const char  *vendor;          /* id or name (ASCII case-insensitive) or Chinese name */
  const char  *source;          /* exact */
  /* the GPU filters apply only when no kind or the GPU kind is asked for;
   * a minimum memory then leaves only GPU offers */
  const char  *gpu_model;       /* exact canonical name */
  guint        min_gpu_memory_gb;
  const char  *region;          /* exact */
  gboolean     filter_billing;
  SpBilling    billing;
  SpMoney      min_price;       /* normalized, inclusive; SP_MONEY_UNKNOWN = no bound; */
  SpMoney      max_price;       /*   with a bound, offers of unknown price are left out */
  /* every word must be found (case-, width- and accent-of-form-insensitive:
   * NFKC then casefold) in the name, model, vendor id or names (Chinese
   * too), GPU model, region, id, spec, billing label or kind */
  const char  *search;
  gboolean     include_retired; /* also offers no longer sold (hidden by default) */
  SpEngineSort sort;
  gboolean     kind_first;      /* GPU, CPU, then token offers, each in @sort's order
                                   (the Offers page's Price column) */
  gboolean     descending;
  guint        limit;           /* 0 = all */
  /* only among these rows (the result of a query this one narrows: the
   * same filters and a search that adds to the previous one), or NULL */
  const guint *within;
  guint        n_within;
} SpEngineQuery;

/* Defaults: everything, sorted by price, without bounds */
void         sp_engine_query_init       (SpEngineQuery *query);

/* ------------------------------------------------------------ queries */

/* The rows (element type guint) matching @query, in its order.  NULL only
 * when cancelled. */
GArray        *sp_offer_engine_run          (SpOfferTable         *table,
                                             SpOfferPrices        *prices,
                                             const SpEngineQuery  *query,
                                             GCancellable         *cancellable,
                                             GError              **error);
/* In a worker (the query is copied) */
void           sp_offer_engine_run_async    (SpOfferTable         *table,
                                             SpOfferPrices        *prices,
                                             const SpEngineQuery  *query,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GArray        *sp_offer_engine_run_finish   (GAsyncResult         *result,
                                             GError              **error);

/* TRUE when every word of @search is found in @row (see SpEngineQuery) */
gboolean       sp_offer_engine_row_matches  (SpOfferTable *table,
                                             guint         row,
                                             const char   *search);

/* The group view of @rows (as sp_offer_engine_run () ordered them): one
 * entry per group, in the order of its first row, with its members. */
typedef struct {
  guint   group;       /* sp_offer_table_get_group () */
  guint   first;       /* index in @rows of its first (shown) member */
  guint   n_members;   /* among @rows */
} SpEngineGroup;

GArray        *sp_offer_engine_group_rows   (SpOfferTable *table,
                                             const guint  *rows,
                                             guint         n_rows);

G_END_DECLS
