/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page.c — the Offers page: the catalog on one price scale
 *
 * Model chain (flat view):
 *
 *   SpOfferList (all offers, load order) → the engine's rows
 *     (sp_offer_engine_run () on the SpOfferTable of the same catalog:
 *     kind, vendor, GPU, region, billing, memory, search, the column view's
 *     sort column) → SpOfferList (the shown offers) → SpOfferRows (stable
 *     rows) → GtkMultiSelection → GtkColumnView
 *
 * Filtering, search and sorting are the engine's (src/core/engine), so the
 * window lists the offers of a query in the order `suanpan-cli offers`
 * does; a search that grows only looks among the rows shown (`within`).
 * Each offer carries an OfferInfo (object data) with what its cells show
 * (group label, normalized prices, warnings).
 *
 * Group view: one row per equivalence group of the filtered offers (its
 * cheapest offer), expandable to the others, through a GtkTreeListModel.
 *
 * After Vouchers: the cost of one unit with the cheapest vouchers, to the
 * micro-unit, prepaid packs not counted as a saving (sp_offer_propose_unit()
 * in the core, shared with offers --json), computed only for the offers that are drawn (or
 * compared, when the table is sorted by it), cached per offer and thrown
 * away when the wallet or the preferences change.  The wallet is read with
 * the catalog, again whenever the page is shown (the Vouchers page or the
 * command line may have changed it) and after a purchase
 * (sp_offers_page_reload_wallet()).
 *
 * GTK 4.8 has no API to ask the column view which column it sorts by (4.10
 * adds it), so the page finds out by asking the column view's sorter to
 * compare two probe offers while each column's sorter answers differently —
 * public API only. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#endif
#include <glib/gi18n.h>

#include "sp-bar-chart.h"
#include "sp-compare-window.h"
#include "sp-effective-price.h"
#include "sp-estimator-window.h"
#include "sp-format.h"
#include "sp-offer-engine.h"
#include "sp-offer-list.h"
#include "sp-offer-rows.h"
#include "sp-redeem-window.h"
#include "sp-text-cell.h"
#include "sp-watch-button.h"
#include "sp-offers-page-private.h"

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

static const char * const column_ids[N_COLUMNS] = {
  "warnings", "vendor", "group", "name", "spec", "region", "billing",
  "list-price", "price", "input", "output", "effective", "updated",
};

/* What the page precomputes per offer: one array of these per load, in load
 * order (each offer's object data points at its entry). */
typedef struct {
  /* fixed at load */
  guint         index;        /* in load order */
  guint         row;          /* in the engine's table */
  /* infos own nothing: their strings are the StringPool's, their flags the
   * page's flags table's (freeing an array of infos is g_free ()) */
  const char   *group_id;     /* sp_offer_dup_group () */
  const char   *group_label;  /* sp_offer_dup_group_label () */
  SpOfferKind   kind;
  const char   *vendor_id;    /* interned */
  const char   *gpu_model;    /* interned */
  const char   *region;       /* interned */
  SpBilling     billing;
  guint         gpu_memory_gb;
  gboolean      retired;      /* off sale: hidden unless the user asks */
  /* follow the preferences */
  SpMoney       normalized;
  SpMoney       input;
  SpMoney       output;
  SpOfferFlags *flags;        /* the page's flags table's, NULL = no warning */
  /* after vouchers: valid while effective_serial is the page's wallet_serial */
  SpMoney       effective;    /* cost of one unit, display currency, micro-units; the normalized
                               * price when no voucher applies */
  guint         effective_serial;
  gboolean      effective_saves;
  /* group view: members of this offer's group in the current filter */
  guint         group_size;
} OfferInfo;

/* Strings that many offers share (a vendor's collation key, a group's id,
 * label and key), kept once per load: with 100,000 offers, a copy per offer
 * was a fifth of the page's memory. */
typedef struct {
  char *id;
  char *label;
} SharedGroup;

typedef struct _StringPool {
  GHashTable *groups;       /* group id → SharedGroup */
  struct _StringPool *next; /* the pool of another loading thread's part */
} StringPool;

static void
shared_group_free (gpointer data)
{
  SharedGroup *group = data;

  g_free (group->id);
  g_free (group->label);
  g_free (group);
}

static void string_pool_free (StringPool *pool);

static StringPool *
string_pool_new (void)
{
  StringPool *pool = g_new0 (StringPool, 1);

  pool->groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, shared_group_free);
  return pool;
}

static void
string_pool_free (StringPool *pool)
{
  if (pool == NULL)
    return;
  string_pool_free (pool->next);
  g_hash_table_unref (pool->groups);
  g_free (pool);
}

/* The shown positions for one search text (under the same other filters
 * and sort order): backspacing returns to one of them. */
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
  SpOfferList         *offers;          /* all offers, in load order */
  OfferInfo           *infos;           /* per offer, in load order */
  StringPool          *pool;            /* shared strings of infos */
  guint                n_infos;
  SpOfferTable        *table;           /* the same offers, for the engine */
  SpOfferPrices       *prices;          /* their prices under the preferences (no wallet) */
  guint               *row_offer;       /* table row → load index */
  GArray              *result;          /* rows shown (of the last query), for `within` */
  SpOfferList         *filter_model;    /* the shown offers (borrowed from offers) */
  GPtrArray           *shown_ptrs;      /* scratch: SpOffer* of shown */
  SpOfferRows         *rows_model;      /* stable rows over filter_model */
  GtkMultiSelection   *flat_selection;
  GHashTable          *bound_items;     /* GtkListItem* with a bound cell */
  GListStore          *groups_store;    /* group view: representatives */
  GtkTreeListModel    *tree_model;
  GtkMultiSelection   *group_selection;
  GPtrArray           *groups;          /* of SpOfferGroup */
  GHashTable          *group_by_rep;    /* SpOffer* → SpOfferGroup* (borrowed) */
  GHashTable          *flags;           /* SpOffer* → SpOfferFlags* */
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
  SpWallet            *wallet;          /* NULL until read */
  guint32              wallet_date;     /* the day it was read for */
  guint                wallet_serial;   /* bumped when it or the preferences change */
  GCancellable        *wallet_cancellable;
  GCancellable        *prices_cancellable; /* re-pricing after the preferences changed */
  char                *wallet_fingerprint; /* what the rules see of it */
  GHashTable          *none_applies;    /* purchase keys no voucher can serve */
  guint                none_serial;     /* the wallet_serial of none_applies */

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

G_DEFINE_FINAL_TYPE (SpOffersPage, sp_offers_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GROUP_VIEW,
  PROP_SHOW_CHART,
  PROP_SHOW_RETIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark
offer_info_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("sp-offers-page-info");
  return quark;
}

static void filter_changed        (SpOffersPage *self, GtkFilterChange change);
static GPtrArray *all_offers      (SpOffersPage *self);
static void rebuild_groups        (SpOffersPage *self);
static void schedule_chart_update (SpOffersPage *self);

/* -------------------------------------------------------------- helpers */

static SpPriceContext *
current_price_context (void)
{
  GApplication *app = g_application_get_default ();

  if (SP_IS_APPLICATION (app))
    return sp_application_get_price_context (SP_APPLICATION (app));
  return NULL;
}

/* The preferences' price context, for a worker */
static SpPriceContext *
copy_price_context (void)
{
  SpPriceContext *ctx = current_price_context ();
  SpPriceContext *copy = sp_price_context_new ();
  guint in = 0, out = 0;

  if (ctx != NULL)
    {
      sp_price_context_set_currency (copy, sp_price_context_get_currency (ctx));
      sp_price_context_set_usd_cny (copy, sp_price_context_get_usd_cny (ctx));
      sp_price_context_get_mix (ctx, &in, &out);
      sp_price_context_set_mix (copy, in, out);
    }
  return copy;
}

static inline OfferInfo *
offer_info (SpOffer *offer)
{
  return g_object_get_qdata (G_OBJECT (offer), offer_info_quark ());
}

/* Runs in the loading thread: everything that does not depend on the
 * preferences. */
static void
offer_info_fill (SpOffer    *offer,
                 OfferInfo  *info,
                 guint       index,
                 StringPool *pool)
{
  g_autofree char *group_id = sp_offer_dup_group (offer);
  SharedGroup *group;

  /* offers of no known kind share the group "" (with a NULL id) */
  group = g_hash_table_lookup (pool->groups, group_id ? group_id : "");
  if (group == NULL)
    {
      group = g_new0 (SharedGroup, 1);
      group->label = sp_offer_dup_group_label (offer);
      group->id = g_steal_pointer (&group_id);
      g_hash_table_insert (pool->groups, group->id ? group->id : (char *) "", group);
    }
  info->group_id = group->id;
  info->group_label = group->label;
  info->index = index;
  info->kind = sp_offer_get_kind (offer);
  info->vendor_id = sp_offer_get_vendor_id (offer);
  info->gpu_model = sp_offer_get_gpu_model (offer);
  info->region = sp_offer_get_region (offer);
  info->billing = sp_offer_get_billing (offer);
  info->gpu_memory_gb = sp_offer_get_gpu_memory_gb (offer);
  info->retired = sp_offer_get_retired (offer);
  info->normalized = info->input = info->output = SP_MONEY_UNKNOWN;
  /* the page frees the array after the offers have left its lists */
  g_object_set_qdata (G_OBJECT (offer), offer_info_quark (), info);
}

/* Normalized prices and warnings of @all (element type SpOffer), from the
 * engine's prices: at load, before the offers are shown, and when the
 * preferences changed (and the worker re-priced). */
static void
refresh_prices (SpOffersPage *self,
                GPtrArray    *all)
{
  if (self->prices == NULL || self->table == NULL)
    return;
  g_clear_pointer (&self->flags, g_hash_table_unref);
  self->flags = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                       (GDestroyNotify) sp_offer_flags_free);
  for (guint i = 0; i < all->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (all, i);
      OfferInfo *info = offer_info (offer);

      info->normalized = sp_offer_prices_get_normalized (self->prices, info->row);
      info->input = sp_offer_prices_get_input (self->prices, info->row);
      info->output = sp_offer_prices_get_output (self->prices, info->row);
      info->flags = NULL;
      if (sp_offer_prices_get_flags (self->prices, info->row) != SP_OFFER_FLAG_NONE)
        {
          /* owned by self->flags, replaced together */
          info->flags = sp_offer_prices_dup_flags (self->prices, self->table, info->row);
          if (info->flags != NULL)
            g_hash_table_insert (self->flags, g_object_ref (offer), info->flags);
        }
    }
}

/* Rows showing the same offer keep their widgets when the model changes, so
 * re-binding the cells (new prices) needs the model set again. */
static void
rebind_rows (SpOffersPage *self)
{
  GtkSelectionModel *model = sp_offers_page_get_selection (self);

  g_object_ref (model);
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_column_view_set_model (self->column_view, model);
  g_object_unref (model);
}

static gboolean
wallet_has_vouchers (SpOffersPage *self)
{
  return self->wallet != NULL && sp_wallet_get_vouchers (self->wallet)->len > 0;
}

/* What decides, besides the amount, whether a voucher can serve a
 * purchase of @offer: vendor, programme tags, kind (→ item kind and
 * subsidy category) and currency (→ the paid currency) */
static char *
purchase_key (OfferInfo *info,
              SpOffer   *offer)
{
  const char * const *tags = sp_offer_get_voucher_programmes (offer);
  g_autofree char *joined = tags != NULL ? g_strjoinv ("\x1e", (char **) tags) : NULL;

  return g_strdup_printf ("%s\x1f%d\x1f%s\x1f%s", info->vendor_id ? info->vendor_id : "",
                          (int) info->kind, sp_offer_get_currency (offer) ? sp_offer_get_currency (offer) : "",
                          joined ? joined : "");
}

/* Every voucher of the wallet refused for a reason that does not depend on
 * the amount (vendor, kind, category, currency, dates, used up…) */
