/* loket-oauth2.c — OAuth2 client credentials for one agency (profile `oauth2`)
 *
 * Government API managers hand out short-lived bearer tokens against a client id and secret
 * (RFC 6749, section 4.4). The token is cached until shortly before it expires, so a burst of
 * parts costs one token request, and asking is single-flight: callers that arrive while a
 * request is out wait for its answer instead of sending their own. The secret is read from
 * its file at each token request, so a rotated secret takes effect without a restart; it and
 * the tokens are never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-oauth2"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "config/loket-secret-file.h"
#include "core/loket-json.h"
#include "loket-oauth2.h"

#define MAX_TOKEN_ANSWER_BYTES (64 * 1024)
#define MAX_TOKEN_ANSWER_DEPTH 8
/* Without expires_in the token is trusted this long (seconds); RFC 6749 leaves it open. */
#define DEFAULT_EXPIRES_IN 300
/* A token is renewed this long before it expires (seconds), or a tenth of its life when that
 * is shorter, so a request never leaves with a token that expires on the way. */
#define EXPIRY_MARGIN_S 30

/* An extended error domain: each error keeps its reason, which is what the delivery engine
 * stores (loket-reason.h); the message is its words in the language current when it failed. */
typedef struct {
  LoketReason *reason;
} LoketOAuth2ErrorPrivate;

static void
loket_oauth2_error_private_init (LoketOAuth2ErrorPrivate *priv)
{
  priv->reason = NULL;
}

static void
loket_oauth2_error_private_copy (const LoketOAuth2ErrorPrivate *src,
                                 LoketOAuth2ErrorPrivate       *dest)
{
  dest->reason = src->reason != NULL ? loket_reason_copy (src->reason) : NULL;
}

static void
loket_oauth2_error_private_clear (LoketOAuth2ErrorPrivate *priv)
{
  g_clear_pointer (&priv->reason, loket_reason_free);
}

G_DEFINE_EXTENDED_ERROR (LoketOAuth2Error, loket_oauth2_error)

const LoketReason *
loket_oauth2_error_get_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != LOKET_OAUTH2_ERROR)
    return NULL;
  return loket_oauth2_error_get_private (error)->reason;
}

/* Sets error from reason (taken), in words of the current language. */
static void
set_reason_error (GError           **error,
                  LoketOAuth2Error   code,
                  LoketReason       *reason)
{
  GError *new_error;

  if (error == NULL)
    {
      loket_reason_free (reason);
      return;
    }

  new_error = loket_reason_to_error (reason, LOKET_OAUTH2_ERROR, code);
  loket_oauth2_error_get_private (new_error)->reason = reason;
  g_propagate_error (error, new_error);
}

typedef struct {
  GTask        *task;
  GCancellable *cancellable;   /* the caller's, or NULL */
  gulong        cancelled_id;
} Waiter;

struct _LoketOAuth2
{
  GObject       parent_instance;

  LoketHttp    *http;
  GMainContext *context;
  char         *agency;
  char         *token_url;
  char         *client_id;
  char         *secret_file;
  char         *scope;
  char         *ca_file;
  char         *client_cert;
  char         *client_key;
  char         *pinned_key;
  gboolean      allow_plain_http;
  guint         timeout_ms;

  char         *token;            /* the cached access token, or NULL */
  gint64        token_until;      /* monotonic µs after which it is not used */

  GList        *waiters;          /* of Waiter*, while a token request is out */
  GCancellable *request_cancellable;
  gboolean      requesting;
  guint         n_requests;
};

G_DEFINE_FINAL_TYPE (LoketOAuth2, loket_oauth2, G_TYPE_OBJECT)

static LoketReason *
agency_reason (LoketOAuth2 *self,
               const char  *code)
{
  LoketReason *reason = loket_reason_new (code);

  loket_reason_set_string (reason, "agency", self->agency);
  return reason;
}

static LoketReason *
file_reason (LoketOAuth2 *self,
             const char  *code)
{
  LoketReason *reason = agency_reason (self, code);

  loket_reason_set_string (reason, "file", self->secret_file);
  return reason;
}

LoketOAuth2 *
loket_oauth2_new (LoketHttp               *http,
                  const LoketAgencyConfig *agency)
{
  LoketOAuth2 *self;

  g_return_val_if_fail (LOKET_IS_HTTP (http), NULL);
  g_return_val_if_fail (agency != NULL && agency->id != NULL, NULL);

  self = g_object_new (LOKET_TYPE_OAUTH2, NULL);
  self->http = g_object_ref (http);
  self->context = g_main_context_ref_thread_default ();
  self->agency = g_strdup (agency->id);
  self->token_url = g_strdup (agency->token_url);
  self->client_id = g_strdup (agency->client_id);
  self->secret_file = g_strdup (agency->client_secret_file);
  self->scope = g_strdup (agency->scope);
  self->ca_file = g_strdup (agency->ca_file);
  self->client_cert = g_strdup (agency->client_cert);
  self->client_key = g_strdup (agency->client_key);
  self->pinned_key = g_strdup (agency->pinned_key);
  self->allow_plain_http = agency->allow_plain_http;
  self->timeout_ms = (agency->timeout > 0 ? agency->timeout : 30) * 1000;

  return self;
}

