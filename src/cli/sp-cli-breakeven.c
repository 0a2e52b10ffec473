/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-breakeven.c — suanpan-cli breakeven: which way of buying a GPU
 * class is cheapest at a monthly volume (issue 18 part 2, sp-breakeven.h) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-breakeven.h"
#include "sp-cli.h"
#include "sp-cli-catalog.h"
#include "sp-suspicious.h"

static void
option_to_json (JsonBuilder             *b,
                SpBreakeven             *be,
                const SpBreakevenOption *option)
{
  SpOffer *offer = option->offer;
  gboolean gpu = option->kind != SP_BREAKEVEN_TOKENS;

  json_builder_begin_object (b);
  sp_json_set_string (b, "kind", sp_breakeven_kind_to_string (option->kind));
  sp_cli_json_offer_head (b, "offer", offer);
  sp_json_set_string (b, "name", sp_offer_get_name (offer));
  sp_json_set_string (b, "billing", sp_billing_to_string (sp_offer_get_billing (offer)));
  sp_json_set_string (b, "min_commitment", sp_offer_get_min_commitment (offer));
  sp_json_set_money (b, "unit_price", option->unit_price, 2);
  sp_json_set_money (b, "list_price", option->list_price, 2);
  sp_json_set_string (b, "unit", gpu ? "card-hour" : "1M tokens");
  if (be->axis == SP_BREAKEVEN_AXIS_TOKENS && gpu)
    sp_json_set_money (b, "unit_price_per_mtok", option->unit_price_per_mtok, 2);
  sp_json_set_money (b, "monthly_fixed", option->monthly_fixed, 2);
  sp_json_set_int (b, "commitment_months", option->commitment_months);
  sp_json_set_int (b, "hours_per_month", option->hours_per_month);
  sp_json_set_money (b, "commitment_total", option->commitment_total, 2);
  json_builder_end_object (b);
}

static void
print_json (SpBreakeven *be)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *unit = sp_breakeven_axis_unit (be->axis);

  json_builder_begin_object (b);
  sp_json_set_string (b, "axis", be->axis == SP_BREAKEVEN_AXIS_TOKENS ? "tokens" : "hours");
  sp_json_set_string (b, "unit", unit);
  sp_json_set_money (b, "axis_max", be->axis_max, 0);
  sp_json_set_string (b, "currency", be->currency);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  for (guint i = 0; i < be->options->len; i++)
    option_to_json (b, be, g_ptr_array_index (be->options, i));
  json_builder_end_array (b);
  sp_json_set_string (b, "cheapest_at_zero",
                      be->options->len > 0 ? sp_breakeven_kind_to_string (be->cheapest_at_zero) : NULL);
  json_builder_set_member_name (b, "crossovers");
  json_builder_begin_array (b);
  for (guint i = 0; i < be->crossovers->len; i++)
    {
      const SpBreakevenCrossover *c = &g_array_index (be->crossovers, SpBreakevenCrossover, i);
      g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, c->at);

      json_builder_begin_object (b);
      sp_json_set_string (b, "from", sp_breakeven_kind_to_string (c->from));
      sp_json_set_string (b, "to", sp_breakeven_kind_to_string (c->to));
      sp_json_set_string (b, "at", at);
      sp_json_set_string (b, "unit", unit);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sp_json_set_int (b, "unreadable_commitments", be->n_unreadable);
  sp_json_set_int (b, "suspicious_left_out", be->n_suspicious);
  json_builder_end_object (b);
  sp_cli_print_builder (b);
}

static void
print_text (SpBreakeven *be)
{
  g_autoptr(SpCliTable) table = sp_cli_table_new ("lllrr");

  sp_cli_table_add (table, _("Way"), _("Vendor"), _("Offer"), _("Unit price"), _("Monthly"));
  for (guint i = 0; i < be->options->len; i++)
    {
      const SpBreakevenOption *o = g_ptr_array_index (be->options, i);
      g_autofree char *price = sp_money_format (o->unit_price, be->currency, SP_MONEY_STYLE_PRICE);
      g_autofree char *unit_price = NULL;
      g_autofree char *monthly = o->commitment_months > 0
        ? sp_money_format (o->monthly_fixed, be->currency, SP_MONEY_STYLE_AMOUNT) : NULL;

      if (o->kind == SP_BREAKEVEN_TOKENS)
        /* Translators: a price per 1M tokens */
        unit_price = g_strdup_printf (_("%s / 1M tokens"), price);
      else
        /* Translators: a price per card-hour */
        unit_price = g_strdup_printf (_("%s / card-hour"), price);
      sp_cli_table_add (table, sp_breakeven_kind_label (o->kind), sp_cli_vendor_name (o->offer),
                        sp_offer_get_name (o->offer), unit_price, monthly ? monthly : "—");
    }
  sp_cli_table_print (table);

  g_print ("\n");
  if (be->options->len > 0)
    /* Translators: %s is a way of buying ("Pay as you go") */
    g_print (_("Cheapest at low volume: %s\n"), sp_breakeven_kind_label (be->cheapest_at_zero));
  for (guint i = 0; i < be->crossovers->len; i++)
    {
      g_autofree char *line =
        sp_breakeven_describe_crossover (be, &g_array_index (be->crossovers, SpBreakevenCrossover, i));
      g_print ("%s\n", line);
    }
  if (be->crossovers->len == 0)
    g_print ("%s\n", _("No crossover: the same way is cheapest at every volume."));
  if (be->n_unreadable > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u reserved offer left out: its commitment could not be read.\n",
                          "%u reserved offers left out: their commitment could not be read.\n",
                          be->n_unreadable), be->n_unreadable);
  if (be->n_suspicious > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u offer left out: its price is suspiciously low.\n",
                          "%u offers left out: their prices are suspiciously low.\n",
                          be->n_suspicious), be->n_suspicious);
}

