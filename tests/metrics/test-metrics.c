/* test-metrics.c — the metrics registry, its text format (promtool), the files the kiosk and
 * `outbox deliver` write, and the numbers against the outbox after a scripted run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-metrics"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "metrics/loket-metrics.h"
#include "metrics/loket-metrics-file.h"
#include "outbox/loket-outbox.h"
#include "../net/sim-fixture.h"

/* promtool check metrics: exit 0 and no lint problem. FALSE (with a message) when Debian's
 * prometheus package is not installed: the caller skips. */
static gboolean
promtool_check (const char *path)
{
  g_autofree char *promtool = g_find_program_in_path ("promtool");
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (promtool == NULL)
    {
      g_test_skip ("promtool not found (Debian package prometheus)");
      return FALSE;
    }
  command = g_strdup_printf ("sh -c '%s check metrics < \"%s\"'", promtool, path);
  g_spawn_command_line_sync (command, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("promtool check metrics %s: %s%s", path, out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "");
  return TRUE;
}

/* The value of the sample written exactly as `series` (name{labels}), or -1. */
static double
sample (const char *text,
        const char *series)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], series) && lines[i][strlen (series)] == ' ')
      return g_ascii_strtod (lines[i] + strlen (series) + 1, NULL);
  return -1;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_render (void)
{
  g_autofree char *text = NULL;

  loket_metrics_reset ();
  loket_metrics_init ("kiosk");
  loket_metrics_add ("loket_delivery_attempts_total", 1, "dukcapil", "delivered", NULL);
  loket_metrics_add ("loket_delivery_attempts_total", 2, "dukcapil", "delivered", NULL);
  loket_metrics_add ("loket_print_failures_total", 1, "pa\"per\\out\n", NULL);
  loket_metrics_observe ("loket_delivery_duration_seconds", 0.3, "dukcapil", NULL);
  loket_metrics_observe ("loket_delivery_duration_seconds", 20, "dukcapil", NULL);
  loket_metrics_set ("loket_printer_paper_out", 1, NULL);
  loket_metrics_count_session ("idle");
  loket_metrics_count_admin_login_failure ();
  text = loket_metrics_render ();
  g_test_message ("%s", text);

  g_assert_cmpfloat (sample (text, "loket_build_info{component=\"kiosk\",version=\""
                                   PACKAGE_VERSION "\"}"), ==, 1);
  g_assert_cmpfloat (sample (text, "loket_delivery_attempts_total{component=\"kiosk\","
                                   "agency=\"dukcapil\",result=\"delivered\"}"), ==, 3);
  g_assert_cmpfloat (sample (text, "loket_print_failures_total{component=\"kiosk\","
                                   "reason=\"pa\\\"per\\\\out\\n\"}"), ==, 1);
  g_assert_cmpfloat (sample (text, "loket_delivery_duration_seconds_bucket{component=\"kiosk\","
                                   "agency=\"dukcapil\",le=\"0.25\"}"), ==, 0);
  g_assert_cmpfloat (sample (text, "loket_delivery_duration_seconds_bucket{component=\"kiosk\","
                                   "agency=\"dukcapil\",le=\"0.5\"}"), ==, 1);
  g_assert_cmpfloat (sample (text, "loket_delivery_duration_seconds_bucket{component=\"kiosk\","
                                   "agency=\"dukcapil\",le=\"+Inf\"}"), ==, 2);
  g_assert_cmpfloat (sample (text, "loket_delivery_duration_seconds_count{component=\"kiosk\","
                                   "agency=\"dukcapil\"}"), ==, 2);
  g_assert_cmpfloat (sample (text, "loket_sessions_total{component=\"kiosk\",outcome=\"idle\"}"),
                     ==, 1);
  g_assert_cmpfloat (sample (text, "loket_sessions_total{component=\"kiosk\","
                                   "outcome=\"abandoned\"}"), ==, 0);
  g_assert_cmpfloat (sample (text, "loket_help_requests_total{component=\"kiosk\"}"), ==, 0);
  g_assert_cmpfloat (sample (text, "loket_admin_login_failures_total{component=\"kiosk\"}"),
                     ==, 1);
  g_assert_cmpfloat (sample (text, "loket_printer_paper_out"), ==, 1);
  /* No timestamps: every sample line is "series value". */
  g_assert_null (strstr (text, "} 1 1"));
  /* Rendering twice gives the same bytes (sorted series). */
  {
    g_autofree char *again = loket_metrics_render ();

    g_assert_cmpstr (text, ==, again);
  }
}

