/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-window.c — the whole window reads as the user's language and fits
 * (issue 14, items 4 and 5), under Xvfb at 1280×800, in English and Chinese:
 *
 *  - names, not ids: every page (and the compare, estimator and redeem windows) is
 *    opened with the demo catalog, vouchers at vendors given by id, a
 *    purchase and ledger entries whose vendors, categories and units are
 *    ids; the texts of the widget tree (labels, table cells, chart legends)
 *    must hold none of the app's own ids and, in Chinese, none of its
 *    English labels;
 *  - the window fits: at the default size and at 1280×800, no column title
 *    of the Offers table is cut, no cell of the short columns (vendor,
 *    region, billing, prices, age) is cut, the warnings are an icon, and the
 *    table is no wider than its window (no column falls off the edge).
 *
 * With SUANPAN_SHOT_DIR set, every page and window is saved there as
 * NAME-LANGUAGE.png at 1280×800 (tools/screenshots.sh; docs/screenshots). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-compare-window.h"
#include "sp-estimator-window.h"
#include "sp-labels.h"
#include "sp-ledger-entry-dialog.h"
#include "sp-offers-page-private.h"
#include "sp-redeem-window-private.h"
#include "sp-sources-page.h"
#include "sp-spending-page-private.h"
#include "sp-spend-chart.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-text-cell.h"
#include "sp-voucher-dialog.h"
#include "sp-vouchers-page-private.h"
#include "sp-vendors.h"
#include "sp-window.h"

#define CNY(units) ((SpMoney) (units) * SP_MONEY_SCALE)

static SpTestDir *data_dir;
static SpApplication *the_app;

static SpWindow *
get_window (void)
{
  return sp_test_ui_get_window (&the_app, data_dir->path);
}

static GtkWidget *
show_page (const char *name)
{
  AdwViewStack *stack = sp_window_get_stack (get_window ());

  adw_view_stack_set_visible_child_name (stack, name);
  sp_test_ui_iterate_for (300);
  return adw_view_stack_get_child_by_name (stack, name);
}

static SpOffersPage *
offers_page (void)
{
  SpOffersPage *page = SP_OFFERS_PAGE (show_page ("offers"));

  sp_test_pages_wait_offers (page);
  sp_test_ui_iterate_for (300);
  return page;
}

static SpOffer *
find_offer (SpOffersPage *page,
            const char   *id)
{
  GListModel *model = sp_offers_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (model, i);

      if (g_strcmp0 (sp_offer_get_id (offer), id) == 0)
        return g_steal_pointer (&offer);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
resize (int width,
        int height)
{
  GtkWindow *window = GTK_WINDOW (get_window ());

  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, width, height);
  sp_test_ui_iterate_for (400);
}

/* ------------------------------------------------------------ the texts */

