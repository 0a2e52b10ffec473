/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-async-wait.c — synchronous test hooks over async operations */
#include "config.h"

#include "sp-async-wait.h"

void
sp_async_wait_store (GObject      *source,
                     GAsyncResult *result,
                     gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

GAsyncResult *
sp_async_wait (GAsyncResult **slot)
{
  g_return_val_if_fail (slot != NULL, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}
