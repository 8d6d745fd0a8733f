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

/* A fresh code colliding with a stored one is a 1 in 2^60 event per stored request; a few
 * draws make it impossible in practice, and a loop that never ends impossible in fact. */
#define MAX_CODE_DRAWS 4

static char *
serialize_inputs (JsonObject *inputs)
{
  g_autoptr(JsonNode) node = NULL;

  if (inputs == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), inputs);
  return json_to_string (node, FALSE);
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

  for (guint draw = 0; draw < MAX_CODE_DRAWS; draw++)
    {
      g_autofree char *code = loket_tracking_code_generate ();
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) parts = NULL;
      g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (LoketOutboxPartSpec));
      const LoketLifeEvent *life_event = loket_request_get_life_event (request);
      LoketOutboxRequestSpec spec = { 0 };
      g_autoptr(GError) local_error = NULL;

      parts = loket_request_split (request, code, now, config->kiosk_id, config->site, error);
      if (parts == NULL)
        return NULL;

      for (guint i = 0; i < parts->len; i++)
        {
          LoketPart *part = g_ptr_array_index (parts, i);
          LoketOutboxPartSpec part_spec = {
            .part_id = part->part_id,
            .service = part->service,
            .agency = part->agency,
            .after = part->after,
            .body = part->body,
          };

          part_spec.inputs = serialize_inputs (part->inputs);
          g_ptr_array_add (inputs, (char *) part_spec.inputs);
          g_array_append_val (specs, part_spec);
        }

      spec.tracking_code = code;
      spec.language = loket_request_get_language (request);
      spec.life_event = life_event != NULL ? life_event->id : NULL;
      spec.created_at = g_date_time_to_unix (now) * G_USEC_PER_SEC +
                        g_date_time_get_microsecond (now);
      spec.parts = (const LoketOutboxPartSpec *) specs->data;
      spec.n_parts = specs->len;

      if (loket_outbox_store_request (outbox, &spec, &local_error))
        {
          if (parts_out != NULL)
            *parts_out = g_steal_pointer (&parts);
          return g_steal_pointer (&code);
        }

      if (!g_error_matches (local_error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE,
                       /* Translators: for staff; practically never happens (60 random bits). */
                       _("Could not draw an unused tracking code"));
  return NULL;
}
