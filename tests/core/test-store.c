/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c — the SQLite store: schema, round trips, history, atomicity */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-store.h"
#include "sp-ledger.h"
#include "sp-test-util.h"

/* ------------------------------------------------------------------ helpers */

static char *
db_path (SpTestDir *dir)
{
  return g_build_filename (dir->path, "data", "suanpan", "suanpan.db", NULL);
}

static SpOffer *
simple_offer (const char  *id,
              SpOfferKind  kind,
              SpMoney      price)
{
  SpOffer *o = sp_offer_new ();

  o->id = g_strdup (id);
  o->kind = kind;
  o->name = g_strdup (id);
  o->currency = g_intern_static_string ("USD");
  if (kind == SP_OFFER_KIND_TOKENS)
    {
      o->input_price = price;
      o->output_price = price * 4;
    }
  o->price = price;
  return o;
}

static SpImportResult *
result_new (const char *source)
{
  SpImportResult *r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, source);

  sp_import_result_set_vendor_name (r, "Vendor");
  return r;
}

static void
result_add (SpImportResult *r, SpOffer *offer)
{
  sp_import_result_row_read (r);
  sp_import_result_add_offer (r, sp_import_result_get_rows_read (r), offer);
}

static void
replace (SpStore *store, SpImportResult *r, gint64 now, guint expected_changed)
{
  g_autoptr(GError) error = NULL;
  guint n_changed = G_MAXUINT;

  g_assert_true (sp_store_replace_source (store, r, now, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, expected_changed);
}

static SpOffer *
find_offer (GPtrArray *offers, const char *source, const char *id)
{
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      if (g_strcmp0 (o->source, source) == 0 && g_strcmp0 (o->id, id) == 0)
        return o;
    }
  return NULL;
}

