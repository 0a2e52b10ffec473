/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-subsidy-report.h — everything the Subsidies panel and
 * `suanpan-cli programmes claimable` show, read from a database in one go:
 * the programmes, the company profile, and per programme its eligibility
 * and what the ledger's purchases could still claim (sp-claimable.h).
 *
 * The async loader reads the database in a worker thread, so a window never
 * blocks on SQL (issue 16 item 3). */
#pragma once

#include <gio/gio.h>
#include "sp-claimable.h"

G_BEGIN_DECLS

#define SP_TYPE_SUBSIDY_REPORT (sp_subsidy_report_get_type ())
G_DECLARE_FINAL_TYPE (SpSubsidyReport, sp_subsidy_report, SP, SUBSIDY_REPORT, GObject)

/* Reads @store_path (opened and closed here) over the @months months ending
 * on @today (a Julian day; 0 = today). */
SpSubsidyReport *sp_subsidy_report_load        (const char    *store_path,
                                                guint          months,
                                                guint32        today,
                                                GError       **error);
void             sp_subsidy_report_load_async  (const char          *store_path,
                                                guint                months,
                                                guint32              today,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
SpSubsidyReport *sp_subsidy_report_load_finish (GAsyncResult  *result,
                                                GError       **error);

/* Element type SpSubsidyClaim, one per programme */
GPtrArray       *sp_subsidy_report_get_claims     (SpSubsidyReport *self);
GPtrArray       *sp_subsidy_report_get_programmes (SpSubsidyReport *self);
const SpCompany *sp_subsidy_report_get_company    (SpSubsidyReport *self);
SpMoney          sp_subsidy_report_get_total      (SpSubsidyReport *self);
guint32          sp_subsidy_report_get_from       (SpSubsidyReport *self);
guint32          sp_subsidy_report_get_today      (SpSubsidyReport *self);

/* Saves @company into @store_path's meta table in a worker thread. */
void             sp_company_save_async          (const char          *store_path,
                                                 const SpCompany     *company,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         sp_company_save_finish         (GAsyncResult  *result,
                                                 GError       **error);

G_END_DECLS
