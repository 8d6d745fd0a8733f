/* loket-track-fanout.c — asking every agency concerned at once, each with its deadline,
 * through a short cache
 *
 * One LoketAgencyClient per configured agency lives as long as the service, so an oauth2
 * agency's token is fetched once and connections are reused. A question already on its way
 * to an agency (a family scanning one receipt) is joined, not asked again. The deadline is
 * the service's own: whatever an agency does, its waiters are answered when it passes, and
 * the call is cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include "net/loket-agency-client.h"
#include "net/loket-tracker.h"
#include "loket-track-fanout.h"
#include "loket-track-query.h"

/* Enough for 100,000 codes of three agencies; past it new answers are not cached. */
#define MAX_CACHE_ENTRIES 300000

struct _LoketTrackFanout {
  LoketConfig       *config;
  LoketTrackMetrics *metrics;
  GHashTable        *clients;    /* agency id -> LoketAgencyClient* */
  GHashTable        *cache;      /* "agency\037language\037code" -> CacheEntry* */
  GHashTable        *calls;      /* same key -> Call*, while on their way */
  guint              in_flight;  /* calls not yet returned by the client, cancelled included */
  guint              sweep_id;
};

typedef struct {
  GPtrArray *parts;
  gint64     expires_us;
} CacheEntry;

typedef struct {
  LoketTrackFanout *fanout;      /* NULL once the fanout is gone */
  char             *key;
  char             *agency;
  GCancellable     *cancellable;
  guint             deadline_id;
  gint64            started_us;
  GPtrArray        *waiters;     /* of Waiter* */
  gboolean          settled;
} Call;

typedef struct {
  GTask *task;
  guint  index;
} Waiter;

static void
cache_entry_free (CacheEntry *entry)
{
  g_ptr_array_unref (entry->parts);
  g_free (entry);
}

void
loket_track_agency_answer_free (LoketTrackAgencyAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->agency);
  g_clear_pointer (&answer->parts, g_ptr_array_unref);
  g_free (answer);
}

static gboolean
sweep_cache (gpointer user_data)
{
  LoketTrackFanout *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  CacheEntry *entry;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->expires_us <= now)
      g_hash_table_iter_remove (&iter);

  return G_SOURCE_CONTINUE;
}

LoketTrackFanout *
loket_track_fanout_new (LoketHttp         *http,
                        LoketConfig       *config,
                        LoketTrackMetrics *metrics)
{
  LoketTrackFanout *self = g_new0 (LoketTrackFanout, 1);

  self->config = loket_config_ref (config);
  self->metrics = metrics;
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cache_entry_free);
  self->calls = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < config->agencies->len; i++)
    {
      LoketAgencyConfig agency = *(LoketAgencyConfig *) g_ptr_array_index (config->agencies, i);

      /* The page's own read-only credentials when the agency gives some, and never longer
       * than the page waits. */
      if (agency.track_token_file != NULL)
        agency.token_file = agency.track_token_file;
      agency.timeout = MIN (agency.timeout, config->track_agency_timeout + 1);
      g_hash_table_insert (self->clients, g_strdup (agency.id),
                           loket_agency_client_new (http, &agency, config->kiosk_id));
    }

  self->sweep_id = g_timeout_add_seconds (MAX (1, MIN (10, config->track_cache_seconds)),
                                          sweep_cache, self);
  return self;
}

void
loket_track_fanout_free (LoketTrackFanout *self)
{
  GHashTableIter iter;
  Call *call;

  if (self == NULL)
    return;

  g_hash_table_iter_init (&iter, self->calls);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &call))
    {
      call->fanout = NULL;
      g_cancellable_cancel (call->cancellable);
    }
  g_hash_table_unref (self->calls);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_hash_table_unref (self->cache);
  g_hash_table_unref (self->clients);
  loket_config_unref (self->config);
  g_free (self);
}

GStrv
loket_track_fanout_pick (LoketTrackFanout   *self,
                         const char * const *asked)
{
  g_autoptr(GStrvBuilder) picked = g_strv_builder_new ();

  for (guint i = 0; i < self->config->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (self->config->agencies, i);

      if (asked == NULL || g_strv_contains (asked, agency->id))
        g_strv_builder_add (picked, agency->id);
    }

  return g_strv_builder_end (picked);
}

