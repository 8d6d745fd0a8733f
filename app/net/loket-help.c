/* loket-help.c — the Help button's call for staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A citizen who presses Help is told a staff member is on the way; this module makes that
 * true. Every call is counted (loket_help_requests_total, for the metrics) and written to
 * the journal with the kind of page; with `[help] url` it is also POSTed, through the same
 * LoketHttp as the agencies (TLS always verified; plain http:// only to this machine), at
 * most once per LOKET_HELP_MIN_INTERVAL_S. The body names the kiosk, its site, the time
 * and the kind of page only: nothing of the citizen's request (README.md, "Help").
 */
#define G_LOG_DOMAIN "loket-help"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "config/loket-secret-file.h"
#include "loket-help.h"

static GMutex  requests_lock;
static guint64 requests_total;

struct _LoketHelp
{
  GObject      parent_instance;

  LoketConfig *config;
  LoketHttp   *http;
  gint64       last_post;        /* monotonic µs of the last POST, 0: none yet */
};

G_DEFINE_FINAL_TYPE (LoketHelp, loket_help, G_TYPE_OBJECT)
G_DEFINE_QUARK (loket-help-error-quark, loket_help_error)

guint64
loket_help_requests_total (void)
{
  guint64 total;

  g_mutex_lock (&requests_lock);
  total = requests_total;
  g_mutex_unlock (&requests_lock);
  return total;
}

static void
count_request (void)
{
  g_mutex_lock (&requests_lock);
  requests_total++;
  g_mutex_unlock (&requests_lock);
}

static void
loket_help_finalize (GObject *object)
{
  LoketHelp *self = LOKET_HELP (object);

  g_clear_pointer (&self->config, loket_config_unref);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (loket_help_parent_class)->finalize (object);
}

static void
loket_help_class_init (LoketHelpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_help_finalize;
}

static void
loket_help_init (LoketHelp *self)
{
}

LoketHelp *
loket_help_new (LoketConfig *config,
                LoketHttp   *http)
{
  LoketHelp *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_HTTP (http), NULL);

  self = g_object_new (LOKET_TYPE_HELP, NULL);
  self->config = loket_config_ref (config);
  self->http = g_object_ref (http);
  return self;
}

char *
loket_help_build_body (const LoketConfig *config,
                       const char        *page_kind,
                       GDateTime         *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (page_kind != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  time = g_date_time_format_iso8601 (now);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, "loket-help/1");
  json_builder_set_member_name (builder, "kiosk");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, config->kiosk_id != NULL ? config->kiosk_id : "");
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, config->site != NULL ? config->site : "");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "page");
  json_builder_add_string_value (builder, page_kind);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The agencies' rule: https, or plain http to this machine only. */
static gboolean
url_allowed (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  if (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;

  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  {
    g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

    return address != NULL && g_inet_address_get_is_loopback (address);
  }
}

static void
posted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LoketHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = loket_http_request_finish (LOKET_HTTP (source), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, LOKET_HELP_ERROR, LOKET_HELP_ERROR_FAILED,
                                 "%s", error->message);
      return;
    }
  if (response->status < 200 || response->status > 299)
    {
      g_task_return_new_error (task, LOKET_HELP_ERROR, LOKET_HELP_ERROR_FAILED,
                               _("The help service answered with HTTP %u"), response->status);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Bearer token or NULL; FALSE when a configured token cannot be read. */
static gboolean
read_token (LoketHelp  *self,
            char      **token,
            GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length = 0;

  *token = NULL;
  if (self->config->help_token_file == NULL)
    return TRUE;

  bytes = loket_secret_file_read (self->config->help_token_file, _("token file"),
                                  LOKET_SECRET_MAX_TOKEN_BYTES, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  *token = g_strstrip (g_strndup (data, length));
  return TRUE;
}

void
loket_help_call_async (LoketHelp           *self,
                       const char          *page_kind,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *token = NULL;
  const char *url;
  gint64 monotonic = g_get_monotonic_time ();
  LoketHttpRequest request = { 0 };

  g_return_if_fail (LOKET_IS_HELP (self));
  g_return_if_fail (page_kind != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_help_call_async);

  count_request ();
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE_ID", "5f0c2a8e9b7d4c1e8a3f6b2d1c0e9a7b",
                    "LOKET_EVENT", "help-requested",
                    "LOKET_PAGE", page_kind,
                    "MESSAGE", "A citizen asked for help at this kiosk (page: %s)", page_kind);

  url = self->config->help_url;
  if (url == NULL)
    {
      g_task_return_new_error (task, LOKET_HELP_ERROR, LOKET_HELP_ERROR_NOT_CONFIGURED,
                               _("No help URL is configured"));
      return;
    }
  if (self->last_post != 0
      && monotonic - self->last_post < (gint64) LOKET_HELP_MIN_INTERVAL_S * G_USEC_PER_SEC)
    {
      g_task_return_new_error (task, LOKET_HELP_ERROR, LOKET_HELP_ERROR_RATE_LIMITED,
                               _("Staff were called less than two minutes ago"));
      return;
    }
  if (!url_allowed (url) || !read_token (self, &token, &error))
    {
      g_warning ("Help cannot be sent to staff: %s",
                 error != NULL ? error->message : "the URL is neither https:// nor local");
      g_task_return_new_error (task, LOKET_HELP_ERROR, LOKET_HELP_ERROR_REFUSED,
                               _("The help URL or its token cannot be used"));
      return;
    }

  self->last_post = monotonic;
  now = g_date_time_new_now_local ();
  body = loket_help_build_body (self->config, page_kind, now);
  headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (headers, g_strdup ("Content-Type: application/json"));
  g_ptr_array_add (headers, g_strdup_printf ("X-Loket-Kiosk: %s",
                                             self->config->kiosk_id != NULL
                                             ? self->config->kiosk_id : ""));
  if (token != NULL && *token != '\0')
    g_ptr_array_add (headers, g_strdup_printf ("Authorization: Bearer %s", token));
  g_ptr_array_add (headers, NULL);

  request.method = "POST";
  request.url = url;
  request.headers = (const char * const *) headers->pdata;
  request.body = g_bytes_new (body, strlen (body));
  request.timeout_ms = 15000;
  loket_http_request_async (self->http, &request, cancellable, posted_cb,
                            g_steal_pointer (&task));
  g_bytes_unref (request.body);
  if (token != NULL)
    memset (token, 0, strlen (token));
}

gboolean
loket_help_call_finish (LoketHelp     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_help_call_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
