/* loket-consent-page.h — per agency: which data it receives, why, and the citizen's answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CONSENT_PAGE (loket_consent_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketConsentPage, loket_consent_page, LOKET, CONSENT_PAGE, LoketPage)

#define LOKET_CONSENT_PAGE_ERROR (loket_consent_page_error_quark ())

typedef enum {
  LOKET_CONSENT_PAGE_ERROR_REFUSED,   /* the kiosk cannot store requests now: go to the counter */
  LOKET_CONSENT_PAGE_ERROR_INCOMPLETE,
} LoketConsentPageError;

GQuark       loket_consent_page_error_quark        (void);

/* The agencies shown, in order (agency ids). */
GStrv        loket_consent_page_dup_agencies       (LoketConsentPage *self);
/* The text shown for an agency: exactly loket_request_consent_text(), which is hashed. */
const char  *loket_consent_page_get_text           (LoketConsentPage *self,
                                                    const char       *agency_id);
/* The agency's big toggle ("I agree" / "I have read this"). */
GtkWidget   *loket_consent_page_get_toggle         (LoketConsentPage *self,
                                                    const char       *agency_id);
/* "Do not send": shows the confirmation; its "Yes, remove" button is the second. */
GtkWidget   *loket_consent_page_get_remove_button  (LoketConsentPage *self,
                                                    const char       *agency_id);
GtkWidget   *loket_consent_page_get_confirm_remove (LoketConsentPage *self,
                                                    const char       *agency_id);
/* The problem shown on the page (the kiosk refused the request), or NULL. */
const char  *loket_consent_page_get_problem        (LoketConsentPage *self);
/* TRUE while Submit waits for the outbox; the status row (spinner, "Saving…") shows it. */
gboolean     loket_consent_page_get_busy           (LoketConsentPage *self);
GtkWidget   *loket_consent_page_get_status         (LoketConsentPage *self);

G_END_DECLS
