/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-programme.c — a government compute-voucher programme, as data */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sp-import.h"
#include "sp-init.h"
#include "sp-limits.h"
#include "sp-programme.h"
#include "sp-text.h"
#include "sp-voucher.h"
#include "sp-voucher-private.h"

#define SHIPPED_PREFIX "/io/github/suanpan/Suanpan/core/programmes/"

struct _SpProgramme
{
  GObject     parent_instance;

  char       *id;
  char       *name_en;
  char       *name_zh;
  char       *issuer_en;
  char       *issuer_zh;
  char       *notes_en;
  char       *notes_zh;
  char       *currency;
  gint        rates[SP_CATEGORY_N];          /* basis points or SP_RATE_NONE */
  gint        startup_rates[SP_CATEGORY_N];
  gboolean    kinds[SP_ITEM_N_KINDS];
  SpMoney     cap_per_contract;
  SpMoney     cap_per_year;
  SpMoney     budget;
  guint32     valid_from;
  guint32     valid_to;
  SpProrate   prorate;
  SpRounding  rounding;
  SpPayout    payout;
  SpStacking  stacking;
  GStrv       vendors;
  gboolean    accept_tagged;
  gboolean    require_unaffiliated;

  /* issue 19: where the rules come from and who they are for */
  char       *city_id;
  char       *city_zh;
  gboolean    has_source;
  char       *source_url;
  char       *source_title;
  char       *source_published;          /* "YYYY-MM-DD" or NULL */
  GHashTable *clauses;                   /* rule path → quoted clause */
  GHashTable *clause_urls;               /* rule path → page, when not source_url */
  GStrv       unknown;
  GStrv       uncited;
  int         registered_in_city;        /* -1 not stated, 0 no, 1 yes */
  GStrv       industries;
  GStrv       platforms;
  SpMoney     min_contract;
  SpMoney     min_subsidy;
  guint32     window_from;
  guint32     window_to;

  /* where it came from (a feed: which source, when fetched) */
  SpProgrammeOrigin origin;
  char       *origin_source;
  char       *origin_url;
  gint64      origin_fetched;
};

G_DEFINE_FINAL_TYPE (SpProgramme, sp_programme, G_TYPE_OBJECT)

/* hangzhou, nanning and shenzhen first: the order of earlier releases */
static const char * const shipped_files[] = {
  "hangzhou.json", "nanning.json", "shenzhen.json", "beijing.json", "shanghai.json",
  "langfang.json", "yangzhou.json", "qingyang.json", "guizhou.json", "zhangzhou.json",
  "chengdu.json",
};

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

static gboolean
read_rates (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            gint        *rates,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autofree char *path = g_strdup_printf ("%s.%s", prefix, name);
  JsonObject *table;
  g_autoptr(GList) names = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return sp_vjson_bad (error, prefix, name,
                         _("an object of categories and percentages, such as {\"model-service\": \"30\"}"));
  table = json_node_get_object (node);
  names = json_object_get_members (table);
  for (GList *l = names; l != NULL; l = l->next)
    {
      SpCategory category;

      if (!sp_category_from_string (l->data, &category))
        return sp_vjson_bad (error, path, l->data,
                             _("a category: “domestic-compute”, “other-compute” or “model-service”"));
      if (!sp_vjson_percent (table, path, l->data, FALSE, &rates[category], error))
        return FALSE;
    }
  return TRUE;
}

/* ---- issue 19: the source, the conditions, what is unknown ---- */

/* The rule members of a programme whose presence needs a clause */
static const char * const rule_members[] = {
  "item_kinds", "cap_per_contract", "cap_per_firm_year", "budget_total", "valid_from",
  "valid_to", "prorate", "rounding", "payout", "stacking", NULL,
};
static const char * const nested_rules[] = { "rates", "startup_rates", "vendors", "conditions", NULL };

static GPtrArray *
rule_paths (JsonObject *obj)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; rule_members[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (obj, rule_members[i]);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        g_ptr_array_add (paths, g_strdup (rule_members[i]));
    }
  for (guint i = 0; nested_rules[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (obj, nested_rules[i]);
      g_autoptr(GList) names = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      names = json_object_get_members (json_node_get_object (node));
      for (GList *l = names; l != NULL; l = l->next)
        g_ptr_array_add (paths, g_strdup_printf ("%s.%s", nested_rules[i], (char *) l->data));
    }
  return paths;
}

