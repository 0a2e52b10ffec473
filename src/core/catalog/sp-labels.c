/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-labels.c — translated labels for the ids that never reach the screen */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-labels.h"

typedef struct {
  const char *id;
  const char *label; /* N_() */
} Label;

static const char *
lookup (const Label *table,
        gsize        n,
        const char  *id)
{
  if (id == NULL)
    return "";
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (table[i].id, id) == 0)
      return g_dgettext (GETTEXT_PACKAGE, table[i].label);
  return id;
}

/* The id whose label (translated or not) is @text; NULL when none */
static const char *
find_id (const Label *table,
         gsize        n,
         const char  *text)
{
  if (text == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, table[i].label), text) == 0 ||
        g_strcmp0 (table[i].label, text) == 0)
      return table[i].id;
  return NULL;
}

static const Label category_labels[] = {
  { "domestic-compute", N_("Domestic compute") },
  { "other-compute", N_("Other compute") },
  { "model-service", N_("Model service") },
};

const char *
sp_label_category (const char *category_id)
{
  return lookup (category_labels, G_N_ELEMENTS (category_labels), category_id);
}

const char *
sp_label_category_id (const char *text)
{
  return find_id (category_labels, G_N_ELEMENTS (category_labels), text);
}

static const Label unit_labels[] = {
  { "card-hours", N_("card-hours") },
  { "card-hour", N_("card-hour") },
  { "core-hours", N_("core-hours") },
  { "core-hour", N_("core-hour") },
  { "tokens", N_("tokens") },
  { "1M-tokens", N_("million tokens") },
  { "1M tokens", N_("1M tokens") },
};

const char *
sp_label_unit (const char *unit_id)
{
  return lookup (unit_labels, G_N_ELEMENTS (unit_labels), unit_id);
}

const char *
sp_label_unit_id (const char *text)
{
  return find_id (unit_labels, G_N_ELEMENTS (unit_labels), text);
}

const char *
sp_label_voucher_kind (const char *kind_id)
{
  static const Label labels[] = {
    { "government", N_("Government voucher") },
    { "discount", N_("Platform discount") },
    { "prepaid", N_("Prepaid pack") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), kind_id);
}

const char *
sp_label_offer_kind (SpOfferKind kind)
{
  switch (kind)
    {
    case SP_OFFER_KIND_GPU:
      return C_("kind", "GPU");
    case SP_OFFER_KIND_CPU:
      return C_("kind", "CPU");
    case SP_OFFER_KIND_TOKENS:
    default:
      return _("Model tokens");
    }
}

const char *
sp_label_price_unit (SpOfferKind kind)
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
sp_label_billing (SpBilling billing)
{
  switch (billing)
    {
    case SP_BILLING_ON_DEMAND:
      return _("On demand");
    case SP_BILLING_SPOT:
      return _("Spot");
    case SP_BILLING_RESERVED:
      return _("Monthly / yearly");
    case SP_BILLING_PREPAID:
      return _("Prepaid pack");
    case SP_BILLING_UNKNOWN:
    default:
      return "—";
    }
}
