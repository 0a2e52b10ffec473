/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-redeem-window-hooks.c — the redeem window's test hooks: set the
 * fields, read the figures (declared in sp-redeem-window-private.h) */
#include "config.h"

#include "sp-redeem-window-private.h"

void
sp_redeem_window_set_quantity (SpRedeemWindow *self,
                               const char     *quantity)
{
  g_return_if_fail (SP_IS_REDEEM_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), quantity != NULL ? quantity : "");
}

void
sp_redeem_window_set_output (SpRedeemWindow *self,
                             const char     *millions)
{
  g_return_if_fail (SP_IS_REDEEM_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->output_row), millions != NULL ? millions : "");
}

void
sp_redeem_window_set_category (SpRedeemWindow *self,
                               SpCategory      category)
{
  g_return_if_fail (SP_IS_REDEEM_WINDOW (self));
  adw_combo_row_set_selected (self->category_row, (guint) category);
}

void
sp_redeem_window_set_date (SpRedeemWindow *self,
                           guint32         julian)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SP_IS_REDEEM_WINDOW (self));
  text = sp_date_to_iso (julian);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
}

void
sp_redeem_window_set_voucher_used (SpRedeemWindow *self,
                                   const char     *code,
                                   gboolean        used)
{
  g_return_if_fail (SP_IS_REDEEM_WINDOW (self));
  g_return_if_fail (code != NULL);

  if (self->chosen == NULL)
    {
      /* start from what was proposed */
      self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; self->breakdown != NULL && i < sp_breakdown_get_n_lines (self->breakdown); i++)
        g_hash_table_add (self->chosen, g_strdup (sp_breakdown_get_line (self->breakdown, i)->code));
    }
  if (used)
    g_hash_table_add (self->chosen, g_strdup (code));
  else
    g_hash_table_remove (self->chosen, code);
  sp_redeem_window_recompute (self);
}

void
sp_redeem_window_use_suggested (SpRedeemWindow *self)
{
  g_return_if_fail (SP_IS_REDEEM_WINDOW (self));
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  sp_redeem_window_recompute (self);
}

SpBreakdown *
sp_redeem_window_get_breakdown (SpRedeemWindow *self)
{
  g_return_val_if_fail (SP_IS_REDEEM_WINDOW (self), NULL);
  return self->breakdown;
}

const char *
sp_redeem_window_get_figure (SpRedeemWindow *self,
                             const char     *name)
{
  struct { const char *name; GtkLabel *label; } figures[] = {
    { "list", self->list_label },
    { "platform", self->platform_label },
    { "prepaid", self->prepaid_label },
    { "government-now", self->government_now_label },
    { "government-later", self->government_later_label },
    { "cost", self->cost_label },
    { "cash", self->cash_label },
    { "net", self->net_label },
  };

  g_return_val_if_fail (SP_IS_REDEEM_WINDOW (self), NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    if (g_strcmp0 (figures[i].name, name) == 0)
      return gtk_label_get_text (figures[i].label);
  return NULL;
}

const char *
sp_redeem_window_get_voucher_note (SpRedeemWindow *self,
                                   const char     *code)
{
  AdwActionRow *row;

  g_return_val_if_fail (SP_IS_REDEEM_WINDOW (self), NULL);
  row = g_hash_table_lookup (self->rows, code);
  return row != NULL ? adw_action_row_get_subtitle (row) : NULL;
}

