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
#include "sp-format.h"
#include "sp-labels.h"
#include "sp-ledger-item.h"
#include "sp-spending-page-private.h"
#include "sp-reprice-panel.h"
#include "sp-spend-series.h"



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

static void
get_today (SpSpendingPage *self,
           GDate          *out)
{
  if (g_date_valid (&self->today))
    *out = self->today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }
}

char *
sp_spending_page_display_currency (SpSpendingPage *self)
{
  if (self->settings == NULL)
    return g_strdup ("CNY");
  return g_settings_get_string (self->settings, "display-currency");
}

static SpLedgerGroupBy
group_by (SpSpendingPage *self)
{
  g_autofree char *by = NULL;

  if (self->settings == NULL)
    return SP_LEDGER_BY_VENDOR;
  by = g_settings_get_string (self->settings, "spending-group-by");
  if (g_str_equal (by, "category"))
    return SP_LEDGER_BY_CATEGORY;
  if (g_str_equal (by, "kind"))
    return SP_LEDGER_BY_KIND;
  return SP_LEDGER_BY_VENDOR;
}

static const char *
current_range (SpSpendingPage *self)
{
  guint i = gtk_drop_down_get_selected (self->range_dropdown);

  if (self->ranges == NULL || i >= self->ranges->len)
    return "last-12";
  return g_ptr_array_index (self->ranges, i);
}

static char *
series_label (SpLedgerGroupBy  by,
              const char      *key)
{
  SpLedgerKind kind;

  if (by == SP_LEDGER_BY_KIND && sp_ledger_kind_from_string (key, &kind))
    return g_strdup (sp_ledger_kind_label (kind));
  if (key == NULL || *key == '\0')
    return g_strdup (by == SP_LEDGER_BY_CATEGORY ? _("No category") : _("Unknown vendor"));
  if (by == SP_LEDGER_BY_CATEGORY)
    return g_strdup (sp_label_category (key));
  return g_strdup (by == SP_LEDGER_BY_VENDOR ? sp_label_vendor (key) : key);
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

/* The error page's description is markup: @message (which quotes paths
 * and file names) is shown literally. */
static void
set_error_page (SpSpendingPage *self,
                const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_description (self->error_page, escaped);
}

void
sp_spending_page_toast (SpSpendingPage *self,
       const char     *message,
       gboolean        undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *t;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  t = adw_toast_new (escaped);
  if (undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "spending.undo");
      adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

void
sp_spending_page_toast_error (SpSpendingPage *self,
             const GError   *error)
{
  sp_spending_page_toast (self, error->message, FALSE);
}

/* The range the next reading shows: the one chosen in the settings (or
 * on the page when there are none). */
static char *
wanted_range (SpSpendingPage *self)
{
  if (self->settings != NULL)
    return g_settings_get_string (self->settings, "spending-range");
  return g_strdup (current_range (self));
}

/* The first and last month of @range ("last-12" or a year). */
static void
months_of (SpSpendingPage *self,
           const char     *range,
           char            from[8],
           char            to[8])
{
  if (g_str_equal (range, "last-12"))
    {
      GDate today;

      get_today (self, &today);
      sp_spend_last_months (&today, 12, from, to);
    }
  else
    sp_spend_year_months (range, from, to);
}

static void
apply_ranges (SpSpendingPage     *self,
              const char * const *years,
              const char         *wanted)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->ranges, g_ptr_array_unref);
  self->ranges = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->ranges, g_strdup ("last-12"));
  gtk_string_list_append (labels, _("Last 12 months"));
  for (guint i = 0; years != NULL && years[i] != NULL; i++)
    {
      gtk_string_list_append (labels, years[i]);
      g_ptr_array_add (self->ranges, g_strdup (years[i]));
    }
  /* a chosen year stays offered even when it has no entries any more */
  if (wanted != NULL && strlen (wanted) == 4 && g_ascii_isdigit (wanted[0]))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < self->ranges->len; i++)
        found |= g_str_equal (g_ptr_array_index (self->ranges, i), wanted);
      if (!found)
        {
          gtk_string_list_append (labels, wanted);
          g_ptr_array_add (self->ranges, g_strdup (wanted));
        }
    }
  for (guint i = 0; i < self->ranges->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->ranges, i), wanted) == 0)
      selected = i;

  g_strfreev (self->range_ids);
  self->range_ids = g_new0 (char *, self->ranges->len + 1);
  for (guint i = 0; i < self->ranges->len; i++)
    self->range_ids[i] = g_strdup (g_ptr_array_index (self->ranges, i));

  self->updating_ranges = TRUE;
  gtk_drop_down_set_model (self->range_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->range_dropdown, selected);
  self->updating_ranges = FALSE;
}

