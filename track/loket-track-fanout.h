/* loket-track-fanout.h — asking every agency concerned at once, each with its deadline,
 * through a short cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "net/loket-http.h"
#include "loket-track-metrics.h"

G_BEGIN_DECLS

/* One agency's word on one code. */
typedef struct {
  char      *agency;
  gboolean   answered;   /* FALSE: could not be checked just now */
  gboolean   cached;
  GPtrArray *parts;      /* of LoketTrackedPart* (net/loket-tracker.h); empty when none */
} LoketTrackAgencyAnswer;

void loket_track_agency_answer_free (LoketTrackAgencyAnswer *answer);

typedef struct _LoketTrackFanout LoketTrackFanout;

LoketTrackFanout *loket_track_fanout_new          (LoketHttp            *http,
                                                   LoketConfig          *config,
                                                   LoketTrackMetrics    *metrics);
void              loket_track_fanout_free         (LoketTrackFanout     *self);

/* The configured agencies among asked (NULL: all of them), in the configuration's order. */
GStrv             loket_track_fanout_pick         (LoketTrackFanout     *self,
                                                   const char * const   *asked);

/* Asks each agency (ids from loket_track_fanout_pick) for code; never fails. The result is
 * a GPtrArray of LoketTrackAgencyAnswer*, in the order of agencies, ready at the latest
 * when the per-agency deadline has passed. */
void              loket_track_fanout_ask_async    (LoketTrackFanout     *self,
                                                   const char           *code,
                                                   const char * const   *agencies,
                                                   const char           *language,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray        *loket_track_fanout_ask_finish   (LoketTrackFanout     *self,
                                                   GAsyncResult         *result);

/* The answers when every agency's is in the cache (then nothing is asked), else NULL. */
GPtrArray        *loket_track_fanout_lookup       (LoketTrackFanout     *self,
                                                   const char           *code,
                                                   const char * const   *agencies,
                                                   const char           *language);

guint             loket_track_fanout_cache_size   (LoketTrackFanout     *self);
guint             loket_track_fanout_in_flight    (LoketTrackFanout     *self);

G_END_DECLS
