/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-ledger.c — suanpan-cli ledger: the group, and add, edit, delete,
 * undo and list (import and export: sp-cli-ledger-csv.c; monthly and
 * budget: sp-cli-ledger-report.c; reprice: sp-cli-reprice.c)
 *
 * A stable interface for scripts (see README.md and docs/ledger-csv.md):
 * amounts in JSON are decimal strings, never numbers. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli-ledger-private.h"
#include "sp-labels.h"
#include "sp-ledger.h"
#include "sp-reprice.h"

typedef struct {
  char     *date;
  char     *vendor;
  char     *item;
  char     *kind;
  char     *quantity;
  char     *unit;
  char     *amount;
  char     *currency;
  char     *list_amount;
  char     *platform_discount;
  char     *subsidy;
  char     *prepaid;
  char     *rate;
  char     *rate_date;
  char     *category;
  char     *fapiao;
  char     *fapiao_number;
  char     *offer_source;
  char     *offer_id;
  char     *note;
  char     *group;
  gboolean  refund;
  gboolean  json;
} EntryOptions;

/* ------------------------------------------------------------------ helpers */

static void
entry_options_clear (EntryOptions *o)
{
  g_free (o->date);
  g_free (o->vendor);
  g_free (o->item);
  g_free (o->kind);
  g_free (o->quantity);
  g_free (o->unit);
  g_free (o->amount);
  g_free (o->currency);
  g_free (o->list_amount);
  g_free (o->platform_discount);
  g_free (o->subsidy);
  g_free (o->prepaid);
  g_free (o->rate);
  g_free (o->rate_date);
  g_free (o->category);
  g_free (o->fapiao);
  g_free (o->fapiao_number);
  g_free (o->offer_source);
  g_free (o->offer_id);
  g_free (o->note);
  g_free (o->group);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryOptions, entry_options_clear)

SpLedger *
sp_cli_ledger_open (SpCliGlobals *globals)
{
  g_autofree char *path = sp_store_default_path (globals->data_dir);
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  g_autoptr(GError) error = NULL;
  SpLedger *ledger = sp_ledger_open (path, &error);

  if (ledger == NULL)
    sp_cli_fail ("%s", error->message);
  else
    sp_ledger_set_default_rate (ledger, sp_price_context_get_usd_cny (ctx), NULL);
  return ledger;
}

static void
add_entry_json (JsonBuilder         *b,
                const SpLedgerEntry *e)
{
  json_builder_begin_object (b);
  sp_json_set_int (b, "id", e->id);
  sp_json_set_string (b, "date", e->date);
  sp_json_set_string (b, "vendor", e->vendor);
  sp_json_set_string (b, "item", e->item);
  sp_json_set_string (b, "kind", sp_ledger_kind_to_string (e->kind));
  sp_json_set_money (b, "quantity", e->quantity, 0);
  sp_json_set_string (b, "unit", e->unit);
  sp_json_set_money (b, "amount", e->paid, 2);
  sp_json_set_string (b, "currency", e->currency);
  sp_json_set_money (b, "list_amount", e->list_amount, 2);
  sp_json_set_money (b, "platform_discount", e->platform_discount, 2);
  sp_json_set_money (b, "subsidy", e->subsidy, 2);
  sp_json_set_money (b, "prepaid", e->prepaid, 2);
  sp_json_set_money (b, "rate_usd_cny", e->rate_usd_cny, 0);
  sp_json_set_string (b, "rate_date", e->rate_date[0] != '\0' ? e->rate_date : NULL);
  sp_json_set_string (b, "category", e->category != NULL ? e->category : "");
  sp_json_set_string (b, "fapiao", sp_ledger_fapiao_to_string (e->fapiao));
  sp_json_set_string (b, "fapiao_number", e->fapiao_number);
  sp_json_set_bool (b, "refund", e->refund);
  sp_json_set_string (b, "offer_source", e->offer_source);
  sp_json_set_string (b, "offer_id", e->offer_id);
  sp_json_set_string (b, "note", e->note != NULL ? e->note : "");
  /* set when the entry was recorded by a purchase (suanpan-cli buy) */
  json_builder_set_member_name (b, "purchase_id");
  if (e->purchase_id > 0)
    json_builder_add_int_value (b, e->purchase_id);
  else
    json_builder_add_null_value (b);
  sp_json_set_money (b, "reimbursed_later", e->reimbursed_later, 2);
  /* the entry's stable identity, the CSV column entry_id (null in a preview) */
  sp_json_set_string (b, "entry_id", e->uid);
  json_builder_end_object (b);
}

