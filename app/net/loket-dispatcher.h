/* loket-dispatcher.h — the delivery engine: parts from the outbox to their agencies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "net/loket-part-change.h"
#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

#define LOKET_TYPE_DISPATCHER (loket_dispatcher_get_type ())
G_DECLARE_FINAL_TYPE (LoketDispatcher, loket_dispatcher, LOKET, DISPATCHER, GObject)

/* Tunables; zero fields take the defaults. */
typedef struct {
  guint  max_in_flight;          /* all agencies together; default 32 */
  guint  max_per_agency;         /* default 4 */
  guint  breaker_failures;       /* consecutive transport failures that open the breaker; 5 */
  gint64 breaker_open_us;        /* how long an open breaker rests an agency; 30 s */
  gint64 hold_probe_us;          /* how often a held agency is probed; 120 s */
  gint64 idle_poll_us;           /* the longest sleep between looks at the outbox; 30 s */
} LoketDispatcherOptions;

/* The environment variable LOKET_DELIVERY_TIMING shortens the engine's timing for tests and
 * drills: comma-separated KEY=NUMBER of retry-base-ms, retry-cap-ms (the outbox's backoff),
 * max-garbage (answers not understood before a part needs staff) and lease-ms (how long a
 * claimed part stays with this engine unrenewed; by default the longest agency timeout + 60 s),
 * poll-base-ms and poll-cap-ms (how soon and how often at most an agency's status is asked
 * for outputs a waiting part needs; 5 s and 15 min). E.g.
 * LOKET_DELIVERY_TIMING=retry-base-ms=100,retry-cap-ms=1000,max-garbage=3,lease-ms=5000.
 * Never set it on a kiosk: leases are renewed every third of lease-ms, and one shorter than a
 * pause of the engine (a slow fsync, a busy database) lets a part be sent twice (the agency
 * recognises it by its key, but it costs a request). */

/* Runs in the thread-default main context at creation and uses the outbox from there only.
 * owner names this engine (e.g. "kiosk:1234", no '/'): its lease owner in the outbox is owner
 * plus a random suffix, the id of the lock it holds while it lives (LoketOutboxOwner), so an
 * engine restarted after a crash takes over the dead one's parts at once. The engine renews
 * the leases of the parts it has in flight, so none runs out while an attempt goes on. */
LoketDispatcher *loket_dispatcher_new        (LoketConfig                  *config,
                                              LoketOutbox                  *outbox,
                                              const char                   *owner,
                                              const LoketDispatcherOptions *options);

void             loket_dispatcher_start      (LoketDispatcher *self);
/* Look at the outbox now: a request was stored, or staff released something. */
void             loket_dispatcher_kick       (LoketDispatcher *self);
/* Stops taking parts and cancels what is in flight (those parts are sent again later:
 * the agency recognises them by their idempotency key). */
void             loket_dispatcher_stop       (LoketDispatcher *self);

guint            loket_dispatcher_get_n_in_flight (LoketDispatcher *self);
/* TRUE when nothing is in flight and nothing is due now. */
gboolean         loket_dispatcher_is_idle    (LoketDispatcher *self);

/* Signals:
 *   part-changed (LoketPartChange *change)  — a part's state as stored (loket-part-change.h;
 *                 its reasons, of a rejection, are for the citizen's screen only)
 *   idle ()  — nothing in flight and nothing due now
 */

G_END_DECLS
