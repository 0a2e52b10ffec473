/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-price-feeds.c — issue 13 items 1-3: the llm-prices-cn and
 * genai-prices adapters, LiteLLM tiered_pricing, and what the new offer
 * fields become in the store, the estimator and `suanpan-cli offers`.
 *
 * Every expected price was read by hand from the raw catalog text (quoted
 * next to it), never from the adapter's output.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "sp-estimate.h"
#include "sp-import-private.h"
#include "sp-store.h"
#include "sp-test-util.h"

#define M(units, micro) ((SpMoney) (units) * SP_MONEY_SCALE + (micro))

/* ---- helpers ---------------------------------------------------------- */

static SpImportResult *
import_catalog (const char   *relative,
                SpFeedFormat  format)
{
  return sp_test_import_catalog (relative, SP_FEED_FORMAT_AUTO, NULL, format);
}

/* sp_import_parse () on an exactly sized heap copy (ASan sees overreads) */
static SpImportResult *
import_text (const char    *text,
             SpFeedFormat   format,
             GError       **error)
{
  gsize n = strlen (text);
  g_autofree char *copy = g_memdup2 (text, n);

  return sp_import_parse (copy, n, format, NULL, NULL, error);
}

static SpOffer *
offer_by_id (SpImportResult *result,
             const char     *id)
{
  GPtrArray *offers = sp_import_result_get_offers (result);

  for (guint i = 0; i < offers->len; i++)
    if (g_strcmp0 (((SpOffer *) g_ptr_array_index (offers, i))->id, id) == 0)
      return g_ptr_array_index (offers, i);
  g_error ("no offer “%s”", id);
  return NULL;
}

static const char *
skip_reason (SpImportResult *result,
             const char     *key)
{
  GArray *skips = sp_import_result_get_skips (result);

  for (guint i = 0; i < skips->len; i++)
    if (g_strcmp0 (g_array_index (skips, SpImportSkip, i).key, key) == 0)
      return g_array_index (skips, SpImportSkip, i).reason;
  return NULL;
}

static void
check_prices (SpOffer    *o,
              const char *currency,
              SpMoney     input,
              SpMoney     output,
              SpMoney     cached)
{
  g_assert_cmpint (o->kind, ==, SP_OFFER_KIND_TOKENS);
  g_assert_cmpstr (o->currency, ==, currency);
  g_assert_cmpint (o->price, ==, input);
  g_assert_cmpint (o->input_price, ==, input);
  g_assert_cmpint (o->output_price, ==, output);
  g_assert_cmpint (o->cached_input_price, ==, cached);
}

/* ---- llm-prices-cn ---------------------------------------------------- */

