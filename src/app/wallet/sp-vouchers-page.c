/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page.c — the Vouchers page: the wallet, claims and history
 *
 * The page keeps its own SpStore on the application's database (like the
 * Sources page) and rebuilds its rows from the store whenever it is shown
 * or something changed: the wallet is small.  Government vouchers show
 * their programme (in the UI language), face value, balance and what is
 * left of the programme's yearly cap; platform discounts their terms;
 * prepaid packs their balance or quantity.  Claims of programmes that pay
 * after settlement can be advanced (pending → filed → paid) once their
 * evidence is ticked; the history lists every recorded purchase, which can
 * be voided (balances come back), and the audit trail of voucher changes. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-async-wait.h"
#include "sp-vouchers-page-private.h"

/* How many audit events the history shows */
#define MAX_EVENTS 100

struct _SpVouchersPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkStack            *state_stack;
  AdwPreferencesGroup *wallet_group;
  AdwPreferencesGroup *government_group;
  AdwPreferencesGroup *discount_group;
  AdwPreferencesGroup *prepaid_group;
  AdwPreferencesGroup *claims_group;
  AdwPreferencesGroup *history_group;
  GtkListBox          *government_list;
  GtkListBox          *discount_list;
  GtkListBox          *prepaid_list;
  GtkListBox          *claims_list;
  GtkListBox          *history_list;

  /* owned */
  SpStoreService      *service;
  GCancellable        *reload_cancellable;
  GHashTable          *cap_left;     /* programme id → SpMoney*, as last read */
  GPtrArray           *programme_list; /* SpProgramme by id, as last read */
  GHashTable          *rows;         /* code → AdwActionRow (owned by the lists) */
  GHashTable          *programmes;   /* id → SpProgramme */
  GtkFileChooserNative *chooser;
  GCancellable        *cancellable;
  guint                n_purchases;
  guint                n_live_purchases;
  guint                n_claims;
  guint                reload_id;
  gboolean             building;     /* ignore widget signals while rows are built */
};

G_DEFINE_FINAL_TYPE (SpVouchersPage, sp_vouchers_page, GTK_TYPE_WIDGET)

/* -------------------------------------------------------------- helpers */

/* What is left of @programme_id's yearly cap, as the last reload read it. */
static SpMoney
lookup_cap_left (SpVouchersPage *self,
                 const char     *programme_id)
{
  SpMoney *left = self->cap_left != NULL ? g_hash_table_lookup (self->cap_left, programme_id) : NULL;

  return left != NULL ? *left : SP_MONEY_UNKNOWN;
}

static gboolean
show_toast (SpVouchersPage *self,
            const char     *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return FALSE;
    }
  /* toast titles are markup; messages quote codes and file names */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

