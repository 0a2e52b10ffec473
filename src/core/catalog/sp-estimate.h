/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-estimate.h — the workload estimator: monthly cost per matching offer
 *
 * The user describes a monthly need — N card-hours of a GPU class, N
 * core-hours, or M million input + K million output (+ Z million cached
 * input) tokens, possibly from a task preset × a request volume — and gets
 * every matching offer with its monthly cost in the display currency, ranked.
 *
 * Quantities are exact decimals in micro-units, like money:
 *     500 card-hours      = 500,000,000
 *     30 M input tokens   = 30,000,000   (micro-"Mtok": the number of tokens)
 *     2,000 tokens/second = 2,000,000,000
 * (parse them with sp_money_parse()).
 *
 * Rounding: a monthly cost is ONE exact fraction — quantity × unit price in
 * the offer's currency × the exchange rate (and, self-hosted, ÷ throughput) —
 * computed in 128-bit integers and rounded once, half away from zero, to the
 * micro-unit of the display currency.  It is never rounded in the offer's
 * currency first.  The unit prices shown next to it are each rounded once on
 * their own (they are for display; the cost is not computed from them).
 *
 * Self-hosting (rent GPUs or buy tokens?): with a throughput of T tokens per
 * second per card, a GPU offer costs  card-hour price / (T × 3600 / 10^6)
 * per 1M tokens.  Assumptions: one throughput figure covers input and output
 * tokens alike, and the cards run fully utilised (every rented hour produces
 * T × 3600 tokens).  For a token workload with T given, GPU offers are added
 * with monthly cost = (input + cached + output Mtok) × that price.
 */
#pragma once

#include <glib-object.h>

#include "sp-money.h"
#include "sp-offer.h"
#include "sp-price-context.h"

G_BEGIN_DECLS

#define SP_ESTIMATE_ERROR (sp_estimate_error_quark ())

typedef enum {
  SP_ESTIMATE_ERROR_INVALID, /* a negative or out-of-range quantity */
} SpEstimateError;

GQuark sp_estimate_error_quark (void);

typedef enum {
  SP_WORKLOAD_GPU_HOURS,  /* card-hours per month → gpu offers */
  SP_WORKLOAD_CORE_HOURS, /* core-hours per month → cpu offers */
  SP_WORKLOAD_TOKENS,     /* Mtok per month → tokens offers (+ gpu offers, self-hosted) */
} SpWorkloadKind;

/* A monthly workload.  Initialise with sp_workload_init() (all zero, no
 * filters), then fill in.  Strings are borrowed. */
typedef struct {
  SpWorkloadKind kind;

  /* GPU_HOURS / CORE_HOURS: hours per month, micro-units (500 h = 500000000) */
  gint64       hours;

  /* GPU filters (GPU_HOURS, and self-hosted rows of TOKENS):
   * @gpu_model matches the canonical gpu_model case-insensitively as a
   * prefix ending on a word boundary: "H100" matches "H100", "H100 SXM",
   * "H100 PCIe", "H100 NVL" (not "H1000"); "H100 SXM" matches only SXM.
   * NULL or "" = any.  @min_gpu_memory_gb: 0 = any. */
  const char  *gpu_model;
  guint        min_gpu_memory_gb;

  /* TOKENS: millions of tokens per month, micro-units (30 M = 30000000).
   * @input_mtok are uncached input tokens; @cached_mtok are input tokens
   * served from the vendor's prompt cache (priced at the cached-input price
   * when known, else at the input price), in addition to @input_mtok. */
  gint64       input_mtok;
  gint64       output_mtok;
  gint64       cached_mtok;
  /* TOKENS: input tokens per request, for long-context tiers: the tier with
   * the largest above_tokens < this value applies to the whole request (a
   * cliff); offers whose known context window is smaller are left out.
   * 0 = none (base rates). */
  gint64       prompt_tokens_per_request;
  /* TOKENS: self-hosting throughput, tokens per second per card, micro-units
   * (2,000 tok/s = 2000000000).  0 = no self-hosted GPU rows. */
  gint64       self_host_tokens_per_second;

  /* TOKENS: the workload runs in off-peak hours: offers with an off-peak
   * price (a time-of-day variant, e.g. DeepSeek's night discount) are
   * priced at it (base rates, no long-context tier); the others as usual. */
  gboolean     off_peak;

  /* Any kind: only offers matching this text (sp_offer_matches_search()),
   * NULL or "" = all. */
  const char  *search;
} SpWorkload;

void      sp_workload_init            (SpWorkload *workload);

/* Task presets (data): typical tokens per request; the UI lets the user edit
 * the counts. */
typedef struct {
  const char *id;            /* stable: "chat-reply", "code-change", "contract-review" */
  const char *name;          /* untranslated (N_()); use sp_task_preset_get_name() */
  gint64      input_tokens;  /* per request */
  gint64      output_tokens; /* per request */
} SpTaskPreset;

/* The built-in presets (static array); @n_presets receives the count. */
const SpTaskPreset *sp_task_presets         (guint *n_presets);
const SpTaskPreset *sp_task_preset_find     (const char *id);
/* Translated display name */
const char         *sp_task_preset_get_name (const SpTaskPreset *preset);

