/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-purchase.h — one planned purchase, as the voucher rules see it
 *
 * The input of the voucher engine (sp-wallet.h): who sells, what kind of
 * item, in which subsidy category, for how much (list amount and currency,
 * the currency paid in and the exchange rate used), on which local date and
 * for which contract period (for pro-rating), and the buyer's flags.
 * Dates are local calendar dates, kept as GDate Julian day numbers. */
#pragma once

#include <glib-object.h>
#include "sp-money.h"

G_BEGIN_DECLS

/* What is bought.  Programmes name the kinds they pay for. */
typedef enum {
  SP_ITEM_GPU,     /* accelerator card-hours (卡时) */
  SP_ITEM_NPU,
  SP_ITEM_TPU,
  SP_ITEM_CPU,     /* core-hours (核时) */
  SP_ITEM_TOKENS,  /* model service by tokens (词元) */
  SP_ITEM_STORAGE,
  SP_ITEM_NETWORK,
} SpItemKind;
#define SP_ITEM_N_KINDS 7

/* The subsidy category: programmes pay different rates per category. */
typedef enum {
  SP_CATEGORY_DOMESTIC_COMPUTE, /* compute on domestic chips / centres */
  SP_CATEGORY_OTHER_COMPUTE,
  SP_CATEGORY_MODEL_SERVICE,    /* model services on filed (备案) models */
} SpCategory;
#define SP_CATEGORY_N 3

/* "gpu", "npu", "tpu", "cpu", "tokens", "storage", "network" */
const char *sp_item_kind_to_string    (SpItemKind kind);
gboolean    sp_item_kind_from_string  (const char *str, SpItemKind *out);
/* The unit a quantity of @kind is counted in: "card-hours" (gpu, npu, tpu),
 * "core-hours" (cpu), "tokens"; NULL for storage and network. */
const char *sp_item_kind_unit         (SpItemKind kind);
/* "domestic-compute", "other-compute", "model-service" */
const char *sp_category_to_string     (SpCategory category);
gboolean    sp_category_from_string   (const char *str, SpCategory *out);
/* Translated, for sentences: "domestic compute", "model services", … */
const char *sp_category_label         (SpCategory category);

/* "YYYY-MM-DD" → Julian day number (GDate); FALSE when it is not a real date. */
gboolean    sp_date_parse_iso         (const char *text, guint32 *julian);
/* Today's local date as a Julian day number */
guint32     sp_date_today             (void);
/* Julian day number → "YYYY-MM-DD" (newly allocated) */
char       *sp_date_to_iso            (guint32 julian);

#define SP_TYPE_PURCHASE (sp_purchase_get_type ())
G_DECLARE_FINAL_TYPE (SpPurchase, sp_purchase, SP, PURCHASE, GObject)

/* Defaults: kind gpu, category other-compute, list amount unknown, no date,
 * not a start-up, vendor not affiliated with the buyer. */
SpPurchase   *sp_purchase_new                    (void);

void          sp_purchase_set_vendor             (SpPurchase *self, const char *vendor_id);
const char   *sp_purchase_get_vendor             (SpPurchase *self);
/* The programme ids the offer is tagged with (feed tags.voucher_programmes):
 * the vendor declares it is accredited for them.  NULL for none. */
void          sp_purchase_set_programme_tags     (SpPurchase *self, const char * const *ids);
const char * const *sp_purchase_get_programme_tags (SpPurchase *self);
gboolean      sp_purchase_has_programme_tag      (SpPurchase *self, const char *programme_id);
/* TRUE when the vendor is affiliated with the buyer (关联方) */
void          sp_purchase_set_vendor_affiliated  (SpPurchase *self, gboolean affiliated);
gboolean      sp_purchase_get_vendor_affiliated  (SpPurchase *self);

void          sp_purchase_set_item_kind          (SpPurchase *self, SpItemKind kind);
SpItemKind    sp_purchase_get_item_kind          (SpPurchase *self);
void          sp_purchase_set_category           (SpPurchase *self, SpCategory category);
SpCategory    sp_purchase_get_category           (SpPurchase *self);

/* The vendor's list amount (before any discount), ≥ 0, in @currency
 * ("CNY", "USD", …).  Also sets the paid currency to @currency with rate 1. */
