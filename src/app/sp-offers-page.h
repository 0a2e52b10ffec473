/* sp-offers-page.h — the Offers page: the catalog on one price scale */
#pragma once

#include <adwaita.h>

#include "sp-application.h"

G_BEGIN_DECLS

#define SP_TYPE_OFFERS_PAGE (sp_offers_page_get_type ())
G_DECLARE_FINAL_TYPE (SpOffersPage, sp_offers_page, SP, OFFERS_PAGE, GtkWidget)

/* Loads the catalog from the application's store in a worker thread (seeding
 * the demo catalog on first launch). */
void        sp_offers_page_load          (SpOffersPage *self,
                                          SpApplication *app);
/* The offers shown (element type SpOffer), for tests. */
GListModel *sp_offers_page_get_model     (SpOffersPage *self);
/* "loading", "offers", "empty" or "error" */
const char *sp_offers_page_get_state     (SpOffersPage *self);

G_END_DECLS
