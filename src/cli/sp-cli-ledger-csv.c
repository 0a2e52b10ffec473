/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-ledger-csv.c — suanpan-cli ledger import and export (the CSV
 * columns are in docs/ledger-csv.md) */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sp-cli-ledger-private.h"

/* Import errors printed before "… and N more". */
#define MAX_PRINTED_ERRORS 50

static void
print_csv_errors (SpLedgerCsvReport *report)
{
  for (guint i = 0; i < report->errors->len && i < MAX_PRINTED_ERRORS; i++)
    {
      SpLedgerCsvError *e = g_ptr_array_index (report->errors, i);

      sp_cli_fail (_("line %u: %s"), e->line, e->reason);
    }
  if (report->n_errors > MAX_PRINTED_ERRORS)
    sp_cli_fail (_("… and %u more problems"), report->n_errors - MAX_PRINTED_ERRORS);
}

/* "Imported 2 entries; 3 already present" and the like, on one line. */
static void
print_import_counts (const SpLedgerImportResult *r,
                     gboolean                    dry_run,
                     gboolean                    replace,
                     gboolean                    json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      sp_json_set_bool (b, "dry_run", dry_run);
      sp_json_set_int (b, "added", r->n_added);
      sp_json_set_int (b, "already_present", r->n_present);
      sp_json_set_int (b, "replaced", r->n_replaced);
      json_builder_set_member_name (b, "first_id");
      if (r->first_id > 0)
        json_builder_add_int_value (b, r->first_id);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      sp_cli_print_builder (b);
      return;
    }
  if (replace)
    g_print (dry_run ? g_dngettext (GETTEXT_PACKAGE,
                                    "Would replace %u entry of the ledger",
                                    "Would replace the %u entries of the ledger", r->n_replaced)
                     : g_dngettext (GETTEXT_PACKAGE,
                                    "Replaced %u entry of the ledger",
                                    "Replaced the %u entries of the ledger", r->n_replaced),
             r->n_replaced);
  if (replace)
    g_print ("\n");
  g_print (dry_run ? g_dngettext (GETTEXT_PACKAGE, "Would import %u entry",
                                  "Would import %u entries", r->n_added)
                   : g_dngettext (GETTEXT_PACKAGE, "Imported %u entry",
                                  "Imported %u entries", r->n_added),
           r->n_added);
  if (r->n_present > 0)
    {
      g_print ("; ");
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u already present", "%u already present",
                            r->n_present),
               r->n_present);
    }
  g_print ("\n");
}

/* The preview of import --dry-run as text: the counts and the first rows. */
static void
print_preview (SpLedgerCsvReport *report)
{
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u valid row", "%u valid rows", report->n_rows),
           report->n_rows);
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems", report->n_errors),
           report->n_errors);
  g_print ("\n");
  if (report->preview->len > 0)
    sp_cli_ledger_print_entries (report->preview);
  if (report->n_rows > report->preview->len)
    g_print (_("… and %u more rows"), report->n_rows - report->preview->len);
  if (report->n_rows > report->preview->len)
    g_print ("\n");
}

/* import --dry-run before the ledger is opened: the rows' problems (on
 * standard error; with the text output, a preview first), and when there is
 * no database yet the counts (every row would be added, and nothing is
 * created).  Returns the exit status, or -1 for the ledger's own dry run. */
static int
dry_run_without_ledger (SpCliGlobals *globals,
                        const char   *data,
                        gsize         len,
                        gboolean      replace,
                        gboolean      json)
{
  g_autoptr(SpLedgerCsvReport) report = NULL;
  g_autofree char *db_path = NULL;
  SpLedgerImportResult result = { 0 };

  sp_ledger_csv_read (data, len, json ? 0 : 10, NULL, NULL, &report, NULL);
  if (!json)
    print_preview (report);
  if (report->n_errors > 0)
    {
      print_csv_errors (report);
      return 1;
    }
  db_path = sp_store_default_path (globals->data_dir);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    return -1;
  result.n_added = report->n_rows;
  print_import_counts (&result, TRUE, replace, json);
  return 0;
}

int
sp_cli_ledger_import (SpCliGlobals  *globals,
                      int            argc,
                      char         **argv)
{
  gboolean dry_run = FALSE;
  gboolean replace = FALSE;
  gboolean yes = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only check the file and show a preview; import nothing"), NULL },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Restore a backup: the file replaces every entry of the ledger (needs --yes)"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Confirm --replace"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the counts as JSON (added, already_present, replaced, first_id, dry_run)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpLedgerCsvReport) report = NULL;
  g_autofree char *data = NULL;
  SpLedgerImportResult result = { 0 };
  SpLedgerImportFlags flags = SP_LEDGER_IMPORT_NONE;
  gsize len = 0;

  if (!sp_cli_parse_options (_("import FILE.csv — import purchases (all or nothing)"),
                             entries, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("ledger import needs exactly one FILE.csv"));
  data = sp_import_read_input (argv[1], SP_IMPORT_MAX_LEDGER_SIZE, &len, &error);
  if (data == NULL)
    return sp_cli_fail ("%s", error->message);
  if (replace)
    flags |= SP_LEDGER_IMPORT_REPLACE;
  /* a restore without --yes only says what it would do */
  if (dry_run || (replace && !yes))
    flags |= SP_LEDGER_IMPORT_DRY_RUN;
  if (dry_run)
    {
      int status = dry_run_without_ledger (globals, data, len, replace, json);

      if (status >= 0)
        return status;
    }

  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  if (!sp_ledger_import_csv_full (ledger, data, len, flags, &report, &result, &error))
    {
      if (report != NULL)
        print_csv_errors (report);
      return sp_cli_fail ("%s", error->message);
    }
  print_import_counts (&result, (flags & SP_LEDGER_IMPORT_DRY_RUN) != 0, replace, json);
  if (replace && !yes && !dry_run)
    return sp_cli_fail ("%s", _("nothing was changed: add --yes to restore this backup"));
  return 0;
}

int
sp_cli_ledger_export (SpCliGlobals  *globals,
                      int            argc,
                      char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autofree char *csv = NULL;
  gsize len = 0;

  if (!sp_cli_parse_options (_("export FILE.csv — write every purchase in the documented columns (“-”: standard output)"),
                             NULL, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("ledger export needs exactly one FILE.csv"));
  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  csv = sp_ledger_export_csv (ledger, &len, &error);
  if (csv == NULL)
    return sp_cli_fail ("%s", error->message);
  if (g_str_equal (argv[1], "-"))
    {
      if (fwrite (csv, 1, len, stdout) != len || fflush (stdout) != 0)
        return sp_cli_fail ("%s", _("cannot write to standard output"));
      return 0;
    }
  if (!g_file_set_contents (argv[1], csv, len, &error))
    return sp_cli_fail ("%s", error->message);
  return 0;
}

