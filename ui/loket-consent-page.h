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
/* The itemised text behind the agency's "Show every item": loket_request_consent_text(). */
const char  *loket_consent_page_get_text           (LoketConsentPage *self,
                                                    const char       *agency_id);
/* The agency's summary as built (its SHA-256 is consent.text_sha256), and the widget whose
 * labels of class "loket-consent-line" show it, one line each, in order (depth first). */
const char  *loket_consent_page_get_summary        (LoketConsentPage *self,
                                                    const char       *agency_id);
GtkWidget   *loket_consent_page_get_summary_box    (LoketConsentPage *self,
                                                    const char       *agency_id);
/* "I understand" under what the law requires; NULL for an agency that receives data only
 * with consent. */
GtkWidget   *loket_consent_page_get_acknowledge    (LoketConsentPage *self,
                                                    const char       *agency_id);
/* The agency's services that need consent (ids), and each one's "Yes, send it" toggle and
 * "No, leave this service out" button. */
GStrv        loket_consent_page_dup_asked_services (LoketConsentPage *self,
                                                    const char       *agency_id);
GtkWidget   *loket_consent_page_get_yes            (LoketConsentPage *self,
                                                    const char       *service_id);
GtkWidget   *loket_consent_page_get_no             (LoketConsentPage *self,
                                                    const char       *service_id);
/* Every toggle an agency needs on (its "I understand" and each "Yes, send it"), in order;
 * of GtkWidget*. */
GPtrArray   *loket_consent_page_get_answers        (LoketConsentPage *self,
                                                    const char       *agency_id);
/* "Show every item" (a toggle that opens the itemised text). */
GtkWidget   *loket_consent_page_get_details_button (LoketConsentPage *self,
                                                    const char       *agency_id);
/* "Leave … out of my request": shows the confirmation; its "Yes, leave it out" is the
 * second. */
GtkWidget   *loket_consent_page_get_remove_button  (LoketConsentPage *self,
                                                    const char       *agency_id);
GtkWidget   *loket_consent_page_get_confirm_remove (LoketConsentPage *self,
                                                    const char       *agency_id);
/* What was left out on this page ("“…” is left out of your request…"), or NULL. */
const char  *loket_consent_page_get_notice         (LoketConsentPage *self);
/* The problem shown on the page (the kiosk refused the request), or NULL. */
const char  *loket_consent_page_get_problem        (LoketConsentPage *self);
/* TRUE while Submit waits for the outbox; the status row (spinner, "Saving…") shows it. */
gboolean     loket_consent_page_get_busy           (LoketConsentPage *self);
GtkWidget   *loket_consent_page_get_status         (LoketConsentPage *self);

G_END_DECLS