static gboolean
refused_whatever_the_amount (SpBreakdown *breakdown,
                             SpWallet    *wallet)
{
  guint n = sp_breakdown_get_n_refusals (breakdown);

  if (sp_breakdown_get_n_lines (breakdown) > 0 || n != sp_wallet_get_vouchers (wallet)->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    switch (sp_breakdown_get_refusal (breakdown, i)->reason)
      {
      case SP_REFUSAL_MIN_SPEND:
      case SP_REFUSAL_NOTHING_LEFT:
      case SP_REFUSAL_DOUBLE_SUBSIDY:
      case SP_REFUSAL_NO_QUANTITY:
      case SP_REFUSAL_NONE:
        return FALSE;
      default:
        break;
      }
  return TRUE;
}

/* The price after vouchers of @offer, worked out once per wallet and
 * preferences (only call it with vouchers in the wallet).  Offers whose
 * purchase key no voucher can serve skip the engine: in a large catalog
 * most vendors are not in the wallet, which keeps sorting by this column
 * fast. */
static const OfferInfo *
effective_info_for (SpOffersPage *self,
                    OfferInfo    *info,
                    SpOffer      *offer)
{
  SpPriceContext *ctx = current_price_context ();
  g_autoptr(SpBreakdown) breakdown = NULL;
  g_autofree char *key = NULL;
  SpMoney cost;
  gboolean saves = FALSE;

  if (info->effective_serial == self->wallet_serial)
    return info;
  info->effective_serial = self->wallet_serial;
  info->effective = info->normalized;
  info->effective_saves = FALSE;
  if (ctx == NULL || self->wallet == NULL)
    return info;
  if (self->none_serial != self->wallet_serial)
    {
      g_hash_table_remove_all (self->none_applies);
      self->none_serial = self->wallet_serial;
    }
  key = purchase_key (info, offer);
  if (g_hash_table_contains (self->none_applies, key))
    return info;
  cost = sp_effective_price_get (self->wallet, offer, ctx, self->wallet_date, &saves, &breakdown);
  if (breakdown == NULL)
    return info;
  if (saves)
    {
      info->effective = cost;
      info->effective_saves = TRUE;
    }
  else if (refused_whatever_the_amount (breakdown, self->wallet))
    g_hash_table_add (self->none_applies, g_steal_pointer (&key));
  return info;
}

static const OfferInfo *
effective_info (SpOffersPage *self,
                SpOffer      *offer)
{
  return effective_info_for (self, offer_info (offer), offer);
}

/* What the After Vouchers column sorts by: the normalized price when the
 * wallet is empty (nothing to work out) */
static SpMoney
effective_value (SpOffersPage *self,
                 OfferInfo    *info,
                 SpOffer      *offer)
{
  if (self == NULL || !wallet_has_vouchers (self))
    return info->normalized;
  return effective_info_for (self, info, offer)->effective;
}

static SpOffer *
item_offer (gpointer item)
{
  if (item == NULL)
    return NULL;
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      /* the row keeps its item alive */
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (item);
      return SP_IS_OFFER (inner) ? SP_OFFER (inner) : NULL;
    }
  if (SP_IS_OFFER_ROW (item))
    {
      /* the store keeps the offer alive */
      g_autoptr(SpOffer) offer = sp_offer_row_dup_offer (item);
      return offer;
    }
  return SP_IS_OFFER (item) ? SP_OFFER (item) : NULL;
}

static gboolean
item_is_group_root (gpointer item)
{
  return GTK_IS_TREE_LIST_ROW (item) && gtk_tree_list_row_get_depth (item) == 0;
}

static char *
flags_short_text (const SpOfferFlags *flags)
{
  GPtrArray *parts;
  char *text;

  if (flags == NULL || flags->flags == SP_OFFER_FLAG_NONE)
    return NULL;
  parts = g_ptr_array_new ();
  if (flags->flags & SP_OFFER_FLAG_SUSPICIOUS)
    g_ptr_array_add (parts, (gpointer) _("Suspicious"));
  if (flags->flags & SP_OFFER_FLAG_STALE)
    g_ptr_array_add (parts, (gpointer) _("Stale"));
  if (flags->flags & SP_OFFER_FLAG_AMBIGUOUS)
    g_ptr_array_add (parts, (gpointer) _("Ambiguous GPU"));
  g_ptr_array_add (parts, NULL);
  /* Translators: separator between short warnings, e.g. "Suspicious, Stale" */
  text = g_strjoinv (_(", "), (char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return text;
}

static char *
flags_reasons (const SpOfferFlags *flags)
{
  GString *s;

  if (flags == NULL || flags->flags == SP_OFFER_FLAG_NONE)
    return NULL;
  s = g_string_new (NULL);
  if (flags->suspicious_reason != NULL)
    g_string_append (s, flags->suspicious_reason);
  if (flags->stale_reason != NULL)
    g_string_append_printf (s, "%s%s", s->len ? "\n\n" : "", flags->stale_reason);
  if (flags->ambiguous_reason != NULL)
    g_string_append_printf (s, "%s%s", s->len ? "\n\n" : "", flags->ambiguous_reason);
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------- cells */

static gboolean
offer_has_warning (gpointer  this_,
                   GObject  *item)
{
  SpOffer *offer = item_offer (item);

  return offer != NULL && offer_info (offer)->flags != NULL;
}

static char *
offer_warning_label (gpointer  this_,
                     GObject  *item)
{
  SpOffer *offer = item_offer (item);

  return offer ? flags_short_text (offer_info (offer)->flags) : NULL;
}

static char *
offer_warning_tooltip (gpointer  this_,
                       GObject  *item)
{
  SpOffer *offer = item_offer (item);
  g_autofree char *headline = NULL;
  g_autofree char *reasons = NULL;

  if (offer == NULL || offer_info (offer)->flags == NULL)
    return NULL;
  headline = flags_short_text (offer_info (offer)->flags);
  reasons = flags_reasons (offer_info (offer)->flags);
  if (reasons == NULL || *reasons == '\0')
    return g_steal_pointer (&headline);
  return g_strdup_printf ("%s\n\n%s", headline, reasons);
}

static char *
offer_vendor_label (gpointer  this_,
                    GObject  *item)
{
  SpOffer *offer = item_offer (item);

  return offer ? g_strdup (sp_format_vendor (offer)) : NULL;
}

static char *
offer_group_label (gpointer  this_,
                   GObject  *item)
{
  SpOffer *offer = item_offer (item);
  OfferInfo *info;

  if (offer == NULL || !item_is_group_root (item))
    return NULL;
  info = offer_info (offer);
  /* Translators: a group of equivalent offers, e.g. "H100 SXM 80 GB (6 offers)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u offer)", "%s (%u offers)",
                                       info->group_size),
                          info->group_label ? info->group_label : "", info->group_size);
}

static char *
offer_name_label (gpointer  this_,
                  GObject  *item)
{
  SpOffer *offer = item_offer (item);

  return offer ? g_strdup (sp_offer_get_name (offer)) : NULL;
}

/* the name, where its price comes from, its tiers and conditional prices */
static char *
offer_name_tooltip (gpointer  this_,
                    GObject  *item)
{
  SpOffer *offer = item_offer (item);

  return offer ? sp_format_offer_details (offer) : NULL;
}

static char *
offer_spec_label (gpointer  this_,
                  GObject  *item)
{
  SpOffer *offer = item_offer (item);

  return offer ? sp_offer_dup_spec_summary (offer) : NULL;
}

static char *
offer_region_label (gpointer  this_,
                    GObject  *item)
{
  SpOffer *offer = item_offer (item);

  if (offer == NULL)
    return NULL;
  return g_strdup (sp_offer_get_region (offer) ? sp_offer_get_region (offer) : "—");
}

static char *
offer_billing_label (gpointer  this_,
                     GObject  *item)
{
  SpOffer *offer = item_offer (item);

  return offer ? g_strdup (sp_format_billing (sp_offer_get_billing (offer))) : NULL;
}

static char *
offer_list_price_label (gpointer  this_,
                        GObject  *item)
{
  SpOffer *offer = item_offer (item);
  g_autofree char *price = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;

  if (offer == NULL)
    return NULL;
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      input = sp_format_money (sp_offer_get_input_price (offer), sp_offer_get_currency (offer));
      output = sp_format_money (sp_offer_get_output_price (offer), sp_offer_get_currency (offer));
      /* Translators: token prices, input / output per 1M tokens */
      return g_strdup_printf (_("%s in / %s out"), input, output);
    }
  price = sp_format_money (sp_offer_get_price (offer), sp_offer_get_currency (offer));
  /* Translators: a price per unit, e.g. "$2.50 / card-hour" */
  return g_strdup_printf (_("%s / %s"), price, sp_format_unit (sp_offer_get_kind (offer)));
}

static char *
format_per_unit (SpMoney         value,
                 SpOfferKind     kind,
                 SpPriceContext *ctx)
{
  g_autofree char *price = sp_format_money (value, sp_price_context_get_currency (ctx));

  if (kind == SP_OFFER_KIND_TOKENS)
    /* Translators: blended price per 1M tokens (input and output mixed) */
    return g_strdup_printf (_("%s / 1M tokens (blended)"), price);
  return g_strdup_printf (_("%s / %s"), price, sp_format_unit (kind));
}

static char *
offer_normalized_label (gpointer  this_,
                        GObject  *item)
{
  SpOffer *offer = item_offer (item);
  SpPriceContext *ctx = current_price_context ();

  if (offer == NULL || ctx == NULL)
    return NULL;
  return format_per_unit (offer_info (offer)->normalized, sp_offer_get_kind (offer), ctx);
}

static char *
offer_normalized_tooltip (gpointer  this_,
                          GObject  *item)
{
  SpOffer *offer = item_offer (item);
  SpPriceContext *ctx = current_price_context ();
  g_autofree char *label = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  guint mix_in = 0, mix_out = 0;

  if (offer == NULL || ctx == NULL)
    return NULL;
  label = offer_normalized_label (this_, item);
  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    return g_steal_pointer (&label);
  input = sp_format_money (offer_info (offer)->input, sp_price_context_get_currency (ctx));
  output = sp_format_money (offer_info (offer)->output, sp_price_context_get_currency (ctx));
  sp_price_context_get_mix (ctx, &mix_in, &mix_out);
  /* Translators: tooltip of a blended token price; the last numbers are the
   * input:output mix from Preferences */
  return g_strdup_printf (_("%s\nInput %s, output %s per 1M tokens, mixed %u:%u"),
                          label, input, output, mix_in, mix_out);
}

/* The normalized input or output price per 1M tokens; "—" for GPU and CPU */
static char *
token_price_label (GObject  *item,
                   gboolean  output)
{
  SpOffer *offer = item_offer (item);
  SpPriceContext *ctx = current_price_context ();
  OfferInfo *info;

  if (offer == NULL || ctx == NULL)
    return NULL;
  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    return g_strdup ("—");
  info = offer_info (offer);
  return sp_format_money (output ? info->output : info->input, sp_price_context_get_currency (ctx));
}

static char *
offer_input_label (gpointer  this_,
                   GObject  *item)
{
  return token_price_label (item, FALSE);
}

static char *
offer_output_label (gpointer  this_,
                    GObject  *item)
{
  return token_price_label (item, TRUE);
}

/* One unit with the proposed vouchers; the price, dimmed, when none
 * applies; "—" while the wallet is empty */
static char *
offer_effective_label (gpointer  this_,
                       GObject  *item)
{
  SpOffersPage *self = this_;
  SpOffer *offer = item_offer (item);
  SpPriceContext *ctx = current_price_context ();
  const OfferInfo *info;

  if (offer == NULL || ctx == NULL)
    return NULL;
  if (!wallet_has_vouchers (self))
    return g_strdup ("—");
  info = effective_info (self, offer);
  if (info->effective == SP_MONEY_UNKNOWN)
    return g_strdup ("—");
  return format_per_unit (info->effective, info->kind, ctx);
}

static char *
offer_effective_tooltip (gpointer  this_,
                         GObject  *item)
{
  SpOffersPage *self = this_;
  SpOffer *offer = item_offer (item);
  SpPriceContext *ctx = current_price_context ();
  g_autoptr(SpBreakdown) breakdown = NULL;
  g_autoptr(GError) error = NULL;

  if (offer == NULL || ctx == NULL)
    return NULL;
  if (!wallet_has_vouchers (self))
    return g_strdup (_("The price after your vouchers appears here once you add vouchers"));
  if (!effective_info (self, offer)->effective_saves)
    return g_strdup (_("No voucher applies"));
  /* the explanation is worked out again when asked for (one offer) */
  breakdown = sp_offer_propose_unit (self->wallet, offer, ctx, self->wallet_date, NULL, &error);
  if (breakdown == NULL)
    return g_strdup (error->message);
  return sp_effective_price_explain (breakdown, offer);
}

static char *
offer_freshness_label (gpointer  this_,
                       GObject  *item)
{
  SpOffer *offer = item_offer (item);

  if (offer == NULL)
    return NULL;
  return sp_format_age (sp_offer_get_fetched_at (offer), g_get_real_time () / G_USEC_PER_SEC);
}

static char *
offer_freshness_tooltip (gpointer  this_,
                         GObject  *item)
{
  SpOffer *offer = item_offer (item);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (offer == NULL || sp_offer_get_fetched_at (offer) <= 0)
    return NULL;
  when = g_date_time_new_from_unix_local (sp_offer_get_fetched_at (offer));
  if (when == NULL)
    return NULL;
  date = g_date_time_format (when, "%Y-%m-%d %H:%M");
  /* Translators: when the price was read from the vendor's catalog */
  return g_strdup_printf (_("Price read on %s"), date);
}

/* Cells are built in code (signal factories): rows come and go with every
 * keystroke, and GtkBuilder templates per cell cost ~3 ms a row. */

typedef char *(*CellText) (gpointer this_, GObject *item);

static const struct {
  CellText text;
  CellText tooltip;
  float    xalign;
} cells[N_COLUMNS] = {
  [COL_WARNINGS]   = { offer_warning_label, offer_warning_tooltip, 0 },
  [COL_VENDOR]     = { offer_vendor_label, offer_vendor_label, 0 },
  [COL_GROUP]      = { offer_group_label, offer_group_label, 0 },
  [COL_NAME]       = { offer_name_label, offer_name_tooltip, 0 },
  [COL_SPEC]       = { offer_spec_label, offer_spec_label, 0 },
  [COL_REGION]     = { offer_region_label, offer_region_label, 0 },
  [COL_BILLING]    = { offer_billing_label, offer_billing_label, 0 },
  [COL_LIST_PRICE] = { offer_list_price_label, offer_list_price_label, 1 },
  [COL_PRICE]      = { offer_normalized_label, offer_normalized_tooltip, 1 },
  [COL_INPUT]      = { offer_input_label, offer_input_label, 1 },
  [COL_OUTPUT]     = { offer_output_label, offer_output_label, 1 },
  [COL_EFFECTIVE]  = { offer_effective_label, offer_effective_tooltip, 1 },
  [COL_UPDATED]    = { offer_freshness_label, offer_freshness_tooltip, 0 },
};

/* Natural widths in characters; the columns have fixed widths, so these
 * matter only where the user lets a column size itself. */
static const int cell_width_chars[N_COLUMNS] = {
  [COL_WARNINGS] = 10, [COL_VENDOR] = 16, [COL_GROUP] = 20, [COL_NAME] = 24,
  [COL_SPEC] = 20, [COL_REGION] = 12, [COL_BILLING] = 10, [COL_LIST_PRICE] = 14,
  [COL_PRICE] = 14, [COL_INPUT] = 10, [COL_OUTPUT] = 10, [COL_EFFECTIVE] = 14,
  [COL_UPDATED] = 10,
};

static char *
cell_text (SpTextCell *cell,
           gboolean   *dim,
           gpointer    data)
{
  GtkListItem *list_item = data;
  SortKey *key = g_object_get_data (G_OBJECT (list_item), "sp-key");
  GObject *item = gtk_list_item_get_item (list_item);

  if (key == NULL || item == NULL)
    return NULL;
  if (key->column == COL_EFFECTIVE)
    {
      SpOffer *offer = item_offer (item);

      /* dimmed: no voucher lowers this price (worked out only for the
       * cells drawn) */
      *dim = offer == NULL || !wallet_has_vouchers (key->self) ||
             !effective_info (key->self, offer)->effective_saves;
    }
  return cells[key->column].text (key->self, item);
}

/* Whether the row of @list_item is in (or next to) the scrolled part of the
 * table: GTK 4.8 keeps about 200 rows of cells, most of them out of sight,
 * and laying out their texts was most of a keystroke's cost. */
/* Tooltips are computed when asked for: gtk_widget_set_tooltip_text() asks
 * the display where the pointer is (an X round trip) every time it is
 * called, which made each row cost milliseconds. */
static gboolean
cell_query_tooltip (GtkWidget  *widget,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip,
                    SortKey    *key)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "sp-list-item");
  g_autofree char *text = NULL;

  if (list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return FALSE;
  text = cells[key->column].tooltip (key->self, gtk_list_item_get_item (list_item));
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            SortKey                  *key)
{
  GtkWidget *label = sp_text_cell_new (cells[key->column].xalign, cell_width_chars[key->column]);

  if (key->column == COL_WARNINGS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      /* an icon: the warnings in words are its tooltip (and in the
       * comparison window), so no column width cuts them */
      gtk_widget_add_css_class (image, "warning");
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_set_visible (label, FALSE);
      gtk_widget_set_hexpand (image, TRUE);
      gtk_widget_set_halign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (list_item, box);
    }
  else if (key->tree)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      gtk_widget_set_hexpand (label, TRUE);
      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
      gtk_list_item_set_child (list_item, expander);
    }
  else
    gtk_list_item_set_child (list_item, label);
  if (cells[key->column].xalign > 0)
    gtk_widget_add_css_class (label, "numeric");
  g_object_set_data (G_OBJECT (list_item), "sp-key", key);
  g_object_set_data (G_OBJECT (list_item), "sp-cell", label);
  sp_text_cell_set_text_func (SP_TEXT_CELL (label), cell_text, list_item);
  if (!key->tree)
    sp_text_cell_set_layout_cache (SP_TEXT_CELL (label), key->self->layout_caches[key->column]);
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "sp-list-item", list_item);
  gtk_widget_set_has_tooltip (gtk_list_item_get_child (list_item), TRUE);
  g_signal_connect (gtk_list_item_get_child (list_item), "query-tooltip",
                    G_CALLBACK (cell_query_tooltip), key);
}

