/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-adapters.c — LiteLLM, OpenRouter and SkyPilot adapters
 *
 * Every expected price below was worked out by hand from the raw catalog
 * text (the line is quoted next to it), never by running the adapter.
 */
#include "config.h"

#include <string.h>

#include "sp-import-private.h"
#include "sp-test-util.h"
#include "sp-vendors.h"

typedef gboolean (*AdapterFunc) (const char *, gsize, SpImportResult *, GError **);

/* ---- helpers ---------------------------------------------------------- */

static SpImportResult *
parse_catalog (const char   *relative,
               SpFeedFormat  format,
               const char   *source)
{
  return sp_test_import_catalog (relative, format, source, format);
}

/* Calls the adapter directly on an exactly sized heap copy of @text (no NUL
 * after it, so ASan sees any read past the end). */
static SpImportResult *
parse_direct (AdapterFunc   func,
              const char   *text,
              gssize        len,
              const char   *source,
              GError      **error)
{
  g_autoptr(SpImportResult) result = sp_import_result_new (SP_FEED_FORMAT_AUTO, source);
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  g_autofree char *copy = n > 0 ? g_memdup2 (text, n) : NULL;

  if (!func (copy ? copy : "", n, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* as the cases name them */
#define find_offer sp_test_find_offer
#define skip_for_key sp_test_find_skip

static SpOffer *
get_offer (SpImportResult *result,
           const char     *id)
{
  SpOffer *offer = find_offer (result, id);

  if (offer == NULL)
    g_error ("no offer with id “%s”", id);
  return offer;
}

/* The rows of @result: read, normalized to offers, skipped */
static void
assert_rows (SpImportResult *result,
             guint           read,
             guint           normalized,
             guint           skipped)
{
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, read);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, normalized);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, skipped);
}

/* How many skips have exactly this reason. */
static guint
count_skips (SpImportResult *result,
             const char     *reason)
{
  GArray *skips = sp_import_result_get_skips (result);
  guint n = 0;

  for (guint i = 0; i < skips->len; i++)
    if (g_strcmp0 (g_array_index (skips, SpImportSkip, i).reason, reason) == 0)
      n++;
  return n;
}

static void
assert_tokens (SpOffer *offer,
               SpMoney  input,
               SpMoney  output,
               SpMoney  cached,
               gint64   context)
{
  g_assert_cmpint (offer->kind, ==, SP_OFFER_KIND_TOKENS);
  g_assert_cmpstr (offer->currency, ==, "USD");
  g_assert_cmpint (offer->input_price, ==, input);
  g_assert_cmpint (offer->price, ==, input);
  g_assert_cmpint (offer->output_price, ==, output);
  g_assert_cmpint (offer->cached_input_price, ==, cached);
  g_assert_cmpint (offer->context_window, ==, context);
}

static void
assert_error (AdapterFunc  func,
              const char  *text,
              gssize       len,
              int          code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_direct (func, text, len, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

/* ---- LiteLLM ---------------------------------------------------------- */

static void
test_litellm_snapshot (void)
{
  g_autoptr(SpImportResult) result =
    parse_catalog ("litellm/model_prices_and_context_window.json", SP_FEED_FORMAT_LITELLM, NULL);
  SpOffer *o;

  if (result == NULL)
    return;

  /* 2,497 top-level keys in the file, 4 of them duplicates (json-glib keeps the
   * last copy): 2,493 entries.  Text models: chat 1926 + completion 51 +
   * responses 44 + 8 without mode = 2,029, of which 119 have neither
   * input_cost_per_token nor output_cost_per_token; 10 of those (DashScope
   * Qwen) are priced through tiered_pricing -> 1,920 offers. */
  assert_rows (result, 2493, 1920, 573);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==,
                    sp_import_result_get_rows_normalized (result) +
                    sp_import_result_get_rows_skipped (result));
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "litellm");

  /* grouped reasons: mode counts from the file */
  g_assert_cmpuint (count_skips (result, "not a text model (image_generation)"), ==, 182);
  g_assert_cmpuint (count_skips (result, "not a text model (embedding)"), ==, 102);
  g_assert_cmpuint (count_skips (result, "documentation entry"), ==, 1);
  g_assert_cmpuint (count_skips (result, "no per-token price"), ==, 109);
  g_assert_cmpuint (skip_for_key (result, "sample_spec")->row, ==, 1);

  /* "gpt-4o": input 2.5e-06, output 1e-05, cache read 1.25e-06, max_input 128000 */
  o = get_offer (result, "gpt-4o");
  assert_tokens (o, 2500000, 10000000, 1250000, 128000);
  g_assert_cmpstr (o->model, ==, "gpt-4o");
  g_assert_cmpstr (o->source, ==, "litellm");
  g_assert_cmpstr (o->vendor_id, ==, "openai");
  g_assert_cmpstr (o->vendor_name, ==, "OpenAI");
  g_assert_cmpstr (o->list_price, ==, "2.5e-06");
  g_assert_cmpstr (o->list_unit, ==, "token");
  g_assert_null (o->tiers);
  g_assert_true (o->vendor_id == g_intern_string ("openai"));

  /* float artifacts: input 2.9999900000000002e-06 -> 2.9999900000000002 per 1M
   * -> 2.999990; output 1.5000020000000002e-05 -> 15.000020 */
  o = get_offer (result, "databricks/databricks-claude-3-7-sonnet");
  assert_tokens (o, 2999990, 15000020, SP_MONEY_UNKNOWN, 200000);
  g_assert_cmpstr (o->list_price, ==, "2.9999900000000002e-06");
  g_assert_cmpstr (o->vendor_id, ==, "databricks");

  /* input 3.0001999999999996e-07 -> 0.30001999999999996 -> half up 0.300020;
   * output 2.49998e-06 -> 2.499980 */
  o = get_offer (result, "databricks/databricks-gemini-2-5-flash");
  assert_tokens (o, 300020, 2499980, SP_MONEY_UNKNOWN, 1048576);

  /* input 5.0001e-07 -> 0.500010; output 1.5000300000000002e-06 -> 1.500030 */
  o = get_offer (result, "databricks/databricks-llama-2-70b-chat");
  assert_tokens (o, 500010, 1500030, SP_MONEY_UNKNOWN, 4096);

  /* gemini/gemini-2.5-pro: 1.25e-06 / 1e-05 / cache 1.25e-07, and above 200k
   * 2.5e-06 / 1.5e-05 / cache 2.5e-07 */
  o = get_offer (result, "gemini/gemini-2.5-pro");
  assert_tokens (o, 1250000, 10000000, 125000, 1048576);
  g_assert_cmpuint (o->tiers->len, ==, 1);
  sp_test_assert_tier (o, 0, 200000, 2500000, 15000000, 250000);

  /* gemini-1.5-flash: 7.5e-08 / 3e-07, above 128k 1e-06 / 6e-07 (the
   * per-character and per-image "above" fields are not token tiers) */
  o = get_offer (result, "gemini-1.5-flash");
  assert_tokens (o, 75000, 300000, SP_MONEY_UNKNOWN, 1000000);
  g_assert_cmpuint (o->tiers->len, ==, 1);
  sp_test_assert_tier (o, 0, 128000, 1000000, 600000, SP_MONEY_UNKNOWN);

  /* integer prices: "input_cost_per_token": 0 — free, not unknown;
   * "cache_read_input_token_cost": 0.0 and the 128k tier all 0 too */
  o = get_offer (result, "gemini-2.0-flash-thinking-exp");
  assert_tokens (o, 0, 0, 0, 1048576);
  g_assert_cmpuint (o->tiers->len, ==, 1);
  sp_test_assert_tier (o, 0, 128000, 0, 0, SP_MONEY_UNKNOWN);
  g_assert_cmpstr (o->list_price, ==, "0");
  g_assert_cmpstr (o->vendor_name, ==, "Google Vertex AI");

  /* "max_input_tokens": 2000000.0 (a float) */
  o = get_offer (result, "xai/grok-4-1-fast");
  g_assert_cmpint (o->context_window, ==, 2000000);

  /* duplicate key in the file: read once */
  g_assert_nonnull (find_offer (result, "anthropic.claude-opus-4-6-v1"));

  /* entries without mode but with token prices are offers */
  g_assert_nonnull (find_offer (result, "fireworks-ai-up-to-4b"));
  /* image models are not */
  g_assert_null (find_offer (result, "1024-x-1024/dall-e-2"));
}

