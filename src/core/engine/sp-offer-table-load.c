/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-load.c — reading the store's offers into an SpOfferTable
 *
 * The store reads the rows (sp-store-offer-rows.c: one read-only
 * connection, one SELECT in the store's order (source, id)); this makes one
 * record a row and no SpOffer. */
#include "config.h"

#include <string.h>

#include "sp-store-offer-rows.h"
#include "sp-offer-table-cache.h"
#include "sp-offer-table-private.h"

/* Reading and building run side by side: the reading thread (SQLite)
 * copies each row into a chunk and hands full chunks to a builder thread,
 * which appends them to the table (at 1,000,000 offers the two halves are
 * about 0.6 and 0.4 of the work).  Both work from the first row: the
 * window starts the load once its first frame is painted (SpWindow), so
 * nothing needs the second core before.  A few chunks circulate between the two
 * (no allocation per chunk after the first ones). */

#define CHUNK_ROWS   2048
#define CHUNKS_AHEAD 4

/* The texts of SpOfferRow, copied into the chunk (offset + 1, 0 for NULL,
 * in the pointer until the builder takes the chunk) */
static const gsize row_texts[] = {
  G_STRUCT_OFFSET (SpOfferRow, source), G_STRUCT_OFFSET (SpOfferRow, id),
  G_STRUCT_OFFSET (SpOfferRow, vendor_id), G_STRUCT_OFFSET (SpOfferRow, vendor_name),
  G_STRUCT_OFFSET (SpOfferRow, vendor_name_zh), G_STRUCT_OFFSET (SpOfferRow, name),
  G_STRUCT_OFFSET (SpOfferRow, model), G_STRUCT_OFFSET (SpOfferRow, gpu_model),
  G_STRUCT_OFFSET (SpOfferRow, region), G_STRUCT_OFFSET (SpOfferRow, currency),
  G_STRUCT_OFFSET (SpOfferRow, programmes), G_STRUCT_OFFSET (SpOfferRow, gpu_fraction),
  G_STRUCT_OFFSET (SpOfferRow, host),
};

typedef struct {
  SpOfferRow rows[CHUNK_ROWS];
  guint      n;       /* 0: the end */
  char      *text;
  gsize      len, cap;
} Chunk;

typedef struct {
  SpOfferTable *table;
  GAsyncQueue  *full;   /* Chunk: to the builder */
  GAsyncQueue  *empty;  /* Chunk: back to the reader */
  Chunk        *filling;
  guint         n_chunks;
  GThread      *builder;      /* NULL until started */
  SpOfferTable *cached;       /* read from the cache instead */
} Pipe;

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  g_free (chunk->text);
  g_free (chunk);
}

static const char **
row_text (SpOfferRow *row,
          guint       field)
{
  return G_STRUCT_MEMBER_P (row, row_texts[field]);
}

/* The builder thread */
static gpointer
build_thread (gpointer data)
{
  Pipe *pipe = data;
  Chunk *chunk;

  while ((chunk = g_async_queue_pop (pipe->full))->n > 0)
    {
      for (guint i = 0; i < chunk->n; i++)
        {
          SpOfferRow *row = &chunk->rows[i];

          for (guint f = 0; f < G_N_ELEMENTS (row_texts); f++)
            {
              gsize at = GPOINTER_TO_SIZE (*row_text (row, f));

              *row_text (row, f) = at == 0 ? NULL : chunk->text + at - 1;
            }
          sp_offer_table_append (pipe->table, row);
        }
      chunk->n = 0;
      chunk->len = 0;
      g_async_queue_push (pipe->empty, chunk);
    }
  g_async_queue_push (pipe->empty, chunk);
  return NULL;
}

static Chunk *
next_chunk (Pipe *pipe)
{
  Chunk *chunk = g_async_queue_try_pop (pipe->empty);

  if (chunk == NULL && pipe->n_chunks < CHUNKS_AHEAD)
    {
      pipe->n_chunks++;
      return g_new0 (Chunk, 1);
    }
  return chunk != NULL ? chunk : g_async_queue_pop (pipe->empty);
}

