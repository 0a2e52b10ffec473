/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-estimate.c — the workload estimator, equivalence groups and warnings
 *
 * Every expected figure is computed by hand in the comments. */
#include "config.h"

#include <string.h>

#include "sp-core.h"
#include "sp-estimate.h"
#include "sp-offer-private.h"
#include "sp-suspicious.h"
#include "sp-test-util.h"

#define M(units) ((SpMoney) (units) * SP_MONEY_SCALE)

/* The demo catalog's offers (a new array each call). */
static GPtrArray *
demo_offers (void)
{
  g_autoptr(GBytes) bytes = sp_core_dup_demo_feed ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return sp_test_parse_offers (data, len);
}

static SpOffer *
gpu_offer (const char *id,
           const char *vendor,
           const char *gpu_model,
           guint       memory_gb,
           const char *currency,
           SpMoney     price)
{
  SpOffer *o = sp_offer_new ();

  o->id = g_strdup (id);
  o->source = g_intern_string ("test");
  o->vendor_id = g_intern_string (vendor);
  o->vendor_name = g_intern_string (vendor);
  o->kind = SP_OFFER_KIND_GPU;
  o->name = g_strdup_printf ("%s %s", vendor, id);
  o->gpu_model = sp_gpu_model_canonical (gpu_model);
  o->gpu_count = 1;
  o->gpu_memory_gb = memory_gb;
  o->currency = g_intern_string (currency);
  o->price = price;
  return o;
}

static SpEstimateRow *
find_row (GPtrArray  *rows,
          const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      SpEstimateRow *row = g_ptr_array_index (rows, i);
      if (g_strcmp0 (sp_offer_get_id (row->offer), id) == 0)
        return row;
    }
  return NULL;
}

static GPtrArray *
run (GPtrArray        *offers,
     const SpWorkload *w,
     SpPriceContext   *ctx)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = sp_estimate_run (offers, w, ctx, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_ranked (GPtrArray *rows)
{
  for (guint i = 1; i < rows->len; i++)
    {
      SpEstimateRow *a = g_ptr_array_index (rows, i - 1);
      SpEstimateRow *b = g_ptr_array_index (rows, i);

      if (b->monthly_cost == SP_MONEY_UNKNOWN)
        continue;
      g_assert_true (a->monthly_cost != SP_MONEY_UNKNOWN);
      g_assert_cmpint (a->monthly_cost, <=, b->monthly_cost);
    }
}

/* ---------------------------------------------------------------- GPU */

static void
test_gpu_hours (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  SpEstimateRow *row;
  SpWorkload w;

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_GPU_HOURS;
  w.hours = M (500);
  w.gpu_model = "H100 SXM";
  rows = run (offers, &w, ctx);

  /* six H100 SXM offers in the demo; ranked:
   * 5.80 → 2,900; 18.60 → 9,300; 19.90 → 9,950; $2.99 × 500 = $1,495 × 7.2 = 10,764;
   * 22.80 → 11,400; 24.50 → 12,250 */
  g_assert_cmpuint (rows->len, ==, 6);
  assert_ranked (rows);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (sp_offer_get_id (row->offer), ==, "demo-rs-h100-sxm-internal");
  g_assert_cmpint (row->monthly_cost, ==, M (2900));

  row = find_row (rows, "demo-hz-h100-sxm-8x");
  g_assert_nonnull (row);
  g_assert_cmpint (row->monthly_cost, ==, M (11400));
  g_assert_cmpint (row->unit_price, ==, 22800000);
  g_assert_false (row->self_hosted);
  g_assert_cmpstr (row->explanation, ==, "500 card-hours × ¥22.80 per card-hour");

  row = find_row (rows, "demo-gl-h100-sxm-8x");
  g_assert_nonnull (row);
  g_assert_cmpint (row->monthly_cost, ==, M (10764));
  g_assert_cmpint (row->unit_price, ==, 21528000);   /* 2.99 × 7.2 */
  g_assert_nonnull (strstr (row->explanation, "$2.99"));
  g_assert_nonnull (strstr (row->explanation, "7.2 CNY per USD"));
  g_assert_cmpint (((SpEstimateRow *) g_ptr_array_index (rows, 3))->monthly_cost, ==, M (10764));
  g_assert_cmpint (((SpEstimateRow *) g_ptr_array_index (rows, 5))->monthly_cost, ==, M (12250));

  /* in dollars: ¥22.80 × 500 = ¥11,400 / 7.2 = $1,583.333333… → 1583333333 */
  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = run (offers, &w, ctx);
  g_assert_cmpint (find_row (rows, "demo-hz-h100-sxm-8x")->monthly_cost, ==, 1583333333);
  g_assert_cmpint (find_row (rows, "demo-gl-h100-sxm-8x")->monthly_cost, ==, M (1495));
}

/* The cost is rounded once, never first in the offer's currency. */
static void
test_rounded_once (void)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  SpWorkload w;

  g_ptr_array_add (offers, gpu_offer ("usd", "V", "H100 SXM", 80, "USD", 2990000));
  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_GPU_HOURS;
  w.hours = 333333;   /* 0.333333 card-hours */
  rows = run (offers, &w, ctx);
  g_assert_cmpuint (rows->len, ==, 1);
  /* exact: 0.333333 × 2.99 × 7.2 = 7.175992824 → 7.175993.
   * Rounding in dollars first would give 0.996666 × 7.2 = 7.1759952 → 7.175995. */
  g_assert_cmpint (((SpEstimateRow *) g_ptr_array_index (rows, 0))->monthly_cost, ==, 7175993);
}

