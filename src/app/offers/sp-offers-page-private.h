/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-private.h — the Offers page's test and benchmark hooks */
#pragma once

#include "sp-application.h"
#include "sp-bar-chart.h"
#include "sp-offer-engine.h"
#include "sp-offer-list.h"
#include "sp-offer-rows.h"
#include "sp-watch-button.h"
#include "sp-offers-page.h"
#include "sp-suspicious.h"

G_BEGIN_DECLS

/* What is shown (element type SpOffer, made from the engine's table for
 * the items asked for: sp-offer-list.h), filtered and sorted: every
 * matching offer, or in the group view one offer per group (its cheapest). */
GListModel         *sp_offers_page_get_model     (SpOffersPage *self);
/* sp_offers_page_get_state () is in sp-offers-page.h */

/* Filters, as the toolbar sets them.  @kind is an SpOfferKind or -1 for all. */
void                sp_offers_page_set_kind_filter (SpOffersPage *self,
                                                    int           kind);
/* Sorts by a column: "warnings", "vendor", "group", "name", "spec", "region",
 * "billing", "list-price", "price", "input", "output", "effective",
 * "updated".  The choice is saved in the settings. */
gboolean            sp_offers_page_sort_by       (SpOffersPage *self,
                                                  const char   *column,
                                                  gboolean      descending);
/* The selection model of the table (items are SpOffer, or GtkTreeListRow in
 * the group view). */
GtkSelectionModel  *sp_offers_page_get_selection (SpOffersPage *self);
/* The warnings of @offer (NULL when none). */
const SpOfferFlags *sp_offers_page_get_flags     (SpOffersPage *self,
                                                  SpOffer      *offer);
SpBarChart         *sp_offers_page_get_chart     (SpOffersPage *self);

/* Reads the wallet again (in a worker thread) and re-prices the After
 * Vouchers column: after a purchase, or when vouchers changed.  The page
 * also does it whenever it is shown. */
void                sp_offers_page_reload_wallet (SpOffersPage *self);
/* TRUE while the catalog or the wallet is being read */
gboolean            sp_offers_page_is_reading_wallet (SpOffersPage *self);
/* The After Vouchers figure of @offer (one of the page's offers), in the
 * display currency: the net cost after reimbursement of one unit
 * (card-hour, core-hour, 1M tokens at the token mix) with the proposed
 * vouchers (sp-effective-price.h); the normalized price when no voucher
 * applies (@saves FALSE) or the wallet is empty.  SP_MONEY_UNKNOWN when
 * there is no price. */
SpMoney             sp_offers_page_get_effective_price (SpOffersPage *self,
                                                        SpOffer      *offer,
                                                        gboolean     *saves);

/* The offer @offer (one of the model's items) read back whole from the
 * store (tiers, sources, credits: what details and compare show), or NULL
 * until it is in; asking starts the reading. */
SpOffer            *sp_offers_page_peek_full_offer (SpOffersPage *self,
                                                    SpOffer      *offer);
/* How many offers the page holds (all of them, before any filter). */
guint               sp_offers_page_get_n_offers  (SpOffersPage *self);
/* Prints (standard error) the bytes the page's table and prices hold */
void                sp_offers_page_bench_print_sizes (SpOffersPage *self);

/* ------------------------------------------------------------------
 * Internal: shared by sp-offers-page.c (the widget), -cells.c, -query.c
 * and -load.c, which define SP_OFFERS_PAGE_INTERNAL.  Not for tests. */
#ifdef SP_OFFERS_PAGE_INTERNAL

#define MAX_CHART_BARS 24

typedef enum {
  COL_WARNINGS,
  COL_VENDOR,
  COL_GROUP,
  COL_NAME,
  COL_SPEC,
  COL_REGION,
  COL_BILLING,
  COL_LIST_PRICE,
  COL_PRICE,
  COL_INPUT,
  COL_OUTPUT,
  COL_EFFECTIVE,
  COL_UPDATED,
  N_COLUMNS
} Column;

typedef struct {
  SpOffersPage *self;
  Column        column;
  gboolean      tree;     /* cells: with an expander (group view) */
} SortKey;