/* In the reading thread: the row into the chunk being filled */
static void
copy_row (const SpOfferRow *row,
          gpointer          user_data)
{
  Pipe *pipe = user_data;
  Chunk *chunk = pipe->filling;
  SpOfferRow *copy;

  if (pipe->builder == NULL)
    pipe->builder = g_thread_new ("sp-table-build", build_thread, pipe);
  if (chunk == NULL)
    chunk = pipe->filling = next_chunk (pipe);
  copy = &chunk->rows[chunk->n++];
  *copy = *row;
  for (guint f = 0; f < G_N_ELEMENTS (row_texts); f++)
    {
      const char *text = *row_text (copy, f);
      gsize len;

      if (text == NULL)
        continue;
      len = strlen (text) + 1;
      if (chunk->len + len > chunk->cap)
        {
          chunk->cap = MAX (chunk->cap * 2, chunk->len + len + 64 * 1024);
          chunk->text = g_realloc (chunk->text, chunk->cap);
        }
      memcpy (chunk->text + chunk->len, text, len);
      *row_text (copy, f) = GSIZE_TO_POINTER (chunk->len + 1);
      chunk->len += len;
    }
  if (chunk->n == CHUNK_ROWS)
    {
      g_async_queue_push (pipe->full, chunk);
      pipe->filling = NULL;
    }
}

/* In the reading thread, before any row: the cached table, if valid */
static gboolean
take_cache (const guint8 *data,
            gsize         len,
            gpointer      user_data)
{
  Pipe *pipe = user_data;

  pipe->cached = sp_offer_table_new_from_cache (data, len);
  if (pipe->cached == NULL)
    g_debug ("The offer table's cache (%" G_GSIZE_FORMAT " bytes) is not valid: reading the rows", len);
  return pipe->cached != NULL;
}

SpOfferTable *
sp_offer_table_load (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(SpOfferTable) table = NULL;
  /* SUANPAN_OFFER_TABLE_CACHE=0: neither read nor written (for measuring) */
  gboolean use_cache = g_strcmp0 (g_getenv ("SUANPAN_OFFER_TABLE_CACHE"), "0") != 0;
  g_autofree char *key = use_cache ? sp_offer_table_cache_key () : NULL;
  Pipe pipe = { NULL, };
  gint64 generation = -1;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  table = sp_offer_table_new_building ();
  pipe.table = table;
  pipe.full = g_async_queue_new ();
  pipe.empty = g_async_queue_new_full (chunk_free);
  ok = sp_store_read_offer_table (path, key, take_cache, copy_row, &pipe, &generation,
                                  cancellable, error);
  if (pipe.builder != NULL)
    {
      /* what is left, then the end (an empty chunk) */
      if (pipe.filling != NULL && pipe.filling->n > 0)
        g_async_queue_push (pipe.full, g_steal_pointer (&pipe.filling));
      if (pipe.filling == NULL)
        pipe.filling = next_chunk (&pipe);
      g_async_queue_push (pipe.full, g_steal_pointer (&pipe.filling));
      g_thread_join (pipe.builder);
    }
  g_async_queue_unref (pipe.full);
  g_async_queue_unref (pipe.empty);
  if (!ok)
    {
      g_clear_object (&pipe.cached);
      return NULL;
    }
  if (pipe.cached != NULL)
    return pipe.cached;
  sp_offer_table_seal (table);
  table->cache_generation = use_cache ? generation : -1;
  return g_steal_pointer (&table);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  SpOfferTable *table = sp_offer_table_load (task_data, cancellable, &error);

  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, g_object_unref);
}

void
sp_offer_table_load_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_offer_table_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_thread);
}

SpOfferTable *
sp_offer_table_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
