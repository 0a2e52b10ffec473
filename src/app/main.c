/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the suanpan desktop application */
#include "config.h"

#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gi18n.h>

#include "sp-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SpApplication) app = NULL;

#ifdef __GLIBC__
  /* One malloc arena for every thread, set before any thread starts.  The
   * loading threads (SQLite's reader, the table builder, the pricing
   * threads, the store service's worker) each got an arena of their own,
   * and what they freed stayed resident there as fragments malloc_trim ()
   * cannot return: 318 → 279 bytes an offer resident when loaded at
   * 100,000 (docs/performance.md, "Loading threads' arenas").  They
   * allocate little per row, so sharing one arena costs no measurable
   * time. */
  mallopt (M_ARENA_MAX, 1);
#endif
  setlocale (LC_ALL, "");
  sp_core_init ();
  textdomain (GETTEXT_PACKAGE);

  app = sp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
