/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spend-series.c — the Spending page's chart data, shaped without GTK
 * (moved from src/app/spending, issue 16 item 4) */
#include "config.h"

#include <string.h>

#include "sp-spend-series.h"

char **
sp_spend_months_between (const char *from_month,
                         const char *to_month)
{
  GPtrArray *months = g_ptr_array_new ();
  guint y, m, ty, tm;

  g_return_val_if_fail (from_month != NULL && strlen (from_month) >= 7, NULL);
  g_return_val_if_fail (to_month != NULL && strlen (to_month) >= 7, NULL);

  y = (guint) g_ascii_strtoull (from_month, NULL, 10);
  m = (guint) g_ascii_strtoull (from_month + 5, NULL, 10);
  ty = (guint) g_ascii_strtoull (to_month, NULL, 10);
  tm = (guint) g_ascii_strtoull (to_month + 5, NULL, 10);
  while ((y < ty || (y == ty && m <= tm)) && months->len < 1200)
    {
      g_ptr_array_add (months, g_strdup_printf ("%04u-%02u", y, m));
      if (++m > 12)
        {
          m = 1;
          y++;
        }
    }
  g_ptr_array_add (months, NULL);
  return (char **) g_ptr_array_free (months, FALSE);
}

void
sp_spend_last_months (const GDate *today,
                      guint        n,
                      char         from[8],
                      char         to[8])
{
  GDate first;

  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (n >= 1);

  first = *today;
  g_date_set_day (&first, 1);
  g_date_subtract_months (&first, n - 1);
  g_snprintf (from, 8, "%04u-%02u", g_date_get_year (&first), g_date_get_month (&first));
  g_snprintf (to, 8, "%04u-%02u", g_date_get_year (today), g_date_get_month (today));
}

void
sp_spend_year_months (const char *year,
                      char        from[8],
                      char        to[8])
{
  g_return_if_fail (year != NULL);

  g_snprintf (from, 8, "%.4s-01", year);
  g_snprintf (to, 8, "%.4s-12", year);
}

/* By total (paid + subsidy) descending, then by key. */
static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GHashTable *totals = user_data;
  const char *ka = *(const char * const *) a;
  const char *kb = *(const char * const *) b;
  SpMoney ta = *(SpMoney *) g_hash_table_lookup (totals, ka);
  SpMoney tb = *(SpMoney *) g_hash_table_lookup (totals, kb);

  if (ta != tb)
    return ta > tb ? -1 : 1;
  return strcmp (ka, kb);
}

/* The keys of @rows, biggest first; @totals gets each key's total. */
static GPtrArray *
rank_keys (GPtrArray  *rows,
           GHashTable *totals)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < rows->len; i++)
    {
      SpLedgerMonthlyRow *row = g_ptr_array_index (rows, i);
      const char *k = row->key ? row->key : "";
      SpMoney *total = g_hash_table_lookup (totals, k);

      if (total == NULL)
        {
          total = g_new0 (SpMoney, 1);
          g_hash_table_insert (totals, g_strdup (k), total);
        }
      *total += MAX (row->paid, 0) + MAX (row->subsidy, 0);
    }
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort_with_data (keys, compare_keys, totals);
  return keys;
}

SpSpendSeries *
sp_spend_series_new (GPtrArray  *rows,
                     const char *from_month,
                     const char *to_month,
                     guint       max_series)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) series_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) month_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = NULL;
  SpSpendSeries *s;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (max_series >= 1, NULL);

  s = g_new0 (SpSpendSeries, 1);
  s->months = sp_spend_months_between (from_month, to_month);
  s->n_months = g_strv_length (s->months);
  for (guint m = 0; m < s->n_months; m++)
    g_hash_table_insert (month_of, s->months[m], GUINT_TO_POINTER (m + 1));

  keys = rank_keys (rows, totals);
  s->has_other = keys->len > max_series;
  s->n_named = s->has_other ? max_series - 1 : keys->len;
  s->n_series = s->has_other ? max_series : keys->len;
  s->keys = g_new0 (char *, s->n_named + 1);
  for (guint k = 0; k < keys->len; k++)
    {
      g_hash_table_insert (series_of, g_ptr_array_index (keys, k),
                           GUINT_TO_POINTER (MIN (k, s->n_named)));
      if (k < s->n_named)
        s->keys[k] = g_strdup (g_ptr_array_index (keys, k));
    }

  s->paid = g_new0 (SpMoney, MAX (s->n_months * s->n_series, 1));
  s->subsidy = g_new0 (SpMoney, MAX (s->n_months * s->n_series, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      SpLedgerMonthlyRow *row = g_ptr_array_index (rows, i);
      guint series = GPOINTER_TO_UINT (g_hash_table_lookup (series_of, row->key ? row->key : ""));
      guint m = GPOINTER_TO_UINT (g_hash_table_lookup (month_of, row->month));
      guint at;

      if (m == 0)
        continue;  /* outside the period */
      at = (m - 1) * s->n_series + series;
      sp_money_add (s->paid[at], row->paid, &s->paid[at]);
      sp_money_add (s->subsidy[at], row->subsidy, &s->subsidy[at]);
    }
  return s;
}

SpMoney
sp_spend_series_month_total (const SpSpendSeries *series,
                             guint                month)
{
  SpMoney total = 0;

  g_return_val_if_fail (series != NULL, 0);
  g_return_val_if_fail (month < series->n_months, 0);

  for (guint k = 0; k < series->n_series; k++)
    {
      sp_money_add (total, series->paid[month * series->n_series + k], &total);
      sp_money_add (total, series->subsidy[month * series->n_series + k], &total);
    }
  return total;
}

void
sp_spend_series_free (SpSpendSeries *series)
{
  if (series == NULL)
    return;
  g_strfreev (series->months);
  g_strfreev (series->keys);
  g_free (series->paid);
  g_free (series->subsidy);
  g_free (series);
}
