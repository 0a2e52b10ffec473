/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice-panel.h — the Spending page's "at today's offers" panel
 * (issue 18 section 1): what was paid, what the same usage would cost at
 * the best current offers after the wallet's vouchers, the difference and
 * the part of it vouchers left unused explain; per group and per entry with
 * the alternative offer (a button opens it on the Offers page); entries
 * that cannot be repriced are listed.  The work runs in a worker thread
 * (the store service's reprice job). */
#pragma once

#include <adwaita.h>

#include "sp-core.h"
#include "sp-reprice.h"

G_BEGIN_DECLS

#define SP_TYPE_REPRICE_PANEL (sp_reprice_panel_get_type ())
G_DECLARE_FINAL_TYPE (SpRepricePanel, sp_reprice_panel, SP, REPRICE_PANEL, GtkWidget)

/* At most this many entries and unmapped entries are listed as rows (the
 * rest are counted in a line; the command line lists them all). */
#define SP_REPRICE_PANEL_MAX_ROWS 200

GtkWidget             *sp_reprice_panel_new        (void);
/* Reprices the last three full months before @today (NULL: the real date)
 * through the store @service, figures in the display currency of @ctx;
 * cancels a run still going. */
void                   sp_reprice_panel_reload     (SpRepricePanel *self,
                                                    SpStoreService *service,
                                                    SpPriceContext *ctx,
                                                    const GDate    *today);
/* TRUE while a run is going */
gboolean               sp_reprice_panel_is_busy    (SpRepricePanel *self);
/* The last result, or NULL (none yet, or an error: see the error text) */
const SpRepriceResult *sp_reprice_panel_get_result (SpRepricePanel *self);
/* The summary line as shown, and the error text (NULL when none) */
const char            *sp_reprice_panel_get_summary (SpRepricePanel *self);
const char            *sp_reprice_panel_get_error  (SpRepricePanel *self);
/* The "open" button of the @index-th entry listed, or NULL */
GtkWidget             *sp_reprice_panel_get_open_button (SpRepricePanel *self,
                                                         guint           index);
/* The @index-th "assign a group" drop-down (on entries without a group;
 * item 0 asks to choose, the others are the catalog's groups of the
 * entry's kind), or NULL.  Choosing a group stores it for the entry's
 * vendor + item and reprices. */
GtkDropDown           *sp_reprice_panel_get_group_dropdown (SpRepricePanel *self,
                                                            guint           index);
/* How many rows list unmapped entries */
guint                  sp_reprice_panel_get_n_unmapped_rows (SpRepricePanel *self);

G_END_DECLS
