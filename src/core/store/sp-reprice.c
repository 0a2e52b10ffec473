/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice.c — what the ledger's real usage would cost at today's best
 * offers (issue 18, section 1; see sp-reprice.h for the rules) */
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

G_DEFINE_QUARK (sp-reprice-error-quark, sp_reprice_error)

/* A candidate is evaluated exactly (with the wallet) while its estimated
 * list amount, less every saving the wallet could still give, is within
 * this margin (micro-units, two fen) of the best cost so far: the estimate
 * and the exact amount differ by roundings to the fen only. */
#define ESTIMATE_MARGIN 20000

/* ------------------------------------------------------------------ results */

static void
entry_free (gpointer data)
{
  SpRepriceEntry *e = data;

  g_free (e->vendor);
  g_free (e->item);
  g_free (e->group);
  g_free (e->offer_source);
  g_free (e->offer_id);
  g_free (e->offer_vendor);
  g_free (e->offer_vendor_name);
  g_free (e->offer_vendor_name_zh);
  g_free (e->offer_name);
  g_strfreev (e->voucher_codes);
  g_free (e);
}

static void
unmapped_free (gpointer data)
{
  SpRepriceUnmapped *u = data;

  g_free (u->vendor);
  g_free (u->item);
  g_free (u->reason);
  g_free (u);
}

static void
group_free (gpointer data)
{
  SpRepriceGroup *g = data;

  g_free (g->group);
  g_free (g);
}

void
sp_reprice_result_free (SpRepriceResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->entries, g_ptr_array_unref);
  g_clear_pointer (&result->unmapped, g_ptr_array_unref);
  g_clear_pointer (&result->groups, g_ptr_array_unref);
  g_clear_pointer (&result->known_groups, g_strfreev);
  g_free (result);
}

/* ------------------------------------------------------------------ periods and texts */

void
sp_reprice_default_period (const GDate *today,
                           char         from[8],
                           char         to[8])
{
  int year = g_date_get_year (today);
  int month = (int) g_date_get_month (today);
  int last = (year * 12 + month - 1) - 1;  /* the month before, as year × 12 + month − 1 */
  int first = last - 2;

  g_snprintf (from, 8, "%04d-%02d", first / 12, first % 12 + 1);
  g_snprintf (to, 8, "%04d-%02d", last / 12, last % 12 + 1);
}

guint
sp_reprice_commitment_months (const char *text)
{
  guint months = 0, hours = 0;

  /* one reader of commitment texts for break-even and reprice */
  if (!sp_breakeven_parse_commitment_hours (text, &months, &hours))
    return 0;
  return months;
}

char *
sp_reprice_group_label (const char *group)
{
  g_auto(GStrv) parts = NULL;

  if (group == NULL)
    return g_strdup ("");
  parts = g_strsplit (group, ":", 3);
  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "gpu"))
    {
      if (g_str_equal (parts[2], "0"))
        return g_strdup (parts[1]);
      /* Translators: a GPU model and its memory, "H100 SXM · 80 GB" */
      return g_strdup_printf (_("%s · %s GB"), parts[1], parts[2]);
    }
  if (g_strv_length (parts) >= 2 && g_str_equal (parts[0], "tokens"))
    return g_strdup (group + strlen ("tokens:"));
  if (g_strv_length (parts) >= 2 && g_str_equal (parts[0], "cpu"))
    {
      const char *name = NULL, *name_zh = NULL;

      sp_vendor_names (group + strlen ("cpu:"), NULL, &name, &name_zh);
      /* Translators: CPU core-hours of one vendor, "CPU · 阿里云" */
      return g_strdup_printf (_("CPU · %s"), name != NULL ? name : group + strlen ("cpu:"));
    }
  return g_strdup (group);
}

/* ------------------------------------------------------------------ the group table */

/* The ledger's words (@cause, taken) for a failure on ledger_groups */
static gboolean
groups_failed (GError  *cause,
               GError **error)
{
  g_set_error (error, SP_REPRICE_ERROR, SP_REPRICE_ERROR_SQL,
               _("Cannot read or write the groups of the ledger: %s"), cause->message);
  g_error_free (cause);
  return FALSE;
}

gboolean
sp_reprice_group_valid (const char *group)
{
  if (group == NULL || *group == '\0')
    return TRUE;
  return g_utf8_validate (group, -1, NULL) && strlen (group) <= 200 && strchr (group, ':') != NULL &&
         group[0] != ':';
}