/* Parses a money option into @out; FALSE with @error naming the option. */
static gboolean
parse_money_option (const char  *option,
                    const char  *text,
                    SpMoney     *out,
                    GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (text == NULL)
    return TRUE;
  if (!sp_money_parse (text, out, &local))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID, "--%s: %s",
                   option, local->message);
      return FALSE;
    }
  return TRUE;
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Applies the given options to @e (for add: a fresh entry; for edit: the
 * stored one).  FALSE with a one-line @error. */
static gboolean
apply_entry_options (const EntryOptions  *o,
                     SpLedgerEntry       *e,
                     gboolean             editing,
                     GError             **error)
{
  gboolean amounts_changed = o->amount != NULL || o->subsidy != NULL || o->prepaid != NULL ||
                             o->list_amount != NULL || o->platform_discount != NULL;

  if (o->date != NULL)
    {
      if (!sp_ledger_date_valid (o->date))
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("--date: “%s” is not a date (YYYY-MM-DD)"), o->date);
          return FALSE;
        }
      g_strlcpy (e->date, o->date, sizeof e->date);
    }
  if (o->kind != NULL && !sp_ledger_kind_from_string (o->kind, &e->kind))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("--kind: unknown kind “%s” (use gpu, cpu, tokens or other)"), o->kind);
      return FALSE;
    }
  if (o->currency != NULL && !sp_ledger_currency_parse (o->currency, e->currency))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("--currency: “%s” is not a three-letter currency code"), o->currency);
      return FALSE;
    }
  if (o->rate_date != NULL)
    {
      if (!sp_ledger_date_valid (o->rate_date))
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("--rate-date: “%s” is not a date (YYYY-MM-DD)"), o->rate_date);
          return FALSE;
        }
      g_strlcpy (e->rate_date, o->rate_date, sizeof e->rate_date);
    }
  if (o->fapiao != NULL && !sp_ledger_fapiao_from_string (o->fapiao, &e->fapiao))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("--fapiao: unknown status “%s” (use none, requested, ordinary or special)"),
                   o->fapiao);
      return FALSE;
    }

  /* when editing amounts, what was not given is derived again: the list
   * amount from the parts, or the platform discount from a new list amount */
  if (editing && amounts_changed)
    {
      if (o->list_amount == NULL)
        e->list_amount = SP_MONEY_UNKNOWN;
      else if (o->platform_discount == NULL)
        e->platform_discount = SP_MONEY_UNKNOWN;
    }
  if (!parse_money_option ("quantity", o->quantity, &e->quantity, error) ||
      !parse_money_option ("amount", o->amount, &e->paid, error) ||
      !parse_money_option ("list-amount", o->list_amount, &e->list_amount, error) ||
      !parse_money_option ("platform-discount", o->platform_discount, &e->platform_discount, error) ||
      !parse_money_option ("subsidy", o->subsidy, &e->subsidy, error) ||
      !parse_money_option ("prepaid", o->prepaid, &e->prepaid, error) ||
      !parse_money_option ("rate", o->rate, &e->rate_usd_cny, error))
    return FALSE;

  replace_string (&e->vendor, o->vendor);
  replace_string (&e->item, o->item);
  replace_string (&e->unit, o->unit);
  replace_string (&e->category, o->category);
  replace_string (&e->fapiao_number, o->fapiao_number);
  replace_string (&e->offer_source, o->offer_source);
  replace_string (&e->offer_id, o->offer_id);
  replace_string (&e->note, o->note);
  if (o->refund)
    e->refund = TRUE;
  return TRUE;
}

