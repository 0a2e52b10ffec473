/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reprice-panel.c — the Spending page's "at today's offers" panel */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-vendors.h"
#include "sp-reprice-panel.h"
#include "sp-widget-util.h"

struct _SpRepricePanel
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkLabel        *period;
  GtkSpinner      *spinner;
  GtkLabel        *summary;
  GtkLabel        *error;
  GtkExpander     *groups_expander;
  GtkGrid         *groups_grid;
  GtkExpander     *entries_expander;
  GtkListBox      *entries_list;
  GtkExpander     *unmapped_expander;
  GtkListBox      *unmapped_list;

  GCancellable    *cancellable;
  SpRepriceResult *result;
  GPtrArray       *open_buttons;   /* GtkWidget, borrowed: the rows own them */
  GPtrArray       *group_dropdowns; /* GtkDropDown, borrowed */
  guint            n_unmapped_rows;
  char            *summary_text;
  char            *error_text;
  /* what the last reload was asked, for a reload after a group is assigned */
  SpStoreService  *service;
  SpPriceContext  *ctx;
  GDate            today;
};

G_DEFINE_FINAL_TYPE (SpRepricePanel, sp_reprice_panel, GTK_TYPE_WIDGET)

static GtkLabel *
add_label (GtkBox     *box,
           const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static const char *
vendor_label (const SpRepriceEntry *e)
{
  if (sp_format_ui_is_chinese () && e->offer_vendor_name_zh != NULL && *e->offer_vendor_name_zh != '\0')
    return e->offer_vendor_name_zh;
  return e->offer_vendor_name != NULL ? e->offer_vendor_name : "";
}

static void
on_open_clicked (GtkButton *button,
                 gpointer   user_data)
{
  const SpRepriceEntry *e = g_object_get_data (G_OBJECT (button), "sp-reprice-entry");

  if (e == NULL)
    return;
  /* the window switches to the Offers page and finds the offer */
  gtk_widget_activate_action (GTK_WIDGET (user_data), "win.show-offer", "(sss)",
                              e->offer_source != NULL ? e->offer_source : "",
                              e->offer_id != NULL ? e->offer_id : "",
                              e->offer_name != NULL ? e->offer_name : "");
}

/* The groups of @kind's offers the catalog has, as labels (the first item
 * asks to choose); @ids gets the same groups' ids, index for index. */
static GtkStringList *
group_choices (const SpRepriceResult *r,
               SpLedgerKind           kind,
               GPtrArray             *ids)
{
  const char *prefix = kind == SP_LEDGER_KIND_GPU ? "gpu:" : kind == SP_LEDGER_KIND_CPU ? "cpu:" : "tokens:";
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Assign a group…"));
  g_ptr_array_add (ids, g_strdup (""));
  for (guint i = 0; r->known_groups != NULL && r->known_groups[i] != NULL; i++)
    if (g_str_has_prefix (r->known_groups[i], prefix))
      {
        g_autofree char *label = sp_reprice_group_label (r->known_groups[i]);

        gtk_string_list_append (list, label);
        g_ptr_array_add (ids, g_strdup (r->known_groups[i]));
      }
  return list;
}

static void
show_error (SpRepricePanel *self,
            const char     *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  sp_label_show_error (self->error, message);
}

static void
on_group_set (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpRepricePanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_store_service_finish (SP_STORE_SERVICE (source), result, &error))
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      g_clear_object (&self->cancellable);
      show_error (self, error->message);
    }
  else
    sp_reprice_panel_reload (self, self->service, self->ctx, &self->today);
}

static void
on_group_chosen (GtkDropDown    *dropdown,
                 GParamSpec     *pspec,
                 SpRepricePanel *self)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (dropdown), "sp-group-ids");
  const SpRepriceUnmapped *u = g_object_get_data (G_OBJECT (dropdown), "sp-reprice-unmapped");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || u == NULL || selected == 0 || selected >= ids->len || self->service == NULL)
    return;
  /* busy from now on: the reprice follows the assignment */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  sp_store_service_set_group_async (self->service, u->vendor, u->item,
                                    g_ptr_array_index (ids, selected), NULL, on_group_set,
                                    g_object_ref (self));
}

static void
grid_row (GtkGrid    *grid,
          int         row,
          const char *texts[5],
          gboolean    heading)
{
  for (int c = 0; c < 5; c++)
    {
      GtkWidget *label = gtk_label_new (texts[c]);

      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0.0f : 1.0f);
      if (c == 0)
        gtk_widget_set_hexpand (label, TRUE);
      if (heading)
        gtk_widget_add_css_class (label, "dim-label");
      else
        gtk_widget_add_css_class (label, "numeric");
      gtk_grid_attach (grid, label, c, row, 1, 1);
    }
}

