/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sources-page.c — the Sources page: vendor feeds, refresh, add/edit/remove
 *
 * The page reads and writes the sources through the application's store
 * service (list, save, delete on its worker) and asks it for live refreshes
 * (the service runs SpRefresher and reports ::refresh-progress).  Every
 * source is a SpSourceRow in a boxed list bound to a GListStore of SpSource;
 * a save shows at once and the list is read again when the service says the
 * sources changed; the objects are updated in place from the store, so
 * expanded rows stay expanded.
 *
 * The built-in demo catalog is not listed: it is not a vendor source, the
 * Offers page labels it, and it goes away once real sources are added. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-secret.h"
#include "sp-source-dialog.h"
#include "sp-sources-page-private.h"

/* A source the user removed, waiting for its Undo toast to go away. */


G_DEFINE_FINAL_TYPE (SpSourcesPage, sp_sources_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SOURCES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- helpers */

void
sp_sources_page_show_message (SpSourcesPage *self,
              const char    *message)
{
  AdwToast *toast = sp_toast_new_plain (message);

  /* short, so that an Undo offer queued behind it comes soon */
  adw_toast_set_timeout (toast, 3);
  sp_toast_show (GTK_WIDGET (self), toast);
}

SpSource *
sp_sources_page_find_source (SpSourcesPage *self,
                             const char    *name,
                             guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (g_strcmp0 (sp_source_get_name (source), name) == 0)
        {
          if (position != NULL)
            *position = i;
          return source; /* still owned by the list store */
        }
    }
  return NULL;
}

static PendingRemoval *
find_pending (SpSourcesPage *self,
              const char    *name)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingRemoval *p = g_ptr_array_index (self->pending, i);

      if (!p->done && !p->undone && g_strcmp0 (sp_source_get_name (p->source), name) == 0)
        return p;
    }
  return NULL;
}

int
sp_sources_page_compare_sources (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_utf8_collate (sp_source_get_name ((SpSource *) a), sp_source_get_name ((SpSource *) b));
}

void
sp_sources_page_update_state (SpSourcesPage *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->sources)) > 0;

  gtk_stack_set_visible_child_name (self->state_stack, any ? "list" : "empty");
}

void
sp_sources_page_update_refresh_button (SpSourcesPage *self)
{
  if (self->refresh_cancellable != NULL)
    {
      gtk_button_set_label (self->refresh_button, _("_Cancel"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button), _("Stop refreshing"));
    }
  else
    {
      gtk_button_set_label (self->refresh_button, _("_Refresh All"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button),
                                   _("Fetch every enabled source now (Ctrl+R)"));
    }
}

/* Copies every writable property (the refresh outcome, offer count, …) from
 * a freshly loaded source; unchanged values do not notify. */
static void
copy_source (SpSource *dst,
             SpSource *src)
{
  guint n = 0;
  g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (src), &n);

  g_object_freeze_notify (G_OBJECT (dst));
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *p = props[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if ((p->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE
          || (p->flags & G_PARAM_CONSTRUCT_ONLY) != 0
          || g_strcmp0 (p->name, "name") == 0)
        continue;
      g_value_init (&value, p->value_type);
      g_object_get_property (G_OBJECT (src), p->name, &value);
      g_object_set_property (G_OBJECT (dst), p->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (dst));
}

/* Brings the list in line with the store: updates sources in place, adds
 * new ones, drops deleted ones.  Sources waiting for their Undo toast stay
 * hidden. */
static void
reload_sources (SpSourcesPage *self,
                GPtrArray     *fresh)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  for (guint i = 0; i < fresh->len; i++)
    {
      SpSource *src = g_ptr_array_index (fresh, i);
      const char *name = sp_source_get_name (src);
      SpSource *existing;

      if (g_strcmp0 (name, SP_DEMO_SOURCE) == 0 || find_pending (self, name) != NULL)
        continue;
      g_hash_table_add (seen, (gpointer) name);
      existing = sp_sources_page_find_source (self, name, NULL);
      if (existing != NULL)
        copy_source (existing, src);
      else
        g_list_store_insert_sorted (self->sources, src, sp_sources_page_compare_sources, NULL);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(SpSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i - 1);

      if (!g_hash_table_contains (seen, sp_source_get_name (source)))
        g_list_store_remove (self->sources, i - 1);
    }
  sp_sources_page_update_state (self);
}

