/* bench-track.c — loket-track under load (issue 17's benchmark), ratios in one run
 *
 *   bench-track           cached page against the libsoup ceiling (wrk, keep-alive), and
 *                         the uncached page with agencies answering after 300 ms
 *   bench-track --rss     RSS after 100,000 requests for 10,000 codes (./run-tests --long);
 *                         fails above 50 MB
 *
 * wrk comes from Debian (build-aux/debian-packages.txt); without it the benchmark says so
 * and fails, since it would measure nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "core/loket-tracking-code.h"
#include "../track/track-fixture.h"

#define WRK_SECONDS "3"
#define ROUNDS 3
#define WRK_CONNECTIONS "32"

typedef struct {
  double requests_per_second;
  double p99_ms;
} WrkResult;

static double
read_ms (const char *text)
{
  double value = g_ascii_strtod (text, NULL);

  if (strstr (text, "us") != NULL)
    return value / 1000.0;
  if (g_str_has_suffix (text, "ms"))
    return value;
  if (g_str_has_suffix (text, "s"))
    return value * 1000.0;
  return value;
}

static WrkResult
run_wrk (const char *url,
         const char *script)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  WrkResult result = { 0 };
  int status = 0;

  g_ptr_array_add (argv, (char *) "wrk");
  g_ptr_array_add (argv, (char *) "-t2");
  g_ptr_array_add (argv, (char *) "-c" WRK_CONNECTIONS);
  g_ptr_array_add (argv, (char *) "-d" WRK_SECONDS "s");
  g_ptr_array_add (argv, (char *) "--latency");
  if (script != NULL)
    {
      g_ptr_array_add (argv, (char *) "-s");
      g_ptr_array_add (argv, (char *) script);
    }
  g_ptr_array_add (argv, (char *) url);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("wrk failed: %s", err);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "Requests/sec:"))
        result.requests_per_second = g_ascii_strtod (line + strlen ("Requests/sec:"), NULL);
      else if (g_str_has_prefix (line, "99%"))
        result.p99_ms = read_ms (g_strstrip (line + 3));
      else if (g_str_has_prefix (line, "Non-2xx"))
        g_error ("wrk saw answers other than 2xx: %s\n%s", line, out);
    }
  g_assert_cmpfloat (result.requests_per_second, >, 0);
  return result;
}

static GSubprocess *
start_ceiling (SimFixture *sim,
               gsize       size,
               guint      *port)
{
  g_autofree char *binary = g_build_filename (g_getenv ("LOKET_BUILD_DIR"), "tests", "bench",
                                              "track-ceiling", NULL);
  g_autofree char *port_file = g_build_filename (sim->dir, "ceiling-port", NULL);
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  g_autoptr(GError) error = NULL;
  GSubprocess *ceiling;

  ceiling = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, binary, size_text, port_file, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 1000 && *port == 0; i++)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (port_file, &text, NULL, NULL))
        *port = (guint) g_ascii_strtoull (text, NULL, 10);
      else
        g_usleep (10 * 1000);
    }
  g_assert_cmpuint (*port, !=, 0);
  return ceiling;
}

static SimFixture *
new_sim (void)
{
  return sim_fixture_new (FALSE, "--agency=dukcapil", "--agency=bpjs-kesehatan",
                          "--agency=samsat", "--agency=djp", "--agency=oss", "--agency=dpmptsp",
                          NULL);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Cached page, keep-alive: loket-track against a bare libsoup server with a body as large. */
static void
bench_cached (void)
{
  g_autoptr(SimFixture) sim = new_sim ();
  g_autoptr(TrackFixture) track = NULL;
  g_autoptr(GSubprocess) ceiling = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *path = g_strdup_printf ("/%s?agencies=dukcapil,samsat", code);
  g_autofree char *url = NULL;
  g_autofree char *ceiling_url = NULL;
  g_autofree char *page = NULL;
  guint ceiling_port = 0;
  guint status = 0;
  WrkResult ours, base;
  double ratios[ROUNDS];

  track_fixture_post_part (sim, "dukcapil", code, "birth-certificate");
  track_fixture_post_part (sim, "samsat", code, "stnk-renewal");
  track = track_fixture_new (sim, NULL, NULL,
                             "rate-limit = 1000000\nrate-burst = 1000000\ncache-seconds = 600\n");
  page = track_fixture_get (track, "GET", path, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);

  ceiling = start_ceiling (sim, strlen (page), &ceiling_port);
  url = g_strdup_printf ("http://127.0.0.1:%u%s", track->port, path);
  ceiling_url = g_strdup_printf ("http://127.0.0.1:%u%s", ceiling_port, path);

  /* Rounds alternate between the two, so a change in the machine's load weighs on both. */
  printf ("cached page (%zu bytes), wrk -t2 -c%s -d%ss, keep-alive, %d rounds:\n", strlen (page),
          WRK_CONNECTIONS, WRK_SECONDS, ROUNDS);
  for (guint round = 0; round < ROUNDS; round++)
    {
      ours = run_wrk (url, NULL);
      base = run_wrk (ceiling_url, NULL);
      ratios[round] = ours.requests_per_second / base.requests_per_second;
      printf ("  loket-track %7.0f requests/s, p99 %6.2f ms; libsoup ceiling %7.0f requests/s, "
              "p99 %6.2f ms; ratio %.2f, p99 ratio %.2f\n",
              ours.requests_per_second, ours.p99_ms, base.requests_per_second, base.p99_ms,
              ratios[round], ours.p99_ms / base.p99_ms);
    }
  qsort (ratios, ROUNDS, sizeof ratios[0], compare_doubles);
  printf ("  median ratio %.2f (goal >= 0.5)\n", ratios[ROUNDS / 2]);

  g_subprocess_send_signal (ceiling, SIGTERM);
  g_subprocess_wait (ceiling, NULL, NULL);
}

