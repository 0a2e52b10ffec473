/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-backup.c — suanpan-cli backup FILE / restore FILE
 *
 * The same core calls as the window's Back Up and Restore: a restore checks
 * the file on its own first (sp-backup.h) and refuses it with one line,
 * changing nothing; only then is the current database saved as a dated
 * safety copy beside it and replaced. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "sp-backup.h"
#include "sp-cli.h"

int
sp_cli_backup (SpCliGlobals  *globals,
               int            argc,
               char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *display = NULL;

  if (!sp_cli_parse_options (_("FILE — save a copy of the whole database (offers, sources, vouchers, spending)"),
                             NULL, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("backup needs exactly one FILE"));
  /* opening brings the database up to date (or creates it) first */
  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  if (!sp_store_backup_to (sp_store_get_path (store), argv[1], &error))
    return sp_cli_fail ("%s", error->message);
  display = g_filename_display_name (argv[1]);
  g_print (_("Backed up the database to “%s”."), display);
  g_print ("\n");
  return 0;
}

int
sp_cli_restore (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  gboolean check_only = FALSE;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_only, N_("Only check the file; change nothing"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *display = NULL;

  if (!sp_cli_parse_options (_("FILE — replace the whole database with a backup, after checking it"),
                             entries, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("restore needs exactly one FILE"));
  db_path = sp_store_default_path (globals->data_dir);
  display = g_filename_display_name (argv[1]);
  if (check_only)
    {
      g_autofree char *dir = g_path_get_dirname (db_path);

      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          !sp_store_check_backup (argv[1], g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : g_get_tmp_dir (),
                                  &error))
        return sp_cli_fail ("%s", error != NULL ? error->message : g_strerror (errno));
      g_print (_("“%s” can be restored."), display);
      g_print ("\n");
      return 0;
    }
  if (!sp_store_restore (db_path, argv[1], &safety, &error))
    return sp_cli_fail ("%s", error->message);
  g_print (_("Restored the database from “%s”."), display);
  g_print ("\n");
  if (safety != NULL)
    {
      g_autofree char *safety_display = g_filename_display_name (safety);

      g_print (_("The data from before the restore is in “%s”."), safety_display);
      g_print ("\n");
    }
  return 0;
}
