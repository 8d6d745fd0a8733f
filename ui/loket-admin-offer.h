/* loket-admin-offer.h — admin mode's Today's offer: services and life events switched off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per life event and per service of the catalog, each with its state and a button
 * that switches it off (for today, or, with "Until I switch it back" ticked, for good) or
 * back on. The change goes through loket_staff_switch_offer () — `loketctl offer`'s — in a
 * worker thread, leaves its audit line, and the kiosk's offer (loket-session-offer.h) follows:
 * the next citizen's choose page no longer shows it.
 *
 * Actions: offer.off (s: "service:ID" or "life-event:ID"), offer.on (s).
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-admin-mode.h"
#include "loket-session.h"

G_BEGIN_DECLS

#define LOKET_TYPE_ADMIN_OFFER (loket_admin_offer_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminOffer, loket_admin_offer, LOKET, ADMIN_OFFER, GtkBox)

GtkWidget  *loket_admin_offer_new       (LoketSession    *session,
                                         LoketAdminMode  *mode);
void        loket_admin_offer_refresh   (LoketAdminOffer *self);
gboolean    loket_admin_offer_is_busy   (LoketAdminOffer *self);
const char *loket_admin_offer_get_error (LoketAdminOffer *self);
/* The "Until I switch it back" check box. */
GtkWidget  *loket_admin_offer_get_until (LoketAdminOffer *self);

G_END_DECLS
