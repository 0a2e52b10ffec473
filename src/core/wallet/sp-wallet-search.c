/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-search.c — the proposal's search for the best subset of the
 * usable vouchers, and its cache */
#include "config.h"

#include "sp-wallet-private.h"

/* ---- the search's evaluator ----
 *
 * The proposal evaluates up to 2^SP_WALLET_EXHAUSTIVE_MAX subsets of the
 * usable vouchers per purchase, and the Offers page and `offers --json`
 * propose one per offer: sp_wallet_run() (which checks each voucher, allocates and
 * sorts per call) made 12 every-vendor vouchers × 1,910 offers take 11.7 s.
 * SpWalletLean is sp_wallet_run() with @out NULL for vouchers already known usable (every
 * check in sp_wallet_check_static() depends only on the voucher and the purchase):
 * what it reads of each voucher and programme is taken once per purchase,
 * the two sorted phases are sorted once, and nothing is allocated per
 * subset.  The same arithmetic in the same order, so the same totals
 * (propose_for() asserts it on the subset it picks). */

static int
lean_percent_cmp (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  SpVoucher **usable = data;

  return sp_wallet_percent_rank_cmp (&usable[*(const guint *) a], &usable[*(const guint *) b]);
}

static int
lean_prepaid_cmp (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  SpVoucher **usable = data;

  return sp_wallet_prepaid_rank_cmp (&usable[*(const guint *) a], &usable[*(const guint *) b]);
}

void
sp_wallet_lean_init (SpWalletLean  *lean,
                     SpWalletCtx   *ctx,
                     SpVoucher    **usable,
                     guint          n)
{
  SpProgramme **programmes = g_newa (SpProgramme *, MAX (n, 1));
  guint n_programmes = 0;

  lean->ctx = ctx;
  lean->n = n;
  lean->v = g_new0 (SpWalletLeanVoucher, MAX (n, 1));
  lean->percent_order = g_new (guint, MAX (n, 1));
  lean->prepaid_order = g_new (guint, MAX (n, 1));
  lean->n_percent = lean->n_prepaid = 0;

  for (guint i = 0; i < n; i++)
    {
      SpVoucher *v = usable[i];
      SpWalletLeanVoucher *l = &lean->v[i];

      l->kind = sp_voucher_get_kind (v);
      l->percent = sp_voucher_get_percent (v);
      l->amount = sp_voucher_get_amount (v);
      l->balance = sp_voucher_get_balance (v);
      l->pack = sp_voucher_get_unit (v) != NULL;
      if (l->kind == SP_VOUCHER_DISCOUNT && l->percent >= 0)
        lean->percent_order[lean->n_percent++] = i;
      else if (l->kind == SP_VOUCHER_PREPAID)
        lean->prepaid_order[lean->n_prepaid++] = i;
      else if (l->kind == SP_VOUCHER_GOVERNMENT)
        {
          SpProgramme *p = sp_wallet_lookup_programme (ctx->wallet, sp_voucher_get_programme (v));
          guint32 days_in = 1, days_total = 1;
          SpMoney cap;

          for (l->programme = 0; l->programme < n_programmes; l->programme++)
            if (programmes[l->programme] == p)
              break;
          if (l->programme == n_programmes)
            programmes[n_programmes++] = p;
          l->exclusive = sp_programme_get_stacking (p) == SP_STACKING_EXCLUSIVE;
          if (sp_programme_get_prorate (p) == SP_PRORATE_DAYS)
            {
              days_total = ctx->end - ctx->start + 1;
              days_in = sp_wallet_days_inside (ctx, p);
            }
          l->num = (gint64) sp_programme_get_rate (p, sp_purchase_get_category (ctx->purchase),
                                                   sp_purchase_get_startup (ctx->purchase)) * days_in;
          l->den = days_total;
          l->rounding = sp_programme_get_rounding (p);
          l->cap_contract = sp_programme_get_cap_per_contract (p);
          cap = sp_programme_get_cap_per_year (p);
          l->cap_left = cap != SP_MONEY_UNKNOWN
                        ? cap - sp_wallet_ytd (ctx->wallet, sp_programme_get_id (p))
                        : SP_MONEY_UNKNOWN;
          l->later = sp_programme_get_payout (p) == SP_PAYOUT_AFTER_SETTLEMENT;
        }
    }
  g_qsort_with_data (lean->percent_order, (gint) lean->n_percent, sizeof (guint),
                     lean_percent_cmp, usable);
  g_qsort_with_data (lean->prepaid_order, (gint) lean->n_prepaid, sizeof (guint),
                     lean_prepaid_cmp, usable);
}

void
sp_wallet_lean_clear (SpWalletLean *lean)
{
  g_free (lean->v);
  g_free (lean->percent_order);
  g_free (lean->prepaid_order);
}

/* The search proper: a walk over include / leave out, one voucher at a
 * time, in the order sp_wallet_run() applies them (percentages ranked, fixed
 * discounts, prepaid ranked, government), so each step of the arithmetic is
 * done once for every subset sharing it instead of once per subset.  A
 * subset's totals are those of sp_wallet_run() on it; the loop over masks it
 * replaces kept the first (lowest) mask of the best totals, so ties go to
 * the lower mask here. */
