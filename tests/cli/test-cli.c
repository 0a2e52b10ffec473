/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c — the suanpan-cli front end: a stable interface for scripts */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sp-test-util.h"

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_node_get_array (root);
}

static void
test_version_and_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *expected = g_strdup_printf ("suanpan-cli %s\n", PACKAGE_VERSION);

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--version", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected);

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--help", NULL }, &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "import"));
  g_assert_nonnull (strstr (out2, "offers"));
  g_assert_nonnull (strstr (out2, "--data-dir"));
}

static void
test_bad_input_one_line (void)
{
  static const char *cases[][4] = {
    { "frobnicate", NULL },
    { "--bogus", NULL },
    { "offers", "--kind", "fpga", NULL },
    { "offers", "--currency", "EUR", NULL },
    { "offers", "--usd-cny", "seven", NULL },
    { "import", "/nonexistent/file.json", NULL },
    { "import", NULL },
  };
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      status = sp_test_run_cli_in (dir->path, NULL, cases[i], &out, &err);
      g_assert_cmpint (status, ==, 1);
      g_assert_true (g_str_has_prefix (err, "suanpan-cli: "));
      /* exactly one line, no crash */
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
    }
}

static void
test_import_demo_and_list (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = sp_test_source_path ("data/demo/demo-feed.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autofree char *err2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *offers;
  const char *required[] = { "id", "source", "vendor", "kind", "name", "model", "gpu_model",
                             "gpu_count", "region", "billing", "currency", "price", "unit",
                             "normalized" };

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", feed, NULL },
                                    &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "skipped"));

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--json",
                                                       "--currency", "CNY", "--usd-cny", "7.2", NULL },
                                    &json, &err2), ==, 0);
  offers = parse_array (json, parser);
  g_assert_cmpuint (json_array_get_length (offers), >=, 24);
  for (guint i = 0; i < json_array_get_length (offers); i++)
    {
      JsonObject *o = json_array_get_object_element (offers, i);
      for (gsize k = 0; k < G_N_ELEMENTS (required); k++)
        g_assert_true (json_object_has_member (o, required[k]));
      if (g_strcmp0 (json_object_get_string_member (o, "kind"), "tokens") == 0)
        {
          g_assert_true (json_object_has_member (o, "normalized_input"));
          g_assert_true (json_object_has_member (o, "normalized_output"));
        }
    }
}

static void
test_filters_and_limit (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = sp_test_source_path ("data/demo/demo-feed.json");
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *offers;

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", feed, NULL },
                                    &out, NULL), ==, 0);
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--kind", "gpu",
                                                       "--limit", "3", "--sort", "price", "--json", NULL },
                                    &json, NULL), ==, 0);
  offers = parse_array (json, parser);
  g_assert_cmpuint (json_array_get_length (offers), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *o = json_array_get_object_element (offers, i);
      g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "gpu");
      g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "card-hour");
    }

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--csv",
                                                       "--kind", "cpu", NULL }, &csv, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (csv, "id,source,vendor,kind,"));
  g_assert_null (strstr (csv, ",gpu,"));
}

/* offers --csv: feed text that a spreadsheet would run as a formula is
 * written with a leading apostrophe (OWASP); numbers are not touched. */
static void
test_offers_csv_formulas (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = g_build_filename (dir->path, "feed.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *csv = NULL;
  static const char text[] =
    "{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"evil\", \"name\": {\"en\": \"Evil\"}},"
    " \"offers\": ["
    "  {\"id\": \"formulas\", \"kind\": \"gpu\", \"name\": \"=1+2\", \"model\": \"+x\","
    "   \"spec\": {\"gpu_model\": \"@SUM(A1)\", \"gpu_count\": 1, \"region\": \"-x\", \"billing\": \"on-demand\"},"
    "   \"price\": {\"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"12.50\"}},"
    "  {\"id\": \"plain\", \"kind\": \"gpu\", \"name\": \"A100\","
    "   \"spec\": {\"gpu_model\": \"A100\", \"gpu_count\": 1, \"region\": \"cn\", \"billing\": \"on-demand\"},"
    "   \"price\": {\"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"3.50\"}}"
    " ]}";

  g_assert_true (g_file_set_contents (feed, text, -1, NULL));
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", feed, NULL },
                                    &out, NULL), ==, 0);
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--csv",
                                                       "--sort", "price", NULL }, &csv, NULL), ==, 0);
  g_assert_cmpstr (csv, ==,
                   "id,source,vendor,kind,name,model,gpu_model,gpu_count,region,billing,"
                   "currency,price,unit,normalized_currency,normalized,"
                   "normalized_input,normalized_output,after_vouchers\n"
                   "plain,evil,evil,gpu,A100,,A100,1,cn,on-demand,CNY,3.50,card-hour,CNY,3.50,,,3.50\n"
                   "formulas,evil,evil,gpu,'=1+2,'+x,'@SUM(A1),1,'-x,on-demand,CNY,12.50,card-hour,CNY,12.50,,,12.50\n");
}

