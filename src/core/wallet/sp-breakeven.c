/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-breakeven.c — break-even between the ways of buying a GPU class
 *
 * Every way is an affine monthly cost over the volume axis:
 *
 *   cost(v) = fixed + v × p × n / d
 *
 * with v in whole axis units, p the unit price after vouchers (micro-units
 * of the display currency per option unit) and n/d the option units per
 * axis unit (1/1; self-hosted on the token axis 10^12 / (T × 3600)).  The
 * cheapest way is the lower envelope of those lines, swept from volume 0:
 * at each step the next crossover is the nearest exact intersection with a
 * line of smaller slope (128-bit rationals, compared by cross-multiplying). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-breakeven.h"
#include "sp-breakeven-collector.h"
#include "sp-estimate.h"
#include "sp-offer.h"
#include "sp-offer-purchase.h"
#include "sp-suspicious.h"

#define SECONDS_PER_HOUR      G_GINT64_CONSTANT (3600)
#define MAX_TOKENS_PER_SECOND (G_GINT64_CONSTANT (1000000000) * SP_MONEY_SCALE)

G_DEFINE_QUARK (sp-breakeven-error-quark, sp_breakeven_error)

static const char *const kind_ids[SP_BREAKEVEN_N_KINDS] = {
  "on-demand", "spot", "monthly", "yearly", "tokens",
};

const char *
sp_breakeven_kind_to_string (SpBreakevenKind kind)
{
  g_return_val_if_fail (kind < SP_BREAKEVEN_N_KINDS, NULL);
  return kind_ids[kind];
}

const char *
sp_breakeven_kind_label (SpBreakevenKind kind)
{
  switch (kind)
    {
    case SP_BREAKEVEN_ON_DEMAND: return _("Pay as you go");
    case SP_BREAKEVEN_SPOT:      return _("Spot");
    case SP_BREAKEVEN_MONTHLY:   return _("Monthly plan");
    case SP_BREAKEVEN_YEARLY:    return _("Yearly plan");
    case SP_BREAKEVEN_TOKENS:    return _("Token API");
    case SP_BREAKEVEN_N_KINDS:
    default:                     return "";
    }
}

/* the way as the subject of "… is cheaper" */
static const char *
kind_phrase (SpBreakevenKind kind)
{
  switch (kind)
    {
    case SP_BREAKEVEN_ON_DEMAND: return _("pay as you go");
    case SP_BREAKEVEN_SPOT:      return _("spot");
    case SP_BREAKEVEN_MONTHLY:   return _("the monthly plan");
    case SP_BREAKEVEN_YEARLY:    return _("the yearly plan");
    case SP_BREAKEVEN_TOKENS:    return _("the token API");
    case SP_BREAKEVEN_N_KINDS:
    default:                     return "";
    }
}

const char *
sp_breakeven_axis_unit (SpBreakevenAxis axis)
{
  return axis == SP_BREAKEVEN_AXIS_TOKENS ? "1M tokens" : "card-hour";
}

/* ---------------------------------------------------------------- exact arithmetic */

static SpInt128
gcd128 (SpInt128 a,
        SpInt128 b)
{
  if (a < 0)
    a = -a;
  if (b < 0)
    b = -b;
  while (b != 0)
    {
      SpInt128 t = a % b;
      a = b;
      b = t;
    }
  return a;
}

/* a positive fraction, reduced */
typedef struct {
  SpInt128 num;
  SpInt128 den;
} Fraction;

static void
fraction_reduce (Fraction *f)
{
  SpInt128 g = gcd128 (f->num, f->den);

  if (g > 1)
    {
      f->num /= g;
      f->den /= g;
    }
}

/* a < b: -1, equal 0, a > b 1; 2 when it cannot be told (overflow) */
static int
fraction_compare (const Fraction *a,
                  const Fraction *b)
{
  SpInt128 l, r;

  if (__builtin_mul_overflow (a->num, b->den, &l) ||
      __builtin_mul_overflow (b->num, a->den, &r))
    return 2;
  return l < r ? -1 : l > r ? 1 : 0;
}

