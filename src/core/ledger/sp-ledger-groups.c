/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-groups.c — the ledger_groups table (sp-ledger-groups.h), on the
 * ledger's database and its statement cache */
#include "config.h"

#include "sp-ledger-groups.h"
#include "sp-ledger-private.h"

/* A cached statement of the ledger's database with @vendor and @item (when
 * not NULL) bound as ?1 and ?2 */
static sqlite3_stmt *
statement (SpLedger    *ledger,
           const char  *sql,
           const char  *vendor,
           const char  *item,
           GError     **error)
{
  sqlite3_stmt *stmt = sp_database_get_statement (sp_ledger_get_database (ledger), sql, error);

  if (stmt != NULL && vendor != NULL)
    sqlite3_bind_text (stmt, 1, vendor, -1, SQLITE_STATIC);
  if (stmt != NULL && item != NULL)
    sqlite3_bind_text (stmt, 2, item, -1, SQLITE_STATIC);
  return stmt;
}

/* Ends @stmt after a step that returned @rc */
static gboolean
end (SpLedger      *ledger,
     sqlite3_stmt  *stmt,
     int            rc,
     GError       **error)
{
  return sp_database_statement_end (sp_database_get_handle (sp_ledger_get_database (ledger)),
                                    stmt, rc, SP_DATABASE_ERROR, error);
}

char *
sp_ledger_groups_get (SpLedger    *ledger,
                      const char  *vendor,
                      const char  *item,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  char *group = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (ledger), NULL);

  stmt = statement (ledger, "SELECT group_id FROM ledger_groups WHERE vendor = ?1 AND item = ?2",
                    vendor, item, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    group = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  end (ledger, stmt, rc, error);
  return group;
}

gboolean
sp_ledger_groups_set (SpLedger    *ledger,
                      const char  *vendor,
                      const char  *item,
                      const char  *group_id,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (vendor != NULL && item != NULL, FALSE);

  stmt = statement (ledger, group_id == NULL
                            ? "DELETE FROM ledger_groups WHERE vendor = ?1 AND item = ?2"
                            : "INSERT INTO ledger_groups (vendor, item, group_id) "
                              "VALUES (?1, ?2, ?3) ON CONFLICT (vendor, item) "
                              "DO UPDATE SET group_id = excluded.group_id",
                    vendor, item, error);
  if (stmt == NULL)
    return FALSE;
  if (group_id != NULL)
    sqlite3_bind_text (stmt, 3, group_id, -1, SQLITE_STATIC);
  return end (ledger, stmt, sqlite3_step (stmt), error);
}

gboolean
sp_ledger_groups_foreach (SpLedger           *ledger,
                          SpLedgerGroupFunc   func,
                          gpointer            user_data,
                          GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = statement (ledger, "SELECT vendor, item, group_id FROM ledger_groups", NULL, NULL, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), user_data);
  return end (ledger, stmt, rc, error);
}