void          sp_purchase_set_list_amount        (SpPurchase *self, SpMoney amount, const char *currency);
SpMoney       sp_purchase_get_list_amount        (SpPurchase *self);
const char   *sp_purchase_get_list_currency      (SpPurchase *self);
/* The list amount as an exact sum of parts: Σ prices[i] × quantities[i] ÷
 * @den micro-units of @currency (unit prices and quantities in micro-units;
 * @den is SP_MONEY_SCALE for plain quantities).  Nothing is rounded here:
 * the wallet converts this exact value to the paid currency and rounds it
 * once, half up, to the quantum (the fen).  sp_purchase_get_list_amount()
 * then returns it rounded half up to the fen (cent) of @currency, for
 * showing.  Sets the payment as sp_purchase_set_list_amount() does.  FALSE
 * (and nothing changes) when a part is unknown or negative or the amount is
 * beyond SP_MONEY_MAX. */
gboolean      sp_purchase_set_list_parts         (SpPurchase *self, guint n, const SpMoney *prices,
                                                  const SpMoney *quantities, gint64 den,
                                                  const char *currency);
/* sp_purchase_set_list_parts() in the list currency already set, keeping
 * the payment (currency and rate) as it is: for pricing many offers of one
 * currency in turn without allocating.  FALSE (and nothing changes) as
 * there, or when no list currency is set. */
gboolean      sp_purchase_replace_list_parts     (SpPurchase *self, guint n, const SpMoney *prices,
                                                  const SpMoney *quantities, gint64 den);
/* The list amount in the paid currency, converted at the purchase's rate
 * and rounded once, half up, to a multiple of @quantum — from the exact
 * parts when the list was given by sp_purchase_set_list_parts().  An amount
 * given by sp_purchase_set_list_amount() in the paid currency is returned
 * as given.  FALSE on overflow or when there is no usable rate. */
gboolean      sp_purchase_get_list_paid          (SpPurchase *self, SpMoney quantum, SpMoney *out);
/* What amounts are rounded to: the fen (10000 micro-units, the default), or
 * a divisor of it — 1 prices one unit of an offer exactly to the micro-unit
 * (a unit price after vouchers keeps six decimals). */
void          sp_purchase_set_quantum            (SpPurchase *self, SpMoney quantum);
SpMoney       sp_purchase_get_quantum            (SpPurchase *self);
/* Paying a foreign-currency offer: @rate is how many micro-units of
 * @currency one unit of the list currency costs (7.2 CNY per USD →
 * 7200000).  The list amount is converted once, from its exact value,
 * rounded half up to the fen (cent), before any voucher applies. */
void          sp_purchase_set_payment            (SpPurchase *self, const char *currency, SpMoney rate);
/* Paying in @currency where one unit of it costs @inverse micro-units of
 * the list currency (a CNY offer paid in USD at 7.2 CNY per USD →
 * 7200000): the list amount is divided by the rate exactly, not multiplied
 * by a rounded 0.138889.  The recorded exchange rate is 1/@inverse rounded
 * half up to the micro-unit. */
void          sp_purchase_set_payment_inverse    (SpPurchase *self, const char *currency,
                                                  SpMoney inverse);
const char   *sp_purchase_get_pay_currency       (SpPurchase *self);
SpMoney       sp_purchase_get_exchange_rate      (SpPurchase *self);

/* The local date of the purchase (vouchers are valid for whole local days). */
void          sp_purchase_set_date               (SpPurchase *self, guint32 julian);
gboolean      sp_purchase_set_date_iso           (SpPurchase *self, const char *ymd);
/* The date of @time in @time's own time zone: pass a local time
 * (g_date_time_new_now_local ()). */
void          sp_purchase_set_time               (SpPurchase *self, GDateTime *time);
guint32       sp_purchase_get_date               (SpPurchase *self);  /* 0: not set */

/* The period the contract covers, inclusive; 0/0 when it is just the
 * purchase date.  Used by programmes that pro-rate by days. */
void          sp_purchase_set_contract_period    (SpPurchase *self, guint32 start, guint32 end);
gboolean      sp_purchase_set_contract_period_iso (SpPurchase *self, const char *start, const char *end);
void          sp_purchase_get_contract_period    (SpPurchase *self, guint32 *start, guint32 *end);

/* How much is bought, in micro-units of sp_item_kind_unit() (2 card-hours
 * → 2000000; 5M tokens → 5000000000000); SP_MONEY_UNKNOWN when not known.
 * Needed only to draw quantity resource packs. */
void          sp_purchase_set_quantity           (SpPurchase *self, SpMoney quantity);
SpMoney       sp_purchase_get_quantity           (SpPurchase *self);

/* The buyer is a start-up (some programmes pay a higher rate). */
void          sp_purchase_set_startup            (SpPurchase *self, gboolean startup);
gboolean      sp_purchase_get_startup            (SpPurchase *self);

G_END_DECLS
