/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-compare-window.h — 2 to 4 offers side by side */
#pragma once

#include <adwaita.h>

#include "sp-core.h"
#include "sp-sparkline.h"

G_BEGIN_DECLS

#define SP_TYPE_COMPARE_WINDOW (sp_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (SpCompareWindow, sp_compare_window, SP, COMPARE_WINDOW, AdwWindow)

/* @offers: element type SpOffer (2 to 4); @flags: SpOffer* → SpOfferFlags*
 * as from sp_offer_flags_compute() (may be NULL); @service: the store service
 * the price history is read through (may be NULL: no history). */
SpCompareWindow *sp_compare_window_new          (GtkWindow      *parent,
                                                 GPtrArray      *offers,
                                                 GHashTable     *flags,
                                                 SpPriceContext *ctx,
                                                 SpStoreService *service);
guint            sp_compare_window_get_n_offers (SpCompareWindow *self);
/* Index of the cheapest offer (lowest normalized price, all offers of one
 * kind), or -1. */
int              sp_compare_window_get_cheapest (SpCompareWindow *self);
/* The column header of offer @index (has the "cheapest" style class when it
 * is the cheapest). */
GtkWidget       *sp_compare_window_get_header   (SpCompareWindow *self,
                                                 guint            index);
/* TRUE when row @row_id ("price", "region", "gpu-memory", …) is shown and its
 * values differ (then they are highlighted). */
gboolean         sp_compare_window_row_differs  (SpCompareWindow *self,
                                                 const char      *row_id);
SpSparkline     *sp_compare_window_get_sparkline (SpCompareWindow *self,
                                                  guint            index);
/* TRUE once the price history has been read (or failed to be). */
gboolean         sp_compare_window_history_loaded (SpCompareWindow *self);

G_END_DECLS
