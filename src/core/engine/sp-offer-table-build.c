/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-build.c — filling an SpOfferTable while it loads, and
 * sealing it
 *
 * sp_offer_table_append () copies each row's texts into the dictionary (one
 * copy per distinct text, deduplicated through a hash that lives only while
 * loading, and through the previous row's text of the same column first) or,
 * for ids, straight into the arena.  The spec summary and the group of a row
 * depend on a handful of fields, so they are worked out once per distinct
 * combination through the catalog's own functions on a scratch SpOffer.
 * Sealing ranks the texts (collation and byte order), orders the rows by the
 * engine's tie order and ranks the specs, once. */
#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sp-offer-private.h"
#include "sp-offer-table-private.h"
#include "sp-suspicious.h"

typedef struct {
  guint32 kind, host, fraction, gpu_model, gpu_count, gpu_memory_gb, vcpus_milli, ram_mib;
  gint64  context_window;
} SpecKey;

typedef struct {
  guint32 kind, gpu_model, gpu_memory_gb, vendor_id, vendor_name, model, name;
} GroupKey;

/* A table of 12-byte structs (vendors, origins, shapes) built through a
 * hash of them and the previous row's */
typedef struct {
  GHashTable *index;         /* struct (copy) → array index + 1 */
  guint32     last;          /* the previous row's array index + 1 */
  guint32     last_key[3];
} SpDict12;

struct _SpTableBuilder
{
  GHashTable *text_index;    /* owned copy → index */
  SpDict12    vendors;       /* SpTableVendor */
  SpDict12    origins;       /* SpTableOrigin */
  SpDict12    shapes;        /* SpTableShape */
  GHashTable *spec_index;    /* SpecKey (copy) → text index */
  GHashTable *group_index;   /* GroupKey (copy) → group index + 1 */
  GHashTable *group_ids;     /* group id text index → group index + 1 */
  GHashTable *ambiguous;     /* gpu model text index → 1 + ambiguous */
  guint32     last[16];      /* per column slot: the previous row's text index */
  SpecKey     last_spec;     /* the previous row's spec and group keys and values */
  guint32     last_spec_index;
  GroupKey    last_group;
  guint32     last_group_index;
  GString    *ids;           /* the ids as read, NUL-terminated (encoded at sealing) */
  GArray     *id_at;         /* guint32 per row: its id's offset in ids */
  guint8     *collate_use;   /* per text: ranked by collation (names, labels) */
  gsize       collate_cap;
  SpOffer    *scratch;
};

static guint spec_hash (gconstpointer k) { return sp_offer_table_hash_bytes (k, sizeof (SpecKey)); }
static gboolean spec_equal (gconstpointer a, gconstpointer b) { return memcmp (a, b, sizeof (SpecKey)) == 0; }
static guint group_hash (gconstpointer k) { return sp_offer_table_hash_bytes (k, sizeof (GroupKey)); }
static gboolean group_equal (gconstpointer a, gconstpointer b) { return memcmp (a, b, sizeof (GroupKey)) == 0; }
static guint dict12_hash (gconstpointer k) { return sp_offer_table_hash_bytes (k, 12); }
static gboolean dict12_equal (gconstpointer a, gconstpointer b) { return memcmp (a, b, 12) == 0; }

G_STATIC_ASSERT (sizeof (SpTableVendor) == 12 && sizeof (SpTableOrigin) == 12 &&
                 sizeof (SpTableShape) == 12);

static void
dict12_init (SpDict12 *d)
{
  d->index = g_hash_table_new_full (dict12_hash, dict12_equal, g_free, NULL);
}

/* The index of @key (12 bytes) in @array, appended when new */
static guint32
dict12_index (SpDict12      *d,
              GArray        *array,
              gconstpointer  key)
{
  gpointer value;

  if (d->last != 0 && memcmp (key, d->last_key, 12) == 0)
    return d->last - 1;
  value = g_hash_table_lookup (d->index, key);
  if (value == NULL)
    {
      g_array_append_vals (array, key, 1);
      value = GUINT_TO_POINTER (array->len);
      g_hash_table_insert (d->index, g_memdup2 (key, 12), value);
    }
  d->last = GPOINTER_TO_UINT (value);
  memcpy (d->last_key, key, 12);
  return d->last - 1;
}

