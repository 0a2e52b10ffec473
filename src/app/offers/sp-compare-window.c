/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-compare-window.c — 2 to 4 offers side by side
 *
 * One column per offer, one row per spec field, aligned: rows where every
 * offer is unknown are left out, rows whose values differ are highlighted,
 * the cheapest offer (normalized price, offers of one kind) is marked with a
 * "Cheapest" badge — text, not colour alone.  The last row is each offer's
 * price history as a sparkline, read from the store in a worker thread. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-compare-window.h"
#include "sp-format.h"
#include "sp-labels.h"
#include "sp-sparkline.h"
#include "sp-suspicious.h"

struct _SpCompareWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  GtkGrid         *grid;

  /* owned */
  GPtrArray       *offers;       /* SpOffer */
  GHashTable      *flags;        /* SpOffer* → SpOfferFlags* (may be NULL) */
  SpPriceContext  *ctx;
  GCancellable    *cancellable;
  GPtrArray       *headers;      /* GtkWidget (borrowed: children of grid) */
  GPtrArray       *sparklines;   /* SpSparkline (borrowed) */
  GHashTable      *differs;      /* row id → GINT_TO_POINTER (differs + 1) */
  int              cheapest;
  int              next_row;
  gboolean         history_loaded;
};

G_DEFINE_FINAL_TYPE (SpCompareWindow, sp_compare_window, ADW_TYPE_WINDOW)

typedef char *(*ValueFunc) (SpCompareWindow *self, SpOffer *offer);

typedef struct {
  const char *id;
  const char *label;   /* N_() */
  ValueFunc   value;
} RowSpec;

/* -------------------------------------------------------------- values */

static char *
value_name (SpCompareWindow *self, SpOffer *offer)
{
  return g_strdup (sp_offer_get_name (offer));
}

static char *
value_kind (SpCompareWindow *self, SpOffer *offer)
{
  return g_strdup (sp_label_offer_kind (sp_offer_get_kind (offer)));
}

static char *
value_model (SpCompareWindow *self, SpOffer *offer)
{
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    return g_strdup (sp_offer_get_model (offer));
  return g_strdup (sp_offer_get_gpu_model (offer));
}

static char *
value_gpu_count (SpCompareWindow *self, SpOffer *offer)
{
  guint n = sp_offer_get_gpu_count (offer);

  /* a share of one card: "1/6" */
  if (sp_offer_get_gpu_fraction (offer) != NULL)
    return sp_gpu_fraction_dup_label (sp_offer_get_gpu_fraction (offer));
  return n > 0 ? g_strdup_printf ("%u", n) : NULL;
}

static char *
value_gpu_memory (SpCompareWindow *self, SpOffer *offer)
{
  guint gb = sp_offer_get_gpu_memory_gb (offer);

  /* Translators: memory size in gigabytes */
  return gb > 0 ? g_strdup_printf (_("%u GB"), gb) : NULL;
}

static char *
value_vcpus (SpCompareWindow *self, SpOffer *offer)
{
  guint milli = sp_offer_get_vcpus_milli (offer);

  if (milli == 0)
    return NULL;
  if (milli % 1000 == 0)
    return g_strdup_printf ("%u", milli / 1000);
  return g_strdup_printf ("%u.%03u", milli / 1000, milli % 1000);
}

static char *
value_ram (SpCompareWindow *self, SpOffer *offer)
{
  guint mib = sp_offer_get_ram_mib (offer);

  if (mib == 0)
    return NULL;
  if (mib % 1024 == 0)
    return g_strdup_printf (_("%u GB"), mib / 1024);
  /* Translators: memory size in gigabytes with one decimal */
  return g_strdup_printf (_("%u.%u GB"), mib / 1024, (mib % 1024) * 10 / 1024);
}

