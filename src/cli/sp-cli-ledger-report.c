/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-ledger-report.c — suanpan-cli ledger monthly and budget */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-cli-ledger-private.h"
#include "sp-labels.h"

/* The key of a monthly row as a person reads it: kinds and the purchase
 * categories of the wallet translated, "total" too; vendors and free-text
 * categories as they are. */
static const char *
monthly_key_label (SpLedgerGroupBy  by,
                   const char      *key)
{
  SpLedgerKind kind;

  if (by == SP_LEDGER_BY_NONE)
    return _("Total");
  if (by == SP_LEDGER_BY_KIND && sp_ledger_kind_from_string (key, &kind))
    return sp_ledger_kind_label (kind);
  if (by == SP_LEDGER_BY_CATEGORY)
    return key == NULL || *key == '\0' ? _("No category") : sp_label_category (key);
  return key;
}

/* --by: vendor, category or kind (NULL: none); FALSE after printing the
 * error. */
static gboolean
parse_group_by (const char      *text,
                SpLedgerGroupBy *by)
{
  if (text == NULL)
    *by = SP_LEDGER_BY_NONE;
  else if (g_str_equal (text, "vendor"))
    *by = SP_LEDGER_BY_VENDOR;
  else if (g_str_equal (text, "category"))
    *by = SP_LEDGER_BY_CATEGORY;
  else if (g_str_equal (text, "kind"))
    *by = SP_LEDGER_BY_KIND;
  else
    return !sp_cli_fail (_("--by: unknown key “%s” (use vendor, category or kind)"), text);
  return TRUE;
}

static void
print_monthly_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      SpLedgerMonthlyRow *r = g_ptr_array_index (rows, i);

      json_builder_begin_object (b);
      sp_json_set_string (b, "month", r->month);
      sp_json_set_string (b, "key", r->key);
      sp_json_set_money (b, "paid", r->paid, 2);
      sp_json_set_money (b, "subsidy", r->subsidy, 2);
      sp_json_set_money (b, "list", r->list, 2);
      sp_json_set_money (b, "reimbursed", r->reimbursed, 2);
      sp_json_set_string (b, "currency", r->currency);
      sp_json_set_int (b, "entries", r->n_entries);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sp_cli_print_builder (b);
}

static void
print_monthly_table (GPtrArray       *rows,
                     SpLedgerGroupBy  by)
{
  g_autoptr(SpCliTable) table = sp_cli_table_new ("llrrrl");

  sp_cli_table_add (table, _("Month"), _("Key"), _("Paid"), _("Subsidy"), _("List"),
                    _("Currency"));
  for (guint i = 0; i < rows->len; i++)
    {
      SpLedgerMonthlyRow *r = g_ptr_array_index (rows, i);
      g_autofree char *paid = sp_money_to_string (r->paid, 2);
      g_autofree char *subsidy = sp_money_to_string (r->subsidy, 2);
      g_autofree char *list = sp_money_to_string (r->list, 2);

      sp_cli_table_add (table, r->month, monthly_key_label (by, r->key), paid, subsidy, list,
                        r->currency);
    }
  sp_cli_table_print (table);
}

int
sp_cli_ledger_monthly (SpCliGlobals  *globals,
                       int            argc,
                       char         **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *by_str = NULL;
  g_autofree char *currency = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this month"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Up to this month"), N_("YYYY-MM") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_str, N_("Group by vendor, category or kind"), N_("KEY") },
    { "currency", 'c', 0, G_OPTION_ARG_STRING, &currency, N_("Currency of the totals (default: display currency)"), N_("CODE") },
    SP_CLI_OPTION_JSON (json),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  SpLedgerGroupBy by = SP_LEDGER_BY_NONE;
  char code[4];
  guint skipped = 0;

  if (!sp_cli_parse_options_only (_("monthly — totals per month"), entries, &argc, &argv))
    return 1;
  if (!sp_cli_ledger_check_month ("--from", from) || !sp_cli_ledger_check_month ("--to", to) ||
      !parse_group_by (by_str, &by))
    return 1;
  if (!sp_ledger_currency_parse (currency != NULL ? currency : sp_price_context_get_currency (ctx),
                                 code))
    return sp_cli_fail (_("--currency: “%s” is not a three-letter currency code"), currency);

  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  rows = sp_ledger_monthly (ledger, from, to, by, code, &skipped, &error);
  if (rows == NULL)
    return sp_cli_fail ("%s", error->message);
  if (skipped > 0)
    sp_cli_fail (g_dngettext (GETTEXT_PACKAGE,
                              "warning: %u entry in another currency cannot be converted to %s and is left out",
                              "warning: %u entries in other currencies cannot be converted to %s and are left out",
                              skipped),
                 skipped, code);
  if (json)
    print_monthly_json (rows);
  else
    print_monthly_table (rows, by);
  return 0;
}

