/* fake-printer.h — a loopback ESC/POS printer for tests: on 127.0.0.1 or a pseudo-terminal,
 * it keeps every byte it receives and answers the status queries (DLE EOT n) with the
 * status bytes the test sets, which the test may change while it runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FakePrinter FakePrinter;

typedef enum {
  FAKE_TCP,      /* listens on 127.0.0.1, port 0 */
  FAKE_PTY,      /* a pseudo-terminal; device is its slave */
} FakePrinterKind;

/* Answers DLE EOT n with status[n] (1..4) wherever the sequence occurs, as a real printer
 * does (TCP: one connection after another, each a job or a status read); with stray, first sends an unrequested status byte that says "offline"; silent
 * answers nothing. */
FakePrinter   *fake_printer_new        (FakePrinterKind  kind,
                                        const guint8     status[5],
                                        gboolean         stray,
                                        gboolean         silent);
guint          fake_printer_get_port   (FakePrinter     *printer);
const char    *fake_printer_get_device (FakePrinter     *printer);
/* Stops the printer and returns every byte it received. */
GBytes        *fake_printer_stop       (FakePrinter     *printer);
void           fake_printer_free       (FakePrinter     *printer);

/* Answers from now on with status[n]. */
void           fake_printer_set_status (FakePrinter     *printer,
                                        const guint8     status[5]);
/* The status bytes of a printer in that state (status[0] unused). */
void           fake_printer_status_bytes (guint8         status[5],
                                          gboolean       offline,
                                          gboolean       cover_open,
                                          gboolean       paper_near_end,
                                          gboolean       paper_out);

G_END_DECLS
