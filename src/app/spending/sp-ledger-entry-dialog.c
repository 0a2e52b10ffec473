/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-entry-dialog.c — add or edit one ledger entry
 *
 * Every amount is typed as decimal text and parsed exactly (sp_money_parse);
 * empty optional amounts are "not given" and completed by the ledger's own
 * rule (sp_ledger_entry_complete), so what the dialog accepts is what the
 * CSV import accepts. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-labels.h"
#include "sp-async-wait.h"
#include "sp-ledger-entry-dialog.h"
#include "sp-vendors.h"
#include "sp-widget-util.h"

typedef enum {
  F_DATE,
  F_VENDOR,
  F_ITEM,
  F_QUANTITY,
  F_UNIT,
  F_PAID,
  F_SUBSIDY,
  F_DISCOUNT,
  F_PREPAID,
  F_LIST,
  F_CURRENCY,
  F_RATE,
  F_RATE_DATE,
  F_CATEGORY,
  F_FAPIAO_NUMBER,
  F_NOTE,
  N_FIELDS
} Field;

/* the CSV column names (sp-ledger-csv.h) */
static const char * const field_names[N_FIELDS] = {
  "date", "vendor", "item", "quantity", "unit", "amount", "subsidy", "platform_discount",
  "prepaid", "list_amount", "currency", "rate_usd_cny", "rate_date", "category",
  "fapiao_number", "note",
};

struct _SpLedgerEntryDialog
{
  AdwWindow      parent_instance;

  /* template widgets */
  AdwEntryRow   *rows[N_FIELDS];
  AdwComboRow   *kind_row;
  AdwComboRow   *fapiao_row;
  GtkSwitch     *refund_switch;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;

  /* owned */
  SpStoreService *service;
  SpLedgerEntry *original;   /* NULL for a new entry */
};

G_DEFINE_FINAL_TYPE (SpLedgerEntryDialog, sp_ledger_entry_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- helpers */

static const char *
field_text (SpLedgerEntryDialog *self,
            Field                f)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->rows[f]));
}

static char *
field_dup (SpLedgerEntryDialog *self,
           Field                f)
{
  return sp_entry_row_dup_text (self->rows[f]);
}

static void
set_text (SpLedgerEntryDialog *self,
          Field                f,
          const char          *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->rows[f]), text ? text : "");
}

/* Vendor, unit and category show labels (sp-labels.h, sp-vendors.h) and
 * store ids: the text of such a field becomes the original entry's id when
 * it still reads as that id's label, else the id whose label it is, else it
 * is free text, kept as typed. */
static const char *
shown_label (Field       f,
             const char *id)
{
  switch (f)
    {
    case F_VENDOR:
      return sp_label_vendor (id);
    case F_UNIT:
      return sp_label_unit (id);
    case F_CATEGORY:
      return sp_label_category (id);
    default:
      return id != NULL ? id : "";
    }
}

static char *
field_id (SpLedgerEntryDialog *self,
          Field                f,
          const char          *original)
{
  g_autofree char *text = field_dup (self, f);
  const char *id = NULL;

  if (text == NULL)
    return NULL;
  if (original != NULL && g_str_equal (text, shown_label (f, original)))
    return g_strdup (original);
  if (f == F_UNIT)
    id = sp_label_unit_id (text);
  else if (f == F_CATEGORY)
    id = sp_label_category_id (text);
  return id != NULL ? g_strdup (id) : g_steal_pointer (&text);
}

static void
set_money (SpLedgerEntryDialog *self,
           Field                f,
           SpMoney              value)
{
  g_autofree char *text = value == SP_MONEY_UNKNOWN ? NULL : sp_money_to_string (value, 0);

  set_text (self, f, text);
}

static const char *
field_title (SpLedgerEntryDialog *self,
             Field                f)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rows[f]));
}

