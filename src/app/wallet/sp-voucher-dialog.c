/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher-dialog.c — add a voucher by hand, or import a file
 *
 * One form for the three kinds: the groups that do not apply to the chosen
 * kind are hidden.  Amounts are parsed exactly (sp_money_parse), never as
 * floating point; dates are whole local days "YYYY-MM-DD". */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-vendors.h"
#include "sp-voucher-dialog.h"
#include "sp-widget-util.h"

struct _SpVoucherDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  GtkButton         *add_button;
  AdwComboRow       *kind_row;
  AdwEntryRow       *code_row;
  AdwEntryRow       *label_row;
  AdwComboRow       *currency_row;
  AdwPreferencesGroup *government_group;
  AdwComboRow       *programme_row;
  AdwEntryRow       *face_row;
  AdwEntryRow       *balance_row;
  AdwPreferencesGroup *discount_group;
  AdwComboRow       *discount_type_row;
  AdwEntryRow       *discount_row;
  AdwEntryRow       *min_spend_row;
  GtkSwitch         *single_use_switch;
  AdwEntryRow       *discount_vendor_row;
  AdwPreferencesGroup *prepaid_group;
  AdwEntryRow       *prepaid_vendor_row;
  AdwComboRow       *unit_row;
  AdwEntryRow       *prepaid_balance_row;
  AdwEntryRow       *valid_from_row;
  AdwEntryRow       *valid_to_row;
  GtkLabel          *error_label;

  /* owned */
  GPtrArray         *programme_ids;  /* char *, parallel to programme_row's model */
};

G_DEFINE_FINAL_TYPE (SpVoucherDialog, sp_voucher_dialog, ADW_TYPE_WINDOW)

G_DEFINE_QUARK (sp-voucher-dialog-error-quark, sp_voucher_dialog_error)

enum {
  SIGNAL_ADD,
  SIGNAL_IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* prepaid units, in the order of unit_row's model */
static const char * const units[] = { NULL, "tokens", "card-hours", "core-hours" };

static gboolean
entry_filled (AdwEntryRow *row)
{
  g_autofree char *text = sp_entry_row_dup_text (row);

  return text != NULL;
}

static const char *
selected_currency (SpVoucherDialog *self)
{
  return adw_combo_row_get_selected (self->currency_row) == 1 ? "USD" : "CNY";
}

static void
update_state (SpVoucherDialog *self)
{
  SpVoucherKind kind = sp_voucher_dialog_get_kind (self);
  gboolean percent = adw_combo_row_get_selected (self->discount_type_row) == 0;
  gboolean money_pack = adw_combo_row_get_selected (self->unit_row) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->government_group), kind == SP_VOUCHER_GOVERNMENT);
  gtk_widget_set_visible (GTK_WIDGET (self->discount_group), kind == SP_VOUCHER_DISCOUNT);
  gtk_widget_set_visible (GTK_WIDGET (self->prepaid_group), kind == SP_VOUCHER_PREPAID);
  /* government amounts are in the programme's currency; percentages and
   * quantity packs have none */
  gtk_widget_set_visible (GTK_WIDGET (self->currency_row),
                          (kind == SP_VOUCHER_DISCOUNT && !percent) ||
                          (kind == SP_VOUCHER_PREPAID && money_pack));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->discount_row),
                                 percent ? _("Percent off") : _("Amount off"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->prepaid_balance_row),
                                 money_pack ? _("Balance") : _("Quantity left"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), sp_voucher_dialog_is_valid (self));
}

static void
on_kind_changed (GObject         *object,
                 GParamSpec      *pspec,
                 SpVoucherDialog *self)
{
  update_state (self);
}

static void
on_entry_changed (GtkEditable     *editable,
                  SpVoucherDialog *self)
{
  sp_label_show_error (self->error_label, NULL);
  update_state (self);
}

static void
on_add_clicked (GtkButton       *button,
                SpVoucherDialog *self)
{
  if (!sp_voucher_dialog_is_valid (self))
    return;
  g_signal_emit (self, signals[SIGNAL_ADD], 0);
}

static void
on_import_clicked (GtkButton       *button,
                   SpVoucherDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
}

/* ------------------------------------------------------------- parsing */

static gboolean
bad_field (GError    **error,
           const char *field_title,
           const char *what)
{
  /* Translators: “Face value (¥)”: not an amount such as 1000.00 */
  g_set_error (error, SP_VOUCHER_DIALOG_ERROR, SP_VOUCHER_DIALOG_ERROR_INVALID,
               _("“%s”: %s"), field_title, what);
  return FALSE;
}

