/* loket-tracker.c — what became of a request: the agencies' word, merged with the outbox's
 *
 * Tracking needs no central database: every agency answers for its own parts by tracking
 * code (docs/architecture.md, "How a request travels"). The kiosk's outbox adds what the agencies
 * cannot know yet — a part still being sent, or waiting for another service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-tracker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-agency-client.h"
#include "loket-tracker.h"

static const char * const state_names[] = {
  [LOKET_TRACK_RECEIVED] = "received",
  [LOKET_TRACK_IN_REVIEW] = "in_review",
  [LOKET_TRACK_NEEDS_INFO] = "needs_info",
  [LOKET_TRACK_APPROVED] = "approved",
  [LOKET_TRACK_REJECTED] = "rejected",
  [LOKET_TRACK_COMPLETED] = "completed",
  [LOKET_TRACK_SENDING] = "sending",
  [LOKET_TRACK_WAITING] = "waiting",
  [LOKET_TRACK_DELAYED] = "delayed",
  [LOKET_TRACK_CANCELLED] = "cancelled",
  [LOKET_TRACK_CANNOT_PROCEED] = "cannot_proceed",
  [LOKET_TRACK_UNKNOWN] = "unknown",
};

const char *
loket_track_state_to_string (LoketTrackState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

static LoketTrackState
state_from_agency (const char *status)
{
  /* Only the agency's own statuses: the kiosk's words are not for agencies to use. */
  for (guint i = 0; i <= LOKET_TRACK_COMPLETED; i++)
    if (g_strcmp0 (status, state_names[i]) == 0)
      return (LoketTrackState) i;

  return LOKET_TRACK_UNKNOWN;
}

static LoketTrackState
state_from_outbox (LoketOutboxState state)
{
  switch (state)
    {
    case LOKET_OUTBOX_STATE_QUEUED:
    case LOKET_OUTBOX_STATE_SENDING:
    case LOKET_OUTBOX_STATE_MOVED:     /* another kiosk sends it */
    case LOKET_OUTBOX_STATE_RETRY:
      return LOKET_TRACK_SENDING;
    case LOKET_OUTBOX_STATE_DELIVERED:
      return LOKET_TRACK_RECEIVED;
    case LOKET_OUTBOX_STATE_REJECTED:
      return LOKET_TRACK_REJECTED;
    case LOKET_OUTBOX_STATE_NEEDS_STAFF:
      return LOKET_TRACK_DELAYED;
    case LOKET_OUTBOX_STATE_CANCELLED:
      return LOKET_TRACK_CANCELLED;
    case LOKET_OUTBOX_STATE_WAITING:
      return LOKET_TRACK_WAITING;
    case LOKET_OUTBOX_STATE_CANNOT_PROCEED:
      return LOKET_TRACK_CANNOT_PROCEED;
    default:
      return LOKET_TRACK_UNKNOWN;
    }
}

void
loket_tracked_part_free (LoketTrackedPart *part)
{
  if (part == NULL)
    return;

  g_free (part->part_id);
  g_free (part->service);
  g_free (part->agency);
  g_free (part->reference);
  g_free (part->updated_at);
  g_free (part->note);
  g_free (part->after);
  g_free (part);
}

typedef struct {
  char      *agency;
  GPtrArray *submissions;   /* of LoketAgencySubmission*, NULL when it did not answer */
  gboolean   done;
} AgencyAnswer;

typedef struct {
  LoketOutboxRequest *request;   /* or NULL */
  GPtrArray          *answers;   /* of AgencyAnswer* */
  GPtrArray          *clients;   /* kept alive while they work */
  guint               pending;
} TrackData;

static void
agency_answer_free (AgencyAnswer *answer)
{
  g_free (answer->agency);
  g_clear_pointer (&answer->submissions, g_ptr_array_unref);
  g_free (answer);
}

static void
track_data_free (TrackData *data)
{
  g_clear_pointer (&data->request, loket_outbox_request_free);
  g_ptr_array_unref (data->answers);
  g_ptr_array_unref (data->clients);
  g_free (data);
}

static AgencyAnswer *
find_answer (TrackData  *data,
             const char *agency)
{
  for (guint i = 0; i < data->answers->len; i++)
    {
      AgencyAnswer *answer = g_ptr_array_index (data->answers, i);

      if (g_strcmp0 (answer->agency, agency) == 0)
        return answer;
    }

  return NULL;
}

static LoketTrackedPart *
from_submission (const char            *agency,
                 LoketAgencySubmission *submission)
{
  LoketTrackedPart *part = g_new0 (LoketTrackedPart, 1);

  part->part_id = g_strdup (submission->part_id);
  part->service = g_strdup (submission->service);
  part->agency = g_strdup (agency);
  part->state = state_from_agency (submission->status);
  part->reference = g_strdup (submission->reference);
  part->updated_at = g_strdup (submission->updated_at);
  part->note = g_strdup (submission->note);
  return part;
}

/* Over 80 lines: three passes (answers, the kiosk's own parts, other counters' parts) building
 * one list. */
