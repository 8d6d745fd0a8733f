/* loket-printer-private.h — what the printer's back ends share: one job, run in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-escpos.h"
#include "loket-printer.h"
#include "loket-printer-status.h"

G_BEGIN_DECLS

/* The [printer] settings, copied once from the configuration and shared, never changed, by
 * the printer and every job it runs: a worker thread reads them without a lock. */
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
} LoketPrinterSettings;

/* One job: the settings it runs with, and what the worker and the main context share. */
typedef struct {
  const LoketPrinterSettings *settings;  /* a reference (g_atomic_rc_box) */
  gint64               deadline;     /* g_get_monotonic_time () */
  LoketReceipt        *receipt;
  char                *file;         /* pdf: the file written */
  gint64               started;
  gboolean             timed_out;    /* set by the main context's timer */
  GCancellable        *caller_cancellable;
  gulong               cancelled_id;
} LoketPrintJob;

/* A printer back end: one entry of the table in loket-printer.c, its functions in a file of
 * its own. print runs in a worker thread and must give up by the job's deadline (the
 * caller's timer cancels the cancellable then). */
typedef struct {
  LoketPrinterBackend  backend;
  gboolean           (*print) (LoketPrintJob  *job,
                               GCancellable   *cancellable,
                               GError        **error);
  /* What the printer says of itself, by the job's deadline (loket-printer-status.h); NULL:
   * nothing to ask (none, pdf). FALSE with an error when it could not be asked. */
  gboolean           (*read_status) (LoketPrintJob       *job,
                                     LoketPrinterStatus  *status,
                                     GCancellable        *cancellable,
                                     GError             **error);
} LoketPrinterBackendOps;

const LoketPrinterBackendOps *loket_printer_backend_ops (LoketPrinterBackend backend);

/* Milliseconds left until the job's deadline, at least 0. */
int      loket_print_job_remaining_ms    (LoketPrintJob  *job);

gboolean loket_printer_pdf_print         (LoketPrintJob  *job,
                                          GCancellable   *cancellable,
                                          GError        **error);
gboolean loket_printer_cups_print        (LoketPrintJob  *job,
                                          GCancellable   *cancellable,
                                          GError        **error);
gboolean loket_printer_escpos_device_print (LoketPrintJob  *job,
                                            GCancellable   *cancellable,
                                            GError        **error);
gboolean loket_printer_escpos_tcp_print  (LoketPrintJob  *job,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* Only the status (DLE EOT 1, 2, 4) of the job's escpos-device or escpos-tcp printer, by
 * the job's deadline (loket-printer-status.c). */
gboolean loket_printer_escpos_read_status (LoketPrintJob      *job,
                                           LoketEscposStatus  *status,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* The printer's settings, a new reference (g_atomic_rc_box_release_full to drop it). */
const LoketPrinterSettings *loket_printer_ref_settings (LoketPrinter *self);
void                        loket_printer_settings_unref (const LoketPrinterSettings *settings);

gboolean loket_printer_escpos_status      (LoketPrintJob       *job,
                                          LoketPrinterStatus  *status,
                                          GCancellable        *cancellable,
                                          GError             **error);
gboolean loket_printer_cups_read_status  (LoketPrintJob       *job,
                                          LoketPrinterStatus  *status,
                                          GCancellable        *cancellable,
                                          GError             **error);
/* Before a print: FALSE, with the error a print of an ESC/POS printer in that state gets
 * (PAPER_OUT, COVER_OPEN, OFFLINE; UNAVAILABLE for a stopped queue or no answer). */
gboolean loket_printer_cups_check_ready  (LoketPrintJob       *job,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
