/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer.h — one offer in the catalog, in the standard model */
#pragma once

#include <glib-object.h>
#include "sp-money.h"

G_BEGIN_DECLS

typedef enum {
  SP_OFFER_KIND_GPU,    /* priced per card-hour (卡时) */
  SP_OFFER_KIND_CPU,    /* priced per core-hour (核时) */
  SP_OFFER_KIND_TOKENS, /* priced per 1M input / output tokens (词元) */
} SpOfferKind;

typedef enum {
  SP_BILLING_UNKNOWN,
  SP_BILLING_ON_DEMAND, /* 按量 */
  SP_BILLING_SPOT,
  SP_BILLING_RESERVED,  /* monthly / yearly, 包年包月 */
  SP_BILLING_PREPAID,   /* prepaid pack, 资源包 */
} SpBilling;

typedef enum {
  SP_TAX_UNKNOWN,
  SP_TAX_INCLUDED, /* 含税 */
  SP_TAX_EXCLUDED, /* 不含税 */
} SpTaxBasis;

typedef enum {
  SP_FAPIAO_UNKNOWN,
  SP_FAPIAO_NONE,
  SP_FAPIAO_ORDINARY, /* 普票 */
  SP_FAPIAO_SPECIAL,  /* 专票 */
} SpFapiao;

/* A long-context tier is a cliff: when a request's input exceeds
 * @above_tokens, the *whole request* is charged at the tier's rates. */
typedef struct {
  gint64  above_tokens;
  SpMoney input;   /* per 1M tokens, or SP_MONEY_UNKNOWN */
  SpMoney output;
  SpMoney cached_input;
} SpTokenTier;

/* A conditional price (issue 13): a price that applies only at some times of
 * day (e.g. DeepSeek's off-peak discount) or in some dates (a price change on
 * a given day).  The price in force when the catalog was read is the offer's
 * own price; the others are listed as variants with their condition. */
typedef enum {
  SP_VARIANT_TIME_OF_DAY, /* daily window [start, end) in minutes after 00:00 UTC;
                             end < start wraps past midnight */
  SP_VARIANT_DATES,       /* days [start, end) as unix seconds (0 = open) */
} SpVariantCondition;

typedef struct {
  SpVariantCondition condition;
  gboolean  off_peak;     /* TIME_OF_DAY: the cheaper, off-peak window */
  gint64    start;
  gint64    end;
  SpMoney   input;        /* per 1M tokens, or SP_MONEY_UNKNOWN */
  SpMoney   output;
  SpMoney   cached_input;
  SpMoney   cache_write;
} SpPriceVariant;

/* "time-of-day", "dates" */
const char  *sp_variant_condition_to_string   (SpVariantCondition condition);
gboolean     sp_variant_condition_from_string (const char *str, SpVariantCondition *out);
/* "16:30" for minute 990 of the day (a static buffer of 6 bytes in @buf) */
char        *sp_variant_format_minute         (gint64 minute, char buf[6]);
/* "2026-09-01" (UTC day) for unix seconds, NULL for 0 (free it) */
char        *sp_variant_dup_date              (gint64 unix_seconds);

#define SP_TYPE_OFFER (sp_offer_get_type ())
G_DECLARE_FINAL_TYPE (SpOffer, sp_offer, SP, OFFER, GObject)

SpOffer     *sp_offer_new                (void);

const char  *sp_offer_kind_to_string     (SpOfferKind kind);   /* "gpu", "cpu", "tokens" */
gboolean     sp_offer_kind_from_string   (const char *str, SpOfferKind *out);
const char  *sp_billing_to_string        (SpBilling billing);  /* "on-demand", "spot", "reserved", "prepaid", "unknown" */
gboolean     sp_billing_from_string      (const char *str, SpBilling *out);
const char  *sp_tax_basis_to_string      (SpTaxBasis tax);     /* "included", "excluded", "unknown" */
gboolean     sp_tax_basis_from_string    (const char *str, SpTaxBasis *out);
const char  *sp_fapiao_to_string         (SpFapiao f);         /* "unknown", "none", "ordinary", "special" */
gboolean     sp_fapiao_from_string       (const char *str, SpFapiao *out);
/* The unit the normalized price is per: "card-hour", "core-hour", "1M tokens" */
const char  *sp_offer_kind_unit          (SpOfferKind kind);

/* Getters for the UI and the command line (the core's adapters and store use
 * the struct in sp-offer-private.h directly). */
