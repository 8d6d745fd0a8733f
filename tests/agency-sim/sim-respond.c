/* sim-respond.c — how the simulator answers a request, and the record of every answer
 *
 * Every answer to an agency request goes through here, so each is written to the record
 * file (one JSON line, for tests to read while the simulator runs), counted for
 * GET /_control/stats, and ends the request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim.h"
#include "sim-request.h"

static void
sim_request_free (SimRequest *req)
{
  g_clear_object (&req->msg);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->path);
  g_free (req);
}

/* ---- answering ---- */

static char *
now_rfc3339 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
record_header (JsonBuilder        *builder,
               SoupMessageHeaders *headers,
               const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);

  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static JsonNode *
body_as_json (GBytes *body)
{
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;

  if (length == 0)
    return json_node_new (JSON_NODE_NULL);
  if (length <= MAX_BODY && sim_json_depth_within (data, length, MAX_DEPTH)
      && json_parser_load_from_data (parser, data, (gssize) length, NULL)
      && json_parser_get_root (parser) != NULL)
    return json_node_copy (json_parser_get_root (parser));

  node = json_node_new (JSON_NODE_VALUE);
  {
    g_autofree char *text = g_utf8_make_valid (data, (gssize) MIN (length, (gsize) 4096));

    json_node_set_string (node, text);
  }
  return node;
}

/* What was answered: the headers a client acts on and the body. A token answer's
 * access_token is withheld: the record must not hold a credential. */
static void
record_answer (JsonBuilder *builder,
               SimRequest  *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  JsonNode *node = body_as_json (bytes);
  static const char * const names[] = {
    "Content-Type", "Retry-After", "X-Road-Error", "WWW-Authenticate",
  };

  if (g_str_has_prefix (req->path, "/_oauth/") && JSON_NODE_HOLDS_OBJECT (node)
      && json_object_has_member (json_node_get_object (node), "access_token"))
    json_object_set_string_member (json_node_get_object (node), "access_token", "(withheld)");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    record_header (builder, headers, names[i]);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_value (builder, node);
  json_builder_end_object (builder);
}

static void
write_line (FILE       *file,
            const char *line)
{
  if (file == NULL)
    return;
  fprintf (file, "%s\n", line);
  fflush (file);
}

/* One JSON line per request received, flushed at once: tests count lines while the
 * simulator runs. answered: FALSE when a fault took the connection over. */
static void
record (SimRequest *req,
        guint       status,
        const char *reference,
        const char *fault,
        gboolean    answered)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  GUri *uri = soup_server_message_get_uri (req->msg);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = now_rfc3339 ();
  g_autofree char *line = NULL;
  static const char * const names[] = {
    "Idempotency-Key", "Accept-Language", "X-Loket-Kiosk", "Content-Type",
    "X-Road-Client", "X-Road-Id", "X-Road-Issue", "User-Agent",
  };

  if (req->server->record == NULL && req->server->wire_record == NULL)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "agency");
  if (req->agency != NULL)
    json_builder_add_string_value (builder, req->agency->id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, req->method);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, req->path);
  if (g_uri_get_query (uri) != NULL)
    {
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, g_uri_get_query (uri));
    }
  json_builder_set_member_name (builder, "tls");
  json_builder_add_boolean_value (builder, g_str_equal (g_uri_get_scheme (uri), "https"));
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    record_header (builder, headers, names[i]);
  json_builder_set_member_name (builder, "Authorization");
  json_builder_add_boolean_value (builder,
                                  soup_message_headers_get_one (headers, "Authorization") != NULL);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "body");
  /* A token request's body holds a client secret. */
  if (g_str_has_prefix (req->path, "/_oauth/"))
    json_builder_add_null_value (builder);
  else
    json_builder_add_value (builder, body_as_json (req->body));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "reference");
  if (reference != NULL)
    json_builder_add_string_value (builder, reference);
  else
    json_builder_add_null_value (builder);
  if (fault != NULL)
    {
      json_builder_set_member_name (builder, "fault");
      json_builder_add_string_value (builder, fault);
    }
  json_builder_set_member_name (builder, "answer");
  if (answered)
    record_answer (builder, req);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  write_line (req->server->record, line);
  write_line (req->server->wire_record, line);
}

static void
count_status (SimRequest *req,
              const char *what)
{
  guint count;

  if (req->agency == NULL)
    return;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (req->agency->status_counts, what));
  g_hash_table_replace (req->agency->status_counts, g_strdup (what),
                        GUINT_TO_POINTER (count + 1));
}

void
sim_respond_json (SoupServerMessage *msg,
                  guint              status,
                  JsonNode          *body)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (body != NULL);

  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

/* Records req's answer (already set on its message) and ends req. */
static void
finish (SimRequest *req,
        guint       status,
        const char *reference,
        const char *fault)
{
  g_autofree char *code = g_strdup_printf ("%u", status);

  record (req, status, reference, fault, TRUE);
  count_status (req, code);
  g_debug ("%s %s → %u", req->method, req->path, status);
  if (req->paused)
    soup_server_message_unpause (req->msg);
  sim_request_free (req);
}

/* Answers, records and ends req. body is consumed. */
void
sim_request_respond (SimRequest *req,
                     guint       status,
                     JsonNode   *body,
                     const char *reference,
                     const char *fault)
{
  if (body != NULL)
    sim_respond_json (req->msg, status, body);
  else
    soup_server_message_set_status (req->msg, status, NULL);
  g_clear_pointer (&body, json_node_unref);

  finish (req, status, reference, fault);
}

/* The same with a body the simulator wrote itself, sent as application/json whether it is
 * JSON or not (that is the fault). text is taken. */
void
sim_request_respond_text (SimRequest *req,
                          guint       status,
                          char       *text,
                          const char *fault)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
  finish (req, status, NULL, fault);
}

JsonNode *
sim_error_body (const char *field,
                const char *code,
                const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
sim_request_respond_error (SimRequest *req,
                           guint       status,
                           const char *field,
                           const char *code,
                           const char *message)
{
  sim_request_respond (req, status, sim_error_body (field, code, message), NULL, NULL);
}

/* As an X-Road security server answers: the error's type in X-Road-Error and the body. */
void
sim_request_respond_xroad_error (SimRequest *req,
                                 const char *type,
                                 const char *message,
                                 const char *fault)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *detail = g_uuid_string_random ();
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  json_builder_end_object (builder);

  soup_message_headers_replace (headers, "X-Road-Error", type);
  sim_request_respond (req, g_str_has_prefix (type, "Server.") ? 500 : 400,
                       json_builder_get_root (builder), NULL, fault);
}

/* For the faults that break HTTP itself: the fault takes the connection over. */
void
sim_request_respond_raw (SimRequest     *req,
                         const SimFault *fault)
{
  const char *name = sim_fault_kind_to_string (fault->kind);

  record (req, 0, NULL, name, FALSE);
  count_status (req, name);
  g_debug ("%s %s → %s", req->method, req->path, name);
  sim_fault_write_raw (req->server, fault, req->msg);
  sim_request_free (req);
}

void
sim_request_pause (SimRequest *req)
{
  if (!req->paused)
    soup_server_message_pause (req->msg);
  req->paused = TRUE;
}
