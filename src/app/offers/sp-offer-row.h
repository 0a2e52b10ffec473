/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-row.h — one row position of the Offers table (see sp-offer-rows.h) */
#pragma once

#include <gio/gio.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_OFFER_ROW (sp_offer_row_get_type ())
G_DECLARE_FINAL_TYPE (SpOfferRow, sp_offer_row, SP, OFFER_ROW, GObject)

/* The row at @position of @source (element type SpOffer; held weakly). */
SpOfferRow *sp_offer_row_new          (GListModel *source,
                                       guint       position);
guint       sp_offer_row_get_position (SpOfferRow *self);
/* The offer now at this position, or NULL when the list is shorter. */
SpOffer    *sp_offer_row_dup_offer    (SpOfferRow *self);

G_END_DECLS
