/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-database-migrations.c — the one migration sequence (PRAGMA user_version)
 *
 * Migration i (1-based) takes user_version i-1 to i; its SQL is the resource
 * sql/NNNN-*.sql (data/sql/).  Never edit a released migration: append a
 * file, a line to migrations[] and bump SP_DATABASE_SCHEMA_VERSION
 * (HACKING.md, "Migrations").
 *
 * Adopting the ledger's old counter: until this sequence the ledger kept its
 * own schema version in ledger_meta ('schema_version', 1-3) beside the
 * store's user_version (1-4), and every file has some pair of them.
 * Migrations 5-7 are the ledger's three; each runs when that counter says it
 * has not (whatever user_version says), writes the counter as before, and
 * user_version moves past it either way.  So store 1-4 with ledger 0-3, in
 * any combination, ends at user_version 7 with ledger_meta 3. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "sp-database.h"
#include "sp-database-private.h"
#include "sp-init.h"

typedef struct {
  const char *name;         /* the resource sql/<name>.sql */
  int         ledger_step;  /* 1-3: the ledger's old migration; 0: none */
} Migration;

static const Migration migrations[] = {
  { "0001-offers-history-meta", 0 },
  { "0002-source-settings", 0 },
  { "0003-wallet", 0 },
  { "0004-price-sources-watchlist-snapshots", 0 },
  { "0005-ledger", 1 },
  { "0006-ledger-purchases", 2 },
  { "0007-ledger-identity-month-key-groups", 3 },
  { "0008-offers-details", 0 },
  { "0009-offer-table-cache", 0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SP_DATABASE_SCHEMA_VERSION);

gboolean
sp_database_read_ledger_version (sqlite3  *db,
                                 gint64   *version,
                                 GError  **error)
{
  gint64 has_meta = 0;

  if (!sp_database_query_int_on (db, "SELECT count(*) FROM sqlite_schema "
                                 "WHERE type = 'table' AND name = 'ledger_meta'", &has_meta, error))
    return FALSE;
  if (has_meta == 0)
    {
      *version = 0;
      return TRUE;
    }
  return sp_database_query_int_on (db, "SELECT coalesce ((SELECT CAST (value AS INTEGER) "
                                   "FROM ledger_meta WHERE key = 'schema_version'), 0)",
                                   version, error);
}

static gboolean
set_newer_error (const char  *display,
                 gint64       user_version,
                 gint64       ledger_version,
                 GError     **error)
{
  if (user_version > SP_DATABASE_SCHEMA_VERSION && display != NULL)
    g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_NEWER,
                 _("The database “%s” was created by a newer version of Suanpan "
                   "(schema %d, this version reads up to %d)"),
                 display, (int) user_version, SP_DATABASE_SCHEMA_VERSION);
  else if (user_version > SP_DATABASE_SCHEMA_VERSION)
    g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_NEWER,
                 _("The database was created by a newer version of Suanpan "
                   "(schema %d, this version reads up to %d)"),
                 (int) user_version, SP_DATABASE_SCHEMA_VERSION);
  else if (display != NULL)
    g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_NEWER,
                 _("The ledger in “%s” was written by a newer version of Suanpan "
                   "(ledger schema %d, this version reads up to %d)"),
                 display, (int) ledger_version, SP_DATABASE_LEDGER_VERSION);
  else
    g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_NEWER,
                 _("The ledger was written by a newer version of Suanpan "
                   "(ledger schema %d, this version reads up to %d)"),
                 (int) ledger_version, SP_DATABASE_LEDGER_VERSION);
  return FALSE;
}

static gboolean
is_newer (gint64 user_version,
          gint64 ledger_version)
{
  return user_version > SP_DATABASE_SCHEMA_VERSION ||
         ledger_version > SP_DATABASE_LEDGER_VERSION;
}