static void
test_cn_newer (void)
{
  g_autoptr(SpImportResult) r = import_catalog ("llm_prices_cn/prices.2026-08-01.json",
                                                SP_FEED_FORMAT_LLM_PRICES_CN);
  SpOffer *o;

  if (r == NULL)
    return;
  g_assert_cmpuint (sp_import_result_get_rows_read (r), ==, 55);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 55);
  g_assert_cmpstr (sp_import_result_get_source (r), ==, "llm-prices-cn");
  /* "last_updated": "2026-08-01" */
  g_assert_cmpint (sp_import_result_get_generated_at (r), ==, 1785542400);

  /* "id": "qwen3-5-flash", "vendor_id": "alibaba", "vendor_name": "阿里通义",
   * "billing_currency": "CNY", "input_price_orig_per_m": 0.2,
   * "output_price_orig_per_m": 2, "cached_input_price_orig_per_m": null,
   * price_tiers up to 128000 (0.2/2), 256000 (0.8/8), null (1.2/12) */
  o = offer_by_id (r, "qwen3-5-flash");
  check_prices (o, "CNY", M (0, 200000), M (2, 0), SP_MONEY_UNKNOWN);
  g_assert_cmpstr (o->model, ==, "qwen3-5-flash");
  g_assert_cmpstr (o->name, ==, "Qwen3.5 Flash");
  g_assert_cmpstr (o->vendor_id, ==, "alibaba");
  /* the canonical names of the id (sp-vendors.c): the file's 阿里通义 */
  g_assert_cmpstr (o->vendor_name, ==, "Alibaba Qwen");
  g_assert_cmpstr (o->vendor_name_zh, ==, "阿里通义");
  g_assert_cmpint (o->context_window, ==, 1000000);
  g_assert_cmpuint (o->tiers->len, ==, 2);
  sp_test_assert_tier (o, 0, 128000, M (0, 800000), M (8, 0), SP_MONEY_UNKNOWN);
  sp_test_assert_tier (o, 1, 256000, M (1, 200000), M (12, 0), SP_MONEY_UNKNOWN);
  g_assert_cmpstr (o->price_source_url, ==, "https://help.aliyun.com/zh/model-studio/model-pricing");
  g_assert_cmpstr (o->verified_at, ==, "2026-08-01");
  g_assert_false (o->retired);
  g_assert_cmpstr (o->attribution, ==, sp_feed_format_attribution (SP_FEED_FORMAT_LLM_PRICES_CN));
  g_assert_nonnull (strstr (o->attribution, "LLM Abacus"));

  /* "gemini-2-5-pro": USD, orig 1.25 / 10 / 0.125 (the CNY figures 8.4561 …
   * are the file's conversion), above 200000: 2.5 / 15 / 0.25 */
  o = offer_by_id (r, "gemini-2-5-pro");
  check_prices (o, "USD", M (1, 250000), M (10, 0), M (0, 125000));
  g_assert_cmpuint (o->tiers->len, ==, 1);
  sp_test_assert_tier (o, 0, 200000, M (2, 500000), M (15, 0), M (0, 250000));
  g_assert_cmpstr (o->vendor_name, ==, "Google");

  /* "deepseek-v3-2-legacy": "retired": true, CNY 2 / 8 / 0.5 */
  o = offer_by_id (r, "deepseek-v3-2-legacy");
  g_assert_true (o->retired);
  check_prices (o, "CNY", M (2, 0), M (8, 0), M (0, 500000));

  /* "doubao-seed-2-1-pro": 字节豆包, CNY 6 / 30 / 1.2, verified 2026-07-03 */
  o = offer_by_id (r, "doubao-seed-2-1-pro");
  check_prices (o, "CNY", M (6, 0), M (30, 0), M (1, 200000));
  g_assert_cmpstr (o->vendor_name_zh, ==, "字节豆包");
  g_assert_cmpstr (o->vendor_name, ==, "ByteDance Doubao");
  g_assert_cmpstr (o->price_source_url, ==, "https://www.volcengine.com/docs/82379/1544106");
  g_assert_cmpstr (o->verified_at, ==, "2026-07-03");
  g_assert_null (o->tiers);

  /* "glm-5-1": 智谱 AI, CNY 6 / 24 / 1.3 */
  o = offer_by_id (r, "glm-5-1");
  check_prices (o, "CNY", M (6, 0), M (24, 0), M (1, 300000));
  g_assert_cmpstr (o->vendor_name_zh, ==, "智谱 AI");
}

static void
test_cn_older (void)
{
  g_autoptr(SpImportResult) r = import_catalog ("llm_prices_cn/prices.2026-07-03.json",
                                                SP_FEED_FORMAT_LLM_PRICES_CN);
  SpOffer *o;

  if (r == NULL)
    return;
  g_assert_cmpuint (sp_import_result_get_rows_read (r), ==, 44);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 44);
  /* "last_updated": "2026-07-03" */
  g_assert_cmpint (sp_import_result_get_generated_at (r), ==, 1783036800);

  /* "gpt-5-5": USD, "input_price_usd_per_m": 5.0, "output_price_usd_per_m":
   * 30.0, "cached_input_price_usd_per_m": 0.5 (not the CNY 33.9275) */
  o = offer_by_id (r, "gpt-5-5");
  check_prices (o, "USD", M (5, 0), M (30, 0), M (0, 500000));
  g_assert_null (o->price_source_url);
  g_assert_null (o->verified_at);
  g_assert_false (o->retired);

  /* "glm-5-1": CNY, "input_price_cny_per_m": 6.0 (not the USD 0.8842) */
  o = offer_by_id (r, "glm-5-1");
  check_prices (o, "CNY", M (6, 0), M (24, 0), M (1, 300000));

  /* "doubao-1-6": no cached price at all in the older schema: unknown */
  o = offer_by_id (r, "doubao-1-6");
  check_prices (o, "CNY", M (2, 400000), M (24, 0), SP_MONEY_UNKNOWN);

  /* "deepseek-v3-2-legacy" is only tagged 即将弃用 here, not retired */
  g_assert_false (offer_by_id (r, "deepseek-v3-2-legacy")->retired);
}