/* the slope p × n / d of @option, micro-units per whole axis unit */
static gboolean
option_slope (const SpBreakevenOption *option,
              Fraction                *out)
{
  /* a commitment is paid whatever the use: flat */
  if (option->commitment_months > 0)
    {
      out->num = 0;
      out->den = 1;
      return TRUE;
    }
  if (__builtin_mul_overflow ((SpInt128) option->unit_price, (SpInt128) option->per_axis_num,
                              &out->num))
    return FALSE;
  out->den = option->per_axis_den;
  fraction_reduce (out);
  return TRUE;
}

SpMoney
sp_breakeven_cost_at (const SpBreakevenOption *option,
                      gint64                   volume)
{
  Fraction slope;
  SpInt128 num, den, q, r, total;

  g_return_val_if_fail (option != NULL, SP_MONEY_UNKNOWN);

  if (volume < 0 || option->unit_price == SP_MONEY_UNKNOWN || !option_slope (option, &slope))
    return SP_MONEY_UNKNOWN;
  /* volume (micro) × slope / 10^6, half up */
  if (__builtin_mul_overflow ((SpInt128) volume, slope.num, &num) ||
      __builtin_mul_overflow (slope.den, (SpInt128) SP_MONEY_SCALE, &den))
    return SP_MONEY_UNKNOWN;
  q = num / den;
  r = num % den;
  if (r >= den - r)
    q++;
  total = q + option->monthly_fixed;
  if (total > G_MAXINT64)
    return SP_MONEY_UNKNOWN;
  return (SpMoney) total;
}

/* ---------------------------------------------------------------- offers */

static gboolean
model_matches (SpOffer    *offer,
               const char *model)
{
  const char *slash;

  if (sp_offer_get_model (offer) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (sp_offer_get_model (offer), model) == 0)
    return TRUE;
  /* "deepseek/deepseek-chat" for "deepseek-chat" */
  slash = strrchr (sp_offer_get_model (offer), '/');
  return slash != NULL && g_ascii_strcasecmp (slash + 1, model) == 0;
}

static void
option_free (SpBreakevenOption *option)
{
  if (option == NULL)
    return;
  g_clear_object (&option->offer);
  g_free (option);
}

void
sp_breakeven_free (SpBreakeven *self)
{
  if (self == NULL)
    return;
  g_free (self->currency);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->crossovers, g_array_unref);
  g_free (self);
}

const SpBreakevenOption *
sp_breakeven_get_option (SpBreakeven    *self,
                         SpBreakevenKind kind)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->options->len; i++)
    {
      const SpBreakevenOption *option = g_ptr_array_index (self->options, i);

      if (option->kind == kind)
        return option;
    }
  return NULL;
}

/* Better candidate for its kind: lower unit price (a commitment: lower
 * monthly cost, unit price × its hours a month), then vendor, name, id */
static gboolean
better (SpBreakevenCollector *c,
        SpBreakevenKind       kind,
        const char * const    ties[3],
        SpMoney               price,
        guint                 hours)
{
  const SpBreakevenOption *best = c->best[kind];
  SpInt128 a, b;
  int d;

  if (best == NULL)
    return TRUE;
  a = (SpInt128) price * MAX (hours, 1);
  b = (SpInt128) best->unit_price * MAX (best->hours_per_month, 1);
  if (a != b)
    return a < b;
  for (guint i = 0; i < 2; i++)
    if ((d = g_strcmp0 (ties[i], c->ties[kind][i])) != 0)
      return d < 0;
  return g_strcmp0 (ties[2], c->ties[kind][2]) < 0;
}

