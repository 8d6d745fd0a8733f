/* test-sim-protocol.c — the agency simulator speaks protocol v1: idempotency, validation,
 * data minimisation, tracking, statuses over time, outputs, the record file, the control API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-agency-sim"

#include <string.h>

#include "test-sim-util.h"

#define KEY1 "6f1c2a9e-0b7d-4c3e-9a51-2d8e4f6b7c10"
#define KEY2 "0d4b7f3a-8c21-4e9f-b6a2-5c1e9d7a3f22"
#define KEY3 "a83e5b1c-2f47-4d06-8e9b-7c3a1d5f6e34"
#define DJP_DATA "{\"applicant.nik\":\"3171011203900001\",\"applicant.name\":\"Siti Rahayu\"}"
#define BIRTH_DATA "{\"applicant.nik\":\"3201011203880002\",\"mother.nik\":\"3201014505900003\"," \
                   "\"mother.name\":\"Dewi Lestari\",\"child.name\":\"Putri Ayu\"," \
                   "\"child.birth_date\":\"2026-01-15\",\"child.sex\":\"female\"}"

static void
assert_json (JsonNode   *node,
             const char *path,
             const char *expected)
{
  g_autofree char *value = test_json_get (node, path);

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_stat (SoupSession *session,
             TestSim     *sim,
             const char  *path,
             const char  *expected)
{
  g_autofree char *value = test_stat (session, sim, path);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_health (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), NULL);
  g_autofree char *url = test_sim_url (sim, "/dukcapil/health");
  g_autofree char *unknown = test_sim_url (sim, "/nobody/health");
  g_autoptr(TestResponse) up = test_request (session, "GET", url, NULL, NULL, NULL);
  g_autoptr(TestResponse) missing = test_request (session, "GET", unknown, NULL, NULL, NULL);
  g_autoptr(JsonNode) body = test_response_json (up);

  g_assert_cmpuint (up->status, ==, 200);
  assert_json (body, "agency", "dukcapil");
  g_assert_cmpuint (missing->status, ==, 404);
  test_sim_stop (sim);
}

static void
test_idempotency (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), "--set", "djp:prefix=NPW",
                                 NULL);
  g_autofree char *code = test_tracking_code (12345);
  g_autofree char *url = test_sim_url (sim, "/djp/submissions");
  g_autofree char *body = test_submission (KEY1, code, "npwp-registration", DJP_DATA);
  g_autofree char *changed = test_submission (KEY1, code, "npwp-registration",
                                              "{\"applicant.nik\":\"3171011203900001\","
                                              "\"applicant.name\":\"Siti R.\"}");
  g_autoptr(TestResponse) first = test_submit (session, sim, "/djp/submissions", KEY1, code,
                                               "npwp-registration", DJP_DATA);
  /* The same key without quotes, the same bytes: a replay. */
  g_autoptr(TestResponse) replay = test_request (session, "POST", url, "application/json", body,
                                                 "Idempotency-Key", KEY1, NULL);
  g_autoptr(TestResponse) reused = test_request (session, "POST", url, "application/json",
                                                 changed, "Idempotency-Key", "\"" KEY1 "\"",
                                                 NULL);
  g_autoptr(TestResponse) second = test_submit (session, sim, "/djp/submissions", KEY2, code,
                                                "npwp-registration", DJP_DATA);
  g_autoptr(JsonNode) first_json = test_response_json (first);
  g_autoptr(JsonNode) replay_json = test_response_json (replay);
  g_autoptr(JsonNode) reused_json = test_response_json (reused);
  g_autoptr(JsonNode) second_json = test_response_json (second);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *reference1 = g_strdup_printf ("NPW-%d-000001", g_date_time_get_year (now));
  g_autofree char *reference2 = g_strdup_printf ("NPW-%d-000002", g_date_time_get_year (now));
  g_autofree char *completion = g_date_time_format (tomorrow, "%Y-%m-%d");

  g_assert_cmpuint (first->status, ==, 201);
  assert_json (first_json, "reference", reference1);
  assert_json (first_json, "status", "received");
  /* npwp-registration takes 1 working day in the test catalog. */
  assert_json (first_json, "expected_completion", completion);
  g_assert_cmpuint (replay->status, ==, 200);
  assert_json (replay_json, "reference", reference1);
  g_assert_cmpuint (reused->status, ==, 422);
  assert_json (reused_json, "errors.0.code", "idempotency_key_reused");
  g_assert_cmpuint (second->status, ==, 201);
  assert_json (second_json, "reference", reference2);
  assert_stat (session, sim, "agencies.djp.submissions", "2");
  assert_stat (session, sim, "agencies.djp.statuses.201", "2");
  assert_stat (session, sim, "agencies.djp.statuses.200", "1");
  assert_stat (session, sim, "agencies.djp.statuses.422", "1");
  test_sim_stop (sim);
}

