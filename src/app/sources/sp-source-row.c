/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-source-row.c — one vendor source on the Sources page
 *
 * The header shows the name, the URL (or "Imported file"), the offer count
 * (for a source of compute-voucher programmes, how many programmes it gave,
 * read from the store service after each refresh),
 * the age of the last good refresh (a warning-styled "Stale" badge once it
 * is older than the stale-after-hours setting) and the enable switch.  The
 * expanded part shows the last error, the format, the refresh policy, the
 * API key state and the HTTP details. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-programme.h"
#include "sp-source-row.h"

struct _SpSourceRow
{
  AdwExpanderRow  parent_instance;

  /* template widgets */
  GtkSpinner     *spinner;
  GtkLabel       *progress_label;
  GtkImage       *error_icon;
  GtkLabel       *count_label;
  GtkLabel       *age_label;
  GtkSwitch      *enabled_switch;
  AdwActionRow   *local_row;
  AdwActionRow   *error_row;
  AdwActionRow   *format_row;
  AdwActionRow   *license_row;
  AdwActionRow   *refreshed_row;
  AdwActionRow   *policy_row;
  AdwActionRow   *key_row;
  GtkWidget      *http_row;
  GtkLabel       *http_label;
  GtkWidget      *refresh_button;
  GtkWidget      *edit_button;

  /* owned */
  SpSource       *source;
  guint           stale_after_hours;
  gboolean        busy;
  gboolean        updating;

  /* a programme source: its programmes, counted for the refresh of
   * programmes_for (its last success); -1 while not known */
  int             programmes;
  gint64          programmes_for;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (SpSourceRow, sp_source_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SIGNAL_REFRESH,
  SIGNAL_EDIT,
  SIGNAL_REMOVE,
  SIGNAL_ENABLED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -------------------------------------------------------------- helpers */

const char *
sp_feed_format_label (SpFeedFormat format)
{
  switch (format)
    {
    case SP_FEED_FORMAT_SUANPAN:
      return _("Suanpan Offer Feed");
    case SP_FEED_FORMAT_LITELLM:
      return _("LiteLLM price map");
    case SP_FEED_FORMAT_OPENROUTER:
      return _("OpenRouter model list");
    case SP_FEED_FORMAT_SKYPILOT:
      return _("SkyPilot catalog (CSV)");
    case SP_FEED_FORMAT_LLM_PRICES_CN:
      return _("llm-prices-cn (Chinese model prices)");
    case SP_FEED_FORMAT_GENAI_PRICES:
      return _("genai-prices (Pydantic)");
    case SP_FEED_FORMAT_PROGRAMMES:
      return _("Compute-voucher programmes");
    case SP_FEED_FORMAT_AUTO:
    default:
      return _("Detect automatically");
    }
}

char *
sp_format_relative_time (gint64 then,
                         gint64 now)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (then);
  g_autoptr(GDateTime) n = g_date_time_new_from_unix_local (now);
  GTimeSpan span;
  gint64 minutes, hours, days;

  if (t == NULL || n == NULL)
    return g_strdup ("—");
  span = g_date_time_difference (n, t);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;
  days = span / G_TIME_SPAN_DAY;
  if (hours < 1)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (gulong) minutes),
                            (int) minutes);
  if (days < 1)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), (int) hours);
  if (days < 60)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);
  /* Translators: a date, strftime format */
  return g_date_time_format (t, _("%Y-%m-%d"));
}

static const char *
policy_label (SpRefreshPolicy policy)
{
  switch (policy)
    {
    case SP_REFRESH_ON_START:
      return _("When Suanpan starts and on request");
    case SP_REFRESH_MANUAL:
    default:
      return _("Only on request");
    }
}

static gboolean
url_is_plain_loopback (const char *url)
{
  return url != NULL && g_ascii_strncasecmp (url, "http://", 7) == 0;
}

