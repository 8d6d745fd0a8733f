/* loket-dependants.c — parts that wait for another service's outputs (`after`), for the engine
 *
 * A dependant waits in the outbox (state "waiting"), so waiting survives restarts by itself;
 * this object only moves it on. Its prerequisite is a SERVICE of the same request, not one
 * part: when the citizen corrects a rejected part and resends it, the new part is the one
 * whose outputs count. Once a part of that service is delivered, the outputs come from the
 * agency's answer (kept sealed by the outbox while dependants wait) or, when the agency
 * assigns them later, from its status (GET /submissions?tracking_code=), polled with
 * exponential backoff. Each draft is completed with them and stored once, then sent like any
 * other part.
 *
 * When a rejection is for good: the outbox keeps dependants waiting while their prerequisite
 * service has a part that may still be delivered, and also after a rejection, because the
 * citizen may come back and resend. They end as cannot-proceed when staff cancel the last
 * live part of the prerequisite (the outbox does that in the same transaction), or when
 * pii-max-days have passed since the request with the prerequisite still rejected
 * (loket_dependants_expire). A dependant whose prerequisite is delivered but whose outputs
 * never come needs staff after pii-max-days (the outbox's sweep).
 *
 * Outputs are personal data: they are held in memory only while a draft is completed, and
 * never logged; logs name parts by id only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-dependants"

#include "config.h"

#include <string.h>

#include "core/loket-part.h"
#include "loket-agency-client.h"
#include "loket-dependants.h"

#define DEFAULT_POLL_BASE_US (5 * G_USEC_PER_SEC)
#define DEFAULT_POLL_CAP_US (15 * G_TIME_SPAN_MINUTE)

typedef struct {
  char    *tracking_code;
  char    *service;          /* the prerequisite service */
  char    *part_id;          /* its delivered part, whose status carries the outputs */
  char    *agency;
  guint    attempt;
  gint64   due;              /* monotonic µs */
  gboolean in_flight;
} Poll;

struct _LoketDependants
{
  GObject                  parent_instance;

  LoketOutbox             *outbox;     /* borrowed */
  GHashTable              *clients;    /* agency id → LoketAgencyClient */
  LoketDependantsSchedule  schedule;
  LoketDependantsChanged   changed;
  gpointer                 user_data;

  GHashTable              *polls;      /* "CODE\nSERVICE" → Poll */
  GCancellable            *cancellable;
  GMainContext            *context;    /* the engine's: the worker thread's in the kiosk */
  GSource                 *timer;
  gboolean                 running;
};

G_DEFINE_FINAL_TYPE (LoketDependants, loket_dependants, G_TYPE_OBJECT)

static void schedule_timer (LoketDependants *self);

static void
clear_timer (LoketDependants *self)
{
  if (self->timer == NULL)
    return;

  g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
}

static void
poll_free (Poll *poll)
{
  g_free (poll->tracking_code);
  g_free (poll->service);
  g_free (poll->part_id);
  g_free (poll->agency);
  g_free (poll);
}

static char *
poll_key (const char *tracking_code,
          const char *service)
{
  return g_strconcat (tracking_code, "\n", service, NULL);
}

static JsonObject *
parse_object (const char *text,
              gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* Completes one waiting part with outputs; FALSE when it still cannot be (an output it needs
 * is missing, or it is not waiting any more: then another engine did it). */
static gboolean
complete_one (LoketDependants *self,
              LoketOutboxPart *part,
              JsonObject      *outputs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) inputs = parse_object (part->inputs, -1);

  if (inputs == NULL)
    {
      g_warning ("Part %s: its stored inputs are not a JSON object", part->part_id);
      return FALSE;
    }

  draft = loket_outbox_decrypt_draft (self->outbox, part->part_id, &error);
  if (draft == NULL)
    {
      if (error != NULL)
        g_warning ("Part %s: cannot read its draft: %s", part->part_id, error->message);
      return FALSE;
    }

  body = loket_part_body_fill_inputs (draft, inputs, outputs, &error);
  if (body == NULL)
    {
      /* The message names the output, never its value. */
      g_message ("Part %s cannot be completed yet: %s", part->part_id, error->message);
      return FALSE;
    }

  if (!loket_outbox_complete_part (self->outbox, part->part_id, body, &error))
    {
      if (!g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE))
        g_warning ("Part %s: cannot store its completed body: %s", part->part_id,
                   error->message);
      return FALSE;
    }

  if (self->changed != NULL)
    self->changed (part->part_id, self->user_data);
  return TRUE;
}

