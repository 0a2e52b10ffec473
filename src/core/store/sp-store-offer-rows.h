/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-offer-rows.h — the offers table read row by row, without SpOffer */
#pragma once

#include <gio/gio.h>

#include "sp-money.h"
#include "sp-offer.h"

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

G_END_DECLS
