/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-watch.c — suanpan-cli watch, changes, and import of dated
 * snapshots in either order (issue 13 items 7 and 9) */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sp-core.h"
#include "sp-test-util.h"

/* A one-vendor feed dated @date with g1 at @g1, g2 at 20.00, t1 at 2 / @t1_out,
 * and a1 at 5.00 when @with_a1. */
static char *
write_snapshot (const char *dir,
                const char *file,
                const char *date,
                const char *g1,
                const char *t1_out,
                gboolean    with_a1)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *path = g_build_filename (dir, file, NULL);

  text = g_strdup_printf (
    "{ \"suanpan_feed\": \"1.0\","
    "  \"vendor\": { \"id\": \"acme\", \"name\": { \"en\": \"Acme\" } },"
    "  \"generated_at\": \"%sT00:00:00Z\","
    "  \"offers\": ["
    "    { \"id\": \"g1\", \"kind\": \"gpu\", \"name\": \"H100 box\","
    "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
    "                  \"billing\": \"on-demand\" },"
    "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"%s\" } },"
    "    { \"id\": \"g2\", \"kind\": \"gpu\", \"name\": \"H100 box 2\","
    "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
    "                  \"billing\": \"on-demand\" },"
    "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"20.00\" } },"
    "%s"
    "    { \"id\": \"t1\", \"kind\": \"tokens\", \"name\": \"Qwen Max\", \"model\": \"qwen-max\","
    "      \"spec\": { \"billing\": \"on-demand\" },"
    "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"input\": \"2\","
    "                   \"output\": \"%s\" } }"
    "  ] }",
    date, g1,
    with_a1 ? "    { \"id\": \"a1\", \"kind\": \"gpu\", \"name\": \"A100 box\","
              "      \"spec\": { \"gpu_model\": \"A100\", \"gpu_count\": 1, \"gpu_memory_gb\": 40,"
              "                  \"billing\": \"on-demand\" },"
              "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"5.00\" } },"
            : "",
    t1_out);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static int
run (const char  *dir,
     char       **out,
     char       **err,
     const char  *command,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, command);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  return sp_test_run_cli_in (dir, command, (const char * const *) args->pdata, out, err);
}

static void
assert_one_line_error (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "suanpan-cli: "));
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
}

static void
test_watch_and_changes (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *jul = write_snapshot (dir->path, "jul.json", "2026-07-03", "10.00", "8", TRUE);
  g_autofree char *aug = write_snapshot (dir->path, "aug.json", "2026-08-01", "8.00", "6", FALSE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *arr;
  JsonObject *o;

  g_assert_cmpint (run (dir->path, &out, &err, "import", jul, NULL), ==, 0);

  /* bad targets: one clear line each */
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "nope", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "--group", "gpu:nothing:0", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "g1", "--group", "x", NULL), ==, 1);
  assert_one_line_error (err);

  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "g1", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "g2", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "a1", "--source", "acme", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "--group", "tokens:qwen-max", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "changes", "--json", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = sp_test_parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);

  /* the August snapshot: the import names the watched changes */
  g_assert_cmpint (run (dir->path, &out, &err, "import", aug, "--json", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = sp_test_parse_json (out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "history_only"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "watched_changes"), ==, 3);

  g_assert_cmpint (run (dir->path, &out, &err, "changes", "--json", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = sp_test_parse_json (out);
  arr = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (arr), ==, 3);
  o = sp_test_json_find (arr, "offer", "g1");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "group"), ==, "gpu:H100 SXM:80");
  g_assert_cmpstr (json_object_get_string_member (o, "vendor"), ==, "acme");
  g_assert_cmpstr (json_object_get_string_member (o, "old"), ==, "10.00");
  g_assert_cmpstr (json_object_get_string_member (o, "new"), ==, "8.00");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "CNY");
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "card-hour");
  g_assert_cmpstr (json_object_get_string_member (o, "changed_at"), ==, "2026-08-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "since"), ==, "2026-07-03T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "direction"), ==, "down");
  g_assert_cmpstr (json_object_get_string_member (o, "percent"), ==, "-20.00");
  /* the watched offer that left is reported, not dropped */
  o = sp_test_json_find (arr, "offer", "a1");
  g_assert_nonnull (o);
  g_assert_true (json_object_get_boolean_member (o, "gone"));
  g_assert_cmpstr (json_object_get_string_member (o, "old"), ==, "5.00");
  g_assert_true (json_object_get_null_member (o, "new"));
  /* the group watch caught the token offer's output price */
  o = sp_test_json_find (arr, "offer", "t1");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "old_output"), ==, "8.00");
  g_assert_cmpstr (json_object_get_string_member (o, "new_output"), ==, "6.00");
  g_assert_null (sp_test_json_find (arr, "offer", "g2"));

  /* --since */
  g_assert_cmpint (run (dir->path, &out, &err, "changes", "--since", "2026-08-02", "--json", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = sp_test_parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "changes", "--since", "2026-02-30", NULL), ==, 1);
  assert_one_line_error (err);

  /* the text list */
  g_assert_cmpint (run (dir->path, &out, &err, "changes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "H100 box"));
  g_assert_nonnull (strstr (out, "10.00 → 8.00"));
  g_assert_nonnull (strstr (out, "A100 box"));

  /* watch list */
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "list", "--json", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = sp_test_parse_json (out);
  arr = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (arr), ==, 4);
  o = sp_test_json_find (arr, "offer", "a1");
  g_assert_false (json_object_get_boolean_member (o, "on_sale"));
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "A100 box");
  g_assert_cmpstr (json_object_get_string_member (o, "gone_at"), ==, "2026-08-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "last_price"), ==, "5.00");
  o = sp_test_json_find (arr, "offer", "g1");
  g_assert_true (json_object_get_boolean_member (o, "on_sale"));
  g_assert_cmpstr (json_object_get_string_member (o, "price"), ==, "8.00");
  o = sp_test_json_find (arr, "kind", "group");
  g_assert_cmpstr (json_object_get_string_member (o, "group"), ==, "tokens:qwen-max");
  g_assert_cmpint (json_object_get_int_member (o, "offers"), ==, 1);

  /* remove */
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "remove", "g1", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "remove", "g1", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "remove", "--group", "tokens:qwen-max", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "list", "--json", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = sp_test_parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
}