static void
apply_chart (SpSpendingPage        *self,
             const SpSpendingQuery *q,
             SpSpendingView        *view)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  GPtrArray *rows = view->monthly != NULL ? view->monthly : empty;
  g_autoptr(SpSpendSeries) series = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  SpMoney budget = SP_MONEY_UNKNOWN;

  if (view->monthly_error != NULL)
    sp_spending_page_toast_error (self, view->monthly_error);
  /* the largest keys of the period, the rest as "Other" */
  series = sp_spend_series_new (rows, q->from, q->to, MAX_SERIES);
  for (guint k = 0; k < series->n_named; k++)
    g_ptr_array_add (labels, series_label (q->by, series->keys[k]));
  if (series->has_other)
    g_ptr_array_add (labels, g_strdup (_("Other")));
  g_ptr_array_add (labels, NULL);

  if (view->has_budget)
    budget = sp_spending_page_convert_budget (self, view->budget, view->budget_currency,
                                              q->currency);

  sp_spend_chart_set_data (self->chart, (const char * const *) series->months, series->n_months,
                           (const char * const *) labels->pdata, series->n_series, series->paid,
                           series->subsidy, budget, q->currency);
  for (guint m = 0; self->filter_month != NULL && m < sp_spend_chart_get_n_months (self->chart); m++)
    if (g_str_equal (sp_spend_chart_get_month (self->chart, m), self->filter_month))
      sp_spend_chart_set_selected (self->chart, (int) m);

  if (view->n_skipped > 0)
    {
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u entry in another currency is not in the chart.",
                                      "%u entries in other currencies are not in the chart.",
                                      view->n_skipped),
                         view->n_skipped);
      gtk_label_set_text (self->chart_note, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chart_note), view->n_skipped > 0);
}

static void
apply_budget (SpSpendingPage *self,
              SpSpendingView *view)
{
  g_autofree char *month = NULL;
  g_autofree char *spent = NULL;
  g_autofree char *projection = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  SpLedgerBudgetStatus *st = &self->budget_status;

  self->has_budget = view->has_budget;
  self->budget = view->budget;
  memcpy (self->budget_currency, view->budget_currency, sizeof self->budget_currency);
  *st = view->status;
  if (view->status_error != NULL)
    {
      gtk_label_set_text (self->budget_title, view->status_error->message);
      gtk_label_set_text (self->budget_detail, "");
      self->budget_warning = FALSE;
      return;
    }
  month = sp_spend_chart_format_month (st->month);
  spent = sp_format_money (st->spent, st->currency);
  /* an estimate: shown to the cent */
  projection = sp_format_money (sp_money_round_to (st->projection, 10000, SP_ROUND_HALF_UP),
                                st->currency);
  /* Translators: the budget box, e.g. "May 2026: ¥1,200.00 paid so far" */
  title = g_strdup_printf (_("%s: %s paid so far"), month, spent);
  if (st->has_budget)
    {
      g_autofree char *budget = sp_format_money (st->budget, st->currency);

      if (st->over_budget)
        {
          SpMoney over = sp_money_round_to (st->projection, 10000, SP_ROUND_HALF_UP) - st->budget;
          g_autofree char *over_text = sp_format_money (over, st->currency);

          detail = g_strdup_printf (_("Projected %s by the end of the month: %s over the budget of %s."),
                                    projection, over_text, budget);
        }
      else
        detail = g_strdup_printf (_("Projected %s by the end of the month, within the budget of %s."),
                                  projection, budget);
    }
  else
    detail = g_strdup_printf (_("Projected %s by the end of the month. No monthly budget is set."),
                              projection);
  gtk_label_set_text (self->budget_title, title);
  gtk_label_set_text (self->budget_detail, detail);

  self->budget_warning = st->has_budget && st->over_budget;
  if (self->budget_warning)
    {
      gtk_widget_add_css_class (self->budget_box, "over-budget");
      gtk_image_set_from_icon_name (self->budget_icon, "dialog-warning-symbolic");
    }
  else
    {
      gtk_widget_remove_css_class (self->budget_box, "over-budget");
      gtk_image_set_from_icon_name (self->budget_icon, st->has_budget ? "emblem-ok-symbolic"
                                                                       : "x-office-calendar-symbolic");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->budget_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail,
                                  -1);
}

