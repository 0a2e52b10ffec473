/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-result-private.h — SpImportResult's fields, shared by
 * sp-import.c (the result and its door) and sp-import-records.c (its
 * records and parts); nothing else includes it */
#pragma once

#include "sp-import-private.h"

G_BEGIN_DECLS

/* room for the text fields checked at the door (offer_text_fields) */
#define MAX_TEXT_FIELDS 16

struct _SpImportResult
{
  GObject       parent_instance;

  SpFeedFormat  format;
  char         *source;
  char         *vendor_name;
  char         *filename;
  gint64        generated_at;
  GPtrArray    *offers;     /* SpOffer objects and records (sp_import_offer_free ()) */
  guint         n_records;  /* how many of @offers are records, not objects */
  GPtrArray    *record_blocks; /* RECORD_BLOCK records each (g_free) */
  guint         block_used;    /* records handed out from the last block */
  GPtrArray    *text_blocks;   /* the records' texts (g_free) */
  char         *text_next;     /* free room in the last text block */
  gsize         text_left;
  GHashTable   *ids;        /* ids taken (borrowed keys from offers, NULL values) */
  GArray       *skips;      /* SpImportSkip */
  guint         rows_read;
  guint         over_limit;     /* offers beyond SP_LIMIT_OFFERS_PER_FEED (not in skips) */
  guint         chars_removed;  /* invisible characters removed (sp-text.h) */
  guint         offers_cleaned; /* offers that had some removed */
  GHashTable   *clean_interned; /* interned names already found clean (pointers) */
  const char   *last_clean[MAX_TEXT_FIELDS]; /* per text field: the last interned value found clean */
  guint         rows_repaired;
  char         *last_reason;       /* the last ready skip reason as given, */
  char         *last_reason_clean; /* and cleaned for the report */
  GPtrArray    *kept_blocks;  /* record and text blocks of merged parts (g_free) */
  gboolean      sourceless;   /* some offer was added without a source */
  /* a part of a chunked parse (sp_import_result_new_part ()): where its
   * skips fell among its offers and the row of each offer, so that
   * sp_import_result_merge () replays them in file order */
  gboolean      part;
  GArray       *skip_marks;   /* guint per skip: offers->len when it was made */
  GArray       *offer_rows;   /* guint per offer */
};

/* An element of SpImportResult.offers: an SpOffer object, or a record (an
 * SpOffer's fields in plain memory, its GObject header zero: g_class NULL)
 * whose texts and memory belong to the result; its arrays are its own. */
static inline gboolean
sp_import_is_record (gconstpointer offer)
{
  return ((const GTypeInstance *) offer)->g_class == NULL;
}

/* sp-import.c */
void      sp_import_skip_clear        (gpointer data);
/* The last step of the door (and of a merge): @offer is kept (TRUE) unless
 * an earlier one has its id */
gboolean  sp_import_result_add_unique (SpImportResult *self, guint row, SpOffer *offer);

/* sp-import-records.c */
/* Frees a record's arrays (its texts and memory are the result's) */
void      sp_import_record_clear      (SpOffer *rec);
/* Frees an element of SpImportResult.offers, object or record */
void      sp_import_offer_free        (gpointer offer);
/* An SpOffer object with @rec's fields, its texts copied; @rec's arrays
 * move to it */
SpOffer  *sp_import_offer_from_record (SpOffer *rec);

G_END_DECLS
