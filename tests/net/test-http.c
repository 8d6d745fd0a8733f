/* test-http.c — LoketHttp against a real HTTP server on loopback (libsoup, same main loop)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "net/loket-http.h"

typedef struct {
  SoupServer *server;
  char       *base;           /* "http://127.0.0.1:PORT" */
  GHashTable *sockets;        /* distinct client connections seen */
  guint       requests;
  GPtrArray  *paused;         /* messages never answered (stalls) */
  LoketHttp  *http;
} Fixture;

static void
server_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  f->requests++;
  g_hash_table_add (f->sockets, soup_server_message_get_socket (msg));

  if (g_str_equal (path, "/hello"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"hello\":true}", 14);
    }
  else if (g_str_equal (path, "/echo"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "Idempotency-Key");

      soup_message_headers_replace (response_headers, "X-Echo-Key", key != NULL ? key : "");
      soup_server_message_set_status (msg, 201, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  else if (g_str_equal (path, "/busy-seconds"))
    {
      soup_message_headers_replace (response_headers, "Retry-After", "7");
      soup_server_message_set_status (msg, 503, NULL);
    }
  else if (g_str_equal (path, "/busy-date"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (response_headers, "Retry-After", date);
      soup_server_message_set_status (msg, 429, NULL);
    }
  else if (g_str_equal (path, "/xroad"))
    {
      soup_message_headers_replace (response_headers, "X-Road-Error", "Server.ServerProxy.ServiceFailed");
      soup_server_message_set_status (msg, 500, NULL);
    }
  else if (g_str_equal (path, "/huge"))
    {
      gsize size = 2 * 1024 * 1024;

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_malloc0 (size), size);
    }
  else if (g_str_equal (path, "/stall"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  f->sockets = g_hash_table_new (NULL, NULL);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  f->http = loket_http_new (4);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (f->paused, i);

      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_unpause (msg);
    }
  g_clear_object (&f->http);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_ptr_array_unref (f->paused);
  g_hash_table_unref (f->sockets);
  g_free (f->base);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct {
  LoketHttpResponse *response;
  GError            *error;
  gboolean           done;
} Result;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->response = loket_http_request_finish (LOKET_HTTP (source), result, &r->error);
  r->done = TRUE;
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->response, loket_http_response_free);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static void
run_request (Fixture          *f,
             LoketHttpRequest *request,
             GCancellable     *cancellable,
             Result           *r)
{
  loket_http_request_async (f->http, request, cancellable, on_done, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_get (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/hello", NULL);
  LoketHttpRequest request = { .method = "GET", .url = url };
  Result r = { 0 };

  run_request (f, &request, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 200);
  g_assert_cmpstr (r.response->content_type, ==, "application/json");
  g_assert_cmpmem (g_bytes_get_data (r.response->body, NULL), g_bytes_get_size (r.response->body),
                   "{\"hello\":true}", 14);
  g_assert_cmpint (r.response->retry_after_s, ==, -1);
  result_clear (&r);
}

static void
test_post_headers (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/echo", NULL);
  static const char body[] = "{\"part_id\":\"1234\"}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));
  const char *headers[] = { "Content-Type: application/json",
                            "Idempotency-Key: \"1234\"", NULL };
  LoketHttpRequest request = { .method = "POST", .url = url, .headers = headers, .body = bytes };
  Result r = { 0 };

  run_request (f, &request, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 201);
  /* The bytes arrive as they were given, byte for byte. */
  g_assert_true (g_bytes_equal (r.response->body, bytes));
  /* The answer's headers are kept, whatever their name, and read in any case. */
  g_assert_cmpstr (loket_http_response_get_header (r.response, "X-Echo-Key"), ==, "\"1234\"");
  g_assert_cmpstr (loket_http_response_get_header (r.response, "x-echo-key"), ==, "\"1234\"");
  g_assert_cmpstr (loket_http_response_get_header (r.response, "Content-Type"), ==,
                   "application/json");
  g_assert_null (loket_http_response_get_header (r.response, "X-Road-Error"));
  result_clear (&r);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *seconds_url = g_strconcat (f->base, "/busy-seconds", NULL);
  g_autofree char *date_url = g_strconcat (f->base, "/busy-date", NULL);
  g_autofree char *xroad_url = g_strconcat (f->base, "/xroad", NULL);
  LoketHttpRequest request = { .method = "GET", .url = seconds_url };
  Result r = { 0 };

  /* A 503 is an answer, not a transport error: the status decides. */
  run_request (f, &request, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 503);
  g_assert_cmpint (r.response->retry_after_s, ==, 7);
  result_clear (&r);

  request.url = date_url;
  run_request (f, &request, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 429);
  /* An HTTP-date two minutes ahead, to the second (allow the clock to tick). */
  g_assert_cmpint (r.response->retry_after_s, >=, 118);
  g_assert_cmpint (r.response->retry_after_s, <=, 121);
  result_clear (&r);

  request.url = xroad_url;
  run_request (f, &request, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (loket_http_response_get_header (r.response, "X-Road-Error"), ==,
                   "Server.ServerProxy.ServiceFailed");
  result_clear (&r);
}

/* A server that writes one answer as it is given, header order and all (libsoup puts the
 * headers it knows first): reads the request's head, answers, closes. */
static gboolean
raw_answer (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            gpointer                user_data)
{
  const char *answer = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) head = g_string_new (NULL);
  char buffer[1024];
  gssize n;

  while (strstr (head->str, "\r\n\r\n") == NULL &&
         (n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (head, buffer, n);
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* An answer's headers are kept up to a cap; Retry-After counts wherever it comes. */
static void
test_many_headers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GString) answer = g_string_new ("HTTP/1.1 503 Service Unavailable\r\n");
  g_autofree char *filler = g_strnfill (1000, 'x');
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  LoketHttpRequest request = { .method = "GET" };
  Result r = { 0 };

  /* 100 kB of headers, past what an answer keeps, then one of HTTP's own. */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (answer, "X-Filler-%u: %s\r\n", i, filler);
  g_string_append (answer, "Retry-After: 7\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (raw_answer), answer->str);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  request.url = url;

  run_request (f, &request, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 503);
  g_assert_cmpint (r.response->retry_after_s, ==, 7);
  g_assert_cmpuint (strlen (loket_http_response_get_header (r.response, "X-Filler-0")), ==, 1000);
  g_assert_null (loket_http_response_get_header (r.response, "X-Filler-99"));
  result_clear (&r);

  g_socket_service_stop (service);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/huge", NULL);
  LoketHttpRequest request = { .method = "GET", .url = url, .max_response_bytes = 64 * 1024 };
  const LoketReason *reason;
  Result r = { 0 };

  run_request (f, &request, NULL, &r);
  g_assert_error (r.error, LOKET_HTTP_ERROR, LOKET_HTTP_ERROR_TOO_LARGE);
  g_assert_null (r.response);
  /* The error keeps its reason for the outbox: a code and the limit, not words. */
  reason = loket_http_error_get_reason (r.error);
  g_assert_nonnull (reason);
  g_assert_cmpstr (loket_reason_get_code (reason), ==, "transport");
  g_assert_cmpstr (loket_reason_get_string (reason, "kind"), ==, "too-large");
  g_assert_cmpint (loket_reason_get_int (reason, "limit", 0), ==, 64 * 1024);
  result_clear (&r);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *url = NULL;
  LoketHttpRequest request = { .method = "GET" };
  const LoketReason *reason;
  Result r = { 0 };
  guint16 port;

  /* A port that was just free: bind and close, so nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u/hello", port);
  request.url = url;
  run_request (f, &request, NULL, &r);
  g_assert_error (r.error, LOKET_HTTP_ERROR, LOKET_HTTP_ERROR_CONNECT);
  reason = loket_http_error_get_reason (r.error);
  g_assert_nonnull (reason);
  g_assert_cmpstr (loket_reason_get_string (reason, "kind"), ==, "connect");
  g_assert_cmpint (loket_reason_get_int (reason, "curl", 0), ==, 7);   /* COULDNT_CONNECT */
  g_assert_nonnull (loket_reason_get_string (reason, "text"));
  /* A copy (what GTask and the token's waiters make) keeps it too. */
  {
    g_autoptr(GError) copy = g_error_copy (r.error);

    g_assert_nonnull (loket_http_error_get_reason (copy));
    g_assert_true (loket_http_error_get_reason (copy) != reason);
  }
  result_clear (&r);

  request.url = "ftp://127.0.0.1/file";
  run_request (f, &request, NULL, &r);
  g_assert_error (r.error, LOKET_HTTP_ERROR, LOKET_HTTP_ERROR_REFUSED);
  result_clear (&r);
}

static gboolean
count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_timeout_keeps_loop_alive (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/stall", NULL);
  LoketHttpRequest request = { .method = "GET", .url = url, .timeout_ms = 600 };
  Result r = { 0 };
  guint ticks = 0;
  guint tick_id;
  gint64 start = g_get_monotonic_time ();

  /* While a request hangs, the main loop keeps running its other sources. */
  tick_id = g_timeout_add (10, count_tick, &ticks);
  run_request (f, &request, NULL, &r);
  g_source_remove (tick_id);

  g_assert_error (r.error, LOKET_HTTP_ERROR, LOKET_HTTP_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 500 * 1000);
  g_assert_cmpuint (ticks, >=, 20);
  result_clear (&r);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/stall", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoketHttpRequest request = { .method = "GET", .url = url };
  Result r = { 0 };

  g_timeout_add (50, cancel_soon, cancellable);
  run_request (f, &request, cancellable, &r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (loket_http_get_n_active (f->http), ==, 0);
  result_clear (&r);

  /* Already cancelled: fails at once. */
  run_request (f, &request, cancellable, &r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&r);
}

static void
test_parallel_and_reuse (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base, "/hello", NULL);
  LoketHttpRequest request = { .method = "GET", .url = url };
  Result results[8] = { 0 };
  guint done;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    loket_http_request_async (f->http, &request, NULL, on_done, &results[i]);
  g_assert_cmpuint (loket_http_get_n_active (f->http), ==, G_N_ELEMENTS (results));

  do
    {
      g_main_context_iteration (NULL, TRUE);
      done = 0;
      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        done += results[i].done;
    }
  while (done < G_N_ELEMENTS (results));

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_no_error (results[i].error);
      g_assert_cmpuint (results[i].response->status, ==, 200);
      result_clear (&results[i]);
    }

  /* At most 4 connections to one host, then reused: 8 more requests open none. */
  g_assert_cmpuint (g_hash_table_size (f->sockets), <=, 4);
  for (guint i = 0; i < 8; i++)
    {
      run_request (f, &request, NULL, &results[0]);
      g_assert_no_error (results[0].error);
      result_clear (&results[0]);
    }
  g_assert_cmpuint (g_hash_table_size (f->sockets), <=, 4);
  g_assert_cmpuint (f->requests, ==, 16);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/http/get", test_get);
  ADD ("/http/post-headers", test_post_headers);
  ADD ("/http/retry-after", test_retry_after);
  ADD ("/http/many-headers", test_many_headers);
  ADD ("/http/too-large", test_too_large);
  ADD ("/http/refused", test_refused);
  ADD ("/http/timeout-keeps-loop-alive", test_timeout_keeps_loop_alive);
  ADD ("/http/cancel", test_cancel);
  ADD ("/http/parallel-and-reuse", test_parallel_and_reuse);

#undef ADD

  return g_test_run ();
}
