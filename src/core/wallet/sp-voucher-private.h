/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher-private.h — JSON helpers shared by the programme and voucher
 * readers (sp-voucher-json.c).  Internal to the core. */
#pragma once

#include <json-glib/json-glib.h>
#include "sp-money.h"

G_BEGIN_DECLS

/* Parses @data, checks the version member ("1.0"; a newer major is
 * SP_VOUCHER_ERROR_VERSION) and returns the array member @array_member. */
gboolean  sp_vjson_open     (const char  *data,
                             gsize        len,
                             const char  *version_member,
                             const char  *array_member,
                             JsonParser **parser,
                             JsonArray  **array,
                             GError     **error);
/* The object at @index of @array, or an error naming "@prefix[@index]" */
JsonObject *sp_vjson_array_object (JsonArray *array, guint index, const char *prefix,
                                   GError **error);
/* Member readers.  @prefix names the enclosing object for messages
 * ("programmes[2]").  Absent (or null) members leave the default given. */
gboolean  sp_vjson_string   (JsonObject *obj, const char *prefix, const char *name,
                             gboolean required, const char **out, GError **error);
/* an id of a–z, 0–9 and “-” */
gboolean  sp_vjson_id       (JsonObject *obj, const char *prefix, const char *name,
                             gboolean required, const char **out, GError **error);
/* a decimal string ≥ 0 → micro-units; absent → SP_MONEY_UNKNOWN */
gboolean  sp_vjson_money    (JsonObject *obj, const char *prefix, const char *name,
                             gboolean required, SpMoney *out, GError **error);
/* a decimal percentage string 0–100 with at most 2 decimals → basis points;
 * absent → -1 */
gboolean  sp_vjson_percent  (JsonObject *obj, const char *prefix, const char *name,
                             gboolean required, gint *out, GError **error);
/* "YYYY-MM-DD" → Julian day; absent → 0 */
gboolean  sp_vjson_date     (JsonObject *obj, const char *prefix, const char *name,
                             guint32 *out, GError **error);
gboolean  sp_vjson_bool     (JsonObject *obj, const char *prefix, const char *name,
                             gboolean *out, GError **error);
/* an array of strings → NULL-terminated vector (NULL when absent) */
gboolean  sp_vjson_strv     (JsonObject *obj, const char *prefix, const char *name,
                             GStrv *out, GError **error);
/* text: "…" or {"en": "…", "zh_CN": "…"} */
gboolean  sp_vjson_text     (JsonObject *obj, const char *prefix, const char *name,
                             gboolean required, char **en, char **zh, GError **error);
/* one of @words (NULL-terminated) → its index; absent leaves *out */
gboolean  sp_vjson_enum     (JsonObject *obj, const char *prefix, const char *name,
                             const char * const *words, int *out, GError **error);
/* SP_VOUCHER_ERROR_SHAPE: "“@prefix.@name” …" */
gboolean  sp_vjson_bad      (GError **error, const char *prefix, const char *name,
                             const char *expected);

/* "¥12.30", "$4.00", "12.30 EUR" (two decimals at least, exact) */
char     *sp_voucher_format_money (SpMoney value, const char *currency);
/* "30%", "12.5%" */
char     *sp_voucher_format_percent (gint basis_points);
/* TRUE when the UI language is Chinese */
gboolean  sp_voucher_ui_is_chinese (void);

G_END_DECLS
