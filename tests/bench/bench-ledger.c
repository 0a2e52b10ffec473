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
 * 2. The monthly report over those entries: sp_ledger_monthly() by vendor in
 *    CNY (the GROUP BY statement of sp_ledger_monthly_sql() plus the per-cell
 *    conversion and single rounding in C) against the sqlite3 program
 *    answering the same question from a table designed for it (issue 16
 *    item 8): the live entries copied into their own file as an integer
 *    month (yyyymm), the vendor, the currency, the rate and the four integer
 *    sums the report adds (paid and subsidy already net of the money
 *    reimbursed later), with a covering index in GROUP BY order.  sqlite3
 *    prints the sums per (month, vendor, currency, rate); the last step (a
 *    few thousand groups converted and rounded once per cell) is done here,
 *    untimed, and every figure of sp_ledger_monthly() must equal it to the
 *    micro-unit (else the program fails).  Also shown: sqlite3 running the
 *    ledger's own SQL on the ledger's own file.  Median of R runs each
 *    (default 5), interleaved.  Target: ≤ 1.5 × the designed table.
 *
 * Usage: bench-ledger [--rows N] [--runs R] [--check] [--keep]
 * --check exits with status 1 when the report's ratio is above 1.5.
 * Without the sqlite3 program it says so and exits 77 (skipped).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "sp-ledger.h"
#include "sp-test-util.h"
#include "bench-util.h"

#define TARGET_RATIO 1.5

__extension__ typedef __int128 BenchInt128;

/* The table designed for the monthly report (see the top of the file). */
#define DESIGNED_SQL                                                          \
  "ATTACH %s AS l;"                                                           \
  "CREATE TABLE monthly_input (month INTEGER NOT NULL, vendor TEXT NOT NULL," \
  " currency TEXT NOT NULL, rate INTEGER NOT NULL, paid INTEGER NOT NULL,"    \
  " subsidy INTEGER NOT NULL, list INTEGER NOT NULL,"                         \
  " reimbursed INTEGER NOT NULL) STRICT;"                                     \
  "INSERT INTO monthly_input SELECT CAST (replace (month, '-', '') AS INTEGER)," \
  " vendor, currency, rate_usd_cny, paid - reimbursed_later,"                 \
  " subsidy + reimbursed_later, list_amount, reimbursed_later"                \
  " FROM l.ledger_entries WHERE deleted_at IS NULL;"                          \
  "CREATE INDEX monthly_input_cover ON monthly_input"                         \
  " (month, vendor, currency, rate, paid, subsidy, list, reimbursed);"        \
  "ANALYZE;"
#define DESIGNED_QUERY                                                        \
  "SELECT month, vendor, currency, rate, sum(paid), sum(subsidy), sum(list), " \
  "sum(reimbursed), count(*) FROM monthly_input GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"

static const char * const vendors[] = {
  "AutoDL", "Aliyun", "Tencent Cloud", "Huawei Cloud", "Volcengine", "Baidu AI Cloud",
  "Lambda", "RunPod", "Vast.ai", "CoreWeave", "AWS", "Azure", "GCP", "OpenAI",
  "Anthropic", "DeepSeek", "Moonshot", "Zhipu", "SiliconFlow", "Paratera",
};
static const char * const kinds[] = { "gpu", "cpu", "tokens", "other" };
static const char * const categories[] = {
  "training", "inference", "research", "eval", "data", "infra", "demo", "r&d", "ops", "misc",
};

/* CPU seconds (user + system) of this process, or of its waited-for
 * children: on a shared machine the wall clock also counts waiting for a
 * core, for either side. */
