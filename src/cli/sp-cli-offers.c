/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-offers.c — suanpan-cli import and offers */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-csv-cell.h"
#include "sp-labels.h"
#include "sp-suspicious.h"

/* The import report of "suanpan-cli import --json". */
static void
import_report_json (SpImportResult *result,
                    guint           changed,
                    gboolean        history_only,
                    GPtrArray      *watched_new,
                    char          **summary)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, sp_import_result_get_source (result));
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, sp_feed_format_to_string (sp_import_result_get_format (result)));
  sp_json_set_int (b, "read", sp_import_result_get_rows_read (result));
  sp_json_set_int (b, "skipped", sp_import_result_get_rows_skipped (result));
  sp_json_set_int (b, "normalized", sp_import_result_get_rows_normalized (result));
  sp_json_set_int (b, "repaired", sp_import_result_get_rows_repaired (result));
  sp_json_set_int (b, "changed", changed);
  sp_json_set_bool (b, "history_only", history_only);
  sp_json_set_int (b, "watched_changes", watched_new->len);
  sp_json_set_int (b, "invisible_removed", sp_import_result_get_chars_removed (result));
  sp_json_set_int (b, "offers_cleaned", sp_import_result_get_offers_cleaned (result));
  json_builder_set_member_name (b, "skip_reasons");
  json_builder_begin_array (b);
  for (guint i = 0; summary[i] != NULL; i++)
    json_builder_add_string_value (b, summary[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  sp_cli_print_builder (b);
}

/* The import report as text. */
static void
import_report_text (SpImportResult *result,
                    guint           changed,
                    gboolean        history_only,
                    gint64          stored_at,
                    GPtrArray      *watched_new,
                    char          **summary)
{
  /* Translators: import report; %s are the source and format names */
  g_print (_("Imported “%s” (%s): %u read, %u skipped, %u normalized, %u new or changed prices.\n"),
           sp_import_result_get_source (result),
           sp_feed_format_to_string (sp_import_result_get_format (result)),
           sp_import_result_get_rows_read (result),
           sp_import_result_get_rows_skipped (result),
           sp_import_result_get_rows_normalized (result),
           changed);
  if (sp_import_result_get_chars_removed (result) > 0)
    /* Translators: %u counts characters, %u offers */
    g_print (_("Removed %u invisible or direction-changing characters from %u offers.\n"),
             sp_import_result_get_chars_removed (result),
             sp_import_result_get_offers_cleaned (result));
  if (sp_import_result_get_rows_repaired (result) > 0)
    {
      guint repaired = sp_import_result_get_rows_repaired (result);

      /* Translators: import report, after the counts */
      g_print (ngettext ("Repaired: %u row with more fields than the header, the extra ones "
                         "joined into the last column.\n",
                         "Repaired: %u rows with more fields than the header, the extra ones "
                         "joined into the last column.\n", repaired), repaired);
    }
  if (summary[0] != NULL)
    {
      g_print ("%s\n", _("Skipped:"));
      for (guint i = 0; summary[i] != NULL; i++)
        g_print ("  %s\n", summary[i]);
    }
  if (history_only)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (stored_at);
      g_autofree char *day = dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");

      /* Translators: %s is the date of the snapshot already stored */
      g_print (_("This snapshot is older than the one already stored (%s): its prices "
                 "went to the price history only.\n"), day);
    }
  if (watched_new->len > 0)
    {
      g_print ("%s\n", _("Watched prices that changed:"));
      for (guint i = 0; i < watched_new->len; i++)
        sp_cli_print_price_change (g_ptr_array_index (watched_new, i));
    }
}

