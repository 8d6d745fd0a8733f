/* loket-printer.c — the printer object: its settings, the table of back ends, the job's thread
 * and deadline, outcomes
 *
 * A job runs in a GTask thread with return-on-cancel: when the deadline passes, a timer on
 * the caller's main context cancels the task's own cancellable, so the caller gets its
 * outcome at once even if the thread is still stuck in a system call; the thread sees the
 * cancellation at its next poll() and ends on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-printer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-printer-private.h"
#include "loket-receipt-render.h"

struct _LoketPrinter {
  GObject               parent_instance;
  LoketPrinterSettings *settings;    /* g_atomic_rc_box; replaced whole, never changed */
};

/* The back ends; "none" has no print function: the receipt is only shown. */
static const LoketPrinterBackendOps backends[] = {
  { LOKET_PRINTER_NONE,          NULL,                              NULL },
  { LOKET_PRINTER_PDF,           loket_printer_pdf_print,           NULL },
  { LOKET_PRINTER_CUPS,          loket_printer_cups_print,          loket_printer_cups_read_status },
  { LOKET_PRINTER_ESCPOS_DEVICE, loket_printer_escpos_device_print, loket_printer_escpos_status },
  { LOKET_PRINTER_ESCPOS_TCP,    loket_printer_escpos_tcp_print,    loket_printer_escpos_status },
};

const LoketPrinterBackendOps *
loket_printer_backend_ops (LoketPrinterBackend backend)
{
  for (guint i = 0; i < G_N_ELEMENTS (backends); i++)
    if (backends[i].backend == backend)
      return &backends[i];
  g_return_val_if_reached (&backends[0]);
}

static void
settings_clear (LoketPrinterSettings *settings)
{
  g_free (settings->device);
  g_free (settings->host);
  g_free (settings->queue);
  g_free (settings->folder);
}

void
loket_printer_settings_unref (const LoketPrinterSettings *settings)
{
  g_atomic_rc_box_release_full ((gpointer) settings, (GDestroyNotify) settings_clear);
}

/* The printer's settings with one of them changed: a job already running keeps its own. */
static LoketPrinterSettings *
settings_copy (const LoketPrinterSettings *from)
{
  LoketPrinterSettings *settings = g_atomic_rc_box_new0 (LoketPrinterSettings);

  *settings = *from;
  settings->device = g_strdup (from->device);
  settings->host = g_strdup (from->host);
  settings->queue = g_strdup (from->queue);
  settings->folder = g_strdup (from->folder);
  return settings;
}

static void
replace_settings (LoketPrinter         *self,
                  LoketPrinterSettings *settings)
{
  loket_printer_settings_unref (self->settings);
  self->settings = settings;
}

G_DEFINE_TYPE (LoketPrinter, loket_printer, G_TYPE_OBJECT)

G_DEFINE_QUARK (loket-printer-error-quark, loket_printer_error)

static void
loket_printer_finalize (GObject *object)
{
  LoketPrinter *self = LOKET_PRINTER (object);

  g_clear_pointer (&self->settings, loket_printer_settings_unref);

  G_OBJECT_CLASS (loket_printer_parent_class)->finalize (object);
}

static void
loket_printer_class_init (LoketPrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_printer_finalize;
}

static void
loket_printer_init (LoketPrinter *self)
{
  self->settings = g_atomic_rc_box_new0 (LoketPrinterSettings);
  self->settings->timeout_ms = LOKET_PRINTER_DEFAULT_TIMEOUT_MS;
  self->settings->port = 9100;
  self->settings->width = LOKET_PAPER_80MM;
}

LoketPrinter *
loket_printer_new (const LoketConfig *config)
{
  LoketPrinter *self;
  LoketPrinterSettings *settings;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (LOKET_TYPE_PRINTER, NULL);
  settings = self->settings;
  settings->backend = config->printer_backend;
  settings->device = g_strdup (config->printer_device);
  settings->host = g_strdup (config->printer_host);
  settings->port = config->printer_port != 0 ? config->printer_port : 9100;
  settings->queue = g_strdup (config->printer_queue);
  settings->folder = g_strdup (config->printer_folder);
  settings->native_qr = config->printer_native_qr;
  settings->width = config->printer_width;
  return self;
}

