/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json.h — reading members of parsed JSON (json-glib) the way every
 * reader of the project does: absent and null alike, strings by type */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @obj's member @name, or NULL when it is absent or JSON null. */
JsonNode   *sp_json_member        (JsonObject *obj, const char *name);
/* Whether @node (not NULL) holds a string. */
gboolean    sp_json_node_is_string (JsonNode *node);
/* @obj's member @name when it is a string, else NULL (absent, null or
 * another type). */
const char *sp_json_member_string (JsonObject *obj, const char *name);

G_END_DECLS
