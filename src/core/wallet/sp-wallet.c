/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet.c — the user's vouchers and the rules that apply them
 *
 * The rules are in sp-wallet.h and docs/vouchers.md.  One evaluation (run())
 * takes an ordered set of vouchers and walks four phases: percentage
 * discounts, fixed discounts, prepaid draws, government subsidies.  Every
 * amount is an integer count of micro-units; a rate is applied with one
 * exact multiply-divide and rounded once, to the fen.  The company's part is
 * what is left, so the parts add up to the list amount by construction.
 *
 * The proposal searches subsets of the usable vouchers (all of them up to
 * SP_WALLET_EXHAUSTIVE_MAX, greedily beyond) for the least net cost. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sp-voucher-private.h"
#include "sp-wallet-private.h"


G_DEFINE_FINAL_TYPE (SpWallet, sp_wallet, G_TYPE_OBJECT)

static void
sp_wallet_finalize (GObject *object)
{
  SpWallet *self = SP_WALLET (object);

  g_ptr_array_unref (self->vouchers);
  g_hash_table_unref (self->programmes);
  g_hash_table_unref (self->ytd);
  g_hash_table_unref (self->search_cache);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (sp_wallet_parent_class)->finalize (object);
}

static void
sp_wallet_class_init (SpWalletClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_wallet_finalize;
}

static void
sp_wallet_init (SpWallet *self)
{
  self->vouchers = g_ptr_array_new_with_free_func (g_object_unref);
  self->programmes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->ytd = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->search_cache = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                              (GDestroyNotify) g_bytes_unref, g_free);
  g_mutex_init (&self->cache_lock);
}

/* ---- one evaluation's context ---- */

gboolean
sp_wallet_ctx_init (SpWalletCtx  *ctx,
                    SpWallet     *self,
                    SpPurchase   *purchase,
                    GError      **error)
{
  SpMoney list = sp_purchase_get_list_amount (purchase);
  const char *list_currency = sp_purchase_get_list_currency (purchase);
  const char *pay_currency = sp_purchase_get_pay_currency (purchase);

  memset (ctx, 0, sizeof *ctx);
  ctx->wallet = self;
  ctx->purchase = purchase;

  if (list == SP_MONEY_UNKNOWN || list < 0 || list > SP_MONEY_MAX || list_currency == NULL)
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("The purchase has no list amount"));
      return FALSE;
    }
  if (sp_purchase_get_date (purchase) == 0)
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("The purchase has no date"));
      return FALSE;
    }
  ctx->currency = pay_currency;
  ctx->date = sp_purchase_get_date (purchase);
  ctx->quantum = sp_purchase_get_quantum (purchase);
  /* converted once, from the exact amount, rounded once to the quantum */
  if (!sp_purchase_get_list_paid (purchase, ctx->quantum, &ctx->list))
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("There is no usable exchange rate from %s to %s"),
                   list_currency, pay_currency);
      return FALSE;
    }

  sp_purchase_get_contract_period (purchase, &ctx->start, &ctx->end);
  if (ctx->start == 0 || ctx->end == 0)
    ctx->start = ctx->end = ctx->date;
  if (ctx->end < ctx->start || ctx->end - ctx->start > 100 * 366)
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("The contract period of the purchase is not valid"));
      return FALSE;
    }
  ctx->quantity = sp_purchase_get_quantity (purchase);
  if (ctx->quantity != SP_MONEY_UNKNOWN && ctx->quantity <= 0)
    ctx->quantity = SP_MONEY_UNKNOWN;
  return TRUE;
}

SpBreakdown *
sp_wallet_ctx_breakdown (SpWalletCtx *ctx)
{
  SpPurchase *purchase = ctx->purchase;
  gboolean converted = g_strcmp0 (sp_purchase_get_list_currency (purchase), ctx->currency) != 0;

  return sp_breakdown_new (ctx->currency, sp_purchase_get_list_currency (purchase),
                           converted ? sp_purchase_get_exchange_rate (purchase) : SP_MONEY_SCALE,
                           sp_purchase_get_list_amount (purchase), ctx->list);
}

