/* loket-http.c — HTTP requests driven by the GLib main loop (libcurl's multi interface)
 *
 * One GSource carries the whole multi handle: libcurl tells it which sockets to watch
 * (g_source_add_unix_fd) and when its next timeout is due (the source's ready time), and
 * the source's dispatch hands both back to curl_multi_socket_action(). The main loop never
 * waits on the network, and the multi handle's connection cache reuses connections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-http"

#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <glib/gi18n-lib.h>

#include "config/loket-secret-file.h"

#include "loket-http.h"

#define DEFAULT_CONNECT_TIMEOUT_MS (10 * 1000)
#define DEFAULT_TIMEOUT_MS (30 * 1000)
#define DEFAULT_STALL_TIMEOUT_S 15
#define DEFAULT_MAX_RESPONSE_BYTES (1024 * 1024)
/* An answer's headers after its first this many bytes are not kept (libcurl caps each line). */
#define MAX_KEPT_HEADER_BYTES (64 * 1024)


/* An extended error domain (GLib 2.68): each error keeps its reason, so that what is stored
 * is a code and its arguments, never words in the language of the moment. */
typedef struct {
  LoketReason *reason;
} LoketHttpErrorPrivate;

static void
loket_http_error_private_init (LoketHttpErrorPrivate *priv)
{
  priv->reason = NULL;
}

static void
loket_http_error_private_copy (const LoketHttpErrorPrivate *src,
                               LoketHttpErrorPrivate       *dest)
{
  dest->reason = src->reason != NULL ? loket_reason_copy (src->reason) : NULL;
}

static void
loket_http_error_private_clear (LoketHttpErrorPrivate *priv)
{
  g_clear_pointer (&priv->reason, loket_reason_free);
}

G_DEFINE_EXTENDED_ERROR (LoketHttpError, loket_http_error)

const LoketReason *
loket_http_error_get_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != LOKET_HTTP_ERROR)
    return NULL;
  return loket_http_error_get_private (error)->reason;
}

static const char *
kind_name (LoketHttpError code)
{
  switch (code)
    {
    case LOKET_HTTP_ERROR_CONNECT: return "connect";
    case LOKET_HTTP_ERROR_TLS: return "tls";
    case LOKET_HTTP_ERROR_TIMEOUT: return "timeout";
    case LOKET_HTTP_ERROR_TOO_LARGE: return "too-large";
    case LOKET_HTTP_ERROR_PROTOCOL: return "protocol";
    case LOKET_HTTP_ERROR_REFUSED: return "refused";
    case LOKET_HTTP_ERROR_FAILED:
    default: return "failed";
    }
}

/* Fails task with a transport reason; the message is its words in the current language. */
static void
return_transport_error (GTask          *task,
                        LoketHttpError  code,
                        LoketReason    *reason)
{
  GError *error = loket_reason_to_error (reason, LOKET_HTTP_ERROR, code);

  loket_http_error_get_private (error)->reason = reason;
  g_task_return_error (task, error);
}

static LoketReason *
transport_reason (LoketHttpError  code,
                  int             curl_code,
                  const char     *text)
{
  LoketReason *reason = loket_reason_new ("transport");

  loket_reason_set_string (reason, "kind", kind_name (code));
  if (curl_code != 0)
    loket_reason_set_int (reason, "curl", curl_code);
  loket_reason_set_string (reason, "text", text);
  return reason;
}

typedef struct {
  GSource    source;
  LoketHttp *http;      /* not owned: the source lives no longer than the object */
  GHashTable *sockets;  /* fd → tag of g_source_add_unix_fd */
} HttpSource;

struct _LoketHttp
{
  GObject       parent_instance;

  CURLM        *multi;
  GSource      *source;
  GMainContext *context;
  GHashTable   *transfers;   /* CURL* → GTask* (owned) */
};

G_DEFINE_FINAL_TYPE (LoketHttp, loket_http, G_TYPE_OBJECT)

typedef struct {
  CURL               *easy;
  struct curl_slist  *headers_out;       /* the request's */
  GBytes             *request_body;
  GByteArray         *response_body;
  gsize               max_response_bytes;
  gboolean            too_large;
  GHashTable         *headers;           /* lower-case name → value, of the last answer */
  gsize               header_bytes;      /* kept in headers so far */
  gboolean            tls_without_cert;  /* https:// and no client certificate given */
  GSource            *cancel_source;
  char                errbuf[CURL_ERROR_SIZE];
} Transfer;