int
sp_cli_import (SpCliGlobals  *globals,
               int            argc,
               char         **argv)
{
  g_autofree char *format_str = NULL;
  g_autofree char *source = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_str,
      N_("Catalog format: auto, suanpan, litellm, openrouter, skypilot, llm-prices-cn or genai-prices (default auto)"), N_("FORMAT") },
    { "source", 's', 0, G_OPTION_ARG_STRING, &source,
      N_("Name of the source the offers belong to (default: from the catalog)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the import report as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_auto(GStrv) summary = NULL;
  SpFeedFormat format = SP_FEED_FORMAT_AUTO;
  guint changed = 0;
  gint64 stored_at;
  gboolean history_only;
  g_autoptr(GPtrArray) watched_before = NULL;
  g_autoptr(GPtrArray) watched_after = NULL;
  g_autoptr(GPtrArray) watched_new = NULL;

  if (!sp_cli_parse_options (_("FILE — import a catalog"), entries, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("import needs exactly one FILE (see suanpan-cli import --help)"));
  if (format_str != NULL && !sp_feed_format_from_string (format_str, &format))
    return sp_cli_fail (_("unknown format “%s” (use auto, suanpan, litellm, openrouter, skypilot, llm-prices-cn or genai-prices)"),
                 format_str);
  if (source != NULL && (*source == '\0' || strlen (source) > 200))
    return sp_cli_fail ("%s", _("the source name must be 1 to 200 characters"));

  result = sp_import_parse_file (argv[1], format, source, &error);
  if (result == NULL)
    return sp_cli_fail ("%s", error->message);

  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  /* an older snapshot than the stored one only adds to the price history */
  stored_at = sp_store_get_generated_at (store, sp_import_result_get_source (result));
  history_only = sp_import_result_get_generated_at (result) > 0 &&
                 sp_import_result_get_generated_at (result) < stored_at;
  watched_before = sp_watchlist_changes (store, NULL, 0, NULL);
  if (!sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC,
                                &changed, &error))
    return sp_cli_fail ("%s", error->message);
  watched_after = sp_watchlist_changes (store, NULL, 0, NULL);
  watched_new = sp_price_changes_new (watched_before, watched_after);

  summary = sp_import_result_dup_skip_summary (result);

  if (json)
    import_report_json (result, changed, history_only, watched_new, summary);
  else
    import_report_text (result, changed, history_only, stored_at, watched_new, summary);
  return 0;
}

/* ------------------------------------------------------------------ offers */


/* Member @name: a list of objects, one per element of @items (may be
 * NULL: an empty list), whose members @func writes. */
static void
json_struct_array (JsonBuilder   *b,
                   const char    *name,
                   GArray        *items,
                   SpCliJsonFunc  func)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      json_builder_begin_object (b);
      func (b, items->data + (gsize) i * g_array_get_element_size (items));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The members of a token price tier (SpTokenTier). */
static void
tier_members (JsonBuilder   *b,
              gconstpointer  item)
{
  const SpTokenTier *t = item;

  sp_json_set_int (b, "above_input_tokens", t->above_tokens);
  sp_json_set_money (b, "input_price", t->input, 2);
  sp_json_set_money (b, "output_price", t->output, 2);
  sp_json_set_money (b, "cached_input_price", t->cached_input, 2);
}

/* The members of a conditional token price (SpPriceVariant). */
static void
variant_members (JsonBuilder   *b,
                 gconstpointer  item)
{
  const SpPriceVariant *v = item;
  char start[6], end[6];

  sp_json_set_string (b, "condition", sp_variant_condition_to_string (v->condition));
  sp_json_set_bool (b, "off_peak", v->off_peak);
  if (v->condition == SP_VARIANT_TIME_OF_DAY)
    {
      sp_json_set_string (b, "start_time", sp_variant_format_minute (v->start, start));
      sp_json_set_string (b, "end_time", sp_variant_format_minute (v->end, end));
      sp_json_set_string (b, "time_zone", "UTC");
    }
  else
    {
      g_autofree char *from = sp_variant_dup_date (v->start);
      g_autofree char *until = sp_variant_dup_date (v->end);

      sp_json_set_string (b, "start_date", from);
      sp_json_set_string (b, "end_date", until);
    }
  sp_json_set_money (b, "input_price", v->input, 2);
  sp_json_set_money (b, "output_price", v->output, 2);
  sp_json_set_money (b, "cached_input_price", v->cached_input, 2);
  sp_json_set_money (b, "cache_write_price", v->cache_write, 2);
}

/* The card members of an offer: "gpu_model" to "gpu_fraction". */
static void
gpu_to_json (JsonBuilder *b,
             SpOffer     *offer)
{
  sp_json_set_string (b, "gpu_model", sp_offer_get_gpu_model (offer));
  sp_json_set_int (b, "gpu_count", sp_offer_get_gpu_count (offer));
  json_builder_set_member_name (b, "gpu_memory_gb");
  /* 0 is unknown, not zero memory */
  if (sp_offer_get_gpu_memory_gb (offer) > 0)
    json_builder_add_int_value (b, sp_offer_get_gpu_memory_gb (offer));
  else
    json_builder_add_null_value (b);
  /* a share of one card, "0.167" as the catalog writes it; null for whole cards */
  sp_json_set_string (b, "gpu_fraction", sp_offer_get_gpu_fraction (offer));
}

/* The normalized prices of @offer's @row: "normalized_currency" to
 * "normalized_unit". */
static void
normalized_to_json (JsonBuilder    *b,
                    SpOffer        *offer,
                    SpPriceContext *ctx,
                    SpOfferPrices  *prices,
                    guint           row,
                    SpMoney         after)
{
  sp_json_set_string (b, "normalized_currency", sp_price_context_get_currency (ctx));
  sp_json_set_money (b, "normalized", sp_offer_prices_get_normalized (prices, row), 2);
  sp_json_set_money (b, "after_vouchers", after, 2);
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      sp_json_set_money (b, "normalized_input", sp_price_context_normalize (ctx, offer, SP_PRICE_INPUT), 2);
      sp_json_set_money (b, "normalized_output", sp_price_context_normalize (ctx, offer, SP_PRICE_OUTPUT), 2);
      sp_json_set_money (b, "normalized_cached", sp_price_context_normalize (ctx, offer, SP_PRICE_CACHED), 2);
      sp_json_set_string (b, "normalized_unit", "1M tokens (blended)");
    }
  else
    sp_json_set_string (b, "normalized_unit", sp_cli_price_unit (sp_offer_get_kind (offer)));
}

