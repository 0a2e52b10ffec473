/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wallet.c — the user's vouchers and the rules that apply them
 *
 * The rules are in sp-wallet.h and docs/vouchers.md.  One evaluation (run())
 * takes an ordered set of vouchers and walks four phases: percentage
 * discounts, fixed discounts, prepaid draws, government subsidies.  Every
 * amount is an integer count of micro-units; a rate is applied with one
 * exact multiply-divide and rounded once, to the fen.  The company's part is
 * what is left, so the parts add up to the list amount by construction.
 *
 * The proposal searches subsets of the usable vouchers (all of them up to
 * SP_WALLET_EXHAUSTIVE_MAX, greedily beyond) for the least net cost. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sp-voucher-private.h"
#include "sp-vendors.h"
#include "sp-wallet.h"


struct _SpWallet
{
  GObject     parent_instance;

  GPtrArray  *vouchers;    /* SpVoucher */
  GHashTable *programmes;  /* id → SpProgramme */
  GHashTable *ytd;         /* id → SpMoney* */

  /* lean_search() results by everything the search reads (search_key()):
   * 1,910 offers hold a few hundred distinct prices */
  GMutex      cache_lock;
  GHashTable *search_cache; /* GBytes → SearchResult */
};

G_DEFINE_FINAL_TYPE (SpWallet, sp_wallet, G_TYPE_OBJECT)

/* What one evaluation needs to know about the purchase */
typedef struct {
  SpWallet   *wallet;
  SpPurchase *purchase;
  const char *currency;     /* paid */
  SpMoney     list;         /* converted to the paid currency */
  SpMoney     quantum;      /* what amounts round to: the fen, or less for a unit price */
  guint32     date;
  guint32     start;        /* contract period (inclusive) */
  guint32     end;
  SpMoney     quantity;     /* SP_MONEY_UNKNOWN or > 0 */
} Ctx;

typedef struct {
  SpMoney platform;
  SpMoney prepaid;
  SpMoney government;
  SpMoney later;
  SpMoney net;
  guint   used;
} Totals;

/* Per-programme running state inside one evaluation */
typedef struct {
  SpProgramme *programme;
  SpMoney      granted;
  const char  *first_code;
} Granted;

static void
sp_wallet_finalize (GObject *object)
{
  SpWallet *self = SP_WALLET (object);

  g_ptr_array_unref (self->vouchers);
  g_hash_table_unref (self->programmes);
  g_hash_table_unref (self->ytd);
  g_hash_table_unref (self->search_cache);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (sp_wallet_parent_class)->finalize (object);
}

static void
sp_wallet_class_init (SpWalletClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_wallet_finalize;
}

static void
sp_wallet_init (SpWallet *self)
{
  self->vouchers = g_ptr_array_new_with_free_func (g_object_unref);
  self->programmes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->ytd = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->search_cache = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                              (GDestroyNotify) g_bytes_unref, g_free);
  g_mutex_init (&self->cache_lock);
}

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

static const char *
unit_label (const char *unit)
{
  if (g_strcmp0 (unit, "tokens") == 0)
    return _("tokens");
  if (g_strcmp0 (unit, "card-hours") == 0)
    return _("card-hours");
  if (g_strcmp0 (unit, "core-hours") == 0)
    return _("core-hours");
  return unit != NULL ? unit : "";
}

static const char *
voucher_name (SpVoucher *voucher)
{
  const char *label = sp_voucher_get_label (voucher);

  return label != NULL ? label : sp_voucher_get_code (voucher);
}

static char *
date_text (guint32 julian)
{
  return julian != 0 ? sp_date_to_iso (julian) : g_strdup ("—");
}

static char *
money_text (Ctx     *ctx,
            SpMoney  amount)
{
  return sp_voucher_format_money (amount, ctx->currency);
}

/* ---- helpers ---- */

static SpMoney
year_to_date (SpWallet   *self,
              const char *programme_id)
{
  SpMoney *amount = g_hash_table_lookup (self->ytd, programme_id);

  return amount != NULL ? *amount : 0;
}

static guint32
overlap_days (guint32 a_start,
              guint32 a_end,
              guint32 b_start,
              guint32 b_end)
{
  guint32 start = MAX (a_start, b_start);
  guint32 end = MIN (a_end, b_end);

  return end >= start ? end - start + 1 : 0;
}

/* value × num / (den × 10000), rounded once to the quantum (the fen) */
static SpMoney
fen_of (Ctx        *ctx,
        SpMoney     value,
        gint64      num,
        gint64      den,
        SpRounding  rounding)
{
  SpMoney fen = 0;

  /* value ≤ SP_MONEY_MAX and num/den ≤ 1 here, so this cannot overflow */
  if (!sp_money_muldiv (value, num, den * G_GINT64_CONSTANT (10000) * ctx->quantum, rounding, &fen))
    g_return_val_if_reached (0);
  return fen * ctx->quantum;
}

/* The checks that depend only on the voucher and the purchase, not on the
 * other vouchers.  SP_REFUSAL_NONE when usable; else the reason and (when
 * @message is not NULL) the words. */