static void
test_gpu_model_filter (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  struct { const char *model; guint min_memory; guint expected; } cases[] = {
    { "H100 SXM", 0, 6 },
    { "h100-sxm5", 0, 6 },  /* folded to the canonical "H100 SXM" */
    { "h100 sxm", 0, 6 },   /* case-insensitive */
    { "H100", 0, 9 },       /* 6 SXM + 2 PCIe + 1 NVL */
    { "H100 PCIe", 0, 2 },
    { "H10", 0, 0 },        /* a prefix only on a word boundary */
    { "A100", 0, 3 },       /* "A100 80GB" ×3 (one spelled "A100-80GB") */
    { "H100", 90, 1 },      /* only the NVL has 94 GB */
    { NULL, 0, 22 },        /* every gpu offer */
    { "", 64, 17 },         /* 22 minus two L40S (48 GB) and three RTX 4090 (24 GB) */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      SpWorkload w;

      sp_workload_init (&w);
      w.kind = SP_WORKLOAD_GPU_HOURS;
      w.hours = M (1);
      w.gpu_model = cases[i].model;
      w.min_gpu_memory_gb = cases[i].min_memory;
      rows = run (offers, &w, ctx);
      g_test_message ("model “%s”, ≥ %u GB", cases[i].model ? cases[i].model : "(any)",
                      cases[i].min_memory);
      g_assert_cmpuint (rows->len, ==, cases[i].expected);
      for (guint j = 0; j < rows->len; j++)
        {
          SpEstimateRow *row = g_ptr_array_index (rows, j);

          g_assert_cmpint (sp_offer_get_kind (row->offer), ==, SP_OFFER_KIND_GPU);
          g_assert_cmpuint (sp_offer_get_gpu_memory_gb (row->offer), >=, cases[i].min_memory);
        }
    }

  {
    g_autoptr(SpOffer) sxm = gpu_offer ("a", "V", "H100 SXM", 80, "CNY", M (1));
    g_autoptr(SpOffer) bare = gpu_offer ("b", "V", "H100", 80, "CNY", M (1));
    g_autoptr(SpOffer) h1000 = gpu_offer ("c", "V", "H1000", 80, "CNY", M (1));

    g_assert_true (sp_estimate_gpu_model_matches (sxm, "H100"));
    g_assert_true (sp_estimate_gpu_model_matches (bare, "H100"));
    g_assert_false (sp_estimate_gpu_model_matches (bare, "H100 SXM"));
    g_assert_false (sp_estimate_gpu_model_matches (h1000, "H100"));
    g_assert_true (sp_estimate_gpu_model_matches (h1000, NULL));
    g_assert_true (sp_estimate_gpu_model_matches (h1000, "  "));
  }
}

