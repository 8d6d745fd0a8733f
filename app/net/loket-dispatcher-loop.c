/* loket-dispatcher-loop.c — when the delivery engine looks at the outbox, and what it claims
 *
 * The engine never waits: the next look at the outbox is a timer set to the earliest due
 * part, or an idle source after an answer. Each look claims due parts with a lease (passing
 * over agencies that are full or resting behind their breaker) and sends them; the leases of
 * what is in flight are renewed, held agencies are probed now and then, and the outbox is
 * swept of expired data every ten minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-dispatcher"

#include "config.h"

#include "loket-dispatcher-private.h"

#define SWEEP_EVERY_US (10 * 60 * G_USEC_PER_SEC)

static void
maybe_sweep (LoketDispatcher *self)
{
  g_autoptr(GError) error = NULL;
  LoketOutboxSweepStats stats = { 0 };
  gint64 now = g_get_monotonic_time ();

  if (self->last_sweep != 0 && now - self->last_sweep < SWEEP_EVERY_US)
    return;

  self->last_sweep = now;
  /* Before the sweep, which would make them need staff: dependants of a prerequisite that
   * stayed rejected for the request's whole life cannot proceed. */
  loket_dependants_expire (self->dependants, self->config->pii_max_days);
  if (!loket_outbox_sweep (self->outbox, self->config->pii_max_days, self->config->retention_days,
                           &stats, &error))
    g_warning ("Cannot sweep the outbox: %s", error->message);
  else if (stats.parts_expired > 0 || stats.requests_removed > 0)
    g_message ("Outbox sweep: %u parts expired, %u requests removed",
               stats.parts_expired, stats.requests_removed);
}

static gboolean
agency_is_busy (LoketDispatcher   *self,
                const AgencyState *state,
                gint64             now,
                gint64            *rest_until)
{
  /* The earliest end of a rest is when the next look is due. */
  if (state->breaker_until > now)
    *rest_until = *rest_until == 0 ? state->breaker_until
                                   : MIN (*rest_until, state->breaker_until);

  return state->breaker_until > now || state->in_flight >= self->options.max_per_agency;
}

/* Claims up to free_slots due parts and sends them. FALSE when the outbox could not be read:
 * the next look is then scheduled already. */
static gboolean
claim_and_send (LoketDispatcher *self,
                guint            free_slots,
                gint64           now,
                gint64          *rest_until)
{
  g_autoptr(GPtrArray) skip = g_ptr_array_new ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* Agencies that are full or resting are passed over in the claim itself, so their
   * backlog neither fills the claim nor costs a release per part. */
  g_hash_table_iter_init (&iter, self->agencies);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (agency_is_busy (self, value, now, rest_until))
      g_ptr_array_add (skip, key);
  g_ptr_array_add (skip, NULL);

  parts = loket_outbox_claim_due_except (self->outbox, self->owner, self->lease_us,
                                         free_slots, self->options.max_per_agency,
                                         (const char * const *) skip->pdata, &error);
  if (parts == NULL)
    {
      g_warning ("Cannot claim parts from the outbox: %s", error->message);
      loket_dispatcher_schedule_pump (self, 5 * G_USEC_PER_SEC);
      return FALSE;
    }

  for (guint i = 0; i < parts->len; i++)
    {
      LoketOutboxPart *part = g_steal_pointer (&parts->pdata[i]);
      AgencyState *state = loket_dispatcher_agency_state (self, part->agency);

      if (agency_is_busy (self, state, now, rest_until))
        {
          /* Its turn comes when the agency has room again. */
          loket_outbox_release (self->outbox, part->part_id, self->owner, NULL);
          loket_outbox_part_free (part);
          continue;
        }

      loket_dispatcher_send_part (self, part);
    }

  return TRUE;
}

/* Nothing is in flight or resting: the next look is at the earliest due part, and the engine
 * is idle when none is due now. */
static void
schedule_next_look (LoketDispatcher *self)
{
  gint64 when = 0;

  if (loket_outbox_next_due (self->outbox, &when, NULL))
    {
      /* A stored time against the outbox's own clock, which re-dates them when the wall clock
       * jumps; the wait itself is a timeout on the monotonic clock, at most idle_poll_us, so a
       * jump is seen within that. */
      gint64 delay = when - loket_outbox_now (self->outbox);

      loket_dispatcher_schedule_pump (self, CLAMP (delay, 0, self->options.idle_poll_us));
      if (delay > 0)
        loket_dispatcher_emit_idle (self);
    }
  else
    {
      loket_dispatcher_schedule_pump (self, self->options.idle_poll_us);
      loket_dispatcher_emit_idle (self);
    }
}

