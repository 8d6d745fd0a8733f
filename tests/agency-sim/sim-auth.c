/* sim-auth.c — the agencies' credentials: bearer tokens and the OAuth2 token endpoint
 *
 * An oauth2 agency accepts only bearer tokens its own token endpoint issued and that have
 * not expired; a plain agency with a `token` setting only that token. Health checks need
 * no credentials, as a load balancer's would not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim-request.h"

gboolean
sim_auth_check (SimRequest *req)
{
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (req->msg), "Authorization");
  const char *bearer = header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0
                       ? header + 7 : NULL;

  if (g_str_equal (req->endpoint, "health"))
    return TRUE;

  if (req->agency->profile == SIM_PROFILE_OAUTH2)
    {
      SimToken *token = bearer != NULL ? g_hash_table_lookup (req->server->tokens, bearer)
                                       : NULL;

      if (token != NULL && token->expires <= g_get_monotonic_time ())
        {
          g_hash_table_remove (req->server->tokens, bearer);
          token = NULL;
        }
      if (token != NULL && g_str_equal (token->agency, req->agency->id))
        return TRUE;
    }
  else if (req->agency->profile == SIM_PROFILE_PLAIN && req->agency->token != NULL)
    {
      if (g_strcmp0 (bearer, req->agency->token) == 0)
        return TRUE;
    }
  else
    return TRUE;

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "WWW-Authenticate", "Bearer error=\"invalid_token\"");
  sim_request_respond_error (req, 401, NULL, "invalid_token",
                 "a valid, unexpired bearer token is required");
  return FALSE;
}

static void
oauth_error (SimRequest *req,
             guint       status,
             const char *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_end_object (builder);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  if (status == 401)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "WWW-Authenticate", "Basic realm=\"loket-agency-sim\"");
  sim_request_respond (req, status, json_builder_get_root (builder), NULL, NULL);
}

/* POST /_oauth/AGENCY/token: the client credentials grant (RFC 6749, 4.4). */
void
sim_auth_token (SimRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *text = NULL;
  g_autofree char *basic_id = NULL;
  g_autofree char *access = NULL;
  const char *client_id;
  const char *client_secret;
  const char *scope;
  g_autoptr(JsonBuilder) builder = NULL;
  SimToken *token;
  gsize length = 0;
  const char *data;

  if (!g_str_equal (req->method, "POST"))
    {
      oauth_error (req, 405, "invalid_request");
      return;
    }
  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    {
      oauth_error (req, 400, "invalid_request");
      return;
    }
  data = g_bytes_get_data (req->body, &length);
  text = g_strndup (data, length);
  form = soup_form_decode (text);
  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "client_credentials") != 0)
    {
      oauth_error (req, 400, "unsupported_grant_type");
      return;
    }

  client_id = g_hash_table_lookup (form, "client_id");
  client_secret = g_hash_table_lookup (form, "client_secret");
  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    {
      gsize decoded_length = 0;
      g_autofree guchar *decoded = g_base64_decode (authorization + 6, &decoded_length);
      g_autofree char *pair = g_strndup ((const char *) decoded, decoded_length);
      char *colon = strchr (pair, ':');

      if (colon != NULL)
        {
          *colon = '\0';
          basic_id = g_uri_unescape_string (pair, NULL);
          g_free (text);
          text = g_uri_unescape_string (colon + 1, NULL);
          client_id = basic_id;
          client_secret = text;
        }
    }
  if (client_id == NULL || client_secret == NULL
      || !g_str_equal (client_id, req->agency->client_id)
      || !g_str_equal (client_secret, req->agency->client_secret))
    {
      oauth_error (req, 401, "invalid_client");
      return;
    }

  {
    g_autofree char *a = g_uuid_string_random ();
    g_autofree char *b = g_uuid_string_random ();

    access = g_strconcat ("sim-", a, b, NULL);
  }
  token = g_new0 (SimToken, 1);
  token->agency = g_strdup (req->agency->id);
  token->expires = g_get_monotonic_time ()
                   + (gint64) req->agency->token_lifetime * G_USEC_PER_SEC;
  g_hash_table_replace (req->server->tokens, g_strdup (access), token);
  req->agency->tokens_issued++;

  scope = g_hash_table_lookup (form, "scope");
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, req->agency->token_lifetime);
  if (scope != NULL)
    {
      json_builder_set_member_name (builder, "scope");
      json_builder_add_string_value (builder, scope);
    }
  json_builder_end_object (builder);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  sim_request_respond (req, 200, json_builder_get_root (builder), NULL, NULL);
}
