/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-backup.c — suanpan-cli backup FILE / restore FILE (issue 15)
 *
 * Runs the real binary on real SQLite files: a good backup restores; a file
 * with the right application_id but other tables, a truncated file, a newer
 * schema, a foreign trigger, a missing column, junk and a folder are each
 * refused with one clear line, leaving the database and every earlier
 * safety copy exactly as they were; safety copies are dated and the newest
 * SP_BACKUP_SAFETY_COPIES are kept. */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "sp-backup.h"
#include "sp-core.h"
#include "sp-test-util.h"

typedef struct {
  SpTestDir *dir;
  char      *data;      /* --data-dir */
  char      *db;        /* the database in it */
  char      *backup;    /* a good backup of the demo catalog + one ledger entry */
} Fixture;

static int
run (Fixture            *f,
     const char         *command,
     const char * const *args,
     char              **out,
     char              **err)
{
  return sp_test_run_cli_in (f->data, command, args, out, err);
}

static void
run_ok (Fixture            *f,
        const char         *command,
        const char * const *args,
        char              **out)
{
  g_autofree char *err = NULL;
  int status = run (f, command, args, out, &err);

  if (status != 0)
    g_printerr ("stderr: %s\n", err);
  g_assert_cmpint (status, ==, 0);
}

static void
exec_on (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
copy_of (Fixture    *f,
         const char *name)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  char *path = g_build_filename (f->dir->path, name, NULL);

  data = sp_test_read_file (f->backup, &len);
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

static void
add_entry (Fixture    *f,
           const char *vendor)
{
  g_autofree char *out = NULL;

  run_ok (f, "ledger", (const char *[]) {
    "add", "--date", "2026-03-01", "--vendor", vendor, "--item", "A100",
    "--kind", "gpu", "--quantity", "1", "--unit", "card-hour", "--amount", "10",
    "--currency", "CNY", NULL }, &out);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *feed = sp_test_source_path ("data/demo/demo-feed.json");
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;

  f->dir = sp_test_dir_new ();
  f->data = g_build_filename (f->dir->path, "data", NULL);
  f->db = g_build_filename (f->data, "suanpan.db", NULL);
  f->backup = g_build_filename (f->dir->path, "good.db", NULL);
  run_ok (f, "import", (const char *[]) { feed, NULL }, &out);
  add_entry (f, "Backed-up Cloud");
  run_ok (f, "backup", (const char *[]) { f->backup, NULL }, &out2);
  g_assert_true (g_str_has_prefix (out2, "Backed up the database to “"));
  /* after the backup: a second entry, which a restore takes away */
  add_entry (f, "Later Cloud");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->data);
  g_free (f->db);
  g_free (f->backup);
  sp_test_dir_free (f->dir);
}

static gint64
n_entries (const char *path)
{
  return sp_test_sql_count (path, "SELECT count (*) FROM ledger_entries");
}

static guint
n_safety_copies (Fixture *f)
{
  g_autoptr(GPtrArray) copies = sp_store_list_safety_copies (f->db);

  return copies->len;
}

/* A refused restore: exit 1, one line naming the file and @needle, and
 * nothing changed — two entries still, and @n_copies safety copies. */
