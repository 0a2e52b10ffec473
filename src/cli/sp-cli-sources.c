/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-sources.c — suanpan-cli sources and refresh
 *
 * The flags and JSON fields documented in README.md are a stable interface:
 * add to them freely, never rename or drop. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-refresh.h"
#include "sp-secret.h"
#include "sp-source.h"

#define STALE_AFTER_SECONDS (24 * 60 * 60)
#define MAX_API_KEY_BYTES 4096

/* ----------------------------------------------------------------- helpers */

static char *
format_age (SpSource *source,
            gint64    now)
{
  gint64 last = sp_source_get_last_success (source);
  gint64 age;

  if (last <= 0)
    return g_strdup ("—");
  if (sp_source_is_stale (source, now, STALE_AFTER_SECONDS))
    return g_strdup (_("stale"));
  age = MAX (now - last, 0);
  if (age < 60)
    return g_strdup (_("just now"));
  if (age < 3600)
    /* Translators: age of the last successful refresh, in minutes */
    return g_strdup_printf (_("%d min ago"), (int) (age / 60));
  /* Translators: age of the last successful refresh, in hours */
  return g_strdup_printf (_("%d h ago"), (int) (age / 3600));
}

/* Overwrite a secret before freeing it. */
static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  for (volatile char *p = secret; *p; p++)
    *p = '\0';
  g_free (secret);
}

/* Reads one line from stdin into @key (at most MAX_API_KEY_BYTES are kept;
 * the rest of a longer line is read and dropped).  On a terminal, asks for
 * it without echo.  Returns whether the line ended with a newline. */
static gboolean
read_key_line (const char *source_name,
               GString    *key)
{
  struct termios saved;
  gboolean restore = FALSE;
  gboolean got_newline = FALSE;
  int ch;

  if (isatty (STDIN_FILENO))
    {
      struct termios quiet;

      /* Translators: prompt; %s is the source name */
      g_printerr (_("API key for “%s”: "), source_name);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          quiet.c_lflag |= ECHONL;
          restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  while ((ch = getchar ()) != EOF)
    {
      if (ch == '\n')
        {
          got_newline = TRUE;
          break;
        }
      if (key->len >= MAX_API_KEY_BYTES)
        continue; /* keep reading to the end of the line, then refuse */
      g_string_append_c (key, (char) ch);
    }

  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  return got_newline;
}

/* What is wrong with the (trimmed, not empty, not too long) @key, or NULL. */
static const char *
api_key_problem (GString *key)
{
  for (gsize i = 0; i < key->len; i++)
    {
      unsigned char c = (unsigned char) key->str[i];

      if (c < 0x20 || c == 0x7f)
        return _("the API key on standard input contains control characters");
    }
  if (!g_utf8_validate (key->str, key->len, NULL))
    return _("the API key on standard input is not valid UTF-8 text");
  return NULL;
}

/* Reads one line from stdin: the API key.  On a terminal, asks for it
 * without echo.  The key never appears in an error message, and a refused
 * key is wiped. */
static char *
read_api_key (const char  *source_name,
              GError     **error)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gboolean got_newline = read_key_line (source_name, key);
  const char *problem;

  /* trim surrounding blanks and a CR */
  while (key->len > 0 && g_ascii_isspace (key->str[key->len - 1]))
    g_string_truncate (key, key->len - 1);
  while (key->len > 0 && g_ascii_isspace (key->str[0]))
    g_string_erase (key, 0, 1);

  if (key->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           got_newline
                           ? _("the API key on standard input is empty")
                           : _("no API key on standard input (give it as one line)"));
      return NULL;
    }
  problem = key->len >= MAX_API_KEY_BYTES ? NULL : api_key_problem (key);
  if (key->len >= MAX_API_KEY_BYTES || problem != NULL)
    {
      for (gsize i = 0; i < key->len; i++)
        key->str[i] = '\0';
      if (problem != NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, problem);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("the API key on standard input is too long (at most %d bytes)"),
                     MAX_API_KEY_BYTES);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* A URL for a source: a URL as given, or a local path turned into file://. */