/* 1.5e-07 USD per token is exactly 0.15 USD per 1M tokens; the float
 * artifact 2.9999900000000002e-06 is 2.99999, never binary noise. */
static void
test_exact_litellm_prices (void)
{
  g_autofree char *path = sp_test_catalog ("litellm/model_prices_and_context_window.json");
  g_autoptr(SpTestDir) dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *offers;
  JsonObject *mini, *noisy;

  if (path == NULL)
    return;
  dir = sp_test_dir_new ();
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", path,
                                                       "--format", "auto", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "“litellm”"));

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--json",
                                                       "--currency", "USD", "--kind", "tokens", NULL },
                                    &json, NULL), ==, 0);
  offers = parse_array (json, parser);
  mini = sp_test_json_find (offers, "id", "gpt-4o-mini");
  g_assert_nonnull (mini);
  g_assert_cmpstr (json_object_get_string_member (mini, "model"), ==, "gpt-4o-mini");
  g_assert_cmpstr (json_object_get_string_member (mini, "normalized_input"), ==, "0.15");
  g_assert_cmpstr (json_object_get_string_member (mini, "normalized_output"), ==, "0.60");
  g_assert_cmpstr (json_object_get_string_member (mini, "currency"), ==, "USD");

  noisy = sp_test_json_find (offers, "id", "databricks/databricks-claude-3-7-sonnet");
  g_assert_nonnull (noisy);
  g_assert_cmpstr (json_object_get_string_member (noisy, "normalized_input"), ==, "2.99999");

  /* no price anywhere shows binary-float noise: plain decimals, 2 to 6 places */
  {
    g_autoptr(GRegex) plain = g_regex_new ("^[0-9]+\\.[0-9]{2,6}$", 0, 0, NULL);
    const char *fields[] = { "price", "normalized", "normalized_input", "normalized_output",
                             "normalized_cached" };
    guint checked = 0;

    for (guint i = 0; i < json_array_get_length (offers); i++)
      {
        JsonObject *o = json_array_get_object_element (offers, i);
        for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
          {
            JsonNode *n = json_object_get_member (o, fields[f]);
            if (n == NULL || JSON_NODE_HOLDS_NULL (n))
              continue;
            g_assert_true (g_regex_match (plain, json_node_get_string (n), 0, NULL));
            checked++;
          }
      }
    g_assert_cmpuint (checked, >, 5000);
  }
}

static void
test_skypilot_source_from_folder (void)
{
  g_autofree char *path = sp_test_catalog ("skypilot/v8_aws_vms.gpu_excerpt.csv");
  g_autoptr(SpTestDir) dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *data = NULL;
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *offers;
  gsize len;

  if (path == NULL)
    return;
  dir = sp_test_dir_new ();
  /* the catalog's cloud folder names the vendor: aws/vms.csv → aws */
  folder = g_build_filename (dir->path, "catalog", "aws", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  copy = g_build_filename (folder, "vms.csv", NULL);
  data = sp_test_read_file (path, &len);
  g_assert_true (g_file_set_contents (copy, data, len, NULL));

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", copy, NULL },
                                    &out, NULL), ==, 0);
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--json",
                                                       "--vendor", "aws", "--kind", "gpu", NULL },
                                    &json, NULL), ==, 0);
  offers = parse_array (json, parser);
  g_assert_cmpuint (json_array_get_length (offers), >, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (offers, 0), "source"),
                   ==, "aws");
}

/* Clean text at the door (issue 15): the import report counts what was
 * refused and removed; what --json prints is what was stored, valid UTF-8
 * without bidi controls or zero-width characters. */