/* The secret file must be the service user's alone: a secret others can read is a secret
 * others have, and staff must hear that rather than have the kiosk carry on. */
static char *
read_secret (LoketOAuth2  *self,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  const char *data;
  gsize length = 0;

  if (self->secret_file == NULL)
    {
      set_reason_error (error, LOKET_OAUTH2_ERROR_SECRET_FILE,
                        agency_reason (self, "oauth2-no-secret-file"));
      return NULL;
    }

  /* The same check as every secret's: owner-only, no link, no FIFO, at most the cap. */
  bytes = loket_secret_file_read (self->secret_file, _("client secret"),
                                  LOKET_SECRET_MAX_CLIENT_SECRET_BYTES, &local_error);
  if (bytes == NULL)
    {
      LoketReason *reason = loket_reason_new_secret_file (local_error, "client-secret",
                                                          self->secret_file);

      loket_reason_set_string (reason, "agency", self->agency);
      set_reason_error (error, LOKET_OAUTH2_ERROR_SECRET_FILE, reason);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  if (memchr (data, '\0', length) != NULL)
    {
      set_reason_error (error, LOKET_OAUTH2_ERROR_SECRET_FILE,
                        file_reason (self, "oauth2-secret-not-text"));
      return NULL;
    }

  contents = g_strndup (data, length);
  g_strstrip (contents);
  if (*contents == '\0')
    {
      set_reason_error (error, LOKET_OAUTH2_ERROR_SECRET_FILE,
                        file_reason (self, "oauth2-secret-empty"));
      return NULL;
    }

  return g_steal_pointer (&contents);
}

static gboolean
url_allowed (LoketOAuth2 *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->token_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;
  if (self->allow_plain_http)
    return TRUE;

  /* A secret travels in this request: plain http only to this machine. */
  host = g_uri_get_host (uri);
  if (host != NULL && g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = host != NULL ? g_inet_address_new_from_string (host) : NULL;
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (waiter->cancellable, waiter->cancelled_id);
  g_clear_object (&waiter->cancellable);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

/* Answers every waiter: with the token, or with a copy of error. */
static void
answer_waiters (LoketOAuth2  *self,
                const char   *token,
                const GError *error)
{
  GList *waiters = g_steal_pointer (&self->waiters);

  for (GList *l = waiters; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;

      if (waiter->cancelled_id != 0)
        {
          g_cancellable_disconnect (waiter->cancellable, waiter->cancelled_id);
          waiter->cancelled_id = 0;
        }
      if (token != NULL)
        g_task_return_pointer (waiter->task, g_strdup (token), g_free);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
      waiter_free (waiter);
    }
  g_list_free (waiters);
}

/* RFC 6749 5.2: {"error": "invalid_client" | …}. */
static char *
error_code_of (GBytes *body)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  LoketJsonProblems where = { "token answer", problems };
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  const char *text = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  JsonNode *member;

  if (length == 0)
    return NULL;
  root = loket_json_parse (&where, text, length, MAX_TOKEN_ANSWER_BYTES, MAX_TOKEN_ANSWER_DEPTH);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  member = json_object_get_member (json_node_get_object (root), "error");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;

  /* Only a short word from the standard's alphabet: it goes into staff messages. */
  if (strlen (json_node_get_string (member)) > 64)
    return NULL;
  for (const char *p = json_node_get_string (member); *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return NULL;
  return g_strdup (json_node_get_string (member));
}

/* Reads a token answer; sets *expires_in (seconds). */
static char *
read_token_answer (LoketOAuth2  *self,
                   GBytes       *body,
                   gint64       *expires_in,
                   GError      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  LoketJsonProblems where = { "token answer", problems };
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  const char *text = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  JsonObject *object;
  JsonNode *member;
  const char *type;

  root = length > 0 ? loket_json_parse (&where, text, length, MAX_TOKEN_ANSWER_BYTES,
                                        MAX_TOKEN_ANSWER_DEPTH)
                    : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_reason_error (error, LOKET_OAUTH2_ERROR_ANSWER,
                        agency_reason (self, "oauth2-answer-not-json"));
      return NULL;
    }
  object = json_node_get_object (root);

  member = json_object_get_member (object, "access_token");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING ||
      *json_node_get_string (member) == '\0' ||
      strpbrk (json_node_get_string (member), "\r\n") != NULL)
    {
      set_reason_error (error, LOKET_OAUTH2_ERROR_ANSWER,
                        agency_reason (self, "oauth2-no-access-token"));
      return NULL;
    }

  type = json_object_get_string_member_with_default (object, "token_type", "Bearer");
  if (g_ascii_strcasecmp (type, "Bearer") != 0)
    {
      LoketReason *reason = agency_reason (self, "oauth2-token-type");

      /* Only a short word: it goes into staff messages. */
      if (strlen (type) <= 64)
        loket_reason_set_string (reason, "type", type);
      set_reason_error (error, LOKET_OAUTH2_ERROR_CREDENTIALS, reason);
      return NULL;
    }

  *expires_in = DEFAULT_EXPIRES_IN;
  if (json_object_has_member (object, "expires_in"))
    {
      JsonNode *node = json_object_get_member (object, "expires_in");

      if (JSON_NODE_HOLDS_VALUE (node) &&
          (json_node_get_value_type (node) == G_TYPE_INT64 ||
           json_node_get_value_type (node) == G_TYPE_DOUBLE))
        *expires_in = CLAMP ((gint64) json_node_get_double (node), 0, G_MAXINT32);
    }

  return g_strdup (json_node_get_string (member));
}

static void
token_request_done (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(LoketOAuth2) self = user_data;
  g_autoptr(LoketHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  gint64 expires_in = 0;

  self->requesting = FALSE;
  g_clear_object (&self->request_cancellable);

  response = loket_http_request_finish (LOKET_HTTP (source), res, &error);
  if (response == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) transport = g_steal_pointer (&error);
          const LoketReason *cause = loket_http_error_get_reason (transport);
          LoketReason *reason = agency_reason (self, "oauth2-unreachable");

          if (cause != NULL)
            loket_reason_set_cause (reason, cause);
          set_reason_error (&error, LOKET_OAUTH2_ERROR_TEMPORARY, reason);
        }
      answer_waiters (self, NULL, error);
      return;
    }

  if (response->status == 200)
    {
      token = read_token_answer (self, response->body, &expires_in, &error);
      if (token == NULL)
        {
          answer_waiters (self, NULL, error);
          return;
        }

      g_clear_pointer (&self->token, g_free);
      self->token = g_strdup (token);
      self->token_until = g_get_monotonic_time () +
                          (expires_in - MIN (EXPIRY_MARGIN_S, expires_in / 10)) * G_USEC_PER_SEC;
      g_debug ("Agency %s: new token, good for %" G_GINT64_FORMAT " s", self->agency,
               expires_in);
      answer_waiters (self, token, NULL);
      return;
    }

  if (response->status == 400 || response->status == 401 || response->status == 403)
    {
      g_autofree char *code = error_code_of (response->body);
      LoketReason *reason = agency_reason (self, "oauth2-refused");

      loket_reason_set_int (reason, "status", response->status);
      loket_reason_set_string (reason, "error", code);
      loket_reason_set_string (reason, "file", self->secret_file != NULL ? self->secret_file
                                                                         : "client-secret-file");
      set_reason_error (&error, LOKET_OAUTH2_ERROR_CREDENTIALS, reason);
    }
  else
    {
      LoketReason *reason = agency_reason (self, "oauth2-status");

      loket_reason_set_int (reason, "status", response->status);
      set_reason_error (&error, LOKET_OAUTH2_ERROR_TEMPORARY, reason);
    }
  answer_waiters (self, NULL, error);
}

