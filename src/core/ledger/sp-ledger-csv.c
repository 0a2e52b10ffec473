/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-csv.c — RFC 4180 reader and the ledger's CSV columns
 *
 * The reader works on the whole file in memory and keeps the current
 * record's unescaped fields in one reused buffer, so a million rows cost no
 * allocation per field.  See docs/ledger-csv.md for the columns. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-csv-cell.h"
#include "sp-ledger-csv.h"
#include "sp-text.h"

typedef enum {
  COL_DATE,
  COL_VENDOR,
  COL_ITEM,
  COL_KIND,
  COL_QUANTITY,
  COL_UNIT,
  COL_AMOUNT,
  COL_CURRENCY,
  COL_CATEGORY,
  /* optional */
  COL_LIST_AMOUNT,
  COL_PLATFORM_DISCOUNT,
  COL_SUBSIDY,
  COL_PREPAID,
  COL_RATE_USD_CNY,
  COL_RATE_DATE,
  COL_FAPIAO,
  COL_FAPIAO_NUMBER,
  COL_REFUND,
  COL_OFFER_SOURCE,
  COL_OFFER_ID,
  COL_NOTE,
  COL_ENTRY_ID,  /* the entry's stable identity (ledger-cli: imports never double-count) */
  N_COLUMNS
} Column;

#define N_REQUIRED (COL_CATEGORY + 1)

static const char * const column_names[N_COLUMNS] = {
  "date", "vendor", "item", "kind", "quantity", "unit", "amount", "currency",
  "category", "list_amount", "platform_discount", "subsidy", "prepaid",
  "rate_usd_cny", "rate_date", "fapiao", "fapiao_number", "refund",
  "offer_source", "offer_id", "note", "entry_id",
};

typedef struct {
  const char *p;
  const char *end;
  guint       line;      /* physical line at p */
  GString    *buf;       /* fields, each NUL-terminated */
  GArray     *offsets;   /* guint offset of each field in buf */
  GPtrArray  *fields;    /* const char * into buf */
} CsvReader;

typedef enum {
  READ_END,
  READ_RECORD,
  READ_ERROR,
} ReadResult;

/* ------------------------------------------------------------------ reader */

static void
csv_reader_init (CsvReader  *r,
                 const char *data,
                 gsize       len)
{
  r->p = data;
  r->end = data + len;
  r->line = 1;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    r->p += 3;
  r->buf = g_string_sized_new (256);
  r->offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint), N_COLUMNS);
  r->fields = g_ptr_array_sized_new (N_COLUMNS);
}

static void
csv_reader_clear (CsvReader *r)
{
  g_string_free (r->buf, TRUE);
  g_array_unref (r->offsets);
  g_ptr_array_unref (r->fields);
}

/* Consumes a record separator (CRLF, LF or CR) at r->p if there is one. */
static gboolean
eat_newline (CsvReader *r)
{
  if (r->p < r->end && *r->p == '\r')
    {
      r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      return TRUE;
    }
  if (r->p < r->end && *r->p == '\n')
    {
      r->p++;
      r->line++;
      return TRUE;
    }
  return FALSE;
}

/* Skips the rest of a bad record (to the end of the physical line). */
static void
skip_line (CsvReader *r)
{
  while (r->p < r->end && *r->p != '\r' && *r->p != '\n')
    r->p++;
  eat_newline (r);
}

/* A field that starts with a quote (r->p on it), unquoted into r->buf;
 * FALSE with *@reason when it is not closed or text follows the quote. */
static gboolean
read_quoted_field (CsvReader  *r,
                   char      **reason)
{
  r->p++;
  for (;;)
    {
      const char *q = memchr (r->p, '"', r->end - r->p);

      if (q == NULL)
        {
          *reason = g_strdup (_("a quoted field is not closed"));
          r->p = r->end;
          return FALSE;
        }
      for (const char *c = r->p; c < q; c++)
        if (*c == '\n' || (*c == '\r' && (c + 1 >= q || c[1] != '\n')))
          r->line++;
      g_string_append_len (r->buf, r->p, q - r->p);
      r->p = q + 1;
      if (r->p < r->end && *r->p == '"')
        {
          g_string_append_c (r->buf, '"');
          r->p++;
          continue;
        }
      break;
    }
  if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
    {
      *reason = g_strdup (_("text after a closing quote (write \"\" for a quote inside quotes)"));
      skip_line (r);
      return FALSE;
    }
  return TRUE;
}

