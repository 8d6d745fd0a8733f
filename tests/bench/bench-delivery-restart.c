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

#include "core/loket-tracking-code.h"
#include "outbox/loket-outbox.h"
#include "../net/sim-fixture.h"

#define N_PARTS 16
#define N_ROUNDS 3

static const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "samsat", "djp" };

static SimFixture *
prepare (void)
{
  SimFixture *sim = sim_fixture_new (FALSE, "--agency", "dukcapil", "--agency", "bpjs-kesehatan",
                                     "--agency", "samsat", "--agency", "djp", NULL);
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  LoketOutboxPartSpec specs[N_PARTS] = { { 0 } };
  LoketOutboxRequestSpec request = { 0 };

  /* No lease-ms: the kiosk's leases (90 s here). */
  g_free (sim->timing);
  sim->timing = g_strdup ("");
  sim_fixture_write_config (sim, 10, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    sim_fixture_set_faults (sim, agencies[i], "latency:5000", NULL);

  outbox = loket_outbox_open (sim->state_dir, sim->key_file, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < N_PARTS; p++)
    {
      char *id = g_uuid_string_random ();

      g_ptr_array_add (keep, id);
      specs[p].part_id = id;
      specs[p].service = "bench-service";
      specs[p].agency = agencies[p % G_N_ELEMENTS (agencies)];
      specs[p].body = sim_fixture_make_body (code, id, "bench-service");
      g_ptr_array_add (bodies, (gpointer) specs[p].body);
    }
  request.tracking_code = code;
  request.language = "id";
  request.parts = specs;
  request.n_parts = N_PARTS;
  g_assert_true (loket_outbox_store_request (outbox, &request, &error));
  g_assert_no_error (error);
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
