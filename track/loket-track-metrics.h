/* loket-track-metrics.h — loket-track's counters, in the Prometheus text format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LOKET_TRACK_OUTCOME_OK,            /* a page with every agency's answer */
  LOKET_TRACK_OUTCOME_PARTIAL,       /* a page, some agencies could not be checked */
  LOKET_TRACK_OUTCOME_NOT_FOUND,     /* every agency answered, none knows the code */
  LOKET_TRACK_OUTCOME_BAD_CODE,      /* 400: malformed code or wrong check symbol */
  LOKET_TRACK_OUTCOME_RATE_LIMITED,  /* 429 */
  LOKET_TRACK_OUTCOME_BAD_REQUEST,   /* other 4xx: path, method, sizes */
  LOKET_TRACK_OUTCOME_UNAVAILABLE,   /* no agency could be checked */
  LOKET_TRACK_OUTCOME_OTHER,         /* healthz, metrics */
  LOKET_TRACK_N_OUTCOMES
} LoketTrackOutcome;

typedef enum {
  LOKET_TRACK_CALL_OK,
  LOKET_TRACK_CALL_TIMEOUT,
  LOKET_TRACK_CALL_FAILED,
  LOKET_TRACK_CALL_BUSY,             /* not made: too many calls in flight */
  LOKET_TRACK_N_CALL_RESULTS
} LoketTrackCallResult;

typedef struct _LoketTrackMetrics LoketTrackMetrics;

LoketTrackMetrics *loket_track_metrics_new           (void);
void               loket_track_metrics_free          (LoketTrackMetrics    *self);
void               loket_track_metrics_request       (LoketTrackMetrics    *self,
                                                      LoketTrackOutcome     outcome,
                                                      double                seconds);
void               loket_track_metrics_agency_call   (LoketTrackMetrics    *self,
                                                      const char           *agency,
                                                      LoketTrackCallResult  result,
                                                      double                seconds);
void               loket_track_metrics_cache         (LoketTrackMetrics    *self,
                                                      gboolean              hit);
void               loket_track_metrics_set_gauges    (LoketTrackMetrics    *self,
                                                      guint                 cache_entries,
                                                      guint                 rate_buckets,
                                                      guint                 calls_in_flight);
char              *loket_track_metrics_to_text       (LoketTrackMetrics    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketTrackMetrics, loket_track_metrics_free)

G_END_DECLS
