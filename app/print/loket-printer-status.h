/* loket-printer-status.h — what the printer says about itself, asked apart from any print job
 *
 * ESC/POS printers (escpos-device, escpos-tcp) are asked with DLE EOT 1 (printer), 2 (offline
 * cause: cover open, paper end, error) and 4 (roll paper sensor: near end, out), on a line
 * drained of stray bytes first. A CUPS queue (cups) is asked through the CUPS API for its
 * printer-state and printer-state-reasons. The pdf back end is always ready; none has no
 * printer.
 *
 * Printing can hang (DEBIAN12.md): every read is bounded by its timeout, whatever the
 * printer or the CUPS server does. loket_printer_read_status () blocks its thread for at
 * most that long, so call it from a worker thread (the admin board's read, loketctl);
 * the _async form runs it in one. Each read of an ESC/POS printer or a CUPS queue also sets
 * the metrics loket_printer_paper_near_end and loket_printer_paper_out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "loket-printer.h"

G_BEGIN_DECLS

/* A status read takes at most this long, unless the printer's own timeout is shorter. */
#define LOKET_PRINTER_STATUS_TIMEOUT_MS 3000

typedef struct {
  LoketPrinterBackend backend;
  gboolean  answered;        /* the printer (or CUPS) answered; else see problem */
  gboolean  offline;
  gboolean  cover_open;
  gboolean  paper_near_end;
  gboolean  paper_out;
  gboolean  error;           /* cutter, mechanism, or a CUPS queue stopped */
  char     *problem;         /* not answered: why, in words (current language); else NULL */
  char     *cups_reasons;    /* cups: printer-state-reasons as CUPS spells them, or NULL */
} LoketPrinterStatus;

void                loket_printer_status_free     (LoketPrinterStatus *status);
/* TRUE when nothing is wrong (answered, online, paper, cover closed, no error); a printer of
 * backend none or pdf is ready too. */
gboolean            loket_printer_status_is_ready (const LoketPrinterStatus *status);
/* Each thing that is wrong, one short phrase each in the current language ("paper near
 * end", "cover open", …); an empty list when nothing is. */
GStrv               loket_printer_status_problems (const LoketPrinterStatus *status);
/* One line for staff: "ready", or the problems joined, in the current language. */
char               *loket_printer_status_to_text  (const LoketPrinterStatus *status);

/* Blocks for at most MIN (the printer's timeout, LOKET_PRINTER_STATUS_TIMEOUT_MS). Never
 * NULL: a printer that does not answer gives answered = FALSE and its problem. */
LoketPrinterStatus *loket_printer_read_status     (LoketPrinter        *self,
                                                   GCancellable        *cancellable);
void                loket_printer_read_status_async  (LoketPrinter        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
LoketPrinterStatus *loket_printer_read_status_finish (LoketPrinter        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPrinterStatus, loket_printer_status_free)

G_END_DECLS