static double
usage_cpu_s (int who)
{
  struct rusage u;

  getrusage (who, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
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

/* Runs @argv; its output is kept in @out (or thrown away when NULL). */
static double
run_program_output (const char * const  *argv,
                    char               **out)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  double t0 = now_s ();

  g_spawn_sync (NULL, (char **) argv, NULL,
                (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) | G_SPAWN_SEARCH_PATH, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", argv[0], error->message);
  return now_s () - t0;
}

static double
run_program (const char * const *argv)
{
  return run_program_output (argv, NULL);
}

static gint64
round_micro (BenchInt128 v)
{
  BenchInt128 q = v / 1000000;
  BenchInt128 r = v % 1000000;

  if (r >= 500000)
    q++;
  else if (r <= -500000)
    q--;
  return (gint64) q;
}

/* The figures in CNY from the designed table's sums per (month, vendor,
 * currency, rate), worked out as docs/ledger-csv.md says (exact sums, one
 * rounding per cell), compared with @ours cell by cell.  Returns the number
 * of cells that differ (a missing or extra cell counts). */
static guint
compare_figures (const char *sums,
                 GPtrArray  *ours,
                 gint64      totals[4],
                 guint64    *n_entries)
{
  g_auto(GStrv) lines = g_strsplit (sums, "\n", -1);
  BenchInt128 cell[4] = { 0 };
  guint cell_n = 0;
  char cell_month[8] = "";
  g_autofree char *cell_vendor = NULL;
  guint n_cells = 0;
  guint bad = 0;

  for (guint i = 0; ; i++)
    {
      g_auto(GStrv) f = lines[i] != NULL && *lines[i] != '\0' ? g_strsplit (lines[i], "|", -1) : NULL;
      char month[8] = "";

      if (f != NULL)
        {
          gint64 yyyymm = g_ascii_strtoll (f[0], NULL, 10);

          g_assert_cmpuint (g_strv_length (f), ==, 9);
          g_snprintf (month, sizeof month, "%04d-%02d", (int) (yyyymm / 100), (int) (yyyymm % 100));
        }
      if (cell_vendor != NULL &&
          (f == NULL || !g_str_equal (month, cell_month) || !g_str_equal (f[1], cell_vendor)))
        {
          const SpLedgerMonthlyRow *r = n_cells < ours->len ? g_ptr_array_index (ours, n_cells) : NULL;
          gint64 v[4];

          for (int k = 0; k < 4; k++)
            {
              v[k] = round_micro (cell[k]);
              totals[k] += v[k];
            }
          *n_entries += cell_n;
          if (r == NULL || !g_str_equal (r->month, cell_month) || !g_str_equal (r->key, cell_vendor) ||
              r->paid != v[0] || r->subsidy != v[1] || r->list != v[2] || r->reimbursed != v[3] ||
              r->n_entries != cell_n)
            {
              if (bad++ < 3)
                g_printerr ("  figures differ at %s %s\n", cell_month, cell_vendor);
            }
          n_cells++;
          memset (cell, 0, sizeof cell);
          cell_n = 0;
          g_clear_pointer (&cell_vendor, g_free);
        }
      if (f == NULL)
        break;
      if (cell_vendor == NULL)
        {
          g_strlcpy (cell_month, month, sizeof cell_month);
          cell_vendor = g_strdup (f[1]);
        }
      for (int k = 0; k < 4; k++)
        {
          gint64 sum = g_ascii_strtoll (f[4 + k], NULL, 10);

          cell[k] += g_str_equal (f[2], "USD") ? (BenchInt128) sum * g_ascii_strtoll (f[3], NULL, 10)
                                               : (BenchInt128) sum * 1000000;
        }
      cell_n += (guint) g_ascii_strtoll (f[8], NULL, 10);
    }
  if (n_cells != ours->len)
    bad += n_cells > ours->len ? n_cells - ours->len : ours->len - n_cells;
  return bad;
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
  g_autofree char *designed_db = NULL;
  g_autofree char *designed_sql = NULL;
  g_autofree char *quoted_db = NULL;
  g_autofree char *designed_sums = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  gint64 totals[4] = { 0 };
  guint64 n_counted = 0;
  guint n_bad;
  g_autofree char *import_cmd = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  double t_gen, t_import, t_sqlite_import, t_open;
  double *ours, *theirs, *same, *ours_cpu, *theirs_cpu;
  double m_ours, m_theirs, m_same, m_ours_cpu, m_theirs_cpu;
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
  designed_db = g_build_filename (tmp, "designed.db", NULL);

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

  /* ---- the monthly report */
  quoted_db = g_strdup_printf ("'%s'", db);
  designed_sql = g_strdup_printf (DESIGNED_SQL, quoted_db);
  run_program ((const char *[]) { sqlite3_prog, designed_db, designed_sql, NULL });
  ours = g_new (double, runs);
  theirs = g_new (double, runs);
  same = g_new (double, runs);
  ours_cpu = g_new (double, runs);
  theirs_cpu = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) result = NULL;
      double c0 = usage_cpu_s (RUSAGE_SELF);
      double t0 = now_s ();

      result = sp_ledger_monthly (ledger, NULL, NULL, SP_LEDGER_BY_VENDOR, "CNY", NULL, &error);
      g_assert_no_error (error);
      ours[r] = now_s () - t0;
      ours_cpu[r] = usage_cpu_s (RUSAGE_SELF) - c0;
      n_rows_out = result->len;
      g_clear_pointer (&figures, g_ptr_array_unref);
      figures = g_steal_pointer (&result);

      c0 = usage_cpu_s (RUSAGE_CHILDREN);
      theirs[r] = run_program ((const char *[]) { sqlite3_prog, designed_db, DESIGNED_QUERY, NULL });
      theirs_cpu[r] = usage_cpu_s (RUSAGE_CHILDREN) - c0;
      same[r] = run_program ((const char *[]) {
        sqlite3_prog, db, ".parameter set ?1 0", ".parameter set ?2 999999",
        sp_ledger_monthly_sql (SP_LEDGER_BY_VENDOR), NULL });
    }
  m_ours = sp_test_median (ours, runs);
  m_theirs = sp_test_median (theirs, runs);
  m_same = sp_test_median (same, runs);
  m_ours_cpu = sp_test_median (ours_cpu, runs);
  m_theirs_cpu = sp_test_median (theirs_cpu, runs);

  /* the figures: every cell against the designed table's answer (untimed) */
  run_program_output ((const char *[]) { sqlite3_prog, designed_db, DESIGNED_QUERY, NULL },
                      &designed_sums);
  n_bad = compare_figures (designed_sums, figures, totals, &n_counted);

  g_print ("\nmonthly by vendor in CNY over %d entries (%u month-vendor cells)\n", rows, n_rows_out);
  g_print ("  SQL: %s\n", sp_ledger_monthly_sql (SP_LEDGER_BY_VENDOR));
  g_print ("  designed table: %s\n", DESIGNED_QUERY);
  g_print ("                                   wall       CPU\n");
  g_print ("  sp_ledger_monthly            %8.3f s %8.3f s\n", m_ours, m_ours_cpu);
  g_print ("  sqlite3 (designed table)     %8.3f s %8.3f s  (the whole program)\n", m_theirs,
           m_theirs_cpu);
  g_print ("  sqlite3 (the ledger's SQL)   %8.3f s\n", m_same);
  g_print ("  ratio                        %8.2f   %8.2f    (target <= %.1f) %s\n",
           m_ours / m_theirs, m_ours_cpu / m_theirs_cpu, TARGET_RATIO,
           m_ours / m_theirs <= TARGET_RATIO ? "ok" : "ABOVE TARGET");
  {
    const char *names[] = { "paid", "subsidy", "list", "reimbursed" };

    g_print ("  figures: %u cells, %" G_GUINT64_FORMAT " entries; totals", n_rows_out, n_counted);
    for (int k = 0; k < 4; k++)
      {
        g_autofree char *text = sp_money_to_string (totals[k], 2);

        g_print (" %s %s", names[k], text);
      }
    g_print (" CNY\n  figures %s\n", n_bad == 0 ? "identical to the designed table's, to the micro-yuan"
                                               : "DIFFER from the designed table's");
  }

  g_clear_object (&ledger);
  if (keep)
    {
      g_print ("  kept %s\n", tmp);
      goto out;
    }
  g_unlink (csv);
  g_unlink (plain_db);
  g_unlink (designed_db);
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
  g_free (same);
  g_free (ours_cpu);
  g_free (theirs_cpu);

  if (n_bad > 0)
    return 1;

  if (check && m_ours / m_theirs > TARGET_RATIO)
    return 1;
  return 0;
}
