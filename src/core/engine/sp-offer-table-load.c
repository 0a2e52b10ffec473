/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-table-load.c — reading the store's offers into an SpOfferTable
 *
 * The store reads the rows (sp-store-offer-rows.c: one read-only
 * connection, one SELECT in the store's order (source, id)); this makes one
 * record a row and no SpOffer. */
#include "config.h"
#include <malloc.h>
#define SP_TRACE(what) do { if (g_getenv ("SP_TRACE")) { struct mallinfo2 mi_ = mallinfo2 (); g_printerr ("TRACE %" G_GINT64_FORMAT " %s heap=%zuk free=%zuk\n", g_get_monotonic_time (), what, (mi_.uordblks + mi_.hblkhd) / 1024, mi_.fordblks / 1024); } } while (0)

#include "sp-store-offer-rows.h"
#include "sp-offer-table-private.h"

static void
append_row (const SpOfferRow *row,
            gpointer          user_data)
{
  sp_offer_table_append (user_data, row);
}

SpOfferTable *
sp_offer_table_load (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(SpOfferTable) table = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  SP_TRACE ("read start");
  table = sp_offer_table_new_building ();
  if (!sp_store_read_offer_rows (path, append_row, table, cancellable, error))
    return NULL;
  SP_TRACE ("read end");
  sp_offer_table_seal (table);
  SP_TRACE ("seal end");
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