static void
test_cn_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r = NULL;

  /* whole-file errors */
  r = import_text ("{\"models\": 3}", SP_FEED_FORMAT_LLM_PRICES_CN, &error);
  g_assert_null (r);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE);
  g_clear_error (&error);
  r = import_text ("[1]", SP_FEED_FORMAT_LLM_PRICES_CN, &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE);
  g_clear_error (&error);
  r = import_text ("{\"models\": [", SP_FEED_FORMAT_LLM_PRICES_CN, &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX);
  g_clear_error (&error);
  r = import_text ("{\"models\": []}", SP_FEED_FORMAT_LLM_PRICES_CN, &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* bad rows are skipped with a reason, the good one kept */
#define ROW(id, rest) "{\"id\": \"" id "\", \"vendor_id\": \"v\", \"billing_currency\": \"CNY\", " rest "}"
  r = import_text ("{\"last_updated\": \"2026-13-45\", \"models\": ["
                   "7, {\"billing_currency\": \"CNY\"},"
                   ROW ("nulls", "\"input_price_orig_per_m\": null, \"output_price_orig_per_m\": null") ","
                   ROW ("text", "\"input_price_orig_per_m\": \"1.5\"") ","
                   ROW ("neg", "\"input_price_orig_per_m\": -1") ","
                   ROW ("huge", "\"input_price_orig_per_m\": 1e300") ","
                   "{\"id\": \"nocur\", \"vendor_id\": \"v\", \"input_price_cny_per_m\": 1},"
                   "{\"id\": \"badcur\", \"vendor_id\": \"v\", \"billing_currency\": \"人民币\", \"input_price_cny_per_m\": 1},"
                   ROW ("tiers-order", "\"input_price_orig_per_m\": 1, \"price_tiers\": ["
                        "{\"up_to_input_tokens\": 5000, \"input_price_orig_per_m\": 1},"
                        "{\"up_to_input_tokens\": 4000, \"input_price_orig_per_m\": 2}]") ","
                   ROW ("tiers-open", "\"input_price_orig_per_m\": 1, \"price_tiers\": ["
                        "{\"up_to_input_tokens\": null, \"input_price_orig_per_m\": 1},"
                        "{\"up_to_input_tokens\": 4000, \"input_price_orig_per_m\": 2}]") ","
                   ROW ("tiers-shape", "\"input_price_orig_per_m\": 1, \"price_tiers\": {}") ","
                   ROW ("ok", "\"input_price_cny_per_m\": 3, \"output_price_cny_per_m\": 9,"
                        " \"source\": \"javascript:alert(1)\", \"last_verified\": \"yesterday\","
                        " \"retired\": \"yes\", \"context_window\": -5") "]}",
                   SP_FEED_FORMAT_AUTO, &error);
#undef ROW
  g_assert_no_error (error);
  g_assert_cmpint (sp_import_result_get_format (r), ==, SP_FEED_FORMAT_LLM_PRICES_CN);
  g_assert_cmpuint (sp_import_result_get_rows_read (r), ==, 12);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 1);
  g_assert_cmpint (sp_import_result_get_generated_at (r), ==, 0);
  g_assert_cmpstr (skip_reason (r, "nulls"), ==, "no per-token price");
  g_assert_cmpstr (skip_reason (r, "text"), ==, "price is not a number (input_price_orig_per_m)");
  g_assert_cmpstr (skip_reason (r, "neg"), ==, "negative price");
  g_assert_cmpstr (skip_reason (r, "huge"), ==, "price is too large");
  g_assert_cmpstr (skip_reason (r, "nocur"), ==, "no billing currency");
  g_assert_cmpstr (skip_reason (r, "badcur"), ==, "no billing currency");
  g_assert_cmpstr (skip_reason (r, "tiers-order"), ==, "price tier bounds are not rising token counts");
  g_assert_cmpstr (skip_reason (r, "tiers-open"), ==,
                   "a price tier other than the last has no upper bound");
  g_assert_cmpstr (skip_reason (r, "tiers-shape"), ==, "price tiers are not a list");
  /* the older schema's field for the billing currency; no unsafe link, no
   * false date, not retired by a string, no negative context */
  check_prices (offer_by_id (r, "ok"), "CNY", M (3, 0), M (9, 0), SP_MONEY_UNKNOWN);
  g_assert_null (offer_by_id (r, "ok")->price_source_url);
  g_assert_null (offer_by_id (r, "ok")->verified_at);
  g_assert_false (offer_by_id (r, "ok")->retired);
  g_assert_cmpint (offer_by_id (r, "ok")->context_window, ==, 0);
}

/* ---- genai-prices ----------------------------------------------------- */