static gboolean
read_money (SpLedgerEntryDialog  *self,
            Field                 f,
            gboolean              required,
            SpMoney              *out,
            GError              **error)
{
  g_autofree char *text = field_dup (self, f);
  g_autoptr(GError) local = NULL;

  if (text == NULL)
    {
      if (required)
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("%s: a number is needed"), field_title (self, f));
          return FALSE;
        }
      *out = SP_MONEY_UNKNOWN;
      return TRUE;
    }
  if (!sp_money_parse (text, out, &local))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("%s: “%s” is not a number"), field_title (self, f), text);
      return FALSE;
    }
  return TRUE;
}

static void
show_error (SpLedgerEntryDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
fill (SpLedgerEntryDialog *self,
      const SpLedgerEntry *e)
{
  set_text (self, F_DATE, e->date);
  set_text (self, F_VENDOR, shown_label (F_VENDOR, e->vendor));
  set_text (self, F_ITEM, e->item);
  set_money (self, F_QUANTITY, e->quantity);
  set_text (self, F_UNIT, shown_label (F_UNIT, e->unit));
  set_money (self, F_PAID, e->paid);
  set_money (self, F_SUBSIDY, e->subsidy);
  set_money (self, F_DISCOUNT, e->platform_discount);
  set_money (self, F_PREPAID, e->prepaid);
  set_money (self, F_LIST, e->list_amount);
  set_text (self, F_CURRENCY, e->currency);
  set_money (self, F_RATE, e->rate_usd_cny);
  set_text (self, F_RATE_DATE, e->rate_date);
  set_text (self, F_CATEGORY, shown_label (F_CATEGORY, e->category));
  set_text (self, F_FAPIAO_NUMBER, e->fapiao_number);
  set_text (self, F_NOTE, e->note);
  adw_combo_row_set_selected (self->kind_row, e->kind);
  adw_combo_row_set_selected (self->fapiao_row, e->fapiao);
  gtk_switch_set_active (self->refund_switch, e->refund);
}

/* ------------------------------------------------------------ callbacks */

static void
entry_saved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SpLedgerEntryDialog *self = g_task_get_source_object (task);
  GError *error = NULL;
  gint64 id = sp_store_service_finish_id (SP_STORE_SERVICE (source), result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (id == 0)
    {
      show_error (self, error->message);
      g_task_return_error (task, error);
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  g_task_return_int (task, id);
}

/* Reads the fields and hands the entry to the store service, which adds or
 * updates it; then "saved" and the dialog closes.  The task's value is the
 * entry's id. */
static void
save_async (SpLedgerEntryDialog *self,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(SpLedgerEntry) e = NULL;
  GError *error = NULL;

  e = sp_ledger_entry_dialog_read (self, &error);
  if (e == NULL)
    {
      show_error (self, error->message);
      g_task_return_error (task, error);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  sp_store_service_save_entry_async (self->service, e, NULL, entry_saved, g_steal_pointer (&task));
}

static void
on_save_clicked (SpLedgerEntryDialog *self)
{
  save_async (self, NULL, NULL);
}

/* ------------------------------------------------------------ overrides */

static void
sp_ledger_entry_dialog_dispose (GObject *object)
{
  SpLedgerEntryDialog *self = SP_LEDGER_ENTRY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_LEDGER_ENTRY_DIALOG);
  g_clear_object (&self->service);
  g_clear_pointer (&self->original, sp_ledger_entry_free);

  G_OBJECT_CLASS (sp_ledger_entry_dialog_parent_class)->dispose (object);
}

static void
sp_ledger_entry_dialog_class_init (SpLedgerEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_ledger_entry_dialog_dispose;

  /**
   * SpLedgerEntryDialog::saved:
   * @id: the id of the entry added or changed
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-ledger-entry-dialog.ui");
#define BIND_ROW(field, id) \
  gtk_widget_class_bind_template_child_full (widget_class, id, FALSE, \
                                             G_STRUCT_OFFSET (SpLedgerEntryDialog, rows) + \
                                             (field) * sizeof (gpointer))
  BIND_ROW (F_DATE, "date_row");
  BIND_ROW (F_VENDOR, "vendor_row");
  BIND_ROW (F_ITEM, "item_row");
  BIND_ROW (F_QUANTITY, "quantity_row");
  BIND_ROW (F_UNIT, "unit_row");
  BIND_ROW (F_PAID, "paid_row");
  BIND_ROW (F_SUBSIDY, "subsidy_row");
  BIND_ROW (F_DISCOUNT, "discount_row");
  BIND_ROW (F_PREPAID, "prepaid_row");
  BIND_ROW (F_LIST, "list_row");
  BIND_ROW (F_CURRENCY, "currency_row");
  BIND_ROW (F_RATE, "rate_row");
  BIND_ROW (F_RATE_DATE, "rate_date_row");
  BIND_ROW (F_CATEGORY, "category_row");
  BIND_ROW (F_FAPIAO_NUMBER, "fapiao_number_row");
  BIND_ROW (F_NOTE, "note_row");
#undef BIND_ROW
  gtk_widget_class_bind_template_child (widget_class, SpLedgerEntryDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpLedgerEntryDialog, fapiao_row);
  gtk_widget_class_bind_template_child (widget_class, SpLedgerEntryDialog, refund_switch);
  gtk_widget_class_bind_template_child (widget_class, SpLedgerEntryDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpLedgerEntryDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_ledger_entry_dialog_init (SpLedgerEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ----------------------------------------------------------- public API */

SpLedgerEntryDialog *
sp_ledger_entry_dialog_new (SpStoreService      *service,
                            const SpLedgerEntry *entry,
                            const char          *default_currency)
{
  SpLedgerEntryDialog *self;

  g_return_val_if_fail (SP_IS_STORE_SERVICE (service), NULL);

  self = g_object_new (SP_TYPE_LEDGER_ENTRY_DIALOG, NULL);
  self->service = g_object_ref (service);
  if (entry != NULL)
    {
      self->original = sp_ledger_entry_copy (entry);
      fill (self, entry);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Entry"));
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      set_text (self, F_DATE, today);
      set_text (self, F_CURRENCY, default_currency ? default_currency : "CNY");
      set_text (self, F_QUANTITY, "1");
      adw_combo_row_set_selected (self->kind_row, SP_LEDGER_KIND_GPU);
      gtk_window_set_title (GTK_WINDOW (self), _("New Entry"));
    }
  return self;
}

void
sp_ledger_entry_dialog_set_field (SpLedgerEntryDialog *self,
                                  const char          *name,
                                  const char          *text)
{
  g_return_if_fail (SP_IS_LEDGER_ENTRY_DIALOG (self));

  for (guint f = 0; f < N_FIELDS; f++)
    if (g_strcmp0 (name, field_names[f]) == 0)
      {
        set_text (self, f, text);
        return;
      }
  g_return_if_reached ();
}

const char *
sp_ledger_entry_dialog_get_field (SpLedgerEntryDialog *self,
                                  const char          *name)
{
  g_return_val_if_fail (SP_IS_LEDGER_ENTRY_DIALOG (self), NULL);

  for (guint f = 0; f < N_FIELDS; f++)
    if (g_strcmp0 (name, field_names[f]) == 0)
      return field_text (self, f);
  g_return_val_if_reached (NULL);
}

void
sp_ledger_entry_dialog_set_kind (SpLedgerEntryDialog *self,
                                 SpLedgerKind         kind)
{
  g_return_if_fail (SP_IS_LEDGER_ENTRY_DIALOG (self));
  adw_combo_row_set_selected (self->kind_row, kind);
}

void
sp_ledger_entry_dialog_set_fapiao (SpLedgerEntryDialog *self,
                                   SpLedgerFapiao       fapiao)
{
  g_return_if_fail (SP_IS_LEDGER_ENTRY_DIALOG (self));
  adw_combo_row_set_selected (self->fapiao_row, fapiao);
}

SpLedgerEntry *
sp_ledger_entry_dialog_read (SpLedgerEntryDialog  *self,
                             GError              **error)
{
  g_autoptr(SpLedgerEntry) e = sp_ledger_entry_new ();
  g_autofree char *date = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rate_date = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (SP_IS_LEDGER_ENTRY_DIALOG (self), NULL);

  if (self->original != NULL)
    {
      e->id = self->original->id;
      e->offer_source = g_strdup (self->original->offer_source);
      e->offer_id = g_strdup (self->original->offer_id);
    }

  date = field_dup (self, F_DATE);
  if (date == NULL || !sp_ledger_date_valid (date))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("%s: “%s” is not a date (YYYY-MM-DD)"), field_title (self, F_DATE),
                   date ? date : "");
      return NULL;
    }
  memcpy (e->date, date, 11);
  e->vendor = field_id (self, F_VENDOR, self->original ? self->original->vendor : NULL);
  e->item = field_dup (self, F_ITEM);
  e->unit = field_id (self, F_UNIT, self->original ? self->original->unit : NULL);
  e->category = field_id (self, F_CATEGORY, self->original ? self->original->category : NULL);
  e->fapiao_number = field_dup (self, F_FAPIAO_NUMBER);
  e->note = field_dup (self, F_NOTE);
  e->kind = (SpLedgerKind) MIN (adw_combo_row_get_selected (self->kind_row), SP_LEDGER_KIND_OTHER);
  e->fapiao = (SpLedgerFapiao) MIN (adw_combo_row_get_selected (self->fapiao_row),
                                    SP_LEDGER_FAPIAO_SPECIAL);
  e->refund = gtk_switch_get_active (self->refund_switch);

  if (!read_money (self, F_QUANTITY, TRUE, &e->quantity, error) ||
      !read_money (self, F_PAID, TRUE, &e->paid, error) ||
      !read_money (self, F_SUBSIDY, FALSE, &e->subsidy, error) ||
      !read_money (self, F_DISCOUNT, FALSE, &e->platform_discount, error) ||
      !read_money (self, F_PREPAID, FALSE, &e->prepaid, error) ||
      !read_money (self, F_LIST, FALSE, &e->list_amount, error) ||
      !read_money (self, F_RATE, FALSE, &e->rate_usd_cny, error))
    return NULL;

  currency = field_dup (self, F_CURRENCY);
  if (currency == NULL || !sp_ledger_currency_parse (currency, e->currency))
    {
      g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                   _("%s: “%s” is not a three-letter currency code"),
                   field_title (self, F_CURRENCY), currency ? currency : "");
      return NULL;
    }
  rate_date = field_dup (self, F_RATE_DATE);
  if (rate_date != NULL)
    {
      if (!sp_ledger_date_valid (rate_date))
        {
          g_set_error (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID,
                       _("%s: “%s” is not a date (YYYY-MM-DD)"),
                       field_title (self, F_RATE_DATE), rate_date);
          return NULL;
        }
      memcpy (e->rate_date, rate_date, 11);
    }

  if (!sp_ledger_entry_complete (e, &reason))
    {
      g_set_error_literal (error, SP_LEDGER_ERROR, SP_LEDGER_ERROR_INVALID, reason);
      return NULL;
    }
  return g_steal_pointer (&e);
}

gint64
sp_ledger_entry_dialog_save (SpLedgerEntryDialog  *self,
                             GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id;

  g_return_val_if_fail (SP_IS_LEDGER_ENTRY_DIALOG (self), 0);

  g_object_ref (self);
  save_async (self, sp_async_wait_store, &result);
  id = g_task_propagate_int (G_TASK (sp_async_wait (&result)), &local);
  g_object_unref (self);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  return id;
}
