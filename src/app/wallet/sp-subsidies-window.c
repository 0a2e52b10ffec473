/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-subsidies-window.c — the Subsidies panel (issue 19) */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-subsidies-window.h"

struct _SpSubsidiesWindow
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwPreferencesPage  *page;
  AdwActionRow        *company_row;
  GtkLabel            *total_label;

  /* owned */
  GCancellable        *cancellable;
  SpSubsidyReport     *report;
  GHashTable          *rows;        /* programme id → AdwExpanderRow (borrowed) */
  GPtrArray           *groups;      /* AdwPreferencesGroup added by code (borrowed) */
};

G_DEFINE_FINAL_TYPE (SpSubsidiesWindow, sp_subsidies_window, ADW_TYPE_WINDOW)

gboolean
sp_subsidies_window_can_open (const char *url)
{
  return url != NULL && g_str_has_prefix (url, "https://") && strchr (url, ' ') == NULL;
}

/* The rule paths of docs/programmes.md as a person reads them */
static const char *
rule_label (const char *path)
{
  static const struct { const char *path; const char *label; } labels[] = {
    { "rates.domestic-compute", N_("Rate for domestic compute") },
    { "rates.other-compute", N_("Rate for other compute") },
    { "rates.model-service", N_("Rate for model services") },
    { "rates", N_("Subsidy rates") },
    { "startup_rates.domestic-compute", N_("Start-up rate for domestic compute") },
    { "startup_rates.other-compute", N_("Start-up rate for other compute") },
    { "startup_rates.model-service", N_("Start-up rate for model services") },
    { "item_kinds", N_("What may be bought") },
    { "cap_per_contract", N_("Cap per contract") },
    { "cap_per_firm_year", N_("Cap per firm and year") },
    { "budget_total", N_("Yearly budget of the programme") },
    { "valid_from", N_("First day") },
    { "valid_to", N_("Last day") },
    { "prorate", N_("Contracts partly inside the period") },
    { "rounding", N_("Rounding") },
    { "payout", N_("When the money is paid") },
    { "stacking", N_("Combining with other subsidies") },
    { "vendors.ids", N_("Approved vendors") },
    { "vendors.accept_tagged", N_("Approved vendors") },
    { "vendors.require_unaffiliated", N_("Vendor not a related party") },
    { "conditions.registered_in_city", N_("Where the firm is registered") },
    { "conditions.industries", N_("Industries") },
    { "conditions.platforms", N_("Platform") },
    { "conditions.min_contract", N_("Smallest contract") },
    { "conditions.min_subsidy", N_("Smallest voucher") },
    { "conditions.application_window", N_("When to apply") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].path, path))
      return _(labels[i].label);
  return _("Other rule");
}

static const char *
applies_text (SpApplies applies)
{
  switch (applies)
    {
    case SP_APPLIES_YES:
      return _("Applies");
    case SP_APPLIES_NO:
      return _("Does not apply");
    case SP_APPLIES_UNKNOWN:
    default:
      return _("Cannot tell");
    }
}

static AdwActionRow *
text_row (const char *title,
          const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *t = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    {
      g_autofree char *s = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (row, s);
    }
  return row;
}

static void
on_open_clicked (GtkButton *button,
                 gpointer   user_data)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");

  if (sp_subsidies_window_can_open (url))
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), url, GDK_CURRENT_TIME);
}

/* One row listing the rules of @paths by their labels (none: no row) */
static void
add_rule_list_row (AdwExpanderRow     *expander,
                   const char         *title,
                   const char * const *paths)
{
  g_autoptr(GString) list = g_string_new (NULL);
  AdwActionRow *row;

  if (paths == NULL || paths[0] == NULL)
    return;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *label = rule_label (paths[i]);

      if (strstr (list->str, label) == NULL)
        g_string_append_printf (list, "%s%s", list->len ? _(", ") : "", label);
    }
  row = text_row (title, list->str);
  gtk_widget_add_css_class (GTK_WIDGET (row), "warning");
  adw_expander_row_add_row (expander, GTK_WIDGET (row));
}

