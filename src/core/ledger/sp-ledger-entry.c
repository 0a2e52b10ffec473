/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ledger-entry.c — one purchase in the spending ledger: fields and checks */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-ledger-entry.h"
#include "sp-text.h"

static const char * const kind_names[] = {
  [SP_LEDGER_KIND_GPU] = "gpu",
  [SP_LEDGER_KIND_CPU] = "cpu",
  [SP_LEDGER_KIND_TOKENS] = "tokens",
  [SP_LEDGER_KIND_OTHER] = "other",
};

static const char * const fapiao_names[] = {
  [SP_LEDGER_FAPIAO_NONE] = "none",
  [SP_LEDGER_FAPIAO_REQUESTED] = "requested",
  [SP_LEDGER_FAPIAO_ORDINARY] = "ordinary",
  [SP_LEDGER_FAPIAO_SPECIAL] = "special",
};

/* ------------------------------------------------------------------ helpers */

static gboolean
parse_digits (const char *p,
              int         n,
              int        *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Checks the sign of a given amount part; FALSE with @reason when wrong. */
static gboolean
check_sign (SpMoney      value,
            gboolean     refund,
            const char  *column,
            char       **reason)
{
  if (value == SP_MONEY_UNKNOWN)
    return TRUE;
  if (value > SP_MONEY_MAX || value < -SP_MONEY_MAX)
    {
      *reason = g_strdup_printf (_("%s is too large"), column);
      return FALSE;
    }
  if (!refund && value < 0)
    {
      *reason = g_strdup_printf (_("%s is negative (only a refund may be negative)"), column);
      return FALSE;
    }
  if (refund && value > 0)
    {
      *reason = g_strdup_printf (_("%s of a refund must be zero or negative"), column);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* ------------------------------------------------------------------ public API */

gboolean
sp_ledger_uid_valid (const char *text)
{
  gsize n = 0;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++, n++)
    if (n >= 64 || !(g_ascii_isalnum (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return n > 0;
}

void
sp_ledger_entry_init (SpLedgerEntry *entry)
{
  memset (entry, 0, sizeof *entry);
  entry->kind = SP_LEDGER_KIND_OTHER;
  entry->quantity = SP_MONEY_UNKNOWN;
  entry->list_amount = SP_MONEY_UNKNOWN;
  entry->platform_discount = SP_MONEY_UNKNOWN;
  entry->subsidy = SP_MONEY_UNKNOWN;
  entry->prepaid = SP_MONEY_UNKNOWN;
  entry->paid = SP_MONEY_UNKNOWN;
  entry->rate_usd_cny = SP_MONEY_UNKNOWN;
  entry->fapiao = SP_LEDGER_FAPIAO_NONE;
}

SpLedgerEntry *
sp_ledger_entry_new (void)
{
  SpLedgerEntry *entry = g_new (SpLedgerEntry, 1);

  sp_ledger_entry_init (entry);
  return entry;
}

SpLedgerEntry *
sp_ledger_entry_copy (const SpLedgerEntry *entry)
{
  SpLedgerEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->vendor = g_strdup (entry->vendor);
  copy->item = g_strdup (entry->item);
  copy->offer_source = g_strdup (entry->offer_source);
  copy->offer_id = g_strdup (entry->offer_id);
  copy->unit = g_strdup (entry->unit);
  copy->category = g_strdup (entry->category);
  copy->fapiao_number = g_strdup (entry->fapiao_number);
  copy->note = g_strdup (entry->note);
  copy->uid = g_strdup (entry->uid);
  return copy;
}

void
sp_ledger_entry_free (SpLedgerEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->vendor);
  g_free (entry->item);
  g_free (entry->offer_source);
  g_free (entry->offer_id);
  g_free (entry->unit);
  g_free (entry->category);
  g_free (entry->fapiao_number);
  g_free (entry->note);
  g_free (entry->uid);
  g_free (entry);
}

/* The first problem of the fields of @entry, in the order a user reads
 * them, each with its own translated message; NULL when there is none.
 * The currency is normalized on the way. */
static char *
field_problem (SpLedgerEntry *entry)
{
  if (!sp_ledger_date_valid (entry->date))
    return g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), entry->date);
  if (is_blank (entry->vendor))
    return g_strdup (_("the vendor is missing"));
  if (is_blank (entry->item))
    return g_strdup (_("the item is missing"));
  if ((guint) entry->kind > SP_LEDGER_KIND_OTHER)
    return g_strdup (_("unknown kind"));
  if (entry->quantity == SP_MONEY_UNKNOWN)
    return g_strdup (_("the quantity is missing"));
  if (entry->quantity < 0 || entry->quantity > SP_MONEY_MAX)
    return g_strdup (_("the quantity must be zero or positive"));
  if (is_blank (entry->unit))
    return g_strdup (_("the unit is missing"));
  if (!sp_ledger_currency_parse (entry->currency, entry->currency))
    return g_strdup (_("the currency is missing or not a three-letter code"));
  if (entry->paid == SP_MONEY_UNKNOWN)
    return g_strdup (_("the amount is missing"));
  if ((guint) entry->fapiao > SP_LEDGER_FAPIAO_SPECIAL)
    return g_strdup (_("unknown fapiao status"));
  if (entry->rate_usd_cny != SP_MONEY_UNKNOWN &&
      (entry->rate_usd_cny <= 0 || entry->rate_usd_cny > SP_MONEY_MAX))
    return g_strdup (_("the exchange rate must be positive"));
  if (entry->rate_date[0] != '\0' && !sp_ledger_date_valid (entry->rate_date))
    return g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), entry->rate_date);
  return NULL;
}

