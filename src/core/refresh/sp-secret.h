/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-secret.h — vendor API keys in the system keyring (libsecret)
 *
 * Keys never touch the SQLite file, GSettings, logs or error messages.  They
 * are stored under the schema "io.github.suanpan.Suanpan.ApiKey" with the
 * attribute "source" = the source name.  $SUANPAN_SECRET_COLLECTION=session
 * keeps them in the in-memory session collection (tests, no unlock prompt). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      sp_secret_store_async   (const char *source, const char *api_key, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
gboolean  sp_secret_store_finish  (GAsyncResult *result, GError **error);
void      sp_secret_lookup_async  (const char *source, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
/* Returns the key (free with g_free after clearing it), or NULL with no error when there is none. */
char     *sp_secret_lookup_finish (GAsyncResult *result, GError **error);
void      sp_secret_clear_async   (const char *source, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
gboolean  sp_secret_clear_finish  (GAsyncResult *result, GError **error);

/* Synchronous forms, for the command line. */
gboolean  sp_secret_store_sync    (const char *source, const char *api_key, GError **error);
char     *sp_secret_lookup_sync   (const char *source, GError **error);
gboolean  sp_secret_clear_sync    (const char *source, GError **error);

/* TRUE when @error means there is no keyring to talk to (no session bus, or
 * no Secret Service on it), as opposed to a keyring that refused. */
gboolean  sp_secret_error_is_unavailable (const GError *error);

G_END_DECLS
