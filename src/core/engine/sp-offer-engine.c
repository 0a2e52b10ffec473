/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-engine.c — sort, filter, search, groups, flags and prices after
 * vouchers on an SpOfferTable
 *
 * Sorting: the table keeps its rows in the tie order (by_tie, sealed at
 * load).  A query walks that order, keeps the rows that pass the filters,
 * then sorts them with stable LSD radix passes over 64-bit keys, least
 * significant key first (16-bit digits; a digit that no key varies in is
 * skipped), so every sort costs a few linear passes and ties keep the tie
 * order — no comparison function, no allocation per row.
 *
 * Search: a query's words are folded once (NFKC then casefold); each word is
 * looked for once per distinct text of the table's dictionary (names,
 * models, vendors, GPU models, regions, specs: shared by many rows), then
 * per row only in its id: the ids are front-coded (SP_ID_BLOCK), so the
 * first row of a block that needs its id decodes the block's 16 and looks
 * for the word in each (one bit a row, kept for the query). */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sp-labels.h"
#include "sp-offer-table-private.h"
#include "sp-offer-engine.h"

/* ------------------------------------------------------------ search */

/* NFKC (full-width letters, digits and spaces become ASCII), then casefold */
static char *
fold (const char *text)
{
  g_autofree char *normal = NULL;

  if (sp_offer_table_is_ascii (text))
    return g_ascii_strdown (text, -1);
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup ("");
}

/* @term: folded, ASCII; where it is first in @hay, or NULL */
static const char *
ascii_find (const char *hay,
            const char *term,
            gsize       term_len)
{
  /* the places where the first letter is, in either case, found by
   * strpbrk () (vectorized in the C library): a search for a word no
   * shared text holds scans every row's id with this */
  const char first[3] = { term[0], g_ascii_toupper (term[0]), '\0' };

  for (const char *p = strpbrk (hay, first); p != NULL; p = strpbrk (p + 1, first))
    if (g_ascii_strncasecmp (p, term, term_len) == 0)
      return p;
  return NULL;
}

/* ascii_find () in the @n bytes at @hay, 16 bytes past which can be read
 * (the search's id buffer): 16-byte compares find the places of the first
 * letter, in either case */
static inline const char *
ascii_find_padded (const char *hay,
                   gsize       n,
                   const char *term,
                   gsize       term_len,
                   char        first_up)
{
  if (n < term_len)
    return NULL;
  for (gsize base = 0; base + term_len <= n; base += 16)
    {
      gsize fit = MIN (n - term_len + 1 - base, (gsize) 16);  /* where the word fits */
      guint places;

#ifdef __SSE2__
      __m128i v = _mm_loadu_si128 ((const __m128i *) (hay + base));

      places = (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 (term[0])),
                                                        _mm_cmpeq_epi8 (v, _mm_set1_epi8 (first_up))));
#else
      places = 0;
      for (gsize i = 0; i < fit; i++)
        if (hay[base + i] == term[0] || hay[base + i] == first_up)
          places |= 1u << i;
#endif
      places &= (1u << fit) - 1;
      for (; places != 0; places &= places - 1)
        {
          const char *at = hay + base + __builtin_ctz (places);
          gsize k = 1;

          while (k < term_len && g_ascii_tolower (at[k]) == term[k])
            k++;
          if (k == term_len)
            return at;
        }
    }
  return NULL;
}

static inline gboolean
ascii_contains (const char *hay,
                const char *term,
                gsize       term_len)
{
  return ascii_find (hay, term, term_len) != NULL;
}

static gboolean
text_contains (const char *text,
               const char *term,
               gsize       term_len,
               gboolean    term_ascii)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  if (sp_offer_table_is_ascii (text))
    return term_ascii && ascii_contains (text, term, term_len);
  folded = fold (text);
  return strstr (folded, term) != NULL;
}

typedef struct {
  char     *term;
  gsize     len;
  gboolean  ascii;
  char      first_up;              /* the first letter in upper case (ASCII) */
  guint8   *texts;                 /* per dictionary text: 0 not looked at yet, 1 without
                                      the term, 2 with it (looked at as rows need it, so a
                                      narrowing search only reads the texts of its rows) */
  guint32  *ids;                   /* per block of SP_ID_BLOCK rows: ID_LOOKED once looked
                                      at, then bit i: row i of the block's id holds the term */
  guint8    billing[SP_BILLING_PREPAID + 1];
  guint8    kind[SP_OFFER_KIND_TOKENS + 1];
} Term;

