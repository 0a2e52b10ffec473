/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-columns.c — the Offers page's column widths: measured
 * from the table's texts, and which columns give way in a narrow window
 * (see sp-offers-page.c) */
#include "config.h"

#define SP_OFFERS_PAGE_INTERNAL

#include "sp-offers-page-private.h"

/* ------------------------------------------------------- column widths */

/* Which columns give way, first to last, when the window is too narrow for
 * all of them at their measured widths; the others always stay. */
static const Column give_way[] = {
  COL_UPDATED, COL_LIST_PRICE, COL_REGION, COL_SPEC, COL_GROUP, COL_BILLING, COL_OUTPUT,
};

/* Widest a column gets from its texts (a longer text is ellipsized and
 * told in full in its tooltip); the product and spec columns share what is
 * left, from at least this much. */
static const int column_max[N_COLUMNS] = {
  [COL_WARNINGS] = 120, [COL_VENDOR] = 260, [COL_GROUP] = 240, [COL_NAME] = 170,
  [COL_SPEC] = 130, [COL_REGION] = 150, [COL_BILLING] = 160, [COL_LIST_PRICE] = 240,
  [COL_PRICE] = 240, [COL_INPUT] = 160, [COL_OUTPUT] = 160, [COL_EFFECTIVE] = 240,
  [COL_UPDATED] = 140,
};

/* A cell's padding around its text (libadwaita: 6 px each side, and the
 * column separator) plus room for rounding. */
#define CELL_PADDING 16
/* A title's padding (6 px each side) and its sort arrow (16 px), and room */
#define TITLE_PADDING 34

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int width = 0;

  if (text == NULL)
    return 0;
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* How wide @text is likely to be, in narrow characters (a CJK character
 * counts two): the widest few of a column's sampled texts by this are
 * measured with Pango, not all of them. */
static int
text_estimate (const char *text)
{
  int n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    n += (guchar) *p < 0x80 ? 1 : 2;
  return n;
}

/* The widest texts of a column by text_estimate () */
#define N_CANDIDATES 8

typedef struct {
  int   estimate;
  char *text;
} Candidate;

/* Keeps @text (taken) among @cands if it is one of the widest by estimate */
static void
keep_candidate (Candidate *cands,
                char      *text)
{
  int estimate = text_estimate (text);
  guint narrowest = 0;

  for (guint i = 1; i < N_CANDIDATES; i++)
    if (cands[i].estimate < cands[narrowest].estimate)
      narrowest = i;
  if (text == NULL || (cands[narrowest].text != NULL && estimate <= cands[narrowest].estimate))
    {
      g_free (text);
      return;
    }
  g_free (cands[narrowest].text);
  cands[narrowest].text = text;
  cands[narrowest].estimate = estimate;
}

/* The title widget of @column in the column view's header (while shown). */
static GtkWidget *
column_title (SpOffersPage *self,
              Column        column)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  guint index = 0;

  if (!self->column_shown[column] || header == NULL ||
      g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return NULL;
  for (int c = 0; c < (int) column; c++)
    index += self->column_shown[c];
  for (GtkWidget *t = gtk_widget_get_first_child (header); t != NULL; t = gtk_widget_get_next_sibling (t))
    if (index-- == 0)
      return t;
  return NULL;
}

/* Each wanted column's width: its title or its widest text (every vendor,
 * region and billing mode; prices and ages from up to 400 offers of the kind
 * shown, spread over the catalog), measured in the table's font, within
 * column_max; the warnings column is an icon. */
