/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-estimate.c — suanpan-cli estimate: rank offers by monthly cost */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-estimate.h"
#include "sp-suspicious.h"

/* Parses a non-negative exact decimal quantity given to @option. */
static gboolean
parse_quantity (const char *option,
                const char *text,
                gint64     *out)
{
  g_autoptr(GError) error = NULL;
  SpMoney value;

  if (!sp_money_parse (text, &value, &error) || value < 0)
    {
      /* Translators: 1: an option such as --gpu-hours, 2: what the user gave */
      sp_cli_fail (_("%s needs a number that is not negative, not “%s”"), option, text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static const char *
row_unit (const SpEstimateRow *row)
{
  if (row->self_hosted)
    return "1M tokens";
  return sp_cli_price_unit (sp_offer_get_kind (row->offer));
}

static void
row_to_json (JsonBuilder         *b,
             const SpEstimateRow *row,
             SpPriceContext      *ctx,
             GHashTable          *flags)
{
  SpOffer *offer = row->offer;
  SpOfferFlags *f = g_hash_table_lookup (flags, offer);
  gboolean suspicious = f != NULL && (f->flags & SP_OFFER_FLAG_SUSPICIOUS);
  g_autofree char *group = sp_offer_dup_group (offer);

  json_builder_begin_object (b);
  sp_cli_json_string (b, "id", sp_offer_get_id (offer));
  sp_cli_json_string (b, "source", sp_offer_get_source (offer));
  sp_cli_json_string (b, "vendor", sp_offer_get_vendor_id (offer));
  sp_cli_json_string (b, "vendor_name", sp_offer_get_vendor_name (offer));
  sp_cli_json_string (b, "name", sp_offer_get_name (offer));
  sp_cli_json_string (b, "kind", sp_offer_kind_to_string (sp_offer_get_kind (offer)));
  sp_cli_json_string (b, "model", sp_offer_get_model (offer));
  sp_cli_json_string (b, "gpu_model", sp_offer_get_gpu_model (offer));
  sp_cli_json_string (b, "currency", sp_price_context_get_currency (ctx));
  sp_cli_json_money (b, "monthly_cost", row->monthly_cost, 2);
  sp_cli_json_money (b, "unit_price", row->unit_price, 2);
  sp_cli_json_string (b, "unit", row_unit (row));
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      sp_cli_json_money (b, "output_price", row->output_price, 2);
      sp_cli_json_money (b, "cached_price", row->cached_price, 2);
      json_builder_set_member_name (b, "tier_above_tokens");
      json_builder_add_int_value (b, row->tier_above_tokens);
      sp_cli_json_bool (b, "off_peak", row->off_peak);
    }
  json_builder_set_member_name (b, "self_hosted");
  json_builder_add_boolean_value (b, row->self_hosted);
  sp_cli_json_string (b, "explanation", row->explanation);
  sp_cli_json_string (b, "group", group);
  json_builder_set_member_name (b, "suspicious");
  json_builder_add_boolean_value (b, suspicious);
  sp_cli_json_string (b, "suspicious_reason", suspicious ? f->suspicious_reason : NULL);
  json_builder_set_member_name (b, "demo");
  json_builder_add_boolean_value (b, sp_offer_get_demo (offer));
  json_builder_end_object (b);
}

int
sp_cli_estimate (SpCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  g_autofree char *gpu_hours = NULL;
  g_autofree char *gpu_model = NULL;
  g_autofree char *core_hours = NULL;
  g_autofree char *input_mtok = NULL;
  g_autofree char *output_mtok = NULL;
  g_autofree char *cached_mtok = NULL;
  g_autofree char *self_host = NULL;
  g_autofree char *prompt_tokens = NULL;
  g_autofree char *task = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rate_str = NULL;
  int min_memory = 0;
  int limit = 0;
  gboolean json = FALSE;
  gboolean off_peak = FALSE;
  const GOptionEntry entries[] = {
    { "gpu-hours", 0, 0, G_OPTION_ARG_STRING, &gpu_hours, N_("Card-hours per month (GPU offers)"), N_("N") },
    { "gpu-model", 0, 0, G_OPTION_ARG_STRING, &gpu_model, N_("Only this GPU model (“H100” matches every H100 variant)"), N_("MODEL") },
    { "min-gpu-memory", 0, 0, G_OPTION_ARG_INT, &min_memory, N_("Only GPUs with at least G GB of memory"), N_("G") },
    { "core-hours", 0, 0, G_OPTION_ARG_STRING, &core_hours, N_("Core-hours per month (CPU offers)"), N_("N") },
    { "input-mtok", 0, 0, G_OPTION_ARG_STRING, &input_mtok, N_("Millions of input tokens per month"), N_("X") },
    { "output-mtok", 0, 0, G_OPTION_ARG_STRING, &output_mtok, N_("Millions of output tokens per month"), N_("Y") },
    { "cached-mtok", 0, 0, G_OPTION_ARG_STRING, &cached_mtok, N_("Millions of cached input tokens per month, in addition to the input tokens"), N_("Z") },
    { "task", 0, 0, G_OPTION_ARG_STRING, &task, N_("A task preset: chat-reply, code-change or contract-review (with --requests)"), N_("TASK") },
    { "requests", 0, 0, G_OPTION_ARG_STRING, &requests, N_("Requests per month for --task"), N_("N") },
    { "prompt-tokens", 0, 0, G_OPTION_ARG_STRING, &prompt_tokens, N_("Input tokens per request, for long-context rates"), N_("N") },
    { "self-host-tokens-per-second", 0, 0, G_OPTION_ARG_STRING, &self_host,
      N_("Also price GPU offers per token at T tokens per second per card"), N_("T") },
    { "off-peak", 0, 0, G_OPTION_ARG_NONE, &off_peak,
      N_("The tokens are used in off-peak hours: use off-peak prices where a vendor has them"), NULL },
    { "currency", 'c', 0, G_OPTION_ARG_STRING, &currency, N_("Display currency: CNY or USD"), N_("CURRENCY") },
    { "usd-cny", 0, 0, G_OPTION_ARG_STRING, &rate_str, N_("Exchange rate: yuan per US dollar"), N_("RATE") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N offers"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) flags = NULL;
  g_autoptr(SpPriceContext) ctx = NULL;
  SpWorkload workload;
  gboolean tokens;
  guint n_workloads;
  guint shown;

  if (!sp_cli_parse_options (_("— rank offers by monthly cost for a workload"), entries, &argc, &argv))
    return 1;
  if (argc > 1)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[1]);

  sp_workload_init (&workload);
  tokens = input_mtok != NULL || output_mtok != NULL || cached_mtok != NULL || task != NULL;
  n_workloads = (gpu_hours != NULL) + (core_hours != NULL) + (tokens ? 1 : 0);
  if (n_workloads == 0)
    return sp_cli_fail ("%s", _("give one workload: --gpu-hours N, --core-hours N, "
                                "--input-mtok X --output-mtok Y, or --task TASK --requests N"));
  if (n_workloads > 1)
    return sp_cli_fail ("%s", _("give only one workload: --gpu-hours, --core-hours or token counts"));
  if (min_memory < 0)
    return sp_cli_fail ("%s", _("--min-gpu-memory must not be negative"));
  if (limit < 0)
    return sp_cli_fail ("%s", _("--limit must not be negative"));
  if ((gpu_model != NULL || min_memory > 0) && gpu_hours == NULL && self_host == NULL)
    return sp_cli_fail ("%s", _("--gpu-model and --min-gpu-memory need --gpu-hours or --self-host-tokens-per-second"));
  if (self_host != NULL && !tokens)
    return sp_cli_fail ("%s", _("--self-host-tokens-per-second needs a token workload (--input-mtok and --output-mtok)"));
  if (prompt_tokens != NULL && !tokens)
    return sp_cli_fail ("%s", _("--prompt-tokens needs a token workload"));
  if (requests != NULL && task == NULL)
    return sp_cli_fail ("%s", _("--requests needs --task"));
  if (off_peak && !tokens)
    return sp_cli_fail ("%s", _("--off-peak needs a token workload"));
  workload.off_peak = off_peak;

  workload.gpu_model = gpu_model;
  workload.min_gpu_memory_gb = (guint) min_memory;
  if (gpu_hours != NULL)
    {
      workload.kind = SP_WORKLOAD_GPU_HOURS;
      if (!parse_quantity ("--gpu-hours", gpu_hours, &workload.hours))
        return 1;
    }
  else if (core_hours != NULL)
    {
      workload.kind = SP_WORKLOAD_CORE_HOURS;
      if (!parse_quantity ("--core-hours", core_hours, &workload.hours))
        return 1;
    }
  else if (task != NULL)
    {
      const SpTaskPreset *preset = sp_task_preset_find (task);
      gint64 n = 0;

      if (preset == NULL)
        return sp_cli_fail (_("unknown task “%s” (use chat-reply, code-change or contract-review)"), task);
      if (input_mtok != NULL || output_mtok != NULL || cached_mtok != NULL)
        return sp_cli_fail ("%s", _("give either --task or token counts, not both"));
      if (requests == NULL)
        return sp_cli_fail ("%s", _("--task needs --requests N"));
      if (!parse_quantity ("--requests", requests, &n))
        return 1;
      if (n % SP_MONEY_SCALE != 0)
        return sp_cli_fail ("%s", _("--requests needs a whole number"));
      if (!sp_workload_set_task (&workload, preset->input_tokens, preset->output_tokens,
                                 n / SP_MONEY_SCALE))
        return sp_cli_fail ("%s", _("--requests is too large"));
    }
  else
    {
      workload.kind = SP_WORKLOAD_TOKENS;
      if (input_mtok == NULL || output_mtok == NULL)
        return sp_cli_fail ("%s", _("a token workload needs both --input-mtok and --output-mtok"));
      if (!parse_quantity ("--input-mtok", input_mtok, &workload.input_mtok) ||
          !parse_quantity ("--output-mtok", output_mtok, &workload.output_mtok) ||
          (cached_mtok != NULL && !parse_quantity ("--cached-mtok", cached_mtok, &workload.cached_mtok)))
        return 1;
    }
  if (prompt_tokens != NULL)
    {
      gint64 p;

      if (!parse_quantity ("--prompt-tokens", prompt_tokens, &p))
        return 1;
      if (p % SP_MONEY_SCALE != 0)
        return sp_cli_fail ("%s", _("--prompt-tokens needs a whole number"));
      workload.prompt_tokens_per_request = p / SP_MONEY_SCALE;
    }
  if (self_host != NULL)
    {
      if (!parse_quantity ("--self-host-tokens-per-second", self_host, &workload.self_host_tokens_per_second))
        return 1;
      if (workload.self_host_tokens_per_second == 0)
        return sp_cli_fail ("%s", _("--self-host-tokens-per-second must be more than 0"));
    }

  ctx = sp_cli_price_context_new ();
  if (currency != NULL && !sp_price_context_set_currency (ctx, currency))
    return sp_cli_fail (_("unsupported currency “%s” (use CNY or USD)"), currency);
  if (rate_str != NULL)
    {
      SpMoney rate;
      if (!sp_money_parse (rate_str, &rate, &error) || !sp_price_context_set_usd_cny (ctx, rate))
        return sp_cli_fail (_("invalid exchange rate “%s”: give yuan per US dollar, e.g. 7.2"), rate_str);
    }

  store = sp_cli_open_store (globals, &error);
  if (store == NULL)
    return sp_cli_fail ("%s", error->message);
  all = sp_store_load_offers (store, &error);
  if (all == NULL)
    return sp_cli_fail ("%s", error->message);
  rows = sp_estimate_run (all, &workload, ctx, &error);
  if (rows == NULL)
    return sp_cli_fail ("%s", error->message);
  flags = sp_offer_flags_compute (all, ctx, NULL);

  shown = limit > 0 ? MIN ((guint) limit, rows->len) : rows->len;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < shown; i++)
        row_to_json (b, g_ptr_array_index (rows, i), ctx, flags);
      json_builder_end_array (b);
      sp_cli_print_builder (b);
    }
  else
    {
      const char *cur = sp_price_context_get_currency (ctx);

      if (shown == 0)
        g_print ("%s\n", _("No matching offers."));
      for (guint i = 0; i < shown; i++)
        {
          SpEstimateRow *row = g_ptr_array_index (rows, i);
          SpOfferFlags *f = g_hash_table_lookup (flags, row->offer);
          g_autofree char *cost = sp_estimate_format_amount (row->monthly_cost, cur);
          const char *vendor = sp_cli_vendor_name (row->offer);
          const char *name = sp_offer_get_name (row->offer);

          /* Translators: one ranked row: rank, monthly cost, vendor, product */
          g_print (_("%3u. %14s per month  %s — %s\n"), i + 1, cost,
                   vendor ? vendor : "", name ? name : "");
          g_print ("       %s\n", row->explanation);
          if (f != NULL && (f->flags & SP_OFFER_FLAG_SUSPICIOUS))
            g_print ("       ⚠ %s\n", f->suspicious_reason);
        }
    }
  return 0;
}
