/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-ledger.c — the spending ledger at a million entries
 *
 * 1. Import: a generated CSV of N rows (default 1,000,000; five years,
 *    2021-01 … 2025-12, 20 vendors, CNY and USD) in the documented columns is
 *    imported with sp_ledger_import_csv() into a fresh database (one
 *    transaction, every row checked).  Reported: the time, rows per second
 *    and the ratio against `sqlite3 DB ".import --csv FILE t"` of the same
 *    file (plain TEXT columns, no checks), measured in the same run.
 *
 * 2. Monthly aggregation over those entries: sp_ledger_monthly() by vendor
 *    in CNY (the GROUP BY statement of sp_ledger_monthly_sql() plus the
 *    per-cell conversion and single rounding in C) against the sqlite3
 *    program running the same SQL with the same parameters on the same file.
 *    Median of R runs each (default 5), interleaved.  Target: ≤ 1.5 ×.
 *
 * Usage: bench-ledger [--rows N] [--runs R] [--check] [--keep]
 * --check exits with status 1 when the aggregation ratio is above 1.5.
 * Without the sqlite3 program it says so and exits 77 (skipped).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sp-ledger.h"

#define TARGET_RATIO 1.5

static const char * const vendors[] = {
  "AutoDL", "Aliyun", "Tencent Cloud", "Huawei Cloud", "Volcengine", "Baidu AI Cloud",
  "Lambda", "RunPod", "Vast.ai", "CoreWeave", "AWS", "Azure", "GCP", "OpenAI",
  "Anthropic", "DeepSeek", "Moonshot", "Zhipu", "SiliconFlow", "Paratera",
};
static const char * const kinds[] = { "gpu", "cpu", "tokens", "other" };
static const char * const categories[] = {
  "training", "inference", "research", "eval", "data", "infra", "demo", "r&d", "ops", "misc",
};

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
generate_csv (const char *path,
              guint       rows)
{
  g_autoptr(GError) error = NULL;
  GString *s = g_string_sized_new ((gsize) rows * 110);
  GRand *rand = g_rand_new_with_seed (8);

  g_string_append (s, "date,vendor,item,kind,quantity,unit,amount,currency,category,"
                      "subsidy,rate_usd_cny,rate_date\n");
  for (guint i = 0; i < rows; i++)
    {
      guint year = 2021 + g_rand_int_range (rand, 0, 5);
      guint month = g_rand_int_range (rand, 1, 13);
      guint day = g_rand_int_range (rand, 1, 29);
      guint v = g_rand_int_range (rand, 0, G_N_ELEMENTS (vendors));
      gboolean usd = v >= 6 && v <= 14;
      guint cents = g_rand_int_range (rand, 1, 500000);
      guint subsidy = g_rand_int_range (rand, 0, 4) == 0 ? cents / 5 : 0;

      g_string_append_printf (s, "%04u-%02u-%02u,%s,item %u,%s,%u.5,card-hour,%u.%02u,%s,%s,"
                                 "%u.%02u,7.%u,%04u-%02u-01\n",
                              year, month, day, vendors[v], i % 97,
                              kinds[g_rand_int_range (rand, 0, 4)], 1 + i % 9,
                              cents / 100, cents % 100, usd ? "USD" : "CNY",
                              categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))],
                              subsidy / 100, subsidy % 100, 1 + (year - 2021) % 3, year, month);
    }
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  g_string_free (s, TRUE);
  g_rand_free (rand);
}

static double
run_program (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  double t0 = now_s ();

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", argv[0], error->message);
  return now_s () - t0;
}

