/* loket-agency-client.c — one agency's back end, spoken to in agency protocol v1
 *
 * The client sends: it builds each request (the URL, X-Road's path and headers, the
 * idempotency key, the bearer or oauth2 token, renewed once after a 401) and hands it to
 * LoketHttp, never blocking. What an answer means — one of a few outcomes the delivery
 * engine acts on, by docs/agency-protocol.md's rules — is loket-agency-answer.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "config/loket-secret-file.h"

#include "loket-agency-answer.h"
#include "loket-agency-client.h"
#include "loket-oauth2.h"


struct _LoketAgencyClient
{
  GObject             parent_instance;

  LoketHttp          *http;
  char               *id;
  char               *base;            /* the URL the protocol's paths hang from, no '/' at the end */
  LoketAgencyProfile  profile;
  char               *kiosk_id;
  char               *ca_file;
  char               *client_cert;
  char               *client_key;
  char               *pinned_key;
  char               *token_file;
  char               *xroad_client;
  guint               timeout_ms;
  LoketReason        *refused;         /* why this agency's URL may not be used, or NULL */
  LoketOAuth2        *oauth2;          /* profile oauth2 only */
};

G_DEFINE_FINAL_TYPE (LoketAgencyClient, loket_agency_client, G_TYPE_OBJECT)

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri keeps the brackets off IPv6 literals. */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Plain http:// only to loopback, or when the configuration says so (docs/agency-protocol.md). */
static LoketReason *
check_url (const char *url,
           gboolean    allow_plain_http)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return loket_reason_new_with_string ("url-invalid", "url", url);

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return NULL;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    return loket_reason_new_with_string ("url-scheme", "url", url);
  if (host_is_loopback (g_uri_get_host (uri)) || allow_plain_http)
    return NULL;

  return loket_reason_new_with_string ("url-plain-http", "host", g_uri_get_host (uri));
}


LoketAgencyClient *
loket_agency_client_new (LoketHttp               *http,
                         const LoketAgencyConfig *agency,
                         const char              *kiosk_id)
{
  LoketAgencyClient *self;
  g_autofree char *url = NULL;
  gsize length;

  g_return_val_if_fail (LOKET_IS_HTTP (http), NULL);
  g_return_val_if_fail (agency != NULL && agency->id != NULL, NULL);

  self = g_object_new (LOKET_TYPE_AGENCY_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->id = g_strdup (agency->id);
  self->profile = agency->profile;
  self->kiosk_id = g_strdup (kiosk_id != NULL ? kiosk_id : "");
  self->ca_file = g_strdup (agency->ca_file);
  self->client_cert = g_strdup (agency->client_cert);
  self->client_key = g_strdup (agency->client_key);
  self->pinned_key = g_strdup (agency->pinned_key);
  self->token_file = g_strdup (agency->token_file);
  self->xroad_client = g_strdup (agency->xroad_client);
  self->timeout_ms = (agency->timeout > 0 ? agency->timeout : 30) * 1000;

  url = g_strdup (agency->url != NULL ? agency->url : "");
  length = strlen (url);
  while (length > 0 && url[length - 1] == '/')
    url[--length] = '\0';

  if (self->profile == LOKET_AGENCY_PROFILE_XROAD)
    self->base = g_strdup_printf ("%s/r1/%s", url,
                                  agency->xroad_service != NULL ? agency->xroad_service : "");
  else
    self->base = g_steal_pointer (&url);

  self->refused = check_url (self->base, agency->allow_plain_http);
  if (self->profile == LOKET_AGENCY_PROFILE_OAUTH2)
    self->oauth2 = loket_oauth2_new (http, agency);

  return self;
}

const char *
loket_agency_client_get_id (LoketAgencyClient *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY_CLIENT (self), NULL);

  return self->id;
}

/* The bearer token is read at each request, so a token file renewed by a deployment's own
 * tooling takes effect without restarting. It is never logged. On failure, NULL and
 * *problem says why. */
static char *
read_token (LoketAgencyClient  *self,
            LoketReason       **problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length = 0;

  if (self->token_file == NULL)
    return NULL;

  bytes = loket_secret_file_read (self->token_file, _("token file"),
                                  LOKET_SECRET_MAX_TOKEN_BYTES, &error);
  if (bytes == NULL)
    {
      *problem = loket_reason_new_secret_file (error, "token-file", self->token_file);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  return g_strstrip (g_strndup (data, length));
}

/* NULL with *problem set when the token file cannot be read. */
static GPtrArray *
common_headers (LoketAgencyClient  *self,
                const char         *language,
                LoketReason       **problem)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *token = read_token (self, problem);

  if (*problem != NULL)
    return NULL;

  g_ptr_array_add (headers, g_strdup ("Accept: application/json"));
  if (language != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("Accept-Language: %s", language));
  g_ptr_array_add (headers, g_strdup_printf ("X-Loket-Kiosk: %s", self->kiosk_id));
  if (token != NULL && *token != '\0')
    g_ptr_array_add (headers, g_strdup_printf ("Authorization: Bearer %s", token));
  if (self->profile == LOKET_AGENCY_PROFILE_XROAD && self->xroad_client != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("X-Road-Client: %s", self->xroad_client));

  return g_steal_pointer (&headers);
}

