/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-estimator-window.c — the workload estimator: monthly cost per offer, ranked
 *
 * The form describes a monthly workload (card-hours of a GPU class,
 * core-hours, millions of tokens, or a task preset × requests) and, for
 * token workloads, an optional self-hosting throughput.  Every change reruns
 * the estimate over the engine's table in a worker
 * (sp_offer_table_estimate_async (): no SpOffer per offer; the change
 * before is cancelled, a spinner and "Estimating…" show meanwhile) and lists the offers by monthly cost, cheapest first,
 * each with the one-line calculation behind its figure and the offer's
 * warnings; only the rows shown become offers.  The few offers whose
 * figure needs what the table lacks (token tiers and off-peak prices,
 * reserved commitments: sp-offer-table-estimate.h) are read back through
 * the store service, and the form is recomputed when they are in. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-breakeven-chart.h"
#include "sp-estimator-window.h"
#include "sp-format.h"
#include "sp-suspicious.h"

#define MAX_SHOWN 100

struct _SpEstimatorWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  GtkStack        *mode_stack;
  GtkSpinButton   *hours_spin;
  GtkDropDown     *gpu_dropdown;
  GtkSpinButton   *memory_spin;
  GtkSpinButton   *core_hours_spin;
  GtkSpinButton   *input_spin;
  GtkSpinButton   *output_spin;
  GtkSpinButton   *cached_spin;
  GtkSearchEntry  *model_entry;
  GtkDropDown     *preset_dropdown;
  GtkSpinButton   *requests_spin;
  GtkSpinButton   *task_input_spin;
  GtkSpinButton   *task_output_spin;
  GtkWidget       *self_host_box;
  GtkSpinButton   *throughput_spin;
  GtkDropDown     *self_host_gpu_dropdown;
  GtkCheckButton  *off_peak_check;
  GtkSpinner      *busy_spinner;
  GtkLabel        *summary_label;
  GtkListBox      *results_list;
  SpBreakevenChart *breakeven_chart; /* issue 18 part 2 */

  /* owned */
  SpOfferTable    *table;
  SpOfferPrices   *prices;      /* the warnings */
  GHashTable      *details;     /* row → SpOffer read back (sp_offer_details_new ()) */
  GHashTable      *requested;   /* rows asked of the service */
  SpStoreService  *service;     /* may be NULL: no read-back */
  GCancellable    *cancellable; /* the read-backs */
  GCancellable    *run;         /* the estimate being computed, or NULL */
  guint            n_pending;
  SpPriceContext  *ctx;
  GPtrArray       *gpu_models;  /* dropdown index → model (table's text; NULL = any) */
  GArray          *results;     /* SpTableEstimate, ranked */
  GPtrArray       *shown;       /* SpEstimateRow of the first MAX_SHOWN results */
  SpWallet        *wallet;      /* may be NULL: list prices */
  gboolean         building;
};

G_DEFINE_FINAL_TYPE (SpEstimatorWindow, sp_estimator_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ESTIMATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- helpers */

static gint64
spin_micro (GtkSpinButton *spin)
{
  SpMoney value = 0;

  gtk_spin_button_update (spin);
  /* the shortest decimal of what the spin button holds, exactly */
  if (!sp_money_from_double (gtk_spin_button_get_value (spin), 0, SP_ROUND_HALF_UP, &value, NULL))
    return 0;
  return value;
}

static gint64
spin_integer (GtkSpinButton *spin)
{
  gtk_spin_button_update (spin);
  return (gint64) gtk_spin_button_get_value (spin);
}

static const char *
selected_gpu (SpEstimatorWindow *self,
              GtkDropDown       *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return i < self->gpu_models->len ? g_ptr_array_index (self->gpu_models, i) : NULL;
}

/* the dropdowns' position of a GPU model (0, "Any GPU", when not listed) */
static guint
gpu_index (SpEstimatorWindow *self,
           const char        *gpu_model)
{
  guint index = 0;

  for (guint i = 1; i < self->gpu_models->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->gpu_models, i), gpu_model) == 0)
      index = i;
  return index;
}

