/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-programme-feed.c — a programme file from a source (a "programmes"
 * feed): read as any programme file and held to what a shipped file holds
 * to, as the schema (data/schema/suanpan-programmes-1.schema.json) says */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-json.h"
#include "sp-limits.h"
#include "sp-programme.h"
#include "sp-programme-private.h"
#include "sp-text.h"
#include "sp-voucher-private.h"

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
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!sp_json_read_container (obj, name, JSON_NODE_ARRAY, (gpointer *) &array))
    return sp_vjson_bad (error, prefix, name, _("a list of rule paths such as “rates.model-service”"));
  if (array == NULL)
    return TRUE;
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

/* Each clause of a feed's source: under a rule path, quoted in full */
static gboolean
check_feed_clauses (JsonObject  *source,
                    const char  *clauses_path,
                    GError     **error)
{
  JsonNode *clauses_node = json_object_get_member (source, "clauses");
  g_autoptr(GList) names = NULL;

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
          if (sp_json_node_is_string (clause))
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
  return TRUE;
}

gboolean
sp_programme_check_feed (JsonObject  *obj,
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
  JsonObject *source;
  const char *id, *title;

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
  if (!check_feed_clauses (source, clauses_path, error))
    return FALSE;
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
  list = sp_programme_list_read (data, len, shipped_ids, error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    SP_PROGRAMME (list->pdata[i])->origin = SP_PROGRAMME_ORIGIN_FEED;
  return list;
}

