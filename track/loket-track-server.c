/* loket-track-server.c — loket-track's HTTP side: routes, limits, headers
 *
 * Every answer carries the same security headers; every request, a malformed one too, takes
 * a token from its client's bucket before anything else is read, and a code that does not
 * parse is answered without asking any agency. libsoup's server is not meant to face the
 * Internet directly: it listens on loopback behind nginx (data/nginx/loket-track.conf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "core/loket-tracking-code.h"
#include "net/loket-http.h"
#include "loket-track-fanout.h"
#include "loket-track-limiter.h"
#include "loket-track-metrics.h"
#include "loket-track-page.h"
#include "loket-track-query.h"
#include "loket-track-server.h"

#define MAX_HEADER_BYTES 8192
#define MAX_URI_BYTES (LOKET_TRACK_MAX_PATH + LOKET_TRACK_MAX_QUERY + 16)
#define RATE_LIMIT_CLIENTS 100000

struct _LoketTrackServer {
  LoketConfig       *config;
  SoupServer        *soup;
  LoketHttp         *http;
  LoketTrackMetrics *metrics;
  LoketTrackPages   *pages;
  LoketTrackFanout  *fanout;
  LoketTrackLimiter *limiter;
  GPtrArray         *trusted;    /* of GInetAddressMask* */
};

/* One request while its agencies are asked. */
typedef struct {
  LoketTrackServer  *server;
  SoupServerMessage *msg;
  gint64             started_us;
  char              *code;
  char              *language;
  char              *query_agencies;
  gboolean           json;
  gboolean           asked;
} Pending;

static void
set_common_headers (LoketTrackServer  *self,
                    SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Robots-Tag", "noindex, nofollow");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                loket_track_pages_csp (self->pages));
  soup_message_headers_replace (headers, "Vary", "Accept, Accept-Language");
}

static void
respond (LoketTrackServer  *self,
         SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         char              *body)      /* taken */
{
  set_common_headers (self, msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static const char *
content_type (gboolean json)
{
  return json ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
}

static void
finish (LoketTrackServer  *self,
        SoupServerMessage *msg,
        gint64             started_us,
        LoketTrackOutcome  outcome,
        const char        *code)
{
  double seconds = (g_get_monotonic_time () - started_us) / (double) G_USEC_PER_SEC;
  g_autofree char *shown = NULL;

  loket_track_metrics_request (self->metrics, outcome, seconds);
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  shown = loket_track_code_for_log (code);
  /* Never the whole code, nor the client's address. */
  g_debug ("%s %u %s %.3f s", soup_server_message_get_method (msg),
           soup_server_message_get_status (msg), shown, seconds);
}

static void
respond_notice (LoketTrackServer  *self,
                SoupServerMessage *msg,
                const char        *language,
                gboolean           json,
                guint              status,
                LoketTrackNotice   notice)
{
  respond (self, msg, status, content_type (json),
           loket_track_pages_render_notice (self->pages, language, json, notice));
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->msg);
  g_free (pending->code);
  g_free (pending->language);
  g_free (pending->query_agencies);
  g_free (pending);
}

static void
answer_page (Pending   *pending,
             GPtrArray *answers)
{
  LoketTrackServer *self = pending->server;
  LoketTrackOutcome outcome = LOKET_TRACK_OUTCOME_OK;
  guint status = 200;
  char *body;

  body = loket_track_pages_render (self->pages, pending->language, pending->json, pending->code,
                                   answers, pending->asked, pending->query_agencies, &status);
  for (guint i = 0; i < answers->len; i++)
    if (!((LoketTrackAgencyAnswer *) g_ptr_array_index (answers, i))->answered)
      outcome = LOKET_TRACK_OUTCOME_PARTIAL;
  if (status == 404)
    outcome = LOKET_TRACK_OUTCOME_NOT_FOUND;
  else if (status == 503)
    outcome = LOKET_TRACK_OUTCOME_UNAVAILABLE;

  respond (self, pending->msg, status, content_type (pending->json), body);
  finish (self, pending->msg, pending->started_us, outcome, pending->code);
}

static void
on_asked (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GPtrArray) answers = loket_track_fanout_ask_finish (pending->server->fanout, result);

  answer_page (pending, answers);
  soup_server_message_unpause (pending->msg);
  pending_free (pending);
}

