/* test-sim-tls.c — the agency simulator's HTTPS and mTLS, with make-test-certs' certificates
 *
 * Under the sanitizer this test runs without leak detection (see meson.build): after a TLS
 * handshake LeakSanitizer's tracer crashes at exit on Debian 12 while it scans dynamic
 * thread-local storage ("Tracer caught signal 11"), in this process and in the simulator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-agency-sim"

#include <string.h>

#include "test-sim-util.h"

static void
assert_json (JsonNode   *node,
             const char *path,
             const char *expected)
{
  g_autofree char *value = test_json_get (node, path);

  g_assert_cmpstr (value, ==, expected);
}

static SoupSession *
session_trusting (const char *dir,
                  const char *ca)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, ca, NULL);
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (path, &error);
  SoupSession *session = test_session_new (5);

  g_assert_no_error (error);
  soup_session_set_tls_database (session, database);
  return session;
}

static TestResponse *
https_get (SoupSession *session,
           TestSim     *sim,
           const char  *dir,
           const char  *client)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/djp/health", sim->tls_port);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  if (client != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *cert = g_strdup_printf ("%s/%s.pem", dir, client);
      g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, client);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key,
                                                                                 &error);

      g_assert_no_error (error);
      soup_message_set_tls_client_certificate (msg, certificate);
    }
  return test_request_message (session, msg);
}

static void
test_tls (void)
{
  g_autofree char *dir = test_sim_make_certs ();
  g_autofree char *cert = g_strconcat ("--tls-cert=", dir, "/server.pem", NULL);
  g_autofree char *key = g_strconcat ("--tls-key=", dir, "/server.key", NULL);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), cert, key, NULL);
  g_autoptr(SoupSession) trusting = session_trusting (dir, "ca.pem");
  g_autoptr(SoupSession) other = session_trusting (dir, "other-ca.pem");
  g_autoptr(SoupSession) system = test_session_new (5);
  g_autoptr(TestResponse) good = https_get (trusting, sim, dir, NULL);
  g_autoptr(TestResponse) wrong_ca = https_get (other, sim, dir, NULL);
  g_autoptr(TestResponse) system_ca = https_get (system, sim, dir, NULL);
  g_autofree char *plain_url = test_sim_url (sim, "/djp/health");
  g_autoptr(TestResponse) plain = test_request (system, "GET", plain_url, NULL, NULL, NULL);
  g_autoptr(GPtrArray) lines = NULL;

  g_assert_cmpuint (sim->tls_port, !=, sim->port);
  g_assert_no_error (good->error);
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_error (wrong_ca->error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_error (system_ca->error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  /* HTTP goes on beside HTTPS, on its own port. */
  g_assert_cmpuint (plain->status, ==, 200);

  lines = test_sim_record_lines (sim);
  g_assert_cmpuint (lines->len, ==, 2);
  assert_json (lines->pdata[0], "tls", "true");
  assert_json (lines->pdata[1], "tls", "false");
  test_sim_stop (sim);
  test_sim_remove_dir (dir);
}

static void
test_mtls (void)
{
  g_autofree char *dir = test_sim_make_certs ();
  g_autofree char *cert = g_strconcat ("--tls-cert=", dir, "/server.pem", NULL);
  g_autofree char *key = g_strconcat ("--tls-key=", dir, "/server.key", NULL);
  g_autofree char *client_ca = g_strconcat ("--client-ca=", dir, "/ca.pem", NULL);
  TestSim *sim = test_sim_start ("--catalog", test_sim_catalog (), cert, key, client_ca, NULL);
  g_autoptr(SoupSession) session = session_trusting (dir, "ca.pem");
  g_autoptr(TestResponse) with_cert = https_get (session, sim, dir, "client");
  g_autoptr(TestResponse) without = https_get (session, sim, dir, NULL);
  g_autoptr(TestResponse) stranger = https_get (session, sim, dir, "other-client");

  g_assert_no_error (with_cert->error);
  g_assert_cmpuint (with_cert->status, ==, 200);
  /* The handshake fails: nothing reaches the agency. */
  g_assert_nonnull (without->error);
  g_assert_cmpuint (without->status, ==, 0);
  g_assert_nonnull (stranger->error);
  g_assert_cmpuint (stranger->status, ==, 0);
  {
    g_autofree char *requests = test_stat (session, sim, "agencies.djp.requests");

    g_assert_cmpstr (requests, ==, "1");
  }
  test_sim_stop (sim);
  test_sim_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agency-sim/tls", test_tls);
  g_test_add_func ("/agency-sim/mtls", test_mtls);

  return g_test_run ();
}
