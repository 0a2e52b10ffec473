/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-feed-suanpan.c — the Suanpan Offer Feed reader, on the demo catalog
 * and on hostile input */
#include "config.h"

#include <string.h>

#include "sp-import-private.h"
#include "sp-test-util.h"

/* 2026-03-01T00:00:00Z, worked out by hand: 20454 days to 2026-01-01
 * (56 × 365 + 14 leap days) × 86400 = 1767225600, plus 59 days. */
#define T_2026_03_01 G_GINT64_CONSTANT (1772323200)
#define DAY          G_GINT64_CONSTANT (86400)

static SpImportResult *
parse_bytes (const char *data,
             gsize       len,
             GError    **error)
{
  g_autoptr(SpImportResult) result = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, NULL);

  if (!sp_feed_suanpan_parse (data, len, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

static SpImportResult *
parse_string (const char *json,
              GError    **error)
{
  return parse_bytes (json, strlen (json), error);
}

static SpImportResult *
parse_test_file (const char *name,
                 GError    **error)
{
  g_autofree char *rel = g_build_filename ("tests", "data", "feeds", name, NULL);
  g_autofree char *path = sp_test_source_path (rel);
  g_autofree char *data = NULL;
  gsize len;

  data = sp_test_read_file (path, &len);
  return parse_bytes (data, len, error);
}

/* as the cases name them */
#define find_offer sp_test_find_offer
#define find_skip sp_test_find_skip
#define find_skip_row sp_test_find_skip_row

static void
assert_skipped (SpImportResult *result,
                const char     *key,
                const char     *reason_part)
{
  const SpImportSkip *skip = find_skip (result, key);

  if (skip == NULL)
    g_error ("offer “%s” was not skipped", key);
  g_assert_null (find_offer (result, key));
  if (reason_part != NULL && strstr (skip->reason, reason_part) == NULL)
    g_error ("offer “%s” skipped with reason “%s”, expected it to mention “%s”",
             key, skip->reason, reason_part);
}

/* ------------------------------------------------------------------------ */

static void
test_demo_counts (void)
{
  g_autofree char *path = sp_test_source_path ("data/demo/demo-feed.json");
  g_autofree char *data = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *offers;
  guint n_gpu = 0, n_cpu = 0, n_tokens = 0, n_h100_sxm = 0;
  g_autoptr(GHashTable) vendors = g_hash_table_new (g_str_hash, g_str_equal);
  gsize len;

  data = sp_test_read_file (path, &len);
  result = parse_bytes (data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 37);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 0);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 37);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "suanpan-demo");
  g_assert_cmpstr (sp_import_result_get_vendor_name (result), ==, "Suanpan demo catalog");
  /* "2026-03-01T08:00:00+08:00" */
  g_assert_cmpint (sp_import_result_get_generated_at (result), ==, T_2026_03_01);

  offers = sp_import_result_get_offers (result);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);

      g_assert_true (offer->demo);
      g_assert_cmpstr (offer->source, ==, "suanpan-demo");
      g_assert_true (g_str_has_prefix (offer->name, "Demo sample"));
      g_assert_true (g_str_has_prefix (offer->vendor_id, "demo-"));
      g_assert_nonnull (offer->vendor_name_zh);
      g_assert_cmpint (offer->price != SP_MONEY_UNKNOWN ||
                       offer->output_price != SP_MONEY_UNKNOWN, ==, TRUE);
      g_hash_table_add (vendors, (gpointer) offer->vendor_id);
      switch (offer->kind)
        {
        case SP_OFFER_KIND_GPU:
          n_gpu++;
          if (g_strcmp0 (offer->gpu_model, "H100 SXM") == 0)
            n_h100_sxm++;
          break;
        case SP_OFFER_KIND_CPU:
          n_cpu++;
          break;
        case SP_OFFER_KIND_TOKENS:
          n_tokens++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_gpu, ==, 22);
  g_assert_cmpuint (n_cpu, ==, 4);
  g_assert_cmpuint (n_tokens, ==, 11);
  g_assert_cmpuint (n_h100_sxm, ==, 6);
  g_assert_cmpuint (g_hash_table_size (vendors), ==, 8);
}