static void
test_hostile_text (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = sp_test_source_path ("tests/data/feeds/hostile-text.json");
  g_autofree char *report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  static const char * const invisible[] = {
    "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
    "\u2069", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF",
  };
  JsonObject *r;
  JsonArray *offers, *reasons;

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", "--json",
                                                       feed, NULL }, &report, NULL), ==, 0);
  json_parser_load_from_data (parser, report, -1, NULL);
  r = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (r, "read"), ==, 15);
  g_assert_cmpint (json_object_get_int_member (r, "skipped"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (r, "normalized"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (r, "invisible_removed"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (r, "offers_cleaned"), ==, 8);
  reasons = json_object_get_array_member (r, "skip_reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 6);
  g_assert_cmpstr (json_array_get_string_element (reasons, 0), ==,
                   "2 × “id” holds a NUL character or text that is not valid UTF-8");

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--json",
                                                       NULL }, &json, NULL), ==, 0);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  offers = parse_array (json, parser2);
  g_assert_cmpuint (json_array_get_length (offers), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (sp_test_json_find (offers, "id", "rlo"), "name"),
                   ==, "H100 txt.exe $ 1.0");
  g_assert_cmpstr (json_object_get_string_member (sp_test_json_find (offers, "id", "vendor-rlo"),
                                                  "vendor_name"), ==, "GoodCloud");
  g_assert_cmpstr (json_object_get_string_member (sp_test_json_find (offers, "id", "zw-id"),
                                                  "region"), ==, "cn-north");
  g_assert_null (sp_test_json_find (offers, "id", "a"));

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", NULL },
                                    &text, NULL), ==, 0);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (invisible); i++)
    {
      g_assert_null (strstr (json, invisible[i]));
      g_assert_null (strstr (text, invisible[i]));
    }
}

/* Issue 14 item 6: each unusable input file gets its own one-line message
 * naming the file, the same for every import (one core function). */
static void
test_file_errors (void)
{
  static const char *commands[][3] = {
    { "import", NULL },
    { "ledger", "import", NULL },
    { "ledger", "import", "--dry-run" },
    { "voucher", "import", NULL },
  };
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *folder = g_build_filename (dir->path, "folder", NULL);
  g_autofree char *empty = g_build_filename (dir->path, "empty.csv", NULL);
  g_autofree char *binary = g_build_filename (dir->path, "binary.json", NULL);
  g_autofree char *missing = g_build_filename (dir->path, "missing.csv", NULL);
  g_autofree char *big = g_build_filename (dir->path, "big.csv", NULL);
  g_autofree char *locked = g_build_filename (dir->path, "locked.csv", NULL);
  static const char bin[] = "PK\x03\x04\0\0binary";
  FILE *f;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (binary, bin, sizeof bin, NULL));
  g_assert_true (g_file_set_contents (locked, "date\n", -1, NULL));
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  /* 1.1 GB, sparse: over every limit, nothing is read */
  f = g_fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), (off_t) 1100 * 1000 * 1000), ==, 0);
  fclose (f);

  for (gsize c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      const struct {
        const char *path;
        const char *expected;  /* after "suanpan-cli: “PATH”" */
      } cases[] = {
        { folder, " is a folder, not a file\n" },
        { "/dev/null", " is empty\n" },
        { empty, " is empty\n" },
        { binary, " is not a text file (it holds binary data)\n" },
        { missing, " does not exist\n" },
        { big, NULL },
        { locked, " cannot be read: permission denied\n" },
      };

      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autoptr(GPtrArray) args = g_ptr_array_new ();
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          g_autofree char *prefix = g_strdup_printf ("suanpan-cli: “%s”", cases[i].path);
          g_autofree char *expected = g_strconcat (prefix, cases[i].expected, NULL);

          if (cases[i].path == locked && geteuid () == 0)
            continue;  /* root reads everything */
          for (gsize k = 0; k < 3 && commands[c][k] != NULL; k++)
            g_ptr_array_add (args, (char *) commands[c][k]);
          g_ptr_array_add (args, (char *) cases[i].path);
          g_ptr_array_add (args, NULL);
          g_assert_cmpint (sp_test_run_cli_in (dir->path, NULL, (const char * const *) args->pdata,
                                               &out, &err), ==, 1);
          g_assert_cmpstr (out, ==, "");
          if (cases[i].expected != NULL)
            g_assert_cmpstr (err, ==, expected);
          else
            {
              static const char *limits[] = { "256.0\u00a0MB", "1.0\u00a0GB", "1.0\u00a0GB",
                                              "16.0\u00a0MB" };
              g_autofree char *big_expected =
                g_strdup_printf ("%s is too large (1.1\u00a0GB; the limit is %s)\n", prefix,
                                 limits[c]);

              g_assert_cmpstr (err, ==, big_expected);
            }
        }
    }
}

