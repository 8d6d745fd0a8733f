/* loket-admin-printer.h — admin mode's printer section: the printer's state from its own
 * status bytes (or CUPS's), a paper-low notice, and what staff do with it
 *
 * Actions (on this widget): printer.test-print (a receipt marked TEST, never recorded with a
 * request, so never counted in loket_receipts_printed_total), printer.paper-replaced (clears
 * the paper-low notice and the paper gauges, then reads the printer again), printer.reprint
 * (the receipt of the tracking code typed in the entry, with the on-screen keyboard or a
 * scanner; a receipt carries no personal data, and is recorded as loketctl receipt print
 * records it). Each leaves an audit line. Printing never blocks the main loop and ends
 * within the printer's timeout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "print/loket-printer-status.h"
#include "loket-admin-mode.h"
#include "loket-session.h"

G_BEGIN_DECLS

#define LOKET_AUDIT_PRINTER_TEST    "printer-test-print"      /* target: the outcome */
#define LOKET_AUDIT_PAPER_REPLACED  "printer-paper-replaced"
#define LOKET_AUDIT_RECEIPT_REPRINT "receipt-reprint"         /* target: the request's first
                                                               * part id (never the code) */

#define LOKET_TYPE_ADMIN_PRINTER (loket_admin_printer_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminPrinter, loket_admin_printer, LOKET, ADMIN_PRINTER, GtkBox)

GtkWidget  *loket_admin_printer_new          (LoketSession       *session,
                                              LoketAdminMode     *mode);
/* The status board's latest read of the printer (NULL: not read yet). */
void        loket_admin_printer_show_status  (LoketAdminPrinter  *self,
                                              const LoketPrinterStatus *status);
/* The entry for the code to reprint (tests type into it). */
GtkEditable *loket_admin_printer_get_entry   (LoketAdminPrinter  *self);
/* TRUE while a print or an audit line is under way (tests wait for FALSE). */
gboolean    loket_admin_printer_is_busy      (LoketAdminPrinter  *self);
/* What the last action did, in words (also shown), or NULL. */
const char *loket_admin_printer_get_message  (LoketAdminPrinter  *self);

G_END_DECLS
