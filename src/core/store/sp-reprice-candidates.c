/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice-candidates.c — the candidates of each equivalence group (the
 * cheapest offer per dedup key, by unit price) and what one candidate would
 * cost for a ledger entry, with the bound of what the wallet could take off
 * and the exact price with its vouchers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-offer-purchase.h"
#include "sp-reprice.h"
#include "sp-breakeven.h"
#include "sp-ledger-groups.h"
#include "sp-store.h"
#include "sp-vendors.h"
#include "sp-wallet-store.h"
#include "sp-reprice-private.h"
#include "sp-text.h"

/* ------------------------------------------------------------------ candidates */

gboolean
sp_reprice_offer_can_serve (SpOffer *offer)
{
  SpBilling billing = sp_offer_get_billing (offer);

  return !sp_offer_get_retired (offer) && billing != SP_BILLING_PREPAID &&
         sp_offer_get_gpu_fraction (offer) == NULL;
}

SpMoney
sp_reprice_commitment_block (SpOfferKind  kind,
                             SpBilling    billing,
                             const char  *min_commitment,
                             guint        gpu_count,
                             guint        vcpus_milli)
{
  guint months;
  gint64 per;

  if (billing != SP_BILLING_RESERVED || kind == SP_OFFER_KIND_TOKENS)
    return 0;
  months = sp_reprice_commitment_months (min_commitment);
  if (months == 0)
    months = 1;
  if (kind == SP_OFFER_KIND_GPU)
    per = MAX (gpu_count, 1u);
  else
    per = MAX ((vcpus_milli + 999u) / 1000u, 1u);
  return (SpMoney) months * SP_REPRICE_HOURS_PER_MONTH * per * SP_MONEY_SCALE;
}

SpMoney
sp_reprice_offer_block (SpOffer *offer)
{
  return sp_reprice_commitment_block (sp_offer_get_kind (offer), sp_offer_get_billing (offer),
                                      sp_offer_get_min_commitment (offer),
                                      sp_offer_get_gpu_count (offer),
                                      sp_offer_get_vcpus_milli (offer));
}

/* The key two offers of one group share when only the cheaper can ever
 * win: same vendor, currency, billing, commitment block and programme tags
 * (the voucher rules see nothing else of an offer).  @list stands for the
 * group. */
typedef struct {
  gconstpointer       list;
  const char         *vendor;
  const char         *currency;
  SpBilling           billing;
  SpMoney             block;
  const char * const *tags;
} DedupKey;

static guint
dedup_hash (gconstpointer data)
{
  const DedupKey *k = data;
  guint h = g_direct_hash (k->list) * 31u + g_str_hash (k->vendor != NULL ? k->vendor : "");

  h = h * 31u + g_str_hash (k->currency != NULL ? k->currency : "");
  h = h * 31u + (guint) k->billing;
  return h * 31u + (guint) (k->block ^ (k->block >> 32));
}

static gboolean
dedup_equal (gconstpointer a,
             gconstpointer b)
{
  const DedupKey *x = a, *y = b;
  static const char * const none[] = { NULL };

  return x->list == y->list && g_strcmp0 (x->vendor, y->vendor) == 0 &&
         g_strcmp0 (x->currency, y->currency) == 0 && x->billing == y->billing &&
         x->block == y->block &&
         g_strv_equal (x->tags != NULL ? x->tags : none, y->tags != NULL ? y->tags : none);
}

/* A voucher that can give nothing more: used once, or no balance left. */
static gboolean
voucher_spent (SpVoucher *v)
{
  switch (sp_voucher_get_kind (v))
    {
    case SP_VOUCHER_DISCOUNT:
      return sp_voucher_get_single_use (v) && sp_voucher_get_used (v);
    case SP_VOUCHER_GOVERNMENT:
    case SP_VOUCHER_PREPAID:
    default:
      return sp_voucher_get_balance (v) != SP_MONEY_UNKNOWN && sp_voucher_get_balance (v) <= 0;
    }
}

