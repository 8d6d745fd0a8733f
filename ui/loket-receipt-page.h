/* loket-receipt-page.h — the end of the visit: the tracking code, its QR, what happens next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"
#include "loket-submitting-page.h"
#include "print/loket-receipt.h"

G_BEGIN_DECLS

#define LOKET_TYPE_RECEIPT_PAGE (loket_receipt_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketReceiptPage, loket_receipt_page, LOKET, RECEIPT_PAGE, LoketPage)

/* The code as shown (XXXX-XXXX-XXXX-C), or NULL before a request was submitted. */
const char  *loket_receipt_page_get_code        (LoketReceiptPage *self);
/* The LoketQrImage showing the tracking payload. */
GtkWidget   *loket_receipt_page_get_qr_image    (LoketReceiptPage *self);
/* Where the citizen goes now, as the page's first line says it ("" before a receipt). */
const char  *loket_receipt_page_get_where       (LoketReceiptPage *self);
/* What the page says about printing ("Printing your receipt…", then the outcome). */
const char  *loket_receipt_page_get_print_text  (LoketReceiptPage *self);
/* TRUE once printing has an outcome (printed, failed or no printer). */
gboolean     loket_receipt_page_get_print_done  (LoketReceiptPage *self);
/* The receipt shown, the same that is printed (in the citizen's current language), or NULL. */
LoketReceipt *loket_receipt_page_get_receipt    (LoketReceiptPage *self);
/* Each part on its way to its agency, live (with a rejected part's corrections). */
LoketSubmittingPage *loket_receipt_page_get_live (LoketReceiptPage *self);

G_END_DECLS
