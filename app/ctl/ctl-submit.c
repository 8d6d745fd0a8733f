/* ctl-submit.c — `loketctl submit REQUEST.json [--wait SECONDS]`
 *
 * A combined request without the screens: validated exactly as the kiosk validates it,
 * stored durably, its tracking code printed on stdout. With --wait it is also delivered,
 * and each part's state printed once the parts have settled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>

#include "core/loket-catalog.h"
#include "core/loket-i18n.h"
#include "core/loket-json.h"
#include "core/loket-request.h"
#include "net/loket-dispatcher.h"
#include "outbox/loket-submission.h"
#include "loket-ctl.h"

#define MAX_REQUEST_BYTES (1024 * 1024)
#define MAX_REQUEST_DEPTH 16

static JsonNode *
read_request (const char  *path,
              GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  LoketJsonProblems where;
  gsize length = 0;
  JsonNode *root;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
      name = g_strdup ("stdin");
    }
  else
    {
      if (!g_file_get_contents (path, &contents, &length, error))
        return NULL;
      name = g_strdup (path);
    }

  where.file = name;
  where.problems = problems;
  root = loket_json_parse (&where, contents, length, MAX_REQUEST_BYTES, MAX_REQUEST_DEPTH);
  if (root == NULL)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, joined);
    }

  return root;
}

typedef struct {
  GMainLoop  *loop;
  GHashTable *parts;     /* part id → LoketOutboxState of ours, updated as they change */
} WaitState;

static gboolean
settled (LoketOutboxState state)
{
  /* Settled for the caller: ended, or in the hands of staff or of time. */
  return state != LOKET_OUTBOX_STATE_QUEUED && state != LOKET_OUTBOX_STATE_SENDING;
}

static void
on_part_changed (LoketDispatcher *dispatcher,
                 const char      *tracking_code,
                 const char      *part_id,
                 const char      *agency,
                 int              state,
                 const char      *reference,
                 GPtrArray       *reasons,
                 gpointer         user_data)
{
  WaitState *wait = user_data;
  GHashTableIter iter;
  gpointer value;

  if (!g_hash_table_contains (wait->parts, part_id))
    return;

  g_hash_table_insert (wait->parts, g_strdup (part_id), GINT_TO_POINTER (state));

  g_hash_table_iter_init (&iter, wait->parts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!settled (GPOINTER_TO_INT (value)))
      return;

  g_main_loop_quit (wait->loop);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
wait_for_parts (LoketConfig *config,
                LoketOutbox *outbox,
                const char  *code,
                guint        seconds)
{
  g_autoptr(LoketDispatcher) dispatcher = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = g_strdup_printf ("loketctl-submit:%d", (int) getpid ());
  WaitState wait = { loop, states };
  guint timeout_id;

  request = loket_outbox_get_request (outbox, code, &error);
  if (request == NULL)
    return loket_ctl_fail_error (error);
  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      g_hash_table_insert (states, g_strdup (part->part_id), GINT_TO_POINTER (part->state));
    }
  g_clear_pointer (&request, loket_outbox_request_free);

  dispatcher = loket_dispatcher_new (config, outbox, owner, NULL);
  g_signal_connect (dispatcher, "part-changed", G_CALLBACK (on_part_changed), &wait);
  timeout_id = g_timeout_add_seconds (seconds, on_timeout, loop);
  loket_dispatcher_start (dispatcher);
  g_main_loop_run (loop);
  g_clear_handle_id (&timeout_id, g_source_remove);

  loket_dispatcher_stop (dispatcher);
  while (loket_dispatcher_get_n_in_flight (dispatcher) > 0)
    g_main_context_iteration (NULL, TRUE);

  request = loket_outbox_get_request (outbox, code, &error);
  if (request == NULL)
    return loket_ctl_fail_error (error);

  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      printf ("%s %s %s %s%s%s\n", part->part_id, part->service, part->agency,
              loket_outbox_state_to_string (part->state),
              part->reference != NULL ? " " : "", part->reference != NULL ? part->reference : "");
    }

  return 0;
}

int
loket_ctl_submit (LoketCtl  *ctl,
                  int        argc,
                  char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(LoketRequest) request = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *code = NULL;
  const char *path = NULL;
  LoketConfig *config;
  guint64 wait_seconds = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--wait") && i + 1 < argc)
        {
          if (!g_ascii_string_to_unsigned (argv[++i], 10, 1, 3600, &wait_seconds, NULL))
            return loket_ctl_fail (_("--wait takes a number of seconds from 1 to 3600"));
        }
      else if (path == NULL)
        path = argv[i];
      else
        path = "";
    }
  if (path == NULL || *path == '\0')
    return loket_ctl_fail (_("usage: loketctl submit REQUEST.json [--wait SECONDS]"));

  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);

  root = read_request (path, &error);
  if (root == NULL)
    return loket_ctl_fail_error (error);

  catalog = loket_catalog_load (config->catalog_dir, NULL, &error);
  if (catalog == NULL)
    return loket_ctl_fail_error (error);

  /* The messages come in the request's language, as the screens would show them. */
  if (JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "language") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (json_node_get_object (root), "language")))
    {
      const char *language = json_object_get_string_member (json_node_get_object (root), "language");

      if (language != NULL && *language != '\0')
        loket_i18n_set_language (language);
    }

  request = loket_request_new_from_json (catalog, root, NULL, &error);
  if (request == NULL)
    return loket_ctl_fail_error (error);

  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  if (outbox == NULL)
    return loket_ctl_fail_error (error);

  code = loket_submission_store (outbox, config, request, NULL, &error);
  if (code == NULL)
    return loket_ctl_fail_error (error);

  printf ("%s\n", code);
  fflush (stdout);

  if (wait_seconds > 0)
    return wait_for_parts (config, outbox, code, (guint) wait_seconds);

  return 0;
}
