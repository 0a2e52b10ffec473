/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet-rules.c — one evaluation of an ordered set of vouchers on a
 * purchase (sp_wallet_run()): the checks that depend only on the voucher
 * and the purchase, then four phases — percentage discounts, fixed
 * discounts, prepaid draws, government subsidies — with the words of every
 * line and refusal.  The rules are in sp-wallet.h and docs/vouchers.md. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-labels.h"
#include "sp-vendors.h"
#include "sp-voucher-private.h"
#include "sp-wallet-private.h"

/* Per-programme running state inside one evaluation */
typedef struct {
  SpProgramme *programme;
  SpMoney      granted;
  const char  *first_code;
} Granted;

/* ---- words ---- */

static const char *
item_kind_label (SpItemKind kind)
{
  switch (kind)
    {
    case SP_ITEM_GPU:
      return _("GPU compute");
    case SP_ITEM_NPU:
      return _("NPU compute");
    case SP_ITEM_TPU:
      return _("TPU compute");
    case SP_ITEM_CPU:
      return _("CPU compute");
    case SP_ITEM_TOKENS:
      return _("tokens");
    case SP_ITEM_STORAGE:
      return _("storage");
    case SP_ITEM_NETWORK:
    default:
      return _("network traffic");
    }
}

const char *
sp_wallet_voucher_name (SpVoucher *voucher)
{
  const char *label = sp_voucher_get_label (voucher);

  return label != NULL ? label : sp_voucher_get_code (voucher);
}

static char *
date_text (guint32 julian)
{
  return julian != 0 ? sp_date_to_iso (julian) : g_strdup ("—");
}

char *
sp_wallet_money_text (SpWalletCtx *ctx,
                      SpMoney      amount)
{
  return sp_voucher_format_money (amount, ctx->currency);
}

/* The check functions below return the reason a voucher cannot be used and
 * (when @message is not NULL) its words, or SP_REFUSAL_NONE. */
#define REFUSE(reason, ...) \
  G_STMT_START { if (message != NULL) *message = g_strdup_printf (__VA_ARGS__); return (reason); } G_STMT_END

/* Validity dates, use, balance and currency: every kind */
static SpRefusal
check_common (SpWalletCtx  *ctx,
              SpVoucher    *voucher,
              char        **message)
{
  SpVoucherKind kind = sp_voucher_get_kind (voucher);
  guint32 from = sp_voucher_get_valid_from (voucher);
  guint32 to = sp_voucher_get_valid_to (voucher);
  const char *currency = sp_voucher_get_currency (voucher);

  if (from != 0 && ctx->date < from)
    {
      g_autofree char *d = date_text (from);
      REFUSE (SP_REFUSAL_NOT_YET_VALID, _("Not valid yet: it can be used from %s"), d);
    }
  if (to != 0 && ctx->date > to)
    {
      g_autofree char *d = date_text (to);
      REFUSE (SP_REFUSAL_EXPIRED, _("Expired: it could be used until the end of %s"), d);
    }
  if (kind == SP_VOUCHER_DISCOUNT && sp_voucher_get_single_use (voucher) &&
      sp_voucher_get_used (voucher))
    REFUSE (SP_REFUSAL_ALREADY_USED, "%s", _("Already used: it can be used only once"));
  if (kind != SP_VOUCHER_DISCOUNT && sp_voucher_get_balance (voucher) <= 0)
    REFUSE (SP_REFUSAL_EXHAUSTED, "%s", _("Nothing left on it: the balance is used up"));
  if (currency != NULL && !(kind == SP_VOUCHER_DISCOUNT && sp_voucher_get_amount (voucher) ==
                                SP_MONEY_UNKNOWN && sp_voucher_get_min_spend (voucher) ==
                                SP_MONEY_UNKNOWN) &&
      g_strcmp0 (currency, ctx->currency) != 0)
    REFUSE (SP_REFUSAL_CURRENCY, _("It is in %s, but the purchase is paid in %s"),
            currency, ctx->currency);
  return SP_REFUSAL_NONE;
}

