/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-cells.c — the Offers page's cells (text, tooltips,
 * warnings, prices after vouchers; see sp-offers-page.c) */
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


/* The price context the shown prices were computed with: while a change of
 * the preferences is being re-priced in a worker, the rows and the chart
 * keep the old figures in the old currency (never old figures under the new
 * currency's sign). */
static SpPriceContext *shown_ctx;

static SpPriceContext *
preferences_price_context (void)
{
  GApplication *app = g_application_get_default ();

  if (SP_IS_APPLICATION (app))
    return sp_application_get_price_context (SP_APPLICATION (app));
  return NULL;
}

/* -------------------------------------------------------------- helpers */

SpPriceContext *
_sp_offers_page_current_price_context (void)
{
  return shown_ctx != NULL ? shown_ctx : preferences_price_context ();
}

void
_sp_offers_page_set_shown_price_context (SpPriceContext *ctx)
{
  g_set_object (&shown_ctx, ctx);
}

/* The preferences' price context, for a worker */
SpPriceContext *
_sp_offers_page_copy_price_context (void)
{
  SpPriceContext *ctx = preferences_price_context ();

  return ctx != NULL ? sp_price_context_copy (ctx) : sp_price_context_new ();
}

/* The vendor's name as the page shows it (sp_format_vendor () for a row
 * of the table) */
const char *
_sp_offers_page_vendor_label (SpOfferTable *table,
                              guint         row)
{
  const char *id = sp_offer_table_get_vendor_id (table, row);
  const char *en, *zh;

  if (id != NULL && sp_vendor_lookup (id, &en, &zh))
    return zh != NULL && sp_format_ui_is_chinese () ? zh : en;
  zh = sp_offer_table_get_vendor_name_zh (table, row);
  if (zh != NULL && sp_format_ui_is_chinese ())
    return zh;
  return sp_offer_table_get_vendor_name (table, row);
}

gboolean
_sp_offers_page_item_row (SpOffersPage *self,
                          gpointer      item,
                          guint        *row)
{
  if (item == NULL || self->table == NULL || self->cache == NULL)
    return FALSE;
  if (SP_IS_OFFER_ROW (item))
    {
      *row = sp_offer_list_get_row (self->filter_model, sp_offer_row_get_position (item));
      return *row != G_MAXUINT;
    }
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (item);

      return SP_IS_OFFER (inner) && sp_offer_cache_row_of (self->cache, SP_OFFER (inner), row);
    }
  return SP_IS_OFFER (item) && sp_offer_cache_row_of (self->cache, item, row);
}

const SpOfferFlags *
_sp_offers_page_row_flags (SpOffersPage *self,
                           guint         row)
{
  SpOfferFlags *flags;

  if (self->prices == NULL || sp_offer_prices_get_flags (self->prices, row) == SP_OFFER_FLAG_NONE)
    return NULL;
  /* with their reasons, made for the rows asked about (until new prices) */
  if (!g_hash_table_lookup_extended (self->flags, GUINT_TO_POINTER (row), NULL, (gpointer *) &flags))
    {
      flags = sp_offer_prices_dup_flags (self->prices, self->table, row);
      g_hash_table_insert (self->flags, GUINT_TO_POINTER (row), flags);
    }
  return flags;
}

GHashTable *
_sp_offers_page_flags_table (SpOffersPage *self,
                             GPtrArray    *offers)
{
  GHashTable *table = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                             (GDestroyNotify) sp_offer_flags_free);

  for (guint i = 0; self->cache != NULL && i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      guint row;

      if (sp_offer_cache_row_of (self->cache, offer, &row) && self->prices != NULL &&
          sp_offer_prices_get_flags (self->prices, row) != SP_OFFER_FLAG_NONE)
        g_hash_table_insert (table, g_object_ref (offer),
                             sp_offer_prices_dup_flags (self->prices, self->table, row));
    }
  return table;
}

gboolean
_sp_offers_page_wallet_has_vouchers (SpOffersPage *self)
{
  return self->wallet != NULL && sp_wallet_get_vouchers (self->wallet)->len > 0;
}

SpMoney
_sp_offers_page_row_effective (SpOffersPage *self,
                               guint         row,
                               gboolean     *saves)
{
  SpMoney normalized, after;

  if (saves != NULL)
    *saves = FALSE;
  if (self->prices == NULL)
    return SP_MONEY_UNKNOWN;
  normalized = sp_offer_prices_get_normalized (self->prices, row);
  if (!_sp_offers_page_wallet_has_vouchers (self))
    return normalized;
  /* the engine's figure (sp_offer_unit_after_vouchers ()), computed with the wallet */
  after = sp_offer_prices_get_after_vouchers (self->prices, row);
  if (saves != NULL)
    *saves = after != SP_MONEY_UNKNOWN && normalized != SP_MONEY_UNKNOWN && after < normalized;
  return after;
}