void
sp_table_builder_free (SpTableBuilder *b)
{
  if (b == NULL)
    return;
  g_hash_table_unref (b->text_index);
  g_hash_table_unref (b->vendors.index);
  g_hash_table_unref (b->origins.index);
  g_hash_table_unref (b->shapes.index);
  g_hash_table_unref (b->spec_index);
  g_hash_table_unref (b->group_index);
  g_hash_table_unref (b->group_ids);
  g_hash_table_unref (b->ambiguous);
  g_string_free (b->ids, TRUE);
  g_array_unref (b->id_at);
  g_free (b->collate_use);
  g_clear_pointer (&b->scratch, sp_offer_table_scratch_free);
  g_free (b);
}

/* ------------------------------------------------------------ building */

SpOfferTable *
sp_offer_table_new_building (void)
{
  SpOfferTable *self = g_object_new (SP_TYPE_OFFER_TABLE, NULL);
  SpTableBuilder *b = g_new0 (SpTableBuilder, 1);

  b->text_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dict12_init (&b->vendors);
  dict12_init (&b->origins);
  dict12_init (&b->shapes);
  b->spec_index = g_hash_table_new_full (spec_hash, spec_equal, g_free, NULL);
  b->group_index = g_hash_table_new_full (group_hash, group_equal, g_free, NULL);
  b->group_ids = g_hash_table_new (NULL, NULL);
  b->ambiguous = g_hash_table_new (NULL, NULL);
  b->scratch = sp_offer_table_scratch_new ();
  b->ids = g_string_sized_new (4096);
  b->id_at = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->builder = b;
  return self;
}

static guint32
arena_add (SpOfferTable *self,
           const char   *text)
{
  gsize len = strlen (text) + 1;
  guint32 offset;

  if (self->arena_len + len > self->arena_cap)
    {
      self->arena_cap = MAX (self->arena_cap * 3 / 2, self->arena_len + len + 4096);
      self->arena = g_realloc (self->arena, self->arena_cap);
    }
  g_assert (self->arena_len + len <= G_MAXUINT32);
  offset = (guint32) self->arena_len;
  memcpy (self->arena + offset, text, len);
  self->arena_len += len;
  return offset;
}

/* The dictionary index of @text (0 for NULL); @collate: it is ranked by
 * collation (sorted on) */
static guint32
text_index (SpOfferTable *self,
            const char   *text,
            gboolean      collate)
{
  SpTableBuilder *b = self->builder;
  gpointer value;
  guint32 index;

  if (text == NULL)
    return 0;
  if (g_hash_table_lookup_extended (b->text_index, text, NULL, &value))
    index = GPOINTER_TO_UINT (value);
  else
    {
      guint32 offset = arena_add (self, text);

      index = self->texts->len;
      g_array_append_val (self->texts, offset);
      g_hash_table_insert (b->text_index, g_strdup (text), GUINT_TO_POINTER (index));
    }
  if (collate)
    {
      if (index >= b->collate_cap)
        {
          gsize cap = MAX (b->collate_cap * 2, (gsize) index + 1024);

          b->collate_use = g_realloc (b->collate_use, cap);
          memset (b->collate_use + b->collate_cap, 0, cap - b->collate_cap);
          b->collate_cap = cap;
        }
      b->collate_use[index] = 1;
    }
  return index;
}

enum {
  SLOT_SOURCE, SLOT_NAME, SLOT_MODEL, SLOT_GPU, SLOT_REGION, SLOT_CURRENCY, SLOT_PROGRAMMES,
  SLOT_VENDOR_ID, SLOT_VENDOR_NAME, SLOT_VENDOR_ZH, SLOT_HOST, SLOT_FRACTION,
};

