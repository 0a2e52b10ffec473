/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-ledger.c — suanpan-cli ledger: add, edit, delete, undo, list,
 * import, export, monthly and budget
 *
 * A stable interface for scripts (see README.md and docs/ledger-csv.md):
 * amounts in JSON are decimal strings, never numbers. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-labels.h"
#include "sp-ledger.h"
#include "sp-reprice.h"

/* Import errors printed before "… and N more". */
#define MAX_PRINTED_ERRORS 50

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

static SpLedger *
open_ledger (SpCliGlobals  *globals,
             GError       **error)
{
  g_autofree char *path = sp_store_default_path (globals->data_dir);
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  SpLedger *ledger = sp_ledger_open (path, error);

  if (ledger != NULL)
    sp_ledger_set_default_rate (ledger, sp_price_context_get_usd_cny (ctx), NULL);
  return ledger;
}

static void
add_entry_json (JsonBuilder         *b,
                const SpLedgerEntry *e)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, e->id);
  sp_cli_json_string (b, "date", e->date);
  sp_cli_json_string (b, "vendor", e->vendor);
  sp_cli_json_string (b, "item", e->item);
  sp_cli_json_string (b, "kind", sp_ledger_kind_to_string (e->kind));
  sp_cli_json_money (b, "quantity", e->quantity, 0);
  sp_cli_json_string (b, "unit", e->unit);
  sp_cli_json_money (b, "amount", e->paid, 2);
  sp_cli_json_string (b, "currency", e->currency);
  sp_cli_json_money (b, "list_amount", e->list_amount, 2);
  sp_cli_json_money (b, "platform_discount", e->platform_discount, 2);
  sp_cli_json_money (b, "subsidy", e->subsidy, 2);
  sp_cli_json_money (b, "prepaid", e->prepaid, 2);
  sp_cli_json_money (b, "rate_usd_cny", e->rate_usd_cny, 0);
  sp_cli_json_string (b, "rate_date", e->rate_date[0] != '\0' ? e->rate_date : NULL);
  sp_cli_json_string (b, "category", e->category != NULL ? e->category : "");
  sp_cli_json_string (b, "fapiao", sp_ledger_fapiao_to_string (e->fapiao));
  sp_cli_json_string (b, "fapiao_number", e->fapiao_number);
  json_builder_set_member_name (b, "refund");
  json_builder_add_boolean_value (b, e->refund);
  sp_cli_json_string (b, "offer_source", e->offer_source);
  sp_cli_json_string (b, "offer_id", e->offer_id);
  sp_cli_json_string (b, "note", e->note != NULL ? e->note : "");
  /* set when the entry was recorded by a purchase (suanpan-cli buy) */
  json_builder_set_member_name (b, "purchase_id");
  if (e->purchase_id > 0)
    json_builder_add_int_value (b, e->purchase_id);
  else
    json_builder_add_null_value (b);
  sp_cli_json_money (b, "reimbursed_later", e->reimbursed_later, 2);
  /* the entry's stable identity, the CSV column entry_id (null in a preview) */
  sp_cli_json_string (b, "entry_id", e->uid);
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
/* The key of a monthly row as a person reads it: kinds and the purchase
 * categories of the wallet translated, "total" too; vendors and free-text
 * categories as they are. */
static const char *
monthly_key_label (SpLedgerGroupBy  by,
                   const char      *key)
{
  SpLedgerKind kind;

  if (by == SP_LEDGER_BY_NONE)
    return _("Total");
  if (by == SP_LEDGER_BY_KIND && sp_ledger_kind_from_string (key, &kind))
    return sp_ledger_kind_label (kind);
  if (by == SP_LEDGER_BY_CATEGORY)
    return key == NULL || *key == '\0' ? _("No category") : sp_label_category (key);
  return key;
}

static void
print_entry_table (GPtrArray *entries)
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

  if (!sp_cli_parse_options (_("add — record a purchase"), entries, &argc, &argv))
    return 1;
  if (argc != 1)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[1]);
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    if (*required[i].value == NULL)
      return sp_cli_fail (_("ledger add needs %s (see suanpan-cli ledger add --help)"),
                          required[i].name);
  if (!apply_entry_options (&o, e, FALSE, &error))
    return sp_cli_fail ("%s", error->message);
  if (!sp_reprice_group_valid (o.group))
    return sp_cli_fail (_("--group: “%s” is not a group (such as gpu:H100 SXM:80)"), o.group);

  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
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

  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
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
  ledger = open_ledger (globals, &error);
  if (ledger == NULL || !sp_ledger_delete (ledger, id, &error))
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
  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
  id = sp_ledger_undo_delete (ledger, id, &error);
  if (id == 0)
    return sp_cli_fail ("%s", error->message);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_print (_("Restored entry %s"), id_text);
  g_print ("\n");
  return 0;
}