static SpRefusal
check_discount (SpWalletCtx  *ctx,
                SpVoucher    *voucher,
                char        **message)
{
  if (!sp_voucher_accepts_vendor (voucher, sp_purchase_get_vendor (ctx->purchase)))
    {
      g_autofree char *vendors = sp_label_vendors (sp_voucher_get_vendors (voucher));
      REFUSE (SP_REFUSAL_VENDOR, _("It is only for purchases from %s"), vendors);
    }
  if (sp_voucher_get_min_spend (voucher) != SP_MONEY_UNKNOWN &&
      ctx->list < sp_voucher_get_min_spend (voucher))
    {
      g_autofree char *min = sp_wallet_money_text (ctx, sp_voucher_get_min_spend (voucher));
      g_autofree char *list = sp_wallet_money_text (ctx, ctx->list);
      REFUSE (SP_REFUSAL_MIN_SPEND, _("The minimum spend is %s; this purchase is %s"),
              min, list);
    }
  return SP_REFUSAL_NONE;
}

static SpRefusal
check_prepaid (SpWalletCtx  *ctx,
               SpVoucher    *voucher,
               char        **message)
{
  SpPurchase *purchase = ctx->purchase;

  if (!sp_voucher_accepts_vendor (voucher, sp_purchase_get_vendor (purchase)))
    {
      const char * const *vendors = sp_voucher_get_vendors (voucher);
      REFUSE (SP_REFUSAL_VENDOR, _("It is only for purchases from %s"),
              vendors != NULL && vendors[0] != NULL ? sp_label_vendor (vendors[0]) : "—");
    }
  if (sp_voucher_get_unit (voucher) != NULL)
    {
      const char *unit = sp_item_kind_unit (sp_purchase_get_item_kind (purchase));

      if (g_strcmp0 (unit, sp_voucher_get_unit (voucher)) != 0)
        REFUSE (SP_REFUSAL_ITEM_KIND, _("This pack holds %s; the purchase is %s"),
                sp_label_unit (sp_voucher_get_unit (voucher)),
                item_kind_label (sp_purchase_get_item_kind (purchase)));
      if (ctx->quantity == SP_MONEY_UNKNOWN)
        REFUSE (SP_REFUSAL_NO_QUANTITY, "%s",
                _("The quantity bought is not known, so the pack cannot be drawn"));
    }
  return SP_REFUSAL_NONE;
}

/* Whether the purchase falls inside @programme's period: by contract days
 * when it pro-rates, else by the purchase date */
static SpRefusal
check_programme_period (SpWalletCtx  *ctx,
                        SpProgramme  *programme,
                        char        **message)
{
  guint32 p_from = sp_programme_get_valid_from (programme);
  guint32 p_to = sp_programme_get_valid_to (programme);

  if (sp_programme_get_prorate (programme) == SP_PRORATE_DAYS)
    {
      if (sp_wallet_days_inside (ctx, programme) == 0)
        {
          g_autofree char *f = date_text (p_from);
          g_autofree char *t = date_text (p_to);
          REFUSE (SP_REFUSAL_OUTSIDE_PERIOD,
                  _("No day of the contract falls inside %s (%s to %s)"),
                  sp_programme_get_name (programme), f, t);
        }
    }
  else if (p_from != 0 && ctx->date < p_from)
    {
      g_autofree char *f = date_text (p_from);
      REFUSE (SP_REFUSAL_OUTSIDE_PERIOD, _("%s starts on %s"),
              sp_programme_get_name (programme), f);
    }
  else if (p_to != 0 && ctx->date > p_to)
    {
      g_autofree char *t = date_text (p_to);
      REFUSE (SP_REFUSAL_OUTSIDE_PERIOD, _("%s ended on %s"),
              sp_programme_get_name (programme), t);
    }
  return SP_REFUSAL_NONE;
}

