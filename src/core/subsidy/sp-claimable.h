/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-claimable.h — what the company could still claim (issue 19)
 *
 * For each programme, over the ledger entries of a period (by default the
 * last 12 months), the subsidy the programme's rules would pay on each
 * purchase — its rate for the entry's kind, its validity period, the vendor
 * list, the minimum contract and subsidy, the cap per contract and per firm
 * per calendar year, its yearly budget — minus the government money already
 * recorded on the entry (subsidy + reimbursed later).  All money is SpMoney.
 *
 * Compute recorded with the category "domestic-compute" or "other-compute"
 * (a purchase through the wallet records it) is paid at that category's
 * rate; compute without one (entered by hand or imported) at the
 * programme's lower compute rate (a lower bound).  Entries of kind "other", refunds and
 * entries in another currency never count. */
#pragma once

#include <glib.h>
#include "sp-eligibility.h"
#include "sp-ledger-entry.h"

G_BEGIN_DECLS

typedef struct {
  gint64   entry_id;
  SpMoney  amount;     /* claimable on this entry, > 0 */
} SpSubsidyClaimEntry;

typedef struct {
  SpProgramme   *programme;      /* a reference */
  SpEligibility *eligibility;
  SpMoney        due;            /* what the rules pay on the entries */
  SpMoney        claimed;        /* government money already recorded on them */
  SpMoney        claimable;      /* due - claimed, per entry never below 0 */
  gboolean       amount_known;   /* FALSE when the programme's rate is unknown */
  guint32        deadline;       /* last day to apply (0 when not stated) */
  GArray        *entries;        /* SpSubsidyClaimEntry */
} SpSubsidyClaim;

void     sp_subsidy_claim_free          (SpSubsidyClaim *claim);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSubsidyClaim, sp_subsidy_claim_free)

/* The first day of the period of @months months ending on @today */
guint32  sp_claimable_period_start (guint32 today, guint months);

/* One SpSubsidyClaim per programme of @programmes (element type SpSubsidyClaim), in the
 * same order.  @entries: ledger entries (SpLedgerEntry), any order; only
 * those dated in [@from, @today] count.  Amounts are computed for every
 * programme that does not apply-NO. */
GPtrArray *sp_claimable_compute (GPtrArray       *programmes,
                                 const SpCompany *company,
                                 GPtrArray       *entries,
                                 guint32          from,
                                 guint32          today);
/* Sum of the claimable amounts of the claims that apply (SP_APPLIES_YES) */
SpMoney  sp_claimable_total     (GPtrArray *claims);

G_END_DECLS
