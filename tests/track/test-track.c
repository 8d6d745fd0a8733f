/* test-track.c — loket-track against the agency simulator on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "core/loket-tracking-code.h"
#include "track-fixture.h"

static const char * const statuses[] = {
  "received", "in_review", "needs_info", "approved", "rejected", "completed"
};

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
set_statuses (SimFixture *sim,
              const char *agency,
              const char *walk)
{
  g_autofree char *body = g_strdup_printf ("{\"agency\":\"%s\",\"settings\":{\"statuses\":\"%s\"}}",
                                           agency, walk);
  g_autoptr(JsonNode) answer = sim_fixture_control (sim, "POST", "/_control/agencies", body);
}

static JsonObject *
find_part (JsonArray  *parts,
           const char *agency)
{
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonObject *part = json_array_get_object_element (parts, i);

      if (g_strcmp0 (json_object_get_string_member (part, "agency"), agency) == 0)
        return part;
    }
  return NULL;
}

/* Every protocol status, each from its own agency, in JSON and on the page in both
 * languages; a part that waits for another is said to. */
static void
test_statuses (void)
{
  g_autoptr(SimFixture) sim = track_fixture_new_sim (FALSE);
  g_autoptr(TrackFixture) track = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *path = g_strdup_printf ("/%s", code);
  g_autofree char *display = loket_tracking_code_format (code);
  g_autofree char *html = NULL;
  g_autofree char *html_en = NULL;
  g_autofree char *html_en_link = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *parts;
  guint status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      set_statuses (sim, track_fixture_agencies[i], statuses[i]);
      track_fixture_post_part (sim, track_fixture_agencies[i], code, "stnk-renewal");
    }
  track = track_fixture_new (sim, NULL, NULL, NULL);

  json = track_fixture_get (track, "GET", path, &status, NULL, "Accept", "application/json", NULL);
  g_assert_cmpuint (status, ==, 200);
  root = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (root, "tracking_code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (root, "display_code"), ==, display);
  g_assert_cmpstr (json_object_get_string_member (root, "language"), ==, "id");
  g_assert_nonnull (json_object_get_string_member (root, "checked_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "agencies")), ==, 6);
  parts = json_object_get_array_member (root, "parts");
  g_assert_cmpuint (json_array_get_length (parts), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      JsonObject *part = find_part (parts, track_fixture_agencies[i]);

      g_assert_nonnull (part);
      g_assert_cmpstr (json_object_get_string_member (part, "state"), ==, statuses[i]);
      g_assert_cmpstr (json_object_get_string_member (part, "service"), ==, "stnk-renewal");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (part, "reference"), ""));
      /* Nothing personal: the simulator's answers carry none, and no output goes out. */
      g_assert_false (json_object_has_member (part, "outputs"));
    }
  g_assert_null (strstr (json, "Bench Citizen"));

  html = track_fixture_get (track, "GET", path, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (strlen (html), <, 30 * 1024);
  g_assert_nonnull (strstr (html, "<html lang=\"id\">"));
  g_assert_nonnull (strstr (html, "Status permohonan Anda"));
  g_assert_nonnull (strstr (html, display));
  for (const char * const *word = (const char * const[]) { "Sudah sampai di instansi", "Disetujui",
                                                            "Ditolak", "Selesai", NULL };
       *word != NULL; word++)
    if (strstr (html, *word) == NULL)
      g_error ("the Indonesian page lacks '%s':\n%s", *word, html);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));

  html_en = track_fixture_get (track, "GET", path, &status, NULL, "Accept-Language",
                               "en-GB,en;q=0.9,id;q=0.5", NULL);
  g_assert_nonnull (strstr (html_en, "<html lang=\"en\">"));
  g_assert_nonnull (strstr (html_en, "Status of your request"));
  g_assert_nonnull (strstr (html_en, "Rejected"));
  g_assert_nonnull (strstr (html_en, "Bahasa Indonesia"));

  g_free (path);
  path = g_strdup_printf ("/%s?lang=en", display);
  html_en_link = track_fixture_get (track, "GET", path, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (html_en_link, "Status of your request"));
}

