/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-suspicious.c — equivalence groups and per-offer warnings
 *
 * Both entry points sort the offers once by (group, normalized price) and
 * then walk each group's run: O(n log n) for the whole catalog.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-estimate.h"
#include "sp-offer-private.h"
#include "sp-suspicious.h"
#include "sp-labels.h"

typedef struct {
  SpOffer *offer;  /* borrowed */
  char    *group;  /* owned */
  SpMoney  price;  /* normalized main price, display currency */
} Item;

G_DEFINE_BOXED_TYPE (SpOfferFlags, sp_offer_flags, sp_offer_flags_copy, sp_offer_flags_free)
G_DEFINE_BOXED_TYPE (SpOfferGroup, sp_offer_group, sp_offer_group_copy, sp_offer_group_free)

/* ---------------------------------------------------------------- helpers */

static int
compare_str (const char *a,
             const char *b)
{
  return g_strcmp0 (a, b);
}

/* Price ascending with unknown last, then vendor name, name, id. */
static int
compare_price_then_names (SpMoney  pa,
                          SpOffer *a,
                          SpMoney  pb,
                          SpOffer *b)
{
  int c;

  if (pa != pb)
    {
      if (pa == SP_MONEY_UNKNOWN)
        return 1;
      if (pb == SP_MONEY_UNKNOWN)
        return -1;
      return pa < pb ? -1 : 1;
    }
  if ((c = compare_str (a->vendor_name, b->vendor_name)) != 0)
    return c;
  if ((c = compare_str (a->name, b->name)) != 0)
    return c;
  return compare_str (a->id, b->id);
}

static int
compare_items (gconstpointer pa,
               gconstpointer pb)
{
  const Item *a = pa;
  const Item *b = pb;
  int c = compare_str (a->group, b->group);

  if (c != 0)
    return c;
  return compare_price_then_names (a->price, a->offer, b->price, b->offer);
}

/* A sorted array of Item for @offers. */
static GArray *
sorted_items (GPtrArray      *offers,
              SpPriceContext *ctx)
{
  GArray *items = g_array_sized_new (FALSE, FALSE, sizeof (Item), offers->len);

  for (guint i = 0; i < offers->len; i++)
    {
      Item item;

      item.offer = g_ptr_array_index (offers, i);
      item.group = sp_offer_dup_group (item.offer);
      item.price = sp_price_context_normalize (ctx, item.offer, SP_PRICE_MAIN);
      if (item.group == NULL)
        item.group = g_strdup ("?");
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);
  return items;
}

static void
free_items (GArray *items)
{
  for (guint i = 0; i < items->len; i++)
    g_free (g_array_index (items, Item, i).group);
  g_array_unref (items);
}

/* Length of the run of items with the same group starting at @start. */
static guint
run_length (GArray *items,
            guint   start)
{
  const char *group = g_array_index (items, Item, start).group;
  guint end = start + 1;

  while (end < items->len && strcmp (g_array_index (items, Item, end).group, group) == 0)
    end++;
  return end - start;
}

SpMoney
sp_suspicious_median2 (SpMoney a,
                       SpMoney b)
{
  SpInt128 sum = (SpInt128) a + b;

  if (sum >= 0)
    return (SpMoney) ((sum + 1) / 2);
  return (SpMoney) -((-sum + 1) / 2);
}

/* ---------------------------------------------------------------- flags */

char *
sp_suspicious_reason_dup (SpOfferKind  kind,
                          const char  *group_label,
                          SpMoney      price,
                          SpMoney      median,
                          guint        percent,
                          const char  *currency)
{
  g_autofree char *price_text = sp_estimate_format_money (price, currency);
  g_autofree char *median_text = sp_estimate_format_money (median, currency);

  /* Translators: 1: a price with its currency ("¥5.80"), 2: a unit
   * ("card-hour"), 3: a percentage number, 4: the median price, 5: a
   * group of equivalent offers ("H100 SXM 80 GB"). */
  return g_strdup_printf (_("%s per %s is %u%% of the median %s for %s offers. "
                            "Prices far below the market are a known scam pattern "
                            "(“internal channel, 70%% off”): check the vendor before paying."),
                          price_text, sp_label_price_unit (kind), percent, median_text, group_label);
}