static GtkWidget *
make_result_row (SpEstimatorWindow   *self,
                 guint                rank,
                 const SpEstimateRow *row,
                 const SpOfferFlags  *flags)
{
  const char *currency = sp_price_context_get_currency (self->ctx);
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *rank_label, *suffix, *cost_label, *unit_label;
  g_autofree char *title = NULL;
  g_autofree char *cost = sp_format_amount (row->monthly_cost, currency);
  g_autofree char *cost_text = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *unit_text = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  /* Translators: a result of the estimator: vendor — offer name */
  title = g_strdup_printf (_("%s — %s"), sp_format_vendor (row->offer), sp_offer_get_name (row->offer));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  if (row->self_hosted)
    /* Translators: the estimator's explanation of a self-hosted GPU row */
    subtitle = g_strdup_printf (_("Self-hosted: %s"), row->explanation ? row->explanation : "");
  else
    subtitle = g_strdup (row->explanation ? row->explanation : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action_row), 2);

  rank_label = gtk_label_new (NULL);
  {
    g_autofree char *rank_text = g_strdup_printf ("%u", rank);
    gtk_label_set_label (GTK_LABEL (rank_label), rank_text);
  }
  gtk_label_set_width_chars (GTK_LABEL (rank_label), 3);
  gtk_widget_add_css_class (rank_label, "dim-label");
  gtk_widget_add_css_class (rank_label, "numeric");
  adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), rank_label);

  if (flags != NULL && flags->flags != SP_OFFER_FLAG_NONE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *short_text = sp_offer_flags_short_text (flags);
      g_autofree char *reasons = sp_offer_flags_reasons (flags);
      GtkWidget *label = gtk_label_new (short_text);

      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (box, "warning");
      gtk_widget_set_tooltip_text (box, reasons);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), box);
    }

  suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  /* Translators: a monthly cost, e.g. "¥11,400.00 / month" */
  cost_text = g_strdup_printf (_("%s / month"), cost);
  cost_label = gtk_label_new (cost_text);
  gtk_label_set_xalign (GTK_LABEL (cost_label), 1);
  gtk_widget_add_css_class (cost_label, "heading");
  gtk_widget_add_css_class (cost_label, "numeric");
  unit = sp_format_money (row->unit_price, currency);
  if (row->self_hosted || sp_offer_get_kind (row->offer) == SP_OFFER_KIND_TOKENS)
    /* Translators: unit price per 1M tokens in the estimator */
    unit_text = g_strdup_printf (_("%s / 1M tokens"), unit);
  else
    unit_text = g_strdup_printf (_("%s / %s"), unit, sp_format_unit (sp_offer_get_kind (row->offer)));
  unit_label = gtk_label_new (unit_text);
  gtk_label_set_xalign (GTK_LABEL (unit_label), 1);
  gtk_widget_add_css_class (unit_label, "dim-label");
  gtk_widget_add_css_class (unit_label, "caption");
  gtk_box_append (GTK_BOX (suffix), cost_label);
  gtk_box_append (GTK_BOX (suffix), unit_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), suffix);
  if (rank == 1 && row->monthly_cost != SP_MONEY_UNKNOWN && flags == NULL)
    gtk_widget_add_css_class (action_row, "cheapest");
  return action_row;
}

/* -------------------------------------------------------- read-back */

static void recompute (SpEstimatorWindow *self);

typedef struct {
  SpEstimatorWindow *self;  /* (owned) */
  guint              row;
} DetailRequest;

static void
detail_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DetailRequest *request = user_data;
  SpEstimatorWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOffer) offer = sp_store_service_load_offer_finish (SP_STORE_SERVICE (source),
                                                                 result, &error);

  /* not after the window is disposed (its details are gone) */
  if (self->details != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (offer != NULL)
        sp_offer_details_add (self->details, request->row, offer);
      else
        g_debug ("estimator: offer %s not read back: %s",
                 sp_offer_table_get_id (self->table, request->row), error->message);
      /* all in: the figures that wait for them */
      if (--self->n_pending == 0)
        recompute (self);
    }
  g_object_unref (self);
  g_free (request);
}

/* Asks the store service for the whole offers of @rows not read yet */
static void
request_details (SpEstimatorWindow *self,
                 GArray            *rows)
{
  if (self->service == NULL)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);
      DetailRequest *request;

      if (!g_hash_table_add (self->requested, GUINT_TO_POINTER (row)))
        continue;
      request = g_new0 (DetailRequest, 1);
      request->self = g_object_ref (self);
      request->row = row;
      self->n_pending++;
      sp_store_service_load_offer_async (self->service, sp_offer_table_get_source (self->table, row),
                                         sp_offer_table_get_id (self->table, row),
                                         self->cancellable, detail_loaded, request);
    }
}

