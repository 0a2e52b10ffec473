/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-watch-button.c — the Offers page's star: the watchlist menu, and the
 * toast that says which watched prices changed after a refresh or import
 *
 * The watches live in the store (sp-watchlist.h), read and written through
 * the application's store service.  The changes are read after every
 * reload of the page and compared with those read the time before: what is
 * new came with the refresh or import in between. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-dialogs.h"
#include "sp-format.h"
#include "sp-widget-util.h"
#include "sp-price-changes-window.h"
#include "sp-watch-button.h"

struct _SpWatchButton
{
  GtkWidget     parent_instance;

  GtkMenuButton *button;
  SpStoreService *service;
  GPtrArray     *watches;    /* SpWatch* */
  GPtrArray     *known;      /* SpPriceChange*: those already reported (NULL: first read) */
  GPtrArray     *selection;  /* SpOffer* (referenced) */
  GCancellable  *cancellable;
  char          *last_toast;
  guint          busy;
  GSettings     *settings;   /* "price-changes-seen"; may be NULL */
};

G_DEFINE_FINAL_TYPE (SpWatchButton, sp_watch_button, GTK_TYPE_WIDGET)

static void
show_toast (SpWatchButton *self,
            AdwToast      *toast,
            const char    *title)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  sp_toast_show (GTK_WIDGET (self), toast);
}

static void
update_star (SpWatchButton *self)
{
  gboolean watched = FALSE;

  for (guint i = 0; self->selection != NULL && i < self->selection->len && !watched; i++)
    watched = sp_watchlist_covers (self->watches, g_ptr_array_index (self->selection, i));
  gtk_menu_button_set_icon_name (self->button, watched ? "starred-symbolic" : "non-starred-symbolic");
}

static void
watches_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpWatchButton) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *watches = sp_store_service_list_watches_finish (SP_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (watches == NULL)
    {
      g_debug ("Could not read the watchlist: %s", error->message);
      return;
    }
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  self->watches = watches;
  update_star (self);
}

static void
read_watches (SpWatchButton *self)
{
  if (self->service == NULL)
    return;
  self->busy++;
  sp_store_service_list_watches_async (self->service, self->cancellable, watches_read,
                                       g_object_ref (self));
}

static void
on_show_changes (AdwToast      *toast,
                 SpWatchButton *self)
{
  sp_watch_button_show_changes (self);
}

/* The changes the user has been told about, remembered across starts
 * ("price-changes-seen"): one line per change.  Not a time: a dated
 * snapshot records its changes at its own date, which can be long before
 * the user last looked. */
#define SEEN_MAX 1000

static char *
seen_key (const SpPriceChange *c)
{
  return g_strdup_printf ("%s\t%s\t%" G_GINT64_FORMAT "\t%d", c->source, c->offer_id,
                          c->changed_at, c->gone ? 1 : 0);
}

/* The user has been told about every change read last (self->known) */
static void
mark_seen (SpWatchButton *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  if (self->settings == NULL || self->known == NULL)
    return;
  for (guint i = 0; i < self->known->len && i < SEEN_MAX; i++)
    {
      g_autofree char *key = seen_key (g_ptr_array_index (self->known, i));

      g_strv_builder_add (builder, key);
    }
  keys = g_strv_builder_end (builder);
  {
    g_auto(GStrv) before = g_settings_get_strv (self->settings, "price-changes-seen");
    g_autoptr(GVariant) user = g_settings_get_user_value (self->settings, "price-changes-seen");

    /* written only when it changes (every reload reads the changes) */
    if (user == NULL || !g_strv_equal ((const char * const *) before, (const char * const *) keys))
      g_settings_set_strv (self->settings, "price-changes-seen", (const char * const *) keys);
  }
}

/* At the first read: the changes the user was not told about (the app was
 * closed meanwhile: a command-line import or refresh).  Nothing at the
 * first start (the key was never written). */