/* Works out again which vouchers can reach each candidate of every group
 * (at the start, and when a voucher is spent). */
static void
group_candidates_free (gpointer data)
{
  Group *g = data;

  for (guint i = 0; i < g->all->len; i++)
    g_clear_object (&g_array_index (g->all, Candidate, i).offer);
  g_array_unref (g->all);
  g_free (g);
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if ((ca->block > 0) != (cb->block > 0))
    return ca->block > 0 ? 1 : -1;
  if (ca->unit_price != cb->unit_price)
    return ca->unit_price < cb->unit_price ? -1 : 1;
  return strcmp (ca->id, cb->id);
}

/* group id → Group */
/* Long (about 80 lines): one pass over the offers that fills every group's
 * usage and commitment candidates with their normalized prices. */
GHashTable *
sp_reprice_build_candidates (const SpRepriceOffers *offers,
                             SpWallet              *wallet,
                             SpPriceContext        *ctx)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) best = g_hash_table_new_full (dedup_hash, dedup_equal, g_free, NULL);

  for (guint row = 0; row < offers->n_offers; row++)
    {
      SpOffer *offer;
      g_autofree char *group = NULL;
      Candidate c = { row, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, NULL };
      GArray *list;
      gpointer pos;

      if (!offers->serves (offers->data, row))
        continue;
      offer = offers->peek (offers->data, row);
      c.id = offers->id (offers->data, row);
      c.kind = sp_offer_get_kind (offer);
      c.unit_price = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
      if (c.unit_price == SP_MONEY_UNKNOWN || c.unit_price < 0)
        continue;
      group = offers->group (offers->data, row);
      if (group == NULL)
        continue;
      c.block = offers->block (offers->data, row);
      list = g_hash_table_lookup (groups, group);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Candidate));
          g_hash_table_insert (groups, g_strdup (group), list);
        }
      {
        DedupKey k = { list, sp_offer_get_vendor_id (offer), sp_offer_get_currency (offer),
                       sp_offer_get_billing (offer), c.block,
                       sp_offer_get_voucher_programmes (offer) };

        if (g_hash_table_lookup_extended (best, &k, NULL, &pos))
          {
            Candidate *old = &g_array_index (list, Candidate, GPOINTER_TO_UINT (pos));

            if (c.unit_price < old->unit_price)
              *old = c;
            continue;
          }
        g_hash_table_insert (best, g_memdup2 (&k, sizeof k), GUINT_TO_POINTER (list->len));
      }
      g_array_append_val (list, c);
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, groups);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        Group *g = g_new0 (Group, 1);

        g->all = value;
        g_array_sort (g->all, compare_candidates);
        for (guint i = 0; i < g->all->len; i++)
          if (g_array_index (g->all, Candidate, i).block == 0)
            g->n_usage = i + 1;
        g_hash_table_iter_replace (&iter, g);
      }
  }
  {
    /* the same table, now owning its Groups */
    GHashTable *owned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               group_candidates_free);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, groups);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_hash_table_insert (owned, key, value);
        g_hash_table_iter_steal (&iter);
      }
    g_hash_table_unref (groups);
    sp_reprice_reach_all (owned, offers, wallet, ctx);
    return owned;
  }
}

/* ------------------------------------------------------------------ one entry */

static gboolean
unit_is (const char         *unit,
         const char * const *names)
{
  return sp_text_word_index (unit, names, g_strv_length ((char **) names)) >= 0;
}

/* The entry's quantity in micro-units of the unit of @kind offers (card-
 * hours, core-hours, millions of tokens); FALSE when it does not convert. */
