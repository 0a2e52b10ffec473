/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-list.h — rows of an offer table as a list of SpOffer, each made
 * only when asked for (issue 17)
 *
 * The Offers page holds its catalog as an SpOfferTable (about 190 bytes an
 * offer with its prices) and shows the engine's result: an array of row
 * numbers.  This model hands GTK an SpOffer for a position only when GTK
 * asks for that item (the rows drawn, the selection): made from the table
 * (sp_offer_table_dup_offer ()) through an SpOfferCache that several lists
 * share, so one row is one object while it is in use or among the last few
 * hundred made, and there is never an object per offer. */
#pragma once

#include <gio/gio.h>

#include "sp-offer-table.h"

G_BEGIN_DECLS

/* Row → SpOffer, the last few hundred made (and any still in use) */
typedef struct _SpOfferCache SpOfferCache;

SpOfferCache *sp_offer_cache_new    (SpOfferTable *table);
SpOfferCache *sp_offer_cache_ref    (SpOfferCache *cache);
void          sp_offer_cache_unref  (SpOfferCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOfferCache, sp_offer_cache_unref)
SpOfferTable *sp_offer_cache_get_table (SpOfferCache *cache);
/* The offer of @row (a new reference): the same object while it is held
 * or among the last ones made */
SpOffer      *sp_offer_cache_get    (SpOfferCache *cache,
                                     guint         row);
/* The row of @offer (any offer: this cache's, or one read back whole) by
 * its source and id in the table; FALSE when the table has no such offer */
gboolean      sp_offer_cache_row_of (SpOfferCache *cache,
                                     SpOffer      *offer,
                                     guint        *row);

#define SP_TYPE_OFFER_LIST (sp_offer_list_get_type ())
G_DECLARE_FINAL_TYPE (SpOfferList, sp_offer_list, SP, OFFER_LIST, GObject)

SpOfferList *sp_offer_list_new      (void);
/* Shows @rows (element type guint, referenced; NULL = none) of @cache's
 * table and emits items-changed (0, old length, new length), or nothing
 * when both are empty. */
void         sp_offer_list_set_rows (SpOfferList  *self,
                                     SpOfferCache *cache,
                                     GArray       *rows);
/* The table row at @position (G_MAXUINT past the end) */
guint        sp_offer_list_get_row  (SpOfferList *self,
                                     guint        position);
/* The rows shown (element type guint), or NULL */
GArray      *sp_offer_list_get_rows (SpOfferList *self);

G_END_DECLS
