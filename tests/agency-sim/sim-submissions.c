/* sim-submissions.c — POST and GET /AGENCY/submissions: protocol v1's agency side
 *
 * What an agency checks before it accepts a part (the body's shape, the Idempotency-Key,
 * data minimisation against the catalog), what it answers, and how a submission's status
 * and outputs move on over time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim-request.h"

void
sim_submission_free (SimSubmission *sub)
{
  g_free (sub->key);
  g_clear_pointer (&sub->body, g_bytes_unref);
  g_free (sub->tracking_code);
  g_free (sub->part_id);
  g_free (sub->service);
  g_free (sub->reference);
  g_free (sub->expected_completion);
  g_clear_pointer (&sub->created_at, g_date_time_unref);
  g_clear_pointer (&sub->outputs, json_object_unref);
  g_free (sub);
}

static const char *
status_at (SimServer     *server,
           SimSubmission *sub,
           GDateTime    **updated_at)
{
  guint n = g_strv_length (sub->agency->statuses);
  guint index = 0;

  if (server->status_step > 0 && n > 1 && !sub->processing)
    {
      double elapsed = (double) (g_get_monotonic_time () - sub->created) / G_USEC_PER_SEC;

      index = (guint) MIN ((double) (n - 1), elapsed / server->status_step);
    }
  if (updated_at != NULL)
    *updated_at = g_date_time_add_seconds (sub->created_at, index * server->status_step);
  return sub->agency->statuses[index];
}

static double
outputs_delay (SimSubmission *sub)
{
  double *delay = g_hash_table_lookup (sub->agency->service_outputs_delay, sub->service);

  return delay != NULL ? *delay : sub->agency->outputs_delay;
}

static gboolean
outputs_ready (SimSubmission *sub)
{
  double elapsed = (double) (g_get_monotonic_time () - sub->created) / G_USEC_PER_SEC;

  return sub->outputs != NULL && !sub->processing && elapsed >= outputs_delay (sub);
}

static JsonNode *
submission_answer (SimServer     *server,
                   SimSubmission *sub)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, sub->reference);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_at (server, sub, NULL));
  json_builder_set_member_name (builder, "expected_completion");
  json_builder_add_string_value (builder, sub->expected_completion);
  /* Outputs come with the answer only when the agency assigns them at once. */
  if (sub->outputs != NULL && outputs_delay (sub) <= 0)
    {
      json_builder_set_member_name (builder, "outputs");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), sub->outputs));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