/* @offer: the row read back from the store; prices, warnings and the
 * price after vouchers are the engine's */
static void
offer_to_json (JsonBuilder    *b,
               SpOffer        *offer,
               SpPriceContext *ctx,
               SpOfferTable   *table,
               SpOfferPrices  *prices,
               guint           row,
               SpMoney         after)
{
  SpOfferKind kind = sp_offer_get_kind (offer);
  g_autoptr(SpOfferFlags) f = sp_offer_prices_dup_flags (prices, table, row);

  json_builder_begin_object (b);
  sp_cli_json_offer_head (b, "id", offer);
  sp_json_set_string (b, "vendor_name_zh", sp_offer_get_vendor_name_zh (offer));
  sp_json_set_string (b, "kind", sp_offer_kind_to_string (kind));
  sp_json_set_string (b, "name", sp_offer_get_name (offer));
  sp_json_set_string (b, "model", sp_offer_get_model (offer));
  gpu_to_json (b, offer);
  sp_json_set_string (b, "region", sp_offer_get_region (offer));
  sp_json_set_string (b, "billing", sp_billing_to_string (sp_offer_get_billing (offer)));
  sp_json_set_string (b, "currency", sp_offer_get_currency (offer));
  sp_json_set_money (b, "price", sp_offer_get_price (offer), 2);
  /* the host VM's part of price (same unit), null when the offer has no host */
  sp_json_set_string (b, "host", sp_offer_get_host (offer));
  sp_json_set_money (b, "host_price", sp_offer_get_host_price (offer), 2);
  sp_json_set_string (b, "unit", sp_cli_price_unit (sp_offer_get_kind (offer)));
  normalized_to_json (b, offer, ctx, prices, row, after);
  sp_cli_json_offer_warnings (b, offer, f);
  /* issue 13: where the price comes from, off sale, tiers and conditional prices */
  sp_json_set_string (b, "price_source_url", sp_offer_get_price_source_url (offer));
  sp_json_set_string (b, "verified_at", sp_offer_get_verified_at (offer));
  sp_json_set_string (b, "attribution", sp_offer_get_attribution (offer));
  sp_json_set_bool (b, "retired", sp_offer_get_retired (offer));
  if (kind == SP_OFFER_KIND_TOKENS)
    {
      sp_json_set_money (b, "input_price", sp_offer_get_input_price (offer), 2);
      sp_json_set_money (b, "output_price", sp_offer_get_output_price (offer), 2);
      sp_json_set_money (b, "cached_input_price", sp_offer_get_cached_input_price (offer), 2);
      sp_json_set_money (b, "cache_write_price", sp_offer_get_cache_write_price (offer), 2);
      json_struct_array (b, "tiers", sp_offer_get_tiers (offer), tier_members);
      json_struct_array (b, "variants", sp_offer_get_variants (offer), variant_members);
    }
  json_builder_end_object (b);
}

