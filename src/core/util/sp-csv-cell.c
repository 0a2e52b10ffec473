/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-cell.c — one cell of a CSV file the app writes (see the header) */
#include "config.h"

#include <string.h>

#include "sp-csv-cell.h"

/* What a spreadsheet may take as the start of a formula (OWASP). */
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Whether @text is apostrophes (any number) followed by a formula start. */
static gboolean
is_guarded_form (const char *text)
{
  while (*text == '\'')
    text++;
  return is_formula_start (*text);
}

gboolean
sp_csv_cell_needs_guard (const char *text)
{
  return text != NULL && is_guarded_form (text);
}

void
sp_csv_append_cell (GString       *out,
                    const char    *text,
                    SpCsvCellKind  kind)
{
  gboolean guard, quote;
  gsize len;

  g_return_if_fail (out != NULL);

  if (text == NULL || *text == '\0')
    return;
  len = strlen (text);
  guard = kind == SP_CSV_CELL_TEXT && sp_csv_cell_needs_guard (text);
  quote = strpbrk (text, ",\"\r\n") != NULL ||
          (!guard && g_ascii_isspace (text[0])) ||
          g_ascii_isspace (text[len - 1]);
  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  if (quote)
    {
      for (const char *c = text; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append_len (out, text, (gssize) len);
}

const char *
sp_csv_cell_unguard (const char *cell)
{
  if (cell != NULL && cell[0] == '\'' && is_guarded_form (cell + 1))
    return cell + 1;
  return cell;
}
