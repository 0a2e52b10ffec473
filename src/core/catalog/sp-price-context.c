/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-price-context.c — normalize offer prices to the user's display currency
 *
 * Every figure is computed exactly from integer micro-unit prices and rounded
 * once, half away from zero.  A blended token price folds the token mix and
 * the currency conversion into one fraction:
 *
 *     (input × mix_in + output × mix_out) × mul
 *     ─────────────────────────────────────────
 *              (mix_in + mix_out) × div
 *
 * where mul/div is 1/1 (same currency), rate/10^6 (USD → CNY) or 10^6/rate
 * (CNY → USD).
 */
#include "config.h"

#include "sp-offer-private.h"
#include "sp-price-context.h"

#define DEFAULT_CURRENCY   "CNY"
#define DEFAULT_USD_CNY    G_GINT64_CONSTANT (7200000)
#define DEFAULT_MIX_INPUT  3
#define DEFAULT_MIX_OUTPUT 1

struct _SpPriceContext
{
  GObject     parent_instance;

  const char *currency;     /* "CNY" or "USD" (static) */
  SpMoney     usd_cny;      /* CNY per USD, micro-units, > 0 */
  guint       mix_input;
  guint       mix_output;   /* not both 0 */
};

G_DEFINE_FINAL_TYPE (SpPriceContext, sp_price_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURRENCY,
  PROP_USD_CNY,
  PROP_MIX_INPUT,
  PROP_MIX_OUTPUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The canonical spelling of a supported display currency, or NULL */
static const char *
canonical_currency (const char *currency)
{
  if (currency == NULL)
    return NULL;
  if (g_ascii_strcasecmp (currency, "CNY") == 0)
    return "CNY";
  if (g_ascii_strcasecmp (currency, "USD") == 0)
    return "USD";
  return NULL;
}

/* The factor mul/div that converts an amount in @from to the display
 * currency.  FALSE when there is no rate for @from. */
static gboolean
conversion_factor (SpPriceContext *self,
                   const char     *from,
                   gint64         *mul,
                   gint64         *div)
{
  const char *canonical = canonical_currency (from);

  if (canonical == NULL)
    return FALSE;

  if (g_str_equal (canonical, self->currency))
    {
      *mul = 1;
      *div = 1;
    }
  else if (g_str_equal (canonical, "USD"))
    {
      *mul = self->usd_cny;
      *div = SP_MONEY_SCALE;
    }
  else
    {
      *mul = SP_MONEY_SCALE;
      *div = self->usd_cny;
    }
  return TRUE;
}

/* (a × ma + b × mb) × mul / ((ma + mb) × div), rounded once half away from
 * zero.  @a (or @b) is ignored when its weight is 0, so it may be unknown
 * then.  SP_MONEY_UNKNOWN on overflow. */
static SpMoney
blend_exact (SpMoney a,
             guint   ma,
             SpMoney b,
             guint   mb,
             gint64  mul,
             gint64  div)
{
  SpInt128 num = 0;
  SpInt128 den;
  SpUInt128 mag, q, r;
  gboolean negative;

  g_assert (ma + (guint64) mb > 0);
  g_assert (mul > 0 && div > 0);

  /* |a × ma| < 2^95, so the sum is < 2^96 */
  if (ma > 0)
    num += (SpInt128) a * ma;
  if (mb > 0)
    num += (SpInt128) b * mb;
  if (__builtin_mul_overflow (num, (SpInt128) mul, &num))
    return SP_MONEY_UNKNOWN;
  den = (SpInt128) (ma + (guint64) mb) * div;   /* < 2^97 */

  negative = num < 0;
  mag = negative ? -(SpUInt128) num : (SpUInt128) num;
  q = mag / (SpUInt128) den;
  r = mag % (SpUInt128) den;
  if (r >= (SpUInt128) den - r)
    q++;
  if (q > (SpUInt128) G_MAXINT64)
    return SP_MONEY_UNKNOWN;

  return negative ? -(SpMoney) q : (SpMoney) q;
}

static void
sp_price_context_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SpPriceContext *self = SP_PRICE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_USD_CNY:
      g_value_set_int64 (value, self->usd_cny);
      break;
    case PROP_MIX_INPUT:
      g_value_set_uint (value, self->mix_input);
      break;
    case PROP_MIX_OUTPUT:
      g_value_set_uint (value, self->mix_output);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_price_context_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpPriceContext *self = SP_PRICE_CONTEXT (object);
  gboolean ok = TRUE;

  switch (prop_id)
    {
    case PROP_CURRENCY:
      ok = sp_price_context_set_currency (self, g_value_get_string (value));
      break;
    case PROP_USD_CNY:
      ok = sp_price_context_set_usd_cny (self, g_value_get_int64 (value));
      break;
    case PROP_MIX_INPUT:
      ok = sp_price_context_set_mix (self, g_value_get_uint (value), self->mix_output);
      break;
    case PROP_MIX_OUTPUT:
      ok = sp_price_context_set_mix (self, self->mix_input, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (!ok)
    g_warning ("Ignoring invalid value for SpPriceContext:%s", pspec->name);
}

static void
sp_price_context_class_init (SpPriceContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sp_price_context_get_property;
  object_class->set_property = sp_price_context_set_property;

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         DEFAULT_CURRENCY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USD_CNY] =
    g_param_spec_int64 ("usd-cny", NULL, NULL,
                        1, G_MAXINT64, DEFAULT_USD_CNY,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MIX_INPUT] =
    g_param_spec_uint ("mix-input", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MIX_INPUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MIX_OUTPUT] =
    g_param_spec_uint ("mix-output", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MIX_OUTPUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_price_context_init (SpPriceContext *self)
{
  self->currency = DEFAULT_CURRENCY;
  self->usd_cny = DEFAULT_USD_CNY;
  self->mix_input = DEFAULT_MIX_INPUT;
  self->mix_output = DEFAULT_MIX_OUTPUT;
}

SpPriceContext *
sp_price_context_new (void)
{
  return g_object_new (SP_TYPE_PRICE_CONTEXT, NULL);
}

SpPriceContext *
sp_price_context_copy (SpPriceContext *self)
{
  SpPriceContext *copy;

  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), NULL);

  copy = sp_price_context_new ();
  copy->currency = self->currency;
  copy->usd_cny = self->usd_cny;
  copy->mix_input = self->mix_input;
  copy->mix_output = self->mix_output;
  return copy;
}

const char *
sp_price_context_get_currency (SpPriceContext *self)
{
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), NULL);

  return self->currency;
}

