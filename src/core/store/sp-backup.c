/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-backup.c — back up and restore the whole Suanpan database
 *
 * sqlite3_backup_step (-1) copies every page while holding a read lock on
 * the source and a write lock on the destination, so the copy is one
 * consistent snapshot.  A backup goes to a temporary file beside the
 * destination that is renamed into place only when complete.
 *
 * A restore works on a private copy of the candidate (beside the database,
 * removed on every path): the copy is checked, brought up to date by the
 * store's own migrations and compared with a fresh database made by the same
 * migrations, so what is swapped in is exactly what was checked. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sp-backup.h"
#include "sp-database.h"
#include "sp-ledger.h"
#include "sp-store.h"
#include "sp-store-private.h"

#define SP_BACKUP_APPLICATION_ID SP_DATABASE_APPLICATION_ID

G_DEFINE_QUARK (sp-backup-error-quark, sp_backup_error)

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  g_autoptr(GError) cause = NULL;
  sqlite3 *db = sp_database_open_plain (path, flags, &cause);

  if (db == NULL)
    g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_OPEN,
                 _("Could not open “%s”: %s"), path, cause->message);
  return db;
}

/* Copies all of @src into @dest; the SQLite result code (SQLITE_DONE: copied). */
static int
copy_db_rc (sqlite3 *dest,
            sqlite3 *src)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest) != SQLITE_OK ? sqlite3_errcode (dest) : SQLITE_ERROR;
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  return rc;
}

/* Copies all of @src into @dest. */
static gboolean
copy_db (sqlite3     *dest,
         sqlite3     *src,
         GError     **error)
{
  int rc = copy_db_rc (dest, src);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not copy the database: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_store_backup_to (const char  *db_path,
                    const char  *dest_path,
                    GError     **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *src, *dest;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  src = open_db (db_path, SQLITE_OPEN_READONLY, error);
  if (src == NULL)
    return FALSE;
  tmp = g_strdup_printf ("%s.part-%d", dest_path, g_random_int_range (0, G_MAXINT));
  dest = open_db (tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (dest == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }
  ok = copy_db (dest, src, error);
  sqlite3_close (src);
  /* the copy is a plain rollback-journal file: one self-contained file */
  if (ok)
    sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (sqlite3_close (dest) != SQLITE_OK && ok)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not finish writing “%s”"), dest_path);
      ok = FALSE;
    }
  if (ok && g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), dest_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

/* Runs a query that answers with one integer (no row: 0); the SQLite
 * result code in *@rc_out. */
static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  *out = 0;
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64 (stmt, 0);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return rc == SQLITE_OK;
}

/* The first column of the first row of @sql (a fixed text) into *@a and,
 * when @b is not NULL, its second column into *@b; FALSE when there is no
 * row. */
static gboolean
query_row (sqlite3     *db,
           const char  *sql,
           char       **a,
           char       **b)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *a = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (b != NULL)
        *b = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

static void
set_damaged (GError     **error,
             const char  *display,
             const char  *detail)
{
  g_autofree char *valid = g_utf8_make_valid (detail != NULL ? detail : "", -1);
  g_autofree char *line = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 200));

  g_strdelimit (line, "\r\n\t", ' ');
  g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_DAMAGED,
               _("“%s” is damaged and cannot be restored (%s)"), display, line);
}

/* The SQLite result code @rc met while reading the candidate, as an error. */
static void
set_read_error (GError     **error,
                const char  *display,
                int          rc)
{
  if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_NOT_SUANPAN,
                 _("“%s” is not a Suanpan database (it is not an SQLite file)"), display);
  else
    set_damaged (error, display, sqlite3_errstr (rc));
}

