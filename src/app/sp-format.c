/* sp-format.c — how the front end writes prices, units and vendor names */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-labels.h"

static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "CNY") == 0)
    return "¥";
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  return NULL;
}

char *
sp_format_money (SpMoney     value,
                 const char *currency)
{
  const char *symbol = currency_symbol (currency);
  g_autofree char *amount = NULL;

  if (value == SP_MONEY_UNKNOWN)
    return g_strdup (_("unknown"));
  amount = sp_money_to_string (value, 2);
  if (symbol != NULL)
    return g_strdup_printf ("%s%s", symbol, amount);
  return g_strdup_printf ("%s %s", amount, currency ? currency : "");
}

const char *
sp_format_unit (SpOfferKind kind)
{
  switch (kind)
    {
    case SP_OFFER_KIND_GPU:
      return _("card-hour");
    case SP_OFFER_KIND_CPU:
      return _("core-hour");
    case SP_OFFER_KIND_TOKENS:
    default:
      return _("1M tokens");
    }
}

const char *
sp_format_billing (SpBilling billing)
{
  return sp_label_billing (billing);
}

gboolean
sp_format_ui_is_chinese (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "zh");
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