static GtkWindow *
parent_window (SpVouchersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static guint32
today_julian (void)
{
  return sp_date_today ();
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const char *
voucher_currency (SpVoucher *v)
{
  const char *currency = sp_voucher_get_currency (v);

  return currency != NULL ? currency : "CNY";
}

/* "12.5% off" */
static char *
percent_text (gint basis_points)
{
  g_autofree char *number = sp_money_to_string ((SpMoney) basis_points * 10000, 0);

  /* Translators: a discount, e.g. “10% off” */
  return g_strdup_printf (_("%s%% off"), number);
}

/* "100 card-hours", "5000000 tokens" */
static char *
quantity_text (SpMoney     quantity,
               const char *unit)
{
  g_autofree char *number = sp_money_to_string (quantity, 0);

  if (g_strcmp0 (unit, "card-hours") == 0)
    return g_strdup_printf (_("%s card-hours"), number);
  if (g_strcmp0 (unit, "core-hours") == 0)
    return g_strdup_printf (_("%s core-hours"), number);
  return g_strdup_printf (_("%s tokens"), number);
}

/* "Valid 2026-01-01 to 2026-12-31", "Valid until …", "Valid from …", NULL */
static char *
validity_text (guint32 from,
               guint32 to)
{
  g_autofree char *from_text = from != 0 ? sp_date_to_iso (from) : NULL;
  g_autofree char *to_text = to != 0 ? sp_date_to_iso (to) : NULL;

  if (from != 0 && to != 0)
    return g_strdup_printf (_("Valid %s to %s"), from_text, to_text);
  if (to != 0)
    return g_strdup_printf (_("Valid until %s"), to_text);
  if (from != 0)
    return g_strdup_printf (_("Valid from %s"), from_text);
  return NULL;
}

typedef enum {
  STATUS_NORMAL,
  STATUS_WARNING,
  STATUS_DIM,
} StatusStyle;

/* What the voucher's state is today: used, used up, expired, expiring soon */
static char *
status_text (SpVoucher   *v,
             guint32      today,
             StatusStyle *style)
{
  guint32 from = sp_voucher_get_valid_from (v);
  guint32 to = sp_voucher_get_valid_to (v);

  *style = STATUS_DIM;
  if (sp_voucher_get_kind (v) == SP_VOUCHER_DISCOUNT)
    {
      if (sp_voucher_get_single_use (v) && sp_voucher_get_used (v))
        return g_strdup (_("Used"));
    }
  else if (sp_voucher_get_balance (v) <= 0)
    return g_strdup (_("Used up"));
  if (to != 0 && today > to)
    return g_strdup (_("Expired"));
  if (from != 0 && today < from)
    return g_strdup (_("Not valid yet"));
  if (to != 0 && to - today <= SP_WALLET_REMINDER_DAYS)
    {
      guint days = to - today;

      *style = STATUS_WARNING;
      if (days == 0)
        return g_strdup (_("Last day today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expires in %u day",
                                           "Expires in %u days", days), days);
    }
  *style = STATUS_NORMAL;
  return g_strdup ("");
}

static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* ------------------------------------------------------------ voucher rows */

static void
on_delete_clicked (GtkButton      *button,
                   SpVouchersPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "sp-code");

  sp_vouchers_page_ask_remove (self, code);
}

static AdwActionRow *
voucher_row_new (SpVouchersPage *self,
                 SpVoucher      *v,
                 guint32         today)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  const char *code = sp_voucher_get_code (v);
  const char *label = sp_voucher_get_label (v);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *status = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *delete_label = NULL;
  char *second_line = NULL;
  StatusStyle style;
  GtkWidget *box, *amount_label, *status_label, *delete_button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_ptr_array_add (parts, g_strdup (code));

  switch (sp_voucher_get_kind (v))
    {
    case SP_VOUCHER_GOVERNMENT:
      {
        SpProgramme *p = g_hash_table_lookup (self->programmes, sp_voucher_get_programme (v));
        g_autofree char *face = sp_format_money (sp_voucher_get_face_value (v), voucher_currency (v));
        SpMoney cap_left;

        title = g_strdup (label != NULL ? label
                          : p != NULL ? sp_programme_get_name (p)
                          : sp_voucher_get_programme (v));
        if (label != NULL && p != NULL)
          g_ptr_array_add (parts, g_strdup (sp_programme_get_name (p)));
        g_ptr_array_add (parts, g_strdup_printf (_("Face value %s"), face));
        amount = sp_format_money (sp_voucher_get_balance (v), voucher_currency (v));
        if (p == NULL)
          second_line = g_strdup (_("Programme not known: import its definition"));
        else
          {
            const char *payout = sp_programme_get_payout (p) == SP_PAYOUT_AFTER_SETTLEMENT
                                 ? _("reimbursed after settlement") : _("deducted when paying");

            cap_left = lookup_cap_left (self, sp_programme_get_id (p));
            if (cap_left == SP_MONEY_UNKNOWN)
              second_line = g_strdup_printf (_("No yearly cap · %s"), payout);
            else
              {
                g_autofree char *cap = sp_format_money (cap_left, sp_programme_get_currency (p));

                second_line = g_strdup_printf (_("Yearly cap left %s · %s"), cap, payout);
              }
          }
      }
      break;

    case SP_VOUCHER_DISCOUNT:
      {
        const char * const *vendors = sp_voucher_get_vendors (v);
        SpMoney min_spend = sp_voucher_get_min_spend (v);

        if (sp_voucher_get_percent (v) != SP_RATE_NONE)
          amount = percent_text (sp_voucher_get_percent (v));
        else
          {
            g_autofree char *off = sp_format_money (sp_voucher_get_amount (v), voucher_currency (v));

            /* Translators: a discount, e.g. “¥200.00 off” */
            amount = g_strdup_printf (_("%s off"), off);
          }
        if (label != NULL)
          title = g_strdup (label);
        else if (vendors != NULL && vendors[0] != NULL)
          {
            g_autofree char *list = sp_label_vendors (vendors);

            title = g_strdup_printf (_("Discount at %s"), list);
          }
        else
          title = g_strdup (_("Platform discount"));
        if (min_spend != SP_MONEY_UNKNOWN && min_spend > 0)
          {
            g_autofree char *min = sp_format_money (min_spend, voucher_currency (v));

            g_ptr_array_add (parts, g_strdup_printf (_("Minimum spend %s"), min));
          }
        if (sp_voucher_get_single_use (v))
          g_ptr_array_add (parts, g_strdup (_("Single use")));
        if (label != NULL && vendors != NULL && vendors[0] != NULL)
          {
            g_autofree char *list = sp_label_vendors (vendors);

            g_ptr_array_add (parts, g_strdup_printf (_("Only at %s"), list));
          }
        else if (vendors == NULL || vendors[0] == NULL)
          g_ptr_array_add (parts, g_strdup (_("Any vendor")));
      }
      break;

    case SP_VOUCHER_PREPAID:
    default:
      {
        const char * const *vendors = sp_voucher_get_vendors (v);
        const char *vendor = sp_label_vendor (vendors != NULL ? vendors[0] : NULL);

        if (sp_voucher_get_unit (v) != NULL)
          amount = quantity_text (sp_voucher_get_balance (v), sp_voucher_get_unit (v));
        else
          amount = sp_format_money (sp_voucher_get_balance (v), voucher_currency (v));
        if (label != NULL)
          title = g_strdup (label);
        else if (sp_voucher_get_unit (v) != NULL)
          title = g_strdup_printf (_("Resource pack at %s"), vendor);
        else
          title = g_strdup_printf (_("Prepaid balance at %s"), vendor);
      }
      break;
    }

  validity = validity_text (sp_voucher_get_valid_from (v), sp_voucher_get_valid_to (v));
  if (validity != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&validity));
  subtitle = join_parts (parts);
  if (second_line != NULL)
    {
      char *two = g_strconcat (subtitle, "\n", second_line, NULL);

      g_free (subtitle);
      subtitle = two;
      g_free (second_line);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  amount_label = gtk_label_new (amount);
  gtk_label_set_xalign (GTK_LABEL (amount_label), 1.0);
  gtk_widget_add_css_class (amount_label, "heading");
  gtk_widget_add_css_class (amount_label, "numeric");
  gtk_box_append (GTK_BOX (box), amount_label);
  status = status_text (v, today, &style);
  status_label = gtk_label_new (status);
  gtk_label_set_xalign (GTK_LABEL (status_label), 1.0);
  gtk_widget_add_css_class (status_label, "caption");
  gtk_widget_set_visible (status_label, *status != '\0');
  if (style == STATUS_WARNING)
    gtk_widget_add_css_class (status_label, "warning");
  else
    gtk_widget_add_css_class (status_label, "dim-label");
  gtk_box_append (GTK_BOX (box), status_label);
  adw_action_row_add_suffix (row, box);
  if (style == STATUS_DIM)
    gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");

  delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  gtk_widget_set_tooltip_text (delete_button, _("Delete Voucher"));
  delete_label = g_strdup_printf (_("Delete voucher %s"), code);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  g_object_set_data_full (G_OBJECT (delete_button), "sp-code", g_strdup (code), g_free);
  g_signal_connect (delete_button, "clicked", G_CALLBACK (on_delete_clicked), self);
  adw_action_row_add_suffix (row, delete_button);

  g_object_set_data (G_OBJECT (row), "sp-amount-label", amount_label);
  g_object_set_data (G_OBJECT (row), "sp-status-label", status_label);
  return row;
}

