/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sources.c — SpSource, URL and name rules, presets, and the configured
 * sources in the store (schema v2, migration from v1, API key never stored) */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-import-private.h"
#include "sp-offer-private.h"
#include "sp-secret.h"
#include "sp-source.h"
#include "sp-store.h"
#include "sp-test-util.h"

/* ------------------------------------------------------------------ helpers */

static SpOffer *
gpu_offer (const char *id,
           SpMoney     price)
{
  SpOffer *o = sp_offer_new ();

  o->id = g_strdup (id);
  o->kind = SP_OFFER_KIND_GPU;
  o->name = g_strdup (id);
  o->currency = g_intern_static_string ("USD");
  o->price = price;
  return o;
}

/* Stores @n_ids offers for @source as an import would. */
static void
import_offers (SpStore            *store,
               const char         *source,
               const char * const *ids,
               SpMoney             price,
               gint64              now)
{
  g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, source);
  g_autoptr(GError) error = NULL;

  sp_import_result_set_vendor_name (r, "Vendor");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      sp_import_result_row_read (r);
      sp_import_result_add_offer (r, i + 1, gpu_offer (ids[i], price));
    }
  g_assert_true (sp_store_replace_source (store, r, now, NULL, &error));
  g_assert_no_error (error);
}

static SpSource *
get_source (SpStore *store, const char *name)
{
  g_autoptr(GError) error = NULL;
  SpSource *source = sp_store_get_source (store, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

static void
add_source (SpStore *store, SpSource *source)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_add_source (store, source, &error));
  g_assert_no_error (error);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

/* ------------------------------------------------------------------ SpSource */

static void
test_source_properties (void)
{
  g_autoptr(SpSource) s = sp_source_new ("openrouter", "https://openrouter.ai/api/v1/models",
                                         SP_FEED_FORMAT_OPENROUTER);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  g_autofree char *etag = NULL;
  gint64 last_success = -1;
  guint http_status = 1;
  int format = -1;
  gboolean enabled = FALSE;

  g_assert_cmpstr (sp_source_get_name (s), ==, "openrouter");
  g_assert_cmpstr (sp_source_get_url (s), ==, "https://openrouter.ai/api/v1/models");
  g_assert_cmpint (sp_source_get_format (s), ==, SP_FEED_FORMAT_OPENROUTER);
  /* defaults */
  g_assert_true (sp_source_get_enabled (s));
  g_assert_cmpint (sp_source_get_refresh_policy (s), ==, SP_REFRESH_MANUAL);
  g_assert_false (sp_source_get_has_api_key (s));
  g_assert_cmpint (sp_source_get_last_success (s), ==, 0);
  g_assert_cmpint (sp_source_get_last_attempt (s), ==, 0);
  g_assert_null (sp_source_get_last_error (s));
  g_assert_cmpuint (sp_source_get_http_status (s), ==, 0);
  g_assert_null (sp_source_get_http_details (s));
  g_assert_null (sp_source_get_etag (s));
  g_assert_null (sp_source_get_last_modified (s));
  g_assert_cmpuint (sp_source_get_offer_count (s), ==, 0);

  g_signal_connect (s, "notify", G_CALLBACK (count_notify), notified);

  /* setting the same value again notifies nothing */
  sp_source_set_enabled (s, TRUE);
  sp_source_set_url (s, "https://openrouter.ai/api/v1/models");
  sp_source_set_format (s, SP_FEED_FORMAT_OPENROUTER);
  sp_source_set_refresh_policy (s, SP_REFRESH_MANUAL);
  sp_source_set_has_api_key (s, FALSE);
  g_object_set (s, "name", "openrouter", "offer-count", 0u, "etag", NULL, NULL);
  g_assert_cmpuint (notified->len, ==, 0);

  /* each real change notifies once, for its own property */
  sp_source_set_enabled (s, FALSE);
  sp_source_set_url (s, "https://example.com/feed.json");
  sp_source_set_format (s, SP_FEED_FORMAT_SUANPAN);
  sp_source_set_refresh_policy (s, SP_REFRESH_ON_START);
  sp_source_set_has_api_key (s, TRUE);
  g_assert_cmpuint (notified->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (notified, 0), ==, "enabled");
  g_assert_cmpstr (g_ptr_array_index (notified, 1), ==, "url");
  g_assert_cmpstr (g_ptr_array_index (notified, 2), ==, "format");
  g_assert_cmpstr (g_ptr_array_index (notified, 3), ==, "refresh-policy");
  g_assert_cmpstr (g_ptr_array_index (notified, 4), ==, "has-api-key");

  g_object_set (s,
                "last-success", (gint64) 1700000000,
                "last-attempt", (gint64) 1700000100,
                "last-error", "The server answered 503",
                "http-status", 503u,
                "http-details", "HTTP/1.1 503 Service Unavailable",
                "etag", "\"abc\"",
                "last-modified", "Tue, 14 Nov 2023 22:13:20 GMT",
                "offer-count", 42u,
                NULL);
  g_assert_cmpuint (notified->len, ==, 13);
  g_assert_cmpint (sp_source_get_last_success (s), ==, 1700000000);
  g_assert_cmpint (sp_source_get_last_attempt (s), ==, 1700000100);
  g_assert_cmpstr (sp_source_get_last_error (s), ==, "The server answered 503");
  g_assert_cmpuint (sp_source_get_http_status (s), ==, 503);
  g_assert_cmpstr (sp_source_get_http_details (s), ==, "HTTP/1.1 503 Service Unavailable");
  g_assert_cmpstr (sp_source_get_etag (s), ==, "\"abc\"");
  g_assert_cmpstr (sp_source_get_last_modified (s), ==, "Tue, 14 Nov 2023 22:13:20 GMT");
  g_assert_cmpuint (sp_source_get_offer_count (s), ==, 42);

  /* the same values again: still 13 */
  g_object_set (s, "last-error", "The server answered 503", "http-status", 503u, NULL);
  g_assert_cmpuint (notified->len, ==, 13);
  /* back to NULL notifies */
  g_object_set (s, "last-error", NULL, NULL);
  g_assert_cmpuint (notified->len, ==, 14);
  g_assert_null (sp_source_get_last_error (s));

  g_object_get (s, "name", &name, "etag", &etag, "last-success", &last_success,
                "http-status", &http_status, "format", &format, "enabled", &enabled, NULL);
  g_assert_cmpstr (name, ==, "openrouter");
  g_assert_cmpstr (etag, ==, "\"abc\"");
  g_assert_cmpint (last_success, ==, 1700000000);
  g_assert_cmpuint (http_status, ==, 503);
  g_assert_cmpint (format, ==, SP_FEED_FORMAT_SUANPAN);
  g_assert_false (enabled);
}

static void
test_source_stale (void)
{
  g_autoptr(SpSource) s = sp_source_new ("x", NULL, SP_FEED_FORMAT_AUTO);

  /* never succeeded: stale whatever the threshold */
  g_assert_true (sp_source_is_stale (s, 1000, 1000000));
  g_object_set (s, "last-success", (gint64) 10000, NULL);
  g_assert_false (sp_source_is_stale (s, 10000, 3600));
  g_assert_false (sp_source_is_stale (s, 13600, 3600));  /* exactly 3600 s old: not older */
  g_assert_true (sp_source_is_stale (s, 13601, 3600));
}

static void
test_refresh_policy_strings (void)
{
  SpRefreshPolicy p = SP_REFRESH_ON_START;

  g_assert_cmpstr (sp_refresh_policy_to_string (SP_REFRESH_MANUAL), ==, "manual");
  g_assert_cmpstr (sp_refresh_policy_to_string (SP_REFRESH_ON_START), ==, "on-start");
  g_assert_true (sp_refresh_policy_from_string ("manual", &p));
  g_assert_cmpint (p, ==, SP_REFRESH_MANUAL);
  g_assert_true (sp_refresh_policy_from_string ("on-start", &p));
  g_assert_cmpint (p, ==, SP_REFRESH_ON_START);
  g_assert_false (sp_refresh_policy_from_string ("hourly", &p));
  g_assert_false (sp_refresh_policy_from_string (NULL, &p));
  g_assert_cmpint (p, ==, SP_REFRESH_ON_START);
}

/* ------------------------------------------------------------------ rules */

static void
test_url_rules (void)
{
  static const struct {
    const char *url;
    int         code;  /* -1: accepted */
  } cases[] = {
    { "https://openrouter.ai/api/v1/models", -1 },
    { "HTTPS://Example.COM/feed.json?x=1", -1 },
    { "https://example.com:8443/feed", -1 },
    { "http://127.0.0.1:8080/feed.json", -1 },
    { "http://127.45.6.7/feed.json", -1 },
    { "http://localhost/feed.json", -1 },
    { "http://LOCALHOST:9000/", -1 },
    { "http://[::1]/x", -1 },
    { "http://[::1]:8080/feed", -1 },
    { "file:///home/me/prices.json", -1 },
    { "file:///tmp/a%20b.json", -1 },
    { "http://example.com/feed.json", SP_SOURCE_ERROR_INSECURE_URL },
    { "http://128.0.0.1/feed", SP_SOURCE_ERROR_INSECURE_URL },
    { "http://10.0.0.1/feed", SP_SOURCE_ERROR_INSECURE_URL },
    { "http://[::2]/feed", SP_SOURCE_ERROR_INSECURE_URL },
    { "http://localhost.example.com/feed", SP_SOURCE_ERROR_INSECURE_URL },
    { "http://127.0.0.1.nip.io/feed", SP_SOURCE_ERROR_INSECURE_URL },
    { "ftp://example.com/feed.json", SP_SOURCE_ERROR_INVALID_URL },
    { "not a url", SP_SOURCE_ERROR_INVALID_URL },
    { "", SP_SOURCE_ERROR_INVALID_URL },
    { NULL, SP_SOURCE_ERROR_INVALID_URL },
    { "example.com/feed.json", SP_SOURCE_ERROR_INVALID_URL },
    { "/home/me/prices.json", SP_SOURCE_ERROR_INVALID_URL },
    { "https://", SP_SOURCE_ERROR_INVALID_URL },
    { "https:///feed.json", SP_SOURCE_ERROR_INVALID_URL },
    { "http:///feed.json", SP_SOURCE_ERROR_INVALID_URL },
    { "file://server/share/prices.json", SP_SOURCE_ERROR_INVALID_URL },
    { "file:relative.json", SP_SOURCE_ERROR_INVALID_URL },
    { "javascript:alert(1)", SP_SOURCE_ERROR_INVALID_URL },
    { "data:application/json,[]", SP_SOURCE_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = sp_source_check_url (cases[i].url, &error);

      g_test_message ("%s", cases[i].url != NULL ? cases[i].url : "(null)");
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SP_SOURCE_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_url_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_source_check_url ("http://example.com/feed.json", &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INSECURE_URL);
  g_assert_cmpstr (error->message, ==,
                   "Plain http is only allowed for local test feeds on this computer "
                   "(127.0.0.1); use https:// for “example.com”");
  g_clear_error (&error);

  /* a password in the URL is never repeated back */
  g_assert_false (sp_source_check_url ("http://alice:hunter2@example.com/feed", &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INSECURE_URL);
  g_assert_null (strstr (error->message, "hunter2"));
  g_assert_null (strstr (error->message, "alice"));
  g_assert_nonnull (strstr (error->message, "“example.com”"));
  g_clear_error (&error);

  g_assert_false (sp_source_check_url ("ftp://alice:hunter2@example.com/feed", &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "hunter2"));
  g_assert_null (strstr (error->message, "alice"));
  g_clear_error (&error);

  /* unparseable (bad port), with a password in it */
  g_assert_false (sp_source_check_url ("https://alice:hunter2@example.com:99999999/x", &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);

  g_assert_false (sp_source_check_url ("file://alice:hunter2@server/x.json", &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "hunter2"));
}

static void
test_name_rules (void)
{
  g_autoptr(GString) max = g_string_new ("");
  g_autoptr(GString) cjk = g_string_new ("");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 64; i++)
    {
      g_string_append_c (max, 'a');
      g_string_append (cjk, "算");
    }
  g_assert_true (sp_source_check_name ("openrouter", NULL));
  g_assert_true (sp_source_check_name ("阿里云 百炼", NULL));
  g_assert_true (sp_source_check_name (" padded ", NULL));
  g_assert_true (sp_source_check_name (max->str, NULL));
  /* 64 characters, 192 bytes */
  g_assert_true (sp_source_check_name (cjk->str, NULL));

  g_string_append_c (max, 'a');
  g_assert_false (sp_source_check_name (max->str, &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_string_append (cjk, "盘");
  g_assert_false (sp_source_check_name (cjk->str, &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME);
  g_clear_error (&error);

  {
    static const char * const bad[] = {
      "", "   ", "\t", "a\tb", "a\nb", "bell\a", "del\x7f", "\xe3\x80\x80", /* ideographic space */
      "bad\xff" "utf8", "c1\xc2\x85" "nel",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (sp_source_check_name (bad[i], &error));
        g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME);
        g_clear_error (&error);
      }
  }
  g_assert_false (sp_source_check_name (NULL, &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME);
}

static void
test_presets (void)
{
  guint n = 0;
  const SpSourcePreset *presets = sp_source_presets (&n);
  gboolean seen_openrouter = FALSE;
  gboolean seen_litellm = FALSE;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (presets);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sp_source_check_name (presets[i].name, &error));
      g_assert_no_error (error);
      g_assert_true (sp_source_check_url (presets[i].url, &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (presets[i].url, "https://"));
      g_assert_nonnull (presets[i].title);
      g_assert_cmpstr (presets[i].title, !=, "");
      g_assert_cmpint (presets[i].format, !=, SP_FEED_FORMAT_AUTO);
      g_assert_true (g_hash_table_add (names, (gpointer) presets[i].name));

      if (g_str_equal (presets[i].name, "openrouter"))
        {
          seen_openrouter = TRUE;
          g_assert_cmpstr (presets[i].url, ==, "https://openrouter.ai/api/v1/models");
          g_assert_cmpint (presets[i].format, ==, SP_FEED_FORMAT_OPENROUTER);
        }
      if (g_str_equal (presets[i].name, "litellm"))
        {
          seen_litellm = TRUE;
          g_assert_cmpstr (presets[i].url, ==,
                           "https://raw.githubusercontent.com/BerriAI/litellm/main/"
                           "model_prices_and_context_window.json");
          g_assert_cmpint (presets[i].format, ==, SP_FEED_FORMAT_LITELLM);
        }
    }
  g_assert_true (seen_openrouter);
  g_assert_true (seen_litellm);
  /* n_presets may be NULL */
  g_assert_true (sp_source_presets (NULL) == presets);
}

/* ------------------------------------------------------------------ store */

static void
test_store_round_trip (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpSource) s = sp_source_new ("openrouter", "https://openrouter.ai/api/v1/models",
                                         SP_FEED_FORMAT_OPENROUTER);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (SP_STORE_SCHEMA_VERSION, >=, 2);

  list = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  sp_source_set_refresh_policy (s, SP_REFRESH_ON_START);
  sp_source_set_has_api_key (s, TRUE);
  add_source (store, s);
  {
    g_autoptr(SpSource) litellm =
      sp_source_new ("litellm",
                     "https://raw.githubusercontent.com/BerriAI/litellm/main/"
                     "model_prices_and_context_window.json",
                     SP_FEED_FORMAT_LITELLM);
    g_autoptr(SpSource) local = sp_source_new ("Local test", "http://127.0.0.1:8080/feed.json",
                                               SP_FEED_FORMAT_AUTO);

    sp_source_set_enabled (local, FALSE);
    add_source (store, litellm);
    add_source (store, local);
  }

  {
    g_autoptr(SpSource) got = get_source (store, "openrouter");

    g_assert_cmpstr (sp_source_get_name (got), ==, "openrouter");
    g_assert_cmpstr (sp_source_get_url (got), ==, "https://openrouter.ai/api/v1/models");
    g_assert_cmpint (sp_source_get_format (got), ==, SP_FEED_FORMAT_OPENROUTER);
    g_assert_true (sp_source_get_enabled (got));
    g_assert_cmpint (sp_source_get_refresh_policy (got), ==, SP_REFRESH_ON_START);
    g_assert_true (sp_source_get_has_api_key (got));
    g_assert_cmpint (sp_source_get_last_success (got), ==, 0);
    g_assert_cmpint (sp_source_get_last_attempt (got), ==, 0);
    g_assert_null (sp_source_get_last_error (got));
    g_assert_cmpuint (sp_source_get_http_status (got), ==, 0);
    g_assert_null (sp_source_get_etag (got));
    g_assert_cmpuint (sp_source_get_offer_count (got), ==, 0);
  }

  /* ordered by name (bytewise: capitals first) */
  list = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (sp_source_get_name (g_ptr_array_index (list, 0)), ==, "Local test");
  g_assert_cmpstr (sp_source_get_name (g_ptr_array_index (list, 1)), ==, "litellm");
  g_assert_cmpstr (sp_source_get_name (g_ptr_array_index (list, 2)), ==, "openrouter");
  g_assert_false (sp_source_get_enabled (g_ptr_array_index (list, 0)));
  g_assert_cmpint (sp_source_get_format (g_ptr_array_index (list, 0)), ==, SP_FEED_FORMAT_AUTO);
  g_assert_cmpint (sp_source_get_format (g_ptr_array_index (list, 1)), ==, SP_FEED_FORMAT_LITELLM);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* update */
  {
    g_autoptr(SpSource) got = get_source (store, "openrouter");
    g_autoptr(SpSource) again = NULL;

    sp_source_set_url (got, "https://openrouter.ai/api/v1/models?supported_parameters=tools");
    sp_source_set_enabled (got, FALSE);
    sp_source_set_refresh_policy (got, SP_REFRESH_MANUAL);
    sp_source_set_has_api_key (got, FALSE);
    g_assert_true (sp_store_update_source (store, got, &error));
    g_assert_no_error (error);

    again = get_source (store, "openrouter");
    g_assert_cmpstr (sp_source_get_url (again), ==,
                     "https://openrouter.ai/api/v1/models?supported_parameters=tools");
    g_assert_false (sp_source_get_enabled (again));
    g_assert_cmpint (sp_source_get_refresh_policy (again), ==, SP_REFRESH_MANUAL);
    g_assert_false (sp_source_get_has_api_key (again));

    /* update validates the URL and changes nothing when it is refused */
    sp_source_set_url (again, "http://example.com/models");
    g_assert_false (sp_store_update_source (store, again, &error));
    g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INSECURE_URL);
    g_clear_error (&error);
  }
  {
    g_autoptr(SpSource) got = get_source (store, "openrouter");

    g_assert_cmpstr (sp_source_get_url (got), ==,
                     "https://openrouter.ai/api/v1/models?supported_parameters=tools");
  }

  /* delete */
  g_assert_true (sp_store_delete_source (store, "litellm", &error));
  g_assert_no_error (error);
  list = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (sp_source_get_name (g_ptr_array_index (list, 0)), ==, "Local test");
  g_assert_cmpstr (sp_source_get_name (g_ptr_array_index (list, 1)), ==, "openrouter");

  /* and it all survives reopening */
  g_clear_object (&store);
  store = sp_test_open_store (path);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_false (sp_source_get_enabled (g_ptr_array_index (list, 1)));
}

static void
test_store_refused (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpSource) s = sp_source_new ("openrouter", "https://openrouter.ai/api/v1/models",
                                         SP_FEED_FORMAT_OPENROUTER);
  g_autoptr(SpSource) dup = sp_source_new ("openrouter", "https://example.com/other.json",
                                           SP_FEED_FORMAT_SUANPAN);
  g_autoptr(SpSource) insecure = sp_source_new ("plain", "http://example.com/feed.json",
                                                SP_FEED_FORMAT_SUANPAN);
  g_autoptr(SpSource) nourl = sp_source_new ("nourl", NULL, SP_FEED_FORMAT_SUANPAN);
  g_autoptr(SpSource) badname = sp_source_new ("a\nb", "https://example.com/x.json",
                                               SP_FEED_FORMAT_SUANPAN);
  g_autoptr(SpSource) missing = sp_source_new ("missing", "https://example.com/x.json",
                                               SP_FEED_FORMAT_SUANPAN);
  g_autoptr(SpSource) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  add_source (store, s);

  g_assert_false (sp_store_add_source (store, dup, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL);
  g_assert_cmpstr (error->message, ==, "There is already a source named “openrouter”");
  g_clear_error (&error);
  /* the first one is untouched */
  got = get_source (store, "openrouter");
  g_assert_cmpstr (sp_source_get_url (got), ==, "https://openrouter.ai/api/v1/models");
  g_assert_cmpint (sp_source_get_format (got), ==, SP_FEED_FORMAT_OPENROUTER);

  g_assert_false (sp_store_add_source (store, insecure, &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INSECURE_URL);
  g_clear_error (&error);
  g_assert_false (sp_store_add_source (store, nourl, &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_false (sp_store_add_source (store, badname, &error));
  g_assert_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME);
  g_clear_error (&error);

  list = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  /* absent names */
  g_assert_null (sp_store_get_source (store, "missing", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sp_store_update_source (store, missing, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sp_store_delete_source (store, "missing", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no source “missing”");
  g_clear_error (&error);
  g_assert_false (sp_store_record_refresh (store, "missing", 5, TRUE, NULL, 200, NULL, NULL,
                                           NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* names are exact: another case is another source */
  {
    g_autoptr(SpSource) upper = sp_source_new ("OpenRouter", "https://openrouter.ai/api/v1/models",
                                               SP_FEED_FORMAT_OPENROUTER);
    add_source (store, upper);
  }
}

static void
test_store_record_refresh (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpSource) s = sp_source_new ("feed", "https://example.com/feed.json",
                                         SP_FEED_FORMAT_SUANPAN);
  g_autoptr(GError) error = NULL;
  SpSource *got;

  add_source (store, s);

  /* success with validators */
  g_assert_true (sp_store_record_refresh (store, "feed", 1000, TRUE, NULL, 200,
                                          "HTTP/1.1 200 OK\nContent-Type: application/json",
                                          "\"v1\"", "Mon, 01 Jan 2024 00:00:00 GMT", &error));
  g_assert_no_error (error);
  got = get_source (store, "feed");
  g_assert_cmpint (sp_source_get_last_attempt (got), ==, 1000);
  g_assert_cmpint (sp_source_get_last_success (got), ==, 1000);
  g_assert_null (sp_source_get_last_error (got));
  g_assert_cmpuint (sp_source_get_http_status (got), ==, 200);
  g_assert_cmpstr (sp_source_get_http_details (got), ==,
                   "HTTP/1.1 200 OK\nContent-Type: application/json");
  g_assert_cmpstr (sp_source_get_etag (got), ==, "\"v1\"");
  g_assert_cmpstr (sp_source_get_last_modified (got), ==, "Mon, 01 Jan 2024 00:00:00 GMT");
  g_assert_false (sp_source_is_stale (got, 1000 + 86400, 86400));
  g_assert_true (sp_source_is_stale (got, 1000 + 86401, 86400));
  g_object_unref (got);

  /* failure: the error and the status change, last success and validators stay */
  g_assert_true (sp_store_record_refresh (store, "feed", 2000, FALSE,
                                          "The server answered 503 Service Unavailable", 503,
                                          "HTTP/1.1 503 Service Unavailable", "\"ignored\"",
                                          "ignored", &error));
  g_assert_no_error (error);
  got = get_source (store, "feed");
  g_assert_cmpint (sp_source_get_last_attempt (got), ==, 2000);
  g_assert_cmpint (sp_source_get_last_success (got), ==, 1000);
  g_assert_cmpstr (sp_source_get_last_error (got), ==,
                   "The server answered 503 Service Unavailable");
  g_assert_cmpuint (sp_source_get_http_status (got), ==, 503);
  g_assert_cmpstr (sp_source_get_http_details (got), ==, "HTTP/1.1 503 Service Unavailable");
  g_assert_cmpstr (sp_source_get_etag (got), ==, "\"v1\"");
  g_assert_cmpstr (sp_source_get_last_modified (got), ==, "Mon, 01 Jan 2024 00:00:00 GMT");
  g_object_unref (got);

  /* a failure with no HTTP response at all */
  g_assert_true (sp_store_record_refresh (store, "feed", 2500, FALSE,
                                          "Could not connect to example.com", 0, NULL, NULL,
                                          NULL, &error));
  got = get_source (store, "feed");
  g_assert_cmpuint (sp_source_get_http_status (got), ==, 0);
  g_assert_null (sp_source_get_http_details (got));
  g_assert_cmpstr (sp_source_get_last_error (got), ==, "Could not connect to example.com");
  g_object_unref (got);

  /* 304 without validators: success, the error is cleared, ours are kept */
  g_assert_true (sp_store_record_refresh (store, "feed", 3000, TRUE, NULL, 304,
                                          "HTTP/1.1 304 Not Modified", NULL, NULL, &error));
  g_assert_no_error (error);
  got = get_source (store, "feed");
  g_assert_cmpint (sp_source_get_last_success (got), ==, 3000);
  g_assert_null (sp_source_get_last_error (got));
  g_assert_cmpuint (sp_source_get_http_status (got), ==, 304);
  g_assert_cmpstr (sp_source_get_etag (got), ==, "\"v1\"");
  g_assert_cmpstr (sp_source_get_last_modified (got), ==, "Mon, 01 Jan 2024 00:00:00 GMT");
  g_object_unref (got);

  /* 200 without validators: the old ones no longer describe the content */
  g_assert_true (sp_store_record_refresh (store, "feed", 4000, TRUE, NULL, 200, NULL, NULL,
                                          NULL, &error));
  got = get_source (store, "feed");
  g_assert_null (sp_source_get_etag (got));
  g_assert_null (sp_source_get_last_modified (got));
  g_object_unref (got);

  /* a new URL drops the validators; an unchanged one keeps them */
  g_assert_true (sp_store_record_refresh (store, "feed", 5000, TRUE, NULL, 200, NULL, "\"v2\"",
                                          NULL, &error));
  got = get_source (store, "feed");
  sp_source_set_enabled (got, FALSE);
  g_assert_true (sp_store_update_source (store, got, &error));
  g_assert_no_error (error);
  g_object_unref (got);
  got = get_source (store, "feed");
  g_assert_cmpstr (sp_source_get_etag (got), ==, "\"v2\"");
  sp_source_set_url (got, "https://example.com/feed-v2.json");
  g_assert_true (sp_store_update_source (store, got, &error));
  g_object_unref (got);
  got = get_source (store, "feed");
  g_assert_null (sp_source_get_etag (got));
  g_assert_cmpint (sp_source_get_last_success (got), ==, 5000);
  g_object_unref (got);

  /* so does a new format */
  g_assert_true (sp_store_record_refresh (store, "feed", 6000, TRUE, NULL, 200, NULL, "\"v3\"",
                                          NULL, &error));
  got = get_source (store, "feed");
  sp_source_set_format (got, SP_FEED_FORMAT_LITELLM);
  g_assert_true (sp_store_update_source (store, got, &error));
  g_object_unref (got);
  got = get_source (store, "feed");
  g_assert_null (sp_source_get_etag (got));
  g_assert_cmpint (sp_source_get_format (got), ==, SP_FEED_FORMAT_LITELLM);
  g_object_unref (got);
}

/* Imports into a configured source keep its configuration; imports into a
 * new name make a source with no URL; offer counts come from the offers. */
static void
test_store_import_and_config (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpSource) s = sp_source_new ("feed", "https://example.com/feed.json",
                                         SP_FEED_FORMAT_AUTO);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const three[] = { "a", "b", "c", NULL };
  static const char * const two[] = { "x", "y", NULL };
  SpSource *got;

  sp_source_set_has_api_key (s, TRUE);
  sp_source_set_refresh_policy (s, SP_REFRESH_ON_START);
  add_source (store, s);
  g_assert_true (sp_store_record_refresh (store, "feed", 500, TRUE, NULL, 200, "HTTP/1.1 200 OK",
                                          "\"e1\"", "Mon, 01 Jan 2024 00:00:00 GMT", &error));
  g_assert_no_error (error);

  import_offers (store, "feed", three, 2000000, 1000);
  import_offers (store, "hand", two, 3000000, 1100);

  got = get_source (store, "feed");
  g_assert_cmpstr (sp_source_get_url (got), ==, "https://example.com/feed.json");
  /* the configured format stays AUTO; the import does not overwrite it */
  g_assert_cmpint (sp_source_get_format (got), ==, SP_FEED_FORMAT_AUTO);
  g_assert_true (sp_source_get_has_api_key (got));
  g_assert_cmpint (sp_source_get_refresh_policy (got), ==, SP_REFRESH_ON_START);
  g_assert_cmpstr (sp_source_get_etag (got), ==, "\"e1\"");
  g_assert_cmpstr (sp_source_get_last_modified (got), ==, "Mon, 01 Jan 2024 00:00:00 GMT");
  g_assert_cmpstr (sp_source_get_http_details (got), ==, "HTTP/1.1 200 OK");
  g_assert_cmpuint (sp_source_get_offer_count (got), ==, 3);
  /* the import at 1000 is the latest good data */
  g_assert_cmpint (sp_source_get_last_success (got), ==, 1000);
  g_object_unref (got);

  got = get_source (store, "hand");
  g_assert_null (sp_source_get_url (got));
  g_assert_cmpint (sp_source_get_format (got), ==, SP_FEED_FORMAT_SUANPAN);
  g_assert_true (sp_source_get_enabled (got));
  g_assert_false (sp_source_get_has_api_key (got));
  g_assert_cmpuint (sp_source_get_offer_count (got), ==, 2);
  g_assert_cmpint (sp_source_get_last_success (got), ==, 1100);
  g_assert_cmpint (sp_source_get_last_attempt (got), ==, 0);
  g_object_unref (got);

  list = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (sp_source_get_name (g_ptr_array_index (list, 0)), ==, "feed");
  g_assert_cmpuint (sp_source_get_offer_count (g_ptr_array_index (list, 0)), ==, 3);
  g_assert_cmpstr (sp_source_get_name (g_ptr_array_index (list, 1)), ==, "hand");
  g_assert_cmpuint (sp_source_get_offer_count (g_ptr_array_index (list, 1)), ==, 2);

  /* a hand-imported source may be given a URL later, and added again is refused */
  {
    g_autoptr(SpSource) again = sp_source_new ("hand", "https://example.com/hand.json",
                                               SP_FEED_FORMAT_SUANPAN);
    g_assert_false (sp_store_add_source (store, again, &error));
    g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL);
    g_clear_error (&error);
    g_assert_true (sp_store_update_source (store, again, &error));
    g_assert_no_error (error);
  }
  got = get_source (store, "hand");
  g_assert_cmpstr (sp_source_get_url (got), ==, "https://example.com/hand.json");
  g_assert_cmpuint (sp_source_get_offer_count (got), ==, 2);
  g_object_unref (got);
}

static void
test_store_delete_keeps_others (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autoptr(SpSource) a = sp_source_new ("alpha", "https://alpha.example/feed.json",
                                         SP_FEED_FORMAT_SUANPAN);
  g_autoptr(SpSource) b = sp_source_new ("beta", "https://beta.example/feed.json",
                                         SP_FEED_FORMAT_SUANPAN);
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GArray) hist = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const ids[] = { "h100", "a100", NULL };

  add_source (store, a);
  add_source (store, b);
  import_offers (store, "alpha", ids, 2000000, 1000);
  import_offers (store, "alpha", ids, 2500000, 2000);  /* a second history point */
  import_offers (store, "beta", ids, 3000000, 1000);
  g_assert_cmpuint (sp_store_count_offers (store, NULL), ==, 4);

  g_assert_true (sp_store_delete_source (store, "alpha", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (sp_store_count_offers (store, "alpha"), ==, 0);
  g_assert_cmpuint (sp_store_count_offers (store, "beta"), ==, 2);
  offers = sp_store_load_offers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, ==, 2);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      g_assert_cmpstr (o->source, ==, "beta");
      g_assert_cmpint (o->price, ==, 3000000);
    }

  /* the history of the deleted source stays, both points */
  hist = sp_store_price_history (store, "alpha", "h100", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hist->len, ==, 2);
  g_assert_cmpint (g_array_index (hist, SpPricePoint, 0).observed_at, ==, 1000);
  g_assert_cmpint (g_array_index (hist, SpPricePoint, 0).price, ==, 2000000);
  g_assert_cmpint (g_array_index (hist, SpPricePoint, 1).observed_at, ==, 2000);
  g_assert_cmpint (g_array_index (hist, SpPricePoint, 1).price, ==, 2500000);

  g_assert_null (sp_store_get_source (store, "alpha", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the name can be used again */
  add_source (store, a);
  {
    g_autoptr(SpSource) got = get_source (store, "alpha");
    g_assert_cmpuint (sp_source_get_offer_count (got), ==, 0);
  }
}

/* A real v1 file, written by hand with the v1 schema, with data in it. */
static void
test_migrate_v1 (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) hist = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *etag = NULL;
  SpSource *src;
  sqlite3 *db;

  db = sp_test_sql_open (path);
  sp_test_sql_exec (db,
            "PRAGMA application_id = 1397771825;" /* 0x53504E31 "SPN1" */
            "BEGIN;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE sources (name TEXT PRIMARY KEY, format TEXT, vendor_name TEXT,"
            "  imported_at INTEGER, generated_at INTEGER, rows_read INTEGER,"
            "  rows_skipped INTEGER);"
            "CREATE TABLE offers ("
            "  source TEXT NOT NULL REFERENCES sources (name) ON DELETE CASCADE,"
            "  id TEXT NOT NULL, vendor_id TEXT, vendor_name TEXT, vendor_name_zh TEXT,"
            "  kind TEXT NOT NULL, name TEXT, model TEXT, gpu_model TEXT,"
            "  gpu_count INTEGER NOT NULL DEFAULT 0, gpu_memory_gb INTEGER NOT NULL DEFAULT 0,"
            "  vcpus_milli INTEGER NOT NULL DEFAULT 0, ram_mib INTEGER NOT NULL DEFAULT 0,"
            "  region TEXT, billing TEXT NOT NULL, min_commitment TEXT, currency TEXT,"
            "  tax TEXT NOT NULL, price INTEGER, input_price INTEGER, output_price INTEGER,"
            "  cached_input_price INTEGER, context_window INTEGER NOT NULL DEFAULT 0,"
            "  tiers TEXT, list_price TEXT, list_unit TEXT,"
            "  valid_from INTEGER NOT NULL DEFAULT 0, valid_to INTEGER NOT NULL DEFAULT 0,"
            "  storage_stopped_gb_month INTEGER, egress_gb INTEGER,"
            "  min_billing_seconds INTEGER NOT NULL DEFAULT 0, voucher_programmes TEXT,"
            "  fapiao TEXT NOT NULL, note TEXT, demo INTEGER NOT NULL DEFAULT 0,"
            "  fetched_at INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (source, id)) WITHOUT ROWID;"
            "CREATE TABLE price_history (source TEXT NOT NULL, offer_id TEXT NOT NULL,"
            "  observed_at INTEGER NOT NULL, currency TEXT NOT NULL, price INTEGER,"
            "  input_price INTEGER, output_price INTEGER, cached_input_price INTEGER);"
            "CREATE INDEX price_history_offer ON price_history (source, offer_id, observed_at);"
            "INSERT INTO meta VALUES ('demo-seeded', '1');"
            "INSERT INTO sources VALUES ('openrouter', 'openrouter', 'OpenRouter', 1700000000,"
            "  0, 3, 1);"
            "INSERT INTO offers (source, id, vendor_id, vendor_name, kind, name, model, billing,"
            "  currency, tax, input_price, output_price, fapiao) VALUES"
            "  ('openrouter', 'openai/gpt-4o', 'openrouter', 'OpenRouter', 'tokens', 'GPT-4o',"
            "   'openai/gpt-4o', 'on-demand', 'USD', 'excluded', 2500000, 10000000, 'none'),"
            "  ('openrouter', 'qwen/qwen-2.5-72b', 'openrouter', 'OpenRouter', 'tokens', 'Qwen',"
            "   'qwen/qwen-2.5-72b', 'on-demand', 'USD', 'excluded', 350000, NULL, 'none');"
            "INSERT INTO price_history VALUES"
            "  ('openrouter', 'openai/gpt-4o', 1690000000, 'USD', NULL, 5000000, 15000000, NULL),"
            "  ('openrouter', 'openai/gpt-4o', 1700000000, 'USD', NULL, 2500000, 10000000, NULL);"
            "PRAGMA user_version = 1;"
            "COMMIT;");
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA user_version"), ==, 1);
  sqlite3_close (db);

  store = sp_test_open_store (path);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);

  /* the data survived */
  offers = sp_store_load_offers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, ==, 2);
  {
    SpOffer *o = g_ptr_array_index (offers, 0);

    g_assert_cmpstr (o->id, ==, "openai/gpt-4o");
    g_assert_cmpint (o->kind, ==, SP_OFFER_KIND_TOKENS);
    g_assert_cmpint (o->input_price, ==, 2500000);
    g_assert_cmpint (o->output_price, ==, 10000000);
    o = g_ptr_array_index (offers, 1);
    g_assert_cmpstr (o->id, ==, "qwen/qwen-2.5-72b");
    g_assert_cmpint (o->output_price, ==, SP_MONEY_UNKNOWN);
  }
  hist = sp_store_price_history (store, "openrouter", "openai/gpt-4o", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hist->len, ==, 2);
  g_assert_cmpint (g_array_index (hist, SpPricePoint, 0).input_price, ==, 5000000);
  g_assert_cmpint (g_array_index (hist, SpPricePoint, 1).input_price, ==, 2500000);
  {
    g_autofree char *seeded = sp_store_get_meta (store, "demo-seeded");
    g_assert_cmpstr (seeded, ==, "1");
  }

  /* the old source is listed with the new columns at their defaults */
  list = sp_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  src = g_ptr_array_index (list, 0);
  g_assert_cmpstr (sp_source_get_name (src), ==, "openrouter");
  g_assert_null (sp_source_get_url (src));
  g_assert_cmpint (sp_source_get_format (src), ==, SP_FEED_FORMAT_OPENROUTER);
  g_assert_true (sp_source_get_enabled (src));
  g_assert_cmpint (sp_source_get_refresh_policy (src), ==, SP_REFRESH_MANUAL);
  g_assert_false (sp_source_get_has_api_key (src));
  g_assert_cmpint (sp_source_get_last_attempt (src), ==, 0);
  g_assert_cmpint (sp_source_get_last_success (src), ==, 1700000000);  /* its import */
  g_assert_null (sp_source_get_last_error (src));
  g_assert_cmpuint (sp_source_get_http_status (src), ==, 0);
  g_assert_null (sp_source_get_http_details (src));
  g_assert_null (sp_source_get_etag (src));
  g_assert_null (sp_source_get_last_modified (src));
  g_assert_cmpuint (sp_source_get_offer_count (src), ==, 2);

  /* the raw columns, as a v2 reader sees them */
  db = sp_test_sql_open (path);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA user_version"), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sp_test_sql_int (db, "PRAGMA application_id"), ==, 0x53504E31);
  url = sp_test_sql_text (db, "SELECT url FROM sources WHERE name = 'openrouter'");
  g_assert_null (url);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT enabled FROM sources"), ==, 1);
  policy = sp_test_sql_text (db, "SELECT refresh_policy FROM sources");
  g_assert_cmpstr (policy, ==, "manual");
  g_assert_cmpint (sp_test_sql_int (db, "SELECT has_api_key FROM sources"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT last_attempt FROM sources"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT last_success FROM sources"), ==, 0);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT http_status FROM sources"), ==, 0);
  etag = sp_test_sql_text (db, "SELECT etag FROM sources");
  g_assert_null (etag);
  g_assert_cmpint (sp_test_sql_int (db, "SELECT rows_read FROM sources"), ==, 3);
  sqlite3_close (db);

  /* the migrated source can be configured */
  sp_source_set_url (src, "https://openrouter.ai/api/v1/models");
  sp_source_set_has_api_key (src, TRUE);
  g_assert_true (sp_store_update_source (store, src, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SpSource) got = get_source (store, "openrouter");

    g_assert_cmpstr (sp_source_get_url (got), ==, "https://openrouter.ai/api/v1/models");
    g_assert_true (sp_source_get_has_api_key (got));
    g_assert_cmpuint (sp_source_get_offer_count (got), ==, 2);
  }

  /* opening again is a no-op */
  g_clear_object (&store);
  store = sp_test_open_store (path);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
}

static gboolean
memmem_found (const char *hay, gsize hay_len, const char *needle)
{
  gsize n = strlen (needle);

  if (n == 0 || hay_len < n)
    return FALSE;
  for (gsize i = 0; i + n <= hay_len; i++)
    if (memcmp (hay + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Every file of the database (main, -wal, -shm, journal) as bytes. */
static gboolean
db_files_contain (const char *dir_path, const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir_path, 0, NULL);
  const char *entry;
  gboolean found = FALSE;
  guint n_files = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = NULL;
      g_autofree char *bytes = NULL;
      gsize len = 0;

      if (!g_str_has_prefix (entry, "suanpan.db"))
        continue;
      file = g_build_filename (dir_path, entry, NULL);
      g_assert_true (g_file_get_contents (file, &bytes, &len, NULL));
      n_files++;
      found = found || memmem_found (bytes, len, needle);
    }
  g_assert_cmpuint (n_files, >=, 1);
  return found;
}

static void
test_api_key_never_in_db (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = sp_test_dir_db (dir);
  g_autoptr(SpStore) store = sp_test_open_store (path);
  g_autofree char *name = g_strdup_printf ("keyed-%d", (int) getpid ());
  g_autofree char *fake_key = g_strdup_printf ("sk-or-v1-FAKEKEY%dZZ9q", (int) getpid ());
  g_autofree char *back = NULL;
  g_autoptr(SpSource) s = sp_source_new (name, "https://openrouter.ai/api/v1/models",
                                         SP_FEED_FORMAT_OPENROUTER);
  g_autoptr(GError) error = NULL;
  static const char * const ids[] = { "m1", NULL };

  g_setenv ("SUANPAN_SECRET_COLLECTION", "session", TRUE);
  if (!sp_secret_store_sync (name, fake_key, &error))
    {
      if (sp_secret_error_is_unavailable (error))
        {
          g_test_skip ("No Secret Service (keyring) on the session bus; "
                       "run under dbus-run-session");
          return;
        }
      g_assert_no_error (error);
    }

  /* the usual flow: key to the keyring, flag to the store */
  sp_source_set_has_api_key (s, TRUE);
  add_source (store, s);
  import_offers (store, name, ids, 1000000, 1000);
  g_assert_true (sp_store_record_refresh (store, name, 1000, TRUE, NULL, 200,
                                          "HTTP/1.1 200 OK", "\"etag\"", NULL, &error));
  g_assert_no_error (error);

  back = sp_secret_lookup_sync (name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, fake_key);
  {
    g_autoptr(SpSource) got = get_source (store, name);
    g_assert_true (sp_source_get_has_api_key (got));
  }

  /* while open (WAL) and after closing (checkpointed) */
  g_assert_true (db_files_contain (dir->path, "\"etag\""));  /* the check can see */
  g_assert_false (db_files_contain (dir->path, fake_key));
  g_clear_object (&store);
  g_assert_true (db_files_contain (dir->path, name));
  g_assert_false (db_files_contain (dir->path, fake_key));

  g_assert_true (sp_secret_clear_sync (name, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_setenv ("SUANPAN_SECRET_COLLECTION", "session", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sources/source/properties", test_source_properties);
  g_test_add_func ("/sources/source/stale", test_source_stale);
  g_test_add_func ("/sources/source/refresh-policy", test_refresh_policy_strings);
  g_test_add_func ("/sources/rules/url", test_url_rules);
  g_test_add_func ("/sources/rules/url-messages", test_url_messages);
  g_test_add_func ("/sources/rules/name", test_name_rules);
  g_test_add_func ("/sources/presets", test_presets);
  g_test_add_func ("/sources/store/round-trip", test_store_round_trip);
  g_test_add_func ("/sources/store/refused", test_store_refused);
  g_test_add_func ("/sources/store/record-refresh", test_store_record_refresh);
  g_test_add_func ("/sources/store/import-and-config", test_store_import_and_config);
  g_test_add_func ("/sources/store/delete-keeps-others", test_store_delete_keeps_others);
  g_test_add_func ("/sources/store/migrate-v1", test_migrate_v1);
  g_test_add_func ("/sources/store/api-key-never-in-db", test_api_key_never_in_db);

  return g_test_run ();
}
