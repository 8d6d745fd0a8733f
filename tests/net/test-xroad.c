/* test-xroad.c — profile xroad: paths and headers through a security server, its errors
 *
 * The simulator's samsat agency plays an X-Road provider: reachable only under
 * /r1/XROAD-SERVICE/…, with X-Road-Client on every request and X-Road-Id and X-Road-Issue on
 * submissions. Server.* errors are transport failures (retried), Client.* ones hold the agency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-xroad"

#include <string.h>

#include "net/loket-agency-client.h"
#include "net/loket-reason.h"
#include "net-env.h"
#include "sim-fixture.h"

#define XROAD_SERVICE "ID/GOV/7100/samsat/loket"
#define XROAD_CLIENT "ID/GOV/3273/mpp-bandung"

static SimFixture *
xroad_fixture (const char *fault)
{
  SimFixture *fixture = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                                         "--set", "samsat:profile=xroad",
                                         "--set", "samsat:xroad-service=" XROAD_SERVICE,
                                         fault != NULL ? "--fault" : NULL, fault, NULL);
  g_autofree char *lines = NULL;

  lines = g_strdup_printf ("url = http://127.0.0.1:%u\n"
                           "profile = xroad\n"
                           "xroad-client = " XROAD_CLIENT "\n"
                           "xroad-service = " XROAD_SERVICE "\n",
                           fixture->port);
  sim_fixture_write_config (fixture, 10, "samsat", lines);
  return fixture;
}

static JsonObject *
record_line (SimFixture *fixture,
             const char *method,
             guint       nth)
{
  g_autoptr(GPtrArray) lines = sim_fixture_read_record (fixture);

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (lines, i));

      if (g_str_equal (json_object_get_string_member (line, "method"), method) && nth-- == 0)
        return json_object_ref (line);
    }
  return NULL;
}

static LoketOutboxPart *
only_part (NetEnv     *env,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxRequest) request = loket_outbox_get_request (env->outbox, code, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (request->parts->len, ==, 1);
  return loket_outbox_get_part (env->outbox,
                                ((LoketOutboxPart *) request->parts->pdata[0])->part_id, NULL);
}

static void
on_tracked (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  GPtrArray **submissions = user_data;
  g_autoptr(GError) error = NULL;

  *submissions = loket_agency_client_track_finish (LOKET_AGENCY_CLIENT (source), res, &error);
  g_assert_no_error (error);
}

static void
on_health (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  int *healthy = user_data;
  g_autoptr(GError) error = NULL;

  *healthy = loket_agency_client_health_finish (LOKET_AGENCY_CLIENT (source), res, &error);
  g_assert_no_error (error);
}

static void
test_paths_and_headers (void)
{
  g_autoptr(SimFixture) fixture = xroad_fixture (NULL);
  NetEnv *env = net_env_new (fixture);
  g_autofree char *code = sim_fixture_submit (fixture, "stnk-renewal");
  g_autoptr(LoketOutboxPart) part = only_part (env, code);
  g_autoptr(LoketOutboxPart) delivered = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) get = NULL;
  g_autoptr(LoketHttp) http = loket_http_new (2);
  g_autoptr(LoketAgencyClient) client = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  JsonObject *headers;
  int healthy = -1;

  loket_dispatcher_start (env->dispatcher);
  g_assert_true (net_env_wait_state (env, part->part_id, LOKET_OUTBOX_STATE_DELIVERED, 10));
  delivered = loket_outbox_get_part (env->outbox, part->part_id, NULL);
  g_assert_nonnull (delivered->reference);

  post = record_line (fixture, "POST", 0);
  g_assert_nonnull (post);
  g_assert_cmpstr (json_object_get_string_member (post, "path"), ==,
                   "/r1/" XROAD_SERVICE "/submissions");
  g_assert_cmpstr (json_object_get_string_member (post, "agency"), ==, "samsat");
  g_assert_cmpint (json_object_get_int_member (post, "status"), ==, 201);
  headers = json_object_get_object_member (post, "headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "X-Road-Client"), ==, XROAD_CLIENT);
  g_assert_cmpstr (json_object_get_string_member (headers, "X-Road-Id"), ==, part->part_id);
  g_assert_cmpstr (json_object_get_string_member (headers, "X-Road-Issue"), ==, code);

  /* Tracking and health go through the same prefix. */
  for (guint i = 0; i < env->config->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (env->config->agencies, i);

      if (g_str_equal (agency->id, "samsat"))
        client = loket_agency_client_new (http, agency, "test-kiosk-1");
    }
  loket_agency_client_track_async (client, code, "id", NULL, on_tracked, &submissions);
  while (submissions == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (submissions->len, ==, 1);
  g_assert_cmpstr (((LoketAgencySubmission *) submissions->pdata[0])->part_id, ==, part->part_id);
  g_assert_cmpstr (((LoketAgencySubmission *) submissions->pdata[0])->reference, ==,
                   delivered->reference);

  get = record_line (fixture, "GET", 0);
  g_assert_nonnull (get);
  g_assert_cmpstr (json_object_get_string_member (get, "path"), ==,
                   "/r1/" XROAD_SERVICE "/submissions");
  headers = json_object_get_object_member (get, "headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "X-Road-Issue"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (headers, "X-Road-Client"), ==, XROAD_CLIENT);

  loket_agency_client_health_async (client, NULL, on_health, &healthy);
  while (healthy < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (healthy, ==, TRUE);
  g_clear_pointer (&get, json_object_unref);
  get = record_line (fixture, "GET", 1);
  g_assert_cmpstr (json_object_get_string_member (get, "path"), ==, "/r1/" XROAD_SERVICE "/health");

  net_env_free (env);
}

/* The security server cannot reach the provider: retried, then delivered. */
static void
test_server_error_retried (void)
{
  g_autoptr(SimFixture) fixture =
    xroad_fixture ("samsat:xroad-error:Server.ServerProxy.NetworkError,count=2,method=post");
  NetEnv *env = net_env_new (fixture);
  g_autofree char *code = sim_fixture_submit (fixture, "stnk-renewal");
  g_autoptr(LoketOutboxPart) part = only_part (env, code);
  g_autoptr(LoketOutboxPart) delivered = NULL;
  g_autoptr(LoketOutboxAgency) agency = NULL;
  GArray *events;

  loket_dispatcher_start (env->dispatcher);
  g_assert_true (net_env_wait_state (env, part->part_id, LOKET_OUTBOX_STATE_DELIVERED, 15));

  delivered = loket_outbox_get_part (env->outbox, part->part_id, NULL);
  g_assert_cmpuint (delivered->attempts, ==, 3);
  events = net_env_events (env, part->part_id);
  g_assert_nonnull (events);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.statuses.500"), ==, 2);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.submissions"), ==, 1);
  net_env_free (env);
}

