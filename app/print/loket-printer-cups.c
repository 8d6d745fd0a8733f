/* loket-printer-cups.c — handing the receipt's PDF to CUPS with `lp`, bounded by the deadline
 *
 * GTK's print dialog and libcups' default timeouts can block for minutes when no CUPS server
 * answers (DEBIAN12.md). `lp` and `lpstat` run as child processes on a private main context
 * of the job's thread; when the deadline passes they are killed. A stopped queue still
 * accepts jobs that would never print, so the queue's state is asked first (over IPP,
 * loket-printer-cups-status.c), as is its printer's: paper out, cover open, offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-printer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-printer-private.h"
#include "loket-receipt-render.h"

typedef struct {
  gboolean  done;
  gboolean  timed_out;
  char     *out;
  char     *err;
  GError   *error;
} Run;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err,
                                        &run->error);
  run->done = TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* The first line of a command's complaint, for a message. */
static char *
first_line (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *newline = strchr (copy, '\n');

  if (newline != NULL)
    *newline = '\0';
  return g_steal_pointer (&copy);
}

static gboolean
run_command (const char * const *argv,
             LoketPrintJob      *job,
             GCancellable       *cancellable,
             char              **out,
             GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timer = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *complaint = NULL;
  Run run = { 0 };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Untranslated output, so a stopped queue can be recognised. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, argv, &local);
  if (process == NULL)
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s is a command ("lp"), then why it could not start. */
                   _("Printer unavailable: %s cannot be started (%s). Install the package "
                     "cups-client."), argv[0], local->message);
      return FALSE;
    }

  g_main_context_push_thread_default (context);
  g_subprocess_communicate_utf8_async (process, NULL, cancellable, on_communicated, &run);
  timer = g_timeout_source_new ((guint) loket_print_job_remaining_ms (job));
  g_source_set_callback (timer, on_timeout, &run, NULL);
  g_source_attach (timer, context);
  while (!run.done && !run.timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timer);
  if (!run.done)
    {
      /* Killing it closes its pipes, which ends the communication. */
      g_subprocess_force_exit (process);
      while (!run.done)
        g_main_context_iteration (context, TRUE);
    }
  g_main_context_pop_thread_default (context);

  if (run.error != NULL && g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, run.error);
      g_free (run.out);
      g_free (run.err);
      return FALSE;
    }
  g_clear_error (&run.error);

  if (run.timed_out)
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s is a command ("lp"). */
                   _("Printer unavailable: %s did not finish in time; is the CUPS server "
                     "reachable?"), argv[0]);
      g_free (run.out);
      g_free (run.err);
      return FALSE;
    }

  complaint = first_line (run.err);
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s is a command ("lp"), then what it said (English). */
                   _("Printer unavailable: %s failed: %s"), argv[0],
                   *complaint != '\0' ? complaint : _("no reason given"));
      g_free (run.out);
      g_free (run.err);
      return FALSE;
    }

  g_free (run.err);
  if (out != NULL)
    *out = run.out;
  else
    g_free (run.out);
  return TRUE;
}

/* Over 80 lines: one print's steps (scheduler, render, spool file, lp), removing the temporary
 * file on every path. */
gboolean
loket_printer_cups_print (LoketPrintJob  *job,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  gboolean ok;
  int fd;

  /* Without a scheduler lp and lpstat blame the queue's name; say what is really wrong. */
  {
    const char *scheduler[] = { "lpstat", "-r", NULL };
    g_autofree char *running = NULL;

    if (!run_command (scheduler, job, cancellable, &running, error))
      return FALSE;
    if (strstr (running, "not running") != NULL)
      {
        const char *server = g_getenv ("CUPS_SERVER");

        g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                     /* Translators: %s is the CUPS server's address. */
                     _("Printer unavailable: no CUPS server answers at %s; start CUPS or check "
                       "the server's address."),
                     server != NULL && *server != '\0' ? server : "localhost");
        return FALSE;
      }
  }

  /* A stopped queue still accepts jobs, and a printer out of paper, with its cover open or
   * offline keeps them: the receipt would come out after the citizen has gone (or to the
   * next one). Refuse now, as the ESC/POS back ends do, so the citizen is told. */
  if (!loket_printer_cups_check_ready (job, cancellable, error))
    return FALSE;

  pdf = loket_receipt_render (job->receipt, LOKET_RECEIPT_FORMAT_PDF, job->settings->width, &local);
  if (pdf == NULL)
    {
      g_set_error_literal (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_FAILED, local->message);
      return FALSE;
    }

  fd = g_file_open_tmp ("loket-receipt-XXXXXX.pdf", &path, &local);
  if (fd < 0)
    {
      g_set_error_literal (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_FAILED, local->message);
      return FALSE;
    }
  g_close (fd, NULL);
  if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf),
                            &local))
    {
      g_unlink (path);
      g_set_error_literal (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_FAILED, local->message);
      return FALSE;
    }

  /* The job's title shows in the queue: the code is what staff look for, and not personal. */
  title = g_strdup_printf ("Loket %s", loket_receipt_get_display_code (job->receipt));
  if (job->settings->queue != NULL)
    {
      const char *lp[] = { "lp", "-d", job->settings->queue, "-t", title, "--", path, NULL };

      ok = run_command (lp, job, cancellable, NULL, error);
    }
  else
    {
      const char *lp[] = { "lp", "-t", title, "--", path, NULL };

      ok = run_command (lp, job, cancellable, NULL, error);
    }

  /* lp has copied the file into the spool (or failed): the temporary copy goes either way. */
  g_unlink (path);
  return ok;
}