static void
test_litellm_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  SpOffer *o;
  const char *text =
    "{\n"
    "  \"sample_spec\": {\"max_tokens\": \"LEGACY\", \"input_cost_per_token\": 0.0},\n"
    "  \"tiered\": {\"litellm_provider\": \"vertex_ai-language-models\", \"mode\": \"chat\",\n"
    "     \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06,\n"
    "     \"input_cost_per_token_above_200k_tokens\": 3e-06,\n"
    "     \"output_cost_per_token_above_200k_tokens\": 4e-06,\n"
    "     \"input_cost_per_token_above_128k_tokens\": 1.5e-06,\n"
    "     \"cache_read_input_token_cost_above_200k_tokens\": 3e-07,\n"
    "     \"input_cost_per_token_above_8s_interval\": 9,\n"
    "     \"max_tokens\": 8192},\n"
    "  \"no-mode\": {\"litellm_provider\": \"fireworks_ai\", \"output_cost_per_token\": 9e-07,\n"
    "     \"max_tokens\": \"many\"},\n"
    "  \"no-mode-no-price\": {\"litellm_provider\": \"x\", \"input_cost_per_second\": 1},\n"
    "  \"img\": {\"litellm_provider\": \"openai\", \"mode\": \"image_generation\",\n"
    "     \"input_cost_per_token\": 1e-06},\n"
    "  \"img2\": {\"litellm_provider\": \"openai\", \"mode\": \"image_generation\"},\n"
    "  \"weird-mode\": {\"litellm_provider\": \"openai\", \"mode\": 7},\n"
    "  \"str\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": \"1e-06\"},\n"
    "  \"bool\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"output_cost_per_token\": true},\n"
    "  \"obj\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": {}},\n"
    "  \"null\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": null},\n"
    "  \"neg\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": -1e-06},\n"
    "  \"huge\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": 2.5},\n"
    "  \"edge\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": 1},\n"
    "  \"bigint\": {\"litellm_provider\": \"a\", \"mode\": \"chat\",\n"
    "     \"input_cost_per_token\": 9223372036854775807},\n"
    "  \"badtier\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06,\n"
    "     \"output_cost_per_token_above_200k_tokens\": \"x\"},\n"
    "  \"noprov\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-06},\n"
    "  \"scalar\": 5,\n"
    "  \"dup\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06},\n"
    "  \"dup\": {\"litellm_provider\": \"a\", \"mode\": \"responses\", \"input_cost_per_token\": 2e-06},\n"
    "  \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\": {\n"
    "     \"litellm_provider\": \"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\\\"\",\n"
    "     \"mode\": \"completion\", \"input_cost_per_token\": 0}\n"
    "}\n";

  result = parse_direct (sp_adapter_litellm_parse, text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "litellm");

  /* 20 distinct keys ("dup" is there twice, json-glib keeps the last) */
  assert_rows (result, 20, 5, 15);

  /* tiers sorted ascending; the 8s-interval field is not a token tier */
  o = get_offer (result, "tiered");
  assert_tokens (o, 1000000, 2000000, SP_MONEY_UNKNOWN, 8192);
  g_assert_cmpstr (o->vendor_name, ==, "Google Vertex AI");
  g_assert_cmpuint (o->tiers->len, ==, 2);
  sp_test_assert_tier (o, 0, 128000, 1500000, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN);
  sp_test_assert_tier (o, 1, 200000, 3000000, 4000000, 300000);

  /* mode absent but a token price: an offer; max_tokens as text is ignored */
  o = get_offer (result, "no-mode");
  assert_tokens (o, SP_MONEY_UNKNOWN, 900000, SP_MONEY_UNKNOWN, 0);
  g_assert_null (o->list_price);
  g_assert_cmpstr (o->vendor_name, ==, "Fireworks AI");

  /* 1 USD per token = 10^6 per 1M: the largest price still accepted */
  o = get_offer (result, "edge");
  assert_tokens (o, G_GINT64_CONSTANT (1000000000000), SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN, 0);
  g_assert_cmpstr (o->list_price, ==, "1");
  g_assert_cmpstr (o->vendor_name, ==, "A");

  /* the last copy of a duplicate key wins */
  o = get_offer (result, "dup");
  g_assert_cmpint (o->input_price, ==, 2000000);

  /* brackets inside strings do not count as nesting */
  o = get_offer (result, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
  g_assert_cmpint (o->input_price, ==, 0);

  g_assert_cmpstr (skip_for_key (result, "sample_spec")->reason, ==, "documentation entry");
  g_assert_cmpstr (skip_for_key (result, "no-mode-no-price")->reason, ==, "no per-token price");
  g_assert_cmpstr (skip_for_key (result, "img")->reason, ==, "not a text model (image_generation)");
  g_assert_cmpstr (skip_for_key (result, "img2")->reason, ==, "not a text model (image_generation)");
  g_assert_cmpstr (skip_for_key (result, "weird-mode")->reason, ==, "mode is not text");
  g_assert_cmpstr (skip_for_key (result, "str")->reason, ==, "price is not a number (input_cost_per_token)");
  g_assert_cmpstr (skip_for_key (result, "bool")->reason, ==, "price is not a number (output_cost_per_token)");
  g_assert_cmpstr (skip_for_key (result, "obj")->reason, ==, "price is not a number (input_cost_per_token)");
  g_assert_cmpstr (skip_for_key (result, "null")->reason, ==, "price is not a number (input_cost_per_token)");
  g_assert_cmpstr (skip_for_key (result, "neg")->reason, ==, "negative price");
  g_assert_cmpstr (skip_for_key (result, "huge")->reason, ==, "price is too large");
  g_assert_cmpstr (skip_for_key (result, "bigint")->reason, ==, "price is too large");
  g_assert_cmpstr (skip_for_key (result, "badtier")->reason, ==,
                   "price is not a number (output_cost_per_token_above_200k_tokens)");
  g_assert_cmpstr (skip_for_key (result, "noprov")->reason, ==, "no provider");
  g_assert_cmpstr (skip_for_key (result, "scalar")->reason, ==, "entry is not an object");
  g_assert_cmpuint (skip_for_key (result, "img")->row, ==, 5);
}

static void
test_litellm_hostile (void)
{
  g_autofree char *deep = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  gsize n = 100000;

  /* truncated */
  assert_error (sp_adapter_litellm_parse,
                "{\"a\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-06", -1,
                SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_litellm_parse, "{\"a\": {\"mode\": \"chat\"}", -1, SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_litellm_parse, "", 0, SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_litellm_parse, "   \n", -1, SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_litellm_parse, "not json", -1, SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_litellm_parse, "{\"a\": NaN}", -1, SP_IMPORT_ERROR_SYNTAX);

  /* wrong top level */
  assert_error (sp_adapter_litellm_parse, "[]", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_litellm_parse, "[{\"mode\": \"chat\"}]", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_litellm_parse, "\"gpt-4o\"", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_litellm_parse, "42", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_litellm_parse, "null", -1, SP_IMPORT_ERROR_SHAPE);

  /* invalid UTF-8 (a lone continuation byte in a key), and an embedded NUL */
  assert_error (sp_adapter_litellm_parse, "{\"gpt\x80\": {}}", -1, SP_IMPORT_ERROR_ENCODING);
  assert_error (sp_adapter_litellm_parse, "{\"a\": {}}\0", 10, SP_IMPORT_ERROR_ENCODING);

  /* 100,000 nested arrays are refused before json-glib recurses into them */
  deep = g_malloc (n);
  memset (deep, '[', n);
  assert_error (sp_adapter_litellm_parse, deep, (gssize) n, SP_IMPORT_ERROR_SHAPE);
  memset (deep, '{', n);
  assert_error (sp_adapter_litellm_parse, deep, (gssize) n, SP_IMPORT_ERROR_SHAPE);
  /* 64 levels are fine, 65 are not */
  {
    g_autoptr(GString) ok = g_string_new ("{\"m\": {\"litellm_provider\": \"a\", \"mode\": \"chat\", "
                                          "\"input_cost_per_token\": 1e-06, \"x\": ");
    g_autoptr(SpImportResult) r = NULL;

    for (int i = 0; i < 62; i++)
      g_string_append_c (ok, '[');
    for (int i = 0; i < 62; i++)
      g_string_append_c (ok, ']');
    g_string_append (ok, "}}");
    r = parse_direct (sp_adapter_litellm_parse, ok->str, (gssize) ok->len, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 1);

    g_string_insert_c (ok, ok->len - 2 - 62, '[');
    g_string_insert_c (ok, ok->len - 2, ']');
    assert_error (sp_adapter_litellm_parse, ok->str, (gssize) ok->len, SP_IMPORT_ERROR_SHAPE);
  }

  /* numbers too large for a double or an int64: json-glib 1.6 alone would
   * read 99999999999999999999 as -1 and -99999999999999999999 as 1 */
  result = parse_direct (sp_adapter_litellm_parse,
                         "{\"a\": {\"litellm_provider\": \"p\", \"mode\": \"chat\", "
                         "\"input_cost_per_token\": 1e400},"
                         " \"b\": {\"litellm_provider\": \"p\", \"mode\": \"chat\", "
                         "\"input_cost_per_token\": 99999999999999999999},"
                         " \"b2\": {\"litellm_provider\": \"p\", \"mode\": \"chat\", "
                         "\"input_cost_per_token\": -99999999999999999999},"
                         " \"b3\": {\"litellm_provider\": \"p\", \"mode\": \"chat\", "
                         "\"output_cost_per_token\": 18446744073709551615},"
                         " \"c\": {\"litellm_provider\": \"p\", \"mode\": \"chat\", "
                         "\"output_cost_per_token\": -0.0, \"input_cost_per_token\": 1e-400,"
                         " \"max_input_tokens\": 99999999999999999999, \"max_tokens\": 7,"
                         " \"note\": \"12345678901234567890123\"}}",
                         -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 5);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 1);
  g_assert_cmpstr (skip_for_key (result, "a")->reason, ==, "price is not a finite number");
  g_assert_cmpstr (skip_for_key (result, "b")->reason, ==, "price is too large");
  g_assert_cmpstr (skip_for_key (result, "b2")->reason, ==, "negative price");
  g_assert_cmpstr (skip_for_key (result, "b3")->reason, ==, "price is too large");
  /* -0.0 is 0; 1e-400 underflows to 0; the absurd context falls back to max_tokens */
  g_assert_cmpint (get_offer (result, "c")->input_price, ==, 0);
  g_assert_cmpint (get_offer (result, "c")->output_price, ==, 0);
  g_assert_cmpint (get_offer (result, "c")->context_window, ==, 7);
  g_clear_object (&result);

  /* through the public entry point: a catalog with no usable entry is EMPTY */
  result = sp_import_parse ("{\"sample_spec\": {}}", 19, SP_FEED_FORMAT_LITELLM, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY);
}

/* ---- OpenRouter ------------------------------------------------------- */

static void
test_openrouter_2026 (void)
{
  g_autoptr(SpImportResult) result =
    parse_catalog ("openrouter/openrouter_models_2026-08-01.json", SP_FEED_FORMAT_OPENROUTER, NULL);
  const SpImportSkip *skip;
  SpOffer *o;

  if (result == NULL)
    return;

  /* 336 models; 5 routers have prompt and completion "-1" */
  assert_rows (result, 336, 331, 5);
  g_assert_cmpuint (count_skips (result, "variable price, not comparable"), ==, 5);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "openrouter");

  skip = skip_for_key (result, "openrouter/auto");
  g_assert_nonnull (skip);
  g_assert_cmpstr (skip->reason, ==, "variable price, not comparable");
  g_assert_null (find_offer (result, "openrouter/auto"));

  /* "prompt":"0.00000014","completion":"0.00000028","input_cache_read":"0.0000000028" */
  o = get_offer (result, "deepseek/deepseek-v4-flash-0731");
  assert_tokens (o, 140000, 280000, 2800, 1048576);
  g_assert_cmpstr (o->model, ==, "deepseek/deepseek-v4-flash-0731");
  g_assert_cmpstr (o->name, ==, "DeepSeek: DeepSeek V4 Flash 0731");
  g_assert_cmpstr (o->vendor_id, ==, "deepseek");
  g_assert_cmpstr (o->vendor_name, ==, "DeepSeek");
  g_assert_cmpstr (o->source, ==, "openrouter");
  g_assert_cmpstr (o->list_price, ==, "0.00000014");
  g_assert_cmpstr (o->list_unit, ==, "token");
  g_assert_null (o->note);
  g_assert_null (o->tiers);

  /* float noise in the text: "completion":"0.0000006000000000000001" -> 0.600000;
   * override at 272000: "completion":"0.00000090000000000000005" -> 0.900000 */
  o = get_offer (result, "openai/gpt-5.6-luna");
  assert_tokens (o, 100000, 600000, 10000, 1050000);
  g_assert_cmpuint (o->tiers->len, ==, 1);
  sp_test_assert_tier (o, 0, 272000, 200000, 900000, 20000);

  /* "prompt":"0.00000100000000000000015" -> 1.000000; override prompt
   * "0.0000020000000000000005" -> 2.000000, completion "0.000009" -> 9 */
  o = get_offer (result, "openai/gpt-5.6-terra");
  assert_tokens (o, 1000000, 6000000, 100000, o->context_window);
  sp_test_assert_tier (o, 0, 272000, 2000000, 9000000, 200000);

  /* google/gemini-2.5-pro: 0.00000125 / 0.00001 / 0.000000125; over 200000:
   * 0.0000025 / 0.000015 / 0.00000025 */
  o = get_offer (result, "google/gemini-2.5-pro");
  assert_tokens (o, 1250000, 10000000, 125000, 1048576);
  sp_test_assert_tier (o, 0, 200000, 2500000, 15000000, 250000);
  g_assert_cmpstr (o->vendor_name, ==, "Google");

  /* two overrides, in ascending order: 32000 then 128000 */
  o = get_offer (result, "qwen/qwen3-max-thinking");
  assert_tokens (o, 780000, 3900000, SP_MONEY_UNKNOWN, o->context_window);
  g_assert_cmpuint (o->tiers->len, ==, 2);
  sp_test_assert_tier (o, 0, 32000, 1560000, 7800000, SP_MONEY_UNKNOWN);
  sp_test_assert_tier (o, 1, 128000, 1950000, 9750000, SP_MONEY_UNKNOWN);

  /* free: "0" is a price of zero, not an unknown price */
  o = get_offer (result, "openai/gpt-oss-20b:free");
  assert_tokens (o, 0, 0, SP_MONEY_UNKNOWN, 131072);

  /* alias ids start with '~'; the vendor is after it */
  o = get_offer (result, "~x-ai/grok-latest");
  g_assert_cmpstr (o->vendor_id, ==, "x-ai");
  g_assert_cmpstr (o->vendor_name, ==, "xAI");
}

