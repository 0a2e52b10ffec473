/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-source.c — a vendor source: where a catalog comes from and how it fared
 *
 * A plain value object: the store creates one per row, the Sources page binds
 * to its properties and the refresher reads the URL and format.  Every setter
 * notifies only when the value really changes. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "sp-source.h"

struct _SpSource
{
  GObject          parent_instance;

  char            *name;
  char            *url;
  SpFeedFormat     format;
  gboolean         enabled;
  SpRefreshPolicy  refresh_policy;
  gboolean         has_api_key;
  gint64           last_success;
  gint64           last_attempt;
  char            *last_error;
  guint            http_status;
  char            *http_details;
  char            *etag;
  char            *last_modified;
  guint            offer_count;
  guint            rows_repaired;
};

G_DEFINE_FINAL_TYPE (SpSource, sp_source, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-source-error-quark, sp_source_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_URL,
  PROP_FORMAT,
  PROP_ENABLED,
  PROP_REFRESH_POLICY,
  PROP_HAS_API_KEY,
  PROP_LAST_SUCCESS,
  PROP_LAST_ATTEMPT,
  PROP_LAST_ERROR,
  PROP_HTTP_STATUS,
  PROP_HTTP_DETAILS,
  PROP_ETAG,
  PROP_LAST_MODIFIED,
  PROP_OFFER_COUNT,
  PROP_ROWS_REPAIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The public feeds a user adds in one click (issue 13 item 8): HTTPS raw
 * files only, each with its format by name: one whose format this build
 * does not read is left out.  The repositories and paths are those of
 * the catalogs' READMEs (../shared/catalogs/NAME/README.md); raw.githubusercontent.com's
 * HEAD follows each repository's default branch. */
static const struct {
  const char *name;
  const char *title;
  const char *url;
  const char *format;
} preset_table[] = {
  {
    "openrouter",
    N_("OpenRouter models"),
    "https://openrouter.ai/api/v1/models",
    "openrouter",
  },
  {
    "litellm",
    N_("LiteLLM model price map"),
    "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
    "litellm",
  },
  {
    "llm-prices-cn",
    N_("Chinese model API prices in CNY (llm-prices-cn, LLM Abacus, CC-BY-4.0)"),
    "https://raw.githubusercontent.com/szp2005/llm-prices-cn/HEAD/prices.json",
    "llm-prices-cn",
  },
  {
    "genai-prices",
    N_("Model API prices (pydantic genai-prices)"),
    "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json",
    "genai-prices",
  },
  {
    "lambda",
    N_("Lambda Cloud GPUs (SkyPilot catalog)"),
    "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/lambda/vms.csv",
    "skypilot",
  },
  {
    "vast",
    N_("Vast.ai GPUs (SkyPilot catalog)"),
    "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/vast/vms.csv",
    "skypilot",
  },
  {
    "runpod",
    N_("RunPod GPUs (SkyPilot catalog)"),
    "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/runpod/vms.csv",
    "skypilot",
  },
  {
    "aws",
    N_("AWS instances (SkyPilot catalog)"),
    "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/aws/vms.csv",
    "skypilot",
  },
  {
    "gcp",
    N_("Google Cloud GPUs and VMs (SkyPilot-format catalog)"),
    "https://raw.githubusercontent.com/anycloud-sh/catalog/HEAD/gcp/vms.csv",
    "skypilot",
  },
  {
    "azure",
    N_("Azure VMs (SkyPilot-format catalog)"),
    "https://raw.githubusercontent.com/anycloud-sh/catalog/HEAD/azure/vms.csv",
    "skypilot",
  },
};

#define SP_SOURCE_NAME_MAX 64

/* ------------------------------------------------------------------ helpers */

static void
set_string (SpSource   *self,
            char      **field,
            const char *value,
            guint       prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (SpSource *self,
             gboolean *field,
             gboolean  value,
             guint     prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (SpSource *self,
           gint64   *field,
           gint64    value,
           guint     prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint (SpSource *self,
          guint    *field,
          guint     value,
          guint     prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autofree char *bare = NULL;
  g_autoptr(GInetAddress) address = NULL;
  gsize len;

  if (host == NULL || host[0] == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri usually strips the brackets of an IPv6 literal; be lenient */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* ------------------------------------------------------------------ GObject */

static void
sp_source_finalize (GObject *object)
{
  SpSource *self = (SpSource *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->http_details, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);

  G_OBJECT_CLASS (sp_source_parent_class)->finalize (object);
}

static void
sp_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SpSource *self = SP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_FORMAT:
      g_value_set_int (value, (int) self->format);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_REFRESH_POLICY:
      g_value_set_int (value, (int) self->refresh_policy);
      break;
    case PROP_HAS_API_KEY:
      g_value_set_boolean (value, self->has_api_key);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_LAST_ATTEMPT:
      g_value_set_int64 (value, self->last_attempt);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_HTTP_STATUS:
      g_value_set_uint (value, self->http_status);
      break;
    case PROP_HTTP_DETAILS:
      g_value_set_string (value, self->http_details);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_LAST_MODIFIED:
      g_value_set_string (value, self->last_modified);
      break;
    case PROP_OFFER_COUNT:
      g_value_set_uint (value, self->offer_count);
      break;
    case PROP_ROWS_REPAIRED:
      g_value_set_uint (value, self->rows_repaired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_source_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SpSource *self = SP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      set_string (self, &self->name, g_value_get_string (value), PROP_NAME);
      break;
    case PROP_URL:
      sp_source_set_url (self, g_value_get_string (value));
      break;
    case PROP_FORMAT:
      sp_source_set_format (self, (SpFeedFormat) g_value_get_int (value));
      break;
    case PROP_ENABLED:
      sp_source_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_REFRESH_POLICY:
      sp_source_set_refresh_policy (self, (SpRefreshPolicy) g_value_get_int (value));
      break;
    case PROP_HAS_API_KEY:
      sp_source_set_has_api_key (self, g_value_get_boolean (value));
      break;
    case PROP_LAST_SUCCESS:
      set_int64 (self, &self->last_success, g_value_get_int64 (value), PROP_LAST_SUCCESS);
      break;
    case PROP_LAST_ATTEMPT:
      set_int64 (self, &self->last_attempt, g_value_get_int64 (value), PROP_LAST_ATTEMPT);
      break;
    case PROP_LAST_ERROR:
      set_string (self, &self->last_error, g_value_get_string (value), PROP_LAST_ERROR);
      break;
    case PROP_HTTP_STATUS:
      set_uint (self, &self->http_status, g_value_get_uint (value), PROP_HTTP_STATUS);
      break;
    case PROP_HTTP_DETAILS:
      set_string (self, &self->http_details, g_value_get_string (value), PROP_HTTP_DETAILS);
      break;
    case PROP_ETAG:
      set_string (self, &self->etag, g_value_get_string (value), PROP_ETAG);
      break;
    case PROP_LAST_MODIFIED:
      set_string (self, &self->last_modified, g_value_get_string (value), PROP_LAST_MODIFIED);
      break;
    case PROP_OFFER_COUNT:
      set_uint (self, &self->offer_count, g_value_get_uint (value), PROP_OFFER_COUNT);
      break;
    case PROP_ROWS_REPAIRED:
      set_uint (self, &self->rows_repaired, g_value_get_uint (value), PROP_ROWS_REPAIRED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_source_class_init (SpSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sp_source_finalize;
  object_class->get_property = sp_source_get_property;
  object_class->set_property = sp_source_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  /* SpFeedFormat and SpRefreshPolicy have no registered GEnum type */
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL, SP_FEED_FORMAT_AUTO, SP_FEED_FORMAT_LAST,
                      SP_FEED_FORMAT_AUTO, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_REFRESH_POLICY] =
    g_param_spec_int ("refresh-policy", NULL, NULL, SP_REFRESH_MANUAL, SP_REFRESH_ON_START,
                      SP_REFRESH_MANUAL, flags);
  properties[PROP_HAS_API_KEY] = g_param_spec_boolean ("has-api-key", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ATTEMPT] =
    g_param_spec_int64 ("last-attempt", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_HTTP_STATUS] =
    g_param_spec_uint ("http-status", NULL, NULL, 0, 999, 0, flags);
  properties[PROP_HTTP_DETAILS] = g_param_spec_string ("http-details", NULL, NULL, NULL, flags);
  properties[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, flags);
  properties[PROP_LAST_MODIFIED] = g_param_spec_string ("last-modified", NULL, NULL, NULL, flags);
  properties[PROP_OFFER_COUNT] =
    g_param_spec_uint ("offer-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ROWS_REPAIRED] =
    g_param_spec_uint ("rows-repaired", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_source_init (SpSource *self)
{
  self->enabled = TRUE;
  self->format = SP_FEED_FORMAT_AUTO;
  self->refresh_policy = SP_REFRESH_MANUAL;
}

/* ------------------------------------------------------------------ public API */

const char *
sp_refresh_policy_to_string (SpRefreshPolicy policy)
{
  switch (policy)
    {
    case SP_REFRESH_ON_START:
      return "on-start";
    case SP_REFRESH_MANUAL:
    default:
      return "manual";
    }
}

gboolean
sp_refresh_policy_from_string (const char      *str,
                               SpRefreshPolicy *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (str, "manual") == 0)
    *out = SP_REFRESH_MANUAL;
  else if (g_ascii_strcasecmp (str, "on-start") == 0)
    *out = SP_REFRESH_ON_START;
  else
    return FALSE;
  return TRUE;
}

SpSource *
sp_source_new (const char   *name,
               const char   *url,
               SpFeedFormat  format)
{
  return g_object_new (SP_TYPE_SOURCE,
                       "name", name,
                       "url", url,
                       "format", (int) format,
                       NULL);
}

const char *
sp_source_get_name (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), NULL);
  return self->name;
}

const char *
sp_source_get_url (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), NULL);
  return self->url;
}

void
sp_source_set_url (SpSource   *self,
                   const char *url)
{
  g_return_if_fail (SP_IS_SOURCE (self));
  set_string (self, &self->url, url, PROP_URL);
}

SpFeedFormat
sp_source_get_format (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), SP_FEED_FORMAT_AUTO);
  return self->format;
}

void
sp_source_set_format (SpSource     *self,
                      SpFeedFormat  format)
{
  g_return_if_fail (SP_IS_SOURCE (self));
  g_return_if_fail (format >= SP_FEED_FORMAT_AUTO && format <= SP_FEED_FORMAT_LAST);

  if (self->format == format)
    return;
  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

gboolean
sp_source_get_enabled (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), FALSE);
  return self->enabled;
}

void
sp_source_set_enabled (SpSource *self,
                       gboolean  enabled)
{
  g_return_if_fail (SP_IS_SOURCE (self));
  set_boolean (self, &self->enabled, enabled, PROP_ENABLED);
}

SpRefreshPolicy
sp_source_get_refresh_policy (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), SP_REFRESH_MANUAL);
  return self->refresh_policy;
}