char *
sp_stale_reason_dup (guint days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This price was fetched %u day ago and may have changed: refresh the source or check with the vendor.",
                                       "This price was fetched %u days ago and may have changed: refresh the source or check with the vendor.",
                                       days),
                          days);
}

char *
sp_ambiguous_reason_dup (const char *gpu_model)
{
  /* Translators: %s is a GPU name such as "H100" */
  return g_strdup_printf (_("The GPU name “%s” does not say which variant it is (such as SXM, PCIe or NVL). "
                            "Variants differ in speed and price: ask the vendor which one you get."),
                          gpu_model);
}

/* "Suspicious, Stale": the short names of an offer's warnings (NULL when none) */
char *
sp_offer_flags_short_text (const SpOfferFlags *flags)
{
  const char *parts[4];
  guint n = 0;

  if (flags == NULL || flags->flags == SP_OFFER_FLAG_NONE)
    return NULL;
  if (flags->flags & SP_OFFER_FLAG_SUSPICIOUS)
    parts[n++] = _("Suspicious");
  if (flags->flags & SP_OFFER_FLAG_STALE)
    parts[n++] = _("Stale");
  if (flags->flags & SP_OFFER_FLAG_AMBIGUOUS)
    parts[n++] = _("Ambiguous GPU");
  parts[n] = NULL;
  /* Translators: separator between short warnings, e.g. "Suspicious, Stale" */
  return g_strjoinv (_(", "), (char **) parts);
}

/* each warning's reason, a blank line between them (NULL when none) */
char *
sp_offer_flags_reasons (const SpOfferFlags *flags)
{
  const char *parts[4];
  guint n = 0;

  if (flags == NULL || flags->flags == SP_OFFER_FLAG_NONE)
    return NULL;
  if (flags->suspicious_reason != NULL)
    parts[n++] = flags->suspicious_reason;
  if (flags->stale_reason != NULL)
    parts[n++] = flags->stale_reason;
  if (flags->ambiguous_reason != NULL)
    parts[n++] = flags->ambiguous_reason;
  parts[n] = NULL;
  return g_strjoinv ("\n\n", (char **) parts);
}

void
sp_flag_options_init (SpFlagOptions *options)
{
  g_return_if_fail (options != NULL);

  options->threshold_bp = SP_SUSPICIOUS_DEFAULT_THRESHOLD_BP;
  options->now = 0;
  options->stale_after_seconds = SP_STALE_DEFAULT_SECONDS;
}

/* Reasons are interned reference-counted strings: a catalog fetched a
 * month ago has the same stale reason for every offer, kept once. */
static char *
reason_take (char *text)
{
  char *reason = g_ref_string_new_intern (text);

  g_free (text);
  return reason;
}

SpOfferFlags *
sp_offer_flags_copy (const SpOfferFlags *flags)
{
  SpOfferFlags *copy;

  g_return_val_if_fail (flags != NULL, NULL);

  copy = g_new0 (SpOfferFlags, 1);
  *copy = *flags;
  copy->suspicious_reason = flags->suspicious_reason ? g_ref_string_acquire (flags->suspicious_reason) : NULL;
  copy->stale_reason = flags->stale_reason ? g_ref_string_acquire (flags->stale_reason) : NULL;
  copy->ambiguous_reason = flags->ambiguous_reason ? g_ref_string_acquire (flags->ambiguous_reason) : NULL;
  return copy;
}

void
sp_offer_flags_free (SpOfferFlags *flags)
{
  if (flags == NULL)
    return;
  g_clear_pointer (&flags->suspicious_reason, g_ref_string_release);
  g_clear_pointer (&flags->stale_reason, g_ref_string_release);
  g_clear_pointer (&flags->ambiguous_reason, g_ref_string_release);
  g_free (flags);
}

static SpOfferFlags *
flags_for (GHashTable *table,
           SpOffer    *offer)
{
  SpOfferFlags *flags = g_hash_table_lookup (table, offer);

  if (flags == NULL)
    {
      flags = g_new0 (SpOfferFlags, 1);
      flags->group_median = SP_MONEY_UNKNOWN;
      g_hash_table_insert (table, g_object_ref (offer), flags);
    }
  return flags;
}

