/* loket-track-metrics.c — loket-track's counters, in the Prometheus text format
 *
 * Names start with loket_track_, units in seconds, counters end in _total (what promtool
 * check metrics asks). Nothing in a label is personal: outcomes and agency ids only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include "loket-track-metrics.h"

static const char * const outcome_names[] = {
  [LOKET_TRACK_OUTCOME_OK] = "ok",
  [LOKET_TRACK_OUTCOME_PARTIAL] = "partial",
  [LOKET_TRACK_OUTCOME_NOT_FOUND] = "not_found",
  [LOKET_TRACK_OUTCOME_BAD_CODE] = "bad_code",
  [LOKET_TRACK_OUTCOME_RATE_LIMITED] = "rate_limited",
  [LOKET_TRACK_OUTCOME_BAD_REQUEST] = "bad_request",
  [LOKET_TRACK_OUTCOME_UNAVAILABLE] = "unavailable",
  [LOKET_TRACK_OUTCOME_OTHER] = "other",
};

static const char * const call_names[] = {
  [LOKET_TRACK_CALL_OK] = "ok",
  [LOKET_TRACK_CALL_TIMEOUT] = "timeout",
  [LOKET_TRACK_CALL_FAILED] = "failed",
  [LOKET_TRACK_CALL_BUSY] = "busy",
};

static const double bounds[] = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

typedef struct {
  guint64 counts[G_N_ELEMENTS (bounds) + 1];   /* the last: +Inf */
  double  sum;
  guint64 total;
} Histogram;

struct _LoketTrackMetrics {
  guint64     requests[LOKET_TRACK_N_OUTCOMES];
  Histogram   latency;
  GHashTable *calls;          /* agency -> guint64[LOKET_TRACK_N_CALL_RESULTS] */
  Histogram   call_latency;
  guint64     cache_hits;
  guint64     cache_misses;
  guint       cache_entries;
  guint       rate_buckets;
  guint       calls_in_flight;
};

LoketTrackMetrics *
loket_track_metrics_new (void)
{
  LoketTrackMetrics *self = g_new0 (LoketTrackMetrics, 1);

  self->calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
loket_track_metrics_free (LoketTrackMetrics *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->calls);
  g_free (self);
}

static void
observe (Histogram *histogram,
         double     seconds)
{
  guint i = 0;

  while (i < G_N_ELEMENTS (bounds) && seconds > bounds[i])
    i++;
  histogram->counts[i]++;
  histogram->sum += seconds;
  histogram->total++;
}

void
loket_track_metrics_request (LoketTrackMetrics *self,
                             LoketTrackOutcome  outcome,
                             double             seconds)
{
  g_return_if_fail (outcome < LOKET_TRACK_N_OUTCOMES);

  self->requests[outcome]++;
  observe (&self->latency, seconds);
}

void
loket_track_metrics_agency_call (LoketTrackMetrics    *self,
                                 const char           *agency,
                                 LoketTrackCallResult  result,
                                 double                seconds)
{
  guint64 *counts = g_hash_table_lookup (self->calls, agency);

  g_return_if_fail (result < LOKET_TRACK_N_CALL_RESULTS);

  if (counts == NULL)
    {
      counts = g_new0 (guint64, LOKET_TRACK_N_CALL_RESULTS);
      g_hash_table_insert (self->calls, g_strdup (agency), counts);
    }
  counts[result]++;
  if (result != LOKET_TRACK_CALL_BUSY)
    observe (&self->call_latency, seconds);
}

void
loket_track_metrics_cache (LoketTrackMetrics *self,
                           gboolean           hit)
{
  if (hit)
    self->cache_hits++;
  else
    self->cache_misses++;
}

void
loket_track_metrics_set_gauges (LoketTrackMetrics *self,
                                guint              cache_entries,
                                guint              rate_buckets,
                                guint              calls_in_flight)
{
  self->cache_entries = cache_entries;
  self->rate_buckets = rate_buckets;
  self->calls_in_flight = calls_in_flight;
}

