/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-query.c — the Offers page as a view of the offer
 * engine: queries, sort column, group view, chart, filter dropdowns and
 * the test hooks
 * (see sp-offers-page.c) */
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


static const char * const column_ids[N_COLUMNS] = {
  "warnings", "vendor", "group", "name", "spec", "region", "billing",
  "list-price", "price", "input", "output", "effective", "updated",
};

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


/* The search text as the engine compares it, for telling a narrowing
 * search (the text grew) from another */
static char *
fold_search (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);
  char *folded = g_utf8_casefold (nfkc ? nfkc : "", -1);

  return g_strstrip (folded);
}

typedef enum {
  CHANGE_QUERY,      /* filters, sort, prices or offers */
  CHANGE_SEARCH,     /* only the search text */
  CHANGE_NARROWING,  /* only the search text, to one that holds the previous */
} Change;

#define SEARCH_CACHE_SIZE 24

typedef struct {
  char   *search;
  GArray *rows;
} CachedSearch;

static void
cached_search_free (gpointer data)
{
  CachedSearch *c = data;

  g_free (c->search);
  g_array_unref (c->rows);
  g_free (c);
}

GPtrArray *
_sp_offers_page_search_cache_new (void)
{
  return g_ptr_array_new_with_free_func (cached_search_free);
}

/* The rows of a search seen before under the same query (backspacing) */
static GArray *
cached_search (SpOffersPage *self)
{
  const char *search = self->search_folded ? self->search_folded : "";

  for (guint i = 0; i < self->search_cache->len; i++)
    {
      CachedSearch *c = g_ptr_array_index (self->search_cache, i);

      if (strcmp (c->search, search) == 0)
        return g_array_ref (c->rows);
    }
  return NULL;
}

static void
remember_search (SpOffersPage *self,
                 GArray       *rows)
{
  CachedSearch *c = g_new0 (CachedSearch, 1);

  if (self->search_cache->len >= SEARCH_CACHE_SIZE)
    g_ptr_array_remove_index (self->search_cache, 0);
  c->search = g_strdup (self->search_folded ? self->search_folded : "");
  c->rows = g_array_ref (rows);
  g_ptr_array_add (self->search_cache, c);
}

/* Recomputes the shown offers with the engine: the filters, the search
 * and the column view's sort column.  A narrowing search only looks among
 * the rows shown; a search seen before under the same query comes from the
 * cache. */
static void
refilter (SpOffersPage *self,
          Change        change)
{
  SpEngineQuery query;
  Column column = COL_PRICE;
  gboolean descending = FALSE, sorted;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (self->table == NULL || self->prices == NULL || self->cache == NULL ||
      sp_offer_table_get_n_offers (self->table) == 0)
    {
      g_clear_pointer (&self->result, g_array_unref);
      g_ptr_array_set_size (self->search_cache, 0);
      sp_offer_list_set_rows (self->filter_model, NULL, NULL);
      return;
    }
  sorted = _sp_offers_page_probe_sort (self, &column, &descending);
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
  if (change == CHANGE_QUERY)
    g_ptr_array_set_size (self->search_cache, 0);
  else if ((rows = cached_search (self)) != NULL)
    goto show;
  if (change == CHANGE_NARROWING && self->result != NULL)
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
  remember_search (self, rows);

show:
  g_clear_pointer (&self->result, g_array_unref);
  self->result = g_steal_pointer (&rows);
  sp_offer_list_set_rows (self->filter_model, self->cache, self->result);
}

void
_sp_offers_page_resort (SpOffersPage *self)
{
  refilter (self, CHANGE_QUERY);
}


void
_sp_offers_page_update_count (SpOffersPage *self)
{
  guint total = self->table != NULL ? sp_offer_table_get_n_offers (self->table) : 0;
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
                                         g_list_model_get_n_items (G_LIST_MODEL (self->groups_list))),
                            g_list_model_get_n_items (G_LIST_MODEL (self->groups_list)), shown, total);
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
    g_autoptr(GPtrArray) offers = _sp_offers_page_selected_offers (self);
    sp_watch_button_set_selection (self->watch_button, offers);
  }
}