static void
test_demo_values (void)
{
  g_autofree char *path = sp_test_source_path ("data/demo/demo-feed.json");
  g_autofree char *data = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const SpTokenTier *tier;
  SpOffer *o;
  gsize len;

  data = sp_test_read_file (path, &len);
  result = parse_bytes (data, len, &error);
  g_assert_no_error (error);

  /* "per_unit": "22.80", 8 × H100 SXM, 192 vCPU, 2048 GB */
  o = find_offer (result, "demo-hz-h100-sxm-8x");
  g_assert_nonnull (o);
  g_assert_cmpint (o->kind, ==, SP_OFFER_KIND_GPU);
  g_assert_cmpint (o->price, ==, 22800000);
  g_assert_cmpstr (o->list_price, ==, "22.80");
  g_assert_cmpstr (o->list_unit, ==, "card-hour");
  g_assert_cmpstr (o->gpu_model, ==, "H100 SXM");
  g_assert_cmpuint (o->gpu_count, ==, 8);
  g_assert_cmpuint (o->gpu_memory_gb, ==, 80);
  g_assert_cmpuint (o->vcpus_milli, ==, 192000);
  g_assert_cmpuint (o->ram_mib, ==, 2048 * 1024);
  g_assert_cmpstr (o->region, ==, "cn-hangzhou");
  g_assert_cmpint (o->billing, ==, SP_BILLING_ON_DEMAND);
  g_assert_cmpstr (o->currency, ==, "CNY");
  g_assert_cmpint (o->tax, ==, SP_TAX_INCLUDED);
  g_assert_cmpstr (o->vendor_id, ==, "demo-hangzhou-cloud");
  g_assert_cmpstr (o->vendor_name, ==, "Demo Hangzhou Cloud (sample)");
  g_assert_cmpstr (o->vendor_name_zh, ==, "示例·杭州云（演示）");
  g_assert_cmpint (o->storage_stopped_gb_month, ==, 350000);
  g_assert_cmpint (o->egress_gb, ==, 800000);
  g_assert_cmpuint (o->min_billing_seconds, ==, 60);
  g_assert_nonnull (o->voucher_programmes);
  g_assert_cmpstr (o->voucher_programmes[0], ==, "hangzhou");
  g_assert_null (o->voucher_programmes[1]);
  g_assert_cmpint (o->fapiao, ==, SP_FAPIAO_SPECIAL);
  g_assert_cmpint (o->input_price, ==, SP_MONEY_UNKNOWN);
  g_assert_null (o->tiers);
  /* interned: the same pointer as the other Hangzhou offers */
  g_assert_true (o->currency == g_intern_static_string ("CNY"));
  g_assert_true (o->region == find_offer (result, "demo-hz-h100-sxm-1x")->region);

  /* the suspiciously cheap reseller: "5.80" */
  o = find_offer (result, "demo-rs-h100-sxm-internal");
  g_assert_nonnull (o);
  g_assert_cmpint (o->price, ==, 5800000);
  g_assert_cmpstr (o->gpu_model, ==, "H100 SXM");
  g_assert_nonnull (o->note);
  g_assert_cmpint (o->fapiao, ==, SP_FAPIAO_NONE);

  /* spot, valid 2026-03-01 (date only: UTC midnight) to 2026-03-31 */
  o = find_offer (result, "demo-ns-h100-sxm-8x-spot");
  g_assert_cmpint (o->billing, ==, SP_BILLING_SPOT);
  g_assert_cmpint (o->price, ==, 18600000);
  g_assert_cmpint (o->valid_from, ==, T_2026_03_01);
  g_assert_cmpint (o->valid_to, ==, T_2026_03_01 + 30 * DAY);
  g_assert_cmpint (o->storage_stopped_gb_month, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpuint (o->min_billing_seconds, ==, 3600);
  g_assert_cmpint (o->fapiao, ==, SP_FAPIAO_ORDINARY);

  /* "H100 PCIe" is a different product from "H100 SXM" */
  o = find_offer (result, "demo-ns-h100-pcie-1x");
  g_assert_cmpstr (o->gpu_model, ==, "H100 PCIe");
  g_assert_cmpint (o->price, ==, 16800000);
  o = find_offer (result, "demo-nb-h100-nvl-1x");
  g_assert_cmpstr (o->gpu_model, ==, "H100 NVL");
  g_assert_cmpuint (o->gpu_memory_gb, ==, 94);

  /* USD, tax excluded, "A100-80GB" spelled the vendor's way */
  o = find_offer (result, "demo-gl-a100-80gb-8x-spot");
  g_assert_cmpstr (o->gpu_model, ==, "A100 80GB");
  g_assert_cmpstr (o->currency, ==, "USD");
  g_assert_cmpint (o->tax, ==, SP_TAX_EXCLUDED);
  g_assert_cmpint (o->price, ==, 1290000);
  g_assert_cmpint (o->valid_from, ==, T_2026_03_01);
  g_assert_cmpint (o->valid_to, ==, T_2026_03_01 + 7 * DAY);
  g_assert_cmpint (o->egress_gb, ==, 90000);
  g_assert_cmpint (o->fapiao, ==, SP_FAPIAO_NONE);
  g_assert_null (o->voucher_programmes);

  /* six decimals, prepaid, commitment text, valid_to with an offset:
   * 2026-06-30T23:59:59+08:00 = 2026-06-30T15:59:59Z;
   * 2026-06-30 is 121 days after 2026-03-01 (31+30+31+29). */
  o = find_offer (result, "demo-nb-h800-8x-prepaid");
  g_assert_cmpint (o->price, ==, 18333333);
  g_assert_cmpint (o->billing, ==, SP_BILLING_PREPAID);
  g_assert_cmpstr (o->min_commitment, ==, "prepaid pack of 1,200 card-hours (¥22,000)");
  g_assert_cmpint (o->valid_from, ==, 0);
  g_assert_cmpint (o->valid_to, ==, T_2026_03_01 + 121 * DAY + 15 * 3600 + 59 * 60 + 59);
  g_assert_cmpstr (o->voucher_programmes[0], ==, "ningbo");

  o = find_offer (result, "demo-wl-a800-8x-reserved");
  g_assert_cmpint (o->billing, ==, SP_BILLING_RESERVED);
  g_assert_cmpstr (o->min_commitment, ==, "1 year");
  g_assert_cmpint (o->price, ==, 7850000);

  o = find_offer (result, "demo-nb-910b-8x-prepaid");
  g_assert_cmpstr (o->gpu_model, ==, "Ascend 910B");
  g_assert_cmpint (o->price, ==, 8500000);

  /* CPU: "0.087513" per core-hour; a half vCPU with 1.5 GB */
  o = find_offer (result, "demo-wl-cpu-compute-32c-spot");
  g_assert_cmpint (o->kind, ==, SP_OFFER_KIND_CPU);
  g_assert_cmpint (o->price, ==, 87513);
  g_assert_cmpstr (o->list_unit, ==, "core-hour");
  g_assert_cmpstr (o->model, ==, "demo.c7.8xlarge");
  g_assert_null (o->gpu_model);
  o = find_offer (result, "demo-nb-cpu-shared-half");
  g_assert_cmpuint (o->vcpus_milli, ==, 500);
  g_assert_cmpuint (o->ram_mib, ==, 1536);
  g_assert_cmpint (o->price, ==, 145833);

  /* tokens: "2" / "8" / "0.5" per 1M */
  o = find_offer (result, "demo-mh-deepseek-v3");
  g_assert_cmpint (o->kind, ==, SP_OFFER_KIND_TOKENS);
  g_assert_cmpstr (o->model, ==, "deepseek-v3");
  g_assert_cmpint (o->price, ==, 2000000);
  g_assert_cmpint (o->input_price, ==, 2000000);
  g_assert_cmpint (o->output_price, ==, 8000000);
  g_assert_cmpint (o->cached_input_price, ==, 500000);
  g_assert_cmpint (o->context_window, ==, 128000);

  /* no cached price given: unknown, not 0 */
  o = find_offer (result, "demo-mh-qwen-turbo");
  g_assert_cmpint (o->cached_input_price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (o->input_price, ==, 500000);

  o = find_offer (result, "demo-mh-gpt-4o-mini-class");
  g_assert_cmpint (o->input_price, ==, 1087500);
  g_assert_cmpint (o->output_price, ==, 4350000);
  g_assert_cmpint (o->cached_input_price, ==, 543750);
  g_assert_cmpint (o->billing, ==, SP_BILLING_PREPAID);

  /* long-context tiers (cliffs) */
  o = find_offer (result, "demo-hz-qwen-plus-long");
  g_assert_cmpint (o->input_price, ==, 800000);
  g_assert_cmpint (o->output_price, ==, 2000000);
  g_assert_cmpint (o->cached_input_price, ==, 160000);
  g_assert_cmpint (o->context_window, ==, 1000000);
  g_assert_nonnull (o->tiers);
  g_assert_cmpuint (o->tiers->len, ==, 2);
  tier = &g_array_index (o->tiers, SpTokenTier, 0);
  g_assert_cmpint (tier->above_tokens, ==, 128000);
  g_assert_cmpint (tier->input, ==, 2400000);
  g_assert_cmpint (tier->output, ==, 20000000);
  g_assert_cmpint (tier->cached_input, ==, 480000);
  tier = &g_array_index (o->tiers, SpTokenTier, 1);
  g_assert_cmpint (tier->above_tokens, ==, 256000);
  g_assert_cmpint (tier->input, ==, 4800000);
  g_assert_cmpint (tier->output, ==, 48000000);
  g_assert_cmpint (tier->cached_input, ==, 960000);

  o = find_offer (result, "demo-us-claude-sonnet-class");
  g_assert_cmpstr (o->currency, ==, "USD");
  g_assert_cmpint (o->input_price, ==, 3000000);
  g_assert_cmpint (o->output_price, ==, 15000000);
  g_assert_cmpint (o->cached_input_price, ==, 300000);
  g_assert_cmpuint (o->tiers->len, ==, 1);
  tier = &g_array_index (o->tiers, SpTokenTier, 0);
  g_assert_cmpint (tier->above_tokens, ==, 200000);
  g_assert_cmpint (tier->input, ==, 6000000);
  g_assert_cmpint (tier->output, ==, 22500000);
  g_assert_cmpint (tier->cached_input, ==, 600000);
}

/* Through the public entry point: detection, the source name given by the
 * caller wins over the feed's vendor id. */
static void
test_demo_via_import (void)
{
  g_autofree char *path = sp_test_source_path ("data/demo/demo-feed.json");
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SpOffer *o;

  result = sp_import_parse_file (path, SP_FEED_FORMAT_AUTO, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_import_result_get_format (result), ==, SP_FEED_FORMAT_SUANPAN);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "demo");
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 37);
  o = find_offer (result, "demo-ns-rtx4090-1x");
  g_assert_nonnull (o);
  g_assert_cmpstr (o->source, ==, "demo");
  g_assert_cmpstr (o->gpu_model, ==, "RTX 4090");
  g_assert_cmpint (o->price, ==, 2350000);
}

