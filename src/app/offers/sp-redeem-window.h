/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-redeem-window.h — buy an offer with vouchers */
#pragma once

#include <adwaita.h>

#include "sp-application.h"
#include "sp-wallet-store.h"

G_BEGIN_DECLS

#define SP_TYPE_REDEEM_WINDOW (sp_redeem_window_get_type ())
G_DECLARE_FINAL_TYPE (SpRedeemWindow, sp_redeem_window, SP, REDEEM_WINDOW, AdwWindow)

/* A window to buy @offer: quantity, subsidy category and date; Suanpan's
 * proposed combination of vouchers with its explanation; who pays what;
 * toggles to choose the vouchers by hand; Record Purchase, which records it
 * through the wallet store in one transaction.  Transient for the
 * application's active window.  Present it with gtk_window_present(). */
SpRedeemWindow *sp_redeem_window_new             (SpApplication *app,
                                                  SpOffer       *offer);

/* Inputs, as the fields set them (tests): the quantity in the offer's unit
 * (card-hours, core-hours, or millions of input tokens), the millions of
 * output tokens (token offers), the subsidy category, the purchase date. */
void            sp_redeem_window_set_quantity    (SpRedeemWindow *self,
                                                  const char     *quantity);
void            sp_redeem_window_set_output      (SpRedeemWindow *self,
                                                  const char     *millions);
void            sp_redeem_window_set_category    (SpRedeemWindow *self,
                                                  SpCategory      category);
void            sp_redeem_window_set_date        (SpRedeemWindow *self,
                                                  guint32         julian);
/* Chooses by hand: uses (or not) voucher @code; the breakdown is worked
 * out again at once.  sp_redeem_window_use_suggested() goes back to the
 * proposal. */
void            sp_redeem_window_set_voucher_used (SpRedeemWindow *self,
                                                   const char     *code,
                                                   gboolean        used);
void            sp_redeem_window_use_suggested   (SpRedeemWindow *self);
/* The breakdown shown (NULL when the inputs are not valid) */
SpBreakdown    *sp_redeem_window_get_breakdown   (SpRedeemWindow *self);
/* The text shown for a figure: "list", "platform", "prepaid",
 * "government-now", "government-later", "cost" (list − discounts −
 * subsidies: a pack drawn still costs), "cash", "net"; and the subtitle of
 * a voucher's row (what it saves, or why it is not used). */
const char     *sp_redeem_window_get_figure      (SpRedeemWindow *self,
                                                  const char     *name);
const char     *sp_redeem_window_get_voucher_note (SpRedeemWindow *self,
                                                   const char     *code);
/* What Record Purchase does.  Returns the new purchase id, 0 on error.  On
 * success the Vouchers pages of the application's windows reload, a
 * "Purchase recorded" toast shows in the main window and this window
 * closes. */
gint64          sp_redeem_window_confirm         (SpRedeemWindow  *self,
                                                  GError         **error);

G_END_DECLS
