/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the suanpan desktop application */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "sp-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SpApplication) app = NULL;

  setlocale (LC_ALL, "");
  sp_core_init ();
  textdomain (GETTEXT_PACKAGE);

  app = sp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