static LoketTrackState
state_from_agency (const char *status)
{
  /* The agency's own words only (protocol v1): the kiosk's are not for agencies to use. */
  for (LoketTrackState state = LOKET_TRACK_RECEIVED; state <= LOKET_TRACK_COMPLETED; state++)
    if (g_strcmp0 (status, loket_track_state_to_string (state)) == 0)
      return state;

  return LOKET_TRACK_UNKNOWN;
}

static GPtrArray *
parts_from_submissions (const char *agency,
                        GPtrArray  *submissions)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_tracked_part_free);

  for (guint i = 0; i < submissions->len; i++)
    {
      LoketAgencySubmission *submission = g_ptr_array_index (submissions, i);
      LoketTrackedPart *part = g_new0 (LoketTrackedPart, 1);

      /* Outputs are personal data: they are not copied. */
      part->part_id = g_strdup (submission->part_id);
      part->service = g_strdup (submission->service);
      part->agency = g_strdup (agency);
      part->state = state_from_agency (submission->status);
      part->reference = g_strdup (submission->reference);
      part->updated_at = g_strdup (submission->updated_at);
      part->note = g_strdup (submission->note);
      g_ptr_array_add (parts, part);
    }

  return parts;
}

static LoketTrackAgencyAnswer *
task_answer (GTask *task,
             guint  index)
{
  GPtrArray *answers = g_task_get_task_data (task);

  return g_ptr_array_index (answers, index);
}

typedef struct {
  guint pending;
} AskState;

static void
waiter_done (GTask *task)
{
  AskState *state = g_object_get_data (G_OBJECT (task), "loket-track-pending");

  if (--state->pending == 0)
    {
      GPtrArray *answers = g_task_get_task_data (task);

      g_task_return_pointer (task, g_ptr_array_ref (answers), (GDestroyNotify) g_ptr_array_unref);
    }
}

/* Answers every waiter of call (parts NULL: it could not be checked). */
static void
settle (Call      *call,
        GPtrArray *parts)
{
  call->settled = TRUE;
  g_clear_handle_id (&call->deadline_id, g_source_remove);
  if (call->fanout != NULL)
    g_hash_table_remove (call->fanout->calls, call->key);

  for (guint i = 0; i < call->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (call->waiters, i);
      LoketTrackAgencyAnswer *answer = task_answer (waiter->task, waiter->index);

      answer->answered = parts != NULL;
      if (parts != NULL)
        answer->parts = g_ptr_array_ref (parts);
      waiter_done (waiter->task);
      g_object_unref (waiter->task);
      g_free (waiter);
    }
  g_ptr_array_set_size (call->waiters, 0);
}

static void
call_free (Call *call)
{
  g_free (call->key);
  g_free (call->agency);
  g_object_unref (call->cancellable);
  g_ptr_array_unref (call->waiters);
  g_free (call);
}

static gboolean
on_deadline (gpointer user_data)
{
  Call *call = user_data;
  double seconds = (g_get_monotonic_time () - call->started_us) / (double) G_USEC_PER_SEC;

  call->deadline_id = 0;
  g_message ("Agency %s did not answer a tracking query within %.1f s", call->agency, seconds);
  if (call->fanout != NULL)
    loket_track_metrics_agency_call (call->fanout->metrics, call->agency,
                                     LOKET_TRACK_CALL_TIMEOUT, seconds);
  settle (call, NULL);
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_tracked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Call *call = user_data;
  LoketTrackFanout *self = call->fanout;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  double seconds = (g_get_monotonic_time () - call->started_us) / (double) G_USEC_PER_SEC;

  submissions = loket_agency_client_track_finish (LOKET_AGENCY_CLIENT (source), result, &error);
  if (self != NULL)
    self->in_flight--;

  if (call->settled)
    {
      call_free (call);
      return;
    }

  if (submissions != NULL)
    {
      parts = parts_from_submissions (call->agency, submissions);
      if (self != NULL && g_hash_table_size (self->cache) < MAX_CACHE_ENTRIES &&
          self->config->track_cache_seconds > 0)
        {
          CacheEntry *entry = g_new0 (CacheEntry, 1);

          entry->parts = g_ptr_array_ref (parts);
          entry->expires_us = g_get_monotonic_time () +
                              self->config->track_cache_seconds * G_USEC_PER_SEC;
          g_hash_table_replace (self->cache, g_strdup (call->key), entry);
        }
    }
  else
    /* The reason names no code: the client's messages carry none. */
    g_message ("Agency %s could not be checked: %s", call->agency, error->message);

  if (self != NULL)
    loket_track_metrics_agency_call (self->metrics, call->agency,
                                     parts != NULL ? LOKET_TRACK_CALL_OK : LOKET_TRACK_CALL_FAILED,
                                     seconds);
  settle (call, parts);
  call_free (call);
}

