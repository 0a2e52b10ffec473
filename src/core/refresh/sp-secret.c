/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-secret.c — vendor API keys in the system keyring (libsecret)
 *
 * The key is handed straight to libsecret and never copied anywhere else:
 * not into the store, not into GSettings, not into a log or an error
 * message.  Copies handed back to callers are wiped before they are freed
 * where this file frees them. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "sp-secret.h"

/* ------------------------------------------------------------------ helpers */

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.suanpan.Suanpan.ApiKey",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "source", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

static const char *
collection (void)
{
  if (g_strcmp0 (g_getenv ("SUANPAN_SECRET_COLLECTION"), "session") == 0)
    return SECRET_COLLECTION_SESSION;
  return SECRET_COLLECTION_DEFAULT;
}

static GHashTable *
attributes_for (const char *source)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "source", g_strdup (source));
  return attributes;
}

/* The task of an _async call, tagged @source_tag for its _finish. */
static GTask *
secret_task_new (gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/* Whether @result is the task of the _async call tagged @source_tag. */
static gboolean
secret_task_is (GAsyncResult *result,
                gpointer      source_tag)
{
  return g_task_is_valid (result, NULL) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

static void
wipe_free (gpointer data)
{
  char *key = data;

  if (key == NULL)
    return;
  memset (key, 0, strlen (key));
  g_free (key);
}

/* libsecret's own copy goes back through secret_password_free (which wipes
 * it); the caller gets a plain g_malloc copy. */
static char *
take_password (char *password)
{
  char *copy;

  if (password == NULL)
    return NULL;
  copy = g_strdup (password);
  secret_password_free (password);
  return copy;
}

/* libsecret's errors (D-Bus, no keyring, locked) never carry the secret; a
 * plain-words prefix says what was being done. */
static void
prefix_error (GError     **error,
              const char  *what)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, "%s: ", what);
}

static gboolean
check_key (const char  *api_key,
           GError     **error)
{
  if (api_key == NULL || api_key[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The API key is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (api_key, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The API key is not valid text"));
      return FALSE;
    }
  return TRUE;
}

/* Each outcome in our words: shared by the callbacks and the sync forms. */
static gboolean
store_done (gboolean   stored,
            GError   **error)
{
  if (!stored)
    prefix_error (error, _("Could not save the API key in the keyring"));
  return stored;
}

/* @error: where libsecret put its error (never NULL itself) */
static char *
lookup_done (char     *password,
             GError  **error)
{
  if (*error != NULL)
    {
      prefix_error (error, _("Could not read the API key from the keyring"));
      return NULL;
    }
  return take_password (password);
}

/* @error: where libsecret put its error (never NULL itself) */
static gboolean
clear_done (gboolean   removed,
            GError   **error)
{
  /* FALSE without an error only means there was no key to remove */
  if (!removed && *error != NULL)
    {
      prefix_error (error, _("Could not remove the API key from the keyring"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ callbacks */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!store_done (secret_password_store_finish (result, &error), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = lookup_done (secret_password_lookup_finish (result, &error), &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, key, wipe_free);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!clear_done (secret_password_clear_finish (result, &error), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------ public API */

/* secret_password_lookupv() and secret_password_clearv() take the same
 * arguments. */
typedef void (*SecretCall) (const SecretSchema  *schema,
                            GHashTable          *attributes,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);

/* Starts @call on @source's key; @done finishes the task tagged @source_tag. */
static void
secret_call_async (SecretCall           call,
                   GAsyncReadyCallback  done,
                   const char          *source,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = attributes_for (source);

  call (api_key_schema (), attributes, cancellable, done,
        secret_task_new (source_tag, cancellable, callback, user_data));
}

void
sp_secret_store_async (const char          *source,
                       const char          *api_key,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  g_return_if_fail (source != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = secret_task_new (sp_secret_store_async, cancellable, callback, user_data);
  if (!check_key (api_key, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  attributes = attributes_for (source);
  label = g_strdup_printf (_("Suanpan API key for %s"), source);
  secret_password_storev (api_key_schema (), attributes, collection (), label, api_key,
                          cancellable, store_cb, g_steal_pointer (&task));
}

gboolean
sp_secret_store_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (secret_task_is (result, sp_secret_store_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sp_secret_lookup_async (const char          *source,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (source != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  secret_call_async (secret_password_lookupv, lookup_cb, source, sp_secret_lookup_async,
                     cancellable, callback, user_data);
}

char *
sp_secret_lookup_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (secret_task_is (result, sp_secret_lookup_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sp_secret_clear_async (const char          *source,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (source != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  secret_call_async (secret_password_clearv, clear_cb, source, sp_secret_clear_async,
                     cancellable, callback, user_data);
}

/* TRUE also when there was no key to remove. */
gboolean
sp_secret_clear_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (secret_task_is (result, sp_secret_clear_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
sp_secret_store_sync (const char  *source,
                      const char  *api_key,
                      GError     **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_key (api_key, error))
    return FALSE;

  attributes = attributes_for (source);
  label = g_strdup_printf (_("Suanpan API key for %s"), source);
  return store_done (secret_password_storev_sync (api_key_schema (), attributes, collection (),
                                                  label, api_key, NULL, error),
                     error);
}

char *
sp_secret_lookup_sync (const char  *source,
                       GError     **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;
  char *key;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  attributes = attributes_for (source);
  key = lookup_done (secret_password_lookupv_sync (api_key_schema (), attributes, NULL,
                                                   &local_error),
                     &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return key;
}

gboolean
sp_secret_clear_sync (const char  *source,
                      GError     **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attributes = attributes_for (source);
  if (!clear_done (secret_password_clearv_sync (api_key_schema (), attributes, NULL,
                                                &local_error),
                   &local_error))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_secret_error_is_unavailable (const GError *error)
{
  if (error == NULL)
    return FALSE;
  /* no session bus at all (g_bus_get: no address, cannot autolaunch) */
  if (error->domain == G_IO_ERROR &&
      (error->code == G_IO_ERROR_FAILED || error->code == G_IO_ERROR_NOT_FOUND ||
       error->code == G_IO_ERROR_NOT_SUPPORTED || error->code == G_IO_ERROR_CONNECTION_REFUSED))
    return TRUE;
  /* a bus, but nobody provides org.freedesktop.secrets */
  if (error->domain == G_DBUS_ERROR)
    switch (error->code)
      {
      case G_DBUS_ERROR_SERVICE_UNKNOWN:
      case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
      case G_DBUS_ERROR_NO_SERVER:
      case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
      case G_DBUS_ERROR_SPAWN_FAILED:
      case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
      case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
      case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        return TRUE;
      default:
        return FALSE;
      }
  return FALSE;
}
