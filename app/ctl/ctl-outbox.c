/* ctl-outbox.c — `loketctl outbox list|show|retry|cancel|purge|deliver`
 *
 * Staff see tracking metadata only: codes, services, agencies, states, references, times.
 * Personal data never leaves the outbox through here. A part's reason is stored as a code
 * with arguments (net/loket-reason.h) and put into words here, in the reader's language
 * (LANGUAGE, LC_MESSAGES); --json gives the code, its arguments and the words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <glib-unix.h>
#include <unistd.h>

#include "core/loket-tracking-code.h"
#include "metrics/loket-metrics.h"
#include "metrics/loket-metrics-file.h"
#include "net/loket-dispatcher.h"
#include "net/loket-reason.h"
#include "outbox/loket-outbox.h"
#include "loket-ctl.h"

LoketOutbox *
loket_ctl_open_outbox (LoketCtl              *ctl,
                       LoketOutboxOpenFlags   flags,
                       gboolean               need_key,
                       int                   *status)
{
  g_autoptr(GError) error = NULL;
  LoketConfig *config = loket_ctl_get_config (ctl, &error);
  LoketOutbox *outbox;

  if (config == NULL)
    {
      *status = loket_ctl_fail_error (error);
      return NULL;
    }

  outbox = loket_outbox_open_for_config (config, flags, &error);
  if (outbox == NULL)
    *status = loket_ctl_fail_error (error);
  else if (need_key && loket_outbox_get_key_error (outbox) != NULL)
    {
      *status = loket_ctl_fail_error (loket_outbox_get_key_error (outbox));
      g_clear_pointer (&outbox, loket_outbox_close);
    }
  return outbox;
}

static LoketOutbox *
open_outbox (LoketCtl              *ctl,
             LoketOutboxOpenFlags   flags,
             int                   *status)
{
  return loket_ctl_open_outbox (ctl, flags, FALSE, status);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec <= 0)
    return g_strdup ("-");

  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

static char *
display_code (const char *canonical)
{
  char *display = loket_tracking_code_format (canonical);

  return display != NULL ? display : g_strdup (canonical);
}

static gboolean
parse_filter (int                 argc,
              char              **argv,
              int                 first,
              LoketOutboxFilter  *filter,
              gboolean           *json)
{
  filter->state = -1;
  filter->agency = NULL;

  for (int i = first; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        *json = TRUE;
      else if (g_str_equal (argv[i], "--agency") && i + 1 < argc)
        filter->agency = argv[++i];
      else if (g_str_equal (argv[i], "--state") && i + 1 < argc)
        {
          LoketOutboxState state;

          if (!loket_outbox_state_from_string (argv[++i], &state))
            {
              /* Translators: %s is what the user typed after --state. */
              loket_ctl_fail (_("unknown state '%s' (queued, sending, delivered, retry, rejected, "
                                "needs-staff, cancelled, waiting, cannot-proceed)"), argv[i]);
              return FALSE;
            }
          filter->state = (int) state;
        }
      else
        {
          /* Translators: %s is an argument the user typed. */
          loket_ctl_fail (_("unexpected argument '%s'"), argv[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static void
add_part_json (JsonBuilder     *builder,
               LoketOutboxPart *part)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "part_id");
  json_builder_add_string_value (builder, part->part_id);
  json_builder_set_member_name (builder, "tracking_code");
  json_builder_add_string_value (builder, part->tracking_code);
  json_builder_set_member_name (builder, "service");
  json_builder_add_string_value (builder, part->service);
  json_builder_set_member_name (builder, "agency");
  json_builder_add_string_value (builder, part->agency);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, loket_outbox_state_to_string (part->state));
  if (part->reason != NULL)
    {
      g_autoptr(LoketReason) reason = loket_reason_parse (part->reason);
      g_autofree char *words = loket_reason_to_text (reason);
      JsonNode *args = loket_reason_get_args (reason);

      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, loket_reason_get_code (reason));
      if (args != NULL)
        {
          json_builder_set_member_name (builder, "reason_args");
          json_builder_add_value (builder, args);
        }
      json_builder_set_member_name (builder, "reason_text");
      json_builder_add_string_value (builder, words);
    }
  if (part->reference != NULL)
    {
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, part->reference);
    }
  if (part->after != NULL)
    {
      json_builder_set_member_name (builder, "after");
      json_builder_add_string_value (builder, part->after);
    }
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, part->attempts);
  json_builder_set_member_name (builder, "http_status");
  json_builder_add_int_value (builder, part->http_status);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, part->created_at);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_int_value (builder, part->updated_at);
  json_builder_set_member_name (builder, "next_attempt_at");
  json_builder_add_int_value (builder, part->next_attempt_at);
  json_builder_set_member_name (builder, "has_personal_data");
  json_builder_add_boolean_value (builder, part->has_personal_data);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
}

