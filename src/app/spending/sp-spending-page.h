/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page.h — the Spending page: ledger entries, monthly chart,
 * budget, import/export, backup and restore */
#pragma once

#include <adwaita.h>

#include "sp-application.h"
#include "sp-csv-import-window.h"
#include "sp-ledger-entry-dialog.h"
#include "sp-ledger.h"
#include "sp-reprice-panel.h"
#include "sp-spend-chart.h"

G_BEGIN_DECLS

#define SP_TYPE_SPENDING_PAGE (sp_spending_page_get_type ())
G_DECLARE_FINAL_TYPE (SpSpendingPage, sp_spending_page, SP, SPENDING_PAGE, GtkWidget)

/* Opens the ledger on the application's database and shows it. */
void                        sp_spending_page_load          (SpSpendingPage *self,
                                                            SpApplication  *app);
/* Reads everything again from the ledger. */
void                        sp_spending_page_reload        (SpSpendingPage *self);
/* "ledger", "empty" or "error" */
const char                 *sp_spending_page_get_state     (SpSpendingPage *self);
SpLedger                   *sp_spending_page_get_ledger    (SpSpendingPage *self);
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

G_END_DECLS