static SpRefusal
check_static (Ctx        *ctx,
              SpVoucher  *voucher,
              char      **message)
{
  SpPurchase *purchase = ctx->purchase;
  SpVoucherKind kind = sp_voucher_get_kind (voucher);
  guint32 from = sp_voucher_get_valid_from (voucher);
  guint32 to = sp_voucher_get_valid_to (voucher);
  const char *currency = sp_voucher_get_currency (voucher);
  SpProgramme *programme = NULL;

#define REFUSE(reason, ...) \
  G_STMT_START { if (message != NULL) *message = g_strdup_printf (__VA_ARGS__); return (reason); } G_STMT_END

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

  switch (kind)
    {
    case SP_VOUCHER_DISCOUNT:
      if (!sp_voucher_accepts_vendor (voucher, sp_purchase_get_vendor (purchase)))
        {
          g_autofree char *vendors = sp_label_vendors (sp_voucher_get_vendors (voucher));
          REFUSE (SP_REFUSAL_VENDOR, _("It is only for purchases from %s"), vendors);
        }
      if (sp_voucher_get_min_spend (voucher) != SP_MONEY_UNKNOWN &&
          ctx->list < sp_voucher_get_min_spend (voucher))
        {
          g_autofree char *min = money_text (ctx, sp_voucher_get_min_spend (voucher));
          g_autofree char *list = money_text (ctx, ctx->list);
          REFUSE (SP_REFUSAL_MIN_SPEND, _("The minimum spend is %s; this purchase is %s"),
                  min, list);
        }
      break;

    case SP_VOUCHER_PREPAID:
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
                    unit_label (sp_voucher_get_unit (voucher)),
                    item_kind_label (sp_purchase_get_item_kind (purchase)));
          if (ctx->quantity == SP_MONEY_UNKNOWN)
            REFUSE (SP_REFUSAL_NO_QUANTITY, "%s",
                    _("The quantity bought is not known, so the pack cannot be drawn"));
        }
      break;

    case SP_VOUCHER_GOVERNMENT:
    default:
      programme = sp_wallet_lookup_programme (ctx->wallet, sp_voucher_get_programme (voucher));
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
      {
        guint32 p_from = sp_programme_get_valid_from (programme);
        guint32 p_to = sp_programme_get_valid_to (programme);

        if (sp_programme_get_prorate (programme) == SP_PRORATE_DAYS)
          {
            if (overlap_days (ctx->start, ctx->end, p_from != 0 ? p_from : 1,
                              p_to != 0 ? p_to : G_MAXUINT32 - 1) == 0)
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
      }
      if (sp_programme_get_cap_per_year (programme) != SP_MONEY_UNKNOWN &&
          year_to_date (ctx->wallet, sp_programme_get_id (programme)) >=
          sp_programme_get_cap_per_year (programme))
        {
          g_autofree char *cap = money_text (ctx, sp_programme_get_cap_per_year (programme));
          REFUSE (SP_REFUSAL_OVER_CAP, _("The yearly cap of %s per firm for %s is used up"),
                  cap, sp_programme_get_name (programme));
        }
      break;
    }
