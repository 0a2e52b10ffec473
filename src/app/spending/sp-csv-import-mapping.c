/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-import-mapping.c — the CSV import's reading, column mapping and
 * conversion of values (the window: sp-csv-import-window.c) */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-csv-cell.h"
#include "sp-csv-import-window-private.h"

const Target sp_csv_import_targets[N_TARGETS] = {
  { "date", N_("Date"), "date|日期|账单日期|消费日期|消费时间|交易时间|账期|billing date|usage date|bill date", FALSE },
  { "vendor", N_("Vendor"), "vendor|供应商|服务商|provider|平台", TRUE },
  { "item", N_("Item"), "item|product|产品|产品名称|商品名称|商品|service|description|资源名称|实例规格", FALSE },
  { "kind", N_("Kind (gpu, cpu, tokens, other)"), "kind", TRUE },
  { "quantity", N_("Quantity"), "quantity|数量|用量|usage quantity", TRUE },
  { "unit", N_("Unit"), "unit|单位|用量单位|usage unit", TRUE },
  { "amount", N_("Amount paid"), "amount|paid|应付金额|实付金额|现金支付|现金支付金额|payable|cost|实付", FALSE },
  { "currency", N_("Currency"), "currency|币种|货币", TRUE },
  { "category", N_("Project or category"), "category|project|项目|分类|成本中心|cost center", TRUE },
  { "list_amount", N_("List amount"), "list_amount|list price|原价|官网价|官网目录价", FALSE },
  { "platform_discount", N_("Platform discount"), "platform_discount|discount|优惠金额|折扣金额|优惠", FALSE },
  { "subsidy", N_("Government subsidy"), "subsidy|算力券|补贴|补贴金额|算力券抵扣", FALSE },
  { "prepaid", N_("Prepaid credit used"), "prepaid|预付|储值卡|储值卡抵扣|credit used|代金券抵扣|代金券", FALSE },
  { "fapiao", N_("Fapiao status"), "fapiao|发票状态", FALSE },
  { "fapiao_number", N_("Fapiao number"), "fapiao_number|发票号码|发票号", FALSE },
  { "note", N_("Note"), "note|备注|remark|memo", FALSE },
};

static void
record_clear (gpointer data)
{
  Record *r = data;

  g_strfreev (r->fields);
}

/* RFC 4180: quoted fields, "" escapes, CRLF/LF/CR.  Lenient: a stray quote
 * inside an unquoted field is kept as text. */
GArray *
sp_csv_import_window_parse_csv (const char *data,
           gsize       len)
{
  GArray *records = g_array_new (FALSE, TRUE, sizeof (Record));
  const char *p = data, *end = data + len;
  guint line = 1;

  g_array_set_clear_func (records, record_clear);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      GPtrArray *fields = g_ptr_array_new ();
      GString *field = g_string_new (NULL);
      Record r = { line, NULL };
      gboolean done = FALSE;

      while (!done)
        {
          if (p < end && *p == '"')
            {
              p++;
              while (p < end)
                {
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        {
                          g_string_append_c (field, '"');
                          p += 2;
                          continue;
                        }
                      p++;
                      break;
                    }
                  if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
                    line++;
                  g_string_append_c (field, *p++);
                }
            }
          while (p < end && *p != ',' && *p != '\r' && *p != '\n')
            g_string_append_c (field, *p++);
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          if (p < end && *p == ',')
            {
              p++;
              field = g_string_new (NULL);
              continue;
            }
          if (p < end && *p == '\r')
            p++;
          if (p < end && *p == '\n')
            p++;
          line++;
          done = TRUE;
        }
      g_ptr_array_add (fields, NULL);
      r.fields = (char **) g_ptr_array_free (fields, FALSE);
      /* skip blank lines and "#" comment lines some exports start with */
      if ((r.fields[1] == NULL && *g_strstrip (r.fields[0]) == '\0') ||
          (records->len == 0 && r.fields[0][0] == '#'))
        {
          g_strfreev (r.fields);
          continue;
        }
      g_array_append_val (records, r);
    }
  return records;
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (text != NULL && *text != '\0')
    {
      g_string_append_c (out, '"');
      /* the ledger reader takes this apostrophe off again (sp-csv-cell.h),
       * so a source cell reaches the ledger exactly as it was */
      if (sp_csv_cell_needs_guard (text) && text[strspn (text, "'")] != '\r')
        g_string_append_c (out, '\'');
      for (const char *c = text; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          /* one line per record keeps the line numbers mappable */
          g_string_append_c (out, (*c == '\r' || *c == '\n') ? ' ' : *c);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, last ? "\r\n" : ",");
}

