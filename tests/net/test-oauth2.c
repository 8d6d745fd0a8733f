/* test-oauth2.c — profile oauth2: client credentials, token reuse and renewal, wrong secrets
 *
 * The simulator's samsat agency requires tokens from its endpoint (/_oauth/samsat/token);
 * loketctl and an in-process engine deliver to it. Its statistics count the tokens issued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-oauth2"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "net/loket-oauth2.h"
#include "net/loket-reason.h"
#include "net-env.h"
#include "sim-fixture.h"

#define SECRET "s3cret-Value-9f2c"

/* Starts the simulator with samsat behind OAuth2 (plus extra --set/--fault arguments) and
 * writes a config whose samsat group uses the secret text with the file mode. */
static SimFixture *
oauth2_fixture (const char *secret,
                int         mode,
                const char *extra_name,
                const char *extra_value)
{
  SimFixture *fixture = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                                         "--set", "samsat:profile=oauth2",
                                         "--set", "samsat:client-id=loket-kiosk",
                                         "--set", "samsat:client-secret=" SECRET,
                                         extra_name, extra_value, NULL);
  g_autofree char *secret_file = g_build_filename (fixture->dir, "samsat.secret", NULL);
  g_autofree char *lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (secret_file, secret, -1, G_FILE_SET_CONTENTS_CONSISTENT, mode,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (secret_file, mode), ==, 0);

  lines = g_strdup_printf ("url = http://127.0.0.1:%u/samsat\n"
                           "profile = oauth2\n"
                           "token-url = http://127.0.0.1:%u/_oauth/samsat/token\n"
                           "client-id = loket-kiosk\n"
                           "client-secret-file = %s\n"
                           "scope = submissions\n",
                           fixture->port, fixture->port, secret_file);
  sim_fixture_write_config (fixture, 10, "samsat", lines);
  return fixture;
}

static LoketOutboxAgency *
agency_status (SimFixture *fixture,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = loket_outbox_open (fixture->state_dir, fixture->key_file,
                                                     LOKET_OUTBOX_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) agencies = NULL;

  g_assert_no_error (error);
  agencies = loket_outbox_count_by_agency (outbox, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);

      if (g_str_equal (agency->agency, id))
        return g_steal_pointer (&agencies->pdata[i]);
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
count_parts (SimFixture       *fixture,
             LoketOutboxState  state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = loket_outbox_open (fixture->state_dir, fixture->key_file,
                                                     LOKET_OUTBOX_OPEN_READ_ONLY, &error);
  LoketOutboxFilter filter = { .state = (int) state, .agency = "samsat" };
  g_autoptr(GPtrArray) parts = NULL;

  g_assert_no_error (error);
  parts = loket_outbox_list_parts (outbox, &filter, &error);
  g_assert_no_error (error);
  return parts->len;
}

static int
deliver_once (SimFixture  *fixture,
              char       **err)
{
  g_autofree char *out = NULL;

  return sim_fixture_ctl (fixture, &out, err, "outbox", "deliver", "--once", NULL);
}

/* The secret never leaves the token request: not in the agency's record, not in any output. */
static void
assert_secret_kept (SimFixture *fixture,
                    const char *err)
{
  g_autofree char *record = NULL;

  g_assert_true (g_file_get_contents (fixture->record, &record, NULL, NULL));
  g_assert_null (strstr (record, SECRET));
  g_assert_null (strstr (record, "wrong-secret"));
  g_assert_true (err == NULL || strstr (err, SECRET) == NULL);
  g_assert_true (err == NULL || strstr (err, "wrong-secret") == NULL);
}

static void
test_token_reused (void)
{
  g_autoptr(SimFixture) fixture = oauth2_fixture (SECRET "\n", 0600, NULL, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint authorized = 0;

  for (guint i = 0; i < 6; i++)
    g_free (sim_fixture_submit (fixture, "stnk-renewal"));

  /* Six parts, four at a time: the first four ask for a token together, one request goes. */
  g_assert_cmpint (deliver_once (fixture, &err), ==, 0);
  g_assert_cmpuint (count_parts (fixture, LOKET_OUTBOX_STATE_DELIVERED), ==, 6);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.tokens_issued"), ==, 1);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.submissions"), ==, 6);

  lines = sim_fixture_read_record (fixture);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (lines, i));
      JsonObject *headers = json_object_get_object_member (line, "headers");

      if (g_str_equal (json_object_get_string_member (line, "path"), "/samsat/submissions"))
        {
          g_assert_true (json_object_get_boolean_member (headers, "Authorization"));
          g_assert_cmpint (json_object_get_int_member (line, "status"), ==, 201);
          authorized++;
        }
    }
  g_assert_cmpuint (authorized, ==, 6);
  assert_secret_kept (fixture, err);
}

