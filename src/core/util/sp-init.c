/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-init.c — the core's resources and gettext domain.  Any core module may
 * call sp_core_init(); it includes nothing of the core, so it is the bottom
 * (sp-core.c, which seeds the store, is the top). */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "sp-init.h"
#include "sp-core-resources.h"

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
