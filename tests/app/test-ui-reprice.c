/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-reprice.c — the Spending page's "at today's offers" panel (issue
 * 18 section 1) under a display: the hand-computed case of test-reprice.c
 * (tests/data/reprice-feed.json, a Hangzhou voucher of ¥500 and a 10%
 * discount for one vendor, 12 entries) with today 2026-07-10, so the
 * default period is 2026-04 to 2026-06.  The panel works in a worker
 * thread, shows the totals (paid ¥34020.00, at today's offers ¥21026.30,
 * saving ¥12993.70 of which ¥610.70 from vouchers), one row per group and
 * per entry, the three entries it cannot reprice (assigning a group to the
 * one without reprices it), and its "open" button shows the alternative on
 * the Offers page.
 *
 * With SUANPAN_SHOT_DIR set, the panel is saved as reprice-LANGUAGE.png. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-format.h"
#include "sp-offers-page-private.h"
#include "sp-reprice-panel.h"
#include "sp-spending-page-private.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

static SpTestDir *data_dir;
static SpApplication *the_app;

static void
cli (const char * const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (sp_test_run_cli_in (data_dir->path, NULL, args, &out, &err) != 0)
    g_error ("%s %s: %s", args[0], args[1], err);
}

/* The case of test-reprice.c, through the command line, before the app starts */
static void
populate (void)
{
  g_autofree char *feed = sp_test_source_path ("tests/data/reprice-feed.json");

  cli ((const char *[]) { "import", "--source=reprice", feed, NULL });
  cli ((const char *[]) { "voucher", "add", "--code=HZ", "--kind=government",
                          "--programme=hangzhou", "--face=500", "--balance=500", NULL });
  cli ((const char *[]) { "voucher", "add", "--code=TEN", "--kind=discount", "--percent=10",
                          "--vendor=north", NULL });
  sp_test_ledger_add (data_dir->path, "2026-04-02", "AutoDL", "H100 80G", "gpu", "100", "card-hours", "2500", "--group=gpu:H100 SXM:80", NULL);
  sp_test_ledger_add (data_dir->path, "2026-04-10", "SiliconFlow", "DeepSeek-V3", "tokens", "200", "1M tokens", "760",
       "--group=tokens:deepseek-v3", NULL);
  sp_test_ledger_add (data_dir->path, "2026-04-20", "hz-cloud", "H100", "gpu", "50", "card-hours", "1000", "--offer-source=reprice",
       "--offer-id=hz-h100");
  sp_test_ledger_add (data_dir->path, "2026-05-03", "AutoDL", "H100 80G", "gpu", "600", "card-hours", "14000", NULL, NULL);
  sp_test_ledger_add (data_dir->path, "2026-05-15", "SiliconFlow", "DeepSeek-V3", "tokens", "100", "1M tokens", "380", NULL, NULL);
  sp_test_ledger_add (data_dir->path, "2026-05-20", "hz-cloud", "H100", "gpu", "10", "card-hours", "200", "--offer-source=reprice",
       "--offer-id=hz-h100");
  sp_test_ledger_add (data_dir->path, "2026-06-01", "AutoDL", "H100 80G", "gpu", "720", "card-hours", "15000", NULL, NULL);
  sp_test_ledger_add (data_dir->path, "2026-06-05", "SiliconFlow", "DeepSeek-V3", "tokens", "40000000", "tokens", "150", NULL, NULL);
  sp_test_ledger_add (data_dir->path, "2026-06-10", "hz-cloud", "H100", "gpu", "1.5", "card-hours", "30", "--offer-source=reprice",
       "--offer-id=hz-h100");
  sp_test_ledger_add (data_dir->path, "2026-06-12", "AutoDL", "Storage 1 TB", "other", "1", "month", "300", NULL, NULL);
  sp_test_ledger_add (data_dir->path, "2026-06-15", "SiliconFlow", "Qwen-Max", "tokens", "10", "1M tokens", "20", NULL, NULL);
  sp_test_ledger_add (data_dir->path, "2026-06-20", "AutoDL", "H100 80G", "gpu", "2", "card-hours", "-50", "--refund", NULL);
}

static gboolean
panel_done (gpointer data)
{
  return !sp_reprice_panel_is_busy (data) &&
         (sp_reprice_panel_get_result (data) != NULL || sp_reprice_panel_get_error (data) != NULL);
}

static gboolean
offers_loaded (gpointer data)
{
  return g_str_equal (sp_offers_page_get_state (data), "offers");
}

static gboolean
model_has_north_spot (gpointer data)
{
  GListModel *model = sp_offers_page_get_model (data);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autoptr(GObject) offer = NULL;

      if (GTK_IS_TREE_LIST_ROW (item))
        offer = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));
      else
        offer = g_object_ref (item);
      if (SP_IS_OFFER (offer) && g_str_equal (sp_offer_get_id (SP_OFFER (offer)), "north-h100-spot"))
        return TRUE;
    }
  return FALSE;
}

/* Long on purpose: one user's path through the panel (busy, summary, rows,
 * assigning a group, opening an offer), each step asserting what it shows. */
