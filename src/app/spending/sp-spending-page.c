/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page.c — the Spending page: ledger entries, monthly chart,
 * budget, import/export, backup and restore
 *
 * The page reads and writes through the application's store service: one
 * job reads everything it shows (sp_store_service_load_spending_async();
 * the monthly figures come from one GROUP BY statement and a year of
 * entries is small), a newer reading cancels an older one.  After any
 * change (add, edit, delete, undo, import, budget, restore) the service
 * emits ::ledger-changed or ::restored and the page reads again, so what is
 * shown is always what is stored; a setting reads again too.
 *
 * Chart series: the largest MAX_SERIES keys of the period by total (paid +
 * subsidy); the rest are merged into "Other". */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-async-wait.h"
#include "sp-dialogs.h"
#include "sp-format.h"
#include "sp-labels.h"
#include "sp-ledger-item.h"
#include "sp-spending-page-private.h"
#include "sp-reprice-panel.h"
#include "sp-spend-series.h"
#include "sp-widget-util.h"



static const char * const column_ids[N_COLUMNS] = {
  "date_column", "vendor_column", "item_column", "kind_column", "quantity_column",
  "paid_column", "subsidy_column", "list_column", "rate_column", "category_column",
  "fapiao_column", "note_column",
};


G_DEFINE_FINAL_TYPE (SpSpendingPage, sp_spending_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DATABASE_RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* -------------------------------------------------------------- helpers */

char *
sp_spending_page_display_currency (SpSpendingPage *self)
{
  if (self->settings == NULL)
    return g_strdup ("CNY");
  return g_settings_get_string (self->settings, "display-currency");
}

const char *
sp_spending_page_current_range (SpSpendingPage *self)
{
  guint i = gtk_drop_down_get_selected (self->range_dropdown);

  if (self->ranges == NULL || i >= self->ranges->len)
    return "last-12";
  return g_ptr_array_index (self->ranges, i);
}

/* @budget in @from converted to @to with the preferences' rate. */
SpMoney
sp_spending_page_convert_budget (SpSpendingPage *self,
                SpMoney         budget,
                const char     *from,
                const char     *to)
{
  g_autofree char *rate_text = NULL;
  SpMoney rate, out;

  if (g_strcmp0 (from, to) == 0)
    return budget;
  if (self->settings == NULL)
    return SP_MONEY_UNKNOWN;
  rate_text = g_settings_get_string (self->settings, "usd-cny-rate");
  if (!sp_money_parse (rate_text, &rate, NULL) || rate <= 0)
    return SP_MONEY_UNKNOWN;
  if (g_str_equal (from, "USD") && g_str_equal (to, "CNY") &&
      sp_money_muldiv (budget, rate, SP_MONEY_SCALE, SP_ROUND_HALF_UP, &out))
    return out;
  if (g_str_equal (from, "CNY") && g_str_equal (to, "USD") &&
      sp_money_muldiv (budget, SP_MONEY_SCALE, rate, SP_ROUND_HALF_UP, &out))
    return out;
  return SP_MONEY_UNKNOWN;
}

void
sp_spending_page_toast (SpSpendingPage *self,
       const char     *message,
       gboolean        undo)
{
  AdwToast *t = sp_toast_new_plain (message);

  if (undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "spending.undo");
      adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
    }
  if (!sp_toast_show (GTK_WIDGET (self), t))
    g_message ("%s", message);
}

void
sp_spending_page_toast_error (SpSpendingPage *self,
             const GError   *error)
{
  sp_spending_page_toast (self, error->message, FALSE);
}

const SpLedgerEntry *
sp_spending_page_find_entry (SpSpendingPage *self,
                             gint64          id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpLedgerItem) item = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (sp_ledger_item_get_id (item) == id)
        return sp_ledger_item_get_entry (item);   /* the store holds the item */
    }
  return NULL;
}

