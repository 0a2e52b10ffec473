/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-catalog.c — the store's offers as the engine's table, for
 * `estimate` and `breakeven` (sp-cli-catalog.h) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-cli-catalog.h"

gboolean
sp_cli_catalog_load (SpCliCatalog   *catalog,
                     SpCliGlobals   *globals,
                     SpPriceContext *ctx)
{
  g_autoptr(GError) error = NULL;

  catalog->store = sp_cli_open_store_or_fail (globals);
  if (catalog->store == NULL)
    return FALSE;
  catalog->table = sp_offer_table_load (sp_store_get_path (catalog->store), NULL, &error);
  if (catalog->table != NULL)
    catalog->prices = sp_offer_prices_compute (catalog->table, ctx, NULL, sp_date_today (),
                                               NULL, NULL, &error);
  if (catalog->prices == NULL)
    return !sp_cli_fail ("%s", error->message);
  catalog->details = sp_offer_details_new ();
  return TRUE;
}

/* The whole offer of @row; NULL with an error when it is gone */
static SpOffer *
read_offer (SpCliCatalog  *catalog,
            guint          row,
            GError       **error)
{
  SpOffer *offer = sp_store_load_offer (catalog->store,
                                        sp_offer_table_get_source (catalog->table, row),
                                        sp_offer_table_get_id (catalog->table, row), error);

  if (offer == NULL && (error == NULL || *error == NULL))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                         _("The offers changed while they were read (a refresh?): try again"));
  return offer;
}

gboolean
sp_cli_catalog_read_details (SpCliCatalog *catalog,
                             GArray       *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GError) error = NULL;
      guint row = g_array_index (rows, guint, i);
      g_autoptr(SpOffer) offer = read_offer (catalog, row, &error);

      if (offer == NULL)
        return !sp_cli_fail ("%s", error->message);
      sp_offer_details_add (catalog->details, row, offer);
    }
  return TRUE;
}

SpOffer *
sp_cli_catalog_read (SpOfferTable *table,
                     guint         row,
                     gpointer      user_data)
{
  SpCliCatalog *catalog = user_data;
  SpOffer *offer = sp_offer_details_get (catalog->details, row);

  if (offer != NULL)
    return g_object_ref (offer);
  /* a refresh between the two reads: the table's fields */
  offer = read_offer (catalog, row, NULL);
  return offer != NULL ? offer : sp_offer_table_dup_offer (table, row);
}

void
sp_cli_catalog_clear (SpCliCatalog *catalog)
{
  g_clear_pointer (&catalog->details, g_hash_table_unref);
  g_clear_pointer (&catalog->prices, sp_offer_prices_unref);
  g_clear_object (&catalog->table);
  g_clear_object (&catalog->store);
}
