/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer.c — one offer in the catalog, in the standard model */
#include "config.h"

#include <string.h>

#include "sp-offer-private.h"
#include "sp-text.h"

G_DEFINE_FINAL_TYPE (SpOffer, sp_offer, G_TYPE_OBJECT)

typedef struct {
  int         value;
  const char *nick;
} EnumNick;

static const EnumNick kind_nicks[] = {
  { SP_OFFER_KIND_GPU, "gpu" },
  { SP_OFFER_KIND_CPU, "cpu" },
  { SP_OFFER_KIND_TOKENS, "tokens" },
};

static const EnumNick billing_nicks[] = {
  { SP_BILLING_UNKNOWN, "unknown" },
  { SP_BILLING_ON_DEMAND, "on-demand" },
  { SP_BILLING_SPOT, "spot" },
  { SP_BILLING_RESERVED, "reserved" },
  { SP_BILLING_PREPAID, "prepaid" },
};

static const EnumNick tax_nicks[] = {
  { SP_TAX_UNKNOWN, "unknown" },
  { SP_TAX_INCLUDED, "included" },
  { SP_TAX_EXCLUDED, "excluded" },
};

static const EnumNick fapiao_nicks[] = {
  { SP_FAPIAO_UNKNOWN, "unknown" },
  { SP_FAPIAO_NONE, "none" },
  { SP_FAPIAO_ORDINARY, "ordinary" },
  { SP_FAPIAO_SPECIAL, "special" },
};

static const char *
nick_for (const EnumNick *nicks, gsize n, int value)
{
  for (gsize i = 0; i < n; i++)
    if (nicks[i].value == value)
      return nicks[i].nick;
  return nicks[0].nick;
}