static void
set_visible_text (GtkLabel   *label,
                  const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void sync_from_source (SpSourceRow *self);

/* A programme source's programmes, from the store service (the wallet's
 * snapshot): counted once per refresh of the source */
static void
on_programmes_loaded (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SpSourceRow) self = user_data;
  g_autoptr(SpWalletSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = sp_store_service_load_snapshot_finish (SP_STORE_SERVICE (object), result, &error);
  if (snapshot == NULL || self->source == NULL)
    {
      /* not counted: "Programmes" stays, the next refresh tries again */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not count the programmes of a source: %s",
                 error != NULL ? error->message : "disposed");
      return;
    }
  self->programmes = (int) sp_programme_list_count_from_source (snapshot->programmes,
                                                                sp_source_get_name (self->source));
  sync_from_source (self);
}

static void
count_programmes (SpSourceRow *self)
{
  GApplication *app = g_application_get_default ();
  gint64 last = sp_source_get_last_success (self->source);
  SpStoreService *service;

  if (self->programmes >= 0 && self->programmes_for == last)
    return;
  if (self->programmes_for == last && self->cancellable != NULL)
    return;   /* already asked for this refresh */
  service = SP_IS_APPLICATION (app) ? sp_application_get_store_service (SP_APPLICATION (app)) : NULL;
  if (service == NULL)
    return;
  self->programmes = -1;
  self->programmes_for = last;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  sp_store_service_load_snapshot_async (service, self->cancellable, on_programmes_loaded,
                                        g_object_ref (self));
}

/* "N offers", or for a source of programmes "N programmes" ("Programmes"
 * until counted): such a source gives no offers */
static char *
dup_count_text (SpSourceRow *self,
                guint        offers)
{
  if (sp_source_get_format (self->source) != SP_FEED_FORMAT_PROGRAMMES)
    return g_strdup_printf (ngettext ("%u offer", "%u offers", offers), offers);
  count_programmes (self);
  if (self->programmes < 0)
    return g_strdup (_("Programmes"));
  return g_strdup_printf (ngettext ("%u programme", "%u programmes", (gulong) self->programmes),
                          (guint) self->programmes);
}

/* The age label: "Imported", "Never refreshed", "Stale" (warning) or how
 * long ago the last refresh was. */
static void
show_age (SpSourceRow *self,
          const char  *url,
          gint64       last,
          gint64       now)
{
  g_autofree char *age = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->age_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->age_label), "dim-label");
  if (url == NULL)
    {
      /* imported by hand: never refreshed from the network, never stale */
      gtk_label_set_text (self->age_label, _("Imported"));
      gtk_widget_add_css_class (GTK_WIDGET (self->age_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->age_label), NULL);
    }
  else if (last <= 0)
    {
      gtk_label_set_text (self->age_label, _("Never refreshed"));
      gtk_widget_add_css_class (GTK_WIDGET (self->age_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->age_label), NULL);
    }
  else
    {
      age = sp_format_relative_time (last, now);
      if (sp_source_is_stale (self->source, now, (gint64) self->stale_after_hours * 3600))
        {
          g_autofree char *tip = g_strdup_printf (_("Last refreshed %s"), age);

          gtk_label_set_text (self->age_label, _("Stale"));
          gtk_widget_add_css_class (GTK_WIDGET (self->age_label), "warning");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->age_label), tip);
        }
      else
        {
          gtk_label_set_text (self->age_label, age);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->age_label), NULL);
        }
    }
}

/* The expanded part: format, licence credit, last refresh, policy, key,
 * HTTP details (the refresh rows only for a source with a URL). */