strip_key (const char *header)
{
  g_autofree char *key = g_strstrip (g_strdup (header));
  gsize length = strlen (key);

  if (length >= 2 && key[0] == '"' && key[length - 1] == '"')
    return g_strndup (key + 1, length - 2);
  return g_steal_pointer (&key);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
add_problem (JsonBuilder *errors,
             const char  *field,
             const char  *code,
             const char  *message)
{
  json_builder_begin_object (errors);
  json_builder_set_member_name (errors, "field");
  json_builder_add_string_value (errors, field);
  json_builder_set_member_name (errors, "code");
  json_builder_add_string_value (errors, code);
  json_builder_set_member_name (errors, "message");
  json_builder_add_string_value (errors, message);
  json_builder_end_object (errors);
}

/* Checks the body against protocol v1 and, with a catalog, against the service's declared
 * fields. Adds one error per problem; returns how many there were. */
static guint
validate_body (SimRequest  *req,
               JsonObject  *body,
               const char  *key,
               JsonBuilder *errors)
{
  static const char * const strings[] = {
    "tracking_code", "part_id", "service", "submitted_at", "language", "verification",
  };
  static const char * const bases[] = { "consent", "legal_obligation", "public_task", NULL };
  guint problems = 0;
  const char *text;
  JsonObject *kiosk = member_object (body, "kiosk");
  JsonObject *consent = member_object (body, "consent");
  JsonObject *data = member_object (body, "data");
  JsonNode *fields_node = consent != NULL ? json_object_get_member (consent, "fields") : NULL;
  JsonArray *fields = fields_node != NULL && JSON_NODE_HOLDS_ARRAY (fields_node)
                      ? json_node_get_array (fields_node) : NULL;
  g_autoptr(GHashTable) consented = g_hash_table_new (g_str_hash, g_str_equal);
  const SimService *service = NULL;

#define PROBLEM(field, code, ...) G_STMT_START {                               \
    g_autofree char *message_ = g_strdup_printf (__VA_ARGS__);                 \
    add_problem (errors, field, code, message_);                               \
    problems++;                                                                \
  } G_STMT_END

  if (g_strcmp0 (member_string (body, "protocol"), SIM_PROTOCOL) != 0)
    PROBLEM ("protocol", "unsupported_protocol", "protocol must be \"%s\"", SIM_PROTOCOL);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (member_string (body, strings[i]) == NULL || *member_string (body, strings[i]) == '\0')
      PROBLEM (strings[i], "required", "%s is required and must be a string", strings[i]);

  text = member_string (body, "tracking_code");
  if (text != NULL && !sim_tracking_code_is_valid (text))
    PROBLEM ("tracking_code", "invalid", "not a canonical tracking code (13 symbols, check symbol)");
  text = member_string (body, "part_id");
  if (text != NULL && g_strcmp0 (text, key) != 0)
    PROBLEM ("part_id", "part_id_mismatch", "part_id differs from the Idempotency-Key");
  text = member_string (body, "submitted_at");
  if (text != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);

      if (when == NULL)
        PROBLEM ("submitted_at", "invalid", "not an RFC 3339 time with an offset");
    }

  if (kiosk == NULL || member_string (kiosk, "id") == NULL || member_string (kiosk, "site") == NULL)
    PROBLEM ("kiosk", "required", "kiosk must be an object with the strings id and site");

  if (consent == NULL)
    PROBLEM ("consent", "required", "consent must be an object");
  else
    {
      const char *sha = member_string (consent, "text_sha256");
      gboolean hex = sha != NULL && strlen (sha) == 64;

      for (guint i = 0; hex && i < 64; i++)
        hex = g_ascii_isxdigit (sha[i]);
      if (!g_strv_contains (bases, member_string (consent, "basis") != NULL
                                     ? member_string (consent, "basis") : ""))
        PROBLEM ("consent.basis", "invalid", "basis is consent, legal_obligation or public_task");
      if (member_string (consent, "granted_at") == NULL)
        PROBLEM ("consent.granted_at", "required", "granted_at is required");
      if (!hex)
        PROBLEM ("consent.text_sha256", "invalid", "text_sha256 must be 64 hexadecimal digits");
      /* The layered notice's record (a kiosk before it sent neither): the itemised text's
       * hash and whether the citizen opened it, always together. */
      if (json_object_has_member (consent, "details_text_sha256")
          || json_object_has_member (consent, "details_opened"))
        {
          const char *details = member_string (consent, "details_text_sha256");
          JsonNode *opened = json_object_get_member (consent, "details_opened");
          gboolean details_hex = details != NULL && strlen (details) == 64;

          for (guint i = 0; details_hex && i < 64; i++)
            details_hex = g_ascii_isxdigit (details[i]);
          if (!details_hex)
            PROBLEM ("consent.details_text_sha256", "invalid",
                     "details_text_sha256 must be 64 hexadecimal digits");
          if (opened == NULL || !JSON_NODE_HOLDS_VALUE (opened)
              || json_node_get_value_type (opened) != G_TYPE_BOOLEAN)
            PROBLEM ("consent.details_opened", "invalid", "details_opened must be true or false");
        }
      if (fields == NULL)
        PROBLEM ("consent.fields", "required", "fields must be an array of field ids");
      for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
        {
          JsonNode *node = json_array_get_element (fields, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_hash_table_add (consented, (gpointer) json_node_get_string (node));
          else
            PROBLEM ("consent.fields", "invalid", "fields[%u] is not a field id", i);
        }
    }

  if (data == NULL)
    PROBLEM ("data", "required", "data must be an object");

  text = member_string (body, "service");
  if (text != NULL && req->server->services != NULL)
    {
      service = g_hash_table_lookup (req->server->services, text);
      if (service == NULL || !g_str_equal (service->agency, req->agency->id))
        {
          PROBLEM ("service", "unknown_service", "agency %s offers no service '%s'",
                   req->agency->id, text);
          service = NULL;
        }
    }

  if (data != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (data);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *field = l->data;
          g_autofree char *where = g_strconcat ("data.", field, NULL);

          /* Data minimisation: the agency receives what its service declares, nothing else. */
          if (service != NULL && !g_hash_table_contains (service->fields, field))
            {
              req->agency->violations++;
              PROBLEM (where, "not_declared",
                       "field '%s' is not one of the fields service %s declares", field,
                       service->id);
            }
          else if (fields != NULL && !g_hash_table_contains (consented, field))
            PROBLEM (where, "not_consented",
                     "field '%s' is sent but not listed in consent.fields", field);
        }
    }