/* The list as stored; then the page's list_then, if any. */
static void
on_sources_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SpSourcesPage) self = user_data;
  ListedFunc then = self->list_then;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = sp_store_service_list_sources_finish (SP_STORE_SERVICE (source),
                                                                     result, &error);

  self->n_busy--;
  if (self->service == NULL)   /* disposed meanwhile */
    return;
  self->list_then = NULL;
  self->listed = TRUE;
  if (fresh == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not read the sources: %s"), error->message);

      sp_sources_page_update_state (self);
      sp_sources_page_show_message (self, msg);
      return;
    }
  reload_sources (self, fresh);
  if (then != NULL)
    then (self);
}

static void
list_then (SpSourcesPage *self,
           ListedFunc     then)
{
  if (self->service == NULL)
    return;
  self->n_busy++;
  if (then != NULL)
    self->list_then = then;
  sp_store_service_list_sources_async (self->service, self->cancellable, on_sources_listed,
                                       g_object_ref (self));
}

void
sp_sources_page_reload_or_toast (SpSourcesPage *self)
{
  list_then (self, NULL);
}

/* A save or a delete answered with an error: say so and show what is
 * stored. */
void
sp_sources_page_saved_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(SpSourcesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_busy--;
  if (sp_store_service_finish (SP_STORE_SERVICE (source), result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
    return;
  {
    g_autofree char *msg = g_strdup_printf (_("Could not save the sources: %s"), error->message);

    sp_sources_page_show_message (self, msg);
  }
  sp_sources_page_reload_or_toast (self);
}

/* Adds (@is_new) or updates @source through the store service. */
void
sp_sources_page_store_source (SpSourcesPage *self,
                              SpSource      *source,
                              gboolean       is_new)
{
  if (self->service == NULL)
    return;
  self->n_busy++;
  sp_store_service_save_source_async (self->service, source, is_new, NULL,
                                      sp_sources_page_saved_cb, g_object_ref (self));
}

SpSourceRow *
sp_sources_page_next_row (SpSourcesPage *self,
                          int           *index)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, (*index)++)) != NULL)
    if (SP_IS_SOURCE_ROW (row))
      return SP_SOURCE_ROW (row);
  return NULL;
}

static void
update_rows (SpSourcesPage *self)
{
  guint hours = self->settings != NULL ? g_settings_get_uint (self->settings, "stale-after-hours")
                                       : 24;

  SpSourceRow *row;
  int i = 0;

  while ((row = sp_sources_page_next_row (self, &i)) != NULL)
    {
      sp_source_row_set_stale_after (row, hours);
      sp_source_row_update (row);
    }
}

static void
on_row_refresh (SpSourceRow   *row,
                SpSourcesPage *self)
{
  sp_sources_page_refresh (self, sp_source_get_name (sp_source_row_get_source (row)));
}

static void
on_dialog_save (SpSourceDialog *dialog,
                SpSourcesPage  *self)
{
  g_autoptr(GError) error = NULL;

  sp_sources_page_save_source (self, sp_source_dialog_get_source (dialog),
                               sp_source_dialog_get_name (dialog),
                               sp_source_dialog_get_url (dialog),
                               sp_source_dialog_get_format (dialog),
                               sp_source_dialog_get_policy (dialog),
                               sp_source_dialog_get_api_key (dialog),
                               sp_source_dialog_get_forget_key (dialog),
                               &error);
  sp_source_dialog_finish (dialog, error);
}

