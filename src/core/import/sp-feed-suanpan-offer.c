/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-feed-suanpan-offer.c — one offer of a Suanpan feed: kind, names,
 * vendor, spec, price (with token tiers), hidden costs, tags, validity */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-feed-suanpan-private.h"
#include "sp-json.h"
#include "sp-text.h"

/* ------------------------------------------------------------------------ */
/* One offer                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
read_tiers (JsonArray  *tiers,
            SpOffer    *offer,
            GError    **error)
{
  guint n = json_array_get_length (tiers);
  g_autoptr(GArray) out = NULL;

  if (n == 0)
    return TRUE;

  out = g_array_sized_new (FALSE, TRUE, sizeof (SpTokenTier), n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (tiers, i);
      g_autofree char *path = g_strdup_printf ("price.tiers[%u]", i);
      g_autofree char *above_path = g_strconcat (path, ".above_tokens", NULL);
      g_autofree char *input_path = g_strconcat (path, ".input", NULL);
      g_autofree char *output_path = g_strconcat (path, ".output", NULL);
      g_autofree char *cached_path = g_strconcat (path, ".cached_input", NULL);
      SpTokenTier tier = { 0 };
      JsonObject *obj;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return sp_feed_wrong_type (error, path, _("an object"));
      obj = json_node_get_object (node);

      if (sp_json_member (obj, "above_tokens") == NULL)
        return sp_feed_missing (error, above_path);
      if (!sp_feed_read_integer (obj, "above_tokens", above_path, 1, MAX_TOKENS,
                         &tier.above_tokens, error) ||
          !sp_feed_read_price (obj, "input", input_path, &tier.input, NULL, error) ||
          !sp_feed_read_price (obj, "output", output_path, &tier.output, NULL, error) ||
          !sp_feed_read_price (obj, "cached_input", cached_path, &tier.cached_input, NULL, error))
        return FALSE;
      if (tier.input == SP_MONEY_UNKNOWN && tier.output == SP_MONEY_UNKNOWN)
        {
          g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                       _("“%s” has no input or output price"), path);
          return FALSE;
        }
      g_array_append_val (out, tier);
    }

  g_array_sort (out, sp_adapter_tier_cmp);
  for (guint i = 1; i < out->len; i++)
    if (g_array_index (out, SpTokenTier, i).above_tokens ==
        g_array_index (out, SpTokenTier, i - 1).above_tokens)
      {
        g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                     _("two tiers start above the same number of tokens (%lld)"),
                     (long long) g_array_index (out, SpTokenTier, i).above_tokens);
        return FALSE;
      }

  offer->tiers = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
read_spec (JsonObject  *spec,
           SpOffer     *offer,
           GError     **error)
{
  const char *gpu_model, *region, *billing, *commitment;
  gint64 gpu_count = 0, gpu_memory = 0, vcpus_milli = 0;
  gint64 ram_micro_gb = -1;

  if (!sp_feed_read_string (spec, "gpu_model", "spec.gpu_model", FALSE, &gpu_model, error) ||
      !sp_feed_read_integer (spec, "gpu_count", "spec.gpu_count", 0, MAX_GPU_COUNT, &gpu_count, error) ||
      !sp_feed_read_integer (spec, "gpu_memory_gb", "spec.gpu_memory_gb", 0, MAX_GPU_MEMORY_GB,
                     &gpu_memory, error) ||
      !sp_feed_read_quantity (spec, "vcpus", "spec.vcpus", -3, MAX_VCPUS_MILLI, &vcpus_milli, error) ||
      !sp_feed_read_quantity (spec, "ram_gb", "spec.ram_gb", 0,
                      MAX_RAM_MIB / 1024 * SP_MONEY_SCALE, &ram_micro_gb, error) ||
      !sp_feed_read_string (spec, "region", "spec.region", FALSE, &region, error) ||
      !sp_feed_read_string (spec, "billing", "spec.billing", FALSE, &billing, error) ||
      !sp_feed_read_string (spec, "min_commitment", "spec.min_commitment", FALSE, &commitment, error))
    return FALSE;

  offer->gpu_model = sp_gpu_model_canonical (gpu_model);
  offer->gpu_count = (guint) gpu_count;
  offer->gpu_memory_gb = (guint) gpu_memory;
  offer->vcpus_milli = (guint) vcpus_milli;
  if (ram_micro_gb >= 0)
    {
      SpMoney mib = 0;

      /* GB here are GiB, as cloud vendors list memory: × 1024 MiB, rounded
       * half-up once to whole MiB. */
      sp_money_muldiv (ram_micro_gb, 1024, SP_MONEY_SCALE, SP_ROUND_HALF_UP, &mib);
      offer->ram_mib = (guint) mib;
    }
  if (region != NULL && region[0] != '\0')
    offer->region = sp_text_intern (region);
  /* an unknown billing word (from a newer minor version) reads as unknown */
  if (billing == NULL || !sp_billing_from_string (billing, &offer->billing))
    offer->billing = SP_BILLING_UNKNOWN;
  if (commitment != NULL && commitment[0] != '\0')
    offer->min_commitment = g_strdup (commitment);
  return TRUE;
}

