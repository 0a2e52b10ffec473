/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-dialogs.c — toasts, the confirmation question and the file chooser
 * the pages share (see sp-dialogs.h) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-dialogs.h"

GtkWindow *
sp_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

AdwToast *
sp_toast_new_plain (const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  return adw_toast_new (escaped);
}

gboolean
sp_toast_show (GtkWidget *widget,
               AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_object_unref (toast);
      return FALSE;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

void
sp_toast_overlay_show_message (AdwToastOverlay *overlay,
                               const char      *message,
                               guint            timeout)
{
  AdwToast *toast = sp_toast_new_plain (message);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (overlay, toast);
}

AdwMessageDialog *
sp_confirm_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *action,
                       const char *action_label)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), action, action_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, action, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

GtkFileChooserNative *
sp_file_chooser_new (GtkWidget            *widget,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept,
                     GtkFileFilter        *filter)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) owned = filter;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (title, sp_widget_get_window (widget), action, accept,
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), owned);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  return native;
}