/* ------------------------------------------------------------- claims */

static const char *
evidence_title (SpEvidence e)
{
  switch (e)
    {
    case SP_EVIDENCE_CONTRACT:
      return _("Signed contract");
    case SP_EVIDENCE_SETTLEMENT:
      return _("Settlement or usage statement");
    case SP_EVIDENCE_FAPIAO:
    default:
      return _("Fapiao (发票)");
    }
}

static void schedule_reload (SpVouchersPage *self);
static void show_snapshot (SpVouchersPage *self, SpWalletSnapshot *snap);

/* A change handed to the store service; the page reloads when the service
 * says the wallet changed. */
typedef struct {
  SpVouchersPage  *self;
  SpVoucherDialog *dialog;      /* add: finished with the outcome */
  const char      *done_text;   /* toast on success (translated), or NULL */
} Change;

static Change *
change_new (SpVouchersPage  *self,
            SpVoucherDialog *dialog,
            const char      *done_text)
{
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  change->dialog = dialog != NULL ? g_object_ref (dialog) : NULL;
  change->done_text = done_text;
  return change;
}

static void
change_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Change *change = data;
  g_autoptr(GError) error = NULL;

  if (!sp_store_service_finish (SP_STORE_SERVICE (source), result, &error))
    {
      if (change->dialog != NULL)
        sp_voucher_dialog_finish (change->dialog, error);
      else
        show_toast (change->self, error->message);
      schedule_reload (change->self); /* put the widgets back as stored */
    }
  else
    {
      if (change->dialog != NULL)
        sp_voucher_dialog_finish (change->dialog, NULL);
      if (change->done_text != NULL)
        show_toast (change->self, change->done_text);
    }
  g_clear_object (&change->dialog);
  g_object_unref (change->self);
  g_free (change);
}

static gboolean
update_claim (SpVouchersPage *self,
              AdwExpanderRow *row,
              SpClaimStatus   status,
              SpEvidence      evidence)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "sp-claim-id");

  if (self->service == NULL)
    return FALSE;
  sp_store_service_update_claim_async (self->service, id, status, evidence, NULL, change_done,
                                       change_new (self, NULL, NULL));
  g_object_set_data (G_OBJECT (row), "sp-claim-status", GINT_TO_POINTER (status));
  g_object_set_data (G_OBJECT (row), "sp-claim-evidence", GINT_TO_POINTER (evidence));
  return TRUE;
}

