/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-estimate.c — the estimator and the break-even on the offer
 * table (sp-offer-table-estimate.h) */
#include "config.h"

#include <string.h>

#include "sp-breakeven-collector.h"
#include "sp-offer-purchase.h"
#include "sp-offer-table-estimate.h"
#include "sp-offer-table-private.h"
#include "sp-text.h"

/* ------------------------------------------------------------ details */

GHashTable *
sp_offer_details_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

void
sp_offer_details_add (GHashTable *details,
                      guint       row,
                      SpOffer    *offer)
{
  g_return_if_fail (details != NULL && SP_IS_OFFER (offer));

  g_hash_table_replace (details, GUINT_TO_POINTER (row), g_object_ref (offer));
}

SpOffer *
sp_offer_details_get (GHashTable *details,
                      guint       row)
{
  return details != NULL ? g_hash_table_lookup (details, GUINT_TO_POINTER (row)) : NULL;
}

/* The offer to price @row with: its detail when @want_detail and there is
 * one, else @scratch filled from the record */
static SpOffer *
offer_for_row (SpOfferTable *table,
               GHashTable   *details,
               guint         row,
               gboolean      want_detail,
               SpOffer      *scratch)
{
  SpOffer *detail = want_detail ? sp_offer_details_get (details, row) : NULL;

  if (detail != NULL)
    return detail;
  sp_offer_table_scratch_fill (table, row, scratch, NULL);
  return scratch;
}

static gboolean
row_retired (SpOfferTable *table,
             guint         row)
{
  return (table->records[row].bits & SP_RECORD_RETIRED) != 0;
}

/* ------------------------------------------------------------ search */

/* sp_offer_matches_search () on a row: the casefolded search is a part of
 * the casefolded name, model, vendor names or id, GPU model, region, id or
 * spec.  Texts are shared by many rows: each is folded once (@seen: 0 not
 * yet, 1 no, 2 yes, per text index). */
typedef struct {
  SpOfferTable *table;
  char         *folded;
  guint8       *seen;
} Search;

static gboolean
text_matches (Search  *s,
              guint32  text)
{
  if (text == 0)
    return FALSE;
  if (s->seen[text] == 0)
    s->seen[text] = sp_text_folded_contains (sp_offer_table_text (s->table, text), s->folded) ? 2 : 1;
  return s->seen[text] == 2;
}

static gboolean
search_matches (Search *s,
                guint   row)
{
  const SpOfferRecord *r;
  const SpTableVendor *v;

  if (s->folded == NULL)
    return TRUE;
  r = &s->table->records[row];
  v = &g_array_index (s->table->vendors, SpTableVendor, r->vendor);
  return text_matches (s, r->name) || text_matches (s, r->model) ||
         text_matches (s, v->name) || text_matches (s, v->name_zh) || text_matches (s, v->id) ||
         text_matches (s, r->gpu_model) || text_matches (s, r->region) ||
         sp_text_folded_contains (sp_offer_table_peek_id (s->table, row), s->folded) ||
         text_matches (s, r->spec);
}

/* ------------------------------------------------------------ estimate */

GArray *
sp_offer_table_estimate_detail_rows (SpOfferTable     *table,
                                     const SpWorkload *workload)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table) && workload != NULL, rows);

  for (guint row = 0; row < table->n_records; row++)
    if (!row_retired (table, row) &&
        sp_estimate_needs_detail (workload, table->records[row].kind))
      g_array_append_val (rows, row);
  return rows;
}

static int
compare_entries (gconstpointer pa,
                 gconstpointer pb,
                 gpointer      user_data)
{
  const SpTableEstimate *a = pa, *b = pb;
  SpOfferTable *table = user_data;
  int c;

  if ((c = sp_money_compare_unknown_last (a->monthly_cost, b->monthly_cost)) != 0)
    return c;
  /* sp_estimate_run ()'s ties: vendor name, name, id, self-hosted last */
  if ((c = g_strcmp0 (sp_offer_table_get_vendor_name (table, a->row),
                      sp_offer_table_get_vendor_name (table, b->row))) != 0 ||
      (c = g_strcmp0 (sp_offer_table_get_name (table, a->row),
                      sp_offer_table_get_name (table, b->row))) != 0 ||
      (c = sp_offer_table_compare_ids (table, a->row, b->row)) != 0)
    return c;
  if (a->self_hosted != b->self_hosted)
    return (int) a->self_hosted - (int) b->self_hosted;
  /* the order the offers came in (a stable sort of the store's order) */
  return a->row < b->row ? -1 : a->row > b->row;
}

