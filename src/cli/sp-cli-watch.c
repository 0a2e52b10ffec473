/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-watch.c — suanpan-cli watch (add, remove, list) and changes
 *
 * The flags and JSON fields documented in README.md are a stable interface:
 * add to them freely, never rename or drop. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli.h"
#include "sp-labels.h"
#include "sp-watchlist.h"

/* ----------------------------------------------------------------- helpers */

static char *
money_text (SpMoney value)
{
  char *text = sp_money_to_string (value, 2);

  return text != NULL ? text : g_strdup (_("unknown"));
}

/* Parses YYYY-MM-DD as the start of that local day. */
static gboolean
parse_day (const char *text,
           gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static const char *
vendor_label (const char *vendor_name,
              const char *vendor_id)
{
  return vendor_name != NULL ? vendor_name : vendor_id != NULL ? vendor_id : "";
}

/* The current offers with id @id (and source @source unless NULL). */
static GPtrArray *
find_offers (GPtrArray  *offers,
             const char *id,
             const char *source)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < offers->len; i++)
    {
      SpOffer *o = g_ptr_array_index (offers, i);

      if (g_strcmp0 (sp_offer_get_id (o), id) == 0 &&
          (source == NULL || g_strcmp0 (sp_offer_get_source (o), source) == 0))
        g_ptr_array_add (found, o);
    }
  return found;
}

static guint
count_group (GPtrArray  *offers,
             const char *group)
{
  guint n = 0;

  for (guint i = 0; i < offers->len; i++)
    {
      g_autofree char *g = sp_offer_dup_group (g_ptr_array_index (offers, i));

      if (g_strcmp0 (g, group) == 0)
        n++;
    }
  return n;
}

typedef struct {
  char     *group;
  char     *source;
  gboolean  json;
} WatchArgs;