static void
serve_metrics (LoketTrackServer  *self,
               SoupServerMessage *msg)
{
  loket_track_metrics_set_gauges (self->metrics, loket_track_fanout_cache_size (self->fanout),
                                  loket_track_limiter_get_size (self->limiter),
                                  loket_track_fanout_in_flight (self->fanout));
  respond (self, msg, 200, "text/plain; version=0.0.4; charset=utf-8",
           loket_track_metrics_to_text (self->metrics));
}

static void
serve_code (LoketTrackServer  *self,
            SoupServerMessage *msg,
            gint64             started_us,
            const char        *code_text,
            const char        *language,
            gboolean           json)
{
  GUri *uri = soup_server_message_get_uri (msg);
  LoketTrackQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = loket_tracking_code_parse (code_text, &error);
  g_auto(GStrv) agencies = NULL;
  g_autoptr(GPtrArray) cached = NULL;
  Pending *pending;

  if (code == NULL || !loket_track_query_parse (g_uri_get_query (uri), &query))
    {
      /* No agency is asked about a code that cannot be one. */
      respond_notice (self, msg, language, json, 400, LOKET_TRACK_NOTICE_BAD_CODE);
      finish (self, msg, started_us, LOKET_TRACK_OUTCOME_BAD_CODE, NULL);
      loket_track_query_clear (&query);
      return;
    }

  agencies = loket_track_fanout_pick (self->fanout, (const char * const *) query.agencies);
  pending = g_new0 (Pending, 1);
  pending->server = self;
  pending->msg = g_object_ref (msg);
  pending->started_us = started_us;
  pending->code = g_steal_pointer (&code);
  pending->language = g_strdup (language);
  pending->json = json;
  pending->asked = query.agencies != NULL;
  if (query.agencies != NULL)
    pending->query_agencies = g_strjoinv (",", query.agencies);
  loket_track_query_clear (&query);

  /* A reload, or a family scanning one receipt: answered at once from the cache. */
  cached = loket_track_fanout_lookup (self->fanout, pending->code, (const char * const *) agencies,
                                      language);
  if (cached != NULL)
    {
      answer_page (pending, cached);
      pending_free (pending);
      return;
    }

  soup_server_message_pause (msg);
  loket_track_fanout_ask_async (self->fanout, pending->code, (const char * const *) agencies,
                                language, on_asked, pending);
}

static void
add_header_size (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  *(gsize *) user_data += strlen (name) + strlen (value) + 4;
}

/* The client's bucket: its address, or what a trusted proxy says it is. */
static gboolean
take_token (LoketTrackServer  *self,
            SoupServerMessage *msg,
            guint             *retry_after)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *key = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return TRUE;
  key = loket_track_client_key (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)),
                                soup_message_headers_get_list (headers, "X-Forwarded-For"),
                                self->trusted);
  return loket_track_limiter_take (self->limiter, key, g_get_monotonic_time (), retry_after);
}

/* Over 80 lines: the order every request goes through — its client's token first, then
 * method, sizes and route — reads best in one place. */
