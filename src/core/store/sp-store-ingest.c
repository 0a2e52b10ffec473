/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-ingest.c — replacing a source's offers in one transaction
 * (sp_store_replace_source()): the current prices, the tuned offer insert
 * (HACKING.md, "Ingest"), the price points and the source row. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sp-offer-private.h"
#include "sp-store.h"
#include "sp-store-private.h"

void
sp_store_stored_price_free (gpointer data)
{
  StoredPrice *sp = data;

  g_free (sp->currency);
  g_free (sp);
}

StoredPrice *
sp_store_stored_price_new (const char *id)
{
  gsize len = strlen (id);
  StoredPrice *sp = g_malloc0 (sizeof (StoredPrice) + len + 1);

  memcpy (sp->id, id, len + 1);
  return sp;
}

gboolean
sp_store_stored_price_differs (const StoredPrice *sp,
                               const SpOffer     *offer)
{
  return g_strcmp0 (sp->currency, offer->currency) != 0 ||
         sp->price != offer->price ||
         sp->input_price != offer->input_price ||
         sp->output_price != offer->output_price ||
         sp->cached_input_price != offer->cached_input_price;
}

/* id -> StoredPrice for every offer of @source currently in the store */
GHashTable *
sp_store_load_current_prices (SpStore     *self,
                              const char  *source,
                              GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       NULL, sp_store_stored_price_free);
  sqlite3_stmt *stmt = sp_store_get_stmt (self, STMT_SELECT_PRICES, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredPrice *sp = sp_store_stored_price_new ((const char *) sqlite3_column_text (stmt, 0));

      sp->currency = column_dup (stmt, 1);
      sp->price = column_money (stmt, 2);
      sp->input_price = column_money (stmt, 3);
      sp->output_price = column_money (stmt, 4);
      sp->cached_input_price = column_money (stmt, 5);
      sp->since = column_money (stmt, 6);
      g_hash_table_insert (table, sp->id, sp);
    }
  if (rc != SQLITE_DONE)
    {
      sp_store_set_sql_error (self, rc, error);
      sp_store_stmt_done (stmt);
      return NULL;
    }
  sp_store_stmt_done (stmt);
  return g_steal_pointer (&table);
}

/* Offers are inserted OFFER_BATCH at a time, one multi-row INSERT per batch
 * (the rest one by one): the statement's cursor stays open from row to row,
 * so SQLite appends the key-ordered rows without a seek from the root, and
 * the per-statement cost is paid once a batch (HACKING.md, "Ingest").  The
 * statement is made from OFFER_ROW_COLUMNS, so a new column needs nothing here. */
#define OFFER_BATCH 64

/* Each insert keeps its parameters from one use to the next (it is only
 * reset): a value equal to the one bound in the same place last time is not
 * bound again.  Forgotten at the start and end of every
 * sp_store_replace_source (). */
typedef struct {
  sqlite3_stmt *stmt;
  int           base;   /* parameter index of the row's first column, minus 1 */
  Bound        *bound;  /* N_INSERT_COLUMNS */
} OfferBinder;

void
sp_store_forget_offer_bindings (SpStore *self)
{
  memset (self->offer_bound, 0, sizeof self->offer_bound);
  if (self->single_stmt != NULL)
    sqlite3_clear_bindings (self->single_stmt);
  if (self->batch_bound != NULL)
    memset (self->batch_bound, 0, sizeof (Bound) * OFFER_BATCH * N_INSERT_COLUMNS);
  if (self->batch_stmt != NULL)
    sqlite3_clear_bindings (self->batch_stmt);
}

/* "INSERT OR IGNORE INTO offers (OFFER_ROW_COLUMNS) VALUES (?, …), …" for
 * @rows offers (a new column needs only its name there, its ROW_ index and
 * its line in bind_offer ()); prepared once.
 * OR IGNORE because a statement that may abort half-way through several
 * rows needs a statement journal: with 16 KiB pages it no longer fits in
 * memory and went to a temporary file, 59 MB of writes for the full-size
 * GCP catalog (HACKING.md, "Ingest").  No row may be ignored:
 * run_offer_insert () fails unless every row went in. */