int
main (int    argc,
      char **argv)
{
  gint rows = 1000000;
  gint runs = 5;
  gboolean check = FALSE;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Entries to generate (default 1000000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement (default 5)", "R" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Exit 1 when the aggregation ratio is above 1.5", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated files", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— ledger benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *sqlite3_prog = g_find_program_in_path ("sqlite3");
  g_autofree char *tmp = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *db = NULL;
  g_autofree char *plain_db = NULL;
  g_autofree char *import_cmd = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  double t_gen, t_import, t_sqlite_import, t_open;
  double *ours, *theirs;
  double m_ours, m_theirs;
  gint64 first_id = 0;
  guint n = 0;
  guint n_rows_out = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (rows < 1 || runs < 1)
    return 2;
  if (sqlite3_prog == NULL)
    {
      g_print ("the sqlite3 program is not installed: nothing to compare with (skipped)\n");
      return 77;
    }

  tmp = g_dir_make_tmp ("suanpan-bench-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  csv = g_build_filename (tmp, "ledger.csv", NULL);
  db = g_build_filename (tmp, "suanpan.db", NULL);
  plain_db = g_build_filename (tmp, "plain.db", NULL);

  g_print ("bench-ledger: %d entries, median of %d runs\n", rows, runs);
  t_gen = now_s ();
  generate_csv (csv, (guint) rows);
  t_gen = now_s () - t_gen;
  g_print ("  generated %s in %.2f s\n", csv, t_gen);

  /* ---- import */
  t_open = now_s ();
  ledger = sp_ledger_open (db, &error);
  g_assert_no_error (error);
  t_open = now_s () - t_open;
  mapped = g_mapped_file_new (csv, FALSE, &error);
  g_assert_no_error (error);

  t_import = now_s ();
  if (!sp_ledger_import_csv (ledger, g_mapped_file_get_contents (mapped),
                             g_mapped_file_get_length (mapped), NULL, &first_id, &n, &error))
    g_error ("import failed: %s", error->message);
  t_import = now_s () - t_import;
  g_assert_cmpuint (n, ==, (guint) rows);

  import_cmd = g_strdup_printf (".import --csv %s t", csv);
  t_sqlite_import = run_program ((const char *[]) { sqlite3_prog, plain_db, import_cmd, NULL });

  g_print ("\nimport (open/migrate %.3f s, not counted)\n", t_open);
  g_print ("  sp_ledger_import_csv   %8.3f s  %10.0f rows/s  (checked, one transaction, index)\n",
           t_import, rows / t_import);
  g_print ("  sqlite3 .import --csv  %8.3f s  %10.0f rows/s  (TEXT columns, no checks)\n",
           t_sqlite_import, rows / t_sqlite_import);
  g_print ("  ratio                  %8.2f\n", t_import / t_sqlite_import);

  /* ---- monthly aggregation */
  ours = g_new (double, runs);
  theirs = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) result = NULL;
      double t0 = now_s ();

      result = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_VENDOR, "CNY", NULL, &error);
      g_assert_no_error (error);
      ours[r] = now_s () - t0;
      n_rows_out = result->len;

      theirs[r] = run_program ((const char *[]) {
        sqlite3_prog, db, ".parameter set ?1 '0000-00'", ".parameter set ?2 '9999-99'",
        sp_ledger_monthly_sql (SP_LEDGER_BY_VENDOR), NULL });
    }
  m_ours = median (ours, runs);
  m_theirs = median (theirs, runs);
  g_print ("\nmonthly by vendor in CNY over %d entries (%u month-vendor cells)\n", rows, n_rows_out);
  g_print ("  SQL: %s\n", sp_ledger_monthly_sql (SP_LEDGER_BY_VENDOR));
  g_print ("  sp_ledger_monthly      %8.3f s\n", m_ours);
  g_print ("  sqlite3 (same SQL)     %8.3f s\n", m_theirs);
  g_print ("  ratio                  %8.2f  (target <= %.1f) %s\n", m_ours / m_theirs, TARGET_RATIO,
           m_ours / m_theirs <= TARGET_RATIO ? "ok" : "ABOVE TARGET");

  g_clear_object (&ledger);
  if (keep)
    {
      g_print ("  kept %s\n", tmp);
      goto out;
    }
  g_unlink (csv);
  g_unlink (plain_db);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (tmp);
out:
  g_free (ours);
  g_free (theirs);

  if (check && m_ours / m_theirs > TARGET_RATIO)
    return 1;
  return 0;
}