/* A field without quotes, into r->buf; FALSE with *@reason when a quote
 * stands inside it. */
static gboolean
read_plain_field (CsvReader  *r,
                  char      **reason)
{
  const char *start = r->p;

  while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
    {
      if (*r->p == '"')
        {
          *reason = g_strdup (_("a quote inside a field that does not start with a quote"));
          skip_line (r);
          return FALSE;
        }
      r->p++;
    }
  g_string_append_len (r->buf, start, r->p - start);
  return TRUE;
}

static ReadResult
csv_reader_next (CsvReader  *r,
                 guint      *start_line,
                 char      **reason)
{
  g_string_truncate (r->buf, 0);
  g_array_set_size (r->offsets, 0);
  g_ptr_array_set_size (r->fields, 0);

  if (r->p >= r->end)
    return READ_END;
  *start_line = r->line;

  for (;;)
    {
      guint offset = (guint) r->buf->len;

      g_array_append_val (r->offsets, offset);
      if (!(r->p < r->end && *r->p == '"' ? read_quoted_field (r, reason)
                                          : read_plain_field (r, reason)))
        return READ_ERROR;
      g_string_append_c (r->buf, '\0');

      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      eat_newline (r);
      break;
    }

  for (guint i = 0; i < r->offsets->len; i++)
    g_ptr_array_add (r->fields, r->buf->str + g_array_index (r->offsets, guint, i));
  return READ_RECORD;
}

/* ------------------------------------------------------------------ mapping */

static void
csv_error_free (SpLedgerCsvError *e)
{
  g_free (e->reason);
  g_free (e);
}

static void
add_error (SpLedgerCsvReport *report,
           guint              line,
           char              *reason)  /* (transfer full) */
{
  report->n_errors++;
  if (report->errors->len < SP_LEDGER_CSV_MAX_ERRORS)
    {
      SpLedgerCsvError *e = g_new (SpLedgerCsvError, 1);

      e->line = line;
      /* reasons quote the input: shown cleaned and cut */
      e->reason = sp_text_dup_for_message (reason, SP_LIMIT_NOTE_CHARS);
      g_free (reason);
      g_ptr_array_add (report->errors, e);
    }
  else
    g_free (reason);
}

static const char *
trim (char *text)
{
  char *end;

  while (g_ascii_isspace (*text))
    text++;
  end = text + strlen (text);
  while (end > text && g_ascii_isspace (end[-1]))
    *--end = '\0';
  return text;
}

