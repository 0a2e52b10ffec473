/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-ledger-private.h — what the files of suanpan-cli ledger share */
#pragma once

#include "sp-cli.h"
#include "sp-ledger.h"

G_BEGIN_DECLS

/* The ledger in the data folder, or NULL with the error printed
 * (sp-cli-ledger.c). */
SpLedger *sp_cli_ledger_open          (SpCliGlobals *globals);
/* Entries as a text table (sp-cli-ledger.c). */
void      sp_cli_ledger_print_entries (GPtrArray *entries);
/* Whether @value of @option is a month (YYYY-MM) or NULL; else prints the
 * error (sp-cli-ledger.c). */
gboolean  sp_cli_ledger_check_month   (const char *option, const char *value);

/* Subcommands: argv[0] is "suanpan-cli ledger NAME"; return the exit status. */
int sp_cli_ledger_import  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-ledger-csv.c */
int sp_cli_ledger_export  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-ledger-csv.c */
int sp_cli_ledger_monthly (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-ledger-report.c */
int sp_cli_ledger_budget  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-ledger-report.c */

G_END_DECLS
