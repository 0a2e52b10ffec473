/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher-json.c — JSON helpers for programme and voucher files
 *
 * Same conventions as the offer feed: money and percentages are decimal
 * strings (never JSON numbers), dates are "YYYY-MM-DD", a null member is the
 * same as an absent one. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sp-json.h"
#include "sp-purchase.h"
#include "sp-text.h"
#include "sp-voucher.h"
#include "sp-voucher-private.h"
#include "sp-vendors.h"

static char *
path_of (const char *prefix,
         const char *name)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (name);
  if (name == NULL)
    return g_strdup (prefix);
  return g_strdup_printf ("%s.%s", prefix, name);
}

gboolean
sp_vjson_bad (GError    **error,
              const char *prefix,
              const char *name,
              const char *expected)
{
  g_autofree char *raw_path = path_of (prefix, name);
  /* member names come from the file: shown cleaned and cut */
  g_autofree char *path = sp_text_dup_for_message (raw_path, SP_LIMIT_NAME_CHARS);

  g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_SHAPE,
               /* Translators: the first %s is a field name such as
                * “programmes[0].rates” (not translated), the second what it
                * should be, such as “a date such as 2026-12-31” */
               _("“%s” is wrong: it should be %s"), path, expected);
  return FALSE;
}

static gboolean
missing (GError    **error,
         const char *prefix,
         const char *name)
{
  g_autofree char *path = path_of (prefix, name);

  g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_SHAPE,
               _("“%s” is missing"), path);
  return FALSE;
}

/* Clean text at the door (sp-text.h) for the whole file: every string is
 * checked (valid UTF-8 without NUL, within its limit: notes 2,048
 * characters, everything else 256) and its invisible characters removed in
 * the tree, so every reader below gets clean text.  The file is read whole
 * or not at all: a bad string refuses it, naming the field. */
static gboolean
clean_strings (JsonNode   *node,
               GString    *path,
               gsize       max_chars,
               GError    **error)
{
  gsize path_len = path->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        {
          gsize child_max = max_chars;

          if (g_str_equal (name, "notes") || g_str_equal (name, "note"))
            child_max = SP_LIMIT_NOTE_CHARS;
          else if (g_str_equal (name, "url") || g_str_equal (name, "homepage"))
            child_max = SP_LIMIT_URL_CHARS;
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, name);
          if (!clean_strings (child, path, child_max, error))
            return FALSE;
          g_string_truncate (path, path_len);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (!clean_strings (json_array_get_element (array, i), path, max_chars, error))
            return FALSE;
          g_string_truncate (path, path_len);
        }
    }
  else if (sp_json_node_is_string (node))
    {
      g_autofree char *cleaned = NULL;
      SpTextCheck check = sp_text_check (json_node_get_string (node), max_chars, &cleaned,
                                         NULL);

      if (check != SP_TEXT_OK)
        {
          /* member names come from the file too */
          g_autofree char *shown = sp_text_dup_for_message (path->str, SP_LIMIT_NAME_CHARS);
          g_autofree char *reason = sp_text_dup_reason (check, shown, max_chars);

          g_set_error_literal (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_SHAPE, reason);
          return FALSE;
        }
      if (cleaned != NULL)
        json_node_set_string (node, cleaned);
    }
  return TRUE;
}

