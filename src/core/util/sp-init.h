/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-init.h — the core's resources and gettext domain (the bottom of the core) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the core's resources and binds the gettext domain (honouring
 * $SUANPAN_LOCALEDIR for uninstalled runs).  Safe to call more than once. */
void        sp_core_init              (void);
const char *sp_core_get_version       (void);

G_END_DECLS
