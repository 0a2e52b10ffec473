/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-source-dialog.h — add or edit a vendor source */
#pragma once

#include <adwaita.h>

#include "sp-source.h"

G_BEGIN_DECLS

#define SP_TYPE_SOURCE_DIALOG (sp_source_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SpSourceDialog, sp_source_dialog, SP, SOURCE_DIALOG, AdwWindow)

/* @source: the source to edit, or NULL to add a new one.  The dialog only
 * collects and checks the fields; it emits ::save and whoever handles it
 * stores the source, then calls sp_source_dialog_finish(). */
SpSourceDialog  *sp_source_dialog_new           (SpSource *source);
SpSource        *sp_source_dialog_get_source    (SpSourceDialog *self);
const char      *sp_source_dialog_get_name      (SpSourceDialog *self);
const char      *sp_source_dialog_get_url       (SpSourceDialog *self);
SpFeedFormat     sp_source_dialog_get_format    (SpSourceDialog *self);
SpRefreshPolicy  sp_source_dialog_get_policy    (SpSourceDialog *self);
/* The API key typed (NULL when the field is empty). */
const char      *sp_source_dialog_get_api_key   (SpSourceDialog *self);
/* TRUE when the user asked to forget the saved key. */
gboolean         sp_source_dialog_get_forget_key (SpSourceDialog *self);
/* Whether the fields are valid (Save is enabled). */
gboolean         sp_source_dialog_is_valid      (SpSourceDialog *self);
/* Fill the fields (tests, presets). */
void             sp_source_dialog_set_fields    (SpSourceDialog *self,
                                                 const char     *name,
                                                 const char     *url,
                                                 SpFeedFormat    format);
/* Closes the dialog when @error is NULL, shows @error otherwise. */
void             sp_source_dialog_finish        (SpSourceDialog *self,
                                                 const GError   *error);

G_END_DECLS