/* ------------------------------------------------------------------------ */
/* Whole-file errors                                                        */

static void
assert_refused (const char *json,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_string (json, &error);

  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_truncated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("truncated.json", &error);

  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX);

  assert_refused ("{\"suanpan_feed\": \"1.0\", \"offers\": [", SP_IMPORT_ERROR_SYNTAX);
  assert_refused ("", SP_IMPORT_ERROR_SYNTAX);
  assert_refused ("   \n", SP_IMPORT_ERROR_SYNTAX);
  assert_refused ("{\"suanpan_feed\": NaN}", SP_IMPORT_ERROR_SYNTAX);
}

static void
test_not_a_feed (void)
{
  const char *vendor = "\"vendor\": {\"id\": \"v\"}";
  g_autofree char *no_offers = g_strdup_printf ("{\"suanpan_feed\": \"1.0\", %s}", vendor);
  g_autofree char *offers_object = g_strdup_printf (
    "{\"suanpan_feed\": \"1.0\", %s, \"offers\": {}}", vendor);
  g_autofree char *version_number = g_strdup_printf (
    "{\"suanpan_feed\": 1.0, %s, \"offers\": []}", vendor);
  g_autofree char *version_bad = g_strdup_printf (
    "{\"suanpan_feed\": \"one\", %s, \"offers\": []}", vendor);
  g_autofree char *bad_time = g_strdup_printf (
    "{\"suanpan_feed\": \"1.0\", %s, \"generated_at\": 5, \"offers\": []}", vendor);
  g_autofree char *bad_demo = g_strdup_printf (
    "{\"suanpan_feed\": \"1.0\", %s, \"demo\": \"yes\", \"offers\": []}", vendor);

  assert_refused ("[]", SP_IMPORT_ERROR_SHAPE);
  assert_refused ("\"suanpan_feed\"", SP_IMPORT_ERROR_SHAPE);
  assert_refused ("{\"offers\": []}", SP_IMPORT_ERROR_SHAPE);
  assert_refused (no_offers, SP_IMPORT_ERROR_SHAPE);
  assert_refused (offers_object, SP_IMPORT_ERROR_SHAPE);
  assert_refused (version_number, SP_IMPORT_ERROR_SHAPE);
  assert_refused (version_bad, SP_IMPORT_ERROR_SHAPE);
  assert_refused (bad_time, SP_IMPORT_ERROR_SHAPE);
  assert_refused (bad_demo, SP_IMPORT_ERROR_SHAPE);
  /* vendor: missing, wrong type, bad id, name of the wrong type */
  assert_refused ("{\"suanpan_feed\": \"1.0\", \"offers\": []}", SP_IMPORT_ERROR_SHAPE);
  assert_refused ("{\"suanpan_feed\": \"1.0\", \"vendor\": \"acme\", \"offers\": []}",
                  SP_IMPORT_ERROR_SHAPE);
  assert_refused ("{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"Acme Inc\"}, "
                  "\"offers\": []}", SP_IMPORT_ERROR_SHAPE);
  assert_refused ("{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"acme\", \"name\": 7}, "
                  "\"offers\": []}", SP_IMPORT_ERROR_SHAPE);
}

