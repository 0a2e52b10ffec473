/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher.h — one voucher in the wallet
 *
 * Three kinds (docs/vouchers.md):
 *  - government: a grant under a programme (sp-programme.h) with a face value
 *    and a remaining balance;
 *  - discount: a platform discount, a percentage or a fixed amount off the
 *    list amount, with a minimum spend, optionally single-use and optionally
 *    only for some vendors;
 *  - prepaid: a prepaid credit, resource pack (资源包) or bonus balance (赠送额度)
 *    with one vendor — money, or a quantity of tokens / card-hours /
 *    core-hours — drawn before pay-as-you-go.
 * Every voucher may have a validity window of whole local days.  The rules
 * that apply them live in sp-wallet.h. */
#pragma once

#include <glib-object.h>
#include "sp-money.h"
#include "sp-purchase.h"

G_BEGIN_DECLS

#define SP_VOUCHER_ERROR (sp_voucher_error_quark ())

typedef enum {
  SP_VOUCHER_ERROR_SYNTAX,   /* not valid JSON */
  SP_VOUCHER_ERROR_SHAPE,    /* valid JSON, wrong structure or value */
  SP_VOUCHER_ERROR_VERSION,  /* a newer major format version */
  SP_VOUCHER_ERROR_INVALID,  /* a purchase the rules cannot price */
  SP_VOUCHER_ERROR_STALE,    /* a breakdown no longer matches the wallet */
} SpVoucherError;

GQuark sp_voucher_error_quark (void);

typedef enum {
  SP_VOUCHER_GOVERNMENT,
  SP_VOUCHER_DISCOUNT,
  SP_VOUCHER_PREPAID,
} SpVoucherKind;

/* "government", "discount", "prepaid" */
const char *sp_voucher_kind_to_string   (SpVoucherKind kind);
gboolean    sp_voucher_kind_from_string (const char *str, SpVoucherKind *out);

#define SP_TYPE_VOUCHER (sp_voucher_get_type ())
G_DECLARE_FINAL_TYPE (SpVoucher, sp_voucher, SP, VOUCHER, GObject)

/* Parses a wallet file {"suanpan_vouchers": "1.0", "vouchers": […]}
 * (element type SpVoucher), or NULL with an SP_VOUCHER_ERROR. */
GPtrArray     *sp_voucher_list_from_data  (const char *data, gsize len, GError **error);

/* Constructors for code (all amounts in micro-units of @currency). */
SpVoucher     *sp_voucher_new_government  (const char *code, const char *programme_id,
                                           SpMoney face_value, SpMoney balance);
/* @percent_bp: basis points off (1000 = 10%) */
SpVoucher     *sp_voucher_new_discount_percent (const char *code, gint percent_bp);
SpVoucher     *sp_voucher_new_discount_amount  (const char *code, SpMoney amount,
                                                const char *currency);
/* A money balance with @vendor_id (@unit NULL), or a quantity in micro-units
 * of @unit ("tokens", "card-hours", "core-hours"). */
SpVoucher     *sp_voucher_new_prepaid     (const char *code, const char *vendor_id,
                                           const char *unit, SpMoney balance);

SpVoucher     *sp_voucher_copy            (SpVoucher *self);

SpVoucherKind  sp_voucher_get_kind        (SpVoucher *self);
const char    *sp_voucher_get_code        (SpVoucher *self);
/* A label the user gave it, or NULL */
const char    *sp_voucher_get_label       (SpVoucher *self);
void           sp_voucher_set_label       (SpVoucher *self, const char *label);
/* Government only */
const char    *sp_voucher_get_programme   (SpVoucher *self);
SpMoney        sp_voucher_get_face_value  (SpVoucher *self);
/* Government and prepaid: what is left (money, or the quantity of the
 * prepaid's unit); never negative. */
SpMoney        sp_voucher_get_balance     (SpVoucher *self);
void           sp_voucher_set_balance     (SpVoucher *self, SpMoney balance);
/* Currency of amounts (fixed discount, money prepaid, government: "CNY").
 * NULL for a percentage discount and quantity packs. */
const char    *sp_voucher_get_currency    (SpVoucher *self);
void           sp_voucher_set_currency    (SpVoucher *self, const char *currency);
/* Discount only: basis points off (SP_RATE_NONE → fixed amount) or the
 * fixed amount (SP_MONEY_UNKNOWN → percentage). */
gint           sp_voucher_get_percent     (SpVoucher *self);
SpMoney        sp_voucher_get_amount      (SpVoucher *self);
/* Discount only: the list amount must reach this (SP_MONEY_UNKNOWN: none). */
SpMoney        sp_voucher_get_min_spend   (SpVoucher *self);
void           sp_voucher_set_min_spend   (SpVoucher *self, SpMoney min_spend);
gboolean       sp_voucher_get_single_use  (SpVoucher *self);
void           sp_voucher_set_single_use  (SpVoucher *self, gboolean single_use);
gboolean       sp_voucher_get_used        (SpVoucher *self);
void           sp_voucher_set_used        (SpVoucher *self, gboolean used);
/* Discount: the vendors it is for (NULL: any); prepaid: its one vendor. */
const char * const *sp_voucher_get_vendors (SpVoucher *self);
void           sp_voucher_set_vendors     (SpVoucher *self, const char * const *vendor_ids);
gboolean       sp_voucher_accepts_vendor  (SpVoucher *self, const char *vendor_id);
/* Prepaid only: NULL for money, else "tokens", "card-hours", "core-hours" */
const char    *sp_voucher_get_unit        (SpVoucher *self);
/* Inclusive local dates as Julian days; 0 = open. */
guint32        sp_voucher_get_valid_from  (SpVoucher *self);
guint32        sp_voucher_get_valid_to    (SpVoucher *self);
void           sp_voucher_set_validity    (SpVoucher *self, guint32 valid_from, guint32 valid_to);
gboolean       sp_voucher_set_validity_iso (SpVoucher *self, const char *valid_from,
                                            const char *valid_to);

/* A percentage in basis points as text without the sign: "30", "12.5",
 * "12.34" (sp_voucher_format_percent() adds the "%"). */
char           *sp_voucher_format_percent_number (gint basis_points);

G_END_DECLS