static void
transfer_free (Transfer *transfer)
{
  if (transfer->cancel_source != NULL)
    {
      g_source_destroy (transfer->cancel_source);
      g_source_unref (transfer->cancel_source);
    }
  g_clear_pointer (&transfer->easy, curl_easy_cleanup);
  g_clear_pointer (&transfer->headers_out, curl_slist_free_all);
  g_clear_pointer (&transfer->request_body, g_bytes_unref);
  g_clear_pointer (&transfer->response_body, g_byte_array_unref);
  g_clear_pointer (&transfer->headers, g_hash_table_unref);
  g_free (transfer);
}

void
loket_http_response_free (LoketHttpResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->content_type);
  g_clear_pointer (&response->headers, g_hash_table_unref);
  g_free (response);
}

const char *
loket_http_response_get_header (const LoketHttpResponse *response,
                                const char              *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (response->headers == NULL)
    return NULL;
  key = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (response->headers, key);
}

static LoketHttpError
classify_curl_error (CURLcode code)
{
  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
      return LOKET_HTTP_ERROR_CONNECT;

    case CURLE_OPERATION_TIMEDOUT:
      return LOKET_HTTP_ERROR_TIMEOUT;

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
      return LOKET_HTTP_ERROR_TLS;

    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
      return LOKET_HTTP_ERROR_PROTOCOL;

    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return LOKET_HTTP_ERROR_REFUSED;

    default:
      return LOKET_HTTP_ERROR_FAILED;
    }
}

static void
complete_transfer (LoketHttp *self,
                   GTask     *task,
                   CURLcode   result)
{
  Transfer *transfer = g_task_get_task_data (task);
  g_autoptr(LoketHttpResponse) response = NULL;
  long status = 0;
  curl_off_t retry_after = 0;
  double seconds = 0;

  if (result != CURLE_OK)
    {
      LoketHttpError code = classify_curl_error (result);
      const char *detail = transfer->errbuf[0] != '\0' ? transfer->errbuf : curl_easy_strerror (result);
      LoketReason *reason;

      if (result == CURLE_WRITE_ERROR && transfer->too_large)
        {
          code = LOKET_HTTP_ERROR_TOO_LARGE;
          reason = transport_reason (code, 0, NULL);
          loket_reason_set_int (reason, "limit", (gint64) transfer->max_response_bytes);
        }
      else
        {
          reason = transport_reason (code, (int) result, detail);
          /* A server that wants a client certificate (mTLS) just drops a client without one:
           * say what staff can check, not only the reset. */
          if ((result == CURLE_RECV_ERROR || result == CURLE_SEND_ERROR ||
               result == CURLE_SSL_CONNECT_ERROR) && transfer->tls_without_cert)
            loket_reason_set_boolean (reason, "client_cert", TRUE);
        }
      return_transport_error (task, code, reason);
      return;
    }

  curl_easy_getinfo (transfer->easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (transfer->easy, CURLINFO_RETRY_AFTER, &retry_after);
  curl_easy_getinfo (transfer->easy, CURLINFO_TOTAL_TIME, &seconds);

  response = g_new0 (LoketHttpResponse, 1);
  response->status = (guint) status;
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&transfer->response_body));
  response->headers = g_steal_pointer (&transfer->headers);
  response->content_type = g_strdup (g_hash_table_lookup (response->headers, "content-type"));
  /* libcurl parses both forms (seconds, HTTP-date); the header says whether there was one. */
  response->retry_after_s = g_hash_table_contains (response->headers, "retry-after")
                            ? (gint64) retry_after : -1;
  response->seconds = seconds;

  g_task_return_pointer (task, g_steal_pointer (&response),
                         (GDestroyNotify) loket_http_response_free);
}

static void
check_multi_info (LoketHttp *self)
{
  CURLMsg *msg;
  int left;

  while ((msg = curl_multi_info_read (self->multi, &left)) != NULL)
    {
      g_autoptr(GTask) task = NULL;
      CURL *easy = msg->easy_handle;
      CURLcode result = msg->data.result;

      if (msg->msg != CURLMSG_DONE)
        continue;

      if (!g_hash_table_steal_extended (self->transfers, easy, NULL, (gpointer *) &task))
        continue;

      curl_multi_remove_handle (self->multi, easy);
      complete_transfer (self, task, result);
    }
}

