/* bench-delivery-env.h — what the delivery benchmarks share: slow agencies and made-up parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "outbox/loket-outbox.h"
#include "../net/sim-fixture.h"

G_BEGIN_DECLS

/* Makes each of the n_agencies agencies of the simulator answer after latency_ms. */
void  bench_delivery_slow_agencies (SimFixture         *sim,
                                    const char * const *agencies,
                                    guint               n_agencies,
                                    guint               latency_ms);

/* Stores one request (language "id") of n_parts parts of service "bench-service" with
 * made-up bodies (sim_fixture_make_body), straight into the outbox: part i goes to
 * agencies[(first + i) % n_agencies]. Returns the request's tracking code. */
char *bench_delivery_store_request (LoketOutbox        *outbox,
                                    const char * const *agencies,
                                    guint               n_agencies,
                                    guint               first,
                                    guint               n_parts);

/* Writes the simulator's kiosk configuration (agencies time out after 10 s), makes each of
 * the agencies answer after latency_ms, and stores one request of n_parts parts spread over
 * them in turn. */
void  bench_delivery_prepare       (SimFixture         *sim,
                                    const char * const *agencies,
                                    guint               n_agencies,
                                    guint               latency_ms,
                                    guint               n_parts);

G_END_DECLS
