/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vouchers-page.c — the Vouchers page: the wallet, claims and history
 *
 * The page keeps its own SpStore on the application's database (like the
 * Sources page) and rebuilds its rows from the store whenever it is shown
 * or something changed: the wallet is small.  Government vouchers show
 * their programme (in the UI language), face value, balance and what is
 * left of the programme's yearly cap; platform discounts their terms;
 * prepaid packs their balance or quantity.  Claims of programmes that pay
 * after settlement can be advanced (pending → filed → paid) once their
 * evidence is ticked; the history lists every recorded purchase, which can
 * be voided (balances come back), and the audit trail of voucher changes. */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-async-wait.h"
#include "sp-dialogs.h"
#include "sp-vouchers-page-private.h"
#include "sp-widget-util.h"

/* How many audit events the history shows */


G_DEFINE_FINAL_TYPE (SpVouchersPage, sp_vouchers_page, GTK_TYPE_WIDGET)

/* -------------------------------------------------------------- helpers */

/* What is left of @programme_id's yearly cap, as the last reload read it. */
SpMoney
sp_vouchers_page_lookup_cap_left (SpVouchersPage *self,
                 const char     *programme_id)
{
  SpMoney *left = self->cap_left != NULL ? g_hash_table_lookup (self->cap_left, programme_id) : NULL;

  return left != NULL ? *left : SP_MONEY_UNKNOWN;
}

gboolean
sp_vouchers_page_show_toast (SpVouchersPage *self,
            const char     *message)
{
  AdwToast *toast = sp_toast_new_plain (message);

  adw_toast_set_timeout (toast, 4);
  if (!sp_toast_show (GTK_WIDGET (self), toast))
    {
      g_message ("%s", message);
      return FALSE;
    }
  return TRUE;
}

static guint32
today_julian (void)
{
  return sp_date_today ();
}

static gboolean
reload_idle (gpointer data)
{
  SpVouchersPage *self = data;

  self->reload_id = 0;
  sp_vouchers_page_reload (self);
  return G_SOURCE_REMOVE;
}

void
sp_vouchers_page_schedule_reload (SpVouchersPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle, self);
}

static void
snapshot_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SpVouchersPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpWalletSnapshot) snap = sp_store_service_load_snapshot_finish (SP_STORE_SERVICE (source),
                                                                            result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->reload_cancellable);
  if (snap == NULL)
    sp_vouchers_page_show_toast (self, error->message);
  else
    sp_vouchers_page_show_snapshot (self, snap);
  g_object_unref (self);
}

/* Reads the wallet again through the store service; the page shows it when
 * it is there. */
void
sp_vouchers_page_reload (SpVouchersPage *self)
{
  g_return_if_fail (SP_IS_VOUCHERS_PAGE (self));
  if (self->service == NULL)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  self->reload_cancellable = g_cancellable_new ();
  sp_store_service_load_snapshot_async (self->service, self->reload_cancellable, snapshot_loaded,
                                        g_object_ref (self));
}

/* The voucher rows, each in its kind's list; returns how many expire soon. */
static guint
show_vouchers (SpVouchersPage *self,
               GPtrArray      *vouchers,
               guint32         today)
{
  guint n_gov = 0, n_discount = 0, n_prepaid = 0, n_reminders = 0;

  for (guint i = 0; i < vouchers->len; i++)
    {
      SpVoucher *v = g_ptr_array_index (vouchers, i);
      AdwActionRow *row = sp_vouchers_page_voucher_row_new (self, v, today);
      GtkListBox *list;
      StatusStyle style;

      g_free (sp_vouchers_page_status_text (v, today, &style));
      switch (sp_voucher_get_kind (v))
        {
        case SP_VOUCHER_GOVERNMENT:
          list = self->government_list, n_gov++;
          break;
        case SP_VOUCHER_DISCOUNT:
          list = self->discount_list, n_discount++;
          break;
        case SP_VOUCHER_PREPAID:
        default:
          list = self->prepaid_list, n_prepaid++;
          break;
        }
      if (style == STATUS_WARNING)
        n_reminders++;
      gtk_list_box_append (list, GTK_WIDGET (row));
      g_hash_table_insert (self->rows, g_strdup (sp_voucher_get_code (v)), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->government_group), n_gov > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->discount_group), n_discount > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->prepaid_group), n_prepaid > 0);
  return n_reminders;
}