/* A token that expires mid-run is renewed before use (an engine in this process). */
static void
test_token_expires (void)
{
  g_autoptr(SimFixture) fixture = oauth2_fixture (SECRET, 0600, "--set",
                                                  "samsat:token-lifetime=2");
  NetEnv *env = net_env_new (fixture);
  g_autofree char *first = sim_fixture_submit (fixture, "stnk-renewal");
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) first_ids = net_env_part_ids (env, first);
  g_autoptr(GPtrArray) second_ids = NULL;

  loket_dispatcher_start (env->dispatcher);
  g_assert_true (net_env_wait_state (env, first_ids->pdata[0], LOKET_OUTBOX_STATE_DELIVERED, 10));
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.tokens_issued"), ==, 1);

  net_env_spin (2.5);
  second = sim_fixture_submit (fixture, "stnk-renewal");
  second_ids = net_env_part_ids (env, second);
  loket_dispatcher_kick (env->dispatcher);
  g_assert_true (net_env_wait_state (env, second_ids->pdata[0], LOKET_OUTBOX_STATE_DELIVERED, 10));

  /* A new token, not a 401 first: it was renewed before it expired. */
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.tokens_issued"), ==, 2);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.statuses.401"), ==, 0);
  net_env_free (env);
}

/* The agency refuses a token once (revoked): one new token, and the part goes through. */
static void
test_401_renews_once (void)
{
  g_autoptr(SimFixture) fixture = oauth2_fixture (SECRET, 0600, "--fault",
                                                  "samsat:unauthorized,count=1,method=post");
  g_autofree char *err = NULL;
  g_autoptr(LoketOutboxAgency) agency = NULL;

  g_free (sim_fixture_submit (fixture, "stnk-renewal"));
  g_assert_cmpint (deliver_once (fixture, &err), ==, 0);

  g_assert_cmpuint (count_parts (fixture, LOKET_OUTBOX_STATE_DELIVERED), ==, 1);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.tokens_issued"), ==, 2);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.statuses.401"), ==, 1);
  agency = agency_status (fixture, "samsat");
  g_assert_false (agency->held);
}

/* Refused with a fresh token too: the agency is held, and only one renewal was tried. */
static void
test_401_twice_holds (void)
{
  g_autoptr(SimFixture) fixture = oauth2_fixture (SECRET, 0600, "--fault",
                                                  "samsat:unauthorized,method=post");
  g_autofree char *err = NULL;
  g_autoptr(LoketOutboxAgency) agency = NULL;
  g_autofree char *words = NULL;

  g_free (sim_fixture_submit (fixture, "stnk-renewal"));
  g_assert_cmpint (deliver_once (fixture, &err), ==, 0);

  agency = agency_status (fixture, "samsat");
  g_assert_true (agency->held);
  words = loket_reason_format (agency->held_reason);
  g_assert_nonnull (strstr (words, "HTTP 401"));
  g_assert_cmpuint (count_parts (fixture, LOKET_OUTBOX_STATE_QUEUED), ==, 1);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.tokens_issued"), ==, 2);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.statuses.401"), ==, 2);
}

static void
test_wrong_secret_holds (void)
{
  g_autoptr(SimFixture) fixture = oauth2_fixture ("wrong-secret", 0600, NULL, NULL);
  g_autofree char *err = NULL;
  g_autoptr(LoketOutboxAgency) agency = NULL;
  g_autofree char *words = NULL;

  g_free (sim_fixture_submit (fixture, "stnk-renewal"));
  g_assert_cmpint (deliver_once (fixture, &err), ==, 0);

  agency = agency_status (fixture, "samsat");
  g_assert_true (agency->held);
  words = loket_reason_format (agency->held_reason);
  g_test_message ("held: %s (%s)", words, agency->held_reason);
  /* The reason is stored as a code and its arguments, not words. */
  g_assert_true (g_str_has_prefix (agency->held_reason, "{\"code\":\"oauth2-refused\""));
  g_assert_nonnull (strstr (words, "invalid_client"));
  g_assert_nonnull (strstr (words, "client-id"));
  g_assert_nonnull (strstr (words, "samsat.secret"));
  g_assert_cmpuint (count_parts (fixture, LOKET_OUTBOX_STATE_QUEUED), ==, 1);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.tokens_issued"), ==, 0);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.submissions"), ==, 0);
  assert_secret_kept (fixture, err);
}

