/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-company.c — the company profile, kept in the store's meta table */
#include "config.h"

#include <string.h>

#include "sp-company.h"
#include "sp-programme.h"

#define KEY_CITY      "company.city"
#define KEY_DISTRICT  "company.district"
#define KEY_INDUSTRY  "company.industry"
#define KEY_EMPLOYEES "company.employees"

/* Cities with a compute-voucher programme reported but none shipped yet */
static const struct { const char *id; const char *zh; } other_cities[] = {
  { "ningbo", "宁波市" }, { "chongqing", "重庆市" },
  { "suzhou", "苏州市" }, { "hefei", "合肥市" }, { "guangzhou", "广州市" },
  { "wuhan", "武汉市" }, { "changsha", "长沙市" }, { "tianjin", "天津市" },
};

SpCompany *
sp_company_new (void)
{
  SpCompany *company = g_new0 (SpCompany, 1);

  company->employees = -1;
  return company;
}

void
sp_company_free (SpCompany *company)
{
  if (company == NULL)
    return;
  g_free (company->city);
  g_free (company->district);
  g_free (company->industry);
  g_free (company);
}

gboolean
sp_company_is_empty (const SpCompany *company)
{
  return company == NULL ||
         (company->city == NULL && company->district == NULL && company->industry == NULL &&
          company->employees < 0);
}

static char *
meta_or_null (SpStore    *store,
              const char *key)
{
  char *value = sp_store_get_meta (store, key);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

SpCompany *
sp_company_load (SpStore  *store,
                 GError  **error)
{
  g_autoptr(SpCompany) company = sp_company_new ();
  g_autofree char *employees = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  company->city = meta_or_null (store, KEY_CITY);
  company->district = meta_or_null (store, KEY_DISTRICT);
  company->industry = meta_or_null (store, KEY_INDUSTRY);
  employees = meta_or_null (store, KEY_EMPLOYEES);
  if (employees != NULL)
    {
      guint64 n = 0;

      if (g_ascii_string_to_unsigned (employees, 10, 0, G_MAXINT32, &n, NULL))
        company->employees = (gint64) n;
    }
  return g_steal_pointer (&company);
}

gboolean
sp_company_save (SpStore          *store,
                 const SpCompany  *company,
                 GError          **error)
{
  g_autofree char *employees = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (company != NULL, FALSE);

  if (company->employees >= 0)
    employees = g_strdup_printf ("%" G_GINT64_FORMAT, company->employees);
  return sp_store_set_meta (store, KEY_CITY, company->city ? company->city : "", error) &&
         sp_store_set_meta (store, KEY_DISTRICT, company->district ? company->district : "", error) &&
         sp_store_set_meta (store, KEY_INDUSTRY, company->industry ? company->industry : "", error) &&
         sp_store_set_meta (store, KEY_EMPLOYEES, employees ? employees : "", error);
}

/* "杭州市" and "杭州" both name 杭州市 */
static gboolean
name_matches (const char *zh,
              const char *text)
{
  gsize len;

  if (zh == NULL)
    return FALSE;
  if (g_str_equal (zh, text))
    return TRUE;
  len = strlen (text);
  return strncmp (zh, text, len) == 0 &&
         (g_str_equal (zh + len, "市") || g_str_equal (zh + len, "省"));
}

char *
sp_company_resolve_city (GPtrArray  *programmes,
                         const char *text)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  key = g_strstrip (g_utf8_strdown (text, -1));
  if (*key == '\0')
    return NULL;
  for (guint i = 0; programmes != NULL && i < programmes->len; i++)
    {
      const char *id = sp_programme_get_city (programmes->pdata[i]);

      if (id != NULL &&
          (g_str_equal (id, key) || name_matches (sp_programme_get_city_zh (programmes->pdata[i]), key)))
        return g_strdup (id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (other_cities); i++)
    if (g_str_equal (other_cities[i].id, key) || name_matches (other_cities[i].zh, key))
      return g_strdup (other_cities[i].id);
  return NULL;
}

const char *
sp_company_city_name (GPtrArray  *programmes,
                      const char *city_id)
{
  if (city_id == NULL)
    return NULL;
  for (guint i = 0; programmes != NULL && i < programmes->len; i++)
    if (g_strcmp0 (sp_programme_get_city (programmes->pdata[i]), city_id) == 0)
      return sp_programme_get_city_zh (programmes->pdata[i]);
  for (guint i = 0; i < G_N_ELEMENTS (other_cities); i++)
    if (g_str_equal (other_cities[i].id, city_id))
      return other_cities[i].zh;
  return NULL;
}
