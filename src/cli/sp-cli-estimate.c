/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-estimate.c — suanpan-cli estimate: rank offers by monthly cost */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-cli-catalog.h"
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
             const SpOfferFlags  *f)
{
  SpOffer *offer = row->offer;

  json_builder_begin_object (b);
  sp_cli_json_offer_head (b, "id", offer);
  sp_json_set_string (b, "name", sp_offer_get_name (offer));
  sp_json_set_string (b, "kind", sp_offer_kind_to_string (sp_offer_get_kind (offer)));
  sp_json_set_string (b, "model", sp_offer_get_model (offer));
  sp_json_set_string (b, "gpu_model", sp_offer_get_gpu_model (offer));
  sp_json_set_string (b, "currency", sp_price_context_get_currency (ctx));
  sp_json_set_money (b, "monthly_cost", row->monthly_cost, 2);
  sp_json_set_money (b, "unit_price", row->unit_price, 2);
  sp_json_set_string (b, "unit", row_unit (row));
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      sp_json_set_money (b, "output_price", row->output_price, 2);
      sp_json_set_money (b, "cached_price", row->cached_price, 2);
      sp_json_set_int (b, "tier_above_tokens", row->tier_above_tokens);
      sp_json_set_bool (b, "off_peak", row->off_peak);
    }
  sp_json_set_bool (b, "self_hosted", row->self_hosted);
  sp_json_set_string (b, "explanation", row->explanation);
  sp_cli_json_offer_warnings (b, offer, f);
  json_builder_end_object (b);
}

typedef struct {
  char     *gpu_hours;
  char     *gpu_model;
  char     *core_hours;
  char     *input_mtok;
  char     *output_mtok;
  char     *cached_mtok;
  char     *self_host;
  char     *prompt_tokens;
  char     *task;
  char     *requests;
  char     *currency;
  char     *rate;
  int       min_memory;
  int       limit;
  gboolean  json;
  gboolean  off_peak;
} EstimateOptions;

static void
estimate_options_clear (EstimateOptions *o)
{
  g_free (o->gpu_hours);
  g_free (o->gpu_model);
  g_free (o->core_hours);
  g_free (o->input_mtok);
  g_free (o->output_mtok);
  g_free (o->cached_mtok);
  g_free (o->self_host);
  g_free (o->prompt_tokens);
  g_free (o->task);
  g_free (o->requests);
  g_free (o->currency);
  g_free (o->rate);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EstimateOptions, estimate_options_clear)

