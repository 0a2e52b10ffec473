/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table.c — the catalog as one compact, read-only table: the
 * object, its rows' fields, the scratch offer and the radix sort (building
 * and sealing: sp-offer-table-build.c, loading: sp-offer-table-load.c) */
#include "config.h"

#include <string.h>

#include "sp-offer-private.h"
#include "sp-offer-table-private.h"

G_DEFINE_FINAL_TYPE (SpOfferTable, sp_offer_table, G_TYPE_OBJECT)

guint
sp_offer_table_hash_bytes (gconstpointer data,
                           gsize         len)
{
  const guchar *p = data;
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

/* The ids decoded once for sp_offer_table_get_id (): one after the other
 * in row order, each at offsets[row] */
typedef struct {
  char    *chars;
  guint32 *offsets;
} SpFlatIds;

static void
flat_ids_free (SpFlatIds *flat)
{
  if (flat == NULL)
    return;
  g_free (flat->chars);
  g_free (flat->offsets);
  g_free (flat);
}

static void
sp_offer_table_finalize (GObject *object)
{
  SpOfferTable *self = SP_OFFER_TABLE (object);

  g_free (self->records);
  g_free (self->tokens);
  g_free (self->arena);
  g_free (self->ids);
  g_free (self->id_blocks);
  flat_ids_free ((SpFlatIds *) self->flat_ids);
  g_array_unref (self->texts);
  g_array_unref (self->vendors);
  g_array_unref (self->groups);
  g_array_unref (self->origins);
  g_array_unref (self->shapes);
  g_array_unref (self->fetched_odd);
  g_free (self->by_tie);
  g_free (self->text_collate_rank);
  g_free (self->text_strcmp_rank);
  g_free (self->shape_rank);
  sp_table_builder_free (self->builder);

  G_OBJECT_CLASS (sp_offer_table_parent_class)->finalize (object);
}

static void
sp_offer_table_class_init (SpOfferTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_offer_table_finalize;
}

static void
sp_offer_table_init (SpOfferTable *self)
{
  guint32 none = 0;

  self->cache_generation = -1;
  self->texts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (self->texts, none);
  self->vendors = g_array_new (FALSE, FALSE, sizeof (SpTableVendor));
  self->groups = g_array_new (FALSE, FALSE, sizeof (SpTableGroup));
  self->origins = g_array_new (FALSE, FALSE, sizeof (SpTableOrigin));
  self->shapes = g_array_new (FALSE, FALSE, sizeof (SpTableShape));
  self->fetched_odd = g_array_new (FALSE, FALSE, sizeof (SpFetchedOdd));
}

/* The fetched_at of a row outside [0, G_MAXUINT32): fetched_odd is in row order */
gint64
sp_offer_table_fetched_odd (SpOfferTable *self,
                            guint         row)
{
  guint lo = 0, hi = self->fetched_odd->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const SpFetchedOdd *odd = &g_array_index (self->fetched_odd, SpFetchedOdd, mid);

      if (odd->row == row)
        return odd->value;
      if (odd->row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_return_val_if_reached (0);
}

/* ------------------------------------------------------------ radix sort */

void
sp_radix_init (SpRadix *r,
            guint  n)
{
  r->keys = g_new (guint64, MAX (n, 1u));
  r->tkeys = g_new (guint64, MAX (n, 1u));
  r->trows = g_new (guint32, MAX (n, 1u));
  r->count = g_new (guint, 65536);
}

void
sp_radix_clear (SpRadix *r)
{
  g_free (r->keys);
  g_free (r->tkeys);
  g_free (r->trows);
  g_free (r->count);
}

void
sp_radix_sort (SpRadix *r,
            guint32 *rows,
            guint    n)
{
  guint64 *k = r->keys, *k2 = r->tkeys;
  guint32 *w = rows, *w2 = r->trows;
  guint64 diff = 0;

  if (n < 2)
    return;
  for (guint i = 1; i < n; i++)
    diff |= k[i] ^ k[0];
  for (guint shift = 0; shift < 64; shift += 16)
    {
      guint sum = 0;

      if (((diff >> shift) & 0xffff) == 0)
        continue;
      memset (r->count, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < n; i++)
        r->count[(k[i] >> shift) & 0xffff]++;
      for (guint b = 0; b < 65536; b++)
        {
          guint c = r->count[b];

          r->count[b] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        {
          guint pos = r->count[(k[i] >> shift) & 0xffff]++;

          k2[pos] = k[i];
          w2[pos] = w[i];
        }
      { guint64 *t = k; k = k2; k2 = t; }
      { guint32 *t = w; w = w2; w2 = t; }
    }
  if (w != rows)
    {
      memcpy (rows, w, n * sizeof (guint32));
      r->trows = w2 == rows ? w : w2;
    }
  /* the buffers may have traded places: keep both owned */
  r->keys = k;
  r->tkeys = k2;
  if (r->trows == rows)
    r->trows = w;
}

/* ------------------------------------------------------------ scratch */

SpOffer *
sp_offer_table_scratch_new (void)
{
  return sp_offer_new ();
}

void
sp_offer_table_scratch_free (SpOffer *o)
{
  if (o == NULL)
    return;
  /* borrowed, not owned */
  o->name = o->model = o->gpu_fraction = NULL;
  o->voucher_programmes = NULL;
  g_object_unref (o);
}

void
sp_offer_table_scratch_fill (SpOfferTable  *self,
                             guint          row,
                             SpOffer       *o,
                             char         **programmes)
{
  const SpOfferRecord *r = &self->records[row];
  const SpTableVendor *v = &g_array_index (self->vendors, SpTableVendor, r->vendor);
  const SpTableShape *shape = sp_offer_table_shape (self, row);

  o->kind = r->kind;
  o->billing = r->billing;
  o->vendor_id = sp_offer_table_text (self, v->id);
  o->vendor_name = sp_offer_table_text (self, v->name);
  o->vendor_name_zh = sp_offer_table_text (self, v->name_zh);
  o->name = (char *) sp_offer_table_text (self, r->name);
  o->model = (char *) sp_offer_table_text (self, r->model);
  o->gpu_model = sp_offer_table_text (self, r->gpu_model);
  o->gpu_memory_gb = shape->gpu_memory_gb;
  o->gpu_count = shape->gpu_count;
  o->currency = sp_offer_table_text (self, sp_offer_table_origin (self, row)->currency);
  o->price = r->price;
  o->input_price = sp_offer_table_tokens (self, row)->input_price;
  o->output_price = sp_offer_table_tokens (self, row)->output_price;
  o->cached_input_price = sp_offer_table_tokens (self, row)->cached_input_price;
  o->voucher_programmes = programmes;
}

/* An offer of its own (strings copied or interned) with the fields the
 * table holds: what a view needs for a row it draws or hands out. */
SpOffer *
sp_offer_table_dup_offer (SpOfferTable *self,
                          guint         row)
{
  const SpOfferRecord *r;
  const SpTableVendor *v;
  const SpTableOrigin *origin;
  const SpTableShape *shape;
  SpOffer *o;
  const char *programmes;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (self) && row < self->n_records, NULL);

  r = &self->records[row];
  v = &g_array_index (self->vendors, SpTableVendor, r->vendor);
  origin = sp_offer_table_origin (self, row);
  shape = sp_offer_table_shape (self, row);
  o = sp_offer_new ();
  o->id = g_strdup (sp_offer_table_peek_id (self, row));
  o->source = g_intern_string (sp_offer_table_text (self, origin->source));
  o->vendor_id = g_intern_string (sp_offer_table_text (self, v->id));
  o->vendor_name = g_intern_string (sp_offer_table_text (self, v->name));
  o->vendor_name_zh = g_intern_string (sp_offer_table_text (self, v->name_zh));
  o->kind = r->kind;
  o->billing = r->billing;
  o->name = g_strdup (sp_offer_table_text (self, r->name));
  o->model = g_strdup (sp_offer_table_text (self, r->model));
  o->gpu_model = g_intern_string (sp_offer_table_text (self, r->gpu_model));
  o->gpu_count = shape->gpu_count;
  o->gpu_memory_gb = shape->gpu_memory_gb;
  o->vcpus_milli = shape->vcpus_milli;
  o->ram_mib = shape->ram_mib;
  o->region = g_intern_string (sp_offer_table_text (self, r->region));
  if (origin->currency != 0)
    o->currency = g_intern_string (sp_offer_table_text (self, origin->currency));
  o->price = r->price;
  o->input_price = sp_offer_table_tokens (self, row)->input_price;
  o->output_price = sp_offer_table_tokens (self, row)->output_price;
  o->cached_input_price = sp_offer_table_tokens (self, row)->cached_input_price;
  o->fetched_at = sp_offer_table_fetched_at (self, row);
  o->retired = (r->bits & SP_RECORD_RETIRED) != 0;
  o->demo = (r->bits & SP_RECORD_DEMO) != 0;
  programmes = sp_offer_table_text (self, origin->programmes);
  if (programmes != NULL)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      g_auto(GStrv) parts = NULL;

      /* the store's JSON list of plain ids: ["a","b"] */
      parts = g_strsplit_set (programmes, "[],\" \t\n", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_ptr_array_add (list, g_strdup (parts[i]));
      if (list->len > 0)
        {
          g_ptr_array_add (list, NULL);
          o->voucher_programmes = (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
        }
    }
  return o;
}

/* ------------------------------------------------------------ reading */

guint
sp_offer_table_get_n_offers (SpOfferTable *self)
{
  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), 0);
  return self->n_records;
}

/* The decoded ids' bytes, once sp_offer_table_get_id () made them */
static gsize
flat_ids_size (SpOfferTable *self)
{
  SpFlatIds *flat = (SpFlatIds *) g_atomic_pointer_get (&self->flat_ids);
  guint n = self->n_records;

  if (flat == NULL || n == 0)
    return 0;
  return n * sizeof (guint32) + flat->offsets[n - 1] + strlen (flat->chars + flat->offsets[n - 1]) + 1;
}

gsize
sp_offer_table_get_size (SpOfferTable *self)
{
  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), 0);
  return sizeof *self + (gsize) self->records_cap * sizeof (SpOfferRecord) +
         (gsize) self->tokens_cap * sizeof (SpTokenPrices) + self->arena_cap + self->ids_len +
         ((gsize) self->n_records / SP_ID_BLOCK + 1) * sizeof (guint32) +
         self->texts->len * (sizeof (guint32) * 3) +
         self->vendors->len * sizeof (SpTableVendor) + self->groups->len * sizeof (SpTableGroup) +
         self->origins->len * sizeof (SpTableOrigin) + self->shapes->len * sizeof (SpTableShape) +
         self->fetched_odd->len * sizeof (SpFetchedOdd) +
         self->shapes->len * sizeof (guint32) + (gsize) self->n_records * sizeof (guint32) +
         flat_ids_size (self);
}