static void
test_import_older_snapshot (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *jul = write_snapshot (dir->path, "jul.json", "2026-07-03", "10.00", "8", TRUE);
  g_autofree char *aug = write_snapshot (dir->path, "aug.json", "2026-08-01", "8.00", "6", FALSE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *arr;

  g_assert_cmpint (run (dir->path, &out, &err, "import", aug, NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "g1", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "import", jul, "--json", NULL), ==, 0);
  root = sp_test_parse_json (out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "history_only"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "watched_changes"), ==, 1);

  /* the current offers stay August's */
  g_assert_cmpint (run (dir->path, &out, &err, "offers", "--json", NULL), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = sp_test_parse_json (out);
  arr = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (arr), ==, 3);
  g_assert_null (sp_test_json_find (arr, "id", "a1"));
  g_assert_cmpstr (json_object_get_string_member (sp_test_json_find (arr, "id", "g1"), "price"),
                   ==, "8.00");

  /* and the text report says why */
  g_assert_cmpint (run (dir->path, &out, &err, "import", jul, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2026-08-01"));
}

static void
test_refresh_names_watched_changes (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = write_snapshot (dir->path, "feed.json", "2026-07-03", "10.00", "8", TRUE);
  g_autofree char *aug = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (dir->path, &out, &err, "sources", "add", "acme-feed", feed, NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "refresh", "acme-feed", NULL), ==, 0);
  g_assert_cmpint (run (dir->path, &out, &err, "watch", "add", "g1", NULL), ==, 0);
  g_assert_null (strstr (out, "changed:"));
  /* the vendor publishes August's prices at the same place */
  g_unlink (feed);
  aug = write_snapshot (dir->path, "feed.json", "2026-08-01", "8.00", "6", FALSE);
  g_assert_cmpint (run (dir->path, &out, &err, "refresh", "acme-feed", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Watched prices that changed:"));
  g_assert_nonnull (strstr (out, "H100 box"));
  g_assert_nonnull (strstr (out, "10.00 → 8.00"));
  /* only g1 is watched */
  g_assert_null (strstr (out, "A100 box"));
}

int
main (int argc, char **argv)
{
  sp_test_init_cli_en (&argc, &argv);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/cli-watch/watch-and-changes", test_watch_and_changes);
  g_test_add_func ("/cli-watch/import-older-snapshot", test_import_older_snapshot);
  g_test_add_func ("/cli-watch/refresh-names-watched-changes", test_refresh_names_watched_changes);
  return g_test_run ();
}
