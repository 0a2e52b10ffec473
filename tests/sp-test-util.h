/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-util.h — small helpers shared by the test programs */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sp-import.h"
#include "sp-money.h"
#include "sp-store.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

/* Path of a file under ../shared/catalogs (e.g. "litellm/model_prices_and_context_window.json"),
 * or NULL after calling g_test_skip() with a clear message when the folder is absent.
 * Use:  g_autofree char *p = sp_test_catalog ("…"); if (!p) return; */
char  *sp_test_catalog          (const char *relative);

/* A fresh temporary directory for one test; removed (recursively) by
 * sp_test_tmpdir_free().  */
char  *sp_test_tmpdir_new       (void);
void   sp_test_tmpdir_free      (char *path);

typedef struct { char *path; } SpTestDir;
SpTestDir *sp_test_dir_new  (void);
void       sp_test_dir_free (SpTestDir *dir);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpTestDir, sp_test_dir_free)

/* "suanpan.db" in @dir (a new string). */
char      *sp_test_dir_db       (SpTestDir *dir);
/* The store at @path; asserts it opens. */
SpStore   *sp_test_open_store   (const char *path);

/* A separate, raw SQLite connection to inspect or tamper with a file
 * (read-write, created when missing, 5 s busy timeout); close it with
 * sqlite3_close().  The queries assert that @sql runs and gives a row. */
sqlite3   *sp_test_sql_open     (const char *path);
void       sp_test_sql_exec     (sqlite3 *db, const char *sql);
gint64     sp_test_sql_int      (sqlite3 *db, const char *sql);
/* The first column of the first row as text, NULL for an SQL NULL. */
char      *sp_test_sql_text     (sqlite3 *db, const char *sql);
/* sp_test_sql_int() on a read-only connection of its own to @path. */
gint64     sp_test_sql_int_at   (const char *path, const char *sql);
/* The same, but -1 when @sql gives no row. */
gint64     sp_test_sql_count    (const char *path, const char *sql);

/* Whole file contents; aborts the test on error. */
char  *sp_test_read_file        (const char *path, gsize *len);
/* Path of a file in the source tree (relative to the project root). */
char  *sp_test_source_path      (const char *relative);

/* Run the command line front end with @argv (NULL-terminated, without the
 * program name).  Returns the exit status; stdout/stderr are returned. */
int    sp_test_run_cli          (const char * const *argv, char **out, char **err);
/* The same with "--data-dir @dir", then @command (unless NULL), then @args
 * (NULL-terminated). */
int    sp_test_run_cli_in       (const char *dir, const char *command,
                                 const char * const *args, char **out, char **err);

/* @text parsed as money (sp_money_parse), asserting it parses. */
SpMoney sp_test_money           (const char *text);
/* The Julian day of ISO date @iso (sp_date_parse_iso), asserting it parses. */
guint32 sp_test_day             (const char *iso);

/* The offers of feed @data (any format sp_import_parse() detects),
 * asserting it parses; a new reference. */
GPtrArray *sp_test_parse_offers  (const char *data, gsize len);
/* The same for the feed file @relative in the source tree. */
GPtrArray *sp_test_source_offers (const char *relative);

/* sp_test_run_cli_in() that must succeed (else it prints stderr and fails
 * the test); returns stdout. */
char  *sp_test_run_cli_ok       (const char *dir, const char *command,
                                 const char * const *args);
/* "suanpan-cli ledger add" of one purchase in CNY, with up to two more
 * options (NULL for none). */
void   sp_test_ledger_add       (const char *dir, const char *date, const char *vendor,
                                 const char *item, const char *kind, const char *quantity,
                                 const char *unit, const char *amount,
                                 const char *extra1, const char *extra2);

/* The recorded catalogs' folder for a benchmark: @arg when given (NULL if
 * it is not a folder), else $SUANPAN_SHARED_CATALOGS, @built_in (may be
 * NULL) or ../shared/catalogs, whichever exists first; canonical. */
char  *sp_test_find_catalog_dir (const char *arg, const char *built_in);

/* A test fixture: a fresh data folder into which the CLI imported the feed
 * file whose source-tree path is the test's data (g_test_add). */
typedef struct { SpTestDir *dir; } SpTestFeedFixture;
void   sp_test_feed_fixture_set_up    (SpTestFeedFixture *fixture, gconstpointer feed);
void   sp_test_feed_fixture_tear_down (SpTestFeedFixture *fixture, gconstpointer feed);