static sqlite3_stmt *
prepare_offer_insert (SpStore  *self,
                      guint     rows,
                      GError  **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR IGNORE INTO offers (" OFFER_ROW_COLUMNS
                                         ") VALUES ");
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r == 0 ? "(" : ", (");
      for (guint c = 0; c < N_INSERT_COLUMNS; c++)
        g_string_append (sql, c == 0 ? "?" : ", ?");
      g_string_append_c (sql, ')');
    }
  rc = sqlite3_prepare_v3 (self->db, sql->str, (int) sql->len, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sp_store_set_sql_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static sqlite3_stmt *
get_single_stmt (SpStore  *self,
                 GError  **error)
{
  if (self->single_stmt == NULL)
    self->single_stmt = prepare_offer_insert (self, 1, error);
  return self->single_stmt;
}

/* The multi-row insert; NULL (and no error) when SQLite allows too few
 * parameters for it. */
static sqlite3_stmt *
get_batch_stmt (SpStore  *self,
                GError  **error)
{
  if (self->batch_stmt != NULL)
    return self->batch_stmt;
  if (sqlite3_limit (self->db, SQLITE_LIMIT_VARIABLE_NUMBER, -1) < OFFER_BATCH * N_INSERT_COLUMNS)
    return NULL;
  self->batch_stmt = prepare_offer_insert (self, OFFER_BATCH, error);
  if (self->batch_stmt != NULL && self->batch_bound == NULL)
    self->batch_bound = g_new0 (Bound, OFFER_BATCH * N_INSERT_COLUMNS);
  return self->batch_stmt;
}

/* How long a bound text lives, so how it is bound and when it need not be
 * bound again:
 * - TEXT_INTERNED: interned or static, the same address is the same text;
 * - TEXT_OWNED: lives as long as the offer (its address may come back later
 *   with other text), so only a NULL after a NULL stays bound;
 * - TEXT_COPIED: freed before the statement runs, so SQLite copies it. */
typedef enum {
  TEXT_INTERNED,
  TEXT_OWNED,
  TEXT_COPIED,
} TextLife;

/* (inlined, as are the bind_* below: @life is a constant in each caller, and
 * most calls bind nothing; the hot path of the insert) */
G_ALWAYS_INLINE static inline void
bind_cell_text (OfferBinder *ob,
                int          col,
                const char  *text,
                TextLife     life)
{
  Bound *b = &ob->bound[col];
  int idx = ob->base + col + 1;

  if (b->set && (life == TEXT_INTERNED ? b->ptr == text : (text == NULL && b->is_null)))
    return;
  if (text == NULL)
    sqlite3_bind_null (ob->stmt, idx);
  else
    sqlite3_bind_text (ob->stmt, idx, text, -1,
                       life == TEXT_COPIED ? SQLITE_TRANSIENT : SQLITE_STATIC);
  b->set = TRUE;
  b->ptr = life == TEXT_INTERNED ? text : NULL;
  b->is_null = text == NULL;
}

G_ALWAYS_INLINE static inline void
bind_same_text (OfferBinder *ob, int col, const char *text)
{
  bind_cell_text (ob, col, text, TEXT_INTERNED);
}

G_ALWAYS_INLINE static inline void
bind_owned_text (OfferBinder *ob, int col, const char *text)
{
  bind_cell_text (ob, col, text, TEXT_OWNED);
}

G_ALWAYS_INLINE static inline void
bind_copied_text (OfferBinder *ob, int col, const char *text)
{
  bind_cell_text (ob, col, text, TEXT_COPIED);
}

G_ALWAYS_INLINE static inline void
bind_same_int (OfferBinder *ob,
               int          col,
               gint64       value)
{
  Bound *b = &ob->bound[col];

  if (b->set && !b->is_null && b->value == value)
    return;
  sqlite3_bind_int64 (ob->stmt, ob->base + col + 1, value);
  b->set = TRUE;
  b->is_null = FALSE;
  b->value = value;
}

G_ALWAYS_INLINE static inline void
bind_same_money (OfferBinder *ob,
                 int          col,
                 SpMoney      value)
{
  Bound *b = &ob->bound[col];

  if (value == SP_MONEY_UNKNOWN)
    {
      if (b->set && b->is_null)
        return;
      sqlite3_bind_null (ob->stmt, ob->base + col + 1);
      b->set = TRUE;
      b->is_null = TRUE;
      return;
    }
  bind_same_int (ob, col, value);
}

/* Binds @o as one row of an offer insert, its current price point dated
 * @since (SP_MONEY_UNKNOWN: written to price_points already); the caller
 * runs the statement. */
static void
bind_offer (OfferBinder *ob,
            const char  *source,
            SpOffer     *o,
            gint64       since)
{
  g_autofree char *vouchers = sp_store_strv_to_json ((const char * const *) o->voucher_programmes);
  /* the fields kept in offers.details (NULL for most compute offers) */
  g_autofree char *details = sp_store_offer_details_to_json (o);

  /* (the interned and static strings are compared by address) */
  bind_same_text (ob, ROW_SOURCE, source);
  bind_owned_text (ob, ROW_ID, o->id);
  bind_same_text (ob, ROW_VENDOR_ID, o->vendor_id);
  bind_same_text (ob, ROW_VENDOR_NAME, o->vendor_name);
  bind_same_text (ob, ROW_VENDOR_NAME_ZH, o->vendor_name_zh);
  bind_same_text (ob, ROW_KIND, sp_offer_kind_to_string (o->kind));
  bind_owned_text (ob, ROW_NAME, o->name);
  bind_owned_text (ob, ROW_MODEL, o->model);
  bind_same_text (ob, ROW_GPU_MODEL, o->gpu_model);
  bind_same_int (ob, ROW_GPU_COUNT, o->gpu_count);
  bind_same_int (ob, ROW_GPU_MEMORY_GB, o->gpu_memory_gb);
  bind_same_int (ob, ROW_VCPUS_MILLI, o->vcpus_milli);
  bind_same_int (ob, ROW_RAM_MIB, o->ram_mib);
  bind_same_text (ob, ROW_REGION, o->region);
  bind_same_text (ob, ROW_BILLING, sp_billing_to_string (o->billing));
  bind_same_text (ob, ROW_CURRENCY, o->currency);
  bind_same_money (ob, ROW_PRICE, o->price);
  bind_same_money (ob, ROW_INPUT_PRICE, o->input_price);
  bind_same_money (ob, ROW_OUTPUT_PRICE, o->output_price);
  bind_same_money (ob, ROW_CACHED_INPUT_PRICE, o->cached_input_price);
  bind_same_int (ob, ROW_CONTEXT_WINDOW, o->context_window);
  bind_owned_text (ob, ROW_LIST_PRICE, o->list_price);
  bind_same_text (ob, ROW_LIST_UNIT, o->list_unit);
  bind_copied_text (ob, ROW_VOUCHER_PROGRAMMES, vouchers);
  bind_same_int (ob, ROW_DEMO, o->demo ? 1 : 0);
  bind_same_int (ob, ROW_FETCHED_AT, o->fetched_at);
  bind_same_int (ob, ROW_RETIRED, o->retired ? 1 : 0);
  bind_owned_text (ob, ROW_GPU_FRACTION, o->gpu_fraction);
  bind_same_text (ob, ROW_HOST, o->host);
  bind_same_money (ob, ROW_PRICE_SINCE, since);
  bind_copied_text (ob, ROW_DETAILS, details);
}

/* Runs an offer insert of @rows rows: an ignored row (a duplicate id or
 * a missing required value) fails it as a constraint error would have. */
static gboolean
run_offer_insert (SpStore       *self,
                  sqlite3_stmt  *stmt,
                  guint          rows,
                  GError       **error)
{
  if (!sp_store_run_insert (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) != (int) rows)
    {
      sp_store_set_sql_error (self, SQLITE_CONSTRAINT, error);
      return FALSE;
    }
  return TRUE;
}

/* The offers are read in id order, far apart in memory (in catalog order,
 * 368 bytes each): cache misses were ~4 ms of the full-size GCP catalog's
 * store step (HACKING.md, "Ingest", seventh pass).  So the offer
 * PREFETCH_AHEAD on is asked for while this one is bound, and with @texts
 * the texts bound of the one half as far on, whose struct was asked for
 * before. */
#define PREFETCH_AHEAD 16

G_ALWAYS_INLINE static inline void
prefetch_offer (SpOffer  **offers,
                guint      i,
                guint      n,
                gboolean   texts)
{
  if (i + PREFETCH_AHEAD < n)
    {
      const char *p = (const char *) offers[i + PREFETCH_AHEAD];

      for (gsize off = 0; off < sizeof (SpOffer); off += 64)
        __builtin_prefetch (p + off);
    }
  if (texts && i + PREFETCH_AHEAD / 2 < n)
    {
      const SpOffer *o = offers[i + PREFETCH_AHEAD / 2];

      __builtin_prefetch (o->id);
      __builtin_prefetch (o->name);
      __builtin_prefetch (o->model);
      __builtin_prefetch (o->list_price);
    }
}

/* Inserts @n offers (all their strings alive until this returns), each
 * with its price_since from @since: whole batches with the multi-row
 * statement, the rest one by one. */
static gboolean
insert_offers (SpStore       *self,
               const char    *source,
               SpOffer      **offers,
               const gint64  *since,
               guint          n,
               GError       **error)
{
  sqlite3_stmt *batch = n >= OFFER_BATCH ? get_batch_stmt (self, error) : NULL;
  sqlite3_stmt *single = NULL;
  guint i = 0;

  if (batch == NULL && error != NULL && *error != NULL)
    return FALSE;

  for (; batch != NULL && i + OFFER_BATCH <= n; i += OFFER_BATCH)
    {
      for (guint r = 0; r < OFFER_BATCH; r++)
        {
          OfferBinder ob = { batch, (int) (r * N_INSERT_COLUMNS),
                             self->batch_bound + r * N_INSERT_COLUMNS };

          prefetch_offer (offers, i + r, n, TRUE);
          bind_offer (&ob, source, offers[i + r], since[i + r]);
        }
      if (!run_offer_insert (self, batch, OFFER_BATCH, error))
        return FALSE;
    }

  for (; i < n; i++)
    {
      OfferBinder ob = { NULL, 0, self->offer_bound };

      if (single == NULL && (single = get_single_stmt (self, error)) == NULL)
        return FALSE;
      ob.stmt = single;
      bind_offer (&ob, source, offers[i], since[i]);
      if (!run_offer_insert (self, single, 1, error))
        return FALSE;
    }
  return TRUE;
}

/* One row of price_points: @prices are the price, input, output and
 * cached input prices. */
static gboolean
insert_point (SpStore        *self,
              const char     *source,
              const char     *id,
              gint64          at,
              const char     *currency,
              const SpMoney  *prices,
              GError        **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, STMT_INSERT_HISTORY, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, at);
  bind_text (stmt, 4, currency);
  for (int i = 0; i < 4; i++)
    bind_money (stmt, 5 + i, prices[i]);
  return sp_store_run_insert (self, stmt, error);
}

