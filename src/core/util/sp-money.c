/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-money.c — integer money and exact decimal arithmetic
 *
 * Nothing in this file uses binary floating point for money.  Decimal text is
 * read digit by digit into a buffer, scaled by moving the decimal point, and
 * rounded once from the first dropped digit plus a "sticky" flag telling
 * whether any non-zero digit follows it.  Products and quotients use 128-bit
 * intermediates so they are exact before their single rounding.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-money.h"

/* Exponents beyond this are clamped while reading: any value that needs a
 * larger one is either 0 or out of range anyway, and the clamp keeps every
 * later sum far away from gint64 overflow. */
#define EXPONENT_CLAMP G_GINT64_CONSTANT (1000000000000000)

/* Enough digits for any gint64 magnitude. */
#define MAX_INTEGER_DIGITS 19

G_DEFINE_QUARK (sp-money-error-quark, sp_money_error)

/* Whether a quotient @q with remainder @r of a division by @d (all
 * magnitudes, r < d) must be moved one step away from zero. */
static gboolean
round_away (guint64    q,
            SpUInt128  r,
            SpUInt128  d,
            SpRounding rounding)
{
  if (r == 0)
    return FALSE;

  switch (rounding)
    {
    case SP_ROUND_TRUNCATE:
      return FALSE;
    case SP_ROUND_HALF_EVEN:
      if (r == d - r)
        return (q & 1) != 0;
      return r > d - r;
    case SP_ROUND_HALF_UP:
    default:
      return r >= d - r;
    }
}

/* Same decision from decimal digits: @first is the first dropped digit and
 * @sticky tells whether any non-zero digit follows it. */
static gboolean
round_away_digits (guint64    q,
                   int        first,
                   gboolean   sticky,
                   SpRounding rounding)
{
  switch (rounding)
    {
    case SP_ROUND_TRUNCATE:
      return FALSE;
    case SP_ROUND_HALF_EVEN:
      if (first == 5 && !sticky)
        return (q & 1) != 0;
      return first > 5 || (first == 5 && sticky);
    case SP_ROUND_HALF_UP:
    default:
      return first >= 5;
    }
}

/* The offending text for an error message: valid UTF-8, at most 40 characters */
static char *
quote_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  head = g_utf8_substring (valid, 0, 39);
  return g_strconcat (head, "…", NULL);
}

/* SP_MONEY_ERROR_SYNTAX ("not a decimal number") or SP_MONEY_ERROR_RANGE
 * ("too large") for @text, shortened.  Returns FALSE. */
static gboolean
parse_error (GError       **error,
             SpMoneyError   code,
             const char    *text)
{
  g_autofree char *quoted = quote_text (text);

  if (code == SP_MONEY_ERROR_SYNTAX)
    g_set_error (error, SP_MONEY_ERROR, code, _("“%s” is not a decimal number"), quoted);
  else
    g_set_error (error, SP_MONEY_ERROR, code, _("“%s” is too large for an amount of money"),
                 quoted);
  return FALSE;
}

/* "nan", "inf", "infinity" in any case, optionally signed */
static gboolean
is_not_finite_word (const char *p,
                    const char *end)
{
  static const char * const words[] = { "nan", "inf", "infinity" };
  gsize len = end - p;

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (len == strlen (words[i]) && g_ascii_strncasecmp (p, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* A decimal number's significant digits (leading zeros dropped), how many
 * of the written digits follow the point, and the exponent (clamped). */
typedef struct {
  char   *digits;
  gsize   n_digits;
  gint64  n_fraction;
  gint64  exponent;
} Decimal;

/* Reads DIGITS[.DIGITS][(e|E)[+|-]DIGITS] from @p to @end into @d (whose
 * digits buffer holds end - p bytes); FALSE when that is not all there is. */
static gboolean
read_decimal (const char *p,
              const char *end,
              Decimal    *d)
{
  gboolean seen_digit = FALSE;

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      seen_digit = TRUE;
      if (d->n_digits > 0 || *p != '0')
        d->digits[d->n_digits++] = *p;
    }
  if (p < end && *p == '.')
    {
      for (p++; p < end && g_ascii_isdigit (*p); p++)
        {
          seen_digit = TRUE;
          d->n_fraction++;
          if (d->n_digits > 0 || *p != '0')
            d->digits[d->n_digits++] = *p;
        }
    }
  if (!seen_digit)
    return FALSE;

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exp_negative = FALSE;
      gboolean exp_digit = FALSE;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        {
          exp_negative = (*p == '-');
          p++;
        }
      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          exp_digit = TRUE;
          if (d->exponent < EXPONENT_CLAMP)
            d->exponent = d->exponent * 10 + (*p - '0');
        }
      if (!exp_digit)
        return FALSE;
      if (d->exponent > EXPONENT_CLAMP)
        d->exponent = EXPONENT_CLAMP;
      if (exp_negative)
        d->exponent = -d->exponent;
    }
  return p == end;
}

