/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-feed-format.c — catalog formats: their names both ways, the credit a
 * format's licence asks for, and telling a format from the first bytes. */
#include "config.h"

#include <string.h>

#include "sp-import.h"

static const struct {
  SpFeedFormat format;
  const char  *name;
} format_names[] = {
  { SP_FEED_FORMAT_AUTO, "auto" },
  { SP_FEED_FORMAT_SUANPAN, "suanpan" },
  { SP_FEED_FORMAT_LITELLM, "litellm" },
  { SP_FEED_FORMAT_OPENROUTER, "openrouter" },
  { SP_FEED_FORMAT_SKYPILOT, "skypilot" },
  { SP_FEED_FORMAT_LLM_PRICES_CN, "llm-prices-cn" },
  { SP_FEED_FORMAT_GENAI_PRICES, "genai-prices" },
  { SP_FEED_FORMAT_PROGRAMMES, "programmes" },
};

const char *
sp_feed_format_attribution (SpFeedFormat format)
{
  /* the credit llm-prices-cn's licence (CC-BY-4.0) asks for, as its README writes it */
  if (format == SP_FEED_FORMAT_LLM_PRICES_CN)
    return "Pricing data provided by LLM Abacus, https://llmabacus.com (CC-BY-4.0)";
  return NULL;
}

const char *
sp_feed_format_to_string (SpFeedFormat format)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  return "auto";
}

gboolean
sp_feed_format_from_string (const char   *str,
                            SpFeedFormat *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  /* (NULL is no format) */
  for (gsize i = 0; str != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (format_names[i].name, str) == 0)
      {
        *out = format_names[i].format;
        return TRUE;
      }
  return FALSE;
}

static gboolean
window_contains (const char *data,
                 gsize       len,
                 const char *needle)
{
  return g_strstr_len (data, MIN (len, (gsize) 65536), needle) != NULL;
}

SpFeedFormat
sp_feed_format_detect (const char *data,
                       gsize       len,
                       const char *filename)
{
  gsize i = 0;

  if (data == NULL)
    return SP_FEED_FORMAT_AUTO;

  /* UTF-8 byte order mark, then white space */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;

  if (i < len && (data[i] == '{' || data[i] == '['))
    {
      const char *rest = data + i;
      gsize rest_len = len - i;

      if (window_contains (rest, rest_len, "\"suanpan_feed\""))
        return SP_FEED_FORMAT_SUANPAN;
      if (window_contains (rest, rest_len, "\"suanpan_programmes\""))
        return SP_FEED_FORMAT_PROGRAMMES;
      if (window_contains (rest, rest_len, "\"billing_currency\"") &&
          (window_contains (rest, rest_len, "\"usd_to_cny_rate\"") ||
           window_contains (rest, rest_len, "_per_m\"")))
        return SP_FEED_FORMAT_LLM_PRICES_CN;
      if (data[i] == '[' && window_contains (rest, rest_len, "\"api_pattern\"") &&
          window_contains (rest, rest_len, "_mtok\""))
        return SP_FEED_FORMAT_GENAI_PRICES;
      if (window_contains (rest, rest_len, "\"litellm_provider\"") ||
          window_contains (rest, rest_len, "\"input_cost_per_token\"") ||
          window_contains (rest, rest_len, "\"sample_spec\""))
        return SP_FEED_FORMAT_LITELLM;
      if (window_contains (rest, rest_len, "\"data\"") &&
          window_contains (rest, rest_len, "\"pricing\""))
        return SP_FEED_FORMAT_OPENROUTER;
      return SP_FEED_FORMAT_AUTO;
    }

  if (i < len)
    {
      const char *rest = data + i;
      gsize rest_len = len - i;
      const char *eol = memchr (rest, '\n', MIN (rest_len, (gsize) 4096));
      gsize line_len = eol ? (gsize) (eol - rest) : MIN (rest_len, (gsize) 4096);

      if (g_strstr_len (rest, line_len, "InstanceType") != NULL &&
          g_strstr_len (rest, line_len, "Price") != NULL)
        return SP_FEED_FORMAT_SKYPILOT;
    }

  if (filename != NULL && g_str_has_suffix (filename, ".csv") &&
      g_strstr_len (data, MIN (len, (gsize) 4096), "InstanceType") != NULL)
    return SP_FEED_FORMAT_SKYPILOT;

  return SP_FEED_FORMAT_AUTO;
}