/* Break-even of the form's GPU class: per hour in the GPU mode, per token
 * (self-hosting against the token offers of the model searched for) in the
 * token mode with a throughput */
static void
update_breakeven (SpEstimatorWindow *self,
                  const char        *mode,
                  const SpWorkload  *workload)
{
  SpBreakevenQuery query = { 0 };
  gboolean tokens = workload->kind == SP_WORKLOAD_TOKENS;

  query.gpu_model = workload->gpu_model;
  query.min_gpu_memory_gb = workload->min_gpu_memory_gb;
  query.date = sp_date_today ();
  if (tokens && workload->self_host_tokens_per_second > 0 && workload->search != NULL &&
      workload->search[0] != '\0')
    {
      query.tokens_per_second = workload->self_host_tokens_per_second;
      query.model = workload->search;
    }
  if (g_str_equal (mode, "cpu"))
    sp_breakeven_chart_set_data (self->breakeven_chart, NULL,
                                 _("Break-even compares the ways of buying GPUs: choose GPU Hours or Tokens."));
  else if (!g_str_equal (mode, "gpu") && query.model == NULL)
    sp_breakeven_chart_set_data (self->breakeven_chart, NULL,
                                 _("Give a self-hosting throughput and a model to compare self-hosting "
                                   "with the model's token offers."));
  else
    {
      g_autoptr(GArray) rows = sp_offer_table_breakeven_detail_rows (self->table, &query);

      request_details (self, rows);
      sp_breakeven_chart_update (self->breakeven_chart, self->table, self->prices, self->details,
                                 &query, self->ctx, self->wallet);
    }
}

static void
set_running (SpEstimatorWindow *self,
             gboolean           running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), running);
  gtk_spinner_set_spinning (self->busy_spinner, running);
  /* the previous results stay, dimmed, until the new ones are in */
  gtk_widget_set_sensitive (GTK_WIDGET (self->results_list), !running);
}

/* The estimate in progress, if any, is superseded: never shown */
static void
cancel_run (SpEstimatorWindow *self)
{
  g_cancellable_cancel (self->run);
  g_clear_object (&self->run);
  set_running (self, FALSE);
}

/* Shows the ranking @results (transfer full; NULL: @error's message) and
 * @shown (transfer full), the whole rows of its first MAX_SHOWN entries */
static void
show_results (SpEstimatorWindow *self,
              GArray            *results,
              GPtrArray         *shown,
              const GError      *error)
{
  const char *currency = sp_price_context_get_currency (self->ctx);
  GtkWidget *child;

  g_clear_pointer (&self->results, g_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->results = results;
  self->shown = shown != NULL ? shown
                              : g_ptr_array_new_with_free_func ((GDestroyNotify) sp_estimate_row_free);
  set_running (self, FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (self->results == NULL)
    gtk_label_set_label (self->summary_label, error->message);
  else if (self->results->len == 0)
    gtk_label_set_label (self->summary_label, _("No offer matches this workload"));
  else
    {
      SpEstimateRow *best = g_ptr_array_index (self->shown, 0);
      g_autofree char *cost = sp_format_amount (best->monthly_cost, currency);
      g_autofree char *summary = NULL;

      /* Translators: estimator summary, e.g. "12 matching offers. Cheapest:
       * Demo Northstar — ¥9,300.00 per month" */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u matching offer. Cheapest: %s — %s per month",
                                              "%u matching offers. Cheapest: %s — %s per month",
                                              self->results->len),
                                 self->results->len, sp_format_vendor (best->offer), cost);
      gtk_label_set_label (self->summary_label, summary);
    }
  for (guint i = 0; self->results != NULL && i < self->shown->len; i++)
    {
      guint row = g_array_index (self->results, SpTableEstimate, i).row;
      g_autoptr(SpOfferFlags) flags = sp_offer_prices_dup_flags (self->prices, self->table, row);

      gtk_list_box_append (self->results_list,
                           make_result_row (self, i + 1, g_ptr_array_index (self->shown, i), flags));
    }
  if (self->results != NULL && self->results->len > MAX_SHOWN)
    {
      guint n_more = self->results->len - MAX_SHOWN;
      g_autofree char *more = g_strdup_printf (ngettext ("%u more offer costs more",
                                                         "%u more offers cost more", n_more),
                                               n_more);
      GtkWidget *label = gtk_label_new (more);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_append (self->results_list, label);
    }
  g_signal_emit (self, signals[SIGNAL_ESTIMATED], 0);
}