/* The period and the one-paragraph summary. */
static void
show_summary (SpRepricePanel        *self,
              const SpRepriceResult *r)
{
  const char *cur = r->currency;
  g_autofree char *paid = sp_format_amount (r->paid, cur);
  g_autofree char *alt = sp_format_amount (r->alternative, cur);
  g_autofree char *saving = sp_format_amount (r->saving, cur);
  g_autofree char *vouchers = sp_format_amount (r->saving_from_vouchers, cur);
  g_autofree char *period = NULL;

  /* Translators: the period repriced, "2026-04 to 2026-06" */
  period = g_strdup_printf (_("%s to %s"), r->from_month, r->to_month);
  gtk_label_set_text (self->period, period);
  g_free (self->summary_text);
  if (r->entries->len == 0)
    self->summary_text = g_strdup (_("No entry of this period could be repriced."));
  else if (r->saving >= 0)
    /* Translators: paid, what the same usage costs now, the difference, the vouchers' part */
    self->summary_text = g_strdup_printf (_("Paid %s; the same usage at today’s best offers: %s. "
                                            "You could have saved %s, of which %s from vouchers "
                                            "left unused."),
                                          paid, alt, saving, vouchers);
  else
    {
      g_autofree char *more = sp_format_amount (-r->saving, cur);

      self->summary_text = g_strdup_printf (_("Paid %s; the same usage at today’s best offers: %s, "
                                              "%s more. Vouchers would give %s of it."),
                                            paid, alt, more, vouchers);
    }
  gtk_label_set_text (self->summary, self->summary_text);
}

/* The table of groups: a heading row, then one row a group. */
static void
show_groups (SpRepricePanel        *self,
             const SpRepriceResult *r)
{
  const char *heads[5] = { _("Group"), _("Entries"), _("Paid"), _("At today’s offers"),
                           _("Vouchers unused") };

  clear_grid (self->groups_grid);
  grid_row (self->groups_grid, 0, heads, TRUE);
  for (guint i = 0; i < r->groups->len; i++)
    {
      const SpRepriceGroup *g = g_ptr_array_index (r->groups, i);
      g_autofree char *label = sp_reprice_group_label (g->group);
      g_autofree char *n = g_strdup_printf ("%u", g->n_entries);
      g_autofree char *gp = sp_format_amount (g->paid, r->currency);
      g_autofree char *ga = sp_format_amount (g->alternative, r->currency);
      g_autofree char *gv = sp_format_amount (g->vouchers, r->currency);
      const char *texts[5] = { label, n, gp, ga, gv };

      grid_row (self->groups_grid, (int) i + 1, texts, FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->groups_expander), r->groups->len > 0);
}

/* A row titled "date · vendor · item" (plain text). */
static GtkWidget *
ledger_row_new (const char *date,
                const char *vendor,
                const char *item)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s · %s · %s", date, sp_label_vendor (vendor), item);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

/* After SP_REPRICE_PANEL_MAX_ROWS rows of @n_total: how many more there are. */
static void
append_more_row (GtkListBox *list,
                 guint       n_total)
{
  GtkWidget *row;
  g_autofree char *more = NULL;

  if (n_total <= SP_REPRICE_PANEL_MAX_ROWS)
    return;
  row = adw_action_row_new ();
  more = g_strdup_printf (_("and %u more (suanpan-cli ledger reprice lists them all)"),
                          n_total - SP_REPRICE_PANEL_MAX_ROWS);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
  gtk_list_box_append (list, row);
}

/* The entries repriced, each with a button to its offer on the Offers page. */
static void
show_entries (SpRepricePanel        *self,
              const SpRepriceResult *r)
{
  const char *cur = r->currency;
  g_autofree char *title = NULL;

  sp_list_box_remove_all (self->entries_list);
  g_ptr_array_set_size (self->open_buttons, 0);
  for (guint i = 0; i < r->entries->len && i < SP_REPRICE_PANEL_MAX_ROWS; i++)
    {
      const SpRepriceEntry *e = g_ptr_array_index (r->entries, i);
      GtkWidget *row = ledger_row_new (e->date, e->vendor, e->item);
      GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
      g_autofree char *ep = sp_format_amount (e->paid, cur);
      g_autofree char *ec = sp_format_amount (e->cost, cur);
      g_autofree char *ev = sp_format_amount (e->vouchers, cur);
      g_autofree char *subtitle = NULL;

      /* Translators: "paid ¥2500.00 → ¥1600.00 at 杭州云 · 1 × H100 SXM 80 GB (vouchers ¥400.00)" */
      subtitle = g_strdup_printf (_("paid %s → %s at %s · %s (vouchers %s)"), ep, ec,
                                  vendor_label (e), e->offer_name != NULL ? e->offer_name : "", ev);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Open this offer on the Offers page"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open this offer on the Offers page"), -1);
      g_object_set_data (G_OBJECT (button), "sp-reprice-entry", (gpointer) e);
      g_signal_connect (button, "clicked", G_CALLBACK (on_open_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_ptr_array_add (self->open_buttons, button);
      gtk_list_box_append (self->entries_list, row);
    }
  append_more_row (self->entries_list, r->entries->len);
  title = g_strdup_printf (_("Entries repriced (%u)"), r->entries->len);
  gtk_expander_set_label (self->entries_expander, title);
  gtk_widget_set_visible (GTK_WIDGET (self->entries_expander), r->entries->len > 0);
}

