/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-buy.c — suanpan-cli buy and void: record a purchase of an offer
 * through the wallet (vouchers applied) and take it back.
 *
 * The flags and JSON fields documented in README.md and docs/vouchers.md
 * are a stable interface: add to them freely, never rename or drop. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-wallet-store.h"

/* --------------------------------------------------------------------- buy */

static SpOffer *
find_offer (GPtrArray   *offers,
            const char  *id,
            const char  *source,
            GError     **error)
{
  SpOffer *found = NULL;
  guint n = 0;

  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = offers->pdata[i];

      if (!g_str_equal (sp_offer_get_id (o), id) ||
          (source != NULL && g_strcmp0 (sp_offer_get_source (o), source) != 0))
        continue;
      found = o;
      n++;
    }
  if (n == 0)
    g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_NOT_FOUND,
                 _("There is no offer “%s” (see suanpan-cli offers)"), id);
  else if (n > 1)
    g_set_error (error, SP_WALLET_STORE_ERROR, SP_WALLET_STORE_ERROR_INVALID,
                 _("Several sources have an offer “%s”: say which with --source"), id);
  return n == 1 ? found : NULL;
}

static void
add_money_member (JsonObject *obj,
                  const char *name,
                  SpMoney     value)
{
  g_autofree char *text = sp_money_to_string_fixed (value, 2, SP_ROUND_HALF_UP);

  json_object_set_string_member (obj, name, text);
}

static void
print_breakdown_text (SpBreakdown *bd,
                      gint64       purchase_id)
{
  const char *cur = sp_breakdown_get_currency (bd);
  struct { const char *label; SpMoney value; } rows[] = {
    { N_("List"), sp_breakdown_get_list (bd) },
    { N_("Platform discounts"), sp_breakdown_get_platform (bd) },
    { N_("Prepaid"), sp_breakdown_get_prepaid (bd) },
    { N_("Government"), sp_breakdown_get_government (bd) },
    { N_("Company pays now"), sp_breakdown_get_company_cash (bd) },
    { N_("Reimbursed later"), sp_breakdown_get_reimbursed_later (bd) },
    { N_("Net after reimbursement"), sp_breakdown_get_net (bd) },
    /* what it costs (prepaid is the company's money), then how it is paid */
    { N_("Cost to the company"), sp_breakdown_get_cost (bd) },
    { N_("Paid from prepaid"), sp_breakdown_get_prepaid (bd) },
    { N_("Paid in cash now"), sp_breakdown_get_company_cash (bd) },
  };

  if (purchase_id > 0)
    {
      g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, purchase_id);

      g_print (_("Recorded purchase %s.\n"), pid);
    }
  {
    /* aligned by display width (Chinese labels are two cells a character);
     * the empty first column indents the table by its two-space gap */
    g_autoptr(SpCliTable) table = sp_cli_table_new ("llrl");

    for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *v = sp_money_to_string (rows[i].value, 2);

        sp_cli_table_add (table, "", _(rows[i].label), v, cur);
      }
    sp_cli_table_print (table);
  }
  for (guint i = 0; i < sp_breakdown_get_n_lines (bd); i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (bd, i);
      g_autofree char *v = sp_money_to_string (line->amount, 2);

      g_print ("  • %s: %s %s — %s\n", line->code, v, cur, line->note != NULL ? line->note : "");
    }
  for (guint i = 0; i < sp_breakdown_get_n_refusals (bd); i++)
    {
      const SpBreakdownRefusal *r = sp_breakdown_get_refusal (bd, i);

      g_print ("  × %s: %s\n", r->code, r->message);
    }
}

/* The currency @pay (default CNY) an offer in @offer_currency is paid in:
 * sets the upper-cased @pay_up, the @rate (micro-units of @pay_up per unit
 * of the offer's currency) or its @inverse for yuan paid in dollars, and
 * @rate_date when a conversion is needed.  Prints the error and returns
 * FALSE when Suanpan has no rate. */
static gboolean
resolve_payment (SpPriceContext  *ctx,
                 const char      *offer_currency,
                 const char      *pay,
                 char           **pay_up,
                 SpMoney         *rate,
                 SpMoney         *inverse,
                 char           **rate_date)
{
  *pay_up = g_ascii_strup (pay != NULL ? pay : "CNY", -1);
  *rate = SP_MONEY_SCALE;
  *inverse = 0;
  if (g_strcmp0 (*pay_up, offer_currency) == 0)
    return TRUE;
  if (g_str_equal (*pay_up, "CNY") && g_strcmp0 (offer_currency, "USD") == 0)
    *rate = sp_price_context_get_usd_cny (ctx);
  else if (g_str_equal (*pay_up, "USD") && g_strcmp0 (offer_currency, "CNY") == 0)
    {
      /* yuan divided by the yuan per dollar, exactly (sp_purchase_set_payment_inverse) */
      *inverse = sp_price_context_get_usd_cny (ctx);
    }
  else
    {
      sp_cli_fail (_("Suanpan has no exchange rate from %s to %s"), offer_currency, *pay_up);
      return FALSE;
    }
  *rate_date = sp_date_to_iso (sp_date_today ());
  return TRUE;
}