/* The signs of the amounts, then the missing parts worked out from the
 * others: list_amount = amount + subsidy + platform_discount + prepaid. */
static gboolean
complete_amounts (SpLedgerEntry  *entry,
                  char          **reason)
{
  SpMoney sum;

  if (!check_sign (entry->paid, entry->refund, "amount", reason) ||
      !check_sign (entry->subsidy, entry->refund, "subsidy", reason) ||
      !check_sign (entry->prepaid, entry->refund, "prepaid", reason) ||
      !check_sign (entry->platform_discount, entry->refund, "platform_discount", reason) ||
      !check_sign (entry->list_amount, entry->refund, "list_amount", reason))
    return FALSE;
  if (entry->subsidy == SP_MONEY_UNKNOWN)
    entry->subsidy = 0;
  if (entry->prepaid == SP_MONEY_UNKNOWN)
    entry->prepaid = 0;

  /* each part is at most SP_MONEY_MAX (10^18), so these sums cannot overflow */
  sum = entry->paid + entry->subsidy + entry->prepaid;
  if (entry->list_amount == SP_MONEY_UNKNOWN)
    {
      if (entry->platform_discount == SP_MONEY_UNKNOWN)
        entry->platform_discount = 0;
      entry->list_amount = sum + entry->platform_discount;
    }
  else if (entry->platform_discount == SP_MONEY_UNKNOWN)
    {
      entry->platform_discount = entry->list_amount - sum;
      if (!check_sign (entry->platform_discount, entry->refund, "platform_discount", reason))
        {
          g_clear_pointer (reason, g_free);
          *reason = g_strdup (_("list_amount is smaller than amount + subsidy + prepaid"));
          return FALSE;
        }
    }
  else if (entry->list_amount != sum + entry->platform_discount)
    {
      *reason = g_strdup (_("list_amount is not amount + subsidy + platform_discount + prepaid"));
      return FALSE;
    }
  if (entry->list_amount > SP_MONEY_MAX || entry->list_amount < -SP_MONEY_MAX)
    {
      *reason = g_strdup (_("list_amount is too large"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_ledger_entry_complete (SpLedgerEntry  *entry,
                          char          **reason)
{
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (reason != NULL && *reason == NULL, FALSE);

  *reason = field_problem (entry);
  return *reason == NULL && complete_amounts (entry, reason);
}

const char *
sp_ledger_kind_label (SpLedgerKind kind)
{
  switch (kind)
    {
    case SP_LEDGER_KIND_GPU:
      return C_("kind", "GPU");
    case SP_LEDGER_KIND_CPU:
      return C_("kind", "CPU");
    case SP_LEDGER_KIND_TOKENS:
      return C_("kind", "Tokens");
    case SP_LEDGER_KIND_OTHER:
    default:
      return C_("kind", "Other");
    }
}

const char *
sp_ledger_kind_to_string (SpLedgerKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "other");
  return kind_names[kind];
}

gboolean
sp_ledger_kind_from_string (const char   *text,
                            SpLedgerKind *out)
{
  int i = sp_text_word_index (text, kind_names, G_N_ELEMENTS (kind_names));

  if (i < 0)
    return FALSE;
  *out = (SpLedgerKind) i;
  return TRUE;
}

const char *
sp_ledger_fapiao_to_string (SpLedgerFapiao status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (fapiao_names), "none");
  return fapiao_names[status];
}

gboolean
sp_ledger_fapiao_from_string (const char     *text,
                              SpLedgerFapiao *out)
{
  int i;

  if (text == NULL || *text == '\0')
    {
      *out = SP_LEDGER_FAPIAO_NONE;
      return TRUE;
    }
  i = sp_text_word_index (text, fapiao_names, G_N_ELEMENTS (fapiao_names));
  if (i >= 0)
    {
      *out = (SpLedgerFapiao) i;
      return TRUE;
    }
  /* the Chinese names are accepted on input too */
  if (g_str_equal (text, "普票"))
    *out = SP_LEDGER_FAPIAO_ORDINARY;
  else if (g_str_equal (text, "专票"))
    *out = SP_LEDGER_FAPIAO_SPECIAL;
  else
    return FALSE;
  return TRUE;
}

gboolean
sp_ledger_date_valid (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
      !parse_digits (text + 8, 2, &d))
    return FALSE;
  if (y < 1 || m < 1 || m > 12 || d < 1)
    return FALSE;
  return d <= g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
}

gboolean
sp_ledger_month_valid (const char *text)
{
  int y, m;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m))
    return FALSE;
  return y >= 1 && m >= 1 && m <= 12;
}

gboolean
sp_ledger_currency_parse (const char *text,
                          char        out[4])
{
  char code[4];

  if (text == NULL || strlen (text) != 3)
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      if (!g_ascii_isalpha (text[i]))
        return FALSE;
      code[i] = g_ascii_toupper (text[i]);
    }
  code[3] = '\0';
  memcpy (out, code, 4);
  return TRUE;
}
