/* loket-metrics.h — Loket's numbers, for Prometheus (node_exporter's textfile collector)
 *
 * One registry per process, safe to use from any thread. Every metric Loket exports is
 * described once, in the table in loket-metrics.c (name, type, help, labels): the names are
 * a contract (README.md, "Metrics and alerts"; data/prometheus/loket-rules.yml uses them).
 * Labels are low-cardinality only — an agency id, a state, a result, a reason code — never a
 * tracking code, a part id, a staff name or anything a citizen typed.
 *
 * Counters carry the label `component` first (the process's: "kiosk" or "deliver"), added
 * here, so the kiosk's file and `outbox deliver`'s never hold the same series (node_exporter
 * refuses a scrape where two files do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the process's component ("kiosk", "deliver"), loket_build_info and
 * loket_start_time_seconds, and the counters that must read 0 before their first event. */
void        loket_metrics_init            (const char *component);
const char *loket_metrics_get_component   (void);

/* The label values after `component` (for counters) in the table's order, then NULL.
 * A name or a number of labels the table does not know is a programming error. */
void        loket_metrics_add             (const char *name,
                                           double      amount,
                                           ...) G_GNUC_NULL_TERMINATED;
void        loket_metrics_set             (const char *name,
                                           double      value,
                                           ...) G_GNUC_NULL_TERMINATED;
void        loket_metrics_observe         (const char *name,
                                           double      value,
                                           ...) G_GNUC_NULL_TERMINATED;
/* Drops every series of a gauge (the outbox gauges are set afresh at each write). */
void        loket_metrics_clear           (const char *name);
/* A series' value (a histogram's count), or -1 when it does not exist: for tests. */
double      loket_metrics_get             (const char *name,
                                           ...) G_GNUC_NULL_TERMINATED;

/* The Prometheus text format (0.0.4), families in the table's order, no timestamps. */
char       *loket_metrics_render          (void);
/* Forgets every value (tests). */
void        loket_metrics_reset           (void);

/* For the staff admin mode: a PIN refused (loket_admin_login_failures_total). */
void        loket_metrics_count_admin_login_failure (void);
/* For the Help button: a citizen asked for help (loket_help_requests_total). */
void        loket_metrics_count_help_request        (void);
/* The kiosk: a citizen's session ended ("submitted", "abandoned", "idle"). */
void        loket_metrics_count_session             (const char *outcome);

G_END_DECLS
