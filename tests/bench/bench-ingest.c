/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-ingest.c — how fast a real catalog gets from disk into the store
 *
 * For each recorded catalog in ../shared/catalogs this times a full ingest:
 * read the file, sp_import_parse() (format auto unless the table names one), sp_store_replace_source()
 * into a fresh temporary database (opening/migrating that database is done
 * before the clock starts and reported apart).  The figure is the median of
 * N runs, compared with a parse-only baseline measured in the same run:
 *
 *   JSON:  jq . FILE >/dev/null
 *   CSV:   sqlite3 :memory: '.import --csv FILE t'
 *
 * The baselines are separate processes, so their time includes starting a
 * process.  That cost is measured too (spawning `true`); ingest, baseline and
 * `true` are interleaved run by run so that load changes hit all three alike.
 * Two ratios are
 * printed: the raw one (ingest / baseline, as measured) and one without spawn
 * overhead (ingest / (baseline - spawn)).  Target: ingest <= 2 × baseline.
 * On a shared machine the wall times swing with the others' load, so the
 * CPU time (user + system, getrusage) of the ingest and of the baseline
 * process is printed too, with its ratio: for information, the target is
 * the raw one.  So are the fastest run of each (ingest, baseline, `true`)
 * and their ratios: a shared machine's load only adds, so they are the
 * nearest to a quiet machine's figures.
 *
 * Usage: bench-ingest [--runs N] [--check] [--only TEXT] [CATALOG_DIR]
 * The catalog folder is the argument when given; otherwise the first that
 * exists of $SUANPAN_SHARED_CATALOGS, the folder configured at build time and
 * ../shared/catalogs.  Without catalogs it says so and exits 77 (skipped).
 * --check exits with status 1 when a raw ratio is above the target.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sp-import.h"
#include "sp-store.h"
#include "sp-test-util.h"

#define DEFAULT_RUNS 15
#define TARGET_RATIO 2.0

/* A catalog made by the bench itself from a recorded one (written to the
 * temporary folder before the clock starts; never committed). */
typedef char *(*GenerateFunc) (const char *recorded, const char *tmpdir, GError **error);

typedef struct {
  const char   *label;
  const char   *relative;  /* recorded file (or the template of a generated one) */
  gboolean      csv;       /* baseline: sqlite3 .import (CSV) or jq . (JSON) */
  GenerateFunc  generate;  /* NULL: bench the recorded file itself */
  const char   *format;    /* --format name ("genai-prices"); NULL: auto */
} Catalog;

static char *generate_gcp_full (const char *recorded, const char *tmpdir, GError **error);

/* JSON catalogs take `jq .` as their baseline, CSV ones `sqlite3 .import`.
 * A new format needs one line here: its recorded file, csv FALSE/TRUE, and
 * its --format name when auto-detection does not find it (a name this build
 * does not know is reported as a failure of that line, not of the bench). */
static const Catalog catalogs[] = {
  /* JSON */
  { "litellm", "litellm/model_prices_and_context_window.json", FALSE, NULL },
  { "openrouter", "openrouter/openrouter_models_2026-08-01.json", FALSE, NULL },
  { "openrouter-2025-07", "openrouter_2025-07_tools/openrouter_models.json", FALSE, NULL },
  /* JSON feeds of issue 13 */
  { "llm-prices-cn", "llm_prices_cn/prices.2026-08-01.json", FALSE, NULL, "llm-prices-cn" },
  { "genai-prices", "genai_prices/data.json", FALSE, NULL, "genai-prices" },
  /* CSV */
  { "skypilot-vast", "skypilot/v8_vast_vms.csv", TRUE, NULL },
  { "skypilot-aws-gpu", "skypilot/v8_aws_vms.gpu_excerpt.csv", TRUE, NULL },
  { "skypilot-runpod", "skypilot/v8_runpod_vms.head.csv", TRUE, NULL },
  { "skypilot-azure", "skypilot_azure/azure_vms.eastus.csv", TRUE, NULL },
  { "skypilot-gcp-zone", "skypilot_gcp/gcp_vms.us-central1-a.csv", TRUE, NULL },
  /* the whole GCP catalog's size: 30,510 rows, ~2.3 MB */
  { "skypilot-gcp-full", "skypilot_gcp/gcp_vms.us-central1-a.csv", TRUE, generate_gcp_full },
};

