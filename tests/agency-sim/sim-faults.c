/* sim-faults.c — fault specs, how a request meets its agency's faults, and the faults that
 * need the raw connection
 *
 * A fault spec is KIND[:ARG][,count=N|always][,method=post|get|any], for example
 * "unavailable:5,count=2" or "reject:child.name=Budi". README.md lists the kinds.
 * Faults that break HTTP itself (a dropped connection, a body shorter than its
 * Content-Length, a body that never ends) cannot be answered through SoupServer: those
 * take the connection over and write the bytes themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim.h"
#include "sim-request.h"

#define MIB (1024 * 1024)
#define FILLER_SIZE (64 * 1024)
/* An endless body ends here anyway, so a client that never hangs up cannot fill a disk. */
#define ENDLESS_CAP ((guint64) 4 * 1024 * MIB)

static const struct {
  SimFaultKind  kind;
  const char   *name;
  gboolean      needs_arg;
  gint64        default_arg;
} kinds[] = {
  { SIM_FAULT_LATENCY, "latency", TRUE, 0 },
  { SIM_FAULT_STATUS, "status", TRUE, 0 },
  { SIM_FAULT_BURST, "burst", TRUE, 0 },
  { SIM_FAULT_UNAVAILABLE, "unavailable", FALSE, 1 },
  { SIM_FAULT_UNAVAILABLE_DATE, "unavailable-date", FALSE, 2 },
  { SIM_FAULT_TOO_MANY, "too-many", FALSE, 1 },
  { SIM_FAULT_UNAUTHORIZED, "unauthorized", FALSE, 0 },
  { SIM_FAULT_REJECT, "reject", TRUE, 0 },
  { SIM_FAULT_DROP, "drop", FALSE, 0 },
  { SIM_FAULT_TRUNCATE, "truncate", FALSE, 0 },
  { SIM_FAULT_STALL, "stall", FALSE, 0 },
  { SIM_FAULT_NOT_JSON, "not-json", FALSE, 0 },
  { SIM_FAULT_HUGE, "huge", FALSE, 50 },
  { SIM_FAULT_ENDLESS, "endless", FALSE, 0 },
  { SIM_FAULT_DEEP, "deep", FALSE, 100000 },
  { SIM_FAULT_XROAD_ERROR, "xroad-error", TRUE, 0 },
};

G_DEFINE_QUARK (loket-agency-sim-error-quark, sim_error)

const char *
sim_fault_kind_to_string (SimFaultKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return kinds[i].name;
  g_return_val_if_reached (NULL);
}

void
sim_fault_free (SimFault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->spec);
  g_free (fault->field);
  g_free (fault->value);
  g_free (fault);
}

static gboolean
parse_number (const char  *spec,
              const char  *text,
              gint64       max,
              gint64      *out,
              GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, (guint64) max, &value, NULL))
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "fault '%s': '%s' is not a whole number from 0 to %" G_GINT64_FORMAT,
                   spec, text, max);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

