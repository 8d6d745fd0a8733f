/* loket-agency-client.c — one agency's back end, spoken to in agency protocol v1
 *
 * The client sends: it builds each request (the URL, the protocol's headers, the idempotency
 * key) and hands it to LoketHttp, never blocking. What the agency's profile adds — where the
 * paths hang from, its headers, a token fetched first and renewed once after a 401, its own
 * errors — is the profile's, through the table in loket-agency-profile.c. What an answer
 * means — one of a few outcomes the delivery engine acts on, by docs/agency-protocol.md's
 * rules — is loket-agency-answer.c's.
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
#include "loket-agency-profile.h"


struct _LoketAgencyClient
{
  GObject                      parent_instance;

  LoketHttp                   *http;
  char                        *id;
  char                        *base;        /* the URL the protocol's paths hang from, no '/' at the end */
  const LoketAgencyProfileOps *profile;
  gpointer                     profile_state;  /* the profile's new_state, or NULL */
  char                        *kiosk_id;
  char                        *ca_file;
  char                        *client_cert;
  char                        *client_key;
  char                        *pinned_key;
  char                        *token_file;
  guint                        timeout_ms;
  LoketReason                 *refused;     /* why this agency's URL may not be used, or NULL */
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
  g_return_val_if_fail (loket_agency_profile_get (agency->profile) != NULL, NULL);

  self = g_object_new (LOKET_TYPE_AGENCY_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->id = g_strdup (agency->id);
  self->profile = loket_agency_profile_get (agency->profile);
  self->kiosk_id = g_strdup (kiosk_id != NULL ? kiosk_id : "");
  self->ca_file = g_strdup (agency->ca_file);
  self->client_cert = g_strdup (agency->client_cert);
  self->client_key = g_strdup (agency->client_key);
  self->pinned_key = g_strdup (agency->pinned_key);
  self->token_file = g_strdup (agency->token_file);
  self->timeout_ms = (agency->timeout > 0 ? agency->timeout : 30) * 1000;

  url = g_strdup (agency->url != NULL ? agency->url : "");
  length = strlen (url);
  while (length > 0 && url[length - 1] == '/')
    url[--length] = '\0';

  if (self->profile->base_url != NULL)
    self->base = self->profile->base_url (agency, url);
  else
    self->base = g_steal_pointer (&url);

  self->refused = check_url (self->base, agency->allow_plain_http);
  if (self->profile->new_state != NULL)
    self->profile_state = self->profile->new_state (http, agency);

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

/* What an attempt carries between its steps (token, request, a renewal after a 401). */
typedef struct {
  LoketAgencyCall  call;
  char            *part_id;       /* submit */
  char            *tracking_code; /* submit, track */
  char            *language;
  GBytes          *body;          /* submit */
  char            *path;          /* GET: the path and query after the base */
  char            *token;         /* the profile's token this attempt uses */
  gboolean         renewed;       /* a 401 already cost one new token */
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

/* The protocol's headers for the attempt, then the profile's; NULL-terminated. NULL with
 * *problem set when they cannot be made (the token file, the profile's settings). */
static GPtrArray *
attempt_headers (LoketAgencyClient  *self,
                 Attempt            *attempt,
                 LoketReason       **problem)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *token = read_token (self, problem);
  LoketAgencyCallInfo info = {
    .call = attempt->call,
    .part_id = attempt->part_id,
    .tracking_code = attempt->tracking_code,
    .token = attempt->token,
  };

  if (*problem != NULL)
    return NULL;

  g_ptr_array_add (headers, g_strdup ("Accept: application/json"));
  if (attempt->language != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("Accept-Language: %s", attempt->language));
  g_ptr_array_add (headers, g_strdup_printf ("X-Loket-Kiosk: %s", self->kiosk_id));
  if (token != NULL && *token != '\0')
    g_ptr_array_add (headers, g_strdup_printf ("Authorization: Bearer %s", token));
  if (attempt->call == LOKET_AGENCY_CALL_SUBMIT)
    {
      g_ptr_array_add (headers, g_strdup ("Content-Type: application/json"));
      /* The part id as a quoted string, as the IETF draft writes it; the same on every retry. */
      g_ptr_array_add (headers, g_strdup_printf ("Idempotency-Key: \"%s\"", attempt->part_id));
    }

  if (self->profile->prepare != NULL &&
      !self->profile->prepare (self->profile_state, &info, headers, problem))
    return NULL;

  g_ptr_array_add (headers, NULL);
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

/* The attempt's outcome before any answer: its headers could not be made. */
static void
return_problem (GTask       *task,
                LoketReason *problem)
{
  Attempt *attempt = g_task_get_task_data (task);

  if (attempt->call == LOKET_AGENCY_CALL_SUBMIT)
    {
      g_task_return_pointer (task, loket_agency_answer_held (problem),
                             (GDestroyNotify) loket_submit_result_free);
      return;
    }
  g_task_return_error (task, loket_reason_to_error (problem, G_FILE_ERROR, G_FILE_ERROR_FAILED));
  loket_reason_free (problem);
}

static void call_done (GObject *source, GAsyncResult *res, gpointer user_data);

static void
send_attempt (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GPtrArray) headers = NULL;
  LoketReason *problem = NULL;
  g_autofree char *url = NULL;
  LoketHttpRequest request = { 0 };
  GCancellable *cancellable;

  headers = attempt_headers (self, attempt, &problem);
  if (headers == NULL)
    {
      return_problem (task, problem);
      return;
    }

  if (attempt->call == LOKET_AGENCY_CALL_SUBMIT)
    {
      request.method = "POST";
      url = g_strconcat (self->base, "/submissions", NULL);
      request.body = attempt->body;
    }
  else
    {
      request.method = "GET";
      url = g_strconcat (self->base, attempt->path, NULL);
    }
  request.url = url;
  request.headers = (const char * const *) headers->pdata;
  fill_request (self, &request);

  /* The cancellable is read before the task is stolen: arguments have no order. */
  cancellable = g_task_get_cancellable (task);
  loket_http_request_async (self->http, &request, cancellable, call_done,
                            g_steal_pointer (&task));
}

static void
got_token (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token = self->profile->get_token_finish (self->profile_state, res, &error);

  if (token != NULL)
    {
      g_free (attempt->token);
      attempt->token = token;
      send_attempt (g_steal_pointer (&task));
      return;
    }

  /* A submission without a token has an outcome the profile maps; a GET has the error. */
  if (attempt->call != LOKET_AGENCY_CALL_SUBMIT ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task,
                           self->profile->token_failed != NULL
                             ? self->profile->token_failed (error)
                             : loket_agency_answer_held (loket_reason_from_error (error)),
                           (GDestroyNotify) loket_submit_result_free);
}

/* Sends the attempt, after getting the profile's token when it has one (health needs none). */
static void
start_attempt (GTask *task)
{
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);

  if (self->profile->get_token_async != NULL && attempt->call != LOKET_AGENCY_CALL_HEALTH)
    self->profile->get_token_async (self->profile_state, g_task_get_cancellable (task),
                                    got_token, task);
  else
    send_attempt (task);
}