#define GCP_FULL_ROWS 30510

typedef struct {
  gint64 read_us;
  gint64 parse_us;
  gint64 store_us;
  gint64 total_us;
  gint64 cpu_us;    /* user + system time of read + parse + store */
  gint64 open_us;   /* fresh database: open + migrate, not in total */
  gint64 load_us;   /* sp_store_load_offers afterwards, not in total */
  guint  n_offers;
} IngestRun;

/* the median of @n samples in µs, in ms (sp_test_median) */
static double
median_ms (const gint64 *samples, guint n)
{
  g_autofree double *ms = g_new (double, n);

  for (guint i = 0; i < n; i++)
    ms[i] = samples[i] / 1000.0;
  return sp_test_median (ms, (int) n);
}

/* the smallest of @n samples in µs, in ms */
static double
min_ms (const gint64 *samples, guint n)
{
  gint64 m = samples[0];

  for (guint i = 1; i < n; i++)
    m = MIN (m, samples[i]);
  return m / 1000.0;
}

/* 64400 -> "64,400" */
static char *
format_thousands (guint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* user + system time so far of this process (RUSAGE_SELF) or of its
 * waited-for children (RUSAGE_CHILDREN), in µs */
static gint64
cpu_time_us (int who)
{
  struct rusage ru;

  if (getrusage (who, &ru) != 0)
    return 0;
  return (gint64) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * G_USEC_PER_SEC +
         ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

static gboolean
ingest_once (const char   *path,
             SpFeedFormat  format,
             const char   *db_path,
             IngestRun    *run,
             GError      **error)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gint64 t0, t1, t2, t3, t4, c0;

  remove_db (db_path);
  t0 = g_get_monotonic_time ();
  store = sp_store_open (db_path, error);
  if (store == NULL)
    return FALSE;
  t1 = g_get_monotonic_time ();
  run->open_us = t1 - t0;

  /* the timed ingest */
  c0 = cpu_time_us (RUSAGE_SELF);
  t1 = g_get_monotonic_time ();
  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;
  t2 = g_get_monotonic_time ();
  result = sp_import_parse (data, len, format, NULL, path, error);
  if (result == NULL)
    return FALSE;
  t3 = g_get_monotonic_time ();
  if (!sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC, NULL, error))
    return FALSE;
  t4 = g_get_monotonic_time ();
  run->cpu_us = cpu_time_us (RUSAGE_SELF) - c0;

  run->read_us = t2 - t1;
  run->parse_us = t3 - t2;
  run->store_us = t4 - t3;
  run->total_us = t4 - t1;
  run->n_offers = sp_import_result_get_rows_normalized (result);

  t0 = g_get_monotonic_time ();
  loaded = sp_store_load_offers (store, error);
  if (loaded == NULL)
    return FALSE;
  run->load_us = g_get_monotonic_time () - t0;
  if (loaded->len != run->n_offers)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "stored %u offers but loaded %u back", run->n_offers, loaded->len);
      return FALSE;
    }
  return TRUE;
}

/* Runs @argv once; returns the wall time in µs, or -1 on failure. */
static gint64
spawn_once (const char * const *argv,
            GError            **error)
{
  int status = 0;
  gint64 t0 = g_get_monotonic_time ();
  gint64 t1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error))
    return -1;
  t1 = g_get_monotonic_time ();
  if (!g_spawn_check_wait_status (status, error))
    return -1;
  return t1 - t0;
}

/* The whole SkyPilot-format GCP catalog has 30,510 rows (about 2.3 MB) over
 * some 60 zones; ../shared keeps one zone.  This writes a catalog of that
 * size and layout: the recorded zone's rows again and again, each copy in a
 * zone of its own (real GCP region names, zones -a, -b, -c), its prices
 * varied by the copy number appended as one more decimal digit, so every row
 * is a distinct offer. */
static const char *gcp_regions[] = {
  "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2",
  "us-west3", "us-west4", "northamerica-northeast1", "southamerica-east1", "europe-west1",
  "europe-west2", "europe-west3", "europe-west4", "europe-north1", "asia-east1",
  "asia-northeast1", "asia-southeast1", "australia-southeast1",
};