static void
test_genai_snapshot (void)
{
  g_autoptr(SpImportResult) r = import_catalog ("genai_prices/data.json", SP_FEED_FORMAT_GENAI_PRICES);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const SpPriceVariant *v;
  SpOffer *o;

  if (r == NULL)
    return;
  g_assert_cmpuint (sp_import_result_get_rows_read (r), ==, 1442);
  /* 157 models have "prices": {} */
  g_assert_cmpuint (sp_import_result_get_rows_skipped (r), ==, 157);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 1285);

  /* deepseek-chat: [{"prices": {"input_mtok": 0.135, "cache_read_mtok": 0.035,
   * "output_mtok": 0.55}}, {"constraint": {"start_time": "00:30:00Z",
   * "end_time": "16:30:00Z"}, "prices": {"input_mtok": 0.27,
   * "cache_read_mtok": 0.07, "output_mtok": 1.1}}]: the 16-hour window is
   * the price, the other 8 hours the off-peak variant, whatever the clock */
  o = offer_by_id (r, "deepseek/deepseek-chat");
  check_prices (o, "USD", M (0, 270000), M (1, 100000), M (0, 70000));
  g_assert_cmpstr (o->vendor_name, ==, "DeepSeek");
  g_assert_cmpstr (o->vendor_name_zh, ==, "深度求索");
  g_assert_cmpstr (o->price_source_url, ==, "https://api-docs.deepseek.com/quick_start/pricing");
  g_assert_cmpuint (o->variants->len, ==, 1);
  v = sp_offer_get_off_peak (o);
  g_assert_nonnull (v);
  g_assert_cmpint (v->condition, ==, SP_VARIANT_TIME_OF_DAY);
  g_assert_cmpint (v->start, ==, 16 * 60 + 30);
  g_assert_cmpint (v->end, ==, 30);
  g_assert_cmpint (v->input, ==, M (0, 135000));
  g_assert_cmpint (v->output, ==, M (0, 550000));
  g_assert_cmpint (v->cached_input, ==, M (0, 35000));
  g_assert_cmpint (v->cache_write, ==, SP_MONEY_UNKNOWN);

  /* claude-sonnet-5: 2 / 10 / 0.2 / write 2.5, from 2026-09-01 3 / 15 / 0.3 / 3.75 */
  o = offer_by_id (r, "anthropic/claude-sonnet-5");
  g_assert_cmpuint (o->variants->len, ==, 1);
  v = &g_array_index (o->variants, SpPriceVariant, 0);
  g_assert_cmpint (v->condition, ==, SP_VARIANT_DATES);
  if (now >= 1788220800)
    {
      check_prices (o, "USD", M (3, 0), M (15, 0), M (0, 300000));
      g_assert_cmpint (o->cache_write_price, ==, M (3, 750000));
      g_assert_cmpint (v->start, ==, 0);
      g_assert_cmpint (v->end, ==, 1788220800);
      g_assert_cmpint (v->input, ==, M (2, 0));
      g_assert_cmpint (v->cache_write, ==, M (2, 500000));
    }
  else
    {
      check_prices (o, "USD", M (2, 0), M (10, 0), M (0, 200000));
      g_assert_cmpint (v->start, ==, 1788220800);
      g_assert_cmpint (v->end, ==, 0);
      g_assert_cmpint (v->input, ==, M (3, 0));
    }

  /* gemini-2.5-pro: {"base": 1.25, "tiers": [{"start": 200000, "price": 2.5}]},
   * cache_read 0.125 → 0.25, output 10 → 15 */
  o = offer_by_id (r, "google/gemini-2.5-pro");
  check_prices (o, "USD", M (1, 250000), M (10, 0), M (0, 125000));
  g_assert_cmpuint (o->tiers->len, ==, 1);
  sp_test_assert_tier (o, 0, 200000, M (2, 500000), M (15, 0), M (0, 250000));
  g_assert_null (o->variants);

  /* x-ai/grok-4-fast on openrouter: cache_read_mtok 0.05 flat, the others
   * tiered at 128000: the tier keeps the flat cached price */
  o = offer_by_id (r, "openrouter/x-ai/grok-4-fast");
  check_prices (o, "USD", M (0, 200000), M (0, 500000), M (0, 50000));
  sp_test_assert_tier (o, 0, 128000, M (0, 400000), M (1, 0), M (0, 50000));

  /* claude-sonnet-4-5: cache_write_mtok {"base": 3.75, …} */
  o = offer_by_id (r, "anthropic/claude-sonnet-4-5");
  g_assert_cmpint (o->cache_write_price, ==, M (3, 750000));
}

static void
test_genai_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r = NULL;

  r = import_text ("{\"id\": \"x\"}", SP_FEED_FORMAT_GENAI_PRICES, &error);
  g_assert_null (r);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE);
  g_clear_error (&error);
  r = import_text ("[{\"id\": \"p\", \"api_pattern\": \"x\", \"models\": [{\"id\": \"m\", "
                   "\"prices\": {\"input_mtok\": 1}}]", SP_FEED_FORMAT_GENAI_PRICES, &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX);
  g_clear_error (&error);