GArray *
sp_offer_table_estimate (SpOfferTable     *table,
                         GHashTable       *details,
                         const SpWorkload *workload,
                         SpPriceContext   *ctx,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(GArray) entries = NULL;
  g_autofree guint8 *seen = NULL;
  Search search = { table, NULL, NULL };
  SpOffer *scratch;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table), NULL);
  g_return_val_if_fail (workload != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sp_estimate_check_workload (workload, error))
    return NULL;
  if (workload->search != NULL && workload->search[0] != '\0')
    {
      search.folded = g_utf8_casefold (workload->search, -1);
      search.seen = seen = g_new0 (guint8, table->texts->len);
    }

  entries = g_array_new (FALSE, FALSE, sizeof (SpTableEstimate));
  scratch = sp_offer_table_scratch_new ();
  for (guint row = 0; row < table->n_records; row++)
    {
      SpEstimateRow figures;
      SpOffer *offer;

      if ((row & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      /* off sale: nothing to buy */
      if (row_retired (table, row))
        continue;
      offer = offer_for_row (table, details, row,
                             sp_estimate_needs_detail (workload, table->records[row].kind), scratch);
      if (!sp_estimate_offer_figures (offer, workload, ctx, FALSE, &figures) ||
          !search_matches (&search, row))
        continue;
      g_array_append_val (entries, ((SpTableEstimate) {
        .row = row,
        .self_hosted = figures.self_hosted,
        .off_peak = figures.off_peak,
        .tier_above_tokens = figures.tier_above_tokens,
        .monthly_cost = figures.monthly_cost,
        .unit_price = figures.unit_price,
        .output_price = figures.output_price,
        .cached_price = figures.cached_price,
      }));
    }
  sp_offer_table_scratch_free (scratch);
  g_free (search.folded);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_array_sort_with_data (entries, compare_entries, table);
  return g_steal_pointer (&entries);
}

SpEstimateRow *
sp_offer_table_estimate_row (SpOfferTable          *table,
                             GHashTable            *details,
                             const SpWorkload      *workload,
                             SpPriceContext        *ctx,
                             const SpTableEstimate *entry)
{
  SpOffer *detail;
  g_autoptr(SpOffer) offer = NULL;
  SpEstimateRow *row;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table) && entry != NULL, NULL);
  g_return_val_if_fail (entry->row < table->n_records, NULL);

  detail = sp_estimate_needs_detail (workload, table->records[entry->row].kind)
           ? sp_offer_details_get (details, entry->row) : NULL;
  offer = detail != NULL ? g_object_ref (detail) : sp_offer_table_dup_offer (table, entry->row);
  row = sp_estimate_offer (offer, workload, ctx);
  g_return_val_if_fail (row != NULL, NULL);
  /* the ranking's figures, made the same way */
  g_warn_if_fail (row->monthly_cost == entry->monthly_cost && row->unit_price == entry->unit_price);
  return row;
}

/* ------------------------------------------------------------ break-even */

static gboolean
is_reserved_gpu (SpOfferTable *table,
                 guint         row)
{
  return table->records[row].kind == SP_OFFER_KIND_GPU &&
         table->records[row].billing == SP_BILLING_RESERVED;
}

GArray *
sp_offer_table_breakeven_detail_rows (SpOfferTable           *table,
                                      const SpBreakevenQuery *query)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  SpOffer *scratch;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table) && query != NULL, rows);

  scratch = sp_offer_table_scratch_new ();
  for (guint row = 0; row < table->n_records; row++)
    {
      if (row_retired (table, row) || !is_reserved_gpu (table, row))
        continue;
      sp_offer_table_scratch_fill (table, row, scratch, NULL);
      if (sp_estimate_gpu_model_matches (scratch, query->gpu_model) &&
          (query->min_gpu_memory_gb == 0 ||
           sp_offer_get_gpu_memory_gb (scratch) >= query->min_gpu_memory_gb))
        g_array_append_val (rows, row);
    }
  sp_offer_table_scratch_free (scratch);
  return rows;
}