static void
test_newer_major (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("newer-major.json", &error);

  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "2.0"));
  g_assert_nonnull (strstr (error->message, "1.x"));

  assert_refused ("{\"suanpan_feed\": \"10.3\"}", SP_IMPORT_ERROR_VERSION);
  assert_refused ("{\"suanpan_feed\": \"0.9\", \"vendor\": {\"id\": \"v\"}, \"offers\": []}",
                  SP_IMPORT_ERROR_VERSION);
}

static void
test_newer_minor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("newer-minor.json", &error);
  SpOffer *o;

  g_assert_no_error (error);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "future-cloud");
  g_assert_cmpstr (sp_import_result_get_vendor_name (result), ==, "Future Cloud");
  /* 2026-09-01T12:30:00.250+08:00 = 04:30:00.25Z; 184 days after 03-01 */
  g_assert_cmpint (sp_import_result_get_generated_at (result), ==,
                   T_2026_03_01 + 184 * DAY + 4 * 3600 + 30 * 60);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 3);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 2);
  /* a kind added later cannot be priced: skipped, the rest is read */
  assert_skipped (result, "video-minutes", "video");

  o = find_offer (result, "b300-8x");
  g_assert_nonnull (o);
  g_assert_cmpstr (o->gpu_model, ==, "B300");
  g_assert_cmpuint (o->gpu_memory_gb, ==, 288);
  g_assert_cmpint (o->price, ==, 45500000);
  g_assert_cmpint (o->fapiao, ==, SP_FAPIAO_SPECIAL);
  g_assert_false (o->demo);
  g_assert_cmpstr (o->vendor_name_zh, ==, "未来云");

  o = find_offer (result, "future-model");
  g_assert_cmpint (o->input_price, ==, 1250000);
  g_assert_cmpint (o->output_price, ==, 5000000);
  g_assert_cmpint (o->cached_input_price, ==, 125000);
  g_assert_cmpuint (o->tiers->len, ==, 1);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 0).input, ==, 2500000);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 0).cached_input, ==, SP_MONEY_UNKNOWN);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("invalid-utf8.json", &error);
  static const char nul_inside[] = "{\"suanpan_feed\": \"1.0\"\0}";

  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);

  /* an overlong encoding of '/', and a lone surrogate written in UTF-8 */
  assert_refused ("{\"suanpan_feed\": \"1.0\xC0\xAF\"}", SP_IMPORT_ERROR_ENCODING);
  assert_refused ("{\"x\": \"\xED\xA0\x80\"}", SP_IMPORT_ERROR_ENCODING);

  result = parse_bytes (nul_inside, sizeof nul_inside - 1, &error);
  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING);
}