static char *
value_context (SpCompareWindow *self, SpOffer *offer)
{
  gint64 tokens = sp_offer_get_context_window (offer);
  g_autofree char *number = NULL;

  if (tokens <= 0)
    return NULL;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, tokens);
  /* Translators: a context window, e.g. "128000 tokens" */
  return g_strdup_printf (_("%s tokens"), number);
}

static char *
value_region (SpCompareWindow *self, SpOffer *offer)
{
  return g_strdup (sp_offer_get_region (offer));
}

static char *
value_billing (SpCompareWindow *self, SpOffer *offer)
{
  if (sp_offer_get_billing (offer) == SP_BILLING_UNKNOWN)
    return NULL;
  return g_strdup (sp_format_billing (sp_offer_get_billing (offer)));
}

static char *
value_commitment (SpCompareWindow *self, SpOffer *offer)
{
  return g_strdup (sp_offer_get_min_commitment (offer));
}

static char *
value_tax (SpCompareWindow *self, SpOffer *offer)
{
  switch (sp_offer_get_tax (offer))
    {
    case SP_TAX_INCLUDED:
      return g_strdup (_("Included"));
    case SP_TAX_EXCLUDED:
      return g_strdup (_("Excluded"));
    case SP_TAX_UNKNOWN:
    default:
      return NULL;
    }
}

static char *
value_list_price (SpCompareWindow *self, SpOffer *offer)
{
  g_autofree char *price = NULL;

  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      g_autofree char *in = sp_format_money (sp_offer_get_input_price (offer),
                                             sp_offer_get_currency (offer));
      g_autofree char *out = sp_format_money (sp_offer_get_output_price (offer),
                                              sp_offer_get_currency (offer));
      return g_strdup_printf (_("%s in / %s out"), in, out);
    }
  price = sp_format_money (sp_offer_get_price (offer), sp_offer_get_currency (offer));
  return g_strdup_printf (_("%s / %s"), price, sp_format_unit (sp_offer_get_kind (offer)));
}

static char *
normalized_text (SpCompareWindow *self,
                 SpOffer         *offer,
                 SpPriceField     field)
{
  SpMoney value = sp_price_context_normalize (self->ctx, offer, field);

  if (value == SP_MONEY_UNKNOWN)
    return NULL;
  return sp_format_money (value, sp_price_context_get_currency (self->ctx));
}

static char *
value_price (SpCompareWindow *self, SpOffer *offer)
{
  g_autofree char *price = normalized_text (self, offer, SP_PRICE_MAIN);

  if (price == NULL)
    return g_strdup (_("unknown"));
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    return g_strdup_printf (_("%s / 1M tokens (blended)"), price);
  return g_strdup_printf (_("%s / %s"), price, sp_format_unit (sp_offer_get_kind (offer)));
}

static char *
value_input (SpCompareWindow *self, SpOffer *offer)
{
  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    return NULL;
  return normalized_text (self, offer, SP_PRICE_INPUT);
}

static char *
value_output (SpCompareWindow *self, SpOffer *offer)
{
  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    return NULL;
  return normalized_text (self, offer, SP_PRICE_OUTPUT);
}

static char *
value_cached (SpCompareWindow *self, SpOffer *offer)
{
  if (sp_offer_get_kind (offer) != SP_OFFER_KIND_TOKENS)
    return NULL;
  return normalized_text (self, offer, SP_PRICE_CACHED);
}

static char *
value_updated (SpCompareWindow *self, SpOffer *offer)
{
  if (sp_offer_get_fetched_at (offer) <= 0)
    return NULL;
  return sp_format_age (sp_offer_get_fetched_at (offer), g_get_real_time () / G_USEC_PER_SEC);
}

/* where the price label comes from, with the data licence credit (issue 13) */
static char *
value_source (SpCompareWindow *self, SpOffer *offer)
{
  g_autofree char *source = sp_format_price_source (offer);
  const char *attribution = sp_offer_get_attribution (offer);

  if (source != NULL && attribution != NULL)
    return g_strdup_printf ("%s\n%s", source, attribution);
  if (attribution != NULL)
    return g_strdup (attribution);
  return g_steal_pointer (&source);
}