void
sp_source_set_refresh_policy (SpSource        *self,
                              SpRefreshPolicy  policy)
{
  g_return_if_fail (SP_IS_SOURCE (self));
  g_return_if_fail (policy == SP_REFRESH_MANUAL || policy == SP_REFRESH_ON_START);

  if (self->refresh_policy == policy)
    return;
  self->refresh_policy = policy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_POLICY]);
}

gboolean
sp_source_get_has_api_key (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), FALSE);
  return self->has_api_key;
}

void
sp_source_set_has_api_key (SpSource *self,
                           gboolean  has_key)
{
  g_return_if_fail (SP_IS_SOURCE (self));
  set_boolean (self, &self->has_api_key, has_key, PROP_HAS_API_KEY);
}

gint64
sp_source_get_last_success (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), 0);
  return self->last_success;
}

gint64
sp_source_get_last_attempt (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), 0);
  return self->last_attempt;
}

const char *
sp_source_get_last_error (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), NULL);
  return self->last_error;
}

guint
sp_source_get_http_status (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), 0);
  return self->http_status;
}

const char *
sp_source_get_http_details (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), NULL);
  return self->http_details;
}

const char *
sp_source_get_etag (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), NULL);
  return self->etag;
}

const char *
sp_source_get_last_modified (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), NULL);
  return self->last_modified;
}