#define ROW_OR(val) \
  g_return_val_if_fail (SP_IS_OFFER_TABLE (self) && row < self->n_records, val)

static inline const SpTableVendor *
vendor_of (SpOfferTable *self,
           guint         row)
{
  return &g_array_index (self->vendors, SpTableVendor, self->records[row].vendor);
}

/* Row @row's id into @out: from its block's first id, a step a row */
static const char *
decode_id (SpOfferTable *self,
           guint         row,
           GString      *out)
{
  const guint8 *p = self->ids + self->id_blocks[row / SP_ID_BLOCK];

  g_string_truncate (out, 0);
  for (guint i = row - row % SP_ID_BLOCK; i <= row; i++)
    p = sp_offer_table_id_step (p, out);
  return out->str;
}

static SpFlatIds *
flat_ids_new (SpOfferTable *self)
{
  SpFlatIds *flat = g_new0 (SpFlatIds, 1);
  g_autoptr(GString) id = g_string_new (NULL);
  GString *chars = g_string_sized_new (self->ids_len * 3);
  const guint8 *p = self->ids;

  flat->offsets = g_new (guint32, MAX (self->n_records, 1u));
  for (guint row = 0; row < self->n_records; row++)
    {
      p = sp_offer_table_id_step (p, id);
      g_assert (chars->len <= G_MAXUINT32);
      flat->offsets[row] = (guint32) chars->len;
      g_string_append_len (chars, id->str, (gssize) id->len + 1);
    }
  flat->chars = g_string_free (chars, FALSE);
  return flat;
}

