/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-secret.c — API keys in the keyring (libsecret, session collection)
 *
 * Runs under dbus-run-session: gnome-keyring-daemon is started by D-Bus
 * activation on the private bus.  With no Secret Service reachable at all
 * the keyring tests skip with a message; everything else must pass. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <libsecret/secret.h>

#include "sp-secret.h"
#include "sp-test-util.h"

/* The contract from sp-secret.h, written out again on purpose. */
static const SecretSchema test_schema = {
  "io.github.suanpan.Suanpan.ApiKey", SECRET_SCHEMA_NONE,
  {
    { "source", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* ------------------------------------------------------------------ helpers */

/* A source name unique to this process, so parallel tests sharing one
 * keyring daemon never see each other's keys. */
static char *
unique_name (const char *base)
{
  return g_strdup_printf ("%s-%d", base, (int) getpid ());
}

static gboolean
keyring_available (void)
{
  static int available = -1;

  if (available < 0)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = unique_name ("probe");
      g_autofree char *key = sp_secret_lookup_sync (name, &error);

      if (error != NULL && sp_secret_error_is_unavailable (error))
        {
          g_test_message ("no Secret Service: %s", error->message);
          available = 0;
        }
      else
        {
          g_assert_no_error (error);
          g_assert_null (key);
          available = 1;
        }
    }
  if (!available)
    g_test_skip ("No Secret Service (keyring) can be reached on the session bus; "
                 "run the tests under dbus-run-session with gnome-keyring installed");
  return available == 1;
}

static void
free_key (char *key)
{
  if (key != NULL)
    {
      memset (key, 0, strlen (key));
      g_free (key);
    }
}

static char *
lookup (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *key = sp_secret_lookup_sync (name, &error);

  g_assert_no_error (error);
  return key;
}

/* as the cases name them */
#define async_done sp_test_async_done
#define wait_for sp_test_wait_for

/* ------------------------------------------------------------------ tests */

static void
test_round_trip_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = unique_name ("roundtrip");
  char *key;

  if (!keyring_available ())
    return;

  g_assert_true (sp_secret_store_sync (name, "sk-or-v1-0123456789abcdef", &error));
  g_assert_no_error (error);
  key = lookup (name);
  g_assert_cmpstr (key, ==, "sk-or-v1-0123456789abcdef");
  free_key (key);

  /* storing again replaces, it does not add a second item */
  g_assert_true (sp_secret_store_sync (name, "sk-second-key", &error));
  g_assert_no_error (error);
  key = lookup (name);
  g_assert_cmpstr (key, ==, "sk-second-key");
  free_key (key);

  g_assert_true (sp_secret_clear_sync (name, &error));
  g_assert_no_error (error);
  g_assert_null (lookup (name));

  /* clearing a key that is not there is not an error */
  g_assert_true (sp_secret_clear_sync (name, &error));
  g_assert_no_error (error);
}

static void
test_missing_is_null (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = unique_name ("never-stored");
  char *key;

  if (!keyring_available ())
    return;

  key = sp_secret_lookup_sync (name, &error);
  g_assert_no_error (error);
  g_assert_null (key);
}

static void
test_sources_independent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = unique_name ("vendor-a");
  g_autofree char *b = unique_name ("vendor-b");
  char *key;

  if (!keyring_available ())
    return;

  g_assert_true (sp_secret_store_sync (a, "key-for-a", &error));
  g_assert_true (sp_secret_store_sync (b, "key-for-b", &error));
  g_assert_no_error (error);

  key = lookup (a);
  g_assert_cmpstr (key, ==, "key-for-a");
  free_key (key);
  key = lookup (b);
  g_assert_cmpstr (key, ==, "key-for-b");
  free_key (key);

  /* a name that is a prefix of another is a different source */
  {
    g_autofree char *prefix = g_strndup (a, strlen (a) - 1);
    g_assert_null (lookup (prefix));
  }

  g_assert_true (sp_secret_clear_sync (a, &error));
  g_assert_no_error (error);
  g_assert_null (lookup (a));
  key = lookup (b);
  g_assert_cmpstr (key, ==, "key-for-b");
  free_key (key);

  g_assert_true (sp_secret_clear_sync (b, &error));
  g_assert_no_error (error);
}

/* Where the item went: the schema name, the attribute, the label and the
 * session collection chosen by $SUANPAN_SECRET_COLLECTION. */