#undef REFUSE
  return SP_REFUSAL_NONE;
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
static int
prepaid_rank_cmp (gconstpointer a,
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
static int
percent_rank_cmp (gconstpointer a,
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
add_line (SpBreakdown   *out,
          SpVoucher     *voucher,
          SpMoney        amount,
          SpMoney        quantity,
          SpProgramme   *programme,
          SpLimit        limit,
          char          *note)
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
government_note (Ctx         *ctx,
                 SpProgramme *programme,
                 gint         rate,
                 SpMoney      base,
                 guint32      days_in,
                 guint32      days_total,
                 SpLimit      limit,
                 SpMoney      limit_value)
{
  g_autofree char *pct = sp_voucher_format_percent (rate);
  g_autofree char *base_text = money_text (ctx, base);
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
      g_autofree char *value = money_text (ctx, limit_value);

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

/* Applies @order (n vouchers) to the purchase.  Fills @totals; when @out is
 * not NULL, records lines and refusals there. */
static void
run (Ctx          *ctx,
     SpVoucher   **order,
     guint         n,
     SpBreakdown  *out,
     Totals       *totals)
{
  SpMoney running = ctx->list;
  SpMoney quantity_left = ctx->quantity;
  SpMoney base, gov_total = 0;
  g_autoptr(GPtrArray) percent = g_ptr_array_new ();
  g_autoptr(GPtrArray) prepaid = g_ptr_array_new ();
  g_autoptr(GArray) granted = g_array_new (FALSE, TRUE, sizeof (Granted));
  SpRefusal *status = g_newa (SpRefusal, MAX (n, 1));

  memset (totals, 0, sizeof *totals);

  for (guint i = 0; i < n; i++)
    {
      char *message = NULL;

      status[i] = check_static (ctx, order[i], out != NULL ? &message : NULL);
      if (status[i] != SP_REFUSAL_NONE)
        refuse (out, order[i], status[i], message);
    }

  /* 2a. percentage discounts, each on what is left, largest first (a fixed
   * order, so that the fen roundings do not depend on the user's order) */
  for (guint i = 0; i < n; i++)
    if (status[i] == SP_REFUSAL_NONE && sp_voucher_get_kind (order[i]) == SP_VOUCHER_DISCOUNT &&
        sp_voucher_get_percent (order[i]) >= 0)
      g_ptr_array_add (percent, order[i]);
  g_ptr_array_sort (percent, percent_rank_cmp);
  for (guint i = 0; i < percent->len; i++)
    {
      SpVoucher *v = percent->pdata[i];
      SpMoney amount;

      amount = MIN (fen_of (ctx, running, sp_voucher_get_percent (v), 1, SP_ROUND_HALF_UP),
                    running);
      if (amount <= 0)
        {
          refuse (out, v, SP_REFUSAL_NOTHING_LEFT,
                  out ? g_strdup (_("It would save nothing on what is left to pay")) : NULL);
          continue;
        }
      running -= amount;
      totals->platform += amount;
      totals->used++;
      if (out != NULL)
        {
          g_autofree char *pct = sp_voucher_format_percent (sp_voucher_get_percent (v));
          g_autofree char *of = money_text (ctx, running + amount);
          add_line (out, v, amount, SP_MONEY_UNKNOWN, NULL, SP_LIMIT_RATE,
                    /* Translators: “Platform discount: 10% off ¥1000.00” */
                    g_strdup_printf (_("Platform discount: %s off %s"), pct, of));
        }
    }

  /* 2b. fixed discounts */
  for (guint i = 0; i < n; i++)
    {
      SpVoucher *v = order[i];
      SpMoney amount;

      if (status[i] != SP_REFUSAL_NONE || sp_voucher_get_kind (v) != SP_VOUCHER_DISCOUNT ||
          sp_voucher_get_percent (v) >= 0)
        continue;
      amount = MIN (sp_voucher_get_amount (v), running);
      if (amount <= 0)
        {
          refuse (out, v, SP_REFUSAL_NOTHING_LEFT,
                  out ? g_strdup (_("It would save nothing on what is left to pay")) : NULL);
          continue;
        }
      running -= amount;
      totals->platform += amount;
      totals->used++;
      if (out != NULL)
        {
          g_autofree char *value = money_text (ctx, sp_voucher_get_amount (v));
          add_line (out, v, amount, SP_MONEY_UNKNOWN, NULL, SP_LIMIT_RATE,
                    g_strdup_printf (_("Platform discount: %s off"), value));
        }
    }

  /* 3. prepaid packs and balances */
  for (guint i = 0; i < n; i++)
    if (status[i] == SP_REFUSAL_NONE && sp_voucher_get_kind (order[i]) == SP_VOUCHER_PREPAID)
      g_ptr_array_add (prepaid, order[i]);
  g_ptr_array_sort (prepaid, prepaid_rank_cmp);  /* stable (merge sort) */
  for (guint i = 0; i < prepaid->len; i++)
    {
      SpVoucher *v = prepaid->pdata[i];
      SpMoney balance = sp_voucher_get_balance (v);
      SpMoney amount, drawn = SP_MONEY_UNKNOWN;

      if (sp_voucher_get_unit (v) != NULL)
        {
          if (quantity_left <= 0 || running <= 0)
            {
              refuse (out, v, SP_REFUSAL_NOTHING_LEFT,
                      out ? g_strdup (_("Nothing is left to pay for it to cover")) : NULL);
              continue;
            }
          drawn = MIN (balance, quantity_left);
          if (drawn == quantity_left)
            amount = running;
          else if (!sp_money_muldiv (running, drawn, quantity_left, SP_ROUND_HALF_UP, &amount))
            g_return_if_reached ();
          quantity_left -= drawn;
        }
      else
        {
          if (running <= 0)
            {
              refuse (out, v, SP_REFUSAL_NOTHING_LEFT,
                      out ? g_strdup (_("Nothing is left to pay for it to cover")) : NULL);
              continue;
            }
          amount = MIN (balance, running);
        }
      running -= amount;
      totals->prepaid += amount;
      totals->used++;
      if (out != NULL)
        {
          char *note;

          if (drawn != SP_MONEY_UNKNOWN)
            {
              g_autofree char *q = sp_money_to_string (drawn, 0);
              note = g_strdup_printf (_("Drawn from the resource pack: %s %s"), q,
                                      unit_label (sp_voucher_get_unit (v)));
            }
          else
            {
              g_autofree char *b = money_text (ctx, balance);
              note = g_strdup_printf (_("Drawn from the prepaid balance of %s"), b);
            }
          add_line (out, v, amount, drawn, NULL, SP_LIMIT_RATE, note);
        }
    }

  /* 4. government subsidies, on what is settled in money */
  base = running;
  for (guint i = 0; i < n; i++)
    {
      SpVoucher *v = order[i];
      SpProgramme *programme;
      Granted *g = NULL;
      const Granted *conflict = NULL;
      guint32 days_in = 1, days_total = 1;
      SpMoney target, limit, balance, cap;
      SpLimit why = SP_LIMIT_RATE;
      gint rate;

      if (status[i] != SP_REFUSAL_NONE || sp_voucher_get_kind (v) != SP_VOUCHER_GOVERNMENT)
        continue;
      programme = sp_wallet_lookup_programme (ctx->wallet, sp_voucher_get_programme (v));

      for (guint j = 0; j < granted->len; j++)
        {
          Granted *other = &g_array_index (granted, Granted, j);

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

          refuse (out, v, SP_REFUSAL_DOUBLE_SUBSIDY,
                  out ? g_strdup_printf (_("Not combined with %s: %s allows no double subsidy"),
                                         sp_programme_get_name (conflict->programme),
                                         sp_programme_get_name (excl))
                      : NULL);
          continue;
        }
      if (g == NULL)
        {
          Granted fresh = { programme, 0, sp_voucher_get_code (v) };

          g_array_append_val (granted, fresh);
          g = &g_array_index (granted, Granted, granted->len - 1);
        }

      rate = sp_programme_get_rate (programme, sp_purchase_get_category (ctx->purchase),
                                    sp_purchase_get_startup (ctx->purchase));
      if (sp_programme_get_prorate (programme) == SP_PRORATE_DAYS)
        {
          guint32 p_from = sp_programme_get_valid_from (programme);
          guint32 p_to = sp_programme_get_valid_to (programme);

          days_total = ctx->end - ctx->start + 1;
          days_in = overlap_days (ctx->start, ctx->end, p_from != 0 ? p_from : 1,
                                  p_to != 0 ? p_to : G_MAXUINT32 - 1);
        }
      /* one rounding: base × rate/10000 × days_in/days_total, to the fen */
      target = fen_of (ctx, base, (gint64) rate * days_in, days_total,
                       sp_programme_get_rounding (programme));

      limit = target - g->granted;
      cap = sp_programme_get_cap_per_contract (programme);
      if (cap != SP_MONEY_UNKNOWN && cap - g->granted < limit)
        {
          limit = cap - g->granted;
          why = SP_LIMIT_CONTRACT_CAP;
        }
      cap = sp_programme_get_cap_per_year (programme);
      if (cap != SP_MONEY_UNKNOWN)
        {
          SpMoney left = cap - year_to_date (ctx->wallet, sp_programme_get_id (programme)) -
                         g->granted;

          if (left < limit)
            {
              limit = left;
              why = SP_LIMIT_YEAR_CAP;
            }
        }
      balance = sp_voucher_get_balance (v);
      if (balance < limit)
        {
          limit = balance;
          why = SP_LIMIT_BALANCE;
        }
      if (base - gov_total < limit)
        {
          limit = base - gov_total;
          why = SP_LIMIT_REMAINDER;
        }

      if (limit <= 0)
        {
          char *message = NULL;
          SpRefusal reason = SP_REFUSAL_NOTHING_LEFT;

          if (out != NULL && why == SP_LIMIT_YEAR_CAP)
            {
              g_autofree char *c = money_text (ctx, cap);

              reason = SP_REFUSAL_OVER_CAP;
              message = g_strdup_printf (_("The yearly cap of %s per firm for %s is used up"),
                                         c, sp_programme_get_name (programme));
            }
          else if (out != NULL && why == SP_LIMIT_REMAINDER)
            message = g_strdup (_("Nothing is left to pay for it to cover"));
          else if (out != NULL && g->granted > 0)
            message = g_strdup_printf (_("%s already pays its full share through voucher “%s”"),
                                       sp_programme_get_name (programme), g->first_code);
          else if (out != NULL)
            message = g_strdup (_("It would save nothing on what is left to pay"));
          else if (why == SP_LIMIT_YEAR_CAP)
            reason = SP_REFUSAL_OVER_CAP;
          refuse (out, v, reason, message);
          continue;
        }

      g->granted += limit;
      gov_total += limit;
      totals->government += limit;
      if (sp_programme_get_payout (programme) == SP_PAYOUT_AFTER_SETTLEMENT)
        totals->later += limit;
      totals->used++;
      if (out != NULL)
        {
          SpMoney shown = why == SP_LIMIT_BALANCE ? balance
                          : why == SP_LIMIT_REMAINDER ? limit
                          : why == SP_LIMIT_CONTRACT_CAP ? sp_programme_get_cap_per_contract (programme)
                          : limit;

          add_line (out, v, limit, SP_MONEY_UNKNOWN, programme, why,
                    government_note (ctx, programme, rate, base, days_in, days_total, why, shown));
        }
    }

  totals->net = ctx->list - totals->platform - totals->prepaid - totals->government;
  g_assert (totals->net >= 0);
}

static gboolean
ctx_init (Ctx         *ctx,
          SpWallet    *self,
          SpPurchase  *purchase,
          GError     **error)
{
  SpMoney list = sp_purchase_get_list_amount (purchase);
  const char *list_currency = sp_purchase_get_list_currency (purchase);
  const char *pay_currency = sp_purchase_get_pay_currency (purchase);

  memset (ctx, 0, sizeof *ctx);
  ctx->wallet = self;
  ctx->purchase = purchase;

  if (list == SP_MONEY_UNKNOWN || list < 0 || list > SP_MONEY_MAX || list_currency == NULL)
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("The purchase has no list amount"));
      return FALSE;
    }
  if (sp_purchase_get_date (purchase) == 0)
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("The purchase has no date"));
      return FALSE;
    }
  ctx->currency = pay_currency;
  ctx->date = sp_purchase_get_date (purchase);
  ctx->quantum = sp_purchase_get_quantum (purchase);
  /* converted once, from the exact amount, rounded once to the quantum */
  if (!sp_purchase_get_list_paid (purchase, ctx->quantum, &ctx->list))
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("There is no usable exchange rate from %s to %s"),
                   list_currency, pay_currency);
      return FALSE;
    }

  sp_purchase_get_contract_period (purchase, &ctx->start, &ctx->end);
  if (ctx->start == 0 || ctx->end == 0)
    ctx->start = ctx->end = ctx->date;
  if (ctx->end < ctx->start || ctx->end - ctx->start > 100 * 366)
    {
      g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                   _("The contract period of the purchase is not valid"));
      return FALSE;
    }
  ctx->quantity = sp_purchase_get_quantity (purchase);
  if (ctx->quantity != SP_MONEY_UNKNOWN && ctx->quantity <= 0)
    ctx->quantity = SP_MONEY_UNKNOWN;
  return TRUE;
}