const char *
sp_offer_table_get_id (SpOfferTable *self, guint row)
{
  SpFlatIds *flat;

  ROW_OR (NULL);
  g_return_val_if_fail (self->builder == NULL, NULL);
  /* a pointer that lives as long as the table: the ids decoded once */
  if (g_once_init_enter (&self->flat_ids))
    g_once_init_leave (&self->flat_ids, (gsize) flat_ids_new (self));
  flat = (SpFlatIds *) self->flat_ids;
  return flat->chars + flat->offsets[row];
}

const char *
sp_offer_table_copy_id (SpOfferTable *self, guint row, GString *out)
{
  ROW_OR (NULL);
  g_return_val_if_fail (out != NULL && self->builder == NULL, NULL);
  return decode_id (self, row, out);
}

static void
id_buffers_free (gpointer data)
{
  GString **buf = data;

  g_string_free (buf[0], TRUE);
  g_string_free (buf[1], TRUE);
  g_free (buf);
}

static GPrivate id_buffers = G_PRIVATE_INIT (id_buffers_free);

/* Two buffers of the calling thread */
static GString **
thread_id_buffers (void)
{
  GString **buf = g_private_get (&id_buffers);

  if (buf == NULL)
    {
      buf = g_new (GString *, 2);
      buf[0] = g_string_sized_new (64);
      buf[1] = g_string_sized_new (64);
      g_private_set (&id_buffers, buf);
    }
  return buf;
}