static SpRefusal
check_government (SpWalletCtx  *ctx,
                  SpVoucher    *voucher,
                  char        **message)
{
  SpPurchase *purchase = ctx->purchase;
  SpProgramme *programme = sp_wallet_lookup_programme (ctx->wallet,
                                                       sp_voucher_get_programme (voucher));
  SpRefusal period;

  if (programme == NULL)
    REFUSE (SP_REFUSAL_UNKNOWN_PROGRAMME,
            _("The programme “%s” is not known; import its definition first"),
            sp_voucher_get_programme (voucher));
  if (g_strcmp0 (sp_programme_get_currency (programme), ctx->currency) != 0)
    REFUSE (SP_REFUSAL_CURRENCY, _("It is in %s, but the purchase is paid in %s"),
            sp_programme_get_currency (programme), ctx->currency);
  if (!sp_programme_covers_kind (programme, sp_purchase_get_item_kind (purchase)))
    REFUSE (SP_REFUSAL_ITEM_KIND, _("%s does not pay for %s"),
            sp_programme_get_name (programme),
            item_kind_label (sp_purchase_get_item_kind (purchase)));
  if (sp_programme_get_rate (programme, sp_purchase_get_category (purchase),
                             sp_purchase_get_startup (purchase)) <= 0)
    REFUSE (SP_REFUSAL_CATEGORY, _("%s pays nothing for %s"),
            sp_programme_get_name (programme),
            sp_category_label (sp_purchase_get_category (purchase)));
  if (!sp_programme_vendor_qualifies (programme, purchase))
    REFUSE (SP_REFUSAL_VENDOR, _("%s is not an accredited vendor for %s"),
            sp_purchase_get_vendor (purchase) != NULL ? sp_purchase_get_vendor (purchase)
                                                      : "—",
            sp_programme_get_name (programme));
  if (sp_programme_get_require_unaffiliated (programme) &&
      sp_purchase_get_vendor_affiliated (purchase))
    REFUSE (SP_REFUSAL_AFFILIATED,
            _("%s does not pay for purchases from a vendor affiliated with the buyer"),
            sp_programme_get_name (programme));
  period = check_programme_period (ctx, programme, message);
  if (period != SP_REFUSAL_NONE)
    return period;
  if (sp_programme_get_cap_per_year (programme) != SP_MONEY_UNKNOWN &&
      sp_wallet_ytd (ctx->wallet, sp_programme_get_id (programme)) >=
      sp_programme_get_cap_per_year (programme))
    {
      g_autofree char *cap = sp_wallet_money_text (ctx, sp_programme_get_cap_per_year (programme));
      REFUSE (SP_REFUSAL_OVER_CAP, _("The yearly cap of %s per firm for %s is used up"),
              cap, sp_programme_get_name (programme));
    }
  return SP_REFUSAL_NONE;
}

#undef REFUSE

/* The checks that depend only on the voucher and the purchase, not on the
 * other vouchers.  SP_REFUSAL_NONE when usable; else the reason and (when
 * @message is not NULL) the words. */
SpRefusal
sp_wallet_check_static (SpWalletCtx  *ctx,
                        SpVoucher    *voucher,
                        char        **message)
{
  SpRefusal reason = check_common (ctx, voucher, message);

  if (reason != SP_REFUSAL_NONE)
    return reason;
  switch (sp_voucher_get_kind (voucher))
    {
    case SP_VOUCHER_DISCOUNT:
      return check_discount (ctx, voucher, message);
    case SP_VOUCHER_PREPAID:
      return check_prepaid (ctx, voucher, message);
    case SP_VOUCHER_GOVERNMENT:
    default:
      return check_government (ctx, voucher, message);
    }
}

static void
refuse (SpBreakdown *out,
        SpVoucher   *voucher,
        SpRefusal    reason,
        char        *message)
{
  if (out != NULL)
    sp_breakdown_add_refusal (out, sp_voucher_get_code (voucher), reason, message);
  else
    g_free (message);
}

/* Quantity packs before money, earlier expiry first (open-ended last), then by code */
int
sp_wallet_prepaid_rank_cmp (gconstpointer a,
                            gconstpointer b)
{
  SpVoucher *va = *(SpVoucher **) a;
  SpVoucher *vb = *(SpVoucher **) b;
  gboolean qa = sp_voucher_get_unit (va) != NULL;
  gboolean qb = sp_voucher_get_unit (vb) != NULL;
  guint32 ta = sp_voucher_get_valid_to (va);
  guint32 tb = sp_voucher_get_valid_to (vb);

  if (qa != qb)
    return qa ? -1 : 1;
  if (ta == 0)
    ta = G_MAXUINT32;
  if (tb == 0)
    tb = G_MAXUINT32;
  if (ta != tb)
    return ta < tb ? -1 : 1;
  return strcmp (sp_voucher_get_code (va), sp_voucher_get_code (vb));
}

