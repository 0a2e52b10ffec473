/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-migrations.c — the one migration sequence (sp-database-migrations.c)
 *
 * Every released schema — store 0-4 (PRAGMA user_version) with ledger 0-3
 * (its old counter in ledger_meta) — is built in a real file from the
 * released SQL (the migration resources, byte for byte what the releases
 * ran), filled with data after each step as the app wrote it, then opened by
 * this build: it must end at the current version with every row kept and a
 * schema identical to a fresh file's.  A file from a newer Suanpan is
 * refused and left untouched. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sqlite3.h>

#include "sp-core.h"
#include "sp-database.h"
#include "sp-offer-private.h"
#include "sp-test-util.h"

/* What the app had written after each store step (1-4) */
static const char * const store_data[] = {
  /* 1 */
  "INSERT INTO meta (key, value) VALUES ('demo-seeded', '1');"
  "INSERT INTO sources (name, format, vendor_name, imported_at, generated_at, rows_read, "
  "  rows_skipped) VALUES ('fixture', 'suanpan', 'Fixture', 1000, 0, 2, 0);"
  "INSERT INTO offers (source, id, vendor_id, vendor_name, kind, name, model, billing, "
  "  currency, tax, input_price, output_price, fapiao, fetched_at) VALUES "
  "  ('fixture', 'tok-1', 'acme', 'Acme', 'tokens', 'Tok', 'tok', 'on-demand', 'CNY', "
  "   'excluded', 2000000, 8000000, 'none', 1000),"
  "  ('fixture', 'tok-2', 'acme', 'Acme', 'tokens', 'Tok 2', 'tok-2', 'on-demand', 'CNY', "
  "   'excluded', 1000000, 4000000, 'none', 1000);"
  "INSERT INTO price_history (source, offer_id, observed_at, currency, input_price, "
  "  output_price) VALUES ('fixture', 'tok-1', 900, 'CNY', 3000000, 9000000),"
  "  ('fixture', 'tok-1', 1000, 'CNY', 2000000, 8000000),"
  "  ('fixture', 'tok-2', 1000, 'CNY', 1000000, 4000000);",
  /* 2 */
  "UPDATE sources SET url = 'http://127.0.0.1:9/feed.json', etag = '\"v1\"' "
  "WHERE name = 'fixture';",
  /* 3 */
  "INSERT INTO vouchers (code, kind, label, face_value, balance, currency, added_at) "
  "VALUES ('PRE-1', 'prepaid', 'Prepaid', 100000000, 80000000, 'CNY', 1000);",
  /* 4 */
  "INSERT INTO watchlist (kind, source, key, added_at) VALUES ('offer', 'fixture', 'tok-1', 1000);"
  "UPDATE offers SET verified_at = '2026-01-01' WHERE id = 'tok-1';"
  /* every field that schema 8 keeps in offers.details, with a quote, a
   * backslash and a line end in the texts */
  "UPDATE offers SET min_commitment = '1 \"month\"', tiers = '[[128000,2000000,null,null]]', "
  "  valid_from = 100, valid_to = 200, storage_stopped_gb_month = 7000, egress_gb = 8000, "
  "  min_billing_seconds = 60, note = 'a\\b\nc', price_source_url = 'https://example.com/p', "
  "  verified_at = '2026-02-02', attribution = 'Data: Example', cache_write_price = 9000, "
  "  variants = '[[\"time-of-day\",1,0,0,500000,2000000,null,null]]', host_price = 10000 "
  "WHERE id = 'tok-2';",
};