static SpBreakdown *
breakdown_for (Ctx *ctx)
{
  SpPurchase *purchase = ctx->purchase;
  gboolean converted = g_strcmp0 (sp_purchase_get_list_currency (purchase), ctx->currency) != 0;

  return sp_breakdown_new (ctx->currency, sp_purchase_get_list_currency (purchase),
                           converted ? sp_purchase_get_exchange_rate (purchase) : SP_MONEY_SCALE,
                           sp_purchase_get_list_amount (purchase), ctx->list);
}

/* What a proposal minimises: the net cost after reimbursement with prepaid
 * counted as paid (how little cash), or the cost (prepaid is the company's
 * money too: list − discounts − subsidies) */
static SpMoney
totals_goal (const Totals  *t,
             SpProposeGoal  goal)
{
  return goal == SP_PROPOSE_LEAST_COST ? t->net + t->prepaid : t->net;
}

/* a better than b: less of the goal, then less prepaid drawn, then fewer
 * vouchers */
static gboolean
totals_better (const Totals  *a,
               const Totals  *b,
               SpProposeGoal  goal)
{
  if (totals_goal (a, goal) != totals_goal (b, goal))
    return totals_goal (a, goal) < totals_goal (b, goal);
  if (a->prepaid != b->prepaid)
    return a->prepaid < b->prepaid;
  return a->used < b->used;
}

/* ---- the search's evaluator ----
 *
 * The proposal evaluates up to 2^SP_WALLET_EXHAUSTIVE_MAX subsets of the
 * usable vouchers per purchase, and the Offers page and `offers --json`
 * propose one per offer: run() (which checks each voucher, allocates and
 * sorts per call) made 12 every-vendor vouchers × 1,910 offers take 11.7 s.
 * Lean is run() with @out NULL for vouchers already known usable (every
 * check in check_static() depends only on the voucher and the purchase):
 * what it reads of each voucher and programme is taken once per purchase,
 * the two sorted phases are sorted once, and nothing is allocated per
 * subset.  The same arithmetic in the same order, so the same totals
 * (propose_for() asserts it on the subset it picks). */
typedef struct {
  SpVoucherKind kind;
  gint          percent;
  SpMoney       amount;        /* fixed discount */
  SpMoney       balance;       /* prepaid, government */
  gboolean      pack;          /* prepaid quantity pack */
  guint         programme;     /* index of the programme among the usable ones */
  gboolean      exclusive;
  gint64        num;           /* rate × days inside */
  gint64        den;           /* contract days */
  SpRounding    rounding;
  SpMoney       cap_contract;  /* SP_MONEY_UNKNOWN: none */
  SpMoney       cap_left;      /* yearly cap − received this year; SP_MONEY_UNKNOWN: none */
  gboolean      later;
} LeanVoucher;

typedef struct {
  Ctx         *ctx;
  guint        n;
  LeanVoucher *v;
  guint       *percent_order;  /* usable indices of percentage discounts, ranked */
  guint        n_percent;
  guint       *prepaid_order;  /* usable indices of prepaid vouchers, ranked */
  guint        n_prepaid;
} Lean;

static int
lean_percent_cmp (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  SpVoucher **usable = data;

  return percent_rank_cmp (&usable[*(const guint *) a], &usable[*(const guint *) b]);
}

static int
lean_prepaid_cmp (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  SpVoucher **usable = data;

  return prepaid_rank_cmp (&usable[*(const guint *) a], &usable[*(const guint *) b]);
}