static void
cell_fill (GtkListItem *list_item,
           SortKey     *key)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *label = g_object_get_data (G_OBJECT (list_item), "sp-cell");

  if (key->column == COL_WARNINGS)
    {
      GtkWidget *image = gtk_widget_get_first_child (child);
      gboolean warns = offer_has_warning (NULL, item);

      gtk_widget_set_visible (image, warns);
      if (warns)
        {
          /* the icon says its warnings to screen readers */
          g_autofree char *text = offer_warning_label (NULL, item);

          gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
        }
    }
  else if (key->tree)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child),
                                    GTK_IS_TREE_LIST_ROW (item) ? GTK_TREE_LIST_ROW (item) : NULL);
  /* the text is asked for when the cell is drawn */
  sp_text_cell_invalidate (SP_TEXT_CELL (label));
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SortKey                  *key)
{
  g_hash_table_add (key->self->bound_items, list_item);
  cell_fill (list_item, key);
}

static void
cell_teardown (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SortKey                  *key)
{
  g_hash_table_remove (key->self->bound_items, list_item);
}

/* The offers behind the stable rows changed: re-fill what is on screen. */
static void
refill_cells (SpOffersPage *self)
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    cell_fill (list_item, g_object_get_data (list_item, "sp-key"));
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             SortKey                  *key)
{
  g_hash_table_remove (key->self->bound_items, list_item);
  if (key->tree)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* ------------------------------------------------------- engine queries */

static const SpEngineSort column_sorts[N_COLUMNS] = {
  [COL_WARNINGS] = SP_ENGINE_SORT_WARNINGS,
  [COL_VENDOR] = SP_ENGINE_SORT_VENDOR,
  [COL_GROUP] = SP_ENGINE_SORT_GROUP,
  [COL_NAME] = SP_ENGINE_SORT_NAME,
  [COL_SPEC] = SP_ENGINE_SORT_SPEC,
  [COL_REGION] = SP_ENGINE_SORT_REGION,
  [COL_BILLING] = SP_ENGINE_SORT_BILLING,
  [COL_LIST_PRICE] = SP_ENGINE_SORT_LIST_PRICE,
  [COL_PRICE] = SP_ENGINE_SORT_PRICE,
  [COL_INPUT] = SP_ENGINE_SORT_INPUT,
  [COL_OUTPUT] = SP_ENGINE_SORT_OUTPUT,
  [COL_EFFECTIVE] = SP_ENGINE_SORT_AFTER_VOUCHERS,
  [COL_UPDATED] = SP_ENGINE_SORT_UPDATED,
};

static gboolean probe_sort (SpOffersPage *self, Column *column, gboolean *descending);

/* The search text as the engine compares it, for telling a narrowing
 * search (the text grew) from another */
static char *
fold_search (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);
  char *folded = g_utf8_casefold (nfkc ? nfkc : "", -1);

  return g_strstrip (folded);
}

typedef struct {
  SpOffersPage *self;
  gboolean      descending;
} EffectiveRun;

static int
compare_effective (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  EffectiveRun *run = data;
  SpOffersPage *self = run->self;
  guint ia = self->row_offer[*(const guint *) a], ib = self->row_offer[*(const guint *) b];
  SpOffer **offers = sp_offer_list_peek (self->offers, NULL);
  OfferInfo *fa = &self->infos[ia], *fb = &self->infos[ib];
  SpMoney ea, eb;
  int r = fa->kind < fb->kind ? -1 : fa->kind > fb->kind;

  if (r == 0)
    {
      ea = effective_value (self, fa, offers[ia]);
      eb = effective_value (self, fb, offers[ib]);
      r = ea == eb ? 0 : ea == SP_MONEY_UNKNOWN ? 1 : eb == SP_MONEY_UNKNOWN ? -1 : ea < eb ? -1 : 1;
    }
  return run->descending ? -r : r;
}

/* Recomputes the shown offers with the engine: the filters, the search
 * and the column view's sort column.  @narrowing: only the search changed,
 * and to a text that holds the previous one, so only the rows shown can
 * match. */
static void
refilter (SpOffersPage *self,
          gboolean      narrowing)
{
  SpEngineQuery query;
  Column column = COL_PRICE;
  gboolean descending = FALSE, sorted;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  SpOffer **all = sp_offer_list_peek (self->offers, NULL);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->offers));

  if (self->table == NULL || self->prices == NULL || n_all == 0 ||
      sp_offer_table_get_n_offers (self->table) != n_all)
    {
      g_clear_pointer (&self->result, g_array_unref);
      sp_offer_list_set (self->filter_model, NULL, 0);
      return;
    }
  sorted = probe_sort (self, &column, &descending);
  sp_engine_query_init (&query);
  query.filter_kind = self->kind >= 0;
  query.kind = self->kind >= 0 ? (SpOfferKind) self->kind : 0;
  query.vendor = self->vendor_id;
  query.gpu_model = self->gpu_model;
  query.min_gpu_memory_gb = self->min_memory;
  query.region = self->region;
  query.filter_billing = self->billing >= 0;
  query.billing = self->billing >= 0 ? (SpBilling) self->billing : 0;
  query.search = self->search_folded;
  query.include_retired = self->show_retired;
  query.sort = column_sorts[sorted ? column : COL_PRICE];
  query.kind_first = !sorted || column == COL_PRICE;
  query.descending = sorted && descending;
  if (narrowing && self->result != NULL)
    {
      query.within = (const guint *) self->result->data;
      query.n_within = self->result->len;
    }
  rows = sp_offer_engine_run (self->table, self->prices, &query, NULL, &error);
  if (rows == NULL)
    {
      g_warning ("Could not list the offers: %s", error ? error->message : "?");
      return;
    }
  /* the engine's prices leave the wallet out: After Vouchers sorts here,
   * stably, so ties keep the engine's order */
  if (sorted && column == COL_EFFECTIVE && rows->len > 1)
    {
      EffectiveRun run = { self, descending };

      g_qsort_with_data (rows->data, rows->len, sizeof (guint), compare_effective, &run);
    }
  g_ptr_array_set_size (self->shown_ptrs, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_index (self->shown_ptrs, i) = all[self->row_offer[g_array_index (rows, guint, i)]];
  g_clear_pointer (&self->result, g_array_unref);
  self->result = g_steal_pointer (&rows);
  sp_offer_list_set (self->filter_model, (SpOffer * const *) self->shown_ptrs->pdata,
                     self->shown_ptrs->len);
}

static void
resort (SpOffersPage *self)
{
  refilter (self, FALSE);
}

static GPtrArray *selected_offers (SpOffersPage *self);