/* @d's digits × 10^@shift, rounded once by @rounding when @shift drops
 * digits; @keep = n_digits + shift digits are kept (at most
 * MAX_INTEGER_DIGITS, so no overflow). */
static guint64
scale_digits (const Decimal *d,
              gint64         shift,
              gint64         keep,
              SpRounding     rounding)
{
  guint64 magnitude = 0;
  int first;
  gboolean sticky = FALSE;
  gsize from;

  if (shift >= 0)
    {
      for (gsize i = 0; i < d->n_digits; i++)
        magnitude = magnitude * 10 + (guint64) (d->digits[i] - '0');
      for (gint64 i = 0; i < shift; i++)
        magnitude *= 10;
      return magnitude;
    }

  for (gint64 i = 0; i < keep; i++)
    magnitude = magnitude * 10 + (guint64) (d->digits[i] - '0');
  if (keep >= 0)
    {
      first = d->digits[keep] - '0';
      from = (gsize) keep + 1;
    }
  else
    {
      /* the first dropped digit is one of the implied leading zeros */
      first = 0;
      from = 0;
    }
  for (gsize i = from; i < d->n_digits && !sticky; i++)
    sticky = d->digits[i] != '0';
  if (round_away_digits (magnitude, first, sticky, rounding))
    magnitude++;
  return magnitude;
}

gboolean
sp_money_parse_scaled (const char  *text,
                       int          pow10_shift,
                       SpRounding   rounding,
                       SpMoney     *out,
                       GError     **error)
{
  g_autofree char *digits = NULL;
  Decimal d = { NULL, 0, 0, 0 };
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  gint64 shift;
  gint64 keep;
  guint64 magnitude;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Trim ASCII whitespace on both sides */
  p = text;
  while (g_ascii_isspace (*p))
    p++;
  end = p + strlen (p);
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  if (p < end && (*p == '+' || *p == '-'))
    {
      negative = (*p == '-');
      p++;
    }

  if (is_not_finite_word (p, end))
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE,
                   _("“%s” is not a finite number"), quoted);
      return FALSE;
    }

  digits = g_malloc (end - p + 1);
  d.digits = digits;
  if (!read_decimal (p, end, &d))
    return parse_error (error, SP_MONEY_ERROR_SYNTAX, text);
  if (d.n_digits == 0)
    {
      *out = 0;
      return TRUE;
    }

  /* value = digits × 10^shift micro-units.  n_fraction is bounded by the
   * text length, the exponent by EXPONENT_CLAMP: no overflow here. */
  shift = d.exponent - d.n_fraction + (gint64) pow10_shift + SP_MONEY_DIGITS;
  keep = (gint64) d.n_digits + shift;   /* digits left of the micro-unit point */
  if (keep > MAX_INTEGER_DIGITS)
    return parse_error (error, SP_MONEY_ERROR_RANGE, text);

  magnitude = scale_digits (&d, shift, keep, rounding);
  if (magnitude > (guint64) SP_MONEY_MAX)
    return parse_error (error, SP_MONEY_ERROR_RANGE, text);

  *out = negative ? -(SpMoney) magnitude : (SpMoney) magnitude;
  return TRUE;
}

gboolean
sp_money_parse (const char  *text,
                SpMoney     *out,
                GError     **error)
{
  return sp_money_parse_scaled (text, 0, SP_ROUND_HALF_UP, out, error);
}

char *
sp_double_to_shortest (double  value,
                       char   *buf)
{
  g_return_val_if_fail (buf != NULL, NULL);

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return buf;
}

gboolean
sp_money_from_double (double       value,
                      int          pow10_shift,
                      SpRounding   rounding,
                      SpMoney     *out,
                      GError     **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (value))
    {
      g_set_error_literal (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE,
                           _("The price is not a finite number"));
      return FALSE;
    }

  return sp_money_parse_scaled (sp_double_to_shortest (value, buf), pow10_shift,
                                rounding, out, error);
}

/* "<sign><integer>.<decimals digits of fraction>" from a magnitude already
 * scaled to 10^-decimals units. */
static char *
format_scaled (gboolean negative,
               guint64  scaled,
               guint    decimals)
{
  guint64 unit = 1;

  for (guint i = 0; i < decimals; i++)
    unit *= 10;

  if (scaled == 0)
    negative = FALSE;

  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, negative ? "-" : "", scaled);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          negative ? "-" : "", scaled / unit,
                          (int) decimals, scaled % unit);
}

static guint64
money_magnitude (SpMoney value)
{
  /* value is never G_MININT64 here, so negation cannot overflow */
  return value < 0 ? (guint64) -value : (guint64) value;
}

char *
sp_money_to_string (SpMoney value,
                    guint   min_decimals)
{
  guint64 magnitude;
  guint decimals = SP_MONEY_DIGITS;

  if (value == SP_MONEY_UNKNOWN)
    return NULL;

  min_decimals = MIN (min_decimals, SP_MONEY_DIGITS);
  magnitude = money_magnitude (value);

  while (decimals > min_decimals && magnitude % 10 == 0)
    {
      magnitude /= 10;
      decimals--;
    }

  return format_scaled (value < 0, magnitude, decimals);
}