/* text_index () through the previous row's text of the same column:
 * neighbours in the store's order share most of them */
static guint32
col_index (SpOfferTable *self,
           guint         slot,
           const char   *text,
           gboolean      collate)
{
  guint32 *last = &self->builder->last[slot];

  if (text == NULL)
    return 0;
  if (*last != 0 && strcmp (sp_offer_table_text (self, *last), text) == 0)
    return *last;
  *last = text_index (self, text, collate);
  return *last;
}

static guint32
vendor_index (SpOfferTable     *self,
              const SpOfferRow *row)
{
  SpTableVendor v = {
    col_index (self, SLOT_VENDOR_ID, row->vendor_id, FALSE),
    col_index (self, SLOT_VENDOR_NAME, row->vendor_name, TRUE),
    col_index (self, SLOT_VENDOR_ZH, row->vendor_name_zh, FALSE),
  };

  return dict12_index (&self->builder->vendors, self->vendors, &v);
}

static guint32
origin_index (SpOfferTable     *self,
              const SpOfferRow *row)
{
  SpTableOrigin o = {
    col_index (self, SLOT_SOURCE, row->source, FALSE),
    col_index (self, SLOT_CURRENCY, row->currency, FALSE),
    col_index (self, SLOT_PROGRAMMES, row->programmes, FALSE),
  };

  return dict12_index (&self->builder->origins, self->origins, &o);
}

static guint32
shape_index (SpOfferTable     *self,
             const SpOfferRow *row)
{
  SpTableShape s = {
    row->vcpus_milli, row->ram_mib,
    (guint16) MIN (row->gpu_count, (guint) G_MAXUINT16),
    (guint16) MIN (row->gpu_memory_gb, (guint) G_MAXUINT16),
  };

  return dict12_index (&self->builder->shapes, self->shapes, &s);
}

static guint32
fetched_index (SpOfferTable *self,
               gint64        fetched_at)
{
  SpFetchedOdd odd = { fetched_at, self->n_records };

  if (fetched_at >= 0 && fetched_at < SP_RECORD_FETCHED_ODD)
    return (guint32) fetched_at;
  g_array_append_val (self->fetched_odd, odd);
  return SP_RECORD_FETCHED_ODD;
}

/* The scratch offer with the fields of @row that the spec and the group read */
static SpOffer *
scratch_for_row (SpOfferTable     *self,
                 const SpOfferRow *row)
{
  SpOffer *o = self->builder->scratch;

  o->kind = row->kind;
  o->vendor_id = row->vendor_id;
  o->vendor_name = row->vendor_name;
  o->name = (char *) row->name;
  o->model = (char *) row->model;
  o->gpu_model = row->gpu_model;
  o->gpu_count = row->gpu_count;
  o->gpu_memory_gb = row->gpu_memory_gb;
  o->vcpus_milli = row->vcpus_milli;
  o->ram_mib = row->ram_mib;
  o->context_window = row->context_window;
  o->gpu_fraction = (char *) row->gpu_fraction;
  o->host = row->host;
  return o;
}

static guint32
spec_index (SpOfferTable     *self,
            const SpOfferRow *row,
            const SpOfferRecord *r)
{
  SpecKey key;
  gpointer value;
  g_autofree char *spec = NULL;
  guint32 index;

  memset (&key, 0, sizeof key);
  key.kind = r->kind;
  key.host = col_index (self, SLOT_HOST, row->host, FALSE);
  key.fraction = col_index (self, SLOT_FRACTION, row->gpu_fraction, FALSE);
  key.gpu_model = r->gpu_model;
  key.gpu_count = row->gpu_count;
  key.gpu_memory_gb = row->gpu_memory_gb;
  key.vcpus_milli = row->vcpus_milli;
  key.ram_mib = row->ram_mib;
  key.context_window = row->kind == SP_OFFER_KIND_TOKENS ? row->context_window : 0;
  if (self->builder->last_spec_index != 0 && memcmp (&key, &self->builder->last_spec, sizeof key) == 0)
    return self->builder->last_spec_index;
  if (g_hash_table_lookup_extended (self->builder->spec_index, &key, NULL, &value))
    index = GPOINTER_TO_UINT (value);
  else
    {
      spec = sp_offer_dup_spec_summary (scratch_for_row (self, row));
      index = text_index (self, spec, FALSE);
      g_hash_table_insert (self->builder->spec_index, g_memdup2 (&key, sizeof key),
                           GUINT_TO_POINTER (index));
    }
  self->builder->last_spec = key;
  self->builder->last_spec_index = index;
  return index;
}