static char *
value_conditions (SpCompareWindow *self, SpOffer *offer)
{
  return sp_format_price_conditions (offer);
}

static const SpOfferFlags *
offer_flags (SpCompareWindow *self,
             SpOffer         *offer)
{
  return self->flags ? g_hash_table_lookup (self->flags, offer) : NULL;
}

static char *
value_warnings (SpCompareWindow *self, SpOffer *offer)
{
  const SpOfferFlags *flags = offer_flags (self, offer);

  if (flags == NULL || flags->flags == SP_OFFER_FLAG_NONE)
    return g_strdup (_("None"));
  return sp_offer_flags_short_text (flags);
}

static const RowSpec rows[] = {
  { "name",        N_("Product"),            value_name },
  { "kind",        N_("Kind"),               value_kind },
  { "model",       N_("Model"),              value_model },
  { "gpu-count",   N_("GPUs"),               value_gpu_count },
  { "gpu-memory",  N_("GPU memory"),         value_gpu_memory },
  { "vcpus",       N_("vCPUs"),              value_vcpus },
  { "ram",         N_("RAM"),                value_ram },
  { "context",     N_("Context window"),     value_context },
  { "region",      N_("Region"),             value_region },
  { "billing",     N_("Billing"),            value_billing },
  { "commitment",  N_("Minimum commitment"), value_commitment },
  { "tax",         N_("Tax"),                value_tax },
  { "list-price",  N_("Vendor price"),       value_list_price },
  { "price",       N_("Price"),              value_price },
  { "input",       N_("Input / 1M"),         value_input },
  { "output",      N_("Output / 1M"),        value_output },
  { "cached",      N_("Cached input / 1M"),  value_cached },
  { "updated",     N_("Updated"),            value_updated },
  { "source",      N_("Price source"),       value_source },
  { "conditions",  N_("Tiers and conditions"), value_conditions },
  { "warnings",    N_("Warnings"),           value_warnings },
};

/* -------------------------------------------------------------- layout */

static GtkWidget *
make_cell (const char *text,
           gboolean    is_label)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), is_label ? 16 : 28);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, is_label ? "compare-label" : "compare-cell");
  if (!is_label)
    gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static void