gboolean
sp_vjson_open (const char  *data,
               gsize        len,
               const char  *version_member,
               const char  *array_member,
               JsonParser **parser_out,
               JsonArray  **array_out,
               GError     **error)
{
  /* mutable: clean_strings() edits the strings in place */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *marked = NULL;
  JsonNode *root, *node;
  JsonObject *obj;
  const char *version;
  guint64 major;
  char *end;

  if (len > G_MAXSSIZE || !g_utf8_validate (data, (gssize) len, NULL))
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_SYNTAX,
                   _("The file is not UTF-8 text"));
      return FALSE;
    }
  /* "\u0000" would silently cut a string: mark it so it is refused */
  marked = sp_text_json_mark_invalid (data, len);
  if (!json_parser_load_from_data (parser, marked != NULL ? marked : data, (gssize) len,
                                   &local_error))
    {
      /* json-glib quotes the input, line breaks and all: one line, cut */
      g_autofree char *why = sp_text_dup_for_message (local_error->message, SP_LIMIT_NAME_CHARS);

      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_SYNTAX,
                   _("The file is not valid JSON: %s"), why);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_SHAPE,
                   _("The file should hold one JSON object"));
      return FALSE;
    }
  if (!clean_strings (root, path, SP_LIMIT_NAME_CHARS, error))
    return FALSE;
  obj = json_node_get_object (root);

  if (!sp_vjson_string (obj, NULL, version_member, TRUE, &version, error))
    return FALSE;
  major = g_ascii_strtoull (version, &end, 10);
  if (end == version || *end != '.' || !g_ascii_isdigit (end[1]))
    return sp_vjson_bad (error, NULL, version_member, _("a version such as “1.0”"));
  if (major > 1)
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_VERSION,
                   _("The file uses format version %s; this version of Suanpan reads 1.x"),
                   version);
      return FALSE;
    }

  node = sp_json_member (obj, array_member);
  if (node == NULL)
    return missing (error, NULL, array_member);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return sp_vjson_bad (error, NULL, array_member, _("a list"));

  *array_out = json_node_get_array (node);
  *parser_out = g_steal_pointer (&parser);
  return TRUE;
}

