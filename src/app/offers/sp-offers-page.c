/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page.c — the Offers page: the catalog on one price scale
 *
 * Model chain (flat view):
 *
 *   SpOfferTable (the catalog, one compact record an offer) + SpOfferPrices
 *     → the engine's rows (sp_offer_engine_run (): kind, vendor, GPU,
 *     region, billing, memory, search, the column view's sort column)
 *     → SpOfferList (the rows as SpOffer, made only for the items GTK asks
 *     for, through a small cache) → SpOfferRows (stable rows)
 *     → GtkMultiSelection → GtkColumnView
 *
 * Filtering, search and sorting (After Vouchers included: the engine's
 * prices are computed with the wallet) are the engine's (src/core/engine),
 * so the window lists the offers of a query in the order `suanpan-cli
 * offers` does; a search that grows only looks among the rows shown
 * (`within`).  Cells read their figures from the table and the prices by
 * row.  Compare, buy and the details read their offers back whole from the
 * store by source and id.
 *
 * Group view: one row per equivalence group of the shown rows (its
 * cheapest), expandable to the others, through a GtkTreeListModel.
 *
 * The wallet is read with the catalog, again whenever the page is shown
 * (the Vouchers page or the command line may have changed it) and after a
 * purchase (sp_offers_page_reload_wallet ()); a change re-prices in a
 * worker.
 *
 * GTK 4.8 has no API to ask the column view which column it sorts by (4.10
 * adds it), so the page finds out by asking the column view's sorter to
 * compare two probe offers while each column's sorter answers differently —
 * public API only.
 *
 * Files: this one is the widget (callbacks, actions, GObject);
 * sp-offers-page-query.c the engine queries, sort column, group view,
 * dropdowns and test hooks; -cells.c the cells; -columns.c the column
 * widths; -chart.c the bar chart; -load.c the loading, the prices, the
 * wallet and reading offers back whole; sp-offer-list.c the list model over
 * the result rows; the struct they share is in
 * sp-offers-page-private.h (under SP_OFFERS_PAGE_INTERNAL). */
#include "config.h"

#define SP_OFFERS_PAGE_INTERNAL

#include <stdlib.h>
#include <string.h>
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


G_DEFINE_FINAL_TYPE (SpOffersPage, sp_offers_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GROUP_VIEW,
  PROP_SHOW_CHART,
  PROP_SHOW_RETIRED,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_sp_offers_page_emit_error (SpOffersPage *self,
                            const char   *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
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
  _sp_offers_page_filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
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
  _sp_offers_page_set_column_shown (self, COL_INPUT, kind == SP_OFFER_KIND_TOKENS);
  _sp_offers_page_set_column_shown (self, COL_OUTPUT, kind == SP_OFFER_KIND_TOKENS);
  _sp_offers_page_set_column_shown (self, COL_SPEC, kind != SP_OFFER_KIND_TOKENS && !self->group_view);
  _sp_offers_page_filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
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
  _sp_offers_page_filter_changed (self, change);
}

void
_sp_offers_page_on_search_changed (SpOffersPage *self)
{
  _sp_offers_page_apply_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (SpOffersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _sp_offers_page_apply_search (self, "");
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      SpOffersPage      *self)
{
  _sp_offers_page_update_count (self);
}

void
_sp_offers_page_on_settings_changed (GSettings    *settings,
                                     const char   *key,
                                     SpOffersPage *self)
{
  if (g_str_has_prefix (key, "offers-") || g_str_has_prefix (key, "window-") ||
      g_str_equal (key, "price-changes-seen"))
    return;
  /* The application updates its price context in its own handler, which
   * runs before this one (connected after): recompute the normalized prices
   * and warnings, then re-sort, re-filter and re-bind the rows. */
  _sp_offers_page_reprice (self);
}

static void
on_rows_contents_changed (SpOffersPage *self)
{
  /* a selected position now shows another offer: start over */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->flat_selection));
  if (!self->group_view)
    _sp_offers_page_refill_cells (self);
}

GPtrArray *
_sp_offers_page_selected_offers (SpOffersPage *self)
{
  GtkSelectionModel *model = sp_offers_page_get_selection (self);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  GPtrArray *offers = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint pos;

  if (self->cache != NULL && gtk_bitset_iter_init_first (&iter, selected, &pos))
    do
      {
        g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), pos);
        guint row;

        if (_sp_offers_page_item_row (self, item, &row))
          g_ptr_array_add (offers, sp_offer_cache_get (self->cache, row));
      }
    while (gtk_bitset_iter_next (&iter, &pos));
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
  _sp_offers_page_apply_search (self, "");
  gtk_toggle_button_set_active (self->kind_all_button, TRUE);
  _sp_offers_page_filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
