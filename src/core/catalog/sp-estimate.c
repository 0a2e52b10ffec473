/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-estimate.c — the workload estimator
 *
 * Every monthly cost is one exact fraction, rounded once (see sp-estimate.h):
 *
 *   gpu / cpu    hours × price × mul / (10^6 × div)
 *   tokens       (in × p_in + out × p_out + cached × p_cached) × mul / (10^6 × div)
 *   self-hosted  tokens × price × 10^6 × mul / (T × 3600 × div)
 *
 * with quantities and prices in micro-units and mul/div the exchange factor
 * from the offer's currency to the display currency (1/1, rate/10^6 for
 * USD → CNY, 10^6/rate for CNY → USD).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-estimate.h"
#include "sp-offer-private.h"
#include "sp-offer-query.h"

#define SECONDS_PER_HOUR G_GINT64_CONSTANT (3600)

G_DEFINE_QUARK (sp-estimate-error-quark, sp_estimate_error)
G_DEFINE_BOXED_TYPE (SpEstimateRow, sp_estimate_row, sp_estimate_row_copy, sp_estimate_row_free)

static const SpTaskPreset task_presets[] = {
  { "chat-reply", N_("Chat reply"), 1500, 400 },
  { "code-change", N_("Code change"), 12000, 1500 },
  { "contract-review", N_("Contract review"), 30000, 2000 },
};

/* ---------------------------------------------------------------- exact arithmetic */

static gint64
gcd64 (gint64 a,
       gint64 b)
{
  while (b != 0)
    {
      gint64 t = a % b;
      a = b;
      b = t;
    }
  return a;
}

/* round half away from zero (num × Π mul[i]) / Π div[j]; every mul and div
 * factor > 0.  Common factors are cancelled first.  SP_MONEY_UNKNOWN on
 * overflow or a result outside gint64. */
static SpMoney
exact_ratio (SpInt128      num,
             const gint64 *mul_in,
             guint         n_mul,
             const gint64 *div_in,
             guint         n_div)
{
  gint64 mul[4], div[4];
  SpInt128 n = num, d = 1;
  SpUInt128 mag, q, r;
  gboolean negative;

  g_assert (n_mul <= G_N_ELEMENTS (mul) && n_div <= G_N_ELEMENTS (div));
  memcpy (mul, mul_in, n_mul * sizeof (gint64));
  memcpy (div, div_in, n_div * sizeof (gint64));

  for (guint i = 0; i < n_mul; i++)
    for (guint j = 0; j < n_div; j++)
      {
        gint64 g = gcd64 (mul[i], div[j]);
        if (g > 1)
          {
            mul[i] /= g;
            div[j] /= g;
          }
      }

  for (guint i = 0; i < n_mul; i++)
    if (__builtin_mul_overflow (n, (SpInt128) mul[i], &n))
      return SP_MONEY_UNKNOWN;
  for (guint j = 0; j < n_div; j++)
    if (__builtin_mul_overflow (d, (SpInt128) div[j], &d))
      return SP_MONEY_UNKNOWN;
  g_assert (d > 0);

  negative = n < 0;
  mag = negative ? -(SpUInt128) n : (SpUInt128) n;
  q = mag / (SpUInt128) d;
  r = mag % (SpUInt128) d;
  if (r >= (SpUInt128) d - r)
    q++;
  if (q > (SpUInt128) G_MAXINT64)
    return SP_MONEY_UNKNOWN;
  return negative ? -(SpMoney) q : (SpMoney) q;
}

/* The factor mul/div from @from to the display currency of @ctx (the same
 * rule as SpPriceContext).  FALSE when there is no rate. */
static gboolean
conversion_factor (SpPriceContext *ctx,
                   const char     *from,
                   gint64         *mul,
                   gint64         *div)
{
  const char *to = sp_price_context_get_currency (ctx);
  SpMoney rate = sp_price_context_get_usd_cny (ctx);

  if (from == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (from, to) == 0)
    {
      *mul = 1;
      *div = 1;
      return TRUE;
    }
  if (g_ascii_strcasecmp (from, "USD") == 0 && g_str_equal (to, "CNY"))
    {
      *mul = rate;
      *div = SP_MONEY_SCALE;
      return TRUE;
    }
  if (g_ascii_strcasecmp (from, "CNY") == 0 && g_str_equal (to, "USD"))
    {
      *mul = SP_MONEY_SCALE;
      *div = rate;
      return TRUE;
    }
  return FALSE;
}