#define MODEL(id, prices) "{\"id\": \"" id "\", \"prices\": " prices "}"
  r = import_text ("[\"junk\", {\"id\": \"p\", \"api_pattern\": \"x\", "
                   "\"pricing_urls\": [\"http://insecure.example\"], \"models\": ["
                   "3,"
                   MODEL ("empty", "{}") ","
                   MODEL ("str", "{\"input_mtok\": \"1\"}") ","
                   MODEL ("tier-order", "{\"input_mtok\": {\"base\": 1, \"tiers\": [{\"start\": 9, \"price\": 2},"
                          " {\"start\": 9, \"price\": 3}]}}") ","
                   MODEL ("tier-noprice", "{\"input_mtok\": {\"base\": 1, \"tiers\": [{\"start\": 9}]}}") ","
                   MODEL ("two-defaults", "[{\"prices\": {\"input_mtok\": 1}}, {\"prices\": {\"input_mtok\": 2}}]") ","
                   MODEL ("odd-condition", "[{\"prices\": {\"input_mtok\": 1}}, {\"constraint\": {\"region\": \"eu\"},"
                          " \"prices\": {\"input_mtok\": 2}}]") ","
                   MODEL ("window-only", "[{\"constraint\": {\"start_time\": \"01:00\", \"end_time\": \"02:00\"},"
                          " \"prices\": {\"input_mtok\": 2}}]") ","
                   MODEL ("bad-time", "[{\"prices\": {\"input_mtok\": 1}}, {\"constraint\": {\"start_time\": \"25:00\","
                          " \"end_time\": \"02:00\"}, \"prices\": {\"input_mtok\": 2}}]") ","
                   MODEL ("empty-list", "[]") ","
                   MODEL ("beijing-night", "[{\"prices\": {\"input_mtok\": 4, \"output_mtok\": 8}},"
                          " {\"constraint\": {\"start_time\": \"00:30:00+08:00\", \"end_time\": \"08:30:00+08:00\"},"
                          " \"prices\": {\"input_mtok\": 1, \"output_mtok\": 2}}]") ","
                   MODEL ("future", "[{\"prices\": {\"input_mtok\": 1}}, {\"constraint\": {\"start_date\": \"2999-01-01\"},"
                          " \"prices\": {\"input_mtok\": 2}}]")
                   "]}]", SP_FEED_FORMAT_AUTO, &error);
#undef MODEL
  g_assert_no_error (error);
  g_assert_cmpint (sp_import_result_get_format (r), ==, SP_FEED_FORMAT_GENAI_PRICES);
  g_assert_cmpuint (sp_import_result_get_rows_read (r), ==, 13);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 2);
  g_assert_cmpstr (skip_reason (r, "p/empty"), ==, "no per-token price");
  g_assert_cmpstr (skip_reason (r, "p/str"), ==, "price is not a number (input_mtok)");
  g_assert_cmpstr (skip_reason (r, "p/tier-order"), ==,
                   "price tiers of input_mtok do not start at rising token counts");
  g_assert_cmpstr (skip_reason (r, "p/tier-noprice"), ==, "a price tier of input_mtok has no price");
  g_assert_cmpstr (skip_reason (r, "p/two-defaults"), ==, "two prices without a condition");
  g_assert_cmpstr (skip_reason (r, "p/odd-condition"), ==,
                   "a price condition is neither a start date nor a daily time window");
  g_assert_cmpstr (skip_reason (r, "p/window-only"), ==,
                   "a time-of-day price without a price for the other hours");
  g_assert_cmpstr (skip_reason (r, "p/bad-time"), ==,
                   "a price condition is neither a start date nor a daily time window");
  g_assert_cmpstr (skip_reason (r, "p/empty-list"), ==,
                   "the list of conditional prices is empty or too long");

  /* 00:30-08:30 Beijing time is 16:30-00:30 UTC, and cheaper: off-peak */
  {
    SpOffer *o = offer_by_id (r, "p/beijing-night");
    const SpPriceVariant *v = sp_offer_get_off_peak (o);

    g_assert_cmpint (o->input_price, ==, M (4, 0));
    g_assert_nonnull (v);
    g_assert_cmpint (v->start, ==, 16 * 60 + 30);
    g_assert_cmpint (v->end, ==, 30);
    g_assert_cmpint (v->input, ==, M (1, 0));
    /* only an https pricing page is kept */
    g_assert_null (o->price_source_url);
  }
  /* a price that starts in 2999 is a variant, not the price */
  {
    SpOffer *o = offer_by_id (r, "p/future");
    const SpPriceVariant *v = &g_array_index (o->variants, SpPriceVariant, 0);

    g_assert_cmpint (o->input_price, ==, M (1, 0));
    g_assert_cmpint (v->condition, ==, SP_VARIANT_DATES);
    g_assert_cmpint (v->input, ==, M (2, 0));
    g_assert_cmpint (v->end, ==, 0);
    g_assert_null (sp_offer_get_off_peak (o));
  }
}

/* ---- LiteLLM tiers ---------------------------------------------------- */

