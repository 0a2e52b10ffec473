/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store.h — the local SQLite store (offers, price history, sources, wallet)
 *
 * One file opened through SpDatabase (sp-database.h: WAL journal,
 * synchronous = FULL, foreign keys on, the one migration sequence under
 * PRAGMA user_version), prepared statements only, integer money
 * (micro-units, see sp-money.h).  Schema 3 adds the wallet: vouchers,
 * programmes, purchases and claims (sp-wallet-store.h). */
#pragma once

#include <glib-object.h>
#include "sp-import.h"
#include "sp-offer.h"

G_BEGIN_DECLS

#define SP_STORE_ERROR (sp_store_error_quark ())

typedef enum {
  SP_STORE_ERROR_OPEN,     /* cannot open or create the database */
  SP_STORE_ERROR_CORRUPT,  /* not a Suanpan database or damaged */
  SP_STORE_ERROR_NEWER,    /* written by a newer Suanpan (schema too new) */
  SP_STORE_ERROR_SQL,      /* any other SQLite failure */
  SP_STORE_ERROR_NOT_FOUND,
} SpStoreError;

GQuark sp_store_error_quark (void);

/* The schema version this build writes: the database's one migration
 * sequence (SP_DATABASE_SCHEMA_VERSION, sp-database.h), store and ledger
 * together: 1-4 were the store's own, 5-7 the ledger's. */
#define SP_STORE_SCHEMA_VERSION 9

#define SP_TYPE_STORE (sp_store_get_type ())
G_DECLARE_FINAL_TYPE (SpStore, sp_store, SP, STORE, GObject)

/* Default database path: $XDG_DATA_HOME/suanpan/suanpan.db, or
 * @data_dir/suanpan.db when @data_dir is not NULL. */
char       *sp_store_default_path       (const char *data_dir);

/* Opens (creating the file and parent directories) and migrates. */
SpStore    *sp_store_open               (const char  *path,
                                         GError     **error);
const char *sp_store_get_path           (SpStore *self);
int         sp_store_get_schema_version (SpStore *self);

/* Replace all offers of the result's source atomically (one transaction):
 * offers no longer present are removed (and recorded as gone, with their
 * last price), new or changed prices are appended to the price history with
 * the feed's generated date when it has one (sp_import_result_get_generated_at),
 * else @now (unix seconds).  A dated snapshot OLDER than the one stored for
 * the source only adds its prices to the history at its own date and leaves
 * the current offers alone, so snapshots imported in any order give the same
 * offers and history.  On any error nothing changes.
 * @n_changed (optional) receives the number of history points added (offers
 * whose price changed or that are new). */
gboolean    sp_store_replace_source     (SpStore         *self,
                                         SpImportResult  *result,
                                         gint64           now,
                                         guint           *n_changed,
                                         GError         **error);

/* The date of the snapshot stored for @source (unix seconds): its generated
 * date, or when it was imported for a catalog without one; 0 when there is
 * no such source.  A dated import older than this goes to the price history
 * only. */
gint64      sp_store_get_generated_at   (SpStore *self, const char *source);

/* All offers (element type SpOffer), ordered by source then id. */
GPtrArray  *sp_store_load_offers        (SpStore  *self,
                                         GError  **error);
guint       sp_store_count_offers       (SpStore *self, const char *source);
/* One current offer, or NULL (no error) when @source has no offer @id
 * (was in sp-store-private.h; public for the store service's read-back of
 * one offer, issue 17). */
SpOffer    *sp_store_load_offer         (SpStore     *self,
                                         const char  *source,
                                         const char  *id,
                                         GError     **error);

typedef struct {
  gint64  observed_at;
  char   *currency;
  SpMoney price;         /* main price */
  SpMoney input_price;   /* tokens */
  SpMoney output_price;  /* tokens */
} SpPricePoint;

void        sp_price_point_clear        (SpPricePoint *point);

/* Price history of one offer, oldest first (element type SpPricePoint). */
GArray     *sp_store_price_history      (SpStore     *self,
                                         const char  *source,
                                         const char  *offer_id,
                                         GError     **error);

/* Small key/value metadata (e.g. "demo-seeded"). */
char       *sp_store_get_meta           (SpStore *self, const char *key);
gboolean    sp_store_set_meta           (SpStore *self, const char *key, const char *value, GError **error);

/* Remove a source and its offers (history is kept). */
gboolean    sp_store_remove_source      (SpStore *self, const char *source, GError **error);

G_END_DECLS

/* ---- configured vendor sources (schema v2; see sp-source.h) ---- */
#include "sp-source.h"

G_BEGIN_DECLS

/* Adds a source; SP_STORE_ERROR_SQL with a plain message when the name exists. */
gboolean    sp_store_add_source         (SpStore *self, SpSource *source, GError **error);
/* Saves url, format, enabled, refresh policy and has-api-key of an existing source. */
gboolean    sp_store_update_source      (SpStore *self, SpSource *source, GError **error);
/* Removes the source's configuration and its offers (history is kept). */
gboolean    sp_store_delete_source      (SpStore *self, const char *name, GError **error);
/* Configured sources (element type SpSource), by name.  Catalogs imported by
 * hand (no URL) are listed too, with url NULL. */
GPtrArray  *sp_store_list_sources       (SpStore *self, GError **error);
SpSource   *sp_store_get_source         (SpStore *self, const char *name, GError **error);
/* Records a refresh attempt's outcome (success or failure) for @name:
 * last-attempt, last-error, http-status, http-details, and on success
 * last-success, etag, last-modified. */
gboolean    sp_store_record_refresh     (SpStore *self, const char *name, gint64 now,
                                         gboolean ok, const char *error_text, guint http_status,
                                         const char *http_details, const char *etag,
                                         const char *last_modified, GError **error);

G_END_DECLS