/* ---------------------------------------------------------------- formatting */

char *
sp_estimate_format_money (SpMoney     value,
                          const char *currency)
{
  return sp_money_format_or_dash (value, currency, SP_MONEY_STYLE_PRICE);
}

char *
sp_estimate_format_amount (SpMoney     value,
                           const char *currency)
{
  return sp_money_format_or_dash (value, currency, SP_MONEY_STYLE_AMOUNT);
}

/* A quantity in micro-units as plain decimal text: "500", "0.5" */
static char *
format_quantity (gint64 value)
{
  return sp_money_to_string (value, 0);
}

/* ", at 7.2 CNY per USD" when the offer's currency is converted, else "" */
static char *
conversion_note (SpPriceContext *ctx,
                 const char     *from)
{
  g_autofree char *rate = NULL;

  if (from == NULL || g_ascii_strcasecmp (from, sp_price_context_get_currency (ctx)) == 0)
    return g_strdup ("");
  rate = sp_money_to_string (sp_price_context_get_usd_cny (ctx), 0);
  /* Translators: appended to a cost explanation; %s is an exchange rate ("7.2") */
  return g_strdup_printf (_(", at %s CNY per USD"), rate);
}

/* ---------------------------------------------------------------- workload and presets */

void
sp_workload_init (SpWorkload *workload)
{
  g_return_if_fail (workload != NULL);

  memset (workload, 0, sizeof *workload);
  workload->kind = SP_WORKLOAD_GPU_HOURS;
}

const SpTaskPreset *
sp_task_presets (guint *n_presets)
{
  if (n_presets != NULL)
    *n_presets = G_N_ELEMENTS (task_presets);
  return task_presets;
}

const SpTaskPreset *
sp_task_preset_find (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (task_presets); i++)
    if (g_strcmp0 (task_presets[i].id, id) == 0)
      return &task_presets[i];
  return NULL;
}

const char *
sp_task_preset_get_name (const SpTaskPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  return _(preset->name);
}

gboolean
sp_workload_set_task (SpWorkload *workload,
                      gint64      input_tokens,
                      gint64      output_tokens,
                      gint64      requests_per_month)
{
  gint64 in, out;

  g_return_val_if_fail (workload != NULL, FALSE);

  if (input_tokens < 0 || output_tokens < 0 || requests_per_month < 0)
    return FALSE;
  /* N tokens = N micro-Mtok */
  if (__builtin_mul_overflow (input_tokens, requests_per_month, &in) ||
      __builtin_mul_overflow (output_tokens, requests_per_month, &out) ||
      in > SP_MONEY_MAX || out > SP_MONEY_MAX)
    return FALSE;

  workload->kind = SP_WORKLOAD_TOKENS;
  workload->input_mtok = in;
  workload->output_mtok = out;
  workload->cached_mtok = 0;
  workload->prompt_tokens_per_request = input_tokens;
  return TRUE;
}

/* ---------------------------------------------------------------- rows */

SpEstimateRow *
sp_estimate_row_copy (const SpEstimateRow *row)
{
  SpEstimateRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_new0 (SpEstimateRow, 1);
  *copy = *row;
  copy->offer = row->offer ? g_object_ref (row->offer) : NULL;
  copy->explanation = g_strdup (row->explanation);
  return copy;
}

void
sp_estimate_row_free (SpEstimateRow *row)
{
  if (row == NULL)
    return;
  g_clear_object (&row->offer);
  g_free (row->explanation);
  g_free (row);
}

/* No figure yet: every price unknown, no offer, no explanation */
static void
row_init (SpEstimateRow *row)
{
  memset (row, 0, sizeof *row);
  row->monthly_cost = SP_MONEY_UNKNOWN;
  row->unit_price = SP_MONEY_UNKNOWN;
  row->output_price = SP_MONEY_UNKNOWN;
  row->cached_price = SP_MONEY_UNKNOWN;
}

