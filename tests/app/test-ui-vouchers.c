/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-vouchers.c — the Vouchers page and the redeem window in the real
 * main window (Xvfb in CI): the empty state, adding a Hangzhou government
 * voucher and a platform discount through the dialog's Add, buying a demo
 * offer tagged "hangzhou" with the proposed vouchers (figures checked against
 * hand-computed ones), choosing by hand, recording, voiding, deleting, and a
 * Nanning purchase that leaves a claim. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-redeem-window-private.h"
#include "sp-test-pages.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-voucher-dialog.h"
#include "sp-vouchers-page-private.h"
#include "sp-window.h"

static SpTestDir *data_dir;
static SpApplication *the_app;
static gint64 hz_purchase_id;

/* ------------------------------------------------------------ helpers */

static SpWindow *
get_window (void)
{
  return sp_test_ui_get_window (&the_app, data_dir->path);
}

static SpVouchersPage *
get_page (void)
{
  SpWindow *window = get_window ();
  AdwViewStack *stack = sp_window_get_stack (window);
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, "vouchers");

  g_assert_true (SP_IS_VOUCHERS_PAGE (child));
  adw_view_stack_set_visible_child_name (stack, "vouchers");
  sp_test_ui_iterate_for (50);
  sp_vouchers_page_wait_idle (SP_VOUCHERS_PAGE (child));
  return SP_VOUCHERS_PAGE (child);
}

/* An offer of the built-in demo catalog */
static SpOffer *
demo_offer (const char *id)
{
  g_autoptr(GBytes) feed = sp_core_dup_demo_feed ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  GPtrArray *offers;
  gsize len;
  const char *data = g_bytes_get_data (feed, &len);

  result = sp_import_parse (data, len, SP_FEED_FORMAT_SUANPAN, SP_DEMO_SOURCE, NULL, &error);
  g_assert_no_error (error);
  offers = sp_import_result_get_offers (result);
  for (guint i = 0; i < offers->len; i++)
    if (g_strcmp0 (sp_offer_get_id (offers->pdata[i]), id) == 0)
      return g_object_ref (offers->pdata[i]);
  g_assert_not_reached ();
  return NULL;
}

static gboolean
window_gone (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w == window)
        return !gtk_widget_get_visible (GTK_WIDGET (w));
    }
  return TRUE;
}

static guint32
julian (const char *iso)
{
  guint32 j = 0;

  g_assert_true (sp_date_parse_iso (iso, &j));
  return j;
}

static SpMoney
money (const char *text)
{
  SpMoney m = 0;

  g_assert_true (sp_money_parse (text, &m, NULL));
  return m;
}

/* -------------------------------------------------------------- tests */

static void
test_empty_state (void)
{
  SpVouchersPage *page = get_page ();

  g_assert_cmpstr (sp_vouchers_page_get_state (page), ==, "empty");
  g_assert_cmpuint (sp_vouchers_page_get_n_purchases (page, TRUE), ==, 0);
  g_assert_null (sp_vouchers_page_get_row (page, "HZ-2026-0001"));
}

/* Opens the add dialog on a @kind voucher; *@slot is cleared when it closes. */
static void
open_dialog_for (SpVouchersPage   *page,
                 SpVoucherDialog **slot,
                 SpVoucherKind     kind)
{
  *slot = sp_vouchers_page_open_dialog (page);
  g_assert_nonnull (*slot);
  g_object_add_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  sp_voucher_dialog_set_kind (*slot, kind);
}

/* Presses Add, then lets the page answer. */
static void
press_add (SpVouchersPage  *page,
           SpVoucherDialog *dialog,
           guint            ms)
{
  g_signal_emit_by_name (dialog, "add");
  sp_test_ui_iterate_for (ms);
  sp_vouchers_page_wait_idle (page);
}

/* Long on purpose: every kind of voucher added through the dialog, and
 * each refusal (bad amount, duplicate code), asserted in turn. */
