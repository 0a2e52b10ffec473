/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-subsidies-company-group.c — Preferences → Company (issue 19) */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-subsidies-company-group.h"

struct _SpSubsidiesCompanyGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwEntryRow         *city_row;
  AdwEntryRow         *district_row;
  AdwEntryRow         *industry_row;
  AdwEntryRow         *employees_row;

  char                *store_path;
  GCancellable        *cancellable;
  SpSubsidyReport     *report;      /* the programmes (city names) and the profile */
  SpCompany           *company;     /* what is shown and saved */
  gboolean             saving;      /* one save at a time, of the latest profile */
  gboolean             dirty;       /* changed while a save was running */
};

G_DEFINE_FINAL_TYPE (SpSubsidiesCompanyGroup, sp_subsidies_company_group, ADW_TYPE_PREFERENCES_GROUP)

static void save (SpSubsidiesCompanyGroup *self);

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpSubsidiesCompanyGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!sp_company_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
      return;
    }
  if (self->dirty)
    save (self);
}

static void
save (SpSubsidiesCompanyGroup *self)
{
  if (self->saving)
    {
      self->dirty = TRUE;
      return;
    }
  self->saving = TRUE;
  self->dirty = FALSE;
  sp_company_save_async (self->store_path, self->company, self->cancellable, on_saved,
                         g_object_ref (self));
}

static void
mark (AdwEntryRow *row,
      gboolean     ok)
{
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
set_text (char       **field,
          const char  *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  g_free (*field);
  *field = *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

gboolean
sp_subsidies_company_group_apply (SpSubsidiesCompanyGroup *self,
                                  const char              *field,
                                  const char              *text)
{
  GPtrArray *programmes;

  g_return_val_if_fail (SP_IS_SUBSIDIES_COMPANY_GROUP (self), FALSE);
  if (self->report == NULL)
    return FALSE;
  programmes = sp_subsidy_report_get_programmes (self->report);
  if (g_str_equal (field, "city"))
    {
      char *id = *text != '\0' ? sp_company_resolve_city (programmes, text) : NULL;

      mark (self->city_row, id != NULL || *text == '\0');
      if (id == NULL && *text != '\0')
        return FALSE;
      g_free (self->company->city);
      self->company->city = id;
      if (id != NULL && sp_company_city_name (programmes, id) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->city_row), sp_company_city_name (programmes, id));
    }
  else if (g_str_equal (field, "district"))
    set_text (&self->company->district, text);
  else if (g_str_equal (field, "industry"))
    set_text (&self->company->industry, text);
  else if (g_str_equal (field, "employees"))
    {
      guint64 n = 0;
      gboolean ok = *text == '\0' || g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &n, NULL);

      mark (self->employees_row, ok);
      if (!ok)
        return FALSE;
      self->company->employees = *text == '\0' ? -1 : (gint64) n;
    }
  else
    g_return_val_if_reached (FALSE);
  save (self);
  return TRUE;
}

static void
on_apply (AdwEntryRow             *row,
          SpSubsidiesCompanyGroup *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");

  sp_subsidies_company_group_apply (self, field, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static AdwEntryRow *
add_row (SpSubsidiesCompanyGroup *self,
         const char              *field,
         const char              *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (row, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
  g_object_set_data (G_OBJECT (row), "field", (gpointer) field);
  g_signal_connect (row, "apply", G_CALLBACK (on_apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
  return row;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpSubsidiesCompanyGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  SpSubsidyReport *report = sp_subsidy_report_load_finish (result, &error);
  const SpCompany *company;
  const char *city;
  g_autofree char *employees = NULL;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
      return;
    }
  self->report = report;
  company = sp_subsidy_report_get_company (report);
  self->company->city = g_strdup (company->city);
  self->company->district = g_strdup (company->district);
  self->company->industry = g_strdup (company->industry);
  self->company->employees = company->employees;
  city = sp_company_city_name (sp_subsidy_report_get_programmes (report), company->city);
  if (company->employees >= 0)
    employees = g_strdup_printf ("%" G_GINT64_FORMAT, company->employees);
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), city ? city : company->city ? company->city : "");
  gtk_editable_set_text (GTK_EDITABLE (self->district_row), company->district ? company->district : "");
  gtk_editable_set_text (GTK_EDITABLE (self->industry_row), company->industry ? company->industry : "");
  gtk_editable_set_text (GTK_EDITABLE (self->employees_row), employees ? employees : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->city_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->district_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->industry_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->employees_row), TRUE);
}

static void
sp_subsidies_company_group_dispose (GObject *object)
{
  SpSubsidiesCompanyGroup *self = SP_SUBSIDIES_COMPANY_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (sp_subsidies_company_group_parent_class)->dispose (object);
}

static void
sp_subsidies_company_group_finalize (GObject *object)
{
  SpSubsidiesCompanyGroup *self = SP_SUBSIDIES_COMPANY_GROUP (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_pointer (&self->company, sp_company_free);
  g_free (self->store_path);
  G_OBJECT_CLASS (sp_subsidies_company_group_parent_class)->finalize (object);
}

static void
sp_subsidies_company_group_class_init (SpSubsidiesCompanyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_subsidies_company_group_dispose;
  object_class->finalize = sp_subsidies_company_group_finalize;
}

static void
sp_subsidies_company_group_init (SpSubsidiesCompanyGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->company = sp_company_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Company"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Where the company is registered, its industry and size: the Subsidies panel checks each compute-voucher programme against them."));
  self->city_row = add_row (self, "city", _("City (杭州 or hangzhou)"));
  self->district_row = add_row (self, "district", _("District"));
  self->industry_row = add_row (self, "industry", _("Industry"));
  self->employees_row = add_row (self, "employees", _("Employees"));
}

SpSubsidiesCompanyGroup *
sp_subsidies_company_group_new (const char *store_path)
{
  SpSubsidiesCompanyGroup *self = g_object_new (SP_TYPE_SUBSIDIES_COMPANY_GROUP, NULL);

  g_return_val_if_fail (store_path != NULL, self);
  self->store_path = g_strdup (store_path);
  sp_subsidy_report_load_async (store_path, 1, 0, self->cancellable, on_loaded, g_object_ref (self));
  return self;
}

gboolean
sp_subsidies_company_group_is_loaded (SpSubsidiesCompanyGroup *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDIES_COMPANY_GROUP (self), FALSE);
  return self->report != NULL;
}

gboolean
sp_subsidies_company_group_is_saving (SpSubsidiesCompanyGroup *self)
{
  g_return_val_if_fail (SP_IS_SUBSIDIES_COMPANY_GROUP (self), FALSE);
  return self->saving || self->dirty;
}