static GPtrArray *
merge (TrackData  *data,
       GError    **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_tracked_part_free);
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);
  gboolean any_answer = FALSE;

  for (guint i = 0; i < data->answers->len; i++)
    any_answer |= ((AgencyAnswer *) g_ptr_array_index (data->answers, i))->submissions != NULL;

  if (data->request == NULL && !any_answer)
    {
      /* Shown at once (loketctl track), so said in the current language. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                           _("No agency could be reached, and this kiosk does not know the "
                             "code"));
      return NULL;
    }

  for (guint i = 0; data->request != NULL && i < data->request->parts->len; i++)
    {
      LoketOutboxPart *local = g_ptr_array_index (data->request->parts, i);
      AgencyAnswer *answer = find_answer (data, local->agency);
      LoketAgencySubmission *remote = NULL;
      LoketTrackedPart *part;

      for (guint j = 0; answer != NULL && answer->submissions != NULL &&
                        j < answer->submissions->len; j++)
        {
          LoketAgencySubmission *submission = g_ptr_array_index (answer->submissions, j);

          if (g_strcmp0 (submission->part_id, local->part_id) == 0)
            {
              remote = submission;
              g_hash_table_add (matched, submission);
              break;
            }
        }

      if (remote != NULL)
        {
          part = from_submission (local->agency, remote);
          if (part->reference == NULL)
            part->reference = g_strdup (local->reference);
        }
      else
        {
          part = g_new0 (LoketTrackedPart, 1);
          part->part_id = g_strdup (local->part_id);
          part->service = g_strdup (local->service);
          part->agency = g_strdup (local->agency);
          part->state = state_from_outbox (local->state);
          part->reference = g_strdup (local->reference);
          part->after = g_strdup (local->after);
          /* Not yet at the agency is the kiosk's own knowledge; anything else the agency
           * should have confirmed. */
          part->unconfirmed = answer == NULL || answer->submissions == NULL;
          if (local->updated_at > 0)
            {
              g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (local->updated_at / G_USEC_PER_SEC);

              part->updated_at = g_date_time_format_iso8601 (time);
            }
        }

      g_ptr_array_add (parts, part);
    }

  /* What other kiosks or counters submitted under the same code. */
  for (guint i = 0; i < data->answers->len; i++)
    {
      AgencyAnswer *answer = g_ptr_array_index (data->answers, i);

      for (guint j = 0; answer->submissions != NULL && j < answer->submissions->len; j++)
        {
          LoketAgencySubmission *submission = g_ptr_array_index (answer->submissions, j);

          if (!g_hash_table_contains (matched, submission))
            g_ptr_array_add (parts, from_submission (answer->agency, submission));
        }
    }

  if (parts->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No request has this code"));
      return NULL;
    }

  return g_steal_pointer (&parts);
}

static void
finish_if_done (GTask *task)
{
  TrackData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *parts;

  if (data->pending > 0)
    return;

  parts = merge (data, &error);
  if (parts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parts, (GDestroyNotify) g_ptr_array_unref);
}

typedef struct {
  GTask        *task;
  AgencyAnswer *answer;
} AskContext;

static void
on_agency_answered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AskContext *ctx = user_data;
  g_autoptr(GTask) task = ctx->task;
  TrackData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  ctx->answer->submissions = loket_agency_client_track_finish (LOKET_AGENCY_CLIENT (source),
                                                               result, &error);
  ctx->answer->done = TRUE;
  if (error != NULL)
    g_debug ("Agency %s did not answer a tracking query: %s", ctx->answer->agency, error->message);

  g_free (ctx);
  data->pending--;
  finish_if_done (task);
}

static void
add_agency (GPtrArray  *agencies,
            const char *agency)
{
  if (agency == NULL || *agency == '\0')
    return;

  for (guint i = 0; i < agencies->len; i++)
    if (g_str_equal (g_ptr_array_index (agencies, i), agency))
      return;

  g_ptr_array_add (agencies, g_strdup (agency));
}

void
loket_track_async (LoketHttp           *http,
                   LoketConfig         *config,
                   LoketOutbox         *outbox,
                   const char          *tracking_code,
                   const char * const  *agencies,
                   const char          *language,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) ask = g_ptr_array_new_with_free_func (g_free);
  TrackData *data;

  g_return_if_fail (LOKET_IS_HTTP (http));
  g_return_if_fail (config != NULL);
  g_return_if_fail (tracking_code != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_track_async);

  data = g_new0 (TrackData, 1);
  data->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_answer_free);
  data->clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) track_data_free);

  if (outbox != NULL)
    data->request = loket_outbox_get_request (outbox, tracking_code, NULL);

  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    add_agency (ask, agencies[i]);
  for (guint i = 0; data->request != NULL && i < data->request->parts->len; i++)
    add_agency (ask, ((LoketOutboxPart *) g_ptr_array_index (data->request->parts, i))->agency);
  if (ask->len == 0)
    for (guint i = 0; i < config->agencies->len; i++)
      add_agency (ask, ((LoketAgencyConfig *) g_ptr_array_index (config->agencies, i))->id);

  for (guint i = 0; i < ask->len; i++)
    {
      const LoketAgencyConfig *agency = loket_config_get_agency (config, ask->pdata[i]);
      AgencyAnswer *answer = g_new0 (AgencyAnswer, 1);
      LoketAgencyClient *client;
      AskContext *ctx;

      answer->agency = g_strdup (ask->pdata[i]);
      g_ptr_array_add (data->answers, answer);
      if (agency == NULL)
        continue;

      client = loket_agency_client_new (http, agency, config->kiosk_id);
      g_ptr_array_add (data->clients, client);

      ctx = g_new0 (AskContext, 1);
      ctx->task = g_object_ref (task);
      ctx->answer = answer;
      data->pending++;
      loket_agency_client_track_async (client, tracking_code, language, cancellable,
                                       on_agency_answered, ctx);
    }

  finish_if_done (task);
}

GPtrArray *
loket_track_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_track_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