static void
test_deep_nesting (void)
{
  const gsize depth = 100000;
  g_autofree char *deep = g_malloc (2 * depth + 1);
  g_autofree char *deep_objects = NULL;
  g_autoptr(GString) s = g_string_new ("{\"suanpan_feed\": \"1.0\", \"x\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;

  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  deep[2 * depth] = '\0';
  assert_refused (deep, SP_IMPORT_ERROR_SYNTAX);
  /* unbalanced: only opening brackets */
  deep[depth] = '\0';
  assert_refused (deep, SP_IMPORT_ERROR_SYNTAX);

  for (gsize i = 0; i < depth; i++)
    g_string_append (s, "{\"a\":");
  deep_objects = g_string_free (g_steal_pointer (&s), FALSE);
  assert_refused (deep_objects, SP_IMPORT_ERROR_SYNTAX);

  /* json-glib 1.6 also reads single-quoted strings and comments: a '"' inside
   * them must not hide 100,000 brackets from the depth check (this crashed
   * json-glib with a stack overflow before the check knew about them) */
  s = g_string_new ("['\"', ");
  g_string_append (s, deep);
  g_string_append (s, "]");
  assert_refused (s->str, SP_IMPORT_ERROR_SYNTAX);
  g_string_assign (s, "/* \" */ ");
  g_string_append (s, deep);
  assert_refused (s->str, SP_IMPORT_ERROR_SYNTAX);
  g_string_assign (s, "{'suanpan_feed': '1.0', 'vendor': {'id': 'v'}, 'offers': []}");
  assert_refused (s->str, SP_IMPORT_ERROR_SYNTAX);
  g_string_free (g_steal_pointer (&s), TRUE);

  /* brackets inside strings do not count, and 64 levels are fine */
  s = g_string_new ("{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"v\", \"homepage\": \"");
  for (gsize i = 0; i < 1000; i++)
    g_string_append (s, "[{\\\"");
  g_string_append (s, "\"}, \"x\": ");
  for (gsize i = 0; i < 62; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < 62; i++)
    g_string_append_c (s, ']');
  g_string_append (s, ", \"offers\": []}");
  result = parse_string (s->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_clear_object (&result);

  /* one level more than 64 is refused */
  g_string_truncate (s, 0);
  g_string_append (s, "{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"v\"}, \"x\": ");
  for (gsize i = 0; i < 64; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < 64; i++)
    g_string_append_c (s, ']');
  g_string_append (s, ", \"offers\": []}");
  result = parse_string (s->str, &error);
  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX);
}

/* ------------------------------------------------------------------------ */
/* Per-offer problems                                                       */

static void
test_wrong_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("wrong-types.json", &error);
  const SpImportSkip *skip;
  SpOffer *o;

  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 36);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 1);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 35);

  /* row 1: the id is a number, so the skip has no key */
  skip = find_skip_row (result, 1);
  g_assert_nonnull (skip);
  g_assert_null (skip->key);
  g_assert_nonnull (strstr (skip->reason, "id"));

  assert_skipped (result, "kind-fpga", "fpga");
  assert_skipped (result, "kind-number", "kind");
  assert_skipped (result, "price-number", "JSON number");
  assert_skipped (result, "price-huge-number", "JSON number");
  assert_skipped (result, "price-huge-exp", "1e400");
  assert_skipped (result, "price-huge-digits", "too large");
  assert_skipped (result, "price-negative", "negative");
  assert_skipped (result, "price-nan", "finite");
  assert_skipped (result, "price-infinity", "finite");
  assert_skipped (result, "price-empty", "price.per_unit");
  assert_skipped (result, "price-spaces", "price.per_unit");
  assert_skipped (result, "price-object", "price.per_unit");
  assert_skipped (result, "price-not-object", "price");
  assert_skipped (result, "price-absent", "price");
  assert_skipped (result, "no-per-unit", "no price");
  assert_skipped (result, "per-unit-null", "no price");
  assert_skipped (result, "no-currency", "price.currency");
  assert_skipped (result, "bad-currency", "cny");
  assert_skipped (result, "gpu-count-text", "spec.gpu_count");
  assert_skipped (result, "gpu-count-inf", "spec.gpu_count");
  assert_skipped (result, "gpu-count-huge-int", "spec.gpu_count");
  assert_skipped (result, "vcpus-negative", "spec.vcpus");
  assert_skipped (result, "spec-list", "spec");
  assert_skipped (result, "name-missing", "name");
  assert_skipped (result, "tokens-no-model", "model");
  assert_skipped (result, "tier-bad", "above_tokens");
  assert_skipped (result, "voucher-number", "voucher_programmes");
  assert_skipped (result, "bad-date", "yesterday");
  assert_skipped (result, "date-no-zone", "valid_from");
  assert_skipped (result, "dates-reversed", "valid_to");
  assert_skipped (result, "vendor-bad-id", "Bad Vendor!");

  /* rows 33 and 34 are not objects */
  g_assert_nonnull (find_skip_row (result, 33));
  g_assert_nonnull (find_skip_row (result, 34));
  g_assert_null (find_skip_row (result, 33)->key);

  /* only the input price known: kept, output unknown (never 0); unknown
   * billing / tax / fapiao words read as unknown */
  o = find_offer (result, "kept-input-only");
  g_assert_nonnull (o);
  g_assert_cmpint (o->price, ==, 250000);
  g_assert_cmpint (o->input_price, ==, 250000);
  g_assert_cmpint (o->output_price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (o->cached_input_price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (o->billing, ==, SP_BILLING_UNKNOWN);
  g_assert_cmpint (o->tax, ==, SP_TAX_UNKNOWN);
  g_assert_cmpint (o->fapiao, ==, SP_FAPIAO_UNKNOWN);
  g_assert_false (o->demo);
  g_assert_cmpstr (o->vendor_id, ==, "hostile");
  g_assert_cmpstr (o->vendor_name, ==, "Hostile test vendor");
  g_assert_null (o->vendor_name_zh);
  g_assert_cmpstr (o->name, ==, "tokens offer with only the input price known");

  /* the second entry with the same id is skipped and reported, the first kept */
  skip = find_skip_row (result, 36);
  g_assert_nonnull (skip);
  g_assert_cmpstr (skip->key, ==, "kept-input-only");
}

static void
test_number_price (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("number-price.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 2);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 1);
  assert_skipped (result, "float-noise", "JSON number");
  g_assert_cmpint (find_offer (result, "fine")->price, ==, 100000);
}

static void
test_negative_price (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("negative-price.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 1);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 0);
  assert_skipped (result, "negative", "price.input");
}

static void
test_duplicate_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("duplicate-ids.json", &error);
  const SpImportSkip *skip;
  SpOffer *o;

  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 3);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 2);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 1);
  o = find_offer (result, "same");
  g_assert_cmpstr (o->name, ==, "First");
  g_assert_cmpint (o->price, ==, 100000);
  g_assert_cmpuint (o->vcpus_milli, ==, 2000);
  skip = find_skip (result, "same");
  g_assert_nonnull (skip);
  g_assert_cmpuint (skip->row, ==, 3);
}

