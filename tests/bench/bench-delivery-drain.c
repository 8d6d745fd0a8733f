/* bench-delivery-drain.c — 5,000 queued parts drained to the simulator by `loketctl outbox
 * deliver --once`
 *
 * Prints parts per second (every state change durable: one fsync'd transaction per outcome;
 * goal ≥ 300/s) and the engine's peak RSS (the child's ru_maxrss; goal < 40 MB).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench"

#include <stdio.h>
#include <sys/resource.h>

#include "bench-delivery-env.h"

#define N_PARTS 5000
#define PARTS_PER_REQUEST 100

int
main (int    argc,
      char **argv)
{
  const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "samsat", "djp", "oss", "dpmptsp" };
  g_autoptr(SimFixture) sim = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start, end;
  double seconds;
  gint64 delivered;

  g_test_init (&argc, &argv, NULL);

  /* Without --catalog the simulator takes any service: the bodies are made up here. */
  sim = sim_fixture_new (FALSE, "--agency", "dukcapil", "--agency", "bpjs-kesehatan",
                         "--agency", "samsat", "--agency", "djp", "--agency", "oss",
                         "--agency", "dpmptsp", NULL);
  sim_fixture_write_config (sim, 10, NULL, NULL);

  outbox = loket_outbox_open (sim->state_dir, sim->key_file, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < N_PARTS / PARTS_PER_REQUEST; r++)
    g_free (bench_delivery_store_request (outbox, agencies, G_N_ELEMENTS (agencies),
                                          r * PARTS_PER_REQUEST, PARTS_PER_REQUEST));
  g_clear_pointer (&outbox, loket_outbox_close);

  start = g_get_monotonic_time ();
  g_assert_cmpint (sim_fixture_ctl (sim, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);
  end = g_get_monotonic_time ();
  getrusage (RUSAGE_CHILDREN, &usage);

  seconds = (double) (end - start) / G_USEC_PER_SEC;
  delivered = sim_fixture_stat (sim, "submissions");
  printf ("drain: %" G_GINT64_FORMAT " of %d parts delivered in %.2f s: %.0f parts/s "
          "(goal ≥ 300/s)\n", delivered, N_PARTS, seconds, (double) delivered / seconds);
  printf ("drain: peak RSS of the engine (loketctl, ru_maxrss): %.1f MB (goal < 40 MB)\n",
          usage.ru_maxrss / 1024.0);
  g_assert_cmpint (delivered, ==, N_PARTS);
  return 0;
}
