/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-spending.c — the Spending page under a display (Xvfb in CI): the
 * chart's bars for a known ledger, group-by, clicking a month, delete and
 * undo, the budget warning, CSV export → import through the page, the
 * vendor-bill column mapping, the entry dialog, chart export, and database
 * backup/restore.
 *
 * The known ledger (display currency CNY, rate of the USD entry 7.0):
 *
 *   2026-01-10  Vendor A  gpu     paid 1000  subsidy 200
 *   2026-01-20  Vendor B  tokens  paid  300
 *   2026-02-05  Vendor A  gpu     paid  500  subsidy 100
 *   2026-02-15  Vendor B  tokens  paid   50 USD at 7.0 = 350 CNY
 *   2026-03-03  Vendor B  cpu     paid  800  subsidy 400   (category research)
 *
 * Month stacks (paid + subsidy): Jan 1500, Feb 950, Mar 1200.
 * Series totals: Vendor B 1850, Vendor A 1800 → B first.
 * Kinds: GPU 1800, CPU 1200, Tokens 650.
 * Today 2026-03-10: March paid so far 800; projection 800 × 31 / 10 = 2480.
 *
 * With SUANPAN_SHOT_DIR set, PNG renderings of the window are saved there. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-application.h"
#include "sp-backup.h"
#include "sp-format.h"
#include "sp-ledger-item.h"
#include "sp-spending-page-private.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define CNY(units) ((SpMoney) (units) * SP_MONEY_SCALE)

static SpTestDir *data_dir;
static SpApplication *the_app;

/* -------------------------------------------------------------- helpers */

static GPtrArray *ledgers;   /* the test's own connections, closed at the end */

/* A connection of the test's own to the application's database: the page
 * has none (it reads and writes through the store service).  A new one
 * each time, so a restored file is seen; all stay open until the end. */
static SpLedger *
sp_spending_page_get_ledger (SpSpendingPage *page)
{
  g_autoptr(GError) error = NULL;
  SpLedger *ledger = sp_ledger_open (sp_application_get_store_path (the_app), &error);

  g_assert_no_error (error);
  if (ledgers == NULL)
    ledgers = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (ledgers, ledger);
  return ledger;
}

static gboolean
chart_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 100 && gtk_widget_get_height (data) > 100;
}

