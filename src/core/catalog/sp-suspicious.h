/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-suspicious.h — equivalence groups and per-offer warnings
 *
 * Offers are grouped by sp_offer_dup_group() ("gpu:H100 SXM:80",
 * "tokens:gpt-4o", "cpu:<vendor>").  Prices are compared on the normalized
 * main price (sp_price_context_normalize (…, SP_PRICE_MAIN)) in the display
 * currency of one SpPriceContext.
 *
 * Warnings are never a reason to hide an offer; they explain a risk:
 *  - SUSPICIOUS: in a group with at least 3 offers of known price, the
 *    offer's price is below threshold × the group's median (default 40%).
 *    The comparison is exact (no rounding of the median).  The median of an
 *    even count is the mean of the two middle prices.  Spot offers and free
 *    offers (price 0) count towards the median but are never flagged: spot
 *    capacity is expected to sell far below on-demand.
 *  - STALE: the offer was fetched (fetched_at) more than stale_after_seconds
 *    before now (offers with unknown fetched_at are not flagged).
 *  - AMBIGUOUS: a gpu offer whose GPU name does not say its variant
 *    (sp_gpu_model_is_ambiguous(), e.g. "H100" alone).
 */
#pragma once

#include <glib-object.h>

#include "sp-money.h"
#include "sp-offer.h"
#include "sp-price-context.h"

G_BEGIN_DECLS

typedef enum {
  SP_OFFER_FLAG_NONE       = 0,
  SP_OFFER_FLAG_SUSPICIOUS = 1 << 0,
  SP_OFFER_FLAG_STALE      = 1 << 1,
  SP_OFFER_FLAG_AMBIGUOUS  = 1 << 2,
} SpOfferFlag;

#define SP_SUSPICIOUS_DEFAULT_THRESHOLD_BP 4000           /* 40% of the median */
#define SP_SUSPICIOUS_MIN_GROUP_SIZE       3
#define SP_STALE_DEFAULT_SECONDS           (30 * 24 * 3600) /* 30 days */

typedef struct {
  guint   threshold_bp;        /* basis points of the median (4000 = 40%); 0 = never suspicious */
  gint64  now;                 /* unix seconds; 0 = the current time */
  gint64  stale_after_seconds; /* 0 = never stale */
} SpFlagOptions;

/* Defaults: SP_SUSPICIOUS_DEFAULT_THRESHOLD_BP, now = 0, SP_STALE_DEFAULT_SECONDS. */
void            sp_flag_options_init  (SpFlagOptions *options);

/* The warnings of one offer.  Reasons are translated full sentences, NULL
 * when the flag is not set; they are GRefStrings (shared between offers with
 * the same reason): read them, never g_free() them — sp_offer_flags_copy()
 * and sp_offer_flags_free() take care of them. */
typedef struct {
  SpOfferFlag  flags;
  char        *suspicious_reason; /* e.g. "¥5.80 per card-hour is 28% of the median ¥20.71
                                     for H100 SXM 80 GB offers. Prices far below the
                                     market are a known scam pattern (…)" */
  char        *stale_reason;
  char        *ambiguous_reason;
  SpMoney      group_median;      /* display currency; SP_MONEY_UNKNOWN unless SUSPICIOUS */
  guint        percent_of_median; /* rounded half up; 0 unless SUSPICIOUS */
} SpOfferFlags;

#define SP_TYPE_OFFER_FLAGS (sp_offer_flags_get_type ())
GType         sp_offer_flags_get_type (void) G_GNUC_CONST;
SpOfferFlags *sp_offer_flags_copy     (const SpOfferFlags *flags);
void          sp_offer_flags_free     (SpOfferFlags *flags);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOfferFlags, sp_offer_flags_free)

/* Flags for every offer of @offers at once (O(n log n)).  Returns a hash
 * table SpOffer* (referenced) → SpOfferFlags* holding only the offers that
 * have at least one flag; look an offer up with g_hash_table_lookup() (NULL =
 * no warning).  @options may be NULL for the defaults. */
GHashTable   *sp_offer_flags_compute  (GPtrArray           *offers,
                                       SpPriceContext      *ctx,
                                       const SpFlagOptions *options);

/* The text of a SUSPICIOUS reason (translated): @price is @percent of the
 * @median of the @group_label offers, in @currency (the display currency) */
char         *sp_suspicious_reason_dup (SpOfferKind  kind,
                                        const char  *group_label,
                                        SpMoney      price,
                                        SpMoney      median,
                                        guint        percent,
                                        const char  *currency);

/* The median of two middle prices: (a + b) / 2, rounded half up (exact) */
SpMoney       sp_suspicious_median2    (SpMoney      a,
                                        SpMoney      b);

/* The texts of a STALE reason (fetched @days ago) and an AMBIGUOUS one */
char         *sp_stale_reason_dup      (guint        days);
char         *sp_ambiguous_reason_dup  (const char  *gpu_model);
char         *sp_offer_flags_short_text (const SpOfferFlags *flags);
char         *sp_offer_flags_reasons    (const SpOfferFlags *flags);

/* One equivalence group, for the "group view". */
typedef struct {
  char        *id;       /* sp_offer_dup_group(), e.g. "gpu:H100 SXM:80" */
  char        *label;    /* display label: "H100 SXM 80 GB", "gpt-4o",
                            "CPU · Demo Hangzhou Cloud (sample)" */
  SpOfferKind  kind;
  GPtrArray   *offers;   /* SpOffer (referenced), by normalized price ascending,
                            unknown last, ties by vendor name, name, id */
  SpOffer     *cheapest; /* (borrowed from @offers) NULL when no price is known */
  SpMoney      cheapest_price; /* display currency, or SP_MONEY_UNKNOWN */
  SpMoney      median;   /* display currency over known prices, rounded half up
                            to the micro-unit; SP_MONEY_UNKNOWN when none known */
  guint        n_priced; /* offers with a known normalized price */
} SpOfferGroup;

#define SP_TYPE_OFFER_GROUP (sp_offer_group_get_type ())
GType         sp_offer_group_get_type (void) G_GNUC_CONST;
SpOfferGroup *sp_offer_group_copy     (const SpOfferGroup *group);
void          sp_offer_group_free     (SpOfferGroup *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOfferGroup, sp_offer_group_free)

/* The equivalence groups of @offers: a new array of SpOfferGroup* (free
 * function set), sorted by kind (gpu, cpu, tokens), then label.  The member
 * count is group->offers->len. */
GPtrArray    *sp_offer_groups_compute (GPtrArray      *offers,
                                       SpPriceContext *ctx);

/* The display label of @offer's group (see SpOfferGroup.label). */
char         *sp_offer_dup_group_label (SpOffer *offer);

G_END_DECLS