void
sp_spending_page_show_month (SpSpendingPage *self,
                             const char     *month)
{
  g_free (self->filter_month);
  self->filter_month = g_strdup (month);
  if (month == NULL)
    sp_spend_chart_set_selected (self->chart, -1);
  else
    for (guint m = 0; m < sp_spend_chart_get_n_months (self->chart); m++)
      if (g_str_equal (sp_spend_chart_get_month (self->chart, m), month))
        sp_spend_chart_set_selected (self->chart, (int) m);
  sp_spending_page_reload_all (self);
}

void
sp_spending_page_wait (SpSpendingPage *self)
{
  while (self->n_busy > 0 || self->reload_id != 0)
    g_main_context_iteration (NULL, TRUE);
}

SpLedgerItem *
sp_spending_page_selected_item (SpSpendingPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* ------------------------------------------------------------ callbacks */

static void
on_settings_changed (GSettings      *settings,
                     const char     *key,
                     SpSpendingPage *self)
{
  if (g_str_equal (key, "spending-group-by") || g_str_equal (key, "display-currency") ||
      g_str_equal (key, "usd-cny-rate"))
    {
      sp_spending_page_reload_all (self);
    }
}

void
sp_spending_page_on_range_selected (SpSpendingPage *self)
{
  if (self->updating_ranges || self->service == NULL)
    return;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "spending-range", sp_spending_page_current_range (self));
  g_clear_pointer (&self->filter_month, g_free);
  sp_spend_chart_set_selected (self->chart, -1);
  sp_spending_page_reload_all (self);
}

static void
on_month_activated (SpSpendChart   *chart,
                    guint           month,
                    SpSpendingPage *self)
{
  sp_spending_page_show_month (self, sp_spend_chart_get_month (chart, month));
}

static void
on_row_activated (GtkColumnView  *view,
                  guint           position,
                  SpSpendingPage *self)
{
  g_autoptr(SpLedgerItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    sp_spending_page_open_entry_dialog (self, sp_ledger_item_get_id (item));
}

static void
on_selection_changed (SpSpendingPage *self)
{
  gboolean any = sp_spending_page_selected_item (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.edit", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.delete", any);
}

void
sp_spending_page_on_entry_saved (SpLedgerEntryDialog *dialog,
                gint64               id,
                SpSpendingPage      *self)
{
  sp_spending_page_reload_all (self);
}

void
sp_spending_page_on_imported (SpCsvImportWindow *window,
             guint              n,
             SpSpendingPage    *self)
{
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Imported %u entry",
                                                           "Imported %u entries", n), n);

  sp_spending_page_reload_all (self);
  sp_spending_page_toast (self, message, FALSE);
}

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, GTK_WIDGET (sp_ledger_cell_new (GPOINTER_TO_INT (user_data))));
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  SpLedgerItem *item = gtk_list_item_get_item (list_item);

  sp_ledger_cell_bind (SP_LEDGER_CELL (gtk_list_item_get_child (list_item)),
                       sp_ledger_item_get_entry (item));
}

/* ------------------------------------------------------------ overrides */

static void
sp_spending_page_dispose (GObject *object)
{
  SpSpendingPage *self = SP_SPENDING_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SPENDING_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_cancellable_cancel (self->load_cancel);
  g_clear_object (&self->load_cancel);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_object (&self->settings);
  g_clear_object (&self->price_ctx);

  G_OBJECT_CLASS (sp_spending_page_parent_class)->dispose (object);
}

static void
sp_spending_page_finalize (GObject *object)
{
  SpSpendingPage *self = SP_SPENDING_PAGE (object);

  g_clear_pointer (&self->ranges, g_ptr_array_unref);
  g_clear_pointer (&self->range_ids, g_strfreev);
  g_clear_pointer (&self->filter_month, g_free);

  G_OBJECT_CLASS (sp_spending_page_parent_class)->finalize (object);
}