static gboolean
item_is_group_root (gpointer item)
{
  return GTK_IS_TREE_LIST_ROW (item) && gtk_tree_list_row_get_depth (item) == 0;
}

/* ---------------------------------------------------------------- cells */

/* Every cell reads its row of the table and the prices (no offer object),
 * but the product's details and the After Vouchers explanation, which
 * take the offer (read back whole once asked for). */

static char *
offer_warning_label (SpOffersPage *self,
                     guint         row,
                     GObject      *item)
{
  return sp_offer_flags_short_text (_sp_offers_page_row_flags (self, row));
}

static char *
offer_warning_tooltip (SpOffersPage *self,
                       guint         row,
                       GObject      *item)
{
  const SpOfferFlags *flags = _sp_offers_page_row_flags (self, row);
  g_autofree char *headline = NULL;
  g_autofree char *reasons = NULL;

  if (flags == NULL)
    return NULL;
  headline = sp_offer_flags_short_text (flags);
  reasons = sp_offer_flags_reasons (flags);
  if (reasons == NULL || *reasons == '\0')
    return g_steal_pointer (&headline);
  return g_strdup_printf ("%s\n\n%s", headline, reasons);
}

static char *
offer_vendor_label (SpOffersPage *self,
                    guint         row,
                    GObject      *item)
{
  return g_strdup (_sp_offers_page_vendor_label (self->table, row));
}