static void
print_part_line (LoketOutboxPart *part)
{
  g_autofree char *code = display_code (part->tracking_code);
  g_autofree char *updated = format_time (part->updated_at);
  g_autofree char *reason = loket_reason_format (part->reason);

  printf ("%-17s %-36s %-22s %-16s %-14s %3u  %-19s %s\n",
          code, part->part_id, part->service, part->agency,
          loket_outbox_state_to_string (part->state), part->attempts, updated,
          part->reference != NULL ? part->reference : (reason != NULL ? reason : ""));
}

/* Why the agency is held, in words, or NULL when it is not held (or nobody knows). */
static char *
held_reason (GPtrArray  *agencies,
             const char *agency)
{
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      LoketOutboxAgency *entry = g_ptr_array_index (agencies, i);

      if (entry->held && g_strcmp0 (entry->agency, agency) == 0)
        return loket_reason_format (entry->held_reason);
    }
  return NULL;
}

int
loket_ctl_outbox_list (LoketCtl  *ctl,
                       int        argc,
                       char     **argv)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  LoketOutboxFilter filter;
  gboolean json = FALSE;
  int status = 0;

  if (!parse_filter (argc, argv, 1, &filter, &json))
    return 1;

  outbox = open_outbox (ctl, LOKET_OUTBOX_OPEN_READ_ONLY, &status);
  if (outbox == NULL)
    return status;

  parts = loket_outbox_list_parts (outbox, &filter, &error);
  if (parts == NULL)
    return loket_ctl_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "parts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < parts->len; i++)
        add_part_json (builder, g_ptr_array_index (parts, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }

  printf ("%-17s %-36s %-22s %-16s %-14s %3s  %-19s %s\n",
          _("CODE"), _("PART"), _("SERVICE"), _("AGENCY"), _("STATE"), _("TRY"),
          _("UPDATED"), _("REFERENCE OR REASON"));
  for (guint i = 0; i < parts->len; i++)
    print_part_line (g_ptr_array_index (parts, i));

  /* Translators: a count of parts at the end of `loketctl outbox list`. */
  printf (g_dngettext (GETTEXT_PACKAGE, "%u part\n", "%u parts\n", parts->len), parts->len);
  return 0;
}

