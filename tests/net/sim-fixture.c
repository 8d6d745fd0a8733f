/* sim-fixture.c — the agency simulator, a kiosk configuration and loketctl, for delivery tests
 *
 * Every test gets its own simulator on a free loopback port, its own state folder and key,
 * and runs the real `loketctl` against them, so what is proven is what staff would run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sim-fixture.h"
#include "test-process.h"
#include "test-tree.h"

static const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "samsat", "djp", "oss", "dpmptsp" };

static const char *
source_dir (void)
{
  const char *dir = g_getenv ("LOKET_SOURCE_DIR");

  return dir != NULL ? dir : LOKET_TEST_SRCDIR "/..";
}

static char *
build_path (const char *first,
            ...)
{
  const char *build = g_getenv ("LOKET_BUILD_DIR");
  g_autofree char *root = build != NULL ? g_strdup (build)
                                        : g_build_filename (LOKET_TEST_BUILDDIR, "..", NULL);
  g_autofree char *tail = NULL;
  va_list args;

  va_start (args, first);
  tail = g_build_filename_valist (first, &args);
  va_end (args);
  return g_build_filename (root, tail, NULL);
}

const char *
sim_fixture_catalog (void)
{
  static char *catalog;

  if (catalog == NULL)
    catalog = g_build_filename (source_dir (), "data", "catalog", NULL);
  return catalog;
}

char *
sim_fixture_request_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);

  return g_build_filename (source_dir (), "tests", "data", "requests", file, NULL);
}

static void
make_certs (SimFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (source_dir (), "tests", "agency-sim",
                                              "make-test-certs", NULL);
  const char *argv[] = { script, NULL, NULL };
  int wait_status = 0;

  fixture->certs = g_build_filename (fixture->dir, "certs", NULL);
  argv[1] = fixture->certs;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
}

SimFixture *
sim_fixture_new (gboolean    with_tls,
                 const char *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *tls_port_file = NULL;
  SimFixture *fixture = g_new0 (SimFixture, 1);
  guint8 key[32];
  va_list args;

  fixture->dir = g_dir_make_tmp ("loket-net-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->state_dir = g_build_filename (fixture->dir, "state", NULL);
  fixture->key_file = g_build_filename (fixture->dir, "outbox.key", NULL);
  fixture->config_path = g_build_filename (fixture->dir, "loket.conf", NULL);
  fixture->record = g_build_filename (fixture->dir, "record.jsonl", NULL);
  fixture->timing = g_strdup (SIM_FIXTURE_TIMING);
  fixture->language = g_strdup ("en");
  port_file = g_build_filename (fixture->dir, "port", NULL);
  tls_port_file = g_build_filename (fixture->dir, "tls-port", NULL);

  /* The key as a deployment provides it: 32 random bytes, readable by the service only. */
  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) g_random_int_range (0, 256);
  g_assert_true (g_file_set_contents_full (fixture->key_file, (const char *) key, sizeof key,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_assert_no_error (error);

  if (with_tls)
    make_certs (fixture);

  g_ptr_array_add (argv, build_path ("tests", "agency-sim", "loket-agency-sim", NULL));
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strconcat ("--port-file=", port_file, NULL));
  g_ptr_array_add (argv, g_strconcat ("--record=", fixture->record, NULL));
  g_ptr_array_add (argv, g_strdup ("--status-step=0"));
  if (with_tls)
    {
      g_ptr_array_add (argv, g_strdup_printf ("--tls-cert=%s/server.pem", fixture->certs));
      g_ptr_array_add (argv, g_strdup_printf ("--tls-key=%s/server.key", fixture->certs));
      g_ptr_array_add (argv, g_strdup_printf ("--client-ca=%s/ca.pem", fixture->certs));
      g_ptr_array_add (argv, g_strconcat ("--tls-port-file=", tls_port_file, NULL));
    }
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  test_process_sim_sanitizer (launcher, FALSE);
  fixture->sim = test_process_spawn_on_port (launcher, (const char * const *) argv->pdata,
                                             port_file, &fixture->port,
                                             with_tls ? tls_port_file : NULL, &fixture->tls_port);

  return fixture;
}

void
sim_fixture_free (SimFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  if (fixture == NULL)
    return;

  g_subprocess_send_signal (fixture->sim, SIGTERM);
  g_subprocess_wait_check (fixture->sim, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->sim);

  test_tree_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->state_dir);
  g_free (fixture->key_file);
  g_free (fixture->config_path);
  g_free (fixture->record);
  g_free (fixture->certs);
  g_free (fixture->timing);
  g_free (fixture->language);
  g_free (fixture);
}

void
sim_fixture_write_config (SimFixture *fixture,
                          guint       timeout,
                          const char *special,
                          const char *agency_lines)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (text,
                          "[kiosk]\n"
                          "id = test-kiosk-1\n"
                          "site = Test hall\n"
                          "catalog = %s\n"
                          "state-dir = %s\n"
                          "key-file = %s\n",
                          sim_fixture_catalog (), fixture->state_dir, fixture->key_file);

  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      g_string_append_printf (text, "\n[agency %s]\n", agencies[i]);
      if (g_strcmp0 (special, agencies[i]) == 0)
        g_string_append (text, agency_lines);
      else
        g_string_append_printf (text, "url = http://127.0.0.1:%u/%s\n", fixture->port,
                                agencies[i]);
      g_string_append_printf (text, "timeout = %u\n", timeout);
    }

  g_file_set_contents (fixture->config_path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
}

static GSubprocessLauncher *
ctl_launcher (SimFixture     *fixture,
              GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "LOKET_DELIVERY_TIMING", fixture->timing, TRUE);
  /* The tests read messages in English, unless one asks for another language. */
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", fixture->language, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  return launcher;
}

