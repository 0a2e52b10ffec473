/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-source-dialog.c — add or edit a vendor source
 *
 * Name, URL (checked as you type with sp_source_check_url), format, refresh
 * policy and an optional API key.  The key is never read back from the
 * keyring: an existing key only shows as "Saved in the keyring" with a
 * Forget button.  Save stays disabled while a field is invalid; Escape and
 * Cancel close without saving. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-source-dialog.h"
#include "sp-widget-util.h"

struct _SpSourceDialog
{
  AdwWindow      parent_instance;

  /* template widgets */
  GtkWidget     *save_button;
  AdwEntryRow   *name_row;
  AdwEntryRow   *url_row;
  GtkLabel      *error_label;
  AdwComboRow   *format_row;
  AdwComboRow   *policy_row;
  GtkWidget     *key_saved_row;
  AdwEntryRow   *key_row;

  /* owned */
  SpSource      *source;
  gboolean       forget_key;
  gboolean       valid;
};

G_DEFINE_FINAL_TYPE (SpSourceDialog, sp_source_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- helpers */

static void
validate (SpSourceDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) url_error = NULL;
  gboolean name_ok = sp_source_check_name (name, &name_error);
  gboolean url_ok = sp_source_check_url (url, &url_error);

  /* an empty field is not an error yet, only not ready */
  if (!name_ok && *name != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  if (!url_ok && *url != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");

  if (!url_ok && *url != '\0')
    sp_label_show_error (self->error_label, url_error->message);
  else if (!name_ok && *name != '\0')
    sp_label_show_error (self->error_label, name_error->message);
  else
    sp_label_show_error (self->error_label, NULL);

  self->valid = name_ok && url_ok;
  gtk_widget_set_sensitive (self->save_button, self->valid);
}

/* ------------------------------------------------------------ callbacks */

static void
on_entry_changed (GtkEditable    *editable,
                  SpSourceDialog *self)
{
  validate (self);
}

static void
on_save_clicked (GtkButton      *button,
                 SpSourceDialog *self)
{
  validate (self);
  if (self->valid)
    g_signal_emit (self, signals[SIGNAL_SAVE], 0);
}

static void
on_entry_activated (AdwEntryRow    *row,
                    SpSourceDialog *self)
{
  on_save_clicked (NULL, self);
}

static void
on_forget_clicked (GtkButton      *button,
                   SpSourceDialog *self)
{
  self->forget_key = TRUE;
  gtk_widget_set_visible (self->key_saved_row, FALSE);
}

/* ------------------------------------------------------------- GObject */

static void
sp_source_dialog_dispose (GObject *object)
{
  SpSourceDialog *self = SP_SOURCE_DIALOG (object);

  /* do not leave the typed key in the entry's buffer */
  if (self->key_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SOURCE_DIALOG);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (sp_source_dialog_parent_class)->dispose (object);
}

static void
sp_source_dialog_class_init (SpSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_source_dialog_dispose;

  /**
   * SpSourceDialog::save: the user pressed Save with valid fields
   */
  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, policy_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, key_saved_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceDialog, key_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_source_dialog_init (SpSourceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------- public API */

SpSourceDialog *
sp_source_dialog_new (SpSource *source)
{
  SpSourceDialog *self;

  g_return_val_if_fail (source == NULL || SP_IS_SOURCE (source), NULL);

  self = g_object_new (SP_TYPE_SOURCE_DIALOG, NULL);
  if (source != NULL)
    {
      const char *url = sp_source_get_url (source);

      self->source = g_object_ref (source);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Source"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), sp_source_get_name (source));
      /* the name identifies the source (and its key in the keyring) */
      gtk_editable_set_editable (GTK_EDITABLE (self->name_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
      adw_combo_row_set_selected (self->format_row, (guint) sp_source_get_format (source));
      adw_combo_row_set_selected (self->policy_row, (guint) sp_source_get_refresh_policy (source));
      gtk_widget_set_visible (self->key_saved_row, sp_source_get_has_api_key (source));
    }
  validate (self);
  return self;
}

SpSource *
sp_source_dialog_get_source (SpSourceDialog *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), NULL);
  return self->source;
}

const char *
sp_source_dialog_get_name (SpSourceDialog *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

const char *
sp_source_dialog_get_url (SpSourceDialog *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

SpFeedFormat
sp_source_dialog_get_format (SpSourceDialog *self)
{
  guint selected;

  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), SP_FEED_FORMAT_AUTO);
  selected = adw_combo_row_get_selected (self->format_row);
  return selected <= SP_FEED_FORMAT_LAST ? (SpFeedFormat) selected : SP_FEED_FORMAT_AUTO;
}

SpRefreshPolicy
sp_source_dialog_get_policy (SpSourceDialog *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), SP_REFRESH_MANUAL);
  return adw_combo_row_get_selected (self->policy_row) == 1 ? SP_REFRESH_ON_START
                                                            : SP_REFRESH_MANUAL;
}

const char *
sp_source_dialog_get_api_key (SpSourceDialog *self)
{
  const char *key;

  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), NULL);
  key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  return key != NULL && *key != '\0' ? key : NULL;
}

gboolean
sp_source_dialog_get_forget_key (SpSourceDialog *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), FALSE);
  return self->forget_key;
}

gboolean
sp_source_dialog_is_valid (SpSourceDialog *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_DIALOG (self), FALSE);
  return self->valid;
}

void
sp_source_dialog_set_fields (SpSourceDialog *self,
                             const char     *name,
                             const char     *url,
                             SpFeedFormat    format)
{
  g_return_if_fail (SP_IS_SOURCE_DIALOG (self));

  if (name != NULL && self->source == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  adw_combo_row_set_selected (self->format_row, (guint) format);
  validate (self);
}

void
sp_source_dialog_finish (SpSourceDialog *self,
                         const GError   *error)
{
  g_return_if_fail (SP_IS_SOURCE_DIALOG (self));

  if (error != NULL)
    {
      sp_label_show_error (self->error_label, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}
