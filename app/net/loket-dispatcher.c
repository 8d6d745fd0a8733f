/* loket-dispatcher.c — the delivery engine: parts from the outbox to their agencies
 *
 * The engine claims due parts from the outbox with a lease, sends them all at once (bounded
 * overall and per agency) through one LoketHttp, and records each outcome durably before it
 * looks again. It never waits: the network is driven by the main loop, and the next look at
 * the outbox is a timer set to the earliest due part. A dead agency rests behind a circuit
 * breaker instead of being hammered; a held one is probed now and then.
 *
 * This file is the object: its options and timing, start and stop, its signals. When it looks
 * and what it claims: loket-dispatcher-loop.c; one attempt and its outcome:
 * loket-dispatcher-attempt.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-dispatcher"

#include "config.h"

#include "loket-dispatcher-private.h"

#define DEFAULT_MAX_IN_FLIGHT 32
#define DEFAULT_MAX_PER_AGENCY 4
#define DEFAULT_BREAKER_FAILURES 5
#define DEFAULT_BREAKER_OPEN_US (30 * G_USEC_PER_SEC)
#define DEFAULT_HOLD_PROBE_US (120 * G_USEC_PER_SEC)
#define DEFAULT_IDLE_POLL_US (30 * G_USEC_PER_SEC)
#define LEASE_SLACK_US (60 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (LoketDispatcher, loket_dispatcher, G_TYPE_OBJECT)

enum {
  PART_CHANGED,
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* g_idle_add () and g_timeout_add () attach to the global default context, and
 * g_source_remove () looks there too: in LoketDelivery's worker thread the engine would then
 * run its pump on the main thread. Every source of the engine goes to its own context. */
guint
loket_dispatcher_attach_source (LoketDispatcher *self,
                                GSource         *source,
                                GSourceFunc      func)
{
  guint id;

  g_source_set_callback (source, func, self, NULL);
  id = g_source_attach (source, self->context);
  g_source_unref (source);
  return id;
}

void
loket_dispatcher_clear_source (LoketDispatcher *self,
                               guint           *id)
{
  GSource *source;

  if (*id == 0)
    return;
  source = g_main_context_find_source_by_id (self->context, *id);
  if (source != NULL)
    g_source_destroy (source);
  *id = 0;
}

void
loket_dispatcher_emit_part_changed (LoketDispatcher *self,
                                    LoketPartChange *change)
{
  g_signal_emit (self, signals[PART_CHANGED], 0, change);
}

void
loket_dispatcher_emit_idle (LoketDispatcher *self)
{
  g_signal_emit (self, signals[IDLE], 0);
}

/* LOKET_DELIVERY_TIMING (see loket-dispatcher.h): tests and drills shorten the retry
 * schedule and the lease through it, so a fault's whole course fits in seconds. */
static void
apply_timing_from_env (LoketDispatcher *self)
{
  const char *value = g_getenv ("LOKET_DELIVERY_TIMING");
  LoketOutboxSchedule schedule = { 2 * G_USEC_PER_SEC, 15 * G_TIME_SPAN_MINUTE, 5 };
  g_auto(GStrv) items = NULL;

  if (value == NULL || *value == '\0')
    return;

  items = g_strsplit (value, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (items[i], "=", 2);
      guint64 number = 0;

      if (pair[0] == NULL || pair[1] == NULL ||
          !g_ascii_string_to_unsigned (pair[1], 10, 1, G_MAXUINT32, &number, NULL))
        {
          g_warning ("LOKET_DELIVERY_TIMING: '%s' is not KEY=NUMBER (ignored)", items[i]);
          continue;
        }

      if (g_str_equal (pair[0], "retry-base-ms"))
        schedule.base = (gint64) number * 1000;
      else if (g_str_equal (pair[0], "retry-cap-ms"))
        schedule.cap = (gint64) number * 1000;
      else if (g_str_equal (pair[0], "max-garbage"))
        schedule.max_garbage = (guint) number;
      else if (g_str_equal (pair[0], "lease-ms"))
        self->lease_us = (gint64) number * 1000;
      else if (g_str_equal (pair[0], "poll-base-ms"))
        self->poll_schedule.base = (gint64) number * 1000;
      else if (g_str_equal (pair[0], "poll-cap-ms"))
        self->poll_schedule.cap = (gint64) number * 1000;
      else
        g_warning ("LOKET_DELIVERY_TIMING: unknown key '%s' (ignored)", pair[0]);
    }

  schedule.cap = MAX (schedule.cap, schedule.base);
  loket_outbox_set_schedule (self->outbox, &schedule);
}

/* A dependant was completed (now queued) or ended: tell the screens, and send it. */
static void
on_dependant_changed (const char *part_id,
                      gpointer    user_data)
{
  LoketDispatcher *self = user_data;

  loket_dispatcher_part_changed (self, part_id, NULL);
  loket_dispatcher_schedule_pump (self, 0);
}