static void
assert_refused (Fixture    *f,
                const char *file,
                const char *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = g_strdup_printf ("suanpan-cli: %s\n", expected);
  guint before = n_safety_copies (f);
  gint64 offers = sp_test_sql_count (f->db, "SELECT count (*) FROM offers");

  g_assert_cmpint (run (f, "restore", (const char *[]) { file, NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, line);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (n_entries (f->db), ==, 2);
  g_assert_cmpint (sp_test_sql_count (f->db, "SELECT count (*) FROM offers"), ==, offers);
  g_assert_cmpuint (n_safety_copies (f), ==, before);

  /* --check says the same */
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, "restore", (const char *[]) { "--check", file, NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, line);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *check = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_check = g_strdup_printf ("“%s” can be restored.\n", f->backup);
  g_autoptr(GPtrArray) copies = NULL;
  gint64 offers = sp_test_sql_count (f->db, "SELECT count (*) FROM offers");

  g_assert_cmpint (offers, >, 0);
  g_assert_cmpint (n_entries (f->db), ==, 2);

  run_ok (f, "restore", (const char *[]) { "--check", f->backup, NULL }, &check);
  g_assert_cmpstr (check, ==, expected_check);
  g_assert_cmpint (n_entries (f->db), ==, 2);
  g_assert_cmpuint (n_safety_copies (f), ==, 0);

  run_ok (f, "restore", (const char *[]) { f->backup, NULL }, &out);
  copies = sp_store_list_safety_copies (f->db);
  g_assert_cmpuint (copies->len, ==, 1);
  expected = g_strdup_printf ("Restored the database from “%s”.\n"
                              "The data from before the restore is in “%s”.\n",
                              f->backup, (char *) g_ptr_array_index (copies, 0));
  g_assert_cmpstr (out, ==, expected);
  /* the backup's data; the safety copy holds what was there before */
  g_assert_cmpint (n_entries (f->db), ==, 1);
  g_assert_cmpint (sp_test_sql_count (f->db, "SELECT count (*) FROM offers"), ==, offers);
  g_assert_cmpint (n_entries (g_ptr_array_index (copies, 0)), ==, 2);
  /* named "suanpan-before-restore-YYYY-MM-DD-HHMMSS-mmm.db", beside the database */
  {
    g_autofree char *base = g_path_get_basename (g_ptr_array_index (copies, 0));
    g_autofree char *dir = g_path_get_dirname (g_ptr_array_index (copies, 0));
    g_autoptr(GRegex) re = g_regex_new ("^suanpan-before-restore-\\d{4}-\\d\\d-\\d\\d-\\d{6}-\\d{3}\\.db$",
                                        0, 0, NULL);

    g_assert_true (g_regex_match (re, base, 0, NULL));
    g_assert_cmpstr (dir, ==, f->data);
  }
  /* no temporary files left behind */
  {
    g_autoptr(GDir) d = g_dir_open (f->data, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".suanpan-restore-"));
  }
  /* the CLI keeps working on the restored database */
  add_entry (f, "After Restore");
  g_assert_cmpint (n_entries (f->db), ==, 2);
}

/* The case: the right application_id, only an unrelated table. */
static void
test_wrong_tables (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir->path, "wrong-tables.db", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = 1397771825;"
                                          "PRAGMA user_version = %d;"
                                          "CREATE TABLE notes (text TEXT);"
                                          "INSERT INTO notes VALUES ('hello');",
                                          SP_STORE_SCHEMA_VERSION);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  exec_on (path, sql);
  g_assert_cmpint (run (f, "restore", (const char *[]) { path, NULL }, &out, &err), ==, 1);
  expected = g_strdup_printf ("suanpan-cli: “%s” is not a complete Suanpan database: the table “", path);
  g_assert_true (g_str_has_prefix (err, expected));
  g_assert_true (g_str_has_suffix (err, "” is missing\n"));
  g_assert_cmpint (n_entries (f->db), ==, 2);
  g_assert_cmpuint (n_safety_copies (f), ==, 0);

  /* the same file at schema version 0: it holds no data at all */
  exec_on (path, "PRAGMA user_version = 0");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("“%s” holds no Suanpan data (schema version 0)", path);
  assert_refused (f, path, expected);

  /* a good backup whose offers table lost a column */
  {
    g_autofree char *col = copy_of (f, "missing-column.db");
    g_autofree char *msg = NULL;

    exec_on (col, "ALTER TABLE offers DROP COLUMN gpu_fraction");
    msg = g_strdup_printf ("“%s” is not a complete Suanpan database: the column “gpu_fraction” of "
                           "“offers” is missing or of another type", col);
    assert_refused (f, col, msg);
  }
  /* a good backup with a trigger that would empty the ledger */
  {
    g_autofree char *trig = copy_of (f, "trigger.db");
    g_autofree char *msg = NULL;

    exec_on (trig, "CREATE TRIGGER wipe AFTER INSERT ON ledger_entries "
                   "BEGIN DELETE FROM ledger_entries; END");
    msg = g_strdup_printf ("“%s” holds “wipe”, which is not part of a Suanpan database", trig);
    assert_refused (f, trig, msg);
  }
  /* a good backup with a virtual table (a module the app never loads) */
  {
    g_autofree char *vt = copy_of (f, "virtual.db");
    g_autofree char *msg = NULL;

    exec_on (vt, "CREATE VIRTUAL TABLE a_search USING fts5 (text)");
    msg = g_strdup_printf ("“%s” holds “a_search”, which is not part of a Suanpan database", vt);
    assert_refused (f, vt, msg);
  }
  /* a good backup whose view was replaced */
  {
    g_autofree char *view = copy_of (f, "view.db");
    g_autofree char *msg = NULL;

    exec_on (view, "DROP VIEW subsidy_by_year;"
                   "CREATE VIEW subsidy_by_year AS SELECT 'x' AS programme, '2026' AS year, "
                   "1000000000 AS amount");
    msg = g_strdup_printf ("“%s” holds “subsidy_by_year”, which is not part of a Suanpan database",
                           view);
    assert_refused (f, view, msg);
  }
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir->path, "truncated.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  gsize len = 0;

  contents = sp_test_read_file (f->backup, &len);
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (path, contents, 8192, NULL));
  expected = g_strdup_printf ("“%s” is damaged and cannot be restored "
                              "(database disk image is malformed)", path);
  assert_refused (f, path, expected);
}

