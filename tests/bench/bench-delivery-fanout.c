/* bench-delivery-fanout.c — one citizen's request to 6 agencies that each answer in 300 ms
 *
 * Prints the time from loket_submission_store () + kick to all 6 parts delivered, divided
 * by 300 ms: 1 when the parts go in parallel, 6 when they go one after the other (goal ≤ 1.15).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench"

#include <stdio.h>

#include "core/loket-catalog.h"
#include "core/loket-request.h"
#include "outbox/loket-submission.h"
#include "../net/net-env.h"
#include "bench-delivery-env.h"

#define LATENCY_MS 300

static LoketRequest *
load_request (LoketCatalog *catalog,
              const char   *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sim_fixture_request_path (name);
  LoketRequest *request;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  request = loket_request_new_from_json (catalog, json_parser_get_root (parser), NULL, &error);
  g_assert_no_error (error);
  return request;
}

static double
run_once (double *from_kick)
{
  const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "samsat", "djp", "oss", "dpmptsp" };
  const char *requests[] = { "four-agencies", "oss-nib", "signboard-permit" };
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(GPtrArray) requests_loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  NetEnv *env;
  gint64 start, kicked, end;

  sim_fixture_write_config (sim, 10, NULL, NULL);
  bench_delivery_slow_agencies (sim, agencies, G_N_ELEMENTS (agencies), LATENCY_MS);

  env = net_env_new (sim);
  catalog = loket_catalog_load (env->config->catalog_dir, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    g_ptr_array_add (requests_loaded, load_request (catalog, requests[i]));

  loket_dispatcher_start (env->dispatcher);
  net_env_spin (0.2);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < requests_loaded->len; i++)
    {
      g_autofree char *code = loket_submission_store (env->outbox, env->config,
                                                      requests_loaded->pdata[i], NULL, &error);
      g_autoptr(GPtrArray) part_ids = NULL;

      g_assert_no_error (error);
      part_ids = net_env_part_ids (env, code);
      for (guint j = 0; j < part_ids->len; j++)
        g_ptr_array_add (ids, g_strdup (part_ids->pdata[j]));
    }
  kicked = g_get_monotonic_time ();
  loket_dispatcher_kick (env->dispatcher);
  g_assert_cmpuint (ids->len, ==, 6);

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (net_env_wait_state (env, ids->pdata[i], LOKET_OUTBOX_STATE_DELIVERED, 30));
  end = g_get_monotonic_time ();

  net_env_free (env);
  *from_kick = (double) (end - kicked) / (LATENCY_MS * 1000.0);
  return (double) (end - start) / (LATENCY_MS * 1000.0);
}

int
main (int    argc,
      char **argv)
{
  double best = G_MAXDOUBLE, worst = 0, kick_best = G_MAXDOUBLE;

  g_setenv ("LOKET_DELIVERY_TIMING", SIM_FIXTURE_TIMING, TRUE);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < 3; i++)
    {
      double from_kick = 0;
      double ratio = run_once (&from_kick);

      printf ("fan-out run %u: %.3f × %d ms from the first store, %.3f from the kick\n",
              i + 1, ratio, LATENCY_MS, from_kick);
      kick_best = MIN (kick_best, from_kick);
      best = MIN (best, ratio);
      worst = MAX (worst, ratio);
    }
  /* The shipped catalog makes 6 agencies in one request impossible without dependants
   * (oss-nib waits for npwp-person, signboard-permit for oss-nib): 3 requests are stored, so
   * 3 fsync'd stores are in the first figure. */
  printf ("fan-out to 6 agencies (3 requests stored): best %.2f, worst %.2f × the "
          "one-agency latency from the first store, best %.2f from the kick (goal ≤ 1.15; "
          "sequential would be 6)\n", best, worst, kick_best);
  return 0;
}
