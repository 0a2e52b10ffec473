/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-cache.c — the sealed SpOfferTable as one buffer and back
 *
 * Like GNOME Software's compiled AppStream silo: once a table is built from
 * the offers rows, the store service keeps it serialized in the same
 * database (offer_table_cache, schema 9); the next load reads that one
 * BLOB in the same snapshot as the rows would be and copies its sections
 * into the table's arrays, with no work per row but the checks.  The blob
 * is untrusted input (a corrupted file, a hand-edited row): every count,
 * offset and index is checked, and a blob that fails is a miss. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-offer-table-cache.h"
#include "sp-offer-table-private.h"
#include "sp-store-offer-rows.h"

#define MAGIC 0x544f5053u /* "SPOT" */

typedef struct {
  guint32 magic, version;
  guint64 n_records, n_tokens, arena_len, ids_len, n_texts, n_vendors, n_groups,
          n_origins, n_shapes, n_odd, shape_rank_bits;
} Header;

typedef struct {
  gint64  value;
  guint32 row, zero;
} OddOut;

char *
sp_offer_table_cache_key (void)
{
  const char *collate = setlocale (LC_COLLATE, NULL);
  const char *messages = setlocale (LC_MESSAGES, NULL);
  g_autofree char *languages = g_strjoinv (":", (char **) g_get_language_names ());

  return g_strdup_printf ("v%d rec%u %s %s collate=%s messages=%s languages=%s",
                          SP_OFFER_TABLE_CACHE_FORMAT, (guint) sizeof (SpOfferRecord),
                          G_BYTE_ORDER == G_LITTLE_ENDIAN ? "le" : "be", PACKAGE_VERSION,
                          collate != NULL ? collate : "", messages != NULL ? messages : "",
                          languages);
}

gboolean
sp_offer_table_is_cached (SpOfferTable *self)
{
  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), FALSE);
  return self->from_cache;
}

/* ------------------------------------------------------------ writing */

static void
put (GByteArray    *out,
     gconstpointer  data,
     gsize          len)
{
  static const guint8 zeros[8] = { 0 };

  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
  if (out->len % 8 != 0)
    g_byte_array_append (out, zeros, 8 - out->len % 8);
}

GBytes *
sp_offer_table_serialize (SpOfferTable *self)
{
  Header h = { 0 };
  GByteArray *out;
  guint n;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), NULL);
  g_return_val_if_fail (self->builder == NULL, NULL);

  n = self->n_records;
  h.magic = MAGIC;
  h.version = SP_OFFER_TABLE_CACHE_FORMAT;
  h.n_records = n;
  h.n_tokens = self->n_tokens;
  h.arena_len = self->arena_len;
  h.ids_len = self->ids_len;
  h.n_texts = self->texts->len;
  h.n_vendors = self->vendors->len;
  h.n_groups = self->groups->len;
  h.n_origins = self->origins->len;
  h.n_shapes = self->shapes->len;
  h.n_odd = self->fetched_odd->len;
  h.shape_rank_bits = self->shape_rank_bits;

  out = g_byte_array_sized_new ((guint) (sizeof h + (gsize) n * (sizeof (SpOfferRecord) + 8) +
                                         self->arena_len + self->ids_len + 4096));
  put (out, &h, sizeof h);
  put (out, self->records, (gsize) n * sizeof (SpOfferRecord));
  put (out, self->tokens, (gsize) self->n_tokens * sizeof (SpTokenPrices));
  put (out, self->arena, self->arena_len);
  put (out, self->ids, self->ids_len);
  put (out, self->id_blocks, (gsize) (n / SP_ID_BLOCK + 1) * sizeof (guint32));
  put (out, self->texts->data, (gsize) self->texts->len * sizeof (guint32));
  put (out, self->vendors->data, (gsize) self->vendors->len * sizeof (SpTableVendor));
  put (out, self->groups->data, (gsize) self->groups->len * sizeof (SpTableGroup));
  put (out, self->origins->data, (gsize) self->origins->len * sizeof (SpTableOrigin));
  put (out, self->shapes->data, (gsize) self->shapes->len * sizeof (SpTableShape));
  for (guint i = 0; i < self->fetched_odd->len; i++)
    {
      const SpFetchedOdd *odd = &g_array_index (self->fetched_odd, SpFetchedOdd, i);
      OddOut o = { odd->value, odd->row, 0 };

      g_byte_array_append (out, (const guint8 *) &o, sizeof o);
    }
  put (out, self->by_tie, (gsize) n * sizeof (guint32));
  put (out, self->text_collate_rank, (gsize) self->texts->len * sizeof (guint32));
  put (out, self->text_strcmp_rank, (gsize) self->texts->len * sizeof (guint32));
  put (out, self->shape_rank, (gsize) self->shapes->len * sizeof (guint32));
  return g_byte_array_free_to_bytes (out);
}

