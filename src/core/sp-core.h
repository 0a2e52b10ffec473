/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-core.h — the core library: one include for front ends */
#pragma once

#include <glib.h>

#include "sp-init.h"
#include "sp-money.h"
#include "sp-offer.h"
#include "sp-offer-query.h"
#include "sp-import.h"
#include "sp-price-context.h"
#include "sp-store.h"
#include "sp-source.h"
#include "sp-secret.h"
#include "sp-refresh.h"
#include "sp-estimate.h"
#include "sp-suspicious.h"
#include "sp-wallet.h"
#include "sp-offer-purchase.h"
#include "sp-effective-price.h"
#include "sp-wallet-store.h"
#include "sp-ledger.h"
#include "sp-watchlist.h"
#include "sp-store-service.h"
#include "sp-vendors.h"
#include "sp-claimable.h"
#include "sp-subsidy-report.h"
#include "sp-offer-table.h"
#include "sp-offer-prices.h"
#include "sp-offer-engine.h"
#include "sp-offer-table-estimate.h"

G_BEGIN_DECLS

/* The built-in demo catalog (a Suanpan Offer Feed). */
GBytes     *sp_core_dup_demo_feed     (void);

/* The source name the demo catalog is stored under. */
#define SP_DEMO_SOURCE "demo"

/* Imports the demo catalog into @store once (first launch): does nothing when
 * the store already has offers or the demo was seeded before. */
gboolean    sp_core_seed_demo         (SpStore *store, GError **error);

G_END_DECLS
