/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-prices.c — what a table's offers cost under a price context and
 * a wallet: normalized prices, prices after vouchers, warnings, groups'
 * cheapest offers and medians (sp-offer-prices.h) */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "sp-offer-purchase.h"
#include "sp-offer-table-private.h"
#include "sp-offer-prices.h"
#include "sp-wallet-unit.h"

__extension__ typedef __int128 SpInt128;

G_DEFINE_BOXED_TYPE (SpOfferPrices, sp_offer_prices, sp_offer_prices_ref, sp_offer_prices_unref)

/* ------------------------------------------------------------ prices */

SpOfferPrices *
sp_offer_prices_ref (SpOfferPrices *prices)
{
  g_return_val_if_fail (prices != NULL, NULL);
  g_atomic_ref_count_inc (&prices->ref);
  return prices;
}

void
sp_offer_prices_unref (SpOfferPrices *prices)
{
  if (prices == NULL || !g_atomic_ref_count_dec (&prices->ref))
    return;
  if (prices->after != prices->normalized)
    g_free (prices->after);
  g_free (prices->normalized);
  g_free (prices->input);
  g_free (prices->output);
  g_free (prices->flags);
  g_free (prices->groups);
  g_clear_object (&prices->table);
  g_free (prices);
}

/* What decides, besides the amount, whether a voucher can serve a purchase
 * of a row: vendor, kind (item kind, category), currency (paid currency),
 * programme tags */
typedef struct {
  guint32 vendor, kind, currency, programmes;
} PurchaseKey;

/* What compute_rows_range () knows of a purchase key */
typedef struct {
  gboolean      none;      /* no voucher serves it, whatever the amount */
  gboolean      exact;     /* the fast path does not cover it: the voucher engine per row */
  SpPurchase   *purchase;  /* one unit of the key's last row */
  SpWalletUnit *unit;
} KeyState;

static void
key_state_free (KeyState *k)
{
  sp_wallet_unit_free (k->unit);
  g_clear_object (&k->purchase);
  g_free (k);
}

static guint purchase_hash (gconstpointer k) { return sp_offer_table_hash_bytes (k, sizeof (PurchaseKey)); }
static gboolean purchase_equal (gconstpointer a, gconstpointer b) { return memcmp (a, b, sizeof (PurchaseKey)) == 0; }

/* The voucher programmes of a row, parsed once per distinct list */
static char **
programmes_of (SpOfferTable *table,
               GHashTable   *cache,
               guint32       text)
{
  char **strv;
  const char *json;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  GPtrArray *list;

  if (text == 0)
    return NULL;
  if (g_hash_table_lookup_extended (cache, GUINT_TO_POINTER (text), NULL, (gpointer *) &strv))
    return strv;
  json = sp_offer_table_text (table, text);
  parser = json_parser_new ();
  list = g_ptr_array_new ();
  if (json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);

          if (s != NULL)
            g_ptr_array_add (list, g_strdup (s));
        }
    }
  if (list->len == 0)
    {
      g_ptr_array_free (list, TRUE);
      strv = NULL;
    }
  else
    {
      g_ptr_array_add (list, NULL);
      strv = (char **) g_ptr_array_free (list, FALSE);
    }
  g_hash_table_insert (cache, GUINT_TO_POINTER (text), strv);
  return strv;
}

/* The voucher engine's own figure for row @i (sp_offer_unit_after_vouchers ()),
 * and the breakdown it came from (NULL when no proposal could be made) */
static SpBreakdown *
exact_after (SpOfferPrices  *p,
             SpOfferTable   *table,
             guint           i,
             SpPriceContext *ctx,
             SpWallet       *wallet,
             guint32         date,
             SpOffer        *scratch,
             GHashTable     *programmes)
{
  SpBreakdown *breakdown;
  SpMoney cost = SP_MONEY_UNKNOWN;

  sp_offer_table_scratch_fill (table, i, scratch,
                               programmes_of (table, programmes, sp_offer_table_origin (table, i)->programmes));
  breakdown = sp_offer_propose_unit (wallet, scratch, ctx, date, &cost, NULL);
  /* as sp_offer_unit_after_vouchers (): the cost, else the normalized price */
  if (breakdown != NULL && cost != SP_MONEY_UNKNOWN)
    p->after[i] = cost;
  return breakdown;
}

