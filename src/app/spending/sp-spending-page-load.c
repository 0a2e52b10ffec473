/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spending-page-load.c — the Spending page's reading: one job asks the
 * store service for everything shown (ranges, chart, budget, entries) and
 * the answer fills the page (the page itself: sp-spending-page.c) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-labels.h"
#include "sp-ledger-item.h"
#include "sp-spending-page-private.h"
#include "sp-reprice-panel.h"
#include "sp-spend-series.h"

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

/* The error page's description is markup: @message (which quotes paths
 * and file names) is shown literally. */
static void
set_error_page (SpSpendingPage *self,
                const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_description (self->error_page, escaped);
}

/* The range the next reading shows: the one chosen in the settings (or
 * on the page when there are none). */
static char *
wanted_range (SpSpendingPage *self)
{
  if (self->settings != NULL)
    return g_settings_get_string (self->settings, "spending-range");
  return g_strdup (sp_spending_page_current_range (self));
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