static void
consider (SpBreakevenCollector *c,
          SpBreakevenKind       kind,
          const char * const    ties[3],
          guint                 key,
          SpMoney               price,
          SpMoney               list,
          guint                 months,
          guint                 hours)
{
  SpBreakevenOption *option;

  if (!better (c, kind, ties, price, months > 0 ? hours : 0))
    return;
  if (c->best[kind] == NULL)
    c->best[kind] = g_new0 (SpBreakevenOption, 1);
  option = c->best[kind];
  option->kind = kind;
  option->unit_price = price;
  option->list_price = list;
  option->commitment_months = months;
  option->hours_per_month = months > 0 ? hours : 0;
  option->unit_price_per_mtok = SP_MONEY_UNKNOWN;
  option->per_axis_num = 1;
  option->per_axis_den = 1;
  c->keys[kind] = key;
  memcpy (c->ties[kind], ties, sizeof c->ties[kind]);
}

/* ---------------------------------------------------------------- the sweep */

/* The cheapest option at volume 0: lowest fixed cost, then lowest slope,
 * then kind order; NULL when there is none. */
static const SpBreakevenOption *
cheapest_at_zero (SpBreakeven *self)
{
  const SpBreakevenOption *current = NULL;

  for (guint i = 0; i < self->options->len; i++)
    {
      const SpBreakevenOption *o = g_ptr_array_index (self->options, i);
      Fraction so, sc;

      if (current == NULL || o->monthly_fixed < current->monthly_fixed)
        current = o;
      else if (o->monthly_fixed == current->monthly_fixed &&
               option_slope (o, &so) && option_slope (current, &sc) &&
               fraction_compare (&so, &sc) == -1)
        current = o;
    }
  return current;
}

static void
sweep (SpBreakeven *self)
{
  const SpBreakevenOption *current = cheapest_at_zero (self);
  Fraction at = { 0, 1 };
  Fraction limit = { self->axis_max, SP_MONEY_SCALE };

  fraction_reduce (&limit);
  if (current == NULL)
    return;
  self->cheapest_at_zero = current->kind;

  for (;;)
    {
      const SpBreakevenOption *next = NULL;
      Fraction next_at = { 0, 1 }, next_slope = { 0, 1 }, sc;

      if (!option_slope (current, &sc))
        return;
      for (guint i = 0; i < self->options->len; i++)
        {
          const SpBreakevenOption *o = g_ptr_array_index (self->options, i);
          Fraction so, v;
          SpInt128 dslope, a, b;
          int c;

          if (o == current || !option_slope (o, &so) || fraction_compare (&so, &sc) != -1)
            continue;
          /* v = (f_o − f_c) / (s_c − s_o) */
          if (__builtin_mul_overflow (sc.num, so.den, &a) ||
              __builtin_mul_overflow (so.num, sc.den, &b) ||
              __builtin_sub_overflow (a, b, &dslope) ||
              __builtin_mul_overflow ((SpInt128) o->monthly_fixed - current->monthly_fixed,
                                      sc.den, &v.num) ||
              __builtin_mul_overflow (v.num, so.den, &v.num))
            continue;
          v.den = dslope;
          if (v.num <= 0)
            continue;
          fraction_reduce (&v);
          /* strictly past the last crossover */
          if (fraction_compare (&v, &at) != 1)
            continue;
          c = next == NULL ? -1 : fraction_compare (&v, &next_at);
          if (c == -1 || (c == 0 && fraction_compare (&so, &next_slope) == -1))
            {
              next = o;
              next_at = v;
              next_slope = so;
            }
        }
      if (next == NULL || fraction_compare (&next_at, &limit) == 1)
        return;

      {
        SpBreakevenCrossover crossover;
        SpInt128 whole = next_at.num / next_at.den;

        if (next_at.num % next_at.den != 0)
          whole++;
        crossover.from = current->kind;
        crossover.to = next->kind;
        crossover.at = (gint64) whole;
        g_array_append_val (self->crossovers, crossover);
      }
      current = next;
      at = next_at;
    }
}

static gboolean
check_query (const SpBreakevenQuery  *query,
             GError                 **error)
{
  if (query->tokens_per_second < 0 || query->tokens_per_second > MAX_TOKENS_PER_SECOND)
    {
      g_set_error_literal (error, SP_BREAKEVEN_ERROR, SP_BREAKEVEN_ERROR_INVALID,
                           _("The throughput must be more than 0 and at most 10^9 tokens per second."));
      return FALSE;
    }
  if (query->tokens_per_second != 0 && (query->model == NULL || query->model[0] == '\0'))
    {
      g_set_error_literal (error, SP_BREAKEVEN_ERROR, SP_BREAKEVEN_ERROR_INVALID,
                           _("A throughput needs the model whose token offers to compare."));
      return FALSE;
    }
  return TRUE;
}

