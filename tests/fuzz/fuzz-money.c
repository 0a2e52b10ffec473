/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-money.c — the decimal parser: anything it accepts formats back to a
 * number it parses to the same value. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sp-money.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 4096));

  for (int shift = -3; shift <= 9; shift += 3)
    {
      SpMoney value, back;
      g_autoptr(GError) error = NULL;

      if (sp_money_parse_scaled (text, shift, SP_ROUND_HALF_UP, &value, &error))
        {
          g_autofree char *printed = sp_money_to_string (value, 0);

          if (printed == NULL || !sp_money_parse (printed, &back, NULL) || back != value)
            abort ();
          /* the price and amount styles never fail on a known value */
          {
            g_autofree char *price = sp_money_format (value, "CNY", SP_MONEY_STYLE_PRICE);
            g_autofree char *amount = sp_money_format (value, "EUR", SP_MONEY_STYLE_AMOUNT);

            if (price == NULL || (amount == NULL && value > -SP_MONEY_MAX && value < SP_MONEY_MAX))
              abort ();
          }
        }
      else if (error == NULL)
        abort ();
    }
  return 0;
}