/* Returns how many of dependants were queued; *missing: how many could not be completed. */
static guint
complete_all (LoketDependants *self,
              GPtrArray       *dependants,
              JsonObject      *outputs,
              guint           *missing)
{
  guint queued = 0;

  *missing = 0;
  for (guint i = 0; i < dependants->len; i++)
    {
      if (complete_one (self, g_ptr_array_index (dependants, i), outputs))
        queued++;
      else
        (*missing)++;
    }

  return queued;
}

static gint64
poll_delay (LoketDependants *self,
            guint            attempt)
{
  gint64 delay = self->schedule.base;

  for (guint i = 0; i < attempt && delay < self->schedule.cap; i++)
    delay *= 2;
  delay = MIN (delay, self->schedule.cap);

  /* Half fixed, half random: kiosks that restarted together do not ask in step. */
  return delay / 2 + g_random_int_range (0, (gint32) MIN (delay / 2 + 1, G_MAXINT32));
}

static void
ensure_poll (LoketDependants *self,
             const char      *tracking_code,
             const char      *service,
             const char      *part_id,
             const char      *agency)
{
  g_autofree char *key = poll_key (tracking_code, service);
  Poll *poll = g_hash_table_lookup (self->polls, key);

  if (poll != NULL)
    {
      /* A resend was delivered: its status is the one to read now. */
      if (g_strcmp0 (poll->part_id, part_id) != 0)
        {
          g_free (poll->part_id);
          poll->part_id = g_strdup (part_id);
          g_free (poll->agency);
          poll->agency = g_strdup (agency);
          poll->attempt = 0;
        }
      return;
    }

  poll = g_new0 (Poll, 1);
  poll->tracking_code = g_strdup (tracking_code);
  poll->service = g_strdup (service);
  poll->part_id = g_strdup (part_id);
  poll->agency = g_strdup (agency);
  poll->due = g_get_monotonic_time () + poll_delay (self, 0);
  g_hash_table_insert (self->polls, g_steal_pointer (&key), poll);
  g_debug ("Part %s delivered without outputs: its agency's status will be polled", part_id);
  schedule_timer (self);
}

static void
drop_poll (LoketDependants *self,
           const char      *tracking_code,
           const char      *service)
{
  g_autofree char *key = poll_key (tracking_code, service);

  g_hash_table_remove (self->polls, key);
}

/* The prerequisite part `delivered` (of `service`) is delivered: move its dependants on. */
static guint
resolve (LoketDependants       *self,
         const LoketOutboxPart *delivered)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed_outputs = NULL;
  g_autoptr(GPtrArray) dependants = NULL;
  g_autoptr(JsonObject) outputs = NULL;
  guint queued, missing = 0;

  dependants = loket_outbox_get_dependants (self->outbox, delivered->part_id, &sealed_outputs,
                                            &error);
  if (dependants == NULL)
    {
      if (!g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE) &&
          !g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND))
        g_warning ("Part %s: cannot read its dependants: %s", delivered->part_id,
                   error->message);
      return 0;
    }
  if (dependants->len == 0)
    {
      drop_poll (self, delivered->tracking_code, delivered->service);
      return 0;
    }

  if (sealed_outputs != NULL)
    {
      gsize length = 0;
      const char *text = g_bytes_get_data (sealed_outputs, &length);

      outputs = parse_object (text, (gssize) length);
    }

  if (outputs != NULL)
    {
      queued = complete_all (self, dependants, outputs, &missing);
      if (missing == 0)
        {
          drop_poll (self, delivered->tracking_code, delivered->service);
          return queued;
        }
    }
  else
    {
      queued = 0;
    }

  /* The answer had no outputs (or not all of them): the agency's status will. */
  ensure_poll (self, delivered->tracking_code, delivered->service, delivered->part_id,
               delivered->agency);
  return queued;
}

guint
loket_dependants_part_delivered (LoketDependants *self,
                                 const char      *part_id)
{
  g_autoptr(LoketOutboxPart) part = NULL;

  g_return_val_if_fail (LOKET_IS_DEPENDANTS (self), 0);
  g_return_val_if_fail (part_id != NULL, 0);

  part = loket_outbox_get_part (self->outbox, part_id, NULL);
  if (part == NULL || part->state != LOKET_OUTBOX_STATE_DELIVERED)
    return 0;

  return resolve (self, part);
}

