/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-driver.c — a standalone driver for the fuzz harnesses when they are
 * not linked with libFuzzer (gcc builds): runs every seed, then -runs=N
 * deterministic mutations of them (bit flips, truncation, splices and
 * "interesting" tokens).  Usage: fuzz-x [-runs=N] [-seed=S] FILE|DIR… */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *tokens[] = {
  "[", "]", "{", "}", "\"", ",", ":", "\\", "\\u0000", "\xff", "\xc3\x28", "\r\n", "\n",
  "1e400", "-1", "NaN", "Infinity", "-0", "0.0000000000000000001", "99999999999999999999",
  "null", "true", "\"\"", "1.5e-07", "\"-1\"", "InstanceType", "Price", "\"suanpan_feed\"",
  "\"2.0\"", "\"offers\"", "\"pricing\"", "\"data\"", "input_cost_per_token",
};

static void
add_seed (GPtrArray  *seeds,
          const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          add_seed (seeds, child);
        }
    }
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      char *contents;
      gsize len;

      if (g_file_get_contents (path, &contents, &len, NULL))
        g_ptr_array_add (seeds, g_bytes_new_take (contents, len));
    }
}

static void
insert_bytes (GByteArray   *array,
              guint         pos,
              const guint8 *data,
              guint         len)
{
  guint old = array->len;

  g_byte_array_set_size (array, old + len);
  memmove (array->data + pos + len, array->data + pos, old - pos);
  memcpy (array->data + pos, data, len);
}

static GByteArray *
mutate (GBytes *seed,
        GRand  *rand)
{
  gsize len;
  const guint8 *src = g_bytes_get_data (seed, &len);
  GByteArray *out = g_byte_array_sized_new (len + 64);
  int n = g_rand_int_range (rand, 1, 8);

  g_byte_array_append (out, src, len);
  for (int i = 0; i < n; i++)
    {
      guint pos = out->len ? g_rand_int_range (rand, 0, out->len) : 0;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: /* bit flip */
          if (out->len)
            out->data[pos] ^= 1u << g_rand_int_range (rand, 0, 8);
          break;
        case 1: /* truncate */
          g_byte_array_set_size (out, pos);
          break;
        case 2: /* delete a run */
          if (out->len)
            {
              guint run = (guint) g_rand_int_range (rand, 1, 64);
              g_byte_array_remove_range (out, pos, MIN (run, out->len - pos));
            }
          break;
        case 3: /* insert a token */
          {
            const char *t = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            insert_bytes (out, pos, (const guint8 *) t, strlen (t));
          }
          break;
        case 4: /* duplicate a run */
          if (out->len)
            {
              /* MIN() evaluates its arguments twice: draw the length first */
              guint want = (guint) g_rand_int_range (rand, 1, 257);
              guint run = MIN (want, out->len - pos);
              g_autofree guint8 *copy = g_memdup2 (out->data + pos, run);

              insert_bytes (out, g_rand_int_range (rand, 0, out->len), copy, run);
            }
          break;
        default: /* random byte */
          if (out->len)
            out->data[pos] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        }
    }
  return out;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GRand) rand = NULL;
  guint64 runs = 1000;
  guint32 seed = 12345;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "-max_len=") || g_str_has_prefix (argv[i], "-timeout="))
        continue;
      else if (g_str_has_prefix (argv[i], "-runs="))
        runs = g_ascii_strtoull (argv[i] + 6, NULL, 10);
      else if (g_str_has_prefix (argv[i], "-seed="))
        seed = (guint32) g_ascii_strtoull (argv[i] + 6, NULL, 10);
      else if (argv[i][0] != '-')
        add_seed (seeds, argv[i]);
    }
  if (seeds->len == 0)
    g_ptr_array_add (seeds, g_bytes_new_static ("{}", 2));

  rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < seeds->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (seeds, i), &len);
      LLVMFuzzerTestOneInput (data, len);
    }
  for (guint64 r = 0; r < runs; r++)
    {
      GBytes *base = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
      g_autoptr(GByteArray) input = mutate (base, rand);
      LLVMFuzzerTestOneInput (input->data, input->len);
    }
  printf ("fuzz-driver: %u seeds, %" G_GUINT64_FORMAT " mutated inputs, no crash\n",
          seeds->len, runs);
  return 0;
}
