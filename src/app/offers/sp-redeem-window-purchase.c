/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-redeem-window-purchase.c — the redeem window's Record Purchase: the
 * request handed to the store service, the answer, and the toast that says
 * so (the window itself: sp-redeem-window.c) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-async-wait.h"
#include "sp-dialogs.h"
#include "sp-redeem-window-private.h"

static void purchase_recorded (GObject *source, GAsyncResult *result, gpointer user_data);


/* Fills @request (its codes in @codes, its rate date in *@rate_date) for
 * the purchase shown; FALSE with @error when there is none. */
static gboolean
make_request (SpRedeemWindow     *self,
              SpPurchaseRequest  *request,
              GPtrArray          *codes,
              char              **rate_date,
              GError            **error)
{
  if (self->breakdown == NULL || self->purchase == NULL || self->service == NULL)
    {
      g_set_error (error, SP_REDEEM_ERROR, 0, _("Fill in the quantity and the date first"));
      return FALSE;
    }
  /* exactly the vouchers the breakdown shown uses */
  for (guint i = 0; i < sp_breakdown_get_n_lines (self->breakdown); i++)
    g_ptr_array_add (codes, sp_breakdown_get_line (self->breakdown, i)->code);
  g_ptr_array_add (codes, NULL);

  request->offer_source = sp_offer_get_source (self->offer);
  request->offer_id = sp_offer_get_id (self->offer);
  request->description = sp_offer_get_name (self->offer);
  if (self->pay_currency != NULL)
    request->rate_date = *rate_date = sp_date_to_iso (sp_date_today ());
  /* the exchange rate of the ledger entry: the user's, from Preferences */
  request->usd_cny = self->usd_cny;
  request->codes = (const char * const *) codes->pdata;
  return TRUE;
}

static void
confirm_async (SpRedeemWindow      *self,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *rate_date = NULL;
  SpPurchaseRequest request = { 0 };
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  GError *error = NULL;

  if (!make_request (self, &request, codes, &rate_date, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
  self->recording = TRUE;
  sp_store_service_record_purchase_async (self->service, self->purchase, &request, NULL,
                                          purchase_recorded, g_steal_pointer (&task));
}

static gint64
confirm_finish (SpRedeemWindow  *self,
                GAsyncResult    *result,
                GError         **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id = g_task_propagate_int (G_TASK (result), &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  return id;
}

static void
purchase_recorded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SpRedeemWindow *self = g_task_get_source_object (task);
  g_autoptr(SpBreakdown) recorded = NULL;
  GError *error = NULL;
  GtkWindow *parent;
  gint64 id = 0;

  recorded = sp_store_service_record_purchase_finish (SP_STORE_SERVICE (source), result, &id, &error);
  self->recording = FALSE;
  if (recorded == NULL)
    {
      /* the wallet changed under us: show it as it is now */
      g_clear_object (&self->wallet);
      sp_redeem_window_recompute (self);
      g_task_return_error (task, error);
      return;
    }

  /* the pages that show the wallet or the ledger heard it from the store
   * service already (::wallet-changed, ::ledger-changed) */
  sp_redeem_window_emit_purchase_recorded (self, id);

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (ADW_IS_APPLICATION_WINDOW (parent) &&
      ADW_IS_TOAST_OVERLAY (adw_application_window_get_content (ADW_APPLICATION_WINDOW (parent))))
    {
      AdwToast *toast = adw_toast_new (_("Purchase recorded"));

      adw_toast_set_button_label (toast, _("_Show Vouchers"));
      adw_toast_set_action_name (toast, "win.show-page");
      adw_toast_set_action_target (toast, "s", "vouchers");
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_application_window_get_content (ADW_APPLICATION_WINDOW (parent))),
                                   toast);
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    {
      /* nowhere else to say it: stay open and say it here */
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Purchase recorded")));
      g_clear_object (&self->wallet);
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
    }
  g_task_return_int (task, id);
}

gint64
sp_redeem_window_confirm (SpRedeemWindow  *self,
                          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (SP_IS_REDEEM_WINDOW (self), 0);

  g_object_ref (self);
  confirm_async (self, sp_async_wait_store, &result);
  sp_async_wait (&result);
  g_object_unref (self);
  return confirm_finish (self, result, error);
}

static void
on_confirmed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SpRedeemWindow *self = SP_REDEEM_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (confirm_finish (self, result, &error) == 0)
    sp_toast_overlay_show_message (self->toast_overlay, error->message, 0);
}

void
sp_redeem_window_on_confirm_clicked (GtkButton      *button,
                                     SpRedeemWindow *self)
{
  confirm_async (self, on_confirmed, NULL);
}