/* The entries not repriced and why; where only a group is missing, a
 * drop-down to assign one. */
static void
show_unmapped (SpRepricePanel        *self,
               const SpRepriceResult *r)
{
  g_autofree char *title = NULL;

  sp_list_box_remove_all (self->unmapped_list);
  g_ptr_array_set_size (self->group_dropdowns, 0);
  self->n_unmapped_rows = 0;
  for (guint i = 0; i < r->unmapped->len && i < SP_REPRICE_PANEL_MAX_ROWS; i++)
    {
      const SpRepriceUnmapped *u = g_ptr_array_index (r->unmapped, i);
      GtkWidget *row = ledger_row_new (u->date, u->vendor, u->item);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), u->reason);
      if (u->miss == SP_REPRICE_MISS_NO_GROUP && u->kind != SP_LEDGER_KIND_OTHER)
        {
          /* assigned once to the vendor + item, remembered for its entries */
          GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GtkStringList) choices = group_choices (r, u->kind, ids);
          GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);

          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Assign a group to this vendor and item"), -1);
          g_object_set_data_full (G_OBJECT (dropdown), "sp-group-ids", ids,
                                  (GDestroyNotify) g_ptr_array_unref);
          g_object_set_data (G_OBJECT (dropdown), "sp-reprice-unmapped", (gpointer) u);
          g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_group_chosen), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
          g_ptr_array_add (self->group_dropdowns, dropdown);
        }
      gtk_list_box_append (self->unmapped_list, row);
      self->n_unmapped_rows++;
    }
  append_more_row (self->unmapped_list, r->unmapped->len);
  title = g_strdup_printf (_("Not repriced (%u)"), r->unmapped->len);
  gtk_expander_set_label (self->unmapped_expander, title);
  gtk_widget_set_visible (GTK_WIDGET (self->unmapped_expander), r->unmapped->len > 0);
  /* never hidden away: entries that could not be repriced are shown open */
  gtk_expander_set_expanded (self->unmapped_expander, r->unmapped->len > 0);
}

static void
show_result (SpRepricePanel *self)
{
  show_summary (self, self->result);
  show_groups (self, self->result);
  show_entries (self, self->result);
  show_unmapped (self, self->result);
}

static void
on_reprice_done (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(SpRepricePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  SpRepriceResult *result = sp_store_service_reprice_finish (SP_STORE_SERVICE (source), res, &error);

  if (result == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, sp_reprice_result_free);
  g_clear_pointer (&self->error_text, g_free);
  if (result == NULL)
    {
      /* the rows pointed into the result just freed */
      sp_list_box_remove_all (self->entries_list);
      sp_list_box_remove_all (self->unmapped_list);
      clear_grid (self->groups_grid);
      g_ptr_array_set_size (self->open_buttons, 0);
      g_ptr_array_set_size (self->group_dropdowns, 0);
      self->n_unmapped_rows = 0;
      gtk_widget_set_visible (GTK_WIDGET (self->groups_expander), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->entries_expander), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->unmapped_expander), FALSE);
      gtk_label_set_text (self->summary, "");
      g_clear_pointer (&self->summary_text, g_free);
      show_error (self, error->message);
      return;
    }
  sp_label_show_error (self->error, NULL);
  self->result = result;
  show_result (self);
}

void
sp_reprice_panel_reload (SpRepricePanel *self,
                         SpStoreService *service,
                         SpPriceContext *ctx,
                         const GDate    *today)
{
  char from[8], to[8];
  GDate day;

  g_return_if_fail (SP_IS_REPRICE_PANEL (self));
  g_return_if_fail (SP_IS_STORE_SERVICE (service));
  g_return_if_fail (SP_IS_PRICE_CONTEXT (ctx));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (today != NULL && g_date_valid (today))
    day = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }
  sp_reprice_default_period (&day, from, to);
  g_set_object (&self->service, service);
  g_set_object (&self->ctx, ctx);
  self->today = day;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  sp_store_service_reprice_async (service, from, to, ctx, self->cancellable, on_reprice_done,
                                  g_object_ref (self));
}

