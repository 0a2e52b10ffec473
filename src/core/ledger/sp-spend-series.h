/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spend-series.h — the Spending page's chart data, shaped without GTK
 *
 * The monthly rows of the ledger (sp_ledger_monthly()) become one bar per
 * month of the period and one stacked series per key: the largest
 * @max_series keys of the period by total (paid + subsidy), the rest merged
 * into one last "Other" series.  And the month arithmetic of the page's
 * periods ("the last 12 months", "a year"). */
#pragma once

#include "sp-ledger.h"

G_BEGIN_DECLS

typedef struct {
  guint     n_months;
  char    **months;      /* "YYYY-MM", oldest first, NULL-terminated */
  guint     n_series;
  char    **keys;        /* the key of each series ("" for none), biggest first,
                          * NULL-terminated; "Other" has none (it is not in it) */
  guint     n_named;     /* series with a key: n_series, or n_series − 1 */
  gboolean  has_other;   /* the last series is "Other" */
  SpMoney  *paid;        /* n_months × n_series, month-major */
  SpMoney  *subsidy;
} SpSpendSeries;

/* Shapes @rows (SpLedgerMonthlyRow, every currency already the same) over
 * the months @from_month..@to_month ("YYYY-MM"); rows outside are left out.
 * @max_series ≥ 1. */
SpSpendSeries *sp_spend_series_new     (GPtrArray   *rows,
                                        const char  *from_month,
                                        const char  *to_month,
                                        guint        max_series);
void           sp_spend_series_free    (SpSpendSeries *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSpendSeries, sp_spend_series_free)

/* Total paid + subsidy of month @month, all series. */
SpMoney        sp_spend_series_month_total (const SpSpendSeries *series,
                                            guint                month);

/* Every month from @from_month to @to_month, inclusive ("YYYY-MM"; at most
 * 1,200), as a NULL-terminated vector; empty when @to_month is earlier. */
char         **sp_spend_months_between (const char *from_month,
                                        const char *to_month);
/* The @n months ending with the month of @today: @from and @to "YYYY-MM". */
void           sp_spend_last_months    (const GDate *today,
                                        guint        n,
                                        char         from[8],
                                        char         to[8]);
/* The months of year @year ("YYYY"). */
void           sp_spend_year_months    (const char  *year,
                                        char         from[8],
                                        char         to[8]);

G_END_DECLS