typedef struct {
  const SpWalletLean    *lean;
  SpProposeGoal  goal;
  guint         *seq;          /* usable indices in the order applied */
  guint          n_seq;
  guint          first_gov;    /* position in seq of the first government voucher */
  struct { guint programme; gboolean exclusive; SpMoney granted; } granted[SP_WALLET_EXHAUSTIVE_MAX];
  guint          n_granted;
  SpWalletTotals         best;
  guint          best_mask;
  gboolean       found;
} Search;

typedef struct {
  SpMoney running;
  SpMoney quantity_left;
  SpMoney base;
  SpMoney gov_total;
  SpWalletTotals  totals;
  guint   mask;
} Step;

static void
lean_leaf (Search     *s,
           const Step *st)
{
  SpWalletTotals t = st->totals;

  t.net = s->lean->ctx->list - t.platform - t.prepaid - t.government;
  if (!s->found || sp_wallet_totals_better (&t, &s->best, s->goal) ||
      (!sp_wallet_totals_better (&s->best, &t, s->goal) && st->mask < s->best_mask))
    {
      s->best = t;
      s->best_mask = st->mask;
      s->found = TRUE;
    }
}

/* A government voucher: FALSE on a double-subsidy conflict; else its
 * programme is recorded (even when it then grants nothing, as
 * sp_wallet_run() does) and the grant added to @st. */
static gboolean
lean_apply_government (Search                    *s,
                       const SpWalletLeanVoucher *l,
                       Step                      *st,
                       guint                     *undo_granted,
                       SpMoney                   *undo_amount)
{
  SpWalletCtx *ctx = s->lean->ctx;
  gint g = -1;
  gboolean conflict = FALSE;
  SpMoney limit;

  for (guint j = 0; j < s->n_granted; j++)
    {
      if (s->granted[j].programme == l->programme)
        g = (gint) j;
      else if (l->exclusive || s->granted[j].exclusive)
        conflict = TRUE;
    }
  if (conflict)
    return FALSE;
  if (g < 0)
    {
      /* sp_wallet_run() records the programme even when it then grants nothing */
      g = (gint) s->n_granted++;
      s->granted[g].programme = l->programme;
      s->granted[g].exclusive = l->exclusive;
      s->granted[g].granted = 0;
    }
  *undo_granted = (guint) g;
  *undo_amount = s->granted[g].granted;
  limit = sp_wallet_fen_of (ctx, st->base, l->num, l->den, l->rounding) - s->granted[g].granted;
  if (l->cap_contract != SP_MONEY_UNKNOWN && l->cap_contract - s->granted[g].granted < limit)
    limit = l->cap_contract - s->granted[g].granted;
  if (l->cap_left != SP_MONEY_UNKNOWN && l->cap_left - s->granted[g].granted < limit)
    limit = l->cap_left - s->granted[g].granted;
  if (l->balance < limit)
    limit = l->balance;
  if (st->base - st->gov_total < limit)
    limit = st->base - st->gov_total;
  if (limit <= 0)
    return TRUE;  /* nothing granted, but the programme is recorded */
  s->granted[g].granted += limit;
  st->gov_total += limit;
  st->totals.government += limit;
  if (l->later)
    st->totals.later += limit;
  st->totals.used++;
  return TRUE;
}

/* What voucher seq[k] adds to @st (its bit set); FALSE when it would not
 * apply (sp_wallet_run() refuses it and it changes nothing) */
static gboolean
lean_apply (Search  *s,
            guint    k,
            Step    *st,
            guint   *undo_granted,
            SpMoney *undo_amount)
{
  const SpWalletLean *lean = s->lean;
  SpWalletCtx *ctx = lean->ctx;
  guint i = s->seq[k];
  const SpWalletLeanVoucher *l = &lean->v[i];
  SpMoney amount;

  if (l->kind == SP_VOUCHER_DISCOUNT)
    {
      amount = l->percent >= 0
               ? MIN (sp_wallet_fen_of (ctx, st->running, l->percent, 1, SP_ROUND_HALF_UP), st->running)
               : MIN (l->amount, st->running);
      if (amount <= 0)
        return FALSE;
      st->running -= amount;
      st->totals.platform += amount;
    }
  else if (l->kind == SP_VOUCHER_PREPAID)
    {
      if (l->pack)
        {
          SpMoney drawn;

          if (st->quantity_left <= 0 || st->running <= 0)
            return FALSE;
          drawn = MIN (l->balance, st->quantity_left);
          if (drawn == st->quantity_left)
            amount = st->running;
          else if (!sp_money_muldiv (st->running, drawn, st->quantity_left, SP_ROUND_HALF_UP,
                                     &amount))
            g_return_val_if_reached (FALSE);
          st->quantity_left -= drawn;
        }
      else
        {
          if (st->running <= 0)
            return FALSE;
          amount = MIN (l->balance, st->running);
        }
      st->running -= amount;
      st->totals.prepaid += amount;
    }
  else
    return lean_apply_government (s, l, st, undo_granted, undo_amount);
  st->totals.used++;
  return TRUE;
}

