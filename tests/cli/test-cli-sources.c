/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-sources.c — suanpan-cli sources and refresh, run as a real program */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sp-fault-server.h"
#include "sp-secret.h"
#include "sp-import.h"
#include "sp-test-util.h"

#define TEST_API_KEY "sk-suanpan-test-9f3c2e71d0a84b55"

/* ------------------------------------------------------------------ helpers */

/* Runs the CLI with --data-dir @dir and the NULL-terminated arguments. */
static int
run_in (const char  *dir,
        char       **out,
        char       **err,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) "--data-dir");
  g_ptr_array_add (args, (char *) dir);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return sp_test_run_cli ((const char * const *) args->pdata, out, err);
}

/* Runs the CLI with @input on its standard input (our own spawn helper: the
 * shared one has no stdin).  SUANPAN_SECRET_COLLECTION=session keeps keys in
 * the session keyring of the current D-Bus session. */
static int
run_with_stdin (const char          *input,
                const char * const  *argv,
                char               **out,
                char               **err)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  int in_fd, out_fd, err_fd;
  int status = -1;
  gsize len = strlen (input);
  gsize done = 0;
  g_autoptr(GIOChannel) out_ch = NULL;
  g_autoptr(GIOChannel) err_ch = NULL;
  gsize n;

  g_ptr_array_add (args, (char *) g_getenv ("SUANPAN_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  envp = g_environ_setenv (envp, "SUANPAN_SECRET_COLLECTION", "session", TRUE);

  g_spawn_async_with_pipes (NULL, (char **) args->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, &in_fd, &out_fd, &err_fd, &error);
  g_assert_no_error (error);

  /* the input is one short line: it fits in the pipe buffer */
  while (done < len)
    {
      gssize w = write (in_fd, input + done, len - done);
      g_assert_cmpint (w, >, 0);
      done += (gsize) w;
    }
  close (in_fd);

  out_ch = g_io_channel_unix_new (out_fd);
  err_ch = g_io_channel_unix_new (err_fd);
  g_io_channel_set_close_on_unref (out_ch, TRUE);
  g_io_channel_set_close_on_unref (err_ch, TRUE);
  g_io_channel_set_encoding (out_ch, NULL, NULL);
  g_io_channel_set_encoding (err_ch, NULL, NULL);
  /* outputs are small: read stdout to the end, then stderr */
  g_io_channel_read_to_end (out_ch, out, &n, &error);
  g_assert_no_error (error);
  g_io_channel_read_to_end (err_ch, err, &n, &error);
  g_assert_no_error (error);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

static gboolean
member_is_null (JsonObject *o,
                const char *name)
{
  g_assert_true (json_object_has_member (o, name));
  return JSON_NODE_HOLDS_NULL (json_object_get_member (o, name));
}

/* An error is one non-empty line on stderr, prefixed by the program name. */
static void
assert_one_line_error (const char *err)
{
  g_assert_nonnull (err);
  g_assert_true (g_str_has_prefix (err, "suanpan-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

/* `sources list --json` as a parsed array (owned by the returned node). */
static JsonNode *
list_sources (const char *dir)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_in (dir, &out, &err, "sources", "list", "--json", NULL), ==, 0);
  return sp_test_parse_json (out);
}

static JsonNode *
list_offers (const char *dir,
             const char *source)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_in (dir, &out, &err, "offers", "--source", source, "--json", NULL), ==, 0);
  return sp_test_parse_json (out);
}

/* A small Suanpan feed with @n offers: GPU offers g1…gN at 10.5, 11.5, … CNY. */
static char *
write_feed (const char *dir,
            const char *file,
            const char *vendor,
            guint       n)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, file, NULL);

  g_string_append_printf (s,
                          "{ \"suanpan_feed\": \"1.0\",\n"
                          "  \"vendor\": { \"id\": \"%s\", \"name\": { \"en\": \"%s\" } },\n"
                          "  \"generated_at\": \"2026-03-01T08:00:00+08:00\",\n"
                          "  \"offers\": [\n", vendor, vendor);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s,
                            "    { \"id\": \"g%u\", \"kind\": \"gpu\", \"name\": \"GPU box %u\",\n"
                            "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"region\": \"cn-hangzhou\","
                            " \"billing\": \"on-demand\" },\n"
                            "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"%u.5\" } }%s\n",
                            i, i, 9 + i, i < n ? "," : "");
  g_string_append (s, "  ]\n}\n");
  g_file_set_contents (path, s->str, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_text (const char *dir,
            const char *file,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, file, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* -------------------------------------------------------------------- tests */

static void
test_round_trip (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *feed = write_feed (dir->path, "acme.json", "acme-cloud", 2);
  g_autofree char *uri = g_filename_to_uri (feed, NULL, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) empty = NULL;
  JsonObject *o;

  /* a bare local path becomes a file:// URI */
  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "acme", feed,
                           "--format", "suanpan", "--refresh", "on-start", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "acme"));

  list = list_sources (dir->path);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "acme");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, uri);
  g_assert_true (g_str_has_prefix (uri, "file:///"));
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "suanpan");
  g_assert_true (json_object_get_boolean_member (o, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (o, "refresh"), ==, "on-start");
  g_assert_false (json_object_get_boolean_member (o, "has_api_key"));
  g_assert_cmpint (json_object_get_int_member (o, "offers"), ==, 0);
  g_assert_true (member_is_null (o, "last_success"));
  g_assert_true (member_is_null (o, "last_attempt"));
  g_assert_true (json_object_get_boolean_member (o, "stale")); /* never refreshed */
  g_assert_true (member_is_null (o, "last_error"));
  g_assert_true (member_is_null (o, "http_status"));

  g_assert_cmpint (run_in (dir->path, &out2, &err2, "sources", "show", "acme", "--json", NULL), ==, 0);
  show = sp_test_parse_json (out2);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (show));
  o = json_node_get_object (show);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "acme");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, uri);
  g_assert_true (json_object_has_member (o, "http_details"));

  /* the text table shows the name, the format and "never" */
  g_clear_pointer (&out2, g_free);
  g_clear_pointer (&err2, g_free);
  g_assert_cmpint (run_in (dir->path, &out2, &err2, "sources", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "acme"));
  g_assert_nonnull (strstr (out2, "suanpan"));
  g_assert_nonnull (strstr (out2, "never"));

  g_assert_cmpint (run_in (dir->path, &out3, &err3, "sources", "remove", "acme", NULL), ==, 0);
  empty = list_sources (dir->path);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty)), ==, 0);

  /* removing it again: unknown */
  g_assert_cmpint (run_in (dir->path, &out4, &err4, "sources", "remove", "acme", NULL), ==, 1);
  assert_one_line_error (err4);
  g_assert_nonnull (strstr (err4, "acme"));
}

