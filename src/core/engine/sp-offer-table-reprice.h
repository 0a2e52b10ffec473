/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-reprice.h — the Spending page's reprice (sp-reprice.h) on
 * the engine's offer table (issue 17): the same figures as sp_reprice_run ()
 * without an SpOffer per offer.
 *
 * The candidates of every group are picked from the table's records (kind,
 * billing, vendor, currency, prices, voucher programmes, group).  What the
 * table does not hold is read from the store only where it matters:
 *
 *   - which offers are a share of a card (never candidates) and the
 *     minimum commitment of those that have one (a reserved offer's
 *     block): one query for their ids (sp_reprice_load_shared_offers ());
 *   - the candidates priced exactly for an entry: the whole offer (tiers,
 *     variants), read back by id once (sp_store_load_offer ()).
 *
 * A row whose offer is gone from the store by then (a refresh in between)
 * is priced from the table's fields. */
#pragma once

#include <gio/gio.h>

#include "sp-offer-table.h"
#include "sp-reprice.h"

G_BEGIN_DECLS

/* sp_reprice_compute () with @table's offers.  @store (may be NULL: the
 * table's fields only) reads whole offers back; @shared and @commitments
 * (may be NULL) are sp_reprice_load_shared_offers ()'s. */
SpRepriceResult *sp_offer_table_reprice_compute    (GPtrArray       *entries,
                                                    SpOfferTable    *table,
                                                    SpStore         *store,
                                                    GHashTable      *shared,
                                                    GHashTable      *commitments,
                                                    GHashTable      *assigned,
                                                    SpWallet        *wallet,
                                                    SpPriceContext  *ctx,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* sp_reprice_run () on the table: the offers loaded with
 * sp_offer_table_load (), the rest as sp_reprice_run () reads it. */
SpRepriceResult *sp_offer_table_reprice_run        (const char      *db_path,
                                                    const char      *from_month,
                                                    const char      *to_month,
                                                    SpPriceContext  *ctx,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

G_END_DECLS
