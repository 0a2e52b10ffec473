/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-json-private.h — the opening every JSON adapter shares
 * (sp-adapter-json.c; the genai-prices, LiteLLM, llm-prices-cn and
 * OpenRouter adapters).  Internal to src/core/import. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-import.h"

G_BEGIN_DECLS

/* What a JSON catalog looks like at its top, one constant per adapter. */
typedef struct {
  const char   *what;        /* the catalog in messages: "OpenRouter" */
  const char   *source;      /* the source name when the result has none: "openrouter" */
  guint         max_depth;   /* deeper nesting is refused before parsing */
  const char   *member;      /* the root object's member holding the entries; NULL: the root */
  JsonNodeType  type;        /* JSON_NODE_ARRAY or JSON_NODE_OBJECT */
  const char   *shape_error; /* N_(): what the catalog must be, when it is not */
} SpAdapterJsonTop;

/* An adapter's parse function's first step: sp_adapter_json_top() as @top
 * says (the node, owned by *@parser, or NULL with @error), then *@source,
 * the result's source name or @top's (sp_adapter_source_or()). */
JsonNode *sp_adapter_json_open (const SpAdapterJsonTop  *top,
                                const char              *data,
                                gsize                    len,
                                SpImportResult          *result,
                                JsonParser             **parser,
                                const char             **source,
                                GError                 **error);

G_END_DECLS
