/* sim-control.c — the control API under /_control/, for tests that steer the simulator
 *
 * Tests change faults and settings here without restarting the simulator, read counts,
 * and reset between cases. These requests are not recorded and not counted per agency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim.h"

static void
respond_builder (SoupServerMessage *msg,
                 guint              status,
                 JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  sim_respond_json (msg, status, root);
}

static void
respond_problem (SoupServerMessage *msg,
                 guint              status,
                 const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  respond_builder (msg, status, builder);
}

static void
respond_ok (SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  respond_builder (msg, 200, builder);
}

static void
add_uint (JsonBuilder *builder,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
stats (SimServer         *server,
       SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint violations = 0;
  guint tokens = 0;

  json_builder_begin_object (builder);
  add_uint (builder, "requests", server->requests);
  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_object (builder);
  for (guint i = 0; i < server->agency_order->len; i++)
    {
      SimAgency *agency = server->agency_order->pdata[i];
      GHashTableIter iter;
      gpointer key, value;

      violations += agency->violations;
      tokens += agency->tokens_issued;
      json_builder_set_member_name (builder, agency->id);
      json_builder_begin_object (builder);
      add_uint (builder, "requests", agency->requests);
      add_uint (builder, "submissions", agency->submissions);
      add_uint (builder, "minimisation_violations", agency->violations);
      add_uint (builder, "tokens_issued", agency->tokens_issued);
      add_uint (builder, "faults_fired", agency->faults_fired);
      json_builder_set_member_name (builder, "statuses");
      json_builder_begin_object (builder);
      g_hash_table_iter_init (&iter, agency->status_counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        add_uint (builder, key, GPOINTER_TO_UINT (value));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  add_uint (builder, "minimisation_violations", violations);
  add_uint (builder, "tokens_issued", tokens);
  add_uint (builder, "submissions", server->submission_list->len);
  add_uint (builder, "held_connections", server->held->len);
  json_builder_end_object (builder);
  respond_builder (msg, 200, builder);
}

static void
list_faults (SimServer         *server,
             SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "faults");
  json_builder_begin_object (builder);
  for (guint i = 0; i < server->agency_order->len; i++)
    {
      SimAgency *agency = server->agency_order->pdata[i];

      json_builder_set_member_name (builder, agency->id);
      json_builder_begin_array (builder);
      for (guint j = 0; j < agency->faults->len; j++)
        {
          SimFault *fault = agency->faults->pdata[j];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "spec");
          json_builder_add_string_value (builder, fault->spec);
          json_builder_set_member_name (builder, "remaining");
          if (fault->remaining < 0)
            json_builder_add_string_value (builder, "always");
          else
            json_builder_add_int_value (builder, fault->remaining);
          add_uint (builder, "fired", fault->fired);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  respond_builder (msg, 200, builder);
}

static JsonObject *
request_object (SoupServerMessage *msg,
                JsonParser        *parser)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  JsonNode *root;

  if (length == 0 || !sim_json_depth_within (data, length, 16)
      || !json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static char *
scalar_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

/* {"agency": ID, "faults": [SPEC, …], "append"?: true}: replaces (or extends) the agency's
 * faults; nothing changes when one spec is wrong. */
static void
set_faults (SimServer         *server,
            SoupServerMessage *msg)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = request_object (msg, parser);
  JsonNode *faults_node = object != NULL ? json_object_get_member (object, "faults") : NULL;
  const char *id = object != NULL
                   ? json_object_get_string_member_with_default (object, "agency", NULL) : NULL;
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_fault_free);
  SimAgency *agency = id != NULL ? g_hash_table_lookup (server->agencies, id) : NULL;
  JsonArray *specs;

  if (faults_node == NULL || !JSON_NODE_HOLDS_ARRAY (faults_node))
    {
      respond_problem (msg, 400, "write {\"agency\": ID, \"faults\": [SPEC, …]}");
      return;
    }
  if (agency == NULL)
    {
      respond_problem (msg, 404, "no such agency is served");
      return;
    }
  specs = json_node_get_array (faults_node);
  for (guint i = 0; i < json_array_get_length (specs); i++)
    {
      JsonNode *node = json_array_get_element (specs, i);
      g_autoptr(GError) error = NULL;
      SimFault *fault;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          respond_problem (msg, 400, "each fault is a spec string, e.g. \"unavailable:5,count=2\"");
          return;
        }
      fault = sim_fault_parse (json_node_get_string (node), &error);
      if (fault == NULL)
        {
          respond_problem (msg, 400, error->message);
          return;
        }
      g_ptr_array_add (parsed, fault);
    }

  if (!json_object_get_boolean_member_with_default (object, "append", FALSE))
    g_ptr_array_set_size (agency->faults, 0);
  for (guint i = 0; i < parsed->len; i++)
    g_ptr_array_add (agency->faults, g_steal_pointer (&parsed->pdata[i]));
  g_ptr_array_set_free_func (parsed, NULL);
  list_faults (server, msg);
}

