/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-purchase.c — one planned purchase, as the voucher rules see it */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sp-purchase.h"

/* one fen (cent) in micro-units */
#define FEN G_GINT64_CONSTANT (10000)

struct _SpPurchase
{
  GObject     parent_instance;

  char       *vendor_id;
  GStrv       programme_tags;
  gboolean    vendor_affiliated;
  SpItemKind  item_kind;
  SpCategory  category;
  SpMoney     list_amount;
  /* the exact list amount: list_num / list_den micro-units of list_currency
   * (list_den 0: list_amount is the exact amount) */
  SpInt128    list_num;
  gint64      list_den;
  SpMoney     quantum;
  char       *list_currency;
  char       *pay_currency;
  SpMoney     exchange_rate;
  SpMoney     rate_inverse; /* > 0: one paid unit costs this many micro list units */
  guint32     date;
  guint32     contract_start;
  guint32     contract_end;
  SpMoney     quantity;
  gboolean    startup;
};

G_DEFINE_FINAL_TYPE (SpPurchase, sp_purchase, G_TYPE_OBJECT)

static const char * const item_kind_names[SP_ITEM_N_KINDS] = {
  "gpu", "npu", "tpu", "cpu", "tokens", "storage", "network",
};

static const char * const category_names[SP_CATEGORY_N] = {
  "domestic-compute", "other-compute", "model-service",
};

static void
sp_purchase_finalize (GObject *object)
{
  SpPurchase *self = SP_PURCHASE (object);

  g_free (self->vendor_id);
  g_strfreev (self->programme_tags);
  g_free (self->list_currency);
  g_free (self->pay_currency);

  G_OBJECT_CLASS (sp_purchase_parent_class)->finalize (object);
}

static void
sp_purchase_class_init (SpPurchaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_purchase_finalize;
}

static void
sp_purchase_init (SpPurchase *self)
{
  self->item_kind = SP_ITEM_GPU;
  self->category = SP_CATEGORY_OTHER_COMPUTE;
  self->list_amount = SP_MONEY_UNKNOWN;
  self->exchange_rate = SP_MONEY_SCALE;
  self->quantity = SP_MONEY_UNKNOWN;
  self->quantum = FEN;
}

/* num / den rounded half up (away from zero) to a multiple of @quantum;
 * FALSE when the result is beyond SP_MONEY_MAX */
static gboolean
round_fraction (SpInt128  num,
                SpInt128  den,
                SpMoney   quantum,
                SpMoney  *out)
{
  SpInt128 q, r;
  gboolean negative = num < 0;

  g_assert (den > 0 && quantum > 0);
  if (negative)
    num = -num;
  if (__builtin_mul_overflow (den, (SpInt128) quantum, &den))
    return FALSE;
  q = num / den;
  r = num % den;
  if (r >= den - r)
    q++;
  if (q > SP_MONEY_MAX / quantum)
    return FALSE;
  *out = (SpMoney) q * quantum * (negative ? -1 : 1);
  return TRUE;
}

const char *
sp_item_kind_to_string (SpItemKind kind)
{
  g_return_val_if_fail ((guint) kind < SP_ITEM_N_KINDS, NULL);
  return item_kind_names[kind];
}

gboolean
sp_item_kind_from_string (const char *str,
                          SpItemKind *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < SP_ITEM_N_KINDS; i++)
    if (g_str_equal (str, item_kind_names[i]))
      {
        *out = (SpItemKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sp_item_kind_unit (SpItemKind kind)
{
  switch (kind)
    {
    case SP_ITEM_GPU:
    case SP_ITEM_NPU:
    case SP_ITEM_TPU:
      return "card-hours";
    case SP_ITEM_CPU:
      return "core-hours";
    case SP_ITEM_TOKENS:
      return "tokens";
    case SP_ITEM_STORAGE:
    case SP_ITEM_NETWORK:
    default:
      return NULL;
    }
}

const char *
sp_category_to_string (SpCategory category)
{
  g_return_val_if_fail ((guint) category < SP_CATEGORY_N, NULL);
  return category_names[category];
}

gboolean
sp_category_from_string (const char *str,
                         SpCategory *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < SP_CATEGORY_N; i++)
    if (g_str_equal (str, category_names[i]))
      {
        *out = (SpCategory) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sp_category_label (SpCategory category)
{
  switch (category)
    {
    case SP_CATEGORY_DOMESTIC_COMPUTE:
      return _("domestic compute");
    case SP_CATEGORY_OTHER_COMPUTE:
      return _("other compute");
    case SP_CATEGORY_MODEL_SERVICE:
      return _("model services");
    default:
      return "";
    }
}

gboolean
sp_date_parse_iso (const char *text,
                   guint32    *julian)
{
  guint y, m, d;
  char tail;

  g_return_val_if_fail (julian != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (y < 1 || m < 1 || m > 12 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    *julian = g_date_get_julian (&date);
  }
  return TRUE;
}

guint32
sp_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

char *
sp_date_to_iso (guint32 julian)
{
  GDate date;

  g_return_val_if_fail (g_date_valid_julian (julian), NULL);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

SpPurchase *
sp_purchase_new (void)
{
  return g_object_new (SP_TYPE_PURCHASE, NULL);
}

void
sp_purchase_set_vendor (SpPurchase *self,
                        const char *vendor_id)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  g_free (self->vendor_id);
  self->vendor_id = g_strdup (vendor_id);
}

const char *
sp_purchase_get_vendor (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), NULL);
  return self->vendor_id;
}

void
sp_purchase_set_programme_tags (SpPurchase         *self,
                                const char * const *ids)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  g_strfreev (self->programme_tags);
  self->programme_tags = g_strdupv ((char **) ids);
}

const char * const *
sp_purchase_get_programme_tags (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), NULL);
  return (const char * const *) self->programme_tags;
}