static char *
offer_group_label (SpOffersPage *self,
                   guint         row,
                   GObject      *item)
{
  guint group = sp_offer_table_get_group (self->table, row);
  guint size = GPOINTER_TO_UINT (g_hash_table_lookup (self->group_sizes, GUINT_TO_POINTER (group)));
  const char *label = sp_offer_table_get_group_label (self->table, group);

  if (!item_is_group_root (item))
    return NULL;
  /* Translators: a group of equivalent offers, e.g. "H100 SXM 80 GB (6 offers)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u offer)", "%s (%u offers)", size),
                          label ? label : "", size);
}

static char *
offer_name_label (SpOffersPage *self,
                  guint         row,
                  GObject      *item)
{
  return g_strdup (sp_offer_table_get_name (self->table, row));
}

/* The offer to explain: read back whole when it is in, else (the reading
 * starts) the table's fields */
static SpOffer *
explained_offer (SpOffersPage *self,
                 guint         row)
{
  SpOffer *full = _sp_offers_page_peek_full (self, row);

  return full != NULL ? g_object_ref (full) : sp_offer_cache_get (self->cache, row);
}

/* the name, where its price comes from, its tiers and conditional prices */
static char *
offer_name_tooltip (SpOffersPage *self,
                    guint         row,
                    GObject      *item)
{
  g_autoptr(SpOffer) offer = explained_offer (self, row);

  return offer ? sp_format_offer_details (offer) : NULL;
}

static char *
offer_spec_label (SpOffersPage *self,
                  guint         row,
                  GObject      *item)
{
  return g_strdup (sp_offer_table_get_spec (self->table, row));
}

static char *
offer_region_label (SpOffersPage *self,
                    guint         row,
                    GObject      *item)
{
  const char *region = sp_offer_table_get_region (self->table, row);

  return g_strdup (region ? region : "—");
}

static char *
offer_billing_label (SpOffersPage *self,
                     guint         row,
                     GObject      *item)
{
  return g_strdup (sp_format_billing (sp_offer_table_get_billing (self->table, row)));
}

static char *
offer_list_price_label (SpOffersPage *self,
                        guint         row,
                        GObject      *item)
{
  SpOfferKind kind = sp_offer_table_get_kind (self->table, row);
  const char *currency = sp_offer_table_get_currency (self->table, row);
  g_autofree char *price = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;

  if (kind == SP_OFFER_KIND_TOKENS)
    {
      input = sp_format_money (sp_offer_table_get_input_price (self->table, row), currency);
      output = sp_format_money (sp_offer_table_get_output_price (self->table, row), currency);
      /* Translators: token prices, input / output per 1M tokens */
      return g_strdup_printf (_("%s in / %s out"), input, output);
    }
  price = sp_format_money (sp_offer_table_get_price (self->table, row), currency);
  /* Translators: a price per unit, e.g. "$2.50 / card-hour" */
  return g_strdup_printf (_("%s / %s"), price, sp_format_unit (kind));
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
offer_normalized_label (SpOffersPage *self,
                        guint         row,
                        GObject      *item)
{
  SpPriceContext *ctx = _sp_offers_page_current_price_context ();

  if (ctx == NULL || self->prices == NULL)
    return NULL;
  return format_per_unit (sp_offer_prices_get_normalized (self->prices, row),
                          sp_offer_table_get_kind (self->table, row), ctx);
}

static char *
offer_normalized_tooltip (SpOffersPage *self,
                          guint         row,
                          GObject      *item)
{
  SpPriceContext *ctx = _sp_offers_page_current_price_context ();
  g_autofree char *label = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  guint mix_in = 0, mix_out = 0;

  if (ctx == NULL || self->prices == NULL)
    return NULL;
  label = offer_normalized_label (self, row, item);
  if (sp_offer_table_get_kind (self->table, row) != SP_OFFER_KIND_TOKENS)
    return g_steal_pointer (&label);
  input = sp_format_money (sp_offer_prices_get_input (self->prices, row), sp_price_context_get_currency (ctx));
  output = sp_format_money (sp_offer_prices_get_output (self->prices, row), sp_price_context_get_currency (ctx));
  sp_price_context_get_mix (ctx, &mix_in, &mix_out);
  /* Translators: tooltip of a blended token price; the last numbers are the
   * input:output mix from Preferences */
  return g_strdup_printf (_("%s\nInput %s, output %s per 1M tokens, mixed %u:%u"),
                          label, input, output, mix_in, mix_out);
}

/* The normalized input or output price per 1M tokens; "—" for GPU and CPU */
static char *
token_price_label (SpOffersPage *self,
                   guint         row,
                   gboolean      output)
{
  SpPriceContext *ctx = _sp_offers_page_current_price_context ();

  if (ctx == NULL || self->prices == NULL)
    return NULL;
  if (sp_offer_table_get_kind (self->table, row) != SP_OFFER_KIND_TOKENS)
    return g_strdup ("—");
  return sp_format_money (output ? sp_offer_prices_get_output (self->prices, row)
                                 : sp_offer_prices_get_input (self->prices, row),
                          sp_price_context_get_currency (ctx));
}

static char *
offer_input_label (SpOffersPage *self,
                   guint         row,
                   GObject      *item)
{
  return token_price_label (self, row, FALSE);
}

static char *
offer_output_label (SpOffersPage *self,
                    guint         row,
                    GObject      *item)
{
  return token_price_label (self, row, TRUE);
}

/* One unit with the proposed vouchers; the price, dimmed, when none
 * applies; "—" while the wallet is empty */
static char *
offer_effective_label (SpOffersPage *self,
                       guint         row,
                       GObject      *item)
{
  SpPriceContext *ctx = _sp_offers_page_current_price_context ();
  SpMoney effective;

  if (ctx == NULL || self->prices == NULL)
    return NULL;
  if (!_sp_offers_page_wallet_has_vouchers (self))
    return g_strdup ("—");
  effective = _sp_offers_page_row_effective (self, row, NULL);
  if (effective == SP_MONEY_UNKNOWN)
    return g_strdup ("—");
  return format_per_unit (effective, sp_offer_table_get_kind (self->table, row), ctx);
}

static char *
offer_effective_tooltip (SpOffersPage *self,
                         guint         row,
                         GObject      *item)
{
  SpPriceContext *ctx = _sp_offers_page_current_price_context ();
  g_autoptr(SpBreakdown) breakdown = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOffer) offer = NULL;
  gboolean saves = FALSE;

  if (ctx == NULL)
    return NULL;
  if (!_sp_offers_page_wallet_has_vouchers (self))
    return g_strdup (_("The price after your vouchers appears here once you add vouchers"));
  _sp_offers_page_row_effective (self, row, &saves);
  if (!saves)
    return g_strdup (_("No voucher applies"));
  /* the explanation is worked out again when asked for (one offer) */
  offer = explained_offer (self, row);
  breakdown = sp_offer_propose_unit (self->wallet, offer, ctx, self->wallet_date, NULL, &error);
  if (breakdown == NULL)
    return g_strdup (error->message);
  return sp_effective_price_explain (breakdown, offer);
}

static char *
offer_freshness_label (SpOffersPage *self,
                       guint         row,
                       GObject      *item)
{
  return sp_format_age (sp_offer_table_get_fetched_at (self->table, row),
                        g_get_real_time () / G_USEC_PER_SEC);
}

static char *
offer_freshness_tooltip (SpOffersPage *self,
                         guint         row,
                         GObject      *item)
{
  gint64 fetched_at = sp_offer_table_get_fetched_at (self->table, row);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (fetched_at <= 0)
    return NULL;
  when = g_date_time_new_from_unix_local (fetched_at);
  if (when == NULL)
    return NULL;
  date = g_date_time_format (when, "%Y-%m-%d %H:%M");
  /* Translators: when the price was read from the vendor's catalog */
  return g_strdup_printf (_("Price read on %s"), date);
}

/* Cells are built in code (signal factories): rows come and go with every
 * keystroke, and GtkBuilder templates per cell cost ~3 ms a row. */

typedef char *(*CellText) (SpOffersPage *self, guint row, GObject *item);

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
  guint row;

  if (key == NULL || !_sp_offers_page_item_row (key->self, item, &row))
    return NULL;
  if (key->column == COL_EFFECTIVE)
    {
      gboolean saves = FALSE;

      /* dimmed: no voucher lowers this price */
      _sp_offers_page_row_effective (key->self, row, &saves);
      *dim = !saves;
    }
  return cells[key->column].text (key->self, row, item);
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
  guint row;

  if (list_item == NULL ||
      !_sp_offers_page_item_row (key->self, gtk_list_item_get_item (list_item), &row))
    return FALSE;
  text = cells[key->column].tooltip (key->self, row, gtk_list_item_get_item (list_item));
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The column of @list_item's cell, and its tooltip (asked for when shown) */
static void
cell_set_key (GtkListItem *list_item,
              SortKey     *key)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (list_item), "sp-key", key);
  g_object_set_data (G_OBJECT (child), "sp-list-item", list_item);
  gtk_widget_set_has_tooltip (child, TRUE);
  g_signal_connect (child, "query-tooltip", G_CALLBACK (cell_query_tooltip), key);
}