static void
pump (LoketDispatcher *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 rest_until = 0;
  guint free_slots;

  if (!self->running)
    return;

  maybe_sweep (self);

  if (loket_outbox_get_key_error (self->outbox) != NULL)
    {
      /* Without the key nothing can be read to send; what is stored stays stored. */
      loket_dispatcher_schedule_pump (self, self->options.idle_poll_us);
      return;
    }

  free_slots = self->options.max_in_flight - MIN (self->in_flight, self->options.max_in_flight);
  if (free_slots > 0 && !claim_and_send (self, free_slots, now, &rest_until))
    return;

  if (self->in_flight > 0 && rest_until == 0)
    return;  /* every completion looks again */

  if (rest_until != 0)
    loket_dispatcher_schedule_pump (self, rest_until - now);
  else
    schedule_next_look (self);
}

/* An attempt can outlast the lease: an oauth2 one asks for a token and sends, and after a 401
 * asks again and sends again, each step up to the agency's timeout (4 × timeout, against a
 * lease of timeout + 60 s). Rather than a lease sized for the worst case of every profile,
 * which would also keep the parts of a hung engine waiting that long, the engine renews the
 * leases of what it has in flight, three times per lease: a lease runs out only when its
 * engine stopped working (a dead one is noticed at once, by its lock). */
gboolean
loket_dispatcher_renew_leases (gpointer user_data)
{
  LoketDispatcher *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree const char **ids = NULL;

  if (g_hash_table_size (self->sending) == 0)
    return G_SOURCE_CONTINUE;

  ids = (const char **) g_hash_table_get_keys_as_array (self->sending, NULL);
  if (!loket_outbox_renew_leases (self->outbox, self->owner, ids, self->lease_us, &error))
    g_warning ("Cannot renew the leases of %u parts in flight: %s",
               g_hash_table_size (self->sending), error->message);
  return G_SOURCE_CONTINUE;
}

static gboolean
pump_cb (gpointer user_data)
{
  LoketDispatcher *self = user_data;

  self->pump_id = 0;
  self->pump_queued = FALSE;
  pump (self);
  return G_SOURCE_REMOVE;
}

void
loket_dispatcher_schedule_pump (LoketDispatcher *self,
                                gint64           delay_us)
{
  if (!self->running)
    return;

  /* A sooner look replaces a later one; an immediate one is queued once. */
  if (self->pump_queued)
    return;
  loket_dispatcher_clear_source (self, &self->pump_id);

  if (delay_us <= 0)
    {
      self->pump_queued = TRUE;
      self->pump_id = loket_dispatcher_attach_source (self, g_idle_source_new (), pump_cb);
    }
  else
    {
      GSource *timeout = g_timeout_source_new ((guint) MAX (1, delay_us / 1000));

      self->pump_id = loket_dispatcher_attach_source (self, timeout, pump_cb);
    }
}

typedef struct {
  LoketDispatcher *self;
  char            *agency;
} ProbeContext;

static void
on_probe_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  ProbeContext *ctx = user_data;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;

  /* A tracking query needs the same credentials as a submission: when it works, the
   * credentials work again. */
  submissions = loket_agency_client_track_finish (LOKET_AGENCY_CLIENT (source), res, &error);
  if (submissions != NULL && ctx->self->running)
    {
      g_message ("Agency %s answers again with its credentials: released", ctx->agency);
      if (loket_outbox_release_agency (ctx->self->outbox, ctx->agency, NULL))
        loket_dispatcher_kick (ctx->self);
    }

  g_object_unref (ctx->self);
  g_free (ctx->agency);
  g_free (ctx);
}

gboolean
loket_dispatcher_probe_held_agencies (gpointer user_data)
{
  LoketDispatcher *self = user_data;
  g_autoptr(GPtrArray) agencies = loket_outbox_count_by_agency (self->outbox, NULL);

  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);
      LoketAgencyClient *client = g_hash_table_lookup (self->clients, agency->agency);
      LoketOutboxFilter filter = { .state = -1, .agency = agency->agency };
      g_autoptr(GPtrArray) parts = NULL;
      ProbeContext *ctx;

      if (!agency->held || client == NULL)
        continue;

      parts = loket_outbox_list_parts (self->outbox, &filter, NULL);
      if (parts == NULL || parts->len == 0)
        continue;

      ctx = g_new0 (ProbeContext, 1);
      ctx->self = g_object_ref (self);
      ctx->agency = g_strdup (agency->agency);
      loket_agency_client_track_async (client,
                                       ((LoketOutboxPart *) parts->pdata[0])->tracking_code,
                                       NULL, self->cancellable, on_probe_done, ctx);
    }

  return G_SOURCE_CONTINUE;
}