/* What the app had written after each ledger step (1-3) */
static const char * const ledger_data[] = {
  /* 1 */
  "INSERT INTO ledger_entries (date, month, vendor, item, kind, quantity, unit, "
  "  list_amount, platform_discount, subsidy, prepaid, paid, currency, rate_usd_cny, "
  "  rate_date, category, created_at, updated_at) VALUES "
  "  ('2026-01-05', '2026-01', 'AutoDL', 'A100', 'gpu', 2000000, 'card-hour', "
  "   120000000, 10000000, 30000000, 0, 80000000, 'CNY', 7200000, '2026-01-01', 'p', 1, 1);",
  /* 2 */
  "INSERT INTO ledger_entries (date, month, vendor, item, kind, quantity, unit, "
  "  list_amount, platform_discount, subsidy, prepaid, paid, currency, rate_usd_cny, "
  "  created_at, updated_at, deleted_at) VALUES "
  "  ('2026-02-06', '2026-02', 'RunPod', 'H100', 'gpu', 1000000, 'card-hour', "
  "   5000000, 0, 0, 0, 5000000, 'USD', 7200000, 1, 1, 2);",
  /* 3 */
  "INSERT INTO ledger_groups (vendor, item, group_id) VALUES ('AutoDL', 'A100', 'gpu:A100:80');",
};

/* The schema as a restore compares it: tables and typed columns, and the
 * texts of indexes, triggers and views. */
