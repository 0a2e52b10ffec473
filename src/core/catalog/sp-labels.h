/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-labels.h — translated labels for the ids that never reach the screen
 *
 * Ids (categories, units, kinds, voucher kinds, billing modes, vendor ids)
 * stay stable in files, CSV headers and JSON; what a person reads goes
 * through these, in the user's language.  Each returns a static, translated
 * string; an id it does not know is returned as it is (free text a user
 * typed, such as a ledger unit "GB-month", is shown as typed). */
#pragma once

#include <glib.h>
#include "sp-offer.h"

G_BEGIN_DECLS

/* Purchase categories of the voucher rules: "domestic-compute",
 * "other-compute", "model-service". */
const char *sp_label_category     (const char *category_id);
/* Quantity units of purchases, prepaid packs and ledger entries:
 * "card-hours", "core-hours", "tokens", "1M-tokens" (plural, as quantities). */
const char *sp_label_unit         (const char *unit_id);
/* The other way, for fields that show labels and store ids: the category
 * or unit id whose label (in the UI language or in English) is @text; NULL
 * when @text is no such label (free text stays as typed). */
const char *sp_label_category_id  (const char *text);
const char *sp_label_unit_id      (const char *text);
/* Voucher kinds: "government", "discount", "prepaid". */
const char *sp_label_voucher_kind (const char *kind_id);
/* Offer kinds: "gpu", "cpu", "tokens". */
const char *sp_label_offer_kind   (SpOfferKind kind);
/* The unit an offer's price is per: "card-hour", "core-hour", "1M tokens". */
const char *sp_label_price_unit   (SpOfferKind kind);
/* Billing modes, e.g. "On demand" for SP_BILLING_ON_DEMAND. */
const char *sp_label_billing      (SpBilling billing);

G_END_DECLS
