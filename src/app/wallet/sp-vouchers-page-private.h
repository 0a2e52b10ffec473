/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page-private.h — the Vouchers page's test hooks: the changes
 * below wait for the store service and for the page to show the result
 * (the page's own buttons never wait) */
#pragma once

#include "sp-vouchers-page.h"
#include "sp-voucher-dialog.h"
#include "sp-wallet-store.h"

G_BEGIN_DECLS

/* Opens the Add Voucher dialog (what vouchers.add does); its Add stores the
 * voucher through sp_vouchers_page_add_voucher(). */
SpVoucherDialog  *sp_vouchers_page_open_dialog     (SpVouchersPage *self);
/* Stores @voucher and waits until the page shows it. */
gboolean          sp_vouchers_page_add_voucher     (SpVouchersPage  *self,
                                                    SpVoucher       *voucher,
                                                    GError         **error);
/* Imports a wallet file or a programme file (docs/vouchers.md), by its
 * version member.  @summary (optional) receives a sentence for a toast. */
gboolean          sp_vouchers_page_import_data     (SpVouchersPage  *self,
                                                    const char      *data,
                                                    gsize            len,
                                                    char           **summary,
                                                    GError         **error);
/* Asks for confirmation (an AdwMessageDialog, returned borrowed) and on
 * "delete" removes the voucher. */
AdwMessageDialog *sp_vouchers_page_ask_remove      (SpVouchersPage *self,
                                                    const char     *code);
gboolean          sp_vouchers_page_remove_voucher  (SpVouchersPage  *self,
                                                    const char      *code,
                                                    GError         **error);
/* Asks for confirmation and on "void" voids the purchase. */
AdwMessageDialog *sp_vouchers_page_ask_void        (SpVouchersPage *self,
                                                    gint64          purchase_id);
gboolean          sp_vouchers_page_void_purchase   (SpVouchersPage  *self,
                                                    gint64           purchase_id,
                                                    GError         **error);

/* For tests: "empty" or "list"; the row of a voucher (NULL when not shown);
 * the balance text of a voucher ("¥499559.00", "Used", "10% off"…); the
 * status text ("Expires in 12 days", "Expired", "Used" or ""); the number
 * of purchases in the history, and of those not voided; the claims shown. */
const char       *sp_vouchers_page_get_state       (SpVouchersPage *self);
AdwActionRow     *sp_vouchers_page_get_row         (SpVouchersPage *self,
                                                    const char     *code);
const char       *sp_vouchers_page_get_amount_text (SpVouchersPage *self,
                                                    const char     *code);
const char       *sp_vouchers_page_get_status_text (SpVouchersPage *self,
                                                    const char     *code);
guint             sp_vouchers_page_get_n_purchases (SpVouchersPage *self,
                                                    gboolean        include_voided);
guint             sp_vouchers_page_get_n_claims    (SpVouchersPage *self);

/* Iterates the main context until no reload is pending or running. */
void              sp_vouchers_page_wait_idle       (SpVouchersPage *self);

G_END_DECLS
