/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-refresh.c — suanpan-cli refresh: fetch the sources' catalogs
 *
 * The flags and JSON fields documented in README.md are a stable interface:
 * add to them freely, never rename or drop. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-refresh.h"

/* ----------------------------------------------------------------- refresh */

typedef struct {
  GMainLoop    *loop;
  GPtrArray    *outcomes;
  GError       *error;
  GCancellable *cancellable;
  gboolean      interrupted;
} RefreshRun;

static gboolean
on_sigint (gpointer user_data)
{
  RefreshRun *run = user_data;

  if (!run->interrupted)
    {
      run->interrupted = TRUE;
      g_printerr ("%s\n", _("Cancelling…"));
      g_cancellable_cancel (run->cancellable);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RefreshRun *run = user_data;

  run->outcomes = sp_refresher_refresh_finish (SP_REFRESHER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
print_outcome_line (const SpRefreshOutcome *o)
{
  g_autofree char *err = sp_cli_one_line (o->error);
  g_autofree char *offers = o->is_programmes
                            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u programme",
                                                            "%u programmes", o->programmes),
                                               o->programmes)
                            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offer", "%u offers", o->offers),
                                               o->offers);
  g_autofree char *http = o->http_status != 0
                          /* Translators: an HTTP status code, e.g. "HTTP 200" */
                          ? g_strdup_printf (_("HTTP %u"), o->http_status) : NULL;
  g_autofree char *secs = g_strdup_printf ("%.2f", o->seconds);

  if (o->ok)
    {
      const char *what = o->not_modified ? _("not modified") : _("ok");

      if (http != NULL)
        /* Translators: "openrouter: ok, 331 offers, HTTP 200, 0.84 s" */
        g_print (_("%s: %s, %s, %s, %s s\n"), o->name, what, offers, http, secs);
      else
        /* Translators: "local-feed: ok, 12 offers, 0.01 s" */
        g_print (_("%s: %s, %s, %s s\n"), o->name, what, offers, secs);
    }
  else if (http != NULL)
    /* Translators: "vendor-x: FAILED (HTTP 500): The server answered 500 …" */
    g_print (_("%s: FAILED (%s): %s\n"), o->name, http, err);
  else
    /* Translators: "vendor-x: FAILED: the feed is not valid JSON …" */
    g_print (_("%s: FAILED: %s\n"), o->name, err);
}

/* A JSON string literal (quoted and escaped), or null. */
static void
append_json_string (GString    *out,
                    const char *value)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autofree char *text = NULL;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  node = json_node_init_string (json_node_alloc (), value);
  gen = json_generator_new ();
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_string_append (out, text);
}

/* Written by hand rather than with JsonGenerator, which prints every double
 * with 17 digits ("0.0080000000000000002"): seconds get three decimals. */
static void
append_outcome_json (GString                *out,
                     const SpRefreshOutcome *o)
{
  char secs[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "  {\n    \"name\" : ");
  append_json_string (out, o->name);
  g_string_append_printf (out, ",\n    \"ok\" : %s", o->ok ? "true" : "false");
  g_string_append_printf (out, ",\n    \"not_modified\" : %s", o->not_modified ? "true" : "false");
  g_string_append_printf (out, ",\n    \"offers\" : %u", o->offers);
  if (o->is_programmes)
    g_string_append_printf (out, ",\n    \"programmes\" : %u", o->programmes);
  if (o->http_status == 0)
    g_string_append (out, ",\n    \"http_status\" : null");
  else
    g_string_append_printf (out, ",\n    \"http_status\" : %u", o->http_status);
  g_string_append (out, ",\n    \"error\" : ");
  append_json_string (out, o->ok ? NULL : (o->error ? o->error : _("unknown error")));
  g_ascii_formatd (secs, sizeof secs, "%.3f", MAX (o->seconds, 0.0));
  g_string_append_printf (out, ",\n    \"seconds\" : %s\n  }", secs);
}

/* The --timeout and --max-size options over the defaults; prints the error
 * and returns FALSE when out of range. */
static gboolean
refresh_config_from_options (SpRefreshConfig *config,
                             int              timeout,
                             int              max_size)
{
  if (timeout < 0 || timeout > 24 * 3600)
    return !sp_cli_fail ("%s", _("--timeout must be between 1 and 86400 seconds"));
  if (max_size < 0 || max_size > 4096)
    return !sp_cli_fail ("%s", _("--max-size must be between 1 and 4096 megabytes"));

  sp_refresh_config_init_default (config);
  if (timeout > 0)
    {
      config->response_timeout = (guint) timeout;
      config->connect_timeout = MIN (config->connect_timeout, (guint) timeout);
    }
  if (max_size > 0)
    config->max_body_size = (gsize) max_size * 1024 * 1024;
  return TRUE;
}

