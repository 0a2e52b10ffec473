/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-window.h — preferences: display currency, exchange rate, token mix */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_PREFERENCES_WINDOW (sp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, SP, PREFERENCES_WINDOW, AdwPreferencesWindow)

SpPreferencesWindow *sp_preferences_window_new (GSettings *settings);
/* Adds the Company page (issue 19) for the database at @store_path. */
void                 sp_preferences_window_add_company (SpPreferencesWindow *self,
                                                        const char          *store_path);

G_END_DECLS