static GPtrArray *
load (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *offers = sp_store_load_offers (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (offers);
  return offers;
}

static GArray *
history (SpStore *store, const char *source, const char *id)
{
  g_autoptr(GError) error = NULL;
  GArray *points = sp_store_price_history (store, source, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (points);
  return points;
}

#define assert_interned(a, b)                                         \
  G_STMT_START {                                                      \
    g_assert_cmpstr ((a), ==, (b));                                   \
    g_assert_true ((a) == g_intern_string (b));                       \
  } G_STMT_END

/* Every field of the SpOffer struct, exactly. */
static void
assert_offers_equal (const SpOffer *a, const SpOffer *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  assert_interned (a->source, b->source);
  assert_interned (a->vendor_id, b->vendor_id);
  assert_interned (a->vendor_name, b->vendor_name);
  assert_interned (a->vendor_name_zh, b->vendor_name_zh);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->model, ==, b->model);
  assert_interned (a->gpu_model, b->gpu_model);
  g_assert_cmpuint (a->gpu_count, ==, b->gpu_count);
  g_assert_cmpuint (a->gpu_memory_gb, ==, b->gpu_memory_gb);
  g_assert_cmpuint (a->vcpus_milli, ==, b->vcpus_milli);
  g_assert_cmpuint (a->ram_mib, ==, b->ram_mib);
  assert_interned (a->region, b->region);
  g_assert_cmpint (a->billing, ==, b->billing);
  g_assert_cmpstr (a->min_commitment, ==, b->min_commitment);
  assert_interned (a->currency, b->currency);
  g_assert_cmpint (a->tax, ==, b->tax);
  g_assert_cmpint (a->price, ==, b->price);
  g_assert_cmpint (a->input_price, ==, b->input_price);
  g_assert_cmpint (a->output_price, ==, b->output_price);
  g_assert_cmpint (a->cached_input_price, ==, b->cached_input_price);
  g_assert_cmpint (a->context_window, ==, b->context_window);
  g_assert_true ((a->tiers == NULL) == (b->tiers == NULL));
  if (a->tiers != NULL)
    {
      g_assert_cmpuint (a->tiers->len, ==, b->tiers->len);
      for (guint i = 0; i < a->tiers->len; i++)
        {
          const SpTokenTier *ta = &g_array_index (a->tiers, SpTokenTier, i);
          const SpTokenTier *tb = &g_array_index (b->tiers, SpTokenTier, i);

          g_assert_cmpint (ta->above_tokens, ==, tb->above_tokens);
          g_assert_cmpint (ta->input, ==, tb->input);
          g_assert_cmpint (ta->output, ==, tb->output);
          g_assert_cmpint (ta->cached_input, ==, tb->cached_input);
        }
    }
  g_assert_cmpstr (a->list_price, ==, b->list_price);
  assert_interned (a->list_unit, b->list_unit);
  g_assert_cmpint (a->valid_from, ==, b->valid_from);
  g_assert_cmpint (a->valid_to, ==, b->valid_to);
  g_assert_cmpint (a->storage_stopped_gb_month, ==, b->storage_stopped_gb_month);
  g_assert_cmpint (a->egress_gb, ==, b->egress_gb);
  g_assert_cmpuint (a->min_billing_seconds, ==, b->min_billing_seconds);
  g_assert_true ((a->voucher_programmes == NULL) == (b->voucher_programmes == NULL));
  if (a->voucher_programmes != NULL)
    g_assert_true (g_strv_equal ((const char * const *) a->voucher_programmes,
                                 (const char * const *) b->voucher_programmes));
  g_assert_cmpint (a->fapiao, ==, b->fapiao);
  g_assert_cmpstr (a->note, ==, b->note);
  g_assert_cmpint (a->demo, ==, b->demo);
  g_assert_cmpint (a->fetched_at, ==, b->fetched_at);
  g_assert_cmpstr (a->gpu_fraction, ==, b->gpu_fraction);
  assert_interned (a->host, b->host);
  g_assert_cmpint (a->host_price, ==, b->host_price);
}

/* Three offers with every field set to something distinguishable. */
static SpOffer *
full_gpu_offer (void)
{
  SpOffer *o = sp_offer_new ();
  const char *vouchers[] = { "hangzhou", "ningbo \"city\" 宁波", NULL };

  o->id = g_strdup ("gn8h-48xlarge/cn-hangzhou");
  o->source = g_intern_static_string ("test-cloud");
  o->vendor_id = g_intern_static_string ("test-cloud");
  o->vendor_name = g_intern_static_string ("Test Cloud");
  o->vendor_name_zh = g_intern_static_string ("测试云");
  o->kind = SP_OFFER_KIND_GPU;
  o->name = g_strdup ("8 × H100 SXM, 80 GB");
  o->model = g_strdup ("ecs.gn8h.48xlarge");
  o->gpu_model = g_intern_static_string ("H100 SXM");
  o->gpu_count = 8;
  o->gpu_memory_gb = 80;
  o->vcpus_milli = 192000;
  o->ram_mib = 2097152;
  o->region = g_intern_static_string ("cn-hangzhou");
  o->billing = SP_BILLING_ON_DEMAND;
  o->min_commitment = NULL;
  o->currency = g_intern_static_string ("CNY");
  o->tax = SP_TAX_INCLUDED;
  o->price = 12290000;              /* ¥12.29 per card-hour */
  o->list_price = g_strdup ("98.32");
  o->list_unit = g_intern_static_string ("instance-hour");
  o->valid_from = 1767225600;
  o->valid_to = 1798761599;
  o->storage_stopped_gb_month = 350000;
  o->egress_gb = 800000;
  o->min_billing_seconds = 60;
  o->voucher_programmes = g_strdupv ((char **) vouchers);
  o->fapiao = SP_FAPIAO_SPECIAL;
  o->note = g_strdup ("含税价; 'quoted' \"text\"");
  o->demo = TRUE;
  o->fetched_at = 1770000000;
  return o;
}

static SpOffer *
full_cpu_offer (void)
{
  SpOffer *o = sp_offer_new ();
  const char *vouchers[] = { NULL };

  o->id = g_strdup ("c7.large-half");
  o->source = g_intern_static_string ("test-cloud");
  o->vendor_id = g_intern_static_string ("test-cloud");
  o->vendor_name = g_intern_static_string ("Test Cloud");
  o->kind = SP_OFFER_KIND_CPU;
  o->name = g_strdup ("Half a core");
  o->vcpus_milli = 500;
  o->ram_mib = 1024;
  o->billing = SP_BILLING_RESERVED;
  o->min_commitment = g_strdup ("1 month");
  o->currency = g_intern_static_string ("CNY");
  o->tax = SP_TAX_EXCLUDED;
  o->price = 45000;                 /* ¥0.045 per core-hour */
  o->list_price = g_strdup ("16.2");
  o->list_unit = g_intern_static_string ("instance-month");
  o->voucher_programmes = g_strdupv ((char **) vouchers); /* empty, not NULL */
  o->fapiao = SP_FAPIAO_ORDINARY;
  o->fetched_at = 1770000001;
  return o;
}

static SpOffer *
full_tokens_offer (void)
{
  SpOffer *o = sp_offer_new ();
  SpTokenTier tiers[] = {
    { 200000, 2500000, 15000000, 250000 },
    { 1000000, SP_MONEY_UNKNOWN, 20000000, SP_MONEY_UNKNOWN },
  };

  o->id = g_strdup ("gemini-2.5-pro");
  o->source = g_intern_static_string ("test-cloud");
  o->vendor_id = g_intern_static_string ("google");
  o->vendor_name = g_intern_static_string ("Google");
  o->kind = SP_OFFER_KIND_TOKENS;
  o->name = g_strdup ("Gemini 2.5 Pro");
  o->model = g_strdup ("gemini/gemini-2.5-pro");
  o->billing = SP_BILLING_UNKNOWN;
  o->currency = g_intern_static_string ("USD");
  o->tax = SP_TAX_UNKNOWN;
  o->price = 1250000;
  o->input_price = 1250000;         /* $1.25 per 1M input tokens */
  o->output_price = 10000000;
  o->cached_input_price = 125000;
  o->context_window = 1048576;
  o->tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
  g_array_append_vals (o->tiers, tiers, G_N_ELEMENTS (tiers));
  o->list_price = g_strdup ("1.25e-06");
  o->list_unit = g_intern_static_string ("token");
  o->fapiao = SP_FAPIAO_NONE;
  o->fetched_at = 1770000002;
  return o;
}

/* The opposite corner: nearly everything unknown, an empty tier list, and
 * the largest money value we accept. */
static SpOffer *
sparse_tokens_offer (void)
{
  SpOffer *o = sp_offer_new ();

  o->id = g_strdup ("zz-sparse");
  o->source = g_intern_static_string ("test-cloud");
  o->kind = SP_OFFER_KIND_TOKENS;
  o->currency = g_intern_static_string ("EUR");
  o->output_price = SP_MONEY_MAX;
  o->tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
  o->billing = SP_BILLING_PREPAID;
  return o;
}

/* ------------------------------------------------------------------ tests */

static void
test_default_path (void)
{
  g_autofree char *p1 = sp_store_default_path ("/some/dir");
  g_autofree char *p2 = sp_store_default_path (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "suanpan",
                                                "suanpan.db", NULL);

  g_assert_cmpstr (p1, ==, "/some/dir/suanpan.db");
  g_assert_cmpstr (p2, ==, expected);
}

static void
test_open_creates (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(SpStore) store = NULL;
  g_autofree char *mode = NULL;
  struct stat st;
  sqlite3 *db;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = sp_test_open_store (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (sp_store_get_path (store), ==, path);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  db = sp_test_sql_open (path);
  mode = sp_test_sql_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA application_id"), ==, 0x53504E31);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                               "('meta', 'sources', 'offers', 'price_history', "
                               "'price_history_offer')"), ==, 5);
  sqlite3_close (db);
  g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, 0);
}

