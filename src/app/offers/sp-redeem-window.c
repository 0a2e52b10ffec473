/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-redeem-window.c — buy an offer with vouchers
 *
 * The window prices one purchase of an offer against the wallet as stored:
 * Suanpan's proposal (sp_wallet_propose) until the user ticks or unticks a
 * voucher, then exactly the chosen vouchers (sp_wallet_evaluate), worked out
 * again at every change.  Record Purchase hands the vouchers actually used
 * to the store service (sp_store_service_record_purchase_async()), which
 * prices the purchase again inside one transaction and draws the balances;
 * the wallet is read through the service too, and read again when the
 * service says the wallet changed.  Every page that shows the wallet hears
 * of the purchase from the service's signals.
 *
 * The list amount is the unit price times the quantity, exact; a USD offer
 * is paid in CNY at the rate of the settings when the display currency is
 * CNY, and the engine converts the exact amount once and rounds once (half
 * up) to the fen.  The purchase is built by the core
 * (sp-offer-purchase.h), which `suanpan-cli buy` and the Offers page share.
 * The window shows what the purchase costs (list − discounts − subsidies)
 * and, apart, how it is paid: from prepaid packs and in cash now. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-async-wait.h"
#include "sp-effective-price.h"
#include "sp-format.h"
#include "sp-redeem-window-private.h"
#include "sp-widget-util.h"


G_DEFINE_FINAL_TYPE (SpRedeemWindow, sp_redeem_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_PURCHASE_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (sp-redeem-error-quark, sp_redeem_error)

/* -------------------------------------------------------------- helpers */

static char *
voucher_title (SpRedeemWindow *self,
               SpVoucher      *v)
{
  const char *label = sp_voucher_get_label (v);

  if (label != NULL)
    return g_strdup (label);
  switch (sp_voucher_get_kind (v))
    {
    case SP_VOUCHER_GOVERNMENT:
      {
        SpProgramme *p = sp_wallet_lookup_programme (self->wallet, sp_voucher_get_programme (v));

        return g_strdup (p != NULL ? sp_programme_get_name (p) : sp_voucher_get_programme (v));
      }
    case SP_VOUCHER_DISCOUNT:
      if (sp_voucher_get_percent (v) != SP_RATE_NONE)
        {
          g_autofree char *n = sp_money_to_string ((SpMoney) sp_voucher_get_percent (v) * 10000, 0);

          /* Translators: a discount, e.g. “10% off” */
          return g_strdup_printf (_("%s%% off"), n);
        }
      else
        {
          const char *currency = sp_voucher_get_currency (v);
          g_autofree char *off = sp_format_money (sp_voucher_get_amount (v),
                                                  currency != NULL ? currency : "CNY");

          /* Translators: a discount, e.g. “¥200.00 off” */
          return g_strdup_printf (_("%s off"), off);
        }
    case SP_VOUCHER_PREPAID:
    default:
      {
        const char * const *vendors = sp_voucher_get_vendors (v);

        return g_strdup_printf (_("Prepaid at %s"),
                                vendors != NULL ? sp_label_vendor (vendors[0]) : "?");
      }
    }
}

/* ------------------------------------------------------------- purchase */

static gboolean
bad_input (GError    **error,
           AdwEntryRow *row,
           const char *what)
{
  /* Translators: “Card-hours”: not a number such as 100 */
  g_set_error (error, SP_REDEEM_ERROR, 0, _("“%s”: %s"),
               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), what);
  return FALSE;
}

/* A quantity ≥ 0 in micro-units; 0 when empty and not @required */
static gboolean
parse_quantity (AdwEntryRow *row,
                gboolean     required,
                SpMoney     *out,
                GError     **error)
{
  g_autofree char *text = sp_entry_row_dup_text (row);

  *out = 0;
  if (text == NULL)
    return required ? bad_input (error, row, _("required")) : TRUE;
  if (!sp_money_parse (text, out, NULL) || *out < 0 || *out > SP_MONEY_MAX)
    return bad_input (error, row, _("not a number such as 100"));
  return TRUE;
}

