/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-prices.h — what a table's offers cost under a price context and
 * a wallet (issue 17): normalized prices (sp_price_context_normalize ()),
 * the price after vouchers (sp_offer_unit_after_vouchers (): the voucher
 * engine's own figure), the warnings (sp-suspicious.h's rules) and each
 * group's cheapest offer and median.  Recompute when the currency, the
 * rate, the token mix or the wallet changes; read from any thread. */
#pragma once

#include <gio/gio.h>

#include "sp-offer-table.h"
#include "sp-price-context.h"
#include "sp-suspicious.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

typedef struct _SpOfferPrices SpOfferPrices;

#define SP_TYPE_OFFER_PRICES (sp_offer_prices_get_type ())
GType          sp_offer_prices_get_type (void) G_GNUC_CONST;
SpOfferPrices *sp_offer_prices_ref      (SpOfferPrices *prices);
void           sp_offer_prices_unref    (SpOfferPrices *prices);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOfferPrices, sp_offer_prices_unref)

/* @wallet may be NULL (after vouchers = normalized); @date: the day the
 * vouchers are valid on (sp_date_today ()); @options NULL = defaults.
 * NULL only when cancelled. */
SpOfferPrices *sp_offer_prices_compute        (SpOfferTable         *table,
                                               SpPriceContext       *ctx,
                                               SpWallet             *wallet,
                                               guint32               date,
                                               const SpFlagOptions  *options,
                                               GCancellable         *cancellable,
                                               GError              **error);
/* In a worker; @ctx and @wallet must not change until it finishes (pass copies) */
void           sp_offer_prices_compute_async  (SpOfferTable         *table,
                                               SpPriceContext       *ctx,
                                               SpWallet             *wallet,
                                               guint32               date,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
SpOfferPrices *sp_offer_prices_compute_finish (GAsyncResult         *result,
                                               GError              **error);

/* Re-prices @table after the currency, the rate, the token mix or the
 * wallet changed: sp_offer_prices_compute_async () on snapshots of @ctx and
 * @wallet taken now (the caller may change its own at once).  The run
 * *@pending stands for (if any) is cancelled — its callback then gets
 * G_IO_ERROR_CANCELLED — and *@pending becomes this run's cancellable.
 * A view keeps one `GCancellable *` (NULL at first) for its prices, calls
 * this on every change, and cancels and clears it when disposed.  The main
 * thread only copies the wallet's vouchers. */
void           sp_offer_prices_reprice_async  (SpOfferTable         *table,
                                               SpPriceContext       *ctx,
                                               SpWallet             *wallet,
                                               guint32               date,
                                               GCancellable        **pending,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
SpOfferPrices *sp_offer_prices_reprice_finish (GAsyncResult         *result,
                                               GError              **error);

/* Display currency of the context they were computed with */
const char    *sp_offer_prices_get_currency       (SpOfferPrices *prices);
SpMoney        sp_offer_prices_get_normalized     (SpOfferPrices *prices, guint row);
SpMoney        sp_offer_prices_get_input          (SpOfferPrices *prices, guint row);
SpMoney        sp_offer_prices_get_output         (SpOfferPrices *prices, guint row);
SpMoney        sp_offer_prices_get_after_vouchers (SpOfferPrices *prices, guint row);
SpOfferFlag    sp_offer_prices_get_flags          (SpOfferPrices *prices, guint row);
/* The warnings of @row with their reasons (as sp_offer_flags_compute ()
 * writes them), or NULL when it has none */
SpOfferFlags  *sp_offer_prices_dup_flags          (SpOfferPrices *prices,
                                                   SpOfferTable  *table,
                                                   guint          row);
/* A group's cheapest row (lowest normalized price, then the tie order):
 * FALSE when no price of the group is known */
gboolean       sp_offer_prices_get_cheapest       (SpOfferPrices *prices, guint group, guint *row);
SpMoney        sp_offer_prices_get_group_median   (SpOfferPrices *prices, guint group);
/* Bytes held */
gsize          sp_offer_prices_get_size           (SpOfferPrices *prices);

/* The price after vouchers of one row (for the rows on screen when the
 * prices were computed without the wallet): sp_offer_unit_after_vouchers ()
 * of the row's offer.  About 10–20 µs with a few vouchers. */
SpMoney        sp_offer_engine_after_vouchers     (SpOfferTable   *table,
                                                   guint           row,
                                                   SpPriceContext *ctx,
                                                   SpWallet       *wallet,
                                                   guint32         date);

G_END_DECLS
