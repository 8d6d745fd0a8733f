/* loket-printer-escpos.c — talking to an ESC/POS printer on a device file or over TCP
 *
 * Runs in the print job's thread. Every wait is a poll() bounded by the job's deadline that
 * also wakes on cancellation, so a printer that never answers costs the deadline and no
 * more. Before each status query the line is drained: a printer may have answered DLE EOT
 * sequences that happened to occur inside image data (DEBIAN12.md), and such stray bytes
 * must not be read as the answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-printer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "metrics/loket-metrics.h"
#include "loket-escpos.h"
#include "loket-printer-private.h"

/* A printer answers status within milliseconds; this long a silence means the line is empty. */
#define DRAIN_QUIET_MS 60

typedef struct {
  int       fd;
  GSocket  *socket;  /* TCP: owns fd */
  char     *name;    /* for messages: the device, or host:port */
} Line;

static void
line_close (Line *line)
{
  if (line->socket != NULL)
    g_clear_object (&line->socket);
  else if (line->fd >= 0)
    close (line->fd);
  line->fd = -1;
  g_clear_pointer (&line->name, g_free);
}

static gboolean
unavailable (GError     **error,
             const Line  *line,
             const char  *why)
{
  g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
               /* Translators: the first %s is the printer (a device or host:port), the second
                * says what went wrong. */
               _("Printer unavailable: %s: %s"), line->name, why);
  return FALSE;
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return FALSE;
}

/* Waits for events on the line until the deadline (or max_ms, when >= 0, if sooner).
 * Returns the events, 0 on timeout, -1 when cancelled. */
static int
line_wait (Line          *line,
           short          events,
           LoketPrintJob *job,
           int            max_ms,
           GCancellable  *cancellable)
{
  GPollFD cancel_fd = { -1, 0, 0 };
  struct pollfd fds[2] = { { line->fd, events, 0 }, { -1, POLLIN, 0 } };
  int nfds = 1;
  int rc;

  if (g_cancellable_make_pollfd (cancellable, &cancel_fd))
    {
      fds[1].fd = cancel_fd.fd;
      nfds = 2;
    }

  do
    {
      int timeout = loket_print_job_remaining_ms (job);

      if (max_ms >= 0)
        timeout = MIN (timeout, max_ms);
      rc = poll (fds, (nfds_t) nfds, timeout);
    }
  while (rc < 0 && errno == EINTR);

  if (nfds == 2)
    g_cancellable_release_fd (cancellable);

  if (g_cancellable_is_cancelled (cancellable))
    return -1;
  if (rc <= 0)
    return 0;
  return fds[0].revents != 0 ? fds[0].revents : 0;
}

static gboolean
line_write_all (Line          *line,
                const guint8  *data,
                gsize          length,
                LoketPrintJob *job,
                GCancellable  *cancellable,
                GError       **error)
{
  gsize done = 0;

  while (done < length)
    {
      int events = line_wait (line, POLLOUT, job, -1, cancellable);
      gssize n;

      if (events < 0)
        return cancelled (cancellable, error);
      if (events == 0)
        return unavailable (error, line,
                            _("it stopped taking data (out of paper, cover open, or switched "
                              "off?)"));
      if ((events & POLLOUT) == 0)
        return unavailable (error, line, _("the connection was closed"));

      if (line->socket != NULL)
        n = send (line->fd, data + done, length - done, MSG_NOSIGNAL);
      else
        n = write (line->fd, data + done, length - done);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      if (n < 0)
        return unavailable (error, line, g_strerror (errno));
      done += (gsize) n;
    }
  return TRUE;
}

/* Reads and forgets whatever the printer sent on its own until it stays quiet. */
static gboolean
line_drain (Line          *line,
            LoketPrintJob *job,
            GCancellable  *cancellable,
            GError       **error)
{
  for (;;)
    {
      int events = line_wait (line, POLLIN, job, DRAIN_QUIET_MS, cancellable);
      guint8 buffer[256];
      gssize n;

      if (events < 0)
        return cancelled (cancellable, error);
      if (events == 0)
        return TRUE;
      n = read (line->fd, buffer, sizeof buffer);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      /* A hang-up or an error shows at the next write or query, with a better message. */
      if (n <= 0)
        return TRUE;
    }
}