static void
test_openrouter_2025 (void)
{
  g_autoptr(SpImportResult) result =
    parse_catalog ("openrouter_2025-07_tools/openrouter_models.json", SP_FEED_FORMAT_OPENROUTER,
                   "openrouter-2025");
  SpOffer *o;

  if (result == NULL)
    return;

  /* older schema: no total_count, no overrides, no "-1" */
  assert_rows (result, 151, 151, 0);

  /* "prompt": "0.0000025", "completion": "0.00001", "input_cache_read": "0.00000125" */
  o = get_offer (result, "openai/gpt-4o");
  assert_tokens (o, 2500000, 10000000, 1250000, 128000);
  g_assert_cmpstr (o->source, ==, "openrouter-2025");
  g_assert_cmpstr (o->name, ==, "OpenAI: GPT-4o");

  /* "0.000003" / "0.000015" / "0.0000003" */
  o = get_offer (result, "anthropic/claude-sonnet-4");
  assert_tokens (o, 3000000, 15000000, 300000, 200000);
  g_assert_cmpstr (o->vendor_name, ==, "Anthropic");

  o = get_offer (result, "deepseek/deepseek-chat-v3-0324:free");
  assert_tokens (o, 0, 0, SP_MONEY_UNKNOWN, 131072);
}

static void
test_openrouter_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  SpOffer *o;
  const char *text =
    "{\"data\": [\n"
    " {\"id\": \"r/half\", \"name\": \"Half\", \"pricing\": {\"prompt\": \"-1\", \"completion\": \"0.000002\"}},\n"
    " {\"id\": \"r/both\", \"pricing\": {\"prompt\": \"-1\", \"completion\": \"-1\"}},\n"
    " {\"id\": \"r/none\", \"pricing\": {\"image\": \"0.01\"}},\n"
    " {\"id\": \"n/num\", \"pricing\": {\"prompt\": 0.000001, \"completion\": \"0.000002\"}},\n"
    " {\"id\": \"n/nan\", \"pricing\": {\"prompt\": \"NaN\", \"completion\": \"0\"}},\n"
    " {\"id\": \"n/inf\", \"pricing\": {\"prompt\": \"0\", \"completion\": \"Infinity\"}},\n"
    " {\"id\": \"n/big\", \"pricing\": {\"prompt\": \"99999999999999999999\", \"completion\": \"0\"}},\n"
    " {\"id\": \"n/e400\", \"pricing\": {\"prompt\": \"1e400\", \"completion\": \"0\"}},\n"
    " {\"id\": \"n/absurd\", \"pricing\": {\"prompt\": \"1.5\", \"completion\": \"0\"}},\n"
    " {\"id\": \"n/neg\", \"pricing\": {\"prompt\": \"-0.000001\", \"completion\": \"0\"}},\n"
    " {\"id\": \"n/text\", \"pricing\": {\"prompt\": \"cheap\", \"completion\": \"0\"}},\n"
    " {\"id\": \"n/cache\", \"pricing\": {\"prompt\": \"0\", \"completion\": \"0\", \"input_cache_read\": []}},\n"
    " {\"id\": \"n/tier\", \"pricing\": {\"prompt\": \"0\", \"completion\": \"0\",\n"
    "     \"overrides\": [{\"min_prompt_tokens\": 100, \"prompt\": 5}]}},\n"
    " {\"id\": \"n/nopricing\", \"pricing\": \"free\"},\n"
    " {\"name\": \"no id\", \"pricing\": {\"prompt\": \"0\", \"completion\": \"0\"}},\n"
    " {\"id\": 7, \"pricing\": {\"prompt\": \"0\", \"completion\": \"0\"}},\n"
    " [\"not\", \"an\", \"object\"],\n"
    " {\"id\": \"ok/tiers\", \"context_length\": null, \"top_provider\": {\"context_length\": 4096},\n"
    "  \"pricing\": {\"prompt\": \" 0.0000001 \", \"completion\": \"1e-6\", \"input_cache_read\": \"-1\",\n"
    "  \"overrides\": [{\"min_prompt_tokens\": 9000, \"prompt\": \"0.0000003\"},\n"
    "                 {\"prompt\": \"0.1\"}, 5,\n"
    "                 {\"min_prompt_tokens\": 1000, \"prompt\": \"0.0000002\", \"completion\": \"-1\"}]}},\n"
    " {\"id\": \"noslash\", \"pricing\": {\"prompt\": \"0\", \"completion\": \"0\"}},\n"
    " {\"id\": \"ok/dup\", \"pricing\": {\"prompt\": \"0.000001\", \"completion\": \"0\"}},\n"
    " {\"id\": \"ok/dup\", \"pricing\": {\"prompt\": \"0.000009\", \"completion\": \"0\"}}\n"
    "], \"total_count\": 21}";

  result = parse_direct (sp_adapter_openrouter_parse, text, -1, "or-test", &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  assert_rows (result, 21, 4, 17);

  /* one of two prices variable: an offer with the other price and a note */
  o = get_offer (result, "r/half");
  assert_tokens (o, SP_MONEY_UNKNOWN, 2000000, SP_MONEY_UNKNOWN, 0);
  g_assert_cmpstr (o->note, ==, "variable price (router)");
  g_assert_cmpstr (o->vendor_id, ==, "r");
  g_assert_cmpstr (o->vendor_name, ==, "R");
  g_assert_cmpstr (o->source, ==, "or-test");
  g_assert_null (o->list_price);

  o = get_offer (result, "ok/tiers");
  assert_tokens (o, 100000, 1000000, SP_MONEY_UNKNOWN, 4096);
  g_assert_cmpstr (o->note, ==, "variable price (router)");
  g_assert_cmpstr (o->list_price, ==, " 0.0000001 ");
  g_assert_cmpuint (o->tiers->len, ==, 2);
  sp_test_assert_tier (o, 0, 1000, 200000, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN);
  sp_test_assert_tier (o, 1, 9000, 300000, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN);

  o = get_offer (result, "noslash");
  g_assert_cmpstr (o->vendor_id, ==, "openrouter");

  /* the first of two equal ids is kept */
  g_assert_cmpint (get_offer (result, "ok/dup")->input_price, ==, 1000000);

  g_assert_cmpstr (skip_for_key (result, "r/both")->reason, ==, "variable price, not comparable");
  g_assert_cmpstr (skip_for_key (result, "r/none")->reason, ==, "no price");
  g_assert_cmpstr (skip_for_key (result, "n/num")->reason, ==, "price is not decimal text (prompt)");
  g_assert_cmpstr (skip_for_key (result, "n/nan")->reason, ==, "price is not a finite number");
  g_assert_cmpstr (skip_for_key (result, "n/inf")->reason, ==, "price is not a finite number");
  g_assert_cmpstr (skip_for_key (result, "n/big")->reason, ==, "price is too large");
  g_assert_cmpstr (skip_for_key (result, "n/e400")->reason, ==, "price is too large");
  g_assert_cmpstr (skip_for_key (result, "n/absurd")->reason, ==, "price is too large");
  g_assert_cmpstr (skip_for_key (result, "n/neg")->reason, ==, "negative price");
  g_assert_cmpstr (skip_for_key (result, "n/text")->reason, ==, "price is not decimal text (prompt)");
  g_assert_cmpstr (skip_for_key (result, "n/cache")->reason, ==,
                   "price is not decimal text (input_cache_read)");
  g_assert_cmpstr (skip_for_key (result, "n/tier")->reason, ==, "price is not decimal text (prompt)");
  g_assert_cmpstr (skip_for_key (result, "n/nopricing")->reason, ==, "no price");
  g_assert_cmpuint (skip_for_key (result, "n/nopricing")->row, ==, 14);
  g_assert_cmpuint (count_skips (result, "no model id"), ==, 2);
  g_assert_cmpuint (count_skips (result, "entry is not an object"), ==, 1);
  g_assert_nonnull (skip_for_key (result, "ok/dup"));
}

static void
test_openrouter_hostile (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *deep_in_data = NULL;

  assert_error (sp_adapter_openrouter_parse, "{\"data\": [{\"id\": \"a/b\"", -1, SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_openrouter_parse, "", 0, SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_openrouter_parse, "{\"data\": [1,]}", -1, SP_IMPORT_ERROR_SYNTAX);
  assert_error (sp_adapter_openrouter_parse, "[]", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_openrouter_parse, "{}", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_openrouter_parse, "{\"data\": {}}", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_openrouter_parse, "{\"data\": \"[]\"}", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_openrouter_parse, "{\"data\": null}", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_openrouter_parse, "true", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_openrouter_parse, "{\"data\": [{\"id\": \"\xff\xfe\"}]}", -1,
                SP_IMPORT_ERROR_ENCODING);
  /* overlong encoding of '/' */
  assert_error (sp_adapter_openrouter_parse, "{\"data\": [{\"id\": \"a\xc0\xaf" "b\"}]}", -1,
                SP_IMPORT_ERROR_ENCODING);
  assert_error (sp_adapter_openrouter_parse, deep, 100000, SP_IMPORT_ERROR_SHAPE);
  deep_in_data = g_strconcat ("{\"data\": ", deep, NULL);
  assert_error (sp_adapter_openrouter_parse, deep_in_data, -1, SP_IMPORT_ERROR_SHAPE);

  /* an empty list is a valid (empty) response */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpImportResult) r = parse_direct (sp_adapter_openrouter_parse,
                                                "{\"data\": []}", -1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sp_import_result_get_rows_read (r), ==, 0);
    g_assert_cmpstr (sp_import_result_get_source (r), ==, "openrouter");
  }
}

/* ---- SkyPilot --------------------------------------------------------- */

static void
assert_compute (SpOffer     *o,
                SpOfferKind  kind,
                SpBilling    billing,
                SpMoney      price,
                const char  *list_price,
                const char  *region)
{
  g_assert_cmpint (o->kind, ==, kind);
  g_assert_cmpint (o->billing, ==, billing);
  g_assert_cmpint (o->price, ==, price);
  g_assert_cmpstr (o->list_price, ==, list_price);
  g_assert_cmpstr (o->list_unit, ==, "instance-hour");
  g_assert_cmpstr (o->currency, ==, "USD");
  g_assert_cmpstr (o->region, ==, region);
  g_assert_cmpint (o->input_price, ==, SP_MONEY_UNKNOWN);
}

