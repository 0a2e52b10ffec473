/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text-cell.c — one line of text in a table cell, cheap to change */
#include "config.h"

#include "sp-text-cell.h"

struct _SpTextCell
{
  GtkWidget              parent_instance;

  float                  xalign;
  int                    width_chars;
  char                  *text;
  gboolean               dirty;      /* ask text_func again */
  gboolean               dim;        /* drawn like .dim-label */
  PangoLayout           *layout;     /* NULL until drawn; holds the text */
  gboolean               layout_stale;
  GHashTable            *shared;     /* text → PangoLayout, or NULL */
  SpTextCellTextFunc     text_func;
  gpointer               user_data;
};

G_DEFINE_FINAL_TYPE (SpTextCell, sp_text_cell, GTK_TYPE_WIDGET)

static void
update_text (SpTextCell *self)
{
  char *text;

  if (!self->dirty)
    return;
  self->dirty = FALSE;
  self->dim = FALSE;
  text = self->text_func != NULL ? self->text_func (self, &self->dim, self->user_data) : NULL;
  if (g_strcmp0 (text, self->text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->text);
  self->text = text;
  self->layout_stale = TRUE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text ? self->text : "",
                                  -1);
}

static PangoLayout *
new_layout (SpTextCell *self,
            int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  return layout;
}

/* A layout of the text at @width: the cell's own, or one shared with the
 * cells of its column showing the same text (vendors, regions, billing
 * modes and ages repeat on many rows; shaping is most of a cell's cost). */
static void
ensure_layout (SpTextCell *self,
               int         width)
{
  const PangoFontDescription *font =
    pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  if (self->layout != NULL && !self->layout_stale &&
      pango_layout_get_width (self->layout) == width * PANGO_SCALE &&
      pango_font_description_equal (font, pango_context_get_font_description (pango_layout_get_context (self->layout))))
    return;
  g_clear_object (&self->layout);
  self->layout_stale = FALSE;
  if (self->shared != NULL)
    {
      PangoLayout *layout = g_hash_table_lookup (self->shared, self->text);

      if (layout == NULL ||
          pango_layout_get_width (layout) != width * PANGO_SCALE ||
          !pango_font_description_equal (font, pango_context_get_font_description (pango_layout_get_context (layout))))
        {
          /* a column shows a few hundred texts at most: start again when full */
          if (g_hash_table_size (self->shared) >= 1024)
            g_hash_table_remove_all (self->shared);
          layout = new_layout (self, width);
          g_hash_table_replace (self->shared, g_strdup (self->text), layout);
        }
      self->layout = g_object_ref (layout);
      return;
    }
  self->layout = new_layout (self, width);
}

/* What a cell's size comes from: its font's metrics.  Pango works them
 * out by shaping a sample text for each context (every widget has its own),
 * which was most of measuring the ~3,300 cells of the rows the Offers page
 * makes while its catalog loads: the last answer is kept, for the same
 * font, language, resolution and font options. */
typedef struct {
  PangoFontDescription *font;
  PangoLanguage        *language;
  PangoFontMap         *font_map;
  double                resolution;
  gulong                options_hash;
  int                   char_width;
  int                   ascent;
  int                   descent;
  int                   height;
} CellMetrics;

static const CellMetrics *
cell_metrics (GtkWidget *widget)
{
  static CellMetrics last;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  PangoFontMap *font_map = pango_context_get_font_map (context);
  double resolution = pango_cairo_context_get_resolution (context);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  gulong options_hash = options != NULL ? cairo_font_options_hash (options) : 0;
  PangoFontMetrics *metrics;

  if (last.font != NULL && pango_font_description_equal (last.font, font) &&
      last.language == language && last.font_map == font_map &&
      last.resolution == resolution && last.options_hash == options_hash)
    return &last;
  metrics = pango_context_get_metrics (context, NULL, NULL);
  g_clear_pointer (&last.font, pango_font_description_free);
  last.font = pango_font_description_copy (font);
  last.language = language;
  /* compared, never dereferenced */
  last.font_map = font_map;
  last.resolution = resolution;
  last.options_hash = options_hash;
  last.char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                         pango_font_metrics_get_approximate_digit_width (metrics));
  last.ascent = pango_font_metrics_get_ascent (metrics);
  last.descent = pango_font_metrics_get_descent (metrics);
  last.height = pango_font_metrics_get_height (metrics);
  pango_font_metrics_unref (metrics);
  return &last;
}