/* Every text a person reads in @widget's tree: labels and table cells in
 * sight, the spending chart's legend. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_TEXT (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_ENTRY) == NULL)
    /* what an editable field shows (the ledger entry and voucher dialogs);
     * not what the test typed into a search */
    g_ptr_array_add (texts, g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
  else if (SP_IS_TEXT_CELL (widget) && sp_text_cell_get_text (SP_TEXT_CELL (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (sp_text_cell_get_text (SP_TEXT_CELL (widget))));
  else if (SP_IS_SPEND_CHART (widget))
    for (guint s = 0; s < sp_spend_chart_get_n_series (SP_SPEND_CHART (widget)); s++)
      g_ptr_array_add (texts, g_strdup (sp_spend_chart_get_series (SP_SPEND_CHART (widget), s)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_texts (c, texts);
}

/* @word in @text as a whole word (not inside a longer word or id) */
static gboolean
has_word (const char *text,
          const char *word)
{
  gsize n = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean start = p == text || !(g_ascii_isalnum (p[-1]) || p[-1] == '-' || p[-1] == '_');
      gboolean end = !(g_ascii_isalnum (p[n]) || p[n] == '-' || p[n] == '_');

      if (start && end)
        return TRUE;
    }
  return FALSE;
}

/* The app's own ids, and the English labels that a Chinese window must
 * never show (each is translated in po/zh_CN.po). */
static const char * const ids[] = {
  "other-compute", "domestic-compute", "model-service", "card-hours", "core-hours",
  "1M-tokens", "on-demand", "on_demand", "aliyun", "lambda", "volcengine", "inclusionai",
  "Inclusionai", "demo-hangzhou-cloud", "demo-model-hub", "hangzhou",
};
static const char * const english[] = {
  "Other compute", "Domestic compute", "Model service", "card-hours", "core-hours",
  "million tokens", "On demand", "Spot", "Monthly / yearly", "Prepaid pack",
  "Platform discount", "Government voucher", "Model tokens", "Tokens", "Unknown vendor",
  "No category", "Alibaba Cloud", "Volcengine", "Offers", "Vouchers", "Spending", "Sources",
  "Warnings", "Vendor", "Product", "Region", "Billing", "Price", "After Vouchers", "Updated",
  "Discount at", "Prepaid balance at", "Resource pack at", "Prepaid at", "today",
};

static void
assert_no_ids (GtkWidget  *root,
               const char *where)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint bad = 0;

  collect_texts (root, texts);
  g_assert_cmpuint (texts->len, >, 0);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];

      for (gsize k = 0; k < G_N_ELEMENTS (ids); k++)
        /* a unit whose English label is its id ("card-hours") is fine in English */
        if (has_word (text, ids[k]) &&
            (sp_vendor_ui_is_chinese () || g_strcmp0 (sp_label_unit (ids[k]), ids[k]) != 0 ||
             !g_str_has_suffix (ids[k], "-hours")))
          {
            g_test_message ("%s: raw id “%s” in “%s”", where, ids[k], text);
            bad++;
          }
      for (gsize k = 0; sp_vendor_ui_is_chinese () && k < G_N_ELEMENTS (english); k++)
        if (has_word (text, english[k]))
          {
            g_test_message ("%s: English “%s” in “%s”", where, english[k], text);
            bad++;
          }
    }
  g_assert_cmpuint (bad, ==, 0);
}

/* Opens every expander row under @widget (purchases, voucher changes,
 * source details) so their texts are in sight too. */
static void
expand_all (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    expand_all (c);
}

/* ---------------------------------------------------------------- data */

static void
add_entry (SpLedger    *ledger,
           const char  *date,
           const char  *vendor,
           SpLedgerKind kind,
           const char  *unit,
           SpMoney      paid,
           SpMoney      subsidy,
           const char  *category)
{
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autoptr(GError) error = NULL;

  g_strlcpy (e->date, date, sizeof e->date);
  e->vendor = g_strdup (vendor);
  e->item = g_strdup (kind == SP_LEDGER_KIND_TOKENS ? "Doubao-1.5-pro" : "H100");
  e->kind = kind;
  e->quantity = CNY (12);
  e->unit = g_strdup (unit);
  e->paid = paid;
  e->subsidy = subsidy;
  g_strlcpy (e->currency, "CNY", sizeof e->currency);
  e->category = g_strdup (category);
  g_assert_cmpint (sp_ledger_add (ledger, e, &error), >, 0);
  g_assert_no_error (error);
}

/* Vouchers at vendors given by id, a purchase through the redeem window
 * and ledger entries whose vendor, unit and category are ids. */
