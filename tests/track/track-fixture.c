/* track-fixture.c — loket-track started against the agency simulator, and requests to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-process.h"
#include "track-fixture.h"

gboolean track_fixture_debug_log = TRUE;

const char * const track_fixture_agencies[] = {
  "dukcapil", "bpjs-kesehatan", "samsat", "djp", "oss", "dpmptsp", NULL
};

/* Under the sanitizer: LeakSanitizer reads one suppression file, so loket-track gets the
 * tests' own (other libraries') and libsoup 3.2.3's server leaks (tests/agency-sim) in one.
 * Nothing of loket-track's belongs in either. */
static void
set_leak_suppressions (GSubprocessLauncher *launcher,
                       const char          *dir)
{
  const char *sources[] = { "lsan.supp", "agency-sim/libsoup-leaks.supp" };
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "lsan-track.supp", NULL);
  g_autofree char *options = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *source = g_build_filename (LOKET_TEST_SRCDIR, sources[i], NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
      g_string_append_printf (all, "%s\n", text);
    }
  /* libsoup 3.2.3 leaks the listening socket's address in soup_server_get_uris (as in
   * soup_server_listen_local for the simulator). */
  g_string_append (all, "leak:soup_server_get_uris\n");
  g_assert_true (g_file_set_contents (path, all->str, -1, NULL));
  options = g_strdup_printf ("suppressions=%s:print_suppressions=0", path);
  g_subprocess_launcher_setenv (launcher, "LSAN_OPTIONS", options, TRUE);
}

SimFixture *
track_fixture_new_sim (gboolean with_tls)
{
  return sim_fixture_new (with_tls, "--agency=dukcapil", "--agency=bpjs-kesehatan",
                          "--agency=samsat", "--agency=djp", "--agency=oss", "--agency=dpmptsp",
                          NULL);
}

TrackFixture *
track_fixture_new (SimFixture *sim,
                   const char *special,
                   const char *agency_lines,
                   const char *track_lines)
{
  TrackFixture *fixture = g_new0 (TrackFixture, 1);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *binary = g_build_filename (g_getenv ("LOKET_BUILD_DIR"), "track", "loket-track", NULL);
  g_autofree char *port_file = g_build_filename (sim->dir, "track-port", NULL);
  g_autofree char *config = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  sim_fixture_write_config (sim, 5, special, agency_lines);
  g_file_get_contents (sim->config_path, &config, NULL, &error);
  g_assert_no_error (error);
  text = g_strdup_printf ("%s\n[track-web]\nlisten = 127.0.0.1:0\n%s", config,
                          track_lines != NULL ? track_lines : "");
  g_file_set_contents (sim->config_path, text, -1, &error);
  g_assert_no_error (error);
  g_unlink (port_file);

  fixture->sim = sim;
  fixture->log = g_build_filename (sim->dir, "track.log", NULL);
  if (track_fixture_debug_log)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  /* GLib writes debug messages to stdout, warnings to stderr: one file for both. */
  g_subprocess_launcher_set_stdout_file_path (launcher, fixture->log);
  if (g_getenv ("LSAN_OPTIONS") != NULL)
    set_leak_suppressions (launcher, sim->dir);
  {
    const char *argv[] = { binary, "--config", sim->config_path, "--port-file", port_file,
                           NULL };

    fixture->track = test_process_spawn_on_port (launcher, argv, port_file, &fixture->port,
                                                 NULL, NULL);
  }

  fixture->session = soup_session_new_with_options ("timeout", 30, NULL);
  return fixture;
}

void
track_fixture_free (TrackFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  if (fixture == NULL)
    return;
  g_object_unref (fixture->session);
  g_subprocess_send_signal (fixture->track, SIGTERM);
  g_subprocess_wait_check (fixture->track, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (fixture->track);
  g_free (fixture->log);
  g_free (fixture);
}

char *
track_fixture_get (TrackFixture        *fixture,
                   const char          *method,
                   const char          *path,
                   guint               *status,
                   SoupMessageHeaders **headers,
                   const char          *first_header,
                   ...)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", fixture->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_nonnull (msg);
  va_start (args, first_header);
  for (const char *name = first_header; name != NULL; name = va_arg (args, const char *))
    soup_message_headers_append (soup_message_get_request_headers (msg), name,
                                 va_arg (args, const char *));
  va_end (args);

  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

void
track_fixture_post_part (SimFixture *sim,
                         const char *agency,
                         const char *code,
                         const char *service)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/%s/submissions", sim->port, agency);
  g_autofree char *part_id = g_uuid_string_random ();
  g_autoptr(GBytes) body = sim_fixture_make_body (code, part_id, service);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Idempotency-Key", part_id);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
}

gint64
track_fixture_sim_queries (SimFixture *sim)
{
  g_autoptr(GPtrArray) records = sim_fixture_read_record (sim);
  gint64 n = 0;

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = json_node_get_object (g_ptr_array_index (records, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "method", ""), "GET") == 0 &&
          g_str_has_suffix (json_object_get_string_member_with_default (record, "path", ""),
                            "/submissions"))
        n++;
    }
  return n;
}