static gboolean
read_price_object (JsonObject  *price,
                   SpOffer     *offer,
                   GError     **error)
{
  const char *currency, *tax, *main_text = NULL;
  JsonArray *tiers;

  if (!sp_feed_read_string (price, "currency", "price.currency", TRUE, &currency, error))
    return FALSE;
  if (!sp_feed_is_currency_code (currency))
    {
      g_autofree char *quoted = sp_feed_quote_value (currency);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("“price.currency” (%s) is not a three-letter currency code "
                     "such as CNY or USD"), quoted);
      return FALSE;
    }
  offer->currency = g_intern_string (currency);

  if (!sp_feed_read_string (price, "tax", "price.tax", FALSE, &tax, error))
    return FALSE;
  if (tax == NULL || !sp_tax_basis_from_string (tax, &offer->tax))
    offer->tax = SP_TAX_UNKNOWN;

  if (offer->kind == SP_OFFER_KIND_TOKENS)
    {
      const char *output_text = NULL;

      if (!sp_feed_read_price (price, "input", "price.input", &offer->input_price, &main_text, error) ||
          !sp_feed_read_price (price, "output", "price.output", &offer->output_price, &output_text,
                       error) ||
          !sp_feed_read_price (price, "cached_input", "price.cached_input",
                       &offer->cached_input_price, NULL, error) ||
          !sp_feed_read_integer (price, "context_window", "price.context_window", 0, MAX_TOKENS,
                         &offer->context_window, error) ||
          !sp_feed_read_container (price, "tiers", "price.tiers", JSON_NODE_ARRAY,
                           (gpointer *) &tiers, error))
        return FALSE;
      if (tiers != NULL && !read_tiers (tiers, offer, error))
        return FALSE;
      offer->price = offer->input_price;
      if (main_text == NULL && output_text != NULL)
        {
          /* Only the output price is known: that is what the vendor lists. */
          main_text = output_text;
          offer->list_unit = g_intern_static_string ("1M output tokens");
        }
      else
        offer->list_unit = g_intern_static_string ("1M input tokens");
    }
  else
    {
      if (!sp_feed_read_price (price, "per_unit", "price.per_unit", &offer->price, &main_text, error))
        return FALSE;
      offer->list_unit = g_intern_string (sp_offer_kind_unit (offer->kind));
    }

  if (main_text != NULL)
    offer->list_price = g_strdup (main_text);
  else
    offer->list_unit = NULL;
  return TRUE;
}

static gboolean
read_hidden_costs (JsonObject  *costs,
                   SpOffer     *offer,
                   GError     **error)
{
  gint64 min_billing = 0;

  if (!sp_feed_read_price (costs, "storage_stopped_per_gb_month",
                   "hidden_costs.storage_stopped_per_gb_month",
                   &offer->storage_stopped_gb_month, NULL, error) ||
      !sp_feed_read_price (costs, "egress_per_gb", "hidden_costs.egress_per_gb",
                   &offer->egress_gb, NULL, error) ||
      !sp_feed_read_integer (costs, "min_billing_seconds", "hidden_costs.min_billing_seconds",
                     0, MAX_BILLING_SECONDS, &min_billing, error))
    return FALSE;
  offer->min_billing_seconds = (guint) min_billing;
  return TRUE;
}

static gboolean
read_tags (JsonObject  *tags,
           SpOffer     *offer,
           GError     **error)
{
  JsonArray *programmes;
  const char *fapiao;

  if (!sp_feed_read_container (tags, "voucher_programmes", "tags.voucher_programmes", JSON_NODE_ARRAY,
                       (gpointer *) &programmes, error) ||
      !sp_feed_read_string (tags, "fapiao", "tags.fapiao", FALSE, &fapiao, error))
    return FALSE;

  if (fapiao == NULL || !sp_fapiao_from_string (fapiao, &offer->fapiao))
    offer->fapiao = SP_FAPIAO_UNKNOWN;

  if (programmes != NULL && json_array_get_length (programmes) > 0)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n = json_array_get_length (programmes);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (programmes, i);
          const char *id;

          if (!sp_json_node_is_string (node) || !sp_feed_is_stable_id (id = json_node_get_string (node)))
            {
              g_autofree char *path = g_strdup_printf ("tags.voucher_programmes[%u]", i);

              return sp_feed_wrong_type (error, path, _("a programme id using a–z, 0–9 and “-”"));
            }
          g_strv_builder_add (builder, id);
        }
      offer->voucher_programmes = g_strv_builder_end (builder);
    }
  return TRUE;
}

/* The offer's "kind": exactly "gpu", "cpu" or "tokens" (the enum's own
 * parser ignores case, the feed format does not). */
