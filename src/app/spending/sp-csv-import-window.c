/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-import-window.c — import spending from a CSV file
 *
 * The vendor's file is read with a small RFC 4180 reader of its own (the
 * ledger's reader is tied to the documented columns).  The mapping step
 * rewrites each record, one line per record, as a documented-format row;
 * sp_ledger_csv_read() checks the result, and the report's line numbers are
 * translated back to the lines of the original file. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-csv-cell.h"
#include "sp-csv-import-window.h"

#define MAX_PREVIEW 50
#define MAX_ERRORS_SHOWN 200

typedef struct {
  const char *column;     /* documented CSV column */
  const char *label;      /* translatable */
  const char *synonyms;   /* '|'-separated header names (lower case) */
  gboolean    fixed;      /* may take a fixed value */
} Target;

static const Target targets[] = {
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

#define N_TARGETS G_N_ELEMENTS (targets)

typedef struct {
  guint   line;     /* physical line the record starts on */
  char  **fields;
} Record;

struct _SpCsvImportWindow
{
  AdwWindow          parent_instance;

  /* template widgets */
  GtkStack          *stack;
  GtkButton         *back_button;
  GtkButton         *next_button;
  GtkButton         *import_button;
  AdwPreferencesGroup *mapping_group;
  AdwPreferencesGroup *defaults_group;
  GtkLabel          *summary_label;
  GtkCheckButton    *restore_check;
  GtkListBox        *error_list;
  GtkLabel          *preview_label;
  GtkListBox        *preview_list;

  /* owned */
  SpLedger          *ledger;
  GArray            *records;       /* of Record; the header is records[0] */
  GStrv              source_columns;
  AdwComboRow       *combo_rows[N_TARGETS];
  AdwEntryRow       *fixed_rows[N_TARGETS];
  GString           *csv;           /* documented format */
  GArray            *line_map;      /* csv line - 1 → original line */
  SpLedgerCsvReport *report;
  SpLedgerImportResult would;       /* a dry run of the import (restore: of the restore) */
  gboolean           documented;
};

G_DEFINE_FINAL_TYPE (SpCsvImportWindow, sp_csv_import_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- helpers */

static void
record_clear (gpointer data)
{
  Record *r = data;

  g_strfreev (r->fields);
}

/* RFC 4180: quoted fields, "" escapes, CRLF/LF/CR.  Lenient: a stray quote
 * inside an unquoted field is kept as text. */
static GArray *
parse_csv (const char *data,
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
static gboolean
header_is_documented (char **header)
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

static int
target_index (const char *column)
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

static void
clear_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
build_mapping_rows (SpCsvImportWindow *self)
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
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[target_index ("kind")]), "other");
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[target_index ("quantity")]), "1");
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[target_index ("unit")]), _("bill"));
  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[target_index ("currency")]), "CNY");
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
static void
convert (SpCsvImportWindow *self)
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
      if (map[t] >= 0 || fixed[t] != NULL || t <= (guint) target_index ("category"))
        n_out++;
    }

  for (guint t = 0; t < N_TARGETS; t++)
    if (map[t] >= 0 || fixed[t] != NULL || t <= (guint) target_index ("category"))
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
          else if (t > (guint) target_index ("category"))
            continue;
          append_field (self->csv, value, ++k == n_out);
        }
      g_array_append_val (self->line_map, rec->line);
    }
}

static guint
original_line (SpCsvImportWindow *self,
               guint              line)
{
  if (self->documented || line == 0 || line > self->line_map->len)
    return line;
  return g_array_index (self->line_map, guint, line - 1);
}