static gint64
add_entry (SpLedger   *ledger,
           const char *date,
           const char *vendor,
           SpLedgerKind kind,
           SpMoney     paid,
           SpMoney     subsidy,
           const char *currency,
           SpMoney     rate,
           const char *category)
{
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_strlcpy (e->date, date, sizeof e->date);
  e->vendor = g_strdup (vendor);
  e->item = g_strdup_printf ("%s purchase", date);
  e->kind = kind;
  e->quantity = CNY (1);
  e->unit = g_strdup ("card-hour");
  e->paid = paid;
  e->subsidy = subsidy;
  g_strlcpy (e->currency, currency, sizeof e->currency);
  if (rate != SP_MONEY_UNKNOWN)
    {
      e->rate_usd_cny = rate;
      g_strlcpy (e->rate_date, date, sizeof e->rate_date);
    }
  e->category = g_strdup (category);
  id = sp_ledger_add (ledger, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The page with the known ledger, today 2026-03-10, the year 2026 shown. */
static SpSpendingPage *
known_page (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpWindow *window = SP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  AdwViewStack *stack = sp_window_get_stack (window);
  SpSpendingPage *page = SP_SPENDING_PAGE (adw_view_stack_get_child_by_name (stack, "spending"));
  SpLedger *ledger = sp_spending_page_get_ledger (page);
  GSettings *settings = sp_application_get_settings (app);
  GDate today;

  g_assert_nonnull (ledger);
  if (sp_ledger_count (ledger) == 0)
    {
      add_entry (ledger, "2026-01-10", "Vendor A", SP_LEDGER_KIND_GPU, CNY (1000), CNY (200),
                 "CNY", SP_MONEY_UNKNOWN, NULL);
      add_entry (ledger, "2026-01-20", "Vendor B", SP_LEDGER_KIND_TOKENS, CNY (300), 0,
                 "CNY", SP_MONEY_UNKNOWN, NULL);
      add_entry (ledger, "2026-02-05", "Vendor A", SP_LEDGER_KIND_GPU, CNY (500), CNY (100),
                 "CNY", SP_MONEY_UNKNOWN, NULL);
      add_entry (ledger, "2026-02-15", "Vendor B", SP_LEDGER_KIND_TOKENS, CNY (50), 0,
                 "USD", 7000000, NULL);
      add_entry (ledger, "2026-03-03", "Vendor B", SP_LEDGER_KIND_CPU, CNY (800), CNY (400),
                 "CNY", SP_MONEY_UNKNOWN, "research");
    }
  g_settings_set_string (settings, "display-currency", "CNY");
  g_settings_set_string (settings, "spending-group-by", "vendor");
  adw_view_stack_set_visible_child_name (stack, "spending");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, G_DATE_MARCH, 2026);
  sp_spending_page_set_today (page, &today);
  sp_spending_page_set_range (page, "2026");
  sp_spending_page_filter_month (page, NULL);
  sp_test_ui_iterate_until (chart_allocated, sp_spending_page_get_chart (page), 30000);
  g_assert_true (chart_allocated (sp_spending_page_get_chart (page)));
  return page;
}

static double
stack_height (SpSpendChart *chart,
              guint         month)
{
  graphene_rect_t r;

  g_assert_true (sp_spend_chart_get_bar_geometry (chart, month, -1, FALSE, &r));
  return r.size.height;
}

static guint
n_entries (SpSpendingPage *page)
{
  sp_spending_page_wait (page);   /* an action's answer and the reading after it */
  return g_list_model_get_n_items (sp_spending_page_get_entries (page));
}

static const SpLedgerEntry *
entry_at (SpSpendingPage *page,
          guint           i)
{
  g_autoptr(SpLedgerItem) item = NULL;

  sp_spending_page_wait (page);
  item = g_list_model_get_item (sp_spending_page_get_entries (page), i);
  /* the page's store keeps the item alive */
  return sp_ledger_item_get_entry (item);
}

/* ---------------------------------------------------------------- tests */

static void
test_chart_bars (void)
{
  SpSpendingPage *page = known_page ();
  SpSpendChart *chart = sp_spending_page_get_chart (page);
  graphene_rect_t jan, feb, mar, apr, a_paid, a_sub, b_paid;
  double unit;

  g_assert_cmpstr (sp_spending_page_get_state (page), ==, "ledger");
  g_assert_cmpuint (sp_spend_chart_get_n_months (chart), ==, 12);
  g_assert_cmpstr (sp_spend_chart_get_month (chart, 0), ==, "2026-01");
  g_assert_cmpstr (sp_spend_chart_get_month (chart, 11), ==, "2026-12");
  g_assert_cmpuint (sp_spend_chart_get_n_series (chart), ==, 2);
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 0), ==, "Vendor B");
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 1), ==, "Vendor A");

  /* exact totals, the USD entry at its own rate of 7.0 */
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 0), ==, CNY (1500));
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 1), ==, CNY (950));
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 2), ==, CNY (1200));
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 3), ==, 0);

  /* three stacks, heights proportional to the totals */
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 0, -1, FALSE, &jan));
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 1, -1, FALSE, &feb));
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 2, -1, FALSE, &mar));
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 3, -1, FALSE, &apr));
  g_assert_cmpfloat (jan.size.height, >, 50);
  unit = jan.size.height / 1500.0;
  g_assert_cmpfloat_with_epsilon (feb.size.height, 950 * unit, 0.01);
  g_assert_cmpfloat_with_epsilon (mar.size.height, 1200 * unit, 0.01);
  g_assert_cmpfloat (apr.size.height, ==, 0);
  /* bottoms aligned, left to right */
  g_assert_cmpfloat_with_epsilon (jan.origin.y + jan.size.height,
                                  feb.origin.y + feb.size.height, 0.01);
  g_assert_cmpfloat (jan.origin.x, <, feb.origin.x);
  g_assert_cmpfloat (feb.origin.x, <, mar.origin.x);
  g_assert_true (graphene_rect_contains_rect (&GRAPHENE_RECT_INIT (0, 0,
                                                                   gtk_widget_get_width (GTK_WIDGET (chart)),
                                                                   gtk_widget_get_height (GTK_WIDGET (chart))),
                                              &jan));

  /* January: Vendor B paid 300 at the bottom, Vendor A paid 1000 then subsidy 200 on top */
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 0, 0, FALSE, &b_paid));
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 0, 1, FALSE, &a_paid));
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 0, 1, TRUE, &a_sub));
  g_assert_cmpfloat_with_epsilon (b_paid.size.height, 300 * unit, 0.01);
  g_assert_cmpfloat_with_epsilon (a_paid.size.height, 1000 * unit, 0.01);
  g_assert_cmpfloat_with_epsilon (a_sub.size.height, 200 * unit, 0.01);
  g_assert_cmpfloat_with_epsilon (b_paid.origin.y, a_paid.origin.y + a_paid.size.height, 0.01);
  g_assert_cmpfloat_with_epsilon (a_paid.origin.y, a_sub.origin.y + a_sub.size.height, 0.01);
  g_assert_cmpfloat_with_epsilon (a_sub.origin.y, jan.origin.y, 0.01);
  g_assert_cmpfloat (stack_height (chart, 0), >, stack_height (chart, 2));

  /* the tooltip has the exact figures of the month under the pointer */
  {
    g_autofree char *tip = sp_spend_chart_dup_tooltip (chart, a_sub.origin.x + 2, a_sub.origin.y + 1);
    g_autofree char *paid = sp_format_money (CNY (1300), "CNY");
    g_autofree char *sub = sp_format_money (CNY (200), "CNY");

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, paid));
    g_assert_nonnull (strstr (tip, sub));
    g_assert_nonnull (strstr (tip, "▶ Vendor A"));
  }
  g_assert_nonnull (strstr (sp_spend_chart_get_summary (chart), "12"));

  /* the ranges offered: last 12 months and the year with entries */
  g_assert_cmpstr (sp_spending_page_get_ranges (page)[0], ==, "last-12");
  g_assert_cmpstr (sp_spending_page_get_ranges (page)[1], ==, "2026");
  g_assert_null (sp_spending_page_get_ranges (page)[2]);
  sp_spending_page_set_range (page, "last-12");
  g_assert_cmpuint (sp_spend_chart_get_n_months (chart), ==, 12);
  g_assert_cmpstr (sp_spend_chart_get_month (chart, 0), ==, "2025-04");
  g_assert_cmpstr (sp_spend_chart_get_month (chart, 11), ==, "2026-03");
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 11), ==, CNY (1200));
  sp_test_ui_stop_app ();
}

