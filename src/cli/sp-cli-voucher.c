/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-voucher.c — suanpan-cli voucher
 *
 * The flags and JSON fields documented in README.md and docs/vouchers.md
 * are a stable interface: add to them freely, never rename or drop. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-cli-voucher-private.h"
#include "sp-labels.h"
#include "sp-wallet-store.h"

/* ----------------------------------------------------------------- helpers */

static void
add_date (JsonBuilder *b,
          const char  *name,
          guint32      julian)
{
  g_autofree char *text = julian != 0 ? sp_date_to_iso (julian) : NULL;

  sp_json_set_string (b, name, text);
}

static const char *
programme_name (GPtrArray  *programmes,
                const char *id)
{
  SpProgramme *p = sp_programme_list_find (programmes, id);

  return p != NULL ? sp_programme_get_name (p) : NULL;
}

static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *len)
{
  g_autoptr(GError) error = NULL;

  *contents = sp_import_read_input (path, SP_IMPORT_MAX_WALLET_SIZE, len, &error);
  if (*contents == NULL)
    {
      sp_cli_fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------- voucher import */

static int
voucher_import (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  guint n = 0;
  gboolean programmes;

  if (!sp_cli_parse_json_options (_("FILE — import a wallet file or a programme file"),
                                  N_("Print the result as JSON"), &json, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail (_("give one file to import"));
  if (!read_file (argv[1], &data, &len))
    return 1;
  /* a programme file says so in its version member */
  programmes = g_strstr_len (data, (gssize) len, "\"suanpan_programmes\"") != NULL;

  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  if (programmes ? !sp_store_import_programmes (store, data, len, 0, &n, &error)
                 : !sp_store_import_vouchers (store, data, len, 0, &n, &error))
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_builder_begin_object (b);
      sp_json_set_string (b, "type", programmes ? "programmes" : "vouchers");
      sp_json_set_int (b, "imported", n);
      json_builder_end_object (b);
      sp_cli_print_builder (b);
    }
  else if (programmes)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u programme.\n",
                          "Imported %u programmes.\n", n), n);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u voucher.\n",
                          "Imported %u vouchers.\n", n), n);
  return 0;
}

/* ------------------------------------------------------------ voucher list */

static char *
voucher_value_text (SpVoucher *v)
{
  switch (sp_voucher_get_kind (v))
    {
    case SP_VOUCHER_DISCOUNT:
      if (sp_voucher_get_percent (v) >= 0)
        {
          g_autofree char *p = sp_money_to_string ((SpMoney) sp_voucher_get_percent (v) * (SP_MONEY_SCALE / 100), 0);

          /* Translators: a discount, e.g. "10% off" */
          return g_strdup_printf (_("%s%% off"), p);
        }
      else
        {
          g_autofree char *a = sp_money_to_string (sp_voucher_get_amount (v), 2);

          /* Translators: a discount, e.g. "200.00 CNY off" */
          return g_strdup_printf (_("%s %s off"), a, sp_voucher_get_currency (v));
        }
    case SP_VOUCHER_GOVERNMENT:
    case SP_VOUCHER_PREPAID:
    default:
      {
        g_autofree char *bal = sp_money_to_string (sp_voucher_get_balance (v),
                                                   sp_voucher_get_unit (v) != NULL ? 0 : 2);

        return g_strdup_printf ("%s %s", bal, sp_voucher_get_unit (v) != NULL
                                                ? sp_label_unit (sp_voucher_get_unit (v))
                                                : sp_voucher_get_currency (v));
      }
    }
}

/* One voucher of voucher list --json, with its days left and (government)
 * the programme's yearly cap left on @today. */