static int
compare_rows (gconstpointer pa,
              gconstpointer pb)
{
  const SpEstimateRow *a = *(SpEstimateRow * const *) pa;
  const SpEstimateRow *b = *(SpEstimateRow * const *) pb;
  int c;

  if ((c = sp_money_compare_unknown_last (a->monthly_cost, b->monthly_cost)) != 0)
    return c;
  if ((c = g_strcmp0 (a->offer->vendor_name, b->offer->vendor_name)) != 0)
    return c;
  if ((c = g_strcmp0 (a->offer->name, b->offer->name)) != 0)
    return c;
  if ((c = g_strcmp0 (a->offer->id, b->offer->id)) != 0)
    return c;
  /* a token row before a self-hosted row of the same offer (cannot happen:
   * they are different kinds), kept total for a stable order */
  return (int) a->self_hosted - (int) b->self_hosted;
}

/* ---------------------------------------------------------------- matching */

gboolean
sp_estimate_gpu_model_matches (SpOffer    *offer,
                               const char *gpu_model)
{
  const char *want;
  gsize len;

  g_return_val_if_fail (SP_IS_OFFER (offer), FALSE);

  want = sp_gpu_model_canonical (gpu_model);   /* NULL for NULL or blank */
  if (want == NULL)
    return TRUE;
  if (offer->gpu_model == NULL)
    return FALSE;
  len = strlen (want);
  return g_ascii_strncasecmp (offer->gpu_model, want, len) == 0 &&
         (offer->gpu_model[len] == '\0' || offer->gpu_model[len] == ' ');
}

