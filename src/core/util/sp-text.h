/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text.h — clean text at the door
 *
 * Every string read from a feed, catalog, ledger CSV or voucher / programme
 * file goes through these checks before it is stored:
 *
 *  - it must be valid UTF-8 without NUL or the noncharacters U+FFFE and
 *    U+FFFF (a JSON "\u0000" or a lone surrogate such as "\ud800" fails:
 *    see sp_text_json_mark_invalid());
 *  - it must not be longer than its limit (sp-limits.h);
 *  - bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
 *    U+2066–U+2069) and zero-width characters (U+200B–U+200D, U+2060,
 *    U+FEFF) are removed, so what is stored is what is shown. */
#pragma once

#include <glib.h>
#include "sp-limits.h"

G_BEGIN_DECLS

typedef enum {
  SP_TEXT_OK,
  SP_TEXT_INVALID,   /* not UTF-8, or holds a NUL or a lone surrogate */
  SP_TEXT_TOO_LONG,  /* more than the allowed characters */
} SpTextCheck;

/* TRUE for the characters removed by sp_text_clean_in_place(). */
gboolean     sp_text_is_invisible     (gunichar c);

/* Checks @text (NUL-terminated; may be NULL, which is OK) and removes the
 * invisible characters in place (the text only gets shorter).  The length is
 * counted before removal.  Adds the number of characters removed to
 * *@n_removed (may be NULL).  On a failure @text is left as it was. */
SpTextCheck  sp_text_clean_in_place   (char  *text,
                                       gsize  max_chars,
                                       guint *n_removed);

/* The same for a string that cannot be changed: *@cleaned (may be NULL) gets
 * a new string when characters were removed, else NULL. */
SpTextCheck  sp_text_check            (const char  *text,
                                       gsize        max_chars,
                                       char       **cleaned,
                                       guint       *n_removed);

/* A translated reason for a failed check of field @field ("name"), such as
 * "“name” is longer than 256 characters". */
char        *sp_text_dup_reason       (SpTextCheck  check,
                                       const char  *field,
                                       gsize        max_chars);

/* The index of @text among the @n_words @words, ignoring ASCII case; -1
 * when it is none of them (or NULL). */
int          sp_text_word_index       (const char         *text,
                                       const char * const *words,
                                       gsize               n_words);

/* @unix_seconds as local time in the g_date_time_format() @format; a copy of
 * @never when it is 0 or less, "?" when it is out of range. */
char        *sp_text_format_local     (gint64      unix_seconds,
                                       const char *format,
                                       const char *never);

/* Text safe to show in a message: invalid bytes replaced, invisible and
 * control characters removed, cut to @max_chars characters with "…". */
char        *sp_text_dup_for_message  (const char *text,
                                       gsize       max_chars);

/* json-glib keeps strings as C strings: "a\u0000b" would silently become
 * "a"; and it stores a lone surrogate ("\ud800") as invalid UTF-8, eating
 * the next character (at the end of a string, the closing quote).  Returns
 * NULL when @data holds neither (the usual case), else a NUL-terminated copy
 * of its @len bytes in which each such escape is replaced by "\uffff", a
 * noncharacter that sp_text_check() refuses as invalid: the offer that holds
 * it is refused, not the file, and no two ids collide. */
char        *sp_text_json_mark_invalid (const char *data,
                                        gsize       len);

/* g_intern_string() for text read from input.  Interned strings are never
 * freed: a text longer than 1,024 bytes (more than any one-line field may
 * hold) is not kept but replaced by a fixed placeholder that is itself too
 * long for every one-line field, so the offer is still refused as too long
 * by the check at the door.  NULL gives NULL. */
const char  *sp_text_intern           (const char *text);
/* @field (may be NULL) casefolded contains @folded_needle (already casefolded) */
gboolean     sp_text_folded_contains  (const char *field,
                                       const char *folded_needle);
/* Reads the ASCII digits at *@p as a whole number no larger than @max into
 * *@out and moves *@p past them.  FALSE when *@p is not a digit or the
 * number is larger than @max (*@p and *@out then say nothing). */
gboolean     sp_text_read_number      (const char **p,
                                       guint64      max,
                                       guint64     *out);

G_END_DECLS
