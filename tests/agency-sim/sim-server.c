/* sim-server.c — the simulator's agencies, their settings, routing, faults and record
 *
 * One SoupServer handler routes every request: /_control/… to sim-control.c,
 * /_oauth/AGENCY/token to the token endpoint (sim-auth.c), /r1/SERVICE/… to an agency in
 * X-Road mode and /AGENCY/… to the others. A request to an agency goes through its faults
 * first (a latency fault pauses it and lets the next fault have its turn), then
 * authentication, then the endpoint (sim-submissions.c). Every request except the control
 * API's is written to the record file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim.h"
#include "sim-request.h"

static const char * const default_statuses[] = {
  "received", "in_review", "approved", "completed", NULL
};
static const char * const known_statuses[] = {
  "received", "in_review", "needs_info", "approved", "rejected", "completed", NULL
};

static void
sim_request_free (SimRequest *req)
{
  g_clear_object (&req->msg);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->path);
  g_free (req);
}

static void
agency_free (SimAgency *agency)
{
  g_free (agency->id);
  g_free (agency->prefix);
  g_free (agency->token);
  g_free (agency->client_id);
  g_free (agency->client_secret);
  g_free (agency->xroad_service);
  g_clear_pointer (&agency->service_outputs_delay, g_hash_table_unref);
  g_strfreev (agency->statuses);
  g_clear_pointer (&agency->faults, g_ptr_array_unref);
  g_clear_pointer (&agency->status_counts, g_hash_table_unref);
  g_free (agency);
}

static void
token_free (SimToken *token)
{
  g_free (token->agency);
  g_free (token);
}

SimServer *
sim_server_new (void)
{
  SimServer *server = g_new0 (SimServer, 1);

  server->agencies = g_hash_table_new (g_str_hash, g_str_equal);
  server->agency_order = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_free);
  server->submissions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->submission_list = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_submission_free);
  server->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) token_free);
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  return server;
}

void
sim_server_free (SimServer *server)
{
  if (server == NULL)
    return;
  g_clear_pointer (&server->held, g_ptr_array_unref);
  g_clear_pointer (&server->tokens, g_hash_table_unref);
  g_clear_pointer (&server->submissions, g_hash_table_unref);
  g_clear_pointer (&server->submission_list, g_ptr_array_unref);
  g_clear_pointer (&server->agencies, g_hash_table_unref);
  g_clear_pointer (&server->agency_order, g_ptr_array_unref);
  g_clear_pointer (&server->services, g_hash_table_unref);
  g_clear_object (&server->client_ca);
  if (server->record != NULL)
    fclose (server->record);
  g_free (server);
}

/* "DKP" for "dukcapil"-like ids: the first three letters or digits, upper case. */
static char *
default_prefix (const char *id)
{
  GString *prefix = g_string_new (NULL);

  for (const char *p = id; *p != '\0' && prefix->len < 3; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (prefix, g_ascii_toupper (*p));
  if (prefix->len == 0)
    g_string_append (prefix, "AGY");
  return g_string_free (prefix, FALSE);
}

SimAgency *
sim_server_add_agency (SimServer  *server,
                       const char *id)
{
  SimAgency *agency;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  agency = g_hash_table_lookup (server->agencies, id);
  if (agency != NULL)
    return agency;

  agency = g_new0 (SimAgency, 1);
  agency->id = g_strdup (id);
  agency->prefix = default_prefix (id);
  agency->profile = SIM_PROFILE_PLAIN;
  agency->client_id = g_strdup ("loket");
  agency->client_secret = g_strdup ("secret");
  agency->token_lifetime = 3600;
  agency->statuses = g_strdupv ((char **) default_statuses);
  agency->service_outputs_delay = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, g_free);
  agency->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_fault_free);
  agency->status_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  agency->next_reference = 1;
  g_hash_table_insert (server->agencies, agency->id, agency);
  g_ptr_array_add (server->agency_order, agency);
  return agency;
}

/* GLib 2.74 has no g_set_str (). */
static void
set_str (char       **place,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*place);
  *place = copy;
}

static gboolean
parse_seconds (const char  *key,
               const char  *value,
               double      *out,
               GError     **error)
{
  char *end = NULL;
  double seconds = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !(seconds >= 0) || seconds > 1e7)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "%s: '%s' is not a number of seconds", key, value);
      return FALSE;
    }
  *out = seconds;
  return TRUE;
}

static gboolean
parse_uint (const char  *key,
            const char  *value,
            guint64      min,
            guint64      max,
            guint       *out,
            GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "%s: '%s' is not a whole number from %" G_GUINT64_FORMAT
                   " to %" G_GUINT64_FORMAT, key, value, min, max);
      return FALSE;
    }
  *out = (guint) number;
  return TRUE;
}