typedef struct {
  SpOfferTable         *table;
  GHashTable           *details;
  SpPriceContext       *ctx;
  SpWallet             *wallet;
  guint32               date;
  SpOfferTableReadFunc  read;
  gpointer              read_data;
} BreakevenRun;

/* sp_offer_unit_after_vouchers () of a row: the list price from the offer
 * given (a scratch offer has no programmes), the voucher engine's figure
 * from the engine's own per-row function */
static SpMoney
row_after_vouchers (SpOffer  *offer,
                    guint     row,
                    SpMoney  *list,
                    gpointer  user_data)
{
  BreakevenRun *run = user_data;

  *list = sp_price_context_normalize (run->ctx, offer, SP_PRICE_MAIN);
  if (*list == SP_MONEY_UNKNOWN || run->wallet == NULL ||
      sp_wallet_get_vouchers (run->wallet)->len == 0)
    return *list;
  if (sp_offer_details_get (run->details, row) == offer)
    return sp_offer_unit_after_vouchers (offer, run->ctx, run->wallet, run->date, NULL);
  return sp_offer_engine_after_vouchers (run->table, row, run->ctx, run->wallet, run->date);
}

static SpOffer *
winner_offer (guint    row,
              gpointer user_data)
{
  BreakevenRun *run = user_data;
  SpOffer *detail;

  if (run->read != NULL)
    return run->read (run->table, row, run->read_data);
  detail = sp_offer_details_get (run->details, row);
  return detail != NULL ? g_object_ref (detail) : sp_offer_table_dup_offer (run->table, row);
}

/* sp_offer_table_breakeven (), stopped (NULL, G_IO_ERROR_CANCELLED) when
 * @cancellable is */
static SpBreakeven *
breakeven_run (SpOfferTable           *table,
               SpOfferPrices          *prices,
               GHashTable             *details,
               const SpBreakevenQuery *query,
               SpPriceContext         *ctx,
               SpWallet               *wallet,
               SpOfferTableReadFunc    read,
               gpointer                read_data,
               GCancellable           *cancellable,
               GError                **error)
{
  BreakevenRun run = { table, details, ctx, wallet, query->date, read, read_data };
  SpBreakevenCollector c;
  SpOffer *scratch;

  if (!sp_breakeven_collector_init (&c, query, ctx, wallet, error))
    return NULL;
  c.price = row_after_vouchers;
  c.price_data = &run;
  scratch = sp_offer_table_scratch_new ();
  for (guint row = 0; row < table->n_records; row++)
    {
      SpOffer *offer;
      gboolean suspicious;

      if ((row & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      if (row_retired (table, row))
        continue;
      offer = offer_for_row (table, details, row, is_reserved_gpu (table, row), scratch);
      if (offer == scratch && is_reserved_gpu (table, row))
        {
          /* its commitment is not known here: left out, the class seen */
          if (sp_breakeven_collector_wants (&c, offer))
            c.any_gpu = TRUE;
          continue;
        }
      suspicious = prices != NULL && (sp_offer_prices_get_flags (prices, row) & SP_OFFER_FLAG_SUSPICIOUS);
      sp_breakeven_collector_add (&c, offer, sp_offer_table_get_id (table, row), suspicious, row);
    }
  sp_offer_table_scratch_free (scratch);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      sp_breakeven_collector_clear (&c);
      return NULL;
    }
  return sp_breakeven_collector_finish (&c, winner_offer, &run, error);
}

SpBreakeven *
sp_offer_table_breakeven (SpOfferTable           *table,
                          SpOfferPrices          *prices,
                          GHashTable             *details,
                          const SpBreakevenQuery *query,
                          SpPriceContext         *ctx,
                          SpWallet               *wallet,
                          SpOfferTableReadFunc    read,
                          gpointer                read_data,
                          GError                **error)
{
  g_return_val_if_fail (SP_IS_OFFER_TABLE (table), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return breakeven_run (table, prices, details, query, ctx, wallet, read, read_data, NULL, error);
}

/* ------------------------------------------------------------ in a worker */

/* @details' offers in a table of the worker's own (an SpOffer read back
 * never changes; the window's table gains offers while the run goes on) */
static GHashTable *
details_copy (GHashTable *details)
{
  GHashTable *copy = sp_offer_details_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (details == NULL)
    return copy;
  g_hash_table_iter_init (&iter, details);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, key, g_object_ref (value));
  return copy;
}

typedef struct {
  SpOfferTable   *table;
  GHashTable     *details;
  SpPriceContext *ctx;
  SpWorkload      workload;   /* its texts are the two below */
  char           *gpu_model;
  char           *search;
  guint           n_rows;
  GPtrArray      *rows;       /* SpEstimateRow of the first n_rows: the result's */
} EstimateTask;

static void
estimate_task_free (gpointer data)
{
  EstimateTask *t = data;

  g_clear_object (&t->table);
  g_clear_pointer (&t->details, g_hash_table_unref);
  g_clear_object (&t->ctx);
  g_free (t->gpu_model);
  g_free (t->search);
  g_clear_pointer (&t->rows, g_ptr_array_unref);
  g_free (t);
}

static void
estimate_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  EstimateTask *t = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = sp_offer_table_estimate (t->table, t->details, &t->workload, t->ctx,
                                                       cancellable, &error);

  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_estimate_row_free);
  for (guint i = 0; i < entries->len && i < t->n_rows; i++)
    g_ptr_array_add (t->rows,
                     sp_offer_table_estimate_row (t->table, t->details, &t->workload, t->ctx,
                                                  &g_array_index (entries, SpTableEstimate, i)));
  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) g_array_unref);
}