/* The claims, then the history: purchases and the audit trail. */
static void
show_claims_and_history (SpVouchersPage   *self,
                         SpWalletSnapshot *snap)
{
  GPtrArray *claims = snap->claims;
  GPtrArray *purchases = snap->purchases;
  GArray *events = snap->events;

  self->n_claims = claims->len;
  for (guint i = 0; i < claims->len; i++)
    gtk_list_box_append (self->claims_list, sp_vouchers_page_claim_row_new (self, g_ptr_array_index (claims, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->claims_group), claims->len > 0);

  self->n_purchases = purchases->len;
  self->n_live_purchases = 0;
  for (guint i = 0; i < purchases->len; i++)
    {
      SpPurchaseRecord *rec = g_ptr_array_index (purchases, i);

      if (rec->voided_at == 0)
        self->n_live_purchases++;
      gtk_list_box_append (self->history_list, sp_vouchers_page_purchase_row_new (self, rec));
    }
  if (events->len > 0)
    gtk_list_box_append (self->history_list, sp_vouchers_page_events_row_new (self, events));
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), purchases->len > 0 || events->len > 0);
}

/* The wallet's one-line description: how many vouchers, how many expire soon. */
static char *
wallet_summary (guint n_vouchers,
                guint n_reminders)
{
  if (n_vouchers == 0)
    return g_strdup (_("No vouchers left. Past purchases are kept below."));
  if (n_reminders > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u voucher; %u expires within 30 days",
                                         "%u vouchers; %u expire within 30 days",
                                         n_vouchers),
                            n_vouchers, n_reminders);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u voucher", "%u vouchers",
                                       n_vouchers), n_vouchers);
}

void
sp_vouchers_page_show_snapshot (SpVouchersPage   *self,
               SpWalletSnapshot *snap)
{
  GPtrArray *programmes = snap->programmes;
  guint n_reminders;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->cap_left, g_hash_table_unref);
  self->cap_left = g_hash_table_ref (snap->cap_left);
  g_clear_pointer (&self->programme_list, g_ptr_array_unref);
  self->programme_list = g_ptr_array_ref (snap->programmes);
  self->building = TRUE;
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->programmes);
  for (guint i = 0; i < programmes->len; i++)
    {
      SpProgramme *p = g_ptr_array_index (programmes, i);

      g_hash_table_insert (self->programmes, g_strdup (sp_programme_get_id (p)), g_object_ref (p));
    }

  sp_list_box_remove_all (self->government_list);
  sp_list_box_remove_all (self->discount_list);
  sp_list_box_remove_all (self->prepaid_list);
  sp_list_box_remove_all (self->claims_list);
  sp_list_box_remove_all (self->history_list);

  n_reminders = show_vouchers (self, snap->vouchers, today_julian ());
  show_claims_and_history (self, snap);
  summary = wallet_summary (snap->vouchers->len, n_reminders);
  adw_preferences_group_set_description (self->wallet_group, summary);

  gtk_stack_set_visible_child_name (self->state_stack,
                                    snap->vouchers->len > 0 || snap->purchases->len > 0 ||
                                    snap->claims->len > 0
                                    ? "list" : "empty");
  self->building = FALSE;
}

/* ------------------------------------------------------------- dialogs */

static void
on_dialog_add (SpVoucherDialog *dialog,
               SpVouchersPage  *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpVoucher) voucher = sp_voucher_dialog_build_voucher (dialog, &error);

  if (voucher == NULL || self->service == NULL)
    {
      sp_voucher_dialog_finish (dialog, error);
      return;
    }
  sp_store_service_add_voucher_async (self->service, voucher, NULL, sp_vouchers_page_change_done,
                                      sp_vouchers_page_change_new (self, dialog, _("Voucher added")));
}

