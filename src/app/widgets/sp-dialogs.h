/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-dialogs.h — what the pages and windows share to speak to the user:
 * toasts with plain-text titles, the Cancel-or-do-it question, and the
 * file chooser with one filter and "All files" */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The window @widget is in, or NULL: the parent of its dialogs. */
GtkWindow            *sp_widget_get_window   (GtkWidget  *widget);

/* A toast whose title is @message as plain text (toast titles are Pango
 * markup; messages quote file names, URLs and parser errors with < and &). */
AdwToast             *sp_toast_new_plain     (const char *message);
/* Shows @toast (taking it) in the toast overlay @widget is inside; FALSE,
 * the toast dropped, when @widget is in none. */
gboolean              sp_toast_show          (GtkWidget  *widget,
                                              AdwToast   *toast);
/* sp_toast_new_plain (@message) with @timeout seconds (0: until
 * dismissed) added to @overlay. */
void                  sp_toast_overlay_show_message (AdwToastOverlay *overlay,
                                                     const char      *message,
                                                     guint            timeout);

/* A question over @parent: "Cancel" (the default, and what closing
 * answers) or the destructive @action (a response id) labelled
 * @action_label; @body may be NULL.  Not presented yet. */
AdwMessageDialog     *sp_confirm_dialog_new  (GtkWindow  *parent,
                                              const char *heading,
                                              const char *body,
                                              const char *action,
                                              const char *action_label);

/* A modal file chooser over @widget's window offering @filter (taken)
 * and "All files"; not shown yet. */
GtkFileChooserNative *sp_file_chooser_new    (GtkWidget            *widget,
                                              const char           *title,
                                              GtkFileChooserAction  action,
                                              const char           *accept,
                                              GtkFileFilter        *filter);

G_END_DECLS