gboolean
sp_purchase_has_programme_tag (SpPurchase *self,
                               const char *programme_id)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);
  return self->programme_tags != NULL && programme_id != NULL &&
         g_strv_contains ((const char * const *) self->programme_tags, programme_id);
}

void
sp_purchase_set_vendor_affiliated (SpPurchase *self,
                                   gboolean    affiliated)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  self->vendor_affiliated = !!affiliated;
}

gboolean
sp_purchase_get_vendor_affiliated (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);
  return self->vendor_affiliated;
}

void
sp_purchase_set_item_kind (SpPurchase *self,
                           SpItemKind  kind)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  g_return_if_fail ((guint) kind < SP_ITEM_N_KINDS);
  self->item_kind = kind;
}

SpItemKind
sp_purchase_get_item_kind (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), SP_ITEM_GPU);
  return self->item_kind;
}

void
sp_purchase_set_category (SpPurchase *self,
                          SpCategory  category)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  g_return_if_fail ((guint) category < SP_CATEGORY_N);
  self->category = category;
}

SpCategory
sp_purchase_get_category (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), SP_CATEGORY_OTHER_COMPUTE);
  return self->category;
}

void
sp_purchase_set_list_amount (SpPurchase *self,
                             SpMoney     amount,
                             const char *currency)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  g_return_if_fail (currency != NULL);

  self->list_amount = amount;
  self->list_den = 0;
  self->rate_inverse = 0;
  g_free (self->list_currency);
  self->list_currency = g_ascii_strup (currency, -1);
  g_free (self->pay_currency);
  self->pay_currency = g_strdup (self->list_currency);
  self->exchange_rate = SP_MONEY_SCALE;
}

SpMoney
sp_purchase_get_list_amount (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), SP_MONEY_UNKNOWN);
  return self->list_amount;
}

const char *
sp_purchase_get_list_currency (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), NULL);
  return self->list_currency;
}

/* Σ prices × quantities (exact) and that ÷ @den rounded to the fen */
static gboolean
list_parts_sum (guint          n,
                const SpMoney *prices,
                const SpMoney *quantities,
                gint64         den,
                SpInt128      *num,
                SpMoney       *rounded)
{
  *num = 0;
  for (guint i = 0; i < n; i++)
    {
      SpInt128 part;

      if (prices[i] == SP_MONEY_UNKNOWN || quantities[i] == SP_MONEY_UNKNOWN ||
          prices[i] < 0 || quantities[i] < 0)
        return FALSE;
      /* each product < 2^126; a few of them cannot overflow 2^127 … */
      part = (SpInt128) prices[i] * quantities[i];
      if (__builtin_add_overflow (*num, part, num))
        return FALSE;
    }
  /* … but the amount must fit the money type once rounded */
  return round_fraction (*num, den, FEN, rounded);
}

gboolean
sp_purchase_set_list_parts (SpPurchase    *self,
                            guint          n,
                            const SpMoney *prices,
                            const SpMoney *quantities,
                            gint64         den,
                            const char    *currency)
{
  SpInt128 num;
  SpMoney rounded;

  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);
  g_return_val_if_fail (n == 0 || (prices != NULL && quantities != NULL), FALSE);
  g_return_val_if_fail (den > 0 && currency != NULL, FALSE);

  if (!list_parts_sum (n, prices, quantities, den, &num, &rounded))
    return FALSE;
  sp_purchase_set_list_amount (self, rounded, currency);
  self->list_num = num;
  self->list_den = den;
  return TRUE;
}

gboolean
sp_purchase_replace_list_parts (SpPurchase    *self,
                                guint          n,
                                const SpMoney *prices,
                                const SpMoney *quantities,
                                gint64         den)
{
  SpInt128 num;
  SpMoney rounded;

  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);
  g_return_val_if_fail (n == 0 || (prices != NULL && quantities != NULL), FALSE);
  g_return_val_if_fail (den > 0, FALSE);

  if (self->list_currency == NULL || !list_parts_sum (n, prices, quantities, den, &num, &rounded))
    return FALSE;
  self->list_amount = rounded;
  self->list_num = num;
  self->list_den = den;
  return TRUE;
}

