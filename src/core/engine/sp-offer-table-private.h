/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-private.h — the records of SpOfferTable, for src/core/engine
 * (the loader, the engine) and white-box tests and benchmarks. */
#pragma once

#include "sp-offer-table.h"
#include "sp-store-offer-rows.h"

G_BEGIN_DECLS

/* Text indices point into the table's dictionary (0 = no text).  56 bytes
 * (4-byte aligned; the id is in the front-coded ids, by row): what few rows
 * differ in is shared — the token prices
 * (SpTokenPrices, only for the rows that have them: token models, and any
 * row with one of them known), the source, currency and programmes
 * (SpTableOrigin) and the GPU count and memory, vCPUs and RAM
 * (SpTableShape) —, so every row reads back exactly what it was built from. */
#pragma pack(push, 4)
typedef struct {
  SpMoney  price;              /* vendor's currency, per unit */
  guint32  fetched_at;         /* seconds; SP_RECORD_FETCHED_ODD: in fetched_odd */
  guint32  name;               /* text indices */
  guint32  model;
  guint32  gpu_model;
  guint32  region;
  guint32  spec;               /* sp_offer_dup_spec_summary () */
  guint32  vendor;             /* index into the vendor table */
  guint32  group;              /* index into the group table */
  guint32  token;              /* index into the token prices + 1 (0 = none) */
  guint32  origin;             /* index into the origins (SpTableOrigin) */
  guint32  shape;              /* index into the shapes (SpTableShape) */
  guint8   kind;               /* SpOfferKind */
  guint8   billing;            /* SpBilling */
  guint8   bits;               /* SpRecordBits */
  guint8   pad;
} SpOfferRecord;
#pragma pack(pop)

/* fetched_at outside [0, G_MAXUINT32): the exact value is in fetched_odd */
#define SP_RECORD_FETCHED_ODD G_MAXUINT32

typedef struct {
  gint64   value;
  guint32  row;
} SpFetchedOdd;

typedef struct {
  guint32  source;             /* text indices */
  guint32  currency;
  guint32  programmes;         /* the store's JSON list of voucher programmes */
} SpTableOrigin;

typedef struct {
  guint32  vcpus_milli;
  guint32  ram_mib;
  guint16  gpu_count;
  guint16  gpu_memory_gb;
} SpTableShape;

typedef struct {
  SpMoney  input_price;        /* tokens: per 1M */
  SpMoney  output_price;
  SpMoney  cached_input_price;
} SpTokenPrices;

typedef enum {
  SP_RECORD_RETIRED   = 1 << 0,
  SP_RECORD_DEMO      = 1 << 1,
  SP_RECORD_AMBIGUOUS = 1 << 2,  /* sp_gpu_model_is_ambiguous () */
  SP_RECORD_ASCII_ID  = 1 << 3,  /* the id is plain ASCII (searched without folding) */
} SpRecordBits;

typedef struct {
  guint32 id, name, name_zh;   /* text indices */
} SpTableVendor;

typedef struct {
  guint32 id, label;           /* text indices */
  guint32 kind;
} SpTableGroup;

typedef struct _SpTableBuilder SpTableBuilder;

/* The ids, front-coded in row order (the store's (source, id) order, so
 * neighbours share most of their id: "aliyun/S6.2xlarge/013893" after
 * "aliyun/S6.2xlarge/007055"): per row the length of the prefix it shares
 * with the previous row's id and the length of the rest (LEB128 both: one
 * byte below 128), then the rest.  Every SP_ID_BLOCK rows one starts afresh
 * (prefix 0) at id_blocks[row / SP_ID_BLOCK], so a row's id is at most
 * SP_ID_BLOCK - 1 steps from a whole one.  SP_ID_PAD zero bytes follow the
 * last, so a reader may copy SP_ID_PAD bytes of a short rest at once. */
#define SP_ID_BLOCK 16
#define SP_ID_PAD   16