static GPtrArray *
changes_since_seen (SpWatchButton *self,
                    GPtrArray     *changes)
{
  GPtrArray *fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_price_change_free);
  g_autoptr(GVariant) user = NULL;
  g_auto(GStrv) seen = NULL;

  if (self->settings == NULL)
    return fresh;
  user = g_settings_get_user_value (self->settings, "price-changes-seen");
  if (user == NULL)
    return fresh;
  seen = g_settings_get_strv (self->settings, "price-changes-seen");
  for (guint i = 0; i < changes->len; i++)
    {
      const SpPriceChange *c = g_ptr_array_index (changes, i);
      g_autofree char *key = seen_key (c);

      if (!g_strv_contains ((const char * const *) seen, key))
        g_ptr_array_add (fresh, sp_price_change_copy (c));
    }
  return fresh;
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpWatchButton) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = sp_store_service_watch_changes_finish (SP_STORE_SERVICE (object),
                                                                        result, &error);
  g_autoptr(GPtrArray) fresh = NULL;
  AdwToast *toast;
  g_autofree char *title = NULL;

  self->busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (changes == NULL)
    {
      g_debug ("Could not read the watched price changes: %s", error->message);
      return;
    }
  if (self->known == NULL)
    /* the first read: only what came since the user last saw the changes
     * is news */
    fresh = changes_since_seen (self, changes);
  else
    fresh = sp_price_changes_new (self->known, changes);
  g_clear_pointer (&self->known, g_ptr_array_unref);
  self->known = g_steal_pointer (&changes);
  mark_seen (self);
  if (fresh->len == 0)
    return;

  if (fresh->len == 1)
    {
      const SpPriceChange *c = g_ptr_array_index (fresh, 0);
      g_autofree char *what = sp_price_change_dup_description (c);

      /* Translators: a toast: the offer's name and what its price did */
      title = g_strdup_printf (_("Watched: %s — %s"), c->name != NULL ? c->name : c->offer_id, what);
    }
  else
    {
      guint down = 0, up = 0, gone = 0;

      for (guint i = 0; i < fresh->len; i++)
        switch (sp_price_change_get_direction (g_ptr_array_index (fresh, i)))
          {
          case SP_PRICE_CHANGE_DOWN:
            down++;
            break;
          case SP_PRICE_CHANGE_UP:
            up++;
            break;
          case SP_PRICE_CHANGE_GONE:
            gone++;
            break;
          case SP_PRICE_CHANGE_OTHER:
          default:
            break;
          }
      /* Translators: a toast after a refresh: how many watched prices changed, dropped, rose and left */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u watched price changed: %u dropped, %u rose, %u no longer on sale",
                                            "%u watched prices changed: %u dropped, %u rose, %u no longer on sale",
                                            fresh->len),
                               fresh->len, down, up, gone);
    }
  toast = sp_toast_new_plain (title);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Show Changes"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_show_changes), self, 0);
  show_toast (self, toast, title);
}

/* ------------------------------------------------------------ GObject */

static void
sp_watch_button_dispose (GObject *object)
{
  SpWatchButton *self = SP_WATCH_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  sp_follow_object (&self->service, NULL, self);
  g_clear_pointer ((GtkWidget **) &self->button, gtk_widget_unparent);
  G_OBJECT_CLASS (sp_watch_button_parent_class)->dispose (object);
}

static void
sp_watch_button_finalize (GObject *object)
{
  SpWatchButton *self = SP_WATCH_BUTTON (object);

  g_free (self->last_toast);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_clear_pointer (&self->known, g_ptr_array_unref);
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  G_OBJECT_CLASS (sp_watch_button_parent_class)->finalize (object);
}

