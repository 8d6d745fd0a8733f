/* test-sim-util.c — start the built agency simulator and talk to it, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-agency-sim"

#include <string.h>

#include <glib/gstdio.h>

#include "test-process.h"
#include "test-sim-util.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const char *
test_sim_catalog (void)
{
  return LOKET_TEST_SRCDIR "/agency-sim/catalog";
}

void
test_sim_remove_dir (const char *dir)
{
  g_autoptr(GDir) folder = NULL;
  const char *name;

  if (dir == NULL)
    return;
  folder = g_dir_open (dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_no_errno (g_remove (path));
    }
  g_assert_no_errno (g_rmdir (dir));
}

char *
test_sim_make_certs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-sim-certs-XXXXXX", &error);
  g_autofree char *script = g_build_filename (LOKET_TEST_SRCDIR, "agency-sim",
                                              "make-test-certs", NULL);
  const char *argv[] = { script, dir, NULL };
  int wait_status = 0;

  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

TestSim *
test_sim_start (const char *first_arg,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *tls_port_file = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  gboolean tls = FALSE;
  TestSim *sim = g_new0 (TestSim, 1);
  va_list args;

  sim->dir = g_dir_make_tmp ("loket-sim-XXXXXX", &error);
  g_assert_no_error (error);
  port_file = g_build_filename (sim->dir, "port", NULL);
  tls_port_file = g_build_filename (sim->dir, "tls-port", NULL);
  sim->record = g_build_filename (sim->dir, "record.jsonl", NULL);

  g_ptr_array_add (argv, test_process_sim_program ());
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strconcat ("--port-file=", port_file, NULL));
  g_ptr_array_add (argv, g_strconcat ("--record=", sim->record, NULL));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    {
      tls = tls || g_str_has_prefix (arg, "--tls-cert");
      g_ptr_array_add (argv, g_strdup (arg));
    }
  va_end (args);
  if (tls)
    g_ptr_array_add (argv, g_strconcat ("--tls-port-file=", tls_port_file, NULL));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  /* After a TLS handshake LeakSanitizer's tracer crashes at exit on Debian 12 (see
   * meson.build): a simulator serving HTTPS is checked for memory errors only. */
  test_process_sim_sanitizer (launcher, !tls);
  sim->process = test_process_spawn_on_port (launcher, (const char * const *) argv->pdata,
                                             port_file, &sim->port,
                                             tls ? tls_port_file : NULL, &sim->tls_port);
  return sim;
}

void
test_sim_stop (TestSim *sim)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = g_build_filename (sim->dir, "port", NULL);
  g_autofree char *tls_port_file = g_build_filename (sim->dir, "tls-port", NULL);

  g_subprocess_send_signal (sim->process, SIGTERM);
  g_subprocess_wait (sim->process, NULL, &error);
  g_assert_no_error (error);
  /* A clean shutdown: exit status 0, not killed by the signal. */
  g_assert_true (g_subprocess_get_if_exited (sim->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sim->process), ==, 0);

  g_remove (port_file);
  g_remove (tls_port_file);
  g_remove (sim->record);
  g_assert_no_errno (g_rmdir (sim->dir));
  g_object_unref (sim->process);
  g_free (sim->dir);
  g_free (sim->record);
  g_free (sim);
}

char *
test_sim_url (TestSim    *sim,
              const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", sim->port, path);
}

GPtrArray *
test_sim_record_lines (TestSim *sim)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (sim->record, &text, NULL, NULL))
    return nodes;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_ptr_array_add (nodes, node);
    }
  return nodes;
}

SoupSession *
test_session_new (guint timeout)
{
  SoupSession *session = soup_session_new_with_options ("timeout", timeout, NULL);

  soup_session_set_proxy_resolver (session, NULL);
  return session;
}

void
test_response_free (TestResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_error (&response->error);
  g_free (response);
}

TestResponse *
test_request_message (SoupSession *session,
                      SoupMessage *msg)
{
  TestResponse *response = g_new0 (TestResponse, 1);

  /* A fresh connection each time: libsoup resends a request whose reused connection
   * failed, which would make counts depend on connection reuse. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  response->body = soup_session_send_and_read (session, msg, NULL, &response->error);
  if (response->error == NULL)
    {
      response->status = soup_message_get_status (msg);
      response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
    }
  return response;
}

TestResponse *
test_request (SoupSession *session,
              const char  *method,
              const char  *url,
              const char  *content_type,
              const char  *body,
              ...)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  va_list args;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  va_start (args, body);
  for (const char *name = va_arg (args, const char *); name != NULL;
       name = va_arg (args, const char *))
    soup_message_headers_replace (soup_message_get_request_headers (msg), name,
                                  va_arg (args, const char *));
  va_end (args);
  return test_request_message (session, msg);
}

const char *
test_response_text (TestResponse *response)
{
  g_assert_no_error (response->error);
  /* soup_session_send_and_read () NUL-terminates what it read. */
  return g_bytes_get_size (response->body) > 0 ? g_bytes_get_data (response->body, NULL) : "";
}

