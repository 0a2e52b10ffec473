/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-voucher.c — one voucher in the wallet: government, discount or prepaid */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-voucher.h"
#include "sp-voucher-private.h"

struct _SpVoucher
{
  GObject        parent_instance;

  SpVoucherKind  kind;
  char          *code;
  char          *label;
  char          *programme;   /* government */
  SpMoney        face_value;  /* government */
  SpMoney        balance;     /* government, prepaid */
  char          *currency;    /* NULL: percent discount, quantity pack */
  gint           percent;     /* discount: basis points, or -1 */
  SpMoney        amount;      /* discount: fixed amount, or unknown */
  SpMoney        min_spend;
  gboolean       single_use;
  gboolean       used;
  GStrv          vendors;
  char          *unit;        /* prepaid quantity packs */
  guint32        valid_from;
  guint32        valid_to;
};

G_DEFINE_FINAL_TYPE (SpVoucher, sp_voucher, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-voucher-error-quark, sp_voucher_error)

static const char * const kind_names[] = { "government", "discount", "prepaid", NULL };
static const char * const unit_names[] = { "tokens", "card-hours", "core-hours", NULL };

static void
sp_voucher_finalize (GObject *object)
{
  SpVoucher *self = SP_VOUCHER (object);

  g_free (self->code);
  g_free (self->label);
  g_free (self->programme);
  g_free (self->currency);
  g_strfreev (self->vendors);
  g_free (self->unit);

  G_OBJECT_CLASS (sp_voucher_parent_class)->finalize (object);
}

static void
sp_voucher_class_init (SpVoucherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_voucher_finalize;
}

static void
sp_voucher_init (SpVoucher *self)
{
  self->face_value = SP_MONEY_UNKNOWN;
  self->balance = SP_MONEY_UNKNOWN;
  self->percent = -1;
  self->amount = SP_MONEY_UNKNOWN;
  self->min_spend = SP_MONEY_UNKNOWN;
}

static SpVoucher *
voucher_new (SpVoucherKind  kind,
             const char    *code)
{
  SpVoucher *self = g_object_new (SP_TYPE_VOUCHER, NULL);

  self->kind = kind;
  self->code = g_strdup (code);
  return self;
}

static SpVoucher *
voucher_from_json (JsonObject  *obj,
                   const char  *prefix,
                   GError     **error)
{
  g_autoptr(SpVoucher) self = NULL;
  const char *code, *currency, *text;
  g_autofree char *label_en = NULL;
  g_autofree char *label_zh = NULL;
  int kind = -1;

  if (!sp_vjson_string (obj, prefix, "code", TRUE, &code, error) ||
      !sp_vjson_enum (obj, prefix, "kind", kind_names, &kind, error))
    return NULL;
  if (*code == '\0')
    return sp_vjson_bad (error, prefix, "code", _("a code that is not empty")), NULL;
  if (kind < 0)
    return sp_vjson_bad (error, prefix, "kind",
                         _("“government”, “discount” or “prepaid”")), NULL;

  self = voucher_new ((SpVoucherKind) kind, code);
  if (!sp_vjson_text (obj, prefix, "label", FALSE, &label_en, &label_zh, error) ||
      !sp_vjson_date (obj, prefix, "valid_from", &self->valid_from, error) ||
      !sp_vjson_date (obj, prefix, "valid_to", &self->valid_to, error) ||
      !sp_vjson_string (obj, prefix, "currency", FALSE, &currency, error))
    return NULL;
  self->label = g_strdup (label_zh != NULL && sp_voucher_ui_is_chinese () ? label_zh : label_en);
  if (self->valid_from != 0 && self->valid_to != 0 && self->valid_to < self->valid_from)
    return sp_vjson_bad (error, prefix, "valid_to", _("a date on or after “valid_from”")), NULL;

  switch (self->kind)
    {
    case SP_VOUCHER_GOVERNMENT:
      if (!sp_vjson_id (obj, prefix, "programme", TRUE, &text, error) ||
          !sp_vjson_money (obj, prefix, "face_value", TRUE, &self->face_value, error) ||
          !sp_vjson_money (obj, prefix, "balance", FALSE, &self->balance, error))
        return NULL;
      self->programme = g_strdup (text);
      if (self->balance == SP_MONEY_UNKNOWN)
        self->balance = self->face_value;
      if (self->balance > self->face_value)
        return sp_vjson_bad (error, prefix, "balance", _("no more than the face value")), NULL;
      self->currency = g_ascii_strup (currency != NULL ? currency : "CNY", -1);
      break;

    case SP_VOUCHER_DISCOUNT:
      if (!sp_vjson_percent (obj, prefix, "percent", FALSE, &self->percent, error) ||
          !sp_vjson_money (obj, prefix, "amount", FALSE, &self->amount, error) ||
          !sp_vjson_money (obj, prefix, "min_spend", FALSE, &self->min_spend, error) ||
          !sp_vjson_bool (obj, prefix, "single_use", &self->single_use, error) ||
          !sp_vjson_bool (obj, prefix, "used", &self->used, error) ||
          !sp_vjson_strv (obj, prefix, "vendors", &self->vendors, error))
        return NULL;
      if ((self->percent < 0) == (self->amount == SP_MONEY_UNKNOWN))
        return sp_vjson_bad (error, prefix, "percent",
                             _("given, or “amount” given, but not both")), NULL;
      if (self->amount != SP_MONEY_UNKNOWN || self->min_spend != SP_MONEY_UNKNOWN)
        self->currency = g_ascii_strup (currency != NULL ? currency : "CNY", -1);
      break;

    case SP_VOUCHER_PREPAID:
    default:
      {
        int unit = -1;

        if (!sp_vjson_id (obj, prefix, "vendor", TRUE, &text, error) ||
            !sp_vjson_enum (obj, prefix, "unit", unit_names, &unit, error) ||
            !sp_vjson_money (obj, prefix, "balance", TRUE, &self->balance, error))
          return NULL;
        self->vendors = g_new0 (char *, 2);
        self->vendors[0] = g_strdup (text);
        if (unit >= 0)
          self->unit = g_strdup (unit_names[unit]);
        else
          self->currency = g_ascii_strup (currency != NULL ? currency : "CNY", -1);
      }
      break;
    }
  return g_steal_pointer (&self);
}

