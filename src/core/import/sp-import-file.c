/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-file.c — reading a catalog or a CSV file for import: one
 * bounded read, refusing folders, empty and binary files with one line that
 * names the file */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sp-import-private.h"

/* Bytes looked at for a NUL byte: a binary file (git's rule). */
#define BINARY_PROBE 8000

static char *
input_error (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

/* Sets the one-line SP_IMPORT_ERROR_FILE error; returns NULL. */
static char *
input_error (GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_FILE, msg);
  return NULL;
}

static char *
too_large (GError     **error,
           const char  *display,
           guint64      size,
           gsize        max_size)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (max_size);

  /* Translators: “catalog.json” is too large (300.0 MB; the limit is 256.0 MB) */
  return input_error (error, _("“%s” is too large (%s; the limit is %s)"),
                      display, size_text, limit_text);
}

/* @path opened for reading, and its stat in @st: not a folder, a regular
 * file not above @max_size; -1 with @error. */
static int
open_input (const char  *path,
            const char  *display,
            gsize        max_size,
            struct stat *st,
            GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  int saved = errno;

  if (fd < 0)
    {
      if (saved == ENOENT)
        input_error (error, _("“%s” does not exist"), display);
      else if (saved == EACCES || saved == EPERM)
        input_error (error, _("“%s” cannot be read: permission denied"), display);
      else
        input_error (error, _("“%s” cannot be read: %s"), display, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, st) != 0)
    {
      saved = errno;
      input_error (error, _("“%s” cannot be read: %s"), display, g_strerror (saved));
    }
  else if (S_ISDIR (st->st_mode))
    input_error (error, _("“%s” is a folder, not a file"), display);
  else if (S_ISREG (st->st_mode) && (guint64) st->st_size > max_size)
    too_large (error, display, (guint64) st->st_size, max_size);
  else
    return fd;
  close (fd);
  return -1;
}

/* Everything @fd holds, up to one byte more than @max_size (so that a
 * larger pipe is noticed), NUL-terminated, its length in @size; NULL with
 * @error.  Closes @fd. */
static char *
read_all (int                fd,
          const char        *display,
          const struct stat *st,
          gsize              max_size,
          gsize             *size_out,
          GError           **error)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  gsize alloc;
  int saved;

  /* a regular file is read in one go; a device or pipe up to the limit */
  alloc = S_ISREG (st->st_mode) ? (gsize) st->st_size + 1 : MIN (64 * 1024, max_size + 2);
  data = g_malloc (alloc);
  for (;;)
    {
      gssize n;

      if (size + 1 >= alloc)
        {
          char probe;

          if (size > max_size)
            break;
          /* the buffer is full: grow it only when there is more to read
           * (a regular file usually ends exactly here) */
          n = read (fd, &probe, 1);
          if (n < 0 && errno == EINTR)
            continue;
          if (n == 0)
            break;
          if (n > 0)
            {
              alloc = MIN (alloc * 2, max_size + 2);
              data = g_realloc (data, alloc);
              data[size++] = probe;
              continue;
            }
        }
      else
        n = read (fd, data + size, alloc - 1 - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          if (saved == EISDIR)
            return input_error (error, _("“%s” is a folder, not a file"), display);
          return input_error (error, _("“%s” cannot be read: %s"), display,
                              g_strerror (saved));
        }
      if (n == 0)
        break;
      size += (gsize) n;
    }
  close (fd);
  data[MIN (size, alloc - 1)] = '\0';
  *size_out = size;
  return g_steal_pointer (&data);
}

char *
sp_import_read_input (const char  *path,
                      gsize        max_size,
                      gsize       *len,
                      GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  struct stat st;
  gsize size = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (len != NULL, NULL);

  display = g_filename_display_name (path);
  fd = open_input (path, display, max_size, &st, error);
  if (fd < 0)
    return NULL;
  data = read_all (fd, display, &st, max_size, &size, error);
  if (data == NULL)
    return NULL;
  if (size > max_size)
    {
      /* a pipe or device: its whole size is not known */
      g_autofree char *limit_text = g_format_size (max_size);

      return input_error (error, _("“%s” is larger than the limit of %s"), display, limit_text);
    }
  if (size == 0)
    return input_error (error, _("“%s” is empty"), display);
  if (memchr (data, '\0', MIN (size, BINARY_PROBE)) != NULL)
    return input_error (error, _("“%s” is not a text file (it holds binary data)"),
                        display);
  *len = size;
  return g_steal_pointer (&data);
}

SpImportResult *
sp_import_parse_file (const char    *path,
                      SpFeedFormat   format,
                      const char    *source_name,
                      GError       **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = sp_import_read_input (path, SP_IMPORT_MAX_CATALOG_SIZE, &len, error);
  if (data == NULL)
    return NULL;
  return sp_import_parse (data, len, format, source_name, path, error);
}
