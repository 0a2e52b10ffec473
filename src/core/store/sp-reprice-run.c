/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice-run.c — a reprice's inputs read from the database (the period,
 * the ledger's entries, the group table, the wallet, the offers that are a
 * share of a card), and sp_reprice_run () over the store's offers */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <sqlite3.h>

#include "sp-database.h"
#include "sp-store-private.h"
#include "sp-reprice.h"
#include "sp-ledger-groups.h"
#include "sp-store.h"
#include "sp-wallet-store.h"
#include "sp-reprice-private.h"

GHashTable *
sp_reprice_load_shared_offers (SpStore      *store,
                               GHashTable  **commitments,
                               GError      **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  db = sp_store_get_db (store);
  /* the store's own reading of a detail (sp-store-private.h) */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT source, id, gpu_fraction IS NOT NULL, "
                           OFFER_DETAIL ("min_commitment", "NULL") " AS commitment "
                           "FROM offers WHERE gpu_fraction IS NOT NULL OR commitment IS NOT NULL",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_autofree char *key = sp_reprice_offer_key ((const char *) sqlite3_column_text (stmt, 0),
                                                     (const char *) sqlite3_column_text (stmt, 1));
        const char *text = (const char *) sqlite3_column_text (stmt, 3);

        if (text != NULL)
          g_hash_table_insert (texts, g_strdup (key), g_strdup (text));
        if (sqlite3_column_int (stmt, 2))
          g_hash_table_add (keys, g_steal_pointer (&key));
      }
  if (rc != SQLITE_DONE)
    sp_database_set_sql_error (db, rc, SP_REPRICE_ERROR, error);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  if (commitments != NULL)
    *commitments = g_steal_pointer (&texts);
  return g_steal_pointer (&keys);
}

gboolean
sp_reprice_inputs_read (SpRepriceInputs *inputs,
                        const char      *db_path,
                        const char      *from_month,
                        const char      *to_month,
                        GError         **error)
{
  g_autoptr(SpLedger) ledger = NULL;
  char *from = inputs->from, *to = inputs->to;
  guint32 start = 0;

  g_return_val_if_fail (db_path != NULL, FALSE);

  if (from_month == NULL || to_month == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate today;
      char dfrom[8], dto[8];

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      sp_reprice_default_period (&today, dfrom, dto);
      g_strlcpy (from, from_month != NULL ? from_month : dfrom, 8);
      g_strlcpy (to, to_month != NULL ? to_month : dto, 8);
    }
  else
    {
      g_strlcpy (from, from_month, 8);
      g_strlcpy (to, to_month, 8);
    }
  if (!sp_ledger_month_valid (from) || !sp_ledger_month_valid (to) || strcmp (from, to) > 0)
    {
      g_set_error (error, SP_REPRICE_ERROR, SP_REPRICE_ERROR_INVALID,
                   _("“%s” to “%s” is not a period of months (YYYY-MM, the first not after the last)"),
                   from, to);
      return FALSE;
    }

  inputs->store = sp_store_open (db_path, error);
  if (inputs->store == NULL)
    return FALSE;
  ledger = sp_ledger_open (db_path, error);
  if (ledger == NULL)
    return FALSE;
  inputs->entries = sp_ledger_list (ledger, from, to, error);
  if (inputs->entries == NULL)
    return FALSE;
  inputs->assigned = sp_reprice_load_groups (ledger, error);
  if (inputs->assigned == NULL)
    return FALSE;
  {
    g_autofree char *first_day = g_strconcat (from, "-01", NULL);

    sp_date_parse_iso (first_day, &start);
  }
  inputs->wallet = sp_store_load_wallet (inputs->store, start, error);
  return inputs->wallet != NULL;
}

void
sp_reprice_inputs_clear (SpRepriceInputs *inputs)
{
  g_clear_object (&inputs->store);
  g_clear_pointer (&inputs->entries, g_ptr_array_unref);
  g_clear_pointer (&inputs->assigned, g_hash_table_unref);
  g_clear_object (&inputs->wallet);
}

SpRepriceResult *
sp_reprice_run_with (const char            *db_path,
                     const char            *from_month,
                     const char            *to_month,
                     SpPriceContext        *ctx,
                     SpRepriceComputeFunc   compute,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_auto(SpRepriceInputs) in = { 0 };
  SpRepriceResult *result;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  if (!sp_reprice_inputs_read (&in, db_path, from_month, to_month, error))
    return NULL;
  result = compute (&in, db_path, ctx, cancellable, error);
  if (result != NULL)
    {
      g_strlcpy (result->from_month, in.from, sizeof result->from_month);
      g_strlcpy (result->to_month, in.to, sizeof result->to_month);
    }
  return result;
}

/* SpRepriceComputeFunc over an SpOffer per offer of the store */
static SpRepriceResult *
compute_over_offers (const SpRepriceInputs *in,
                     const char            *db_path,
                     SpPriceContext        *ctx,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(GPtrArray) offers = sp_store_load_offers (in->store, error);

  if (offers == NULL)
    return NULL;
  return sp_reprice_compute (in->entries, offers, in->assigned, in->wallet, ctx, cancellable, error);
}

SpRepriceResult *
sp_reprice_run (const char      *db_path,
                const char      *from_month,
                const char      *to_month,
                SpPriceContext  *ctx,
                GCancellable    *cancellable,
                GError         **error)
{
  return sp_reprice_run_with (db_path, from_month, to_month, ctx, compute_over_offers,
                              cancellable, error);
}