guint
sp_source_get_offer_count (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), 0);
  return self->offer_count;
}

guint
sp_source_get_rows_repaired (SpSource *self)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), 0);
  return self->rows_repaired;
}

gboolean
sp_source_is_stale (SpSource *self,
                    gint64    now,
                    gint64    stale_after_seconds)
{
  g_return_val_if_fail (SP_IS_SOURCE (self), TRUE);

  if (self->last_success <= 0)
    return TRUE;
  return now - self->last_success > stale_after_seconds;
}

gboolean
sp_source_check_url (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url == NULL || url[0] == '\0')
    {
      g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                           _("Enter the address of the catalog, starting with https://"));
      return FALSE;
    }

  /* GLib's own parse error quotes the whole URL (and so any password in
   * it); it is dropped and replaced by plain words */
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                           _("This is not a web address; a catalog address looks like "
                             "https://example.com/prices.json"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    {
      if (host == NULL || host[0] == '\0')
        {
          g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                               _("The address has no server name after https://"));
          return FALSE;
        }
      return TRUE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host == NULL || host[0] == '\0')
        {
          g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                               _("The address has no server name after http://"));
          return FALSE;
        }
      if (host_is_loopback (host))
        return TRUE;
      g_set_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INSECURE_URL,
                   _("Plain http is only allowed for local test feeds on this computer "
                     "(127.0.0.1); use https:// for “%s”"), host);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "file") == 0)
    {
      const char *path = g_uri_get_path (uri);

      if ((host != NULL && host[0] != '\0' && g_ascii_strcasecmp (host, "localhost") != 0) ||
          path == NULL || path[0] != '/')
        {
          g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                               _("A file address must name a file on this computer, "
                                 "like file:///home/me/prices.json"));
          return FALSE;
        }
      return TRUE;
    }

  g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_URL,
                       _("Suanpan reads catalogs only from https:// addresses "
                         "(or file:// on this computer)"));
  return FALSE;
}

