/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-ledger.c — suanpan-cli ledger: a stable interface for scripts */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "sp-test-util.h"

static void
run_ok (const char *dir, const char * const *args, char **out)
{
  *out = sp_test_run_cli_ok (dir, "ledger", args);
}

static void
assert_one_line_error (int         status,
                       const char *err,
                       const char *needle)
{
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "suanpan-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1); /* one line */
  if (needle != NULL && strstr (err, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, err);
}

static void
test_add_then_list_json (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL;
  g_autofree char *list = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *o;

  run_ok (dir->path, (const char *[]) {
    "add", "--date", "2026-01-31", "--vendor", "AutoDL", "--item", "RTX 4090",
    "--kind", "gpu", "--quantity", "10", "--unit", "card-hour", "--amount", "19.8",
    "--currency", "CNY", "--subsidy", "2", "--category", "research", "--note", "first",
    "--rate", "7.15", "--rate-date", "2026-01-30", "--fapiao", "special",
    "--fapiao-number", "No.42", NULL }, &out);
  g_assert_cmpstr (out, ==, "Added entry 1\n");

  run_ok (dir->path, (const char *[]) { "list", "--json", NULL }, &list);
  root = sp_test_parse_json (list);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-01-31");
  g_assert_cmpstr (json_object_get_string_member (o, "vendor"), ==, "AutoDL");
  g_assert_cmpstr (json_object_get_string_member (o, "item"), ==, "RTX 4090");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "gpu");
  g_assert_cmpstr (json_object_get_string_member (o, "quantity"), ==, "10");
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "card-hour");
  g_assert_cmpstr (json_object_get_string_member (o, "amount"), ==, "19.80");
  g_assert_cmpstr (json_object_get_string_member (o, "subsidy"), ==, "2.00");
  g_assert_cmpstr (json_object_get_string_member (o, "list_amount"), ==, "21.80");
  g_assert_cmpstr (json_object_get_string_member (o, "platform_discount"), ==, "0.00");
  g_assert_cmpstr (json_object_get_string_member (o, "prepaid"), ==, "0.00");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "CNY");
  g_assert_cmpstr (json_object_get_string_member (o, "rate_usd_cny"), ==, "7.15");
  g_assert_cmpstr (json_object_get_string_member (o, "rate_date"), ==, "2026-01-30");
  g_assert_cmpstr (json_object_get_string_member (o, "category"), ==, "research");
  g_assert_cmpstr (json_object_get_string_member (o, "fapiao"), ==, "special");
  g_assert_cmpstr (json_object_get_string_member (o, "fapiao_number"), ==, "No.42");
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "first");
  g_assert_false (json_object_get_boolean_member (o, "refund"));
  g_assert_true (json_object_get_null_member (o, "offer_id"));

  /* --month filters, across the year end */
  {
    g_autofree char *jan = NULL;
    g_autofree char *dec = NULL;
    g_autoptr(JsonNode) j = NULL;
    g_autoptr(JsonNode) d = NULL;

    run_ok (dir->path, (const char *[]) { "list", "--month", "2026-01", "--json", NULL }, &jan);
    run_ok (dir->path, (const char *[]) { "list", "--month", "2025-12", "--json", NULL }, &dec);
    j = sp_test_parse_json (jan);
    d = sp_test_parse_json (dec);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (j)), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (d)), ==, 0);
  }
}

