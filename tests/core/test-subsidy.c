/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-subsidy.c — the subsidy finder (issue 19): every shipped programme is
 * cited, eligibility for a company in Hangzhou and one in Ningbo, and
 * hand-computed claimable amounts for a 12-entry ledger under three
 * programmes (a rate per kind, a yearly cap reached mid-year, a vendor list
 * that excludes one vendor). */
#include "config.h"

#include <locale.h>

#include "sp-core.h"
#include "sp-test-util.h"

/* short, as the cases read */
#define yuan sp_test_money
#define day sp_test_day

static GPtrArray *
shipped (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = sp_programme_list_shipped (&error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static SpProgramme *
find (GPtrArray  *list,
      const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (sp_programme_get_id (list->pdata[i]), id))
      return list->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

/* ---- the shipped programmes are cited ---- */

static void
test_shipped_cited (void)
{
  g_autoptr(GPtrArray) list = shipped ();
  guint n_cited = 0;

  g_assert_cmpuint (list->len, >=, 10);
  for (guint i = 0; i < list->len; i++)
    {
      SpProgramme *p = list->pdata[i];
      g_auto(GStrv) paths = sp_programme_dup_clause_paths (p);

      g_assert_nonnull (sp_programme_get_city (p));
      g_assert_nonnull (sp_programme_get_city_zh (p));
      if (!sp_programme_has_source (p))
        {
          /* only Shenzhen: kept from an earlier release, every rule uncited */
          g_assert_cmpstr (sp_programme_get_id (p), ==, "shenzhen");
          g_assert_nonnull (sp_programme_get_uncited (p));
          continue;
        }
      n_cited++;
      g_assert_true (g_str_has_prefix (sp_programme_get_source_url (p), "http"));
      g_assert_nonnull (sp_programme_get_source_title (p));
      g_assert_nonnull (paths[0]);
      for (guint j = 0; paths[j] != NULL; j++)
        {
          const char *url = NULL;
          const char *clause = sp_programme_get_clause (p, paths[j], &url);

          g_assert_nonnull (clause);
          g_assert_true (g_utf8_strlen (clause, -1) >= 4);
          g_assert_true (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"));
        }
    }
  g_assert_cmpuint (n_cited, >=, 10);

  /* figures read from the documents */
  g_assert_cmpint (sp_programme_get_rate (find (list, "beijing"), SP_CATEGORY_OTHER_COMPUTE, FALSE),
                   ==, 2000);
  g_assert_cmpint (sp_programme_get_cap_per_year (find (list, "beijing")), ==, yuan ("2000000"));
  g_assert_cmpint (sp_programme_get_valid_to (find (list, "beijing")), ==, day ("2025-12-31"));
  g_assert_cmpint (sp_programme_get_cap_per_year (find (list, "langfang")), ==, yuan ("1000000"));
  g_assert_cmpint (sp_programme_get_budget (find (list, "shanghai")), ==, yuan ("600000000"));
  g_assert_true (sp_programme_is_unknown (find (list, "yangzhou"), "rates.model-service"));
  g_assert_cmpstr (sp_programme_get_clause (find (list, "hangzhou"), "cap_per_firm_year", NULL), ==,
                   "单家企业每年“算力券”申领不超过800万元");
}

/* A rule given without a clause, or given and listed as unknown, is refused */
static void
test_citation_rules (void)
{
  static const char * const bad[] = {
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\","
    " \"rates\": {\"model-service\": \"30\"}, \"cap_per_firm_year\": \"100\","
    " \"source\": {\"url\": \"https://example.org/a\", \"title\": \"T\", \"published\": null,"
    "  \"clauses\": {\"rates.model-service\": \"按30%补贴\"}}}]}",
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\","
    " \"rates\": {\"model-service\": \"30\"}, \"unknown\": [\"rates\"]}]}",
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\","
    " \"rates\": {\"model-service\": \"30\"},"
    " \"source\": {\"url\": \"ftp://example.org/a\", \"title\": \"T\", \"clauses\": {}}}]}",
  };
  const char *ok =
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": [{\"id\": \"x\", \"name\": \"X\","
    " \"unknown\": [\"rates\"], \"source\": {\"url\": \"https://example.org/a\", \"title\": \"T\","
    " \"published\": \"2024-04-13\", \"clauses\": {}}}]}";
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) none = sp_programme_list_from_data (bad[i], strlen (bad[i]), &error);

      g_assert_null (none);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  list = sp_programme_list_from_data (ok, strlen (ok), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_programme_get_rate (list->pdata[0], SP_CATEGORY_MODEL_SERVICE, FALSE), ==,
                   SP_RATE_NONE);
  g_assert_cmpstr (sp_programme_get_source_published (list->pdata[0]), ==, "2024-04-13");
}

/* ---- eligibility ---- */

static SpApplies
applies (GPtrArray       *list,
         const char      *id,
         const SpCompany *company,
         const char      *clause)
{
  g_autoptr(SpEligibility) e = sp_eligibility_check (find (list, id), list, company,
                                                     day ("2026-12-06"));

  g_assert_nonnull (e->reason);
  if (clause != NULL)
    g_assert_cmpstr (e->clause, ==, clause);
  return e->applies;
}

static void
test_eligibility (void)
{
  g_autoptr(GPtrArray) list = shipped ();
  g_autoptr(SpCompany) hz = sp_company_new ();
  g_autoptr(SpCompany) nb = sp_company_new ();
  g_autoptr(SpCompany) bj = sp_company_new ();
  g_autoptr(SpEligibility) e = NULL;
  g_autofree char *resolved = NULL;
  const char *bj_clause = "具备独立法人资格且在北京市注册的软件信息服务业企业和制造业企业";

  hz->city = sp_company_resolve_city (list, "杭州");
  g_assert_cmpstr (hz->city, ==, "hangzhou");
  nb->city = sp_company_resolve_city (list, "宁波市");
  g_assert_cmpstr (nb->city, ==, "ningbo");

  /* no profile: cannot tell */
  g_assert_cmpint (applies (list, "hangzhou", NULL, NULL), ==, SP_APPLIES_UNKNOWN);

  /* a company in Hangzhou */
  g_assert_cmpint (applies (list, "hangzhou", hz, NULL), ==, SP_APPLIES_YES);
  g_assert_cmpint (applies (list, "beijing", hz, bj_clause), ==, SP_APPLIES_NO);
  g_assert_cmpint (applies (list, "nanning", hz,
                            "本次申报面向在南宁市依法经营、具有独立法人资格的企业、高校、科研机构等单位"),
                   ==, SP_APPLIES_NO);
  g_assert_cmpint (applies (list, "guizhou", hz, NULL), ==, SP_APPLIES_YES);
  g_assert_cmpint (applies (list, "shanghai", hz, NULL), ==, SP_APPLIES_UNKNOWN);

  /* a company in Ningbo: no Ningbo programme is shipped */
  g_assert_cmpint (applies (list, "hangzhou", nb, NULL), ==, SP_APPLIES_UNKNOWN);
  g_assert_cmpint (applies (list, "beijing", nb, bj_clause), ==, SP_APPLIES_NO);
  g_assert_cmpint (applies (list, "yangzhou", nb,
                            "在扬州市注册的“613”产业体系重点企业和从事人工智能研发应用的科研院所"),
                   ==, SP_APPLIES_NO);
  g_assert_cmpint (applies (list, "guizhou", nb, NULL), ==, SP_APPLIES_YES);

  /* an industry limit */
  bj->city = g_strdup ("beijing");
  g_assert_cmpint (applies (list, "beijing", bj, bj_clause), ==, SP_APPLIES_UNKNOWN);
  bj->industry = g_strdup ("金融业");
  g_assert_cmpint (applies (list, "beijing", bj, bj_clause), ==, SP_APPLIES_NO);
  g_free (bj->industry);
  bj->industry = g_strdup ("制造业");
  e = sp_eligibility_check (find (list, "beijing"), list, bj, day ("2026-12-06"));
  g_assert_cmpint (e->applies, ==, SP_APPLIES_YES);
  g_assert_true (e->expired);
  /* Beijing does not say it pro-rates; Nanning counts contract days inside
   * its period, which a ledger entry (one date) cannot: the user is told */
  for (guint i = 0; i < e->to_check->len; i++)
    g_assert_null (strstr (e->to_check->pdata[i], "contract days"));
  g_clear_pointer (&e, sp_eligibility_free);
  e = sp_eligibility_check (find (list, "nanning"), list, hz, day ("2025-06-01"));
  g_assert_false (e->expired);   /* inside its 2025-03-01..2025-12-31 base period */
  g_assert_cmpuint (e->to_check->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (e->to_check, e->to_check->len - 1),
                            "Only the contract days inside the programme's period count"));
  g_clear_pointer (&e, sp_eligibility_free);
  e = sp_eligibility_check (find (list, "nanning"), list, hz, day ("2026-01-01"));
  g_assert_true (e->expired);

  g_assert_null (sp_company_resolve_city (list, "atlantis"));
  resolved = sp_company_resolve_city (list, " HangZhou ");
  g_assert_cmpstr (resolved, ==, "hangzhou");
}

static void
test_company_store (void)
{
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "suanpan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, &error);
  g_autoptr(SpCompany) company = NULL;
  g_autoptr(SpCompany) again = NULL;

  g_assert_no_error (error);
  company = sp_company_load (store, &error);
  g_assert_no_error (error);
  g_assert_true (sp_company_is_empty (company));
  company->city = g_strdup ("hangzhou");
  company->industry = g_strdup ("制造业");
  company->employees = 42;
  g_assert_true (sp_company_save (store, company, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = sp_store_open (path, &error);
  again = sp_company_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->city, ==, "hangzhou");
  g_assert_null (again->district);
  g_assert_cmpstr (again->industry, ==, "制造业");
  g_assert_cmpint (again->employees, ==, 42);
}

/* ---- claimable: 12 entries under three programmes ---- */

static const char *fixture_programmes =
  "{\"suanpan_programmes\": \"1.0\", \"programmes\": ["
  /* a rate per kind: tokens 30%, compute at the lower of 30% / 20% */
  " {\"id\": \"per-kind\", \"name\": \"Per kind\", \"city\": {\"id\": \"testville\"},"
  "  \"rates\": {\"model-service\": \"30\", \"domestic-compute\": \"30\", \"other-compute\": \"20\"}},"
  /* 50% of compute, at most ¥1,000 per firm per year: reached in March */
  " {\"id\": \"capped\", \"name\": \"Capped\", \"city\": {\"id\": \"testville\"},"
  "  \"rates\": {\"domestic-compute\": \"50\", \"other-compute\": \"50\"}, \"cap_per_firm_year\": \"1000\"},"
  /* 10% of anything bought from the two listed vendors */
  " {\"id\": \"listed\", \"name\": \"Listed\", \"city\": {\"id\": \"testville\"},"
  "  \"rates\": {\"model-service\": \"10\", \"other-compute\": \"10\"},"
  "  \"vendors\": {\"ids\": [\"good-cloud\", \"fine-cloud\"]}},"
  /* not this company's city, registration required */
  " {\"id\": \"elsewhere\", \"name\": \"Elsewhere\", \"city\": {\"id\": \"othertown\"},"
  "  \"rates\": {\"other-compute\": \"90\"}, \"conditions\": {\"registered_in_city\": true}}"
  "]}";

static SpLedgerEntry *
entry (gint64      id,
       const char *date,
       const char *vendor,
       SpLedgerKind kind,
       const char *amount,
       const char *subsidy)
{
  SpLedgerEntry *e = sp_ledger_entry_new ();

  e->id = id;
  g_strlcpy (e->date, date, sizeof e->date);
  e->vendor = g_strdup (vendor);
  e->kind = kind;
  e->list_amount = yuan (amount);
  e->subsidy = subsidy ? yuan (subsidy) : 0;
  e->reimbursed_later = 0;
  e->paid = e->list_amount - e->subsidy;
  g_strlcpy (e->currency, "CNY", sizeof e->currency);
  return e;
}

static void
assert_claim (SpSubsidyClaim *claim,
              const char     *id,
              const char     *due,
              const char     *claimed,
              const char     *claimable,
              const char     *entries)
{
  GString *got = g_string_new (NULL);

  g_assert_cmpstr (sp_programme_get_id (claim->programme), ==, id);
  g_assert_cmpint (claim->due, ==, yuan (due));
  g_assert_cmpint (claim->claimed, ==, yuan (claimed));
  g_assert_cmpint (claim->claimable, ==, yuan (claimable));
  for (guint i = 0; i < claim->entries->len; i++)
    {
      SpSubsidyClaimEntry *ce = &g_array_index (claim->entries, SpSubsidyClaimEntry, i);
      g_autofree char *amount = sp_money_to_string_fixed (ce->amount, 2, SP_ROUND_HALF_UP);

      g_string_append_printf (got, "%s%" G_GINT64_FORMAT "=%s", i ? "," : "", ce->entry_id, amount);
    }
  g_assert_cmpstr (got->str, ==, entries);
  g_string_free (got, TRUE);
}

static void
test_claimable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programmes = sp_programme_list_from_data (fixture_programmes,
                                                                 strlen (fixture_programmes), &error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_entry_free);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(SpCompany) company = sp_company_new ();
  guint32 today = day ("2026-12-06");
  guint32 from = sp_claimable_period_start (today, 12);
  SpLedgerEntry *refund, *usd;

  g_assert_no_error (error);
  g_assert_cmpuint (from, ==, day ("2025-12-07"));
  company->city = g_strdup ("testville");

  g_ptr_array_add (entries, entry (1, "2026-01-10", "good-cloud", SP_LEDGER_KIND_GPU, "1000", NULL));
  g_ptr_array_add (entries, entry (2, "2026-02-10", "good-cloud", SP_LEDGER_KIND_TOKENS, "500", NULL));
  g_ptr_array_add (entries, entry (3, "2026-03-10", "bad-cloud", SP_LEDGER_KIND_GPU, "2000", NULL));
  g_ptr_array_add (entries, entry (4, "2026-04-10", "fine-cloud", SP_LEDGER_KIND_CPU, "300", NULL));
  g_ptr_array_add (entries, entry (5, "2026-05-10", "good-cloud", SP_LEDGER_KIND_OTHER, "700", NULL));
  /* ¥100 of government money already recorded on this one */
  g_ptr_array_add (entries, entry (6, "2026-06-10", "good-cloud", SP_LEDGER_KIND_GPU, "1000", "100"));
  refund = entry (7, "2026-07-10", "good-cloud", SP_LEDGER_KIND_GPU, "0", NULL);
  refund->refund = TRUE;
  refund->list_amount = -yuan ("200");
  g_ptr_array_add (entries, refund);
  g_ptr_array_add (entries, entry (8, "2026-08-10", "good-cloud", SP_LEDGER_KIND_TOKENS, "0.123456", NULL));
  g_ptr_array_add (entries, entry (9, "2026-09-10", "bad-cloud", SP_LEDGER_KIND_TOKENS, "1000", NULL));
  /* before the 12 months */
  g_ptr_array_add (entries, entry (10, "2025-11-30", "good-cloud", SP_LEDGER_KIND_GPU, "1000", NULL));
  usd = entry (11, "2026-10-10", "good-cloud", SP_LEDGER_KIND_GPU, "1000", NULL);
  g_strlcpy (usd->currency, "USD", sizeof usd->currency);
  g_ptr_array_add (entries, usd);
  g_ptr_array_add (entries, entry (12, "2026-11-10", "fine-cloud", SP_LEDGER_KIND_GPU, "2500", NULL));

  claims = sp_claimable_compute (programmes, company, entries, from, today);
  g_assert_cmpuint (claims->len, ==, 4);

  /* per kind: compute 20% (200, 400, 60, 200, 500), tokens 30% (150,
   * 0.037… → 0.04, 300); entry 6 already got 100 */
  assert_claim (claims->pdata[0], "per-kind", "1810.04", "100", "1710.04",
                "1=200.00,2=150.00,3=400.00,4=60.00,6=100.00,8=0.04,9=300.00,12=500.00");
  /* 50% of 1000 = 500, then 1000 of 2000 capped to the 500 left: the cap is
   * reached in March and nothing later is due; tokens are not covered */
  assert_claim (claims->pdata[1], "capped", "1000", "0", "1000", "1=500.00,3=500.00");
  /* 10%, bad-cloud (entries 3 and 9) is not listed */
  assert_claim (claims->pdata[2], "listed", "530.01", "100", "430.01",
                "1=100.00,2=50.00,4=30.00,8=0.01,12=250.00");
  /* not the company's city: nothing computed, not in the total */
  g_assert_cmpint (((SpSubsidyClaim *) claims->pdata[3])->eligibility->applies, ==, SP_APPLIES_NO);
  assert_claim (claims->pdata[3], "elsewhere", "0", "0", "0", "");

  g_assert_cmpint (sp_claimable_total (claims), ==, yuan ("3140.05"));
}

/* Compute recorded as domestic or other (a purchase through the wallet
 * records its category) is paid at that category's rate; without one, or
 * with a project name there, at the lower rate */
static void
test_claimable_category (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programmes = sp_programme_list_from_data (fixture_programmes,
                                                                 strlen (fixture_programmes), &error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_entry_free);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(SpCompany) company = sp_company_new ();
  SpLedgerEntry *e;

  g_assert_no_error (error);
  company->city = g_strdup ("testville");
  e = entry (1, "2026-01-10", "good-cloud", SP_LEDGER_KIND_GPU, "1000", NULL);
  e->category = g_strdup ("domestic-compute");
  g_ptr_array_add (entries, e);
  e = entry (2, "2026-02-10", "good-cloud", SP_LEDGER_KIND_CPU, "1000", NULL);
  e->category = g_strdup ("other-compute");
  g_ptr_array_add (entries, e);
  e = entry (3, "2026-03-10", "good-cloud", SP_LEDGER_KIND_GPU, "1000", NULL);
  e->category = g_strdup ("Project Qilin");
  g_ptr_array_add (entries, e);

  claims = sp_claimable_compute (programmes, company, entries, day ("2025-12-07"), day ("2026-12-06"));
  /* per kind: domestic 30%, other 20%, a project name → the lower 20% */
  assert_claim (claims->pdata[0], "per-kind", "700", "0", "700", "1=300.00,2=200.00,3=200.00");
  /* capped: 50% either way, ¥1,000 a year */
  assert_claim (claims->pdata[1], "capped", "1000", "0", "1000", "1=500.00,2=500.00");
  /* listed states no domestic rate: its only compute rate, 10% */
  assert_claim (claims->pdata[2], "listed", "300", "0", "300", "1=100.00,2=100.00,3=100.00");
}

/* An application window that closed, and a smallest voucher */
static void
test_window_and_minimum (void)
{
  const char *data =
    "{\"suanpan_programmes\": \"1.0\", \"programmes\": ["
    " {\"id\": \"closed\", \"name\": \"Closed\", \"city\": {\"id\": \"testville\"},"
    "  \"rates\": {\"other-compute\": \"30\"},"
    "  \"conditions\": {\"application_window\": {\"from\": \"2026-01-04\", \"to\": \"2026-01-23\"}},"
    "  \"source\": {\"url\": \"https://example.org/n\", \"title\": \"T\", \"published\": null,"
    "   \"clauses\": {\"rates.other-compute\": \"按实际结算费用的30%\","
    "    \"conditions.application_window\": \"申报时间为1月4日至23日\"}}},"
    " {\"id\": \"minimum\", \"name\": \"Minimum\", \"city\": {\"id\": \"testville\"},"
    "  \"rates\": {\"other-compute\": \"30\"}, \"conditions\": {\"min_subsidy\": \"5000\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programmes = sp_programme_list_from_data (data, strlen (data), &error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_ledger_entry_free);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(SpCompany) company = sp_company_new ();
  g_autoptr(SpEligibility) open = NULL;
  SpSubsidyClaim *closed;

  g_assert_no_error (error);
  company->city = g_strdup ("testville");
  open = sp_eligibility_check (programmes->pdata[0], programmes, company, day ("2026-01-10"));
  g_assert_cmpint (open->applies, ==, SP_APPLIES_YES);

  g_ptr_array_add (entries, entry (1, "2026-03-01", "a", SP_LEDGER_KIND_GPU, "10000", NULL));
  g_ptr_array_add (entries, entry (2, "2026-04-01", "a", SP_LEDGER_KIND_GPU, "20000", NULL));
  claims = sp_claimable_compute (programmes, company, entries, day ("2025-12-07"), day ("2026-12-06"));
  closed = claims->pdata[0];
  g_assert_cmpint (closed->eligibility->applies, ==, SP_APPLIES_NO);
  g_assert_cmpstr (closed->eligibility->clause, ==, "申报时间为1月4日至23日");
  g_assert_cmpint (closed->deadline, ==, day ("2026-01-23"));
  /* 30% of 10,000 = 3,000 is below the ¥5,000 voucher; 30% of 20,000 counts */
  assert_claim (claims->pdata[1], "minimum", "6000", "0", "6000", "2=6000.00");
  g_assert_cmpint (sp_claimable_total (claims), ==, yuan ("6000"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/subsidy/shipped-programmes-cited", test_shipped_cited);
  g_test_add_func ("/subsidy/citation-rules", test_citation_rules);
  g_test_add_func ("/subsidy/eligibility-hangzhou-ningbo", test_eligibility);
  g_test_add_func ("/subsidy/company-in-store", test_company_store);
  g_test_add_func ("/subsidy/claimable-twelve-entries", test_claimable);
  g_test_add_func ("/subsidy/claimable-by-category", test_claimable_category);
  g_test_add_func ("/subsidy/window-and-minimum", test_window_and_minimum);
  return g_test_run ();
}