/* One agency setting, from the keyfile, --set or POST /_control/agencies. */
gboolean
sim_server_set (SimServer   *server,
                const char  *agency_id,
                const char  *key,
                const char  *value,
                GError     **error)
{
  SimAgency *agency;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (agency_id != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  agency = g_hash_table_lookup (server->agencies, agency_id);
  if (agency == NULL)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "no agency '%s' is served (give it with --agency or in the catalog)",
                   agency_id);
      return FALSE;
    }

  if (g_str_equal (key, "prefix"))
    set_str (&agency->prefix, value);
  else if (g_str_equal (key, "profile"))
    {
      if (g_str_equal (value, "plain"))
        agency->profile = SIM_PROFILE_PLAIN;
      else if (g_str_equal (value, "oauth2"))
        agency->profile = SIM_PROFILE_OAUTH2;
      else if (g_str_equal (value, "xroad"))
        agency->profile = SIM_PROFILE_XROAD;
      else
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "profile: '%s' is not plain, oauth2 or xroad", value);
          return FALSE;
        }
    }
  else if (g_str_equal (key, "token"))
    set_str (&agency->token, *value != '\0' ? value : NULL);
  else if (g_str_equal (key, "client-id"))
    set_str (&agency->client_id, value);
  else if (g_str_equal (key, "client-secret"))
    set_str (&agency->client_secret, value);
  else if (g_str_equal (key, "token-lifetime"))
    return parse_uint (key, value, 1, 86400 * 365, &agency->token_lifetime, error);
  else if (g_str_equal (key, "xroad-service"))
    {
      if (*value == '\0' || *value == '/' || g_str_has_suffix (value, "/"))
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "xroad-service: '%s' is not INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE",
                       value);
          return FALSE;
        }
      set_str (&agency->xroad_service, value);
    }
  else if (g_str_equal (key, "processing-delay"))
    return parse_uint (key, value, 0, 600000, &agency->processing_delay, error);
  else if (g_str_equal (key, "outputs-delay"))
    return parse_seconds (key, value, &agency->outputs_delay, error);
  else if (g_str_has_prefix (key, "outputs-delay/") && key[strlen ("outputs-delay/")] != '\0')
    {
      double seconds;

      if (!parse_seconds (key, value, &seconds, error))
        return FALSE;
      g_hash_table_replace (agency->service_outputs_delay,
                            g_strdup (key + strlen ("outputs-delay/")),
                            g_memdup2 (&seconds, sizeof seconds));
    }
  else if (g_str_equal (key, "statuses"))
    {
      g_auto(GStrv) statuses = g_strsplit (value, ";", -1);

      for (guint i = 0; statuses[i] != NULL; i++)
        if (!g_strv_contains (known_statuses, g_strstrip (statuses[i])))
          {
            g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                         "statuses: '%s' is not a protocol status (received, in_review, "
                         "needs_info, approved, rejected, completed)", statuses[i]);
            return FALSE;
          }
      if (statuses[0] == NULL)
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID, "statuses: the list is empty");
          return FALSE;
        }
      g_strfreev (agency->statuses);
      agency->statuses = g_steal_pointer (&statuses);
    }
  else if (g_str_equal (key, "fault"))
    {
      SimFault *fault = sim_fault_parse (value, error);

      if (fault == NULL)
        return FALSE;
      g_ptr_array_add (agency->faults, fault);
    }
  else
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "unknown setting '%s' (see the simulator's README.md)", key);
      return FALSE;
    }
  return TRUE;
}

/* AGENCY:SPEC, from --fault. */
gboolean
sim_server_add_fault (SimServer   *server,
                      const char  *agency_fault,
                      GError     **error)
{
  const char *colon;
  g_autofree char *agency = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (agency_fault != NULL, FALSE);

  colon = strchr (agency_fault, ':');
  if (colon == NULL || colon == agency_fault)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "--fault '%s': write AGENCY:SPEC, e.g. dukcapil:unavailable:5,count=2",
                   agency_fault);
      return FALSE;
    }
  agency = g_strndup (agency_fault, (gsize) (colon - agency_fault));
  return sim_server_set (server, agency, "fault", colon + 1, error);
}

/* [agency ID] groups with the settings' keys; "fault" may be a list (separated by ';').
 * [simulator] status-step sets the pace of statuses. */