static void
test_bad_input (void)
{
  static const struct {
    const char *args[24];
    const char *needle;
  } cases[] = {
    { { "add", "--date", "2026-02-30", "--vendor", "v", "--item", "i", "--kind", "gpu",
        "--quantity", "1", "--unit", "h", "--amount", "1", "--currency", "CNY", NULL }, "2026-02-30" },
    { { "add", "--date", "2026-02-03", "--vendor", "v", "--item", "i", "--kind", "fpga",
        "--quantity", "1", "--unit", "h", "--amount", "1", "--currency", "CNY", NULL }, "fpga" },
    { { "add", "--date", "2026-02-03", "--vendor", "v", "--item", "i", "--kind", "gpu",
        "--quantity", "1", "--unit", "h", "--amount", "abc", "--currency", "CNY", NULL }, "abc" },
    { { "add", "--date", "2026-02-03", "--item", "i", "--kind", "gpu",
        "--quantity", "1", "--unit", "h", "--amount", "1", "--currency", "CNY", NULL }, "--vendor" },
    { { "add", "--date", "2026-02-03", "--vendor", "v", "--item", "i", "--kind", "gpu",
        "--quantity", "1", "--unit", "h", "--amount", "-1", "--currency", "CNY", NULL }, "refund" },
    { { "add", "--date", "2026-02-03", "--vendor", "v", "--item", "i", "--kind", "gpu",
        "--quantity", "1", "--unit", "h", "--amount", "1", "--currency", "yuan", NULL }, "yuan" },
    { { "list", "--month", "2026-13", NULL }, "2026-13" },
    { { "monthly", "--by", "colour", NULL }, "colour" },
    { { "delete", "99", NULL }, "99" },
    { { "delete", NULL }, NULL },
    { { "undo", NULL }, NULL },
    { { "import", "/nonexistent/file.csv", NULL }, NULL },
    { { "frobnicate", NULL }, "frobnicate" },
    { { "budget", "-5", "CNY", NULL }, NULL },
  };
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = sp_test_run_cli_in (dir->path, "ledger", cases[i].args, &out, &err);

      assert_one_line_error (status, err, cases[i].needle);
    }

  /* "1e3" is an exact decimal (1000), "abc" is not (above) */
  {
    g_autofree char *out = NULL;
    g_autoptr(JsonNode) root = NULL;

    run_ok (dir->path, (const char *[]) {
      "add", "--date", "2026-02-03", "--vendor", "v", "--item", "i", "--kind", "gpu",
      "--quantity", "1", "--unit", "h", "--amount", "1e3", "--currency", "CNY", "--json", NULL }, &out);
    root = sp_test_parse_json (out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "amount"), ==,
                     "1000.00");
  }
}

static char *
write_file (SpTestDir  *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir->path, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_entries (const char *dir)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;

  run_ok (dir, (const char *[]) { "list", "--json", NULL }, &out);
  root = sp_test_parse_json (out);
  return json_array_get_length (json_node_get_array (root));
}

static void
test_import_bad_row_imports_nothing (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *csv = write_file (dir, "in.csv",
    "date,vendor,item,kind,quantity,unit,amount,currency,category\n"  /* 1 */
    "2026-02-01,AutoDL,4090,gpu,1,card-hour,2,CNY,p\n"                /* 2 */
    "2026-02-02,AutoDL,4090,gpu,1,card-hour,2,CNY,p\n"                /* 3 */
    "2026-02-03,AutoDL,4090,gpu,1,card-hour,2,CNY,p\n"                /* 4 */
    "2026-02-04,AutoDL,4090,gpu,1,card-hour,2,CNY,p\n"                /* 5 */
    "2026-02-05,AutoDL,4090,gpu,1,card-hour,2,CNY,p\n"                /* 6 */
    "2026-02-30,AutoDL,4090,gpu,1,card-hour,2,CNY,p\n"                /* 7 */
    "2026-02-06,AutoDL,4090,gpu,1,card-hour,2,CNY,p\n");              /* 8 */
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dry_out = NULL;
  g_autofree char *dry_err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (sp_test_run_cli_in (dir->path, "ledger", (const char *[]) { "import", csv, NULL }, &out, &err), ==, 1);
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3); /* the bad row, the summary, "" */
  g_assert_true (g_str_has_prefix (lines[0], "suanpan-cli: line 7: "));
  g_assert_nonnull (strstr (lines[0], "2026-02-30"));
  g_assert_nonnull (strstr (lines[1], "nothing was imported"));
  g_assert_cmpuint (count_entries (dir->path), ==, 0);

  /* the preview says the same and writes nothing */
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "ledger", (const char *[]) { "import", csv, "--dry-run", NULL },
                               &dry_out, &dry_err), ==, 1);
  g_assert_nonnull (strstr (dry_out, "6 valid rows"));
  g_assert_nonnull (strstr (dry_err, "line 7: "));
  g_assert_cmpuint (count_entries (dir->path), ==, 0);
}