static char *
schema_dump (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT t.type, t.name, coalesce (c.name, ''), coalesce (c.type, ''), "
                   "CASE WHEN t.type = 'table' THEN '' ELSE coalesce (t.sql, '') END "
                   "FROM sqlite_schema t LEFT JOIN pragma_table_info (t.name) c "
                   "ON t.type = 'table' WHERE t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                   "ORDER BY t.type, t.name, c.name", -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    for (int i = 0; i < 5; i++)
      g_string_append_printf (out, "%s%c", sqlite3_column_text (st, i), i == 4 ? '\n' : '|');
  sqlite3_finalize (st);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
migration_sql (guint n)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *prefix = g_strdup_printf ("%04u-", n);
  g_autofree char *path = NULL;
  gsize size;
  const char *data;

  sp_core_init ();
  names = g_resources_enumerate_children ("/io/github/suanpan/Suanpan/core/sql",
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL && path == NULL; i++)
    if (g_str_has_prefix (names[i], prefix))
      path = g_strconcat ("/io/github/suanpan/Suanpan/core/sql/", names[i], NULL);
  g_assert_nonnull (path);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/* A file as a release with store schema @store and ledger schema @ledger
 * left it (journal DELETE: all of it in the one file). */
static void
build_fixture (const char *path,
               guint       store,
               guint       ledger)
{
  sqlite3 *db = NULL;
  g_autofree char *version = g_strdup_printf ("PRAGMA user_version = %u", store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sp_test_sql_exec (db, "PRAGMA application_id = 1397771825");
  for (guint i = 1; i <= store; i++)
    {
      g_autofree char *sql = migration_sql (i);

      sp_test_sql_exec (db, sql);
      sp_test_sql_exec (db, store_data[i - 1]);
    }
  sp_test_sql_exec (db, version);
  for (guint i = 1; i <= ledger; i++)
    {
      g_autofree char *sql = migration_sql (4 + i);

      sp_test_sql_exec (db, sql);
      sp_test_sql_exec (db, ledger_data[i - 1]);
    }
  if (ledger >= 3)
    sp_test_sql_exec (db, "UPDATE ledger_entries SET uid = 'u' || id WHERE uid IS NULL");
  sqlite3_close (db);
  g_assert_cmpint (sp_test_sql_int_at (path, "PRAGMA user_version"), ==, store);
}

/* The fields store step 4 set read back the same after migration 8
 * (offers.details) */
static void
check_offer_details (SpStore *st)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOffer) plain = sp_store_load_offer (st, "fixture", "tok-1", &error);
  g_autoptr(SpOffer) o = NULL;
  SpTokenTier *tier;
  SpPriceVariant *variant;

  g_assert_no_error (error);
  g_assert_cmpstr (plain->verified_at, ==, "2026-01-01");
  g_assert_null (plain->note);
  g_assert_null (plain->tiers);
  g_assert_cmpint (plain->tax, ==, SP_TAX_EXCLUDED);
  g_assert_cmpint (plain->fapiao, ==, SP_FAPIAO_NONE);
  g_assert_cmpint (plain->host_price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (plain->valid_to, ==, 0);

  o = sp_store_load_offer (st, "fixture", "tok-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (o->name, ==, "Tok 2");
  g_assert_cmpint (o->input_price, ==, 1000000);
  g_assert_cmpstr (o->min_commitment, ==, "1 \"month\"");
  g_assert_cmpint (o->tax, ==, SP_TAX_EXCLUDED);
  g_assert_cmpint (o->fapiao, ==, SP_FAPIAO_NONE);
  g_assert_cmpuint (o->tiers->len, ==, 1);
  tier = &g_array_index (o->tiers, SpTokenTier, 0);
  g_assert_cmpint (tier->above_tokens, ==, 128000);
  g_assert_cmpint (tier->input, ==, 2000000);
  g_assert_cmpint (tier->output, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (o->valid_from, ==, 100);
  g_assert_cmpint (o->valid_to, ==, 200);
  g_assert_cmpint (o->storage_stopped_gb_month, ==, 7000);
  g_assert_cmpint (o->egress_gb, ==, 8000);
  g_assert_cmpuint (o->min_billing_seconds, ==, 60);
  g_assert_cmpstr (o->note, ==, "a\\b\nc");
  g_assert_cmpstr (o->price_source_url, ==, "https://example.com/p");
  g_assert_cmpstr (o->verified_at, ==, "2026-02-02");
  g_assert_cmpstr (o->attribution, ==, "Data: Example");
  g_assert_cmpint (o->cache_write_price, ==, 9000);
  g_assert_cmpuint (o->variants->len, ==, 1);
  variant = &g_array_index (o->variants, SpPriceVariant, 0);
  g_assert_true (variant->off_peak);
  g_assert_cmpint (variant->input, ==, 500000);
  g_assert_cmpint (variant->cache_write, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (o->host_price, ==, 10000);
}

static void
check_migrated (const char *path,
                guint       store,
                guint       ledger,
                const char *fresh_schema)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) st = sp_store_open (path, &error);
  g_autoptr(SpLedger) lg = NULL;
  g_autofree char *schema = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (st), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int_at (path, "PRAGMA user_version"), ==, SP_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT value FROM ledger_meta WHERE key = 'schema_version'"),
                   ==, SP_LEDGER_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int_at (path, "PRAGMA application_id"), ==, SP_DATABASE_APPLICATION_ID);

  if (store >= 1)
    {
      g_autoptr(GArray) history = sp_store_price_history (st, "fixture", "tok-1", &error);
      g_autofree char *seeded = sp_store_get_meta (st, "demo-seeded");

      g_assert_no_error (error);
      g_assert_cmpuint (sp_store_count_offers (st, NULL), ==, 2);
      g_assert_cmpuint (history->len, ==, 2);
      g_assert_cmpint (g_array_index (history, SpPricePoint, 0).observed_at, ==, 900);
      g_assert_cmpint (g_array_index (history, SpPricePoint, 0).input_price, ==, 3000000);
      g_assert_cmpint (g_array_index (history, SpPricePoint, 1).output_price, ==, 8000000);
      g_assert_cmpstr (seeded, ==, "1");
    }
  else
    g_assert_cmpuint (sp_store_count_offers (st, NULL), ==, 0);
  if (store >= 2)
    {
      g_autoptr(SpSource) source = sp_store_get_source (st, "fixture", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (sp_source_get_url (source), ==, "http://127.0.0.1:9/feed.json");
    }
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM vouchers WHERE balance = 80000000"),
                   ==, store >= 3 ? 1 : 0);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM watchlist"), ==, store >= 4 ? 1 : 0);
  if (store >= 4)
    check_offer_details (st);

  lg = sp_ledger_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_ledger_get_schema_version (lg), ==, SP_LEDGER_SCHEMA_VERSION);
  g_assert_cmpuint (sp_ledger_count (lg), ==, ledger >= 1 ? 1 : 0);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM ledger_entries"), ==, MIN (ledger, 2));
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM ledger_entries "
                            "WHERE uid IS NULL OR month_key <> CAST (replace (month, '-', '') AS INTEGER)"),
                   ==, 0);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM ledger_groups"), ==, ledger >= 3 ? 1 : 0);
  if (ledger >= 1)
    {
      g_autoptr(GPtrArray) rows = sp_ledger_monthly (lg, "2026-01", "2026-01",
                                                     SP_LEDGER_BY_VENDOR, "CNY", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_cmpint (((SpLedgerMonthlyRow *) g_ptr_array_index (rows, 0))->paid, ==, 80000000);
    }

  schema = schema_dump (path);
  g_assert_cmpstr (schema, ==, fresh_schema);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM pragma_integrity_check "
                            "WHERE integrity_check <> 'ok'"), ==, 0);
}

