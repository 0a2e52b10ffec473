/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli.h — what the suanpan-cli commands share.
 *
 * The flags and JSON fields documented in README.md are a stable interface:
 * add to them freely, never rename or drop. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sp-core.h"
#include "sp-json.h"  /* sp_json_set_*(): the members of --json output */

G_BEGIN_DECLS

typedef struct {
  char *data_dir;
} SpCliGlobals;

/* A command or subcommand: argv[0] is its program name; returns the exit status. */
typedef int (*SpCliCommandFunc) (SpCliGlobals *globals, int argc, char **argv);

typedef struct {
  const char       *name;
  const char       *summary; /* N_() */
  SpCliCommandFunc  func;
} SpCliSubcommand;

/* Prints "suanpan-cli: MESSAGE" on one line to stderr; returns 1 (the exit
 * status; a step returning a gboolean says `return !sp_cli_fail (…)`). */
int             sp_cli_fail                 (const char *format, ...) G_GNUC_PRINTF (1, 2);
SpStore        *sp_cli_open_store           (SpCliGlobals *globals, GError **error);
/* The same; on error prints it and returns NULL. */
SpStore        *sp_cli_open_store_or_fail   (SpCliGlobals *globals);
/* For a command that takes no arguments: sp_cli_no_arguments(), then
 * sp_cli_open_store_or_fail(). */
SpStore        *sp_cli_open_store_no_arguments (SpCliGlobals *globals, int argc, char **argv);
/* Opens the store into @store and loads its offers; on error prints it and
 * returns NULL. */
GPtrArray      *sp_cli_load_offers          (SpCliGlobals *globals, SpStore **store);
void            sp_cli_print_json           (JsonNode *root);
/* Prints the root of @b as sp_cli_print_json() does. */
void            sp_cli_print_builder        (JsonBuilder *b);

/* RFC 3339 in UTC ("2026-01-05T08:00:00Z"); NULL for "never" (0 or less)
 * and when out of range. */
char           *sp_cli_format_utc           (gint64 unix_seconds);
/* Local time written with @format (g_date_time_format()); a copy of @never
 * for 0 or less, "?" when out of range. */
char           *sp_cli_format_local         (gint64 unix_seconds, const char *format,
                                             const char *never);
/* The members naming @offer that every offer object starts with: @id_member
 * ("id" or "offer"), "source", "vendor", "vendor_name". */
void            sp_cli_json_offer_head      (JsonBuilder *b, const char *id_member, SpOffer *offer);
/* "group", "suspicious", "suspicious_reason" (from @flags, may be NULL) and
 * "demo" of @offer. */
void            sp_cli_json_offer_warnings  (JsonBuilder *b, SpOffer *offer, const SpOfferFlags *flags);
/* Member @name: a list of @items, each written by @func. */
typedef void (*SpCliJsonFunc) (JsonBuilder *b, gconstpointer item);
void            sp_cli_json_array           (JsonBuilder *b, const char *name, GPtrArray *items,
                                             SpCliJsonFunc func);
/* Display currency, exchange rate and token mix from GSettings when the
 * schema is installed, else the defaults. */
SpPriceContext *sp_cli_price_context_new    (void);
/* The same with the --currency and --usd-cny options (each may be NULL)
 * applied; on a bad value prints the error and returns NULL. */
SpPriceContext *sp_cli_price_context_from_options (const char *currency, const char *usd_cny);
/* The --json option of a command ("Print JSON"), setting the gboolean @flag:
 * an element of its GOptionEntry array. */
#define SP_CLI_OPTION_JSON(flag) \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(flag), N_("Print JSON"), NULL }
/* Parses @argv with @entries (a command's options; NULL: none); on error
 * prints it and returns FALSE. */
gboolean        sp_cli_parse_options        (const char *parameter_string,
                                             const GOptionEntry *entries,
                                             int *argc, char ***argv);
/* When @argc says there are arguments after the command's name, prints
 * "unexpected argument" and returns FALSE. */
gboolean        sp_cli_no_arguments         (int argc, char **argv);
/* sp_cli_parse_options() for a command that takes no argument besides its
 * options: FALSE (the error printed) on a bad option or an argument. */
gboolean        sp_cli_parse_options_only   (const char *parameter_string,
                                             const GOptionEntry *entries,
                                             int *argc, char ***argv);
/* The same for a command whose only option is --json, described by
 * @json_help (N_()). */
gboolean        sp_cli_parse_json_options   (const char *parameter_string,
                                             const char *json_help, gboolean *json,
                                             int *argc, char ***argv);
/* The unit a price of @kind is per, as the JSON and CSV output name it:
 * "card-hour", "core-hour" or "1M input tokens". */
const char     *sp_cli_price_unit           (SpOfferKind kind);
/* Parses @text (YYYY-MM-DD) of @option ("--date") into @out, a Julian day;
 * NULL leaves @out as it is.  On error prints it and returns FALSE. */