gboolean
sp_database_check_header (const char  *display,
                          gint64       application_id,
                          gint64       user_version,
                          gint64       n_objects,
                          gint64       ledger_version,
                          GError     **error)
{
  if (application_id != SP_DATABASE_APPLICATION_ID &&
      (application_id != 0 || user_version != 0 || n_objects != 0))
    {
      g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_CORRUPT,
                   _("“%s” is not a Suanpan database"), display);
      return FALSE;
    }
  if (is_newer (user_version, ledger_version))
    return set_newer_error (display, user_version, ledger_version, error);
  return TRUE;
}

/* Runs migration @m's SQL. */
static gboolean
apply (sqlite3          *db,
       const Migration  *m,
       GError          **error)
{
  g_autofree char *resource = g_strdup_printf ("/io/github/suanpan/Suanpan/core/sql/%s.sql",
                                               m->name);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gint64 app_id = 0;
  gsize size = 0;
  const char *data;

  sp_core_init ();
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  sql = g_strndup (data, size);

  /* a brand-new file: mark it as a Suanpan database */
  if (!sp_database_query_int_on (db, "PRAGMA application_id", &app_id, error))
    return FALSE;
  if (app_id == 0)
    {
      g_autofree char *set_app_id =
        g_strdup_printf ("PRAGMA application_id = %d", SP_DATABASE_APPLICATION_ID);

      if (!sp_database_exec_on (db, set_app_id, error))
        return FALSE;
    }
  return sp_database_exec_on (db, sql, error);
}

/* Whether migration @target (1-based) still has to run, inside the write
 * lock, from the file's two counters. */
static gboolean
needed (int       target,
        gint64    version,
        gint64    ledger_version,
        gboolean *run,
        GError  **error)
{
  int step = migrations[target - 1].ledger_step;

  if (step > 0)
    {
      *run = ledger_version < step;
      if (*run && ledger_version != step - 1)
        {
          g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_CORRUPT,
                       _("unexpected ledger schema version %d"), (int) ledger_version);
          return FALSE;
        }
      return TRUE;
    }
  *run = version < target;
  if (*run && version != target - 1)
    {
      g_set_error (error, SP_DATABASE_ERROR, SP_DATABASE_ERROR_CORRUPT,
                   _("unexpected schema version %d"), (int) version);
      return FALSE;
    }
  return TRUE;
}

/* One migration in its own BEGIN IMMEDIATE transaction. */
static gboolean
migrate_one (sqlite3  *db,
             int       target,
             GError  **error)
{
  gint64 version = 0;
  gint64 ledger_version = 0;
  gboolean run = FALSE;

  if (!sp_database_exec_on (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* re-read inside the write lock: another process may have migrated */
  if (!sp_database_query_int_on (db, "PRAGMA user_version", &version, error) ||
      !sp_database_read_ledger_version (db, &ledger_version, error))
    goto fail;
  if (is_newer (version, ledger_version))
    {
      set_newer_error (NULL, version, ledger_version, error);
      goto fail;
    }
  if (!needed (target, version, ledger_version, &run, error) ||
      (run && !apply (db, &migrations[target - 1], error)))
    goto fail;
  if (version < target)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", target);

      if (!sp_database_exec_on (db, set_version, error))
        goto fail;
    }
  if (!sp_database_exec_on (db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sp_database_rollback_on (db);
  return FALSE;
}

gboolean
sp_database_migrate_connection (sqlite3  *db,
                                GError  **error)
{
  gint64 version = 0;
  gint64 ledger_version = 0;

  g_return_val_if_fail (db != NULL, FALSE);

  /* up to date (every open but the first): no write transaction at all */
  if (!sp_database_query_int_on (db, "PRAGMA user_version", &version, error) ||
      !sp_database_read_ledger_version (db, &ledger_version, error))
    return FALSE;
  if (is_newer (version, ledger_version))
    return set_newer_error (NULL, version, ledger_version, error);
  if (version == SP_DATABASE_SCHEMA_VERSION && ledger_version == SP_DATABASE_LEDGER_VERSION)
    return TRUE;

  for (int target = 1; target <= SP_DATABASE_SCHEMA_VERSION; target++)
    if (!migrate_one (db, target, error))
      return FALSE;
  return TRUE;
}