int
sp_cli_breakeven (SpCliGlobals  *globals,
                  int            argc,
                  char         **argv)
{
  g_autofree char *gpu_model = NULL;
  g_autofree char *tps = NULL;
  g_autofree char *model = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rate_str = NULL;
  int min_memory = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "gpu-model", 0, 0, G_OPTION_ARG_STRING, &gpu_model, N_("Only this GPU model (“H100” matches every H100 variant)"), N_("MODEL") },
    { "min-gpu-memory", 0, 0, G_OPTION_ARG_INT, &min_memory, N_("Only GPUs with at least G GB of memory"), N_("G") },
    { "tokens-per-second", 0, 0, G_OPTION_ARG_STRING, &tps,
      N_("Self-hosting throughput per card: compare with the token offers of --model"), N_("T") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("The model whose token offers to compare (with --tokens-per-second)"), N_("ID") },
    { "currency", 'c', 0, G_OPTION_ARG_STRING, &currency, N_("Display currency: CNY or USD"), N_("CURRENCY") },
    { "usd-cny", 0, 0, G_OPTION_ARG_STRING, &rate_str, N_("Exchange rate: yuan per US dollar"), N_("RATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_auto(SpCliCatalog) catalog = { 0 };
  g_autoptr(GArray) detail_rows = NULL;
  g_autoptr(SpWallet) wallet = NULL;
  g_autoptr(SpPriceContext) ctx = NULL;
  g_autoptr(SpBreakeven) be = NULL;
  SpBreakevenQuery query = { 0 };

  if (!sp_cli_parse_options (_("— which way of buying a GPU class is cheapest at a monthly volume"),
                             entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if ((gpu_model == NULL || gpu_model[0] == '\0') && min_memory <= 0)
    return sp_cli_fail ("%s", _("give a GPU class: --gpu-model MODEL or --min-gpu-memory G"));
  if (min_memory < 0)
    return sp_cli_fail ("%s", _("--min-gpu-memory must not be negative"));
  if ((tps != NULL) != (model != NULL))
    return sp_cli_fail ("%s", _("--tokens-per-second and --model go together"));

  query.gpu_model = gpu_model;
  query.min_gpu_memory_gb = (guint) min_memory;
  query.model = model;
  query.date = sp_date_today ();
  if (tps != NULL &&
      (!sp_money_parse (tps, &query.tokens_per_second, NULL) || query.tokens_per_second <= 0))
    /* Translators: %s is what the user gave */
    return sp_cli_fail (_("--tokens-per-second needs a number more than 0, not “%s”"), tps);

  ctx = sp_cli_price_context_from_options (currency, rate_str);
  if (ctx == NULL)
    return 1;

  /* the engine's table; the flags' medians over the whole catalog, as
   * `estimate` and `offers` flag them */
  if (!sp_cli_catalog_load (&catalog, globals, ctx))
    return 1;
  wallet = sp_store_load_wallet (catalog.store, query.date, &error);
  if (wallet == NULL)
    return sp_cli_fail ("%s", error->message);
  /* the reserved offers of the class, read back for their commitment */
  detail_rows = sp_offer_table_breakeven_detail_rows (catalog.table, &query);
  if (!sp_cli_catalog_read_details (&catalog, detail_rows))
    return 1;
  /* the options' offers read back whole (their minimum commitment) */
  be = sp_offer_table_breakeven (catalog.table, catalog.prices, catalog.details, &query, ctx, wallet,
                                 sp_cli_catalog_read, &catalog, &error);
  if (be == NULL)
    return sp_cli_fail ("%s", error->message);

  if (json)
    print_json (be);
  else
    print_text (be);
  return 0;
}