static void
test_add_through_dialog (void)
{
  SpVouchersPage *page = get_page ();
  SpVoucherDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpVoucher) bad = NULL;

  /* a Hangzhou government voucher */
  open_dialog_for (page, &dialog, SP_VOUCHER_GOVERNMENT);
  g_assert_false (sp_voucher_dialog_is_valid (dialog));
  g_assert_true (sp_voucher_dialog_set_field (dialog, "code", "HZ-2026-0001"));
  g_assert_true (sp_voucher_dialog_set_programme (dialog, "hangzhou"));
  g_assert_true (sp_voucher_dialog_set_field (dialog, "face-value", "abc"));
  g_assert_true (sp_voucher_dialog_is_valid (dialog));
  /* a wrong amount is refused in plain words and nothing is stored */
  bad = sp_voucher_dialog_build_voucher (dialog, &error);
  g_assert_null (bad);
  g_assert_error (error, SP_VOUCHER_DIALOG_ERROR, SP_VOUCHER_DIALOG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Face value"));
  g_clear_error (&error);
  press_add (page, dialog, 50);
  g_assert_nonnull (dialog);   /* still open, showing the error */
  g_assert_cmpstr (sp_vouchers_page_get_state (page), ==, "empty");

  sp_voucher_dialog_set_field (dialog, "face-value", "500000.00");
  /* valid on the Nanning purchase day too (2025-06-01), so that one
   * refuses it for its vendor only */
  sp_voucher_dialog_set_field (dialog, "valid-from", "2025-01-01");
  sp_voucher_dialog_set_field (dialog, "valid-to", "2099-12-31");
  press_add (page, dialog, 100);
  g_assert_null (dialog);      /* closed */

  /* a platform discount: 10% off from ¥1000.00, once, at the demo vendor */
  open_dialog_for (page, &dialog, SP_VOUCHER_DISCOUNT);
  sp_voucher_dialog_set_field (dialog, "code", "HZC-10");
  sp_voucher_dialog_set_percent (dialog, TRUE);
  sp_voucher_dialog_set_field (dialog, "discount", "10");
  sp_voucher_dialog_set_field (dialog, "min-spend", "1000");
  sp_voucher_dialog_set_single_use (dialog, TRUE);
  sp_voucher_dialog_set_field (dialog, "discount-vendor", "demo-hangzhou-cloud");
  press_add (page, dialog, 100);
  g_assert_null (dialog);

  /* a fixed discount for another vendor (refused on this purchase) */
  open_dialog_for (page, &dialog, SP_VOUCHER_DISCOUNT);
  sp_voucher_dialog_set_field (dialog, "code", "OTHER-50");
  sp_voucher_dialog_set_percent (dialog, FALSE);
  sp_voucher_dialog_set_field (dialog, "discount", "50");
  sp_voucher_dialog_set_field (dialog, "discount-vendor", "other-cloud");
  press_add (page, dialog, 100);
  g_assert_null (dialog);

  /* the same code twice is refused by the store, the dialog stays */
  open_dialog_for (page, &dialog, SP_VOUCHER_PREPAID);
  sp_voucher_dialog_set_field (dialog, "code", "HZC-10");
  sp_voucher_dialog_set_field (dialog, "prepaid-vendor", "demo-hangzhou-cloud");
  sp_voucher_dialog_set_field (dialog, "prepaid-balance", "100");
  press_add (page, dialog, 50);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_iterate_for (50);
  sp_vouchers_page_wait_idle (page);

  g_assert_cmpstr (sp_vouchers_page_get_state (page), ==, "list");
  g_assert_nonnull (sp_vouchers_page_get_row (page, "HZ-2026-0001"));
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "HZ-2026-0001"), ==, "¥500000.00");
  g_assert_cmpstr (sp_vouchers_page_get_status_text (page, "HZ-2026-0001"), ==, "");
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "HZC-10"), ==, "10% off");
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "OTHER-50"), ==, "¥50.00 off");
  /* the government row names the programme in the UI language */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sp_vouchers_page_get_row (page, "HZ-2026-0001"))),
                   ==, "Hangzhou compute vouchers");
}

