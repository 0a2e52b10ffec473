/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page-private.h — the Vouchers page's instance, what its files
 * share (sp-vouchers-page.c: loading and showing; -rows.c: the rows;
 * -hooks.c: the test hooks) and its test hooks: the changes below wait for
 * the store service and for the page to show the result (the page's own
 * buttons never wait) */
#pragma once

#include "sp-voucher-row.h"

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

/* Iterates the main context until no change is on its way and no reload is
 * pending or running. */
void              sp_vouchers_page_wait_idle       (SpVouchersPage *self);

#define MAX_EVENTS 100

typedef enum {
  STATUS_NORMAL,
  STATUS_WARNING,
  STATUS_DIM,
} StatusStyle;

/* A change handed to the store service; the page reloads when the service
 * says the wallet changed. */
typedef struct {
  SpVouchersPage  *self;
  SpVoucherDialog *dialog;      /* add: finished with the outcome */
  const char      *done_text;   /* toast on success (translated), or NULL */
} Change;

struct _SpVouchersPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkStack            *state_stack;
  AdwPreferencesGroup *wallet_group;
  AdwPreferencesGroup *government_group;
  AdwPreferencesGroup *discount_group;
  AdwPreferencesGroup *prepaid_group;
  AdwPreferencesGroup *claims_group;
  AdwPreferencesGroup *history_group;
  GtkListBox          *government_list;
  GtkListBox          *discount_list;
  GtkListBox          *prepaid_list;
  GtkListBox          *claims_list;
  GtkListBox          *history_list;

  /* owned */
  SpStoreService      *service;
  GCancellable        *reload_cancellable;
  GHashTable          *cap_left;     /* programme id → SpMoney*, as last read */
  GPtrArray           *programme_list; /* SpProgramme by id, as last read */
  GHashTable          *rows;         /* code → AdwActionRow (owned by the lists) */
  GHashTable          *programmes;   /* id → SpProgramme */
  GtkFileChooserNative *chooser;
  GCancellable        *cancellable;
  guint                n_purchases;
  guint                n_live_purchases;
  guint                n_claims;
  guint                reload_id;
  guint                n_changes;    /* changes handed to the service, not back yet */
  gboolean             building;     /* ignore widget signals while rows are built */
};

gboolean      sp_vouchers_page_holds_programmes (const char *data, gsize len);
char *        sp_vouchers_page_import_summary (gboolean programmes, guint n);

SpMoney       sp_vouchers_page_lookup_cap_left (SpVouchersPage *self, const char *programme_id);
gboolean      sp_vouchers_page_show_toast (SpVouchersPage *self, const char *message);
void          sp_vouchers_page_schedule_reload (SpVouchersPage *self);
void          sp_vouchers_page_show_snapshot (SpVouchersPage *self, SpWalletSnapshot *snap);
void          sp_vouchers_page_imported (GObject *source, GAsyncResult *result, gpointer user_data);
char *        sp_vouchers_page_status_text (SpVoucher *v, guint32 today, StatusStyle *style);
AdwActionRow *sp_vouchers_page_voucher_row_new (SpVouchersPage *self, SpVoucher *v, guint32 today);
Change *      sp_vouchers_page_change_new (SpVouchersPage *self,
                                           SpVoucherDialog *dialog,
                                           const char *done_text);
void          sp_vouchers_page_change_done (GObject *source, GAsyncResult *result, gpointer data);
GtkWidget *   sp_vouchers_page_claim_row_new (SpVouchersPage *self, SpClaim *claim);
GtkWidget *   sp_vouchers_page_purchase_row_new (SpVouchersPage *self, SpPurchaseRecord *rec);
GtkWidget *   sp_vouchers_page_events_row_new (SpVouchersPage *self, GArray *events);

G_END_DECLS