static void open_chooser (SpVouchersPage *self);

static void
on_dialog_import (SpVoucherDialog *dialog,
                  SpVouchersPage  *self)
{
  gtk_window_close (GTK_WINDOW (dialog));
  open_chooser (self);
}

SpVoucherDialog *
sp_vouchers_page_open_dialog (SpVouchersPage *self)
{
  SpVoucherDialog *dialog;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);
  if (self->service == NULL)
    return NULL;
  /* the programmes as the page shows them (read with the wallet) */
  dialog = sp_voucher_dialog_new (self->programme_list);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), sp_widget_get_window (GTK_WIDGET (self)));
  g_signal_connect_object (dialog, "add", G_CALLBACK (on_dialog_add), self, 0);
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_dialog_import), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void import_file_data (SpVouchersPage *self, GFile *source, const char *data, gsize len);

/* Whether @data is a programme file (else a voucher file): the importers
 * report syntax errors themselves. */
gboolean
sp_vouchers_page_holds_programmes (const char *data,
                  gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_data (parser, data, (gssize) len, NULL)
         && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         && json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                    "suanpan_programmes");
}

char *
sp_vouchers_page_import_summary (gboolean programmes,
                guint    n)
{
  if (programmes)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u programme",
                                         "Imported %u programmes", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u voucher",
                                       "Added %u vouchers", n), n);
}

void
sp_vouchers_page_imported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpVouchersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *name = g_object_get_data (G_OBJECT (self), "sp-import-name");
  gboolean programmes = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "sp-import-programmes"));
  guint n = 0;

  if (!sp_store_service_import_wallet_finish (SP_STORE_SERVICE (source), result, &n, &error))
    {
      /* Translators: “wallet.json”: what went wrong */
      g_autofree char *message = g_strdup_printf (_("Could not import “%s”: %s"), name, error->message);

      sp_vouchers_page_show_toast (self, message);
      return;
    }
  summary = sp_vouchers_page_import_summary (programmes, n);
  sp_vouchers_page_show_toast (self, summary);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpVouchersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &data, &len, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sp_vouchers_page_show_toast (self, error->message);
      return;
    }
  import_file_data (self, G_FILE (source), data, len);
}