static void
test_ranking (void)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  SpWorkload w;
  const char *expected[] = { "cheap", "tie-a", "tie-b", "dear", "unknown" };

  g_ptr_array_add (offers, gpu_offer ("unknown", "A", "L4", 24, "CNY", SP_MONEY_UNKNOWN));
  g_ptr_array_add (offers, gpu_offer ("tie-b", "Bvendor", "L4", 24, "CNY", M (3)));
  g_ptr_array_add (offers, gpu_offer ("dear", "A", "L4", 24, "CNY", M (9)));
  g_ptr_array_add (offers, gpu_offer ("tie-a", "Avendor", "L4", 24, "CNY", M (3)));
  g_ptr_array_add (offers, gpu_offer ("cheap", "Z", "L4", 24, "USD", 100000)); /* $0.10 = ¥0.72 */

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_GPU_HOURS;
  w.hours = M (10);
  rows = run (offers, &w, ctx);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (sp_offer_get_id (((SpEstimateRow *) g_ptr_array_index (rows, i))->offer), ==, expected[i]);
  g_assert_cmpint (((SpEstimateRow *) g_ptr_array_index (rows, 0))->monthly_cost, ==, 7200000);
  g_assert_cmpint (((SpEstimateRow *) g_ptr_array_index (rows, 4))->monthly_cost, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (((SpEstimateRow *) g_ptr_array_index (rows, 4))->unit_price, ==, SP_MONEY_UNKNOWN);
}

static void
test_bad_workload (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  GPtrArray *rows;
  SpWorkload w;

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_GPU_HOURS;
  w.hours = -1;
  rows = sp_estimate_run (offers, &w, ctx, &error);
  g_assert_null (rows);
  g_assert_error (error, SP_ESTIMATE_ERROR, SP_ESTIMATE_ERROR_INVALID);

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_TOKENS;
  w.input_mtok = M (1);
  w.output_mtok = -M (1);
  rows = sp_estimate_run (offers, &w, ctx, &error2);
  g_assert_null (rows);
  g_assert_error (error2, SP_ESTIMATE_ERROR, SP_ESTIMATE_ERROR_INVALID);
}

/* ---------------------------------------------------------------- CPU */

static void
test_core_hours (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  SpWorkload w;
  /* 1,000 core-hours: 0.087513 → 87.513; 0.12 → 120; 0.145833 → 145.833;
   * $0.021 → $21 × 7.2 = 151.20 */
  struct { const char *id; SpMoney cost; } expected[] = {
    { "demo-wl-cpu-compute-32c-spot", 87513000 },
    { "demo-hz-cpu-general-8c", M (120) },
    { "demo-nb-cpu-shared-half", 145833000 },
    { "demo-gl-cpu-general-4c", 151200000 },
  };

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_CORE_HOURS;
  w.hours = M (1000);
  rows = run (offers, &w, ctx);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SpEstimateRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (sp_offer_get_id (row->offer), ==, expected[i].id);
      g_assert_cmpint (row->monthly_cost, ==, expected[i].cost);
      g_assert_cmpint (sp_offer_get_kind (row->offer), ==, SP_OFFER_KIND_CPU);
    }
  g_assert_cmpstr (((SpEstimateRow *) g_ptr_array_index (rows, 1))->explanation, ==,
                   "1000 core-hours × ¥0.12 per core-hour");
}

/* ---------------------------------------------------------------- tokens */

static void
test_tokens (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rows2 = NULL;
  SpEstimateRow *row;
  SpWorkload w;

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_TOKENS;
  w.input_mtok = M (30);
  w.output_mtok = M (8);
  rows = run (offers, &w, ctx);
  /* 11 token offers in the demo, all with input and output prices; no gpu rows */
  g_assert_cmpuint (rows->len, ==, 11);
  assert_ranked (rows);

  /* 30 × $2.50 + 8 × $10.00 = $155 × 7.2 = ¥1,116 */
  row = find_row (rows, "demo-us-gpt-4o-class");
  g_assert_nonnull (row);
  g_assert_cmpint (row->monthly_cost, ==, M (1116));
  g_assert_cmpint (row->unit_price, ==, M (18));          /* 2.5 × 7.2 */
  g_assert_cmpint (row->output_price, ==, M (72));        /* 10 × 7.2 */
  g_assert_cmpint (row->tier_above_tokens, ==, 0);
  g_assert_cmpstr (row->explanation, ==,
                   "30 M input × $2.50 + 8 M output × $10.00 per 1M tokens, at 7.2 CNY per USD");

  /* cheapest: qwen-turbo 30 × 0.5 + 8 × 1 = ¥23 */
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (sp_offer_get_id (row->offer), ==, "demo-mh-qwen-turbo");
  g_assert_cmpint (row->monthly_cost, ==, M (23));

  /* cached: + 10 M at the cached price ($1.25) = $167.50 = ¥1,206;
   * qwen-turbo has no cached price: 10 M at the input price 0.5 → 23 + 5 = ¥28 */
  w.cached_mtok = M (10);
  rows2 = run (offers, &w, ctx);
  row = find_row (rows2, "demo-us-gpt-4o-class");
  g_assert_cmpint (row->monthly_cost, ==, M (1206));
  g_assert_cmpint (row->cached_price, ==, M (9));         /* 1.25 × 7.2 */
  g_assert_nonnull (strstr (row->explanation, "10 M cached × $1.25"));
  row = find_row (rows2, "demo-mh-qwen-turbo");
  g_assert_cmpint (row->monthly_cost, ==, M (28));
  g_assert_cmpint (row->cached_price, ==, 500000);

  /* in dollars: $155 exactly */
  g_assert_true (sp_price_context_set_currency (ctx, "USD"));
  w.cached_mtok = 0;
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = run (offers, &w, ctx);
  g_assert_cmpint (find_row (rows, "demo-us-gpt-4o-class")->monthly_cost, ==, M (155));
}

