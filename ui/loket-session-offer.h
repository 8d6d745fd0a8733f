/* loket-session-offer.h — the kiosk's today's offer (core/loket-offer.h), kept with its session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The choose page hides what is off; admin mode's Today's offer changes it. Read from the
 * state dir once, on first use (a file of a few lines); afterwards admin mode hands over the
 * offer it wrote (loket_session_set_offer), so the screens never read the disk for it.
 */
#pragma once

#include "core/loket-offer.h"
#include "loket-session.h"

G_BEGIN_DECLS

LoketOffer *loket_session_get_offer       (LoketSession    *session);
/* Replaces it (takes offer); the clock set with set_offer_clock stays. */
void        loket_session_set_offer       (LoketSession    *session,
                                           LoketOffer      *offer);
/* Tests: "today" from their clock. */
void        loket_session_set_offer_clock (LoketSession    *session,
                                           LoketOfferClock  clock,
                                           gpointer         user_data);
void        loket_session_get_offer_clock (LoketSession    *session,
                                           LoketOfferClock *clock,
                                           gpointer        *user_data);

/* Whether the citizen may be offered the life event now: it is not off, nor is any service
 * it preselects. */
gboolean    loket_session_offers_event    (LoketSession          *session,
                                           const LoketLifeEvent  *event);
gboolean    loket_session_offers_service  (LoketSession          *session,
                                           const LoketService    *service);

G_END_DECLS