static void
test_duplicate_refused (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *o;

  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "vendor-x",
                           "https://prices.vendor-x.example/feed.json", NULL), ==, 0);
  g_assert_cmpint (run_in (dir->path, &out2, &err2, "sources", "add", "vendor-x",
                           "https://other.example/feed.json", "--format", "litellm", NULL), ==, 1);
  assert_one_line_error (err2);

  /* the first one is untouched */
  list = list_sources (dir->path);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, "https://prices.vendor-x.example/feed.json");
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "auto");
}

static void
test_bad_input (void)
{
  static const char *cases[][8] = {
    { "sources", "add", "plain", "http://example.com/feed.json", NULL },
    { "sources", "add", "ftp", "ftp://example.com/feed.json", NULL },
    { "sources", "add", "nofile", "/nonexistent/feed.json", NULL },
    { "sources", "add", "", "https://example.com/feed.json", NULL },
    { "sources", "add", "x", "https://example.com/f.json", "--format", "xml", NULL },
    { "sources", "add", "x", "https://example.com/f.json", "--refresh", "hourly", NULL },
    { "sources", "add", "onlyname", NULL },
    { "sources", "frobnicate", NULL },
    { "sources", NULL },
    { "sources", "show", "nope", NULL },
    { "sources", "enable", "nope", NULL },
    { "sources", "disable", "nope", NULL },
    { "sources", "remove", "nope", NULL },
    { "sources", "add-preset", "nope", NULL },
    { "refresh", "nope", NULL },
    { "refresh", "--timeout", "-3", NULL },
    { "refresh", "--bogus", NULL },
  };
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(JsonNode) list = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      status = sp_test_run_cli_in (dir->path, NULL, cases[i], &out, &err);
      g_test_message ("case %" G_GSIZE_FORMAT ": status %d, stderr %s", i, status, err);
      g_assert_cmpint (status, ==, 1);
      if (i != 8) /* "sources" alone prints the usage */
        assert_one_line_error (err);
    }

  /* nothing was added by any of them */
  list = list_sources (dir->path);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);
}