static void
request_token (LoketOAuth2 *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *id_escaped = NULL;
  g_autofree char *secret_escaped = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *basic = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(GString) form = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *headers[4];
  LoketHttpRequest request = { .method = "POST" };

  if (self->token_url == NULL || self->client_id == NULL)
    {
      set_reason_error (&error, LOKET_OAUTH2_ERROR_CONFIG, agency_reason (self, "oauth2-config"));
      answer_waiters (self, NULL, error);
      return;
    }
  if (!url_allowed (self))
    {
      set_reason_error (&error, LOKET_OAUTH2_ERROR_CONFIG, agency_reason (self, "oauth2-url"));
      answer_waiters (self, NULL, error);
      return;
    }

  secret = read_secret (self, &error);
  if (secret == NULL)
    {
      answer_waiters (self, NULL, error);
      return;
    }

  /* RFC 6749 2.3.1: id and secret are form-encoded before they go into HTTP Basic. */
  id_escaped = g_uri_escape_string (self->client_id, NULL, FALSE);
  secret_escaped = g_uri_escape_string (secret, NULL, FALSE);
  credentials = g_strconcat (id_escaped, ":", secret_escaped, NULL);
  basic = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  authorization = g_strconcat ("Authorization: Basic ", basic, NULL);
  memset (credentials, 0, strlen (credentials));
  memset (secret_escaped, 0, strlen (secret_escaped));
  memset (secret, 0, strlen (secret));

  form = g_string_new ("grant_type=client_credentials");
  if (self->scope != NULL && *self->scope != '\0')
    {
      g_autofree char *scope = g_uri_escape_string (self->scope, NULL, FALSE);

      g_string_append_printf (form, "&scope=%s", scope);
    }
  body = g_string_free_to_bytes (g_steal_pointer (&form));

  headers[0] = "Content-Type: application/x-www-form-urlencoded";
  headers[1] = "Accept: application/json";
  headers[2] = authorization;
  headers[3] = NULL;

  request.url = self->token_url;
  request.headers = headers;
  request.body = body;
  request.ca_file = self->ca_file;
  request.client_cert = self->client_cert;
  request.client_key = self->client_key;
  request.pinned_key = self->pinned_key;
  request.timeout_ms = self->timeout_ms;
  request.max_response_bytes = MAX_TOKEN_ANSWER_BYTES;

  self->requesting = TRUE;
  self->n_requests++;
  self->request_cancellable = g_cancellable_new ();
  loket_http_request_async (self->http, &request, self->request_cancellable,
                            token_request_done, g_object_ref (self));

  memset (authorization, 0, strlen (authorization));
}