/* Every released pair: store 0-4 × ledger 0-3 */
static void
test_every_released_schema (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *fresh = g_build_filename (dir->path, "fresh.db", NULL);
  g_autofree char *fresh_schema = NULL;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) st = sp_store_open (fresh, &error);

    g_assert_no_error (error);
  }
  fresh_schema = schema_dump (fresh);

  for (guint store = 0; store <= 4; store++)
    for (guint ledger = 0; ledger <= 3; ledger++)
      {
        g_autofree char *name = g_strdup_printf ("store%u-ledger%u.db", store, ledger);
        g_autofree char *path = g_build_filename (dir->path, name, NULL);

        if (store == 0 && ledger == 0)
          continue;  /* a new file: the fresh one */
        g_test_message ("store %u, ledger %u", store, ledger);
        build_fixture (path, store, ledger);
        check_migrated (path, store, ledger, fresh_schema);
        /* opened again: nothing more to do, nothing changes */
        check_migrated (path, store, ledger, fresh_schema);
      }
}

/* The ledger opened first on an old store file migrates it all the same. */
static void
test_ledger_opens_old_store (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) lg = NULL;

  build_fixture (path, 3, 2);
  lg = sp_ledger_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_sql_int_at (path, "PRAGMA user_version"), ==, SP_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int_at (path, "SELECT count(*) FROM watchlist"), ==, 0);
  g_assert_cmpuint (sp_ledger_count (lg), ==, 1);
}

static GBytes *
file_bytes (const char *path)
{
  gsize len = 0;
  char *data = sp_test_read_file (path, &len);

  return g_bytes_new_take (data, len);
}

/* A file a newer Suanpan wrote (a larger user_version, or a larger ledger
 * counter) is refused by the store and the ledger, byte for byte untouched. */
