/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakdown.h — who pays what for one purchase
 *
 * The result of applying vouchers (sp-wallet.h).  All amounts are in the
 * paid currency, in micro-units, and add up exactly:
 *
 *     platform + prepaid + government + company_net == list
 *     company_cash == company_net + reimbursed_later
 *     cost == list − platform − government == company_net + prepaid
 *
 * cost is what the purchase costs the company; prepaid (drawn from a pack
 * or balance paid earlier) and company_cash say how it is paid.
 *
 * where list is the list amount converted once to the paid currency,
 * company_cash is what the company pays now and reimbursed_later the
 * government money that arrives after settlement (on a claim). */
#pragma once

#include <glib-object.h>
#include "sp-money.h"
#include "sp-voucher.h"

G_BEGIN_DECLS

/* Why a voucher was not used */
typedef enum {
  SP_REFUSAL_NONE,
  SP_REFUSAL_NOT_YET_VALID,     /* before its first valid day */
  SP_REFUSAL_EXPIRED,           /* after its last valid day */
  SP_REFUSAL_ALREADY_USED,      /* single-use and used */
  SP_REFUSAL_EXHAUSTED,         /* no balance left */
  SP_REFUSAL_VENDOR,            /* not for this vendor / vendor not accredited */
  SP_REFUSAL_AFFILIATED,        /* vendor affiliated with the buyer */
  SP_REFUSAL_ITEM_KIND,         /* the programme or pack does not cover this item */
  SP_REFUSAL_CATEGORY,          /* the programme pays nothing for this category */
  SP_REFUSAL_CURRENCY,          /* the voucher's currency is not the paid one */
  SP_REFUSAL_MIN_SPEND,         /* list amount below the minimum spend */
  SP_REFUSAL_UNKNOWN_PROGRAMME, /* the programme definition is missing */
  SP_REFUSAL_OUTSIDE_PERIOD,    /* purchase / contract outside the programme period */
  SP_REFUSAL_OVER_CAP,          /* the firm's yearly cap is used up */
  SP_REFUSAL_DOUBLE_SUBSIDY,    /* no double subsidy with another programme */
  SP_REFUSAL_NOTHING_LEFT,      /* nothing left to pay or subsidise */
  SP_REFUSAL_NO_QUANTITY,       /* a quantity pack, but the purchase quantity is unknown */
} SpRefusal;

/* Which limit decided a government line's amount */
typedef enum {
  SP_LIMIT_RATE,          /* rate × eligible amount */
  SP_LIMIT_CONTRACT_CAP,
  SP_LIMIT_YEAR_CAP,
  SP_LIMIT_BALANCE,
  SP_LIMIT_REMAINDER,     /* what was left to pay */
} SpLimit;

typedef struct {
  char          *code;
  SpVoucherKind  kind;
  char          *programme_id;     /* government lines */
  SpMoney        amount;           /* > 0, in the paid currency */
  SpMoney        quantity;         /* quantity packs: quantity drawn; else SP_MONEY_UNKNOWN */
  gboolean       reimbursed_later; /* government paid after settlement */
  SpLimit        limit;            /* government lines */
  char          *note;             /* translated: "30% of ¥1000.00 (model services), capped by the balance" */
} SpBreakdownLine;

typedef struct {
  char      *code;
  SpRefusal  reason;
  char      *message;              /* translated, plain words */
} SpBreakdownRefusal;

#define SP_TYPE_BREAKDOWN (sp_breakdown_get_type ())
G_DECLARE_FINAL_TYPE (SpBreakdown, sp_breakdown, SP, BREAKDOWN, GObject)

/* The paid currency and the rate the list amount was converted with
 * (micro-units of paid currency per list currency unit; 1000000 when none). */
const char   *sp_breakdown_get_currency          (SpBreakdown *self);
const char   *sp_breakdown_get_list_currency     (SpBreakdown *self);
SpMoney       sp_breakdown_get_exchange_rate     (SpBreakdown *self);
SpMoney       sp_breakdown_get_list_original     (SpBreakdown *self);  /* in the list currency */
SpMoney       sp_breakdown_get_list              (SpBreakdown *self);  /* converted */
SpMoney       sp_breakdown_get_platform          (SpBreakdown *self);
SpMoney       sp_breakdown_get_contract          (SpBreakdown *self);  /* list − platform */
SpMoney       sp_breakdown_get_prepaid           (SpBreakdown *self);
SpMoney       sp_breakdown_get_government        (SpBreakdown *self);
/* Government money of one programme (0 when none) */
SpMoney       sp_breakdown_get_government_for    (SpBreakdown *self, const char *programme_id);
SpMoney       sp_breakdown_get_company_cash      (SpBreakdown *self);
SpMoney       sp_breakdown_get_reimbursed_later  (SpBreakdown *self);
SpMoney       sp_breakdown_get_net               (SpBreakdown *self);  /* net after reimbursement */
/* What the purchase costs: list − platform − government (after
 * reimbursement) = net + prepaid.  Prepaid drawn is how it is paid, not a
 * saving: the money in the pack is the company's. */
SpMoney       sp_breakdown_get_cost              (SpBreakdown *self);

guint                     sp_breakdown_get_n_lines    (SpBreakdown *self);
const SpBreakdownLine    *sp_breakdown_get_line       (SpBreakdown *self, guint i);
/* The line of voucher @code, or NULL when it was not used */
const SpBreakdownLine    *sp_breakdown_find_line      (SpBreakdown *self, const char *code);
guint                     sp_breakdown_get_n_refusals (SpBreakdown *self);
/* TRUE when no voucher applied and each of the wallet's @n_vouchers was
 * refused for a reason that does not depend on the amount (vendor, kind,
 * category, currency, dates, used up…): no other amount of the same
 * purchase can use one either. */
gboolean                  sp_breakdown_refuses_every_amount (SpBreakdown *self,
                                                             guint        n_vouchers);
const SpBreakdownRefusal *sp_breakdown_get_refusal    (SpBreakdown *self, guint i);
/* The refusal of voucher @code, or NULL */
const SpBreakdownRefusal *sp_breakdown_find_refusal   (SpBreakdown *self, const char *code);
/* Proposals only: translated sentences explaining the choice (NULL-terminated) */
const char * const       *sp_breakdown_get_explanation (SpBreakdown *self);
/* The explanation as one text, one sentence per line (newly allocated) */
char                     *sp_breakdown_dup_explanation_text (SpBreakdown *self);

/* Used by the engine (sp-wallet.c) to build a breakdown. */
SpBreakdown  *sp_breakdown_new                   (const char *currency, const char *list_currency,
                                                  SpMoney exchange_rate, SpMoney list_original,
                                                  SpMoney list);
/* Adds a line (takes @note) and updates the totals */
void          sp_breakdown_add_line              (SpBreakdown *self, const SpBreakdownLine *line);
void          sp_breakdown_add_refusal           (SpBreakdown *self, const char *code,
                                                  SpRefusal reason, char *message);
void          sp_breakdown_add_explanation       (SpBreakdown *self, char *sentence);

G_END_DECLS