/* The purchase the fields describe, or NULL (with @error when a field is
 * filled in wrongly; without one when a required field is empty) */
static SpPurchase *
build_purchase (SpRedeemWindow  *self,
                GError         **error)
{
  g_autofree char *date_text = sp_entry_row_dup_text (self->date_row);
  g_autofree char *quantity_text = sp_entry_row_dup_text (self->quantity_row);
  SpOfferKind kind = sp_offer_get_kind (self->offer);
  SpMoney quantity, output = 0;
  guint32 date;

  if (quantity_text == NULL || date_text == NULL)
    return NULL;
  if (!parse_quantity (self->quantity_row, TRUE, &quantity, error))
    return NULL;
  if (kind == SP_OFFER_KIND_TOKENS && !parse_quantity (self->output_row, FALSE, &output, error))
    return NULL;
  if (!sp_date_parse_iso (date_text, &date))
    {
      bad_input (error, self->date_row, _("not a date such as 2026-03-05"));
      return NULL;
    }
  return sp_offer_purchase_new (self->offer, quantity, output,
                                (SpCategory) adw_combo_row_get_selected (self->category_row),
                                date, self->pay_currency, self->rate, error);
}

/* ------------------------------------------------------------ the view */

static void on_voucher_toggled (GtkCheckButton *check, SpRedeemWindow *self);

static void
rebuild_rows (SpRedeemWindow *self)
{
  GPtrArray *vouchers = sp_wallet_get_vouchers (self->wallet);

  g_hash_table_remove_all (self->rows);
  sp_list_box_remove_all (self->vouchers_list);

  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = g_ptr_array_index (vouchers, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *amount = gtk_label_new (NULL);
      g_autofree char *title = voucher_title (self, v);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_object_set_data_full (G_OBJECT (check), "sp-code", g_strdup (sp_voucher_get_code (v)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_voucher_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_add_css_class (amount, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      g_object_set_data (G_OBJECT (row), "sp-check", check);
      g_object_set_data (G_OBJECT (row), "sp-amount", amount);
      gtk_list_box_append (self->vouchers_list, row);
      g_hash_table_insert (self->rows, g_strdup (sp_voucher_get_code (v)), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->vouchers_list), vouchers->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_vouchers_label), vouchers->len == 0);
}

static void
set_money (GtkLabel   *label,
           SpMoney     value,
           const char *currency)
{
  g_autofree char *text = sp_format_money (value, currency);

  gtk_label_set_text (label, text);
}

static void
show_figures (SpRedeemWindow *self)
{
  GtkLabel *labels[] = { self->cost_label, self->cost_row_label,
                         self->cash_label, self->net_label, self->list_label, self->platform_label,
                         self->prepaid_label, self->government_now_label,
                         self->government_later_label, self->cash_row_label, self->net_row_label };
  SpBreakdown *b = self->breakdown;
  const char *cur;

  if (b == NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
        gtk_label_set_text (labels[i], "—");
      return;
    }
  cur = sp_breakdown_get_currency (b);
  set_money (self->list_label, sp_breakdown_get_list (b), cur);
  set_money (self->platform_label, sp_breakdown_get_platform (b), cur);
  set_money (self->prepaid_label, sp_breakdown_get_prepaid (b), cur);
  set_money (self->government_now_label,
             sp_breakdown_get_government (b) - sp_breakdown_get_reimbursed_later (b), cur);
  set_money (self->government_later_label, sp_breakdown_get_reimbursed_later (b), cur);
  /* what it costs (a pack drawn is the company's money), then how it is paid */
  set_money (self->cost_label, sp_breakdown_get_cost (b), cur);
  set_money (self->cost_row_label, sp_breakdown_get_cost (b), cur);
  set_money (self->cash_label, sp_breakdown_get_company_cash (b), cur);
  set_money (self->cash_row_label, sp_breakdown_get_company_cash (b), cur);
  set_money (self->net_label, sp_breakdown_get_net (b), cur);
  set_money (self->net_row_label, sp_breakdown_get_net (b), cur);
}

static void
show_vouchers (SpRedeemWindow *self)
{
  GHashTableIter iter;
  gpointer key, value;

  self->building = TRUE;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *code = key;
      AdwActionRow *row = value;
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "sp-check");
      GtkLabel *amount = g_object_get_data (G_OBJECT (row), "sp-amount");
      const SpBreakdownLine *line = self->breakdown ? sp_breakdown_find_line (self->breakdown, code) : NULL;
      const SpBreakdownRefusal *refusal = self->breakdown ? sp_breakdown_find_refusal (self->breakdown, code) : NULL;
      gboolean ticked = self->chosen != NULL ? g_hash_table_contains (self->chosen, code) : line != NULL;
      g_autofree char *subtitle = NULL;

      gtk_check_button_set_active (check, ticked);
      gtk_widget_remove_css_class (GTK_WIDGET (amount), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (amount), "dim-label");
      if (line != NULL)
        {
          g_autofree char *money = sp_format_money (line->amount, sp_breakdown_get_currency (self->breakdown));
          g_autofree char *minus = g_strdup_printf ("−%s", money);

          subtitle = g_strdup_printf ("%s · %s", code, line->note);
          gtk_label_set_text (amount, minus);
        }
      else if (refusal != NULL)
        {
          /* Translators: voucher code · why it cannot be used */
          subtitle = g_strdup_printf (_("%s · Not used: %s"), code, refusal->message);
          gtk_label_set_text (amount, ticked ? _("Cannot be used") : _("Not used"));
          gtk_widget_add_css_class (GTK_WIDGET (amount), ticked ? "warning" : "dim-label");
        }
      else
        {
          subtitle = g_strdup_printf ("%s · %s", code,
                                      self->breakdown == NULL ? ""
                                      : self->chosen != NULL ? _("Not chosen")
                                      : _("Not used: it would not lower the net cost"));
          gtk_label_set_text (amount, self->breakdown == NULL ? "" : _("Not used"));
          gtk_widget_add_css_class (GTK_WIDGET (amount), "dim-label");
        }
      adw_action_row_set_subtitle (row, subtitle);
    }
  self->building = FALSE;
}

