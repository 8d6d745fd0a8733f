/* loket-printer-cups-status.c — a CUPS queue's state, through the CUPS API, by a deadline
 *
 * One IPP Get-Printer-Attributes on a connection of our own, whose connect and every wait
 * are bounded by the job's deadline (httpConnect2's timeout, httpSetTimeout with a callback
 * that gives up): libcups' own defaults can wait for minutes on a server that does not
 * answer (DEBIAN12.md). printer-state-reasons carry the printer's own words: media-low
 * (paper near end), media-empty / media-needed (paper out), door-open / cover-open, offline;
 * any other at error severity (media-jam-error) is an error, as is a stopped queue.
 * They stay as the printer's backend last set them (during a job), except offline-report,
 * which the scheduler drops when a job ends (tests/common/test-cupsd.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-printer"

#include "config.h"

#include <string.h>
#include <cups/cups.h>
#include <glib/gi18n-lib.h>

#include "metrics/loket-metrics.h"
#include "loket-printer-private.h"

static int
give_up (http_t *http,
         void   *user_data)
{
  /* The deadline passed while waiting: 0 stops the wait. */
  return 0;
}

static gboolean
reason_is (const char *reason,
           const char *keyword)
{
  gsize n = strlen (keyword);

  /* A reason is a keyword, optionally with -report, -warning or -error after it. */
  return strncmp (reason, keyword, n) == 0 && (reason[n] == '\0' || reason[n] == '-');
}

/* stopped: the queue is stopped (cupsdisable, or CUPS after a failed job). */
static void
apply_reasons (ipp_t              *response,
               LoketPrinterStatus *status,
               gboolean           *stopped)
{
  ipp_attribute_t *attribute = ippFindAttribute (response, "printer-state", IPP_TAG_ENUM);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) reasons = NULL;

  *stopped = attribute != NULL && ippGetInteger (attribute, 0) == IPP_PSTATE_STOPPED;
  if (*stopped)
    status->error = TRUE;

  attribute = ippFindAttribute (response, "printer-state-reasons", IPP_TAG_KEYWORD);
  for (int i = 0; attribute != NULL && i < ippGetCount (attribute); i++)
    {
      const char *reason = ippGetString (attribute, i, NULL);

      if (reason == NULL || g_str_equal (reason, "none"))
        continue;
      g_strv_builder_add (kept, reason);
      if (reason_is (reason, "media-low"))
        status->paper_near_end = TRUE;
      else if (reason_is (reason, "media-empty") || reason_is (reason, "media-needed"))
        status->paper_out = TRUE;
      else if (reason_is (reason, "door-open") || reason_is (reason, "cover-open"))
        status->cover_open = TRUE;
      else if (reason_is (reason, "offline") || reason_is (reason, "shutdown"))
        status->offline = TRUE;
      else if (g_str_has_suffix (reason, "-error"))
        /* Any other reason at error severity (media-jam-error, cutter…): the printer cannot
         * print until someone sees to it. */
        status->error = TRUE;
    }
  reasons = g_strv_builder_end (kept);
  if (reasons[0] != NULL)
    status->cups_reasons = g_strjoinv (",", reasons);
}

