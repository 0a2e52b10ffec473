/* sp-window.c — the main window: a view switcher over the four areas */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-offers-page.h"
#include "sp-sources-page.h"
#include "sp-vouchers-page.h"
#include "sp-spending-page.h"
#include "sp-window.h"

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwViewStack         *stack;
  SpOffersPage         *offers_page;
  SpSourcesPage        *sources_page;
  SpVouchersPage       *vouchers_page;
  SpSpendingPage       *spending_page;
  AdwToastOverlay      *toast_overlay;

  /* owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

static void
save_window_state (SpWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
restore_window_state (SpWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sp_window_close_request (GtkWindow *window)
{
  SpWindow *self = SP_WINDOW (window);

  save_window_state (self);
  return GTK_WINDOW_CLASS (sp_window_parent_class)->close_request (window);
}

static void
on_offers_page_error (SpOffersPage *page,
                      const char   *message,
                      SpWindow     *self)
{
  /* toast titles are markup; the message may quote a path or a parser error */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A refresh stored new offers, or a source went away: show them. */
static void
on_sources_changed (SpSourcesPage *page,
                    SpWindow      *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (SP_IS_APPLICATION (app))
    sp_offers_page_load (self->offers_page, SP_APPLICATION (app));
}

/* The whole database was restored from a backup: read it again. */
static void
on_database_restored (SpSpendingPage *page,
                      SpWindow       *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!SP_IS_APPLICATION (app))
    return;
  sp_offers_page_load (self->offers_page, SP_APPLICATION (app));
  sp_sources_page_load (self->sources_page, SP_APPLICATION (app));
  sp_vouchers_page_load (self->vouchers_page, SP_APPLICATION (app));
}

static void
action_refresh (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SpWindow *self = user_data;

  sp_sources_page_refresh (self->sources_page, NULL);
}

static const GActionEntry win_actions[] = {
  { "refresh", action_refresh },
};

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_window_dispose;
  window_class->close_request = sp_window_close_request;

  g_type_ensure (SP_TYPE_OFFERS_PAGE);
  g_type_ensure (SP_TYPE_SOURCES_PAGE);
  g_type_ensure (SP_TYPE_VOUCHERS_PAGE);
  g_type_ensure (SP_TYPE_SPENDING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, offers_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sources_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, vouchers_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, spending_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_offers_page_error);
  gtk_widget_class_bind_template_callback (widget_class, on_sources_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_database_restored);
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
}

SpWindow *
sp_window_new (SpApplication *app)
{
  SpWindow *self;

  g_return_val_if_fail (SP_IS_APPLICATION (app), NULL);

  self = g_object_new (SP_TYPE_WINDOW, "application", app, NULL);
  self->settings = g_object_ref (sp_application_get_settings (app));
  restore_window_state (self);
  sp_offers_page_load (self->offers_page, app);
  sp_sources_page_load (self->sources_page, app);
  sp_vouchers_page_load (self->vouchers_page, app);
  sp_spending_page_load (self->spending_page, app);
  return self;
}

AdwViewStack *
sp_window_get_stack (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->stack;
}
