/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-eligibility.c — applies / does not apply / cannot tell */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-eligibility.h"
#include "sp-purchase.h"

void
sp_eligibility_free (SpEligibility *eligibility)
{
  if (eligibility == NULL)
    return;
  g_free (eligibility->reason);
  g_free (eligibility->clause);
  g_free (eligibility->clause_url);
  g_ptr_array_unref (eligibility->to_check);
  g_free (eligibility);
}

const char *
sp_applies_to_string (SpApplies applies)
{
  switch (applies)
    {
    case SP_APPLIES_YES:
      return "applies";
    case SP_APPLIES_NO:
      return "does-not-apply";
    case SP_APPLIES_UNKNOWN:
    default:
      return "cannot-tell";
    }
}

static void
answer (SpEligibility *e,
        SpProgramme   *programme,
        SpApplies      applies,
        const char    *rule_path,
        char          *reason)
{
  const char *url = NULL;
  const char *clause = rule_path ? sp_programme_get_clause (programme, rule_path, &url) : NULL;

  e->applies = applies;
  g_free (e->reason);
  e->reason = reason;
  g_free (e->clause);
  g_free (e->clause_url);
  e->clause = g_strdup (clause);
  e->clause_url = g_strdup (url);
}

static const char *
city_name (SpProgramme *programme,
           GPtrArray   *programmes,
           const char  *city_id)
{
  const char *name = NULL;

  if (g_strcmp0 (sp_programme_get_city (programme), city_id) == 0)
    name = sp_programme_get_city_zh (programme);
  if (name == NULL)
    name = sp_company_city_name (programmes, city_id);
  return name != NULL ? name : city_id;
}

/* The checks on each purchase that the profile cannot answer */
static void
add_purchase_checks (SpEligibility *e,
                     SpProgramme   *programme)
{
  const char * const *platforms = sp_programme_get_platforms (programme);

  if (sp_programme_get_require_unaffiliated (programme))
    g_ptr_array_add (e->to_check, g_strdup (_("The vendor must not be a related party of the company.")));
  if (platforms != NULL && platforms[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("、", (char **) platforms);

      g_ptr_array_add (e->to_check, g_strdup_printf (_("The compute must be bought on: %s."), list));
    }
  else if (sp_programme_get_accept_tagged (programme))
    g_ptr_array_add (e->to_check,
                     g_strdup (_("The vendor must be one the programme approved.")));
  if (sp_programme_get_uncited (programme) != NULL)
    g_ptr_array_add (e->to_check,
                     g_strdup (_("Some rules of this programme have no published source: check the current notice.")));
  if (sp_programme_is_unknown (programme, "rates"))
    g_ptr_array_add (e->to_check,
                     g_strdup (_("The subsidy rate was not in the published text read: check the detailed rules.")));
  /* a ledger entry has one date, not the contract's days: claimable counts it whole */
  if (sp_programme_get_prorate (programme) == SP_PRORATE_DAYS)
    g_ptr_array_add (e->to_check,
                     g_strdup (_("Only the contract days inside the programme's period count: a contract "
                                 "running past it gets less than shown.")));
}

static gboolean
check_industry (SpEligibility   *e,
                SpProgramme     *programme,
                const SpCompany *company)
{
  const char * const *industries = sp_programme_get_industries (programme);
  g_autofree char *list = NULL;

  if (industries == NULL || industries[0] == NULL)
    return TRUE;
  list = g_strjoinv ("、", (char **) industries);
  if (company->industry == NULL)
    {
      answer (e, programme, SP_APPLIES_UNKNOWN, "conditions.industries",
              g_strdup_printf (_("Only for these industries: %s. Set the company's industry."), list));
      return FALSE;
    }
  for (guint i = 0; industries[i] != NULL; i++)
    if (strstr (industries[i], company->industry) != NULL ||
        strstr (company->industry, industries[i]) != NULL)
      return TRUE;
  answer (e, programme, SP_APPLIES_NO, "conditions.industries",
          g_strdup_printf (_("Only for these industries: %s; the company's industry is %s."), list,
                           company->industry));
  return FALSE;
}

static gboolean
check_city (SpEligibility   *e,
            SpProgramme     *programme,
            GPtrArray       *programmes,
            const SpCompany *company)
{
  const char *city = sp_programme_get_city (programme);
  const char *name = city_name (programme, programmes, city);

  if (city == NULL || g_str_equal (city, company->city))
    return TRUE;
  switch (sp_programme_get_registered_in_city (programme))
    {
    case 1:
      answer (e, programme, SP_APPLIES_NO, "conditions.registered_in_city",
              g_strdup_printf (_("Only for firms registered in %s; the company is in %s."), name,
                               city_name (programme, programmes, company->city)));
      return FALSE;
    case 0:
      return TRUE;
    default:
      answer (e, programme, SP_APPLIES_UNKNOWN, NULL,
              g_strdup_printf (_("The published text read does not say whether firms outside %s may claim: ask the issuer."),
                               name));
      return FALSE;
    }
}

SpEligibility *
sp_eligibility_check (SpProgramme     *programme,
                      GPtrArray       *programmes,
                      const SpCompany *company,
                      guint32          today)
{
  SpEligibility *e;
  guint32 valid_to, window_to;

  g_return_val_if_fail (SP_IS_PROGRAMME (programme), NULL);

  e = g_new0 (SpEligibility, 1);
  valid_to = sp_programme_get_valid_to (programme);
  window_to = sp_programme_get_window_to (programme);
  e->to_check = g_ptr_array_new_with_free_func (g_free);
  e->expired = valid_to != 0 && valid_to < today;
  add_purchase_checks (e, programme);

  if (company == NULL || company->city == NULL)
    {
      answer (e, programme, SP_APPLIES_UNKNOWN, NULL,
              g_strdup (_("No company profile: set the company's city first.")));
      return e;
    }
  if (!check_city (e, programme, programmes, company) || !check_industry (e, programme, company))
    return e;
  if (window_to != 0 && window_to < today)
    {
      g_autofree char *date = sp_date_to_iso (window_to);

      answer (e, programme, SP_APPLIES_NO, "conditions.application_window",
              g_strdup_printf (_("Applications closed on %s."), date));
      return e;
    }
  if (sp_programme_get_city (programme) != NULL &&
      g_str_equal (sp_programme_get_city (programme), company->city))
    answer (e, programme, SP_APPLIES_YES,
            sp_programme_get_registered_in_city (programme) == 1 ? "conditions.registered_in_city" : NULL,
            g_strdup_printf (_("The company is in %s, where the programme is offered."),
                             city_name (programme, programmes, company->city)));
  else
    answer (e, programme, SP_APPLIES_YES, "conditions.registered_in_city",
            g_strdup (_("Firms from outside the programme's region may claim.")));
  if (e->expired)
    {
      g_autofree char *date = sp_date_to_iso (valid_to);

      g_ptr_array_add (e->to_check,
                       g_strdup_printf (_("The programme ended on %s: only earlier purchases count."), date));
    }
  return e;
}
