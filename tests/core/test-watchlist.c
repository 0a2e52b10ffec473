/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-watchlist.c — dated snapshots in the price history (issue 13 item 7)
 * and the watchlist with its price changes (item 9), on real SQLite files. */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "sp-core.h"
#include "sp-test-util.h"

/* 2026-07-03T00:00:00Z and 2026-08-01T00:00:00Z */
#define T_JUL 1783036800
#define T_AUG 1785542400

/* Two snapshots of one source, in the Suanpan feed format with generated_at.
 * Between them: g1 drops 10 -> 8, g2 stays, t1's output drops 8 -> 6 (input
 * stays 2), a1 leaves, l4 arrives. */
static const char SNAP_JUL[] =
  "{ \"suanpan_feed\": \"1.0\","
  "  \"vendor\": { \"id\": \"acme\", \"name\": { \"en\": \"Acme\" } },"
  "  \"generated_at\": \"2026-07-03T00:00:00Z\","
  "  \"offers\": ["
  "    { \"id\": \"g1\", \"kind\": \"gpu\", \"name\": \"H100 box\","
  "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"10.00\" } },"
  "    { \"id\": \"g2\", \"kind\": \"gpu\", \"name\": \"H100 box 2\","
  "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"20.00\" } },"
  "    { \"id\": \"a1\", \"kind\": \"gpu\", \"name\": \"A100 box\","
  "      \"spec\": { \"gpu_model\": \"A100\", \"gpu_count\": 1, \"gpu_memory_gb\": 40,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"5.00\" } },"
  "    { \"id\": \"t1\", \"kind\": \"tokens\", \"name\": \"Qwen Max\", \"model\": \"qwen-max\","
  "      \"spec\": { \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"input\": \"2\", \"output\": \"8\" } }"
  "  ] }";

static const char SNAP_AUG[] =
  "{ \"suanpan_feed\": \"1.0\","
  "  \"vendor\": { \"id\": \"acme\", \"name\": { \"en\": \"Acme\" } },"
  "  \"generated_at\": \"2026-08-01T00:00:00Z\","
  "  \"offers\": ["
  "    { \"id\": \"g1\", \"kind\": \"gpu\", \"name\": \"H100 box\","
  "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"8.00\" } },"
  "    { \"id\": \"g2\", \"kind\": \"gpu\", \"name\": \"H100 box 2\","
  "      \"spec\": { \"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"gpu_memory_gb\": 80,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"20.00\" } },"
  "    { \"id\": \"l4\", \"kind\": \"gpu\", \"name\": \"L4 box\","
  "      \"spec\": { \"gpu_model\": \"L4\", \"gpu_count\": 1, \"gpu_memory_gb\": 24,"
  "                  \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"3.00\" } },"
  "    { \"id\": \"t1\", \"kind\": \"tokens\", \"name\": \"Qwen Max\", \"model\": \"qwen-max\","
  "      \"spec\": { \"billing\": \"on-demand\" },"
  "      \"price\": { \"currency\": \"CNY\", \"tax\": \"included\", \"input\": \"2\", \"output\": \"6\" } }"
  "  ] }";

#define NOW_1 1790000000 /* the import times: after both snapshots */
#define NOW_2 1790000100

/* a price as text, "—" when unknown */
static char *
money (SpMoney value)
{
  char *s = sp_money_to_string (value, 2);

  return s != NULL ? s : g_strdup ("—");
}

static SpStore *
open_store (SpTestDir *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir->path, name, NULL);
  SpStore *store = sp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static guint
import (SpStore    *store,
        const char *feed,
        gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  guint changed = 0;

  result = sp_import_parse (feed, strlen (feed), SP_FEED_FORMAT_SUANPAN, "snap", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_replace_source (store, result, now, &changed, &error));
  g_assert_no_error (error);
  return changed;
}

/* "id=price" for every current offer, in store order */
static char *
describe_offers (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = sp_store_load_offers (store, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      g_autofree char *p = money (sp_offer_get_price (o));
      g_autofree char *out = money (sp_offer_get_output_price (o));

      g_string_append_printf (s, "%s=%s/%s;", sp_offer_get_id (o), p, out);
    }
  return g_string_free (s, FALSE);
}