#undef PROBLEM

  return problems;
}

static char *
value_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

/* A "reject" fault whose rule this request's data meets, consumed; or NULL. */
static SimFault *
matching_reject (SimRequest *req,
                 JsonObject *data)
{
  for (guint i = 0; data != NULL && i < req->agency->faults->len; i++)
    {
      SimFault *fault = req->agency->faults->pdata[i];
      g_autofree char *value = NULL;

      if (fault->kind != SIM_FAULT_REJECT || !sim_fault_applies (fault, req->method))
        continue;
      value = value_text (json_object_get_member (data, fault->field));
      if (g_strcmp0 (value, fault->value) != 0)
        continue;
      if (fault->remaining > 0)
        fault->remaining--;
      fault->fired++;
      req->agency->faults_fired++;
      return fault;
    }
  return NULL;
}

static gboolean
prefers_indonesian (SimRequest *req)
{
  const char *language = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Accept-Language");

  while (language != NULL && g_ascii_isspace (*language))
    language++;
  /* "id", "id-ID", "id;q=1": the first language asked for decides. */
  return language != NULL && g_ascii_strncasecmp (language, "id", 2) == 0
         && !g_ascii_isalpha (language[2]);
}

static char *
expected_completion (SimServer *server,
                     const char *service_id)
{
  const SimService *service = server->services != NULL
                              ? g_hash_table_lookup (server->services, service_id) : NULL;
  guint days = service != NULL && service->working_days > 0 ? service->working_days : 3;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, (gint) days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
processing_done (gpointer user_data)
{
  SimRequest *req = user_data;
  SimSubmission *sub = req->waiting;

  sub->processing = FALSE;
  /* The status walk and the outputs' delay start once the agency has the request. */
  sub->created = g_get_monotonic_time ();
  sim_request_respond (req, 201, submission_answer (req->server, sub), sub->reference, NULL);
  return G_SOURCE_REMOVE;
}

void
sim_submissions_post (SimRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *header = soup_message_headers_get_one (headers, "Idempotency-Key");
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *key = NULL;
  g_autofree char *lookup = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonBuilder) errors = NULL;
  JsonNode *root;
  JsonObject *body;
  SimSubmission *sub;
  SimFault *reject;
  const char *data_bytes;
  gsize length = 0;
  const SimService *service;

  if (g_strcmp0 (type, "application/json") != 0)
    {
      sim_request_respond_error (req, 400, NULL, "content_type", "Content-Type must be application/json");
      return;
    }
  key = header != NULL ? strip_key (header) : NULL;
  if (key == NULL || !g_uuid_string_is_valid (key))
    {
      sim_request_respond_error (req, 400, NULL, "idempotency_key",
                     "Idempotency-Key must be the part id, a UUID (quoted or not)");
      return;
    }

  lookup = g_strconcat (req->agency->id, "\n", key, NULL);
  sub = g_hash_table_lookup (req->server->submissions, lookup);
  if (sub != NULL)
    {
      if (!g_bytes_equal (sub->body, req->body))
        sim_request_respond_error (req, 422, NULL, "idempotency_key_reused",
                       "this Idempotency-Key came before with a different body");
      else if (sub->processing)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Retry-After", "1");
          sim_request_respond_error (req, 409, NULL, "in_progress",
                         "a request with this Idempotency-Key is still being processed");
        }
      else
        sim_request_respond (req, 200, submission_answer (req->server, sub), sub->reference, NULL);
      return;
    }

  data_bytes = g_bytes_get_data (req->body, &length);
  parser = json_parser_new ();
  if (length == 0 || length > MAX_BODY
      || !sim_json_depth_within (data_bytes, length, MAX_DEPTH)
      || !json_parser_load_from_data (parser, data_bytes, (gssize) length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      sim_request_respond_error (req, 400, NULL, "malformed",
                     "the body is not a JSON object (at most 1 MiB, 64 levels deep)");
      return;
    }
  root = json_parser_get_root (parser);
  body = json_node_get_object (root);

  if (req->xroad)
    {
      if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Road-Id"),
                     member_string (body, "part_id")) != 0)
        {
          sim_request_respond_xroad_error (req, "Client.InvalidRequest",
                               "X-Road-Id must be the part id", NULL);
          return;
        }
      if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Road-Issue"),
                     member_string (body, "tracking_code")) != 0)
        {
          sim_request_respond_xroad_error (req, "Client.InvalidRequest",
                               "X-Road-Issue must be the tracking code", NULL);
          return;
        }
    }

  errors = json_builder_new ();
  json_builder_begin_object (errors);
  json_builder_set_member_name (errors, "errors");
  json_builder_begin_array (errors);
  if (validate_body (req, body, key, errors) > 0)
    {
      json_builder_end_array (errors);
      json_builder_end_object (errors);
      sim_request_respond (req, 400, json_builder_get_root (errors), NULL, NULL);
      return;
    }

  reject = matching_reject (req, member_object (body, "data"));
  if (reject != NULL)
    {
      g_autofree char *message = NULL;

      if (prefers_indonesian (req))
        message = g_strdup_printf ("Instansi tidak dapat menerima nilai ini. Periksa dan "
                                   "perbaiki isian ini, lalu kirim lagi.");
      else
        message = g_strdup_printf ("The agency cannot accept this value. Check and correct "
                                   "this entry, then send it again.");
      sim_request_respond (req, 422, sim_error_body (reject->field, "rejected", message), NULL, "reject");
      return;
    }

  sub = g_new0 (SimSubmission, 1);
  sub->agency = req->agency;
  sub->key = g_strdup (key);
  sub->body = g_bytes_ref (req->body);
  sub->tracking_code = g_strdup (member_string (body, "tracking_code"));
  sub->part_id = g_strdup (member_string (body, "part_id"));
  sub->service = g_strdup (member_string (body, "service"));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    sub->reference = g_strdup_printf ("%s-%d-%06u", req->agency->prefix,
                                      g_date_time_get_year (now),
                                      req->agency->next_reference++);
  }
  sub->expected_completion = expected_completion (req->server, sub->service);
  sub->created = g_get_monotonic_time ();
  sub->created_at = g_date_time_new_now_local ();
  service = req->server->services != NULL
            ? g_hash_table_lookup (req->server->services, sub->service) : NULL;
  if (service != NULL)
    sub->outputs = sim_outputs_make (req->agency, service, member_object (body, "data"));
  g_hash_table_insert (req->server->submissions, g_steal_pointer (&lookup), sub);
  g_ptr_array_add (req->server->submission_list, sub);
  req->agency->submissions++;

  if (req->agency->processing_delay > 0)
    {
      sub->processing = TRUE;
      req->waiting = sub;
      sim_request_pause (req);
      g_timeout_add (req->agency->processing_delay, processing_done, req);
      return;
    }
  sim_request_respond (req, 201, submission_answer (req->server, sub), sub->reference, NULL);
}

