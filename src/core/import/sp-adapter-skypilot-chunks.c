/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-skypilot-chunks.c — a big SkyPilot catalog read in chunks on
 * threads of their own, merged into one sequential read's result */
#include "config.h"

#include <string.h>

#include "sp-adapter-skypilot-private.h"
#include "sp-limits.h"

/* A big catalog is read in chunks on threads of their own (HACKING.md,
 * "Ingest", seventh pass; first tried in the fourth, when each offer was a
 * GObject): chunk k starts at split[k], just after a line end, and its
 * reader stops at the first record ending at or after split[k + 1].  A
 * split is only a guess (a quoted field may hold line ends): chunk k is
 * used when the rows before it ended exactly at split[k], else it is
 * dropped and those rows are read on from where they ended.  The chunks
 * are merged in file order, rows renumbered, so the offers, skips, counts
 * and GCP pairs are those of one sequential read. */

#define CHUNK_MIN_BYTES (256 * 1024)
#define MAX_CHUNKS 4

typedef struct {
  const char     *data;
  gsize           len;
  gsize           start;
  gsize           stop;
  Ctx             ctx;       /* the header's, with GCP rows of its own */
  SpImportResult *part;
  gsize           end_pos;   /* where its last record ended */
  guint           end_line;  /* the line there, counted from 1 at start */
} Chunk;

static gpointer
chunk_read (gpointer data)
{
  Chunk *chunk = data;
  CsvRow row = { 0 };
  CsvReader reader = { chunk->data, chunk->len, chunk->start, 1 };

  row.fields = g_ptr_array_sized_new (16);
  sp_skypilot_read_rows (chunk->part, &chunk->ctx, &reader, &row, chunk->stop);

  chunk->end_pos = reader.pos;
  chunk->end_line = reader.line;
  sp_skypilot_row_clear (&row);
  return NULL;
}

/* Moves the GCP rows of @from (its rows moved by @row_offset) after those
 * of @to; an n1 host of a zone @to has already is dropped, as the
 * sequential read drops a later one. */
static void
gcp_merge (Ctx   *to,
           Ctx   *from,
           guint  row_offset)
{
  GArray *pairs[2][2] = { { to->gcp_machines, from->gcp_machines },
                          { to->gcp_accels, from->gcp_accels } };

  for (guint p = 0; p < 2; p++)
    {
      gsize n = 0;
      g_autofree GcpRow *rows = NULL;

      g_array_set_clear_func (pairs[p][1], NULL);
      rows = (GcpRow *) (gpointer) g_array_steal (pairs[p][1], &n);
      for (gsize i = 0; i < n; i++)
        rows[i].line += row_offset;
      g_array_append_vals (pairs[p][0], rows, (guint) n);
    }

  for (guint i = 0; i < from->gcp_n1_hosts->len; i++)
    {
      GcpRow *host = &g_array_index (from->gcp_n1_hosts, GcpRow, i);
      char *key = sp_skypilot_gcp_zone_key (host);

      if (g_hash_table_contains (to->gcp_hosts, key))
        {
          g_free (key);
          continue;
        }
      host->line += row_offset;
      g_array_append_vals (to->gcp_n1_hosts, host, 1);
      memset (host, 0, sizeof *host);
      g_hash_table_insert (to->gcp_hosts, key, GUINT_TO_POINTER (to->gcp_n1_hosts->len));
    }
}

/* Where the chunks start: @n_chunks - 1 guesses after @start, each just
 * after a line end with a record on the next line.  Returns how many
 * chunks there are (fewer when the file has too few lines). */
static guint
chunk_splits (const char *data,
              gsize       len,
              gsize       start,
              guint       n_chunks,
              gsize      *split)
{
  guint n = 1;

  split[0] = start;
  for (guint k = 1; k < n_chunks; k++)
    {
      gsize at = start + (len - start) / n_chunks * k;
      const char *nl;

      if (at <= split[n - 1])
        continue;
      nl = memchr (data + at, '\n', len - at);
      if (nl == NULL)
        break;
      at = (gsize) (nl - data) + 1;
      while (at < len && (data[at] == '\n' || data[at] == '\r'))
        at++;
      if (at >= len)
        break;
      split[n++] = at;
    }
  return n;
}

/* Could the rows after @start make SP_LIMIT_OFFERS_PER_FEED offers?  A
 * row makes two at most (on demand and spot), a record takes a line. */
static gboolean
may_reach_limit (const char *data,
                 gsize       len,
                 gsize       start)
{
  guint64 lines = 1;

  for (const char *p = data + start, *end = data + len;
       (p = memchr (p, '\n', (gsize) (end - p))) != NULL; p++)
    lines++;
  return lines * 2 >= SP_LIMIT_OFFERS_PER_FEED;
}

/* The rows after the header, in up to @n_chunks chunks read at once. */
void
sp_skypilot_read_rows_chunked (SpImportResult *result,
                               Ctx            *ctx,
                               CsvReader      *reader,
                               CsvRow         *row,
                               guint           n_chunks)
{
  gsize split[MAX_CHUNKS + 1];
  Chunk chunks[MAX_CHUNKS] = { { 0 } };
  GThread *threads[MAX_CHUNKS] = { NULL };
  guint n;

  n_chunks = CLAMP (n_chunks, 1, MAX_CHUNKS);
  n = chunk_splits (reader->data, reader->len, reader->pos, n_chunks, split);
  if (n < 2 || may_reach_limit (reader->data, reader->len, reader->pos))
    {
      sp_skypilot_read_rows (result, ctx, reader, row, G_MAXSIZE);
      return;
    }
  split[n] = G_MAXSIZE;

  for (guint k = 1; k < n; k++)
    {
      Chunk *c = &chunks[k];

      c->data = reader->data;
      c->len = reader->len;
      c->start = split[k];
      c->stop = split[k + 1];
      c->ctx = *ctx;
      c->ctx.last_region = NULL;
      c->ctx.last_region_interned = NULL;
      sp_skypilot_gcp_ctx_init (&c->ctx);
      c->part = sp_import_result_new_part (result);
      threads[k] = g_thread_new ("sp-import-chunk", chunk_read, c);
    }

  /* the first chunk here, then each next one that starts where the rows
   * before it ended; the others are read on here */
  sp_skypilot_read_rows (result, ctx, reader, row, split[1]);
  for (guint k = 1; k < n; k++)
    {
      Chunk *c = &chunks[k];

      g_thread_join (threads[k]);
      if (reader->pos == c->start)
        {
          guint offset = reader->line - 1;

          sp_import_result_merge (result, c->part, offset);
          gcp_merge (ctx, &c->ctx, offset);
          reader->pos = c->end_pos;
          reader->line = c->end_line + offset;
        }
      else
        sp_skypilot_read_rows (result, ctx, reader, row, c->stop);
      sp_skypilot_ctx_clear (&c->ctx);
      g_clear_object (&c->part);
    }
}

/* How many chunks a catalog of @len bytes is read in: one per processor
 * (at most MAX_CHUNKS), each at least CHUNK_MIN_BYTES. */
guint
sp_skypilot_chunks_for (gsize len)
{
  guint n = MIN ((guint) g_get_num_processors (), (guint) MAX_CHUNKS);

  return (guint) MAX (1, MIN ((gsize) n, len / CHUNK_MIN_BYTES));
}
