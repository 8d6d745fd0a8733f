/* ctl-submit.c — `loketctl submit REQUEST.json [--wait SECONDS]`
 *
 * A combined request without the screens: validated exactly as the kiosk validates it,
 * stored durably, its tracking code printed on stdout. With --wait SECONDS it is also
 * delivered, for up to SECONDS, and each part's state printed once every part has ended or
 * none can move on before then (a retry due later, outputs its prerequisite has not given).
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

/* --wait: how long a part may still take is the outbox's to tell (each part's state, when a
 * retry is due, which agencies are held), so the engine's internals stay its own. */
typedef struct {
  GMainLoop   *loop;
  LoketOutbox *outbox;
  const char  *code;
  gint64       deadline;  /* real time µs, as the outbox's next_attempt_at */
} WaitState;

static gboolean part_can_progress (LoketOutboxRequest *request,
                                   LoketOutboxPart    *part,
                                   GHashTable         *held,
                                   gint64              deadline,
                                   guint               depth);

/* A waiting part moves once its prerequisite service has outputs: when a part of that service
 * was delivered, the engine asks its agency for them until the deadline (they may come any
 * moment); when one may still be delivered in time, they may follow. A prerequisite that was
 * rejected waits for the citizen to correct it, one in the hands of staff for staff. */
static gboolean
prerequisite_can_progress (LoketOutboxRequest *request,
                           LoketOutboxPart    *part,
                           GHashTable         *held,
                           gint64              deadline,
                           guint               depth)
{
  /* Services wait for each other in a chain that the catalog validator keeps acyclic; the
   * bound only keeps a damaged outbox from looping. */
  if (part->after == NULL || depth > 8)
    return FALSE;

  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *other = g_ptr_array_index (request->parts, i);

      if (other == part || g_strcmp0 (other->service, part->after) != 0)
        continue;
      if (other->state == LOKET_OUTBOX_STATE_DELIVERED ||
          part_can_progress (request, other, held, deadline, depth + 1))
        return TRUE;
    }

  return FALSE;
}

/* Whether the part may still change state before the deadline by the engine's doing alone,
 * without staff or the citizen. */
static gboolean
part_can_progress (LoketOutboxRequest *request,
                   LoketOutboxPart    *part,
                   GHashTable         *held,
                   gint64              deadline,
                   guint               depth)
{
  switch (part->state)
    {
    case LOKET_OUTBOX_STATE_SENDING:
      /* Its answer is coming (or its lease runs out and it goes again). */
      return TRUE;

    case LOKET_OUTBOX_STATE_QUEUED:
      /* A held agency's parts wait for staff to release it. */
      return !g_hash_table_contains (held, part->agency);

    case LOKET_OUTBOX_STATE_RETRY:
      return !g_hash_table_contains (held, part->agency) && part->next_attempt_at <= deadline;

    case LOKET_OUTBOX_STATE_WAITING:
      return prerequisite_can_progress (request, part, held, deadline, depth);

    case LOKET_OUTBOX_STATE_DELIVERED:
    case LOKET_OUTBOX_STATE_REJECTED:
    case LOKET_OUTBOX_STATE_NEEDS_STAFF:
    case LOKET_OUTBOX_STATE_CANCELLED:
    case LOKET_OUTBOX_STATE_CANNOT_PROCEED:
    default:
      return FALSE;
    }
}

/* Ends the wait once no part of the request can move before the deadline. */
static void
check_progress (WaitState *wait)
{
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;

  request = loket_outbox_get_request (wait->outbox, wait->code, &error);
  if (request != NULL)
    agencies = loket_outbox_count_by_agency (wait->outbox, &error);
  if (agencies == NULL)
    {
      /* The outbox may be busy with another writer: the next change or the deadline looks
       * again. */
      g_warning ("Cannot read the request's parts: %s", error->message);
      return;
    }

  for (guint i = 0; i < agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);

      if (agency->held)
        g_hash_table_add (held, g_strdup (agency->agency));
    }

  for (guint i = 0; i < request->parts->len; i++)
    if (part_can_progress (request, g_ptr_array_index (request->parts, i), held,
                           wait->deadline, 0))
      return;

  g_main_loop_quit (wait->loop);
}

static void
on_part_changed (LoketDispatcher *dispatcher,
                 LoketPartChange *change,
                 gpointer         user_data)
{
  WaitState *wait = user_data;

  if (g_strcmp0 (change->tracking_code, wait->code) == 0)
    check_progress (wait);
}

/* Nothing in flight and nothing due now: all that is left may be out of reach (a held
 * agency, a retry due after the deadline), with no part of ours changing to say so. */
static void
on_idle (LoketDispatcher *dispatcher,
         gpointer         user_data)
{
  check_progress (user_data);
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
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = g_strdup_printf ("loketctl-submit:%d", (int) getpid ());
  WaitState wait = { loop, outbox, code, g_get_real_time () + (gint64) seconds * G_USEC_PER_SEC };
  guint timeout_id;

  dispatcher = loket_dispatcher_new (config, outbox, owner, NULL);
  g_signal_connect (dispatcher, "part-changed", G_CALLBACK (on_part_changed), &wait);
  g_signal_connect (dispatcher, "idle", G_CALLBACK (on_idle), &wait);
  /* Not g_timeout_add_seconds (): it may fire up to a second late. */
  timeout_id = g_timeout_add ((guint) seconds * 1000, on_timeout, loop);
  loket_dispatcher_start (dispatcher);
  g_main_loop_run (loop);
  g_clear_handle_id (&timeout_id, g_source_remove);

  g_signal_handlers_disconnect_by_data (dispatcher, &wait);
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

static int
print_help (void)
{
  printf ("%s\n\n", _("usage: loketctl submit REQUEST.json [--wait SECONDS]"));
  loket_ctl_print_wrapped (stdout, 0, 100,
                           _("Stores a combined request (JSON; - reads it from standard input) "
                             "in the outbox, durably, and prints its tracking code. Delivery "
                             "is left to the kiosk or to loketctl outbox deliver."));
  printf ("\n");
  /* Translators: "ended", "needs staff" etc. name the part states that `outbox list` shows. */
  loket_ctl_print_wrapped (stdout, 0, 100,
                           _("With --wait SECONDS it also delivers the parts, for up to SECONDS, "
                             "and returns as soon as every part has ended (delivered, rejected, "
                             "cancelled, cannot proceed), needs staff, or cannot move on before "
                             "the deadline: a retry due after it, an agency held for its "
                             "credentials, a prerequisite rejected or itself out of reach. "
                             "Outputs that a delivered prerequisite has not given yet may come "
                             "at any moment: for them it waits to the deadline."));
  printf ("\n");
  loket_ctl_print_wrapped (stdout, 0, 100,
                           _("It then prints, after the tracking code, one line per part: "
                             "PART-ID SERVICE AGENCY STATE [REFERENCE]. A part still being sent "
                             "at the deadline is handed back to the outbox and shows as "
                             "queued."));
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
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        return print_help ();
      else if (g_str_equal (argv[i], "--wait") && i + 1 < argc)
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