struct _SpOffersPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkStack            *state_stack;
  GtkSpinner          *loading_spinner;
  GtkWidget           *demo_notice;
  GtkColumnView       *column_view;
  AdwStatusPage       *error_page;
  GtkToggleButton     *kind_all_button;
  GtkToggleButton     *kind_gpu_button;
  GtkToggleButton     *kind_cpu_button;
  GtkToggleButton     *kind_tokens_button;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *vendor_dropdown;
  GtkDropDown         *gpu_dropdown;
  GtkDropDown         *region_dropdown;
  GtkDropDown         *billing_dropdown;
  GtkSpinButton       *memory_spin;
  GtkLabel            *count_label;
  SpWatchButton       *watch_button;  /* the watchlist star (issue 13) */
  GtkRevealer         *chart_revealer;
  GtkLabel            *chart_caption;
  SpBarChart          *chart;
  GtkStack            *list_stack;
  GtkColumnViewColumn *columns[N_COLUMNS];

  /* owned */
  SpOfferTable        *table;           /* the catalog (sp-offer-table.h) */
  SpOfferPrices       *prices;          /* its prices under the preferences and the wallet */
  SpOfferCache        *cache;           /* SpOffer objects of the rows in use */
  GArray              *result;          /* rows shown (of the last query), for `within` */
  GPtrArray           *search_cache;    /* the rows of recent searches under this query */
  SpOfferList         *filter_model;    /* the shown rows as offers */
  SpOfferRows         *rows_model;      /* stable rows over filter_model */
  GtkMultiSelection   *flat_selection;
  GHashTable          *bound_items;     /* GtkListItem* with a bound cell */
  SpOfferList         *groups_list;     /* group view: each group's cheapest row */
  GtkTreeListModel    *tree_model;
  GtkMultiSelection   *group_selection;
  GHashTable          *group_members;   /* group → GArray of its other shown rows */
  GHashTable          *group_sizes;     /* group → members shown */
  GHashTable          *flags;           /* row → SpOfferFlags* (rows asked about) */
  GHashTable          *full_offers;     /* row → SpOffer read back whole from the store */
  GHashTable          *reading_back;    /* rows being read back */
  GCancellable        *cancellable;
  GSettings           *settings;
  char                *store_path;
  SpStoreService      *service;
  SpApplication       *app;             /* weak */
  GPtrArray           *vendor_ids;      /* dropdown index → interned id (NULL = all) */
  GPtrArray           *gpu_models;
  GPtrArray           *regions;
  GArray              *billings;        /* of int */
  SortKey              sort_keys[N_COLUMNS];
  SortKey              vendor_tree_key;
  GtkListItemFactory  *vendor_factories[2]; /* flat, group view */
  gboolean             column_shown[N_COLUMNS];
  gboolean             column_wanted[N_COLUMNS]; /* shown unless it gives way (fit_columns ()) */
  int                  column_width[N_COLUMNS];  /* measured, 0 until then */
  guint                fit_idle;
  gboolean             measure_pending;
  GtkColumnViewColumn *held_columns[N_COLUMNS];
  SpOffer             *probe_a;
  SpOffer             *probe_b;
  guint                chart_idle;
  guint                reserve_idle;    /* GTK's rows made while loading */
  SpWallet            *wallet;          /* NULL until read */
  guint32              wallet_date;     /* the day it was read for */
  GCancellable        *wallet_cancellable;
  GCancellable        *prices_cancellable; /* re-pricing (preferences or wallet changed) */
  SpPriceContext      *pricing_ctx;     /* the preferences as that re-pricing saw them */
  char                *wallet_fingerprint; /* what the rules see of it */

  /* filter state */
  int                  kind;            /* SpOfferKind, -1 = all */
  const char          *vendor_id;
  const char          *gpu_model;
  const char          *region;
  int                  billing;         /* SpBilling, -1 = all */
  guint                min_memory;
  char                *search_folded;   /* NFKC, casefolded, stripped */

  gboolean             group_view;
  gboolean             show_chart;
  gboolean             show_retired;
  gboolean             probing;
  Column               probe_column;
  gboolean             restoring_sort;
  gboolean             updating_dropdowns;
  GHashTable          *layout_caches[N_COLUMNS]; /* shared text layouts per column */
};

void _sp_offers_page_apply_search (SpOffersPage *self, const char *text);
/* Reads @offers (the table's, of the current catalog) back whole, then
 * calls @func with them (those that could not be read stay as they are) */