static void
on_claim_status_changed (GtkDropDown    *drop_down,
                         GParamSpec     *pspec,
                         SpVouchersPage *self)
{
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (drop_down), "sp-claim-row");
  SpEvidence evidence = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "sp-claim-evidence"));

  if (self->building)
    return;
  update_claim (self, row, (SpClaimStatus) gtk_drop_down_get_selected (drop_down), evidence);
}

static void
on_evidence_toggled (GtkCheckButton *check,
                     SpVouchersPage *self)
{
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (check), "sp-claim-row");
  SpEvidence bit = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "sp-evidence"));
  SpEvidence evidence = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "sp-claim-evidence"));
  SpClaimStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "sp-claim-status"));

  if (self->building)
    return;
  if (gtk_check_button_get_active (check))
    evidence |= bit;
  else
    evidence &= ~bit;
  update_claim (self, row, status, evidence);
}

static GtkWidget *
claim_row_new (SpVouchersPage *self,
               SpClaim        *claim)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  SpProgramme *p = g_hash_table_lookup (self->programmes, claim->programme_id);
  g_autofree char *expected = sp_format_money (claim->expected, claim->currency);
  g_autofree char *date = claim->purchase_date != 0 ? sp_date_to_iso (claim->purchase_date) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *statuses[] = { C_("claim status", "Pending"), C_("claim status", "Filed"),
                             C_("claim status", "Paid"), NULL };
  GtkWidget *drop_down;
  static const SpEvidence bits[] = { SP_EVIDENCE_CONTRACT, SP_EVIDENCE_SETTLEMENT, SP_EVIDENCE_FAPIAO };

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: a claim, e.g. “Nanning compute vouchers: ¥300.00 expected” */
  title = g_strdup_printf (_("%s: %s expected"),
                           p != NULL ? sp_programme_get_name (p) : claim->programme_id, expected);
  if (claim->description != NULL)
    g_ptr_array_add (parts, g_strdup (claim->description));
  if (date != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("bought %s"), date));
  if (claim->voucher_code != NULL)
    g_ptr_array_add (parts, g_strdup (claim->voucher_code));
  subtitle = join_parts (parts);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (row, subtitle);

  g_object_set_data_full (G_OBJECT (row), "sp-claim-id", g_memdup2 (&claim->id, sizeof claim->id), g_free);
  g_object_set_data (G_OBJECT (row), "sp-claim-status", GINT_TO_POINTER (claim->status));
  g_object_set_data (G_OBJECT (row), "sp-claim-evidence", GINT_TO_POINTER (claim->evidence));

  drop_down = gtk_drop_down_new_from_strings (statuses);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), MIN ((guint) claim->status, 2));
  gtk_widget_set_tooltip_text (drop_down, _("Claim status"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Claim status"), -1);
  g_object_set_data (G_OBJECT (drop_down), "sp-claim-row", row);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_claim_status_changed), self);
  adw_expander_row_add_action (row, drop_down);

  for (gsize i = 0; i < G_N_ELEMENTS (bits); i++)
    {
      GtkWidget *item = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), evidence_title (bits[i]));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (claim->evidence & bits[i]) != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (item), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item), check);
      g_object_set_data (G_OBJECT (check), "sp-claim-row", row);
      g_object_set_data (G_OBJECT (check), "sp-evidence", GINT_TO_POINTER (bits[i]));
      g_signal_connect (check, "toggled", G_CALLBACK (on_evidence_toggled), self);
      adw_expander_row_add_row (row, item);
    }
  return GTK_WIDGET (row);
}

/* ------------------------------------------------------------- history */

static void
on_void_clicked (GtkButton      *button,
                 SpVouchersPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "sp-purchase-id");

  sp_vouchers_page_ask_void (self, id);
}

static const char *
kind_text (SpVoucherKind kind)
{
  switch (kind)
    {
    case SP_VOUCHER_GOVERNMENT:
      return _("Government voucher");
    case SP_VOUCHER_DISCOUNT:
      return _("Platform discount");
    case SP_VOUCHER_PREPAID:
    default:
      return _("Prepaid");
    }
}