static GPtrArray *
ctl_argv (SimFixture *fixture,
          const char *first_arg,
          va_list     args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, build_path ("app", "loketctl", NULL));
  g_ptr_array_add (argv, g_strdup ("--config"));
  g_ptr_array_add (argv, g_strdup (fixture->config_path));
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  return argv;
}

int
sim_fixture_ctl (SimFixture  *fixture,
                 char       **out,
                 char       **err,
                 const char  *first_arg,
                 ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list args;

  va_start (args, first_arg);
  argv = ctl_argv (fixture, first_arg, args);
  va_end (args);

  launcher = ctl_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  else if (stderr_text != NULL && *stderr_text != '\0')
    g_test_message ("loketctl %s: %s", first_arg, stderr_text);

  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

GSubprocess *
sim_fixture_ctl_spawn (SimFixture *fixture,
                       const char *first_arg,
                       ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list args;

  va_start (args, first_arg);
  argv = ctl_argv (fixture, first_arg, args);
  va_end (args);

  launcher = ctl_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                    G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  test_process_end_with_test (launcher);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

char *
sim_fixture_submit (SimFixture *fixture,
                    const char *request)
{
  g_autofree char *path = sim_fixture_request_path (request);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = sim_fixture_ctl (fixture, &out, &err, "submit", path, NULL);
  if (status != 0)
    g_error ("loketctl submit %s failed: %s", request, err);
  g_assert_cmpint (status, ==, 0);
  g_strstrip (out);
  g_assert_cmpuint (strlen (out), ==, 13);
  return g_steal_pointer (&out);
}

/* A plain HTTP/1.0 exchange: the control API is on loopback and answers small JSON. */
JsonNode *
sim_fixture_control (SimFixture *fixture,
                     const char *method,
                     const char *path,
                     const char *body)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GOutputStream) answer = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *text, *start;
  gsize length;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) fixture->port,
                                                NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf ("%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                             "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                             method, path, body != NULL ? strlen (body) : 0,
                             body != NULL ? body : "");
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_splice (answer, g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);

  text = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (answer));
  length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (answer));
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "HTTP/1.1 2") || g_str_has_prefix (text, "HTTP/1.0 2"));
  start = g_strstr_len (text, (gssize) length, "\r\n\r\n");
  g_assert_nonnull (start);
  start += 4;
  if (start >= text + length)
    return json_node_new (JSON_NODE_NULL);

  json_parser_load_from_data (parser, start, (gssize) (text + length - start), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
sim_fixture_set_faults (SimFixture *fixture,
                        const char *agency,
                        const char *first_spec,
                        ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  va_list args;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "agency");
  json_builder_add_string_value (builder, agency);
  json_builder_set_member_name (builder, "faults");
  json_builder_begin_array (builder);
  va_start (args, first_spec);
  for (const char *spec = first_spec; spec != NULL; spec = va_arg (args, const char *))
    json_builder_add_string_value (builder, spec);
  va_end (args);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  answer = sim_fixture_control (fixture, "POST", "/_control/faults", body);
}

gint64
sim_fixture_stat (SimFixture *fixture,
                  const char *path)
{
  g_autoptr(JsonNode) stats = sim_fixture_control (fixture, "GET", "/_control/stats", NULL);
  g_auto(GStrv) names = g_strsplit (path, ".", -1);
  JsonNode *node = stats;

  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonObject *object;

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      object = json_node_get_object (node);
      if (!json_object_has_member (object, names[i]))
        return 0;
      node = json_object_get_member (object, names[i]);
    }
  return json_node_get_int (node);
}

GPtrArray *
sim_fixture_read_record (SimFixture *fixture)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (fixture->record, &contents, NULL, NULL))
    return records;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (records, json_node_copy (json_parser_get_root (parser)));
    }
  return records;
}

JsonNode *
sim_fixture_parts (SimFixture *fixture)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  JsonObject *root;

  g_assert_cmpint (sim_fixture_ctl (fixture, &out, NULL, "outbox", "list", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_node_copy (json_object_get_member (root, "parts"));
}

char *
sim_fixture_part_field (SimFixture *fixture,
                        const char *part_id,
                        const char *member)
{
  g_autoptr(JsonNode) parts = sim_fixture_parts (fixture);
  JsonArray *array = json_node_get_array (parts);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *part = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (part, "part_id"), part_id))
        {
          JsonNode *node = json_object_get_member (part, member);

          if (node == NULL)
            return NULL;
          if (json_node_get_value_type (node) == G_TYPE_STRING)
            return g_strdup (json_node_get_string (node));
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        }
    }
  return NULL;
}

GBytes *
sim_fixture_make_body (const char *tracking_code,
                       const char *part_id,
                       const char *service)
{
  char *text = g_strdup_printf ("{\"protocol\":\"loket-agency/1\",\"tracking_code\":\"%s\","
                                "\"part_id\":\"%s\",\"service\":\"%s\","
                                "\"submitted_at\":\"2026-11-28T09:00:00+07:00\","
                                "\"language\":\"id\",\"kiosk\":{\"id\":\"bench\","
                                "\"site\":\"Bench hall\"},\"verification\":\"none\","
                                "\"consent\":{\"basis\":\"consent\","
                                "\"granted_at\":\"2026-11-28T09:00:00+07:00\","
                                "\"text_sha256\":\"%064d\","
                                "\"details_text_sha256\":\"%064d\",\"details_opened\":false,"
                                "\"fields\":[\"applicant.name\"]},"
                                "\"data\":{\"applicant.name\":\"Bench Citizen\"}}",
                                tracking_code, part_id, service, 0, 1);

  return g_bytes_new_take (text, strlen (text));
}
