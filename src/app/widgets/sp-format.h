/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-format.h — how the front end writes prices, units and vendor names */
#pragma once

#include "sp-core.h"

G_BEGIN_DECLS

/* A unit price, exact: "¥24.50", "¥0.0783", "$2.99", "12.00 EUR" (two
 * different prices never print the same); "unknown" (translated) for
 * SP_MONEY_UNKNOWN.  Amounts already rounded to the fen print the same. */
char       *sp_format_money       (SpMoney     value,
                                   const char *currency);
/* An amount paid or recorded (a monthly cost): rounded once, half up, to
 * the fen: "¥46.94". */
char       *sp_format_amount      (SpMoney     value,
                                   const char *currency);
/* Translated unit a normalized price is per: "card-hour", "core-hour", "1M tokens". */
const char *sp_format_unit        (SpOfferKind kind);
/* Translated billing mode: "On demand", "Spot", … ("—" when unknown). */
const char *sp_format_billing     (SpBilling billing);
/* TRUE when the UI language is Chinese. */
gboolean    sp_format_ui_is_chinese (void);
/* The vendor's name in the UI language (its Chinese name when the UI is Chinese). */
const char *sp_format_vendor      (SpOffer *offer);
/* How old a price is, e.g. "today", "3 days ago", "unknown" (translated). */
char       *sp_format_age         (gint64 observed_at,
                                   gint64 now);

/* Where the price label comes from (issue 13), one line, translated:
 * "Price source: https://… (checked 2026-08-01)"; NULL when unknown. */
char       *sp_format_price_source     (SpOffer *offer);
/* The tiers and conditional prices of a token offer, one line each:
 * "Above 128,000 input tokens: ¥0.80 in / ¥8.00 out",
 * "Off-peak, 16:30–00:30 UTC: $0.135 in / $0.55 out"; NULL when none. */
char       *sp_format_price_conditions (SpOffer *offer);
/* Everything above plus the data licence credit and "No longer sold", one
 * item a line (the Offers page's row tooltip); NULL when there is nothing. */
char       *sp_format_offer_details    (SpOffer *offer);

G_END_DECLS