static void
test_reopen_keeps_data (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GPtrArray) offers = NULL;

  {
    g_autoptr(SpStore) store = sp_test_open_store (path);
    g_autoptr(SpImportResult) r = result_new ("test-cloud");

    result_add (r, full_gpu_offer ());
    result_add (r, full_tokens_offer ());
    replace (store, r, 1000, 2);
    g_assert_true (sp_store_set_meta (store, "demo-seeded", "1", NULL));
  }
  {
    g_autoptr(SpStore) store = sp_test_open_store (path);
    g_autofree char *meta = sp_store_get_meta (store, "demo-seeded");
    g_autoptr(GArray) points = history (store, "test-cloud", "gemini-2.5-pro");

    g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, 2);
    g_assert_cmpuint (sp_store_count_offers (store, "test-cloud"), ==, 2);
    g_assert_cmpstr (meta, ==, "1");
    g_assert_cmpuint (points->len, ==, 1);
    offers = load (store);
  }
  g_assert_cmpuint (offers->len, ==, 2);
  g_assert_cmpstr (((SpOffer *) offers->pdata[0])->id, ==, "gemini-2.5-pro");
  g_assert_cmpstr (((SpOffer *) offers->pdata[1])->id, ==, "gn8h-48xlarge/cn-hangzhou");
}

static void
test_round_trip (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_OPENROUTER, "test-cloud");
  g_autoptr(SpOffer) gpu = full_gpu_offer ();
  g_autoptr(SpOffer) cpu = full_cpu_offer ();
  g_autoptr(SpOffer) tok = full_tokens_offer ();
  g_autoptr(SpOffer) sparse = sparse_tokens_offer ();
  g_autoptr(GPtrArray) offers = NULL;
  g_autofree char *format = NULL;
  g_autofree char *vendor = NULL;
  sqlite3 *db;

  sp_import_result_set_vendor_name (r, "Test Cloud");
  sp_import_result_set_generated_at (r, 1769990000);
  sp_import_result_row_read (r);
  sp_import_result_row_read (r);
  sp_import_result_skip (r, 2, "bad", "%s", "no price");
  result_add (r, g_object_ref (tok));
  result_add (r, g_object_ref (gpu));
  result_add (r, g_object_ref (sparse));
  result_add (r, g_object_ref (cpu));
  replace (store, r, 1770000100, 4);

  offers = load (store);
  g_assert_cmpuint (offers->len, ==, 4);
  /* ordered by source, then id */
  assert_offers_equal (offers->pdata[0], cpu);
  assert_offers_equal (offers->pdata[1], tok);
  assert_offers_equal (offers->pdata[2], gpu);
  assert_offers_equal (offers->pdata[3], sparse);

  /* the money is stored as integers, an unknown price as NULL (not 0) */
  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT price FROM offers WHERE id = 'c7.large-half'"), ==, 45000);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT typeof (price) = 'null' FROM offers "
                               "WHERE id = 'zz-sparse'"), ==, 1);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT typeof (input_price) = 'null' FROM offers "
                               "WHERE id = 'c7.large-half'"), ==, 1);
  /* the sources row */
  format = sp_test_sql_text (db, "SELECT format FROM sources WHERE name = 'test-cloud'");
  vendor = sp_test_sql_text (db, "SELECT vendor_name FROM sources WHERE name = 'test-cloud'");
  g_assert_cmpstr (format, ==, "openrouter");
  g_assert_cmpstr (vendor, ==, "Test Cloud");
  g_assert_cmpint (sp_test_sql_int (db, "SELECT imported_at FROM sources"), ==, 1770000100);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT generated_at FROM sources"), ==, 1769990000);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT rows_read FROM sources"), ==, 6);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT rows_skipped FROM sources"), ==, 1);
  sqlite3_close (db);

  /* and once more, after a reopen */
  g_clear_object (&store);
  g_clear_pointer (&offers, g_ptr_array_unref);
  store = sp_test_open_store (path);
  offers = load (store);
  g_assert_cmpuint (offers->len, ==, 4);
  assert_offers_equal (find_offer (offers, "test-cloud", "gn8h-48xlarge/cn-hangzhou"), gpu);
  assert_offers_equal (find_offer (offers, "test-cloud", "gemini-2.5-pro"), tok);
}

