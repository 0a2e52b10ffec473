/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher-dialog.h — add a voucher by hand, or import a file */
#pragma once

#include <adwaita.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_VOUCHER_DIALOG_ERROR (sp_voucher_dialog_error_quark ())

typedef enum {
  SP_VOUCHER_DIALOG_ERROR_INVALID, /* a field is missing or not valid (message says which) */
} SpVoucherDialogError;

GQuark sp_voucher_dialog_error_quark (void);

#define SP_TYPE_VOUCHER_DIALOG (sp_voucher_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SpVoucherDialog, sp_voucher_dialog, SP, VOUCHER_DIALOG, AdwWindow)

/* @programmes: the programmes a government voucher may name (element type
 * SpProgramme).  The dialog only collects and checks the fields: its Add
 * emits ::add and whoever handles it stores sp_voucher_dialog_build_voucher()
 * and calls sp_voucher_dialog_finish().  Its Import… emits ::import. */
SpVoucherDialog *sp_voucher_dialog_new            (GPtrArray *programmes);

void             sp_voucher_dialog_set_kind       (SpVoucherDialog *self,
                                                   SpVoucherKind    kind);
SpVoucherKind    sp_voucher_dialog_get_kind       (SpVoucherDialog *self);
/* Fills a field (tests, presets).  @field: "code", "label", "face-value",
 * "balance", "discount" (percent or amount), "min-spend", "discount-vendor",
 * "prepaid-vendor", "prepaid-balance", "valid-from", "valid-to".  FALSE for
 * an unknown field. */
gboolean         sp_voucher_dialog_set_field      (SpVoucherDialog *self,
                                                   const char      *field,
                                                   const char      *text);
gboolean         sp_voucher_dialog_set_programme  (SpVoucherDialog *self,
                                                   const char      *programme_id);
/* Discount: percentage (TRUE) or fixed amount */
void             sp_voucher_dialog_set_percent    (SpVoucherDialog *self,
                                                   gboolean         percent);
void             sp_voucher_dialog_set_single_use (SpVoucherDialog *self,
                                                   gboolean         single_use);
/* Prepaid: NULL (money), "tokens", "card-hours", "core-hours" */
void             sp_voucher_dialog_set_unit       (SpVoucherDialog *self,
                                                   const char      *unit);
/* Whether the required fields are filled (Add is enabled). */
gboolean         sp_voucher_dialog_is_valid       (SpVoucherDialog *self);
/* The voucher the fields describe, or NULL with an SP_VOUCHER_DIALOG_ERROR
 * in plain words. */
SpVoucher       *sp_voucher_dialog_build_voucher  (SpVoucherDialog  *self,
                                                   GError          **error);
/* Closes the dialog when @error is NULL, shows @error otherwise. */
void             sp_voucher_dialog_finish         (SpVoucherDialog *self,
                                                   const GError    *error);

G_END_DECLS
