/* loket-printer-status.c — asking the printer how it is, apart from any print job
 *
 * Each back end's read_status (the table in loket-printer.c) runs with a job that holds the
 * printer's settings and a deadline, and no receipt: the same bounded line code as printing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-printer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-printer-private.h"
#include "loket-printer-status.h"

void
loket_printer_status_free (LoketPrinterStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->problem);
  g_free (status->cups_reasons);
  g_free (status);
}

gboolean
loket_printer_status_is_ready (const LoketPrinterStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  return status->answered && !status->offline && !status->cover_open &&
         !status->paper_near_end && !status->paper_out && !status->error;
}

GStrv
loket_printer_status_problems (const LoketPrinterStatus *status)
{
  g_autoptr(GStrvBuilder) problems = g_strv_builder_new ();

  g_return_val_if_fail (status != NULL, NULL);

  if (!status->answered)
    {
      g_strv_builder_add (problems, status->problem != NULL ? status->problem
                          /* Translators: a printer problem, shown to staff. */
                          : _("no answer"));
      return g_strv_builder_end (problems);
    }
  if (status->paper_out)
    /* Translators: a printer problem, shown to staff (admin mode, loketctl). */
    g_strv_builder_add (problems, _("paper out"));
  else if (status->paper_near_end)
    /* Translators: a printer problem, shown to staff: the roll is nearly used up. */
    g_strv_builder_add (problems, _("paper near end"));
  if (status->cover_open)
    /* Translators: a printer problem, shown to staff. */
    g_strv_builder_add (problems, _("cover open"));
  if (status->offline && !status->cover_open && !status->paper_out)
    /* Translators: a printer problem, shown to staff. */
    g_strv_builder_add (problems, _("offline"));
  if (status->error)
    /* Translators: a printer problem, shown to staff. */
    g_strv_builder_add (problems, _("in error (switch it off and on, or check the queue)"));
  return g_strv_builder_end (problems);
}

char *
loket_printer_status_to_text (const LoketPrinterStatus *status)
{
  g_auto(GStrv) problems = NULL;

  g_return_val_if_fail (status != NULL, NULL);

  if (status->backend == LOKET_PRINTER_NONE)
    /* Translators: the printer's state when the kiosk has none ([printer] backend = none). */
    return g_strdup (_("no printer configured"));
  problems = loket_printer_status_problems (status);
  if (problems[0] == NULL)
    /* Translators: the printer's state when nothing is wrong. */
    return g_strdup (_("ready"));
  return g_strjoinv (", ", problems);
}

/* ESC/POS: the bits the printer sent, kept as they are. */
gboolean
loket_printer_escpos_status (LoketPrintJob       *job,
                             LoketPrinterStatus  *status,
                             GCancellable        *cancellable,
                             GError             **error)
{
  LoketEscposStatus bits = { 0 };

  if (!loket_printer_escpos_read_status (job, &bits, cancellable, error))
    return FALSE;
  status->offline = bits.offline;
  status->cover_open = bits.cover_open;
  status->paper_near_end = bits.paper_near_end;
  status->paper_out = bits.paper_out;
  status->error = bits.error;
  return TRUE;
}

LoketPrinterStatus *
loket_printer_read_status (LoketPrinter *self,
                           GCancellable *cancellable)
{
  LoketPrinterStatus *status = g_new0 (LoketPrinterStatus, 1);
  LoketPrintJob job = { 0 };
  const LoketPrinterBackendOps *ops;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LOKET_IS_PRINTER (self), NULL);

  job.settings = loket_printer_ref_settings (self);
  job.started = g_get_monotonic_time ();
  job.deadline = job.started +
                 (gint64) MIN (job.settings->timeout_ms, LOKET_PRINTER_STATUS_TIMEOUT_MS) * 1000;
  status->backend = job.settings->backend;
  ops = loket_printer_backend_ops (job.settings->backend);

  if (ops->read_status == NULL)
    status->answered = TRUE;
  else if (ops->read_status (&job, status, cancellable, &error))
    status->answered = TRUE;
  else
    status->problem = g_strdup (error->message);

  loket_printer_settings_unref (job.settings);
  return status;
}

static void
read_status_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_task_return_pointer (task, loket_printer_read_status (source, cancellable),
                         (GDestroyNotify) loket_printer_status_free);
}

void
loket_printer_read_status_async (LoketPrinter        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LOKET_IS_PRINTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_printer_read_status_async);
  g_task_run_in_thread (task, read_status_thread);
}

LoketPrinterStatus *
loket_printer_read_status_finish (LoketPrinter  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