/* Does the header use only documented column names (with the required ones)? */
gboolean
sp_csv_import_window_header_is_documented (char **header)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(SpLedgerCsvReport) report = NULL;
  guint n = g_strv_length (header);

  for (guint i = 0; i < n; i++)
    append_field (text, header[i], i + 1 == n);
  if (!sp_ledger_csv_read (text->str, text->len, 0, NULL, NULL, &report, NULL))
    return FALSE;
  return report->n_errors == 0;
}

int
sp_csv_import_window_target_index (const char *column)
{
  for (guint t = 0; t < N_TARGETS; t++)
    if (g_strcmp0 (targets[t].column, column) == 0)
      return (int) t;
  return -1;
}

/* First exact matches, then (for names of at least two characters) a
 * synonym contained in the header, so "实付金额(元)" finds "实付金额". */
static void
guess_mapping (SpCsvImportWindow *self)
{
  guint n = g_strv_length (self->source_columns);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n, 1));
  int guess[N_TARGETS];

  for (guint t = 0; t < N_TARGETS; t++)
    guess[t] = -1;
  for (int pass = 0; pass < 2; pass++)
    for (guint t = 0; t < N_TARGETS; t++)
      {
        g_auto(GStrv) names = g_strsplit (targets[t].synonyms, "|", -1);

        if (guess[t] >= 0)
          continue;
        for (guint c = 0; c < n && guess[t] < 0; c++)
          {
            g_autofree char *h = g_utf8_strdown (g_strstrip (self->source_columns[c]), -1);

            if (used[c])
              continue;
            for (guint k = 0; names[k] != NULL; k++)
              if (pass == 0 ? g_str_equal (h, names[k])
                            : (g_utf8_strlen (names[k], -1) >= 2 && strstr (h, names[k]) != NULL))
                {
                  guess[t] = (int) c;
                  used[c] = TRUE;
                  break;
                }
          }
      }
  for (guint t = 0; t < N_TARGETS; t++)
    adw_combo_row_set_selected (self->combo_rows[t], (guint) (guess[t] + 1));
}

void
sp_csv_import_window_build_mapping_rows (SpCsvImportWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("(not in the file)"));
  for (guint c = 0; self->source_columns[c] != NULL; c++)
    {
      g_autofree char *label = NULL;

      if (*self->source_columns[c] != '\0')
        label = g_strdup (self->source_columns[c]);
      else
        /* Translators: a CSV column without a name in its header */
        label = g_strdup_printf (_("Column %u"), c + 1);
      gtk_string_list_append (model, label);
    }

  for (guint t = 0; t < N_TARGETS; t++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(targets[t].label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), targets[t].column);
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_preferences_group_add (self->mapping_group, GTK_WIDGET (row));
      self->combo_rows[t] = row;

      if (targets[t].fixed)
        {
          AdwEntryRow *entry = ADW_ENTRY_ROW (adw_entry_row_new ());

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _(targets[t].label));
          adw_preferences_group_add (self->defaults_group, GTK_WIDGET (entry));
          self->fixed_rows[t] = entry;
        }
    }
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[sp_csv_import_window_target_index ("kind")]), "other");
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[sp_csv_import_window_target_index ("quantity")]), "1");
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[sp_csv_import_window_target_index ("unit")]), _("bill"));
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[sp_csv_import_window_target_index ("currency")]), "CNY");
  guess_mapping (self);
}