static void
sp_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SpTextCell *self = SP_TEXT_CELL (widget);
  const CellMetrics *metrics = cell_metrics (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (metrics->char_width * 3);
      *natural = PANGO_PIXELS_CEIL (metrics->char_width * MAX (self->width_chars, 3));
    }
  else
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (MAX (metrics->height, metrics->ascent + metrics->descent));
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (metrics->ascent);
    }
}

static void
sp_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SpTextCell *self = SP_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  float x, y;

  update_text (self);
  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  ensure_layout (self, width);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = (1.0f - self->xalign) * MAX (width - logical.width, 0);
  else
    x = self->xalign * MAX (width - logical.width, 0);
  /* the layout is as wide as the cell: move the ink, not the box */
  x -= logical.x;
  y = (height - logical.height) / 2.0f;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* libadwaita's .dim-label opacity, without a style change per row */
  if (self->dim)
    color.alpha *= 0.55f;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
sp_text_cell_finalize (GObject *object)
{
  SpTextCell *self = SP_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->shared, g_hash_table_unref);
  g_free (self->text);

  G_OBJECT_CLASS (sp_text_cell_parent_class)->finalize (object);
}

static void
sp_text_cell_class_init (SpTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sp_text_cell_finalize;
  widget_class->measure = sp_text_cell_measure;
  widget_class->snapshot = sp_text_cell_snapshot;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sp_text_cell_init (SpTextCell *self)
{
  self->dirty = TRUE;
}

GtkWidget *
sp_text_cell_new (float xalign,
                  int   width_chars)
{
  SpTextCell *self = g_object_new (SP_TYPE_TEXT_CELL, NULL);

  self->xalign = CLAMP (xalign, 0.0f, 1.0f);
  self->width_chars = width_chars;
  return GTK_WIDGET (self);
}

void
sp_text_cell_set_text_func (SpTextCell         *self,
                            SpTextCellTextFunc  text_func,
                            gpointer            user_data)
{
  g_return_if_fail (SP_IS_TEXT_CELL (self));

  self->text_func = text_func;
  self->user_data = user_data;
  sp_text_cell_invalidate (self);
}

void
sp_text_cell_invalidate (SpTextCell *self)
{
  g_return_if_fail (SP_IS_TEXT_CELL (self));

  self->dirty = TRUE;
  /* nothing while unmapped (GtkListView unmaps the rows out of sight and
   * draws them again when they come back) */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
sp_text_cell_get_text (SpTextCell *self)
{
  g_return_val_if_fail (SP_IS_TEXT_CELL (self), NULL);

  update_text (self);
  return self->text;
}

GHashTable *
sp_text_cell_new_layout_cache (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
sp_text_cell_set_layout_cache (SpTextCell *self,
                               GHashTable *cache)
{
  g_return_if_fail (SP_IS_TEXT_CELL (self));

  if (self->shared == cache)
    return;
  g_clear_pointer (&self->shared, g_hash_table_unref);
  self->shared = cache != NULL ? g_hash_table_ref (cache) : NULL;
  self->layout_stale = TRUE;
}

gboolean
sp_text_cell_is_cut (SpTextCell *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  const char *text;
  int width = 0;

  g_return_val_if_fail (SP_IS_TEXT_CELL (self), FALSE);

  text = sp_text_cell_get_text (self);
  if (text == NULL || *text == '\0')
    return FALSE;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width > gtk_widget_get_width (GTK_WIDGET (self));
}
