/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import.c — a fuzz harness per parser: built once per format with
 * -DFUZZ_FORMAT=SP_FEED_FORMAT_…  Each input is parsed; every offer that
 * comes out is normalized and printed, so the whole path is exercised. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sp-core.h"
#include "sp-import-private.h"
#include "fuzz-clean-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* SkyPilot: the input read in 3 chunks at once gives what it gives read in
 * one (HACKING.md "Ingest", seventh pass): the same offers in the same
 * order, the same skips on the same rows, the same counts. */
static void
check_chunks (const uint8_t *data,
              size_t         size)
{
  g_autoptr(SpImportResult) one = sp_import_result_new (SP_FEED_FORMAT_SKYPILOT, "fuzz");
  g_autoptr(SpImportResult) three = sp_import_result_new (SP_FEED_FORMAT_SKYPILOT, "fuzz");
  gboolean ok_one = sp_adapter_skypilot_parse_chunks ((const char *) data, size, one, 1, NULL);
  gboolean ok_three = sp_adapter_skypilot_parse_chunks ((const char *) data, size, three, 3, NULL);
  GPtrArray *a, *b;
  GArray *sa, *sb;

  if (ok_one != ok_three)
    abort ();
  if (!ok_one)
    return;
  a = sp_import_result_get_offers (one);
  b = sp_import_result_get_offers (three);
  sa = sp_import_result_get_skips (one);
  sb = sp_import_result_get_skips (three);
  if (a->len != b->len || sa->len != sb->len ||
      sp_import_result_get_rows_read (one) != sp_import_result_get_rows_read (three) ||
      sp_import_result_get_rows_repaired (one) != sp_import_result_get_rows_repaired (three))
    abort ();
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (sp_offer_get_id (g_ptr_array_index (a, i)),
                   sp_offer_get_id (g_ptr_array_index (b, i))) != 0 ||
        sp_offer_get_price (g_ptr_array_index (a, i)) !=
        sp_offer_get_price (g_ptr_array_index (b, i)))
      abort ();
  for (guint i = 0; i < sa->len; i++)
    {
      const SpImportSkip *x = &g_array_index (sa, SpImportSkip, i);
      const SpImportSkip *y = &g_array_index (sb, SpImportSkip, i);

      if (x->row != y->row || g_strcmp0 (x->key, y->key) != 0 ||
          g_strcmp0 (x->reason, y->reason) != 0)
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SpPriceContext *ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  GPtrArray *offers;

  if (ctx == NULL)
    ctx = sp_price_context_new ();
  if (FUZZ_FORMAT == SP_FEED_FORMAT_SKYPILOT)
    check_chunks (data, size);

  result = sp_import_parse ((const char *) data, size, FUZZ_FORMAT, NULL, "fuzz/vms.csv", &error);
  if (result == NULL)
    {
      /* a whole-file failure must say why */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  if (sp_import_result_get_rows_normalized (result) + sp_import_result_get_rows_skipped (result) == 0)
    abort ();
  offers = sp_import_result_get_offers (result);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      g_autofree char *spec = sp_offer_dup_spec_summary (offer);
      g_autofree char *group = sp_offer_dup_group (offer);

      if (spec == NULL || group == NULL)
        abort ();

      for (int f = SP_PRICE_MAIN; f <= SP_PRICE_BLENDED; f++)
        {
          SpMoney v = sp_price_context_normalize (ctx, offer, f);
          g_autofree char *text = sp_money_to_string (v, 2);

          if ((v == SP_MONEY_UNKNOWN) != (text == NULL))
            abort ();

          /* prices are never negative once normalized */
          if (v != SP_MONEY_UNKNOWN && v < 0)
            abort ();
        }
      if (sp_offer_get_id (offer) == NULL || !g_utf8_validate (sp_offer_get_id (offer), -1, NULL))
        abort ();

      /* issue 13: tiers rise, conditional prices are never negative, a
       * price source is a web address */
      {
        GArray *tiers = sp_offer_get_tiers (offer);
        GArray *variants = sp_offer_get_variants (offer);
        const char *url = sp_offer_get_price_source_url (offer);

        for (guint t = 1; tiers != NULL && t < tiers->len; t++)
          if (g_array_index (tiers, SpTokenTier, t).above_tokens <=
              g_array_index (tiers, SpTokenTier, t - 1).above_tokens)
            abort ();
        for (guint v = 0; variants != NULL && v < variants->len; v++)
          {
            const SpPriceVariant *pv = &g_array_index (variants, SpPriceVariant, v);

            if ((pv->input != SP_MONEY_UNKNOWN && pv->input < 0) ||
                (pv->output != SP_MONEY_UNKNOWN && pv->output < 0) ||
                (pv->condition == SP_VARIANT_TIME_OF_DAY &&
                 (pv->start < 0 || pv->start >= 1440 || pv->end < 0 || pv->end >= 1440)))
              abort ();
          }
        if (url != NULL && !g_str_has_prefix (url, "http"))
          abort ();
      }
      /* clean text at the door (sp-text.h): what is kept is what is shown */
      fuzz_assert_clean (sp_offer_get_id (offer), SP_LIMIT_ID_CHARS);
      fuzz_assert_clean (sp_offer_get_name (offer), SP_LIMIT_NAME_CHARS);
      fuzz_assert_clean (sp_offer_get_model (offer), SP_LIMIT_ID_CHARS);
      fuzz_assert_clean (sp_offer_get_vendor_name (offer), SP_LIMIT_NAME_CHARS);
      fuzz_assert_clean (sp_offer_get_vendor_name_zh (offer), SP_LIMIT_NAME_CHARS);
      fuzz_assert_clean (sp_offer_get_region (offer), SP_LIMIT_NAME_CHARS);
      fuzz_assert_clean (sp_offer_get_gpu_model (offer), SP_LIMIT_NAME_CHARS);
    }
  return 0;
}
