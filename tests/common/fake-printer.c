/* fake-printer.c — a loopback ESC/POS printer: it takes bytes and answers DLE EOT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "fake-printer.h"


struct _FakePrinter {
  FakePrinterKind  kind;
  int              listen_fd;
  int              fd;          /* the connection, or the pty's master */
  int              slave_fd;    /* the test's own hold on the pty, so it never hangs up */
  char            *device;
  guint            port;
  GMutex           lock;        /* status, changed by the test while the thread answers */
  guint8           status[5];
  gboolean         stray;
  gboolean         silent;
  GByteArray      *received;
  GThread         *thread;
  gint             stop;
};

static void
answer (FakePrinter *self,
        guint8       n)
{
  guint8 byte;

  if (self->silent || n < 1 || n > 4)
    return;
  g_mutex_lock (&self->lock);
  byte = self->status[n];
  g_mutex_unlock (&self->lock);
  g_assert_cmpint (write (self->fd, &byte, 1), ==, 1);
}

/* Takes bytes from fd until it closes or the printer stops; FALSE when it stopped. */
static gboolean
serve (FakePrinter *self)
{
  guint8 stray = 0x1a;   /* a valid status byte that means "offline" */

  if (self->stray)
    g_assert_cmpint (write (self->fd, &stray, 1), ==, 1);

  while (!g_atomic_int_get (&self->stop))
    {
      struct pollfd pfd = { self->fd, POLLIN, 0 };
      guint8 buffer[4096];
      gssize n;

      if (poll (&pfd, 1, 50) <= 0)
        continue;
      n = read (self->fd, buffer, sizeof buffer);
      if (n <= 0)
        return TRUE;
      for (gssize i = 0; i < n; i++)
        {
          guint len;

          g_byte_array_append (self->received, &buffer[i], 1);
          len = self->received->len;
          /* Like a real printer, it answers the sequence wherever it occurs. */
          if (len >= 3 && self->received->data[len - 3] == 0x10 &&
              self->received->data[len - 2] == 0x04)
            answer (self, self->received->data[len - 1]);
        }
    }
  return FALSE;
}

static gpointer
fake_printer_thread (gpointer data)
{
  FakePrinter *self = data;

  if (self->kind == FAKE_PTY)
    {
      serve (self);
      return NULL;
    }

  /* TCP: one connection after another (a status read, a job, …). */
  for (;;)
    {
      struct pollfd pfd = { self->listen_fd, POLLIN, 0 };

      while (!g_atomic_int_get (&self->stop))
        if (poll (&pfd, 1, 50) > 0)
          break;
      if (g_atomic_int_get (&self->stop))
        return NULL;
      self->fd = accept (self->listen_fd, NULL, NULL);
      g_assert_cmpint (self->fd, >=, 0);
      if (!serve (self))
        return NULL;
      close (self->fd);
      self->fd = -1;
    }
}

FakePrinter *
fake_printer_new (FakePrinterKind  kind,
                  const guint8     status[5],
                  gboolean         stray,
                  gboolean         silent)
{
  FakePrinter *self = g_new0 (FakePrinter, 1);

  self->kind = kind;
  self->fd = -1;
  self->listen_fd = -1;
  self->slave_fd = -1;
  memcpy (self->status, status, 5);
  self->stray = stray;
  self->silent = silent;
  self->received = g_byte_array_new ();
  g_mutex_init (&self->lock);

  if (kind == FAKE_TCP)
    {
      struct sockaddr_in address = { .sin_family = AF_INET };
      socklen_t length = sizeof address;

      address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
      self->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      g_assert_cmpint (self->listen_fd, >=, 0);
      g_assert_cmpint (bind (self->listen_fd, (struct sockaddr *) &address, sizeof address), ==, 0);
      g_assert_cmpint (listen (self->listen_fd, 4), ==, 0);
      g_assert_cmpint (getsockname (self->listen_fd, (struct sockaddr *) &address, &length), ==, 0);
      self->port = ntohs (address.sin_port);
    }
  else
    {
      struct termios tio;

      self->fd = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
      g_assert_cmpint (self->fd, >=, 0);
      g_assert_cmpint (grantpt (self->fd), ==, 0);
      g_assert_cmpint (unlockpt (self->fd), ==, 0);
      self->device = g_strdup (ptsname (self->fd));
      self->slave_fd = open (self->device, O_RDWR | O_NOCTTY | O_CLOEXEC);
      g_assert_cmpint (self->slave_fd, >=, 0);
      g_assert_cmpint (tcgetattr (self->slave_fd, &tio), ==, 0);
      cfmakeraw (&tio);
      g_assert_cmpint (tcsetattr (self->slave_fd, TCSANOW, &tio), ==, 0);
    }

  self->thread = g_thread_new ("fake-printer", fake_printer_thread, self);
  return self;
}

guint
fake_printer_get_port (FakePrinter *self)
{
  return self->port;
}

const char *
fake_printer_get_device (FakePrinter *self)
{
  return self->device;
}

GBytes *
fake_printer_stop (FakePrinter *self)
{
  if (self->thread != NULL)
    {
      g_atomic_int_set (&self->stop, 1);
      g_thread_join (self->thread);
      self->thread = NULL;
    }
  return g_bytes_new (self->received->data, self->received->len);
}

void
fake_printer_free (FakePrinter *self)
{
  g_bytes_unref (fake_printer_stop (self));
  if (self->fd >= 0)
    close (self->fd);
  if (self->slave_fd >= 0)
    close (self->slave_fd);
  if (self->listen_fd >= 0)
    close (self->listen_fd);
  g_byte_array_unref (self->received);
  g_mutex_clear (&self->lock);
  g_free (self->device);
  g_free (self);
}

void
fake_printer_set_status (FakePrinter  *self,
                         const guint8  status[5])
{
  g_mutex_lock (&self->lock);
  memcpy (self->status, status, 5);
  g_mutex_unlock (&self->lock);
}

void
fake_printer_status_bytes (guint8   status[5],
                           gboolean offline,
                           gboolean cover_open,
                           gboolean paper_near_end,
                           gboolean paper_out)
{
  /* Every answer has bits 1 and 4 set (0x12); the rest as the ESC/POS manual says. */
  status[0] = 0;
  status[1] = 0x12 | (offline || cover_open || paper_out ? 0x08 : 0);
  status[2] = 0x12 | (cover_open ? 0x04 : 0) | (paper_out ? 0x20 : 0);
  status[3] = 0x12;
  status[4] = 0x12 | (paper_near_end || paper_out ? 0x0c : 0) | (paper_out ? 0x60 : 0);
}
