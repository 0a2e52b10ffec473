/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-programme.c — a government compute-voucher programme, as data: the
 * object and its getters (reading: sp-programme-json.c; feeds:
 * sp-programme-feed.c) */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sp-programme.h"
#include "sp-programme-private.h"
#include "sp-voucher.h"
#include "sp-voucher-private.h"

G_DEFINE_FINAL_TYPE (SpProgramme, sp_programme, G_TYPE_OBJECT)

static void
sp_programme_finalize (GObject *object)
{
  SpProgramme *self = SP_PROGRAMME (object);

  g_free (self->id);
  g_free (self->name_en);
  g_free (self->name_zh);
  g_free (self->issuer_en);
  g_free (self->issuer_zh);
  g_free (self->notes_en);
  g_free (self->notes_zh);
  g_free (self->currency);
  g_strfreev (self->vendors);
  g_free (self->city_id);
  g_free (self->city_zh);
  g_free (self->source_url);
  g_free (self->source_title);
  g_free (self->source_published);
  g_hash_table_unref (self->clauses);
  g_hash_table_unref (self->clause_urls);
  g_strfreev (self->unknown);
  g_strfreev (self->uncited);
  g_strfreev (self->industries);
  g_strfreev (self->platforms);
  g_free (self->origin_source);
  g_free (self->origin_url);

  G_OBJECT_CLASS (sp_programme_parent_class)->finalize (object);
}

static void
sp_programme_class_init (SpProgrammeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_programme_finalize;
}

static void
sp_programme_init (SpProgramme *self)
{
  for (guint i = 0; i < SP_CATEGORY_N; i++)
    self->rates[i] = self->startup_rates[i] = SP_RATE_NONE;
  self->cap_per_contract = SP_MONEY_UNKNOWN;
  self->cap_per_year = SP_MONEY_UNKNOWN;
  self->budget = SP_MONEY_UNKNOWN;
  self->rounding = SP_ROUND_HALF_UP;
  self->clauses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->clause_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->registered_in_city = -1;
  self->min_contract = SP_MONEY_UNKNOWN;
  self->min_subsidy = SP_MONEY_UNKNOWN;
}

const char *
sp_programme_get_id (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->id;
}

const char *
sp_programme_get_name (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  if (self->name_zh != NULL && sp_voucher_ui_is_chinese ())
    return self->name_zh;
  return self->name_en;
}

const char *
sp_programme_get_name_en (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->name_en;
}

const char *
sp_programme_get_name_zh (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->name_zh;
}

const char *
sp_programme_get_issuer (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  if (self->issuer_zh != NULL && sp_voucher_ui_is_chinese ())
    return self->issuer_zh;
  return self->issuer_en;
}

const char *
sp_programme_get_notes (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  if (self->notes_zh != NULL && sp_voucher_ui_is_chinese ())
    return self->notes_zh;
  return self->notes_en;
}

const char *
sp_programme_get_currency (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->currency;
}

gint
sp_programme_get_rate (SpProgramme *self,
                       SpCategory   category,
                       gboolean     startup)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), SP_RATE_NONE);
  g_return_val_if_fail ((guint) category < SP_CATEGORY_N, SP_RATE_NONE);

  if (startup && self->startup_rates[category] >= 0)
    return self->startup_rates[category];
  return self->rates[category];
}

gboolean
sp_programme_covers_kind (SpProgramme *self,
                          SpItemKind   kind)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), FALSE);
  g_return_val_if_fail ((guint) kind < SP_ITEM_N_KINDS, FALSE);
  return self->kinds[kind];
}

#define GETTER(type, name, field, fallback)          \
  type                                               \
  sp_programme_get_##name (SpProgramme *self)        \
  {                                                  \
    g_return_val_if_fail (SP_IS_PROGRAMME (self), fallback); \
    return self->field;                              \
  }

GETTER (SpMoney, cap_per_contract, cap_per_contract, SP_MONEY_UNKNOWN)
GETTER (SpMoney, cap_per_year, cap_per_year, SP_MONEY_UNKNOWN)
GETTER (SpMoney, budget, budget, SP_MONEY_UNKNOWN)
GETTER (guint32, valid_from, valid_from, 0)
GETTER (guint32, valid_to, valid_to, 0)
GETTER (SpProrate, prorate, prorate, SP_PRORATE_NONE)
GETTER (SpRounding, rounding, rounding, SP_ROUND_HALF_UP)
GETTER (SpPayout, payout, payout, SP_PAYOUT_AT_PURCHASE)
GETTER (SpStacking, stacking, stacking, SP_STACKING_ALLOWED)
GETTER (gboolean, accept_tagged, accept_tagged, FALSE)
GETTER (gboolean, require_unaffiliated, require_unaffiliated, FALSE)

const char * const *
sp_programme_get_vendors (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return (const char * const *) self->vendors;
}

gboolean
sp_programme_vendor_qualifies (SpProgramme *self,
                               SpPurchase  *purchase)
{
  const char *vendor;
  gboolean restricted;

  g_return_val_if_fail (SP_IS_PROGRAMME (self), FALSE);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), FALSE);

  restricted = self->accept_tagged || (self->vendors != NULL && self->vendors[0] != NULL);
  if (!restricted)
    return TRUE;
  vendor = sp_purchase_get_vendor (purchase);
  if (vendor != NULL && self->vendors != NULL &&
      g_strv_contains ((const char * const *) self->vendors, vendor))
    return TRUE;
  return self->accept_tagged && sp_purchase_has_programme_tag (purchase, self->id);
}

/* ---- issue 19 getters ---- */

