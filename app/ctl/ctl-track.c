/* ctl-track.c — `loketctl track CODE`: each part's status, from the agencies and the outbox
 *
 * CODE is a tracking code in any form a person types it, or what a receipt's QR code holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"
#include "net/loket-tracker.h"
#include "loket-ctl.h"

typedef struct {
  GPtrArray *parts;
  GError    *error;
  gboolean   done;
} TrackResult;

static void
on_tracked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TrackResult *r = user_data;

  r->parts = loket_track_finish (result, &r->error);
  r->done = TRUE;
}

/* Over 80 lines: the command's steps in order (arguments, configuration, code, outbox,
 * agencies, output), each ending it with its own message. */
int
loket_ctl_track (LoketCtl  *ctl,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketQrPayload) payload = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketHttp) http = NULL;
  g_autofree char *display = NULL;
  TrackResult r = { 0 };
  LoketConfig *config;
  gboolean json = FALSE;
  const char *text = NULL;
  guint n_words = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (n_words++ == 0)
        text = argv[i];
    }
  if (text == NULL || n_words != 1)
    return loket_ctl_fail (_("usage: loketctl track CODE [--json]"));

  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);

  payload = loket_qr_payload_parse (text, config->tracking_url, &error);
  if (payload == NULL)
    return loket_ctl_fail_error (error);

  /* The outbox adds what the agencies cannot know yet; without it, ask the agencies alone. */
  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_READ_ONLY, NULL);

  http = loket_http_new (2);
  loket_track_async (http, config, outbox, payload->code,
                     (const char * const *) payload->agencies, config->default_language,
                     NULL, on_tracked, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);

  if (r.parts == NULL)
    {
      int status = loket_ctl_fail_error (r.error);

      g_clear_error (&r.error);
      return status;
    }

  display = loket_tracking_code_format (payload->code);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *out = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tracking_code");
      json_builder_add_string_value (builder, payload->code);
      json_builder_set_member_name (builder, "parts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < r.parts->len; i++)
        {
          LoketTrackedPart *part = g_ptr_array_index (r.parts, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "part_id");
          json_builder_add_string_value (builder, part->part_id);
          json_builder_set_member_name (builder, "service");
          json_builder_add_string_value (builder, part->service);
          json_builder_set_member_name (builder, "agency");
          json_builder_add_string_value (builder, part->agency);
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder, loket_track_state_to_string (part->state));
          json_builder_set_member_name (builder, "reference");
          json_builder_add_string_value (builder, part->reference);
          json_builder_set_member_name (builder, "updated_at");
          json_builder_add_string_value (builder, part->updated_at);
          json_builder_set_member_name (builder, "confirmed");
          json_builder_add_boolean_value (builder, !part->unconfirmed);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      out = json_to_string (root, TRUE);
      printf ("%s\n", out);
    }
  else
    {
      printf ("%s\n", display);
      for (guint i = 0; i < r.parts->len; i++)
        {
          LoketTrackedPart *part = g_ptr_array_index (r.parts, i);

          printf ("  %-24s %-16s %-14s %s%s\n", part->service, part->agency,
                  loket_track_state_to_string (part->state),
                  part->reference != NULL ? part->reference : "",
                  /* Translators: marks a status the agency could not confirm just now. */
                  part->unconfirmed ? _(" (agency not reachable; the kiosk's view)") : "");
        }
    }

  g_ptr_array_unref (r.parts);
  return 0;
}
