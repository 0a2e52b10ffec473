/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-load.c — loading the Offers page: the catalog, the
 * engine's table and prices (through the store service) and the wallet
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


static void
shared_group_free (gpointer data)
{
  SharedGroup *group = data;

  g_free (group->id);
  g_free (group->label);
  g_free (group);
}


static StringPool *
string_pool_new (void)
{
  StringPool *pool = g_new0 (StringPool, 1);

  pool->groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, shared_group_free);
  return pool;
}

void
_sp_offers_page_string_pool_free (StringPool *pool)
{
  if (pool == NULL)
    return;
  _sp_offers_page_string_pool_free (pool->next);
  g_hash_table_unref (pool->groups);
  g_free (pool);
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
  SpPriceContext *ctx;       /* what the prices were computed with */
  guint         *row_offer;
  SpWallet      *wallet;     /* NULL when it could not be read */
  char          *fingerprint;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  if (loaded->infos != NULL)
    g_free (loaded->infos);
  _sp_offers_page_string_pool_free (loaded->pool);
  g_ptr_array_unref (loaded->offers);
  g_clear_object (&loaded->table);
  g_clear_pointer (&loaded->prices, sp_offer_prices_unref);
  g_clear_object (&loaded->ctx);
  g_free (loaded->row_offer);
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
    _sp_offers_page_offer_info_fill (g_ptr_array_index (part->offers, i), &part->infos[i], i, part->pool);
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
  loaded->ctx = g_object_ref (data->ctx);
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
  loaded->fingerprint = _sp_offers_page_wallet_fingerprint (loaded->wallet);
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
      _sp_offers_page_emit_error (self, msg);
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
  _sp_offers_page_set_shown_price_context (loaded->ctx);
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
  _sp_offers_page_refresh_prices (self, offers);
  _sp_offers_page_restore_sort (self);
  _sp_offers_page_remember_vendors (offers);
  _sp_offers_page_build_dropdowns (self);
  /* sorts, then filters (_sp_offers_page_resort ()) */
  sp_offer_list_set (self->offers, (SpOffer * const *) offers->pdata, offers->len);
  _sp_offers_page_filter_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
  _sp_offers_page_schedule_fit (self);
  if (old_infos != NULL)
    g_free (old_infos);
  _sp_offers_page_string_pool_free (old_pool);
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
  if (n > 0 && _sp_offers_page_probe_sort (self, &column, &descending) && column == COL_EFFECTIVE)
    {
      /* re-sorts, re-filters, re-fills */
      g_list_model_items_changed (G_LIST_MODEL (self->offers), 0, n, n);
      if (self->group_view)
        _sp_offers_page_rebuild_groups (self);
    }
  _sp_offers_page_refill_cells (self);
  /* prices after vouchers have new widths */
  _sp_offers_page_schedule_fit (self);
}

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
  if (had_vouchers || _sp_offers_page_wallet_has_vouchers (self))
    effective_changed (self);
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
  /* empties the shown list too (_sp_offers_page_resort ()) */
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
  data->ctx = _sp_offers_page_copy_price_context ();
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
