/* loket-dispatcher.c — the delivery engine: parts from the outbox to their agencies
 *
 * The engine claims due parts from the outbox with a lease, sends them all at once (bounded
 * overall and per agency) through one LoketHttp, and records each outcome durably before it
 * looks again. It never waits: the network is driven by the main loop, and the next look at
 * the outbox is a timer set to the earliest due part. A dead agency rests behind a circuit
 * breaker instead of being hammered; a held one is probed now and then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-dispatcher"

#include "config.h"

#include <string.h>

#include "loket-agency-client.h"
#include "loket-dependants.h"
#include "loket-dispatcher.h"
#include "loket-http.h"

#define DEFAULT_MAX_IN_FLIGHT 32
#define DEFAULT_MAX_PER_AGENCY 4
#define DEFAULT_BREAKER_FAILURES 5
#define DEFAULT_BREAKER_OPEN_US (30 * G_USEC_PER_SEC)
#define DEFAULT_HOLD_PROBE_US (120 * G_USEC_PER_SEC)
#define DEFAULT_IDLE_POLL_US (30 * G_USEC_PER_SEC)
#define SWEEP_EVERY_US (10 * 60 * G_USEC_PER_SEC)
#define LEASE_SLACK_US (60 * G_USEC_PER_SEC)

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
  GPtrArray              *answered;   /* of Answered* */
  GPtrArray              *deferred;   /* of Deferred*, while batching */
  guint                   record_id;
  gboolean                batching;
};

G_DEFINE_FINAL_TYPE (LoketDispatcher, loket_dispatcher, G_TYPE_OBJECT)

enum {
  PART_CHANGED,
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  LoketDispatcher *self;
  LoketOutboxPart *part;
} SendContext;

typedef struct {
  SendContext       *ctx;
  LoketSubmitResult *result;
} Answered;

typedef struct {
  char      *part_id;
  GPtrArray *reasons;
} Deferred;

static void
deferred_free (Deferred *deferred)
{
  g_free (deferred->part_id);
  g_clear_pointer (&deferred->reasons, g_ptr_array_unref);
  g_free (deferred);
}

static void schedule_pump (LoketDispatcher *self, gint64 delay_us);

/* g_idle_add () and g_timeout_add () attach to the global default context, and
 * g_source_remove () looks there too: in LoketDelivery's worker thread the engine would then
 * run its pump on the main thread. Every source of the engine goes to its own context. */
static guint
attach_source (LoketDispatcher *self,
               GSource         *source,
               GSourceFunc      func)
{
  guint id;

  g_source_set_callback (source, func, self, NULL);
  id = g_source_attach (source, self->context);
  g_source_unref (source);
  return id;
}

static void
clear_source (LoketDispatcher *self,
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

static AgencyState *
agency_state (LoketDispatcher *self,
              const char      *agency)
{
  AgencyState *state = g_hash_table_lookup (self->agencies, agency);

  if (state == NULL)
    {
      state = g_new0 (AgencyState, 1);
      g_hash_table_insert (self->agencies, g_strdup (agency), state);
    }

  return state;
}

static const char *
request_language (LoketDispatcher *self,
                  const char      *tracking_code)
{
  g_autoptr(LoketOutboxRequest) request = NULL;
  const char *language = g_hash_table_lookup (self->languages, tracking_code);

  if (language != NULL)
    return language;

  request = loket_outbox_get_request (self->outbox, tracking_code, NULL);
  if (request == NULL || request->language == NULL)
    return NULL;

  if (g_hash_table_size (self->languages) > 1024)
    g_hash_table_remove_all (self->languages);

  language = request->language;
  g_hash_table_insert (self->languages, g_strdup (tracking_code), g_strdup (language));
  return g_hash_table_lookup (self->languages, tracking_code);
}

static void
emit_part_changed (LoketDispatcher *self,
                   const char      *part_id,
                   GPtrArray       *reasons)
{
  g_autoptr(LoketOutboxPart) part = NULL;

  if (self->batching)
    {
      Deferred *deferred = g_new0 (Deferred, 1);

      deferred->part_id = g_strdup (part_id);
      deferred->reasons = reasons != NULL ? g_ptr_array_ref (reasons) : NULL;
      g_ptr_array_add (self->deferred, deferred);
      return;
    }

  part = loket_outbox_get_part (self->outbox, part_id, NULL);

  if (part == NULL)
    return;

  g_signal_emit (self, signals[PART_CHANGED], 0,
                 part->tracking_code, part->part_id, part->agency, (int) part->state,
                 part->reference, reasons);
}

/* Records what happened to a part without an answer from its agency; reason is taken. */
static void
record_local (LoketDispatcher    *self,
              LoketOutboxPart    *part,
              LoketOutboxOutcome  outcome,
              LoketReason        *reason)
{
  g_autoptr(LoketReason) owned = reason;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = loket_reason_serialize (reason);
  LoketOutboxResult result = {
    .outcome = outcome,
    .error_text = stored,
    .reason = stored,
  };

  if (!loket_outbox_record_outcome (self->outbox, part->part_id, self->owner, &result, &error))
    g_warning ("Part %s: cannot record its outcome: %s", part->part_id, error->message);

  emit_part_changed (self, part->part_id, NULL);
}

static GBytes *
serialize_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  gsize length = 0;
  char *text = json_to_string (node, FALSE);

  length = strlen (text);
  return g_bytes_new_take (text, length);
}

