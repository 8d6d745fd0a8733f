/* loket-service-state.h — whether the kiosk takes requests now, and if not, why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Why the kiosk takes no new request. Several may hold at once; the kiosk is in service when
 * none does. The kiosk sets and clears the first two itself (loket-session.c rechecks them);
 * staff reasons (printer, network, maintenance) join them from admin mode and put the kiosk
 * in this same state. */
typedef enum {
  LOKET_OUT_OF_SERVICE_NONE   = 0,
  LOKET_OUT_OF_SERVICE_OUTBOX = 1 << 0,   /* the outbox (state dir, database) cannot be used */
  LOKET_OUT_OF_SERVICE_SECRET = 1 << 1,   /* the outbox key cannot be read or is not usable */
  LOKET_OUT_OF_SERVICE_STAFF  = 1 << 2,   /* staff took it out (admin mode): its why is one of
                                           * LOKET_STAFF_REASON_*; it survives a restart */
} LoketOutOfService;

/* Why staff took the kiosk out of service: the staff reason's "why", and the words of the
 * file that keeps it across a restart. */
#define LOKET_STAFF_REASON_PRINTER     "printer"
#define LOKET_STAFF_REASON_NETWORK     "network"
#define LOKET_STAFF_REASON_MAINTENANCE "maintenance"
/* The file in the state dir that holds the staff reason while it holds. */
#define LOKET_SERVICE_STATE_FILE_NAME  "out-of-service"

#define LOKET_OUT_OF_SERVICE_AUTOMATIC (LOKET_OUT_OF_SERVICE_OUTBOX | LOKET_OUT_OF_SERVICE_SECRET)

#define LOKET_TYPE_OUT_OF_SERVICE (loket_out_of_service_get_type ())
GType loket_out_of_service_get_type (void) G_GNUC_CONST;

#define LOKET_TYPE_SERVICE_STATE (loket_service_state_get_type ())
G_DECLARE_FINAL_TYPE (LoketServiceState, loket_service_state, LOKET, SERVICE_STATE, GObject)

/* Properties: reasons (LoketOutOfService flags), in-service (boolean); both notify only on a
 * change. */
LoketServiceState *loket_service_state_new          (void);

/* Sets (why != NULL: a sentence for staff, never personal data) or clears (why == NULL) one
 * reason. A reason that comes or goes is logged once, for staff; the same reason set again,
 * with the same or another sentence, is not logged again (a recheck every 30 s must not fill
 * the journal). */
void               loket_service_state_set          (LoketServiceState *self,
                                                     LoketOutOfService  reason,
                                                     const char        *why);
LoketOutOfService  loket_service_state_get_reasons  (LoketServiceState *self);
gboolean           loket_service_state_in_service   (LoketServiceState *self);
/* The staff sentence of a reason that holds, or NULL. */
const char        *loket_service_state_get_why      (LoketServiceState *self,
                                                     LoketOutOfService  reason);
/* Staff: writes (reason one of LOKET_STAFF_REASON_*) or removes (reason NULL) the file in
 * state_dir that keeps the staff reason across a restart, atomically and fsynced. Does file
 * I/O: call it off the main loop, then loket_service_state_set (…STAFF, reason). */
gboolean           loket_service_state_save_staff   (const char        *state_dir,
                                                     const char        *reason,
                                                     GError           **error);
/* At start: the staff reason the file in state_dir holds (a known one), or NULL. */
char              *loket_service_state_load_staff   (const char        *state_dir);
gboolean           loket_staff_reason_is_valid      (const char        *reason);
/* "outbox", "secret", "staff": the reason's name in logs and metrics. */
const char        *loket_out_of_service_to_string   (LoketOutOfService  reason);

G_END_DECLS