gboolean        sp_cli_parse_date_option    (const char *text, const char *option, guint32 *out);
/* Whether @arg asks for help: "--help", "-h" or "help". */
gboolean        sp_cli_is_help_arg          (const char *arg);
/* One line per subcommand: "  NAME SUMMARY", the name padded to @width. */
void            sp_cli_print_subcommands    (const SpCliSubcommand *subs, gsize n_subs, int width);
/* Runs the entry of @subs named argv[1] and sets @status; FALSE when @subs
 * has no such name.  The entry gets argv[1..] with "suanpan-cli GROUP NAME"
 * as its program name and argv[0] ("suanpan-cli NAME" when @group is NULL). */
gboolean        sp_cli_run_subcommand       (SpCliGlobals *globals, const char *group,
                                             const SpCliSubcommand *subs, gsize n_subs,
                                             int argc, char **argv, int *status);

/* A command group ("suanpan-cli voucher add …"): its help and its
 * subcommands.  The texts are N_(). */
typedef struct {
  const char            *name;       /* "voucher" */
  const char            *usage;      /* first help line: "Usage: suanpan-cli voucher …" */
  const char            *heading;    /* NULL: "Subcommands:" */
  const char            *footer;     /* last help line, or NULL */
  const char            *unknown;    /* "unknown voucher subcommand “%s” (see …)" */
  gboolean               no_help_word; /* "help" is not a request for help (ledger) */
  int                    width;      /* the subcommand names are padded to it */
  const SpCliSubcommand *subs;
  gsize                  n_subs;
} SpCliGroup;

/* The .subs and .n_subs of an SpCliGroup: the array @table. */
#define SP_CLI_GROUP_SUBS(table) .subs = (table), .n_subs = G_N_ELEMENTS (table)

/* Defines the command @func running @group (sp_cli_dispatch_group()). */
#define SP_CLI_DEFINE_GROUP_COMMAND(func, group)                      \
  int                                                                 \
  func (SpCliGlobals *globals, int argc, char **argv)                 \
  {                                                                   \
    return sp_cli_dispatch_group (globals, &(group), argc, argv);     \
  }

/* Prints the help of @group to stdout. */
void            sp_cli_print_group_usage    (const SpCliGroup *group);
/* The body of every group command: no subcommand prints the help and
 * returns 1, a help argument prints it and returns 0, a known subcommand
 * runs, an unknown one fails with @group's message. */
int             sp_cli_dispatch_group       (SpCliGlobals *globals, const SpCliGroup *group,
                                             int argc, char **argv);

/* One line (two for a token offer whose both prices moved) of
 * "suanpan-cli changes" for @change (sp-cli-watch.c). */
void            sp_cli_print_price_change   (const SpPriceChange *change);

/* The vendor of @offer as a person reads it: its zh_CN name when the
 * messages are Chinese and the catalog has one, else its name. */
const char     *sp_cli_vendor_name          (SpOffer *offer);

/* Display width of UTF-8 @text in terminal cells: CJK and other wide
 * characters are two cells (g_unichar_iswide), combining marks none. */
guint           sp_cli_text_width           (const char *text);

/* A copy of @text on one line: control characters (newlines) become
 * spaces; "" for NULL. */
char           *sp_cli_one_line             (const char *text);
/* The source named @name; prints the error and returns NULL when unknown. */
SpSource       *sp_cli_get_source           (SpStore *store, const char *name);

/* A text table whose columns are aligned by display width (not bytes), so
 * Chinese text lines up.  @align has one letter per column: 'l' (left) or
 * 'r' (right).  Columns are separated by two spaces; the last column of a
 * line gets no trailing spaces. */
typedef struct _SpCliTable SpCliTable;

SpCliTable     *sp_cli_table_new            (const char *align);
/* Adds one row: exactly as many strings as columns (NULL prints empty). */
void            sp_cli_table_add            (SpCliTable *table, ...);
void            sp_cli_table_print          (SpCliTable *table);
void            sp_cli_table_free           (SpCliTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCliTable, sp_cli_table_free)

/* Commands: argv[0] is "suanpan-cli COMMAND"; return the exit status. */
int sp_cli_import   (SpCliGlobals *globals, int argc, char **argv);
int sp_cli_offers   (SpCliGlobals *globals, int argc, char **argv);
int sp_cli_sources  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-sources.c */
int sp_cli_refresh  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-refresh.c */
int sp_cli_estimate (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-estimate.c */
int sp_cli_breakeven (SpCliGlobals *globals, int argc, char **argv); /* sp-cli-breakeven.c */
int sp_cli_ledger   (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-ledger.c */
int sp_cli_ledger_reprice (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-reprice.c */
int sp_cli_voucher  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-voucher.c */
int sp_cli_buy      (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-buy.c */
int sp_cli_void     (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-buy.c */
int sp_cli_backup   (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-backup.c */
int sp_cli_restore  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-backup.c */
int sp_cli_watch    (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-watch.c */
int sp_cli_changes  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-watch.c */
int sp_cli_company  (SpCliGlobals *globals, int argc, char **argv);  /* sp-cli-company.c */
int sp_cli_programmes (SpCliGlobals *globals, int argc, char **argv); /* sp-cli-programmes.c */

G_END_DECLS