static gboolean
check_month_option (const char *option,
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
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!sp_cli_parse_options (_("list — show recorded purchases"), entries, &argc, &argv))
    return 1;
  if (argc != 1)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if (!check_month_option ("--month", month) || !check_month_option ("--from", from) ||
      !check_month_option ("--to", to))
    return 1;
  if (month != NULL && (from != NULL || to != NULL))
    return sp_cli_fail ("%s", _("use either --month or --from/--to"));

  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
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
    print_entry_table (list);
  return 0;
}

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
      sp_cli_json_bool (b, "dry_run", dry_run);
      sp_cli_json_int (b, "added", r->n_added);
      sp_cli_json_int (b, "already_present", r->n_present);
      sp_cli_json_int (b, "replaced", r->n_replaced);
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

static int
ledger_import (SpCliGlobals  *globals,
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
  g_autofree char *db_path = NULL;
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

  if (dry_run && json)
    {
      /* the rows' problems, if any, on standard error; the counts as JSON */
      sp_ledger_csv_read (data, len, 0, NULL, NULL, &report, NULL);
      if (report->n_errors > 0)
        {
          print_csv_errors (report);
          return 1;
        }
      g_clear_pointer (&report, sp_ledger_csv_report_free);
      db_path = sp_store_default_path (globals->data_dir);
      if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
        {
          sp_ledger_csv_read (data, len, 0, NULL, NULL, &report, NULL);
          result.n_added = report->n_rows;
          print_import_counts (&result, TRUE, replace, TRUE);
          return 0;
        }
    }
  else if (dry_run)
    {
      sp_ledger_csv_read (data, len, 10, NULL, NULL, &report, NULL);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u valid row", "%u valid rows", report->n_rows),
               report->n_rows);
      g_print (", ");
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems", report->n_errors),
               report->n_errors);
      g_print ("\n");
      if (report->preview->len > 0)
        print_entry_table (report->preview);
      if (report->n_rows > report->preview->len)
        g_print (_("… and %u more rows"), report->n_rows - report->preview->len);
      if (report->n_rows > report->preview->len)
        g_print ("\n");
      if (report->n_errors > 0)
        {
          print_csv_errors (report);
          return 1;
        }
      g_clear_pointer (&report, sp_ledger_csv_report_free);
      /* no database yet: every row would be added (and nothing is created) */
      db_path = sp_store_default_path (globals->data_dir);
      if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
        {
          sp_ledger_csv_read (data, len, 0, NULL, NULL, &report, NULL);
          result.n_added = report->n_rows;
          print_import_counts (&result, TRUE, replace, FALSE);
          return 0;
        }
    }

  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
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

static int
ledger_export (SpCliGlobals  *globals,
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
  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
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

static int
ledger_monthly (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *by_str = NULL;
  g_autofree char *currency = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this month"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Up to this month"), N_("YYYY-MM") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_str, N_("Group by vendor, category or kind"), N_("KEY") },
    { "currency", 'c', 0, G_OPTION_ARG_STRING, &currency, N_("Currency of the totals (default: display currency)"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SpCliTable) table = NULL;
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  SpLedgerGroupBy by = SP_LEDGER_BY_NONE;
  char code[4];
  guint skipped = 0;

  if (!sp_cli_parse_options (_("monthly — totals per month"), entries, &argc, &argv))
    return 1;
  if (argc != 1)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if (!check_month_option ("--from", from) || !check_month_option ("--to", to))
    return 1;
  if (by_str == NULL)
    by = SP_LEDGER_BY_NONE;
  else if (g_str_equal (by_str, "vendor"))
    by = SP_LEDGER_BY_VENDOR;
  else if (g_str_equal (by_str, "category"))
    by = SP_LEDGER_BY_CATEGORY;
  else if (g_str_equal (by_str, "kind"))
    by = SP_LEDGER_BY_KIND;
  else
    return sp_cli_fail (_("--by: unknown key “%s” (use vendor, category or kind)"), by_str);
  if (!sp_ledger_currency_parse (currency != NULL ? currency : sp_price_context_get_currency (ctx),
                                 code))
    return sp_cli_fail (_("--currency: “%s” is not a three-letter currency code"), currency);

  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
  rows = sp_ledger_monthly (ledger, from, to, by, code, &skipped, &error);
  if (rows == NULL)
    return sp_cli_fail ("%s", error->message);
  if (skipped > 0)
    sp_cli_fail (g_dngettext (GETTEXT_PACKAGE,
                              "warning: %u entry in another currency cannot be converted to %s and is left out",
                              "warning: %u entries in other currencies cannot be converted to %s and are left out",
                              skipped),
                 skipped, code);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          SpLedgerMonthlyRow *r = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          sp_cli_json_string (b, "month", r->month);
          sp_cli_json_string (b, "key", r->key);
          sp_cli_json_money (b, "paid", r->paid, 2);
          sp_cli_json_money (b, "subsidy", r->subsidy, 2);
          sp_cli_json_money (b, "list", r->list, 2);
          sp_cli_json_money (b, "reimbursed", r->reimbursed, 2);
          sp_cli_json_string (b, "currency", r->currency);
          json_builder_set_member_name (b, "entries");
          json_builder_add_int_value (b, r->n_entries);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      sp_cli_print_builder (b);
      return 0;
    }

  table = sp_cli_table_new ("llrrrl");
  sp_cli_table_add (table, _("Month"), _("Key"), _("Paid"), _("Subsidy"), _("List"),
                    _("Currency"));
  for (guint i = 0; i < rows->len; i++)
    {
      SpLedgerMonthlyRow *r = g_ptr_array_index (rows, i);
      g_autofree char *paid = sp_money_to_string (r->paid, 2);
      g_autofree char *subsidy = sp_money_to_string (r->subsidy, 2);
      g_autofree char *list = sp_money_to_string (r->list, 2);

      sp_cli_table_add (table, r->month, monthly_key_label (by, r->key), paid, subsidy, list,
                        r->currency);
    }
  sp_cli_table_print (table);
  return 0;
}