/* Access denied by the provider's security server: the agency is held with the reason. */
static void
test_client_error_holds (void)
{
  g_autoptr(SimFixture) fixture =
    xroad_fixture ("samsat:xroad-error:Client.AccessDenied,method=post");
  NetEnv *env = net_env_new (fixture);
  g_autofree char *code = sim_fixture_submit (fixture, "stnk-renewal");
  g_autoptr(LoketOutboxPart) part = only_part (env, code);
  g_autoptr(LoketOutboxPart) after = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  gboolean held = FALSE;

  loket_dispatcher_start (env->dispatcher);
  net_env_spin (1.5);

  agencies = loket_outbox_count_by_agency (env->outbox, NULL);
  for (guint i = 0; i < agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);

      if (g_str_equal (agency->agency, "samsat"))
        {
          g_autofree char *words = loket_reason_format (agency->held_reason);

          held = agency->held;
          g_test_message ("held: %s", words);
          g_assert_nonnull (strstr (words, "refuses the request: Client.AccessDenied"));
        }
    }
  g_assert_true (held);

  after = loket_outbox_get_part (env->outbox, part->part_id, NULL);
  g_assert_cmpint (after->state, ==, LOKET_OUTBOX_STATE_QUEUED);
  g_assert_true (after->has_personal_data);
  /* Held after one answer: no retry loop against a refusing security server. */
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.statuses.400"), ==, 1);
  net_env_free (env);
}

/* The agency's direct path is refused by the provider: the URL must go through /r1/. */
static void
test_unknown_service_holds (void)
{
  g_autoptr(SimFixture) fixture = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                                                   "--set", "samsat:profile=xroad",
                                                   "--set", "samsat:xroad-service=" XROAD_SERVICE,
                                                   NULL);
  g_autofree char *lines = g_strdup_printf ("url = http://127.0.0.1:%u\n"
                                            "profile = xroad\n"
                                            "xroad-client = " XROAD_CLIENT "\n"
                                            "xroad-service = ID/GOV/7100/samsat/other\n",
                                            fixture->port);
  g_autofree char *code = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *part_state = NULL;

  sim_fixture_write_config (fixture, 10, "samsat", lines);
  code = sim_fixture_submit (fixture, "stnk-renewal");
  g_assert_cmpint (sim_fixture_ctl (fixture, &out, &err, "outbox", "deliver", "--once", NULL),
                   ==, 0);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.submissions"), ==, 0);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (fixture->state_dir, fixture->key_file,
                                                       LOKET_OUTBOX_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) agencies = loket_outbox_count_by_agency (outbox, &error);
    gboolean held = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < agencies->len; i++)
      {
        LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);

        if (g_str_equal (agency->agency, "samsat"))
          {
            g_autofree char *words = loket_reason_format (agency->held_reason);

            held = agency->held;
            g_assert_nonnull (strstr (words, "Client.UnknownService"));
          }
      }
    g_assert_true (held);
  }
}

int
main (int    argc,
      char **argv)
{
  /* Before any thread: the in-process engine reads it (see net-env.h). */
  g_setenv ("LOKET_DELIVERY_TIMING", SIM_FIXTURE_TIMING, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xroad/paths-and-headers", test_paths_and_headers);
  g_test_add_func ("/xroad/server-error-retried", test_server_error_retried);
  g_test_add_func ("/xroad/client-error-holds", test_client_error_holds);
  g_test_add_func ("/xroad/unknown-service-holds", test_unknown_service_holds);

  return g_test_run ();
}
