/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-report.c — monthly totals (one GROUP BY over the covering
 * month index, each cell rounded once) and the monthly budget. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-ledger.h"
#include "sp-ledger-private.h"

void
sp_ledger_month_range (const char  *from_month,
                       const char  *to_month,
                       const char **from,
                       const char **to)
{
  *from = from_month != NULL ? from_month : FIRST_MONTH;
  *to = to_month != NULL ? to_month : LAST_MONTH;
}

gboolean
sp_ledger_check_months (const char  *from_month,
                        const char  *to_month,
                        GError     **error)
{
  const char *bad = NULL;

  if (from_month != NULL && !sp_ledger_month_valid (from_month))
    bad = from_month;
  else if (to_month != NULL && !sp_ledger_month_valid (to_month))
    bad = to_month;
  if (bad != NULL)
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("“%s” is not a month (YYYY-MM)"), bad);
      return FALSE;
    }
  return TRUE;
}

/* Divides @value by 10^6, rounding half away from zero. */
static SpInt128
div_micro_half_up (SpInt128 value)
{
  SpInt128 q = value / SP_MONEY_SCALE;
  SpInt128 r = value % SP_MONEY_SCALE;

  if (r >= SP_MONEY_SCALE / 2)
    q++;
  else if (r <= -SP_MONEY_SCALE / 2)
    q--;
  return q;
}

/* Adds one (currency, rate) group's sums to a cell in @to currency.
 * FALSE when the group's currency cannot be converted. */
static gboolean
cell_add (CellSums      *cell,
          const char    *from,
          gint64         rate,
          const gint64   sums[N_SUMS],
          gint64         n,
          const char    *to)
{
  if (g_str_equal (from, to))
    {
      for (int i = 0; i < N_SUMS; i++)
        cell->exact[i] += (SpInt128) sums[i] * SP_MONEY_SCALE;
    }
  else if (g_str_equal (from, "USD") && g_str_equal (to, "CNY"))
    {
      for (int i = 0; i < N_SUMS; i++)
        cell->exact[i] += (SpInt128) sums[i] * rate;
    }
  else if (g_str_equal (from, "CNY") && g_str_equal (to, "USD"))
    {
      SpMoney v[N_SUMS];

      for (int i = 0; i < N_SUMS; i++)
        if (!sp_money_muldiv (sums[i], SP_MONEY_SCALE, rate, SP_ROUND_HALF_UP, &v[i]))
          return FALSE;
      for (int i = 0; i < N_SUMS; i++)
        cell->divided[i] += v[i];
    }
  else
    return FALSE;
  cell->n_entries += (guint) n;
  return TRUE;
}

static gboolean
cell_finish (const CellSums  *cell,
             SpMoney          out[N_SUMS])
{
  for (int i = 0; i < N_SUMS; i++)
    {
      SpInt128 v = div_micro_half_up (cell->exact[i]) + cell->divided[i];

      if (v > G_MAXINT64 || v <= G_MININT64)
        return FALSE;
      out[i] = (SpMoney) v;
    }
  return TRUE;
}
void
sp_ledger_monthly_row_free (SpLedgerMonthlyRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row);
}

static gboolean
flush_cell (GPtrArray       *rows,
            const char      *month,
            const char      *key,
            const char      *currency,
            const CellSums  *cell,
            GError         **error)
{
  SpLedgerMonthlyRow *row;
  SpMoney v[N_SUMS];

  if (cell->n_entries == 0)
    return TRUE;
  if (!cell_finish (cell, v))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("The total of %s is too large"), month);
      return FALSE;
    }
  row = g_new0 (SpLedgerMonthlyRow, 1);
  g_strlcpy (row->month, month, sizeof row->month);
  row->key = g_strdup (key);
  memcpy (row->currency, currency, sizeof row->currency);
  row->paid = v[0];
  row->subsidy = v[1];
  row->list = v[2];
  row->reimbursed = v[3];
  row->n_entries = cell->n_entries;
  g_ptr_array_add (rows, row);
  return TRUE;
}

