/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text.c — clean text at the door (see sp-text.h) */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-text.h"

gboolean
sp_text_is_invisible (gunichar c)
{
  return c == 0x061C ||                   /* arabic letter mark */
         (c >= 0x200B && c <= 0x200F) ||  /* zero-width space, non-joiner, joiner, LRM, RLM */
         (c >= 0x202A && c <= 0x202E) ||  /* embeddings and overrides */
         c == 0x2060 ||                   /* word joiner */
         (c >= 0x2066 && c <= 0x2069) ||  /* isolates */
         c == 0xFEFF;                     /* zero-width no-break space (BOM) */
}

/* Validates and counts; returns the check and whether anything is invisible. */
static SpTextCheck
scan (const char *text,
      gsize       max_chars,
      gboolean   *has_invisible)
{
  const char *end = NULL;
  gsize n = 0, len, i;

  *has_invisible = FALSE;
  len = strlen (text);
  /* each character takes at most 4 bytes: a longer text cannot fit */
  if (len > max_chars * 4)
    return SP_TEXT_TOO_LONG;
  /* fast path: plain ASCII (almost every catalog text) is valid, one byte a
   * character, and holds nothing invisible; tested eight bytes at a time */
  for (i = 0; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  while (i < len && (guchar) text[i] < 0x80)
    i++;
  if (i == len)
    return len > max_chars ? SP_TEXT_TOO_LONG : SP_TEXT_OK;
  if (!g_utf8_validate (text, -1, &end))
    return SP_TEXT_INVALID;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* all invisible characters are two or three bytes, starting 0xD8, 0xE2
       * or 0xEF; so are the noncharacters U+FFFE and U+FFFF, which stand for
       * a NUL or a lone surrogate (sp_text_json_mark_invalid()) */
      if ((guchar) *p == 0xD8 || (guchar) *p == 0xE2 || (guchar) *p == 0xEF)
        {
          gunichar c = g_utf8_get_char (p);

          if (c == 0xFFFE || c == 0xFFFF)
            return SP_TEXT_INVALID;
          if (sp_text_is_invisible (c))
            *has_invisible = TRUE;
        }
      if (++n > max_chars)
        return SP_TEXT_TOO_LONG;
    }
  return SP_TEXT_OK;
}

/* Removes invisible characters from valid UTF-8 in place; returns how many. */
static guint
strip (char *text)
{
  char *out = text;
  guint removed = 0;

  for (const char *p = text; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);

      if (sp_text_is_invisible (g_utf8_get_char (p)))
        removed++;
      else
        {
          memmove (out, p, next - p);
          out += next - p;
        }
      p = next;
    }
  *out = '\0';
  return removed;
}

SpTextCheck
sp_text_clean_in_place (char  *text,
                        gsize  max_chars,
                        guint *n_removed)
{
  gboolean has_invisible;
  SpTextCheck check;

  if (text == NULL)
    return SP_TEXT_OK;
  check = scan (text, max_chars, &has_invisible);
  if (check == SP_TEXT_OK && has_invisible)
    {
      guint removed = strip (text);

      if (n_removed != NULL)
        *n_removed += removed;
    }
  return check;
}

SpTextCheck
sp_text_check (const char  *text,
               gsize        max_chars,
               char       **cleaned,
               guint       *n_removed)
{
  gboolean has_invisible;
  SpTextCheck check;

  if (cleaned != NULL)
    *cleaned = NULL;
  if (text == NULL)
    return SP_TEXT_OK;
  check = scan (text, max_chars, &has_invisible);
  if (check == SP_TEXT_OK && has_invisible)
    {
      char *copy = g_strdup (text);
      guint removed = strip (copy);

      if (n_removed != NULL)
        *n_removed += removed;
      if (cleaned != NULL)
        *cleaned = copy;
      else
        g_free (copy);
    }
  return check;
}

char *
sp_text_dup_reason (SpTextCheck  check,
                    const char  *field,
                    gsize        max_chars)
{
  switch (check)
    {
    case SP_TEXT_INVALID:
      /* Translators: %s is a field name such as “name” (not translated) */
      return g_strdup_printf (_("“%s” holds a NUL character or text that is not valid UTF-8"),
                              field);
    case SP_TEXT_TOO_LONG:
      /* Translators: %s is a field name such as “name” (not translated) */
      return g_strdup_printf (_("“%s” is longer than %lu characters"),
                              field, (unsigned long) max_chars);
    case SP_TEXT_OK:
    default:
      return NULL;
    }
}

/* Short valid text without control or invisible characters (whose UTF-8
 * starts with 0xC2, 0xD8, 0xE2 or 0xEF): the fast path of messages. */
