/* test-delivery-two.c — two `loketctl outbox deliver` at once never deliver a part twice
 *
 * loket-deliver.service may run next to the kiosk's own engine, or a second one may be
 * started by hand: both drain the same outbox. With requests waiting before either starts,
 * both engines started together, and agencies that answer slowly enough for the two to
 * overlap (150 ms), every part must reach its agency exactly once: one POST per
 * idempotency key, as many keys as parts, all delivered. The outbox's leases are what makes
 * it so (app/outbox, loket-outbox-owner.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"

#include <signal.h>

#include "sim-fixture.h"

static void
stop_engine (GSubprocess *engine)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (engine, SIGTERM);
  g_subprocess_wait (engine, NULL, &error);
  g_assert_no_error (error);
  /* SIGTERM stops the engine cleanly. */
  g_assert_true (g_subprocess_get_if_exited (engine));
  g_assert_cmpint (g_subprocess_get_exit_status (engine), ==, 0);
}

static guint
count_undelivered (SimFixture *sim,
                   guint      *n_parts)
{
  g_autoptr(JsonNode) parts = sim_fixture_parts (sim);
  JsonArray *array = json_node_get_array (parts);
  guint undelivered = 0;

  *n_parts = json_array_get_length (array);
  for (guint i = 0; i < *n_parts; i++)
    {
      JsonObject *part = json_array_get_object_element (array, i);

      if (!g_str_equal (json_object_get_string_member (part, "state"), "delivered"))
        undelivered++;
    }
  return undelivered;
}

static void
test_two_engines (void)
{
  const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "djp", "samsat" };
  g_autoptr(SimFixture) sim = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) posts = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_parts = 0, undelivered = G_MAXUINT, expected = 0, twice = 0, n_posts = 0;
  gint64 deadline;
  GHashTableIter iter;
  gpointer key, value;

  sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  sim_fixture_write_config (sim, 10, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    sim_fixture_set_faults (sim, agencies[i], "latency:150", NULL);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *a = sim_fixture_submit (sim, "four-agencies");
      g_autofree char *b = sim_fixture_submit (sim, "stnk-renewal");

      expected += 5;
    }

  first = sim_fixture_ctl_spawn (sim, "outbox", "deliver", "--quiet", NULL);
  second = sim_fixture_ctl_spawn (sim, "outbox", "deliver", "--quiet", NULL);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (undelivered > 0 && g_get_monotonic_time () < deadline)
    {
      g_usleep (200 * 1000);
      undelivered = count_undelivered (sim, &n_parts);
    }
  g_assert_cmpuint (n_parts, ==, expected);
  g_assert_cmpuint (undelivered, ==, 0);
  stop_engine (first);
  stop_engine (second);

  records = sim_fixture_read_record (sim);
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = json_node_get_object (records->pdata[i]);
      JsonObject *headers = json_object_get_object_member (record, "headers");
      const char *id;

      if (!g_str_equal (json_object_get_string_member (record, "method"), "POST"))
        continue;
      id = json_object_get_string_member_with_default (headers, "Idempotency-Key", "");
      g_hash_table_insert (posts, (gpointer) id,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (posts, id)) + 1));
    }

  g_hash_table_iter_init (&iter, posts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      n_posts += GPOINTER_TO_UINT (value);
      if (GPOINTER_TO_UINT (value) != 1)
        {
          g_test_message ("part %s was sent %u times", (const char *) key,
                          GPOINTER_TO_UINT (value));
          twice++;
        }
    }
  g_test_message ("two engines at once: %u parts, %u POSTs with %u keys", n_parts, n_posts,
                  g_hash_table_size (posts));
  g_assert_cmpuint (g_hash_table_size (posts), ==, expected);
  g_assert_cmpuint (twice, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/delivery/two-engines/each-part-once", test_two_engines);

  return g_test_run ();
}
