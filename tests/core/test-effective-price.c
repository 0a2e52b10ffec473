/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-effective-price.c — the After Vouchers figure of the Offers page,
 * moved to the core (issue 16 item 4): one money path with the command
 * line (sp_offer_unit_after_vouchers(), which `offers --json` and the buy
 * path use), and its tooltip, without a display. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-core.h"
#include "sp-programme.h"
#include "sp-test-util.h"

static GPtrArray *programmes;

/* short, as the cases read */
#define M sp_test_money

/* The offers of the money feed and of the demo catalog */
static GPtrArray *
all_offers (SpTestDir *dir)
{
  g_autofree char *feed = sp_test_source_path ("tests/data/feeds/money-feed.json");
  g_autofree char *db = g_build_filename (dir->path, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = sp_import_parse_file (feed, SP_FEED_FORMAT_SUANPAN, "money",
                                                           &error);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) demo = NULL;
  GPtrArray *offers;

  g_assert_no_error (error);
  offers = g_ptr_array_copy (sp_import_result_get_offers (result),
                             (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (offers, g_object_unref);
  store = sp_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sp_core_seed_demo (store, &error));
  g_assert_no_error (error);
  demo = sp_store_load_offers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (demo->len, >, 0);
  for (guint i = 0; i < demo->len; i++)
    g_ptr_array_add (offers, g_object_ref (g_ptr_array_index (demo, i)));
  return offers;
}

static SpWallet *
wallet_with (SpVoucher *first,
             SpVoucher *second)
{
  SpWallet *wallet = sp_test_wallet_new (programmes);

  if (first != NULL)
    g_assert_true (sp_wallet_add_voucher (wallet, first));
  if (second != NULL)
    g_assert_true (sp_wallet_add_voucher (wallet, second));
  return wallet;
}

/* Every offer, every wallet, both currencies: the page's figure is the
 * command line's, to the micro-unit; it saves only with a voucher used */
static void
test_same_as_cli (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(GPtrArray) offers = all_offers (dir);
  g_autoptr(SpVoucher) half = sp_voucher_new_discount_percent ("HALF", 5000);
  g_autoptr(SpVoucher) ten = sp_voucher_new_discount_amount ("TEN", M ("10"), "CNY");
  g_autoptr(SpVoucher) pack = sp_voucher_new_prepaid ("PACK", "cheap-cloud", NULL, M ("300"));
  g_autoptr(SpVoucher) hz = sp_voucher_new_government ("HZ", "hangzhou", M ("500000"),
                                                       M ("500000"));
  SpWallet *wallets[] = {
    NULL,
    wallet_with (NULL, NULL),
    wallet_with (half, NULL),
    wallet_with (ten, pack),
    wallet_with (hz, half),
    wallet_with (pack, NULL),
  };
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  guint32 date = 0;
  guint n_saving = 0, n_compared = 0;

  g_assert_true (sp_date_parse_iso ("2026-06-01", &date));
  for (guint c = 0; c < 2; c++)
    {
      g_assert_true (sp_price_context_set_currency (ctx, c == 0 ? "CNY" : "USD"));
      for (gsize w = 0; w < G_N_ELEMENTS (wallets); w++)
        for (guint i = 0; i < offers->len; i++)
          {
            SpOffer *offer = g_ptr_array_index (offers, i);
            g_autoptr(SpBreakdown) breakdown = NULL;
            SpMoney normalized = 0;
            SpMoney cli = sp_offer_unit_after_vouchers (offer, ctx, wallets[w], date, &normalized);
            gboolean saves = TRUE;
            SpMoney page = sp_effective_price_get (wallets[w], offer, ctx, date, &saves, &breakdown);

            g_assert_cmpint (page, ==, cli);
            if (!saves)
              g_assert_cmpint (page, ==, normalized);
            else
              {
                g_assert_nonnull (breakdown);
                g_assert_cmpuint (sp_breakdown_get_n_lines (breakdown), >, 0);
                n_saving++;
              }
            /* prepaid packs are never a saving: a pack alone leaves the price */
            if (w == 5)
              {
                g_assert_false (saves);
                g_assert_cmpint (page, ==, normalized);
              }
            n_compared++;
          }
    }
  g_assert_cmpuint (n_saving, >, 0);
  g_test_message ("%u figures compared, %u lowered by a voucher", n_compared, n_saving);
  for (gsize w = 1; w < G_N_ELEMENTS (wallets); w++)
    g_object_unref (wallets[w]);
}

static void
test_explain (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autoptr(GPtrArray) offers = all_offers (dir);
  g_autoptr(SpVoucher) half = sp_voucher_new_discount_percent ("HALF", 5000);
  g_autoptr(SpWallet) wallet = wallet_with (half, NULL);
  g_autoptr(SpWallet) empty = wallet_with (NULL, NULL);
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(SpBreakdown) b = NULL;
  g_autoptr(SpBreakdown) none = NULL;
  g_autofree char *tip = NULL;
  g_autofree char *no_tip = NULL;
  SpOffer *t4 = NULL;
  gboolean saves = FALSE;
  guint32 date = 0;

  g_assert_true (sp_date_parse_iso ("2026-06-01", &date));
  for (guint i = 0; i < offers->len && t4 == NULL; i++)
    if (g_str_equal (sp_offer_get_id (g_ptr_array_index (offers, i)), "cheap-t4"))
      t4 = g_ptr_array_index (offers, i);
  g_assert_nonnull (t4);

  /* ¥0.666 a card-hour, half off: ¥0.333, six decimals kept */
  g_assert_cmpint (sp_effective_price_get (wallet, t4, ctx, date, &saves, &b), ==, M ("0.333"));
  g_assert_true (saves);
  tip = sp_effective_price_explain (b, t4);
  g_assert_nonnull (strstr (tip, "HALF"));
  g_assert_nonnull (strstr (tip, "For one card-hour; larger purchases may hit caps or balances."));
  g_assert_cmpstr (sp_offer_unit_label (SP_OFFER_KIND_CPU), ==, "core-hour");
  g_assert_cmpstr (sp_offer_unit_label (SP_OFFER_KIND_TOKENS), ==, "1M tokens");

  /* an empty wallet: the normalized price, nothing to explain */
  g_assert_cmpint (sp_effective_price_get (empty, t4, ctx, date, &saves, &none), ==, M ("0.666"));
  g_assert_false (saves);
  g_assert_null (none);
  none = sp_offer_propose_unit (empty, t4, ctx, date, NULL, NULL);
  g_assert_nonnull (none);
  no_tip = sp_effective_price_explain (none, t4);
  g_assert_cmpstr (no_tip, ==, "No voucher applies");
}

int
main (int    argc,
      char **argv)
{
  sp_test_init_core (&argc, &argv);

  g_test_add_func ("/core/effective-price/same-as-cli", test_same_as_cli);
  g_test_add_func ("/core/effective-price/explain", test_explain);
  return sp_test_run_with_programmes (&programmes);
}