LoketDispatcher *
loket_dispatcher_new (LoketConfig                  *config,
                      LoketOutbox                  *outbox,
                      const char                   *owner,
                      const LoketDispatcherOptions *options)
{
  g_autoptr(GError) error = NULL;
  LoketDispatcher *self;
  guint longest_timeout = 30;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (outbox != NULL, NULL);
  g_return_val_if_fail (owner != NULL, NULL);

  self = g_object_new (LOKET_TYPE_DISPATCHER, NULL);
  self->config = loket_config_ref (config);
  self->outbox = outbox;
  self->owner_lock = loket_outbox_owner_new (outbox, owner, &error);
  if (self->owner_lock != NULL)
    self->owner = g_strdup (loket_outbox_owner_get_id (self->owner_lock));
  else
    {
      /* Still delivers; after a crash its parts then wait for their leases. */
      g_warning ("%s", error->message);
      self->owner = g_strdup_printf ("%s:%08x", owner, g_random_int ());
    }
  self->context = g_main_context_ref_thread_default ();

  if (options != NULL)
    self->options = *options;
  if (self->options.max_in_flight == 0)
    self->options.max_in_flight = DEFAULT_MAX_IN_FLIGHT;
  if (self->options.max_per_agency == 0)
    self->options.max_per_agency = DEFAULT_MAX_PER_AGENCY;
  if (self->options.breaker_failures == 0)
    self->options.breaker_failures = DEFAULT_BREAKER_FAILURES;
  if (self->options.breaker_open_us == 0)
    self->options.breaker_open_us = DEFAULT_BREAKER_OPEN_US;
  if (self->options.hold_probe_us == 0)
    self->options.hold_probe_us = DEFAULT_HOLD_PROBE_US;
  if (self->options.idle_poll_us == 0)
    self->options.idle_poll_us = DEFAULT_IDLE_POLL_US;

  /* The per-agency bound is the engine's own (AgencyState.in_flight). Agencies may share a
   * host (an X-Road security server, a service bus, the simulator): a per-host connection
   * cap of max_per_agency would make them wait for each other. */
  self->http = loket_http_new (self->options.max_in_flight);

  for (guint i = 0; i < config->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (config->agencies, i);

      g_hash_table_insert (self->clients, g_strdup (agency->id),
                           loket_agency_client_new (self->http, agency, config->kiosk_id));
      longest_timeout = MAX (longest_timeout, agency->timeout);
    }

  /* A lease outlasts the longest single request; renew_leases () covers longer attempts. */
  self->lease_us = (gint64) longest_timeout * G_USEC_PER_SEC + LEASE_SLACK_US;
  apply_timing_from_env (self);
  self->dependants = loket_dependants_new (outbox, self->clients, &self->poll_schedule,
                                           on_dependant_changed, self);

  return self;
}

void
loket_dispatcher_start (LoketDispatcher *self)
{
  GSource *probe, *renew;

  g_return_if_fail (LOKET_IS_DISPATCHER (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  probe = g_timeout_source_new ((guint) (self->options.hold_probe_us / 1000));
  self->probe_id = loket_dispatcher_attach_source (self, probe,
                                                   loket_dispatcher_probe_held_agencies);
  renew = g_timeout_source_new ((guint) MAX (1, self->lease_us / 3000));
  self->renew_id = loket_dispatcher_attach_source (self, renew, loket_dispatcher_renew_leases);
  loket_dependants_start (self->dependants);
  loket_dispatcher_schedule_pump (self, 0);
}

void
loket_dispatcher_kick (LoketDispatcher *self)
{
  g_return_if_fail (LOKET_IS_DISPATCHER (self));

  loket_dispatcher_schedule_pump (self, 0);
}

void
loket_dispatcher_stop (LoketDispatcher *self)
{
  g_return_if_fail (LOKET_IS_DISPATCHER (self));

  self->running = FALSE;
  self->pump_queued = FALSE;
  loket_dispatcher_clear_source (self, &self->pump_id);
  loket_dispatcher_clear_source (self, &self->probe_id);
  loket_dispatcher_clear_source (self, &self->renew_id);
  if (self->dependants != NULL)
    loket_dependants_stop (self->dependants);
  g_cancellable_cancel (self->cancellable);
}

guint
loket_dispatcher_get_n_in_flight (LoketDispatcher *self)
{
  g_return_val_if_fail (LOKET_IS_DISPATCHER (self), 0);

  return self->in_flight;
}

gboolean
loket_dispatcher_is_idle (LoketDispatcher *self)
{
  gint64 when = 0;

  g_return_val_if_fail (LOKET_IS_DISPATCHER (self), TRUE);

  if (self->in_flight > 0)
    return FALSE;

  return !loket_outbox_next_due (self->outbox, &when, NULL) ||
         when > loket_outbox_now (self->outbox);
}

static void
loket_dispatcher_dispose (GObject *object)
{
  LoketDispatcher *self = LOKET_DISPATCHER (object);

  loket_dispatcher_stop (self);
  g_clear_object (&self->dependants);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (loket_dispatcher_parent_class)->dispose (object);
}

static void
loket_dispatcher_finalize (GObject *object)
{
  LoketDispatcher *self = LOKET_DISPATCHER (object);

  g_clear_object (&self->cancellable);
  loket_dispatcher_clear_attempts (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->agencies, g_hash_table_unref);
  g_clear_pointer (&self->languages, g_hash_table_unref);
  g_clear_pointer (&self->config, loket_config_unref);
  g_clear_pointer (&self->sending, g_hash_table_unref);
  g_clear_pointer (&self->owner_lock, loket_outbox_owner_free);
  g_free (self->owner);

  G_OBJECT_CLASS (loket_dispatcher_parent_class)->finalize (object);
}

static void
loket_dispatcher_class_init (LoketDispatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_dispatcher_dispose;
  object_class->finalize = loket_dispatcher_finalize;

  signals[PART_CHANGED] =
    g_signal_new ("part-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LOKET_TYPE_PART_CHANGE);

  signals[IDLE] =
    g_signal_new ("idle",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
loket_dispatcher_init (LoketDispatcher *self)
{
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loket_dispatcher_init_attempts (self);
}
