/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice.c — what the ledger's real usage would cost at today's best
 * offers (issue 18, section 1; see sp-reprice.h for the rules) */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <sqlite3.h>

#include "sp-database.h"
#include "sp-store-private.h"
#include "sp-offer-purchase.h"
#include "sp-reprice.h"
#include "sp-breakeven.h"
#include "sp-ledger-groups.h"
#include "sp-store.h"
#include "sp-vendors.h"
#include "sp-wallet-store.h"
#include "sp-reprice-private.h"

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
  const SpRepriceOffers *offers;
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
  u->paid = sp_reprice_entry_paid (e, result->currency);
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
      guint row;

      if (run->offers->find (run->offers->data, e->offer_source != NULL ? e->offer_source : "",
                             e->offer_id, &row))
        return run->offers->group (run->offers->data, row);
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

/* The group of @e with its amount paid in the run's currency and its
 * quantity in offer units; NULL (the entry added as unmapped, with why)
 * when it cannot be repriced. */
static char *
mappable_group (Run                 *run,
                SpRepriceResult     *result,
                const SpLedgerEntry *e,
                SpMoney             *paid,
                SpOfferKind         *kind,
                SpMoney             *units)
{
  char *group;

  if (e->refund)
    {
      add_unmapped (result, e, SP_REPRICE_MISS_REFUND, _("A refund is not repriced"));
      return NULL;
    }
  *paid = sp_reprice_entry_paid (e, run->currency);
  if (*paid == SP_MONEY_UNKNOWN)
    {
      add_unmapped (result, e, SP_REPRICE_MISS_CURRENCY, _("Its currency cannot be converted"));
      return NULL;
    }
  if (!sp_reprice_entry_units (e, kind, units))
    {
      add_unmapped (result, e, SP_REPRICE_MISS_UNIT, _("Its kind or unit cannot be compared with offers"));
      return NULL;
    }
  group = entry_group (run, e);
  if (group == NULL)
    add_unmapped (result, e, SP_REPRICE_MISS_NO_GROUP, _("No group: assign one to this vendor and item"));
  return group;
}

/* The walk over a group's sorted candidates: the cheapest one of @kind for
 * @units on @date (its price in *@best), or NULL; *@any_kind says whether
 * one of @kind was seen at all. */