static void
test_skypilot_aws (void)
{
  g_autoptr(SpImportResult) gpu =
    parse_catalog ("skypilot/v8_aws_vms.gpu_excerpt.csv", SP_FEED_FORMAT_SKYPILOT, NULL);
  g_autoptr(SpImportResult) cpu = NULL;
  SpOffer *o;

  if (gpu == NULL)
    return;

  /* 38 rows, each with a SpotPrice: 76 offers */
  assert_rows (gpu, 38, 76, 0);
  /* the cloud comes from the file name v8_aws_vms.gpu_excerpt.csv */
  g_assert_cmpstr (sp_import_result_get_source (gpu), ==, "aws");

  /* g6.xlarge,L4,1.0,4.0,16.0,"{… 'SizeInMiB': 22888 …}",0.9664,0.439100,ap-south-1,aps1-az1 */
  o = get_offer (gpu, "g6.xlarge@ap-south-1/aps1-az1");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 966400, "0.9664", "ap-south-1");
  g_assert_cmpstr (o->vendor_id, ==, "aws");
  g_assert_cmpstr (o->vendor_name, ==, "AWS");
  g_assert_cmpstr (o->source, ==, "aws");
  g_assert_cmpstr (o->gpu_model, ==, "L4");
  g_assert_cmpuint (o->gpu_count, ==, 1);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 22);  /* 22888 MiB = 22.35 GiB */
  g_assert_cmpuint (o->vcpus_milli, ==, 4000);
  g_assert_cmpuint (o->ram_mib, ==, 16384);
  g_assert_cmpstr (o->model, ==, "g6.xlarge");
  o = get_offer (gpu, "g6.xlarge@ap-south-1/aps1-az1/spot");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_SPOT, 439100, "0.439100", "ap-south-1");

  /* g6e.12xlarge,L40S,4.0,48.0,384.0,…'SizeInMiB': 45776…,15.21742,5.305100,ap-northeast-1,apne1-az1:
   * 15.21742 / 4 = 3.804355; 5.3051 / 4 = 1.326275 */
  o = get_offer (gpu, "g6e.12xlarge@ap-northeast-1/apne1-az1");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 3804355, "15.21742", "ap-northeast-1");
  g_assert_cmpuint (o->gpu_count, ==, 4);
  g_assert_cmpstr (o->gpu_model, ==, "L40S");
  g_assert_cmpuint (o->gpu_memory_gb, ==, 45);  /* 45776 MiB = 44.7 GiB */
  g_assert_cmpuint (o->vcpus_milli, ==, 48000);
  g_assert_cmpuint (o->ram_mib, ==, 393216);
  o = get_offer (gpu, "g6e.12xlarge@ap-northeast-1/apne1-az1/spot");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_SPOT, 1326275, "5.305100", "ap-northeast-1");

  /* …,12.90014,2.986900,ap-northeast-2,apne2-az1: 3.225035 and 0.746725 */
  g_assert_cmpint (get_offer (gpu, "g6e.12xlarge@ap-northeast-2/apne2-az1")->price, ==, 3225035);
  g_assert_cmpint (get_offer (gpu, "g6e.12xlarge@ap-northeast-2/apne2-az1/spot")->price, ==, 746725);
  /* …,13.12002,13.120000,eu-central-1,euc1-az3: spot equal to on-demand is still spot */
  g_assert_cmpint (get_offer (gpu, "g6e.12xlarge@eu-central-1/euc1-az3")->price, ==, 3280005);
  g_assert_cmpint (get_offer (gpu, "g6e.12xlarge@eu-central-1/euc1-az3/spot")->price, ==, 3280000);

  cpu = parse_catalog ("skypilot/v8_aws_vms.head.csv", SP_FEED_FORMAT_SKYPILOT, NULL);
  g_assert_cmpuint (sp_import_result_get_rows_read (cpu), ==, 38);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (cpu), ==, 76);
  /* a1.2xlarge,,,8.0,16.0,,0.2568,0.256800,ap-northeast-1,apne1-az2: 0.2568 / 8 = 0.0321 */
  o = get_offer (cpu, "a1.2xlarge@ap-northeast-1/apne1-az2");
  assert_compute (o, SP_OFFER_KIND_CPU, SP_BILLING_ON_DEMAND, 32100, "0.2568", "ap-northeast-1");
  g_assert_null (o->gpu_model);
  g_assert_cmpuint (o->gpu_count, ==, 0);
  g_assert_cmpuint (o->vcpus_milli, ==, 8000);
  g_assert_cmpuint (o->ram_mib, ==, 16384);
  o = get_offer (cpu, "a1.2xlarge@ap-northeast-1/apne1-az2/spot");
  assert_compute (o, SP_OFFER_KIND_CPU, SP_BILLING_SPOT, 32100, "0.256800", "ap-northeast-1");
  /* a1.4xlarge,,,16.0,32.0,,0.408,0.304700,…: 0.408 / 16 = 0.0255, 0.3047 / 16 = 0.01904375 -> 0.019044 */
  {
    GPtrArray *offers = sp_import_result_get_offers (cpu);
    gboolean seen = FALSE;

    for (guint i = 0; i < offers->len; i++)
      {
        SpOffer *x = g_ptr_array_index (offers, i);
        if (g_strcmp0 (x->list_price, "0.304700") == 0)
          {
            g_assert_cmpint (x->price, ==, 19044);
            g_assert_cmpint (x->billing, ==, SP_BILLING_SPOT);
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }
}

static void
test_skypilot_lambda (void)
{
  g_autoptr(SpImportResult) result =
    parse_catalog ("skypilot/v8_lambda_vms.head.csv", SP_FEED_FORMAT_SKYPILOT, NULL);
  SpOffer *o;

  if (result == NULL)
    return;

  /* CRLF; SpotPrice always empty: one offer per row */
  assert_rows (result, 51, 51, 0);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "lambda");

  /* gpu_8x_v100_n,V100,8.0,88.0,448.0,6.32,europe-central-1,"{…'SizeInMiB': 16384…}",
   * 6.32 / 8 = 0.79 per card-hour */
  o = get_offer (result, "gpu_8x_v100_n@europe-central-1");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 790000, "6.32", "europe-central-1");
  g_assert_cmpstr (o->vendor_name, ==, "Lambda");
  g_assert_cmpuint (o->gpu_count, ==, 8);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 16);
  g_assert_cmpuint (o->vcpus_milli, ==, 88000);
  g_assert_cmpuint (o->ram_mib, ==, 458752);
  g_assert_cmpstr (o->gpu_model, ==, "V100");
  g_assert_null (find_offer (result, "gpu_8x_v100_n@europe-central-1/spot"));

  /* cpu_4x_generalx,,,4.0,16.0,0.2,europe-central-1,,: 0.2 / 4 = 0.05; no CR left in fields */
  o = get_offer (result, "cpu_4x_generalx@europe-central-1");
  assert_compute (o, SP_OFFER_KIND_CPU, SP_BILLING_ON_DEMAND, 50000, "0.2", "europe-central-1");
}

static void
test_skypilot_runpod (void)
{
  g_autoptr(SpImportResult) head =
    parse_catalog ("skypilot/v8_runpod_vms.head.csv", SP_FEED_FORMAT_SKYPILOT, NULL);
  g_autoptr(SpImportResult) tail = NULL;
  SpOffer *o;

  if (head == NULL)
    return;

  /* columns in another order: …,MemoryGiB,Region,SpotPrice,Price,AvailabilityZone,GpuInfo */
  assert_rows (head, 53, 106, 0);
  g_assert_cmpstr (sp_import_result_get_source (head), ==, "runpod");

  /* 1x_A100-80GB_SECURE,A100-80GB,1.0,8.0,117.0,IN,1.39,1.39,AP-IN-1,"{…'SizeInMiB': 80…}" */
  o = get_offer (head, "1x_A100-80GB_SECURE@IN/AP-IN-1");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 1390000, "1.39", "IN");
  g_assert_cmpstr (o->vendor_name, ==, "RunPod");
  g_assert_cmpuint (o->gpu_memory_gb, ==, 80);  /* the source says MiB but means GB */
  g_assert_cmpuint (o->ram_mib, ==, 119808);
  o = get_offer (head, "1x_A100-80GB_SECURE@IN/AP-IN-1/spot");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_SPOT, 1390000, "1.39", "IN");

  /* 2x_A100-80GB_SECURE,A100-80GB,2.0,16.0,234.0,IN,2.78,2.78,AP-IN-1: 1.39 per card */
  o = get_offer (head, "2x_A100-80GB_SECURE@IN/AP-IN-1");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 1390000, "2.78", "IN");
  g_assert_cmpuint (o->gpu_count, ==, 2);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 80);

  tail = parse_catalog ("skypilot/v8_runpod_vms.tail.csv", SP_FEED_FORMAT_SKYPILOT, "runpod");
  g_assert_cmpuint (sp_import_result_get_rows_read (tail), ==, 26);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (tail), ==, 26);
  /* cpu5m-8-64,,,8.0,64.0,SG,,0.52,SEA-SG-1,: 0.52 / 8 = 0.065, no spot */
  o = get_offer (tail, "cpu5m-8-64@SG/SEA-SG-1");
  assert_compute (o, SP_OFFER_KIND_CPU, SP_BILLING_ON_DEMAND, 65000, "0.52", "SG");
  g_assert_null (find_offer (tail, "cpu5m-8-64@SG/SEA-SG-1/spot"));
}

static void
test_skypilot_vast (void)
{
  g_autoptr(SpImportResult) result =
    parse_catalog ("skypilot/v8_vast_vms.csv", SP_FEED_FORMAT_SKYPILOT, NULL);
  GPtrArray *offers;
  SpOffer *o;

  if (result == NULL)
    return;

  /* complete file, CRLF; SpotPrice 0.00 everywhere = no spot offers */
  assert_rows (result, 67, 67, 0);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "vast");

  offers = sp_import_result_get_offers (result);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *x = g_ptr_array_index (offers, i);
      g_assert_cmpint (x->billing, ==, SP_BILLING_ON_DEMAND);
      g_assert_cmpint (x->kind, ==, SP_OFFER_KIND_GPU);
      g_assert_null (strchr (x->region, '\r'));
      g_assert_null (strchr (x->region, '"'));
    }

  /* 8x-H100_SXM-32-65536,H100,8,32,64.0,"{…'SizeInMiB': 652472…}",16.00,0.00,"Vietnam, VN, AS":
   * 16.00 / 8 = 2; vast's SizeInMiB covers all 8 cards: 652472 / 8 = 81559 MiB -> 80 GB */
  o = get_offer (result, "8x-H100_SXM-32-65536@Vietnam, VN, AS");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 2000000, "16.00", "Vietnam, VN, AS");
  g_assert_cmpstr (o->vendor_name, ==, "Vast.ai");
  g_assert_cmpuint (o->gpu_count, ==, 8);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 80);
  /* AcceleratorName says only "H100"; the instance type says SXM */
  g_assert_cmpstr (o->gpu_model, ==, "H100 SXM");
  g_assert_null (find_offer (result, "8x-H100_SXM-32-65536@Vietnam, VN, AS/spot"));

  /* 16x-RTX_5090-32-65536,RTX5090,16,…,521712…,6.83,0.00,"Taiwan, TW, AS":
   * 6.83 / 16 = 0.426875; 521712 / 16 = 32607 MiB -> 32 GB */
  o = get_offer (result, "16x-RTX_5090-32-65536@Taiwan, TW, AS");
  g_assert_cmpint (o->price, ==, 426875);
  g_assert_cmpuint (o->gpu_count, ==, 16);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 32);
  g_assert_cmpstr (o->gpu_model, ==, "RTX 5090");

  /* 8x-Tesla_V100-32-65536,V100,8,…,131072…,0.85,0.00,"Sweden, SE, EU": 0.10625; 16 GB */
  o = get_offer (result, "8x-Tesla_V100-32-65536@Sweden, SE, EU");
  g_assert_cmpint (o->price, ==, 106250);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 16);

  /* 8x-H200…,17.88,…,"France, FR, EU": 2.235; 1150168 / 8 = 143771 MiB -> 140 GB */
  o = get_offer (result, "8x-H200-32-65536@France, FR, EU");
  g_assert_cmpint (o->price, ==, 2235000);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 140);

  /* same InstanceType, other memory: 1x-RTX_4090 in Hong Kong has 49140 MiB */
  g_assert_cmpuint (get_offer (result, "1x-RTX_4090-32-65536@Hong Kong, HK, AS")->gpu_memory_gb, ==, 48);
  g_assert_cmpuint (get_offer (result, "1x-RTX_4090-32-65536@Germany, DE, EU")->gpu_memory_gb, ==, 24);
  g_assert_cmpint (get_offer (result, "1x-RTX_4090-32-65536@Germany, DE, EU")->price, ==, 400000);
}