/* The recorded catalog @relative (see sp_test_catalog(): NULL after a skip)
 * parsed as @format for @source (may be NULL), asserting that it parses as
 * @expected; with SP_FEED_FORMAT_AUTO, also that @expected is detected. */
SpImportResult     *sp_test_import_catalog (const char *relative, SpFeedFormat format,
                                            const char *source, SpFeedFormat expected);
/* The offer of @result with id @id, or NULL. */
SpOffer            *sp_test_find_offer    (SpImportResult *result, const char *id);
/* The (first) skip of @result for @key, or for row @row; NULL if none. */
const SpImportSkip *sp_test_find_skip     (SpImportResult *result, const char *key);
const SpImportSkip *sp_test_find_skip_row (SpImportResult *result, guint row);
/* Asserts that token tier @index of @offer starts above @above tokens with
 * these input, output and cached-input prices. */
void                sp_test_assert_tier   (SpOffer *offer, guint index, gint64 above,
                                           SpMoney input, SpMoney output, SpMoney cached);

/* An async callback that keeps a reference to the result in *@user_data
 * (a GAsyncResult **), and the loop that waits for it. */
void          sp_test_async_done (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *sp_test_wait_for   (GAsyncResult **slot);

/* The median of the @n values of @v (sorts @v), for benchmarks. */
double sp_test_median           (double *v, int n);

/* The start of a core test program in English: LANGUAGE=en, the C.UTF-8
 * locale, g_test_init() and sp_core_init(). */
void       sp_test_init_core          (int *argc, char ***argv);
/* The start of a CLI test program whose assertions read English messages:
 * g_test_init(), then LANGUAGE=en (for the suanpan-cli it runs). */
void       sp_test_init_cli_en        (int *argc, char ***argv);
/* The shipped voucher programmes (a new array), asserting they load. */
GPtrArray *sp_test_shipped_programmes (void);
/* g_test_run() with *@programmes set to sp_test_shipped_programmes() while
 * the tests run (and cleared after); returns its status. */
int        sp_test_run_with_programmes (GPtrArray **programmes);
/* A new empty wallet that knows @programmes (element type SpProgramme) */
SpWallet  *sp_test_wallet_new         (GPtrArray *programmes);

/* The root of JSON @text (a copy; free with json_node_unref); asserts it parses. */
JsonNode   *sp_test_parse_json      (const char *text);
/* The first object of @array whose string @member is @value, or NULL. */
JsonObject *sp_test_json_find       (JsonArray *array, const char *member, const char *value);

/* SQL that undoes store migration 8 -> 9 (the offer table's cache,
 * data/sql/0009-offer-table-cache.sql). */
#define SP_TEST_UNDO_STORE_MIGRATION_9                                        \
  "DROP TABLE offer_table_cache;"                                             \
  "DELETE FROM meta WHERE key = 'offers_generation';"

/* SQL that undoes store migration 7 -> 8 (offers.details back into the
 * columns of schema 7, data/sql/0008-offers-details.sql), after 9. */
#define SP_TEST_UNDO_STORE_MIGRATION_8                                        \
  SP_TEST_UNDO_STORE_MIGRATION_9                                              \
  "DROP VIEW price_history;"                                                  \
  "ALTER TABLE offers RENAME TO offers_0008;"                                 \
  "CREATE TABLE offers (source TEXT NOT NULL REFERENCES sources (name)"       \
  "  ON DELETE CASCADE, id TEXT NOT NULL, vendor_id TEXT, vendor_name TEXT,"  \
  "  vendor_name_zh TEXT, kind TEXT NOT NULL, name TEXT, model TEXT,"         \
  "  gpu_model TEXT, gpu_count INTEGER NOT NULL DEFAULT 0,"                   \
  "  gpu_memory_gb INTEGER NOT NULL DEFAULT 0,"                               \
  "  vcpus_milli INTEGER NOT NULL DEFAULT 0,"                                 \
  "  ram_mib INTEGER NOT NULL DEFAULT 0, region TEXT, billing TEXT NOT NULL," \
  "  min_commitment TEXT, currency TEXT, tax TEXT NOT NULL, price INTEGER,"   \
  "  input_price INTEGER, output_price INTEGER, cached_input_price INTEGER,"  \
  "  context_window INTEGER NOT NULL DEFAULT 0, tiers TEXT, list_price TEXT," \
  "  list_unit TEXT, valid_from INTEGER NOT NULL DEFAULT 0,"                  \
  "  valid_to INTEGER NOT NULL DEFAULT 0, storage_stopped_gb_month INTEGER,"  \
  "  egress_gb INTEGER, min_billing_seconds INTEGER NOT NULL DEFAULT 0,"      \
  "  voucher_programmes TEXT, fapiao TEXT NOT NULL, note TEXT,"               \
  "  demo INTEGER NOT NULL DEFAULT 0, fetched_at INTEGER NOT NULL DEFAULT 0," \
  "  price_source_url TEXT, verified_at TEXT,"                                \
  "  retired INTEGER NOT NULL DEFAULT 0, attribution TEXT,"                   \
  "  cache_write_price INTEGER, variants TEXT, gpu_fraction TEXT, host TEXT," \
  "  host_price INTEGER, price_since INTEGER, PRIMARY KEY (source, id))"      \
  "  WITHOUT ROWID;"                                                          \
  "INSERT INTO offers SELECT source, id, vendor_id, vendor_name,"             \
  "  vendor_name_zh, kind, name, model, gpu_model, gpu_count, gpu_memory_gb," \
  "  vcpus_milli, ram_mib, region, billing,"                                  \
  "  details ->> '$.min_commitment', currency,"                               \
  "  coalesce (details ->> '$.tax', 'unknown'), price, input_price,"          \
  "  output_price, cached_input_price, context_window, details -> '$.tiers'," \
  "  list_price, list_unit, coalesce (details ->> '$.valid_from', 0),"        \
  "  coalesce (details ->> '$.valid_to', 0),"                                 \
  "  details ->> '$.storage_stopped_gb_month', details ->> '$.egress_gb',"    \
  "  coalesce (details ->> '$.min_billing_seconds', 0), voucher_programmes,"  \
  "  coalesce (details ->> '$.fapiao', 'unknown'), details ->> '$.note',"     \
  "  demo, fetched_at, details ->> '$.price_source_url',"                     \
  "  details ->> '$.verified_at', retired, details ->> '$.attribution',"      \
  "  details ->> '$.cache_write_price', details -> '$.variants',"             \
  "  gpu_fraction, host, details ->> '$.host_price', price_since"             \
  "  FROM offers_0008;"                                                       \
  "DROP TABLE offers_0008;"                                                   \
  "CREATE VIEW price_history AS SELECT source, offer_id, observed_at,"        \
  "  currency, price, input_price, output_price, cached_input_price"          \
  "  FROM price_points UNION ALL SELECT source, id, price_since, currency,"   \
  "  price, input_price, output_price, cached_input_price FROM offers"        \
  "  WHERE price_since IS NOT NULL;"

/* SQL that undoes store migration 3 -> 4 (what every part of issue 13 added),
 * for tests that take a database of the current schema back to schema 3 as
 * released (migration 8 undone first).  Add a new migration-4 column or
 * table here too. */
#define SP_TEST_UNDO_STORE_MIGRATION_4                        \
  SP_TEST_UNDO_STORE_MIGRATION_8                              \
  "ALTER TABLE offers DROP COLUMN price_source_url;"          \
  "ALTER TABLE offers DROP COLUMN verified_at;"               \
  "ALTER TABLE offers DROP COLUMN retired;"                   \
  "ALTER TABLE offers DROP COLUMN attribution;"               \
  "ALTER TABLE offers DROP COLUMN cache_write_price;"         \
  "ALTER TABLE offers DROP COLUMN variants;"                  \
  "DROP TABLE watchlist; DROP TABLE offers_gone;"             \
  "ALTER TABLE offers DROP COLUMN gpu_fraction;"              \
  "ALTER TABLE offers DROP COLUMN host;"                      \
  "ALTER TABLE offers DROP COLUMN host_price;"                \
  "ALTER TABLE sources DROP COLUMN rows_repaired;"           \
  "INSERT INTO price_points (source, offer_id, observed_at,"  \
  "  currency, price, input_price, output_price,"             \
  "  cached_input_price) SELECT source, id, price_since,"     \
  "  currency, price, input_price, output_price,"             \
  "  cached_input_price FROM offers"                          \
  "  WHERE price_since IS NOT NULL;"                          \
  "DROP VIEW price_history;"                                  \
  "ALTER TABLE price_points RENAME TO price_history;"         \
  "ALTER TABLE offers DROP COLUMN price_since;"

G_END_DECLS
