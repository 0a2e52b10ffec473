/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-load.c — loading the Offers page: the catalog, the
 * engine's table (one SELECT through the store service), its prices and
 * the wallet
 * (see sp-offers-page.c) */
#include "config.h"

#define SP_OFFERS_PAGE_INTERNAL

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
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


/* -------------------------------------------------------------- loading */

/* What the store service read for the page (the table and the wallet,
 * two jobs queued together), handed to the pricing thread */
typedef struct {
  guint32         date;     /* of the wallet: today */
  guint           pending;  /* service jobs not back yet */
  SpOfferTable   *table;
  SpPriceContext *ctx;      /* a copy of the preferences' */
  SpWallet       *wallet;   /* NULL when it could not be read */
  GError         *error;    /* reading the catalog failed */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->table);
  g_clear_object (&data->ctx);
  g_clear_object (&data->wallet);
  g_clear_error (&data->error);
  g_free (data);
}

/* What the pricing thread hands over */
typedef struct {
  SpOfferTable   *table;
  SpOfferPrices  *prices;
  SpPriceContext *ctx;       /* what the prices were computed with */
  SpWallet       *wallet;    /* NULL when it could not be read */
  char           *fingerprint;
  gboolean        any_demo;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->table);
  g_clear_pointer (&loaded->prices, sp_offer_prices_unref);
  g_clear_object (&loaded->ctx);
  g_clear_object (&loaded->wallet);
  g_free (loaded->fingerprint);
  g_free (loaded);
}

/* Everything the voucher rules read from @wallet, as text: reading the
 * wallet again when the page is shown re-prices (and, sorted by After
 * Vouchers, re-sorts 100,000 offers) only when it changed. */
char *
_sp_offers_page_wallet_fingerprint (SpWallet *wallet)
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