/* Larger percentage first, then by code */
int
sp_wallet_percent_rank_cmp (gconstpointer a,
                            gconstpointer b)
{
  SpVoucher *va = *(SpVoucher **) a;
  SpVoucher *vb = *(SpVoucher **) b;
  gint pa = sp_voucher_get_percent (va);
  gint pb = sp_voucher_get_percent (vb);

  if (pa != pb)
    return pa > pb ? -1 : 1;
  return strcmp (sp_voucher_get_code (va), sp_voucher_get_code (vb));
}

static void
add_line (SpBreakdown *out,
          SpVoucher   *voucher,
          SpMoney      amount,
          SpMoney      quantity,
          SpProgramme *programme,
          SpLimit      limit,
          char        *note)
{
  SpBreakdownLine line = { 0, };

  line.code = (char *) sp_voucher_get_code (voucher);
  line.kind = sp_voucher_get_kind (voucher);
  line.programme_id = programme != NULL ? (char *) sp_programme_get_id (programme) : NULL;
  line.amount = amount;
  line.quantity = quantity;
  line.reimbursed_later = programme != NULL &&
                          sp_programme_get_payout (programme) == SP_PAYOUT_AFTER_SETTLEMENT;
  line.limit = limit;
  line.note = note;
  sp_breakdown_add_line (out, &line);
}

static char *
government_note (SpWalletCtx *ctx,
                 SpProgramme *programme,
                 gint         rate,
                 SpMoney      base,
                 guint32      days_in,
                 guint32      days_total,
                 SpLimit      limit,
                 SpMoney      limit_value)
{
  g_autofree char *pct = sp_voucher_format_percent (rate);
  g_autofree char *base_text = sp_wallet_money_text (ctx, base);
  GString *note = g_string_new (NULL);

  /* Translators: “30% of ¥1000.00 for model services” */
  g_string_append_printf (note, _("%s of %s for %s"), pct, base_text,
                          sp_category_label (sp_purchase_get_category (ctx->purchase)));
  if (days_in != days_total)
    {
      g_string_append (note, C_("list separator", ", "));
      g_string_append_printf (note, _("pro-rated: %u of %u contract days fall inside the programme"),
                              days_in, days_total);
    }
  if (limit != SP_LIMIT_RATE)
    {
      g_autofree char *value = sp_wallet_money_text (ctx, limit_value);

      g_string_append (note, C_("list separator", ", "));
      switch (limit)
        {
        case SP_LIMIT_CONTRACT_CAP:
          g_string_append_printf (note, _("capped at %s per contract"), value);
          break;
        case SP_LIMIT_YEAR_CAP:
          g_string_append_printf (note, _("capped at %s left of the firm’s yearly cap"), value);
          break;
        case SP_LIMIT_BALANCE:
          g_string_append_printf (note, _("capped at the voucher’s balance of %s"), value);
          break;
        case SP_LIMIT_REMAINDER:
        case SP_LIMIT_RATE:
        default:
          g_string_append_printf (note, _("capped at the %s left to pay"), value);
          break;
        }
    }
  if (sp_programme_get_rounding (programme) == SP_ROUND_TRUNCATE)
    {
      g_string_append (note, C_("list separator", ", "));
      g_string_append (note, _("truncated to the fen"));
    }
  g_string_append (note, C_("list separator", ", "));
  if (sp_programme_get_payout (programme) == SP_PAYOUT_AFTER_SETTLEMENT)
    g_string_append (note, _("reimbursed after settlement"));
  else
    g_string_append (note, _("deducted when paying"));
  return g_string_free (note, FALSE);
}

/* One evaluation in progress: what is left to pay, and where the parts go. */
typedef struct {
  SpWalletCtx    *ctx;
  SpBreakdown    *out;            /* NULL: totals only */
  SpWalletTotals *totals;
  SpMoney         running;        /* left to pay */
  SpMoney         quantity_left;  /* for quantity packs */
  SpMoney         base;           /* what the subsidies apply to */
  SpMoney         gov_total;
  GArray         *granted;        /* Granted */
} Run;

static void
refuse_nothing_left (Run        *r,
                     SpVoucher  *v,
                     const char *message)
{
  refuse (r->out, v, SP_REFUSAL_NOTHING_LEFT, r->out != NULL ? g_strdup (message) : NULL);
}

/* Takes @amount of platform discount @v off what is left; when there is
 * nothing to take, refuses @v and returns FALSE. */
