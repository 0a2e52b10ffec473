/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-offers-page-bench.c — the Offers page's benchmark hook, apart from the
 * widget (declared in sp-offers-page-private.h)
 *
 * tests/bench/bench-offers-ui.c launches the app with
 * SUANPAN_BENCH_FIRST_FRAME=1: the page then prints, on standard output,
 * the monotonic time (µs, the clock of g_get_monotonic_time ()) and the
 * resident memory (kB) of the first frame the window paints (the window
 * calls sp_offers_page_bench_first_frame ()) and of the first frame painted
 * once the offers are shown, and quits (unless SUANPAN_BENCH_STAY is set:
 * the benchmark then watches the process's CPU time and ends it). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sp-offers-page-private.h"
#include "sp-rss.h"

static void
bench_after_paint (GdkFrameClock *clock,
                   SpOffersPage  *self)
{
  const char *state = sp_offers_page_get_state (self);

  if (g_strcmp0 (state, "loading") == 0)
    return;
  g_print ("SUANPAN_BENCH offers-frame %" G_GINT64_FORMAT " %ld %s %u\n",
           g_get_monotonic_time (), sp_rss_kb (), state,
           sp_offers_page_get_n_offers (self));
  sp_offers_page_bench_print_sizes (self);
#ifdef __GLIBC__
  {
    struct mallinfo2 mi = mallinfo2 ();

    /* what the heap holds: in use, freed but kept by malloc, mapped apart */
    g_printerr ("SUANPAN_BENCH heap: in use %zu kB, free in the arenas %zu kB, mmapped %zu kB\n",
                mi.uordblks / 1024, mi.fordblks / 1024, mi.hblkhd / 1024);
  }
#endif
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint, self);
  /* SUANPAN_BENCH_STAY: the benchmark waits for the CPU to go quiet */
  if (g_getenv ("SUANPAN_BENCH_STAY") == NULL)
    g_application_quit (g_application_get_default ());
}

static void
bench_on_realize (SpOffersPage *self,
                  GtkWidget    *root)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (root), "after-paint",
                           G_CALLBACK (bench_after_paint), self, 0);
}

void
sp_offers_page_bench_first_frame (void)
{
  if (g_getenv ("SUANPAN_BENCH_FIRST_FRAME") == NULL)
    return;
  g_print ("SUANPAN_BENCH first-frame %" G_GINT64_FORMAT " %ld\n",
           g_get_monotonic_time (), sp_rss_kb ());
  fflush (stdout);
}

void
sp_offers_page_bench_hook (SpOffersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_object_get_data (G_OBJECT (self), "sp-bench-hooked") != NULL || root == NULL
      || g_getenv ("SUANPAN_BENCH_FIRST_FRAME") == NULL)
    return;
  g_object_set_data (G_OBJECT (self), "sp-bench-hooked", GINT_TO_POINTER (TRUE));
  /* the window puts the page in after its first frame */
  if (gtk_widget_get_realized (GTK_WIDGET (root)))
    {
      bench_on_realize (self, GTK_WIDGET (root));
      return;
    }
  g_signal_connect_object (root, "realize", G_CALLBACK (bench_on_realize), self,
                           G_CONNECT_SWAPPED);
}

