/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-reprice.c — suanpan-cli ledger reprice: what the ledger's real
 * usage would cost at today's best offers, vouchers included (issue 18
 * section 1; the rules are in src/core/sp-reprice.h and README.md)
 *
 * A stable interface for scripts: amounts in JSON are decimal strings. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-cli-ledger-private.h"
#include "sp-offer-table-reprice.h"
#include "sp-reprice.h"

static const char *
vendor_label (const SpRepriceEntry *e)
{
  return sp_vendor_pick_name (e->offer_vendor_name != NULL ? e->offer_vendor_name : e->offer_vendor,
                              e->offer_vendor_name_zh);
}

static void
entry_to_json (JsonBuilder   *b,
               gconstpointer  item)
{
  const SpRepriceEntry *e = item;

  json_builder_begin_object (b);
  sp_json_set_int (b, "id", e->entry_id);
  sp_json_set_string (b, "date", e->date);
  sp_json_set_money (b, "paid", e->paid, 2);
  sp_json_set_string (b, "group", e->group);
  sp_json_set_string (b, "alternative_offer", e->offer_id);
  sp_json_set_string (b, "alternative_source", e->offer_source);
  sp_json_set_string (b, "alternative_vendor", e->offer_vendor);
  sp_json_set_string (b, "alternative_vendor_name", vendor_label (e));
  sp_json_set_money (b, "alternative_list", e->list, 2);
  sp_json_set_money (b, "alternative_cost", e->cost, 2);
  sp_json_set_money (b, "vouchers", e->vouchers, 2);
  json_builder_set_member_name (b, "voucher_codes");
  json_builder_begin_array (b);
  for (guint j = 0; e->voucher_codes[j] != NULL; j++)
    json_builder_add_string_value (b, e->voucher_codes[j]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
unmapped_id_to_json (JsonBuilder   *b,
                     gconstpointer  item)
{
  json_builder_add_int_value (b, ((const SpRepriceUnmapped *) item)->entry_id);
}

static void
unmapped_to_json (JsonBuilder   *b,
                  gconstpointer  item)
{
  const SpRepriceUnmapped *u = item;

  json_builder_begin_object (b);
  sp_json_set_int (b, "id", u->entry_id);
  sp_json_set_string (b, "date", u->date);
  sp_json_set_string (b, "vendor", u->vendor);
  sp_json_set_string (b, "item", u->item);
  sp_json_set_money (b, "paid", u->paid, 2);
  sp_json_set_string (b, "reason", u->reason);
  json_builder_end_object (b);
}

static void
group_to_json (JsonBuilder   *b,
               gconstpointer  item)
{
  const SpRepriceGroup *g = item;

  json_builder_begin_object (b);
  sp_json_set_string (b, "group", g->group);
  sp_json_set_int (b, "entries", g->n_entries);
  sp_json_set_money (b, "paid", g->paid, 2);
  sp_json_set_money (b, "alternative", g->alternative, 2);
  sp_json_set_money (b, "vouchers", g->vouchers, 2);
  json_builder_end_object (b);
}

static void
print_json (const SpRepriceResult *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sp_json_set_string (b, "from", r->from_month);
  sp_json_set_string (b, "to", r->to_month);
  sp_json_set_string (b, "currency", r->currency);
  sp_cli_json_array (b, "entries", r->entries, entry_to_json);
  sp_cli_json_array (b, "unmapped", r->unmapped, unmapped_id_to_json);
  sp_cli_json_array (b, "unmapped_entries", r->unmapped, unmapped_to_json);
  sp_cli_json_array (b, "groups", r->groups, group_to_json);

  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  sp_json_set_money (b, "paid", r->paid, 2);
  sp_json_set_money (b, "alternative", r->alternative, 2);
  sp_json_set_money (b, "saving", r->saving, 2);
  sp_json_set_money (b, "saving_from_vouchers", r->saving_from_vouchers, 2);
  json_builder_end_object (b);
  json_builder_end_object (b);
  sp_cli_print_builder (b);
}

static void
print_text (const SpRepriceResult *r)
{
  g_autoptr(SpCliTable) table = sp_cli_table_new ("rllrlrr");
  g_autofree char *paid = sp_money_format (r->paid, r->currency, SP_MONEY_STYLE_AMOUNT);
  g_autofree char *alt = sp_money_format (r->alternative, r->currency, SP_MONEY_STYLE_AMOUNT);
  g_autofree char *saving = sp_money_format (r->saving, r->currency, SP_MONEY_STYLE_AMOUNT);
  g_autofree char *vouchers = sp_money_format (r->saving_from_vouchers, r->currency,
                                               SP_MONEY_STYLE_AMOUNT);

  /* Translators: "Repriced 2026-01 to 2026-03" */
  g_print (_("Repriced %s to %s"), r->from_month, r->to_month);
  g_print ("\n\n");
  sp_cli_table_add (table, _("ID"), _("Date"), _("Group"), _("Paid"), _("Best offer now"),
                    _("Would cost"), _("Vouchers"));
  for (guint i = 0; i < r->entries->len; i++)
    {
      const SpRepriceEntry *e = g_ptr_array_index (r->entries, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->entry_id);
      g_autofree char *group = sp_reprice_group_label (e->group);
      g_autofree char *p = sp_money_format (e->paid, r->currency, SP_MONEY_STYLE_AMOUNT);
      g_autofree char *c = sp_money_format (e->cost, r->currency, SP_MONEY_STYLE_AMOUNT);
      g_autofree char *v = sp_money_format (e->vouchers, r->currency, SP_MONEY_STYLE_AMOUNT);
      g_autofree char *offer = g_strdup_printf ("%s · %s", vendor_label (e),
                                                e->offer_name != NULL ? e->offer_name : e->offer_id);

      sp_cli_table_add (table, id, e->date, group, p, offer, c, v);
    }
  sp_cli_table_print (table);
  g_print ("\n%s %s\n%s %s\n%s %s\n%s %s\n", _("Paid:"), paid, _("The same usage now:"), alt,
           _("Difference:"), saving, _("Of which vouchers left unused:"), vouchers);
  if (r->unmapped->len > 0)
    {
      g_print ("\n%s\n", _("Not repriced:"));
      for (guint i = 0; i < r->unmapped->len; i++)
        {
          const SpRepriceUnmapped *u = g_ptr_array_index (r->unmapped, i);

          g_print ("  %" G_GINT64_FORMAT "  %s  %s · %s — %s\n", u->entry_id, u->date, sp_label_vendor (u->vendor),
                   u->item, u->reason);
        }
    }
}

int
sp_cli_ledger_reprice (SpCliGlobals  *globals,
                       int            argc,
                       char         **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *currency = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First month (default: three months ago)"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last month (default: last month)"), N_("YYYY-MM") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency of the figures: CNY or USD"), N_("CODE") },
    SP_CLI_OPTION_JSON (json),
    { NULL }
  };
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  g_autoptr(SpRepriceResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!sp_cli_parse_options_only (_("reprice — what the same usage would cost at today’s best offers"),
                                  entries, &argc, &argv))
    return 1;
  if (!sp_cli_ledger_check_month ("--from", from) || !sp_cli_ledger_check_month ("--to", to))
    return 1;
  if (currency != NULL)
    {
      g_autofree char *upper = g_ascii_strup (currency, -1);

      if (!sp_price_context_set_currency (ctx, upper))
        return sp_cli_fail (_("--currency: “%s” is not CNY or USD"), currency);
    }
  path = sp_store_default_path (globals->data_dir);
  result = sp_offer_table_reprice_run (path, from, to, ctx, NULL, &error);
  if (result == NULL)
    return sp_cli_fail ("%s", error->message);
  if (json)
    print_json (result);
  else
    print_text (result);
  return 0;
}
