/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-private.h — what the wallet's files share: sp-wallet.c (the
 * object and its API), sp-wallet-rules.c (one evaluation: the checks and
 * the four phases) and sp-wallet-search.c (the proposal's search over
 * subsets).  Not for use outside src/core/wallet. */
#pragma once

#include "sp-wallet.h"

G_BEGIN_DECLS

struct _SpWallet
{
  GObject     parent_instance;

  GPtrArray  *vouchers;    /* SpVoucher */
  GHashTable *programmes;  /* id → SpProgramme */
  GHashTable *ytd;         /* id → SpMoney* */

  /* lean_search() results by everything the search reads (search_key()):
   * 1,910 offers hold a few hundred distinct prices */
  GMutex      cache_lock;
  GHashTable *search_cache; /* GBytes → SearchResult */
};


/* What one evaluation needs to know about the purchase */
typedef struct {
  SpWallet   *wallet;
  SpPurchase *purchase;
  const char *currency;     /* paid */
  SpMoney     list;         /* converted to the paid currency */
  SpMoney     quantum;      /* what amounts round to: the fen, or less for a unit price */
  guint32     date;
  guint32     start;        /* contract period (inclusive) */
  guint32     end;
  SpMoney     quantity;     /* SP_MONEY_UNKNOWN or > 0 */
} SpWalletCtx;

typedef struct {
  SpMoney platform;
  SpMoney prepaid;
  SpMoney government;
  SpMoney later;
  SpMoney net;
  guint   used;
} SpWalletTotals;

/* year-to-date subsidy received from @programme_id */
static inline SpMoney
sp_wallet_ytd (SpWallet   *self,
               const char *programme_id)
{
  SpMoney *amount = g_hash_table_lookup (self->ytd, programme_id);

  return amount != NULL ? *amount : 0;
}

static inline guint32
sp_wallet_overlap_days (guint32 a_start,
                        guint32 a_end,
                        guint32 b_start,
                        guint32 b_end)
{
  guint32 start = MAX (a_start, b_start);
  guint32 end = MIN (a_end, b_end);

  return end >= start ? end - start + 1 : 0;
}

/* How many days of the contract period fall inside @programme's validity
 * (an open end is no bound). */
static inline guint32
sp_wallet_days_inside (SpWalletCtx *ctx,
                       SpProgramme *programme)
{
  guint32 p_from = sp_programme_get_valid_from (programme);
  guint32 p_to = sp_programme_get_valid_to (programme);

  return sp_wallet_overlap_days (ctx->start, ctx->end, p_from != 0 ? p_from : 1,
                                 p_to != 0 ? p_to : G_MAXUINT32 - 1);
}

/* value × num / (den × 10000), rounded once to the quantum (the fen) */
static inline SpMoney
sp_wallet_fen_of (SpWalletCtx *ctx,
                  SpMoney      value,
                  gint64       num,
                  gint64       den,
                  SpRounding   rounding)
{
  SpMoney fen = 0;

  /* value ≤ SP_MONEY_MAX and num/den ≤ 1 here, so this cannot overflow */
  if (!sp_money_muldiv (value, num, den * G_GINT64_CONSTANT (10000) * ctx->quantum, rounding, &fen))
    g_return_val_if_reached (0);
  return fen * ctx->quantum;
}

/* What a proposal minimises: the net cost after reimbursement with prepaid
 * counted as paid (how little cash), or the cost (prepaid is the company's
 * money too: list − discounts − subsidies) */
static inline SpMoney
sp_wallet_totals_goal (const SpWalletTotals  *t,
             SpProposeGoal  goal)
{
  return goal == SP_PROPOSE_LEAST_COST ? t->net + t->prepaid : t->net;
}

/* a better than b: less of the goal, then less prepaid drawn, then fewer
 * vouchers */
static inline gboolean
sp_wallet_totals_better (const SpWalletTotals  *a,
               const SpWalletTotals  *b,
               SpProposeGoal  goal)
{
  if (sp_wallet_totals_goal (a, goal) != sp_wallet_totals_goal (b, goal))
    return sp_wallet_totals_goal (a, goal) < sp_wallet_totals_goal (b, goal);
  if (a->prepaid != b->prepaid)
    return a->prepaid < b->prepaid;
  return a->used < b->used;
}

/* sp-wallet.c */
gboolean     sp_wallet_ctx_init           (SpWalletCtx *ctx, SpWallet *self, SpPurchase *purchase,
                                           GError **error);
SpBreakdown *sp_wallet_ctx_breakdown      (SpWalletCtx *ctx);

/* sp-wallet-rules.c */
char        *sp_wallet_money_text         (SpWalletCtx *ctx, SpMoney amount);
const char  *sp_wallet_voucher_name       (SpVoucher *voucher);
SpRefusal    sp_wallet_check_static       (SpWalletCtx *ctx, SpVoucher *voucher, char **message);
int          sp_wallet_percent_rank_cmp   (gconstpointer a, gconstpointer b);
int          sp_wallet_prepaid_rank_cmp   (gconstpointer a, gconstpointer b);
/* Applies @order (n vouchers) to the purchase.  Fills @totals; when @out is
 * not NULL, records lines and refusals there. */
void         sp_wallet_run                (SpWalletCtx *ctx, SpVoucher **order, guint n,
                                           SpBreakdown *out, SpWalletTotals *totals);

/* sp-wallet-search.c: the search's evaluator (see there): what the search
 * reads of each usable voucher and programme, taken once per purchase */
typedef struct {
  SpVoucherKind kind;
  gint          percent;
  SpMoney       amount;        /* fixed discount */
  SpMoney       balance;       /* prepaid, government */
  gboolean      pack;          /* prepaid quantity pack */
  guint         programme;     /* index of the programme among the usable ones */
  gboolean      exclusive;
  gint64        num;           /* rate × days inside */
  gint64        den;           /* contract days */
  SpRounding    rounding;
  SpMoney       cap_contract;  /* SP_MONEY_UNKNOWN: none */
  SpMoney       cap_left;      /* yearly cap − received this year; SP_MONEY_UNKNOWN: none */
  gboolean      later;
} SpWalletLeanVoucher;

typedef struct {
  SpWalletCtx         *ctx;
  guint        n;
  SpWalletLeanVoucher *v;
  guint       *percent_order;  /* usable indices of percentage discounts, ranked */
  guint        n_percent;
  guint       *prepaid_order;  /* usable indices of prepaid vouchers, ranked */
  guint        n_prepaid;
} SpWalletLean;

void          sp_wallet_lean_init          (SpWalletLean *lean, SpWalletCtx *ctx,
                                            SpVoucher **usable, guint n);
void          sp_wallet_lean_clear         (SpWalletLean *lean);
/* The lowest mask of the best totals over every subset of the usable
 * vouchers (sp-wallet-unit.c calls it per list amount) */
guint         sp_wallet_lean_search        (const SpWalletLean *lean, SpProposeGoal goal,
                                            SpWalletTotals *best);
/* The same, cached in @self by what the search reads. */
guint         sp_wallet_lean_search_cached (SpWallet *self, const SpWalletLean *lean,
                                            SpProposeGoal goal, SpWalletTotals *best);

G_END_DECLS
