/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-unit.c — the proposal's cost for purchases that differ only in
 * their list amount (sp-wallet-unit.h) */
#include "config.h"

#include "sp-wallet-private.h"
#include "sp-wallet-unit.h"

/* The usable vouchers at a list amount are those usable at any amount
 * whose minimum spend (if any) the amount reaches: a few distinct sets,
 * each with its evaluator built once */
typedef struct {
  guint64       mask;     /* bits of SpWalletUnit.cand */
  SpVoucher   **usable;
  SpWalletLean  lean;
  GHashTable   *memo;     /* list amount → cost, when the search is long */
} UnitSet;

/* From this many usable vouchers (2^n subsets) a search costs more than a
 * lookup of the list amount among those already searched */
#define UNIT_MEMO_FROM 6
#define UNIT_MEMO_MAX  65536

struct _SpWalletUnit
{
  SpWallet      *wallet;
  SpPurchase    *purchase;
  SpProposeGoal  goal;
  SpWalletCtx    ctx;
  guint          n_cand;
  SpVoucher    **cand;      /* usable whatever the amount, in wallet order … */
  SpMoney       *min_spend; /* … from this list amount on (SP_MONEY_UNKNOWN: any) */
  GArray        *sets;      /* UnitSet */
};

SpWalletUnit *
sp_wallet_unit_new (SpWallet      *wallet,
                    SpPurchase    *purchase,
                    SpProposeGoal  goal)
{
  SpWalletUnit *u;
  GPtrArray *vouchers;

  g_return_val_if_fail (SP_IS_WALLET (wallet), NULL);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), NULL);

  vouchers = sp_wallet_get_vouchers (wallet);
  if (vouchers->len > 64)
    return NULL;
  u = g_new0 (SpWalletUnit, 1);
  u->wallet = wallet;
  u->purchase = purchase;
  u->goal = goal;
  if (!sp_wallet_ctx_init (&u->ctx, wallet, purchase, NULL))
    {
      g_free (u);
      return NULL;
    }
  /* of the checks, only the minimum spend reads the amount: checked per
   * amount in sp_wallet_unit_cost () */
  u->ctx.list = SP_MONEY_MAX;
  u->cand = g_new (SpVoucher *, MAX (vouchers->len, 1u));
  u->min_spend = g_new (SpMoney, MAX (vouchers->len, 1u));
  u->sets = g_array_new (FALSE, FALSE, sizeof (UnitSet));
  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = vouchers->pdata[i];

      /* as usable_vouchers () in sp-wallet.c: prepaid is never searched for the least cost */
      if (sp_wallet_check_static (&u->ctx, v, NULL) != SP_REFUSAL_NONE ||
          (goal == SP_PROPOSE_LEAST_COST && sp_voucher_get_kind (v) == SP_VOUCHER_PREPAID))
        continue;
      u->cand[u->n_cand] = v;
      u->min_spend[u->n_cand] = sp_voucher_get_kind (v) == SP_VOUCHER_DISCOUNT
                                ? sp_voucher_get_min_spend (v) : SP_MONEY_UNKNOWN;
      u->n_cand++;
    }
  /* the evaluator does not read the currency; the purchase frees its
   * string when its list amount is set again */
  u->ctx.currency = NULL;
  return u;
}

void
sp_wallet_unit_free (SpWalletUnit *unit)
{
  if (unit == NULL)
    return;
  for (guint i = 0; i < unit->sets->len; i++)
    {
      UnitSet *s = &g_array_index (unit->sets, UnitSet, i);

      sp_wallet_lean_clear (&s->lean);
      g_free (s->usable);
      g_clear_pointer (&s->memo, g_hash_table_unref);
    }
  g_array_unref (unit->sets);
  g_free (unit->cand);
  g_free (unit->min_spend);
  g_free (unit);
}

static UnitSet *
unit_set (SpWalletUnit *u,
          guint64       mask,
          guint         n)
{
  UnitSet fresh;
  guint k = 0;

  for (guint i = 0; i < u->sets->len; i++)
    if (g_array_index (u->sets, UnitSet, i).mask == mask)
      return &g_array_index (u->sets, UnitSet, i);
  fresh.mask = mask;
  fresh.usable = g_new (SpVoucher *, MAX (n, 1u));
  for (guint i = 0; i < u->n_cand; i++)
    if (mask & (G_GUINT64_CONSTANT (1) << i))
      fresh.usable[k++] = u->cand[i];
  /* the evaluator points at u->ctx, whose list amount changes per call */
  sp_wallet_lean_init (&fresh.lean, &u->ctx, fresh.usable, n);
  fresh.memo = n >= UNIT_MEMO_FROM ? g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL)
                                   : NULL;
  g_array_append_val (u->sets, fresh);
  return &g_array_index (u->sets, UnitSet, u->sets->len - 1);
}

gboolean
sp_wallet_unit_cost (SpWalletUnit *unit,
                     SpMoney      *list,
                     SpMoney      *cost)
{
  SpPurchase *purchase;
  SpWalletTotals best;
  SpMoney amount;
  UnitSet *set;
  gpointer known;
  guint64 mask = 0;
  guint n = 0;

  g_return_val_if_fail (unit != NULL && list != NULL && cost != NULL, FALSE);

  /* the checks of sp_wallet_ctx_init () that read the amount */
  purchase = unit->purchase;
  amount = sp_purchase_get_list_amount (purchase);
  if (amount == SP_MONEY_UNKNOWN || amount < 0 || amount > SP_MONEY_MAX ||
      sp_purchase_get_list_currency (purchase) == NULL ||
      !sp_purchase_get_list_paid (purchase, unit->ctx.quantum, &unit->ctx.list))
    return FALSE;
  for (guint i = 0; i < unit->n_cand; i++)
    if (unit->min_spend[i] == SP_MONEY_UNKNOWN || unit->ctx.list >= unit->min_spend[i])
      {
        mask |= G_GUINT64_CONSTANT (1) << i;
        n++;
      }
  if (n > SP_WALLET_EXHAUSTIVE_MAX)
    return FALSE;
  set = unit_set (unit, mask, n);
  *list = unit->ctx.list;
  if (set->memo != NULL &&
      g_hash_table_lookup_extended (set->memo, &unit->ctx.list, NULL, &known))
    {
      *cost = unit->ctx.list - GPOINTER_TO_SIZE (known);
      return TRUE;
    }
  sp_wallet_lean_search (&set->lean, unit->goal, &best);
  /* sp_breakdown_get_cost () */
  *cost = unit->ctx.list - best.platform - best.government;
  if (set->memo != NULL && sizeof (gsize) >= sizeof (SpMoney))
    {
      if (g_hash_table_size (set->memo) >= UNIT_MEMO_MAX)
        g_hash_table_remove_all (set->memo);
      /* the saving (≥ 0, ≤ the list amount) */
      g_hash_table_insert (set->memo, g_memdup2 (&unit->ctx.list, sizeof (SpMoney)),
                           GSIZE_TO_POINTER ((gsize) (best.platform + best.government)));
    }
  return TRUE;
}
