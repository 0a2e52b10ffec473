/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-util.c — small helpers shared by the test programs */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "sp-core.h"
#include "sp-import.h"
#include "sp-offer-private.h"
#include "sp-programme.h"
#include "sp-purchase.h"
#include "sp-test-util.h"

char *
sp_test_catalog (const char *relative)
{
  const char *dir = g_getenv ("SUANPAN_SHARED_CATALOGS");
  g_autofree char *path = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/catalogs is absent: the recorded vendor catalogs are not "
                   "available in this checkout, so this test cannot run");
      return NULL;
    }
  path = g_build_filename (dir, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *msg = g_strdup_printf ("recorded catalog %s is missing", path);
      g_test_skip (msg);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
remove_recursive (GFile *file)
{
  g_autoptr(GFileEnumerator) en = NULL;

  en = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                  G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (en != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (en, &info, &child, NULL, NULL) && info != NULL)
        {
          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            remove_recursive (child);
          else
            g_file_delete (child, NULL, NULL);
        }
    }
  g_file_delete (file, NULL, NULL);
}

char *
sp_test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("suanpan-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
sp_test_tmpdir_free (char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  remove_recursive (file);
  g_free (path);
}

SpTestDir *
sp_test_dir_new (void)
{
  SpTestDir *dir = g_new0 (SpTestDir, 1);

  dir->path = sp_test_tmpdir_new ();
  return dir;
}

void
sp_test_dir_free (SpTestDir *dir)
{
  if (dir == NULL)
    return;
  sp_test_tmpdir_free (dir->path);
  g_free (dir);
}

char *
sp_test_dir_db (SpTestDir *dir)
{
  return g_build_filename (dir->path, "suanpan.db", NULL);
}

SpStore *
sp_test_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

sqlite3 *
sp_test_sql_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                    NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

void
sp_test_sql_exec (sqlite3    *db,
                  const char *sql)
{
  char *err = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("SQL failed: %s\n  in: %.200s", err, sql);
}

static sqlite3_stmt *
sql_first_row (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

gint64
sp_test_sql_int (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = sql_first_row (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

char *
sp_test_sql_text (sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = sql_first_row (db, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

static gint64
sql_int_at (const char *path,
            const char *sql,
            gboolean    need_row)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  if (need_row)
    g_assert_cmpint (rc, ==, SQLITE_ROW);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

gint64
sp_test_sql_int_at (const char *path,
                    const char *sql)
{
  return sql_int_at (path, sql, TRUE);
}

gint64
sp_test_sql_count (const char *path,
                   const char *sql)
{
  return sql_int_at (path, sql, FALSE);
}

char *
sp_test_read_file (const char *path, gsize *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

char *
sp_test_source_path (const char *relative)
{
  const char *root = g_getenv ("SUANPAN_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

int
sp_test_run_cli (const char * const *argv, char **out, char **err)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("SUANPAN_CLI");
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

JsonNode *
sp_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
sp_test_json_find (JsonArray  *array,
                   const char *member,
                   const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member (o, member), value) == 0)
        return o;
    }
  return NULL;
}

int
sp_test_run_cli_in (const char         *dir,
                    const char         *command,
                    const char * const *args,
                    char              **out,
                    char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, (char *) dir);
  if (command != NULL)
    g_ptr_array_add (argv, (char *) command);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return sp_test_run_cli ((const char * const *) argv->pdata, out, err);
}

char *
sp_test_run_cli_ok (const char         *dir,
                    const char         *command,
                    const char * const *args)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = sp_test_run_cli_in (dir, command, args, &out, &err);

  if (status != 0)
    g_printerr ("stderr: %s\n", err);
  g_assert_cmpint (status, ==, 0);
  return out;
}

void
sp_test_ledger_add (const char *dir,
                    const char *date,
                    const char *vendor,
                    const char *item,
                    const char *kind,
                    const char *quantity,
                    const char *unit,
                    const char *amount,
                    const char *extra1,
                    const char *extra2)
{
  g_autofree char *d = g_strconcat ("--date=", date, NULL);
  g_autofree char *v = g_strconcat ("--vendor=", vendor, NULL);
  g_autofree char *i = g_strconcat ("--item=", item, NULL);
  g_autofree char *k = g_strconcat ("--kind=", kind, NULL);
  g_autofree char *q = g_strconcat ("--quantity=", quantity, NULL);
  g_autofree char *u = g_strconcat ("--unit=", unit, NULL);
  g_autofree char *a = g_strconcat ("--amount=", amount, NULL);
  g_autofree char *out = NULL;

  out = sp_test_run_cli_ok (dir, NULL, (const char *[]) {
                              "ledger", "add", d, v, i, k, q, u, a, "--currency=CNY",
                              extra1 != NULL ? extra1 : "--json",
                              extra2 != NULL ? extra2 : "--json", NULL });
}

char *
sp_test_find_catalog_dir (const char *arg,
                          const char *built_in)
{
  const char *candidates[3];
  guint n = 0;

  if (arg != NULL)
    return g_file_test (arg, G_FILE_TEST_IS_DIR) ? g_canonicalize_filename (arg, NULL) : NULL;
  if (g_getenv ("SUANPAN_SHARED_CATALOGS") != NULL)
    candidates[n++] = g_getenv ("SUANPAN_SHARED_CATALOGS");
  if (built_in != NULL)
    candidates[n++] = built_in;
  candidates[n++] = "../shared/catalogs";

  for (guint i = 0; i < n; i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_canonicalize_filename (candidates[i], NULL);
  return NULL;
}

SpMoney
sp_test_money (const char *text)
{
  SpMoney value = 0;

  g_assert_true (sp_money_parse (text, &value, NULL));
  return value;
}

guint32
sp_test_day (const char *iso)
{
  guint32 julian = 0;

  g_assert_true (sp_date_parse_iso (iso, &julian));
  return julian;
}

GPtrArray *
sp_test_parse_offers (const char *data,
                      gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;

  result = sp_import_parse (data, len, SP_FEED_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_ptr_array_ref (sp_import_result_get_offers (result));
}

GPtrArray *
sp_test_source_offers (const char *relative)
{
  g_autofree char *path = sp_test_source_path (relative);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  return sp_test_parse_offers (data, len);
}

void
sp_test_feed_fixture_set_up (SpTestFeedFixture *fixture,
                             gconstpointer      feed)
{
  g_autofree char *path = sp_test_source_path (feed);
  g_autofree char *out = NULL;

  fixture->dir = sp_test_dir_new ();
  out = sp_test_run_cli_ok (fixture->dir->path, "import", (const char *[]) { path, NULL });
}

void
sp_test_feed_fixture_tear_down (SpTestFeedFixture *fixture,
                                gconstpointer      feed)
{
  sp_test_dir_free (fixture->dir);
}

SpOffer *
sp_test_find_offer (SpImportResult *result,
                    const char     *id)
{
  GPtrArray *offers = sp_import_result_get_offers (result);

  for (guint i = 0; i < offers->len; i++)
    if (g_strcmp0 (sp_offer_get_id (offers->pdata[i]), id) == 0)
      return offers->pdata[i];
  return NULL;
}

static const SpImportSkip *
find_skip (SpImportResult *result,
           const char     *key,
           guint           row)
{
  GArray *skips = sp_import_result_get_skips (result);

  for (guint i = 0; i < skips->len; i++)
    {
      const SpImportSkip *skip = &g_array_index (skips, SpImportSkip, i);

      if (key != NULL ? g_strcmp0 (skip->key, key) == 0 : skip->row == row)
        return skip;
    }
  return NULL;
}

const SpImportSkip *
sp_test_find_skip (SpImportResult *result,
                   const char     *key)
{
  return find_skip (result, key, 0);
}

const SpImportSkip *
sp_test_find_skip_row (SpImportResult *result,
                       guint           row)
{
  return find_skip (result, NULL, row);
}

SpImportResult *
sp_test_import_catalog (const char   *relative,
                        SpFeedFormat  format,
                        const char   *source,
                        SpFeedFormat  expected)
{
  g_autofree char *path = sp_test_catalog (relative);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  SpImportResult *result;
  gsize len;

  if (path == NULL)
    return NULL;
  data = sp_test_read_file (path, &len);
  /* the format is found by --format auto too */
  if (format == SP_FEED_FORMAT_AUTO)
    g_assert_cmpint (sp_feed_format_detect (data, len, path), ==, expected);
  result = sp_import_parse (data, len, format, source, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (sp_import_result_get_format (result), ==, expected);
  return result;
}

void
sp_test_assert_tier (SpOffer *offer,
                     guint    index,
                     gint64   above,
                     SpMoney  input,
                     SpMoney  output,
                     SpMoney  cached)
{
  SpTokenTier *tier;

  g_assert_nonnull (offer->tiers);
  g_assert_cmpuint (index, <, offer->tiers->len);
  tier = &g_array_index (offer->tiers, SpTokenTier, index);
  g_assert_cmpint (tier->above_tokens, ==, above);
  g_assert_cmpint (tier->input, ==, input);
  g_assert_cmpint (tier->output, ==, output);
  g_assert_cmpint (tier->cached_input, ==, cached);
}

void
sp_test_async_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
sp_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
sp_test_median (double *v,
                int     n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void
sp_test_init_core (int    *argc,
                   char ***argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, NULL);
  sp_core_init ();
}

void
sp_test_init_cli_en (int    *argc,
                     char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);
}

GPtrArray *
sp_test_shipped_programmes (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = sp_programme_list_shipped (&error);

  g_assert_no_error (error);
  return list;
}

int
sp_test_run_with_programmes (GPtrArray **programmes)
{
  int status;

  *programmes = sp_test_shipped_programmes ();
  status = g_test_run ();
  g_clear_pointer (programmes, g_ptr_array_unref);
  return status;
}

SpWallet *
sp_test_wallet_new (GPtrArray *programmes)
{
  SpWallet *wallet = sp_wallet_new ();

  sp_wallet_add_programmes (wallet, programmes);
  return wallet;
}