/* Whether @offer is of the GPU class the query asks for. */
static gboolean
gpu_class_matches (SpOffer                *offer,
                   const SpBreakevenQuery *query)
{
  return sp_offer_get_kind (offer) == SP_OFFER_KIND_GPU &&
         sp_estimate_gpu_model_matches (offer, query->gpu_model) &&
         (query->min_gpu_memory_gb == 0 ||
          sp_offer_get_gpu_memory_gb (offer) >= query->min_gpu_memory_gb);
}

gboolean
sp_breakeven_collector_wants (SpBreakevenCollector *c,
                              SpOffer              *offer)
{
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    return c->tokens_axis && model_matches (offer, c->query->model);
  return gpu_class_matches (offer, c->query);
}

/* One GPU offer of the class: the best of its way of buying so far? */
static void
consider_gpu_offer (SpBreakevenCollector *c,
                    SpOffer              *offer,
                    const char * const    ties[3],
                    guint                 key)
{
  SpBilling billing = sp_offer_get_billing (offer);
  SpMoney price, list;
  guint months = 0;
  guint hours = SP_BREAKEVEN_HOURS_PER_MONTH;

  if (billing == SP_BILLING_RESERVED)
    {
      if (sp_offer_get_min_commitment (offer) == NULL)
        months = 1;
      else if (!sp_breakeven_parse_commitment_hours (sp_offer_get_min_commitment (offer), &months, &hours))
        {
          c->self->n_unreadable++;
          return;
        }
    }
  else if (billing != SP_BILLING_ON_DEMAND && billing != SP_BILLING_SPOT)
    return;
  price = c->price (offer, key, &list, c->price_data);
  if (price == SP_MONEY_UNKNOWN)
    return;
  if (billing == SP_BILLING_ON_DEMAND)
    consider (c, SP_BREAKEVEN_ON_DEMAND, ties, key, price, list, 0, 0);
  else if (billing == SP_BILLING_SPOT)
    consider (c, SP_BREAKEVEN_SPOT, ties, key, price, list, 0, 0);
  else
    consider (c, months >= 12 ? SP_BREAKEVEN_YEARLY : SP_BREAKEVEN_MONTHLY,
              ties, key, price, list, months, hours);
}

void
sp_breakeven_collector_add (SpBreakevenCollector *c,
                            SpOffer              *offer,
                            const char           *id,
                            gboolean              suspicious,
                            guint                 key)
{
  const char *ties[3] = { sp_offer_get_vendor_name (offer), sp_offer_get_name (offer),
                          id != NULL ? id : sp_offer_get_id (offer) };

  if (!sp_breakeven_collector_wants (c, offer))
    return;
  /* a suspiciously cheap offer that would otherwise be compared: left
   * out and counted */
  if (suspicious)
    {
      c->self->n_suspicious++;
      return;
    }
  if (sp_offer_get_kind (offer) == SP_OFFER_KIND_TOKENS)
    {
      SpMoney list, price = c->price (offer, key, &list, c->price_data);

      if (price != SP_MONEY_UNKNOWN)
        consider (c, SP_BREAKEVEN_TOKENS, ties, key, price, list, 0, 0);
      return;
    }
  c->any_gpu = TRUE;
  consider_gpu_offer (c, offer, ties, key);
}