static void
estimate_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SpEstimatorWindow *self = user_data;   /* not ref'd: dispose cancels the run */
  g_autoptr(GError) error = NULL;
  GPtrArray *shown = NULL;
  GArray *results = sp_offer_table_estimate_finish (result, &shown, &error);

  /* superseded by a newer workload, or the window is disposed */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->run);
  show_results (self, results, shown, error);
}

static void
recompute (SpEstimatorWindow *self)
{
  const char *mode = gtk_stack_get_visible_child_name (self->mode_stack);
  g_autofree char *search = NULL;
  SpWorkload workload;
  gboolean tokens;

  if (self->building || mode == NULL)
    return;
  cancel_run (self);
  sp_workload_init (&workload);
  tokens = g_str_equal (mode, "tokens") || g_str_equal (mode, "task");
  gtk_widget_set_visible (self->self_host_box, tokens);

  if (g_str_equal (mode, "gpu"))
    {
      workload.kind = SP_WORKLOAD_GPU_HOURS;
      workload.hours = spin_micro (self->hours_spin);
      workload.gpu_model = selected_gpu (self, self->gpu_dropdown);
      workload.min_gpu_memory_gb = (guint) spin_integer (self->memory_spin);
    }
  else if (g_str_equal (mode, "cpu"))
    {
      workload.kind = SP_WORKLOAD_CORE_HOURS;
      workload.hours = spin_micro (self->core_hours_spin);
    }
  else if (g_str_equal (mode, "tokens"))
    {
      workload.kind = SP_WORKLOAD_TOKENS;
      workload.input_mtok = spin_micro (self->input_spin);
      workload.output_mtok = spin_micro (self->output_spin);
      workload.cached_mtok = spin_micro (self->cached_spin);
      search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->model_entry)));
      workload.search = search;
    }
  else
    {
      workload.kind = SP_WORKLOAD_TOKENS;
      if (!sp_workload_set_task (&workload, spin_integer (self->task_input_spin),
                                 spin_integer (self->task_output_spin),
                                 spin_integer (self->requests_spin)))
        {
          gtk_label_set_label (self->summary_label, _("These numbers are too large to estimate"));
          return;
        }
    }
  if (tokens)
    {
      workload.self_host_tokens_per_second = spin_micro (self->throughput_spin);
      workload.gpu_model = selected_gpu (self, self->self_host_gpu_dropdown);
      workload.off_peak = gtk_check_button_get_active (self->off_peak_check);
    }

  update_breakeven (self, mode, &workload);
  {
    g_autoptr(GArray) rows = sp_offer_table_estimate_detail_rows (self->table, &workload);

    request_details (self, rows);
  }
  /* in a worker, on copies: the form may change at once (the next change
   * cancels this run; its result is never shown) */
  self->run = g_cancellable_new ();
  set_running (self, TRUE);
  gtk_label_set_label (self->summary_label, _("Estimating…"));
  sp_offer_table_estimate_async (self->table, self->details, &workload, self->ctx, MAX_SHOWN,
                                 self->run, estimate_done, self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
fill_gpu_dropdowns (SpEstimatorWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) list2 = gtk_string_list_new (NULL);
  g_autoptr(GArray) rows = sp_offer_table_distinct_rows (self->table, -1,
                                                         SP_TABLE_DISTINCT_GPU_MODEL);

  g_ptr_array_set_size (self->gpu_models, 0);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (self->gpu_models,
                     (gpointer) sp_offer_table_get_gpu_model (self->table, g_array_index (rows, guint, i)));
  g_ptr_array_sort (self->gpu_models, compare_strings);
  g_ptr_array_insert (self->gpu_models, 0, NULL);
  gtk_string_list_append (list, _("Any GPU"));
  gtk_string_list_append (list2, _("Any GPU"));
  for (guint i = 1; i < self->gpu_models->len; i++)
    {
      gtk_string_list_append (list, g_ptr_array_index (self->gpu_models, i));
      gtk_string_list_append (list2, g_ptr_array_index (self->gpu_models, i));
    }
  gtk_drop_down_set_model (self->gpu_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_model (self->self_host_gpu_dropdown, G_LIST_MODEL (list2));
}

static void
fill_presets (SpEstimatorWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint n = 0;
  const SpTaskPreset *presets = sp_task_presets (&n);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, sp_task_preset_get_name (&presets[i]));
  gtk_drop_down_set_model (self->preset_dropdown, G_LIST_MODEL (list));
  if (n > 0)
    {
      gtk_spin_button_set_value (self->task_input_spin, presets[0].input_tokens);
      gtk_spin_button_set_value (self->task_output_spin, presets[0].output_tokens);
    }
}