/* A secret others can read is refused before anything is sent. */
static void
test_open_secret_file_holds (void)
{
  g_autoptr(SimFixture) fixture = oauth2_fixture (SECRET, 0644, NULL, NULL);
  g_autofree char *err = NULL;
  g_autoptr(LoketOutboxAgency) agency = NULL;
  g_autofree char *words = NULL;

  g_free (sim_fixture_submit (fixture, "stnk-renewal"));
  g_assert_cmpint (deliver_once (fixture, &err), ==, 0);

  agency = agency_status (fixture, "samsat");
  g_assert_true (agency->held);
  words = loket_reason_format (agency->held_reason);
  g_test_message ("held: %s", words);
  g_assert_nonnull (strstr (words, "mode 0644"));
  g_assert_nonnull (strstr (words, "chmod 600"));
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.requests"), ==, 0);
  assert_secret_kept (fixture, err);
}

typedef struct {
  GMainLoop *loop;
  guint      pending;
  GPtrArray *tokens;
} Many;

static void
on_token (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  Many *many = user_data;
  g_autoptr(GError) error = NULL;
  char *token = loket_oauth2_get_token_finish (LOKET_OAUTH2 (source), res, &error);

  g_assert_no_error (error);
  g_ptr_array_add (many->tokens, token);
  if (--many->pending == 0)
    g_main_loop_quit (many->loop);
}

/* Twenty callers at once: one token request, the same token for all; then from the cache. */
static void
test_single_flight (void)
{
  g_autoptr(SimFixture) fixture = oauth2_fixture (SECRET, 0600, NULL, NULL);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketHttp) http = loket_http_new (4);
  g_autoptr(LoketOAuth2) oauth2 = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Many many = { loop, 20, g_ptr_array_new_with_free_func (g_free) };

  config = loket_config_load (fixture->config_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < config->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (config->agencies, i);

      if (g_str_equal (agency->id, "samsat"))
        oauth2 = loket_oauth2_new (http, agency);
    }
  g_assert_nonnull (oauth2);

  for (guint i = 0; i < 20; i++)
    loket_oauth2_get_token_async (oauth2, NULL, on_token, &many);
  g_main_loop_run (loop);

  g_assert_cmpuint (loket_oauth2_get_n_requests (oauth2), ==, 1);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.samsat.tokens_issued"), ==, 1);
  for (guint i = 1; i < many.tokens->len; i++)
    g_assert_cmpstr (many.tokens->pdata[i], ==, many.tokens->pdata[0]);

  /* From the cache; after invalidate, a new one. */
  many.pending = 1;
  loket_oauth2_get_token_async (oauth2, NULL, on_token, &many);
  g_main_loop_run (loop);
  g_assert_cmpuint (loket_oauth2_get_n_requests (oauth2), ==, 1);

  loket_oauth2_invalidate (oauth2, many.tokens->pdata[0]);
  many.pending = 1;
  loket_oauth2_get_token_async (oauth2, NULL, on_token, &many);
  g_main_loop_run (loop);
  g_assert_cmpuint (loket_oauth2_get_n_requests (oauth2), ==, 2);
  g_assert_cmpstr (many.tokens->pdata[many.tokens->len - 1], !=, many.tokens->pdata[0]);

  g_ptr_array_unref (many.tokens);
}

int
main (int    argc,
      char **argv)
{
  /* Before any thread: the in-process engine reads it (see net-env.h). */
  g_setenv ("LOKET_DELIVERY_TIMING", SIM_FIXTURE_TIMING, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth2/token-reused", test_token_reused);
  g_test_add_func ("/oauth2/single-flight", test_single_flight);
  g_test_add_func ("/oauth2/token-expires", test_token_expires);
  g_test_add_func ("/oauth2/401-renews-once", test_401_renews_once);
  g_test_add_func ("/oauth2/401-twice-holds", test_401_twice_holds);
  g_test_add_func ("/oauth2/wrong-secret-holds", test_wrong_secret_holds);
  g_test_add_func ("/oauth2/open-secret-file-holds", test_open_secret_file_holds);

  return g_test_run ();
}
