/* loket-staff-ops.h — what staff change on a kiosk, as admin mode and loketctl both do it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today's offer (core/loket-offer.h) and staff's settings (local.conf, config/loket-config.h):
 * each function changes the file in the state dir atomically and leaves its audit line,
 * whoever calls it (by: a staff member's name, or "loketctl (USER)"). They do file I/O and
 * fsync: admin mode calls them from a worker thread.
 */
#pragma once

#include "core/loket-offer.h"
#include "loket-staff.h"

G_BEGIN_DECLS

#define LOKET_AUDIT_SETTING        "setting"   /* target: "key=value", or "key" when unset */

typedef enum {
  LOKET_OFFER_SWITCH_OFF_TODAY,
  LOKET_OFFER_SWITCH_OFF_UNTIL_BACK,
  LOKET_OFFER_SWITCH_ON,
} LoketOfferSwitch;

/* Reads the offer kept in state_dir (clock: the offer's "today", NULL for the wall clock),
 * switches kind/id, writes it back and audits. Returns the offer as written. */
LoketOffer *loket_staff_switch_offer (LoketStaff        *staff,
                                      const char        *by,
                                      const char        *state_dir,
                                      LoketOfferKind     kind,
                                      const char        *id,
                                      LoketOfferSwitch   how,
                                      LoketOfferClock    clock,
                                      gpointer           clock_data,
                                      GError           **error);

/* Sets (value NULL: removes) one of staff's settings in config's local.conf and audits.
 * The running kiosk then uses it through loket_local_conf_use (). */
gboolean    loket_staff_set_setting  (LoketStaff        *staff,
                                      const char        *by,
                                      LoketConfig       *config,
                                      const char        *key,
                                      const char        *value,
                                      GError           **error);

G_END_DECLS