gboolean
sim_server_load_keyfile (SimServer   *server,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (file, groups[i], NULL, NULL);
      const char *agency;

      if (g_str_equal (groups[i], "simulator"))
        {
          for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
            {
              g_autofree char *value = g_key_file_get_string (file, groups[i], keys[k], NULL);

              if (!g_str_equal (keys[k], "status-step"))
                {
                  g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                               "%s: [simulator] %s: unknown key", path, keys[k]);
                  return FALSE;
                }
              if (!parse_seconds (keys[k], value != NULL ? value : "", &server->status_step,
                                  error))
                {
                  g_prefix_error (error, "%s: [simulator] ", path);
                  return FALSE;
                }
            }
          continue;
        }
      if (!g_str_has_prefix (groups[i], "agency "))
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "%s: [%s]: groups are [simulator] and [agency ID]", path, groups[i]);
          return FALSE;
        }
      agency = groups[i] + strlen ("agency ");
      if (g_hash_table_lookup (server->agencies, agency) == NULL)
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "%s: [%s]: no agency '%s' is served", path, groups[i], agency);
          return FALSE;
        }
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_auto(GStrv) values = NULL;

          if (g_str_equal (keys[k], "fault"))
            values = g_key_file_get_string_list (file, groups[i], keys[k], NULL, NULL);
          else
            {
              char *value = g_key_file_get_string (file, groups[i], keys[k], NULL);

              values = g_new0 (char *, 2);
              values[0] = value != NULL ? value : g_strdup ("");
            }
          for (guint v = 0; values != NULL && values[v] != NULL; v++)
            if (!sim_server_set (server, agency, keys[k], values[v], error))
              {
                g_prefix_error (error, "%s: [%s] ", path, groups[i]);
                return FALSE;
              }
        }
    }
  return TRUE;
}

void
sim_server_reset (SimServer *server)
{
  g_return_if_fail (server != NULL);

  g_hash_table_remove_all (server->submissions);
  g_ptr_array_set_size (server->submission_list, 0);
  g_hash_table_remove_all (server->tokens);
  g_ptr_array_set_size (server->held, 0);
  server->requests = 0;
  for (guint i = 0; i < server->agency_order->len; i++)
    {
      SimAgency *agency = server->agency_order->pdata[i];

      g_ptr_array_set_size (agency->faults, 0);
      g_hash_table_remove_all (agency->status_counts);
      agency->requests = 0;
      agency->submissions = 0;
      agency->violations = 0;
      agency->tokens_issued = 0;
      agency->faults_fired = 0;
    }
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

/* One JSON line per request received, flushed at once: tests count lines while the
 * simulator runs. */
static void
record (SimRequest *req,
        guint       status,
        const char *reference,
        const char *fault)
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
    "X-Road-Client", "X-Road-Id", "X-Road-Issue",
  };

  if (req->server->record == NULL)
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
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  fprintf (req->server->record, "%s\n", line);
  fflush (req->server->record);
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