static gboolean
value_for (const EnumNick *nicks, gsize n, const char *str, int *out)
{
  if (str == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (nicks[i].nick, str) == 0)
      {
        *out = nicks[i].value;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, table)                              \
  const char *prefix##_to_string (Type v)                                     \
  {                                                                           \
    return nick_for (table, G_N_ELEMENTS (table), (int) v);                   \
  }                                                                           \
  gboolean prefix##_from_string (const char *str, Type *out)                  \
  {                                                                           \
    int v;                                                                    \
    if (!value_for (table, G_N_ELEMENTS (table), str, &v))                    \
      return FALSE;                                                           \
    *out = (Type) v;                                                          \
    return TRUE;                                                              \
  }

DEFINE_ENUM_STRINGS (SpOfferKind, sp_offer_kind, kind_nicks)
DEFINE_ENUM_STRINGS (SpBilling, sp_billing, billing_nicks)
DEFINE_ENUM_STRINGS (SpTaxBasis, sp_tax_basis, tax_nicks)
DEFINE_ENUM_STRINGS (SpFapiao, sp_fapiao, fapiao_nicks)

const char *
sp_offer_kind_unit (SpOfferKind kind)
{
  switch (kind)
    {
    case SP_OFFER_KIND_GPU:
      return "card-hour";
    case SP_OFFER_KIND_CPU:
      return "core-hour";
    case SP_OFFER_KIND_TOKENS:
      return "1M tokens";
    default:
      return "";
    }
}

/* GPU models: precise canonical names.  Variants are different products
 * (H100 SXM, H100 PCIe and H100 NVL differ in memory bandwidth and price), so
 * we only fold spelling, never variants. */
typedef struct {
  const char *key;   /* folded: lowercase, no spaces, '-' or '_' */
  const char *name;
} GpuAlias;

static const GpuAlias gpu_aliases[] = {
  { "h100sxm", "H100 SXM" },
  { "h100sxm5", "H100 SXM" },
  { "h100sxm80gb", "H100 SXM" },
  { "h100pcie", "H100 PCIe" },
  { "h100pcie80gb", "H100 PCIe" },
  { "h100nvl", "H100 NVL" },
  { "h100", "H100" },
  { "h100mega", "H100 Mega" },
  { "h200", "H200" },
  { "h200sxm", "H200 SXM" },
  { "h200nvl", "H200 NVL" },
  { "h800", "H800" },
  { "h20", "H20" },
  { "b200", "B200" },
  { "gb200", "GB200" },
  { "a100", "A100" },
  { "a10080gb", "A100 80GB" },
  { "a100sxm4", "A100 SXM" },
  { "a100sxm", "A100 SXM" },
  { "a100pcie", "A100 PCIe" },
  { "a100sxm480gb", "A100 SXM 80GB" },
  { "a800", "A800" },
  { "a10", "A10" },
  { "a10g", "A10G" },
  { "a40", "A40" },
  { "a6000", "RTX A6000" },
  { "rtxa6000", "RTX A6000" },
  { "l4", "L4" },
  { "l40", "L40" },
  { "l40s", "L40S" },
  { "t4", "T4" },
  { "v100", "V100" },
  { "v10032gb", "V100 32GB" },
  { "rtx4090", "RTX 4090" },
  { "rtx5090", "RTX 5090" },
  { "rtx3090", "RTX 3090" },
  { "rtx6000ada", "RTX 6000 Ada" },
  { "mi300x", "MI300X" },
  { "910b", "Ascend 910B" },
  { "ascend910b", "Ascend 910B" },
};

static const char *ambiguous_models[] = {
  "H100", "H200", "A100", "V100",
};

const char *
sp_gpu_model_canonical (const char *raw)
{
  g_autofree char *trimmed = NULL;
  GString *folded;
  g_autofree char *key = NULL;

  if (raw == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (raw));
  if (*trimmed == '\0')
    return NULL;

  folded = g_string_new (NULL);
  for (const char *p = trimmed; *p; p++)
    {
      char c = *p;
      if (c == ' ' || c == '-' || c == '_')
        continue;
      g_string_append_c (folded, g_ascii_tolower (c));
    }
  /* "NVIDIA H100 SXM" → "h100sxm" */
  if (g_str_has_prefix (folded->str, "nvidia"))
    g_string_erase (folded, 0, 6);
  else if (g_str_has_prefix (folded->str, "huawei"))
    g_string_erase (folded, 0, 6);
  key = g_string_free (folded, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (gpu_aliases); i++)
    if (strcmp (gpu_aliases[i].key, key) == 0)
      return g_intern_static_string (gpu_aliases[i].name);

  return sp_text_intern (trimmed);
}

gboolean
sp_gpu_model_is_ambiguous (const char *canonical)
{
  if (canonical == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (ambiguous_models); i++)
    if (strcmp (ambiguous_models[i], canonical) == 0)
      return TRUE;
  return FALSE;
}

static void
sp_offer_finalize (GObject *object)
{
  SpOffer *self = (SpOffer *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->min_commitment, g_free);
  g_clear_pointer (&self->tiers, g_array_unref);
  g_clear_pointer (&self->list_price, g_free);
  g_clear_pointer (&self->voucher_programmes, g_strfreev);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->price_source_url, g_free);
  g_clear_pointer (&self->verified_at, g_free);
  g_clear_pointer (&self->variants, g_array_unref);
  g_clear_pointer (&self->gpu_fraction, g_free);

  G_OBJECT_CLASS (sp_offer_parent_class)->finalize (object);
}

/* "USD", interned once: g_intern_static_string () takes a lock every
 * process shares, and a catalog read on several threads makes tens of
 * thousands of offers (HACKING.md "Ingest", fourth pass) */
static const char *default_currency;

static void
sp_offer_class_init (SpOfferClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_offer_finalize;
  default_currency = g_intern_static_string ("USD");
}

static void
sp_offer_init (SpOffer *self)
{
  self->price = SP_MONEY_UNKNOWN;
  self->input_price = SP_MONEY_UNKNOWN;
  self->output_price = SP_MONEY_UNKNOWN;
  self->cached_input_price = SP_MONEY_UNKNOWN;
  self->storage_stopped_gb_month = SP_MONEY_UNKNOWN;
  self->egress_gb = SP_MONEY_UNKNOWN;
  self->cache_write_price = SP_MONEY_UNKNOWN;
  self->host_price = SP_MONEY_UNKNOWN;
  self->currency = default_currency;
}

SpOffer *
sp_offer_new (void)
{
  return g_object_new (SP_TYPE_OFFER, NULL);
}

#define GETTER(type, field)                                  \
  type sp_offer_get_##field (SpOffer *self)                  \
  {                                                          \
    g_return_val_if_fail (SP_IS_OFFER (self), (type) 0);     \
    return self->field;                                      \
  }