/* "YYYY-MM" (checked) as the month key of migration 3: yyyymm */
gint64
sp_ledger_month_key (const char *month)
{
  return g_ascii_strtoll (month, NULL, 10) * 100 + g_ascii_strtoll (month + 5, NULL, 10);
}

/* Long (about 95 lines): the one pass over the GROUP BY rows that rounds each
 * cell once (docs/ledger-csv.md); its running cell is local state. */
GPtrArray *
sp_ledger_monthly (SpLedger         *self,
                   const char       *from_month,
                   const char       *to_month,
                   SpLedgerGroupBy   by,
                   const char       *currency,
                   guint            *n_skipped,
                   GError          **error)
{
  static const StmtId ids[] = {
    [SP_LEDGER_BY_NONE] = STMT_MONTHLY_NONE,
    [SP_LEDGER_BY_VENDOR] = STMT_MONTHLY_VENDOR,
    [SP_LEDGER_BY_CATEGORY] = STMT_MONTHLY_CATEGORY,
    [SP_LEDGER_BY_KIND] = STMT_MONTHLY_KIND,
  };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *cur_key = NULL;
  sqlite3_stmt *stmt;
  CellSums cell = { 0 };
  gint64 cur_month_key = -1;
  char cur_month[8] = "";
  char target[4];
  guint skipped = 0;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (self), NULL);
  g_return_val_if_fail ((guint) by < G_N_ELEMENTS (ids), NULL);

  if (!sp_ledger_currency_parse (currency, target))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("“%s” is not a three-letter currency code"), currency ? currency : "");
      return NULL;
    }
  if (!sp_ledger_check_months (from_month, to_month, error))
    return NULL;
  stmt = sp_ledger_get_stmt (self, ids[by], error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from_month != NULL ? sp_ledger_month_key (from_month) : 0);
  sqlite3_bind_int64 (stmt, 2, to_month != NULL ? sp_ledger_month_key (to_month) : G_MAXINT64);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_monthly_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_month_key = sqlite3_column_int64 (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      const char *cur = (const char *) sqlite3_column_text (stmt, 2);
      gint64 rate = sqlite3_column_int64 (stmt, 3);
      gint64 reimbursed = sqlite3_column_int64 (stmt, 7);
      gint64 n = sqlite3_column_int64 (stmt, 8);
      gint64 sums[N_SUMS];

      if (key == NULL)
        key = "";
      if (row_month_key != cur_month_key || !g_str_equal (cur_key, key))
        {
          if (cur_key != NULL && !flush_cell (rows, cur_month, cur_key, target, &cell, error))
            goto fail;
          g_free (cur_key);
          cur_key = g_strdup (key);
          cur_month_key = row_month_key;
          g_snprintf (cur_month, sizeof cur_month, "%04d-%02d",
                      (int) (row_month_key / 100), (int) (row_month_key % 100));
          memset (&cell, 0, sizeof cell);
        }
      /* paid - reimbursed later, subsidy + reimbursed later, list,
       * reimbursed: the same as summing them entry by entry, exactly */
      sums[2] = sqlite3_column_int64 (stmt, 6);
      sums[3] = reimbursed;
      if (__builtin_sub_overflow (sqlite3_column_int64 (stmt, 4), reimbursed, &sums[0]) ||
          __builtin_add_overflow (sqlite3_column_int64 (stmt, 5), reimbursed, &sums[1]))
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("The total of %s is too large"), cur_month);
          goto fail;
        }
      if (!cell_add (&cell, cur, rate, sums, n, target))
        skipped += (guint) n;
    }
  if (rc != SQLITE_DONE)
    {
      sp_ledger_set_sql_error (self, rc, error);
      goto fail;
    }
  if (cur_key != NULL && !flush_cell (rows, cur_month, cur_key, target, &cell, error))
    goto fail;
  sp_ledger_stmt_done (stmt);
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return g_steal_pointer (&rows);