const char *
sp_voucher_kind_to_string (SpVoucherKind kind)
{
  g_return_val_if_fail ((guint) kind <= SP_VOUCHER_PREPAID, NULL);
  return kind_names[kind];
}

gboolean
sp_voucher_kind_from_string (const char    *str,
                             SpVoucherKind *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; str != NULL && kind_names[i] != NULL; i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *out = (SpVoucherKind) i;
        return TRUE;
      }
  return FALSE;
}

GPtrArray *
sp_voucher_list_from_data (const char *data,
                           gsize       len,
                           GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (!sp_vjson_open (data, len, "suanpan_vouchers", "vouchers", &parser, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("vouchers[%u]", i);
      JsonObject *obj = sp_vjson_array_object (array, i, "vouchers", error);
      SpVoucher *voucher;

      if (obj == NULL || (voucher = voucher_from_json (obj, prefix, error)) == NULL)
        return NULL;
      for (guint j = 0; j < list->len; j++)
        if (g_str_equal (SP_VOUCHER (list->pdata[j])->code, voucher->code))
          {
            g_object_unref (voucher);
            return sp_vjson_bad (error, prefix, "code", _("a code not used before in the file")),
                   NULL;
          }
      g_ptr_array_add (list, voucher);
    }
  return g_steal_pointer (&list);
}

SpVoucher *
sp_voucher_new_government (const char *code,
                           const char *programme_id,
                           SpMoney     face_value,
                           SpMoney     balance)
{
  SpVoucher *self;

  g_return_val_if_fail (code != NULL && programme_id != NULL, NULL);
  g_return_val_if_fail (face_value >= 0 && balance >= 0 && balance <= face_value, NULL);

  self = voucher_new (SP_VOUCHER_GOVERNMENT, code);
  self->programme = g_strdup (programme_id);
  self->face_value = face_value;
  self->balance = balance;
  self->currency = g_strdup ("CNY");
  return self;
}

SpVoucher *
sp_voucher_new_discount_percent (const char *code,
                                 gint        percent_bp)
{
  SpVoucher *self;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (percent_bp >= 0 && percent_bp <= 10000, NULL);

  self = voucher_new (SP_VOUCHER_DISCOUNT, code);
  self->percent = percent_bp;
  return self;
}

SpVoucher *
sp_voucher_new_discount_amount (const char *code,
                                SpMoney     amount,
                                const char *currency)
{
  SpVoucher *self;

  g_return_val_if_fail (code != NULL && currency != NULL, NULL);
  g_return_val_if_fail (amount >= 0, NULL);

  self = voucher_new (SP_VOUCHER_DISCOUNT, code);
  self->amount = amount;
  self->currency = g_ascii_strup (currency, -1);
  return self;
}

SpVoucher *
sp_voucher_new_prepaid (const char *code,
                        const char *vendor_id,
                        const char *unit,
                        SpMoney     balance)
{
  SpVoucher *self;

  g_return_val_if_fail (code != NULL && vendor_id != NULL, NULL);
  g_return_val_if_fail (unit == NULL || g_strv_contains (unit_names, unit), NULL);
  g_return_val_if_fail (balance >= 0, NULL);

  self = voucher_new (SP_VOUCHER_PREPAID, code);
  self->vendors = g_new0 (char *, 2);
  self->vendors[0] = g_strdup (vendor_id);
  self->unit = g_strdup (unit);
  self->balance = balance;
  if (unit == NULL)
    self->currency = g_strdup ("CNY");
  return self;
}

SpVoucher *
sp_voucher_copy (SpVoucher *self)
{
  SpVoucher *copy;

  g_return_val_if_fail (SP_IS_VOUCHER (self), NULL);

  copy = voucher_new (self->kind, self->code);
  copy->label = g_strdup (self->label);
  copy->programme = g_strdup (self->programme);
  copy->face_value = self->face_value;
  copy->balance = self->balance;
  copy->currency = g_strdup (self->currency);
  copy->percent = self->percent;
  copy->amount = self->amount;
  copy->min_spend = self->min_spend;
  copy->single_use = self->single_use;
  copy->used = self->used;
  copy->vendors = g_strdupv (self->vendors);
  copy->unit = g_strdup (self->unit);
  copy->valid_from = self->valid_from;
  copy->valid_to = self->valid_to;
  return copy;
}

#define GETTER(type, name, fallback)                 \
  type                                               \
  sp_voucher_get_##name (SpVoucher *self)            \
  {                                                  \
    g_return_val_if_fail (SP_IS_VOUCHER (self), fallback); \
    return self->name;                               \
  }

GETTER (SpVoucherKind, kind, SP_VOUCHER_DISCOUNT)
GETTER (const char *, code, NULL)
GETTER (const char *, label, NULL)
GETTER (const char *, programme, NULL)
GETTER (SpMoney, face_value, SP_MONEY_UNKNOWN)
GETTER (SpMoney, balance, SP_MONEY_UNKNOWN)
GETTER (const char *, currency, NULL)
GETTER (gint, percent, -1)
GETTER (SpMoney, amount, SP_MONEY_UNKNOWN)
GETTER (SpMoney, min_spend, SP_MONEY_UNKNOWN)
GETTER (gboolean, single_use, FALSE)
GETTER (gboolean, used, FALSE)
GETTER (const char *, unit, NULL)
GETTER (guint32, valid_from, 0)
GETTER (guint32, valid_to, 0)

void
sp_voucher_set_label (SpVoucher  *self,
                      const char *label)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  g_free (self->label);
  self->label = g_strdup (label);
}

