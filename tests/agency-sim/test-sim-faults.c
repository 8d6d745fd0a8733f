/* test-sim-faults.c — every fault kind of the agency simulator, as a client observes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-agency-sim"

#include <string.h>

#include <glib/gstdio.h>

#include "test-sim-util.h"

#define KEY "5b0e8d2c-3a19-4f7e-8c6d-1e2f3a4b5c6d"
#define DATA "{\"applicant.nik\":\"3171011203900001\",\"applicant.name\":\"Siti Rahayu\"}"

typedef struct {
  SoupSession *session;
  TestSim     *sim;
  char        *code;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* Short enough for the stall test, long enough for a sanitizer build. */
  fixture->session = test_session_new (2);
  fixture->sim = test_sim_start ("--catalog", test_sim_catalog (), NULL);
  fixture->code = test_tracking_code (424242);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = test_sim_url (fixture->sim, "/djp/health");
  g_autoptr(TestResponse) health = NULL;

  /* Whatever the fault did to a connection, the simulator serves the next one. */
  test_control (fixture->session, fixture->sim, "faults", "{\"agency\":\"djp\",\"faults\":[]}");
  health = test_request (fixture->session, "GET", url, NULL, NULL, NULL);
  g_assert_cmpuint (health->status, ==, 200);

  test_sim_stop (fixture->sim);
  g_clear_object (&fixture->session);
  g_free (fixture->code);
}

static void
set_faults (Fixture    *fixture,
            const char *specs_json)
{
  g_autofree char *json = g_strdup_printf ("{\"agency\":\"djp\",\"faults\":%s}", specs_json);

  test_control (fixture->session, fixture->sim, "faults", json);
}

static TestResponse *
submit (Fixture *fixture)
{
  return test_submit (fixture->session, fixture->sim, "/djp/submissions", KEY, fixture->code,
                      "npwp-registration", DATA);
}

static JsonNode *
last_record (Fixture *fixture)
{
  g_autoptr(GPtrArray) lines = test_sim_record_lines (fixture->sim);

  g_assert_cmpuint (lines->len, >, 0);
  return json_node_ref (lines->pdata[lines->len - 1]);
}

static void
assert_record (Fixture    *fixture,
               const char *member,
               const char *expected)
{
  g_autoptr(JsonNode) line = last_record (fixture);
  g_autofree char *value = test_json_get (line, member);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_latency (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 start;
  g_autoptr(TestResponse) response = NULL;

  set_faults (fixture, "[\"latency:300\"]");
  start = g_get_monotonic_time ();
  response = submit (fixture);
  g_assert_cmpuint (response->status, ==, 201);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TestResponse) seconds = NULL;
  g_autoptr(TestResponse) date = NULL;
  g_autoptr(TestResponse) many = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) retry = NULL;
  GTimeSpan wait;

  set_faults (fixture, "[\"unavailable:5,count=1\",\"unavailable-date:120,count=1\","
                       "\"too-many:2,count=1\"]");
  seconds = submit (fixture);
  g_assert_cmpuint (seconds->status, ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (seconds->headers, "Retry-After"), ==, "5");
  assert_record (fixture, "fault", "unavailable");

  date = submit (fixture);
  g_assert_cmpuint (date->status, ==, 503);
  retry = soup_date_time_new_from_http_string (
    soup_message_headers_get_one (date->headers, "Retry-After"));
  g_assert_nonnull (retry);
  wait = g_date_time_difference (retry, now);
  g_assert_cmpint (wait, >=, 118 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (wait, <=, 125 * G_TIME_SPAN_SECOND);

  many = submit (fixture);
  g_assert_cmpuint (many->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (many->headers, "Retry-After"), ==, "2");
}

static void
test_burst (Fixture       *fixture,
            gconstpointer  data)
{
  set_faults (fixture, "[\"burst:2\"]");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TestResponse) response = submit (fixture);

      g_assert_cmpuint (response->status, ==, i < 2 ? 500 : 201);
    }
}

static void
test_status_and_method (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/djp/submissions?tracking_code=%s", fixture->code);
  g_autofree char *url = test_sim_url (fixture->sim, path);
  g_autoptr(TestResponse) posted = NULL;
  g_autoptr(TestResponse) got = NULL;
  g_autoptr(TestResponse) unauthorized = NULL;

  set_faults (fixture, "[\"status:403,method=get\",\"unauthorized,method=post,count=1\"]");
  unauthorized = submit (fixture);
  g_assert_cmpuint (unauthorized->status, ==, 401);
  posted = submit (fixture);
  g_assert_cmpuint (posted->status, ==, 201);
  got = test_request (fixture->session, "GET", url, NULL, NULL, NULL);
  g_assert_cmpuint (got->status, ==, 403);
}

