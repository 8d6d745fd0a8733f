/* sim-help.c — the staff's end of the kiosk's Help button, for tests
 *
 * POST /_help takes what the kiosk sends when a citizen presses Help (app/net/loket-help.c)
 * and answers 202; GET /_control/help lists every call in arrival order with its
 * Authorization header, so a test can read exactly what left the kiosk. A deployment points
 * `[help] url` at its own service: this stands in for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include "sim.h"

typedef struct {
  char *body;
  char *authorization;    /* or NULL */
} HelpCall;

static void
help_call_free (HelpCall *call)
{
  g_free (call->body);
  g_free (call->authorization);
  g_free (call);
}

void
sim_help_handle (SimServer         *server,
                 SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  HelpCall *call;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  if (server->help_calls == NULL)
    server->help_calls = g_ptr_array_new_with_free_func ((GDestroyNotify) help_call_free);
  call = g_new0 (HelpCall, 1);
  call->body = g_strndup (data != NULL ? data : "", length);
  call->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_ptr_array_add (server->help_calls, call);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, 202, root);
}

void
sim_help_list (SimServer         *server,
               SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "calls");
  json_builder_begin_array (builder);
  for (guint i = 0; server->help_calls != NULL && i < server->help_calls->len; i++)
    {
      HelpCall *call = g_ptr_array_index (server->help_calls, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, call->body);
      json_builder_set_member_name (builder, "authorization");
      if (call->authorization != NULL)
        json_builder_add_string_value (builder, call->authorization);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, 200, root);
}
