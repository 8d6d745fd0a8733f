/* loket-delivery.h — the delivery engine on a thread of its own, for the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "net/loket-part-change.h"

G_BEGIN_DECLS

#define LOKET_TYPE_DELIVERY (loket_delivery_get_type ())
G_DECLARE_FINAL_TYPE (LoketDelivery, loket_delivery, LOKET, DELIVERY, GObject)

/* The engine runs a LoketDispatcher with its own outbox connection in a worker thread, so
 * the outbox's durable writes (each an fsync) never stall the screens. Its signals are
 * emitted in the main context of the thread that created it:
 *
 *   part-changed (LoketPartChange *change)  — the dispatcher's, passed on as it is
 *                 (loket-part-change.h; reasons for the screen only)
 */
LoketDelivery *loket_delivery_new   (LoketConfig    *config);

/* Opens the worker's outbox connection and starts delivering. */
gboolean       loket_delivery_start (LoketDelivery  *self,
                                     GError        **error);
/* A request was stored: look at the outbox now. */
void           loket_delivery_kick  (LoketDelivery  *self);
/* Stops the worker and waits for it; what was in flight is sent again on the next start. */
void           loket_delivery_stop  (LoketDelivery  *self);

/* When the worker last checked in from its main loop (it does every second), in
 * g_get_monotonic_time () µs at a second's precision; 0 while it does not run. */
gint64         loket_delivery_get_checkin_time (LoketDelivery *self);
/* Tests of the watchdog only: the worker's main loop sleeps for seconds, as a hung one would. */
void           loket_delivery_block_for_test   (LoketDelivery *self,
                                                guint          seconds);

G_END_DECLS
