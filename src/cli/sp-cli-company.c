/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-company.c — suanpan-cli company set|show: the company profile the
 * subsidy finder checks programmes against (issue 19; README.md). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-cli.h"

/* The store, its programmes (for city names) and the company profile; on
 * error prints it and returns FALSE. */
static gboolean
open_profile (SpCliGlobals  *globals,
              SpStore      **store,
              GPtrArray    **programmes,
              SpCompany    **company)
{
  g_autoptr(GError) error = NULL;

  *store = sp_cli_open_store (globals, &error);
  if (*store != NULL)
    *programmes = sp_store_list_programmes (*store, &error);
  if (*programmes != NULL)
    *company = sp_company_load (*store, &error);
  if (*company == NULL)
    {
      sp_cli_fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* An empty (or blank) value clears the field */
static void
replace_text (char **field,
              char  *value)
{
  g_free (*field);
  *field = *g_strstrip (value) != '\0' ? g_strdup (value) : NULL;
}

static int
company_set (SpCliGlobals  *globals,
             int            argc,
             char         **argv)
{
  g_autofree char *city = NULL;
  g_autofree char *district = NULL;
  g_autofree char *industry = NULL;
  int employees = -1;
  const GOptionEntry entries[] = {
    { "city", 0, 0, G_OPTION_ARG_STRING, &city,
      N_("City: a programme's city id (hangzhou) or its Chinese name (杭州)"), N_("CITY") },
    { "district", 0, 0, G_OPTION_ARG_STRING, &district, N_("District"), N_("DISTRICT") },
    { "industry", 0, 0, G_OPTION_ARG_STRING, &industry, N_("Industry, as the programmes name it (制造业)"),
      N_("INDUSTRY") },
    { "employees", 0, 0, G_OPTION_ARG_INT, &employees, N_("Number of employees"), N_("N") },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(SpCompany) company = NULL;
  g_autoptr(GError) error = NULL;

  if (!sp_cli_parse_options_only (_("— set the company profile (city, district, industry, size)"),
                                  entries, &argc, &argv))
    return 1;
  if (city == NULL && district == NULL && industry == NULL && employees < 0)
    return sp_cli_fail (_("nothing to set: give --city, --district, --industry or --employees"));
  if (employees < -1)
    return sp_cli_fail (_("--employees: give a number of 0 or more"));

  if (!open_profile (globals, &store, &programmes, &company))
    return 1;
  if (city != NULL)
    {
      char *id = sp_company_resolve_city (programmes, city);

      if (id == NULL)
        return sp_cli_fail (_("unknown city “%s”: give a programme's city id such as hangzhou or its Chinese name"),
                            city);
      g_free (company->city);
      company->city = id;
    }
  if (district != NULL)
    replace_text (&company->district, district);
  if (industry != NULL)
    replace_text (&company->industry, industry);
  if (employees >= 0)
    company->employees = employees;
  if (!sp_company_save (store, company, &error))
    return sp_cli_fail ("%s", error->message);
  return 0;
}

static int
company_show (SpCliGlobals  *globals,
              int            argc,
              char         **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    SP_CLI_OPTION_JSON (json),
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(SpCompany) company = NULL;
  g_autoptr(GError) error = NULL;
  const char *city_name;

  if (!sp_cli_parse_options_only (_("— show the company profile"), entries, &argc, &argv))
    return 1;
  if (!open_profile (globals, &store, &programmes, &company))
    return 1;
  city_name = sp_company_city_name (programmes, company->city);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_builder_begin_object (b);
      sp_json_set_string (b, "city", company->city);
      sp_json_set_string (b, "city_name", city_name);
      sp_json_set_string (b, "district", company->district);
      sp_json_set_string (b, "industry", company->industry);
      json_builder_set_member_name (b, "employees");
      if (company->employees >= 0)
        json_builder_add_int_value (b, company->employees);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      sp_cli_print_builder (b);
      return 0;
    }
  if (sp_company_is_empty (company))
    {
      g_print ("%s\n", _("No company profile yet (suanpan-cli company set --city CITY)."));
      return 0;
    }
  g_print ("%s: %s%s%s%s\n", _("City"), city_name ? city_name : company->city ? company->city : "—",
           city_name ? " (" : "", city_name ? company->city : "", city_name ? ")" : "");
  g_print ("%s: %s\n", _("District"), company->district ? company->district : "—");
  g_print ("%s: %s\n", _("Industry"), company->industry ? company->industry : "—");
  if (company->employees >= 0)
    g_print ("%s: %" G_GINT64_FORMAT "\n", _("Employees"), company->employees);
  else
    g_print ("%s: —\n", _("Employees"));
  return 0;
}

static const SpCliSubcommand company_subs[] = {
  { "set", N_("Set the company's city, district, industry or size"), company_set },
  { "show", N_("Show the company profile"), company_show },
};

int
sp_cli_company (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  int status;

  if (argc < 2 || sp_cli_is_help_arg (argv[1]))
    {
      g_print ("%s\n\n", _("Usage: suanpan-cli company SUBCOMMAND [OPTIONS…]"));
      g_print ("%s\n", _("Subcommands:"));
      sp_cli_print_subcommands (company_subs, G_N_ELEMENTS (company_subs), 6);
      return argc < 2 ? 1 : 0;
    }
  if (sp_cli_run_subcommand (globals, "company", company_subs, G_N_ELEMENTS (company_subs),
                             argc, argv, &status))
    return status;
  return sp_cli_fail (_("unknown company subcommand “%s” (see suanpan-cli company --help)"), argv[1]);
}