GETTER (const char *, id)
GETTER (const char *, source)
GETTER (const char *, vendor_id)
GETTER (const char *, vendor_name)
GETTER (const char *, vendor_name_zh)
GETTER (SpOfferKind, kind)
GETTER (const char *, name)
GETTER (const char *, model)
GETTER (const char *, gpu_model)
GETTER (guint, gpu_count)
GETTER (guint, gpu_memory_gb)
GETTER (const char *, region)
GETTER (SpBilling, billing)
GETTER (const char *, currency)
GETTER (gboolean, demo)
/* for the Offers page and the side-by-side view (issue 6) */
GETTER (guint, vcpus_milli)
GETTER (guint, ram_mib)
GETTER (gint64, context_window)
GETTER (gint64, fetched_at)
GETTER (const char *, min_commitment)
GETTER (SpTaxBasis, tax)
GETTER (const char *, price_source_url)
GETTER (const char *, verified_at)
GETTER (gboolean, retired)
GETTER (const char *, attribution)
GETTER (GArray *, variants)
GETTER (GArray *, tiers)

SpMoney
sp_offer_get_cache_write_price (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), SP_MONEY_UNKNOWN);
  return self->cache_write_price;
}

const SpPriceVariant *
sp_offer_get_off_peak (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), NULL);

  for (guint i = 0; self->variants != NULL && i < self->variants->len; i++)
    {
      const SpPriceVariant *v = &g_array_index (self->variants, SpPriceVariant, i);

      if (v->condition == SP_VARIANT_TIME_OF_DAY && v->off_peak)
        return v;
    }
  return NULL;
}

static const EnumNick variant_nicks[] = {
  { SP_VARIANT_TIME_OF_DAY, "time-of-day" },
  { SP_VARIANT_DATES, "dates" },
};

DEFINE_ENUM_STRINGS (SpVariantCondition, sp_variant_condition, variant_nicks)

char *
sp_variant_format_minute (gint64 minute, char buf[6])
{
  minute = ((minute % 1440) + 1440) % 1440;
  g_snprintf (buf, 6, "%02d:%02d", (int) (minute / 60), (int) (minute % 60));
  return buf;
}

char *
sp_variant_dup_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds == 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

GETTER (const char *, gpu_fraction)
GETTER (const char *, host)

SpMoney
sp_offer_get_host_price (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), SP_MONEY_UNKNOWN);
  return self->host_price;
}

static guint
gcd_uint (guint a, guint b)
{
  while (b != 0)
    {
      guint t = a % b;
      a = b;
      b = t;
    }
  return a;
}

gboolean
sp_gpu_fraction_parse (const char *text,
                       guint      *num,
                       guint      *den)
{
  const char *p = text;
  gint64 m = 0, scale = 1;
  guint digits = 0;

  g_return_val_if_fail (num != NULL && den != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  /* "0.167" or ".167": a decimal below 1, at most 9 decimals */
  if (*p == '0')
    p++;
  if (*p != '.')
    return FALSE;
  for (p++; g_ascii_isdigit (*p); p++)
    {
      if (++digits > 9)
        return FALSE;
      m = m * 10 + (*p - '0');
      scale *= 10;
    }
  if (*p != '\0' || digits == 0 || m == 0)
    return FALSE;

  /* exact: "0.5" is 1/2, "0.125" 1/8 */
  {
    guint g = gcd_uint ((guint) m, (guint) scale);

    if (scale / g <= 64)
      {
        *num = (guint) (m / g);
        *den = (guint) (scale / g);
        return TRUE;
      }
  }
  /* a repeating decimal cut short ("0.167", "0.333"; 3 digits or more):
   * the simplest n/d whose value rounds to the digits written,
   * |n/d - m/scale| <= 1/(2 scale)  <=>  2 |n scale - m d| <= d */
  if (digits < 3)
    return FALSE;
  for (guint d = 2; d <= 64; d++)
    for (guint n = 1; n < d; n++)
      {
        gint64 diff = (gint64) n * scale - m * (gint64) d;

        if (gcd_uint (n, d) != 1)
          continue;
        if (2 * ABS (diff) <= (gint64) d)
          {
            *num = n;
            *den = d;
            return TRUE;
          }
      }
  return FALSE;
}

char *
sp_gpu_fraction_dup_label (const char *text)
{
  guint num, den;

  if (text == NULL)
    return NULL;
  if (sp_gpu_fraction_parse (text, &num, &den))
    return g_strdup_printf ("%u/%u", num, den);
  return g_strdup (text);
}

SpMoney
sp_offer_get_cached_input_price (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), SP_MONEY_UNKNOWN);
  return self->cached_input_price;
}

