/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-list.h — a plain array of offers as a GListModel
 *
 * GListStore finds an item by position in a GSequence (a tree walk, a cache
 * miss or more per item); the Offers page walks 100,000 offers on every
 * sort and filter, so it keeps them in arrays instead. */
#pragma once

#include <gio/gio.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_OFFER_LIST (sp_offer_list_get_type ())
G_DECLARE_FINAL_TYPE (SpOfferList, sp_offer_list, SP, OFFER_LIST, GObject)

/* @owns_items: FALSE for a list of borrowed offers that the caller keeps
 * alive for as long as they are in the list (the page's filtered view of its
 * own list of all offers: no reference counting per offer and keystroke). */
SpOfferList *sp_offer_list_new      (gboolean owns_items);
/* Replaces the contents with @n offers (referenced when the list owns them) and emits
 * items-changed (0, old length, @n), or nothing when both are empty. */
void         sp_offer_list_set      (SpOfferList     *self,
                                     SpOffer * const *offers,
                                     guint            n);
/* The offers, without references (valid until the next change) */
SpOffer    **sp_offer_list_peek     (SpOfferList *self,
                                     guint       *n);

G_END_DECLS