static gboolean
http_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  HttpSource *hs = (HttpSource *) source;
  LoketHttp *self = hs->http;
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  gint64 ready_time = g_source_get_ready_time (source);
  GHashTableIter iter;
  gpointer key, tag;
  int running = 0;

  g_object_ref (self);

  if (ready_time != -1 && g_source_get_time (source) >= ready_time)
    {
      g_source_set_ready_time (source, -1);
      curl_multi_socket_action (self->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }

  /* Collect first: socket_action may add or remove watches while we go. */
  g_hash_table_iter_init (&iter, hs->sockets);
  while (g_hash_table_iter_next (&iter, &key, &tag))
    {
      GIOCondition revents = g_source_query_unix_fd (source, tag);
      int entry[2] = { GPOINTER_TO_INT (key), 0 };

      if (revents & G_IO_IN)
        entry[1] |= CURL_CSELECT_IN;
      if (revents & G_IO_OUT)
        entry[1] |= CURL_CSELECT_OUT;
      if (revents & (G_IO_ERR | G_IO_HUP))
        entry[1] |= CURL_CSELECT_ERR;
      if (entry[1] != 0)
        g_array_append_val (ready, entry);
    }

  for (guint i = 0; i < ready->len; i++)
    {
      int *entry = &g_array_index (ready, int, i * 2);

      curl_multi_socket_action (self->multi, entry[0], entry[1], &running);
    }

  check_multi_info (self);
  g_object_unref (self);

  return G_SOURCE_CONTINUE;
}

static void
http_source_finalize (GSource *source)
{
  HttpSource *hs = (HttpSource *) source;

  g_clear_pointer (&hs->sockets, g_hash_table_unref);
}

static GSourceFuncs http_source_funcs = {
  .dispatch = http_source_dispatch,
  .finalize = http_source_finalize,
};

static int
socket_cb (CURL          *easy,
           curl_socket_t  fd,
           int            what,
           void          *userp,
           void          *socketp)
{
  LoketHttp *self = userp;
  HttpSource *hs = (HttpSource *) self->source;
  GIOCondition condition = 0;

  if (what == CURL_POLL_REMOVE)
    {
      if (socketp != NULL)
        {
          g_source_remove_unix_fd (self->source, socketp);
          g_hash_table_remove (hs->sockets, GINT_TO_POINTER (fd));
          curl_multi_assign (self->multi, fd, NULL);
        }
      return 0;
    }

  if (what & CURL_POLL_IN)
    condition |= G_IO_IN;
  if (what & CURL_POLL_OUT)
    condition |= G_IO_OUT;

  if (socketp == NULL)
    {
      gpointer tag = g_source_add_unix_fd (self->source, fd, condition);

      g_hash_table_insert (hs->sockets, GINT_TO_POINTER (fd), tag);
      curl_multi_assign (self->multi, fd, tag);
    }
  else
    {
      g_source_modify_unix_fd (self->source, socketp, condition);
    }

  return 0;
}

static int
timer_cb (CURLM *multi,
          long   timeout_ms,
          void  *userp)
{
  LoketHttp *self = userp;

  /* Never call back into curl from here: just move the source's ready time. */
  if (timeout_ms < 0)
    g_source_set_ready_time (self->source, -1);
  else
    g_source_set_ready_time (self->source, g_get_monotonic_time () + (gint64) timeout_ms * 1000);

  return 0;
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *userp)
{
  Transfer *transfer = userp;
  gsize n = size * nmemb;

  /* CURLOPT_MAXFILESIZE does not stop chunked answers: the cap is enforced here. */
  if (transfer->response_body->len + n > transfer->max_response_bytes)
    {
      transfer->too_large = TRUE;
      return 0;
    }

  g_byte_array_append (transfer->response_body, (const guint8 *) data, n);
  return n;
}

/* A header line's name (lower case) and value (trimmed); FALSE for a line that is not
 * "Name: value" (the blank line that ends the headers, a folded continuation). */