static GtkWidget *
purchase_row_new (SpVouchersPage   *self,
                  SpPurchaseRecord *rec)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_autofree char *date = sp_date_to_iso (rec->date);
  g_autofree char *list = sp_format_money (rec->list, rec->currency);
  g_autofree char *cash = sp_format_money (rec->company_cash, rec->currency);
  g_autofree char *net = sp_format_money (rec->net, rec->currency);
  g_autofree char *subtitle = NULL;
  GtkWidget *summary;
  g_autofree char *summary_text = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 rec->description != NULL ? rec->description : _("Purchase"));
  if (rec->voided_at != 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (rec->voided_at);
      g_autofree char *voided = g_date_time_format (when, "%Y-%m-%d");

      /* Translators: 2026-03-05 · list ¥2450.00 · voided 2026-03-06 */
      subtitle = g_strdup_printf (_("%s · list %s · voided %s"), date, list, voided);
      gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
    }
  else
    /* Translators: 2026-03-05 · list ¥2450.00 · the company paid ¥1764.00 */
    subtitle = g_strdup_printf (_("%s · list %s · the company paid %s"), date, list, cash);
  adw_expander_row_set_subtitle (row, subtitle);

  if (rec->voided_at == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Void…"));
      g_autofree char *a11y = g_strdup_printf (_("Void purchase of %s"),
                                               rec->description != NULL ? rec->description : date);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Cancel this purchase and give the vouchers back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (button), "sp-purchase-id",
                              g_memdup2 (&rec->id, sizeof rec->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_void_clicked), self);
      adw_expander_row_add_action (row, button);
    }
  else
    {
      GtkWidget *label = gtk_label_new (_("Voided"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_expander_row_add_action (row, label);
    }

  for (guint i = 0; rec->draws != NULL && i < rec->draws->len; i++)
    {
      SpPurchaseDraw *d = &g_array_index (rec->draws, SpPurchaseDraw, i);
      GtkWidget *item = adw_action_row_new ();
      g_autofree char *amount = sp_format_money (d->amount, rec->currency);
      g_autofree char *text = g_strdup_printf ("−%s", amount);
      GtkWidget *label = gtk_label_new (text);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), d->code);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item),
                                   d->reimbursed_later ? _("Government voucher, reimbursed after settlement")
                                                       : kind_text (d->kind));
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (item), label);
      adw_expander_row_add_row (row, item);
    }
  {
    g_autofree char *platform = sp_format_money (rec->platform, rec->currency);
    g_autofree char *prepaid = sp_format_money (rec->prepaid, rec->currency);
    g_autofree char *government = sp_format_money (rec->government, rec->currency);

    summary_text = g_strdup_printf (_("Platform %s · prepaid %s · government %s · net after reimbursement %s"),
                                    platform, prepaid, government, net);
  }
  summary = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (summary), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (summary), _("Who paid what"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (summary), summary_text);
  adw_expander_row_add_row (row, summary);
  return GTK_WIDGET (row);
}

static const char *
event_action_text (const char *action)
{
  if (g_strcmp0 (action, "add") == 0)
    return _("added");
  if (g_strcmp0 (action, "import") == 0)
    return _("imported");
  if (g_strcmp0 (action, "draw") == 0)
    return _("drawn");
  if (g_strcmp0 (action, "use") == 0)
    return _("used");
  if (g_strcmp0 (action, "restore") == 0)
    return _("restored");
  if (g_strcmp0 (action, "unuse") == 0)
    return _("usable again");
  if (g_strcmp0 (action, "remove") == 0)
    return _("deleted");
  return action;
}

static GtkWidget *
events_row_new (SpVouchersPage *self,
                GArray         *events)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  guint shown = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Voucher Changes"));
  adw_expander_row_set_subtitle (row, _("Every change to a balance, newest first"));
  for (guint i = events->len; i > 0 && shown < MAX_EVENTS; i--, shown++)
    {
      SpVoucherEvent *e = &g_array_index (events, SpVoucherEvent, i - 1);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (e->time);
      g_autofree char *time = g_date_time_format (when, "%Y-%m-%d %H:%M");
      g_autofree char *title = g_strdup_printf ("%s · %s", e->code, event_action_text (e->action));
      GtkWidget *item = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), title);
      if (e->delta != 0 && e->delta != SP_MONEY_UNKNOWN)
        {
          g_autofree char *delta = sp_money_to_string (e->delta, 2);
          g_autofree char *after = e->balance_after != SP_MONEY_UNKNOWN
                                   ? sp_money_to_string (e->balance_after, 2) : NULL;
          g_autofree char *sub = after != NULL
                                 /* Translators: time · change · balance after */
                                 ? g_strdup_printf (_("%s · %s%s, balance %s"), time,
                                                    e->delta > 0 ? "+" : "", delta, after)
                                 : g_strdup_printf ("%s · %s%s", time, e->delta > 0 ? "+" : "", delta);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (item), sub);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (item), time);
      adw_expander_row_add_row (row, item);
    }
  return GTK_WIDGET (row);
}

/* --------------------------------------------------------------- reload */

static gboolean
reload_idle (gpointer data)
{
  SpVouchersPage *self = data;

  self->reload_id = 0;
  sp_vouchers_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (SpVouchersPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle, self);
}

static void
snapshot_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SpVouchersPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpWalletSnapshot) snap = sp_store_service_load_snapshot_finish (SP_STORE_SERVICE (source),
                                                                            result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->reload_cancellable);
  if (snap == NULL)
    show_toast (self, error->message);
  else
    show_snapshot (self, snap);
  g_object_unref (self);
}

/* Reads the wallet again through the store service; the page shows it when
 * it is there. */
void
sp_vouchers_page_reload (SpVouchersPage *self)
{
  g_return_if_fail (SP_IS_VOUCHERS_PAGE (self));
  if (self->service == NULL)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  self->reload_cancellable = g_cancellable_new ();
  sp_store_service_load_snapshot_async (self->service, self->reload_cancellable, snapshot_loaded,
                                        g_object_ref (self));
}