LoketPrinterBackend
loket_printer_get_backend (LoketPrinter *self)
{
  g_return_val_if_fail (LOKET_IS_PRINTER (self), LOKET_PRINTER_NONE);
  return self->settings->backend;
}

LoketPaperWidth
loket_printer_get_width (LoketPrinter *self)
{
  g_return_val_if_fail (LOKET_IS_PRINTER (self), LOKET_PAPER_80MM);
  return self->settings->width;
}

void
loket_printer_set_timeout (LoketPrinter *self,
                           guint         timeout_ms)
{
  g_return_if_fail (LOKET_IS_PRINTER (self));
  g_return_if_fail (timeout_ms > 0);
  replace_settings (self, settings_copy (self->settings));
  self->settings->timeout_ms = timeout_ms;
}

guint
loket_printer_get_timeout (LoketPrinter *self)
{
  g_return_val_if_fail (LOKET_IS_PRINTER (self), 0);
  return self->settings->timeout_ms;
}

void
loket_printer_set_native_qr (LoketPrinter *self,
                             gboolean      native_qr)
{
  g_return_if_fail (LOKET_IS_PRINTER (self));
  replace_settings (self, settings_copy (self->settings));
  self->settings->native_qr = !!native_qr;
}

/* ---- Outcomes ---- */

void
loket_print_outcome_free (LoketPrintOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_error (&outcome->error);
  g_free (outcome->citizen_message);
  g_free (outcome->file);
  g_free (outcome);
}

const char *
loket_print_outcome_to_string (const LoketPrintOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, NULL);

  if (outcome->status == LOKET_PRINT_PRINTED)
    return "printed";
  if (outcome->status == LOKET_PRINT_NO_PRINTER)
    return "no-printer";
  if (outcome->error == NULL || outcome->error->domain != LOKET_PRINTER_ERROR)
    return "failed:failed";

  switch ((LoketPrinterError) outcome->error->code)
    {
    case LOKET_PRINTER_ERROR_UNAVAILABLE:
      return "failed:unavailable";
    case LOKET_PRINTER_ERROR_PAPER_OUT:
      return "failed:paper-out";
    case LOKET_PRINTER_ERROR_COVER_OPEN:
      return "failed:cover-open";
    case LOKET_PRINTER_ERROR_OFFLINE:
      return "failed:offline";
    case LOKET_PRINTER_ERROR_FAILED:
    default:
      return "failed:failed";
    }
}

char *
loket_print_outcome_citizen_message (const char *outcome)
{
  g_return_val_if_fail (outcome != NULL, NULL);

  if (g_str_equal (outcome, "printed"))
    /* Translators: shown to the citizen when the receipt has been printed. */
    return g_strdup (_("Your receipt is printed. Please take it with you."));
  if (g_str_equal (outcome, "no-printer"))
    /* Translators: shown to the citizen when the kiosk has no printer. */
    return g_strdup (_("This kiosk does not print receipts. Please write down your code or "
                       "take a photo of it."));
  if (g_str_equal (outcome, "failed:paper-out"))
    /* Translators: shown to the citizen; staff are told separately. */
    return g_strdup (_("The printer is out of paper. Please write down your code or take a "
                       "photo of it; staff can print it for you."));
  /* Translators: shown to the citizen; staff are told separately. */
  return g_strdup (_("The receipt could not be printed. Please write down your code or take a "
                     "photo of it; staff can print it for you."));
}

static LoketPrintOutcome *
outcome_new (LoketPrintJob *job,
             GError        *error)
{
  LoketPrintOutcome *outcome = g_new0 (LoketPrintOutcome, 1);

  outcome->elapsed = g_get_monotonic_time () - job->started;
  if (loket_printer_backend_ops (job->settings->backend)->print == NULL)
    {
      outcome->status = LOKET_PRINT_NO_PRINTER;
    }
  else if (error == NULL)
    {
      outcome->status = LOKET_PRINT_PRINTED;
      outcome->file = g_strdup (job->file);
    }
  else
    {
      outcome->status = LOKET_PRINT_FAILED;
      outcome->error = error;
      /* A message, not a warning: a printer out of paper is the hall's business, not a bug. */
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                        "MESSAGE", "Receipt not printed (%s): %s",
                        loket_printer_backend_to_string (job->settings->backend), error->message);
    }
  outcome->citizen_message =
    loket_print_outcome_citizen_message (loket_print_outcome_to_string (outcome));
  return outcome;
}

