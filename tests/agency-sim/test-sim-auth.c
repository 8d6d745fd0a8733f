/* test-sim-auth.c — the agency simulator's OAuth2 token endpoint and X-Road mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-agency-sim"

#include <string.h>

#include "test-sim-util.h"

#define KEY "c2d9e4f1-6a3b-4c8d-9e0f-1a2b3c4d5e6f"
#define DATA "{\"applicant.nik\":\"3171011203900001\",\"applicant.name\":\"Siti Rahayu\"}"
#define XROAD_SERVICE "ID/GOV/1234/djp/loket"
#define XROAD_CLIENT "ID/GOV/5678/mpp-kiosk"

static void
assert_json (JsonNode   *node,
             const char *path,
             const char *expected)
{
  g_autofree char *value = test_json_get (node, path);

  g_assert_cmpstr (value, ==, expected);
}

static TestResponse *
token (SoupSession *session,
       TestSim     *sim,
       const char  *agency,
       const char  *form,
       const char  *basic)
{
  g_autofree char *path = g_strdup_printf ("/_oauth/%s/token", agency);
  g_autofree char *url = test_sim_url (sim, path);

  if (basic != NULL)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) basic, strlen (basic));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      return test_request (session, "POST", url, "application/x-www-form-urlencoded", form,
                           "Authorization", header, NULL);
    }
  return test_request (session, "POST", url, "application/x-www-form-urlencoded", form, NULL);
}

static TestResponse *
submit_with (SoupSession *session,
             TestSim     *sim,
             const char  *key,
             const char  *access_token)
{
  g_autofree char *url = test_sim_url (sim, "/djp/submissions");
  g_autofree char *code = test_tracking_code (5150);
  g_autofree char *body = test_submission (key, code, "npwp-registration", DATA);
  g_autofree char *bearer = access_token != NULL ? g_strconcat ("Bearer ", access_token, NULL)
                                                 : NULL;

  if (bearer == NULL)
    return test_request (session, "POST", url, "application/json", body,
                         "Idempotency-Key", key, NULL);
  return test_request (session, "POST", url, "application/json", body,
                       "Idempotency-Key", key, "Authorization", bearer, NULL);
}

static void
test_oauth2 (void)
{
  g_autoptr(SoupSession) session = test_session_new (5);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (),
                                 "--set", "djp:profile=oauth2",
                                 "--set", "djp:client-id=kiosk",
                                 "--set", "djp:client-secret=s3cret",
                                 "--set", "djp:token-lifetime=1", NULL);
  g_autoptr(TestResponse) wrong = token (session, sim, "djp",
                                         "grant_type=client_credentials&client_id=kiosk"
                                         "&client_secret=guess", NULL);
  g_autoptr(TestResponse) grant = token (session, sim, "djp", "grant_type=password", "kiosk:s3cret");
  g_autoptr(TestResponse) basic = token (session, sim, "djp",
                                         "grant_type=client_credentials&scope=submit",
                                         "kiosk:s3cret");
  g_autoptr(TestResponse) form = token (session, sim, "djp",
                                        "grant_type=client_credentials&client_id=kiosk"
                                        "&client_secret=s3cret", NULL);
  g_autoptr(TestResponse) foreign = token (session, sim, "dukcapil",
                                           "grant_type=client_credentials&client_id=loket"
                                           "&client_secret=secret", NULL);
  g_autoptr(JsonNode) wrong_json = test_response_json (wrong);
  g_autoptr(JsonNode) grant_json = test_response_json (grant);
  g_autoptr(JsonNode) basic_json = test_response_json (basic);
  g_autoptr(JsonNode) foreign_json = test_response_json (foreign);
  g_autofree char *access = test_json_get (basic_json, "access_token");
  g_autofree char *foreign_access = test_json_get (foreign_json, "access_token");
  g_autofree char *health_url = test_sim_url (sim, "/djp/health");
  g_autoptr(TestResponse) none = NULL;
  g_autoptr(TestResponse) other_agency = NULL;
  g_autoptr(TestResponse) accepted = NULL;
  g_autoptr(TestResponse) health = NULL;
  g_autoptr(TestResponse) expired = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  g_assert_cmpuint (wrong->status, ==, 401);
  assert_json (wrong_json, "error", "invalid_client");
  g_assert_cmpuint (grant->status, ==, 400);
  assert_json (grant_json, "error", "unsupported_grant_type");
  g_assert_cmpuint (basic->status, ==, 200);
  assert_json (basic_json, "token_type", "Bearer");
  assert_json (basic_json, "expires_in", "1");
  assert_json (basic_json, "scope", "submit");
  g_assert_cmpuint (form->status, ==, 200);
  g_assert_cmpuint (foreign->status, ==, 200);
  {
    g_autofree char *issued = test_stat (session, sim, "agencies.djp.tokens_issued");
    g_autofree char *total = test_stat (session, sim, "tokens_issued");

    g_assert_cmpstr (issued, ==, "2");
    g_assert_cmpstr (total, ==, "3");
  }

  none = submit_with (session, sim, KEY, NULL);
  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpstr (soup_message_headers_get_one (none->headers, "WWW-Authenticate"), ==,
                   "Bearer error=\"invalid_token\"");
  other_agency = submit_with (session, sim, KEY, foreign_access);
  g_assert_cmpuint (other_agency->status, ==, 401);
  accepted = submit_with (session, sim, KEY, access);
  g_assert_cmpuint (accepted->status, ==, 201);
  health = test_request (session, "GET", health_url, NULL, NULL, NULL);
  g_assert_cmpuint (health->status, ==, 200);

  /* The token lives 1 s. */
  g_usleep (1100 * 1000);
  expired = submit_with (session, sim, KEY, access);
  g_assert_cmpuint (expired->status, ==, 401);

  /* The record never holds a client secret. */
  lines = test_sim_record_lines (sim);
  assert_json (lines->pdata[0], "path", "/_oauth/djp/token");
  assert_json (lines->pdata[0], "body", "null");
  test_sim_stop (sim);
}