/* ------------------------------------------------------------ callbacks */

static void
on_form_changed (SpEstimatorWindow *self)
{
  recompute (self);
}

static void
on_preset_changed (SpEstimatorWindow *self)
{
  guint n = 0;
  const SpTaskPreset *presets = sp_task_presets (&n);
  guint i = gtk_drop_down_get_selected (self->preset_dropdown);

  if (i < n)
    {
      gboolean was_building = self->building;
      self->building = TRUE;
      gtk_spin_button_set_value (self->task_input_spin, presets[i].input_tokens);
      gtk_spin_button_set_value (self->task_output_spin, presets[i].output_tokens);
      self->building = was_building;
    }
  recompute (self);
}

/* ------------------------------------------------------------- GObject */

static void
sp_estimator_window_dispose (GObject *object)
{
  SpEstimatorWindow *self = SP_ESTIMATOR_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_ESTIMATOR_WINDOW);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run);
  g_clear_object (&self->run);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->service);
  g_clear_pointer (&self->details, g_hash_table_unref);
  g_clear_pointer (&self->requested, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_array_unref);
  g_clear_pointer (&self->prices, sp_offer_prices_unref);
  g_clear_object (&self->table);
  g_clear_pointer (&self->gpu_models, g_ptr_array_unref);
  g_clear_object (&self->ctx);
  g_clear_object (&self->wallet);

  G_OBJECT_CLASS (sp_estimator_window_parent_class)->dispose (object);
}