static GtkWidget *
preview_row (const SpLedgerEntry *e)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *paid = sp_money_to_string (e->paid, 2);
  g_autofree char *subsidy = sp_money_to_string (e->subsidy, 2);
  g_autofree char *title = g_strdup_printf ("%s · %s · %s", e->date, e->vendor ? e->vendor : "",
                                            e->item ? e->item : "");
  g_autofree char *subtitle = NULL;

  if (e->subsidy != 0 && e->subsidy != SP_MONEY_UNKNOWN)
    /* Translators: a row of the import preview: "12.50 CNY paid, 3.00 subsidy" */
    subtitle = g_strdup_printf (_("%s %s paid, %s subsidy"), paid, e->currency, subsidy);
  else
    subtitle = g_strdup_printf (_("%s %s paid"), paid, e->currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
check_rows (SpCsvImportWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->report, sp_ledger_csv_report_free);
  if (!sp_ledger_csv_read (self->csv->str, self->csv->len, MAX_PREVIEW, NULL, NULL,
                           &self->report, &error))
    g_warning ("Could not check the rows: %s", error->message);
  for (guint i = 0; self->report != NULL && i < self->report->errors->len; i++)
    {
      SpLedgerCsvError *e = g_ptr_array_index (self->report->errors, i);
      e->line = original_line (self, e->line);
    }

  clear_rows (self->error_list);
  clear_rows (self->preview_list);
  if (self->report == NULL)
    return;

  if (self->report->n_errors > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u problem: nothing will be imported until it is fixed in the file.",
                                            "%u problems: nothing will be imported until they are fixed in the file.",
                                            self->report->n_errors),
                               self->report->n_errors);
  else if (self->report->n_rows == 0)
    summary = g_strdup (_("The file has no rows to import."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u entry is ready to import.",
                                            "%u entries are ready to import.",
                                            self->report->n_rows),
                               self->report->n_rows);
  /* what the import would do: rows already in the ledger are skipped */
  memset (&self->would, 0, sizeof self->would);
  if (self->report->n_errors == 0 && self->report->n_rows > 0)
    {
      g_autoptr(GError) dry_error = NULL;
      SpLedgerImportFlags flags = SP_LEDGER_IMPORT_DRY_RUN;

      if (gtk_check_button_get_active (self->restore_check))
        flags |= SP_LEDGER_IMPORT_REPLACE;
      if (!sp_ledger_import_csv_full (self->ledger, self->csv->str, self->csv->len, flags, NULL,
                                      &self->would, &dry_error))
        {
          g_free (summary);
          summary = g_strdup (dry_error->message);
        }
      else if ((flags & SP_LEDGER_IMPORT_REPLACE) != 0)
        {
          g_free (summary);
          /* Translators: "the 12 entries of the ledger are replaced by the 10 of the file" */
          summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Restore: the %u entry of the ledger is replaced by the %u of the file.",
                                                  "Restore: the %u entries of the ledger are replaced by the %u of the file.",
                                                  self->would.n_replaced),
                                     self->would.n_replaced, self->would.n_added);
        }
      else if (self->would.n_added == 0)
        {
          g_free (summary);
          summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The %u entry is already in the ledger: nothing to import.",
                                                  "All %u entries are already in the ledger: nothing to import.",
                                                  self->would.n_present),
                                     self->would.n_present);
        }
      else if (self->would.n_present > 0)
        {
          g_autofree char *ready = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u entry is ready to import",
                                                                 "%u entries are ready to import",
                                                                 self->would.n_added),
                                                    self->would.n_added);

          g_free (summary);
          /* Translators: "3 entries are ready to import; 5 already present (skipped)." */
          summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%s; %u already present (skipped).",
                                                  "%s; %u already present (skipped).",
                                                  self->would.n_present),
                                     ready, self->would.n_present);
        }
    }
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_check), self->documented);
  gtk_button_set_label (self->import_button, gtk_check_button_get_active (self->restore_check)
                                               ? _("_Restore") : _("_Import"));

  for (guint i = 0; i < self->report->errors->len && i < MAX_ERRORS_SHOWN; i++)
    {
      SpLedgerCsvError *e = g_ptr_array_index (self->report->errors, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: where a problem is in the imported file */
      g_autofree char *where = g_strdup_printf (_("Line %u"), e->line);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->reason);
      gtk_list_box_append (self->error_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_list), self->report->errors->len > 0);

  for (guint i = 0; i < self->report->preview->len; i++)
    gtk_list_box_append (self->preview_list,
                         preview_row (g_ptr_array_index (self->report->preview, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), self->report->preview->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), self->report->preview->len > 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            self->report->n_errors == 0 && self->report->n_rows > 0 &&
                            (self->would.n_added > 0 || self->would.n_replaced > 0));
}