static void
test_tokens_unknown_prices_left_out (void)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  SpOffer *o;
  SpWorkload w;

  o = sp_offer_new ();
  o->id = g_strdup ("router");
  o->kind = SP_OFFER_KIND_TOKENS;
  o->model = g_strdup ("openrouter/auto");
  o->input_price = SP_MONEY_UNKNOWN;
  o->output_price = SP_MONEY_UNKNOWN;
  g_ptr_array_add (offers, o);
  o = sp_offer_new ();
  o->id = g_strdup ("input-only");
  o->kind = SP_OFFER_KIND_TOKENS;
  o->model = g_strdup ("embed");
  o->input_price = M (1);
  g_ptr_array_add (offers, o);

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_TOKENS;
  w.input_mtok = M (1);
  w.output_mtok = M (1);
  rows = run (offers, &w, ctx);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_tiers (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  SpWorkload w;
  /* qwen-plus-long: base 0.8 / 2; above 128,000: 2.4 / 20; above 256,000: 4.8 / 48.
   * 30 M in + 8 M out: base 24 + 16 = 40; tier 1 72 + 160 = 232; tier 2 144 + 384 = 528 */
  struct { gint64 prompt; SpMoney cost; gint64 tier; } cases[] = {
    { 0, M (40), 0 },
    { 100000, M (40), 0 },
    { 128000, M (40), 0 },        /* not exceeded */
    { 128001, M (232), 128000 },  /* a cliff: the whole request at the tier's rates */
    { 200000, M (232), 128000 },
    { 300000, M (528), 256000 },
  };

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_TOKENS;
  w.input_mtok = M (30);
  w.output_mtok = M (8);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      SpEstimateRow *row;

      w.prompt_tokens_per_request = cases[i].prompt;
      rows = run (offers, &w, ctx);
      row = find_row (rows, "demo-hz-qwen-plus-long");
      g_assert_nonnull (row);
      g_assert_cmpint (row->monthly_cost, ==, cases[i].cost);
      g_assert_cmpint (row->tier_above_tokens, ==, cases[i].tier);
      if (cases[i].tier > 0)
        g_assert_nonnull (strstr (row->explanation, "long-context"));
    }

  /* 200,000-token prompts: only the two 1M-context offers can take them;
   * claude-sonnet-class above 200,000 is not exceeded → base $3 / $15:
   * 30 × 3 + 8 × 15 = $210 × 7.2 = ¥1,512 */
  {
    g_autoptr(GPtrArray) rows = NULL;

    w.prompt_tokens_per_request = 200000;
    rows = run (offers, &w, ctx);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpint (find_row (rows, "demo-us-claude-sonnet-class")->monthly_cost, ==, M (1512));
    g_assert_null (find_row (rows, "demo-us-gpt-4o-class"));
  }
  /* 200,001: claude's tier: 30 × 6 + 8 × 22.5 = $360 × 7.2 = ¥2,592 */
  {
    g_autoptr(GPtrArray) rows = NULL;

    w.prompt_tokens_per_request = 200001;
    rows = run (offers, &w, ctx);
    g_assert_cmpint (find_row (rows, "demo-us-claude-sonnet-class")->monthly_cost, ==, M (2592));
  }
}

/* ---------------------------------------------------------------- self-hosting */