gboolean
sp_purchase_get_list_paid (SpPurchase *self,
                           SpMoney     quantum,
                           SpMoney    *out)
{
  SpInt128 num, den;
  gboolean same;

  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);
  g_return_val_if_fail (quantum > 0 && out != NULL, FALSE);

  same = g_strcmp0 (self->list_currency, self->pay_currency) == 0;
  if (self->list_amount == SP_MONEY_UNKNOWN || (!same && self->exchange_rate <= 0))
    return FALSE;
  /* same currency, and an amount the caller rounded: as given */
  if (same && self->list_den == 0)
    {
      *out = self->list_amount;
      return TRUE;
    }
  num = self->list_den == 0 ? self->list_amount : self->list_num;
  den = self->list_den == 0 ? 1 : self->list_den;
  if (same)
    return round_fraction (num, den, quantum, out);
  /* × rate / 10^6, or ÷ (inverse / 10^6): one exact fraction, one rounding */
  if (self->rate_inverse > 0 ? (__builtin_mul_overflow (num, (SpInt128) SP_MONEY_SCALE, &num) ||
                                __builtin_mul_overflow (den, (SpInt128) self->rate_inverse, &den))
                             : (__builtin_mul_overflow (num, (SpInt128) self->exchange_rate, &num) ||
                                __builtin_mul_overflow (den, (SpInt128) SP_MONEY_SCALE, &den)))
    return FALSE;
  return round_fraction (num, den, quantum, out);
}

void
sp_purchase_set_quantum (SpPurchase *self,
                         SpMoney     quantum)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  g_return_if_fail (quantum > 0 && quantum <= FEN && FEN % quantum == 0);
  self->quantum = quantum;
}

SpMoney
sp_purchase_get_quantum (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), FEN);
  return self->quantum;
}

void
sp_purchase_set_payment (SpPurchase *self,
                         const char *currency,
                         SpMoney     rate)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  g_return_if_fail (currency != NULL);

  g_free (self->pay_currency);
  self->pay_currency = g_ascii_strup (currency, -1);
  self->exchange_rate = rate;
  self->rate_inverse = 0;
}

void
sp_purchase_set_payment_inverse (SpPurchase *self,
                                 const char *currency,
                                 SpMoney     inverse)
{
  SpMoney rate = 0;

  g_return_if_fail (SP_IS_PURCHASE (self));
  g_return_if_fail (currency != NULL);

  /* the rate as recorded (micro-units of @currency per list unit), rounded
   * once; the conversion itself divides by @inverse exactly */
  if (inverse <= 0 ||
      !sp_money_muldiv (SP_MONEY_SCALE, SP_MONEY_SCALE, inverse, SP_ROUND_HALF_UP, &rate))
    rate = 0;
  sp_purchase_set_payment (self, currency, rate);
  self->rate_inverse = rate > 0 ? inverse : 0;
}

const char *
sp_purchase_get_pay_currency (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), NULL);
  return self->pay_currency;
}

SpMoney
sp_purchase_get_exchange_rate (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), SP_MONEY_UNKNOWN);
  return self->exchange_rate;
}

void
sp_purchase_set_date (SpPurchase *self,
                      guint32     julian)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  self->date = julian;
}

gboolean
sp_purchase_set_date_iso (SpPurchase *self,
                          const char *ymd)
{
  guint32 julian;

  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);

  if (!sp_date_parse_iso (ymd, &julian))
    return FALSE;
  self->date = julian;
  return TRUE;
}

void
sp_purchase_set_time (SpPurchase *self,
                      GDateTime  *time)
{
  GDate date;
  int y, m, d;

  g_return_if_fail (SP_IS_PURCHASE (self));
  g_return_if_fail (time != NULL);

  g_date_time_get_ymd (time, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  self->date = g_date_get_julian (&date);
}

guint32
sp_purchase_get_date (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), 0);
  return self->date;
}

void
sp_purchase_set_contract_period (SpPurchase *self,
                                 guint32     start,
                                 guint32     end)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  self->contract_start = start;
  self->contract_end = end;
}

gboolean
sp_purchase_set_contract_period_iso (SpPurchase *self,
                                     const char *start,
                                     const char *end)
{
  guint32 s, e;

  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);

  if (!sp_date_parse_iso (start, &s) || !sp_date_parse_iso (end, &e) || e < s)
    return FALSE;
  self->contract_start = s;
  self->contract_end = e;
  return TRUE;
}

void
sp_purchase_get_contract_period (SpPurchase *self,
                                 guint32    *start,
                                 guint32    *end)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  if (start != NULL)
    *start = self->contract_start;
  if (end != NULL)
    *end = self->contract_end;
}

void
sp_purchase_set_quantity (SpPurchase *self,
                          SpMoney     quantity)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  self->quantity = quantity;
}

SpMoney
sp_purchase_get_quantity (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), SP_MONEY_UNKNOWN);
  return self->quantity;
}

void
sp_purchase_set_startup (SpPurchase *self,
                         gboolean    startup)
{
  g_return_if_fail (SP_IS_PURCHASE (self));
  self->startup = !!startup;
}

gboolean
sp_purchase_get_startup (SpPurchase *self)
{
  g_return_val_if_fail (SP_IS_PURCHASE (self), FALSE);
  return self->startup;
}