/* Answers, records and ends req. body is consumed. */
void
sim_request_respond (SimRequest *req,
         guint       status,
         JsonNode   *body,
         const char *reference,
         const char *fault)
{
  g_autofree char *code = g_strdup_printf ("%u", status);

  if (body != NULL)
    sim_respond_json (req->msg, status, body);
  else
    soup_server_message_set_status (req->msg, status, NULL);
  g_clear_pointer (&body, json_node_unref);

  record (req, status, reference, fault);
  count_status (req, code);
  g_debug ("%s %s → %u", req->method, req->path, status);
  if (req->paused)
    soup_server_message_unpause (req->msg);
  sim_request_free (req);
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

static void
respond_raw (SimRequest     *req,
             const SimFault *fault)
{
  const char *name = sim_fault_kind_to_string (fault->kind);

  record (req, 0, NULL, name);
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

/* ---- faults and dispatch ---- */

static void
dispatch (SimRequest *req)
{
  if (!sim_auth_check (req))
    return;

  if (g_str_equal (req->endpoint, "health"))
    {
      if (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD"))
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, "up");
          json_builder_set_member_name (builder, "agency");
          json_builder_add_string_value (builder, req->agency->id);
          json_builder_end_object (builder);
          sim_request_respond (req, 200, json_builder_get_root (builder), NULL, NULL);
        }
      else
        sim_request_respond_error (req, 405, NULL, "method", "health answers GET");
    }
  else if (g_str_equal (req->endpoint, "submissions"))
    {
      if (g_str_equal (req->method, "POST"))
        sim_submissions_post (req);
      else if (g_str_equal (req->method, "GET"))
        sim_submissions_query (req);
      else
        sim_request_respond_error (req, 405, NULL, "method", "submissions answers POST and GET");
    }
  else
    sim_request_respond_error (req, 404, NULL, "not_found", "this agency serves submissions and health");
}

static void run_faults (SimRequest *req);

static gboolean
latency_done (gpointer user_data)
{
  run_faults (user_data);
  return G_SOURCE_REMOVE;
}

static void
apply_fault (SimRequest     *req,
             const SimFault *fault)
{
  SoupMessageHeaders *out = soup_server_message_get_response_headers (req->msg);
  const char *name = sim_fault_kind_to_string (fault->kind);
  g_autofree char *message = g_strdup_printf ("simulated fault '%s'", fault->spec);

  switch (fault->kind)
    {
    case SIM_FAULT_STATUS:
      sim_request_respond (req, (guint) fault->number, sim_error_body (NULL, "simulated", message), NULL, name);
      break;
    case SIM_FAULT_BURST:
      sim_request_respond (req, 500, sim_error_body (NULL, "simulated", message), NULL, name);
      break;
    case SIM_FAULT_UNAVAILABLE:
    case SIM_FAULT_TOO_MANY:
      {
        g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, fault->number);

        soup_message_headers_replace (out, "Retry-After", seconds);
        sim_request_respond (req, fault->kind == SIM_FAULT_TOO_MANY ? 429 : 503,
                 sim_error_body (NULL, "simulated", message), NULL, name);
      }
      break;
    case SIM_FAULT_UNAVAILABLE_DATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (double) fault->number);
        g_autofree char *date = soup_date_time_to_string (then, SOUP_DATE_HTTP);

        soup_message_headers_replace (out, "Retry-After", date);
        sim_request_respond (req, 503, sim_error_body (NULL, "simulated", message), NULL, name);
      }
      break;
    case SIM_FAULT_UNAUTHORIZED:
      soup_message_headers_replace (out, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      sim_request_respond (req, 401, sim_error_body (NULL, "simulated", message), NULL, name);
      break;
    case SIM_FAULT_NOT_JSON:
      soup_server_message_set_status (req->msg, 201, NULL);
      soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_STATIC,
                                        "Thank you, we received it.", 26);
      record (req, 201, NULL, name);
      count_status (req, "201");
      if (req->paused)
        soup_server_message_unpause (req->msg);
      sim_request_free (req);
      break;
    case SIM_FAULT_DEEP:
      {
        char *text = sim_deep_json ((guint) fault->number);

        soup_server_message_set_status (req->msg, 201, NULL);
        soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                          text, strlen (text));
        record (req, 201, NULL, name);
        count_status (req, "201");
        if (req->paused)
          soup_server_message_unpause (req->msg);
        sim_request_free (req);
      }
      break;
    case SIM_FAULT_XROAD_ERROR:
      sim_request_respond_xroad_error (req, fault->field, message, name);
      break;
    case SIM_FAULT_DROP:
    case SIM_FAULT_TRUNCATE:
    case SIM_FAULT_STALL:
    case SIM_FAULT_HUGE:
    case SIM_FAULT_ENDLESS:
      respond_raw (req, fault);
      break;
    case SIM_FAULT_LATENCY:
    case SIM_FAULT_REJECT:
    default:
      g_assert_not_reached ();
    }
}

static void
run_faults (SimRequest *req)
{
  GPtrArray *faults = req->agency->faults;

  for (guint i = req->next_fault; i < faults->len; i++)
    {
      SimFault *fault = faults->pdata[i];

      /* A reject fault is a business rule: it looks at valid data, in handle_post. */
      if (fault->kind == SIM_FAULT_REJECT || !sim_fault_applies (fault, req->method))
        continue;
      if (fault->remaining > 0)
        fault->remaining--;
      fault->fired++;
      req->agency->faults_fired++;

      if (fault->kind == SIM_FAULT_LATENCY)
        {
          req->next_fault = i + 1;
          sim_request_pause (req);
          g_timeout_add ((guint) fault->number, latency_done, req);
          return;
        }
      apply_fault (req, fault);
      return;
    }
  req->next_fault = faults->len;
  dispatch (req);
}

/* ---- routing ---- */

static SimAgency *
xroad_agency (SimServer   *server,
              const char  *rest,
              const char **endpoint)
{
  for (guint i = 0; i < server->agency_order->len; i++)
    {
      SimAgency *agency = server->agency_order->pdata[i];
      gsize length;

      if (agency->profile != SIM_PROFILE_XROAD || agency->xroad_service == NULL)
        continue;
      length = strlen (agency->xroad_service);
      if (strncmp (rest, agency->xroad_service, length) == 0 && rest[length] == '/')
        {
          *endpoint = rest + length + 1;
          return agency;
        }
    }
  return NULL;
}