static void
assert_sum (SpBreakdown *b)
{
  g_assert_cmpint (sp_breakdown_get_platform (b) + sp_breakdown_get_prepaid (b) +
                   sp_breakdown_get_government (b) + sp_breakdown_get_net (b), ==,
                   sp_breakdown_get_list (b));
  g_assert_cmpint (sp_breakdown_get_company_cash (b), ==,
                   sp_breakdown_get_net (b) + sp_breakdown_get_reimbursed_later (b));
}

/* Long on purpose: one purchase priced, changed by hand and recorded, each
 * figure asserted to the fen, then the page after it. */
static void
test_redeem_and_record (void)
{
  SpVouchersPage *page = get_page ();
  g_autoptr(SpOffer) offer = demo_offer ("demo-hz-h100-sxm-1x");
  SpRedeemWindow *window;
  SpBreakdown *b;
  g_autoptr(GError) error = NULL;

  window = sp_redeem_window_new (the_app, offer);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  sp_redeem_window_set_date (window, julian ("2026-06-01"));
  sp_redeem_window_set_category (window, SP_CATEGORY_OTHER_COMPUTE);
  sp_redeem_window_set_quantity (window, "100");
  sp_test_ui_iterate_until (sp_test_pages_redeem_ready, window, 30000);
  sp_test_ui_iterate_for (50);
  sp_vouchers_page_wait_idle (page);

  /* 100 card-hours × ¥24.50 = ¥2450.00; 10% off (≥ ¥1000) = ¥245.00 →
   * contract ¥2205.00; Hangzhou other compute 20% = ¥441.00, at purchase;
   * the company pays 2450 − 245 − 441 = ¥1764.00 now and net */
  b = sp_redeem_window_get_breakdown (window);
  g_assert_nonnull (b);
  g_assert_cmpint (sp_breakdown_get_list (b), ==, money ("2450.00"));
  g_assert_cmpint (sp_breakdown_get_platform (b), ==, money ("245.00"));
  g_assert_cmpint (sp_breakdown_get_prepaid (b), ==, 0);
  g_assert_cmpint (sp_breakdown_get_government (b), ==, money ("441.00"));
  g_assert_cmpint (sp_breakdown_get_reimbursed_later (b), ==, 0);
  g_assert_cmpint (sp_breakdown_get_company_cash (b), ==, money ("1764.00"));
  g_assert_cmpint (sp_breakdown_get_net (b), ==, money ("1764.00"));
  assert_sum (b);
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "list"), ==, "¥2450.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "platform"), ==, "¥245.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "government-now"), ==, "¥441.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "government-later"), ==, "¥0.00");
  /* no pack drawn: it costs what the company pays */
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "cost"), ==, "¥1764.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "cash"), ==, "¥1764.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "net"), ==, "¥1764.00");
  /* the voucher for another vendor says why it is not used */
  g_assert_nonnull (sp_breakdown_find_refusal (b, "OTHER-50"));
  g_assert_cmpint (sp_breakdown_find_refusal (b, "OTHER-50")->reason, ==, SP_REFUSAL_VENDOR);
  g_assert_nonnull (strstr (sp_redeem_window_get_voucher_note (window, "OTHER-50"), "Not used"));
  g_assert_nonnull (strstr (sp_redeem_window_get_voucher_note (window, "OTHER-50"),
                            sp_breakdown_find_refusal (b, "OTHER-50")->message));

  /* by hand, without the discount: 20% of ¥2450.00 = ¥490.00 → ¥1960.00 */
  sp_redeem_window_set_voucher_used (window, "HZC-10", FALSE);
  b = sp_redeem_window_get_breakdown (window);
  g_assert_cmpint (sp_breakdown_get_platform (b), ==, 0);
  g_assert_cmpint (sp_breakdown_get_government (b), ==, money ("490.00"));
  g_assert_cmpint (sp_breakdown_get_net (b), ==, money ("1960.00"));
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "cash"), ==, "¥1960.00");
  assert_sum (b);
  /* 50 card-hours: ¥1225.00 → ¥245.00 subsidy, ¥980.00 */
  sp_redeem_window_set_quantity (window, "50");
  b = sp_redeem_window_get_breakdown (window);
  g_assert_cmpint (sp_breakdown_get_net (b), ==, money ("980.00"));
  sp_redeem_window_set_quantity (window, "100");
  sp_redeem_window_use_suggested (window);
  b = sp_redeem_window_get_breakdown (window);
  g_assert_cmpint (sp_breakdown_get_net (b), ==, money ("1764.00"));

  /* a quantity that is not a number: nothing to confirm */
  sp_redeem_window_set_quantity (window, "ten");
  g_assert_null (sp_redeem_window_get_breakdown (window));
  g_assert_cmpint (sp_redeem_window_confirm (window, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  sp_redeem_window_set_quantity (window, "100");

  hz_purchase_id = sp_redeem_window_confirm (window, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hz_purchase_id, >, 0);
  sp_test_ui_iterate_for (100);
  sp_vouchers_page_wait_idle (page);
  g_assert_true (window == NULL || window_gone (GTK_WINDOW (window)));

  /* the page shows the drawn balance, the used discount and the purchase */
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "HZ-2026-0001"), ==, "¥499559.00");
  g_assert_cmpstr (sp_vouchers_page_get_status_text (page, "HZC-10"), ==, "Used");
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "OTHER-50"), ==, "¥50.00 off");
  g_assert_cmpuint (sp_vouchers_page_get_n_purchases (page, FALSE), ==, 1);
  g_assert_cmpuint (sp_vouchers_page_get_n_claims (page), ==, 0);

  /* a voucher a purchase drew cannot be deleted before the purchase is voided */
  g_assert_false (sp_vouchers_page_remove_voucher (page, "HZ-2026-0001", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_nonnull (sp_vouchers_page_get_row (page, "HZ-2026-0001"));
}

static void
test_void_restores (void)
{
  SpVouchersPage *page = get_page ();
  AdwMessageDialog *dialog;

  g_assert_cmpint (hz_purchase_id, >, 0);
  /* Cancel changes nothing */
  dialog = sp_vouchers_page_ask_void (page, hz_purchase_id);
  adw_message_dialog_response (dialog, "cancel");
  sp_test_ui_iterate_for (50);
  sp_vouchers_page_wait_idle (page);
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "HZ-2026-0001"), ==, "¥499559.00");

  dialog = sp_vouchers_page_ask_void (page, hz_purchase_id);
  adw_message_dialog_response (dialog, "void");
  sp_test_ui_iterate_for (50);
  sp_vouchers_page_wait_idle (page);
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "HZ-2026-0001"), ==, "¥500000.00");
  g_assert_cmpstr (sp_vouchers_page_get_status_text (page, "HZC-10"), ==, "");
  g_assert_cmpuint (sp_vouchers_page_get_n_purchases (page, TRUE), ==, 1);
  g_assert_cmpuint (sp_vouchers_page_get_n_purchases (page, FALSE), ==, 0);
}