gboolean
sp_price_context_set_currency (SpPriceContext *self,
                               const char     *currency)
{
  const char *canonical;

  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), FALSE);

  canonical = canonical_currency (currency);
  if (canonical == NULL)
    return FALSE;

  if (!g_str_equal (canonical, self->currency))
    {
      self->currency = canonical;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
    }
  return TRUE;
}

SpMoney
sp_price_context_get_usd_cny (SpPriceContext *self)
{
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), SP_MONEY_UNKNOWN);

  return self->usd_cny;
}

gboolean
sp_price_context_set_usd_cny (SpPriceContext *self,
                              SpMoney         rate)
{
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), FALSE);

  /* also refuses SP_MONEY_UNKNOWN, which is negative */
  if (rate <= 0)
    return FALSE;

  if (rate != self->usd_cny)
    {
      self->usd_cny = rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USD_CNY]);
    }
  return TRUE;
}

void
sp_price_context_get_mix (SpPriceContext *self,
                          guint          *input,
                          guint          *output)
{
  g_return_if_fail (SP_IS_PRICE_CONTEXT (self));

  if (input != NULL)
    *input = self->mix_input;
  if (output != NULL)
    *output = self->mix_output;
}

gboolean
sp_price_context_set_mix (SpPriceContext *self,
                          guint           input,
                          guint           output)
{
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), FALSE);

  if (input == 0 && output == 0)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  if (input != self->mix_input)
    {
      self->mix_input = input;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIX_INPUT]);
    }
  if (output != self->mix_output)
    {
      self->mix_output = output;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIX_OUTPUT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

SpMoney
sp_price_context_convert (SpPriceContext *self,
                          SpMoney         amount,
                          const char     *from)
{
  gint64 mul, div;
  SpMoney result;

  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), SP_MONEY_UNKNOWN);

  if (amount == SP_MONEY_UNKNOWN || !conversion_factor (self, from, &mul, &div))
    return SP_MONEY_UNKNOWN;
  if (mul == div)
    return amount;
  if (!sp_money_muldiv (amount, mul, div, SP_ROUND_HALF_UP, &result))
    return SP_MONEY_UNKNOWN;
  return result;
}

static SpMoney
normalize_blended (SpPriceContext *self,
                   SpOffer        *offer)
{
  SpMoney input = sp_offer_get_input_price (offer);
  SpMoney output = sp_offer_get_output_price (offer);
  guint mi = self->mix_input;
  guint mo = self->mix_output;
  gint64 mul, div;

  if ((mi > 0 && input == SP_MONEY_UNKNOWN) ||
      (mo > 0 && output == SP_MONEY_UNKNOWN))
    return SP_MONEY_UNKNOWN;
  if (!conversion_factor (self, sp_offer_get_currency (offer), &mul, &div))
    return SP_MONEY_UNKNOWN;

  return blend_exact (input, mi, output, mo, mul, div);
}

SpMoney
sp_price_context_normalize (SpPriceContext *self,
                            SpOffer        *offer,
                            SpPriceField    field)
{
  const char *currency;

  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (self), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (SP_IS_OFFER (offer), SP_MONEY_UNKNOWN);

  currency = sp_offer_get_currency (offer);

  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    {
      if (field == SP_PRICE_MAIN)
        return sp_price_context_convert (self, sp_offer_get_price (offer), currency);
      return SP_MONEY_UNKNOWN;
    }

  switch (field)
    {
    case SP_PRICE_INPUT:
      return sp_price_context_convert (self, sp_offer_get_input_price (offer), currency);
    case SP_PRICE_OUTPUT:
      return sp_price_context_convert (self, sp_offer_get_output_price (offer), currency);
    case SP_PRICE_CACHED:
      return sp_price_context_convert (self, offer->cached_input_price, currency);
    case SP_PRICE_MAIN:
    case SP_PRICE_BLENDED:
      return normalize_blended (self, offer);
    default:
      g_return_val_if_reached (SP_MONEY_UNKNOWN);
    }
}