gboolean
sp_source_check_name (const char  *name,
                      GError     **error)
{
  gboolean only_spaces = TRUE;
  glong n_chars;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name == NULL || name[0] == '\0')
    {
      g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME,
                           _("Enter a name for the source"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME,
                           _("The source name is not valid text"));
      return FALSE;
    }
  n_chars = g_utf8_strlen (name, -1);
  if (n_chars > SP_SOURCE_NAME_MAX)
    {
      g_set_error (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME,
                   _("The source name is too long (at most %d characters)"),
                   SP_SOURCE_NAME_MAX);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        {
          g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME,
                               _("The source name must not contain control characters "
                                 "such as tabs or line breaks"));
          return FALSE;
        }
      if (!g_unichar_isspace (c))
        only_spaces = FALSE;
    }
  if (only_spaces)
    {
      g_set_error_literal (error, SP_SOURCE_ERROR, SP_SOURCE_ERROR_INVALID_NAME,
                           _("The source name must not be only spaces"));
      return FALSE;
    }
  return TRUE;
}

const SpSourcePreset *
sp_source_presets (guint *n_presets)
{
  static SpSourcePreset presets[G_N_ELEMENTS (preset_table)];
  static guint n = 0;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (preset_table); i++)
        {
          SpFeedFormat format = SP_FEED_FORMAT_AUTO;

          /* a feed this build cannot read is no preset */
          if (!sp_feed_format_from_string (preset_table[i].format, &format))
            continue;
          presets[n].name = preset_table[i].name;
          presets[n].title = preset_table[i].title;
          presets[n].url = preset_table[i].url;
          presets[n].format = format;
          n++;
        }
      g_once_init_leave (&initialized, 1);
    }
  if (n_presets != NULL)
    *n_presets = n;
  return presets;
}