typedef struct {
  TestSim *sim;
  char    *code;
  guint    status;
} SlowPost;

static gpointer
slow_post (gpointer user_data)
{
  SlowPost *post = user_data;
  g_autoptr(SoupSession) session = test_session_new (0);
  g_autoptr(TestResponse) response = test_submit (session, post->sim, "/djp/submissions", KEY1,
                                                  post->code, "npwp-registration", DJP_DATA);

  post->status = response->status;
  return NULL;
}

static void
test_in_progress (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), "--processing-delay", "1500",
                                 NULL);
  g_autofree char *code = test_tracking_code (777);
  SlowPost post = { sim, code, 0 };
  GThread *thread = g_thread_new ("slow-post", slow_post, &post);
  g_autoptr(TestResponse) busy = NULL;
  g_autoptr(TestResponse) later = NULL;
  g_autoptr(JsonNode) busy_json = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Wait until the first POST has arrived, then repeat it while it is processed. */
  while (TRUE)
    {
      g_autofree char *count = test_stat (session, sim, "agencies.djp.submissions");

      if (g_strcmp0 (count, "1") == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      g_usleep (10000);
    }
  busy = test_submit (session, sim, "/djp/submissions", KEY1, code, "npwp-registration", DJP_DATA);
  g_assert_cmpuint (busy->status, ==, 409);
  busy_json = test_response_json (busy);
  assert_json (busy_json, "errors.0.code", "in_progress");
  g_assert_cmpstr (soup_message_headers_get_one (busy->headers, "Retry-After"), ==, "1");

  g_thread_join (thread);
  g_assert_cmpuint (post.status, ==, 201);
  later = test_submit (session, sim, "/djp/submissions", KEY1, code, "npwp-registration", DJP_DATA);
  g_assert_cmpuint (later->status, ==, 200);
  test_sim_stop (sim);
}

static void
assert_refused (SoupSession *session,
                TestSim     *sim,
                const char  *content_type,
                const char  *key,
                const char  *body,
                const char  *field,
                const char  *code)
{
  g_autofree char *url = test_sim_url (sim, "/djp/submissions");
  g_autoptr(TestResponse) response = key != NULL
    ? test_request (session, "POST", url, content_type, body, "Idempotency-Key", key, NULL)
    : test_request (session, "POST", url, content_type, body, NULL);
  g_autoptr(JsonNode) json = test_response_json (response);
  g_autoptr(JsonArray) errors = NULL;
  gboolean found = FALSE;

  g_assert_cmpuint (response->status, ==, 400);
  errors = json_array_ref (json_object_get_array_member (json_node_get_object (json), "errors"));
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *error = json_array_get_object_element (errors, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (error, "code", NULL), code) == 0
          && g_strcmp0 (json_object_get_string_member_with_default (error, "field", NULL),
                        field) == 0)
        found = TRUE;
    }
  if (!found)
    g_error ("expected %s/%s in %s", field, code, test_response_text (response));
}