static void
show_snapshot (SpVouchersPage   *self,
               SpWalletSnapshot *snap)
{
  GPtrArray *programmes = snap->programmes;
  GPtrArray *vouchers = snap->vouchers;
  GPtrArray *claims = snap->claims;
  GPtrArray *purchases = snap->purchases;
  GArray *events = snap->events;
  guint32 today = today_julian ();
  guint n_gov = 0, n_discount = 0, n_prepaid = 0, n_reminders = 0;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->cap_left, g_hash_table_unref);
  self->cap_left = g_hash_table_ref (snap->cap_left);
  g_clear_pointer (&self->programme_list, g_ptr_array_unref);
  self->programme_list = g_ptr_array_ref (snap->programmes);
  self->building = TRUE;
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->programmes);
  for (guint i = 0; i < programmes->len; i++)
    {
      SpProgramme *p = g_ptr_array_index (programmes, i);

      g_hash_table_insert (self->programmes, g_strdup (sp_programme_get_id (p)), g_object_ref (p));
    }

  clear_list (self->government_list);
  clear_list (self->discount_list);
  clear_list (self->prepaid_list);
  clear_list (self->claims_list);
  clear_list (self->history_list);

  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = g_ptr_array_index (vouchers, i);
      AdwActionRow *row = voucher_row_new (self, v, today);
      GtkListBox *list;
      StatusStyle style;

      g_free (status_text (v, today, &style));
      switch (sp_voucher_get_kind (v))
        {
        case SP_VOUCHER_GOVERNMENT:
          list = self->government_list, n_gov++;
          break;
        case SP_VOUCHER_DISCOUNT:
          list = self->discount_list, n_discount++;
          break;
        case SP_VOUCHER_PREPAID:
        default:
          list = self->prepaid_list, n_prepaid++;
          break;
        }
      if (style == STATUS_WARNING)
        n_reminders++;
      gtk_list_box_append (list, GTK_WIDGET (row));
      g_hash_table_insert (self->rows, g_strdup (sp_voucher_get_code (v)), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->government_group), n_gov > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->discount_group), n_discount > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->prepaid_group), n_prepaid > 0);

  self->n_claims = claims->len;
  for (guint i = 0; i < claims->len; i++)
    gtk_list_box_append (self->claims_list, claim_row_new (self, g_ptr_array_index (claims, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->claims_group), claims->len > 0);

  self->n_purchases = purchases->len;
  self->n_live_purchases = 0;
  for (guint i = 0; i < purchases->len; i++)
    {
      SpPurchaseRecord *rec = g_ptr_array_index (purchases, i);

      if (rec->voided_at == 0)
        self->n_live_purchases++;
      gtk_list_box_append (self->history_list, purchase_row_new (self, rec));
    }
  if (events->len > 0)
    gtk_list_box_append (self->history_list, events_row_new (self, events));
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), purchases->len > 0 || events->len > 0);

  if (vouchers->len == 0)
    summary = g_strdup (_("No vouchers left. Past purchases are kept below."));
  else if (n_reminders > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u voucher; %u expires within 30 days",
                                            "%u vouchers; %u expire within 30 days",
                                            vouchers->len),
                               vouchers->len, n_reminders);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u voucher", "%u vouchers",
                                            vouchers->len), vouchers->len);
  adw_preferences_group_set_description (self->wallet_group, summary);

  gtk_stack_set_visible_child_name (self->state_stack,
                                    vouchers->len > 0 || purchases->len > 0 || claims->len > 0
                                    ? "list" : "empty");
  self->building = FALSE;
}

/* ------------------------------------------------------------- dialogs */

static void
on_dialog_add (SpVoucherDialog *dialog,
               SpVouchersPage  *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpVoucher) voucher = sp_voucher_dialog_build_voucher (dialog, &error);

  if (voucher == NULL || self->service == NULL)
    {
      sp_voucher_dialog_finish (dialog, error);
      return;
    }
  sp_store_service_add_voucher_async (self->service, voucher, NULL, change_done,
                                      change_new (self, dialog, _("Voucher added")));
}

static void open_chooser (SpVouchersPage *self);

static void
on_dialog_import (SpVoucherDialog *dialog,
                  SpVouchersPage  *self)
{
  gtk_window_close (GTK_WINDOW (dialog));
  open_chooser (self);
}

SpVoucherDialog *
sp_vouchers_page_open_dialog (SpVouchersPage *self)
{
  SpVoucherDialog *dialog;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);
  if (self->service == NULL)
    return NULL;
  /* the programmes as the page shows them (read with the wallet) */
  dialog = sp_voucher_dialog_new (self->programme_list);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "add", G_CALLBACK (on_dialog_add), self, 0);
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_dialog_import), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void import_file_data (SpVouchersPage *self, GFile *source, const char *data, gsize len);