static void
filter_changed_full (SpOffersPage *self,
                     Change        change)
{
  refilter (self, change);
  if (self->group_view)
    _sp_offers_page_rebuild_groups (self);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0
                                    || sp_offers_page_get_n_offers (self) == 0
                                    ? "list" : "no-match");
  _sp_offers_page_update_count (self);
  _sp_offers_page_schedule_chart_update (self);
}

void
_sp_offers_page_filter_changed (SpOffersPage    *self,
                                GtkFilterChange  change)
{
  filter_changed_full (self, CHANGE_QUERY);
}

void
_sp_offers_page_apply_search (SpOffersPage *self,
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
  filter_changed_full (self, narrowing ? CHANGE_NARROWING : CHANGE_SEARCH);
}

int
_sp_offers_page_sort_func (gconstpointer a,
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
gboolean
_sp_offers_page_probe_sort (SpOffersPage *self,
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

void
_sp_offers_page_on_sorter_changed (GtkSorter       *sorter,
                                   GtkSorterChange  change,
                                   SpOffersPage    *self)
{
  Column column;
  gboolean descending;

  /* _sp_offers_page_restore_sort () is followed by new offers, sorted then */
  if (!self->restoring_sort)
    _sp_offers_page_resort (self);
  if (self->group_view)
    _sp_offers_page_rebuild_groups (self);
  _sp_offers_page_schedule_chart_update (self);
  if (self->restoring_sort || self->settings == NULL)
    return;
  if (_sp_offers_page_probe_sort (self, &column, &descending))
    {
      g_settings_set_string (self->settings, "offers-sort-column", column_ids[column]);
      g_settings_set_boolean (self->settings, "offers-sort-descending", descending);
    }
}

void
_sp_offers_page_restore_sort (SpOffersPage *self)
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

GListModel *
_sp_offers_page_create_group_children (gpointer item,
                                       gpointer user_data)
{
  SpOffersPage *self = user_data;
  GArray *members;
  SpOfferList *children;
  guint row;

  if (self->cache == NULL || !_sp_offers_page_item_row (self, item, &row))
    return NULL;
  members = g_hash_table_lookup (self->group_members,
                                 GUINT_TO_POINTER (sp_offer_table_get_group (self->table, row)));
  if (members == NULL || members->len == 0)
    return NULL;
  children = sp_offer_list_new ();
  sp_offer_list_set_rows (children, self->cache, members);
  return G_LIST_MODEL (children);
}

/* The groups of the shown rows (sp_offer_engine_group_rows ()), in the
 * order of their cheapest row among them (unknown prices last, then the
 * first shown), each with its other rows in the shown order */
void
_sp_offers_page_rebuild_groups (SpOffersPage *self)
{
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GArray) reps = NULL;
  g_autoptr(GHashTable) rep_of = g_hash_table_new (NULL, NULL); /* group → position + 1 */
  const guint *rows;
  guint n;

  g_hash_table_remove_all (self->group_members);
  g_hash_table_remove_all (self->group_sizes);
  if (self->result == NULL || self->prices == NULL)
    {
      sp_offer_list_set_rows (self->groups_list, NULL, NULL);
      return;
    }
  rows = (const guint *) self->result->data;
  n = self->result->len;
  groups = sp_offer_engine_group_rows (self->table, rows, n);
  /* each group's cheapest position */
  for (guint i = 0; i < n; i++)
    {
      gpointer group = GUINT_TO_POINTER (sp_offer_table_get_group (self->table, rows[i]));
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (rep_of, group));
      SpMoney price = sp_offer_prices_get_normalized (self->prices, rows[i]);

      if (at == 0)
        g_hash_table_insert (rep_of, group, GUINT_TO_POINTER (i + 1));
      else
        {
          SpMoney best = sp_offer_prices_get_normalized (self->prices, rows[at - 1]);

          if (price != SP_MONEY_UNKNOWN && (best == SP_MONEY_UNKNOWN || price < best))
            g_hash_table_insert (rep_of, group, GUINT_TO_POINTER (i + 1));
        }
    }
  for (guint g = 0; g < groups->len; g++)
    {
      const SpEngineGroup *eg = &g_array_index (groups, SpEngineGroup, g);

      g_hash_table_insert (self->group_sizes, GUINT_TO_POINTER (eg->group),
                           GUINT_TO_POINTER (eg->n_members));
      if (eg->n_members > 1)
        g_hash_table_insert (self->group_members, GUINT_TO_POINTER (eg->group),
                             g_array_sized_new (FALSE, FALSE, sizeof (guint), eg->n_members - 1));
    }
  /* the others, in the shown order; the representatives in theirs */
  reps = g_array_sized_new (FALSE, FALSE, sizeof (guint), groups->len);
  for (guint i = 0; i < n; i++)
    {
      gpointer group = GUINT_TO_POINTER (sp_offer_table_get_group (self->table, rows[i]));

      if (GPOINTER_TO_UINT (g_hash_table_lookup (rep_of, group)) == i + 1)
        g_array_append_val (reps, rows[i]);
      else
        g_array_append_val (g_hash_table_lookup (self->group_members, group), rows[i]);
    }
  sp_offer_list_set_rows (self->groups_list, self->cache, reps);
}