static gboolean
gpu_offer_matches (SpOffer          *offer,
                   const SpWorkload *workload)
{
  if (offer->kind != SP_OFFER_KIND_GPU)
    return FALSE;
  if (!sp_estimate_gpu_model_matches (offer, workload->gpu_model))
    return FALSE;
  if (workload->min_gpu_memory_gb > 0 && offer->gpu_memory_gb < workload->min_gpu_memory_gb)
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------- costs */

/* gpu or cpu offer: hours × price per hour (the explanation only when
 * @explain) */
static void
estimate_hours (SpOffer          *offer,
                const SpWorkload *workload,
                SpPriceContext   *ctx,
                gboolean          explain,
                SpEstimateRow    *row)
{
  gint64 mul, div;
  g_autofree char *hours = NULL;
  g_autofree char *price = NULL;
  g_autofree char *note = NULL;

  row->unit_price = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
  if (offer->price != SP_MONEY_UNKNOWN && conversion_factor (ctx, offer->currency, &mul, &div))
    {
      gint64 muls[] = { mul };
      gint64 divs[] = { SP_MONEY_SCALE, div };

      row->monthly_cost = exact_ratio ((SpInt128) workload->hours * offer->price,
                                       muls, G_N_ELEMENTS (muls), divs, G_N_ELEMENTS (divs));
    }

  if (!explain)
    return;
  hours = format_quantity (workload->hours);
  price = sp_estimate_format_money (offer->price, offer->currency);
  note = conversion_note (ctx, offer->currency);
  if (offer->price == SP_MONEY_UNKNOWN)
    row->explanation = g_strdup (_("The price of this offer is not known."));
  else if (offer->kind == SP_OFFER_KIND_GPU)
    /* Translators: 1: a number of hours, 2: a price ("¥22.80"), 3: ", at 7.2 CNY per USD" or nothing */
    row->explanation = g_strdup_printf (_("%s card-hours × %s per card-hour%s"), hours, price, note);
  else
    /* Translators: 1: a number of hours, 2: a price ("¥0.12"), 3: ", at 7.2 CNY per USD" or nothing */
    row->explanation = g_strdup_printf (_("%s core-hours × %s per core-hour%s"), hours, price, note);
}

/* The rates a token workload is priced at: the listed ones, the off-peak
 * variant's when asked for, or the long-context tier the prompt falls in;
 * cached input at the input rate when the offer has none. */
typedef struct {
  SpMoney               input;
  SpMoney               output;
  SpMoney               cached;
  gint64                tier_above;  /* 0: no tier */
  const SpPriceVariant *off_peak;    /* NULL: not off-peak */
} TokenRates;

static void
token_rates (SpOffer          *offer,
             const SpWorkload *workload,
             TokenRates       *r)
{
  *r = (TokenRates) { offer->input_price, offer->output_price, offer->cached_input_price, 0,
                      workload->off_peak ? sp_offer_get_off_peak (offer) : NULL };
  if (r->off_peak != NULL)
    {
      r->input = r->off_peak->input != SP_MONEY_UNKNOWN ? r->off_peak->input : r->input;
      r->output = r->off_peak->output != SP_MONEY_UNKNOWN ? r->off_peak->output : r->output;
      r->cached = r->off_peak->cached_input;
    }
  else if (workload->prompt_tokens_per_request > 0 && offer->tiers != NULL)
    for (guint i = 0; i < offer->tiers->len; i++)
      {
        const SpTokenTier *tier = &g_array_index (offer->tiers, SpTokenTier, i);

        if (workload->prompt_tokens_per_request > tier->above_tokens)
          {
            r->tier_above = tier->above_tokens;
            r->input = tier->input;
            r->output = tier->output;
            r->cached = tier->cached_input;
          }
      }
  if (r->cached == SP_MONEY_UNKNOWN)
    r->cached = r->input;
}

/* input × rate + output × rate + cached × rate, converted and rounded once;
 * SP_MONEY_UNKNOWN on overflow or without a conversion. */
static SpMoney
token_monthly_cost (SpOffer          *offer,
                    const SpWorkload *workload,
                    const TokenRates *r,
                    SpPriceContext   *ctx)
{
  gint64 mul, div;

  if (r->input != SP_MONEY_UNKNOWN && r->output != SP_MONEY_UNKNOWN &&
      conversion_factor (ctx, offer->currency, &mul, &div))
    {
      gint64 muls[] = { mul };
      gint64 divs[] = { SP_MONEY_SCALE, div };
      /* each product < 2^126: quantities and prices are < 2^63 */
      SpInt128 sum;
      SpInt128 a = (SpInt128) workload->input_mtok * r->input;
      SpInt128 b = (SpInt128) workload->output_mtok * r->output;
      SpInt128 c = (SpInt128) workload->cached_mtok * r->cached;

      if (!__builtin_add_overflow (a, b, &sum) && !__builtin_add_overflow (sum, c, &sum))
        return exact_ratio (sum, muls, G_N_ELEMENTS (muls), divs, G_N_ELEMENTS (divs));
    }
  return SP_MONEY_UNKNOWN;
}

/* "30 M input × $2.50 + 8 M output × $10.00 per 1M tokens" */
static char *
token_explanation (SpOffer          *offer,
                   const SpWorkload *workload,
                   const TokenRates *r,
                   SpPriceContext   *ctx)
{
  GString *text = g_string_new (NULL);
  g_autofree char *qi = format_quantity (workload->input_mtok);
  g_autofree char *qo = format_quantity (workload->output_mtok);
  g_autofree char *pi = sp_estimate_format_money (r->input, offer->currency);
  g_autofree char *po = sp_estimate_format_money (r->output, offer->currency);
  g_autofree char *note = NULL;

  /* Translators: 1: millions of input tokens, 2: price per 1M, 3: millions of output tokens, 4: price per 1M */
  g_string_append_printf (text, _("%s M input × %s + %s M output × %s"), qi, pi, qo, po);
  if (workload->cached_mtok > 0)
    {
      g_autofree char *qc = format_quantity (workload->cached_mtok);
      g_autofree char *pc = sp_estimate_format_money (r->cached, offer->currency);

      /* Translators: 1: millions of cached input tokens, 2: price per 1M */
      g_string_append_printf (text, _(" + %s M cached × %s"), qc, pc);
    }
  g_string_append (text, _(" per 1M tokens"));
  if (r->tier_above > 0)
    {
      g_autofree char *above = g_strdup_printf ("%" G_GINT64_FORMAT, r->tier_above);
      /* Translators: %s is a number of tokens */
      g_string_append_printf (text, _(" (long-context rates above %s tokens)"), above);
    }
  if (r->off_peak != NULL)
    {
      char start[6], end[6];

      /* Translators: 1, 2: times of day ("16:30", "00:30") */
      g_string_append_printf (text, _(" (off-peak price, %s–%s UTC)"),
                              sp_variant_format_minute (r->off_peak->start, start),
                              sp_variant_format_minute (r->off_peak->end, end));
    }
  note = conversion_note (ctx, offer->currency);
  g_string_append (text, note);
  return g_string_free (text, FALSE);
}

/* FALSE when the offer is no candidate (no input/output price, or the
 * request does not fit its context window) */
static gboolean
estimate_tokens (SpOffer          *offer,
                 const SpWorkload *workload,
                 SpPriceContext   *ctx,
                 gboolean          explain,
                 SpEstimateRow    *row)
{
  TokenRates r;

  if (offer->input_price == SP_MONEY_UNKNOWN || offer->output_price == SP_MONEY_UNKNOWN)
    return FALSE;
  if (workload->prompt_tokens_per_request > 0 && offer->context_window > 0 &&
      workload->prompt_tokens_per_request > offer->context_window)
    return FALSE;

  token_rates (offer, workload, &r);
  row->tier_above_tokens = r.tier_above;
  row->off_peak = r.off_peak != NULL;
  row->unit_price = sp_price_context_convert (ctx, r.input, offer->currency);
  row->output_price = sp_price_context_convert (ctx, r.output, offer->currency);
  row->cached_price = sp_price_context_convert (ctx, r.cached, offer->currency);
  row->monthly_cost = token_monthly_cost (offer, workload, &r, ctx);
  if (explain)
    row->explanation = token_explanation (offer, workload, &r, ctx);
  return TRUE;
}

SpMoney
sp_estimate_self_host_price (SpOffer        *offer,
                             gint64          tokens_per_second,
                             SpPriceContext *ctx)
{
  gint64 mul, div;

  g_return_val_if_fail (SP_IS_OFFER (offer), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), SP_MONEY_UNKNOWN);

  if (offer->kind != SP_OFFER_KIND_GPU || offer->price == SP_MONEY_UNKNOWN ||
      tokens_per_second <= 0 || !conversion_factor (ctx, offer->currency, &mul, &div))
    return SP_MONEY_UNKNOWN;

  {
    /* price × 10^6 (per 1M tokens) × 10^6 (T is in micro-units) × mul / (T × 3600 × div) */
    gint64 muls[] = { SP_MONEY_SCALE, SP_MONEY_SCALE, mul };
    gint64 divs[] = { tokens_per_second, SECONDS_PER_HOUR, div };

    return exact_ratio (offer->price, muls, G_N_ELEMENTS (muls), divs, G_N_ELEMENTS (divs));
  }
}