static void
test_dry_run_then_import (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *csv = write_file (dir, "in.csv",
    "date,vendor,item,kind,quantity,unit,amount,currency,category,subsidy\r\n"
    "2026-02-01,AutoDL,4090,gpu,1,card-hour,2,CNY,p,1\r\n"
    "2026-02-02,\"Aliyun, Inc.\",ecs,cpu,4,core-hour,0.5,CNY,p,\r\n");
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;

  run_ok (dir->path, (const char *[]) { "import", csv, "--dry-run", NULL }, &out);
  g_assert_nonnull (strstr (out, "2 valid rows"));
  g_assert_nonnull (strstr (out, "Aliyun, Inc."));
  g_assert_cmpuint (count_entries (dir->path), ==, 0);
  run_ok (dir->path, (const char *[]) { "import", csv, NULL }, &out2);
  g_assert_cmpstr (out2, ==, "Imported 2 entries\n");
  g_assert_cmpuint (count_entries (dir->path), ==, 2);
}

static void
test_export_import_round_trip (void)
{
  g_autoptr(SpTestDir) a = sp_test_dir_new ();
  g_autoptr(SpTestDir) b = sp_test_dir_new ();
  g_autofree char *in = write_file (a, "in.csv",
    "note,currency,amount,unit,quantity,kind,item,vendor,date,category,refund,rate_usd_cny,rate_date,fapiao\n"
    "\"multi\nline, \"\"quoted\"\"\",USD,-1.25,1M tokens,2,tokens,gpt,OpenAI,2026-01-01,r&d,yes,7.1,2026-01-01,requested\n"
    ",CNY,3,card-hour,1.5,gpu,A100,算力云,2025-12-31,,no,7.2,2025-12-30,none\n");
  g_autofree char *ex1 = g_build_filename (a->path, "ex1.csv", NULL);
  g_autofree char *ex2 = g_build_filename (b->path, "ex2.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;

  run_ok (a->path, (const char *[]) { "import", in, NULL }, &out);
  g_clear_pointer (&out, g_free);
  run_ok (a->path, (const char *[]) { "export", ex1, NULL }, &out);
  g_clear_pointer (&out, g_free);
  run_ok (b->path, (const char *[]) { "import", ex1, NULL }, &out);
  g_clear_pointer (&out, g_free);
  run_ok (b->path, (const char *[]) { "export", ex2, NULL }, &out);
  c1 = sp_test_read_file (ex1, NULL);
  c2 = sp_test_read_file (ex2, NULL);
  g_assert_cmpstr (c1, ==, c2);
  g_assert_true (g_str_has_prefix (c1, "date,vendor,item,kind,quantity,unit,amount,currency,category,"));
  /* the last column is the entry's identity, kept by the import */
  g_assert_true (g_regex_match_simple ("\r\n2025-12-31,算力云,A100,gpu,1.5,card-hour,3,CNY,,3,0,0,0,"
                                       "7.2,2025-12-30,none,,no,,,,[0-9a-f]{32}\r\n", c1, 0, 0));

  run_ok (a->path, (const char *[]) { "list", "--json", NULL }, &l1);
  run_ok (b->path, (const char *[]) { "list", "--json", NULL }, &l2);
  /* the same entries; only the ids differ (export is by date) */
  {
    g_autoptr(GRegex) id_re = g_regex_new ("\"id\" : [0-9]+,", 0, 0, NULL);
    g_autofree char *s1 = g_regex_replace_literal (id_re, l1, -1, 0, "", 0, NULL);
    g_autofree char *s2 = g_regex_replace_literal (id_re, l2, -1, 0, "", 0, NULL);

    g_assert_cmpstr (s1, ==, s2);
  }
  g_assert_nonnull (strstr (l1, "multi\\nline, \\\"quoted\\\""));
}

/* The monthly totals of @dir as "month paid subsidy list entries" lines. */
static char *
monthly_lines (const char *dir)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  JsonArray *array;

  run_ok (dir, (const char *[]) { "monthly", "--currency", "CNY", "--json", NULL }, &out);
  root = sp_test_parse_json (out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_string_append_printf (lines, "%s %s %s %s %" G_GINT64_FORMAT "\n",
                              json_object_get_string_member (o, "month"),
                              json_object_get_string_member (o, "paid"),
                              json_object_get_string_member (o, "subsidy"),
                              json_object_get_string_member (o, "list"),
                              json_object_get_int_member (o, "entries"));
    }
  return g_string_free (g_steal_pointer (&lines), FALSE);
}