static void
test_replace_removes_vanished (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r1 = result_new ("src");
  g_autoptr(SpImportResult) r2 = result_new ("src");
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GArray) points = NULL;

  result_add (r1, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  result_add (r1, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  result_add (r1, simple_offer ("c", SP_OFFER_KIND_CPU, 40000));
  replace (store, r1, 100, 3);
  g_assert_cmpuint (sp_store_count_offers (store, "src"), ==, 3);

  result_add (r2, simple_offer ("c", SP_OFFER_KIND_CPU, 40000));
  result_add (r2, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  replace (store, r2, 200, 0);
  g_assert_cmpuint (sp_store_count_offers (store, "src"), ==, 2);
  offers = load (store);
  g_assert_cmpuint (offers->len, ==, 2);
  g_assert_nonnull (find_offer (offers, "src", "a"));
  g_assert_null (find_offer (offers, "src", "b"));
  g_assert_nonnull (find_offer (offers, "src", "c"));

  /* the vanished offer's history is kept */
  points = history (store, "src", "b");
  g_assert_cmpuint (points->len, ==, 1);
  g_assert_cmpint (g_array_index (points, SpPricePoint, 0).price, ==, 3000000);
}

static void
test_price_history (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r1 = result_new ("src");
  g_autoptr(SpImportResult) r2 = result_new ("src");
  g_autoptr(SpImportResult) r3 = result_new ("src");
  g_autoptr(SpImportResult) r4 = result_new ("src");
  g_autoptr(GArray) pa = NULL;
  g_autoptr(GArray) pb = NULL;
  g_autoptr(GArray) pt = NULL;
  g_autoptr(GArray) pn = NULL;
  g_autoptr(GArray) none = NULL;
  SpOffer *o;
  SpPricePoint *p;

  result_add (r1, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  result_add (r1, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  result_add (r1, simple_offer ("t", SP_OFFER_KIND_TOKENS, 150000));
  replace (store, r1, 1000, 3);

  /* one price changes, one offer is new */
  result_add (r2, simple_offer ("a", SP_OFFER_KIND_GPU, 1990000));
  result_add (r2, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  result_add (r2, simple_offer ("t", SP_OFFER_KIND_TOKENS, 150000));
  result_add (r2, simple_offer ("new", SP_OFFER_KIND_CPU, 40000));
  replace (store, r2, 2000, 2);

  /* nothing changes: no point */
  result_add (r3, simple_offer ("a", SP_OFFER_KIND_GPU, 1990000));
  result_add (r3, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  result_add (r3, simple_offer ("t", SP_OFFER_KIND_TOKENS, 150000));
  result_add (r3, simple_offer ("new", SP_OFFER_KIND_CPU, 40000));
  replace (store, r3, 3000, 0);

  /* only the output price of t changes, only the currency of b changes,
   * only the cached input price of new changes (unknown -> known) */
  result_add (r4, simple_offer ("a", SP_OFFER_KIND_GPU, 1990000));
  o = simple_offer ("b", SP_OFFER_KIND_GPU, 3000000);
  o->currency = g_intern_static_string ("CNY");
  result_add (r4, o);
  o = simple_offer ("t", SP_OFFER_KIND_TOKENS, 150000);
  o->output_price = 700000;
  result_add (r4, o);
  o = simple_offer ("new", SP_OFFER_KIND_CPU, 40000);
  o->cached_input_price = 1;
  result_add (r4, o);
  replace (store, r4, 4000, 3);

  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 2);
  p = &g_array_index (pa, SpPricePoint, 0);
  g_assert_cmpint (p->observed_at, ==, 1000);
  g_assert_cmpint (p->price, ==, 2000000);
  g_assert_cmpstr (p->currency, ==, "USD");
  g_assert_cmpint (p->input_price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (p->output_price, ==, SP_MONEY_UNKNOWN);
  p = &g_array_index (pa, SpPricePoint, 1);
  g_assert_cmpint (p->observed_at, ==, 2000);
  g_assert_cmpint (p->price, ==, 1990000);

  pb = history (store, "src", "b");
  g_assert_cmpuint (pb->len, ==, 2);
  g_assert_cmpint (g_array_index (pb, SpPricePoint, 0).observed_at, ==, 1000);
  g_assert_cmpstr (g_array_index (pb, SpPricePoint, 0).currency, ==, "USD");
  g_assert_cmpint (g_array_index (pb, SpPricePoint, 1).observed_at, ==, 4000);
  g_assert_cmpstr (g_array_index (pb, SpPricePoint, 1).currency, ==, "CNY");

  pt = history (store, "src", "t");
  g_assert_cmpuint (pt->len, ==, 2);
  p = &g_array_index (pt, SpPricePoint, 0);
  g_assert_cmpint (p->observed_at, ==, 1000);
  g_assert_cmpint (p->input_price, ==, 150000);
  g_assert_cmpint (p->output_price, ==, 600000);
  p = &g_array_index (pt, SpPricePoint, 1);
  g_assert_cmpint (p->observed_at, ==, 4000);
  g_assert_cmpint (p->input_price, ==, 150000);
  g_assert_cmpint (p->output_price, ==, 700000);

  pn = history (store, "src", "new");
  g_assert_cmpuint (pn->len, ==, 2);
  g_assert_cmpint (g_array_index (pn, SpPricePoint, 0).observed_at, ==, 2000);
  g_assert_cmpint (g_array_index (pn, SpPricePoint, 1).observed_at, ==, 4000);

  none = history (store, "src", "does-not-exist");
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_failed_replace_changes_nothing (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r1 = result_new ("src");
  g_autoptr(SpImportResult) r2 = result_new ("src");
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GArray) pa = NULL;
  g_autoptr(GArray) pc = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 42;
  sqlite3 *db;

  result_add (r1, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  result_add (r1, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  replace (store, r1, 1000, 2);

  /* A real SQL failure in the middle of the transaction: after the sources
   * row was updated, a price history point appended, an offer changed and a
   * new offer inserted, the last insert is refused by a trigger. */
  db = sp_test_sql_open (path);
  sp_test_sql_exec (db, "CREATE TRIGGER boom BEFORE INSERT ON offers WHEN NEW.id = 'boom' "
                "BEGIN SELECT RAISE (ABORT, 'boom refused'); END");

  result_add (r2, simple_offer ("a", SP_OFFER_KIND_GPU, 1500000));
  result_add (r2, simple_offer ("c", SP_OFFER_KIND_GPU, 1000000));
  result_add (r2, simple_offer ("boom", SP_OFFER_KIND_GPU, 1000000));
  g_assert_false (sp_store_replace_source (store, r2, 2000, &n_changed, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, "boom refused"));
  g_assert_cmpuint (n_changed, ==, 0);
  g_clear_error (&error);

  /* nothing changed */
  g_assert_cmpuint (sp_store_count_offers (store, "src"), ==, 2);
  offers = load (store);
  g_assert_cmpint (find_offer (offers, "src", "a")->price, ==, 2000000);
  g_assert_nonnull (find_offer (offers, "src", "b"));
  g_assert_null (find_offer (offers, "src", "c"));
  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 1);
  pc = history (store, "src", "c");
  g_assert_cmpuint (pc->len, ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT imported_at FROM sources WHERE name = 'src'"), ==, 1000);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT rows_read FROM sources WHERE name = 'src'"), ==, 2);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM price_history"), ==, 2);

  /* the store is still usable and the same import goes through once the
   * obstacle is gone */
  sp_test_sql_exec (db, "DROP TRIGGER boom");
  sqlite3_close (db);
  replace (store, r2, 3000, 3);
  g_assert_cmpuint (sp_store_count_offers (store, "src"), ==, 3);
  g_clear_pointer (&pa, g_array_unref);
  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 2);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 1).price, ==, 1500000);
}

/* The offers go in with INSERT OR IGNORE (no statement journal): a row the
 * table does not take, here one a trigger ignores, must still fail the
 * import and change nothing, in a multi-row batch (the first 64) and in
 * the single inserts after it. */
static void
test_ignored_row_fails_replace (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r1 = result_new ("src");
  const char *refused[] = { "o-010", "o-069" };
  sqlite3 *db;

  result_add (r1, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  result_add (r1, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  replace (store, r1, 1000, 2);
  db = sp_test_sql_open (path);

  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr(SpImportResult) r2 = result_new ("src");
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf ("CREATE TRIGGER skip BEFORE INSERT ON offers "
                                              "WHEN NEW.id = '%s' BEGIN SELECT RAISE (IGNORE); END",
                                              refused[k]);

      for (guint i = 0; i < 70; i++)
        {
          g_autofree char *id = g_strdup_printf ("o-%03u", i);

          result_add (r2, simple_offer (id, SP_OFFER_KIND_GPU, 1000000 + i));
        }
      sp_test_sql_exec (db, sql);
      g_assert_false (sp_store_replace_source (store, r2, 2000, NULL, &error));
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL);
      g_assert_cmpuint (sp_store_count_offers (store, "src"), ==, 2);
      g_assert_cmpint (sp_test_sql_int (db, "SELECT imported_at FROM sources WHERE name = 'src'"),
                       ==, 1000);
      sp_test_sql_exec (db, "DROP TRIGGER skip");
      if (k == G_N_ELEMENTS (refused) - 1)
        {
          replace (store, r2, 3000, 70);
          g_assert_cmpuint (sp_store_count_offers (store, "src"), ==, 70);
        }
    }
  sqlite3_close (db);
}

static void
test_result_without_source (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, NULL);
  g_autoptr(GError) error = NULL;

  result_add (r, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  g_assert_false (sp_store_replace_source (store, r, 1000, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL);
  g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, 0);
}

static void
test_newer_refused (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) refused = NULL;
  sqlite3 *db;

  {
    g_autoptr(SpStore) store = sp_test_open_store (path);
    g_autoptr(SpImportResult) r = result_new ("src");

    result_add (r, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
    replace (store, r, 1000, 1);
  }
  db = sp_test_sql_open (path);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                            SP_STORE_SCHEMA_VERSION + 1);
    sp_test_sql_exec (db, sql);
  }
  sqlite3_close (db);

  refused = sp_store_open (path, &error);
  g_assert_null (refused);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version of Suanpan"));

  /* left as it was */
  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM offers"), ==, 1);
  sqlite3_close (db);
}

static void
test_garbage_refused (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "notes.db", NULL);
  g_autoptr(GString) garbage = g_string_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *after = NULL;
  gsize after_len = 0;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (garbage, "{\"line\": %u, \"text\": \"this is not a database\"}\n", i);
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));

  store = sp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "notes.db"));

  after = sp_test_read_file (path, &after_len);
  g_assert_cmpmem (after, after_len, garbage->str, garbage->len);
}