static void
test_litellm_tiered_snapshot (void)
{
  g_autoptr(SpImportResult) r = import_catalog ("litellm/model_prices_and_context_window.json",
                                                SP_FEED_FORMAT_LITELLM);
  SpOffer *o;

  if (r == NULL)
    return;
  /* before tiered_pricing was read: 583 skipped, 1910 offers */
  g_assert_cmpuint (sp_import_result_get_rows_skipped (r), ==, 573);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 1920);

  /* "dashscope/qwen-flash": tiered_pricing [{5e-08, 4e-07, range [0, 256000.0]},
   * {2.5e-07, 2e-06, range [256000.0, 1000000.0]}] */
  o = offer_by_id (r, "dashscope/qwen-flash");
  check_prices (o, "USD", M (0, 50000), M (0, 400000), SP_MONEY_UNKNOWN);
  g_assert_cmpstr (o->vendor_name_zh, ==, "阿里云百炼");
  g_assert_cmpuint (o->tiers->len, ==, 1);
  sp_test_assert_tier (o, 0, 256000, M (0, 250000), M (2, 0), SP_MONEY_UNKNOWN);
  g_assert_cmpstr (o->list_price, ==, "5e-08");

  /* "dashscope/qwen3-coder-plus": 1e-06/5e-06/1e-07 from 0, then 32000:
   * 1.8e-06/9e-06/1.8e-07, 128000: 3e-06/1.5e-05/3e-07, 256000: 6e-06/6e-05/6e-07 */
  o = offer_by_id (r, "dashscope/qwen3-coder-plus");
  check_prices (o, "USD", M (1, 0), M (5, 0), M (0, 100000));
  g_assert_cmpuint (o->tiers->len, ==, 3);
  sp_test_assert_tier (o, 0, 32000, M (1, 800000), M (9, 0), M (0, 180000));
  sp_test_assert_tier (o, 1, 128000, M (3, 0), M (15, 0), M (0, 300000));
  sp_test_assert_tier (o, 2, 256000, M (6, 0), M (60, 0), M (0, 600000));
}

static void
test_litellm_tiered_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r = NULL;
  SpOffer *o;

#define ENTRY(key, tiers) "\"" key "\": {\"litellm_provider\": \"volcengine\", \"mode\": \"chat\", " \
                          "\"tiered_pricing\": " tiers "}"
  r = import_text ("{" ENTRY ("volcengine/doubao-seed-1-6",
                              "[{\"input_cost_per_token\": 1.1e-07, \"output_cost_per_token\": 1.1e-06,"
                              " \"cache_read_input_token_cost\": 2.2e-08, \"range\": [0, 32000]},"
                              " {\"input_cost_per_token\": 1.7e-07, \"output_cost_per_token\": 1.7e-06,"
                              " \"range\": [32000, 128000]},"
                              " {\"input_cost_per_token\": 3.3e-07, \"output_cost_per_token\": 3.3e-06,"
                              " \"range\": [128000.0, 256000]}]") ", "
                   ENTRY ("not-from-0", "[{\"input_cost_per_token\": 1e-07, \"range\": [10, 20]}]") ", "
                   ENTRY ("falling", "[{\"input_cost_per_token\": 1e-07, \"range\": [0, 20]},"
                          " {\"input_cost_per_token\": 1e-07, \"range\": [0, 20]}]") ", "
                   ENTRY ("no-range", "[{\"input_cost_per_token\": 1e-07}]") ", "
                   ENTRY ("not-list", "{}") ", "
                   ENTRY ("bad-price", "[{\"input_cost_per_token\": -1e-07, \"range\": [0, 20]}]") ", "
                   "\"both\": {\"litellm_provider\": \"dashscope\", \"mode\": \"chat\", \"input_cost_per_token\": 2e-06,"
                   " \"output_cost_per_token\": 4e-06, \"tiered_pricing\": [{\"input_cost_per_token\": 1e-06, \"range\": [0, 10]},"
                   " {\"input_cost_per_token\": 3e-06, \"output_cost_per_token\": 5e-06, \"range\": [1000, 2000]}]}"
                   "}", SP_FEED_FORMAT_LITELLM, &error);