static void
test_insecure_url_message (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autoptr(JsonNode) list = NULL;

  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "plain", "http://example.com", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_cmpstr (out, ==, "");

  /* plain HTTP is fine on the loopback */
  g_assert_cmpint (run_in (dir->path, &out2, &err2, "sources", "add", "local",
                           "http://127.0.0.1:8080/feed.json", NULL), ==, 0);
  g_assert_cmpint (run_in (dir->path, &out3, &err3, "sources", "add", "local6",
                           "http://localhost:8080/feed.json", NULL), ==, 0);
  list = list_sources (dir->path);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
}

static void
test_enable_disable (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autoptr(JsonNode) l1 = NULL;
  g_autoptr(JsonNode) l2 = NULL;
  g_autoptr(JsonNode) l3 = NULL;

  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "a", "https://a.example/f.json",
                           "--disabled", NULL), ==, 0);
  l1 = list_sources (dir->path);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (l1), 0),
                                                  "enabled"));

  g_assert_cmpint (run_in (dir->path, &out2, &err2, "sources", "enable", "a", NULL), ==, 0);
  l2 = list_sources (dir->path);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (l2), 0),
                                                 "enabled"));

  g_assert_cmpint (run_in (dir->path, &out3, &err3, "sources", "disable", "a", NULL), ==, 0);
  l3 = list_sources (dir->path);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (l3), 0),
                                                  "enabled"));
}

static void
test_presets (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autoptr(JsonNode) presets = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *arr;
  JsonObject *p, *s;

  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "presets", "--json", NULL), ==, 0);
  presets = sp_test_parse_json (out);
  arr = json_node_get_array (presets);
  g_assert_cmpuint (json_array_get_length (arr), >=, 1);
  p = sp_test_json_find (arr, "name", "openrouter");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "format"), ==, "openrouter");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (p, "url"), "https://"));
  g_assert_cmpstr (json_object_get_string_member (p, "title"), !=, "");
  /* the public feeds of issue 13: HTTPS raw files, each with its format */
  {
    const char *names[] = { "litellm", "openrouter", "llm-prices-cn", "genai-prices",
                            "gcp", "azure", "aws", "lambda", "vast", "runpod" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        SpFeedFormat format;
        JsonObject *o = sp_test_json_find (arr, "name", names[i]);

        /* each is named after its format, listed once this build reads it */
        if (sp_feed_format_from_string (names[i], &format) ||
            !(g_str_equal (names[i], "llm-prices-cn") || g_str_equal (names[i], "genai-prices")))
          {
            g_assert_nonnull (o);
            if (sp_feed_format_from_string (names[i], &format))
              g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, names[i]);
          }
        else
          g_assert_null (o);
      }
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        const char *url = json_object_get_string_member (o, "url");

        g_assert_true (g_str_has_prefix (url, "https://"));
        g_assert_null (strchr (url, ' '));
        if (g_str_has_suffix (url, ".csv"))
          g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "skypilot");
      }
  }

  /* the text list names each preset */
  g_assert_cmpint (run_in (dir->path, &out2, &err2, "sources", "presets", NULL), ==, 0);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    g_assert_nonnull (strstr (out2, json_object_get_string_member (json_array_get_object_element (arr, i),
                                                                   "name")));

  g_assert_cmpint (run_in (dir->path, &out3, &err3, "sources", "add-preset", "openrouter", NULL), ==, 0);
  list = list_sources (dir->path);
  s = sp_test_json_find (json_node_get_array (list), "name", "openrouter");
  g_assert_nonnull (s);
  g_assert_cmpstr (json_object_get_string_member (s, "url"), ==, json_object_get_string_member (p, "url"));
  g_assert_cmpstr (json_object_get_string_member (s, "format"), ==, "openrouter");

  /* twice: the name is taken */
  g_assert_cmpint (run_in (dir->path, &out4, &err4, "sources", "add-preset", "openrouter", NULL), ==, 1);
  assert_one_line_error (err4);
}