void
sp_voucher_set_balance (SpVoucher *self,
                        SpMoney    balance)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  g_return_if_fail (balance >= 0);
  g_return_if_fail (self->kind != SP_VOUCHER_DISCOUNT);
  self->balance = balance;
}

void
sp_voucher_set_currency (SpVoucher  *self,
                         const char *currency)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  g_free (self->currency);
  self->currency = currency != NULL ? g_ascii_strup (currency, -1) : NULL;
}

void
sp_voucher_set_min_spend (SpVoucher *self,
                          SpMoney    min_spend)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  self->min_spend = min_spend;
  if (min_spend != SP_MONEY_UNKNOWN && self->currency == NULL)
    self->currency = g_strdup ("CNY");
}

void
sp_voucher_set_single_use (SpVoucher *self,
                           gboolean   single_use)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  self->single_use = !!single_use;
}

void
sp_voucher_set_used (SpVoucher *self,
                     gboolean   used)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  self->used = !!used;
}

const char * const *
sp_voucher_get_vendors (SpVoucher *self)
{
  g_return_val_if_fail (SP_IS_VOUCHER (self), NULL);
  return (const char * const *) self->vendors;
}

void
sp_voucher_set_vendors (SpVoucher          *self,
                        const char * const *vendor_ids)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  g_strfreev (self->vendors);
  self->vendors = g_strdupv ((char **) vendor_ids);
}

gboolean
sp_voucher_accepts_vendor (SpVoucher  *self,
                           const char *vendor_id)
{
  g_return_val_if_fail (SP_IS_VOUCHER (self), FALSE);

  if (self->vendors == NULL || self->vendors[0] == NULL)
    return TRUE;
  return vendor_id != NULL && g_strv_contains ((const char * const *) self->vendors, vendor_id);
}

void
sp_voucher_set_validity (SpVoucher *self,
                         guint32    valid_from,
                         guint32    valid_to)
{
  g_return_if_fail (SP_IS_VOUCHER (self));
  self->valid_from = valid_from;
  self->valid_to = valid_to;
}

gboolean
sp_voucher_set_validity_iso (SpVoucher  *self,
                             const char *valid_from,
                             const char *valid_to)
{
  guint32 from = 0, to = 0;

  g_return_val_if_fail (SP_IS_VOUCHER (self), FALSE);

  if ((valid_from != NULL && !sp_date_parse_iso (valid_from, &from)) ||
      (valid_to != NULL && !sp_date_parse_iso (valid_to, &to)))
    return FALSE;
  self->valid_from = from;
  self->valid_to = to;
  return TRUE;
}