static gboolean
check_found (SpBreakevenCollector  *c,
             GError               **error)
{
  SpBreakevenOption **best = c->best;
  const SpBreakevenQuery *query = c->query;
  gboolean tokens_axis = c->tokens_axis;
  gboolean any_gpu = c->any_gpu;

  if (tokens_axis && best[SP_BREAKEVEN_TOKENS] == NULL)
    {
      g_set_error (error, SP_BREAKEVEN_ERROR, SP_BREAKEVEN_ERROR_NO_OFFERS,
                   _("No token offer of the model “%s” has a price."), query->model);
      return FALSE;
    }
  if (any_gpu && best[SP_BREAKEVEN_ON_DEMAND] == NULL && best[SP_BREAKEVEN_SPOT] == NULL &&
      best[SP_BREAKEVEN_MONTHLY] == NULL && best[SP_BREAKEVEN_YEARLY] == NULL)
    {
      g_set_error_literal (error, SP_BREAKEVEN_ERROR, SP_BREAKEVEN_ERROR_NO_OFFERS,
                           _("No offer of this GPU class is sold pay as you go, spot or on a "
                             "monthly or yearly plan at a known price."));
      return FALSE;
    }
  if (!any_gpu)
    {
      g_set_error_literal (error, SP_BREAKEVEN_ERROR, SP_BREAKEVEN_ERROR_NO_OFFERS,
                           _("No GPU offer matches this GPU model and memory."));
      return FALSE;
    }
  return TRUE;
}

/* Takes the options of @best into @self: commitment totals, and on the
 * tokens axis the card-hours per 1M tokens; an option whose price would
 * overflow is dropped. */
static void
add_options (SpBreakeven            *self,
             SpBreakevenOption     **best,
             const SpBreakevenQuery *query,
             gboolean                tokens_axis)
{
  for (guint k = 0; k < SP_BREAKEVEN_N_KINDS; k++)
    {
      SpBreakevenOption *option = g_steal_pointer (&best[k]);

      if (option == NULL)
        continue;
      if (option->commitment_months > 0 &&
          (__builtin_mul_overflow (option->unit_price, (gint64) option->hours_per_month,
                                   &option->monthly_fixed) ||
           __builtin_mul_overflow (option->monthly_fixed, (gint64) option->commitment_months,
                                   &option->commitment_total)))
        {
          /* a price beyond any budget: no way of buying to draw */
          option_free (option);
          continue;
        }
      if (tokens_axis && k != SP_BREAKEVEN_TOKENS)
        {
          /* card-hours per 1M tokens = 10^6 / (T/10^6 × 3600) */
          SpInt128 num = (SpInt128) SP_MONEY_SCALE * SP_MONEY_SCALE;
          SpInt128 den = (SpInt128) query->tokens_per_second * SECONDS_PER_HOUR;
          SpInt128 g = gcd128 (num, den);

          option->per_axis_num = (gint64) (num / g);
          option->per_axis_den = (gint64) (den / g);
          {
            /* per 1M tokens at full use of the card, commitments included */
            SpBreakevenOption linear = *option;

            linear.monthly_fixed = 0;
            linear.commitment_months = 0;
            option->unit_price_per_mtok = sp_breakeven_cost_at (&linear, SP_MONEY_SCALE);
          }
        }
      g_ptr_array_add (self->options, option);
    }
}

/* The unit price after the wallet's vouchers (sp-breakeven.h, "Money") */
static SpMoney
unit_after_vouchers (SpOffer  *offer,
                     guint     key,
                     SpMoney  *list,
                     gpointer  user_data)
{
  SpBreakevenCollector *c = user_data;

  return sp_offer_unit_after_vouchers (offer, c->ctx, c->wallet, c->query->date, list);
}

gboolean
sp_breakeven_collector_init (SpBreakevenCollector    *c,
                             const SpBreakevenQuery  *query,
                             SpPriceContext          *ctx,
                             SpWallet                *wallet,
                             GError                 **error)
{
  memset (c, 0, sizeof *c);
  if (!check_query (query, error))
    return FALSE;
  c->query = query;
  c->ctx = ctx;
  c->wallet = wallet;
  c->tokens_axis = query->tokens_per_second != 0;
  c->price = unit_after_vouchers;
  c->price_data = c;
  c->self = g_new0 (SpBreakeven, 1);
  c->self->axis = c->tokens_axis ? SP_BREAKEVEN_AXIS_TOKENS : SP_BREAKEVEN_AXIS_HOURS;
  c->self->currency = g_strdup (sp_price_context_get_currency (ctx));
  c->self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  c->self->crossovers = g_array_new (FALSE, FALSE, sizeof (SpBreakevenCrossover));
  return TRUE;
}