static void
sp_spending_page_class_init (SpSpendingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_spending_page_dispose;
  object_class->finalize = sp_spending_page_finalize;

  /**
   * SpSpendingPage::database-restored:
   *
   * The whole database was replaced from a backup; other pages should
   * read it again.
   */
  signals[SIGNAL_DATABASE_RESTORED] =
    g_signal_new ("database-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SP_TYPE_SPEND_CHART);
  g_type_ensure (SP_TYPE_REPRICE_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-spending-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, budget_box);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, budget_icon);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, budget_title);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, budget_detail);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, chart_note);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, reprice_panel);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, entries_title);
  gtk_widget_class_bind_template_child (widget_class, SpSpendingPage, column_view);
  for (guint c = 0; c < N_COLUMNS; c++)
    gtk_widget_class_bind_template_child_full (widget_class, column_ids[c], FALSE,
                                               G_STRUCT_OFFSET (SpSpendingPage, columns) +
                                               c * sizeof (gpointer));
  gtk_widget_class_bind_template_callback (widget_class, on_month_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  sp_spending_page_install_actions (widget_class);


  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_spending_page_init (SpSpendingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_date_clear (&self->today, 1);
  self->entries = g_list_store_new (SP_TYPE_LEDGER_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->selection, "items-changed",
                            G_CALLBACK (on_selection_changed), self);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory =
        sp_list_item_factory_new (G_CALLBACK (on_cell_setup), G_CALLBACK (on_cell_bind),
                                  GINT_TO_POINTER (c));

      gtk_column_view_column_set_factory (self->columns[c], factory);
    }

  g_signal_connect_swapped (self->range_dropdown, "notify::selected",
                            G_CALLBACK (sp_spending_page_on_range_selected), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.edit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.show-all", FALSE);
}

/* ----------------------------------------------------------- public API */

static gboolean
reload_idle (gpointer user_data)
{
  SpSpendingPage *self = user_data;

  self->reload_id = 0;
  sp_spending_page_reload_all (self);
  return G_SOURCE_REMOVE;
}

/* A purchase recorded or voided, a group assigned: read the ledger again */
static void
on_ledger_changed (SpSpendingPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle, self);
}

/* The whole database was replaced from a backup: read it again */
static void
on_restored (SpSpendingPage *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->last_deleted = 0;
  g_clear_pointer (&self->filter_month, g_free);
  sp_spending_page_reload_all (self);
  g_signal_emit (self, signals[SIGNAL_DATABASE_RESTORED], 0);
}

void
sp_spending_page_load (SpSpendingPage *self,
                       SpApplication  *app)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) by_action = NULL;
  g_autoptr(GAction) currency_action = NULL;

  g_return_if_fail (SP_IS_SPENDING_PAGE (self));
  g_return_if_fail (SP_IS_APPLICATION (app));

  if (self->settings == NULL)
    {
      self->settings = g_object_ref (sp_application_get_settings (app));
      g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
      by_action = g_settings_create_action (self->settings, "spending-group-by");
      currency_action = g_settings_create_action (self->settings, "display-currency");
      g_action_map_add_action (G_ACTION_MAP (group), by_action);
      g_action_map_add_action (G_ACTION_MAP (group), currency_action);
      gtk_widget_insert_action_group (GTK_WIDGET (self), "spendsettings", G_ACTION_GROUP (group));
    }
  g_set_object (&self->price_ctx, sp_application_get_price_context (app));
  if (sp_application_follow_service (app, &self->service, self))
    {
      g_signal_connect_swapped (self->service, "ledger-changed", G_CALLBACK (on_ledger_changed), self);
      g_signal_connect_swapped (self->service, "restored", G_CALLBACK (on_restored), self);
    }

  sp_spending_page_reload_all (self);
}

void
sp_spending_page_reload (SpSpendingPage *self)
{
  g_return_if_fail (SP_IS_SPENDING_PAGE (self));
  sp_spending_page_reload_all (self);
  sp_spending_page_wait (self);
}

