/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-widget-util.h — small GTK chores the pages and dialogs share: an
 * error label, an entry row's trimmed text, a theme colour, a list item
 * factory, emptying a list box, a table of widget actions, following the
 * store service */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @message in @label, or hides the label when @message is NULL. */
void sp_label_show_error             (GtkLabel   *label,
                                      const char *message);

/* The text of @row without leading and trailing white space, or NULL when
 * that leaves nothing; free with g_free(). */
char *sp_entry_row_dup_text          (AdwEntryRow *row);

/* The theme's named colour @name (e.g. "accent_color") for @widget; when
 * the theme has none, @fallback ("#rrggbb") or, @fallback NULL, the
 * widget's foreground colour. */
void sp_widget_lookup_color          (GtkWidget  *widget,
                                      const char *name,
                                      const char *fallback,
                                      GdkRGBA    *out);

/* A GtkSignalListItemFactory whose "setup" and "bind" call @setup and
 * @bind with @user_data. */
GtkListItemFactory *sp_list_item_factory_new (GCallback setup,
                                              GCallback bind,
                                              gpointer  user_data);

/* Removes every row of @list. */
void sp_list_box_remove_all          (GtkListBox *list);

/* One action of a widget class, as gtk_widget_class_install_action ()
 * takes it: "group.name", the parameter's GVariant type (or NULL) and the
 * handler. */
typedef struct
{
  const char                  *name;
  const char                  *parameter_type;
  GtkWidgetActionActivateFunc  activate;
} SpWidgetAction;

/* Installs each of the @n_actions @actions on @widget_class. */
void sp_widget_class_install_actions (GtkWidgetClass       *widget_class,
                                      const SpWidgetAction *actions,
                                      gsize                 n_actions);

/* Points *@slot (a GObject *, holding a reference) at @object; when that
 * is another object than before, disconnects the old one's handlers whose
 * data is @instance and returns TRUE: the caller then connects to the new
 * one.  @object NULL lets go of the old one (in dispose). */
gboolean sp_follow_object            (gpointer    slot,
                                      gpointer    object,
                                      gpointer    instance);

G_END_DECLS