/* A text cell: feed text is guarded against formulas (sp-csv-cell.h) */
static void
csv_field (GString    *out,
           const char *value)
{
  sp_csv_append_cell (out, value, SP_CSV_CELL_TEXT);
}

static void
csv_money (GString *out,
           SpMoney  value)
{
  g_autofree char *s = sp_money_to_string (value, 2);

  sp_csv_append_cell (out, s, SP_CSV_CELL_VALUE);
}

/* The vendor's name as sp_cli_vendor_name () gives an offer's */
static const char *
row_vendor_name (SpOfferTable *table,
                 guint         row)
{
  return sp_vendor_pick_name (sp_offer_table_get_vendor_name (table, row),
                              sp_offer_table_get_vendor_name_zh (table, row));
}

/* The shown rows read back from the store as SpOffers (for the fields the
 * table does not keep), in the order of @rows.  The store's offers come in
 * the table's row order (source, id); a refresh between the two reads is
 * caught by comparing keys. */
static GPtrArray *
offers_for_rows (SpStore       *store,
                 SpOfferTable  *table,
                 GArray        *rows,
                 GError       **error)
{
  g_autoptr(GPtrArray) all = sp_store_load_offers (store, error);
  GPtrArray *out;

  if (all == NULL)
    return NULL;
  out = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);
      SpOffer *o = row < all->len ? g_ptr_array_index (all, row) : NULL;

      if (o == NULL ||
          g_strcmp0 (sp_offer_get_id (o), sp_offer_table_get_id (table, row)) != 0 ||
          g_strcmp0 (sp_offer_get_source (o), sp_offer_table_get_source (table, row)) != 0)
        {
          g_ptr_array_unref (out);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The offers changed while they were read (a refresh?): try again"));
          return NULL;
        }
      g_ptr_array_add (out, g_object_ref (o));
    }
  return out;
}

/* The price after vouchers of a shown row: the prices' own when they were
 * computed with the wallet */
static SpMoney
after_vouchers (SpOfferTable   *table,
                SpOfferPrices  *prices,
                guint           row,
                SpPriceContext *ctx,
                SpWallet       *wallet,
                guint32         date,
                gboolean        priced)
{
  if (priced)
    return sp_offer_prices_get_after_vouchers (prices, row);
  return sp_offer_engine_after_vouchers (table, row, ctx, wallet, date);
}

