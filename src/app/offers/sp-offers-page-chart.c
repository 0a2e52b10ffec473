/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-chart.c — the Offers page's bar chart: the cheapest offer
 * of each vendor and product among the rows shown, from the engine's table
 * and prices (see sp-offers-page.c) */
#include "config.h"

#define SP_OFFERS_PAGE_INTERNAL

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-offers-page-private.h"

static int
compare_normalized (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  SpOffersPage *self = data;
  guint ra = *(const guint *) a, rb = *(const guint *) b;
  SpMoney pa = sp_offer_prices_get_normalized (self->prices, ra);
  SpMoney pb = sp_offer_prices_get_normalized (self->prices, rb);
  int r = sp_money_compare_unknown_last (pa, pb);

  if (r == 0)
    r = g_strcmp0 (sp_offer_table_get_name (self->table, ra), sp_offer_table_get_name (self->table, rb));
  if (r == 0)
    r = sp_offer_table_compare_ids (self->table, ra, rb);
  return r;
}

/* Row @row's key of vendor and product group: (vendor index, group); the
 * table's texts are shared, so @vendor_index maps one vendor id pointer to
 * its index (from 1) */
static gint64
vendor_group_key (SpOffersPage *self,
                  GHashTable   *vendor_index,
                  guint         row)
{
  gpointer vendor = (gpointer) sp_offer_table_get_vendor_id (self->table, row);
  gpointer index = g_hash_table_lookup (vendor_index, vendor);

  if (index == NULL)
    {
      index = GUINT_TO_POINTER (g_hash_table_size (vendor_index) + 1);
      g_hash_table_insert (vendor_index, vendor, index);
    }
  return ((gint64) GPOINTER_TO_UINT (index) << 32) | sp_offer_table_get_group (self->table, row);
}

/* The cheapest row per vendor and product among the shown rows of one kind
 * (*@kind, else the first shown row's: then set), cheapest first, at most
 * MAX_CHART_BARS; *@n_kind: how many shown rows of that kind have a price */
static GArray *
cheapest_rows (SpOffersPage *self,
               int          *kind,
               guint        *n_kind)
{
  guint n = self->result != NULL ? self->result->len : 0;
  g_autoptr(GHashTable) best = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) vendor_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 64);
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer value;

  *n_kind = 0;
  g_array_set_size (keys, n);
  for (guint i = 0; i < n; i++)
    {
      guint row = g_array_index (self->result, guint, i);
      SpMoney price = sp_offer_prices_get_normalized (self->prices, row);
      gint64 *key = &g_array_index (keys, gint64, i);
      gpointer prev;

      if (*kind < 0)
        *kind = sp_offer_table_get_kind (self->table, row);
      if ((int) sp_offer_table_get_kind (self->table, row) != *kind || price == SP_MONEY_UNKNOWN)
        continue;
      (*n_kind)++;
      *key = vendor_group_key (self, vendor_index, row);
      prev = g_hash_table_lookup (best, key);
      if (prev == NULL ||
          sp_money_compare_unknown_last (price,
                                         sp_offer_prices_get_normalized (self->prices,
                                                                         GPOINTER_TO_UINT (prev) - 1)) < 0)
        g_hash_table_insert (best, key, GUINT_TO_POINTER (row + 1));
    }
  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint row = GPOINTER_TO_UINT (value) - 1;
      g_array_append_val (bars, row);
    }
  g_array_sort_with_data (bars, compare_normalized, self);
  if (bars->len > MAX_CHART_BARS)
    g_array_set_size (bars, MAX_CHART_BARS);
  return bars;
}

/* The chart's bar for row @row, the @i-th cheapest; the texts and flags it
 * points to are added to @strings and @flags (which own them) */
static SpBarEntry
chart_entry (SpOffersPage *self,
             guint         row,
             guint         i,
             GPtrArray    *strings,
             GPtrArray    *flags)
{
  SpOfferFlags *row_flags = sp_offer_prices_dup_flags (self->prices, self->table, row);
  const char *group_label = sp_offer_table_get_group_label (self->table,
                                                            sp_offer_table_get_group (self->table, row));
  /* Translators: a bar's label in the price chart: vendor · product group */
  char *label = g_strdup_printf (_("%s · %s"), _sp_offers_page_vendor_label (self->table, row),
                                 group_label ? group_label : "");
  char *note = sp_offer_flags_short_text (row_flags);
  SpBarEntry entry = {
    .label = label,
    .value = sp_offer_prices_get_normalized (self->prices, row),
    .note = note,
    .flags = row_flags ? SP_BAR_FLAG_WARNING : (i == 0 ? SP_BAR_FLAG_CHEAPEST : 0),
  };

  if (row_flags != NULL)
    g_ptr_array_add (flags, row_flags);
  g_ptr_array_add (strings, label);
  if (note != NULL)
    g_ptr_array_add (strings, note);
  return entry;
}

static char *
chart_caption (guint n_bars,
               int   kind,
               guint n_kind)
{
  if (n_bars == 0)
    return g_strdup (_("No prices to chart in the current filter"));
  /* Translators: the chart's caption, e.g. "Cheapest price per card-hour of each
   * vendor and product: 8 bars from 23 offers" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Cheapest price per %s of each vendor and product: %u bar from %u offers",
                                       "Cheapest price per %s of each vendor and product: %u bars from %u offers",
                                       n_bars),
                          sp_format_unit (kind), n_bars, n_kind);
}

/* The chart of the cheapest row per vendor and product among the shown rows
 * of one kind (the filter's, else the first shown row's), cheapest first */
gboolean
_sp_offers_page_update_chart (gpointer user_data)
{
  SpOffersPage *self = user_data;
  SpPriceContext *ctx = _sp_offers_page_current_price_context ();
  g_autoptr(GArray) bars = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (SpBarEntry));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_offer_flags_free);
  g_autofree char *caption = NULL;
  int kind = self->kind;
  guint n_kind = 0;

  self->chart_idle = 0;
  if (ctx == NULL || !self->show_chart || self->prices == NULL)
    return G_SOURCE_REMOVE;

  bars = cheapest_rows (self, &kind, &n_kind);
  for (guint i = 0; i < bars->len; i++)
    {
      SpBarEntry entry = chart_entry (self, g_array_index (bars, guint, i), i, strings, flags);

      g_array_append_val (entries, entry);
    }
  sp_bar_chart_set_entries (self->chart, (SpBarEntry *) entries->data, entries->len,
                            sp_price_context_get_currency (ctx),
                            kind >= 0 ? sp_format_unit (kind) : "");
  caption = chart_caption (bars->len, kind, n_kind);
  gtk_label_set_label (self->chart_caption, caption);
  return G_SOURCE_REMOVE;
}

void
_sp_offers_page_schedule_chart_update (SpOffersPage *self)
{
  if (!self->show_chart || self->chart_idle != 0)
    return;
  self->chart_idle = g_timeout_add (80, _sp_offers_page_update_chart, self);
}

