/* sp-offers-page.c — the Offers page: the catalog on one price scale */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-offers-page.h"

struct _SpOffersPage
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkStack       *state_stack;
  GtkWidget      *demo_notice;
  GtkColumnView  *column_view;
  AdwStatusPage  *error_page;

  /* owned */
  GListStore     *offers;
  GCancellable   *cancellable;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SpOffersPage, sp_offers_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- cells */

static SpPriceContext *
current_price_context (void)
{
  GApplication *app = g_application_get_default ();

  if (SP_IS_APPLICATION (app))
    return sp_application_get_price_context (SP_APPLICATION (app));
  return NULL;
}

static gboolean
ui_is_chinese (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "zh");
}

static char *
offer_vendor_label (gpointer  this_,
                    SpOffer  *offer)
{
  const char *zh;

  if (offer == NULL)
    return NULL;
  /* Prefer the vendor's Chinese name when the UI is in Chinese. */
  zh = sp_offer_get_vendor_name_zh (offer);
  if (zh != NULL && ui_is_chinese ())
    return g_strdup (zh);
  return g_strdup (sp_offer_get_vendor_name (offer));
}

static char *
offer_name_label (gpointer  this_,
                  SpOffer  *offer)
{
  return offer ? g_strdup (sp_offer_get_name (offer)) : NULL;
}

static char *
offer_spec_label (gpointer  this_,
                  SpOffer  *offer)
{
  return offer ? sp_offer_dup_spec_summary (offer) : NULL;
}

static char *
offer_region_label (gpointer  this_,
                    SpOffer  *offer)
{
  return offer && sp_offer_get_region (offer) ? g_strdup (sp_offer_get_region (offer))
                                              : g_strdup ("—");
}

static const char *
billing_label (SpBilling billing)
{
  switch (billing)
    {
    case SP_BILLING_ON_DEMAND:
      return _("On demand");
    case SP_BILLING_SPOT:
      return _("Spot");
    case SP_BILLING_RESERVED:
      return _("Monthly / yearly");
    case SP_BILLING_PREPAID:
      return _("Prepaid pack");
    case SP_BILLING_UNKNOWN:
    default:
      return "—";
    }
}

static char *
offer_billing_label (gpointer  this_,
                     SpOffer  *offer)
{
  return offer ? g_strdup (billing_label (sp_offer_get_billing (offer))) : NULL;
}

static const char *
unit_label (SpOfferKind kind)
{
  switch (kind)
    {
    case SP_OFFER_KIND_GPU:
      return _("card-hour");
    case SP_OFFER_KIND_CPU:
      return _("core-hour");
    case SP_OFFER_KIND_TOKENS:
    default:
      return _("1M tokens");
    }
}

static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "CNY") == 0)
    return "¥";
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  return NULL;
}

static char *
format_price (SpMoney     value,
              const char *currency)
{
  const char *symbol = currency_symbol (currency);
  g_autofree char *amount = NULL;

  if (value == SP_MONEY_UNKNOWN)
    return g_strdup (_("unknown"));
  amount = sp_money_to_string (value, 2);
  if (symbol != NULL)
    return g_strdup_printf ("%s%s", symbol, amount);
  return g_strdup_printf ("%s %s", amount, currency);
}

static char *
offer_list_price_label (gpointer  this_,
                        SpOffer  *offer)
{
  g_autofree char *price = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;

  if (offer == NULL)
    return NULL;
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      input = format_price (sp_offer_get_input_price (offer), sp_offer_get_currency (offer));
      output = format_price (sp_offer_get_output_price (offer), sp_offer_get_currency (offer));
      /* Translators: token prices, input / output per 1M tokens */
      return g_strdup_printf (_("%s in / %s out"), input, output);
    }
  price = format_price (sp_offer_get_price (offer), sp_offer_get_currency (offer));
  /* Translators: a price per unit, e.g. "$2.50 / card-hour" */
  return g_strdup_printf (_("%s / %s"), price, unit_label (sp_offer_get_kind (offer)));
}

