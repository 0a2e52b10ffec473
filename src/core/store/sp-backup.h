/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-backup.h — back up and restore the whole Suanpan database
 *
 * Both directions use SQLite's online backup API on their own connections,
 * so they are safe while the store and the ledger have the file open: a
 * backup is a consistent snapshot, and a restore replaces every page of the
 * live database in one transaction that other connections see on their next
 * read.
 *
 * A restore never trusts the file it is given.  The candidate is first
 * checked on its own — an SQLite file that passes integrity_check, says it
 * is a Suanpan database (application_id), holds a store schema this version
 * can bring up to date, and, once brought up to date in a private copy, has
 * every table and column the app needs and no index, trigger, view or
 * virtual table that is not the app's own.  Only then is the current
 * database saved as a safety copy beside it
 * ("suanpan-before-restore-YYYY-MM-DD-HHMMSS-mmm.db", local time; the newest
 * SP_BACKUP_SAFETY_COPIES are kept) and the checked copy
 * swapped in.  A refused candidate leaves the database and every earlier
 * safety copy untouched. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_BACKUP_ERROR (sp_backup_error_quark ())

typedef enum {
  SP_BACKUP_ERROR_OPEN,          /* cannot open one of the files */
  SP_BACKUP_ERROR_NOT_SUANPAN,   /* the file to restore is not a Suanpan database */
  SP_BACKUP_ERROR_FAILED,        /* the copy itself failed (disk full, busy, …) */
  SP_BACKUP_ERROR_DAMAGED,       /* it fails SQLite's integrity check (truncated, …) */
  SP_BACKUP_ERROR_NEWER,         /* made by a newer Suanpan: this one cannot read it */
  SP_BACKUP_ERROR_INCOMPLETE,    /* no Suanpan data, a table or column missing, or
                                  * an index/trigger/view that is not the app's own */
} SpBackupError;

/* How many safety copies a restore keeps beside the database. */
#define SP_BACKUP_SAFETY_COPIES 5

GQuark   sp_backup_error_quark (void);

/* Copies the database at @db_path into a new file @dest_path (replaced
 * atomically when it exists). */
gboolean sp_store_backup_to    (const char  *db_path,
                                const char  *dest_path,
                                GError     **error);

/* Checks the candidate @src_path on its own, as a restore does, without
 * touching any database: its temporary copy goes into @work_dir and is
 * removed before returning.  On refusal @error (SP_BACKUP_ERROR) says why,
 * in one translated line. */
gboolean sp_store_check_backup (const char  *src_path,
                                const char  *work_dir,
                                GError     **error);

/* Checks @src_path (sp_store_check_backup()), saves the database at
 * @db_path as a new safety copy beside it (when it exists; its path in
 * @safety_copy, else NULL), replaces the database with the checked copy in
 * one transaction and keeps the newest SP_BACKUP_SAFETY_COPIES safety
 * copies.  Connections that stay open see the restored data.  On failure
 * nothing has changed: neither the database nor any safety copy. */
gboolean sp_store_restore      (const char  *db_path,
                                const char  *src_path,
                                char       **safety_copy,
                                GError     **error);

/* sp_store_restore() without asking for the safety copy's path. */
gboolean sp_store_restore_from (const char  *db_path,
                                const char  *src_path,
                                GError     **error);

/* The safety copies of the database at @db_path, oldest first (full paths). */
GPtrArray *sp_store_list_safety_copies (const char *db_path);

G_END_DECLS
