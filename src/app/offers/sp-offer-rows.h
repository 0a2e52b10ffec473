/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-rows.h — the Offers table's rows: stable positions over a list
 *
 * GTK 4.8's list widgets destroy and rebuild a row's widgets whenever the
 * item at a visible position changes (up to 200 rows × every column, tens of
 * milliseconds to seconds with 100,000 offers).  This model hands out one
 * stable SpOfferRow per *position*; when the source list changes, only the
 * length changes as far as GTK can tell, and the page re-fills the cells it
 * has bound in place. */
#pragma once

#include <gio/gio.h>

#include "sp-offer-row.h"

G_BEGIN_DECLS

#define SP_TYPE_OFFER_ROWS (sp_offer_rows_get_type ())
G_DECLARE_FINAL_TYPE (SpOfferRows, sp_offer_rows, SP, OFFER_ROWS, GObject)

/* @source: element type SpOffer.  Emits "contents-changed" after every
 * change of the source (after items-changed, when the length changed). */
SpOfferRows *sp_offer_rows_new (GListModel *source);
/* Reports at least @n positions (empty ones beyond the source's) until the
 * source next changes, so GTK makes its rows ahead, while the catalog
 * loads; 0 drops what is left of it. */
void         sp_offer_rows_reserve (SpOfferRows *self,
                                    guint        n);

G_END_DECLS