static void
test_self_host (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  SpOffer *hz = NULL, *gl = NULL;
  SpEstimateRow *row;
  SpWorkload w;

  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      if (g_str_equal (sp_offer_get_id (o), "demo-hz-h100-sxm-8x"))
        hz = o;
      if (g_str_equal (sp_offer_get_id (o), "demo-gl-h100-sxm-8x"))
        gl = o;
    }
  g_assert_nonnull (hz);
  g_assert_nonnull (gl);

  /* ¥22.80 / (2,000 × 3,600 / 10^6) = 22.80 / 7.2 = 3.1666… → 3.166667 */
  g_assert_cmpint (sp_estimate_self_host_price (hz, M (2000), ctx), ==, 3166667);
  /* $2.99 × 7.2 / 7.2 = ¥2.99 */
  g_assert_cmpint (sp_estimate_self_host_price (gl, M (2000), ctx), ==, 2990000);
  /* 1,500.5 tok/s: 22.8 × 10^6 / (1500.5 × 3600) = 4.220815… → 4.220815 */
  g_assert_cmpint (sp_estimate_self_host_price (hz, 1500500000, ctx), ==, 4220815);
  g_assert_cmpint (sp_estimate_self_host_price (hz, 0, ctx), ==, SP_MONEY_UNKNOWN);

  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_TOKENS;
  w.input_mtok = M (30);
  w.output_mtok = M (8);
  w.self_host_tokens_per_second = M (2000);
  w.gpu_model = "H100 SXM";
  rows = run (offers, &w, ctx);
  /* 11 token offers + 6 H100 SXM offers */
  g_assert_cmpuint (rows->len, ==, 17);
  assert_ranked (rows);
  row = find_row (rows, "demo-hz-h100-sxm-8x");
  g_assert_nonnull (row);
  g_assert_true (row->self_hosted);
  g_assert_cmpint (row->unit_price, ==, 3166667);
  /* 38 M tokens × 22.80 / 7.2 = 120.333… exactly rounded once → 120.333333
   * (38 × the rounded 3.166667 would be 120.333346) */
  g_assert_cmpint (row->monthly_cost, ==, 120333333);
  g_assert_nonnull (strstr (row->explanation, "2000 tokens/s"));
  /* 38 × ¥2.99 = ¥113.62 */
  g_assert_cmpint (find_row (rows, "demo-gl-h100-sxm-8x")->monthly_cost, ==, 113620000);

  /* without a throughput, no gpu rows */
  {
    g_autoptr(GPtrArray) rows2 = NULL;

    w.self_host_tokens_per_second = 0;
    rows2 = run (offers, &w, ctx);
    g_assert_cmpuint (rows2->len, ==, 11);
  }
}

/* ---------------------------------------------------------------- presets */

static void
test_presets (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) rows = NULL;
  const SpTaskPreset *presets, *p;
  guint n = 0;
  SpWorkload w;

  presets = sp_task_presets (&n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (presets[0].id, ==, "chat-reply");
  g_assert_cmpint (presets[0].input_tokens, ==, 1500);
  g_assert_cmpint (presets[0].output_tokens, ==, 400);
  p = sp_task_preset_find ("code-change");
  g_assert_nonnull (p);
  g_assert_cmpint (p->input_tokens, ==, 12000);
  g_assert_cmpint (p->output_tokens, ==, 1500);
  p = sp_task_preset_find ("contract-review");
  g_assert_nonnull (p);
  g_assert_cmpint (p->input_tokens, ==, 30000);
  g_assert_cmpint (p->output_tokens, ==, 2000);
  g_assert_cmpstr (sp_task_preset_get_name (p), ==, "Contract review");
  g_assert_null (sp_task_preset_find ("nope"));

  /* 10,000 chat replies: 15 M in, 4 M out; gpt-4o-class: 15 × 2.5 + 4 × 10 = $77.50 = ¥558 */
  sp_workload_init (&w);
  g_assert_true (sp_workload_set_task (&w, presets[0].input_tokens, presets[0].output_tokens, 10000));
  g_assert_cmpint (w.kind, ==, SP_WORKLOAD_TOKENS);
  g_assert_cmpint (w.input_mtok, ==, M (15));
  g_assert_cmpint (w.output_mtok, ==, M (4));
  g_assert_cmpint (w.prompt_tokens_per_request, ==, 1500);
  rows = run (offers, &w, ctx);
  g_assert_cmpint (find_row (rows, "demo-us-gpt-4o-class")->monthly_cost, ==, M (558));

  /* edited counts: 1,000 in / 0 out × 3 requests = 0.003 M */
  g_assert_true (sp_workload_set_task (&w, 1000, 0, 3));
  g_assert_cmpint (w.input_mtok, ==, 3000);
  g_assert_false (sp_workload_set_task (&w, -1, 0, 3));
  g_assert_false (sp_workload_set_task (&w, G_MAXINT64 / 2, 0, 3));
  g_assert_cmpint (w.input_mtok, ==, 3000);   /* untouched */
}