gboolean
sp_store_insert_history (SpStore     *self,
                         const char  *source,
                         SpOffer     *o,
                         gint64       now,
                         GError     **error)
{
  const SpMoney prices[] = { o->price, o->input_price, o->output_price, o->cached_input_price };

  return insert_point (self, source, o->id, now, o->currency, prices, error);
}

/* The point an offer's price_since stands for, written to price_points
 * before its price changes: @sp as stored (nothing when it is written). */
static gboolean
insert_stored_point (SpStore            *self,
                     const char         *source,
                     const StoredPrice  *sp,
                     GError            **error)
{
  const SpMoney prices[] = { sp->price, sp->input_price, sp->output_price,
                             sp->cached_input_price };

  if (sp->since == SP_MONEY_UNKNOWN)
    return TRUE;
  return insert_point (self, source, sp->id, sp->since, sp->currency, prices, error);
}

/* Writes the current price points of @source's offers (or of its offer
 * @id only) to price_points, before they are deleted or history is
 * inserted between points; with @clear, marks them written. */
gboolean
sp_store_write_current_points (SpStore     *self,
                               const char  *source,
                               const char  *id,
                               gboolean     clear,
                               GError     **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, id != NULL ? STMT_POINT_FROM_OFFER
                                                           : STMT_POINTS_FROM_OFFERS, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  if (id != NULL)
    bind_text (stmt, 2, id);
  if (!sp_store_run_stmt (self, stmt, error))
    return FALSE;
  if (!clear)
    return TRUE;
  g_return_val_if_fail (id == NULL, FALSE);
  stmt = sp_store_get_stmt (self, STMT_CLEAR_SINCE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  return sp_store_run_stmt (self, stmt, error);
}

gboolean
sp_store_delete_offer (SpStore     *self,
                       const char  *source,
                       const char  *id,
                       GError     **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, id != NULL ? STMT_DELETE_OFFER
                                                           : STMT_DELETE_SOURCE_OFFERS, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  if (id != NULL)
    bind_text (stmt, 2, id);
  return sp_store_run_stmt (self, stmt, error);
}

static gboolean
upsert_source (SpStore         *self,
               const char      *source,
               SpImportResult  *result,
               gint64           now,
               GError         **error)
{
  sqlite3_stmt *stmt = sp_store_get_stmt (self, STMT_UPSERT_SOURCE, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, source);
  bind_text (stmt, 2, sp_feed_format_to_string (sp_import_result_get_format (result)));
  bind_text (stmt, 3, sp_import_result_get_vendor_name (result));
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, sp_import_result_get_generated_at (result));
  sqlite3_bind_int64 (stmt, 6, sp_import_result_get_rows_read (result));
  sqlite3_bind_int64 (stmt, 7, sp_import_result_get_rows_skipped (result));
  sqlite3_bind_int64 (stmt, 8, sp_import_result_get_rows_repaired (result));
  return sp_store_run_stmt (self, stmt, error);
}
gboolean
sp_store_check_offer (SpOffer     *o,
                      guint        i,
                      const char  *source,
                      GError     **error)
{
  if (o->id == NULL || o->id[0] == '\0')
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL,
                   _("Offer %u of source “%s” has no id"), i + 1, source);
      return FALSE;
    }
  if (o->currency == NULL)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_SQL,
                   _("Offer “%s” of source “%s” has no currency"), o->id, source);
      return FALSE;
    }
  return TRUE;
}
static inline int
offer_id_cmp (const SpOffer *x,
              const SpOffer *y)
{
  if (G_UNLIKELY (x->id == NULL || y->id == NULL))
    return (x->id != NULL) - (y->id != NULL);
  return strcmp (x->id, y->id);
}