/* The normalized prices of rows [start, end), and with a wallet their
 * prices after vouchers: sp_offer_unit_after_vouchers ()'s figure.  Per purchase key (vendor, kind, currency, programmes) the first
 * row goes through the voucher engine; when no voucher can serve the key
 * whatever the amount, its other rows keep their normalized price; else
 * they go through an SpWalletUnit (sp-wallet-unit.h: the vouchers checked
 * once per key, the same search per amount, the same cost to the
 * micro-unit) and, where it does not cover a row, the voucher engine. */
typedef struct {
  SpOfferPrices  *p;
  SpOfferTable   *table;
  SpPriceContext *ctx;
  SpWallet       *wallet;
  guint32         date;
  guint           start, end;   /* rows [start, end) */
  GCancellable   *cancellable;
  gboolean        done;         /* FALSE when cancelled */
} AfterRange;

/* The normalized prices of rows [a->start, a->end) (and the token rows'
 * input and output prices); FALSE when cancelled */
static inline gboolean
normalize_rows (AfterRange *a,
                SpOffer    *scratch)
{
  SpOfferPrices *p = a->p;
  SpOfferTable *table = a->table;
  SpPriceContext *ctx = a->ctx;

  for (guint i = a->start; i < a->end; i++)
    {
      if ((i & 16383) == 0 && g_cancellable_is_cancelled (a->cancellable))
        return FALSE;
      sp_offer_table_scratch_fill (table, i, scratch, NULL);
      p->normalized[i] = sp_price_context_normalize (ctx, scratch, SP_PRICE_MAIN);
      if (table->records[i].token != 0)
        {
          guint32 t = table->records[i].token - 1;
          gboolean tokens = table->records[i].kind == SP_OFFER_KIND_TOKENS;

          p->input[t] = tokens ? sp_price_context_normalize (ctx, scratch, SP_PRICE_INPUT)
                               : SP_MONEY_UNKNOWN;
          p->output[t] = tokens ? sp_price_context_normalize (ctx, scratch, SP_PRICE_OUTPUT)
                                : SP_MONEY_UNKNOWN;
        }
    }
  return TRUE;
}

/* The first row @i of @key: the voucher engine gives its figure, and what
 * it says decides the key's other rows.  Returns the key's new state
 * (added to @keys), or NULL when no proposal could be made for this row
 * (the key's next row decides) */
static KeyState *
key_state_first_row (AfterRange        *a,
                     GHashTable        *keys,
                     const PurchaseKey *key,
                     guint              i,
                     SpOffer           *scratch,
                     GHashTable        *programmes)
{
  g_autoptr(SpBreakdown) breakdown = NULL;
  KeyState *state;

  breakdown = exact_after (a->p, a->table, i, a->ctx, a->wallet, a->date, scratch, programmes);
  if (breakdown == NULL)
    return NULL;
  state = g_new0 (KeyState, 1);
  g_hash_table_insert (keys, g_memdup2 (key, sizeof *key), state);
  if (sp_breakdown_refuses_every_amount (breakdown, sp_wallet_get_vouchers (a->wallet)->len))
    state->none = TRUE;
  else if ((state->purchase = sp_offer_unit_purchase_new (scratch, a->ctx, a->date, NULL)) == NULL ||
           (state->unit = sp_wallet_unit_new (a->wallet, state->purchase,
                                              SP_PROPOSE_LEAST_COST)) == NULL)
    state->exact = TRUE;
  return state;
}

/* Row @i's price after vouchers through its key's SpWalletUnit; FALSE
 * where the unit does not cover it (the voucher engine then decides) */
static inline gboolean
unit_after (AfterRange *a,
            KeyState   *state,
            guint       i,
            SpOffer    *scratch)
{
  SpOfferPrices *p = a->p;
  SpMoney list, cost;

  sp_offer_table_scratch_fill (a->table, i, scratch, NULL);
  if (!sp_offer_unit_purchase_reprice (state->purchase, scratch, a->ctx) ||
      !sp_wallet_unit_cost (state->unit, &list, &cost))
    return FALSE;
  cost = sp_offer_unit_cost (a->ctx, p->normalized[i], list, cost,
                             sp_purchase_get_pay_currency (state->purchase));
  if (cost != SP_MONEY_UNKNOWN)
    p->after[i] = cost;
  return TRUE;
}

