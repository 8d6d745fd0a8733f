/* test-delivery-crash.c — `loketctl outbox deliver` killed (SIGKILL) mid-flight, again and again
 *
 * While the agencies answer slowly (300 ms), requests are submitted and the delivery engine
 * is killed at random moments and restarted, at least 20 times. Then one more engine drains
 * the outbox. Every part must have reached its agency exactly once (one accepted key, one
 * reference), none may be missing, and every request `submit` acknowledged must be in the
 * outbox with all its parts delivered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"

#include <signal.h>
#include <string.h>

#include "sim-fixture.h"

#define N_KILLS 24

static void
wait_process (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
}

static void
test_kill_and_restart (void)
{
  g_autoptr(SimFixture) sim = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) parts = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(GRand) rand = NULL;
  const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "djp", "samsat" };
  JsonArray *array;
  guint kills = 0, undelivered = G_MAXUINT, n_parts = 0;
  gint64 deadline;
  guint32 seed;

  sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_free (sim->timing);
  /* A killed engine's leases run out after 1.5 s: the next one takes its parts then. */
  sim->timing = g_strdup ("retry-base-ms=100,retry-cap-ms=400,max-garbage=3,lease-ms=1500");
  sim_fixture_write_config (sim, 2, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    sim_fixture_set_faults (sim, agencies[i], "latency:300", NULL);

  seed = g_test_rand_int ();
  g_test_message ("kill timing seed %u", seed);
  rand = g_rand_new_with_seed (seed);

  for (kills = 0; kills < N_KILLS; kills++)
    {
      g_autoptr(GSubprocess) engine = NULL;

      /* Requests keep coming while the engine dies and comes back. */
      if (kills % 2 == 0)
        g_ptr_array_add (codes, sim_fixture_submit (sim, kills % 4 == 0 ? "four-agencies"
                                                                         : "stnk-renewal"));

      engine = sim_fixture_ctl_spawn (sim, "outbox", "deliver", "--quiet", NULL);
      g_usleep ((gulong) g_rand_int_range (rand, 100, 900) * 1000);
      g_subprocess_send_signal (engine, SIGKILL);
      wait_process (engine);
      g_assert_true (g_subprocess_get_if_signaled (engine));
      g_assert_cmpint (g_subprocess_get_term_sig (engine), ==, SIGKILL);
    }
  g_assert_cmpuint (kills, >=, 20);

  /* Now let one engine finish: parts of killed engines come back as their leases expire. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (undelivered > 0 && g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&parts, json_node_unref);
      g_assert_cmpint (sim_fixture_ctl (sim, NULL, NULL, "outbox", "deliver", "--once",
                                        "--quiet", NULL), ==, 0);
      parts = sim_fixture_parts (sim);
      array = json_node_get_array (parts);
      undelivered = 0;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *part = json_array_get_object_element (array, i);

          if (!g_str_equal (json_object_get_string_member (part, "state"), "delivered"))
            undelivered++;
        }
      if (undelivered > 0)
        g_usleep (200 * 1000);
    }
  g_assert_cmpuint (undelivered, ==, 0);

  /* At the agencies: one accepted POST (201) per key; replays (200) answer the same. */
  records = sim_fixture_read_record (sim);
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = json_node_get_object (records->pdata[i]);
      JsonObject *headers = json_object_get_object_member (record, "headers");
      g_autofree char *key = NULL;
      gint64 status = json_object_get_int_member (record, "status");

      if (!g_str_equal (json_object_get_string_member (record, "method"), "POST"))
        continue;
      key = g_strdup (json_object_get_string_member (headers, "Idempotency-Key"));
      g_strdelimit (key, "\"", ' ');
      g_strstrip (key);
      if (status == 201)
        {
          g_assert_false (g_hash_table_contains (accepted, key));
          g_hash_table_add (accepted, g_strdup (key));
        }
      if (status == 200 || status == 201)
        {
          const char *reference = json_object_get_string_member (record, "reference");
          const char *known = g_hash_table_lookup (references, key);

          g_assert_nonnull (reference);
          if (known != NULL)
            g_assert_cmpstr (known, ==, reference);
          else
            g_hash_table_insert (references, g_strdup (key), g_strdup (reference));
        }
    }

  /* In the outbox: every part delivered with the agency's one reference, none missing. */
  array = json_node_get_array (parts);
  n_parts = json_array_get_length (array);
  for (guint i = 0; i < n_parts; i++)
    {
      JsonObject *part = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (part, "part_id");

      g_assert_true (g_hash_table_contains (accepted, id));
      g_assert_cmpstr (json_object_get_string_member (part, "reference"), ==,
                       g_hash_table_lookup (references, id));
    }
  g_assert_cmpuint (g_hash_table_size (accepted), ==, n_parts);
  stored = sim_fixture_control (sim, "GET", "/_control/submissions", NULL);
  {
    JsonNode *list = json_object_get_member (json_node_get_object (stored), "submissions");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, n_parts);
  }

  /* Every acknowledged request is there, whole. */
  for (guint i = 0; i < codes->len; i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "outbox", "show", codes->pdata[i], NULL),
                       ==, 0);
      g_assert_null (strstr (out, "state          queued"));
      g_assert_nonnull (strstr (out, "delivered"));
    }
  g_assert_cmpuint (n_parts, ==, (codes->len / 2 + codes->len % 2) * 4 + codes->len / 2);
  g_test_message ("%u kills, %u requests, %u parts, %u POSTs", kills, codes->len, n_parts,
                  records->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/delivery/crash/sigkill-restart", test_kill_and_restart);

  return g_test_run ();
}