/* ---- public API ---- */

SpWallet *
sp_wallet_new (void)
{
  return g_object_new (SP_TYPE_WALLET, NULL);
}

SpWallet *
sp_wallet_copy (SpWallet *self)
{
  SpWallet *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SP_IS_WALLET (self), NULL);

  copy = sp_wallet_new ();
  for (guint i = 0; i < self->vouchers->len; i++)
    g_ptr_array_add (copy->vouchers, sp_voucher_copy (self->vouchers->pdata[i]));
  g_hash_table_iter_init (&iter, self->programmes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy->programmes, g_strdup (key), g_object_ref (value));
  g_hash_table_iter_init (&iter, self->ytd);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy->ytd, g_strdup (key), g_memdup2 (value, sizeof (SpMoney)));
  return copy;
}

void
sp_wallet_add_programme (SpWallet    *self,
                         SpProgramme *programme)
{
  g_return_if_fail (SP_IS_WALLET (self));
  g_return_if_fail (SP_IS_PROGRAMME (programme));

  g_hash_table_replace (self->programmes, g_strdup (sp_programme_get_id (programme)),
                        g_object_ref (programme));
}

void
sp_wallet_add_programmes (SpWallet  *self,
                          GPtrArray *programmes)
{
  g_return_if_fail (SP_IS_WALLET (self));
  g_return_if_fail (programmes != NULL);

  for (guint i = 0; i < programmes->len; i++)
    sp_wallet_add_programme (self, programmes->pdata[i]);
}

SpProgramme *
sp_wallet_lookup_programme (SpWallet   *self,
                            const char *id)
{
  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->programmes, id) : NULL;
}

gboolean
sp_wallet_add_voucher (SpWallet  *self,
                       SpVoucher *voucher)
{
  g_return_val_if_fail (SP_IS_WALLET (self), FALSE);
  g_return_val_if_fail (SP_IS_VOUCHER (voucher), FALSE);

  if (sp_wallet_lookup_voucher (self, sp_voucher_get_code (voucher)) != NULL)
    return FALSE;
  g_ptr_array_add (self->vouchers, g_object_ref (voucher));
  return TRUE;
}

GPtrArray *
sp_wallet_get_vouchers (SpWallet *self)
{
  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  return self->vouchers;
}

SpVoucher *
sp_wallet_lookup_voucher (SpWallet   *self,
                          const char *code)
{
  g_return_val_if_fail (SP_IS_WALLET (self), NULL);

  for (guint i = 0; code != NULL && i < self->vouchers->len; i++)
    if (g_str_equal (sp_voucher_get_code (self->vouchers->pdata[i]), code))
      return self->vouchers->pdata[i];
  return NULL;
}

void
sp_wallet_set_year_to_date (SpWallet   *self,
                            const char *programme_id,
                            SpMoney     amount)
{
  g_return_if_fail (SP_IS_WALLET (self));
  g_return_if_fail (programme_id != NULL);
  g_return_if_fail (amount >= 0);

  g_hash_table_replace (self->ytd, g_strdup (programme_id), g_memdup2 (&amount, sizeof amount));
}

SpMoney
sp_wallet_get_year_to_date (SpWallet   *self,
                            const char *programme_id)
{
  g_return_val_if_fail (SP_IS_WALLET (self), 0);
  g_return_val_if_fail (programme_id != NULL, 0);
  return sp_wallet_ytd (self, programme_id);
}