static void
test_reject (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *url = test_sim_url (fixture->sim, "/djp/submissions");
  g_autofree char *budi = test_submission (KEY, fixture->code, "npwp-registration",
                                           "{\"applicant.nik\":\"3171011203900001\","
                                           "\"applicant.name\":\"Budi\"}");
  g_autoptr(TestResponse) indonesian = NULL;
  g_autoptr(TestResponse) english = NULL;
  g_autoptr(TestResponse) other = NULL;
  g_autoptr(JsonNode) id_json = NULL;
  g_autoptr(JsonNode) en_json = NULL;
  g_autofree char *field = NULL;
  g_autofree char *code = NULL;
  g_autofree char *id_message = NULL;
  g_autofree char *en_message = NULL;

  set_faults (fixture, "[\"reject:applicant.name=Budi\"]");
  indonesian = test_request (fixture->session, "POST", url, "application/json", budi,
                             "Idempotency-Key", KEY, "Accept-Language", "id-ID, en;q=0.5", NULL);
  english = test_request (fixture->session, "POST", url, "application/json", budi,
                          "Idempotency-Key", KEY, "Accept-Language", "en", NULL);
  g_assert_cmpuint (indonesian->status, ==, 422);
  g_assert_cmpuint (english->status, ==, 422);
  id_json = test_response_json (indonesian);
  en_json = test_response_json (english);
  field = test_json_get (id_json, "errors.0.field");
  code = test_json_get (id_json, "errors.0.code");
  id_message = test_json_get (id_json, "errors.0.message");
  en_message = test_json_get (en_json, "errors.0.message");
  g_assert_cmpstr (field, ==, "applicant.name");
  g_assert_cmpstr (code, ==, "rejected");
  g_assert_cmpstr (id_message, ==, "Instansi tidak dapat menerima nilai ini. Periksa dan "
                                   "perbaiki isian ini, lalu kirim lagi.");
  g_assert_cmpstr (en_message, ==, "The agency cannot accept this value. Check and correct "
                                   "this entry, then send it again.");

  /* The rule is about the value: another name passes. */
  other = submit (fixture);
  g_assert_cmpuint (other->status, ==, 201);
}

static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TestResponse) dropped = NULL;
  g_autoptr(TestResponse) passed = NULL;
  g_autofree char *requests = NULL;

  set_faults (fixture, "[\"drop,count=1\"]");
  dropped = submit (fixture);
  g_assert_nonnull (dropped->error);
  g_assert_cmpuint (dropped->status, ==, 0);
  assert_record (fixture, "fault", "drop");
  assert_record (fixture, "status", "0");
  /* Sent once: nothing retried behind the test's back. */
  requests = test_stat (fixture->session, fixture->sim, "agencies.djp.requests");
  g_assert_cmpstr (requests, ==, "1");
  passed = submit (fixture);
  g_assert_cmpuint (passed->status, ==, 201);
}

static void
test_truncate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TestResponse) response = NULL;

  set_faults (fixture, "[\"truncate\"]");
  response = submit (fixture);
  /* libsoup 3.2 takes the early end as the end; curl says error 18. Either way the body is
   * shorter than announced. */
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 201);
  g_assert_cmpint (soup_message_headers_get_content_length (response->headers), ==, 4096);
  g_assert_cmpuint (g_bytes_get_size (response->body), ==, strlen ("{\"reference\":\"TRUNC-2026-000001\",\"sta"));
  assert_record (fixture, "fault", "truncate");
}

static void
test_stall (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TestResponse) response = NULL;
  g_autofree char *held = NULL;
  gint64 start = g_get_monotonic_time ();

  set_faults (fixture, "[\"stall\"]");
  response = submit (fixture);
  g_assert_error (response->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - 100000);
  held = test_stat (fixture->session, fixture->sim, "held_connections");
  g_assert_cmpstr (held, ==, "1");
}

static void
test_not_json (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TestResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  set_faults (fixture, "[\"not-json\"]");
  response = submit (fixture);
  g_assert_cmpuint (response->status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   "application/json");
  g_assert_false (json_parser_load_from_data (parser, test_response_text (response), -1, NULL));
}