static void
test_newer (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = copy_of (f, "newer.db");
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", SP_STORE_SCHEMA_VERSION + 1);
  g_autofree char *expected = g_strdup_printf ("“%s” was made by a newer version of Suanpan "
                                               "(schema %d, this version reads up to %d)",
                                               path, SP_STORE_SCHEMA_VERSION + 1,
                                               SP_STORE_SCHEMA_VERSION);
  g_autofree char *ledger_path = copy_of (f, "newer-ledger.db");
  g_autofree char *ledger_sql = g_strdup_printf ("UPDATE ledger_meta SET value = '%d' "
                                                 "WHERE key = 'schema_version'",
                                                 SP_LEDGER_SCHEMA_VERSION + 1);
  g_autofree char *ledger_expected =
    g_strdup_printf ("“%s” was made by a newer version of Suanpan "
                     "(ledger schema %d, this version reads up to %d)",
                     ledger_path, SP_LEDGER_SCHEMA_VERSION + 1, SP_LEDGER_SCHEMA_VERSION);

  exec_on (path, sql);
  assert_refused (f, path, expected);
  exec_on (ledger_path, ledger_sql);
  assert_refused (f, ledger_path, ledger_expected);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *junk = g_build_filename (f->dir->path, "junk.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir->path, "empty.db", NULL);
  g_autofree char *other = g_build_filename (f->dir->path, "other.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir->path, "missing.db", NULL);
  g_autofree char *msg = NULL;

  g_assert_true (g_file_set_contents (junk, "not a database at all, but long enough to look like "
                                      "one to a careless reader of the first hundred bytes……", -1, NULL));
  msg = g_strdup_printf ("“%s” is not a Suanpan database (it is not an SQLite file)", junk);
  assert_refused (f, junk, msg);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_clear_pointer (&msg, g_free);
  msg = g_strdup_printf ("“%s” is not a Suanpan database", empty);
  assert_refused (f, empty, msg);

  exec_on (other, "CREATE TABLE offers (id TEXT)");
  g_clear_pointer (&msg, g_free);
  msg = g_strdup_printf ("“%s” is not a Suanpan database", other);
  assert_refused (f, other, msg);

  g_clear_pointer (&msg, g_free);
  msg = g_strdup_printf ("“%s” does not exist", missing);
  assert_refused (f, missing, msg);

  g_clear_pointer (&msg, g_free);
  msg = g_strdup_printf ("“%s” is not a file", f->dir->path);
  assert_refused (f, f->dir->path, msg);

  /* the database itself (--check would find it sound) */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *line = g_strdup_printf ("suanpan-cli: “%s” is the database itself\n", f->db);

    g_assert_cmpint (run (f, "restore", (const char *[]) { f->db, NULL }, &out, &err), ==, 1);
    g_assert_cmpstr (err, ==, line);
    g_assert_cmpint (n_entries (f->db), ==, 2);
    g_assert_cmpuint (n_safety_copies (f), ==, 0);
  }
}

/* A failed restore after a good one keeps the good one's safety copy,
 * byte for byte. */
static void
test_failed_keeps_safety_copy (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *bad = g_build_filename (f->dir->path, "bad.db", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = 1397771825;"
                                          "PRAGMA user_version = %d;"
                                          "CREATE TABLE notes (text TEXT);",
                                          SP_STORE_SCHEMA_VERSION);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *before_bytes = NULL;
  g_autofree char *after_bytes = NULL;
  gsize before_len = 0, after_len = 0;

  run_ok (f, "restore", (const char *[]) { f->backup, NULL }, &out);
  add_entry (f, "Second Cloud");   /* two entries again */
  copies = sp_store_list_safety_copies (f->db);
  g_assert_cmpuint (copies->len, ==, 1);
  before_bytes = sp_test_read_file (g_ptr_array_index (copies, 0), &before_len);

  exec_on (bad, sql);
  {
    g_autofree char *err = NULL;
    g_autofree char *out2 = NULL;

    g_assert_cmpint (run (f, "restore", (const char *[]) { bad, NULL }, &out2, &err), ==, 1);
  }
  after = sp_store_list_safety_copies (f->db);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (after, 0), ==, g_ptr_array_index (copies, 0));
  after_bytes = sp_test_read_file (g_ptr_array_index (after, 0), &after_len);
  g_assert_cmpuint (after_len, ==, before_len);
  g_assert_true (memcmp (before_bytes, after_bytes, before_len) == 0);
  g_assert_cmpint (n_entries (f->db), ==, 2);
}