/* --vouchers: NULL for auto, an empty list for none, else the codes. */
static GStrv
parse_voucher_codes (const char *text)
{
  GStrv codes;

  if (text == NULL || g_str_equal (text, "auto"))
    return NULL;
  if (g_str_equal (text, "none") || *text == '\0')
    return g_new0 (char *, 1);
  codes = g_strsplit (text, ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    g_strstrip (codes[i]);
  return codes;
}

static void
print_buy_json (SpBreakdown *bd,
                gint64       purchase_id,
                SpOffer     *offer,
                guint32      date,
                SpMoney      quantity,
                SpCategory   category,
                const char  *rate_date)
{
  g_autoptr(JsonNode) root = sp_breakdown_to_json_node (bd, purchase_id);
  JsonObject *obj = json_node_get_object (root);
  g_autofree char *date_iso = sp_date_to_iso (date);
  g_autofree char *qty = sp_money_to_string (quantity, 0);

  json_object_set_string_member (obj, "offer", sp_offer_get_id (offer));
  json_object_set_string_member (obj, "source", sp_offer_get_source (offer));
  json_object_set_string_member (obj, "vendor", sp_offer_get_vendor_id (offer));
  json_object_set_string_member (obj, "date", date_iso);
  json_object_set_string_member (obj, "quantity", qty);
  json_object_set_string_member (obj, "category", sp_category_to_string (category));
  /* what it costs, and apart how it is paid */
  add_money_member (obj, "cost", sp_breakdown_get_cost (bd));
  add_money_member (obj, "paid_from_prepaid", sp_breakdown_get_prepaid (bd));
  add_money_member (obj, "cash_now", sp_breakdown_get_company_cash (bd));
  if (rate_date != NULL)
    json_object_set_string_member (obj, "rate_date", rate_date);
  sp_cli_print_json (root);
}

typedef struct {
  char     *quantity;
  char     *category;
  char     *vouchers;
  char     *date;
  char     *source;
  char     *rate;
  char     *pay;
  gboolean  json;
  gboolean  startup;
  gboolean  affiliated;
} BuyOptions;

static void
buy_options_clear (BuyOptions *o)
{
  g_free (o->quantity);
  g_free (o->category);
  g_free (o->vouchers);
  g_free (o->date);
  g_free (o->source);
  g_free (o->rate);
  g_free (o->pay);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BuyOptions, buy_options_clear)

/* Parses the options and checks the ones that need no store: the quantity,
 * the date (default today) and the exchange rate, set on @ctx. */
static gboolean
parse_buy_options (BuyOptions      *o,
                   int             *argc,
                   char          ***argv,
                   SpMoney         *quantity,
                   guint32         *date,
                   SpPriceContext  *ctx)
{
  const GOptionEntry entries[] = {
    { "quantity", 0, 0, G_OPTION_ARG_STRING, &o->quantity,
      N_("How much: card-hours, core-hours, or millions of tokens"), N_("Q") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &o->category,
      N_("domestic-compute, other-compute or model-service"), N_("CATEGORY") },
    { "vouchers", 0, 0, G_OPTION_ARG_STRING, &o->vouchers,
      N_("auto (default), none, or the codes to use, comma-separated"), N_("auto|none|CODE,…") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o->date,
      N_("The purchase date (default today)"), N_("YYYY-MM-DD") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &o->source,
      N_("The source of the offer, when several have that id"), N_("NAME") },
    { "pay", 0, 0, G_OPTION_ARG_STRING, &o->pay,
      N_("The currency paid in (default CNY)"), N_("CUR") },
    { "usd-cny", 0, 0, G_OPTION_ARG_STRING, &o->rate,
      N_("Exchange rate: yuan per US dollar"), N_("RATE") },
    { "startup", 0, 0, G_OPTION_ARG_NONE, &o->startup, N_("The buyer is a start-up"), NULL },
    { "affiliated", 0, 0, G_OPTION_ARG_NONE, &o->affiliated,
      N_("The vendor is affiliated with the buyer"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print the breakdown as JSON"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (_("OFFER_ID — record a purchase, applying vouchers"),
                             entries, argc, argv))
    return FALSE;
  if (*argc != 2)
    return !sp_cli_fail (_("give one offer id (see suanpan-cli offers)"));
  if (o->quantity == NULL)
    return !sp_cli_fail (_("--quantity is required"));
  if (!sp_money_parse (o->quantity, quantity, NULL) || *quantity <= 0)
    return !sp_cli_fail (_("--quantity: “%s” is not a positive number"), o->quantity);
  if (!sp_cli_parse_date_option (o->date, "--date", date))
    return FALSE;
  if (*date == 0)
    *date = sp_date_today ();
  if (o->rate != NULL)
    {
      SpMoney r;

      if (!sp_money_parse (o->rate, &r, NULL) || r <= 0 || !sp_price_context_set_usd_cny (ctx, r))
        return !sp_cli_fail (_("--usd-cny: “%s” is not a positive rate"), o->rate);
    }
  return TRUE;
}

int
sp_cli_buy (SpCliGlobals  *globals,
            int            argc,
            char         **argv)
{
  g_auto(BuyOptions) o = { 0 };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  g_autoptr(SpPurchase) purchase = NULL;
  g_autoptr(SpBreakdown) bd = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *rate_date = NULL;
  g_autofree char *pay_up = NULL;
  SpPurchaseRequest request = { 0 };
  SpOffer *offer;
  SpMoney quantity, rate, inverse;
  SpCategory category;
  guint32 date = 0;
  guint mix_in = 3, mix_out = 1;
  gint64 purchase_id = 0;

  if (!parse_buy_options (&o, &argc, &argv, &quantity, &date, ctx))
    return 1;
  sp_price_context_get_mix (ctx, &mix_in, &mix_out);

  offers = sp_cli_load_offers (globals, &store);
  if (offers == NULL)
    return 1;
  offer = find_offer (offers, argv[1], o.source, &error);
  if (offer == NULL)
    return sp_cli_fail ("%s", error->message);

  category = sp_offer_default_category (offer);
  if (o.category != NULL && !sp_category_from_string (o.category, &category))
    return sp_cli_fail (_("--category must be domestic-compute, other-compute or model-service"));
  if (!resolve_payment (ctx, sp_offer_get_currency (offer), o.pay, &pay_up, &rate, &inverse,
                        &rate_date))
    return 1;

  /* the one money path of the window too: the list amount is exact (tokens
   * split by the mix), converted once and rounded once to the fen */
  purchase = sp_offer_purchase_new_mixed (offer, quantity, mix_in, mix_out, category, date,
                                          pay_up, rate, &error);
  if (purchase == NULL)
    return sp_cli_fail ("%s", error->message);
  if (inverse > 0)
    sp_purchase_set_payment_inverse (purchase, pay_up, inverse);
  sp_purchase_set_vendor_affiliated (purchase, o.affiliated);
  sp_purchase_set_startup (purchase, o.startup);

  codes = parse_voucher_codes (o.vouchers);
  request.offer_source = sp_offer_get_source (offer);
  request.offer_id = sp_offer_get_id (offer);
  request.description = sp_offer_get_name (offer);
  request.rate_date = rate_date;
  /* the exchange rate of the ledger entry: the user's, as used for the price */
  request.usd_cny = sp_price_context_get_usd_cny (ctx);
  request.codes = (const char * const *) codes;
  bd = sp_store_record_purchase (store, purchase, &request, &purchase_id, &error);
  if (bd == NULL)
    return sp_cli_fail ("%s", error->message);

  if (o.json)
    print_buy_json (bd, purchase_id, offer, date, quantity, category, rate_date);
  else
    print_breakdown_text (bd, purchase_id);
  return 0;
}

/* -------------------------------------------------------------------- void */

int
sp_cli_void (SpCliGlobals  *globals,
             int            argc,
             char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 id;

  if (!sp_cli_parse_json_options (_("PURCHASE_ID — void a purchase and restore its vouchers"),
                                  N_("Print the result as JSON"), &json, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail (_("give one purchase id"));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    return sp_cli_fail (_("“%s” is not a purchase id"), argv[1]);
  store = sp_cli_open_store (globals, &error);
  if (store == NULL || !sp_store_void_purchase (store, id, 0, &error))
    return sp_cli_fail ("%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_builder_begin_object (b);
      sp_json_set_int (b, "purchase_id", id);
      sp_json_set_bool (b, "voided", TRUE);
      json_builder_end_object (b);
      sp_cli_print_builder (b);
    }
  else
    g_print (_("Voided purchase %s; its vouchers are restored.\n"), argv[1]);
  return 0;
}