static void
lean_init (Lean       *lean,
           Ctx        *ctx,
           SpVoucher **usable,
           guint       n)
{
  SpProgramme **programmes = g_newa (SpProgramme *, MAX (n, 1));
  guint n_programmes = 0;

  lean->ctx = ctx;
  lean->n = n;
  lean->v = g_new0 (LeanVoucher, MAX (n, 1));
  lean->percent_order = g_new (guint, MAX (n, 1));
  lean->prepaid_order = g_new (guint, MAX (n, 1));
  lean->n_percent = lean->n_prepaid = 0;

  for (guint i = 0; i < n; i++)
    {
      SpVoucher *v = usable[i];
      LeanVoucher *l = &lean->v[i];

      l->kind = sp_voucher_get_kind (v);
      l->percent = sp_voucher_get_percent (v);
      l->amount = sp_voucher_get_amount (v);
      l->balance = sp_voucher_get_balance (v);
      l->pack = sp_voucher_get_unit (v) != NULL;
      if (l->kind == SP_VOUCHER_DISCOUNT && l->percent >= 0)
        lean->percent_order[lean->n_percent++] = i;
      else if (l->kind == SP_VOUCHER_PREPAID)
        lean->prepaid_order[lean->n_prepaid++] = i;
      else if (l->kind == SP_VOUCHER_GOVERNMENT)
        {
          SpProgramme *p = sp_wallet_lookup_programme (ctx->wallet, sp_voucher_get_programme (v));
          guint32 days_in = 1, days_total = 1;
          SpMoney cap;

          for (l->programme = 0; l->programme < n_programmes; l->programme++)
            if (programmes[l->programme] == p)
              break;
          if (l->programme == n_programmes)
            programmes[n_programmes++] = p;
          l->exclusive = sp_programme_get_stacking (p) == SP_STACKING_EXCLUSIVE;
          if (sp_programme_get_prorate (p) == SP_PRORATE_DAYS)
            {
              guint32 p_from = sp_programme_get_valid_from (p);
              guint32 p_to = sp_programme_get_valid_to (p);

              days_total = ctx->end - ctx->start + 1;
              days_in = overlap_days (ctx->start, ctx->end, p_from != 0 ? p_from : 1,
                                      p_to != 0 ? p_to : G_MAXUINT32 - 1);
            }
          l->num = (gint64) sp_programme_get_rate (p, sp_purchase_get_category (ctx->purchase),
                                                   sp_purchase_get_startup (ctx->purchase)) * days_in;
          l->den = days_total;
          l->rounding = sp_programme_get_rounding (p);
          l->cap_contract = sp_programme_get_cap_per_contract (p);
          cap = sp_programme_get_cap_per_year (p);
          l->cap_left = cap != SP_MONEY_UNKNOWN
                        ? cap - year_to_date (ctx->wallet, sp_programme_get_id (p))
                        : SP_MONEY_UNKNOWN;
          l->later = sp_programme_get_payout (p) == SP_PAYOUT_AFTER_SETTLEMENT;
        }
    }
  g_qsort_with_data (lean->percent_order, (gint) lean->n_percent, sizeof (guint),
                     lean_percent_cmp, usable);
  g_qsort_with_data (lean->prepaid_order, (gint) lean->n_prepaid, sizeof (guint),
                     lean_prepaid_cmp, usable);
}

static void
lean_clear (Lean *lean)
{
  g_free (lean->v);
  g_free (lean->percent_order);
  g_free (lean->prepaid_order);
}

/* The search proper: a walk over include / leave out, one voucher at a
 * time, in the order run() applies them (percentages ranked, fixed
 * discounts, prepaid ranked, government), so each step of the arithmetic is
 * done once for every subset sharing it instead of once per subset.  A
 * subset's totals are those of run() on it; the loop over masks it
 * replaces kept the first (lowest) mask of the best totals, so ties go to
 * the lower mask here. */
typedef struct {
  const Lean    *lean;
  SpProposeGoal  goal;
  guint         *seq;          /* usable indices in the order applied */
  guint          n_seq;
  guint          first_gov;    /* position in seq of the first government voucher */
  struct { guint programme; gboolean exclusive; SpMoney granted; } granted[SP_WALLET_EXHAUSTIVE_MAX];
  guint          n_granted;
  Totals         best;
  guint          best_mask;
  gboolean       found;
} Search;

typedef struct {
  SpMoney running;
  SpMoney quantity_left;
  SpMoney base;
  SpMoney gov_total;
  Totals  totals;
  guint   mask;
} Step;

static void
lean_leaf (Search     *s,
           const Step *st)
{
  Totals t = st->totals;

  t.net = s->lean->ctx->list - t.platform - t.prepaid - t.government;
  if (!s->found || totals_better (&t, &s->best, s->goal) ||
      (!totals_better (&s->best, &t, s->goal) && st->mask < s->best_mask))
    {
      s->best = t;
      s->best_mask = st->mask;
      s->found = TRUE;
    }
}

/* What voucher seq[k] adds to @st (its bit set); FALSE when it would not
 * apply (run() refuses it and it changes nothing) */
static gboolean
lean_apply (Search *s,
            guint   k,
            Step   *st,
            guint  *undo_granted,
            SpMoney *undo_amount)
{
  const Lean *lean = s->lean;
  Ctx *ctx = lean->ctx;
  guint i = s->seq[k];
  const LeanVoucher *l = &lean->v[i];
  SpMoney amount;

  if (l->kind == SP_VOUCHER_DISCOUNT)
    {
      amount = l->percent >= 0
               ? MIN (fen_of (ctx, st->running, l->percent, 1, SP_ROUND_HALF_UP), st->running)
               : MIN (l->amount, st->running);
      if (amount <= 0)
        return FALSE;
      st->running -= amount;
      st->totals.platform += amount;
    }
  else if (l->kind == SP_VOUCHER_PREPAID)
    {
      if (l->pack)
        {
          SpMoney drawn;

          if (st->quantity_left <= 0 || st->running <= 0)
            return FALSE;
          drawn = MIN (l->balance, st->quantity_left);
          if (drawn == st->quantity_left)
            amount = st->running;
          else if (!sp_money_muldiv (st->running, drawn, st->quantity_left, SP_ROUND_HALF_UP,
                                     &amount))
            g_return_val_if_reached (FALSE);
          st->quantity_left -= drawn;
        }
      else
        {
          if (st->running <= 0)
            return FALSE;
          amount = MIN (l->balance, st->running);
        }
      st->running -= amount;
      st->totals.prepaid += amount;
    }
  else
    {
      gint g = -1;
      gboolean conflict = FALSE;
      SpMoney limit;

      for (guint j = 0; j < s->n_granted; j++)
        {
          if (s->granted[j].programme == l->programme)
            g = (gint) j;
          else if (l->exclusive || s->granted[j].exclusive)
            conflict = TRUE;
        }
      if (conflict)
        return FALSE;
      if (g < 0)
        {
          /* run() records the programme even when it then grants nothing */
          g = (gint) s->n_granted++;
          s->granted[g].programme = l->programme;
          s->granted[g].exclusive = l->exclusive;
          s->granted[g].granted = 0;
        }
      *undo_granted = (guint) g;
      *undo_amount = s->granted[g].granted;
      limit = fen_of (ctx, st->base, l->num, l->den, l->rounding) - s->granted[g].granted;
      if (l->cap_contract != SP_MONEY_UNKNOWN && l->cap_contract - s->granted[g].granted < limit)
        limit = l->cap_contract - s->granted[g].granted;
      if (l->cap_left != SP_MONEY_UNKNOWN && l->cap_left - s->granted[g].granted < limit)
        limit = l->cap_left - s->granted[g].granted;
      if (l->balance < limit)
        limit = l->balance;
      if (st->base - st->gov_total < limit)
        limit = st->base - st->gov_total;
      if (limit <= 0)
        return TRUE;  /* nothing granted, but the programme is recorded */
      s->granted[g].granted += limit;
      st->gov_total += limit;
      st->totals.government += limit;
      if (l->later)
        st->totals.later += limit;
    }
  st->totals.used++;
  return TRUE;
}