static const char *
row_title (AdwEntryRow *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* An amount ≥ 0 (> 0 with @positive); SP_MONEY_UNKNOWN when empty and
 * not @required. */
static gboolean
parse_amount (AdwEntryRow  *row,
              gboolean      required,
              gboolean      positive,
              SpMoney      *out,
              GError      **error)
{
  g_autofree char *text = sp_entry_row_dup_text (row);

  *out = SP_MONEY_UNKNOWN;
  if (text == NULL)
    return required ? bad_field (error, row_title (row), _("required")) : TRUE;
  if (!sp_money_parse (text, out, NULL) || *out < 0 || *out > SP_MONEY_MAX)
    return bad_field (error, row_title (row), _("not an amount such as 1000.00"));
  if (positive && *out == 0)
    return bad_field (error, row_title (row), _("must be more than zero"));
  return TRUE;
}

static gboolean
parse_date (AdwEntryRow *row,
            guint32     *out,
            GError     **error)
{
  g_autofree char *text = sp_entry_row_dup_text (row);

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!sp_date_parse_iso (text, out))
    return bad_field (error, row_title (row), _("not a date such as 2026-12-31"));
  return TRUE;
}

static gboolean
valid_code (const char *code)
{
  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return g_utf8_strlen (code, -1) <= 64;
}

/* A vendor field takes a vendor's name (阿里云, Lambda) or its id: the
 * voucher stores the id.  Newly allocated; NULL when the text is neither a
 * known name nor an id. */
static char *
vendor_id_of (const char *text);

static gboolean
valid_vendor_id (const char *id)
{
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

static char *
vendor_id_of (const char *text)
{
  const char *known = sp_vendor_find_id (text);

  if (known != NULL)
    return g_strdup (known);
  return valid_vendor_id (text) ? g_strdup (text) : NULL;
}

static SpVoucher *
build_government (SpVoucherDialog  *self,
                  const char       *code,
                  GError          **error)
{
  guint selected = adw_combo_row_get_selected (self->programme_row);
  SpMoney amount, balance;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->programme_ids->len)
    {
      g_set_error (error, SP_VOUCHER_DIALOG_ERROR, SP_VOUCHER_DIALOG_ERROR_INVALID,
                   _("Choose the programme that issued the voucher"));
      return NULL;
    }
  if (!parse_amount (self->face_row, TRUE, TRUE, &amount, error) ||
      !parse_amount (self->balance_row, FALSE, FALSE, &balance, error))
    return NULL;
  if (balance == SP_MONEY_UNKNOWN)
    balance = amount;
  if (balance > amount)
    {
      bad_field (error, row_title (self->balance_row), _("more than the face value"));
      return NULL;
    }
  return sp_voucher_new_government (code, g_ptr_array_index (self->programme_ids, selected),
                                    amount, balance);
}

static SpVoucher *
build_discount (SpVoucherDialog  *self,
                const char       *code,
                GError          **error)
{
  g_autoptr(SpVoucher) voucher = NULL;
  g_autofree char *typed = sp_entry_row_dup_text (self->discount_vendor_row);
  g_autofree char *vendor = typed != NULL ? vendor_id_of (typed) : NULL;
  SpMoney amount, min_spend;

  if (!parse_amount (self->discount_row, TRUE, TRUE, &amount, error) ||
      !parse_amount (self->min_spend_row, FALSE, FALSE, &min_spend, error))
    return NULL;
  if (adw_combo_row_get_selected (self->discount_type_row) == 0)
    {
      /* a percentage with at most two decimals → basis points */
      if (amount > 100 * SP_MONEY_SCALE || amount % (SP_MONEY_SCALE / 100) != 0)
        {
          bad_field (error, row_title (self->discount_row),
                     _("a percentage from 0 to 100 with at most two decimals"));
          return NULL;
        }
      voucher = sp_voucher_new_discount_percent (code, (gint) (amount / (SP_MONEY_SCALE / 100)));
      /* the minimum spend is compared with the list amount, in CNY
       * unless said otherwise */
    }
  else
    voucher = sp_voucher_new_discount_amount (code, amount, selected_currency (self));
  if (typed != NULL)
    {
      const char *vendors[] = { vendor, NULL };

      if (vendor == NULL)
        {
          bad_field (error, row_title (self->discount_vendor_row),
                     _("a vendor’s name or id, such as Lambda or acme-cloud"));
          return NULL;
        }
      sp_voucher_set_vendors (voucher, vendors);
    }
  sp_voucher_set_min_spend (voucher, min_spend);
  sp_voucher_set_single_use (voucher, gtk_switch_get_active (self->single_use_switch));
  return g_steal_pointer (&voucher);
}