static void
route (SimRequest *req)
{
  const char *path = req->path;

  if (g_str_has_prefix (path, "/_oauth/"))
    {
      const char *id = path + strlen ("/_oauth/");
      const char *slash = strchr (id, '/');
      g_autofree char *agency = slash != NULL ? g_strndup (id, (gsize) (slash - id)) : NULL;

      req->agency = agency != NULL ? g_hash_table_lookup (req->server->agencies, agency) : NULL;
      if (req->agency == NULL || !g_str_equal (slash, "/token"))
        {
          req->agency = NULL;
          sim_request_respond_error (req, 404, NULL, "not_found", "the token endpoint is /_oauth/AGENCY/token");
          return;
        }
      req->agency->requests++;
      sim_auth_token (req);
      return;
    }

  if (g_str_has_prefix (path, "/r1/"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
      const char *client = soup_message_headers_get_one (headers, "X-Road-Client");
      g_auto(GStrv) parts = client != NULL ? g_strsplit (client, "/", -1) : NULL;
      SoupMessageHeaders *out = soup_server_message_get_response_headers (req->msg);

      req->xroad = TRUE;
      req->agency = xroad_agency (req->server, path + strlen ("/r1/"), &req->endpoint);
      if (req->agency == NULL)
        {
          sim_request_respond_xroad_error (req, "Client.UnknownService",
                               "no service with this identifier is served here", NULL);
          return;
        }
      req->agency->requests++;
      /* A security server echoes the message's identifiers. */
      if (client != NULL)
        soup_message_headers_replace (out, "X-Road-Client", client);
      if (soup_message_headers_get_one (headers, "X-Road-Id") != NULL)
        soup_message_headers_replace (out, "X-Road-Id",
                                      soup_message_headers_get_one (headers, "X-Road-Id"));
      soup_message_headers_replace (out, "X-Road-Service", req->agency->xroad_service);
      if (parts == NULL || g_strv_length (parts) < 3 || g_strv_length (parts) > 4)
        {
          sim_request_respond_xroad_error (req, "Client.InvalidClientIdentifier",
                               "X-Road-Client must be INSTANCE/CLASS/MEMBER[/SUBSYSTEM]", NULL);
          return;
        }
    }
  else
    {
      const char *id = path + 1;
      const char *slash = strchr (id, '/');
      g_autofree char *agency = slash != NULL ? g_strndup (id, (gsize) (slash - id))
                                              : g_strdup (id);

      req->agency = g_hash_table_lookup (req->server->agencies, agency);
      if (req->agency == NULL)
        {
          sim_request_respond_error (req, 404, NULL, "unknown_agency", "no agency is served at this path");
          return;
        }
      req->agency->requests++;
      req->endpoint = slash != NULL ? slash + 1 : "";
      if (req->agency->profile == SIM_PROFILE_XROAD)
        {
          sim_request_respond_error (req, 404, NULL, "xroad_only",
                         "this agency is reached through X-Road: /r1/SERVICE/…");
          return;
        }
    }

  run_faults (req);
}

static void
server_callback (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SimServer *server = user_data;
  SimRequest *req;
  g_autoptr(GBytes) body = NULL;

  if (g_str_has_prefix (path, "/_control/"))
    {
      server->control_requests++;
      sim_control_handle (server, msg, path);
      return;
    }

  server->requests++;
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  req = g_new0 (SimRequest, 1);
  req->server = server;
  req->msg = g_object_ref (msg);
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;
  req->path = g_strdup (path);
  req->method = soup_server_message_get_method (msg);
  req->endpoint = "";
  req->body = g_steal_pointer (&body);
  route (req);
}

/* libsoup 3.2 asks about every client certificate, even one that chains to the database
 * without an error, and refuses it unless a handler says yes: accept exactly those that
 * chain to the client CA. */
static gboolean
accept_certificate (SoupServerMessage    *msg,
                    GTlsCertificate      *certificate,
                    GTlsCertificateFlags  errors,
                    gpointer              user_data)
{
  SimServer *server = user_data;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;

  if (server->client_ca == NULL || certificate == NULL)
    return FALSE;
  flags = g_tls_database_verify_chain (server->client_ca, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_CLIENT, NULL, NULL,
                                       G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  g_debug ("client certificate: handshake flags 0x%x, chain flags 0x%x%s%s", errors, flags,
           error != NULL ? ": " : "", error != NULL ? error->message : "");
  return error == NULL && flags == 0;
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate), user_data);
}

void
sim_server_attach (SimServer  *server,
                   SoupServer *soup)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (SOUP_IS_SERVER (soup));

  soup_server_add_handler (soup, NULL, server_callback, server, NULL);
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started), server);
}