/* The prices after vouchers of rows [a->start, a->end) (their normalized
 * prices known); FALSE when cancelled */
static inline gboolean
after_vouchers_rows (AfterRange *a,
                     SpOffer    *scratch)
{
  SpOfferPrices *p = a->p;
  SpOfferTable *table = a->table;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (purchase_hash, purchase_equal, g_free,
                                                      (GDestroyNotify) key_state_free);
  g_autoptr(GHashTable) programmes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);
  PurchaseKey last_key = { G_MAXUINT32, 0, 0, 0 };
  KeyState *state = NULL;

  for (guint i = a->start; i < a->end; i++)
    {
      const SpOfferRecord *r = &table->records[i];
      const SpTableOrigin *origin = sp_offer_table_origin (table, i);
      PurchaseKey key = { r->vendor, r->kind, origin->currency, origin->programmes };

      if ((i & 4095) == 0 && g_cancellable_is_cancelled (a->cancellable))
        return FALSE;
      p->after[i] = p->normalized[i];
      if (p->normalized[i] == SP_MONEY_UNKNOWN)
        continue;
      if (state == NULL || memcmp (&key, &last_key, sizeof key) != 0)
        {
          last_key = key;
          state = g_hash_table_lookup (keys, &key);
          if (state == NULL)
            {
              /* NULL: this row cannot be proposed for: the next one decides */
              state = key_state_first_row (a, keys, &key, i, scratch, programmes);
              continue;
            }
        }
      if (state->none)
        continue;
      if (!state->exact && unit_after (a, state, i, scratch))
        continue;
      {
        SpBreakdown *breakdown = exact_after (p, table, i, a->ctx, a->wallet, a->date, scratch, programmes);

        g_clear_object (&breakdown);
      }
    }
  return TRUE;
}

static gpointer
compute_rows_range (gpointer data)
{
  AfterRange *a = data;
  SpOffer *scratch = sp_offer_table_scratch_new ();

  a->done = normalize_rows (a, scratch) &&
            (a->wallet == NULL || after_vouchers_rows (a, scratch));
  sp_offer_table_scratch_free (scratch);
  return NULL;
}

/* Rows per thread below which a second thread is not worth starting */
#define ROWS_MIN_SPLIT 2000

/* The normalized prices and (with a wallet) the prices after vouchers of
 * every row (compute_rows_range ()), the rows split between two threads when
 * there are many and two processors: each half has its own purchase keys,
 * so nothing is shared but the read-only table, context and wallet (whose
 * proposal cache has its own lock) */
static gboolean
compute_rows (SpOfferPrices   *p,
               SpOfferTable    *table,
               SpPriceContext  *ctx,
               SpWallet        *wallet,
               guint32          date,
               GCancellable    *cancellable)
{
  AfterRange halves[2];
  GThread *second = NULL;
  guint mid = p->n;

  if (wallet != NULL)
    p->after = g_new (SpMoney, MAX (p->n, 1u));
  if (p->n >= 2 * ROWS_MIN_SPLIT && g_get_num_processors () >= 2)
    mid = p->n / 2;
  for (guint h = 0; h < 2; h++)
    halves[h] = (AfterRange) { p, table, ctx, wallet, date, h == 0 ? 0 : mid, h == 0 ? mid : p->n,
                               cancellable, TRUE };
  if (mid < p->n)
    second = g_thread_try_new ("sp-offer-prices", compute_rows_range, &halves[1], NULL);
  compute_rows_range (&halves[0]);
  if (second != NULL)
    g_thread_join (second);
  else
    compute_rows_range (&halves[1]);
  return halves[0].done && halves[1].done;
}

SpMoney
sp_offer_engine_after_vouchers (SpOfferTable   *table,
                                guint           row,
                                SpPriceContext *ctx,
                                SpWallet       *wallet,
                                guint32         date)
{
  g_autoptr(GHashTable) programmes = NULL;
  SpOffer *scratch;
  SpMoney after;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table) && row < table->n_records, SP_MONEY_UNKNOWN);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), SP_MONEY_UNKNOWN);

  programmes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);
  scratch = sp_offer_table_scratch_new ();
  sp_offer_table_scratch_fill (table, row, scratch,
                               programmes_of (table, programmes, sp_offer_table_origin (table, row)->programmes));
  after = sp_offer_unit_after_vouchers (scratch, ctx, wallet, date, NULL);
  sp_offer_table_scratch_free (scratch);
  return after;
}


