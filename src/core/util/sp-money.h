/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-money.h — integer money and exact decimal arithmetic
 *
 * Money is never a float in Suanpan.  Every amount and every unit price is a
 * 64-bit integer count of *micro-units* of its currency:
 *
 *     1 currency unit (1 CNY, 1 USD) = SP_MONEY_SCALE = 1,000,000 micro-units
 *
 * This is the one fixed fraction used everywhere (catalog prices, ledger
 * amounts, voucher balances).  Unit prices are kept per card-hour, per
 * core-hour and per **1M tokens**, so a price of 1.5e-07 USD per token is
 * 0.15 USD per 1M tokens = 150,000 micro-units, exactly.
 *
 * Decimal text is parsed exactly (no binary floating point is involved) and
 * rounded once, explicitly, with a named rounding mode.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_MONEY_SCALE   G_GINT64_CONSTANT (1000000)
#define SP_MONEY_DIGITS  6
/* An absent price is unknown, never 0. */
#define SP_MONEY_UNKNOWN G_MININT64
/* Largest magnitude accepted from input: 10^12 currency units. */
#define SP_MONEY_MAX     (G_GINT64_CONSTANT (1000000000000) * SP_MONEY_SCALE)

typedef gint64 SpMoney;

/* 128-bit integers (GCC and Clang) for exact intermediate products such as
 * a price × a quantity before one rounding. */
__extension__ typedef __int128 SpInt128;
__extension__ typedef unsigned __int128 SpUInt128;

typedef enum {
  SP_ROUND_HALF_UP,   /* half away from zero: 0.125 -> 0.13, -0.125 -> -0.13 */
  SP_ROUND_TRUNCATE,  /* toward zero: 0.129 -> 0.12 */
  SP_ROUND_HALF_EVEN, /* banker's rounding */
} SpRounding;

#define SP_MONEY_ERROR (sp_money_error_quark ())

typedef enum {
  SP_MONEY_ERROR_SYNTAX,     /* not a decimal number */
  SP_MONEY_ERROR_RANGE,      /* too large for the money type */
  SP_MONEY_ERROR_NOT_FINITE, /* NaN or Infinity */
  SP_MONEY_ERROR_NEGATIVE,   /* negative where it is not allowed */
} SpMoneyError;

GQuark   sp_money_error_quark (void);

/* Parse decimal text such as "12.5", "-3", "1.5e-07", "2.9999900000000002e-06",
 * multiply it by 10^pow10_shift (6 turns a per-token price into a per-1M-token
 * price) and round once to micro-units with @rounding.  Leading/trailing ASCII
 * spaces are allowed; anything else that is not a number is an error. */
gboolean sp_money_parse_scaled (const char  *text,
                                int          pow10_shift,
                                SpRounding   rounding,
                                SpMoney     *out,
                                GError     **error);

/* sp_money_parse_scaled (text, 0, SP_ROUND_HALF_UP, …) */
gboolean sp_money_parse        (const char  *text,
                                SpMoney     *out,
                                GError     **error);

/* Like sp_money_parse_scaled() for a value that arrived as a binary double
 * (a JSON number).  The double is first written as the *shortest* decimal that
 * reads back to the same double (what the catalog author wrote), then parsed
 * exactly.  NaN and infinities are SP_MONEY_ERROR_NOT_FINITE. */
gboolean sp_money_from_double  (double       value,
                                int          pow10_shift,
                                SpRounding   rounding,
                                SpMoney     *out,
                                GError     **error);

/* Shortest decimal text that reads back (g_ascii_strtod) to @value.
 * @buf must hold G_ASCII_DTOSTR_BUF_SIZE bytes.  Returns @buf. */
char    *sp_double_to_shortest (double       value,
                                char        *buf);

/* Exact decimal text of @value: at least @min_decimals decimals, at most 6,
 * trailing zeros beyond @min_decimals trimmed ("0.15", "2.99999", "12.00").
 * Returns NULL for SP_MONEY_UNKNOWN. */
char    *sp_money_to_string    (SpMoney      value,
                                guint        min_decimals);

/* Text with exactly @decimals decimals (0..6), rounded once with @rounding. */
char    *sp_money_to_string_fixed (SpMoney    value,
                                   guint      decimals,
                                   SpRounding rounding);

/* How a figure is written */
typedef enum {
  SP_MONEY_STYLE_PRICE,  /* a unit price: exact, at least two decimals and as many more as it
                          * has (at most six), so two different prices never print the same */
  SP_MONEY_STYLE_AMOUNT, /* an amount paid or recorded: rounded once, half up, to the fen (cent) */
} SpMoneyStyle;

/* "¥0.1566", "$2.99", "-¥3.00", "12.00 EUR" (a currency without a symbol
 * after the number); NULL for SP_MONEY_UNKNOWN.  The one place the
 * symbols and the sign are written. */
/* "¥" for CNY, "$" for USD (any case), else NULL: the symbols
 * sp_money_format() writes. */
const char *sp_money_currency_symbol (const char *currency);
char    *sp_money_format       (SpMoney      value,
                                const char  *currency,
                                SpMoneyStyle style);
/* sp_money_format(), but "—" for SP_MONEY_UNKNOWN: never NULL. */
char    *sp_money_format_or_dash (SpMoney      value,
                                  const char  *currency,
                                  SpMoneyStyle style);

/* value * num / den computed exactly in 128 bits, rounded once with
 * @rounding.  Returns FALSE on overflow or den == 0 (then *out is untouched). */
gboolean sp_money_muldiv       (SpMoney      value,
                                gint64       num,
                                gint64       den,
                                SpRounding   rounding,
                                SpMoney     *out);

/* Round @value to a multiple of @quantum (e.g. 10000 = one fen/cent). */
SpMoney  sp_money_round_to     (SpMoney      value,
                                SpMoney      quantum,
                                SpRounding   rounding);

/* Overflow-checked addition.  Returns FALSE on overflow. */
/* -1, 0, 1: @a against @b, an unknown amount (SP_MONEY_UNKNOWN) after every known one */
int      sp_money_compare_unknown_last (SpMoney a,
                                        SpMoney b);
gboolean sp_money_add          (SpMoney      a,
                                SpMoney      b,
                                SpMoney     *out);

G_END_DECLS
