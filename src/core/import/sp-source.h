/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-source.h — a vendor source: where a catalog comes from and how it fared
 *
 * A source is a name, a URL (https://, http:// on a loopback address, or
 * file://), a catalog format, an enabled flag, a refresh policy and — kept
 * in the system keyring, never here — an optional API key.  The store keeps
 * the outcome of the last refresh: when it last succeeded, the last error in
 * plain words and the HTTP details. */
#pragma once

#include <glib-object.h>
#include "sp-import.h"

G_BEGIN_DECLS

typedef enum {
  SP_REFRESH_MANUAL,    /* only when the user asks (Refresh all, CLI refresh) */
  SP_REFRESH_ON_START,  /* also when the app starts */
} SpRefreshPolicy;

const char *sp_refresh_policy_to_string   (SpRefreshPolicy policy); /* "manual", "on-start" */
gboolean    sp_refresh_policy_from_string (const char *str, SpRefreshPolicy *out);

#define SP_TYPE_SOURCE (sp_source_get_type ())
G_DECLARE_FINAL_TYPE (SpSource, sp_source, SP, SOURCE, GObject)

SpSource       *sp_source_new                 (const char *name, const char *url, SpFeedFormat format);

/* Properties (all readable/writable, notify on change):
 * name, url, format, enabled, refresh-policy, has-api-key, last-success (unix s, 0 never),
 * last-attempt, last-error (plain words or NULL), http-status (0 none), http-details
 * (status line and selected response headers, never the API key), etag, last-modified,
 * offer-count, rows-repaired (rows of the last import read after a repair). */
const char     *sp_source_get_name            (SpSource *self);
const char     *sp_source_get_url             (SpSource *self);
void            sp_source_set_url             (SpSource *self, const char *url);
SpFeedFormat    sp_source_get_format          (SpSource *self);
void            sp_source_set_format          (SpSource *self, SpFeedFormat format);
gboolean        sp_source_get_enabled         (SpSource *self);
void            sp_source_set_enabled         (SpSource *self, gboolean enabled);
SpRefreshPolicy sp_source_get_refresh_policy  (SpSource *self);
void            sp_source_set_refresh_policy  (SpSource *self, SpRefreshPolicy policy);
gboolean        sp_source_get_has_api_key     (SpSource *self);
void            sp_source_set_has_api_key     (SpSource *self, gboolean has_key);
gint64          sp_source_get_last_success    (SpSource *self);
gint64          sp_source_get_last_attempt    (SpSource *self);
const char     *sp_source_get_last_error      (SpSource *self);
guint           sp_source_get_http_status     (SpSource *self);
const char     *sp_source_get_http_details    (SpSource *self);
const char     *sp_source_get_etag            (SpSource *self);
const char     *sp_source_get_last_modified   (SpSource *self);
guint           sp_source_get_offer_count     (SpSource *self);
guint           sp_source_get_rows_repaired   (SpSource *self);

/* TRUE when the last success is older than @stale_after_seconds (or never). */
gboolean        sp_source_is_stale            (SpSource *self, gint64 now, gint64 stale_after_seconds);

#define SP_SOURCE_ERROR (sp_source_error_quark ())
typedef enum {
  SP_SOURCE_ERROR_INVALID_NAME,
  SP_SOURCE_ERROR_INVALID_URL,   /* not a URL, or a scheme we don't fetch */
  SP_SOURCE_ERROR_INSECURE_URL,  /* http:// to a host that is not loopback */
} SpSourceError;
GQuark          sp_source_error_quark         (void);

/* Checks a URL for a source: https:// anywhere; http:// only to a loopback
 * address (127.0.0.0/8, ::1, localhost); file:// for a local file.  Errors
 * are plain words (translated). */
gboolean        sp_source_check_url           (const char *url, GError **error);
/* A source name: 1–64 characters, no control characters, not only spaces. */
gboolean        sp_source_check_name          (const char *name, GError **error);

/* Well-known public catalogs the user can add with one click. */
typedef struct {
  const char  *name;      /* suggested source name */
  const char  *title;     /* translatable, N_() */
  const char  *url;
  SpFeedFormat format;
} SpSourcePreset;

const SpSourcePreset *sp_source_presets       (guint *n_presets);

G_END_DECLS