static void
fill_request (LoketAgencyClient *self,
              LoketHttpRequest  *request)
{
  request->ca_file = self->ca_file;
  request->client_cert = self->client_cert;
  request->client_key = self->client_key;
  request->pinned_key = self->pinned_key;
  request->timeout_ms = self->timeout_ms;
  request->max_response_bytes = LOKET_AGENCY_MAX_ANSWER_BYTES;
}

/* What an attempt carries between its steps (token, request, a renewal after a 401). */
typedef struct {
  char    *part_id;
  char    *tracking_code;
  char    *language;
  GBytes  *body;
  char    *path;        /* GET: the path and query after the base */
  char    *token;       /* oauth2: the token this attempt uses */
  gboolean renewed;     /* oauth2: a 401 already cost one new token */
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_free (attempt->part_id);
  g_free (attempt->tracking_code);
  g_free (attempt->language);
  g_clear_pointer (&attempt->body, g_bytes_unref);
  g_free (attempt->path);
  if (attempt->token != NULL)
    memset (attempt->token, 0, strlen (attempt->token));
  g_free (attempt->token);
  g_free (attempt);
}

static void send_submission (GTask *task);

static void
submit_got_token (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token = loket_oauth2_get_token_finish (LOKET_OAUTH2 (source), res, &error);

  if (token == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, loket_agency_answer_token_failed (error),
                               (GDestroyNotify) loket_submit_result_free);
      return;
    }

  g_free (attempt->token);
  attempt->token = token;
  send_submission (g_steal_pointer (&task));
}

static void
submit_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketHttpResponse) response = NULL;

  response = loket_http_request_finish (LOKET_HTTP (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* oauth2: a token may be revoked or expire early; one new token before the agency is held. */
  if (response != NULL && response->status == 401 && self->oauth2 != NULL &&
      attempt->token != NULL && !attempt->renewed)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* The cancellable is read before the task is stolen: arguments have no order. */
      attempt->renewed = TRUE;
      loket_oauth2_invalidate (self->oauth2, attempt->token);
      loket_oauth2_get_token_async (self->oauth2, cancellable,
                                    submit_got_token, g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task,
                         response != NULL ? loket_agency_answer_classify (response)
                                          : loket_agency_answer_classify_error (error),
                         (GDestroyNotify) loket_submit_result_free);
}

static void
send_submission (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GPtrArray) headers = NULL;
  LoketReason *problem = NULL;
  g_autofree char *url = NULL;
  LoketHttpRequest request = { .method = "POST" };
  GCancellable *cancellable;

  headers = common_headers (self, attempt->language, &problem);
  if (headers == NULL)
    {
      g_task_return_pointer (task, loket_agency_answer_held (problem),
                             (GDestroyNotify) loket_submit_result_free);
      return;
    }

  if (attempt->token != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("Authorization: Bearer %s", attempt->token));
  g_ptr_array_add (headers, g_strdup ("Content-Type: application/json"));
  /* The part id as a quoted string, as the IETF draft writes it; the same on every retry. */
  g_ptr_array_add (headers, g_strdup_printf ("Idempotency-Key: \"%s\"", attempt->part_id));
  if (self->profile == LOKET_AGENCY_PROFILE_XROAD)
    {
      g_ptr_array_add (headers, g_strdup_printf ("X-Road-Id: %s", attempt->part_id));
      g_ptr_array_add (headers, g_strdup_printf ("X-Road-Issue: %s", attempt->tracking_code));
    }
  g_ptr_array_add (headers, NULL);

  url = g_strconcat (self->base, "/submissions", NULL);
  request.url = url;
  request.headers = (const char * const *) headers->pdata;
  request.body = attempt->body;
  fill_request (self, &request);

  /* The cancellable is read before the task is stolen: arguments have no order. */
  cancellable = g_task_get_cancellable (task);
  loket_http_request_async (self->http, &request, cancellable, submit_done,
                            g_steal_pointer (&task));
}

void
loket_agency_client_submit_async (LoketAgencyClient   *self,
                                  const char          *part_id,
                                  const char          *tracking_code,
                                  const char          *language,
                                  GBytes              *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Attempt *attempt;

  g_return_if_fail (LOKET_IS_AGENCY_CLIENT (self));
  g_return_if_fail (part_id != NULL && tracking_code != NULL && body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_agency_client_submit_async);

  if (self->refused != NULL)
    {
      g_task_return_pointer (task, loket_agency_answer_held (loket_reason_copy (self->refused)),
                             (GDestroyNotify) loket_submit_result_free);
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->part_id = g_strdup (part_id);
  attempt->tracking_code = g_strdup (tracking_code);
  attempt->language = g_strdup (language);
  attempt->body = g_bytes_ref (body);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);

  if (self->oauth2 != NULL)
    loket_oauth2_get_token_async (self->oauth2, cancellable, submit_got_token,
                                  g_steal_pointer (&task));
  else
    send_submission (g_steal_pointer (&task));
}