/* Groups' cheapest rows and medians, and the warnings (sp-suspicious.h) */
static void
compute_flags (SpOfferPrices       *p,
               SpOfferTable        *table,
               const SpFlagOptions *options)
{
  SpRadix radix;
  guint32 *rows = g_new (guint32, MAX (p->n, 1u));
  guint n = p->n;

  p->flags = g_new0 (guint8, MAX (n, 1u));
  p->n_groups = table->groups->len;
  p->groups = g_new (GroupStats, MAX (p->n_groups, 1u));
  for (guint g = 0; g < p->n_groups; g++)
    p->groups[g] = (GroupStats) { SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN, G_MAXUINT32, 0 };

  /* rows by group, then price (unknown last), then the tie order */
  sp_radix_init (&radix, n);
  memcpy (rows, table->by_tie, n * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    radix.keys[i] = sp_money_order_key (p->normalized[rows[i]]);
  sp_radix_sort (&radix, rows, n);
  for (guint i = 0; i < n; i++)
    radix.keys[i] = table->records[rows[i]].group;
  sp_radix_sort (&radix, rows, n);
  sp_radix_clear (&radix);

  for (guint start = 0; start < n;)
    {
      guint32 group = table->records[rows[start]].group;
      GroupStats *g = &p->groups[group];
      guint end = start;
      SpInt128 twice;

      while (end < n && table->records[rows[end]].group == group)
        end++;
      while (start + g->n_priced < end && p->normalized[rows[start + g->n_priced]] != SP_MONEY_UNKNOWN)
        g->n_priced++;
      if (g->n_priced > 0)
        {
          g->cheapest = rows[start];
          g->lo = p->normalized[rows[start + (g->n_priced - 1) / 2]];
          g->hi = p->normalized[rows[start + g->n_priced / 2]];
        }
      twice = (SpInt128) g->lo + g->hi;
      if (g->n_priced >= SP_SUSPICIOUS_MIN_GROUP_SIZE && options->threshold_bp > 0 &&
          sp_suspicious_median2 (g->lo, g->hi) > 0)
        for (guint i = start; i < start + g->n_priced; i++)
          {
            SpMoney price = p->normalized[rows[i]];

            if (price <= 0 || table->records[rows[i]].billing == SP_BILLING_SPOT)
              continue;
            if (!((SpInt128) price * 20000 < (SpInt128) options->threshold_bp * twice))
              break;
            p->flags[rows[i]] |= SP_OFFER_FLAG_SUSPICIOUS;
          }
      start = end;
    }
  g_free (rows);

  for (guint i = 0; i < n; i++)
    {
      const SpOfferRecord *r = &table->records[i];

      gint64 fetched_at = sp_offer_table_fetched_at (table, i);

      if (options->stale_after_seconds > 0 && fetched_at > 0 &&
          p->now - fetched_at > options->stale_after_seconds)
        p->flags[i] |= SP_OFFER_FLAG_STALE;
      if (r->kind == SP_OFFER_KIND_GPU && (r->bits & SP_RECORD_AMBIGUOUS))
        p->flags[i] |= SP_OFFER_FLAG_AMBIGUOUS;
    }
}

SpOfferPrices *
sp_offer_prices_compute (SpOfferTable         *table,
                         SpPriceContext       *ctx,
                         SpWallet             *wallet,
                         guint32               date,
                         const SpFlagOptions  *options,
                         GCancellable         *cancellable,
                         GError              **error)
{
  SpOfferPrices *p;
  SpFlagOptions defaults;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table), NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);
  g_return_val_if_fail (wallet == NULL || SP_IS_WALLET (wallet), NULL);

  if (options == NULL)
    {
      sp_flag_options_init (&defaults);
      options = &defaults;
    }
  p = g_new0 (SpOfferPrices, 1);
  g_atomic_ref_count_init (&p->ref);
  p->n = table->n_records;
  p->currency = sp_price_context_get_currency (ctx);
  p->now = options->now != 0 ? options->now : g_get_real_time () / G_USEC_PER_SEC;
  p->normalized = g_new (SpMoney, MAX (p->n, 1u));
  /* input and output: only the rows with token prices (records[].token) */
  p->table = g_object_ref (table);
  p->input = g_new (SpMoney, MAX (table->n_tokens, 1u));
  p->output = g_new (SpMoney, MAX (table->n_tokens, 1u));

  if (wallet != NULL && sp_wallet_get_vouchers (wallet)->len == 0)
    wallet = NULL;
  if (!compute_rows (p, table, ctx, wallet, date, cancellable))
    goto cancelled;
  if (wallet == NULL)
    p->after = p->normalized;
  compute_flags (p, table, options);
  return p;