open_compare (SpOffersPage *self,
              GPtrArray    *offers)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GHashTable) flags = _sp_offers_page_flags_table (self, offers);
  SpCompareWindow *window;

  if (_sp_offers_page_current_price_context () == NULL)
    return;
  window = sp_compare_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  offers, flags, _sp_offers_page_current_price_context (),
                                  self->service);
  gtk_window_present (GTK_WINDOW (window));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);
  g_autoptr(GPtrArray) offers = _sp_offers_page_selected_offers (self);

  if (offers->len < 2 || offers->len > 4 || _sp_offers_page_current_price_context () == NULL)
    return;
  /* the window opens once the offers are read back whole */
  _sp_offers_page_read_back (self, offers, open_compare);
}

static void
open_redeem (SpOffersPage *self,
             GPtrArray    *offers)
{
  GApplication *app = g_application_get_default ();
  SpRedeemWindow *window;

  if (!SP_IS_APPLICATION (app))
    return;
  window = sp_redeem_window_new (SP_APPLICATION (app), g_ptr_array_index (offers, 0));
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
  g_autoptr(GPtrArray) offers = _sp_offers_page_selected_offers (self);

  if (offers->len != 1 || !SP_IS_APPLICATION (g_application_get_default ()))
    return;
  /* the window opens once the offer is read back whole (its tiers) */
  _sp_offers_page_read_back (self, offers, open_redeem);
}

/* Star or unstar the selected offers, or their groups (sp-watch-button.c). */
static void
watch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);
  g_autoptr(GPtrArray) offers = _sp_offers_page_selected_offers (self);

  sp_watch_button_toggle (self->watch_button, offers,
                          g_str_equal (action_name, "offers.watch-group"));
  _sp_offers_page_update_count (self);
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
  GtkRoot *root = gtk_widget_get_root (widget);
  SpEstimatorWindow *window;

  if (_sp_offers_page_current_price_context () == NULL || self->table == NULL ||
      self->prices == NULL)
    return;
  /* the estimator runs on the table (no SpOffer per offer); the page's
   * prices give the warnings; the service reads back the few whole offers
   * a figure needs */
  window = sp_estimator_window_new_for_table (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              self->table, _sp_offers_page_current_price_context (),
                                              self->prices, self->service);
  if (self->wallet != NULL)
    sp_estimator_window_set_wallet (window, self->wallet);
  gtk_window_present (GTK_WINDOW (window));
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
    _sp_offers_page_rebuild_groups (self);
  _sp_offers_page_set_column_shown (self, COL_GROUP, group_view);
  /* the group label says the spec */
  _sp_offers_page_set_column_shown (self, COL_SPEC, !group_view && self->kind != SP_OFFER_KIND_TOKENS);
  /* expanders only where there is something to expand */
  gtk_column_view_column_set_factory (self->columns[COL_VENDOR],
                                      self->vendor_factories[group_view ? 1 : 0]);
  gtk_column_view_set_model (self->column_view,
                             group_view ? GTK_SELECTION_MODEL (self->group_selection)
                                        : GTK_SELECTION_MODEL (self->flat_selection));
  _sp_offers_page_update_count (self);
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
      _sp_offers_page_update_chart (self);
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
    case PROP_STATE:
      g_value_set_string (value, sp_offers_page_get_state (self));
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
          _sp_offers_page_filter_changed (self, self->show_retired ? GTK_FILTER_CHANGE_LESS_STRICT
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
  g_clear_handle_id (&self->reserve_idle, g_source_remove);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  g_cancellable_cancel (self->wallet_cancellable);
  g_clear_object (&self->wallet_cancellable);
  g_cancellable_cancel (self->prices_cancellable);
  g_clear_object (&self->prices_cancellable);
  g_clear_object (&self->pricing_ctx);
  g_clear_object (&self->wallet);
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
  g_clear_object (&self->groups_list);
  /* the shown list borrows the offers: it goes first */
  g_clear_object (&self->filter_model);
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
  g_clear_object (&self->table);
  g_clear_pointer (&self->prices, sp_offer_prices_unref);
  g_clear_pointer (&self->cache, sp_offer_cache_unref);
  g_hash_table_unref (self->group_members);
  g_hash_table_unref (self->group_sizes);
  g_hash_table_unref (self->flags);
  g_hash_table_unref (self->full_offers);
  g_hash_table_unref (self->reading_back);
  g_clear_pointer (&self->result, g_array_unref);
  g_clear_pointer (&self->search_cache, g_ptr_array_unref);
  g_ptr_array_unref (self->vendor_ids);
  g_ptr_array_unref (self->gpu_models);
  g_ptr_array_unref (self->regions);
  g_array_unref (self->billings);

  G_OBJECT_CLASS (sp_offers_page_parent_class)->finalize (object);
}

/* Long (about 105 lines) because it is the page's whole declaration: its
 * properties, signals, template children and callbacks and property
 * actions, one line each, as GTK's own widgets write theirs. */