static char *
normalize_url (const char  *arg,
               GError     **error)
{
  g_autofree char *scheme = g_uri_parse_scheme (arg);

  if (scheme == NULL || strlen (scheme) == 1 /* not a Windows drive letter */)
    {
      g_autofree char *abs = NULL;

      if (*arg == '\0')
        {
          g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                               _("the URL is empty"));
          return NULL;
        }
      abs = g_canonicalize_filename (arg, NULL);
      if (!g_file_test (abs, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                       _("“%s” is neither a URL nor an existing file"), arg);
          return NULL;
        }
      return g_filename_to_uri (abs, NULL, error);
    }
  return g_strdup (arg);
}

static const char *
format_names (void)
{
  return "auto, suanpan, litellm, openrouter, skypilot, llm-prices-cn, genai-prices, programmes";
}

/* Adds @source (and its key) to the store; returns the exit status. */
static int
add_source (SpCliGlobals *globals,
            SpSource     *source,
            char         *api_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_cli_open_store (globals, &error);
  const char *name = sp_source_get_name (source);

  if (store == NULL)
    return sp_cli_fail ("%s", error->message);

  sp_source_set_has_api_key (source, api_key != NULL);
  if (!sp_store_add_source (store, source, &error))
    return sp_cli_fail ("%s", error->message);

  if (api_key != NULL && !sp_secret_store_sync (name, api_key, &error))
    {
      g_autoptr(GError) undo_error = NULL;

      /* a source that needs a key it does not have is worse than none */
      sp_store_delete_source (store, name, &undo_error);
      return sp_cli_fail (_("could not keep the API key in the keyring, so the source was not added: %s"),
                          error->message);
    }

  /* Translators: %s are the source name and its URL */
  g_print (_("Added source “%s” (%s).\n"), name, sp_source_get_url (source));
  if (!sp_source_get_enabled (source))
    g_print ("%s\n", _("It is disabled: enable it with “suanpan-cli sources enable NAME”."));
  else
    g_print (_("Fetch it now with “suanpan-cli refresh %s”.\n"), name);
  return 0;
}

/* ------------------------------------------------------------- sources add */