add_header_row (SpCompareWindow *self)
{
  gtk_grid_attach (self->grid, make_cell ("", TRUE), 0, 0, 1, 1);
  for (guint i = 0; i < self->offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (self->offers, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *vendor = gtk_label_new (sp_format_vendor (offer));

      gtk_widget_add_css_class (box, "compare-header");
      gtk_label_set_xalign (GTK_LABEL (vendor), 0);
      gtk_label_set_wrap (GTK_LABEL (vendor), TRUE);
      gtk_widget_add_css_class (vendor, "heading");
      gtk_box_append (GTK_BOX (box), vendor);
      if ((int) i == self->cheapest)
        {
          GtkWidget *badge = gtk_label_new (_("Cheapest"));
          gtk_widget_set_halign (badge, GTK_ALIGN_START);
          gtk_widget_add_css_class (badge, "cheapest-badge");
          gtk_box_append (GTK_BOX (box), badge);
          gtk_widget_add_css_class (box, "cheapest");
        }
      gtk_grid_attach (self->grid, box, i + 1, 0, 1, 1);
      g_ptr_array_add (self->headers, box);
    }
  self->next_row = 1;
}

static void
add_row (SpCompareWindow *self,
         const RowSpec   *spec)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  gboolean any = FALSE, differs = FALSE;
  int row = self->next_row;

  for (guint i = 0; i < self->offers->len; i++)
    {
      char *value = spec->value (self, g_ptr_array_index (self->offers, i));
      any |= value != NULL;
      g_ptr_array_add (values, value);
    }
  if (!any)
    return;
  for (guint i = 1; i < values->len; i++)
    differs |= g_strcmp0 (g_ptr_array_index (values, 0), g_ptr_array_index (values, i)) != 0;
  g_hash_table_insert (self->differs, (gpointer) spec->id, GINT_TO_POINTER (differs + 1));

  gtk_grid_attach (self->grid, make_cell (_(spec->label), TRUE), 0, row, 1, 1);
  for (guint i = 0; i < values->len; i++)
    {
      const char *text = g_ptr_array_index (values, i);
      GtkWidget *cell = make_cell (text ? text : "—", FALSE);
      SpOffer *offer = g_ptr_array_index (self->offers, i);

      if (differs)
        gtk_widget_add_css_class (cell, "compare-diff");
      if ((int) i == self->cheapest)
        gtk_widget_add_css_class (cell, "cheapest");
      if (g_str_equal (spec->id, "warnings"))
        {
          const SpOfferFlags *flags = offer_flags (self, offer);
          if (flags != NULL && flags->flags != SP_OFFER_FLAG_NONE)
            {
              GString *tip = g_string_new (NULL);
              if (flags->suspicious_reason)
                g_string_append (tip, flags->suspicious_reason);
              if (flags->stale_reason)
                g_string_append_printf (tip, "%s%s", tip->len ? "\n\n" : "", flags->stale_reason);
              if (flags->ambiguous_reason)
                g_string_append_printf (tip, "%s%s", tip->len ? "\n\n" : "", flags->ambiguous_reason);
              /* the reasons are shown in full, not only as a tooltip */
              gtk_label_set_label (GTK_LABEL (cell), tip->str);
              gtk_widget_add_css_class (cell, "warning");
              g_string_free (tip, TRUE);
            }
        }
      gtk_grid_attach (self->grid, cell, i + 1, row, 1, 1);
    }
  self->next_row++;
}

static void
add_history_row (SpCompareWindow *self)
{
  int row = self->next_row++;

  gtk_grid_attach (self->grid, make_cell (_("Price history"), TRUE), 0, row, 1, 1);
  for (guint i = 0; i < self->offers->len; i++)
    {
      GtkWidget *spark = sp_sparkline_new ();

      gtk_widget_set_hexpand (spark, TRUE);
      gtk_widget_add_css_class (spark, "compare-cell");
      gtk_grid_attach (self->grid, spark, i + 1, row, 1, 1);
      g_ptr_array_add (self->sparklines, spark);
    }
}

static int
find_cheapest (SpCompareWindow *self)
{
  SpOfferKind kind;
  SpMoney best = SP_MONEY_UNKNOWN;
  int index = -1;

  if (self->offers->len == 0)
    return -1;
  kind = sp_offer_get_kind (g_ptr_array_index (self->offers, 0));
  for (guint i = 0; i < self->offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (self->offers, i);
      SpMoney price;

      if (sp_offer_get_kind (offer) != kind)
        return -1; /* a card-hour is not a token: nothing is "cheapest" */
      price = sp_price_context_normalize (self->ctx, offer, SP_PRICE_MAIN);
      if (price != SP_MONEY_UNKNOWN && (best == SP_MONEY_UNKNOWN || price < best))
        {
          best = price;
          index = i;
        }
    }
  return index;
}

