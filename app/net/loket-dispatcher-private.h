/* loket-dispatcher-private.h — the delivery engine's state, shared by its three files
 *
 * loket-dispatcher.c          the object: options, timing, start and stop, signals
 * loket-dispatcher-loop.c     when to look and what to claim: the pump, the sweep, lease
 *                             renewal, probes of held agencies
 * loket-dispatcher-attempt.c  one attempt: send a part, record its outcome (in batches),
 *                             the circuit breaker, part-changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-agency-client.h"
#include "loket-dependants.h"
#include "loket-dispatcher.h"
#include "loket-http.h"
#include "loket-part-change.h"

G_BEGIN_DECLS

typedef struct {
  guint  in_flight;
  guint  failures;         /* consecutive transport failures */
  gint64 breaker_until;    /* monotonic µs; 0 when closed */
} AgencyState;

struct _LoketDispatcher
{
  GObject                 parent_instance;

  LoketConfig            *config;
  LoketOutbox            *outbox;     /* borrowed: outlives the engine */
  LoketOutboxOwner       *owner_lock; /* this engine's lock of life, or NULL without one */
  char                   *owner;      /* its id: the lease owner */
  LoketDispatcherOptions  options;
  gint64                  lease_us;

  LoketHttp              *http;
  GHashTable             *clients;    /* agency id → LoketAgencyClient */
  GHashTable             *agencies;   /* agency id → AgencyState */
  GHashTable             *languages;  /* tracking code → language, a small cache */
  LoketDependants        *dependants; /* parts waiting for another service's outputs */
  LoketDependantsSchedule poll_schedule;

  GCancellable           *cancellable;
  GMainContext           *context;    /* where it was created: its sources go there */
  guint                   pump_id;
  guint                   probe_id;
  guint                   renew_id;
  GHashTable             *sending;    /* part ids in flight (a set): their leases are renewed */
  gint64                  last_sweep;
  guint                   in_flight;
  gboolean                running;
  gboolean                pump_queued;

  /* Answers are recorded in batches (one fsync for all that came in one main-loop turn);
   * their signals wait for the batch's commit. */
  GPtrArray              *answered;   /* of Answered* (loket-dispatcher-attempt.c) */
  GPtrArray              *deferred;   /* of Deferred*, while batching */
  guint                   record_id;
  gboolean                batching;
};

/* loket-dispatcher.c */
guint        loket_dispatcher_attach_source      (LoketDispatcher *self,
                                                  GSource         *source,
                                                  GSourceFunc      func);
void         loket_dispatcher_clear_source       (LoketDispatcher *self,
                                                  guint           *id);
void         loket_dispatcher_emit_part_changed  (LoketDispatcher *self,
                                                  LoketPartChange *change);
void         loket_dispatcher_emit_idle          (LoketDispatcher *self);

/* loket-dispatcher-loop.c */
void         loket_dispatcher_schedule_pump      (LoketDispatcher *self,
                                                  gint64           delay_us);
gboolean     loket_dispatcher_renew_leases       (gpointer         user_data);
gboolean     loket_dispatcher_probe_held_agencies (gpointer        user_data);

/* loket-dispatcher-attempt.c */
void         loket_dispatcher_init_attempts      (LoketDispatcher *self);
void         loket_dispatcher_clear_attempts     (LoketDispatcher *self);
AgencyState *loket_dispatcher_agency_state       (LoketDispatcher *self,
                                                  const char      *agency);
/* Sends part (taken), or records why it cannot be sent. */
void         loket_dispatcher_send_part          (LoketDispatcher *self,
                                                  LoketOutboxPart *part);
/* Tells part_id's state as stored (after the batch's commit while batching); reasons may be
 * NULL. */
void         loket_dispatcher_part_changed       (LoketDispatcher *self,
                                                  const char      *part_id,
                                                  GPtrArray       *reasons);

G_END_DECLS