static void
lean_walk (Search *s,
           guint   k,
           Step    st)
{
  Step with = st;
  guint n_granted = s->n_granted;
  guint undo_granted = G_MAXUINT;
  SpMoney undo_amount = 0;

  if (k == s->first_gov)
    st.base = with.base = st.running;
  if (k == s->n_seq)
    {
      lean_leaf (s, &st);
      return;
    }
  /* left out */
  lean_walk (s, k + 1, st);
  /* included: a voucher that does not apply leaves the same totals as the
   * subset without it, with a higher mask, which never wins */
  with.mask |= 1u << s->seq[k];
  if (lean_apply (s, k, &with, &undo_granted, &undo_amount))
    {
      lean_walk (s, k + 1, with);
    }
  if (undo_granted != G_MAXUINT)
    s->granted[undo_granted].granted = undo_amount;
  s->n_granted = n_granted;
}

/* The lowest mask of the best totals (totals_better()) over every subset of
 * the usable vouchers */
static guint
lean_search (const Lean    *lean,
             SpProposeGoal  goal,
             Totals        *best)
{
  Search s = { 0, };
  Step st = { 0, };
  guint seq[SP_WALLET_EXHAUSTIVE_MAX];

  s.lean = lean;
  s.goal = goal;
  s.seq = seq;
  for (guint k = 0; k < lean->n_percent; k++)
    seq[s.n_seq++] = lean->percent_order[k];
  for (guint i = 0; i < lean->n; i++)
    if (lean->v[i].kind == SP_VOUCHER_DISCOUNT && lean->v[i].percent < 0)
      seq[s.n_seq++] = i;
  for (guint k = 0; k < lean->n_prepaid; k++)
    seq[s.n_seq++] = lean->prepaid_order[k];
  s.first_gov = s.n_seq;
  for (guint i = 0; i < lean->n; i++)
    if (lean->v[i].kind == SP_VOUCHER_GOVERNMENT)
      seq[s.n_seq++] = i;
  st.running = lean->ctx->list;
  st.quantity_left = lean->ctx->quantity;
  lean_walk (&s, 0, st);
  *best = s.best;
  return s.best_mask;
}

/* What lean_search() reads, as bytes: the goal, the list amount, quantity
 * and quantum, and what lean_init() took of each voucher and programme
 * (balances, rates, caps left this year…) with the two orders.  The same
 * key gives the same result, whatever the voucher objects or the wallet
 * went through in between. */
#define SEARCH_CACHE_MAX 8192

typedef struct {
  guint  mask;
  Totals best;
} SearchResult;

static GBytes *
search_key (const Lean    *lean,
            SpProposeGoal  goal)
{
  GByteArray *key = g_byte_array_new ();
  gint64 head[6] = { goal, lean->ctx->list, lean->ctx->quantity, lean->ctx->quantum,
                     lean->n, (gint64) lean->n_percent << 32 | lean->n_prepaid };

  g_byte_array_append (key, (const guint8 *) head, sizeof head);
  /* lean->v was zeroed, padding included (g_new0) */
  g_byte_array_append (key, (const guint8 *) lean->v, (guint) (lean->n * sizeof (LeanVoucher)));
  g_byte_array_append (key, (const guint8 *) lean->percent_order,
                       (guint) (lean->n_percent * sizeof (guint)));
  g_byte_array_append (key, (const guint8 *) lean->prepaid_order,
                       (guint) (lean->n_prepaid * sizeof (guint)));
  return g_byte_array_free_to_bytes (key);
}

static guint
lean_search_cached (SpWallet      *self,
                    const Lean    *lean,
                    SpProposeGoal  goal,
                    Totals        *best)
{
  g_autoptr(GBytes) key = search_key (lean, goal);
  SearchResult *hit, *fresh;

  g_mutex_lock (&self->cache_lock);
  hit = g_hash_table_lookup (self->search_cache, key);
  if (hit != NULL)
    {
      *best = hit->best;
      g_mutex_unlock (&self->cache_lock);
      return hit->mask;
    }
  g_mutex_unlock (&self->cache_lock);

  fresh = g_new (SearchResult, 1);
  fresh->mask = lean_search (lean, goal, &fresh->best);
  *best = fresh->best;
  g_mutex_lock (&self->cache_lock);
  if (g_hash_table_size (self->search_cache) >= SEARCH_CACHE_MAX)
    g_hash_table_remove_all (self->search_cache);
  g_hash_table_replace (self->search_cache, g_steal_pointer (&key), fresh);
  g_mutex_unlock (&self->cache_lock);
  return fresh->mask;
}

/* ---- public API ---- */

SpWallet *
sp_wallet_new (void)
{
  return g_object_new (SP_TYPE_WALLET, NULL);
}

void
sp_wallet_add_programme (SpWallet    *self,
                         SpProgramme *programme)
{
  g_return_if_fail (SP_IS_WALLET (self));
  g_return_if_fail (SP_IS_PROGRAMME (programme));

  g_hash_table_replace (self->programmes, g_strdup (sp_programme_get_id (programme)),
                        g_object_ref (programme));
}

