/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-estimate.c — suanpan-cli estimate and the warning fields of offers --json */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "sp-test-util.h"

typedef SpTestFeedFixture Fixture;

/* Runs "suanpan-cli --data-dir DIR ARGS…" expecting success; returns the
 * parsed JSON array (owned by @parser). */
static JsonArray *
run_json (Fixture            *fixture,
          JsonParser         *parser,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  int status;

  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, fixture->dir->path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  status = sp_test_run_cli ((const char * const *) argv->pdata, &out, &err);
  if (status != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_node_get_array (root);
}

/* monthly_cost as a number of micro-units, for comparing ranks */
static gint64
cost_micro (JsonObject *o)
{
  const char *s = json_object_get_string_member (o, "monthly_cost");
  g_auto(GStrv) parts = g_strsplit (s, ".", 2);
  g_autofree char *frac = g_strdup_printf ("%-6s", parts[1] ? parts[1] : "");

  for (char *p = frac; *p; p++)
    if (*p == ' ')
      *p = '0';
  return g_ascii_strtoll (parts[0], NULL, 10) * 1000000 + g_ascii_strtoll (frac, NULL, 10);
}

static void
assert_ranked (JsonArray *array)
{
  for (guint i = 1; i < json_array_get_length (array); i++)
    g_assert_cmpint (cost_micro (json_array_get_object_element (array, i - 1)), <=,
                     cost_micro (json_array_get_object_element (array, i)));
}

static void
test_gpu (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonArray *rows;
  JsonObject *o;

  rows = run_json (fixture, parser, (const char *[]) { "estimate", "--gpu-hours", "500",
                                                       "--gpu-model", "H100 SXM",
                                                       "--currency", "CNY", "--usd-cny", "7.2",
                                                       "--json", NULL });
  /* six H100 SXM offers; 500 × ¥5.80 = ¥2,900 first */
  g_assert_cmpuint (json_array_get_length (rows), ==, 6);
  assert_ranked (rows);
  for (guint i = 0; i < 6; i++)
    {
      o = json_array_get_object_element (rows, i);
      g_assert_true (json_object_has_member (o, "id"));
      g_assert_true (json_object_has_member (o, "vendor"));
      g_assert_true (json_object_has_member (o, "name"));
      g_assert_true (json_object_has_member (o, "monthly_cost"));
      g_assert_cmpstr (json_object_get_string_member (o, "gpu_model"), ==, "H100 SXM");
      g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "CNY");
    }
  o = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, "demo-rs-h100-sxm-internal");
  g_assert_cmpstr (json_object_get_string_member (o, "vendor"), ==, "demo-discount-reseller");
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "2900.00");
  g_assert_true (json_object_get_boolean_member (o, "suspicious"));
  /* 500 × ¥22.80 = ¥11,400; 500 × $2.99 × 7.2 = ¥10,764 */
  o = sp_test_json_find (rows, "id", "demo-hz-h100-sxm-8x");
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "11400.00");
  g_assert_cmpstr (json_object_get_string_member (o, "unit_price"), ==, "22.80");
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "card-hour");
  g_assert_false (json_object_get_boolean_member (o, "suspicious"));
  g_assert_true (json_object_get_null_member (o, "suspicious_reason"));
  o = sp_test_json_find (rows, "id", "demo-gl-h100-sxm-8x");
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "10764.00");

  /* "H100" matches every variant; --limit */
  rows = run_json (fixture, parser2, (const char *[]) { "estimate", "--gpu-hours", "500",
                                                        "--gpu-model", "H100", "--usd-cny", "7.2",
                                                        "--currency", "CNY", "--limit", "8",
                                                        "--json", NULL });
  g_assert_cmpuint (json_array_get_length (rows), ==, 8);   /* 9 H100 offers, limit 8 */
  /* the most expensive, ¥24.50 SXM (¥12,250), is the one cut */
  g_assert_null (sp_test_json_find (rows, "id", "demo-hz-h100-sxm-1x"));
  g_assert_nonnull (sp_test_json_find (rows, "id", "demo-nb-h100-nvl-1x"));
}

