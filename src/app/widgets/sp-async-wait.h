/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-async-wait.h — synchronous test hooks over the store service's async
 * operations: the hook passes sp_async_wait_store() as the callback with
 * the address of a NULL GAsyncResult*, then sp_async_wait() iterates the
 * default main context until the result is there.  For `-private.h` test
 * hooks only: the widgets themselves never wait. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void          sp_async_wait_store (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      slot);
GAsyncResult *sp_async_wait       (GAsyncResult **slot);

G_END_DECLS