/* Uncached, every agency answering after 300 ms: asked in parallel, a page takes one wait. */
static void
bench_uncached (void)
{
  g_autoptr(SimFixture) sim = new_sim ();
  g_autoptr(TrackFixture) track = NULL;
  double total = 0, worst = 0;
  const guint n = 10;

  for (guint i = 0; track_fixture_agencies[i] != NULL; i++)
    sim_fixture_set_faults (sim, track_fixture_agencies[i], "latency:300", NULL);
  track = track_fixture_new (sim, NULL, NULL, "cache-seconds = 0\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = loket_tracking_code_generate ();
      g_autofree char *path = g_strdup_printf ("/%s", code);
      g_autofree char *page = NULL;
      gint64 start = g_get_monotonic_time ();
      guint status = 0;
      double seconds;

      page = track_fixture_get (track, "GET", path, &status, NULL, NULL);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_assert_cmpuint (status, ==, 404);
      total += seconds;
      worst = MAX (worst, seconds);
    }
  printf ("uncached page, 6 agencies each answering after 300 ms (%u pages):\n", n);
  printf ("  mean %.0f ms, worst %.0f ms; mean / 300 ms = %.2f (goal <= 1.2)\n",
          total / n * 1000, worst * 1000, total / n / 0.3);
}

static guint
rss_kib (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (process));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* Every request loket-track answered, from its own metrics. */
static guint64
requests_answered (TrackFixture *track)
{
  g_autofree char *metrics = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 total = 0;
  guint status = 0;

  metrics = track_fixture_get (track, "GET", "/metrics", &status, NULL, NULL);
  lines = g_strsplit (metrics, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "loket_track_requests_total{"))
      total += g_ascii_strtoull (strrchr (lines[i], ' ') + 1, NULL, 10);
  return total;
}

/* 100,000 requests for 10,000 codes: the cache expires, the rate limit's LRU is capped. */
static gboolean
bench_rss (void)
{
  g_autoptr(SimFixture) sim = new_sim ();
  g_autoptr(TrackFixture) track = NULL;
  g_autoptr(GString) script = g_string_new ("paths = {\n");
  g_autofree char *script_path = NULL;
  g_autofree char *url = NULL;
  guint before, after;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *code = loket_tracking_code_generate ();

      g_string_append_printf (script, "\"/%s?agencies=dukcapil,samsat\",\n", code);
    }
  g_string_append (script, "}\ncount = 0\n"
                           "request = function()\n  count = count + 1\n"
                           "  return wrk.format(\"GET\", paths[(count * 7919) % #paths + 1])\nend\n");
  script_path = g_build_filename (sim->dir, "codes.lua", NULL);
  g_assert_true (g_file_set_contents (script_path, script->str, -1, NULL));

  track = track_fixture_new (sim, NULL, NULL,
                             "rate-limit = 1000000\nrate-burst = 1000000\ncache-seconds = 5\n");
  before = rss_kib (track->track);
  url = g_strdup_printf ("http://127.0.0.1:%u/", track->port);
  {
    g_autoptr(GSubprocess) wrk = NULL;
    g_autoptr(GError) error = NULL;
    guint64 answered = 0;

    wrk = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "wrk", "-t2", "-c16",
                            "-d900s", "-s", script_path, url, NULL);
    g_assert_no_error (error);
    /* wrk counts time, not requests: stop it once loket-track has answered 100,000. */
    while (answered < 100000)
      {
        g_usleep (G_USEC_PER_SEC);
        answered = requests_answered (track);
      }
    g_subprocess_send_signal (wrk, SIGINT);
    g_subprocess_wait (wrk, NULL, NULL);
    printf ("%" G_GUINT64_FORMAT " requests answered\n", answered);
  }
  /* Let the cache's sweep run once past its time. */
  g_usleep (12 * G_USEC_PER_SEC);
  after = rss_kib (track->track);
  printf ("RSS of loket-track: %.1f MB at start, %.1f MB after 100,000 requests for 10,000 codes "
          "(goal < 50 MB)\n", before / 1024.0, after / 1024.0);
  return after < 50 * 1024;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *wrk = g_find_program_in_path ("wrk");

  setvbuf (stdout, NULL, _IOLBF, 0);
  /* The servers measured run as in production: no debug log, no malloc checking. */
  track_fixture_debug_log = FALSE;
  g_unsetenv ("MALLOC_CHECK_");
  g_unsetenv ("MALLOC_PERTURB_");
  if (wrk == NULL)
    {
      fprintf (stderr, "bench-track: wrk is not installed (Debian package wrk)\n");
      return 1;
    }
  if (argc > 1 && g_str_equal (argv[1], "--rss"))
    return bench_rss () ? 0 : 1;

  bench_cached ();
  bench_uncached ();
  return 0;
}