static void
test_cpu_and_tokens (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autoptr(JsonParser) p4 = json_parser_new ();
  JsonArray *rows;
  JsonObject *o;

  /* 1,000 core-hours: ¥87.513 first (0.087513 per core-hour) */
  rows = run_json (fixture, p1, (const char *[]) { "estimate", "--core-hours", "1000",
                                                   "--currency", "CNY", "--usd-cny", "7.2", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  o = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "87.513");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "cpu");

  /* 30 M in + 8 M out: gpt-4o-class 30 × 2.5 + 8 × 10 = $155 = ¥1,116 */
  rows = run_json (fixture, p2, (const char *[]) { "estimate", "--input-mtok", "30", "--output-mtok", "8",
                                                   "--currency", "CNY", "--usd-cny", "7.2", "--json", NULL });
  g_assert_cmpuint (json_array_get_length (rows), ==, 11);
  assert_ranked (rows);
  o = sp_test_json_find (rows, "id", "demo-us-gpt-4o-class");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "1116.00");
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "1M input tokens");
  g_assert_false (json_object_get_boolean_member (o, "self_hosted"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "monthly_cost"),
                   ==, "23.00");

  /* in dollars, with 10 M cached at $1.25: $167.50 */
  rows = run_json (fixture, p3, (const char *[]) { "estimate", "--input-mtok", "30", "--output-mtok", "8",
                                                   "--cached-mtok", "10", "--currency", "USD",
                                                   "--usd-cny", "7.2", "--json", NULL });
  o = sp_test_json_find (rows, "id", "demo-us-gpt-4o-class");
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "167.50");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "USD");

  /* task preset: 10,000 chat replies = 15 M in + 4 M out → $77.50 = ¥558 */
  rows = run_json (fixture, p4, (const char *[]) { "estimate", "--task", "chat-reply", "--requests", "10000",
                                                   "--currency", "CNY", "--usd-cny", "7.2", "--json", NULL });
  o = sp_test_json_find (rows, "id", "demo-us-gpt-4o-class");
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "558.00");
}

static void
test_self_host (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  JsonObject *o;
  guint n_gpu = 0;

  rows = run_json (fixture, parser, (const char *[]) { "estimate", "--input-mtok", "30", "--output-mtok", "8",
                                                       "--self-host-tokens-per-second", "2000",
                                                       "--gpu-model", "H100 SXM",
                                                       "--currency", "CNY", "--usd-cny", "7.2", "--json", NULL });
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (rows, i), "self_hosted"))
      n_gpu++;
  g_assert_cmpuint (n_gpu, ==, 6);
  g_assert_cmpuint (json_array_get_length (rows), ==, 11 + 6);
  assert_ranked (rows);
  /* ¥22.80 / 7.2 = ¥3.166667 per 1M; 38 M → ¥120.333333 (one rounding) */
  o = sp_test_json_find (rows, "id", "demo-hz-h100-sxm-8x");
  g_assert_nonnull (o);
  g_assert_true (json_object_get_boolean_member (o, "self_hosted"));
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "gpu");
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "1M tokens");
  g_assert_cmpstr (json_object_get_string_member (o, "unit_price"), ==, "3.166667");
  g_assert_cmpstr (json_object_get_string_member (o, "monthly_cost"), ==, "120.333333");
}

static void
test_text_output (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", fixture->dir->path, "estimate",
                                                       "--gpu-hours", "500", "--gpu-model", "H100 SXM",
                                                       "--currency", "CNY", "--usd-cny", "7.2", NULL },
                                    &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "¥2900.00"));
  g_assert_nonnull (strstr (out, "500 card-hours × ¥22.80 per card-hour"));
  g_assert_nonnull (strstr (out, "scam"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a monthly cost is an amount: to the fen (0.333 × ¥5.80 = ¥1.9314 was
   * printed as is); the unit price keeps its digits */
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", fixture->dir->path, "estimate",
                                                       "--gpu-hours", "0.333", "--gpu-model", "H100 SXM",
                                                       "--currency", "CNY", "--usd-cny", "7.2", NULL },
                                    &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "¥1.93 per month"));
  g_assert_null (strstr (out, "¥1.9314"));
}