static void load_wallet (SpRedeemWindow *self, guint32 date);

static void
wallet_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SpRedeemWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpWallet) wallet = sp_store_service_load_wallet_finish (SP_STORE_SERVICE (source),
                                                                    result, &error);
  guint32 date = self->loading_date;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  self->loading_date = 0;
  if (wallet == NULL)
    {
      sp_label_show_error (self->error_label, error->message);
    }
  else
    {
      g_set_object (&self->wallet, wallet);
      self->wallet_date = date;
      rebuild_rows (self);
      sp_redeem_window_recompute (self);
    }
  g_object_unref (self);
}

/* Reads the wallet as stored on @date; sp_redeem_window_recompute() runs again with it. */
static void
load_wallet (SpRedeemWindow *self,
             guint32         date)
{
  if (self->loading_date == date)
    return;
  if (self->loading_date != 0)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  self->loading_date = date;
  sp_store_service_load_wallet_async (self->service, date, self->cancellable, wallet_loaded,
                                      g_object_ref (self));
}

/* The wallet changed (this purchase, another window, a restore): read it
 * again before the next figure. */
static void
on_wallet_changed (SpStoreService *service,
                   SpRedeemWindow *self)
{
  g_clear_object (&self->wallet);
  if (self->ready && !self->recording)
    sp_redeem_window_recompute (self);
}