static GBytes *
serialize_reasons (GPtrArray *reasons)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reasons->len; i++)
    {
      LoketAgencyReason *reason = g_ptr_array_index (reasons, i);

      json_builder_begin_object (builder);
      if (reason->field != NULL)
        {
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, reason->field);
        }
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, reason->code != NULL ? reason->code : "");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, reason->message != NULL ? reason->message : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

static void
update_breaker (LoketDispatcher         *self,
                AgencyState             *state,
                const LoketSubmitResult *result)
{
  /* Only failures without an answer count: an agency that answers is alive. */
  if (result->outcome == LOKET_SUBMIT_RETRY && result->http_status == 0)
    {
      state->failures++;
      if (state->failures >= self->options.breaker_failures)
        {
          state->breaker_until = g_get_monotonic_time () + self->options.breaker_open_us;
          g_info ("An agency failed %u times in a row: resting it for %" G_GINT64_FORMAT " s",
                  state->failures, self->options.breaker_open_us / G_USEC_PER_SEC);
        }
    }
  else
    {
      state->failures = 0;
      state->breaker_until = 0;
    }
}

static void
record_answer (LoketDispatcher   *self,
               SendContext       *ctx,
               LoketSubmitResult *result)
{
  LoketOutboxPart *part = ctx->part;
  AgencyState *state = agency_state (self, part->agency);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) outputs = NULL;
  g_autoptr(GBytes) reasons = NULL;
  g_autofree char *detail = NULL;
  LoketOutboxResult outcome = { 0 };

  update_breaker (self, state, result);

  /* Stored as a code with arguments: staff read it later, in their own language. */
  detail = result->detail != NULL ? loket_reason_serialize (result->detail) : NULL;
  outcome.http_status = (int) result->http_status;
  outcome.error_text = detail;
  outcome.retry_after = result->retry_after_s >= 0 ? result->retry_after_s * G_USEC_PER_SEC : 0;

  switch (result->outcome)
    {
    case LOKET_SUBMIT_ACCEPTED:
      outcome.outcome = LOKET_OUTBOX_OUTCOME_DELIVERED;
      outcome.reference = result->reference;
      if (result->outputs != NULL)
        outcome.outputs = outputs = serialize_object (result->outputs);
      break;

    case LOKET_SUBMIT_REJECTED:
      outcome.outcome = LOKET_OUTBOX_OUTCOME_REJECTED;
      break;

    case LOKET_SUBMIT_RETRY:
      outcome.outcome = LOKET_OUTBOX_OUTCOME_RETRY;
      break;

    case LOKET_SUBMIT_GARBAGE:
      outcome.outcome = LOKET_OUTBOX_OUTCOME_GARBAGE;
      break;

    case LOKET_SUBMIT_NEEDS_STAFF:
      outcome.outcome = LOKET_OUTBOX_OUTCOME_NEEDS_STAFF;
      outcome.reason = detail;
      if (result->reasons != NULL && result->reasons->len > 0)
        outcome.reasons = reasons = serialize_reasons (result->reasons);
      break;

    case LOKET_SUBMIT_HOLD:
    default:
      outcome.outcome = LOKET_OUTBOX_OUTCOME_HELD;
      outcome.reason = detail;
      break;
    }

  if (!loket_outbox_record_outcome (self->outbox, part->part_id, self->owner, &outcome, &error))
    g_warning ("Part %s: cannot record its outcome (%s): %s", part->part_id,
               loket_submit_outcome_to_string (result->outcome), error->message);

  g_debug ("Part %s to %s: %s (%s)", part->part_id, part->agency,
           loket_submit_outcome_to_string (result->outcome), detail != NULL ? detail : "");

  emit_part_changed (self, part->part_id,
                     result->outcome == LOKET_SUBMIT_REJECTED ? result->reasons : NULL);

  /* Its dependants go out in this same round when the answer carried their outputs. */
  if (result->outcome == LOKET_SUBMIT_ACCEPTED)
    loket_dependants_part_delivered (self->dependants, part->part_id);
}