#define ID_LOOKED (1u << 31)
G_STATIC_ASSERT (SP_ID_BLOCK <= 31);

typedef struct {
  Term    *terms;
  guint    n;
  char    *id;                     /* a block's ids, decoded one after the other */
  gsize    id_cap;
} Search;

static void
search_clear (Search *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      g_free (s->terms[i].term);
      g_free (s->terms[i].texts);
      g_free (s->terms[i].ids);
    }
  g_free (s->terms);
  s->terms = NULL;
  s->n = 0;
  g_clear_pointer (&s->id, g_free);
  s->id_cap = 0;
}

static gboolean
search_init (Search        *s,
             SpOfferTable  *table,
             const char    *search,
             GCancellable  *cancellable)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  guint n_texts = table->texts->len;

  s->terms = NULL;
  s->n = 0;
  s->id = NULL;
  s->id_cap = 0;
  if (search == NULL)
    return TRUE;
  s->id_cap = 256;
  s->id = g_malloc (s->id_cap);
  folded = fold (search);
  words = g_strsplit_set (folded, " \t\n\r", -1);
  s->terms = g_new0 (Term, g_strv_length (words) + 1);
  for (char **w = words; *w != NULL; w++)
    {
      Term *t;

      if (**w == '\0')
        continue;
      t = &s->terms[s->n++];
      t->term = g_strdup (*w);
      t->len = strlen (t->term);
      t->ascii = sp_offer_table_is_ascii (t->term);
      t->first_up = g_ascii_toupper (t->term[0]);
      t->texts = g_new0 (guint8, MAX (n_texts, 1u));
      t->texts[0] = 1;  /* no text */
      t->ids = g_new0 (guint32, table->n_records / SP_ID_BLOCK + 1);
      for (guint b = 0; b <= SP_BILLING_PREPAID; b++)
        t->billing[b] = text_contains (sp_label_billing (b), t->term, t->len, t->ascii) ||
                        text_contains (sp_billing_to_string (b), t->term, t->len, t->ascii);
      for (guint k = 0; k <= SP_OFFER_KIND_TOKENS; k++)
        t->kind[k] = text_contains (sp_offer_kind_to_string (k), t->term, t->len, t->ascii);
    }
  return TRUE;
}

/* Whether dictionary text @text holds @t's word (looked at once per search) */
static inline gboolean
term_in_text (Term         *t,
              SpOfferTable *table,
              guint32       text)
{
  if (G_UNLIKELY (t->texts[text] == 0))
    t->texts[text] = text_contains (sp_offer_table_text (table, text), t->term, t->len,
                                    t->ascii) ? 2 : 1;
  return t->texts[text] == 2;
}

