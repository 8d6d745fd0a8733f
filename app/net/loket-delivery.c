/* loket-delivery.c — the delivery engine on a thread of its own, for the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-delivery"

#include "config.h"

#include <unistd.h>

#include "outbox/loket-outbox.h"
#include "loket-delivery.h"
#include "loket-dispatcher.h"

struct _LoketDelivery
{
  GObject          parent_instance;

  LoketConfig     *config;
  GMainContext    *main_context;     /* where signals are emitted */

  /* The worker's own world: touched only from its thread once started. */
  GThread         *thread;
  GMainContext    *worker_context;
  GMainLoop       *worker_loop;
  LoketOutbox     *outbox;
  LoketDispatcher *dispatcher;

  /* The worker's heartbeat for the service manager's watchdog (ui/loket-watchdog.c):
   * monotonic seconds of its last check-in, 0 while it does not run. Atomic. */
  gint             checkin_s;
};

G_DEFINE_FINAL_TYPE (LoketDelivery, loket_delivery, G_TYPE_OBJECT)

enum {
  PART_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A change on its way from the worker to the main context: the change itself is shared (it
 * never changes once made), only the reference to the engine is this hand-over's own. */
typedef struct {
  LoketDelivery   *self;
  LoketPartChange *change;
} HandOver;

static void
hand_over_free (HandOver *hand_over)
{
  g_object_unref (hand_over->self);
  loket_part_change_unref (hand_over->change);
  g_free (hand_over);
}

/* Always through a source attached to the context: g_main_context_invoke() would run the
 * function right here when this thread happens to be able to acquire the context. */
static void
run_in (GMainContext   *context,
        GSourceFunc     func,
        gpointer        data,
        GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[loket-delivery]");
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean
emit_in_main (gpointer user_data)
{
  HandOver *hand_over = user_data;

  g_signal_emit (hand_over->self, signals[PART_CHANGED], 0, hand_over->change);
  return G_SOURCE_REMOVE;
}

/* In the worker: hand the change over to the main context. */
static void
on_part_changed (LoketDispatcher *dispatcher,
                 LoketPartChange *change,
                 gpointer         user_data)
{
  LoketDelivery *self = user_data;
  HandOver *hand_over = g_new0 (HandOver, 1);

  hand_over->self = g_object_ref (self);
  hand_over->change = loket_part_change_ref (change);

  run_in (self->main_context, emit_in_main, hand_over, (GDestroyNotify) hand_over_free);
}

/* In the worker, from its own main loop: a loop stuck anywhere (a hung fsync, a busy
 * database) stops checking in. Seconds never 0 once checked in (the clock starts at boot). */
static gboolean
check_in (gpointer user_data)
{
  LoketDelivery *self = user_data;

  g_atomic_int_set (&self->checkin_s, (gint) MAX (1, g_get_monotonic_time () / G_USEC_PER_SEC));
  return G_SOURCE_CONTINUE;
}

static gpointer
worker (gpointer user_data)
{
  LoketDelivery *self = user_data;
  g_autofree char *owner = g_strdup_printf ("kiosk:%d", (int) getpid ());
  GSource *heartbeat = g_timeout_source_new_seconds (1);

  g_main_context_push_thread_default (self->worker_context);

  check_in (self);
  g_source_set_callback (heartbeat, check_in, self, NULL);
  g_source_set_static_name (heartbeat, "[loket-delivery] check-in");
  g_source_attach (heartbeat, self->worker_context);

  self->dispatcher = loket_dispatcher_new (self->config, self->outbox, owner, NULL);
  g_signal_connect (self->dispatcher, "part-changed", G_CALLBACK (on_part_changed), self);
  loket_dispatcher_start (self->dispatcher);

  g_main_loop_run (self->worker_loop);

  g_source_destroy (heartbeat);
  g_source_unref (heartbeat);
  g_atomic_int_set (&self->checkin_s, 0);

  /* Let cancelled transfers report back so their leases are released. */
  loket_dispatcher_stop (self->dispatcher);
  while (loket_dispatcher_get_n_in_flight (self->dispatcher) > 0)
    g_main_context_iteration (self->worker_context, TRUE);
  g_clear_object (&self->dispatcher);

  g_main_context_pop_thread_default (self->worker_context);
  return NULL;
}

gboolean
loket_delivery_start (LoketDelivery  *self,
                      GError        **error)
{
  g_return_val_if_fail (LOKET_IS_DELIVERY (self), FALSE);

  if (self->thread != NULL)
    return TRUE;

  /* One connection per thread (app/outbox's rule): this one is the worker's. */
  self->outbox = loket_outbox_open_for_config (self->config, LOKET_OUTBOX_OPEN_DEFAULT, error);
  if (self->outbox == NULL)
    return FALSE;

  self->worker_context = g_main_context_new ();
  self->worker_loop = g_main_loop_new (self->worker_context, FALSE);
  self->thread = g_thread_new ("loket-delivery", worker, self);
  return TRUE;
}

static gboolean
quit_in_worker (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
kick_in_worker (gpointer user_data)
{
  LoketDelivery *self = user_data;

  if (self->dispatcher != NULL)
    loket_dispatcher_kick (self->dispatcher);
  return G_SOURCE_REMOVE;
}

void
loket_delivery_kick (LoketDelivery *self)
{
  g_return_if_fail (LOKET_IS_DELIVERY (self));

  if (self->worker_context != NULL)
    run_in (self->worker_context, kick_in_worker, g_object_ref (self), g_object_unref);
}

void
loket_delivery_stop (LoketDelivery *self)
{
  g_return_if_fail (LOKET_IS_DELIVERY (self));

  if (self->thread == NULL)
    return;

  /* Quit from inside the worker's context: a g_main_loop_quit () from here before the worker
   * reached g_main_loop_run () (a stop right after a start) would be lost, and the join would
   * wait forever. */
  run_in (self->worker_context, quit_in_worker, g_main_loop_ref (self->worker_loop),
          (GDestroyNotify) g_main_loop_unref);
  g_thread_join (g_steal_pointer (&self->thread));

  g_clear_pointer (&self->worker_loop, g_main_loop_unref);
  g_clear_pointer (&self->worker_context, g_main_context_unref);
  g_clear_pointer (&self->outbox, loket_outbox_close);
}

gint64
loket_delivery_get_checkin_time (LoketDelivery *self)
{
  g_return_val_if_fail (LOKET_IS_DELIVERY (self), 0);

  return (gint64) g_atomic_int_get (&self->checkin_s) * G_USEC_PER_SEC;
}

static gboolean
block_in_worker (gpointer user_data)
{
  g_usleep (GPOINTER_TO_UINT (user_data) * G_USEC_PER_SEC);
  return G_SOURCE_REMOVE;
}

void
loket_delivery_block_for_test (LoketDelivery *self,
                               guint          seconds)
{
  g_return_if_fail (LOKET_IS_DELIVERY (self));

  if (self->worker_context != NULL)
    run_in (self->worker_context, block_in_worker, GUINT_TO_POINTER (seconds), NULL);
}

static void
loket_delivery_dispose (GObject *object)
{
  LoketDelivery *self = LOKET_DELIVERY (object);

  loket_delivery_stop (self);

  G_OBJECT_CLASS (loket_delivery_parent_class)->dispose (object);
}

static void
loket_delivery_finalize (GObject *object)
{
  LoketDelivery *self = LOKET_DELIVERY (object);

  g_clear_pointer (&self->config, loket_config_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);

  G_OBJECT_CLASS (loket_delivery_parent_class)->finalize (object);
}

static void
loket_delivery_class_init (LoketDeliveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_delivery_dispose;
  object_class->finalize = loket_delivery_finalize;

  signals[PART_CHANGED] =
    g_signal_new ("part-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LOKET_TYPE_PART_CHANGE);
}

static void
loket_delivery_init (LoketDelivery *self)
{
}

LoketDelivery *
loket_delivery_new (LoketConfig *config)
{
  LoketDelivery *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (LOKET_TYPE_DELIVERY, NULL);
  self->config = loket_config_ref (config);
  self->main_context = g_main_context_ref_thread_default ();
  return self;
}