static inline gsize
sp_offer_table_id_varint (const guint8 **p)
{
  gsize v = 0;
  guint shift = 0;

  for (;;)
    {
      guint8 b = *(*p)++;

      v |= (gsize) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        return v;
      shift += 7;
    }
}

struct _SpOfferTable
{
  GObject         parent_instance;

  SpOfferRecord  *records;
  guint           n_records;
  guint           records_cap;
  SpTokenPrices  *tokens;      /* records[].token - 1 → */
  guint           n_tokens;
  guint           tokens_cap;
  char           *arena;       /* the dictionary's texts */
  gsize           arena_len;
  gsize           arena_cap;
  guint8         *ids;         /* front-coded ids (SP_ID_BLOCK) */
  gsize           ids_len;
  guint32        *id_blocks;   /* per SP_ID_BLOCK rows: offset in ids */
  gsize           flat_ids;    /* (SpFlatIds *) once sp_offer_table_get_id () was called */
  GArray         *texts;       /* guint32 arena offsets; [0] unused */
  GArray         *vendors;     /* SpTableVendor */
  GArray         *groups;      /* SpTableGroup */
  GArray         *origins;     /* SpTableOrigin */
  GArray         *shapes;      /* SpTableShape */
  GArray         *fetched_odd; /* SpFetchedOdd, by row */

  /* sealed: */
  guint32        *by_tie;      /* rows by name, vendor name (collation), id, load order */
  guint32        *text_collate_rank; /* per text: dense rank by g_utf8_collate (NULL last) */
  guint32        *text_strcmp_rank;  /* per text: dense rank by strcmp (NULL first) */
  guint32        *shape_rank;  /* per shape: dense rank by GPU memory, GPU count, vCPUs, RAM */
  guint           shape_rank_bits; /* the bits the ranks take (a sort by spec: kind above them) */

  SpTableBuilder *builder;     /* while loading */

  gint64          cache_generation; /* the offers' generation it was read at (-1: none) */
  gboolean        from_cache;  /* read from the cache (sp-offer-table-cache.c) */
};

static inline gboolean
sp_offer_table_is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

static inline const SpTableOrigin *
sp_offer_table_origin (SpOfferTable *self,
                       guint         row)
{
  return &g_array_index (self->origins, SpTableOrigin, self->records[row].origin);
}

static inline const SpTableShape *
sp_offer_table_shape (SpOfferTable *self,
                      guint         row)
{
  return &g_array_index (self->shapes, SpTableShape, self->records[row].shape);
}

gint64 sp_offer_table_fetched_odd (SpOfferTable *self, guint row);

static inline gint64
sp_offer_table_fetched_at (SpOfferTable *self,
                           guint         row)
{
  guint32 t = self->records[row].fetched_at;

  return t != SP_RECORD_FETCHED_ODD ? (gint64) t : sp_offer_table_fetched_odd (self, row);
}

/* The row's token prices, or all unknown */
static inline const SpTokenPrices *
sp_offer_table_tokens (SpOfferTable *self,
                       guint         row)
{
  static const SpTokenPrices none = { SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN, SP_MONEY_UNKNOWN };
  guint32 token = self->records[row].token;

  return token == 0 ? &none : &self->tokens[token - 1];
}

/* One step of the ids' decoding: the entry at @p onto @out (which holds
 * the previous row's id); returns the next entry and in *@shared the bytes
 * the id shares with the previous one */
static inline const guint8 *
sp_offer_table_id_step_shared (const guint8 *p,
                               GString      *out,
                               gsize        *shared)
{
  gsize prefix = sp_offer_table_id_varint (&p);
  gsize len = sp_offer_table_id_varint (&p);

  g_string_truncate (out, prefix);
  g_string_append_len (out, (const char *) p, (gssize) len);
  *shared = prefix;
  return p + len;
}