static void
open_dialog (SpSourcesPage *self,
             SpSource      *source)
{
  SpSourceDialog *dialog = sp_source_dialog_new (source);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "save", G_CALLBACK (on_dialog_save), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_row_edit (SpSourceRow   *row,
             SpSourcesPage *self)
{
  open_dialog (self, sp_source_row_get_source (row));
}

static void
on_row_remove (SpSourceRow   *row,
               SpSourcesPage *self)
{
  sp_sources_page_remove_source (self, sp_source_get_name (sp_source_row_get_source (row)));
}

static void
on_row_enabled_changed (SpSourceRow   *row,
                        gboolean       enabled,
                        SpSourcesPage *self)
{
  SpSource *source = sp_source_row_get_source (row);

  /* on an error the page says so and shows what is stored */
  sp_source_set_enabled (source, enabled);
  sp_sources_page_store_source (self, source, FALSE);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SpSourcesPage *self = user_data;
  SpSourceRow *row = sp_source_row_new (SP_SOURCE (item));

  if (self->settings != NULL)
    sp_source_row_set_stale_after (row, g_settings_get_uint (self->settings, "stale-after-hours"));
  g_signal_connect_object (row, "refresh", G_CALLBACK (on_row_refresh), self, 0);
  g_signal_connect_object (row, "edit", G_CALLBACK (on_row_edit), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), self, 0);
  g_signal_connect_object (row, "enabled-changed", G_CALLBACK (on_row_enabled_changed), self, 0);
  return GTK_WIDGET (row);
}

static void
on_refresh_clicked (GtkButton     *button,
                    SpSourcesPage *self)
{
  if (self->refresh_cancellable != NULL)
    sp_sources_page_cancel_refresh (self);
  else
    sp_sources_page_refresh (self, NULL);
}

static gboolean
on_list_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     SpSourcesPage         *self)
{
  GtkWidget *focus;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return GDK_EVENT_PROPAGATE;
  /* only when a row itself has the focus, not a widget inside it */
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (!SP_IS_SOURCE_ROW (focus))
    return GDK_EVENT_PROPAGATE;
  sp_sources_page_remove_source (self,
                                 sp_source_get_name (sp_source_row_get_source (SP_SOURCE_ROW (focus))));
  return GDK_EVENT_STOP;
}

static void
on_stale_after_changed (GSettings     *settings,
                        const char    *key,
                        SpSourcesPage *self)
{
  update_rows (self);
}

static gboolean
on_tick (gpointer user_data)
{
  update_rows (user_data);
  return G_SOURCE_CONTINUE;
}

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  open_dialog (SP_SOURCES_PAGE (widget), NULL);
}

