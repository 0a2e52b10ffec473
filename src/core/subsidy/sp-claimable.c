/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-claimable.c — the subsidy the ledger's purchases could still claim */
#include "config.h"

#include <stdlib.h>

#include "sp-claimable.h"
#include "sp-purchase.h"

void
sp_subsidy_claim_free (SpSubsidyClaim *claim)
{
  if (claim == NULL)
    return;
  g_clear_object (&claim->programme);
  sp_eligibility_free (claim->eligibility);
  g_array_unref (claim->entries);
  g_free (claim);
}

guint32
sp_claimable_period_start (guint32 today,
                           guint   months)
{
  g_autoptr(GDate) date = g_date_new_julian (today);

  g_date_subtract_months (date, months);
  g_date_add_days (date, 1);
  return g_date_get_julian (date);
}

static gboolean
entry_item_kind (const SpLedgerEntry *entry,
                 SpItemKind          *kind,
                 gboolean            *tokens)
{
  *tokens = FALSE;
  switch (entry->kind)
    {
    case SP_LEDGER_KIND_GPU:
      *kind = SP_ITEM_GPU;
      return TRUE;
    case SP_LEDGER_KIND_CPU:
      *kind = SP_ITEM_CPU;
      return TRUE;
    case SP_LEDGER_KIND_TOKENS:
      *kind = SP_ITEM_TOKENS;
      *tokens = TRUE;
      return TRUE;
    case SP_LEDGER_KIND_OTHER:
    default:
      return FALSE;
    }
}

/* Basis points for the entry, or SP_RATE_NONE */
static gint
entry_rate (SpProgramme         *programme,
            const SpLedgerEntry *entry)
{
  SpItemKind kind;
  gboolean tokens;
  SpCategory category;
  gint domestic, other;

  if (!entry_item_kind (entry, &kind, &tokens) || !sp_programme_covers_kind (programme, kind))
    return SP_RATE_NONE;
  if (tokens)
    return sp_programme_get_rate (programme, SP_CATEGORY_MODEL_SERVICE, FALSE);
  /* a purchase recorded as domestic or other compute (the redeem window and
   * `buy --category` write it) is paid at that category's rate when the
   * programme states one */
  if (entry->category != NULL && sp_category_from_string (entry->category, &category) &&
      category != SP_CATEGORY_MODEL_SERVICE)
    {
      gint rate = sp_programme_get_rate (programme, category, FALSE);

      if (rate >= 0)
        return rate;
    }
  domestic = sp_programme_get_rate (programme, SP_CATEGORY_DOMESTIC_COMPUTE, FALSE);
  other = sp_programme_get_rate (programme, SP_CATEGORY_OTHER_COMPUTE, FALSE);
  if (domestic < 0)
    return other;
  if (other < 0)
    return domestic;
  return MIN (domestic, other);
}

static gboolean
entry_qualifies (SpProgramme         *programme,
                 const SpLedgerEntry *entry,
                 guint32              day)
{
  const char * const *vendors = sp_programme_get_vendors (programme);
  guint32 valid_from = sp_programme_get_valid_from (programme);
  guint32 valid_to = sp_programme_get_valid_to (programme);
  SpMoney min_contract = sp_programme_get_min_contract (programme);

  if (entry->refund || entry->list_amount <= 0 ||
      g_ascii_strcasecmp (entry->currency, sp_programme_get_currency (programme)) != 0)
    return FALSE;
  if ((valid_from != 0 && day < valid_from) || (valid_to != 0 && day > valid_to))
    return FALSE;
  if (vendors != NULL && vendors[0] != NULL &&
      (entry->vendor == NULL || !g_strv_contains (vendors, entry->vendor)))
    return FALSE;
  return min_contract == SP_MONEY_UNKNOWN || entry->list_amount >= min_contract;
}

/* What the rate pays on the contract, rounded to the fen once */
static SpMoney
rate_amount (SpProgramme *programme,
             SpMoney      amount,
             gint         rate)
{
  SpMoney fen = 0;

  if (!sp_money_muldiv (amount, rate, 10000 * (SP_MONEY_SCALE / 100),
                        sp_programme_get_rounding (programme), &fen))
    return 0;
  return fen * (SP_MONEY_SCALE / 100);
}