static void
test_foreign_sqlite_refused (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *other = g_build_filename (dir->path, "other.db", NULL);
  g_autofree char *other_id = g_build_filename (dir->path, "other-id.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) s1 = NULL;
  g_autoptr(SpStore) s2 = NULL;
  sqlite3 *db;

  /* another program's database: has tables, no application id */
  db = sp_test_sql_open (other);
  sp_test_sql_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  sqlite3_close (db);
  s1 = sp_store_open (other, &error);
  g_assert_null (s1);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "other.db"));
  g_clear_error (&error);

  /* an empty database that says it belongs to another application */
  db = sp_test_sql_open (other_id);
  sp_test_sql_exec (db, "PRAGMA application_id = 42");
  sqlite3_close (db);
  s2 = sp_store_open (other_id, &error);
  g_assert_null (s2);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);

  db = sp_test_sql_open (other);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA user_version"), ==, 0);
  sqlite3_close (db);
}

static void
test_empty_v0_migrates (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *zero = g_build_filename (dir->path, "zero.db", NULL);
  g_autofree char *v0 = g_build_filename (dir->path, "v0.db", NULL);
  sqlite3 *db;

  /* a 0-byte file */
  g_assert_true (g_file_set_contents (zero, "", 0, NULL));
  {
    g_autoptr(SpStore) store = sp_test_open_store (zero);
    g_autoptr(SpImportResult) r = result_new ("src");

    g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
    result_add (r, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
    replace (store, r, 1000, 1);
  }

  /* a real SQLite file at user_version 0 with no tables yet */
  db = sp_test_sql_open (v0);
  sp_test_sql_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 0; VACUUM");
  sqlite3_close (db);
  {
    g_autoptr(SpStore) store = sp_test_open_store (v0);

    g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  }
  db = sp_test_sql_open (v0);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA application_id"), ==, 0x53504E31);
  sqlite3_close (db);
}

static void
test_two_sources (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) a1 = result_new ("alpha");
  g_autoptr(SpImportResult) b1 = result_new ("beta");
  g_autoptr(SpImportResult) a2 = result_new ("alpha");
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GArray) pbx = NULL;

  /* the same offer id in two sources is two offers */
  result_add (a1, simple_offer ("x", SP_OFFER_KIND_GPU, 1000000));
  result_add (a1, simple_offer ("y", SP_OFFER_KIND_GPU, 2000000));
  result_add (b1, simple_offer ("x", SP_OFFER_KIND_GPU, 5000000));
  result_add (b1, simple_offer ("z", SP_OFFER_KIND_GPU, 6000000));
  replace (store, a1, 1000, 2);
  replace (store, b1, 1000, 2);

  result_add (a2, simple_offer ("y", SP_OFFER_KIND_GPU, 2500000));
  replace (store, a2, 2000, 1);

  g_assert_cmpuint (sp_store_count_offers (store, "alpha"), ==, 1);
  g_assert_cmpuint (sp_store_count_offers (store, "beta"), ==, 2);
  g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, 3);
  g_assert_cmpuint (sp_store_count_offers (store, "gamma"), ==, 0);
  offers = load (store);
  g_assert_cmpuint (offers->len, ==, 3);
  g_assert_cmpstr (((SpOffer *) offers->pdata[0])->source, ==, "alpha");
  g_assert_cmpstr (((SpOffer *) offers->pdata[0])->id, ==, "y");
  g_assert_cmpint (((SpOffer *) offers->pdata[0])->price, ==, 2500000);
  g_assert_cmpstr (((SpOffer *) offers->pdata[1])->source, ==, "beta");
  g_assert_cmpstr (((SpOffer *) offers->pdata[1])->id, ==, "x");
  g_assert_cmpint (((SpOffer *) offers->pdata[1])->price, ==, 5000000);
  g_assert_cmpstr (((SpOffer *) offers->pdata[2])->id, ==, "z");
  pbx = history (store, "beta", "x");
  g_assert_cmpuint (pbx->len, ==, 1);
  g_assert_cmpint (g_array_index (pbx, SpPricePoint, 0).price, ==, 5000000);
}