static void
import_file_data (SpVouchersPage *self,
                  GFile          *source,
                  const char     *data,
                  gsize           len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  gboolean programmes = sp_vouchers_page_holds_programmes (data, len);

  if (self->service == NULL)
    return;
  g_object_set_data_full (G_OBJECT (self), "sp-import-name", g_file_get_basename (source), g_free);
  g_object_set_data (G_OBJECT (self), "sp-import-programmes", GINT_TO_POINTER (programmes));
  sp_store_service_import_wallet_async (self->service, bytes, programmes, NULL, sp_vouchers_page_imported,
                                        g_object_ref (self));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SpVouchersPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* a local file: the one input check of every import (sp_import_read_input()) */
      if (file != NULL && g_file_peek_path (file) != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *data = NULL;
          gsize len = 0;

          data = sp_import_read_input (g_file_peek_path (file), SP_IMPORT_MAX_WALLET_SIZE, &len,
                                       &error);
          if (data == NULL)
            sp_vouchers_page_show_toast (self, error->message);
          else
            import_file_data (self, file, data, len);
        }
      else if (file != NULL)
        g_file_load_contents_async (file, self->cancellable, on_file_loaded, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (SpVouchersPage *self)
{
  GtkFileFilter *json;

  if (self->chooser != NULL)
    return;
  json = gtk_file_filter_new ();
  gtk_file_filter_set_name (json, _("Suanpan wallet or programme files (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  self->chooser = sp_file_chooser_new (GTK_WIDGET (self), _("Import Vouchers or Programmes"),
                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), json);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
action_add (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  sp_vouchers_page_open_dialog (SP_VOUCHERS_PAGE (widget));
}

static void
action_import (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  open_chooser (SP_VOUCHERS_PAGE (widget));
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SpVouchersPage   *self)
{
  const char *code = g_object_get_data (G_OBJECT (dialog), "sp-code");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->service == NULL)
    return;
  sp_store_service_remove_voucher_async (self->service, code, NULL, sp_vouchers_page_change_done,
                                         sp_vouchers_page_change_new (self, NULL, _("Voucher deleted")));
}

AdwMessageDialog *
sp_vouchers_page_ask_remove (SpVouchersPage *self,
                             const char     *code)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  dialog = sp_confirm_dialog_new (sp_widget_get_window (GTK_WIDGET (self)), _("Delete Voucher?"),
                                  NULL, "delete", _("_Delete"));
  /* Translators: %s is a voucher code */
  adw_message_dialog_format_body (dialog, _("“%s” and what is left on it are removed from the wallet. "
                                            "Its history is kept."), code);
  g_object_set_data_full (G_OBJECT (dialog), "sp-code", g_strdup (code), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_void_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SpVouchersPage   *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "sp-purchase-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "void") != 0 || self->service == NULL)
    return;
  sp_store_service_void_purchase_async (self->service, id, NULL, sp_vouchers_page_change_done,
                                        sp_vouchers_page_change_new (self, NULL,
                                                    _("Purchase voided; the vouchers got their balances back")));
}

AdwMessageDialog *
sp_vouchers_page_ask_void (SpVouchersPage *self,
                           gint64          purchase_id)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (SP_IS_VOUCHERS_PAGE (self), NULL);

  dialog = sp_confirm_dialog_new (sp_widget_get_window (GTK_WIDGET (self)), _("Void Purchase?"),
                                  _("The vouchers it used get their balances back, "
                                    "single-use discounts become usable again and "
                                    "its claims are cancelled."),
                                  "void", _("_Void Purchase"));
  g_object_set_data_full (G_OBJECT (dialog), "sp-purchase-id",
                          g_memdup2 (&purchase_id, sizeof purchase_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_void_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ------------------------------------------------------------ GObject */

static void
sp_vouchers_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sp_vouchers_page_parent_class)->map (widget);
  /* purchases may have been recorded elsewhere (the redeem window, the CLI) */
  sp_vouchers_page_reload (SP_VOUCHERS_PAGE (widget));
}

static void
sp_vouchers_page_dispose (GObject *object)
{
  SpVouchersPage *self = SP_VOUCHERS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_VOUCHERS_PAGE);
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  sp_follow_object (&self->service, NULL, self);
  g_clear_pointer (&self->cap_left, g_hash_table_unref);
  g_clear_pointer (&self->programme_list, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_vouchers_page_parent_class)->dispose (object);
}

static void
sp_vouchers_page_finalize (GObject *object)
{
  SpVouchersPage *self = SP_VOUCHERS_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->programmes, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sp_vouchers_page_parent_class)->finalize (object);
}

static void
sp_vouchers_page_class_init (SpVouchersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_vouchers_page_dispose;
  object_class->finalize = sp_vouchers_page_finalize;
  widget_class->map = sp_vouchers_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-vouchers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, wallet_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, government_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, discount_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, prepaid_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, claims_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, government_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, discount_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, prepaid_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, claims_list);
  gtk_widget_class_bind_template_child (widget_class, SpVouchersPage, history_list);

  gtk_widget_class_install_action (widget_class, "vouchers.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "vouchers.import", NULL, action_import);
}

static void
sp_vouchers_page_init (SpVouchersPage *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->programmes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}

/* ---------------------------------------------------------- public API */

static void
on_wallet_changed (SpStoreService *service,
                   SpVouchersPage *self)
{
  sp_vouchers_page_schedule_reload (self);
}

void
sp_vouchers_page_load (SpVouchersPage *self,
                       SpApplication  *app)
{
  g_return_if_fail (SP_IS_VOUCHERS_PAGE (self));
  g_return_if_fail (SP_IS_APPLICATION (app));

  if (sp_application_follow_service (app, &self->service, self))
    g_signal_connect (self->service, "wallet-changed", G_CALLBACK (on_wallet_changed), self);
  sp_vouchers_page_reload (self);
}