static void
watch_args_clear (WatchArgs *a)
{
  g_clear_pointer (&a->group, g_free);
  g_clear_pointer (&a->source, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WatchArgs, watch_args_clear)

/* Checks "OFFER_ID | --group G"; returns FALSE after printing the error. */
static gboolean
check_target (const char *command,
              WatchArgs  *a,
              int         argc,
              char      **argv)
{
  if (a->group != NULL && argc > 1)
    {
      sp_cli_fail (_("watch %s takes an OFFER_ID or --group GROUP, not both"), command);
      return FALSE;
    }
  if (a->group == NULL && argc != 2)
    {
      sp_cli_fail (_("watch %s needs an OFFER_ID or --group GROUP (see suanpan-cli watch %s --help)"),
                   command, command);
      return FALSE;
    }
  if (a->group != NULL && a->source != NULL)
    {
      sp_cli_fail ("%s", _("--source names an offer's source: a group has none"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- watch add */

static int
watch_add (SpCliGlobals  *globals,
           int            argc,
           char         **argv)
{
  g_auto(WatchArgs) a = { 0 };
  const GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &a.group,
      N_("Watch a whole equivalence group (the group field of “offers --json”)"), N_("GROUP") },
    { "source", 's', 0, G_OPTION_ARG_STRING, &a.source,
      N_("The offer's source, when several sources have an offer of that id"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  SpOffer *offer;

  if (!sp_cli_parse_options (_("(OFFER_ID | --group GROUP) — watch an offer or a group"),
                             entries, &argc, &argv) ||
      !check_target ("add", &a, argc, argv))
    return 1;

  offers = sp_cli_load_offers (globals, &store);
  if (offers == NULL)
    return 1;

  if (a.group != NULL)
    {
      guint n = count_group (offers, a.group);

      if (n == 0)
        return sp_cli_fail (_("no offer is in the group “%s” (see the group field of suanpan-cli offers --json)"),
                            a.group);
      if (!sp_watchlist_add (store, SP_WATCH_GROUP, NULL, a.group, now, &error))
        return sp_cli_fail ("%s", error->message);
      /* Translators: %s is a group id such as gpu:H100 SXM:80; %u how many offers it has now */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Watching the group “%s” (%u offer now).\n",
                            "Watching the group “%s” (%u offers now).\n", n), a.group, n);
      return 0;
    }

  found = find_offers (offers, argv[1], a.source);
  if (found->len == 0)
    return sp_cli_fail (_("no offer “%s” (see suanpan-cli offers --json)"), argv[1]);
  if (found->len > 1)
    return sp_cli_fail (_("several sources have an offer “%s”: choose one with --source NAME"), argv[1]);
  offer = g_ptr_array_index (found, 0);
  if (!sp_watchlist_add (store, SP_WATCH_OFFER, sp_offer_get_source (offer), argv[1], now, &error))
    return sp_cli_fail ("%s", error->message);
  /* Translators: %s are the offer's name and its vendor */
  g_print (_("Watching “%s” (%s).\n"),
           sp_offer_get_name (offer) ? sp_offer_get_name (offer) : argv[1],
           vendor_label (sp_offer_get_vendor_name (offer), sp_offer_get_vendor_id (offer)));
  return 0;
}

/* ---------------------------------------------------------- watch remove */

static int
watch_remove (SpCliGlobals  *globals,
              int            argc,
              char         **argv)
{
  g_auto(WatchArgs) a = { 0 };
  const GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &a.group, N_("Stop watching this group"), N_("GROUP") },
    { "source", 's', 0, G_OPTION_ARG_STRING, &a.source, N_("The offer's source"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  if (!sp_cli_parse_options (_("(OFFER_ID | --group GROUP) — stop watching an offer or a group"),
                             entries, &argc, &argv) ||
      !check_target ("remove", &a, argc, argv))
    return 1;

  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  if (!sp_watchlist_remove (store, a.group != NULL ? SP_WATCH_GROUP : SP_WATCH_OFFER, a.source,
                            a.group != NULL ? a.group : argv[1], &error))
    return sp_cli_fail ("%s", error->message);
  g_print ("%s\n", _("Removed from the watchlist."));
  return 0;
}

/* ------------------------------------------------------------ watch list */

/* What is known now of a watched offer or group */
typedef struct {
  GPtrArray           *found;  /* the offers with the watched id */
  SpOffer             *offer;  /* on sale, or NULL */
  const SpPriceChange *gone;   /* when it left its source, or NULL */
  guint                n;      /* a group's offers */
} WatchState;

static void
watch_state_clear (WatchState *st)
{
  g_clear_pointer (&st->found, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WatchState, watch_state_clear)

static void
resolve_watch (WatchState    *st,
               const SpWatch *w,
               GPtrArray     *offers,
               GPtrArray     *changes)
{
  if (w->kind == SP_WATCH_GROUP)
    {
      st->n = count_group (offers, w->key);
      return;
    }
  st->found = find_offers (offers, w->key, w->source);
  st->offer = st->found->len > 0 ? g_ptr_array_index (st->found, 0) : NULL;
  /* newest first: the last time it left */
  for (guint k = 0; st->offer == NULL && st->gone == NULL && k < changes->len; k++)
    {
      const SpPriceChange *c = g_ptr_array_index (changes, k);

      if (c->gone && g_strcmp0 (c->source, w->source) == 0 &&
          g_strcmp0 (c->offer_id, w->key) == 0)
        st->gone = c;
    }
}

static void
watch_to_json (JsonBuilder      *b,
               const SpWatch    *w,
               const WatchState *st)
{
  SpOffer *o = st->offer;
  const SpPriceChange *gone = st->gone;
  guint n = st->n;
  g_autofree char *added = sp_cli_format_utc (w->added_at);
  g_autofree char *group = o != NULL ? sp_offer_dup_group (o) : NULL;
  g_autofree char *gone_at = gone != NULL ? sp_cli_format_utc (gone->changed_at) : NULL;

  json_builder_begin_object (b);
  sp_json_set_string (b, "kind", sp_watch_kind_to_string (w->kind));
  sp_json_set_string (b, "source", w->source);
  sp_json_set_string (b, "offer", w->kind == SP_WATCH_OFFER ? w->key : NULL);
  sp_json_set_string (b, "group", w->kind == SP_WATCH_GROUP ? w->key
                                  : group != NULL ? group : gone ? gone->group : NULL);
  sp_json_set_string (b, "added_at", added);
  sp_json_set_bool (b, "on_sale", w->kind == SP_WATCH_GROUP ? n > 0 : o != NULL);
  if (w->kind == SP_WATCH_GROUP)
    sp_json_set_int (b, "offers", n);
  else
    {
      sp_json_set_string (b, "vendor", o ? sp_offer_get_vendor_id (o)
                                       : gone ? gone->vendor_id : NULL);
      sp_json_set_string (b, "vendor_name", o ? sp_offer_get_vendor_name (o)
                                            : gone ? gone->vendor_name : NULL);
      sp_json_set_string (b, "name", o ? sp_offer_get_name (o) : gone ? gone->name : NULL);
      sp_json_set_string (b, "currency", o ? sp_offer_get_currency (o) : NULL);
      sp_json_set_money (b, "price", o ? sp_offer_get_price (o) : SP_MONEY_UNKNOWN, 2);
      sp_json_set_string (b, "unit", o ? sp_cli_price_unit (sp_offer_get_kind (o)) : NULL);
      /* when it left its source, with its last price (null while on sale) */
      sp_json_set_string (b, "gone_at", gone_at);
      sp_json_set_money (b, "last_price", gone ? gone->old_price : SP_MONEY_UNKNOWN, 2);
    }
  json_builder_end_object (b);
}

static void
print_watch_line (const SpWatch    *w,
                  const WatchState *st)
{
  SpOffer *o = st->offer;

  if (w->kind == SP_WATCH_GROUP)
    /* Translators: a watchlist line: the group id and how many offers it has */
    g_print (g_dngettext (GETTEXT_PACKAGE, "group  %s  (%u offer)\n", "group  %s  (%u offers)\n", st->n),
             w->key, st->n);
  else if (o != NULL)
    {
      g_autofree char *price = money_text (sp_offer_get_price (o));

      /* Translators: a watchlist line: offer id, name, vendor, price, currency, unit */
      g_print (_("offer  %s  %s · %s  %s %s/%s\n"), w->key,
               sp_offer_get_name (o) ? sp_offer_get_name (o) : "",
               vendor_label (sp_offer_get_vendor_name (o), sp_offer_get_vendor_id (o)),
               price, sp_offer_get_currency (o),
               sp_label_unit (sp_offer_kind_unit (sp_offer_get_kind (o))));
    }
  else
    /* Translators: a watched offer its source no longer has */
    g_print (_("offer  %s  (%s): no longer on sale, see “suanpan-cli changes”\n"), w->key,
             st->gone != NULL && st->gone->name != NULL ? st->gone->name : w->source);
}

static int
watch_list (SpCliGlobals  *globals,
            int            argc,
            char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonBuilder) b = NULL;

  if (!sp_cli_parse_json_options (_("— list the watched offers and groups"),
                                  N_("Print JSON"), &json, &argc, &argv)
      || !sp_cli_no_arguments (argc, argv))
    return 1;

  offers = sp_cli_load_offers (globals, &store);
  if (offers == NULL)
    return 1;
  watches = sp_watchlist_list (store, &error);
  if (watches == NULL)
    return sp_cli_fail ("%s", error->message);
  /* what is known of the watched offers no longer on sale */
  changes = sp_watchlist_changes (store, offers, 0, &error);
  if (changes == NULL)
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else if (watches->len == 0)
    g_print ("%s\n", _("The watchlist is empty. Add to it with “suanpan-cli watch add OFFER_ID” "
                       "or “suanpan-cli watch add --group GROUP”."));

  for (guint i = 0; i < watches->len; i++)
    {
      const SpWatch *w = g_ptr_array_index (watches, i);
      g_auto(WatchState) st = { 0 };

      resolve_watch (&st, w, offers, changes);
      if (json)
        watch_to_json (b, w, &st);
      else
        print_watch_line (w, &st);
    }
  if (json)
    {
      json_builder_end_array (b);
      sp_cli_print_builder (b);
    }
  return 0;
}

/* ----------------------------------------------------------------- watch */

static const SpCliSubcommand watch_subs[] = {
  { "add", N_("Watch an offer (OFFER_ID) or a whole group (--group GROUP)"), watch_add },
  { "remove", N_("Stop watching an offer or a group"), watch_remove },
  { "list", N_("List the watched offers and groups"), watch_list },
};

static const SpCliGroup watch_group = {
  .name = "watch",
  .usage = N_("Usage: suanpan-cli [--data-dir DIR] watch SUBCOMMAND [OPTIONS…]"),
  .footer = N_("Run “suanpan-cli changes” to see how the watched prices moved."),
  .unknown = N_("unknown watch subcommand “%s” (see suanpan-cli watch --help)"),
  .width = 8,
  SP_CLI_GROUP_SUBS (watch_subs),
};

SP_CLI_DEFINE_GROUP_COMMAND (sp_cli_watch, watch_group)

/* --------------------------------------------------------------- changes */

static void
change_to_json (JsonBuilder         *b,
                const SpPriceChange *c)
{
  g_autofree char *changed = sp_cli_format_utc (c->changed_at);
  g_autofree char *since = sp_cli_format_utc (c->since);
  gint64 bp = 0;

  json_builder_begin_object (b);
  sp_json_set_string (b, "offer", c->offer_id);
  sp_json_set_string (b, "source", c->source);
  sp_json_set_string (b, "group", c->group);
  sp_json_set_string (b, "vendor", c->vendor_id);
  sp_json_set_string (b, "vendor_name", c->vendor_name);
  sp_json_set_string (b, "name", c->name);
  sp_json_set_money (b, "old", c->old_price, 2);
  sp_json_set_money (b, "new", c->new_price, 2);
  sp_json_set_string (b, "currency", c->currency);
  sp_json_set_string (b, "unit", sp_cli_price_unit (c->kind));
  if (c->kind == SP_OFFER_KIND_TOKENS)
    {
      sp_json_set_money (b, "old_output", c->old_output, 2);
      sp_json_set_money (b, "new_output", c->new_output, 2);
    }
  if (g_strcmp0 (c->old_currency, c->currency) != 0)
    sp_json_set_string (b, "old_currency", c->old_currency);
  sp_json_set_string (b, "changed_at", changed);
  sp_json_set_string (b, "since", since);
  sp_json_set_string (b, "direction",
                      sp_price_change_direction_to_string (sp_price_change_get_direction (c)));
  /* basis points as a percent with two decimals, e.g. "-20.00" */
  sp_json_set_money (b, "percent",
                     sp_price_change_get_percent_bp (c, &bp) ? bp * 10000 : SP_MONEY_UNKNOWN, 2);
  sp_json_set_bool (b, "gone", c->gone);
  json_builder_end_object (b);
}

void
sp_cli_print_price_change (const SpPriceChange *c)
{
  g_autofree char *day = sp_cli_format_local (c->changed_at, "%Y-%m-%d", "—");
  g_autofree char *since = sp_cli_format_local (c->since, "%Y-%m-%d", "—");
  g_autofree char *old = NULL;
  g_autofree char *new = NULL;
  g_autofree char *pct = NULL;
  const char *unit = sp_label_unit (sp_offer_kind_unit (c->kind));
  const char *vendor = vendor_label (c->vendor_name, c->vendor_id);
  const char *name = c->name != NULL ? c->name : c->offer_id;
  SpMoney old_value, new_value;
  gboolean is_output = FALSE;
  gint64 bp = 0;

  sp_price_change_get_moved (c, &old_value, &new_value, &is_output);
  old = money_text (old_value);
  new = money_text (new_value);
  if (is_output)
    unit = _("1M output tokens");
  if (c->gone)
    {
      /* Translators: price changes: date, offer, vendor, last price, currency, unit, since */
      g_print (_("%s  %s · %s  no longer on sale (last %s %s/%s, since %s)\n"),
               day, name, vendor, old, c->currency ? c->currency : "", unit, since);
      return;
    }
  if (sp_price_change_get_percent_bp (c, &bp))
    {
      g_autofree char *p = sp_money_to_string (bp * 10000, 2);

      pct = g_strdup_printf ("%s%s %%", bp > 0 ? "+" : "", p);
    }
  switch (sp_price_change_get_direction (c))
    {
    case SP_PRICE_CHANGE_DOWN:
      /* Translators: price changes: date, offer, vendor, old → new price, currency, unit, percent, since */
      g_print (_("%s  %s · %s  dropped %s → %s %s/%s (%s), was %s since %s\n"), day, name, vendor,
               old, new, c->currency, unit, pct ? pct : "—", old, since);
      break;
    case SP_PRICE_CHANGE_UP:
      /* Translators: price changes: date, offer, vendor, old → new price, currency, unit, percent, since */
      g_print (_("%s  %s · %s  rose %s → %s %s/%s (%s), was %s since %s\n"), day, name, vendor,
               old, new, c->currency, unit, pct ? pct : "—", old, since);
      break;
    case SP_PRICE_CHANGE_OTHER:
    case SP_PRICE_CHANGE_GONE:
    default:
      /* Translators: price changes: date, offer, vendor, old → new price, currencies, unit, since */
      g_print (_("%s  %s · %s  changed %s %s → %s %s/%s, since %s\n"), day, name, vendor,
               old, c->old_currency ? c->old_currency : "", new, c->currency ? c->currency : "",
               unit, since);
      break;
    }
  if (c->kind == SP_OFFER_KIND_TOKENS && !is_output && c->old_output != c->new_output)
    {
      g_autofree char *old_out = money_text (c->old_output);
      g_autofree char *new_out = money_text (c->new_output);

      /* Translators: the output-token price of a price change */
      g_print (_("    output %s → %s %s/%s\n"), old_out, new_out,
               c->currency ? c->currency : "", _("1M output tokens"));
    }
}

int
sp_cli_changes (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  g_autofree char *since_str = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_str,
      N_("Only changes on or after this day"), N_("YYYY-MM-DD") },
    SP_CLI_OPTION_JSON (json),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 since = 0;

  if (!sp_cli_parse_options_only (_("— how the watched prices changed"), entries, &argc, &argv))
    return 1;
  if (since_str != NULL && !parse_day (since_str, &since))
    return sp_cli_fail (_("invalid date “%s” for --since: use YYYY-MM-DD"), since_str);

  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  changes = sp_watchlist_changes (store, NULL, since, &error);
  if (changes == NULL)
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < changes->len; i++)
        change_to_json (b, g_ptr_array_index (changes, i));
      json_builder_end_array (b);
      sp_cli_print_builder (b);
      return 0;
    }
  if (changes->len == 0)
    g_print ("%s\n", _("No watched price changed."));
  for (guint i = 0; i < changes->len; i++)
    sp_cli_print_price_change (g_ptr_array_index (changes, i));
  return 0;
}
