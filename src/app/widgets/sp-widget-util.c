/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-widget-util.c — small GTK chores the pages and dialogs share (see
 * sp-widget-util.h) */
#include "config.h"

#include "sp-widget-util.h"

void
sp_label_show_error (GtkLabel   *label,
                     const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

char *
sp_entry_row_dup_text (AdwEntryRow *row)
{
  char *text;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

void
sp_widget_lookup_color (GtkWidget  *widget,
                        const char *name,
                        const char *fallback,
                        GdkRGBA    *out)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (gtk_style_context_lookup_color (context, name, out))
    return;
  if (fallback != NULL)
    gdk_rgba_parse (out, fallback);
  else
    gtk_style_context_get_color (context, out);
}

GtkListItemFactory *
sp_list_item_factory_new (GCallback setup,
                          GCallback bind,
                          gpointer  user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  return factory;
}

void
sp_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
sp_widget_class_install_actions (GtkWidgetClass       *widget_class,
                                 const SpWidgetAction *actions,
                                 gsize                 n_actions)
{
  for (gsize i = 0; i < n_actions; i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter_type,
                                     actions[i].activate);
}

gboolean
sp_follow_object (gpointer slot,
                  gpointer object,
                  gpointer instance)
{
  GObject **old = slot;

  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (object == NULL || G_IS_OBJECT (object), FALSE);

  if (*old == object)
    return FALSE;
  if (*old != NULL)
    g_signal_handlers_disconnect_by_data (*old, instance);
  g_set_object (old, object);
  return TRUE;
}
