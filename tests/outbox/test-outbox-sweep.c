/* test-outbox-sweep.c — personal data leaves after pii-max-days, metadata after retention-days
 * (an injected clock stands in for the calendar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "outbox-test-util.h"

#define DAY G_TIME_SPAN_DAY

static void
test_sweeps (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_code = outbox_test_new_code ();
  g_autofree char *new_code = outbox_test_new_code ();
  g_auto(GStrv) old_ids = NULL;
  g_auto(GStrv) new_ids = NULL;
  gint64 start = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;
  gint64 now = start;
  LoketOutboxSweepStats stats = { 99, 99 };
  LoketOutboxResult ok = {
    .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201, .reference = "R",
  };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  loket_outbox_set_clock (outbox, outbox_test_clock, &now);

  /* Day 0: a request of four parts. One is delivered, one is being sent, one keeps failing,
   * one waits in the queue. */
  old_ids = outbox_test_store (outbox, old_code, 4);
  {
    g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", 30 * DAY, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 2);
    g_assert_true (loket_outbox_record_outcome (outbox, old_ids[0], "e", &ok, &error));
    g_assert_no_error (error);
  }

  /* Day 10: another request */
  now = start + 10 * DAY;
  new_ids = outbox_test_store (outbox, new_code, 1);

  /* Day 13: nothing is old enough */
  now = start + 13 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.parts_expired, ==, 0);
  g_assert_cmpuint (stats.requests_removed, ==, 0);

  /* Day 14: the first request's personal data expires. The part being sent keeps it while
   * its engine's lease runs; the queued ones need staff, reason "expired". */
  now = start + 14 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.parts_expired, ==, 2);
  g_assert_cmpuint (stats.requests_removed, ==, 0);
  {
    g_autoptr(LoketOutboxPart) delivered = outbox_test_get_part (outbox, old_ids[0]);
    g_autoptr(LoketOutboxPart) sending = outbox_test_get_part (outbox, old_ids[1]);
    g_autoptr(LoketOutboxPart) queued = outbox_test_get_part (outbox, old_ids[2]);
    g_autoptr(LoketOutboxPart) fresh = outbox_test_get_part (outbox, new_ids[0]);

    g_assert_cmpint (delivered->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
    g_assert_null (delivered->reason);
    g_assert_cmpint (sending->state, ==, LOKET_OUTBOX_STATE_SENDING);
    g_assert_true (sending->has_personal_data);
    g_assert_cmpint (queued->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
    g_assert_cmpstr (queued->reason, ==, "expired");
    g_assert_false (queued->has_personal_data);
    g_assert_cmpint (fresh->state, ==, LOKET_OUTBOX_STATE_QUEUED);
    g_assert_true (fresh->has_personal_data);
  }

  /* An expired part cannot be retried: its data is gone */
  g_assert_false (loket_outbox_retry_now (outbox, old_ids[2], &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);

  /* Day 15: the second request's part is delivered: it ends there */
  now = start + 15 * DAY;
  {
    g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", DAY, 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 1);
    g_assert_true (loket_outbox_record_outcome (outbox, new_ids[0], "e", &ok, &error));
    g_assert_no_error (error);
  }

  /* Day 31: the sending part's lease ran out (its engine died): now it expires too */
  now = start + 31 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.parts_expired, ==, 1);
  {
    g_autoptr(LoketOutboxPart) sending = outbox_test_get_part (outbox, old_ids[1]);

    g_assert_cmpint (sending->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
    g_assert_cmpstr (sending->reason, ==, "expired");
    g_assert_null (sending->lease_owner);
    g_assert_cmpint (sending->ended_at, ==, start + 31 * DAY);
  }
  g_assert_false (outbox_test_files_contain (env.dir, TEST_NIK));

  /* Day 104: the metadata stays for the Track page, retention-days after each request's last
   * part ended */
  now = start + 104 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.parts_expired, ==, 0);
  g_assert_cmpuint (stats.requests_removed, ==, 0);

  /* Day 105: the second request goes (its part ended on day 15); the first stays until 90
   * days after day 31, although it was made earlier */
  now = start + 105 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.requests_removed, ==, 1);
  {
    g_autoptr(LoketOutboxRequest) gone = loket_outbox_get_request (outbox, new_code, &error);

    g_assert_null (gone);
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(LoketOutboxRequest) kept = loket_outbox_get_request (outbox, old_code, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (kept->parts->len, ==, 4);
  }
  g_assert_false (outbox_test_files_contain (env.dir, new_code));

  now = start + 120 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.requests_removed, ==, 0);

  now = start + 121 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.requests_removed, ==, 1);
  {
    g_autoptr(GPtrArray) all = loket_outbox_list_requests (outbox, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 0);
  }
  g_assert_false (outbox_test_files_contain (env.dir, old_code));

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_sweep_waiting_and_outputs (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = outbox_test_body ("w-0", "birth");
  g_autoptr(GBytes) outputs = g_bytes_new_static ("{\"child_nik\":\"3171000000000009\"}", 32);
  gint64 now = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;
  LoketOutboxPartSpec parts[] = {
    { .part_id = "w-0", .service = "birth", .agency = "dukcapil", .body = body },
    { .part_id = "w-1", .service = "bpjs", .agency = "bpjs", .after = "birth" },
  };
  LoketOutboxRequestSpec spec = {
    .tracking_code = "WWWWWWWWWWWWW", .language = "id", .parts = parts, .n_parts = 2,
  };
  LoketOutboxResult ok = {
    .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201, .reference = "R",
    .outputs = outputs,
  };
  LoketOutboxSweepStats stats;

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  loket_outbox_set_clock (outbox, outbox_test_clock, &now);
  g_assert_true (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", G_USEC_PER_SEC, 5, &error);

    g_assert_no_error (error);
    g_assert_true (loket_outbox_record_outcome (outbox, "w-0", "e", &ok, &error));
    g_assert_no_error (error);
  }

  /* The dependant was never completed: after pii-max-days it needs staff, and the
   * prerequisite's outputs are deleted with it */
  now += 7 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 7, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.parts_expired, ==, 2);
  {
    g_autoptr(LoketOutboxPart) prerequisite = outbox_test_get_part (outbox, "w-0");
    g_autoptr(LoketOutboxPart) dependant = outbox_test_get_part (outbox, "w-1");

    g_assert_cmpint (prerequisite->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
    g_assert_false (prerequisite->has_personal_data);
    g_assert_cmpint (dependant->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
    g_assert_cmpstr (dependant->reason, ==, "expired");
  }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

/* retention-days = 1: a request whose part keeps failing for a month stays whole (the old
 * sweep removed it a day after it was made), and goes a day after its last part ended. */
static void
test_retry_across_a_month (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  gint64 start = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;
  gint64 now = start;
  LoketOutboxSweepStats stats;
  LoketOutboxResult ok = {
    .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201, .reference = "R",
  };
  LoketOutboxResult unavailable = { .outcome = LOKET_OUTBOX_OUTCOME_RETRY, .http_status = 503 };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  loket_outbox_set_clock (outbox, outbox_test_clock, &now);

  /* One part is delivered at once; the other's agency answers 503 for a month */
  ids = outbox_test_store (outbox, code, 2);
  {
    g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", G_TIME_SPAN_MINUTE, 2,
                                                           &error);

    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 2);
    g_assert_true (loket_outbox_record_outcome (outbox, ids[0], "e", &ok, &error));
    g_assert_true (loket_outbox_record_outcome (outbox, ids[1], "e", &unavailable, &error));
    g_assert_no_error (error);
  }

  for (guint day = 1; day < 31; day++)
    {
      g_autoptr(GPtrArray) claimed = NULL;
      g_autoptr(LoketOutboxPart) part = NULL;

      now = start + day * DAY;
      g_assert_true (loket_outbox_sweep (outbox, 31, 1, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.requests_removed, ==, 0);
      g_assert_cmpuint (stats.parts_expired, ==, 0);

      part = outbox_test_get_part (outbox, ids[1]);
      g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_RETRY);
      g_assert_true (part->has_personal_data);

      claimed = loket_outbox_claim_due (outbox, "e", G_TIME_SPAN_MINUTE, 2, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (claimed->len, ==, 1);
      g_assert_true (loket_outbox_record_outcome (outbox, ids[1], "e", &unavailable, &error));
      g_assert_no_error (error);
    }

  /* Day 31: pii-max-days ends it; its request stays a day more */
  now = start + 31 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 31, 1, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.parts_expired, ==, 1);
  g_assert_cmpuint (stats.requests_removed, ==, 0);

  now = start + 32 * DAY - 1;
  g_assert_true (loket_outbox_sweep (outbox, 31, 1, &stats, &error));
  g_assert_cmpuint (stats.requests_removed, ==, 0);
  now = start + 32 * DAY;
  g_assert_true (loket_outbox_sweep (outbox, 31, 1, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.requests_removed, ==, 1);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/sweep/pii-and-retention", test_sweeps);
  g_test_add_func ("/outbox/sweep/waiting-and-outputs", test_sweep_waiting_and_outputs);
  g_test_add_func ("/outbox/sweep/retry-across-a-month", test_retry_across_a_month);

  return g_test_run ();
}