/* ---- Jobs ---- */

static void
print_job_free (LoketPrintJob *job)
{
  if (job->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (job->caller_cancellable, job->cancelled_id);
      g_object_unref (job->caller_cancellable);
    }
  loket_printer_settings_unref (job->settings);
  g_free (job->file);
  g_clear_pointer (&job->receipt, loket_receipt_unref);
  g_free (job);
}

int
loket_print_job_remaining_ms (LoketPrintJob *job)
{
  gint64 left = job->deadline - g_get_monotonic_time ();

  return left > 0 ? (int) ((left + 999) / 1000) : 0;
}

static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoketPrintJob *job = task_data;
  const LoketPrinterBackendOps *ops = loket_printer_backend_ops (job->settings->backend);
  GError *error = NULL;
  gboolean ok = TRUE;

  if (ops->print != NULL)
    ok = ops->print (job, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  LoketPrintJob *job = g_task_get_task_data (task);

  if (!g_task_get_completed (task))
    {
      job->timed_out = TRUE;
      g_cancellable_cancel (g_task_get_cancellable (task));
    }
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

void
loket_printer_print_async (LoketPrinter        *self,
                           LoketReceipt        *receipt,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GCancellable) inner = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) timer = NULL;
  LoketPrintJob *job;

  g_return_if_fail (LOKET_IS_PRINTER (self));
  g_return_if_fail (receipt != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (LoketPrintJob, 1);
  job->settings = g_atomic_rc_box_acquire (self->settings);
  job->started = g_get_monotonic_time ();
  job->deadline = job->started + (gint64) self->settings->timeout_ms * 1000;
  job->receipt = loket_receipt_ref (receipt);

  /* The task watches its own cancellable, which the caller's and the deadline both cancel:
   * then it returns at once, whatever the thread is doing. */
  task = g_task_new (self, inner, callback, user_data);
  g_task_set_source_tag (task, loket_printer_print_async);
  g_task_set_task_data (task, job, (GDestroyNotify) print_job_free);
  g_task_set_return_on_cancel (task, TRUE);

  /* GLib 2.74's GTask leaks the error of a task cancelled before its thread starts. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The printing was cancelled"));
      return;
    }

  if (cancellable != NULL)
    {
      job->caller_cancellable = g_object_ref (cancellable);
      job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                 g_object_ref (inner), g_object_unref);
    }

  /* A little after the worker's own deadline, so its more precise reason usually wins. */
  timer = g_timeout_source_new (self->settings->timeout_ms + 250);
  g_task_attach_source (task, timer, on_deadline);

  g_task_run_in_thread (task, print_thread);
}

LoketPrintOutcome *
loket_printer_print_finish (LoketPrinter  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  GTask *task = G_TASK (result);
  LoketPrintJob *job;
  GError *print_error = NULL;

  g_return_val_if_fail (LOKET_IS_PRINTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == loket_printer_print_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = g_task_get_task_data (task);
  if (g_task_propagate_boolean (task, &print_error))
    return outcome_new (job, NULL);

  if (g_error_matches (print_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!job->timed_out)
        {
          g_propagate_error (error, print_error);
          return NULL;
        }
      g_clear_error (&print_error);
      g_set_error (&print_error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s is the back end ("escpos-tcp"), %.1f seconds. */
                   _("Printer unavailable: the %s printer did not finish within %.1f s. Check "
                     "that it is switched on, connected and has paper."),
                   loket_printer_backend_to_string (job->settings->backend), job->settings->timeout_ms / 1000.0);
    }
  return outcome_new (job, print_error);
}

const LoketPrinterSettings *
loket_printer_ref_settings (LoketPrinter *self)
{
  g_return_val_if_fail (LOKET_IS_PRINTER (self), NULL);
  return g_atomic_rc_box_acquire (self->settings);
}
