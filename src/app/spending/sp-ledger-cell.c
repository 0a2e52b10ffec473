/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-cell.c — one column of a row of the Spending page's entry list */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-labels.h"
#include "sp-ledger-cell.h"

struct _SpLedgerCell
{
  GtkWidget       parent_instance;

  GtkLabel       *label;
  SpLedgerColumn  column;
};

G_DEFINE_FINAL_TYPE (SpLedgerCell, sp_ledger_cell, GTK_TYPE_WIDGET)

static char *
cell_text (const SpLedgerEntry *e,
           SpLedgerColumn       column)
{
  switch (column)
    {
    case COL_DATE:
      return g_strdup (e->date);
    case COL_VENDOR:
      return g_strdup (sp_label_vendor (e->vendor));
    case COL_ITEM:
      if (e->refund)
        /* Translators: an item that is a refund */
        return g_strdup_printf (_("%s (refund)"), e->item ? e->item : "");
      return g_strdup (e->item);
    case COL_KIND:
      return g_strdup (sp_ledger_kind_label (e->kind));
    case COL_QUANTITY:
      {
        g_autofree char *q = sp_money_to_string (e->quantity, 0);

        return g_strdup_printf ("%s %s", q ? q : "", sp_label_unit (e->unit));
      }
    case COL_PAID:
      return sp_format_money (e->paid, e->currency);
    case COL_SUBSIDY:
      return e->subsidy != 0 ? sp_format_money (e->subsidy, e->currency) : g_strdup ("—");
    case COL_LIST:
      return sp_format_money (e->list_amount, e->currency);
    case COL_RATE:
      {
        g_autofree char *rate = NULL;

        if (g_str_equal (e->currency, "CNY") || e->rate_usd_cny == SP_MONEY_UNKNOWN)
          return g_strdup ("—");
        rate = sp_money_to_string (e->rate_usd_cny, 0);
        if (e->rate_date[0] != '\0')
          return g_strdup_printf ("%s (%s)", rate, e->rate_date);
        return g_steal_pointer (&rate);
      }
    case COL_CATEGORY:
      return g_strdup (sp_label_category (e->category));
    case COL_FAPIAO:
      {
        const char *status;

        switch (e->fapiao)
          {
          case SP_LEDGER_FAPIAO_REQUESTED:
            status = _("Requested");
            break;
          case SP_LEDGER_FAPIAO_ORDINARY:
            status = _("普票 received");
            break;
          case SP_LEDGER_FAPIAO_SPECIAL:
            status = _("专票 received");
            break;
          case SP_LEDGER_FAPIAO_NONE:
          default:
            return g_strdup ("—");
          }
        if (e->fapiao_number != NULL && *e->fapiao_number != '\0')
          return g_strdup_printf ("%s · %s", status, e->fapiao_number);
        return g_strdup (status);
      }
    case COL_NOTE:
      return g_strdup (e->note);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
sp_ledger_cell_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_LEDGER_CELL);
  G_OBJECT_CLASS (sp_ledger_cell_parent_class)->dispose (object);
}

static void
sp_ledger_cell_class_init (SpLedgerCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_ledger_cell_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-ledger-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, SpLedgerCell, label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_ledger_cell_init (SpLedgerCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SpLedgerCell *
sp_ledger_cell_new (SpLedgerColumn column)
{
  SpLedgerCell *self = g_object_new (SP_TYPE_LEDGER_CELL, NULL);
  gboolean numeric = column == COL_PAID || column == COL_SUBSIDY || column == COL_LIST ||
                     column == COL_QUANTITY;

  g_return_val_if_fail (column < N_COLUMNS, self);
  self->column = column;
  if (numeric)
    {
      gtk_label_set_xalign (self->label, 1.0f);
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
    }
  return self;
}

void
sp_ledger_cell_bind (SpLedgerCell        *self,
                     const SpLedgerEntry *entry)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SP_IS_LEDGER_CELL (self));

  text = entry != NULL ? cell_text (entry, self->column) : NULL;
  gtk_label_set_text (self->label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label),
                               text != NULL && g_utf8_strlen (text, -1) > 24 ? text : NULL);
}

const char *
sp_ledger_cell_get_text (SpLedgerCell *self)
{
  g_return_val_if_fail (SP_IS_LEDGER_CELL (self), NULL);
  return gtk_label_get_text (self->label);
}