static void
test_group_by_kind (void)
{
  SpSpendingPage *page = known_page ();
  SpSpendChart *chart = sp_spending_page_get_chart (page);
  GSettings *settings = sp_application_get_settings (the_app);
  graphene_rect_t cpu;

  g_settings_set_string (settings, "spending-group-by", "kind");
  sp_spending_page_wait (page);   /* the page reads again through the store service */
  g_assert_cmpuint (sp_spend_chart_get_n_series (chart), ==, 3);
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 0), ==, C_("kind", "GPU"));
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 1), ==, C_("kind", "CPU"));
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 2), ==, C_("kind", "Tokens"));
  /* March is all CPU: 800 paid + 400 subsidy */
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 2, 1, TRUE, &cpu));
  g_assert_cmpfloat_with_epsilon (cpu.size.height, stack_height (chart, 2) / 3, 0.01);
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 1), ==, CNY (950));

  g_settings_set_string (settings, "spending-group-by", "category");
  sp_spending_page_wait (page);
  g_assert_cmpuint (sp_spend_chart_get_n_series (chart), ==, 2);
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 0), ==, _("No category"));
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 1), ==, "research");

  g_settings_set_string (settings, "spending-group-by", "vendor");
  sp_spending_page_wait (page);
  g_assert_cmpstr (sp_spend_chart_get_series (chart, 0), ==, "Vendor B");
  sp_test_ui_stop_app ();
}

static void
test_click_month (void)
{
  SpSpendingPage *page = known_page ();
  SpSpendChart *chart = sp_spending_page_get_chart (page);
  graphene_rect_t feb;
  int m;

  g_assert_cmpuint (n_entries (page), ==, 5);
  g_assert_true (sp_spend_chart_get_bar_geometry (chart, 1, -1, FALSE, &feb));
  m = sp_spend_chart_month_at (chart, feb.origin.x + feb.size.width / 2);
  g_assert_cmpint (m, ==, 1);
  sp_spend_chart_activate_month (chart, (guint) m);
  g_assert_cmpstr (sp_spending_page_get_filter_month (page), ==, "2026-02");
  g_assert_cmpint (sp_spend_chart_get_selected (chart), ==, 1);
  g_assert_cmpuint (n_entries (page), ==, 2);
  /* newest first */
  g_assert_cmpstr (entry_at (page, 0)->date, ==, "2026-02-15");
  g_assert_cmpstr (entry_at (page, 0)->currency, ==, "USD");
  g_assert_cmpint (entry_at (page, 0)->rate_usd_cny, ==, 7000000);
  g_assert_cmpstr (entry_at (page, 1)->date, ==, "2026-02-05");

  gtk_widget_activate_action (GTK_WIDGET (page), "spending.show-all", NULL);
  g_assert_null (sp_spending_page_get_filter_month (page));
  g_assert_cmpuint (n_entries (page), ==, 5);
  g_assert_cmpint (sp_spend_chart_get_selected (chart), ==, -1);
  sp_test_ui_stop_app ();
}