cancelled:
  sp_offer_prices_unref (p);
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

typedef struct {
  SpOfferTable   *table;
  SpPriceContext *ctx;
  SpWallet       *wallet;
  guint32         date;
} PricesTask;

static void
prices_task_free (PricesTask *t)
{
  g_object_unref (t->table);
  g_object_unref (t->ctx);
  g_clear_object (&t->wallet);
  g_free (t);
}

static void
prices_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PricesTask *t = task_data;
  GError *error = NULL;
  SpOfferPrices *p = sp_offer_prices_compute (t->table, t->ctx, t->wallet, t->date, NULL,
                                              cancellable, &error);

  if (p == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, p, (GDestroyNotify) sp_offer_prices_unref);
}

void
sp_offer_prices_compute_async (SpOfferTable        *table,
                               SpPriceContext      *ctx,
                               SpWallet            *wallet,
                               guint32              date,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PricesTask *t;

  g_return_if_fail (SP_IS_OFFER_TABLE (table));
  g_return_if_fail (SP_IS_PRICE_CONTEXT (ctx));

  t = g_new0 (PricesTask, 1);
  t->table = g_object_ref (table);
  t->ctx = g_object_ref (ctx);
  t->wallet = wallet != NULL ? g_object_ref (wallet) : NULL;
  t->date = date;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_offer_prices_compute_async);
  g_task_set_task_data (task, t, (GDestroyNotify) prices_task_free);
  g_task_run_in_thread (task, prices_thread);
}

SpOfferPrices *
sp_offer_prices_compute_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sp_offer_prices_reprice_async (SpOfferTable         *table,
                               SpPriceContext       *ctx,
                               SpWallet             *wallet,
                               guint32               date,
                               GCancellable        **pending,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(SpPriceContext) ctx_copy = NULL;
  g_autoptr(SpWallet) wallet_copy = NULL;

  g_return_if_fail (SP_IS_OFFER_TABLE (table));
  g_return_if_fail (SP_IS_PRICE_CONTEXT (ctx));
  g_return_if_fail (wallet == NULL || SP_IS_WALLET (wallet));
  g_return_if_fail (pending != NULL);

  /* the previous run is superseded: it stops within a few thousand rows
   * and its callback gets G_IO_ERROR_CANCELLED */
  if (*pending != NULL)
    g_cancellable_cancel (*pending);
  g_clear_object (pending);
  *pending = g_cancellable_new ();
  ctx_copy = sp_price_context_copy (ctx);
  wallet_copy = wallet != NULL ? sp_wallet_copy (wallet) : NULL;
  sp_offer_prices_compute_async (table, ctx_copy, wallet_copy, date, *pending, callback, user_data);
}

SpOfferPrices *
sp_offer_prices_reprice_finish (GAsyncResult  *result,
                                GError       **error)
{
  return sp_offer_prices_compute_finish (result, error);
}

#define PRICES_ROW_OR(val) \
  g_return_val_if_fail (prices != NULL && row < prices->n, val)

const char *
sp_offer_prices_get_currency (SpOfferPrices *prices)
{
  g_return_val_if_fail (prices != NULL, NULL);
  return prices->currency;
}

SpMoney
sp_offer_prices_get_normalized (SpOfferPrices *prices, guint row)
{
  PRICES_ROW_OR (SP_MONEY_UNKNOWN);
  return prices->normalized[row];
}

