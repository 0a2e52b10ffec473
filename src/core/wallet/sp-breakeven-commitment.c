/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakeven-commitment.c — reading an offer's minimum commitment text
 * (English or Chinese) into months and hours per month (sp-breakeven.h) */
#include "config.h"

#include <string.h>

#include "sp-breakeven.h"
#include "sp-text.h"

/* Chinese numerals one to twelve as a commitment counts them */
static gboolean
read_cjk_number (const char **p,
                 guint       *out)
{
  static const char *const digits[] = {
    "十二", "十一", "十", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
  };
  static const guint values[] = { 12, 11, 10, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9 };

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    if (g_str_has_prefix (*p, digits[i]))
      {
        *out = values[i];
        *p += strlen (digits[i]);
        return TRUE;
      }
  return FALSE;
}

gboolean
sp_breakeven_parse_commitment (const char *text,
                               guint      *months)
{
  static const struct { const char *word; guint months; } words[] = {
    { "monthly", 1 }, { "month", 1 }, { "包月", 1 }, { "月付", 1 },
    { "yearly", 12 }, { "annual", 12 }, { "annually", 12 }, { "year", 12 },
    { "包年", 12 }, { "年付", 12 }, { "半年", 6 },
  };
  static const struct { const char *unit; guint months; } units[] = {
    { "months", 1 }, { "month", 1 }, { "mos", 1 }, { "mo", 1 }, { "个月", 1 }, { "月", 1 },
    { "years", 12 }, { "year", 12 }, { "yrs", 12 }, { "yr", 12 }, { "年", 12 },
  };
  g_autofree char *down = NULL;
  GString *squeezed;
  g_autofree char *clean = NULL;
  const char *p;
  guint64 n = 0;

  g_return_val_if_fail (months != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  /* lower case, no spaces, no hyphens: "12-Month" → "12month" */
  down = g_ascii_strdown (text, -1);
  squeezed = g_string_new (NULL);
  for (p = down; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (squeezed, *p);
  clean = g_string_free (squeezed, FALSE);
  if (clean[0] == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (clean, words[i].word))
      {
        *months = words[i].months;
        return TRUE;
      }

  p = clean;
  if (g_ascii_isdigit (*p))
    {
      if (!sp_text_read_number (&p, 1000, &n))
        return FALSE;
    }
  else
    {
      guint cjk;

      if (!read_cjk_number (&p, &cjk))
        return FALSE;
      n = cjk;
    }
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (p, units[i].unit))
      {
        guint64 total = n * units[i].months;

        if (total > 120)
          return FALSE;
        *months = (guint) total;
        return TRUE;
      }
  return FALSE;
}

/* "730h", "730hours", "730hourspermonth", "730h/month", "730小时", "730小时/月"
 * (spaces already squeezed out): the hours; 0 when it is not that */
static guint
read_hours (const char *p)
{
  static const char *const units[] = {
    "hourspermonth", "hours/month", "hours", "hour", "hrs", "hr", "h/month", "h/mo", "h",
    "小时/月", "小时",
  };
  guint64 n;

  if (!sp_text_read_number (&p, 744, &n))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (p, units[i]))
      return (guint) n;
  return 0;
}

gboolean
sp_breakeven_parse_commitment_hours (const char *text,
                                     guint      *months,
                                     guint      *hours_per_month)
{
  static const char *const opens[] = { "（", "(", "，", ",", ";", "；" };
  g_autofree char *head = NULL;
  g_autofree char *down = NULL;
  GString *squeezed;
  g_autofree char *tail = NULL;
  const char *cut = NULL;
  gsize open_len = 0;
  guint hours;

  g_return_val_if_fail (months != NULL && hours_per_month != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  /* the first separator, then an hours figure up to a closing bracket */
  for (guint i = 0; i < G_N_ELEMENTS (opens); i++)
    {
      const char *at = strstr (text, opens[i]);

      if (at != NULL && (cut == NULL || at < cut))
        {
          cut = at;
          open_len = strlen (opens[i]);
        }
    }
  if (cut == NULL)
    {
      if (!sp_breakeven_parse_commitment (text, months))
        return FALSE;
      *hours_per_month = SP_BREAKEVEN_HOURS_PER_MONTH;
      return TRUE;
    }

  down = g_ascii_strdown (cut + open_len, -1);
  squeezed = g_string_new (NULL);
  for (const char *p = down; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, *p);
  tail = g_string_free (squeezed, FALSE);
  if (g_str_has_suffix (tail, ")"))
    tail[strlen (tail) - 1] = '\0';
  else if (g_str_has_suffix (tail, "）"))
    tail[strlen (tail) - strlen ("）")] = '\0';
  hours = read_hours (tail);
  head = g_strndup (text, (gsize) (cut - text));
  if (hours == 0 || !sp_breakeven_parse_commitment (head, months))
    return FALSE;
  *hours_per_month = hours;
  return TRUE;
}
