/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-price-changes-window.h — the "price changes" list of the watchlist */
#pragma once

#include <adwaita.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_PRICE_CHANGES_WINDOW (sp_price_changes_window_get_type ())
G_DECLARE_FINAL_TYPE (SpPriceChangesWindow, sp_price_changes_window, SP, PRICE_CHANGES_WINDOW,
                      AdwWindow)

/* A window listing every change of a watched price (newest first), read
 * from the store at @store_path in a thread. */
SpPriceChangesWindow *sp_price_changes_window_new        (GtkWindow      *parent,
                                                          SpStoreService *service);
/* The list (a GtkListBox, one row per change), for the tests. */
GtkListBox           *sp_price_changes_window_get_list   (SpPriceChangesWindow *self);
/* How many changes are shown (0 while loading). */
guint                 sp_price_changes_window_get_n_changes (SpPriceChangesWindow *self);

/* One line for a change: "Dropped ¥10.00 → ¥8.00 per card-hour (−20.00 %) on
 * 2026-08-01, was ¥10.00 since 2026-07-03" (translated). */
char                 *sp_price_change_dup_description    (const SpPriceChange *change);

G_END_DECLS
