/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page-private.h — the Spending page's instance and what its
 * files share (sp-spending-page.c: the widget and its callbacks;
 * sp-spending-page-load.c: reading the ledger and showing it;
 * sp-spending-page-actions.c: the actions, dialogs and files;
 * sp-spending-page-hooks.c: the test hooks) */
#pragma once

#include "sp-csv-import-window.h"
#include "sp-ledger-cell.h"
#include "sp-ledger-entry-dialog.h"
#include "sp-ledger-item.h"
#include "sp-ledger.h"
#include "sp-reprice-panel.h"
#include "sp-spend-chart.h"
#include "sp-spending-page.h"

G_BEGIN_DECLS

#define MAX_SERIES 8

typedef SpLedgerColumn Column;

struct _SpSpendingPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  GtkStack             *state_stack;
  AdwStatusPage        *error_page;
  GtkDropDown          *range_dropdown;
  GtkWidget            *budget_box;
  GtkImage             *budget_icon;
  GtkLabel             *budget_title;
  GtkLabel             *budget_detail;
  SpSpendChart         *chart;
  GtkLabel             *chart_note;
  SpRepricePanel       *reprice_panel;
  GtkLabel             *entries_title;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *columns[N_COLUMNS];

  /* owned */
  GSettings            *settings;
  SpStoreService       *service;       /* the application's */
  GCancellable         *load_cancel;   /* the reading in flight */
  guint                 n_busy;        /* the page's jobs not yet answered */
  gboolean              has_budget;    /* as last read */
  SpMoney               budget;
  char                  budget_currency[4];
  guint                 reload_id;     /* idle: the ledger changed elsewhere */
  GListStore           *entries;
  GtkSingleSelection   *selection;
  GPtrArray            *ranges;        /* "last-12", "2026", … */
  GStrv                 range_ids;     /* the same, NULL-terminated */
  SpLedgerBudgetStatus  budget_status;
  gboolean              budget_warning;
  GDate                 today;         /* invalid = the real date */
  char                 *filter_month;
  gint64                last_deleted;
  gboolean              updating_ranges;
  SpPriceContext       *price_ctx;     /* the application's, for the reprice panel */
};

char *        sp_spending_page_display_currency (SpSpendingPage *self);
SpMoney       sp_spending_page_convert_budget (SpSpendingPage *self,
                                               SpMoney budget,
                                               const char *from,
                                               const char *to);
void          sp_spending_page_toast (SpSpendingPage *self, const char *message, gboolean undo);
void          sp_spending_page_toast_error (SpSpendingPage *self, const GError *error);
SpLedgerItem *sp_spending_page_selected_item (SpSpendingPage *self);
void          sp_spending_page_on_range_selected (SpSpendingPage *self);
/* The range chosen in the drop-down ("last-12" or a year). */
const char *  sp_spending_page_current_range (SpSpendingPage *self);
void          sp_spending_page_reload_all (SpSpendingPage *self);
/* Lists only the entries of @month (NULL: the whole range) and reads again. */
void          sp_spending_page_show_month (SpSpendingPage *self, const char *month);
/* The entry @id as last read (NULL when not listed). */
const SpLedgerEntry *sp_spending_page_find_entry (SpSpendingPage *self, gint64 id);
/* Its item (or date) for a toast. */
char *        sp_spending_page_entry_label (SpSpendingPage *self, gint64 id);
/* Deletes (@undo FALSE) or brings back an entry through the service. */
void          sp_spending_page_start_delete (SpSpendingPage *self, gint64 id, gboolean undo);
void          sp_spending_page_entry_deleted (SpSpendingPage *self, gint64 id,
                                              const char *label, gboolean undo);
/* Iterates the main context until the page's jobs are answered (hooks). */
void          sp_spending_page_wait (SpSpendingPage *self);
void          sp_spending_page_on_entry_saved (SpLedgerEntryDialog *dialog,
                                               gint64 id,
                                               SpSpendingPage *self);
void          sp_spending_page_on_imported (SpCsvImportWindow *window,
                                            guint n,
                                            SpSpendingPage *self);

/* ---- test hooks (sp-spending-page-hooks.c) ---- */

/* "ledger", "empty" or "error" */
const char                 *sp_spending_page_get_state     (SpSpendingPage *self);
SpSpendChart               *sp_spending_page_get_chart     (SpSpendingPage *self);
/* The "at today's offers" panel (sp-reprice-panel.h) */
SpRepricePanel             *sp_spending_page_get_reprice_panel (SpSpendingPage *self);
/* The entries listed (element type SpLedgerItem), newest first. */
GListModel                 *sp_spending_page_get_entries   (SpSpendingPage *self);

/* The day the page takes as today (budget, "last 12 months"); NULL = the
 * real date.  For tests. */
void                        sp_spending_page_set_today     (SpSpendingPage *self,
                                                            const GDate    *today);
/* "last-12" or a year ("2026"); saved in the settings. */
void                        sp_spending_page_set_range     (SpSpendingPage *self,
                                                            const char     *range);
/* The ranges offered: "last-12" then the years with entries, newest first. */
const char * const         *sp_spending_page_get_ranges    (SpSpendingPage *self);
/* Lists only the entries of @month ("YYYY-MM"), NULL = the whole range. */
void                        sp_spending_page_filter_month  (SpSpendingPage *self,
                                                            const char     *month);
const char                 *sp_spending_page_get_filter_month (SpSpendingPage *self);

const SpLedgerBudgetStatus *sp_spending_page_get_budget_status (SpSpendingPage *self);
/* TRUE when the budget box shows the over-budget warning. */
gboolean                    sp_spending_page_get_budget_warning (SpSpendingPage *self);

/* Soft-deletes an entry and offers to undo it in a toast. */
gboolean                    sp_spending_page_delete_entry  (SpSpendingPage  *self,
                                                            gint64           id,
                                                            GError         **error);
/* Brings back the last entry deleted from this page. */
gboolean                    sp_spending_page_undo_delete   (SpSpendingPage  *self,
                                                            GError         **error);
/* Opens the add (@id 0) or edit dialog. */
SpLedgerEntryDialog        *sp_spending_page_open_entry_dialog (SpSpendingPage *self,
                                                                gint64          id);
/* Opens the import window on @data. */
SpCsvImportWindow          *sp_spending_page_open_import   (SpSpendingPage  *self,
                                                            const char      *data,
                                                            gsize            len,
                                                            GError         **error);
gboolean                    sp_spending_page_export_csv    (SpSpendingPage  *self,
                                                            const char      *path,
                                                            GError         **error);
gboolean                    sp_spending_page_backup_to     (SpSpendingPage  *self,
                                                            const char      *path,
                                                            GError         **error);
/* Replaces the database with @path once it passed the checks of
 * sp_store_restore() (after saving the current one beside it as a dated
 * safety copy), reopens the ledger and emits "database-restored". */
gboolean                    sp_spending_page_restore_from  (SpSpendingPage  *self,
                                                            const char      *path,
                                                            GError         **error);

/* Installs the page's actions (spending.add, .delete, .backup, …). */
void          sp_spending_page_install_actions (GtkWidgetClass *widget_class);

/* The store service's jobs on one file: export, back up, restore. */
typedef void (*SpPathJobFunc) (SpStoreService      *service,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);

G_END_DECLS