static void
test_refresh_files (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *good = write_feed (dir->path, "good.json", "good-cloud", 3);
  g_autofree char *broken = write_feed (dir->path, "broken.json", "broken-cloud", 2);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_autofree char *out6 = NULL, *err6 = NULL;
  g_autofree char *out7 = NULL, *err7 = NULL;
  g_autofree char *out8 = NULL, *err8 = NULL;
  g_autofree char *broken2 = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) good_offers = NULL;
  g_autoptr(JsonNode) broken_offers = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) only_good = NULL;
  JsonObject *g, *b;
  JsonNode *secs;

  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "good", good, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "broken", broken, "--format", "suanpan", NULL), ==, 0);

  /* 1. both good */
  g_assert_cmpint (run_in (dir->path, &out2, &err2, "refresh", "--json", NULL), ==, 0);
  first = sp_test_parse_json (out2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (first)), ==, 2);
  g = sp_test_json_find (json_node_get_array (first), "name", "good");
  b = sp_test_json_find (json_node_get_array (first), "name", "broken");
  g_assert_nonnull (g);
  g_assert_nonnull (b);
  g_assert_true (json_object_get_boolean_member (g, "ok"));
  g_assert_true (json_object_get_boolean_member (b, "ok"));
  g_assert_cmpint (json_object_get_int_member (g, "offers"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (b, "offers"), ==, 2);

  /* 2. the broken one turns into malformed JSON and the good one gains an offer */
  g_free (good);
  good = write_feed (dir->path, "good.json", "good-cloud", 4);
  broken2 = write_text (dir->path, "broken.json", "{ \"suanpan_feed\": \"1.0\", \"vendor\": { \"id\": ");
  g_assert_cmpint (run_in (dir->path, &out3, &err3, "refresh", "--json", NULL), ==, 2);
  second = sp_test_parse_json (out3);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (second)), ==, 2);
  g = sp_test_json_find (json_node_get_array (second), "name", "good");
  b = sp_test_json_find (json_node_get_array (second), "name", "broken");
  g_assert_true (json_object_get_boolean_member (g, "ok"));
  g_assert_false (json_object_get_boolean_member (g, "not_modified"));
  g_assert_cmpint (json_object_get_int_member (g, "offers"), ==, 4);
  g_assert_true (member_is_null (g, "error"));
  g_assert_true (member_is_null (g, "http_status")); /* file://: no HTTP */
  secs = json_object_get_member (g, "seconds");
  g_assert_true (JSON_NODE_HOLDS_VALUE (secs));
  g_assert_true (json_node_get_value_type (secs) == G_TYPE_DOUBLE ||
                 json_node_get_value_type (secs) == G_TYPE_INT64);
  g_assert_cmpfloat (json_node_get_double (secs), >=, 0.0);
  g_assert_cmpfloat (json_node_get_double (secs), <, 60.0);

  g_assert_false (json_object_get_boolean_member (b, "ok"));
  g_assert_false (member_is_null (b, "error"));
  g_assert_cmpstr (json_object_get_string_member (b, "error"), !=, "");
  /* the last good offers stay */
  g_assert_cmpint (json_object_get_int_member (b, "offers"), ==, 2);

  good_offers = list_offers (dir->path, "good");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (good_offers)), ==, 4);
  g_assert_nonnull (sp_test_json_find (json_node_get_array (good_offers), "id", "g4"));
  /* g4 costs 13.5 CNY per card-hour */
  g_assert_cmpstr (json_object_get_string_member (sp_test_json_find (json_node_get_array (good_offers), "id", "g4"),
                                                  "price"), ==, "13.50");
  broken_offers = list_offers (dir->path, "broken");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (broken_offers)), ==, 2);
  g_assert_nonnull (sp_test_json_find (json_node_get_array (broken_offers), "id", "g1"));
  g_assert_nonnull (sp_test_json_find (json_node_get_array (broken_offers), "id", "g2"));

  /* the list records it: last success kept, last error set */
  list = list_sources (dir->path);
  g = sp_test_json_find (json_node_get_array (list), "name", "good");
  b = sp_test_json_find (json_node_get_array (list), "name", "broken");
  g_assert_false (member_is_null (g, "last_success"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (g, "last_success"), "Z"));
  g_assert_false (json_object_get_boolean_member (g, "stale"));
  g_assert_true (member_is_null (g, "last_error"));
  g_assert_cmpint (json_object_get_int_member (g, "offers"), ==, 4);
  g_assert_false (member_is_null (b, "last_success"));
  g_assert_false (member_is_null (b, "last_attempt"));
  g_assert_false (member_is_null (b, "last_error"));
  g_assert_cmpint (json_object_get_int_member (b, "offers"), ==, 2);

  /* 3. the text report: one line per source, exit status 2 */
  g_assert_cmpint (run_in (dir->path, &out4, &err4, "refresh", NULL), ==, 2);
  g_assert_nonnull (strstr (out4, "good: ok, 4 offers"));
  g_assert_nonnull (strstr (out4, "broken: FAILED"));
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (out4), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 2);
  }

  /* 4. named: only that one, and all good → 0 */
  g_assert_cmpint (run_in (dir->path, &out5, &err5, "refresh", "good", "--json", NULL), ==, 0);
  only_good = sp_test_parse_json (out5);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (only_good)), ==, 1);

  /* 5. a disabled source is left out of "refresh" with no names */
  g_assert_cmpint (run_in (dir->path, &out6, &err6, "sources", "disable", "broken", NULL), ==, 0);
  g_assert_cmpint (run_in (dir->path, &out7, &err7, "refresh", NULL), ==, 0);
  g_assert_nonnull (strstr (out7, "good: ok"));
  g_assert_null (strstr (out7, "broken"));

  /* 6. removing a source removes its offers */
  g_assert_cmpint (run_in (dir->path, &out8, &err8, "sources", "remove", "broken", NULL), ==, 0);
  g_clear_pointer (&broken_offers, json_node_unref);
  broken_offers = list_offers (dir->path, "broken");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (broken_offers)), ==, 0);
}

