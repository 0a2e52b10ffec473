/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-voucher-private.h — what the files of suanpan-cli voucher share */
#pragma once

#include "sp-cli.h"

G_BEGIN_DECLS

/* sp-cli-voucher-add.c */
int sp_cli_voucher_add (SpCliGlobals *globals, int argc, char **argv);

G_END_DECLS