static guint32
group_index (SpOfferTable        *self,
             const SpOfferRow    *row,
             const SpOfferRecord *r)
{
  GroupKey key;
  gpointer value;
  SpTableGroup group;
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  SpOffer *o;

  memset (&key, 0, sizeof key);
  key.kind = r->kind;
  if (r->kind == SP_OFFER_KIND_GPU)
    {
      key.gpu_model = r->gpu_model;
      key.gpu_memory_gb = MIN (row->gpu_memory_gb, (guint) G_MAXUINT16);
    }
  else if (r->kind == SP_OFFER_KIND_CPU)
    {
      key.vendor_id = g_array_index (self->vendors, SpTableVendor, r->vendor).id;
      key.vendor_name = g_array_index (self->vendors, SpTableVendor, r->vendor).name;
    }
  else
    {
      key.model = r->model;
      key.name = r->name;
    }
  if (self->builder->last_group_index != 0 && memcmp (&key, &self->builder->last_group, sizeof key) == 0)
    return self->builder->last_group_index - 1;
  self->builder->last_group = key;
  value = g_hash_table_lookup (self->builder->group_index, &key);
  if (value != NULL)
    {
      self->builder->last_group_index = GPOINTER_TO_UINT (value);
      return GPOINTER_TO_UINT (value) - 1;
    }

  o = scratch_for_row (self, row);
  id = sp_offer_dup_group (o);
  group.id = text_index (self, id, FALSE);
  /* different keys may give one group ("openai/gpt-4o" and "gpt-4o") */
  value = g_hash_table_lookup (self->builder->group_ids, GUINT_TO_POINTER (group.id));
  if (value == NULL)
    {
      label = sp_offer_dup_group_label (o);
      group.label = text_index (self, label, TRUE);
      group.kind = r->kind;
      g_array_append_val (self->groups, group);
      value = GUINT_TO_POINTER (self->groups->len);
      g_hash_table_insert (self->builder->group_ids, GUINT_TO_POINTER (group.id), value);
    }
  g_hash_table_insert (self->builder->group_index, g_memdup2 (&key, sizeof key), value);
  self->builder->last_group_index = GPOINTER_TO_UINT (value);
  return GPOINTER_TO_UINT (value) - 1;
}

static gboolean
ambiguous (SpOfferTable *self,
           guint32       gpu_model,
           const char   *text)
{
  gpointer value = g_hash_table_lookup (self->builder->ambiguous, GUINT_TO_POINTER (gpu_model));

  if (value == NULL)
    {
      value = GUINT_TO_POINTER (1 + (sp_gpu_model_is_ambiguous (text) ? 1 : 0));
      g_hash_table_insert (self->builder->ambiguous, GUINT_TO_POINTER (gpu_model), value);
    }
  return GPOINTER_TO_UINT (value) == 2;
}

