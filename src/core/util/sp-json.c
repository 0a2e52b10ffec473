/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json.c — reading members of parsed JSON */
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

const char *
sp_json_member_string (JsonObject *obj,
                       const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !sp_json_node_is_string (node))
    return NULL;
  return json_node_get_string (node);
}