/* ------------------------------------------------------------ reading */

typedef struct {
  const guint8 *p;
  gsize         left;
  gboolean      ok;
} Cursor;

/* The next section of @count items of @size bytes (8-byte padded), or NULL
 * (and the cursor failed) when the blob is shorter */
static const guint8 *
take (Cursor  *c,
      guint64  count,
      gsize    size)
{
  const guint8 *at = c->p;
  gsize len, padded;

  if (!c->ok || (size > 0 && count > c->left / size))
    {
      c->ok = FALSE;
      return NULL;
    }
  len = (gsize) count * size;
  padded = len % 8 == 0 ? len : len + 8 - len % 8;
  if (padded > c->left)
    {
      c->ok = FALSE;
      return NULL;
    }
  c->p += padded;
  c->left -= padded;
  return at;
}

static gpointer
take_copy (Cursor  *c,
           guint64  count,
           gsize    size,
           gsize    extra)
{
  const guint8 *at = take (c, count, size);
  guint8 *copy;

  if (at == NULL)
    return NULL;
  copy = g_malloc ((gsize) count * size + extra + 1);
  memcpy (copy, at, (gsize) count * size);
  memset (copy + (gsize) count * size, 0, extra + 1);
  return copy;
}

static gboolean
take_array (Cursor  *c,
            GArray  *array,
            guint64  count,
            gsize    size)
{
  const guint8 *at = take (c, count, size);

  g_array_set_size (array, 0);
  if (at == NULL)
    return FALSE;
  g_array_append_vals (array, at, (guint) count);
  return TRUE;
}

/* LEB128 with bounds: FALSE past @end or beyond 32 bits */
static gboolean
varint (const guint8 **p,
        const guint8  *end,
        gsize         *out)
{
  gsize v = 0;

  for (guint shift = 0; shift < 35; shift += 7)
    {
      guint8 b;

      if (*p >= end)
        return FALSE;
      b = *(*p)++;
      v |= (gsize) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        {
          *out = v;
          return v <= G_MAXUINT32;
        }
    }
  return FALSE;
}

static gboolean
text_ok (SpOfferTable *t,
         guint32       index)
{
  return index < t->texts->len;
}

/* The ids decode within their bytes, start afresh where id_blocks says,
 * are UTF-8, and the ASCII bits say the truth */
static gboolean
check_ids (SpOfferTable *t)
{
  const guint8 *p = t->ids, *end = t->ids + t->ids_len;
  g_autoptr(GString) id = g_string_new (NULL);

  for (guint row = 0; row < t->n_records; row++)
    {
      gsize prefix, len;
      gboolean ascii;

      if (row % SP_ID_BLOCK == 0 &&
          (gsize) (p - t->ids) != t->id_blocks[row / SP_ID_BLOCK])
        return FALSE;
      if (!varint (&p, end, &prefix) || !varint (&p, end, &len) ||
          prefix > id->len || (row % SP_ID_BLOCK == 0 && prefix != 0) ||
          len > (gsize) (end - p))
        return FALSE;
      g_string_truncate (id, prefix);
      g_string_append_len (id, (const char *) p, (gssize) len);
      p += len;
      if (memchr (id->str, '\0', id->len) != NULL || !g_utf8_validate (id->str, (gssize) id->len, NULL))
        return FALSE;
      ascii = sp_offer_table_is_ascii (id->str);
      if (ascii != ((t->records[row].bits & SP_RECORD_ASCII_ID) != 0))
        return FALSE;
    }
  return p == end;
}