static void
test_delete_undo (void)
{
  SpSpendingPage *page = known_page ();
  SpSpendChart *chart = sp_spending_page_get_chart (page);
  SpLedger *ledger = sp_spending_page_get_ledger (page);
  g_autoptr(GError) error = NULL;
  gint64 id;

  sp_spending_page_filter_month (page, "2026-02");
  g_assert_cmpuint (n_entries (page), ==, 2);
  id = entry_at (page, 1)->id;   /* 2026-02-05, Vendor A, 500 + 100 */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sp_spending_page_get_entries (page)), 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "spending.delete", NULL);
  g_assert_cmpuint (n_entries (page), ==, 1);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 4);
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 1), ==, CNY (350));
  g_assert_null (sp_ledger_get (ledger, id, &error));
  g_clear_error (&error);

  /* the toast's Undo button runs this action */
  gtk_widget_activate_action (GTK_WIDGET (page), "spending.undo", NULL);
  g_assert_cmpuint (n_entries (page), ==, 2);
  g_assert_cmpint (sp_ledger_count (ledger), ==, 5);
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 1), ==, CNY (950));
  g_assert_cmpint (entry_at (page, 1)->id, ==, id);
  /* nothing more to undo */
  g_assert_false (sp_spending_page_undo_delete (page, &error));
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_NOT_FOUND);
  sp_test_ui_stop_app ();
}

static void
test_budget (void)
{
  SpSpendingPage *page = known_page ();
  SpLedger *ledger = sp_spending_page_get_ledger (page);
  const SpLedgerBudgetStatus *st;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_ledger_set_budget (ledger, CNY (2000), "CNY", &error));
  g_assert_no_error (error);
  sp_spending_page_reload (page);
  st = sp_spending_page_get_budget_status (page);
  g_assert_cmpstr (st->month, ==, "2026-03");
  g_assert_cmpint (st->spent, ==, CNY (800));
  g_assert_cmpint (st->projection, ==, CNY (2480));   /* 800 × 31 / 10 */
  g_assert_true (st->over_budget);
  g_assert_true (sp_spending_page_get_budget_warning (page));

  g_assert_true (sp_ledger_set_budget (ledger, CNY (3000), "CNY", &error));
  sp_spending_page_reload (page);
  g_assert_false (sp_spending_page_get_budget_warning (page));

  /* day 31: the projection is what was spent */
  {
    GDate today;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 31, G_DATE_MARCH, 2026);
    sp_spending_page_set_today (page, &today);
    g_assert_cmpint (sp_spending_page_get_budget_status (page)->projection, ==, CNY (800));
  }
  g_assert_true (sp_ledger_set_budget (ledger, CNY (2000), "CNY", &error));
  sp_test_ui_stop_app ();
}