static void
test_empty_offers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = parse_test_file ("empty-offers.json", &error);
  g_autofree char *path = sp_test_source_path ("tests/data/feeds/empty-offers.json");

  /* the feed reader accepts it … */
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 0);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 0);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "quiet-vendor");
  g_clear_object (&result);

  /* … and the import as a whole reports that nothing usable was found */
  result = sp_import_parse_file (path, SP_FEED_FORMAT_SUANPAN, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY);
}

/* ------------------------------------------------------------------------ */
/* Reading rules                                                            */

#define FEED_HEAD "{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"t\"}, \"offers\": ["
#define FEED_TAIL "]}"

static SpOffer *
parse_one (const char      *offer_json,
           SpImportResult **result_out)
{
  g_autofree char *json = g_strconcat (FEED_HEAD, offer_json, FEED_TAIL, NULL);
  g_autoptr(GError) error = NULL;

  *result_out = parse_string (json, &error);
  g_assert_no_error (error);
  if (sp_import_result_get_rows_normalized (*result_out) != 1)
    {
      GArray *skips = sp_import_result_get_skips (*result_out);

      g_error ("offer skipped: %s", skips->len ? g_array_index (skips, SpImportSkip, 0).reason
                                               : "?");
    }
  return g_ptr_array_index (sp_import_result_get_offers (*result_out), 0);
}