/* ---------------------------------------------------------------- warnings */

static SpOfferFlags *
flags_of (GHashTable *table,
          GPtrArray  *offers,
          const char *id)
{
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      if (g_str_equal (sp_offer_get_id (o), id))
        return g_hash_table_lookup (table, o);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_suspicious_demo (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GHashTable) table = NULL;
  SpFlagOptions options;
  SpOfferFlags *f;
  GHashTableIter iter;
  gpointer key, value;
  guint n_suspicious = 0;

  sp_flag_options_init (&options);
  g_assert_cmpuint (options.threshold_bp, ==, 4000);
  table = sp_offer_flags_compute (offers, ctx, &options);

  /* H100 SXM 80 GB: 5.80, 18.60, 19.90, 21.528 ($2.99), 22.80, 24.50:
   * median (19.90 + 21.528) / 2 = 20.714; 5.80 / 20.714 = 28.0003% → 28% */
  f = flags_of (table, offers, "demo-rs-h100-sxm-internal");
  g_assert_nonnull (f);
  g_assert_true (f->flags & SP_OFFER_FLAG_SUSPICIOUS);
  g_assert_cmpint (f->group_median, ==, 20714000);
  g_assert_cmpuint (f->percent_of_median, ==, 28);
  g_assert_cmpstr (f->suspicious_reason, ==,
                   "¥5.80 per card-hour is 28% of the median ¥20.714 for H100 SXM 80 GB offers. "
                   "Prices far below the market are a known scam pattern "
                   "(“internal channel, 70% off”): check the vendor before paying.");

  /* nothing else in the demo is suspicious */
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((SpOfferFlags *) value)->flags & SP_OFFER_FLAG_SUSPICIOUS)
      n_suspicious++;
  g_assert_cmpuint (n_suspicious, ==, 1);
  g_assert_null (flags_of (table, offers, "demo-ns-h100-sxm-8x-spot"));
  g_assert_null (flags_of (table, offers, "demo-hz-h100-sxm-8x"));

  /* in dollars too: the same offer, same percentage */
  {
    g_autoptr(GHashTable) usd = NULL;

    g_assert_true (sp_price_context_set_currency (ctx, "USD"));
    usd = sp_offer_flags_compute (offers, ctx, NULL);
    f = flags_of (usd, offers, "demo-rs-h100-sxm-internal");
    g_assert_nonnull (f);
    g_assert_cmpuint (f->percent_of_median, ==, 28);
    g_assert_nonnull (strstr (f->suspicious_reason, "$0.805556 per card-hour"));
  }
}

static void
test_suspicious_threshold (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  SpFlagOptions options;

  sp_flag_options_init (&options);

  /* 30%: 28% is still below */
  {
    g_autoptr(GHashTable) t = NULL;
    options.threshold_bp = 3000;
    t = sp_offer_flags_compute (offers, ctx, &options);
    g_assert_nonnull (flags_of (t, offers, "demo-rs-h100-sxm-internal"));
  }
  /* 25%: not below */
  {
    g_autoptr(GHashTable) t = NULL;
    options.threshold_bp = 2500;
    t = sp_offer_flags_compute (offers, ctx, &options);
    g_assert_null (flags_of (t, offers, "demo-rs-h100-sxm-internal"));
  }
  /* 97% of 20.714 = 20.09258: 19.90 (reserved) is below, 21.528 is not;
   * 18.60 is below too but a spot price, never flagged */
  {
    g_autoptr(GHashTable) t = NULL;
    SpOfferFlags *f;
    options.threshold_bp = 9700;
    t = sp_offer_flags_compute (offers, ctx, &options);
    f = flags_of (t, offers, "demo-wl-h100-sxm-8x-reserved");
    g_assert_nonnull (f);
    g_assert_cmpuint (f->percent_of_median, ==, 96);   /* 19.90 / 20.714 = 96.07% */
    g_assert_nonnull (flags_of (t, offers, "demo-rs-h100-sxm-internal"));
    g_assert_null (flags_of (t, offers, "demo-ns-h100-sxm-8x-spot"));
    g_assert_null (flags_of (t, offers, "demo-gl-h100-sxm-8x"));
  }
  /* 0 = never */
  {
    g_autoptr(GHashTable) t = NULL;
    options.threshold_bp = 0;
    t = sp_offer_flags_compute (offers, ctx, &options);
    g_assert_null (flags_of (t, offers, "demo-rs-h100-sxm-internal"));
  }
}