static void
print_csv (SpOfferTable   *table,
           SpOfferPrices  *prices,
           GArray         *rows,
           SpPriceContext *ctx,
           SpWallet       *wallet,
           guint32         date,
           gboolean        priced)
{
  /* after_vouchers: as in --json (appended: the columns before it stay) */
  GString *out = g_string_new ("id,source,vendor,kind,name,model,gpu_model,gpu_count,region,billing,"
                               "currency,price,unit,normalized_currency,normalized,"
                               "normalized_input,normalized_output,after_vouchers\n");

  for (guint i = 0; i < rows->len; i++)
    {
      guint r = g_array_index (rows, guint, i);
      SpOfferKind kind = sp_offer_table_get_kind (table, r);
      char count[16];

      g_snprintf (count, sizeof count, "%u", sp_offer_table_get_gpu_count (table, r));
      csv_field (out, sp_offer_table_get_id (table, r)); g_string_append_c (out, ',');
      csv_field (out, sp_offer_table_get_source (table, r)); g_string_append_c (out, ',');
      csv_field (out, sp_offer_table_get_vendor_id (table, r)); g_string_append_c (out, ',');
      csv_field (out, sp_offer_kind_to_string (kind)); g_string_append_c (out, ',');
      csv_field (out, sp_offer_table_get_name (table, r)); g_string_append_c (out, ',');
      csv_field (out, sp_offer_table_get_model (table, r)); g_string_append_c (out, ',');
      csv_field (out, sp_offer_table_get_gpu_model (table, r)); g_string_append_c (out, ',');
      csv_field (out, count); g_string_append_c (out, ',');
      csv_field (out, sp_offer_table_get_region (table, r)); g_string_append_c (out, ',');
      csv_field (out, sp_billing_to_string (sp_offer_table_get_billing (table, r))); g_string_append_c (out, ',');
      csv_field (out, sp_offer_table_get_currency (table, r)); g_string_append_c (out, ',');
      csv_money (out, sp_offer_table_get_price (table, r)); g_string_append_c (out, ',');
      csv_field (out, sp_cli_price_unit (kind)); g_string_append_c (out, ',');
      csv_field (out, sp_offer_prices_get_currency (prices)); g_string_append_c (out, ',');
      csv_money (out, sp_offer_prices_get_normalized (prices, r)); g_string_append_c (out, ',');
      csv_money (out, sp_offer_prices_get_input (prices, r)); g_string_append_c (out, ',');
      csv_money (out, sp_offer_prices_get_output (prices, r)); g_string_append_c (out, ',');
      csv_money (out, after_vouchers (table, prices, r, ctx, wallet, date, priced));
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

static void
print_table (SpOfferTable   *table,
             SpOfferPrices  *prices,
             GArray         *rows)
{
  const char *cur = sp_offer_prices_get_currency (prices);
  guint n_all = sp_offer_table_get_n_offers (table);
  g_autoptr(SpCliTable) out = sp_cli_table_new ("llrll");
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  /* an empty store and a search that matches nothing are told apart */
  if (n_all == 0)
    g_print ("%s\n", _("No offers. Import a catalog with “suanpan-cli import FILE”."));
  else if (rows->len == 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "No offer matches (the store has %u offer).\n",
                          "No offer matches (the store has %u offers).\n", n_all),
             n_all);
  /* rows that would read the same (vendor, name, spec) also show their
   * region and billing mode */
  for (guint i = 0; i < rows->len; i++)
    {
      guint r = g_array_index (rows, guint, i);
      const char *vendor = row_vendor_name (table, r);
      const char *name = sp_offer_table_get_name (table, r);
      char *key = g_strjoin ("\x1f", vendor ? vendor : "", name ? name : "",
                             sp_offer_table_get_spec (table, r), NULL);

      g_ptr_array_add (keys, key);
      g_hash_table_insert (lines, g_strdup (key),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (lines, key)) + 1));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      guint r = g_array_index (rows, guint, i);
      SpMoney n = sp_offer_prices_get_normalized (prices, r);
      g_autofree char *price = n == SP_MONEY_UNKNOWN ? g_strdup (_("unknown"))
                                                     : sp_money_to_string (n, 2);
      const char *spec = sp_offer_table_get_spec (table, r);
      g_autofree char *per = g_strdup_printf ("%s/%s", cur,
                                              sp_label_unit (sp_offer_kind_unit (sp_offer_table_get_kind (table, r))));
      g_autofree char *where = NULL;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (lines, keys->pdata[i])) > 1)
        {
          const char *region = sp_offer_table_get_region (table, r);

          /* Translators: a list row's spec, then its region and billing mode */
          where = g_strdup_printf (_("%s · %s · %s"), spec,
                                   region != NULL && *region != '\0' ? region : _("no region"),
                                   sp_label_billing (sp_offer_table_get_billing (table, r)));
        }
      sp_cli_table_add (out, row_vendor_name (table, r), sp_offer_table_get_name (table, r), price,
                        per, where != NULL ? where : spec);
    }
  sp_cli_table_print (out);
}

/* --kind and --sort into @query; FALSE (after saying why) when unknown */
static gboolean
query_kind_and_sort (SpEngineQuery *query,
                     const char    *kind_str,
                     const char    *sort_str)
{
  if (kind_str != NULL)
    {
      if (!sp_offer_kind_from_string (kind_str, &query->kind))
        {
          sp_cli_fail (_("unknown kind “%s” (use gpu, cpu or tokens)"), kind_str);
          return FALSE;
        }
      query->filter_kind = TRUE;
    }
  /* price, vendor and name, and every column of the Offers page */
  if (sort_str != NULL && !sp_engine_sort_from_string (sort_str, &query->sort))
    {
      sp_cli_fail (_("unknown sort key “%s” (use price, vendor, name, warnings, group, spec, "
                     "region, billing, list-price, input, output, after-vouchers or updated)"),
                   sort_str);
      return FALSE;
    }
  return TRUE;
}

