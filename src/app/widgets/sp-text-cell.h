/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text-cell.h — one line of text in a table cell, cheap to change
 *
 * GTK 4.8's list views keep up to 200 rows of widgets alive, and a GtkLabel
 * whose text changes queues a resize: after a search, every label of those
 * rows was measured again (and the toplevel re-measured all of them once
 * more, in an idle before the frame) — about 2,600 text layouts per
 * keystroke with the Offers table's 13 columns.  SpTextCell has a size that
 * does not depend on its text (its column gives it its width), so a new text
 * only redraws it; the text is asked for (through a callback) and laid out
 * only when the cell is drawn — GtkListView draws only the rows in sight
 * (it unmaps the others), so only those cells ever ask.
 *
 * Its CSS name is "label", so the theme's label styles (.dim-label,
 * .warning, .numeric…) apply; its accessible role is a label carrying the
 * text. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_TEXT_CELL (sp_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (SpTextCell, sp_text_cell, SP, TEXT_CELL, GtkWidget)

/* Returns the text to show (newly allocated, may be NULL); sets *@dim to
 * draw it dimmed like .dim-label (decided with the text, when drawn). */
typedef char    *(*SpTextCellTextFunc)    (SpTextCell *cell,
                                           gboolean   *dim,
                                           gpointer    user_data);

GtkWidget  *sp_text_cell_new          (float                 xalign,
                                       int                   width_chars);
void        sp_text_cell_set_text_func (SpTextCell         *self,
                                        SpTextCellTextFunc  text_func,
                                        gpointer            user_data);
/* The text changed: ask again when drawn. */
void        sp_text_cell_invalidate   (SpTextCell           *self);
/* The text, asking the callback first when it is out of date. */
const char *sp_text_cell_get_text     (SpTextCell           *self);
/* Whether the text is wider than the cell (drawn ellipsized). */
gboolean    sp_text_cell_is_cut       (SpTextCell           *self);
/* Cells of one column (same style and width) may share their layouts:
 * a hash table from sp_text_cell_new_layout_cache(), NULL for none. */
GHashTable *sp_text_cell_new_layout_cache (void);
void        sp_text_cell_set_layout_cache (SpTextCell           *self,
                                           GHashTable           *cache);

G_END_DECLS
