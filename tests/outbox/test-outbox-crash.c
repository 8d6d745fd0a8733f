/* test-outbox-crash.c — a writer killed at random moments loses nothing it acknowledged
 *
 * A child process stores requests in a loop and writes each tracking code to a pipe after the
 * commit returned; the parent SIGKILLs it at a random moment, then checks that every code it
 * read is in the outbox with all its parts. Repeated KILLS times on the same outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "outbox-test-util.h"

#define KILLS 25
#define PARTS 3

typedef struct {
  GString  *pending;     /* bytes after the last newline */
  GPtrArray *codes;
  gboolean  eof;
} Reader;

static void
read_available (GInputStream *stdout_pipe,
                Reader       *reader)
{
  char buffer[4096];
  gssize n;

  /* The pipe is non-blocking (GPollableInputStream), so this never waits for the child. */
  while ((n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stdout_pipe),
                                                        buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (reader->pending, buffer, n);
  if (n == 0)
    reader->eof = TRUE;

  for (;;)
    {
      char *newline = memchr (reader->pending->str, '\n', reader->pending->len);
      gsize line_len;

      if (newline == NULL)
        break;
      line_len = (gsize) (newline - reader->pending->str);
      g_ptr_array_add (reader->codes, g_strndup (reader->pending->str, line_len));
      g_string_erase (reader->pending, 0, (gssize) line_len + 1);
    }
}

static void
test_sigkill_writer (void)
{
  OutboxTestEnv env;
  g_autoptr(GPtrArray) acknowledged = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new ();
  guint seen_total = 0;

  outbox_test_env_init (&env);

  for (guint round = 0; round < KILLS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) pending = g_string_new (NULL);
      Reader reader = { pending, codes, FALSE };
      /* From right after start (often mid-open or mid-migration) to well into the loop */
      gulong delay_us = (gulong) g_rand_int_range (rand, 0, 400000);
      gint64 deadline;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                OUTBOX_HELPER, "store", env.dir, env.key_file,
                                G_STRINGIFY (PARTS), NULL);
      g_assert_no_error (error);

      /* Every other round, the window opens at the writer's first acknowledgement, so kills
       * land mid-loop however slowly the writer starts (under the sanitizer on a loaded
       * machine, opening alone can outlast the whole window). */
      if (round % 2 == 1)
        {
          deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
          while (codes->len == 0 && !reader.eof && g_get_monotonic_time () < deadline)
            {
              read_available (g_subprocess_get_stdout_pipe (child), &reader);
              g_usleep (1000);
            }
          g_assert_cmpuint (codes->len, >, 0);
        }

      deadline = g_get_monotonic_time () + delay_us;
      while (g_get_monotonic_time () < deadline)
        {
          read_available (g_subprocess_get_stdout_pipe (child), &reader);
          g_usleep (1000);
        }
      g_subprocess_force_exit (child);   /* SIGKILL */
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));

      /* Whatever reached the pipe before the kill was acknowledged */
      while (!reader.eof)
        read_available (g_subprocess_get_stdout_pipe (child), &reader);
      g_assert_cmpuint (reader.pending->len, <, 14);

      g_test_message ("round %u: killed after %lu us, %u requests acknowledged",
                      round, delay_us, codes->len);
      for (guint i = 0; i < codes->len; i++)
        g_ptr_array_add (acknowledged, g_strdup (g_ptr_array_index (codes, i)));
      seen_total += codes->len;

      /* Every acknowledged request so far is there, whole */
      {
        g_autoptr(LoketOutbox) outbox = outbox_test_open (&env);
        g_autoptr(GPtrArray) requests = NULL;

        for (guint i = 0; i < acknowledged->len; i++)
          {
            g_autoptr(LoketOutboxRequest) request =
              loket_outbox_get_request (outbox, g_ptr_array_index (acknowledged, i), &error);

            g_assert_no_error (error);
            g_assert_cmpuint (request->parts->len, ==, PARTS);
          }

        /* And no request is stored in part: at most one more than acknowledged (the commit
         * that returned as the kill landed), each with all its parts */
        requests = loket_outbox_list_requests (outbox, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (requests->len, >=, acknowledged->len);
        g_assert_cmpuint (requests->len, <=, acknowledged->len + round + 1);
        for (guint i = 0; i < requests->len; i++)
          g_assert_cmpuint (((LoketOutboxRequest *) g_ptr_array_index (requests, i))->parts->len,
                            ==, PARTS);
      }
    }

  g_test_message ("%u kills, %u acknowledged requests, none lost", KILLS, seen_total);
  g_assert_cmpuint (seen_total, >, 0);

  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/crash/sigkill-writer", test_sigkill_writer);

  return g_test_run ();
}
