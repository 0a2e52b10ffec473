/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-private.h — what other core modules need of SpStore's insides.
 * Internal to the core. */
#pragma once

#include <sqlite3.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* The store's connection (owned by @self; busy timeout set, foreign keys
 * on).  Do not close it; leave no transaction open. */
sqlite3 *sp_store_get_db (SpStore *self);

/* One current offer, or NULL (no error) when @source has no offer @id. */
SpOffer *sp_store_load_offer (SpStore     *self,
                              const char  *source,
                              const char  *id,
                              GError     **error);

G_END_DECLS
