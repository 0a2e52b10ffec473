/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-subsidies.c — the Subsidies panel (issue 19): a company in
 * Hangzhou with two purchases of the last month sees Hangzhou's programme
 * apply with ¥350.00 still claimable, Beijing's not apply, every programme's
 * source; only https links open.  Screenshot "subsidies" with SUANPAN_SHOT_DIR. */
#include "config.h"

#include <adwaita.h>

#include "sp-subsidies-company-group.h"
#include "sp-subsidies-window.h"
#include "sp-test-ui.h"

static SpTestDir *top_dir;
static SpApplication *the_app;

static void
add_entry (SpLedger    *ledger,
           const char  *date,
           SpLedgerKind kind,
           const char  *unit,
           SpMoney      amount)
{
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autoptr(GError) error = NULL;

  g_strlcpy (e->date, date, sizeof e->date);
  e->vendor = g_strdup ("x-cloud");
  e->item = g_strdup (kind == SP_LEDGER_KIND_GPU ? "A800" : "qwen");
  e->kind = kind;
  e->quantity = 10 * SP_MONEY_SCALE;
  e->unit = g_strdup (unit);
  e->paid = amount;
  e->list_amount = amount;
  e->subsidy = 0;
  e->platform_discount = 0;
  e->prepaid = 0;
  g_strlcpy (e->currency, "CNY", sizeof e->currency);
  g_assert_cmpint (sp_ledger_add (ledger, e, &error), >, 0);
  g_assert_no_error (error);
}

static gboolean
is_loaded (gpointer data)
{
  return sp_subsidies_window_is_loaded (data);
}

static void
test_panel (void)
{
  g_autofree char *path = g_build_filename (top_dir->path, "subsidies.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, &error);
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpCompany) company = sp_company_new ();
  g_autoptr(GDate) date = g_date_new_julian (sp_date_today ());
  char iso[11];
  SpSubsidiesWindow *window;
  AdwExpanderRow *row;

  g_assert_no_error (error);
  company->city = g_strdup ("hangzhou");
  g_assert_true (sp_company_save (store, company, &error));
  g_clear_object (&store);
  ledger = sp_ledger_open (path, &error);
  g_assert_no_error (error);
  g_date_subtract_days (date, 20);
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
  add_entry (ledger, iso, SP_LEDGER_KIND_GPU, "card-hour", 1000 * SP_MONEY_SCALE);
  add_entry (ledger, iso, SP_LEDGER_KIND_TOKENS, "1M tokens", 500 * SP_MONEY_SCALE);
  g_clear_object (&ledger);

  /* the application registers the resources; the panel opens over its window */
  window = sp_subsidies_window_new (GTK_WINDOW (sp_test_ui_get_window (&the_app, top_dir->path)), path);
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_iterate_until (is_loaded, window, 20000);
  g_assert_true (sp_subsidies_window_is_loaded (window));

  /* GPU at 20% (the ledger does not say the chips were domestic), tokens at 30% */
  g_assert_nonnull (strstr (sp_subsidies_window_get_total_text (window), "350.00"));
  row = sp_subsidies_window_get_row (window, "hangzhou");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (row), "350.00"));
  g_assert_nonnull (sp_subsidies_window_get_row (window, "beijing"));
  g_assert_nonnull (sp_subsidies_window_get_row (window, "shenzhen"));
  adw_expander_row_set_expanded (row, TRUE);

  g_assert_true (sp_subsidies_window_can_open ("https://www3.lf.gov.cn/Item/139657.aspx"));
  g_assert_false (sp_subsidies_window_can_open ("http://yz.calasae.org.cn/xgzc/485.html"));
  g_assert_false (sp_subsidies_window_can_open ("file:///etc/passwd"));
  g_assert_false (sp_subsidies_window_can_open (NULL));

  sp_test_ui_iterate_for (300);
  sp_test_ui_shoot (GTK_WIDGET (window), "subsidies");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
group_loaded (gpointer data)
{
  return sp_subsidies_company_group_is_loaded (data);
}

static gboolean
group_saved (gpointer data)
{
  return !sp_subsidies_company_group_is_saving (data);
}

/* Preferences → Company: a Chinese city name is stored as its id, an unknown
 * city is refused and changes nothing */
static void
test_company_group (void)
{
  g_autofree char *path = g_build_filename (top_dir->path, "company.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpCompany) company = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  SpSubsidiesCompanyGroup *group = sp_subsidies_company_group_new (path);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_iterate_until (group_loaded, group, 20000);
  g_assert_true (sp_subsidies_company_group_is_loaded (group));

  g_assert_true (sp_subsidies_company_group_apply (group, "city", "宁波"));
  g_assert_true (sp_subsidies_company_group_apply (group, "industry", "制造业"));
  g_assert_true (sp_subsidies_company_group_apply (group, "employees", "30"));
  g_assert_false (sp_subsidies_company_group_apply (group, "city", "atlantis"));
  g_assert_false (sp_subsidies_company_group_apply (group, "employees", "many"));
  sp_test_ui_iterate_until (group_saved, group, 20000);
  g_assert_false (sp_subsidies_company_group_is_saving (group));

  store = sp_store_open (path, &error);
  g_assert_no_error (error);
  company = sp_company_load (store, &error);
  g_assert_cmpstr (company->city, ==, "ningbo");
  g_assert_cmpstr (company->industry, ==, "制造业");
  g_assert_cmpint (company->employees, ==, 30);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  top_dir = sp_test_ui_setup ();
  sp_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui-subsidies/panel", test_panel);
  g_test_add_func ("/ui-subsidies/company-group", test_company_group);
  return sp_test_ui_run (&the_app, top_dir);
}