/* Whether row @row's id holds @t's word: its block looked at once */
static inline gboolean
term_in_id (Search       *s,
            Term         *t,
            SpOfferTable *table,
            guint         row)
{
  guint block = row / SP_ID_BLOCK;
  guint32 bits = t->ids[block];

  if (G_UNLIKELY ((bits & ID_LOOKED) == 0))
    {
      guint first = block * SP_ID_BLOCK, end_row = MIN (first + SP_ID_BLOCK, table->n_records);
      const guint8 *p = table->ids + table->id_blocks[block];

      /* an ASCII id holds the word if the previous id held it within the
       * bytes they share (end: where its first place there ends), or else
       * from where the word would reach into the id's own bytes */
      gsize end = G_MAXSIZE;
      gboolean known = FALSE;

      bits = ID_LOOKED;
      if (!t->ascii)
        {
          /* a word with other letters is in no ASCII id */
          guint i = first;

          while (i < end_row && (table->records[i].bits & SP_RECORD_ASCII_ID))
            i++;
          if (i == end_row)
            end_row = first;
        }
      for (guint i = first; i < end_row; i++)
        {
          gboolean has;
          gsize shared, rest;
          char *id;

          /* sp_offer_table_id_step () into the search's own buffer; a
           * short rest copied SP_ID_PAD bytes at once */
          shared = sp_offer_table_id_varint (&p);
          rest = sp_offer_table_id_varint (&p);
          /* room for the copy of a short rest and ascii_find_padded ()'s 16
           * bytes past the id */
          if (G_UNLIKELY (shared + MAX (rest, (gsize) SP_ID_PAD) + 17 > s->id_cap))
            {
              s->id_cap = MAX (s->id_cap * 2, shared + MAX (rest, (gsize) SP_ID_PAD) + 17);
              s->id = g_realloc (s->id, s->id_cap);
            }
          id = s->id;
          if (rest <= SP_ID_PAD)
            memcpy (id + shared, p, SP_ID_PAD);
          else
            memcpy (id + shared, p, rest);
          id[shared + rest] = '\0';
          p += rest;
          if ((table->records[i].bits & SP_RECORD_ASCII_ID) && t->ascii)
            {
              if (known && end <= shared)
                has = TRUE;
              else
                {
                  gsize from = known && shared >= t->len ? shared - t->len + 1 : 0;
                  gsize n = shared + rest - from;
                  const char *at = ascii_find_padded (id + from, n, t->term, t->len, t->first_up);

                  has = at != NULL;
                  end = has ? (gsize) (at - id) + t->len : G_MAXSIZE;
                  known = TRUE;
                }
            }
          else
            {
              has = !(table->records[i].bits & SP_RECORD_ASCII_ID) &&
                    text_contains (id, t->term, t->len, t->ascii);
              known = FALSE;
            }
          if (has)
            bits |= 1u << (i - first);
        }
      t->ids[block] = bits;
    }
  return (bits >> (row - block * SP_ID_BLOCK)) & 1;
}

static inline gboolean
search_matches (Search       *s,
                SpOfferTable *table,
                guint         row)
{
  const SpOfferRecord *r = &table->records[row];
  const SpTableVendor *v = &g_array_index (table->vendors, SpTableVendor, r->vendor);

  for (guint i = 0; i < s->n; i++)
    {
      Term *t = &s->terms[i];

      if (term_in_text (t, table, r->name) || term_in_text (t, table, r->model) ||
          term_in_text (t, table, v->id) || term_in_text (t, table, v->name) ||
          term_in_text (t, table, v->name_zh) || term_in_text (t, table, r->gpu_model) ||
          term_in_text (t, table, r->region) || term_in_text (t, table, r->spec) ||
          t->billing[MIN (r->billing, (guint) SP_BILLING_PREPAID)] ||
          t->kind[MIN (r->kind, (guint) SP_OFFER_KIND_TOKENS)])
        continue;
      if (!term_in_id (s, t, table, row))
        return FALSE;
    }
  return TRUE;
}

gboolean
sp_offer_engine_row_matches (SpOfferTable *table,
                             guint         row,
                             const char   *search)
{
  Search s;
  gboolean ok;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table) && row < table->n_records, FALSE);

  search_init (&s, table, search, NULL);
  ok = search_matches (&s, table, row);
  search_clear (&s);
  return ok;
}

/* ------------------------------------------------------------ queries */

static const char * const sort_names[SP_ENGINE_N_SORTS] = {
  "price", "vendor", "name", "warnings", "group", "spec", "region", "billing",
  "list-price", "input", "output", "after-vouchers", "updated",
};