static int
sources_add (SpCliGlobals  *globals,
             int            argc,
             char         **argv)
{
  g_autofree char *format_str = NULL;
  g_autofree char *refresh_str = NULL;
  gboolean disabled = FALSE;
  gboolean key_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_str,
      N_("Catalog format: auto, suanpan, litellm, openrouter, skypilot, llm-prices-cn, genai-prices, "
         "or programmes for a file of compute-voucher programmes (default auto)"), N_("FORMAT") },
    { "disabled", 0, 0, G_OPTION_ARG_NONE, &disabled, N_("Add the source disabled"), NULL },
    { "refresh", 0, 0, G_OPTION_ARG_STRING, &refresh_str,
      N_("When to refresh: manual or on-start (default manual)"), N_("POLICY") },
    { "api-key-stdin", 0, 0, G_OPTION_ARG_NONE, &key_stdin,
      N_("Read the source's API key from one line of standard input (kept in the keyring)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSource) source = NULL;
  g_autofree char *url = NULL;
  char *api_key = NULL;
  SpFeedFormat format = SP_FEED_FORMAT_AUTO;
  SpRefreshPolicy policy = SP_REFRESH_MANUAL;
  int status;

  if (!sp_cli_parse_options (_("NAME URL — add a vendor source"), entries, &argc, &argv))
    return 1;
  if (argc != 3)
    return sp_cli_fail ("%s", _("sources add needs a NAME and a URL (see suanpan-cli sources add --help)"));
  if (format_str != NULL && !sp_feed_format_from_string (format_str, &format))
    return sp_cli_fail (_("unknown format “%s” (use %s)"), format_str, format_names ());
  if (refresh_str != NULL && !sp_refresh_policy_from_string (refresh_str, &policy))
    return sp_cli_fail (_("unknown refresh policy “%s” (use manual or on-start)"), refresh_str);
  if (!sp_source_check_name (argv[1], &error))
    return sp_cli_fail ("%s", error->message);
  url = normalize_url (argv[2], &error);
  if (url == NULL)
    return sp_cli_fail ("%s", error->message);
  if (!sp_source_check_url (url, &error))
    return sp_cli_fail ("%s", error->message);

  if (key_stdin)
    {
      api_key = read_api_key (argv[1], &error);
      if (api_key == NULL)
        return sp_cli_fail ("%s", error->message);
    }

  source = sp_source_new (argv[1], url, format);
  sp_source_set_enabled (source, !disabled);
  sp_source_set_refresh_policy (source, policy);
  status = add_source (globals, source, api_key);
  secret_free (api_key);
  return status;
}

/* ------------------------------------------------------------ sources list */

static void
source_to_json (JsonBuilder *b,
                SpSource    *s,
                gint64       now,
                gboolean     details,
                GPtrArray   *programmes)
{
  g_autofree char *last_success = sp_cli_format_utc (sp_source_get_last_success (s));
  g_autofree char *last_attempt = sp_cli_format_utc (sp_source_get_last_attempt (s));
  guint http = sp_source_get_http_status (s);

  json_builder_begin_object (b);
  sp_json_set_string (b, "name", sp_source_get_name (s));
  sp_json_set_string (b, "url", sp_source_get_url (s));
  sp_json_set_string (b, "format", sp_feed_format_to_string (sp_source_get_format (s)));
  sp_json_set_bool (b, "enabled", sp_source_get_enabled (s));
  sp_json_set_string (b, "refresh", sp_refresh_policy_to_string (sp_source_get_refresh_policy (s)));
  sp_json_set_bool (b, "has_api_key", sp_source_get_has_api_key (s));
  sp_json_set_int (b, "offers", sp_source_get_offer_count (s));
  /* a source of compute-voucher programmes (format "programmes"): how many it gives */
  if (sp_source_get_format (s) == SP_FEED_FORMAT_PROGRAMMES)
    sp_json_set_int (b, "programmes", sp_programme_list_count_from_source (programmes, sp_source_get_name (s)));
  /* rows of the last import read after a repair (issue 13) */
  sp_json_set_int (b, "rows_repaired", sp_source_get_rows_repaired (s));
  sp_json_set_string (b, "last_success", last_success);
  sp_json_set_string (b, "last_attempt", last_attempt);
  sp_json_set_bool (b, "stale", sp_source_is_stale (s, now, STALE_AFTER_SECONDS));
  sp_json_set_string (b, "last_error", sp_source_get_last_error (s));
  json_builder_set_member_name (b, "http_status");
  if (http == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, http);
  if (details)
    {
      sp_json_set_string (b, "http_details", sp_source_get_http_details (s));
      sp_json_set_string (b, "etag", sp_source_get_etag (s));
      sp_json_set_string (b, "last_modified", sp_source_get_last_modified (s));
    }
  json_builder_end_object (b);
}

/* Prints @sources as a JSON list, or @one (with its refresh details) as an
 * object. */
static void
print_sources_json (SpStore   *store,
                    GPtrArray *sources,
                    SpSource  *one,
                    gint64     now)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) programmes = sp_store_list_programmes (store, NULL);

  if (one != NULL)
    source_to_json (b, one, now, TRUE, programmes);
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < sources->len; i++)
        source_to_json (b, g_ptr_array_index (sources, i), now, FALSE, programmes);
      json_builder_end_array (b);
    }
  sp_cli_print_builder (b);
}