SpBreakdown *
sp_wallet_evaluate (SpWallet            *self,
                    SpPurchase          *purchase,
                    const char * const  *codes,
                    GError             **error)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  SpBreakdown *out;
  SpWalletTotals totals;
  SpWalletCtx ctx;

  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), NULL);

  if (!sp_wallet_ctx_init (&ctx, self, purchase, error))
    return NULL;

  if (codes == NULL)
    for (guint i = 0; i < self->vouchers->len; i++)
      g_ptr_array_add (order, self->vouchers->pdata[i]);
  else
    for (guint i = 0; codes[i] != NULL; i++)
      {
        SpVoucher *v = sp_wallet_lookup_voucher (self, codes[i]);

        if (v == NULL)
          {
            g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                         _("There is no voucher “%s” in the wallet"), codes[i]);
            return NULL;
          }
        if (!g_ptr_array_find (order, v, NULL))
          g_ptr_array_add (order, v);
      }

  out = sp_wallet_ctx_breakdown (&ctx);
  sp_wallet_run (&ctx, (SpVoucher **) order->pdata, order->len, out, &totals);
  return out;
}

static void
explain_line (SpBreakdown           *out,
              SpWalletCtx           *ctx,
              SpVoucher             *v,
              const SpBreakdownLine *line)
{
  g_autofree char *amount = sp_wallet_money_text (ctx, line->amount);
  const char *name = sp_wallet_voucher_name (v);

  if (line->kind == SP_VOUCHER_GOVERNMENT)
    {
      SpProgramme *p = sp_wallet_lookup_programme (ctx->wallet, line->programme_id);

      /* Translators: “Hangzhou compute vouchers (HZ-1) saves ¥300.00: 30% of …” */
      sp_breakdown_add_explanation (out, g_strdup_printf (_("%s (%s) saves %s: %s"),
                                                          sp_programme_get_name (p), name,
                                                          amount, line->note));
    }
  else
    sp_breakdown_add_explanation (out, g_strdup_printf (_("%s saves %s: %s"), name, amount,
                                                        line->note));
}

SpBreakdown *
sp_wallet_propose (SpWallet    *self,
                   SpPurchase  *purchase,
                   GError     **error)
{
  return sp_wallet_propose_for (self, purchase, SP_PROPOSE_LEAST_CASH, error);
}

/* The vouchers of the wallet a proposal may use; the others are refused up
 * front in @out (and prepaid balances are not searched for the least cost). */
static void
usable_vouchers (SpWallet      *self,
                 SpWalletCtx   *ctx,
                 SpProposeGoal  goal,
                 SpBreakdown   *out,
                 GPtrArray     *usable)
{
  for (guint i = 0; i < self->vouchers->len; i++)
    {
      SpVoucher *v = self->vouchers->pdata[i];
      char *message = NULL;
      SpRefusal reason = sp_wallet_check_static (ctx, v, &message);

      if (reason == SP_REFUSAL_NONE && goal == SP_PROPOSE_LEAST_COST &&
          sp_voucher_get_kind (v) == SP_VOUCHER_PREPAID)
        /* drawing a pack never lowers the cost (it only shrinks what a
         * subsidy applies to), and ties go to less prepaid: not searched */
        sp_breakdown_add_explanation (out, g_strdup_printf (_("%s is not used: a prepaid balance is how a purchase is paid, not a saving"),
                                                            sp_wallet_voucher_name (v)));
      else if (reason == SP_REFUSAL_NONE)
        g_ptr_array_add (usable, v);
      else
        sp_breakdown_add_refusal (out, sp_voucher_get_code (v), reason, message);
    }
}

/* Beyond SP_WALLET_EXHAUSTIVE_MAX: adds the voucher that lowers the cost
 * most, while one does; @best starts as the totals without vouchers. */
