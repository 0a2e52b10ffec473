/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-format.c — how the front end writes prices, units and vendor names */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-labels.h"

char *
sp_format_money (SpMoney     value,
                 const char *currency)
{
  char *text = sp_money_format (value, currency, SP_MONEY_STYLE_PRICE);

  return text != NULL ? text : g_strdup (_("unknown"));
}

char *
sp_format_amount (SpMoney     value,
                  const char *currency)
{
  char *text = sp_money_format (value, currency, SP_MONEY_STYLE_AMOUNT);

  return text != NULL ? text : g_strdup (_("unknown"));
}

const char *
sp_format_unit (SpOfferKind kind)
{
  return sp_offer_unit_label (kind);
}

const char *
sp_format_billing (SpBilling billing)
{
  return sp_label_billing (billing);
}

gboolean
sp_format_ui_is_chinese (void)
{
  return sp_vendor_ui_is_chinese ();
}

const char *
sp_format_vendor (SpOffer *offer)
{
  const char *en, *zh;

  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);

  /* one spelling per vendor id, also for offers stored before it was so */
  if (sp_vendor_lookup (sp_offer_get_vendor_id (offer), &en, &zh))
    return zh != NULL && sp_format_ui_is_chinese () ? zh : en;
  zh = sp_offer_get_vendor_name_zh (offer);
  if (zh != NULL && sp_format_ui_is_chinese ())
    return zh;
  return sp_offer_get_vendor_name (offer);
}

char *
sp_format_age (gint64 observed_at,
               gint64 now)
{
  gint64 days;

  if (observed_at <= 0)
    return g_strdup (_("unknown"));
  if (now < observed_at)
    now = observed_at;
  days = (now - observed_at) / (24 * 3600);
  if (days == 0)
    {
      gint64 hours = (now - observed_at) / 3600;
      if (hours == 0)
        return g_strdup (_("just now"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                           (gulong) hours), (int) hours);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                       (gulong) days), (int) days);
}

char *
sp_format_price_source (SpOffer *offer)
{
  const char *url = sp_offer_get_price_source_url (offer);
  const char *verified = sp_offer_get_verified_at (offer);

  if (url != NULL && verified != NULL)
    /* Translators: 1: the vendor's pricing page, 2: a date (2026-08-01) */
    return g_strdup_printf (_("Price source: %s (checked %s)"), url, verified);
  if (url != NULL)
    /* Translators: %s is the vendor's pricing page */
    return g_strdup_printf (_("Price source: %s"), url);
  if (verified != NULL)
    /* Translators: %s is a date (2026-08-01) */
    return g_strdup_printf (_("Price checked %s"), verified);
  return NULL;
}

static char *
in_out (SpMoney     input,
        SpMoney     output,
        const char *currency)
{
  g_autofree char *in = sp_format_money (input, currency);
  g_autofree char *out = sp_format_money (output, currency);

  /* Translators: token prices per 1M, "¥0.80 in / ¥8.00 out" */
  return g_strdup_printf (_("%s in / %s out"), in, out);
}

char *
sp_format_price_conditions (SpOffer *offer)
{
  GArray *tiers = sp_offer_get_tiers (offer);
  GArray *variants = sp_offer_get_variants (offer);
  const char *currency = sp_offer_get_currency (offer);
  GString *s = g_string_new (NULL);

  for (guint i = 0; tiers != NULL && i < tiers->len; i++)
    {
      const SpTokenTier *t = &g_array_index (tiers, SpTokenTier, i);
      g_autofree char *prices = in_out (t->input, t->output, currency);
      g_autofree char *above = g_strdup_printf ("%'" G_GINT64_FORMAT, t->above_tokens);

      if (s->len > 0)
        g_string_append_c (s, '\n');
      /* Translators: 1: a number of tokens, 2: "¥0.80 in / ¥8.00 out"; the
       * whole request is charged at these rates */
      g_string_append_printf (s, _("Above %s input tokens a request: %s"), above, prices);
    }

  for (guint i = 0; variants != NULL && i < variants->len; i++)
    {
      const SpPriceVariant *v = &g_array_index (variants, SpPriceVariant, i);
      g_autofree char *prices = in_out (v->input, v->output, currency);

      if (s->len > 0)
        g_string_append_c (s, '\n');
      if (v->condition == SP_VARIANT_TIME_OF_DAY)
        {
          char start[6], end[6];

          sp_variant_format_minute (v->start, start);
          sp_variant_format_minute (v->end, end);
          if (v->off_peak)
            /* Translators: 1, 2: times of day, 3: "$0.14 in / $0.55 out" */
            g_string_append_printf (s, _("Off-peak, %s–%s UTC: %s"), start, end, prices);
          else
            /* Translators: 1, 2: times of day, 3: "$0.14 in / $0.55 out" */
            g_string_append_printf (s, _("%s–%s UTC: %s"), start, end, prices);
        }
      else
        {
          g_autofree char *from = sp_variant_dup_date (v->start);
          g_autofree char *until = sp_variant_dup_date (v->end);

          if (from != NULL && until != NULL)
            /* Translators: 1, 2: dates, 3: "$2.00 in / $10.00 out" */
            g_string_append_printf (s, _("From %s until %s: %s"), from, until, prices);
          else if (from != NULL)
            /* Translators: 1: a date, 2: "$2.00 in / $10.00 out" */
            g_string_append_printf (s, _("From %s: %s"), from, prices);
          else
            /* Translators: 1: a date, 2: "$2.00 in / $10.00 out" */
            g_string_append_printf (s, _("Until %s: %s"), until != NULL ? until : "?", prices);
        }
    }

  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

char *
sp_format_offer_details (SpOffer *offer)
{
  g_autofree char *source = sp_format_price_source (offer);
  g_autofree char *conditions = sp_format_price_conditions (offer);
  const char *attribution = sp_offer_get_attribution (offer);
  GString *s = g_string_new (sp_offer_get_name (offer));

  if (sp_offer_get_retired (offer))
    g_string_append_printf (s, "\n%s", _("No longer sold by its vendor"));
  if (source != NULL)
    g_string_append_printf (s, "\n%s", source);
  if (conditions != NULL)
    g_string_append_printf (s, "\n%s", conditions);
  if (attribution != NULL)
    g_string_append_printf (s, "\n%s", attribution);
  return g_string_free (s, FALSE);
}
