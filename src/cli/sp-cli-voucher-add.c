/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-voucher-add.c — suanpan-cli voucher add: a government voucher, a
 * platform discount or a prepaid pack from the command line
 *
 * The flags and JSON fields documented in README.md and docs/vouchers.md
 * are a stable interface: add to them freely, never rename or drop. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli-voucher-private.h"
#include "sp-labels.h"
#include "sp-wallet-store.h"

static gboolean
parse_money_option (const char *text,
                    const char *option,
                    SpMoney    *out)
{
  g_autoptr(GError) error = NULL;

  if (!sp_money_parse (text, out, &error) || *out < 0)
    {
      sp_cli_fail (_("%s: “%s” is not an amount"), option, text);
      return FALSE;
    }
  return TRUE;
}

/* "12.5" (percent) → 1250 basis points; at most two decimals, 0–100 */
static gboolean
parse_percent_option (const char *text,
                      gint       *out)
{
  SpMoney v;

  if (!sp_money_parse (text, &v, NULL) || v < 0 || v > 100 * SP_MONEY_SCALE ||
      v % (SP_MONEY_SCALE / 100) != 0)
    {
      sp_cli_fail (_("--percent: “%s” is not a percentage from 0 to 100 with at most two decimals"),
                   text);
      return FALSE;
    }
  *out = (gint) (v / (SP_MONEY_SCALE / 100));
  return TRUE;
}

/* ------------------------------------------------------------- voucher add */

typedef struct {
  char     *code;
  char     *kind;
  char     *programme;
  char     *face;
  char     *balance;
  char     *percent;
  char     *amount;
  char     *min_spend;
  char     *unit;
  char     *currency;
  char     *label;
  char     *valid_from;
  char     *valid_to;
  GStrv     vendors;
  gboolean  single_use;
  gboolean  json;
} AddOptions;

static void
add_options_clear (AddOptions *o)
{
  g_free (o->code);
  g_free (o->kind);
  g_free (o->programme);
  g_free (o->face);
  g_free (o->balance);
  g_free (o->percent);
  g_free (o->amount);
  g_free (o->min_spend);
  g_free (o->unit);
  g_free (o->currency);
  g_free (o->label);
  g_free (o->valid_from);
  g_free (o->valid_to);
  g_strfreev (o->vendors);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AddOptions, add_options_clear)

/* The amounts of voucher add, read from its options */
typedef struct {
  guint32 valid_from;
  guint32 valid_to;
  SpMoney face;
  SpMoney balance;
  SpMoney amount;
  SpMoney min_spend;
} AddValues;