gboolean
sp_reprice_entry_units (const SpLedgerEntry *e,
                        SpOfferKind         *kind,
                        SpMoney             *units)
{
  static const char * const card[] = { "card-hour", "card-hours", "卡时", NULL };
  static const char * const core[] = { "core-hour", "core-hours", "核时", NULL };
  static const char * const tokens[] = { "token", "tokens", "词元", NULL };
  static const char * const mtokens[] = { "1M tokens", "1M-tokens", "M tokens", "百万词元", NULL };
  const char *unit = e->unit != NULL ? e->unit : "";

  if (e->quantity == SP_MONEY_UNKNOWN || e->quantity <= 0)
    return FALSE;
  switch (e->kind)
    {
    case SP_LEDGER_KIND_GPU:
      *kind = SP_OFFER_KIND_GPU;
      *units = e->quantity;
      return unit_is (unit, card);
    case SP_LEDGER_KIND_CPU:
      *kind = SP_OFFER_KIND_CPU;
      *units = e->quantity;
      return unit_is (unit, core);
    case SP_LEDGER_KIND_TOKENS:
      *kind = SP_OFFER_KIND_TOKENS;
      if (unit_is (unit, mtokens))
        {
          *units = e->quantity;
          return TRUE;
        }
      return unit_is (unit, tokens) &&
             sp_money_muldiv (e->quantity, 1, SP_MONEY_SCALE, SP_ROUND_HALF_UP, units) &&
             *units > 0;
    case SP_LEDGER_KIND_OTHER:
    default:
      return FALSE;
    }
}

/* What the entry cost the company, in @currency (SP_MONEY_UNKNOWN when its
 * currency does not convert): converted once at the entry's own rate. */
SpMoney
sp_reprice_entry_paid (const SpLedgerEntry *e,
                       const char          *currency)
{
  SpMoney v = e->paid + e->prepaid - e->reimbursed_later;

  if (g_str_equal (e->currency, currency))
    return v;
  if (g_str_equal (e->currency, "USD") && g_str_equal (currency, "CNY") &&
      sp_money_muldiv (v, e->rate_usd_cny, SP_MONEY_SCALE, SP_ROUND_HALF_UP, &v))
    return v;
  if (g_str_equal (e->currency, "CNY") && g_str_equal (currency, "USD") &&
      sp_money_muldiv (v, SP_MONEY_SCALE, e->rate_usd_cny, SP_ROUND_HALF_UP, &v))
    return v;
  return SP_MONEY_UNKNOWN;
}

/* Units billed by @c for @units of usage: whole commitment blocks. */
SpMoney
sp_reprice_billed_units (const Candidate *c,
                         SpMoney          units)
{
  if (c->block <= 0)
    return units;
  return (units + c->block - 1) / c->block * c->block;
}

/* Which vouchers of @wallet could ever apply to @c: the engine's own
 * vendor and programme rules (sp_voucher_accepts_vendor(),
 * sp_programme_vendor_qualifies(), sp_programme_covers_kind()), with the
 * highest rate a programme pays.  Fixed amounts in the result's currency
 * (a currency without a rate: as if it could take everything). */