static void
test_validation (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), NULL);
  g_autofree char *code = test_tracking_code (4242);
  g_autofree char *good = test_submission (KEY1, code, "npwp-registration", DJP_DATA);
  g_autofree char *other_part = test_submission (KEY2, code, "npwp-registration", DJP_DATA);
  g_autofree char *wrong_service = test_submission (KEY1, code, "birth-certificate", DJP_DATA);
  g_autofree char *bad_code = NULL;
  g_autofree char *bad_code_body = NULL;

  /* The check symbol, changed: a kiosk never sends that. */
  bad_code = g_strdup (code);
  bad_code[12] = bad_code[12] == '0' ? '1' : '0';
  bad_code_body = test_submission (KEY1, bad_code, "npwp-registration", DJP_DATA);

  assert_refused (session, sim, "text/plain", KEY1, good, NULL, "content_type");
  assert_refused (session, sim, "application/json", NULL, good, NULL, "idempotency_key");
  assert_refused (session, sim, "application/json", "not-a-uuid", good, NULL, "idempotency_key");
  assert_refused (session, sim, "application/json", KEY1, "{\"protocol\":", NULL, "malformed");
  assert_refused (session, sim, "application/json", KEY1, other_part, "part_id",
                  "part_id_mismatch");
  assert_refused (session, sim, "application/json", KEY1, "{\"protocol\":\"loket-agency/1\"}",
                  "tracking_code", "required");
  assert_refused (session, sim, "application/json", KEY1, "{\"protocol\":\"loket-agency/2\"}",
                  "protocol", "unsupported_protocol");
  assert_refused (session, sim, "application/json", KEY1, bad_code_body, "tracking_code",
                  "invalid");
  assert_refused (session, sim, "application/json", KEY1, wrong_service, "service",
                  "unknown_service");

  /* Nothing refused was kept: the key is still free. */
  assert_stat (session, sim, "submissions", "0");
  {
    g_autoptr(TestResponse) accepted = test_submit (session, sim, "/djp/submissions", KEY1, code,
                                                    "npwp-registration", DJP_DATA);

    g_assert_cmpuint (accepted->status, ==, 201);
  }
  test_sim_stop (sim);
}

static void
test_minimisation (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), NULL);
  g_autofree char *code = test_tracking_code (99);
  g_autoptr(TestResponse) extra = test_submit (session, sim, "/djp/submissions", KEY1, code,
                                               "npwp-registration",
                                               "{\"applicant.nik\":\"3171011203900001\","
                                               "\"applicant.name\":\"Siti Rahayu\","
                                               "\"mother.name\":\"Dewi Lestari\"}");
  g_autoptr(JsonNode) json = test_response_json (extra);
  g_autofree char *body = test_submission (KEY2, code, "npwp-registration", DJP_DATA);
  g_autofree char *url = test_sim_url (sim, "/djp/submissions");
  g_autoptr(TestResponse) unconsented = NULL;
  g_autoptr(JsonNode) unconsented_json = NULL;
  char *fields;

  g_assert_cmpuint (extra->status, ==, 400);
  assert_json (json, "errors.0.field", "data.mother.name");
  assert_json (json, "errors.0.code", "not_declared");
  assert_stat (session, sim, "minimisation_violations", "1");
  assert_stat (session, sim, "agencies.djp.minimisation_violations", "1");

  /* A declared field the consent does not list is not sent either. */
  fields = strstr (body, "\"applicant.name\"]");
  g_assert_nonnull (fields);
  memcpy (fields, "\"applicant.nik\" ", strlen ("\"applicant.nik\" "));
  unconsented = test_request (session, "POST", url, "application/json", body,
                              "Idempotency-Key", KEY2, NULL);
  g_assert_cmpuint (unconsented->status, ==, 400);
  unconsented_json = test_response_json (unconsented);
  assert_json (unconsented_json, "errors.0.field", "data.applicant.name");
  assert_json (unconsented_json, "errors.0.code", "not_consented");

  /* The consent record's details: a hash of 64 hex digits and a boolean, or refused. */
  {
    g_autofree char *details_body = test_submission (KEY2, code, "npwp-registration", DJP_DATA);
    char *opened = strstr (details_body, "\"details_opened\":false");
    g_autoptr(TestResponse) bad = NULL;
    g_autoptr(JsonNode) bad_json = NULL;

    g_assert_nonnull (opened);
    memcpy (opened, "\"details_opened\":\"yes\"", strlen ("\"details_opened\":\"yes\""));
    bad = test_request (session, "POST", url, "application/json", details_body,
                        "Idempotency-Key", KEY2, NULL);
    g_assert_cmpuint (bad->status, ==, 400);
    bad_json = test_response_json (bad);
    assert_json (bad_json, "errors.0.field", "consent.details_opened");
    assert_json (bad_json, "errors.0.code", "invalid");
  }
  test_sim_stop (sim);
}

