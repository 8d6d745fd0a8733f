/* loket-submission.c — a citizen's combined request, split and stored durably
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-submission"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/loket-part.h"
#include "core/loket-tracking-code.h"
#include "loket-submission.h"

static char *
serialize_inputs (JsonObject *inputs)
{
  g_autoptr(JsonNode) node = NULL;

  if (inputs == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), inputs);
  return json_to_string (node, FALSE);
}

struct _LoketSubmission
{
  char                   *tracking_code;
  GPtrArray              *parts;    /* of LoketPart* */
  GPtrArray              *inputs;   /* of char*: the parts' serialised inputs */
  GArray                 *specs;    /* of LoketOutboxPartSpec, borrowing from parts */
  LoketOutboxRequestSpec  spec;
  char                   *language;
  char                   *life_event;
};

void
loket_submission_free (LoketSubmission *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->specs, g_array_unref);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_free (self->tracking_code);
  g_free (self->language);
  g_free (self->life_event);
  g_free (self);
}

LoketSubmission *
loket_submission_prepare (LoketConfig   *config,
                          LoketRequest  *request,
                          GError       **error)
{
  g_autoptr(LoketSubmission) self = g_new0 (LoketSubmission, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const LoketLifeEvent *life_event;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->tracking_code = loket_tracking_code_generate ();
  self->parts = loket_request_split (request, self->tracking_code, now, config->kiosk_id,
                                     config->site, error);
  if (self->parts == NULL)
    return NULL;

  self->inputs = g_ptr_array_new_with_free_func (g_free);
  self->specs = g_array_new (FALSE, TRUE, sizeof (LoketOutboxPartSpec));
  for (guint i = 0; i < self->parts->len; i++)
    {
      LoketPart *part = g_ptr_array_index (self->parts, i);
      LoketOutboxPartSpec part_spec = {
        .part_id = part->part_id,
        .service = part->service,
        .agency = part->agency,
        .after = part->after,
        .body = part->body,
      };

      part_spec.inputs = serialize_inputs (part->inputs);
      g_ptr_array_add (self->inputs, (char *) part_spec.inputs);
      g_array_append_val (self->specs, part_spec);
    }

  /* Copied: the request may be wiped (idle) while another thread commits this. */
  life_event = loket_request_get_life_event (request);
  self->language = g_strdup (loket_request_get_language (request));
  self->life_event = g_strdup (life_event != NULL ? life_event->id : NULL);

  self->spec.tracking_code = self->tracking_code;
  self->spec.language = self->language;
  self->spec.life_event = self->life_event;
  self->spec.created_at = g_date_time_to_unix (now) * G_USEC_PER_SEC +
                          g_date_time_get_microsecond (now);
  self->spec.parts = (const LoketOutboxPartSpec *) self->specs->data;
  self->spec.n_parts = self->specs->len;

  return g_steal_pointer (&self);
}

gboolean
loket_submission_commit (LoketSubmission  *self,
                         LoketOutbox      *outbox,
                         GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (outbox != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (loket_outbox_get_key_error (outbox) != NULL)
    {
      g_propagate_error (error, g_error_copy (loket_outbox_get_key_error (outbox)));
      return FALSE;
    }

  return loket_outbox_store_request (outbox, &self->spec, error);
}

const char *
loket_submission_get_tracking_code (LoketSubmission *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tracking_code;
}

GPtrArray *
loket_submission_get_parts (LoketSubmission *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->parts;
}

char *
loket_submission_store (LoketOutbox   *outbox,
                        LoketConfig   *config,
                        LoketRequest  *request,
                        GPtrArray    **parts_out,
                        GError       **error)
{
  g_return_val_if_fail (outbox != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (loket_outbox_get_key_error (outbox) != NULL)
    {
      g_propagate_error (error, g_error_copy (loket_outbox_get_key_error (outbox)));
      return NULL;
    }

  for (guint draw = 0; draw < LOKET_SUBMISSION_MAX_CODE_DRAWS; draw++)
    {
      g_autoptr(LoketSubmission) submission = NULL;
      g_autoptr(GError) local_error = NULL;

      submission = loket_submission_prepare (config, request, error);
      if (submission == NULL)
        return NULL;

      if (loket_submission_commit (submission, outbox, &local_error))
        {
          if (parts_out != NULL)
            *parts_out = g_ptr_array_ref (submission->parts);
          return g_strdup (submission->tracking_code);
        }

      if (!g_error_matches (local_error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  loket_submission_set_no_code_error (error);
  return NULL;
}

void
loket_submission_set_no_code_error (GError **error)
{
  g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE,
                       /* Translators: for staff; practically never happens (60 random bits). */
                       _("Could not draw an unused tracking code"));
}