static void
sp_watch_button_class_init (SpWatchButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_watch_button_dispose;
  object_class->finalize = sp_watch_button_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
sp_watch_button_init (SpWatchButton *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_menu_append (menu, _("_Watch Selected Offers"), "offers.watch");
  g_menu_append (menu, _("Watch Their _Groups"), "offers.watch-group");
  g_menu_append (menu, _("_Price Changes…"), "offers.price-changes");

  self->cancellable = g_cancellable_new ();
  self->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_watch_free);
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "non-starred-symbolic");
  gtk_menu_button_set_menu_model (self->button, G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                               _("Watchlist: star offers or groups to hear when their prices change"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Watchlist"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
}

/* ------------------------------------------------------------ public API */

void
sp_watch_button_set_settings (SpWatchButton *self,
                              GSettings     *settings)
{
  g_return_if_fail (SP_IS_WATCH_BUTTON (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

void
sp_watch_button_reload (SpWatchButton  *self,
                        SpStoreService *service)
{
  g_return_if_fail (SP_IS_WATCH_BUTTON (self));
  g_return_if_fail (SP_IS_STORE_SERVICE (service));

  if (sp_follow_object (&self->service, service, self))
    {
      /* another database: what it holds is not news */
      g_signal_connect_swapped (service, "watchlist-changed", G_CALLBACK (read_watches), self);
      g_clear_pointer (&self->known, g_ptr_array_unref);
    }
  read_watches (self);
  self->busy++;
  sp_store_service_watch_changes_async (self->service, 0, self->cancellable, changes_cb,
                                        g_object_ref (self));
}

void
sp_watch_button_set_selection (SpWatchButton *self,
                               GPtrArray     *offers)
{
  g_return_if_fail (SP_IS_WATCH_BUTTON (self));

  g_clear_pointer (&self->selection, g_ptr_array_unref);
  if (offers != NULL)
    self->selection = g_ptr_array_ref (offers);
  update_star (self);
}

typedef struct {
  SpWatchButton *self;
  char          *title;   /* the toast on success */
} Toggle;

static void
toggled (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Toggle *t = user_data;
  g_autoptr(SpWatchButton) self = t->self;
  g_autofree char *title = t->title;
  g_autoptr(GError) error = NULL;

  g_free (t);
  self->busy--;
  if (!sp_store_service_finish (SP_STORE_SERVICE (source), result, &error))
    {
      g_free (title);
      /* Translators: %s is the reason */
      title = g_strdup_printf (_("Could not change the watchlist: %s"), error->message);
    }
  /* the star follows ::watchlist-changed */
  show_toast (self, sp_toast_new_plain (title), title);
}

void
sp_watch_button_toggle (SpWatchButton *self,
                        GPtrArray     *offers,
                        gboolean       groups)
{
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Toggle *t;
  gboolean all_watched = TRUE;
  guint n = 0;

  g_return_if_fail (SP_IS_WATCH_BUTTON (self));

  if (offers == NULL || offers->len == 0 || self->service == NULL)
    return;
  for (guint i = 0; i < offers->len && all_watched; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      if (groups)
        all_watched = sp_watchlist_covers (self->watches, o) && !sp_watchlist_has_offer (self->watches, o);
      else
        all_watched = sp_watchlist_has_offer (self->watches, o);
    }

  watches = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_watch_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      g_autofree char *group = groups ? sp_offer_dup_group (o) : NULL;
      SpWatch w = { groups ? SP_WATCH_GROUP : SP_WATCH_OFFER, (char *) sp_offer_get_source (o),
                    groups ? group : (char *) sp_offer_get_id (o) };
      g_autofree char *id = g_strdup_printf ("%d\t%s\t%s", w.kind, groups ? "" : w.source, w.key);

      /* adding again keeps the watch; removing it twice (two offers of one
       * group) would not find it the second time */
      n++;
      if (all_watched && !g_hash_table_add (seen, g_steal_pointer (&id)))
        n--;
      else
        g_ptr_array_add (watches, sp_watch_copy (&w));
    }
  t = g_new0 (Toggle, 1);
  t->self = g_object_ref (self);
  if (groups)
    t->title = all_watched
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped watching %u group",
                                      "Stopped watching %u groups", n), n)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Watching %u group: you will hear when its prices change",
                                      "Watching %u groups: you will hear when their prices change", n), n);
  else
    t->title = all_watched
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped watching %u offer",
                                      "Stopped watching %u offers", n), n)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Watching %u offer: you will hear when its price changes",
                                      "Watching %u offers: you will hear when their prices change", n), n);
  self->busy++;
  sp_store_service_set_watches_async (self->service, watches, !all_watched, self->cancellable,
                                      toggled, t);
}

void
sp_watch_button_show_changes (SpWatchButton *self)
{
  GtkRoot *root;
  SpPriceChangesWindow *window;

  g_return_if_fail (SP_IS_WATCH_BUTTON (self));

  mark_seen (self);
  if (self->service == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = sp_price_changes_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        self->service);
  gtk_window_present (GTK_WINDOW (window));
}

GPtrArray *
sp_watch_button_get_watches (SpWatchButton *self)
{
  g_return_val_if_fail (SP_IS_WATCH_BUTTON (self), NULL);
  return self->watches;
}

const char *
sp_watch_button_get_last_toast (SpWatchButton *self)
{
  g_return_val_if_fail (SP_IS_WATCH_BUTTON (self), NULL);
  return self->last_toast;
}

gboolean
sp_watch_button_is_busy (SpWatchButton *self)
{
  g_return_val_if_fail (SP_IS_WATCH_BUTTON (self), FALSE);
  return self->busy > 0;
}