static int
sources_list (SpCliGlobals  *globals,
              int            argc,
              char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!sp_cli_parse_json_options (_("— list vendor sources"),
                                  N_("Print JSON"), &json, &argc, &argv))
    return 1;
  store = sp_cli_open_store_no_arguments (globals, argc, argv);
  if (store == NULL)
    return 1;
  sources = sp_store_list_sources (store, &error);
  if (sources == NULL)
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      print_sources_json (store, sources, NULL, now);
      return 0;
    }

  if (sources->len == 0)
    {
      g_print ("%s\n", _("No sources. Add one with “suanpan-cli sources add NAME URL” "
                         "or “suanpan-cli sources add-preset NAME”."));
      return 0;
    }
  else
    {
      g_autoptr(SpCliTable) table = sp_cli_table_new ("lllllll");

      sp_cli_table_add (table, _("NAME"), _("ENABLED"), _("FORMAT"), _("OFFERS"),
                        _("LAST SUCCESS"), _("AGE"), _("LAST ERROR"));
      for (guint i = 0; i < sources->len; i++)
        {
          SpSource *s = g_ptr_array_index (sources, i);
          g_autofree char *name = sp_cli_one_line (sp_source_get_name (s));
          g_autofree char *offers = g_strdup_printf ("%u", sp_source_get_offer_count (s));
          g_autofree char *last = sp_cli_format_local (sp_source_get_last_success (s),
                                                       "%Y-%m-%d %H:%M", _("never"));
          g_autofree char *age = format_age (s, now);
          g_autofree char *last_error = sp_cli_one_line (sp_source_get_last_error (s));

          sp_cli_table_add (table, name, sp_source_get_enabled (s) ? _("yes") : _("no"),
                            sp_feed_format_to_string (sp_source_get_format (s)), offers,
                            last, age, last_error);
        }
      sp_cli_table_print (table);
    }
  return 0;
}

/* ------------------------------------------------------------ sources show */

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *v = sp_cli_one_line (value);
  int pad = 16 - (int) sp_cli_text_width (label);

  g_print ("%s:%*s%s\n", label, MAX (pad, 1), "", v);
}

/* Opens the store into @store and finds the source @name; on error prints
 * it and returns NULL. */
static SpSource *
open_source (SpCliGlobals  *globals,
             const char    *name,
             SpStore      **store)
{
  *store = sp_cli_open_store_or_fail (globals);
  if (*store == NULL)
    return NULL;
  return sp_cli_get_source (*store, name);
}

static int
sources_show (SpCliGlobals  *globals,
              int            argc,
              char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSource) s = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!sp_cli_parse_json_options (_("NAME — show a vendor source and its last refresh"),
                                  N_("Print JSON"), &json, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("sources show needs exactly one NAME"));

  s = open_source (globals, argv[1], &store);
  if (s == NULL)
    return 1;

  if (json)
    print_sources_json (store, NULL, s, now);
  else
    {
      g_autofree char *last_success = sp_cli_format_local (sp_source_get_last_success (s),
                                                           "%Y-%m-%d %H:%M", _("never"));
      g_autofree char *last_attempt = sp_cli_format_local (sp_source_get_last_attempt (s),
                                                           "%Y-%m-%d %H:%M", _("never"));
      g_autofree char *age = format_age (s, now);
      g_autofree char *offers = g_strdup_printf ("%u", sp_source_get_offer_count (s));
      g_autofree char *http = sp_source_get_http_status (s) != 0
                              ? g_strdup_printf ("%u", sp_source_get_http_status (s)) : NULL;
      const char *details = sp_source_get_http_details (s);

      print_field (_("Name"), sp_source_get_name (s));
      print_field (_("URL"), sp_source_get_url (s) ? sp_source_get_url (s) : _("none (imported by hand)"));
      print_field (_("Format"), sp_feed_format_to_string (sp_source_get_format (s)));
      print_field (_("Enabled"), sp_source_get_enabled (s) ? _("yes") : _("no"));
      print_field (_("Refresh"), sp_source_get_refresh_policy (s) == SP_REFRESH_ON_START
                                 ? _("when the app starts, and on request") : _("on request"));
      print_field (_("API key"), sp_source_get_has_api_key (s) ? _("in the keyring") : _("none"));
      print_field (_("Offers"), offers);
      print_field (_("Last success"), last_success);
      print_field (_("Age"), age);
      print_field (_("Last attempt"), last_attempt);
      print_field (_("Last error"), sp_source_get_last_error (s) ? sp_source_get_last_error (s) : _("none"));
      print_field (_("HTTP status"), http ? http : _("none"));
      if (sp_source_get_etag (s) != NULL)
        print_field (_("ETag"), sp_source_get_etag (s));
      if (sp_source_get_last_modified (s) != NULL)
        print_field (_("Last-Modified"), sp_source_get_last_modified (s));
      if (details != NULL && *details != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (details, "\n", -1);

          g_print ("%s:\n", _("HTTP details"));
          for (guint i = 0; lines[i] != NULL; i++)
            {
              g_autofree char *l = sp_cli_one_line (lines[i]);

              g_strstrip (l);
              if (*l != '\0')
                g_print ("  %s\n", l);
            }
        }
    }
  return 0;
}