static inline const guint8 *
sp_offer_table_id_step (const guint8 *p,
                        GString      *out)
{
  gsize shared;

  return sp_offer_table_id_step_shared (p, out, &shared);
}

/* Row @row's id decoded into a buffer of the calling thread: valid until
 * the next call in that thread (for one use at a time; a comparison of two
 * ids is sp_offer_table_compare_ids ()) */
const char *sp_offer_table_peek_id (SpOfferTable *self, guint row);

static inline const char *
sp_offer_table_text (SpOfferTable *self,
                     guint32       index)
{
  return index == 0 ? NULL : self->arena + g_array_index (self->texts, guint32, index);
}


SpOfferTable *sp_offer_table_new_building (void);
void          sp_table_builder_free       (SpTableBuilder *builder);
void          sp_offer_table_append       (SpOfferTable *self, const SpOfferRow *row);
/* Ends the loading: orders, ranks; frees the loading state */
void          sp_offer_table_seal         (SpOfferTable *self);

/* FNV-1a of @len bytes, for hash tables keyed by small structs */
guint         sp_offer_table_hash_bytes (gconstpointer data, gsize len);

/* Stable LSD radix sort of row numbers by 64-bit keys (16-bit digits; the
 * digits no key varies in are skipped): fill keys[0 … n) for the rows in
 * their current order, then sp_radix_sort (); ties keep their order, so
 * sorting by several keys goes from the least significant to the most. */
typedef struct {
  guint64 *keys, *tkeys;
  guint32 *trows;
  guint   *count;   /* 65536 */
} SpRadix;

void          sp_radix_init  (SpRadix *r, guint n);
void          sp_radix_sort  (SpRadix *r, guint32 *rows, guint n);
void          sp_radix_clear (SpRadix *r);

/* A scratch SpOffer refilled in place with the fields of one row that the
 * price context, the groups and the voucher engine read (kind, vendor,
 * currency, prices, GPU, spec, programmes), so the same core functions
 * price a record as an offer without an object per row.  Its strings are
 * borrowed: free it with sp_offer_table_scratch_free () only. */
SpOffer      *sp_offer_table_scratch_new  (void);
void          sp_offer_table_scratch_fill (SpOfferTable *self,
                                           guint         row,
                                           SpOffer      *scratch,
                                           char        **programmes);
void          sp_offer_table_scratch_free (SpOffer *scratch);

/* ---- SpOfferPrices (sp-offer-prices.c), read by the engine */

typedef struct {
  SpMoney lo, hi;     /* the middle known prices (equal for an odd count) */
  guint32 cheapest;   /* row, G_MAXUINT32 when no price is known */
  guint32 n_priced;
} GroupStats;

struct _SpOfferPrices
{
  gatomicrefcount ref;
  guint        n;
  const char  *currency;    /* static ("CNY", "USD") */
  gint64       now;
  SpMoney     *normalized;
  SpOfferTable *table;      /* its records[].token index input and output */
  SpMoney     *input;       /* per row with token prices (SpTokenPrices) */
  SpMoney     *output;
  SpMoney     *after;       /* == normalized when there is no voucher */
  guint8      *flags;       /* SpOfferFlag */
  GroupStats  *groups;
  guint        n_groups;
};

static inline SpMoney
sp_offer_prices_input (struct _SpOfferPrices *prices,
                       guint                   row)
{
  guint32 token = prices->table->records[row].token;

  return token == 0 ? SP_MONEY_UNKNOWN : prices->input[token - 1];
}

static inline SpMoney
sp_offer_prices_output (struct _SpOfferPrices *prices,
                        guint                   row)
{
  guint32 token = prices->table->records[row].token;

  return token == 0 ? SP_MONEY_UNKNOWN : prices->output[token - 1];
}

/* Unknown last; negative before positive */
static inline guint64
sp_money_order_key (SpMoney m)
{
  return m == SP_MONEY_UNKNOWN ? G_MAXUINT64 : (guint64) m ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

G_END_DECLS
