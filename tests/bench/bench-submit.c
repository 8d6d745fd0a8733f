/* bench-submit.c — how late a 10 ms timer in the main context runs across Submit when the
 * state folder's disk takes 200 ms per fsync
 *
 * The slow disk is a SQLite VFS over the default one whose xSync sleeps 200 ms
 * (../ui/sync-gate.c, test builds only; a dm-delay device would need device-mapper and root,
 * which CI does not give). ROUNDS times each, alternated, with the "birth" request (two
 * parts) and the session reset in between:
 *   - synchronous: loket_session_submit () on the main thread, as the consent page stored
 *     before (the commit and its fsync stall the main loop);
 *   - asynchronous: loket_session_submit_async (), as the consent page stores now (split
 *     here, commit and fsync on a worker thread with its own connection).
 * Each watch runs from just before Submit until 50 ms after the request is durable, and
 * reports the worst lateness of the timer, the same for a quiet main loop as a baseline, and
 * the time from Submit to durable. Goal: asynchronous worst lateness < 20 ms.
 *
 * Needs a display (the widget tests' kiosk, ../ui/ui-test-util.c): meson runs it through
 * tests/with-display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench"

#include "config.h"

#include <stdio.h>

#include "../ui/pages-test.h"
#include "../ui/sync-gate.h"

#define ROUNDS 5
#define TICK_MS 10
#define FSYNC_MS 200
#define TAIL_MS 50

typedef struct {
  gint64 last;
  gint64 worst;
} Watch;

static gboolean
on_tick (gpointer user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last != 0)
    watch->worst = MAX (watch->worst, now - watch->last - TICK_MS * 1000);
  watch->last = now;
  return G_SOURCE_CONTINUE;
}

typedef struct {
  LoketSession *session;
  gboolean      async;
  gboolean      quiet;    /* no Submit at all: the baseline */
  gint64        started;
  gint64        durable;
  char         *code;
} Round;

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Round *round = user_data;
  g_autoptr(GError) error = NULL;

  round->code = loket_session_submit_finish (LOKET_SESSION (source), result, NULL, &error);
  g_assert_no_error (error);
  round->durable = g_get_monotonic_time ();
}

/* Pressed from the main loop, as a button's handler would be, so that the timer runs. */
static gboolean
press_submit (gpointer user_data)
{
  Round *round = user_data;
  g_autoptr(GError) error = NULL;

  round->started = g_get_monotonic_time ();
  if (round->quiet)
    {
      round->code = g_strdup ("");
      round->durable = round->started + FSYNC_MS * 1000;
    }
  else if (round->async)
    {
      loket_session_submit_async (round->session, NULL, submitted_cb, round);
    }
  else
    {
      round->code = loket_session_submit (round->session, NULL, &error);
      g_assert_no_error (error);
      round->durable = g_get_monotonic_time ();
    }
  return G_SOURCE_REMOVE;
}

/* Worst lateness (ms) of the timer across one Submit; *durable_ms: Submit to durable. */
static double
one_round (UiTestEnv *env,
           gboolean   async,
           gboolean   quiet,
           double    *durable_ms)
{
  Round round = { .session = env->session, .async = async, .quiet = quiet };
  Watch watch = { 0 };
  guint tick;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  tick = g_timeout_add (TICK_MS, on_tick, &watch);
  /* The timer settles first; its first tick only sets the start. */
  ui_test_pump (5 * TICK_MS);
  g_timeout_add (1, press_submit, &round);
  while (round.durable == 0 || g_get_monotonic_time () < round.durable + TAIL_MS * 1000)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_assert_nonnull (round.code);
  g_free (round.code);
  loket_session_reset (env->session);
  *durable_ms = (round.durable - round.started) / 1000.0;
  return watch.worst / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UiTestEnv) env = NULL;
  double worst[3] = { 0, 0, 0 }, durable[3] = { 0, 0, 0 };

  ui_test_init (&argc, &argv);
  sync_gate_install ();
  env = ui_test_env_new_full (TRUE, NULL, NULL);

  /* Warm up both paths (the worker's connection opens on its first use) on a fast disk. */
  for (guint path = 1; path < 3; path++)
    {
      double ignored;

      one_round (env, path == 2, FALSE, &ignored);
    }

  sync_gate_set_delay_ms (FSYNC_MS);
  for (guint i = 0; i < ROUNDS; i++)
    for (guint path = 0; path < 3; path++)
      {
        double took, late = one_round (env, path == 2, path == 0, &took);

        worst[path] = MAX (worst[path], late);
        durable[path] = MAX (durable[path], took);
      }
  sync_gate_set_delay_ms (0);

  printf ("main-loop lateness across Submit, fsync %d ms, %d rounds: worst lateness of a %d ms "
          "timer %.1f ms with loket_session_submit_async (worker thread), %.1f ms with "
          "loket_session_submit (main thread), %.1f ms with no Submit; synchronous / "
          "asynchronous %.1fx; Submit to durable at most %.0f ms async, %.0f ms sync "
          "(goal < 20 ms)\n",
          FSYNC_MS, ROUNDS, TICK_MS, worst[2], worst[1], worst[0],
          worst[1] / MAX (worst[2], 0.1), durable[2], durable[1]);
  return 0;
}