/* Seven restores keep the newest five safety copies, in order. */
static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept = NULL;
  const char *marker = "The data from before the restore is in “";

  for (int i = 0; i < SP_BACKUP_SAFETY_COPIES + 2; i++)
    {
      g_autofree char *out = NULL;
      const char *p;

      run_ok (f, "restore", (const char *[]) { f->backup, NULL }, &out);
      p = strstr (out, marker);
      g_assert_nonnull (p);
      p += strlen (marker);
      g_ptr_array_add (made, g_strndup (p, strstr (p, "”") - p));
    }
  kept = sp_store_list_safety_copies (f->db);
  g_assert_cmpuint (kept->len, ==, SP_BACKUP_SAFETY_COPIES);
  for (guint i = 0; i < SP_BACKUP_SAFETY_COPIES; i++)
    g_assert_cmpstr (g_ptr_array_index (kept, i), ==, g_ptr_array_index (made, i + 2));
  g_assert_false (g_file_test (g_ptr_array_index (made, 0), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (g_ptr_array_index (made, 1), G_FILE_TEST_EXISTS));
  /* after the first restore the database held the backup's one entry */
  g_assert_cmpint (n_entries (g_ptr_array_index (kept, 0)), ==, 1);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run (f, "restore", (const char *[]) { NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "suanpan-cli: restore needs exactly one FILE\n");
  g_assert_cmpint (run (f, "backup", (const char *[]) { NULL }, &out2, &err2), ==, 1);
  g_assert_cmpstr (err2, ==, "suanpan-cli: backup needs exactly one FILE\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/cli-backup/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("wrong-tables", test_wrong_tables);
  ADD ("truncated", test_truncated);
  ADD ("newer", test_newer);
  ADD ("not-a-database", test_not_a_database);
  ADD ("failed-keeps-safety-copy", test_failed_keeps_safety_copy);
  ADD ("rotation", test_rotation);
  ADD ("usage", test_usage);
#undef ADD
  return g_test_run ();
}