/* Whether @data is a programme file (else a voucher file): the importers
 * report syntax errors themselves. */
static gboolean
holds_programmes (const char *data,
                  gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_data (parser, data, (gssize) len, NULL)
         && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         && json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                    "suanpan_programmes");
}

static char *
import_summary (gboolean programmes,
                guint    n)
{
  if (programmes)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u programme",
                                         "Imported %u programmes", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u voucher",
                                       "Added %u vouchers", n), n);
}

static void
imported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpVouchersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *name = g_object_get_data (G_OBJECT (self), "sp-import-name");
  gboolean programmes = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "sp-import-programmes"));
  guint n = 0;

  if (!sp_store_service_import_wallet_finish (SP_STORE_SERVICE (source), result, &n, &error))
    {
      /* Translators: “wallet.json”: what went wrong */
      g_autofree char *message = g_strdup_printf (_("Could not import “%s”: %s"), name, error->message);

      show_toast (self, message);
      return;
    }
  summary = import_summary (programmes, n);
  show_toast (self, summary);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpVouchersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &data, &len, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  import_file_data (self, G_FILE (source), data, len);
}

static void
import_file_data (SpVouchersPage *self,
                  GFile          *source,
                  const char     *data,
                  gsize           len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  gboolean programmes = holds_programmes (data, len);

  if (self->service == NULL)
    return;
  g_object_set_data_full (G_OBJECT (self), "sp-import-name", g_file_get_basename (source), g_free);
  g_object_set_data (G_OBJECT (self), "sp-import-programmes", GINT_TO_POINTER (programmes));
  sp_store_service_import_wallet_async (self->service, bytes, programmes, NULL, imported,
                                        g_object_ref (self));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SpVouchersPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* a local file: the one input check of every import (sp_import_read_input()) */
      if (file != NULL && g_file_peek_path (file) != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *data = NULL;
          gsize len = 0;

          data = sp_import_read_input (g_file_peek_path (file), SP_IMPORT_MAX_WALLET_SIZE, &len,
                                       &error);
          if (data == NULL)
            show_toast (self, error->message);
          else
            import_file_data (self, file, data, len);
        }
      else if (file != NULL)
        g_file_load_contents_async (file, self->cancellable, on_file_loaded, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (SpVouchersPage *self)
{
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import Vouchers or Programmes"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (json, _("Suanpan wallet or programme files (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
action_add (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  sp_vouchers_page_open_dialog (SP_VOUCHERS_PAGE (widget));
}

static void
action_import (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  open_chooser (SP_VOUCHERS_PAGE (widget));
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SpVouchersPage   *self)
{
  const char *code = g_object_get_data (G_OBJECT (dialog), "sp-code");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->service == NULL)
    return;
  sp_store_service_remove_voucher_async (self->service, code, NULL, change_done,
                                         change_new (self, NULL, _("Voucher deleted")));
}

AdwMessageDialog *
sp_vouchers_page_ask_remove (SpVouchersPage *self,
                             const char     *code)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Delete Voucher?"), NULL));
  /* Translators: %s is a voucher code */
  adw_message_dialog_format_body (dialog, _("“%s” and what is left on it are removed from the wallet. "
                                            "Its history is kept."), code);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sp-code", g_strdup (code), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_void_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SpVouchersPage   *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "sp-purchase-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "void") != 0 || self->service == NULL)
    return;
  sp_store_service_void_purchase_async (self->service, id, NULL, change_done,
                                        change_new (self, NULL,
                                                    _("Purchase voided; the vouchers got their balances back")));
}

AdwMessageDialog *
sp_vouchers_page_ask_void (SpVouchersPage *self,
                           gint64          purchase_id)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Void Purchase?"),
                                                       _("The vouchers it used get their balances back, "
                                                         "single-use discounts become usable again and "
                                                         "its claims are cancelled.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "void", _("_Void Purchase"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "void", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sp-purchase-id",
                          g_memdup2 (&purchase_id, sizeof purchase_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_void_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ------------------------------------------------------------ GObject */

static void
sp_vouchers_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sp_vouchers_page_parent_class)->map (widget);
  /* purchases may have been recorded elsewhere (the redeem window, the CLI) */
  sp_vouchers_page_reload (SP_VOUCHERS_PAGE (widget));
}

static void
sp_vouchers_page_dispose (GObject *object)
{
  SpVouchersPage *self = SP_VOUCHERS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_VOUCHERS_PAGE);
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_pointer (&self->cap_left, g_hash_table_unref);
  g_clear_pointer (&self->programme_list, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_vouchers_page_parent_class)->dispose (object);
}

static void
sp_vouchers_page_finalize (GObject *object)
{
  SpVouchersPage *self = SP_VOUCHERS_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->programmes, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sp_vouchers_page_parent_class)->finalize (object);
}

