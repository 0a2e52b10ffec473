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

G_END_DECLS