static gboolean
line_query (Line                  *line,
            LoketEscposStatusKind  kind,
            guint8                *answer,
            LoketPrintJob         *job,
            GCancellable          *cancellable,
            GError               **error)
{
  guint8 query[3] = { LOKET_ESCPOS_DLE, LOKET_ESCPOS_EOT, (guint8) kind };

  if (!line_drain (line, job, cancellable, error) ||
      !line_write_all (line, query, sizeof query, job, cancellable, error))
    return FALSE;

  for (;;)
    {
      int events = line_wait (line, POLLIN, job, -1, cancellable);
      gssize n;

      if (events < 0)
        return cancelled (cancellable, error);
      if (events == 0)
        return unavailable (error, line, _("it did not answer a status query in time"));
      n = read (line->fd, answer, 1);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      if (n <= 0)
        return unavailable (error, line, _("the connection was closed"));
      /* Anything without a status byte's fixed bits is noise, not the answer. */
      if (loket_escpos_status_byte_is_valid (*answer))
        return TRUE;
    }
}

/* DLE EOT 1, 2 and 4; the paper gauges follow every answer. */
static gboolean
query_status (Line              *line,
              LoketPrintJob     *job,
              LoketEscposStatus *status,
              GCancellable      *cancellable,
              GError           **error)
{
  static const LoketEscposStatusKind kinds[] = {
    LOKET_ESCPOS_STATUS_PRINTER, LOKET_ESCPOS_STATUS_OFFLINE, LOKET_ESCPOS_STATUS_PAPER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      guint8 answer;

      if (!line_query (line, kinds[i], &answer, job, cancellable, error))
        return FALSE;
      loket_escpos_status_apply (status, kinds[i], answer);
    }
  loket_metrics_set ("loket_printer_paper_near_end", status->paper_near_end, NULL);
  loket_metrics_set ("loket_printer_paper_out", status->paper_out, NULL);
  return TRUE;
}

static gboolean
check_status (Line          *line,
              LoketPrintJob *job,
              GCancellable  *cancellable,
              GError       **error)
{
  LoketEscposStatus status = { 0 };

  if (!query_status (line, job, &status, cancellable, error))
    return FALSE;

  if (status.paper_out)
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_PAPER_OUT,
                   /* Translators: %s is the printer (a device or host:port). */
                   _("The printer %s is out of paper: put in a new roll."), line->name);
      return FALSE;
    }
  if (status.cover_open)
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_COVER_OPEN,
                   /* Translators: %s is the printer (a device or host:port). */
                   _("The printer %s has its cover open: close it."), line->name);
      return FALSE;
    }
  if (status.offline || status.error)
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_OFFLINE,
                   /* Translators: %s is the printer (a device or host:port). */
                   _("The printer %s is offline or reports an error: check it, or switch it "
                     "off and on."), line->name);
      return FALSE;
    }
  if (status.paper_near_end)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                      "MESSAGE", "Printer %s: paper near its end", line->name);
  return TRUE;
}

