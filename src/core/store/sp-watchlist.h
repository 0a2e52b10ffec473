/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-watchlist.h — watched offers and groups, and the changes of their prices
 *
 * A watch is on one offer (its source and id) or on a whole equivalence
 * group (sp_offer_dup_group(), e.g. "gpu:H100 SXM:80"): every offer of the
 * group, now or later, is watched.  The watchlist lives in the store (schema
 * 4, table watchlist).  The changes are read from the price history, so they
 * carry the dates of the snapshots the prices come from (a feed's
 * generated_at), and from offers_gone: a watched offer that left its source
 * is reported as gone with its last price. */
#pragma once

#include <gio/gio.h>

#include "sp-offer.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum {
  SP_WATCH_OFFER,
  SP_WATCH_GROUP,
} SpWatchKind;

const char *sp_watch_kind_to_string   (SpWatchKind kind);  /* "offer", "group" */

typedef struct {
  SpWatchKind  kind;
  char        *source;    /* offers: the offer's source; groups: NULL */
  char        *key;       /* offers: the offer id; groups: the group id */
  gint64       added_at;  /* unix seconds */
} SpWatch;

#define SP_TYPE_WATCH (sp_watch_get_type ())
GType       sp_watch_get_type         (void) G_GNUC_CONST;
SpWatch    *sp_watch_copy             (const SpWatch *watch);
void        sp_watch_free             (SpWatch *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpWatch, sp_watch_free)

/* Adds a watch (@source is ignored for a group).  Adding one that exists
 * keeps it and returns TRUE. */
gboolean    sp_watchlist_add          (SpStore      *store,
                                       SpWatchKind   kind,
                                       const char   *source,
                                       const char   *key,
                                       gint64        now,
                                       GError      **error);
/* Removes a watch; SP_STORE_ERROR_NOT_FOUND (plain words) when there is none. */
gboolean    sp_watchlist_remove       (SpStore      *store,
                                       SpWatchKind   kind,
                                       const char   *source,
                                       const char   *key,
                                       GError      **error);
/* The watches (element type SpWatch*, free function set): groups first,
 * then offers, each by source and key. */
GPtrArray  *sp_watchlist_list         (SpStore      *store,
                                       GError      **error);

/* Whether @offer is watched, directly or through its group, in @watches
 * (as sp_watchlist_list() returns them). */
gboolean    sp_watchlist_covers       (GPtrArray    *watches,
                                       SpOffer      *offer);
/* Whether @offer itself (not its group) is in @watches. */
gboolean    sp_watchlist_has_offer    (GPtrArray    *watches,
                                       SpOffer      *offer);

/* One change of a watched price. */
typedef struct {
  char        *source;
  char        *offer_id;
  char        *group;       /* sp_offer_dup_group() */
  char        *vendor_id;
  char        *vendor_name; /* display name, may be NULL */
  char        *name;        /* the offer's name, may be NULL */
  SpOfferKind  kind;
  char        *currency;     /* of @new_price (of @old_price when gone) */
  char        *old_currency; /* of @old_price */
  SpMoney      old_price;   /* per sp_offer_kind_unit() (tokens: input) */
  SpMoney      new_price;   /* SP_MONEY_UNKNOWN when gone */
  SpMoney      old_output;  /* tokens: output per 1M, else SP_MONEY_UNKNOWN */
  SpMoney      new_output;
  gint64       since;       /* when the old price was first seen */
  gint64       changed_at;  /* when the new price was first seen / it went */
  gboolean     gone;        /* the offer left its source */
} SpPriceChange;

typedef enum {
  SP_PRICE_CHANGE_DOWN,
  SP_PRICE_CHANGE_UP,
  SP_PRICE_CHANGE_OTHER,  /* only another part changed (output, currency) */
  SP_PRICE_CHANGE_GONE,
} SpPriceChangeDirection;

#define SP_TYPE_PRICE_CHANGE (sp_price_change_get_type ())
GType          sp_price_change_get_type  (void) G_GNUC_CONST;
SpPriceChange *sp_price_change_copy      (const SpPriceChange *change);
void           sp_price_change_free      (SpPriceChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPriceChange, sp_price_change_free)

SpPriceChangeDirection sp_price_change_get_direction (const SpPriceChange *change);
const char    *sp_price_change_direction_to_string  (SpPriceChangeDirection d); /* "down", "up", "other", "gone" */
/* The price that moved: the main one, or for a token offer whose input
 * price stayed, the output price (*@is_output TRUE).  Any out may be NULL. */
void           sp_price_change_get_moved             (const SpPriceChange *change,
                                                      SpMoney             *old_value,
                                                      SpMoney             *new_value,
                                                      gboolean            *is_output);
/* (new − old) / old of the price that moved (sp_price_change_get_moved()),
 * in basis points (−2000 = −20.00 %); FALSE when it has no meaning (gone,
 * unknown or zero old price, other currency). */
gboolean       sp_price_change_get_percent_bp        (const SpPriceChange *change,
                                                      gint64              *out_bp);

/* The changes of every watched price with changed_at >= @since (0: all),
 * newest first (then by source and offer id); element type SpPriceChange*.
 * @offers: the current offers when the caller has them (NULL: loaded). */
GPtrArray     *sp_watchlist_changes      (SpStore     *store,
                                          GPtrArray   *offers,
                                          gint64       since,
                                          GError     **error);

/* sp_watchlist_changes() in a thread, on its own connection to the store
 * at @store_path (the current offers are read there). */
void           sp_watchlist_changes_async  (const char          *store_path,
                                            gint64               since,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray     *sp_watchlist_changes_finish (GAsyncResult        *result,
                                            GError             **error);

/* The changes of @after that are not in @before (both as
 * sp_watchlist_changes() returns them): what an import or refresh between
 * the two calls brought.  A new array sharing no memory with the others. */
GPtrArray     *sp_price_changes_new      (GPtrArray   *before,
                                          GPtrArray   *after);

G_END_DECLS