static gboolean
check_texts (SpOfferTable *t)
{
  const char *p = t->arena, *end = t->arena + t->arena_len;

  if (t->texts->len < 1 || (t->arena_len > 0 && t->arena[t->arena_len - 1] != '\0'))
    return FALSE;
  for (guint i = 1; i < t->texts->len; i++)
    {
      guint32 at = g_array_index (t->texts, guint32, i);

      /* inside the arena, at the start of a character */
      if (at >= t->arena_len || ((guchar) t->arena[at] & 0xc0) == 0x80)
        return FALSE;
    }
  while (p < end)
    {
      const char *stop;

      if (!g_utf8_validate (p, -1, &stop))
        return FALSE;     /* stops at a NUL the arena ends with */
      p = stop + 1;
    }
  return TRUE;
}

static gboolean
check_records (SpOfferTable *t)
{
  guint n_odd = 0;

  for (guint row = 0; row < t->n_records; row++)
    {
      const SpOfferRecord *r = &t->records[row];

      if (!text_ok (t, r->name) || !text_ok (t, r->model) || !text_ok (t, r->gpu_model) ||
          !text_ok (t, r->region) || !text_ok (t, r->spec) ||
          r->vendor >= t->vendors->len || r->group >= t->groups->len ||
          r->token > t->n_tokens || r->origin >= t->origins->len ||
          r->shape >= t->shapes->len || r->kind > SP_OFFER_KIND_TOKENS ||
          r->billing > SP_BILLING_PREPAID)
        return FALSE;
      n_odd += r->fetched_at == SP_RECORD_FETCHED_ODD;
    }
  if (n_odd != t->fetched_odd->len)
    return FALSE;
  for (guint i = 0; i < t->fetched_odd->len; i++)
    {
      guint32 row = g_array_index (t->fetched_odd, SpFetchedOdd, i).row;

      if (row >= t->n_records || t->records[row].fetched_at != SP_RECORD_FETCHED_ODD ||
          (i > 0 && row <= g_array_index (t->fetched_odd, SpFetchedOdd, i - 1).row))
        return FALSE;
    }
  for (guint i = 0; i < t->vendors->len; i++)
    {
      const SpTableVendor *v = &g_array_index (t->vendors, SpTableVendor, i);

      if (!text_ok (t, v->id) || !text_ok (t, v->name) || !text_ok (t, v->name_zh))
        return FALSE;
    }
  for (guint i = 0; i < t->groups->len; i++)
    {
      const SpTableGroup *g = &g_array_index (t->groups, SpTableGroup, i);

      if (!text_ok (t, g->id) || !text_ok (t, g->label) || g->kind > SP_OFFER_KIND_TOKENS)
        return FALSE;
    }
  for (guint i = 0; i < t->origins->len; i++)
    {
      const SpTableOrigin *o = &g_array_index (t->origins, SpTableOrigin, i);

      if (!text_ok (t, o->source) || !text_ok (t, o->currency) || !text_ok (t, o->programmes))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_orders (SpOfferTable *t)
{
  g_autofree guint8 *seen = g_malloc0 (t->n_records + 1);

  for (guint i = 0; i < t->n_records; i++)
    {
      guint32 row = t->by_tie[i];

      if (row >= t->n_records || seen[row])
        return FALSE;
      seen[row] = 1;
    }
  if (t->shape_rank_bits > 32)
    return FALSE;
  for (guint i = 0; i < t->shapes->len; i++)
    if (t->shape_rank_bits < 32 && t->shape_rank[i] >> t->shape_rank_bits != 0)
      return FALSE;
  return TRUE;
}

SpOfferTable *
sp_offer_table_new_from_cache (const guint8 *data,
                               gsize         len)
{
  g_autoptr(SpOfferTable) t = NULL;
  Cursor c = { data, len, TRUE };
  Header h;
  const guint8 *odd;
  guint64 n;

  if (data == NULL || len < sizeof h)
    return NULL;
  memcpy (&h, data, sizeof h);
  take (&c, 1, sizeof h);
  n = h.n_records;
  /* every count fits its 32-bit indices; the sections below bound them by the length */
  if (h.magic != MAGIC || h.version != SP_OFFER_TABLE_CACHE_FORMAT ||
      n >= G_MAXUINT32 || h.n_tokens >= G_MAXUINT32 || h.arena_len >= G_MAXUINT32 ||
      h.ids_len >= G_MAXUINT32 || h.n_texts >= G_MAXUINT32 || h.n_texts == 0 ||
      h.n_vendors >= G_MAXUINT32 || h.n_groups >= G_MAXUINT32 ||
      h.n_origins >= G_MAXUINT32 || h.n_shapes >= G_MAXUINT32 || h.n_odd > n)
    return NULL;

  t = g_object_new (SP_TYPE_OFFER_TABLE, NULL);
  t->n_records = t->records_cap = (guint) n;
  t->records = take_copy (&c, n, sizeof (SpOfferRecord), 0);
  t->n_tokens = t->tokens_cap = (guint) h.n_tokens;
  t->tokens = take_copy (&c, h.n_tokens, sizeof (SpTokenPrices), 0);
  t->arena_len = t->arena_cap = h.arena_len;
  t->arena = take_copy (&c, h.arena_len, 1, 0);
  t->ids_len = h.ids_len;
  t->ids = take_copy (&c, h.ids_len, 1, SP_ID_PAD);
  t->id_blocks = take_copy (&c, n / SP_ID_BLOCK + 1, sizeof (guint32), 0);
  if (!c.ok ||
      !take_array (&c, t->texts, h.n_texts, sizeof (guint32)) ||
      !take_array (&c, t->vendors, h.n_vendors, sizeof (SpTableVendor)) ||
      !take_array (&c, t->groups, h.n_groups, sizeof (SpTableGroup)) ||
      !take_array (&c, t->origins, h.n_origins, sizeof (SpTableOrigin)) ||
      !take_array (&c, t->shapes, h.n_shapes, sizeof (SpTableShape)) ||
      (odd = take (&c, h.n_odd, sizeof (OddOut))) == NULL)
    return NULL;
  g_array_set_size (t->fetched_odd, (guint) h.n_odd);
  for (guint i = 0; i < h.n_odd; i++)
    {
      OddOut o;
      SpFetchedOdd *f = &g_array_index (t->fetched_odd, SpFetchedOdd, i);

      memcpy (&o, odd + (gsize) i * sizeof o, sizeof o);
      f->value = o.value;
      f->row = o.row;
    }
  t->by_tie = take_copy (&c, n, sizeof (guint32), 0);
  t->text_collate_rank = take_copy (&c, h.n_texts, sizeof (guint32), 0);
  t->text_strcmp_rank = take_copy (&c, h.n_texts, sizeof (guint32), 0);
  t->shape_rank = take_copy (&c, h.n_shapes, sizeof (guint32), 0);
  t->shape_rank_bits = (guint) MIN (h.shape_rank_bits, 64);
  if (!c.ok || c.left != 0 ||
      !check_texts (t) || !check_records (t) || !check_ids (t) || !check_orders (t))
    return NULL;
  t->from_cache = TRUE;
  return g_steal_pointer (&t);
}

/* ------------------------------------------------------------ storing */

gboolean
sp_offer_table_save_cache (SpOfferTable  *self,
                           SpStore       *store,
                           GError       **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autofree char *key = NULL;
  gboolean written;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (self), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (self->from_cache || self->cache_generation < 0)
    return TRUE;
  data = sp_offer_table_serialize (self);
  key = sp_offer_table_cache_key ();
  if (!sp_store_write_offer_table_cache (store, key, self->cache_generation, data, &written, error))
    return FALSE;
  if (written)
    self->cache_generation = -1;   /* stored once */
  return TRUE;
}
