/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-redeem-window-private.h — the redeem window's test hooks (the UI
 * tests drive the window through them) */
#pragma once

#include "sp-redeem-window.h"

G_BEGIN_DECLS


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
/* What Record Purchase does, waiting for the store service (the button
 * does not wait).  Returns the new purchase id, 0 on error.  On success the
 * service signals the wallet and ledger changes (the pages reload), a
 * "Purchase recorded" toast shows in the main window and this window
 * closes. */
gint64          sp_redeem_window_confirm         (SpRedeemWindow  *self,
                                                  GError         **error);

/* Whether the wallet is being read (figures come when it is there). */
gboolean        sp_redeem_window_is_busy         (SpRedeemWindow *self);

struct _SpRedeemWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkButton       *confirm_button;
  AdwActionRow    *offer_row;
  AdwEntryRow     *quantity_row;
  AdwEntryRow     *output_row;
  AdwComboRow     *category_row;
  AdwEntryRow     *date_row;
  GtkLabel        *error_label;
  GtkLabel        *cost_label;
  GtkLabel        *cost_row_label;
  GtkLabel        *cash_label;
  GtkLabel        *net_label;
  GtkLabel        *list_label;
  GtkLabel        *platform_label;
  GtkLabel        *prepaid_label;
  GtkLabel        *government_now_label;
  GtkLabel        *government_later_label;
  GtkLabel        *cash_row_label;
  GtkLabel        *net_row_label;
  AdwPreferencesGroup *vouchers_group;
  GtkButton       *suggested_button;
  GtkListBox      *vouchers_list;
  GtkLabel        *no_vouchers_label;
  GtkLabel        *explanation_label;

  /* owned */
  SpOffer         *offer;
  SpStoreService  *service;
  GCancellable    *cancellable;
  guint32          loading_date;   /* the wallet being read for, 0: none */
  gboolean         recording;      /* a purchase is being recorded */
  char            *pay_currency;   /* NULL: the offer's */
  SpMoney          rate;           /* micro-units of pay_currency per offer currency unit */
  SpMoney          usd_cny;        /* the user's USD→CNY rate, recorded in the ledger */
  SpWallet        *wallet;
  guint32          wallet_date;
  SpBreakdown     *breakdown;
  SpPurchase      *purchase;
  GHashTable      *rows;           /* code → AdwActionRow (owned by the list) */
  GHashTable      *chosen;         /* codes ticked by hand (set), or NULL: the proposal */
  gboolean         building;
  gboolean         ready;          /* the offer and the fields are set */
};

void          sp_redeem_window_recompute (SpRedeemWindow *self);

/* Between sp-redeem-window.c and sp-redeem-window-purchase.c */
#define SP_REDEEM_ERROR (sp_redeem_error_quark ())
GQuark        sp_redeem_error_quark      (void);
void          sp_redeem_window_emit_purchase_recorded (SpRedeemWindow *self,
                                                       gint64          purchase_id);
/* Record Purchase clicked (a template callback) */
void          sp_redeem_window_on_confirm_clicked     (GtkButton      *button,
                                                       SpRedeemWindow *self);

G_END_DECLS
