/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-programme-private.h — what the parts of SpProgramme share: the
 * instance (sp-programme.c: the object and its getters), the reader
 * (sp-programme-json.c: a programme file, the shipped programmes) and what a
 * programme feed is held to besides (sp-programme-feed.c).  Internal to
 * src/core/wallet. */
#pragma once

#include <json-glib/json-glib.h>
#include "sp-programme.h"

G_BEGIN_DECLS

struct _SpProgramme
{
  GObject     parent_instance;

  char       *id;
  char       *name_en;
  char       *name_zh;
  char       *issuer_en;
  char       *issuer_zh;
  char       *notes_en;
  char       *notes_zh;
  char       *currency;
  gint        rates[SP_CATEGORY_N];          /* basis points or SP_RATE_NONE */
  gint        startup_rates[SP_CATEGORY_N];
  gboolean    kinds[SP_ITEM_N_KINDS];
  SpMoney     cap_per_contract;
  SpMoney     cap_per_year;
  SpMoney     budget;
  guint32     valid_from;
  guint32     valid_to;
  SpProrate   prorate;
  SpRounding  rounding;
  SpPayout    payout;
  SpStacking  stacking;
  GStrv       vendors;
  gboolean    accept_tagged;
  gboolean    require_unaffiliated;

  /* issue 19: where the rules come from and who they are for */
  char       *city_id;
  char       *city_zh;
  gboolean    has_source;
  char       *source_url;
  char       *source_title;
  char       *source_published;          /* "YYYY-MM-DD" or NULL */
  GHashTable *clauses;                   /* rule path → quoted clause */
  GHashTable *clause_urls;               /* rule path → page, when not source_url */
  GStrv       unknown;
  GStrv       uncited;
  int         registered_in_city;        /* -1 not stated, 0 no, 1 yes */
  GStrv       industries;
  GStrv       platforms;
  SpMoney     min_contract;
  SpMoney     min_subsidy;
  guint32     window_from;
  guint32     window_to;

  /* where it came from (a feed: which source, when fetched) */
  SpProgrammeOrigin origin;
  char       *origin_source;
  char       *origin_url;
  gint64      origin_fetched;
};

/* sp-programme-json.c: reads a programme file; with @shipped_ids (the ids of
 * the shipped programmes) each programme is also held to what a feed is
 * (sp_programme_check_feed()). */
GPtrArray *sp_programme_list_read  (const char  *data,
                                    gsize        len,
                                    GHashTable  *shipped_ids,
                                    GError     **error);

/* sp-programme-feed.c: what a shipped file holds to and the reader alone
 * does not check (data/schema/suanpan-programmes-1.schema.json) */
gboolean   sp_programme_check_feed (JsonObject  *obj,
                                    const char  *prefix,
                                    GHashTable  *shipped_ids,
                                    GError     **error);

G_END_DECLS