static void
test_waiting (void)
{
  g_autoptr(SimFixture) sim = track_fixture_new_sim (FALSE);
  g_autoptr(TrackFixture) track = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *path = g_strdup_printf ("/%s?agencies=dukcapil,bpjs-kesehatan,unknown", code);
  g_autofree char *json = NULL;
  g_autofree char *html = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *waiting;
  guint status = 0;

  track_fixture_post_part (sim, "dukcapil", code, "birth-certificate");
  track = track_fixture_new (sim, NULL, NULL, NULL);
  json = track_fixture_get (track, "GET", path, &status, NULL, "Accept", "application/json", NULL);
  g_assert_cmpuint (status, ==, 200);
  root = parse_object (json);
  /* The unknown agency is ignored; only the two named ones were asked. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "agencies")), ==, 2);
  waiting = find_part (json_object_get_array_member (root, "parts"), "bpjs-kesehatan");
  g_assert_nonnull (waiting);
  g_assert_cmpstr (json_object_get_string_member (waiting, "state"), ==, "waiting");
  g_assert_cmpstr (json_object_get_string_member (waiting, "service"), ==, "bpjs-newborn");
  g_assert_cmpstr (json_object_get_string_member (waiting, "waiting_for"), ==, "birth-certificate");
  g_assert_cmpint (track_fixture_sim_queries (sim), ==, 2);

  html = track_fixture_get (track, "GET", path, &status, NULL, "Accept-Language", "en", NULL);
  g_assert_nonnull (strstr (html, "Waiting for another service"));
  g_assert_nonnull (strstr (html, "Will be sent after Birth certificate"));
}

/* One agency slow past the deadline, one 500, one garbage, one 10 MB, one refusing TLS:
 * the page comes in time with the good agency's part and the others marked. */
static void
test_faults (void)
{
  static const char * const faults[][2] = {
    { "bpjs-kesehatan", "latency:5000,method=get" },
    { "samsat", "status:500,method=get" },
    { "djp", "not-json,method=get" },
    { "oss", "huge:10,method=get" },
  };
  g_autoptr(SimFixture) sim = track_fixture_new_sim (TRUE);
  g_autoptr(TrackFixture) track = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *path = g_strdup_printf ("/%s", code);
  g_autofree char *json = NULL;
  g_autofree char *html = NULL;
  g_autofree char *tls_lines = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *agencies;
  gint64 started;
  double seconds;
  guint status = 0;

  for (guint i = 0; track_fixture_agencies[i] != NULL; i++)
    track_fixture_post_part (sim, track_fixture_agencies[i], code, "stnk-renewal");
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    sim_fixture_set_faults (sim, faults[i][0], faults[i][1], NULL);

  /* dpmptsp over HTTPS without the client certificate the simulator requires. */
  tls_lines = g_strdup_printf ("url = https://127.0.0.1:%u/dpmptsp\nca-file = %s/ca.pem\n",
                               sim->tls_port, sim->certs);
  track = track_fixture_new (sim, "dpmptsp", tls_lines, "agency-timeout = 1\n");

  started = g_get_monotonic_time ();
  json = track_fixture_get (track, "GET", path, &status, NULL, "Accept", "application/json", NULL);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("answered in %.2f s", seconds);
  /* The deadline is 1 s and the slow agency takes 5: well under that, with room for a
   * sanitizer build on a loaded machine (2.1 s seen there, 1.0 s in a normal build). */
  g_assert_cmpfloat (seconds, <, 3.0);
  g_assert_cmpuint (status, ==, 200);
  root = parse_object (json);
  agencies = json_object_get_array_member (root, "agencies");
  g_assert_cmpuint (json_array_get_length (agencies), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *agency = json_array_get_object_element (agencies, i);
      gboolean good = g_str_equal (json_object_get_string_member (agency, "id"), "dukcapil");

      g_assert_cmpint (json_object_get_boolean_member (agency, "answered"), ==, good);
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "parts")), ==, 1);
  g_assert_nonnull (find_part (json_object_get_array_member (root, "parts"), "dukcapil"));

  html = track_fixture_get (track, "GET", path, &status, NULL, "Accept-Language", "en", NULL);
  g_assert_nonnull (strstr (html, "could not be checked just now — try again later"));
}