/* An optional money column: empty = unknown. */
static gboolean
parse_money_column (const char  *text,
                    Column       column,
                    gboolean     required,
                    SpMoney     *out,
                    char       **reason)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL || *text == '\0')
    {
      if (required)
        {
          *reason = g_strdup_printf (_("%s is empty"), column_names[column]);
          return FALSE;
        }
      *out = SP_MONEY_UNKNOWN;
      return TRUE;
    }
  if (!sp_money_parse (text, out, &error))
    {
      *reason = g_strdup_printf ("%s: %s", column_names[column], error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "yes", "true", "1", "y" };
  static const char * const no[] = { "", "no", "false", "0", "n" };

  if (sp_text_word_index (text, yes, G_N_ELEMENTS (yes)) >= 0)
    *out = TRUE;
  else if (sp_text_word_index (text, no, G_N_ELEMENTS (no)) >= 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static char *
empty_to_null (char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Clean text at the door (sp-text.h): each field of the record within its
 * limit (note 2,048 characters, offer_id 256, the others 256), invisible
 * characters removed in place.  FALSE with @reason. */
static gboolean
clean_fields (char      **fields,
              const int  *map,
              char      **reason)
{
  for (int c = 0; c < N_COLUMNS; c++)
    {
      gsize max = c == COL_NOTE ? SP_LIMIT_NOTE_CHARS :
                  c == COL_OFFER_ID ? SP_LIMIT_ID_CHARS : SP_LIMIT_NAME_CHARS;
      SpTextCheck check;

      if (map[c] < 0)
        continue;
      check = sp_text_clean_in_place (fields[map[c]], max, NULL);
      if (check != SP_TEXT_OK)
        {
          *reason = sp_text_dup_reason (check, column_names[c], max);
          return FALSE;
        }
    }
  return TRUE;
}

/* The columns every record has (date, vendor, item, kind, quantity, unit,
 * amount, currency, category) into @entry; FALSE with @reason. */
static gboolean
required_columns (char          **v,
                  SpLedgerEntry  *entry,
                  char          **reason)
{
  const char *kind;
  const char *currency;

  if (strlen (trim (v[COL_DATE])) != 10)
    {
      *reason = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), trim (v[COL_DATE]));
      return FALSE;
    }
  memcpy (entry->date, trim (v[COL_DATE]), 11);
  if (!sp_ledger_date_valid (entry->date))
    {
      *reason = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), entry->date);
      return FALSE;
    }
  entry->vendor = v[COL_VENDOR];
  entry->item = v[COL_ITEM];
  kind = trim (v[COL_KIND]);
  if (!sp_ledger_kind_from_string (kind, &entry->kind))
    {
      *reason = g_strdup_printf (_("unknown kind “%s” (gpu, cpu, tokens or other)"), kind);
      return FALSE;
    }
  if (!parse_money_column (v[COL_QUANTITY], COL_QUANTITY, TRUE, &entry->quantity, reason))
    return FALSE;
  entry->unit = v[COL_UNIT];
  if (!parse_money_column (v[COL_AMOUNT], COL_AMOUNT, TRUE, &entry->paid, reason))
    return FALSE;
  currency = trim (v[COL_CURRENCY]);
  if (!sp_ledger_currency_parse (currency, entry->currency))
    {
      *reason = g_strdup_printf (_("“%s” is not a three-letter currency code"), currency);
      return FALSE;
    }
  entry->category = v[COL_CATEGORY];
  return TRUE;
}

/* The columns a record may leave out or empty, into @entry; FALSE with
 * @reason. */
static gboolean
optional_columns (char          **v,
                  SpLedgerEntry  *entry,
                  char          **reason)
{
  const struct { int column; SpMoney *out; } amounts[] = {
    { COL_LIST_AMOUNT, &entry->list_amount },
    { COL_PLATFORM_DISCOUNT, &entry->platform_discount },
    { COL_SUBSIDY, &entry->subsidy },
    { COL_PREPAID, &entry->prepaid },
    { COL_RATE_USD_CNY, &entry->rate_usd_cny },
  };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      int c = amounts[i].column;

      if (!parse_money_column (v[c] ? trim (v[c]) : NULL, c, FALSE, amounts[i].out, reason))
        return FALSE;
    }
  if (v[COL_RATE_DATE] != NULL && *trim (v[COL_RATE_DATE]) != '\0')
    {
      const char *d = trim (v[COL_RATE_DATE]);

      if (!sp_ledger_date_valid (d))
        {
          *reason = g_strdup_printf (_("rate_date: “%s” is not a date (YYYY-MM-DD)"), d);
          return FALSE;
        }
      memcpy (entry->rate_date, d, 11);
    }
  if (v[COL_FAPIAO] != NULL && !sp_ledger_fapiao_from_string (trim (v[COL_FAPIAO]), &entry->fapiao))
    {
      *reason = g_strdup_printf (_("unknown fapiao status “%s” (none, requested, ordinary or special)"),
                                 trim (v[COL_FAPIAO]));
      return FALSE;
    }
  entry->fapiao_number = empty_to_null (v[COL_FAPIAO_NUMBER]);
  if (v[COL_REFUND] != NULL && !parse_bool (trim (v[COL_REFUND]), &entry->refund))
    {
      *reason = g_strdup_printf (_("refund: “%s” is not yes or no"), trim (v[COL_REFUND]));
      return FALSE;
    }
  entry->offer_source = empty_to_null (v[COL_OFFER_SOURCE]);
  entry->offer_id = empty_to_null (v[COL_OFFER_ID]);
  entry->note = v[COL_NOTE];
  entry->uid = v[COL_ENTRY_ID] != NULL ? empty_to_null ((char *) trim (v[COL_ENTRY_ID])) : NULL;
  if (entry->uid != NULL && !sp_ledger_uid_valid (entry->uid))
    {
      *reason = g_strdup (_("entry_id: not an entry id (1 to 64 letters, digits, “-” or “_”)"));
      return FALSE;
    }
  return TRUE;
}

