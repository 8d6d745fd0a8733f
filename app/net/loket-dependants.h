/* loket-dependants.h — parts that wait for another service's outputs (`after`), for the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

/* How often an agency is asked for outputs it did not give in its answer: the first look
 * comes base after the delivery (or after the engine starts), then twice as long each time
 * (with jitter), never more than cap apart. Zero fields take the defaults (5 s, 15 min). */
typedef struct {
  gint64 base;   /* µs */
  gint64 cap;    /* µs */
} LoketDependantsSchedule;

/* A dependant changed state (queued once completed, or cannot-proceed). */
typedef void (*LoketDependantsChanged) (const char *part_id,
                                        gpointer    user_data);

#define LOKET_TYPE_DEPENDANTS (loket_dependants_get_type ())
G_DECLARE_FINAL_TYPE (LoketDependants, loket_dependants, LOKET, DEPENDANTS, GObject)

/* outbox is borrowed (it outlives this object); clients maps agency id → LoketAgencyClient
 * and is referenced. Runs in the thread-default main context at creation. */
LoketDependants *loket_dependants_new             (LoketOutbox                   *outbox,
                                                   GHashTable                    *clients,
                                                   const LoketDependantsSchedule *schedule,
                                                   LoketDependantsChanged         changed,
                                                   gpointer                       user_data);

/* Looks at every waiting part: completes those whose prerequisite was delivered with outputs
 * (an engine stopped or killed between the two steps), and polls the agencies of delivered
 * prerequisites whose outputs are not known yet. Call it when the engine starts. */
void             loket_dependants_start           (LoketDependants *self);
/* Stops polling; nothing is lost, the next start looks again. */
void             loket_dependants_stop            (LoketDependants *self);

/* A part was just recorded as delivered: its waiting dependants are completed with the
 * outputs of its answer, or, without them, its agency's status is polled until they show.
 * Returns how many dependants were queued now. */
guint            loket_dependants_part_delivered  (LoketDependants *self,
                                                   const char      *part_id);

/* Waiting parts older than pii_max_days whose prerequisite service has no part left that may
 * still be delivered (rejected and never resent) end as cannot-proceed, their personal data
 * deleted. Waiting parts whose prerequisite is still alive are left to the outbox's sweep
 * (they then need staff). Returns how many prerequisite services were given up. */
guint            loket_dependants_expire          (LoketDependants *self,
                                                   guint            pii_max_days);

/* Status polls scheduled or in flight. */
guint            loket_dependants_get_n_polls     (LoketDependants *self);

G_END_DECLS
