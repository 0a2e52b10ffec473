/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-source-row.h — one vendor source on the Sources page */
#pragma once

#include <adwaita.h>

#include "sp-core.h"
#include "sp-refresh.h"
#include "sp-source.h"

G_BEGIN_DECLS

#define SP_TYPE_SOURCE_ROW (sp_source_row_get_type ())
G_DECLARE_FINAL_TYPE (SpSourceRow, sp_source_row, SP, SOURCE_ROW, AdwExpanderRow)

SpSourceRow *sp_source_row_new              (SpSource *source);
SpSource    *sp_source_row_get_source       (SpSourceRow *self);
/* Sources older than this are marked "Stale". */
void         sp_source_row_set_stale_after  (SpSourceRow *self, guint hours);
/* Re-renders the relative times (called every minute by the page). */
void         sp_source_row_update           (SpSourceRow *self);
/* Shows a spinner and the bytes received while a refresh runs. */
void         sp_source_row_set_progress     (SpSourceRow   *self,
                                             SpRefreshState state,
                                             guint64        bytes);
void         sp_source_row_clear_progress   (SpSourceRow *self);
gboolean     sp_source_row_get_busy         (SpSourceRow *self);

/* Text shown by the row, for tests. */
const char  *sp_source_row_get_count_text   (SpSourceRow *self);
const char  *sp_source_row_get_age_text     (SpSourceRow *self);
/* The last error as shown, or NULL when the error row is hidden. */
const char  *sp_source_row_get_error_text   (SpSourceRow *self);
/* The data licence credit as shown, or NULL when the row is hidden. */
const char  *sp_source_row_get_attribution_text (SpSourceRow *self);

/* A catalog format in words ("LiteLLM price map"). */
const char  *sp_feed_format_label           (SpFeedFormat format);
/* "2 hours ago", from @then to @now (unix seconds). */
char        *sp_format_relative_time        (gint64 then, gint64 now);

G_END_DECLS
