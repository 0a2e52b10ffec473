/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-cache.h — the built SpOfferTable kept in the store as one
 * BLOB (schema 9, offer_table_cache), so a launch reads it back instead of
 * every offer row (HACKING.md, "The offer table's cache") */
#pragma once

#include "sp-offer-table.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Bump when SpOfferTable's layout or the serialized form changes */
#define SP_OFFER_TABLE_CACHE_FORMAT 1

/* What a blob depends on besides the offers: the format, the record size,
 * the byte order, the app version and the locale (collation ranks, the
 * translated group labels baked in at build) */
char         *sp_offer_table_cache_key        (void);
/* The sealed @self as one buffer */
GBytes       *sp_offer_table_serialize        (SpOfferTable *self);
/* The table in @data (untrusted: every size, offset and index is checked),
 * or NULL when it is not a valid one */
SpOfferTable *sp_offer_table_new_from_cache   (const guint8 *data,
                                               gsize         len);
/* Whether @self was read from the cache (else built from the rows) */
gboolean      sp_offer_table_is_cached        (SpOfferTable *self);
/* Stores @self (built from the rows of @store's file) as its cache, unless
 * it came from it or the offers changed since it was read; on the store's
 * connection, in its own transaction. */
gboolean      sp_offer_table_save_cache       (SpOfferTable *self,
                                               SpStore      *store,
                                               GError      **error);

G_END_DECLS