static gboolean
strv_has (GStrv strv, const char *text)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, text);
}

static gboolean
read_clauses (SpProgramme *self,
              JsonObject  *source,
              const char  *prefix,
              GError     **error)
{
  JsonNode *node = json_object_get_member (source, "clauses");
  g_autoptr(GList) names = NULL;
  JsonObject *clauses;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return sp_vjson_bad (error, prefix, "clauses",
                         _("an object of rule paths and the clauses quoted from the document"));
  clauses = json_node_get_object (node);
  names = json_object_get_members (clauses);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *clause = json_object_get_member (clauses, l->data);
      g_autofree char *path = g_strdup_printf ("%s.clauses", prefix);
      const char *text = NULL, *url = NULL;

      if (JSON_NODE_HOLDS_VALUE (clause) && json_node_get_value_type (clause) == G_TYPE_STRING)
        text = json_node_get_string (clause);
      else if (JSON_NODE_HOLDS_OBJECT (clause) &&
               (!sp_vjson_string (json_node_get_object (clause), path, "text", TRUE, &text, error) ||
                !sp_vjson_string (json_node_get_object (clause), path, "url", TRUE, &url, error)))
        return FALSE;
      if (text == NULL || *text == '\0' ||
          (url != NULL && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://")))
        return sp_vjson_bad (error, path, l->data,
                             _("the clause quoted, or {\"text\": …, \"url\": …} when it was read on another page"));
      g_hash_table_insert (self->clauses, g_strdup (l->data), g_strdup (text));
      if (url != NULL)
        g_hash_table_insert (self->clause_urls, g_strdup (l->data), g_strdup (url));
    }
  return TRUE;
}

static gboolean
read_source (SpProgramme *self,
             JsonObject  *obj,
             const char  *prefix,
             GError     **error)
{
  JsonNode *node = json_object_get_member (obj, "source");
  g_autofree char *path = g_strdup_printf ("%s.source", prefix);
  const char *url = NULL, *title = NULL, *published = NULL;
  JsonObject *source;
  guint32 day;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return sp_vjson_bad (error, prefix, "source", _("an object {\"url\", \"title\", \"published\", \"clauses\"}"));
  source = json_node_get_object (node);
  if (!sp_vjson_string (source, path, "url", TRUE, &url, error) ||
      !sp_vjson_string (source, path, "title", TRUE, &title, error) ||
      !sp_vjson_string (source, path, "published", FALSE, &published, error))
    return FALSE;
  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    return sp_vjson_bad (error, path, "url", _("the address of the page the text was read on"));
  if (published != NULL && !sp_date_parse_iso (published, &day))
    return sp_vjson_bad (error, path, "published", _("a date such as “2026-12-31”"));
  if (!read_clauses (self, source, path, error))
    return FALSE;
  self->has_source = TRUE;
  self->source_url = g_strdup (url);
  self->source_title = g_strdup (title);
  self->source_published = g_strdup (published);
  return TRUE;
}

static gboolean
read_conditions (SpProgramme *self,
                 JsonObject  *obj,
                 const char  *prefix,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (obj, "conditions");
  g_autofree char *path = g_strdup_printf ("%s.conditions", prefix);
  JsonNode *window;
  JsonObject *cond;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return sp_vjson_bad (error, prefix, "conditions", _("an object"));
  cond = json_node_get_object (node);
  if (json_object_has_member (cond, "registered_in_city"))
    {
      gboolean registered = FALSE;

      if (!sp_vjson_bool (cond, path, "registered_in_city", &registered, error))
        return FALSE;
      self->registered_in_city = registered ? 1 : 0;
    }
  if (!sp_vjson_strv (cond, path, "industries", &self->industries, error) ||
      !sp_vjson_strv (cond, path, "platforms", &self->platforms, error) ||
      !sp_vjson_money (cond, path, "min_contract", FALSE, &self->min_contract, error) ||
      !sp_vjson_money (cond, path, "min_subsidy", FALSE, &self->min_subsidy, error))
    return FALSE;
  window = json_object_get_member (cond, "application_window");
  if (window != NULL && !JSON_NODE_HOLDS_NULL (window))
    {
      g_autofree char *wpath = g_strdup_printf ("%s.application_window", path);

      if (!JSON_NODE_HOLDS_OBJECT (window))
        return sp_vjson_bad (error, path, "application_window", _("an object {\"from\", \"to\"}"));
      if (!sp_vjson_date (json_node_get_object (window), wpath, "from", &self->window_from, error) ||
          !sp_vjson_date (json_node_get_object (window), wpath, "to", &self->window_to, error))
        return FALSE;
    }
  return TRUE;
}

/* Every rule given has a clause (or is listed as uncited) when the file has
 * a "source" member; nothing listed as unknown is given. */
static gboolean
check_citations (SpProgramme *self,
                 JsonObject  *obj,
                 const char  *prefix,
                 GError     **error)
{
  g_autoptr(GPtrArray) paths = rule_paths (obj);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];

      if (sp_programme_is_unknown (self, path))
        {
          g_autofree char *what = g_strdup_printf (_("a rule not listed in “unknown” (“%s” is given)"), path);
          return sp_vjson_bad (error, prefix, "unknown", what);
        }
      if (json_object_has_member (obj, "source") && !g_hash_table_contains (self->clauses, path) &&
          !strv_has (self->uncited, path))
        {
          g_autofree char *what = g_strdup_printf (_("a clause quoted for “%s”"), path);
          return sp_vjson_bad (error, prefix, "source.clauses", what);
        }
    }
  return TRUE;
}