void
sp_offer_table_append (SpOfferTable     *self,
                       const SpOfferRow *row)
{
  SpOfferRecord *r;

  g_return_if_fail (SP_IS_OFFER_TABLE (self));
  g_return_if_fail (self->builder != NULL);
  g_return_if_fail (row != NULL && row->id != NULL);

  if (self->n_records == self->records_cap)
    {
      self->records_cap = MAX (self->records_cap * 3 / 2, 1024u);
      self->records = g_renew (SpOfferRecord, self->records, self->records_cap);
    }
  r = &self->records[self->n_records];
  memset (r, 0, sizeof *r);
  r->price = row->price;
  if (row->kind == SP_OFFER_KIND_TOKENS || row->input_price != SP_MONEY_UNKNOWN ||
      row->output_price != SP_MONEY_UNKNOWN || row->cached_input_price != SP_MONEY_UNKNOWN)
    {
      if (self->n_tokens == self->tokens_cap)
        {
          self->tokens_cap = MAX (self->tokens_cap * 3 / 2, 256u);
          self->tokens = g_renew (SpTokenPrices, self->tokens, self->tokens_cap);
        }
      self->tokens[self->n_tokens++] = (SpTokenPrices) { row->input_price, row->output_price,
                                                         row->cached_input_price };
      r->token = self->n_tokens;
    }
  r->fetched_at = fetched_index (self, row->fetched_at);
  {
    SpTableBuilder *b = self->builder;
    guint32 at = (guint32) b->ids->len;

    g_assert (b->ids->len + strlen (row->id) < G_MAXUINT32);
    g_string_append_len (b->ids, row->id, (gssize) strlen (row->id) + 1);
    g_array_append_val (b->id_at, at);
  }
  r->origin = origin_index (self, row);
  r->name = col_index (self, SLOT_NAME, row->name, TRUE);
  r->model = col_index (self, SLOT_MODEL, row->model, FALSE);
  r->gpu_model = col_index (self, SLOT_GPU, row->gpu_model, FALSE);
  r->region = col_index (self, SLOT_REGION, row->region, FALSE);
  r->vendor = vendor_index (self, row);
  r->shape = shape_index (self, row);
  r->kind = (guint8) row->kind;
  r->billing = (guint8) row->billing;
  r->bits = (row->retired ? SP_RECORD_RETIRED : 0) | (row->demo ? SP_RECORD_DEMO : 0);
  if (row->kind == SP_OFFER_KIND_GPU && row->gpu_model != NULL &&
      ambiguous (self, r->gpu_model, row->gpu_model))
    r->bits |= SP_RECORD_AMBIGUOUS;
  if (sp_offer_table_is_ascii (row->id))
    r->bits |= SP_RECORD_ASCII_ID;
  r->spec = spec_index (self, row, r);
  r->group = group_index (self, row, r);
  self->n_records++;
}

/* ------------------------------------------------------------ sealing */

typedef struct {
  char    *key;
  guint32  index;
} RankItem;

static int
rank_item_cmp (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const RankItem *) a)->key, ((const RankItem *) b)->key);
}

/* Dense ranks of the texts marked in @use (all when NULL) by @keyfunc order
 * (collation keys, or the texts themselves); texts not ranked get @missing */
static guint32 *
rank_texts (SpOfferTable *self,
            const guint8 *use,
            gsize         use_len,
            gboolean      collate,
            guint32       missing)
{
  guint n = self->texts->len;
  guint32 *ranks = g_new (guint32, n);
  GArray *items = g_array_new (FALSE, FALSE, sizeof (RankItem));
  guint32 rank = 0;

  for (guint i = 0; i < n; i++)
    ranks[i] = missing;
  for (guint i = 1; i < n; i++)
    {
      RankItem item;

      if (use != NULL && (i >= use_len || !use[i]))
        continue;
      item.index = i;
      item.key = collate ? g_utf8_collate_key (sp_offer_table_text (self, i), -1)
                         : (char *) sp_offer_table_text (self, i);
      g_array_append_val (items, item);
    }
  g_array_sort (items, rank_item_cmp);
  for (guint i = 0; i < items->len; i++)
    {
      RankItem *item = &g_array_index (items, RankItem, i);

      if (i > 0 && strcmp (item->key, g_array_index (items, RankItem, i - 1).key) != 0)
        rank++;
      ranks[item->index] = rank + (collate ? 0 : 1);
    }
  if (collate)
    for (guint i = 0; i < items->len; i++)
      g_free (g_array_index (items, RankItem, i).key);
  g_array_unref (items);
  return ranks;
}