static JsonNode *
track (SoupSession *session,
       TestSim     *sim,
       const char  *agency,
       const char  *code)
{
  g_autofree char *path = g_strdup_printf ("/%s/submissions?tracking_code=%s", agency, code);
  g_autofree char *url = test_sim_url (sim, path);
  g_autoptr(TestResponse) response = test_request (session, "GET", url, NULL, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return test_response_json (response);
}

static void
test_tracking (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), "--status-step", "1",
                                 "--set", "bpjs-kesehatan:statuses=received;needs_info;rejected",
                                 NULL);
  g_autofree char *code = test_tracking_code (31337);
  g_autofree char *other = test_tracking_code (987654321);
  g_autofree char *missing_url = test_sim_url (sim, "/dukcapil/submissions");
  g_autoptr(TestResponse) missing = test_request (session, "GET", missing_url, NULL, NULL, NULL);
  g_autoptr(TestResponse) a = test_submit (session, sim, "/dukcapil/submissions", KEY1, code,
                                           "birth-certificate", BIRTH_DATA);
  g_autoptr(TestResponse) b = test_submit (session, sim, "/dukcapil/submissions", KEY2, code,
                                           "kk-update",
                                           "{\"applicant.kk\":\"3201010101100001\","
                                           "\"child.nik\":\"3201015501260001\"}");
  g_autoptr(TestResponse) c = test_submit (session, sim, "/bpjs-kesehatan/submissions", KEY3,
                                           code, "bpjs-newborn",
                                           "{\"child.nik\":\"3201015501260001\","
                                           "\"child.name\":\"Putri Ayu\"}");
  g_autoptr(JsonNode) now = track (session, sim, "dukcapil", code);
  g_autoptr(JsonNode) none = track (session, sim, "dukcapil", other);
  g_autoptr(JsonNode) later = NULL;
  g_autoptr(JsonNode) end = NULL;
  g_autoptr(JsonNode) bpjs = NULL;
  g_autoptr(JsonNode) a_json = test_response_json (a);
  g_autofree char *reference = test_json_get (a_json, "reference");
  g_autofree char *updated = NULL;
  g_autoptr(GDateTime) updated_at = NULL;

  g_assert_cmpuint (missing->status, ==, 400);
  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  g_assert_cmpuint (c->status, ==, 201);

  assert_json (now, "submissions.0.part_id", KEY1);
  assert_json (now, "submissions.0.service", "birth-certificate");
  assert_json (now, "submissions.0.reference", reference);
  assert_json (now, "submissions.0.status", "received");
  assert_json (now, "submissions.1.part_id", KEY2);
  assert_json (now, "submissions.1.status", "received");
  g_assert_null (test_json_get (now, "submissions.2"));
  g_assert_null (test_json_get (none, "submissions.0"));
  updated = test_json_get (now, "submissions.0.updated_at");
  updated_at = g_date_time_new_from_iso8601 (updated, NULL);
  g_assert_nonnull (updated_at);

  /* One status a second: 1.2 s later one step on, 2 s after that at the end of the walk.
   * The margins leave room for a slow sanitizer build. */
  g_usleep (1200 * 1000);
  later = track (session, sim, "dukcapil", code);
  assert_json (later, "submissions.0.status", "in_review");
  g_usleep (2000 * 1000);
  end = track (session, sim, "dukcapil", code);
  assert_json (end, "submissions.0.status", "completed");
  assert_json (end, "submissions.1.status", "completed");
  bpjs = track (session, sim, "bpjs-kesehatan", code);
  assert_json (bpjs, "submissions.0.status", "rejected");
  assert_json (bpjs, "submissions.0.note", "Simulated rejection.");
  test_sim_stop (sim);
}