static int
compare_entries (const void *a,
                 const void *b)
{
  const SpLedgerEntry *x = *(SpLedgerEntry * const *) a;
  const SpLedgerEntry *y = *(SpLedgerEntry * const *) b;
  int c = g_strcmp0 (x->date, y->date);

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

/* a + b, held at the largest amount instead of overflowing */
static SpMoney
add_held (SpMoney a,
          SpMoney b)
{
  SpMoney sum;

  return sp_money_add (a, b, &sum) ? sum : G_MAXINT64;
}

typedef struct {
  int     year;
  SpMoney used;
} YearUse;

/* The amount due on one entry under the caps; updates @use */
static SpMoney
capped_due (SpProgramme *programme,
            SpMoney      due,
            YearUse     *use,
            int          year)
{
  SpMoney cap_contract = sp_programme_get_cap_per_contract (programme);
  SpMoney cap_year = sp_programme_get_cap_per_year (programme);
  SpMoney budget = sp_programme_get_budget (programme);
  SpMoney limit = G_MAXINT64;

  if (use->year != year)
    {
      use->year = year;
      use->used = 0;
    }
  if (cap_contract != SP_MONEY_UNKNOWN)
    due = MIN (due, cap_contract);
  if (cap_year != SP_MONEY_UNKNOWN)
    limit = cap_year;
  if (budget != SP_MONEY_UNKNOWN)
    limit = MIN (limit, budget);
  due = MAX (0, MIN (due, limit - use->used));
  use->used = add_held (use->used, due);
  return due;
}

static void
compute_one (SpSubsidyClaim   *claim,
             GPtrArray *sorted,
             guint32    from,
             guint32    today)
{
  SpProgramme *programme = claim->programme;
  SpMoney min_subsidy = sp_programme_get_min_subsidy (programme);
  YearUse use = { 0, 0 };

  claim->amount_known = !sp_programme_is_unknown (programme, "rates");
  for (guint i = 0; claim->amount_known && i < sorted->len; i++)
    {
      const SpLedgerEntry *entry = sorted->pdata[i];
      SpMoney recorded = add_held (MAX (0, entry->subsidy), MAX (0, entry->reimbursed_later));
      guint32 day;
      gint rate;
      SpMoney due;

      if (!sp_date_parse_iso (entry->date, &day) || day < from || day > today ||
          !entry_qualifies (programme, entry, day) || (rate = entry_rate (programme, entry)) < 0)
        continue;
      due = rate_amount (programme, entry->list_amount, rate);
      if (min_subsidy != SP_MONEY_UNKNOWN && due < min_subsidy)
        due = 0;
      due = capped_due (programme, due, &use, atoi (entry->date));
      claim->due = add_held (claim->due, due);
      claim->claimed = add_held (claim->claimed, MIN (recorded, due));
      if (due > recorded)
        {
          SpSubsidyClaimEntry ce = { entry->id, due - recorded };

          claim->claimable = add_held (claim->claimable, ce.amount);
          g_array_append_val (claim->entries, ce);
        }
    }
}

GPtrArray *
sp_claimable_compute (GPtrArray       *programmes,
                      const SpCompany *company,
                      GPtrArray       *entries,
                      guint32          from,
                      guint32          today)
{
  GPtrArray *claims = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_subsidy_claim_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_return_val_if_fail (programmes != NULL, claims);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    g_ptr_array_add (sorted, entries->pdata[i]);
  g_ptr_array_sort (sorted, compare_entries);
  for (guint i = 0; i < programmes->len; i++)
    {
      SpSubsidyClaim *claim = g_new0 (SpSubsidyClaim, 1);

      claim->programme = g_object_ref (programmes->pdata[i]);
      claim->eligibility = sp_eligibility_check (claim->programme, programmes, company, today);
      claim->entries = g_array_new (FALSE, FALSE, sizeof (SpSubsidyClaimEntry));
      claim->deadline = sp_programme_get_window_to (claim->programme);
      if (claim->eligibility->applies != SP_APPLIES_NO)
        compute_one (claim, sorted, from, today);
      g_ptr_array_add (claims, claim);
    }
  return claims;
}

SpMoney
sp_claimable_total (GPtrArray *claims)
{
  SpMoney total = 0;

  for (guint i = 0; claims != NULL && i < claims->len; i++)
    {
      SpSubsidyClaim *claim = claims->pdata[i];

      if (claim->eligibility->applies == SP_APPLIES_YES && claim->amount_known)
        total = add_held (total, claim->claimable);
    }
  return total;
}