#undef ENTRY
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 2);

  /* Doubao on Volcengine, priced only through tiered_pricing: CNY-less USD
   * per token × 10^6; the first range is the listed price */
  o = offer_by_id (r, "volcengine/doubao-seed-1-6");
  check_prices (o, "USD", M (0, 110000), M (1, 100000), M (0, 22000));
  g_assert_cmpstr (o->vendor_name_zh, ==, "火山引擎");
  g_assert_cmpuint (o->tiers->len, ==, 2);
  sp_test_assert_tier (o, 0, 32000, M (0, 170000), M (1, 700000), SP_MONEY_UNKNOWN);
  sp_test_assert_tier (o, 1, 128000, M (0, 330000), M (3, 300000), SP_MONEY_UNKNOWN);

  g_assert_cmpstr (skip_reason (r, "not-from-0"), ==, "tiered_pricing ranges do not rise from 0");
  g_assert_cmpstr (skip_reason (r, "falling"), ==, "tiered_pricing ranges do not rise from 0");
  g_assert_cmpstr (skip_reason (r, "no-range"), ==, "a tiered_pricing entry has no token range");
  g_assert_cmpstr (skip_reason (r, "not-list"), ==, "tiered_pricing is not a short list");
  g_assert_cmpstr (skip_reason (r, "bad-price"), ==, "negative price");

  /* listed prices win over the first range; later ranges still become tiers */
  o = offer_by_id (r, "both");
  check_prices (o, "USD", M (2, 0), M (4, 0), SP_MONEY_UNKNOWN);
  sp_test_assert_tier (o, 0, 1000, M (3, 0), M (5, 0), SP_MONEY_UNKNOWN);
}

/* ---- store, estimator, command line ----------------------------------- */

static void
test_store_round_trip (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *db = g_build_filename (dir->path, "suanpan.db", NULL);
  g_autoptr(SpImportResult) cn = import_catalog ("llm_prices_cn/prices.2026-08-01.json",
                                                 SP_FEED_FORMAT_LLM_PRICES_CN);
  g_autoptr(SpImportResult) genai = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  SpWorkload w;
  SpOffer *legacy = NULL, *flash = NULL, *chat = NULL;
  guint changed;

  if (cn == NULL)
    return;
  genai = import_catalog ("genai_prices/data.json", SP_FEED_FORMAT_GENAI_PRICES);
  store = sp_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, cn, 1000, &changed, &error));
  g_assert_true (sp_store_replace_source (store, genai, 1000, &changed, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = sp_store_open (db, &error);
  g_assert_no_error (error);
  offers = sp_store_load_offers (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      if (g_strcmp0 (o->id, "deepseek-v3-2-legacy") == 0)
        legacy = o;
      else if (g_strcmp0 (o->id, "qwen3-5-flash") == 0)
        flash = o;
      else if (g_strcmp0 (o->id, "deepseek/deepseek-chat") == 0)
        chat = o;
    }
  g_assert_nonnull (legacy);
  g_assert_true (sp_offer_get_retired (legacy));
  g_assert_cmpstr (sp_offer_get_price_source_url (flash), ==,
                   "https://help.aliyun.com/zh/model-studio/model-pricing");
  g_assert_cmpstr (sp_offer_get_verified_at (flash), ==, "2026-08-01");
  g_assert_nonnull (sp_offer_get_attribution (flash));
  g_assert_false (sp_offer_get_retired (flash));
  sp_test_assert_tier (flash, 1, 256000, M (1, 200000), M (12, 0), SP_MONEY_UNKNOWN);
  g_assert_nonnull (sp_offer_get_off_peak (chat));
  g_assert_cmpint (sp_offer_get_off_peak (chat)->output, ==, M (0, 550000));
  g_assert_cmpint (sp_offer_get_off_peak (chat)->start, ==, 990);

  /* off-peak: DeepSeek chat at 0.135 / 0.55 USD per 1M, the others as usual;
   * a retired model is never estimated */
  sp_price_context_set_currency (ctx, "USD");
  sp_workload_init (&w);
  w.kind = SP_WORKLOAD_TOKENS;
  w.input_mtok = 10 * SP_MONEY_SCALE;
  w.output_mtok = 2 * SP_MONEY_SCALE;
  w.off_peak = TRUE;
  rows = sp_estimate_run (offers, &w, ctx, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      SpEstimateRow *row = g_ptr_array_index (rows, i);

      g_assert_true (row->offer != legacy);
      if (row->offer == chat)
        {
          /* 10 × 0.135 + 2 × 0.55 = 2.45 */
          g_assert_true (row->off_peak);
          g_assert_cmpint (row->monthly_cost, ==, M (2, 450000));
          g_assert_nonnull (strstr (row->explanation, "16:30–00:30 UTC"));
        }
      else if (row->offer == flash)
        g_assert_false (row->off_peak);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  w.off_peak = FALSE;
  rows = sp_estimate_run (offers, &w, ctx, &error);
  for (guint i = 0; i < rows->len; i++)
    {
      SpEstimateRow *row = g_ptr_array_index (rows, i);

      /* 10 × 0.27 + 2 × 1.1 = 4.90 */
      if (row->offer == chat)
        g_assert_cmpint (row->monthly_cost, ==, M (4, 900000));
    }
}

/* A schema-3 database (offers without the new columns) is brought to 4:
 * its offers load with no source, not retired, and the next import fills
 * them in. */
static void
test_migration_3_to_4 (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *db_path = g_build_filename (dir->path, "suanpan.db", NULL);
  g_autoptr(SpImportResult) cn = import_catalog ("llm_prices_cn/prices.2026-08-01.json",
                                                 SP_FEED_FORMAT_LLM_PRICES_CN);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  guint retired = 0;

  if (cn == NULL)
    return;
  store = sp_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, cn, 1000, NULL, &error));
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN;"
                                 SP_TEST_UNDO_STORE_MIGRATION_4
                                 "PRAGMA user_version = 3; COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = sp_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  offers = sp_store_load_offers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, ==, 55);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      g_assert_false (sp_offer_get_retired (o));
      g_assert_null (sp_offer_get_price_source_url (o));
      g_assert_null (sp_offer_get_variants (o));
      g_assert_cmpint (sp_offer_get_cache_write_price (o), ==, SP_MONEY_UNKNOWN);
    }
  g_clear_pointer (&offers, g_ptr_array_unref);

  g_assert_true (sp_store_replace_source (store, cn, 2000, NULL, &error));
  offers = sp_store_load_offers (store, &error);
  for (guint i = 0; i < offers->len; i++)
    retired += sp_offer_get_retired (g_ptr_array_index (offers, i));
  g_assert_cmpuint (retired, ==, 1);
}