const char *
sp_offer_table_peek_id (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  g_return_val_if_fail (self->builder == NULL, NULL);
  return decode_id (self, row, thread_id_buffers ()[0]);
}

int
sp_offer_table_compare_ids (SpOfferTable *self, guint a, guint b)
{
  GString **buf;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (self) && a < self->n_records && b < self->n_records, 0);
  g_return_val_if_fail (self->builder == NULL, 0);
  if (a == b)
    return 0;
  buf = thread_id_buffers ();
  return strcmp (decode_id (self, a, buf[0]), decode_id (self, b, buf[1]));
}

const char *
sp_offer_table_get_source (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, sp_offer_table_origin (self, row)->source);
}

const char *
sp_offer_table_get_vendor_id (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, vendor_of (self, row)->id);
}

const char *
sp_offer_table_get_vendor_name (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, vendor_of (self, row)->name);
}

const char *
sp_offer_table_get_vendor_name_zh (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, vendor_of (self, row)->name_zh);
}

const char *
sp_offer_table_get_name (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, self->records[row].name);
}

const char *
sp_offer_table_get_model (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, self->records[row].model);
}

const char *
sp_offer_table_get_gpu_model (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, self->records[row].gpu_model);
}

const char *
sp_offer_table_get_region (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, self->records[row].region);
}

const char *
sp_offer_table_get_currency (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, sp_offer_table_origin (self, row)->currency);
}

const char *
sp_offer_table_get_spec (SpOfferTable *self, guint row)
{
  ROW_OR (NULL);
  return sp_offer_table_text (self, self->records[row].spec);
}

SpOfferKind
sp_offer_table_get_kind (SpOfferTable *self, guint row)
{
  ROW_OR (SP_OFFER_KIND_GPU);
  return self->records[row].kind;
}

SpBilling
sp_offer_table_get_billing (SpOfferTable *self, guint row)
{
  ROW_OR (SP_BILLING_UNKNOWN);
  return self->records[row].billing;
}

guint
sp_offer_table_get_gpu_count (SpOfferTable *self, guint row)
{
  ROW_OR (0);
  return sp_offer_table_shape (self, row)->gpu_count;
}

guint
sp_offer_table_get_gpu_memory_gb (SpOfferTable *self, guint row)
{
  ROW_OR (0);
  return sp_offer_table_shape (self, row)->gpu_memory_gb;
}

SpMoney
sp_offer_table_get_price (SpOfferTable *self, guint row)
{
  ROW_OR (SP_MONEY_UNKNOWN);
  return self->records[row].price;
}

SpMoney
sp_offer_table_get_input_price (SpOfferTable *self, guint row)
{
  ROW_OR (SP_MONEY_UNKNOWN);
  return sp_offer_table_tokens (self, row)->input_price;
}

SpMoney
sp_offer_table_get_output_price (SpOfferTable *self, guint row)
{
  ROW_OR (SP_MONEY_UNKNOWN);
  return sp_offer_table_tokens (self, row)->output_price;
}

gint64
sp_offer_table_get_fetched_at (SpOfferTable *self, guint row)
{
  ROW_OR (0);
  return sp_offer_table_fetched_at (self, row);
}