/* gpu offer costed per token at the workload's throughput */
static void
estimate_self_host (SpOffer          *offer,
                    const SpWorkload *workload,
                    SpPriceContext   *ctx,
                    gboolean          explain,
                    SpEstimateRow    *row)
{
  gint64 mul, div;
  SpInt128 tokens = (SpInt128) workload->input_mtok + workload->output_mtok + workload->cached_mtok;
  const char *display = sp_price_context_get_currency (ctx);

  row->self_hosted = TRUE;
  row->unit_price = sp_estimate_self_host_price (offer, workload->self_host_tokens_per_second, ctx);

  if (offer->price != SP_MONEY_UNKNOWN && conversion_factor (ctx, offer->currency, &mul, &div))
    {
      /* tokens (micro-Mtok) × price × 10^6 × mul / (T × 3600 × div) */
      gint64 muls[] = { SP_MONEY_SCALE, mul };
      gint64 divs[] = { workload->self_host_tokens_per_second, SECONDS_PER_HOUR, div };
      SpInt128 num;

      if (!__builtin_mul_overflow (tokens, (SpInt128) offer->price, &num))
        row->monthly_cost = exact_ratio (num, muls, G_N_ELEMENTS (muls), divs, G_N_ELEMENTS (divs));
    }

  if (!explain)
    return;
  if (offer->price == SP_MONEY_UNKNOWN)
    row->explanation = g_strdup (_("The price of this offer is not known."));
  else
    {
      g_autofree char *price = sp_estimate_format_money (offer->price, offer->currency);
      g_autofree char *tps = format_quantity (workload->self_host_tokens_per_second);
      g_autofree char *per_m = sp_estimate_format_money (row->unit_price, display);
      g_autofree char *total = format_quantity ((gint64) MIN (tokens, (SpInt128) G_MAXINT64));

      /* Translators: 1: price per card-hour, 2: tokens per second, 3: price per 1M tokens,
       * 4: millions of tokens */
      row->explanation = g_strdup_printf (_("Self-hosted: %s per card-hour at %s tokens/s per card "
                                            "= %s per 1M tokens × %s M tokens (full utilisation)"),
                                          price, tps, per_m, total);
    }
}