/* The offers of the store matching @query, through the engine, printed */
static int
list_offers (SpCliGlobals        *globals,
             SpPriceContext      *ctx,
             const SpEngineQuery *q,
             gboolean             json,
             gboolean             csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpOfferTable) table = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(SpWallet) wallet = NULL;
  guint32 today = sp_date_today ();
  SpEngineQuery query = *q;

  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  table = sp_offer_table_load (sp_store_get_path (store), NULL, &error);
  if (table == NULL)
    return sp_cli_fail ("%s", error->message);
  /* the price after the wallet's vouchers, as of today (JSON and CSV) */
  if (json || csv || query.sort == SP_ENGINE_SORT_AFTER_VOUCHERS)
    {
      wallet = sp_store_load_wallet (store, today, &error);
      if (wallet == NULL)
        return sp_cli_fail ("%s", error->message);
    }
  /* medians over the whole catalog, not just the offers shown; the price
   * after vouchers of every offer whenever it is shown or decides the order
   * (the voucher engine's figure, ~0.5 µs an offer: sp-wallet-unit.h) */
  prices = sp_offer_prices_compute (table, ctx, wallet, today, NULL, NULL, &error);
  if (prices != NULL)
    rows = sp_offer_engine_run (table, prices, &query, NULL, &error);
  if (rows == NULL)
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(GPtrArray) shown = offers_for_rows (store, table, rows, &error);

      if (shown == NULL)
        return sp_cli_fail ("%s", error->message);
      json_builder_begin_array (b);
      for (guint i = 0; i < shown->len; i++)
        {
          guint row = g_array_index (rows, guint, i);

          offer_to_json (b, g_ptr_array_index (shown, i), ctx, table, prices, row,
                         after_vouchers (table, prices, row, ctx, wallet, today,
                                         wallet != NULL));
        }
      json_builder_end_array (b);
      sp_cli_print_builder (b);
    }
  else if (csv)
    print_csv (table, prices, rows, ctx, wallet, today, wallet != NULL);
  else
    print_table (table, prices, rows);
  return 0;
}

int
sp_cli_offers (SpCliGlobals  *globals,
               int            argc,
               char         **argv)
{
  g_autofree char *kind_str = NULL;
  g_autofree char *search = NULL;
  g_autofree char *vendor = NULL;
  g_autofree char *sort_str = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rate_str = NULL;
  g_autofree char *source = NULL;
  int limit = 0;
  gboolean json = FALSE, csv = FALSE, include_retired = FALSE, descending = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_str, N_("Only offers of this kind: gpu, cpu or tokens"), N_("KIND") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only offers whose name, model, vendor or spec contains TEXT"), N_("TEXT") },
    { "vendor", 0, 0, G_OPTION_ARG_STRING, &vendor, N_("Only offers of this vendor"), N_("VENDOR") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only offers of this source"), N_("NAME") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_str,
      N_("Sort by price, vendor, name, warnings, group, spec, region, billing, list-price, input, "
         "output, after-vouchers or updated (default price)"), N_("KEY") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Reverse the order"), NULL },
    { "currency", 'c', 0, G_OPTION_ARG_STRING, &currency, N_("Display currency: CNY or USD"), N_("CURRENCY") },
    { "usd-cny", 0, 0, G_OPTION_ARG_STRING, &rate_str, N_("Exchange rate: yuan per US dollar"), N_("RATE") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N offers"), N_("N") },
    SP_CLI_OPTION_JSON (json),
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { "include-retired", 0, 0, G_OPTION_ARG_NONE, &include_retired,
      N_("Also list models their vendor no longer sells"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPriceContext) ctx = NULL;
  SpEngineQuery query;

  if (!sp_cli_parse_options_only (_("— list offers"), entries, &argc, &argv))
    return 1;
  if (json && csv)
    return sp_cli_fail ("%s", _("choose one of --json and --csv"));

  sp_engine_query_init (&query);
  ctx = sp_cli_price_context_new ();
  if (!query_kind_and_sort (&query, kind_str, sort_str))
    return 1;
  if (currency != NULL && !sp_price_context_set_currency (ctx, currency))
    return sp_cli_fail (_("unsupported currency “%s” (use CNY or USD)"), currency);
  if (rate_str != NULL)
    {
      SpMoney rate;
      if (!sp_money_parse (rate_str, &rate, &error) || !sp_price_context_set_usd_cny (ctx, rate))
        return sp_cli_fail (_("invalid exchange rate “%s”: give yuan per US dollar, e.g. 7.2"), rate_str);
    }
  if (limit < 0)
    return sp_cli_fail ("%s", _("--limit must not be negative"));
  query.limit = (guint) limit;
  query.search = search;
  query.vendor = vendor;
  query.source = source;
  query.include_retired = include_retired;
  query.descending = descending;

  return list_offers (globals, ctx, &query, json, csv);
}
