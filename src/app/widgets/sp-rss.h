/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-rss.h — this process's resident memory (VmRSS), as the benchmarks read
 * it: the Offers page's benchmark hook (sp-offers-page-bench.c) and the bare
 * baseline windows of bench-offers-ui (tests/bench/bare-window.c), which
 * link no project library, hence header only. */

#pragma once

#include <stdlib.h>
#include <string.h>
#include <glib.h>

/* VmRSS in kB, -1 when /proc is not there */
static inline long
sp_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}