/* The table's prices under the preferences and the wallet (After
 * Vouchers included: the engine sorts by it), off the main thread */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  Loaded *loaded = g_new0 (Loaded, 1);
  GError *error = NULL;
  guint n;

  loaded->table = g_steal_pointer (&data->table);
  loaded->ctx = g_object_ref (data->ctx);
  /* without the wallet the After Vouchers column stays empty, the catalog
   * still shows */
  loaded->wallet = g_steal_pointer (&data->wallet);
  loaded->prices = sp_offer_prices_compute (loaded->table, data->ctx, loaded->wallet, data->date,
                                            NULL, cancellable, &error);
  if (loaded->prices == NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  n = sp_offer_table_get_n_offers (loaded->table);
  for (guint row = 0; row < n && !loaded->any_demo; row++)
    loaded->any_demo = sp_offer_table_get_demo (loaded->table, row);
  loaded->fingerprint = _sp_offers_page_wallet_fingerprint (loaded->wallet);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

/* The offers list's overlay scrollbars appear with the offers, and
 * libadwaita gives scrollbars a 200 ms transition: ~12 more frames of the
 * whole window (each laid out and drawn again) after the first one with the
 * offers.  The scrollbars are shown for the first time without it
 * (style.css: scrollbar.sp-first-show), and get it back once that frame is
 * painted (the class is the scrollbars' own: taking one off the scrolled
 * window restyled its 3,000 cells, 10 ms). */
static void
set_first_show (GtkScrolledWindow *scrolled,
                gboolean           first)
{
  GtkWidget *bars[] = { gtk_scrolled_window_get_hscrollbar (scrolled),
                        gtk_scrolled_window_get_vscrollbar (scrolled) };

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    if (bars[i] != NULL && first)
      gtk_widget_add_css_class (bars[i], "sp-first-show");
    else if (bars[i] != NULL)
      gtk_widget_remove_css_class (bars[i], "sp-first-show");
}

static void
first_show_painted (GdkFrameClock     *clock,
                    GtkScrolledWindow *scrolled)
{
  g_signal_handlers_disconnect_by_func (clock, first_show_painted, scrolled);
  set_first_show (scrolled, FALSE);
}

static void
first_show_mapped (GtkWidget *scrolled)
{
  g_signal_handlers_disconnect_by_func (scrolled, first_show_mapped, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (scrolled), "after-paint",
                           G_CALLBACK (first_show_painted), scrolled, 0);
}

/* Before the list is shown for the first time (now, or when the page is
 * put in the window) */
static void
first_show_without_transitions (SpOffersPage *self)
{
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (self->column_view));

  if (!GTK_IS_SCROLLED_WINDOW (scrolled) || gtk_widget_get_mapped (scrolled) ||
      g_signal_handler_find (scrolled, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, first_show_mapped, NULL) != 0)
    return;
  set_first_show (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  g_signal_connect (scrolled, "map", G_CALLBACK (first_show_mapped), NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Loaded *loaded = NULL;
  SpOffersPage *self;
  guint n;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SP_OFFERS_PAGE (object);

  if (loaded == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not open the catalog: %s"), error->message);
      /* the description is markup; the message quotes a path */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      sp_offer_rows_reserve (self->rows_model, 0);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      _sp_offers_page_emit_error (self, msg);
      return;
    }

  n = sp_offer_table_get_n_offers (loaded->table);
  g_clear_pointer (&self->result, g_array_unref);
  g_set_object (&self->table, loaded->table);
  g_clear_pointer (&self->cache, sp_offer_cache_unref);
  self->cache = sp_offer_cache_new (self->table);
  g_hash_table_remove_all (self->full_offers);
  g_hash_table_remove_all (self->reading_back);
  g_clear_object (&self->wallet);
  self->wallet = g_steal_pointer (&loaded->wallet);
  g_free (self->wallet_fingerprint);
  self->wallet_fingerprint = g_steal_pointer (&loaded->fingerprint);
  self->wallet_date = ((LoadData *) g_task_get_task_data (G_TASK (result)))->date;
  _sp_offers_page_new_prices (self, g_steal_pointer (&loaded->prices), loaded->ctx);
  _sp_offers_page_restore_sort (self);
  _sp_offers_page_remember_vendors (self->table);
  _sp_offers_page_build_dropdowns (self);
  /* the columns' widths and those that give way, before the rows are
   * filled */
  _sp_offers_page_fit_now (self);
  _sp_offers_page_filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
  /* rows made ahead (reserve_rows ()) that the offers do not fill */
  sp_offer_rows_reserve (self->rows_model, 0);
  gtk_widget_set_visible (self->demo_notice, loaded->any_demo);
  if (n > 0)
    first_show_without_transitions (self);
  gtk_stack_set_visible_child_name (self->state_stack, n > 0 ? "offers" : "empty");
  loaded_free (loaded);
#ifdef __GLIBC__
  /* the loading threads' and the first query's scratch memory (freed) goes
   * back to the system (~4 MB at 1,000,000 offers; < 1 ms) */
  malloc_trim (0);
#endif
}

/* One of the two service jobs of a load came back; with both, the offers
 * are priced off the main thread. */
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

/* Either job of a load (told apart by the service's source tag) */
static void
load_part_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  SpStoreService *service = SP_STORE_SERVICE (source);
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (result, sp_store_service_load_wallet_async))
    {
      /* without the wallet the After Vouchers column stays empty, the
       * catalog still shows */
      data->wallet = sp_store_service_load_wallet_finish (service, result, &error);
      if (data->wallet == NULL)
        g_debug ("Could not read the wallet: %s", error->message);
    }
  else
    data->table = sp_store_service_load_offer_table_finish (service, result,
                                                            data->error == NULL ? &data->error : NULL);
  load_part_done (task);
}

/* --------------------------------------------------------------- wallet */

void
_sp_offers_page_wallet_cb (GObject      *object,
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
  fingerprint = _sp_offers_page_wallet_fingerprint (wallet);
  if (self->wallet_date == date && g_strcmp0 (self->wallet_fingerprint, fingerprint) == 0)
    return;  /* nothing the rules read has changed */
  had_vouchers = _sp_offers_page_wallet_has_vouchers (self);
  g_set_object (&self->wallet, wallet);
  g_free (self->wallet_fingerprint);
  self->wallet_fingerprint = g_steal_pointer (&fingerprint);
  self->wallet_date = date;
  /* the engine prices After Vouchers again, in a worker */
  if (had_vouchers || _sp_offers_page_wallet_has_vouchers (self))
    _sp_offers_page_reprice (self);
}

/* While the catalog loads (the reading and building threads at work, the
 * main thread idle), GTK makes the ~205 rows of cells its list keeps (GTK
 * 4.8 makes them for any list longer than that, whatever its height): on
 * empty positions, which the offers then fill in place (SpOfferRows), so
 * making them is off the way from reading to showing (35-80 ms at 100,000
 * offers).  Not for a catalog loaded before the page is on screen. */
#define RESERVED_ROWS 256

