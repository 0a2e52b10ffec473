/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-service.h — the application's one door to the database
 *
 * SpStoreService owns the database path and one worker thread that holds the
 * service's connections (SpStore, SpLedger).  Every operation is
 * _async/_finish with a GCancellable: it runs on the worker, in the order it
 * was asked, and its callback runs in the main context the service was
 * created in.  After an operation that changed something succeeds, the
 * service emits the matching signals (before the callback), so every front
 * end that shows that data refreshes itself:
 *
 *   ::offers-changed    the offers or their prices
 *   ::sources-changed   the configured sources
 *   ::wallet-changed    vouchers, programmes, purchases, claims
 *   ::ledger-changed    the spending ledger (entries, budget, groups)
 *   ::watchlist-changed the watched offers and groups
 *   ::restored          the whole database was replaced from a backup
 *                       (every other signal is emitted first)
 *   ::refresh-progress  (name, SpRefreshState, bytes) of a live refresh
 *
 * A cancelled operation that had not started changes nothing and finishes
 * with G_IO_ERROR_CANCELLED; one that had started runs to its end (the
 * store's writes are transactions) and still signals, but finishes with
 * G_IO_ERROR_CANCELLED.  No GTK here: the CLI and the tests use it too.
 */
#pragma once

#include <gio/gio.h>

#include "sp-backup.h"
#include "sp-ledger.h"
#include "sp-offer-table.h"
#include "sp-price-context.h"
#include "sp-refresh.h"
#include "sp-reprice.h"
#include "sp-store.h"
#include "sp-wallet-store.h"
#include "sp-watchlist.h"

G_BEGIN_DECLS

typedef enum {
  SP_STORE_CHANGE_NONE      = 0,
  SP_STORE_CHANGE_OFFERS    = 1 << 0,
  SP_STORE_CHANGE_SOURCES   = 1 << 1,
  SP_STORE_CHANGE_WALLET    = 1 << 2,
  SP_STORE_CHANGE_LEDGER    = 1 << 3,
  SP_STORE_CHANGE_WATCHLIST = 1 << 4,
  SP_STORE_CHANGE_RESTORED  = 1 << 5,
  SP_STORE_CHANGE_ALL       = (1 << 6) - 1,
} SpStoreChange;

#define SP_TYPE_STORE_SERVICE (sp_store_service_get_type ())
G_DECLARE_FINAL_TYPE (SpStoreService, sp_store_service, SP, STORE_SERVICE, GObject)

SpStoreService *sp_store_service_new            (const char     *path);
const char     *sp_store_service_get_path       (SpStoreService *self);
/* Runs on the worker each time the service opens its store, before any job
 * uses it (the application seeds the demo catalog so); its error fails the
 * job that opened the store. */
typedef gboolean (*SpStoreOpenFunc) (SpStore  *store,
                                     GError  **error);
/* Sets the open function; call it before the first job. */
void            sp_store_service_set_open_func  (SpStoreService *self,
                                                 SpStoreOpenFunc func);
/* Emits the signals of @changes, for changes made outside the service (a
 * live refresh writes through its own connection).  Main context only. */
void            sp_store_service_notify_changed (SpStoreService *self,
                                                 SpStoreChange   changes);

/* Every operation is a pair of the same form: the macros below declare it,
 * so each line names what a caller needs (the result, the name, the inputs).
 *
 * SP_STORE_SERVICE_DECLARE_JOB (Type, name, SpStoreService *self, inputs…)
 * declares
 *   void sp_store_service_<name>_async  (SpStoreService *self, inputs…,
 *                                        GCancellable        *cancellable,
 *                                        GAsyncReadyCallback  callback,
 *                                        gpointer             user_data);
 *   Type sp_store_service_<name>_finish (SpStoreService  *self,
 *                                        GAsyncResult    *result,
 *                                        GError         **error);
 * whose result is the caller's (NULL with @error set on failure).
 *
 * SP_STORE_SERVICE_DECLARE_ASYNC (name, SpStoreService *self, inputs…)
 * declares the _async alone, for operations finished by
 * sp_store_service_finish() or by a _finish written out below it. */
#define SP_STORE_SERVICE_DECLARE_ASYNC(name, ...) \
  void sp_store_service_##name##_async (__VA_ARGS__, GCancellable *cancellable, \
                                        GAsyncReadyCallback callback, gpointer user_data)
