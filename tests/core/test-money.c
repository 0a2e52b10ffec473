/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-money.c — exact money parsing, formatting and arithmetic */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-money.h"
#include "sp-test-util.h"

typedef struct {
  const char *text;
  int         shift;
  SpRounding  rounding;
  SpMoney     expected;
} ParseCase;

static void
check_parse_cases (const ParseCase *cases,
                   gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      SpMoney value = 42;

      g_test_message ("parsing “%s” shift %d mode %d", cases[i].text, cases[i].shift,
                      cases[i].rounding);
      g_assert_true (sp_money_parse_scaled (cases[i].text, cases[i].shift,
                                            cases[i].rounding, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].expected);
    }
}

static void
assert_parse_error (const char *text,
                    int         shift,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = g_strescape (text, NULL);
  SpMoney value = 42;

  g_test_message ("expecting error %d for “%s”", code, escaped);
  g_assert_false (sp_money_parse_scaled (text, shift, SP_ROUND_HALF_UP, &value, &error));
  g_assert_error (error, SP_MONEY_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpint (value, ==, 42);   /* untouched */
}

static void
test_parse_plain (void)
{
  static const ParseCase cases[] = {
    { "12.5", 0, SP_ROUND_HALF_UP, 12500000 },
    { "-3", 0, SP_ROUND_HALF_UP, -3000000 },
    { "+5", 0, SP_ROUND_HALF_UP, 5000000 },
    { "0", 0, SP_ROUND_HALF_UP, 0 },
    { "-0", 0, SP_ROUND_HALF_UP, 0 },
    { "000.000", 0, SP_ROUND_HALF_UP, 0 },
    { "0.000001", 0, SP_ROUND_HALF_UP, 1 },
    { "98.32", 0, SP_ROUND_HALF_UP, 98320000 },
    { "007.50", 0, SP_ROUND_HALF_UP, 7500000 },
    { ".5", 0, SP_ROUND_HALF_UP, 500000 },
    { "5.", 0, SP_ROUND_HALF_UP, 5000000 },
    { "-0.15", 0, SP_ROUND_HALF_UP, -150000 },
    { "  42  ", 0, SP_ROUND_HALF_UP, 42000000 },
    { "\t\n 1.25\r\n", 0, SP_ROUND_HALF_UP, 1250000 },
    { "1000000000000", 0, SP_ROUND_HALF_UP, SP_MONEY_MAX },
    { "-1000000000000", 0, SP_ROUND_HALF_UP, -SP_MONEY_MAX },
  };
  SpMoney value = 0;

  check_parse_cases (cases, G_N_ELEMENTS (cases));

  /* sp_money_parse is shift 0, half-up */
  g_assert_true (sp_money_parse ("2.4999995", &value, NULL));
  g_assert_cmpint (value, ==, 2500000);
  /* the text ends at its NUL: what follows is never read */
  g_assert_true (sp_money_parse ("7\0garbage", &value, NULL));
  g_assert_cmpint (value, ==, 7000000);
}

static void
test_parse_exponent (void)
{
  static const ParseCase cases[] = {
    { "1E3", 0, SP_ROUND_HALF_UP, 1000000000 },
    { "1e+3", 0, SP_ROUND_HALF_UP, 1000000000 },
    { "2.5e-1", 0, SP_ROUND_HALF_UP, 250000 },
    { "25e-7", 0, SP_ROUND_HALF_UP, 3 },       /* 2.5 micro, half-up */
    { "25e-7", 0, SP_ROUND_HALF_EVEN, 2 },
    { "-25e-7", 0, SP_ROUND_HALF_UP, -3 },
    { "1e12", 0, SP_ROUND_HALF_UP, SP_MONEY_MAX },
    { "0e999999999", 0, SP_ROUND_HALF_UP, 0 },
    { "1e-999999999", 0, SP_ROUND_HALF_UP, 0 },
    { "1e-999999999", 6, SP_ROUND_HALF_UP, 0 },
    { "5e-999999999", 0, SP_ROUND_HALF_UP, 0 },
    { "9e-99999999999999999999999999", 0, SP_ROUND_HALF_UP, 0 },
    { "5e-7", 0, SP_ROUND_HALF_UP, 1 },        /* exactly 0.5 micro */
    { "5e-7", 0, SP_ROUND_HALF_EVEN, 0 },
    { "5e-7", 0, SP_ROUND_TRUNCATE, 0 },
    { "4.99999999999999999999e-7", 0, SP_ROUND_HALF_UP, 0 },
    { "5.00000000000000000001e-7", 0, SP_ROUND_HALF_EVEN, 1 },
    { "0.000000000000000000000000001", 0, SP_ROUND_HALF_UP, 0 },
    { "0.000000000000000000000000001", 6, SP_ROUND_HALF_UP, 0 },
    { "0.000000000000000000000000001", 21, SP_ROUND_HALF_UP, 1 },  /* 1e-6 */
    { "0.000000000000000000000000001", 20, SP_ROUND_HALF_UP, 0 },  /* 1e-7 */
    /* 123456789012.345678|901234567890123: first dropped digit 9 */
    { "123456789012.345678901234567890123", 0, SP_ROUND_HALF_UP, 123456789012345679 },
    { "123456789012.345678901234567890123", 0, SP_ROUND_TRUNCATE, 123456789012345678 },
    { "12345678901234567890123e-11", 0, SP_ROUND_HALF_UP, 123456789012345679 },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_per_token (void)
{
  static const ParseCase cases[] = {
    /* 1.5e-07 USD per token = 0.15 USD per 1M tokens */
    { "1.5e-07", 6, SP_ROUND_HALF_UP, 150000 },
    /* catalog artifact: 2.9999900000000002e-06 → 2.99999 per 1M (the 2 is 2e-10 micro) */
    { "2.9999900000000002e-06", 6, SP_ROUND_HALF_UP, 2999990 },
    { "2.9999900000000002e-06", 6, SP_ROUND_HALF_EVEN, 2999990 },
    /* 0.08333333333333334 per 1M = 83333.33333333334 micro */
    { "0.00000008333333333333334", 6, SP_ROUND_HALF_UP, 83333 },
    { "2.5e-06", 6, SP_ROUND_HALF_UP, 2500000 },
    { "0.000015", 6, SP_ROUND_HALF_UP, 15000000 },
    { "3e-12", 6, SP_ROUND_HALF_UP, 3 },
    { "3e-13", 6, SP_ROUND_HALF_UP, 0 },        /* 0.3 micro */
    { "5e-13", 6, SP_ROUND_HALF_UP, 1 },        /* 0.5 micro */
    { "1.0000005e-6", 6, SP_ROUND_HALF_UP, 1000001 },
    { "1.0000005e-6", 6, SP_ROUND_TRUNCATE, 1000000 },
    { "1.0000005e-6", 6, SP_ROUND_HALF_EVEN, 1000000 },
    { "1.0000015e-6", 6, SP_ROUND_HALF_EVEN, 1000002 },
    { "-1.0000005e-6", 6, SP_ROUND_HALF_UP, -1000001 },
    { "-1.0000005e-6", 6, SP_ROUND_TRUNCATE, -1000000 },
    { "-1.0000015e-6", 6, SP_ROUND_HALF_EVEN, -1000002 },
    { "-1.00000150000001e-6", 6, SP_ROUND_HALF_EVEN, -1000002 },
    { "-1.00000250000001e-6", 6, SP_ROUND_HALF_EVEN, -1000003 },
    /* a negative shift: 1234 per 1M tokens → per 1k tokens */
    { "1234", -3, SP_ROUND_HALF_UP, 1234000 },
  };

  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_rejects (void)
{
  static const char * const syntax[] = {
    "", "   ", "\t\n", "-", "+", ".", "-.", "e5", ".e5", "1e", "1e+", "1e-", "1E",
    "1..2", "1.2.3", "0x10", "1,5", "1 000", "1 2", "--1", "+-1", "- 1", "1e5.5",
    "1e2e3", "abc", "12abc", "1.5 USD", "$1", "¥3", "1.5%", "\302\2401",
    "1\xc2\xa0", "\xd9\xa1", "infinite", "nan1", "1nan", "inf inity", "\xff", "1e 5",
  };
  static const char * const not_finite[] = {
    "NaN", "nan", "NAN", "Infinity", "infinity", "INF", "inf", "-inf", "+Infinity",
    " -nan ",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (syntax); i++)
    assert_parse_error (syntax[i], 0, SP_MONEY_ERROR_SYNTAX);
  for (gsize i = 0; i < G_N_ELEMENTS (not_finite); i++)
    assert_parse_error (not_finite[i], 0, SP_MONEY_ERROR_NOT_FINITE);
}

static void
test_parse_range (void)
{
  static const char * const too_large[] = {
    "1000000000000.000001",
    "-1000000000000.000001",
    "1e13",
    "12345678901234567890123",
    "-12345678901234567890123",
    "1e999999999",
    "-1e999999999",
    "1e99999999999999999999999999",
    "9223372036854.775807",
    "999999999999999999999999999999999999999999.5",
  };
  g_autoptr(GError) error = NULL;
  SpMoney value = 0;
  g_autofree char *long_text = g_strnfill (500, '9');

  for (gsize i = 0; i < G_N_ELEMENTS (too_large); i++)
    assert_parse_error (too_large[i], 0, SP_MONEY_ERROR_RANGE);

  /* the shift counts: 1e6 per token is 1e12 per 1M tokens → out of range */
  assert_parse_error ("1000000.5", 6, SP_MONEY_ERROR_RANGE);
  assert_parse_error ("0.0000000000000000000000000001", 2000000000, SP_MONEY_ERROR_RANGE);
  /* 999999.9999999999995 per token = 999999999999999999.5 micro per 1M */
  g_assert_true (sp_money_parse_scaled ("999999.9999999999995", 6, SP_ROUND_TRUNCATE,
                                        &value, NULL));
  g_assert_cmpint (value, ==, SP_MONEY_MAX - 1);
  /* …and rounding it up lands on exactly SP_MONEY_MAX, which is still allowed */
  g_assert_true (sp_money_parse_scaled ("999999.9999999999995", 6, SP_ROUND_HALF_UP,
                                        &value, NULL));
  g_assert_cmpint (value, ==, SP_MONEY_MAX);
  g_assert_true (sp_money_parse_scaled ("9", -2000000000, SP_ROUND_HALF_UP, &value, NULL));
  g_assert_cmpint (value, ==, 0);

  /* a very long text: range error, and the message stays short */
  g_assert_false (sp_money_parse (long_text, &value, &error));
  g_assert_error (error, SP_MONEY_ERROR, SP_MONEY_ERROR_RANGE);
  g_assert_cmpint (strlen (error->message), <, 200);
}

static void
test_from_double (void)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GError) error = NULL;
  SpMoney value = 42;

  g_assert_cmpstr (sp_double_to_shortest (0.1, buf), ==, "0.1");
  g_assert_cmpstr (sp_double_to_shortest (1.5e-07, buf), ==, "1.5e-07");
  g_assert_cmpstr (sp_double_to_shortest (2.9999900000000002e-06, buf), ==,
                   "2.9999900000000002e-06");
  g_assert_cmpstr (sp_double_to_shortest (98.32, buf), ==, "98.32");
  g_assert_cmpstr (sp_double_to_shortest (3.0, buf), ==, "3");
  g_assert_cmpstr (sp_double_to_shortest (-0.25, buf), ==, "-0.25");
  g_assert_cmpstr (sp_double_to_shortest (0.1 + 0.2, buf), ==, "0.30000000000000004");

  g_assert_true (sp_money_from_double (1.5e-07, 6, SP_ROUND_HALF_UP, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 150000);
  g_assert_true (sp_money_from_double (2.9999900000000002e-06, 6, SP_ROUND_HALF_UP,
                                       &value, NULL));
  g_assert_cmpint (value, ==, 2999990);
  g_assert_true (sp_money_from_double (8.333333333333334e-08, 6, SP_ROUND_HALF_UP,
                                       &value, NULL));
  g_assert_cmpint (value, ==, 83333);
  /* 0.1 + 0.2 is 0.30000000000000004: half-up to micro-units is exactly 0.3 */
  g_assert_true (sp_money_from_double (0.1 + 0.2, 0, SP_ROUND_HALF_UP, &value, NULL));
  g_assert_cmpint (value, ==, 300000);
  g_assert_true (sp_money_from_double (98.32, 0, SP_ROUND_HALF_UP, &value, NULL));
  g_assert_cmpint (value, ==, 98320000);
  g_assert_true (sp_money_from_double (-2.5e-06, 6, SP_ROUND_HALF_UP, &value, NULL));
  g_assert_cmpint (value, ==, -2500000);
  g_assert_true (sp_money_from_double (0.0, 6, SP_ROUND_HALF_UP, &value, NULL));
  g_assert_cmpint (value, ==, 0);
  g_assert_true (sp_money_from_double (5e-324, 6, SP_ROUND_HALF_UP, &value, NULL));
  g_assert_cmpint (value, ==, 0);

  value = 42;
  g_assert_false (sp_money_from_double (NAN, 6, SP_ROUND_HALF_UP, &value, &error));
  g_assert_error (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE);
  g_clear_error (&error);
  g_assert_false (sp_money_from_double (INFINITY, 0, SP_ROUND_HALF_UP, &value, &error));
  g_assert_error (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE);
  g_clear_error (&error);
  g_assert_false (sp_money_from_double (-INFINITY, 0, SP_ROUND_HALF_UP, &value, &error));
  g_assert_error (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE);
  g_clear_error (&error);
  g_assert_false (sp_money_from_double (1e300, 0, SP_ROUND_HALF_UP, &value, &error));
  g_assert_error (error, SP_MONEY_ERROR, SP_MONEY_ERROR_RANGE);
  g_assert_cmpint (value, ==, 42);
}

static void
assert_string (SpMoney     value,
               guint       min_decimals,
               const char *expected)
{
  g_autofree char *text = sp_money_to_string (value, min_decimals);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_fixed (SpMoney     value,
              guint       decimals,
              SpRounding  rounding,
              const char *expected)
{
  g_autofree char *text = sp_money_to_string_fixed (value, decimals, rounding);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_to_string (void)
{
  assert_string (150000, 2, "0.15");
  assert_string (2999990, 2, "2.99999");
  assert_string (12000000, 2, "12.00");
  assert_string (1, 0, "0.000001");
  assert_string (5000000, 0, "5");
  assert_string (5000000, 6, "5.000000");
  assert_string (0, 0, "0");
  assert_string (0, 2, "0.00");
  assert_string (-150000, 2, "-0.15");
  assert_string (-1, 0, "-0.000001");
  assert_string (-12000000, 0, "-12");
  assert_string (1068510, 2, "1.06851");
  assert_string (83333, 2, "0.083333");
  assert_string (98320000, 0, "98.32");
  assert_string (SP_MONEY_MAX, 2, "1000000000000.00");
  assert_string (G_MAXINT64, 0, "9223372036854.775807");
  assert_string (G_MININT64 + 1, 0, "-9223372036854.775807");
  assert_string (1234567, 9, "1.234567");     /* clamped to 6 */
  g_assert_null (sp_money_to_string (SP_MONEY_UNKNOWN, 2));
}

static void
test_to_string_fixed (void)
{
  assert_fixed (1234999, 2, SP_ROUND_HALF_UP, "1.23");
  assert_fixed (1235000, 2, SP_ROUND_HALF_UP, "1.24");
  assert_fixed (1235000, 2, SP_ROUND_TRUNCATE, "1.23");
  assert_fixed (1235000, 2, SP_ROUND_HALF_EVEN, "1.24");
  assert_fixed (1225000, 2, SP_ROUND_HALF_EVEN, "1.22");
  assert_fixed (1225001, 2, SP_ROUND_HALF_EVEN, "1.23");
  assert_fixed (-1235000, 2, SP_ROUND_HALF_UP, "-1.24");
  assert_fixed (-1235000, 2, SP_ROUND_TRUNCATE, "-1.23");
  assert_fixed (999999, 2, SP_ROUND_HALF_UP, "1.00");
  assert_fixed (999999, 2, SP_ROUND_TRUNCATE, "0.99");
  assert_fixed (12000000, 2, SP_ROUND_HALF_UP, "12.00");
  assert_fixed (-4000, 2, SP_ROUND_HALF_UP, "0.00");       /* no "-0.00" */
  assert_fixed (1500000, 0, SP_ROUND_HALF_EVEN, "2");
  assert_fixed (2500000, 0, SP_ROUND_HALF_EVEN, "2");
  assert_fixed (2500000, 0, SP_ROUND_HALF_UP, "3");
  assert_fixed (1, 6, SP_ROUND_HALF_UP, "0.000001");
  assert_fixed (150000, 4, SP_ROUND_HALF_UP, "0.1500");
  assert_fixed (G_MAXINT64, 0, SP_ROUND_HALF_UP, "9223372036855");
  assert_fixed (G_MININT64 + 1, 0, SP_ROUND_HALF_UP, "-9223372036855");
  g_assert_null (sp_money_to_string_fixed (SP_MONEY_UNKNOWN, 2, SP_ROUND_HALF_UP));
}

typedef struct {
  SpMoney    value;
  gint64     num;
  gint64     den;
  SpRounding rounding;
  SpMoney    expected;
} MuldivCase;

static void
test_muldiv (void)
{
  static const MuldivCase cases[] = {
    /* exact ties: ±2.5 */
    { 5, 1, 2, SP_ROUND_HALF_UP, 3 },
    { 5, 1, 2, SP_ROUND_TRUNCATE, 2 },
    { 5, 1, 2, SP_ROUND_HALF_EVEN, 2 },
    { 7, 1, 2, SP_ROUND_HALF_EVEN, 4 },
    { -5, 1, 2, SP_ROUND_HALF_UP, -3 },
    { -5, 1, 2, SP_ROUND_TRUNCATE, -2 },
    { -5, 1, 2, SP_ROUND_HALF_EVEN, -2 },
    { -7, 1, 2, SP_ROUND_HALF_EVEN, -4 },
    /* signs on num and den */
    { 5, -1, 2, SP_ROUND_HALF_UP, -3 },
    { 5, 1, -2, SP_ROUND_HALF_UP, -3 },
    { -5, -1, 2, SP_ROUND_HALF_UP, 3 },
    { -5, 1, -2, SP_ROUND_HALF_EVEN, 2 },
    /* thirds: 3.33… and 6.66… */
    { 10, 1, 3, SP_ROUND_HALF_UP, 3 },
    { 20, 1, 3, SP_ROUND_HALF_UP, 7 },
    { 20, 1, 3, SP_ROUND_TRUNCATE, 6 },
    { 20, 1, 3, SP_ROUND_HALF_EVEN, 7 },
    { -20, 1, 3, SP_ROUND_TRUNCATE, -6 },
    { -20, 1, 3, SP_ROUND_HALF_UP, -7 },
    { -10, 1, 3, SP_ROUND_HALF_EVEN, -3 },
    /* currency: 0.15 USD at 7.1234 = 1.06851 CNY exactly */
    { 150000, 7123400, 1000000, SP_ROUND_HALF_UP, 1068510 },
    /* 10 CNY / 7.2 = 1.3888888… USD */
    { 10000000, 1000000, 7200000, SP_ROUND_HALF_UP, 1388889 },
    { 10000000, 1000000, 7200000, SP_ROUND_TRUNCATE, 1388888 },
    /* intermediates far beyond 64 bits */
    { G_MAXINT64, G_MAXINT64, G_MAXINT64, SP_ROUND_HALF_UP, G_MAXINT64 },
    { G_MAXINT64, 2, 2, SP_ROUND_TRUNCATE, G_MAXINT64 },
    { G_MININT64 + 1, 3, 3, SP_ROUND_HALF_UP, G_MININT64 + 1 },
    { SP_MONEY_MAX, 7200000, 1000000, SP_ROUND_HALF_UP, G_GINT64_CONSTANT (7200000000000000000) },
    /* 1e18 × 1e18 / 3e18 = 333333333333333333.33… */
    { SP_MONEY_MAX, SP_MONEY_MAX, 3 * SP_MONEY_MAX, SP_ROUND_HALF_UP,
      G_GINT64_CONSTANT (333333333333333333) },
    { 0, 5, 7, SP_ROUND_HALF_UP, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpMoney out = 42;

      g_test_message ("muldiv case %" G_GSIZE_FORMAT, i);
      g_assert_true (sp_money_muldiv (cases[i].value, cases[i].num, cases[i].den,
                                      cases[i].rounding, &out));
      g_assert_cmpint (out, ==, cases[i].expected);
    }
}

static void
test_muldiv_overflow (void)
{
  SpMoney out = 42;

  g_assert_false (sp_money_muldiv (5, 1, 0, SP_ROUND_HALF_UP, &out));
  g_assert_false (sp_money_muldiv (G_MAXINT64, 2, 1, SP_ROUND_HALF_UP, &out));
  g_assert_false (sp_money_muldiv (G_MAXINT64, G_MAXINT64, 1, SP_ROUND_HALF_UP, &out));
  /* −2^63 would be representable but is the UNKNOWN sentinel */
  g_assert_false (sp_money_muldiv (G_MININT64 / 2, 2, 1, SP_ROUND_HALF_UP, &out));
  g_assert_false (sp_money_muldiv (G_MAXINT64, -G_MAXINT64, G_MAXINT64 - 1,
                                   SP_ROUND_HALF_UP, &out));
  /* (2^32 − 1)(2^32 + 1) / 2 = 2^63 − 0.5: only the rounding step overflows */
  g_assert_false (sp_money_muldiv (4294967295, 4294967297, 2, SP_ROUND_HALF_UP, &out));
  g_assert_false (sp_money_muldiv (-4294967295, 4294967297, 2, SP_ROUND_HALF_UP, &out));
  g_assert_false (sp_money_muldiv (4294967295, 4294967297, 2, SP_ROUND_HALF_EVEN, &out));
  g_assert_cmpint (out, ==, 42);
  g_assert_true (sp_money_muldiv (4294967295, 4294967297, 2, SP_ROUND_TRUNCATE, &out));
  g_assert_cmpint (out, ==, G_MAXINT64);
  g_assert_true (sp_money_muldiv (-4294967295, 4294967297, 2, SP_ROUND_TRUNCATE, &out));
  g_assert_cmpint (out, ==, -G_MAXINT64);
  out = 42;
  /* an unknown value stays unknown */
  g_assert_false (sp_money_muldiv (SP_MONEY_UNKNOWN, 1, 1, SP_ROUND_HALF_UP, &out));
  g_assert_cmpint (out, ==, 42);
}

static void
test_round_to (void)
{
  const SpMoney fen = 10000;

  g_assert_cmpint (sp_money_round_to (1234999, fen, SP_ROUND_HALF_UP), ==, 1230000);
  g_assert_cmpint (sp_money_round_to (1234999, fen, SP_ROUND_TRUNCATE), ==, 1230000);
  g_assert_cmpint (sp_money_round_to (1235000, fen, SP_ROUND_HALF_UP), ==, 1240000);
  g_assert_cmpint (sp_money_round_to (1235000, fen, SP_ROUND_TRUNCATE), ==, 1230000);
  g_assert_cmpint (sp_money_round_to (1235000, fen, SP_ROUND_HALF_EVEN), ==, 1240000);
  g_assert_cmpint (sp_money_round_to (1225000, fen, SP_ROUND_HALF_EVEN), ==, 1220000);
  g_assert_cmpint (sp_money_round_to (1225000, fen, SP_ROUND_HALF_UP), ==, 1230000);
  g_assert_cmpint (sp_money_round_to (1225001, fen, SP_ROUND_HALF_EVEN), ==, 1230000);
  g_assert_cmpint (sp_money_round_to (-1235000, fen, SP_ROUND_HALF_UP), ==, -1240000);
  g_assert_cmpint (sp_money_round_to (-1235000, fen, SP_ROUND_TRUNCATE), ==, -1230000);
  g_assert_cmpint (sp_money_round_to (-1225000, fen, SP_ROUND_HALF_EVEN), ==, -1220000);
  g_assert_cmpint (sp_money_round_to (1230000, fen, SP_ROUND_HALF_UP), ==, 1230000);
  g_assert_cmpint (sp_money_round_to (4999, fen, SP_ROUND_HALF_UP), ==, 0);
  g_assert_cmpint (sp_money_round_to (5000, fen, SP_ROUND_HALF_UP), ==, fen);
  /* whole units */
  g_assert_cmpint (sp_money_round_to (2500000, SP_MONEY_SCALE, SP_ROUND_HALF_EVEN), ==,
                   2000000);
  g_assert_cmpint (sp_money_round_to (3500000, SP_MONEY_SCALE, SP_ROUND_HALF_EVEN), ==,
                   4000000);
  g_assert_cmpint (sp_money_round_to (SP_MONEY_UNKNOWN, fen, SP_ROUND_HALF_UP), ==,
                   SP_MONEY_UNKNOWN);
  /* cannot round up past the top of the type */
  g_assert_cmpint (sp_money_round_to (G_MAXINT64, fen, SP_ROUND_HALF_UP), ==,
                   SP_MONEY_UNKNOWN);
  g_assert_cmpint (sp_money_round_to (G_MAXINT64, fen, SP_ROUND_TRUNCATE), ==,
                   G_MAXINT64 - G_MAXINT64 % fen);
}

static void
test_add (void)
{
  SpMoney out = 42;

  g_assert_true (sp_money_add (1, 2, &out));
  g_assert_cmpint (out, ==, 3);
  g_assert_true (sp_money_add (-1500000, 250000, &out));
  g_assert_cmpint (out, ==, -1250000);
  g_assert_true (sp_money_add (G_MAXINT64, G_MININT64 + 1, &out));
  g_assert_cmpint (out, ==, 0);
  g_assert_true (sp_money_add (G_MAXINT64 - 1, 1, &out));
  g_assert_cmpint (out, ==, G_MAXINT64);
  g_assert_true (sp_money_add (G_MININT64 + 2, -1, &out));
  g_assert_cmpint (out, ==, G_MININT64 + 1);

  out = 42;
  g_assert_false (sp_money_add (G_MAXINT64, 1, &out));
  g_assert_false (sp_money_add (1, G_MAXINT64, &out));
  g_assert_false (sp_money_add (G_MAXINT64, G_MAXINT64, &out));
  g_assert_false (sp_money_add (G_MININT64 + 1, -1, &out));   /* would be UNKNOWN */
  g_assert_false (sp_money_add (G_MININT64 + 1, G_MININT64 + 1, &out));
  g_assert_false (sp_money_add (SP_MONEY_UNKNOWN, 1, &out));
  g_assert_false (sp_money_add (1, SP_MONEY_UNKNOWN, &out));
  g_assert_cmpint (out, ==, 42);
}

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (SP_MONEY_ERROR), ==, "sp-money-error-quark");
}

/* A random money value: random magnitude class so that small and large
 * values both occur, random sign, |v| ≤ SP_MONEY_MAX. */
static SpMoney
random_money (void)
{
  guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
  guint64 limit = 1;
  int digits = g_test_rand_int_range (1, 20);
  SpMoney v;

  for (int i = 0; i < digits - 1; i++)
    limit *= 10;
  limit = MIN (limit, (guint64) SP_MONEY_MAX);
  v = (SpMoney) (bits % (limit + 1));
  return g_test_rand_bit () ? -v : v;
}

static void
test_random_properties (void)
{
  static const SpRounding modes[] = {
    SP_ROUND_HALF_UP, SP_ROUND_TRUNCATE, SP_ROUND_HALF_EVEN
  };

  for (int i = 0; i < 5000; i++)
    {
      SpMoney x = random_money ();
      guint min_decimals = g_test_rand_int_range (0, 7);
      guint decimals = g_test_rand_int_range (0, 7);
      SpRounding mode = modes[g_test_rand_int_range (0, 3)];
      gint64 n = g_test_rand_int ();
      SpMoney quantum = 1;
      SpMoney back = 42;
      SpMoney y = 42;
      g_autofree char *text = sp_money_to_string (x, min_decimals);
      g_autofree char *fixed = sp_money_to_string_fixed (x, decimals, mode);
      g_autofree char *fixed6 = sp_money_to_string_fixed (x, 6, mode);
      g_autofree char *full = sp_money_to_string (x, 6);

      /* to_string → parse round-trips exactly, in every rounding mode */
      g_assert_true (sp_money_parse_scaled (text, 0, mode, &back, NULL));
      g_assert_cmpint (back, ==, x);

      /* fixed text with 6 decimals is the exact text */
      g_assert_cmpstr (fixed6, ==, full);

      /* fixed text with fewer decimals parses back to the value rounded once */
      for (guint d = decimals; d < SP_MONEY_DIGITS; d++)
        quantum *= 10;
      g_assert_true (sp_money_parse (fixed, &back, NULL));
      g_assert_cmpint (back, ==, sp_money_round_to (x, quantum, mode));

      /* the same value per 1M tokens, written per token, comes back */
      {
        g_autofree char *per_token = g_strdup_printf ("%se-6", text);

        g_assert_true (sp_money_parse_scaled (per_token, 6, mode, &back, NULL));
        g_assert_cmpint (back, ==, x);
      }

      /* muldiv (x, n, n) == x */
      if (n == 0)
        n = 1;
      if (g_test_rand_bit ())
        n = -n;
      g_assert_true (sp_money_muldiv (x, n, n, mode, &y));
      g_assert_cmpint (y, ==, x);

      /* x × n is exact in 128 bits: dividing again by n gives x back */
      if (sp_money_muldiv (x, n, 1, mode, &y))
        {
          SpMoney z = 42;

          g_assert_true (sp_money_muldiv (y, 1, n, SP_ROUND_TRUNCATE, &z));
          g_assert_cmpint (z, ==, x);
        }

      /* truncation never moves away from zero, half-up never moves less */
      {
        SpMoney t = 0, u = 0;
        gint64 den = g_test_rand_int_range (1, G_MAXINT32);

        g_assert_true (sp_money_muldiv (x, 1, den, SP_ROUND_TRUNCATE, &t));
        g_assert_true (sp_money_muldiv (x, 1, den, SP_ROUND_HALF_UP, &u));
        g_assert_cmpint (ABS (u - t), <=, 1);
        g_assert_cmpint (ABS (t), <=, ABS (x) / den);
      }
    }
}

/* Unit prices print exactly (two different prices never print the same);
 * amounts print to the fen, rounded once, half up (issue 14) */
static void
test_format (void)
{
  static const struct {
    SpMoney value;
    const char *currency;
    SpMoneyStyle style;
    const char *expected;
  } cases[] = {
    { 78300, "CNY", SP_MONEY_STYLE_PRICE, "¥0.0783" },
    { 54000, "CNY", SP_MONEY_STYLE_PRICE, "¥0.054" },
    { 1, "USD", SP_MONEY_STYLE_PRICE, "$0.000001" },
    { 24500000, "CNY", SP_MONEY_STYLE_PRICE, "¥24.50" },
    { 46936800, "CNY", SP_MONEY_STYLE_AMOUNT, "¥46.94" },
    { 5000, "CNY", SP_MONEY_STYLE_AMOUNT, "¥0.01" },
    { 4999, "CNY", SP_MONEY_STYLE_AMOUNT, "¥0.00" },
    { -5000, "CNY", SP_MONEY_STYLE_AMOUNT, "-¥0.01" },
    { -3000000, "USD", SP_MONEY_STYLE_PRICE, "-$3.00" },
    { 12000000, "EUR", SP_MONEY_STYLE_AMOUNT, "12.00 EUR" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sp_money_format (cases[i].value, cases[i].currency, cases[i].style);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  g_assert_null (sp_money_format (SP_MONEY_UNKNOWN, "CNY", SP_MONEY_STYLE_PRICE));
  g_assert_null (sp_money_format (SP_MONEY_UNKNOWN, "CNY", SP_MONEY_STYLE_AMOUNT));
  /* neighbours never print the same */
  for (SpMoney v = 0; v < 30000; v++)
    {
      g_autofree char *a = sp_money_format (v, "CNY", SP_MONEY_STYLE_PRICE);
      g_autofree char *b = sp_money_format (v + 1, "CNY", SP_MONEY_STYLE_PRICE);

      g_assert_cmpstr (a, !=, b);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/money/parse/plain", test_parse_plain);
  g_test_add_func ("/core/money/parse/exponent", test_parse_exponent);
  g_test_add_func ("/core/money/parse/per-token", test_parse_per_token);
  g_test_add_func ("/core/money/parse/rejects", test_parse_rejects);
  g_test_add_func ("/core/money/parse/range", test_parse_range);
  g_test_add_func ("/core/money/from-double", test_from_double);
  g_test_add_func ("/core/money/to-string", test_to_string);
  g_test_add_func ("/core/money/to-string-fixed", test_to_string_fixed);
  g_test_add_func ("/core/money/muldiv", test_muldiv);
  g_test_add_func ("/core/money/muldiv-overflow", test_muldiv_overflow);
  g_test_add_func ("/core/money/round-to", test_round_to);
  g_test_add_func ("/core/money/add", test_add);
  g_test_add_func ("/core/money/error-quark", test_error_quark);
  g_test_add_func ("/core/money/random-properties", test_random_properties);
  g_test_add_func ("/core/money/format", test_format);

  return g_test_run ();
}
