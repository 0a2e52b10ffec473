/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakdown.c — who pays what for one purchase */
#include "config.h"

#include "sp-breakdown.h"

struct _SpBreakdown
{
  GObject     parent_instance;

  char       *currency;
  char       *list_currency;
  SpMoney     exchange_rate;
  SpMoney     list_original;
  SpMoney     list;
  SpMoney     platform;
  SpMoney     prepaid;
  SpMoney     government;
  SpMoney     reimbursed_later;
  GArray     *lines;        /* SpBreakdownLine */
  GArray     *refusals;     /* SpBreakdownRefusal */
  GPtrArray  *explanation;  /* char*, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (SpBreakdown, sp_breakdown, G_TYPE_OBJECT)

static void
line_clear (gpointer data)
{
  SpBreakdownLine *line = data;

  g_free (line->code);
  g_free (line->programme_id);
  g_free (line->note);
}

static void
refusal_clear (gpointer data)
{
  SpBreakdownRefusal *refusal = data;

  g_free (refusal->code);
  g_free (refusal->message);
}

static void
sp_breakdown_finalize (GObject *object)
{
  SpBreakdown *self = SP_BREAKDOWN (object);

  g_free (self->currency);
  g_free (self->list_currency);
  g_array_unref (self->lines);
  g_array_unref (self->refusals);
  g_ptr_array_unref (self->explanation);

  G_OBJECT_CLASS (sp_breakdown_parent_class)->finalize (object);
}

static void
sp_breakdown_class_init (SpBreakdownClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_breakdown_finalize;
}

static void
sp_breakdown_init (SpBreakdown *self)
{
  self->lines = g_array_new (FALSE, TRUE, sizeof (SpBreakdownLine));
  g_array_set_clear_func (self->lines, line_clear);
  self->refusals = g_array_new (FALSE, TRUE, sizeof (SpBreakdownRefusal));
  g_array_set_clear_func (self->refusals, refusal_clear);
  self->explanation = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->explanation, NULL);
}

SpBreakdown *
sp_breakdown_new (const char *currency,
                  const char *list_currency,
                  SpMoney     exchange_rate,
                  SpMoney     list_original,
                  SpMoney     list)
{
  SpBreakdown *self;

  g_return_val_if_fail (currency != NULL && list_currency != NULL, NULL);

  self = g_object_new (SP_TYPE_BREAKDOWN, NULL);
  self->currency = g_strdup (currency);
  self->list_currency = g_strdup (list_currency);
  self->exchange_rate = exchange_rate;
  self->list_original = list_original;
  self->list = list;
  return self;
}

void
sp_breakdown_add_line (SpBreakdown           *self,
                       const SpBreakdownLine *line)
{
  SpBreakdownLine copy;

  g_return_if_fail (SP_IS_BREAKDOWN (self));
  g_return_if_fail (line != NULL && line->code != NULL && line->amount >= 0);

  copy = *line;
  copy.code = g_strdup (line->code);
  copy.programme_id = g_strdup (line->programme_id);
  /* the note is taken */
  g_array_append_val (self->lines, copy);

  switch (line->kind)
    {
    case SP_VOUCHER_DISCOUNT:
      self->platform += line->amount;
      break;
    case SP_VOUCHER_PREPAID:
      self->prepaid += line->amount;
      break;
    case SP_VOUCHER_GOVERNMENT:
    default:
      self->government += line->amount;
      if (line->reimbursed_later)
        self->reimbursed_later += line->amount;
      break;
    }
}

void
sp_breakdown_add_refusal (SpBreakdown *self,
                          const char  *code,
                          SpRefusal    reason,
                          char        *message)
{
  SpBreakdownRefusal refusal = { g_strdup (code), reason, message };

  g_return_if_fail (SP_IS_BREAKDOWN (self));
  g_array_append_val (self->refusals, refusal);
}

void
sp_breakdown_add_explanation (SpBreakdown *self,
                              char        *sentence)
{
  g_return_if_fail (SP_IS_BREAKDOWN (self));
  g_return_if_fail (sentence != NULL);

  g_ptr_array_insert (self->explanation, (gint) self->explanation->len - 1, sentence);
}

#define GETTER(type, name, fallback)                   \
  type                                                 \
  sp_breakdown_get_##name (SpBreakdown *self)          \
  {                                                    \
    g_return_val_if_fail (SP_IS_BREAKDOWN (self), fallback); \
    return self->name;                                 \
  }