static void
measure_columns (SpOffersPage *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), NULL);
  int content[N_COLUMNS] = { 0, };
  Candidate cands[N_COLUMNS][N_CANDIDATES] = { { { 0, NULL } } };
  static const struct { Column column; SpTableDistinct what; } few[] = {
    { COL_VENDOR, SP_TABLE_DISTINCT_VENDOR },
    { COL_REGION, SP_TABLE_DISTINCT_REGION },
    { COL_BILLING, SP_TABLE_DISTINCT_BILLING },
  };
  g_autoptr(GArray) sample = NULL;

  if (self->table == NULL)
    return;
  /* a column of few texts (vendors, regions, billing modes) is measured
   * over all of them: one offer of each (the engine's one pass) */
  for (gsize k = 0; k < G_N_ELEMENTS (few); k++)
    {
      g_autoptr(GArray) rows = NULL;

      if (!self->column_wanted[few[k].column])
        continue;
      rows = sp_offer_table_distinct_rows (self->table, self->kind, few[k].what);
      for (guint i = 0; i < rows->len; i++)
        {
          g_autofree char *text = _sp_offers_page_cell_text (self, few[k].column,
                                                             g_array_index (rows, guint, i));

          content[few[k].column] = MAX (content[few[k].column], text_width (layout, text));
        }
    }
  /* prices and ages from up to 400 offers of the kind shown: the widest
   * few of each column by their characters are measured (measuring all
   * 2,400 took ~15 ms of the first view) */
  sample = sp_offer_table_sample_rows (self->table, self->kind, 400, NULL);
  for (guint i = 0; i < sample->len; i++)
    for (int c = 0; c < N_COLUMNS; c++)
      {
        if (c == COL_WARNINGS || c == COL_NAME || c == COL_SPEC || c == COL_GROUP ||
            c == COL_VENDOR || c == COL_REGION || c == COL_BILLING ||
            !self->column_wanted[c])
          continue;
        keep_candidate (cands[c], _sp_offers_page_cell_text (self, c, g_array_index (sample, guint, i)));
      }
  for (int c = 0; c < N_COLUMNS; c++)
    for (guint i = 0; i < N_CANDIDATES; i++)
      {
        content[c] = MAX (content[c], text_width (layout, cands[c][i].text));
        g_free (cands[c][i].text);
      }
  content[COL_WARNINGS] = 16; /* dialog-warning-symbolic */
  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *title = column_title (self, c);
      GtkWidget *label = title != NULL ? gtk_widget_get_first_child (title) : NULL;
      int title_width = 0;
      int width;

      /* the title's label (in the header's font), its padding and the sort arrow */
      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label);
      if (label != NULL)
        gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &title_width, NULL, NULL);
      else
        title_width = text_width (layout, gtk_column_view_column_get_title (self->columns[c]));
      title_width += TITLE_PADDING;
      /* a column with no cap (none given) is as wide as its texts */
      width = MAX (column_max[c] > 0 ? MIN (content[c] + CELL_PADDING, column_max[c])
                                     : content[c] + CELL_PADDING, title_width);
      if (c == COL_NAME || c == COL_SPEC)
        width = MAX (column_max[c], title_width);
      self->column_width[c] = width;
      gtk_column_view_column_set_fixed_width (self->columns[c], width);
    }
}

/* Shows the wanted columns that fit in the table's width, giving way in
 * the order of give_way[]. */
void
_sp_offers_page_fit_columns (SpOffersPage *self)
{
  int room = gtk_widget_get_width (GTK_WIDGET (self->column_view));
  gboolean gives_way[N_COLUMNS] = { FALSE, };
  int total = 0;

  /* not allocated yet (the offers are about to be shown for the first
   * time): the page's width, which the view fills; a wrong guess is put
   * right when the view gets its width (_sp_offers_page_on_view_width_changed
   * ()).  Fitting only then took the columns that give way out of rows
   * already filled and laid out, after the first frame with the offers. */
  if (room <= 0)
    room = gtk_widget_get_width (GTK_WIDGET (self));
  if (room <= 0 || self->column_width[COL_VENDOR] == 0)
    return;
  /* each column also has its separator */
  for (int c = 0; c < N_COLUMNS; c++)
    if (self->column_wanted[c])
      total += self->column_width[c] + 2;
  for (guint i = 0; i < G_N_ELEMENTS (give_way) && total > room; i++)
    if (self->column_wanted[give_way[i]])
      {
        gives_way[give_way[i]] = TRUE;
        total -= self->column_width[give_way[i]] + 2;
      }
  for (int c = 0; c < N_COLUMNS; c++)
    _sp_offers_page_put_column (self, c, self->column_wanted[c] && !gives_way[c]);
}

static gboolean
fit_idle_cb (gpointer data)
{
  SpOffersPage *self = data;

  self->fit_idle = 0;
  if (self->measure_pending)
    measure_columns (self);
  self->measure_pending = FALSE;
  _sp_offers_page_fit_columns (self);
  return G_SOURCE_REMOVE;
}

/* Columns are put in or taken out of the view outside its size allocation */
static void
schedule_refit (SpOffersPage *self)
{
  if (self->fit_idle == 0 && self->table != NULL)
    self->fit_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 5, fit_idle_cb, self, NULL);
}

/* Measures and fits at once (a catalog just loaded: before the rows are
 * filled, so the columns that give way are taken out of empty rows) */
void
_sp_offers_page_fit_now (SpOffersPage *self)
{
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  measure_columns (self);
  self->measure_pending = FALSE;
  _sp_offers_page_fit_columns (self);
}

void
_sp_offers_page_schedule_fit (SpOffersPage *self)
{
  self->measure_pending = TRUE;
  schedule_refit (self);
}

void
_sp_offers_page_on_view_width_changed (SpOffersPage *self)
{
  schedule_refit (self);
}