static gboolean
split_header (const char  *line,
              gsize        length,
              char       **name,
              char       **value)
{
  const char *colon = memchr (line, ':', length);

  if (colon == NULL || colon == line)
    return FALSE;
  for (const char *p = line; p < colon; p++)
    if (!g_ascii_isgraph (*p))
      return FALSE;

  *name = g_ascii_strdown (line, colon - line);
  *value = g_strstrip (g_strndup (colon + 1, length - (colon - line) - 1));
  return TRUE;
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  nmemb,
           void   *userp)
{
  Transfer *transfer = userp;
  gsize n = size * nmemb;
  char *name, *value;

  /* A new status line starts a new answer (after a 100 Continue, say). */
  if (n >= 5 && strncmp (data, "HTTP/", 5) == 0)
    {
      g_hash_table_remove_all (transfer->headers);
      transfer->header_bytes = 0;
      return n;
    }

  if (!split_header (data, n, &name, &value))
    return n;

  /* Every header is kept, for whoever knows what it means: the last of a name wins. From
   * the first that passes the cap on, only HTTP's own that this file reads still count. */
  if (transfer->header_bytes + n > MAX_KEPT_HEADER_BYTES)
    transfer->header_bytes = MAX_KEPT_HEADER_BYTES + 1;
  else
    transfer->header_bytes += n;

  if (transfer->header_bytes <= MAX_KEPT_HEADER_BYTES ||
      g_str_equal (name, "content-type") || g_str_equal (name, "retry-after"))
    {
      g_hash_table_replace (transfer->headers, name, value);
    }
  else
    {
      g_free (name);
      g_free (value);
    }

  return n;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  LoketHttp *self = g_task_get_source_object (task);
  Transfer *transfer = g_task_get_task_data (task);
  GTask *owned = NULL;

  if (g_hash_table_steal_extended (self->transfers, transfer->easy, NULL, (gpointer *) &owned))
    {
      curl_multi_remove_handle (self->multi, transfer->easy);
      g_task_return_error_if_cancelled (owned);
      g_object_unref (owned);
    }

  return G_SOURCE_REMOVE;
}

static Transfer *
transfer_new (const LoketHttpRequest *request)
{
  Transfer *transfer = g_new0 (Transfer, 1);

  transfer->response_body = g_byte_array_new ();
  transfer->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  transfer->max_response_bytes = request->max_response_bytes != 0
                                 ? request->max_response_bytes : DEFAULT_MAX_RESPONSE_BYTES;
  transfer->easy = curl_easy_init ();
  return transfer;
}

/* Where to, what is collected, and how long it may take. */
static void
set_transfer_options (Transfer               *transfer,
                      const LoketHttpRequest *request)
{
  CURL *easy = transfer->easy;

  curl_easy_setopt (easy, CURLOPT_URL, request->url);
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, transfer->errbuf);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, transfer);
  curl_easy_setopt (easy, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT_MS,
                    (long) (request->connect_timeout_ms ? request->connect_timeout_ms
                                                        : DEFAULT_CONNECT_TIMEOUT_MS));
  curl_easy_setopt (easy, CURLOPT_TIMEOUT_MS,
                    (long) (request->timeout_ms ? request->timeout_ms : DEFAULT_TIMEOUT_MS));
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_TIME,
                    (long) (request->stall_timeout_s ? request->stall_timeout_s
                                                     : DEFAULT_STALL_TIMEOUT_S));
}

/* TLS is verified, always. NULL, or why the request may not leave (an unreadable key). */
static LoketReason *
set_tls_options (Transfer               *transfer,
                 const LoketHttpRequest *request)
{
  CURL *easy = transfer->easy;

  /* An agency's own CA replaces the system's: libcurl would otherwise still trust the
   * system CA directory next to CURLOPT_CAINFO. */
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (request->ca_file != NULL)
    {
      curl_easy_setopt (easy, CURLOPT_CAINFO, request->ca_file);
      curl_easy_setopt (easy, CURLOPT_CAPATH, NULL);
    }
  if (request->client_cert != NULL)
    curl_easy_setopt (easy, CURLOPT_SSLCERT, request->client_cert);
  else
    transfer->tls_without_cert = g_ascii_strncasecmp (request->url, "https:", 6) == 0;
  if (request->client_key != NULL)
    {
      /* The key goes to curl as bytes, read through the same check as every secret: curl
       * given the path would follow a link, block on a FIFO and take a key others can read. */
      g_autoptr(GError) key_error = NULL;
      g_autoptr(GBytes) key = loket_secret_file_read (request->client_key, _("client key"),
                                                      LOKET_SECRET_MAX_CLIENT_KEY_BYTES,
                                                      &key_error);
      struct curl_blob blob = { .flags = CURL_BLOB_COPY };

      if (key == NULL)
        return loket_reason_new_secret_file (key_error, "client-key", request->client_key);
      blob.data = (void *) g_bytes_get_data (key, &blob.len);
      curl_easy_setopt (easy, CURLOPT_SSLKEY_BLOB, &blob);
    }
  if (request->pinned_key != NULL)
    curl_easy_setopt (easy, CURLOPT_PINNEDPUBLICKEY, request->pinned_key);

  return NULL;
}