static gboolean
parse_estimate_options (EstimateOptions   *o,
                        int               *argc,
                        char            ***argv)
{
  const GOptionEntry entries[] = {
    { "gpu-hours", 0, 0, G_OPTION_ARG_STRING, &o->gpu_hours, N_("Card-hours per month (GPU offers)"), N_("N") },
    { "gpu-model", 0, 0, G_OPTION_ARG_STRING, &o->gpu_model, N_("Only this GPU model (“H100” matches every H100 variant)"), N_("MODEL") },
    { "min-gpu-memory", 0, 0, G_OPTION_ARG_INT, &o->min_memory, N_("Only GPUs with at least G GB of memory"), N_("G") },
    { "core-hours", 0, 0, G_OPTION_ARG_STRING, &o->core_hours, N_("Core-hours per month (CPU offers)"), N_("N") },
    { "input-mtok", 0, 0, G_OPTION_ARG_STRING, &o->input_mtok, N_("Millions of input tokens per month"), N_("X") },
    { "output-mtok", 0, 0, G_OPTION_ARG_STRING, &o->output_mtok, N_("Millions of output tokens per month"), N_("Y") },
    { "cached-mtok", 0, 0, G_OPTION_ARG_STRING, &o->cached_mtok, N_("Millions of cached input tokens per month, in addition to the input tokens"), N_("Z") },
    { "task", 0, 0, G_OPTION_ARG_STRING, &o->task, N_("A task preset: chat-reply, code-change or contract-review (with --requests)"), N_("TASK") },
    { "requests", 0, 0, G_OPTION_ARG_STRING, &o->requests, N_("Requests per month for --task"), N_("N") },
    { "prompt-tokens", 0, 0, G_OPTION_ARG_STRING, &o->prompt_tokens, N_("Input tokens per request, for long-context rates"), N_("N") },
    { "self-host-tokens-per-second", 0, 0, G_OPTION_ARG_STRING, &o->self_host,
      N_("Also price GPU offers per token at T tokens per second per card"), N_("T") },
    { "off-peak", 0, 0, G_OPTION_ARG_NONE, &o->off_peak,
      N_("The tokens are used in off-peak hours: use off-peak prices where a vendor has them"), NULL },
    { "currency", 'c', 0, G_OPTION_ARG_STRING, &o->currency, N_("Display currency: CNY or USD"), N_("CURRENCY") },
    { "usd-cny", 0, 0, G_OPTION_ARG_STRING, &o->rate, N_("Exchange rate: yuan per US dollar"), N_("RATE") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &o->limit, N_("Show at most N offers"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (_("— rank offers by monthly cost for a workload"), entries, argc, argv))
    return FALSE;
  if (*argc > 1)
    return !sp_cli_fail (_("unexpected argument “%s”"), (*argv)[1]);
  return TRUE;
}

static gboolean
is_token_workload (const EstimateOptions *o)
{
  return o->input_mtok != NULL || o->output_mtok != NULL || o->cached_mtok != NULL ||
         o->task != NULL;
}

/* The options that go together, before any value is read. */
static gboolean
check_combinations (const EstimateOptions *o)
{
  gboolean tokens = is_token_workload (o);
  guint n_workloads = (o->gpu_hours != NULL) + (o->core_hours != NULL) + (tokens ? 1 : 0);
  const char *problem = NULL;

  if (n_workloads == 0)
    problem = _("give one workload: --gpu-hours N, --core-hours N, "
                "--input-mtok X --output-mtok Y, or --task TASK --requests N");
  else if (n_workloads > 1)
    problem = _("give only one workload: --gpu-hours, --core-hours or token counts");
  else if (o->min_memory < 0)
    problem = _("--min-gpu-memory must not be negative");
  else if (o->limit < 0)
    problem = _("--limit must not be negative");
  else if ((o->gpu_model != NULL || o->min_memory > 0) && o->gpu_hours == NULL && o->self_host == NULL)
    problem = _("--gpu-model and --min-gpu-memory need --gpu-hours or --self-host-tokens-per-second");
  else if (o->self_host != NULL && !tokens)
    problem = _("--self-host-tokens-per-second needs a token workload (--input-mtok and --output-mtok)");
  else if (o->prompt_tokens != NULL && !tokens)
    problem = _("--prompt-tokens needs a token workload");
  else if (o->requests != NULL && o->task == NULL)
    problem = _("--requests needs --task");
  else if (o->off_peak && !tokens)
    problem = _("--off-peak needs a token workload");
  if (problem != NULL)
    return !sp_cli_fail ("%s", problem);
  return TRUE;
}

/* A whole number given to @option (for instance --requests); FALSE after
 * printing the error. */
static gboolean
parse_whole (const char *option,
             const char *text,
             const char *not_whole,
             gint64     *out)
{
  gint64 n;

  if (!parse_quantity (option, text, &n))
    return FALSE;
  if (n % SP_MONEY_SCALE != 0)
    return !sp_cli_fail ("%s", not_whole);
  *out = n / SP_MONEY_SCALE;
  return TRUE;
}

static gboolean
set_task_workload (SpWorkload            *workload,
                   const EstimateOptions *o)
{
  const SpTaskPreset *preset = sp_task_preset_find (o->task);
  gint64 n = 0;

  if (preset == NULL)
    return !sp_cli_fail (_("unknown task “%s” (use chat-reply, code-change or contract-review)"),
                         o->task);
  if (o->input_mtok != NULL || o->output_mtok != NULL || o->cached_mtok != NULL)
    return !sp_cli_fail ("%s", _("give either --task or token counts, not both"));
  if (o->requests == NULL)
    return !sp_cli_fail ("%s", _("--task needs --requests N"));
  if (!parse_whole ("--requests", o->requests, _("--requests needs a whole number"), &n))
    return FALSE;
  if (!sp_workload_set_task (workload, preset->input_tokens, preset->output_tokens, n))
    return !sp_cli_fail ("%s", _("--requests is too large"));
  return TRUE;
}

/* The workload of the (checked) options; FALSE after printing the error. */
static gboolean
build_workload (SpWorkload            *workload,
                const EstimateOptions *o)
{
  sp_workload_init (workload);
  workload->off_peak = o->off_peak;
  workload->gpu_model = o->gpu_model;
  workload->min_gpu_memory_gb = (guint) o->min_memory;
  if (o->gpu_hours != NULL)
    {
      workload->kind = SP_WORKLOAD_GPU_HOURS;
      if (!parse_quantity ("--gpu-hours", o->gpu_hours, &workload->hours))
        return FALSE;
    }
  else if (o->core_hours != NULL)
    {
      workload->kind = SP_WORKLOAD_CORE_HOURS;
      if (!parse_quantity ("--core-hours", o->core_hours, &workload->hours))
        return FALSE;
    }
  else if (o->task != NULL)
    {
      if (!set_task_workload (workload, o))
        return FALSE;
    }
  else
    {
      workload->kind = SP_WORKLOAD_TOKENS;
      if (o->input_mtok == NULL || o->output_mtok == NULL)
        return !sp_cli_fail ("%s", _("a token workload needs both --input-mtok and --output-mtok"));
      if (!parse_quantity ("--input-mtok", o->input_mtok, &workload->input_mtok) ||
          !parse_quantity ("--output-mtok", o->output_mtok, &workload->output_mtok) ||
          (o->cached_mtok != NULL &&
           !parse_quantity ("--cached-mtok", o->cached_mtok, &workload->cached_mtok)))
        return FALSE;
    }
  if (o->prompt_tokens != NULL &&
      !parse_whole ("--prompt-tokens", o->prompt_tokens, _("--prompt-tokens needs a whole number"),
                    &workload->prompt_tokens_per_request))
    return FALSE;
  if (o->self_host != NULL)
    {
      if (!parse_quantity ("--self-host-tokens-per-second", o->self_host,
                           &workload->self_host_tokens_per_second))
        return FALSE;
      if (workload->self_host_tokens_per_second == 0)
        return !sp_cli_fail ("%s", _("--self-host-tokens-per-second must be more than 0"));
    }
  return TRUE;
}

/* The shown rows, cheapest first: each made whole (its offer, its
 * explanation) only when printed */
static void
print_rows (SpCliCatalog     *catalog,
            GArray           *entries,
            guint             shown,
            const SpWorkload *workload,
            SpPriceContext   *ctx,
            gboolean          json)
{
  const char *cur = sp_price_context_get_currency (ctx);
  g_autoptr(JsonBuilder) b = json ? json_builder_new () : NULL;

  if (json)
    json_builder_begin_array (b);
  else if (shown == 0)
    g_print ("%s\n", _("No matching offers."));
  for (guint i = 0; i < shown; i++)
    {
      const SpTableEstimate *entry = &g_array_index (entries, SpTableEstimate, i);
      g_autoptr(SpEstimateRow) row = sp_offer_table_estimate_row (catalog->table, catalog->details,
                                                                  workload, ctx, entry);
      g_autoptr(SpOfferFlags) f = sp_offer_prices_dup_flags (catalog->prices, catalog->table, entry->row);
      g_autofree char *cost = NULL;
      const char *vendor, *name;

      if (json)
        {
          row_to_json (b, row, ctx, f);
          continue;
        }
      cost = sp_estimate_format_amount (row->monthly_cost, cur);
      vendor = sp_cli_vendor_name (row->offer);
      name = sp_offer_get_name (row->offer);
      /* Translators: one ranked row: rank, monthly cost, vendor, product */
      g_print (_("%3u. %14s per month  %s — %s\n"), i + 1, cost,
               vendor ? vendor : "", name ? name : "");
      g_print ("       %s\n", row->explanation);
      if (f != NULL && (f->flags & SP_OFFER_FLAG_SUSPICIOUS))
        g_print ("       ⚠ %s\n", f->suspicious_reason);
    }
  if (json)
    {
      json_builder_end_array (b);
      sp_cli_print_builder (b);
    }
}

int
sp_cli_estimate (SpCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  g_auto(EstimateOptions) o = { 0 };
  g_auto(SpCliCatalog) catalog = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) detail_rows = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(SpPriceContext) ctx = NULL;
  SpWorkload workload;

  if (!parse_estimate_options (&o, &argc, &argv) || !check_combinations (&o) ||
      !build_workload (&workload, &o))
    return 1;
  ctx = sp_cli_price_context_from_options (o.currency, o.rate);
  if (ctx == NULL)
    return 1;

  /* the engine's table, no SpOffer per offer; the flags' medians over the
   * whole catalog (as `offers` flags them) */
  if (!sp_cli_catalog_load (&catalog, globals, ctx))
    return 1;
  if (!sp_estimate_check_workload (&workload, &error))
    return sp_cli_fail ("%s", error->message);
  /* token offers' tiers or off-peak prices, when the workload reads them */
  detail_rows = sp_offer_table_estimate_detail_rows (catalog.table, &workload);
  if (!sp_cli_catalog_read_details (&catalog, detail_rows))
    return 1;
  entries = sp_offer_table_estimate (catalog.table, catalog.details, &workload, ctx, NULL, &error);
  if (entries == NULL)
    return sp_cli_fail ("%s", error->message);

  print_rows (&catalog, entries, o.limit > 0 ? MIN ((guint) o.limit, entries->len) : entries->len,
              &workload, ctx, o.json);
  return 0;
}
