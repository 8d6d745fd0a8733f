/* test-outbox-lease.c — a part is sent by one delivery engine at a time: two connections, two
 * processes, a lease that runs out when its engine stopped renewing it, and a dead engine's
 * parts taken over at once through its lock of life (LoketOutboxOwner)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

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

static char *
lock_path (OutboxTestEnv *env,
           const char    *owner_id)
{
  g_autofree char *file = g_strconcat (owner_id, ".lock", NULL);

  return g_build_filename (env->dir, "owners", file, NULL);
}

static LoketOutboxPart *
part_at (GPtrArray *parts,
         guint      i)
{
  return g_ptr_array_index (parts, i);
}

static void
test_dead_owner_in_process (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) a = NULL;
  g_autoptr(LoketOutbox) b = NULL;
  g_autoptr(LoketOutboxOwner) owner_a = NULL;
  g_autoptr(LoketOutboxOwner) owner_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_autofree char *id_a = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  g_autofree char *owners = NULL;
  g_auto(GStrv) ids = NULL;
  gint64 now = G_GINT64_CONSTANT (1760000000) * G_USEC_PER_SEC;
  const char *id_b;
  struct stat st;
  LoketOutboxResult ok = {
    .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201, .reference = "R",
  };

  outbox_test_env_init (&env);
  a = outbox_test_open (&env);
  b = outbox_test_open (&env);
  loket_outbox_set_clock (a, outbox_test_clock, &now);
  loket_outbox_set_clock (b, outbox_test_clock, &now);
  ids = outbox_test_store (a, code, 4);

  /* Two engines in one process: each its own lock, so each sees the other alive */
  owner_a = loket_outbox_owner_new (a, "engine-a", &error);
  g_assert_no_error (error);
  owner_b = loket_outbox_owner_new (b, "engine-b", &error);
  g_assert_no_error (error);
  id_a = g_strdup (loket_outbox_owner_get_id (owner_a));
  id_b = loket_outbox_owner_get_id (owner_b);
  g_assert_true (g_str_has_prefix (id_a, "engine-a:"));
  g_assert_cmpstr (id_a, !=, id_b);

  path_a = lock_path (&env, id_a);
  path_b = lock_path (&env, id_b);
  owners = g_build_filename (env.dir, "owners", NULL);
  g_assert_cmpint (g_stat (path_a, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (owners, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  first = loket_outbox_claim_due (a, id_a, LEASE, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  second = loket_outbox_claim_due (b, id_b, LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 2);
  g_clear_pointer (&second, g_ptr_array_unref);
  second = loket_outbox_claim_due (b, id_b, LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 0);   /* engine-a lives, its leases hold */

  /* engine-a dies (its lock goes, as the kernel's does at a SIGKILL) without releasing
   * anything: engine-b takes its parts at once, though no time passed */
  g_clear_pointer (&owner_a, loket_outbox_owner_free);
  third = loket_outbox_claim_due (b, id_b, LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->len, ==, 2);
  for (guint i = 0; i < third->len; i++)
    {
      g_assert_cmpstr (part_at (third, i)->lease_owner, ==, id_b);
      g_assert_cmpint (part_at (third, i)->lease_until, ==, now + LEASE);
      g_assert_true (g_str_equal (part_at (third, i)->part_id, part_at (first, 0)->part_id) ||
                     g_str_equal (part_at (third, i)->part_id, part_at (first, 1)->part_id));
      g_assert_cmpuint (part_at (third, i)->attempts, ==, 0);
    }
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));   /* tidied away */
  g_assert_true (g_file_test (path_b, G_FILE_TEST_EXISTS));

  /* The dead engine's late answer is refused */
  g_assert_false (loket_outbox_record_outcome (a, part_at (first, 0)->part_id, id_a, &ok,
                                               &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
  g_clear_error (&error);

  g_clear_pointer (&owner_b, loket_outbox_owner_free);
  g_clear_pointer (&a, loket_outbox_close);
  g_clear_pointer (&b, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_live_owner_renews (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) a = NULL;
  g_autoptr(LoketOutbox) b = NULL;
  g_autoptr(LoketOutboxOwner) owner_a = NULL;
  g_autoptr(LoketOutboxOwner) owner_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(LoketOutboxPart) kept = NULL;
  g_autoptr(LoketOutboxPart) taken = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  gint64 now = G_GINT64_CONSTANT (1760000000) * G_USEC_PER_SEC;
  const char *id_a, *id_b;
  const char *renew[3] = { NULL, NULL, NULL };

  outbox_test_env_init (&env);
  a = outbox_test_open (&env);
  b = outbox_test_open (&env);
  loket_outbox_set_clock (a, outbox_test_clock, &now);
  loket_outbox_set_clock (b, outbox_test_clock, &now);
  ids = outbox_test_store (a, code, 2);
  owner_a = loket_outbox_owner_new (a, "engine-a", &error);
  g_assert_no_error (error);
  owner_b = loket_outbox_owner_new (b, "engine-b", &error);
  g_assert_no_error (error);
  id_a = loket_outbox_owner_get_id (owner_a);
  id_b = loket_outbox_owner_get_id (owner_b);

  first = loket_outbox_claim_due (a, id_a, LEASE, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);

  /* engine-a is still sending the first part and renews its lease; the second it forgot */
  now += LEASE - G_USEC_PER_SEC;
  renew[0] = part_at (first, 0)->part_id;
  g_assert_true (loket_outbox_renew_leases (a, id_a, renew, LEASE, &error));
  g_assert_no_error (error);

  /* A lease that ran out goes, though its owner lives: an owner that does not renew has
   * stopped working on the part (a hung thread keeps the process, and its lock, alive) */
  now += 2 * G_USEC_PER_SEC;
  second = loket_outbox_claim_due (b, id_b, LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (part_at (second, 0)->part_id, ==, part_at (first, 1)->part_id);

  /* Renewing both renews only what engine-a still holds */
  renew[1] = part_at (first, 1)->part_id;
  now += G_USEC_PER_SEC;
  g_assert_true (loket_outbox_renew_leases (a, id_a, renew, LEASE, &error));
  g_assert_no_error (error);
  kept = loket_outbox_get_part (a, part_at (first, 0)->part_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->lease_owner, ==, id_a);
  g_assert_cmpint (kept->lease_until, ==, now + LEASE);
  taken = loket_outbox_get_part (a, part_at (first, 1)->part_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taken->lease_owner, ==, id_b);
  g_assert_cmpint (taken->lease_until, ==, now - G_USEC_PER_SEC + LEASE);

  g_clear_pointer (&owner_a, loket_outbox_owner_free);
  g_clear_pointer (&owner_b, loket_outbox_owner_free);
  g_clear_pointer (&a, loket_outbox_close);
  g_clear_pointer (&b, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_killed_process (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketOutboxOwner) owner = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_autofree char *dead_id = NULL;
  g_autofree char *dead_lock = NULL;
  g_auto(GStrv) ids = NULL;
  gint64 start;

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  ids = outbox_test_store (outbox, code, 6);

  /* Another process claims everything for 600 s, then lives on */
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, OUTBOX_HELPER, "hold",
                             env.dir, env.key_file, "holder", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  dead_id = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dead_id);
  dead_lock = lock_path (&env, dead_id);

  owner = loket_outbox_owner_new (outbox, "survivor", &error);
  g_assert_no_error (error);
  claimed = loket_outbox_claim_due (outbox, loket_outbox_owner_get_id (owner), LEASE, 10,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 0);   /* alive: its leases hold */
  g_clear_pointer (&claimed, g_ptr_array_unref);

  g_subprocess_send_signal (holder, SIGKILL);
  g_subprocess_wait (holder, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (dead_lock, G_FILE_TEST_EXISTS));

  /* Dead: every part is claimable at once, 600 s before its lease would run out */
  start = g_get_monotonic_time ();
  claimed = loket_outbox_claim_due (outbox, loket_outbox_owner_get_id (owner), LEASE, 10,
                                    &error);
  g_assert_no_error (error);
  g_test_message ("a killed engine's 6 parts claimed %.1f ms after its death, with 600 s left "
                  "on their leases", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (claimed->len, ==, 6);
  g_assert_false (g_file_test (dead_lock, G_FILE_TEST_EXISTS));

  parts = loket_outbox_list_parts (outbox, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < parts->len; i++)
    g_assert_cmpstr (part_at (parts, i)->lease_owner, ==, loket_outbox_owner_get_id (owner));

  g_clear_pointer (&owner, loket_outbox_owner_free);
  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/lease/two-connections", test_two_connections);
  g_test_add_func ("/outbox/lease/two-processes", test_two_processes);
  g_test_add_func ("/outbox/lease/dead-owner-in-process", test_dead_owner_in_process);
  g_test_add_func ("/outbox/lease/live-owner-renews", test_live_owner_renews);
  g_test_add_func ("/outbox/lease/killed-process", test_killed_process);

  return g_test_run ();
}