/* ---------------------------------------------------------- sources remove */

static int
sources_remove (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSource) s = NULL;
  gboolean had_key;

  if (!sp_cli_parse_options (_("NAME — remove a vendor source, its offers and its API key"),
                             NULL, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("sources remove needs exactly one NAME"));

  s = open_source (globals, argv[1], &store);
  if (s == NULL)
    return 1;
  had_key = sp_source_get_has_api_key (s);

  if (!sp_store_delete_source (store, argv[1], &error))
    return sp_cli_fail ("%s", error->message);
  if (had_key && !sp_secret_clear_sync (argv[1], &error))
    return sp_cli_fail (_("removed source “%s”, but could not remove its API key from the keyring: %s"),
                        argv[1], error->message);

  g_print (_("Removed source “%s”.\n"), argv[1]);
  return 0;
}

/* -------------------------------------------------- sources enable/disable */

static int
set_enabled (SpCliGlobals  *globals,
             int            argc,
             char         **argv,
             gboolean       enabled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSource) s = NULL;

  if (!sp_cli_parse_options (enabled ? _("NAME — enable a vendor source")
                                     : _("NAME — disable a vendor source"),
                             NULL, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", enabled ? _("sources enable needs exactly one NAME")
                                      : _("sources disable needs exactly one NAME"));

  s = open_source (globals, argv[1], &store);
  if (s == NULL)
    return 1;
  if (sp_source_get_url (s) == NULL)
    return sp_cli_fail (_("“%s” was imported by hand and has no URL to refresh from"), argv[1]);
  sp_source_set_enabled (s, enabled);
  if (!sp_store_update_source (store, s, &error))
    return sp_cli_fail ("%s", error->message);
  g_print (enabled ? _("Enabled source “%s”.\n") : _("Disabled source “%s”.\n"), argv[1]);
  return 0;
}

static int
sources_enable (SpCliGlobals *globals, int argc, char **argv)
{
  return set_enabled (globals, argc, argv, TRUE);
}

static int
sources_disable (SpCliGlobals *globals, int argc, char **argv)
{
  return set_enabled (globals, argc, argv, FALSE);
}

/* --------------------------------------------------------- sources presets */