/* "2026/3/5 12:00:00", "2026.03.05", "2026年3月5日" → "2026-03-05" */
static char *
normalize_date (const char *text)
{
  guint y = 0, m = 0, d = 0;
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;
  char *next;

  y = (guint) g_ascii_strtoull (p, &next, 10);
  if (next == p || y < 1000)
    return g_steal_pointer (&copy);
  p = next;
  if (g_str_has_prefix (p, "年"))
    p += strlen ("年");
  else if (*p == '-' || *p == '/' || *p == '.')
    p++;
  m = (guint) g_ascii_strtoull (p, &next, 10);
  if (next == p)
    return g_steal_pointer (&copy);
  p = next;
  if (g_str_has_prefix (p, "月"))
    p += strlen ("月");
  else if (*p == '-' || *p == '/' || *p == '.')
    p++;
  d = (guint) g_ascii_strtoull (p, &next, 10);
  if (next == p)
    return g_steal_pointer (&copy);
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

/* "¥1,234.50", "$ 3", "1 234,00"? — keeps digits, sign, point and exponent. */
static char *
normalize_money (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    if (g_ascii_isdigit (*c) || *c == '.' || *c == '-' || *c == '+' || *c == 'e' || *c == 'E')
      g_string_append_c (s, *c);
  return g_string_free (s, FALSE);
}

static char *
normalize_kind (const char *text)
{
  g_autofree char *low = g_utf8_strdown (text, -1);
  SpLedgerKind kind;

  g_strstrip (low);
  if (sp_ledger_kind_from_string (low, &kind))
    return g_strdup (sp_ledger_kind_to_string (kind));
  if (strstr (low, "gpu") || strstr (low, "显卡") || strstr (low, "卡时"))
    return g_strdup ("gpu");
  if (strstr (low, "cpu") || strstr (low, "核时"))
    return g_strdup ("cpu");
  if (strstr (low, "token") || strstr (low, "词元") || strstr (low, "模型"))
    return g_strdup ("tokens");
  return g_strdup ("other");
}

static char *
normalize_currency (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (g_str_equal (copy, "人民币") || g_str_equal (copy, "元") ||
      g_ascii_strcasecmp (copy, "RMB") == 0 || g_str_equal (copy, "¥") || g_str_equal (copy, "￥"))
    return g_strdup ("CNY");
  if (g_str_equal (copy, "美元") || g_str_equal (copy, "$"))
    return g_strdup ("USD");
  return g_steal_pointer (&copy);
}

static char *
convert_value (const char *column,
               const char *text)
{
  if (text == NULL)
    return NULL;
  if (g_str_equal (column, "date"))
    return normalize_date (text);
  if (g_str_equal (column, "kind"))
    return normalize_kind (text);
  if (g_str_equal (column, "currency"))
    return normalize_currency (text);
  if (g_str_equal (column, "quantity") || g_str_equal (column, "amount") ||
      g_str_equal (column, "list_amount") || g_str_equal (column, "platform_discount") ||
      g_str_equal (column, "subsidy") || g_str_equal (column, "prepaid"))
    return normalize_money (text);
  return g_strstrip (g_strdup (text));
}

/* Rewrites the records in the documented columns (self->csv, line_map). */
void
sp_csv_import_window_convert (SpCsvImportWindow *self)
{
  int map[N_TARGETS];
  const char *fixed[N_TARGETS];
  guint n_out = 0, k = 0;

  g_string_truncate (self->csv, 0);
  g_array_set_size (self->line_map, 0);
  for (guint t = 0; t < N_TARGETS; t++)
    {
      map[t] = (int) adw_combo_row_get_selected (self->combo_rows[t]) - 1;
      fixed[t] = NULL;
      if (map[t] < 0 && self->fixed_rows[t] != NULL)
        fixed[t] = gtk_editable_get_text (GTK_EDITABLE (self->fixed_rows[t]));
      /* required columns are always written, so an empty one is reported */
      if (map[t] >= 0 || fixed[t] != NULL || t <= (guint) sp_csv_import_window_target_index ("category"))
        n_out++;
    }

  for (guint t = 0; t < N_TARGETS; t++)
    if (map[t] >= 0 || fixed[t] != NULL || t <= (guint) sp_csv_import_window_target_index ("category"))
      append_field (self->csv, targets[t].column, ++k == n_out);
  {
    guint line = 1;
    g_array_append_val (self->line_map, line);
  }

  for (guint r = 1; r < self->records->len; r++)
    {
      Record *rec = &g_array_index (self->records, Record, r);
      guint n_fields = g_strv_length (rec->fields);

      k = 0;
      for (guint t = 0; t < N_TARGETS; t++)
        {
          g_autofree char *value = NULL;

          if (map[t] >= 0)
            value = convert_value (targets[t].column,
                                   (guint) map[t] < n_fields ? rec->fields[map[t]] : "");
          else if (fixed[t] != NULL)
            value = convert_value (targets[t].column, fixed[t]);
          else if (t > (guint) sp_csv_import_window_target_index ("category"))
            continue;
          append_field (self->csv, value, ++k == n_out);
        }
      g_array_append_val (self->line_map, rec->line);
    }
}

