/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart-export.h — a chart's PNG or SVG file, encoded and written off
 * the main thread
 *
 * The chart draws on the main thread (its text comes from the widget's
 * Pango context): into an image surface for a PNG, which the worker (a
 * GTask in a thread) encodes and writes; into an SVG document in memory
 * for an SVG (sp_chart_export_svg_begin/_end; cairo writes SVG as it
 * draws), which the worker writes.  Nothing in the worker touches a widget.
 * (A recording surface replayed into an SVG surface in the worker leaked
 * the recording under LSan: cairo 1.16.) */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

G_BEGIN_DECLS

typedef enum {
  SP_CHART_EXPORT_PNG,
  SP_CHART_EXPORT_SVG,
} SpChartExportFormat;

/* An SVG surface of @width × @height that writes into memory; draw on it,
 * then sp_chart_export_svg_end() (which destroys it) gives the document. */
cairo_surface_t *sp_chart_export_svg_begin (double           width,
                                            double           height);
GBytes          *sp_chart_export_svg_end   (cairo_surface_t *svg);

/* Writes to @path in a worker: @surface (taken; an image surface) encoded
 * as a PNG, or when @surface is NULL the SVG document @svg (not taken; NULL
 * when drawing it failed: a write error). @source_object is the chart (the
 * task's source). */
void     sp_chart_export_async  (gpointer             source_object,
                                 cairo_surface_t     *surface,
                                 GBytes              *svg,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* FALSE with a translated "Could not write “PATH”" when the file could
 * not be written (or G_IO_ERROR_CANCELLED). */
gboolean sp_chart_export_finish (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
