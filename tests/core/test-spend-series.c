/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-spend-series.c — the Spending page's chart data without a display
 * (issue 16 item 4): the top keys and "Other", the months of a period. */
#include "config.h"

#include <string.h>

#include "sp-core.h"
#include "sp-spend-series.h"
#include "sp-test-util.h"

/* short, as the cases read */
#define M sp_test_money

static void
add_row (GPtrArray  *rows,
         const char *month,
         const char *key,
         const char *paid,
         const char *subsidy)
{
  SpLedgerMonthlyRow *row = g_new0 (SpLedgerMonthlyRow, 1);

  g_strlcpy (row->month, month, sizeof row->month);
  row->key = g_strdup (key);
  g_strlcpy (row->currency, "CNY", sizeof row->currency);
  row->paid = M (paid);
  row->subsidy = M (subsidy);
  g_ptr_array_add (rows, row);
}

static void
test_months (void)
{
  g_auto(GStrv) year = sp_spend_months_between ("2025-11", "2026-02");
  g_auto(GStrv) none = sp_spend_months_between ("2026-03", "2026-02");
  g_auto(GStrv) far = sp_spend_months_between ("1900-01", "2200-12");
  char from[8], to[8];
  GDate today;

  g_assert_cmpuint (g_strv_length (year), ==, 4);
  g_assert_cmpstr (year[0], ==, "2025-11");
  g_assert_cmpstr (year[1], ==, "2025-12");
  g_assert_cmpstr (year[2], ==, "2026-01");
  g_assert_cmpstr (year[3], ==, "2026-02");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (far), ==, 1200);

  /* the last 12 months from the 31st of a month: no day overflow */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, G_DATE_MARCH, 2026);
  sp_spend_last_months (&today, 12, from, to);
  g_assert_cmpstr (from, ==, "2025-04");
  g_assert_cmpstr (to, ==, "2026-03");
  g_date_set_dmy (&today, 15, G_DATE_JANUARY, 2026);
  sp_spend_last_months (&today, 1, from, to);
  g_assert_cmpstr (from, ==, "2026-01");
  g_assert_cmpstr (to, ==, "2026-01");
  sp_spend_year_months ("2024", from, to);
  g_assert_cmpstr (from, ==, "2024-01");
  g_assert_cmpstr (to, ==, "2024-12");
}

/* Three series at most: the two biggest keys and "Other" for the rest;
 * ties by key; negative months (refunds) do not rank a key up */
static void
test_top_and_other (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_monthly_row_free);
  g_autoptr(SpSpendSeries) s = NULL;
  g_autoptr(SpSpendSeries) all = NULL;

  add_row (rows, "2026-01", "acme", "100", "20");     /* acme 120 + 50 = 170 */
  add_row (rows, "2026-02", "acme", "50", "0");
  add_row (rows, "2026-01", "bolt", "90", "0");       /* bolt 90 */
  add_row (rows, "2026-02", "cirrus", "90", "0");     /* cirrus 90: tie, after bolt */
  add_row (rows, "2026-03", "", "5", "1");            /* no vendor: 6 */
  add_row (rows, "2026-03", "dyne", "-40", "0");      /* a refund: 0 */
  add_row (rows, "2025-12", "acme", "999", "0");      /* outside the period */

  s = sp_spend_series_new (rows, "2026-01", "2026-03", 3);
  g_assert_cmpuint (s->n_months, ==, 3);
  g_assert_cmpstr (s->months[0], ==, "2026-01");
  g_assert_cmpuint (s->n_series, ==, 3);
  g_assert_cmpuint (s->n_named, ==, 2);
  g_assert_true (s->has_other);
  /* acme counted 999 more from December: ranking is by the rows given */
  g_assert_cmpstr (s->keys[0], ==, "acme");
  g_assert_cmpstr (s->keys[1], ==, "bolt");
  g_assert_null (s->keys[2]);
  /* January: acme 100/20, bolt 90 */
  g_assert_cmpint (s->paid[0 * 3 + 0], ==, M ("100"));
  g_assert_cmpint (s->subsidy[0 * 3 + 0], ==, M ("20"));
  g_assert_cmpint (s->paid[0 * 3 + 1], ==, M ("90"));
  /* February: cirrus goes to Other */
  g_assert_cmpint (s->paid[1 * 3 + 2], ==, M ("90"));
  /* March: no vendor and the refund in Other: 5 − 40 */
  g_assert_cmpint (s->paid[2 * 3 + 2], ==, M ("-35"));
  g_assert_cmpint (s->subsidy[2 * 3 + 2], ==, M ("1"));
  g_assert_cmpint (sp_spend_series_month_total (s, 0), ==, M ("210"));
  g_assert_cmpint (sp_spend_series_month_total (s, 2), ==, M ("-34"));

  /* room for every key: no Other, "" is a series of its own */
  all = sp_spend_series_new (rows, "2026-01", "2026-03", 8);
  g_assert_false (all->has_other);
  g_assert_cmpuint (all->n_series, ==, 5);
  g_assert_cmpuint (all->n_named, ==, 5);
  g_assert_cmpstr (all->keys[3], ==, "");
  g_assert_cmpstr (all->keys[4], ==, "dyne");
}

/* From a real ledger file: the series hold every fen of the monthly report */
static void
test_from_ledger (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "suanpan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = sp_ledger_open (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SpSpendSeries) s = NULL;
  const char *vendors[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" };
  SpMoney expected = 0, got = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();

      g_snprintf (e->date, sizeof e->date, "2026-%02u-%02u", 1 + i % 6, 1 + i % 27);
      e->vendor = g_strdup (vendors[i % G_N_ELEMENTS (vendors)]);
      e->item = g_strdup ("item");
      e->kind = SP_LEDGER_KIND_GPU;
      e->quantity = M ("1");
      e->unit = g_strdup ("card-hour");
      e->paid = M ("1.01") * (i + 1);
      g_strlcpy (e->currency, "CNY", sizeof e->currency);
      g_assert_cmpint (sp_ledger_add (ledger, e, &error), >, 0);
      g_assert_no_error (error);
      expected += e->paid;
    }
  rows = sp_ledger_monthly (ledger, "2026-01", "2026-06", SP_LEDGER_BY_VENDOR, "CNY", NULL, &error);
  g_assert_no_error (error);
  s = sp_spend_series_new (rows, "2026-01", "2026-06", 8);
  g_assert_cmpuint (s->n_months, ==, 6);
  g_assert_cmpuint (s->n_series, ==, 8);
  g_assert_true (s->has_other);
  for (guint m = 0; m < s->n_months; m++)
    got += sp_spend_series_month_total (s, m);
  g_assert_cmpint (got, ==, expected);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sp_core_init ();

  g_test_add_func ("/core/spend-series/months", test_months);
  g_test_add_func ("/core/spend-series/top-and-other", test_top_and_other);
  g_test_add_func ("/core/spend-series/from-ledger", test_from_ledger);
  return g_test_run ();
}
