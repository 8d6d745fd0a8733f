/* test-profiles.c — the table of agency profiles against the configuration, and its operations
 *
 * Every profile the configuration accepts has its line in the table (loket-agency-profile.c),
 * under the same spelling, and the table has no line the configuration cannot select; an
 * unknown profile is refused when the configuration is loaded. The operations are checked on
 * their own here; the calls they take part in are test-xroad's and test-oauth2's, against the
 * agency simulator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-profiles"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "config/loket-config.h"
#include "net/loket-agency-answer.h"
#include "net/loket-agency-profile.h"

/* Every key any profile requires, so that one file loads whichever profile it names. */
#define AGENCY_KEYS                                        \
  "url = https://agency.example/loket\n"                   \
  "token-url = https://agency.example/token\n"             \
  "client-id = loket\n"                                    \
  "client-secret-file = client.secret\n"                   \
  "xroad-client = ID/GOV/3273/loket\n"                     \
  "xroad-service = ID/GOV/7100/agency/loket\n"

static LoketConfig *
load_profile (const char  *profile,
              GError     **error)
{
  g_autofree char *contents = g_strdup_printf ("[agency a]\n" AGENCY_KEYS "profile = %s\n",
                                               profile);
  g_autoptr(GError) write_error = NULL;

  g_file_set_contents ("loket.conf", contents, -1, &write_error);
  g_assert_no_error (write_error);
  return loket_config_load ("loket.conf", error);
}

/* The names the configuration accepts, as its refusal of an unknown one lists them:
 * "… profile: 'no-such-profile' is not one of plain, oauth2, xroad". */
static GStrv
accepted_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = load_profile ("no-such-profile", &error);
  const char *marker = "profile: 'no-such-profile' is not one of ";
  const char *list;
  g_autofree char *names = NULL;
  char *end;

  /* Refused when loaded, as a bad value of the profile key. */
  g_assert_null (config);
  g_assert_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_BAD_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "loket.conf:"));
  list = strstr (error->message, marker);
  g_assert_nonnull (list);

  names = g_strdup (list + strlen (marker));
  /* A suggestion may follow: " (did you mean '…'?)". */
  if ((end = strstr (names, " (")) != NULL)
    *end = '\0';
  return g_strsplit (names, ", ", -1);
}

static void
test_table_covers_config (void)
{
  g_auto(GStrv) names = accepted_names ();
  const LoketAgencyProfileOps * const *table;
  guint n_profiles = 0;

  table = loket_agency_profile_list (&n_profiles);
  g_assert_cmpuint (g_strv_length (names), >=, 3);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LoketConfig) config = load_profile (names[i], &error);
      const LoketAgencyConfig *agency;
      const LoketAgencyProfileOps *ops;

      g_test_message ("profile %s", names[i]);
      g_assert_no_error (error);
      agency = g_ptr_array_index (config->agencies, 0);
      ops = loket_agency_profile_get (agency->profile);

      /* The value the configuration gives has its line, and spells back as it was given. */
      g_assert_nonnull (ops);
      g_assert_cmpint (ops->profile, ==, agency->profile);
      g_assert_cmpstr (loket_agency_profile_to_string (agency->profile), ==, names[i]);
    }

  /* And the table has no line the configuration cannot select, each at its value. */
  g_assert_cmpuint (n_profiles, ==, g_strv_length (names));
  for (guint i = 0; i < n_profiles; i++)
    {
      g_assert_nonnull (table[i]);
      g_assert_cmpint (table[i]->profile, ==, i);
      g_assert_true (g_strv_contains ((const char * const *) names,
                                      loket_agency_profile_to_string (table[i]->profile)));
    }
  g_assert_null (loket_agency_profile_get (n_profiles));
}

static LoketHttpResponse *
response_new (guint       status,
              const char *body,
              const char *header,
              const char *value)
{
  LoketHttpResponse *response = g_new0 (LoketHttpResponse, 1);

  response->status = status;
  response->body = g_bytes_new (body, strlen (body));
  response->retry_after_s = -1;
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (header != NULL)
    g_hash_table_insert (response->headers, g_ascii_strdown (header, -1), g_strdup (value));
  return response;
}

