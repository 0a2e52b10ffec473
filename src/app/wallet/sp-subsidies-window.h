/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-subsidies-window.h — the Subsidies panel (issue 19): which compute-voucher
 * programmes apply to the company, what the ledger's purchases of the last 12
 * months could still claim, and the published clause behind every rule. */
#pragma once

#include <adwaita.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_SUBSIDIES_WINDOW (sp_subsidies_window_get_type ())
G_DECLARE_FINAL_TYPE (SpSubsidiesWindow, sp_subsidies_window, SP, SUBSIDIES_WINDOW, AdwWindow)

/* Reads the database at @store_path in a thread (sp_subsidy_report_load_async())
 * and shows one row per programme, those that apply first. */
SpSubsidiesWindow *sp_subsidies_window_new          (GtkWindow  *parent,
                                                     const char *store_path);

/* For tests: TRUE once loaded; the total claimable text ("¥1,234.00"); the
 * expander row of a programme (NULL when not shown). */
gboolean           sp_subsidies_window_is_loaded    (SpSubsidiesWindow *self);
const char        *sp_subsidies_window_get_total_text (SpSubsidiesWindow *self);
AdwExpanderRow    *sp_subsidies_window_get_row      (SpSubsidiesWindow *self,
                                                     const char        *programme_id);

/* TRUE for the links the window opens: https only */
gboolean           sp_subsidies_window_can_open     (const char *url);

G_END_DECLS
