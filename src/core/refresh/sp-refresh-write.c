/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh-write.c — a refresh's store writes, off the caller's thread
 *
 * Storing a large catalog takes a while (100,000 offers: 0.3–1 s in
 * sp_store_replace_source), so no fetch writes from the thread that called
 * sp_refresher_refresh_async() — in the app, the main thread.  Every write
 * of a refresh (a catalog's offers or a programme file, and the source
 * row's status, error and validators that go with it) and the counts that
 * the outcome reports run on the refresher's writer: a GThreadPool of one
 * exclusive thread with its own connection (SpDatabase: one connection per
 * thread; WAL lets the caller's connection go on reading meanwhile), opened
 * on the first write and closed when the refresher goes.  One writer, so
 * the sources are stored one after another, each in its own transaction,
 * as before.  The fetch finishes (::progress DONE or FAILED) back on its
 * main context once its write has run. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-programme.h"
#include "sp-refresh-private.h"
#include "sp-wallet-store.h"

typedef struct
{
  char           *name;
  gint64          now;
  SpImportResult *import;      /* a catalog to store, or NULL */
  GPtrArray      *programmes;  /* a programme file to keep (with @feed), or NULL */
  GBytes         *feed;
  gboolean        is_programmes;

  /* what the source row records */
  gboolean        ok;
  char           *error_text;
  guint           http_status;
  char           *http_details;
  char           *etag;
  char           *last_modified;

  /* the counts after the write */
  guint           offers;
  guint           n_programmes;
} Write;

static void
write_free (Write *write)
{
  g_free (write->name);
  g_clear_object (&write->import);
  g_clear_pointer (&write->programmes, g_ptr_array_unref);
  g_clear_pointer (&write->feed, g_bytes_unref);
  g_free (write->error_text);
  g_free (write->http_details);
  g_free (write->etag);
  g_free (write->last_modified);
  g_free (write);
}

static void
write_fail (Write *write, char *text)
{
  write->ok = FALSE;
  g_free (write->error_text);
  write->error_text = text;
  g_clear_pointer (&write->etag, g_free);
  g_clear_pointer (&write->last_modified, g_free);
}

/* The catalog or programme file, when there is one; a refusal turns the
 * write into a failure recorded as such (the source's last good offers or
 * programmes stay). */
static void
write_save (SpStore *store, Write *write)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *bytes;

  if (write->import != NULL
      && !sp_store_replace_source (store, write->import, write->now, NULL, &error))
    write_fail (write, g_strdup_printf (_("The catalog could not be saved: %s"), error->message));

  if (write->programmes == NULL)
    return;
  bytes = g_bytes_get_data (write->feed, &len);
  if (!sp_store_save_programme_feed (store, write->name, bytes, len, write->programmes,
                                     write->now, &error))
    /* Translators: %s says what is wrong, e.g. "“programmes[0].source” is missing" */
    write_fail (write, g_strdup_printf (_("The programme file was refused, the programmes "
                                          "already in the list stay: %s"),
                                        error->message));
}

guint
sp_refresh_count_programmes (SpStore    *store,
                             const char *name)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = sp_store_list_programmes (store, &error);
  if (list == NULL)
    {
      g_warning ("Could not list the programmes: %s", error->message);
      return 0;
    }
  return sp_programme_list_count_from_source (list, name);
}

static void
write_count (SpStore *store, Write *write)
{
  write->offers = sp_store_count_offers (store, write->name);
  if (write->is_programmes)
    write->n_programmes = sp_refresh_count_programmes (store, write->name);
}

/* The writer thread: one task at a time, on the writer's own connection. */
void
sp_refresh_writer_run (gpointer data, gpointer user_data)
{
  GTask *task = data;
  SpRefresher *self = user_data;
  Write *write = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (self->writer_store == NULL)
    self->writer_store = sp_store_open (self->path, &error);
  if (self->writer_store == NULL)
    {
      if (write->import != NULL)
        write_fail (write, g_strdup_printf (_("The catalog could not be saved: %s"), error->message));
      g_warning ("Could not record the refresh of %s: %s", write->name, error->message);
    }
  else
    {
      write_save (self->writer_store, write);
      if (!sp_store_record_refresh (self->writer_store, write->name, write->now, write->ok,
                                    write->error_text, write->http_status, write->http_details,
                                    write->etag, write->last_modified, &error))
        g_warning ("Could not record the refresh of %s: %s", write->name, error->message);
      write_count (self->writer_store, write);
    }
  /* a large catalog is freed here too, not on the caller's thread */
  g_clear_object (&write->import);
  g_clear_pointer (&write->programmes, g_ptr_array_unref);
  g_clear_pointer (&write->feed, g_bytes_unref);
  /* the task holds no reference to the refresher: whoever drops the last
   * one does it on the caller's thread, never here */
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  Write *write = g_task_get_task_data (G_TASK (result));
  SpRefreshOutcome *outcome = fetch->outcome;

  outcome->ok = write->ok;
  if (!write->ok)
    outcome->not_modified = FALSE;
  g_free (outcome->error);
  outcome->error = g_steal_pointer (&write->error_text);
  outcome->offers = write->offers;
  if (write->is_programmes)
    {
      outcome->is_programmes = TRUE;
      outcome->programmes = write->n_programmes;
    }
  sp_refresh_fetch_finish (fetch);
}

/* Ends @fetch (its source is known) once the writer has stored @import or
 * @programmes (either may be NULL; taken) and recorded the source's status:
 * @ok with the validators @etag and @last_modified, or failed with
 * @error_text. */
void
sp_refresh_write (Fetch          *fetch,
                  SpImportResult *import,
                  GPtrArray      *programmes,
                  GBytes         *feed,
                  gboolean        ok,
                  const char     *error_text,
                  const char     *etag,
                  const char     *last_modified)
{
  SpRefresher *self = fetch->job->self;
  GTask *task;
  Write *write = g_new0 (Write, 1);
  g_autoptr(GError) error = NULL;

  g_assert (fetch->source != NULL);
  /* no deadline, backoff or request may end the fetch while it is written */
  sp_refresh_fetch_attempt_clear (fetch);

  write->name = g_strdup (fetch->outcome->name);
  write->now = g_get_real_time () / G_USEC_PER_SEC;
  write->import = import;
  write->programmes = programmes;
  write->feed = feed;
  write->is_programmes = sp_source_get_format (fetch->source) == SP_FEED_FORMAT_PROGRAMMES;
  write->ok = ok;
  write->error_text = g_strdup (error_text);
  write->http_status = fetch->http_status;
  write->http_details = g_strdup (fetch->http_details);
  write->etag = g_strdup (etag);
  write->last_modified = g_strdup (last_modified);

  task = g_task_new (NULL, NULL, on_written, fetch);
  g_task_set_source_tag (task, sp_refresh_write);
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);
  if (!g_thread_pool_push (self->writer, task, &error))
    g_error ("Could not start the refresh's writer: %s", error->message);
}