JsonObject *
sp_vjson_array_object (JsonArray  *array,
                       guint       index,
                       const char *prefix,
                       GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);
  g_autofree char *path = g_strdup_printf ("%s[%u]", prefix, index);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      sp_vjson_bad (error, path, NULL, _("an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
sp_vjson_string (JsonObject  *obj,
                 const char  *prefix,
                 const char  *name,
                 gboolean     required,
                 const char **out,
                 GError     **error)
{
  if (!sp_json_read_string (obj, name, out))
    return sp_vjson_bad (error, prefix, name, _("text"));
  if (*out == NULL && required)
    return missing (error, prefix, name);
  return TRUE;
}

gboolean
sp_vjson_id (JsonObject  *obj,
             const char  *prefix,
             const char  *name,
             gboolean     required,
             const char **out,
             GError     **error)
{
  const char *text;

  if (!sp_vjson_string (obj, prefix, name, required, &text, error))
    return FALSE;
  if (text != NULL)
    {
      gboolean ok = *text != '\0' && strlen (text) <= 64;

      for (const char *p = text; ok && *p; p++)
        ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-';
      if (!ok)
        return sp_vjson_bad (error, prefix, name, _("an id using a–z, 0–9 and “-”"));
    }
  *out = text;
  return TRUE;
}

/* A decimal string from 0 to @max that is a multiple of @step (micro-units),
 * or SP_MONEY_UNKNOWN when absent; @what says what it should be. */
static gboolean
decimal_member (JsonObject  *obj,
                const char  *prefix,
                const char  *name,
                gboolean     required,
                SpMoney      max,
                SpMoney      step,
                const char  *what,
                SpMoney     *out,
                GError     **error)
{
  const char *text;
  SpMoney value;

  *out = SP_MONEY_UNKNOWN;
  if (!sp_json_read_string (obj, name, &text))
    return sp_vjson_bad (error, prefix, name, what);
  if (text == NULL)
    return required ? missing (error, prefix, name) : TRUE;
  if (!sp_money_parse (text, &value, NULL) || value < 0 || value > max || value % step != 0)
    return sp_vjson_bad (error, prefix, name, what);
  *out = value;
  return TRUE;
}

gboolean
sp_vjson_money (JsonObject  *obj,
                const char  *prefix,
                const char  *name,
                gboolean     required,
                SpMoney     *out,
                GError     **error)
{
  return decimal_member (obj, prefix, name, required, SP_MONEY_MAX, 1,
                         _("a decimal string of zero or more, such as “30.00”"), out, error);
}

gboolean
sp_vjson_percent (JsonObject  *obj,
                  const char  *prefix,
                  const char  *name,
                  gboolean     required,
                  gint        *out,
                  GError     **error)
{
  SpMoney value;

  /* percent with 6 decimals: 30% → 30000000; basis points need two decimals */
  if (!decimal_member (obj, prefix, name, required, 100 * SP_MONEY_SCALE, 10000,
                       _("a percentage from “0” to “100” with at most two decimals"),
                       &value, error))
    return FALSE;
  *out = value == SP_MONEY_UNKNOWN ? -1 : (gint) (value / 10000);
  return TRUE;
}

gboolean
sp_vjson_date (JsonObject  *obj,
               const char  *prefix,
               const char  *name,
               guint32     *out,
               GError     **error)
{
  const char *text;

  *out = 0;
  if (!sp_json_read_string (obj, name, &text) ||
      (text != NULL && !sp_date_parse_iso (text, out)))
    return sp_vjson_bad (error, prefix, name, _("a date such as “2026-12-31”"));
  return TRUE;
}

gboolean
sp_vjson_bool (JsonObject  *obj,
               const char  *prefix,
               const char  *name,
               gboolean    *out,
               GError     **error)
{
  JsonNode *node = sp_json_member (obj, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return sp_vjson_bad (error, prefix, name, _("true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
sp_vjson_strv (JsonObject  *obj,
               const char  *prefix,
               const char  *name,
               GStrv       *out,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;
  if (!sp_json_read_container (obj, name, JSON_NODE_ARRAY, (gpointer *) &array))
    return sp_vjson_bad (error, prefix, name, _("a list of texts"));
  if (array == NULL)
    return TRUE;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!sp_json_node_is_string (element))
        return sp_vjson_bad (error, prefix, name, _("a list of texts"));
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
sp_vjson_text (JsonObject  *obj,
               const char  *prefix,
               const char  *name,
               gboolean     required,
               char       **en,
               char       **zh,
               GError     **error)
{
  JsonNode *node = sp_json_member (obj, name);

  *en = NULL;
  *zh = NULL;
  if (node == NULL)
    return required ? missing (error, prefix, name) : TRUE;
  if (sp_json_node_is_string (node))
    {
      *en = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *texts = json_node_get_object (node);
      g_autofree char *path = path_of (prefix, name);
      const char *e, *z;

      if (!sp_vjson_string (texts, path, "en", FALSE, &e, error) ||
          !sp_vjson_string (texts, path, "zh_CN", FALSE, &z, error))
        return FALSE;
      if (e == NULL && z == NULL)
        return missing (error, path, "en");
      *en = g_strdup (e != NULL ? e : z);
      *zh = g_strdup (z);
      return TRUE;
    }
  return sp_vjson_bad (error, prefix, name, _("text, or an object with “en” and “zh_CN”"));
}

gboolean
sp_vjson_enum (JsonObject         *obj,
               const char         *prefix,
               const char         *name,
               const char * const *words,
               int                *out,
               GError            **error)
{
  const char *text;
  g_autofree char *joined = NULL;
  g_autofree char *expected = NULL;

  if (!sp_vjson_string (obj, prefix, name, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  for (int i = 0; words[i] != NULL; i++)
    if (g_str_equal (words[i], text))
      {
        *out = i;
        return TRUE;
      }
  joined = g_strjoinv ("”, “", (char **) words);
  /* Translators: %s is a list of words such as “half-up”, “truncate” */
  expected = g_strdup_printf (_("one of “%s”"), joined);
  return sp_vjson_bad (error, prefix, name, expected);
}

char *
sp_voucher_format_money (SpMoney     value,
                         const char *currency)
{
  return sp_money_format_or_dash (value, currency, SP_MONEY_STYLE_PRICE);
}

char *
sp_voucher_format_percent_number (gint basis_points)
{
  if (basis_points % 100 == 0)
    return g_strdup_printf ("%d", basis_points / 100);
  if (basis_points % 10 == 0)
    return g_strdup_printf ("%d.%d", basis_points / 100, (basis_points % 100) / 10);
  return g_strdup_printf ("%d.%02d", basis_points / 100, basis_points % 100);
}

char *
sp_voucher_format_percent (gint basis_points)
{
  g_autofree char *number = sp_voucher_format_percent_number (basis_points);

  return g_strdup_printf ("%s%%", number);
}

gboolean
sp_voucher_ui_is_chinese (void)
{
  return sp_vendor_ui_is_chinese ();
}