static gboolean
reserve_rows (gpointer data)
{
  SpOffersPage *self = data;

  self->reserve_idle = 0;
  if (!self->group_view && g_strcmp0 (sp_offers_page_get_state (self), "loading") == 0)
    sp_offer_rows_reserve (self->rows_model, RESERVED_ROWS);
  return G_SOURCE_REMOVE;
}

void
_sp_offers_page_root (GtkWidget *widget)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);

  GTK_WIDGET_CLASS (g_type_class_peek (GTK_TYPE_WIDGET))->root (widget);
  if (self->reserve_idle == 0 && g_strcmp0 (sp_offers_page_get_state (self), "loading") == 0)
    self->reserve_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reserve_rows, self, NULL);
}

void
_sp_offers_page_map (GtkWidget *widget)
{
  SpOffersPage *self = SP_OFFERS_PAGE (widget);

  GTK_WIDGET_CLASS (g_type_class_peek (GTK_TYPE_WIDGET))->map (widget);
  /* back from the Vouchers page (or the command line): read the wallet
   * again, unless the catalog (and the wallet with it) is being read */
  if (self->store_path != NULL && g_strcmp0 (sp_offers_page_get_state (self), "loading") != 0)
    sp_offers_page_reload_wallet (self);
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
  if (sp_application_follow_service (app, &self->service, self))
    {
      service = self->service;
      /* a refresh, a source removed, a restore: the catalog; a purchase,
       * a voucher: the prices after vouchers */
      g_signal_connect_swapped (service, "offers-changed", G_CALLBACK (on_offers_changed), self);
      g_signal_connect_swapped (service, "wallet-changed", G_CALLBACK (sp_offers_page_reload_wallet),
                                self);
    }
  service = self->service;

  if (self->settings == NULL)
    {
      self->settings = g_object_ref (sp_application_get_settings (app));
      g_signal_connect_after (self->settings, "changed", G_CALLBACK (_sp_offers_page_on_settings_changed), self);
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
  g_clear_pointer (&self->result, g_array_unref);
  g_ptr_array_set_size (self->search_cache, 0);
  sp_offer_list_set_rows (self->filter_model, NULL, NULL);
  sp_offer_list_set_rows (self->groups_list, NULL, NULL);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");

  /* the wallet is read with the catalog */
  g_cancellable_cancel (self->wallet_cancellable);
  g_clear_object (&self->wallet_cancellable);
  /* prices of the previous table are of no use */
  g_cancellable_cancel (self->prices_cancellable);
  g_clear_object (&self->prices_cancellable);

  data = g_new0 (LoadData, 1);
  data->date = sp_date_today ();
  data->pending = 2;
  data->ctx = _sp_offers_page_copy_price_context ();
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, sp_offers_page_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  sp_store_service_load_offer_table_async (service, self->cancellable, load_part_read,
                                           g_object_ref (task));
  sp_store_service_load_wallet_async (service, data->date, self->cancellable, load_part_read,
                                      g_steal_pointer (&task));
}

/* ------------------------------------------------------------ read back */

/* Offers read back whole from the store (compare, buy): the page holds
 * only the table's fields */
typedef struct {
  SpOffersPage *self;
  GPtrArray    *offers;   /* the table's, replaced one by one */
  guint         pending;
  ReadBackFunc  func;
} ReadBack;

typedef struct {
  ReadBack *rb;
  guint     index;
  guint     row;
} ReadBackPart;

static void
read_back_done (ReadBack *rb)
{
  if (--rb->pending > 0)
    return;
  if (rb->func != NULL)
    rb->func (rb->self, rb->offers);
  g_ptr_array_unref (rb->offers);
  g_object_unref (rb->self);
  g_free (rb);
}

static void
read_back_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadBackPart *part = user_data;
  ReadBack *rb = part->rb;
  SpOffersPage *self = rb->self;
  g_autoptr(GError) error = NULL;
  SpOffer *offer = sp_store_service_load_offer_finish (SP_STORE_SERVICE (source), result, &error);

  if (offer == NULL)
    {
      /* cancelled (a new catalog) or gone: no window for an old list */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rb->func = NULL;
      else
        g_debug ("Could not read the offer back: %s", error->message);
    }
  else
    {
      g_hash_table_insert (self->full_offers, GUINT_TO_POINTER (part->row), g_object_ref (offer));
      g_object_unref (g_ptr_array_index (rb->offers, part->index));
      g_ptr_array_index (rb->offers, part->index) = offer;
    }
  g_hash_table_remove (self->reading_back, GUINT_TO_POINTER (part->row));
  read_back_done (rb);
  g_free (part);
}