static gboolean
take_discount (Run       *r,
               SpVoucher *v,
               SpMoney    amount)
{
  if (amount <= 0)
    {
      refuse_nothing_left (r, v, _("It would save nothing on what is left to pay"));
      return FALSE;
    }
  r->running -= amount;
  r->totals->platform += amount;
  r->totals->used++;
  return TRUE;
}

/* 2a. percentage discounts, each on what is left, largest first (a fixed
 * order, so that the fen roundings do not depend on the user's order) */
static void
apply_percent_discounts (Run              *r,
                         SpVoucher       **order,
                         guint             n,
                         const SpRefusal  *status)
{
  g_autoptr(GPtrArray) percent = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    if (status[i] == SP_REFUSAL_NONE && sp_voucher_get_kind (order[i]) == SP_VOUCHER_DISCOUNT &&
        sp_voucher_get_percent (order[i]) >= 0)
      g_ptr_array_add (percent, order[i]);
  g_ptr_array_sort (percent, sp_wallet_percent_rank_cmp);
  for (guint i = 0; i < percent->len; i++)
    {
      SpVoucher *v = percent->pdata[i];
      SpMoney amount;

      amount = MIN (sp_wallet_fen_of (r->ctx, r->running, sp_voucher_get_percent (v), 1,
                                      SP_ROUND_HALF_UP),
                    r->running);
      if (take_discount (r, v, amount) && r->out != NULL)
        {
          g_autofree char *pct = sp_voucher_format_percent (sp_voucher_get_percent (v));
          g_autofree char *of = sp_wallet_money_text (r->ctx, r->running + amount);
          add_line (r->out, v, amount, SP_MONEY_UNKNOWN, NULL, SP_LIMIT_RATE,
                    /* Translators: “Platform discount: 10% off ¥1000.00” */
                    g_strdup_printf (_("Platform discount: %s off %s"), pct, of));
        }
    }
}

/* 2b. fixed discounts, in the given order */
static void
apply_fixed_discounts (Run              *r,
                       SpVoucher       **order,
                       guint             n,
                       const SpRefusal  *status)
{
  for (guint i = 0; i < n; i++)
    {
      SpVoucher *v = order[i];
      SpMoney amount;

      if (status[i] != SP_REFUSAL_NONE || sp_voucher_get_kind (v) != SP_VOUCHER_DISCOUNT ||
          sp_voucher_get_percent (v) >= 0)
        continue;
      amount = MIN (sp_voucher_get_amount (v), r->running);
      if (take_discount (r, v, amount) && r->out != NULL)
        {
          g_autofree char *value = sp_wallet_money_text (r->ctx, sp_voucher_get_amount (v));
          add_line (r->out, v, amount, SP_MONEY_UNKNOWN, NULL, SP_LIMIT_RATE,
                    g_strdup_printf (_("Platform discount: %s off"), value));
        }
    }
}

/* One prepaid pack or balance: draws what it can of what is left. */
static void
draw_prepaid (Run       *r,
              SpVoucher *v)
{
  SpMoney balance = sp_voucher_get_balance (v);
  SpMoney amount, drawn = SP_MONEY_UNKNOWN;

  if (sp_voucher_get_unit (v) != NULL)
    {
      if (r->quantity_left <= 0 || r->running <= 0)
        {
          refuse_nothing_left (r, v, _("Nothing is left to pay for it to cover"));
          return;
        }
      drawn = MIN (balance, r->quantity_left);
      if (drawn == r->quantity_left)
        amount = r->running;
      else if (!sp_money_muldiv (r->running, drawn, r->quantity_left, SP_ROUND_HALF_UP, &amount))
        g_return_if_reached ();
      r->quantity_left -= drawn;
    }
  else
    {
      if (r->running <= 0)
        {
          refuse_nothing_left (r, v, _("Nothing is left to pay for it to cover"));
          return;
        }
      amount = MIN (balance, r->running);
    }
  r->running -= amount;
  r->totals->prepaid += amount;
  r->totals->used++;
  if (r->out != NULL)
    {
      char *note;

      if (drawn != SP_MONEY_UNKNOWN)
        {
          g_autofree char *q = sp_money_to_string (drawn, 0);
          note = g_strdup_printf (_("Drawn from the resource pack: %s %s"), q,
                                  sp_label_unit (sp_voucher_get_unit (v)));
        }
      else
        {
          g_autofree char *b = sp_wallet_money_text (r->ctx, balance);
          note = g_strdup_printf (_("Drawn from the prepaid balance of %s"), b);
        }
      add_line (r->out, v, amount, drawn, NULL, SP_LIMIT_RATE, note);
    }
}