static void
test_delete_with_confirmation (void)
{
  SpVouchersPage *page = get_page ();
  AdwMessageDialog *dialog;

  dialog = sp_vouchers_page_ask_remove (page, "OTHER-50");
  adw_message_dialog_response (dialog, "cancel");
  sp_test_ui_iterate_for (50);
  sp_vouchers_page_wait_idle (page);
  g_assert_nonnull (sp_vouchers_page_get_row (page, "OTHER-50"));
  dialog = sp_vouchers_page_ask_remove (page, "OTHER-50");
  adw_message_dialog_response (dialog, "delete");
  sp_test_ui_iterate_for (50);
  sp_vouchers_page_wait_idle (page);
  g_assert_null (sp_vouchers_page_get_row (page, "OTHER-50"));
  g_assert_nonnull (sp_vouchers_page_get_row (page, "HZ-2026-0001"));
}

/* A vendor accredited for Nanning: reimbursed after settlement → a claim */
static void
test_reimbursed_claim (void)
{
  static const char feed[] =
    "{ \"suanpan_feed\": \"1.0\",\n"
    "  \"vendor\": { \"id\": \"nn-cloud\", \"name\": { \"en\": \"NN Cloud\" } },\n"
    "  \"offers\": [ { \"id\": \"nn-910b\", \"kind\": \"gpu\", \"name\": \"1 x 910B\",\n"
    "    \"spec\": { \"gpu_model\": \"Ascend 910B\", \"gpu_count\": 1 },\n"
    "    \"price\": { \"currency\": \"CNY\", \"per_unit\": \"10.00\" },\n"
    "    \"tags\": { \"voucher_programmes\": [\"nanning\"] } } ] }\n";
  static const char wallet[] =
    "{ \"suanpan_vouchers\": \"1.0\", \"vouchers\": [\n"
    "  { \"code\": \"NN-1\", \"kind\": \"government\", \"programme\": \"nanning\",\n"
    "    \"face_value\": \"10000.00\" } ] }\n";
  SpVouchersPage *page = get_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = sp_import_parse (feed, sizeof feed - 1, SP_FEED_FORMAT_SUANPAN, NULL,
                                                      NULL, &error);
  g_autofree char *summary = NULL;
  SpOffer *offer;
  SpRedeemWindow *window;
  SpBreakdown *b;
  gint64 id;

  g_assert_no_error (error);
  offer = g_ptr_array_index (sp_import_result_get_offers (result), 0);
  g_assert_true (sp_vouchers_page_import_data (page, wallet, sizeof wallet - 1, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (summary, ==, "Added 1 voucher");

  window = sp_redeem_window_new (the_app, offer);
  gtk_window_present (GTK_WINDOW (window));
  /* inside Nanning's period, 2025-03-01..2025-12-31 */
  sp_redeem_window_set_date (window, julian ("2025-06-01"));
  sp_redeem_window_set_quantity (window, "100");
  sp_test_ui_iterate_until (sp_test_pages_redeem_ready, window, 30000);
  /* ¥1000.00; Nanning 30% = ¥300.00 after settlement: ¥1000.00 now, ¥700.00 net;
   * Hangzhou is not for this vendor */
  b = sp_redeem_window_get_breakdown (window);
  g_assert_nonnull (b);
  g_assert_cmpint (sp_breakdown_get_list (b), ==, money ("1000.00"));
  g_assert_cmpint (sp_breakdown_get_government (b), ==, money ("300.00"));
  g_assert_cmpint (sp_breakdown_get_reimbursed_later (b), ==, money ("300.00"));
  g_assert_cmpint (sp_breakdown_get_company_cash (b), ==, money ("1000.00"));
  g_assert_cmpint (sp_breakdown_get_net (b), ==, money ("700.00"));
  assert_sum (b);
  g_assert_nonnull (sp_breakdown_find_refusal (b, "HZ-2026-0001"));
  g_assert_cmpint (sp_breakdown_find_refusal (b, "HZ-2026-0001")->reason, ==, SP_REFUSAL_VENDOR);
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "government-later"), ==, "¥300.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "cash"), ==, "¥1000.00");
  g_assert_cmpstr (sp_redeem_window_get_figure (window, "net"), ==, "¥700.00");

  id = sp_redeem_window_confirm (window, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  sp_test_ui_iterate_for (100);
  sp_vouchers_page_wait_idle (page);
  g_assert_cmpstr (sp_vouchers_page_get_amount_text (page, "NN-1"), ==, "¥9700.00");
  g_assert_cmpuint (sp_vouchers_page_get_n_claims (page), ==, 1);
  g_assert_cmpuint (sp_vouchers_page_get_n_purchases (page, FALSE), ==, 1);
}

int
main (int argc, char **argv)
{
  data_dir = sp_test_ui_setup ();
  /* the assertions compare English text */
  g_setenv ("LANGUAGE", "en", TRUE);

  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui-vouchers/empty-state", test_empty_state);
  g_test_add_func ("/ui-vouchers/add-through-dialog", test_add_through_dialog);
  g_test_add_func ("/ui-vouchers/redeem-and-record", test_redeem_and_record);
  g_test_add_func ("/ui-vouchers/void-restores", test_void_restores);
  g_test_add_func ("/ui-vouchers/delete-with-confirmation", test_delete_with_confirmation);
  g_test_add_func ("/ui-vouchers/reimbursed-claim", test_reimbursed_claim);
  return sp_test_ui_run (&the_app, data_dir);
}