static char *
offer_normalized_label (gpointer  this_,
                        SpOffer  *offer)
{
  SpPriceContext *ctx = current_price_context ();
  g_autofree char *price = NULL;

  if (offer == NULL || ctx == NULL)
    return NULL;
  price = format_price (sp_price_context_normalize (ctx, offer, SP_PRICE_MAIN),
                        sp_price_context_get_currency (ctx));
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    /* Translators: blended price per 1M tokens (input and output mixed) */
    return g_strdup_printf (_("%s / 1M tokens (blended)"), price);
  return g_strdup_printf (_("%s / %s"), price, unit_label (sp_offer_get_kind (offer)));
}

static char *
offer_effective_label (gpointer  this_,
                       SpOffer  *offer)
{
  /* Filled in once vouchers exist: the price after the user's vouchers. */
  return g_strdup ("—");
}

/* -------------------------------------------------------------- loading */

typedef struct {
  char *path;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  GPtrArray *offers;

  store = sp_store_open (data->path, &error);
  if (store == NULL || !sp_core_seed_demo (store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  offers = sp_store_load_offers (store, &error);
  if (offers == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, offers, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  SpOffersPage *self;
  SpOfferQuery query = { .sort = SP_OFFER_SORT_PRICE };
  gboolean any_demo = FALSE;

  offers = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SP_OFFERS_PAGE (object);

  if (offers == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not open the catalog: %s"), error->message);

      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, msg);
      return;
    }

  /* GPU first, then CPU, then tokens; cheapest first within a kind */
  for (int kind = SP_OFFER_KIND_GPU; kind <= SP_OFFER_KIND_TOKENS; kind++)
    {
      query.filter_kind = TRUE;
      query.kind = kind;
      sorted = sp_offer_query_run (offers, &query, current_price_context ());
      for (guint i = 0; i < sorted->len; i++)
        {
          SpOffer *offer = g_ptr_array_index (sorted, i);
          any_demo |= sp_offer_get_demo (offer);
          g_list_store_append (self->offers, offer);
        }
      g_clear_pointer (&sorted, g_ptr_array_unref);
    }

  gtk_widget_set_visible (self->demo_notice, any_demo);
  gtk_stack_set_visible_child_name (self->state_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->offers)) > 0
                                    ? "offers" : "empty");
}

static void
on_settings_changed (GSettings    *settings,
                     const char   *key,
                     SpOffersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->offers));

  /* The application updates its price context in its own handler, which
   * runs before this one (connected after): re-bind the rows so normalized
   * prices follow the preferences. */
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->offers), 0, n, n);
}

/* ------------------------------------------------------------- GObject */

static void
sp_offers_page_dispose (GObject *object)
{
  SpOffersPage *self = SP_OFFERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_OFFERS_PAGE);
  g_clear_object (&self->offers);

  G_OBJECT_CLASS (sp_offers_page_parent_class)->dispose (object);
}

static void
sp_offers_page_class_init (SpOffersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_offers_page_dispose;

  /**
   * SpOffersPage::error:
   * @message: what went wrong, in plain words
   */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SP_TYPE_OFFER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-offers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, demo_notice);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SpOffersPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, offer_vendor_label);
  gtk_widget_class_bind_template_callback (widget_class, offer_name_label);
  gtk_widget_class_bind_template_callback (widget_class, offer_spec_label);
  gtk_widget_class_bind_template_callback (widget_class, offer_region_label);
  gtk_widget_class_bind_template_callback (widget_class, offer_billing_label);
  gtk_widget_class_bind_template_callback (widget_class, offer_list_price_label);
  gtk_widget_class_bind_template_callback (widget_class, offer_normalized_label);
  gtk_widget_class_bind_template_callback (widget_class, offer_effective_label);
}

static void
sp_offers_page_init (SpOffersPage *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  self->offers = g_list_store_new (SP_TYPE_OFFER);
  gtk_widget_init_template (GTK_WIDGET (self));

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->offers)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

void
sp_offers_page_load (SpOffersPage  *self,
                     SpApplication *app)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (SP_IS_OFFERS_PAGE (self));
  g_return_if_fail (SP_IS_APPLICATION (app));

  if (self->settings == NULL)
    {
      self->settings = g_object_ref (sp_application_get_settings (app));
      g_signal_connect_after (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_list_store_remove_all (self->offers);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (sp_application_get_store_path (app));
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, sp_offers_page_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

GListModel *
sp_offers_page_get_model (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->offers);
}

const char *
sp_offers_page_get_state (SpOffersPage *self)
{
  g_return_val_if_fail (SP_IS_OFFERS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}
