/* loket-session.h — what the screens share: the kiosk's services and one citizen's request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "core/loket-catalog.h"
#include "core/loket-request.h"
#include "core/loket-service-state.h"
#include "net/loket-delivery.h"
#include "net/loket-http.h"
#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SESSION (loket_session_get_type ())
G_DECLARE_FINAL_TYPE (LoketSession, loket_session, LOKET, SESSION, GObject)

/* Loads the catalog and opens the outbox of config. A catalog that does not load is fatal
 * (the kiosk cannot ask anything); an outbox that does not open, or opens without its key,
 * is not: the kiosk is then out of service (get_service_state), still offers tracking,
 * refuses new requests (loket_session_can_submit), and rechecks until it is fixed. */
LoketSession  *loket_session_new               (LoketConfig   *config,
                                                GError       **error);

LoketConfig   *loket_session_get_config        (LoketSession  *self);
LoketCatalog  *loket_session_get_catalog       (LoketSession  *self);
/* A reloaded catalog replaces the one in use, and the (empty) request is made anew from it:
 * only while no citizen's request is under way (Welcome, admin mode). */
void           loket_session_set_catalog       (LoketSession  *self,
                                                LoketCatalog  *catalog);
LoketHttp     *loket_session_get_http          (LoketSession  *self);
/* NULL when the outbox is unavailable. */
LoketOutbox   *loket_session_get_outbox        (LoketSession  *self);

/* Whether the kiosk takes requests now, and why not (loket-service-state.h). */
LoketServiceState *loket_session_get_service_state (LoketSession *self);
/* Checks the outbox, its key and delivery now (see the .c); the session calls it at start,
 * after a store failed for the outbox's sake, and every recheck interval while out of
 * service. */
gboolean       loket_session_check_service     (LoketSession  *self);
/* How long the kiosk waits between two checks while out of service (tests shorten it). */
#define LOKET_SESSION_RECHECK_MS (30 * 1000)
void           loket_session_set_recheck_interval_ms (LoketSession *self,
                                                      guint         interval_ms);

/* Starts delivering what the outbox holds (in a worker thread); a failure takes the kiosk
 * out of service, and the recheck tries again. */
gboolean       loket_session_start_delivery    (LoketSession  *self,
                                                GError       **error);
LoketDelivery *loket_session_get_delivery      (LoketSession  *self);

/* FALSE with a reason for staff when new requests cannot be accepted: out of service (no
 * outbox, no key, or a reason staff set). */
gboolean       loket_session_can_submit        (LoketSession  *self,
                                                GError       **error);

/* The language of the screens and of the request; emits language-changed. */
void           loket_session_set_language      (LoketSession  *self,
                                                const char    *language);
const char    *loket_session_get_language      (LoketSession  *self);

/* The citizen's request: a new one after every reset. */
LoketRequest  *loket_session_get_request       (LoketSession  *self);

/* Splits and stores the request durably, then asks delivery to look at the outbox.
 * Returns the tracking code; parts receives the stored LoketPart*s. The commit and its
 * fsync run on the calling thread: for tests and tools; the screens use the _async form. */
char          *loket_session_submit            (LoketSession  *self,
                                                GPtrArray    **parts,
                                                GError       **error);

/* The same without stalling the screens: the request is split here (it reads the screens'
 * language), then committed and synced on a worker thread through a connection of its own;
 * the callback comes back in this thread's main context once the request is durable, or
 * with the outbox's error. One submission at a time (G_IO_ERROR_PENDING otherwise).
 * cancellable is looked at once, before the write begins: cancelled then, nothing is
 * stored; once begun, the write commits whole or not at all, and a committed request is
 * delivered whatever became of the caller. A reset meanwhile (idle wipe) leaves the stored
 * request out of the new citizen's session: get_tracking_code stays NULL. */
void           loket_session_submit_async      (LoketSession         *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/* Returns the tracking code; parts (if not NULL) receives the stored LoketPart*s. */
char          *loket_session_submit_finish     (LoketSession         *self,
                                                GAsyncResult         *result,
                                                GPtrArray           **parts,
                                                GError              **error);
/* TRUE while a submit_async is writing. */
gboolean       loket_session_is_submitting     (LoketSession         *self);
const char    *loket_session_get_tracking_code (LoketSession  *self);   /* after submit */
GPtrArray     *loket_session_get_parts         (LoketSession  *self);   /* after submit */

/* After an agency rejected the part of service_id and the citizen corrected the fields it
 * named: splits the request again with the same tracking code and stores that service's
 * part as a NEW part (a new part id, so a new Idempotency-Key) for the stored request, in
 * one transaction on a worker thread, as Submit's store (the screen never waits for the
 * disk); then it replaces the old one in get_parts and delivery is kicked. Finishes with the
 * new part. */
void           loket_session_resend_service_async  (LoketSession        *self,
                                                    const char          *service_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LoketPart     *loket_session_resend_service_finish (LoketSession        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Wipes the citizen's request (values overwritten, then freed), the tracking code and the
 * parts, goes back to the default language, and emits reset so every page empties itself. */
void           loket_session_reset             (LoketSession  *self);
/* The next reset wipes a citizen who left (the idle timer): counted as such in metrics. */
void           loket_session_mark_idle         (LoketSession  *self);

/* The tracking code whose receipt a Receipt page has sent to the printer, and (outcome, may
 * be NULL) how that went, as loket_print_outcome_to_string () spells it; NULL when none. */
const char    *loket_session_get_printed_receipt (LoketSession  *self,
                                                  const char   **outcome);
/* Records that code's receipt was sent to the printer (outcome NULL while it prints). */
void           loket_session_set_printed_receipt (LoketSession  *self,
                                                  const char    *code,
                                                  const char    *outcome);

/* Signals:
 *   reset ()
 *   language-changed ()
 *   part-changed (LoketPartChange *change) — from delivery (net/loket-part-change.h)
 */

G_END_DECLS
