/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-programme.h — a government compute-voucher (算力券) programme, as data
 *
 * A programme is read from JSON (docs/vouchers.md): the issuer, the rate per
 * subsidy category (basis points: 30% = 3000), optional higher rates for
 * start-ups, the caps (per contract, per firm per year), the item kinds it
 * pays for, which vendors qualify, its validity period, the pro-rating and
 * rounding rules, when the money arrives and whether it stacks with other
 * programmes.  The shipped definitions (data/programmes/, one file per city,
 * each rule with the clause it was read from) are core resources under
 * /io/github/suanpan/Suanpan/core/programmes/. */
#pragma once

#include <gio/gio.h>
#include "sp-money.h"
#include "sp-purchase.h"

G_BEGIN_DECLS

/* Major version of the programme / voucher JSON format this build reads. */
#define SP_PROGRAMMES_VERSION_MAJOR 1

typedef enum {
  SP_PAYOUT_AT_PURCHASE,      /* deducted from the bill when paying */
  SP_PAYOUT_AFTER_SETTLEMENT, /* paid to the firm later, on a claim (reimbursed) */
} SpPayout;

typedef enum {
  SP_PRORATE_NONE, /* the purchase date must fall inside the programme period */
  SP_PRORATE_DAYS, /* only the share of contract days inside the period counts */
} SpProrate;

typedef enum {
  SP_STACKING_ALLOWED,   /* may combine with other programmes that allow it */
  SP_STACKING_EXCLUSIVE, /* no double subsidy: never with another programme */
} SpStacking;

/* No rate for a category */
#define SP_RATE_NONE (-1)

/* Where a programme in the list came from (docs/programmes.md, "Programmes from a source") */
typedef enum {
  SP_PROGRAMME_ORIGIN_FILE,    /* read from a file: `voucher import`, tests */
  SP_PROGRAMME_ORIGIN_SHIPPED, /* shipped with Suanpan (data/programmes/) */
  SP_PROGRAMME_ORIGIN_FEED,    /* from a programme source, through the refresh */
} SpProgrammeOrigin;

/* "imported", "shipped", "feed" (the CLI's origin.kind) */
const char  *sp_programme_origin_to_string    (SpProgrammeOrigin origin);

#define SP_TYPE_PROGRAMME (sp_programme_get_type ())
G_DECLARE_FINAL_TYPE (SpProgramme, sp_programme, SP, PROGRAMME, GObject)

/* Parses a programme file {"suanpan_programmes": "1.0", "programmes": […]}.
 * Returns the programmes (element type SpProgramme) or NULL with an
 * SP_VOUCHER_ERROR (sp-voucher.h) naming the member at fault. */
GPtrArray   *sp_programme_list_from_data      (const char *data, gsize len, GError **error);
GPtrArray   *sp_programme_list_from_file      (GFile *file, GError **error);
/* The programmes shipped with Suanpan (hangzhou, nanning, shenzhen first). */
GPtrArray   *sp_programme_list_shipped        (GError **error);
/* A programme file published by a source (a "programmes" feed): read as
 * sp_programme_list_from_data() does, and held to what a shipped file holds
 * to (data/schema/suanpan-programmes-1.schema.json): every programme has a
 * "source" object with a clause for every rule it gives (no "uncited"),
 * clause keys and "unknown" entries are rule paths, no member the schema does
 * not know in "source" or "conditions"; and no programme takes the id of
 * a shipped one.  NULL with an SP_VOUCHER_ERROR (one line, the member at
 * fault) otherwise. */
GPtrArray   *sp_programme_list_from_feed      (const char *data, gsize len, GError **error);

/* Where the programme came from: for a feed, the source's name and address
 * and when the feed was fetched (unix seconds; 0 unknown). */
SpProgrammeOrigin sp_programme_get_origin     (SpProgramme *self);
const char  *sp_programme_get_origin_source   (SpProgramme *self);
const char  *sp_programme_get_origin_url      (SpProgramme *self);
gint64       sp_programme_get_origin_fetched  (SpProgramme *self);
void         sp_programme_set_origin          (SpProgramme *self, SpProgrammeOrigin origin,
                                               const char *source, const char *url,
                                               gint64 fetched);
/* "shipped with Suanpan", "source “x”, fetched 2026-12-06 15:09" (local
 * time), "imported from a file": translated */
char        *sp_programme_dup_origin_label    (SpProgramme *self);
/* How many of @programmes (element type SpProgramme; may be NULL) came from
 * the programme source named @source (origin "feed") */
guint        sp_programme_list_count_from_source (GPtrArray *programmes, const char *source);
/* The programme of @programmes (element type SpProgramme; may be NULL)
 * whose id is @id, borrowed; NULL when there is none or @id is NULL. */
SpProgramme *sp_programme_list_find           (GPtrArray *programmes, const char *id);

const char  *sp_programme_get_id              (SpProgramme *self);
/* The name / issuer in the UI language (zh_CN when the UI is Chinese and a
 * Chinese text exists), and each language explicitly. */