static void
test_record (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), NULL);
  g_autofree char *code = test_tracking_code (5);
  g_autofree char *health = test_sim_url (sim, "/djp/health");
  g_autoptr(TestResponse) a = test_submit (session, sim, "/djp/submissions", KEY1, code,
                                           "npwp-registration", DJP_DATA);
  g_autoptr(TestResponse) b = test_request (session, "GET", health, NULL, NULL,
                                            "Authorization", "Bearer x", NULL);
  g_autoptr(JsonNode) a_json = test_response_json (a);
  g_autofree char *reference = test_json_get (a_json, "reference");
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *stats = test_stat (session, sim, "requests");

  g_assert_cmpuint (b->status, ==, 200);
  g_assert_cmpstr (stats, ==, "2");
  /* Lines are flushed as they happen: readable while the simulator runs. */
  lines = test_sim_record_lines (sim);
  g_assert_cmpuint (lines->len, ==, 2);
  assert_json (lines->pdata[0], "agency", "djp");
  assert_json (lines->pdata[0], "method", "POST");
  assert_json (lines->pdata[0], "path", "/djp/submissions");
  assert_json (lines->pdata[0], "headers.Idempotency-Key", "\"" KEY1 "\"");
  assert_json (lines->pdata[0], "headers.Accept-Language", "id");
  assert_json (lines->pdata[0], "headers.X-Loket-Kiosk", "test-1");
  assert_json (lines->pdata[0], "headers.Authorization", "false");
  assert_json (lines->pdata[0], "body.part_id", KEY1);
  assert_json (lines->pdata[0], "body.service", "npwp-registration");
  assert_json (lines->pdata[0], "status", "201");
  assert_json (lines->pdata[0], "reference", reference);
  assert_json (lines->pdata[1], "path", "/djp/health");
  assert_json (lines->pdata[1], "headers.Authorization", "true");
  assert_json (lines->pdata[1], "reference", "null");
  {
    g_autofree char *time = test_json_get (lines->pdata[0], "time");
    g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (time, NULL);

    g_assert_nonnull (when);
  }
  test_sim_stop (sim);
}