/* 3. prepaid packs and balances, quantity packs first, earlier expiry first */
static void
apply_prepaid (Run              *r,
               SpVoucher       **order,
               guint             n,
               const SpRefusal  *status)
{
  g_autoptr(GPtrArray) prepaid = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    if (status[i] == SP_REFUSAL_NONE && sp_voucher_get_kind (order[i]) == SP_VOUCHER_PREPAID)
      g_ptr_array_add (prepaid, order[i]);
  g_ptr_array_sort (prepaid, sp_wallet_prepaid_rank_cmp);  /* stable (merge sort) */
  for (guint i = 0; i < prepaid->len; i++)
    draw_prepaid (r, prepaid->pdata[i]);
}

/* The running state of @programme in this evaluation (added when new), or
 * NULL after refusing @v when an exclusive programme is already granted. */
static Granted *
granted_for (Run         *r,
             SpVoucher   *v,
             SpProgramme *programme)
{
  Granted *g = NULL;
  const Granted *conflict = NULL;

  for (guint j = 0; j < r->granted->len; j++)
    {
      Granted *other = &g_array_index (r->granted, Granted, j);

      if (other->programme == programme)
        g = other;
      else if (sp_programme_get_stacking (programme) == SP_STACKING_EXCLUSIVE ||
               sp_programme_get_stacking (other->programme) == SP_STACKING_EXCLUSIVE)
        conflict = other;
    }
  if (conflict != NULL)
    {
      SpProgramme *excl = sp_programme_get_stacking (programme) == SP_STACKING_EXCLUSIVE
                          ? programme : conflict->programme;

      refuse (r->out, v, SP_REFUSAL_DOUBLE_SUBSIDY,
              r->out ? g_strdup_printf (_("Not combined with %s: %s allows no double subsidy"),
                                        sp_programme_get_name (conflict->programme),
                                        sp_programme_get_name (excl))
                     : NULL);
      return NULL;
    }
  if (g == NULL)
    {
      Granted fresh = { programme, 0, sp_voucher_get_code (v) };

      g_array_append_val (r->granted, fresh);
      g = &g_array_index (r->granted, Granted, r->granted->len - 1);
    }
  return g;
}

/* How much @v of @g's programme may grant on top of @target (the rate's
 * share): the smallest of the caps, the balance and what is left; @why
 * says which limit it is, @cap the yearly cap when that one is. */
static SpMoney
government_limit (Run           *r,
                  SpVoucher     *v,
                  const Granted *g,
                  SpMoney        target,
                  SpLimit       *why,
                  SpMoney       *cap)
{
  SpProgramme *programme = g->programme;
  SpMoney limit = target - g->granted;
  SpMoney balance;

  *why = SP_LIMIT_RATE;
  *cap = sp_programme_get_cap_per_contract (programme);
  if (*cap != SP_MONEY_UNKNOWN && *cap - g->granted < limit)
    {
      limit = *cap - g->granted;
      *why = SP_LIMIT_CONTRACT_CAP;
    }
  *cap = sp_programme_get_cap_per_year (programme);
  if (*cap != SP_MONEY_UNKNOWN)
    {
      SpMoney left = *cap - sp_wallet_ytd (r->ctx->wallet, sp_programme_get_id (programme)) -
                     g->granted;

      if (left < limit)
        {
          limit = left;
          *why = SP_LIMIT_YEAR_CAP;
        }
    }
  balance = sp_voucher_get_balance (v);
  if (balance < limit)
    {
      limit = balance;
      *why = SP_LIMIT_BALANCE;
    }
  if (r->base - r->gov_total < limit)
    {
      limit = r->base - r->gov_total;
      *why = SP_LIMIT_REMAINDER;
    }
  return limit;
}

