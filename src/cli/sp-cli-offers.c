/* sp-cli-offers.c — suanpan-cli import and offers */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-suspicious.h"

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
      N_("Catalog format: auto, suanpan, litellm, openrouter or skypilot (default auto)"), N_("FORMAT") },
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

  if (!sp_cli_parse_options (_("FILE — import a catalog"), entries, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("import needs exactly one FILE (see suanpan-cli import --help)"));
  if (format_str != NULL && !sp_feed_format_from_string (format_str, &format))
    return sp_cli_fail (_("unknown format “%s” (use auto, suanpan, litellm, openrouter or skypilot)"),
                 format_str);
  if (source != NULL && (*source == '\0' || strlen (source) > 200))
    return sp_cli_fail ("%s", _("the source name must be 1 to 200 characters"));

  result = sp_import_parse_file (argv[1], format, source, &error);
  if (result == NULL)
    return sp_cli_fail ("%s", error->message);

  store = sp_cli_open_store (globals, &error);
  if (store == NULL)
    return sp_cli_fail ("%s", error->message);
  if (!sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC,
                                &changed, &error))
    return sp_cli_fail ("%s", error->message);

  summary = sp_import_result_dup_skip_summary (result);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, sp_import_result_get_source (result));
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, sp_feed_format_to_string (sp_import_result_get_format (result)));
      json_builder_set_member_name (b, "read");
      json_builder_add_int_value (b, sp_import_result_get_rows_read (result));
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, sp_import_result_get_rows_skipped (result));
      json_builder_set_member_name (b, "normalized");
      json_builder_add_int_value (b, sp_import_result_get_rows_normalized (result));
      json_builder_set_member_name (b, "repaired");
      json_builder_add_int_value (b, sp_import_result_get_rows_repaired (result));
      json_builder_set_member_name (b, "changed");
      json_builder_add_int_value (b, changed);
      json_builder_set_member_name (b, "skip_reasons");
      json_builder_begin_array (b);
      for (guint i = 0; summary[i] != NULL; i++)
        json_builder_add_string_value (b, summary[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      sp_cli_print_builder (b);
    }
  else
    {
      /* Translators: import report; %s are the source and format names */
      g_print (_("Imported “%s” (%s): %u read, %u skipped, %u normalized, %u new or changed prices.\n"),
               sp_import_result_get_source (result),
               sp_feed_format_to_string (sp_import_result_get_format (result)),
               sp_import_result_get_rows_read (result),
               sp_import_result_get_rows_skipped (result),
               sp_import_result_get_rows_normalized (result),
               changed);
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
    }
  return 0;
}

/* ------------------------------------------------------------------ offers */