static void
lean_walk (Search *s,
           guint   k,
           Step    st)
{
  Step with = st;
  guint n_granted = s->n_granted;
  guint undo_granted = G_MAXUINT;
  SpMoney undo_amount = 0;

  if (k == s->first_gov)
    st.base = with.base = st.running;
  if (k == s->n_seq)
    {
      lean_leaf (s, &st);
      return;
    }
  /* left out */
  lean_walk (s, k + 1, st);
  /* included: a voucher that does not apply leaves the same totals as the
   * subset without it, with a higher mask, which never wins */
  with.mask |= 1u << s->seq[k];
  if (lean_apply (s, k, &with, &undo_granted, &undo_amount))
    {
      lean_walk (s, k + 1, with);
    }
  if (undo_granted != G_MAXUINT)
    s->granted[undo_granted].granted = undo_amount;
  s->n_granted = n_granted;
}

/* The lowest mask of the best totals (sp_wallet_totals_better()) over every subset of
 * the usable vouchers */
guint
sp_wallet_lean_search (const SpWalletLean *lean,
             SpProposeGoal       goal,
             SpWalletTotals     *best)
{
  Search s = { 0, };
  Step st = { 0, };
  guint seq[SP_WALLET_EXHAUSTIVE_MAX];

  s.lean = lean;
  s.goal = goal;
  s.seq = seq;
  for (guint k = 0; k < lean->n_percent; k++)
    seq[s.n_seq++] = lean->percent_order[k];
  for (guint i = 0; i < lean->n; i++)
    if (lean->v[i].kind == SP_VOUCHER_DISCOUNT && lean->v[i].percent < 0)
      seq[s.n_seq++] = i;
  for (guint k = 0; k < lean->n_prepaid; k++)
    seq[s.n_seq++] = lean->prepaid_order[k];
  s.first_gov = s.n_seq;
  for (guint i = 0; i < lean->n; i++)
    if (lean->v[i].kind == SP_VOUCHER_GOVERNMENT)
      seq[s.n_seq++] = i;
  st.running = lean->ctx->list;
  st.quantity_left = lean->ctx->quantity;
  lean_walk (&s, 0, st);
  *best = s.best;
  return s.best_mask;
}

/* What lean_search() reads, as bytes: the goal, the list amount, quantity
 * and quantum, and what sp_wallet_lean_init() took of each voucher and programme
 * (balances, rates, caps left this year…) with the two orders.  The same
 * key gives the same result, whatever the voucher objects or the wallet
 * went through in between. */
#define SEARCH_CACHE_MAX 8192

typedef struct {
  guint  mask;
  SpWalletTotals best;
} SearchResult;

static GBytes *
search_key (const SpWalletLean *lean,
            SpProposeGoal       goal)
{
  GByteArray *key = g_byte_array_new ();
  gint64 head[6] = { goal, lean->ctx->list, lean->ctx->quantity, lean->ctx->quantum,
                     lean->n, (gint64) lean->n_percent << 32 | lean->n_prepaid };

  g_byte_array_append (key, (const guint8 *) head, sizeof head);
  /* lean->v was zeroed, padding included (g_new0) */
  g_byte_array_append (key, (const guint8 *) lean->v, (guint) (lean->n * sizeof (SpWalletLeanVoucher)));
  g_byte_array_append (key, (const guint8 *) lean->percent_order,
                       (guint) (lean->n_percent * sizeof (guint)));
  g_byte_array_append (key, (const guint8 *) lean->prepaid_order,
                       (guint) (lean->n_prepaid * sizeof (guint)));
  return g_byte_array_free_to_bytes (key);
}

guint
sp_wallet_lean_search_cached (SpWallet           *self,
                              const SpWalletLean *lean,
                              SpProposeGoal       goal,
                              SpWalletTotals     *best)
{
  g_autoptr(GBytes) key = search_key (lean, goal);
  SearchResult *hit, *fresh;

  g_mutex_lock (&self->cache_lock);
  hit = g_hash_table_lookup (self->search_cache, key);
  if (hit != NULL)
    {
      *best = hit->best;
      g_mutex_unlock (&self->cache_lock);
      return hit->mask;
    }
  g_mutex_unlock (&self->cache_lock);

  fresh = g_new (SearchResult, 1);
  fresh->mask = sp_wallet_lean_search (lean, goal, &fresh->best);
  *best = fresh->best;
  g_mutex_lock (&self->cache_lock);
  if (g_hash_table_size (self->search_cache) >= SEARCH_CACHE_MAX)
    g_hash_table_remove_all (self->search_cache);
  g_hash_table_replace (self->search_cache, g_steal_pointer (&key), fresh);
  g_mutex_unlock (&self->cache_lock);
  return fresh->mask;
}

