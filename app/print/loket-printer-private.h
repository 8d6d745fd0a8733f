/* loket-printer-private.h — what the printer's back ends share: one job, run in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-printer.h"

G_BEGIN_DECLS

/* A copy of everything the worker needs, so it never touches the LoketPrinter. */
typedef struct {
  LoketPrinterBackend  backend;
  char                *device;
  char                *host;
  guint                port;
  char                *queue;
  char                *folder;
  LoketPaperWidth      width;
  gboolean             native_qr;
  guint                timeout_ms;
  gint64               deadline;     /* g_get_monotonic_time () */
  LoketReceipt        *receipt;
  char                *file;         /* pdf: the file written */
  gint64               started;
  gboolean             timed_out;    /* set by the main context's timer */
  GCancellable        *caller_cancellable;
  gulong               cancelled_id;
} LoketPrintJob;

/* Milliseconds left until the job's deadline, at least 0. */
int      loket_print_job_remaining_ms (LoketPrintJob  *job);

gboolean loket_printer_escpos_print   (LoketPrintJob  *job,
                                       GCancellable   *cancellable,
                                       GError        **error);
gboolean loket_printer_cups_print     (LoketPrintJob  *job,
                                       GCancellable   *cancellable,
                                       GError        **error);

G_END_DECLS
