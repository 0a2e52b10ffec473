/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-feed-suanpan-private.h — what the Suanpan feed reader's files share:
 * sp-feed-suanpan.c (the feed, its members and their error messages) and
 * sp-feed-suanpan-offer.c (one offer).  Not for use outside src/core/import. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-import-private.h"

G_BEGIN_DECLS

/* Bounds for the integer fields (all far above anything real). */
#define MAX_GPU_COUNT        65536
#define MAX_GPU_MEMORY_GB    65536
#define MAX_VCPUS_MILLI      G_GINT64_CONSTANT (1000000000)  /* 1,000,000 vCPUs */
#define MAX_RAM_MIB          G_GINT64_CONSTANT (4000000000)  /* ~3.8 PB */
#define MAX_TOKENS           G_GINT64_CONSTANT (9007199254740992) /* 2^53 */
#define MAX_BILLING_SECONDS  G_GINT64_CONSTANT (31622400)    /* 366 days */

typedef struct {
  const char *id;
  const char *name_en;
  const char *name_zh;
} Vendor;

typedef struct {
  SpImportResult *result;
  const char     *source;      /* interned */
  Vendor          vendor;      /* the feed's vendor */
  gboolean        demo;
} FeedContext;

/* sp-feed-suanpan.c: typed members, with the feed's messages on @error */
char *sp_feed_quote_value (const char *text);
gboolean sp_feed_wrong_type (GError **error, const char *path, const char *expected);
gboolean sp_feed_missing (GError **error, const char *path);
gboolean sp_feed_read_string (JsonObject *obj, const char *name, const char *path,
                              gboolean required, const char **out, GError **error);
gboolean sp_feed_read_container (JsonObject *obj, const char *name, const char *path,
                                 JsonNodeType type, gpointer *out, GError **error);
gboolean sp_feed_read_integer (JsonObject *obj, const char *name, const char *path, gint64 min,
                               gint64 max, gint64 *out, GError **error);
gboolean sp_feed_read_quantity (JsonObject *obj, const char *name, const char *path,
                                int pow10_shift, gint64 max, gint64 *out, GError **error);
gboolean sp_feed_read_price (JsonObject *obj, const char *name, const char *path, SpMoney *out,
                             const char **text_out, GError **error);
gboolean sp_feed_is_stable_id (const char *id);
gboolean sp_feed_is_currency_code (const char *code);
gboolean sp_feed_read_time (JsonObject *obj, const char *name, const char *path, gint64 *out,
                            GError **error);
gboolean sp_feed_read_vendor (JsonNode *node, Vendor *out, GError **error);

/* sp-feed-suanpan-offer.c */
void sp_feed_read_offers (FeedContext *ctx, JsonArray *offers);

G_END_DECLS
