/* loket-printer.h — printing a receipt on the configured printer, off the main loop, with a deadline
 *
 * Back ends (config [printer] backend): escpos-device (a device file such as /dev/usb/lp0 or
 * a serial tty), escpos-tcp (host, port 9100), cups (a PDF handed to `lp`), pdf (a file per
 * receipt in a folder: the demo's and the tests' printer) and none.
 *
 * loket_printer_print_async () never blocks its caller and always completes within the
 * printer's timeout (plus scheduling): a printer that does not answer, a CUPS server that is
 * not there, a USB printer that swallows bytes without a word all end in "printer
 * unavailable". Its outcome says what happened, for staff and (shorter) for the citizen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "loket-receipt.h"

G_BEGIN_DECLS

#define LOKET_PRINTER_ERROR (loket_printer_error_quark ())

typedef enum {
  LOKET_PRINTER_ERROR_UNAVAILABLE,   /* no connection, no answer within the deadline, no CUPS
                                      * server, a stopped queue, a device that cannot be opened */
  LOKET_PRINTER_ERROR_PAPER_OUT,
  LOKET_PRINTER_ERROR_COVER_OPEN,
  LOKET_PRINTER_ERROR_OFFLINE,       /* offline or in error for another reason */
  LOKET_PRINTER_ERROR_FAILED,        /* the receipt could not be drawn or written */
} LoketPrinterError;

GQuark loket_printer_error_quark (void);

typedef enum {
  LOKET_PRINT_PRINTED,
  LOKET_PRINT_FAILED,
  LOKET_PRINT_NO_PRINTER,            /* backend none: the receipt is only shown */
} LoketPrintStatus;

typedef struct {
  LoketPrintStatus  status;
  GError           *error;           /* FAILED: a LOKET_PRINTER_ERROR; its message is for staff */
  char             *citizen_message; /* short and calm, in the current language */
  char             *file;            /* pdf: the file written, else NULL */
  gint64            elapsed;         /* µs from the call to the outcome */
} LoketPrintOutcome;

void        loket_print_outcome_free      (LoketPrintOutcome       *outcome);
/* What the outbox keeps: "printed", "no-printer", or "failed:" and one of "unavailable",
 * "paper-out", "cover-open", "offline", "failed". */
const char *loket_print_outcome_to_string (const LoketPrintOutcome *outcome);
/* The citizen's short, calm words for an outcome as loket_print_outcome_to_string () spells
 * it, in the current language: a screen that changes language says them again. */
char       *loket_print_outcome_citizen_message (const char *outcome);

#define LOKET_TYPE_PRINTER (loket_printer_get_type ())
G_DECLARE_FINAL_TYPE (LoketPrinter, loket_printer, LOKET, PRINTER, GObject)

#define LOKET_PRINTER_DEFAULT_TIMEOUT_MS 20000

/* The printer of config's [printer] group; the settings are copied. */
LoketPrinter        *loket_printer_new            (const LoketConfig   *config);

LoketPrinterBackend  loket_printer_get_backend    (LoketPrinter        *self);
LoketPaperWidth      loket_printer_get_width      (LoketPrinter        *self);
/* The whole job's deadline, from the call to the outcome. */
void                 loket_printer_set_timeout    (LoketPrinter        *self,
                                                   guint                timeout_ms);
guint                loket_printer_get_timeout    (LoketPrinter        *self);
/* ESC/POS: send the QR as GS ( k instead of an image (only for printers known to do it). */
void                 loket_printer_set_native_qr  (LoketPrinter        *self,
                                                   gboolean             native_qr);

void                 loket_printer_print_async    (LoketPrinter        *self,
                                                   LoketReceipt        *receipt,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The outcome, printed or not; NULL (with G_IO_ERROR_CANCELLED) only when the caller
 * cancelled. */
LoketPrintOutcome   *loket_printer_print_finish   (LoketPrinter        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPrintOutcome, loket_print_outcome_free)

G_END_DECLS
