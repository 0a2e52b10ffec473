/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher-row.h — one voucher in the Vouchers page's list: title and
 * subtitle, the amount left and its status on the right, a Delete button
 * (ui/sp-voucher-row.ui).  The page works the texts out; the row shows them. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_VOUCHER_ROW (sp_voucher_row_get_type ())
G_DECLARE_FINAL_TYPE (SpVoucherRow, sp_voucher_row, SP, VOUCHER_ROW, AdwActionRow)

/* The row of the voucher @code; ::delete-requested (no arguments) when its
 * Delete button is clicked. */
SpVoucherRow *sp_voucher_row_new        (const char   *code);
const char   *sp_voucher_row_get_code   (SpVoucherRow *self);
/* @warning: the status in the warning colour (else dimmed); @dim: the
 * whole row dimmed (used up, expired). */
void          sp_voucher_row_set_amount (SpVoucherRow *self,
                                         const char   *amount,
                                         const char   *status,
                                         gboolean      warning,
                                         gboolean      dim);
const char   *sp_voucher_row_get_amount (SpVoucherRow *self);
const char   *sp_voucher_row_get_status (SpVoucherRow *self);

G_END_DECLS
