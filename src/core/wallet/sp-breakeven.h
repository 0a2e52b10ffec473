/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakeven.h — break-even: which way of buying one GPU class is cheapest
 * at a monthly volume (issue 18 part 2)
 *
 * For one GPU class (gpu_model and/or minimum memory per card), the monthly
 * cost of one card bought each way, as a function of the monthly volume:
 *
 *   on-demand  (cheapest pay-as-you-go offer)   volume × unit price
 *   spot       (cheapest interruptible offer)   volume × unit price
 *   monthly    (cheapest reserved offer whose   unit price × 720 h, whatever
 *               commitment is under a year)     the use (a flat line)
 *   yearly     (commitment of a year or more)   likewise
 *   tokens     (with a throughput: the cheapest token offer of the named
 *               model, 1M tokens split input:output by the Preferences mix)
 *
 * Axis: hours per month per card (0–720), or — with a throughput T tokens
 * per second per card — millions of tokens per month (0 to what one card
 * makes in 720 h: T × 3600 × 720).  On the token axis the GPU ways are
 * self-hosting: V Mtok take V × 10^6 / (T × 3600) card-hours, at full
 * utilisation.
 *
 * A commitment is paid for its whole period: the monthly cost of a reserved
 * offer is its unit price × 720 h per card (one month is 720 hours per card
 * unless its commitment text says otherwise, "1 month (730 h)") and the
 * commitment's total is that × its months (sp_breakeven_parse_commitment_
 * hours()).  A reserved offer with no min_commitment is taken as one
 * month; one whose text cannot be read is left out (it is counted in
 * @n_unreadable).
 *
 * Money: every unit price is the cost of one unit after the wallet's
 * vouchers, in the display currency (sp_offer_propose_unit(): converted
 * once, rounded once to the micro-unit; the list price when no voucher
 * applies).  Vouchers count at the rate they give one unit; their caps and
 * balances are not spread over the volume.  Costs at a volume are exact
 * fractions of those integers, rounded once, half up.
 *
 * Crossovers: where the cheapest way changes, found exactly (128-bit
 * rationals).  @at is the exact crossover volume rounded UP to the next
 * whole unit (card-hour or 1M tokens): from @at on, the new way costs no
 * more than the old one (strictly less past the exact point).  Ties between
 * ways at the same cost keep the one with the lower unit price, then the
 * kind listed first above. */
#pragma once

#include <glib-object.h>

#include "sp-money.h"
#include "sp-offer.h"
#include "sp-price-context.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

#define SP_BREAKEVEN_ERROR (sp_breakeven_error_quark ())

typedef enum {
  SP_BREAKEVEN_ERROR_INVALID,  /* a bad filter or throughput */
  SP_BREAKEVEN_ERROR_NO_OFFERS, /* nothing to compare */
} SpBreakevenError;

GQuark sp_breakeven_error_quark (void);

#define SP_BREAKEVEN_HOURS_PER_MONTH 720

typedef enum {
  SP_BREAKEVEN_ON_DEMAND,
  SP_BREAKEVEN_SPOT,
  SP_BREAKEVEN_MONTHLY,
  SP_BREAKEVEN_YEARLY,
  SP_BREAKEVEN_TOKENS,
  SP_BREAKEVEN_N_KINDS
} SpBreakevenKind;

typedef enum {
  SP_BREAKEVEN_AXIS_HOURS,  /* card-hours per month, per card */
  SP_BREAKEVEN_AXIS_TOKENS, /* millions of tokens per month */
} SpBreakevenAxis;

/* "on-demand", "spot", "monthly", "yearly", "tokens" (stable ids, never shown) */
const char *sp_breakeven_kind_to_string (SpBreakevenKind kind);
/* Translated: "Pay as you go", "Spot", "Monthly plan", "Yearly plan", "Token API" */
const char *sp_breakeven_kind_label     (SpBreakevenKind kind);
/* "card-hour" or "1M tokens" (stable ids, the JSON's unit) */
const char *sp_breakeven_axis_unit      (SpBreakevenAxis axis);

/* Reads a minimum commitment: "1 month", "3 months", "1 year", "2 years",
 * "12-month", "1 mo", "1 yr", "monthly", "yearly", "annual", "1个月",
 * "3个月", "1年", "一年", "半年", "包月", "包年" (case and spaces ignored).
 * FALSE for anything else ("prepaid pack of 500 card-hours", "", NULL) or
 * more than 120 months. */