/* Issue 14 item 6: "no offer matches" is not "the store is empty", and
 * rows that would read the same show their region and billing mode. */
static void
test_no_match_and_same_rows (void)
{
  static const char *feed_text =
    "{\"suanpan_feed\": \"1.0\", \"vendor\": {\"id\": \"acme\", \"name\": {\"en\": \"Acme\", "
    "\"zh_CN\": \"甲方云\"}}, \"offers\": ["
    "{\"id\": \"a\", \"kind\": \"gpu\", \"name\": \"A100 80GB\", \"spec\": {\"gpu_model\": \"A100\", "
    "\"gpu_count\": 1, \"gpu_memory_gb\": 80, \"region\": \"cn-hangzhou\", \"billing\": \"on-demand\"}, "
    "\"price\": {\"currency\": \"CNY\", \"per_unit\": \"9.80\"}},"
    "{\"id\": \"b\", \"kind\": \"gpu\", \"name\": \"A100 80GB\", \"spec\": {\"gpu_model\": \"A100\", "
    "\"gpu_count\": 1, \"gpu_memory_gb\": 80, \"region\": \"cn-beijing\", \"billing\": \"spot\"}, "
    "\"price\": {\"currency\": \"CNY\", \"per_unit\": \"9.80\"}},"
    "{\"id\": \"c\", \"kind\": \"gpu\", \"name\": \"H100 SXM 80GB\", \"spec\": {\"gpu_model\": \"H100 SXM\", "
    "\"gpu_count\": 1, \"gpu_memory_gb\": 80, \"region\": \"cn-beijing\", \"billing\": \"spot\"}, "
    "\"price\": {\"currency\": \"CNY\", \"per_unit\": \"20\"}}]}";
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = g_build_filename (dir->path, "acme.json", NULL);
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL, *o5 = NULL;

  g_assert_true (g_file_set_contents (feed, feed_text, -1, NULL));
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "offers", (const char *[]) { "--search", "A100", NULL },
                                       &o1, NULL), ==, 0);
  g_assert_cmpstr (o1, ==, "No offers. Import a catalog with “suanpan-cli import FILE”.\n");
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "import", (const char *[]) { feed, NULL },
                                       &o2, NULL), ==, 0);
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "offers", (const char *[]) { "--search", "B200", NULL },
                                       &o3, NULL), ==, 0);
  g_assert_cmpstr (o3, ==, "No offer matches (the store has 3 offers).\n");
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "offers", (const char *[]) {
    "--currency", "CNY", NULL }, &o4, NULL), ==, 0);
  g_assert_cmpstr (o4, ==,
    "Acme  A100 80GB       9.80  CNY/card-hour  1 × A100 80 GB · cn-hangzhou · On demand\n"
    "Acme  A100 80GB       9.80  CNY/card-hour  1 × A100 80 GB · cn-beijing · Spot\n"
    "Acme  H100 SXM 80GB  20.00  CNY/card-hour  1 × H100 SXM 80 GB\n");
  /* Chinese: labels translated, columns aligned by display width */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "offers", (const char *[]) {
    "--currency", "CNY", NULL }, &o5, NULL), ==, 0);
  g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (o5, ==,
    "甲方云  A100 80GB       9.80  CNY/卡时  1 × A100 80 GB · cn-hangzhou · 按量付费\n"
    "甲方云  A100 80GB       9.80  CNY/卡时  1 × A100 80 GB · cn-beijing · 竞价实例\n"
    "甲方云  H100 SXM 80GB  20.00  CNY/卡时  1 × H100 SXM 80 GB\n");
}

/* Issue 13 items 4-6 through the store: host and host_price beside price,
 * gpu_fraction, unknown GPU memory as null, the repaired count. */