static gboolean
parse_id (const char *text,
          gint64     *out)
{
  guint64 v;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

/* Entries as a text table: translated labels for kinds, units and
 * categories, columns aligned by display width (sp_cli_table_print()). */
void
sp_cli_ledger_print_entries (GPtrArray *entries)
{
  g_autoptr(SpCliTable) table = sp_cli_table_new ("rllllrlrll");

  sp_cli_table_add (table, _("ID"), _("Date"), _("Vendor"), _("Item"), _("Kind"), _("Quantity"),
                    _("Unit"), _("Paid"), _("Cur"), _("Category"));
  for (guint i = 0; i < entries->len; i++)
    {
      SpLedgerEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
      g_autofree char *qty = sp_money_to_string (e->quantity, 0);
      g_autofree char *paid = sp_money_to_string (e->paid, 2);

      sp_cli_table_add (table, id, e->date, e->vendor, e->item, sp_ledger_kind_label (e->kind),
                        qty, sp_label_unit (e->unit), paid, e->currency,
                        e->category != NULL ? sp_label_category (e->category) : "");
    }
  sp_cli_table_print (table);
}

/* ------------------------------------------------------------------ commands */

#define ENTRY_OPTION_ENTRIES(o)                                                                   \
    { "date", 0, 0, G_OPTION_ARG_STRING, &(o).date, N_("Date of the purchase (YYYY-MM-DD)"), N_("DATE") }, \
    { "vendor", 0, 0, G_OPTION_ARG_STRING, &(o).vendor, N_("Vendor"), N_("VENDOR") },              \
    { "item", 0, 0, G_OPTION_ARG_STRING, &(o).item, N_("What was bought"), N_("ITEM") },            \
    { "kind", 0, 0, G_OPTION_ARG_STRING, &(o).kind, N_("gpu, cpu, tokens or other"), N_("KIND") },   \
    { "quantity", 0, 0, G_OPTION_ARG_STRING, &(o).quantity, N_("Quantity, in UNIT"), N_("Q") },    \
    { "unit", 0, 0, G_OPTION_ARG_STRING, &(o).unit, N_("Unit of the quantity (card-hour, 1M tokens…)"), N_("UNIT") }, \
    { "amount", 0, 0, G_OPTION_ARG_STRING, &(o).amount, N_("Amount paid"), N_("AMOUNT") },         \
    { "currency", 0, 0, G_OPTION_ARG_STRING, &(o).currency, N_("Currency of the amounts (CNY, USD…)"), N_("CODE") }, \
    { "subsidy", 0, 0, G_OPTION_ARG_STRING, &(o).subsidy, N_("Government subsidy (compute voucher) used"), N_("AMOUNT") }, \
    { "list-amount", 0, 0, G_OPTION_ARG_STRING, &(o).list_amount, N_("List price of the purchase"), N_("AMOUNT") }, \
    { "platform-discount", 0, 0, G_OPTION_ARG_STRING, &(o).platform_discount, N_("Vendor's own discount"), N_("AMOUNT") }, \
    { "prepaid", 0, 0, G_OPTION_ARG_STRING, &(o).prepaid, N_("Prepaid credit used"), N_("AMOUNT") }, \
    { "rate", 0, 0, G_OPTION_ARG_STRING, &(o).rate, N_("Exchange rate used: yuan per US dollar"), N_("RATE") }, \
    { "rate-date", 0, 0, G_OPTION_ARG_STRING, &(o).rate_date, N_("Date of that exchange rate"), N_("DATE") }, \
    { "category", 0, 0, G_OPTION_ARG_STRING, &(o).category, N_("Project or category"), N_("NAME") }, \
    { "fapiao", 0, 0, G_OPTION_ARG_STRING, &(o).fapiao, N_("Fapiao status: none, requested, ordinary or special"), N_("STATUS") }, \
    { "fapiao-number", 0, 0, G_OPTION_ARG_STRING, &(o).fapiao_number, N_("Fapiao number"), N_("NUMBER") }, \
    { "offer-source", 0, 0, G_OPTION_ARG_STRING, &(o).offer_source, N_("Source of the offer bought"), N_("NAME") }, \
    { "offer-id", 0, 0, G_OPTION_ARG_STRING, &(o).offer_id, N_("Id of the offer bought"), N_("ID") }, \
    { "note", 0, 0, G_OPTION_ARG_STRING, &(o).note, N_("Note"), N_("TEXT") },                      \
    { "group", 0, 0, G_OPTION_ARG_STRING, &(o).group, N_("Equivalence group of this vendor and item, for ledger reprice (\"\" removes it)"), N_("GROUP") }, \
    { "refund", 0, 0, G_OPTION_ARG_NONE, &(o).refund, N_("A refund (amounts zero or negative)"), NULL }, \
    { "json", 0, 0, G_OPTION_ARG_NONE, &(o).json, N_("Print the entry as JSON"), NULL }

static int
print_entry_result (const EntryOptions  *o,
                    const SpLedgerEntry *e,
                    const char          *done_message)
{
  if (o->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      add_entry_json (b, e);
      sp_cli_print_builder (b);
    }
  else
    g_print ("%s\n", done_message);
  return 0;
}

static int
ledger_add (SpCliGlobals  *globals,
            int            argc,
            char         **argv)
{
  g_auto(EntryOptions) o = { 0 };
  const GOptionEntry entries[] = { ENTRY_OPTION_ENTRIES (o), { NULL } };
  const struct { const char *name; char **value; } required[] = {
    { "--date", &o.date }, { "--vendor", &o.vendor }, { "--item", &o.item },
    { "--kind", &o.kind }, { "--quantity", &o.quantity }, { "--unit", &o.unit },
    { "--amount", &o.amount }, { "--currency", &o.currency },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autofree char *done = NULL;
  g_autofree char *id_text = NULL;

  if (!sp_cli_parse_options_only (_("add — record a purchase"), entries, &argc, &argv))
    return 1;
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    if (*required[i].value == NULL)
      return sp_cli_fail (_("ledger add needs %s (see suanpan-cli ledger add --help)"),
                          required[i].name);
  if (!apply_entry_options (&o, e, FALSE, &error))
    return sp_cli_fail ("%s", error->message);
  if (!sp_reprice_group_valid (o.group))
    return sp_cli_fail (_("--group: “%s” is not a group (such as gpu:H100 SXM:80)"), o.group);

  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  if (sp_ledger_add (ledger, e, &error) == 0)
    return sp_cli_fail ("%s", error->message);
  if (o.group != NULL && !sp_reprice_set_group (ledger, e->vendor, e->item, o.group, &error))
    return sp_cli_fail ("%s", error->message);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
  done = g_strdup_printf (_("Added entry %s"), id_text);
  return print_entry_result (&o, e, done);
}

static int
ledger_edit (SpCliGlobals  *globals,
             int            argc,
             char         **argv)
{
  g_auto(EntryOptions) o = { 0 };
  const GOptionEntry entries[] = { ENTRY_OPTION_ENTRIES (o), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpLedgerEntry) e = NULL;
  g_autofree char *done = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;

  if (!sp_cli_parse_options (_("edit ID — change a recorded purchase"), entries, &argc, &argv))
    return 1;
  if (argc != 2 || !parse_id (argv[1], &id))
    return sp_cli_fail ("%s", _("ledger edit needs one entry ID (see suanpan-cli ledger list)"));

  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  e = sp_ledger_get (ledger, id, &error);
  if (e == NULL)
    return sp_cli_fail ("%s", error->message);
  if (!sp_reprice_group_valid (o.group))
    return sp_cli_fail (_("--group: “%s” is not a group (such as gpu:H100 SXM:80)"), o.group);
  if (!apply_entry_options (&o, e, TRUE, &error) ||
      !sp_ledger_update (ledger, e, &error))
    return sp_cli_fail ("%s", error->message);
  if (o.group != NULL && !sp_reprice_set_group (ledger, e->vendor, e->item, o.group, &error))
    return sp_cli_fail ("%s", error->message);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
  done = g_strdup_printf (_("Changed entry %s"), id_text);
  return print_entry_result (&o, e, done);
}

static int
ledger_delete (SpCliGlobals  *globals,
               int            argc,
               char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;

  if (!sp_cli_parse_options (_("delete ID — delete a purchase (ledger undo brings it back)"),
                             NULL, &argc, &argv))
    return 1;
  if (argc != 2 || !parse_id (argv[1], &id))
    return sp_cli_fail ("%s", _("ledger delete needs one entry ID (see suanpan-cli ledger list)"));
  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  if (!sp_ledger_delete (ledger, id, &error))
    return sp_cli_fail ("%s", error->message);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_print (_("Deleted entry %s (undo: suanpan-cli ledger undo)"), id_text);
  g_print ("\n");
  return 0;
}

static int
ledger_undo (SpCliGlobals  *globals,
             int            argc,
             char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = 0;

  if (!sp_cli_parse_options (_("undo [ID] — bring back the last deleted purchase (or ID)"),
                             NULL, &argc, &argv))
    return 1;
  if (argc > 2 || (argc == 2 && !parse_id (argv[1], &id)))
    return sp_cli_fail ("%s", _("ledger undo takes at most one entry ID"));
  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  id = sp_ledger_undo_delete (ledger, id, &error);
  if (id == 0)
    return sp_cli_fail ("%s", error->message);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_print (_("Restored entry %s"), id_text);
  g_print ("\n");
  return 0;
}

gboolean
sp_cli_ledger_check_month (const char *option,
                           const char *value)
{
  if (value != NULL && !sp_ledger_month_valid (value))
    {
      sp_cli_fail (_("%s: “%s” is not a month (YYYY-MM)"), option, value);
      return FALSE;
    }
  return TRUE;
}

static int
ledger_list (SpCliGlobals  *globals,
             int            argc,
             char         **argv)
{
  g_autofree char *month = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "month", 'm', 0, G_OPTION_ARG_STRING, &month, N_("Only this month"), N_("YYYY-MM") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this month"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Up to this month"), N_("YYYY-MM") },
    SP_CLI_OPTION_JSON (json),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!sp_cli_parse_options_only (_("list — show recorded purchases"), entries, &argc, &argv))
    return 1;
  if (!sp_cli_ledger_check_month ("--month", month) || !sp_cli_ledger_check_month ("--from", from) ||
      !sp_cli_ledger_check_month ("--to", to))
    return 1;
  if (month != NULL && (from != NULL || to != NULL))
    return sp_cli_fail ("%s", _("use either --month or --from/--to"));

  ledger = sp_cli_ledger_open (globals);
  if (ledger == NULL)
    return 1;
  list = sp_ledger_list (ledger, month != NULL ? month : from, month != NULL ? month : to, &error);
  if (list == NULL)
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        add_entry_json (b, g_ptr_array_index (list, i));
      json_builder_end_array (b);
      sp_cli_print_builder (b);
    }
  else
    sp_cli_ledger_print_entries (list);
  return 0;
}