SimFault *
sim_fault_parse (const char  *spec,
                 GError     **error)
{
  g_autoptr(SimFault) fault = g_new0 (SimFault, 1);
  g_auto(GStrv) parts = NULL;
  g_autofree char *name = NULL;
  const char *arg;
  gint found = -1;

  g_return_val_if_fail (spec != NULL, NULL);

  fault->spec = g_strstrip (g_strdup (spec));
  fault->remaining = -1;
  fault->method = SIM_METHOD_ANY;
  parts = g_strsplit (fault->spec, ",", -1);

  arg = parts[0] != NULL ? strchr (parts[0], ':') : NULL;
  name = arg != NULL ? g_strndup (parts[0], (gsize) (arg - parts[0])) : g_strdup (parts[0]);
  if (arg != NULL)
    arg++;
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (g_strstrip (name), kinds[i].name))
      found = (gint) i;
  if (found < 0)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "fault '%s': unknown kind '%s' (see the simulator's README.md)",
                   spec, name != NULL ? name : "");
      return NULL;
    }
  fault->kind = kinds[found].kind;
  fault->number = kinds[found].default_arg;
  if (kinds[found].needs_arg && (arg == NULL || *arg == '\0'))
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "fault '%s': '%s' needs an argument after ':'", spec, kinds[found].name);
      return NULL;
    }

  if (arg != NULL && *arg != '\0')
    {
      switch (fault->kind)
        {
        case SIM_FAULT_REJECT:
          {
            const char *eq = strchr (arg, '=');

            if (eq == NULL || eq == arg)
              {
                g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                             "fault '%s': write reject:FIELD=VALUE", spec);
                return NULL;
              }
            fault->field = g_strndup (arg, (gsize) (eq - arg));
            fault->value = g_strdup (eq + 1);
          }
          break;
        case SIM_FAULT_XROAD_ERROR:
          if (!g_str_has_prefix (arg, "Server.") && !g_str_has_prefix (arg, "Client."))
            {
              g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                           "fault '%s': an X-Road error code starts with Server. or Client.",
                           spec);
              return NULL;
            }
          fault->field = g_strdup (arg);
          break;
        case SIM_FAULT_STATUS:
          if (!parse_number (spec, arg, 599, &fault->number, error))
            return NULL;
          if (fault->number < 200)
            {
              g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                           "fault '%s': a status is from 200 to 599", spec);
              return NULL;
            }
          break;
        case SIM_FAULT_UNAUTHORIZED:
        case SIM_FAULT_DROP:
        case SIM_FAULT_TRUNCATE:
        case SIM_FAULT_STALL:
        case SIM_FAULT_NOT_JSON:
        case SIM_FAULT_ENDLESS:
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "fault '%s': '%s' takes no argument", spec, kinds[found].name);
          return NULL;
        case SIM_FAULT_LATENCY:
        case SIM_FAULT_BURST:
        case SIM_FAULT_UNAVAILABLE:
        case SIM_FAULT_UNAVAILABLE_DATE:
        case SIM_FAULT_TOO_MANY:
        case SIM_FAULT_HUGE:
        case SIM_FAULT_DEEP:
        default:
          if (!parse_number (spec, arg, 1000000000, &fault->number, error))
            return NULL;
          break;
        }
    }

  if (fault->kind == SIM_FAULT_BURST)
    fault->remaining = fault->number;

  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *option = g_strstrip (parts[i]);

      if (g_str_equal (option, "always") || g_str_equal (option, "count=always"))
        fault->remaining = -1;
      else if (g_str_has_prefix (option, "count="))
        {
          if (!parse_number (spec, option + 6, G_MAXINT, &fault->remaining, error))
            return NULL;
        }
      else if (g_ascii_strcasecmp (option, "method=post") == 0)
        fault->method = SIM_METHOD_POST;
      else if (g_ascii_strcasecmp (option, "method=get") == 0)
        fault->method = SIM_METHOD_GET;
      else if (g_ascii_strcasecmp (option, "method=any") == 0)
        fault->method = SIM_METHOD_ANY;
      else
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "fault '%s': unknown option '%s' (count=N, always, method=post|get|any)",
                       spec, option);
          return NULL;
        }
    }

  return g_steal_pointer (&fault);
}

gboolean
sim_fault_applies (const SimFault *fault,
                   const char     *method)
{
  g_return_val_if_fail (fault != NULL, FALSE);
  g_return_val_if_fail (method != NULL, FALSE);

  if (fault->remaining == 0)
    return FALSE;
  switch (fault->method)
    {
    case SIM_METHOD_POST:
      return g_str_equal (method, "POST");
    case SIM_METHOD_GET:
      return g_str_equal (method, "GET") || g_str_equal (method, "HEAD");
    case SIM_METHOD_ANY:
    default:
      return TRUE;
    }
}

char *
sim_deep_json (guint levels)
{
  static const char head[] = "{\"reference\":\"DEEP-1\",\"status\":\"received\",\"outputs\":{\"x\":";
  GString *text = g_string_sized_new (sizeof head + 2 * (gsize) levels + 4);

  g_string_append (text, head);
  for (guint i = 0; i < levels; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}}");
  return g_string_free (text, FALSE);
}

/* A connection taken over from SoupServer: head, then filler_left bytes of filler (cut to
 * fit), then tail, then close. A write error (the client hung up) ends it early. */
typedef struct {
  GIOStream *stream;
  GBytes    *head;
  GBytes    *filler;
  guint64    filler_left;
  GBytes    *tail;
  guint      stage;
} RawJob;

static void
raw_job_free (RawJob *job)
{
  g_clear_object (&job->stream);
  g_clear_pointer (&job->head, g_bytes_unref);
  g_clear_pointer (&job->filler, g_bytes_unref);
  g_clear_pointer (&job->tail, g_bytes_unref);
  g_free (job);
}