/* The caller's headers, the method and the body, which the transfer keeps alive. */
static void
set_headers_and_body (Transfer               *transfer,
                      const LoketHttpRequest *request)
{
  CURL *easy = transfer->easy;

  /* No "Expect: 100-continue" round trip for the small bodies we send. */
  transfer->headers_out = curl_slist_append (NULL, "Expect:");
  for (guint i = 0; request->headers != NULL && request->headers[i] != NULL; i++)
    transfer->headers_out = curl_slist_append (transfer->headers_out, request->headers[i]);
  curl_easy_setopt (easy, CURLOPT_HTTPHEADER, transfer->headers_out);

  if (g_strcmp0 (request->method, "POST") == 0)
    {
      gsize size = 0;
      gconstpointer data;

      transfer->request_body = request->body != NULL ? g_bytes_ref (request->body)
                                                      : g_bytes_new_static ("", 0);
      data = g_bytes_get_data (transfer->request_body, &size);
      curl_easy_setopt (easy, CURLOPT_POST, 1L);
      curl_easy_setopt (easy, CURLOPT_POSTFIELDS, data);
      curl_easy_setopt (easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) size);
    }
  else if (request->method != NULL && g_strcmp0 (request->method, "GET") != 0)
    {
      curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, request->method);
    }
}

/* The task is in self->transfers from here on; the multi handle drives it. */
static void
start_transfer (LoketHttp *self,
                GTask     *task_in)
{
  g_autoptr(GTask) task = task_in;
  Transfer *transfer = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  CURLMcode mcode;

  if (cancellable != NULL)
    {
      transfer->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (transfer->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (transfer->cancel_source, self->context);
    }

  mcode = curl_multi_add_handle (self->multi, transfer->easy);
  if (mcode != CURLM_OK)
    {
      return_transport_error (task, LOKET_HTTP_ERROR_FAILED,
                              transport_reason (LOKET_HTTP_ERROR_FAILED, 0,
                                                curl_multi_strerror (mcode)));
      return;
    }

  g_hash_table_insert (self->transfers, transfer->easy, g_steal_pointer (&task));
}

void
loket_http_request_async (LoketHttp               *self,
                          const LoketHttpRequest  *request,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Transfer *transfer;
  LoketReason *refused;

  g_return_if_fail (LOKET_IS_HTTP (self));
  g_return_if_fail (request != NULL && request->url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_http_request_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  transfer = transfer_new (request);
  g_task_set_task_data (task, transfer, (GDestroyNotify) transfer_free);
  if (transfer->easy == NULL)
    {
      return_transport_error (task, LOKET_HTTP_ERROR_FAILED,
                              transport_reason (LOKET_HTTP_ERROR_FAILED, 0, NULL));
      return;
    }

  set_transfer_options (transfer, request);
  refused = set_tls_options (transfer, request);
  if (refused != NULL)
    {
      return_transport_error (task, LOKET_HTTP_ERROR_REFUSED, refused);
      return;
    }
  set_headers_and_body (transfer, request);

  start_transfer (self, g_steal_pointer (&task));
}

LoketHttpResponse *
loket_http_request_finish (LoketHttp     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LOKET_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_http_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
loket_http_get_n_active (LoketHttp *self)
{
  g_return_val_if_fail (LOKET_IS_HTTP (self), 0);

  return g_hash_table_size (self->transfers);
}

static void
loket_http_finalize (GObject *object)
{
  LoketHttp *self = LOKET_HTTP (object);

  /* Every pending task holds a reference on us, so none is left here. */
  g_assert (g_hash_table_size (self->transfers) == 0);

  g_clear_pointer (&self->multi, curl_multi_cleanup);
  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
  g_clear_pointer (&self->transfers, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (loket_http_parent_class)->finalize (object);
}

static void
loket_http_class_init (LoketHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_http_finalize;

  /* Once per process, before any thread could race it. */
  curl_global_init (CURL_GLOBAL_DEFAULT);
}

static void
loket_http_init (LoketHttp *self)
{
  HttpSource *hs;

  self->context = g_main_context_ref_thread_default ();
  self->transfers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  self->source = g_source_new (&http_source_funcs, sizeof (HttpSource));
  hs = (HttpSource *) self->source;
  hs->http = self;
  hs->sockets = g_hash_table_new (NULL, NULL);
  g_source_set_static_name (self->source, "[loket-http]");
  g_source_attach (self->source, self->context);

  self->multi = curl_multi_init ();
  curl_multi_setopt (self->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
  curl_multi_setopt (self->multi, CURLMOPT_SOCKETDATA, self);
  curl_multi_setopt (self->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
  curl_multi_setopt (self->multi, CURLMOPT_TIMERDATA, self);
}

LoketHttp *
loket_http_new (guint max_per_host)
{
  LoketHttp *self = g_object_new (LOKET_TYPE_HTTP, NULL);

  if (max_per_host > 0)
    curl_multi_setopt (self->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) max_per_host);

  return self;
}