static void
action_add_preset (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SpSourcesPage *self = SP_SOURCES_PAGE (widget);
  const char *wanted = g_variant_get_string (param, NULL);
  const SpSourcePreset *presets;
  guint n = 0;

  presets = sp_source_presets (&n);
  for (guint i = 0; i < n; i++)
    {
      const SpSourcePreset *p = &presets[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *msg = NULL;

      if (g_strcmp0 (p->name, wanted) != 0)
        continue;
      if (sp_sources_page_find_source (self, p->name, NULL) != NULL)
        msg = g_strdup_printf (_("“%s” is already one of your sources"), p->name);
      else if (!sp_sources_page_save_source (self, NULL, p->name, p->url, p->format,
                                             SP_REFRESH_MANUAL, NULL, FALSE, &error))
        msg = g_strdup_printf (_("Could not add “%s”: %s"), p->name, error->message);
      else
        msg = g_strdup_printf (_("Added “%s”. Refreshing it needs a network connection."),
                               p->name);
      sp_sources_page_show_message (self, msg);
      return;
    }
}

static GMenuModel *
build_presets_menu (void)
{
  GMenu *menu = g_menu_new ();
  const SpSourcePreset *presets;
  guint n = 0;

  presets = sp_source_presets (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(presets[i].title), NULL);

      g_menu_item_set_action_and_target_value (item, "sources.add-preset",
                                               g_variant_new_string (presets[i].name));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* --------------------------------------------------------------- opening */

/* At start-up only sources whose policy is "on start" are fetched: a
 * source set to "only on request" never goes to the network behind the
 * user's back, even with refresh-on-start set. */
static void
refresh_on_start (SpSourcesPage *self)
{
  if (g_settings_get_boolean (self->settings, "refresh-on-start"))
    {
      g_autoptr(GPtrArray) names = sp_sources_page_refreshable_names (self, TRUE);

      if (names->len > 0)
        sp_sources_page_start_refresh (self, names);
    }
}

void
sp_sources_page_emit_changed (SpSourcesPage *self)
{
  /* the store service told every other page already */
  g_signal_emit (self, signals[SIGNAL_SOURCES_CHANGED], 0);
}

/* ------------------------------------------------------------- GObject */

static void
sp_sources_page_dispose (GObject *object)
{
  SpSourcesPage *self = SP_SOURCES_PAGE (object);

  /* removals the user did not undo are final, even if the window closes
   * before their toast went away */
  if (self->pending != NULL)
    {
      while (self->pending->len > 0)
        {
          PendingRemoval *p = g_ptr_array_steal_index (self->pending, 0);

          if (!p->done && !p->undone && self->service != NULL)
            sp_sources_page_commit_removal (self, p, FALSE);
          p->page = NULL;
        }
    }
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SOURCES_PAGE);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (sp_sources_page_parent_class)->dispose (object);
}

static void
sp_sources_page_finalize (GObject *object)
{
  SpSourcesPage *self = SP_SOURCES_PAGE (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sp_sources_page_parent_class)->finalize (object);
}

static void
sp_sources_page_class_init (SpSourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_sources_page_dispose;
  object_class->finalize = sp_sources_page_finalize;

  /**
   * SpSourcesPage::sources-changed: offers in the store changed (a refresh
   * stored new offers, or a source was removed)
   */
  signals[SIGNAL_SOURCES_CHANGED] = g_signal_new ("sources-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);

  g_type_ensure (SP_TYPE_SOURCE_ROW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-sources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSourcesPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, SpSourcesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, SpSourcesPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SpSourcesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SpSourcesPage, empty_presets_button);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);

  gtk_widget_class_install_action (widget_class, "sources.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "sources.add-preset", "s", action_add_preset);
}

static void
sp_sources_page_init (SpSourcesPage *self)
{
  g_autoptr(GMenuModel) presets = NULL;
  GtkEventController *keys;

  self->sources = g_list_store_new (SP_TYPE_SOURCE);
  self->pending = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sources), create_row, self, NULL);
  presets = build_presets_menu ();
  adw_split_button_set_menu_model (self->add_button, presets);
  gtk_menu_button_set_menu_model (self->empty_presets_button, presets);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), keys);

  sp_sources_page_update_state (self);
}

/* ---------------------------------------------------------- public API */

void
sp_sources_page_load (SpSourcesPage *self,
                      SpApplication *app)
{
  g_return_if_fail (SP_IS_SOURCES_PAGE (self));
  g_return_if_fail (SP_IS_APPLICATION (app));

  if (self->settings == NULL)
    {
      self->settings = g_object_ref (sp_application_get_settings (app));
      g_signal_connect (self->settings, "changed::stale-after-hours",
                        G_CALLBACK (on_stale_after_changed), self);
    }
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (60, on_tick, self);
  if (sp_application_follow_service (app, &self->service, self))
    {
      g_signal_connect_swapped (self->service, "refresh-progress",
                                G_CALLBACK (sp_sources_page_on_refresh_progress), self);
      g_signal_connect_swapped (self->service, "sources-changed",
                                G_CALLBACK (sp_sources_page_reload_or_toast), self);
      g_signal_connect_swapped (self->service, "restored",
                                G_CALLBACK (sp_sources_page_reload_or_toast), self);
      list_then (self, refresh_on_start);
      return;
    }
  sp_sources_page_reload_or_toast (self);
}

