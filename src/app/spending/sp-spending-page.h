/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page.h — the Spending page: ledger entries, monthly chart,
 * budget, import/export, backup and restore */
#pragma once

#include <adwaita.h>

#include "sp-application.h"

G_BEGIN_DECLS

#define SP_TYPE_SPENDING_PAGE (sp_spending_page_get_type ())
G_DECLARE_FINAL_TYPE (SpSpendingPage, sp_spending_page, SP, SPENDING_PAGE, GtkWidget)

/* Opens the ledger on the application's database and shows it. */
void                        sp_spending_page_load          (SpSpendingPage *self,
                                                            SpApplication  *app);
/* Reads everything again from the ledger. */
void                        sp_spending_page_reload        (SpSpendingPage *self);

G_END_DECLS