static void
sp_vouchers_page_class_init (SpVouchersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_vouchers_page_dispose;
  object_class->finalize = sp_vouchers_page_finalize;
  widget_class->map = sp_vouchers_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-vouchers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, wallet_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, government_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, discount_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, prepaid_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, claims_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, government_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, discount_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, prepaid_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, claims_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, history_list);

  gtk_widget_class_install_action (widget_class, "vouchers.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "vouchers.import", NULL, action_import);
}

static void
sp_vouchers_page_init (SpVouchersPage *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->programmes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}

/* ---------------------------------------------------------- public API */

static void
on_wallet_changed (SpStoreService *service,
                   SpVouchersPage *self)
{
  schedule_reload (self);
}

void
sp_vouchers_page_load (SpVouchersPage *self,
                       SpApplication  *app)
{
  SpStoreService *service;

  g_return_if_fail (SP_IS_VOUCHERS_PAGE (self));
  g_return_if_fail (SP_IS_APPLICATION (app));

  service = sp_application_get_store_service (app);
  if (service != self->service)
    {
      if (self->service != NULL)
        g_signal_handlers_disconnect_by_data (self->service, self);
      g_set_object (&self->service, service);
      g_signal_connect (service, "wallet-changed", G_CALLBACK (on_wallet_changed), self);
    }
  sp_vouchers_page_reload (self);
}

/* Test hooks: wait for the service, then for the page to show the change. */
static gboolean
wait_change (SpVouchersPage  *self,
             GAsyncResult   **result,
             GError         **error)
{
  gboolean ok = sp_store_service_finish (self->service, sp_async_wait (result), error);

  sp_vouchers_page_wait_idle (self);
  return ok;
}

void
sp_vouchers_page_wait_idle (SpVouchersPage *self)
{
  g_return_if_fail (SP_IS_VOUCHERS_PAGE (self));

  while (self->reload_id != 0 || self->reload_cancellable != NULL)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
sp_vouchers_page_add_voucher (SpVouchersPage  *self,
                              SpVoucher       *voucher,
                              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), FALSE);
  g_return_val_if_fail (SP_IS_VOUCHER (voucher), FALSE);
  g_return_val_if_fail (self->service != NULL, FALSE);

  sp_store_service_add_voucher_async (self->service, voucher, NULL, sp_async_wait_store, &result);
  return wait_change (self, &result, error);
}

gboolean
sp_vouchers_page_import_data (SpVouchersPage  *self,
                              const char      *data,
                              gsize            len,
                              char           **summary,
                              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean programmes;
  guint n = 0;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), FALSE);
  g_return_val_if_fail (self->service != NULL, FALSE);

  bytes = g_bytes_new (data, len);
  programmes = holds_programmes (data, len);
  sp_store_service_import_wallet_async (self->service, bytes, programmes, NULL,
                                        sp_async_wait_store, &result);
  if (!sp_store_service_import_wallet_finish (self->service, sp_async_wait (&result), &n, error))
    return FALSE;
  sp_vouchers_page_wait_idle (self);
  if (summary != NULL)
    *summary = import_summary (programmes, n);
  return TRUE;
}

gboolean
sp_vouchers_page_remove_voucher (SpVouchersPage  *self,
                                 const char      *code,
                                 GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), FALSE);
  g_return_val_if_fail (self->service != NULL, FALSE);

  sp_store_service_remove_voucher_async (self->service, code, NULL, sp_async_wait_store, &result);
  return wait_change (self, &result, error);
}

gboolean
sp_vouchers_page_void_purchase (SpVouchersPage  *self,
                                gint64           purchase_id,
                                GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), FALSE);
  g_return_val_if_fail (self->service != NULL, FALSE);

  sp_store_service_void_purchase_async (self->service, purchase_id, NULL, sp_async_wait_store,
                                        &result);
  return wait_change (self, &result, error);
}

const char *
sp_vouchers_page_get_state (SpVouchersPage *self)
{
  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

AdwActionRow *
sp_vouchers_page_get_row (SpVouchersPage *self,
                          const char     *code)
{
  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);
  return g_hash_table_lookup (self->rows, code);
}

const char *
sp_vouchers_page_get_amount_text (SpVouchersPage *self,
                                  const char     *code)
{
  AdwActionRow *row = sp_vouchers_page_get_row (self, code);

  return row != NULL ? gtk_label_get_text (g_object_get_data (G_OBJECT (row), "sp-amount-label")) : NULL;
}

const char *
sp_vouchers_page_get_status_text (SpVouchersPage *self,
                                  const char     *code)
{
  AdwActionRow *row = sp_vouchers_page_get_row (self, code);

  return row != NULL ? gtk_label_get_text (g_object_get_data (G_OBJECT (row), "sp-status-label")) : NULL;
}

guint
sp_vouchers_page_get_n_purchases (SpVouchersPage *self,
                                  gboolean        include_voided)
{
  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), 0);
  return include_voided ? self->n_purchases : self->n_live_purchases;
}

guint
sp_vouchers_page_get_n_claims (SpVouchersPage *self)
{
  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), 0);
  return self->n_claims;
}