fail:
  sp_ledger_stmt_done (stmt);
  return NULL;
}

static char *
get_meta (SpLedger   *self,
          const char *key)
{
  sqlite3_stmt *stmt = sp_ledger_get_stmt (self, STMT_GET_META, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sp_ledger_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sp_ledger_column_dup (stmt, 0);
  sp_ledger_stmt_done (stmt);
  return value;
}

static gboolean
set_meta (SpLedger    *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = sp_ledger_get_stmt (self, value != NULL ? STMT_SET_META : STMT_DELETE_META, error);

  if (stmt == NULL)
    return FALSE;
  sp_ledger_bind_text (stmt, 1, key);
  if (value != NULL)
    sp_ledger_bind_text (stmt, 2, value);
  return sp_ledger_run_stmt (self, stmt, error);
}

gboolean
sp_ledger_set_budget (SpLedger    *self,
                      SpMoney      amount,
                      const char  *currency,
                      GError     **error)
{
  g_autofree char *text = NULL;
  char code[4] = "";

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);

  if (amount != SP_MONEY_UNKNOWN)
    {
      if (amount <= 0 || amount > SP_MONEY_MAX)
        {
          g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                               _("The budget must be a positive amount"));
          return FALSE;
        }
      if (!sp_ledger_currency_parse (currency, code))
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("“%s” is not a three-letter currency code"), currency ? currency : "");
          return FALSE;
        }
      text = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
    }
  if (!sp_ledger_run_simple (self, STMT_BEGIN, error))
    return FALSE;
  if (!set_meta (self, "budget_amount", text, error) ||
      !set_meta (self, "budget_currency", text != NULL ? code : NULL, error) ||
      !sp_ledger_commit (self, error))
    {
      sp_ledger_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_ledger_get_budget (SpLedger *self,
                      SpMoney  *amount,
                      char      currency[4])
{
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;
  gint64 value;
  char *end = NULL;

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);

  text = get_meta (self, "budget_amount");
  code = get_meta (self, "budget_currency");
  if (text == NULL || code == NULL)
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || value <= 0 || !sp_ledger_currency_parse (code, currency))
    return FALSE;
  *amount = value;
  return TRUE;
}

gboolean
sp_ledger_budget_status (SpLedger              *self,
                         const GDate           *today,
                         const char            *fallback_currency,
                         SpLedgerBudgetStatus  *status,
                         GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  SpMoney projection;

  g_return_val_if_fail (SP_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  status->has_budget = sp_ledger_get_budget (self, &status->budget, status->currency);
  if (!status->has_budget)
    {
      status->budget = SP_MONEY_UNKNOWN;
      if (!sp_ledger_currency_parse (fallback_currency, status->currency))
        memcpy (status->currency, "CNY", 4);
    }
  g_snprintf (status->month, sizeof status->month, "%04u-%02u",
              (guint) g_date_get_year (today), (guint) g_date_get_month (today));
  status->day = g_date_get_day (today);
  status->days_in_month = g_date_get_days_in_month (g_date_get_month (today),
                                                    g_date_get_year (today));

  rows = sp_ledger_monthly (self, status->month, status->month, SP_LEDGER_BY_NONE,
                            status->currency, &status->n_skipped, error);
  if (rows == NULL)
    return FALSE;
  status->spent = rows->len > 0 ? ((SpLedgerMonthlyRow *) g_ptr_array_index (rows, 0))->paid : 0;
  if (!sp_money_muldiv (status->spent, status->days_in_month, status->day,
                        SP_ROUND_HALF_UP, &projection))
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                           _("The projection is too large"));
      return FALSE;
    }
  status->projection = projection;
  status->over_budget = status->has_budget && projection > status->budget;
  return TRUE;
}
