/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h — clocks, resident memory and medians shared by the
 * benchmarks (header only: each benchmark is one program; the resident
 * memory from src/app/widgets/sp-rss.h, include directory app_widgets_inc). */

#pragma once

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>

#include "sp-rss.h"

/* wall clock, seconds */
static inline double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static inline double
clock_s (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this thread: the machine may be shared */
static inline double
cpu_s (void)
{
  return clock_s (CLOCK_THREAD_CPUTIME_ID);
}

/* CPU of every thread of the process */
static inline double
process_cpu_s (void)
{
  return clock_s (CLOCK_PROCESS_CPUTIME_ID);
}

/* VmRSS of this process, bytes (0 when /proc is not there) */
static inline gint64
rss_bytes (void)
{
  long kb = sp_rss_kb ();

  return kb > 0 ? (gint64) kb * 1024 : 0;
}

static inline int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* sorts v; the middle sample (the upper one of an even count) */
static inline double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), cmp_double);
  return v[n / 2];
}

/* sorts v; the median as statistics has it: the middle sample, or the mean
 * of the two middle ones of an even count */
static inline double
median_mean (double *v,
             guint   n)
{
  qsort (v, n, sizeof (double), cmp_double);
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}