char *
sp_money_to_string_fixed (SpMoney    value,
                          guint      decimals,
                          SpRounding rounding)
{
  guint64 magnitude;
  guint64 quantum = 1;
  guint64 q;
  guint64 r;

  if (value == SP_MONEY_UNKNOWN)
    return NULL;

  decimals = MIN (decimals, SP_MONEY_DIGITS);
  for (guint i = decimals; i < SP_MONEY_DIGITS; i++)
    quantum *= 10;

  magnitude = money_magnitude (value);
  q = magnitude / quantum;
  r = magnitude % quantum;
  if (round_away (q, r, quantum, rounding))
    q++;

  return format_scaled (value < 0, q, decimals);
}

gboolean
sp_money_muldiv (SpMoney     value,
                 gint64      num,
                 gint64      den,
                 SpRounding  rounding,
                 SpMoney    *out)
{
  SpUInt128 a, b, d, product, q, r;
  gboolean negative;

  g_return_val_if_fail (out != NULL, FALSE);

  if (den == 0 || value == SP_MONEY_UNKNOWN)
    return FALSE;

  negative = ((value < 0) != (num < 0)) != (den < 0);
  /* Magnitudes of gint64 as unsigned 128-bit: -(G_MININT64) is fine here */
  a = value < 0 ? (SpUInt128) (-(SpInt128) value) : (SpUInt128) value;
  b = num < 0 ? (SpUInt128) (-(SpInt128) num) : (SpUInt128) num;
  d = den < 0 ? (SpUInt128) (-(SpInt128) den) : (SpUInt128) den;

  product = a * b;   /* ≤ 2^126 */
  q = product / d;
  r = product % d;

  if (q > (SpUInt128) G_MAXINT64)
    return FALSE;
  if (round_away ((guint64) q, r, d, rounding))
    q++;
  if (q > (SpUInt128) G_MAXINT64)
    return FALSE;

  *out = negative ? -(SpMoney) q : (SpMoney) q;
  return TRUE;
}

SpMoney
sp_money_round_to (SpMoney    value,
                   SpMoney    quantum,
                   SpRounding rounding)
{
  SpMoney rounded;

  g_return_val_if_fail (quantum > 0, value);

  if (value == SP_MONEY_UNKNOWN)
    return SP_MONEY_UNKNOWN;

  /* value / quantum rounded, times quantum; UNKNOWN if that overflows */
  if (!sp_money_muldiv (value, 1, quantum, rounding, &rounded) ||
      !sp_money_muldiv (rounded, quantum, 1, SP_ROUND_TRUNCATE, &rounded))
    return SP_MONEY_UNKNOWN;

  return rounded;
}

gboolean
sp_money_add (SpMoney  a,
              SpMoney  b,
              SpMoney *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (a == SP_MONEY_UNKNOWN || b == SP_MONEY_UNKNOWN)
    return FALSE;
  if ((b > 0 && a > G_MAXINT64 - b) ||
      (b < 0 && a < G_MININT64 - b))
    return FALSE;
  if (a + b == SP_MONEY_UNKNOWN)
    return FALSE;

  *out = a + b;
  return TRUE;
}

const char *
sp_money_currency_symbol (const char *currency)
{
  if (currency != NULL && g_ascii_strcasecmp (currency, "CNY") == 0)
    return "¥";
  if (currency != NULL && g_ascii_strcasecmp (currency, "USD") == 0)
    return "$";
  return NULL;
}

char *
sp_money_format (SpMoney      value,
                 const char  *currency,
                 SpMoneyStyle style)
{
  g_autofree char *digits = NULL;
  const char *symbol = NULL;
  gboolean negative;

  if (style == SP_MONEY_STYLE_AMOUNT)
    value = sp_money_round_to (value, SP_MONEY_SCALE / 100, SP_ROUND_HALF_UP);
  if (value == SP_MONEY_UNKNOWN)
    return NULL;
  /* value is not G_MININT64 (that is SP_MONEY_UNKNOWN): -value fits */
  negative = value < 0;
  digits = sp_money_to_string (negative ? -value : value, 2);
  symbol = sp_money_currency_symbol (currency);
  if (symbol == NULL)
    return g_strdup_printf ("%s%s %s", negative ? "-" : "", digits, currency != NULL ? currency : "");
  return g_strdup_printf ("%s%s%s", negative ? "-" : "", symbol, digits);
}

char *
sp_money_format_or_dash (SpMoney      value,
                         const char  *currency,
                         SpMoneyStyle style)
{
  char *text = sp_money_format (value, currency, style);

  return text != NULL ? text : g_strdup ("—");
}

int
sp_money_compare_unknown_last (SpMoney a,
                               SpMoney b)
{
  if (a == b)
    return 0;
  if (a == SP_MONEY_UNKNOWN)
    return 1;
  if (b == SP_MONEY_UNKNOWN)
    return -1;
  return a < b ? -1 : 1;
}