/* Issue 14 item 3: importing a file twice, or an export into the ledger it
 * came from, adds nothing; the same purchase bought twice stays two rows. */
static void
test_import_twice_adds_nothing (void)
{
  static const char *totals =
    "2026-01 160.00 10.00 170.00 2\n"
    "2026-02 21.60 0.00 21.60 1\n";
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpTestDir) other = sp_test_dir_new ();
  g_autofree char *csv = write_file (dir, "in.csv",
    "date,vendor,item,kind,quantity,unit,amount,currency,category,subsidy,rate_usd_cny\n"
    "2026-01-05,AutoDL,A100,gpu,2,card-hour,80,CNY,p,5,7.2\n"
    "2026-01-05,AutoDL,A100,gpu,2,card-hour,80,CNY,p,5,7.2\n"
    "2026-02-01,OpenAI,gpt,tokens,1,1M tokens,3,USD,,,7.2\n");
  g_autofree char *export = g_build_filename (dir->path, "export.csv", NULL);
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL, *o5 = NULL, *o6 = NULL;
  g_autofree char *o7 = NULL, *o8 = NULL;
  g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL;

  run_ok (dir->path, (const char *[]) { "import", csv, NULL }, &o1);
  g_assert_cmpstr (o1, ==, "Imported 3 entries\n");
  m1 = monthly_lines (dir->path);
  g_assert_cmpstr (m1, ==, totals);

  /* the same file again: by fingerprint (the file has no entry_id) */
  run_ok (dir->path, (const char *[]) { "import", csv, "--dry-run", NULL }, &o2);
  g_assert_true (g_str_has_suffix (o2, "\nWould import 0 entries; 3 already present\n"));
  run_ok (dir->path, (const char *[]) { "import", csv, NULL }, &o3);
  g_assert_cmpstr (o3, ==, "Imported 0 entries; 3 already present\n");

  /* the export into the ledger it came from: by entry_id */
  run_ok (dir->path, (const char *[]) { "export", export, NULL }, &o4);
  run_ok (dir->path, (const char *[]) { "import", export, "--dry-run", NULL }, &o5);
  g_assert_true (g_str_has_suffix (o5, "\nWould import 0 entries; 3 already present\n"));
  run_ok (dir->path, (const char *[]) { "import", export, NULL }, &o6);
  g_assert_cmpstr (o6, ==, "Imported 0 entries; 3 already present\n");
  m2 = monthly_lines (dir->path);
  g_assert_cmpstr (m2, ==, totals);
  g_assert_cmpuint (count_entries (dir->path), ==, 3);

  /* another ledger takes the export once, then finds it present */
  run_ok (other->path, (const char *[]) { "import", export, NULL }, &o7);
  g_assert_cmpstr (o7, ==, "Imported 3 entries\n");
  run_ok (other->path, (const char *[]) { "import", csv, NULL }, &o8);
  g_assert_cmpstr (o8, ==, "Imported 0 entries; 3 already present\n");
  m3 = monthly_lines (other->path);
  g_assert_cmpstr (m3, ==, totals);

  /* the same counts for scripts */
  {
    g_autofree char *j = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonObject *o;

    run_ok (other->path, (const char *[]) { "import", export, "--dry-run", "--json", NULL }, &j);
    root = sp_test_parse_json (j);
    o = json_node_get_object (root);
    g_assert_true (json_object_get_boolean_member (o, "dry_run"));
    g_assert_cmpint (json_object_get_int_member (o, "added"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "already_present"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (o, "replaced"), ==, 0);
    g_assert_true (json_object_get_null_member (o, "first_id"));
  }
}

