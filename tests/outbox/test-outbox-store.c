/* test-outbox-store.c — storing requests, the part state machine, dependants, staff actions,
 * and personal data leaving the outbox when parts end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "outbox-test-util.h"

#define LEASE (60 * G_USEC_PER_SEC)

static LoketOutboxState
state_of (LoketOutbox *outbox,
          const char  *part_id)
{
  g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, part_id);

  return part->state;
}

/* Claims everything due and returns how many parts were claimed. */
static guint
claim_all (LoketOutbox *outbox,
           const char  *owner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, owner, LEASE, 100, &error);

  g_assert_no_error (error);
  return claimed->len;
}

static void
deliver (LoketOutbox *outbox,
         const char  *part_id,
         const char  *owner,
         GBytes      *outputs)
{
  g_autoptr(GError) error = NULL;
  LoketOutboxResult result = {
    .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201, .reference = "REF-1",
    .outputs = outputs,
  };

  loket_outbox_record_outcome (outbox, part_id, owner, &result, &error);
  g_assert_no_error (error);
}

/* Reads one integer with a connection of the test's own, bypassing the outbox's API. */
static gint64
raw_count (const char *dir,
           const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "outbox.sqlite3", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_store_read_back (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_autoptr(GBytes) body0 = outbox_test_body ("p-0", "birth-certificate");
  g_autoptr(GBytes) body1 = outbox_test_body ("p-1", "family-card");
  g_autoptr(GBytes) consent = g_bytes_new_static ("{\"signed\":\"" TEST_NAME "\"}", 37);
  /* Every byte value, to show bodies are stored as bytes, not as text. */
  guint8 binary[256];
  g_autoptr(GBytes) body2 = NULL;
  LoketOutboxPartSpec parts[] = {
    { .part_id = "p-0", .service = "birth-certificate", .agency = "dukcapil", .body = body0,
      .consent = consent },
    { .part_id = "p-1", .service = "family-card", .agency = "dukcapil", .body = body1 },
    { .part_id = "p-2", .service = "bpjs-newborn", .agency = "bpjs", .body = NULL,
      .after = "birth-certificate", .inputs = "{\"child_nik\":\"child_nik\"}" },
    { .part_id = "p-3", .service = "raw", .agency = "other", .body = NULL },
  };
  LoketOutboxRequestSpec spec = {
    .tracking_code = code, .language = "id", .life_event = "birth",
    .created_at = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC, .parts = parts, .n_parts = 4,
  };

  for (guint i = 0; i < 256; i++)
    binary[i] = (guint8) i;
  body2 = g_bytes_new (binary, sizeof binary);
  parts[3].body = body2;

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  g_assert_true (g_str_has_suffix (loket_outbox_get_path (outbox), "/outbox.sqlite3"));
  g_assert_true (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_no_error (error);

  /* Write-ahead logging: the commit went to the -wal file (DEBIAN12.md: test the effect) */
  {
    g_autofree char *wal = g_build_filename (env.dir, "outbox.sqlite3-wal", NULL);
    GStatBuf st;

    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_size, >, 0);
  }

  /* The state folder was created for the service user alone. */
  {
    g_autofree char *sub = g_build_filename (env.dir, "state", NULL);
    g_autoptr(LoketOutbox) other = loket_outbox_open (sub, env.key_file, 0, &error);
    GStatBuf st;

    g_assert_no_error (error);
    g_assert_cmpint (g_stat (sub, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }

  request = loket_outbox_get_request (outbox, code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->tracking_code, ==, code);
  g_assert_cmpstr (request->language, ==, "id");
  g_assert_cmpstr (request->life_event, ==, "birth");
  g_assert_cmpint (request->created_at, ==, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC);
  g_assert_cmpuint (request->parts->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      g_assert_cmpstr (part->part_id, ==, parts[i].part_id);
      g_assert_cmpstr (part->service, ==, parts[i].service);
      g_assert_cmpstr (part->agency, ==, parts[i].agency);
      g_assert_cmpstr (part->after, ==, parts[i].after);
      g_assert_cmpstr (part->inputs, ==, parts[i].inputs);
      g_assert_cmpstr (part->tracking_code, ==, code);
      g_assert_cmpint (part->state, ==, i == 2 ? LOKET_OUTBOX_STATE_WAITING
                                               : LOKET_OUTBOX_STATE_QUEUED);
      g_assert_cmpuint (part->attempts, ==, 0);
      g_assert_cmpint (part->created_at, ==, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC);
      g_assert_cmpint (part->ended_at, ==, 0);
      g_assert_true (part->has_personal_data == (i != 2));
      g_assert_null (part->reference);
    }

  /* The three queued parts are due; the waiting one is not. */
  claimed = loket_outbox_claim_due (outbox, "engine-1", LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 3);

  {
    const char *ids[] = { "p-0", "p-1", "p-3" };
    GBytes *expected[] = { body0, body1, body2 };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autoptr(GBytes) plain = loket_outbox_decrypt_body (outbox, ids[i], "engine-1", &error);

        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (plain, expected[i]));
        g_assert_cmpint (state_of (outbox, ids[i]), ==, LOKET_OUTBOX_STATE_SENDING);
      }
  }

  /* Only the lease holder may read a body. */
  g_assert_null (loket_outbox_decrypt_body (outbox, "p-0", "engine-2", &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
  g_clear_error (&error);
  g_assert_null (loket_outbox_decrypt_body (outbox, "p-404", "engine-1", &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Storing the same tracking code again is refused, and changes nothing. */
  parts[0].part_id = "p-9";
  parts[1].part_id = "p-8";
  parts[2].part_id = "p-7";
  parts[3].part_id = "p-6";
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM parts"), ==, 4);

  g_assert_null (loket_outbox_get_request (outbox, "0000000000000", &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_store_invalid (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = outbox_test_body ("x", "s");
  LoketOutboxPartSpec parts[2] = {
    { .part_id = "x", .service = "s", .agency = "a", .body = body },
    { .part_id = "x", .service = "t", .agency = "a", .body = body },
  };
  LoketOutboxRequestSpec spec = {
    .tracking_code = "AAAAAAAAAAAAA", .language = "id", .parts = parts, .n_parts = 2,
  };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);

  /* Two parts with one id */
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);

  /* Waiting for a service that is not in the request */
  parts[1].part_id = "y";
  parts[1].after = "absent";
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);

  /* No body and nothing to wait for */
  parts[1].after = NULL;
  parts[1].body = NULL;
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);

  /* No parts, no language */
  spec.n_parts = 0;
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);
  spec.n_parts = 1;
  spec.language = NULL;
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM requests"), ==, 0);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_store_one_transaction (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = outbox_test_new_code ();
  g_auto(GStrv) first_ids = NULL;
  g_autoptr(GBytes) body = outbox_test_body ("q", "s");
  g_autoptr(GPtrArray) all = NULL;
  LoketOutboxPartSpec parts[3] = {
    { .part_id = "q-0", .service = "s0", .agency = "a", .body = body },
    { .part_id = "q-1", .service = "s1", .agency = "a", .body = body },
    { .part_id = "q-2", .service = "s2", .agency = "a", .body = body },
  };
  LoketOutboxRequestSpec spec = {
    .tracking_code = "BBBBBBBBBBBBB", .language = "id", .parts = parts, .n_parts = 3,
  };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  first_ids = outbox_test_store (outbox, first, 2);

  /* A failure after two of three parts were inserted (a full disk, injected) */
  loket_outbox_set_fail_after_parts (outbox, 2);
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "SQLITE_FULL"));
  g_assert_nonnull (strstr (error->message, "outbox.sqlite3"));
  g_clear_error (&error);

  g_assert_null (loket_outbox_get_request (outbox, "BBBBBBBBBBBBB", &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM parts WHERE part_id LIKE 'q-%'"),
                   ==, 0);

  /* A real failure in the middle: the third part's id is already stored */
  parts[2].part_id = first_ids[1];
  g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM requests"), ==, 1);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM parts"), ==, 2);

  /* And the same request goes in whole once the fault is gone */
  parts[2].part_id = "q-2";
  g_assert_true (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_no_error (error);
  all = loket_outbox_list_parts (outbox, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_state_machine (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  gint64 now = G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC;
  gint64 when = 0;
  LoketOutboxSchedule schedule = {
    .base = G_USEC_PER_SEC, .cap = 10 * G_USEC_PER_SEC, .max_garbage = 3,
  };
  LoketOutboxResult result = { 0, };
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  loket_outbox_set_clock (outbox, outbox_test_clock, &now);
  loket_outbox_set_schedule (outbox, &schedule);
  ids = outbox_test_store (outbox, code, 6);

  /* Refused before a claim: no outcome without the lease */
  result.outcome = LOKET_OUTBOX_OUTCOME_RETRY;
  g_assert_false (loket_outbox_record_outcome (outbox, ids[0], "e", &result, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
  g_clear_error (&error);
  g_assert_false (loket_outbox_complete_part (outbox, ids[0], empty, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);

  g_assert_true (loket_outbox_next_due (outbox, &when, &error));
  g_assert_cmpint (when, ==, now);
  g_assert_cmpuint (claim_all (outbox, "e"), ==, 6);
  /* Everything is leased: nothing is due until the leases run out */
  g_assert_cmpuint (claim_all (outbox, "f"), ==, 0);
  g_assert_true (loket_outbox_next_due (outbox, &when, &error));
  g_assert_cmpint (when, ==, now + LEASE);

  /* sending → delivered needs a 2xx and a reference */
  result = (LoketOutboxResult) { .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201 };
  g_assert_false (loket_outbox_record_outcome (outbox, ids[0], "e", &result, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);
  result.reference = "R-0";
  result.http_status = 500;
  g_assert_false (loket_outbox_record_outcome (outbox, ids[0], "e", &result, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);
  result.http_status = 202;
  g_assert_true (loket_outbox_record_outcome (outbox, ids[0], "e", &result, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[0]);

    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
    g_assert_cmpstr (part->reference, ==, "R-0");
    g_assert_cmpint (part->http_status, ==, 202);
    g_assert_cmpuint (part->attempts, ==, 1);
    g_assert_cmpint (part->ended_at, ==, now);
    g_assert_false (part->has_personal_data);
    g_assert_null (part->lease_owner);
  }
  /* A delivered part takes no further outcome, retry or cancel */
  g_assert_false (loket_outbox_record_outcome (outbox, ids[0], "e", &result, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
  g_clear_error (&error);
  g_assert_false (loket_outbox_retry_now (outbox, ids[0], &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (loket_outbox_cancel (outbox, ids[0], &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);

  /* sending → retry, at most the first backoff window later */
  result = (LoketOutboxResult) { .outcome = LOKET_OUTBOX_OUTCOME_RETRY, .http_status = 503,
                                 .error_text = "503 Service Unavailable" };
  g_assert_true (loket_outbox_record_outcome (outbox, ids[1], "e", &result, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[1]);

    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_RETRY);
    g_assert_cmpint (part->next_attempt_at, >=, now);
    g_assert_cmpint (part->next_attempt_at, <=, now + schedule.base);
    g_assert_true (part->has_personal_data);
    g_assert_cmpint (part->http_status, ==, 503);
  }
  /* A running lease cannot be cancelled by staff; a retry-wait part can be retried now */
  g_assert_false (loket_outbox_cancel (outbox, ids[2], &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (loket_outbox_retry_now (outbox, ids[1], &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (outbox, ids[1]), ==, LOKET_OUTBOX_STATE_QUEUED);

  /* sending → rejected ends the part */
  result = (LoketOutboxResult) { .outcome = LOKET_OUTBOX_OUTCOME_REJECTED, .http_status = 422,
                                 .reasons = g_bytes_new_static ("{\"errors\":[]}", 13) };
  g_assert_true (loket_outbox_record_outcome (outbox, ids[2], "e", &result, &error));
  g_bytes_unref (result.reasons);
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[2]);

    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_REJECTED);
    g_assert_false (part->has_personal_data);
    g_assert_cmpint (part->ended_at, ==, now);
  }

  /* sending → needs staff (400), with the agency's answer kept sealed for staff tools */
  result = (LoketOutboxResult) { .outcome = LOKET_OUTBOX_OUTCOME_NEEDS_STAFF, .http_status = 400,
                                 .reason = "bad-request",
                                 .reasons = g_bytes_new_static ("{\"error\":\"x\"}", 13) };
  g_assert_true (loket_outbox_record_outcome (outbox, ids[3], "e", &result, &error));
  g_bytes_unref (result.reasons);
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[3]);
    g_autoptr(GBytes) reasons = loket_outbox_decrypt_reasons (outbox, ids[3], &error);

    g_assert_no_error (error);
    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
    g_assert_cmpstr (part->reason, ==, "bad-request");
    g_assert_cmpmem (g_bytes_get_data (reasons, NULL), g_bytes_get_size (reasons),
                     "{\"error\":\"x\"}", 13);
  }
  /* needs staff → queued by staff */
  g_assert_true (loket_outbox_retry_now (outbox, ids[3], &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (outbox, ids[3]), ==, LOKET_OUTBOX_STATE_QUEUED);

  /* Answers not understood: retried max_garbage - 1 times, then needs staff */
  for (guint i = 0; i < schedule.max_garbage; i++)
    {
      result = (LoketOutboxResult) { .outcome = LOKET_OUTBOX_OUTCOME_GARBAGE, .http_status = 200,
                                     .error_text = "body does not parse" };
      if (i > 0)
        {
          g_autoptr(GPtrArray) claimed = NULL;

          /* The part is due again at most one capped window later */
          now += schedule.cap + 1;
          claimed = loket_outbox_claim_due (outbox, "e", LEASE, 100, &error);
          g_assert_no_error (error);
        }
      g_assert_true (loket_outbox_record_outcome (outbox, ids[4], "e", &result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state_of (outbox, ids[4]), ==,
                       i + 1 < schedule.max_garbage ? LOKET_OUTBOX_STATE_RETRY
                                                    : LOKET_OUTBOX_STATE_NEEDS_STAFF);
    }
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[4]);

    g_assert_cmpstr (part->reason, ==, "garbage");
  }

  /* 401: the agency is held, the part waits without being due */
  {
    g_autoptr(GPtrArray) claimed = NULL;
    g_autoptr(GPtrArray) agencies = NULL;
    LoketOutboxAgency *a5 = NULL;

    /* ids[5] is still leased from the first claim */
    g_assert_cmpint (state_of (outbox, ids[5]), ==, LOKET_OUTBOX_STATE_SENDING);

    result = (LoketOutboxResult) { .outcome = LOKET_OUTBOX_OUTCOME_HELD, .http_status = 401,
                                   .reason = "credentials refused (401)" };
    g_assert_true (loket_outbox_record_outcome (outbox, ids[5], "e", &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (state_of (outbox, ids[5]), ==, LOKET_OUTBOX_STATE_QUEUED);

    now += 2 * LEASE;
    claimed = loket_outbox_claim_due (outbox, "e", LEASE, 100, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < claimed->len; i++)
      g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (claimed, i))->agency, !=, "a5");
    g_clear_pointer (&claimed, g_ptr_array_unref);

    agencies = loket_outbox_count_by_agency (outbox, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < agencies->len; i++)
      if (g_str_equal (((LoketOutboxAgency *) g_ptr_array_index (agencies, i))->agency, "a5"))
        a5 = g_ptr_array_index (agencies, i);
    g_assert_nonnull (a5);
    g_assert_true (a5->held);
    g_assert_cmpstr (a5->held_reason, ==, "credentials refused (401)");
    g_assert_cmpint (a5->held_since, ==, now - 2 * LEASE);
    g_assert_cmpuint (a5->counts[LOKET_OUTBOX_STATE_QUEUED], ==, 1);

    g_assert_true (loket_outbox_release_agency (outbox, "a5", &error));
    g_assert_no_error (error);
    claimed = loket_outbox_claim_due (outbox, "e", LEASE, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, >=, 1);
    g_assert_cmpint (state_of (outbox, ids[5]), ==, LOKET_OUTBOX_STATE_SENDING);

    /* Released without an attempt (the engine stops): due again, attempts unchanged */
    g_assert_true (loket_outbox_release (outbox, ids[5], "e", &error));
    g_assert_no_error (error);
    {
      g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[5]);

      g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_QUEUED);
      g_assert_cmpuint (part->attempts, ==, 1);
    }
    g_assert_false (loket_outbox_release (outbox, ids[5], "e", &error));
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE);
    g_clear_error (&error);
  }

  /* Every attempt was logged: outcome and status, in the attempts table */
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM attempts"), ==,
                   1 + 1 + 1 + 1 + schedule.max_garbage + 1);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM attempts WHERE outcome = 'retry' "
                                       "AND http_status = 503 "
                                       "AND error = '503 Service Unavailable'"), ==, 1);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM attempts WHERE outcome = 'held' "
                                       "AND http_status = 401"), ==, 1);

  /* Staff cancel a queued part: it ends, its personal data goes */
  g_assert_true (loket_outbox_cancel (outbox, ids[5], &error));
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[5]);

    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_CANCELLED);
    g_assert_false (part->has_personal_data);
  }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_dependants (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) birth_body = outbox_test_body ("b-0", "birth");
  g_autoptr(GBytes) draft = g_bytes_new_static ("{\"data\":{\"child_nik\":null}}", 27);
  g_autoptr(GBytes) outputs = g_bytes_new_static ("{\"child_nik\":\"3171000000000001\"}", 32);
  g_autoptr(GBytes) completed =
    g_bytes_new_static ("{\"data\":{\"child_nik\":\"3171000000000001\"}}", 41);
  g_autoptr(GBytes) resend_body = outbox_test_body ("b-1", "birth");
  LoketOutboxPartSpec parts[] = {
    { .part_id = "b-0", .service = "birth", .agency = "dukcapil", .body = birth_body },
    { .part_id = "d-0", .service = "bpjs", .agency = "bpjs", .after = "birth",
      .inputs = "{\"child_nik\":\"child_nik\"}", .body = draft },
    { .part_id = "d-1", .service = "kia", .agency = "dukcapil", .after = "birth" },
    { .part_id = "d-2", .service = "school", .agency = "school", .after = "kia" },
  };
  LoketOutboxRequestSpec spec = {
    .tracking_code = "DDDDDDDDDDDDD", .language = "en", .parts = parts, .n_parts = 4,
  };
  LoketOutboxPartSpec resend = {
    .part_id = "b-1", .service = "birth", .agency = "dukcapil", .body = resend_body,
  };
  LoketOutboxResult rejected = { .outcome = LOKET_OUTBOX_OUTCOME_REJECTED, .http_status = 422 };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  g_assert_true (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_no_error (error);

  /* A waiting part cannot be completed before its prerequisite is delivered */
  g_assert_false (loket_outbox_complete_part (outbox, "d-0", completed, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);

  /* The prerequisite is rejected: dependants keep waiting for the service… */
  g_assert_cmpuint (claim_all (outbox, "e"), ==, 1);
  g_assert_true (loket_outbox_record_outcome (outbox, "b-0", "e", &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (outbox, "d-0"), ==, LOKET_OUTBOX_STATE_WAITING);

  /* …the citizen corrects and resends it as a new part, which is delivered with outputs */
  g_assert_true (loket_outbox_add_part (outbox, "DDDDDDDDDDDDD", &resend, &error));
  g_assert_no_error (error);
  g_assert_false (loket_outbox_add_part (outbox, "NOSUCHREQUEST", &resend, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (claim_all (outbox, "e"), ==, 1);
  deliver (outbox, "b-1", "e", outputs);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, "b-1");

    /* The outputs are personal data, kept (sealed) only while a dependant waits */
    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
    g_assert_true (part->has_personal_data);
  }
  g_assert_false (outbox_test_files_contain (env.dir, "3171000000000001"));

  {
    g_autoptr(GBytes) got_outputs = NULL;
    g_autoptr(GPtrArray) dependants = loket_outbox_get_dependants (outbox, "b-1", &got_outputs,
                                                                   &error);
    g_autoptr(GBytes) got_draft = NULL;

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (got_outputs, outputs));
    g_assert_cmpuint (dependants->len, ==, 2);
    g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (dependants, 0))->part_id, ==, "d-0");
    g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (dependants, 0))->inputs, ==,
                     "{\"child_nik\":\"child_nik\"}");
    g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (dependants, 1))->part_id, ==, "d-1");

    got_draft = loket_outbox_decrypt_draft (outbox, "d-0", &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (got_draft, draft));
  }

  g_assert_true (loket_outbox_complete_part (outbox, "d-0", completed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (outbox, "d-0"), ==, LOKET_OUTBOX_STATE_QUEUED);
  /* Stored once: completing again is refused */
  g_assert_false (loket_outbox_complete_part (outbox, "d-0", completed, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, "b-1");

    /* d-1 still waits: the outputs stay */
    g_assert_true (part->has_personal_data);
  }

  g_assert_true (loket_outbox_complete_part (outbox, "d-1", completed, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, "b-1");

    /* The last dependant completed: the outputs are gone */
    g_assert_false (part->has_personal_data);
  }

  /* The completed body is sent byte for byte */
  g_assert_cmpuint (claim_all (outbox, "e"), ==, 2);
  {
    g_autoptr(GBytes) body = loket_outbox_decrypt_body (outbox, "d-0", "e", &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (body, completed));
  }

  /* Staff cancel kia while it is sending? Refused: its lease runs. Its engine gives it back,
   * then staff cancel it: school, which waits for kia, cannot proceed */
  g_assert_true (loket_outbox_release (outbox, "d-1", "e", &error));
  g_assert_no_error (error);
  g_assert_true (loket_outbox_cancel (outbox, "d-1", &error));
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, "d-2");

    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_CANNOT_PROCEED);
    g_assert_cmpstr (part->reason, ==, "prerequisite-ended");
    g_assert_cmpint (part->ended_at, !=, 0);
  }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_give_up_service (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = outbox_test_body ("g-0", "birth");
  LoketOutboxPartSpec parts[] = {
    { .part_id = "g-0", .service = "birth", .agency = "dukcapil", .body = body },
    { .part_id = "g-1", .service = "bpjs", .agency = "bpjs", .after = "birth", .body = body },
  };
  LoketOutboxRequestSpec spec = {
    .tracking_code = "GGGGGGGGGGGGG", .language = "id", .parts = parts, .n_parts = 2,
  };
  LoketOutboxResult rejected = { .outcome = LOKET_OUTBOX_OUTCOME_REJECTED, .http_status = 422 };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  g_assert_true (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_no_error (error);

  /* While the prerequisite may still be delivered, giving up is refused */
  g_assert_false (loket_outbox_give_up_service (outbox, "GGGGGGGGGGGGG", "birth", &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);

  g_assert_cmpuint (claim_all (outbox, "e"), ==, 1);
  g_assert_true (loket_outbox_record_outcome (outbox, "g-0", "e", &rejected, &error));
  g_assert_no_error (error);
  g_assert_true (loket_outbox_give_up_service (outbox, "GGGGGGGGGGGGG", "birth", &error));
  g_assert_no_error (error);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, "g-1");

    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_CANNOT_PROCEED);
    g_assert_false (part->has_personal_data);
  }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_personal_data_encrypted (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  const char *needles[] = { TEST_NAME, TEST_NIK, TEST_PHONE };
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  ids = outbox_test_store (outbox, code, 4);

  /* The grep works: plain metadata is found in the files */
  g_assert_true (outbox_test_files_contain (env.dir, code));
  g_assert_true (outbox_test_files_contain (env.dir, ids[2]));

  /* Before delivery, the personal data is on disk only encrypted */
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_false (outbox_test_files_contain (env.dir, needles[i]));

  claimed = loket_outbox_claim_due (outbox, "e", LEASE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 4);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GBytes) body = loket_outbox_decrypt_body (outbox, ids[i], "e", &error);

      g_assert_no_error (error);
      g_assert_true (outbox_test_bytes_contain (body, TEST_NIK));
      if (i == 3)
        {
          LoketOutboxResult needs_staff = { .outcome = LOKET_OUTBOX_OUTCOME_NEEDS_STAFF,
                                            .http_status = 400 };

          g_assert_true (loket_outbox_record_outcome (outbox, ids[i], "e", &needs_staff, &error));
          g_assert_no_error (error);
          g_assert_true (loket_outbox_cancel (outbox, ids[i], &error));
          g_assert_no_error (error);
        }
      else
        deliver (outbox, ids[i], "e", NULL);
    }

  /* Every part ended: the encrypted columns are empty */
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM parts WHERE body IS NOT NULL "
                                       "OR outputs IS NOT NULL OR reasons IS NOT NULL "
                                       "OR consent IS NOT NULL"), ==, 0);

  g_assert_true (loket_outbox_checkpoint (outbox, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_false (outbox_test_files_contain (env.dir, needles[i]));

  /* Listing shows the metadata, never the personal data */
  {
    g_autoptr(GPtrArray) delivered = NULL;
    LoketOutboxFilter filter = { .state = LOKET_OUTBOX_STATE_DELIVERED };

    delivered = loket_outbox_list_parts (outbox, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (delivered->len, ==, 3);
    filter.agency = "a1";
    g_clear_pointer (&delivered, g_ptr_array_unref);
    delivered = loket_outbox_list_parts (outbox, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (delivered->len, ==, 1);
    g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (delivered, 0))->part_id, ==, ids[1]);
  }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_list_and_purge (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code1 = outbox_test_new_code ();
  g_autofree char *code2 = outbox_test_new_code ();
  g_auto(GStrv) ids1 = NULL;
  g_auto(GStrv) ids2 = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  LoketOutboxFilter by_agency = { .state = -1, .agency = "a2" };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  ids1 = outbox_test_store (outbox, code1, 2);
  ids2 = outbox_test_store (outbox, code2, 3);

  requests = loket_outbox_list_requests (outbox, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 2);
  g_clear_pointer (&requests, g_ptr_array_unref);

  requests = loket_outbox_list_requests (outbox, &by_agency, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpstr (((LoketOutboxRequest *) g_ptr_array_index (requests, 0))->tracking_code,
                   ==, code2);
  g_assert_cmpuint (((LoketOutboxRequest *) g_ptr_array_index (requests, 0))->parts->len, ==, 3);

  agencies = loket_outbox_count_by_agency (outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agencies->len, ==, 3);
  g_assert_cmpstr (((LoketOutboxAgency *) g_ptr_array_index (agencies, 0))->agency, ==, "a0");
  {
    LoketOutboxAgency *a0 = g_ptr_array_index (agencies, 0);
    LoketOutboxAgency *a2 = g_ptr_array_index (agencies, 2);

    g_assert_cmpuint (a0->counts[LOKET_OUTBOX_STATE_QUEUED], ==, 2);
    g_assert_cmpuint (a0->counts[LOKET_OUTBOX_STATE_DELIVERED], ==, 0);
    g_assert_cmpstr (a2->agency, ==, "a2");
    g_assert_cmpuint (a2->counts[LOKET_OUTBOX_STATE_QUEUED], ==, 1);
    g_assert_false (a2->held);
  }

  /* Purging a request with live parts is refused; once they ended, it goes whole */
  g_assert_false (loket_outbox_purge (outbox, code1, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE);
  g_clear_error (&error);
  for (guint i = 0; ids1[i] != NULL; i++)
    {
      g_assert_true (loket_outbox_cancel (outbox, ids1[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (loket_outbox_purge (outbox, code1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM parts"), ==, 3);
  g_assert_cmpint (raw_count (env.dir, "SELECT count(*) FROM requests"), ==, 1);
  g_assert_false (loket_outbox_purge (outbox, code1, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_open_for_config (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketConfig) config = loket_config_new_default ();
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;

  outbox_test_env_init (&env);
  g_free (config->state_dir);
  config->state_dir = g_strdup (env.dir);
  g_free (config->key_file);
  config->key_file = g_strdup (env.key_file);

  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (loket_outbox_get_key_error (outbox));
  g_assert_true (g_str_has_prefix (loket_outbox_get_path (outbox), env.dir));

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_state_names (void)
{
  LoketOutboxState state;

  for (guint i = 0; i < LOKET_OUTBOX_N_STATES; i++)
    {
      g_assert_true (loket_outbox_state_from_string (loket_outbox_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_cmpstr (loket_outbox_state_to_string (LOKET_OUTBOX_STATE_NEEDS_STAFF), ==,
                   "needs-staff");
  g_assert_cmpstr (loket_outbox_state_to_string (LOKET_OUTBOX_STATE_CANNOT_PROCEED), ==,
                   "cannot-proceed");
  g_assert_false (loket_outbox_state_from_string ("lost", &state));
  g_assert_true (loket_outbox_state_is_final (LOKET_OUTBOX_STATE_DELIVERED));
  g_assert_true (loket_outbox_state_is_final (LOKET_OUTBOX_STATE_CANNOT_PROCEED));
  g_assert_false (loket_outbox_state_is_final (LOKET_OUTBOX_STATE_NEEDS_STAFF));
  g_assert_false (loket_outbox_state_is_final (LOKET_OUTBOX_STATE_WAITING));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/state-names", test_state_names);
  g_test_add_func ("/outbox/open-for-config", test_open_for_config);
  g_test_add_func ("/outbox/store/read-back", test_store_read_back);
  g_test_add_func ("/outbox/store/invalid", test_store_invalid);
  g_test_add_func ("/outbox/store/one-transaction", test_store_one_transaction);
  g_test_add_func ("/outbox/state-machine", test_state_machine);
  g_test_add_func ("/outbox/dependants", test_dependants);
  g_test_add_func ("/outbox/give-up-service", test_give_up_service);
  g_test_add_func ("/outbox/personal-data/encrypted", test_personal_data_encrypted);
  g_test_add_func ("/outbox/list-and-purge", test_list_and_purge);

  return g_test_run ();
}