void
sp_offer_table_estimate_async (SpOfferTable        *table,
                               GHashTable          *details,
                               const SpWorkload    *workload,
                               SpPriceContext      *ctx,
                               guint                n_rows,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EstimateTask *t;

  g_return_if_fail (SP_IS_OFFER_TABLE (table));
  g_return_if_fail (workload != NULL);
  g_return_if_fail (SP_IS_PRICE_CONTEXT (ctx));

  t = g_new0 (EstimateTask, 1);
  t->table = g_object_ref (table);
  t->details = details_copy (details);
  t->ctx = sp_price_context_copy (ctx);
  t->workload = *workload;
  t->workload.gpu_model = t->gpu_model = g_strdup (workload->gpu_model);
  t->workload.search = t->search = g_strdup (workload->search);
  t->n_rows = n_rows;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_offer_table_estimate_async);
  g_task_set_task_data (task, t, estimate_task_free);
  g_task_run_in_thread (task, estimate_thread);
}

GArray *
sp_offer_table_estimate_finish (GAsyncResult  *result,
                                GPtrArray    **rows,
                                GError       **error)
{
  g_autoptr(GArray) entries = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_offer_table_estimate_async, NULL);

  entries = g_task_propagate_pointer (G_TASK (result), error);
  if (rows != NULL)
    {
      EstimateTask *t = g_task_get_task_data (G_TASK (result));

      *rows = entries != NULL ? g_steal_pointer (&t->rows) : NULL;
    }
  return g_steal_pointer (&entries);
}

typedef struct {
  SpOfferTable     *table;
  SpOfferPrices    *prices;
  GHashTable       *details;
  SpPriceContext   *ctx;
  SpWallet         *wallet;
  SpBreakevenQuery  query;    /* its texts are the two below; no flags */
  char             *gpu_model;
  char             *model;
} BreakevenTask;

static void
breakeven_task_free (gpointer data)
{
  BreakevenTask *t = data;

  g_clear_object (&t->table);
  g_clear_pointer (&t->prices, sp_offer_prices_unref);
  g_clear_pointer (&t->details, g_hash_table_unref);
  g_clear_object (&t->ctx);
  g_clear_object (&t->wallet);
  g_free (t->gpu_model);
  g_free (t->model);
  g_free (t);
}

