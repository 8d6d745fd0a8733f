/* test-track-web.c — loket-track in a real browser and behind the shipped nginx site
 *
 * Both need programs from Debian (chromium, nginx): a test skips, saying why, when its
 * program is missing (./run-tests installs both through build-aux/ensure-packages.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "core/loket-tracking-code.h"
#include "track-fixture.h"

/* Runs argv; returns stdout, and stderr in *err. */
static char *
run (const char * const *argv,
     char              **err,
     int                *exit_status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  *exit_status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : 1;
  return out;
}

static char *
output_path (const char *name)
{
  const char *dir = g_getenv ("LOKET_TEST_OUTPUT");

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* Chromium's console and resource errors, from its log on stderr. */
static void
assert_no_console_errors (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "CONSOLE") != NULL || strstr (lines[i], "Refused to") != NULL ||
        strstr (lines[i], "Content Security Policy") != NULL ||
        strstr (lines[i], "net::ERR_") != NULL)
      g_error ("chromium reported: %s", lines[i]);
}

static char *
chromium (const char *mode,
          const char *size,
          const char *url)
{
  g_autofree char *window = g_strdup_printf ("--window-size=%s", size);
  g_autofree char *profile = g_dir_make_tmp ("loket-chromium-XXXXXX", NULL);
  g_autofree char *data_dir = g_strdup_printf ("--user-data-dir=%s", profile);
  g_autofree char *err = NULL;
  const char *argv[] = { "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--no-first-run", "--enable-logging=stderr",
                         "--v=0", "--accept-lang=id", data_dir, window, mode, url, NULL };
  char *out;
  int status = 0;

  out = run (argv, &err, &status);
  g_assert_cmpint (status, ==, 0);
  assert_no_console_errors (err);
  return out;
}

/* The page at a 360×800 phone viewport and at 1280×800, in Indonesian and English. */
static void
test_browser (void)
{
  g_autoptr(SimFixture) sim = NULL;
  g_autoptr(TrackFixture) track = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *url = NULL;
  g_autofree char *url_en = NULL;
  g_autofree char *dom = NULL;
  g_autofree char *dom_en = NULL;
  const char *sizes[][2] = { { "360,800", "phone" }, { "1280,800", "desktop" } };

  if (g_find_program_in_path ("chromium") == NULL)
    {
      g_test_skip ("chromium is not installed (Debian package chromium)");
      return;
    }

  sim = track_fixture_new_sim (FALSE);
  track_fixture_post_part (sim, "dukcapil", code, "birth-certificate");
  track_fixture_post_part (sim, "samsat", code, "stnk-renewal");
  track = track_fixture_new (sim, NULL, NULL, "rate-burst = 100\n");
  url = g_strdup_printf ("http://127.0.0.1:%u/%s?agencies=dukcapil,samsat,bpjs-kesehatan",
                         track->port, code);
  url_en = g_strconcat (url, "&lang=en", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("track-%s.png", sizes[i][1]);
      g_autofree char *png = output_path (name);
      g_autofree char *flag = g_strdup_printf ("--screenshot=%s", png);
      g_autofree char *out = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (png);
      g_autoptr(GFileInfo) info = NULL;

      g_unlink (png);
      out = chromium (flag, sizes[i][0], url);
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
      g_assert_nonnull (info);
      g_assert_cmpint (g_file_info_get_size (info), >, 1000);
      g_test_message ("screenshot: %s", png);
    }

  dom = chromium ("--dump-dom", "360,800", url);
  g_assert_nonnull (strstr (dom, "Status permohonan Anda"));
  g_assert_nonnull (strstr (dom, "Sudah sampai di instansi"));
  dom_en = chromium ("--dump-dom", "360,800", url_en);
  g_assert_nonnull (strstr (dom_en, "Status of your request"));
  g_assert_nonnull (strstr (dom_en, "Birth certificate"));
  g_assert_nonnull (strstr (dom_en, "Received by the office"));
  g_assert_nonnull (strstr (dom_en, "Waiting for another service"));
}

static char *
replace_line (const char *text,
              const char *marker,
              const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean found = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (lines[i], marker))
      {
        g_free (lines[i]);
        lines[i] = g_strdup (line);
        found = TRUE;
      }
  g_assert_true (found);
  return g_strjoinv ("\n", lines);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The shipped site, made to listen on loopback with the test certificates. */
