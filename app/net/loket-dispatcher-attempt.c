/* loket-dispatcher-attempt.c — one attempt of the delivery engine: a part sent to its agency,
 * its outcome recorded
 *
 * Answers are recorded in batches, one durable transaction for all that came in one turn of
 * the main loop, and their part-changed signals wait for the batch's commit: the screens are
 * never told of a state that is not stored. Failures without an answer count against the
 * agency's circuit breaker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-dispatcher"

#include "config.h"

#include <string.h>

#include "loket-dispatcher-private.h"

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

AgencyState *
loket_dispatcher_agency_state (LoketDispatcher *self,
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

void
loket_dispatcher_part_changed (LoketDispatcher *self,
                               const char      *part_id,
                               GPtrArray       *reasons)
{
  g_autoptr(LoketOutboxPart) part = NULL;
  g_autoptr(LoketPartChange) change = NULL;

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

  change = loket_part_change_new (part->tracking_code, part->part_id, part->agency, part->state,
                                  part->reference, reasons);
  loket_dispatcher_emit_part_changed (self, change);
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

  loket_dispatcher_part_changed (self, part->part_id, NULL);
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
  AgencyState *state = loket_dispatcher_agency_state (self, part->agency);
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

  loket_dispatcher_part_changed (self, part->part_id,
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

            loket_dispatcher_part_changed (self, one->part_id, one->reasons);
          }
    }

  loket_dispatcher_schedule_pump (self, 0);
  return G_SOURCE_REMOVE;
}

static void
on_sent (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  SendContext *ctx = user_data;
  LoketDispatcher *self = ctx->self;
  AgencyState *state = loket_dispatcher_agency_state (self, ctx->part->agency);
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
      loket_dispatcher_schedule_pump (self, 0);
      g_object_unref (self);
      return;
    }

  answered = g_new0 (Answered, 1);
  answered->ctx = ctx;
  answered->result = result;
  g_ptr_array_add (self->answered, answered);

  /* At idle priority: the other answers that are ready now come first and join the batch. */
  if (self->record_id == 0)
    self->record_id = loket_dispatcher_attach_source (self, g_idle_source_new (),
                                                      record_answers);
}

void
loket_dispatcher_send_part (LoketDispatcher *self,
                            LoketOutboxPart *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  LoketAgencyClient *client = g_hash_table_lookup (self->clients, part->agency);
  g_autoptr(LoketPartChange) sending = NULL;
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

  state = loket_dispatcher_agency_state (self, part->agency);
  state->in_flight++;
  self->in_flight++;
  g_hash_table_add (self->sending, g_strdup (part->part_id));

  ctx = g_new0 (SendContext, 1);
  ctx->self = g_object_ref (self);
  ctx->part = part;

  sending = loket_part_change_new (part->tracking_code, part->part_id, part->agency,
                                   LOKET_OUTBOX_STATE_SENDING, NULL, NULL);
  loket_dispatcher_emit_part_changed (self, sending);

  loket_agency_client_submit_async (client, part->part_id, part->tracking_code,
                                    request_language (self, part->tracking_code), body,
                                    self->cancellable, on_sent, ctx);
}

void
loket_dispatcher_init_attempts (LoketDispatcher *self)
{
  self->answered = g_ptr_array_new_with_free_func ((GDestroyNotify) answered_free);
  self->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_free);
}

void
loket_dispatcher_clear_attempts (LoketDispatcher *self)
{
  loket_dispatcher_clear_source (self, &self->record_id);
  g_clear_pointer (&self->answered, g_ptr_array_unref);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
}