void
sp_reprice_reach_of_vouchers (Candidate             *c,
                              const SpRepriceOffers *offers,
                              SpWallet              *wallet,
                              SpPriceContext        *ctx)
{
  GPtrArray *vouchers = sp_wallet_get_vouchers (wallet);
  g_autoptr(SpPurchase) purchase = sp_purchase_new ();
  SpOffer *offer = c->offer != NULL ? c->offer : offers->peek (offers->data, c->row);
  const char *vendor = sp_offer_get_vendor_id (offer);

  sp_purchase_set_vendor (purchase, vendor);
  sp_purchase_set_programme_tags (purchase, sp_offer_get_voucher_programmes (offer));
  sp_purchase_set_item_kind (purchase, sp_offer_item_kind (offer));
  c->discount_bp = 0;
  c->discount_fixed = 0;
  c->government_bp = 0;
  c->n_reach = 0;
  c->only_code = NULL;
  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = g_ptr_array_index (vouchers, i);

      if (!sp_voucher_accepts_vendor (v, vendor) || voucher_spent (v))
        continue;
      if (sp_voucher_get_kind (v) == SP_VOUCHER_DISCOUNT)
        {
          SpMoney amount = sp_voucher_get_amount (v);

          if (amount == SP_MONEY_UNKNOWN)
            c->discount_bp += MAX (sp_voucher_get_percent (v), 0);
          else
            {
              const char *currency = sp_voucher_get_currency (v);
              SpMoney converted = currency != NULL ? sp_price_context_convert (ctx, amount, currency)
                                                   : amount;

              c->discount_fixed = converted == SP_MONEY_UNKNOWN
                                    ? SP_MONEY_MAX
                                    : MIN (c->discount_fixed + MAX (converted, 0), SP_MONEY_MAX);
            }
        }
      else if (sp_voucher_get_kind (v) == SP_VOUCHER_GOVERNMENT)
        {
          SpProgramme *p = sp_wallet_lookup_programme (wallet, sp_voucher_get_programme (v));
          gint rate = 0;

          if (p == NULL)
            continue;  /* the engine refuses it: unknown programme */
          if (!sp_programme_vendor_qualifies (p, purchase) ||
              !sp_programme_covers_kind (p, sp_offer_item_kind (offer)))
            continue;
          /* the category and start-up flag the purchase is priced with */
          rate = sp_programme_get_rate (p, sp_offer_default_category (offer), FALSE);
          if (rate <= 0)
            continue;
          c->government_bp += rate;
        }
      else
        continue;  /* prepaid: how a purchase is paid, never a saving */
      c->n_reach++;
      c->only_code = c->n_reach == 1 ? sp_voucher_get_code (v) : NULL;
    }
}

void
sp_reprice_reach_all (GHashTable            *groups,
                      const SpRepriceOffers *offers,
                      SpWallet              *wallet,
                      SpPriceContext        *ctx)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *g = value;

      g->max_bp = 0;
      g->max_fixed = 0;
      for (guint i = 0; i < g->all->len; i++)
        {
          Candidate *c = &g_array_index (g->all, Candidate, i);

          sp_reprice_reach_of_vouchers (c, offers, wallet, ctx);
          g->max_bp = MAX (g->max_bp, c->discount_bp + c->government_bp);
          g->max_fixed = MAX (g->max_fixed, c->discount_fixed);
        }
    }
}

/* Whether committing @breakdown spent one of its vouchers. */
gboolean
sp_reprice_spent_any (SpWallet    *wallet,
                      SpBreakdown *breakdown)
{
  for (guint i = 0; i < sp_breakdown_get_n_lines (breakdown); i++)
    {
      SpVoucher *v = sp_wallet_lookup_voucher (wallet, sp_breakdown_get_line (breakdown, i)->code);

      if (v != NULL && voucher_spent (v))
        return TRUE;
    }
  return FALSE;
}

/* Government balances left in @wallet, in the result's currency. */
SpMoney
sp_reprice_government_left (SpWallet       *wallet,
                            SpPriceContext *ctx)
{
  GPtrArray *vouchers = sp_wallet_get_vouchers (wallet);
  SpMoney total = 0;

  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = g_ptr_array_index (vouchers, i);
      SpMoney left;

      if (sp_voucher_get_kind (v) != SP_VOUCHER_GOVERNMENT)
        continue;
      left = sp_price_context_convert (ctx, sp_voucher_get_balance (v),
                                       sp_voucher_get_currency (v) != NULL
                                         ? sp_voucher_get_currency (v) : "CNY");
      if (left == SP_MONEY_UNKNOWN)
        return SP_MONEY_MAX;
      total = MIN (total + MAX (left, 0), SP_MONEY_MAX);
    }
  return total;
}

static gboolean
touchable (const Candidate *c)
{
  return c->n_reach > 0;
}