const char  *sp_programme_get_name            (SpProgramme *self);
const char  *sp_programme_get_name_en         (SpProgramme *self);
const char  *sp_programme_get_name_zh         (SpProgramme *self);
const char  *sp_programme_get_issuer          (SpProgramme *self);
/* Free text: the published figures and where they come from (may be NULL) */
const char  *sp_programme_get_notes           (SpProgramme *self);
const char  *sp_programme_get_currency        (SpProgramme *self);  /* "CNY" */
/* Rate in basis points for @category (start-up rate when @startup and the
 * programme has one), or SP_RATE_NONE when the category is not covered. */
gint         sp_programme_get_rate            (SpProgramme *self, SpCategory category, gboolean startup);
gboolean     sp_programme_covers_kind         (SpProgramme *self, SpItemKind kind);
/* SP_MONEY_UNKNOWN when there is no such cap */
SpMoney      sp_programme_get_cap_per_contract (SpProgramme *self);
SpMoney      sp_programme_get_cap_per_year    (SpProgramme *self);
/* The programme's total yearly budget (information only; not enforced) */
SpMoney      sp_programme_get_budget          (SpProgramme *self);
/* Inclusive Julian days; 0 when open-ended */
guint32      sp_programme_get_valid_from      (SpProgramme *self);
guint32      sp_programme_get_valid_to        (SpProgramme *self);
SpProrate    sp_programme_get_prorate         (SpProgramme *self);
SpRounding   sp_programme_get_rounding        (SpProgramme *self);  /* HALF_UP or TRUNCATE */
SpPayout     sp_programme_get_payout          (SpProgramme *self);
SpStacking   sp_programme_get_stacking        (SpProgramme *self);
/* Vendor rule: the purchase qualifies when no rule is set, when the vendor
 * is listed, or (accept_tagged) when the offer is tagged with the programme
 * id; and, with require_unaffiliated, the vendor is not affiliated. */
const char * const *sp_programme_get_vendors  (SpProgramme *self);
gboolean     sp_programme_get_accept_tagged   (SpProgramme *self);
gboolean     sp_programme_get_require_unaffiliated (SpProgramme *self);
/* TRUE when @purchase's vendor qualifies under the vendor rule (ignoring
 * affiliation). */
gboolean     sp_programme_vendor_qualifies    (SpProgramme *self, SpPurchase *purchase);

/* ---- issue 19: cited rules and conditions (docs/programmes.md) ---- */

/* The city (or province) whose programme this is: an id such as "hangzhou"
 * and its Chinese name "杭州市" (NULL when the file names none). */
const char  *sp_programme_get_city            (SpProgramme *self);
const char  *sp_programme_get_city_zh         (SpProgramme *self);
/* The document the rules were read from (FALSE / NULL when none was found) */
gboolean     sp_programme_has_source          (SpProgramme *self);
const char  *sp_programme_get_source_url      (SpProgramme *self);
const char  *sp_programme_get_source_title    (SpProgramme *self);
const char  *sp_programme_get_source_published (SpProgramme *self);  /* "YYYY-MM-DD" or NULL */
/* The clause quoted in Chinese for @rule_path ("rates.model-service",
 * "cap_per_firm_year", "conditions.industries", …) or NULL; @url (optional)
 * gets the page it was read on. */
const char  *sp_programme_get_clause          (SpProgramme *self, const char *rule_path,
                                               const char **url);
/* The rule paths that have a clause, sorted */
GStrv        sp_programme_dup_clause_paths    (SpProgramme *self);
/* Rules the document does not state ("unknown") and rules given without a
 * clause, kept from an earlier release ("uncited"); NULL when none. */
const char * const *sp_programme_get_unknown  (SpProgramme *self);
const char * const *sp_programme_get_uncited  (SpProgramme *self);
/* TRUE when @rule_path or its group ("rates" for "rates.x") is unknown */
gboolean     sp_programme_is_unknown          (SpProgramme *self, const char *rule_path);
gboolean     sp_programme_is_uncited          (SpProgramme *self, const char *rule_path);
/* Conditions: 1 the firm must be registered in the city, 0 firms from
 * elsewhere may claim, -1 not stated */
int          sp_programme_get_registered_in_city (SpProgramme *self);
/* Industries / platforms the programme is limited to (NULL: no limit stated) */
const char * const *sp_programme_get_industries (SpProgramme *self);
const char * const *sp_programme_get_platforms  (SpProgramme *self);
/* SP_MONEY_UNKNOWN when not stated */
SpMoney      sp_programme_get_min_contract    (SpProgramme *self);
SpMoney      sp_programme_get_min_subsidy     (SpProgramme *self);
/* The application window, inclusive Julian days (0 when not stated) */
guint32      sp_programme_get_window_from     (SpProgramme *self);
guint32      sp_programme_get_window_to       (SpProgramme *self);

G_END_DECLS