/* --replace restores a backup: only with --yes, in one step, undoable. */
static void
test_import_replace (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *backup = write_file (dir, "backup.csv",
    "date,vendor,item,kind,quantity,unit,amount,currency,category\n"
    "2026-03-01,AutoDL,4090,gpu,1,card-hour,2,CNY,\n"
    "2026-03-02,AutoDL,4090,gpu,1,card-hour,3,CNY,\n");
  g_autofree char *bad = write_file (dir, "bad.csv",
    "date,vendor,item,kind,quantity,unit,amount,currency,category\n"
    "2026-03-01,AutoDL,4090,gpu,1,card-hour,abc,CNY,\n");
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL, *o5 = NULL, *o6 = NULL;
  g_autofree char *e1 = NULL, *e2 = NULL;
  g_autofree char *m = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *o = NULL;

      run_ok (dir->path, (const char *[]) {
        "add", "--date", "2026-01-01", "--vendor", "v", "--item", "i", "--kind", "other",
        "--quantity", "1", "--unit", "h", "--amount", "100", "--currency", "CNY", NULL }, &o);
    }
  /* without --yes: what it would do, and nothing changes */
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "ledger", (const char *[]) {
    "import", backup, "--replace", NULL }, &o1, &e1), ==, 1);
  g_assert_cmpstr (o1, ==, "Would replace the 3 entries of the ledger\nWould import 2 entries\n");
  g_assert_cmpstr (e1, ==, "suanpan-cli: nothing was changed: add --yes to restore this backup\n");
  g_assert_cmpuint (count_entries (dir->path), ==, 3);
  /* a bad backup deletes nothing */
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "ledger", (const char *[]) {
    "import", bad, "--replace", "--yes", NULL }, &o2, &e2), ==, 1);
  g_assert_nonnull (strstr (e2, "nothing was imported"));
  g_assert_cmpuint (count_entries (dir->path), ==, 3);

  run_ok (dir->path, (const char *[]) { "import", backup, "--replace", "--yes", NULL }, &o3);
  g_assert_cmpstr (o3, ==, "Replaced the 3 entries of the ledger\nImported 2 entries\n");
  g_assert_cmpuint (count_entries (dir->path), ==, 2);
  m = monthly_lines (dir->path);
  g_assert_cmpstr (m, ==, "2026-03 5.00 0.00 5.00 2\n");
  /* restoring it again changes nothing but the ids */
  run_ok (dir->path, (const char *[]) { "import", backup, NULL }, &o4);
  g_assert_cmpstr (o4, ==, "Imported 0 entries; 2 already present\n");
  /* a replaced entry can be brought back */
  run_ok (dir->path, (const char *[]) { "undo", NULL }, &o5);
  g_assert_cmpuint (count_entries (dir->path), ==, 3);
  g_clear_pointer (&o5, g_free);
  run_ok (dir->path, (const char *[]) { "list", "--month", "2026-01", "--json", NULL }, &o6);
  g_assert_nonnull (strstr (o6, "\"amount\" : \"100.00\""));
}