static gboolean
parse_add_options (AddOptions   *o,
                   AddValues    *values,
                   int          *argc,
                   char       ***argv)
{
  const GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &o->code, N_("The voucher’s code (unique)"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o->kind,
      N_("government, platform (a discount) or prepaid"), N_("KIND") },
    { "programme", 0, 0, G_OPTION_ARG_STRING, &o->programme,
      N_("Government: the programme id (hangzhou, nanning, shenzhen…)"), N_("ID") },
    { "face", 0, 0, G_OPTION_ARG_STRING, &o->face, N_("Government: the face value"), N_("AMOUNT") },
    { "balance", 0, 0, G_OPTION_ARG_STRING, &o->balance,
      N_("Government: what is left (default: the face value)"), N_("AMOUNT") },
    { "percent", 0, 0, G_OPTION_ARG_STRING, &o->percent, N_("Platform: percent off"), N_("P") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &o->amount,
      N_("Platform: amount off; prepaid: the balance (or quantity with --unit)"), N_("A") },
    { "min-spend", 0, 0, G_OPTION_ARG_STRING, &o->min_spend,
      N_("Platform: the list amount must reach this"), N_("A") },
    { "single-use", 0, 0, G_OPTION_ARG_NONE, &o->single_use, N_("Platform: usable once"), NULL },
    { "vendor", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->vendors,
      N_("Platform: only for this vendor (repeatable); prepaid: its vendor"), N_("V") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o->unit,
      N_("Prepaid resource pack: tokens, card-hours or core-hours"), N_("UNIT") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &o->currency,
      N_("Currency of the amounts (default CNY)"), N_("CUR") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &o->label, N_("A name for the voucher"), N_("TEXT") },
    { "valid-from", 0, 0, G_OPTION_ARG_STRING, &o->valid_from,
      N_("First valid day"), N_("YYYY-MM-DD") },
    { "valid-to", 0, 0, G_OPTION_ARG_STRING, &o->valid_to,
      N_("Last valid day"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print the voucher as JSON"), NULL },
    { NULL }
  };

  *values = (AddValues) { 0, 0, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN,
                          SP_MONEY_UNKNOWN };
  if (!sp_cli_parse_options_only (_("— add a voucher to the wallet"), entries, argc, argv))
    return FALSE;
  if (o->code == NULL || *o->code == '\0')
    return !sp_cli_fail (_("--code is required"));
  if (o->kind == NULL)
    return !sp_cli_fail (_("--kind is required (government, platform or prepaid)"));
  if (!sp_cli_parse_date_option (o->valid_from, "--valid-from", &values->valid_from) ||
      !sp_cli_parse_date_option (o->valid_to, "--valid-to", &values->valid_to))
    return FALSE;
  if (values->valid_from != 0 && values->valid_to != 0 && values->valid_to < values->valid_from)
    return !sp_cli_fail (_("--valid-to is before --valid-from"));
  if ((o->face != NULL && !parse_money_option (o->face, "--face", &values->face)) ||
      (o->balance != NULL && !parse_money_option (o->balance, "--balance", &values->balance)) ||
      (o->amount != NULL && !parse_money_option (o->amount, "--amount", &values->amount)) ||
      (o->min_spend != NULL &&
       !parse_money_option (o->min_spend, "--min-spend", &values->min_spend)))
    return FALSE;
  return TRUE;
}

/* The voucher of each kind, or NULL after printing what is missing. */
static SpVoucher *
new_government_voucher (const AddOptions *o,
                        AddValues        *values)
{
  SpVoucher *v;

  if (o->programme == NULL)
    {
      sp_cli_fail (_("a government voucher needs --programme"));
      return NULL;
    }
  if (values->face == SP_MONEY_UNKNOWN)
    {
      sp_cli_fail (_("a government voucher needs --face"));
      return NULL;
    }
  if (values->balance == SP_MONEY_UNKNOWN)
    values->balance = values->face;
  if (values->balance > values->face)
    {
      sp_cli_fail (_("--balance is more than the face value"));
      return NULL;
    }
  v = sp_voucher_new_government (o->code, o->programme, values->face, values->balance);
  if (o->currency != NULL)
    sp_voucher_set_currency (v, o->currency);
  return v;
}

static SpVoucher *
new_platform_voucher (const AddOptions *o,
                      const AddValues  *values)
{
  SpVoucher *v;

  if ((o->percent != NULL) == (values->amount != SP_MONEY_UNKNOWN))
    {
      sp_cli_fail (_("a platform voucher needs either --percent or --amount"));
      return NULL;
    }
  if (o->percent != NULL)
    {
      gint bp;

      if (!parse_percent_option (o->percent, &bp))
        return NULL;
      v = sp_voucher_new_discount_percent (o->code, bp);
    }
  else
    v = sp_voucher_new_discount_amount (o->code, values->amount,
                                        o->currency != NULL ? o->currency : "CNY");
  if (values->min_spend != SP_MONEY_UNKNOWN)
    {
      sp_voucher_set_min_spend (v, values->min_spend);
      if (o->currency != NULL)
        sp_voucher_set_currency (v, o->currency);
    }
  sp_voucher_set_single_use (v, o->single_use);
  sp_voucher_set_vendors (v, (const char * const *) o->vendors);
  return v;
}

static SpVoucher *
new_prepaid_voucher (const AddOptions *o,
                     const AddValues  *values)
{
  const char *unit = o->unit;
  SpVoucher *v;

  if (o->vendors == NULL || o->vendors[0] == NULL || o->vendors[1] != NULL)
    {
      sp_cli_fail (_("a prepaid voucher needs one --vendor"));
      return NULL;
    }
  if (values->amount == SP_MONEY_UNKNOWN)
    {
      sp_cli_fail (_("a prepaid voucher needs --amount"));
      return NULL;
    }
  if (unit != NULL && !g_str_equal (unit, "tokens") && !g_str_equal (unit, "card-hours") &&
      !g_str_equal (unit, "core-hours"))
    {
      sp_cli_fail (_("--unit must be tokens, card-hours or core-hours"));
      return NULL;
    }
  v = sp_voucher_new_prepaid (o->code, o->vendors[0], unit, values->amount);
  if (unit == NULL && o->currency != NULL)
    sp_voucher_set_currency (v, o->currency);
  return v;
}

int
sp_cli_voucher_add (SpCliGlobals  *globals,
                    int            argc,
                    char         **argv)
{
  g_auto(AddOptions) o = { 0 };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpVoucher) v = NULL;
  g_autoptr(GError) error = NULL;
  AddValues values;

  if (!parse_add_options (&o, &values, &argc, &argv))
    return 1;
  if (g_str_equal (o.kind, "government"))
    v = new_government_voucher (&o, &values);
  else if (g_str_equal (o.kind, "platform") || g_str_equal (o.kind, "discount"))
    v = new_platform_voucher (&o, &values);
  else if (g_str_equal (o.kind, "prepaid"))
    v = new_prepaid_voucher (&o, &values);
  else
    return sp_cli_fail (_("unknown voucher kind “%s” (government, platform or prepaid)"),
                        o.kind);
  if (v == NULL)
    return 1;

  sp_voucher_set_label (v, o.label);
  sp_voucher_set_validity (v, values.valid_from, values.valid_to);

  store = sp_cli_open_store (globals, &error);
  if (store == NULL || !sp_store_add_voucher (store, v, 0, &error))
    return sp_cli_fail ("%s", error->message);
  if (!o.json)
    g_print (_("Added voucher “%s”.\n"), o.code);
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_builder_begin_object (b);
      sp_json_set_string (b, "code", o.code);
      sp_json_set_string (b, "kind", sp_voucher_kind_to_string (sp_voucher_get_kind (v)));
      json_builder_end_object (b);
      sp_cli_print_builder (b);
    }
  return 0;
}
