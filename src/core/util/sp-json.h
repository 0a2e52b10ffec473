/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json.h — reading members of parsed JSON (json-glib) the way every
 * reader of the project does: absent and null alike, strings by type; and
 * writing object members the way every writer does: null for unknown */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-money.h"

G_BEGIN_DECLS

/* @obj's member @name, or NULL when it is absent or JSON null. */
JsonNode   *sp_json_member        (JsonObject *obj, const char *name);
/* Whether @node (not NULL) holds a string. */
gboolean    sp_json_node_is_string (JsonNode *node);
/* @obj's member @name when it is a string, else NULL (absent, null or
 * another type). */
const char *sp_json_member_string (JsonObject *obj, const char *name);
/* Reads @obj's member @name into *out: the string it holds (borrowed from
 * the node), or NULL when it is absent or JSON null.  FALSE (and *out NULL)
 * when it holds another type. */
gboolean    sp_json_read_string   (JsonObject *obj, const char *name, const char **out);
/* Likewise for a member holding an object (@type JSON_NODE_OBJECT: *out is a
 * JsonObject *) or a list (JSON_NODE_ARRAY: a JsonArray *). */
gboolean    sp_json_read_container (JsonObject *obj, const char *name, JsonNodeType type,
                                    gpointer *out);

/* Writing members of the object @b is building (the CLI's --json output,
 * a purchase's breakdown): @value as a string, null when NULL. */
void        sp_json_set_string    (JsonBuilder *b, const char *name, const char *value);
/* Money as a decimal string (at least @min_decimals decimals,
 * sp_money_to_string()), null when SP_MONEY_UNKNOWN. */
void        sp_json_set_money     (JsonBuilder *b, const char *name, SpMoney value,
                                   guint min_decimals);
void        sp_json_set_bool      (JsonBuilder *b, const char *name, gboolean value);
void        sp_json_set_int       (JsonBuilder *b, const char *name, gint64 value);

/* Walking raw JSON text byte by byte before parsing it (to refuse what is
 * too deep or not strict JSON): the state is the bracket depth and whether
 * the walk is inside a string. */
typedef struct
{
  guint    depth;
  gboolean in_string;
} SpJsonScan;

typedef enum
{
  SP_JSON_SCAN_NEXT,     /* a string's byte, a quote or a bracket: taken */
  SP_JSON_SCAN_TOO_DEEP, /* a bracket opens more than the allowed depth */
  SP_JSON_SCAN_OTHER,    /* any other byte outside a string: the caller's */
} SpJsonScanStep;

/* Takes data[*i] (and the byte after a backslash in a string, moving *i). */
static inline SpJsonScanStep
sp_json_scan_byte (SpJsonScan *scan,
                   const char *data,
                   gsize      *i,
                   guint       max_depth)
{
  char c = data[*i];

  if (scan->in_string)
    {
      if (c == '\\')
        (*i)++;
      else if (c == '"')
        scan->in_string = FALSE;
    }
  else if (c == '"')
    scan->in_string = TRUE;
  else if (c == '[' || c == '{')
    {
      if (++scan->depth > max_depth)
        return SP_JSON_SCAN_TOO_DEEP;
    }
  else if ((c == ']' || c == '}') && scan->depth > 0)
    scan->depth--;
  else
    return SP_JSON_SCAN_OTHER;
  return SP_JSON_SCAN_NEXT;
}

G_END_DECLS