static void
test_control_api (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), "--fault",
                                 "djp:unavailable:7,count=1", NULL);
  g_autofree char *faults_url = test_sim_url (sim, "/_control/faults");
  g_autofree char *code = test_tracking_code (8);
  g_autoptr(TestResponse) bad_spec = test_request (session, "POST", faults_url,
                                                   "application/json",
                                                   "{\"agency\":\"djp\",\"faults\":[\"explode\"]}",
                                                   NULL);
  g_autoptr(TestResponse) bad_agency = test_request (session, "POST", faults_url,
                                                     "application/json",
                                                     "{\"agency\":\"x\",\"faults\":[]}", NULL);
  g_autoptr(TestResponse) listed = test_request (session, "GET", faults_url, NULL, NULL, NULL);
  g_autoptr(JsonNode) listed_json = test_response_json (listed);
  g_autoptr(JsonNode) bad_spec_json = test_response_json (bad_spec);
  g_autoptr(TestResponse) held = NULL;
  g_autoptr(TestResponse) passed = NULL;
  g_autoptr(TestResponse) cleared = NULL;
  g_autoptr(TestResponse) again = NULL;

  g_assert_cmpuint (bad_spec->status, ==, 400);
  assert_json (bad_spec_json, "error",
               "fault 'explode': unknown kind 'explode' (see the simulator's README.md)");
  g_assert_cmpuint (bad_agency->status, ==, 404);
  assert_json (listed_json, "faults.djp.0.spec", "unavailable:7,count=1");
  assert_json (listed_json, "faults.djp.0.remaining", "1");
  assert_json (listed_json, "faults.dukcapil", "[]");

  test_control (session, sim, "faults",
                "{\"agency\":\"djp\",\"faults\":[\"status:502,count=2\"],\"append\":true}");
  held = test_submit (session, sim, "/djp/submissions", KEY1, code, "npwp-registration", DJP_DATA);
  g_assert_cmpuint (held->status, ==, 503);
  g_clear_pointer (&held, test_response_free);
  held = test_submit (session, sim, "/djp/submissions", KEY1, code, "npwp-registration", DJP_DATA);
  g_assert_cmpuint (held->status, ==, 502);
  cleared = test_request (session, "DELETE", faults_url, NULL, NULL, NULL);
  g_assert_cmpuint (cleared->status, ==, 200);
  passed = test_submit (session, sim, "/djp/submissions", KEY1, code, "npwp-registration",
                        DJP_DATA);
  g_assert_cmpuint (passed->status, ==, 201);
  assert_stat (session, sim, "agencies.djp.faults_fired", "2");
  assert_stat (session, sim, "agencies.djp.statuses.503", "1");

  /* A reset forgets submissions and counts: the same key is new again. */
  test_control (session, sim, "reset", "{}");
  assert_stat (session, sim, "submissions", "0");
  assert_stat (session, sim, "requests", "0");
  again = test_submit (session, sim, "/djp/submissions", KEY1, code, "npwp-registration",
                       DJP_DATA);
  g_assert_cmpuint (again->status, ==, 201);
  test_sim_stop (sim);
}

static void
test_outputs_immediate (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), NULL);
  g_autofree char *code = test_tracking_code (2026);
  g_autoptr(TestResponse) girl = test_submit (session, sim, "/dukcapil/submissions", KEY1, code,
                                              "birth-certificate", BIRTH_DATA);
  g_autoptr(TestResponse) boy = test_submit (session, sim, "/dukcapil/submissions", KEY2, code,
                                             "birth-certificate",
                                             "{\"mother.nik\":\"3578026108850004\","
                                             "\"child.birth_date\":\"2025-12-31\","
                                             "\"child.sex\":\"male\"}");
  g_autoptr(TestResponse) bpjs = test_submit (session, sim, "/bpjs-kesehatan/submissions", KEY3,
                                              code, "bpjs-newborn",
                                              "{\"child.nik\":\"3201015501260001\","
                                              "\"child.name\":\"Putri Ayu\"}");
  g_autoptr(JsonNode) girl_json = test_response_json (girl);
  g_autoptr(JsonNode) boy_json = test_response_json (boy);
  g_autoptr(JsonNode) bpjs_json = test_response_json (bpjs);
  g_autoptr(JsonNode) tracked = track (session, sim, "dukcapil", code);
  g_autofree char *member = test_json_get (bpjs_json, "outputs.member_number");

  /* Region of the mother's NIK, day + 40 for a girl, month, year, serial. */
  assert_json (girl_json, "outputs.child_nik", "3201015501260001");
  assert_json (boy_json, "outputs.child_nik", "3578023112250002");
  assert_json (tracked, "submissions.0.outputs.child_nik", "3201015501260001");
  g_assert_true (g_str_has_prefix (member, "BPJ-MEMBER_NUMBER-"));
  g_assert_cmpuint (strlen (member), ==, strlen ("BPJ-MEMBER_NUMBER-") + 8);
  test_sim_stop (sim);
}