gboolean
sp_sources_page_save_source (SpSourcesPage    *self,
                             SpSource         *existing,
                             const char       *name,
                             const char       *url,
                             SpFeedFormat      format,
                             SpRefreshPolicy   policy,
                             const char       *api_key,
                             gboolean          forget_key,
                             GError          **error)
{
  g_autoptr(SpSource) source = NULL;
  gboolean new_key = api_key != NULL && *api_key != '\0';

  g_return_val_if_fail (SP_IS_SOURCES_PAGE (self), FALSE);
  g_return_val_if_fail (existing == NULL || SP_IS_SOURCE (existing), FALSE);

  if (self->service == NULL)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                           _("The sources could not be opened"));
      return FALSE;
    }
  if (existing != NULL)
    name = sp_source_get_name (existing);
  if (!sp_source_check_name (name, error) || !sp_source_check_url (url, error))
    return FALSE;

  if (existing == NULL)
    {
      PendingRemoval *p = find_pending (self, name);

      /* re-adding a source that waits for its Undo toast: finish removing it */
      if (p != NULL)
        sp_sources_page_commit_removal (self, p, TRUE);
      if (sp_sources_page_find_source (self, name, NULL) != NULL ||
          g_strcmp0 (name, SP_DEMO_SOURCE) == 0)
        {
          g_set_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME,
                       _("There is already a source named “%s”"), name);
          return FALSE;
        }
      source = sp_source_new (name, url, format);
      sp_source_set_refresh_policy (source, policy);
      sp_source_set_enabled (source, TRUE);
      sp_source_set_has_api_key (source, new_key);
      /* shown at once; on an error the page says so and shows what is stored */
      sp_sources_page_store_source (self, source, TRUE);
      g_list_store_insert_sorted (self->sources, source, sp_sources_page_compare_sources, NULL);
    }
  else
    {
      source = g_object_ref (existing);
      sp_source_set_url (source, url);
      sp_source_set_format (source, format);
      sp_source_set_refresh_policy (source, policy);
      if (new_key)
        sp_source_set_has_api_key (source, TRUE);
      else if (forget_key)
        sp_source_set_has_api_key (source, FALSE);
      sp_sources_page_store_source (self, source, FALSE);
    }

  if (new_key)
    sp_secret_store_async (name, api_key, self->cancellable, sp_sources_page_secret_stored_cb,
                           sp_sources_page_secret_data_new (self, source));
  else if (forget_key)
    sp_secret_clear_async (name, self->cancellable, sp_sources_page_secret_cleared_cb,
                           sp_sources_page_secret_data_new (self, source));
  sp_sources_page_update_state (self);
  return TRUE;
}

const char *
sp_sources_page_get_state (SpSourcesPage *self)
{
  g_return_val_if_fail (SP_IS_SOURCES_PAGE (self), NULL);
  if (!self->listed)
    return "loading";
  return gtk_stack_get_visible_child_name (self->state_stack);
}

GListModel *
sp_sources_page_get_model (SpSourcesPage *self)
{
  g_return_val_if_fail (SP_IS_SOURCES_PAGE (self), NULL);
  return G_LIST_MODEL (self->sources);
}

SpSourceRow *
sp_sources_page_get_row (SpSourcesPage *self,
                         const char    *name)
{
  SpSourceRow *row;
  int i = 0;

  g_return_val_if_fail (SP_IS_SOURCES_PAGE (self), NULL);

  while ((row = sp_sources_page_next_row (self, &i)) != NULL)
    if (g_strcmp0 (sp_source_get_name (sp_source_row_get_source (row)), name) == 0)
      return row;
  return NULL;
}

void
sp_sources_page_wait (SpSourcesPage *self)
{
  g_return_if_fail (SP_IS_SOURCES_PAGE (self));
  while (self->n_busy > 0)
    g_main_context_iteration (NULL, TRUE);
}

const char *
sp_sources_page_get_summary (SpSourcesPage *self)
{
  g_return_val_if_fail (SP_IS_SOURCES_PAGE (self), NULL);
  return self->summary;
}