void
sp_wallet_add_programmes (SpWallet  *self,
                          GPtrArray *programmes)
{
  g_return_if_fail (SP_IS_WALLET (self));
  g_return_if_fail (programmes != NULL);

  for (guint i = 0; i < programmes->len; i++)
    sp_wallet_add_programme (self, programmes->pdata[i]);
}

SpProgramme *
sp_wallet_lookup_programme (SpWallet   *self,
                            const char *id)
{
  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->programmes, id) : NULL;
}

gboolean
sp_wallet_add_voucher (SpWallet  *self,
                       SpVoucher *voucher)
{
  g_return_val_if_fail (SP_IS_WALLET (self), FALSE);
  g_return_val_if_fail (SP_IS_VOUCHER (voucher), FALSE);

  if (sp_wallet_lookup_voucher (self, sp_voucher_get_code (voucher)) != NULL)
    return FALSE;
  g_ptr_array_add (self->vouchers, g_object_ref (voucher));
  return TRUE;
}

GPtrArray *
sp_wallet_get_vouchers (SpWallet *self)
{
  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  return self->vouchers;
}

SpVoucher *
sp_wallet_lookup_voucher (SpWallet   *self,
                          const char *code)
{
  g_return_val_if_fail (SP_IS_WALLET (self), NULL);

  for (guint i = 0; code != NULL && i < self->vouchers->len; i++)
    if (g_str_equal (sp_voucher_get_code (self->vouchers->pdata[i]), code))
      return self->vouchers->pdata[i];
  return NULL;
}

void
sp_wallet_set_year_to_date (SpWallet   *self,
                            const char *programme_id,
                            SpMoney     amount)
{
  g_return_if_fail (SP_IS_WALLET (self));
  g_return_if_fail (programme_id != NULL);
  g_return_if_fail (amount >= 0);

  g_hash_table_replace (self->ytd, g_strdup (programme_id), g_memdup2 (&amount, sizeof amount));
}

SpMoney
sp_wallet_get_year_to_date (SpWallet   *self,
                            const char *programme_id)
{
  g_return_val_if_fail (SP_IS_WALLET (self), 0);
  g_return_val_if_fail (programme_id != NULL, 0);
  return year_to_date (self, programme_id);
}

SpBreakdown *
sp_wallet_evaluate (SpWallet           *self,
                    SpPurchase         *purchase,
                    const char * const *codes,
                    GError            **error)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  SpBreakdown *out;
  Totals totals;
  Ctx ctx;

  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), NULL);

  if (!ctx_init (&ctx, self, purchase, error))
    return NULL;

  if (codes == NULL)
    for (guint i = 0; i < self->vouchers->len; i++)
      g_ptr_array_add (order, self->vouchers->pdata[i]);
  else
    for (guint i = 0; codes[i] != NULL; i++)
      {
        SpVoucher *v = sp_wallet_lookup_voucher (self, codes[i]);

        if (v == NULL)
          {
            g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_INVALID,
                         _("There is no voucher “%s” in the wallet"), codes[i]);
            return NULL;
          }
        if (!g_ptr_array_find (order, v, NULL))
          g_ptr_array_add (order, v);
      }

  out = breakdown_for (&ctx);
  run (&ctx, (SpVoucher **) order->pdata, order->len, out, &totals);
  return out;
}

static void
explain_line (SpBreakdown           *out,
              Ctx                   *ctx,
              SpVoucher             *v,
              const SpBreakdownLine *line)
{
  g_autofree char *amount = money_text (ctx, line->amount);
  const char *name = voucher_name (v);

  if (line->kind == SP_VOUCHER_GOVERNMENT)
    {
      SpProgramme *p = sp_wallet_lookup_programme (ctx->wallet, line->programme_id);

      /* Translators: “Hangzhou compute vouchers (HZ-1) saves ¥300.00: 30% of …” */
      sp_breakdown_add_explanation (out, g_strdup_printf (_("%s (%s) saves %s: %s"),
                                                          sp_programme_get_name (p), name,
                                                          amount, line->note));
    }
  else
    sp_breakdown_add_explanation (out, g_strdup_printf (_("%s saves %s: %s"), name, amount,
                                                        line->note));
}

SpBreakdown *
sp_wallet_propose (SpWallet    *self,
                   SpPurchase  *purchase,
                   GError     **error)
{
  return sp_wallet_propose_for (self, purchase, SP_PROPOSE_LEAST_CASH, error);
}