static gboolean
read_kind (JsonObject  *obj,
           SpOffer     *offer,
           GError     **error)
{
  const char *kind;

  if (!sp_feed_read_string (obj, "kind", "kind", TRUE, &kind, error))
    return FALSE;
  if (!sp_offer_kind_from_string (kind, &offer->kind) ||
      strcmp (kind, sp_offer_kind_to_string (offer->kind)) != 0)
    {
      g_autofree char *quoted = sp_feed_quote_value (kind);

      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("unknown kind “%s” (expected gpu, cpu or tokens)"), quoted);
      return FALSE;
    }
  return TRUE;
}

/* Fills @offer from @obj; FALSE with @error (a plain-words reason) when the
 * offer must be skipped. */
static gboolean
read_offer (FeedContext  *ctx,
            JsonObject   *obj,
            SpOffer      *offer,
            GError      **error)
{
  const char *name, *model, *note;
  JsonObject *spec, *price, *costs, *tags;
  JsonNode *vendor_node;
  Vendor vendor = ctx->vendor;

  if (!read_kind (obj, offer, error))
    return FALSE;

  if (!sp_feed_read_string (obj, "name", "name", TRUE, &name, error) ||
      !sp_feed_read_string (obj, "model", "model", offer->kind == SP_OFFER_KIND_TOKENS, &model, error) ||
      !sp_feed_read_string (obj, "note", "note", FALSE, &note, error))
    return FALSE;

  vendor_node = sp_json_member (obj, "vendor");
  if (vendor_node != NULL && !sp_feed_read_vendor (vendor_node, &vendor, error))
    return FALSE;

  if (!sp_feed_read_container (obj, "spec", "spec", JSON_NODE_OBJECT, (gpointer *) &spec, error) ||
      !sp_feed_read_container (obj, "price", "price", JSON_NODE_OBJECT, (gpointer *) &price, error) ||
      !sp_feed_read_container (obj, "hidden_costs", "hidden_costs", JSON_NODE_OBJECT,
                       (gpointer *) &costs, error) ||
      !sp_feed_read_container (obj, "tags", "tags", JSON_NODE_OBJECT, (gpointer *) &tags, error))
    return FALSE;
  if (price == NULL)
    return sp_feed_missing (error, "price");

  offer->source = ctx->source;
  offer->vendor_id = g_intern_string (vendor.id);
  offer->vendor_name = sp_text_intern (vendor.name_en);
  offer->vendor_name_zh = vendor.name_zh ? sp_text_intern (vendor.name_zh) : NULL;
  offer->name = g_strdup (name);
  if (model != NULL && model[0] != '\0')
    offer->model = g_strdup (model);
  if (note != NULL && note[0] != '\0')
    offer->note = g_strdup (note);
  offer->demo = ctx->demo;

  if (spec != NULL && !read_spec (spec, offer, error))
    return FALSE;
  if (!read_price_object (price, offer, error))
    return FALSE;
  if (costs != NULL && !read_hidden_costs (costs, offer, error))
    return FALSE;
  if (tags != NULL && !read_tags (tags, offer, error))
    return FALSE;

  if (!sp_feed_read_time (obj, "valid_from", "valid_from", &offer->valid_from, error) ||
      !sp_feed_read_time (obj, "valid_to", "valid_to", &offer->valid_to, error))
    return FALSE;
  if (offer->valid_from != 0 && offer->valid_to != 0 && offer->valid_to < offer->valid_from)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("“valid_to” is before “valid_from”"));
      return FALSE;
    }

  /* An offer with no known price at all is of no use; a tokens offer with
   * one of input / output known is kept, the other stays unknown. */
  if (offer->price == SP_MONEY_UNKNOWN &&
      (offer->kind != SP_OFFER_KIND_TOKENS || offer->output_price == SP_MONEY_UNKNOWN))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE, _("no price"));
      return FALSE;
    }

  return TRUE;
}

void
sp_feed_read_offers (FeedContext *ctx,
                     JsonArray   *offers)
{
  guint n = json_array_get_length (offers);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (offers, i);
      guint row = i + 1;
      g_autoptr(SpOffer) offer = NULL;
      g_autoptr(GError) error = NULL;
      const char *id = NULL;
      JsonObject *obj;

      sp_import_result_row_read (ctx->result);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          sp_import_result_skip (ctx->result, row, NULL, "%s",
                                 _("the entry is not an object"));
          continue;
        }
      obj = json_node_get_object (node);

      if (!sp_feed_read_string (obj, "id", "id", TRUE, &id, &error))
        {
          sp_import_result_skip (ctx->result, row, NULL, "%s", error->message);
          continue;
        }

      offer = sp_offer_new ();
      offer->id = g_strdup (id);
      if (!read_offer (ctx, obj, offer, &error))
        {
          sp_import_result_skip (ctx->result, row, id, "%s", error->message);
          continue;
        }
      sp_import_result_add_offer (ctx->result, row, g_steal_pointer (&offer));
    }
}