typedef struct {
  LoketOAuth2 *self;
  Waiter      *waiter;
} CancelData;

static gboolean
waiter_cancelled_idle (gpointer user_data)
{
  CancelData *data = user_data;
  LoketOAuth2 *self = data->self;
  GList *link = g_list_find (self->waiters, data->waiter);

  /* Still waiting (the token may have come in the meantime). */
  if (link != NULL)
    {
      Waiter *waiter = link->data;
      g_autoptr(GError) error = NULL;

      self->waiters = g_list_delete_link (self->waiters, link);
      g_cancellable_disconnect (waiter->cancellable, waiter->cancelled_id);
      waiter->cancelled_id = 0;
      g_cancellable_set_error_if_cancelled (waiter->cancellable, &error);
      g_task_return_error (waiter->task, g_steal_pointer (&error));
      waiter_free (waiter);

      /* Nobody wants the token any more: stop asking, so a stopping engine is not kept
       * waiting for the token endpoint. */
      if (self->waiters == NULL && self->request_cancellable != NULL)
        g_cancellable_cancel (self->request_cancellable);
    }

  g_object_unref (self);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled (GCancellable *cancellable,
                  gpointer      user_data)
{
  Waiter *waiter = user_data;
  LoketOAuth2 *self = g_task_get_source_object (waiter->task);
  CancelData *data = g_new0 (CancelData, 1);

  /* Cancellation may come from any thread: the waiters list belongs to our context. */
  data->self = g_object_ref (self);
  data->waiter = waiter;
  g_main_context_invoke (self->context, waiter_cancelled_idle, data);
}

void
loket_oauth2_get_token_async (LoketOAuth2         *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (LOKET_IS_OAUTH2 (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_oauth2_get_token_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->token != NULL && g_get_monotonic_time () < self->token_until)
    {
      g_task_return_pointer (task, g_strdup (self->token), g_free);
      return;
    }
  g_clear_pointer (&self->token, g_free);

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_steal_pointer (&task);
  self->waiters = g_list_append (self->waiters, waiter);
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled),
                                                    waiter, NULL);
    }

  if (!self->requesting)
    request_token (self);
}

char *
loket_oauth2_get_token_finish (LoketOAuth2   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_oauth2_get_token_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
loket_oauth2_invalidate (LoketOAuth2 *self,
                         const char  *token)
{
  g_return_if_fail (LOKET_IS_OAUTH2 (self));
  g_return_if_fail (token != NULL);

  if (g_strcmp0 (self->token, token) == 0)
    g_clear_pointer (&self->token, g_free);
}

guint
loket_oauth2_get_n_requests (LoketOAuth2 *self)
{
  g_return_val_if_fail (LOKET_IS_OAUTH2 (self), 0);

  return self->n_requests;
}

static void
loket_oauth2_finalize (GObject *object)
{
  LoketOAuth2 *self = LOKET_OAUTH2 (object);

  /* Waiters hold a reference through their tasks' source object: none can be left. */
  g_assert (self->waiters == NULL);

  g_clear_object (&self->http);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->request_cancellable);
  g_free (self->agency);
  g_free (self->token_url);
  g_free (self->client_id);
  g_free (self->secret_file);
  g_free (self->scope);
  g_free (self->ca_file);
  g_free (self->client_cert);
  g_free (self->client_key);
  g_free (self->pinned_key);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (loket_oauth2_parent_class)->finalize (object);
}

static void
loket_oauth2_class_init (LoketOAuth2Class *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_oauth2_finalize;
}

static void
loket_oauth2_init (LoketOAuth2 *self)
{
}