static void
voucher_to_json (JsonBuilder *b,
                 SpVoucher   *v,
                 GPtrArray   *programmes,
                 SpStore     *store,
                 guint32      today)
{
  SpVoucherKind kind = sp_voucher_get_kind (v);
  guint decimals = sp_voucher_get_unit (v) != NULL ? 0 : 2;
  guint32 to = sp_voucher_get_valid_to (v);
  gboolean spent = kind == SP_VOUCHER_DISCOUNT
                     ? sp_voucher_get_single_use (v) && sp_voucher_get_used (v)
                     : sp_voucher_get_balance (v) == 0;

  json_builder_begin_object (b);
  sp_json_set_string (b, "code", sp_voucher_get_code (v));
  sp_json_set_string (b, "kind", sp_voucher_kind_to_string (kind));
  sp_json_set_string (b, "label", sp_voucher_get_label (v));
  sp_json_set_string (b, "programme", sp_voucher_get_programme (v));
  sp_json_set_string (b, "programme_name",
                      programme_name (programmes, sp_voucher_get_programme (v)));
  sp_json_set_money (b, "face_value", kind == SP_VOUCHER_GOVERNMENT
                                ? sp_voucher_get_face_value (v) : SP_MONEY_UNKNOWN, 2);
  sp_json_set_money (b, "balance", kind != SP_VOUCHER_DISCOUNT
                             ? sp_voucher_get_balance (v) : SP_MONEY_UNKNOWN, decimals);
  sp_json_set_string (b, "unit", sp_voucher_get_unit (v));
  sp_json_set_string (b, "currency", sp_voucher_get_currency (v));
  sp_json_set_money (b, "percent", kind == SP_VOUCHER_DISCOUNT && sp_voucher_get_percent (v) >= 0
                             ? (SpMoney) sp_voucher_get_percent (v) * (SP_MONEY_SCALE / 100)
                             : SP_MONEY_UNKNOWN, 0);
  sp_json_set_money (b, "amount", kind == SP_VOUCHER_DISCOUNT ? sp_voucher_get_amount (v)
                                                      : SP_MONEY_UNKNOWN, 2);
  sp_json_set_money (b, "min_spend", sp_voucher_get_min_spend (v), 2);
  sp_json_set_bool (b, "single_use", sp_voucher_get_single_use (v));
  sp_json_set_bool (b, "used", sp_voucher_get_used (v));
  json_builder_set_member_name (b, "vendors");
  if (sp_voucher_get_vendors (v) == NULL)
    json_builder_add_null_value (b);
  else
    {
      const char * const *vs = sp_voucher_get_vendors (v);

      json_builder_begin_array (b);
      for (guint k = 0; vs[k] != NULL; k++)
        json_builder_add_string_value (b, vs[k]);
      json_builder_end_array (b);
    }
  add_date (b, "valid_from", sp_voucher_get_valid_from (v));
  add_date (b, "valid_to", to);
  json_builder_set_member_name (b, "days_left");
  if (to != 0)
    json_builder_add_int_value (b, (gint64) to - (gint64) today);
  else
    json_builder_add_null_value (b);
  sp_json_set_bool (b, "expired", to != 0 && to < today);
  sp_json_set_bool (b, "expiring_soon", !spent && to != 0 && to >= today &&
                                to - today <= SP_WALLET_REMINDER_DAYS);
  if (kind == SP_VOUCHER_GOVERNMENT)
    {
      SpMoney left = sp_store_get_remaining_year_cap (store, sp_voucher_get_programme (v),
                                                      today, NULL);

      sp_json_set_money (b, "remaining_year_cap", left, 2);
    }
  json_builder_end_object (b);
}

static void
print_voucher_table (GPtrArray *vouchers,
                     GPtrArray *programmes)
{
  g_autoptr(SpCliTable) table = NULL;

  table = sp_cli_table_new ("llll");
  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = vouchers->pdata[i];
      g_autofree char *value = voucher_value_text (v);
      g_autofree char *to = sp_voucher_get_valid_to (v) != 0
                              ? sp_date_to_iso (sp_voucher_get_valid_to (v)) : NULL;
      g_autofree char *until = NULL;
      const char *what = sp_voucher_get_kind (v) == SP_VOUCHER_GOVERNMENT
                           ? programme_name (programmes, sp_voucher_get_programme (v))
                           : sp_label_voucher_kind (sp_voucher_kind_to_string (sp_voucher_get_kind (v)));

      until = g_strconcat (to != NULL ? to : "—",
                           sp_voucher_get_single_use (v) && sp_voucher_get_used (v) ? _(" (used)") : "",
                           NULL);
      sp_cli_table_add (table, sp_voucher_get_code (v),
                        what != NULL ? what : sp_voucher_get_programme (v), value, until);
    }
  sp_cli_table_print (table);
}