static void
test_remove_source (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) a = result_new ("alpha");
  g_autoptr(SpImportResult) b = result_new ("beta");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pax = NULL;
  g_autoptr(GArray) pbz = NULL;
  sqlite3 *db;

  result_add (a, simple_offer ("x", SP_OFFER_KIND_GPU, 1000000));
  result_add (b, simple_offer ("z", SP_OFFER_KIND_GPU, 6000000));
  replace (store, a, 1000, 1);
  replace (store, b, 1000, 1);

  g_assert_true (sp_store_remove_source (store, "alpha", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sp_store_count_offers (store, "alpha"), ==, 0);
  g_assert_cmpuint (sp_store_count_offers (store, "beta"), ==, 1);
  pax = history (store, "alpha", "x");
  g_assert_cmpuint (pax->len, ==, 1);
  pbz = history (store, "beta", "z");
  g_assert_cmpuint (pbz->len, ==, 1);

  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM sources"), ==, 1);
  sqlite3_close (db);

  g_assert_false (sp_store_remove_source (store, "alpha", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
}

static void
test_meta (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SpStore) store = sp_test_open_store (path);
    g_autofree char *v1 = NULL;
    g_autofree char *v2 = NULL;
    g_autofree char *v3 = NULL;

    g_assert_null (sp_store_get_meta (store, "demo-seeded"));
    g_assert_true (sp_store_set_meta (store, "demo-seeded", "1", &error));
    g_assert_no_error (error);
    v1 = sp_store_get_meta (store, "demo-seeded");
    g_assert_cmpstr (v1, ==, "1");
    g_assert_true (sp_store_set_meta (store, "demo-seeded", "'; DROP TABLE meta; --", &error));
    v2 = sp_store_get_meta (store, "demo-seeded");
    g_assert_cmpstr (v2, ==, "'; DROP TABLE meta; --");
    g_assert_true (sp_store_set_meta (store, "other", "算盘", &error));
    g_assert_true (sp_store_set_meta (store, "gone", "x", &error));
    g_assert_true (sp_store_set_meta (store, "gone", NULL, &error));
    g_assert_null (sp_store_get_meta (store, "gone"));
    v3 = sp_store_get_meta (store, "other");
    g_assert_cmpstr (v3, ==, "算盘");
  }
  {
    g_autoptr(SpStore) store = sp_test_open_store (path);
    g_autofree char *v1 = sp_store_get_meta (store, "demo-seeded");
    g_autofree char *v2 = sp_store_get_meta (store, "other");

    g_assert_cmpstr (v1, ==, "'; DROP TABLE meta; --");
    g_assert_cmpstr (v2, ==, "算盘");
  }
}

/* A real catalog: everything the adapter produced comes back identical.
 * With @records the store reads the parser's offer records as they are
 * (HACKING.md "Ingest", seventh pass) and the offers compared are made
 * from them afterwards; else they are made first and the store reads
 * those. */
