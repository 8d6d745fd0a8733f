/* test-outbox-lease.c — a part is sent by one delivery engine at a time: two connections, two
 * processes, and a lease that runs out when its engine died
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "outbox-test-util.h"

#define LEASE (30 * G_USEC_PER_SEC)

static void
test_two_connections (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) kiosk = NULL;
  g_autoptr(LoketOutbox) ctl = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  gint64 now = G_GINT64_CONSTANT (1760000000) * G_USEC_PER_SEC;
  LoketOutboxResult ok = {
    .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201, .reference = "R",
  };

  outbox_test_env_init (&env);
  kiosk = outbox_test_open (&env);
  ctl = outbox_test_open (&env);
  loket_outbox_set_clock (kiosk, outbox_test_clock, &now);
  loket_outbox_set_clock (ctl, outbox_test_clock, &now);
  ids = outbox_test_store (kiosk, code, 3);

  first = loket_outbox_claim_due (kiosk, "kiosk", LEASE, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (first, 0))->lease_owner, ==, "kiosk");
  g_assert_cmpint (((LoketOutboxPart *) g_ptr_array_index (first, 0))->lease_until, ==,
                   now + LEASE);

  /* The other connection gets only the part left */
  second = loket_outbox_claim_due (ctl, "loketctl", LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 1);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (first, i))->part_id, !=,
                     ((LoketOutboxPart *) g_ptr_array_index (second, 0))->part_id);

  /* …and cannot read or settle the kiosk's parts */
  {
    const char *theirs = ((LoketOutboxPart *) g_ptr_array_index (first, 0))->part_id;

    body = loket_outbox_decrypt_body (ctl, theirs, "loketctl", &error);
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
    g_clear_error (&error);
    g_assert_false (loket_outbox_record_outcome (ctl, theirs, "loketctl", &ok, &error));
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
    g_clear_error (&error);
  }

  /* Renewing keeps a lease alive past its first expiry */
  now += LEASE - G_USEC_PER_SEC;
  {
    const char *renewed = ((LoketOutboxPart *) g_ptr_array_index (first, 0))->part_id;

    g_assert_true (loket_outbox_renew_lease (kiosk, renewed, "kiosk", LEASE, &error));
    g_assert_no_error (error);
    g_assert_false (loket_outbox_renew_lease (ctl, renewed, "loketctl", LEASE, &error));
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
    g_clear_error (&error);
  }

  /* The kiosk "crashes": its unrenewed lease runs out, the other engine takes that part */
  now += 2 * G_USEC_PER_SEC;
  third = loket_outbox_claim_due (ctl, "loketctl", LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->len, ==, 2);   /* its own expired lease, and the kiosk's */
  g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (third, 0))->lease_owner, ==,
                   "loketctl");
  {
    const char *renewed = ((LoketOutboxPart *) g_ptr_array_index (first, 0))->part_id;
    const char *taken = ((LoketOutboxPart *) g_ptr_array_index (first, 1))->part_id;
    g_autoptr(LoketOutboxPart) part = loket_outbox_get_part (kiosk, renewed, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (part->lease_owner, ==, "kiosk");

    /* The dead engine's late answer is refused: the part belongs to the other one now */
    g_assert_false (loket_outbox_record_outcome (kiosk, taken, "kiosk", &ok, &error));
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
    g_clear_error (&error);
    g_assert_true (loket_outbox_record_outcome (ctl, taken, "loketctl", &ok, &error));
    g_assert_no_error (error);
  }

  g_clear_pointer (&kiosk, loket_outbox_close);
  g_clear_pointer (&ctl, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static GSubprocess *
spawn_claimer (OutboxTestEnv *env,
               const char    *owner)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                           OUTBOX_HELPER, "claim", env->dir, env->key_file,
                                           owner, NULL);

  g_assert_no_error (error);
  return process;
}

static void
test_two_processes (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  guint total = 0;
  guint per_process[2] = { 0, 0 };

  outbox_test_env_init (&env);
  {
    g_autoptr(LoketOutbox) outbox = outbox_test_open (&env);

    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *code = outbox_test_new_code ();
        g_auto(GStrv) ids = outbox_test_store (outbox, code, 5);
      }
  }

  /* Both start at once and claim one part per transaction until nothing is left */
  a = spawn_claimer (&env, "engine-a");
  b = spawn_claimer (&env, "engine-b");

  for (guint p = 0; p < 2; p++)
    {
      GSubprocess *process = p == 0 ? a : b;
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (*lines[i] == '\0')
            continue;
          /* Never claimed twice, by either process */
          if (!g_hash_table_insert (claimed, g_strdup (lines[i]), g_strdup (p == 0 ? "a" : "b")))
            g_error ("part %s was claimed twice", lines[i]);
          per_process[p]++;
          total++;
        }
    }

  g_test_message ("claims: engine-a %u, engine-b %u", per_process[0], per_process[1]);
  g_assert_cmpuint (total, ==, 200);
  g_assert_cmpuint (g_hash_table_size (claimed), ==, 200);

  /* And the database agrees with what each process said it claimed */
  {
    g_autoptr(LoketOutbox) outbox = outbox_test_open (&env);
    g_autoptr(GPtrArray) parts = loket_outbox_list_parts (outbox, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (parts->len, ==, 200);
    for (guint i = 0; i < parts->len; i++)
      {
        LoketOutboxPart *part = g_ptr_array_index (parts, i);
        const char *who = g_hash_table_lookup (claimed, part->part_id);

        g_assert_nonnull (who);
        g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_SENDING);
        g_assert_cmpstr (part->lease_owner + strlen ("engine-"), ==, who);
      }
  }

  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/lease/two-connections", test_two_connections);
  g_test_add_func ("/outbox/lease/two-processes", test_two_processes);

  return g_test_run ();
}
