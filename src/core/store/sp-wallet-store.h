/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-store.h — vouchers, programmes, purchases and claims in the store
 *
 * Schema v3 of the SQLite store (sp-store.h) keeps the user's wallet:
 * imported programme definitions (the shipped ones are always available;
 * an imported definition overrides a shipped one with the same id), the
 * vouchers with their balances, recorded purchases with the vouchers each
 * drew, claims for programmes that reimburse after settlement, and an audit
 * trail of every change to a voucher.
 *
 * Recording a purchase is one SQLite transaction (BEGIN IMMEDIATE): the
 * wallet is rebuilt from the rows inside the transaction, the voucher
 * engine (sp-wallet.h) prices the purchase, and every balance is drawn
 * with a guarded UPDATE, so a balance never goes below zero and a
 * single-use voucher is never used twice, even when two processes redeem
 * at once.  Year-to-date subsidy is derived from the purchases that are
 * not voided, so voiding a purchase gives it back.
 *
 * Dates are local calendar days as GDate Julian day numbers (sp-purchase.h);
 * times are unix seconds; money is SpMoney micro-units. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-breakdown.h"
#include "sp-programme.h"
#include "sp-purchase.h"
#include "sp-store.h"
#include "sp-voucher.h"
#include "sp-wallet.h"

G_BEGIN_DECLS

#define SP_WALLET_STORE_ERROR (sp_wallet_store_error_quark ())

typedef enum {
  SP_WALLET_STORE_ERROR_EXISTS,     /* a voucher with this code is already in the wallet */
  SP_WALLET_STORE_ERROR_NOT_FOUND,  /* no such voucher, programme, purchase or claim */
  SP_WALLET_STORE_ERROR_REFUSED,    /* a voucher the user named cannot be used (message says why) */
  SP_WALLET_STORE_ERROR_CONFLICT,   /* a balance or single-use voucher changed under us */
  SP_WALLET_STORE_ERROR_VOIDED,     /* the purchase is already voided */
  SP_WALLET_STORE_ERROR_IN_USE,     /* the voucher is drawn by a purchase that is not voided */
  SP_WALLET_STORE_ERROR_INVALID,    /* a request that makes no sense (message says why) */
} SpWalletStoreError;

GQuark sp_wallet_store_error_quark (void);

/* Vouchers expiring within this many days are reminded of. */
#define SP_WALLET_REMINDER_DAYS 30

/* ------------------------------------------------------------ programmes */

/* The programmes in effect (element type SpProgramme), sorted by id: the
 * shipped ones, each replaced by an imported definition with the same id,
 * plus the other imported ones, plus those of programme sources
 * (sp_programme_get_origin()) whose ids are not taken. */
GPtrArray   *sp_store_list_programmes        (SpStore *self, GError **error);
/* NULL with SP_WALLET_STORE_ERROR_NOT_FOUND when there is no such programme */
SpProgramme *sp_store_get_programme          (SpStore *self, const char *id, GError **error);
/* Imports a programme file (docs/vouchers.md section 2) in one transaction:
 * each programme is stored (replacing an earlier import with the same id).
 * @n_imported (optional) receives how many.  Nothing changes on error. */
gboolean     sp_store_import_programmes      (SpStore *self, const char *data, gsize len,
                                              gint64 now, guint *n_imported, GError **error);
/* Keeps @data, a programme file fetched from the source @source and read
 * into @programmes by sp_programme_list_from_feed(), as that source's
 * programmes (replacing the ones it gave before), fetched at @now (0: now).
 * SP_WALLET_STORE_ERROR_EXISTS, and nothing changes, when one of its ids is
 * already given by a shipped or imported programme or another source. */
gboolean     sp_store_save_programme_feed    (SpStore *self, const char *source,
                                              const char *data, gsize len,
                                              GPtrArray *programmes, gint64 now,
                                              GError **error);
/* TRUE when the imported definition @id is removed (the shipped one, if any,
 * applies again). */
gboolean     sp_store_remove_programme       (SpStore *self, const char *id, GError **error);

/* -------------------------------------------------------------- vouchers */

/* Adds @voucher (its balance and used flag as they are).  SP_WALLET_STORE_ERROR_EXISTS
 * when the code is taken.  A government voucher must name a known programme
 * (SP_WALLET_STORE_ERROR_NOT_FOUND otherwise).  Audited as "add". */
gboolean     sp_store_add_voucher            (SpStore *self, SpVoucher *voucher, gint64 now,
                                              GError **error);
/* Imports a wallet file (docs/vouchers.md section 3) in one transaction:
 * all vouchers or none (a taken code is an error naming it).
 * @n_added (optional) receives how many.  Audited as "import". */
gboolean     sp_store_import_vouchers        (SpStore *self, const char *data, gsize len,
                                              gint64 now, guint *n_added, GError **error);