static void
catalog_round_trip_as (const char *relative,
                       gboolean    records)
{
  g_autofree char *catalog = sp_test_catalog (relative);
  g_autoptr(SpTestDir) dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpImportResult) r = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *parsed;
  guint n_changed = 0;
  gint64 t0, t1;

  if (catalog == NULL)
    return;
  dir = sp_test_dir_new ();
  path = db_path (dir);
  store = sp_test_open_store (path);
  r = sp_import_parse_file (catalog, SP_FEED_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  if (!records)
    parsed = sp_import_result_get_offers (r);

  t0 = g_get_monotonic_time ();
  g_assert_true (sp_store_replace_source (store, r, 1770000000, &n_changed, &error));
  t1 = g_get_monotonic_time ();
  g_assert_no_error (error);
  if (records)
    parsed = sp_import_result_get_offers (r);
  g_assert_cmpuint (parsed->len, >, 700);
  g_assert_cmpuint (n_changed, ==, parsed->len);
  g_test_message ("stored %u offers in %.1f ms", parsed->len, (t1 - t0) / 1000.0);

  loaded = load (store);
  g_assert_cmpuint (loaded->len, ==, parsed->len);
  for (guint i = 0; i < parsed->len; i++)
    {
      SpOffer *p = g_ptr_array_index (parsed, i);
      SpOffer *l = find_offer (loaded, sp_import_result_get_source (r), p->id);

      g_assert_nonnull (l);
      assert_offers_equal (l, p);
    }

  /* storing the same catalog again changes no price */
  g_assert_true (sp_store_replace_source (store, r, 1770000100, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, parsed->len);
}

static void
catalog_round_trip (const char *relative)
{
  catalog_round_trip_as (relative, FALSE);
  catalog_round_trip_as (relative, TRUE);
}

static void
test_litellm_round_trip (void)
{
  catalog_round_trip ("litellm/model_prices_and_context_window.json");
}

/* 64-offer batches and the offers left over, shares of a card (Azure), hosts
 * (GCP) */
static void
test_skypilot_round_trip (void)
{
  catalog_round_trip ("skypilot_azure/azure_vms.eastus.csv");
  catalog_round_trip ("skypilot_gcp/gcp_vms.us-central1-a.csv");
}

/* The app opens the store and the ledger from several threads at start-up;
 * on a brand-new file every one of them must succeed (no "not a Suanpan
 * database" seen half-created, no "database is locked"). */
static gpointer
open_store_thread (gpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (SP_IS_STORE (store));
  return NULL;
}

static gpointer
open_ledger_thread (gpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = sp_ledger_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return NULL;
}

static void
test_concurrent_first_open (void)
{
  for (int round = 0; round < 10; round++)
    {
      g_autoptr(SpTestDir) dir = sp_test_dir_new ();
      g_autofree char *path = g_build_filename (dir->path, "suanpan.db", NULL);
      GThread *threads[6];
      g_autoptr(GError) error = NULL;
      g_autoptr(SpStore) store = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("open", i % 2 ? open_ledger_thread : open_store_thread, path);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        g_thread_join (threads[i]);

      store = sp_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
    }
}

/* Issue 13 (stalls-clouds): host, host_price and gpu_fraction come back from
 * the store as they went in; the source keeps its repaired count; a second
 * import of the same catalog (not a first import any more) changes nothing. */
static void
test_skypilot_fields_round_trip (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(SpImportResult) again = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GArray) history = NULL;
  const char *csv =
    "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,SpotPrice,Generation\n"
    "a3-highgpu-8g,208.0,1872.0,,,,r1,r1-a,9.0,,V1,V2\n"
    ",,,H100,8,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 81920}}]},r1,r1-a,31.0,,V1\n"
    "NV6,6,55,A10,0.167,,r1,r1-a,0.454,,V1,V2\n";
  guint changed = 0;
  SpOffer *gpu = NULL, *share = NULL;

  result = sp_import_parse (csv, strlen (csv), SP_FEED_FORMAT_SKYPILOT, "gcp", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_repaired (result), ==, 2);
  g_assert_true (sp_store_replace_source (store, result, 1000, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);

  offers = sp_store_load_offers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, ==, 2);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      if (g_str_equal (o->id, "a3-highgpu-8g@r1/r1-a"))
        gpu = o;
      else if (g_str_equal (o->id, "NV6@r1/r1-a"))
        share = o;
    }
  g_assert_nonnull (gpu);
  g_assert_nonnull (share);
  /* (9 + 31) / 8 = 5, host 9 / 8 = 1.125 */
  g_assert_cmpint (gpu->price, ==, 5000000);
  g_assert_cmpstr (sp_offer_get_host (gpu), ==, "a3-highgpu-8g");
  g_assert_cmpint (sp_offer_get_host_price (gpu), ==, 1125000);
  g_assert_null (sp_offer_get_gpu_fraction (gpu));
  g_assert_cmpstr (sp_offer_get_gpu_fraction (share), ==, "0.167");
  g_assert_null (sp_offer_get_host (share));
  g_assert_cmpint (sp_offer_get_host_price (share), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (share->price, ==, 2724000);

  sources = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpuint (sp_source_get_rows_repaired (g_ptr_array_index (sources, 0)), ==, 2);

  /* the first import wrote one history point per offer */
  history = sp_store_price_history (store, "gcp", "a3-highgpu-8g@r1/r1-a", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (g_array_index (history, SpPricePoint, 0).price, ==, 5000000);
  g_assert_cmpint (g_array_index (history, SpPricePoint, 0).observed_at, ==, 1000);
  g_clear_pointer (&history, g_array_unref);

  /* the same catalog again: nothing changed, no new history point */
  again = sp_import_parse (csv, strlen (csv), SP_FEED_FORMAT_SKYPILOT, "gcp", NULL, &error);
  g_assert_true (sp_store_replace_source (store, again, 2000, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);
  history = sp_store_price_history (store, "gcp", "a3-highgpu-8g@r1/r1-a", &error);
  g_assert_cmpuint (history->len, ==, 1);
}

/* An offer's current price point is kept in the offer (price_since), not
 * written as a history row, until its price changes or it leaves: the
 * history read back is the same as if every point were written. */
static void
test_history_first_point_derived (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r1 = result_new ("src");
  g_autoptr(SpImportResult) r2 = result_new ("src");
  g_autoptr(SpImportResult) r3 = result_new ("src");
  g_autoptr(SpImportResult) r4 = result_new ("src");
  g_autoptr(GArray) pa = NULL;
  g_autoptr(GArray) pb = NULL;
  g_autoptr(GArray) pc = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* a first import writes no history row; each offer has one point */
  result_add (r1, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  result_add (r1, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  result_add (r1, simple_offer ("c", SP_OFFER_KIND_GPU, 4000000));
  replace (store, r1, 1000, 3);
  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM price_points"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM price_history"), ==, 3);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT price_since FROM offers WHERE id = 'a'"), ==, 1000);
  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 1);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 0).observed_at, ==, 1000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 0).price, ==, 2000000);
  g_assert_cmpstr (g_array_index (pa, SpPricePoint, 0).currency, ==, "USD");
  g_clear_pointer (&pa, g_array_unref);

  /* a's price changes: its first point is written, the new one is the
   * offer's; b is unchanged (still its first point only); c leaves */
  result_add (r2, simple_offer ("a", SP_OFFER_KIND_GPU, 1800000));
  result_add (r2, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  replace (store, r2, 2000, 1);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM price_points WHERE offer_id = 'a'"), ==, 1);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT price_since FROM offers WHERE id = 'a'"), ==, 2000);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT price_since FROM offers WHERE id = 'b'"), ==, 1000);
  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 2);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 0).observed_at, ==, 1000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 0).price, ==, 2000000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 1).observed_at, ==, 2000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 1).price, ==, 1800000);
  g_clear_pointer (&pa, g_array_unref);
  pb = history (store, "src", "b");
  g_assert_cmpuint (pb->len, ==, 1);
  g_assert_cmpint (g_array_index (pb, SpPricePoint, 0).observed_at, ==, 1000);
  g_clear_pointer (&pb, g_array_unref);
  /* the offer that left keeps its point */
  pc = history (store, "src", "c");
  g_assert_cmpuint (pc->len, ==, 1);
  g_assert_cmpint (g_array_index (pc, SpPricePoint, 0).observed_at, ==, 1000);
  g_assert_cmpint (g_array_index (pc, SpPricePoint, 0).price, ==, 4000000);
  g_clear_pointer (&pc, g_array_unref);

  /* another price at the same time: points of one date keep their order */
  result_add (r3, simple_offer ("a", SP_OFFER_KIND_GPU, 1700000));
  result_add (r3, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  replace (store, r3, 2000, 1);
  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 3);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 1).price, ==, 1800000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 2).observed_at, ==, 2000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 2).price, ==, 1700000);
  g_clear_pointer (&pa, g_array_unref);

  /* the same prices again: nothing written */
  result_add (r4, simple_offer ("a", SP_OFFER_KIND_GPU, 1700000));
  result_add (r4, simple_offer ("b", SP_OFFER_KIND_GPU, 3000000));
  replace (store, r4, 3000, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM price_points"), ==, 3);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM price_history"), ==, 5);

  /* the source goes: the history stays whole, current points too */
  g_assert_true (sp_store_remove_source (store, "src", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sp_store_count_offers (store, "src"), ==, 0);
  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 3);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 2).price, ==, 1700000);
  pb = history (store, "src", "b");
  g_assert_cmpuint (pb->len, ==, 1);
  g_assert_cmpint (g_array_index (pb, SpPricePoint, 0).price, ==, 3000000);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT count(*) FROM price_history"), ==, 5);
  sqlite3_close (db);
}