GETTER (const char *, currency, NULL)
GETTER (const char *, list_currency, NULL)
GETTER (SpMoney, exchange_rate, SP_MONEY_UNKNOWN)
GETTER (SpMoney, list_original, SP_MONEY_UNKNOWN)
GETTER (SpMoney, list, SP_MONEY_UNKNOWN)
GETTER (SpMoney, platform, 0)
GETTER (SpMoney, prepaid, 0)
GETTER (SpMoney, government, 0)
GETTER (SpMoney, reimbursed_later, 0)

SpMoney
sp_breakdown_get_contract (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), SP_MONEY_UNKNOWN);
  return self->list - self->platform;
}

SpMoney
sp_breakdown_get_net (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), SP_MONEY_UNKNOWN);
  return self->list - self->platform - self->prepaid - self->government;
}

SpMoney
sp_breakdown_get_cost (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), SP_MONEY_UNKNOWN);
  return self->list - self->platform - self->government;
}

SpMoney
sp_breakdown_get_company_cash (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), SP_MONEY_UNKNOWN);
  return sp_breakdown_get_net (self) + self->reimbursed_later;
}

SpMoney
sp_breakdown_get_government_for (SpBreakdown *self,
                                 const char  *programme_id)
{
  SpMoney total = 0;

  g_return_val_if_fail (SP_IS_BREAKDOWN (self), 0);
  g_return_val_if_fail (programme_id != NULL, 0);

  for (guint i = 0; i < self->lines->len; i++)
    {
      const SpBreakdownLine *line = &g_array_index (self->lines, SpBreakdownLine, i);

      if (line->kind == SP_VOUCHER_GOVERNMENT && g_strcmp0 (line->programme_id, programme_id) == 0)
        total += line->amount;
    }
  return total;
}

guint
sp_breakdown_get_n_lines (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), 0);
  return self->lines->len;
}

const SpBreakdownLine *
sp_breakdown_get_line (SpBreakdown *self,
                       guint        i)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), NULL);
  g_return_val_if_fail (i < self->lines->len, NULL);
  return &g_array_index (self->lines, SpBreakdownLine, i);
}

const SpBreakdownLine *
sp_breakdown_find_line (SpBreakdown *self,
                        const char  *code)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), NULL);

  for (guint i = 0; code != NULL && i < self->lines->len; i++)
    if (g_str_equal (g_array_index (self->lines, SpBreakdownLine, i).code, code))
      return &g_array_index (self->lines, SpBreakdownLine, i);
  return NULL;
}

guint
sp_breakdown_get_n_refusals (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), 0);
  return self->refusals->len;
}

gboolean
sp_breakdown_refuses_every_amount (SpBreakdown *self,
                                   guint        n_vouchers)
{
  guint n;

  g_return_val_if_fail (SP_IS_BREAKDOWN (self), FALSE);
  n = self->refusals->len;
  if (self->lines->len > 0 || n != n_vouchers)
    return FALSE;
  for (guint i = 0; i < n; i++)
    switch (sp_breakdown_get_refusal (self, i)->reason)
      {
      case SP_REFUSAL_MIN_SPEND:
      case SP_REFUSAL_NOTHING_LEFT:
      case SP_REFUSAL_DOUBLE_SUBSIDY:
      case SP_REFUSAL_NO_QUANTITY:
      case SP_REFUSAL_NONE:
        return FALSE;
      default:
        break;
      }
  return TRUE;
}

const SpBreakdownRefusal *
sp_breakdown_get_refusal (SpBreakdown *self,
                          guint        i)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), NULL);
  g_return_val_if_fail (i < self->refusals->len, NULL);
  return &g_array_index (self->refusals, SpBreakdownRefusal, i);
}

const SpBreakdownRefusal *
sp_breakdown_find_refusal (SpBreakdown *self,
                           const char  *code)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), NULL);

  for (guint i = 0; code != NULL && i < self->refusals->len; i++)
    if (g_str_equal (g_array_index (self->refusals, SpBreakdownRefusal, i).code, code))
      return &g_array_index (self->refusals, SpBreakdownRefusal, i);
  return NULL;
}

const char * const *
sp_breakdown_get_explanation (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), NULL);
  return (const char * const *) self->explanation->pdata;
}

char *
sp_breakdown_dup_explanation_text (SpBreakdown *self)
{
  g_return_val_if_fail (SP_IS_BREAKDOWN (self), NULL);
  return g_strjoinv ("\n", (char **) self->explanation->pdata);
}
