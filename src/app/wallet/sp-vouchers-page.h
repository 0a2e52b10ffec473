/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page.h — the Vouchers page: the wallet, claims and history */
#pragma once

#include <adwaita.h>

#include "sp-application.h"

G_BEGIN_DECLS

#define SP_TYPE_VOUCHERS_PAGE (sp_vouchers_page_get_type ())
G_DECLARE_FINAL_TYPE (SpVouchersPage, sp_vouchers_page, SP, VOUCHERS_PAGE, GtkWidget)

/* Reads and writes the wallet through the application's store service and
 * shows it; reloads when the service says the wallet changed and whenever
 * it is shown. */
void              sp_vouchers_page_load            (SpVouchersPage *self,
                                                    SpApplication  *app);
/* Reads the wallet, claims and history again (through the service; the
 * page shows them when they are there). */
void              sp_vouchers_page_reload          (SpVouchersPage *self);

G_END_DECLS
