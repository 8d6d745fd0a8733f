/* loket-consent-card.h — one agency on the consent page: a short summary of what it receives,
 * the exact items behind "Show every item", the citizen's answers, and leaving it out after
 * a question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-request.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CONSENT_CARD (loket_consent_card_get_type ())
G_DECLARE_FINAL_TYPE (LoketConsentCard, loket_consent_card, LOKET, CONSENT_CARD, GtkBox)

/* The card of agency in request; when the request holds the agency's consent, every answer
 * shows as given. Its buttons activate the consent page's actions (consent.remove,
 * consent.keep, consent.confirm-remove with the agency id as target; consent.refuse with a
 * service id). Signals: "answered" when an answer changes, "details-opened" the first time
 * the itemised text is opened. */
GtkWidget   *loket_consent_card_new                (LoketRequest      *request,
                                                    const LoketAgency *agency);

const char  *loket_consent_card_get_agency_id      (LoketConsentCard  *self);
/* The itemised text behind "Show every item": loket_request_consent_text(). */
const char  *loket_consent_card_get_text           (LoketConsentCard  *self);
/* The summary as built (loket_consent_summary_text()), and the widget whose labels of class
 * "loket-consent-line" show it, in order (depth first). */
const char  *loket_consent_card_get_summary        (LoketConsentCard  *self);
GtkWidget   *loket_consent_card_get_summary_box    (LoketConsentCard  *self);
/* TRUE when every answer the agency needs is given: "I understand" for what the law
 * requires, "Yes, send it" for each service that needs consent. */
gboolean     loket_consent_card_get_answered       (LoketConsentCard  *self);
/* "I understand", or NULL when the agency receives data only with consent. */
GtkWidget   *loket_consent_card_get_acknowledge    (LoketConsentCard  *self);
/* The services that need consent (ids, in order), and their "Yes, send it" toggle and
 * "No, leave this service out" button (NULL for another service). */
GStrv        loket_consent_card_dup_asked_services (LoketConsentCard  *self);
GtkWidget   *loket_consent_card_get_yes            (LoketConsentCard  *self,
                                                    const char        *service_id);
GtkWidget   *loket_consent_card_get_no             (LoketConsentCard  *self,
                                                    const char        *service_id);
GtkWidget   *loket_consent_card_get_details_button (LoketConsentCard  *self);
GtkWidget   *loket_consent_card_get_remove_button  (LoketConsentCard  *self);
GtkWidget   *loket_consent_card_get_confirm_remove (LoketConsentCard  *self);
/* The first control a keyboard reaches in the card. */
GtkWidget   *loket_consent_card_get_first_answer   (LoketConsentCard  *self);

/* The answers given so far, to carry over a rebuild: NULL when none. */
char        *loket_consent_card_save_answers       (LoketConsentCard  *self);
/* Gives the saved answers again, only if the summary is still the one they answered. */
void         loket_consent_card_restore_answers    (LoketConsentCard  *self,
                                                    const char        *saved);

/* Asks "Leave … out?" in the card instead of offering it (asking: TRUE), or takes the
 * question back; the focus follows the button that is shown. */
void         loket_consent_card_set_asking         (LoketConsentCard  *self,
                                                    gboolean           asking);

G_END_DECLS