/* Fill the token fields of @workload (kind = TOKENS) from per-request token
 * counts × @requests_per_month: input_mtok = input_tokens × requests (in
 * micro-Mtok, i.e. tokens), output likewise, cached 0, and
 * prompt_tokens_per_request = @input_tokens.  FALSE (workload untouched) on
 * negative numbers or overflow. */
gboolean  sp_workload_set_task        (SpWorkload *workload,
                                       gint64      input_tokens,
                                       gint64      output_tokens,
                                       gint64      requests_per_month);

/* One result row. */
typedef struct {
  SpOffer  *offer;           /* (owned reference) */
  /* monthly cost in the display currency, micro-units, or SP_MONEY_UNKNOWN
   * (unknown price or overflow) */
  SpMoney   monthly_cost;
  /* the unit price used, in the display currency (each rounded once):
   * gpu: per card-hour; cpu: per core-hour; tokens: per 1M input tokens
   * (of the tier used); self-hosted gpu rows: per 1M tokens */
  SpMoney   unit_price;
  SpMoney   output_price;    /* tokens: per 1M output tokens, else SP_MONEY_UNKNOWN */
  SpMoney   cached_price;    /* tokens: per 1M cached input tokens actually charged
                                (the input price when no cached price is known),
                                else SP_MONEY_UNKNOWN */
  gboolean  self_hosted;     /* a gpu offer costed per token at the given throughput */
  gint64    tier_above_tokens; /* tokens: the long-context tier used, 0 = base rates */
  gboolean  off_peak;        /* tokens: priced at the offer's off-peak variant */
  char     *explanation;     /* translated, one line, e.g.
                                "500 card-hours × ¥22.80 per card-hour" */
} SpEstimateRow;

#define SP_TYPE_ESTIMATE_ROW (sp_estimate_row_get_type ())
GType          sp_estimate_row_get_type (void) G_GNUC_CONST;
SpEstimateRow *sp_estimate_row_copy     (const SpEstimateRow *row);
void           sp_estimate_row_free     (SpEstimateRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpEstimateRow, sp_estimate_row_free)

/* Rank @offers (element type SpOffer) for @workload: a new array of
 * SpEstimateRow* (free function set) sorted by monthly cost ascending,
 * unknown last, ties by vendor name, then name, then id.  Costs are in the
 * display currency of @ctx.  NULL with SP_ESTIMATE_ERROR_INVALID when a
 * quantity is negative. */
GPtrArray     *sp_estimate_run          (GPtrArray        *offers,
                                         const SpWorkload *workload,
                                         SpPriceContext   *ctx,
                                         GError          **error);

/* SP_ESTIMATE_ERROR_INVALID (translated) when a quantity of @workload is
 * out of range; sp_estimate_run () checks it first. */
gboolean       sp_estimate_check_workload (const SpWorkload  *workload,
                                           GError           **error);

/* The row of one offer (search and retired not looked at): NULL when it is
 * not a candidate for @workload.  sp_estimate_run () is this over every
 * offer, sorted; the offer engine's table estimate (sp-offer-table-
 * estimate.h) makes its shown rows with it. */
SpEstimateRow *sp_estimate_offer          (SpOffer          *offer,
                                           const SpWorkload *workload,
                                           SpPriceContext   *ctx);
/* The same figures into @row (its offer left NULL; the explanation only
 * when @explain): FALSE when @offer is not a candidate.  For a caller that
 * ranks many offers before it explains a few. */
gboolean       sp_estimate_offer_figures  (SpOffer          *offer,
                                           const SpWorkload *workload,
                                           SpPriceContext   *ctx,
                                           gboolean          explain,
                                           SpEstimateRow    *row);
/* TRUE when the figure of an offer of @kind for @workload reads what only
 * the whole offer has: a token offer's long-context tiers and context
 * window (with prompt tokens per request) or off-peak variant (off-peak). */
gboolean       sp_estimate_needs_detail   (const SpWorkload *workload,
                                           SpOfferKind       kind);

/* TRUE when @offer (a gpu offer) matches the model filter described in
 * SpWorkload (NULL/"" matches every offer). */
gboolean       sp_estimate_gpu_model_matches (SpOffer *offer, const char *gpu_model);

/* A gpu offer's self-hosted price per 1M tokens in the display currency at
 * @tokens_per_second (micro-units) per card:
 *     card-hour price × 10^6 / (T × 3600), converted, rounded once.
 * SP_MONEY_UNKNOWN when the price is unknown, T ≤ 0 or not a gpu offer. */
SpMoney        sp_estimate_self_host_price (SpOffer        *offer,
                                            gint64          tokens_per_second,
                                            SpPriceContext *ctx);

/* "¥22.80", "$2.99", "0.50 EUR" (at least two decimals, trailing zeros
 * trimmed; "—" for SP_MONEY_UNKNOWN). */
char          *sp_estimate_format_money (SpMoney     value,
                                         const char *currency);
/* A monthly cost, an amount: "¥46.94" (rounded once, half up, to the fen;
 * "—" for SP_MONEY_UNKNOWN).  Ranking uses the exact value. */
char          *sp_estimate_format_amount (SpMoney     value,
                                          const char *currency);

G_END_DECLS
