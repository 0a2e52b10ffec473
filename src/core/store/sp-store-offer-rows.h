/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-offer-rows.h — the offers table read row by row, without SpOffer */
#pragma once

#include <gio/gio.h>

#include "sp-money.h"
#include "sp-offer.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* One offer as read, valid during the callback only */
typedef struct {
  const char *source, *id, *vendor_id, *vendor_name, *vendor_name_zh;
  SpOfferKind kind;
  const char *name, *model, *gpu_model, *region, *currency;
  const char *programmes;      /* JSON list, as stored */
  const char *gpu_fraction, *host;
  guint       gpu_count, gpu_memory_gb, vcpus_milli, ram_mib;
  gint64      context_window;
  SpBilling   billing;
  SpMoney     price, input_price, output_price, cached_input_price;
  gint64      fetched_at;
  gboolean    retired, demo;
} SpOfferRow;

typedef void (*SpStoreOfferRowFunc) (const SpOfferRow *row,
                                     gpointer          user_data);

/* Calls @func for every offer in the store file at @path, in the store's
 * order (source, id), inside one read transaction on a read-only connection
 * (the file is never created or written).  An error (G_IO_ERROR_INVALID_DATA,
 * translated, naming the file) if it cannot be read or a row is malformed;
 * cancellable every 4,096 rows. */
gboolean sp_store_read_offer_rows (const char           *path,
                                   SpStoreOfferRowFunc   func,
                                   gpointer              user_data,
                                   GCancellable         *cancellable,
                                   GError              **error);

/* The offer engine's cached table (schema 9, offer_table_cache): called
 * with the blob stored under the key asked for, inside the read
 * transaction; returns TRUE when it took it (then no row is read). */
typedef gboolean (*SpStoreOfferCacheFunc) (const guint8 *data,
                                           gsize         len,
                                           gpointer      user_data);

/* sp_store_read_offer_rows () trying the cache first: the blob of @key (if
 * any, and if @cache_func takes it) or else every row, from one snapshot.
 * *@generation: meta.offers_generation in that snapshot (-1 when the file
 * has no cache: an older schema), to hand to the write below. */
gboolean sp_store_read_offer_table (const char             *path,
                                    const char             *key,
                                    SpStoreOfferCacheFunc   cache_func,
                                    SpStoreOfferRowFunc     func,
                                    gpointer                user_data,
                                    gint64                 *generation,
                                    GCancellable           *cancellable,
                                    GError                **error);

/* Replaces the cached table with @data under @key, in its own transaction
 * on @store's connection, unless the offers changed since @generation was
 * read (then it does nothing: *@written FALSE). */
gboolean sp_store_write_offer_table_cache (SpStore       *store,
                                           const char    *key,
                                           gint64         generation,
                                           GBytes        *data,
                                           gboolean      *written,
                                           GError       **error);

G_END_DECLS