static SpVoucher *
build_prepaid (SpVoucherDialog  *self,
               const char       *code,
               GError          **error)
{
  SpVoucher *voucher;
  g_autofree char *typed = sp_entry_row_dup_text (self->prepaid_vendor_row);
  g_autofree char *vendor = typed != NULL ? vendor_id_of (typed) : NULL;
  guint unit = adw_combo_row_get_selected (self->unit_row);
  SpMoney balance;

  if (typed == NULL)
    {
      bad_field (error, row_title (self->prepaid_vendor_row), _("required"));
      return NULL;
    }
  if (vendor == NULL)
    {
      bad_field (error, row_title (self->prepaid_vendor_row),
                 _("a vendor’s name or id, such as Lambda or acme-cloud"));
      return NULL;
    }
  if (!parse_amount (self->prepaid_balance_row, TRUE, FALSE, &balance, error))
    return NULL;
  if (unit >= G_N_ELEMENTS (units))
    unit = 0;
  voucher = sp_voucher_new_prepaid (code, vendor, units[unit], balance);
  if (units[unit] == NULL)
    sp_voucher_set_currency (voucher, selected_currency (self));
  return voucher;
}

SpVoucher *
sp_voucher_dialog_build_voucher (SpVoucherDialog  *self,
                                 GError          **error)
{
  g_autoptr(SpVoucher) voucher = NULL;
  g_autofree char *code = NULL;
  g_autofree char *label = NULL;
  guint32 valid_from, valid_to;

  g_return_val_if_fail (SP_IS_VOUCHER_DIALOG (self), NULL);

  code = sp_entry_row_dup_text (self->code_row);
  label = sp_entry_row_dup_text (self->label_row);
  if (code == NULL)
    {
      bad_field (error, row_title (self->code_row), _("required"));
      return NULL;
    }
  if (!valid_code (code))
    {
      bad_field (error, row_title (self->code_row), _("no spaces, at most 64 characters"));
      return NULL;
    }
  if (!parse_date (self->valid_from_row, &valid_from, error) ||
      !parse_date (self->valid_to_row, &valid_to, error))
    return NULL;
  if (valid_from != 0 && valid_to != 0 && valid_to < valid_from)
    {
      bad_field (error, row_title (self->valid_to_row), _("before the first valid day"));
      return NULL;
    }

  switch (sp_voucher_dialog_get_kind (self))
    {
    case SP_VOUCHER_GOVERNMENT:
      voucher = build_government (self, code, error);
      break;
    case SP_VOUCHER_DISCOUNT:
      voucher = build_discount (self, code, error);
      break;
    case SP_VOUCHER_PREPAID:
    default:
      voucher = build_prepaid (self, code, error);
      break;
    }
  if (voucher == NULL)
    return NULL;

  if (label != NULL)
    sp_voucher_set_label (voucher, label);
  sp_voucher_set_validity (voucher, valid_from, valid_to);
  return g_steal_pointer (&voucher);
}

/* ------------------------------------------------------------ GObject */

static void
sp_voucher_dialog_dispose (GObject *object)
{
  SpVoucherDialog *self = SP_VOUCHER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_VOUCHER_DIALOG);
  g_clear_pointer (&self->programme_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_voucher_dialog_parent_class)->dispose (object);
}

static void
sp_voucher_dialog_class_init (SpVoucherDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_voucher_dialog_dispose;

  /**
   * SpVoucherDialog::add:
   *
   * The user pressed Add with the required fields filled.
   */
  signals[SIGNAL_ADD] = g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SpVoucherDialog::import:
   *
   * The user asked to import a file instead.
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-voucher-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, government_group);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, programme_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, face_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, balance_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, discount_group);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, discount_type_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, discount_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, min_spend_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, single_use_switch);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, discount_vendor_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, prepaid_group);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, prepaid_vendor_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, prepaid_balance_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, valid_to_row);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_voucher_dialog_init (SpVoucherDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->programme_ids = g_ptr_array_new_with_free_func (g_free);
}

