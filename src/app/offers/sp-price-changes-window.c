/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-price-changes-window.c — the "price changes" list of the watchlist
 *
 * Every change of a watched price, newest first, from the dated price
 * history (sp_watchlist_changes()): which price dropped or rose, by how
 * much, since when; offers that left their source are listed too. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-price-changes-window.h"
#include "sp-text.h"

struct _SpPriceChangesWindow
{
  AdwWindow     parent_instance;

  GtkStack     *stack;
  GtkListBox   *list;
  AdwStatusPage *empty;
  GCancellable *cancellable;
  guint         n_changes;
};

G_DEFINE_FINAL_TYPE (SpPriceChangesWindow, sp_price_changes_window, ADW_TYPE_WINDOW)

static char *
format_day (gint64 unix_seconds)
{
  return sp_text_format_local (unix_seconds, "%Y-%m-%d", "—");
}

char *
sp_price_change_dup_description (const SpPriceChange *c)
{
  g_autofree char *day = NULL;
  g_autofree char *since = NULL;
  g_autofree char *old = NULL;
  g_autofree char *new = NULL;
  g_autofree char *pct = NULL;
  const char *unit;
  SpMoney old_value, new_value;
  gboolean is_output = FALSE;
  gint64 bp = 0;

  g_return_val_if_fail (c != NULL, NULL);

  day = format_day (c->changed_at);
  since = format_day (c->since);
  sp_price_change_get_moved (c, &old_value, &new_value, &is_output);
  old = sp_format_money (old_value, c->old_currency);
  new = sp_format_money (new_value, c->currency);
  unit = is_output ? _("1M output tokens") : sp_format_unit (c->kind);
  if (sp_price_change_get_percent_bp (c, &bp))
    {
      g_autofree char *p = sp_money_to_string (bp * 10000, 2);

      pct = g_strdup_printf ("%s%s %%", bp > 0 ? "+" : "", p);
    }

  switch (sp_price_change_get_direction (c))
    {
    case SP_PRICE_CHANGE_GONE:
      /* Translators: a watched offer left its source; the date, its last price, unit, since */
      return g_strdup_printf (_("No longer on sale since %s (last %s per %s, since %s)"),
                              day, old, unit, since);
    case SP_PRICE_CHANGE_DOWN:
      /* Translators: old → new price, unit, percent, date, old price, since */
      return g_strdup_printf (_("Dropped %s → %s per %s (%s) on %s, was %s since %s"),
                              old, new, unit, pct ? pct : "—", day, old, since);
    case SP_PRICE_CHANGE_UP:
      /* Translators: old → new price, unit, percent, date, old price, since */
      return g_strdup_printf (_("Rose %s → %s per %s (%s) on %s, was %s since %s"),
                              old, new, unit, pct ? pct : "—", day, old, since);
    case SP_PRICE_CHANGE_OTHER:
    default:
      /* Translators: old → new price, unit, date, since */
      return g_strdup_printf (_("Changed %s → %s per %s on %s, since %s"),
                              old, new, unit, day, since);
    }
}

static GtkWidget *
change_row (const SpPriceChange *c)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = sp_price_change_dup_description (c);
  g_autofree char *title_markup = NULL;
  g_autofree char *subtitle_markup = NULL;
  const char *vendor = c->vendor_name != NULL ? c->vendor_name : c->vendor_id;
  const char *icon;

  /* Translators: a price change's title: the offer's name · its vendor */
  title = g_strdup_printf (_("%s · %s"), c->name != NULL ? c->name : c->offer_id,
                           vendor != NULL ? vendor : "");
  /* titles are markup: names come from catalogs */
  title_markup = g_markup_escape_text (title, -1);
  subtitle_markup = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
  switch (sp_price_change_get_direction (c))
    {
    case SP_PRICE_CHANGE_DOWN:
      icon = "go-down-symbolic";
      break;
    case SP_PRICE_CHANGE_UP:
      icon = "go-up-symbolic";
      break;
    case SP_PRICE_CHANGE_GONE:
      icon = "action-unavailable-symbolic";
      break;
    case SP_PRICE_CHANGE_OTHER:
    default:
      icon = "view-refresh-symbolic";
      break;
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  return row;
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = sp_store_service_watch_changes_finish (SP_STORE_SERVICE (object),
                                                                        result, &error);
  SpPriceChangesWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SP_PRICE_CHANGES_WINDOW (user_data);
  if (changes == NULL)
    {
      adw_status_page_set_title (self->empty, _("Could not read the price changes"));
      adw_status_page_set_description (self->empty, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    gtk_list_box_append (self->list, change_row (g_ptr_array_index (changes, i)));
  self->n_changes = changes->len;
  gtk_stack_set_visible_child_name (self->stack, changes->len > 0 ? "list" : "empty");
}

static void
sp_price_changes_window_dispose (GObject *object)
{
  SpPriceChangesWindow *self = SP_PRICE_CHANGES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (sp_price_changes_window_parent_class)->dispose (object);
}

static void
sp_price_changes_window_class_init (SpPriceChangesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_price_changes_window_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
sp_price_changes_window_init (SpPriceChangesWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *loading = gtk_spinner_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Price Changes"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 520);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "starred-symbolic");
  adw_status_page_set_title (self->empty, _("No Watched Price Changed"));
  adw_status_page_set_description (self->empty,
                                   _("Star offers or groups on the Offers page: after each "
                                     "refresh or import, the prices that dropped or rose are "
                                     "listed here."));

  gtk_spinner_start (GTK_SPINNER (loading));
  gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, loading, "loading");
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

SpPriceChangesWindow *
sp_price_changes_window_new (GtkWindow      *parent,
                             SpStoreService *service)
{
  SpPriceChangesWindow *self;

  g_return_val_if_fail (SP_IS_STORE_SERVICE (service), NULL);

  self = g_object_new (SP_TYPE_PRICE_CHANGES_WINDOW,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);
  sp_store_service_watch_changes_async (service, 0, self->cancellable, changes_cb, self);
  return self;
}

GtkListBox *
sp_price_changes_window_get_list (SpPriceChangesWindow *self)
{
  g_return_val_if_fail (SP_IS_PRICE_CHANGES_WINDOW (self), NULL);
  return self->list;
}

guint
sp_price_changes_window_get_n_changes (SpPriceChangesWindow *self)
{
  g_return_val_if_fail (SP_IS_PRICE_CHANGES_WINDOW (self), 0);
  return self->n_changes;
}