static void
test_item_attributes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = unique_name ("labelled");
  g_autofree char *label = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GHashTable) item_attributes = NULL;
  GList *items;
  SecretItem *item;

  if (!keyring_available ())
    return;

  g_assert_true (sp_secret_store_sync (name, "sk-attr-test", &error));
  g_assert_no_error (error);

  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (gpointer) "source", name);
  items = secret_service_search_sync (NULL, &test_schema, attributes,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item = items->data;

  label = secret_item_get_label (item);
  {
    g_autofree char *expected = g_strdup_printf ("Suanpan API key for %s", name);
    g_assert_cmpstr (label, ==, expected);
  }
  item_attributes = secret_item_get_attributes (item);
  g_assert_cmpstr (g_hash_table_lookup (item_attributes, "source"), ==, name);
  g_assert_cmpstr (g_hash_table_lookup (item_attributes, "xdg:schema"), ==,
                   "io.github.suanpan.Suanpan.ApiKey");
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (G_DBUS_PROXY (item)),
                                   "/org/freedesktop/secrets/collection/session/"));
  g_list_free_full (items, g_object_unref);

  g_assert_true (sp_secret_clear_sync (name, &error));
  g_assert_no_error (error);
}

static void
test_round_trip_async (void)
{
  g_autofree char *name = unique_name ("async");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  char *key;

  if (!keyring_available ())
    return;

  sp_secret_store_async (name, "sk-async-42", NULL, async_done, &result);
  g_assert_true (sp_secret_store_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  sp_secret_lookup_async (name, NULL, async_done, &result);
  key = sp_secret_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "sk-async-42");
  free_key (key);
  g_clear_object (&result);

  sp_secret_clear_async (name, NULL, async_done, &result);
  g_assert_true (sp_secret_clear_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  sp_secret_lookup_async (name, NULL, async_done, &result);
  key = sp_secret_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_clear_object (&result);

  /* clearing again: still fine */
  sp_secret_clear_async (name, NULL, async_done, &result);
  g_assert_true (sp_secret_clear_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
}

static void
test_cancelled (void)
{
  g_autofree char *name = unique_name ("cancelled");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  char *key;

  if (!keyring_available ())
    return;

  g_cancellable_cancel (cancellable);
  sp_secret_store_async (name, "sk-never-stored", cancellable, async_done, &result);
  g_assert_false (sp_secret_store_finish (wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (strstr (error->message, "sk-never-stored"));
  g_clear_object (&result);
  g_clear_error (&error);

  key = lookup (name);
  g_assert_null (key);
}

static void
test_empty_key_refused (void)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  /* refused before any D-Bus traffic: no keyring needed */
  g_assert_false (sp_secret_store_sync ("x", "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (sp_secret_store_sync ("x", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  sp_secret_store_async ("x", "", NULL, async_done, &result);
  g_assert_false (sp_secret_store_finish (wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_object (&result);
}

/* With no bus at all: a plain error that names the action, never the key,
 * and reads as "keyring unavailable".  In a subprocess, because libsecret
 * keeps its service connection for the life of the process. */
static void
test_no_bus_error (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/suanpan-test-bus", TRUE);
      g_unsetenv ("DISPLAY");

      g_assert_false (sp_secret_store_sync ("nobus", "sk-secret-do-not-leak-77", &error));
      g_assert_nonnull (error);
      g_assert_null (strstr (error->message, "sk-secret-do-not-leak-77"));
      g_assert_true (g_str_has_prefix (error->message, "Could not save the API key in the keyring"));
      g_assert_true (sp_secret_error_is_unavailable (error));
      g_clear_error (&error);

      key = sp_secret_lookup_sync ("nobus", &error);
      g_assert_null (key);
      g_assert_nonnull (error);
      g_assert_true (sp_secret_error_is_unavailable (error));
      g_print ("no-bus error: %s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*no-bus error: Could not read the API key from the keyring: *");
  g_test_trap_assert_stdout_unmatched ("*sk-secret-do-not-leak-77*");
}

static void
test_error_classification (void)
{
  g_autoptr(GError) unknown = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "x");
  g_autoptr(GError) denied = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED, "x");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

  g_assert_false (sp_secret_error_is_unavailable (NULL));
  g_assert_true (sp_secret_error_is_unavailable (unknown));
  g_assert_false (sp_secret_error_is_unavailable (denied));
  g_assert_false (sp_secret_error_is_unavailable (cancelled));
}

int
main (int argc, char **argv)
{
  g_setenv ("SUANPAN_SECRET_COLLECTION", "session", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret/round-trip-sync", test_round_trip_sync);
  g_test_add_func ("/secret/missing-is-null", test_missing_is_null);
  g_test_add_func ("/secret/sources-independent", test_sources_independent);
  g_test_add_func ("/secret/item-attributes", test_item_attributes);
  g_test_add_func ("/secret/round-trip-async", test_round_trip_async);
  g_test_add_func ("/secret/cancelled", test_cancelled);
  g_test_add_func ("/secret/empty-key-refused", test_empty_key_refused);
  g_test_add_func ("/secret/no-bus-error", test_no_bus_error);
  g_test_add_func ("/secret/error-classification", test_error_classification);

  return g_test_run ();
}