typedef void (*ReadBackFunc) (SpOffersPage *self, GPtrArray *offers);
void _sp_offers_page_read_back (SpOffersPage *self, GPtrArray *offers, ReadBackFunc func);
void _sp_offers_page_build_dropdowns (SpOffersPage *self);
void _sp_offers_page_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, SortKey *key);
void _sp_offers_page_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, SortKey *key);
void _sp_offers_page_cell_teardown (GtkSignalListItemFactory *factory, GtkListItem *list_item, SortKey *key);
void _sp_offers_page_cell_unbind (GtkSignalListItemFactory *factory, GtkListItem *list_item, SortKey *key);
SpPriceContext *_sp_offers_page_copy_price_context (void);
GListModel *_sp_offers_page_create_group_children (gpointer item, gpointer user_data);
SpPriceContext *_sp_offers_page_current_price_context (void);
/* The prices shown were computed with @ctx (a copy): the rows and the chart
 * format them in its currency until the next prices are in */
void            _sp_offers_page_set_shown_price_context (SpPriceContext *ctx);
/* The row of a model's item (SpOfferRow, GtkTreeListRow or SpOffer) */
gboolean _sp_offers_page_item_row (SpOffersPage *self, gpointer item, guint *row);
/* The warnings of @row (owned by the page), or NULL */
const SpOfferFlags *_sp_offers_page_row_flags (SpOffersPage *self, guint row);
/* The price after vouchers of @row (its normalized price when no voucher
 * lowers it, @saves FALSE) */
SpMoney _sp_offers_page_row_effective (SpOffersPage *self, guint row, gboolean *saves);
/* The whole offer of @row when it has been read back, else NULL (and the
 * reading starts) */
SpOffer *_sp_offers_page_peek_full (SpOffersPage *self, guint row);
/* Rows' SpOffer* → SpOfferFlags* for the windows that take that (owned) */
GHashTable *_sp_offers_page_flags_table (SpOffersPage *self, GPtrArray *offers);
void _sp_offers_page_filter_changed (SpOffersPage *self, GtkFilterChange change);
void _sp_offers_page_fit_columns (SpOffersPage *self);
void _sp_offers_page_on_search_changed (SpOffersPage *self);
void _sp_offers_page_on_settings_changed (GSettings *settings, const char *key, SpOffersPage *self);
void _sp_offers_page_on_sorter_changed (GtkSorter *sorter, GtkSorterChange change, SpOffersPage *self);
void _sp_offers_page_on_state_changed (SpOffersPage *self);
void _sp_offers_page_on_view_width_changed (SpOffersPage *self);
gboolean _sp_offers_page_probe_sort (SpOffersPage *self, Column *column, gboolean *descending);
void _sp_offers_page_put_column (SpOffersPage *self, Column column, gboolean shown);
void _sp_offers_page_rebuild_groups (SpOffersPage *self);
void _sp_offers_page_refill_cells (SpOffersPage *self);
void _sp_offers_page_new_prices (SpOffersPage *self, SpOfferPrices *prices, SpPriceContext *ctx);
void _sp_offers_page_remember_vendors (SpOfferTable *table);
void _sp_offers_page_resort (SpOffersPage *self);
void _sp_offers_page_restore_sort (SpOffersPage *self);
void _sp_offers_page_reprice (SpOffersPage *self);
void _sp_offers_page_schedule_chart_update (SpOffersPage *self);
void _sp_offers_page_schedule_fit (SpOffersPage *self);
void _sp_offers_page_fit_now (SpOffersPage *self);
GPtrArray *_sp_offers_page_selected_offers (SpOffersPage *self);
void _sp_offers_page_set_column_shown (SpOffersPage *self, Column column, gboolean shown);
int _sp_offers_page_sort_func (gconstpointer a, gconstpointer b, gpointer user_data);
void _sp_offers_page_map (GtkWidget *widget);
void _sp_offers_page_root (GtkWidget *widget);
gboolean _sp_offers_page_update_chart (gpointer user_data);
void _sp_offers_page_update_count (SpOffersPage *self);
void _sp_offers_page_wallet_cb (GObject *object, GAsyncResult *result, gpointer user_data);
char *_sp_offers_page_wallet_fingerprint (SpWallet *wallet);
gboolean _sp_offers_page_wallet_has_vouchers (SpOffersPage *self);
GPtrArray *_sp_offers_page_search_cache_new (void);
void _sp_offers_page_emit_error (SpOffersPage *self, const char *message);
const char *_sp_offers_page_vendor_label (SpOfferTable *table, guint row);
char *_sp_offers_page_cell_text (SpOffersPage *self, Column column, guint row);

#endif /* SP_OFFERS_PAGE_INTERNAL */

G_END_DECLS