static void
test_bad_usage (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *cases[][8] = {
    { "estimate", NULL },                                                  /* no workload */
    { "estimate", "--json", NULL },
    { "estimate", "--gpu-hours", "5", "--core-hours", "5", NULL },         /* two workloads */
    { "estimate", "--gpu-hours", "5", "--input-mtok", "1", "--output-mtok", "1", NULL },
    { "estimate", "--gpu-hours", "-5", NULL },                             /* negative */
    { "estimate", "--input-mtok", "1", "--output-mtok", "-1", NULL },
    { "estimate", "--gpu-hours", "5", "--min-gpu-memory", "-1", NULL },
    { "estimate", "--gpu-hours", "lots", NULL },                           /* not a number */
    { "estimate", "--input-mtok", "1", NULL },                             /* output missing */
    { "estimate", "--core-hours", "5", "--gpu-model", "H100", NULL },      /* filter without gpu */
    { "estimate", "--gpu-hours", "5", "--self-host-tokens-per-second", "100", NULL },
    { "estimate", "--input-mtok", "1", "--output-mtok", "1", "--self-host-tokens-per-second", "0", NULL },
    { "estimate", "--gpu-hours", "5", "--currency", "EUR", NULL },
    { "estimate", "--gpu-hours", "5", "--limit", "-1", NULL },
    { "estimate", "--task", "poem", "--requests", "5", NULL },
    { "estimate", "--gpu-hours", "5", "extra", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *nl;

      g_ptr_array_add (argv, (char *) "--data-dir");
      g_ptr_array_add (argv, fixture->dir->path);
      for (guint j = 0; cases[i][j] != NULL; j++)
        g_ptr_array_add (argv, (char *) cases[i][j]);
      g_ptr_array_add (argv, NULL);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (sp_test_run_cli ((const char * const *) argv->pdata, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "suanpan-cli: "));
      nl = strchr (err, '\n');
      g_assert_nonnull (nl);
      g_assert_cmpstr (nl + 1, ==, "");
    }
}

static void
test_offers_json_flags (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonArray *rows;
  JsonObject *o;
  guint n_suspicious = 0;

  rows = run_json (fixture, parser, (const char *[]) { "offers", "--json", NULL });
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      o = json_array_get_object_element (rows, i);
      g_assert_true (json_object_has_member (o, "group"));
      g_assert_true (json_object_has_member (o, "suspicious"));
      g_assert_true (json_object_has_member (o, "suspicious_reason"));
      if (json_object_get_boolean_member (o, "suspicious"))
        {
          n_suspicious++;
          g_assert_nonnull (json_object_get_string_member (o, "suspicious_reason"));
        }
      else
        g_assert_true (json_object_get_null_member (o, "suspicious_reason"));
    }
  g_assert_cmpuint (n_suspicious, ==, 1);
  o = sp_test_json_find (rows, "id", "demo-rs-h100-sxm-internal");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "group"), ==, "gpu:H100 SXM:80");
  g_assert_true (json_object_get_boolean_member (o, "suspicious"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "suspicious_reason"), "internal channel"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "suspicious_reason"), "H100 SXM 80 GB"));

  /* the median is over the whole catalog, not only the offers shown */
  rows = run_json (fixture, parser2, (const char *[]) { "offers", "--vendor", "demo-discount-reseller",
                                                        "--json", NULL });
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (rows, 0), "suspicious"));
}

int
main (int    argc,
      char **argv)
{
  sp_test_init_cli_en (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli-estimate/" path, Fixture, "data/demo/demo-feed.json", \
             sp_test_feed_fixture_set_up, func, sp_test_feed_fixture_tear_down)
  ADD ("gpu", test_gpu);
  ADD ("cpu-and-tokens", test_cpu_and_tokens);
  ADD ("self-host", test_self_host);
  ADD ("text-output", test_text_output);
  ADD ("bad-usage", test_bad_usage);
  ADD ("offers-json-flags", test_offers_json_flags);
#undef ADD

  return g_test_run ();
}