static void
test_suspicious_small_groups (void)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GHashTable) two = NULL;
  g_autoptr(GHashTable) three = NULL;

  /* two offers, one at 1% of the other: too few to judge */
  g_ptr_array_add (offers, gpu_offer ("low", "A", "L4", 24, "CNY", 10000));
  g_ptr_array_add (offers, gpu_offer ("high", "B", "L4", 24, "CNY", M (1)));
  /* an unknown price does not count towards the three */
  g_ptr_array_add (offers, gpu_offer ("unknown", "C", "L4", 24, "CNY", SP_MONEY_UNKNOWN));
  /* same model, other memory: another group */
  g_ptr_array_add (offers, gpu_offer ("other", "D", "L4", 48, "CNY", M (1)));
  two = sp_offer_flags_compute (offers, ctx, NULL);
  g_assert_cmpuint (g_hash_table_size (two), ==, 0);

  /* a third known price makes a group: median 1, 0.01 < 0.4 */
  g_ptr_array_add (offers, gpu_offer ("mid", "E", "L4", 24, "CNY", M (1)));
  three = sp_offer_flags_compute (offers, ctx, NULL);
  g_assert_cmpuint (g_hash_table_size (three), ==, 1);
  g_assert_nonnull (flags_of (three, offers, "low"));
  g_assert_cmpuint (flags_of (three, offers, "low")->percent_of_median, ==, 1);

  /* the same low price on spot billing is not flagged */
  {
    g_autoptr(GHashTable) spot = NULL;

    ((SpOffer *) g_ptr_array_index (offers, 0))->billing = SP_BILLING_SPOT;
    spot = sp_offer_flags_compute (offers, ctx, NULL);
    g_assert_cmpuint (g_hash_table_size (spot), ==, 0);
  }
}

static void
test_stale_and_ambiguous (void)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GHashTable) t = NULL;
  gint64 now = 1770000000;
  SpFlagOptions options;
  SpOffer *o;
  SpOfferFlags *f;

  o = gpu_offer ("old", "A", "H100 SXM", 80, "CNY", M (20));
  o->fetched_at = now - 40 * 24 * 3600;
  g_ptr_array_add (offers, o);
  o = gpu_offer ("fresh", "A", "H100 SXM", 80, "CNY", M (20));
  o->fetched_at = now - 10 * 24 * 3600;
  g_ptr_array_add (offers, o);
  o = gpu_offer ("never", "A", "H100 SXM", 80, "CNY", M (20));
  g_ptr_array_add (offers, o);
  o = gpu_offer ("bare", "B", "h100", 80, "CNY", M (20));
  g_ptr_array_add (offers, o);

  sp_flag_options_init (&options);
  options.now = now;
  t = sp_offer_flags_compute (offers, ctx, &options);
  g_assert_cmpuint (g_hash_table_size (t), ==, 2);

  f = flags_of (t, offers, "old");
  g_assert_nonnull (f);
  g_assert_cmpint (f->flags, ==, SP_OFFER_FLAG_STALE);
  g_assert_nonnull (strstr (f->stale_reason, "40 days ago"));
  g_assert_null (f->suspicious_reason);
  g_assert_null (f->ambiguous_reason);
  g_assert_null (flags_of (t, offers, "fresh"));
  g_assert_null (flags_of (t, offers, "never"));

  f = flags_of (t, offers, "bare");
  g_assert_nonnull (f);
  g_assert_cmpint (f->flags, ==, SP_OFFER_FLAG_AMBIGUOUS);
  g_assert_nonnull (strstr (f->ambiguous_reason, "“H100”"));

  /* a shorter age makes "fresh" stale too; 0 turns staleness off */
  {
    g_autoptr(GHashTable) t2 = NULL;
    g_autoptr(GHashTable) t3 = NULL;
    g_autoptr(SpOfferFlags) copy = NULL;

    options.stale_after_seconds = 5 * 24 * 3600;
    t2 = sp_offer_flags_compute (offers, ctx, &options);
    g_assert_nonnull (flags_of (t2, offers, "fresh"));
    copy = sp_offer_flags_copy (flags_of (t2, offers, "fresh"));
    g_assert_cmpstr (copy->stale_reason, ==, flags_of (t2, offers, "fresh")->stale_reason);
    options.stale_after_seconds = 0;
    t3 = sp_offer_flags_compute (offers, ctx, &options);
    g_assert_null (flags_of (t3, offers, "old"));
  }
}

