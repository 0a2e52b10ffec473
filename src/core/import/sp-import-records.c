/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-records.c — the offers an import makes: SpOffer objects
 * (sp_import_offer_new ()) and records, an SpOffer's fields in plain memory
 * without a GObject each, with their texts in the result's blocks; and the
 * parts of a chunked read merged in file order (sp-import-private.h) */
#include "config.h"

#include <string.h>

#include "sp-import-private.h"
#include "sp-import-result-private.h"
#include "sp-limits.h"

void
sp_import_record_clear (SpOffer *rec)
{
  g_clear_pointer (&rec->tiers, g_array_unref);
  g_clear_pointer (&rec->voucher_programmes, g_strfreev);
  g_clear_pointer (&rec->variants, g_array_unref);
}

void
sp_import_offer_free (gpointer offer)
{
  if (sp_import_is_record (offer))
    sp_import_record_clear (offer);
  else
    g_object_unref (offer);
}

SpOffer *
sp_import_offer_new (const char *id,
                     const char *source,
                     const char *vendor_id,
                     const char *vendor_name,
                     const char *vendor_name_zh,
                     const char *name,
                     const char *model,
                     SpBilling   billing,
                     const char *currency)
{
  SpOffer *offer = sp_offer_new ();

  offer->id = g_strdup (id);
  offer->source = source;
  offer->vendor_id = vendor_id;
  offer->vendor_name = vendor_name;
  offer->vendor_name_zh = vendor_name_zh;
  offer->name = g_strdup (name);
  offer->model = g_strdup (model);
  offer->billing = billing;
  offer->currency = currency;
  return offer;
}

/* Records: the offers of a big catalog without a GObject each (HACKING.md,
 * "Ingest", seventh pass).  RECORD_BLOCK records to a block, their texts
 * in TEXT_BLOCK-byte blocks; all freed with the result. */
#define RECORD_BLOCK 512
#define TEXT_BLOCK   (64 * 1024)

char *
sp_import_result_text_alloc (SpImportResult *self,
                             gsize           size)
{
  char *p;

  if (G_UNLIKELY (size > self->text_left))
    {
      /* a text bigger than a quarter block gets a block of its own */
      if (size > TEXT_BLOCK / 4)
        {
          p = g_malloc (size);
          g_ptr_array_add (self->text_blocks, p);
          return p;
        }
      self->text_next = g_malloc (TEXT_BLOCK);
      self->text_left = TEXT_BLOCK;
      g_ptr_array_add (self->text_blocks, self->text_next);
    }
  p = self->text_next;
  self->text_next += size;
  self->text_left -= size;
  return p;
}

char *
sp_import_result_strdup (SpImportResult *self,
                         const char     *text)
{
  gsize n;
  char *copy;

  if (text == NULL)
    return NULL;
  n = strlen (text) + 1;
  copy = sp_import_result_text_alloc (self, n);
  memcpy (copy, text, n);
  return copy;
}

SpOffer *
sp_import_result_new_record (SpImportResult *self)
{
  static SpOffer defaults;
  static gsize defaults_set;
  SpOffer *rec;

  /* an SpOffer's defaults (sp_offer_init ()), its GObject header zero */
  if (g_once_init_enter (&defaults_set))
    {
      defaults.price = SP_MONEY_UNKNOWN;
      defaults.input_price = SP_MONEY_UNKNOWN;
      defaults.output_price = SP_MONEY_UNKNOWN;
      defaults.cached_input_price = SP_MONEY_UNKNOWN;
      defaults.storage_stopped_gb_month = SP_MONEY_UNKNOWN;
      defaults.egress_gb = SP_MONEY_UNKNOWN;
      defaults.cache_write_price = SP_MONEY_UNKNOWN;
      defaults.host_price = SP_MONEY_UNKNOWN;
      defaults.currency = g_intern_static_string ("USD");
      g_once_init_leave (&defaults_set, 1);
    }

  if (self->record_blocks->len == 0 || self->block_used == RECORD_BLOCK)
    {
      g_ptr_array_add (self->record_blocks, g_new (SpOffer, RECORD_BLOCK));
      self->block_used = 0;
    }
  /* the next free one: a record not added is handed out again */
  rec = (SpOffer *) g_ptr_array_index (self->record_blocks, self->record_blocks->len - 1) +
        self->block_used;
  memcpy (rec, &defaults, sizeof defaults);
  return rec;
}

