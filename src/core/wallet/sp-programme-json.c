/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-programme-json.c — reading a programme file {"suanpan_programmes":
 * "1.0", "programmes": […]} (docs/programmes.md): the rules, the source and
 * its clauses, the conditions; and the programmes shipped with Suanpan */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-import.h"
#include "sp-init.h"
#include "sp-json.h"
#include "sp-programme.h"
#include "sp-programme-private.h"
#include "sp-voucher.h"
#include "sp-voucher-private.h"

#define SHIPPED_PREFIX "/io/github/suanpan/Suanpan/core/programmes/"

/* hangzhou, nanning and shenzhen first: the order of earlier releases */
static const char * const shipped_files[] = {
  "hangzhou.json", "nanning.json", "shenzhen.json", "beijing.json", "shanghai.json",
  "langfang.json", "yangzhou.json", "qingyang.json", "guizhou.json", "zhangzhou.json",
  "chengdu.json",
};

static gboolean
read_rates (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            gint        *rates,
            GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s.%s", prefix, name);
  JsonObject *table;
  g_autoptr(GList) names = NULL;

  if (!sp_json_read_container (obj, name, JSON_NODE_OBJECT, (gpointer *) &table))
    return sp_vjson_bad (error, prefix, name,
                         _("an object of categories and percentages, such as {\"model-service\": \"30\"}"));
  if (table == NULL)
    return TRUE;
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
      JsonNode *node = sp_json_member (obj, rule_members[i]);

      if (node != NULL)
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

      if (sp_json_node_is_string (clause))
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
  g_autofree char *path = g_strdup_printf ("%s.source", prefix);
  const char *url = NULL, *title = NULL, *published = NULL;
  JsonObject *source;
  guint32 day;

  if (!sp_json_read_container (obj, "source", JSON_NODE_OBJECT, (gpointer *) &source))
    return sp_vjson_bad (error, prefix, "source", _("an object {\"url\", \"title\", \"published\", \"clauses\"}"));
  if (source == NULL)
    return TRUE;
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
  g_autofree char *path = g_strdup_printf ("%s.conditions", prefix);
  JsonNode *window;
  JsonObject *cond;

  if (!sp_json_read_container (obj, "conditions", JSON_NODE_OBJECT, (gpointer *) &cond))
    return sp_vjson_bad (error, prefix, "conditions", _("an object"));
  if (cond == NULL)
    return TRUE;
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
  window = sp_json_member (cond, "application_window");
  if (window != NULL)
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
          !sp_programme_is_uncited (self, path))
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
  JsonNode *city = sp_json_member (obj, "city");

  if (city != NULL)
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

/* "item_kinds": absent means compute and model services */
static gboolean
read_item_kinds (SpProgramme  *self,
                 GStrv         kinds,
                 const char   *prefix,
                 GError      **error)
{
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
                 FALSE;
        self->kinds[kind] = TRUE;
      }

  return TRUE;
}

static gboolean
read_vendors (SpProgramme  *self,
              JsonObject   *obj,
              const char   *prefix,
              GError      **error)
{
  JsonNode *vendors_node = sp_json_member (obj, "vendors");

  if (vendors_node != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.vendors", prefix);
      JsonObject *vendors;

      if (!JSON_NODE_HOLDS_OBJECT (vendors_node))
        return sp_vjson_bad (error, prefix, "vendors", _("an object"));
      vendors = json_node_get_object (vendors_node);
      if (!sp_vjson_strv (vendors, path, "ids", &self->vendors, error) ||
          !sp_vjson_bool (vendors, path, "accept_tagged", &self->accept_tagged, error) ||
          !sp_vjson_bool (vendors, path, "require_unaffiliated", &self->require_unaffiliated,
                          error))
        return FALSE;
    }

  return TRUE;
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

  if (!read_item_kinds (self, kinds, prefix, error))
    return NULL;

  if (self->valid_from != 0 && self->valid_to != 0 && self->valid_to < self->valid_from)
    return sp_vjson_bad (error, prefix, "valid_to", _("a date on or after “valid_from”")), NULL;

  if (!read_vendors (self, obj, prefix, error) || !read_cited (self, obj, prefix, error))
    return NULL;
  return g_steal_pointer (&self);
}

GPtrArray *
sp_programme_list_read (const char  *data,
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
      if (shipped_ids != NULL && !sp_programme_check_feed (obj, prefix, shipped_ids, error))
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
  return sp_programme_list_read (data, len, NULL, error);
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

