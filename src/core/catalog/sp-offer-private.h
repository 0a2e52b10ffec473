/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offer-private.h — the SpOffer instance struct, for the core only.
 *
 * Strings that repeat across many offers (source, vendor, currency, region,
 * gpu_model, list_unit) are interned with g_intern_string() and never freed;
 * per-offer strings (id, name, model, min_commitment, list_price, note) are
 * owned and freed in finalize. */
#pragma once

#include "sp-offer.h"

G_BEGIN_DECLS

struct _SpOffer
{
  GObject      parent_instance;

  /* identity */
  char        *id;              /* stable id within its source (owned) */
  const char  *source;          /* source name (interned) */
  const char  *vendor_id;       /* stable vendor id (interned) */
  const char  *vendor_name;     /* display name, en (interned) */
  const char  *vendor_name_zh;  /* display name, zh_CN (interned, may be NULL) */
  SpOfferKind  kind;
  char        *name;            /* product name (owned) */
  char        *model;           /* tokens: model id exactly as the catalog spells it;
                                   gpu/cpu: instance type (owned, may be NULL) */

  /* uniform spec (0 = unknown) */
  const char  *gpu_model;       /* canonical, precise: "H100 SXM" (interned, may be NULL) */
  guint        gpu_count;
  guint        gpu_memory_gb;   /* per card */
  guint        vcpus_milli;     /* vCPUs × 1000 (fractional vCPUs exist) */
  guint        ram_mib;
  const char  *region;          /* (interned, may be NULL) */
  SpBilling    billing;
  char        *min_commitment;  /* free text, e.g. "1 month" (owned, may be NULL) */

  /* price, in the vendor's currency */
  const char  *currency;        /* ISO 4217, e.g. "USD", "CNY" (interned) */
  SpTaxBasis   tax;
  /* gpu: per card-hour, cpu: per core-hour, tokens: per 1M input tokens */
  SpMoney      price;
  /* tokens only: per 1M tokens (SP_MONEY_UNKNOWN when absent) */
  SpMoney      input_price;
  SpMoney      output_price;
  SpMoney      cached_input_price;
  gint64       context_window;  /* tokens, 0 = unknown */
  GArray      *tiers;           /* of SpTokenTier, sorted by above_tokens (may be NULL) */

  /* the price as the vendor states it, exact text, e.g. "98.32" per "instance-hour"
     or "2.5e-06" per "token" */
  char        *list_price;      /* (owned, may be NULL) */
  const char  *list_unit;       /* (interned, may be NULL) */

  /* validity (unix seconds, 0 = open) */
  gint64       valid_from;
  gint64       valid_to;

  /* hidden costs (SP_MONEY_UNKNOWN / 0 when not known) */
  SpMoney      storage_stopped_gb_month; /* storage while stopped, per GB-month */
  SpMoney      egress_gb;                /* egress per GB */
  guint        min_billing_seconds;      /* minimum billing unit */

  /* tags, e.g. voucher programme ids "hangzhou" (NULL-terminated, owned, may be NULL) */
  char       **voucher_programmes;
  SpFapiao     fapiao;
  char        *note;            /* e.g. "variable price (router)" (owned, may be NULL) */

  /* issue 13 (stalls-feeds) */
  char        *price_source_url; /* the vendor's pricing page (owned, may be NULL) */
  char        *verified_at;     /* "YYYY-MM-DD" the price was last checked (owned, may be NULL) */
  gboolean     retired;         /* off sale: stored, hidden unless asked for */
  const char  *attribution;     /* data licence credit (interned, may be NULL) */
  SpMoney      cache_write_price; /* tokens: per 1M tokens written to the prompt cache */
  GArray      *variants;        /* of SpPriceVariant (may be NULL) */

  gboolean     demo;            /* labelled as demo data */
  gint64       fetched_at;      /* unix seconds when imported (0 = unknown) */

  /* issue 13, SkyPilot-format clouds (stalls-clouds) */
  char        *gpu_fraction;    /* a share of one card as the catalog writes it, "0.167"
                                   (owned, NULL for whole cards) */
  const char  *host;            /* GPU offers sold on top of a host VM (GCP): its machine
                                   type, "a3-highgpu-8g" (interned, may be NULL) */
  SpMoney      host_price;      /* the host's part of @price, same unit
                                   (SP_MONEY_UNKNOWN when no host) */
};

/* Canonical precise GPU model name: "h100-sxm5" -> "H100 SXM", "A100-80GB" ->
 * "A100 80GB"; unknown names are trimmed and kept.  Returns an interned string,
 * or NULL for NULL/empty input. */
const char *sp_gpu_model_canonical (const char *raw);
/* TRUE when the name does not say which variant it is (e.g. "H100" alone). */
gboolean    sp_gpu_model_is_ambiguous (const char *canonical);

G_END_DECLS