static void
test_outputs_delayed (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (),
                                 "--set", "dukcapil:outputs-delay/birth-certificate=1", NULL);
  g_autofree char *code = test_tracking_code (2027);
  g_autoptr(TestResponse) first = test_submit (session, sim, "/dukcapil/submissions", KEY1, code,
                                               "birth-certificate", BIRTH_DATA);
  g_autoptr(JsonNode) first_json = test_response_json (first);
  g_autoptr(JsonNode) before = track (session, sim, "dukcapil", code);
  g_autoptr(JsonNode) after = NULL;

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_null (test_json_get (first_json, "outputs"));
  g_assert_null (test_json_get (before, "submissions.0.outputs"));
  assert_json (before, "submissions.0.part_id", KEY1);
  g_usleep (1300 * 1000);
  after = track (session, sim, "dukcapil", code);
  assert_json (after, "submissions.0.outputs.child_nik", "3201015501260001");
  test_sim_stop (sim);
}

static void
test_without_catalog (void)
{
  g_autoptr(SoupSession) session = test_session_new (0);
  TestSim *sim = test_sim_start ("--agency", "dinsos", "--agency", "dukcapil", NULL);
  g_autofree char *code = test_tracking_code (1);
  g_autoptr(TestResponse) any = test_submit (session, sim, "/dinsos/submissions", KEY1, code,
                                             "anything", "{\"whatever.field\":1}");
  g_autoptr(JsonNode) json = test_response_json (any);

  g_assert_cmpuint (any->status, ==, 201);
  g_assert_null (test_json_get (json, "outputs"));
  test_sim_stop (sim);
}

static void
assert_refuses_to_start (const char * const *argv,
                         const char         *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;
  g_autofree char *program = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  const char *build = g_getenv ("LOKET_BUILD_DIR");

  program = build != NULL
            ? g_build_filename (build, "tests", "agency-sim", "loket-agency-sim", NULL)
            : g_build_filename (LOKET_TEST_BUILDDIR, "agency-sim", "loket-agency-sim", NULL);
  g_ptr_array_add (args, g_steal_pointer (&program));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  if (strstr (err, message) == NULL)
    g_error ("expected '%s' in: %s", message, err);
}

static void
test_command_line (void)
{
  const char *no_agency[] = { "--port", "0", NULL };
  const char *bad_fault[] = { "--agency", "a", "--fault", "a:latency", NULL };
  const char *unknown_agency[] = { "--agency", "a", "--fault", "b:drop", NULL };
  const char *bad_setting[] = { "--agency", "a", "--set", "a:profile=ldap", NULL };

  assert_refuses_to_start (no_agency, "no agency to serve: give --catalog DIR or --agency ID");
  assert_refuses_to_start (bad_fault, "fault 'latency': 'latency' needs an argument after ':'");
  assert_refuses_to_start (unknown_agency, "no agency 'b' is served");
  assert_refuses_to_start (bad_setting, "profile: 'ldap' is not plain, oauth2 or xroad");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agency-sim/health", test_health);
  g_test_add_func ("/agency-sim/idempotency", test_idempotency);
  g_test_add_func ("/agency-sim/in-progress", test_in_progress);
  g_test_add_func ("/agency-sim/validation", test_validation);
  g_test_add_func ("/agency-sim/minimisation", test_minimisation);
  g_test_add_func ("/agency-sim/tracking", test_tracking);
  g_test_add_func ("/agency-sim/record", test_record);
  g_test_add_func ("/agency-sim/control", test_control_api);
  g_test_add_func ("/agency-sim/outputs/immediate", test_outputs_immediate);
  g_test_add_func ("/agency-sim/outputs/delayed", test_outputs_delayed);
  g_test_add_func ("/agency-sim/without-catalog", test_without_catalog);
  g_test_add_func ("/agency-sim/command-line", test_command_line);

  return g_test_run ();
}