/* While sealing: the ids as read */
static inline const char *
plain_id (SpOfferTable *table,
          guint32       row)
{
  SpTableBuilder *b = table->builder;

  return b->ids->str + g_array_index (b->id_at, guint32, row);
}

static inline int
id_cmp (SpOfferTable *table,
        guint32       a,
        guint32       b)
{
  return strcmp (plain_id (table, a), plain_id (table, b));
}

/* @n rows in id order (strcmp), equal ids in load order: a natural merge
 * sort.  The store reads each source's rows in id order, so the runs are
 * the sources (one run, no comparison but the n - 1 that find it, for one
 * source); rows in any other order are sorted all the same. */
static guint32 *
rows_by_id (SpOfferTable *self)
{
  guint n = self->n_records;
  guint32 *rows = g_new (guint32, MAX (n, 1u));
  guint32 *tmp;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint));  /* run starts, then n */

  for (guint i = 0; i < n; i++)
    {
      rows[i] = i;
      if (i == 0 || id_cmp (self, i - 1, i) > 0)
        g_array_append_val (runs, i);
    }
  g_array_append_val (runs, n);
  if (runs->len <= 2)
    return rows;
  tmp = g_new (guint32, n);
  while (runs->len > 2)
    {
      guint out = 0;

      /* merge runs 2k and 2k + 1 into tmp; the left one wins ties (stable) */
      for (guint k = 0; k + 1 < runs->len; k += 2)
        {
          guint a = g_array_index (runs, guint, k);
          guint mid = g_array_index (runs, guint, k + 1);
          guint end = k + 2 < runs->len ? g_array_index (runs, guint, k + 2) : mid;
          guint b = mid, o = a;

          while (a < mid && b < end)
            tmp[o++] = id_cmp (self, rows[b], rows[a]) < 0 ? rows[b++] : rows[a++];
          while (a < mid)
            tmp[o++] = rows[a++];
          while (b < end)
            tmp[o++] = rows[b++];
          g_array_index (runs, guint, out++) = g_array_index (runs, guint, k);
        }
      g_array_index (runs, guint, out++) = n;
      g_array_set_size (runs, out);
      {
        guint32 *swap = rows;

        rows = tmp;
        tmp = swap;
      }
    }
  g_free (tmp);
  return rows;
}

/* The tie order: name, vendor name (collation, missing last), id, load
 * order — the rows in id order (rows_by_id ()), then one stable radix
 * sort by name and vendor */
static void
order_ties (SpOfferTable *self,
            SpRadix      *radix)
{
  guint n = self->n_records;

  self->by_tie = rows_by_id (self);
  for (guint i = 0; i < n; i++)
    {
      const SpOfferRecord *r = &self->records[self->by_tie[i]];
      const SpTableVendor *v = &g_array_index (self->vendors, SpTableVendor, r->vendor);

      radix->keys[i] = ((guint64) self->text_collate_rank[r->name] << 32) |
                       self->text_collate_rank[v->name];
    }
  sp_radix_sort (radix, self->by_tie, n);
}

/* Dense ranks of the shapes by GPU memory, GPU count, vCPUs, RAM: a sort
 * by spec is one key, the kind then this rank (per shape, not per row) */
static int
shape_cmp (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  const SpTableShape *x = &g_array_index ((GArray *) user_data, SpTableShape, *(const guint32 *) a);
  const SpTableShape *y = &g_array_index ((GArray *) user_data, SpTableShape, *(const guint32 *) b);

  if (x->gpu_memory_gb != y->gpu_memory_gb)
    return x->gpu_memory_gb < y->gpu_memory_gb ? -1 : 1;
  if (x->gpu_count != y->gpu_count)
    return x->gpu_count < y->gpu_count ? -1 : 1;
  if (x->vcpus_milli != y->vcpus_milli)
    return x->vcpus_milli < y->vcpus_milli ? -1 : 1;
  if (x->ram_mib != y->ram_mib)
    return x->ram_mib < y->ram_mib ? -1 : 1;
  return 0;
}