/* A token may be revoked or expire early: after a 401 to the profile's token, one new token
 * before the answer counts (and the agency is held). TRUE when the task went to get it. */
static gboolean
renew_token (GTask                   *task,
             const LoketHttpResponse *response)
{
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);

  if (response == NULL || response->status != 401 || attempt->token == NULL ||
      attempt->renewed || self->profile->get_token_async == NULL)
    return FALSE;

  attempt->renewed = TRUE;
  if (self->profile->token_refused != NULL)
    self->profile->token_refused (self->profile_state, attempt->token);
  start_attempt (task);
  return TRUE;
}

/* A GET's answer: health is a 200, tracking its list of parts. */
static void
return_get_answer (GTask                   *task,
                   const LoketHttpResponse *response)
{
  LoketAgencyClient *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GPtrArray *submissions;

  if (!loket_agency_answer_check_get (self->profile, response, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (attempt->call == LOKET_AGENCY_CALL_HEALTH)
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

static void
call_done (GObject      *source,
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

  if (renew_token (task, response))
    {
      g_steal_pointer (&task);
      return;
    }

  if (attempt->call != LOKET_AGENCY_CALL_SUBMIT)
    {
      if (response == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        return_get_answer (task, response);
      return;
    }

  g_task_return_pointer (task,
                         response != NULL ? loket_agency_answer_classify (self->profile, response)
                                          : loket_agency_answer_classify_error (error),
                         (GDestroyNotify) loket_submit_result_free);
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
  attempt->call = LOKET_AGENCY_CALL_SUBMIT;
  attempt->part_id = g_strdup (part_id);
  attempt->tracking_code = g_strdup (tracking_code);
  attempt->language = g_strdup (language);
  attempt->body = g_bytes_ref (body);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);

  start_attempt (g_steal_pointer (&task));
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

static void
get_async (LoketAgencyClient   *self,
           gpointer             source_tag,
           LoketAgencyCall      call,
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
  attempt->call = call;
  attempt->path = g_strdup (path_and_query);
  attempt->tracking_code = g_strdup (tracking_code);
  attempt->language = g_strdup (language);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);

  start_attempt (g_steal_pointer (&task));
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
  get_async (self, loket_agency_client_track_async, LOKET_AGENCY_CALL_TRACK, path,
             tracking_code, language, cancellable, callback, user_data);
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

  get_async (self, loket_agency_client_health_async, LOKET_AGENCY_CALL_HEALTH, "/health",
             NULL, NULL, cancellable, callback, user_data);
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

  if (self->profile_state != NULL && self->profile->free_state != NULL)
    self->profile->free_state (self->profile_state);
  g_clear_object (&self->http);
  g_free (self->id);
  g_free (self->base);
  g_free (self->kiosk_id);
  g_free (self->ca_file);
  g_free (self->client_cert);
  g_free (self->client_key);
  g_free (self->pinned_key);
  g_free (self->token_file);
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