static void
add_source_rows (AdwExpanderRow *expander,
                 SpProgramme    *p)
{
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;
  const char *url = sp_programme_get_source_url (p);
  const char * const *unknown = sp_programme_get_unknown (p);
  const char * const *uncited = sp_programme_get_uncited (p);
  g_autofree char *origin = sp_programme_dup_origin_label (p);
  g_auto(GStrv) paths = NULL;

  /* where the programme came from: shipped, imported, or which source and when */
  adw_expander_row_add_row (expander, GTK_WIDGET (text_row (_("Origin"), origin)));
  /* what the document does not say, and what no document backs, whether or not one was found */
  add_rule_list_row (expander, _("Not stated in the document"), unknown);
  add_rule_list_row (expander, _("Given without a published source"), uncited);
  if (!sp_programme_has_source (p))
    {
      adw_expander_row_add_row (expander, GTK_WIDGET (text_row (_("No published source was found for this programme."), NULL)));
      return;
    }
  paths = sp_programme_dup_clause_paths (p);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", sp_programme_get_clause (p, paths[i], NULL));

      adw_expander_row_add_row (expander, GTK_WIDGET (text_row (rule_label (paths[i]), quoted)));
    }
  subtitle = g_strdup_printf ("%s · %s", sp_programme_get_source_published (p) ? sp_programme_get_source_published (p)
                                                                                : _("date not given"),
                              url);
  row = text_row (sp_programme_get_source_title (p), subtitle);
  if (sp_subsidies_window_can_open (url))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Open the page in the browser"));
      g_object_set_data_full (G_OBJECT (button), "url", g_strdup (url), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_open_clicked), NULL);
      adw_action_row_add_suffix (row, button);
    }
  adw_expander_row_add_row (expander, GTK_WIDGET (row));
}

static char *
claim_subtitle (SpSubsidyClaim *claim)
{
  const char *currency = sp_programme_get_currency (claim->programme);
  g_autofree char *amount = NULL;
  g_autofree char *deadline = NULL;

  if (claim->eligibility->applies == SP_APPLIES_NO)
    return g_strdup (claim->eligibility->reason);
  if (!claim->amount_known)
    return g_strdup_printf ("%s · %s", applies_text (claim->eligibility->applies), _("rate unknown"));
  amount = sp_money_format (claim->claimable, currency, SP_MONEY_STYLE_AMOUNT);
  if (claim->deadline != 0)
    deadline = sp_date_to_iso (claim->deadline);
  /* TRANSLATORS: "Applies · ¥350.00 could still be claimed" */
  return deadline ? g_strdup_printf (_("%s · %s could still be claimed · apply by %s"),
                                     applies_text (claim->eligibility->applies), amount, deadline)
                  : g_strdup_printf (_("%s · %s could still be claimed"),
                                     applies_text (claim->eligibility->applies), amount);
}

static AdwExpanderRow *
claim_row (SpSubsidyClaim *claim)
{
  SpProgramme *p = claim->programme;
  SpEligibility *e = claim->eligibility;
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_autofree char *name = e->expired ? g_strdup_printf (_("%s (expired)"), sp_programme_get_name (p))
                                     : g_strdup (sp_programme_get_name (p));
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *subtitle = claim_subtitle (claim);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  g_autofree char *clause = e->clause ? g_strdup_printf ("“%s”", e->clause) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (expander, escaped);
  adw_expander_row_add_row (expander, GTK_WIDGET (text_row (e->reason, clause)));
  for (guint i = 0; i < e->to_check->len; i++)
    adw_expander_row_add_row (expander, GTK_WIDGET (text_row (e->to_check->pdata[i], NULL)));
  add_source_rows (expander, p);
  return expander;
}