/* The latest delivered part of service in the request, or NULL. */
static const LoketOutboxPart *
delivered_part_of (LoketOutboxRequest *request,
                   const char         *service)
{
  const LoketOutboxPart *found = NULL;

  for (guint i = 0; i < request->parts->len; i++)
    {
      const LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      if (part->state == LOKET_OUTBOX_STATE_DELIVERED && g_strcmp0 (part->service, service) == 0)
        found = part;
    }

  return found;
}

static GPtrArray *
list_waiting (LoketDependants *self)
{
  g_autoptr(GError) error = NULL;
  LoketOutboxFilter filter = { .state = LOKET_OUTBOX_STATE_WAITING, .agency = NULL };
  GPtrArray *parts = loket_outbox_list_parts (self->outbox, &filter, &error);

  if (parts == NULL)
    g_warning ("Cannot list the waiting parts: %s", error->message);
  return parts;
}

static void
scan (LoketDependants *self)
{
  g_autoptr(GPtrArray) waiting = list_waiting (self);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (waiting, i);
      g_autoptr(LoketOutboxRequest) request = NULL;
      g_autofree char *key = NULL;
      const LoketOutboxPart *delivered;

      if (part->after == NULL)
        continue;
      key = poll_key (part->tracking_code, part->after);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;

      request = loket_outbox_get_request (self->outbox, part->tracking_code, NULL);
      if (request == NULL)
        continue;
      delivered = delivered_part_of (request, part->after);
      if (delivered != NULL)
        resolve (self, delivered);
    }
}

typedef struct {
  LoketDependants *self;
  char            *key;
} PollContext;

static void
on_track_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  PollContext *ctx = user_data;
  g_autoptr(LoketDependants) self = ctx->self;
  g_autofree char *key = ctx->key;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;
  LoketAgencySubmission *found = NULL;
  Poll *poll;

  g_free (ctx);

  submissions = loket_agency_client_track_finish (LOKET_AGENCY_CLIENT (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->running)
    return;

  poll = g_hash_table_lookup (self->polls, key);
  if (poll == NULL)
    return;
  poll->in_flight = FALSE;

  if (submissions == NULL)
    g_debug ("Part %s: the status poll failed: %s", poll->part_id, error->message);

  for (guint i = 0; submissions != NULL && i < submissions->len; i++)
    {
      LoketAgencySubmission *submission = g_ptr_array_index (submissions, i);

      if (g_strcmp0 (submission->part_id, poll->part_id) == 0)
        found = submission;
    }

  if (found != NULL && found->outputs != NULL)
    {
      g_autoptr(GPtrArray) dependants = loket_outbox_get_dependants (self->outbox, poll->part_id,
                                                                     NULL, NULL);
      guint missing = 0;

      if (dependants == NULL || dependants->len == 0 ||
          (complete_all (self, dependants, found->outputs, &missing), missing == 0))
        {
          g_hash_table_remove (self->polls, key);
          schedule_timer (self);
          return;
        }
    }

  poll->attempt++;
  poll->due = g_get_monotonic_time () + poll_delay (self, poll->attempt);
  schedule_timer (self);
}