/* X-Road's own error speaks before the status, for the xroad profile alone. */
static void
test_xroad_error (void)
{
  const LoketAgencyProfileOps *xroad = loket_agency_profile_get (LOKET_AGENCY_PROFILE_XROAD);
  const LoketAgencyProfileOps *plain = loket_agency_profile_get (LOKET_AGENCY_PROFILE_PLAIN);
  g_autoptr(LoketHttpResponse) server = response_new (500, "{}", "X-Road-Error",
                                                      "Server.ServerProxy.NetworkError");
  g_autoptr(LoketHttpResponse) client = response_new (201, "{\"reference\":\"R-1\"}",
                                                      "X-Road-Error", "Client.AccessDenied");
  g_autoptr(LoketHttpResponse) none = response_new (201, "{\"reference\":\"R-1\"}", NULL, NULL);
  g_autoptr(LoketSubmitResult) retried = loket_agency_answer_classify (xroad, server);
  g_autoptr(LoketSubmitResult) held = loket_agency_answer_classify (xroad, client);
  g_autoptr(LoketSubmitResult) accepted = loket_agency_answer_classify (xroad, none);
  g_autoptr(LoketSubmitResult) plain_accepted = loket_agency_answer_classify (plain, client);
  g_autoptr(GError) error = NULL;
  g_autofree char *retried_json = NULL;
  g_autofree char *held_json = NULL;

  g_assert_cmpint (retried->outcome, ==, LOKET_SUBMIT_RETRY);
  retried_json = loket_reason_serialize (retried->detail);
  g_assert_cmpstr (retried_json, ==, "{\"code\":\"xroad-server\",\"status\":500,"
                                     "\"xroad_error\":\"Server.ServerProxy.NetworkError\"}");
  g_assert_cmpint (held->outcome, ==, LOKET_SUBMIT_HOLD);
  held_json = loket_reason_serialize (held->detail);
  g_assert_cmpstr (held_json, ==, "{\"code\":\"xroad-client\",\"status\":201,"
                                  "\"xroad_error\":\"Client.AccessDenied\"}");
  g_assert_cmpint (accepted->outcome, ==, LOKET_SUBMIT_ACCEPTED);
  g_assert_cmpstr (accepted->reference, ==, "R-1");
  /* The header means nothing to an agency that is not behind X-Road. */
  g_assert_cmpint (plain_accepted->outcome, ==, LOKET_SUBMIT_ACCEPTED);

  /* A GET's answer says the same through its error. */
  g_assert_false (loket_agency_answer_check_get (xroad, server, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Server.ServerProxy.NetworkError"));
}

static GPtrArray *
prepared (LoketAgencyProfile   profile,
          gpointer             state,
          LoketAgencyCallInfo *info)
{
  const LoketAgencyProfileOps *ops = loket_agency_profile_get (profile);
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);
  LoketReason *problem = NULL;

  if (ops->prepare != NULL)
    g_assert_true (ops->prepare (state, info, headers, &problem));
  g_assert_null (problem);
  g_ptr_array_add (headers, NULL);
  return headers;
}

/* Each profile's headers, call by call; plain adds none. */
static void
test_prepare (void)
{
  LoketAgencyConfig agency = { .id = (char *) "a", .url = (char *) "https://ss.example",
                               .xroad_client = (char *) "ID/GOV/3273/loket",
                               .xroad_service = (char *) "ID/GOV/7100/agency/loket" };
  const LoketAgencyProfileOps *xroad = loket_agency_profile_get (LOKET_AGENCY_PROFILE_XROAD);
  g_autofree char *base = xroad->base_url (&agency, agency.url);
  gpointer state = xroad->new_state (NULL, &agency);
  LoketAgencyCallInfo submit = { LOKET_AGENCY_CALL_SUBMIT, "P-1", "T-1", NULL };
  LoketAgencyCallInfo track = { LOKET_AGENCY_CALL_TRACK, NULL, "T-1", NULL };
  LoketAgencyCallInfo health = { LOKET_AGENCY_CALL_HEALTH, NULL, NULL, NULL };
  LoketAgencyCallInfo with_token = { LOKET_AGENCY_CALL_TRACK, NULL, "T-1", "secret-token" };
  g_autoptr(GPtrArray) xroad_submit = prepared (LOKET_AGENCY_PROFILE_XROAD, state, &submit);
  g_autoptr(GPtrArray) xroad_track = prepared (LOKET_AGENCY_PROFILE_XROAD, state, &track);
  g_autoptr(GPtrArray) xroad_health = prepared (LOKET_AGENCY_PROFILE_XROAD, state, &health);
  g_autoptr(GPtrArray) plain_submit = prepared (LOKET_AGENCY_PROFILE_PLAIN, NULL, &submit);
  g_autoptr(GPtrArray) oauth2_track = prepared (LOKET_AGENCY_PROFILE_OAUTH2, NULL, &with_token);
  g_autoptr(GPtrArray) oauth2_health = prepared (LOKET_AGENCY_PROFILE_OAUTH2, NULL, &health);
  g_autofree char *submit_headers = g_strjoinv ("|", (char **) xroad_submit->pdata);
  g_autofree char *track_headers = g_strjoinv ("|", (char **) xroad_track->pdata);
  g_autofree char *health_headers = g_strjoinv ("|", (char **) xroad_health->pdata);
  g_autofree char *token_headers = g_strjoinv ("|", (char **) oauth2_track->pdata);

  g_assert_cmpstr (base, ==, "https://ss.example/r1/ID/GOV/7100/agency/loket");
  g_assert_cmpstr (submit_headers, ==,
                   "X-Road-Client: ID/GOV/3273/loket|X-Road-Id: P-1|X-Road-Issue: T-1");
  g_assert_cmpstr (track_headers, ==, "X-Road-Client: ID/GOV/3273/loket|X-Road-Issue: T-1");
  g_assert_cmpstr (health_headers, ==, "X-Road-Client: ID/GOV/3273/loket");
  g_assert_cmpuint (plain_submit->len, ==, 1);
  g_assert_null (loket_agency_profile_get (LOKET_AGENCY_PROFILE_PLAIN)->base_url);
  g_assert_cmpstr (token_headers, ==, "Authorization: Bearer secret-token");
  g_assert_cmpuint (oauth2_health->len, ==, 1);

  xroad->free_state (state);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("loket-profiles-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chdir (dir), ==, 0);

  g_test_add_func ("/profiles/table-covers-config", test_table_covers_config);
  g_test_add_func ("/profiles/xroad-error", test_xroad_error);
  g_test_add_func ("/profiles/prepare", test_prepare);

  result = g_test_run ();

  g_unlink ("loket.conf");
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return result;
}