/* Flags the suspicious offers of the group run items[start … start+len). */
static void
flag_group (GHashTable     *table,
            GArray         *items,
            guint           start,
            guint           len,
            guint           threshold_bp,
            SpPriceContext *ctx)
{
  guint n_priced = 0;
  SpMoney lo, hi, median;
  g_autofree char *label = NULL;
  const char *currency = sp_price_context_get_currency (ctx);

  /* known prices come first in the run */
  while (n_priced < len && g_array_index (items, Item, start + n_priced).price != SP_MONEY_UNKNOWN)
    n_priced++;
  if (n_priced < SP_SUSPICIOUS_MIN_GROUP_SIZE || threshold_bp == 0)
    return;

  lo = g_array_index (items, Item, start + (n_priced - 1) / 2).price;
  hi = g_array_index (items, Item, start + n_priced / 2).price;
  median = sp_suspicious_median2 (lo, hi);
  if (median <= 0)
    return;

  for (guint i = 0; i < n_priced; i++)
    {
      Item *item = &g_array_index (items, Item, start + i);
      SpOfferFlags *flags;
      SpInt128 twice_median = (SpInt128) lo + hi;
      SpInt128 pct;

      /* free offers carry no payment risk, and spot capacity is expected to
       * sell far below on-demand (it can be taken back): neither is flagged,
       * though both count towards the median */
      if (item->price <= 0 || item->offer->billing == SP_BILLING_SPOT)
        continue;
      /* price < threshold × median, exactly:  price × 2 × 10000 < bp × (lo + hi) */
      if (!((SpInt128) item->price * 20000 < (SpInt128) threshold_bp * twice_median))
        break;   /* sorted ascending: no later offer is below either */

      if (label == NULL)
        label = sp_offer_dup_group_label (item->offer);
      /* percent = price × 100 / median, rounded half up */
      pct = ((SpInt128) item->price * 400 + twice_median) / (2 * twice_median);

      flags = flags_for (table, item->offer);
      flags->flags |= SP_OFFER_FLAG_SUSPICIOUS;
      flags->group_median = median;
      flags->percent_of_median = (guint) pct;
      g_clear_pointer (&flags->suspicious_reason, g_ref_string_release);
      flags->suspicious_reason = reason_take (
        sp_suspicious_reason_dup (item->offer->kind, label, item->price, median, (guint) pct,
                                  currency));
    }
}

GHashTable *
sp_offer_flags_compute (GPtrArray           *offers,
                        SpPriceContext      *ctx,
                        const SpFlagOptions *options)
{
  SpFlagOptions defaults;
  GHashTable *table;
  GArray *items;
  gint64 now;

  g_return_val_if_fail (offers != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  if (options == NULL)
    {
      sp_flag_options_init (&defaults);
      options = &defaults;
    }
  now = options->now != 0 ? options->now : g_get_real_time () / G_USEC_PER_SEC;

  table = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                 g_object_unref, (GDestroyNotify) sp_offer_flags_free);

  items = sorted_items (offers, ctx);
  for (guint start = 0; start < items->len;)
    {
      guint len = run_length (items, start);

      flag_group (table, items, start, len, options->threshold_bp, ctx);
      start += len;
    }
  free_items (items);

  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);

      if (options->stale_after_seconds > 0 && offer->fetched_at > 0 &&
          now - offer->fetched_at > options->stale_after_seconds)
        {
          SpOfferFlags *flags = flags_for (table, offer);
          gint64 days = (now - offer->fetched_at) / (24 * 3600);
          guint d = (guint) MIN (days, (gint64) G_MAXUINT);

          flags->flags |= SP_OFFER_FLAG_STALE;
          g_clear_pointer (&flags->stale_reason, g_ref_string_release);
          flags->stale_reason = reason_take (sp_stale_reason_dup (d));
        }

      if (offer->kind == SP_OFFER_KIND_GPU && sp_gpu_model_is_ambiguous (offer->gpu_model))
        {
          SpOfferFlags *flags = flags_for (table, offer);

          flags->flags |= SP_OFFER_FLAG_AMBIGUOUS;
          g_clear_pointer (&flags->ambiguous_reason, g_ref_string_release);
          flags->ambiguous_reason = reason_take (sp_ambiguous_reason_dup (offer->gpu_model));
        }
    }

  return table;
}