/* A second request within the cache's time asks no agency: the simulator's log shows it. */
static void
test_cache (void)
{
  g_autoptr(SimFixture) sim = track_fixture_new_sim (FALSE);
  g_autoptr(TrackFixture) track = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *path = g_strdup_printf ("/%s?agencies=dukcapil,samsat", code);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *metrics = NULL;
  guint status = 0;

  track_fixture_post_part (sim, "dukcapil", code, "birth-certificate");
  track = track_fixture_new (sim, NULL, NULL, NULL);
  first = track_fixture_get (track, "GET", path, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (track_fixture_sim_queries (sim), ==, 2);

  second = track_fixture_get (track, "GET", path, &status, NULL, "Accept", "application/json", NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (second, "\"birth-certificate\""));
  g_assert_cmpint (track_fixture_sim_queries (sim), ==, 2);

  metrics = track_fixture_get (track, "GET", "/metrics", &status, NULL, NULL);
  g_assert_nonnull (strstr (metrics, "loket_track_cache_hits_total 2\n"));
  g_assert_nonnull (strstr (metrics, "loket_track_agency_calls_total{agency=\"dukcapil\",result=\"ok\"} 1\n"));
  g_assert_nonnull (strstr (metrics, "loket_track_requests_total{outcome=\"ok\"} 2\n"));
  g_assert_nonnull (strstr (metrics, "loket_track_request_duration_seconds_bucket{le=\"+Inf\"}"));
}

/* A wrong check symbol or a malformed code gets a friendly 400 and asks no agency; the
 * forms a person types (hyphens, spaces, O for 0, lower case) are forgiven. */
static void
test_bad_code (void)
{
  g_autoptr(SimFixture) sim = track_fixture_new_sim (FALSE);
  g_autoptr(TrackFixture) track = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *wrong = g_strdup (code);
  g_autofree char *path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *json = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *display = loket_tracking_code_format (code);
  guint status = 0;

  track_fixture_post_part (sim, "samsat", code, "stnk-renewal");
  track = track_fixture_new (sim, NULL, NULL, NULL);

  /* One symbol changed: the check symbol catches it. */
  wrong[3] = wrong[3] == '7' ? '8' : '7';
  path = g_strdup_printf ("/%s", wrong);
  html = track_fixture_get (track, "GET", path, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (strstr (html, "Kode ini tidak benar"));
  json = track_fixture_get (track, "GET", "/NOT-A-CODE%20AT-ALL", &status, NULL,
                            "Accept", "application/json", NULL);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (strstr (json, "\"error\":\"bad_code\""));
  g_free (html);
  html = track_fixture_get (track, "GET", "/%41BC", &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpint (track_fixture_sim_queries (sim), ==, 0);

  /* Lower case, spaces instead of hyphens: the same code. */
  g_free (path);
  typed = g_ascii_strdown (display, -1);
  g_strdelimit (typed, "-", ' ');
  {
    g_autofree char *escaped = g_uri_escape_string (typed, NULL, FALSE);

    path = g_strdup_printf ("/%s?agencies=samsat", escaped);
  }
  g_free (html);
  html = track_fixture_get (track, "GET", path, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (track_fixture_sim_queries (sim), ==, 1);
}

static guint
count_limited (TrackFixture *track,
               guint         n,
               gboolean      vary_forwarded)
{
  guint limited = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *forwarded = g_strdup_printf ("198.51.100.%u", vary_forwarded ? i + 1 : 250);
      g_autofree char *body = NULL;
      guint status = 0;

      /* Malformed requests count as much as any. */
      body = track_fixture_get (track, "GET", "/BAD", &status, NULL, "X-Forwarded-For", forwarded,
                                NULL);
      if (status == 429)
        limited++;
      else
        g_assert_cmpuint (status, ==, 400);
    }
  return limited;
}

/* The 21st request of a burst is refused; a forged X-Forwarded-For from a peer that is not a
 * trusted proxy changes nothing. */
static void
test_rate_limit_untrusted (void)
{
  g_autoptr(SimFixture) sim = track_fixture_new_sim (FALSE);
  g_autoptr(TrackFixture) track = track_fixture_new (sim, NULL, NULL, NULL);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *html = NULL;
  guint status = 0;

  g_assert_cmpuint (count_limited (track, 20, TRUE), ==, 0);
  html = track_fixture_get (track, "GET", "/BAD", &status, &headers, "X-Forwarded-For",
                            "203.0.113.99", NULL);
  g_assert_cmpuint (status, ==, 429);
  g_assert_nonnull (strstr (html, "Terlalu banyak permintaan"));
  g_assert_nonnull (soup_message_headers_get_one (headers, "Retry-After"));
}

/* Behind a trusted proxy, each client forwarded has its own bucket. */
static void
test_rate_limit_trusted (void)
{
  g_autoptr(SimFixture) sim = track_fixture_new_sim (FALSE);
  g_autoptr(TrackFixture) track = track_fixture_new (sim, NULL, NULL,
                                                     "trusted-proxies = 127.0.0.1\n");

  g_assert_cmpuint (count_limited (track, 30, TRUE), ==, 0);
  /* One forwarded client alone is limited. */
  g_assert_cmpuint (count_limited (track, 21, FALSE), ==, 1);
}

static void
assert_security_headers (SoupMessageHeaders *headers,
                         const char         *what)
{
  const char *csp = soup_message_headers_get_one (headers, "Content-Security-Policy");

  g_test_message ("headers of %s", what);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Referrer-Policy"), ==, "no-referrer");
  g_assert_nonnull (strstr (soup_message_headers_get_one (headers, "X-Robots-Tag"), "noindex"));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_nonnull (csp);
  g_assert_true (g_str_has_prefix (csp, "default-src 'none'; style-src 'sha256-"));
  g_assert_null (soup_message_headers_get_one (headers, "Set-Cookie"));
}

/* The page's style is exactly what the CSP's hash allows. */
static void
assert_style_allowed (const char         *html,
                      SoupMessageHeaders *headers)
{
  const char *start = strstr (html, "<style>");
  const char *end = strstr (html, "</style>");
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autofree char *base64 = NULL;
  g_autofree char *source = NULL;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  start += strlen ("<style>");
  g_checksum_update (checksum, (const guchar *) start, end - start);
  g_checksum_get_digest (checksum, digest, &length);
  base64 = g_base64_encode (digest, length);
  source = g_strdup_printf ("style-src 'sha256-%s'", base64);
  g_assert_nonnull (strstr (soup_message_headers_get_one (headers, "Content-Security-Policy"), source));
}

/* Headers on every kind of answer, and no whole tracking code in the log. */
static void
test_headers_and_log (void)
{
  g_autoptr(SimFixture) sim = track_fixture_new_sim (FALSE);
  g_autoptr(TrackFixture) track = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *unknown = loket_tracking_code_generate ();
  g_autofree char *display = loket_tracking_code_format (code);
  g_autofree char *log = NULL;
  struct {
    const char *method;
    char       *path;
    const char *accept;
    guint       status;
  } cases[] = {
    { "GET", g_strdup_printf ("/%s", code), NULL, 200 },
    { "GET", g_strdup_printf ("/%s", code), "application/json", 200 },
    { "HEAD", g_strdup_printf ("/%s", code), NULL, 200 },
    { "GET", g_strdup_printf ("/%s", unknown), NULL, 404 },
    { "GET", g_strdup ("/ABCD"), NULL, 400 },
    { "GET", g_strdup ("/a/b"), NULL, 404 },
    { "POST", g_strdup_printf ("/%s", code), NULL, 405 },
    { "GET", g_strdup_printf ("/%s?agencies=%02000d", code, 0), NULL, 414 },
    { "GET", g_strdup ("/healthz"), NULL, 200 },
    { "GET", g_strdup ("/metrics"), NULL, 200 },
  };

  track_fixture_post_part (sim, "dukcapil", code, "birth-certificate");
  track = track_fixture_new (sim, NULL, NULL, "rate-burst = 100\n");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessageHeaders) headers = NULL;
      g_autofree char *body = NULL;
      guint status = 0;

      body = track_fixture_get (track, cases[i].method, cases[i].path, &status, &headers,
                                "Accept", cases[i].accept != NULL ? cases[i].accept : "text/html",
                                NULL);
      g_test_message ("%s %s -> %u", cases[i].method, cases[i].path, status);
      g_assert_cmpuint (status, ==, cases[i].status);
      assert_security_headers (headers, cases[i].path);
      if (g_str_has_prefix (soup_message_headers_get_content_type (headers, NULL), "text/html") &&
          g_strcmp0 (cases[i].method, "HEAD") != 0)
        assert_style_allowed (body, headers);
      g_free (cases[i].path);
    }

  /* A large header is refused too. */
  {
    g_autoptr(SoupMessageHeaders) headers = NULL;
    g_autofree char *big = g_strnfill (9000, 'x');
    g_autofree char *body = NULL;
    guint status = 0;

    body = track_fixture_get (track, "GET", "/healthz", &status, &headers, "X-Big", big, NULL);
    g_assert_cmpuint (status, ==, 431);
    assert_security_headers (headers, "431");
  }

  g_file_get_contents (track->log, &log, NULL, NULL);
  g_assert_nonnull (log);
  g_assert_nonnull (strstr (log, "GET 200"));
  g_assert_null (strstr (log, code));
  g_assert_null (strstr (log, unknown));
  g_assert_null (strstr (log, display));
}

static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_strchomp (g_steal_pointer (&out));
}

