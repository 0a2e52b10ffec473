/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-offer.c — the offer model: enum strings, GPU names, groups, specs */
#include "config.h"

#include "sp-offer-private.h"
#include "sp-test-util.h"

static void
test_enum_strings (void)
{
  SpOfferKind kind;
  SpBilling billing;
  SpTaxBasis tax;
  SpFapiao fapiao;

  g_assert_cmpstr (sp_offer_kind_to_string (SP_OFFER_KIND_GPU), ==, "gpu");
  g_assert_cmpstr (sp_offer_kind_to_string (SP_OFFER_KIND_TOKENS), ==, "tokens");
  g_assert_true (sp_offer_kind_from_string ("CPU", &kind));
  g_assert_cmpint (kind, ==, SP_OFFER_KIND_CPU);
  g_assert_false (sp_offer_kind_from_string ("gpus", &kind));
  g_assert_false (sp_offer_kind_from_string (NULL, &kind));

  g_assert_true (sp_billing_from_string ("on-demand", &billing));
  g_assert_cmpint (billing, ==, SP_BILLING_ON_DEMAND);
  g_assert_cmpstr (sp_billing_to_string (SP_BILLING_RESERVED), ==, "reserved");
  g_assert_true (sp_tax_basis_from_string ("included", &tax));
  g_assert_cmpint (tax, ==, SP_TAX_INCLUDED);
  g_assert_true (sp_fapiao_from_string ("special", &fapiao));
  g_assert_cmpint (fapiao, ==, SP_FAPIAO_SPECIAL);
  g_assert_cmpstr (sp_offer_kind_unit (SP_OFFER_KIND_CPU), ==, "core-hour");
}

static void
test_gpu_names (void)
{
  /* variants stay different products */
  g_assert_cmpstr (sp_gpu_model_canonical ("H100 SXM"), ==, "H100 SXM");
  g_assert_cmpstr (sp_gpu_model_canonical ("h100-sxm5"), ==, "H100 SXM");
  g_assert_cmpstr (sp_gpu_model_canonical ("NVIDIA H100 PCIe"), ==, "H100 PCIe");
  g_assert_cmpstr (sp_gpu_model_canonical ("H100_NVL"), ==, "H100 NVL");
  g_assert_cmpstr (sp_gpu_model_canonical ("A100-80GB"), ==, "A100 80GB");
  g_assert_cmpstr (sp_gpu_model_canonical ("  L40S "), ==, "L40S");
  g_assert_cmpstr (sp_gpu_model_canonical ("RTX4090"), ==, "RTX 4090");
  g_assert_cmpstr (sp_gpu_model_canonical ("Some New Chip"), ==, "Some New Chip");
  g_assert_null (sp_gpu_model_canonical (""));
  g_assert_null (sp_gpu_model_canonical (NULL));
  /* interned: same pointer for the same name */
  g_assert_true (sp_gpu_model_canonical ("h100 sxm") == sp_gpu_model_canonical ("H100-SXM"));

  g_assert_true (sp_gpu_model_is_ambiguous (sp_gpu_model_canonical ("H100")));
  g_assert_false (sp_gpu_model_is_ambiguous (sp_gpu_model_canonical ("H100 SXM")));
}

static void
test_defaults_unknown (void)
{
  g_autoptr(SpOffer) offer = sp_offer_new ();

  /* an absent price is unknown, never 0 */
  g_assert_cmpint (sp_offer_get_price (offer), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_offer_get_input_price (offer), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_offer_get_output_price (offer), ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (offer->cached_input_price, ==, SP_MONEY_UNKNOWN);
}

static void
test_groups_and_spec (void)
{
  g_autoptr(SpOffer) gpu = sp_offer_new ();
  g_autoptr(SpOffer) tok_a = sp_offer_new ();
  g_autoptr(SpOffer) tok_b = sp_offer_new ();
  g_autofree char *group = NULL;
  g_autofree char *ga = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *spec = NULL;

  gpu->kind = SP_OFFER_KIND_GPU;
  gpu->gpu_model = sp_gpu_model_canonical ("H100 SXM");
  gpu->gpu_count = 8;
  gpu->gpu_memory_gb = 80;
  gpu->vcpus_milli = 192000;
  gpu->ram_mib = 2048 * 1024;
  group = sp_offer_dup_group (gpu);
  g_assert_cmpstr (group, ==, "gpu:H100 SXM:80");
  spec = sp_offer_dup_spec_summary (gpu);
  g_assert_cmpstr (spec, ==, "8 × H100 SXM 80 GB · 192 vCPU · 2048 GB RAM");

  /* the same model served by two vendors is one group */
  tok_a->kind = tok_b->kind = SP_OFFER_KIND_TOKENS;
  tok_a->model = g_strdup ("openai/gpt-4o");
  tok_b->model = g_strdup ("gpt-4o");
  ga = sp_offer_dup_group (tok_a);
  gb = sp_offer_dup_group (tok_b);
  g_assert_cmpstr (ga, ==, "tokens:gpt-4o");
  g_assert_cmpstr (ga, ==, gb);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/offer/enum-strings", test_enum_strings);
  g_test_add_func ("/core/offer/gpu-names", test_gpu_names);
  g_test_add_func ("/core/offer/unknown-price", test_defaults_unknown);
  g_test_add_func ("/core/offer/groups-and-spec", test_groups_and_spec);
  return g_test_run ();
}
