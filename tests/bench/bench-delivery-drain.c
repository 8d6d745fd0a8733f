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

#include "core/loket-tracking-code.h"
#include "outbox/loket-outbox.h"
#include "../net/sim-fixture.h"

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
    {
      g_autofree char *code = loket_tracking_code_generate ();
      g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      LoketOutboxPartSpec specs[PARTS_PER_REQUEST] = { { 0 } };
      LoketOutboxRequestSpec request = { 0 };

      for (guint p = 0; p < PARTS_PER_REQUEST; p++)
        {
          char *id = g_uuid_string_random ();

          g_ptr_array_add (keep, id);
          specs[p].part_id = id;
          specs[p].service = "bench-service";
          specs[p].agency = agencies[(r * PARTS_PER_REQUEST + p) % G_N_ELEMENTS (agencies)];
          specs[p].body = sim_fixture_make_body (code, id, "bench-service");
          g_ptr_array_add (bodies, (gpointer) specs[p].body);
        }
      request.tracking_code = code;
      request.language = "id";
      request.parts = specs;
      request.n_parts = PARTS_PER_REQUEST;
      g_assert_true (loket_outbox_store_request (outbox, &request, &error));
      g_assert_no_error (error);
    }
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
