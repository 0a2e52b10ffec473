/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-limits.h — how much text and how many items Suanpan reads from input it
 * does not control (feeds, catalogs, ledger CSV, voucher and programme
 * files).  One place; documented in docs/feed-format.md ("Limits").
 *
 * Lengths are in characters (Unicode code points) of the text as written,
 * before invisible characters are removed (sp-text.h).  A longer field
 * refuses that offer (feeds, catalogs), that row (ledger CSV) or the file
 * (voucher and programme files, which are read whole or not at all). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ids: offer ids, ledger offer ids, voucher codes */
#define SP_LIMIT_ID_CHARS          256
/* names and other one-line texts: names, models, vendor names, regions,
 * GPU models, currencies, units, commitments, list prices, labels */
#define SP_LIMIT_NAME_CHARS        256
/* notes and URLs */
#define SP_LIMIT_NOTE_CHARS        2048
#define SP_LIMIT_URL_CHARS         2048

/* offers read from one feed or catalog (the rest are skipped, counted) */
#define SP_LIMIT_OFFERS_PER_FEED   250000
/* price tiers of one offer */
#define SP_LIMIT_TIERS_PER_OFFER   32
/* voucher programme tags of one offer */
#define SP_LIMIT_TAGS_PER_OFFER    64

G_END_DECLS