char *
sp_reprice_get_group (SpLedger    *ledger,
                      const char  *vendor,
                      const char  *item,
                      GError     **error)
{
  GError *cause = NULL;
  char *group;

  g_return_val_if_fail (SP_IS_LEDGER (ledger), NULL);

  group = sp_ledger_groups_get (ledger, vendor, item, &cause);
  if (cause != NULL)
    groups_failed (cause, error);
  return group;
}

gboolean
sp_reprice_set_group (SpLedger    *ledger,
                      const char  *vendor,
                      const char  *item,
                      const char  *group,
                      GError     **error)
{
  GError *cause = NULL;
  gboolean remove = group == NULL || *group == '\0';

  g_return_val_if_fail (SP_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (vendor != NULL && item != NULL, FALSE);

  if (!sp_reprice_group_valid (group))
    {
      g_set_error (error, SP_REPRICE_ERROR, SP_REPRICE_ERROR_INVALID,
                   _("“%s” is not a group (for example gpu:H100 SXM:80 or tokens:deepseek-v3)"),
                   group);
      return FALSE;
    }
  if (!sp_ledger_groups_set (ledger, vendor, item, remove ? NULL : group, &cause))
    return groups_failed (cause, error);
  return TRUE;
}

static char *
assignment_key (const char *vendor,
                const char *item)
{
  return g_strconcat (vendor != NULL ? vendor : "", "\n", item != NULL ? item : "", NULL);
}

/* SpLedgerGroupFunc: one assignment into the table */
static void
add_assignment (const char *vendor,
                const char *item,
                const char *group_id,
                gpointer    user_data)
{
  g_hash_table_insert (user_data, assignment_key (vendor, item), g_strdup (group_id));
}

GHashTable *
sp_reprice_load_groups (SpLedger  *ledger,
                        GError   **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GError *cause = NULL;

  g_return_val_if_fail (SP_IS_LEDGER (ledger), NULL);

  if (!sp_ledger_groups_foreach (ledger, add_assignment, table, &cause))
    return groups_failed (cause, error), NULL;
  return g_steal_pointer (&table);
}

/* ------------------------------------------------------------------ candidates */

typedef struct {
  SpOffer *offer;       /* borrowed from the caller's array */
  SpOfferKind kind;
  SpMoney  unit_price;  /* normalized, in the result's currency */
  SpMoney  block;       /* commitments: micro-units of the unit per block; 0: usage */
  /* the most the wallet's vouchers could take off this offer (a bound, set
   * by reach_of_vouchers()): platform percentages and fixed amounts that
   * accept its vendor, and the rates of the programmes it qualifies for */
  gint64   discount_bp;
  SpMoney  discount_fixed;
  gint64   government_bp;
  guint    n_reach;     /* how many vouchers could apply */
  const char *only_code; /* the one that could, when n_reach is 1 (the wallet's) */
} Candidate;

static gboolean
offer_can_serve (SpOffer *offer)
{
  SpBilling billing = sp_offer_get_billing (offer);

  return !sp_offer_get_retired (offer) && billing != SP_BILLING_PREPAID &&
         sp_offer_get_gpu_fraction (offer) == NULL;
}

static SpMoney
commitment_block (SpOffer *offer)
{
  guint months;
  gint64 per;

  if (sp_offer_get_billing (offer) != SP_BILLING_RESERVED ||
      sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    return 0;
  months = sp_reprice_commitment_months (sp_offer_get_min_commitment (offer));
  if (months == 0)
    months = 1;
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_GPU)
    per = MAX (sp_offer_get_gpu_count (offer), 1u);
  else
    per = MAX ((sp_offer_get_vcpus_milli (offer) + 999u) / 1000u, 1u);
  return (SpMoney) months * SP_REPRICE_HOURS_PER_MONTH * per * SP_MONEY_SCALE;
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

static void reach_of_vouchers (Candidate *c, SpWallet *wallet, SpPriceContext *ctx);

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
reach_all (GHashTable     *groups,
           SpWallet       *wallet,
           SpPriceContext *ctx);

/* The candidates of one group: the cheapest offer per dedup key, those
 * priced by usage first, by unit price, then the commitments. */
typedef struct {
  GArray  *all;        /* Candidate */
  guint    n_usage;
  gint64   max_bp;     /* the highest discount_bp + government_bp of them */
  SpMoney  max_fixed;  /* the highest discount_fixed */
} Group;

static void
group_candidates_free (gpointer data)
{
  Group *g = data;

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
  return strcmp (sp_offer_get_id (ca->offer), sp_offer_get_id (cb->offer));
}

/* group id → Group */
/* Long (about 80 lines): one pass over the offers that fills every group's
 * usage and commitment candidates with their normalized prices. */
static GHashTable *
build_candidates (GPtrArray      *offers,
                  SpWallet       *wallet,
                  SpPriceContext *ctx)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) best = g_hash_table_new_full (dedup_hash, dedup_equal, g_free, NULL);

  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      g_autofree char *group = NULL;
      Candidate c = { offer, sp_offer_get_kind (offer), 0, 0, 0, 0, 0, 0, NULL };
      GArray *list;
      gpointer pos;

      if (!offer_can_serve (offer))
        continue;
      c.unit_price = sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN);
      if (c.unit_price == SP_MONEY_UNKNOWN || c.unit_price < 0)
        continue;
      group = sp_offer_dup_group (offer);
      if (group == NULL)
        continue;
      c.block = commitment_block (offer);
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
    reach_all (owned, wallet, ctx);
    return owned;
  }
}

