/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json.c — reading and writing members of JSON objects */
#include "config.h"

#include "sp-json.h"

JsonNode *
sp_json_member (JsonObject *obj,
                const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
sp_json_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
sp_json_read_string (JsonObject  *obj,
                     const char  *name,
                     const char **out)
{
  JsonNode *node = sp_json_member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!sp_json_node_is_string (node))
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
sp_json_read_container (JsonObject   *obj,
                        const char   *name,
                        JsonNodeType  type,
                        gpointer     *out)
{
  JsonNode *node = sp_json_member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != type)
    return FALSE;
  *out = type == JSON_NODE_OBJECT ? (gpointer) json_node_get_object (node)
                                  : (gpointer) json_node_get_array (node);
  return TRUE;
}

const char *
sp_json_member_string (JsonObject *obj,
                       const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !sp_json_node_is_string (node))
    return NULL;
  return json_node_get_string (node);
}

void
sp_json_set_string (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

void
sp_json_set_money (JsonBuilder *b,
                   const char  *name,
                   SpMoney      value,
                   guint        min_decimals)
{
  g_autofree char *text = sp_money_to_string (value, min_decimals);

  sp_json_set_string (b, name, text);
}

void
sp_json_set_bool (JsonBuilder *b,
                  const char  *name,
                  gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

void
sp_json_set_int (JsonBuilder *b,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}
