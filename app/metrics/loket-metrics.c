/* loket-metrics.c — the registry of Loket's metrics and the Prometheus text writer
 *
 * The table below is the whole list: a metric not in it cannot be set. Values live in one
 * process-wide registry under a mutex (the kiosk's delivery thread counts attempts while the
 * main thread counts sessions), and loket_metrics_render () writes the text format that
 * node_exporter's textfile collector reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-metrics"

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "loket-metrics.h"

typedef enum {
  KIND_COUNTER,
  KIND_GAUGE,
  KIND_HISTOGRAM,
} Kind;

#define MAX_LABELS 3

typedef struct {
  const char *name;
  Kind        kind;
  const char *help;
  const char *labels[MAX_LABELS];   /* after `component`, which counters and histograms get */
} MetricSpec;

/* README.md ("Metrics and alerts") lists the same; tests/metrics checks the two agree. */
static const MetricSpec specs[] = {
  { "loket_build_info", KIND_GAUGE, "Loket's version (always 1).", { "component", "version" } },
  { "loket_start_time_seconds", KIND_GAUGE, "When the process started (Unix time).",
    { "component" } },
  { "loket_outbox_parts", KIND_GAUGE, "Parts in the outbox by agency and state.",
    { "agency", "state" } },
  { "loket_outbox_oldest_pending_age_seconds", KIND_GAUGE,
    "Age of the oldest part still to be sent (queued, sending, retry), by agency.",
    { "agency" } },
  { "loket_delivery_attempts_total", KIND_COUNTER,
    "Delivery attempts by agency and result (delivered, retry, garbage, rejected, "
    "needs-staff, held).", { "agency", "result" } },
  { "loket_delivery_duration_seconds", KIND_HISTOGRAM,
    "Time from claiming a part to recording its outcome.", { "agency" } },
  { "loket_last_successful_delivery_timestamp_seconds", KIND_GAUGE,
    "When a part of the agency was last delivered (Unix time).", { "agency" } },
  { "loket_submissions_total", KIND_COUNTER, "Requests stored in the outbox.", { NULL } },
  { "loket_sessions_total", KIND_COUNTER,
    "Citizens' sessions by how they ended (submitted, abandoned, idle).", { "outcome" } },
  { "loket_receipts_printed_total", KIND_COUNTER, "Receipts printed.", { NULL } },
  { "loket_print_failures_total", KIND_COUNTER, "Receipts not printed, by reason.",
    { "reason" } },
  { "loket_printer_paper_near_end", KIND_GAUGE,
    "1 when the printer last said its paper is near its end.", { NULL } },
  { "loket_printer_paper_out", KIND_GAUGE, "1 when the last receipt failed for want of paper.",
    { NULL } },
  { "loket_out_of_service", KIND_GAUGE, "1 while the kiosk takes no new request.", { NULL } },
  { "loket_clock_synchronized", KIND_GAUGE,
    "1 when the kernel says the system clock is synchronised (NTP).", { NULL } },
  { "loket_admin_login_failures_total", KIND_COUNTER, "Staff logins refused (wrong PIN).",
    { NULL } },
  { "loket_help_requests_total", KIND_COUNTER, "Citizens who asked for help.", { NULL } },
};

/* Seconds: an attempt is a TLS handshake and one request, up to the agency's timeout. */
static const double buckets[] = { 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60 };

typedef struct {
  char   **labels;                          /* values, in the spec's order */
  double   value;                           /* counter, gauge; histogram: the sum */
  guint64  count;                           /* histogram */
  guint64  bucket_counts[G_N_ELEMENTS (buckets)];
} Series;

static GMutex lock;
static GHashTable *families[G_N_ELEMENTS (specs)];  /* key (values joined by \037) → Series */
static char *component;

static void
series_free (gpointer data)
{
  Series *series = data;

  g_strfreev (series->labels);
  g_free (series);
}

static gboolean
carries_component (const MetricSpec *spec)
{
  return spec->kind != KIND_GAUGE;
}

static guint
n_labels (const MetricSpec *spec)
{
  guint n = 0;

  while (n < MAX_LABELS && spec->labels[n] != NULL)
    n++;
  return n + (carries_component (spec) ? 1 : 0);
}