static void
show_report (SpSubsidiesWindow *self)
{
  static const SpApplies order[] = { SP_APPLIES_YES, SP_APPLIES_UNKNOWN, SP_APPLIES_NO };
  static const char *titles[] = { N_("Applies to the company"), N_("Cannot tell"), N_("Does not apply") };
  GPtrArray *claims = sp_subsidy_report_get_claims (self->report);
  const SpCompany *company = sp_subsidy_report_get_company (self->report);
  g_autofree char *total = sp_money_format (sp_subsidy_report_get_total (self->report), "CNY",
                                            SP_MONEY_STYLE_AMOUNT);
  const char *city = sp_company_city_name (sp_subsidy_report_get_programmes (self->report),
                                           company->city);

  gtk_label_set_label (self->total_label, total);
  if (company->city == NULL)
    adw_action_row_set_subtitle (self->company_row, _("Not set: Preferences → Company"));
  else
    {
      g_autofree char *text = g_markup_escape_text (city ? city : company->city, -1);

      adw_action_row_set_subtitle (self->company_row, text);
    }
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      guint n = 0;

      adw_preferences_group_set_title (group, _(titles[k]));
      for (guint i = 0; i < claims->len; i++)
        {
          SpSubsidyClaim *claim = claims->pdata[i];
          AdwExpanderRow *row;

          if (claim->eligibility->applies != order[k])
            continue;
          row = claim_row (claim);
          adw_preferences_group_add (group, GTK_WIDGET (row));
          g_hash_table_insert (self->rows, g_strdup (sp_programme_get_id (claim->programme)), row);
          n++;
        }
      if (n == 0)
        {
          g_object_ref_sink (group);
          g_object_unref (group);
          continue;
        }
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
    }
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpSubsidiesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SpSubsidyReport *report = sp_subsidy_report_load_finish (result, &error);

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->company_row, error->message);
      return;
    }
  self->report = report;
  show_report (self);
}

static void
sp_subsidies_window_dispose (GObject *object)
{
  SpSubsidiesWindow *self = SP_SUBSIDIES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (sp_subsidies_window_parent_class)->dispose (object);
}

static void
sp_subsidies_window_finalize (GObject *object)
{
  SpSubsidiesWindow *self = SP_SUBSIDIES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (sp_subsidies_window_parent_class)->finalize (object);
}

static void
sp_subsidies_window_class_init (SpSubsidiesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_subsidies_window_dispose;
  object_class->finalize = sp_subsidies_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suanpan/Suanpan/ui/sp-subsidies-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSubsidiesWindow, page);
  gtk_widget_class_bind_template_child (widget_class, SpSubsidiesWindow, company_row);
  gtk_widget_class_bind_template_child (widget_class, SpSubsidiesWindow, total_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_subsidies_window_init (SpSubsidiesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->groups = g_ptr_array_new ();
}

SpSubsidiesWindow *
sp_subsidies_window_new (GtkWindow  *parent,
                         const char *store_path)
{
  SpSubsidiesWindow *self = g_object_new (SP_TYPE_SUBSIDIES_WINDOW,
                                          "transient-for", parent, NULL);

  g_return_val_if_fail (store_path != NULL, self);
  sp_subsidy_report_load_async (store_path, 12, 0, self->cancellable, on_loaded,
                                g_object_ref (self));
  return self;
}

gboolean
sp_subsidies_window_is_loaded (SpSubsidiesWindow *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDIES_WINDOW (self), FALSE);
  return self->report != NULL;
}

const char *
sp_subsidies_window_get_total_text (SpSubsidiesWindow *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDIES_WINDOW (self), NULL);
  return gtk_label_get_label (self->total_label);
}

AdwExpanderRow *
sp_subsidies_window_get_row (SpSubsidiesWindow *self,
                             const char        *programme_id)
{
  g_return_val_if_fail (SP_IS_SUBSIDIES_WINDOW (self), NULL);
  return g_hash_table_lookup (self->rows, programme_id);
}