int
loket_ctl_outbox_show (LoketCtl  *ctl,
                       int        argc,
                       char     **argv)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *created = NULL;
  g_autofree char *display = NULL;
  int status = 0;

  if (argc != 2)
    return loket_ctl_fail (_("usage: loketctl outbox show CODE|PART-ID"));

  outbox = open_outbox (ctl, LOKET_OUTBOX_OPEN_READ_ONLY, &status);
  if (outbox == NULL)
    return status;

  /* A part id finds its request; otherwise the argument is a tracking code. */
  {
    g_autoptr(LoketOutboxPart) part = loket_outbox_get_part (outbox, argv[1], NULL);

    if (part != NULL)
      code = g_strdup (part->tracking_code);
    else
      code = loket_tracking_code_parse (argv[1], &error);
  }
  if (code == NULL)
    return loket_ctl_fail_error (error);

  request = loket_outbox_get_request (outbox, code, &error);
  if (request == NULL)
    return loket_ctl_fail_error (error);

  /* Held agencies, for the parts that wait because of them. */
  agencies = loket_outbox_count_by_agency (outbox, NULL);

  display = display_code (request->tracking_code);
  created = format_time (request->created_at);
  printf ("%s %s\n", _("Tracking code:"), display);
  printf ("%s %s\n", _("Submitted:"), created);
  printf ("%s %s\n", _("Language:"), request->language);
  if (request->life_event != NULL)
    printf ("%s %s\n", _("Life event:"), request->life_event);
  printf ("\n");

  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (request->parts, i);
      g_autofree char *updated = format_time (part->updated_at);
      g_autofree char *next = format_time (part->next_attempt_at);
      g_autofree char *reason = loket_reason_format (part->reason);
      g_autofree char *held = held_reason (agencies, part->agency);

      printf ("%s %s\n", _("Part:"), part->part_id);
      printf ("  %-14s %s\n", _("service"), part->service);
      printf ("  %-14s %s\n", _("agency"), part->agency);
      printf ("  %-14s %s\n", _("state"), loket_outbox_state_to_string (part->state));
      if (reason != NULL)
        printf ("  %-14s %s\n", _("reason"), reason);
      if (held != NULL && !loket_outbox_state_is_final (part->state))
        /* Translators: a line of `loketctl outbox show`: why the part's agency is held. */
        printf ("  %-14s %s\n", _("agency held"), held);
      if (part->reference != NULL)
        printf ("  %-14s %s\n", _("reference"), part->reference);
      if (part->after != NULL)
        printf ("  %-14s %s\n", _("after"), part->after);
      printf ("  %-14s %u (%s %d)\n", _("attempts"), part->attempts, _("last HTTP status"),
              part->http_status);
      printf ("  %-14s %s\n", _("updated"), updated);
      if (!loket_outbox_state_is_final (part->state))
        printf ("  %-14s %s\n", _("next attempt"), next);
      printf ("  %-14s %s\n", _("personal data"),
              part->has_personal_data ? _("stored, encrypted") : _("deleted"));
    }

  return 0;
}

typedef gboolean (*PartAction) (LoketOutbox *outbox, const char *id, GError **error);

/* Returns 0 after the action succeeded; the caller says what was done. */
static int
run_action (LoketCtl   *ctl,
            int         argc,
            char      **argv,
            const char *usage,
            PartAction  action)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (argc != 2)
    return loket_ctl_fail ("%s", usage);

  outbox = open_outbox (ctl, LOKET_OUTBOX_OPEN_DEFAULT, &status);
  if (outbox == NULL)
    return status;

  if (!action (outbox, argv[1], &error))
    return loket_ctl_fail_error (error);

  return 0;
}

static int
done (int         status,
      const char *message)
{
  if (status == 0)
    printf ("%s\n", message);
  return status;
}

int
loket_ctl_outbox_retry (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  int status = run_action (ctl, argc, argv, _("usage: loketctl outbox retry PART-ID"),
                          loket_outbox_retry_now);
  g_autofree char *message = NULL;

  if (status == 0)
    /* Translators: %s is a part id. */
    message = g_strdup_printf (_("%s: will be sent again now"), argv[1]);
  return done (status, message);
}

int
loket_ctl_outbox_cancel (LoketCtl  *ctl,
                         int        argc,
                         char     **argv)
{
  int status = run_action (ctl, argc, argv, _("usage: loketctl outbox cancel PART-ID"),
                          loket_outbox_cancel);
  g_autofree char *message = NULL;

  if (status == 0)
    /* Translators: %s is a part id. */
    message = g_strdup_printf (_("%s: cancelled; its personal data is deleted"), argv[1]);
  return done (status, message);
}

int
loket_ctl_outbox_give_up (LoketCtl  *ctl,
                          int        argc,
                          char     **argv)
{
  int status = run_action (ctl, argc, argv, _("usage: loketctl outbox give-up PART-ID"),
                          loket_outbox_give_up_dependants);
  g_autofree char *message = NULL;

  if (status == 0)
    /* Translators: %s is a part id. */
    message = g_strdup_printf (_("%s: the parts waiting for it cannot proceed; their personal "
                                 "data is deleted"), argv[1]);
  return done (status, message);
}

