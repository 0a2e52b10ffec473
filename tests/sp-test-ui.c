/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-ui.c — helpers shared by the UI test programs */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "sp-core.h"
#include "sp-test-ui.h"

SpTestDir *
sp_test_ui_setup (void)
{
  SpTestDir *dir;

  setlocale (LC_ALL, "");
  sp_core_init ();
  textdomain (GETTEXT_PACKAGE);
  dir = sp_test_dir_new ();
  g_setenv ("SUANPAN_DATA_DIR", dir->path, TRUE);
  return dir;
}

void
sp_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

int
sp_test_ui_run (SpApplication **app,
                SpTestDir      *dir)
{
  int ret = g_test_run ();

  if (*app != NULL)
    {
      sp_test_ui_close_app_windows (*app);
      sp_test_ui_iterate_for (100);
    }
  sp_test_ui_stop_app ();
  g_clear_object (app);
  sp_test_dir_free (dir);
  return ret;
}

void
sp_test_ui_iterate_until (gboolean (*done) (gpointer),
                          gpointer   data,
                          guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

void
sp_test_ui_iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static SpApplication *
register_app (void)
{
  g_autoptr(GError) error = NULL;
  SpApplication *app = sp_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

SpApplication *
sp_test_ui_start_app (SpApplication **app)
{
  if (*app == NULL)
    *app = register_app ();
  g_application_activate (G_APPLICATION (*app));
  return *app;
}

SpWindow *
sp_test_ui_get_window (SpApplication **app,
                       const char     *data_dir)
{
  if (*app == NULL)
    {
      *app = register_app ();
      /* never the user's own database */
      g_assert_true (g_str_has_prefix (sp_application_get_store_path (*app), data_dir));
      g_application_activate (G_APPLICATION (*app));
    }
  return SP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (*app)));
}

void
sp_test_ui_close_toplevels (GtkWindow *keep)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (w != keep)
        gtk_window_destroy (w);
    }
}

void
sp_test_ui_stop_app (void)
{
  sp_test_ui_close_toplevels (NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
sp_test_ui_close_app_windows (SpApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
}

gpointer
sp_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
    }
  return NULL;
}

void
sp_test_ui_shoot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("SUANPAN_SHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  sp_test_ui_iterate_for (600);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strdup_printf ("%s-%s.png", name, lang ? lang : "C");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