static gboolean
on_timer (gpointer user_data)
{
  LoketDependants *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;

  g_clear_pointer (&self->timer, g_source_unref);

  g_hash_table_iter_init (&iter, self->polls);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Poll *poll = value;
      LoketAgencyClient *client;
      PollContext *ctx;

      if (poll->in_flight || poll->due > now)
        continue;

      client = g_hash_table_lookup (self->clients, poll->agency);
      if (client == NULL)
        {
          /* No configuration for the agency: its part could not have been delivered here;
           * look again later in case the configuration comes back. */
          poll->due = now + self->schedule.cap;
          continue;
        }

      poll->in_flight = TRUE;
      ctx = g_new0 (PollContext, 1);
      ctx->self = g_object_ref (self);
      ctx->key = g_strdup (key);
      loket_agency_client_track_async (client, poll->tracking_code, NULL, self->cancellable,
                                       on_track_done, ctx);
    }

  schedule_timer (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_timer (LoketDependants *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 next = G_MAXINT64;

  clear_timer (self);
  if (!self->running)
    return;

  g_hash_table_iter_init (&iter, self->polls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Poll *poll = value;

      if (!poll->in_flight)
        next = MIN (next, poll->due);
    }
  if (next == G_MAXINT64)
    return;

  next = MAX (0, next - g_get_monotonic_time ());
  /* Not g_timeout_add (): that attaches to the global default context, which in the kiosk
   * is the screens' thread, not the delivery engine's. */
  self->timer = g_timeout_source_new ((guint) MIN (next / 1000 + 1, G_MAXUINT32 / 2));
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_attach (self->timer, self->context);
}

void
loket_dependants_start (LoketDependants *self)
{
  g_return_if_fail (LOKET_IS_DEPENDANTS (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  scan (self);
  schedule_timer (self);
}

void
loket_dependants_stop (LoketDependants *self)
{
  g_return_if_fail (LOKET_IS_DEPENDANTS (self));

  self->running = FALSE;
  clear_timer (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->polls);
}

guint
loket_dependants_expire (LoketDependants *self,
                         guint            pii_max_days)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint given_up = 0;

  g_return_val_if_fail (LOKET_IS_DEPENDANTS (self), 0);

  waiting = list_waiting (self);
  if (waiting == NULL)
    return 0;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < waiting->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (waiting, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      gboolean expired = FALSE;

      if (part->after == NULL)
        continue;
      /* pii-max-days as the sweep counts it (the boot clock within the part's boot), so
       * that a wall clock being corrected neither gives up early nor keeps waiting late. */
      if (!loket_outbox_part_older_than (self->outbox, part->part_id, pii_max_days, &expired,
                                         &error))
        {
          g_warning ("Part %s: cannot tell its age: %s", part->part_id, error->message);
          continue;
        }
      if (!expired)
        continue;
      key = poll_key (part->tracking_code, part->after);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;

      /* The outbox refuses while a part of the service may still be delivered. */
      if (!loket_outbox_give_up_service (self->outbox, part->tracking_code, part->after, &error))
        {
          if (!g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE))
            g_warning ("Request of part %s: cannot end its dependants: %s", part->part_id,
                       error->message);
          continue;
        }

      given_up++;
      drop_poll (self, part->tracking_code, part->after);
      for (guint j = 0; j < waiting->len; j++)
        {
          LoketOutboxPart *other = g_ptr_array_index (waiting, j);

          if (self->changed != NULL && g_str_equal (other->tracking_code, part->tracking_code))
            self->changed (other->part_id, self->user_data);
        }
    }

  return given_up;
}

guint
loket_dependants_get_n_polls (LoketDependants *self)
{
  g_return_val_if_fail (LOKET_IS_DEPENDANTS (self), 0);

  return g_hash_table_size (self->polls);
}

LoketDependants *
loket_dependants_new (LoketOutbox                   *outbox,
                      GHashTable                    *clients,
                      const LoketDependantsSchedule *schedule,
                      LoketDependantsChanged         changed,
                      gpointer                       user_data)
{
  LoketDependants *self;

  g_return_val_if_fail (outbox != NULL, NULL);
  g_return_val_if_fail (clients != NULL, NULL);

  self = g_object_new (LOKET_TYPE_DEPENDANTS, NULL);
  self->outbox = outbox;
  self->clients = g_hash_table_ref (clients);
  if (schedule != NULL)
    self->schedule = *schedule;
  if (self->schedule.base <= 0)
    self->schedule.base = DEFAULT_POLL_BASE_US;
  if (self->schedule.cap <= 0)
    self->schedule.cap = DEFAULT_POLL_CAP_US;
  self->schedule.cap = MAX (self->schedule.cap, self->schedule.base);
  self->changed = changed;
  self->user_data = user_data;

  return self;
}

static void
loket_dependants_dispose (GObject *object)
{
  LoketDependants *self = LOKET_DEPENDANTS (object);

  loket_dependants_stop (self);
  g_clear_pointer (&self->clients, g_hash_table_unref);

  G_OBJECT_CLASS (loket_dependants_parent_class)->dispose (object);
}

static void
loket_dependants_finalize (GObject *object)
{
  LoketDependants *self = LOKET_DEPENDANTS (object);

  g_clear_pointer (&self->polls, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (loket_dependants_parent_class)->finalize (object);
}

static void
loket_dependants_class_init (LoketDependantsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_dependants_dispose;
  object_class->finalize = loket_dependants_finalize;
}

static void
loket_dependants_init (LoketDependants *self)
{
  self->polls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) poll_free);
  self->context = g_main_context_ref_thread_default ();
}