static void
test_monthly_by_vendor_json (void)
{
  static const char *entries[][12] = {
    { "2025-12-31", "AutoDL", "gpu", "100", "CNY", "7.2", "20" },
    { "2026-01-01", "AutoDL", "gpu", "50.5", "CNY", "7.2", "0" },
    { "2026-01-10", "OpenAI", "tokens", "12.34", "USD", "7.1", "0" },
    { "2026-01-31", "OpenAI", "tokens", "0.66", "USD", "7.2", "1" },
    { "2026-02-01", "AutoDL", "gpu", "9.99", "CNY", "7.2", "0" },
  };
  /* January OpenAI in CNY: 12.34 × 7.1 + 0.66 × 7.2 = 87.614 + 4.752 = 92.366;
   * subsidy 1 × 7.2 = 7.2; list 92.366 + 7.2 = 99.566 */
  static const char *expected[][5] = {
    { "2025-12", "AutoDL", "100.00", "20.00", "120.00" },
    { "2026-01", "AutoDL", "50.50", "0.00", "50.50" },
    { "2026-01", "OpenAI", "92.366", "7.20", "99.566" },
    { "2026-02", "AutoDL", "9.99", "0.00", "9.99" },
  };
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *out = NULL;
  g_autofree char *usd = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) usd_root = NULL;
  JsonArray *array;

  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *o = NULL;

      run_ok (dir->path, (const char *[]) {
        "add", "--date", entries[i][0], "--vendor", entries[i][1], "--item", "x",
        "--kind", entries[i][2], "--quantity", "1", "--unit", "u", "--amount", entries[i][3],
        "--currency", entries[i][4], "--rate", entries[i][5], "--subsidy", entries[i][6], NULL }, &o);
    }

  run_ok (dir->path, (const char *[]) { "monthly", "--by", "vendor", "--currency", "CNY", "--json", NULL }, &out);
  root = sp_test_parse_json (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (o, "month"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (o, "key"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member (o, "paid"), ==, expected[i][2]);
      g_assert_cmpstr (json_object_get_string_member (o, "subsidy"), ==, expected[i][3]);
      g_assert_cmpstr (json_object_get_string_member (o, "list"), ==, expected[i][4]);
    }

  /* --from/--to across the year end, in USD: 100 / 7.2 = 13.888889,
   * 20 / 7.2 = 2.777778, 120 / 7.2 = 16.666667; 50.5 / 7.2 = 7.013889 */
  run_ok (dir->path, (const char *[]) { "monthly", "--from", "2025-12", "--to", "2026-01",
                                         "--currency", "USD", "--json", NULL }, &usd);
  usd_root = sp_test_parse_json (usd);
  array = json_node_get_array (usd_root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  {
    JsonObject *dec = json_array_get_object_element (array, 0);
    JsonObject *jan = json_array_get_object_element (array, 1);

    g_assert_cmpstr (json_object_get_string_member (dec, "month"), ==, "2025-12");
    g_assert_cmpstr (json_object_get_string_member (dec, "key"), ==, "total");
    g_assert_cmpstr (json_object_get_string_member (dec, "paid"), ==, "13.888889");
    g_assert_cmpstr (json_object_get_string_member (dec, "subsidy"), ==, "2.777778");
    g_assert_cmpstr (json_object_get_string_member (dec, "list"), ==, "16.666667");
    /* 7.013889 + 12.34 + 0.66 = 20.013889; list + 1 = 21.013889 */
    g_assert_cmpstr (json_object_get_string_member (jan, "paid"), ==, "20.013889");
    g_assert_cmpstr (json_object_get_string_member (jan, "list"), ==, "21.013889");
  }
}

static void
test_delete_and_undo (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *o1 = NULL;
  g_autofree char *o2 = NULL;
  g_autofree char *o3 = NULL;
  g_autofree char *o4 = NULL;
  g_autofree char *err = NULL;

  run_ok (dir->path, (const char *[]) {
    "add", "--date", "2026-02-03", "--vendor", "v", "--item", "i", "--kind", "other",
    "--quantity", "1", "--unit", "h", "--amount", "1", "--currency", "CNY", NULL }, &o1);
  run_ok (dir->path, (const char *[]) { "delete", "1", NULL }, &o2);
  g_assert_cmpuint (count_entries (dir->path), ==, 0);
  run_ok (dir->path, (const char *[]) { "undo", NULL }, &o3);
  g_assert_cmpstr (o3, ==, "Restored entry 1\n");
  g_assert_cmpuint (count_entries (dir->path), ==, 1);
  /* nothing left to undo */
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "ledger", (const char *[]) { "undo", NULL }, &o4, &err), ==, 1);
  assert_one_line_error (1, err, NULL);
}