static char *
write_nginx_config (SimFixture   *sim,
                    TrackFixture *track,
                    guint         port,
                    guint         plain_port)
{
  g_autofree char *site_path = g_build_filename (g_getenv ("LOKET_SOURCE_DIR"), "data", "nginx",
                                                 "loket-track.conf", NULL);
  g_autofree char *site = NULL;
  g_autofree char *main_conf = NULL;
  char *path = g_build_filename (sim->dir, "nginx.conf", NULL);
  g_autofree char *site_copy = g_build_filename (sim->dir, "site.conf", NULL);
  struct { const char *marker; char *line; } edits[] = {
    { "# upstream-server", g_strdup_printf ("    server 127.0.0.1:%u;", track->port) },
    { "# listen-tls", g_strdup_printf ("    listen 127.0.0.1:%u ssl http2;", port) },
    { "# listen-tls6", g_strdup ("") },
    { "# certificate", g_strdup_printf ("    ssl_certificate %s/server.pem;", sim->certs) },
    { "# certificate-key", g_strdup_printf ("    ssl_certificate_key %s/server.key;", sim->certs) },
    { "# access-log", g_strdup_printf ("    access_log %s/access.log loket_track_private;", sim->dir) },
    { "# error-log", g_strdup_printf ("    error_log %s/error.log error;", sim->dir) },
    { "# listen-plain", g_strdup_printf ("    listen 127.0.0.1:%u;", plain_port) },
    { "# listen-plain6", g_strdup ("") },
  };

  g_assert_true (g_file_get_contents (site_path, &site, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      char *edited = replace_line (site, edits[i].marker, edits[i].line);

      g_free (site);
      site = edited;
      g_free (edits[i].line);
    }
  g_assert_true (g_file_set_contents (site_copy, site, -1, NULL));

  main_conf = g_strdup_printf ("daemon off;\nmaster_process off;\npid %s/nginx.pid;\n"
                               "error_log %s/nginx-error.log;\nevents {}\nhttp {\n"
                               "  client_body_temp_path %s/tmp-body;\n  proxy_temp_path %s/tmp-proxy;\n"
                               "  fastcgi_temp_path %s/tmp-fcgi;\n  uwsgi_temp_path %s/tmp-uwsgi;\n"
                               "  scgi_temp_path %s/tmp-scgi;\n  access_log off;\n  include %s;\n}\n",
                               sim->dir, sim->dir, sim->dir, sim->dir, sim->dir, sim->dir,
                               sim->dir, site_copy);
  g_assert_true (g_file_set_contents (path, main_conf, -1, NULL));
  return path;
}

static char *
fetch_tls (const char *ca_file,
           const char *url,
           guint      *status)
{
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database", database,
                                                                  "timeout", 20, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "X-Forwarded-For",
                               "203.0.113.5");
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* nginx -t accepts the site, and one request goes through it to loket-track; the access
 * log holds no tracking code. */
static void
test_nginx (void)
{
  g_autoptr(SimFixture) sim = NULL;
  g_autoptr(TrackFixture) track = NULL;
  g_autoptr(GSubprocess) nginx = NULL;
  g_autofree char *nginx_path = g_find_program_in_path ("nginx");
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *config = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *body = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_path = NULL;
  g_autoptr(GError) error = NULL;
  guint port = free_port ();
  guint status = 0;
  int exit_status = 0;

  if (nginx_path == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    nginx_path = g_strdup ("/usr/sbin/nginx");
  if (nginx_path == NULL)
    {
      g_test_skip ("nginx is not installed (Debian package nginx)");
      return;
    }

  sim = track_fixture_new_sim (TRUE);
  track_fixture_post_part (sim, "dukcapil", code, "birth-certificate");
  track = track_fixture_new (sim, NULL, NULL, "trusted-proxies = 127.0.0.1\n");
  config = write_nginx_config (sim, track, port, free_port ());

  out = run ((const char * const[]) { nginx_path, "-t", "-q", "-p", sim->dir, "-c", config, NULL },
             &err, &exit_status);
  if (exit_status != 0)
    g_error ("nginx -t refused the site: %s", err);

  nginx = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, nginx_path, "-p", sim->dir, "-c",
                            config, NULL);
  g_assert_no_error (error);
  ca = g_build_filename (sim->certs, "ca.pem", NULL);
  url = g_strdup_printf ("https://127.0.0.1:%u/%s", port, code);
  /* nginx needs a moment to listen: wait for it, at most 10 s. */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        break;
      g_usleep (100 * 1000);
    }
  body = fetch_tls (ca, url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "Sudah sampai di instansi"));

  g_subprocess_send_signal (nginx, SIGQUIT);
  g_subprocess_wait (nginx, NULL, NULL);
  log_path = g_build_filename (sim->dir, "access.log", NULL);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_test_message ("access log: %s", log);
  g_assert_nonnull (strstr (log, "GET 200"));
  g_assert_null (strstr (log, code));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/track/browser", test_browser);
  g_test_add_func ("/track/nginx", test_nginx);
  return g_test_run ();
}