static const char *
label_name (const MetricSpec *spec,
            guint             i)
{
  if (carries_component (spec))
    return i == 0 ? "component" : spec->labels[i - 1];
  return spec->labels[i];
}

static int
find_spec (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_str_equal (specs[i].name, name))
      return (int) i;
  return -1;
}

/* Called with the lock held. NULL (with a critical) on a programming error. */
static Series *
lookup (const char *name,
        Kind        kind,
        gboolean    create,
        va_list     args)
{
  int index = find_spec (name);
  const MetricSpec *spec;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;
  const char *value;
  Series *series;

  if (index < 0 || specs[index].kind != kind)
    {
      g_critical ("No metric %s of this kind", name);
      return NULL;
    }
  spec = &specs[index];

  if (carries_component (spec))
    g_ptr_array_add (values, g_strdup (component != NULL ? component : "none"));
  while ((value = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (values, g_strdup (value));
  if (values->len != n_labels (spec))
    {
      g_critical ("Metric %s takes %u labels, given %u", name, n_labels (spec), values->len);
      return NULL;
    }
  g_ptr_array_add (values, NULL);
  key = g_strjoinv ("\037", (char **) values->pdata);

  if (families[index] == NULL)
    families[index] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, series_free);
  series = g_hash_table_lookup (families[index], key);
  if (series == NULL && create)
    {
      series = g_new0 (Series, 1);
      series->labels = (char **) g_ptr_array_steal (values, NULL);
      g_hash_table_insert (families[index], g_steal_pointer (&key), series);
    }
  return series;
}

void
loket_metrics_add (const char *name,
                   double      amount,
                   ...)
{
  Series *series;
  va_list args;

  g_return_if_fail (name != NULL);
  g_return_if_fail (amount >= 0);

  g_mutex_lock (&lock);
  va_start (args, amount);
  series = lookup (name, KIND_COUNTER, TRUE, args);
  va_end (args);
  if (series != NULL)
    series->value += amount;
  g_mutex_unlock (&lock);
}

void
loket_metrics_set (const char *name,
                   double      value,
                   ...)
{
  Series *series;
  va_list args;

  g_return_if_fail (name != NULL);

  g_mutex_lock (&lock);
  va_start (args, value);
  series = lookup (name, KIND_GAUGE, TRUE, args);
  va_end (args);
  if (series != NULL)
    series->value = value;
  g_mutex_unlock (&lock);
}

void
loket_metrics_observe (const char *name,
                       double      value,
                       ...)
{
  Series *series;
  va_list args;

  g_return_if_fail (name != NULL);

  g_mutex_lock (&lock);
  va_start (args, value);
  series = lookup (name, KIND_HISTOGRAM, TRUE, args);
  va_end (args);
  if (series != NULL)
    {
      series->value += value;
      series->count++;
      for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
        if (value <= buckets[i])
          series->bucket_counts[i]++;
    }
  g_mutex_unlock (&lock);
}

double
loket_metrics_get (const char *name,
                   ...)
{
  int index = find_spec (name);
  double result = -1;
  Series *series;
  va_list args;

  g_return_val_if_fail (index >= 0, -1);

  g_mutex_lock (&lock);
  va_start (args, name);
  series = lookup (name, specs[index].kind, FALSE, args);
  va_end (args);
  if (series != NULL)
    result = specs[index].kind == KIND_HISTOGRAM ? (double) series->count : series->value;
  g_mutex_unlock (&lock);
  return result;
}

void
loket_metrics_clear (const char *name)
{
  int index = find_spec (name);

  g_return_if_fail (index >= 0);

  g_mutex_lock (&lock);
  if (families[index] != NULL)
    g_hash_table_remove_all (families[index]);
  g_mutex_unlock (&lock);
}

void
loket_metrics_reset (void)
{
  g_mutex_lock (&lock);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    g_clear_pointer (&families[i], g_hash_table_unref);
  g_clear_pointer (&component, g_free);
  g_mutex_unlock (&lock);
}

void
loket_metrics_init (const char *name)
{
  g_return_if_fail (name != NULL);

  g_mutex_lock (&lock);
  g_free (component);
  component = g_strdup (name);
  g_mutex_unlock (&lock);

  loket_metrics_set ("loket_build_info", 1, name, PACKAGE_VERSION, NULL);
  loket_metrics_set ("loket_start_time_seconds", (double) g_get_real_time () / G_USEC_PER_SEC,
                     name, NULL);

  /* A counter that appears only at its first event hides that event from rate (): the
   * ones alerts watch start at 0. */
  loket_metrics_add ("loket_admin_login_failures_total", 0, NULL);
  loket_metrics_add ("loket_help_requests_total", 0, NULL);
  loket_metrics_add ("loket_submissions_total", 0, NULL);
  if (g_str_equal (name, "kiosk"))
    {
      static const char * const outcomes[] = { "submitted", "abandoned", "idle" };

      for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
        loket_metrics_add ("loket_sessions_total", 0, outcomes[i], NULL);
      loket_metrics_add ("loket_receipts_printed_total", 0, NULL);
    }
}

const char *
loket_metrics_get_component (void)
{
  return component;
}

/* ---- The text format ---- */

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    quotes)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '"' && quotes)
        g_string_append (out, "\\\"");
      else
        g_string_append_c (out, *p);
    }
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == (double) (gint64) value && value > -1e15 && value < 1e15)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

