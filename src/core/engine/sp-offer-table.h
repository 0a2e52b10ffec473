/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table.h — the catalog as one compact, read-only table (issue 17)
 *
 * Every offer of the store is one fixed-size record of integers (prices in
 * micro-units, counts, memory, dates, flags) and indices into tables shared
 * by all offers (vendors, sources, regions, GPU models, currencies, specs,
 * equivalence groups); the remaining text (ids) lives in one string arena.
 * No SpOffer exists per row: read an offer back with sp_store_load_offer()
 * (source + id) for the few rows on screen, compare, buy or details.
 *
 * A table never changes once loaded, so any thread may read it; sorting,
 * filtering, search, groups, flags and the price after vouchers work on it
 * (sp-offer-engine.h).  Rows are numbered 0 … n-1 in the store's order
 * (source, then id). */
#pragma once

#include <gio/gio.h>

#include "sp-money.h"
#include "sp-offer.h"

G_BEGIN_DECLS

#define SP_TYPE_OFFER_TABLE (sp_offer_table_get_type ())
G_DECLARE_FINAL_TYPE (SpOfferTable, sp_offer_table, SP, OFFER_TABLE, GObject)

/* Reads every offer of the store database at @path through a read-only
 * connection (sp-offer-table-load.c).  Fails with a translated message
 * when the file is missing, not a Suanpan store or damaged. */
SpOfferTable *sp_offer_table_load          (const char          *path,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* The same in a worker thread. */
void          sp_offer_table_load_async    (const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
SpOfferTable *sp_offer_table_load_finish   (GAsyncResult        *result,
                                            GError             **error);

guint         sp_offer_table_get_n_offers  (SpOfferTable *self);
/* Bytes the table holds (records, arena, shared tables, sort orders) */
gsize         sp_offer_table_get_size      (SpOfferTable *self);

/* One row's fields; texts belong to the table (NULL when absent).
 * The ids are kept front-coded (≈ 10 bytes an offer instead of 36): the
 * first sp_offer_table_get_id () on a table decodes them all once into a
 * copy that lives as long as the table (≈ 36 bytes an offer); readers of
 * many rows use sp_offer_table_copy_id () or sp_offer_table_compare_ids (),
 * which decode only the row's block of 16. */
const char   *sp_offer_table_get_id             (SpOfferTable *self, guint row);
/* Row @row's id into @out (its contents replaced); returns out->str */
const char   *sp_offer_table_copy_id            (SpOfferTable *self, guint row, GString *out);
/* strcmp () of the ids of rows @a and @b */
int           sp_offer_table_compare_ids        (SpOfferTable *self, guint a, guint b);
const char   *sp_offer_table_get_source         (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_vendor_id      (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_vendor_name    (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_vendor_name_zh (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_name           (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_model          (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_gpu_model      (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_region         (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_currency       (SpOfferTable *self, guint row);
/* sp_offer_dup_spec_summary () of the row's offer */
const char   *sp_offer_table_get_spec           (SpOfferTable *self, guint row);
SpOfferKind   sp_offer_table_get_kind           (SpOfferTable *self, guint row);
SpBilling     sp_offer_table_get_billing        (SpOfferTable *self, guint row);
guint         sp_offer_table_get_gpu_count      (SpOfferTable *self, guint row);
guint         sp_offer_table_get_gpu_memory_gb  (SpOfferTable *self, guint row);
SpMoney       sp_offer_table_get_price          (SpOfferTable *self, guint row);
/* tokens: the listed price per 1M input / output tokens */
SpMoney       sp_offer_table_get_input_price    (SpOfferTable *self, guint row);
SpMoney       sp_offer_table_get_output_price   (SpOfferTable *self, guint row);
gint64        sp_offer_table_get_fetched_at     (SpOfferTable *self, guint row);
gboolean      sp_offer_table_get_retired        (SpOfferTable *self, guint row);
gboolean      sp_offer_table_get_demo           (SpOfferTable *self, guint row);

/* A new SpOffer with the fields the table holds (identity, vendor, kind,
 * name, model, spec, region, billing, prices, dates, flags, programmes);
 * not its tiers, variants or sources (read those back from the store by
 * source and id).  For the few rows a view draws or hands out. */
SpOffer      *sp_offer_table_dup_offer          (SpOfferTable *self, guint row);

/* Equivalence groups (sp_offer_dup_group ()): 0 … n-1 */
guint         sp_offer_table_get_n_groups       (SpOfferTable *self);
guint         sp_offer_table_get_group          (SpOfferTable *self, guint row);
const char   *sp_offer_table_get_group_id       (SpOfferTable *self, guint group);
/* sp_offer_dup_group_label () */
const char   *sp_offer_table_get_group_label    (SpOfferTable *self, guint group);

/* What a view lists once per value (dropdowns, column widths) */
typedef enum {
  SP_TABLE_DISTINCT_VENDOR,
  SP_TABLE_DISTINCT_REGION,
  SP_TABLE_DISTINCT_GPU_MODEL,
  SP_TABLE_DISTINCT_BILLING,
} SpTableDistinct;

/* The first row (element type guint, in row order) of each vendor, region,
 * GPU model or billing mode among the rows of @kind (-1: all kinds); rows
 * without a region or a GPU model are left out.  One pass over the records
 * (no hashing): milliseconds for a million. */
GArray       *sp_offer_table_distinct_rows      (SpOfferTable    *self,
                                                 int              kind,
                                                 SpTableDistinct  what);
/* Up to @max rows of @kind (-1: all kinds) spread evenly over the table,
 * and in *@n_of_kind (may be NULL) how many rows it has of that kind */
GArray       *sp_offer_table_sample_rows        (SpOfferTable *self,
                                                 int           kind,
                                                 guint         max,
                                                 guint        *n_of_kind);

/* The row of the offer @id of @source, or FALSE */
gboolean      sp_offer_table_find               (SpOfferTable *self,
                                                 const char   *source,
                                                 const char   *id,
                                                 guint        *row);

G_END_DECLS