static void
offer_to_json (JsonBuilder    *b,
               SpOffer        *offer,
               SpPriceContext *ctx,
               GHashTable     *flags)
{
  SpOfferKind kind = sp_offer_get_kind (offer);
  g_autofree char *group = sp_offer_dup_group (offer);
  SpOfferFlags *f = g_hash_table_lookup (flags, offer);
  gboolean suspicious = f != NULL && (f->flags & SP_OFFER_FLAG_SUSPICIOUS);

  json_builder_begin_object (b);
  sp_cli_json_string (b, "id", sp_offer_get_id (offer));
  sp_cli_json_string (b, "source", sp_offer_get_source (offer));
  sp_cli_json_string (b, "vendor", sp_offer_get_vendor_id (offer));
  sp_cli_json_string (b, "vendor_name", sp_offer_get_vendor_name (offer));
  sp_cli_json_string (b, "vendor_name_zh", sp_offer_get_vendor_name_zh (offer));
  sp_cli_json_string (b, "kind", sp_offer_kind_to_string (kind));
  sp_cli_json_string (b, "name", sp_offer_get_name (offer));
  sp_cli_json_string (b, "model", sp_offer_get_model (offer));
  sp_cli_json_string (b, "gpu_model", sp_offer_get_gpu_model (offer));
  json_builder_set_member_name (b, "gpu_count");
  json_builder_add_int_value (b, sp_offer_get_gpu_count (offer));
  json_builder_set_member_name (b, "gpu_memory_gb");
  /* 0 is unknown, not zero memory */
  if (sp_offer_get_gpu_memory_gb (offer) > 0)
    json_builder_add_int_value (b, sp_offer_get_gpu_memory_gb (offer));
  else
    json_builder_add_null_value (b);
  /* a share of one card, "0.167" as the catalog writes it; null for whole cards */
  sp_cli_json_string (b, "gpu_fraction", sp_offer_get_gpu_fraction (offer));
  sp_cli_json_string (b, "region", sp_offer_get_region (offer));
  sp_cli_json_string (b, "billing", sp_billing_to_string (sp_offer_get_billing (offer)));
  sp_cli_json_string (b, "currency", sp_offer_get_currency (offer));
  sp_cli_json_money (b, "price", sp_offer_get_price (offer), 2);
  /* the host VM's part of price (same unit), null when the offer has no host */
  sp_cli_json_string (b, "host", sp_offer_get_host (offer));
  sp_cli_json_money (b, "host_price", sp_offer_get_host_price (offer), 2);
  sp_cli_json_string (b, "unit", sp_cli_price_unit (sp_offer_get_kind (offer)));
  sp_cli_json_string (b, "normalized_currency", sp_price_context_get_currency (ctx));
  sp_cli_json_money (b, "normalized", sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN), 2);
  if (kind == SP_OFFER_KIND_TOKENS)
    {
      sp_cli_json_money (b, "normalized_input", sp_price_context_normalize (ctx, offer, SP_PRICE_INPUT), 2);
      sp_cli_json_money (b, "normalized_output", sp_price_context_normalize (ctx, offer, SP_PRICE_OUTPUT), 2);
      sp_cli_json_money (b, "normalized_cached", sp_price_context_normalize (ctx, offer, SP_PRICE_CACHED), 2);
      sp_cli_json_string (b, "normalized_unit", "1M tokens (blended)");
    }
  else
    sp_cli_json_string (b, "normalized_unit", sp_cli_price_unit (sp_offer_get_kind (offer)));
  sp_cli_json_string (b, "group", group);
  json_builder_set_member_name (b, "suspicious");
  json_builder_add_boolean_value (b, suspicious);
  sp_cli_json_string (b, "suspicious_reason", suspicious ? f->suspicious_reason : NULL);
  json_builder_set_member_name (b, "demo");
  json_builder_add_boolean_value (b, sp_offer_get_demo (offer));
  json_builder_end_object (b);
}