/* Sorts @a[0..@n) by id; @tmp holds n / 2 pointers.  A merge sort of its
 * own, the comparison inlined: g_ptr_array_sort () with a comparison
 * function cost 32 M instructions for a 45,544-offer catalog, 4 % of its
 * ingest (HACKING.md, "Ingest").  Two halves already in order (a catalog
 * sorted by id) are not merged. */
static void
sort_by_id (SpOffer **a,
            SpOffer **tmp,
            gsize     n)
{
  gsize half, i, j, k;

  if (n <= 8)
    {
      for (i = 1; i < n; i++)
        {
          SpOffer *v = a[i];

          for (j = i; j > 0 && offer_id_cmp (a[j - 1], v) > 0; j--)
            a[j] = a[j - 1];
          a[j] = v;
        }
      return;
    }
  half = n / 2;
  sort_by_id (a, tmp, half);
  sort_by_id (a + half, tmp, n - half);
  if (offer_id_cmp (a[half - 1], a[half]) <= 0)
    return;
  /* the left half out of the way; the right one is merged in place (the
   * next slot written is never past the next right one read) */
  memcpy (tmp, a, half * sizeof *a);
  for (i = 0, j = half, k = 0; i < half && j < n; k++)
    a[k] = offer_id_cmp (tmp[i], a[j]) <= 0 ? tmp[i++] : a[j++];
  while (i < half)
    a[k++] = tmp[i++];
}

