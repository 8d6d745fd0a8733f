/* bench-delivery-latency.c — how late a 10 ms timer in the main context runs while 20 parts
 * upload slowly (each agency answers after 1.5 s)
 *
 * Measured twice: with LoketDelivery (the engine and its fsyncs on a worker thread, as the
 * kiosk runs it) and with the dispatcher on the main loop itself (as `loketctl` runs it).
 * Goal: worst lateness < 20 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench"

#include <stdio.h>

#include "net/loket-delivery.h"
#include "../net/net-env.h"
#include "bench-delivery-env.h"

#define N_PARTS 20
#define TICK_MS 10

static const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "samsat", "djp", "oss" };

typedef struct {
  gint64 last;
  gint64 worst;
  guint  delivered;
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

static void
on_part_changed (GObject         *engine,
                 LoketPartChange *change,
                 gpointer         user_data)
{
  Watch *watch = user_data;

  if (change->state == LOKET_OUTBOX_STATE_DELIVERED)
    watch->delivered++;
}

static SimFixture *
prepare (void)
{
  SimFixture *sim = sim_fixture_new (FALSE, "--agency", "dukcapil", "--agency", "bpjs-kesehatan",
                                     "--agency", "samsat", "--agency", "djp", "--agency", "oss",
                                     "--agency", "dpmptsp", NULL);

  bench_delivery_prepare (sim, agencies, G_N_ELEMENTS (agencies), 1500, N_PARTS);
  return sim;
}

static void
spin_until_delivered (Watch *watch)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (TICK_MS, on_tick, watch);

  while (watch->delivered < N_PARTS && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpuint (watch->delivered, ==, N_PARTS);
}

static double
with_worker_thread (void)
{
  g_autoptr(SimFixture) sim = prepare ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = loket_config_load (sim->config_path, &error);
  g_autoptr(LoketDelivery) delivery = NULL;
  Watch watch = { 0 };

  g_assert_no_error (error);
  delivery = loket_delivery_new (config);
  g_signal_connect (delivery, "part-changed", G_CALLBACK (on_part_changed), &watch);
  g_assert_true (loket_delivery_start (delivery, &error));
  g_assert_no_error (error);
  loket_delivery_kick (delivery);
  spin_until_delivered (&watch);
  loket_delivery_stop (delivery);
  return watch.worst / 1000.0;
}

static double
on_main_loop (void)
{
  g_autoptr(SimFixture) sim = prepare ();
  NetEnv *env = net_env_new (sim);
  Watch watch = { 0 };

  g_signal_connect (env->dispatcher, "part-changed", G_CALLBACK (on_part_changed), &watch);
  loket_dispatcher_start (env->dispatcher);
  spin_until_delivered (&watch);
  net_env_free (env);
  return watch.worst / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  double worker, main_loop;

  g_setenv ("LOKET_DELIVERY_TIMING", SIM_FIXTURE_TIMING, TRUE);
  g_test_init (&argc, &argv, NULL);

  worker = with_worker_thread ();
  main_loop = on_main_loop ();
  printf ("main-loop latency, %d parts uploading slowly: worst lateness of a %d ms timer "
          "%.1f ms with LoketDelivery (worker thread), %.1f ms with the dispatcher on the "
          "main loop (goal < 20 ms)\n", N_PARTS, TICK_MS, worker, main_loop);
  return 0;
}
