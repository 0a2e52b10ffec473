/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-application.h — the Suanpan application */
#pragma once

#include <adwaita.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_APPLICATION (sp_application_get_type ())
G_DECLARE_FINAL_TYPE (SpApplication, sp_application, SP, APPLICATION, AdwApplication)

SpApplication  *sp_application_new               (void);
GSettings      *sp_application_get_settings      (SpApplication *self);
/* The price context, kept in sync with the settings. */
SpPriceContext *sp_application_get_price_context (SpApplication *self);
/* Database path: --data-dir, $SUANPAN_DATA_DIR, or the default. */
const char     *sp_application_get_store_path    (SpApplication *self);
/* The one store service of the application, for the store path (every page
 * reads and writes the database through it and listens to its signals). */
SpStoreService *sp_application_get_store_service (SpApplication *self);
/* Points *@slot (a page's reference) at the application's store service;
 * when that is another service than before, disconnects the old one's
 * handlers whose data is @instance and returns TRUE: the caller then
 * connects to the new one. */
gboolean        sp_application_follow_service    (SpApplication   *self,
                                                  SpStoreService **slot,
                                                  gpointer         instance);

G_END_DECLS