static void
test_cli (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *cn = sp_test_catalog ("llm_prices_cn/prices.2026-08-01.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonObject *tier;

  if (cn == NULL)
    return;
  {
    const char *args[] = { cn, NULL };
    g_assert_cmpint (sp_test_run_cli_in (dir->path, "import", args, &out, &err), ==, 0);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* retired models are hidden unless asked for */
  {
    const char *args[] = { "--json", NULL };
    g_assert_cmpint (sp_test_run_cli_in (dir->path, "offers", args, &out, &err), ==, 0);
  }
  root = sp_test_parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 54);
  g_assert_null (sp_test_json_find (json_node_get_array (root), "id", "deepseek-v3-2-legacy"));
  o = sp_test_json_find (json_node_get_array (root), "id", "qwen3-5-flash");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "CNY");
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, "qwen3-5-flash");
  g_assert_cmpstr (json_object_get_string_member (o, "vendor_name_zh"), ==, "阿里通义");
  g_assert_cmpstr (json_object_get_string_member (o, "price_source_url"), ==,
                   "https://help.aliyun.com/zh/model-studio/model-pricing");
  g_assert_cmpstr (json_object_get_string_member (o, "verified_at"), ==, "2026-08-01");
  g_assert_false (json_object_get_boolean_member (o, "retired"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "attribution"), "CC-BY-4.0"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tiers")), ==, 2);
  tier = json_array_get_object_element (json_object_get_array_member (o, "tiers"), 1);
  g_assert_cmpint (json_object_get_int_member (tier, "above_input_tokens"), ==, 256000);
  g_assert_cmpstr (json_object_get_string_member (tier, "input_price"), ==, "1.20");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "variants")), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *args[] = { "--json", "--include-retired", NULL };
    g_assert_cmpint (sp_test_run_cli_in (dir->path, "offers", args, &out, &err), ==, 0);
  }
  root = sp_test_parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 55);
  o = sp_test_json_find (json_node_get_array (root), "id", "deepseek-v3-2-legacy");
  g_assert_true (json_object_get_boolean_member (o, "retired"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --off-peak needs tokens */
  {
    const char *args[] = { "--gpu-hours", "10", "--off-peak", NULL };
    g_assert_cmpint (sp_test_run_cli_in (dir->path, "estimate", args, &out, &err), !=, 0);
    g_assert_nonnull (strstr (err, "--off-peak"));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/adapters/llm-prices-cn/snapshot-2026-08-01", test_cn_newer);
  g_test_add_func ("/core/adapters/llm-prices-cn/snapshot-2026-07-03", test_cn_older);
  g_test_add_func ("/core/adapters/llm-prices-cn/hostile", test_cn_hostile);
  g_test_add_func ("/core/adapters/genai-prices/snapshot", test_genai_snapshot);
  g_test_add_func ("/core/adapters/genai-prices/hostile", test_genai_hostile);
  g_test_add_func ("/core/adapters/litellm/tiered-snapshot", test_litellm_tiered_snapshot);
  g_test_add_func ("/core/adapters/litellm/tiered-entries", test_litellm_tiered_entries);
  g_test_add_func ("/core/price-feeds/store-and-estimate", test_store_round_trip);
  g_test_add_func ("/core/price-feeds/migration-3-to-4", test_migration_3_to_4);
  g_test_add_func ("/core/price-feeds/cli", test_cli);

  return g_test_run ();
}
