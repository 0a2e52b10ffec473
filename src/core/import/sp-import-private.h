/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-private.h — what the adapters share with sp-import.c */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-import.h"
#include "sp-offer-private.h"

G_BEGIN_DECLS

/* Adapters fill @result; they return FALSE with @error only when the whole
 * input is unusable (syntax, shape, version).  Bad rows call
 * sp_import_result_skip() and the adapter goes on. */
gboolean sp_feed_suanpan_parse      (const char *data, gsize len, SpImportResult *result, GError **error);
gboolean sp_adapter_litellm_parse   (const char *data, gsize len, SpImportResult *result, GError **error);
gboolean sp_adapter_openrouter_parse(const char *data, gsize len, SpImportResult *result, GError **error);
gboolean sp_adapter_skypilot_parse  (const char *data, gsize len, SpImportResult *result, GError **error);
/* the same read in @n_chunks chunks at once (1: one after the other); the
 * adapter itself picks the number from the size and the processors */
gboolean sp_adapter_skypilot_parse_chunks (const char *data, gsize len, SpImportResult *result,
                                           guint n_chunks, GError **error);
gboolean sp_adapter_llm_prices_cn_parse (const char *data, gsize len, SpImportResult *result, GError **error);
gboolean sp_adapter_genai_prices_parse  (const char *data, gsize len, SpImportResult *result, GError **error);

SpImportResult *sp_import_result_new        (SpFeedFormat format, const char *source_name);
void            sp_import_result_set_source (SpImportResult *self, const char *source_name);
void            sp_import_result_set_vendor_name (SpImportResult *self, const char *vendor_name);
void            sp_import_result_set_generated_at (SpImportResult *self, gint64 unix_seconds);
/* counts a row as read */
void            sp_import_result_row_read   (SpImportResult *self);
/* counts a row read after a repair (SkyPilot: extra fields joined into the
 * last column); it is read and normalized like any other */
void            sp_import_result_row_repaired (SpImportResult *self);
/* counts a row as skipped, with a reason (printf-style, already translated) */
void            sp_import_result_skip       (SpImportResult *self, guint row, const char *key,
                                             const char *reason_format, ...) G_GNUC_PRINTF (4, 5);
/* adds a normalized offer (takes ownership); a duplicate id within the result
 * is skipped with a reason and the earlier offer kept */
void            sp_import_result_add_offer  (SpImportResult *self, guint row, SpOffer *offer);

/* Offer records, for a catalog of many offers (HACKING.md, "Ingest",
 * seventh pass): an SpOffer's fields in plain memory owned by @self, not a
 * GObject, so no object, no allocation and no free per offer.
 * sp_import_result_new_record () hands out the next record with an
 * SpOffer's defaults; its owned texts (id, name, model, list_price, note,
 * gpu_fraction…) must come from sp_import_result_strdup () or _text_alloc ()
 * (they live as long as @self), its arrays (tiers, variants,
 * voucher_programmes) are its own.  sp_import_result_add_record () passes
 * it through the same door as sp_import_result_add_offer (); a record not
 * added, or refused, is handed out again by the next new_record, so add
 * each one before asking for the next.  Whoever asks for the offers
 * (sp_import_result_get_offers ()) gets SpOffer objects made from them;
 * the store reads them as they are (sp_import_result_peek_offer_records ()). */
SpOffer        *sp_import_result_new_record (SpImportResult *self);
void            sp_import_result_add_record (SpImportResult *self, guint row, SpOffer *rec);
/* @size bytes (any alignment) that live as long as @self */
char           *sp_import_result_text_alloc (SpImportResult *self, gsize size);
/* a copy of @text (NULL for NULL) that lives as long as @self */
char           *sp_import_result_strdup     (SpImportResult *self, const char *text);

/* A chunked parse (SkyPilot, HACKING.md "Ingest"): each chunk of the file
 * but the first is read by a thread of its own into a part of the whole
 * result: its offers are cleaned and checked against each other there,
 * and sp_import_result_merge () then appends its skips and offers (records
 * with their blocks) to @self in file order, each row moved by
 * @row_offset, checking the offers' ids against those already in @self:
 * the same skips, offers and counts as if the part's rows had been read
 * into @self.  The part is left empty.  A part never reaches
 * SP_LIMIT_OFFERS_PER_FEED itself: the caller only chunks a file whose
 * rows cannot make that many offers. */
SpImportResult *sp_import_result_new_part (SpImportResult *whole);
void            sp_import_result_merge    (SpImportResult *self, SpImportResult *part,
                                           guint row_offset);

/* A new offer with who sells what filled in (every price unknown): @id,
 * @name and @model are copied; @source, @vendor_id, @currency and the
 * vendor names are interned strings, borrowed. */