static void
update_count (SpOffersPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->offers));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  GtkSelectionModel *selection = sp_offers_page_get_selection (self);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  guint64 n_selected = gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;
  g_autofree char *sel_text = NULL;

  if (self->group_view)
    /* Translators: e.g. "9 groups from 23 of 37 offers" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group from %u of %u offers",
                                         "%u groups from %u of %u offers",
                                         g_list_model_get_n_items (G_LIST_MODEL (self->groups_store))),
                            g_list_model_get_n_items (G_LIST_MODEL (self->groups_store)), shown, total);
  else
    /* Translators: e.g. "23 of 37 offers" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u offer", "%u of %u offers", total),
                            shown, total);
  if (n_selected > 0)
    {
      /* Translators: appended to the offer count, e.g. " · 3 selected" */
      sel_text = g_strdup_printf (_(" · %u selected"), (guint) n_selected);
      gtk_label_set_label (self->count_label, NULL);
      {
        g_autofree char *both = g_strconcat (text, sel_text, NULL);
        gtk_label_set_label (self->count_label, both);
      }
    }
  else
    gtk_label_set_label (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.compare",
                                 n_selected >= 2 && n_selected <= 4);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.buy", n_selected == 1);
  /* the watchlist star: filled when a selected offer is watched */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.watch", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.watch-group", n_selected > 0);
  {
    g_autoptr(GPtrArray) offers = selected_offers (self);
    sp_watch_button_set_selection (self->watch_button, offers);
  }
}

static void
filter_changed_full (SpOffersPage *self,
                     gboolean      narrowing)
{
  refilter (self, narrowing);
  if (self->group_view)
    rebuild_groups (self);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0
                                    || g_list_model_get_n_items (G_LIST_MODEL (self->offers)) == 0
                                    ? "list" : "no-match");
  update_count (self);
  schedule_chart_update (self);
}

static void
filter_changed (SpOffersPage    *self,
                GtkFilterChange  change)
{
  filter_changed_full (self, FALSE);
}

static void
apply_search (SpOffersPage *self,
              const char   *text)
{
  g_autofree char *folded = fold_search (text);
  const char *old = self->search_folded ? self->search_folded : "";
  gboolean narrowing;

  if (strcmp (folded, old) == 0)
    return;
  narrowing = g_str_has_prefix (folded, old);
  g_free (self->search_folded);
  self->search_folded = *folded != '\0' ? g_steal_pointer (&folded) : NULL;
  filter_changed_full (self, narrowing);
}

static int
cmp_money (SpMoney a,
           SpMoney b)
{
  /* unknown after every known price */
  if (a == b)
    return 0;
  if (a == SP_MONEY_UNKNOWN)
    return 1;
  if (b == SP_MONEY_UNKNOWN)
    return -1;
  return a < b ? -1 : 1;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  SortKey *key = user_data;
  SpOffersPage *self = key->self;

  if (G_UNLIKELY (self->probing))
    return key->column == self->probe_column ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  /* the engine sorts (refilter ()): the sorters only tell the column */
  return GTK_ORDERING_EQUAL;
}

/* Which column the column view sorts by, and in which direction (see the
 * comment at the top).  Returns FALSE when it is unsorted. */
static gboolean
probe_sort (SpOffersPage *self,
            Column       *column,
            gboolean     *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering results[N_COLUMNS];
  int smaller = 0, larger = 0;

  self->probing = TRUE;
  for (int c = 0; c < N_COLUMNS; c++)
    {
      self->probe_column = c;
      results[c] = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
      if (results[c] == GTK_ORDERING_SMALLER)
        smaller++;
      else if (results[c] == GTK_ORDERING_LARGER)
        larger++;
    }
  self->probing = FALSE;
  if (smaller + larger == 0)
    return FALSE;
  /* every column but the primary one gets the primary's opposite answer */
  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkOrdering minority = smaller < larger ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
      if ((smaller == 1 || larger == 1) && results[c] == minority)
        {
          *column = c;
          *descending = results[c] == GTK_ORDERING_LARGER;
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_sorter_changed (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   SpOffersPage    *self)
{
  Column column;
  gboolean descending;

  /* restore_sort () is followed by new offers, sorted then */
  if (!self->restoring_sort)
    resort (self);
  if (self->group_view)
    rebuild_groups (self);
  schedule_chart_update (self);
  if (self->restoring_sort || self->settings == NULL)
    return;
  if (probe_sort (self, &column, &descending))
    {
      g_settings_set_string (self->settings, "offers-sort-column", column_ids[column]);
      g_settings_set_boolean (self->settings, "offers-sort-descending", descending);
    }
}

static void
restore_sort (SpOffersPage *self)
{
  g_autofree char *column = NULL;
  gboolean descending;

  if (self->settings == NULL)
    return;
  column = g_settings_get_string (self->settings, "offers-sort-column");
  descending = g_settings_get_boolean (self->settings, "offers-sort-descending");
  self->restoring_sort = TRUE;
  if (!sp_offers_page_sort_by (self, column, descending))
    sp_offers_page_sort_by (self, "price", FALSE);
  self->restoring_sort = FALSE;
}

/* ----------------------------------------------------------- group view */

static GListModel *
create_group_children (gpointer item,
                       gpointer user_data)
{
  SpOffersPage *self = user_data;
  SpOfferGroup *group = g_hash_table_lookup (self->group_by_rep, item);
  GListStore *children;

  if (group == NULL || group->offers->len < 2)
    return NULL;
  children = g_list_store_new (SP_TYPE_OFFER);
  for (guint i = 0; i < group->offers->len; i++)
    if (g_ptr_array_index (group->offers, i) != item)
      g_list_store_append (children, g_ptr_array_index (group->offers, i));
  return G_LIST_MODEL (children);
}

/* Representatives in the order the engine shows them */
static int
compare_by_position (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GHashTable *positions = user_data;
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (positions, *(gpointer *) a));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (positions, *(gpointer *) b));

  return pa < pb ? -1 : pa > pb;
}

static void
rebuild_groups (SpOffersPage *self)
{
  SpPriceContext *ctx = current_price_context ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autoptr(GPtrArray) shown = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GPtrArray) reps = g_ptr_array_new ();
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);

  if (ctx == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (self->filter_model), i));

  g_hash_table_remove_all (self->group_by_rep);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = sp_offer_groups_compute (shown, ctx);
  for (guint i = 0; i < self->groups->len; i++)
    {
      SpOfferGroup *group = g_ptr_array_index (self->groups, i);
      SpOffer *rep;

      if (group->offers->len == 0)
        continue;
      rep = group->cheapest ? group->cheapest : g_ptr_array_index (group->offers, 0);
      offer_info (rep)->group_size = group->offers->len;
      g_hash_table_insert (self->group_by_rep, rep, group);
      g_ptr_array_add (reps, rep);
    }
  for (guint i = 0; i < reps->len; i++)
    g_hash_table_insert (positions, g_ptr_array_index (reps, i), NULL);
  for (guint i = 0; i < n; i++)
    if (g_hash_table_contains (positions, g_ptr_array_index (shown, i)))
      g_hash_table_insert (positions, g_ptr_array_index (shown, i), GUINT_TO_POINTER (i));
  g_ptr_array_sort_with_data (reps, compare_by_position, positions);
  g_list_store_splice (self->groups_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->groups_store)),
                       reps->pdata, reps->len);
}

/* ---------------------------------------------------------------- chart */

static int
compare_normalized (gconstpointer a,
                    gconstpointer b)
{
  SpOffer *oa = *(SpOffer **) a;
  SpOffer *ob = *(SpOffer **) b;
  OfferInfo *ia = offer_info (oa), *ib = offer_info (ob);
  int r = ia->kind < ib->kind ? -1 : ia->kind > ib->kind;

  if (r == 0 && ia->normalized != ib->normalized)
    r = ia->normalized == SP_MONEY_UNKNOWN ? 1 : ib->normalized == SP_MONEY_UNKNOWN ? -1
        : ia->normalized < ib->normalized ? -1 : 1;
  if (r == 0)
    r = g_strcmp0 (sp_offer_get_name (oa), sp_offer_get_name (ob));
  if (r == 0)
    r = g_strcmp0 (sp_offer_get_id (oa), sp_offer_get_id (ob));
  return r;
}

static gboolean
update_chart (gpointer user_data)
{
  SpOffersPage *self = user_data;
  SpPriceContext *ctx = current_price_context ();
  GListModel *shown = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (shown);
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (SpBarEntry));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *caption = NULL;
  GHashTableIter iter;
  gpointer value;
  int kind = self->kind;
  guint n_kind = 0;

  self->chart_idle = 0;
  if (ctx == NULL || !self->show_chart)
    return G_SOURCE_REMOVE;

  /* the cheapest offer per vendor and product, of one kind */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (shown, i);
      OfferInfo *info = offer_info (offer);
      g_autofree char *key = NULL;
      SpOffer *prev;

      if (kind < 0)
        kind = info->kind;
      if ((int) info->kind != kind || info->normalized == SP_MONEY_UNKNOWN)
        continue;
      n_kind++;
      key = g_strconcat (info->vendor_id ? info->vendor_id : "", "\x1f", info->group_id, NULL);
      prev = g_hash_table_lookup (best, key);
      if (prev == NULL || cmp_money (info->normalized, offer_info (prev)->normalized) < 0)
        g_hash_table_replace (best, g_steal_pointer (&key), offer);
    }
  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (bars, value);
  g_ptr_array_sort (bars, compare_normalized);
  if (bars->len > MAX_CHART_BARS)
    g_ptr_array_set_size (bars, MAX_CHART_BARS);

  for (guint i = 0; i < bars->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (bars, i);
      OfferInfo *info = offer_info (offer);
      /* Translators: a bar's label in the price chart: vendor · product group */
      char *label = g_strdup_printf (_("%s · %s"), sp_format_vendor (offer),
                                     info->group_label ? info->group_label : "");
      char *note = flags_short_text (info->flags);
      SpBarEntry entry = {
        .label = label,
        .value = info->normalized,
        .note = note,
        .flags = info->flags ? SP_BAR_FLAG_WARNING : (i == 0 ? SP_BAR_FLAG_CHEAPEST : 0),
      };

      g_ptr_array_add (strings, label);
      if (note != NULL)
        g_ptr_array_add (strings, note);
      g_array_append_val (entries, entry);
    }
  sp_bar_chart_set_entries (self->chart, (SpBarEntry *) entries->data, entries->len,
                            sp_price_context_get_currency (ctx),
                            kind >= 0 ? sp_format_unit (kind) : "");
  if (bars->len == 0)
    caption = g_strdup (_("No prices to chart in the current filter"));
  else
    /* Translators: the chart's caption, e.g. "Cheapest price per card-hour of each
     * vendor and product: 8 bars from 23 offers" */
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Cheapest price per %s of each vendor and product: %u bar from %u offers",
                                            "Cheapest price per %s of each vendor and product: %u bars from %u offers",
                                            bars->len),
                               sp_format_unit (kind), bars->len, n_kind);
  gtk_label_set_label (self->chart_caption, caption);
  return G_SOURCE_REMOVE;
}

static void
schedule_chart_update (SpOffersPage *self)
{
  if (!self->show_chart || self->chart_idle != 0)
    return;
  self->chart_idle = g_timeout_add (80, update_chart, self);
}

/* A spinning spinner animates its CSS on every frame, hidden or not, which
 * made GTK restyle the whole window on each frame after loading: it spins
 * only while it is shown. */
static void
on_state_changed (SpOffersPage *self)
{
  gtk_spinner_set_spinning (self->loading_spinner,
                            g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack),
                                       "loading") == 0);
}

/* ------------------------------------------------------------ dropdowns */

static int
compare_by_label (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GHashTable *labels = user_data;

  return g_utf8_collate (g_hash_table_lookup (labels, *(gpointer *) a),
                         g_hash_table_lookup (labels, *(gpointer *) b));
}

/* @labels: interned id → display label; the dropdown lists "all" first,
 * then the labels in collation order; @ids receives the id of each entry. */
static void
fill_dropdown (GtkDropDown *dropdown,
               GPtrArray   *ids,
               const char  *all_label,
               GHashTable  *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GList) keys = g_hash_table_get_keys (labels);

  g_ptr_array_set_size (ids, 0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_ptr_array_add (ids, l->data);
  g_ptr_array_sort_with_data (ids, compare_by_label, labels);
  g_ptr_array_insert (ids, 0, NULL);
  gtk_string_list_append (list, all_label);
  for (guint i = 1; i < ids->len; i++)
    gtk_string_list_append (list, g_hash_table_lookup (labels, g_ptr_array_index (ids, i)));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, 0);
}

/* Feeds name their own vendors: the ledger and the wallet show those names
 * for the vendor ids they keep. */