/* Against a loopback HTTP server: 200 then 304 for one, 500 for the other. */
static void
test_refresh_http (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpFaultServer) server = sp_fault_server_new ();
  g_autofree char *feed = write_feed (dir->path, "feed.json", "http-cloud", 3);
  g_autofree char *feed_url = sp_fault_server_url (server, "/feed.json");
  g_autofree char *fail_url = sp_fault_server_url (server, "/fail.json");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) offers = NULL;
  SpFaultRoute *route;
  JsonObject *g, *b;

  route = sp_fault_server_serve_file (server, "/feed.json", feed);
  sp_fault_route_set_etag (route, "\"v1\"");
  sp_fault_server_serve_string (server, "/fail.json", 500, "{\"error\": \"boom\"}");

  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "web", feed_url, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "down", fail_url, NULL), ==, 0);

  {
    int status = run_in (dir->path, &out2, &err2, "refresh", "--json", "--timeout", "10", NULL);

    /* seen once in ~100 runs under ASan on a loaded machine: status 1;
     * say what the command printed */
    if (status != 2)
      g_test_message ("refresh exited %d\nstdout: %s\nstderr: %s", status, out2, err2);
    g_assert_cmpint (status, ==, 2);
  }
  first = sp_test_parse_json (out2);
  g = sp_test_json_find (json_node_get_array (first), "name", "web");
  b = sp_test_json_find (json_node_get_array (first), "name", "down");
  g_assert_true (json_object_get_boolean_member (g, "ok"));
  g_assert_cmpint (json_object_get_int_member (g, "http_status"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (g, "offers"), ==, 3);
  g_assert_false (json_object_get_boolean_member (g, "not_modified"));
  g_assert_false (json_object_get_boolean_member (b, "ok"));
  g_assert_cmpint (json_object_get_int_member (b, "http_status"), ==, 500);
  g_assert_false (member_is_null (b, "error"));
  g_assert_cmpint (json_object_get_int_member (b, "offers"), ==, 0);

  offers = list_offers (dir->path, "web");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (offers)), ==, 3);

  /* the text line names the HTTP status */
  g_assert_cmpint (run_in (dir->path, &out3, &err3, "refresh", "down", "--timeout", "10", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (out3, "down: FAILED (HTTP 500): "));

  /* unchanged: 304, still ok, offers kept */
  g_assert_cmpint (run_in (dir->path, &out4, &err4, "refresh", "web", "--json", NULL), ==, 0);
  second = sp_test_parse_json (out4);
  g = json_array_get_object_element (json_node_get_array (second), 0);
  g_assert_true (json_object_get_boolean_member (g, "ok"));
  g_assert_true (json_object_get_boolean_member (g, "not_modified"));
  g_assert_cmpint (json_object_get_int_member (g, "http_status"), ==, 304);
  g_assert_cmpint (json_object_get_int_member (g, "offers"), ==, 3);

  /* show: the HTTP details of the last refresh */
  g_assert_cmpint (run_in (dir->path, &out5, &err5, "sources", "show", "down", "--json", NULL), ==, 0);
  show = sp_test_parse_json (out5);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (show), "http_status"), ==, 500);
  g_assert_false (member_is_null (json_node_get_object (show), "http_details"));
  g_assert_false (member_is_null (json_node_get_object (show), "last_error"));
}