static void raw_job_next (RawJob *job);

static void
raw_job_closed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RawJob *job = user_data;

  /* The peer may have gone first: there is nobody left to tell. */
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  raw_job_free (job);
}

static void
raw_job_wrote (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RawJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      g_debug ("raw answer ended early: %s", error->message);
      job->stage = 3;
    }
  raw_job_next (job);
}

static void
raw_job_write (RawJob       *job,
               const guint8 *data,
               gsize         length)
{
  GOutputStream *out = g_io_stream_get_output_stream (job->stream);

  g_output_stream_write_all_async (out, data, length, G_PRIORITY_DEFAULT, NULL,
                                   raw_job_wrote, job);
}

static void
raw_job_next (RawJob *job)
{
  gsize length = 0;
  const guint8 *data;

  switch (job->stage)
    {
    case 0:
      job->stage = 1;
      if (job->head != NULL)
        {
          data = g_bytes_get_data (job->head, &length);
          raw_job_write (job, data, length);
          return;
        }
      G_GNUC_FALLTHROUGH;
    case 1:
      if (job->filler != NULL && job->filler_left > 0)
        {
          data = g_bytes_get_data (job->filler, &length);
          length = (gsize) MIN ((guint64) length, job->filler_left);
          job->filler_left -= length;
          raw_job_write (job, data, length);
          return;
        }
      job->stage = 2;
      G_GNUC_FALLTHROUGH;
    case 2:
      job->stage = 3;
      if (job->tail != NULL)
        {
          data = g_bytes_get_data (job->tail, &length);
          raw_job_write (job, data, length);
          return;
        }
      G_GNUC_FALLTHROUGH;
    case 3:
    default:
      job->stage = 4;
      g_io_stream_close_async (job->stream, G_PRIORITY_DEFAULT, NULL, raw_job_closed, job);
      return;
    }
}

static GBytes *
bytes_take_string (char *text)
{
  gsize length = strlen (text);

  return g_bytes_new_take (text, length);
}

static GBytes *
filled_bytes (gsize length,
              char  c,
              const char *prefix,
              const char *suffix)
{
  gsize plen = prefix != NULL ? strlen (prefix) : 0;
  gsize slen = suffix != NULL ? strlen (suffix) : 0;
  char *data = g_malloc (plen + length + slen);

  if (plen > 0)
    memcpy (data, prefix, plen);
  memset (data + plen, c, length);
  if (slen > 0)
    memcpy (data + plen + length, suffix, slen);
  return g_bytes_new_take (data, plen + length + slen);
}

/* Answers msg with a fault that SoupServer cannot produce: drop, truncate, stall, huge,
 * endless. The message is no longer SoupServer's afterwards. */
void
sim_fault_write_raw (SimServer         *server,
                     const SimFault    *fault,
                     SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = NULL;
  RawJob *job;

  g_return_if_fail (server != NULL);
  g_return_if_fail (fault != NULL);
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  if (fault->kind == SIM_FAULT_STALL)
    {
      /* Kept open and silent until reset or exit: the client's timeout has to end it. */
      g_ptr_array_add (server->held, g_steal_pointer (&stream));
      return;
    }

  job = g_new0 (RawJob, 1);
  job->stream = g_steal_pointer (&stream);

  switch (fault->kind)
    {
    case SIM_FAULT_TRUNCATE:
      job->head = bytes_take_string (g_strdup (
        "HTTP/1.1 201 Created\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 4096\r\n"
        "Connection: close\r\n"
        "\r\n"
        "{\"reference\":\"TRUNC-2026-000001\",\"sta"));
      break;

    case SIM_FAULT_HUGE:
      {
        static const char prefix[] = "{\"reference\":\"HUGE-2026-000001\",\"status\":\"received\","
                                     "\"padding\":\"";
        static const char suffix[] = "\"}";
        guint64 total = (guint64) MAX (fault->number, 1) * MIB;

        job->head = bytes_take_string (g_strdup_printf (
          "HTTP/1.1 201 Created\r\n"
          "Content-Type: application/json\r\n"
          "Content-Length: %" G_GUINT64_FORMAT "\r\n"
          "Connection: close\r\n"
          "\r\n%s", total, prefix));
        job->filler = filled_bytes (FILLER_SIZE, 'x', NULL, NULL);
        job->filler_left = total - strlen (prefix) - strlen (suffix);
        job->tail = g_bytes_new_static (suffix, strlen (suffix));
      }
      break;

    case SIM_FAULT_ENDLESS:
      {
        g_autofree char *size_line = g_strdup_printf ("%x\r\n", FILLER_SIZE);

        job->head = bytes_take_string (g_strdup (
          "HTTP/1.1 201 Created\r\n"
          "Content-Type: application/json\r\n"
          "Transfer-Encoding: chunked\r\n"
          "Connection: close\r\n"
          "\r\n"
          "1\r\n{\r\n"));
        /* JSON white space, chunk after chunk: a body that is valid so far and never ends. */
        job->filler = filled_bytes (FILLER_SIZE, ' ', size_line, "\r\n");
        job->filler_left = ENDLESS_CAP;
      }
      break;

    case SIM_FAULT_DROP:
    default:
      break;
    }

  raw_job_next (job);
}