/* A spinning spinner animates its CSS on every frame, hidden or not, which
 * made GTK restyle the whole window on each frame after loading: it spins
 * only while it is shown. */
void
_sp_offers_page_on_state_changed (SpOffersPage *self)
{
  gtk_spinner_set_spinning (self->loading_spinner,
                            g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack),
                                       "loading") == 0);
  g_object_notify (G_OBJECT (self), "state");
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
void
_sp_offers_page_remember_vendors (SpOfferTable *table)
{
  g_autoptr(GArray) rows = sp_offer_table_distinct_rows (table, -1, SP_TABLE_DISTINCT_VENDOR);

  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);
      const char *id = sp_offer_table_get_vendor_id (table, row);

      if (id != NULL)
        sp_vendor_remember (id, sp_offer_table_get_vendor_name (table, row),
                            sp_offer_table_get_vendor_name_zh (table, row));
    }
}

/* The dropdowns list what the table holds (its texts are shared: one
 * pointer per vendor, GPU model and region) */
void
_sp_offers_page_build_dropdowns (SpOffersPage *self)
{
  g_autoptr(GHashTable) vendors = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) gpus = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) regions = g_hash_table_new (NULL, NULL);
  gboolean billing_seen[SP_BILLING_PREPAID + 1] = { FALSE, };
  g_autoptr(GtkStringList) billing_list = gtk_string_list_new (NULL);
  g_autoptr(GArray) vendor_rows = sp_offer_table_distinct_rows (self->table, -1, SP_TABLE_DISTINCT_VENDOR);
  g_autoptr(GArray) gpu_rows = sp_offer_table_distinct_rows (self->table, -1, SP_TABLE_DISTINCT_GPU_MODEL);
  g_autoptr(GArray) region_rows = sp_offer_table_distinct_rows (self->table, -1, SP_TABLE_DISTINCT_REGION);
  g_autoptr(GArray) billing_rows = sp_offer_table_distinct_rows (self->table, -1, SP_TABLE_DISTINCT_BILLING);

  self->updating_dropdowns = TRUE;
  /* one row of each (the engine's one pass; the table's texts are shared) */
  for (guint i = 0; i < vendor_rows->len; i++)
    {
      guint row = g_array_index (vendor_rows, guint, i);
      const char *vendor = sp_offer_table_get_vendor_id (self->table, row);

      if (vendor != NULL)
        g_hash_table_insert (vendors, (gpointer) vendor,
                             (gpointer) _sp_offers_page_vendor_label (self->table, row));
    }
  for (guint i = 0; i < gpu_rows->len; i++)
    {
      const char *gpu = sp_offer_table_get_gpu_model (self->table, g_array_index (gpu_rows, guint, i));

      g_hash_table_insert (gpus, (gpointer) gpu, (gpointer) gpu);
    }
  for (guint i = 0; i < region_rows->len; i++)
    {
      const char *region = sp_offer_table_get_region (self->table, g_array_index (region_rows, guint, i));

      g_hash_table_insert (regions, (gpointer) region, (gpointer) region);
    }
  for (guint i = 0; i < billing_rows->len; i++)
    {
      SpBilling billing = sp_offer_table_get_billing (self->table, g_array_index (billing_rows, guint, i));

      if (billing <= SP_BILLING_PREPAID)
        billing_seen[billing] = TRUE;
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


/* Hidden columns still build their cells in GTK 4.8: take them out of the
 * view instead (fewer widgets per row, faster filtering). */
void
_sp_offers_page_put_column (SpOffersPage *self,
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
 * also depends on the room there is (_sp_offers_page_fit_columns ()). */
void
_sp_offers_page_set_column_shown (SpOffersPage *self,
                                  Column        column,
                                  gboolean      shown)
{
  self->column_wanted[column] = !!shown;
  _sp_offers_page_put_column (self, column, shown);
  _sp_offers_page_schedule_fit (self);
}

GListModel *
sp_offers_page_get_model (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  if (self->group_view)
    return G_LIST_MODEL (self->groups_list);
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

  _sp_offers_page_apply_search (self, text);
  g_signal_handlers_block_by_func (self->search_entry, _sp_offers_page_on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, _sp_offers_page_on_search_changed, self);
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
        /* GTK sorts only by a column in the view: one the page does not
         * want (another kind's) is refused; one that gave way for room
         * (_sp_offers_page_fit_columns ()) is put back, being asked for */
        if (!self->column_wanted[c])
          return FALSE;
        _sp_offers_page_put_column (self, c, TRUE);
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
  guint row;

  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);
  if (!_sp_offers_page_item_row (self, offer, &row))
    return NULL;
  return _sp_offers_page_row_flags (self, row);
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
  sp_store_service_load_wallet_async (self->service, date, self->wallet_cancellable, _sp_offers_page_wallet_cb,
                                      g_object_ref (self));
}

gboolean
sp_offers_page_is_reading_wallet (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), FALSE);
  /* the wallet, or the prices after vouchers it changed */
  return self->wallet_cancellable != NULL || self->prices_cancellable != NULL ||
         g_strcmp0 (sp_offers_page_get_state (self), "loading") == 0;
}

SpMoney
sp_offers_page_get_effective_price (SpOffersPage *self,
                                    SpOffer      *offer,
                                    gboolean     *saves)
{
  guint row;

  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), SP_MONEY_UNKNOWN);
  g_return_val_if_fail (SP_IS_OFFER (offer), SP_MONEY_UNKNOWN);

  if (saves != NULL)
    *saves = FALSE;
  if (!_sp_offers_page_item_row (self, offer, &row))
    return SP_MONEY_UNKNOWN;
  return _sp_offers_page_row_effective (self, row, saves);
}

guint
sp_offers_page_get_n_offers (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), 0);
  return self->table != NULL ? sp_offer_table_get_n_offers (self->table) : 0;
}

void
sp_offers_page_bench_print_sizes (SpOffersPage *self)
{
  guint n = sp_offers_page_get_n_offers (self);

  if (n == 0 || self->prices == NULL)
    return;
  g_printerr ("SUANPAN_BENCH sizes: table %.0f + prices %.0f bytes per offer\n",
              (double) sp_offer_table_get_size (self->table) / n,
              (double) sp_offer_prices_get_size (self->prices) / n);
}