GPtrArray *
sp_import_result_peek_offer_records (SpImportResult *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (self), NULL);
  return self->offers;
}

SpOffer *
sp_import_offer_from_record (SpOffer *rec)
{
  SpOffer *offer = sp_offer_new ();

  memcpy ((char *) offer + sizeof (GObject), (char *) rec + sizeof (GObject),
          sizeof (SpOffer) - sizeof (GObject));
  offer->id = g_strdup (rec->id);
  offer->name = g_strdup (rec->name);
  offer->model = g_strdup (rec->model);
  offer->min_commitment = g_strdup (rec->min_commitment);
  offer->list_price = g_strdup (rec->list_price);
  offer->note = g_strdup (rec->note);
  offer->price_source_url = g_strdup (rec->price_source_url);
  offer->verified_at = g_strdup (rec->verified_at);
  offer->gpu_fraction = g_strdup (rec->gpu_fraction);
  rec->tiers = NULL;
  rec->voucher_programmes = NULL;
  rec->variants = NULL;
  return offer;
}

SpImportResult *
sp_import_result_new_part (SpImportResult *whole)
{
  SpImportResult *self = sp_import_result_new (whole->format, whole->source);

  self->part = TRUE;
  self->skip_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->offer_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

/* Moves the blocks of @from (g_free) to @to */
static void
move_blocks (GPtrArray *to,
             GPtrArray *from)
{
  gsize n = 0;
  g_autofree gpointer *blocks = NULL;

  g_ptr_array_set_free_func (from, NULL);
  blocks = g_ptr_array_steal (from, &n);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (to, blocks[i]);
  g_ptr_array_set_free_func (from, g_free);
}

void
sp_import_result_merge (SpImportResult *self,
                        SpImportResult *part,
                        guint           row_offset)
{
  g_autofree SpImportSkip *skips = NULL;
  g_autofree gpointer *offers = NULL;
  gsize n_skips = 0, n_offers = 0;
  guint s = 0;

  g_return_if_fail (SP_IS_IMPORT_RESULT (self));
  g_return_if_fail (SP_IS_IMPORT_RESULT (part) && part->part);

  /* the part keeps nothing: its skips, offers and blocks move here */
  g_ptr_array_set_free_func (part->offers, NULL);
  offers = g_ptr_array_steal (part->offers, &n_offers);
  g_ptr_array_set_free_func (part->offers, sp_import_offer_free);
  part->n_records = 0;
  g_array_set_clear_func (part->skips, NULL);
  skips = (SpImportSkip *) (gpointer) g_array_steal (part->skips, &n_skips);
  g_array_set_clear_func (part->skips, sp_import_skip_clear);
  g_hash_table_remove_all (part->ids);
  move_blocks (self->kept_blocks, part->record_blocks);
  move_blocks (self->kept_blocks, part->text_blocks);
  move_blocks (self->kept_blocks, part->kept_blocks);

  for (gsize i = 0; i <= n_offers; i++)
    {
      SpOffer *offer;

      /* the skips made before offer i was added, in their order */
      for (; s < n_skips && g_array_index (part->skip_marks, guint, s) == i; s++)
        {
          SpImportSkip skip = skips[s];

          skip.row += row_offset;
          g_array_append_val (self->skips, skip);
          if (self->part)
            g_array_append_val (self->skip_marks, self->offers->len);
        }
      if (i == n_offers)
        break;
      offer = offers[i];
      if (self->offers->len >= SP_LIMIT_OFFERS_PER_FEED)
        {
          self->over_limit++;
          sp_import_offer_free (offer);
          continue;
        }
      if (!sp_import_result_add_unique (self, g_array_index (part->offer_rows, guint, i) + row_offset, offer))
        sp_import_offer_free (offer);
      else if (sp_import_is_record (offer))
        self->n_records++;
    }
  g_assert (s == n_skips);
  g_array_set_size (part->skip_marks, 0);
  g_array_set_size (part->offer_rows, 0);

  self->rows_read += part->rows_read;
  self->rows_repaired += part->rows_repaired;
  self->over_limit += part->over_limit;
  self->chars_removed += part->chars_removed;
  self->offers_cleaned += part->offers_cleaned;
  part->rows_read = part->rows_repaired = part->over_limit = 0;
  part->chars_removed = part->offers_cleaned = 0;
}