/* Checks what the candidate's header says, on the candidate itself. */
static gboolean
check_header (sqlite3     *src,
              const char  *display,
              GError     **error)
{
  gint64 app_id = 0, version = 0, has_ledger = 0, ledger_version = 0;
  int rc = SQLITE_OK;

  if (!query_int (src, "PRAGMA application_id", &app_id, &rc))
    {
      set_read_error (error, display, rc);
      return FALSE;
    }
  if (app_id != SP_BACKUP_APPLICATION_ID)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_NOT_SUANPAN,
                   _("“%s” is not a Suanpan database"), display);
      return FALSE;
    }
  if (!query_int (src, "PRAGMA user_version", &version, &rc) ||
      !query_int (src, "SELECT count (*) FROM sqlite_schema "
                       "WHERE type = 'table' AND name = 'ledger_meta'", &has_ledger, &rc) ||
      (has_ledger > 0 &&
       !query_int (src, "SELECT coalesce ((SELECT CAST (value AS INTEGER) FROM ledger_meta "
                        "WHERE key = 'schema_version'), 0)", &ledger_version, &rc)))
    {
      set_read_error (error, display, rc);
      return FALSE;
    }
  if (version <= 0)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_INCOMPLETE,
                   _("“%s” holds no Suanpan data (schema version %d)"), display, (int) version);
      return FALSE;
    }
  if (version > SP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_NEWER,
                   _("“%s” was made by a newer version of Suanpan "
                     "(schema %d, this version reads up to %d)"),
                   display, (int) CLAMP (version, 0, G_MAXINT), SP_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (ledger_version > SP_LEDGER_SCHEMA_VERSION)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_NEWER,
                   _("“%s” was made by a newer version of Suanpan "
                     "(ledger schema %d, this version reads up to %d)"),
                   display, (int) CLAMP (ledger_version, 0, G_MAXINT), SP_LEDGER_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Copies the candidate into @tmp (the page size of the live database, when
 * @page_size is not 0) and runs SQLite's full integrity check on the copy. */
static gboolean
copy_and_check (sqlite3     *src,
                const char  *tmp_path,
                gint64       page_size,
                const char  *display,
                GError     **error)
{
  g_autofree char *check = NULL;
  sqlite3 *tmp;
  gint64 size = 0;
  int rc;

  tmp = open_db (tmp_path, SQLITE_OPEN_READWRITE, error);
  if (tmp == NULL)
    return FALSE;
  sqlite3_exec (tmp, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
  rc = copy_db_rc (tmp, src);
  if (rc != SQLITE_DONE)
    {
      int code = rc & 0xff;

      if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_IOERR)
        set_read_error (error, display, rc);
      else
        g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                     _("Could not copy the database: %s"), sqlite3_errstr (rc));
      sqlite3_close (tmp);
      return FALSE;
    }
  /* a rollback-journal file of the live database's page size, so that the
   * final copy into the (WAL) database is allowed */
  if (sqlite3_exec (tmp, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
      !query_int (tmp, "PRAGMA page_size", &size, &rc))
    {
      set_damaged (error, display, sqlite3_errmsg (tmp));
      sqlite3_close (tmp);
      return FALSE;
    }
  if (page_size > 0 && size != page_size)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA page_size = %d; VACUUM",
                                              (int) page_size);

      if (sqlite3_exec (tmp, sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          set_damaged (error, display, sqlite3_errmsg (tmp));
          sqlite3_close (tmp);
          return FALSE;
        }
    }
  if (!query_row (tmp, "PRAGMA integrity_check (1)", &check, NULL) ||
      g_strcmp0 (check, "ok") != 0)
    {
      set_damaged (error, display, check != NULL ? check : sqlite3_errmsg (tmp));
      sqlite3_close (tmp);
      return FALSE;
    }
  sqlite3_close (tmp);
  return TRUE;
}

/* Brings the copy up to date with the store's (and the ledger's) own
 * migrations. */