/* The least @c could cost for an estimated list amount @list: every
 * voucher that could apply taking its most. */
SpMoney
sp_reprice_lower_bound (const Candidate *c,
                        SpMoney          list,
                        SpMoney          government)
{
  SpMoney off = 0, part;

  if (!touchable (c))
    return list;
  if (c->discount_bp >= 10000 || c->government_bp >= 10000)
    return 0;
  if (!sp_money_muldiv (list, c->discount_bp, 10000, SP_ROUND_HALF_UP, &off))
    return 0;
  if (c->government_bp > 0)
    {
      if (!sp_money_muldiv (list, c->government_bp, 10000, SP_ROUND_HALF_UP, &part))
        return 0;
      off += MIN (part, government);
    }
  off = MIN (off + c->discount_fixed, SP_MONEY_MAX);
  return off >= list ? 0 : list - off;
}

gboolean
sp_reprice_price_exactly (const SpRepriceOffers *offers,
                          SpWallet              *wallet,
                          SpPriceContext        *ctx,
                          Candidate             *c,
                          SpMoney                units,
                          guint32                date,
                          Priced                *out)
{
  g_autoptr(SpPurchase) purchase = NULL;
  g_autoptr(SpBreakdown) breakdown = NULL;
  const char *pay_currency, *target = sp_price_context_get_currency (ctx);
  SpMoney rate, list, cost;
  guint mix_in = 0, mix_out = 0;

  /* the whole offer (tiers, variants, commitment), read once */
  if (c->offer == NULL)
    c->offer = offers->read (offers->data, c->row);
  sp_price_context_get_mix (ctx, &mix_in, &mix_out);
  sp_offer_pay_currency (c->offer, ctx, &pay_currency, &rate);
  purchase = sp_offer_purchase_new_mixed (c->offer, sp_reprice_billed_units (c, units), mix_in, mix_out,
                                          sp_offer_default_category (c->offer), date,
                                          pay_currency, rate, NULL);
  if (purchase == NULL)
    return FALSE;
  /* the engine's own rules; its search only when there is a choice */
  if (c->n_reach == 0)
    {
      /* no voucher can apply: the list amount, converted and rounded once
       * as the engine does it */
      if (!sp_purchase_get_list_paid (purchase, sp_purchase_get_quantum (purchase), &list))
        return FALSE;
      if (g_strcmp0 (sp_purchase_get_pay_currency (purchase), target) != 0)
        list = sp_price_context_convert (ctx, list, sp_purchase_get_pay_currency (purchase));
      if (list == SP_MONEY_UNKNOWN)
        return FALSE;
      out->breakdown = NULL;
      out->list = out->cost = list;
      return TRUE;
    }
  if (c->n_reach == 1)
    {
      /* one voucher could apply: using it costs no more than leaving it
       * (the engine refuses it, with the reason, when it cannot) */
      const char *codes[] = { c->only_code, NULL };

      breakdown = sp_wallet_evaluate (wallet, purchase, codes, NULL);
    }
  else
    breakdown = sp_wallet_propose_for (wallet, purchase, SP_PROPOSE_LEAST_COST, NULL);
  if (breakdown == NULL)
    return FALSE;
  list = sp_breakdown_get_list (breakdown);
  cost = sp_breakdown_get_cost (breakdown);
  if (g_strcmp0 (sp_breakdown_get_currency (breakdown), target) != 0)
    {
      list = sp_price_context_convert (ctx, list, sp_breakdown_get_currency (breakdown));
      cost = sp_price_context_convert (ctx, cost, sp_breakdown_get_currency (breakdown));
      if (list == SP_MONEY_UNKNOWN || cost == SP_MONEY_UNKNOWN)
        return FALSE;
    }
  out->breakdown = g_steal_pointer (&breakdown);
  out->list = list;
  out->cost = cost;
  return TRUE;
}