/* Every voucher (element type SpVoucher, new objects), in the order added. */
GPtrArray   *sp_store_list_vouchers          (SpStore *self, GError **error);
/* NULL with SP_WALLET_STORE_ERROR_NOT_FOUND when there is no such code */
SpVoucher   *sp_store_get_voucher            (SpStore *self, const char *code, GError **error);
/* Removes a voucher.  SP_WALLET_STORE_ERROR_IN_USE when a purchase that is
 * not voided drew it (void the purchase first).  Audited as "remove". */
gboolean     sp_store_remove_voucher         (SpStore *self, const char *code, gint64 now,
                                              GError **error);
/* Vouchers whose last valid day is between @today and @today + @days
 * inclusive and that still have something to give (a balance > 0, or an
 * unused discount), soonest first (element type SpVoucher).  @today: a
 * Julian day (0: today, local). */
GPtrArray   *sp_store_list_expiring_vouchers (SpStore *self, guint32 today, guint days,
                                              GError **error);

/* Government money of @programme_id on purchases that are not voided, dated
 * in the calendar year of @date (Julian day; 0: today). */
SpMoney      sp_store_get_year_to_date       (SpStore *self, const char *programme_id,
                                              guint32 date, GError **error);
/* The programme's yearly cap less sp_store_get_year_to_date() (never below
 * 0), or SP_MONEY_UNKNOWN when the programme has no yearly cap or is not
 * known (not an error). */
SpMoney      sp_store_get_remaining_year_cap (SpStore *self, const char *programme_id,
                                              guint32 date, GError **error);
/* The same for @programme already read (no programme is read again) */
SpMoney      sp_store_get_programme_cap_left (SpStore *self, SpProgramme *programme,
                                              guint32 date, GError **error);

/* A wallet as it is now: programmes, vouchers and year-to-date subsidy for
 * the year of @date (Julian day; 0: today).  For previews (proposals); to
 * record, use sp_store_record_purchase(), which re-reads everything inside
 * its transaction. */
SpWallet    *sp_store_load_wallet            (SpStore *self, guint32 date, GError **error);

/* -------------------------------------------------------------- history */

typedef struct {
  gint64   id;
  gint64   time;          /* unix seconds */
  char    *code;
  char    *action;        /* "add", "import", "draw", "use", "restore", "unuse", "remove" */
  SpMoney  delta;         /* balance change (negative when drawn); 0 for use/unuse/add */
  SpMoney  balance_after; /* SP_MONEY_UNKNOWN for discounts */
  gint64   purchase_id;   /* 0 when not about a purchase */
} SpVoucherEvent;

void         sp_voucher_event_clear          (SpVoucherEvent *event);

/* The audit trail, oldest first (element type SpVoucherEvent), of one
 * voucher or (@code NULL) of all. */
GArray      *sp_store_voucher_history        (SpStore *self, const char *code, GError **error);

/* ------------------------------------------------------------ purchases */

/* What sp_store_record_purchase() needs besides the SpPurchase.  Zero-fill
 * it; every member is optional. */
typedef struct {
  const char         *offer_source;  /* the offer bought, for the history */
  const char         *offer_id;
  const char         *description;   /* e.g. the offer's name */
  const char         *rate_date;     /* "YYYY-MM-DD" of the exchange rate used */
  /* Which vouchers: NULL → Suanpan proposes the best combination
   * (sp_wallet_propose); an empty vector → none (the company pays the list
   * amount); else exactly these codes, and any of them that cannot be used
   * refuses the whole purchase with SP_WALLET_STORE_ERROR_REFUSED. */
  const char * const *codes;
  gint64              now;           /* unix seconds; 0: now */
  /* For the spending ledger entry (docs/vouchers.md, "The ledger entry"):
   * the CNY-per-USD rate to record (micro-units; 0: the purchase's own
   * USD↔CNY rate when it converted, else SP_LEDGER_DEFAULT_USD_CNY) and the
   * ledger category (project; NULL: the subsidy category, e.g.
   * "other-compute"). */
  SpMoney             usd_cny;
  const char         *category;
} SpPurchaseRequest;

/* Records @purchase in one transaction: prices it against the wallet as
 * stored at that moment, draws the balances, marks single-use vouchers
 * used, writes the purchase, its voucher lines, a pending claim for every
 * programme that reimburses after settlement, the audit trail and the
 * purchase's spending-ledger entry (sp_ledger_insert_on(): paid = company
 * cash now, subsidy = government money at the till, reimbursed_later = the
 * government money that comes back on a claim).  On any error — the
 * ledger's included — nothing changes.  Returns the breakdown; @purchase_id (optional)
 * receives the new purchase's id. */
SpBreakdown *sp_store_record_purchase        (SpStore *self, SpPurchase *purchase,
                                              const SpPurchaseRequest *request,
                                              gint64 *purchase_id, GError **error);

/* Voids a purchase in one transaction: balances are restored, single-use
 * vouchers become unused, its claims are cancelled, its ledger entry is
 * deleted (for good: the ledger's undo refuses it), and year-to-date
 * subsidy no longer counts it.  SP_WALLET_STORE_ERROR_VOIDED when already
 * voided, SP_WALLET_STORE_ERROR_NOT_FOUND when there is no such purchase. */