static char *
generate_gcp_full (const char  *recorded,
                   const char  *tmpdir,
                   GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *out_path = g_build_filename (tmpdir, "gcp_vms.generated.csv", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n = 0;

  if (!g_file_get_contents (recorded, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  if (lines[0] == NULL)
    return NULL;
  g_string_append_printf (out, "%s\n", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (rows, lines[i]);
  if (rows->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s has no rows", recorded);
      return NULL;
    }

  for (guint copy = 0; n < GCP_FULL_ROWS; copy++)
    {
      const char *region = gcp_regions[(copy / 3) % G_N_ELEMENTS (gcp_regions)];
      g_autofree char *zone = g_strdup_printf ("%s-%c", region, 'a' + copy % 3);

      for (guint r = 0; r < rows->len && n < GCP_FULL_ROWS; r++, n++)
        {
          /* InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,
           * Region,AvailabilityZone,Price,SpotPrice */
          g_auto(GStrv) f = g_strsplit (g_ptr_array_index (rows, r), ",", -1);
          guint nf = g_strv_length (f);

          if (nf != 10)
            {
              g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (rows, r));
              continue;
            }
          g_string_append_printf (out, "%s,%s,%s,%s,%s,%s,%s,%s,", f[0], f[1], f[2], f[3], f[4],
                                  f[5], region, zone);
          /* price: the recorded one with the copy number in a 6th decimal */
          for (guint k = 8; k < 10; k++)
            {
              if (*f[k] != '\0' && copy > 0)
                g_string_append_printf (out, "%s%s%u", f[k], strchr (f[k], '.') ? "" : ".",
                                        copy % 10);
              else
                g_string_append (out, f[k]);
              g_string_append_c (out, k == 8 ? ',' : '\n');
            }
        }
    }

  if (!g_file_set_contents (out_path, out->str, (gssize) out->len, error))
    return NULL;
  return g_steal_pointer (&out_path);
}

static void
report_failure (const Catalog *cat,
                GString       *summary,
                const char    *message)
{
  g_print ("%s: FAILED: %s\n", cat->label, message);
  g_string_append_printf (summary, "%s: failed: %s\n", cat->label, message);
}

/* Returns FALSE when the file had to be skipped or failed.  The ingest, the
 * baseline process and the spawn of `true` are interleaved run by run, so a
 * change in machine load hits all three alike. */
static gboolean
bench_catalog (const Catalog *cat,
               const char    *dir,
               const char    *tmpdir,
               guint          runs,
               double        *ratio_out,
               GString       *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recorded = g_build_filename (dir, cat->relative, NULL);
  g_autofree char *path = NULL;
  g_autofree char *db_path = g_build_filename (tmpdir, "bench.db", NULL);
  g_autofree gint64 *total_us = g_new (gint64, runs);
  g_autofree gint64 *read_us = g_new (gint64, runs);
  g_autofree gint64 *parse_us = g_new (gint64, runs);
  g_autofree gint64 *store_us = g_new (gint64, runs);
  g_autofree gint64 *open_us = g_new (gint64, runs);
  g_autofree gint64 *load_us = g_new (gint64, runs);
  g_autofree gint64 *baseline_us = g_new (gint64, runs);
  g_autofree gint64 *spawn_us = g_new (gint64, runs);
  g_autofree gint64 *cpu_us = g_new (gint64, runs);
  g_autofree gint64 *baseline_cpu_us = g_new (gint64, runs);
  g_autofree char *rate = NULL;
  g_autofree char *import_cmd = NULL;
  const char *true_argv[] = { "true", NULL };
  const char *base_argv[4] = { NULL, };
  const char *baseline_name;
  gboolean have_baseline = TRUE;
  double ingest_ms, baseline_ms, spawn_ms;
  IngestRun run = { 0 };
  SpFeedFormat format = SP_FEED_FORMAT_AUTO;
  guint n_offers;
  double size_mb;

  *ratio_out = -1;
  if (!g_file_test (recorded, G_FILE_TEST_IS_REGULAR))
    {
      g_print ("%s: SKIPPED, recorded catalog %s is missing\n", cat->label, recorded);
      g_string_append_printf (summary, "%s: skipped (file missing)\n", cat->label);
      return FALSE;
    }
  if (cat->generate != NULL)
    {
      path = cat->generate (recorded, tmpdir, &error);
      if (path == NULL)
        {
          report_failure (cat, summary, error->message);
          return FALSE;
        }
    }
  else
    path = g_strdup (recorded);
  {
    GStatBuf st;

    size_mb = g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0.0;
  }

  if (cat->csv)
    {
      import_cmd = g_strdup_printf (".import --csv \"%s\" t", path);
      base_argv[0] = "sqlite3";
      base_argv[1] = ":memory:";
      base_argv[2] = import_cmd;
      baseline_name = "sqlite3 .import";
    }
  else
    {
      base_argv[0] = "jq";
      base_argv[1] = ".";
      base_argv[2] = path;
      baseline_name = "jq";
    }

  /* warm-up: page cache, interned strings, SQLite's first prepare */
  if (cat->format != NULL && !sp_feed_format_from_string (cat->format, &format))
    {
      report_failure (cat, summary, "this build does not know the format");
      return FALSE;
    }
  if (!ingest_once (path, format, db_path, &run, &error))
    {
      report_failure (cat, summary, error->message);
      return FALSE;
    }
  n_offers = run.n_offers;
  if (spawn_once (base_argv, &error) < 0 || spawn_once (true_argv, &error) < 0)
    {
      g_print ("%s: baseline `%s` unavailable: %s\n", cat->label, base_argv[0], error->message);
      g_clear_error (&error);
      have_baseline = FALSE;
    }

  for (guint i = 0; i < runs; i++)
    {
      if (!ingest_once (path, format, db_path, &run, &error))
        {
          report_failure (cat, summary, error->message);
          return FALSE;
        }
      g_assert (run.n_offers == n_offers);
      total_us[i] = run.total_us;
      cpu_us[i] = run.cpu_us;
      read_us[i] = run.read_us;
      parse_us[i] = run.parse_us;
      store_us[i] = run.store_us;
      open_us[i] = run.open_us;
      load_us[i] = run.load_us;
      if (have_baseline)
        {
          gint64 c0 = cpu_time_us (RUSAGE_CHILDREN);

          baseline_us[i] = spawn_once (base_argv, &error);
          baseline_cpu_us[i] = cpu_time_us (RUSAGE_CHILDREN) - c0;
          spawn_us[i] = baseline_us[i] >= 0 ? spawn_once (true_argv, &error) : -1;
          if (baseline_us[i] < 0 || spawn_us[i] < 0)
            {
              g_print ("%s: baseline `%s` failed: %s\n", cat->label, base_argv[0],
                       error->message);
              g_clear_error (&error);
              have_baseline = FALSE;
            }
        }
    }
  remove_db (db_path);
  if (cat->generate != NULL)
    g_unlink (path);
  ingest_ms = median_ms (total_us, runs);

  rate = format_thousands ((guint64) (n_offers / (ingest_ms / 1000.0) + 0.5));
  g_print ("%s (%s%s, %.2f MB), %u offers\n", cat->label,
           cat->generate != NULL ? "generated from " : "", cat->relative, size_mb, n_offers);
  g_print ("  ingest medians: read %.2f ms, parse %.2f ms, store %.2f ms; "
           "read+parse+store %.2f ms\n",
           median_ms (read_us, runs), median_ms (parse_us, runs), median_ms (store_us, runs),
           ingest_ms);
  g_print ("  not counted: open+migrate fresh db %.2f ms, load back %.2f ms\n",
           median_ms (open_us, runs), median_ms (load_us, runs));

  if (!have_baseline)
    {
      g_print ("  baseline %s: unavailable\n", baseline_name);
      g_string_append_printf (summary,
                              "%s: %u offers, ingest %.1f ms (%s offers/s), %s unavailable, "
                              "ratio n/a (target <= %.1f)\n",
                              cat->label, n_offers, ingest_ms, rate, baseline_name, TARGET_RATIO);
    }
  else
    {
      double raw;
      double net_baseline;
      double cpu_ms, baseline_cpu_ms;
      g_autofree char *net = NULL;

      baseline_ms = median_ms (baseline_us, runs);
      spawn_ms = median_ms (spawn_us, runs);
      raw = ingest_ms / baseline_ms;
      net_baseline = baseline_ms - spawn_ms;
      if (net_baseline > 0.01)
        net = g_strdup_printf ("%.2f", ingest_ms / net_baseline);
      else
        net = g_strdup ("n/a");
      g_print ("  baseline %s %.2f ms; starting a process (`true`) %.2f ms\n",
               baseline_name, baseline_ms, spawn_ms);
      g_print ("  ratio raw, ingest / (%s as measured): %.2f\n", baseline_name, raw);
      g_print ("  ratio without spawn overhead, ingest / (%s - `true`): %s\n",
               baseline_name, net);
      /* the quietest run of each (a shared machine's load only adds) */
      g_print ("  fastest runs: ingest %.2f ms (parse %.2f, store %.2f), %s %.2f ms, `true` "
               "%.2f ms: ratio %.2f raw, %.2f without the process start\n",
               min_ms (total_us, runs), min_ms (parse_us, runs), min_ms (store_us, runs),
               baseline_name, min_ms (baseline_us, runs), min_ms (spawn_us, runs),
               min_ms (total_us, runs) / min_ms (baseline_us, runs),
               min_ms (total_us, runs) / MAX (min_ms (baseline_us, runs) -
                                              min_ms (spawn_us, runs), 0.01));
      cpu_ms = median_ms (cpu_us, runs);
      baseline_cpu_ms = median_ms (baseline_cpu_us, runs);
      g_print ("  CPU time (user + system): ingest %.2f ms, %s %.2f ms: ratio %.2f "
               "(information: steadier than wall time on a loaded machine)\n",
               cpu_ms, baseline_name, baseline_cpu_ms,
               baseline_cpu_ms > 0.01 ? cpu_ms / baseline_cpu_ms : 0.0);
      g_string_append_printf (summary,
                              "%s: %u offers, ingest %.1f ms (%s offers/s), %s %.1f ms, "
                              "ratio %.2f raw, %s without the %.1f ms process start "
                              "(target <= %.1f); CPU %.1f ms vs %.1f ms\n",
                              cat->label, n_offers, ingest_ms, rate, baseline_name,
                              baseline_ms, raw, net, spawn_ms, TARGET_RATIO,
                              cpu_ms, baseline_cpu_ms);
      *ratio_out = raw;
    }
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *tmpdir = NULL;
  int runs = DEFAULT_RUNS;
  gboolean check = FALSE;
  g_autofree char *only = NULL;
  gboolean over_target = FALSE;
  guint n_done = 0;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs per measurement (median)", "N" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Exit 1 when a raw ratio is above the target",
      NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Bench only the catalogs whose label contains TEXT",
      "TEXT" },
    { NULL }
  };

  context = g_option_context_new ("[CATALOG_DIR] — time catalog ingest into the store");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (runs < 1)
    runs = 1;

  dir = sp_test_find_catalog_dir (argc > 1 ? argv[1] : NULL, SP_BENCH_CATALOGS);
  if (dir == NULL)
    {
      g_print ("SKIPPED: ../shared/catalogs is absent (set SUANPAN_SHARED_CATALOGS or pass the "
               "folder): the recorded vendor catalogs are not available in this checkout, "
               "so there is nothing to benchmark\n");
      return 77;
    }

  tmpdir = g_dir_make_tmp ("suanpan-bench-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("Suanpan ingest benchmark: median of %d runs, catalogs in %s\n", runs, dir);
  g_print ("Ingest = read + sp_import_parse (auto) + sp_store_replace_source into a fresh db.\n"
           "Baselines (separate processes, interleaved with the ingest runs): jq . FILE for "
           "JSON,\nsqlite3 :memory: '.import --csv FILE t' for CSV, and `true` for the cost of "
           "starting a process.\n\n");

  for (gsize i = 0; i < G_N_ELEMENTS (catalogs); i++)
    {
      double ratio;

      if (only != NULL && strstr (catalogs[i].label, only) == NULL)
        continue;
      if (bench_catalog (&catalogs[i], dir, tmpdir, (guint) runs, &ratio, summary))
        n_done++;
      if (ratio > TARGET_RATIO)
        over_target = TRUE;
    }
  {
    /* a generated catalog left behind by a failed run */
    g_autofree char *generated = g_build_filename (tmpdir, "gcp_vms.generated.csv", NULL);

    g_unlink (generated);
  }
  g_rmdir (tmpdir);

  g_print ("\nSummary. \"raw\" = ingest / baseline process as measured (its time includes "
           "starting the process);\n\"without the process start\" = ingest / (baseline - "
           "median time of spawning `true`):\n%s", summary->str);

  if (n_done == 0)
    return 77;
  if (check && over_target)
    return 1;
  return 0;
}