/* ---------------------------------------------------------------- groups */

char *
sp_offer_dup_group_label (SpOffer *offer)
{
  g_return_val_if_fail (SP_IS_OFFER (offer), NULL);

  switch (offer->kind)
    {
    case SP_OFFER_KIND_GPU:
      if (offer->gpu_model == NULL)
        return g_strdup (_("Unknown GPU"));
      /* "A100 80GB" already says its memory */
      if (offer->gpu_memory_gb > 0 && !g_str_has_suffix (offer->gpu_model, "GB"))
        return g_strdup_printf ("%s %u GB", offer->gpu_model, offer->gpu_memory_gb);
      return g_strdup (offer->gpu_model);
    case SP_OFFER_KIND_CPU:
      /* Translators: the label of a group of CPU offers; %s is a vendor */
      return g_strdup_printf (_("CPU · %s"), offer->vendor_name ? offer->vendor_name
                                                                : (offer->vendor_id ? offer->vendor_id : "?"));
    case SP_OFFER_KIND_TOKENS:
    default:
      {
        g_autofree char *group = sp_offer_dup_group (offer);

        if (group != NULL && g_str_has_prefix (group, "tokens:"))
          return g_strdup (group + strlen ("tokens:"));
        return g_strdup (offer->model ? offer->model : offer->name);
      }
    }
}

SpOfferGroup *
sp_offer_group_copy (const SpOfferGroup *group)
{
  SpOfferGroup *copy;

  g_return_val_if_fail (group != NULL, NULL);

  copy = g_new0 (SpOfferGroup, 1);
  *copy = *group;
  copy->id = g_strdup (group->id);
  copy->label = g_strdup (group->label);
  copy->offers = group->offers ? g_ptr_array_ref (group->offers) : NULL;
  return copy;
}

void
sp_offer_group_free (SpOfferGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->id);
  g_free (group->label);
  g_clear_pointer (&group->offers, g_ptr_array_unref);
  g_free (group);
}

static int
compare_groups (gconstpointer pa,
                gconstpointer pb)
{
  const SpOfferGroup *a = *(SpOfferGroup * const *) pa;
  const SpOfferGroup *b = *(SpOfferGroup * const *) pb;
  int c;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if ((c = g_ascii_strcasecmp (a->label, b->label)) != 0)
    return c;
  return strcmp (a->id, b->id);
}

GPtrArray *
sp_offer_groups_compute (GPtrArray      *offers,
                         SpPriceContext *ctx)
{
  GPtrArray *groups;
  GArray *items;

  g_return_val_if_fail (offers != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_offer_group_free);
  items = sorted_items (offers, ctx);

  for (guint start = 0; start < items->len;)
    {
      guint len = run_length (items, start);
      Item *first = &g_array_index (items, Item, start);
      SpOfferGroup *group = g_new0 (SpOfferGroup, 1);

      group->id = g_strdup (first->group);
      group->label = sp_offer_dup_group_label (first->offer);
      group->kind = first->offer->kind;
      group->offers = g_ptr_array_new_full (len, g_object_unref);
      group->cheapest_price = SP_MONEY_UNKNOWN;
      group->median = SP_MONEY_UNKNOWN;
      for (guint i = 0; i < len; i++)
        {
          Item *item = &g_array_index (items, Item, start + i);

          g_ptr_array_add (group->offers, g_object_ref (item->offer));
          if (item->price != SP_MONEY_UNKNOWN)
            group->n_priced++;
        }
      if (group->n_priced > 0)
        {
          group->cheapest = first->offer;
          group->cheapest_price = first->price;
          group->median = sp_suspicious_median2 (g_array_index (items, Item, start + (group->n_priced - 1) / 2).price,
                                 g_array_index (items, Item, start + group->n_priced / 2).price);
        }
      g_ptr_array_add (groups, group);
      start += len;
    }

  free_items (items);
  g_ptr_array_sort (groups, compare_groups);
  return groups;
}