static void
csv_field (GString    *out,
           const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static void
csv_money (GString *out,
           SpMoney  value)
{
  g_autofree char *s = sp_money_to_string (value, 2);

  csv_field (out, s);
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
  gboolean json = FALSE, csv = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_str, N_("Only offers of this kind: gpu, cpu or tokens"), N_("KIND") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only offers whose name, model, vendor or spec contains TEXT"), N_("TEXT") },
    { "vendor", 0, 0, G_OPTION_ARG_STRING, &vendor, N_("Only offers of this vendor"), N_("VENDOR") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only offers of this source"), N_("NAME") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_str, N_("Sort by price, vendor or name (default price)"), N_("KEY") },
    { "currency", 'c', 0, G_OPTION_ARG_STRING, &currency, N_("Display currency: CNY or USD"), N_("CURRENCY") },
    { "usd-cny", 0, 0, G_OPTION_ARG_STRING, &rate_str, N_("Exchange rate: yuan per US dollar"), N_("RATE") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N offers"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(SpPriceContext) ctx = NULL;
  SpOfferQuery query = { 0 };

  if (!sp_cli_parse_options (_("— list offers"), entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if (json && csv)
    return sp_cli_fail ("%s", _("choose one of --json and --csv"));

  ctx = sp_cli_price_context_new ();
  if (kind_str != NULL)
    {
      if (!sp_offer_kind_from_string (kind_str, &query.kind))
        return sp_cli_fail (_("unknown kind “%s” (use gpu, cpu or tokens)"), kind_str);
      query.filter_kind = TRUE;
    }
  query.sort = SP_OFFER_SORT_PRICE;
  if (sort_str != NULL && !sp_offer_sort_from_string (sort_str, &query.sort))
    return sp_cli_fail (_("unknown sort key “%s” (use price, vendor or name)"), sort_str);
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

  store = sp_cli_open_store (globals, &error);
  if (store == NULL)
    return sp_cli_fail ("%s", error->message);
  all = sp_store_load_offers (store, &error);
  if (all == NULL)
    return sp_cli_fail ("%s", error->message);
  shown = sp_offer_query_run (all, &query, ctx);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      /* medians over the whole catalog, not just the offers shown */
      g_autoptr(GHashTable) flags = sp_offer_flags_compute (all, ctx, NULL);

      json_builder_begin_array (b);
      for (guint i = 0; i < shown->len; i++)
        offer_to_json (b, g_ptr_array_index (shown, i), ctx, flags);
      json_builder_end_array (b);
      sp_cli_print_builder (b);
    }
  else if (csv)
    {
      GString *out = g_string_new ("id,source,vendor,kind,name,model,gpu_model,gpu_count,region,billing,"
                                   "currency,price,unit,normalized_currency,normalized,"
                                   "normalized_input,normalized_output\n");
      for (guint i = 0; i < shown->len; i++)
        {
          SpOffer *o = g_ptr_array_index (shown, i);
          char count[16];

          g_snprintf (count, sizeof count, "%u", sp_offer_get_gpu_count (o));
          csv_field (out, sp_offer_get_id (o)); g_string_append_c (out, ',');
          csv_field (out, sp_offer_get_source (o)); g_string_append_c (out, ',');
          csv_field (out, sp_offer_get_vendor_id (o)); g_string_append_c (out, ',');
          csv_field (out, sp_offer_kind_to_string (sp_offer_get_kind (o))); g_string_append_c (out, ',');
          csv_field (out, sp_offer_get_name (o)); g_string_append_c (out, ',');
          csv_field (out, sp_offer_get_model (o)); g_string_append_c (out, ',');
          csv_field (out, sp_offer_get_gpu_model (o)); g_string_append_c (out, ',');
          csv_field (out, count); g_string_append_c (out, ',');
          csv_field (out, sp_offer_get_region (o)); g_string_append_c (out, ',');
          csv_field (out, sp_billing_to_string (sp_offer_get_billing (o))); g_string_append_c (out, ',');
          csv_field (out, sp_offer_get_currency (o)); g_string_append_c (out, ',');
          csv_money (out, sp_offer_get_price (o)); g_string_append_c (out, ',');
          csv_field (out, sp_cli_price_unit (sp_offer_get_kind (o))); g_string_append_c (out, ',');
          csv_field (out, sp_price_context_get_currency (ctx)); g_string_append_c (out, ',');
          csv_money (out, sp_price_context_normalize (ctx, o, SP_PRICE_MAIN)); g_string_append_c (out, ',');
          csv_money (out, sp_price_context_normalize (ctx, o, SP_PRICE_INPUT)); g_string_append_c (out, ',');
          csv_money (out, sp_price_context_normalize (ctx, o, SP_PRICE_OUTPUT));
          g_string_append_c (out, '\n');
        }
      fputs (out->str, stdout);
      g_string_free (out, TRUE);
    }
  else
    {
      const char *cur = sp_price_context_get_currency (ctx);

      if (shown->len == 0)
        g_print ("%s\n", _("No offers. Import a catalog with “suanpan-cli import FILE”."));
      for (guint i = 0; i < shown->len; i++)
        {
          SpOffer *o = g_ptr_array_index (shown, i);
          SpMoney n = sp_price_context_normalize (ctx, o, SP_PRICE_MAIN);
          g_autofree char *price = n == SP_MONEY_UNKNOWN ? g_strdup (_("unknown"))
                                                         : sp_money_to_string (n, 2);
          g_autofree char *spec = sp_offer_dup_spec_summary (o);

          g_print ("%-12s  %-40s  %12s %s/%s  %s\n",
                   sp_offer_get_vendor_name (o) ? sp_offer_get_vendor_name (o) : "",
                   sp_offer_get_name (o) ? sp_offer_get_name (o) : "",
                   price, cur, sp_offer_kind_unit (sp_offer_get_kind (o)), spec);
        }
    }
  return 0;
}

