/* sp-cli.h — what the suanpan-cli commands share.
 *
 * The flags and JSON fields documented in README.md are a stable interface:
 * add to them freely, never rename or drop. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sp-core.h"

G_BEGIN_DECLS

typedef struct {
  char *data_dir;
} SpCliGlobals;

/* Prints "suanpan-cli: MESSAGE" on one line to stderr; returns 1. */
int             sp_cli_fail                 (const char *format, ...) G_GNUC_PRINTF (1, 2);
SpStore        *sp_cli_open_store           (SpCliGlobals *globals, GError **error);
void            sp_cli_print_json           (JsonNode *root);
/* Display currency, exchange rate and token mix from GSettings when the
 * schema is installed, else the defaults. */
SpPriceContext *sp_cli_price_context_new    (void);
/* Parses @argv with @entries (a command's options); on error prints it and
 * returns FALSE. */
gboolean        sp_cli_parse_options        (const char *parameter_string,
                                             const GOptionEntry *entries,
                                             int *argc, char ***argv);

/* Commands: argv[0] is "suanpan-cli COMMAND"; return the exit status. */
int sp_cli_import   (SpCliGlobals *globals, int argc, char **argv);
int sp_cli_offers   (SpCliGlobals *globals, int argc, char **argv);
int sp_cli_sources  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-sources.c */
int sp_cli_refresh  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-sources.c */
int sp_cli_estimate (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-estimate.c */
int sp_cli_ledger   (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-ledger.c */
int sp_cli_voucher  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-voucher.c */
int sp_cli_buy      (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-voucher.c */
int sp_cli_void     (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-voucher.c */

G_END_DECLS