static void
ask_one (LoketTrackFanout *self,
         GTask            *task,
         guint             index,
         const char       *code,
         const char       *language)
{
  LoketTrackAgencyAnswer *answer = task_answer (task, index);
  g_autofree char *key = g_strjoin ("\037", answer->agency, language, code, NULL);
  CacheEntry *entry = g_hash_table_lookup (self->cache, key);
  LoketAgencyClient *client = g_hash_table_lookup (self->clients, answer->agency);
  Call *call;
  Waiter *waiter;

  if (entry != NULL && entry->expires_us > g_get_monotonic_time ())
    {
      loket_track_metrics_cache (self->metrics, TRUE);
      answer->answered = TRUE;
      answer->cached = TRUE;
      answer->parts = g_ptr_array_ref (entry->parts);
      waiter_done (task);
      return;
    }
  loket_track_metrics_cache (self->metrics, FALSE);

  call = g_hash_table_lookup (self->calls, key);
  if (call == NULL)
    {
      if (client == NULL || self->in_flight >= self->config->track_max_agency_calls)
        {
          loket_track_metrics_agency_call (self->metrics, answer->agency, LOKET_TRACK_CALL_BUSY, 0);
          waiter_done (task);
          return;
        }

      call = g_new0 (Call, 1);
      call->fanout = self;
      call->key = g_strdup (key);
      call->agency = g_strdup (answer->agency);
      call->cancellable = g_cancellable_new ();
      call->waiters = g_ptr_array_new ();
      call->started_us = g_get_monotonic_time ();
      call->deadline_id = g_timeout_add (self->config->track_agency_timeout * 1000, on_deadline,
                                         call);
      g_hash_table_insert (self->calls, call->key, call);
      self->in_flight++;
      loket_agency_client_track_async (client, code, language, call->cancellable, on_tracked, call);
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  waiter->index = index;
  g_ptr_array_add (call->waiters, waiter);
}

void
loket_track_fanout_ask_async (LoketTrackFanout    *self,
                              const char          *code,
                              const char * const  *agencies,
                              const char          *language,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  GPtrArray *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_track_agency_answer_free);
  AskState *state = g_new0 (AskState, 1);
  guint n = agencies != NULL ? g_strv_length ((GStrv) agencies) : 0;

  g_task_set_source_tag (task, loket_track_fanout_ask_async);
  g_task_set_task_data (task, answers, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (task), "loket-track-pending", state, g_free);

  for (guint i = 0; i < n; i++)
    {
      LoketTrackAgencyAnswer *answer = g_new0 (LoketTrackAgencyAnswer, 1);

      answer->agency = g_strdup (agencies[i]);
      g_ptr_array_add (answers, answer);
    }

  /* One more than the agencies, released below: the task cannot return while being set up. */
  state->pending = n + 1;
  for (guint i = 0; i < n; i++)
    ask_one (self, task, i, code, language);
  waiter_done (task);
}

GPtrArray *
loket_track_fanout_ask_finish (LoketTrackFanout *self,
                               GAsyncResult     *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

GPtrArray *
loket_track_fanout_lookup (LoketTrackFanout   *self,
                           const char         *code,
                           const char * const *agencies,
                           const char         *language)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_track_agency_answer_free);
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    {
      g_autofree char *key = g_strjoin ("\037", agencies[i], language, code, NULL);
      CacheEntry *entry = g_hash_table_lookup (self->cache, key);
      LoketTrackAgencyAnswer *answer;

      if (entry == NULL || entry->expires_us <= now)
        return NULL;
      answer = g_new0 (LoketTrackAgencyAnswer, 1);
      answer->agency = g_strdup (agencies[i]);
      answer->answered = TRUE;
      answer->cached = TRUE;
      answer->parts = g_ptr_array_ref (entry->parts);
      g_ptr_array_add (answers, answer);
    }

  for (guint i = 0; i < answers->len; i++)
    loket_track_metrics_cache (self->metrics, TRUE);
  return g_steal_pointer (&answers);
}

guint
loket_track_fanout_cache_size (LoketTrackFanout *self)
{
  return g_hash_table_size (self->cache);
}

guint
loket_track_fanout_in_flight (LoketTrackFanout *self)
{
  return self->in_flight;
}