/* The body of sp_store_replace_source(), inside the transaction.  A feed
 * with a generated date newer than the stored one dates its history points
 * (and the offers it drops) with it; one older than the stored snapshot
 * only adds to the history. */
/* A copy of @offers sorted by id.  Offers go in in key order: the offers
 * table is a b-tree on (source, id), so appending keeps its pages full and
 * each page is written once instead of being split again and again (see
 * HACKING.md, "Ingest"). */
static GPtrArray *
sorted_by_id (GPtrArray *offers)
{
  GPtrArray *sorted = g_ptr_array_sized_new (offers->len);

  memcpy (sorted->pdata, offers->pdata, offers->len * sizeof (gpointer));
  sorted->len = offers->len;
  if (offers->len > 1)
    {
      g_autofree SpOffer **tmp = g_new (SpOffer *, offers->len / 2);

      sort_by_id ((SpOffer **) sorted->pdata, tmp, offers->len);
    }
  return sorted;
}

/* Offer @i of the result against its stored prices in @current (NULL: a
 * first import, nothing stored): history written when its price changed,
 * *@since the date of its current price point, *@n_changed counted. */
static gboolean
compare_offer (SpStore      *self,
               const char   *source,
               SpOffer      *o,
               guint         i,
               GHashTable   *current,
               gboolean      step,
               gint64        at,
               gint64        now,
               gint64       *since,
               guint        *n_changed,
               GError      **error)
{
  StoredPrice *sp;

  if (!sp_store_check_offer (o, i, source, error))
    return FALSE;

  /* ids are unique within a result, so a new offer needs no entry in
   * @current (it is only there to find the stored offers not seen) */
  sp = current == NULL ? NULL : g_hash_table_lookup (current, o->id);
  /* the price point in force stays in the offer (price_since) until the
   * price changes: only then is it written to price_points (HACKING.md,
   * "Ingest"), so a first import writes no history row at all.  A
   * dated snapshot may land between history points: the step insert
   * looks at its neighbours, all of them written above. */
  *since = step ? SP_MONEY_UNKNOWN : at;
  if (sp == NULL || sp_store_stored_price_differs (sp, o))
    {
      gboolean added = TRUE;

      if (step)
        {
          if (!sp_store_insert_history_step (self, source, o, at, &added, error))
            return FALSE;
        }
      else if (sp != NULL && !insert_stored_point (self, source, sp, error))
        return FALSE;
      if (added)
        (*n_changed)++;
    }
  else if (!step)
    *since = sp->since;
  if (sp != NULL)
    sp->seen = TRUE;

  /* the price was confirmed now (freshness of the offer) */
  if (o->fetched_at == 0)
    o->fetched_at = now;
  return TRUE;
}