gboolean    sp_breakeven_parse_commitment (const char *text,
                                           guint      *months);
/* The same, where the text may also say how many hours a month counts:
 * "1 month (730 h)", "1 year, 730 hours per month", "1个月（730小时）"
 * (1 to 744 hours); @hours_per_month is SP_BREAKEVEN_HOURS_PER_MONTH when
 * it does not. */
gboolean    sp_breakeven_parse_commitment_hours (const char *text,
                                                 guint      *months,
                                                 guint      *hours_per_month);

typedef struct {
  const char *gpu_model;          /* as SpWorkload: prefix on a word boundary; NULL = any */
  guint       min_gpu_memory_gb;  /* 0 = any */
  /* tokens per second per card, micro-units (2,000 tok/s = 2000000000);
   * 0 = the hours axis.  At most 10^9 tokens per second. */
  gint64      tokens_per_second;
  const char *model;              /* token model id (needed with a throughput) */
  guint32     date;               /* day the vouchers are valid on (sp_date_today()) */
  /* SpOffer* → SpOfferFlags* (sp_offer_flags_compute()), may be NULL: offers
   * flagged suspicious ("too cheap to be true") are left out */
  GHashTable *flags;
} SpBreakevenQuery;

typedef struct {
  SpBreakevenKind kind;
  SpOffer  *offer;             /* (owned reference) */
  /* per card-hour (GPU kinds) or per 1M tokens (tokens), display currency */
  SpMoney   unit_price;        /* after vouchers */
  SpMoney   list_price;        /* before vouchers */
  /* tokens axis, GPU kinds: the self-hosted price per 1M tokens (after
   * vouchers, rounded once; for display); else SP_MONEY_UNKNOWN */
  SpMoney   unit_price_per_mtok;
  SpMoney   monthly_fixed;     /* commitments: unit_price × hours_per_month, else 0 */
  guint     commitment_months; /* commitments: months, else 0 */
  guint     hours_per_month;   /* commitments: hours a month of it counts (720 unless it says) */
  SpMoney   commitment_total;  /* monthly_fixed × months, else 0 */
  /* option units per axis unit, exact: 1/1, or card-hours per 1M tokens
   * 10^12 / (T × 3600) reduced */
  gint64    per_axis_num;
  gint64    per_axis_den;
} SpBreakevenOption;

typedef struct {
  SpBreakevenKind from;
  SpBreakevenKind to;
  gint64          at;          /* whole axis units, rounded up */
} SpBreakevenCrossover;

typedef struct {
  SpBreakevenAxis axis;
  char      *currency;         /* display currency */
  gint64     axis_max;         /* micro-units of the axis unit: 720 h, or one card's Mtok in 720 h */
  GPtrArray *options;          /* SpBreakevenOption*, one per kind found, in kind order */
  GArray    *crossovers;       /* SpBreakevenCrossover, by volume */
  SpBreakevenKind cheapest_at_zero; /* the cheapest way at volume 0 */
  guint      n_unreadable;     /* reserved offers left out: commitment text not understood */
  guint      n_suspicious;     /* offers left out: flagged suspicious */
} SpBreakeven;

void         sp_breakeven_free (SpBreakeven *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBreakeven, sp_breakeven_free)

/* The break-even of @query over @offers (element type SpOffer; retired
 * offers are skipped) with the vouchers of @wallet (NULL: list prices).
 * NULL with SP_BREAKEVEN_ERROR when no GPU offer matches, the token model
 * has no offer, or the throughput is out of range. */
SpBreakeven *sp_breakeven_run  (GPtrArray              *offers,
                                const SpBreakevenQuery *query,
                                SpPriceContext         *ctx,
                                SpWallet               *wallet,
                                GError                **error);

/* The option of @kind, or NULL */
const SpBreakevenOption *sp_breakeven_get_option (SpBreakeven    *self,
                                                  SpBreakevenKind kind);

/* Monthly cost of @option at @volume (micro-units of the axis unit), in
 * micro-units of the display currency, rounded once half up;
 * SP_MONEY_UNKNOWN on overflow. */
SpMoney      sp_breakeven_cost_at (const SpBreakevenOption *option,
                                   gint64                   volume);

/* "above 412 h/month the monthly plan is cheaper" — translated, one line */
char        *sp_breakeven_describe_crossover (SpBreakeven                *self,
                                              const SpBreakevenCrossover *crossover);

G_END_DECLS
