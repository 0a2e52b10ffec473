/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ledger-crash.c — a ledger writer killed with SIGKILL at random points
 * loses nothing it committed.
 *
 * The test re-executes itself as "test-ledger-crash --writer DB": the child
 * adds entries in a loop (single adds, and now and then a 5-row CSV import in
 * one transaction) and prints "ID PAID" for each entry only after the commit
 * has returned.  The parent kills it after a random delay (fixed seed), 100
 * times on the same file, then checks PRAGMA integrity_check and that every
 * reported entry is present with its amount. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-test-util.h"

#define N_KILLS 100

static void
report (gint64  id,
        SpMoney paid)
{
  char line[64];
  int n = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", id, paid);
  const char *p = line;

  while (n > 0)
    {
      ssize_t w = write (STDOUT_FILENO, p, n);

      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        _exit (3);
      p += w;
      n -= (int) w;
    }
}

static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = sp_ledger_open (path, &error);
  guint pid = (guint) getpid ();

  if (ledger == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 2;
    }
  for (guint i = 0;; i++)
    {
      /* paid encodes the writer and the step so amounts differ */
      SpMoney paid = (SpMoney) (pid % 100000) * 1000000 + i + 1;

      if (i % 10 == 9)
        {
          GString *csv = g_string_new ("date,vendor,item,kind,quantity,unit,amount,currency,category,note\n");
          gint64 first = 0;
          guint n = 0;

          for (guint k = 0; k < 5; k++)
            {
              g_autofree char *amount = sp_money_to_string (paid + k, 0);

              g_string_append_printf (csv, "2026-01-%02u,crash,import,other,1,u,%s,CNY,c,%u-%u\n",
                                      (i % 28) + 1, amount, pid, i);
            }
          if (!sp_ledger_import_csv (ledger, csv->str, csv->len, NULL, &first, &n, &error))
            {
              g_printerr ("writer: %s\n", error->message);
              g_string_free (csv, TRUE);
              return 2;
            }
          g_string_free (csv, TRUE);
          for (guint k = 0; k < n; k++)
            report (first + k, paid + k);
        }
      else
        {
          g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
          gint64 id;

          g_snprintf (e->date, sizeof e->date, "2026-01-%02u", (i % 28) + 1);
          e->vendor = g_strdup ("crash");
          e->item = g_strdup ("add");
          e->kind = SP_LEDGER_KIND_GPU;
          e->quantity = SP_MONEY_SCALE;
          e->unit = g_strdup ("card-hour");
          e->paid = paid;
          memcpy (e->currency, "CNY", 4);
          e->note = g_strdup_printf ("%u-%u", pid, i);
          id = sp_ledger_add (ledger, e, &error);
          if (id == 0)
            {
              g_printerr ("writer: %s\n", error->message);
              return 2;
            }
          report (id, paid);
        }
    }
  return 0;
}

static void
test_sigkill_writer (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "suanpan.db", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260308);
  g_autoptr(GHashTable) committed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *check = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_killed = 0;

  g_assert_nonnull (self_exe);

  for (guint round = 0; round < N_KILLS; round++)
    {
      const char *argv[] = { self_exe, "--writer", path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      GPid pid;
      int out_fd;
      int status = 0;
      char buf[4096];
      ssize_t n;
      char *line;
      char *end;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      /* a random point: during the open/migration, or after many commits.
       * Every other writer is first let commit once (its first report line
       * read), so some commits are killed after on any machine: under ASan on
       * a loaded one, 120 ms may not reach the first commit. */
      if (round % 2 == 1)
        while (strchr (out->str, '\n') == NULL &&
               (n = read (out_fd, buf, sizeof buf)) > 0)
          g_string_append_len (out, buf, n);
      g_usleep (1000 * g_rand_int_range (rand, 1, 120));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        n_killed++;
      else
        g_error ("the writer ended by itself (status %d)", status);

      while ((n = read (out_fd, buf, sizeof buf)) > 0)
        g_string_append_len (out, buf, n);
      close (out_fd);
      g_spawn_close_pid (pid);

      /* complete lines only: a line cut by the kill is not a report */
      line = out->str;
      while ((end = strchr (line, '\n')) != NULL)
        {
          gint64 id, paid;
          char *rest = NULL;

          *end = '\0';
          id = g_ascii_strtoll (line, &rest, 10);
          paid = g_ascii_strtoll (rest, NULL, 10);
          g_assert_cmpint (id, >, 0);
          g_hash_table_replace (committed, g_memdup2 (&id, sizeof id), g_memdup2 (&paid, sizeof paid));
          line = end + 1;
        }
    }
  g_assert_cmpuint (n_killed, ==, N_KILLS);
  g_test_message ("%u committed entries reported by %u killed writers",
                  g_hash_table_size (committed), N_KILLS);
  g_assert_cmpuint (g_hash_table_size (committed), >, 0);

  /* the file is sound and every reported entry is there with its amount */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpstr (check, ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT paid FROM ledger_entries "
                                       "WHERE id = ?1 AND deleted_at IS NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_hash_table_iter_init (&iter, committed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("committed entry %" G_GINT64_FORMAT " is missing", *(gint64 *) key);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, *(gint64 *) value);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  /* imports are all or nothing: every import present has its 5 rows */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM (SELECT note FROM ledger_entries "
                                       "WHERE item = 'import' GROUP BY note HAVING count(*) != 5)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* and the ledger opens it again */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpLedger) ledger = sp_ledger_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sp_ledger_count (ledger), >=, (gint64) g_hash_table_size (committed));
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ledger-crash/sigkill-writer", test_sigkill_writer);
  return g_test_run ();
}