static TestResponse *
xroad (SoupSession *session,
       TestSim     *sim,
       const char  *method,
       const char  *path,
       const char  *body,
       const char  *client,
       const char  *id,
       const char  *issue)
{
  g_autofree char *url = test_sim_url (sim, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_headers_replace (headers, "Idempotency-Key", KEY);
    }
  if (client != NULL)
    soup_message_headers_replace (headers, "X-Road-Client", client);
  if (id != NULL)
    soup_message_headers_replace (headers, "X-Road-Id", id);
  if (issue != NULL)
    soup_message_headers_replace (headers, "X-Road-Issue", issue);
  return test_request_message (session, msg);
}

static void
assert_xroad_error (TestResponse *response,
                    guint         status,
                    const char   *type)
{
  g_autoptr(JsonNode) json = test_response_json (response);

  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "X-Road-Error"), ==, type);
  assert_json (json, "type", type);
}

static void
test_xroad (void)
{
  g_autoptr(SoupSession) session = test_session_new (5);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (),
                                 "--set", "djp:profile=xroad",
                                 "--set", "djp:xroad-service=" XROAD_SERVICE, NULL);
  g_autofree char *code = test_tracking_code (8080);
  g_autofree char *body = test_submission (KEY, code, "npwp-registration", DATA);
  g_autofree char *query = g_strconcat ("/r1/" XROAD_SERVICE "/submissions?tracking_code=",
                                        code, NULL);
  const char *submissions = "/r1/" XROAD_SERVICE "/submissions";
  g_autoptr(TestResponse) direct = xroad (session, sim, "POST", "/djp/submissions", body,
                                          NULL, NULL, NULL);
  g_autoptr(TestResponse) unknown = xroad (session, sim, "POST",
                                           "/r1/ID/GOV/9999/nobody/x/submissions", body,
                                           XROAD_CLIENT, KEY, code);
  g_autoptr(TestResponse) no_client = xroad (session, sim, "POST", submissions, body,
                                             NULL, KEY, code);
  g_autoptr(TestResponse) wrong_id = xroad (session, sim, "POST", submissions, body,
                                            XROAD_CLIENT, "5f0e8d2c-3a19-4f7e-8c6d-1e2f3a4b5c6d",
                                            code);
  g_autoptr(TestResponse) wrong_issue = xroad (session, sim, "POST", submissions, body,
                                               XROAD_CLIENT, KEY, "0000000000000");
  g_autoptr(TestResponse) accepted = xroad (session, sim, "POST", submissions, body,
                                            XROAD_CLIENT, KEY, code);
  g_autoptr(TestResponse) tracked = xroad (session, sim, "GET", query, NULL,
                                           XROAD_CLIENT, NULL, code);
  g_autoptr(TestResponse) tracked_wrong = xroad (session, sim, "GET", query, NULL,
                                                 XROAD_CLIENT, NULL, "0000000000000");
  g_autoptr(TestResponse) health = xroad (session, sim, "GET", "/r1/" XROAD_SERVICE "/health",
                                          NULL, XROAD_CLIENT, NULL, NULL);
  g_autoptr(TestResponse) server_error = NULL;
  g_autoptr(TestResponse) client_error = NULL;
  g_autoptr(JsonNode) direct_json = test_response_json (direct);
  g_autoptr(JsonNode) tracked_json = test_response_json (tracked);

  g_assert_cmpuint (direct->status, ==, 404);
  assert_json (direct_json, "errors.0.code", "xroad_only");
  assert_xroad_error (unknown, 400, "Client.UnknownService");
  assert_xroad_error (no_client, 400, "Client.InvalidClientIdentifier");
  assert_xroad_error (wrong_id, 400, "Client.InvalidRequest");
  assert_xroad_error (wrong_issue, 400, "Client.InvalidRequest");
  g_assert_cmpuint (accepted->status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (accepted->headers, "X-Road-Id"), ==, KEY);
  g_assert_cmpstr (soup_message_headers_get_one (accepted->headers, "X-Road-Service"), ==,
                   XROAD_SERVICE);
  g_assert_cmpuint (tracked->status, ==, 200);
  assert_json (tracked_json, "submissions.0.part_id", KEY);
  assert_xroad_error (tracked_wrong, 400, "Client.InvalidRequest");
  g_assert_cmpuint (health->status, ==, 200);

  test_control (session, sim, "faults",
                "{\"agency\":\"djp\",\"faults\":[\"xroad-error:Server.ServerProxy.ServiceFailed,"
                "count=1\",\"xroad-error:Client.AccessDenied,count=1\"]}");
  server_error = xroad (session, sim, "POST", submissions, body, XROAD_CLIENT, KEY, code);
  assert_xroad_error (server_error, 500, "Server.ServerProxy.ServiceFailed");
  client_error = xroad (session, sim, "POST", submissions, body, XROAD_CLIENT, KEY, code);
  assert_xroad_error (client_error, 400, "Client.AccessDenied");
  test_sim_stop (sim);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agency-sim/oauth2", test_oauth2);
  g_test_add_func ("/agency-sim/xroad", test_xroad);

  return g_test_run ();
}
