/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-restore.c — the restore candidate check (sp_store_check_backup):
 * any file either passes or is refused with one line in SP_BACKUP_ERROR,
 * never a crash, and leaves nothing behind in its work folder.  Seeds
 * (seeds/restore): a small good backup and the crafted files of
 * tests/cli/test-cli-backup.c (wrong tables, truncated, newer schema, foreign
 * trigger, missing column, not SQLite). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sp-backup.h"
#include "sp-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *work_dir;
static char *candidate_dir;

static void
remove_dirs (void)
{
  g_autofree char *path = g_build_filename (candidate_dir, "candidate.db", NULL);
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
  g_rmdir (work_dir);
  g_rmdir (candidate_dir);
}

/* Whether @dir is empty. */
static gboolean
is_empty (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);

  return d != NULL && g_dir_read_name (d) == NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  gboolean ok;

  if (work_dir == NULL)
    {
      work_dir = g_dir_make_tmp ("fuzz-restore-work-XXXXXX", NULL);
      candidate_dir = g_dir_make_tmp ("fuzz-restore-XXXXXX", NULL);
      if (work_dir == NULL || candidate_dir == NULL)
        abort ();
      atexit (remove_dirs);
    }
  path = g_build_filename (candidate_dir, "candidate.db", NULL);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();

  ok = sp_store_check_backup (path, work_dir, &error);
  if (ok != (error == NULL))
    abort ();
  if (!ok && (error->domain != SP_BACKUP_ERROR || error->message[0] == '\0' ||
              strchr (error->message, '\n') != NULL ||
              !g_utf8_validate (error->message, -1, NULL)))
    abort ();
  /* the private copy and everything SQLite made beside it are gone */
  if (!is_empty (work_dir))
    abort ();

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
  return 0;
}