void
sp_redeem_window_recompute (SpRedeemWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPurchase) purchase = NULL;
  guint32 date;

  g_clear_object (&self->breakdown);
  g_clear_object (&self->purchase);
  sp_label_show_error (self->error_label, NULL);

  if (self->service != NULL)
    purchase = build_purchase (self, &error);
  if (purchase != NULL)
    {
      date = sp_purchase_get_date (purchase);
      if (self->wallet == NULL || self->wallet_date != date)
        {
          g_clear_object (&self->wallet);
          load_wallet (self, date);
        }
      if (self->wallet != NULL)
        {
          if (self->chosen == NULL)
            self->breakdown = sp_wallet_propose (self->wallet, purchase, &error);
          else
            {
              GPtrArray *vouchers = sp_wallet_get_vouchers (self->wallet);
              g_autoptr(GPtrArray) codes = g_ptr_array_new ();

              for (guint i = 0; i < vouchers->len; i++)
                {
                  const char *code = sp_voucher_get_code (g_ptr_array_index (vouchers, i));

                  if (g_hash_table_contains (self->chosen, code))
                    g_ptr_array_add (codes, (gpointer) code);
                }
              g_ptr_array_add (codes, NULL);
              self->breakdown = sp_wallet_evaluate (self->wallet, purchase,
                                                    (const char * const *) codes->pdata, &error);
            }
        }
      if (self->breakdown != NULL)
        self->purchase = g_object_ref (purchase);
    }
  if (error != NULL)
    {
      sp_label_show_error (self->error_label, error->message);
    }

  show_figures (self);
  show_vouchers (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggested_button), self->chosen != NULL);
  if (self->breakdown == NULL)
    gtk_label_set_text (self->explanation_label, "");
  else if (self->chosen == NULL)
    {
      g_autofree char *text = sp_breakdown_dup_explanation_text (self->breakdown);

      gtk_label_set_text (self->explanation_label, text);
    }
  else
    gtk_label_set_text (self->explanation_label,
                        _("You chose the vouchers yourself. “Use Suggested” brings back the "
                          "combination with the least net cost."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), self->breakdown != NULL);
}

/* ----------------------------------------------------------- callbacks */

static void
on_input_changed (GtkEditable    *editable,
                  SpRedeemWindow *self)
{
  if (self->ready)
    sp_redeem_window_recompute (self);
}

static void
on_category_changed (GObject        *object,
                     GParamSpec     *pspec,
                     SpRedeemWindow *self)
{
  if (self->ready)
    sp_redeem_window_recompute (self);
}

static void
on_voucher_toggled (GtkCheckButton *check,
                    SpRedeemWindow *self)
{
  if (self->building)
    return;
  sp_redeem_window_set_voucher_used (self, g_object_get_data (G_OBJECT (check), "sp-code"),
                                     gtk_check_button_get_active (check));
}

static void
on_suggested_clicked (GtkButton      *button,
                      SpRedeemWindow *self)
{
  sp_redeem_window_use_suggested (self);
}

/* ------------------------------------------------------------ GObject */

static void
sp_redeem_window_dispose (GObject *object)
{
  SpRedeemWindow *self = SP_REDEEM_WINDOW (object);

  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_REDEEM_WINDOW);
  g_clear_object (&self->breakdown);
  g_clear_object (&self->purchase);
  g_clear_object (&self->wallet);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_object (&self->offer);

  G_OBJECT_CLASS (sp_redeem_window_parent_class)->dispose (object);
}

static void
sp_redeem_window_finalize (GObject *object)
{
  SpRedeemWindow *self = SP_REDEEM_WINDOW (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->pay_currency, g_free);

  G_OBJECT_CLASS (sp_redeem_window_parent_class)->finalize (object);
}