static int
ledger_budget (SpCliGlobals  *globals,
               int            argc,
               char         **argv)
{
  g_autofree char *today_str = NULL;
  gboolean clear = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the monthly budget"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_str, N_("Take this date as today (YYYY-MM-DD)"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  SpLedgerBudgetStatus st;
  GDate today;

  if (!sp_cli_parse_options (_("budget [AMOUNT CURRENCY] — set or show the monthly budget"),
                             entries, &argc, &argv))
    return 1;
  if (argc != 1 && argc != 3)
    return sp_cli_fail ("%s", _("ledger budget takes an AMOUNT and a CURRENCY, or nothing"));
  if (clear && argc == 3)
    return sp_cli_fail ("%s", _("use either --clear or AMOUNT CURRENCY"));

  g_date_clear (&today, 1);
  if (today_str != NULL)
    {
      if (!sp_ledger_date_valid (today_str))
        return sp_cli_fail (_("--today: “%s” is not a date (YYYY-MM-DD)"), today_str);
      g_date_set_dmy (&today, (GDateDay) g_ascii_strtoull (today_str + 8, NULL, 10),
                      (GDateMonth) g_ascii_strtoull (today_str + 5, NULL, 10),
                      (GDateYear) g_ascii_strtoull (today_str, NULL, 10));
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }

  ledger = open_ledger (globals, &error);
  if (ledger == NULL)
    return sp_cli_fail ("%s", error->message);
  if (clear && !sp_ledger_set_budget (ledger, SP_MONEY_UNKNOWN, NULL, &error))
    return sp_cli_fail ("%s", error->message);
  if (argc == 3)
    {
      SpMoney amount;

      if (!sp_money_parse (argv[1], &amount, &error))
        return sp_cli_fail ("%s", error->message);
      if (!sp_ledger_set_budget (ledger, amount, argv[2], &error))
        return sp_cli_fail ("%s", error->message);
    }
  if (!sp_ledger_budget_status (ledger, &today, sp_price_context_get_currency (ctx), &st, &error))
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      sp_cli_json_string (b, "month", st.month);
      sp_cli_json_money (b, "budget", st.budget, 2);
      sp_cli_json_string (b, "currency", st.currency);
      sp_cli_json_money (b, "spent", st.spent, 2);
      sp_cli_json_money (b, "projection", st.projection, 2);
      json_builder_set_member_name (b, "day");
      json_builder_add_int_value (b, st.day);
      json_builder_set_member_name (b, "days_in_month");
      json_builder_add_int_value (b, st.days_in_month);
      json_builder_set_member_name (b, "over_budget");
      json_builder_add_boolean_value (b, st.over_budget);
      json_builder_end_object (b);
      sp_cli_print_builder (b);
    }
  else
    {
      g_autofree char *spent = sp_money_to_string (st.spent, 2);
      g_autofree char *projection = sp_money_to_string (st.projection, 2);

      if (st.has_budget)
        {
          g_autofree char *budget = sp_money_to_string (st.budget, 2);

          g_print (_("Budget for %s: %s %s"), st.month, budget, st.currency);
          g_print ("\n");
        }
      else
        g_print ("%s\n", _("No monthly budget is set."));
      g_print (_("Spent so far: %s %s; projected by the end of the month: %s %s"),
               spent, st.currency, projection, st.currency);
      g_print ("\n");
    }
  if (st.over_budget)
    sp_cli_fail ("%s", _("warning: the projection for this month exceeds the budget"));
  return 0;
}

static const SpCliSubcommand ledger_subs[] = {
  { "add", N_("Record a purchase"), ledger_add },
  { "edit", N_("Change a recorded purchase"), ledger_edit },
  { "delete", N_("Delete a purchase (it can be brought back)"), ledger_delete },
  { "undo", N_("Bring back the last deleted purchase"), ledger_undo },
  { "list", N_("Show purchases"), ledger_list },
  { "import", N_("Import purchases from a CSV file (all or nothing)"), ledger_import },
  { "export", N_("Export every purchase to a CSV file"), ledger_export },
  { "monthly", N_("Totals per month, by vendor, category or kind"), ledger_monthly },
  { "budget", N_("Set or show the monthly budget"), ledger_budget },
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
  .subs = ledger_subs,
  .n_subs = G_N_ELEMENTS (ledger_subs),
};

int
sp_cli_ledger (SpCliGlobals  *globals,
               int            argc,
               char         **argv)
{
  return sp_cli_dispatch_group (globals, &ledger_group, argc, argv);
}
