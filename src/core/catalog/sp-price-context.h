/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-price-context.h — normalize offer prices to the user's display currency
 *
 * Rule (documented in README): every normalized figure is computed exactly
 * from the vendor's integer micro-unit prices (128-bit intermediates) and
 * rounded ONCE, half away from zero, to micro-units of the display currency.
 * Display code then prints that value; it never rounds again except where it
 * explicitly asks sp_money_to_string_fixed() for fewer decimals. */
#pragma once

#include <glib-object.h>
#include "sp-offer.h"

G_BEGIN_DECLS

#define SP_TYPE_PRICE_CONTEXT (sp_price_context_get_type ())
G_DECLARE_FINAL_TYPE (SpPriceContext, sp_price_context, SP, PRICE_CONTEXT, GObject)

/* Defaults: display CNY, 7.2 CNY per USD, token mix 3:1 (input:output). */
SpPriceContext *sp_price_context_new            (void);
/* A new context with @self's settings (for a worker: the caller may change
 * its own at once) */
SpPriceContext *sp_price_context_copy           (SpPriceContext *self);

const char     *sp_price_context_get_currency   (SpPriceContext *self);
/* "CNY" or "USD"; returns FALSE for anything else */
gboolean        sp_price_context_set_currency   (SpPriceContext *self, const char *currency);
/* CNY per 1 USD, in micro-units (7.2 -> 7200000) */
SpMoney         sp_price_context_get_usd_cny    (SpPriceContext *self);
gboolean        sp_price_context_set_usd_cny    (SpPriceContext *self, SpMoney rate);
void            sp_price_context_get_mix        (SpPriceContext *self, guint *input, guint *output);
gboolean        sp_price_context_set_mix        (SpPriceContext *self, guint input, guint output);

/* Convert @amount in @from currency to the display currency, rounding once.
 * Returns SP_MONEY_UNKNOWN when @amount is unknown or the currency has no rate. */
SpMoney         sp_price_context_convert        (SpPriceContext *self, SpMoney amount, const char *from);

typedef enum {
  SP_PRICE_MAIN,    /* per card-hour / core-hour / 1M input tokens */
  SP_PRICE_INPUT,   /* tokens: per 1M input tokens */
  SP_PRICE_OUTPUT,  /* tokens: per 1M output tokens */
  SP_PRICE_CACHED,  /* tokens: per 1M cached input tokens */
  SP_PRICE_BLENDED, /* tokens: (input×mix_in + output×mix_out)/(mix_in+mix_out) */
} SpPriceField;

/* The normalized price of @offer in the display currency (micro-units), or
 * SP_MONEY_UNKNOWN.  For tokens, SP_PRICE_MAIN is the blended price. */
SpMoney         sp_price_context_normalize      (SpPriceContext *self, SpOffer *offer, SpPriceField field);

G_END_DECLS
