/* loket-consent-card.h — one agency on the consent page: the data it receives, why, the
 * citizen's answer, and taking its services out after a question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-request.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CONSENT_CARD (loket_consent_card_get_type ())
G_DECLARE_FINAL_TYPE (LoketConsentCard, loket_consent_card, LOKET, CONSENT_CARD, GtkBox)

/* The card of agency in request, its toggle showing the request's answer. Its buttons
 * activate the consent page's actions (consent.remove, consent.keep, consent.confirm-remove,
 * each with the agency id as target). */
GtkWidget   *loket_consent_card_new                (LoketRequest      *request,
                                                    const LoketAgency *agency);

const char  *loket_consent_card_get_agency_id      (LoketConsentCard  *self);
/* Exactly loket_request_consent_text(), which is hashed into the agency's parts. */
const char  *loket_consent_card_get_text           (LoketConsentCard  *self);
/* The big toggle ("Yes, I agree" / "I have read this"). */
GtkWidget   *loket_consent_card_get_toggle         (LoketConsentCard  *self);
GtkWidget   *loket_consent_card_get_remove_button  (LoketConsentCard  *self);
GtkWidget   *loket_consent_card_get_confirm_remove (LoketConsentCard  *self);

/* Asks "Remove them?" in the card instead of offering "Do not send" (asking: TRUE), or
 * takes the question back; the focus follows the button that is shown. */
void         loket_consent_card_set_asking         (LoketConsentCard  *self,
                                                    gboolean           asking);

G_END_DECLS