void
sp_breakeven_collector_clear (SpBreakevenCollector *c)
{
  for (guint k = 0; k < SP_BREAKEVEN_N_KINDS; k++)
    g_clear_pointer (&c->best[k], option_free);
  g_clear_pointer (&c->self, sp_breakeven_free);
}

SpBreakeven *
sp_breakeven_collector_finish (SpBreakevenCollector    *c,
                               SpBreakevenOfferFunc     offer_for_key,
                               gpointer                 user_data,
                               GError                 **error)
{
  g_autoptr(SpBreakeven) self = NULL;

  if (!check_found (c, error))
    {
      sp_breakeven_collector_clear (c);
      return NULL;
    }
  self = g_steal_pointer (&c->self);
  for (guint k = 0; k < SP_BREAKEVEN_N_KINDS; k++)
    if (c->best[k] != NULL)
      c->best[k]->offer = offer_for_key (c->keys[k], user_data);

  /* the axis: 720 h per card, or what one card makes in 720 h */
  if (c->tokens_axis)
    {
      /* tokens = T (micro tok/s) × 3600 × 720 / 10^6 = micro-Mtok */
      SpInt128 max = (SpInt128) c->query->tokens_per_second * SECONDS_PER_HOUR *
                     SP_BREAKEVEN_HOURS_PER_MONTH / SP_MONEY_SCALE;
      self->axis_max = max > SP_MONEY_MAX ? SP_MONEY_MAX : (gint64) max;
    }
  else
    self->axis_max = (gint64) SP_BREAKEVEN_HOURS_PER_MONTH * SP_MONEY_SCALE;

  add_options (self, c->best, c->query, c->tokens_axis);
  sweep (self);
  return g_steal_pointer (&self);
}

static SpOffer *
offer_at (guint    key,
          gpointer offers)
{
  return g_object_ref (g_ptr_array_index ((GPtrArray *) offers, key));
}

SpBreakeven *
sp_breakeven_run (GPtrArray              *offers,
                  const SpBreakevenQuery *query,
                  SpPriceContext         *ctx,
                  SpWallet               *wallet,
                  GError                **error)
{
  SpBreakevenCollector c;

  g_return_val_if_fail (offers != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (SP_IS_PRICE_CONTEXT (ctx), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sp_breakeven_collector_init (&c, query, ctx, wallet, error))
    return NULL;
  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *offer = g_ptr_array_index (offers, i);
      const SpOfferFlags *flags;

      if (sp_offer_get_retired (offer))
        continue;
      flags = query->flags != NULL ? g_hash_table_lookup (query->flags, offer) : NULL;
      sp_breakeven_collector_add (&c, offer, NULL,
                                  flags != NULL && (flags->flags & SP_OFFER_FLAG_SUSPICIOUS), i);
    }
  return sp_breakeven_collector_finish (&c, offer_at, offers, error);
}

char *
sp_breakeven_describe_crossover (SpBreakeven                *self,
                                 const SpBreakevenCrossover *crossover)
{
  g_autofree char *at = NULL;

  g_return_val_if_fail (self != NULL && crossover != NULL, NULL);

  at = g_strdup_printf ("%" G_GINT64_FORMAT, crossover->at);
  if (self->axis == SP_BREAKEVEN_AXIS_TOKENS)
    /* Translators: 1: millions of tokens per month ("412"), 2: a way of buying ("the monthly plan") */
    return g_strdup_printf (_("above %s M tokens/month %s is cheaper"), at, kind_phrase (crossover->to));
  /* Translators: 1: hours per month per card ("412"), 2: a way of buying ("the monthly plan") */
  return g_strdup_printf (_("above %s h/month %s is cheaper"), at, kind_phrase (crossover->to));
}