static void
sp_estimator_window_class_init (SpEstimatorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_estimator_window_dispose;

  /* Emitted when the results of the latest workload are shown (never for
   * a run a newer workload superseded) */
  signals[SIGNAL_ESTIMATED] = g_signal_new ("estimated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  g_type_ensure (SP_TYPE_BREAKEVEN_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-estimator-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, gpu_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, memory_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, core_hours_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, input_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, output_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, cached_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, model_entry);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, requests_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, task_input_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, task_output_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, self_host_box);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, throughput_spin);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, self_host_gpu_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, off_peak_check);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, SpEstimatorWindow, breakeven_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_changed);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_estimator_window_init (SpEstimatorWindow *self)
{
  self->building = TRUE;
  self->gpu_models = g_ptr_array_new ();
  self->details = sp_offer_details_new ();
  self->requested = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ----------------------------------------------------------- public API */

/* @offers (may be NULL): the whole offers of @table's rows, in its order */
static SpEstimatorWindow *
window_new (GtkWindow      *parent,
            SpOfferTable   *table,
            SpPriceContext *ctx,
            SpOfferPrices  *prices,
            SpStoreService *service,
            GPtrArray      *offers)
{
  SpEstimatorWindow *self;

  self = g_object_new (SP_TYPE_ESTIMATOR_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->table = g_object_ref (table);
  self->prices = sp_offer_prices_ref (prices);
  self->ctx = g_object_ref (ctx);
  self->service = service != NULL ? g_object_ref (service) : NULL;
  for (guint row = 0; offers != NULL && row < offers->len; row++)
    sp_offer_details_add (self->details, row, g_ptr_array_index (offers, row));
  fill_gpu_dropdowns (self);
  fill_presets (self);
  self->building = FALSE;
  recompute (self);
  return self;
}

SpEstimatorWindow *
sp_estimator_window_new_for_table (GtkWindow      *parent,
                                   SpOfferTable   *table,
                                   SpPriceContext *ctx,
                                   SpOfferPrices  *prices,
                                   SpStoreService *service)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SP_IS_OFFER_TABLE (table), NULL);
  g_return_val_if_fail (prices != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);
  g_return_val_if_fail (service == NULL || SP_IS_STORE_SERVICE (service), NULL);

  return window_new (parent, table, ctx, prices, service, NULL);
}

SpEstimatorWindow *
sp_estimator_window_new (GtkWindow      *parent,
                         GPtrArray      *offers,
                         GHashTable     *flags,
                         SpPriceContext *ctx)
{
  g_autoptr(SpOfferTable) table = NULL;
  g_autoptr(SpOfferPrices) prices = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (offers != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  /* the offers are whole: each is its own detail */
  table = sp_offer_table_new_from_offers (offers);
  prices = sp_offer_prices_compute (table, ctx, NULL, sp_date_today (), NULL, NULL, NULL);
  return window_new (parent, table, ctx, prices, NULL, offers);
}

void
sp_estimator_window_set_gpu_hours (SpEstimatorWindow *self,
                                   const char        *gpu_model,
                                   double             hours)
{
  guint index;

  g_return_if_fail (SP_IS_ESTIMATOR_WINDOW (self));

  index = gpu_index (self, gpu_model);
  self->building = TRUE;
  gtk_stack_set_visible_child_name (self->mode_stack, "gpu");
  gtk_drop_down_set_selected (self->gpu_dropdown, index);
  gtk_spin_button_set_value (self->hours_spin, hours);
  self->building = FALSE;
  recompute (self);
}

void
sp_estimator_window_set_tokens (SpEstimatorWindow *self,
                                double             input_m,
                                double             output_m)
{
  g_return_if_fail (SP_IS_ESTIMATOR_WINDOW (self));

  self->building = TRUE;
  gtk_stack_set_visible_child_name (self->mode_stack, "tokens");
  gtk_spin_button_set_value (self->input_spin, input_m);
  gtk_spin_button_set_value (self->output_spin, output_m);
  self->building = FALSE;
  recompute (self);
}

guint
sp_estimator_window_get_n_results (SpEstimatorWindow *self)
{
  g_return_val_if_fail (SP_IS_ESTIMATOR_WINDOW (self), 0);
  return self->results ? self->results->len : 0;
}

const SpEstimateRow *
sp_estimator_window_get_result (SpEstimatorWindow *self,
                                guint              index)
{
  g_return_val_if_fail (SP_IS_ESTIMATOR_WINDOW (self), NULL);
  g_return_val_if_fail (self->shown != NULL && index < self->shown->len, NULL);
  return g_ptr_array_index (self->shown, index);
}

void
sp_estimator_window_set_wallet (SpEstimatorWindow *self,
                                SpWallet          *wallet)
{
  g_return_if_fail (SP_IS_ESTIMATOR_WINDOW (self));

  g_set_object (&self->wallet, wallet);
  recompute (self);
}

gboolean
sp_estimator_window_get_busy (SpEstimatorWindow *self)
{
  g_return_val_if_fail (SP_IS_ESTIMATOR_WINDOW (self), FALSE);
  return self->run != NULL || self->n_pending > 0 ||
         sp_breakeven_chart_get_busy (self->breakeven_chart);
}

SpBreakevenChart *
sp_estimator_window_get_breakeven_chart (SpEstimatorWindow *self)
{
  g_return_val_if_fail (SP_IS_ESTIMATOR_WINDOW (self), NULL);
  return self->breakeven_chart;
}

void
sp_estimator_window_set_self_host (SpEstimatorWindow *self,
                                   const char        *gpu_model,
                                   double             tokens_per_second,
                                   const char        *model)
{
  guint index;

  g_return_if_fail (SP_IS_ESTIMATOR_WINDOW (self));

  index = gpu_index (self, gpu_model);
  self->building = TRUE;
  gtk_stack_set_visible_child_name (self->mode_stack, "tokens");
  gtk_drop_down_set_selected (self->self_host_gpu_dropdown, index);
  gtk_spin_button_set_value (self->throughput_spin, tokens_per_second);
  gtk_editable_set_text (GTK_EDITABLE (self->model_entry), model ? model : "");
  self->building = FALSE;
  recompute (self);
}
