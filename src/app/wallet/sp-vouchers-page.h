/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page.h — the Vouchers page: the wallet, claims and history */
#pragma once

#include <adwaita.h>

#include "sp-application.h"
#include "sp-wallet-store.h"
#include "sp-voucher-dialog.h"

G_BEGIN_DECLS

#define SP_TYPE_VOUCHERS_PAGE (sp_vouchers_page_get_type ())
G_DECLARE_FINAL_TYPE (SpVouchersPage, sp_vouchers_page, SP, VOUCHERS_PAGE, GtkWidget)

/* Opens the page's own store on the application's database and shows the
 * wallet.  The page reloads whenever it is shown. */
void              sp_vouchers_page_load            (SpVouchersPage *self,
                                                    SpApplication  *app);
/* Reads the wallet, claims and history again. */
void              sp_vouchers_page_reload          (SpVouchersPage *self);

/* Opens the Add Voucher dialog (what vouchers.add does); its Add stores the
 * voucher through sp_vouchers_page_add_voucher(). */
SpVoucherDialog  *sp_vouchers_page_open_dialog     (SpVouchersPage *self);
/* Stores @voucher and reloads. */
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

G_END_DECLS
