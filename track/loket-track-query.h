/* loket-track-query.h — reading what a phone asks loket-track: the path, the query, the
 * language and who is asking
 *
 * Nothing here touches the network or the main loop, so the fuzz target
 * (tests/fuzz/fuzz-track-query.c) drives every function with arbitrary bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits past which a request is refused before anything else is read. */
#define LOKET_TRACK_MAX_PATH 512
#define LOKET_TRACK_MAX_QUERY 1024
#define LOKET_TRACK_MAX_AGENCIES 16
#define LOKET_TRACK_MAX_AGENCY_ID 64

typedef enum {
  LOKET_TRACK_ROUTE_NOT_FOUND,
  LOKET_TRACK_ROUTE_HEALTHZ,
  LOKET_TRACK_ROUTE_METRICS,
  LOKET_TRACK_ROUTE_CODE,        /* code_text holds the path's last part, decoded */
} LoketTrackRoute;

/* path: the request's path, still percent-encoded; prefix: "/" or "/loket/". Sets
 * *code_text (decoded, never longer than LOKET_TRACK_MAX_PATH) for ROUTE_CODE. */
LoketTrackRoute loket_track_route            (const char          *path,
                                              const char          *prefix,
                                              char               **code_text);

typedef struct {
  GStrv  agencies;   /* as asked, deduplicated, valid ids only; NULL when not asked */
  char  *language;   /* from lang=, or NULL */
} LoketTrackQuery;

void            loket_track_query_clear      (LoketTrackQuery     *query);

/* Reads agencies=a,b and lang=xx from a raw query string (may be NULL). Unknown keys are
 * ignored; FALSE for a query past the limits or badly encoded. */
gboolean        loket_track_query_parse      (const char          *raw,
                                              LoketTrackQuery     *query);

/* The language to answer in: the query's when offered, else the first offered one
 * Accept-Language names with q > 0 (by q, then order), else fallback. */
const char     *loket_track_pick_language    (const char          *query_language,
                                              const char          *accept_language,
                                              const char * const  *offered,
                                              const char          *fallback);

/* TRUE when the client prefers JSON (Accept names application/json with a higher q than
 * text/html, or alone). */
gboolean        loket_track_wants_json       (const char          *accept);

/* The client a request is counted against: the peer, or, when the peer is a trusted proxy,
 * the right-most address of X-Forwarded-For that is not a trusted proxy. Returns the
 * bucket key: an IPv4 address, or an IPv6 /64 ("2001:db8:1:2::/64"). */
char           *loket_track_client_key       (GInetAddress        *peer,
                                              const char          *forwarded_for,
                                              GPtrArray           *trusted);   /* of GInetAddressMask* */

/* The first four symbols of a code and an ellipsis, for logs: the whole code is the key to
 * a request's status and never goes into a log. */
char           *loket_track_code_for_log     (const char          *code);

G_END_DECLS
