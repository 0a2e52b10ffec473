/* sp-core.c — core library set-up and the built-in demo catalog */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "sp-core.h"
#include "sp-core-resources.h"

#define DEMO_FEED_PATH RESOURCE_BASE "/core/demo-feed.json"

void
sp_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *localedir = g_getenv ("SUANPAN_LOCALEDIR");

      sp_core_register_resource ();
      bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialized, 1);
    }
}

const char *
sp_core_get_version (void)
{
  return PACKAGE_VERSION;
}

GBytes *
sp_core_dup_demo_feed (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  sp_core_init ();
  bytes = g_resources_lookup_data (DEMO_FEED_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_critical ("The built-in demo catalog is missing: %s", error->message);
  return bytes;
}

gboolean
sp_core_seed_demo (SpStore  *store,
                   GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_autofree char *seeded = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  seeded = sp_store_get_meta (store, "demo-seeded");
  if (seeded != NULL || sp_store_count_offers (store, NULL) > 0)
    return TRUE;

  bytes = sp_core_dup_demo_feed ();
  if (bytes == NULL)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY,
                           _("The built-in demo catalog is missing."));
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  result = sp_import_parse (data, len, SP_FEED_FORMAT_SUANPAN, SP_DEMO_SOURCE, NULL, error);
  if (result == NULL)
    return FALSE;
  if (!sp_store_replace_source (store, result, g_get_real_time () / G_USEC_PER_SEC, NULL, error))
    return FALSE;
  return sp_store_set_meta (store, "demo-seeded", "1", error);
}
