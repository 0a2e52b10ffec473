/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-export.c — encode and write a chart's file in a worker (see
 * sp-chart-export.h) */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-svg.h>

#include "sp-chart-export.h"

typedef struct {
  cairo_surface_t     *surface;
  SpChartExportFormat  format;
  char                *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  cairo_surface_destroy (job->surface);
  g_free (job->path);
  g_free (job);
}

/* Replays the recorded drawing into an SVG file. */
static cairo_status_t
write_svg (ExportJob *job)
{
  cairo_rectangle_t extents = { 0, 0, 0, 0 };
  cairo_surface_t *svg;
  cairo_t *cr;
  cairo_status_t status;

  cairo_recording_surface_get_extents (job->surface, &extents);
  svg = cairo_svg_surface_create (job->path, extents.width, extents.height);
  cr = cairo_create (svg);

  cairo_set_source_surface (cr, job->surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_finish (svg);
  status = cairo_surface_status (svg);
  cairo_surface_destroy (svg);
  return status;
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
  if (job->format == SP_CHART_EXPORT_SVG)
    status = write_svg (job);
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
                       SpChartExportFormat  format,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->surface = surface;
  job->format = format;
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