static void
test_csv_round_trip (void)
{
  SpSpendingPage *page = known_page ();
  SpSpendChart *chart = sp_spending_page_get_chart (page);
  SpLedger *ledger = sp_spending_page_get_ledger (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (data_dir->path, "export.csv", NULL);
  g_autofree char *data = NULL;
  const SpLedgerCsvReport *report;
  SpCsvImportWindow *window;
  gsize len;
  guint before = (guint) sp_ledger_count (ledger);

  g_assert_true (sp_spending_page_export_csv (page, path, &error));
  g_assert_no_error (error);
  data = sp_test_read_file (path, &len);
  g_assert_true (g_str_has_prefix (data, "date,vendor,item,kind,"));

  window = sp_spending_page_open_import (page, data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (window);
  g_assert_cmpstr (sp_csv_import_window_get_step (window), ==, "preview");
  report = sp_csv_import_window_get_report (window);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, before);
  g_assert_cmpstr (((SpLedgerEntry *) g_ptr_array_index (report->preview, 0))->date, ==, "2026-01-10");
  g_assert_cmpint (((SpLedgerEntry *) g_ptr_array_index (report->preview, 0))->subsidy, ==, CNY (200));
  g_assert_cmpint (((SpLedgerEntry *) g_ptr_array_index (report->preview, 3))->rate_usd_cny, ==, 7000000);

  /* issue 14 item 3: the export imported into its own ledger adds nothing */
  g_assert_cmpuint (sp_csv_import_window_get_would (window)->n_added, ==, 0);
  g_assert_cmpuint (sp_csv_import_window_get_would (window)->n_present, ==, before);
  {
    g_autofree char *expected =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "The %u entry is already in the ledger: nothing to import.",
                                    "All %u entries are already in the ledger: nothing to import.",
                                    before), before);

    g_assert_cmpstr (sp_csv_import_window_get_summary (window), ==, expected);
  }
  g_assert_cmpuint (sp_csv_import_window_import (window, &error), ==, 0);
  sp_spending_page_wait (page);   /* the page reads the import again */
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, before);
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 0), ==, CNY (1500));

  /* "Restore this backup": the file replaces the ledger, the totals stay */
  sp_csv_import_window_set_restore (window, TRUE);
  g_assert_cmpuint (sp_csv_import_window_get_would (window)->n_replaced, ==, before);
  g_assert_cmpuint (sp_csv_import_window_get_would (window)->n_added, ==, before);
  g_assert_cmpuint (sp_csv_import_window_import (window, &error), ==, before);
  sp_spending_page_wait (page);   /* the page reads the import again */
  g_assert_no_error (error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, before);
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 0), ==, CNY (1500));
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 1), ==, CNY (950));
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 2), ==, CNY (1200));

  /* and back to the known ledger (same ids): delete the restored copies,
   * bring back the replaced entries */
  {
    g_autoptr(GPtrArray) all = sp_ledger_list (ledger, NULL, NULL, &error);

    for (guint i = 0; i < all->len; i++)
      {
        SpLedgerEntry *e = g_ptr_array_index (all, i);
        if (e->id > (gint64) before)
          g_assert_true (sp_ledger_delete (ledger, e->id, &error));
      }
    for (guint id = 1; id <= before; id++)
      g_assert_cmpint (sp_ledger_undo_delete (ledger, id, &error), ==, id);
    g_assert_no_error (error);
  }
  sp_spending_page_reload (page);
  g_assert_cmpint (sp_spend_chart_get_month_total (chart, 0), ==, CNY (1500));
  g_unlink (path);
  sp_test_ui_stop_app ();
}

/* Long on purpose: one vendor bill imported step by step (refused, mapped,
 * imported, a bad row reported), each step asserting the page. */