SpOffer        *sp_import_offer_new (const char *id, const char *source, const char *vendor_id,
                                     const char *vendor_name, const char *vendor_name_zh,
                                     const char *name, const char *model, SpBilling billing,
                                     const char *currency);

/* The filename hint given to sp_import_parse (may be NULL) */
const char     *sp_import_result_get_filename (SpImportResult *self);

/* JSON input hardening shared by the JSON adapters (sp-adapter-json.c):
 * refuses text that is not UTF-8 (SP_IMPORT_ERROR_ENCODING) or nested deeper
 * than @max_depth (SP_IMPORT_ERROR_SHAPE, checked on the raw bytes before the
 * recursive json-glib parser runs), reads integers too large for a gint64 as
 * doubles (json-glib would silently wrap them), and parses.  @what names the
 * catalog in error messages ("LiteLLM").  Returns a parser with a non-NULL
 * root, or NULL with SP_IMPORT_ERROR_SYNTAX for bad or empty JSON. */
JsonParser     *sp_adapter_json_load (const char  *data,
                                      gsize        len,
                                      guint        max_depth,
                                      const char  *what,
                                      GError     **error);

/* sp_adapter_json_load() into *@parser, then the catalog's top node: the
 * root, or with @member the root object's member of that name; it must be
 * of @type, else SP_IMPORT_ERROR_SHAPE with @shape_error (translated) and
 * NULL.  The node belongs to *@parser. */
JsonNode       *sp_adapter_json_top  (const char *data, gsize len, guint max_depth,
                                      const char *what, const char *member, JsonNodeType type,
                                      const char *shape_error, JsonParser **parser,
                                      GError **error);

/* The price checks shared by the JSON adapters (sp-adapter-json.c),
 * for a price just parsed into @value by sp_money_*() with @error (may be
 * NULL): a parse error, a negative value or one above @max is refused.
 * Returns TRUE when @value is usable; else FALSE with a plain-words reason
 * in *@reason (free it), or *@reason NULL when @error is none of
 * SP_MONEY_ERROR_NOT_FINITE, _NEGATIVE or _RANGE: the adapter's own words
 * then. */
gboolean        sp_adapter_check_price (SpMoney        value,
                                        const GError  *error,
                                        SpMoney        max,
                                        char         **reason);

typedef enum {
  SP_ADAPTER_PRICE_ABSENT, /* no member, or JSON null: unknown */
  SP_ADAPTER_PRICE_OK,
  SP_ADAPTER_PRICE_BAD,
} SpAdapterPrice;

/* A price written as a JSON number in @node (may be NULL), multiplied by
 * 10^@pow10_shift (6: per token -> per 1M tokens; 0: already per 1M),
 * checked with sp_adapter_check_price() against @max.  @list_text (may be
 * NULL) receives the number's shortest decimal text; on PRICE_BAD *@why
 * says why (@member names the field). */
SpAdapterPrice  sp_adapter_json_price (JsonNode    *node,
                                       const char  *member,
                                       int          pow10_shift,
                                       SpMoney      max,
                                       SpMoney     *out,
                                       char       **list_text,
                                       char       **why);

/* "2026-08-01" (a UTC day, optionally followed by a time) -> unix seconds
 * at 00:00 UTC of that day; FALSE when it is not such a date. */
gboolean        sp_adapter_parse_day  (const char *text, gint64 *out);

/* Token tiers (SpTokenTier) by their threshold, lowest first, for
 * g_array_sort(). */
int             sp_adapter_tier_cmp   (gconstpointer a, gconstpointer b);

/* The result's source name, or @fallback (a static string), which then
 * becomes the result's. */
const char     *sp_adapter_source_or  (SpImportResult *result, const char *fallback);
/* @node as an object, or NULL after skipping @row ("entry is not an
 * object"). */
JsonObject     *sp_adapter_entry_object (SpImportResult *result, guint row, JsonNode *node);
/* The same, and its non-empty string "id" (else @row is skipped with the
 * reason @no_id, translated): the id, or NULL when skipped. */
const char     *sp_adapter_entry_id   (SpImportResult *result, guint row, JsonNode *node,
                                       const char *no_id, JsonObject **obj);
/* A token offer billed on demand and priced per 1M tokens: @prices are
 * input (also the offer's price), output and cached input.  @id, @name and
 * @model are copied, @vendor_id and @currency interned, the vendor names
 * borrowed (sp_vendor_names()).  The caller sets the rest (context, tiers,
 * list price…). */
SpOffer        *sp_adapter_token_offer_new (const char *source, const char *id, const char *name,
                                            const char *model, const char *vendor_id,
                                            const char *vendor_name, const char *vendor_name_zh,
                                            const char *currency, const SpMoney prices[3]);

G_END_DECLS