/* ---------------------------------------------------------------- groups */

static void
test_groups (void)
{
  g_autoptr(GPtrArray) offers = demo_offers ();
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) groups = sp_offer_groups_compute (offers, ctx);
  SpOfferGroup *sxm = NULL, *ds = NULL, *a100 = NULL;
  guint total = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      SpOfferGroup *g = g_ptr_array_index (groups, i);

      total += g->offers->len;
      if (g_str_equal (g->id, "gpu:H100 SXM:80"))
        sxm = g;
      else if (g_str_equal (g->id, "tokens:deepseek-v3"))
        ds = g;
      else if (g_str_equal (g->id, "gpu:A100 80GB:80"))
        a100 = g;
      if (i > 0)
        g_assert_cmpint (((SpOfferGroup *) g_ptr_array_index (groups, i - 1))->kind, <=, g->kind);
    }
  g_assert_cmpuint (total, ==, offers->len);

  g_assert_nonnull (sxm);
  g_assert_cmpstr (sxm->label, ==, "H100 SXM 80 GB");
  g_assert_cmpuint (sxm->offers->len, ==, 6);
  g_assert_cmpuint (sxm->n_priced, ==, 6);
  g_assert_cmpint (sxm->median, ==, 20714000);
  g_assert_cmpstr (sp_offer_get_id (sxm->cheapest), ==, "demo-rs-h100-sxm-internal");
  g_assert_cmpint (sxm->cheapest_price, ==, 5800000);
  g_assert_cmpstr (sp_offer_get_id (g_ptr_array_index (sxm->offers, 5)), ==, "demo-hz-h100-sxm-1x");

  g_assert_nonnull (a100);
  g_assert_cmpstr (a100->label, ==, "A100 80GB");
  g_assert_cmpuint (a100->offers->len, ==, 3);
  /* 8.90, $1.29 × 7.2 = 9.288, 9.80: median 9.288 */
  g_assert_cmpint (a100->median, ==, 9288000);

  /* blended 3:1: (2 × 3 + 8) / 4 = 3.5 and (2.2 × 3 + 8.8) / 4 = 3.85 → median 3.675 */
  g_assert_nonnull (ds);
  g_assert_cmpstr (ds->label, ==, "deepseek-v3");
  g_assert_cmpuint (ds->offers->len, ==, 2);
  g_assert_cmpint (ds->median, ==, 3675000);
  g_assert_cmpint (ds->cheapest_price, ==, 3500000);

  {
    g_autoptr(SpOfferGroup) copy = sp_offer_group_copy (sxm);
    g_assert_cmpstr (copy->label, ==, sxm->label);
    g_assert_true (copy->offers == sxm->offers);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();

  g_test_add_func ("/estimate/gpu-hours", test_gpu_hours);
  g_test_add_func ("/estimate/rounded-once", test_rounded_once);
  g_test_add_func ("/estimate/gpu-model-filter", test_gpu_model_filter);
  g_test_add_func ("/estimate/ranking", test_ranking);
  g_test_add_func ("/estimate/bad-workload", test_bad_workload);
  g_test_add_func ("/estimate/core-hours", test_core_hours);
  g_test_add_func ("/estimate/tokens", test_tokens);
  g_test_add_func ("/estimate/tokens-unknown-prices", test_tokens_unknown_prices_left_out);
  g_test_add_func ("/estimate/tiers", test_tiers);
  g_test_add_func ("/estimate/self-host", test_self_host);
  g_test_add_func ("/estimate/presets", test_presets);
  g_test_add_func ("/suspicious/demo", test_suspicious_demo);
  g_test_add_func ("/suspicious/threshold", test_suspicious_threshold);
  g_test_add_func ("/suspicious/small-groups", test_suspicious_small_groups);
  g_test_add_func ("/suspicious/stale-and-ambiguous", test_stale_and_ambiguous);
  g_test_add_func ("/suspicious/groups", test_groups);

  return g_test_run ();
}