/* -------------------------------------------------------------- history */

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) histories = sp_store_service_price_histories_finish (SP_STORE_SERVICE (object),
                                                                            result, &error);
  SpCompareWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SP_COMPARE_WINDOW (user_data);
  self->history_loaded = TRUE;
  if (histories == NULL)
    {
      g_warning ("Could not read the price history: %s", error->message);
      return;
    }
  for (guint i = 0; i < histories->len && i < self->sparklines->len; i++)
    {
      GArray *history = g_ptr_array_index (histories, i);
      SpOffer *offer = g_ptr_array_index (self->offers, i);
      g_autofree gint64 *times = g_new0 (gint64, history->len + 1);
      g_autofree SpMoney *values = g_new0 (SpMoney, history->len + 1);
      const char *currency = sp_offer_get_currency (offer);

      for (guint j = 0; j < history->len; j++)
        {
          SpPricePoint *point = &g_array_index (history, SpPricePoint, j);
          times[j] = point->observed_at;
          values[j] = sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS ? point->input_price
                                                                         : point->price;
          if (point->currency != NULL)
            currency = point->currency;
        }
      sp_sparkline_set_points (g_ptr_array_index (self->sparklines, i), times, values,
                               history->len, currency);
    }
}

/* ------------------------------------------------------------- GObject */

static void
sp_compare_window_dispose (GObject *object)
{
  SpCompareWindow *self = SP_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_COMPARE_WINDOW);
  g_clear_pointer (&self->offers, g_ptr_array_unref);
  g_clear_pointer (&self->flags, g_hash_table_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->sparklines, g_ptr_array_unref);
  g_clear_pointer (&self->differs, g_hash_table_unref);
  g_clear_object (&self->ctx);

  G_OBJECT_CLASS (sp_compare_window_parent_class)->dispose (object);
}

static void
sp_compare_window_class_init (SpCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_compare_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCompareWindow, grid);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_compare_window_init (SpCompareWindow *self)
{
  self->headers = g_ptr_array_new ();
  self->sparklines = g_ptr_array_new ();
  self->differs = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
  self->cheapest = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ----------------------------------------------------------- public API */

SpCompareWindow *
sp_compare_window_new (GtkWindow      *parent,
                       GPtrArray      *offers,
                       GHashTable     *flags,
                       SpPriceContext *ctx,
                       SpStoreService *service)
{
  SpCompareWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (offers != NULL && offers->len >= 1, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  self = g_object_new (SP_TYPE_COMPARE_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->offers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < offers->len; i++)
    g_ptr_array_add (self->offers, g_object_ref (g_ptr_array_index (offers, i)));
  self->flags = flags ? g_hash_table_ref (flags) : NULL;
  self->ctx = g_object_ref (ctx);
  self->cheapest = find_cheapest (self);

  add_header_row (self);
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    add_row (self, &rows[i]);
  add_history_row (self);

  if (service != NULL)
    sp_store_service_price_histories_async (service, self->offers, self->cancellable, history_cb,
                                            self);
  else
    self->history_loaded = TRUE;
  return self;
}

guint
sp_compare_window_get_n_offers (SpCompareWindow *self)
{
  g_return_val_if_fail (SP_IS_COMPARE_WINDOW (self), 0);
  return self->offers->len;
}

int
sp_compare_window_get_cheapest (SpCompareWindow *self)
{
  g_return_val_if_fail (SP_IS_COMPARE_WINDOW (self), -1);
  return self->cheapest;
}

GtkWidget *
sp_compare_window_get_header (SpCompareWindow *self,
                              guint            index)
{
  g_return_val_if_fail (SP_IS_COMPARE_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->headers->len, NULL);
  return g_ptr_array_index (self->headers, index);
}

gboolean
sp_compare_window_row_differs (SpCompareWindow *self,
                               const char      *row_id)
{
  g_return_val_if_fail (SP_IS_COMPARE_WINDOW (self), FALSE);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->differs, row_id)) == 2;
}

SpSparkline *
sp_compare_window_get_sparkline (SpCompareWindow *self,
                                 guint            index)
{
  g_return_val_if_fail (SP_IS_COMPARE_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->sparklines->len, NULL);
  return g_ptr_array_index (self->sparklines, index);
}

gboolean
sp_compare_window_history_loaded (SpCompareWindow *self)
{
  g_return_val_if_fail (SP_IS_COMPARE_WINDOW (self), FALSE);
  return self->history_loaded;
}