static int
sources_presets (SpCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  gboolean json = FALSE;
  const SpSourcePreset *presets;
  guint n = 0;

  if (!sp_cli_parse_json_options (_("— list the built-in source presets"),
                                  N_("Print JSON"), &json, &argc, &argv)
      || !sp_cli_no_arguments (argc, argv))
    return 1;

  presets = sp_source_presets (&n);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          json_builder_begin_object (b);
          sp_json_set_string (b, "name", presets[i].name);
          sp_json_set_string (b, "title", _(presets[i].title));
          sp_json_set_string (b, "url", presets[i].url);
          sp_json_set_string (b, "format", sp_feed_format_to_string (presets[i].format));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      sp_cli_print_builder (b);
    }
  else
    {
      g_autoptr(SpCliTable) table = sp_cli_table_new ("llll");

      sp_cli_table_add (table, _("NAME"), _("TITLE"), _("FORMAT"), _("URL"));
      for (guint i = 0; i < n; i++)
        sp_cli_table_add (table, presets[i].name, _(presets[i].title),
                          sp_feed_format_to_string (presets[i].format), presets[i].url);
      sp_cli_table_print (table);
    }
  return 0;
}

static int
sources_add_preset (SpCliGlobals  *globals,
                    int            argc,
                    char         **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *refresh_str = NULL;
  gboolean disabled = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the new source (default: the preset's name)"), N_("NAME") },
    { "disabled", 0, 0, G_OPTION_ARG_NONE, &disabled, N_("Add the source disabled"), NULL },
    { "refresh", 0, 0, G_OPTION_ARG_STRING, &refresh_str,
      N_("When to refresh: manual or on-start (default manual)"), N_("POLICY") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSource) source = NULL;
  const SpSourcePreset *presets;
  const SpSourcePreset *preset = NULL;
  SpRefreshPolicy policy = SP_REFRESH_MANUAL;
  guint n = 0;

  if (!sp_cli_parse_options (_("PRESET — add a built-in source preset"), entries, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail ("%s", _("sources add-preset needs exactly one PRESET (see suanpan-cli sources presets)"));
  if (refresh_str != NULL && !sp_refresh_policy_from_string (refresh_str, &policy))
    return sp_cli_fail (_("unknown refresh policy “%s” (use manual or on-start)"), refresh_str);

  presets = sp_source_presets (&n);
  for (guint i = 0; i < n && preset == NULL; i++)
    if (g_str_equal (presets[i].name, argv[1]))
      preset = &presets[i];
  if (preset == NULL)
    return sp_cli_fail (_("no preset named “%s” (see suanpan-cli sources presets)"), argv[1]);
  if (name != NULL && !sp_source_check_name (name, &error))
    return sp_cli_fail ("%s", error->message);

  source = sp_source_new (name != NULL ? name : preset->name, preset->url, preset->format);
  sp_source_set_enabled (source, !disabled);
  sp_source_set_refresh_policy (source, policy);
  return add_source (globals, source, NULL);
}

/* ----------------------------------------------------------------- sources */

static const SpCliSubcommand sources_subs[] = {
  { "add", N_("Add a vendor source: NAME URL"), sources_add },
  { "list", N_("List the sources and how their last refresh went"), sources_list },
  { "show", N_("Show one source with the details of its last refresh"), sources_show },
  { "remove", N_("Remove a source, its offers and its API key"), sources_remove },
  { "enable", N_("Enable a source"), sources_enable },
  { "disable", N_("Disable a source (it is no longer refreshed)"), sources_disable },
  { "presets", N_("List the built-in presets"), sources_presets },
  { "add-preset", N_("Add a built-in preset"), sources_add_preset },
};

static const SpCliGroup sources_group = {
  .name = "sources",
  .usage = N_("Usage: suanpan-cli [--data-dir DIR] sources SUBCOMMAND [OPTIONS…]"),
  .footer = N_("Run “suanpan-cli sources SUBCOMMAND --help” for the options of a subcommand."),
  .unknown = N_("unknown sources subcommand “%s” (see suanpan-cli sources --help)"),
  .width = 11,
  SP_CLI_GROUP_SUBS (sources_subs),
};

SP_CLI_DEFINE_GROUP_COMMAND (sp_cli_sources, sources_group)
