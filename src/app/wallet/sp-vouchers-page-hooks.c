/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page-hooks.c — the Vouchers page's test hooks (declared in sp-vouchers-page-private.h) */
#include "config.h"

#include "sp-format.h"
#include "sp-async-wait.h"
#include "sp-vouchers-page-private.h"

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

  while (self->n_changes > 0 || self->reload_id != 0 || self->reload_cancellable != NULL)
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
  programmes = sp_vouchers_page_holds_programmes (data, len);
  sp_store_service_import_wallet_async (self->service, bytes, programmes, NULL,
                                        sp_async_wait_store, &result);
  if (!sp_store_service_import_wallet_finish (self->service, sp_async_wait (&result), &n, error))
    return FALSE;
  sp_vouchers_page_wait_idle (self);
  if (summary != NULL)
    *summary = sp_vouchers_page_import_summary (programmes, n);
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

  return row != NULL ? sp_voucher_row_get_amount (SP_VOUCHER_ROW (row)) : NULL;
}

const char *
sp_vouchers_page_get_status_text (SpVouchersPage *self,
                                  const char     *code)
{
  AdwActionRow *row = sp_vouchers_page_get_row (self, code);

  return row != NULL ? sp_voucher_row_get_status (SP_VOUCHER_ROW (row)) : NULL;
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