static void
test_skypilot_vendor_from_filename (void)
{
  const char *csv = "InstanceType,vCPUs,Price\nc1,2,0.10\n";
  struct {
    const char *filename;
    const char *source;
    const char *vendor_id;
    const char *vendor_name;
  } cases[] = {
    { "catalogs/v8/aws/vms.csv", NULL, "aws", "AWS" },
    { "/x/catalogs/v8/gcp/vms.csv", NULL, "gcp", "GCP" },
    { "v8_lambda_vms.head.csv", NULL, "lambda", "Lambda" },
    { "/tmp/v7_do_vms.csv", NULL, "do", "DigitalOcean" },
    { "/tmp/v8_vast_vms.csv", NULL, "vast", "Vast.ai" },
    { "catalogs/v8/nebius/vms.csv", NULL, "nebius", "Nebius" },
    { "catalogs/v8/coreweave/vms.csv", NULL, "coreweave", "Coreweave" },
    { "prices.csv", NULL, "skypilot", "SkyPilot" },
    { NULL, NULL, "skypilot", "SkyPilot" },
    { "catalogs/v8/aws/vms.csv", "my-aws", "my-aws", "My Aws" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpImportResult) result =
        sp_import_parse (csv, strlen (csv), SP_FEED_FORMAT_SKYPILOT, cases[i].source,
                         cases[i].filename, &error);
      SpOffer *o;

      g_assert_no_error (error);
      o = get_offer (result, "c1");
      g_assert_cmpstr (o->vendor_id, ==, cases[i].vendor_id);
      g_assert_cmpstr (o->source, ==, cases[i].vendor_id);
      g_assert_cmpstr (o->vendor_name, ==, cases[i].vendor_name);
      /* 0.10 / 2 vCPUs */
      g_assert_cmpint (o->price, ==, 50000);
      g_assert_cmpint (o->kind, ==, SP_OFFER_KIND_CPU);
      g_assert_null (o->region);
    }
}

static void
test_skypilot_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  const SpImportSkip *skip;
  SpOffer *o;
  /* BOM, CRLF and LF mixed, a quoted field with a doubled quote and a line
   * break, blank lines, no newline at the end */
  const char *csv =
    "\xEF\xBB\xBF" "Price,SpotPrice,InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Region,GpuInfo,Extra\r\n"
    "1.00,,third,H100,3,12,1.69921875,r1,,x\r\n"                                   /* 2 */
    "2.00,0,third,H100,3,12,1.5,r2,,x\n"                                            /* 3 */
    "1.00,0.30,half,T4,0.5,2,8,r1,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 15360}}]}\",x\n" /* 4 */
    "0.75,,small,,,0.25,0.5,r1,,x\n"                                                /* 5 */
    ",,noprice,,,2,1,r1,,x\n"                                                       /* 6 */
    "1.00,,short,,,2\n"                                                             /* 7 */
    "\n"                                                                            /* 8 */
    "1.00,,\"quo\"\"ted\nname\",,,4,8,\"a, b\",,x\n"                               /* 9-10 */
    "-1.00,,neg,,,2,1,r1,,x\n"                                                      /* 11 */
    "NaN,,nan,,,2,1,r1,,x\n"                                                        /* 12 */
    "99999999999999999999,,big,,,2,1,r1,,x\n"                                       /* 13 */
    "1.00,abc,badspot,,,2,1,r1,,x\n"                                                /* 14 */
    "1.00,,nocount,A10,,2,1,r1,,x\n"                                                /* 15 */
    "1.00,,zerocount,A10,0,2,1,r1,,x\n"                                             /* 16 */
    "1.00,,novcpu,,,,1,r1,,x\n"                                                     /* 17 */
    "1.00,,badvcpu,,,two,1,r1,,x\n"                                                 /* 18 */
    "1.00,,\"bad\"quote,,,2,1,r1,,x\n"                                              /* 19 */
    "1.00,0.50,third,H100,3,12,1.5,r1,,x\n"                                         /* 20: dup */
    ",,,,,,,,,\n"                                                                   /* 21 */
    "3.00,0.00,last,,,3,2,r9,,x";                                                   /* 22 */

  result = parse_direct (sp_adapter_skypilot_parse, csv, -1, "test", &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  /* 19 data lines (the blank line 8 is not a row; lines 9-10 are one row) */
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 19);

  /* 1.00 / 3 cards = 0.333333 (half up); 1.69921875 GiB = 1740 MiB exactly */
  o = get_offer (result, "third@r1");
  g_assert_cmpint (o->price, ==, 333333);
  g_assert_cmpuint (o->gpu_count, ==, 3);
  g_assert_cmpuint (o->ram_mib, ==, 1740);
  g_assert_cmpstr (o->gpu_model, ==, "H100");
  g_assert_cmpuint (o->gpu_memory_gb, ==, 0);
  g_assert_cmpint (o->billing, ==, SP_BILLING_ON_DEMAND);
  /* 2.00 / 3 = 0.666667; SpotPrice "0" is no spot */
  o = get_offer (result, "third@r2");
  g_assert_cmpint (o->price, ==, 666667);
  g_assert_null (find_offer (result, "third@r2/spot"));

  /* half a card: 1.00 / 0.5 = 2.00 per card-hour, 0.30 / 0.5 = 0.60 */
  o = get_offer (result, "half@r1");
  g_assert_cmpint (o->price, ==, 2000000);
  g_assert_cmpuint (o->gpu_count, ==, 1);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 15);
  g_assert_cmpstr (o->gpu_model, ==, "T4");
  g_assert_nonnull (o->note);
  g_assert_cmpint (get_offer (result, "half@r1/spot")->price, ==, 600000);

  /* a quarter vCPU: 0.75 / 0.25 = 3.00 per core-hour */
  o = get_offer (result, "small@r1");
  g_assert_cmpint (o->kind, ==, SP_OFFER_KIND_CPU);
  g_assert_cmpint (o->price, ==, 3000000);
  g_assert_cmpuint (o->vcpus_milli, ==, 250);
  g_assert_cmpuint (o->ram_mib, ==, 512);

  /* quoted fields: doubled quote, line break, comma */
  o = get_offer (result, "quo\"ted\nname@a, b");
  g_assert_cmpint (o->price, ==, 250000);
  g_assert_cmpstr (o->region, ==, "a, b");

  /* last line without a newline */
  o = get_offer (result, "last@r9");
  g_assert_cmpint (o->price, ==, 1000000);
  g_assert_null (find_offer (result, "last@r9/spot"));

  g_assert_cmpstr (skip_for_key (result, "noprice@r1")->reason, ==, "no price");
  g_assert_cmpuint (skip_for_key (result, "noprice@r1")->row, ==, 6);
  g_assert_cmpstr (skip_for_key (result, "neg@r1")->reason, ==, "negative price");
  g_assert_cmpstr (skip_for_key (result, "nan@r1")->reason, ==, "price is not a finite number");
  g_assert_cmpstr (skip_for_key (result, "big@r1")->reason, ==, "price is too large");
  g_assert_cmpstr (skip_for_key (result, "nocount@r1")->reason, ==, "no accelerator count");
  g_assert_cmpstr (skip_for_key (result, "zerocount@r1")->reason, ==, "accelerator count is zero");
  g_assert_cmpstr (skip_for_key (result, "novcpu@r1")->reason, ==, "no vCPU count");
  g_assert_cmpstr (skip_for_key (result, "badvcpu@r1")->reason, ==, "unreadable vCPU count");
  /* a bad spot price loses only the spot offer */
  g_assert_nonnull (skip_for_key (result, "badspot@r1/spot"));
  g_assert_cmpint (get_offer (result, "badspot@r1")->price, ==, 500000);
  /* the repeated row is a duplicate id; its spot offer is new */
  skip = skip_for_key (result, "third@r1");
  g_assert_nonnull (skip);
  g_assert_cmpuint (skip->row, ==, 20);
  g_assert_cmpint (get_offer (result, "third@r1/spot")->price, ==, 166667);

  /* wrong number of fields, with its line number */
  g_assert_cmpuint (count_skips (result, "wrong number of fields"), ==, 1);
  g_assert_cmpuint (count_skips (result, "misplaced quote"), ==, 1);
  g_assert_cmpuint (count_skips (result, "no instance type"), ==, 1);
  {
    GArray *skips = sp_import_result_get_skips (result);
    gboolean seen7 = FALSE, seen19 = FALSE, seen21 = FALSE;

    for (guint i = 0; i < skips->len; i++)
      {
        SpImportSkip *s = &g_array_index (skips, SpImportSkip, i);
        if (g_strcmp0 (s->reason, "wrong number of fields") == 0)
          seen7 = s->row == 7;
        if (g_strcmp0 (s->reason, "misplaced quote") == 0)
          seen19 = s->row == 19;
        if (g_strcmp0 (s->reason, "no instance type") == 0)
          seen21 = s->row == 21;
      }
    g_assert_true (seen7);
    g_assert_true (seen19);
    g_assert_true (seen21);
  }

  /* offers: third@r1, third@r2, half@r1, half@r1/spot, small@r1, quo…, badspot@r1,
   * third@r1/spot, last@r9 */
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 9);
  /* skipped: noprice, short, neg, nan, big, badspot/spot, nocount, zerocount,
   * novcpu, badvcpu, misplaced quote, duplicate third@r1, no instance type */
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 13);
}

