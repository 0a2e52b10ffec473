/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-clean-text.h — the invariant of clean text at the door (sp-text.h),
 * shared by the fuzz harnesses of the ledger CSV and voucher readers:
 * whatever a reader keeps is valid UTF-8, within @max characters and holds
 * no invisible character.  Aborts otherwise. */
#pragma once

#include <stdlib.h>
#include <string.h>

#include "sp-text.h"

static inline void
fuzz_assert_clean (const char *text,
                   gsize       max)
{
  g_autofree char *cleaned = NULL;

  if (text == NULL)
    return;
  if (sp_text_check (text, max, &cleaned, NULL) != SP_TEXT_OK || cleaned != NULL)
    abort ();
}

/* A message shown to the user: valid UTF-8, one line, not empty. */
static inline void
fuzz_assert_message (const char *message)
{
  if (message == NULL || message[0] == '\0' || !g_utf8_validate (message, -1, NULL) ||
      strchr (message, '\n') != NULL)
    abort ();
}