/* Every metric the README lists is in the table, and only those: the contract cannot drift. */
static void
test_readme_lists_every_metric (void)
{
  g_autofree char *readme_path = g_build_filename (g_getenv ("LOKET_SOURCE_DIR"), "README.md",
                                                   NULL);
  g_autofree char *readme = read_text (readme_path);
  g_autofree char *text = NULL;
  g_autoptr(GRegex) listed = g_regex_new ("^\\| `(loket_[a-z_]+)`", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_listed = 0;

  /* Every family, with one series each. */
  loket_metrics_reset ();
  loket_metrics_init ("kiosk");
  loket_metrics_set ("loket_outbox_parts", 0, "a", "queued", NULL);
  loket_metrics_set ("loket_outbox_oldest_pending_age_seconds", 0, "a", NULL);
  loket_metrics_add ("loket_delivery_attempts_total", 1, "a", "retry", NULL);
  loket_metrics_observe ("loket_delivery_duration_seconds", 1, "a", NULL);
  loket_metrics_set ("loket_last_successful_delivery_timestamp_seconds", 1, "a", NULL);
  loket_metrics_add ("loket_print_failures_total", 1, "paper-out", NULL);
  loket_metrics_set ("loket_printer_paper_near_end", 0, NULL);
  loket_metrics_set ("loket_printer_paper_out", 0, NULL);
  loket_metrics_set ("loket_out_of_service", 0, NULL);
  loket_metrics_set ("loket_clock_synchronized", 1, NULL);
  text = loket_metrics_render ();

  g_regex_match (listed, readme, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *type_line = g_strdup_printf ("# TYPE %s ", name);

      g_test_message ("README lists %s", name);
      g_assert_nonnull (strstr (text, type_line));
      g_hash_table_add (names, g_steal_pointer (&name));
      n_listed++;
      g_match_info_next (match, NULL);
    }
  /* 17 families: the list, with the duration histogram. */
  g_assert_cmpuint (n_listed, ==, 17);
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    guint n_types = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "# TYPE "))
        n_types++;
    g_assert_cmpuint (n_types, ==, n_listed);
  }
}

static char *
add_metrics_folder (SimFixture *sim)
{
  g_autofree char *config = read_text (sim->config_path);
  g_autofree char *with = NULL;
  char *folder = g_build_filename (sim->dir, "node-exporter", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  with = g_strdup_printf ("%s\n[metrics]\nfolder = %s\n", config, folder);
  g_file_set_contents (sim->config_path, with, -1, &error);
  g_assert_no_error (error);
  return folder;
}

/* The numbers of `outbox list --json`, by agency and state. */
static GHashTable *
outbox_counts (SimFixture *sim)
{
  g_autoptr(JsonNode) parts = sim_fixture_parts (sim);
  JsonArray *array = json_node_get_array (parts);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *part = json_array_get_object_element (array, i);
      char *key = g_strdup_printf ("loket_outbox_parts{agency=\"%s\",state=\"%s\"}",
                                   json_object_get_string_member (part, "agency"),
                                   json_object_get_string_member (part, "state"));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_replace (counts, key, GUINT_TO_POINTER (n + 1));
    }
  return counts;
}

/* A scripted run: three requests, samsat down, `outbox deliver --once`; the file it writes
 * passes promtool and says what the outbox says. */