void
_sp_offers_page_cell_setup (GtkSignalListItemFactory *factory,
                            GtkListItem              *list_item,
                            SortKey                  *key)
{
  GtkWidget *label;

  if (key->column == COL_WARNINGS)
    {
      GtkWidget *image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      /* an icon alone (GTK 4.8 keeps ~200 rows of cells: every widget a
       * cell saves is 200 fewer): the warnings in words are its tooltip
       * (and in the comparison window), so no column width cuts them */
      gtk_widget_add_css_class (image, "warning");
      gtk_widget_set_hexpand (image, TRUE);
      gtk_widget_set_halign (image, GTK_ALIGN_CENTER);
      gtk_list_item_set_child (list_item, image);
      cell_set_key (list_item, key);
      return;
    }
  label = sp_text_cell_new (cells[key->column].xalign, cell_width_chars[key->column]);
  if (key->tree)
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
  g_object_set_data (G_OBJECT (list_item), "sp-cell", label);
  sp_text_cell_set_text_func (SP_TEXT_CELL (label), cell_text, list_item);
  if (!key->tree)
    sp_text_cell_set_layout_cache (SP_TEXT_CELL (label), key->self->layout_caches[key->column]);
  cell_set_key (list_item, key);
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
      GtkWidget *image = child;
      guint row;
      gboolean warns = _sp_offers_page_item_row (key->self, item, &row) &&
                       _sp_offers_page_row_flags (key->self, row) != NULL;

      gtk_widget_set_visible (image, warns);
      if (warns)
        {
          /* the icon says its warnings to screen readers */
          g_autofree char *text = offer_warning_label (key->self, row, item);

          gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
        }
    }
  else if (key->tree)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child),
                                    GTK_IS_TREE_LIST_ROW (item) ? GTK_TREE_LIST_ROW (item) : NULL);
  /* the text is asked for when the cell is drawn */
  if (label != NULL)
    sp_text_cell_invalidate (SP_TEXT_CELL (label));
}

void
_sp_offers_page_cell_bind (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           SortKey                  *key)
{
  g_hash_table_add (key->self->bound_items, list_item);
  cell_fill (list_item, key);
}

void
_sp_offers_page_cell_teardown (GtkSignalListItemFactory *factory,
                               GtkListItem              *list_item,
                               SortKey                  *key)
{
  g_hash_table_remove (key->self->bound_items, list_item);
}

/* The offers behind the stable rows changed: re-fill what is on screen. */
void
_sp_offers_page_refill_cells (SpOffersPage *self)
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    cell_fill (list_item, g_object_get_data (list_item, "sp-key"));
}

void
_sp_offers_page_cell_unbind (GtkSignalListItemFactory *factory,
                             GtkListItem              *list_item,
                             SortKey                  *key)
{
  g_hash_table_remove (key->self->bound_items, list_item);
  if (key->tree)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* The text of @column's cell for @row outside the table (measuring) */
char *
_sp_offers_page_cell_text (SpOffersPage *self,
                           Column        column,
                           guint         row)
{
  return cells[column].text (self, row, NULL);
}