static void
show_step (SpCsvImportWindow *self,
           const char        *step)
{
  gboolean preview = g_str_equal (step, "preview");

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !preview);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), preview && !self->documented);
}

/* ------------------------------------------------------------ callbacks */

static void
on_back_clicked (SpCsvImportWindow *self)
{
  show_step (self, "mapping");
}

static void
on_next_clicked (SpCsvImportWindow *self)
{
  sp_csv_import_window_show_preview (self);
}

static void
on_restore_toggled (SpCsvImportWindow *self)
{
  if (self->report != NULL)
    check_rows (self);
}

static void
import_now (SpCsvImportWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (sp_csv_import_window_import (self, &error) == 0 && error != NULL)
    gtk_label_set_text (self->summary_label, error->message);
}

static void
on_restore_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     SpCsvImportWindow *self)
{
  if (g_str_equal (response, "restore"))
    import_now (self);
}

static void
on_import_clicked (SpCsvImportWindow *self)
{
  GtkWidget *dialog;

  if (!gtk_check_button_get_active (self->restore_check))
    {
      import_now (self);
      return;
    }
  /* a restore replaces the whole ledger: confirm first */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               gtk_label_get_text (self->summary_label));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ overrides */

static void
sp_csv_import_window_dispose (GObject *object)
{
  SpCsvImportWindow *self = SP_CSV_IMPORT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_CSV_IMPORT_WINDOW);
  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (sp_csv_import_window_parent_class)->dispose (object);
}

static void
sp_csv_import_window_finalize (GObject *object)
{
  SpCsvImportWindow *self = SP_CSV_IMPORT_WINDOW (object);

  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->source_columns, g_strfreev);
  g_string_free (self->csv, TRUE);
  g_clear_pointer (&self->line_map, g_array_unref);
  g_clear_pointer (&self->report, sp_ledger_csv_report_free);

  G_OBJECT_CLASS (sp_csv_import_window_parent_class)->finalize (object);
}

static void
sp_csv_import_window_class_init (SpCsvImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_csv_import_window_dispose;
  object_class->finalize = sp_csv_import_window_finalize;

  /**
   * SpCsvImportWindow::imported:
   * @n: how many entries were added
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-csv-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, defaults_group);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, restore_check);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, error_list);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, SpCsvImportWindow, preview_list);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_toggled);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_csv_import_window_init (SpCsvImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->csv = g_string_new (NULL);
  self->line_map = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ----------------------------------------------------------- public API */

SpCsvImportWindow *
sp_csv_import_window_new (SpLedger *ledger)
{
  SpCsvImportWindow *self;

  g_return_val_if_fail (SP_IS_LEDGER (ledger), NULL);

  self = g_object_new (SP_TYPE_CSV_IMPORT_WINDOW, NULL);
  self->ledger = g_object_ref (ledger);
  return self;
}

gboolean
sp_csv_import_window_load (SpCsvImportWindow  *self,
                           const char         *data,
                           gsize               len,
                           GError            **error)
{
  g_autofree char *converted = NULL;
  Record *header;

  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), FALSE);
  g_return_val_if_fail (self->records == NULL, FALSE);

  if (!g_utf8_validate (data, len, NULL))
    {
      gsize out_len = 0;

      converted = g_convert (data, len, "UTF-8", "GB18030", NULL, &out_len, NULL);
      if (converted == NULL)
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV,
                       _("The file is neither UTF-8 nor GB18030 text"));
          return FALSE;
        }
      data = converted;
      len = out_len;
    }

  self->records = parse_csv (data, len);
  if (self->records->len == 0)
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV,
                   _("The file is empty (it needs a header line)"));
      return FALSE;
    }
  header = &g_array_index (self->records, Record, 0);
  self->source_columns = g_strdupv (header->fields);
  self->documented = header_is_documented (header->fields);

  if (self->documented)
    {
      g_string_assign (self->csv, "");
      g_string_append_len (self->csv, data, (gssize) len);
      check_rows (self);
      show_step (self, "preview");
    }
  else
    {
      build_mapping_rows (self);
      show_step (self, "mapping");
    }
  return TRUE;
}