static int
voucher_list (SpCliGlobals  *globals,
              int            argc,
              char         **argv)
{
  gboolean json = FALSE;
  int expiring = -1;
  g_autofree char *date_str = NULL;
  const GOptionEntry entries[] = {
    SP_CLI_OPTION_JSON (json),
    { "expiring", 0, 0, G_OPTION_ARG_INT, &expiring,
      N_("Only vouchers expiring within DAYS days (30 for reminders)"), N_("DAYS") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_str,
      N_("Count days and yearly caps from this day (default today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) vouchers = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GError) error = NULL;
  guint32 today = 0;

  if (!sp_cli_parse_options_only (_("— list the vouchers in the wallet"), entries, &argc, &argv))
    return 1;
  if (!sp_cli_parse_date_option (date_str, "--date", &today))
    return 1;
  if (today == 0)
    today = sp_date_today ();

  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  programmes = sp_store_list_programmes (store, &error);
  if (programmes == NULL)
    return sp_cli_fail ("%s", error->message);
  vouchers = expiring >= 0 ? sp_store_list_expiring_vouchers (store, today, (guint) expiring, &error)
                           : sp_store_list_vouchers (store, &error);
  if (vouchers == NULL)
    return sp_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_builder_begin_array (b);
      for (guint i = 0; i < vouchers->len; i++)
        voucher_to_json (b, vouchers->pdata[i], programmes, store, today);
      json_builder_end_array (b);
      sp_cli_print_builder (b);
      return 0;
    }

  if (vouchers->len == 0)
    {
      g_print ("%s\n", _("No vouchers."));
      return 0;
    }
  print_voucher_table (vouchers, programmes);
  return 0;
}

/* ---------------------------------------------------------- voucher remove */

static int
voucher_remove (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!sp_cli_parse_options (_("CODE — remove a voucher from the wallet"), NULL, &argc, &argv))
    return 1;
  if (argc != 2)
    return sp_cli_fail (_("give the code of the voucher to remove"));
  store = sp_cli_open_store (globals, &error);
  if (store == NULL || !sp_store_remove_voucher (store, argv[1], 0, &error))
    return sp_cli_fail ("%s", error->message);
  g_print (_("Removed voucher “%s”.\n"), argv[1]);
  return 0;
}

/* --------------------------------------------------------- voucher history */

/* The translated word for an audit action of the wallet (the JSON keeps the id). */
static const char *
action_label (const char *action)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { "add", NC_("voucher action", "added") },
    { "import", NC_("voucher action", "imported") },
    { "draw", NC_("voucher action", "drawn") },
    { "use", NC_("voucher action", "used") },
    { "restore", NC_("voucher action", "restored") },
    { "unuse", NC_("voucher action", "unused") },
    { "remove", NC_("voucher action", "removed") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (action, labels[i].id) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "voucher action", labels[i].label);
  return action;
}

/* The translated word for a claim status (the JSON keeps the id). */
static const char *
claim_status_label (SpClaimStatus status)
{
  switch (status)
    {
    case SP_CLAIM_PENDING:
      return C_("claim", "pending");
    case SP_CLAIM_FILED:
      return C_("claim", "filed");
    case SP_CLAIM_PAID:
      return C_("claim", "paid");
    case SP_CLAIM_CANCELLED:
    default:
      return C_("claim", "cancelled");
    }
}

