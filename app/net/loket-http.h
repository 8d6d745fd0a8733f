/* loket-http.h — HTTP requests driven by the GLib main loop (libcurl's multi interface)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "net/loket-reason.h"

G_BEGIN_DECLS

#define LOKET_HTTP_ERROR (loket_http_error_quark ())

/* Transport failures: nothing usable came back. An HTTP status, whatever it is, is not an
 * error here — the caller decides what a 503 means. */
typedef enum {
  LOKET_HTTP_ERROR_CONNECT,     /* resolving, connecting, a dropped connection */
  LOKET_HTTP_ERROR_TLS,         /* handshake, certificate, pinned key, client certificate */
  LOKET_HTTP_ERROR_TIMEOUT,     /* no connection, no answer or a stalled transfer in time */
  LOKET_HTTP_ERROR_TOO_LARGE,   /* the answer passed max_response_bytes */
  LOKET_HTTP_ERROR_PROTOCOL,    /* a truncated or malformed HTTP answer */
  LOKET_HTTP_ERROR_REFUSED,     /* the request itself is not allowed (plain http, bad URL) */
  LOKET_HTTP_ERROR_FAILED,      /* anything else */
} LoketHttpError;

GQuark loket_http_error_quark (void);

/* A LOKET_HTTP_ERROR carries its reason ("transport", with the kind of failure, libcurl's
 * error number and words): store that, not the message, which is already in words of the
 * language current when it failed. NULL for an error of another domain. */
const LoketReason *loket_http_error_get_reason (const GError *error);

typedef struct {
  const char *method;               /* "GET" or "POST" */
  const char *url;
  const char * const *headers;      /* "Name: value", NULL-terminated, or NULL */
  GBytes     *body;                 /* POST body, or NULL */

  /* TLS: always verified. With ca_file, the system's CAs are not trusted. */
  const char *ca_file;
  const char *client_cert;
  const char *client_key;
  const char *pinned_key;           /* "sha256//BASE64" */

  guint       connect_timeout_ms;   /* 0: 10 s */
  guint       timeout_ms;           /* the whole transfer; 0: 30 s */
  guint       stall_timeout_s;      /* below 1 byte/s for this long; 0: 15 s */
  gsize       max_response_bytes;   /* 0: 1 MiB */
} LoketHttpRequest;

typedef struct {
  guint       status;               /* the HTTP status */
  GBytes     *body;
  char       *content_type;         /* or NULL */
  gint64      retry_after_s;        /* from Retry-After (seconds or HTTP-date), -1 if none */
  GHashTable *headers;              /* the answer's headers (its first 64 KiB of them),
                                     * lower-case name → value, the last one given; read
                                     * with loket_http_response_get_header () */
  double      seconds;              /* total time */
} LoketHttpResponse;

void        loket_http_response_free       (LoketHttpResponse       *response);
/* The value of the answer's header name (any case), trimmed; NULL when it did not come. A
 * protocol's own headers are read here by the code that knows them (an agency profile). */
const char *loket_http_response_get_header (const LoketHttpResponse *response,
                                            const char              *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketHttpResponse, loket_http_response_free)

#define LOKET_TYPE_HTTP (loket_http_get_type ())
G_DECLARE_FINAL_TYPE (LoketHttp, loket_http, LOKET, HTTP, GObject)

/* Bound to the thread-default main context at creation: requests are made from that
 * context's thread, callbacks run there, and nothing ever blocks it (name resolution is
 * threaded inside libcurl). Connections are reused between requests. */
LoketHttp         *loket_http_new            (guint                    max_per_host);

void               loket_http_request_async  (LoketHttp               *self,
                                              const LoketHttpRequest  *request,
                                              GCancellable            *cancellable,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data);
LoketHttpResponse *loket_http_request_finish (LoketHttp               *self,
                                              GAsyncResult            *result,
                                              GError                 **error);

guint              loket_http_get_n_active   (LoketHttp               *self);

G_END_DECLS