const char *
sp_csv_import_window_get_step (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char * const *
sp_csv_import_window_get_source_columns (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return (const char * const *) self->source_columns;
}

int
sp_csv_import_window_get_mapping (SpCsvImportWindow *self,
                                  const char        *column)
{
  int t = target_index (column);

  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), -1);
  g_return_val_if_fail (t >= 0, -1);

  if (self->combo_rows[t] == NULL)
    return -1;
  return (int) adw_combo_row_get_selected (self->combo_rows[t]) - 1;
}

void
sp_csv_import_window_set_mapping (SpCsvImportWindow *self,
                                  const char        *column,
                                  int                source)
{
  int t = target_index (column);

  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (t >= 0 && self->combo_rows[t] != NULL);
  g_return_if_fail (source < (int) g_strv_length (self->source_columns));

  adw_combo_row_set_selected (self->combo_rows[t], (guint) (MAX (source, -1) + 1));
}

void
sp_csv_import_window_set_fixed (SpCsvImportWindow *self,
                                const char        *column,
                                const char        *value)
{
  int t = target_index (column);

  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (t >= 0 && self->fixed_rows[t] != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->fixed_rows[t]), value ? value : "");
}

void
sp_csv_import_window_show_preview (SpCsvImportWindow *self)
{
  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (self->records != NULL);

  if (!self->documented)
    convert (self);
  check_rows (self);
  show_step (self, "preview");
}

const SpLedgerCsvReport *
sp_csv_import_window_get_report (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return self->report;
}

const char *
sp_csv_import_window_get_csv (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return self->csv->str;
}

guint
sp_csv_import_window_import (SpCsvImportWindow  *self,
                             GError            **error)
{
  g_autoptr(SpLedgerCsvReport) report = NULL;
  SpLedgerImportResult result = { 0 };
  guint n = 0;

  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), 0);

  if (self->report == NULL)
    sp_csv_import_window_show_preview (self);
  if (self->report->n_errors > 0 || self->report->n_rows == 0 ||
      (self->would.n_added == 0 && self->would.n_replaced == 0))
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_CSV,
                           gtk_label_get_text (self->summary_label));
      return 0;
    }
  if (!sp_ledger_import_csv_full (self->ledger, self->csv->str, self->csv->len,
                                  gtk_check_button_get_active (self->restore_check)
                                    ? SP_LEDGER_IMPORT_REPLACE : SP_LEDGER_IMPORT_NONE,
                                  &report, &result, error))
    return 0;
  n = result.n_added;
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, n);
  gtk_window_close (GTK_WINDOW (self));
  return n;
}

void
sp_csv_import_window_set_restore (SpCsvImportWindow *self,
                                  gboolean           restore)
{
  g_return_if_fail (SP_IS_CSV_IMPORT_WINDOW (self));
  g_return_if_fail (!restore || self->documented);

  gtk_check_button_set_active (self->restore_check, restore);
}

const SpLedgerImportResult *
sp_csv_import_window_get_would (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return &self->would;
}

const char *
sp_csv_import_window_get_summary (SpCsvImportWindow *self)
{
  g_return_val_if_fail (SP_IS_CSV_IMPORT_WINDOW (self), NULL);
  return gtk_label_get_text (self->summary_label);
}