SpBreakdown *
sp_wallet_propose_for (SpWallet       *self,
                       SpPurchase     *purchase,
                       SpProposeGoal   goal,
                       GError        **error)
{
  g_autoptr(GPtrArray) usable = g_ptr_array_new ();
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) trial = g_ptr_array_new ();
  g_autofree gboolean *picked = NULL;
  SpBreakdown *out;
  Totals best, t;
  Ctx ctx;

  g_return_val_if_fail (SP_IS_WALLET (self), NULL);
  g_return_val_if_fail (SP_IS_PURCHASE (purchase), NULL);

  if (!ctx_init (&ctx, self, purchase, error))
    return NULL;
  out = breakdown_for (&ctx);

  /* vouchers that cannot be used at all are refused up front */
  for (guint i = 0; i < self->vouchers->len; i++)
    {
      SpVoucher *v = self->vouchers->pdata[i];
      char *message = NULL;
      SpRefusal reason = check_static (&ctx, v, &message);

      if (reason == SP_REFUSAL_NONE && goal == SP_PROPOSE_LEAST_COST &&
          sp_voucher_get_kind (v) == SP_VOUCHER_PREPAID)
        /* drawing a pack never lowers the cost (it only shrinks what a
         * subsidy applies to), and ties go to less prepaid: not searched */
        sp_breakdown_add_explanation (out, g_strdup_printf (_("%s is not used: a prepaid balance is how a purchase is paid, not a saving"),
                                                            voucher_name (v)));
      else if (reason == SP_REFUSAL_NONE)
        g_ptr_array_add (usable, v);
      else
        sp_breakdown_add_refusal (out, sp_voucher_get_code (v), reason, message);
    }
  picked = g_new0 (gboolean, MAX (usable->len, 1));

  run (&ctx, NULL, 0, NULL, &best);
  if (usable->len <= SP_WALLET_EXHAUSTIVE_MAX)
    {
      guint best_mask = 0;
      Lean lean;

      lean_init (&lean, &ctx, (SpVoucher **) usable->pdata, usable->len);
      best_mask = lean_search_cached (self, &lean, goal, &best);
      for (guint i = 0; i < usable->len; i++)
        picked[i] = (best_mask & (1u << i)) != 0;
      lean_clear (&lean);
    }
  else
    {
      /* greedy: add the voucher that lowers the cost most, while one does */
      for (;;)
        {
          gint best_i = -1;
          Totals step = best;

          for (guint i = 0; i < usable->len; i++)
            {
              if (picked[i])
                continue;
              g_ptr_array_set_size (trial, 0);
              for (guint j = 0; j < usable->len; j++)
                if (picked[j] || j == i)
                  g_ptr_array_add (trial, usable->pdata[j]);
              run (&ctx, (SpVoucher **) trial->pdata, trial->len, NULL, &t);
              if (totals_better (&t, &step, goal))
                {
                  step = t;
                  best_i = (gint) i;
                }
            }
          if (best_i < 0 ||
              !(totals_goal (&step, goal) < totals_goal (&best, goal) ||
                (totals_goal (&step, goal) == totals_goal (&best, goal) &&
                 step.prepaid < best.prepaid)))
            break;
          picked[best_i] = TRUE;
          best = step;
        }
    }

  for (guint i = 0; i < usable->len; i++)
    if (picked[i])
      g_ptr_array_add (chosen, usable->pdata[i]);
  run (&ctx, (SpVoucher **) chosen->pdata, chosen->len, out, &t);
  g_assert (t.net == best.net && t.prepaid == best.prepaid && t.platform == best.platform &&
            t.government == best.government && t.used == best.used);

  /* explanation: what each chosen voucher saves … */
  for (guint i = 0; i < sp_breakdown_get_n_lines (out); i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (out, i);

      explain_line (out, &ctx, sp_wallet_lookup_voucher (self, line->code), line);
    }
  /* … and why each usable one was left out */
  for (guint i = 0; i < usable->len; i++)
    {
      SpVoucher *v = usable->pdata[i];
      g_autoptr(SpBreakdown) scratch = NULL;
      const SpBreakdownRefusal *r;

      if (picked[i])
        continue;
      g_ptr_array_set_size (trial, 0);
      g_ptr_array_extend (trial, chosen, NULL, NULL);
      g_ptr_array_add (trial, v);
      scratch = breakdown_for (&ctx);
      run (&ctx, (SpVoucher **) trial->pdata, trial->len, scratch, &t);
      r = sp_breakdown_find_refusal (scratch, sp_voucher_get_code (v));
      if (r != NULL)
        {
          sp_breakdown_add_refusal (out, r->code, r->reason, g_strdup (r->message));
          sp_breakdown_add_explanation (out, g_strdup_printf (_("%s is not used: %s"),
                                                              voucher_name (v), r->message));
        }
      else
        sp_breakdown_add_explanation (out, g_strdup_printf (_("%s is not used: it would not lower the net cost"),
                                                            voucher_name (v)));
    }
  {
    g_autofree char *cash = money_text (&ctx, sp_breakdown_get_company_cash (out));
    g_autofree char *later = money_text (&ctx, sp_breakdown_get_reimbursed_later (out));
    g_autofree char *net = money_text (&ctx, sp_breakdown_get_net (out));

    if (sp_breakdown_get_reimbursed_later (out) > 0)
      sp_breakdown_add_explanation (out, g_strdup_printf (_("The company pays %s now and gets %s back after settlement: net cost %s"),
                                                          cash, later, net));
    else
      sp_breakdown_add_explanation (out, g_strdup_printf (_("The company pays %s"), cash));
  }
  return out;
}

gboolean
sp_wallet_commit (SpWallet     *self,
                  SpBreakdown  *breakdown,
                  GError      **error)
{
  guint n;

  g_return_val_if_fail (SP_IS_WALLET (self), FALSE);
  g_return_val_if_fail (SP_IS_BREAKDOWN (breakdown), FALSE);

  n = sp_breakdown_get_n_lines (breakdown);
  /* check everything first: all or nothing */
  for (guint i = 0; i < n; i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (breakdown, i);
      SpVoucher *v = sp_wallet_lookup_voucher (self, line->code);
      SpMoney need;
      gboolean ok;

      if (v == NULL || sp_voucher_get_kind (v) != line->kind)
        ok = FALSE;
      else if (line->kind == SP_VOUCHER_DISCOUNT)
        ok = !(sp_voucher_get_single_use (v) && sp_voucher_get_used (v));
      else
        {
          need = line->quantity != SP_MONEY_UNKNOWN ? line->quantity : line->amount;
          /* the same voucher may appear once per breakdown */
          ok = sp_voucher_get_balance (v) >= need;
        }
      if (ok && line->kind == SP_VOUCHER_GOVERNMENT)
        {
          SpProgramme *p = sp_wallet_lookup_programme (self, line->programme_id);
          SpMoney cap = p != NULL ? sp_programme_get_cap_per_year (p) : SP_MONEY_UNKNOWN;

          ok = p != NULL && (cap == SP_MONEY_UNKNOWN ||
                             year_to_date (self, line->programme_id) +
                             sp_breakdown_get_government_for (breakdown, line->programme_id) <=
                             cap);
        }
      if (!ok)
        {
          g_set_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_STALE,
                       _("Voucher “%s” changed since the price was worked out; work it out again"),
                       line->code);
          return FALSE;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const SpBreakdownLine *line = sp_breakdown_get_line (breakdown, i);
      SpVoucher *v = sp_wallet_lookup_voucher (self, line->code);

      if (line->kind == SP_VOUCHER_DISCOUNT)
        {
          if (sp_voucher_get_single_use (v))
            sp_voucher_set_used (v, TRUE);
        }
      else
        {
          SpMoney drawn = line->quantity != SP_MONEY_UNKNOWN ? line->quantity : line->amount;

          sp_voucher_set_balance (v, sp_voucher_get_balance (v) - drawn);
        }
      if (line->kind == SP_VOUCHER_GOVERNMENT)
        sp_wallet_set_year_to_date (self, line->programme_id,
                                    year_to_date (self, line->programme_id) + line->amount);
    }
  return TRUE;
}