static void
sp_offers_page_class_init (SpOffersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sp_offers_page_get_property;
  object_class->set_property = sp_offers_page_set_property;
  object_class->dispose = sp_offers_page_dispose;
  object_class->finalize = sp_offers_page_finalize;
  widget_class->map = _sp_offers_page_map;
  widget_class->root = _sp_offers_page_root;

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
  /* sp_offers_page_get_state (): "loading", "offers", "empty" or "error"
   * (the window loads its other pages once the offers are in) */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_changed",
                                                G_CALLBACK (_sp_offers_page_on_search_changed));
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

/* Long (about 95 lines) because it makes the page's containers, models and
 * shortcut controller and connects the template's widgets to them, a few
 * lines each; each part is set up once, in the order GTK needs it. */
static void
sp_offers_page_init (SpOffersPage *self)
{
  GtkShortcutController *shortcuts;
  GtkSorter *sorter;

  self->kind = -1;
  self->billing = -1;
  self->vendor_ids = g_ptr_array_new ();
  self->gpu_models = g_ptr_array_new ();
  self->regions = g_ptr_array_new ();
  self->billings = g_array_new (FALSE, FALSE, sizeof (int));
  self->group_members = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->group_sizes = g_hash_table_new (NULL, NULL);
  self->flags = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sp_offer_flags_free);
  self->full_offers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->reading_back = g_hash_table_new (NULL, NULL);
  self->bound_items = g_hash_table_new (NULL, NULL);
  self->filter_model = sp_offer_list_new ();
  self->groups_list = sp_offer_list_new ();
  self->search_cache = _sp_offers_page_search_cache_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* one sorter per column; the column view combines them */
  for (int c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkCustomSorter) column_sorter = NULL;
      g_autoptr(GtkListItemFactory) factory = NULL;

      self->sort_keys[c].self = self;
      self->sort_keys[c].column = c;
      column_sorter = gtk_custom_sorter_new (_sp_offers_page_sort_func, &self->sort_keys[c], NULL);
      gtk_column_view_column_set_sorter (self->columns[c], GTK_SORTER (column_sorter));
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (_sp_offers_page_cell_setup), &self->sort_keys[c]);
      g_signal_connect (factory, "bind", G_CALLBACK (_sp_offers_page_cell_bind), &self->sort_keys[c]);
      g_signal_connect (factory, "unbind", G_CALLBACK (_sp_offers_page_cell_unbind), &self->sort_keys[c]);
      g_signal_connect (factory, "teardown", G_CALLBACK (_sp_offers_page_cell_teardown), &self->sort_keys[c]);
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
  g_signal_connect (self->vendor_factories[1], "setup", G_CALLBACK (_sp_offers_page_cell_setup), &self->vendor_tree_key);
  g_signal_connect (self->vendor_factories[1], "bind", G_CALLBACK (_sp_offers_page_cell_bind), &self->vendor_tree_key);
  g_signal_connect (self->vendor_factories[1], "unbind", G_CALLBACK (_sp_offers_page_cell_unbind), &self->vendor_tree_key);
  g_signal_connect (self->vendor_factories[1], "teardown", G_CALLBACK (_sp_offers_page_cell_teardown), &self->vendor_tree_key);
  self->probe_a = sp_offer_new ();
  self->probe_b = sp_offer_new ();

  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect (sorter, "changed", G_CALLBACK (_sp_offers_page_on_sorter_changed), self);
  self->rows_model = sp_offer_rows_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_swapped (self->rows_model, "contents-changed", G_CALLBACK (on_rows_contents_changed), self);
  self->flat_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->rows_model)));
  g_signal_connect (self->flat_selection, "selection-changed", G_CALLBACK (on_selection_changed), self);

  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->groups_list)),
                                              FALSE, FALSE, _sp_offers_page_create_group_children, self, NULL);
  self->group_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  g_signal_connect (self->group_selection, "selection-changed", G_CALLBACK (on_selection_changed), self);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->flat_selection));
  g_signal_connect_object (self->state_stack, "notify::visible-child-name",
                           G_CALLBACK (_sp_offers_page_on_state_changed), self, G_CONNECT_SWAPPED);
  _sp_offers_page_on_state_changed (self);
  for (int c = 0; c < N_COLUMNS; c++)
    {
      /* held while taken out of the view (see _sp_offers_page_set_column_shown ()) */
      self->held_columns[c] = g_object_ref (self->columns[c]);
      self->column_shown[c] = TRUE;
      self->column_wanted[c] = TRUE;
    }
  /* the room the table has changed: columns give way or come back */
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                           "notify::page-size", G_CALLBACK (_sp_offers_page_on_view_width_changed), self,
                           G_CONNECT_SWAPPED);
  _sp_offers_page_set_column_shown (self, COL_GROUP, FALSE);
  _sp_offers_page_set_column_shown (self, COL_INPUT, FALSE);
  _sp_offers_page_set_column_shown (self, COL_OUTPUT, FALSE);
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