/* Reads @offers (the table's, of the current catalog) back whole, then
 * calls @func with them (those that could not be read stay as they are) */
void
_sp_offers_page_read_back (SpOffersPage *self,
                           GPtrArray    *offers,
                           ReadBackFunc  func)
{
  ReadBack *rb = g_new0 (ReadBack, 1);

  rb->self = g_object_ref (self);
  rb->offers = g_ptr_array_new_with_free_func (g_object_unref);
  rb->func = func;
  rb->pending = 1;
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      guint row;
      SpOffer *full;

      g_ptr_array_add (rb->offers, g_object_ref (offer));
      if (self->service == NULL || self->cache == NULL || !sp_offer_cache_row_of (self->cache, offer, &row))
        continue;
      full = g_hash_table_lookup (self->full_offers, GUINT_TO_POINTER (row));
      if (full != NULL)
        {
          g_object_unref (g_ptr_array_index (rb->offers, i));
          g_ptr_array_index (rb->offers, i) = g_object_ref (full);
          continue;
        }
      {
        ReadBackPart *part = g_new0 (ReadBackPart, 1);

        part->rb = rb;
        part->index = i;
        part->row = row;
        rb->pending++;
        sp_store_service_load_offer_async (self->service, sp_offer_get_source (offer),
                                           sp_offer_get_id (offer), self->cancellable,
                                           read_back_cb, part);
      }
    }
  read_back_done (rb);
}

SpOffer *
_sp_offers_page_peek_full (SpOffersPage *self,
                           guint         row)
{
  SpOffer *full = g_hash_table_lookup (self->full_offers, GUINT_TO_POINTER (row));
  g_autoptr(GPtrArray) one = NULL;

  if (full != NULL || self->cache == NULL ||
      g_hash_table_contains (self->reading_back, GUINT_TO_POINTER (row)))
    return full;
  /* a few hundred whole offers at most (tooltips hovered, windows opened) */
  if (g_hash_table_size (self->full_offers) > 256)
    g_hash_table_remove_all (self->full_offers);
  g_hash_table_add (self->reading_back, GUINT_TO_POINTER (row));
  one = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (one, sp_offer_cache_get (self->cache, row));
  _sp_offers_page_read_back (self, one, NULL);
  return NULL;
}

SpOffer *
sp_offers_page_peek_full_offer (SpOffersPage *self,
                                SpOffer      *offer)
{
  guint row;

  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);

  if (self->cache == NULL || !sp_offer_cache_row_of (self->cache, offer, &row))
    return NULL;
  return _sp_offers_page_peek_full (self, row);
}

/* -------------------------------------------------------------- prices */

/* Takes @prices, computed with @ctx, as the page's: the warnings asked
 * for so far go with the old ones. */
void
_sp_offers_page_new_prices (SpOffersPage   *self,
                            SpOfferPrices  *prices,
                            SpPriceContext *ctx)
{
  g_clear_pointer (&self->prices, sp_offer_prices_unref);
  self->prices = prices;
  g_hash_table_remove_all (self->flags);
  _sp_offers_page_set_shown_price_context (ctx);
}

static void
repriced (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SpOffersPage *self = user_data;
  g_autoptr(GError) error = NULL;
  SpOfferPrices *prices = sp_offer_prices_reprice_finish (result, &error);

  if (prices == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;  /* a newer run took over, or the page is gone */
      g_warning ("Could not price the offers: %s", error->message);
      g_clear_object (&self->prices_cancellable);
      return;
    }
  g_clear_object (&self->prices_cancellable);
  _sp_offers_page_new_prices (self, prices, self->pricing_ctx);
  /* re-sort and re-filter (the engine's order follows the prices), then
   * re-fill the cells in place */
  _sp_offers_page_filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
  _sp_offers_page_refill_cells (self);
  /* prices after vouchers have new widths */
  _sp_offers_page_schedule_fit (self);
}

/* The preferences (currency, rate, token mix) or the wallet changed: the
 * engine prices the table again in a worker, After Vouchers included (a
 * newer change cancels an older one), and the rows follow when it is
 * done. */
void
_sp_offers_page_reprice (SpOffersPage *self)
{
  g_autoptr(SpPriceContext) ctx = _sp_offers_page_copy_price_context ();

  if (self->table == NULL)
    return;
  g_set_object (&self->pricing_ctx, ctx);
  sp_offer_prices_reprice_async (self->table, ctx, self->wallet, self->wallet_date,
                                 &self->prices_cancellable, repriced, self);
}
