/* sp-backup.h — back up and restore the whole Suanpan database
 *
 * Both directions use SQLite's online backup API on their own connections,
 * so they are safe while the store and the ledger have the file open: a
 * backup is a consistent snapshot, and a restore replaces every page of the
 * live database in one step that other connections see on their next read. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_BACKUP_ERROR (sp_backup_error_quark ())

typedef enum {
  SP_BACKUP_ERROR_OPEN,          /* cannot open one of the files */
  SP_BACKUP_ERROR_NOT_SUANPAN,   /* the file to restore is not a Suanpan database */
  SP_BACKUP_ERROR_FAILED,        /* the copy itself failed (disk full, busy, …) */
} SpBackupError;

GQuark   sp_backup_error_quark (void);

/* Copies the database at @db_path into a new file @dest_path (replaced
 * atomically when it exists). */
gboolean sp_store_backup_to    (const char  *db_path,
                                const char  *dest_path,
                                GError     **error);

/* Checks that @src_path is a sound Suanpan database and copies it over the
 * database at @db_path.  Connections that stay open see the restored data. */
gboolean sp_store_restore_from (const char  *db_path,
                                const char  *src_path,
                                GError     **error);

G_END_DECLS