/* Whether a dated snapshot's prices are history steps: a source's first
 * snapshot cannot land between history points, so only a dated one of a
 * source with history is; the steps look at every point, the current ones
 * too, so those are written first. */
static gboolean
history_steps (SpStore     *self,
               const char  *source,
               gboolean     dated,
               gboolean    *step,
               GError     **error)
{
  gint64 has_history = 0;

  *step = FALSE;
  if (!dated)
    return TRUE;
  if (!sp_store_query_int (self, STMT_HAS_HISTORY, source, NULL, 0, &has_history, error))
    return FALSE;
  *step = has_history != 0;
  return !*step || sp_store_write_current_points (self, source, NULL, TRUE, error);
}

gboolean
sp_store_replace_source_locked (SpStore         *self,
                                SpImportResult  *result,
                                const char      *source,
                                gint64           now,
                                guint           *n_changed,
                                GError         **error)
{
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree gint64 *since = NULL;
  /* the parser's records as they are: their fields only (sp-import.h) */
  GPtrArray *offers = sp_import_result_peek_offer_records (result);
  gint64 generated = MAX (sp_import_result_get_generated_at (result), (gint64) 0);
  gint64 newest = 0;
  gboolean dated;
  gboolean step;
  gint64 at;
  GHashTableIter iter;
  StoredPrice *sp;
  gboolean first_import;

  *n_changed = 0;

  if (!sp_store_stored_generated_at (self, source, &newest, error))
    return FALSE;
  if (generated > 0 && newest > generated)
    return sp_store_add_history_locked (self, result, source, generated, newest, n_changed, error);
  /* the same date again with other prices: the publisher changed the file
   * without dating it anew, so the change is dated when we saw it */
  dated = generated > newest;
  at = dated ? generated : now;
  if (!history_steps (self, source, dated, &step, error))
    return FALSE;

  current = sp_store_load_current_prices (self, source, error);
  if (current == NULL)
    return FALSE;
  first_import = g_hash_table_size (current) == 0;

  if (!upsert_source (self, source, result, now, error))
    return FALSE;

  /* offers go in in key order (sorted_by_id ()) */
  if (offers != NULL && offers->len > 1)
    offers = sorted = sorted_by_id (offers);
  if (offers != NULL)
    since = g_new (gint64, offers->len);

  for (guint i = 0; offers != NULL && i < offers->len; i++)
    {
      prefetch_offer ((SpOffer **) offers->pdata, i, offers->len, FALSE);
      if (!compare_offer (self, source, g_ptr_array_index (offers, i), i,
                          first_import ? NULL : current, step, at, now, &since[i], n_changed,
                          error))
        return FALSE;
    }

  /* the offers that left the source first: their gone record and last
   * price point are read from their rows */
  g_hash_table_iter_init (&iter, current);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &sp))
    {
      if (!sp->seen && !sp_store_remove_offer (self, source, sp->id, at, error))
        return FALSE;
    }

  /* then the source's rows are written anew: a plain INSERT builds each
   * record with fewer steps than INSERT OR REPLACE (HACKING.md, "Ingest") */
  if (!first_import && !sp_store_delete_offer (self, source, NULL, error))
    return FALSE;
  if (offers != NULL &&
      !insert_offers (self, source, (SpOffer **) offers->pdata, since, offers->len, error))
    return FALSE;
  return TRUE;
}
