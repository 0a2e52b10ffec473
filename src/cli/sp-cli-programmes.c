/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-programmes.c — suanpan-cli programmes list|show|claimable: the
 * compute-voucher programmes with their cited rules, whether each applies to
 * the company, and what the ledger's purchases could still claim (issue 19;
 * README.md, docs/programmes.md). */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-cli.h"

static const char * const category_ids[SP_CATEGORY_N] = {
  [SP_CATEGORY_DOMESTIC_COMPUTE] = "domestic-compute",
  [SP_CATEGORY_OTHER_COMPUTE] = "other-compute",
  [SP_CATEGORY_MODEL_SERVICE] = "model-service",
};

typedef struct {
  SpStore   *store;
  GPtrArray *programmes;
  SpCompany *company;
  guint32    today;
} Context;

static void
context_clear (Context *c)
{
  g_clear_object (&c->store);
  g_clear_pointer (&c->programmes, g_ptr_array_unref);
  g_clear_pointer (&c->company, sp_company_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

/* Parses --json and --date (list, show), then opens the store and reads the
 * programmes and the company profile; on error prints it and returns FALSE. */
static gboolean
context_parse (Context       *c,
               SpCliGlobals  *globals,
               const char    *parameter_string,
               gboolean      *json,
               int           *argc,
               char        ***argv)
{
  g_autofree char *date = NULL;
  const GOptionEntry entries[] = {
    SP_CLI_OPTION_JSON (*json),
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Decide as of this day (default today)"),
      N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;

  if (!sp_cli_parse_options (parameter_string, entries, argc, argv))
    return FALSE;
  if (date != NULL && !sp_date_parse_iso (date, &c->today))
    {
      sp_cli_fail (_("%s: “%s” is not a date (YYYY-MM-DD)"), "--date", date);
      return FALSE;
    }
  if (c->today == 0)
    c->today = sp_date_today ();
  c->store = sp_cli_open_store (globals, &error);
  if (c->store != NULL)
    c->programmes = sp_store_list_programmes (c->store, &error);
  if (c->programmes != NULL)
    c->company = sp_company_load (c->store, &error);
  if (c->company == NULL)
    {
      sp_cli_fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
json_date (JsonBuilder *b,
           const char  *name,
           guint32      day)
{
  g_autofree char *text = day != 0 ? sp_date_to_iso (day) : NULL;

  sp_json_set_string (b, name, text);
}

static void
json_strv (JsonBuilder        *b,
           const char         *name,
           const char * const *strv)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

static void
json_rates (JsonBuilder *b,
            const char  *name,
            SpProgramme *p,
            gboolean     startup)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < SP_CATEGORY_N; i++)
    {
      gint rate = sp_programme_get_rate (p, i, startup);

      if (rate >= 0 && (!startup || rate != sp_programme_get_rate (p, i, FALSE)))
        {
          g_autofree char *text = sp_voucher_format_percent_number (rate);

          sp_json_set_string (b, category_ids[i], text);
        }
    }
  json_builder_end_object (b);
}

static void
json_source (JsonBuilder *b,
             SpProgramme *p)
{
  g_auto(GStrv) paths = NULL;

  json_builder_set_member_name (b, "source");
  if (!sp_programme_has_source (p))
    {
      json_builder_add_null_value (b);
      return;
    }
  paths = sp_programme_dup_clause_paths (p);
  json_builder_begin_object (b);
  sp_json_set_string (b, "url", sp_programme_get_source_url (p));
  sp_json_set_string (b, "title", sp_programme_get_source_title (p));
  sp_json_set_string (b, "published", sp_programme_get_source_published (p));
  json_builder_set_member_name (b, "clauses");
  json_builder_begin_object (b);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *url = NULL;
      const char *text = sp_programme_get_clause (p, paths[i], &url);

      if (g_strcmp0 (url, sp_programme_get_source_url (p)) == 0)
        sp_json_set_string (b, paths[i], text);
      else
        {
          json_builder_set_member_name (b, paths[i]);
          json_builder_begin_object (b);
          sp_json_set_string (b, "text", text);
          sp_json_set_string (b, "url", url);
          json_builder_end_object (b);
        }
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* origin: {kind: shipped|imported|feed, source, url, fetched} */
static void
json_origin (JsonBuilder *b,
             SpProgramme *p)
{
  SpProgrammeOrigin origin = sp_programme_get_origin (p);
  g_autofree char *fetched = sp_cli_format_utc (sp_programme_get_origin_fetched (p));

  json_builder_set_member_name (b, "origin");
  json_builder_begin_object (b);
  sp_json_set_string (b, "kind", sp_programme_origin_to_string (origin));
  sp_json_set_string (b, "source", sp_programme_get_origin_source (p));
  sp_json_set_string (b, "url", sp_programme_get_origin_url (p));
  sp_json_set_string (b, "fetched", fetched);
  json_builder_end_object (b);
}

static void
json_applies (JsonBuilder         *b,
              const SpEligibility *e)
{
  json_builder_set_member_name (b, "applies");
  if (e->applies == SP_APPLIES_UNKNOWN)
    json_builder_add_null_value (b);
  else
    json_builder_add_boolean_value (b, e->applies == SP_APPLIES_YES);
  sp_json_set_string (b, "reason", e->reason);
  sp_json_set_string (b, "clause", e->clause);
  sp_json_set_string (b, "clause_url", e->clause_url);
  json_builder_set_member_name (b, "to_check");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->to_check->len; i++)
    json_builder_add_string_value (b, e->to_check->pdata[i]);
  json_builder_end_array (b);
}

static void
json_programme (JsonBuilder *b,
                Context     *c,
                SpProgramme *p)
{
  g_autoptr(SpEligibility) e = sp_eligibility_check (p, c->programmes, c->company, c->today);

  json_builder_begin_object (b);
  sp_json_set_string (b, "id", sp_programme_get_id (p));
  sp_json_set_string (b, "name", sp_programme_get_name_en (p));
  sp_json_set_string (b, "name_zh", sp_programme_get_name_zh (p));
  sp_json_set_string (b, "city", sp_programme_get_city (p));
  sp_json_set_string (b, "city_name", sp_programme_get_city_zh (p));
  sp_json_set_string (b, "issuer", sp_programme_get_issuer (p));
  sp_json_set_string (b, "currency", sp_programme_get_currency (p));
  json_date (b, "valid_from", sp_programme_get_valid_from (p));
  json_date (b, "valid_to", sp_programme_get_valid_to (p));
  sp_json_set_bool (b, "expired", e->expired);
  json_rates (b, "rates", p, FALSE);
  json_rates (b, "startup_rates", p, TRUE);
  sp_json_set_money (b, "cap_per_contract", sp_programme_get_cap_per_contract (p), 2);
  sp_json_set_money (b, "cap_per_firm_year", sp_programme_get_cap_per_year (p), 2);
  sp_json_set_money (b, "budget_total", sp_programme_get_budget (p), 2);
  json_date (b, "application_deadline", sp_programme_get_window_to (p));
  json_source (b, p);
  json_strv (b, "unknown", sp_programme_get_unknown (p));
  json_strv (b, "uncited", sp_programme_get_uncited (p));
  json_origin (b, p);
  json_applies (b, e);
  json_builder_end_object (b);
}

static const char *
applies_label (SpApplies applies)
{
  switch (applies)
    {
    case SP_APPLIES_YES:
      return _("applies");
    case SP_APPLIES_NO:
      return _("does not apply");
    case SP_APPLIES_UNKNOWN:
    default:
      return _("cannot tell");
    }
}

static int
programmes_list (SpCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  gboolean json = FALSE;
  g_auto(Context) c = { 0 };
  g_autoptr(SpCliTable) table = NULL;

  if (!context_parse (&c, globals, _("— list the compute-voucher programmes and whether each applies"),
                      &json, &argc, &argv))
    return 1;
  if (argc > 1)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_builder_begin_array (b);
      for (guint i = 0; i < c.programmes->len; i++)
        json_programme (b, &c, c.programmes->pdata[i]);
      json_builder_end_array (b);
      sp_cli_print_builder (b);
      return 0;
    }
  table = sp_cli_table_new ("lllll");
  sp_cli_table_add (table, _("ID"), _("Programme"), _("For the company"), _("Source"), _("Origin"));
  for (guint i = 0; i < c.programmes->len; i++)
    {
      SpProgramme *p = c.programmes->pdata[i];
      g_autoptr(SpEligibility) e = sp_eligibility_check (p, c.programmes, c.company, c.today);
      g_autofree char *status = e->expired ? g_strdup_printf ("%s (%s)", applies_label (e->applies), _("expired"))
                                           : g_strdup (applies_label (e->applies));
      g_autofree char *origin = sp_programme_dup_origin_label (p);

      sp_cli_table_add (table, sp_programme_get_id (p), sp_programme_get_name (p), status,
                        sp_programme_has_source (p) ? sp_programme_get_source_title (p) : _("no published source found"),
                        origin);
    }
  sp_cli_table_print (table);
  return 0;
}

static void
print_rule (SpProgramme *p,
            const char  *path)
{
  const char *url = NULL;
  const char *clause = sp_programme_get_clause (p, path, &url);

  if (clause != NULL)
    g_print ("  %s\n    “%s”\n", path, clause);
  if (clause != NULL && g_strcmp0 (url, sp_programme_get_source_url (p)) != 0)
    g_print ("    %s\n", url);
}

static int
programmes_show (SpCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  gboolean json = FALSE;
  g_auto(Context) c = { 0 };
  g_autoptr(SpEligibility) e = NULL;
  g_auto(GStrv) paths = NULL;
  const char * const *unknown;
  SpProgramme *p;

  if (!context_parse (&c, globals, _("ID — one programme with the clause behind each rule"),
                      &json, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail (_("give one programme id (see suanpan-cli programmes list)"));
  p = sp_programme_list_find (c.programmes, argv[1]);
  if (p == NULL)
    return sp_cli_fail (_("There is no programme “%s”"), argv[1]);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_programme (b, &c, p);
      sp_cli_print_builder (b);
      return 0;
    }
  e = sp_eligibility_check (p, c.programmes, c.company, c.today);
  g_print ("%s (%s)\n", sp_programme_get_name (p), sp_programme_get_id (p));
  if (sp_programme_get_notes (p) != NULL)
    g_print ("%s\n", sp_programme_get_notes (p));
  {
    g_autofree char *origin = sp_programme_dup_origin_label (p);

    g_print ("%s: %s\n", _("Origin"), origin);
    if (sp_programme_get_origin_url (p) != NULL)
      g_print ("  %s\n", sp_programme_get_origin_url (p));
  }
  g_print ("\n%s: %s — %s\n", _("For the company"), applies_label (e->applies), e->reason);
  if (e->clause != NULL)
    g_print ("  “%s”\n", e->clause);
  for (guint i = 0; i < e->to_check->len; i++)
    g_print ("  • %s\n", (char *) e->to_check->pdata[i]);
  if (!sp_programme_has_source (p))
    g_print ("\n%s\n", _("No published source was found for this programme."));
  else
    {
      g_print ("\n%s: %s (%s)\n%s\n", _("Source"), sp_programme_get_source_title (p),
               sp_programme_get_source_published (p) ? sp_programme_get_source_published (p) : "—",
               sp_programme_get_source_url (p));
      paths = sp_programme_dup_clause_paths (p);
      for (guint i = 0; paths[i] != NULL; i++)
        print_rule (p, paths[i]);
    }
  unknown = sp_programme_get_unknown (p);
  if (unknown != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) unknown);

      g_print ("\n%s: %s\n", _("Not stated in the document"), list);
    }
  return 0;
}

static void
json_claim (JsonBuilder *b,
            SpSubsidyClaim     *claim)
{
  json_builder_begin_object (b);
  sp_json_set_string (b, "id", sp_programme_get_id (claim->programme));
  json_applies (b, claim->eligibility);
  sp_json_set_bool (b, "expired", claim->eligibility->expired);
  sp_json_set_money (b, "claimable", claim->amount_known ? claim->claimable : SP_MONEY_UNKNOWN, 2);
  sp_json_set_money (b, "claimed", claim->amount_known ? claim->claimed : SP_MONEY_UNKNOWN, 2);
  sp_json_set_money (b, "due", claim->amount_known ? claim->due : SP_MONEY_UNKNOWN, 2);
  sp_json_set_string (b, "currency", sp_programme_get_currency (claim->programme));
  json_date (b, "deadline", claim->deadline);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < claim->entries->len; i++)
    {
      SpSubsidyClaimEntry *ce = &g_array_index (claim->entries, SpSubsidyClaimEntry, i);

      json_builder_begin_object (b);
      sp_json_set_int (b, "id", ce->entry_id);
      sp_json_set_money (b, "amount", ce->amount, 2);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_claims (GPtrArray *claims,
              SpMoney    total)
{
  g_autoptr(SpCliTable) table = sp_cli_table_new ("llrrl");
  g_autofree char *total_text = sp_money_format (total, "CNY", SP_MONEY_STYLE_AMOUNT);

  sp_cli_table_add (table, _("ID"), _("For the company"), _("Claimable"), _("Claimed"), _("Deadline"));
  for (guint i = 0; i < claims->len; i++)
    {
      SpSubsidyClaim *claim = claims->pdata[i];
      const char *currency = sp_programme_get_currency (claim->programme);
      g_autofree char *claimable = claim->amount_known ? sp_money_format (claim->claimable, currency, SP_MONEY_STYLE_AMOUNT)
                                                       : g_strdup (_("unknown rate"));
      g_autofree char *claimed = sp_money_format (claim->claimed, currency, SP_MONEY_STYLE_AMOUNT);
      g_autofree char *deadline = claim->deadline ? sp_date_to_iso (claim->deadline) : g_strdup ("—");

      if (claim->eligibility->applies == SP_APPLIES_NO)
        continue;
      sp_cli_table_add (table, sp_programme_get_id (claim->programme),
                        applies_label (claim->eligibility->applies), claimable, claimed, deadline);
    }
  sp_cli_table_print (table);
  g_print ("%s: %s\n", _("Total claimable where the programme applies"), total_text);
}

static int
programmes_claimable (SpCliGlobals  *globals,
                      int            argc,
                      char         **argv)
{
  gboolean json = FALSE;
  int months = 12;
  g_autofree char *date = NULL;
  const GOptionEntry entries[] = {
    { "months", 0, 0, G_OPTION_ARG_INT, &months, N_("Look at the ledger's last N months (default 12)"), N_("N") },
    SP_CLI_OPTION_JSON (json),
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Count up to this day (default today)"),
      N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autofree char *path = sp_store_default_path (globals->data_dir);
  g_autoptr(SpSubsidyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint32 today = 0;
  GPtrArray *claims;
  SpMoney total;

  if (!sp_cli_parse_options_only (_("— what the ledger's purchases could still claim, per programme"),
                                  entries, &argc, &argv))
    return 1;
  if (months < 1 || months > 120)
    return sp_cli_fail (_("--months: give a number from 1 to 120"));
  if (date != NULL && !sp_date_parse_iso (date, &today))
    return sp_cli_fail (_("%s: “%s” is not a date (YYYY-MM-DD)"), "--date", date);
  report = sp_subsidy_report_load (path, (guint) months, today, &error);
  if (report == NULL)
    return sp_cli_fail ("%s", error->message);
  claims = sp_subsidy_report_get_claims (report);
  total = sp_subsidy_report_get_total (report);
  if (!json)
    {
      print_claims (claims, total);
      return 0;
    }
  {
    g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

    json_builder_begin_object (b);
    json_date (b, "from", sp_subsidy_report_get_from (report));
    json_date (b, "to", sp_subsidy_report_get_today (report));
    json_builder_set_member_name (b, "programmes");
    json_builder_begin_array (b);
    for (guint i = 0; i < claims->len; i++)
      json_claim (b, claims->pdata[i]);
    json_builder_end_array (b);
    sp_json_set_money (b, "total", total, 2);
    sp_json_set_string (b, "currency", "CNY");
    json_builder_end_object (b);
    sp_cli_print_builder (b);
  }
  return 0;
}

static const SpCliSubcommand programmes_subs[] = {
  { "list", N_("List the programmes and whether each applies to the company"), programmes_list },
  { "show", N_("Show one programme with the clause behind each rule"), programmes_show },
  { "claimable", N_("What the ledger's purchases could still claim"), programmes_claimable },
};

int
sp_cli_programmes (SpCliGlobals  *globals,
                   int            argc,
                   char         **argv)
{
  int status;

  if (argc < 2 || sp_cli_is_help_arg (argv[1]))
    {
      g_print ("%s\n\n", _("Usage: suanpan-cli programmes SUBCOMMAND [OPTIONS…]"));
      g_print ("%s\n", _("Subcommands:"));
      sp_cli_print_subcommands (programmes_subs, G_N_ELEMENTS (programmes_subs), 11);
      return argc < 2 ? 1 : 0;
    }
  if (sp_cli_run_subcommand (globals, "programmes", programmes_subs, G_N_ELEMENTS (programmes_subs),
                             argc, argv, &status))
    return status;
  return sp_cli_fail (_("unknown programmes subcommand “%s” (see suanpan-cli programmes --help)"), argv[1]);
}