static void
remember_vendors (GPtrArray *offers)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      const char *id = sp_offer_get_vendor_id (offer);

      if (id != NULL && g_hash_table_add (seen, (gpointer) id))
        sp_vendor_remember (id, sp_offer_get_vendor_name (offer), sp_offer_get_vendor_name_zh (offer));
    }
}

static void
build_dropdowns (SpOffersPage *self)
{
  GListModel *all = G_LIST_MODEL (self->offers);
  guint n = g_list_model_get_n_items (all);
  g_autoptr(GHashTable) vendors = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) gpus = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) regions = g_hash_table_new (NULL, NULL);
  gboolean billing_seen[SP_BILLING_PREPAID + 1] = { FALSE, };
  g_autoptr(GtkStringList) billing_list = gtk_string_list_new (NULL);

  self->updating_dropdowns = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpOffer) offer = g_list_model_get_item (all, i);
      OfferInfo *info = offer_info (offer);

      if (info->vendor_id != NULL)
        g_hash_table_insert (vendors, (gpointer) info->vendor_id, (gpointer) sp_format_vendor (offer));
      if (info->gpu_model != NULL)
        g_hash_table_insert (gpus, (gpointer) info->gpu_model, (gpointer) info->gpu_model);
      if (info->region != NULL)
        g_hash_table_insert (regions, (gpointer) info->region, (gpointer) info->region);
      if (info->billing <= SP_BILLING_PREPAID)
        billing_seen[info->billing] = TRUE;
    }
  fill_dropdown (self->vendor_dropdown, self->vendor_ids, _("All vendors"), vendors);
  fill_dropdown (self->gpu_dropdown, self->gpu_models, _("All GPU models"), gpus);
  fill_dropdown (self->region_dropdown, self->regions, _("All regions"), regions);

  g_array_set_size (self->billings, 0);
  {
    int all_value = -1;
    g_array_append_val (self->billings, all_value);
  }
  gtk_string_list_append (billing_list, _("All billing modes"));
  for (int b = SP_BILLING_ON_DEMAND; b <= SP_BILLING_PREPAID; b++)
    if (billing_seen[b])
      {
        g_array_append_val (self->billings, b);
        gtk_string_list_append (billing_list, sp_format_billing (b));
      }
  gtk_drop_down_set_model (self->billing_dropdown, G_LIST_MODEL (billing_list));
  gtk_drop_down_set_selected (self->billing_dropdown, 0);
  self->vendor_id = self->gpu_model = self->region = NULL;
  self->billing = -1;
  self->updating_dropdowns = FALSE;
}

static void schedule_fit (SpOffersPage *self);

/* Hidden columns still build their cells in GTK 4.8: take them out of the
 * view instead (fewer widgets per row, faster filtering). */
static void
put_column (SpOffersPage *self,
            Column        column,
            gboolean      shown)
{
  guint position = 0;

  shown = !!shown;
  if (self->column_shown[column] == shown)
    return;
  for (int c = 0; c < (int) column; c++)
    position += self->column_shown[c];
  if (shown)
    gtk_column_view_insert_column (self->column_view, position, self->columns[column]);
  else
    gtk_column_view_remove_column (self->column_view, self->columns[column]);
  self->column_shown[column] = shown;
}

/* Whether the page wants @column (kind, group view); whether it is shown
 * also depends on the room there is (fit_columns ()). */
static void
set_column_shown (SpOffersPage *self,
                  Column        column,
                  gboolean      shown)
{
  self->column_wanted[column] = !!shown;
  put_column (self, column, shown);
  schedule_fit (self);
}

/* ------------------------------------------------------- column widths */

/* Which columns give way, first to last, when the window is too narrow for
 * all of them at their measured widths; the others always stay. */
static const Column give_way[] = {
  COL_UPDATED, COL_LIST_PRICE, COL_REGION, COL_SPEC, COL_GROUP, COL_BILLING, COL_OUTPUT,
};

/* Widest a column gets from its texts (a longer text is ellipsized and
 * told in full in its tooltip); the product and spec columns share what is
 * left, from at least this much. */
static const int column_max[N_COLUMNS] = {
  [COL_WARNINGS] = 120, [COL_VENDOR] = 260, [COL_GROUP] = 240, [COL_NAME] = 170,
  [COL_SPEC] = 130, [COL_REGION] = 150, [COL_BILLING] = 160, [COL_LIST_PRICE] = 240,
  [COL_PRICE] = 240, [COL_INPUT] = 160, [COL_OUTPUT] = 160, [COL_EFFECTIVE] = 240,
  [COL_UPDATED] = 140,
};

/* A cell's padding around its text (libadwaita: 6 px each side, and the
 * column separator) plus room for rounding. */
#define CELL_PADDING 16
/* A title's padding (6 px each side) and its sort arrow (16 px), and room */
#define TITLE_PADDING 34

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int width = 0;

  if (text == NULL)
    return 0;
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The title widget of @column in the column view's header (while shown). */
static GtkWidget *
column_title (SpOffersPage *self,
              Column        column)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  guint index = 0;

  if (!self->column_shown[column] || header == NULL ||
      g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return NULL;
  for (int c = 0; c < (int) column; c++)
    index += self->column_shown[c];
  for (GtkWidget *t = gtk_widget_get_first_child (header); t != NULL; t = gtk_widget_get_next_sibling (t))
    if (index-- == 0)
      return t;
  return NULL;
}

/* Each wanted column's width: its title or its widest text (every vendor,
 * region and billing mode; prices and ages from up to 400 offers of the kind
 * shown, spread over the catalog), measured in the table's font, within
 * column_max; the warnings column is an icon. */
static void
measure_columns (SpOffersPage *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), NULL);
  GListModel *all = G_LIST_MODEL (self->offers);
  guint n = g_list_model_get_n_items (all);
  guint of_kind = 0, seen = 0, step;
  int content[N_COLUMNS] = { 0, };
  g_autoptr(GHashTable) vendors = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) regions = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) billings = g_hash_table_new (NULL, NULL);
  GHashTable *seen_keys[] = { vendors, regions, billings };

  /* a column of few texts (vendors, regions, billing modes) is measured
   * over all of them: one offer of each; infos are in load order, like the
   * list */
  for (guint i = 0; i < n && i < self->n_infos; i++)
    {
      const OfferInfo *info = &self->infos[i];
      const struct { Column column; gconstpointer key; } few[] = {
        { COL_VENDOR, info->vendor_id },
        { COL_REGION, info->region },
        { COL_BILLING, GINT_TO_POINTER (info->billing + 1) },
      };

      if (self->kind >= 0 && info->kind != (SpOfferKind) self->kind)
        continue;
      of_kind++;
      for (gsize k = 0; k < G_N_ELEMENTS (few); k++)
        if (few[k].key != NULL && self->column_wanted[few[k].column] &&
            g_hash_table_add (seen_keys[k], (gpointer) few[k].key))
          {
            g_autoptr(SpOffer) offer = g_list_model_get_item (all, i);
            g_autofree char *text = cells[few[k].column].text (self, G_OBJECT (offer));

            content[few[k].column] = MAX (content[few[k].column], text_width (layout, text));
          }
    }
  step = MAX (of_kind / 400, 1);
  for (guint i = 0; i < n && i < self->n_infos; i++)
    {
      g_autoptr(SpOffer) offer = NULL;

      if (self->kind >= 0 && self->infos[i].kind != (SpOfferKind) self->kind)
        continue;
      if (seen++ % step != 0)
        continue;
      offer = g_list_model_get_item (all, i);
      for (int c = 0; c < N_COLUMNS; c++)
        {
          g_autofree char *text = NULL;

          if (c == COL_WARNINGS || c == COL_NAME || c == COL_SPEC || c == COL_GROUP ||
              c == COL_VENDOR || c == COL_REGION || c == COL_BILLING ||
              !self->column_wanted[c] || cells[c].text == NULL)
            continue;
          text = cells[c].text (self, G_OBJECT (offer));
          content[c] = MAX (content[c], text_width (layout, text));
        }
    }
  content[COL_WARNINGS] = 16; /* dialog-warning-symbolic */
  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *title = column_title (self, c);
      GtkWidget *label = title != NULL ? gtk_widget_get_first_child (title) : NULL;
      int title_width = 0;
      int width;

      /* the title's label (in the header's font), its padding and the sort arrow */
      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label);
      if (label != NULL)
        gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &title_width, NULL, NULL);
      else
        title_width = text_width (layout, gtk_column_view_column_get_title (self->columns[c]));
      title_width += TITLE_PADDING;
      /* a column with no cap (none given) is as wide as its texts */
      width = MAX (column_max[c] > 0 ? MIN (content[c] + CELL_PADDING, column_max[c])
                                     : content[c] + CELL_PADDING, title_width);
      if (c == COL_NAME || c == COL_SPEC)
        width = MAX (column_max[c], title_width);
      self->column_width[c] = width;
      gtk_column_view_column_set_fixed_width (self->columns[c], width);
    }
}

/* Shows the wanted columns that fit in the table's width, giving way in
 * the order of give_way[]. */
static void
fit_columns (SpOffersPage *self)
{
  int room = gtk_widget_get_width (GTK_WIDGET (self->column_view));
  gboolean gives_way[N_COLUMNS] = { FALSE, };
  int total = 0;

  if (room <= 0 || self->column_width[COL_VENDOR] == 0)
    return;
  /* each column also has its separator */
  for (int c = 0; c < N_COLUMNS; c++)
    if (self->column_wanted[c])
      total += self->column_width[c] + 2;
  for (guint i = 0; i < G_N_ELEMENTS (give_way) && total > room; i++)
    if (self->column_wanted[give_way[i]])
      {
        gives_way[give_way[i]] = TRUE;
        total -= self->column_width[give_way[i]] + 2;
      }
  for (int c = 0; c < N_COLUMNS; c++)
    put_column (self, c, self->column_wanted[c] && !gives_way[c]);
}

static gboolean
fit_idle_cb (gpointer data)
{
  SpOffersPage *self = data;

  self->fit_idle = 0;
  if (self->measure_pending)
    measure_columns (self);
  self->measure_pending = FALSE;
  fit_columns (self);
  return G_SOURCE_REMOVE;
}

/* Columns are put in or taken out of the view outside its size allocation */
static void
schedule_refit (SpOffersPage *self)
{
  if (self->fit_idle == 0 && self->infos != NULL)
    self->fit_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 5, fit_idle_cb, self, NULL);
}

static void
schedule_fit (SpOffersPage *self)
{
  self->measure_pending = TRUE;
  schedule_refit (self);
}

static void
on_view_width_changed (SpOffersPage *self)
{
  schedule_refit (self);
}

/* ------------------------------------------------------------ callbacks */

