/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-entry.h — one purchase in the spending ledger
 *
 * Every amount is SpMoney (micro-units of the entry's currency, never a
 * float); the quantity is micro-units of its unit (1.5 card-hours =
 * 1,500,000).  Dates are calendar dates "YYYY-MM-DD" in local time.
 *
 * The amounts of an entry always satisfy
 *
 *     list_amount = paid + subsidy + platform_discount + prepaid
 *
 * where paid is what left the company's account, subsidy the government
 * voucher/subsidy (算力券), platform_discount the vendor's own discount and
 * prepaid the prepaid credit used.  A refund is an entry with refund = TRUE
 * and amounts that are zero or negative; any other entry has amounts that are
 * zero or positive. */
#pragma once

#include <glib.h>
#include "sp-money.h"

G_BEGIN_DECLS

typedef enum {
  SP_LEDGER_KIND_GPU,
  SP_LEDGER_KIND_CPU,
  SP_LEDGER_KIND_TOKENS,
  SP_LEDGER_KIND_OTHER,
} SpLedgerKind;

typedef enum {
  SP_LEDGER_FAPIAO_NONE,      /* "none" */
  SP_LEDGER_FAPIAO_REQUESTED, /* "requested" */
  SP_LEDGER_FAPIAO_ORDINARY,   /* "ordinary": 普票 received */
  SP_LEDGER_FAPIAO_SPECIAL,   /* "special": 专票 received */
} SpLedgerFapiao;

typedef struct {
  gint64          id;                /* 0 until stored */
  char            date[11];          /* YYYY-MM-DD */
  char           *vendor;
  char           *item;
  char           *offer_source;      /* NULL unless bought through the app */
  char           *offer_id;
  SpLedgerKind    kind;
  SpMoney         quantity;          /* micro-units of @unit */
  char           *unit;
  SpMoney         list_amount;
  SpMoney         platform_discount;
  SpMoney         subsidy;
  SpMoney         prepaid;
  SpMoney         paid;
  char            currency[4];       /* ISO 4217, upper case */
  SpMoney         rate_usd_cny;      /* CNY per USD used at booking, micro-units */
  char            rate_date[11];     /* date of that rate, "" when unknown */
  char           *category;          /* project/category; NULL or "" = none */
  SpLedgerFapiao  fapiao;
  char           *fapiao_number;     /* NULL when none */
  char           *note;              /* NULL or "" = none */
  gboolean        refund;
  /* Set by a purchase recorded through the wallet (sp-wallet-store.h):
   * the purchase's id (0: entered by hand or imported) and the government
   * money that is part of @paid but comes back on a claim after settlement
   * (0 when none; see docs/vouchers.md, "The ledger entry"). */
  gint64          purchase_id;
  SpMoney         reimbursed_later;
  /* The entry's stable identity: the same purchase has the same uid in an
   * export and in every ledger it is imported into (NULL until stored, or
   * when a CSV row has none; see docs/ledger-csv.md, "Importing twice"). */
  char           *uid;
  gint64          created_at;        /* unix seconds */
  gint64          updated_at;
} SpLedgerEntry;

/* All amounts SP_MONEY_UNKNOWN ("not given"), strings NULL. */
SpLedgerEntry *sp_ledger_entry_new        (void);
SpLedgerEntry *sp_ledger_entry_copy       (const SpLedgerEntry *entry);
void           sp_ledger_entry_free       (SpLedgerEntry *entry);
/* Sets every field to "not given" (does not free strings: for entries whose
 * strings are borrowed). */
void           sp_ledger_entry_init       (SpLedgerEntry *entry);

/* Fills the parts that were not given and checks the whole entry: unknown
 * subsidy/prepaid become 0; an unknown list_amount is the sum of the parts;
 * an unknown platform_discount with a known list_amount is what is left.
 * Returns FALSE with a plain-words translated @reason on the first problem. */
gboolean       sp_ledger_entry_complete   (SpLedgerEntry *entry,
                                           char         **reason);

const char    *sp_ledger_kind_to_string   (SpLedgerKind kind);
/* The translated label of @kind, for text a person reads ("GPU", "词元"). */
const char    *sp_ledger_kind_label       (SpLedgerKind kind);
gboolean       sp_ledger_kind_from_string (const char *text, SpLedgerKind *out);
const char    *sp_ledger_fapiao_to_string        (SpLedgerFapiao status);
gboolean       sp_ledger_fapiao_from_string      (const char *text, SpLedgerFapiao *out);

/* An entry id (uid) of a CSV file: 1 to 64 ASCII letters, digits, '-' or '_'. */
gboolean       sp_ledger_uid_valid        (const char *text);

/* Strict "YYYY-MM-DD" with a real calendar day (2026-02-30 is refused). */
gboolean       sp_ledger_date_valid       (const char *text);
/* Strict "YYYY-MM" (month 01..12). */
gboolean       sp_ledger_month_valid      (const char *text);
/* Three ASCII letters; copies the upper-cased code into @out (4 bytes). */
gboolean       sp_ledger_currency_parse   (const char *text, char out[4]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpLedgerEntry, sp_ledger_entry_free)

G_END_DECLS
