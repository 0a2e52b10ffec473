/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli.c — helpers shared by the suanpan-cli commands */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-text.h"

struct _SpCliTable
{
  char      *align;
  guint      n_columns;
  GPtrArray *rows;   /* GStrv, n_columns each */
};

int
sp_cli_fail (const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* one line: newlines in messages become spaces */
  g_strdelimit (msg, "\r\n", ' ');
  g_printerr ("suanpan-cli: %s\n", msg);
  return 1;
}

SpStore *
sp_cli_open_store (SpCliGlobals  *globals,
                   GError       **error)
{
  g_autofree char *path = sp_store_default_path (globals->data_dir);

  return sp_store_open (path, error);
}

SpStore *
sp_cli_open_store_or_fail (SpCliGlobals *globals)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_cli_open_store (globals, &error);

  if (store == NULL)
    sp_cli_fail ("%s", error->message);
  return store;
}

SpStore *
sp_cli_open_store_no_arguments (SpCliGlobals  *globals,
                                int            argc,
                                char         **argv)
{
  if (!sp_cli_no_arguments (argc, argv))
    return NULL;
  return sp_cli_open_store_or_fail (globals);
}

GPtrArray *
sp_cli_load_offers (SpCliGlobals  *globals,
                    SpStore      **store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *offers;

  *store = sp_cli_open_store_or_fail (globals);
  if (*store == NULL)
    return NULL;
  offers = sp_store_load_offers (*store, &error);
  if (offers == NULL)
    sp_cli_fail ("%s", error->message);
  return offers;
}

void
sp_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

void
sp_cli_print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  sp_cli_print_json (root);
}

void
sp_cli_json_array (JsonBuilder   *b,
                   const char    *name,
                   GPtrArray     *items,
                   SpCliJsonFunc  func)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    func (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);
}

char *
sp_cli_format_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

char *
sp_cli_format_local (gint64      unix_seconds,
                     const char *format,
                     const char *never)
{
  return sp_text_format_local (unix_seconds, format, never);
}

void
sp_cli_json_offer_head (JsonBuilder *b,
                        const char  *id_member,
                        SpOffer     *offer)
{
  sp_json_set_string (b, id_member, sp_offer_get_id (offer));
  sp_json_set_string (b, "source", sp_offer_get_source (offer));
  sp_json_set_string (b, "vendor", sp_offer_get_vendor_id (offer));
  sp_json_set_string (b, "vendor_name", sp_offer_get_vendor_name (offer));
}

void
sp_cli_json_offer_warnings (JsonBuilder        *b,
                            SpOffer            *offer,
                            const SpOfferFlags *flags)
{
  g_autofree char *group = sp_offer_dup_group (offer);
  gboolean suspicious = flags != NULL && (flags->flags & SP_OFFER_FLAG_SUSPICIOUS);

  sp_json_set_string (b, "group", group);
  sp_json_set_bool (b, "suspicious", suspicious);
  sp_json_set_string (b, "suspicious_reason", suspicious ? flags->suspicious_reason : NULL);
  sp_json_set_bool (b, "demo", sp_offer_get_demo (offer));
}

gboolean
sp_cli_parse_options (const char          *parameter_string,
                      const GOptionEntry  *entries,
                      int                 *argc,
                      char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sp_cli_fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_cli_no_arguments (int    argc,
                     char **argv)
{
  if (argc > 1)
    return !sp_cli_fail (_("unexpected argument “%s”"), argv[1]);
  return TRUE;
}

gboolean
sp_cli_parse_options_only (const char          *parameter_string,
                           const GOptionEntry  *entries,
                           int                 *argc,
                           char              ***argv)
{
  return sp_cli_parse_options (parameter_string, entries, argc, argv)
         && sp_cli_no_arguments (*argc, *argv);
}

gboolean
sp_cli_parse_json_options (const char   *parameter_string,
                           const char   *json_help,
                           gboolean     *json,
                           int          *argc,
                           char       ***argv)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, json_help, NULL },
    { NULL }
  };

  return sp_cli_parse_options (parameter_string, entries, argc, argv);
}

const char *
sp_cli_price_unit (SpOfferKind kind)
{
  /* the catalog's units, but a token price here is the input price */
  if (kind == SP_OFFER_KIND_GPU || kind == SP_OFFER_KIND_CPU)
    return sp_offer_kind_unit (kind);
  return "1M input tokens";
}