static void
on_dropdown_changed (SpOffersPage *self)
{
  guint v = gtk_drop_down_get_selected (self->vendor_dropdown);
  guint g = gtk_drop_down_get_selected (self->gpu_dropdown);
  guint r = gtk_drop_down_get_selected (self->region_dropdown);
  guint b = gtk_drop_down_get_selected (self->billing_dropdown);

  if (self->updating_dropdowns || self->vendor_ids == NULL)
    return;
  self->vendor_id = v < self->vendor_ids->len ? g_ptr_array_index (self->vendor_ids, v) : NULL;
  self->gpu_model = g < self->gpu_models->len ? g_ptr_array_index (self->gpu_models, g) : NULL;
  self->region = r < self->regions->len ? g_ptr_array_index (self->regions, r) : NULL;
  self->billing = b < self->billings->len ? g_array_index (self->billings, int, b) : -1;
  filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_kind_toggled (SpOffersPage *self)
{
  int kind = -1;

  if (gtk_toggle_button_get_active (self->kind_gpu_button))
    kind = SP_OFFER_KIND_GPU;
  else if (gtk_toggle_button_get_active (self->kind_cpu_button))
    kind = SP_OFFER_KIND_CPU;
  else if (gtk_toggle_button_get_active (self->kind_tokens_button))
    kind = SP_OFFER_KIND_TOKENS;
  else if (!gtk_toggle_button_get_active (self->kind_all_button))
    return; /* in the middle of a switch */
  if (kind == self->kind)
    return;
  self->kind = kind;
  /* token prices have input and output columns */
  /* GPU filters say nothing about CPU or token offers */
  gtk_widget_set_sensitive (GTK_WIDGET (self->gpu_dropdown), kind < 0 || kind == SP_OFFER_KIND_GPU);
  gtk_widget_set_sensitive (GTK_WIDGET (self->memory_spin), kind < 0 || kind == SP_OFFER_KIND_GPU);
  set_column_shown (self, COL_INPUT, kind == SP_OFFER_KIND_TOKENS);
  set_column_shown (self, COL_OUTPUT, kind == SP_OFFER_KIND_TOKENS);
  set_column_shown (self, COL_SPEC, kind != SP_OFFER_KIND_TOKENS && !self->group_view);
  filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_memory_changed (SpOffersPage *self)
{
  guint value = (guint) gtk_spin_button_get_value_as_int (self->memory_spin);
  GtkFilterChange change;

  if (value == self->min_memory)
    return;
  change = value > self->min_memory ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT;
  if (self->min_memory == 0 || value == 0)
    change = GTK_FILTER_CHANGE_DIFFERENT;
  self->min_memory = value;
  filter_changed (self, change);
}

static void
on_search_changed (SpOffersPage *self)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (SpOffersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self, "");
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      SpOffersPage      *self)
{
  update_count (self);
}

static void
repriced (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SpOffersPage *self = user_data;
  g_autoptr(GError) error = NULL;
  SpOfferPrices *prices = sp_offer_prices_compute_finish (result, &error);
  guint n;

  if (prices == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not price the offers: %s", error->message);
      return;
    }
  g_clear_object (&self->prices_cancellable);
  g_clear_pointer (&self->prices, sp_offer_prices_unref);
  self->prices = prices;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->offers));
  {
    g_autoptr(GPtrArray) offers = all_offers (self);
    refresh_prices (self, offers);
  }
  /* re-sort and re-filter, then re-bind */
  g_list_model_items_changed (G_LIST_MODEL (self->offers), 0, n, n);
  if (self->group_view)
    {
      rebuild_groups (self);
      rebind_rows (self);
    }
  schedule_chart_update (self);
}

/* The preferences changed: the engine re-prices in a worker (a newer
 * change cancels an older one) and the rows follow when it is done. */
static void
reprice (SpOffersPage *self)
{
  g_autoptr(SpPriceContext) ctx = copy_price_context ();

  if (self->table == NULL)
    return;
  g_cancellable_cancel (self->prices_cancellable);
  g_clear_object (&self->prices_cancellable);
  self->prices_cancellable = g_cancellable_new ();
  sp_offer_prices_compute_async (self->table, ctx, NULL, self->wallet_date,
                                 self->prices_cancellable, repriced, self);
}

static void
on_settings_changed (GSettings    *settings,
                     const char   *key,
                     SpOffersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->offers));

  if (g_str_has_prefix (key, "offers-") || g_str_has_prefix (key, "window-") ||
      g_str_equal (key, "price-changes-seen"))
    return;
  /* The application updates its price context in its own handler, which
   * runs before this one (connected after): recompute the normalized prices
   * and warnings, then re-sort, re-filter and re-bind the rows. */
  self->wallet_serial++;  /* the prices after vouchers too */
  if (n == 0)
    return;
  reprice (self);
}

static void
on_rows_contents_changed (SpOffersPage *self)
{
  /* a selected position now shows another offer: start over */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->flat_selection));
  if (!self->group_view)
    refill_cells (self);
}

static GPtrArray *
selected_offers (SpOffersPage *self)
{
  GtkSelectionModel *model = sp_offers_page_get_selection (self);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  GPtrArray *offers = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint pos;

  if (gtk_bitset_iter_init_first (&iter, selected, &pos))
    do
      {
        g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), pos);
        SpOffer *offer = item_offer (item);
        if (offer != NULL)
          g_ptr_array_add (offers, g_object_ref (offer));
      }
    while (gtk_bitset_iter_next (&iter, &pos));
  return offers;
}

static GPtrArray *
all_offers (SpOffersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->offers));
  GPtrArray *offers = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (offers, g_list_model_get_item (G_LIST_MODEL (self->offers), i));
  return offers;
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);

  if (!gtk_widget_get_mapped (widget))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);

  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_selected (self->vendor_dropdown, 0);
  gtk_drop_down_set_selected (self->gpu_dropdown, 0);
  gtk_drop_down_set_selected (self->region_dropdown, 0);
  gtk_drop_down_set_selected (self->billing_dropdown, 0);
  self->updating_dropdowns = FALSE;
  self->vendor_id = self->gpu_model = self->region = NULL;
  self->billing = -1;
  gtk_spin_button_set_value (self->memory_spin, 0);
  self->min_memory = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self, "");
  gtk_toggle_button_set_active (self->kind_all_button, TRUE);
  filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);
  g_autoptr(GPtrArray) offers = selected_offers (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  SpCompareWindow *window;

  if (offers->len < 2 || offers->len > 4 || current_price_context () == NULL)
    return;
  window = sp_compare_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  offers, self->flags, current_price_context (),
                                  self->service);
  gtk_window_present (GTK_WINDOW (window));
}

/* Buy the selected offer with the user's vouchers (the redeem window
 * proposes the best combination and records the purchase). */
static void
buy_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);
  g_autoptr(GPtrArray) offers = selected_offers (self);
  GApplication *app = g_application_get_default ();
  SpRedeemWindow *window;

  if (offers->len != 1 || !SP_IS_APPLICATION (app))
    return;
  window = sp_redeem_window_new (SP_APPLICATION (app), g_ptr_array_index (offers, 0));
  gtk_window_present (GTK_WINDOW (window));
}

/* Star or unstar the selected offers, or their groups (sp-watch-button.c). */
static void
watch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);
  g_autoptr(GPtrArray) offers = selected_offers (self);

  sp_watch_button_toggle (self->watch_button, offers,
                          g_str_equal (action_name, "offers.watch-group"));
  update_count (self);
}

static void
price_changes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sp_watch_button_show_changes (SP_OFFERS_PAGE (widget)->watch_button);
}

static void
estimate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);
  g_autoptr(GPtrArray) offers = all_offers (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  SpEstimatorWindow *window;

  if (current_price_context () == NULL)
    return;
  window = sp_estimator_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    offers, self->flags, current_price_context ());
  if (self->wallet != NULL)
    sp_estimator_window_set_wallet (window, self->wallet);
  gtk_window_present (GTK_WINDOW (window));
}

/* -------------------------------------------------------------- loading */

/* What the store service read for the page (the catalog and the wallet,
 * two jobs queued together), handed to the indexing thread */
typedef struct {
  guint32    date;      /* of the wallet: today */
  guint      pending;   /* service jobs not back yet */
  GPtrArray *offers;
  SpOfferTable   *table;
  SpPriceContext *ctx;  /* a copy of the preferences' */
  SpWallet  *wallet;    /* NULL when it could not be read */
  GError    *error;     /* reading the catalog failed */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->offers, g_ptr_array_unref);
  g_clear_object (&data->table);
  g_clear_object (&data->ctx);
  g_clear_object (&data->wallet);
  g_clear_error (&data->error);
  g_free (data);
}

/* What the loading thread hands over */
typedef struct {
  GPtrArray     *offers;
  OfferInfo     *infos;
  StringPool    *pool;
  SpOfferTable  *table;
  SpOfferPrices *prices;
  guint         *row_offer;
  SpWallet      *wallet;     /* NULL when it could not be read */
  char          *fingerprint;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  if (loaded->infos != NULL)
    g_free (loaded->infos);
  string_pool_free (loaded->pool);
  g_ptr_array_unref (loaded->offers);
  g_clear_object (&loaded->table);
  g_clear_pointer (&loaded->prices, sp_offer_prices_unref);
  g_free (loaded->row_offer);
  g_clear_object (&loaded->wallet);
  g_free (loaded->fingerprint);
  g_free (loaded);
}

/* Everything the voucher rules read from @wallet, as text: reading the
 * wallet again when the page is shown re-prices (and, sorted by After
 * Vouchers, re-sorts 100,000 offers) only when it changed. */
static char *
wallet_fingerprint (SpWallet *wallet)
{
  GPtrArray *vouchers;
  GString *s;

  if (wallet == NULL)
    return NULL;
  vouchers = sp_wallet_get_vouchers (wallet);
  s = g_string_new (NULL);
  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = g_ptr_array_index (vouchers, i);
      const char * const *vendors = sp_voucher_get_vendors (v);
      SpProgramme *p = sp_voucher_get_programme (v) != NULL
                       ? sp_wallet_lookup_programme (wallet, sp_voucher_get_programme (v)) : NULL;

      g_string_append_printf (s, "%s|%d|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s|%"
                              G_GINT64_FORMAT "|%d|%" G_GINT64_FORMAT "|%d|%d|%s|%u|%u|",
                              sp_voucher_get_code (v), (int) sp_voucher_get_kind (v),
                              sp_voucher_get_programme (v) ? sp_voucher_get_programme (v) : "",
                              sp_voucher_get_face_value (v), sp_voucher_get_balance (v),
                              sp_voucher_get_currency (v) ? sp_voucher_get_currency (v) : "",
                              sp_voucher_get_amount (v), sp_voucher_get_percent (v),
                              sp_voucher_get_min_spend (v), sp_voucher_get_single_use (v),
                              sp_voucher_get_used (v),
                              sp_voucher_get_unit (v) ? sp_voucher_get_unit (v) : "",
                              sp_voucher_get_valid_from (v), sp_voucher_get_valid_to (v));
      for (guint j = 0; vendors != NULL && vendors[j] != NULL; j++)
        g_string_append_printf (s, "%s,", vendors[j]);
      if (p != NULL)
        {
          const char * const *pv = sp_programme_get_vendors (p);

          g_string_append_printf (s, "|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%"
                                  G_GINT64_FORMAT "|%u|%u|%d|%d|%d|%d|%d|%d|",
                                  sp_programme_get_currency (p),
                                  sp_wallet_get_year_to_date (wallet, sp_programme_get_id (p)),
                                  sp_programme_get_cap_per_contract (p), sp_programme_get_cap_per_year (p),
                                  sp_programme_get_valid_from (p), sp_programme_get_valid_to (p),
                                  (int) sp_programme_get_prorate (p), (int) sp_programme_get_rounding (p),
                                  (int) sp_programme_get_payout (p), (int) sp_programme_get_stacking (p),
                                  sp_programme_get_accept_tagged (p),
                                  sp_programme_get_require_unaffiliated (p));
          for (int c = 0; c < SP_CATEGORY_N; c++)
            g_string_append_printf (s, "%d/%d,", sp_programme_get_rate (p, c, FALSE),
                                    sp_programme_get_rate (p, c, TRUE));
          for (int k = 0; k < SP_ITEM_N_KINDS; k++)
            g_string_append_c (s, sp_programme_covers_kind (p, k) ? '1' : '0');
          for (guint j = 0; pv != NULL && pv[j] != NULL; j++)
            g_string_append_printf (s, ",%s", pv[j]);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* One part of the offers' infos (see load_thread ()) */
typedef struct {
  GPtrArray  *offers;
  OfferInfo  *infos;
  guint       start;
  guint       end;
  StringPool *pool;
} FillPart;

static gpointer
fill_part (gpointer data)
{
  FillPart *part = data;

  for (guint i = part->start; i < part->end; i++)
    offer_info_fill (g_ptr_array_index (part->offers, i), &part->infos[i], i, part->pool);
  return NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GPtrArray *offers = g_steal_pointer (&data->offers);
  Loaded *loaded = g_new0 (Loaded, 1);
  guint n = offers->len;
  /* (from a few offers on, so the demo catalog and the tests take this
   * path too: a thread costs microseconds) */
  guint half = n >= 16 && g_get_num_processors () > 1 ? n / 2 : n;
  FillPart parts[2];
  GThread *helper = NULL;
  GError *error = NULL;

  loaded->offers = offers;
  loaded->table = g_steal_pointer (&data->table);
  loaded->infos = g_new0 (OfferInfo, MAX (n, 1));
  for (guint p = 0; p < 2; p++)
    {
      parts[p].offers = offers;
      parts[p].infos = loaded->infos;
      parts[p].start = p == 0 ? 0 : half;
      parts[p].end = p == 0 ? half : n;
      parts[p].pool = string_pool_new ();
    }
  if (half < n)
    helper = g_thread_new ("suanpan-offers", fill_part, &parts[1]);
  /* the engine's prices (without the wallet: After Vouchers sorts on the
   * page) and which offer each of its rows is */
  loaded->prices = sp_offer_prices_compute (loaded->table, data->ctx, NULL, data->date, NULL,
                                            cancellable, &error);
  loaded->row_offer = g_new0 (guint, MAX (n, 1));
  if (sp_offer_table_get_n_offers (loaded->table) == n)
    for (guint i = 0; i < n; i++)
      {
        SpOffer *offer = g_ptr_array_index (offers, i);
        guint row;

        if (sp_offer_table_find (loaded->table, sp_offer_get_source (offer),
                                 sp_offer_get_id (offer), &row))
          loaded->row_offer[row] = i;
      }
  fill_part (&parts[0]);
  if (helper != NULL)
    g_thread_join (helper);
  for (guint row = 0; row < n; row++)
    loaded->infos[loaded->row_offer[row]].row = row;
  parts[0].pool->next = parts[1].pool;
  loaded->pool = parts[0].pool;
  if (loaded->prices == NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  /* the wallet for the After Vouchers column; without it the column
   * stays empty, the catalog still shows */
  loaded->wallet = g_steal_pointer (&data->wallet);
  loaded->fingerprint = wallet_fingerprint (loaded->wallet);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Loaded *loaded = NULL;
  GPtrArray *offers;
  OfferInfo *old_infos;
  StringPool *old_pool;
  GHashTable *old_flags;
  SpOffersPage *self;
  gboolean any_demo = FALSE;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SP_OFFERS_PAGE (object);

  if (loaded == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not open the catalog: %s"), error->message);
      /* the description is markup; the message quotes a path */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, msg);
      return;
    }

  offers = loaded->offers;
  for (guint i = 0; i < offers->len; i++)
    any_demo |= sp_offer_get_demo (g_ptr_array_index (offers, i));
  /* the new offers' data replaces the old (freed once the old offers have
   * left the lists) */
  old_infos = self->infos;
  old_pool = self->pool;
  self->pool = g_steal_pointer (&loaded->pool);
  self->infos = g_steal_pointer (&loaded->infos);
  self->n_infos = offers->len;
  g_clear_pointer (&self->result, g_array_unref);
  g_set_object (&self->table, loaded->table);
  g_clear_pointer (&self->prices, sp_offer_prices_unref);
  self->prices = g_steal_pointer (&loaded->prices);
  g_free (self->row_offer);
  self->row_offer = g_steal_pointer (&loaded->row_offer);
  g_clear_object (&self->wallet);
  self->wallet = g_steal_pointer (&loaded->wallet);
  g_free (self->wallet_fingerprint);
  self->wallet_fingerprint = g_steal_pointer (&loaded->fingerprint);
  self->wallet_date = ((LoadData *) g_task_get_task_data (G_TASK (result)))->date;
  self->wallet_serial++;
  /* the old offers' infos point into the old flags until they are gone */
  old_flags = self->flags != NULL ? g_hash_table_ref (self->flags) : NULL;
  /* prices and warnings first: the rows bind as soon as they are added */
  refresh_prices (self, offers);
  restore_sort (self);
  remember_vendors (offers);
  build_dropdowns (self);
  /* sorts, then filters (resort ()) */
  sp_offer_list_set (self->offers, (SpOffer * const *) offers->pdata, offers->len);
  filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
  schedule_fit (self);
  if (old_infos != NULL)
    g_free (old_infos);
  string_pool_free (old_pool);
  g_clear_pointer (&old_flags, g_hash_table_unref);
  gtk_widget_set_visible (self->demo_notice, any_demo);
  gtk_stack_set_visible_child_name (self->state_stack, offers->len > 0 ? "offers" : "empty");
  loaded_free (loaded);
}

/* One of the two service jobs of a load came back; with both, the offers
 * are indexed (search texts, collation keys) off the main thread. */
static void
load_part_done (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_run_in_thread (task, load_thread);
}

static void
load_offers_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);

  data->offers = sp_store_service_load_offers_finish (SP_STORE_SERVICE (source), result,
                                                      data->error == NULL ? &data->error : NULL);
  load_part_done (task);
}

