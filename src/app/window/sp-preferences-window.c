/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-window.c — preferences: display currency, exchange rate, token mix,
 * refreshing sources */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-core.h"
#include "sp-preferences-window.h"
#include "sp-subsidies-company-group.h"

struct _SpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *currency_row;
  AdwEntryRow          *rate_row;
  AdwActionRow         *rate_date_row;
  GtkSpinButton        *mix_input_spin;
  GtkSpinButton        *mix_output_spin;
  GtkSwitch            *refresh_on_start_switch;
  GtkSpinButton        *stale_hours_spin;

  /* owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_rate_date (SpPreferencesWindow *self)
{
  g_autofree char *date = g_settings_get_string (self->settings, "usd-cny-rate-date");

  if (date == NULL || *date == '\0')
    adw_action_row_set_subtitle (self->rate_date_row,
                                 _("Built-in default — enter today’s rate from your bank"));
  else
    adw_action_row_set_subtitle (self->rate_date_row, date);
}

static void
on_rate_apply (AdwEntryRow         *row,
               SpPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *canonical = NULL;
  SpMoney rate;

  if (!sp_money_parse (text, &rate, NULL) || rate <= 0 || rate > 1000 * SP_MONEY_SCALE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Enter the rate as yuan per US dollar, for example 7.2")));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  canonical = sp_money_to_string (rate, 1);
  g_settings_set_string (self->settings, "usd-cny-rate", canonical);
  g_settings_set_string (self->settings, "usd-cny-rate-date", date);
  gtk_editable_set_text (GTK_EDITABLE (row), canonical);
  update_rate_date (self);
}

static void
on_rate_changed (AdwEntryRow         *row,
                 SpPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
currency_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *currency = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_strcmp0 (currency, "USD") == 0 ? 1 : 0);
  return TRUE;
}

static GVariant *
currency_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "USD" : "CNY");
}

static void
on_mix_changed (GtkSpinButton       *spin,
                SpPreferencesWindow *self)
{
  guint in = (guint) gtk_spin_button_get_value_as_int (self->mix_input_spin);
  guint out = (guint) gtk_spin_button_get_value_as_int (self->mix_output_spin);

  /* 0:0 is no mix at all; keep the other share at least 1 */
  if (in == 0 && out == 0)
    {
      gtk_spin_button_set_value (spin == self->mix_input_spin ? self->mix_output_spin
                                                              : self->mix_input_spin, 1);
      return;
    }
  g_settings_set_uint (self->settings, "token-mix-input", in);
  g_settings_set_uint (self->settings, "token-mix-output", out);
}

static void
sp_preferences_window_constructed (GObject *object)
{
  SpPreferencesWindow *self = SP_PREFERENCES_WINDOW (object);
  g_autofree char *rate = NULL;

  G_OBJECT_CLASS (sp_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "display-currency",
                                self->currency_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                currency_get_mapping, currency_set_mapping, NULL, NULL);
  rate = g_settings_get_string (self->settings, "usd-cny-rate");
  gtk_editable_set_text (GTK_EDITABLE (self->rate_row), rate);
  update_rate_date (self);
  gtk_spin_button_set_value (self->mix_input_spin,
                             g_settings_get_uint (self->settings, "token-mix-input"));
  gtk_spin_button_set_value (self->mix_output_spin,
                             g_settings_get_uint (self->settings, "token-mix-output"));
  g_signal_connect (self->mix_input_spin, "value-changed", G_CALLBACK (on_mix_changed), self);
  g_signal_connect (self->mix_output_spin, "value-changed", G_CALLBACK (on_mix_changed), self);
  g_settings_bind (self->settings, "refresh-on-start",
                   self->refresh_on_start_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "stale-after-hours",
                   gtk_spin_button_get_adjustment (self->stale_hours_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
sp_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SpPreferencesWindow *self = SP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_preferences_window_dispose (GObject *object)
{
  SpPreferencesWindow *self = SP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sp_preferences_window_parent_class)->dispose (object);
}

static void
sp_preferences_window_class_init (SpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_preferences_window_constructed;
  object_class->set_property = sp_preferences_window_set_property;
  object_class->dispose = sp_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, rate_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, rate_date_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, mix_input_spin);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, mix_output_spin);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, refresh_on_start_switch);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, stale_hours_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_rate_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_rate_changed);
}

static void
sp_preferences_window_init (SpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SpPreferencesWindow *
sp_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SP_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

void
sp_preferences_window_add_company (SpPreferencesWindow *self,
                                   const char          *store_path)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

  g_return_if_fail (SP_IS_PREFERENCES_WINDOW (self));
  adw_preferences_page_set_title (page, _("Company"));
  adw_preferences_page_set_icon_name (page, "system-users-symbolic");
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (sp_subsidies_company_group_new (store_path)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}