static void
fill_wallet_and_ledger (void)
{
  SpVouchersPage *vouchers = SP_VOUCHERS_PAGE (show_page ("vouchers"));
  SpSpendingPage *spending;
  SpOffersPage *offers = offers_page ();
  g_autoptr(SpOffer) offer = find_offer (offers, "demo-hz-h100-sxm-1x");
  g_autoptr(SpVoucher) discount = sp_voucher_new_discount_percent ("ALI-10", 1000);
  g_autoptr(SpVoucher) pack = sp_voucher_new_prepaid ("LAMBDA-PACK", "lambda", "card-hours", CNY (40));
  g_autoptr(SpVoucher) money = sp_voucher_new_prepaid ("VOLC-300", "volcengine", NULL, CNY (300));
  g_autoptr(SpVoucher) government = sp_voucher_new_government ("HZ-2026-0001", "hangzhou",
                                                               CNY (50000), CNY (50000));
  SpSourcesPage *sources = SP_SOURCES_PAGE (show_page ("sources"));
  const char *ali[] = { "aliyun", NULL };
  g_autoptr(GError) error = NULL;
  SpRedeemWindow *redeem;
  GDate today;
  g_autoptr(SpLedger) ledger = NULL;

  sp_voucher_set_vendors (discount, ali);
  sp_voucher_set_currency (money, "CNY");
  g_assert_true (sp_vouchers_page_add_voucher (vouchers, discount, &error));
  g_assert_true (sp_vouchers_page_add_voucher (vouchers, pack, &error));
  g_assert_true (sp_vouchers_page_add_voucher (vouchers, money, &error));
  g_assert_true (sp_vouchers_page_add_voucher (vouchers, government, &error));
  g_assert_no_error (error);

  /* sources never refreshed (no network in tests): their rows, formats and states */
  g_assert_true (sp_sources_page_save_source (sources, NULL, "OpenRouter", "https://openrouter.ai/api/v1/models",
                                              SP_FEED_FORMAT_OPENROUTER, SP_REFRESH_MANUAL, NULL,
                                              FALSE, &error));
  g_assert_true (sp_sources_page_save_source (sources, NULL, "LiteLLM",
                                              "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
                                              SP_FEED_FORMAT_LITELLM, SP_REFRESH_MANUAL, NULL,
                                              FALSE, &error));
  g_assert_no_error (error);

  redeem = sp_redeem_window_new (the_app, offer);
  gtk_window_present (GTK_WINDOW (redeem));
  sp_redeem_window_set_category (redeem, SP_CATEGORY_OTHER_COMPUTE);
  sp_redeem_window_set_quantity (redeem, "10");
  sp_test_ui_iterate_until (sp_test_pages_redeem_ready, redeem, 30000);
  sp_test_ui_iterate_for (100);
  g_assert_cmpint (sp_redeem_window_confirm (redeem, &error), >, 0);
  g_assert_no_error (error);
  sp_test_ui_iterate_for (100);
  /* screenshots without the "Purchase recorded" toast */
  if (g_getenv ("SUANPAN_SHOT_DIR") != NULL)
    sp_test_ui_iterate_for (6000);

  spending = SP_SPENDING_PAGE (show_page ("spending"));
  /* the page has no connection of its own: the test opens one */
  ledger = sp_ledger_open (sp_application_get_store_path (the_app), NULL);
  g_assert_nonnull (ledger);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *month = g_date_time_format (now, "%Y-%m");
    g_autofree char *d1 = g_strconcat (month, "-01", NULL);
    g_autofree char *d2 = g_strconcat (month, "-02", NULL);
    g_autofree char *d3 = g_strconcat (month, "-03", NULL);

    add_entry (ledger, d1, "aliyun", SP_LEDGER_KIND_GPU, "card-hours", CNY (800), CNY (200),
               "domestic-compute");
    add_entry (ledger, d2, "lambda", SP_LEDGER_KIND_GPU, "card-hours", CNY (300), 0,
               "other-compute");
    add_entry (ledger, d3, "volcengine", SP_LEDGER_KIND_TOKENS, "1M-tokens", CNY (90), 0,
               "model-service");
    /* half a year of history for the chart */
    for (int back = 1; back <= 6; back++)
      {
        g_autoptr(GDateTime) then = g_date_time_add_months (now, -back);
        g_autofree char *day = g_date_time_format (then, "%Y-%m-05");

        add_entry (ledger, day, "aliyun", SP_LEDGER_KIND_GPU, "card-hours",
                   CNY (600 + 90 * back), CNY (150), "domestic-compute");
        add_entry (ledger, day, "lambda", SP_LEDGER_KIND_GPU, "card-hours",
                   CNY (400 - 40 * back), 0, "other-compute");
        add_entry (ledger, day, "volcengine", SP_LEDGER_KIND_TOKENS, "1M-tokens",
                   CNY (120 + 25 * back), 0, "model-service");
      }
  }
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  sp_spending_page_reload (spending);
  sp_test_ui_iterate_for (300);
}

/* ---------------------------------------------------------------- tests */

static void assert_table_fits (SpOffersPage *page, const char *where);

