/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spend-chart-export.c — the spend chart as a PNG or SVG file: drawn
 * here on the main thread, encoded and written by widgets/sp-chart-export
 * in a worker (the chart itself: sp-spend-chart.c) */
#include "config.h"

#include <adwaita.h>

#include "sp-async-wait.h"
#include "sp-spend-chart-private.h"

static void
size_or_current (SpSpendChart *self,
                 int          *width,
                 int          *height)
{
  if (*width <= 0)
    *width = gtk_widget_get_width (GTK_WIDGET (self));
  if (*height <= 0)
    *height = gtk_widget_get_height (GTK_WIDGET (self));
  if (*width <= 0)
    *width = 720;
  if (*height <= 0)
    *height = 300;
}

static void
background_color (SpSpendChart *self,
                  GdkRGBA      *out)
{
  sp_widget_lookup_color (GTK_WIDGET (self), "window_bg_color", sp_spend_chart_is_dark () ? "#242424" : "#fafafa", out);
}

/* The chart drawn by the renderer (as the window draws it), downloaded
 * into an image surface. */
static cairo_surface_t *
render_to_image (SpSpendChart  *self,
                 GskRenderer   *renderer,
                 const GdkRGBA *bg,
                 int            width,
                 int            height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  Painter painter;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  sp_spend_chart_painter_init_snapshot (&painter, snapshot);
  gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sp_spend_chart_paint (self, &painter, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The chart drawn by cairo on @surface (an image or SVG surface) */
static void
paint_with_cairo (SpSpendChart    *self,
                  cairo_surface_t *surface,
                  const GdkRGBA   *bg,
                  int              width,
                  int              height)
{
  cairo_t *cr = cairo_create (surface);
  Painter painter;

  sp_spend_chart_painter_init_cairo (&painter, cr);
  gdk_cairo_set_source_rgba (cr, bg);
  cairo_paint (cr);
  sp_spend_chart_paint (self, &painter, width, height);
  cairo_destroy (cr);
}

/* What the export worker writes, drawn here on the main thread (the text
 * comes from the widget): for a PNG an image surface (from the renderer
 * when the chart is in a window, else drawn by cairo), for an SVG the
 * document itself (cairo writes SVG as it draws; the worker writes the
 * file). */
void
sp_spend_chart_export_async (SpSpendChart        *self,
                             const char          *path,
                             SpChartExportFormat  format,
                             int                  width,
                             int                  height,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GtkNative *native;
  cairo_surface_t *surface = NULL;
  g_autoptr(GBytes) svg = NULL;
  GdkRGBA bg;

  g_return_if_fail (SP_IS_SPEND_CHART (self));
  g_return_if_fail (path != NULL);

  size_or_current (self, &width, &height);
  background_color (self, &bg);
  native = gtk_widget_get_native (GTK_WIDGET (self));
  if (format == SP_CHART_EXPORT_SVG)
    {
      cairo_surface_t *document = sp_chart_export_svg_begin (width, height);

      paint_with_cairo (self, document, &bg, width, height);
      svg = sp_chart_export_svg_end (document);
    }
  else if (native != NULL && gtk_native_get_renderer (native) != NULL)
    surface = render_to_image (self, gtk_native_get_renderer (native), &bg, width, height);
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      paint_with_cairo (self, surface, &bg, width, height);
    }
  sp_chart_export_async (self, surface, svg, path, cancellable, callback, user_data);
}

gboolean
sp_spend_chart_export_finish (SpSpendChart  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return sp_chart_export_finish (result, error);
}

/* The export, waited for (test hooks). */
static gboolean
export_and_wait (SpSpendChart         *self,
                 const char           *path,
                 SpChartExportFormat   format,
                 int                   width,
                 int                   height,
                 GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (SP_IS_SPEND_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  sp_spend_chart_export_async (self, path, format, width, height, NULL, sp_async_wait_store,
                               &result);
  sp_async_wait (&result);
  return sp_spend_chart_export_finish (self, result, error);
}

gboolean
sp_spend_chart_save_png (SpSpendChart  *self,
                         const char    *path,
                         int            width,
                         int            height,
                         GError       **error)
{
  return export_and_wait (self, path, SP_CHART_EXPORT_PNG, width, height, error);
}

gboolean
sp_spend_chart_save_svg (SpSpendChart  *self,
                         const char    *path,
                         int            width,
                         int            height,
                         GError       **error)
{
  return export_and_wait (self, path, SP_CHART_EXPORT_SVG, width, height, error);
}