static void
append_sample (GString          *out,
               const MetricSpec *spec,
               const char       *suffix,
               const Series     *series,
               const char       *le,
               double            value)
{
  guint n = n_labels (spec);

  g_string_append (out, spec->name);
  g_string_append (out, suffix);
  if (n > 0 || le != NULL)
    {
      g_string_append_c (out, '{');
      for (guint i = 0; i < n; i++)
        {
          g_string_append_printf (out, "%s%s=\"", i > 0 ? "," : "", label_name (spec, i));
          append_escaped (out, series->labels[i], TRUE);
          g_string_append_c (out, '"');
        }
      if (le != NULL)
        g_string_append_printf (out, "%sle=\"%s\"", n > 0 ? "," : "", le);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ' ');
  append_number (out, value);
  g_string_append_c (out, '\n');
}

static void
append_histogram (GString          *out,
                  const MetricSpec *spec,
                  const Series     *series)
{
  for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
    {
      char le[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (le, sizeof le, "%g", buckets[i]);
      append_sample (out, spec, "_bucket", series, le, (double) series->bucket_counts[i]);
    }
  append_sample (out, spec, "_bucket", series, "+Inf", (double) series->count);
  append_sample (out, spec, "_sum", series, NULL, series->value);
  append_sample (out, spec, "_count", series, NULL, (double) series->count);
}

static int
compare_keys (const void *a,
              const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static const char * const kind_names[] = {
  [KIND_COUNTER] = "counter",
  [KIND_GAUGE] = "gauge",
  [KIND_HISTOGRAM] = "histogram",
};

char *
loket_metrics_render (void)
{
  GString *out = g_string_new (NULL);

  g_mutex_lock (&lock);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const MetricSpec *spec = &specs[i];
      g_autofree gpointer *keys = NULL;
      guint n_keys;

      /* A family with no series is left out: the other file may carry it. */
      if (families[i] == NULL || g_hash_table_size (families[i]) == 0)
        continue;

      g_string_append_printf (out, "# HELP %s ", spec->name);
      append_escaped (out, spec->help, FALSE);
      g_string_append_printf (out, "\n# TYPE %s %s\n", spec->name, kind_names[spec->kind]);

      /* Sorted, so that two writes of the same values are the same bytes. */
      keys = g_hash_table_get_keys_as_array (families[i], &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), compare_keys);
      for (guint k = 0; k < n_keys; k++)
        {
          const Series *series = g_hash_table_lookup (families[i], keys[k]);

          if (spec->kind == KIND_HISTOGRAM)
            append_histogram (out, spec, series);
          else
            append_sample (out, spec, "", series, NULL, series->value);
        }
    }
  g_mutex_unlock (&lock);

  return g_string_free (out, FALSE);
}

/* ---- Counters the screens and admin mode call ---- */

void
loket_metrics_count_admin_login_failure (void)
{
  loket_metrics_add ("loket_admin_login_failures_total", 1, NULL);
}

void
loket_metrics_count_help_request (void)
{
  loket_metrics_add ("loket_help_requests_total", 1, NULL);
}

void
loket_metrics_count_session (const char *outcome)
{
  g_return_if_fail (outcome != NULL);

  loket_metrics_add ("loket_sessions_total", 1, outcome, NULL);
}