static gboolean
purge_by_code (LoketOutbox  *outbox,
               const char   *text,
               GError      **error)
{
  g_autofree char *code = loket_tracking_code_parse (text, error);

  return code != NULL && loket_outbox_purge (outbox, code, error);
}

int
loket_ctl_outbox_purge (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  int status = run_action (ctl, argc, argv, _("usage: loketctl outbox purge CODE"),
                          purge_by_code);
  g_autofree char *message = NULL;

  if (status == 0)
    /* Translators: %s is a tracking code. */
    message = g_strdup_printf (_("%s: removed from the outbox"), argv[1]);
  return done (status, message);
}

typedef struct {
  GMainLoop *loop;
  gboolean   once;
  gboolean   stopping;
} DeliverState;

static gboolean
on_signal (gpointer user_data)
{
  DeliverState *state = user_data;

  state->stopping = TRUE;
  g_main_loop_quit (state->loop);
  return G_SOURCE_CONTINUE;
}

static void
on_idle (LoketDispatcher *dispatcher,
         gpointer         user_data)
{
  DeliverState *state = user_data;

  if (state->once)
    g_main_loop_quit (state->loop);
}

static void
on_part_changed (LoketDispatcher *dispatcher,
                 LoketPartChange *change,
                 gpointer         user_data)
{
  if (change->state == LOKET_OUTBOX_STATE_SENDING)
    return;

  g_print ("%s %s %s%s%s\n", change->part_id, change->agency,
           loket_outbox_state_to_string (change->state), change->reference != NULL ? " " : "",
           change->reference != NULL ? change->reference : "");
}

int
loket_ctl_outbox_deliver (LoketCtl  *ctl,
                          int        argc,
                          char     **argv)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketDispatcher) dispatcher = NULL;
  g_autoptr(LoketMetricsFile) metrics = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *owner = NULL;
  DeliverState state = { 0 };
  gboolean quiet = FALSE;
  guint sigterm, sigint;
  int status = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--once"))
        state.once = TRUE;
      else if (g_str_equal (argv[i], "--quiet"))
        quiet = TRUE;
      else
        return loket_ctl_fail (_("usage: loketctl outbox deliver [--once] [--quiet]"));
    }

  outbox = open_outbox (ctl, LOKET_OUTBOX_OPEN_DEFAULT, &status);
  if (outbox == NULL)
    return status;

  if (loket_outbox_get_key_error (outbox) != NULL)
    return loket_ctl_fail_error (loket_outbox_get_key_error (outbox));

  /* Written every 15 s while it runs, and once more as it stops (after --once too). */
  loket_metrics_init ("deliver");
  metrics = loket_metrics_file_new (loket_ctl_get_config (ctl, NULL), "loket-deliver.prom", TRUE);
  if (metrics != NULL && !state.once)
    loket_metrics_file_start (metrics, LOKET_METRICS_INTERVAL_MS);

  owner = g_strdup_printf ("loketctl:%d", (int) getpid ());
  dispatcher = loket_dispatcher_new (loket_ctl_get_config (ctl, NULL), outbox, owner, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;

  g_signal_connect (dispatcher, "idle", G_CALLBACK (on_idle), &state);
  if (!quiet)
    g_signal_connect (dispatcher, "part-changed", G_CALLBACK (on_part_changed), NULL);

  /* Stop cleanly: what is in flight is cancelled and sent again by the next engine. */
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &state);
  sigint = g_unix_signal_add (SIGINT, on_signal, &state);

  loket_dispatcher_start (dispatcher);
  g_main_loop_run (loop);
  loket_dispatcher_stop (dispatcher);

  /* Let the cancelled transfers report back, so their leases are released. */
  while (loket_dispatcher_get_n_in_flight (dispatcher) > 0)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (sigterm);
  g_source_remove (sigint);
  return 0;
}