static void
test_rounding (void)
{
  g_autoptr(SpImportResult) result = NULL;
  SpOffer *o;

  /* more than 6 decimals: rounded half-up once; 0.25 vCPU, 0.75 GB RAM;
   * the GPU model canonicalized; the vendor name falls back to its id */
  o = parse_one ("{\"id\": \"r\", \"kind\": \"gpu\", \"name\": \"R\","
                 " \"spec\": {\"gpu_model\": \"h100-sxm5\", \"vcpus\": 0.25, \"ram_gb\": 0.75,"
                 " \"gpu_count\": 8.0},"
                 " \"price\": {\"currency\": \"CNY\", \"per_unit\": \"1.0000005\"},"
                 " \"hidden_costs\": {\"egress_per_gb\": \"0.00000049\"}}", &result);
  g_assert_cmpint (o->price, ==, 1000001);
  g_assert_cmpstr (o->list_price, ==, "1.0000005");
  g_assert_cmpint (o->egress_gb, ==, 0);
  g_assert_cmpstr (o->gpu_model, ==, "H100 SXM");
  g_assert_cmpuint (o->gpu_count, ==, 8);
  g_assert_cmpuint (o->vcpus_milli, ==, 250);
  g_assert_cmpuint (o->ram_mib, ==, 768);
  g_assert_cmpstr (o->vendor_name, ==, "t");
  g_assert_cmpstr (o->source, ==, "t");
  g_clear_object (&result);

  /* a free offer is 0, which is a known price */
  o = parse_one ("{\"id\": \"free\", \"kind\": \"tokens\", \"model\": \"m\", \"name\": \"F\","
                 " \"price\": {\"currency\": \"USD\", \"input\": \"0\", \"output\": \"0.000\"}}",
                 &result);
  g_assert_cmpint (o->input_price, ==, 0);
  g_assert_cmpint (o->output_price, ==, 0);
  g_clear_object (&result);

  /* only the output price known: kept, input unknown */
  o = parse_one ("{\"id\": \"out\", \"kind\": \"tokens\", \"model\": \"m\", \"name\": \"O\","
                 " \"price\": {\"currency\": \"USD\", \"output\": \"12.000001\"}}", &result);
  g_assert_cmpint (o->price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (o->input_price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (o->output_price, ==, 12000001);
}

static void
test_tiers_sorted (void)
{
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SpOffer *o;

  o = parse_one ("{\"id\": \"t\", \"kind\": \"tokens\", \"model\": \"m\", \"name\": \"T\","
                 " \"price\": {\"currency\": \"USD\", \"input\": \"1\", \"output\": \"2\","
                 " \"tiers\": [{\"above_tokens\": 256000, \"input\": \"4\", \"output\": \"8\"},"
                 "             {\"above_tokens\": 128000, \"input\": \"2\", \"output\": \"4\","
                 "              \"cached_input\": \"0.2\"}]}}", &result);
  g_assert_cmpuint (o->tiers->len, ==, 2);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 0).above_tokens, ==, 128000);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 0).input, ==, 2000000);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 0).cached_input, ==, 200000);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 1).above_tokens, ==, 256000);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 1).output, ==, 8000000);
  g_assert_cmpint (g_array_index (o->tiers, SpTokenTier, 1).cached_input, ==, SP_MONEY_UNKNOWN);
  g_clear_object (&result);

  /* two tiers with the same threshold, a tier without a price, a zero threshold */
  result = parse_string (FEED_HEAD
    "{\"id\": \"same\", \"kind\": \"tokens\", \"model\": \"m\", \"name\": \"S\","
    " \"price\": {\"currency\": \"USD\", \"input\": \"1\","
    " \"tiers\": [{\"above_tokens\": 1000, \"input\": \"2\"},"
    "            {\"above_tokens\": 1000, \"input\": \"3\"}]}},"
    "{\"id\": \"empty-tier\", \"kind\": \"tokens\", \"model\": \"m\", \"name\": \"E\","
    " \"price\": {\"currency\": \"USD\", \"input\": \"1\", \"tiers\": [{\"above_tokens\": 1000}]}},"
    "{\"id\": \"zero\", \"kind\": \"tokens\", \"model\": \"m\", \"name\": \"Z\","
    " \"price\": {\"currency\": \"USD\", \"input\": \"1\","
    " \"tiers\": [{\"above_tokens\": 0, \"input\": \"2\"}]}}"
    FEED_TAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 0);
  assert_skipped (result, "same", "1000");
  assert_skipped (result, "empty-tier", "tiers[0]");
  assert_skipped (result, "zero", "above_tokens");
}

