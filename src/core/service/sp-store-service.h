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

/* ---- offers and sources (sp-store-service.c) ---- */

/* All offers (element type SpOffer), as sp_store_load_offers(). */
void        sp_store_service_load_offers_async    (SpStoreService      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray  *sp_store_service_load_offers_finish   (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
/* All offers as the engine's table (sp-offer-table.h), after the jobs
 * queued before (sp-store-service-offers.c) */
void          sp_store_service_load_offer_table_async  (SpStoreService      *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
SpOfferTable *sp_store_service_load_offer_table_finish (SpStoreService  *self,
                                                        GAsyncResult    *result,
                                                        GError         **error);
/* One offer's price history (element type SpPricePoint). */
/* One offer with all its fields, by @source and @id (the Offers page holds
 * only the table: compare, buy and details read their offers back so).
 * G_IO_ERROR_NOT_FOUND when it is no longer in the catalog. */
void        sp_store_service_load_offer_async     (SpStoreService      *self,
                                                   const char          *source,
                                                   const char          *id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
SpOffer    *sp_store_service_load_offer_finish    (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
void        sp_store_service_price_history_async  (SpStoreService      *self,
                                                   const char          *source,
                                                   const char          *offer_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GArray     *sp_store_service_price_history_finish (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
/* The price history of each of @offers (SpOffer), in their order: a
 * GPtrArray of GArray (SpPricePoint), empty when an offer has none. */
void        sp_store_service_price_histories_async  (SpStoreService      *self,
                                                     GPtrArray           *offers,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray  *sp_store_service_price_histories_finish (SpStoreService  *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);
/* Configured sources (element type SpSource). */
void        sp_store_service_list_sources_async   (SpStoreService      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray  *sp_store_service_list_sources_finish  (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
/* Adds (@is_new) or updates @source (::sources-changed). */
void        sp_store_service_save_source_async    (SpStoreService      *self,
                                                   SpSource            *source,
                                                   gboolean             is_new,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Removes a source and its offers (::sources-changed, ::offers-changed). */
void        sp_store_service_delete_source_async  (SpStoreService      *self,
                                                   const char          *name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Copies the database to @dest_path (sp_store_backup_to()). */
void        sp_store_service_backup_async         (SpStoreService      *self,
                                                   const char          *dest_path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Replaces the database from @src_path (sp_store_restore()); every signal,
 * then ::restored. */
void        sp_store_service_restore_async        (SpStoreService      *self,
                                                   const char          *src_path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Finishes every operation above that returns no data. */
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

void              sp_store_service_load_snapshot_async  (SpStoreService      *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
SpWalletSnapshot *sp_store_service_load_snapshot_finish (SpStoreService  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);
/* The wallet as stored on @date (sp_store_load_wallet()). */
void              sp_store_service_load_wallet_async    (SpStoreService      *self,
                                                         guint32              date,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
SpWallet         *sp_store_service_load_wallet_finish   (SpStoreService  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);
/* The next four: ::wallet-changed, finished by sp_store_service_finish(). */
void              sp_store_service_add_voucher_async    (SpStoreService      *self,
                                                         SpVoucher           *voucher,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void              sp_store_service_remove_voucher_async (SpStoreService      *self,
                                                         const char          *code,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Voids a purchase (::wallet-changed, ::ledger-changed). */
void              sp_store_service_void_purchase_async  (SpStoreService      *self,
                                                         gint64               purchase_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void              sp_store_service_update_claim_async   (SpStoreService      *self,
                                                         gint64               claim_id,
                                                         SpClaimStatus        status,
                                                         SpEvidence           evidence,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Imports a voucher file, or a programme file when @programmes; the number
 * imported comes back from _finish (::wallet-changed). */
void              sp_store_service_import_wallet_async  (SpStoreService      *self,
                                                         GBytes              *data,
                                                         gboolean             programmes,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          sp_store_service_import_wallet_finish (SpStoreService  *self,
                                                         GAsyncResult    *result,
                                                         guint           *n_imported,
                                                         GError         **error);
/* Records a purchase (sp_store_record_purchase(); @request is copied):
 * ::wallet-changed, ::ledger-changed. */
void              sp_store_service_record_purchase_async  (SpStoreService          *self,
                                                           SpPurchase              *purchase,
                                                           const SpPurchaseRequest *request,
                                                           GCancellable            *cancellable,
                                                           GAsyncReadyCallback      callback,
                                                           gpointer                 user_data);
SpBreakdown      *sp_store_service_record_purchase_finish (SpStoreService  *self,
                                                           GAsyncResult    *result,
                                                           gint64          *purchase_id,
                                                           GError         **error);
/* The watches (element type SpWatch). */
void              sp_store_service_list_watches_async   (SpStoreService      *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray        *sp_store_service_list_watches_finish  (SpStoreService  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);
/* Adds (@add) or removes the watches @keys (kind, source, key triples as
 * SpWatch): ::watchlist-changed; finished by sp_store_service_finish(). */
void              sp_store_service_set_watches_async    (SpStoreService      *self,
                                                         GPtrArray           *watches,
                                                         gboolean             add,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* The changes of watched prices since @since (sp_watchlist_changes()). */
void              sp_store_service_watch_changes_async  (SpStoreService      *self,
                                                         gint64               since,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray        *sp_store_service_watch_changes_finish (SpStoreService  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);

/* ---- the spending ledger (sp-store-service-ledger.c) ---- */

/* Sets the rate the ledger records on entries added without one. */
void        sp_store_service_set_default_rate     (SpStoreService *self,
                                                   SpMoney         usd_cny,
                                                   const char     *rate_date);
/* Entries of @from_month..@to_month (NULL: open), SpLedgerEntry. */
void        sp_store_service_list_entries_async   (SpStoreService      *self,
                                                   const char          *from_month,
                                                   const char          *to_month,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray  *sp_store_service_list_entries_finish  (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
/* Adds (id 0) or updates @entry (copied): ::ledger-changed; the entry's id
 * comes back. */
void        sp_store_service_save_entry_async     (SpStoreService      *self,
                                                   const SpLedgerEntry *entry,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Deletes (@undo FALSE) or undeletes an entry: ::ledger-changed; the id. */
void        sp_store_service_delete_entry_async   (SpStoreService      *self,
                                                   gint64               id,
                                                   gboolean             undo,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gint64      sp_store_service_finish_id            (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
/* Runs sp_reprice_run() on the worker's connections' file. */
void        sp_store_service_reprice_async        (SpStoreService      *self,
                                                   const char          *from_month,
                                                   const char          *to_month,
                                                   SpPriceContext      *ctx,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
SpRepriceResult *sp_store_service_reprice_finish  (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
/* Sets the reprice group of @vendor + @item (sp_reprice_set_group()):
 * ::ledger-changed; finished by sp_store_service_finish(). */
void        sp_store_service_set_group_async      (SpStoreService      *self,
                                                   const char          *vendor,
                                                   const char          *item,
                                                   const char          *group,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

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

void            sp_store_service_load_spending_async  (SpStoreService        *self,
                                                       const SpSpendingQuery *query,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
SpSpendingView *sp_store_service_load_spending_finish (SpStoreService  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);
/* The monthly budget (sp_ledger_get_budget()): FALSE with no error when
 * none is set. */
void            sp_store_service_get_budget_async     (SpStoreService      *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        sp_store_service_get_budget_finish    (SpStoreService  *self,
                                                       GAsyncResult    *result,
                                                       SpMoney         *amount,
                                                       char             currency[4],
                                                       GError         **error);
/* Sets (or, with SP_MONEY_UNKNOWN, removes) the budget: ::ledger-changed;
 * finished by sp_store_service_finish(). */
void            sp_store_service_set_budget_async     (SpStoreService      *self,
                                                       SpMoney              amount,
                                                       const char          *currency,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/* Writes sp_ledger_export_csv() to @path; finished by
 * sp_store_service_finish(). */
void            sp_store_service_export_csv_async     (SpStoreService      *self,
                                                       const char          *path,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/* sp_ledger_import_csv_full() of @data: ::ledger-changed unless @flags
 * has SP_LEDGER_IMPORT_DRY_RUN. */
void            sp_store_service_import_csv_async     (SpStoreService      *self,
                                                       GBytes              *data,
                                                       SpLedgerImportFlags  flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        sp_store_service_import_csv_finish    (SpStoreService        *self,
                                                       GAsyncResult          *result,
                                                       SpLedgerImportResult  *counts,
                                                       GError               **error);
/* Reads a local file through sp_import_read_input() (at most @max_size
 * bytes), so no window blocks on a file. */
void            sp_store_service_read_file_async      (SpStoreService      *self,
                                                       const char          *path,
                                                       gsize                max_size,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GBytes         *sp_store_service_read_file_finish     (SpStoreService  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

/* ---- the live refresh (sp-store-service-refresh.c) ---- */

/* Refreshes the named sources (NULL or empty: every enabled one) with
 * SpRefresher in the service's main context, once every job queued before
 * has run; ::refresh-progress on the way, ::sources-changed and
 * ::offers-changed after it.  The outcomes (SpRefreshOutcome), or NULL
 * with G_IO_ERROR_CANCELLED when @cancellable stopped it. */
void        sp_store_service_refresh_async        (SpStoreService      *self,
                                                   const char * const  *names,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray  *sp_store_service_refresh_finish       (SpStoreService  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);

G_END_DECLS
