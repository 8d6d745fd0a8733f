/* loket-metrics-file.h — writing the metrics where node_exporter reads them
 *
 * A process that exports metrics (the kiosk: loket-kiosk.prom; `loketctl outbox deliver`:
 * loket-deliver.prom) writes its registry (loket-metrics.h) into `[metrics] folder`, mode
 * 0644, whole (a temporary file renamed over the old one), every 15 s on a thread of its own
 * and once more when it stops.
 *
 * The outbox gauges describe one database that several processes share, so only the process
 * holding STATE_DIR/metrics.lock (flock, let go by the kernel when it dies) writes them; each
 * write of the others tries to take it, so a survivor takes over within one interval.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "config/loket-config.h"

G_BEGIN_DECLS

#define LOKET_METRICS_INTERVAL_MS 15000

typedef struct _LoketMetricsFile LoketMetricsFile;

/* NULL when the configuration names no metrics folder. outbox_gauges: this process runs a
 * delivery engine and may write the outbox gauges. */
LoketMetricsFile *loket_metrics_file_new      (LoketConfig       *config,
                                               const char        *file_name,
                                               gboolean           outbox_gauges);
const char       *loket_metrics_file_get_path (LoketMetricsFile  *self);
/* Sets the gauges read at each write (outbox, clock), then writes the file. */
gboolean          loket_metrics_file_write    (LoketMetricsFile  *self,
                                               GError           **error);
/* Writes now and every interval_ms on a thread of its own; a failure is logged once. */
void              loket_metrics_file_start    (LoketMetricsFile  *self,
                                               guint              interval_ms);
/* Whether this process now holds the metrics lock (writes the outbox gauges). */
gboolean          loket_metrics_file_holds_outbox_lock (LoketMetricsFile *self);
/* Stops the thread, writes once more, and frees. */
void              loket_metrics_file_free     (LoketMetricsFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketMetricsFile, loket_metrics_file_free)

G_END_DECLS