/* Ctrl+C during a refresh: the CLI stops promptly, says so on one line, and
 * the source keeps its previous offers. */
static void
test_refresh_sigint (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpFaultServer) server = sp_fault_server_new ();
  g_autofree char *feed = write_feed (dir->path, "feed.json", "slow-cloud", 3);
  g_autofree char *url = sp_fault_server_url (server, "/slow.json");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *cout = NULL, *cerr = NULL;
  g_autoptr(JsonNode) offers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) out_ch = NULL;
  g_autoptr(GIOChannel) err_ch = NULL;
  const char *args[] = { g_getenv ("SUANPAN_CLI"), "--data-dir", dir->path, "refresh", "slow", NULL };
  SpFaultRoute *route;
  GPid pid;
  int out_fd, err_fd;
  int status = 0;
  gint64 start, deadline;
  gsize n;

  route = sp_fault_server_serve_file (server, "/slow.json", feed);
  g_assert_cmpint (run_in (dir->path, &out, &err, "sources", "add", "slow", url, NULL), ==, 0);
  g_assert_cmpint (run_in (dir->path, &out2, &err2, "refresh", "slow", NULL), ==, 0);
  g_assert_cmpuint (sp_fault_server_count_requests (server, "/slow.json"), ==, 1);

  /* now the server takes 60 s to answer */
  sp_fault_route_set_delay (route, 60000);
  g_spawn_async_with_pipes (NULL, (char **) args, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error);
  g_assert_no_error (error);

  /* wait for the request to arrive, then interrupt */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (sp_fault_server_count_requests (server, "/slow.json") < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  g_usleep (100000);
  start = g_get_monotonic_time ();
  g_assert_cmpint (kill (pid, SIGINT), ==, 0);

  deadline = start + 10 * G_USEC_PER_SEC;
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  g_spawn_close_pid (pid);
  g_test_message ("stopped %.3f s after SIGINT",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  g_assert_true (WIFEXITED (status)); /* no crash, no death by the signal */
  g_assert_cmpint (WEXITSTATUS (status), ==, 130);

  out_ch = g_io_channel_unix_new (out_fd);
  err_ch = g_io_channel_unix_new (err_fd);
  g_io_channel_set_close_on_unref (out_ch, TRUE);
  g_io_channel_set_close_on_unref (err_ch, TRUE);
  g_io_channel_read_to_end (out_ch, &cout, &n, &error);
  g_assert_no_error (error);
  g_io_channel_read_to_end (err_ch, &cerr, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (cerr, "cancel"));
  g_assert_true (g_str_has_suffix (cerr, "\n"));

  offers = list_offers (dir->path, "slow");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (offers)), ==, 3);
}