static Candidate *
best_candidate (Run         *run,
                Group       *candidates,
                SpOfferKind  kind,
                SpMoney      units,
                guint32      date,
                Priced      *best,
                gboolean    *any_kind)
{
  SpMoney government = sp_reprice_government_left (run->wallet, run->ctx);
  Candidate *best_c = NULL;

  for (guint i = 0; i < candidates->all->len; i++)
    {
      Candidate *c = &g_array_index (candidates->all, Candidate, i);
      SpMoney estimate, floor;
      Priced p;

      if (c->kind != kind)
        continue;
      *any_kind = TRUE;
      if (!sp_money_muldiv (c->unit_price, sp_reprice_billed_units (c, units), SP_MONEY_SCALE,
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
          if (floor - candidates->max_fixed > best->cost + ESTIMATE_MARGIN)
            {
              i = candidates->n_usage - 1;  /* on to the commitments */
              continue;
            }
        }
      /* the least this one could cost */
      if (best_c != NULL && sp_reprice_lower_bound (c, estimate, government) > best->cost + ESTIMATE_MARGIN)
        continue;
      if (!sp_reprice_price_exactly (run->offers, run->wallet, run->ctx, c, units, date, &p))
        continue;
      if (best_c == NULL || p.cost < best->cost || (p.cost == best->cost && p.list < best->list))
        {
          g_clear_object (&best->breakdown);
          *best = p;
          best_c = c;
        }
      else
        g_clear_object (&p.breakdown);
    }
  return best_c;
}

/* @e repriced at @best_c for @best (group and amount paid not set yet). */
static SpRepriceEntry *
repriced_new (const SpLedgerEntry *e,
              const Candidate     *best_c,
              const Priced        *best)
{
  SpRepriceEntry *r = g_new0 (SpRepriceEntry, 1);

  r->entry_id = e->id;
  g_strlcpy (r->date, e->date, sizeof r->date);
  r->vendor = g_strdup (e->vendor);
  r->item = g_strdup (e->item);
  r->offer_source = g_strdup (sp_offer_get_source (best_c->offer));
  r->offer_id = g_strdup (sp_offer_get_id (best_c->offer));
  r->offer_vendor = g_strdup (sp_offer_get_vendor_id (best_c->offer));
  r->offer_vendor_name = g_strdup (sp_offer_get_vendor_name (best_c->offer));
  r->offer_vendor_name_zh = g_strdup (sp_offer_get_vendor_name_zh (best_c->offer));
  r->offer_name = g_strdup (sp_offer_get_name (best_c->offer));
  r->list = best->list;
  r->cost = best->cost;
  r->vouchers = best->list - best->cost;
  return r;
}

/* The vouchers of @breakdown (taken; may be NULL) as @r's codes; the
 * balances the period drew are gone for the entries after it. */
static void
spend_breakdown (Run            *run,
                 SpRepriceEntry *r,
                 SpBreakdown    *breakdown)
{
  if (breakdown == NULL)
    {
      r->voucher_codes = g_new0 (char *, 1);
      return;
    }
  r->voucher_codes = voucher_codes (breakdown);
  sp_wallet_commit (run->wallet, breakdown, NULL);
  if (sp_reprice_spent_any (run->wallet, breakdown))
    sp_reprice_reach_all (run->candidates, run->offers, run->wallet, run->ctx);
  g_object_unref (breakdown);
}

static void
reprice_entry (Run                 *run,
               SpRepriceResult     *result,
               const SpLedgerEntry *e)
{
  g_autofree char *group = NULL;
  SpOfferKind kind;
  SpMoney units, paid;
  Group *candidates;
  Priced best = { NULL, 0, G_MAXINT64 };
  Candidate *best_c = NULL;
  SpRepriceEntry *r;
  guint32 date = 0;
  gboolean any_kind = FALSE;

  group = mappable_group (run, result, e, &paid, &kind, &units);
  if (group == NULL)
    return;
  candidates = g_hash_table_lookup (run->candidates, group);
  sp_date_parse_iso (e->date, &date);
  if (candidates != NULL)
    best_c = best_candidate (run, candidates, kind, units, date, &best, &any_kind);
  if (best_c == NULL)
    {
      add_unmapped (result, e, SP_REPRICE_MISS_NO_OFFER, any_kind ? _("No current offer of its group can price it")
                                        : _("No current offer of its group can serve it"));
      return;
    }
  r = repriced_new (e, best_c, &best);
  r->group = g_steal_pointer (&group);
  r->paid = paid;
  spend_breakdown (run, r, g_steal_pointer (&best.breakdown));
  g_ptr_array_add (result->entries, r);
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
sp_reprice_compute_offers (GPtrArray              *entries,
                           const SpRepriceOffers  *offers,
                           GHashTable             *assigned,
                           SpWallet               *wallet,
                           SpPriceContext         *ctx,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_autoptr(SpRepriceResult) result = g_new0 (SpRepriceResult, 1);
  g_autoptr(GHashTable) candidates = NULL;
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

  candidates = sp_reprice_build_candidates (offers, wallet, ctx);
  run = (Run) { candidates, offers, assigned, wallet, ctx, result->currency };

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

char *
sp_reprice_offer_key (const char *source,
                      const char *id)
{
  return assignment_key (source, id);
}

/* ---- SpRepriceOffers over an array of SpOffer */

typedef struct {
  GPtrArray  *offers;
  GHashTable *by_offer;  /* "source\nid" → row + 1 */
} ArrayOffers;

static SpOffer *
array_peek (gpointer data,
            guint    row)
{
  return g_ptr_array_index (((ArrayOffers *) data)->offers, row);
}

static gboolean
array_serves (gpointer data,
              guint    row)
{
  return sp_reprice_offer_can_serve (array_peek (data, row));
}

static const char *
array_id (gpointer data,
          guint    row)
{
  return sp_offer_get_id (array_peek (data, row));
}

static SpMoney
array_block (gpointer data,
             guint    row)
{
  return sp_reprice_offer_block (array_peek (data, row));
}

static SpOffer *
array_read (gpointer data,
            guint    row)
{
  return g_object_ref (array_peek (data, row));
}

static char *
array_group (gpointer data,
             guint    row)
{
  return sp_offer_dup_group (array_peek (data, row));
}

static gboolean
array_find (gpointer    data,
            const char *source,
            const char *id,
            guint      *row)
{
  g_autofree char *key = assignment_key (source, id);
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (((ArrayOffers *) data)->by_offer, key));

  *row = found - 1;
  return found != 0;
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
  g_autoptr(GHashTable) by_offer = NULL;
  ArrayOffers array;
  SpRepriceOffers view;

  g_return_val_if_fail (entries != NULL && offers != NULL, NULL);

  by_offer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);

      g_hash_table_insert (by_offer,
                           assignment_key (sp_offer_get_source (offer), sp_offer_get_id (offer)),
                           GUINT_TO_POINTER (i + 1));
    }
  array = (ArrayOffers) { offers, by_offer };
  view = (SpRepriceOffers) { offers->len, array_serves, array_id, array_peek, array_block,
                             array_read, array_group, array_find, &array };
  return sp_reprice_compute_offers (entries, &view, assigned, wallet, ctx, cancellable, error);
}
