/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page-rows.c — the Vouchers page's rows: vouchers, claims,
 * purchases and history, and the changes made from them (the page:
 * sp-vouchers-page.c) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-vouchers-page-private.h"

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


/* What the voucher's state is today: used, used up, expired, expiring soon */
char *
sp_vouchers_page_status_text (SpVoucher   *v,
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
on_delete_requested (SpVoucherRow   *row,
                     SpVouchersPage *self)
{
  sp_vouchers_page_ask_remove (self, sp_voucher_row_get_code (row));
}

/* What a voucher's row says: its title, amount, the parts of its first
 * subtitle line (" · "-joined) and an optional second line. */
typedef struct {
  char      *title;
  char      *amount;
  GPtrArray *parts;        /* char*, owned */
  char      *second_line;
} VoucherText;

static void
describe_government (SpVouchersPage *self,
                     SpVoucher      *v,
                     VoucherText    *t)
{
  const char *label = sp_voucher_get_label (v);
  SpProgramme *p = g_hash_table_lookup (self->programmes, sp_voucher_get_programme (v));
  g_autofree char *face = sp_format_money (sp_voucher_get_face_value (v), voucher_currency (v));
  const char *payout;
  SpMoney cap_left;

  t->title = g_strdup (label != NULL ? label
                       : p != NULL ? sp_programme_get_name (p)
                       : sp_voucher_get_programme (v));
  if (label != NULL && p != NULL)
    g_ptr_array_add (t->parts, g_strdup (sp_programme_get_name (p)));
  g_ptr_array_add (t->parts, g_strdup_printf (_("Face value %s"), face));
  t->amount = sp_format_money (sp_voucher_get_balance (v), voucher_currency (v));
  if (p == NULL)
    {
      t->second_line = g_strdup (_("Programme not known: import its definition"));
      return;
    }
  payout = sp_programme_get_payout (p) == SP_PAYOUT_AFTER_SETTLEMENT
           ? _("reimbursed after settlement") : _("deducted when paying");
  cap_left = sp_vouchers_page_lookup_cap_left (self, sp_programme_get_id (p));
  if (cap_left == SP_MONEY_UNKNOWN)
    t->second_line = g_strdup_printf (_("No yearly cap · %s"), payout);
  else
    {
      g_autofree char *cap = sp_format_money (cap_left, sp_programme_get_currency (p));

      t->second_line = g_strdup_printf (_("Yearly cap left %s · %s"), cap, payout);
    }
}

static void
describe_discount (SpVoucher   *v,
                   VoucherText *t)
{
  const char *label = sp_voucher_get_label (v);
  const char * const *vendors = sp_voucher_get_vendors (v);
  gboolean any_vendor = vendors == NULL || vendors[0] == NULL;
  SpMoney min_spend = sp_voucher_get_min_spend (v);

  if (sp_voucher_get_percent (v) != SP_RATE_NONE)
    t->amount = percent_text (sp_voucher_get_percent (v));
  else
    {
      g_autofree char *off = sp_format_money (sp_voucher_get_amount (v), voucher_currency (v));

      /* Translators: a discount, e.g. “¥200.00 off” */
      t->amount = g_strdup_printf (_("%s off"), off);
    }
  if (label != NULL)
    t->title = g_strdup (label);
  else if (!any_vendor)
    {
      g_autofree char *list = sp_label_vendors (vendors);

      t->title = g_strdup_printf (_("Discount at %s"), list);
    }
  else
    t->title = g_strdup (_("Platform discount"));
  if (min_spend != SP_MONEY_UNKNOWN && min_spend > 0)
    {
      g_autofree char *min = sp_format_money (min_spend, voucher_currency (v));

      g_ptr_array_add (t->parts, g_strdup_printf (_("Minimum spend %s"), min));
    }
  if (sp_voucher_get_single_use (v))
    g_ptr_array_add (t->parts, g_strdup (_("Single use")));
  if (label != NULL && !any_vendor)
    {
      g_autofree char *list = sp_label_vendors (vendors);

      g_ptr_array_add (t->parts, g_strdup_printf (_("Only at %s"), list));
    }
  else if (any_vendor)
    g_ptr_array_add (t->parts, g_strdup (_("Any vendor")));
}

static void
describe_prepaid (SpVoucher   *v,
                  VoucherText *t)
{
  const char *label = sp_voucher_get_label (v);
  const char * const *vendors = sp_voucher_get_vendors (v);
  const char *vendor = sp_label_vendor (vendors != NULL ? vendors[0] : NULL);

  if (sp_voucher_get_unit (v) != NULL)
    t->amount = quantity_text (sp_voucher_get_balance (v), sp_voucher_get_unit (v));
  else
    t->amount = sp_format_money (sp_voucher_get_balance (v), voucher_currency (v));
  if (label != NULL)
    t->title = g_strdup (label);
  else if (sp_voucher_get_unit (v) != NULL)
    t->title = g_strdup_printf (_("Resource pack at %s"), vendor);
  else
    t->title = g_strdup_printf (_("Prepaid balance at %s"), vendor);
}

AdwActionRow *
sp_vouchers_page_voucher_row_new (SpVouchersPage *self,
                 SpVoucher      *v,
                 guint32         today)
{
  const char *code = sp_voucher_get_code (v);
  SpVoucherRow *voucher_row = sp_voucher_row_new (code);
  AdwActionRow *row = ADW_ACTION_ROW (voucher_row);
  VoucherText t = { NULL, NULL, g_ptr_array_new_with_free_func (g_free), NULL };
  g_autofree char *subtitle = NULL;
  g_autofree char *status = NULL;
  g_autofree char *validity = NULL;
  StatusStyle style;

  g_ptr_array_add (t.parts, g_strdup (code));
  switch (sp_voucher_get_kind (v))
    {
    case SP_VOUCHER_GOVERNMENT:
      describe_government (self, v, &t);
      break;
    case SP_VOUCHER_DISCOUNT:
      describe_discount (v, &t);
      break;
    case SP_VOUCHER_PREPAID:
    default:
      describe_prepaid (v, &t);
      break;
    }

  validity = validity_text (sp_voucher_get_valid_from (v), sp_voucher_get_valid_to (v));
  if (validity != NULL)
    g_ptr_array_add (t.parts, g_steal_pointer (&validity));
  subtitle = join_parts (t.parts);
  if (t.second_line != NULL)
    {
      char *two = g_strconcat (subtitle, "\n", t.second_line, NULL);

      g_free (subtitle);
      subtitle = two;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t.title);
  adw_action_row_set_subtitle (row, subtitle);

  status = sp_vouchers_page_status_text (v, today, &style);
  sp_voucher_row_set_amount (voucher_row, t.amount, status, style == STATUS_WARNING,
                             style == STATUS_DIM);
  g_signal_connect (voucher_row, "delete-requested", G_CALLBACK (on_delete_requested), self);
  g_free (t.title);
  g_free (t.amount);
  g_free (t.second_line);
  g_ptr_array_unref (t.parts);
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



Change *
sp_vouchers_page_change_new (SpVouchersPage  *self,
            SpVoucherDialog *dialog,
            const char      *done_text)
{
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  self->n_changes++;
  change->dialog = dialog != NULL ? g_object_ref (dialog) : NULL;
  change->done_text = done_text;
  return change;
}

void
sp_vouchers_page_change_done (GObject      *source,
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
        sp_vouchers_page_show_toast (change->self, error->message);
      sp_vouchers_page_schedule_reload (change->self); /* put the widgets back as stored */
    }
  else
    {
      if (change->dialog != NULL)
        sp_voucher_dialog_finish (change->dialog, NULL);
      if (change->done_text != NULL)
        sp_vouchers_page_show_toast (change->self, change->done_text);
    }
  g_clear_object (&change->dialog);
  change->self->n_changes--;
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
  sp_store_service_update_claim_async (self->service, id, status, evidence, NULL, sp_vouchers_page_change_done,
                                       sp_vouchers_page_change_new (self, NULL, NULL));
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

GtkWidget *
sp_vouchers_page_claim_row_new (SpVouchersPage *self,
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

/* A purchase's draw on one voucher: its code, its kind, the amount. */
static GtkWidget *
draw_row_new (SpPurchaseRecord     *rec,
              const SpPurchaseDraw *d)
{
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
  return item;
}

/* "Who paid what": platform, prepaid, government and the net amount. */
static GtkWidget *
who_paid_row_new (SpPurchaseRecord *rec)
{
  GtkWidget *summary = adw_action_row_new ();
  g_autofree char *platform = sp_format_money (rec->platform, rec->currency);
  g_autofree char *prepaid = sp_format_money (rec->prepaid, rec->currency);
  g_autofree char *government = sp_format_money (rec->government, rec->currency);
  g_autofree char *net = sp_format_money (rec->net, rec->currency);
  g_autofree char *summary_text = NULL;

  summary_text = g_strdup_printf (_("Platform %s · prepaid %s · government %s · net after reimbursement %s"),
                                  platform, prepaid, government, net);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (summary), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (summary), _("Who paid what"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (summary), summary_text);
  return summary;
}

GtkWidget *
sp_vouchers_page_purchase_row_new (SpVouchersPage   *self,
                  SpPurchaseRecord *rec)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_autofree char *date = sp_date_to_iso (rec->date);
  g_autofree char *list = sp_format_money (rec->list, rec->currency);
  g_autofree char *cash = sp_format_money (rec->company_cash, rec->currency);
  g_autofree char *subtitle = NULL;

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
    adw_expander_row_add_row (row, draw_row_new (rec, &g_array_index (rec->draws,
                                                                    SpPurchaseDraw, i)));
  adw_expander_row_add_row (row, who_paid_row_new (rec));
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

GtkWidget *
sp_vouchers_page_events_row_new (SpVouchersPage *self,
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

