/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import.h — read a catalog (our feed or a real vendor catalog) into offers */
#pragma once

#include <glib-object.h>
#include "sp-offer.h"

G_BEGIN_DECLS

typedef enum {
  SP_FEED_FORMAT_AUTO,
  SP_FEED_FORMAT_SUANPAN,
  SP_FEED_FORMAT_LITELLM,
  SP_FEED_FORMAT_OPENROUTER,
  SP_FEED_FORMAT_SKYPILOT,
  SP_FEED_FORMAT_LLM_PRICES_CN, /* szp2005/llm-prices-cn prices.json */
  SP_FEED_FORMAT_GENAI_PRICES,  /* pydantic/genai-prices data.json */
  SP_FEED_FORMAT_PROGRAMMES,    /* compute-voucher programmes (docs/programmes.md), not offers:
                                 * a source of this kind is refreshed into the programme list */
} SpFeedFormat;

/* the last format (for range checks) */
#define SP_FEED_FORMAT_LAST SP_FEED_FORMAT_PROGRAMMES

/* Major version of the Suanpan Offer Feed this build reads. */
#define SP_FEED_VERSION_MAJOR 1
#define SP_FEED_VERSION_MINOR 0

#define SP_IMPORT_ERROR (sp_import_error_quark ())

typedef enum {
  SP_IMPORT_ERROR_UNKNOWN_FORMAT, /* cannot tell what this file is */
  SP_IMPORT_ERROR_SYNTAX,         /* not valid JSON / CSV */
  SP_IMPORT_ERROR_SHAPE,          /* valid syntax, wrong structure */
  SP_IMPORT_ERROR_VERSION,        /* a newer major feed version */
  SP_IMPORT_ERROR_EMPTY,          /* no usable offer at all */
  SP_IMPORT_ERROR_ENCODING,       /* not UTF-8 */
  SP_IMPORT_ERROR_FILE,           /* the input file cannot be used (sp_import_read_input()) */
} SpImportError;

/* The size limits of sp_import_read_input(): a price catalog (the biggest
 * real one is ~4 MB), a ledger CSV (1,000,000 entries are ~170 MB) and a
 * wallet or programme file. */
#define SP_IMPORT_MAX_CATALOG_SIZE ((gsize) 256 * 1000 * 1000)
#define SP_IMPORT_MAX_LEDGER_SIZE  ((gsize) 1000 * 1000 * 1000)
#define SP_IMPORT_MAX_WALLET_SIZE  ((gsize) 16 * 1000 * 1000)

GQuark        sp_import_error_quark       (void);

const char   *sp_feed_format_to_string    (SpFeedFormat format);
gboolean      sp_feed_format_from_string  (const char *str, SpFeedFormat *out);
/* Look at the content (and the file name as a hint, may be NULL); returns
 * SP_FEED_FORMAT_AUTO when it cannot tell. */
SpFeedFormat  sp_feed_format_detect       (const char *data, gsize len, const char *filename);

/* The credit a catalog's licence asks for wherever its data is shown
 * (llm-prices-cn is CC-BY-4.0), exact text, not translated; NULL when none. */
const char   *sp_feed_format_attribution  (SpFeedFormat format);

/* Why a row was skipped. */
typedef struct {
  guint  row;     /* 1-based row / entry index (CSV: line number) */
  char  *key;     /* entry id or key when known (may be NULL) */
  char  *reason;  /* plain words, translated */
} SpImportSkip;

#define SP_TYPE_IMPORT_RESULT (sp_import_result_get_type ())
G_DECLARE_FINAL_TYPE (SpImportResult, sp_import_result, SP, IMPORT_RESULT, GObject)

SpFeedFormat  sp_import_result_get_format       (SpImportResult *self);
const char   *sp_import_result_get_source       (SpImportResult *self);
const char   *sp_import_result_get_vendor_name  (SpImportResult *self);
/* the offers, in catalog order (element type SpOffer) */
GPtrArray    *sp_import_result_get_offers       (SpImportResult *self);
/* For the store's ingest only (src/core/store): the offers as the parser
 * left them, without making objects of them.  Elements have SpOffer's
 * fields (sp-offer-private.h) but may be plain records, not GObjects: read
 * and write their fields only — never ref, unref, type-check or keep
 * them — and only while @self lives.  Everyone else: get_offers. */
GPtrArray    *sp_import_result_peek_offer_records (SpImportResult *self);
guint         sp_import_result_get_rows_read    (SpImportResult *self);
guint         sp_import_result_get_rows_skipped (SpImportResult *self);
guint         sp_import_result_get_rows_normalized (SpImportResult *self);
/* Invisible characters (bidi controls, zero-width: sp-text.h) removed from
 * the offers' text, and the number of offers that had some. */
guint         sp_import_result_get_chars_removed  (SpImportResult *self);
guint         sp_import_result_get_offers_cleaned (SpImportResult *self);
/* rows read only after a repair (a SkyPilot row whose last column is a list
 * written without quotes, "…,eastus,V1,V2"): counted in rows read too */
guint         sp_import_result_get_rows_repaired (SpImportResult *self);
/* element type SpImportSkip */
GArray       *sp_import_result_get_skips        (SpImportResult *self);
/* Skip counts grouped by reason: "reason" -> count, sorted by count desc.
 * Returns a NULL-terminated array of "N × reason" lines (free with g_strfreev). */
char        **sp_import_result_dup_skip_summary (SpImportResult *self);
gint64        sp_import_result_get_generated_at (SpImportResult *self); /* feed time, 0 unknown */

/* Parse @data (@len bytes, need not be NUL-terminated).
 * @source_name: the source the offers belong to, or NULL to derive it (feed
 * vendor id, catalog name, or for SkyPilot the cloud from @filename such as
 * "aws/vms.csv" -> "aws").  @filename may be NULL.
 * Returns NULL with @error set when the whole file is unusable; bad rows are
 * skipped and reported in the result instead. */
SpImportResult *sp_import_parse      (const char    *data,
                                      gsize          len,
                                      SpFeedFormat   format,
                                      const char    *source_name,
                                      const char    *filename,
                                      GError       **error);

/* The one way every import opens its input file (catalogs, ledger CSVs,
 * wallet and programme files; CLI and window).  Returns the whole file,
 * NUL-terminated, with its length in @len; or NULL with a one-line
 * translated SP_IMPORT_ERROR_FILE error naming the file when it does not
 * exist, is a folder, cannot be read, is empty, is binary (a NUL byte in its
 * first 8000 bytes, as git decides) or is larger than @max_size.  Devices
 * and pipes are read up to @max_size (/dev/null is empty). */
char           *sp_import_read_input (const char    *path,
                                      gsize          max_size,
                                      gsize         *len,
                                      GError       **error);

SpImportResult *sp_import_parse_file (const char    *path,
                                      SpFeedFormat   format,
                                      const char    *source_name,
                                      GError       **error);

G_END_DECLS
