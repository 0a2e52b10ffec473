/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher-row.c — one voucher in the Vouchers page's list (the texts:
 * sp-vouchers-page-rows.c) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-voucher-row.h"

struct _SpVoucherRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *amount_label;
  GtkLabel     *status_label;
  GtkButton    *delete_button;
  char         *code;
};

G_DEFINE_FINAL_TYPE (SpVoucherRow, sp_voucher_row, ADW_TYPE_ACTION_ROW)

enum {
  SIGNAL_DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_delete_clicked (SpVoucherRow *self)
{
  g_signal_emit (self, signals[SIGNAL_DELETE_REQUESTED], 0);
}

static void
sp_voucher_row_finalize (GObject *object)
{
  SpVoucherRow *self = SP_VOUCHER_ROW (object);

  g_free (self->code);
  G_OBJECT_CLASS (sp_voucher_row_parent_class)->finalize (object);
}

static void
sp_voucher_row_class_init (SpVoucherRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sp_voucher_row_finalize;

  /* SpVoucherRow::delete-requested: the Delete button was clicked */
  signals[SIGNAL_DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-voucher-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SpVoucherRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SpVoucherRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
sp_voucher_row_init (SpVoucherRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SpVoucherRow *
sp_voucher_row_new (const char *code)
{
  SpVoucherRow *self = g_object_new (SP_TYPE_VOUCHER_ROW, NULL);
  g_autofree char *delete_label = g_strdup_printf (_("Delete voucher %s"), code);

  self->code = g_strdup (code);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  return self;
}

const char *
sp_voucher_row_get_code (SpVoucherRow *self)
{
  g_return_val_if_fail (SP_IS_VOUCHER_ROW (self), NULL);
  return self->code;
}

void
sp_voucher_row_set_amount (SpVoucherRow *self,
                           const char   *amount,
                           const char   *status,
                           gboolean      warning,
                           gboolean      dim)
{
  g_return_if_fail (SP_IS_VOUCHER_ROW (self));

  gtk_label_set_text (self->amount_label, amount != NULL ? amount : "");
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL && *status != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), warning ? "dim-label" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), warning ? "warning" : "dim-label");
  if (dim)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
}

const char *
sp_voucher_row_get_amount (SpVoucherRow *self)
{
  g_return_val_if_fail (SP_IS_VOUCHER_ROW (self), NULL);
  return gtk_label_get_text (self->amount_label);
}

const char *
sp_voucher_row_get_status (SpVoucherRow *self)
{
  g_return_val_if_fail (SP_IS_VOUCHER_ROW (self), NULL);
  return gtk_label_get_text (self->status_label);
}