static gboolean
is_plain (const char *text,
          gsize       max_chars)
{
  const guchar *p = (const guchar *) text;
  gsize chars = 0;

  for (; *p != '\0' && chars <= max_chars; p++)
    {
      if (*p < 0x20 || *p == 0x7F)
        return FALSE;
      if (*p == 0xC2 || *p == 0xD8 || *p == 0xE2 || *p == 0xEF)
        {
          gunichar c = g_utf8_get_char_validated ((const char *) p, -1);

          if (c >= 0x110000 || sp_text_is_invisible (c) || g_unichar_iscntrl (c))
            return FALSE;
        }
      chars += (*p & 0xC0) != 0x80;
    }
  return *p == '\0' && chars <= max_chars && g_utf8_validate (text, -1, NULL);
}

char *
sp_text_dup_for_message (const char *text,
                         gsize       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize n = 0;

  if (text == NULL)
    return NULL;
  if (is_plain (text, max_chars))
    return g_strdup (text);
  /* only the start matters: never copy a huge text whole */
  valid = g_utf8_make_valid (text, MIN (strlen (text), max_chars * 4 + 4));
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (sp_text_is_invisible (c) || g_unichar_iscntrl (c))
        continue;
      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, c);
      n++;
    }
  return g_string_free (out, FALSE);
}

/* The code unit of the escape "\uXXXX" at @p (6 bytes available), or -1. */
static int
escape_value (const char *p)
{
  int v = 0;

  if (p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int k = 2; k < 6; k++)
    {
      if (!g_ascii_isxdigit (p[k]))
        return -1;
      v = v * 16 + g_ascii_xdigit_value (p[k]);
    }
  return v;
}

char *
sp_text_json_mark_invalid (const char *data,
                           gsize       len)
{
  char *copy = NULL;

  if (data == NULL || len < 6 ||
      (memmem (data, len, "\\u0000", 6) == NULL && memmem (data, len, "\\ud", 3) == NULL &&
       memmem (data, len, "\\uD", 3) == NULL))
    return NULL;

  for (gsize i = 0; i + 1 < len; i++)
    {
      int v;

      if (data[i] != '\\')
        continue;
      if (data[i + 1] != 'u' || i + 6 > len || (v = escape_value (data + i)) < 0)
        {
          i++;  /* an escaped character, such as "\\" */
          continue;
        }
      if (v >= 0xD800 && v <= 0xDBFF && i + 12 <= len)
        {
          int low = escape_value (data + i + 6);

          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              i += 11;  /* a proper pair */
              continue;
            }
        }
      if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
        {
          if (copy == NULL)
            {
              copy = g_malloc (len + 1);
              memcpy (copy, data, len);
              copy[len] = '\0';
            }
          memcpy (copy + i + 2, "ffff", 4);
        }
      i += 5;
    }
  return copy;
}

#define INTERN_MAX_BYTES (4 * SP_LIMIT_NAME_CHARS)

const char *
sp_text_intern (const char *text)
{
  static const char *placeholder = NULL;

  G_STATIC_ASSERT (SP_LIMIT_ID_CHARS <= SP_LIMIT_NAME_CHARS);

  if (text == NULL)
    return NULL;
  if (strnlen (text, INTERN_MAX_BYTES + 1) <= INTERN_MAX_BYTES)
    return g_intern_string (text);
  if (g_once_init_enter (&placeholder))
    {
      /* one character more than any one-line field may hold */
      g_autofree char *text_ = g_strnfill (SP_LIMIT_NAME_CHARS + 1, '?');

      g_once_init_leave (&placeholder, g_intern_string (text_));
    }
  return placeholder;
}

int
sp_text_word_index (const char         *text,
                    const char * const *words,
                    gsize               n_words)
{
  for (gsize i = 0; text != NULL && i < n_words; i++)
    if (g_ascii_strcasecmp (text, words[i]) == 0)
      return (int) i;
  return -1;
}

char *
sp_text_format_local (gint64      unix_seconds,
                      const char *format,
                      const char *never)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return g_strdup (never);
  dt = g_date_time_new_from_unix_local (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, format) : g_strdup ("?");
}

gboolean
sp_text_folded_contains (const char *field,
                         const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (field == NULL)
    return FALSE;
  folded = g_utf8_casefold (field, -1);
  return strstr (folded, folded_needle) != NULL;
}

gboolean
sp_text_read_number (const char **p,
                     guint64      max,
                     guint64     *out)
{
  const char *q = *p;
  guint64 n = 0;

  if (!g_ascii_isdigit (*q))
    return FALSE;
  for (; g_ascii_isdigit (*q); q++)
    {
      n = n * 10 + (guint64) (*q - '0');
      if (n > max)
        return FALSE;
    }
  *p = q;
  *out = n;
  return TRUE;
}