const char  *sp_offer_get_id             (SpOffer *self);
const char  *sp_offer_get_source         (SpOffer *self);
const char  *sp_offer_get_vendor_id      (SpOffer *self);
const char  *sp_offer_get_vendor_name    (SpOffer *self);
const char  *sp_offer_get_vendor_name_zh (SpOffer *self);
SpOfferKind  sp_offer_get_kind           (SpOffer *self);
const char  *sp_offer_get_name           (SpOffer *self);
const char  *sp_offer_get_model          (SpOffer *self);
const char  *sp_offer_get_gpu_model      (SpOffer *self);
guint        sp_offer_get_gpu_count      (SpOffer *self);
guint        sp_offer_get_gpu_memory_gb  (SpOffer *self);
const char  *sp_offer_get_region         (SpOffer *self);
SpBilling    sp_offer_get_billing        (SpOffer *self);
const char  *sp_offer_get_currency       (SpOffer *self);
SpMoney      sp_offer_get_price          (SpOffer *self);
SpMoney      sp_offer_get_input_price    (SpOffer *self);
SpMoney      sp_offer_get_output_price   (SpOffer *self);
gboolean     sp_offer_get_demo           (SpOffer *self);
guint        sp_offer_get_vcpus_milli    (SpOffer *self);   /* vCPUs × 1000, 0 = unknown */
guint        sp_offer_get_ram_mib        (SpOffer *self);   /* 0 = unknown */
gint64       sp_offer_get_context_window (SpOffer *self);   /* tokens, 0 = unknown */
gint64       sp_offer_get_fetched_at     (SpOffer *self);   /* unix seconds, 0 = unknown */
const char  *sp_offer_get_min_commitment (SpOffer *self);   /* free text or NULL */
SpTaxBasis   sp_offer_get_tax            (SpOffer *self);
SpMoney      sp_offer_get_cached_input_price (SpOffer *self);
/* Issue 13: where the price label comes from and whether it is still sold */
const char  *sp_offer_get_price_source_url (SpOffer *self); /* vendor pricing page, or NULL */
const char  *sp_offer_get_verified_at     (SpOffer *self);  /* "YYYY-MM-DD" or NULL */
gboolean     sp_offer_get_retired         (SpOffer *self);  /* off sale */
const char  *sp_offer_get_attribution     (SpOffer *self);  /* data licence credit, or NULL */
SpMoney      sp_offer_get_cache_write_price (SpOffer *self); /* per 1M tokens, or unknown */
/* Conditional prices (element type SpPriceVariant), or NULL */
GArray      *sp_offer_get_variants        (SpOffer *self);
/* The off-peak variant, or NULL */
const SpPriceVariant *sp_offer_get_off_peak (SpOffer *self);
/* Long-context tiers (element type SpTokenTier, sorted), or NULL */
GArray      *sp_offer_get_tiers           (SpOffer *self);
/* Voucher programme ids the offer is tagged with (feed tags.voucher_programmes), or NULL */
const char * const *sp_offer_get_voucher_programmes (SpOffer *self);
/* A share of one card, as the catalog writes it ("0.167"), or NULL for whole cards */
const char  *sp_offer_get_gpu_fraction   (SpOffer *self);
/* The host VM a GPU offer needs (GCP: "a3-highgpu-8g"), or NULL */
const char  *sp_offer_get_host           (SpOffer *self);
/* The host's part of the price, in the price's unit, or SP_MONEY_UNKNOWN */
SpMoney      sp_offer_get_host_price     (SpOffer *self);
/* Reads a share of one card written as a decimal below 1 ("0.5", "0.167",
 * "0.333") as the simplest fraction @num/@den (den <= 64) that rounds to the
 * digits written: "0.167" is 1/6.  FALSE when @text is not such a share. */
gboolean     sp_gpu_fraction_parse       (const char *text, guint *num, guint *den);
/* "1/6" for "0.167"; the decimal itself when it is no simple fraction */
char        *sp_gpu_fraction_dup_label   (const char *text);

/* Equivalence group id: "gpu:<model>:<memory GB>", "tokens:<model>", "cpu:…" */
char        *sp_offer_dup_group          (SpOffer *self);
/* A short human spec line, e.g. "8 × H100 SXM 80 GB · 192 vCPU · 2048 GB RAM";
 * with a host "a3-highgpu-8g + 8 × H100 SXM 80 GB · …", a share "1/6 × A10 · …" */
char        *sp_offer_dup_spec_summary   (SpOffer *self);

G_END_DECLS