static void
sp_redeem_window_class_init (SpRedeemWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_redeem_window_dispose;
  object_class->finalize = sp_redeem_window_finalize;

  /**
   * SpRedeemWindow::purchase-recorded:
   * @purchase_id: the id of the recorded purchase
   */
  signals[SIGNAL_PURCHASE_RECORDED] = g_signal_new ("purchase-recorded", G_TYPE_FROM_CLASS (klass),
                                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                    G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-redeem-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, offer_row);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, output_row);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, category_row);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, date_row);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, cost_row_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, cash_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, net_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, list_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, platform_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, prepaid_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, government_now_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, government_later_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, cash_row_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, net_row_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, vouchers_group);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, suggested_button);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, vouchers_list);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, no_vouchers_label);
  gtk_widget_class_bind_template_child (widget_class, SpRedeemWindow, explanation_label);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_suggested_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_confirm_clicked",
                                                G_CALLBACK (sp_redeem_window_on_confirm_clicked));

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_redeem_window_init (SpRedeemWindow *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rate = SP_MONEY_SCALE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The offer's row: its name, its price (and the rate it is paid at) and
 * where the price comes from; the quantity fields its kind asks for. */
static void
show_offer (SpRedeemWindow *self,
            SpOffer        *offer)
{
  const char *currency = sp_offer_get_currency (offer);
  g_autofree char *price = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->offer_row), sp_offer_get_name (offer));
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      g_autofree char *in = sp_format_money (sp_offer_get_input_price (offer), currency);
      g_autofree char *out = sp_format_money (sp_offer_get_output_price (offer), currency);

      /* Translators: ¥4.00 input, ¥12.00 output per 1M tokens */
      price = g_strdup_printf (_("%s input, %s output per 1M tokens"), in, out);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row), _("Input tokens (millions)"));
      gtk_widget_set_visible (GTK_WIDGET (self->output_row), TRUE);
    }
  else
    {
      g_autofree char *p = sp_format_money (sp_offer_get_price (offer), currency);

      /* Translators: ¥24.50 per card-hour */
      price = g_strdup_printf (_("%s per %s"), p, sp_format_unit (sp_offer_get_kind (offer)));
      if (sp_offer_get_kind (offer) == SP_OFFER_KIND_CPU)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row), _("Core-hours"));
    }
  if (self->pay_currency != NULL)
    {
      g_autofree char *rate = sp_money_to_string (self->rate, 2);

      /* Translators: ¥24.50 per card-hour · vendor · paid in CNY at 7.20 per USD */
      subtitle = g_strdup_printf (_("%s · %s · paid in %s at %s per %s"), price, sp_format_vendor (offer),
                                  self->pay_currency, rate, currency);
    }
  else
    subtitle = g_strdup_printf ("%s · %s", price, sp_format_vendor (offer));
  /* the price label carries its source (issue 13) */
  {
    g_autofree char *source = sp_format_price_source (offer);

    if (source != NULL)
      {
        char *with_source = g_strdup_printf ("%s\n%s", subtitle, source);

        g_free (subtitle);
        subtitle = with_source;
        adw_action_row_set_subtitle_lines (self->offer_row, 3);
      }
  }
  adw_action_row_set_subtitle (self->offer_row, subtitle);
}

SpRedeemWindow *
sp_redeem_window_new (SpApplication *app,
                      SpOffer       *offer)
{
  SpRedeemWindow *self;
  SpPriceContext *ctx;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = sp_date_to_iso (sp_date_today ());

  g_return_val_if_fail (SP_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);

  self = g_object_new (SP_TYPE_REDEEM_WINDOW, "application", app,
                       "transient-for", gtk_application_get_active_window (GTK_APPLICATION (app)),
                       NULL);
  self->offer = g_object_ref (offer);
  ctx = sp_application_get_price_context (app);
  self->usd_cny = sp_price_context_get_usd_cny (ctx);
  {
    const char *pay_currency;

    /* vouchers are in yuan: a dollar offer is paid in yuan when the display
     * currency is CNY (sp-effective-price.h) */
    if (sp_offer_pay_currency (offer, ctx, &pay_currency, &self->rate))
      self->pay_currency = g_strdup (pay_currency);
  }

  self->service = g_object_ref (sp_application_get_store_service (app));
  g_signal_connect (self->service, "wallet-changed", G_CALLBACK (on_wallet_changed), self);

  show_offer (self, offer);
  adw_combo_row_set_selected (self->category_row, sp_offer_default_category (offer));

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), "1");
  self->ready = TRUE;
  sp_redeem_window_recompute (self);
  return self;
}

gboolean
sp_redeem_window_is_busy (SpRedeemWindow *self)
{
  g_return_val_if_fail (SP_IS_REDEEM_WINDOW (self), FALSE);
  return self->loading_date != 0;
}

void
sp_redeem_window_emit_purchase_recorded (SpRedeemWindow *self,
                                         gint64          purchase_id)
{
  g_signal_emit (self, signals[SIGNAL_PURCHASE_RECORDED], 0, purchase_id);
}
