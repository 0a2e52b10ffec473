/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-refresh.c — are sources really refreshed concurrently?
 *
 * Part 1: 8 loopback sources (sp-fault-server on 127.0.0.1), each answering
 * a small valid Suanpan feed after 300 ms.  One refresh of all 8 is timed
 * against a refresh of a single one, measured in the same run; the figure is
 * the median of N runs (interleaved).  Concurrent fetching makes the ratio
 * close to 1 (target <= 1.3); one after the other it would be 8.
 *
 * Part 2: the largest recorded catalog (litellm
 * model_prices_and_context_window.json) is served from loopback and
 * refreshed; the wall time and the process memory high-water mark (VmHWM
 * from /proc/self/status) before and after are printed.  The server keeps
 * the file in memory in the same process, so "before" is read after the
 * server has loaded it.  Skipped with a message when ../shared/catalogs is
 * absent.
 *
 * Usage: bench-refresh [--runs N] [--check] [CATALOG_DIR]
 * --check exits with status 1 when the ratio is above the target.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sp-refresh.h"
#include "sp-store.h"
#include "sp-fault-server.h"
#include "sp-rss.h"
#include "sp-test-util.h"
#include "bench-util.h"

#define DEFAULT_RUNS  5
#define N_SOURCES     8
#define DELAY_MS      300
#define TARGET_RATIO  1.3

typedef struct {
  GPtrArray *outcomes;
  GError    *error;
  gboolean   done;
} Wait;

static void
on_refreshed (GObject *object, GAsyncResult *result, gpointer data)
{
  Wait *wait = data;

  wait->outcomes = sp_refresher_refresh_finish (SP_REFRESHER (object), result, &wait->error);
  wait->done = TRUE;
}