LoketSubmitResult *
loket_agency_client_submit_finish (LoketAgencyClient  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_agency_client_submit_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void get_got_token (GObject *source, GAsyncResult *res, gpointer user_data);

static void
get_done (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketHttpResponse) response = NULL;
  GPtrArray *submissions;
  gboolean health = g_task_get_source_tag (task) == loket_agency_client_health_async;
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);

  response = loket_http_request_finish (LOKET_HTTP (source), res, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* oauth2: as for a submission, one new token after a 401. */
  if (response->status == 401 && self->oauth2 != NULL && attempt->token != NULL &&
      !attempt->renewed)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      attempt->renewed = TRUE;
      loket_oauth2_invalidate (self->oauth2, attempt->token);
      loket_oauth2_get_token_async (self->oauth2, cancellable, get_got_token,
                                    g_steal_pointer (&task));
      return;
    }

  if (!loket_agency_answer_check_get (response, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (health)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  submissions = loket_agency_answer_read_track (response, &error);
  if (submissions == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, submissions, (GDestroyNotify) g_ptr_array_unref);
}

static void send_get (GTask *task);

static void
get_got_token (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token = loket_oauth2_get_token_finish (LOKET_OAUTH2 (source), res, &error);

  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (attempt->token);
  attempt->token = token;
  send_get (g_steal_pointer (&task));
}

static void
send_get (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(LoketReason) problem = NULL;
  g_autofree char *url = NULL;
  LoketHttpRequest request = { .method = "GET" };
  GCancellable *cancellable;

  headers = common_headers (self, attempt->language, &problem);
  if (headers == NULL)
    {
      g_task_return_error (task, loket_reason_to_error (problem, G_FILE_ERROR,
                                                        G_FILE_ERROR_FAILED));
      return;
    }
  if (attempt->token != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("Authorization: Bearer %s", attempt->token));
  /* X-Road: a tracking query names the code it asks about. */
  if (self->profile == LOKET_AGENCY_PROFILE_XROAD && attempt->tracking_code != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("X-Road-Issue: %s", attempt->tracking_code));
  g_ptr_array_add (headers, NULL);

  url = g_strconcat (self->base, attempt->path, NULL);
  request.url = url;
  request.headers = (const char * const *) headers->pdata;
  fill_request (self, &request);

  cancellable = g_task_get_cancellable (task);
  loket_http_request_async (self->http, &request, cancellable, get_done,
                            g_steal_pointer (&task));
}

static void
get_async (LoketAgencyClient   *self,
           gpointer             source_tag,
           const char          *path_and_query,
           const char          *tracking_code,
           const char          *language,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Attempt *attempt;

  g_task_set_source_tag (task, source_tag);

  if (self->refused != NULL)
    {
      g_task_return_error (task, loket_reason_to_error (self->refused, LOKET_HTTP_ERROR,
                                                        LOKET_HTTP_ERROR_REFUSED));
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->path = g_strdup (path_and_query);
  attempt->tracking_code = g_strdup (tracking_code);
  attempt->language = g_strdup (language);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);

  /* Health never needs a token; tracking needs the same credentials as a submission. */
  if (self->oauth2 != NULL && source_tag != loket_agency_client_health_async)
    loket_oauth2_get_token_async (self->oauth2, cancellable, get_got_token,
                                  g_steal_pointer (&task));
  else
    send_get (g_steal_pointer (&task));
}

void
loket_agency_client_track_async (LoketAgencyClient   *self,
                                 const char          *tracking_code,
                                 const char          *language,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LOKET_IS_AGENCY_CLIENT (self));
  g_return_if_fail (tracking_code != NULL);

  escaped = g_uri_escape_string (tracking_code, NULL, FALSE);
  path = g_strconcat ("/submissions?tracking_code=", escaped, NULL);
  get_async (self, loket_agency_client_track_async, path, tracking_code, language, cancellable,
             callback, user_data);
}

GPtrArray *
loket_agency_client_track_finish (LoketAgencyClient  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
loket_agency_client_health_async (LoketAgencyClient   *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LOKET_IS_AGENCY_CLIENT (self));

  get_async (self, loket_agency_client_health_async, "/health", NULL, NULL, cancellable,
             callback, user_data);
}

gboolean
loket_agency_client_health_finish (LoketAgencyClient  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
loket_agency_client_finalize (GObject *object)
{
  LoketAgencyClient *self = LOKET_AGENCY_CLIENT (object);

  g_clear_object (&self->oauth2);
  g_clear_object (&self->http);
  g_free (self->id);
  g_free (self->base);
  g_free (self->kiosk_id);
  g_free (self->ca_file);
  g_free (self->client_cert);
  g_free (self->client_key);
  g_free (self->pinned_key);
  g_free (self->token_file);
  g_free (self->xroad_client);
  g_clear_pointer (&self->refused, loket_reason_free);

  G_OBJECT_CLASS (loket_agency_client_parent_class)->finalize (object);
}

static void
loket_agency_client_class_init (LoketAgencyClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_agency_client_finalize;
}

static void
loket_agency_client_init (LoketAgencyClient *self)
{
}