static void
load_table_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);

  data->table = sp_store_service_load_offer_table_finish (SP_STORE_SERVICE (source), result,
                                                          data->error == NULL ? &data->error : NULL);
  load_part_done (task);
}

static void
load_wallet_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* without the wallet the After Vouchers column stays empty, the catalog
   * still shows */
  data->wallet = sp_store_service_load_wallet_finish (SP_STORE_SERVICE (source), result, &error);
  if (data->wallet == NULL)
    g_debug ("Could not read the wallet: %s", error->message);
  load_part_done (task);
}

/* --------------------------------------------------------------- wallet */

/* The wallet or the preferences changed: the prices after vouchers are
 * worked out again as the rows are drawn (and, when the table is sorted
 * by them, for the sort). */
static void
effective_changed (SpOffersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->offers));
  Column column;
  gboolean descending;

  self->wallet_serial++;
  if (n > 0 && probe_sort (self, &column, &descending) && column == COL_EFFECTIVE)
    {
      /* re-sorts, re-filters, re-fills */
      g_list_model_items_changed (G_LIST_MODEL (self->offers), 0, n, n);
      if (self->group_view)
        rebuild_groups (self);
    }
  refill_cells (self);
  /* prices after vouchers have new widths */
  schedule_fit (self);
}

static void
wallet_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpOffersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpWallet) wallet = sp_store_service_load_wallet_finish (SP_STORE_SERVICE (object),
                                                                    result, &error);
  g_autofree char *fingerprint = NULL;
  guint32 date = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "sp-wallet-date"));
  gboolean had_vouchers;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->wallet_cancellable);
  if (wallet == NULL)
    {
      /* keep what was shown */
      g_debug ("Could not read the wallet: %s", error->message);
      return;
    }
  fingerprint = wallet_fingerprint (wallet);
  if (self->wallet_date == date && g_strcmp0 (self->wallet_fingerprint, fingerprint) == 0)
    return;  /* nothing the rules read has changed */
  had_vouchers = wallet_has_vouchers (self);
  g_set_object (&self->wallet, wallet);
  g_free (self->wallet_fingerprint);
  self->wallet_fingerprint = g_steal_pointer (&fingerprint);
  self->wallet_date = date;
  if (had_vouchers || wallet_has_vouchers (self))
    effective_changed (self);
}

static void
sp_offers_page_map (GtkWidget *widget)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);

  GTK_WIDGET_CLASS (sp_offers_page_parent_class)->map (widget);
  /* back from the Vouchers page (or the command line): read the wallet
   * again, unless the catalog (and the wallet with it) is being read */
  if (self->store_path != NULL && g_strcmp0 (sp_offers_page_get_state (self), "loading") != 0)
    sp_offers_page_reload_wallet (self);
}

/* ------------------------------------------------------------- GObject */

static void
set_group_view (SpOffersPage *self,
                gboolean      group_view)
{
  group_view = !!group_view;
  if (self->group_view == group_view)
    return;
  self->group_view = group_view;
  if (group_view)
    rebuild_groups (self);
  set_column_shown (self, COL_GROUP, group_view);
  /* the group label says the spec */
  set_column_shown (self, COL_SPEC, !group_view && self->kind != SP_OFFER_KIND_TOKENS);
  /* expanders only where there is something to expand */
  gtk_column_view_column_set_factory (self->columns[COL_VENDOR],
                                      self->vendor_factories[group_view ? 1 : 0]);
  gtk_column_view_set_model (self->column_view,
                             group_view ? GTK_SELECTION_MODEL (self->group_selection)
                                        : GTK_SELECTION_MODEL (self->flat_selection));
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_VIEW]);
}

static void
set_show_chart (SpOffersPage *self,
                gboolean      show_chart)
{
  show_chart = !!show_chart;
  if (self->show_chart == show_chart)
    return;
  self->show_chart = show_chart;
  gtk_revealer_set_reveal_child (self->chart_revealer, show_chart);
  if (show_chart)
    {
      g_clear_handle_id (&self->chart_idle, g_source_remove);
      update_chart (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CHART]);
}