/* The sources named on the command line, NULL-terminated (empty: every
 * enabled source); prints the error and returns NULL for an unknown one or
 * one without a URL. */
static GPtrArray *
named_sources (SpStore  *store,
               int       argc,
               char    **argv)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(SpSource) s = sp_cli_get_source (store, argv[i]);

      if (s == NULL)
        return NULL;
      if (sp_source_get_url (s) == NULL)
        {
          sp_cli_fail (_("“%s” was imported by hand and has no URL to refresh from"), argv[i]);
          return NULL;
        }
      g_ptr_array_add (names, argv[i]);
    }
  g_ptr_array_add (names, NULL);
  return g_steal_pointer (&names);
}

/* Runs the refresh on a main loop that SIGINT cancels; fills run->outcomes
 * or run->error. */
static void
run_refresh (SpRefresher *refresher,
             GPtrArray   *names,
             RefreshRun  *run)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint sigint_id;

  run->loop = loop;
  run->cancellable = cancellable;
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, run);
  sp_refresher_refresh_async (refresher,
                              names->len > 1 ? (const char * const *) names->pdata : NULL,
                              cancellable, on_refreshed, run);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  run->loop = NULL;
  run->cancellable = NULL;
}

static void
print_outcomes (GPtrArray *outcomes,
                gboolean   json)
{
  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < outcomes->len; i++)
        {
          g_string_append (out, i == 0 ? "\n" : ",\n");
          append_outcome_json (out, g_ptr_array_index (outcomes, i));
        }
      g_string_append (out, outcomes->len > 0 ? "\n]\n" : "]\n");
      fputs (out->str, stdout);
    }
  else if (outcomes->len == 0)
    g_print ("%s\n", _("No enabled sources to refresh. Add one with “suanpan-cli sources add NAME URL”."));
  else
    for (guint i = 0; i < outcomes->len; i++)
      print_outcome_line (g_ptr_array_index (outcomes, i));
}

/* The watched prices that moved since @before. */
static void
print_watched_changes (SpStore   *store,
                       GPtrArray *before)
{
  g_autoptr(GPtrArray) after = sp_watchlist_changes (store, NULL, 0, NULL);
  g_autoptr(GPtrArray) fresh = sp_price_changes_new (before, after);

  if (fresh->len > 0)
    {
      g_print ("%s\n", _("Watched prices that changed:"));
      for (guint i = 0; i < fresh->len; i++)
        sp_cli_print_price_change (g_ptr_array_index (fresh, i));
    }
}

int
sp_cli_refresh (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  gboolean json = FALSE;
  int timeout = 0;
  int max_size = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the outcome of each source as JSON"), NULL },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout,
      N_("Give up on a source after SECONDS for the whole response (default 30)"), N_("SECONDS") },
    { "max-size", 0, 0, G_OPTION_ARG_INT, &max_size,
      N_("Refuse catalogs larger than MB megabytes (default 64)"), N_("MB") },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpRefresher) refresher = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) watched_before = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  RefreshRun run = { 0 };
  SpRefreshConfig config;
  gboolean all_ok = TRUE;

  if (!sp_cli_parse_options (_("[NAME…] — fetch the latest catalogs (default: every enabled source)"),
                             entries, &argc, &argv))
    return 1;
  if (!refresh_config_from_options (&config, timeout, max_size))
    return 1;

  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  names = named_sources (store, argc, argv);
  if (names == NULL)
    return 1;

  /* to name the watched prices the refresh changes (text output) */
  if (!json)
    watched_before = sp_watchlist_changes (store, NULL, 0, NULL);
  refresher = sp_refresher_new (store, &config);
  run_refresh (refresher, names, &run);

  if (run.outcomes == NULL)
    {
      if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sp_cli_fail ("%s", _("refresh cancelled; sources keep their previous offers"));
      else
        sp_cli_fail ("%s", run.error ? run.error->message : _("refresh failed"));
      g_clear_error (&run.error);
      return run.interrupted ? 130 : 2;
    }
  outcomes = g_steal_pointer (&run.outcomes);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const SpRefreshOutcome *o = g_ptr_array_index (outcomes, i);

      if (!o->ok)
        all_ok = FALSE;
    }
  print_outcomes (outcomes, json);
  if (watched_before != NULL)
    print_watched_changes (store, watched_before);

  if (run.interrupted)
    return 130;
  return all_ok ? 0 : 2;
}