/* Fills @entry (borrowed strings) from the record; FALSE with @reason. */
static gboolean
row_to_entry (char          **fields,
              const int      *map,
              SpLedgerEntry  *entry,
              char          **reason)
{
  char *v[N_COLUMNS];

  /* the one place that takes off the apostrophe an export put before a
   * text that a spreadsheet would run as a formula (sp-csv-cell.h) */
  for (int c = 0; c < N_COLUMNS; c++)
    v[c] = map[c] >= 0 ? (char *) sp_csv_cell_unguard (fields[map[c]]) : NULL;

  sp_ledger_entry_init (entry);
  return required_columns (v, entry, reason)
         && optional_columns (v, entry, reason)
         && sp_ledger_entry_complete (entry, reason);
}

/* Maps header names to record positions; FALSE with @reason. */
static gboolean
map_header (GPtrArray  *fields,
            int        *map,
            char      **reason)
{
  for (int c = 0; c < N_COLUMNS; c++)
    map[c] = -1;

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_ascii_strdown (trim (g_ptr_array_index (fields, i)), -1);
      int found = -1;

      for (int c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (name, column_names[c]))
          found = c;
      if (found < 0)
        {
          *reason = g_strdup_printf (_("unknown column “%s” (see docs/ledger-csv.md)"), name);
          return FALSE;
        }
      if (map[found] >= 0)
        {
          *reason = g_strdup_printf (_("column “%s” appears twice"), name);
          return FALSE;
        }
      map[found] = (int) i;
    }
  for (int c = 0; c < N_REQUIRED; c++)
    if (map[c] < 0)
      {
        *reason = g_strdup_printf (_("the required column “%s” is missing"), column_names[c]);
        return FALSE;
      }
  return TRUE;
}

/* Line number of byte @pos of @data (1-based). */
static guint
line_of (const char *data,
         const char *pos)
{
  guint line = 1;

  for (const char *c = data; c < pos; c++)
    if (*c == '\n' || (*c == '\r' && (c + 1 >= pos || c[1] != '\n')))
      line++;
  return line;
}

/* ------------------------------------------------------------------ public API */

void
sp_ledger_csv_report_free (SpLedgerCsvReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->preview);
  g_ptr_array_unref (report->errors);
  g_free (report);
}

/* Reads the header line into @map; FALSE (the error added to @report)
 * when the file is empty or the header is not ours. */
static gboolean
read_header (CsvReader          *r,
             int                *map,
             SpLedgerCsvReport  *report)
{
  guint line = 1;
  char *reason = NULL;

  switch (csv_reader_next (r, &line, &reason))
    {
    case READ_END:
      add_error (report, 1, g_strdup (_("the file is empty (it needs a header line)")));
      return FALSE;
    case READ_ERROR:
      add_error (report, line, g_steal_pointer (&reason));
      return FALSE;
    case READ_RECORD:
    default:
      break;
    }
  if (!map_header (r->fields, map, &reason))
    {
      add_error (report, line, g_steal_pointer (&reason));
      return FALSE;
    }
  return TRUE;
}

/* The record just read (line @line) as @entry; FALSE when it is none: an
 * empty line, or a bad record whose error is added to @report. */
static gboolean
record_to_entry (CsvReader          *r,
                 const int          *map,
                 guint               n_header,
                 guint               line,
                 SpLedgerCsvReport  *report,
                 SpLedgerEntry      *entry)
{
  char *reason = NULL;

  /* an empty line */
  if (r->fields->len == 1 && *(const char *) g_ptr_array_index (r->fields, 0) == '\0')
    return FALSE;
  if (r->fields->len != n_header)
    {
      add_error (report, line,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "it has %u field, the header has %u",
                                               "it has %u fields, the header has %u",
                                               r->fields->len),
                                  r->fields->len, n_header));
      return FALSE;
    }
  if (!clean_fields ((char **) r->fields->pdata, map, &reason) ||
      !row_to_entry ((char **) r->fields->pdata, map, entry, &reason))
    {
      add_error (report, line, g_steal_pointer (&reason));
      return FALSE;
    }
  return TRUE;
}

/* One pass over the file: the header map, the line count, the preview and
 * the errors. */