/* {"agency": ID, "settings": {"profile": "oauth2", "token-lifetime": 2, …}} */
static void
set_agency (SimServer         *server,
            SoupServerMessage *msg)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = request_object (msg, parser);
  JsonNode *settings_node = object != NULL ? json_object_get_member (object, "settings") : NULL;
  const char *id = object != NULL
                   ? json_object_get_string_member_with_default (object, "agency", NULL) : NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *settings;

  if (id == NULL || settings_node == NULL || !JSON_NODE_HOLDS_OBJECT (settings_node))
    {
      respond_problem (msg, 400, "write {\"agency\": ID, \"settings\": {KEY: VALUE, …}}");
      return;
    }
  settings = json_node_get_object (settings_node);
  members = json_object_get_members (settings);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = scalar_text (json_object_get_member (settings, l->data));
      g_autoptr(GError) error = NULL;

      if (value == NULL)
        {
          respond_problem (msg, 400, "setting values are strings, numbers or booleans");
          return;
        }
      if (!sim_server_set (server, id, l->data, value, &error))
        {
          respond_problem (msg, 400, error->message);
          return;
        }
    }
  respond_ok (msg);
}

static void
list_submissions (SimServer         *server,
                  SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "submissions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < server->submission_list->len; i++)
    {
      SimSubmission *sub = server->submission_list->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "agency");
      json_builder_add_string_value (builder, sub->agency->id);
      json_builder_set_member_name (builder, "part_id");
      json_builder_add_string_value (builder, sub->part_id);
      json_builder_set_member_name (builder, "tracking_code");
      json_builder_add_string_value (builder, sub->tracking_code);
      json_builder_set_member_name (builder, "service");
      json_builder_add_string_value (builder, sub->service);
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, sub->reference);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  respond_builder (msg, 200, builder);
}

void
sim_control_handle (SimServer         *server,
                    SoupServerMessage *msg,
                    const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  const char *what = path + strlen ("/_control/");

  g_return_if_fail (server != NULL);
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  if (g_str_equal (what, "stats") && g_str_equal (method, "GET"))
    stats (server, msg);
  else if (g_str_equal (what, "faults") && g_str_equal (method, "GET"))
    list_faults (server, msg);
  else if (g_str_equal (what, "faults") && g_str_equal (method, "POST"))
    set_faults (server, msg);
  else if (g_str_equal (what, "faults") && g_str_equal (method, "DELETE"))
    {
      for (guint i = 0; i < server->agency_order->len; i++)
        g_ptr_array_set_size (((SimAgency *) server->agency_order->pdata[i])->faults, 0);
      list_faults (server, msg);
    }
  else if (g_str_equal (what, "agencies") && g_str_equal (method, "POST"))
    set_agency (server, msg);
  else if (g_str_equal (what, "submissions") && g_str_equal (method, "GET"))
    list_submissions (server, msg);
  else if (g_str_equal (what, "help") && g_str_equal (method, "GET"))
    sim_help_list (server, msg);
  else if (g_str_equal (what, "reset") && g_str_equal (method, "POST"))
    {
      sim_server_reset (server);
      respond_ok (msg);
    }
  else
    respond_problem (msg, 404, "the control API has GET stats, GET help, GET|POST|DELETE faults, "
                               "POST agencies, GET submissions, POST reset");
}