/* "time:price/output" for every history point of @id */
static char *
describe_history (SpStore    *store,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = sp_store_price_history (store, "snap", id, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      const SpPricePoint *p = &g_array_index (history, SpPricePoint, i);
      g_autofree char *price = money (p->price);
      g_autofree char *out = money (p->output_price);

      g_string_append_printf (s, "%" G_GINT64_FORMAT ":%s/%s;", p->observed_at, price, out);
    }
  return g_string_free (s, FALSE);
}

static char *
describe_changes (GPtrArray *changes)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      const SpPriceChange *c = g_ptr_array_index (changes, i);
      g_autofree char *old = money (c->old_price);
      g_autofree char *new = money (c->new_price);
      g_autofree char *old_out = money (c->old_output);
      g_autofree char *new_out = money (c->new_output);

      g_string_append_printf (s, "%s %s %s->%s (%s->%s) %s since %" G_GINT64_FORMAT
                              " at %" G_GINT64_FORMAT ";",
                              c->offer_id,
                              sp_price_change_direction_to_string (sp_price_change_get_direction (c)),
                              old, new, old_out, new_out, c->currency, c->since, c->changed_at);
    }
  return g_string_free (s, FALSE);
}

static void
watch_some (SpStore *store)
{
  g_autoptr(GError) error = NULL;

  /* g1 and g2 one by one, a1 (which will leave), t1 through its group */
  g_assert_true (sp_watchlist_add (store, SP_WATCH_OFFER, "snap", "g1", 100, &error));
  g_assert_true (sp_watchlist_add (store, SP_WATCH_OFFER, "snap", "g2", 100, &error));
  g_assert_true (sp_watchlist_add (store, SP_WATCH_OFFER, "snap", "a1", 100, &error));
  g_assert_true (sp_watchlist_add (store, SP_WATCH_GROUP, NULL, "tokens:qwen-max", 100, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ tests */

static void
test_snapshots_either_order (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpStore) forward = open_store (dir, "forward.db");
  g_autoptr(SpStore) backward = open_store (dir, "backward.db");
  g_autofree char *offers_f = NULL;
  g_autofree char *offers_b = NULL;
  const char *ids[] = { "g1", "g2", "a1", "l4", "t1" };

  /* July then August: every July price is new, August adds g1, l4 and t1 */
  g_assert_cmpuint (import (forward, SNAP_JUL, NOW_1), ==, 4);
  g_assert_cmpuint (import (forward, SNAP_AUG, NOW_2), ==, 3);

  /* August then July: July is older, so it goes to the history only */
  g_assert_cmpuint (import (backward, SNAP_AUG, NOW_1), ==, 4);
  g_assert_cmpint (sp_store_get_generated_at (backward, "snap"), ==, T_AUG);
  /* July adds g1 10, a1 5 and t1 2/8; g2 20 moves back to July (no new point) */
  g_assert_cmpuint (import (backward, SNAP_JUL, NOW_2), ==, 4);
  g_assert_cmpint (sp_store_get_generated_at (backward, "snap"), ==, T_AUG);

  /* the same current offers: August's (a1 left, l4 arrived) */
  offers_f = describe_offers (forward);
  offers_b = describe_offers (backward);
  g_assert_cmpstr (offers_f, ==, "g1=8.00/—;g2=20.00/—;l4=3.00/—;t1=2.00/6.00;");
  g_assert_cmpstr (offers_b, ==, offers_f);

  /* the same history, at the snapshots' own dates, a point where a price changed */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *hf = describe_history (forward, ids[i]);
      g_autofree char *hb = describe_history (backward, ids[i]);

      g_assert_cmpstr (hb, ==, hf);
    }
  {
    g_autofree char *g1 = describe_history (forward, "g1");
    g_autofree char *g2 = describe_history (forward, "g2");
    g_autofree char *a1 = describe_history (forward, "a1");
    g_autofree char *t1 = describe_history (forward, "t1");

    g_assert_cmpstr (g1, ==, "1783036800:10.00/—;1785542400:8.00/—;");
    g_assert_cmpstr (g2, ==, "1783036800:20.00/—;");
    g_assert_cmpstr (a1, ==, "1783036800:5.00/—;");
    g_assert_cmpstr (t1, ==, "1783036800:2.00/8.00;1785542400:2.00/6.00;");
  }

  /* importing the older one again changes nothing */
  g_assert_cmpuint (import (forward, SNAP_JUL, NOW_2 + 1), ==, 0);
  g_clear_pointer (&offers_f, g_free);
  offers_f = describe_offers (forward);
  g_assert_cmpstr (offers_f, ==, offers_b);
}

static void
test_undated_still_now (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpStore) store = open_store (dir, "undated.db");
  g_autofree char *undated = NULL;
  g_autofree char *history = NULL;

  /* a feed without generated_at dates its points with the import time */
  undated = g_strdup (SNAP_JUL);
  memcpy (strstr (undated, "\"generated_at\""), "\"generated_xx\"", 14);
  import (store, undated, NOW_1);
  history = describe_history (store, "g1");
  g_assert_cmpstr (history, ==, "1790000000:10.00/—;");
  g_assert_cmpint (sp_store_get_generated_at (store, "snap"), ==, NOW_1);
  /* a snapshot dated before that import is older than what was seen then:
   * history only */
  import (store, SNAP_AUG, NOW_2);
  g_clear_pointer (&history, g_free);
  history = describe_history (store, "g1");
  g_assert_cmpstr (history, ==, "1785542400:8.00/—;1790000000:10.00/—;");
  g_clear_pointer (&history, g_free);
  history = describe_offers (store);
  g_assert_cmpstr (history, ==, "a1=5.00/—;g1=10.00/—;g2=20.00/—;t1=2.00/8.00;");
}