static void
apply_entries (SpSpendingPage *self,
               const char     *range,
               SpSpendingView *view)
{
  g_autofree char *title = NULL;
  g_autofree gpointer *items = NULL;
  GPtrArray *list = view->entries;

  if (self->filter_month != NULL)
    {
      g_autofree char *month = sp_spend_chart_format_month (self->filter_month);

      /* Translators: title of the entry list, e.g. "Entries in March 2026" */
      title = g_strdup_printf (_("Entries in %s"), month);
    }
  else if (g_str_equal (range, "last-12"))
    title = g_strdup (_("Entries of the last 12 months"));
  else
    title = g_strdup_printf (_("Entries in %s"), range);
  gtk_label_set_text (self->entries_title, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.show-all", self->filter_month != NULL);

  if (list == NULL)
    {
      sp_spending_page_toast_error (self, view->entries_error);
      g_list_store_remove_all (self->entries);
      return;
    }
  /* newest first */
  items = g_new0 (gpointer, MAX (list->len, 1));
  for (guint i = 0; i < list->len; i++)
    items[list->len - 1 - i] = sp_ledger_item_new (sp_ledger_entry_copy (g_ptr_array_index (list, i)));
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items, list->len);
  for (guint i = 0; i < list->len; i++)
    g_object_unref (items[i]);
}

/* One reading in flight: what it asked for. */
typedef struct {
  SpSpendingPage  *self;
  SpSpendingQuery  query;
  char            *range;
} Reading;

static void
on_spending_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Reading *r = user_data;
  SpSpendingPage *self = r->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSpendingView) view = sp_store_service_load_spending_finish (SP_STORE_SERVICE (source),
                                                                          result, &error);

  self->n_busy--;
  if (view == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_error_page (self, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
    }
  else if (view != NULL)
    {
      apply_ranges (self, (const char * const *) view->years, r->range);
      apply_chart (self, &r->query, view);
      apply_budget (self, view);
      apply_entries (self, r->range, view);
      gtk_stack_set_visible_child_name (self->state_stack, view->count > 0 ? "ledger" : "empty");
      /* the ledger as read now, at today's offers (its own job) */
      if (self->price_ctx != NULL)
        sp_reprice_panel_reload (self->reprice_panel, self->service, self->price_ctx,
                                 g_date_valid (&self->today) ? &self->today : NULL);
    }
  g_free (r->range);
  g_object_unref (r->self);
  g_free (r);
}

/* Asks the store service for everything the page shows; the answer
 * replaces an older one still on its way. */
void
sp_spending_page_reload_all (SpSpendingPage *self)
{
  Reading *r;
  g_autofree char *currency = NULL;
  SpSpendingQuery *q;

  if (self->service == NULL)
    return;
  g_cancellable_cancel (self->load_cancel);
  g_clear_object (&self->load_cancel);
  self->load_cancel = g_cancellable_new ();

  r = g_new0 (Reading, 1);
  r->self = g_object_ref (self);
  r->range = wanted_range (self);
  q = &r->query;
  months_of (self, r->range, q->from, q->to);
  if (self->filter_month != NULL)
    {
      g_strlcpy (q->list_from, self->filter_month, sizeof q->list_from);
      g_strlcpy (q->list_to, self->filter_month, sizeof q->list_to);
    }
  else
    {
      g_strlcpy (q->list_from, q->from, sizeof q->list_from);
      g_strlcpy (q->list_to, q->to, sizeof q->list_to);
    }
  q->by = group_by (self);
  currency = sp_spending_page_display_currency (self);
  g_strlcpy (q->currency, currency, sizeof q->currency);
  get_today (self, &q->today);

  self->n_busy++;
  sp_store_service_load_spending_async (self->service, q, self->load_cancel,
                                        on_spending_loaded, r);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spending.undo", self->last_deleted != 0);
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
    g_settings_set_string (self->settings, "spending-range", current_range (self));
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
      GtkColumnViewColumn *column = self->columns[c];
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), GINT_TO_POINTER (c));
      gtk_column_view_column_set_factory (column, factory);
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
  if (self->service != sp_application_get_store_service (app))
    {
      if (self->service != NULL)
        g_signal_handlers_disconnect_by_data (self->service, self);
      g_set_object (&self->service, sp_application_get_store_service (app));
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