/* ---- a request meets its agency's faults ---- */

static gboolean
latency_done (gpointer user_data)
{
  sim_faults_run (user_data);
  return G_SOURCE_REMOVE;
}

static void
apply_fault (SimRequest     *req,
             const SimFault *fault)
{
  SoupMessageHeaders *out = soup_server_message_get_response_headers (req->msg);
  const char *name = sim_fault_kind_to_string (fault->kind);
  g_autofree char *message = g_strdup_printf ("simulated fault '%s'", fault->spec);
  guint status;

  switch (fault->kind)
    {
    case SIM_FAULT_STATUS:
      status = (guint) fault->number;
      break;
    case SIM_FAULT_BURST:
      status = 500;
      break;
    case SIM_FAULT_UNAVAILABLE:
    case SIM_FAULT_TOO_MANY:
      {
        g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, fault->number);

        soup_message_headers_replace (out, "Retry-After", seconds);
        status = fault->kind == SIM_FAULT_TOO_MANY ? 429 : 503;
      }
      break;
    case SIM_FAULT_UNAVAILABLE_DATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (double) fault->number);
        g_autofree char *date = soup_date_time_to_string (then, SOUP_DATE_HTTP);

        soup_message_headers_replace (out, "Retry-After", date);
        status = 503;
      }
      break;
    case SIM_FAULT_UNAUTHORIZED:
      soup_message_headers_replace (out, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      status = 401;
      break;
    case SIM_FAULT_NOT_JSON:
      sim_request_respond_text (req, 201, g_strdup ("Thank you, we received it."), name);
      return;
    case SIM_FAULT_DEEP:
      sim_request_respond_text (req, 201, sim_deep_json ((guint) fault->number), name);
      return;
    case SIM_FAULT_XROAD_ERROR:
      sim_request_respond_xroad_error (req, fault->field, message, name);
      return;
    case SIM_FAULT_DROP:
    case SIM_FAULT_TRUNCATE:
    case SIM_FAULT_STALL:
    case SIM_FAULT_HUGE:
    case SIM_FAULT_ENDLESS:
      sim_request_respond_raw (req, fault);
      return;
    case SIM_FAULT_LATENCY:
    case SIM_FAULT_REJECT:
    default:
      g_assert_not_reached ();
    }

  sim_request_respond (req, status, sim_error_body (NULL, "simulated", message), NULL, name);
}

/* The agency's faults that apply to req, from the next one on: a latency fault pauses req
 * and lets the next fault have its turn; any other answers it. Without one, req goes on
 * to sim_request_dispatch (). */
void
sim_faults_run (SimRequest *req)
{
  GPtrArray *faults = req->agency->faults;

  for (guint i = req->next_fault; i < faults->len; i++)
    {
      SimFault *fault = faults->pdata[i];

      /* A reject fault is a business rule: it looks at valid data, in handle_post. */
      if (fault->kind == SIM_FAULT_REJECT || !sim_fault_applies (fault, req->method))
        continue;
      if (fault->remaining > 0)
        fault->remaining--;
      fault->fired++;
      req->agency->faults_fired++;

      if (fault->kind == SIM_FAULT_LATENCY)
        {
          req->next_fault = i + 1;
          sim_request_pause (req);
          g_timeout_add ((guint) fault->number, latency_done, req);
          return;
        }
      apply_fault (req, fault);
      return;
    }
  req->next_fault = faults->len;
  sim_request_dispatch (req);
}