#define SP_STORE_SERVICE_DECLARE_JOB(Type, name, ...) \
  SP_STORE_SERVICE_DECLARE_ASYNC (name, __VA_ARGS__); \
  Type sp_store_service_##name##_finish (SpStoreService *self, GAsyncResult *result, \
                                         GError **error)

/* ---- offers and sources (sp-store-service.c) ---- */

/* All offers (element type SpOffer), as sp_store_load_offers(). */
SP_STORE_SERVICE_DECLARE_JOB (GPtrArray *, load_offers, SpStoreService *self);
/* All offers as the engine's table (sp-offer-table.h), after the jobs
 * queued before (sp-store-service-offers.c) */
void          sp_store_service_load_offer_table_async  (SpStoreService      *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
SpOfferTable *sp_store_service_load_offer_table_finish (SpStoreService  *self,
                                                        GAsyncResult    *result,
                                                        GError         **error);
/* One offer with all its fields, by @source and @id (the Offers page holds
 * only the table: compare, buy and details read their offers back so).
 * G_IO_ERROR_NOT_FOUND when it is no longer in the catalog. */
SP_STORE_SERVICE_DECLARE_JOB (SpOffer *, load_offer, SpStoreService *self,
                              const char *source, const char *id);
/* One offer's price history (element type SpPricePoint). */
SP_STORE_SERVICE_DECLARE_JOB (GArray *, price_history, SpStoreService *self,
                              const char *source, const char *offer_id);
/* The price history of each of @offers (SpOffer), in their order: a
 * GPtrArray of GArray (SpPricePoint), empty when an offer has none. */
SP_STORE_SERVICE_DECLARE_JOB (GPtrArray *, price_histories, SpStoreService *self,
                              GPtrArray *offers);
/* Configured sources (element type SpSource). */
SP_STORE_SERVICE_DECLARE_JOB (GPtrArray *, list_sources, SpStoreService *self);
/* Adds (@is_new) or updates @source (::sources-changed). */
SP_STORE_SERVICE_DECLARE_ASYNC (save_source, SpStoreService *self, SpSource *source,
                                gboolean is_new);
/* Removes a source and its offers (::sources-changed, ::offers-changed). */
SP_STORE_SERVICE_DECLARE_ASYNC (delete_source, SpStoreService *self, const char *name);
/* Copies the database to @dest_path (sp_store_backup_to()). */
SP_STORE_SERVICE_DECLARE_ASYNC (backup, SpStoreService *self, const char *dest_path);
/* Replaces the database from @src_path (sp_store_restore()); every signal,
 * then ::restored. */
SP_STORE_SERVICE_DECLARE_ASYNC (restore, SpStoreService *self, const char *src_path);
/* Finishes every operation that returns no data. */
gboolean    sp_store_service_finish               (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);

/* ---- wallet and watchlist (sp-store-service-wallet.c) ---- */

/* What the Vouchers page shows, read in one go. */
typedef struct {
  GPtrArray  *programmes;  /* SpProgramme */
  GPtrArray  *vouchers;    /* SpVoucher */
  GPtrArray  *claims;      /* SpClaim, cancelled ones left out */
  GPtrArray  *purchases;   /* SpPurchaseRecord */
  GArray     *events;      /* SpVoucherEvent, every voucher */
  GHashTable *cap_left;    /* programme id → SpMoney* left of this year's cap */
} SpWalletSnapshot;

void              sp_wallet_snapshot_free (SpWalletSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpWalletSnapshot, sp_wallet_snapshot_free)

SP_STORE_SERVICE_DECLARE_JOB (SpWalletSnapshot *, load_snapshot, SpStoreService *self);
/* The wallet as stored on @date (sp_store_load_wallet()). */
SP_STORE_SERVICE_DECLARE_JOB (SpWallet *, load_wallet, SpStoreService *self, guint32 date);
/* The next four: ::wallet-changed, finished by sp_store_service_finish(). */
SP_STORE_SERVICE_DECLARE_ASYNC (add_voucher, SpStoreService *self, SpVoucher *voucher);
SP_STORE_SERVICE_DECLARE_ASYNC (remove_voucher, SpStoreService *self, const char *code);
/* Voids a purchase (::wallet-changed, ::ledger-changed). */
SP_STORE_SERVICE_DECLARE_ASYNC (void_purchase, SpStoreService *self, gint64 purchase_id);
SP_STORE_SERVICE_DECLARE_ASYNC (update_claim, SpStoreService *self, gint64 claim_id,
                                SpClaimStatus status, SpEvidence evidence);
/* Imports a voucher file, or a programme file when @programmes; the number
 * imported comes back from _finish (::wallet-changed). */
SP_STORE_SERVICE_DECLARE_ASYNC (import_wallet, SpStoreService *self, GBytes *data,
                                gboolean programmes);
gboolean          sp_store_service_import_wallet_finish (SpStoreService  *self,
                                                         GAsyncResult    *result,
                                                         guint           *n_imported,
                                                         GError         **error);
/* Records a purchase (sp_store_record_purchase(); @request is copied):
 * ::wallet-changed, ::ledger-changed. */
SP_STORE_SERVICE_DECLARE_ASYNC (record_purchase, SpStoreService *self, SpPurchase *purchase,
                                const SpPurchaseRequest *request);
SpBreakdown      *sp_store_service_record_purchase_finish (SpStoreService  *self,
                                                           GAsyncResult    *result,
                                                           gint64          *purchase_id,
                                                           GError         **error);
/* The watches (element type SpWatch). */
SP_STORE_SERVICE_DECLARE_JOB (GPtrArray *, list_watches, SpStoreService *self);
/* Adds (@add) or removes the watches @keys (kind, source, key triples as
 * SpWatch): ::watchlist-changed; finished by sp_store_service_finish(). */
SP_STORE_SERVICE_DECLARE_ASYNC (set_watches, SpStoreService *self, GPtrArray *watches,
                                gboolean add);
/* The changes of watched prices since @since (sp_watchlist_changes()). */
SP_STORE_SERVICE_DECLARE_JOB (GPtrArray *, watch_changes, SpStoreService *self, gint64 since);

/* ---- the spending ledger (sp-store-service-ledger.c) ---- */

/* Sets the rate the ledger records on entries added without one. */
void        sp_store_service_set_default_rate     (SpStoreService *self,
                                                   SpMoney         usd_cny,
                                                   const char     *rate_date);
/* Entries of @from_month..@to_month (NULL: open), SpLedgerEntry. */
SP_STORE_SERVICE_DECLARE_JOB (GPtrArray *, list_entries, SpStoreService *self,
                              const char *from_month, const char *to_month);
/* Adds (id 0) or updates @entry (copied): ::ledger-changed; the entry's id
 * comes back. */
SP_STORE_SERVICE_DECLARE_ASYNC (save_entry, SpStoreService *self, const SpLedgerEntry *entry);
/* Deletes (@undo FALSE) or undeletes an entry: ::ledger-changed; the id. */
SP_STORE_SERVICE_DECLARE_ASYNC (delete_entry, SpStoreService *self, gint64 id, gboolean undo);
gint64      sp_store_service_finish_id            (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
/* Runs sp_offer_table_reprice_run() on the worker's connections' file. */
SP_STORE_SERVICE_DECLARE_JOB (SpRepriceResult *, reprice, SpStoreService *self,
                              const char *from_month, const char *to_month,
                              SpPriceContext *ctx);
/* Sets the reprice group of @vendor + @item (sp_reprice_set_group()):
 * ::ledger-changed; finished by sp_store_service_finish(). */
SP_STORE_SERVICE_DECLARE_ASYNC (set_group, SpStoreService *self, const char *vendor,
                                const char *item, const char *group);

/* ---- the Spending page (sp-store-service-spending.c) ---- */

/* What the Spending page asks for: the chart's months and grouping, the
 * list's months, the display currency and the day taken as today. */
typedef struct {
  char            from[8];         /* chart, "YYYY-MM" */
  char            to[8];
  char            list_from[8];    /* entry list */
  char            list_to[8];
  SpLedgerGroupBy by;
  char            currency[4];
  GDate           today;
} SpSpendingQuery;

/* What it shows, read in one go; each part has its own error. */
typedef struct {
  GStrv                 years;           /* years with entries, newest first */
  GPtrArray            *monthly;         /* SpLedgerMonthlyRow, NULL on error */
  guint                 n_skipped;
  GError               *monthly_error;
  gboolean              has_budget;
  SpMoney               budget;
  char                  budget_currency[4];
  SpLedgerBudgetStatus  status;
  GError               *status_error;
  GPtrArray            *entries;         /* SpLedgerEntry, NULL on error */
  GError               *entries_error;
  gint64                count;           /* live entries */
} SpSpendingView;

void            sp_spending_view_free (SpSpendingView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSpendingView, sp_spending_view_free)

SP_STORE_SERVICE_DECLARE_JOB (SpSpendingView *, load_spending, SpStoreService *self,
                              const SpSpendingQuery *query);
/* The monthly budget (sp_ledger_get_budget()): FALSE with no error when
 * none is set. */
SP_STORE_SERVICE_DECLARE_ASYNC (get_budget, SpStoreService *self);
gboolean        sp_store_service_get_budget_finish    (SpStoreService  *self,
                                                       GAsyncResult    *result,
                                                       SpMoney         *amount,
                                                       char             currency[4],
                                                       GError         **error);
/* Sets (or, with SP_MONEY_UNKNOWN, removes) the budget: ::ledger-changed;
 * finished by sp_store_service_finish(). */
SP_STORE_SERVICE_DECLARE_ASYNC (set_budget, SpStoreService *self, SpMoney amount,
                                const char *currency);
/* Writes sp_ledger_export_csv() to @path; finished by
 * sp_store_service_finish(). */
SP_STORE_SERVICE_DECLARE_ASYNC (export_csv, SpStoreService *self, const char *path);
/* sp_ledger_import_csv_full() of @data: ::ledger-changed unless @flags
 * has SP_LEDGER_IMPORT_DRY_RUN. */
SP_STORE_SERVICE_DECLARE_ASYNC (import_csv, SpStoreService *self, GBytes *data,
                                SpLedgerImportFlags flags);
gboolean        sp_store_service_import_csv_finish    (SpStoreService        *self,
                                                       GAsyncResult          *result,
                                                       SpLedgerImportResult  *counts,
                                                       GError               **error);
/* Reads a local file through sp_import_read_input() (at most @max_size
 * bytes), so no window blocks on a file. */
SP_STORE_SERVICE_DECLARE_JOB (GBytes *, read_file, SpStoreService *self, const char *path,
                              gsize max_size);

/* ---- the live refresh (sp-store-service-refresh.c) ---- */

/* Refreshes the named sources (NULL or empty: every enabled one) with
 * SpRefresher in the service's main context, once every job queued before
 * has run; ::refresh-progress on the way, ::sources-changed and
 * ::offers-changed after it.  The outcomes (SpRefreshOutcome), or NULL
 * with G_IO_ERROR_CANCELLED when @cancellable stopped it. */
SP_STORE_SERVICE_DECLARE_JOB (GPtrArray *, refresh, SpStoreService *self,
                              const char * const *names);

#undef SP_STORE_SERVICE_DECLARE_JOB
#undef SP_STORE_SERVICE_DECLARE_ASYNC

G_END_DECLS