static gboolean
migrate_copy (const char  *tmp_path,
              const char  *display,
              GError     **error)
{
  g_autoptr(GError) cause = NULL;
  g_autoptr(SpStore) store = sp_store_open (tmp_path, &cause);

  if (store == NULL)
    {
      g_autoptr(GString) reason = g_string_new (cause->message);
      g_autofree char *tmp_display = g_filename_display_name (tmp_path);

      /* the copy's name means nothing to the user: name the file chosen */
      g_string_replace (reason, tmp_display, display, 0);
      g_strdelimit (reason->str, "\r\n", ' ');
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_INCOMPLETE,
                   _("“%s” cannot be brought up to this version of Suanpan: %s"),
                   display, reason->str);
      return FALSE;
    }
  return TRUE;
}

/* Attaches, as "ref", a fresh database made by the same migrations. */
static gboolean
attach_reference (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(SpStore) ref = NULL;
  sqlite3_int64 size = 0;
  unsigned char *data;

  ref = sp_store_open (":memory:", error);
  if (ref == NULL)
    return FALSE;
  data = sqlite3_serialize (sp_store_get_db (ref), "main", &size, 0);
  if (data != NULL && sqlite3_exec (db, "ATTACH ':memory:' AS ref", NULL, NULL, NULL) != SQLITE_OK)
    g_clear_pointer (&data, sqlite3_free);
  /* FREEONCLOSE: from here on @data is SQLite's, even when this fails */
  if (data == NULL ||
      sqlite3_deserialize (db, "ref", data, size, size,
                           SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not copy the database: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Compares the brought-up-to-date copy with the reference: every table and
 * column the app needs (with its declared type), every index and view of
 * the app's, and nothing that runs or changes what the app reads (index,
 * trigger, view, virtual table) of anyone else's.  Other plain tables are
 * left alone. */
static gboolean
check_schema (const char  *tmp_path,
              const char  *display,
              GError     **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gboolean ok = FALSE;
  sqlite3 *db;

  db = open_db (tmp_path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return FALSE;
  sqlite3_exec (db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
  if (!attach_reference (db, error))
    goto out;

  if (query_row (db,
                 "SELECT name, '' FROM ref.sqlite_schema "
                 "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                 "AND name NOT IN (SELECT name FROM main.sqlite_schema WHERE type = 'table') "
                 "ORDER BY name LIMIT 1", &a, &b))
    g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_INCOMPLETE,
                 _("“%s” is not a complete Suanpan database: the table “%s” is missing"),
                 display, a);
  else if (query_row (db,
                      "SELECT t.name, c.name FROM ref.sqlite_schema t, "
                      "pragma_table_info (t.name, 'ref') c "
                      "WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                      "AND NOT EXISTS (SELECT 1 FROM pragma_table_info (t.name, 'main') m "
                      "                WHERE m.name = c.name AND m.type = c.type) "
                      "ORDER BY t.name, c.cid LIMIT 1", &a, &b))
    g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_INCOMPLETE,
                 _("“%s” is not a complete Suanpan database: the column “%s” of “%s” "
                   "is missing or of another type"), display, b, a);
  else if (query_row (db,
                      "SELECT m.name, m.type FROM main.sqlite_schema m "
                      "WHERE ((m.type IN ('index', 'trigger', 'view') AND m.sql IS NOT NULL) "
                      "       OR (m.type = 'table' AND m.sql LIKE 'CREATE VIRTUAL TABLE%')) "
                      "AND NOT EXISTS (SELECT 1 FROM ref.sqlite_schema r WHERE r.type = m.type "
                      "                AND r.name = m.name AND r.sql = m.sql) "
                      "ORDER BY m.name LIMIT 1", &a, &b))
    g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_INCOMPLETE,
                 _("“%s” holds “%s”, which is not part of a Suanpan database"), display, a);
  else if (query_row (db,
                      "SELECT r.name, r.type FROM ref.sqlite_schema r "
                      "WHERE r.type IN ('index', 'trigger', 'view') AND r.sql IS NOT NULL "
                      "AND NOT EXISTS (SELECT 1 FROM main.sqlite_schema m WHERE m.type = r.type "
                      "                AND m.name = r.name) "
                      "ORDER BY r.name LIMIT 1", &a, &b))
    g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_INCOMPLETE,
                 _("“%s” is not a complete Suanpan database: “%s” is missing"), display, a);
  else if (sqlite3_exec (db, "DETACH ref; PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                 _("Could not copy the database: %s"), sqlite3_errmsg (db));
  else
    ok = TRUE;

out:
  sqlite3_close (db);
  return ok;
}

/* Checks the candidate @src_path and leaves in @tmp_path (an existing empty
 * file) a copy brought up to date, ready to be swapped in. */
static gboolean
prepare_candidate (const char  *src_path,
                   const char  *tmp_path,
                   gint64       page_size,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (src_path);
  sqlite3 *src;
  gboolean ok;

  if (!g_file_test (src_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_OPEN,
                   _("“%s” does not exist"), display);
      return FALSE;
    }
  if (!g_file_test (src_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_OPEN,
                   _("“%s” is not a file"), display);
      return FALSE;
    }
  src = open_db (src_path, SQLITE_OPEN_READONLY, error);
  if (src == NULL)
    return FALSE;
  sqlite3_exec (src, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
  ok = check_header (src, display, error) &&
       copy_and_check (src, tmp_path, page_size, display, error);
  sqlite3_close (src);
  return ok &&
         migrate_copy (tmp_path, display, error) &&
         check_schema (tmp_path, display, error);
}

/* The candidate's meta.offers_generation moved past the live file's: a
 * table built from the live offers before the swap is never stored as the
 * cache of the restored ones (HACKING.md, "The offer table's cache").  Its
 * own cache, consistent with its own offers, stays. */
static gboolean
move_offers_generation (sqlite3  *dest,
                        sqlite3  *src,
                        GError  **error)
{
  g_autofree char *sql = NULL;
  gint64 live = 0;
  int rc;

  /* a new or older file has none: 0 */
  if (!query_int (dest, SP_STORE_OFFERS_GENERATION_SQL, &live, &rc))
    live = 0;
  sql = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('offers_generation', %"
                         G_GINT64_FORMAT " + 1) ON CONFLICT (key) DO UPDATE SET value = "
                         "max (CAST (value AS INTEGER), %" G_GINT64_FORMAT ") + 1",
                         MAX (live, (gint64) 0), MAX (live, (gint64) 0));
  if (sqlite3_exec (src, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not copy the database: %s"), sqlite3_errmsg (src));
      return FALSE;
    }
  return TRUE;
}

/* A new empty file in @dir for the private copy ("….restore-XXXXXX"). */
static char *
make_temp (const char  *dir,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, ".suanpan-restore-XXXXXX", NULL);
  int fd = g_mkstemp_full (path, O_RDWR, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

/* Removes the private copy and whatever SQLite left beside it. */
static void
remove_temp (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);

      g_unlink (p);
    }
}

gboolean
sp_store_check_backup (const char  *src_path,
                       const char  *work_dir,
                       GError     **error)
{
  g_autofree char *tmp = NULL;
  gboolean ok;

  g_return_val_if_fail (src_path != NULL, FALSE);
  g_return_val_if_fail (work_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tmp = make_temp (work_dir, error);
  if (tmp == NULL)
    return FALSE;
  ok = prepare_candidate (src_path, tmp, 0, error);
  remove_temp (tmp);
  return ok;
}

/* "…/suanpan-before-restore-" for "…/suanpan.db" */
static char *
safety_prefix (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  name = g_strconcat (base, "-before-restore-", NULL);
  return g_build_filename (dir, name, NULL);
}

/* "YYYY-MM-DD-HHMMSS-mmm": fixed width, so names sort by time */
#define SAFETY_STAMP_LEN 21

static char *
new_safety_path (const char *db_path)
{
  g_autofree char *prefix = safety_prefix (db_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* two restores within the same millisecond: the next free one */
  for (;;)
    {
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
      char *path = g_strdup_printf ("%s%s-%03d.db", prefix, stamp,
                                    g_date_time_get_microsecond (now) / 1000);
      GDateTime *next;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
      next = g_date_time_add (now, 1000);
      g_date_time_unref (now);
      now = next;
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
sp_store_list_safety_copies (const char *db_path)
{
  g_autofree char *prefix = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name_prefix = NULL;
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_free);
  GDir *d;
  const char *name;

  g_return_val_if_fail (db_path != NULL, copies);

  prefix = safety_prefix (db_path);
  dir = g_path_get_dirname (db_path);
  name_prefix = g_path_get_basename (prefix);
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return copies;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, name_prefix) && g_str_has_suffix (name, ".db") &&
        strlen (name) == strlen (name_prefix) + SAFETY_STAMP_LEN + 3)
      g_ptr_array_add (copies, g_build_filename (dir, name, NULL));
  g_dir_close (d);
  g_ptr_array_sort (copies, compare_paths);
  return copies;
}

/* Keeps the newest SP_BACKUP_SAFETY_COPIES safety copies. */
static void
rotate_safety_copies (const char *db_path)
{
  g_autoptr(GPtrArray) copies = sp_store_list_safety_copies (db_path);

  for (guint i = 0; i + SP_BACKUP_SAFETY_COPIES < copies->len; i++)
    g_unlink (g_ptr_array_index (copies, i));
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The page size of the database at @path, or 0 when it has none yet. */
static gint64
live_page_size (const char *path)
{
  gint64 size = 0;
  int rc;
  sqlite3 *db;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;
  db = open_db (path, SQLITE_OPEN_READONLY, NULL);
  if (db == NULL)
    return 0;
  if (!query_int (db, "PRAGMA page_size", &size, &rc))
    size = 0;
  sqlite3_close (db);
  return size;
}

gboolean
sp_store_restore (const char  *db_path,
                  const char  *src_path,
                  char       **safety_copy,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *safety = NULL;
  sqlite3 *src, *dest;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (src_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (safety_copy != NULL)
    *safety_copy = NULL;
  if (same_file (db_path, src_path))
    {
      g_autofree char *display = g_filename_display_name (src_path);

      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_OPEN,
                   _("“%s” is the database itself"), display);
      return FALSE;
    }
  dir = g_path_get_dirname (db_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, SP_BACKUP_ERROR, SP_BACKUP_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  /* 1. the candidate on its own, in a private copy: nothing else is touched */
  tmp = make_temp (dir, error);
  if (tmp == NULL)
    return FALSE;
  if (!prepare_candidate (src_path, tmp, live_page_size (db_path), error))
    {
      remove_temp (tmp);
      return FALSE;
    }

  /* 2. the current data, as a new dated safety copy */
  if (g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      safety = new_safety_path (db_path);
      if (!sp_store_backup_to (db_path, safety, error))
        {
          remove_temp (tmp);
          return FALSE;
        }
    }

  /* 3. the swap: every page in one transaction */
  dest = open_db (db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  src = dest != NULL ? open_db (tmp, SQLITE_OPEN_READWRITE, error) : NULL;
  ok = src != NULL && move_offers_generation (dest, src, error) && copy_db (dest, src, error);
  sqlite3_close (src);
  sqlite3_close (dest);
  remove_temp (tmp);
  if (!ok)
    {
      /* nothing changed: the copy of it is not needed */
      if (safety != NULL)
        g_unlink (safety);
      return FALSE;
    }
  rotate_safety_copies (db_path);
  if (safety_copy != NULL)
    *safety_copy = g_steal_pointer (&safety);
  return TRUE;
}

gboolean
sp_store_restore_from (const char  *db_path,
                       const char  *src_path,
                       GError     **error)
{
  return sp_store_restore (db_path, src_path, NULL, error);
}