static void
answered_free (Answered *answered)
{
  loket_outbox_part_free (answered->ctx->part);
  g_object_unref (answered->ctx->self);
  g_free (answered->ctx);
  loket_submit_result_free (answered->result);
  g_free (answered);
}

/* Every answer that came in since the last turn, in one durable transaction: with many parts
 * in flight, one fsync per answer would cap delivery at the disk's fsync rate. */
static gboolean
record_answers (gpointer user_data)
{
  LoketDispatcher *self = user_data;
  g_autoptr(GPtrArray) answered = g_steal_pointer (&self->answered);
  g_autoptr(GPtrArray) deferred = NULL;
  g_autoptr(GError) error = NULL;

  self->record_id = 0;
  self->answered = g_ptr_array_new_with_free_func ((GDestroyNotify) answered_free);

  self->batching = loket_outbox_batch_begin (self->outbox, &error);
  if (!self->batching)
    {
      /* Then each answer is recorded in a transaction of its own. */
      g_warning ("Cannot batch %u answers: %s", answered->len, error->message);
      g_clear_error (&error);
    }

  for (guint i = 0; i < answered->len; i++)
    {
      Answered *one = g_ptr_array_index (answered, i);

      record_answer (self, one->ctx, one->result);
      self->in_flight--;
      g_hash_table_remove (self->sending, one->ctx->part->part_id);
    }

  if (self->batching)
    {
      self->batching = FALSE;
      deferred = g_steal_pointer (&self->deferred);
      self->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_free);

      /* Not durable, so none of it happened: the parts stay leased and go again later
       * (their agencies know them by their keys). */
      if (!loket_outbox_batch_commit (self->outbox, &error))
        g_warning ("Cannot record %u answers: %s", answered->len, error->message);
      else
        for (guint i = 0; i < deferred->len; i++)
          {
            Deferred *one = g_ptr_array_index (deferred, i);

            emit_part_changed (self, one->part_id, one->reasons);
          }
    }

  schedule_pump (self, 0);
  return G_SOURCE_REMOVE;
}

static void
on_sent (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  SendContext *ctx = user_data;
  LoketDispatcher *self = ctx->self;
  AgencyState *state = agency_state (self, ctx->part->agency);
  g_autoptr(GError) error = NULL;
  Answered *answered;
  LoketSubmitResult *result;

  /* The agency has room again; the engine counts the part in flight until its answer is
   * recorded, so that nobody takes it for idle (and exits) before that. */
  state->in_flight--;

  result = loket_agency_client_submit_finish (LOKET_AGENCY_CLIENT (source), res, &error);
  if (result == NULL)
    {
      /* Cancelled: we are stopping. The lease goes, the part is sent again later. */
      self->in_flight--;
      g_hash_table_remove (self->sending, ctx->part->part_id);
      loket_outbox_release (self->outbox, ctx->part->part_id, self->owner, NULL);
      loket_outbox_part_free (ctx->part);
      g_free (ctx);
      schedule_pump (self, 0);
      g_object_unref (self);
      return;
    }

  answered = g_new0 (Answered, 1);
  answered->ctx = ctx;
  answered->result = result;
  g_ptr_array_add (self->answered, answered);

  /* At idle priority: the other answers that are ready now come first and join the batch. */
  if (self->record_id == 0)
    self->record_id = attach_source (self, g_idle_source_new (), record_answers);
}