/* ---------------------------------------------------------------- public */

static gboolean
check_quantity (gint64       value,
                const char  *what,
                GError     **error)
{
  if (value < 0 || value > SP_MONEY_MAX)
    {
      /* Translators: %s names a quantity, e.g. "card-hours" */
      g_set_error (error, SP_ESTIMATE_ERROR, SP_ESTIMATE_ERROR_INVALID,
                   _("The number of %s must be between 0 and 10^12."), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_estimate_check_workload (const SpWorkload  *workload,
                            GError           **error)
{
  g_return_val_if_fail (workload != NULL, FALSE);

  switch (workload->kind)
    {
    case SP_WORKLOAD_GPU_HOURS:
      return check_quantity (workload->hours, _("card-hours"), error);
    case SP_WORKLOAD_CORE_HOURS:
      return check_quantity (workload->hours, _("core-hours"), error);
    case SP_WORKLOAD_TOKENS:
      return check_quantity (workload->input_mtok, _("input tokens"), error) &&
             check_quantity (workload->output_mtok, _("output tokens"), error) &&
             check_quantity (workload->cached_mtok, _("cached tokens"), error) &&
             check_quantity (workload->prompt_tokens_per_request, _("tokens per request"), error) &&
             check_quantity (workload->self_host_tokens_per_second, _("tokens per second"), error);
    default:
      g_set_error_literal (error, SP_ESTIMATE_ERROR, SP_ESTIMATE_ERROR_INVALID,
                           _("Unknown kind of workload."));
      return FALSE;
    }
}

gboolean
sp_estimate_needs_detail (const SpWorkload *workload,
                          SpOfferKind       kind)
{
  g_return_val_if_fail (workload != NULL, FALSE);

  return kind == SP_OFFER_KIND_TOKENS && workload->kind == SP_WORKLOAD_TOKENS &&
         (workload->off_peak || workload->prompt_tokens_per_request > 0);
}

gboolean
sp_estimate_offer_figures (SpOffer          *offer,
                           const SpWorkload *workload,
                           SpPriceContext   *ctx,
                           gboolean          explain,
                           SpEstimateRow    *row)
{
  row_init (row);
  switch (workload->kind)
    {
    case SP_WORKLOAD_GPU_HOURS:
      if (!gpu_offer_matches (offer, workload))
        return FALSE;
      estimate_hours (offer, workload, ctx, explain, row);
      return TRUE;
    case SP_WORKLOAD_CORE_HOURS:
      if (offer->kind != SP_OFFER_KIND_CPU)
        return FALSE;
      estimate_hours (offer, workload, ctx, explain, row);
      return TRUE;
    case SP_WORKLOAD_TOKENS:
    default:
      if (offer->kind == SP_OFFER_KIND_TOKENS)
        return estimate_tokens (offer, workload, ctx, explain, row);
      if (workload->self_host_tokens_per_second > 0 && gpu_offer_matches (offer, workload))
        {
          estimate_self_host (offer, workload, ctx, explain, row);
          return TRUE;
        }
      return FALSE;
    }
}

SpEstimateRow *
sp_estimate_offer (SpOffer          *offer,
                   const SpWorkload *workload,
                   SpPriceContext   *ctx)
{
  SpEstimateRow row;

  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  g_return_val_if_fail (workload != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  if (!sp_estimate_offer_figures (offer, workload, ctx, TRUE, &row))
    return NULL;
  row.offer = g_object_ref (offer);
  return g_memdup2 (&row, sizeof row);
}

GPtrArray *
sp_estimate_run (GPtrArray        *offers,
                 const SpWorkload *workload,
                 SpPriceContext   *ctx,
                 GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (offers != NULL, NULL);
  g_return_val_if_fail (workload != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sp_estimate_check_workload (workload, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_estimate_row_free);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      SpEstimateRow *row;

      if (!sp_offer_matches_search (offer, workload->search))
        continue;
      /* off sale: nothing to buy */
      if (sp_offer_get_retired (offer))
        continue;
      row = sp_estimate_offer (offer, workload, ctx);
      if (row != NULL)
        g_ptr_array_add (rows, row);
    }

  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}