static int
voucher_history (SpCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(SpCliTable) table = sp_cli_table_new ("lllrrl");

  if (!sp_cli_parse_json_options (_("[CODE] — the audit trail of the wallet or of one voucher"),
                                  N_("Print JSON"), &json, &argc, &argv))
    return 1;
  if (argc > 2)
    return sp_cli_fail (_("unexpected argument “%s”"), argv[2]);
  store = sp_cli_open_store_or_fail (globals);
  if (store == NULL)
    return 1;
  events = sp_store_voucher_history (store, argc == 2 ? argv[1] : NULL, &error);
  if (events == NULL)
    return sp_cli_fail ("%s", error->message);

  b = json_builder_new_immutable ();
  json_builder_begin_array (b);
  for (guint i = 0; i < events->len; i++)
    {
      const SpVoucherEvent *ev = &g_array_index (events, SpVoucherEvent, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (ev->time);
      g_autofree char *when = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S")
                                         : g_strdup ("?");

      if (!json)
        {
          g_autofree char *delta = sp_money_to_string (ev->delta, 2);
          g_autofree char *after = ev->balance_after != SP_MONEY_UNKNOWN
                                     ? sp_money_to_string (ev->balance_after, 2)
                                     : g_strdup ("—");
          g_autofree char *pid = ev->purchase_id > 0
                                   ? g_strdup_printf ("#%" G_GINT64_FORMAT, ev->purchase_id)
                                   : g_strdup ("");

          sp_cli_table_add (table, when, ev->code, action_label (ev->action), delta, after, pid);
          continue;
        }
      json_builder_begin_object (b);
      sp_json_set_int (b, "time", ev->time);
      sp_json_set_string (b, "code", ev->code);
      sp_json_set_string (b, "action", ev->action);
      sp_json_set_money (b, "delta", ev->delta, 2);
      sp_json_set_money (b, "balance_after", ev->balance_after, 2);
      json_builder_set_member_name (b, "purchase_id");
      if (ev->purchase_id > 0)
        json_builder_add_int_value (b, ev->purchase_id);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      sp_cli_print_builder (b);
    }
  else
    sp_cli_table_print (table);
  return 0;
}

/* ---------------------------------------------------------- voucher claims */

static gboolean
parse_evidence (const char *text,
                SpEvidence *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *out = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (*p == '\0' || g_str_equal (p, "none"))
        continue;
      if (g_str_equal (p, "contract"))
        *out |= SP_EVIDENCE_CONTRACT;
      else if (g_str_equal (p, "settlement"))
        *out |= SP_EVIDENCE_SETTLEMENT;
      else if (g_str_equal (p, "fapiao"))
        *out |= SP_EVIDENCE_FAPIAO;
      else
        {
          sp_cli_fail (_("--evidence: “%s” is not contract, settlement or fapiao"), p);
          return FALSE;
        }
    }
  return TRUE;
}

/* voucher claims --update ID: the status and evidence given, the others
 * as they are; FALSE after printing the error. */
static gboolean
update_claim (SpStore    *store,
              const char *update,
              const char *status_text,
              const char *evidence_text)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  SpClaimStatus status = SP_CLAIM_PENDING;
  SpEvidence evidence = 0;
  g_autoptr(GPtrArray) current = sp_store_list_claims (store, TRUE, &error);
  char *end = NULL;

  if (current == NULL)
    return !sp_cli_fail ("%s", error->message);
  id = g_ascii_strtoll (update, &end, 10);
  if (end == update || *end != '\0' || id <= 0)
    return !sp_cli_fail (_("--update: “%s” is not a claim id"), update);
  for (guint i = 0; i < current->len; i++)
    {
      SpClaim *c = current->pdata[i];

      if (c->id == id)
        {
          status = c->status;
          evidence = c->evidence;
        }
    }
  if (status_text != NULL &&
      (!sp_claim_status_from_string (status_text, &status) || status == SP_CLAIM_CANCELLED))
    return !sp_cli_fail (_("--status must be pending, filed or paid"));
  if (evidence_text != NULL && !parse_evidence (evidence_text, &evidence))
    return FALSE;
  if (!sp_store_update_claim (store, id, status, evidence, 0, &error))
    return !sp_cli_fail ("%s", error->message);
  return TRUE;
}