static void
send_part (LoketDispatcher *self,
           LoketOutboxPart *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  LoketAgencyClient *client = g_hash_table_lookup (self->clients, part->agency);
  AgencyState *state;
  SendContext *ctx;

  if (client == NULL)
    {
      LoketReason *reason = loket_reason_new ("no-agency-config");

      loket_reason_set_string (reason, "agency", part->agency);
      record_local (self, part, LOKET_OUTBOX_OUTCOME_NEEDS_STAFF, reason);
      loket_outbox_part_free (part);
      return;
    }

  body = loket_outbox_decrypt_body (self->outbox, part->part_id, self->owner, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DECRYPT))
        record_local (self, part, LOKET_OUTBOX_OUTCOME_NEEDS_STAFF,
                      loket_reason_new ("undecryptable"));
      else
        {
          g_warning ("Part %s: cannot read its body: %s", part->part_id, error->message);
          loket_outbox_release (self->outbox, part->part_id, self->owner, NULL);
        }
      loket_outbox_part_free (part);
      return;
    }

  state = agency_state (self, part->agency);
  state->in_flight++;
  self->in_flight++;
  g_hash_table_add (self->sending, g_strdup (part->part_id));

  ctx = g_new0 (SendContext, 1);
  ctx->self = g_object_ref (self);
  ctx->part = part;

  g_signal_emit (self, signals[PART_CHANGED], 0, part->tracking_code, part->part_id,
                 part->agency, (int) LOKET_OUTBOX_STATE_SENDING, NULL, NULL);

  loket_agency_client_submit_async (client, part->part_id, part->tracking_code,
                                    request_language (self, part->tracking_code), body,
                                    self->cancellable, on_sent, ctx);
}

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

static void
pump (LoketDispatcher *self)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 rest_until = 0;
  gint64 when = 0;
  guint free_slots;

  if (!self->running)
    return;

  maybe_sweep (self);

  if (loket_outbox_get_key_error (self->outbox) != NULL)
    {
      /* Without the key nothing can be read to send; what is stored stays stored. */
      schedule_pump (self, self->options.idle_poll_us);
      return;
    }

  free_slots = self->options.max_in_flight - MIN (self->in_flight, self->options.max_in_flight);
  if (free_slots > 0)
    {
      g_autoptr(GPtrArray) skip = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer key, value;

      /* Agencies that are full or resting are passed over in the claim itself, so their
       * backlog neither fills the claim nor costs a release per part. */
      g_hash_table_iter_init (&iter, self->agencies);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          AgencyState *busy = value;

          if (busy->breaker_until > now || busy->in_flight >= self->options.max_per_agency)
            {
              g_ptr_array_add (skip, key);
              if (busy->breaker_until > now)
                rest_until = rest_until == 0 ? busy->breaker_until
                                             : MIN (rest_until, busy->breaker_until);
            }
        }
      g_ptr_array_add (skip, NULL);

      parts = loket_outbox_claim_due_except (self->outbox, self->owner, self->lease_us,
                                             free_slots, self->options.max_per_agency,
                                             (const char * const *) skip->pdata, &error);
      if (parts == NULL)
        {
          g_warning ("Cannot claim parts from the outbox: %s", error->message);
          schedule_pump (self, 5 * G_USEC_PER_SEC);
          return;
        }

      for (guint i = 0; i < parts->len; i++)
        {
          LoketOutboxPart *part = g_steal_pointer (&parts->pdata[i]);
          AgencyState *state = agency_state (self, part->agency);

          if (state->breaker_until > now || state->in_flight >= self->options.max_per_agency)
            {
              /* Its turn comes when the agency has room again. */
              if (state->breaker_until > now)
                rest_until = rest_until == 0 ? state->breaker_until
                                             : MIN (rest_until, state->breaker_until);
              loket_outbox_release (self->outbox, part->part_id, self->owner, NULL);
              loket_outbox_part_free (part);
              continue;
            }

          send_part (self, part);
        }
    }

  if (self->in_flight > 0 && rest_until == 0)
    return;  /* every completion looks again */

  if (rest_until != 0)
    {
      schedule_pump (self, rest_until - now);
      return;
    }

  if (loket_outbox_next_due (self->outbox, &when, NULL))
    {
      /* A stored time against the outbox's own clock, which re-dates them when the wall clock
       * jumps; the wait itself is a timeout on the monotonic clock, at most idle_poll_us, so a
       * jump is seen within that. */
      gint64 delay = when - loket_outbox_now (self->outbox);

      schedule_pump (self, CLAMP (delay, 0, self->options.idle_poll_us));
      if (delay > 0)
        g_signal_emit (self, signals[IDLE], 0);
    }
  else
    {
      schedule_pump (self, self->options.idle_poll_us);
      g_signal_emit (self, signals[IDLE], 0);
    }
}

