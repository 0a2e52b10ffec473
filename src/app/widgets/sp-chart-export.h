/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-export.h — a chart's PNG or SVG file, encoded and written off
 * the main thread
 *
 * The chart draws on the main thread (its text comes from the widget's
 * Pango context) into a cairo surface: an image surface for a PNG, a
 * recording surface for an SVG.  The worker (a GTask in a thread) encodes
 * that surface and writes the file; nothing in it touches a widget. */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

G_BEGIN_DECLS

typedef enum {
  SP_CHART_EXPORT_PNG,
  SP_CHART_EXPORT_SVG,
} SpChartExportFormat;

/* Writes @surface (taken; an image surface for PNG, a bounded recording
 * surface for SVG, whose extents are the picture's) to @path in a worker.
 * @source_object is the chart (the task's source). */
void     sp_chart_export_async  (gpointer             source_object,
                                 cairo_surface_t     *surface,
                                 SpChartExportFormat  format,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* FALSE with a translated "Could not write “PATH”" when the file could
 * not be written (or G_IO_ERROR_CANCELLED). */
gboolean sp_chart_export_finish (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