JsonNode *
test_response_json (TestResponse *response)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (test_response_text (response), &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

char *
test_json_get (JsonNode   *node,
               const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);

  for (guint i = 0; steps[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (steps[i], NULL, 10);

          node = index < json_array_get_length (array)
                 ? json_array_get_element (array, (guint) index) : NULL;
        }
      else
        node = NULL;
    }
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        default:
          break;
        }
    }
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

char *
test_tracking_code (guint64 n)
{
  char code[14];
  guint64 value;
  guint64 rest;

  /* The next value whose check is a symbol, as the kiosk draws again otherwise. */
  for (value = n & G_GUINT64_CONSTANT (0xFFFFFFFFFFFFFFF); value % 37 >= 32; value++)
    ;
  rest = value;
  for (int i = 11; i >= 0; i--)
    {
      code[i] = crockford[rest % 32];
      rest /= 32;
    }
  code[12] = crockford[value % 37];
  code[13] = '\0';
  return g_strdup (code);
}

char *
test_submission (const char *key,
                 const char *tracking_code,
                 const char *service,
                 const char *data_json)
{
  g_autoptr(JsonNode) data = json_from_string (data_json, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;

  g_assert_nonnull (data);
  members = json_object_get_members (json_node_get_object (data));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, "loket-agency/1");
  json_builder_set_member_name (builder, "tracking_code");
  json_builder_add_string_value (builder, tracking_code);
  json_builder_set_member_name (builder, "part_id");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "service");
  json_builder_add_string_value (builder, service);
  json_builder_set_member_name (builder, "submitted_at");
  json_builder_add_string_value (builder, "2026-03-02T09:15:00+07:00");
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "id");
  json_builder_set_member_name (builder, "kiosk");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "test-1");
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, "MPP Test");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "verification");
  json_builder_add_string_value (builder, "none");
  json_builder_set_member_name (builder, "consent");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "basis");
  json_builder_add_string_value (builder, "consent");
  json_builder_set_member_name (builder, "granted_at");
  json_builder_add_string_value (builder, "2026-03-02T09:14:00+07:00");
  json_builder_set_member_name (builder, "text_sha256");
  json_builder_add_string_value (builder,
                                 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  json_builder_set_member_name (builder, "details_text_sha256");
  json_builder_add_string_value (builder,
                                 "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752");
  json_builder_set_member_name (builder, "details_opened");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (GList *l = members; l != NULL; l = l->next)
    json_builder_add_string_value (builder, l->data);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, json_node_copy (data));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

TestResponse *
test_submit (SoupSession *session,
             TestSim     *sim,
             const char  *path,
             const char  *key,
             const char  *tracking_code,
             const char  *service,
             const char  *data_json)
{
  g_autofree char *url = test_sim_url (sim, path);
  g_autofree char *body = test_submission (key, tracking_code, service, data_json);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", key);

  return test_request (session, "POST", url, "application/json", body,
                       "Idempotency-Key", quoted,
                       "Accept-Language", "id",
                       "X-Loket-Kiosk", "test-1",
                       NULL);
}

void
test_control (SoupSession *session,
              TestSim     *sim,
              const char  *what,
              const char  *json)
{
  g_autofree char *path = g_strconcat ("/_control/", what, NULL);
  g_autofree char *url = test_sim_url (sim, path);
  g_autoptr(TestResponse) response = test_request (session, "POST", url, "application/json",
                                                   json, NULL);

  g_assert_no_error (response->error);
  if (response->status != 200)
    g_error ("POST %s %s: %u %s", path, json, response->status, test_response_text (response));
}

char *
test_stat (SoupSession *session,
           TestSim     *sim,
           const char  *path)
{
  g_autofree char *url = test_sim_url (sim, "/_control/stats");
  g_autoptr(TestResponse) response = test_request (session, "GET", url, NULL, NULL, NULL);
  g_autoptr(JsonNode) stats = NULL;

  g_assert_cmpuint (response->status, ==, 200);
  stats = test_response_json (response);
  return test_json_get (stats, path);
}