static const SpCliSubcommand ledger_subs[] = {
  { "add", N_("Record a purchase"), ledger_add },
  { "edit", N_("Change a recorded purchase"), ledger_edit },
  { "delete", N_("Delete a purchase (it can be brought back)"), ledger_delete },
  { "undo", N_("Bring back the last deleted purchase"), ledger_undo },
  { "list", N_("Show purchases"), ledger_list },
  { "import", N_("Import purchases from a CSV file (all or nothing)"), sp_cli_ledger_import },
  { "export", N_("Export every purchase to a CSV file"), sp_cli_ledger_export },
  { "monthly", N_("Totals per month, by vendor, category or kind"), sp_cli_ledger_monthly },
  { "budget", N_("Set or show the monthly budget"), sp_cli_ledger_budget },
  { "reprice", N_("What the same usage would cost at today’s best offers"), sp_cli_ledger_reprice },
};

static const SpCliGroup ledger_group = {
  .name = "ledger",
  .usage = N_("Usage: suanpan-cli [--data-dir DIR] ledger COMMAND [OPTIONS…]"),
  .heading = N_("Commands:"),
  .footer = N_("Run “suanpan-cli ledger COMMAND --help” for the options of a command."),
  .unknown = N_("unknown ledger command “%s” (see suanpan-cli ledger --help)"),
  .no_help_word = TRUE,
  .width = 9,
  SP_CLI_GROUP_SUBS (ledger_subs),
};

SP_CLI_DEFINE_GROUP_COMMAND (sp_cli_ledger, ledger_group)