/* Refuses @v, which would grant nothing because of @why. */
static void
refuse_government (Run           *r,
                   SpVoucher     *v,
                   const Granted *g,
                   SpLimit        why,
                   SpMoney        cap)
{
  char *message = NULL;
  SpRefusal reason = SP_REFUSAL_NOTHING_LEFT;

  if (r->out != NULL && why == SP_LIMIT_YEAR_CAP)
    {
      g_autofree char *c = sp_wallet_money_text (r->ctx, cap);

      reason = SP_REFUSAL_OVER_CAP;
      message = g_strdup_printf (_("The yearly cap of %s per firm for %s is used up"),
                                 c, sp_programme_get_name (g->programme));
    }
  else if (r->out != NULL && why == SP_LIMIT_REMAINDER)
    message = g_strdup (_("Nothing is left to pay for it to cover"));
  else if (r->out != NULL && g->granted > 0)
    message = g_strdup_printf (_("%s already pays its full share through voucher “%s”"),
                               sp_programme_get_name (g->programme), g->first_code);
  else if (r->out != NULL)
    message = g_strdup (_("It would save nothing on what is left to pay"));
  else if (why == SP_LIMIT_YEAR_CAP)
    reason = SP_REFUSAL_OVER_CAP;
  refuse (r->out, v, reason, message);
}

/* 4. one government subsidy, on what is settled in money */
static void
apply_government (Run       *r,
                  SpVoucher *v)
{
  SpWalletCtx *ctx = r->ctx;
  SpProgramme *programme = sp_wallet_lookup_programme (ctx->wallet, sp_voucher_get_programme (v));
  Granted *g = granted_for (r, v, programme);
  guint32 days_in = 1, days_total = 1;
  SpMoney target, limit, cap;
  SpLimit why;
  gint rate;

  if (g == NULL)
    return;
  rate = sp_programme_get_rate (programme, sp_purchase_get_category (ctx->purchase),
                                sp_purchase_get_startup (ctx->purchase));
  if (sp_programme_get_prorate (programme) == SP_PRORATE_DAYS)
    {
      days_total = ctx->end - ctx->start + 1;
      days_in = sp_wallet_days_inside (ctx, programme);
    }
  /* one rounding: base × rate/10000 × days_in/days_total, to the fen */
  target = sp_wallet_fen_of (ctx, r->base, (gint64) rate * days_in, days_total,
                             sp_programme_get_rounding (programme));
  limit = government_limit (r, v, g, target, &why, &cap);
  if (limit <= 0)
    {
      refuse_government (r, v, g, why, cap);
      return;
    }

  g->granted += limit;
  r->gov_total += limit;
  r->totals->government += limit;
  if (sp_programme_get_payout (programme) == SP_PAYOUT_AFTER_SETTLEMENT)
    r->totals->later += limit;
  r->totals->used++;
  if (r->out != NULL)
    {
      SpMoney shown = why == SP_LIMIT_BALANCE ? sp_voucher_get_balance (v)
                      : why == SP_LIMIT_REMAINDER ? limit
                      : why == SP_LIMIT_CONTRACT_CAP ? sp_programme_get_cap_per_contract (programme)
                      : limit;

      add_line (r->out, v, limit, SP_MONEY_UNKNOWN, programme, why,
                government_note (ctx, programme, rate, r->base, days_in, days_total, why, shown));
    }
}

void
sp_wallet_run (SpWalletCtx     *ctx,
               SpVoucher      **order,
               guint            n,
               SpBreakdown     *out,
               SpWalletTotals  *totals)
{
  g_autoptr(GArray) granted = g_array_new (FALSE, TRUE, sizeof (Granted));
  SpRefusal *status = g_newa (SpRefusal, MAX (n, 1));
  Run r = { ctx, out, totals, ctx->list, ctx->quantity, 0, 0, granted };

  memset (totals, 0, sizeof *totals);

  for (guint i = 0; i < n; i++)
    {
      char *message = NULL;

      status[i] = sp_wallet_check_static (ctx, order[i], out != NULL ? &message : NULL);
      if (status[i] != SP_REFUSAL_NONE)
        refuse (out, order[i], status[i], message);
    }

  apply_percent_discounts (&r, order, n, status);
  apply_fixed_discounts (&r, order, n, status);
  apply_prepaid (&r, order, n, status);
  r.base = r.running;
  for (guint i = 0; i < n; i++)
    if (status[i] == SP_REFUSAL_NONE && sp_voucher_get_kind (order[i]) == SP_VOUCHER_GOVERNMENT)
      apply_government (&r, order[i]);

  totals->net = ctx->list - totals->platform - totals->prepaid - totals->government;
  g_assert (totals->net >= 0);
}