static void
test_deliver_file (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;
  GHashTableIter iter;
  gpointer key, value;
  struct stat st;
  guint delivered = 0;
  guint total = 0;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  folder = add_metrics_folder (sim);
  code = sim_fixture_submit (sim, "four-agencies");
  g_free (sim_fixture_submit (sim, "stnk-renewal"));
  g_free (sim_fixture_submit (sim, "birth"));
  sim_fixture_set_faults (sim, "samsat", "status:503,method=post", NULL);
  g_assert_cmpint (sim_fixture_ctl (sim, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);

  path = g_build_filename (folder, "loket-deliver.prom", NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  text = read_text (path);
  g_test_message ("%s", text);

  /* Every state of every part, as the outbox lists them; nothing else non-zero. */
  counts = outbox_counts (sim);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("%s: outbox %u", (char *) key, GPOINTER_TO_UINT (value));
      g_assert_cmpfloat (sample (text, key), ==, GPOINTER_TO_UINT (value));
      total += GPOINTER_TO_UINT (value);
    }
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    guint sum = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "loket_outbox_parts{"))
        sum += (guint) g_ascii_strtod (strrchr (lines[i], ' ') + 1, NULL);
    g_assert_cmpuint (sum, ==, total);
  }

  /* Attempts: one delivered attempt per delivered part; samsat's were retries. */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strstr (key, "state=\"delivered\"") != NULL)
      delivered += GPOINTER_TO_UINT (value);
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    guint attempts_delivered = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "loket_delivery_attempts_total{component=\"deliver\"") &&
          strstr (lines[i], "result=\"delivered\"") != NULL)
        attempts_delivered += (guint) g_ascii_strtod (strrchr (lines[i], ' ') + 1, NULL);
    g_assert_cmpuint (attempts_delivered, ==, delivered);
    g_assert_cmpuint (delivered, >, 0);
  }
  g_assert_cmpfloat (sample (text, "loket_delivery_attempts_total{component=\"deliver\","
                                   "agency=\"samsat\",result=\"retry\"}"), >=, 1);
  g_assert_cmpfloat (sample (text, "loket_outbox_oldest_pending_age_seconds{agency=\"samsat\"}"),
                     >=, 0);
  g_assert_cmpfloat (sample (text, "loket_outbox_oldest_pending_age_seconds{agency=\"djp\"}"),
                     ==, 0);
  g_assert_cmpfloat (sample (text, "loket_last_successful_delivery_timestamp_seconds"
                                   "{agency=\"dukcapil\"}"), >, 1.7e9);
  g_assert_cmpfloat (sample (text, "loket_start_time_seconds{component=\"deliver\"}"), >, 1.7e9);
  /* No tracking code, no part id. */
  g_assert_null (strstr (text, code));
  {
    g_autoptr(JsonNode) parts = sim_fixture_parts (sim);
    JsonArray *array = json_node_get_array (parts);

    for (guint i = 0; i < json_array_get_length (array); i++)
      g_assert_null (strstr (text, json_object_get_string_member (
                                     json_array_get_object_element (array, i), "part_id")));
  }

  promtool_check (path);
}

/* Two engines on one outbox: only the lock holder writes the outbox gauges; when it goes,
 * the other takes over at its next write. */
static void
test_outbox_lock (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  LoketMetricsFile *first, *second;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  folder = add_metrics_folder (sim);
  config = loket_config_load (sim->config_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (sim->state_dir, 0700), ==, 0);
  loket_outbox_close (loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_DEFAULT, &error));
  g_assert_no_error (error);

  loket_metrics_reset ();
  loket_metrics_init ("kiosk");
  first = loket_metrics_file_new (config, "loket-kiosk.prom", TRUE);
  second = loket_metrics_file_new (config, "loket-deliver.prom", TRUE);
  g_assert_true (loket_metrics_file_write (first, &error));
  g_assert_no_error (error);
  g_assert_true (loket_metrics_file_holds_outbox_lock (first));
  loket_metrics_clear ("loket_outbox_parts");
  g_assert_true (loket_metrics_file_write (second, &error));
  g_assert_false (loket_metrics_file_holds_outbox_lock (second));
  text = read_text (loket_metrics_file_get_path (second));
  g_assert_null (strstr (text, "loket_outbox_parts{"));
  g_clear_pointer (&text, g_free);

  loket_metrics_file_free (first);
  g_assert_true (loket_metrics_file_write (second, &error));
  g_assert_true (loket_metrics_file_holds_outbox_lock (second));
  text = read_text (loket_metrics_file_get_path (second));
  g_assert_nonnull (strstr (text, "loket_outbox_parts{agency=\"dukcapil\",state=\"queued\"} 0"));
  loket_metrics_file_free (second);
}