/* A dated snapshot older than a first import (whose points are in its
 * offers) lands before them; a newer one after. */
static void
test_history_derived_then_dated (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpImportResult) r1 = result_new ("src");
  g_autoptr(SpImportResult) old = result_new ("src");
  g_autoptr(SpImportResult) newer = result_new ("src");
  g_autoptr(GArray) pa = NULL;
  g_autoptr(GPtrArray) offers = NULL;

  sp_import_result_set_generated_at (r1, 5000);
  result_add (r1, simple_offer ("a", SP_OFFER_KIND_GPU, 2000000));
  replace (store, r1, 9000, 1);

  sp_import_result_set_generated_at (old, 3000);
  result_add (old, simple_offer ("a", SP_OFFER_KIND_GPU, 2500000));
  replace (store, old, 9100, 1);
  offers = load (store);
  g_assert_cmpint (find_offer (offers, "src", "a")->price, ==, 2000000);
  g_clear_pointer (&offers, g_ptr_array_unref);

  sp_import_result_set_generated_at (newer, 7000);
  result_add (newer, simple_offer ("a", SP_OFFER_KIND_GPU, 1500000));
  replace (store, newer, 9200, 1);

  pa = history (store, "src", "a");
  g_assert_cmpuint (pa->len, ==, 3);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 0).observed_at, ==, 3000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 0).price, ==, 2500000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 1).observed_at, ==, 5000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 1).price, ==, 2000000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 2).observed_at, ==, 7000);
  g_assert_cmpint (g_array_index (pa, SpPricePoint, 2).price, ==, 1500000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/store/default-path", test_default_path);
  g_test_add_func ("/core/store/open-creates", test_open_creates);
  g_test_add_func ("/core/store/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/core/store/round-trip", test_round_trip);
  g_test_add_func ("/core/store/replace-removes-vanished", test_replace_removes_vanished);
  g_test_add_func ("/core/store/price-history", test_price_history);
  g_test_add_func ("/core/store/failed-replace-changes-nothing",
                   test_failed_replace_changes_nothing);
  g_test_add_func ("/core/store/ignored-row-fails-replace", test_ignored_row_fails_replace);
  g_test_add_func ("/core/store/result-without-source", test_result_without_source);
  g_test_add_func ("/core/store/newer-refused", test_newer_refused);
  g_test_add_func ("/core/store/garbage-refused", test_garbage_refused);
  g_test_add_func ("/core/store/foreign-sqlite-refused", test_foreign_sqlite_refused);
  g_test_add_func ("/core/store/empty-v0-migrates", test_empty_v0_migrates);
  g_test_add_func ("/core/store/two-sources", test_two_sources);
  g_test_add_func ("/core/store/remove-source", test_remove_source);
  g_test_add_func ("/core/store/meta", test_meta);
  g_test_add_func ("/core/store/litellm-round-trip", test_litellm_round_trip);
  g_test_add_func ("/core/store/concurrent-first-open", test_concurrent_first_open);
  g_test_add_func ("/core/store/skypilot-fields-round-trip", test_skypilot_fields_round_trip);
  g_test_add_func ("/core/store/skypilot-round-trip", test_skypilot_round_trip);
  g_test_add_func ("/core/store/history-first-point-derived", test_history_first_point_derived);
  g_test_add_func ("/core/store/history-derived-then-dated", test_history_derived_then_dated);

  return g_test_run ();
}