static void
show_details (SpSourceRow *self,
              const char  *url,
              gint64       last,
              gint64       now)
{
  SpSource *source = self->source;
  const char *http = sp_source_get_http_details (source);
  const char *attribution = sp_feed_format_attribution (sp_source_get_format (source));
  g_autofree char *refreshed = NULL;
  g_autofree char *http_text = NULL;

  adw_action_row_set_subtitle (self->format_row, sp_feed_format_label (sp_source_get_format (source)));
  /* the credit the data's licence asks for (llm-prices-cn: CC-BY-4.0) */
  gtk_widget_set_visible (GTK_WIDGET (self->license_row), attribution != NULL);
  adw_action_row_set_subtitle (self->license_row, attribution != NULL ? attribution : "");
  if (last > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (last);
      g_autofree char *stamp = when ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *age = sp_format_relative_time (last, now);

      /* Translators: "2 hours ago (2026-03-01 14:05)" */
      refreshed = g_strdup_printf (_("%s (%s)"), age, stamp != NULL ? stamp : "");
    }
  adw_action_row_set_subtitle (self->refreshed_row, refreshed != NULL ? refreshed : _("Never"));
  gtk_widget_set_visible (GTK_WIDGET (self->refreshed_row), url != NULL);
  adw_action_row_set_subtitle (self->policy_row, policy_label (sp_source_get_refresh_policy (source)));
  gtk_widget_set_visible (GTK_WIDGET (self->policy_row), url != NULL);
  adw_action_row_set_subtitle (self->key_row, sp_source_get_has_api_key (source)
                                              ? _("Saved in the keyring")
                                              : _("None"));
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), url != NULL);

  if (http != NULL && *http != '\0')
    http_text = g_strdup (http);
  else if (sp_source_get_http_status (source) != 0)
    http_text = g_strdup_printf ("HTTP %u", sp_source_get_http_status (source));
  set_visible_text (self->http_label, http_text);
  gtk_widget_set_visible (self->http_row, http_text != NULL);
}

static void
sync_from_source (SpSourceRow *self)
{
  SpSource *source = self->source;
  const char *url = sp_source_get_url (source);
  const char *error = sp_source_get_last_error (source);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 last = sp_source_get_last_success (source);
  guint count = sp_source_get_offer_count (source);
  gboolean has_error = error != NULL && *error != '\0';
  g_autofree char *count_text = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), sp_source_get_name (source));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), url != NULL ? url : _("Imported file"));

  count_text = dup_count_text (self, count);
  gtk_label_set_text (self->count_label, count_text);
  if (sp_source_get_rows_repaired (source) > 0)
    {
      guint repaired = sp_source_get_rows_repaired (source);
      g_autofree char *repaired_text =
        /* Translators: a catalog row with a list written without quotes in its
         * last column, read with those fields joined */
        g_strdup_printf (ngettext ("%u row repaired on import (a list in the last column "
                                   "written without quotes)",
                                   "%u rows repaired on import (a list in the last column "
                                   "written without quotes)", repaired), repaired);
      /* Translators: after "N offers" on the Sources page: catalog rows repaired */
      g_autofree char *repaired_short = g_strdup_printf (ngettext ("%u repaired", "%u repaired",
                                                                   repaired), repaired);
      g_autofree char *shown = g_strdup_printf ("%s · %s", count_text, repaired_short);

      gtk_label_set_text (self->count_label, shown);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), repaired_text);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), NULL);

  show_age (self, url, last, now);

  self->updating = TRUE;
  gtk_switch_set_active (self->enabled_switch, sp_source_get_enabled (source));
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->enabled_switch), url != NULL);
  gtk_widget_set_visible (self->refresh_button, url != NULL);
  gtk_widget_set_visible (self->edit_button, url != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->local_row), url_is_plain_loopback (url));

  gtk_widget_set_visible (GTK_WIDGET (self->error_row), has_error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), has_error);
  adw_action_row_set_subtitle (self->error_row, has_error ? error : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_icon), has_error ? error : NULL);
  if (has_error)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, error, -1);
    }

  show_details (self, url, last, now);
}

/* ------------------------------------------------------------ callbacks */

static void
on_source_notify (SpSource    *source,
                  GParamSpec  *pspec,
                  SpSourceRow *self)
{
  sync_from_source (self);
}

static void
on_switch_active (GtkSwitch   *sw,
                  GParamSpec  *pspec,
                  SpSourceRow *self)
{
  if (self->updating || self->source == NULL)
    return;
  if (gtk_switch_get_active (sw) != sp_source_get_enabled (self->source))
    g_signal_emit (self, signals[SIGNAL_ENABLED_CHANGED], 0, gtk_switch_get_active (sw));
}

static void
on_refresh_clicked (GtkButton   *button,
                    SpSourceRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REFRESH], 0);
}

static void
on_edit_clicked (GtkButton   *button,
                 SpSourceRow *self)
{
  g_signal_emit (self, signals[SIGNAL_EDIT], 0);
}