static void
test_skypilot_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;

  /* empty, blank, header only without the columns */
  assert_error (sp_adapter_skypilot_parse, "", 0, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_skypilot_parse, "\r\n\n", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_skypilot_parse, "InstanceType,vCPUs\nc1,2\n", -1, SP_IMPORT_ERROR_SHAPE);
  assert_error (sp_adapter_skypilot_parse, "Price,vCPUs\n1,2\n", -1, SP_IMPORT_ERROR_SHAPE);
  /* JSON is not CSV: quotes inside an unquoted header field */
  assert_error (sp_adapter_skypilot_parse, "{\"data\": []}", -1, SP_IMPORT_ERROR_SYNTAX);
  /* a header with an unclosed quote */
  assert_error (sp_adapter_skypilot_parse, "\"InstanceType,Price\nc1,1\n", -1, SP_IMPORT_ERROR_SYNTAX);
  /* not UTF-8 (Latin-1 region name) */
  assert_error (sp_adapter_skypilot_parse, "InstanceType,vCPUs,Price,Region\nc1,2,1,Bretagne \xe9t\xe9\n",
                -1, SP_IMPORT_ERROR_ENCODING);
  /* …at every place in an ASCII text read eight bytes at a time: a
   * byte >= 0x80 that is no UTF-8, a NUL, a cut sequence at the end */
  {
    static const char *bad[] = { "\xe9", "\0", "\xc3", "\xff\xfe", "\xed\xa0\x80" };

    for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
      for (guint at = 19; at < 40; at++)
        {
          g_autoptr(GString) csv = g_string_new ("InstanceType,Price\nc1.largexxxxxxxxxxx,1\n");
          gsize n = b == 1 ? 1 : strlen (bad[b]);

          g_string_insert_len (csv, at, bad[b], (gssize) n);
          if (b == 2)   /* a lead byte cut off by the end of the text */
            g_string_truncate (csv, at + 1);
          assert_error (sp_adapter_skypilot_parse, csv->str, (gssize) csv->len,
                        SP_IMPORT_ERROR_ENCODING);
        }
  }
  /* UTF-8 after a long ASCII stretch is read */
  result = parse_direct (sp_adapter_skypilot_parse,
                         "InstanceType,vCPUs,Price,Region\nc1,2,1,Bretagne-\xc3\xa9t\xc3\xa9\n", -1,
                         "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 1);
  g_clear_object (&result);

  /* unbalanced quote in a row: that row is skipped; it ran to the end */
  result = parse_direct (sp_adapter_skypilot_parse,
                         "InstanceType,vCPUs,Price\r\nc1,2,1\r\nc2,\"2,1\r\nc3,2,1\r\n", -1,
                         "x", &error);
  g_assert_no_error (error);
  assert_rows (result, 2, 1, 1);
  g_assert_cmpuint (g_array_index (sp_import_result_get_skips (result), SpImportSkip, 0).row, ==, 3);
  g_clear_object (&result);

  /* header only: valid, nothing read; through sp_import_parse that is EMPTY */
  result = parse_direct (sp_adapter_skypilot_parse, "InstanceType,Price", -1, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 0);
  g_clear_object (&result);
  result = sp_import_parse ("InstanceType,Price\n", 19, SP_FEED_FORMAT_SKYPILOT, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* a 50,000-field line and an enormous quoted field do not hurt; the
   * enormous instance type is an id beyond the limit (sp-limits.h) */
  {
    g_autoptr(GString) s = g_string_new ("InstanceType,vCPUs,Price\nc1,2,1\n");
    for (int i = 0; i < 50000; i++)
      g_string_append (s, ",");
    g_string_append (s, "\n\"");
    for (int i = 0; i < 100000; i++)
      g_string_append (s, "\"\"");
    g_string_append (s, "\",1,1\n");
    result = parse_direct (sp_adapter_skypilot_parse, s->str, (gssize) s->len, "x", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 3);
    g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 1);
    g_assert_cmpuint (count_skips (result, "wrong number of fields"), ==, 1);
    g_assert_cmpuint (count_skips (result, "“id” is longer than 256 characters"), ==, 1);
  }
}

/* ---- GCP: accelerators priced with their host VM (issue 13, item 4) -- */

static void
test_skypilot_gcp (void)
{
  g_autoptr(SpImportResult) result =
    parse_catalog ("skypilot_gcp/gcp_vms.us-central1-a.csv", SP_FEED_FORMAT_SKYPILOT, NULL);
  g_autofree char *spec = NULL;
  GPtrArray *offers;
  guint n_gpu = 0, n_on_demand = 0;
  SpOffer *o;

  if (result == NULL)
    return;

  g_assert_cmpstr (sp_import_result_get_source (result), ==, "gcp");
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 521);
  /* 143 accelerator rows: 115 TPU slices (skipped, their own reason) and 28
   * GPU rows, every one paired: 24 GPU machine types (a2, a3, g2) and 10 n1
   * GPU rows (T4 ×3, P4 ×3, V100 ×4) with the n1 host */
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 115);
  g_assert_cmpuint (count_skips (result, "TPU slice (not a GPU offer)"), ==, 115);
  /* 354 CPU rows + 24 machines + 10 n1 GPU rows, each with a spot price */
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 2 * (354 + 24 + 10));

  /* a3-highgpu-8g,208.0,1872.0,,,,us-central1,us-central1-a,9.46006,3.86318
   * ,,,H100,8,{…'SizeInMiB': 81920…},us-central1,us-central1-a,33.60609,32.0104
   * (9.46006 + 33.60609) / 8 = 43.06615 / 8 = 5.38326875 -> 5.383269;
   * host part 9.46006 / 8 = 1.1825075 -> 1.182508 */
  o = get_offer (result, "a3-highgpu-8g@us-central1/us-central1-a");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 5383269, "43.06615", "us-central1");
  g_assert_cmpstr (o->host, ==, "a3-highgpu-8g");
  g_assert_cmpint (o->host_price, ==, 1182508);
  g_assert_cmpstr (o->gpu_model, ==, "H100 SXM");
  g_assert_cmpuint (o->gpu_count, ==, 8);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 80);
  g_assert_cmpuint (o->vcpus_milli, ==, 208000);
  g_assert_cmpuint (o->ram_mib, ==, 1872 * 1024);
  g_assert_null (o->gpu_fraction);
  spec = sp_offer_dup_spec_summary (o);
  g_assert_true (g_str_has_prefix (spec, "a3-highgpu-8g + 8 × H100 SXM 80 GB"));
  /* spot: (3.86318 + 32.0104) / 8 = 4.4841975 -> 4.484198; host 0.4828975 -> 0.482898 */
  o = get_offer (result, "a3-highgpu-8g@us-central1/us-central1-a/spot");
  g_assert_cmpint (o->billing, ==, SP_BILLING_SPOT);
  g_assert_cmpint (o->price, ==, 4484198);
  g_assert_cmpint (o->host_price, ==, 482898);

  /* a3-megagpu-8g (9.46006) + H100-MEGA ×8 (82.75421) = 92.21427 / 8 = 11.52678375 */
  o = get_offer (result, "a3-megagpu-8g@us-central1/us-central1-a");
  g_assert_cmpint (o->price, ==, 11526784);
  g_assert_cmpstr (o->gpu_model, ==, "H100 Mega");

  /* a2-ultragpu-1g (1.09962) + A100-80GB ×1 (1.8462) = 2.94582 */
  o = get_offer (result, "a2-ultragpu-1g@us-central1/us-central1-a");
  g_assert_cmpint (o->price, ==, 2945820);
  g_assert_cmpint (o->host_price, ==, 1099620);
  g_assert_cmpstr (o->gpu_model, ==, "A100 SXM 80GB");
  /* a2-megagpu-16g (8.79698) + A100 ×16 (46.94253) = 55.73951 / 16 = 3.48371938 */
  g_assert_cmpint (get_offer (result, "a2-megagpu-16g@us-central1/us-central1-a")->price, ==,
                   3483719);

  /* g2-standard-24 (0.88075) + L4 ×2 (1.12008) = 2.00083 / 2 = 1.000415 */
  o = get_offer (result, "g2-standard-24@us-central1/us-central1-a");
  g_assert_cmpint (o->price, ==, 1000415);
  g_assert_cmpint (o->host_price, ==, 440375);
  g_assert_cmpuint (o->gpu_count, ==, 2);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 24);
  /* g2-standard-32 has one L4 too: 1.17434 + 0.56004 = 1.73438 */
  g_assert_cmpint (get_offer (result, "g2-standard-32@us-central1/us-central1-a")->price, ==,
                   1734380);

  /* n1: n1-highmem-8,8.0,52.0,…,0.47321,0.17276 + ,,,T4,1,…,0.35,0.1654 */
  o = get_offer (result, "n1-highmem-8+1xT4@us-central1/us-central1-a");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 823210, "0.82321", "us-central1");
  g_assert_cmpstr (o->name, ==, "n1-highmem-8 + 1 × T4");
  g_assert_cmpstr (o->model, ==, "n1-highmem-8");
  g_assert_cmpstr (o->host, ==, "n1-highmem-8");
  g_assert_cmpint (o->host_price, ==, 473210);
  g_assert_cmpuint (o->vcpus_milli, ==, 8000);
  g_assert_cmpuint (o->ram_mib, ==, 52 * 1024);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 16);
  /* spot 0.17276 + 0.1654 = 0.33816 */
  g_assert_cmpint (get_offer (result, "n1-highmem-8+1xT4@us-central1/us-central1-a/spot")->price,
                   ==, 338160);
  /* (0.47321 + 19.84) / 8 V100 = 2.53915125 -> 2.539151 */
  g_assert_cmpint (get_offer (result, "n1-highmem-8+8xV100@us-central1/us-central1-a")->price,
                   ==, 2539151);
  /* the host is an offer of its own too: 0.47321 / 8 vCPUs = 0.05915125 */
  o = get_offer (result, "n1-highmem-8@us-central1/us-central1-a");
  assert_compute (o, SP_OFFER_KIND_CPU, SP_BILLING_ON_DEMAND, 59151, "0.47321", "us-central1");
  g_assert_null (o->host);
  g_assert_cmpint (o->host_price, ==, SP_MONEY_UNKNOWN);

  /* no GPU machine type is a CPU offer */
  offers = sp_import_result_get_offers (result);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *x = g_ptr_array_index (offers, i);

      if (x->kind == SP_OFFER_KIND_CPU)
        {
          g_assert_false (g_str_has_prefix (x->model, "a2-"));
          g_assert_false (g_str_has_prefix (x->model, "a3-"));
          g_assert_false (g_str_has_prefix (x->model, "g2-"));
        }
      else
        {
          g_assert_cmpint (x->kind, ==, SP_OFFER_KIND_GPU);
          g_assert_nonnull (x->host);
          g_assert_cmpint (x->host_price, >, 0);
          g_assert_cmpint (x->host_price, <, x->price);
          n_gpu++;
          if (x->billing == SP_BILLING_ON_DEMAND)
            n_on_demand++;
        }
    }
  g_assert_cmpuint (n_gpu, ==, 2 * (24 + 10));
  g_assert_cmpuint (n_on_demand, ==, 24 + 10);
}