/* The queue's state (and its name: the default queue's when [printer] queue is unset). */
static gboolean
read_queue_status (LoketPrintJob       *job,
                   LoketPrinterStatus  *status,
                   char               **queue_out,
                   gboolean            *stopped,
                   GError             **error)
{
  static const char * const wanted[] = { "printer-state", "printer-state-reasons" };
  const char *server = cupsServer ();
  g_autofree char *queue = NULL;
  char uri[HTTP_MAX_URI];
  http_t *http;
  ipp_t *request;
  ipp_t *response;
  int cancel = 0;

  http = httpConnect2 (server, ippPort (), NULL, AF_UNSPEC, cupsEncryption (), 1,
                       loket_print_job_remaining_ms (job), &cancel);
  if (http == NULL)
    {
      /* cupsServer () has taken the port off CUPS_SERVER: name it again. */
      g_autofree char *address = server[0] == '/' ? g_strdup (server)
                                 : g_strdup_printf ("%s:%d", server, ippPort ());

      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s is the CUPS server's address. */
                   _("no CUPS server answers at %s"), address);
      return FALSE;
    }
  httpSetTimeout (http, MAX (0.1, loket_print_job_remaining_ms (job) / 1000.0), give_up, NULL);

  queue = g_strdup (job->settings->queue);
  if (queue == NULL)
    queue = g_strdup (cupsGetDefault2 (http));
  if (queue == NULL)
    {
      httpClose (http);
      g_set_error_literal (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                           /* Translators: a printer problem, shown to staff. */
                           _("CUPS has no default queue ([printer] queue is not set)"));
      return FALSE;
    }

  request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0,
                    "/printers/%s", queue);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = cupsDoRequest (http, request, "/");
  if (response == NULL || cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE)
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s is a CUPS queue's name, then what CUPS said (English). */
                   _("the CUPS queue %s cannot be asked: %s"), queue, cupsLastErrorString ());
      ippDelete (response);
      httpClose (http);
      return FALSE;
    }
  apply_reasons (response, status, stopped);
  /* The paper gauges follow every answer, as an ESC/POS printer's do. */
  loket_metrics_set ("loket_printer_paper_near_end", status->paper_near_end, NULL);
  loket_metrics_set ("loket_printer_paper_out", status->paper_out, NULL);
  ippDelete (response);
  httpClose (http);
  if (queue_out != NULL)
    *queue_out = g_steal_pointer (&queue);
  return TRUE;
}

gboolean
loket_printer_cups_read_status (LoketPrintJob       *job,
                                LoketPrinterStatus  *status,
                                GCancellable        *cancellable,
                                GError             **error)
{
  gboolean stopped;

  return read_queue_status (job, status, NULL, &stopped, error);
}

gboolean
loket_printer_cups_check_ready (LoketPrintJob  *job,
                                GCancellable   *cancellable,
                                GError        **error)
{
  LoketPrinterStatus status = { 0 };
  g_autofree char *queue = NULL;
  gboolean stopped = FALSE;
  gboolean ok = FALSE;

  if (!read_queue_status (job, &status, &queue, &stopped, error))
    {
      /* Translators: put before why CUPS could not be asked ("no CUPS server answers …"). */
      g_prefix_error (error, _("Printer unavailable: "));
      return FALSE;
    }

  if (stopped)
    g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                 /* Translators: %s is a CUPS queue's name; keep "cupsenable" as is. */
                 _("Printer unavailable: the CUPS queue %s is stopped; start it again "
                   "(cupsenable) once the printer is fixed."), queue);
  else if (status.paper_out)
    g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_PAPER_OUT,
                 /* Translators: %s is a CUPS queue's name. */
                 _("The printer of the CUPS queue %s is out of paper: put in a new roll."),
                 queue);
  else if (status.cover_open)
    g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_COVER_OPEN,
                 /* Translators: %s is a CUPS queue's name. */
                 _("The printer of the CUPS queue %s has its cover open: close it."), queue);
  else if (status.offline)
    g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_OFFLINE,
                 /* Translators: %s is a CUPS queue's name. */
                 _("The printer of the CUPS queue %s is offline: check its cable and power."),
                 queue);
  else if (status.error)
    g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_OFFLINE,
                 /* Translators: %s is a CUPS queue's name, then what CUPS said (English,
                  * e.g. "media-jam-error"). */
                 _("The printer of the CUPS queue %s reports an error (%s): check it, or "
                   "switch it off and on."), queue, status.cups_reasons);
  else
    ok = TRUE;

  g_free (status.problem);
  g_free (status.cups_reasons);
  return ok;
}