static void
test_vendor_mapping (void)
{
  SpSpendingPage *page = known_page ();
  SpLedger *ledger = sp_spending_page_get_ledger (page);
  g_autoptr(GError) error = NULL;
  /* a vendor's bill export: Chinese headers, slashes in dates, ¥ and commas */
  const char *bill =
    "账单日期,产品名称,实付金额(元),算力券抵扣,币种,备注\r\n"
    "2026/03/05,A100 卡时,\"¥1,120.50\",30,人民币,月结\r\n"
    "2026/3/6 12:00:00,H800 卡时,99,,人民币,\r\n";
  const char *bad =
    "账单日期,产品名称,实付金额\n"
    "2026/03/05,A100,10\n"
    "2026/13/40,A100,abc\n";
  const SpLedgerCsvReport *report;
  SpCsvImportWindow *window;
  const SpLedgerEntry *e;
  gint64 before = sp_ledger_count (ledger);

  window = sp_spending_page_open_import (page, bill, strlen (bill), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_csv_import_window_get_step (window), ==, "mapping");
  g_assert_cmpint (sp_csv_import_window_get_mapping (window, "date"), ==, 0);
  g_assert_cmpint (sp_csv_import_window_get_mapping (window, "item"), ==, 1);
  g_assert_cmpint (sp_csv_import_window_get_mapping (window, "amount"), ==, 2);
  g_assert_cmpint (sp_csv_import_window_get_mapping (window, "subsidy"), ==, 3);
  g_assert_cmpint (sp_csv_import_window_get_mapping (window, "currency"), ==, 4);
  g_assert_cmpint (sp_csv_import_window_get_mapping (window, "note"), ==, 5);
  g_assert_cmpint (sp_csv_import_window_get_mapping (window, "vendor"), ==, -1);

  /* no vendor yet: every row is refused, nothing imported */
  sp_csv_import_window_show_preview (window);
  report = sp_csv_import_window_get_report (window);
  g_assert_cmpuint (report->n_rows, ==, 0);
  g_assert_cmpuint (report->n_errors, ==, 2);
  g_assert_cmpuint (((SpLedgerCsvError *) g_ptr_array_index (report->errors, 0))->line, ==, 2);
  g_assert_cmpuint (sp_csv_import_window_import (window, &error), ==, 0);
  sp_spending_page_wait (page);   /* the page reads the import again */
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, before);

  sp_csv_import_window_set_fixed (window, "vendor", "阿里云");
  sp_csv_import_window_set_fixed (window, "kind", "gpu");
  sp_csv_import_window_show_preview (window);
  report = sp_csv_import_window_get_report (window);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, 2);
  e = g_ptr_array_index (report->preview, 0);
  g_assert_cmpstr (e->date, ==, "2026-03-05");
  g_assert_cmpstr (e->vendor, ==, "阿里云");
  g_assert_cmpstr (e->item, ==, "A100 卡时");
  g_assert_cmpint (e->paid, ==, 1120500000);
  g_assert_cmpint (e->subsidy, ==, CNY (30));
  g_assert_cmpint (e->list_amount, ==, 1150500000);
  g_assert_cmpstr (e->currency, ==, "CNY");
  g_assert_cmpint (e->kind, ==, SP_LEDGER_KIND_GPU);
  g_assert_cmpstr (e->note, ==, "月结");
  e = g_ptr_array_index (report->preview, 1);
  g_assert_cmpstr (e->date, ==, "2026-03-06");
  g_assert_cmpint (e->subsidy, ==, 0);

  g_assert_cmpuint (sp_csv_import_window_import (window, &error), ==, 2);
  sp_spending_page_wait (page);   /* the page reads the import again */
  g_assert_no_error (error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, before + 2);
  g_assert_cmpint (sp_spend_chart_get_month_total (sp_spending_page_get_chart (page), 2), ==,
                   CNY (1200) + 1150500000 + CNY (99));
  /* 1249.50 in all, after Vendor B (1850) and Vendor A (1800) */
  g_assert_cmpstr (sp_spend_chart_get_series (sp_spending_page_get_chart (page), 2), ==, "阿里云");

  /* a bad row is reported with the line of the vendor's file */
  window = sp_spending_page_open_import (page, bad, strlen (bad), &error);
  g_assert_no_error (error);
  sp_csv_import_window_set_fixed (window, "vendor", "X");
  sp_csv_import_window_show_preview (window);
  report = sp_csv_import_window_get_report (window);
  g_assert_cmpuint (report->n_errors, ==, 1);
  g_assert_cmpuint (((SpLedgerCsvError *) g_ptr_array_index (report->errors, 0))->line, ==, 3);
  g_assert_cmpuint (sp_csv_import_window_import (window, &error), ==, 0);
  sp_spending_page_wait (page);   /* the page reads the import again */
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, before + 2);

  /* back to the known ledger */
  {
    g_autoptr(GPtrArray) all = sp_ledger_list (ledger, NULL, NULL, &error);

    for (guint i = 0; i < all->len; i++)
      {
        SpLedgerEntry *x = g_ptr_array_index (all, i);
        if (g_strcmp0 (x->vendor, "阿里云") == 0)
          g_assert_true (sp_ledger_delete (ledger, x->id, &error));
      }
  }
  sp_test_ui_stop_app ();
}