static void
test_changes_exact (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpStore) store = open_store (dir, "changes.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) since = NULL;
  g_autofree char *text = NULL;
  const char *expected =
    "a1 gone 5.00->— (—->—) CNY since 1783036800 at 1785542400;"
    "g1 down 10.00->8.00 (—->—) CNY since 1783036800 at 1785542400;"
    "t1 down 2.00->2.00 (8.00->6.00) CNY since 1783036800 at 1785542400;";

  watch_some (store);
  import (store, SNAP_JUL, NOW_1);
  before = sp_watchlist_changes (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);

  import (store, SNAP_AUG, NOW_2);
  after = sp_watchlist_changes (store, NULL, 0, &error);
  g_assert_no_error (error);
  fresh = sp_price_changes_new (before, after);
  /* exactly the watched prices that changed, and the watched offer that left;
   * g2 (unchanged) and l4 (not watched) are not there */
  text = describe_changes (fresh);
  g_assert_cmpstr (text, ==, expected);
  {
    const SpPriceChange *g1 = g_ptr_array_index (fresh, 1);
    gint64 bp = 0;

    g_assert_cmpstr (g1->vendor_id, ==, "acme");
    g_assert_cmpstr (g1->group, ==, "gpu:H100 SXM:80");
    g_assert_true (sp_price_change_get_percent_bp (g1, &bp));
    g_assert_cmpint (bp, ==, -2000);
    g_assert_true (((SpPriceChange *) g_ptr_array_index (fresh, 0))->gone);
    g_assert_false (sp_price_change_get_percent_bp (g_ptr_array_index (fresh, 0), &bp));
  }

  /* --since: on the day of the change, and after it */
  since = sp_watchlist_changes (store, NULL, T_AUG, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (since->len, ==, 3);
  g_clear_pointer (&since, g_ptr_array_unref);
  since = sp_watchlist_changes (store, NULL, T_AUG + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (since->len, ==, 0);

  /* a refresh with the same snapshot brings nothing new */
  import (store, SNAP_AUG, NOW_2 + 50);
  g_clear_pointer (&before, g_ptr_array_unref);
  before = g_steal_pointer (&after);
  after = sp_watchlist_changes (store, NULL, 0, &error);
  g_clear_pointer (&fresh, g_ptr_array_unref);
  fresh = sp_price_changes_new (before, after);
  g_assert_cmpuint (fresh->len, ==, 0);
}

static void
test_changes_reverse_order (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpStore) store = open_store (dir, "reverse.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *text = NULL;

  /* the older snapshot imported last tells the same story */
  watch_some (store);
  import (store, SNAP_AUG, NOW_1);
  import (store, SNAP_JUL, NOW_2);
  changes = sp_watchlist_changes (store, NULL, 0, &error);
  g_assert_no_error (error);
  text = describe_changes (changes);
  g_assert_cmpstr (text, ==,
                   "a1 gone 5.00->— (—->—) CNY since 1783036800 at 1785542400;"
                   "g1 down 10.00->8.00 (—->—) CNY since 1783036800 at 1785542400;"
                   "t1 down 2.00->2.00 (8.00->6.00) CNY since 1783036800 at 1785542400;");
}

static void
test_watch_add_remove (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(SpStore) store = open_store (dir, "watch.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GPtrArray) offers = NULL;

  import (store, SNAP_AUG, NOW_1);
  watch_some (store);
  /* twice is once */
  g_assert_true (sp_watchlist_add (store, SP_WATCH_OFFER, "snap", "g1", 200, &error));
  g_assert_no_error (error);
  watches = sp_watchlist_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (watches->len, ==, 4);
  /* groups first */
  g_assert_cmpint (((SpWatch *) g_ptr_array_index (watches, 0))->kind, ==, SP_WATCH_GROUP);
  g_assert_null (((SpWatch *) g_ptr_array_index (watches, 0))->source);
  g_assert_cmpint (((SpWatch *) g_ptr_array_index (watches, 1))->added_at, ==, 100);

  offers = sp_store_load_offers (store, &error);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      const char *id = sp_offer_get_id (o);

      g_assert_cmpint (sp_watchlist_covers (watches, o), ==, g_strcmp0 (id, "l4") != 0);
      g_assert_cmpint (sp_watchlist_has_offer (watches, o), ==,
                       g_str_equal (id, "g1") || g_str_equal (id, "g2"));
    }

  g_assert_true (sp_watchlist_remove (store, SP_WATCH_OFFER, NULL, "g1", &error));
  g_assert_no_error (error);
  g_assert_true (sp_watchlist_remove (store, SP_WATCH_GROUP, NULL, "tokens:qwen-max", &error));
  g_assert_no_error (error);
  g_assert_false (sp_watchlist_remove (store, SP_WATCH_OFFER, "snap", "g1", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sp_watchlist_add (store, SP_WATCH_OFFER, "snap", "", 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&watches, g_ptr_array_unref);
  watches = sp_watchlist_list (store, &error);
  g_assert_cmpuint (watches->len, ==, 2);
}

static void
test_migration_from_v3 (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "v3.db", NULL);
  sqlite3 *db = NULL;

  {
    g_autoptr(SpStore) store = open_store (dir, "v3.db");
    import (store, SNAP_JUL, NOW_1);
  }
  /* take it back to schema 3 as released */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SP_TEST_UNDO_STORE_MIGRATION_4
                                     "PRAGMA user_version = 3;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_autoptr(SpStore) store = open_store (dir, "v3.db");
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) watches = NULL;

    g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
    g_assert_cmpuint (sp_store_count_offers (store, "snap"), ==, 4);
    g_assert_true (sp_watchlist_add (store, SP_WATCH_OFFER, "snap", "g1", 1, &error));
    watches = sp_watchlist_list (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (watches->len, ==, 1);
  }
}

/* ------------------------------------------- llm-prices-cn, when readable */

static SpImportResult *
parse_catalog (const char   *path,
               SpFeedFormat  format)
{
  g_autoptr(GError) error = NULL;
  SpImportResult *result = sp_import_parse_file (path, format, "llm-prices-cn", &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  /* last_updated is the snapshot's generated date */
  g_assert_cmpint (sp_import_result_get_generated_at (result), >, 0);
  return result;
}

static void
store_result (SpStore        *store,
              SpImportResult *result,
              gint64          now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_replace_source (store, result, now, NULL, &error));
  g_assert_no_error (error);
}

/* as the cases name them */
#define find_in sp_test_find_offer

/* The two real snapshots (two schemas) in either order: the same offers and
 * history, and with every model watched, the changes are exactly the models
 * whose price differs between them plus those the newer one dropped.  Runs
 * once this build reads the llm-prices-cn format (issue 13 item 1). */
static void
test_llm_prices_cn_snapshots (void)
{
  g_autofree char *old_path = sp_test_catalog ("llm_prices_cn/prices.2026-07-03.json");
  g_autofree char *new_path = NULL;
  g_autoptr(SpImportResult) older = NULL;
  g_autoptr(SpImportResult) newer = NULL;
  g_autoptr(SpTestDir) dir = NULL;
  g_autoptr(SpStore) forward = NULL;
  g_autoptr(SpStore) backward = NULL;
  g_autoptr(GPtrArray) changes_f = NULL;
  g_autoptr(GPtrArray) changes_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offers_f = NULL;
  g_autofree char *offers_b = NULL;
  g_autofree char *text_f = NULL;
  g_autofree char *text_b = NULL;
  GPtrArray *old_offers;
  SpFeedFormat format;
  guint expected = 0;

  if (old_path == NULL)
    return;
  if (!sp_feed_format_from_string ("llm-prices-cn", &format))
    {
      g_test_skip ("this build does not read the llm-prices-cn format yet");
      return;
    }
  new_path = sp_test_catalog ("llm_prices_cn/prices.2026-08-01.json");
  if (new_path == NULL)
    return;
  older = parse_catalog (old_path, format);
  newer = parse_catalog (new_path, format);
  g_assert_cmpint (sp_import_result_get_generated_at (older), <,
                   sp_import_result_get_generated_at (newer));

  dir = sp_test_dir_new ();
  forward = open_store (dir, "forward.db");
  backward = open_store (dir, "backward.db");
  old_offers = sp_import_result_get_offers (older);
  for (guint i = 0; i < old_offers->len; i++)
    {
      const char *id = sp_offer_get_id (g_ptr_array_index (old_offers, i));

      g_assert_true (sp_watchlist_add (forward, SP_WATCH_OFFER, "llm-prices-cn", id, 1, &error));
      g_assert_true (sp_watchlist_add (backward, SP_WATCH_OFFER, "llm-prices-cn", id, 1, &error));
    }
  store_result (forward, older, NOW_1);
  store_result (forward, newer, NOW_2);
  store_result (backward, newer, NOW_1);
  store_result (backward, older, NOW_2);

  offers_f = describe_offers (forward);
  offers_b = describe_offers (backward);
  g_assert_cmpstr (offers_b, ==, offers_f);
  g_assert_cmpuint (sp_store_count_offers (forward, "llm-prices-cn"), ==,
                    sp_import_result_get_rows_normalized (newer));

  /* what changed, worked out from the two parses */
  for (guint i = 0; i < old_offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (old_offers, i);
      SpOffer *n = find_in (newer, sp_offer_get_id (o));

      if (n == NULL ||
          g_strcmp0 (sp_offer_get_currency (o), sp_offer_get_currency (n)) != 0 ||
          sp_offer_get_price (o) != sp_offer_get_price (n) ||
          sp_offer_get_output_price (o) != sp_offer_get_output_price (n))
        expected++;
      if (n != NULL)
        {
          g_autoptr(GArray) h = sp_store_price_history (forward, "llm-prices-cn",
                                                        sp_offer_get_id (o), &error);
          g_autoptr(GArray) h2 = sp_store_price_history (backward, "llm-prices-cn",
                                                         sp_offer_get_id (o), &error);

          g_assert_no_error (error);
          g_assert_cmpuint (h->len, ==, h2->len);
          for (guint k = 0; k < h->len; k++)
            {
              g_assert_cmpint (g_array_index (h, SpPricePoint, k).observed_at, ==,
                               g_array_index (h2, SpPricePoint, k).observed_at);
              g_assert_cmpint (g_array_index (h, SpPricePoint, k).price, ==,
                               g_array_index (h2, SpPricePoint, k).price);
            }
        }
    }
  changes_f = sp_watchlist_changes (forward, NULL, 0, &error);
  g_assert_no_error (error);
  changes_b = sp_watchlist_changes (backward, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes_f->len, ==, expected);
  text_f = describe_changes (changes_f);
  text_b = describe_changes (changes_b);
  g_assert_cmpstr (text_b, ==, text_f);
  for (guint i = 0; i < changes_f->len; i++)
    {
      const SpPriceChange *c = g_ptr_array_index (changes_f, i);

      g_assert_cmpint (c->changed_at, ==, sp_import_result_get_generated_at (newer));
      g_assert_cmpint (c->since, ==, sp_import_result_get_generated_at (older));
    }
  g_test_message ("%u of %u watched models changed between the snapshots", expected,
                  old_offers->len);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();

  g_test_add_func ("/watchlist/snapshots-either-order", test_snapshots_either_order);
  g_test_add_func ("/watchlist/undated-import-time", test_undated_still_now);
  g_test_add_func ("/watchlist/changes-exact", test_changes_exact);
  g_test_add_func ("/watchlist/changes-reverse-order", test_changes_reverse_order);
  g_test_add_func ("/watchlist/add-remove", test_watch_add_remove);
  g_test_add_func ("/watchlist/migration-from-v3", test_migration_from_v3);
  g_test_add_func ("/watchlist/llm-prices-cn-snapshots", test_llm_prices_cn_snapshots);
  return g_test_run ();
}