static void
append_histogram (GString         *out,
                  const char      *name,
                  const char      *help,
                  const Histogram *histogram)
{
  guint64 cumulative = 0;

  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      char bound[G_ASCII_DTOSTR_BUF_SIZE];

      cumulative += histogram->counts[i];
      g_ascii_formatd (bound, sizeof bound, "%g", bounds[i]);
      g_string_append_printf (out, "%s_bucket{le=\"%s\"} %" G_GUINT64_FORMAT "\n", name, bound,
                              cumulative);
    }
  g_string_append_printf (out, "%s_bucket{le=\"+Inf\"} %" G_GUINT64_FORMAT "\n", name,
                          histogram->total);
  {
    char sum[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_formatd (sum, sizeof sum, "%.6f", histogram->sum);
    g_string_append_printf (out, "%s_sum %s\n%s_count %" G_GUINT64_FORMAT "\n", name, sum, name,
                            histogram->total);
  }
}

char *
loket_track_metrics_to_text (LoketTrackMetrics *self)
{
  GString *out = g_string_sized_new (4096);
  g_autoptr(GList) agencies = g_list_sort (g_hash_table_get_keys (self->calls),
                                           (GCompareFunc) g_strcmp0);

  g_string_append (out, "# HELP loket_track_requests_total Requests answered, by outcome.\n"
                        "# TYPE loket_track_requests_total counter\n");
  for (guint i = 0; i < LOKET_TRACK_N_OUTCOMES; i++)
    g_string_append_printf (out, "loket_track_requests_total{outcome=\"%s\"} %" G_GUINT64_FORMAT "\n",
                            outcome_names[i], self->requests[i]);

  append_histogram (out, "loket_track_request_duration_seconds",
                    "Time from a request to its answer.", &self->latency);

  g_string_append (out, "# HELP loket_track_agency_calls_total Tracking queries to agencies, "
                        "by agency and result.\n"
                        "# TYPE loket_track_agency_calls_total counter\n");
  for (GList *l = agencies; l != NULL; l = l->next)
    {
      guint64 *counts = g_hash_table_lookup (self->calls, l->data);

      for (guint i = 0; i < LOKET_TRACK_N_CALL_RESULTS; i++)
        g_string_append_printf (out, "loket_track_agency_calls_total{agency=\"%s\",result=\"%s\"} %"
                                G_GUINT64_FORMAT "\n", (const char *) l->data, call_names[i],
                                counts[i]);
    }

  append_histogram (out, "loket_track_agency_call_duration_seconds",
                    "Time an agency took to answer (or the deadline).", &self->call_latency);

  g_string_append_printf (out,
                          "# HELP loket_track_cache_hits_total Agency answers served from the cache.\n"
                          "# TYPE loket_track_cache_hits_total counter\n"
                          "loket_track_cache_hits_total %" G_GUINT64_FORMAT "\n"
                          "# HELP loket_track_cache_misses_total Agency answers not in the cache.\n"
                          "# TYPE loket_track_cache_misses_total counter\n"
                          "loket_track_cache_misses_total %" G_GUINT64_FORMAT "\n"
                          "# HELP loket_track_cache_entries Agency answers held in the cache.\n"
                          "# TYPE loket_track_cache_entries gauge\n"
                          "loket_track_cache_entries %u\n"
                          "# HELP loket_track_rate_limit_clients Clients the rate limit remembers.\n"
                          "# TYPE loket_track_rate_limit_clients gauge\n"
                          "loket_track_rate_limit_clients %u\n"
                          "# HELP loket_track_agency_calls_in_flight Agency calls not yet answered.\n"
                          "# TYPE loket_track_agency_calls_in_flight gauge\n"
                          "loket_track_agency_calls_in_flight %u\n",
                          self->cache_hits, self->cache_misses, self->cache_entries,
                          self->rate_buckets, self->calls_in_flight);

  return g_string_free (out, FALSE);
}