static void
test_entry_dialog (void)
{
  SpSpendingPage *page = known_page ();
  SpLedger *ledger = sp_spending_page_get_ledger (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedgerEntry) stored = NULL;
  SpLedgerEntryDialog *dialog;
  gint64 before = sp_ledger_count (ledger), id;

  dialog = sp_spending_page_open_entry_dialog (page, 0);
  g_assert_nonnull (dialog);
  sp_ledger_entry_dialog_set_field (dialog, "date", "2026-03-08");
  sp_ledger_entry_dialog_set_field (dialog, "vendor", "Vendor C");
  sp_ledger_entry_dialog_set_field (dialog, "item", "Tokens for March");
  sp_ledger_entry_dialog_set_kind (dialog, SP_LEDGER_KIND_TOKENS);
  sp_ledger_entry_dialog_set_field (dialog, "quantity", "30");
  sp_ledger_entry_dialog_set_field (dialog, "unit", "1M tokens");
  sp_ledger_entry_dialog_set_field (dialog, "amount", "abc");
  g_assert_cmpint (sp_ledger_entry_dialog_save (dialog, &error), ==, 0);
  sp_spending_page_wait (page);   /* the page reads the saved entry again */
  g_assert_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (ledger), ==, before);

  sp_ledger_entry_dialog_set_field (dialog, "amount", "12.34");
  sp_ledger_entry_dialog_set_field (dialog, "subsidy", "0.66");
  sp_ledger_entry_dialog_set_field (dialog, "category", "chatbot");
  sp_ledger_entry_dialog_set_fapiao (dialog, SP_LEDGER_FAPIAO_SPECIAL);
  sp_ledger_entry_dialog_set_field (dialog, "fapiao_number", "No. 0042");
  id = sp_ledger_entry_dialog_save (dialog, &error);
  sp_spending_page_wait (page);   /* the page reads the saved entry again */
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sp_ledger_count (ledger), ==, before + 1);
  stored = sp_ledger_get (ledger, id, &error);
  g_assert_cmpint (stored->paid, ==, 12340000);
  g_assert_cmpint (stored->subsidy, ==, 660000);
  g_assert_cmpint (stored->list_amount, ==, CNY (13));
  g_assert_cmpint (stored->quantity, ==, CNY (30));
  g_assert_cmpint (stored->fapiao, ==, SP_LEDGER_FAPIAO_SPECIAL);
  g_assert_cmpstr (stored->fapiao_number, ==, "No. 0042");
  g_assert_cmpstr (stored->category, ==, "chatbot");
  g_assert_cmpint (sp_spend_chart_get_month_total (sp_spending_page_get_chart (page), 2), ==,
                   CNY (1200) + CNY (13));

  /* edit it */
  dialog = sp_spending_page_open_entry_dialog (page, id);
  g_assert_cmpstr (sp_ledger_entry_dialog_get_field (dialog, "amount"), ==, "12.34");
  g_assert_cmpstr (sp_ledger_entry_dialog_get_field (dialog, "vendor"), ==, "Vendor C");
  sp_ledger_entry_dialog_set_field (dialog, "amount", "20");
  sp_ledger_entry_dialog_set_field (dialog, "list_amount", "");
  g_assert_cmpint (sp_ledger_entry_dialog_save (dialog, &error), ==, id);
  sp_spending_page_wait (page);   /* the page reads the saved entry again */
  g_clear_pointer (&stored, sp_ledger_entry_free);
  stored = sp_ledger_get (ledger, id, &error);
  g_assert_cmpint (stored->paid, ==, CNY (20));
  g_assert_cmpint (sp_ledger_count (ledger), ==, before + 1);

  g_assert_true (sp_ledger_delete (ledger, id, &error));
  sp_test_ui_stop_app ();
}

