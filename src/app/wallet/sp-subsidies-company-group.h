/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-subsidies-company-group.h — Preferences → Company (issue 19): the city,
 * district, industry and size the subsidy finder checks programmes against,
 * kept in the database's meta table (sp-company.h). */
#pragma once

#include <adwaita.h>

#include "sp-core.h"

G_BEGIN_DECLS

#define SP_TYPE_SUBSIDIES_COMPANY_GROUP (sp_subsidies_company_group_get_type ())
G_DECLARE_FINAL_TYPE (SpSubsidiesCompanyGroup, sp_subsidies_company_group, SP,
                      SUBSIDIES_COMPANY_GROUP, AdwPreferencesGroup)

/* Reads the profile of the database at @store_path in a thread; each row
 * saves its field (in a thread) when applied. */
SpSubsidiesCompanyGroup *sp_subsidies_company_group_new        (const char *store_path);

/* For tests: TRUE once the profile is shown; applies @text to the row
 * "city", "district", "industry" or "employees" as the user would (FALSE
 * when refused, with the row marked as an error). */
gboolean                 sp_subsidies_company_group_is_loaded  (SpSubsidiesCompanyGroup *self);
gboolean                 sp_subsidies_company_group_apply      (SpSubsidiesCompanyGroup *self,
                                                                const char              *field,
                                                                const char              *text);
/* TRUE while a save is running */
gboolean                 sp_subsidies_company_group_is_saving  (SpSubsidiesCompanyGroup *self);

G_END_DECLS
