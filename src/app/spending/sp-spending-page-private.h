/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page-private.h — the Spending page's instance and what its
 * two files share (sp-spending-page.c: loading and showing the ledger;
 * sp-spending-page-actions.c: the actions, dialogs and files) */
#pragma once

#include "sp-ledger-item.h"
#include "sp-spending-page.h"

G_BEGIN_DECLS

#define MAX_SERIES 8

typedef enum {
  COL_DATE,
  COL_VENDOR,
  COL_ITEM,
  COL_KIND,
  COL_QUANTITY,
  COL_PAID,
  COL_SUBSIDY,
  COL_LIST,
  COL_RATE,
  COL_CATEGORY,
  COL_FAPIAO,
  COL_NOTE,
  N_COLUMNS
} Column;

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
  SpLedger             *ledger;
  GSettings            *settings;
  char                 *store_path;
  SpStoreService       *service;       /* the application's */
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

typedef void (*FileChosenFunc) (SpSpendingPage *self, GFile *file);

char *        sp_spending_page_display_currency (SpSpendingPage *self);
SpMoney       sp_spending_page_convert_budget (SpSpendingPage *self,
                                               SpMoney budget,
                                               const char *from,
                                               const char *to);
void          sp_spending_page_toast (SpSpendingPage *self, const char *message, gboolean undo);
void          sp_spending_page_toast_error (SpSpendingPage *self, const GError *error);
void          sp_spending_page_reload_chart (SpSpendingPage *self);
void          sp_spending_page_reload_budget (SpSpendingPage *self);
SpLedgerItem *sp_spending_page_selected_item (SpSpendingPage *self);
void          sp_spending_page_choose_file (SpSpendingPage *self,
                                            const char *title,
                                            GtkFileChooserAction action,
                                            const char *accept,
                                            const char *suggested_name,
                                            const char *filter_name,
                                            const char *pattern,
                                            FileChosenFunc func);
/* Installs the page's actions (spending.add, .delete, .backup, …). */
void          sp_spending_page_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