static gboolean
read_cited (SpProgramme *self,
            JsonObject  *obj,
            const char  *prefix,
            GError     **error)
{
  JsonNode *city = json_object_get_member (obj, "city");

  if (city != NULL && !JSON_NODE_HOLDS_NULL (city))
    {
      g_autofree char *path = g_strdup_printf ("%s.city", prefix);
      const char *id = NULL, *zh = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (city))
        return sp_vjson_bad (error, prefix, "city", _("an object {\"id\": \"hangzhou\", \"zh_CN\": \"杭州市\"}"));
      if (!sp_vjson_id (json_node_get_object (city), path, "id", TRUE, &id, error) ||
          !sp_vjson_string (json_node_get_object (city), path, "zh_CN", FALSE, &zh, error))
        return FALSE;
      self->city_id = g_strdup (id);
      self->city_zh = g_strdup (zh);
    }
  return sp_vjson_strv (obj, prefix, "uncited", &self->uncited, error) &&
         read_source (self, obj, prefix, error) &&
         read_conditions (self, obj, prefix, error) &&
         check_citations (self, obj, prefix, error);
}

static SpProgramme *
programme_from_json (JsonObject  *obj,
                     const char  *prefix,
                     GError     **error)
{
  g_autoptr(SpProgramme) self = g_object_new (SP_TYPE_PROGRAMME, NULL);
  static const char * const prorate_words[] = { "none", "days", NULL };
  static const char * const rounding_words[] = { "half-up", "truncate", NULL };
  static const char * const payout_words[] = { "at-purchase", "after-settlement", NULL };
  static const char * const stacking_words[] = { "allowed", "exclusive", NULL };
  const char *id, *currency;
  g_auto(GStrv) kinds = NULL;
  int prorate = 0, rounding = 0, payout = 0, stacking = 0;
  gboolean any_rate = FALSE;
  JsonNode *vendors_node;

  if (!sp_vjson_id (obj, prefix, "id", TRUE, &id, error) ||
      !sp_vjson_text (obj, prefix, "name", TRUE, &self->name_en, &self->name_zh, error) ||
      !sp_vjson_text (obj, prefix, "issuer", FALSE, &self->issuer_en, &self->issuer_zh, error) ||
      !sp_vjson_text (obj, prefix, "notes", FALSE, &self->notes_en, &self->notes_zh, error) ||
      !sp_vjson_string (obj, prefix, "currency", FALSE, &currency, error) ||
      !read_rates (obj, prefix, "rates", self->rates, error) ||
      !read_rates (obj, prefix, "startup_rates", self->startup_rates, error) ||
      !sp_vjson_strv (obj, prefix, "item_kinds", &kinds, error) ||
      !sp_vjson_money (obj, prefix, "cap_per_contract", FALSE, &self->cap_per_contract, error) ||
      !sp_vjson_money (obj, prefix, "cap_per_firm_year", FALSE, &self->cap_per_year, error) ||
      !sp_vjson_money (obj, prefix, "budget_total", FALSE, &self->budget, error) ||
      !sp_vjson_date (obj, prefix, "valid_from", &self->valid_from, error) ||
      !sp_vjson_date (obj, prefix, "valid_to", &self->valid_to, error) ||
      !sp_vjson_enum (obj, prefix, "prorate", prorate_words, &prorate, error) ||
      !sp_vjson_enum (obj, prefix, "rounding", rounding_words, &rounding, error) ||
      !sp_vjson_enum (obj, prefix, "payout", payout_words, &payout, error) ||
      !sp_vjson_enum (obj, prefix, "stacking", stacking_words, &stacking, error))
    return NULL;

  if (!sp_vjson_strv (obj, prefix, "unknown", &self->unknown, error))
    return NULL;
  self->id = g_strdup (id);
  self->currency = g_ascii_strup (currency != NULL ? currency : "CNY", -1);
  self->prorate = prorate == 1 ? SP_PRORATE_DAYS : SP_PRORATE_NONE;
  self->rounding = rounding == 1 ? SP_ROUND_TRUNCATE : SP_ROUND_HALF_UP;
  self->payout = payout == 1 ? SP_PAYOUT_AFTER_SETTLEMENT : SP_PAYOUT_AT_PURCHASE;
  self->stacking = stacking == 1 ? SP_STACKING_EXCLUSIVE : SP_STACKING_ALLOWED;

  for (guint i = 0; i < SP_CATEGORY_N; i++)
    any_rate |= self->rates[i] >= 0;
  if (!any_rate && !sp_programme_is_unknown (self, "rates"))
    return sp_vjson_bad (error, prefix, "rates", _("at least one category with a percentage")),
           NULL;

  if (kinds == NULL)
    {
      /* default: compute and model services, not storage or network */
      for (guint i = 0; i < SP_ITEM_N_KINDS; i++)
        self->kinds[i] = i != SP_ITEM_STORAGE && i != SP_ITEM_NETWORK;
    }
  else
    for (guint i = 0; kinds[i] != NULL; i++)
      {
        SpItemKind kind;

        if (!sp_item_kind_from_string (kinds[i], &kind))
          return sp_vjson_bad (error, prefix, "item_kinds",
                               _("a list of item kinds: “gpu”, “npu”, “tpu”, “cpu”, “tokens”, “storage”, “network”")),
                 NULL;
        self->kinds[kind] = TRUE;
      }

  if (self->valid_from != 0 && self->valid_to != 0 && self->valid_to < self->valid_from)
    return sp_vjson_bad (error, prefix, "valid_to", _("a date on or after “valid_from”")), NULL;

  vendors_node = json_object_get_member (obj, "vendors");
  if (vendors_node != NULL && !JSON_NODE_HOLDS_NULL (vendors_node))
    {
      g_autofree char *path = g_strdup_printf ("%s.vendors", prefix);
      JsonObject *vendors;

      if (!JSON_NODE_HOLDS_OBJECT (vendors_node))
        return sp_vjson_bad (error, prefix, "vendors", _("an object")), NULL;
      vendors = json_node_get_object (vendors_node);
      if (!sp_vjson_strv (vendors, path, "ids", &self->vendors, error) ||
          !sp_vjson_bool (vendors, path, "accept_tagged", &self->accept_tagged, error) ||
          !sp_vjson_bool (vendors, path, "require_unaffiliated", &self->require_unaffiliated,
                          error))
        return NULL;
    }

  if (!read_cited (self, obj, prefix, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- a programme file from a source: what the schema says, in full ---- */

static const char * const feed_rule_paths[] = {
  "rates", "startup_rates", "rates.domestic-compute", "rates.other-compute", "rates.model-service",
  "startup_rates.domestic-compute", "startup_rates.other-compute", "startup_rates.model-service",
  "item_kinds", "cap_per_contract", "cap_per_firm_year", "budget_total", "valid_from", "valid_to",
  "prorate", "rounding", "payout", "stacking", "vendors.ids", "vendors.accept_tagged",
  "vendors.require_unaffiliated", "conditions.registered_in_city", "conditions.industries",
  "conditions.platforms", "conditions.min_contract", "conditions.min_subsidy",
  "conditions.application_window", NULL,
};

static gboolean
members_known (JsonObject         *obj,
               const char         *prefix,
               const char * const *known,
               GError            **error)
{
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return sp_vjson_bad (error, prefix, l->data, _("absent: the format has no such member"));
  return TRUE;
}

static gboolean
rule_paths_known (JsonObject  *obj,
                  const char  *prefix,
                  const char  *name,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return sp_vjson_bad (error, prefix, name, _("a list of rule paths such as “rates.model-service”"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *path = json_array_get_string_element (array, i);

      if (path == NULL || !g_strv_contains (feed_rule_paths, path) ||
          !g_hash_table_add (seen, (gpointer) path))
        return sp_vjson_bad (error, prefix, name,
                             _("a list of rule paths such as “rates.model-service”, each once"));
    }
  return TRUE;
}

/* What a shipped file holds to and the reader alone does not check */
static gboolean
check_feed_programme (JsonObject  *obj,
                      const char  *prefix,
                      GHashTable  *shipped_ids,
                      GError     **error)
{
  static const char * const source_members[] = { "url", "title", "published", "clauses", NULL };
  static const char * const condition_members[] = {
    "registered_in_city", "industries", "platforms", "min_contract", "min_subsidy",
    "application_window", NULL,
  };
  g_autofree char *source_path = g_strdup_printf ("%s.source", prefix);
  g_autofree char *clauses_path = g_strdup_printf ("%s.source.clauses", prefix);
  JsonNode *node = json_object_get_member (obj, "source");
  JsonNode *conditions = json_object_get_member (obj, "conditions");
  JsonNode *uncited = json_object_get_member (obj, "uncited");
  JsonNode *clauses_node;
  JsonObject *source;
  const char *id, *title;
  g_autoptr(GList) names = NULL;

  id = json_object_get_string_member_with_default (obj, "id", NULL);
  if (id != NULL && g_hash_table_contains (shipped_ids, id))
    {
      g_autofree char *shown = sp_text_dup_for_message (id, SP_LIMIT_NAME_CHARS);
      g_autofree char *what = g_strdup_printf (_("an id of its own (“%s” is a programme shipped "
                                                 "with Suanpan, which a feed cannot replace)"),
                                               shown);
      return sp_vjson_bad (error, prefix, "id", what);
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return sp_vjson_bad (error, prefix, "source",
                         _("the document the rules come from: {\"url\", \"title\", \"published\", "
                           "\"clauses\"} (required in a programme feed)"));
  source = json_node_get_object (node);
  if (!members_known (source, source_path, source_members, error))
    return FALSE;
  if (!json_object_has_member (source, "published"))
    return sp_vjson_bad (error, source_path, "published",
                         _("the document's date, or null when the page gives none"));
  title = json_object_get_string_member_with_default (source, "title", NULL);
  if (title != NULL && g_utf8_validate (title, -1, NULL) && g_utf8_strlen (title, -1) < 2)
    return sp_vjson_bad (error, source_path, "title", _("the document's title"));
  clauses_node = json_object_get_member (source, "clauses");
  if (clauses_node != NULL && JSON_NODE_HOLDS_OBJECT (clauses_node))
    {
      JsonObject *clauses = json_node_get_object (clauses_node);

      names = json_object_get_members (clauses);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *clause = json_object_get_member (clauses, l->data);
          const char *text = NULL;

          if (!g_strv_contains (feed_rule_paths, l->data))
            return sp_vjson_bad (error, clauses_path, l->data,
                                 _("a rule path such as “rates.model-service” or “cap_per_firm_year”"));
          if (JSON_NODE_HOLDS_VALUE (clause) && json_node_get_value_type (clause) == G_TYPE_STRING)
            text = json_node_get_string (clause);
          else if (JSON_NODE_HOLDS_OBJECT (clause))
            {
              static const char * const clause_members[] = { "text", "url", NULL };
              g_autofree char *clause_path = g_strdup_printf ("%s.%s", clauses_path, (char *) l->data);

              if (!members_known (json_node_get_object (clause), clause_path, clause_members, error))
                return FALSE;
              text = json_object_get_string_member_with_default (json_node_get_object (clause),
                                                                 "text", NULL);
            }
          if (text != NULL && g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) < 4)
            return sp_vjson_bad (error, clauses_path, l->data,
                                 _("the clause quoted from the document (at least 4 characters)"));
        }
    }
  if (conditions != NULL && JSON_NODE_HOLDS_OBJECT (conditions))
    {
      g_autofree char *path = g_strdup_printf ("%s.conditions", prefix);

      if (!members_known (json_node_get_object (conditions), path, condition_members, error))
        return FALSE;
    }
  if (uncited != NULL && !(JSON_NODE_HOLDS_ARRAY (uncited) &&
                           json_array_get_length (json_node_get_array (uncited)) == 0))
    return sp_vjson_bad (error, prefix, "uncited",
                         _("absent: a programme feed quotes a clause for every rule it gives"));
  return rule_paths_known (obj, prefix, "unknown", error);
}

static GPtrArray *
list_from_data (const char  *data,
                gsize        len,
                GHashTable  *shipped_ids,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!sp_vjson_open (data, len, "suanpan_programmes", "programmes", &parser, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("programmes[%u]", i);
      JsonObject *obj = sp_vjson_array_object (array, i, "programmes", error);
      SpProgramme *programme;

      if (obj == NULL || (programme = programme_from_json (obj, prefix, error)) == NULL)
        return NULL;
      /* a feed: after the reader, so its messages come first */
      if (shipped_ids != NULL && !check_feed_programme (obj, prefix, shipped_ids, error))
        {
          g_object_unref (programme);
          return NULL;
        }
      for (guint j = 0; j < list->len; j++)
        if (g_str_equal (SP_PROGRAMME (list->pdata[j])->id, programme->id))
          {
            g_object_unref (programme);
            return sp_vjson_bad (error, prefix, "id", _("an id not used before in the file")),
                   NULL;
          }
      g_ptr_array_add (list, programme);
    }
  return g_steal_pointer (&list);
}

GPtrArray *
sp_programme_list_from_data (const char *data,
                             gsize       len,
                             GError    **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  return list_from_data (data, len, NULL, error);
}

GPtrArray *
sp_programme_list_from_feed (const char *data,
                             gsize       len,
                             GError    **error)
{
  /* the shipped ids never change while running: read once */
  static GHashTable *shipped_ids = NULL;
  static gsize initialized = 0;
  GPtrArray *list;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GPtrArray) shipped = sp_programme_list_shipped (NULL);
      GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      /* the shipped files are resources checked by the tests: they read */
      for (guint i = 0; shipped != NULL && i < shipped->len; i++)
        g_hash_table_add (ids, g_strdup (SP_PROGRAMME (shipped->pdata[i])->id));
      shipped_ids = ids;
      g_once_init_leave (&initialized, 1);
    }
  list = list_from_data (data, len, shipped_ids, error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    SP_PROGRAMME (list->pdata[i])->origin = SP_PROGRAMME_ORIGIN_FEED;
  return list;
}

GPtrArray *
sp_programme_list_from_file (GFile   *file,
                             GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* a local file: the one input check of every import */
  if (g_file_peek_path (file) != NULL)
    contents = sp_import_read_input (g_file_peek_path (file), SP_IMPORT_MAX_WALLET_SIZE, &len,
                                     error);
  else if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    return NULL;
  if (contents == NULL)
    return NULL;
  return sp_programme_list_from_data (contents, len, error);
}

GPtrArray *
sp_programme_list_shipped (GError **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  sp_core_init ();
  for (guint i = 0; i < G_N_ELEMENTS (shipped_files); i++)
    {
      g_autofree char *path = g_strconcat (SHIPPED_PREFIX, shipped_files[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                         error);
      g_autoptr(GPtrArray) list = NULL;
      gsize len;
      const char *data;

      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &len);
      list = sp_programme_list_from_data (data, len, error);
      if (list == NULL)
        return NULL;
      for (guint j = 0; j < list->len; j++)
        {
          SP_PROGRAMME (list->pdata[j])->origin = SP_PROGRAMME_ORIGIN_SHIPPED;
          g_ptr_array_add (all, g_object_ref (list->pdata[j]));
        }
    }
  return g_steal_pointer (&all);
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
  return strv_has (self->uncited, rule_path);
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