static void
handle (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *soup_query,
        gpointer           user_data)
{
  LoketTrackServer *self = user_data;
  gint64 started_us = g_get_monotonic_time ();
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  LoketTrackQuery query = { 0 };
  g_autofree char *code_text = NULL;
  g_autofree char *uri_text = g_uri_to_string (uri);
  const char *language;
  gsize header_bytes = 0;
  gboolean json = loket_track_wants_json (soup_message_headers_get_one (headers, "Accept"));
  guint retry_after = 60;
  LoketTrackRoute route;

  route = loket_track_route (g_uri_get_path (uri), self->config->track_path_prefix, &code_text);
  /* Probes and scrapes come from the load balancer and Prometheus, not from phones. */
  if (route != LOKET_TRACK_ROUTE_HEALTHZ && route != LOKET_TRACK_ROUTE_METRICS &&
      !take_token (self, msg, &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", MAX (1u, retry_after));

      language = loket_track_pick_language (NULL, soup_message_headers_get_one (headers, "Accept-Language"),
                                            loket_track_pages_languages (self->pages),
                                            loket_track_pages_default_language (self->pages));
      respond_notice (self, msg, language, json, 429, LOKET_TRACK_NOTICE_RATE_LIMITED);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                    seconds);
      finish (self, msg, started_us, LOKET_TRACK_OUTCOME_RATE_LIMITED, NULL);
      return;
    }

  soup_message_headers_foreach (headers, add_header_size, &header_bytes);
  loket_track_query_parse (strlen (uri_text) <= MAX_URI_BYTES ? g_uri_get_query (uri) : NULL, &query);
  language = loket_track_pick_language (query.language,
                                        soup_message_headers_get_one (headers, "Accept-Language"),
                                        loket_track_pages_languages (self->pages),
                                        loket_track_pages_default_language (self->pages));
  loket_track_query_clear (&query);

  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      respond_notice (self, msg, language, json, 405, LOKET_TRACK_NOTICE_BAD_REQUEST);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      finish (self, msg, started_us, LOKET_TRACK_OUTCOME_BAD_REQUEST, NULL);
      return;
    }
  if (strlen (uri_text) > MAX_URI_BYTES || header_bytes > MAX_HEADER_BYTES)
    {
      respond_notice (self, msg, language, json, strlen (uri_text) > MAX_URI_BYTES ? 414 : 431,
                      LOKET_TRACK_NOTICE_BAD_REQUEST);
      finish (self, msg, started_us, LOKET_TRACK_OUTCOME_BAD_REQUEST, NULL);
      return;
    }

  switch (route)
    {
    case LOKET_TRACK_ROUTE_HEALTHZ:
      respond (self, msg, 200, "text/plain; charset=utf-8", g_strdup ("ok\n"));
      finish (self, msg, started_us, LOKET_TRACK_OUTCOME_OTHER, NULL);
      break;
    case LOKET_TRACK_ROUTE_METRICS:
      serve_metrics (self, msg);
      finish (self, msg, started_us, LOKET_TRACK_OUTCOME_OTHER, NULL);
      break;
    case LOKET_TRACK_ROUTE_CODE:
      serve_code (self, msg, started_us, code_text, language, json);
      break;
    case LOKET_TRACK_ROUTE_NOT_FOUND:
    default:
      respond_notice (self, msg, language, json, 404, LOKET_TRACK_NOTICE_NOT_FOUND);
      finish (self, msg, started_us, LOKET_TRACK_OUTCOME_BAD_REQUEST, NULL);
      break;
    }
}

LoketTrackServer *
loket_track_server_new (LoketConfig   *config,
                        LoketCatalog  *catalog,
                        GError       **error)
{
  g_autoptr(LoketTrackServer) self = g_new0 (LoketTrackServer, 1);

  self->config = loket_config_ref (config);
  self->trusted = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; config->track_trusted_proxies[i] != NULL; i++)
    {
      GInetAddressMask *mask = g_inet_address_mask_new_from_string (config->track_trusted_proxies[i],
                                                                    error);

      if (mask == NULL)
        return NULL;
      g_ptr_array_add (self->trusted, mask);
    }

  self->http = loket_http_new (64);
  self->metrics = loket_track_metrics_new ();
  self->pages = loket_track_pages_new (config, catalog);
  self->fanout = loket_track_fanout_new (self->http, config, self->metrics);
  self->limiter = loket_track_limiter_new (config->track_rate_limit, config->track_rate_burst,
                                           RATE_LIMIT_CLIENTS);
  self->soup = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->soup, NULL, handle, self, NULL);
  return g_steal_pointer (&self);
}

void
loket_track_server_free (LoketTrackServer *self)
{
  if (self == NULL)
    return;
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->fanout, loket_track_fanout_free);
  g_clear_pointer (&self->limiter, loket_track_limiter_free);
  g_clear_pointer (&self->pages, loket_track_pages_free);
  g_clear_pointer (&self->metrics, loket_track_metrics_free);
  g_clear_object (&self->http);
  g_clear_pointer (&self->trusted, g_ptr_array_unref);
  loket_config_unref (self->config);
  g_free (self);
}

guint
loket_track_server_listen (LoketTrackServer  *self,
                           const char        *listen,
                           GError           **error)
{
  const char *colon = strrchr (listen, ':');
  g_autofree char *host = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSList) uris = NULL;
  guint port = 0;

  if (colon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "'%s' is not ADDRESS:PORT", listen);
      return 0;
    }
  host = listen[0] == '[' ? g_strndup (listen + 1, MAX (colon - listen - 2, 0))
                          : g_strndup (listen, colon - listen);
  address = g_inet_socket_address_new_from_string (host, (guint) g_ascii_strtoull (colon + 1, NULL, 10));
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "'%s' is not ADDRESS:PORT", listen);
      return 0;
    }
  if (!soup_server_listen (self->soup, address, 0, error))
    return 0;

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return port;
}
