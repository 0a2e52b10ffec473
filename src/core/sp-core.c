/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-core.c — the top of the core: the built-in demo catalog and seeding the
 * store with it (set-up, the bottom, is sp-init.c) */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "sp-core.h"

#define DEMO_FEED_PATH RESOURCE_BASE "/core/demo-feed.json"

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