static gboolean
open_device (Line           *line,
             LoketPrintJob  *job,
             GError        **error)
{
  /* Translators: names the printer in staff messages when [printer] device is not set. */
  line->name = g_strdup (job->settings->device != NULL ? job->settings->device : _("(no device)"));
  if (job->settings->device == NULL)
    return unavailable (error, line, _("no device is configured ([printer] device)"));

  line->fd = open (job->settings->device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (line->fd < 0)
    return unavailable (error, line, g_strerror (errno));

  /* A serial or USB-serial printer: bytes must pass untouched (no echo, no CR/LF mapping). */
  if (isatty (line->fd))
    {
      struct termios tio;

      if (tcgetattr (line->fd, &tio) == 0)
        {
          cfmakeraw (&tio);
          tcsetattr (line->fd, TCSANOW, &tio);
        }
    }
  return TRUE;
}

static gboolean
open_tcp (Line           *line,
          LoketPrintJob  *job,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(GInetAddress) literal = NULL;
  g_autolist(GInetAddress) addresses = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *last_error = NULL;

  /* Translators: names the printer in staff messages when [printer] host is not set. */
  line->name = g_strdup_printf ("%s:%u", job->settings->host != NULL ? job->settings->host : _("(no host)"),
                                job->settings->port);
  if (job->settings->host == NULL)
    return unavailable (error, line, _("no host is configured ([printer] host)"));

  /* An address needs no resolver; a name does, and that call is bounded by the job's
   * deadline from outside (the task returns on cancel). */
  literal = g_inet_address_new_from_string (job->settings->host);
  if (literal != NULL)
    addresses = g_list_prepend (NULL, g_steal_pointer (&literal));
  else
    {
      addresses = g_resolver_lookup_by_name (g_resolver_get_default (), job->settings->host,
                                             cancellable, &local);
      if (addresses == NULL)
        return unavailable (error, line, local->message);
    }

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (l->data, (guint16) job->settings->port);
      g_autoptr(GSocket) socket = g_socket_new (g_inet_address_get_family (l->data),
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                &local);
      int events;

      if (socket == NULL)
        break;
      g_socket_set_blocking (socket, FALSE);
      line->fd = g_socket_get_fd (socket);
      if (!g_socket_connect (socket, address, cancellable, &local))
        {
          if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PENDING))
            {
              g_free (last_error);
              last_error = g_strdup (local->message);
              g_clear_error (&local);
              continue;
            }
          g_clear_error (&local);
          events = line_wait (line, POLLOUT, job, -1, cancellable);
          if (events < 0)
            return cancelled (cancellable, error);
          if (events == 0)
            {
              g_free (last_error);
              last_error = g_strdup (_("no connection within the deadline"));
              continue;
            }
          if (!g_socket_check_connect_result (socket, &local))
            {
              g_free (last_error);
              last_error = g_strdup (local->message);
              g_clear_error (&local);
              continue;
            }
        }
      line->socket = g_steal_pointer (&socket);
      return TRUE;
    }

  line->fd = -1;
  return unavailable (error, line, last_error != NULL ? last_error : _("no connection"));
}

typedef gboolean (*OpenFunc) (Line *line, LoketPrintJob *job, GCancellable *cancellable,
                              GError **error);

static gboolean
escpos_print (LoketPrintJob  *job,
              OpenFunc        open_line,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local = NULL;
  Line line = { .fd = -1 };
  gboolean ok;

  data = loket_escpos_encode_receipt (job->receipt, job->settings->width,
                                      job->settings->native_qr, &local);
  if (data == NULL)
    {
      g_set_error_literal (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_FAILED, local->message);
      return FALSE;
    }

  ok = open_line (&line, job, cancellable, error);

  /* Status before (so a printer without paper does not swallow the receipt) and after (so
   * paper that ran out during the job is reported, not taken for a printed receipt). */
  ok = ok &&
       check_status (&line, job, cancellable, error) &&
       line_write_all (&line, g_bytes_get_data (data, NULL), g_bytes_get_size (data), job,
                       cancellable, error) &&
       check_status (&line, job, cancellable, error);

  line_close (&line);
  return ok;
}

static gboolean
open_device_line (Line           *line,
                  LoketPrintJob  *job,
                  GCancellable   *cancellable,
                  GError        **error)
{
  return open_device (line, job, error);
}

gboolean
loket_printer_escpos_device_print (LoketPrintJob  *job,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  return escpos_print (job, open_device_line, cancellable, error);
}

gboolean
loket_printer_escpos_tcp_print (LoketPrintJob  *job,
                                GCancellable   *cancellable,
                                GError        **error)
{
  return escpos_print (job, open_tcp, cancellable, error);
}

gboolean
loket_printer_escpos_read_status (LoketPrintJob      *job,
                                  LoketEscposStatus  *status,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  Line line = { .fd = -1 };
  gboolean ok;

  if (job->settings->backend == LOKET_PRINTER_ESCPOS_TCP)
    ok = open_tcp (&line, job, cancellable, error);
  else
    ok = open_device (&line, job, error);
  ok = ok && query_status (&line, job, status, cancellable, error);
  line_close (&line);
  return ok;
}