gboolean     sp_store_void_purchase          (SpStore *self, gint64 purchase_id, gint64 now,
                                              GError **error);

typedef struct {
  char          *code;
  SpVoucherKind  kind;
  char          *programme_id;     /* government lines, else NULL */
  SpMoney        amount;           /* in the paid currency */
  SpMoney        quantity;         /* quantity packs, else SP_MONEY_UNKNOWN */
  gboolean       reimbursed_later;
} SpPurchaseDraw;

typedef struct {
  gint64      id;
  gint64      recorded_at;      /* unix seconds */
  gint64      voided_at;        /* 0: not voided */
  char       *offer_source;     /* may be NULL */
  char       *offer_id;         /* may be NULL */
  char       *description;      /* may be NULL */
  char       *vendor;           /* may be NULL */
  SpItemKind  item_kind;
  SpCategory  category;
  SpMoney     quantity;         /* micro-units of sp_item_kind_unit(); SP_MONEY_UNKNOWN */
  guint32     date;             /* Julian day */
  char       *currency;         /* paid */
  char       *list_currency;
  SpMoney     exchange_rate;    /* micro-units of currency per list currency unit */
  char       *rate_date;        /* may be NULL */
  SpMoney     list_original;    /* in list_currency */
  SpMoney     list;             /* the rest in currency */
  SpMoney     platform;
  SpMoney     prepaid;
  SpMoney     government;
  SpMoney     company_cash;
  SpMoney     reimbursed_later;
  SpMoney     net;
  GArray     *draws;            /* of SpPurchaseDraw */
  char       *breakdown_json;   /* sp_breakdown_to_json_node() at recording, with the notes */
} SpPurchaseRecord;

void              sp_purchase_record_free    (SpPurchaseRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPurchaseRecord, sp_purchase_record_free)

/* Recorded purchases, newest first (element type SpPurchaseRecord, freed by
 * the array), voided ones included. */
GPtrArray        *sp_store_list_purchases    (SpStore *self, GError **error);
SpPurchaseRecord *sp_store_get_purchase      (SpStore *self, gint64 purchase_id, GError **error);

/* --------------------------------------------------------------- claims */

typedef enum {
  SP_CLAIM_PENDING,    /* collecting evidence */
  SP_CLAIM_FILED,      /* sent to the programme */
  SP_CLAIM_PAID,       /* the money arrived */
  SP_CLAIM_CANCELLED,  /* the purchase was voided */
} SpClaimStatus;

/* "pending", "filed", "paid", "cancelled" */
const char *sp_claim_status_to_string   (SpClaimStatus status);
gboolean    sp_claim_status_from_string (const char *str, SpClaimStatus *out);

/* The evidence a claim needs; every claim needs all three. */
typedef enum {
  SP_EVIDENCE_CONTRACT   = 1 << 0,  /* the signed contract */
  SP_EVIDENCE_SETTLEMENT = 1 << 1,  /* the settlement / usage statement */
  SP_EVIDENCE_FAPIAO     = 1 << 2,  /* the 发票 (invoice) */
} SpEvidence;
#define SP_EVIDENCE_ALL (SP_EVIDENCE_CONTRACT | SP_EVIDENCE_SETTLEMENT | SP_EVIDENCE_FAPIAO)

typedef struct {
  gint64         id;
  gint64         purchase_id;
  char          *programme_id;
  char          *voucher_code;
  SpMoney        expected;       /* the amount to be reimbursed */
  char          *currency;
  SpClaimStatus  status;
  SpEvidence     evidence;       /* collected so far */
  gint64         updated_at;     /* unix seconds */
  guint32        purchase_date;  /* Julian day */
  char          *description;    /* the purchase's, may be NULL */
} SpClaim;

void         sp_claim_free                   (SpClaim *claim);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpClaim, sp_claim_free)

/* Claims (element type SpClaim, freed by the array), newest purchase first;
 * cancelled ones only with @include_cancelled. */
GPtrArray   *sp_store_list_claims            (SpStore *self, gboolean include_cancelled,
                                              GError **error);
/* Sets a claim's status and evidence.  Filing or marking paid needs all the
 * evidence (SP_WALLET_STORE_ERROR_INVALID otherwise); a cancelled claim
 * cannot change. */
gboolean     sp_store_update_claim           (SpStore *self, gint64 claim_id, SpClaimStatus status,
                                              SpEvidence evidence, gint64 now, GError **error);

/* ----------------------------------------------------------------- JSON */

/* The breakdown as the CLI prints it: purchase_id (when > 0), currency,
 * list_currency, exchange_rate, list, platform, prepaid, government,
 * company_cash, reimbursed_later, net_after_reimbursement (decimal strings,
 * two decimals at least), vouchers_used [{code, kind, programme, amount,
 * quantity, reimbursed_later, note}], refusals [{code, reason}],
 * explanation [text]. */
JsonNode    *sp_breakdown_to_json_node       (SpBreakdown *breakdown, gint64 purchase_id);

G_END_DECLS