static void
test_skypilot_gcp_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  /* GCP's layout, hand-made: hosts missing, machines without GPUs, zeros */
  const char *csv =
    "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,SpotPrice\n"
    "a3-highgpu-8g,208.0,1872.0,,,,r1,r1-a,9.0,\n"                                   /* 2 */
    ",,,H100,8,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 81920}}]},r1,r1-a,31.0,3.0\n"  /* 3 */
    "a3-highgpu-4g,104.0,936.0,,,,r1,r1-a,4.5,\n"                                    /* 4: no H100 ×4 */
    ",,,L4,1,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 0}}]},r1,r1-b,0.5,\n"            /* 5: no g2 in r1-b */
    ",,,T4,2,,r1,r1-b,0.7,\n"                                                        /* 6: no n1 host in r1-b */
    "n1-highmem-8,8.0,52.0,,,,r1,r1-a,0.4,0.1\n"                                     /* 7 */
    ",,,T4,1,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 0}}]},r1,r1-a,0.35,0.0\n"        /* 8 */
    ",,,V100,1,,r1,r1-a,0.0,1.0\n"                                                   /* 9: price 0 */
    "a4x-highgpu-4g,140.0,884.0,,,,r1,r1-a,1.0,\n"                                   /* 10: unknown GPUs */
    "g2-standard-4,4.0,16.0,,,,r1,r1-a,0,\n"                                          /* 11: price 0 */
    "c4-standard-2,2.0,7.0,,,,r1,r1-a,0.0,\n"                                        /* 12: price 0 */
    ",,,tpu-v5p-8,1,tpu-v5p-8,r1,r1-a,16.8,3.3\n";                                   /* 13 */
  SpOffer *o;

  result = parse_direct (sp_adapter_skypilot_parse, csv, -1, "gcp", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 12);

  /* (9 + 31) / 8 = 5; no spot: the host has none */
  o = get_offer (result, "a3-highgpu-8g@r1/r1-a");
  g_assert_cmpint (o->price, ==, 5000000);
  g_assert_cmpint (o->host_price, ==, 1125000);
  g_assert_null (find_offer (result, "a3-highgpu-8g@r1/r1-a/spot"));
  /* n1-highmem-8 + T4: 0.4 + 0.35; the T4's spot 0.0 is no spot; 0 MiB is unknown */
  o = get_offer (result, "n1-highmem-8+1xT4@r1/r1-a");
  g_assert_cmpint (o->price, ==, 750000);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 0);
  g_assert_null (find_offer (result, "n1-highmem-8+1xT4@r1/r1-a/spot"));
  g_assert_nonnull (find_offer (result, "n1-highmem-8@r1/r1-a/spot"));

  g_assert_cmpstr (skip_for_key (result, "a3-highgpu-4g@r1/r1-a")->reason, ==,
                   "GPU machine type without the price of its GPUs in this zone");
  g_assert_cmpuint (skip_for_key (result, "a3-highgpu-4g@r1/r1-a")->row, ==, 4);
  g_assert_cmpstr (skip_for_key (result, "1xL4@r1/r1-b")->reason, ==,
                   "GPUs without a machine type to run on in this zone");
  g_assert_cmpstr (skip_for_key (result, "n1-highmem-8+2xT4@r1/r1-b")->reason, ==,
                   "no price for the host machine type n1-highmem-8 in this zone");
  /* a price of 0 is no price, never free */
  g_assert_cmpstr (skip_for_key (result, "1xV100@r1/r1-a")->reason, ==, "price is 0 (no price)");
  g_assert_cmpstr (skip_for_key (result, "g2-standard-4@r1/r1-a")->reason, ==, "price is 0 (no price)");
  g_assert_cmpstr (skip_for_key (result, "c4-standard-2@r1/r1-a")->reason, ==, "price is 0 (no price)");
  g_assert_cmpstr (skip_for_key (result, "a4x-highgpu-4g@r1/r1-a")->reason, ==,
                   "GPU machine type whose GPUs this version does not know");
  g_assert_cmpstr (skip_for_key (result, "1xtpu-v5p-8@r1/r1-a")->reason, ==,
                   "TPU slice (not a GPU offer)");
  /* offers: a3-highgpu-8g, n1-highmem-8 (+ spot), n1-highmem-8 + T4 */
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 4);
  for (guint i = 0; i < sp_import_result_get_offers (result)->len; i++)
    g_assert_cmpint (((SpOffer *) g_ptr_array_index (sp_import_result_get_offers (result), i))->price,
                     >, 0);
}

/* ---- Azure: a list in the last column, shares of a card (items 5, 6) -- */

static void
test_skypilot_azure (void)
{
  g_autoptr(SpImportResult) result =
    parse_catalog ("skypilot_azure/azure_vms.eastus.csv", SP_FEED_FORMAT_SKYPILOT, NULL);
  g_autofree char *spec = NULL;
  GPtrArray *offers;
  guint on_demand = 0;
  SpOffer *o;

  if (result == NULL)
    return;

  g_assert_cmpstr (sp_import_result_get_source (result), ==, "azure");
  /* every row is an offer: 550 of the 1,377 end "…,eastus,V1,V2" */
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 1377);
  g_assert_cmpuint (sp_import_result_get_rows_repaired (result), ==, 550);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 0);
  /* 1,377 on-demand offers and 1,351 spot ones (26 rows have no SpotPrice) */
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 2728);
  offers = sp_import_result_get_offers (result);
  for (guint i = 0; i < offers->len; i++)
    if (((SpOffer *) g_ptr_array_index (offers, i))->billing == SP_BILLING_ON_DEMAND)
      on_demand++;
  g_assert_cmpuint (on_demand, ==, 1377);

  /* Standard_NC12s_v3,V100,2,12,224,V100,6.12,1.130976,eastus,V1,V2: 3.06, 0.565488 */
  o = get_offer (result, "Standard_NC12s_v3@eastus");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 3060000, "6.12", "eastus");
  g_assert_cmpuint (o->gpu_count, ==, 2);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 0);  /* GpuInfo "V100" says no size */
  g_assert_null (o->gpu_fraction);
  g_assert_null (o->host);
  g_assert_cmpint (get_offer (result, "Standard_NC12s_v3@eastus/spot")->price, ==, 565488);

  /* Standard_NV6ads_A10_v5,A10,0.167,6,55,A10,0.454,0.083899,eastus,V1,V2:
   * 0.167 is 1/6 of a card; per whole card-hour 0.454 × 6 = 2.724, spot 0.503394 */
  o = get_offer (result, "Standard_NV6ads_A10_v5@eastus");
  assert_compute (o, SP_OFFER_KIND_GPU, SP_BILLING_ON_DEMAND, 2724000, "0.454", "eastus");
  g_assert_cmpstr (o->gpu_fraction, ==, "0.167");
  g_assert_cmpuint (o->gpu_count, ==, 1);
  g_assert_cmpstr (o->gpu_model, ==, "A10");
  spec = sp_offer_dup_spec_summary (o);
  g_assert_cmpstr (spec, ==, "1/6 × A10 · 6 vCPU · 55 GB RAM");
  g_assert_cmpint (get_offer (result, "Standard_NV6ads_A10_v5@eastus/spot")->price, ==, 503394);
  /* 0.333 = 1/3: 0.908 × 3 = 2.724; 0.5: 1.6 × 2 = 3.2 */
  o = get_offer (result, "Standard_NV12ads_A10_v5@eastus");
  g_assert_cmpint (o->price, ==, 2724000);
  g_assert_cmpstr (o->gpu_fraction, ==, "0.333");
  o = get_offer (result, "Standard_NV18ads_A10_v5@eastus");
  g_assert_cmpint (o->price, ==, 3200000);
  g_assert_cmpstr (o->gpu_fraction, ==, "0.5");

  /* Standard_B12ms,,,12,48,,0.499,,eastus,V1,V2: repaired, 0.499 / 12 = 0.04158333 */
  o = get_offer (result, "Standard_B12ms@eastus");
  assert_compute (o, SP_OFFER_KIND_CPU, SP_BILLING_ON_DEMAND, 41583, "0.499", "eastus");
  g_assert_null (find_offer (result, "Standard_B12ms@eastus/spot"));
  /* Standard_ND96isr_H100_v5,H100,8,96,1900,H100,98.32,18.169536,eastus,V2: 12.29 */
  g_assert_cmpint (get_offer (result, "Standard_ND96isr_H100_v5@eastus")->price, ==, 12290000);
}

static void
test_skypilot_repair_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;

  /* the last column is one we read (Region): an extra field could be
   * anywhere, so the row is not guessed at */
  result = parse_direct (sp_adapter_skypilot_parse,
                         "InstanceType,vCPUs,Price,Region\nc1,2,1,r1\nc2,2,1,r1,x\n", -1, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_repaired (result), ==, 0);
  g_assert_cmpuint (count_skips (result, "wrong number of fields"), ==, 1);
  g_clear_object (&result);

  /* a list in a last column we do not read: joined, counted, priced; fewer
   * fields than the header are still wrong */
  result = parse_direct (sp_adapter_skypilot_parse,
                         "InstanceType,vCPUs,Price,Region,Generation\n"
                         "c1,2,1,r1,V1,V2\nc2,4,2,r1,V1,V2,V3\nc3,2,1,r1\nc4,2,1,r1,V2\n",
                         -1, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 4);
  g_assert_cmpuint (sp_import_result_get_rows_repaired (result), ==, 2);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 3);
  g_assert_cmpint (get_offer (result, "c2@r1")->price, ==, 500000);
  g_assert_cmpuint (count_skips (result, "wrong number of fields"), ==, 1);
}

static void
test_gpu_fraction (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    guint       num, den;
  } cases[] = {
    { "0.167", TRUE, 1, 6 }, { "0.333", TRUE, 1, 3 }, { "0.5", TRUE, 1, 2 },
    { "0.125", TRUE, 1, 8 }, { "0.1", TRUE, 1, 10 }, { "0.667", TRUE, 2, 3 },
    { "0.25", TRUE, 1, 4 }, { ".75", TRUE, 3, 4 }, { "0.143", TRUE, 1, 7 },
    { "0.33", FALSE }, { "1.5", FALSE }, { "0", FALSE }, { "0.0", FALSE }, { "1", FALSE },
    { "abc", FALSE }, { "0.1234567891", FALSE }, { "", FALSE }, { "0.5x", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint num = 0, den = 0;

      g_assert_cmpint (sp_gpu_fraction_parse (cases[i].text, &num, &den), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpuint (num, ==, cases[i].num);
          g_assert_cmpuint (den, ==, cases[i].den);
        }
    }
  {
    g_autofree char *a = sp_gpu_fraction_dup_label ("0.167");
    g_autofree char *b = sp_gpu_fraction_dup_label ("0.33");

    g_assert_cmpstr (a, ==, "1/6");
    g_assert_cmpstr (b, ==, "0.33");
  }
}

/* ---- vendor names ----------------------------------------------------- */

/* One spelling per vendor id, whichever model or catalog it came from:
 * OpenRouter writes "inclusionAI: Ling-1T" next to "Ring-1T" without a
 * prefix (it used to give "inclusionAI" and "Inclusionai"). */