gboolean
sp_ledger_csv_read (const char          *data,
                    gsize                len,
                    guint                max_preview,
                    SpLedgerCsvRowFunc   func,
                    gpointer             user_data,
                    SpLedgerCsvReport  **report_out,
                    GError             **error)
{
  g_autoptr(SpLedgerCsvReport) report = g_new0 (SpLedgerCsvReport, 1);
  const char *bad = NULL;
  CsvReader r;
  int map[N_COLUMNS];
  guint n_header;
  guint line = 1;
  char *reason = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (report_out != NULL, FALSE);

  report->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_entry_free);
  report->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_error_free);

  if (!g_utf8_validate (data, len, &bad))
    {
      add_error (report, line_of (data, bad),
                 g_strdup (*bad == '\0' ? _("the text holds a NUL character")
                                         : _("the text is not UTF-8")));
      *report_out = g_steal_pointer (&report);
      return TRUE;
    }

  csv_reader_init (&r, data, len);
  if (!read_header (&r, map, report))
    goto out;
  n_header = r.fields->len;

  for (;;)
    {
      ReadResult res = csv_reader_next (&r, &line, &reason);
      SpLedgerEntry entry;

      if (res == READ_END)
        break;
      if (res == READ_ERROR)
        {
          add_error (report, line, g_steal_pointer (&reason));
          continue;
        }
      if (!record_to_entry (&r, map, n_header, line, report, &entry))
        continue;
      report->n_rows++;
      if (report->preview->len < max_preview)
        g_ptr_array_add (report->preview, sp_ledger_entry_copy (&entry));
      if (func != NULL && report->n_errors == 0 && !func (&entry, line, user_data, error))
        {
          ok = FALSE;
          break;
        }
    }

out:
  csv_reader_clear (&r);
  if (!ok)
    return FALSE;
  *report_out = g_steal_pointer (&report);
  return TRUE;
}

/* @kind: SP_CSV_CELL_TEXT for free text (guarded against formulas) */
static void
append_field (GString       *out,
              const char    *text,
              SpCsvCellKind  kind,
              gboolean       last)
{
  sp_csv_append_cell (out, text, kind);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
append_money (GString *out,
              SpMoney  value)
{
  g_autofree char *text = sp_money_to_string (value, 0);

  append_field (out, text, SP_CSV_CELL_VALUE, FALSE);
}

void
sp_ledger_csv_append_header (GString *out)
{
  for (int c = 0; c < N_COLUMNS; c++)
    append_field (out, column_names[c], SP_CSV_CELL_VALUE, c == N_COLUMNS - 1);
}

void
sp_ledger_csv_append_entry (GString             *out,
                            const SpLedgerEntry *e)
{
  /* the order of column_names */
  append_field (out, e->date, SP_CSV_CELL_VALUE, FALSE);
  append_field (out, e->vendor, SP_CSV_CELL_TEXT, FALSE);
  append_field (out, e->item, SP_CSV_CELL_TEXT, FALSE);
  append_field (out, sp_ledger_kind_to_string (e->kind), SP_CSV_CELL_VALUE, FALSE);
  append_money (out, e->quantity);
  append_field (out, e->unit, SP_CSV_CELL_TEXT, FALSE);
  append_money (out, e->paid);
  append_field (out, e->currency, SP_CSV_CELL_TEXT, FALSE);
  append_field (out, e->category, SP_CSV_CELL_TEXT, FALSE);
  append_money (out, e->list_amount);
  append_money (out, e->platform_discount);
  append_money (out, e->subsidy);
  append_money (out, e->prepaid);
  append_money (out, e->rate_usd_cny);
  append_field (out, e->rate_date, SP_CSV_CELL_VALUE, FALSE);
  append_field (out, sp_ledger_fapiao_to_string (e->fapiao), SP_CSV_CELL_VALUE, FALSE);
  append_field (out, e->fapiao_number, SP_CSV_CELL_TEXT, FALSE);
  append_field (out, e->refund ? "yes" : "no", SP_CSV_CELL_VALUE, FALSE);
  append_field (out, e->offer_source, SP_CSV_CELL_TEXT, FALSE);
  append_field (out, e->offer_id, SP_CSV_CELL_TEXT, FALSE);
  append_field (out, e->note, SP_CSV_CELL_TEXT, FALSE);
  append_field (out, e->uid, SP_CSV_CELL_TEXT, TRUE);
}
