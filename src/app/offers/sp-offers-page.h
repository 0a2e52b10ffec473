/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page.h — the Offers page: the catalog on one price scale */
#pragma once

#include <adwaita.h>

#include "sp-application.h"

G_BEGIN_DECLS

#define SP_TYPE_OFFERS_PAGE (sp_offers_page_get_type ())
G_DECLARE_FINAL_TYPE (SpOffersPage, sp_offers_page, SP, OFFERS_PAGE, GtkWidget)

/* Loads the catalog and the wallet through the application's store service
 * (which seeds the demo catalog on first launch); loads again when the
 * service says the offers changed, and reads the wallet again when it says
 * the wallet changed. */
void                sp_offers_page_load          (SpOffersPage *self,
                                                  SpApplication *app);
/* "loading", "offers", "empty" or "error" (the "state" property) */
const char         *sp_offers_page_get_state     (SpOffersPage *self);
/* Sets the search entry and filters at once (the entry itself waits for a
 * pause in typing). */
void                sp_offers_page_set_search    (SpOffersPage *self,
                                                  const char   *text);

/* With $SUANPAN_BENCH_FIRST_FRAME set (tests/bench/bench-offers-ui.c,
 * sp-offers-page-bench.c): the first prints the time and memory of the
 * window's first frame (SpWindow calls it), the second those of the first
 * frame with the offers shown, then quits (once the page is in a window). */
void                sp_offers_page_bench_first_frame (void);
void                sp_offers_page_bench_hook    (SpOffersPage *self);

G_END_DECLS
