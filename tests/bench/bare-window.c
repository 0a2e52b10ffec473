/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-window.c — the baselines of bench-offers-ui: a plain GtkApplication
 * with one GtkWindow holding a label (bare-window) and, built with
 * -DSP_BENCH_ADW (adw-window), an AdwApplication with one
 * AdwApplicationWindow holding a header bar and a label: the least a
 * libadwaita app shows (libadwaita loads its style sheet at start-up).
 *
 * With SUANPAN_BENCH_FIRST_FRAME=1 it prints, like the suanpan binary, the
 * monotonic time (µs) and the resident memory (kB) of its first painted
 * frame, then quits:
 *
 *   SUANPAN_BENCH first-frame <usec> <kB>
 *   SUANPAN_BENCH offers-frame <usec> <kB> bare 0
 *   SUANPAN_BENCH main-cpu <usec>   (the main thread's CPU time by then) */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef SP_BENCH_ADW
#include <adwaita.h>
#define KIND "adw"
#else
#include <gtk/gtk.h>
#define KIND "bare"
#endif

#include "sp-rss.h"

static void
on_after_paint (GdkFrameClock  *clock,
                GtkApplication *app)
{
  gint64 now = g_get_monotonic_time ();
  long rss = sp_rss_kb ();
  gint64 cpu = sp_thread_cpu_us ();

  g_print ("SUANPAN_BENCH first-frame %" G_GINT64_FORMAT " %ld\n", now, rss);
  g_print ("SUANPAN_BENCH main-cpu %" G_GINT64_FORMAT "\n", cpu);
  g_print ("SUANPAN_BENCH offers-frame %" G_GINT64_FORMAT " %ld " KIND " 0\n", now, rss);
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (G_APPLICATION (app));
}

static void
on_realize (GtkWidget      *window,
            GtkApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GtkApplication *app)
{
#ifdef SP_BENCH_ADW
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Suanpan"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
#else
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Suanpan"));
#endif
  gtk_window_set_title (GTK_WINDOW (window), "Suanpan");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  if (g_getenv ("SUANPAN_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
#ifdef SP_BENCH_ADW
  g_autoptr(GtkApplication) app = GTK_APPLICATION (adw_application_new ("io.github.suanpan.BenchAdwWindow",
                                                                        G_APPLICATION_NON_UNIQUE));
#else
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.suanpan.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);
#endif

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