static void
breakeven_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  BreakevenTask *t = data;
  GError *error = NULL;
  SpBreakeven *be = breakeven_run (t->table, t->prices, t->details, &t->query, t->ctx, t->wallet,
                                   NULL, NULL, cancellable, &error);

  if (be == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, be, (GDestroyNotify) sp_breakeven_free);
}

void
sp_offer_table_breakeven_async (SpOfferTable           *table,
                                SpOfferPrices          *prices,
                                GHashTable             *details,
                                const SpBreakevenQuery *query,
                                SpPriceContext         *ctx,
                                SpWallet               *wallet,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  BreakevenTask *t;

  g_return_if_fail (SP_IS_OFFER_TABLE (table));
  g_return_if_fail (query != NULL);
  g_return_if_fail (SP_IS_PRICE_CONTEXT (ctx));
  g_return_if_fail (wallet == NULL || SP_IS_WALLET (wallet));

  t = g_new0 (BreakevenTask, 1);
  t->table = g_object_ref (table);
  t->prices = prices != NULL ? sp_offer_prices_ref (prices) : NULL;
  t->details = details_copy (details);
  t->ctx = sp_price_context_copy (ctx);
  t->wallet = wallet != NULL ? sp_wallet_copy (wallet) : NULL;
  t->query = *query;
  t->query.gpu_model = t->gpu_model = g_strdup (query->gpu_model);
  t->query.model = t->model = g_strdup (query->model);
  t->query.flags = NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_offer_table_breakeven_async);
  g_task_set_task_data (task, t, breakeven_task_free);
  g_task_run_in_thread (task, breakeven_thread);
}

SpBreakeven *
sp_offer_table_breakeven_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_offer_table_breakeven_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------ from offers */

/* The store's JSON list of plain ids, as sp-store writes it */
static char *
programmes_json (SpOffer *offer)
{
  const char * const *ids = sp_offer_get_voucher_programmes (offer);
  g_autoptr(GString) s = NULL;

  if (ids == NULL || ids[0] == NULL)
    return NULL;
  s = g_string_new ("[");
  for (guint i = 0; ids[i] != NULL; i++)
    g_string_append_printf (s, "%s\"%s\"", i > 0 ? "," : "", ids[i]);
  g_string_append_c (s, ']');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

SpOfferTable *
sp_offer_table_new_from_offers (GPtrArray *offers)
{
  SpOfferTable *table;

  g_return_val_if_fail (offers != NULL, NULL);

  table = sp_offer_table_new_building ();
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      g_autofree char *programmes = programmes_json (o);
      const char *id = sp_offer_get_id (o);
      SpOfferRow row = {
        .source = sp_offer_get_source (o), .id = id != NULL ? id : "",
        .vendor_id = sp_offer_get_vendor_id (o), .vendor_name = sp_offer_get_vendor_name (o),
        .vendor_name_zh = sp_offer_get_vendor_name_zh (o), .kind = sp_offer_get_kind (o),
        .name = sp_offer_get_name (o), .model = sp_offer_get_model (o),
        .gpu_model = sp_offer_get_gpu_model (o), .region = sp_offer_get_region (o),
        .currency = sp_offer_get_currency (o), .programmes = programmes,
        .gpu_fraction = sp_offer_get_gpu_fraction (o), .host = sp_offer_get_host (o),
        .gpu_count = sp_offer_get_gpu_count (o), .gpu_memory_gb = sp_offer_get_gpu_memory_gb (o),
        .vcpus_milli = sp_offer_get_vcpus_milli (o), .ram_mib = sp_offer_get_ram_mib (o),
        .context_window = sp_offer_get_context_window (o), .billing = sp_offer_get_billing (o),
        .price = sp_offer_get_price (o), .input_price = sp_offer_get_input_price (o),
        .output_price = sp_offer_get_output_price (o),
        .cached_input_price = sp_offer_get_cached_input_price (o),
        .fetched_at = sp_offer_get_fetched_at (o), .retired = sp_offer_get_retired (o),
        .demo = sp_offer_get_demo (o),
      };

      sp_offer_table_append (table, &row);
    }
  sp_offer_table_seal (table);
  return table;
}