static void
test_deep (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TestResponse) response = NULL;
  const char *text;
  gsize opening = 0;

  set_faults (fixture, "[\"deep\"]");
  response = submit (fixture);
  g_assert_cmpuint (response->status, ==, 201);
  text = test_response_text (response);
  for (const char *p = text; *p != '\0'; p++)
    opening += *p == '[';
  g_assert_cmpuint (opening, ==, 100000);
  g_assert_true (g_str_has_prefix (text, "{\"reference\":"));
}

/* Sends a submission and reads at most limit bytes of the answer's body. */
static guint64
read_some (Fixture             *fixture,
           guint64              limit,
           SoupMessageHeaders **headers)
{
  g_autofree char *url = test_sim_url (fixture->sim, "/djp/submissions");
  g_autofree char *body = test_submission (KEY, fixture->code, "npwp-registration", DATA);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = g_malloc (64 * 1024);
  guint64 total = 0;

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", KEY);
  soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  stream = soup_session_send (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  while (total < limit)
    {
      gssize n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      total += (guint64) n;
    }
  /* Hanging up early is what a client with a size cap does. */
  g_input_stream_close (stream, NULL, NULL);
  return total;
}

static void
test_huge (Fixture       *fixture,
           gconstpointer  data)
{
  SoupMessageHeaders *headers = NULL;
  guint64 read;

  set_faults (fixture, "[\"huge:3,count=1\",\"huge\"]");
  read = read_some (fixture, G_MAXUINT64, &headers);
  g_assert_cmpuint (read, ==, 3 * 1024 * 1024);
  g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, 3 * 1024 * 1024);
  g_clear_pointer (&headers, soup_message_headers_unref);

  /* The default is 50 MiB; the client stops after 1 MiB. */
  read = read_some (fixture, 1024 * 1024, &headers);
  g_assert_cmpuint (read, >=, 1024 * 1024);
  g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, 50 * 1024 * 1024);
  g_clear_pointer (&headers, soup_message_headers_unref);
  assert_record (fixture, "fault", "huge");
}

static void
test_endless (Fixture       *fixture,
              gconstpointer  data)
{
  SoupMessageHeaders *headers = NULL;
  guint64 read;

  set_faults (fixture, "[\"endless\"]");
  read = read_some (fixture, 4 * 1024 * 1024, &headers);
  g_assert_cmpuint (read, >=, 4 * 1024 * 1024);
  g_assert_cmpint (soup_message_headers_get_encoding (headers), ==, SOUP_ENCODING_CHUNKED);
  g_clear_pointer (&headers, soup_message_headers_unref);
}

static void
test_keyfile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = test_session_new (0);
  g_autofree char *dir = g_dir_make_tmp ("loket-sim-faults-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "faults.conf", NULL);
  g_autofree char *code = test_tracking_code (77);
  g_autofree char *option = g_strconcat ("--faults=", path, NULL);
  TestSim *sim;

  g_assert_no_error (error);
  g_file_set_contents (path,
                       "[simulator]\n"
                       "status-step = 0\n"
                       "[agency djp]\n"
                       "prefix = DJP\n"
                       "fault = too-many:3,count=1;status:500,count=1\n",
                       -1, &error);
  g_assert_no_error (error);
  sim = test_sim_start ("--catalog", test_sim_catalog (), option,
                        "--fault", "djp:unavailable:1,count=1", NULL);
  {
    static const guint expected[] = { 429, 500, 503, 201 };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(TestResponse) response = test_submit (session, sim, "/djp/submissions", KEY,
                                                        code, "npwp-registration", DATA);

        g_assert_cmpuint (response->status, ==, expected[i]);
      }
  }
  test_sim_stop (sim);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/agency-sim/faults/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("latency", test_latency);
  ADD ("unavailable", test_unavailable);
  ADD ("burst", test_burst);
  ADD ("status-and-method", test_status_and_method);
  ADD ("reject", test_reject);
  ADD ("drop", test_drop);
  ADD ("truncate", test_truncate);
  ADD ("stall", test_stall);
  ADD ("not-json", test_not_json);
  ADD ("deep", test_deep);
  ADD ("huge", test_huge);
  ADD ("endless", test_endless);
#undef ADD
  g_test_add_func ("/agency-sim/faults/keyfile", test_keyfile);

  return g_test_run ();
}