gboolean
sp_engine_sort_from_string (const char   *str,
                            SpEngineSort *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < SP_ENGINE_N_SORTS; i++)
    if (g_strcmp0 (str, sort_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

void
sp_engine_query_init (SpEngineQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->sort = SP_ENGINE_SORT_PRICE;
  query->min_price = SP_MONEY_UNKNOWN;
  query->max_price = SP_MONEY_UNKNOWN;
}

typedef enum {
  K_NORMALIZED, K_VENDOR, K_FLAGS, K_KIND_GROUP, K_SPEC, K_REGION,
  K_BILLING, K_LIST_LO, K_LIST_HI, K_INPUT, K_OUTPUT, K_AFTER, K_KIND, K_UPDATED, K_END
} Key;

/* Each sort's keys, least significant first (the tie order comes before) */
static const Key sort_keys[SP_ENGINE_N_SORTS][4] = {
  [SP_ENGINE_SORT_PRICE] = { K_NORMALIZED, K_END },
  [SP_ENGINE_SORT_VENDOR] = { K_VENDOR, K_END },
  [SP_ENGINE_SORT_NAME] = { K_END },
  [SP_ENGINE_SORT_WARNINGS] = { K_NORMALIZED, K_FLAGS, K_END },
  [SP_ENGINE_SORT_GROUP] = { K_NORMALIZED, K_KIND_GROUP, K_END },
  [SP_ENGINE_SORT_SPEC] = { K_NORMALIZED, K_SPEC, K_END },
  [SP_ENGINE_SORT_REGION] = { K_NORMALIZED, K_REGION, K_END },
  [SP_ENGINE_SORT_BILLING] = { K_NORMALIZED, K_BILLING, K_END },
  [SP_ENGINE_SORT_LIST_PRICE] = { K_NORMALIZED, K_LIST_LO, K_LIST_HI, K_END },
  [SP_ENGINE_SORT_INPUT] = { K_NORMALIZED, K_INPUT, K_END },
  [SP_ENGINE_SORT_OUTPUT] = { K_NORMALIZED, K_OUTPUT, K_END },
  [SP_ENGINE_SORT_AFTER_VOUCHERS] = { K_NORMALIZED, K_AFTER, K_KIND, K_END },
  [SP_ENGINE_SORT_UPDATED] = { K_NORMALIZED, K_UPDATED, K_END },
};

static inline guint64
row_key (SpOfferTable  *table,
         SpOfferPrices *p,
         Key            key,
         guint32        row)
{
  const SpOfferRecord *r = &table->records[row];

  switch (key)
    {
    case K_NORMALIZED:
      return sp_money_order_key (p->normalized[row]);
    case K_VENDOR:
      return table->text_collate_rank[g_array_index (table->vendors, SpTableVendor, r->vendor).name];
    case K_FLAGS:
      return 0xff - p->flags[row];
    case K_KIND_GROUP:
      return ((guint64) r->kind << 32) |
             table->text_collate_rank[g_array_index (table->groups, SpTableGroup, r->group).label];
    case K_SPEC:
      return ((guint64) r->kind << table->shape_rank_bits) | table->shape_rank[r->shape];
    case K_REGION:
      return table->text_strcmp_rank[r->region];
    case K_BILLING:
      return r->billing;
    case K_LIST_LO:
      return sp_money_order_key (r->price);
    case K_LIST_HI:
      return ((guint64) r->kind << 32) |
             table->text_strcmp_rank[sp_offer_table_origin (table, row)->currency];
    case K_INPUT:
      return sp_money_order_key (sp_offer_prices_input (p, row));
    case K_OUTPUT:
      return sp_money_order_key (sp_offer_prices_output (p, row));
    case K_AFTER:
      return sp_money_order_key (p->after[row]);
    case K_KIND:
      return r->kind;
    case K_UPDATED:
      return (guint64) sp_offer_table_fetched_at (table, row) ^ G_GUINT64_CONSTANT (0x8000000000000000);
    case K_END:
    default:
      g_assert_not_reached ();
    }
}

/* The dictionary index of exactly @text, 0 when there is none (no row
 * then matches); @text NULL: G_MAXUINT32 (no filter) */
static guint32
find_text (SpOfferTable *table,
           const char   *text)
{
  if (text == NULL)
    return G_MAXUINT32;
  for (guint i = 1; i < table->texts->len; i++)
    if (strcmp (sp_offer_table_text (table, i), text) == 0)
      return i;
  return 0;
}

static guint8 *
vendor_filter (SpOfferTable *table,
               const char   *vendor)
{
  guint8 *ok;

  if (vendor == NULL)
    return NULL;
  ok = g_new0 (guint8, MAX (table->vendors->len, 1u));
  for (guint i = 0; i < table->vendors->len; i++)
    {
      const SpTableVendor *v = &g_array_index (table->vendors, SpTableVendor, i);
      const char *id = sp_offer_table_text (table, v->id);
      const char *name = sp_offer_table_text (table, v->name);

      ok[i] = g_ascii_strcasecmp (vendor, id ? id : "") == 0 ||
              g_ascii_strcasecmp (vendor, name ? name : "") == 0 ||
              g_strcmp0 (vendor, sp_offer_table_text (table, v->name_zh)) == 0;
    }
  return ok;
}

/* A query's filters, resolved against the table once */
typedef struct {
  const SpEngineQuery *q;
  guint8   *vendors;       /* per vendor: allowed (NULL: any) */
  guint8   *within;        /* per row: a candidate (NULL: all) */
  guint32   source, gpu_model, region;
  gboolean  gpu_filters;
  gboolean  priced;        /* a price bound is set */
  Search    search;
} Filter;

static gboolean
filter_init (Filter        *f,
             SpOfferTable  *table,
             const SpEngineQuery *q,
             GCancellable  *cancellable)
{
  f->q = q;
  f->vendors = vendor_filter (table, q->vendor);
  f->within = NULL;
  f->source = find_text (table, q->source);
  f->gpu_filters = !q->filter_kind || q->kind == SP_OFFER_KIND_GPU;
  f->gpu_model = f->gpu_filters ? find_text (table, q->gpu_model) : G_MAXUINT32;
  f->region = find_text (table, q->region);
  f->priced = q->min_price != SP_MONEY_UNKNOWN || q->max_price != SP_MONEY_UNKNOWN;
  if (q->within != NULL)
    {
      f->within = g_new0 (guint8, MAX (table->n_records, 1u));
      for (guint i = 0; i < q->n_within; i++)
        if (q->within[i] < table->n_records)
          f->within[q->within[i]] = 1;
    }
  return search_init (&f->search, table, q->search, cancellable);
}

static void
filter_clear (Filter *f)
{
  g_clear_pointer (&f->vendors, g_free);
  g_clear_pointer (&f->within, g_free);
  search_clear (&f->search);
}

static inline gboolean
filter_passes (Filter        *f,
               SpOfferTable  *table,
               SpOfferPrices *p,
               guint32        row)
{
  const SpEngineQuery *q = f->q;
  const SpOfferRecord *r = &table->records[row];
  SpMoney price = p->normalized[row];

  if ((f->within != NULL && !f->within[row]) ||
      (q->filter_kind && r->kind != q->kind) ||
      ((r->bits & SP_RECORD_RETIRED) && !q->include_retired) ||
      (f->vendors != NULL && !f->vendors[r->vendor]) ||
      (f->source != G_MAXUINT32 && sp_offer_table_origin (table, row)->source != f->source) ||
      (f->gpu_model != G_MAXUINT32 && r->gpu_model != f->gpu_model) ||
      (f->region != G_MAXUINT32 && r->region != f->region) ||
      (q->filter_billing && r->billing != q->billing))
    return FALSE;
  if (q->min_gpu_memory_gb > 0 && f->gpu_filters &&
      (r->kind != SP_OFFER_KIND_GPU || sp_offer_table_shape (table, row)->gpu_memory_gb < q->min_gpu_memory_gb))
    return FALSE;
  if (f->priced &&
      (price == SP_MONEY_UNKNOWN ||
       (q->min_price != SP_MONEY_UNKNOWN && price < q->min_price) ||
       (q->max_price != SP_MONEY_UNKNOWN && price > q->max_price)))
    return FALSE;
  return f->search.n == 0 || search_matches (&f->search, table, row);
}

/* @rows (in the tie order) in @q's order */
static void
sort_rows (SpOfferTable        *table,
           SpOfferPrices       *p,
           const SpEngineQuery *q,
           guint32             *rows,
           guint                n)
{
  SpRadix radix;

  sp_radix_init (&radix, n);
  for (const Key *k = sort_keys[q->sort]; *k != K_END; k++)
    {
      for (guint i = 0; i < n; i++)
        radix.keys[i] = row_key (table, p, *k, rows[i]);
      sp_radix_sort (&radix, rows, n);
    }
  if (q->kind_first)
    {
      for (guint i = 0; i < n; i++)
        radix.keys[i] = table->records[rows[i]].kind;
      sp_radix_sort (&radix, rows, n);
    }
  sp_radix_clear (&radix);

  if (q->descending)
    for (guint i = 0; i < n / 2; i++)
      {
        guint32 t = rows[i];

        rows[i] = rows[n - 1 - i];
        rows[n - 1 - i] = t;
      }
}

GArray *
sp_offer_engine_run (SpOfferTable         *table,
                     SpOfferPrices        *p,
                     const SpEngineQuery  *q,
                     GCancellable         *cancellable,
                     GError              **error)
{
  Filter filter;
  guint32 *rows;
  guint n = 0;
  GArray *out;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table), NULL);
  g_return_val_if_fail (p != NULL && p->n == table->n_records, NULL);
  g_return_val_if_fail (q != NULL && q->sort < SP_ENGINE_N_SORTS, NULL);

  rows = g_new (guint32, MAX (table->n_records, 1u));
  if (!filter_init (&filter, table, q, cancellable))
    goto cancelled;
  for (guint i = 0; i < table->n_records; i++)
    {
      guint32 row = table->by_tie[i];

      if ((i & 65535) == 0 && g_cancellable_is_cancelled (cancellable))
        goto cancelled;
      if (filter_passes (&filter, table, p, row))
        rows[n++] = row;
    }
  filter_clear (&filter);

  sort_rows (table, p, q, rows, n);
  if (q->limit > 0 && n > q->limit)
    n = q->limit;
  out = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_array_append_vals (out, rows, n);
  g_free (rows);
  return out;

cancelled:
  filter_clear (&filter);
  g_free (rows);
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

typedef struct {
  SpOfferTable  *table;
  SpOfferPrices *prices;
  SpEngineQuery  query;
  char          *strings[5];
  guint         *within;
} RunTask;

static void
run_task_free (RunTask *t)
{
  g_object_unref (t->table);
  sp_offer_prices_unref (t->prices);
  for (guint i = 0; i < G_N_ELEMENTS (t->strings); i++)
    g_free (t->strings[i]);
  g_free (t->within);
  g_free (t);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunTask *t = task_data;
  GError *error = NULL;
  GArray *rows = sp_offer_engine_run (t->table, t->prices, &t->query, cancellable, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_array_unref);
}

void
sp_offer_engine_run_async (SpOfferTable         *table,
                           SpOfferPrices        *prices,
                           const SpEngineQuery  *query,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunTask *t;

  g_return_if_fail (SP_IS_OFFER_TABLE (table));
  g_return_if_fail (prices != NULL && query != NULL);

  t = g_new0 (RunTask, 1);
  t->table = g_object_ref (table);
  t->prices = sp_offer_prices_ref (prices);
  t->query = *query;
  t->query.vendor = t->strings[0] = g_strdup (query->vendor);
  t->query.source = t->strings[1] = g_strdup (query->source);
  t->query.gpu_model = t->strings[2] = g_strdup (query->gpu_model);
  t->query.region = t->strings[3] = g_strdup (query->region);
  t->query.search = t->strings[4] = g_strdup (query->search);
  if (query->within != NULL)
    t->query.within = t->within = g_memdup2 (query->within, MAX (query->n_within, 1u) * sizeof (guint));
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_offer_engine_run_async);
  g_task_set_task_data (task, t, (GDestroyNotify) run_task_free);
  g_task_run_in_thread (task, run_thread);
}

GArray *
sp_offer_engine_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GArray *
sp_offer_engine_group_rows (SpOfferTable *table,
                            const guint  *rows,
                            guint         n_rows)
{
  g_autofree guint32 *slot = NULL;
  GArray *groups;

  g_return_val_if_fail (SP_IS_OFFER_TABLE (table), NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);

  slot = g_new (guint32, MAX (table->groups->len, 1u));
  memset (slot, 0xff, MAX (table->groups->len, 1u) * sizeof (guint32));
  groups = g_array_new (FALSE, FALSE, sizeof (SpEngineGroup));
  for (guint i = 0; i < n_rows; i++)
    {
      guint32 group;

      g_return_val_if_fail (rows[i] < table->n_records, groups);
      group = table->records[rows[i]].group;
      if (slot[group] == G_MAXUINT32)
        {
          SpEngineGroup g = { group, i, 0 };

          slot[group] = groups->len;
          g_array_append_val (groups, g);
        }
      g_array_index (groups, SpEngineGroup, slot[group]).n_members++;
    }
  return groups;
}