void
sim_submissions_query (SimRequest *req)
{
  const char *code = req->query != NULL ? g_hash_table_lookup (req->query, "tracking_code")
                                        : NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (code == NULL || *code == '\0')
    {
      sim_request_respond_error (req, 400, "tracking_code", "required",
                     "give ?tracking_code=CODE");
      return;
    }
  if (req->xroad
      && g_strcmp0 (soup_message_headers_get_one (
                      soup_server_message_get_request_headers (req->msg), "X-Road-Issue"),
                    code) != 0)
    {
      sim_request_respond_xroad_error (req, "Client.InvalidRequest",
                           "X-Road-Issue must be the tracking code", NULL);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "submissions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < req->server->submission_list->len; i++)
    {
      SimSubmission *sub = req->server->submission_list->pdata[i];
      g_autoptr(GDateTime) updated_at = NULL;
      g_autofree char *updated = NULL;
      const char *status;

      if (sub->agency != req->agency || g_strcmp0 (sub->tracking_code, code) != 0)
        continue;
      status = status_at (req->server, sub, &updated_at);
      updated = g_date_time_format (updated_at, "%Y-%m-%dT%H:%M:%S%:z");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "part_id");
      json_builder_add_string_value (builder, sub->part_id);
      json_builder_set_member_name (builder, "service");
      json_builder_add_string_value (builder, sub->service);
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, sub->reference);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, status);
      json_builder_set_member_name (builder, "updated_at");
      json_builder_add_string_value (builder, updated);
      if (g_str_equal (status, "needs_info") || g_str_equal (status, "rejected"))
        {
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, g_str_equal (status, "rejected")
                                         ? "Simulated rejection."
                                         : "Simulated request for more information.");
        }
      if (outputs_ready (sub))
        {
          json_builder_set_member_name (builder, "outputs");
          json_builder_add_value (builder,
                                  json_node_init_object (json_node_alloc (), sub->outputs));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  sim_request_respond (req, 200, json_builder_get_root (builder), NULL, NULL);
}