/* Wall time in ms of one refresh of @names; FALSE when a source failed. */
static gboolean
timed_refresh (SpRefresher *refresher, const char * const *names, double *ms)
{
  Wait wait = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = TRUE;

  sp_refresher_refresh_async (refresher, names, NULL, on_refreshed, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  *ms = (g_get_monotonic_time () - t0) / 1000.0;

  if (wait.error != NULL)
    {
      g_printerr ("refresh failed: %s\n", wait.error->message);
      g_error_free (wait.error);
      return FALSE;
    }
  for (guint i = 0; i < wait.outcomes->len; i++)
    {
      SpRefreshOutcome *outcome = g_ptr_array_index (wait.outcomes, i);

      if (!outcome->ok)
        {
          g_printerr ("%s: %s\n", outcome->name, outcome->error);
          ok = FALSE;
        }
    }
  g_ptr_array_unref (wait.outcomes);

  return ok;
}

/* VmHWM / VmRSS from /proc/self/status in kB (0 when unavailable). */
static guint64
proc_status_kb (const char *field)
{
  return MAX (sp_proc_status_kb ("self", field), 0);
}

static char *
small_feed (guint i)
{
  return g_strdup_printf (
    "{\"suanpan_feed\": \"1.0\","
    " \"vendor\": {\"id\": \"bench-%u\", \"name\": {\"en\": \"Bench %u\"}},"
    " \"offers\": ["
    "  {\"id\": \"gpu\", \"kind\": \"gpu\", \"name\": \"1 x H100 SXM\","
    "   \"spec\": {\"gpu_model\": \"H100 SXM\", \"gpu_count\": 1, \"billing\": \"on-demand\"},"
    "   \"price\": {\"currency\": \"CNY\", \"tax\": \"included\", \"per_unit\": \"%u.50\"}}"
    " ]}", i, i, 20 + i);
}

static gboolean
add_source (SpStore *store, const char *name, const char *url, SpFeedFormat format)
{
  g_autoptr(SpSource) source = sp_source_new (name, url, format);
  g_autoptr(GError) error = NULL;

  if (!sp_store_add_source (store, source, &error))
    {
      g_printerr ("cannot add source %s: %s\n", name, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Returns FALSE on failure; *ratio receives the median ratio. */
static gboolean
bench_concurrency (SpStore *store, SpFaultServer *server, guint runs, double *ratio)
{
  g_autoptr(SpRefresher) refresher = NULL;
  SpRefreshConfig config;
  const char *names[N_SOURCES + 1] = { NULL };
  const char *one[] = { "bench-0", NULL };
  g_autofree double *single = g_new0 (double, runs);
  g_autofree double *all = g_new0 (double, runs);
  g_autofree double *ratios = g_new0 (double, runs);
  double single_ms, all_ms;
  char name_buf[N_SOURCES][16];

  for (guint i = 0; i < N_SOURCES; i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed-%u.json", i);
      g_autofree char *url = sp_fault_server_url (server, path);
      g_autofree char *feed = small_feed (i);

      g_snprintf (name_buf[i], sizeof name_buf[i], "bench-%u", i);
      names[i] = name_buf[i];
      sp_fault_route_set_delay (sp_fault_server_serve_string (server, path, 200, feed), DELAY_MS);
      if (!add_source (store, names[i], url, SP_FEED_FORMAT_SUANPAN))
        return FALSE;
    }

  sp_refresh_config_init_default (&config);
  config.max_retries = 0;
  refresher = sp_refresher_new (store, &config);

  g_print ("concurrency: %u loopback sources, each answering after %u ms; %u runs\n",
           N_SOURCES, DELAY_MS, runs);
  for (guint r = 0; r < runs; r++)
    {
      if (!timed_refresh (refresher, one, &single[r]) ||
          !timed_refresh (refresher, names, &all[r]))
        return FALSE;
      ratios[r] = all[r] / single[r];
      g_print ("  run %u: single %.1f ms, all %u %.1f ms, ratio %.3f\n",
               r + 1, single[r], N_SOURCES, all[r], ratios[r]);
    }

  single_ms = median_mean (single, runs);
  all_ms = median_mean (all, runs);
  *ratio = median_mean (ratios, runs);
  g_print ("concurrency: single source %.1f ms (median), all %u sources %.1f ms (median)\n",
           single_ms, N_SOURCES, all_ms);
  g_print ("concurrency: ratio all/single %.3f (median of %u runs; target <= %.1f, "
           "sequential would be %u)\n", *ratio, runs, TARGET_RATIO, N_SOURCES);

  return TRUE;
}

static gboolean
bench_catalog (SpStore *store, SpFaultServer *server, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "litellm", "model_prices_and_context_window.json", NULL);
  g_autofree char *url = sp_fault_server_url (server, "/litellm/model_prices_and_context_window.json");
  g_autoptr(SpRefresher) refresher = NULL;
  const char *names[] = { "litellm", NULL };
  SpRefreshConfig config;
  GStatBuf st;
  guint64 hwm_before, hwm_after, rss_after;
  double ms;

  if (g_stat (path, &st) != 0)
    {
      g_print ("catalog: skipped: %s is missing\n", path);
      return TRUE;
    }

  sp_fault_server_serve_file (server, "/litellm/model_prices_and_context_window.json", path);
  if (!add_source (store, "litellm", url, SP_FEED_FORMAT_LITELLM))
    return FALSE;

  sp_refresh_config_init_default (&config);
  refresher = sp_refresher_new (store, &config);

  hwm_before = proc_status_kb ("VmHWM");
  if (!timed_refresh (refresher, names, &ms))
    return FALSE;
  hwm_after = proc_status_kb ("VmHWM");
  rss_after = proc_status_kb ("VmRSS");

  g_print ("catalog: litellm model_prices_and_context_window.json (%.2f MB) from loopback: "
           "refreshed in %.1f ms, %u offers stored\n",
           st.st_size / 1e6, ms, sp_store_count_offers (store, "litellm"));
  g_print ("catalog: VmHWM before %.1f MB, after %.1f MB (+%.1f MB); VmRSS after %.1f MB\n",
           hwm_before / 1024.0, hwm_after / 1024.0, (hwm_after - hwm_before) / 1024.0,
           rss_after / 1024.0);

  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *catalogs = NULL;
  g_autoptr(SpStore) store = NULL;
  SpFaultServer *server;
  const char *dir_arg = NULL;
  guint runs = DEFAULT_RUNS;
  gboolean check = FALSE;
  gboolean ok;
  double ratio = 0;

  /* loopback only: no system proxy lookups */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--runs") == 0 && i + 1 < argc)
        runs = MAX (1, (guint) atoi (argv[++i]));
      else if (g_strcmp0 (argv[i], "--check") == 0)
        check = TRUE;
      else
        dir_arg = argv[i];
    }

  tmpdir = g_dir_make_tmp ("suanpan-bench-refresh-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  db = g_build_filename (tmpdir, "suanpan.db", NULL);
  store = sp_store_open (db, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  server = sp_fault_server_new ();

  ok = bench_concurrency (store, server, runs, &ratio);

  catalogs = sp_test_find_catalog_dir (dir_arg, SP_BENCH_CATALOGS);
  if (ok && catalogs == NULL)
    g_print ("catalog: skipped: ../shared/catalogs is absent (the recorded vendor catalogs "
             "are not part of this repository)\n");
  else if (ok)
    ok = bench_catalog (store, server, catalogs);

  sp_fault_server_free (server);
  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (db, suffixes[i], NULL);

        g_remove (file);
      }
    g_rmdir (tmpdir);
  }

  if (!ok)
    return 1;
  if (check && ratio > TARGET_RATIO)
    {
      g_print ("ratio %.3f is above the target %.1f\n", ratio, TARGET_RATIO);
      return 1;
    }
  return 0;
}