static void
test_panel (void)
{
  SpApplication *app = sp_test_ui_start_app (&the_app);
  SpWindow *window = SP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  AdwViewStack *stack = sp_window_get_stack (window);
  SpSpendingPage *page = SP_SPENDING_PAGE (adw_view_stack_get_child_by_name (stack, "spending"));
  SpOffersPage *offers = SP_OFFERS_PAGE (adw_view_stack_get_child_by_name (stack, "offers"));
  SpRepricePanel *panel = sp_spending_page_get_reprice_panel (page);
  const SpRepriceResult *r;
  g_autofree char *alt = NULL;
  g_autofree char *vouchers = NULL;
  GDate today;

  g_assert_nonnull (panel);
  adw_view_stack_set_visible_child_name (stack, "spending");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, G_DATE_JULY, 2026);
  sp_spending_page_set_today (page, &today);
  sp_spending_page_reload (page);
  /* the work is off the main thread: the panel is busy right after */
  g_assert_true (sp_reprice_panel_is_busy (panel));
  sp_test_ui_iterate_until (panel_done, panel, 30000);
  g_assert_null (sp_reprice_panel_get_error (panel));
  r = sp_reprice_panel_get_result (panel);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->from_month, ==, "2026-04");
  g_assert_cmpstr (r->to_month, ==, "2026-06");
  g_assert_cmpint (r->paid, ==, 34020 * SP_MONEY_SCALE);
  g_assert_cmpint (r->alternative, ==, 21026300000);
  g_assert_cmpint (r->saving, ==, 12993700000);
  g_assert_cmpint (r->saving_from_vouchers, ==, 610700000);
  g_assert_cmpuint (r->groups->len, ==, 2);

  /* the summary says the figures as the page writes amounts */
  alt = sp_format_amount (r->alternative, "CNY");
  vouchers = sp_format_amount (r->saving_from_vouchers, "CNY");
  g_assert_nonnull (strstr (sp_reprice_panel_get_summary (panel), alt));
  g_assert_nonnull (strstr (sp_reprice_panel_get_summary (panel), vouchers));
  /* no entry silently dropped: 9 rows with their alternative, 3 listed apart */
  g_assert_nonnull (sp_reprice_panel_get_open_button (panel, 8));
  g_assert_null (sp_reprice_panel_get_open_button (panel, 9));
  g_assert_cmpuint (sp_reprice_panel_get_n_unmapped_rows (panel), ==, 3);

  /* Qwen-Max has no group: assigning deepseek-v3 to SiliconFlow + Qwen-Max
   * reprices it at ds-v3, 10 M × ¥3.50 */
  {
    GtkDropDown *dropdown = sp_reprice_panel_get_group_dropdown (panel, 0);
    GListModel *choices;
    guint pick = 0;

    g_assert_nonnull (dropdown);
    g_assert_null (sp_reprice_panel_get_group_dropdown (panel, 1));
    choices = gtk_drop_down_get_model (dropdown);
    for (guint i = 1; i < g_list_model_get_n_items (choices); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), "deepseek-v3"))
        pick = i;
    g_assert_cmpuint (pick, >, 0);
    gtk_drop_down_set_selected (dropdown, pick);
    g_assert_true (sp_reprice_panel_is_busy (panel));
    sp_test_ui_iterate_until (panel_done, panel, 30000);
    r = sp_reprice_panel_get_result (panel);
    g_assert_cmpint (r->alternative, ==, 21061300000);
    g_assert_cmpuint (sp_reprice_panel_get_n_unmapped_rows (panel), ==, 2);
  }

  /* entry 3's alternative (north's spot offer) opens on the Offers page */
  sp_test_ui_iterate_until (offers_loaded, offers, 30000);
  g_signal_emit_by_name (sp_reprice_panel_get_open_button (panel, 2), "clicked");
  sp_test_ui_iterate_for (200);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "offers");
  sp_test_ui_iterate_until (model_has_north_spot, offers, 10000);
  g_assert_true (model_has_north_spot (offers));
  g_assert_cmpuint (g_list_model_get_n_items (sp_offers_page_get_model (offers)), <=, 2);
  sp_offers_page_set_search (offers, NULL);

  /* a panel on its own, for the README's screenshot */
  if (g_getenv ("SUANPAN_SHOT_DIR") != NULL)
    {
      GtkWidget *shot = adw_window_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *own = sp_reprice_panel_new ();

      gtk_window_set_default_size (GTK_WINDOW (shot), 900, 780);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), own);
      adw_window_set_content (ADW_WINDOW (shot), scrolled);
      gtk_window_present (GTK_WINDOW (shot));
      sp_reprice_panel_reload (SP_REPRICE_PANEL (own), sp_application_get_store_service (app),
                               sp_application_get_price_context (app), &today);
      sp_test_ui_iterate_until (panel_done, own, 30000);
      for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_first_child (own)); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_EXPANDER (c))
          gtk_expander_set_expanded (GTK_EXPANDER (c), TRUE);
      sp_test_ui_shoot (shot, "reprice");
      gtk_window_destroy (GTK_WINDOW (shot));
    }
  sp_test_ui_stop_app ();
}

int
main (int argc, char **argv)
{
  data_dir = sp_test_ui_setup ();
  populate ();

  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/reprice/panel", test_panel);
  return sp_test_ui_run (&the_app, data_dir);
}
