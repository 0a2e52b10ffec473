/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-subsidy.c — suanpan-cli company set|show and programmes
 * list|show|claimable (issue 19) against a real database. */
#include "config.h"

#include <string.h>

#include "sp-fault-server.h"
#include "sp-test-util.h"

static JsonObject *
object_of (JsonNode *root)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static void
test_company (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  g_free (sp_test_run_cli_ok (dir->path, "company", (const char *[]) { "set", "--city", "杭州",
                                                            "--industry", "制造业",
                                                            "--employees", "12", NULL }));
  shown = sp_test_run_cli_ok (dir->path, "company", (const char *[]) { "show", "--json", NULL });
  root = sp_test_parse_json (shown);
  o = object_of (root);
  g_assert_cmpstr (json_object_get_string_member (o, "city"), ==, "hangzhou");
  g_assert_cmpstr (json_object_get_string_member (o, "city_name"), ==, "杭州市");
  g_assert_cmpstr (json_object_get_string_member (o, "industry"), ==, "制造业");
  g_assert_true (json_object_get_null_member (o, "district"));
  g_assert_cmpint (json_object_get_int_member (o, "employees"), ==, 12);

  /* a city Suanpan does not know: one line, nothing changed */
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "company",
                                       (const char *[]) { "set", "--city", "atlantis", NULL },
                                       &out, &err), ==, 1);
  g_assert_true (g_str_has_prefix (err, "suanpan-cli: "));
  g_assert_nonnull (strstr (err, "atlantis"));
  g_assert_cmpuint (strlen (strchr (err, '\n')), ==, 1);
  g_free (out);
  out = sp_test_run_cli_ok (dir->path, "company", (const char *[]) { "show", "--json", NULL });
  g_assert_nonnull (strstr (out, "\"hangzhou\""));
}

static void
test_programmes (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *list = NULL;
  g_autofree char *show = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) one = NULL;
  JsonArray *array;
  JsonObject *p, *source;

  g_free (sp_test_run_cli_ok (dir->path, "company", (const char *[]) { "set", "--city", "hangzhou", NULL }));
  list = sp_test_run_cli_ok (dir->path, "programmes", (const char *[]) { "list", "--json", "--date", "2026-12-06", NULL });
  root = sp_test_parse_json (list);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), >=, 12);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *each = json_array_get_object_element (array, i);

      g_assert_true (json_object_has_member (each, "source"));
      g_assert_true (json_object_has_member (each, "applies"));
      g_assert_true (json_object_has_member (each, "reason"));
    }
  p = sp_test_json_find (array, "id", "hangzhou");
  g_assert_true (json_object_get_boolean_member (p, "applies"));
  p = sp_test_json_find (array, "id", "beijing");
  g_assert_false (json_object_get_boolean_member (p, "applies"));
  g_assert_true (json_object_get_boolean_member (p, "expired"));
  g_assert_cmpstr (json_object_get_string_member (p, "clause"), ==,
                   "具备独立法人资格且在北京市注册的软件信息服务业企业和制造业企业");
  /* Nanning's period is its cited 2025 base period: still listed, as expired */
  p = sp_test_json_find (array, "id", "nanning");
  g_assert_cmpstr (json_object_get_string_member (p, "valid_from"), ==, "2025-03-01");
  g_assert_cmpstr (json_object_get_string_member (p, "valid_to"), ==, "2025-12-31");
  g_assert_true (json_object_get_boolean_member (p, "expired"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "uncited")), ==, 0);
  p = sp_test_json_find (array, "id", "shanghai");
  g_assert_true (json_object_get_null_member (p, "applies"));
  /* Shenzhen: its 训力券 clauses cited; the model-service rates kept from an earlier release */
  p = sp_test_json_find (array, "id", "shenzhen");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (p, "source"),
                                                  "published"), ==, "2024-12-18");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "uncited")), ==, 3);

  show = sp_test_run_cli_ok (dir->path, "programmes", (const char *[]) { "show", "hangzhou", "--json", NULL });
  one = sp_test_parse_json (show);
  source = json_object_get_object_member (object_of (one), "source");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (source, "url"), "https://"));
  g_assert_cmpstr (json_object_get_string_member (source, "published"), ==, "2024-07-18");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (source, "clauses"),
                                                  "rates.other-compute"),
                   ==, "使用其他算力设施的企业补贴比例不超过算力合同费用的20%");

  g_assert_cmpint (sp_test_run_cli_in (dir->path, "programmes",
                                       (const char *[]) { "show", "atlantis", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "atlantis"));
}

