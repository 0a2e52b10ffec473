/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-eligibility.h — does a compute-voucher programme apply to the company?
 *
 * The answer is one of three (issue 19): it applies; it does not (the reason,
 * with the clause of the document it rests on); or Suanpan cannot tell (what
 * the user must check).  Only what the company profile can answer is decided
 * here (city and registration, industry, application window); the conditions
 * on each purchase (kinds, non-related vendor, platform, minimum contract) are
 * applied by the claimable computation (sp-claimable.h) and listed in
 * @to_check. */
#pragma once

#include <glib.h>
#include "sp-company.h"
#include "sp-programme.h"

G_BEGIN_DECLS

typedef enum {
  SP_APPLIES_NO,
  SP_APPLIES_YES,
  SP_APPLIES_UNKNOWN, /* cannot tell */
} SpApplies;

typedef struct {
  SpApplies  applies;
  char      *reason;      /* one translated sentence */
  char      *clause;      /* the Chinese clause the answer rests on, or NULL */
  char      *clause_url;  /* the page that clause was read on, or NULL */
  GPtrArray *to_check;    /* translated sentences: what to check before applying */
  gboolean   expired;     /* the programme's period ended before @today */
} SpEligibility;

/* @company may be NULL (no profile: cannot tell).  @programmes (optional)
 * names cities in the reasons.  @today is a Julian day (sp_date_today()). */
SpEligibility *sp_eligibility_check (SpProgramme     *programme,
                                     GPtrArray       *programmes,
                                     const SpCompany *company,
                                     guint32          today);
void           sp_eligibility_free  (SpEligibility *eligibility);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpEligibility, sp_eligibility_free)

/* "applies", "does-not-apply", "cannot-tell" */
const char    *sp_applies_to_string (SpApplies applies);

G_END_DECLS