static void
test_dates (void)
{
  g_autoptr(SpImportResult) result = NULL;
  SpOffer *o;

  /* lower-case t and z are RFC 3339 too; fractions are dropped */
  o = parse_one ("{\"id\": \"d\", \"kind\": \"cpu\", \"name\": \"D\","
                 " \"valid_from\": \"2026-03-01t00:00:00.999z\","
                 " \"valid_to\": \"2026-03-02T08:00:00+08:00\","
                 " \"price\": {\"currency\": \"CNY\", \"per_unit\": \"1\"}}", &result);
  g_assert_cmpint (o->valid_from, ==, T_2026_03_01);
  g_assert_cmpint (o->valid_to, ==, T_2026_03_01 + DAY);
  g_clear_object (&result);

  /* dates that do not exist */
  result = parse_string (FEED_HEAD
    "{\"id\": \"feb30\", \"kind\": \"cpu\", \"name\": \"X\", \"valid_to\": \"2026-02-30\","
    " \"price\": {\"currency\": \"CNY\", \"per_unit\": \"1\"}},"
    "{\"id\": \"week\", \"kind\": \"cpu\", \"name\": \"X\", \"valid_to\": \"2026-W01-1T00:00:00Z\","
    " \"price\": {\"currency\": \"CNY\", \"per_unit\": \"1\"}},"
    "{\"id\": \"hour25\", \"kind\": \"cpu\", \"name\": \"X\","
    " \"valid_to\": \"2026-03-01T25:00:00Z\","
    " \"price\": {\"currency\": \"CNY\", \"per_unit\": \"1\"}}"
    FEED_TAIL, NULL);
  g_assert_nonnull (result);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 0);
  assert_skipped (result, "feb30", "valid_to");
  assert_skipped (result, "week", "valid_to");
  assert_skipped (result, "hour25", "valid_to");
}

/* The source given by the caller wins; otherwise the vendor id.  A per-offer
 * vendor changes the offer's vendor, not its source. */
static void
test_source_and_vendor_override (void)
{
  const char *json = FEED_HEAD
    "{\"id\": \"a\", \"kind\": \"cpu\", \"name\": \"A\","
    " \"vendor\": {\"id\": \"shop-b\", \"name\": {\"en\": \"Shop B\", \"zh_CN\": \"乙店\"}},"
    " \"price\": {\"currency\": \"CNY\", \"per_unit\": \"1\"}}"
    FEED_TAIL;
  g_autoptr(SpImportResult) result = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, "market");
  g_autoptr(GError) error = NULL;
  SpOffer *o;

  g_assert_true (sp_feed_suanpan_parse (json, strlen (json), result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_import_result_get_source (result), ==, "market");
  o = find_offer (result, "a");
  g_assert_cmpstr (o->source, ==, "market");
  g_assert_cmpstr (o->vendor_id, ==, "shop-b");
  g_assert_cmpstr (o->vendor_name, ==, "Shop B");
  g_assert_cmpstr (o->vendor_name_zh, ==, "乙店");
  g_assert_cmpint (sp_import_result_get_generated_at (result), ==, 0);
}

/* The buffer need not be NUL-terminated, and may start with a BOM. */
static void
test_buffer_bounds (void)
{
  const char *json = "\xEF\xBB\xBF" FEED_HEAD
    "{\"id\": \"a\", \"kind\": \"cpu\", \"name\": \"A\","
    " \"price\": {\"currency\": \"CNY\", \"per_unit\": \"1\"}}" FEED_TAIL;
  gsize len = strlen (json);
  g_autofree char *copy = g_malloc (len);
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (copy, json, len);   /* exactly @len bytes, no terminator */
  result = parse_bytes (copy, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 1);
  g_clear_object (&result);

  /* cut one byte short: the closing brace is missing */
  result = parse_bytes (copy, len - 1, &error);
  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/feed-suanpan/demo/counts", test_demo_counts);
  g_test_add_func ("/core/feed-suanpan/demo/values", test_demo_values);
  g_test_add_func ("/core/feed-suanpan/demo/via-import", test_demo_via_import);
  g_test_add_func ("/core/feed-suanpan/refused/truncated", test_truncated);
  g_test_add_func ("/core/feed-suanpan/refused/not-a-feed", test_not_a_feed);
  g_test_add_func ("/core/feed-suanpan/refused/newer-major", test_newer_major);
  g_test_add_func ("/core/feed-suanpan/refused/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/feed-suanpan/refused/deep-nesting", test_deep_nesting);
  g_test_add_func ("/core/feed-suanpan/newer-minor", test_newer_minor);
  g_test_add_func ("/core/feed-suanpan/skipped/wrong-types", test_wrong_types);
  g_test_add_func ("/core/feed-suanpan/skipped/number-price", test_number_price);
  g_test_add_func ("/core/feed-suanpan/skipped/negative-price", test_negative_price);
  g_test_add_func ("/core/feed-suanpan/skipped/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/core/feed-suanpan/empty-offers", test_empty_offers);
  g_test_add_func ("/core/feed-suanpan/rounding", test_rounding);
  g_test_add_func ("/core/feed-suanpan/tiers", test_tiers_sorted);
  g_test_add_func ("/core/feed-suanpan/dates", test_dates);
  g_test_add_func ("/core/feed-suanpan/source-and-vendor", test_source_and_vendor_override);
  g_test_add_func ("/core/feed-suanpan/buffer-bounds", test_buffer_bounds);

  return g_test_run ();
}