gboolean
sp_offer_table_get_retired (SpOfferTable *self, guint row)
{
  ROW_OR (FALSE);
  return (self->records[row].bits & SP_RECORD_RETIRED) != 0;
}

gboolean
sp_offer_table_get_demo (SpOfferTable *self, guint row)
{
  ROW_OR (FALSE);
  return (self->records[row].bits & SP_RECORD_DEMO) != 0;
}

guint
sp_offer_table_get_n_groups (SpOfferTable *self)
{
  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), 0);
  return self->groups->len;
}

guint
sp_offer_table_get_group (SpOfferTable *self, guint row)
{
  ROW_OR (0);
  return self->records[row].group;
}

const char *
sp_offer_table_get_group_id (SpOfferTable *self, guint group)
{
  g_return_val_if_fail (SP_IS_OFFER_TABLE (self) && group < self->groups->len, NULL);
  return sp_offer_table_text (self, g_array_index (self->groups, SpTableGroup, group).id);
}

const char *
sp_offer_table_get_group_label (SpOfferTable *self, guint group)
{
  g_return_val_if_fail (SP_IS_OFFER_TABLE (self) && group < self->groups->len, NULL);
  return sp_offer_table_text (self, g_array_index (self->groups, SpTableGroup, group).label);
}

gboolean
sp_offer_table_find (SpOfferTable *self,
                     const char   *source,
                     const char   *id,
                     guint        *row)
{
  guint lo = 0, hi;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), FALSE);
  g_return_val_if_fail (source != NULL && id != NULL, FALSE);

  /* rows are in (source, id) byte order, as the store reads them */
  hi = self->n_records;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const char *s = sp_offer_table_text (self, sp_offer_table_origin (self, mid)->source);
      int c = strcmp (s ? s : "", source);

      if (c == 0)
        c = strcmp (sp_offer_table_peek_id (self, mid), id);
      if (c == 0)
        {
          if (row != NULL)
            *row = mid;
          return TRUE;
        }
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

GArray *
sp_offer_table_distinct_rows (SpOfferTable    *self,
                              int              kind,
                              SpTableDistinct  what)
{
  g_autofree guint8 *seen = NULL;
  GArray *rows;
  gsize n_values;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), NULL);

  rows = g_array_new (FALSE, FALSE, sizeof (guint));
  n_values = what == SP_TABLE_DISTINCT_VENDOR ? self->vendors->len
             : what == SP_TABLE_DISTINCT_BILLING ? 256 : self->texts->len;
  seen = g_new0 (guint8, MAX (n_values, (gsize) 1));
  for (guint row = 0; row < self->n_records; row++)
    {
      const SpOfferRecord *r = &self->records[row];
      guint32 value;

      if (kind >= 0 && r->kind != (guint) kind)
        continue;
      switch (what)
        {
        case SP_TABLE_DISTINCT_VENDOR:
          value = r->vendor;
          break;
        case SP_TABLE_DISTINCT_REGION:
          value = r->region;
          break;
        case SP_TABLE_DISTINCT_GPU_MODEL:
          value = r->gpu_model;
          break;
        case SP_TABLE_DISTINCT_BILLING:
        default:
          value = r->billing;
          break;
        }
      /* text 0 is "none" */
      if (value >= n_values || seen[value] ||
          (value == 0 && (what == SP_TABLE_DISTINCT_REGION || what == SP_TABLE_DISTINCT_GPU_MODEL)))
        continue;
      seen[value] = 1;
      g_array_append_val (rows, row);
    }
  return rows;
}

GArray *
sp_offer_table_sample_rows (SpOfferTable *self,
                            int           kind,
                            guint         max,
                            guint        *n_of_kind)
{
  guint count = 0, seen = 0, step;
  GArray *rows;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), NULL);

  for (guint row = 0; row < self->n_records; row++)
    count += kind < 0 || self->records[row].kind == (guint) kind;
  if (n_of_kind != NULL)
    *n_of_kind = count;
  step = MAX (count / MAX (max, 1u), 1u);
  rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), MIN (count, max));
  for (guint row = 0; row < self->n_records && rows->len < max; row++)
    if ((kind < 0 || self->records[row].kind == (guint) kind) && seen++ % step == 0)
      g_array_append_val (rows, row);
  return rows;
}