static void
test_budget_json (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *o1 = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  run_ok (dir->path, (const char *[]) {
    "add", "--date", "2026-04-05", "--vendor", "v", "--item", "i", "--kind", "gpu",
    "--quantity", "1", "--unit", "h", "--amount", "300", "--currency", "CNY", NULL }, &o1);
  /* April has 30 days: 300 × 30 / 6 = 1500 > 1000 */
  g_assert_cmpint (sp_test_run_cli_in (dir->path, "ledger", (const char *[]) {
    "budget", "1000", "CNY", "--today", "2026-04-06", "--json", NULL }, &out, &err), ==, 0);
  root = sp_test_parse_json (out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "month"), ==, "2026-04");
  g_assert_cmpstr (json_object_get_string_member (o, "budget"), ==, "1000.00");
  g_assert_cmpstr (json_object_get_string_member (o, "spent"), ==, "300.00");
  g_assert_cmpstr (json_object_get_string_member (o, "projection"), ==, "1500.00");
  g_assert_cmpint (json_object_get_int_member (o, "days_in_month"), ==, 30);
  g_assert_true (json_object_get_boolean_member (o, "over_budget"));
  g_assert_nonnull (strstr (err, "exceeds the budget"));
}

/* Issue 14 item 4: the text output is translated and its columns line up
 * by display width in zh_CN (Chinese characters are two cells wide). */
static void
test_zh_cn_columns (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *csv = write_file (dir, "in.csv",
    "date,vendor,item,kind,quantity,unit,amount,currency,category,subsidy,rate_usd_cny\n"
    "2026-01-05,算力云,A100 训练,gpu,2,card-hour,80,CNY,domestic-compute,5,7.2\n"
    "2026-01-06,AutoDL,4090,gpu,2,card-hours,8000.5,CNY,p,,7.2\n"
    "2026-02-01,OpenAI,gpt,tokens,1,1M tokens,3,USD,,,7.2\n");
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;

  run_ok (dir->path, (const char *[]) { "import", csv, NULL }, &o1);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  run_ok (dir->path, (const char *[]) { "list", NULL }, &o2);
  run_ok (dir->path, (const char *[]) { "monthly", "--by", "kind", "--currency", "CNY", NULL }, &o3);
  run_ok (dir->path, (const char *[]) { "monthly", "--by", "category", "--currency", "CNY", NULL },
          &o4);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_cmpstr (o2, ==,
    "ID  日期        供应商  项目       类型  数量  单位         已付  币种  类别\n"
    " 1  2026-01-05  算力云  A100 训练  GPU      2  卡时        80.00  CNY   国产算力\n"
    " 2  2026-01-06  AutoDL  4090       GPU      2  卡时      8000.50  CNY   p\n"
    " 3  2026-02-01  OpenAI  gpt        词元     1  百万词元     3.00  USD\n");
  g_assert_cmpstr (o3, ==,
    "月份     分组     已付  补贴     标价  货币\n"
    "2026-01  GPU   8080.50  5.00  8085.50  CNY\n"
    "2026-02  词元    21.60  0.00    21.60  CNY\n");
  g_assert_cmpstr (o4, ==,
    "月份     分组         已付  补贴     标价  货币\n"
    "2026-01  国产算力    80.00  5.00    85.00  CNY\n"
    "2026-01  p         8000.50  0.00  8000.50  CNY\n"
    "2026-02  无类别      21.60  0.00    21.60  CNY\n");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-ledger/add-then-list-json", test_add_then_list_json);
  g_test_add_func ("/cli-ledger/bad-input", test_bad_input);
  g_test_add_func ("/cli-ledger/import-bad-row-imports-nothing", test_import_bad_row_imports_nothing);
  g_test_add_func ("/cli-ledger/dry-run-then-import", test_dry_run_then_import);
  g_test_add_func ("/cli-ledger/export-import-round-trip", test_export_import_round_trip);
  g_test_add_func ("/cli-ledger/monthly-by-vendor-json", test_monthly_by_vendor_json);
  g_test_add_func ("/cli-ledger/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/cli-ledger/budget-json", test_budget_json);
  g_test_add_func ("/cli-ledger/import-twice-adds-nothing", test_import_twice_adds_nothing);
  g_test_add_func ("/cli-ledger/import-replace", test_import_replace);
  g_test_add_func ("/cli-ledger/zh-cn-columns", test_zh_cn_columns);

  return g_test_run ();
}