static void
claim_to_json (JsonBuilder   *b,
               const SpClaim *c)
{
  json_builder_begin_object (b);
  sp_json_set_int (b, "id", c->id);
  sp_json_set_int (b, "purchase_id", c->purchase_id);
  sp_json_set_string (b, "programme", c->programme_id);
  sp_json_set_string (b, "vouchers", c->voucher_code);
  sp_json_set_money (b, "expected", c->expected, 2);
  sp_json_set_string (b, "currency", c->currency);
  sp_json_set_string (b, "status", sp_claim_status_to_string (c->status));
  add_date (b, "purchase_date", c->purchase_date);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_object (b);
  sp_json_set_bool (b, "contract", (c->evidence & SP_EVIDENCE_CONTRACT) != 0);
  sp_json_set_bool (b, "settlement", (c->evidence & SP_EVIDENCE_SETTLEMENT) != 0);
  sp_json_set_bool (b, "fapiao", (c->evidence & SP_EVIDENCE_FAPIAO) != 0);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static int
voucher_claims (SpCliGlobals  *globals,
                int            argc,
                char         **argv)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  g_autofree char *update = NULL;
  g_autofree char *status_str = NULL;
  g_autofree char *evidence_str = NULL;
  const GOptionEntry entries[] = {
    SP_CLI_OPTION_JSON (json),
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Include cancelled claims"), NULL },
    { "update", 0, 0, G_OPTION_ARG_STRING, &update, N_("Update the claim with this id"), N_("ID") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_str,
      N_("With --update: pending, filed or paid"), N_("STATUS") },
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence_str,
      N_("With --update: the evidence collected (contract,settlement,fapiao)"), N_("LIST") },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(SpCliTable) table = NULL;
  g_autoptr(GError) error = NULL;

  if (!sp_cli_parse_options (_("— claims for programmes that reimburse after settlement"),
                             entries, &argc, &argv))
    return 1;
  store = sp_cli_open_store_no_arguments (globals, argc, argv);
  if (store == NULL)
    return 1;

  if (update != NULL && !update_claim (store, update, status_str, evidence_str))
    return 1;

  claims = sp_store_list_claims (store, all, &error);
  if (claims == NULL)
    return sp_cli_fail ("%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

      json_builder_begin_array (b);
      for (guint i = 0; i < claims->len; i++)
        claim_to_json (b, claims->pdata[i]);
      json_builder_end_array (b);
      sp_cli_print_builder (b);
      return 0;
    }
  if (claims->len == 0)
    g_print ("%s\n", _("No claims."));
  table = sp_cli_table_new ("rllrlll");
  for (guint i = 0; i < claims->len; i++)
    {
      SpClaim *c = claims->pdata[i];
      g_autofree char *expected = sp_money_to_string (c->expected, 2);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
      g_autofree char *purchase = g_strdup_printf ("#%" G_GINT64_FORMAT, c->purchase_id);
      g_autofree char *evidence = g_strdup_printf ("%s%s%s",
                                                   (c->evidence & SP_EVIDENCE_CONTRACT) ? "C" : "-",
                                                   (c->evidence & SP_EVIDENCE_SETTLEMENT) ? "S" : "-",
                                                   (c->evidence & SP_EVIDENCE_FAPIAO) ? "F" : "-");

      sp_cli_table_add (table, id, purchase, c->programme_id, expected, c->currency,
                        claim_status_label (c->status), evidence);
    }
  sp_cli_table_print (table);
  return 0;
}

static const SpCliSubcommand voucher_subs[] = {
  { "add", N_("Add a government, platform or prepaid voucher"), sp_cli_voucher_add },
  { "import", N_("Import a wallet file or a programme file"), voucher_import },
  { "list", N_("List vouchers with balances and expiry"), voucher_list },
  { "remove", N_("Remove a voucher"), voucher_remove },
  { "history", N_("Show the audit trail"), voucher_history },
  { "claims", N_("List or update reimbursement claims"), voucher_claims },
};

static const SpCliGroup voucher_group = {
  .name = "voucher",
  .usage = N_("Usage: suanpan-cli voucher SUBCOMMAND [OPTIONS…]"),
  .unknown = N_("unknown voucher subcommand “%s” (see suanpan-cli voucher --help)"),
  .width = 10,
  SP_CLI_GROUP_SUBS (voucher_subs),
};

SP_CLI_DEFINE_GROUP_COMMAND (sp_cli_voucher, voucher_group)