/* The key kept by "sources add --api-key-stdin" is what a refresh sends,
 * and only there. */
static void
test_refresh_http_key (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpFaultServer) server = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *auth = NULL;
  const char *add[] = { "--data-dir", dir->path, "sources", "add", "keyed-http-test", NULL, "--api-key-stdin", NULL };

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session bus (run under dbus-run-session): the keyring is not reachable");
      return;
    }
  server = sp_fault_server_new ();
  feed = write_feed (dir->path, "feed.json", "keyed-cloud", 2);
  url = sp_fault_server_url (server, "/models");
  add[5] = url;
  sp_fault_server_serve_file (server, "/models", feed);
  sp_secret_clear_sync ("keyed-http-test", NULL);

  g_assert_cmpint (run_with_stdin (TEST_API_KEY "\n", add, &out, &err), ==, 0);
  g_assert_cmpint (run_in (dir->path, &out2, &err2, "refresh", "--json", NULL), ==, 0);
  g_assert_null (strstr (out2, TEST_API_KEY));
  g_assert_null (strstr (err2, TEST_API_KEY));
  auth = sp_fault_server_dup_request_header (server, "/models", 0, "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer " TEST_API_KEY);

  g_assert_cmpint (run_in (dir->path, &out3, &err3, "sources", "show", "keyed-http-test", "--json", NULL), ==, 0);
  g_assert_null (strstr (out3, TEST_API_KEY));
  sp_secret_clear_sync ("keyed-http-test", NULL);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_api_key (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_autofree char *db = g_build_filename (dir->path, "suanpan.db", NULL);
  g_autofree char *wal = g_build_filename (dir->path, "suanpan.db-wal", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) list2 = NULL;
  JsonObject *o;
  const char *add[] = { "--data-dir", dir->path, "sources", "add", "keyed-cli-test",
                        "https://api.keyed.example/v1/models", "--format", "openrouter",
                        "--api-key-stdin", NULL };
  const char *add_empty[] = { "--data-dir", dir->path, "sources", "add", "nokey-cli-test",
                              "https://api.keyed.example/v1/models", "--api-key-stdin", NULL };
  const char *show[] = { "--data-dir", dir->path, "sources", "show", "keyed-cli-test", NULL };

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session bus (run under dbus-run-session): the keyring is not reachable");
      return;
    }
  /* a clean slate in this session's keyring */
  sp_secret_clear_sync ("keyed-cli-test", NULL);
  sp_secret_clear_sync ("dup-cli-test", NULL);

  g_assert_cmpint (run_with_stdin (TEST_API_KEY "\n", add, &out, &err), ==, 0);
  g_assert_null (strstr (out, TEST_API_KEY));
  g_assert_null (strstr (err, TEST_API_KEY));

  list = list_sources (dir->path);
  o = sp_test_json_find (json_node_get_array (list), "name", "keyed-cli-test");
  g_assert_nonnull (o);
  g_assert_true (json_object_get_boolean_member (o, "has_api_key"));

  g_assert_cmpint (run_with_stdin ("", show, &out2, &err2), ==, 0);
  g_assert_null (strstr (out2, TEST_API_KEY));
  g_assert_nonnull (strstr (out2, "keyed-cli-test"));

  /* the key is in the keyring, not in the database */
  stored = sp_secret_lookup_sync ("keyed-cli-test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, TEST_API_KEY);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (db, TEST_API_KEY));
  g_assert_false (file_contains (wal, TEST_API_KEY));
  g_assert_false (file_contains (db, "sk-suanpan-test"));

  /* an empty line is refused and adds nothing */
  g_assert_cmpint (run_with_stdin ("\n", add_empty, &out3, &err3), ==, 1);
  assert_one_line_error (err3);
  list2 = list_sources (dir->path);
  g_assert_null (sp_test_json_find (json_node_get_array (list2), "name", "nokey-cli-test"));

  /* removing the source removes its key */
  g_assert_cmpint (run_in (dir->path, &out4, &err4, "sources", "remove", "keyed-cli-test", NULL), ==, 0);
  g_assert_null (strstr (out4, TEST_API_KEY));
  after = sp_secret_lookup_sync ("keyed-cli-test", &error);
  g_assert_no_error (error);
  g_assert_null (after);

  /* and a failure never prints it: a duplicate name with a key */
  g_assert_cmpint (run_in (dir->path, &out5, &err5, "sources", "add", "dup-cli-test",
                           "https://a.example/f.json", NULL), ==, 0);
  {
    const char *dup[] = { "--data-dir", dir->path, "sources", "add", "dup-cli-test",
                          "https://a.example/f.json", "--api-key-stdin", NULL };
    g_autofree char *o6 = NULL, *e6 = NULL;
    g_autofree char *dup_key = NULL;

    g_assert_cmpint (run_with_stdin (TEST_API_KEY "\n", dup, &o6, &e6), ==, 1);
    g_assert_null (strstr (o6, TEST_API_KEY));
    g_assert_null (strstr (e6, TEST_API_KEY));
    /* the refused add stored no key */
    dup_key = sp_secret_lookup_sync ("dup-cli-test", &error);
    g_assert_no_error (error);
    g_assert_null (dup_key);
  }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("SUANPAN_SECRET_COLLECTION", "session", TRUE);
  /* The CLIs we spawn inherit this.  Loopback only: never ask libproxy (a C++
   * library whose exceptions trip AddressSanitizer in a C program). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-sources/round-trip", test_round_trip);
  g_test_add_func ("/cli-sources/duplicate", test_duplicate_refused);
  g_test_add_func ("/cli-sources/bad-input", test_bad_input);
  g_test_add_func ("/cli-sources/insecure-url", test_insecure_url_message);
  g_test_add_func ("/cli-sources/enable-disable", test_enable_disable);
  g_test_add_func ("/cli-sources/presets", test_presets);
  g_test_add_func ("/cli-sources/refresh-files", test_refresh_files);
  g_test_add_func ("/cli-sources/refresh-http", test_refresh_http);
  g_test_add_func ("/cli-sources/refresh-sigint", test_refresh_sigint);
  g_test_add_func ("/cli-sources/refresh-http-key", test_refresh_http_key);
  g_test_add_func ("/cli-sources/api-key", test_api_key);
  return g_test_run ();
}