gboolean
sp_cli_parse_date_option (const char *text,
                          const char *option,
                          guint32    *out)
{
  if (text == NULL)
    return TRUE;
  if (!sp_date_parse_iso (text, out))
    {
      sp_cli_fail (_("%s: “%s” is not a date (YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_cli_is_help_arg (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help");
}

void
sp_cli_print_subcommands (const SpCliSubcommand *subs,
                          gsize                  n_subs,
                          int                    width)
{
  for (gsize i = 0; i < n_subs; i++)
    g_print ("  %-*s %s\n", width, subs[i].name, _(subs[i].summary));
}

gboolean
sp_cli_run_subcommand (SpCliGlobals          *globals,
                       const char            *group,
                       const SpCliSubcommand *subs,
                       gsize                  n_subs,
                       int                    argc,
                       char                 **argv,
                       int                   *status)
{
  for (gsize i = 0; i < n_subs; i++)
    if (g_str_equal (argv[1], subs[i].name))
      {
        g_autofree char *prgname = group != NULL
                                   ? g_strdup_printf ("suanpan-cli %s %s", group, subs[i].name)
                                   : g_strdup_printf ("suanpan-cli %s", subs[i].name);
        g_autofree char **sub_argv = g_new0 (char *, argc);

        /* the subcommand's own argv: argv[1] becomes its program name */
        sub_argv[0] = prgname;
        for (int k = 2; k < argc; k++)
          sub_argv[k - 1] = argv[k];
        g_set_prgname (prgname);
        *status = subs[i].func (globals, argc - 1, sub_argv);
        return TRUE;
      }
  return FALSE;
}

void
sp_cli_print_group_usage (const SpCliGroup *group)
{
  g_print ("%s\n\n", _(group->usage));
  g_print ("%s\n", group->heading != NULL ? _(group->heading) : _("Subcommands:"));
  sp_cli_print_subcommands (group->subs, group->n_subs, group->width);
  if (group->footer != NULL)
    g_print ("\n%s\n", _(group->footer));
}

int
sp_cli_dispatch_group (SpCliGlobals     *globals,
                       const SpCliGroup *group,
                       int               argc,
                       char            **argv)
{
  int status;

  if (argc < 2)
    {
      sp_cli_print_group_usage (group);
      return 1;
    }
  if (group->no_help_word ? g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
                          : sp_cli_is_help_arg (argv[1]))
    {
      sp_cli_print_group_usage (group);
      return 0;
    }
  if (sp_cli_run_subcommand (globals, group->name, group->subs, group->n_subs,
                             argc, argv, &status))
    return status;
  /* group->unknown is a translated "… “%s” …" format from the group's table */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return sp_cli_fail (_(group->unknown), argv[1]);
#pragma GCC diagnostic pop
}

SpPriceContext *
sp_cli_price_context_new (void)
{
  SpPriceContext *ctx = sp_price_context_new ();
  GSettingsSchemaSource *src = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (src != NULL)
    schema = g_settings_schema_source_lookup (src, APPLICATION_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
      g_autofree char *currency = g_settings_get_string (settings, "display-currency");
      g_autofree char *rate = g_settings_get_string (settings, "usd-cny-rate");
      SpMoney r;

      sp_price_context_set_currency (ctx, currency);
      if (sp_money_parse (rate, &r, NULL))
        sp_price_context_set_usd_cny (ctx, r);
      sp_price_context_set_mix (ctx, g_settings_get_uint (settings, "token-mix-input"),
                                g_settings_get_uint (settings, "token-mix-output"));
    }
  return ctx;
}

SpPriceContext *
sp_cli_price_context_from_options (const char *currency,
                                   const char *usd_cny)
{
  g_autoptr(SpPriceContext) ctx = sp_cli_price_context_new ();
  SpMoney rate;

  if (currency != NULL && !sp_price_context_set_currency (ctx, currency))
    {
      sp_cli_fail (_("unsupported currency “%s” (use CNY or USD)"), currency);
      return NULL;
    }
  if (usd_cny != NULL &&
      (!sp_money_parse (usd_cny, &rate, NULL) || !sp_price_context_set_usd_cny (ctx, rate)))
    {
      sp_cli_fail (_("invalid exchange rate “%s”: give yuan per US dollar, e.g. 7.2"), usd_cny);
      return NULL;
    }
  return g_steal_pointer (&ctx);
}

guint
sp_cli_text_width (const char *text)
{
  guint width = 0;

  if (text == NULL)
    return 0;
  if (!g_utf8_validate (text, -1, NULL))
    return (guint) strlen (text);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

SpCliTable *
sp_cli_table_new (const char *align)
{
  SpCliTable *table;

  g_return_val_if_fail (align != NULL && *align != '\0', NULL);

  table = g_new0 (SpCliTable, 1);
  table->align = g_strdup (align);
  table->n_columns = (guint) strlen (align);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
sp_cli_table_add (SpCliTable *table,
                  ...)
{
  char **row;
  va_list args;

  g_return_if_fail (table != NULL);

  row = g_new0 (char *, table->n_columns + 1);
  va_start (args, table);
  for (guint c = 0; c < table->n_columns; c++)
    {
      const char *cell = va_arg (args, const char *);

      row[c] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

void
sp_cli_table_print (SpCliTable *table)
{
  g_autofree guint *widths = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_if_fail (table != NULL);

  widths = g_new0 (guint, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = table->rows->pdata[r];

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], sp_cli_text_width (row[c]));
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = table->rows->pdata[r];

      g_string_truncate (line, 0);
      for (guint c = 0; c < table->n_columns; c++)
        {
          guint pad = widths[c] - sp_cli_text_width (row[c]);

          if (c > 0)
            g_string_append (line, "  ");
          if (table->align[c] == 'r')
            {
              for (guint k = 0; k < pad; k++)
                g_string_append_c (line, ' ');
              g_string_append (line, row[c]);
            }
          else
            {
              g_string_append (line, row[c]);
              for (guint k = 0; k < pad; k++)
                g_string_append_c (line, ' ');
            }
        }
      /* no trailing spaces */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

void
sp_cli_table_free (SpCliTable *table)
{
  if (table == NULL)
    return;
  g_free (table->align);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

const char *
sp_cli_vendor_name (SpOffer *offer)
{
  return sp_vendor_pick_name (sp_offer_get_vendor_name (offer), sp_offer_get_vendor_name_zh (offer));
}

char *
sp_cli_one_line (const char *text)
{
  char *copy;

  if (text == NULL)
    return g_strdup ("");
  copy = g_strdup (text);
  for (char *p = copy; *p; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

SpSource *
sp_cli_get_source (SpStore    *store,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  SpSource *source = sp_store_get_source (store, name, &error);

  if (source == NULL)
    {
      if (error == NULL || g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        sp_cli_fail (_("no source named “%s” (see suanpan-cli sources list)"), name);
      else
        sp_cli_fail ("%s", error->message);
    }
  return source;
}