static void
on_remove_clicked (GtkButton   *button,
                   SpSourceRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

/* ------------------------------------------------------------- GObject */

static void
sp_source_row_dispose (GObject *object)
{
  SpSourceRow *self = SP_SOURCE_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SOURCE_ROW);

  G_OBJECT_CLASS (sp_source_row_parent_class)->dispose (object);
}

static void
sp_source_row_class_init (SpSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_source_row_dispose;

  /**
   * SpSourceRow::refresh: the user asked to refresh this source
   */
  signals[SIGNAL_REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SpSourceRow::enabled-changed:
   * @enabled: the switch's new state
   */
  signals[SIGNAL_ENABLED_CHANGED] = g_signal_new ("enabled-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, error_icon);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, age_label);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, local_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, error_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, format_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, license_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, refreshed_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, policy_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, key_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, http_row);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, http_label);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SpSourceRow, edit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_active);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
sp_source_row_init (SpSourceRow *self)
{
  self->stale_after_hours = 24;
  self->programmes = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------- public API */

SpSourceRow *
sp_source_row_new (SpSource *source)
{
  SpSourceRow *self;

  g_return_val_if_fail (SP_IS_SOURCE (source), NULL);

  self = g_object_new (SP_TYPE_SOURCE_ROW, NULL);
  self->source = g_object_ref (source);
  g_signal_connect (source, "notify", G_CALLBACK (on_source_notify), self);
  sync_from_source (self);
  return self;
}

SpSource *
sp_source_row_get_source (SpSourceRow *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_ROW (self), NULL);
  return self->source;
}

void
sp_source_row_set_stale_after (SpSourceRow *self,
                               guint        hours)
{
  g_return_if_fail (SP_IS_SOURCE_ROW (self));

  if (self->stale_after_hours == hours)
    return;
  self->stale_after_hours = hours;
  sync_from_source (self);
}

void
sp_source_row_update (SpSourceRow *self)
{
  g_return_if_fail (SP_IS_SOURCE_ROW (self));
  sync_from_source (self);
}

void
sp_source_row_set_progress (SpSourceRow   *self,
                            SpRefreshState state,
                            guint64        bytes)
{
  g_autofree char *size = NULL;
  const char *text = NULL;

  g_return_if_fail (SP_IS_SOURCE_ROW (self));

  if (state == SP_REFRESH_STATE_DONE || state == SP_REFRESH_STATE_FAILED)
    {
      sp_source_row_clear_progress (self);
      return;
    }
  self->busy = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  switch (state)
    {
    case SP_REFRESH_STATE_QUEUED:
      text = _("Waiting");
      break;
    case SP_REFRESH_STATE_CONNECTING:
      text = _("Connecting");
      break;
    case SP_REFRESH_STATE_DOWNLOADING:
      size = g_format_size (bytes);
      text = size;
      break;
    case SP_REFRESH_STATE_PARSING:
      text = _("Reading catalog");
      break;
    case SP_REFRESH_STATE_DONE:
    case SP_REFRESH_STATE_FAILED:
    default:
      break;
    }
  set_visible_text (self->progress_label, text);
}

void
sp_source_row_clear_progress (SpSourceRow *self)
{
  g_return_if_fail (SP_IS_SOURCE_ROW (self));

  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  set_visible_text (self->progress_label, NULL);
}

gboolean
sp_source_row_get_busy (SpSourceRow *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_ROW (self), FALSE);
  return self->busy;
}

const char *
sp_source_row_get_count_text (SpSourceRow *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_ROW (self), NULL);
  return gtk_label_get_text (self->count_label);
}

const char *
sp_source_row_get_age_text (SpSourceRow *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_ROW (self), NULL);
  return gtk_label_get_text (self->age_label);
}

const char *
sp_source_row_get_attribution_text (SpSourceRow *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_ROW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->license_row)))
    return NULL;
  return adw_action_row_get_subtitle (self->license_row);
}

const char *
sp_source_row_get_error_text (SpSourceRow *self)
{
  g_return_val_if_fail (SP_IS_SOURCE_ROW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_row)))
    return NULL;
  return adw_action_row_get_subtitle (self->error_row);
}