static void
test_names_not_ids (void)
{
  SpWindow *window = get_window ();
  AdwViewStack *stack = sp_window_get_stack (window);
  static const char *pages[] = { "offers", "vouchers", "spending", "sources" };
  GSettings *settings = sp_application_get_settings (the_app);
  SpOffersPage *offers;
  SpCompareWindow *compare;
  SpRedeemWindow *redeem;
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) flags = g_hash_table_new (NULL, NULL);
  static const char *compared[] = {
    "demo-ns-h100-sxm-8x-spot", "demo-rs-h100-sxm-internal", "demo-hz-h100-sxm-1x",
  };

  resize (1280, 800);
  fill_wallet_and_ledger ();
  /* prices after vouchers: the table still fits */
  assert_table_fits (offers_page (), "1280×800 with vouchers");
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      show_page (pages[i]);
      sp_test_ui_shoot (GTK_WIDGET (window), pages[i]);
      expand_all (adw_view_stack_get_visible_child (stack));
      sp_test_ui_iterate_for (300);
      assert_no_ids (adw_view_stack_get_visible_child (stack), pages[i]);
      /* the page switcher too */
      assert_no_ids (GTK_WIDGET (window), pages[i]);
      if (g_str_equal (pages[i], "spending"))
        {
          /* the legend by category, then by vendor */
          g_settings_set_string (settings, "spending-group-by", "category");
          sp_test_ui_iterate_for (300);
          assert_no_ids (GTK_WIDGET (window), "spending by category");
          sp_test_ui_shoot (GTK_WIDGET (window), "spending-category");
          g_settings_set_string (settings, "spending-group-by", "vendor");
          sp_test_ui_iterate_for (300);
          assert_no_ids (GTK_WIDGET (window), "spending by vendor");
        }
    }

  /* the Offers page's group view and chart */
  offers = offers_page ();
  g_object_set (offers, "group-view", TRUE, "show-chart", TRUE, NULL);
  sp_test_ui_iterate_for (600);
  assert_no_ids (GTK_WIDGET (window), "offers, groups and chart");
  g_object_set (offers, "group-view", FALSE, "show-chart", FALSE, NULL);
  sp_test_ui_iterate_for (300);

  /* the comparison and the redeem windows */
  for (gsize i = 0; i < G_N_ELEMENTS (compared); i++)
    g_ptr_array_add (selected, find_offer (offers, compared[i]));
  for (guint i = 0; i < selected->len; i++)
    if (sp_offers_page_get_flags (offers, selected->pdata[i]) != NULL)
      g_hash_table_insert (flags, selected->pdata[i],
                           (gpointer) sp_offers_page_get_flags (offers, selected->pdata[i]));
  g_assert_cmpuint (g_hash_table_size (flags), >, 0);
  compare = sp_compare_window_new (GTK_WINDOW (window), selected, flags,
                                   sp_application_get_price_context (the_app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (compare), 1280, 800);
  gtk_window_present (GTK_WINDOW (compare));
  sp_test_ui_iterate_for (500);
  assert_no_ids (GTK_WIDGET (compare), "compare");
  sp_test_ui_shoot (GTK_WIDGET (compare), "compare");
  gtk_window_destroy (GTK_WINDOW (compare));

  /* the estimator, with results */
  {
    SpEstimatorWindow *estimator;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (offers), "offers.estimate", NULL));
    estimator = sp_test_ui_find_toplevel (SP_TYPE_ESTIMATOR_WINDOW);
    g_assert_nonnull (estimator);
    sp_estimator_window_set_gpu_hours (estimator, "H100 SXM", 500);
    sp_test_pages_wait_estimator (estimator);
    sp_test_ui_iterate_for (400);
    assert_no_ids (GTK_WIDGET (estimator), "estimator");
    sp_estimator_window_set_tokens (estimator, 30, 8);
    sp_test_pages_wait_estimator (estimator);
    sp_test_ui_iterate_for (400);
    assert_no_ids (GTK_WIDGET (estimator), "estimator, tokens");
    gtk_window_destroy (GTK_WINDOW (estimator));
  }

  redeem = sp_redeem_window_new (the_app, selected->pdata[2]);
  gtk_window_present (GTK_WINDOW (redeem));
  sp_redeem_window_set_category (redeem, SP_CATEGORY_OTHER_COMPUTE);
  sp_redeem_window_set_quantity (redeem, "100");
  sp_test_ui_iterate_for (500);
  assert_no_ids (GTK_WIDGET (redeem), "redeem");
  sp_test_ui_shoot (GTK_WIDGET (redeem), "redeem");
  gtk_window_destroy (GTK_WINDOW (redeem));
  sp_test_ui_iterate_for (100);

  /* the editable dialogs: an entry whose vendor, unit and category are ids
   * shows their labels and, saved unchanged, keeps the ids; a voucher's
   * vendor is typed by name */
  {
    g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
    g_autoptr(SpLedgerEntry) read = NULL;
    g_autoptr(SpVoucher) voucher = NULL;
    g_autoptr(GError) error = NULL;
    SpLedgerEntryDialog *entry_dialog;
    SpVoucherDialog *voucher_dialog;

    g_assert_true (SP_IS_SPENDING_PAGE (show_page ("spending")));
    g_strlcpy (e->date, "2026-03-01", sizeof e->date);
    e->vendor = g_strdup ("aliyun");
    e->item = g_strdup ("H100");
    e->quantity = CNY (12);
    e->unit = g_strdup ("card-hours");
    e->paid = CNY (800);
    g_strlcpy (e->currency, "CNY", sizeof e->currency);
    e->category = g_strdup ("domestic-compute");
    entry_dialog = sp_ledger_entry_dialog_new (sp_application_get_store_service (the_app), e, "CNY");
    gtk_window_present (GTK_WINDOW (entry_dialog));
    sp_test_ui_iterate_for (300);
    assert_no_ids (GTK_WIDGET (entry_dialog), "ledger entry dialog");
    g_assert_cmpstr (sp_ledger_entry_dialog_get_field (entry_dialog, "vendor"), ==,
                     sp_label_vendor ("aliyun"));
    g_assert_cmpstr (sp_ledger_entry_dialog_get_field (entry_dialog, "unit"), ==,
                     sp_label_unit ("card-hours"));
    g_assert_cmpstr (sp_ledger_entry_dialog_get_field (entry_dialog, "category"), ==,
                     sp_label_category ("domestic-compute"));
    read = sp_ledger_entry_dialog_read (entry_dialog, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (read->vendor, ==, "aliyun");
    g_assert_cmpstr (read->unit, ==, "card-hours");
    g_assert_cmpstr (read->category, ==, "domestic-compute");
    /* another label typed is stored as its id; free text as typed */
    sp_ledger_entry_dialog_set_field (entry_dialog, "category", sp_label_category ("model-service"));
    sp_ledger_entry_dialog_set_field (entry_dialog, "unit", "GB-month");
    g_clear_pointer (&read, sp_ledger_entry_free);
    read = sp_ledger_entry_dialog_read (entry_dialog, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (read->category, ==, "model-service");
    g_assert_cmpstr (read->unit, ==, "GB-month");
    gtk_window_destroy (GTK_WINDOW (entry_dialog));

    voucher_dialog = sp_voucher_dialog_new (NULL);
    gtk_window_present (GTK_WINDOW (voucher_dialog));
    sp_voucher_dialog_set_kind (voucher_dialog, SP_VOUCHER_PREPAID);
    g_assert_true (sp_voucher_dialog_set_field (voucher_dialog, "code", "VOLC-2"));
    g_assert_true (sp_voucher_dialog_set_field (voucher_dialog, "prepaid-vendor",
                                                sp_label_vendor ("volcengine")));
    g_assert_true (sp_voucher_dialog_set_field (voucher_dialog, "prepaid-balance", "100"));
    sp_test_ui_iterate_for (300);
    assert_no_ids (GTK_WIDGET (voucher_dialog), "voucher dialog");
    voucher = sp_voucher_dialog_build_voucher (voucher_dialog, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sp_voucher_get_vendors (voucher)[0], ==, "volcengine");
    gtk_window_destroy (GTK_WINDOW (voucher_dialog));
    sp_test_ui_iterate_for (100);
  }
}

/* The titles of the shown columns, in order */
static GtkWidget *
table_header (GtkColumnView *view)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));

  g_assert_cmpstr (gtk_widget_get_css_name (header), ==, "header");
  return header;
}