static void
greedy_pick (SpWalletCtx    *ctx,
             GPtrArray      *usable,
             SpProposeGoal   goal,
             gboolean       *picked,
             SpWalletTotals *best)
{
  g_autoptr(GPtrArray) trial = g_ptr_array_new ();
  SpWalletTotals t;

  for (;;)
    {
      gint best_i = -1;
      SpWalletTotals step = *best;

      for (guint i = 0; i < usable->len; i++)
        {
          if (picked[i])
            continue;
          g_ptr_array_set_size (trial, 0);
          for (guint j = 0; j < usable->len; j++)
            if (picked[j] || j == i)
              g_ptr_array_add (trial, usable->pdata[j]);
          sp_wallet_run (ctx, (SpVoucher **) trial->pdata, trial->len, NULL, &t);
          if (sp_wallet_totals_better (&t, &step, goal))
            {
              step = t;
              best_i = (gint) i;
            }
        }
      if (best_i < 0 ||
          !(sp_wallet_totals_goal (&step, goal) < sp_wallet_totals_goal (best, goal) ||
            (sp_wallet_totals_goal (&step, goal) == sp_wallet_totals_goal (best, goal) &&
             step.prepaid < best->prepaid)))
        break;
      picked[best_i] = TRUE;
      *best = step;
    }
}

/* Why each usable voucher left out of @chosen is not used. */
static void
explain_left_out (SpBreakdown    *out,
                  SpWalletCtx    *ctx,
                  GPtrArray      *usable,
                  const gboolean *picked,
                  GPtrArray      *chosen)
{
  g_autoptr(GPtrArray) trial = g_ptr_array_new ();
  SpWalletTotals t;

  for (guint i = 0; i < usable->len; i++)
    {
      SpVoucher *v = usable->pdata[i];
      g_autoptr(SpBreakdown) scratch = NULL;
      const SpBreakdownRefusal *r;

      if (picked[i])
        continue;
      g_ptr_array_set_size (trial, 0);
      g_ptr_array_extend (trial, chosen, NULL, NULL);
      g_ptr_array_add (trial, v);
      scratch = sp_wallet_ctx_breakdown (ctx);
      sp_wallet_run (ctx, (SpVoucher **) trial->pdata, trial->len, scratch, &t);
      r = sp_breakdown_find_refusal (scratch, sp_voucher_get_code (v));
      if (r != NULL)
        {
          sp_breakdown_add_refusal (out, r->code, r->reason, g_strdup (r->message));
          sp_breakdown_add_explanation (out, g_strdup_printf (_("%s is not used: %s"),
                                                              sp_wallet_voucher_name (v), r->message));
        }
      else
        sp_breakdown_add_explanation (out, g_strdup_printf (_("%s is not used: it would not lower the net cost"),
                                                            sp_wallet_voucher_name (v)));
    }
}

/* The last explanation: what the company pays now, and gets back later. */
static void
explain_payment (SpBreakdown *out,
                 SpWalletCtx *ctx)
{
  g_autofree char *cash = sp_wallet_money_text (ctx, sp_breakdown_get_company_cash (out));
  g_autofree char *later = sp_wallet_money_text (ctx, sp_breakdown_get_reimbursed_later (out));
  g_autofree char *net = sp_wallet_money_text (ctx, sp_breakdown_get_net (out));

  if (sp_breakdown_get_reimbursed_later (out) > 0)
    sp_breakdown_add_explanation (out, g_strdup_printf (_("The company pays %s now and gets %s back after settlement: net cost %s"),
                                                        cash, later, net));
  else
    sp_breakdown_add_explanation (out, g_strdup_printf (_("The company pays %s"), cash));
}

