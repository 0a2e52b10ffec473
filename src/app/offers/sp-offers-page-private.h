/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-private.h — the Offers page's test and benchmark hooks */
#pragma once

#include "sp-bar-chart.h"
#include "sp-offers-page.h"
#include "sp-suspicious.h"

G_BEGIN_DECLS

/* What is shown (element type SpOffer), filtered and sorted: every matching
 * offer, or in the group view one offer per group (its cheapest). */
GListModel         *sp_offers_page_get_model     (SpOffersPage *self);
/* "loading", "offers", "empty" or "error" */
const char         *sp_offers_page_get_state     (SpOffersPage *self);

/* Filters, as the toolbar sets them.  @kind is an SpOfferKind or -1 for all. */
void                sp_offers_page_set_kind_filter (SpOffersPage *self,
                                                    int           kind);
/* Sorts by a column: "warnings", "vendor", "group", "name", "spec", "region",
 * "billing", "list-price", "price", "input", "output", "effective",
 * "updated".  The choice is saved in the settings. */
gboolean            sp_offers_page_sort_by       (SpOffersPage *self,
                                                  const char   *column,
                                                  gboolean      descending);
/* The selection model of the table (items are SpOffer, or GtkTreeListRow in
 * the group view). */
GtkSelectionModel  *sp_offers_page_get_selection (SpOffersPage *self);
/* The warnings of @offer (NULL when none). */
const SpOfferFlags *sp_offers_page_get_flags     (SpOffersPage *self,
                                                  SpOffer      *offer);
SpBarChart         *sp_offers_page_get_chart     (SpOffersPage *self);

/* Reads the wallet again (in a worker thread) and re-prices the After
 * Vouchers column: after a purchase, or when vouchers changed.  The page
 * also does it whenever it is shown. */
void                sp_offers_page_reload_wallet (SpOffersPage *self);
/* TRUE while the catalog or the wallet is being read */
gboolean            sp_offers_page_is_reading_wallet (SpOffersPage *self);
/* The After Vouchers figure of @offer (one of the page's offers), in the
 * display currency: the net cost after reimbursement of one unit
 * (card-hour, core-hour, 1M tokens at the token mix) with the proposed
 * vouchers (sp-effective-price.h); the normalized price when no voucher
 * applies (@saves FALSE) or the wallet is empty.  SP_MONEY_UNKNOWN when
 * there is no price. */
SpMoney             sp_offers_page_get_effective_price (SpOffersPage *self,
                                                        SpOffer      *offer,
                                                        gboolean     *saves);

/* How many offers the page holds (all of them, before any filter). */
guint               sp_offers_page_get_n_offers  (SpOffersPage *self);
/* With $SUANPAN_BENCH_FIRST_FRAME set: prints the first frames' times and
 * memory for tests/bench/bench-offers-ui.c, then quits (sp-offers-page-bench.c). */
void                sp_offers_page_bench_hook    (SpOffersPage *self);

G_END_DECLS
