/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-catalog.h — the store's offers as the engine's table, for
 * `estimate` and `breakeven` (issue 17): an SpOffer only for the rows
 * printed and the few whose figure needs the whole offer. */
#pragma once

#include "sp-cli.h"

G_BEGIN_DECLS

typedef struct {
  SpStore       *store;
  SpOfferTable  *table;
  SpOfferPrices *prices;   /* the flags: medians over the whole catalog */
  GHashTable    *details;  /* row → SpOffer read back (sp_offer_details_new ()) */
} SpCliCatalog;

/* Opens the store and loads its table and prices under @ctx (no wallet);
 * on error prints it and returns FALSE. */
gboolean  sp_cli_catalog_load          (SpCliCatalog   *catalog,
                                        SpCliGlobals   *globals,
                                        SpPriceContext *ctx);
/* Reads back the whole offers of @rows (guint) into the details; on error
 * prints it and returns FALSE. */
gboolean  sp_cli_catalog_read_details  (SpCliCatalog   *catalog,
                                        GArray         *rows);
/* SpOfferTableReadFunc: @row's whole offer from the store (@catalog) */
SpOffer  *sp_cli_catalog_read          (SpOfferTable   *table,
                                        guint           row,
                                        gpointer        catalog);
void      sp_cli_catalog_clear         (SpCliCatalog   *catalog);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpCliCatalog, sp_cli_catalog_clear)

G_END_DECLS