/* The shown columns' titles and where they start, in the view's coordinates */
typedef struct {
  const char *titles[32];
  float       x[32];
  guint       n;
} Titles;

static guint
column_at (const Titles *t,
           float         x)
{
  guint best = 0;

  for (guint i = 0; i < t->n; i++)
    if (fabsf (t->x[i] - x) < fabsf (t->x[best] - x))
      best = i;
  return best;
}

/* Cells of the columns whose every text must show in full (the product,
 * spec and group columns may ellipsize: their tooltips have the text) */
static guint
count_cut_cells (GtkWidget    *widget,
                 GtkWidget    *view,
                 const Titles *t,
                 GHashTable   *may_cut,
                 GPtrArray    *cut)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (SP_IS_TEXT_CELL (widget))
    {
      graphene_rect_t bounds;
      guint column;

      g_assert_true (gtk_widget_compute_bounds (widget, view, &bounds));
      column = column_at (t, bounds.origin.x);
      if (!g_hash_table_contains (may_cut, GUINT_TO_POINTER (column)) &&
          sp_text_cell_is_cut (SP_TEXT_CELL (widget)))
        {
          g_ptr_array_add (cut, g_strdup_printf ("%s: “%s” in %d px", t->titles[column],
                                                 sp_text_cell_get_text (SP_TEXT_CELL (widget)),
                                                 gtk_widget_get_width (widget)));
          n++;
        }
      return n;
    }
  for (GtkWidget *ch = gtk_widget_get_first_child (widget); ch != NULL; ch = gtk_widget_get_next_sibling (ch))
    n += count_cut_cells (ch, view, t, may_cut, cut);
  return n;
}

