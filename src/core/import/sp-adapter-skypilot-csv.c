/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-skypilot-csv.c — the RFC 4180 reader of the SkyPilot adapter
 * (one record at a time into a reused buffer, HACKING.md "Ingest") and the
 * numbers in its cells: exact decimals, prices, GpuInfo's memory */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-adapter-skypilot-private.h"
#include "sp-text.h"
#include "sp-vendors.h"

static inline void
row_reserve (CsvRow *row,
             gsize   extra)
{
  if (row->len + extra >= row->cap)
    {
      row->cap = MAX (row->cap * 2, row->len + extra + 64);
      row->buf = g_realloc (row->buf, row->cap);
    }
}

static inline void
row_append (CsvRow     *row,
            const char *bytes,
            gsize       n)
{
  row_reserve (row, n);
  memcpy (row->buf + row->len, bytes, n);
  row->len += n;
}

static inline void
row_append_c (CsvRow *row,
              char    c)
{
  row_reserve (row, 1);
  row->buf[row->len++] = c;
}

void
sp_skypilot_row_clear (CsvRow *row)
{
  g_clear_pointer (&row->buf, g_free);
  g_clear_pointer (&row->starts, g_free);
  g_clear_pointer (&row->fields, g_ptr_array_unref);
}

/* the bytes that end or spoil an unquoted field */
static const guint8 csv_special[256] = {
  ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1,
};

