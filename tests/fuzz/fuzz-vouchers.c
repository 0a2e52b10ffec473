/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-vouchers.c — the voucher and programme readers (sp-voucher.c,
 * sp-programme.c over sp-voucher-json.c): each input is read as both kinds
 * of file.  A refused file says why in one UTF-8 line; a read one holds clean
 * text within the limits (sp-limits.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sp-programme.h"
#include "sp-voucher.h"
#include "fuzz-clean-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) vouchers = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GError) error = NULL;

  vouchers = sp_voucher_list_from_data ((const char *) data, size, &error);
  if (vouchers == NULL)
    fuzz_assert_message (error != NULL ? error->message : NULL);
  else
    for (guint i = 0; i < vouchers->len; i++)
      {
        SpVoucher *v = vouchers->pdata[i];
        const char * const *vendors = sp_voucher_get_vendors (v);

        fuzz_assert_clean (sp_voucher_get_code (v), SP_LIMIT_NAME_CHARS);
        fuzz_assert_clean (sp_voucher_get_label (v), SP_LIMIT_NAME_CHARS);
        fuzz_assert_clean (sp_voucher_get_programme (v), SP_LIMIT_NAME_CHARS);
        fuzz_assert_clean (sp_voucher_get_currency (v), SP_LIMIT_NAME_CHARS);
        fuzz_assert_clean (sp_voucher_get_unit (v), SP_LIMIT_NAME_CHARS);
        for (guint j = 0; vendors != NULL && vendors[j] != NULL; j++)
          fuzz_assert_clean (vendors[j], SP_LIMIT_NAME_CHARS);
      }
  g_clear_error (&error);

  programmes = sp_programme_list_from_data ((const char *) data, size, &error);
  if (programmes == NULL)
    fuzz_assert_message (error != NULL ? error->message : NULL);
  else
    for (guint i = 0; i < programmes->len; i++)
      {
        SpProgramme *p = programmes->pdata[i];

        fuzz_assert_clean (sp_programme_get_id (p), SP_LIMIT_NAME_CHARS);
        fuzz_assert_clean (sp_programme_get_name (p), SP_LIMIT_NAME_CHARS);
        fuzz_assert_clean (sp_programme_get_issuer (p), SP_LIMIT_NAME_CHARS);
        fuzz_assert_clean (sp_programme_get_notes (p), SP_LIMIT_NOTE_CHARS);
        fuzz_assert_clean (sp_programme_get_currency (p), SP_LIMIT_NAME_CHARS);
      }
  g_clear_error (&error);

  /* the same bytes as a programme feed from a source (issue 19 item 5):
   * stricter, so never accepted where the plain reader refused */
  {
    g_autoptr(GPtrArray) feed = sp_programme_list_from_feed ((const char *) data, size, &error);

    if (feed == NULL)
      fuzz_assert_message (error != NULL ? error->message : NULL);
    else
      g_assert_nonnull (programmes);
  }
  return 0;
}