/* A request submitted with `loketctl submit --wait`, its receipt rendered to PNG, the QR
 * decoded with zbarimg, and that URL fetched from loket-track: every part listed. */
static void
test_end_to_end (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(TrackFixture) track = track_fixture_new (sim, NULL, NULL, NULL);
  g_autofree char *request = sim_fixture_request_path ("four-agencies");
  g_autofree char *png = g_build_filename (sim->dir, "receipt.png", NULL);
  g_autofree char *config = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *url = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *parts;
  guint n_parts = 0;
  guint status = 0;

  /* The kiosk's side of the same file: its QR points at this loket-track. */
  g_file_get_contents (sim->config_path, &config, NULL, NULL);
  text = g_strdup_printf ("%s\n[tracking]\nurl = http://127.0.0.1:%u/{code}?agencies={agencies}\n",
                          config, track->port);
  g_file_set_contents (sim->config_path, text, -1, NULL);

  g_assert_cmpint (sim_fixture_ctl (sim, &out, &err, "submit", request, "--wait", "30", NULL), ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (strlen (lines[0]), ==, 13);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sim_fixture_ctl (sim, NULL, &err, "receipt", "render", lines[0], "--format", "png",
                                    "--width", "80", "--out", png, NULL), ==, 0);

  url = run_tool ((const char * const[]) { "zbarimg", "--quiet", "--raw", "-Sdisable",
                                           "-Sqrcode.enable", png, NULL });
  g_test_message ("the QR code says %s", url);
  prefix = g_strdup_printf ("http://127.0.0.1:%u/", track->port);
  g_assert_true (g_str_has_prefix (url, prefix));
  g_assert_nonnull (strstr (url, "?agencies="));

  json = track_fixture_get (track, "GET", url + strlen (prefix) - 1, &status, NULL,
                            "Accept", "application/json", NULL);
  g_assert_cmpuint (status, ==, 200);
  root = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (root, "tracking_code"), ==, lines[0]);
  parts = json_object_get_array_member (root, "parts");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 5);
      gboolean found = FALSE;

      n_parts++;
      for (guint j = 0; j < json_array_get_length (parts); j++)
        {
          JsonObject *part = json_array_get_object_element (parts, j);

          if (g_strcmp0 (json_object_get_string_member (part, "service"), words[1]) == 0 &&
              g_strcmp0 (json_object_get_string_member (part, "agency"), words[2]) == 0)
            {
              found = TRUE;
              g_assert_cmpstr (json_object_get_string_member (part, "state"), ==, "received");
              g_assert_cmpstr (json_object_get_string_member (part, "reference"), ==, words[4]);
            }
        }
      if (!found)
        g_error ("part %s %s is not on the tracking page:\n%s", words[1], words[2], json);
    }
  g_assert_cmpuint (n_parts, >=, 4);
  g_assert_cmpuint (json_array_get_length (parts), ==, n_parts);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/track/statuses", test_statuses);
  g_test_add_func ("/track/waiting", test_waiting);
  g_test_add_func ("/track/faults", test_faults);
  g_test_add_func ("/track/cache", test_cache);
  g_test_add_func ("/track/bad-code", test_bad_code);
  g_test_add_func ("/track/rate-limit/untrusted", test_rate_limit_untrusted);
  g_test_add_func ("/track/rate-limit/trusted", test_rate_limit_trusted);
  g_test_add_func ("/track/headers-and-log", test_headers_and_log);
  g_test_add_func ("/track/end-to-end", test_end_to_end);
  return g_test_run ();
}