/* passes over blank lines */
static inline void
skip_blank_lines (CsvReader *r)
{
  while (r->pos < r->len)
    {
      if (r->data[r->pos] == '\n')
        {
          r->pos++;
          r->line++;
        }
      else if (r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')
        {
          r->pos += 2;
          r->line++;
        }
      else
        break;
    }
}

/* A quoted field, its opening quote at r->pos, into @row; FALSE when it is
 * never closed.  Bytes between the closing quote and the separator set *@bad. */
static inline gboolean
read_quoted_field (CsvReader *r,
                   CsvRow    *row,
                   gboolean  *bad)
{
  gboolean closed = FALSE;

  r->pos++;
  while (r->pos < r->len)
    {
      /* copy up to the next quote in one go */
      const char *q = memchr (r->data + r->pos, '"', r->len - r->pos);
      gsize span = q ? (gsize) (q - (r->data + r->pos)) : r->len - r->pos;

      for (gsize k = 0; k < span; k++)
        if (r->data[r->pos + k] == '\n')
          r->line++;
      row_append (row, r->data + r->pos, span);
      r->pos += span;
      if (q == NULL)
        break;

      r->pos++;  /* the quote */
      if (r->pos < r->len && r->data[r->pos] == '"')
        {
          row_append_c (row, '"');
          r->pos++;
        }
      else
        {
          closed = TRUE;
          break;
        }
    }

  if (!closed)
    return FALSE;

  /* after the closing quote only a separator may follow */
  while (r->pos < r->len && r->data[r->pos] != ',' &&
         r->data[r->pos] != '\n' && r->data[r->pos] != '\r')
    {
      *bad = TRUE;
      r->pos++;
    }
  return TRUE;
}

/* An unquoted field into @row; a quote inside it sets *@bad. */
static inline void
read_plain_field (CsvReader *r,
                  CsvRow    *row,
                  gboolean  *bad)
{
  gsize begin = r->pos;

  while (r->pos < r->len)
    {
      char c = r->data[r->pos];

      /* ordinary bytes in a tight loop */
      if (!csv_special[(guchar) c])
        {
          r->pos++;
          continue;
        }
      if (c == ',' || c == '\n' ||
          (c == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n'))
        break;
      if (c == '"')
        *bad = TRUE;
      r->pos++;
    }
  row_append (row, r->data + begin, r->pos - begin);
}

/* Ends the field that began at @start: white space around it is not part of
 * it (g_strstrip ()), then its NUL. */
static inline void
end_field (CsvRow *row,
           gsize   start)
{
  while (row->len > start && g_ascii_isspace (row->buf[row->len - 1]))
    row->len--;
  if (row->len > start && g_ascii_isspace (row->buf[start]))
    {
      gsize lead = start;

      while (lead < row->len && g_ascii_isspace (row->buf[lead]))
        lead++;
      memmove (row->buf + start, row->buf + lead, row->len - lead);
      row->len -= lead - start;
    }
  row_append_c (row, '\0');
}

/* Read the next record into @row.  Fields are stripped of white space.
 * *@start_line is the line the record starts on.  Blank lines are passed
 * over.  The byte loops are the ingest hot path (HACKING.md, "Ingest"):
 * the helpers above are inline. */
CsvStatus
sp_skypilot_csv_next (CsvReader *r,
                      CsvRow    *row,
                      guint     *start_line)
{
  gboolean bad = FALSE;

  row->len = 0;
  row->n_starts = 0;
  g_ptr_array_set_size (row->fields, 0);

  skip_blank_lines (r);
  if (r->pos >= r->len)
    return CSV_END;

  *start_line = r->line;

  for (;;)
    {
      gsize start = row->len;

      if (row->n_starts == row->cap_starts)
        {
          row->cap_starts = MAX (16u, row->cap_starts * 2);
          row->starts = g_renew (gsize, row->starts, row->cap_starts);
        }
      row->starts[row->n_starts++] = start;

      if (r->pos < r->len && r->data[r->pos] == '"')
        {
          if (!read_quoted_field (r, row, &bad))
            return CSV_UNTERMINATED;
        }
      else
        read_plain_field (r, row, &bad);
      end_field (row, start);

      if (r->pos >= r->len)
        break;

      if (r->data[r->pos] == ',')
        {
          r->pos++;
          continue;
        }

      /* end of line */
      if (r->data[r->pos] == '\r')
        r->pos++;
      if (r->pos < r->len && r->data[r->pos] == '\n')
        r->pos++;
      r->line++;
      break;
    }

  /* the buffer no longer moves: point into it */
  g_ptr_array_set_size (row->fields, (gint) row->n_starts);
  for (guint i = 0; i < row->n_starts; i++)
    row->fields->pdata[i] = row->buf + row->starts[i];

  return bad ? CSV_BAD_QUOTES : CSV_RECORD;
}

/* Exact unsigned decimal such as "8", "8.0", "0.5", "1.69921875":
 * value = *mant / *pow10.  At most 18 significant digits. */
gboolean
sp_skypilot_parse_decimal (const char *text,
                           gint64     *mant,
                           gint64     *pow10)
{
  const char *p = text;
  gint64 m = 0;
  gint64 scale = 1;
  guint digits = 0;
  gboolean any = FALSE;
  gboolean dot = FALSE;

  while (*p == ' ')
    p++;

  for (; *p; p++)
    {
      if (*p == '.' && !dot)
        {
          dot = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        break;

      any = TRUE;
      if (m == 0 && *p == '0')
        {
          /* leading zeros cost nothing; trailing zeros after the point do */
          if (dot)
            {
              if (scale >= G_GINT64_CONSTANT (100000000000000000))
                continue;   /* 0.000…0 beyond 17 decimals: still 0 */
              scale *= 10;
            }
          continue;
        }
      if (++digits > 18)
        return FALSE;
      m = m * 10 + (*p - '0');
      if (dot)
        {
          if (scale >= G_GINT64_CONSTANT (100000000000000000))
            return FALSE;
          scale *= 10;
        }
    }

  while (*p == ' ')
    p++;

  if (!any || *p != '\0')
    return FALSE;

  /* trim trailing zeros after the point: "8.0" -> 8/1 */
  while (scale > 1 && m % 10 == 0)
    {
      m /= 10;
      scale /= 10;
    }

  *mant = m;
  *pow10 = scale;
  return TRUE;
}

/* The first integer after 'SizeInMiB': in a GpuInfo repr, or 0. */
gint64
sp_skypilot_gpuinfo_size_mib (const char *info)
{
  const char *p = strstr (info, "'SizeInMiB'");
  gint64 v = 0;

  if (p == NULL)
    return 0;
  p += strlen ("'SizeInMiB'");
  while (*p == ' ')
    p++;
  if (*p != ':')
    return 0;
  p++;
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return 0;
  while (g_ascii_isdigit (*p))
    {
      v = v * 10 + (*p - '0');
      if (v > G_GINT64_CONSTANT (1000000000000))
        return 0;
      p++;
    }

  return v;
}

/* An instance price cell in micro-units; FALSE with @why on bad text. */
gboolean
sp_skypilot_parse_price_cell (const char  *text,
                              SpMoney     *out,
                              const char **why)
{
  g_autoptr(GError) error = NULL;

  if (!sp_money_parse (text, out, &error))
    {
      if (g_error_matches (error, SP_MONEY_ERROR, SP_MONEY_ERROR_RANGE))
        *why = _("price is too large");
      else if (g_error_matches (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE))
        *why = _("price is not a finite number");
      else
        *why = _("price is not a number");
      return FALSE;
    }

  if (*out < 0)
    {
      *why = _("negative price");
      return FALSE;
    }

  return TRUE;
}

/* g_utf8_validate_len () (no NUL either) with a fast way over ASCII: eight
 * bytes at a time while none has its high bit set or is 0.  A catalog is
 * nearly all ASCII and GLib's validator takes ~9 instructions a byte (6 %
 * of parsing the full-size GCP catalog; HACKING.md "Ingest"). */
gboolean
sp_skypilot_valid_utf8 (const char *data,
                        gsize       len)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, data + i, 8);
      /* a byte >= 0x80, or a zero byte */
      if (((w | ((w - ones) & ~w)) & highs) != 0)
        break;
    }
  /* the rest (from a character boundary: all before it is ASCII) */
  return g_utf8_validate_len (data + i, len - i, NULL);
}