static void
test_export_chart (void)
{
  SpSpendingPage *page = known_page ();
  SpSpendChart *chart = sp_spending_page_get_chart (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (data_dir->path, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (data_dir->path, "chart.svg", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gsize len;

  g_assert_true (sp_spend_chart_save_png (chart, png, 800, 320, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 320);

  g_assert_true (sp_spend_chart_save_svg (chart, svg, 800, 320, &error));
  g_assert_no_error (error);
  data = sp_test_read_file (svg, &len);
  g_assert_nonnull (strstr (data, "<svg"));
  g_assert_nonnull (strstr (data, "width=\"800"));
  /* bars are filled paths/rects */
  g_assert_true (strstr (data, "<path") != NULL || strstr (data, "<rect") != NULL);
  g_unlink (png);
  g_unlink (svg);

  /* a file that cannot be written: the worker's error, nothing left behind */
  {
    g_autofree char *dir = g_build_filename (data_dir->path, "no-such-dir", NULL);
    g_autofree char *bad_png = g_build_filename (dir, "chart.png", NULL);
    g_autofree char *bad_svg = g_build_filename (dir, "chart.svg", NULL);

    g_assert_false (sp_spend_chart_save_png (chart, bad_png, 400, 200, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "chart.png"));
    g_clear_error (&error);
    g_assert_false (sp_spend_chart_save_svg (chart, bad_svg, 400, 200, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  }
  sp_test_ui_stop_app ();
}

static void
test_backup_restore (void)
{
  SpSpendingPage *page = known_page ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (data_dir->path, "backup.db", NULL);
  g_autofree char *junk = g_build_filename (data_dir->path, "junk.db", NULL);
  SpLedger *ledger;
  gint64 count;

  ledger = sp_spending_page_get_ledger (page);
  count = sp_ledger_count (ledger);
  g_assert_true (sp_spending_page_backup_to (page, backup, &error));
  g_assert_no_error (error);

  /* change the data after the backup */
  add_entry (ledger, "2026-03-09", "Vendor D", SP_LEDGER_KIND_OTHER, CNY (5), 0, "CNY",
             SP_MONEY_UNKNOWN, NULL);
  sp_spending_page_reload (page);
  g_assert_cmpint (sp_ledger_count (ledger), ==, count + 1);

  /* not a Suanpan database: refused, nothing changed */
  g_assert_true (g_file_set_contents (junk, "not a database at all", -1, NULL));
  g_assert_false (sp_spending_page_restore_from (page, junk, &error));
  g_assert_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_NOT_SUANPAN);
  g_clear_error (&error);
  g_assert_cmpint (sp_ledger_count (sp_spending_page_get_ledger (page)), ==, count + 1);

  /* a Suanpan application_id but only an unrelated table: refused before
   * anything is written, no safety copy made */
  {
    g_autofree char *wrong = g_build_filename (data_dir->path, "wrong-tables.db", NULL);
    g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = 1397771825;"
                                            "PRAGMA user_version = %d;"
                                            "CREATE TABLE notes (text TEXT);",
                                            SP_STORE_SCHEMA_VERSION);
    g_autoptr(GPtrArray) copies = NULL;
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (wrong, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_false (sp_spending_page_restore_from (page, wrong, &error));
    g_assert_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_INCOMPLETE);
    g_clear_error (&error);
    g_assert_cmpint (sp_ledger_count (sp_spending_page_get_ledger (page)), ==, count + 1);
    copies = sp_store_list_safety_copies (sp_application_get_store_path (the_app));
    g_assert_cmpuint (copies->len, ==, 0);
    g_unlink (wrong);
  }

  g_assert_true (sp_spending_page_restore_from (page, backup, &error));
  g_assert_no_error (error);
  ledger = sp_spending_page_get_ledger (page);
  g_assert_cmpint (sp_ledger_count (ledger), ==, count);
  g_assert_cmpint (sp_spend_chart_get_month_total (sp_spending_page_get_chart (page), 2), ==,
                   CNY (1200));
  {
    /* one dated safety copy beside the database */
    g_autoptr(GPtrArray) copies =
      sp_store_list_safety_copies (sp_application_get_store_path (the_app));

    g_assert_cmpuint (copies->len, ==, 1);
    g_assert_true (g_file_test (g_ptr_array_index (copies, 0), G_FILE_TEST_IS_REGULAR));
  }
  g_unlink (backup);
  g_unlink (junk);
  sp_test_ui_stop_app ();
}

static void
test_screenshot (void)
{
  SpSpendingPage *page = known_page ();
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));
  SpLedger *ledger = sp_spending_page_get_ledger (page);
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (window, 1200, 800);
  g_assert_true (sp_ledger_set_budget (ledger, CNY (2000), "CNY", &error));
  sp_spending_page_reload (page);
  sp_spending_page_filter_month (page, "2026-01");
  sp_test_ui_shoot (GTK_WIDGET (window), "spending");
  sp_test_ui_stop_app ();
}

int
main (int argc, char **argv)
{
  int ret;

  data_dir = sp_test_ui_setup ();

  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/spending/chart-bars", test_chart_bars);
  g_test_add_func ("/ui/spending/group-by", test_group_by_kind);
  g_test_add_func ("/ui/spending/click-month", test_click_month);
  g_test_add_func ("/ui/spending/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/spending/budget", test_budget);
  g_test_add_func ("/ui/spending/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/ui/spending/vendor-mapping", test_vendor_mapping);
  g_test_add_func ("/ui/spending/entry-dialog", test_entry_dialog);
  g_test_add_func ("/ui/spending/export-chart", test_export_chart);
  g_test_add_func ("/ui/spending/backup-restore", test_backup_restore);
  g_test_add_func ("/ui/spending/screenshot", test_screenshot);
  ret = sp_test_ui_run (&the_app, data_dir);
  g_clear_pointer (&ledgers, g_ptr_array_unref);
  return ret;
}
