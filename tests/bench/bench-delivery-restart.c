/* bench-delivery-restart.c — after a SIGKILL of `loketctl outbox deliver`, how soon a new engine
 * is sending every part again
 *
 * 16 parts (4 agencies × 4, the engine's per-agency bound, so all are in flight at once) to
 * agencies that answer after 5 s, with the kiosk's own leases (the longest agency timeout
 * + 60 s). Baseline, measured in the same run: a cold start, from spawning the engine until
 * every part is being sent. Then that engine is killed with all 16 in flight, a new one is
 * spawned, and the time until every part is being sent again (claimed by the new engine, or
 * answered) is measured the same way, from outside, in the outbox. Three rounds, each with its
 * own simulator and outbox. Goal: < 2 s, and within 1.5 × the cold start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench"

#include <signal.h>
#include <stdio.h>

#include "bench-delivery-env.h"

#define N_PARTS 16
#define N_ROUNDS 3

static const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "samsat", "djp" };

static SimFixture *
prepare (void)
{
  SimFixture *sim = sim_fixture_new (FALSE, "--agency", "dukcapil", "--agency", "bpjs-kesehatan",
                                     "--agency", "samsat", "--agency", "djp", NULL);

  /* No lease-ms: the kiosk's leases (90 s here). */
  g_free (sim->timing);
  sim->timing = g_strdup ("");
  bench_delivery_prepare (sim, agencies, G_N_ELEMENTS (agencies), 5000, N_PARTS);
  return sim;
}

/* Waits until no part is queued or leased to dead_owner (NULL: none is queued); returns the
 * µs since start, and the owner of the parts being sent. */
static gint64
wait_all_sending (LoketOutbox  *watch,
                  const char   *dead_owner,
                  gint64        start,
                  char        **owner)
{
  gint64 deadline = start + 120 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) parts = loket_outbox_list_parts (watch, NULL, &error);
      guint waiting = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (parts->len, ==, N_PARTS);
      for (guint i = 0; i < parts->len; i++)
        {
          LoketOutboxPart *part = g_ptr_array_index (parts, i);

          if (part->state == LOKET_OUTBOX_STATE_QUEUED ||
              (part->state == LOKET_OUTBOX_STATE_SENDING &&
               g_strcmp0 (part->lease_owner, dead_owner) == 0))
            waiting++;
          else if (part->state == LOKET_OUTBOX_STATE_SENDING && owner != NULL && *owner == NULL)
            *owner = g_strdup (part->lease_owner);
        }
      if (waiting == 0)
        return g_get_monotonic_time () - start;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (2 * 1000);
    }
}

static void
kill_engine (GSubprocess *engine)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (engine, SIGKILL);
  g_subprocess_wait (engine, NULL, &error);
  g_assert_no_error (error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  double cold[N_ROUNDS], restart[N_ROUNDS], ratio;

  g_test_init (&argc, &argv, NULL);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(SimFixture) sim = prepare ();
      g_autoptr(LoketOutbox) watch = NULL;
      g_autoptr(GSubprocess) first = NULL;
      g_autoptr(GSubprocess) second = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *dead_owner = NULL;
      gint64 start;

      watch = loket_outbox_open (sim->state_dir, sim->key_file, LOKET_OUTBOX_OPEN_READ_ONLY,
                                 &error);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      first = sim_fixture_ctl_spawn (sim, "outbox", "deliver", "--quiet", NULL);
      cold[round] = wait_all_sending (watch, NULL, start, &dead_owner) / 1000.0;
      g_assert_nonnull (dead_owner);

      kill_engine (first);
      start = g_get_monotonic_time ();
      second = sim_fixture_ctl_spawn (sim, "outbox", "deliver", "--quiet", NULL);
      restart[round] = wait_all_sending (watch, dead_owner, start, NULL) / 1000.0;
      kill_engine (second);
    }

  qsort (cold, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (restart, N_ROUNDS, sizeof (double), compare_doubles);
  ratio = restart[N_ROUNDS / 2] / cold[N_ROUNDS / 2];
  printf ("restart: SIGKILL with %d parts in flight, new engine to every part sent again: "
          "%.0f ms (%.0f–%.0f ms, goal < 2000 ms); cold start to every part sent: %.0f ms "
          "(%.0f–%.0f ms); ratio %.2f (goal ≤ 1.5)\n", N_PARTS,
          restart[N_ROUNDS / 2], restart[0], restart[N_ROUNDS - 1],
          cold[N_ROUNDS / 2], cold[0], cold[N_ROUNDS - 1], ratio);
  return 0;
}