/* How many titles and short cells of the Offers table are cut (and whether
 * it is wider than its window); with @log, each is told as a test message. */
static guint
count_unfit (SpOffersPage *page,
             const char   *where,
             gboolean      log)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (sp_test_pages_find_of_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  GtkAdjustment *hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  g_autoptr(GHashTable) may_cut = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  Titles t = { { NULL, }, { 0, }, 0 };
  guint bad = 0;

  /* every title in full */
  for (GtkWidget *t_widget = gtk_widget_get_first_child (table_header (view)); t_widget != NULL;
       t_widget = gtk_widget_get_next_sibling (t_widget))
    {
      GtkLabel *label = GTK_LABEL (sp_test_pages_find_of_type (t_widget, GTK_TYPE_LABEL));
      int natural;

      g_assert_nonnull (label);
      gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (natural > gtk_widget_get_width (GTK_WIDGET (label)))
        {
          if (log)
            g_test_message ("%s: title “%s” cut: %d px of %d", where, gtk_label_get_text (label),
                            gtk_widget_get_width (GTK_WIDGET (label)), natural);
          bad++;
        }
      if (g_strcmp0 (gtk_label_get_text (label), _("Product")) == 0 ||
          g_strcmp0 (gtk_label_get_text (label), _("Spec")) == 0 ||
          g_strcmp0 (gtk_label_get_text (label), _("Group")) == 0)
        g_hash_table_add (may_cut, GUINT_TO_POINTER (t.n));
      g_assert_cmpuint (t.n, <, G_N_ELEMENTS (t.titles));
      {
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (t_widget, GTK_WIDGET (view), &bounds));
        t.x[t.n] = bounds.origin.x;
      }
      t.titles[t.n++] = gtk_label_get_text (label);
    }
  g_assert_cmpuint (t.n, >=, 6);
  /* the warnings are an icon: no words to cut */
  g_assert_cmpstr (t.titles[0], ==, _("Warnings"));

  /* every short cell in full */
  bad += count_cut_cells (GTK_WIDGET (view), GTK_WIDGET (view), &t, may_cut, cut);
  for (guint i = 0; log && i < cut->len; i++)
    g_test_message ("%s: cell cut: %s", where, (char *) cut->pdata[i]);

  /* no column off the edge */
  if (gtk_adjustment_get_upper (hadj) > gtk_adjustment_get_page_size (hadj) + 1)
    {
      if (log)
        g_test_message ("%s: the table is %.0f px wide in %.0f px", where,
                        gtk_adjustment_get_upper (hadj), gtk_adjustment_get_page_size (hadj));
      bad++;
    }
  return bad;
}

/* The table fits once the page has measured its columns and GTK has laid
 * them out; on a loaded machine (or under ASan) that takes longer than a
 * fixed wait, so it is checked again for up to 20 s before failing. */
static void
assert_table_fits (SpOffersPage *page,
                   const char   *where)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (count_unfit (page, where, FALSE) != 0 && g_get_monotonic_time () < deadline)
    sp_test_ui_iterate_for (100);
  g_assert_cmpuint (count_unfit (page, where, TRUE), ==, 0);
}