SpVoucherDialog *
sp_voucher_dialog_new (GPtrArray *programmes)
{
  SpVoucherDialog *self = g_object_new (SP_TYPE_VOUCHER_DIALOG, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; programmes != NULL && i < programmes->len; i++)
    {
      SpProgramme *p = g_ptr_array_index (programmes, i);

      gtk_string_list_append (names, sp_programme_get_name (p));
      g_ptr_array_add (self->programme_ids, g_strdup (sp_programme_get_id (p)));
    }
  adw_combo_row_set_model (self->programme_row, G_LIST_MODEL (names));
  update_state (self);
  return self;
}

void
sp_voucher_dialog_set_kind (SpVoucherDialog *self,
                            SpVoucherKind    kind)
{
  g_return_if_fail (SP_IS_VOUCHER_DIALOG (self));
  adw_combo_row_set_selected (self->kind_row, (guint) kind);
}

SpVoucherKind
sp_voucher_dialog_get_kind (SpVoucherDialog *self)
{
  guint selected;

  g_return_val_if_fail (SP_IS_VOUCHER_DIALOG (self), SP_VOUCHER_GOVERNMENT);
  selected = adw_combo_row_get_selected (self->kind_row);
  return selected <= SP_VOUCHER_PREPAID ? (SpVoucherKind) selected : SP_VOUCHER_GOVERNMENT;
}

gboolean
sp_voucher_dialog_set_field (SpVoucherDialog *self,
                             const char      *field,
                             const char      *text)
{
  struct { const char *name; AdwEntryRow *row; } fields[] = {
    { "code", self->code_row },
    { "label", self->label_row },
    { "face-value", self->face_row },
    { "balance", self->balance_row },
    { "discount", self->discount_row },
    { "min-spend", self->min_spend_row },
    { "discount-vendor", self->discount_vendor_row },
    { "prepaid-vendor", self->prepaid_vendor_row },
    { "prepaid-balance", self->prepaid_balance_row },
    { "valid-from", self->valid_from_row },
    { "valid-to", self->valid_to_row },
  };

  g_return_val_if_fail (SP_IS_VOUCHER_DIALOG (self), FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, field) == 0)
      {
        gtk_editable_set_text (GTK_EDITABLE (fields[i].row), text != NULL ? text : "");
        return TRUE;
      }
  return FALSE;
}

gboolean
sp_voucher_dialog_set_programme (SpVoucherDialog *self,
                                 const char      *programme_id)
{
  g_return_val_if_fail (SP_IS_VOUCHER_DIALOG (self), FALSE);
  for (guint i = 0; i < self->programme_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->programme_ids, i), programme_id) == 0)
      {
        adw_combo_row_set_selected (self->programme_row, i);
        return TRUE;
      }
  return FALSE;
}

void
sp_voucher_dialog_set_percent (SpVoucherDialog *self,
                               gboolean         percent)
{
  g_return_if_fail (SP_IS_VOUCHER_DIALOG (self));
  adw_combo_row_set_selected (self->discount_type_row, percent ? 0 : 1);
}

void
sp_voucher_dialog_set_single_use (SpVoucherDialog *self,
                                  gboolean         single_use)
{
  g_return_if_fail (SP_IS_VOUCHER_DIALOG (self));
  gtk_switch_set_active (self->single_use_switch, single_use);
}

void
sp_voucher_dialog_set_unit (SpVoucherDialog *self,
                            const char      *unit)
{
  g_return_if_fail (SP_IS_VOUCHER_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (units[i], unit) == 0)
      adw_combo_row_set_selected (self->unit_row, i);
}

gboolean
sp_voucher_dialog_is_valid (SpVoucherDialog *self)
{
  g_return_val_if_fail (SP_IS_VOUCHER_DIALOG (self), FALSE);

  if (!entry_filled (self->code_row))
    return FALSE;
  switch (sp_voucher_dialog_get_kind (self))
    {
    case SP_VOUCHER_GOVERNMENT:
      return self->programme_ids->len > 0 && entry_filled (self->face_row);
    case SP_VOUCHER_DISCOUNT:
      return entry_filled (self->discount_row);
    case SP_VOUCHER_PREPAID:
    default:
      return entry_filled (self->prepaid_vendor_row) && entry_filled (self->prepaid_balance_row);
    }
}

void
sp_voucher_dialog_finish (SpVoucherDialog *self,
                          const GError    *error)
{
  g_return_if_fail (SP_IS_VOUCHER_DIALOG (self));

  if (error == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  sp_label_show_error (self->error_label, error->message);
}
