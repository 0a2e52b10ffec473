/* SPDX-License-Identifier: GPL-3.0-or-later */
/* suanpan-cli.c — the command-line front end on the core library.
 *
 * The flags and JSON fields documented in README.md are a stable interface:
 * add to them freely, never rename or drop. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"

/* One line a command; a command group is a function running its own
 * SpCliGroup (sp-cli.h). */
static const SpCliSubcommand commands[] = {
  { "import", N_("Import a catalog file into the local store"), sp_cli_import },
  { "offers", N_("List offers with normalized prices"), sp_cli_offers },
  { "sources", N_("Add, list or remove vendor sources"), sp_cli_sources },
  { "refresh", N_("Fetch the latest catalogs of vendor sources"), sp_cli_refresh },
  { "estimate", N_("Rank offers by monthly cost for a workload"), sp_cli_estimate },
  { "breakeven", N_("Which way of buying a GPU class is cheapest at a monthly volume"), sp_cli_breakeven },
  { "ledger", N_("Record, import, list and total your compute spending"), sp_cli_ledger },
  { "voucher", N_("Add, import and list compute vouchers, discounts and prepaid packs"), sp_cli_voucher },
  { "buy", N_("Record a purchase of an offer, applying vouchers"), sp_cli_buy },
  { "void", N_("Void a recorded purchase and restore its vouchers"), sp_cli_void },
  { "backup", N_("Save a copy of the whole database to a file"), sp_cli_backup },
  { "restore", N_("Replace the whole database with a checked backup"), sp_cli_restore },
  { "watch", N_("Watch offers or groups for price changes"), sp_cli_watch },
  { "changes", N_("Show how the watched prices changed"), sp_cli_changes },
  { "company", N_("Set or show the company profile the subsidy finder uses"), sp_cli_company },
  { "programmes", N_("Compute-voucher programmes, their sources and what you could still claim"), sp_cli_programmes },
};

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: suanpan-cli [--data-dir DIR] COMMAND [OPTIONS…]"));
  g_print ("%s\n", _("Compare compute and token prices from the command line."));
  g_print ("\n%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Options:"));
  g_print ("  --data-dir DIR  %s\n", _("Keep the database in DIR (default: ~/.local/share/suanpan)"));
  g_print ("  --version       %s\n", _("Print the version and exit"));
  g_print ("  -h, --help      %s\n", _("Show this help"));
  g_print ("\n%s\n", _("Run “suanpan-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  SpCliGlobals globals = { 0 };
  int i = 1;
  int status;

  setlocale (LC_ALL, "");
  sp_core_init ();
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--version") || g_str_equal (argv[i], "-V"))
        {
          g_print ("suanpan-cli %s\n", sp_core_get_version ());
          g_free (globals.data_dir);
          return 0;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage ();
          g_free (globals.data_dir);
          return 0;
        }
      else if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        {
          g_free (globals.data_dir);
          globals.data_dir = g_strdup (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--data-dir="))
        {
          g_free (globals.data_dir);
          globals.data_dir = g_strdup (argv[i] + strlen ("--data-dir="));
          i++;
        }
      else
        {
          g_free (globals.data_dir);
          return sp_cli_fail (_("unknown option “%s” (see suanpan-cli --help)"), argv[i]);
        }
    }

  if (i >= argc)
    {
      print_usage ();
      g_free (globals.data_dir);
      return 1;
    }

  /* the command gets its own argv: argv[i] becomes its program name */
  if (!sp_cli_run_subcommand (&globals, NULL, commands, G_N_ELEMENTS (commands),
                              argc - i + 1, argv + i - 1, &status))
    status = sp_cli_fail (_("unknown command “%s” (see suanpan-cli --help)"), argv[i]);
  g_free (globals.data_dir);
  return status;
}