static void
test_claimable (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *hz;
  JsonArray *entries;

  g_free (sp_test_run_cli_ok (dir->path, "company", (const char *[]) { "set", "--city", "杭州市", NULL }));
  g_free (sp_test_run_cli_ok (dir->path, "ledger", (const char *[]) {
    "add", "--date", "2026-03-01", "--vendor", "x-cloud", "--item", "A800", "--kind", "gpu",
    "--quantity", "100", "--unit", "card-hour", "--amount", "1000", "--currency", "CNY", NULL }));
  g_free (sp_test_run_cli_ok (dir->path, "ledger", (const char *[]) {
    "add", "--date", "2026-04-01", "--vendor", "x-cloud", "--item", "qwen", "--kind", "tokens",
    "--quantity", "50", "--unit", "1M tokens", "--amount", "500", "--currency", "CNY", NULL }));
  /* 13 months back: outside the default 12 */
  g_free (sp_test_run_cli_ok (dir->path, "ledger", (const char *[]) {
    "add", "--date", "2025-11-01", "--vendor", "x-cloud", "--item", "A800", "--kind", "gpu",
    "--quantity", "100", "--unit", "card-hour", "--amount", "1000", "--currency", "CNY", NULL }));

  json = sp_test_run_cli_ok (dir->path, "programmes", (const char *[]) { "claimable", "--json", "--date", "2026-12-06", NULL });
  root = sp_test_parse_json (json);
  hz = sp_test_json_find (json_object_get_array_member (object_of (root), "programmes"), "id", "hangzhou");
  g_assert_true (json_object_get_boolean_member (hz, "applies"));
  /* GPU at the other-compute 20% (the ledger does not say the chips were
   * domestic), tokens at 30% */
  g_assert_cmpstr (json_object_get_string_member (hz, "claimable"), ==, "350.00");
  g_assert_cmpstr (json_object_get_string_member (hz, "claimed"), ==, "0.00");
  g_assert_cmpstr (json_object_get_string_member (hz, "currency"), ==, "CNY");
  g_assert_true (json_object_get_null_member (hz, "deadline"));
  entries = json_object_get_array_member (hz, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "amount"),
                   ==, "200.00");
  g_assert_cmpstr (json_object_get_string_member (object_of (root), "total"), ==, "350.00");

  /* 18 months take in the older purchase */
  g_free (json);
  g_clear_pointer (&root, json_node_unref);
  json = sp_test_run_cli_ok (dir->path, "programmes", (const char *[]) { "claimable", "--json", "--months", "18",
                                                              "--date", "2026-12-06", NULL });
  root = sp_test_parse_json (json);
  g_assert_cmpstr (json_object_get_string_member (object_of (root), "total"), ==, "550.00");
}

/* Programmes from a source (issue 19 item 5): sources add --format programmes,
 * refresh from the fault server, origin in programmes list|show --json; a
 * broken feed is refused with its message and keeps what was there. */
static void
test_programme_feed (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpFaultServer) server = sp_fault_server_new ();
  g_autofree char *good_path = g_test_build_filename (G_TEST_DIST, "data", "programme-feeds", "good.json", NULL);
  g_autofree char *url = sp_fault_server_url (server, "/programmes.json");
  g_autofree char *list = NULL;
  g_autofree char *show = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) one = NULL;
  SpFaultRoute *route = sp_fault_server_serve_file (server, "/programmes.json", good_path);
  JsonObject *p, *origin;

  g_free (sp_test_run_cli_ok (dir->path, "sources", (const char *[]) { "add", "feed", url, "--format", "programmes", NULL }));
  out = sp_test_run_cli_ok (dir->path, "refresh", (const char *[]) { "feed", "--json", NULL });
  g_assert_nonnull (strstr (out, "\"programmes\" : 1"));
  g_free (out);
  out = sp_test_run_cli_ok (dir->path, "sources", (const char *[]) { "show", "feed", "--json", NULL });
  g_assert_nonnull (strstr (out, "\"format\" : \"programmes\""));
  g_assert_nonnull (strstr (out, "\"programmes\" : 1"));

  list = sp_test_run_cli_ok (dir->path, "programmes", (const char *[]) { "list", "--json", NULL });
  root = sp_test_parse_json (list);
  p = sp_test_json_find (json_node_get_array (root), "id", "test-feed-city");
  origin = json_object_get_object_member (p, "origin");
  g_assert_cmpstr (json_object_get_string_member (origin, "kind"), ==, "feed");
  g_assert_cmpstr (json_object_get_string_member (origin, "source"), ==, "feed");
  g_assert_cmpstr (json_object_get_string_member (origin, "url"), ==, url);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (origin, "fetched"), "Z"));
  p = sp_test_json_find (json_node_get_array (root), "id", "hangzhou");
  origin = json_object_get_object_member (p, "origin");
  g_assert_cmpstr (json_object_get_string_member (origin, "kind"), ==, "shipped");
  g_assert_true (json_object_get_null_member (origin, "source"));

  /* a rule without its clause: refused in one line, the programme stays */
  sp_fault_route_set_body_string (route, "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": "
                                  "\"test-feed-city\", \"name\": \"X\", \"rates\": {\"model-service\": \"10\"}, "
                                  "\"source\": {\"url\": \"https://example.org/x\", \"title\": \"测试文件\", "
                                  "\"published\": null, \"clauses\": {}}}]}");
  g_free (out);
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "refresh", (const char *[]) { "feed", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (out, "a clause quoted for “rates.model-service”"));
  show = sp_test_run_cli_ok (dir->path, "programmes", (const char *[]) { "show", "test-feed-city", "--json", NULL });
  one = sp_test_parse_json (show);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (one), "rates"),
                                                  "model-service"), ==, "20");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (one), "origin"),
                                                  "kind"), ==, "feed");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-subsidy/company", test_company);
  g_test_add_func ("/cli-subsidy/programmes", test_programmes);
  g_test_add_func ("/cli-subsidy/claimable", test_claimable);
  g_test_add_func ("/cli-subsidy/programme-feed", test_programme_feed);
  return g_test_run ();
}