static void
rank_shapes (SpOfferTable *self)
{
  guint n = self->shapes->len;
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1u));
  guint32 rank = 0;

  self->shape_rank = g_new (guint32, MAX (n, 1u));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint32), shape_cmp, self->shapes);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && shape_cmp (&order[i - 1], &order[i], self->shapes) != 0)
        rank++;
      self->shape_rank[order[i]] = rank;
    }
  /* the kind goes just above the ranks: one 16-bit radix pass for a few
   * thousand shapes */
  while (rank >> self->shape_rank_bits != 0)
    self->shape_rank_bits++;
}

static guint8 *
ids_reserve (SpOfferTable *self,
             gsize         more,
             gsize        *cap)
{
  if (self->ids_len + more > *cap)
    {
      *cap = MAX (*cap * 3 / 2, self->ids_len + more + 4096);
      self->ids = g_realloc (self->ids, *cap);
    }
  return self->ids + self->ids_len;
}

static guint8 *
put_varint (guint8 *p,
            gsize   v)
{
  /* 7 bits a byte, the high bit: more follow */
  do
    {
      *p++ = (guint8) ((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
      v >>= 7;
    }
  while (v != 0);
  return p;
}

/* The ids as read, front-coded (SP_ID_BLOCK): neighbours in the store's
 * (source, id) order share most of theirs */
static void
encode_ids (SpOfferTable *self)
{
  guint n = self->n_records;
  gsize cap = self->builder->ids->len / 3 + 4096;
  const char *prev = "";

  self->ids = g_malloc (cap);
  self->ids_len = 0;
  self->id_blocks = g_new0 (guint32, n / SP_ID_BLOCK + 1);
  for (guint row = 0; row < n; row++)
    {
      const char *id = plain_id (self, row);
      gsize prefix = 0, rest, shared;
      guint8 *p;

      if (row % SP_ID_BLOCK == 0)
        {
          g_assert (self->ids_len <= G_MAXUINT32);
          self->id_blocks[row / SP_ID_BLOCK] = (guint32) self->ids_len;
        }
      else
        while (prev[prefix] != '\0' && prev[prefix] == id[prefix])
          prefix++;
      shared = prefix;
      rest = strlen (id + shared);
      p = ids_reserve (self, rest + 20, &cap);
      p = put_varint (p, shared);
      p = put_varint (p, rest);
      memcpy (p, id + shared, rest);
      self->ids_len = (gsize) (p - self->ids) + rest;
      prev = id;
    }
  /* SP_ID_PAD zero bytes after the last */
  ids_reserve (self, SP_ID_PAD, &cap);
  memset (self->ids + self->ids_len, 0, SP_ID_PAD);
  self->ids = g_realloc (self->ids, self->ids_len + SP_ID_PAD);
}

void
sp_offer_table_seal (SpOfferTable *self)
{
  SpTableBuilder *b;
  SpRadix radix;

  g_return_if_fail (SP_IS_OFFER_TABLE (self));
  g_return_if_fail (self->builder != NULL);

  b = self->builder;
  self->text_collate_rank = rank_texts (self, b->collate_use, b->collate_cap, TRUE, G_MAXUINT32);
  self->text_strcmp_rank = rank_texts (self, NULL, 0, FALSE, 0);

  sp_radix_init (&radix, self->n_records);
  order_ties (self, &radix);
  sp_radix_clear (&radix);
  encode_ids (self);
  g_clear_pointer (&self->builder, sp_table_builder_free);
  rank_shapes (self);

  /* give back what the growth left over */
  self->records = g_renew (SpOfferRecord, self->records, MAX (self->n_records, 1u));
  self->records_cap = self->n_records;
  self->tokens = g_renew (SpTokenPrices, self->tokens, MAX (self->n_tokens, 1u));
  self->tokens_cap = self->n_tokens;
  self->arena = g_realloc (self->arena, MAX (self->arena_len, (gsize) 1));
  self->arena_cap = self->arena_len;
#ifdef __GLIBC__
  /* the loading hashes are gone: give their pages back */
  malloc_trim (0);
#endif
}