/* ------------------------------------------------------------------ one entry */

static gboolean
unit_is (const char         *unit,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (unit, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The entry's quantity in micro-units of the unit of @kind offers (card-
 * hours, core-hours, millions of tokens); FALSE when it does not convert. */
static gboolean
entry_units (const SpLedgerEntry *e,
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
static SpMoney
entry_paid (const SpLedgerEntry *e,
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
static SpMoney
billed_units (const Candidate *c,
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
static void
reach_of_vouchers (Candidate      *c,
                   SpWallet       *wallet,
                   SpPriceContext *ctx)
{
  GPtrArray *vouchers = sp_wallet_get_vouchers (wallet);
  g_autoptr(SpPurchase) purchase = sp_purchase_new ();
  const char *vendor = sp_offer_get_vendor_id (c->offer);

  sp_purchase_set_vendor (purchase, vendor);
  sp_purchase_set_programme_tags (purchase, sp_offer_get_voucher_programmes (c->offer));
  sp_purchase_set_item_kind (purchase, sp_offer_item_kind (c->offer));
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
              !sp_programme_covers_kind (p, sp_offer_item_kind (c->offer)))
            continue;
          /* the category and start-up flag the purchase is priced with */
          rate = sp_programme_get_rate (p, sp_offer_default_category (c->offer), FALSE);
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

static void
reach_all (GHashTable     *groups,
           SpWallet       *wallet,
           SpPriceContext *ctx)
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

          reach_of_vouchers (c, wallet, ctx);
          g->max_bp = MAX (g->max_bp, c->discount_bp + c->government_bp);
          g->max_fixed = MAX (g->max_fixed, c->discount_fixed);
        }
    }
}

/* Whether committing @breakdown spent one of its vouchers. */
static gboolean
spent_any (SpWallet    *wallet,
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
static SpMoney
government_left (SpWallet       *wallet,
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
static SpMoney
lower_bound (const Candidate *c,
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

typedef struct {
  SpBreakdown *breakdown;
  SpMoney      list;
  SpMoney      cost;
} Priced;

static gboolean
price_exactly (SpWallet        *wallet,
               SpPriceContext  *ctx,
               const Candidate *c,
               SpMoney          units,
               guint32          date,
               Priced          *out)
{
  g_autoptr(SpPurchase) purchase = NULL;
  g_autoptr(SpBreakdown) breakdown = NULL;
  const char *pay_currency, *target = sp_price_context_get_currency (ctx);
  SpMoney rate, list, cost;
  guint mix_in = 0, mix_out = 0;

  sp_price_context_get_mix (ctx, &mix_in, &mix_out);
  sp_offer_pay_currency (c->offer, ctx, &pay_currency, &rate);
  purchase = sp_offer_purchase_new_mixed (c->offer, billed_units (c, units), mix_in, mix_out,
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

static char **
voucher_codes (SpBreakdown *breakdown)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < sp_breakdown_get_n_lines (breakdown); i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (breakdown, i);

      if (line->kind != SP_VOUCHER_PREPAID)
        g_strv_builder_add (b, line->code);
    }
  return g_strv_builder_end (b);
}

typedef struct {
  GHashTable     *candidates;  /* group id → Group */
  GHashTable     *by_offer;    /* "source\nid" → SpOffer */
  GHashTable     *assigned;
  SpWallet       *wallet;
  SpPriceContext *ctx;
  const char     *currency;
} Run;

static void
add_unmapped (SpRepriceResult     *result,
              const SpLedgerEntry *e,
              SpRepriceMiss        miss,
              const char          *reason)
{
  SpRepriceUnmapped *u = g_new0 (SpRepriceUnmapped, 1);

  u->entry_id = e->id;
  g_strlcpy (u->date, e->date, sizeof u->date);
  u->vendor = g_strdup (e->vendor);
  u->item = g_strdup (e->item);
  u->paid = entry_paid (e, result->currency);
  u->kind = e->kind;
  u->miss = miss;
  u->reason = g_strdup (reason);
  g_ptr_array_add (result->unmapped, u);
}

/* The entry's group: its linked offer's, else the user's assignment. */
static char *
entry_group (Run                 *run,
             const SpLedgerEntry *e)
{
  if (e->offer_id != NULL && *e->offer_id != '\0')
    {
      g_autofree char *key = assignment_key (e->offer_source, e->offer_id);
      SpOffer *offer = g_hash_table_lookup (run->by_offer, key);

      if (offer != NULL)
        return sp_offer_dup_group (offer);
    }
  if (run->assigned != NULL)
    {
      g_autofree char *key = assignment_key (e->vendor, e->item);
      const char *group = g_hash_table_lookup (run->assigned, key);

      if (group != NULL)
        return g_strdup (group);
    }
  return NULL;
}

/* Long (about 120 lines): the walk over a group's sorted candidates keeps the
 * entry's converted quantity, the best so far and the period's balances in
 * locals that every branch updates; split, they would travel as a struct. */
static void
reprice_entry (Run                 *run,
               SpRepriceResult     *result,
               const SpLedgerEntry *e)
{
  g_autofree char *group = NULL;
  SpOfferKind kind;
  SpMoney units, paid;
  Group *candidates;
  SpMoney government = 0;
  Priced best = { NULL, 0, G_MAXINT64 };
  const Candidate *best_c = NULL;
  guint32 date = 0;
  gboolean any_kind = FALSE;

  if (e->refund)
    {
      add_unmapped (result, e, SP_REPRICE_MISS_REFUND, _("A refund is not repriced"));
      return;
    }
  paid = entry_paid (e, run->currency);
  if (paid == SP_MONEY_UNKNOWN)
    {
      add_unmapped (result, e, SP_REPRICE_MISS_CURRENCY, _("Its currency cannot be converted"));
      return;
    }
  if (!entry_units (e, &kind, &units))
    {
      add_unmapped (result, e, SP_REPRICE_MISS_UNIT, _("Its kind or unit cannot be compared with offers"));
      return;
    }
  group = entry_group (run, e);
  if (group == NULL)
    {
      add_unmapped (result, e, SP_REPRICE_MISS_NO_GROUP, _("No group: assign one to this vendor and item"));
      return;
    }
  candidates = g_hash_table_lookup (run->candidates, group);
  sp_date_parse_iso (e->date, &date);
  if (candidates != NULL)
    {
      government = government_left (run->wallet, run->ctx);
      for (guint i = 0; i < candidates->all->len; i++)
        {
          const Candidate *c = &g_array_index (candidates->all, Candidate, i);
          SpMoney estimate, floor;
          Priced p;

          if (c->kind != kind)
            continue;
          any_kind = TRUE;
          if (!sp_money_muldiv (c->unit_price, billed_units (c, units), SP_MONEY_SCALE,
                                SP_ROUND_HALF_UP, &estimate))
            continue;
          if (best_c != NULL && i < candidates->n_usage)
            {
              /* by unit price: once even the group's most generous
               * vouchers cannot bring one below the best, none after it can */
              floor = estimate;
              if (candidates->max_bp >= 10000 ||
                  !sp_money_muldiv (estimate, 10000 - candidates->max_bp, 10000,
                                    SP_ROUND_TRUNCATE, &floor))
                floor = 0;
              if (floor - candidates->max_fixed > best.cost + ESTIMATE_MARGIN)
                {
                  i = candidates->n_usage - 1;  /* on to the commitments */
                  continue;
                }
            }
          /* the least this one could cost */
          if (best_c != NULL && lower_bound (c, estimate, government) > best.cost + ESTIMATE_MARGIN)
            continue;
          if (!price_exactly (run->wallet, run->ctx, c, units, date, &p))
            continue;
          if (best_c == NULL || p.cost < best.cost || (p.cost == best.cost && p.list < best.list))
            {
              g_clear_object (&best.breakdown);
              best = p;
              best_c = c;
            }
          else
            g_clear_object (&p.breakdown);
        }
    }
  if (best_c == NULL)
    {
      add_unmapped (result, e, SP_REPRICE_MISS_NO_OFFER, any_kind ? _("No current offer of its group can price it")
                                        : _("No current offer of its group can serve it"));
      return;
    }

  {
    SpRepriceEntry *r = g_new0 (SpRepriceEntry, 1);

    r->entry_id = e->id;
    g_strlcpy (r->date, e->date, sizeof r->date);
    r->vendor = g_strdup (e->vendor);
    r->item = g_strdup (e->item);
    r->group = g_steal_pointer (&group);
    r->paid = paid;
    r->offer_source = g_strdup (sp_offer_get_source (best_c->offer));
    r->offer_id = g_strdup (sp_offer_get_id (best_c->offer));
    r->offer_vendor = g_strdup (sp_offer_get_vendor_id (best_c->offer));
    r->offer_vendor_name = g_strdup (sp_offer_get_vendor_name (best_c->offer));
    r->offer_vendor_name_zh = g_strdup (sp_offer_get_vendor_name_zh (best_c->offer));
    r->offer_name = g_strdup (sp_offer_get_name (best_c->offer));
    r->list = best.list;
    r->cost = best.cost;
    r->vouchers = best.list - best.cost;
    if (best.breakdown != NULL)
      {
        r->voucher_codes = voucher_codes (best.breakdown);
        /* the balances the period drew are gone for the entries after it */
        sp_wallet_commit (run->wallet, best.breakdown, NULL);
        if (spent_any (run->wallet, best.breakdown))
          reach_all (run->candidates, run->wallet, run->ctx);
        g_object_unref (best.breakdown);
      }
    else
      r->voucher_codes = g_new0 (char *, 1);
    g_ptr_array_add (result->entries, r);
  }
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const SpRepriceGroup *ga = *(SpRepriceGroup * const *) a;
  const SpRepriceGroup *gb = *(SpRepriceGroup * const *) b;

  return strcmp (ga->group, gb->group);
}

static void
sum_groups (SpRepriceResult *result)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < result->entries->len; i++)
    {
      const SpRepriceEntry *e = g_ptr_array_index (result->entries, i);
      SpRepriceGroup *g = g_hash_table_lookup (by_id, e->group);

      if (g == NULL)
        {
          g = g_new0 (SpRepriceGroup, 1);
          g->group = g_strdup (e->group);
          g_hash_table_insert (by_id, g->group, g);
          g_ptr_array_add (result->groups, g);
        }
      g->n_entries++;
      g->paid += e->paid;
      g->alternative += e->cost;
      g->vouchers += e->vouchers;
      result->paid += e->paid;
      result->alternative += e->cost;
      result->saving_from_vouchers += e->vouchers;
    }
  result->saving = result->paid - result->alternative;
  g_ptr_array_sort (result->groups, compare_groups);
}

SpRepriceResult *
sp_reprice_compute (GPtrArray       *entries,
                    GPtrArray       *offers,
                    GHashTable      *assigned,
                    SpWallet        *wallet,
                    SpPriceContext  *ctx,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(SpRepriceResult) result = g_new0 (SpRepriceResult, 1);
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GHashTable) by_offer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Run run;

  g_return_val_if_fail (entries != NULL && offers != NULL, NULL);
  g_return_val_if_fail (SP_IS_WALLET (wallet), NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  g_strlcpy (result->currency, sp_price_context_get_currency (ctx), sizeof result->currency);
  result->entries = g_ptr_array_new_with_free_func (entry_free);
  result->unmapped = g_ptr_array_new_with_free_func (unmapped_free);
  result->groups = g_ptr_array_new_with_free_func (group_free);
  if (entries->len > 0)
    {
      const SpLedgerEntry *first = g_ptr_array_index (entries, 0);
      const SpLedgerEntry *last = g_ptr_array_index (entries, entries->len - 1);

      memcpy (result->from_month, first->date, 7);
      memcpy (result->to_month, last->date, 7);
    }

  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);

      g_hash_table_insert (by_offer,
                           assignment_key (sp_offer_get_source (offer), sp_offer_get_id (offer)),
                           offer);
    }
  candidates = build_candidates (offers, wallet, ctx);
  run = (Run) { candidates, by_offer, assigned, wallet, ctx, result->currency };

  for (guint i = 0; i < entries->len; i++)
    {
      if ((i & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      reprice_entry (&run, result, g_ptr_array_index (entries, i));
    }
  sum_groups (result);
  {
    g_autofree gpointer *keys = g_hash_table_get_keys_as_array (candidates, NULL);
    GStrvBuilder *b = g_strv_builder_new ();

    for (guint i = 0; keys[i] != NULL; i++)
      g_strv_builder_add (b, keys[i]);
    result->known_groups = g_strv_builder_end (b);
    g_strv_builder_unref (b);
    qsort (result->known_groups, g_strv_length (result->known_groups), sizeof (char *),
           compare_strings);
  }
  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ from the database */

SpRepriceResult *
sp_reprice_run (const char      *db_path,
                const char      *from_month,
                const char      *to_month,
                SpPriceContext  *ctx,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpLedger) ledger = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GHashTable) assigned = NULL;
  g_autoptr(SpWallet) wallet = NULL;
  SpRepriceResult *result;
  char from[8], to[8];
  guint32 start = 0;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  if (from_month == NULL || to_month == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate today;
      char dfrom[8], dto[8];

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      sp_reprice_default_period (&today, dfrom, dto);
      g_strlcpy (from, from_month != NULL ? from_month : dfrom, sizeof from);
      g_strlcpy (to, to_month != NULL ? to_month : dto, sizeof to);
    }
  else
    {
      g_strlcpy (from, from_month, sizeof from);
      g_strlcpy (to, to_month, sizeof to);
    }
  if (!sp_ledger_month_valid (from) || !sp_ledger_month_valid (to) || strcmp (from, to) > 0)
    {
      g_set_error (error, SP_REPRICE_ERROR, SP_REPRICE_ERROR_INVALID,
                   _("“%s” to “%s” is not a period of months (YYYY-MM, the first not after the last)"),
                   from, to);
      return NULL;
    }

  store = sp_store_open (db_path, error);
  if (store == NULL)
    return NULL;
  ledger = sp_ledger_open (db_path, error);
  if (ledger == NULL)
    return NULL;
  entries = sp_ledger_list (ledger, from, to, error);
  if (entries == NULL)
    return NULL;
  assigned = sp_reprice_load_groups (ledger, error);
  if (assigned == NULL)
    return NULL;
  offers = sp_store_load_offers (store, error);
  if (offers == NULL)
    return NULL;
  {
    g_autofree char *first_day = g_strconcat (from, "-01", NULL);

    sp_date_parse_iso (first_day, &start);
  }
  wallet = sp_store_load_wallet (store, start, error);
  if (wallet == NULL)
    return NULL;
  result = sp_reprice_compute (entries, offers, assigned, wallet, ctx, cancellable, error);
  if (result != NULL)
    {
      g_strlcpy (result->from_month, from, sizeof result->from_month);
      g_strlcpy (result->to_month, to, sizeof result->to_month);
    }
  return result;
}

typedef struct {
  char           *db_path;
  char           *from;
  char           *to;
  SpPriceContext *ctx;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  g_free (d->db_path);
  g_free (d->from);
  g_free (d->to);
  g_clear_object (&d->ctx);
  g_free (d);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  GError *error = NULL;
  SpRepriceResult *result = sp_reprice_run (d->db_path, d->from, d->to, d->ctx, cancellable,
                                            &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) sp_reprice_result_free);
}

void
sp_reprice_run_async (const char          *db_path,
                      const char          *from_month,
                      const char          *to_month,
                      SpPriceContext      *ctx,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *d = g_new0 (RunData, 1);
  guint mix_in = 0, mix_out = 0;

  g_return_if_fail (SP_IS_PRICE_CONTEXT (ctx));

  d->db_path = g_strdup (db_path);
  d->from = g_strdup (from_month);
  d->to = g_strdup (to_month);
  d->ctx = sp_price_context_new ();
  sp_price_context_set_currency (d->ctx, sp_price_context_get_currency (ctx));
  sp_price_context_set_usd_cny (d->ctx, sp_price_context_get_usd_cny (ctx));
  sp_price_context_get_mix (ctx, &mix_in, &mix_out);
  sp_price_context_set_mix (d->ctx, mix_in, mix_out);
  g_task_set_source_tag (task, sp_reprice_run_async);
  g_task_set_task_data (task, d, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

SpRepriceResult *
sp_reprice_run_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
