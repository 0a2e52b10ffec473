/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-ledger-csv.c — the ledger CSV reader (sp-ledger-csv.c): any input
 * gives a report; every row it accepts holds clean text within the limits
 * (sp-limits.h) and every error is a one-line UTF-8 message. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sp-ledger-csv.h"
#include "fuzz-clean-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
check_row (SpLedgerEntry  *entry,
           guint           line,
           gpointer        user_data,
           GError        **error)
{
  guint *rows = user_data;

  fuzz_assert_clean (entry->vendor, SP_LIMIT_NAME_CHARS);
  fuzz_assert_clean (entry->item, SP_LIMIT_NAME_CHARS);
  fuzz_assert_clean (entry->unit, SP_LIMIT_NAME_CHARS);
  fuzz_assert_clean (entry->category, SP_LIMIT_NAME_CHARS);
  fuzz_assert_clean (entry->fapiao_number, SP_LIMIT_NAME_CHARS);
  fuzz_assert_clean (entry->offer_source, SP_LIMIT_NAME_CHARS);
  fuzz_assert_clean (entry->offer_id, SP_LIMIT_ID_CHARS);
  fuzz_assert_clean (entry->note, SP_LIMIT_NOTE_CHARS);
  if (line < 2)
    abort ();
  (*rows)++;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SpLedgerCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  if (!sp_ledger_csv_read ((const char *) data, size, 3, check_row, &rows, &report, &error))
    abort ();  /* only the row function can fail, and it does not */
  if (report == NULL || report->n_errors < report->errors->len ||
      report->preview->len > 3 || (report->n_errors == 0 && rows != report->n_rows))
    abort ();
  for (guint i = 0; i < report->errors->len; i++)
    {
      const SpLedgerCsvError *e = report->errors->pdata[i];

      fuzz_assert_message (e->reason);
      if (e->line < 1)
        abort ();
    }
  return 0;
}