/* An attempt can outlast the lease: an oauth2 one asks for a token and sends, and after a 401
 * asks again and sends again, each step up to the agency's timeout (4 × timeout, against a
 * lease of timeout + 60 s). Rather than a lease sized for the worst case of every profile,
 * which would also keep the parts of a hung engine waiting that long, the engine renews the
 * leases of what it has in flight, three times per lease: a lease runs out only when its
 * engine stopped working (a dead one is noticed at once, by its lock). */
static gboolean
renew_leases (gpointer user_data)
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

static void
schedule_pump (LoketDispatcher *self,
               gint64           delay_us)
{
  if (!self->running)
    return;

  /* A sooner look replaces a later one; an immediate one is queued once. */
  if (self->pump_queued)
    return;
  clear_source (self, &self->pump_id);

  if (delay_us <= 0)
    {
      self->pump_queued = TRUE;
      self->pump_id = attach_source (self, g_idle_source_new (), pump_cb);
    }
  else
    {
      self->pump_id = attach_source (self, g_timeout_source_new ((guint) MAX (1, delay_us / 1000)),
                                     pump_cb);
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

static gboolean
probe_held_agencies (gpointer user_data)
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

  emit_part_changed (self, part_id, NULL);
  schedule_pump (self, 0);
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
  GSource *probe;

  g_return_if_fail (LOKET_IS_DISPATCHER (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  probe = g_timeout_source_new ((guint) (self->options.hold_probe_us / 1000));
  self->probe_id = attach_source (self, probe, probe_held_agencies);
  self->renew_id = attach_source (self,
                                  g_timeout_source_new ((guint) MAX (1, self->lease_us / 3000)),
                                  renew_leases);
  loket_dependants_start (self->dependants);
  schedule_pump (self, 0);
}

void
loket_dispatcher_kick (LoketDispatcher *self)
{
  g_return_if_fail (LOKET_IS_DISPATCHER (self));

  schedule_pump (self, 0);
}

void
loket_dispatcher_stop (LoketDispatcher *self)
{
  g_return_if_fail (LOKET_IS_DISPATCHER (self));

  self->running = FALSE;
  self->pump_queued = FALSE;
  clear_source (self, &self->pump_id);
  clear_source (self, &self->probe_id);
  clear_source (self, &self->renew_id);
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
  clear_source (self, &self->record_id);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->answered, g_ptr_array_unref);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
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
                  G_TYPE_NONE, 6,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT,
                  G_TYPE_STRING, G_TYPE_PTR_ARRAY);

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
  self->answered = g_ptr_array_new_with_free_func ((GDestroyNotify) answered_free);
  self->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_free);
}
