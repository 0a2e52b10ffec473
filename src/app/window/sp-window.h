/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window.h — the main window */
#pragma once

#include <adwaita.h>

#include "sp-application.h"

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())
G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

SpWindow *sp_window_new             (SpApplication *app);
/* The view stack, for tests; every page is loaded once it is asked for
 * (the pages but Offers load after the window's first frame). */
AdwViewStack *sp_window_get_stack   (SpWindow *self);
/* For tests: whether the Offers page is made yet (it is, and starts
 * reading the catalog, once the window's first frame is painted); makes
 * nothing. */
gboolean      sp_window_has_offers_page (SpWindow *self);

G_END_DECLS
