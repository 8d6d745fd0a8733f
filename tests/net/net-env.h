/* net-env.h — a delivery engine in the test's process, watched through its signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "net/loket-agency-client.h"
#include "net/loket-dispatcher.h"
#include "outbox/loket-outbox.h"
#include "sim-fixture.h"

G_BEGIN_DECLS

typedef struct {
  LoketOutboxState state;
  gint64           at;       /* monotonic µs */
} NetEvent;

typedef struct {
  SimFixture      *sim;
  LoketConfig     *config;
  LoketOutbox     *outbox;
  LoketDispatcher *dispatcher;
  GHashTable      *events;   /* part id → GArray of NetEvent */
  GPtrArray       *reasons;  /* "field:code:message" of every rejection seen */
} NetEnv;

/* The config must be written; opens the outbox and makes (not starts) the dispatcher. */
NetEnv  *net_env_new            (SimFixture   *sim);
void     net_env_free           (NetEnv       *env);
/* Runs the main context until part_id was last reported in state (TRUE), or seconds. */
gboolean net_env_wait_state     (NetEnv       *env,
                                 const char   *part_id,
                                 LoketOutboxState state,
                                 double        seconds);
GArray  *net_env_events         (NetEnv       *env,
                                 const char   *part_id);
/* The ids of the parts of a stored request, in order. */
GPtrArray *net_env_part_ids     (NetEnv       *env,
                                 const char   *tracking_code);
void     net_env_spin           (double        seconds);

G_END_DECLS
