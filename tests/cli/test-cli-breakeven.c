/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-breakeven.c — suanpan-cli breakeven (issue 18 part 2): the JSON
 * output exactly, the text output in English and Chinese, bad input.
 *
 * The expected files in tests/data/breakeven were checked by hand against
 * the figures of test-breakeven.c (412 h, 483 h, 1,060M tokens). */
#include "config.h"

#include <string.h>

#include "sp-test-util.h"

typedef SpTestFeedFixture Fixture;

static void
assert_output (Fixture            *fixture,
               const char * const *args,
               const char         *expected_file)
{
  g_autofree char *path = sp_test_source_path (expected_file);
  g_autofree char *expected = sp_test_read_file (path, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = sp_test_run_cli_in (fixture->dir->path, "breakeven", args, &out, &err);

  if (status != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_json_hours (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_output (fixture, (const char *[]) { "--gpu-model", "A10", "--currency", "CNY", "--json", NULL },
                 "tests/data/breakeven/a10.json");
}

static void
test_json_tokens (Fixture       *fixture,
                  gconstpointer  data)
{
  assert_output (fixture, (const char *[]) { "--gpu-model", "L40S", "--tokens-per-second", "500",
                                             "--model", "bench-llm", "--currency", "CNY",
                                             "--usd-cny", "7.2", "--json", NULL },
                 "tests/data/breakeven/l40s-500tps.json");
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_zh = NULL;

  g_assert_cmpint (sp_test_run_cli_in (fixture->dir->path, "breakeven",
                                       (const char *[]) { "--gpu-model", "L40S", "--currency", "CNY", NULL },
                                       &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Cheapest at low volume: Spot\n"));
  g_assert_nonnull (strstr (out, "above 412 h/month the monthly plan is cheaper\n"));
  g_assert_nonnull (strstr (out, "¥3708.00"));

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_run_cli_in (fixture->dir->path, "breakeven",
                                       (const char *[]) { "--gpu-model", "L40S", "--currency", "CNY", NULL },
                                       &out_zh, &err), ==, 0);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_nonnull (strstr (out_zh, "每月超过 412 小时，包月方案更便宜\n"));
  g_assert_nonnull (strstr (out_zh, "盈亏云"));
  g_assert_null (strstr (out_zh, "monthly plan"));
  g_assert_null (strstr (out_zh, "Pay as you go"));
  g_assert_nonnull (strstr (out_zh, "用量低时最便宜：竞价实例\n"));
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  struct { const char *args[8]; const char *message; } cases[] = {
    { { NULL }, "give a GPU class" },
    { { "--gpu-model", "H100", NULL }, "No GPU offer matches" },
    { { "--gpu-model", "L40S", "--tokens-per-second", "500", NULL }, "go together" },
    { { "--gpu-model", "L40S", "--model", "bench-llm", NULL }, "go together" },
    { { "--gpu-model", "L40S", "--tokens-per-second", "-5", "--model", "bench-llm", NULL }, "more than 0" },
    { { "--gpu-model", "L40S", "--tokens-per-second", "fast", "--model", "bench-llm", NULL }, "more than 0" },
    { { "--gpu-model", "L40S", "--tokens-per-second", "500", "--model", "nope", NULL }, "No token offer" },
    { { "--gpu-model", "L40S", "--currency", "EUR", NULL }, "unsupported currency" },
    { { "--min-gpu-memory", "-3", NULL }, "give a GPU class" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (sp_test_run_cli_in (fixture->dir->path, "breakeven", cases[i].args,
                                           &out, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, cases[i].message));
      /* one line */
      g_assert_cmpint (strchr (err, '\n') - err, ==, (gssize) strlen (err) - 1);
    }
}

int
main (int    argc,
      char **argv)
{
  sp_test_init_cli_en (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli-breakeven/" path, Fixture, "tests/data/feeds/breakeven-feed.json", \
             sp_test_feed_fixture_set_up, func, sp_test_feed_fixture_tear_down)
  ADD ("json-hours", test_json_hours);
  ADD ("json-tokens", test_json_tokens);
  ADD ("text", test_text);
  ADD ("bad-input", test_bad_input);
  return g_test_run ();
}
