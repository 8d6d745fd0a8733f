/* sim-server.c — the simulator's server: its agencies, and the routing of every request
 *
 * One SoupServer handler routes every request: /_control/… to sim-control.c,
 * /_oauth/AGENCY/token to the token endpoint (sim-auth.c), /r1/SERVICE/… to an agency in
 * X-Road mode and /AGENCY/… to the others. A request to an agency goes through its faults
 * first (sim-faults.c), then authentication, then the endpoint (sim-submissions.c).
 * Agencies' settings are in sim-settings.c; answers and the record file in sim-respond.c.
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
  g_clear_pointer (&server->help_calls, g_ptr_array_unref);
  g_clear_pointer (&server->tokens, g_hash_table_unref);
  g_clear_pointer (&server->submissions, g_hash_table_unref);
  g_clear_pointer (&server->submission_list, g_ptr_array_unref);
  g_clear_pointer (&server->agencies, g_hash_table_unref);
  g_clear_pointer (&server->agency_order, g_ptr_array_unref);
  g_clear_pointer (&server->services, g_hash_table_unref);
  g_clear_object (&server->client_ca);
  if (server->record != NULL)
    fclose (server->record);
  if (server->wire_record != NULL)
    fclose (server->wire_record);
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

void
sim_server_reset (SimServer *server)
{
  g_return_if_fail (server != NULL);

  g_hash_table_remove_all (server->submissions);
  g_ptr_array_set_size (server->submission_list, 0);
  g_hash_table_remove_all (server->tokens);
  g_ptr_array_set_size (server->held, 0);
  g_clear_pointer (&server->help_calls, g_ptr_array_unref);
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

/* ---- routing ---- */

/* ---- faults and dispatch ---- */

/* After the faults: authentication, then the endpoint. */
void
sim_request_dispatch (SimRequest *req)
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

  sim_faults_run (req);
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
  if (g_str_equal (path, "/_help") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      sim_help_handle (server, msg);
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
