/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-watch-button.c — the Offers page's star: the watchlist menu, and the
 * toast that says which watched prices changed after a refresh or import
 *
 * The watches live in the store (sp-watchlist.h).  The changes are read in
 * a thread after every reload of the page and compared with those read the
 * time before: what is new came with the refresh or import in between. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-price-changes-window.h"
#include "sp-watch-button.h"

struct _SpWatchButton
{
  GtkWidget     parent_instance;

  GtkMenuButton *button;
  char          *store_path;
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
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* A toast with @title (plain text: escaped here). */
static AdwToast *
toast_new (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}

static void
update_star (SpWatchButton *self)
{
  gboolean watched = FALSE;

  for (guint i = 0; self->selection != NULL && i < self->selection->len && !watched; i++)
    watched = sp_watchlist_covers (self->watches, g_ptr_array_index (self->selection, i));
  gtk_menu_button_set_icon_name (self->button, watched ? "starred-symbolic" : "non-starred-symbolic");
}

static gboolean
read_watches (SpWatchButton  *self,
              GError        **error)
{
  g_autoptr(SpStore) store = NULL;
  GPtrArray *watches;

  if (self->store_path == NULL)
    return TRUE;
  store = sp_store_open (self->store_path, error);
  if (store == NULL)
    return FALSE;
  watches = sp_watchlist_list (store, error);
  if (watches == NULL)
    return FALSE;
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  self->watches = watches;
  update_star (self);
  return TRUE;
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
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = sp_watchlist_changes_finish (result, &error);
  g_autoptr(GPtrArray) fresh = NULL;
  SpWatchButton *self;
  AdwToast *toast;
  g_autofree char *title = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SP_WATCH_BUTTON (user_data);
  self->busy--;
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
  toast = toast_new (title);
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
  g_clear_pointer ((GtkWidget **) &self->button, gtk_widget_unparent);
  G_OBJECT_CLASS (sp_watch_button_parent_class)->dispose (object);
}

static void
sp_watch_button_finalize (GObject *object)
{
  SpWatchButton *self = SP_WATCH_BUTTON (object);

  g_free (self->store_path);
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
sp_watch_button_reload (SpWatchButton *self,
                        const char    *store_path)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SP_IS_WATCH_BUTTON (self));
  g_return_if_fail (store_path != NULL);

  if (g_strcmp0 (self->store_path, store_path) != 0)
    {
      /* another database: what it holds is not news */
      g_free (self->store_path);
      self->store_path = g_strdup (store_path);
      g_clear_pointer (&self->known, g_ptr_array_unref);
    }
  if (!read_watches (self, &error))
    g_debug ("Could not read the watchlist: %s", error->message);
  self->busy++;
  sp_watchlist_changes_async (self->store_path, 0, self->cancellable, changes_cb, self);
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

void
sp_watch_button_toggle (SpWatchButton *self,
                        GPtrArray     *offers,
                        gboolean       groups)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *title = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean all_watched = TRUE;
  guint n = 0;

  g_return_if_fail (SP_IS_WATCH_BUTTON (self));

  if (offers == NULL || offers->len == 0 || self->store_path == NULL)
    return;
  for (guint i = 0; i < offers->len && all_watched; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      if (groups)
        all_watched = sp_watchlist_covers (self->watches, o) && !sp_watchlist_has_offer (self->watches, o);
      else
        all_watched = sp_watchlist_has_offer (self->watches, o);
    }

  store = sp_store_open (self->store_path, &error);
  for (guint i = 0; store != NULL && i < offers->len && error == NULL; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);
      g_autofree char *group = groups ? sp_offer_dup_group (o) : NULL;
      SpWatchKind kind = groups ? SP_WATCH_GROUP : SP_WATCH_OFFER;
      const char *key = groups ? group : sp_offer_get_id (o);

      if (all_watched)
        {
          if (sp_watchlist_remove (store, kind, sp_offer_get_source (o), key, &error))
            n++;
          else if (g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
            g_clear_error (&error);  /* two offers of one group */
        }
      else if (sp_watchlist_add (store, kind, sp_offer_get_source (o), key, now, &error))
        n++;
    }
  if (error != NULL)
    {
      /* Translators: %s is the reason */
      title = g_strdup_printf (_("Could not change the watchlist: %s"), error->message);
      show_toast (self, toast_new (title), title);
      return;
    }
  if (groups)
    title = all_watched
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped watching %u group",
                                      "Stopped watching %u groups", n), n)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Watching %u group: you will hear when its prices change",
                                      "Watching %u groups: you will hear when their prices change", n), n);
  else
    title = all_watched
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped watching %u offer",
                                      "Stopped watching %u offers", n), n)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Watching %u offer: you will hear when its price changes",
                                      "Watching %u offers: you will hear when their prices change", n), n);
  g_clear_object (&store);
  if (!read_watches (self, &error))
    g_debug ("Could not read the watchlist: %s", error->message);
  show_toast (self, toast_new (title), title);
}

void
sp_watch_button_show_changes (SpWatchButton *self)
{
  GtkRoot *root;
  SpPriceChangesWindow *window;

  g_return_if_fail (SP_IS_WATCH_BUTTON (self));

  mark_seen (self);
  if (self->store_path == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = sp_price_changes_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        self->store_path);
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