static void
test_skypilot_clouds_json (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *gcp = g_build_filename (dir->path, "gcp_vms.csv", NULL);
  g_autofree char *azure = g_build_filename (dir->path, "azure_vms.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *report = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) report_parser = json_parser_new ();
  JsonArray *offers;
  JsonObject *o, *r;
  const char *gcp_csv =
    "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,SpotPrice\n"
    "a3-highgpu-8g,208.0,1872.0,,,,us-central1,us-central1-a,9.46006,\n"
    ",,,H100,8,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 81920}}]},us-central1,us-central1-a,33.60609,\n"
    "n1-highmem-8,8.0,52.0,,,,us-central1,us-central1-a,0.47321,\n"
    ",,,T4,1,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 0}}]},us-central1,us-central1-a,0.35,\n"
    "c4-standard-2,2.0,7.0,,,,us-central1,us-central1-a,0.0,\n";
  const char *azure_csv =
    "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,Generation\n"
    "Standard_NV6ads_A10_v5,A10,0.167,6,55,A10,0.454,,eastus,V1,V2\n"
    "Standard_B12ms,,,12,48,,0.499,,eastus,V1,V2\n"
    "Standard_A1_v2,,,1,2,,0.043,,eastus,V1\n";

  g_assert_true (g_file_set_contents (gcp, gcp_csv, -1, NULL));
  g_assert_true (g_file_set_contents (azure, azure_csv, -1, NULL));

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", gcp, NULL },
                                    &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "price is 0 (no price)"));
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", "--json",
                                                       azure, NULL }, &report, NULL), ==, 0);
  json_parser_load_from_data (report_parser, report, -1, NULL);
  r = json_node_get_object (json_parser_get_root (report_parser));
  g_assert_cmpint (json_object_get_int_member (r, "repaired"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (r, "normalized"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (r, "skipped"), ==, 0);

  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "offers", "--json",
                                                       NULL }, &json, NULL), ==, 0);
  offers = parse_array (json, parser);
  g_assert_cmpuint (json_array_get_length (offers), ==, 6);

  /* (9.46006 + 33.60609) / 8 and the host's part 9.46006 / 8 */
  o = sp_test_json_find (offers, "id", "a3-highgpu-8g@us-central1/us-central1-a");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "gpu");
  g_assert_cmpstr (json_object_get_string_member (o, "price"), ==, "5.383269");
  g_assert_cmpstr (json_object_get_string_member (o, "host"), ==, "a3-highgpu-8g");
  g_assert_cmpstr (json_object_get_string_member (o, "host_price"), ==, "1.182508");
  g_assert_cmpint (json_object_get_int_member (o, "gpu_memory_gb"), ==, 80);
  g_assert_true (json_object_get_null_member (o, "gpu_fraction"));

  o = sp_test_json_find (offers, "id", "n1-highmem-8+1xT4@us-central1/us-central1-a");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "price"), ==, "0.82321");
  g_assert_cmpstr (json_object_get_string_member (o, "host_price"), ==, "0.47321");
  /* 0 MiB is unknown memory, not zero */
  g_assert_true (json_object_get_null_member (o, "gpu_memory_gb"));

  /* 1/6 of an A10 at 0.454 an hour: 2.724 per whole card-hour */
  o = sp_test_json_find (offers, "id", "Standard_NV6ads_A10_v5@eastus");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "gpu_fraction"), ==, "0.167");
  g_assert_cmpstr (json_object_get_string_member (o, "price"), ==, "2.724");
  g_assert_true (json_object_get_null_member (o, "host"));
  g_assert_true (json_object_get_null_member (o, "host_price"));
  g_assert_true (json_object_get_null_member (o, "gpu_memory_gb"));

  /* no GPU machine type as a CPU offer, no free offer */
  for (guint i = 0; i < json_array_get_length (offers); i++)
    {
      JsonObject *x = json_array_get_object_element (offers, i);

      g_assert_cmpstr (json_object_get_string_member (x, "price"), !=, "0.00");
      if (g_str_equal (json_object_get_string_member (x, "kind"), "cpu"))
        g_assert_false (g_str_has_prefix (json_object_get_string_member (x, "model"), "a3-"));
    }

  /* the text report says what was repaired */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sp_test_run_cli ((const char *[]) { "--data-dir", dir->path, "import", azure,
                                                       NULL }, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Repaired: 2 rows"));
}

int
main (int argc, char **argv)
{
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/bad-input-one-line", test_bad_input_one_line);
  g_test_add_func ("/cli/import-demo-and-list", test_import_demo_and_list);
  g_test_add_func ("/cli/filters-and-limit", test_filters_and_limit);
  g_test_add_func ("/cli/offers-csv-formulas", test_offers_csv_formulas);
  g_test_add_func ("/cli/exact-litellm-prices", test_exact_litellm_prices);
  g_test_add_func ("/cli/skypilot-source-from-folder", test_skypilot_source_from_folder);
  g_test_add_func ("/cli/hostile-text", test_hostile_text);
  g_test_add_func ("/cli/file-errors", test_file_errors);
  g_test_add_func ("/cli/no-match-and-same-rows", test_no_match_and_same_rows);
  g_test_add_func ("/cli/skypilot-clouds-json", test_skypilot_clouds_json);
  return g_test_run ();
}
