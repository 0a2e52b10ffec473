/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-export.c — encode and write a chart's file in a worker (see
 * sp-chart-export.h) */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-svg.h>

#include "sp-chart-export.h"

typedef struct {
  cairo_surface_t     *surface;  /* PNG */
  GBytes              *svg;      /* SVG */
  char                *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_clear_pointer (&job->svg, g_bytes_unref);
  g_free (job->path);
  g_free (job);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_user_data_key_t document_key;

cairo_surface_t *
sp_chart_export_svg_begin (double width,
                           double height)
{
  GByteArray *document = g_byte_array_new ();
  cairo_surface_t *svg = cairo_svg_surface_create_for_stream (append_to_array, document,
                                                              width, height);

  /* freed with the surface unless sp_chart_export_svg_end () takes it */
  cairo_surface_set_user_data (svg, &document_key, document,
                               (cairo_destroy_func_t) g_byte_array_unref);
  return svg;
}

GBytes *
sp_chart_export_svg_end (cairo_surface_t *svg)
{
  GByteArray *document = g_byte_array_ref (cairo_surface_get_user_data (svg, &document_key));
  cairo_status_t status;

  cairo_surface_finish (svg);   /* writes the document's end */
  status = cairo_surface_status (svg);
  cairo_surface_destroy (svg);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (document);
      return NULL;
    }
  return g_byte_array_free_to_bytes (document);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  cairo_status_t status;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->surface == NULL)
    status = job->svg != NULL &&
             g_file_set_contents (job->path, g_bytes_get_data (job->svg, NULL),
                                  (gssize) g_bytes_get_size (job->svg), NULL)
             ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
  else
    status = cairo_surface_write_to_png (job->surface, job->path);
  if (status != CAIRO_STATUS_SUCCESS)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"),
                             job->path);
  else
    g_task_return_boolean (task, TRUE);
}

void
sp_chart_export_async (gpointer             source_object,
                       cairo_surface_t     *surface,
                       GBytes              *svg,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->surface = surface;
  job->svg = svg != NULL ? g_bytes_ref (svg) : NULL;
  job->path = g_strdup (path);
  g_task_set_source_tag (task, sp_chart_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
sp_chart_export_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_chart_export_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