SpMoney
sp_offer_prices_get_input (SpOfferPrices *prices, guint row)
{
  PRICES_ROW_OR (SP_MONEY_UNKNOWN);
  return sp_offer_prices_input (prices, row);
}

SpMoney
sp_offer_prices_get_output (SpOfferPrices *prices, guint row)
{
  PRICES_ROW_OR (SP_MONEY_UNKNOWN);
  return sp_offer_prices_output (prices, row);
}

SpMoney
sp_offer_prices_get_after_vouchers (SpOfferPrices *prices, guint row)
{
  PRICES_ROW_OR (SP_MONEY_UNKNOWN);
  return prices->after[row];
}

SpOfferFlag
sp_offer_prices_get_flags (SpOfferPrices *prices, guint row)
{
  PRICES_ROW_OR (SP_OFFER_FLAG_NONE);
  return prices->flags[row];
}

SpOfferFlags *
sp_offer_prices_dup_flags (SpOfferPrices *prices,
                           SpOfferTable  *table,
                           guint          row)
{
  SpOfferFlags *flags;
  const SpOfferRecord *r;

  PRICES_ROW_OR (NULL);
  g_return_val_if_fail (SP_IS_OFFER_TABLE (table) && table->n_records == prices->n, NULL);

  if (prices->flags[row] == 0)
    return NULL;
  r = &table->records[row];
  flags = g_new0 (SpOfferFlags, 1);
  flags->flags = prices->flags[row];
  flags->group_median = SP_MONEY_UNKNOWN;
  if (flags->flags & SP_OFFER_FLAG_SUSPICIOUS)
    {
      const GroupStats *g = &prices->groups[r->group];
      SpInt128 twice = (SpInt128) g->lo + g->hi;
      SpMoney price = prices->normalized[row];
      g_autofree char *text = NULL;

      flags->group_median = sp_suspicious_median2 (g->lo, g->hi);
      flags->percent_of_median = (guint) (((SpInt128) price * 400 + twice) / (2 * twice));
      text = sp_suspicious_reason_dup (r->kind, sp_offer_table_get_group_label (table, r->group),
                                       price, flags->group_median, flags->percent_of_median,
                                       prices->currency);
      flags->suspicious_reason = g_ref_string_new (text);
    }
  if (flags->flags & SP_OFFER_FLAG_STALE)
    {
      gint64 days = (prices->now - sp_offer_table_fetched_at (table, row)) / (24 * 3600);
      g_autofree char *text = sp_stale_reason_dup ((guint) MIN (days, (gint64) G_MAXUINT));

      flags->stale_reason = g_ref_string_new (text);
    }
  if (flags->flags & SP_OFFER_FLAG_AMBIGUOUS)
    {
      g_autofree char *text = sp_ambiguous_reason_dup (sp_offer_table_text (table, r->gpu_model));

      flags->ambiguous_reason = g_ref_string_new (text);
    }
  return flags;
}

gboolean
sp_offer_prices_get_cheapest (SpOfferPrices *prices,
                              guint          group,
                              guint         *row)
{
  g_return_val_if_fail (prices != NULL && group < prices->n_groups, FALSE);

  if (prices->groups[group].cheapest == G_MAXUINT32)
    return FALSE;
  if (row != NULL)
    *row = prices->groups[group].cheapest;
  return TRUE;
}

SpMoney
sp_offer_prices_get_group_median (SpOfferPrices *prices,
                                  guint          group)
{
  g_return_val_if_fail (prices != NULL && group < prices->n_groups, SP_MONEY_UNKNOWN);

  if (prices->groups[group].n_priced == 0)
    return SP_MONEY_UNKNOWN;
  return sp_suspicious_median2 (prices->groups[group].lo, prices->groups[group].hi);
}

gsize
sp_offer_prices_get_size (SpOfferPrices *prices)
{
  g_return_val_if_fail (prices != NULL, 0);
  return sizeof *prices + (gsize) prices->n * (sizeof (SpMoney) + 1) +
         (gsize) (prices->table != NULL ? prices->table->n_tokens : 0) * 2 * sizeof (SpMoney) +
         (prices->after != prices->normalized ? (gsize) prices->n * sizeof (SpMoney) : 0) +
         prices->n_groups * sizeof (GroupStats);
}
