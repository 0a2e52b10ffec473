/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-application.c — the Suanpan application: actions, settings, windows */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-preferences-window.h"
#include "sp-widget-util.h"
#include "sp-window.h"
#include "sp-app-resources.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  SpPriceContext *price_context;
  char           *data_dir;
  char           *store_path;
  SpStoreService *store_service;  /* created for store_path on first use */
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

/* The rate the ledger records on entries added without one. */
static void
sync_ledger_rate (SpApplication *self)
{
  g_autofree char *rate_text = NULL;
  g_autofree char *rate_date = NULL;
  SpMoney rate;

  if (self->store_service == NULL)
    return;
  rate_text = g_settings_get_string (self->settings, "usd-cny-rate");
  rate_date = g_settings_get_string (self->settings, "usd-cny-rate-date");
  if (sp_money_parse (rate_text, &rate, NULL) && rate > 0)
    sp_store_service_set_default_rate (self->store_service, rate,
                                       sp_ledger_date_valid (rate_date) ? rate_date : NULL);
}

static void
sync_price_context (SpApplication *self)
{
  g_autofree char *currency = g_settings_get_string (self->settings, "display-currency");
  g_autofree char *rate_text = g_settings_get_string (self->settings, "usd-cny-rate");
  SpMoney rate;

  sp_price_context_set_currency (self->price_context, currency);
  if (sp_money_parse (rate_text, &rate, NULL))
    sp_price_context_set_usd_cny (self->price_context, rate);
  sp_price_context_set_mix (self->price_context,
                            g_settings_get_uint (self->settings, "token-mix-input"),
                            g_settings_get_uint (self->settings, "token-mix-output"));
  sync_ledger_rate (self);
}

static void
on_settings_changed (GSettings     *settings,
                     const char    *key,
                     SpApplication *self)
{
  sync_price_context (self);
}

static void
sp_application_activate (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sp_window_new (self));
  gtk_window_present (window);
}

static void
action_quit (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SpApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  GList *copy = g_list_copy (windows);

  /* close windows so they save their state */
  for (GList *it = copy; it != NULL; it = it->next)
    gtk_window_close (it->data);
  g_list_free (copy);
  g_application_quit (G_APPLICATION (self));
}

static void
action_preferences (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  SpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  SpPreferencesWindow *prefs = sp_preferences_window_new (self->settings);

  sp_preferences_window_add_company (prefs, sp_application_get_store_path (self));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
action_about (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Suanpan developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Suanpan"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Suanpan developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Suanpan developers",
                        "comments", _("Compare compute and token prices on one scale, redeem "
                                      "compute vouchers correctly, and see where the money went."),
                        "developers", developers,
                        /* Translators: put your name here */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", action_quit },
  { "preferences", action_preferences },
  { "about", action_about },
};

static void
sp_application_startup (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *refresh_accels[] = { "<Control>r", NULL };
  /* GTK's own for its help overlay (the window builds ours when asked) */
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
}

static int
sp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SpApplication *self = SP_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("suanpan %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_clear_pointer (&self->data_dir, g_free);
  g_variant_dict_lookup (options, "data-dir", "^ay", &self->data_dir);
  if (self->data_dir == NULL && g_getenv ("SUANPAN_DATA_DIR") != NULL)
    self->data_dir = g_strdup (g_getenv ("SUANPAN_DATA_DIR"));
  g_clear_pointer (&self->store_path, g_free);
  self->store_path = sp_store_default_path (self->data_dir);
  return -1;
}

static void
sp_application_dispose (GObject *object)
{
  SpApplication *self = SP_APPLICATION (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->price_context);
  g_clear_object (&self->store_service);

  G_OBJECT_CLASS (sp_application_parent_class)->dispose (object);
}

static void
sp_application_finalize (GObject *object)
{
  SpApplication *self = SP_APPLICATION (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->store_path, g_free);

  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sp_application_dispose;
  object_class->finalize = sp_application_finalize;
  app_class->activate = sp_application_activate;
  app_class->startup = sp_application_startup;
  app_class->handle_local_options = sp_application_handle_local_options;
}

static void
sp_application_init (SpApplication *self)
{
  const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Keep the database in DIR"), N_("DIR") },
    { NULL }
  };

  sp_app_register_resource ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->price_context = sp_price_context_new ();
  sync_price_context (self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  /* also without g_application_run() (tests): honour $SUANPAN_DATA_DIR */
  self->store_path = sp_store_default_path (g_getenv ("SUANPAN_DATA_DIR"));
}

SpApplication *
sp_application_new (void)
{
  return g_object_new (SP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

GSettings *
sp_application_get_settings (SpApplication *self)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);
  return self->settings;
}

SpPriceContext *
sp_application_get_price_context (SpApplication *self)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);
  return self->price_context;
}

const char *
sp_application_get_store_path (SpApplication *self)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);
  return self->store_path;
}

SpStoreService *
sp_application_get_store_service (SpApplication *self)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);

  if (self->store_service != NULL
      && g_strcmp0 (sp_store_service_get_path (self->store_service), self->store_path) != 0)
    g_clear_object (&self->store_service);
  if (self->store_service == NULL)
    {
      self->store_service = sp_store_service_new (self->store_path);
      /* the demo catalog on first launch */
      sp_store_service_set_open_func (self->store_service, sp_core_seed_demo);
      sync_ledger_rate (self);
    }
  return self->store_service;
}

gboolean
sp_application_follow_service (SpApplication   *self,
                               SpStoreService **slot,
                               gpointer         instance)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), FALSE);

  return sp_follow_object (slot, sp_application_get_store_service (self), instance);
}
