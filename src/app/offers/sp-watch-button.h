/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-watch-button.h — the Offers page's star: the watchlist menu, and the
 * toast that says which watched prices changed after a refresh or import */
#pragma once

#include <adwaita.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_WATCH_BUTTON (sp_watch_button_get_type ())
G_DECLARE_FINAL_TYPE (SpWatchButton, sp_watch_button, SP, WATCH_BUTTON, GtkWidget)

/* The store changed (first load, a refresh, an import, a restore): reads
 * the watchlist again and, except on the first call, shows a toast naming
 * the watched prices that changed since the previous call. */
void       sp_watch_button_reload        (SpWatchButton  *self,
                                          SpStoreService *service);
/* Where the button remembers which watched price changes the user has
 * been told about ("price-changes-seen"): the first reload after this
 * toasts the others, made while the app was closed. */
void       sp_watch_button_set_settings  (SpWatchButton *self,
                                          GSettings     *settings);
/* The offers selected on the page: the star is filled when one of them is
 * watched (itself or through its group). */
void       sp_watch_button_set_selection (SpWatchButton *self,
                                          GPtrArray     *offers);
/* Watches @offers (or their groups), or stops watching them when all of
 * them are watched already; says what it did in a toast. */
void       sp_watch_button_toggle        (SpWatchButton *self,
                                          GPtrArray     *offers,
                                          gboolean       groups);
/* Opens the price changes window. */
void       sp_watch_button_show_changes  (SpWatchButton *self);

/* For the tests: the watches as read last (element type SpWatch*), and
 * the title of the last toast shown (NULL when none). */
GPtrArray  *sp_watch_button_get_watches    (SpWatchButton *self);
const char *sp_watch_button_get_last_toast (SpWatchButton *self);
/* TRUE while the changes are being read in a thread. */
gboolean    sp_watch_button_is_busy        (SpWatchButton *self);

G_END_DECLS
