/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vendors.h — one canonical name per vendor id
 *
 * A vendor id ("aliyun", "inclusionai", "lambda") stays in files, the store
 * and JSON; people read its name.  Every adapter names vendors through
 * sp_vendor_names(), so one id gets one spelling whichever catalog it came
 * from, and the window and the CLI show ids through sp_label_vendor().
 * Thread-safe (imports run in worker threads). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The built-in names of @vendor_id: TRUE and its English name and Chinese
 * name (NULL when it has none) for a known id; FALSE otherwise. */
gboolean    sp_vendor_lookup   (const char  *vendor_id,
                                const char **name,
                                const char **name_zh);
/* The names an adapter gives the offers of @vendor_id: the built-in ones;
 * else those already given to that id in this process; else @hint (such as
 * the "Vendor:" prefix of a model name; may be NULL); else the id with the
 * first letter of each word (split at '-' and '_') capitalized.  Interned
 * strings; *@name_zh may be NULL. */
void        sp_vendor_names    (const char  *vendor_id,
                                const char  *hint,
                                const char **name,
                                const char **name_zh);
/* The names of @vendor_id for a feed that names its vendors itself
 * (@given, @given_zh; either may be NULL): the built-in names win, and a
 * built-in id with no Chinese name takes @given_zh; an id with no built-in
 * names gets the given ones (remembered, sp_vendor_remember()).  Interned
 * strings; *@name_zh may be NULL. */
void        sp_vendor_names_given (const char  *vendor_id,
                                   const char  *given,
                                   const char  *given_zh,
                                   const char **name,
                                   const char **name_zh);
/* Remembers the names a feed gives its own vendor, for ids that have no
 * built-in names (a vendor of a ledger entry is then shown by that name). */
void        sp_vendor_remember (const char  *vendor_id,
                                const char  *name,
                                const char  *name_zh);
/* The built-in vendor id named @name (an id, or an English or Chinese name;
 * the first in the table when two ids share a name, such as 阿里云); NULL
 * when none.  For fields where a person types a vendor. */
const char *sp_vendor_find_id  (const char  *name);
/* The vendor's name in the UI language (its Chinese name when the UI is
 * Chinese and it has one).  An id with no known name — such as a vendor a
 * person typed in the ledger — is returned as it is; NULL gives "". */
const char *sp_label_vendor    (const char  *vendor_id);
/* Whether the UI language is Chinese (the first of
 * g_get_language_names() starts with "zh"). */
gboolean    sp_vendor_ui_is_chinese (void);
/* @name_zh when it is not empty and the UI is Chinese, else @name: how a
 * vendor name with its Chinese spelling is shown. */
const char *sp_vendor_pick_name (const char  *name,
                                 const char  *name_zh);
/* Vendor ids as their names (sp_label_vendor()), joined with a translated
 * ", "; "" for none.  Newly allocated. */
char       *sp_label_vendors   (const char * const *vendor_ids);

G_END_DECLS