static void
test_vendor_one_spelling (void)
{
  static const char *catalogs[] = {
    "openrouter/openrouter_models_2026-08-01.json",
    "litellm/model_prices_and_context_window.json",
    "llm_prices_cn/prices.2026-08-01.json",
    "genai_prices/data.json",
  };
  static const SpFeedFormat formats[] = { SP_FEED_FORMAT_OPENROUTER, SP_FEED_FORMAT_LITELLM,
                                          SP_FEED_FORMAT_LLM_PRICES_CN, SP_FEED_FORMAT_GENAI_PRICES };
  g_autoptr(GHashTable) names_zh = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char *en, *zh;
  guint inclusion = 0;

  for (gsize c = 0; c < G_N_ELEMENTS (catalogs); c++)
    {
      g_autoptr(SpImportResult) result = parse_catalog (catalogs[c], formats[c], NULL);
      GPtrArray *offers;

      if (result == NULL)
        return;
      offers = sp_import_result_get_offers (result);
      for (guint i = 0; i < offers->len; i++)
        {
          SpOffer *o = g_ptr_array_index (offers, i);
          const char *seen = g_hash_table_lookup (names, o->vendor_id);

          if (seen != NULL)
            g_assert_cmpstr (o->vendor_name, ==, seen);
          else
            g_hash_table_insert (names, (gpointer) o->vendor_id, (gpointer) o->vendor_name);
          /* the same Chinese name too, where a catalog gives one */
          seen = g_hash_table_lookup (names_zh, o->vendor_id);
          if (seen != NULL && o->vendor_name_zh != NULL)
            g_assert_cmpstr (o->vendor_name_zh, ==, seen);
          else if (o->vendor_name_zh != NULL)
            g_hash_table_insert (names_zh, (gpointer) o->vendor_id, (gpointer) o->vendor_name_zh);
          if (g_strcmp0 (o->vendor_id, "inclusionai") == 0)
            inclusion++;
        }
    }
  g_assert_cmpuint (inclusion, >, 1);
  g_assert_cmpstr (g_hash_table_lookup (names, "inclusionai"), ==, "inclusionAI");
  g_assert_cmpstr (g_hash_table_lookup (names, "deepseek"), ==, "DeepSeek");
  /* the llm-prices-cn and genai-prices ids read as everywhere else */
  g_assert_cmpstr (g_hash_table_lookup (names, "alibaba"), ==, "Alibaba Qwen");
  g_assert_cmpstr (g_hash_table_lookup (names_zh, "alibaba"), ==, "阿里通义");
  g_assert_cmpstr (g_hash_table_lookup (names_zh, "deepseek"), ==, "深度求索");
  g_assert_cmpstr (g_hash_table_lookup (names, "xfyun"), ==, "iFlytek Spark");
  g_assert_cmpstr (g_hash_table_lookup (names_zh, "xfyun"), ==, "讯飞星火");
  g_assert_cmpstr (g_hash_table_lookup (names, "zhipuai"), ==, "Zhipu AI");
  g_assert_cmpstr (g_hash_table_lookup (names_zh, "zhipuai"), ==, "智谱 AI");
  g_assert_cmpstr (g_hash_table_lookup (names, "mistral"), ==, "Mistral AI");
  /* an id with no built-in names keeps the catalog's */
  g_assert_cmpstr (g_hash_table_lookup (names, "voyageai"), ==, "Voyage AI");

  g_assert_true (sp_vendor_lookup ("aliyun", &en, &zh));
  g_assert_cmpstr (en, ==, "Alibaba Cloud");
  g_assert_cmpstr (zh, ==, "阿里云");
  g_assert_false (sp_vendor_lookup ("acme-cloud", &en, &zh));
  /* an id nobody named: its words capitalized, then the same every time */
  sp_vendor_names ("acme-cloud", NULL, &en, &zh);
  g_assert_cmpstr (en, ==, "Acme Cloud");
  g_assert_null (zh);
  sp_vendor_names ("acme-cloud", "ACME", &en, &zh);
  g_assert_cmpstr (en, ==, "Acme Cloud");
  /* typed text with no known name is shown as typed */
  g_assert_cmpstr (sp_label_vendor ("Some Shop"), ==, "Some Shop");
}

/* ---- chunked SkyPilot reads (HACKING.md "Ingest", seventh pass) -------- */

/* One line per offer with every field the SkyPilot adapter sets, and one
 * per skip: what a reader of the result could see. */
static char *
describe_result (SpImportResult *result)
{
  GString *out = g_string_new (NULL);
  GPtrArray *offers = sp_import_result_get_offers (result);
  GArray *skips = sp_import_result_get_skips (result);

  g_string_append_printf (out, "read %u repaired %u skipped %u normalized %u removed %u "
                          "cleaned %u source %s\n",
                          sp_import_result_get_rows_read (result),
                          sp_import_result_get_rows_repaired (result),
                          sp_import_result_get_rows_skipped (result),
                          sp_import_result_get_rows_normalized (result),
                          sp_import_result_get_chars_removed (result),
                          sp_import_result_get_offers_cleaned (result),
                          sp_import_result_get_source (result));
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      g_string_append_printf (out, "offer %s|%s|%s|%s|%s|%s|%d|%d|%s|%u|%u|%u|%u|%s|%s|%"
                              G_GINT64_FORMAT "|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%s\n",
                              o->id, o->source, o->vendor_id, o->vendor_name, o->name,
                              o->model, o->kind, o->billing, o->gpu_model, o->gpu_count,
                              o->gpu_memory_gb, o->vcpus_milli, o->ram_mib, o->region,
                              o->currency, o->price, o->list_price, o->list_unit,
                              o->gpu_fraction, o->host, o->host_price, o->note);
    }
  for (guint i = 0; i < skips->len; i++)
    {
      const SpImportSkip *skip = &g_array_index (skips, SpImportSkip, i);

      g_string_append_printf (out, "skip %u|%s|%s\n", skip->row, skip->key, skip->reason);
    }
  return g_string_free (out, FALSE);
}

/* @text read in 1 to 4 chunks (and in as many as its size takes through
 * sp_adapter_skypilot_parse) gives the same result every time. */
static void
assert_chunks_agree (const char *text,
                     gsize       len,
                     const char *source)
{
  g_autofree char *sequential = NULL;

  for (guint n = 1; n <= 5; n++)
    {
      g_autoptr(SpImportResult) result = sp_import_result_new (SP_FEED_FORMAT_SKYPILOT, source);
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = g_memdup2 (text, len);
      g_autofree char *got = NULL;
      gboolean ok = n <= 4 ? sp_adapter_skypilot_parse_chunks (copy, len, result, n, &error)
                           : sp_adapter_skypilot_parse (copy, len, result, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
      got = describe_result (result);
      /* the store reads the records as they are: the same fields */
      g_assert_cmpuint (sp_import_result_peek_offer_records (result)->len, ==,
                        sp_import_result_get_rows_normalized (result));
      if (n == 1)
        sequential = g_steal_pointer (&got);
      else
        g_assert_cmpstr (got, ==, sequential);
    }
}

static void
test_skypilot_chunks_recorded (void)
{
  static const struct {
    const char *relative;
    const char *source;
  } files[] = {
    { "skypilot/v8_aws_vms.gpu_excerpt.csv", "aws" },
    { "skypilot/v8_aws_vms.head.csv", "aws" },
    { "skypilot/v8_lambda_vms.head.csv", "lambda" },
    { "skypilot/v8_runpod_vms.head.csv", "runpod" },
    { "skypilot/v8_runpod_vms.tail.csv", "runpod" },
    { "skypilot/v8_vast_vms.csv", "vast" },
    { "skypilot_azure/azure_vms.eastus.csv", "azure" },
    { "skypilot_gcp/gcp_vms.us-central1-a.csv", "gcp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = sp_test_catalog (files[i].relative);
      g_autofree char *data = NULL;
      g_autofree char *twice = NULL;
      const char *body;
      gsize len;

      if (path == NULL)
        return;
      data = sp_test_read_file (path, &len);
      assert_chunks_agree (data, len, files[i].source);

      /* its rows twice: the second copy's ids are all taken (duplicates
       * across chunks), GCP's second n1 hosts are dropped */
      body = memchr (data, '\n', len);
      g_assert_nonnull (body);
      twice = g_strdup_printf ("%.*s%s%s", (int) len, data,
                               data[len - 1] == '\n' ? "" : "\n", body + 1);
      assert_chunks_agree (twice, strlen (twice), files[i].source);
    }
}

/* Quoted fields holding line ends, and text that reads like rows, where a
 * chunk boundary falls: a chunk that starts inside one is dropped and its
 * rows read on from where the record really ended. */
static void
test_skypilot_chunks_quoted_newlines (void)
{
  g_autoptr(GString) csv = g_string_new ("InstanceType,vCPUs,MemoryGiB,Price,Region,Note\r\n");

  for (guint i = 0; i < 400; i++)
    {
      if (i % 7 == 3)
        /* a note of many lines, each like a row of its own */
        g_string_append_printf (csv, "q%u.large,2,8,0.%03u,eastus,\"first\nm%u.x,4,16,0.5,westus,n\n"
                                "\"\"quoted\"\"\r\nlast\"\n", i, i + 1, i);
      else if (i % 11 == 5)
        g_string_append_printf (csv, "\n\nb%u.large,2,4,1.%u,westus,\"a\"x\n", i, i);
      else if (i % 13 == 0)
        g_string_append_printf (csv, "d%u.large,2,4,1.5,westus,plain\n", i % 3);
      else
        g_string_append_printf (csv, "c%u.large,%u,%u,0.%04u,eastus,\"one\nline\"\n", i,
                                1 + i % 8, 2 + i % 16, i + 1);
    }
  assert_chunks_agree (csv->str, csv->len, "azure");

  /* the last quote never closed */
  g_string_append (csv, "z.large,2,4,1.0,eastus,\"open\nto the end\n");
  assert_chunks_agree (csv->str, csv->len, "azure");
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/adapters/litellm/snapshot", test_litellm_snapshot);
  g_test_add_func ("/core/adapters/litellm/entries", test_litellm_entries);
  g_test_add_func ("/core/adapters/litellm/hostile", test_litellm_hostile);
  g_test_add_func ("/core/adapters/openrouter/snapshot-2026", test_openrouter_2026);
  g_test_add_func ("/core/adapters/openrouter/snapshot-2025-07", test_openrouter_2025);
  g_test_add_func ("/core/adapters/openrouter/entries", test_openrouter_entries);
  g_test_add_func ("/core/adapters/openrouter/hostile", test_openrouter_hostile);
  g_test_add_func ("/core/adapters/skypilot/aws", test_skypilot_aws);
  g_test_add_func ("/core/adapters/skypilot/lambda-crlf", test_skypilot_lambda);
  g_test_add_func ("/core/adapters/skypilot/runpod-column-order", test_skypilot_runpod);
  g_test_add_func ("/core/adapters/skypilot/vast", test_skypilot_vast);
  g_test_add_func ("/core/adapters/skypilot/vendor-from-filename", test_skypilot_vendor_from_filename);
  g_test_add_func ("/core/adapters/skypilot/rows", test_skypilot_rows);
  g_test_add_func ("/core/adapters/skypilot/hostile", test_skypilot_hostile);
  g_test_add_func ("/core/adapters/skypilot/gcp-host-pairing", test_skypilot_gcp);
  g_test_add_func ("/core/adapters/skypilot/gcp-rows", test_skypilot_gcp_rows);
  g_test_add_func ("/core/adapters/skypilot/azure-repaired", test_skypilot_azure);
  g_test_add_func ("/core/adapters/skypilot/repair-rules", test_skypilot_repair_rules);
  g_test_add_func ("/core/adapters/skypilot/gpu-fraction", test_gpu_fraction);
  g_test_add_func ("/core/adapters/skypilot/chunks-recorded", test_skypilot_chunks_recorded);
  g_test_add_func ("/core/adapters/skypilot/chunks-quoted-newlines",
                   test_skypilot_chunks_quoted_newlines);
  g_test_add_func ("/core/adapters/vendor-one-spelling", test_vendor_one_spelling);

  return g_test_run ();
}