/* The kiosk's file, written by its thread every interval and whole on stop. */
static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_kiosk_file (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  LoketMetricsFile *file;
  gint64 deadline;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  folder = add_metrics_folder (sim);
  config = loket_config_load (sim->config_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (sim->state_dir, 0700), ==, 0);
  path = g_build_filename (folder, "loket-kiosk.prom", NULL);
  loket_outbox_close (loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_DEFAULT, &error));
  g_assert_no_error (error);

  loket_metrics_reset ();
  loket_metrics_init ("kiosk");
  loket_metrics_set ("loket_out_of_service", 0, NULL);
  loket_metrics_set ("loket_printer_paper_near_end", 0, NULL);
  loket_metrics_set ("loket_printer_paper_out", 0, NULL);
  file = loket_metrics_file_new (config, "loket-kiosk.prom", TRUE);
  loket_metrics_file_start (file, 50);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!file_exists (path) && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_true (file_exists (path));

  /* A session counted after the last periodic write is in the file written on stop. */
  loket_metrics_count_session ("submitted");
  loket_metrics_file_free (file);
  text = read_text (path);
  g_assert_cmpfloat (sample (text, "loket_sessions_total{component=\"kiosk\","
                                   "outcome=\"submitted\"}"), ==, 1);
  g_assert_cmpfloat (sample (text, "loket_clock_synchronized"), >=, 0);
  g_assert_nonnull (strstr (text, "loket_outbox_parts{agency=\"samsat\",state=\"needs-staff\"} 0"));
  promtool_check (path);
}

/* check-config --online: all well, then an agency down and a printer that does not answer:
 * one line each, exit 1. */
static void
assert_only_tracking_warning (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && strstr (lines[i], ": warning: [tracking] url: not set") == NULL)
      g_error ("check-config --online said more than the tracking URL's warning: %s", err);
}

static void
test_check_online (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *config = NULL;
  g_autofree char *with_printer = NULL;
  g_autoptr(GError) error = NULL;
  guint16 closed_port;

  sim_fixture_write_config (sim, 2, NULL, NULL);
  g_assert_cmpint (g_mkdir_with_parents (sim->state_dir, 0700), ==, 0);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, &err, "check-config", "--online", NULL), ==, 0);
  g_test_message ("all well: %s%s", out, err);
  /* The simulator's configuration has no tracking URL: that warning, and nothing else. */
  assert_only_tracking_warning (err);

  /* A port that was free a moment ago: nothing listens there. */
  closed_port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  config = read_text (sim->config_path);
  with_printer = g_strdup_printf ("[printer]\nbackend = escpos-tcp\nhost = 127.0.0.1\n"
                                  "port = %u\n\n%s", closed_port, config);
  g_file_set_contents (sim->config_path, with_printer, -1, &error);
  g_assert_no_error (error);
  sim_fixture_set_faults (sim, "djp", "status:503,method=get", NULL);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, &err, "check-config", "--online", NULL), ==, 1);
  g_test_message ("djp down, no printer: %s", err);
  g_assert_nonnull (strstr (err, "agency djp: /health: "));
  g_assert_null (strstr (err, "agency dukcapil"));
  g_assert_nonnull (strstr (err, "printer: Printer unavailable: 127.0.0.1:"));
  {
    g_auto(GStrv) lines = g_strsplit (g_strstrip (err), "\n", -1);
    guint problems = 0;

    /* One line per problem, besides the tracking URL's warning. */
    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], ": warning: [tracking] url: not set") == NULL)
        problems++;
    g_assert_cmpuint (problems, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metrics/render", test_render);
  g_test_add_func ("/metrics/readme", test_readme_lists_every_metric);
  g_test_add_func ("/metrics/deliver-file", test_deliver_file);
  g_test_add_func ("/metrics/outbox-lock", test_outbox_lock);
  g_test_add_func ("/metrics/kiosk-file", test_kiosk_file);
  g_test_add_func ("/check-config/online", test_check_online);
  return g_test_run ();
}