const char * const *
sp_offer_get_voucher_programmes (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), NULL);
  return (const char * const *) self->voucher_programmes;
}

SpMoney
sp_offer_get_price (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), SP_MONEY_UNKNOWN);
  return self->price;
}

SpMoney
sp_offer_get_input_price (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), SP_MONEY_UNKNOWN);
  return self->input_price;
}

SpMoney
sp_offer_get_output_price (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), SP_MONEY_UNKNOWN);
  return self->output_price;
}

/* The model name without a routing prefix, lowercase:
 * "openai/gpt-4o" → "gpt-4o", "bedrock/us.anthropic.claude-x" → "us.anthropic.claude-x" */
static char *
model_group_key (const char *model)
{
  const char *slash;

  if (model == NULL)
    return NULL;
  slash = strrchr (model, '/');
  if (slash != NULL && slash[1] != '\0')
    model = slash + 1;
  return g_ascii_strdown (model, -1);
}

char *
sp_offer_dup_group (SpOffer *self)
{
  g_return_val_if_fail (SP_IS_OFFER (self), NULL);

  switch (self->kind)
    {
    case SP_OFFER_KIND_GPU:
      return g_strdup_printf ("gpu:%s:%u", self->gpu_model ? self->gpu_model : "?",
                              self->gpu_memory_gb);
    case SP_OFFER_KIND_CPU:
      return g_strdup_printf ("cpu:%s", self->vendor_id ? self->vendor_id : "?");
    case SP_OFFER_KIND_TOKENS:
      {
        g_autofree char *key = model_group_key (self->model ? self->model : self->name);
        return g_strdup_printf ("tokens:%s", key ? key : "?");
      }
    default:
      return NULL;
    }
}

char *
sp_offer_dup_spec_summary (SpOffer *self)
{
  GString *s;

  g_return_val_if_fail (SP_IS_OFFER (self), NULL);

  s = g_string_new (NULL);
  if (self->kind == SP_OFFER_KIND_GPU && self->gpu_model != NULL)
    {
      if (self->host != NULL)
        g_string_append_printf (s, "%s + ", self->host);
      if (self->gpu_fraction != NULL)
        {
          g_autofree char *share = sp_gpu_fraction_dup_label (self->gpu_fraction);

          g_string_append_printf (s, "%s × ", share);
        }
      else if (self->gpu_count > 0)
        g_string_append_printf (s, "%u × ", self->gpu_count);
      g_string_append (s, self->gpu_model);
      /* "A100 80GB" already says its memory */
      if (self->gpu_memory_gb > 0 && !g_str_has_suffix (self->gpu_model, "GB"))
        g_string_append_printf (s, " %u GB", self->gpu_memory_gb);
    }
  if (self->vcpus_milli > 0)
    {
      if (s->len)
        g_string_append (s, " · ");
      if (self->vcpus_milli % 1000 == 0)
        g_string_append_printf (s, "%u vCPU", self->vcpus_milli / 1000);
      else
        g_string_append_printf (s, "%u.%03u vCPU", self->vcpus_milli / 1000,
                                self->vcpus_milli % 1000);
    }
  if (self->ram_mib > 0)
    {
      if (s->len)
        g_string_append (s, " · ");
      g_string_append_printf (s, "%u GB RAM", (self->ram_mib + 512) / 1024);
    }
  if (self->kind == SP_OFFER_KIND_TOKENS && self->context_window > 0)
    {
      if (s->len)
        g_string_append (s, " · ");
      if (self->context_window >= 1000)
        g_string_append_printf (s, "%" G_GINT64_FORMAT "K context",
                                self->context_window / 1000);
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT " context", self->context_window);
    }
  return g_string_free (s, FALSE);
}
