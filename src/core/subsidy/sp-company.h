/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-company.h — the company profile the subsidy finder checks programmes
 * against (issue 19): where the firm is registered, its industry and size.
 *
 * Kept in the store's `meta` key/value table (keys "company.city",
 * "company.district", "company.industry", "company.employees"), so it needs
 * no schema change. */
#pragma once

#include <glib.h>
#include "sp-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *city;       /* a programme city id ("hangzhou") or the name given; NULL = not set */
  char   *district;   /* NULL = not set */
  char   *industry;   /* NULL = not set */
  gint64  employees;  /* -1 = not set */
} SpCompany;

SpCompany  *sp_company_new          (void);
void        sp_company_free         (SpCompany *company);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCompany, sp_company_free)

/* TRUE when nothing is set */
gboolean    sp_company_is_empty     (const SpCompany *company);

/* Reads the profile from @store (an empty profile when none was saved). */
SpCompany  *sp_company_load         (SpStore *store, GError **error);
/* Saves every field of @company (an unset field is saved as empty). */
gboolean    sp_company_save         (SpStore *store, const SpCompany *company, GError **error);

/* The city id for @text: a programme's city id ("hangzhou"), its Chinese
 * name ("杭州市") or that name without 市/省 ("杭州"), looked up in
 * @programmes (element type SpProgramme) and a few cities without a shipped
 * programme (宁波 → "ningbo", …).  NULL when @text is not a city Suanpan
 * knows. */
char       *sp_company_resolve_city (GPtrArray *programmes, const char *text);
/* The Chinese name of @city_id when known ("杭州市"), else NULL */
const char *sp_company_city_name    (GPtrArray *programmes, const char *city_id);

G_END_DECLS
