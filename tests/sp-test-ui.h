/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-ui.h — helpers shared by the UI test programs (one SpApplication
 * per process, NON_UNIQUE; run under dbus-run-session and xvfb-run) */
#pragma once

#include <gtk/gtk.h>

#include "sp-application.h"
#include "sp-test-util.h"
#include "sp-window.h"

G_BEGIN_DECLS

/* Process set-up of a UI test before gtk_test_init(): the locale, the core,
 * the text domain and a fresh data directory exported as SUANPAN_DATA_DIR
 * (free it with sp_test_dir_free() at the end). */
SpTestDir     *sp_test_ui_setup           (void);
/* gtk_test_init() and adw_init() */
void           sp_test_ui_init            (int *argc, char ***argv);
/* g_test_run(), then closes what the tests left open (@app's windows and
 * every toplevel), drops *@app and removes @dir; returns g_test_run()'s. */
int            sp_test_ui_run             (SpApplication **app, SpTestDir *dir);

/* Iterates the default main context until @done returns TRUE or
 * @timeout_ms have passed. */
void           sp_test_ui_iterate_until   (gboolean (*done) (gpointer), gpointer data,
                                           guint timeout_ms);
/* Iterates the default main context for @ms milliseconds. */
void           sp_test_ui_iterate_for     (guint ms);

/* Creates and registers *@app on the first call (an application id can be
 * exported on the bus once per process), then activates it: each call gets
 * a main window.  Returns *@app. */
SpApplication *sp_test_ui_start_app       (SpApplication **app);
/* Creates, registers and activates *@app once, asserting its store lies
 * under @data_dir (never the user's own database); returns its active
 * window. */
SpWindow      *sp_test_ui_get_window      (SpApplication **app, const char *data_dir);
/* Destroys every toplevel but @keep (NULL: all of them). */
void           sp_test_ui_close_toplevels (GtkWindow *keep);
/* Destroys every toplevel, then runs what is pending. */
void           sp_test_ui_stop_app        (void);
/* Destroys the windows of @app (not the other toplevels). */
void           sp_test_ui_close_app_windows (SpApplication *app);
/* The first toplevel of @type, or NULL. */
gpointer       sp_test_ui_find_toplevel   (GType type);
/* Saves @widget as NAME-LANGUAGE.png in $SUANPAN_SHOT_DIR, when set. */
void           sp_test_ui_shoot           (GtkWidget *widget, const char *name);

G_END_DECLS
