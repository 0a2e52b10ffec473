/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-rss.h — a process's resident memory (VmRSS, VmHWM), as the benchmarks
 * read it: the Offers page's benchmark hook (sp-offers-page-bench.c), the
 * benchmarks (tests/bench/bench-util.h, bench-refresh, bench-estimate) and
 * the bare baseline windows of bench-offers-ui (tests/bench/bare-window.c),
 * which link no project library, hence header only. */

#pragma once

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>

/* The field @field ("VmRSS", "VmHWM", …) of /proc/@pid/status ("self": this
 * process) in kB, -1 when /proc or the field is not there */
static inline long
sp_proc_status_kb (const char *pid,
                   const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  return line != NULL ? strtol (line + strlen (key), NULL, 10) : -1;
}

/* VmRSS of this process in kB, -1 when /proc is not there */
static inline long
sp_rss_kb (void)
{
  return sp_proc_status_kb ("self", "VmRSS");
}

/* The CPU time the calling thread has used, in µs (the benchmarks' "main
 * thread CPU to the first frame": bench-offers-ui, bare-window.c) */
static inline gint64
sp_thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return -1;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}