static void
sp_offers_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SpOffersPage *self = SP_OFFERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_GROUP_VIEW:
      g_value_set_boolean (value, self->group_view);
      break;
    case PROP_SHOW_CHART:
      g_value_set_boolean (value, self->show_chart);
      break;
    case PROP_SHOW_RETIRED:
      g_value_set_boolean (value, self->show_retired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_offers_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SpOffersPage *self = SP_OFFERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_GROUP_VIEW:
      set_group_view (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_CHART:
      set_show_chart (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_RETIRED:
      if (self->show_retired != g_value_get_boolean (value))
        {
          self->show_retired = g_value_get_boolean (value);
          filter_changed (self, self->show_retired ? GTK_FILTER_CHANGE_LESS_STRICT
                                                   : GTK_FILTER_CHANGE_MORE_STRICT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_offers_page_dispose (GObject *object)
{
  SpOffersPage *self = SP_OFFERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_weak_pointer (&self->app);
  g_clear_handle_id (&self->chart_idle, g_source_remove);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  g_cancellable_cancel (self->wallet_cancellable);
  g_clear_object (&self->wallet_cancellable);
  g_cancellable_cancel (self->prices_cancellable);
  g_clear_object (&self->prices_cancellable);
  g_clear_object (&self->wallet);
  g_clear_pointer (&self->none_applies, g_hash_table_unref);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->column_view != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
      if (sorter != NULL)
        g_signal_handlers_disconnect_by_data (sorter, self);
    }
  /* no more updates of widgets about to go */
  if (self->flat_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->flat_selection, self);
  if (self->group_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->group_selection, self);
  if (self->rows_model != NULL)
    g_signal_handlers_disconnect_by_data (self->rows_model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_OFFERS_PAGE);
  for (int c = 0; c < N_COLUMNS; c++)
    g_clear_object (&self->held_columns[c]);
  g_clear_object (&self->flat_selection);
  g_clear_object (&self->rows_model);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  g_clear_object (&self->group_selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->groups_store);
  /* the shown list borrows the offers: it goes first */
  g_clear_object (&self->filter_model);
  if (self->offers != NULL)
    g_signal_handlers_disconnect_by_data (self->offers, self);
  g_clear_object (&self->offers);
  g_clear_pointer (&self->group_by_rep, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->flags, g_hash_table_unref);
  for (int c = 0; c < N_COLUMNS; c++)
    g_clear_pointer (&self->layout_caches[c], g_hash_table_unref);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->vendor_factories[0]);
  g_clear_object (&self->vendor_factories[1]);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (sp_offers_page_parent_class)->dispose (object);
}

static void
sp_offers_page_finalize (GObject *object)
{
  SpOffersPage *self = SP_OFFERS_PAGE (object);

  g_free (self->store_path);
  g_free (self->wallet_fingerprint);
  g_free (self->search_folded);
  if (self->infos != NULL)
    g_free (self->infos);
  string_pool_free (self->pool);
  g_clear_object (&self->table);
  g_clear_pointer (&self->prices, sp_offer_prices_unref);
  g_free (self->row_offer);
  g_clear_pointer (&self->result, g_array_unref);
  g_ptr_array_unref (self->shown_ptrs);
  g_ptr_array_unref (self->vendor_ids);
  g_ptr_array_unref (self->gpu_models);
  g_ptr_array_unref (self->regions);
  g_array_unref (self->billings);

  G_OBJECT_CLASS (sp_offers_page_parent_class)->finalize (object);
}

static void
sp_offers_page_class_init (SpOffersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sp_offers_page_get_property;
  object_class->set_property = sp_offers_page_set_property;
  object_class->dispose = sp_offers_page_dispose;
  object_class->finalize = sp_offers_page_finalize;
  widget_class->map = sp_offers_page_map;

  properties[PROP_GROUP_VIEW] =
    g_param_spec_boolean ("group-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_CHART] =
    g_param_spec_boolean ("show-chart", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* models their vendor no longer sells (issue 13) */
  properties[PROP_SHOW_RETIRED] =
    g_param_spec_boolean ("show-retired", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpOffersPage::error:
   * @message: what went wrong, in plain words
   */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SP_TYPE_OFFER);
  g_type_ensure (SP_TYPE_BAR_CHART);
  g_type_ensure (SP_TYPE_WATCH_BUTTON);
  offer_info_quark (); /* before any loading thread uses it */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-offers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, demo_notice);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, kind_all_button);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, kind_gpu_button);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, kind_cpu_button);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, kind_tokens_button);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, vendor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, gpu_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, billing_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, memory_spin);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, watch_button);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, chart_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, chart_caption);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, list_stack);
  gtk_widget_class_bind_template_child_full (widget_class, "warning_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_WARNINGS]));
  gtk_widget_class_bind_template_child_full (widget_class, "vendor_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_VENDOR]));
  gtk_widget_class_bind_template_child_full (widget_class, "group_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_GROUP]));
  gtk_widget_class_bind_template_child_full (widget_class, "name_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_NAME]));
  gtk_widget_class_bind_template_child_full (widget_class, "spec_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_SPEC]));
  gtk_widget_class_bind_template_child_full (widget_class, "region_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_REGION]));
  gtk_widget_class_bind_template_child_full (widget_class, "billing_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_BILLING]));
  gtk_widget_class_bind_template_child_full (widget_class, "list_price_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_LIST_PRICE]));
  gtk_widget_class_bind_template_child_full (widget_class, "normalized_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_PRICE]));
  gtk_widget_class_bind_template_child_full (widget_class, "input_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_INPUT]));
  gtk_widget_class_bind_template_child_full (widget_class, "output_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_OUTPUT]));
  gtk_widget_class_bind_template_child_full (widget_class, "effective_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_EFFECTIVE]));
  gtk_widget_class_bind_template_child_full (widget_class, "freshness_column", FALSE,
                                             G_STRUCT_OFFSET (SpOffersPage, columns[COL_UPDATED]));
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_memory_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "offers.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "offers.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "offers.estimate", NULL, estimate_action);
  gtk_widget_class_install_action (widget_class, "offers.buy", NULL, buy_action);
  gtk_widget_class_install_action (widget_class, "offers.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "offers.watch", NULL, watch_action);
  gtk_widget_class_install_action (widget_class, "offers.watch-group", NULL, watch_action);
  gtk_widget_class_install_action (widget_class, "offers.price-changes", NULL, price_changes_action);
  gtk_widget_class_install_property_action (widget_class, "offers.group", "group-view");
  gtk_widget_class_install_property_action (widget_class, "offers.chart", "show-chart");
  gtk_widget_class_install_property_action (widget_class, "offers.show-retired", "show-retired");
}

static void
sp_offers_page_init (SpOffersPage *self)
{
  GtkShortcutController *shortcuts;
  GtkSorter *sorter;

  self->kind = -1;
  self->billing = -1;
  self->wallet_serial = 1;  /* the offers' cached prices after vouchers start at 0 */
  self->none_applies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->vendor_ids = g_ptr_array_new ();
  self->gpu_models = g_ptr_array_new ();
  self->regions = g_ptr_array_new ();
  self->billings = g_array_new (FALSE, FALSE, sizeof (int));
  self->group_by_rep = g_hash_table_new (NULL, NULL);
  self->bound_items = g_hash_table_new (NULL, NULL);
  self->offers = sp_offer_list_new (TRUE);
  self->filter_model = sp_offer_list_new (FALSE);
  self->shown_ptrs = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* one sorter per column; the column view combines them */
  for (int c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkCustomSorter) column_sorter = NULL;
      g_autoptr(GtkListItemFactory) factory = NULL;

      self->sort_keys[c].self = self;
      self->sort_keys[c].column = c;
      column_sorter = gtk_custom_sorter_new (sort_func, &self->sort_keys[c], NULL);
      gtk_column_view_column_set_sorter (self->columns[c], GTK_SORTER (column_sorter));
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), &self->sort_keys[c]);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), &self->sort_keys[c]);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), &self->sort_keys[c]);
      g_signal_connect (factory, "teardown", G_CALLBACK (cell_teardown), &self->sort_keys[c]);
      gtk_column_view_column_set_factory (self->columns[c], factory);
      if (c == COL_VENDOR)
        self->vendor_factories[0] = g_object_ref (factory);
    }
  /* texts that repeat down a column share their layouts (not names and specs) */
  for (int c = 0; c < N_COLUMNS; c++)
    if (c != COL_NAME && c != COL_SPEC)
      self->layout_caches[c] = sp_text_cell_new_layout_cache ();
  self->vendor_tree_key.self = self;
  self->vendor_tree_key.column = COL_VENDOR;
  self->vendor_tree_key.tree = TRUE;
  self->vendor_factories[1] = gtk_signal_list_item_factory_new ();
  g_signal_connect (self->vendor_factories[1], "setup", G_CALLBACK (cell_setup), &self->vendor_tree_key);
  g_signal_connect (self->vendor_factories[1], "bind", G_CALLBACK (cell_bind), &self->vendor_tree_key);
  g_signal_connect (self->vendor_factories[1], "unbind", G_CALLBACK (cell_unbind), &self->vendor_tree_key);
  g_signal_connect (self->vendor_factories[1], "teardown", G_CALLBACK (cell_teardown), &self->vendor_tree_key);
  self->probe_a = sp_offer_new ();
  self->probe_b = sp_offer_new ();

  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect (sorter, "changed", G_CALLBACK (on_sorter_changed), self);
  /* new offers (or new prices): sort, then filter */
  g_signal_connect_swapped (self->offers, "items-changed", G_CALLBACK (resort), self);
  self->rows_model = sp_offer_rows_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_swapped (self->rows_model, "contents-changed", G_CALLBACK (on_rows_contents_changed), self);
  self->flat_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->rows_model)));
  g_signal_connect (self->flat_selection, "selection-changed", G_CALLBACK (on_selection_changed), self);

  self->groups_store = g_list_store_new (SP_TYPE_OFFER);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->groups_store)),
                                              FALSE, FALSE, create_group_children, self, NULL);
  self->group_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  g_signal_connect (self->group_selection, "selection-changed", G_CALLBACK (on_selection_changed), self);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->flat_selection));
  g_signal_connect_object (self->state_stack, "notify::visible-child-name",
                           G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  on_state_changed (self);
  for (int c = 0; c < N_COLUMNS; c++)
    {
      /* held while taken out of the view (see set_column_shown ()) */
      self->held_columns[c] = g_object_ref (self->columns[c]);
      self->column_shown[c] = TRUE;
      self->column_wanted[c] = TRUE;
    }
  /* the room the table has changed: columns give way or come back */
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                           "notify::page-size", G_CALLBACK (on_view_width_changed), self,
                           G_CONNECT_SWAPPED);
  set_column_shown (self, COL_GROUP, FALSE);
  set_column_shown (self, COL_INPUT, FALSE);
  set_column_shown (self, COL_OUTPUT, FALSE);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.compare", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.buy", FALSE);

  /* Ctrl+F anywhere in the window while the page is shown */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("offers.find")));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (shortcuts));
}

/* ----------------------------------------------------------- public API */

static void
on_offers_changed (SpOffersPage *self)
{
  if (self->app != NULL)
    sp_offers_page_load (self, self->app);
}

void
sp_offers_page_load (SpOffersPage  *self,
                     SpApplication *app)
{
  g_autoptr(GTask) task = NULL;
  SpStoreService *service;
  LoadData *data;

  g_return_if_fail (SP_IS_OFFERS_PAGE (self));
  g_return_if_fail (SP_IS_APPLICATION (app));

  g_set_weak_pointer (&self->app, app);
  service = sp_application_get_store_service (app);
  if (service != self->service)
    {
      if (self->service != NULL)
        g_signal_handlers_disconnect_by_data (self->service, self);
      g_set_object (&self->service, service);
      /* a refresh, a source removed, a restore: the catalog; a purchase,
       * a voucher: the prices after vouchers */
      g_signal_connect_swapped (service, "offers-changed", G_CALLBACK (on_offers_changed), self);
      g_signal_connect_swapped (service, "wallet-changed", G_CALLBACK (sp_offers_page_reload_wallet),
                                self);
    }

  if (self->settings == NULL)
    {
      self->settings = g_object_ref (sp_application_get_settings (app));
      g_signal_connect_after (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
    }
  g_free (self->store_path);
  self->store_path = g_strdup (sp_application_get_store_path (app));
  sp_offers_page_bench_hook (self);
  /* the watchlist, and a toast for the watched prices a refresh changed */
  sp_watch_button_set_settings (self->watch_button, self->settings);
  sp_watch_button_reload (self->watch_button, service);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* empties the shown list too (resort ()) */
  sp_offer_list_set (self->offers, NULL, 0);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");

  /* the wallet is read with the catalog */
  g_cancellable_cancel (self->wallet_cancellable);
  g_clear_object (&self->wallet_cancellable);
  /* prices of the previous table are of no use */
  g_cancellable_cancel (self->prices_cancellable);
  g_clear_object (&self->prices_cancellable);

  data = g_new0 (LoadData, 1);
  data->date = sp_date_today ();
  data->pending = 3;
  data->ctx = copy_price_context ();
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, sp_offers_page_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  sp_store_service_load_offers_async (service, self->cancellable, load_offers_read,
                                      g_object_ref (task));
  sp_store_service_load_offer_table_async (service, self->cancellable, load_table_read,
                                           g_object_ref (task));
  sp_store_service_load_wallet_async (service, data->date, self->cancellable, load_wallet_read,
                                      g_steal_pointer (&task));
}

GListModel *
sp_offers_page_get_model (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  if (self->group_view)
    return G_LIST_MODEL (self->groups_store);
  return G_LIST_MODEL (self->filter_model);
}

const char *
sp_offers_page_get_state (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

void
sp_offers_page_set_kind_filter (SpOffersPage *self,
                                int           kind)
{
  g_return_if_fail (SP_IS_OFFERS_PAGE (self));
  g_return_if_fail (kind >= -1 && kind <= SP_OFFER_KIND_TOKENS);

  switch (kind)
    {
    case SP_OFFER_KIND_GPU:
      gtk_toggle_button_set_active (self->kind_gpu_button, TRUE);
      break;
    case SP_OFFER_KIND_CPU:
      gtk_toggle_button_set_active (self->kind_cpu_button, TRUE);
      break;
    case SP_OFFER_KIND_TOKENS:
      gtk_toggle_button_set_active (self->kind_tokens_button, TRUE);
      break;
    default:
      gtk_toggle_button_set_active (self->kind_all_button, TRUE);
    }
}

void
sp_offers_page_set_search (SpOffersPage *self,
                           const char   *text)
{
  g_return_if_fail (SP_IS_OFFERS_PAGE (self));

  apply_search (self, text);
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
}

gboolean
sp_offers_page_sort_by (SpOffersPage *self,
                        const char   *column,
                        gboolean      descending)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), FALSE);

  for (int c = 0; c < N_COLUMNS; c++)
    if (g_strcmp0 (column, column_ids[c]) == 0)
      {
        gtk_column_view_sort_by_column (self->column_view, self->columns[c],
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        return TRUE;
      }
  return FALSE;
}

GtkSelectionModel *
sp_offers_page_get_selection (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  return self->group_view ? GTK_SELECTION_MODEL (self->group_selection)
                          : GTK_SELECTION_MODEL (self->flat_selection);
}

const SpOfferFlags *
sp_offers_page_get_flags (SpOffersPage *self,
                          SpOffer      *offer)
{
  OfferInfo *info;

  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  info = offer_info (offer);
  return info ? info->flags : NULL;
}

SpBarChart *
sp_offers_page_get_chart (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  return self->chart;
}

void
sp_offers_page_reload_wallet (SpOffersPage *self)
{
  guint32 date = sp_date_today ();

  g_return_if_fail (SP_IS_OFFERS_PAGE (self));

  if (self->service == NULL)
    return;
  g_cancellable_cancel (self->wallet_cancellable);
  g_clear_object (&self->wallet_cancellable);
  self->wallet_cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self), "sp-wallet-date", GUINT_TO_POINTER (date));
  sp_store_service_load_wallet_async (self->service, date, self->wallet_cancellable, wallet_cb,
                                      g_object_ref (self));
}

gboolean
sp_offers_page_is_reading_wallet (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), FALSE);
  return self->wallet_cancellable != NULL ||
         g_strcmp0 (sp_offers_page_get_state (self), "loading") == 0;
}

SpMoney
sp_offers_page_get_effective_price (SpOffersPage *self,
                                    SpOffer      *offer,
                                    gboolean     *saves)
{
  const OfferInfo *info;

  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (SP_IS_OFFER (offer), SP_MONEY_UNKNOWN);

  if (saves != NULL)
    *saves = FALSE;
  info = offer_info (offer);
  if (info == NULL)
    return SP_MONEY_UNKNOWN;
  if (!wallet_has_vouchers (self))
    return info->normalized;
  info = effective_info (self, offer);
  if (saves != NULL)
    *saves = info->effective_saves;
  return info->effective;
}

guint
sp_offers_page_get_n_offers (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->offers));
}