gboolean
sp_reprice_panel_is_busy (SpRepricePanel *self)
{
  g_return_val_if_fail (SP_IS_REPRICE_PANEL (self), FALSE);

  return self->cancellable != NULL;
}

const SpRepriceResult *
sp_reprice_panel_get_result (SpRepricePanel *self)
{
  g_return_val_if_fail (SP_IS_REPRICE_PANEL (self), NULL);

  return self->result;
}

const char *
sp_reprice_panel_get_summary (SpRepricePanel *self)
{
  g_return_val_if_fail (SP_IS_REPRICE_PANEL (self), NULL);

  return self->summary_text;
}

const char *
sp_reprice_panel_get_error (SpRepricePanel *self)
{
  g_return_val_if_fail (SP_IS_REPRICE_PANEL (self), NULL);

  return self->error_text;
}

GtkWidget *
sp_reprice_panel_get_open_button (SpRepricePanel *self,
                                  guint           index)
{
  g_return_val_if_fail (SP_IS_REPRICE_PANEL (self), NULL);

  return index < self->open_buttons->len ? g_ptr_array_index (self->open_buttons, index) : NULL;
}

GtkDropDown *
sp_reprice_panel_get_group_dropdown (SpRepricePanel *self,
                                     guint           index)
{
  g_return_val_if_fail (SP_IS_REPRICE_PANEL (self), NULL);

  return index < self->group_dropdowns->len ? g_ptr_array_index (self->group_dropdowns, index) : NULL;
}

guint
sp_reprice_panel_get_n_unmapped_rows (SpRepricePanel *self)
{
  g_return_val_if_fail (SP_IS_REPRICE_PANEL (self), 0);

  return self->n_unmapped_rows;
}

GtkWidget *
sp_reprice_panel_new (void)
{
  return g_object_new (SP_TYPE_REPRICE_PANEL, NULL);
}

static void
sp_reprice_panel_dispose (GObject *object)
{
  SpRepricePanel *self = SP_REPRICE_PANEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ctx);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sp_reprice_panel_parent_class)->dispose (object);
}

static void
sp_reprice_panel_finalize (GObject *object)
{
  SpRepricePanel *self = SP_REPRICE_PANEL (object);

  g_clear_pointer (&self->result, sp_reprice_result_free);
  g_clear_pointer (&self->open_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->group_dropdowns, g_ptr_array_unref);
  g_clear_object (&self->service);
  g_free (self->summary_text);
  g_free (self->error_text);
  G_OBJECT_CLASS (sp_reprice_panel_parent_class)->finalize (object);
}

static void
sp_reprice_panel_class_init (SpRepricePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_reprice_panel_dispose;
  object_class->finalize = sp_reprice_panel_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reprice-panel");
}

static GtkListBox *
add_expander_list (GtkBox       *box,
                   GtkExpander **expander)
{
  GtkWidget *list = gtk_list_box_new ();

  *expander = GTK_EXPANDER (gtk_expander_new (NULL));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 6);
  gtk_expander_set_child (*expander, list);
  gtk_widget_set_visible (GTK_WIDGET (*expander), FALSE);
  gtk_box_append (box, GTK_WIDGET (*expander));
  return GTK_LIST_BOX (list);
}

static void
sp_reprice_panel_init (SpRepricePanel *self)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  GtkBox *header = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
  GtkWidget *title = gtk_label_new (_("At Today’s Best Offers"));
  GtkWidget *grid = gtk_grid_new ();

  self->open_buttons = g_ptr_array_new ();
  self->group_dropdowns = g_ptr_array_new ();
  g_date_clear (&self->today, 1);
  self->box = GTK_WIDGET (box);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);

  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (header, title);
  self->period = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->period), "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (self->period), TRUE);
  gtk_label_set_xalign (self->period, 0);
  gtk_box_append (header, GTK_WIDGET (self->period));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (header, GTK_WIDGET (self->spinner));
  gtk_box_append (box, GTK_WIDGET (header));

  self->summary = add_label (box, NULL);
  self->error = add_label (box, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);

  self->groups_expander = GTK_EXPANDER (gtk_expander_new (_("By group")));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_top (grid, 6);
  self->groups_grid = GTK_GRID (grid);
  gtk_expander_set_child (self->groups_expander, grid);
  gtk_expander_set_expanded (self->groups_expander, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->groups_expander), FALSE);
  gtk_box_append (box, GTK_WIDGET (self->groups_expander));

  self->entries_list = add_expander_list (box, &self->entries_expander);
  self->unmapped_list = add_expander_list (box, &self->unmapped_expander);
}