static void
test_newer_refused_untouched (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  const char *newer[] = {
    "PRAGMA user_version = 10",
    "UPDATE ledger_meta SET value = '4' WHERE key = 'schema_version'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (newer); i++)
    {
      g_autofree char *name = g_strdup_printf ("newer%u.db", i);
      g_autofree char *path = g_build_filename (dir->path, name, NULL);
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SpStore) st = NULL;
      g_autoptr(SpLedger) lg = NULL;
      sqlite3 *db = NULL;

      build_fixture (path, 4, 3);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      sp_test_sql_exec (db, newer[i]);
      sqlite3_close (db);
      before = file_bytes (path);

      st = sp_store_open (path, &error);
      g_assert_null (st);
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NEWER);
      g_assert_nonnull (strstr (error->message, "newer version of Suanpan"));
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);

      lg = sp_ledger_open (path, &error);
      g_assert_null (lg);
      g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NEWER);
      g_clear_error (&error);

      /* the command line says so in one translated line, and exits */
      {
        g_autofree char *data_dir = g_strconcat (path, "-data", NULL);
        g_autofree char *data_db = g_build_filename (data_dir, "suanpan.db", NULL);
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        gsize len = 0;
        g_autofree char *copy = NULL;

        g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
        copy = sp_test_read_file (path, &len);
        g_assert_true (g_file_set_contents (data_db, copy, (gssize) len, NULL));
        g_setenv ("LANGUAGE", "zh_CN", TRUE);
        g_assert_cmpint (sp_test_run_cli_in (data_dir, "offers", (const char *[]) { NULL },
                                             &out, &err), !=, 0);
        g_setenv ("LANGUAGE", "en", TRUE);
        g_assert_nonnull (strstr (err, "由更新版本的算盘"));
        g_assert_null (strchr (g_strchomp (err), '\n'));
        {
          g_autofree char *again = NULL;
          gsize again_len = 0;

          again = sp_test_read_file (data_db, &again_len);
          g_assert_cmpmem (again, again_len, copy, len);
        }
      }

      after = file_bytes (path);
      g_assert_true (g_bytes_equal (before, after));
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);

        g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      }
    }
}

/* SpDatabase's own API: statements cached by text, transactions. */
static void
test_database_api (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "api.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDatabase) database = sp_database_open (path, &error);
  sqlite3_stmt *a, *b;
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_cmpint (sp_database_get_schema_version (database), ==, SP_DATABASE_SCHEMA_VERSION);
  g_assert_true (sp_database_query_int (database, "PRAGMA synchronous", &n, &error));
  g_assert_cmpint (n, ==, 2);  /* FULL */
  g_assert_true (sp_database_query_int (database, "PRAGMA foreign_keys", &n, &error));
  g_assert_cmpint (n, ==, 1);

  a = sp_database_get_statement (database, "INSERT INTO meta (key, value) VALUES (?1, 'x')", &error);
  g_assert_no_error (error);
  b = sp_database_get_statement (database, "INSERT INTO meta (key, value) VALUES (?1, 'x')", &error);
  g_assert_true (a == b);

  g_assert_true (sp_database_begin (database, &error));
  g_assert_true (sp_database_in_transaction (database));
  sqlite3_bind_text (a, 1, "k1", -1, SQLITE_STATIC);
  g_assert_true (sp_database_run (database, a, &error));
  sp_database_rollback (database);
  g_assert_false (sp_database_in_transaction (database));
  g_assert_true (sp_database_query_int (database, "SELECT count(*) FROM meta", &n, &error));
  g_assert_cmpint (n, ==, 0);

  g_assert_true (sp_database_begin (database, &error));
  sqlite3_bind_text (a, 1, "k2", -1, SQLITE_STATIC);
  g_assert_true (sp_database_run (database, a, &error));
  g_assert_true (sp_database_commit (database, &error));
  g_assert_true (sp_database_query_int (database, "SELECT count(*) FROM meta", &n, &error));
  g_assert_cmpint (n, ==, 1);

  /* the same key again: a constraint error in our domain, the statement reusable */
  sqlite3_bind_text (a, 1, "k2", -1, SQLITE_STATIC);
  g_assert_false (sp_database_run (database, a, &error));
  g_assert_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_SQL);
  g_clear_error (&error);
  g_assert_null (sp_database_get_statement (database, "SELECT nonsense FROM nowhere", &error));
  g_assert_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_SQL);
}

int
main (int argc, char **argv)
{
  sp_test_init_core (&argc, &argv);

  g_test_add_func ("/core/database/migrations/every-released-schema", test_every_released_schema);
  g_test_add_func ("/core/database/migrations/ledger-opens-old-store", test_ledger_opens_old_store);
  g_test_add_func ("/core/database/migrations/newer-refused-untouched", test_newer_refused_untouched);
  g_test_add_func ("/core/database/api", test_database_api);
  return g_test_run ();
}