/* --today DATE, or the local date; FALSE after printing the error. */
static gboolean
parse_today (const char *text,
             GDate      *today)
{
  g_date_clear (today, 1);
  if (text != NULL)
    {
      if (!sp_ledger_date_valid (text))
        return !sp_cli_fail (_("--today: “%s” is not a date (YYYY-MM-DD)"), text);
      g_date_set_dmy (today, (GDateDay) g_ascii_strtoull (text + 8, NULL, 10),
                      (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10),
                      (GDateYear) g_ascii_strtoull (text, NULL, 10));
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }
  return TRUE;
}

static void
print_budget_json (const SpLedgerBudgetStatus *st)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sp_json_set_string (b, "month", st->month);
  sp_json_set_money (b, "budget", st->budget, 2);
  sp_json_set_string (b, "currency", st->currency);
  sp_json_set_money (b, "spent", st->spent, 2);
  sp_json_set_money (b, "projection", st->projection, 2);
  sp_json_set_int (b, "day", st->day);
  sp_json_set_int (b, "days_in_month", st->days_in_month);
  sp_json_set_bool (b, "over_budget", st->over_budget);
  json_builder_end_object (b);
  sp_cli_print_builder (b);
}

static void
print_budget_text (const SpLedgerBudgetStatus *st)
{
  g_autofree char *spent = sp_money_to_string (st->spent, 2);
  g_autofree char *projection = sp_money_to_string (st->projection, 2);

  if (st->has_budget)
    {
      g_autofree char *budget = sp_money_to_string (st->budget, 2);

      g_print (_("Budget for %s: %s %s"), st->month, budget, st->currency);
      g_print ("\n");
    }
  else
    g_print ("%s\n", _("No monthly budget is set."));
  g_print (_("Spent so far: %s %s; projected by the end of the month: %s %s"),
           spent, st->currency, projection, st->currency);
  g_print ("\n");
}

int
sp_cli_ledger_budget (SpCliGlobals  *globals,
                      int            argc,
                      char         **argv)
{
  g_autofree char *today_str = NULL;
  gboolean clear = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the monthly budget"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_str, N_("Take this date as today (YYYY-MM-DD)"), N_("DATE") },
    SP_CLI_OPTION_JSON (json),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  SpLedgerBudgetStatus st;
  GDate today;

  if (!sp_cli_parse_options (_("budget [AMOUNT CURRENCY] — set or show the monthly budget"),
                             entries, &argc, &argv))
    return 1;
  if (argc != 1 && argc != 3)
    return sp_cli_fail ("%s", _("ledger budget takes an AMOUNT and a CURRENCY, or nothing"));
  if (clear && argc == 3)
    return sp_cli_fail ("%s", _("use either --clear or AMOUNT CURRENCY"));
  if (!parse_today (today_str, &today))
    return 1;

  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  if (clear && !sp_ledger_set_budget (ledger, SP_MONEY_UNKNOWN, NULL, &error))
    return sp_cli_fail ("%s", error->message);
  if (argc == 3)
    {
      SpMoney amount;

      if (!sp_money_parse (argv[1], &amount, &error))
        return sp_cli_fail ("%s", error->message);
      if (!sp_ledger_set_budget (ledger, amount, argv[2], &error))
        return sp_cli_fail ("%s", error->message);
    }
  if (!sp_ledger_budget_status (ledger, &today, sp_price_context_get_currency (ctx), &st, &error))
    return sp_cli_fail ("%s", error->message);

  if (json)
    print_budget_json (&st);
  else
    print_budget_text (&st);
  if (st.over_budget)
    sp_cli_fail ("%s", _("warning: the projection for this month exceeds the budget"));
  return 0;
}