SpBreakdown *
sp_wallet_propose_for (SpWallet       *self,
                       SpPurchase     *purchase,
                       SpProposeGoal   goal,
                       GError        **error)
{
  g_autoptr(GPtrArray) usable = g_ptr_array_new ();
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree gboolean *picked = NULL;
  SpBreakdown *out;
  SpWalletTotals best, t;
  SpWalletCtx ctx;

  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), NULL);

  if (!sp_wallet_ctx_init (&ctx, self, purchase, error))
    return NULL;
  out = sp_wallet_ctx_breakdown (&ctx);
  usable_vouchers (self, &ctx, goal, out, usable);
  picked = g_new0 (gboolean, MAX (usable->len, 1));

  sp_wallet_run (&ctx, NULL, 0, NULL, &best);
  if (usable->len <= SP_WALLET_EXHAUSTIVE_MAX)
    {
      guint best_mask = 0;
      SpWalletLean lean;

      sp_wallet_lean_init (&lean, &ctx, (SpVoucher **) usable->pdata, usable->len);
      best_mask = sp_wallet_lean_search_cached (self, &lean, goal, &best);
      for (guint i = 0; i < usable->len; i++)
        picked[i] = (best_mask & (1u << i)) != 0;
      sp_wallet_lean_clear (&lean);
    }
  else
    greedy_pick (&ctx, usable, goal, picked, &best);

  for (guint i = 0; i < usable->len; i++)
    if (picked[i])
      g_ptr_array_add (chosen, usable->pdata[i]);
  sp_wallet_run (&ctx, (SpVoucher **) chosen->pdata, chosen->len, out, &t);
  g_assert (t.net == best.net && t.prepaid == best.prepaid && t.platform == best.platform &&
            t.government == best.government && t.used == best.used);

  /* explanation: what each chosen voucher saves … */
  for (guint i = 0; i < sp_breakdown_get_n_lines (out); i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (out, i);

      explain_line (out, &ctx, sp_wallet_lookup_voucher (self, line->code), line);
    }
  /* … and why each usable one was left out */
  explain_left_out (out, &ctx, usable, picked, chosen);
  explain_payment (out, &ctx);
  return out;
}

gboolean
sp_wallet_commit (SpWallet     *self,
                  SpBreakdown  *breakdown,
                  GError      **error)
{
  guint n;

  g_return_val_if_fail (SP_IS_WALLET (self), FALSE);
  g_return_val_if_fail (SP_IS_BREAKDOWN (breakdown), FALSE);

  n = sp_breakdown_get_n_lines (breakdown);
  /* check everything first: all or nothing */
  for (guint i = 0; i < n; i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (breakdown, i);
      SpVoucher *v = sp_wallet_lookup_voucher (self, line->code);
      SpMoney need;
      gboolean ok;

      if (v == NULL || sp_voucher_get_kind (v) != line->kind)
        ok = FALSE;
      else if (line->kind == SP_VOUCHER_DISCOUNT)
        ok = !(sp_voucher_get_single_use (v) && sp_voucher_get_used (v));
      else
        {
          need = line->quantity != SP_MONEY_UNKNOWN ? line->quantity : line->amount;
          /* the same voucher may appear once per breakdown */
          ok = sp_voucher_get_balance (v) >= need;
        }
      if (ok && line->kind == SP_VOUCHER_GOVERNMENT)
        {
          SpProgramme *p = sp_wallet_lookup_programme (self, line->programme_id);
          SpMoney cap = p != NULL ? sp_programme_get_cap_per_year (p) : SP_MONEY_UNKNOWN;

          ok = p != NULL && (cap == SP_MONEY_UNKNOWN ||
                             sp_wallet_ytd (self, line->programme_id) +
                             sp_breakdown_get_government_for (breakdown, line->programme_id) <=
                             cap);
        }
      if (!ok)
        {
          g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_STALE,
                       _("Voucher “%s” changed since the price was worked out; work it out again"),
                       line->code);
          return FALSE;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (breakdown, i);
      SpVoucher *v = sp_wallet_lookup_voucher (self, line->code);

      if (line->kind == SP_VOUCHER_DISCOUNT)
        {
          if (sp_voucher_get_single_use (v))
            sp_voucher_set_used (v, TRUE);
        }
      else
        {
          SpMoney drawn = line->quantity != SP_MONEY_UNKNOWN ? line->quantity : line->amount;

          sp_voucher_set_balance (v, sp_voucher_get_balance (v) - drawn);
        }
      if (line->kind == SP_VOUCHER_GOVERNMENT)
        sp_wallet_set_year_to_date (self, line->programme_id,
                                    sp_wallet_ytd (self, line->programme_id) + line->amount);
    }
  return TRUE;
}
