/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice.h — what the ledger's real usage would cost at today's best
 * offers (issue 18, section 1)
 *
 * For a period of months, every live ledger entry whose purchase maps to an
 * equivalence group (sp_offer_dup_group()) is priced at the cheapest current
 * offer of that group that can serve it, after the vouchers of the wallet:
 *
 *  - the group comes from the entry's linked offer (offer_source/offer_id)
 *    when the catalog still has it, else from the group the user assigned to
 *    the entry's vendor + item (sp_reprice_set_group(), a table of the
 *    ledger's database, ledger schema 3);
 *  - an offer can serve the entry when it is of the same kind (GPU, CPU,
 *    tokens), still on sale, not a prepaid pack nor a share of a card, and
 *    the entry's unit converts to the offer's (card-hours, core-hours,
 *    tokens or millions of tokens);
 *  - pay-as-you-go, spot and offers without a billing mode price the usage
 *    itself (tokens split input:output by the context's mix); a commitment
 *    (reserved) is priced at its whole committed period: whole blocks of
 *    months × 720 hours × the instance's cards (or vCPUs), one month when
 *    its min_commitment text says nothing we understand;
 *  - vouchers apply through the voucher engine (sp_wallet_propose_for(),
 *    SP_PROPOSE_LEAST_COST) with its own rules, caps and balances, and are
 *    drawn down across the period in date order (sp_wallet_commit() on the
 *    caller's in-memory wallet: nothing is redeemed in the store);
 *  - money is integer micro-units; an offer's list amount is converted once
 *    to the paid currency by the engine, and an entry's amount once, at its
 *    own recorded rate, to the result's currency.
 *
 * "paid" for an entry is what it cost the company: paid + prepaid −
 * reimbursed_later.  Entries that cannot be repriced (no group, no offer
 * that can serve them, a refund, a unit or currency that does not convert)
 * are listed with the reason, never dropped. */
#pragma once

#include <gio/gio.h>

#include "sp-ledger.h"
#include "sp-price-context.h"
#include "sp-store.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

#define SP_REPRICE_ERROR (sp_reprice_error_quark ())
GQuark sp_reprice_error_quark (void);

typedef enum {
  SP_REPRICE_ERROR_INVALID,   /* a bad month, currency or group id */
  SP_REPRICE_ERROR_SQL,       /* reading or writing the group table */
} SpRepriceError;

/* Hours of one committed month per card or core. */
#define SP_REPRICE_HOURS_PER_MONTH 720

typedef struct {
  gint64   entry_id;
  char     date[11];
  char    *vendor;            /* the entry's */
  char    *item;
  char    *group;             /* equivalence group id */
  SpMoney  paid;              /* in the result's currency */
  char    *offer_source;      /* the alternative */
  char    *offer_id;
  char    *offer_vendor;      /* vendor id of the alternative */
  char    *offer_vendor_name; /* its names (the Chinese one may be NULL) */
  char    *offer_vendor_name_zh;
  char    *offer_name;        /* the alternative offer's name */
  SpMoney  list;              /* the alternative before vouchers */
  SpMoney  cost;              /* the alternative after vouchers */
  SpMoney  vouchers;          /* list − cost: what the vouchers would give */
  char   **voucher_codes;     /* the vouchers used (NULL-terminated, may be empty) */
} SpRepriceEntry;

/* Why an entry was not repriced */
typedef enum {
  SP_REPRICE_MISS_REFUND,     /* a refund */
  SP_REPRICE_MISS_CURRENCY,   /* its currency does not convert */
  SP_REPRICE_MISS_UNIT,       /* kind other, or a unit that does not convert */
  SP_REPRICE_MISS_NO_GROUP,   /* no linked offer in the catalog, no group assigned */
  SP_REPRICE_MISS_NO_OFFER,   /* no current offer of its group can serve it */
} SpRepriceMiss;

typedef struct {
  gint64  entry_id;
  char    date[11];
  char   *vendor;
  char   *item;
  SpLedgerKind  kind;
  SpRepriceMiss miss;
  SpMoney paid;               /* in the result's currency, SP_MONEY_UNKNOWN when it does not convert */
  char   *reason;             /* translated, plain words */
} SpRepriceUnmapped;

typedef struct {
  char    *group;
  guint    n_entries;
  SpMoney  paid;
  SpMoney  alternative;
  SpMoney  vouchers;
} SpRepriceGroup;

typedef struct {
  char        from_month[8];  /* YYYY-MM */
  char        to_month[8];
  char        currency[4];
  GPtrArray  *entries;        /* SpRepriceEntry, in date order */
  GPtrArray  *unmapped;       /* SpRepriceUnmapped, in date order */
  GPtrArray  *groups;         /* SpRepriceGroup, by group id */
  GStrv       known_groups;   /* every group the current catalog can price, sorted
                               * (what a vendor + item can be assigned to) */
  SpMoney     paid;           /* of the repriced entries */
  SpMoney     alternative;
  SpMoney     saving;         /* paid − alternative (negative: the alternative costs more) */
  SpMoney     saving_from_vouchers;  /* Σ vouchers: the part vouchers left unused explain */
} SpRepriceResult;

void             sp_reprice_result_free      (SpRepriceResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpRepriceResult, sp_reprice_result_free)

/* The last three full months before @today: "YYYY-MM" into @from and @to. */
void             sp_reprice_default_period   (const GDate *today,
                                              char         from[8],
                                              char         to[8]);

/* Months of a commitment text: "1 month", "3 months", "1 year", "1个月",
 * "3个月", "1年", "monthly", "包月", "包年"…; 0 when it says nothing we
 * understand. */
guint            sp_reprice_commitment_months (const char *text);

/* A group id as a person reads it: "H100 SXM · 80 GB", the model of a token
 * group, "CPU · <vendor>".  Newly allocated. */
char            *sp_reprice_group_label      (const char *group);

/* Whether @group looks like a group id ("kind:…", at most 200 bytes of
 * UTF-8); NULL and "" (no group) are valid. */
gboolean         sp_reprice_group_valid      (const char *group);

/* The user's group for @vendor + @item (NULL when none).  The table lives
 * in the ledger's database. */
char            *sp_reprice_get_group        (SpLedger    *ledger,
                                              const char  *vendor,
                                              const char  *item,
                                              GError     **error);
/* Assigns @group to every entry of @vendor + @item (NULL or "" removes it). */
gboolean         sp_reprice_set_group        (SpLedger    *ledger,
                                              const char  *vendor,
                                              const char  *item,
                                              const char  *group,
                                              GError     **error);
/* Every assignment: key "vendor\nitem", value the group id. */
GHashTable      *sp_reprice_load_groups      (SpLedger    *ledger,
                                              GError     **error);

/* The pure computation: @entries (SpLedgerEntry, in date order), @offers
 * (SpOffer, the current catalog), @assigned (from sp_reprice_load_groups(),
 * may be NULL), @wallet (drawn down: pass a private copy), figures in the
 * display currency of @ctx.  Checks @cancellable between entries. */
SpRepriceResult *sp_reprice_compute          (GPtrArray       *entries,
                                              GPtrArray       *offers,
                                              GHashTable      *assigned,
                                              SpWallet        *wallet,
                                              SpPriceContext  *ctx,
                                              GCancellable    *cancellable,
                                              GError         **error);

/* The current catalog as sp_reprice_compute_offers() reads it, one row at
 * a time, so that no object need exist per offer: an array of SpOffer
 * (sp_reprice_compute()) or the engine's table (sp-offer-table-reprice.h),
 * rows 0 … n_offers-1 in the store's order. */
typedef struct {
  guint    n_offers;
  /* Whether @row can serve an entry: not retired, not a prepaid pack nor
   * a share of a card */
  gboolean (*serves) (gpointer data, guint row);
  /* @row's id (borrowed, lives as long as @data) */
  const char *(*id) (gpointer data, guint row);
  /* @row's offer, borrowed until the next call, with at least its kind,
   * billing, vendor, currency, prices and voucher programmes */
  SpOffer *(*peek)  (gpointer data, guint row);
  /* sp_reprice_commitment_block () of @row */
  SpMoney  (*block) (gpointer data, guint row);
  /* @row's whole offer (transfer full), for the candidates priced exactly */
  SpOffer *(*read)  (gpointer data, guint row);
  /* sp_offer_dup_group() of @row (transfer full, NULL when none) */
  char    *(*group) (gpointer data, guint row);
  /* The row of the offer @id of @source, or FALSE */
  gboolean (*find)  (gpointer data, const char *source, const char *id, guint *row);
  gpointer data;
} SpRepriceOffers;

/* sp_reprice_compute() on @offers */
SpRepriceResult *sp_reprice_compute_offers   (GPtrArray              *entries,
                                              const SpRepriceOffers  *offers,
                                              GHashTable             *assigned,
                                              SpWallet               *wallet,
                                              SpPriceContext         *ctx,
                                              GCancellable           *cancellable,
                                              GError                **error);

/* What sp_reprice_run() reads besides the offers, from the database at
 * its path: the period (the months given, or sp_reprice_default_period()
 * of today; checked), the store, the ledger's entries in the period, the
 * group table and the wallet as stored. */
typedef struct {
  char        from[8];
  char        to[8];
  SpStore    *store;
  GPtrArray  *entries;
  GHashTable *assigned;
  SpWallet   *wallet;
} SpRepriceInputs;

gboolean         sp_reprice_inputs_read      (SpRepriceInputs *inputs,
                                              const char      *db_path,
                                              const char      *from_month,
                                              const char      *to_month,
                                              GError         **error);
void             sp_reprice_inputs_clear     (SpRepriceInputs *inputs);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpRepriceInputs, sp_reprice_inputs_clear)
/* A reprice's computation over @inputs (sp_reprice_run_with()) */
typedef SpRepriceResult *(*SpRepriceComputeFunc) (const SpRepriceInputs *inputs,
                                                  const char            *db_path,
                                                  SpPriceContext        *ctx,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
/* Reads the inputs of @from_month..@to_month from the database at @db_path,
 * runs @compute over them and gives the result their period */
SpRepriceResult *sp_reprice_run_with         (const char            *db_path,
                                              const char            *from_month,
                                              const char            *to_month,
                                              SpPriceContext        *ctx,
                                              SpRepriceComputeFunc   compute,
                                              GCancellable          *cancellable,
                                              GError               **error);
/* The offers of @store that are a share of a card (gpu_fraction set): a
 * set of "source\nid" keys (sp_reprice_offer_key()); in *@commitments
 * (may be NULL) the minimum commitment text of every offer that has one,
 * by the same keys.  One pass over the offers, no SpOffer. */
GHashTable      *sp_reprice_load_shared_offers (SpStore      *store,
                                                GHashTable  **commitments,
                                                GError      **error);
/* Micro-units of its unit an offer bills per block: a commitment (reserved
 * GPU or CPU offer) is whole blocks of months × 720 hours × its cards (or
 * whole vCPUs), one month when @min_commitment says nothing we understand;
 * 0 for usage */
SpMoney          sp_reprice_commitment_block (SpOfferKind  kind,
                                              SpBilling    billing,
                                              const char  *min_commitment,
                                              guint        gpu_count,
                                              guint        vcpus_milli);
/* "source\nid" */
char            *sp_reprice_offer_key        (const char *source,
                                              const char *id);

/* Opens the database at @db_path (sp_store_default_path()), reads the
 * entries of @from_month..@to_month (NULL: sp_reprice_default_period() of
 * today), the catalog, the wallet as stored and the group table, and
 * computes.  @ctx is read, never changed. */
SpRepriceResult *sp_reprice_run              (const char      *db_path,
                                              const char      *from_month,
                                              const char      *to_month,
                                              SpPriceContext  *ctx,
                                              GCancellable    *cancellable,
                                              GError         **error);

G_END_DECLS