static int
compare_paths (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

const char *
sp_programme_get_city (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->city_id;
}

const char *
sp_programme_get_city_zh (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->city_zh;
}

gboolean
sp_programme_has_source (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), FALSE);
  return self->has_source;
}

const char *
sp_programme_get_source_url (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->source_url;
}

const char *
sp_programme_get_source_title (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->source_title;
}

const char *
sp_programme_get_source_published (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->source_published;
}

const char *
sp_programme_get_clause (SpProgramme *self,
                         const char  *rule_path,
                         const char **url)
{
  const char *text;

  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  g_return_val_if_fail (rule_path != NULL, NULL);

  text = g_hash_table_lookup (self->clauses, rule_path);
  if (url != NULL)
    {
      const char *own = g_hash_table_lookup (self->clause_urls, rule_path);

      *url = text == NULL ? NULL : own != NULL ? own : self->source_url;
    }
  return text;
}

GStrv
sp_programme_dup_clause_paths (SpProgramme *self)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv paths;

  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  keys = g_hash_table_get_keys_as_array (self->clauses, &n);
  paths = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    paths[i] = g_strdup (keys[i]);
  qsort (paths, n, sizeof (char *), compare_paths);
  return paths;
}

const char * const *
sp_programme_get_unknown (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return (const char * const *) self->unknown;
}

const char * const *
sp_programme_get_uncited (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return (const char * const *) self->uncited;
}

gboolean
sp_programme_is_unknown (SpProgramme *self,
                         const char  *rule_path)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), FALSE);
  g_return_val_if_fail (rule_path != NULL, FALSE);

  for (guint i = 0; self->unknown != NULL && self->unknown[i] != NULL; i++)
    {
      const char *u = self->unknown[i];
      gsize len = strlen (u);

      if (g_str_equal (u, rule_path) ||
          (g_str_has_prefix (rule_path, u) && rule_path[len] == '.'))
        return TRUE;
    }
  return FALSE;
}

gboolean
sp_programme_is_uncited (SpProgramme *self,
                         const char  *rule_path)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), FALSE);
  return self->uncited != NULL && g_strv_contains ((const char * const *) self->uncited, rule_path);
}

GETTER (int, registered_in_city, registered_in_city, -1)
GETTER (SpMoney, min_contract, min_contract, SP_MONEY_UNKNOWN)
GETTER (SpMoney, min_subsidy, min_subsidy, SP_MONEY_UNKNOWN)
GETTER (guint32, window_from, window_from, 0)
GETTER (guint32, window_to, window_to, 0)

const char * const *
sp_programme_get_industries (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return (const char * const *) self->industries;
}

const char * const *
sp_programme_get_platforms (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return (const char * const *) self->platforms;
}

/* ---- where it came from ---- */

const char *
sp_programme_origin_to_string (SpProgrammeOrigin origin)
{
  switch (origin)
    {
    case SP_PROGRAMME_ORIGIN_SHIPPED:
      return "shipped";
    case SP_PROGRAMME_ORIGIN_FEED:
      return "feed";
    case SP_PROGRAMME_ORIGIN_FILE:
    default:
      return "imported";
    }
}

GETTER (SpProgrammeOrigin, origin, origin, SP_PROGRAMME_ORIGIN_FILE)
GETTER (gint64, origin_fetched, origin_fetched, 0)

const char *
sp_programme_get_origin_source (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->origin_source;
}

const char *
sp_programme_get_origin_url (SpProgramme *self)
{
  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);
  return self->origin_url;
}

void
sp_programme_set_origin (SpProgramme       *self,
                         SpProgrammeOrigin  origin,
                         const char        *source,
                         const char        *url,
                         gint64             fetched)
{
  g_return_if_fail (SP_IS_PROGRAMME (self));

  self->origin = origin;
  g_free (self->origin_source);
  self->origin_source = g_strdup (source);
  g_free (self->origin_url);
  self->origin_url = g_strdup (url);
  self->origin_fetched = fetched;
}

guint
sp_programme_list_count_from_source (GPtrArray  *programmes,
                                     const char *source)
{
  guint n = 0;

  for (guint i = 0; programmes != NULL && i < programmes->len; i++)
    {
      SpProgramme *p = g_ptr_array_index (programmes, i);

      if (p->origin == SP_PROGRAMME_ORIGIN_FEED && g_strcmp0 (p->origin_source, source) == 0)
        n++;
    }
  return n;
}

SpProgramme *
sp_programme_list_find (GPtrArray  *programmes,
                        const char *id)
{
  for (guint i = 0; id != NULL && programmes != NULL && i < programmes->len; i++)
    {
      SpProgramme *p = g_ptr_array_index (programmes, i);

      if (g_str_equal (p->id, id))
        return p;
    }
  return NULL;
}

char *
sp_programme_dup_origin_label (SpProgramme *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *fetched = NULL;

  g_return_val_if_fail (SP_IS_PROGRAMME (self), NULL);

  switch (self->origin)
    {
    case SP_PROGRAMME_ORIGIN_SHIPPED:
      return g_strdup (_("shipped with Suanpan"));
    case SP_PROGRAMME_ORIGIN_FEED:
      if (self->origin_fetched > 0)
        dt = g_date_time_new_from_unix_local (self->origin_fetched);
      if (dt != NULL)
        fetched = g_date_time_format (dt, "%Y-%m-%d %H:%M");
      /* Translators: a source name, then a date and time */
      return g_strdup_printf (_("source “%s”, fetched %s"), self->origin_source,
                              fetched != NULL ? fetched : "—");
    case SP_PROGRAMME_ORIGIN_FILE:
    default:
      return g_strdup (_("imported from a file"));
    }
}
