/* track-fixture.h — loket-track started against the agency simulator, and requests to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "../net/sim-fixture.h"

G_BEGIN_DECLS

typedef struct {
  SimFixture  *sim;
  GSubprocess *track;
  guint        port;
  char        *log;        /* loket-track's stderr (G_MESSAGES_DEBUG=all) */
  SoupSession *session;
} TrackFixture;

/* TRUE (the default): loket-track logs every request (G_MESSAGES_DEBUG=all) into log.
 * Benchmarks turn it off: writing the log is not what they measure. */
extern gboolean track_fixture_debug_log;

/* The six agencies of the shipped catalog, as the simulator serves them. */
extern const char * const track_fixture_agencies[];

/* Writes the simulator's config (sim_fixture_write_config (sim, 5, special, agency_lines))
 * plus [track-web] with track_lines and extra, then starts loket-track on a free loopback
 * port. */
/* The agency simulator serving the six agencies of track_fixture_agencies. */
SimFixture   *track_fixture_new_sim     (gboolean      with_tls);

TrackFixture *track_fixture_new         (SimFixture   *sim,
                                         const char   *special,
                                         const char   *agency_lines,
                                         const char   *track_lines);
/* Stops loket-track (SIGTERM; it must exit 0); the simulator stays the caller's. */
void          track_fixture_free        (TrackFixture *fixture);

/* GET path (with query) with extra headers ("Name", "value", … NULL); returns the body,
 * sets *status and, if headers is not NULL, the response headers (a ref). */
char         *track_fixture_get         (TrackFixture        *fixture,
                                         const char          *method,
                                         const char          *path,
                                         guint               *status,
                                         SoupMessageHeaders **headers,
                                         const char          *first_header,
                                         ...);

/* A part the agency stores as if a kiosk had sent it (no catalog check). */
void          track_fixture_post_part   (SimFixture   *sim,
                                         const char   *agency,
                                         const char   *code,
                                         const char   *service);

/* The simulator's tracking queries so far (GET …/submissions), all agencies. */
gint64        track_fixture_sim_queries (SimFixture   *sim);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrackFixture, track_fixture_free)

G_END_DECLS