static void
test_offers_fit (void)
{
  GSettings *settings = sp_application_get_settings (the_app != NULL ? the_app : sp_test_ui_start_app (&the_app));
  SpOffersPage *page;
  static const struct { int w, h; } sizes[] = { { 0, 0 }, { 1280, 800 }, { 1000, 700 } };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *where = NULL;
      int w = sizes[i].w, h = sizes[i].h;

      if (w == 0)
        {
          /* the default size */
          w = g_settings_get_int (settings, "window-width");
          h = g_settings_get_int (settings, "window-height");
          g_assert_cmpint (w, <=, 1280);
          g_assert_cmpint (h, <=, 800);
        }
      resize (w, h);
      page = offers_page ();
      where = g_strdup_printf ("%d×%d, all", w, h);
      assert_table_fits (page, where);
      sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_TOKENS);
      sp_test_ui_iterate_for (400);
      g_free (where);
      where = g_strdup_printf ("%d×%d, tokens", w, h);
      assert_table_fits (page, where);
      if (w == 1280)
        sp_test_ui_shoot (GTK_WIDGET (get_window ()), "offers-tokens");
      sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_GPU);
      sp_test_ui_iterate_for (400);
      g_free (where);
      where = g_strdup_printf ("%d×%d, GPU", w, h);
      assert_table_fits (page, where);
      sp_offers_page_set_kind_filter (page, -1);
      sp_test_ui_iterate_for (200);
    }
}

/* The recorded real catalogs (OpenRouter, LiteLLM, SkyPilot AWS): hundreds
 * of vendors and long names; runs last (the demo catalog is then gone). */
static void
test_offers_fit_real_catalogs (void)
{
  static const struct { const char *file; SpFeedFormat format; } catalogs[] = {
    { "openrouter/openrouter_models_2026-08-01.json", SP_FEED_FORMAT_OPENROUTER },
    { "litellm/model_prices_and_context_window.json", SP_FEED_FORMAT_LITELLM },
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SpOffersPage *page;

  store = sp_store_open (sp_application_get_store_path (the_app), &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (catalogs); i++)
    {
      g_autofree char *path = sp_test_catalog (catalogs[i].file);
      g_autofree char *data = NULL;
      g_autoptr(SpImportResult) result = NULL;
      gsize len;

      if (path == NULL)
        return;
      data = sp_test_read_file (path, &len);
      result = sp_import_parse (data, len, catalogs[i].format, NULL, path, &error);
      g_assert_no_error (error);
      g_assert_true (sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC,
                                              NULL, &error));
      g_assert_no_error (error);
    }
  page = offers_page ();
  sp_offers_page_load (page, the_app);
  sp_test_ui_iterate_for (200);
  page = offers_page ();
  g_assert_cmpuint (g_list_model_get_n_items (sp_offers_page_get_model (page)), >, 1000);
  for (int s = 0; s < 2; s++)
    {
      g_autofree char *where = NULL;
      int w = s == 0 ? 1280 : 1200, h = s == 0 ? 800 : 760;

      resize (w, h);
      where = g_strdup_printf ("real catalogs, %d×%d, all", w, h);
      assert_table_fits (page, where);
      sp_offers_page_set_kind_filter (page, SP_OFFER_KIND_TOKENS);
      sp_test_ui_iterate_for (400);
      g_free (where);
      where = g_strdup_printf ("real catalogs, %d×%d, tokens", w, h);
      assert_table_fits (page, where);
      /* vendors by name in the UI language: 火山引擎, not volcengine or Volcengine */
      sp_offers_page_set_search (page, "volcengine");
      sp_test_ui_iterate_for (400);
      g_assert_cmpuint (g_list_model_get_n_items (sp_offers_page_get_model (page)), >, 0);
      assert_no_ids (GTK_WIDGET (page), where);
      sp_offers_page_set_search (page, "");
      sp_offers_page_set_kind_filter (page, -1);
      sp_test_ui_iterate_for (200);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  data_dir = sp_test_ui_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/window/offers-fit", test_offers_fit);
  g_test_add_func ("/ui/window/names-not-ids", test_names_not_ids);
  g_test_add_func ("/ui/window/offers-fit-real-catalogs", test_offers_fit_real_catalogs);
  ret = g_test_run ();
  sp_test_ui_stop_app ();
  g_clear_object (&the_app);
  sp_test_dir_free (data_dir);
  return ret;
}
