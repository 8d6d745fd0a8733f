/* test-submitting.c — the submitting page against the agency simulator: live states, a rejection
 * corrected in place and sent again as a new part
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "loket-field-row.h"
#include "loket-submitting-page.h"
#include "loket-theme.h"
#include "pages-test.h"
#include "sync-gate.h"

/* Sends one control request to the simulator (plain HTTP on loopback); returns the status. */
static guint
sim_post (UiTestEnv  *env,
          const char *path,
          const char *json)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *status_line = NULL;
  gsize written;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", env->port, NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: %zu\r\n"
                             "Connection: close\r\n\r\n%s", path, strlen (json), json);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), &written, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status_line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status_line);
  return (guint) g_ascii_strtoull (status_line + strlen ("HTTP/1.1 "), NULL, 10);
}

typedef struct {
  LoketSubmittingPage *page;
  const char          *service;
  int                  state;
} PartState;

static gboolean
part_in_state (gpointer data)
{
  PartState *wanted = data;
  int state = -1;

  loket_submitting_page_get_part (wanted->page, wanted->service, NULL, &state, NULL);
  return state == wanted->state;
}

static void
wait_for_state (LoketSubmittingPage *page,
                const char          *service,
                int                  state)
{
  PartState wanted = { page, service, state };

  if (!ui_test_wait_until (part_in_state, &wanted, 30000))
    {
      const char *text = NULL;
      const char *part_id = NULL;
      int now = -1;
      LoketSession *session = loket_page_get_session (LOKET_PAGE (page));
      g_autoptr(LoketOutboxPart) stored = NULL;

      loket_submitting_page_get_part (page, service, &part_id, &now, &text);
      stored = loket_outbox_get_part (loket_session_get_outbox (session), part_id, NULL);
      g_error ("%s: state %s, not %s (%s); the outbox says %s (%s)", service,
               loket_outbox_state_to_string (now), loket_outbox_state_to_string (state), text,
               stored != NULL ? loket_outbox_state_to_string (stored->state) : "nothing",
               stored != NULL && stored->reason != NULL ? stored->reason : "");
    }
}

/* The kiosk's delivery engine (its own thread) against the simulator. */
static LoketSubmittingPage *
submitted_page (UiTestEnv  *env,
                GtkWindow **window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  LoketSubmittingPage *page;

  g_assert_true (loket_session_start_delivery (env->session, &error));
  g_assert_no_error (error);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);

  page = g_object_new (LOKET_TYPE_SUBMITTING_PAGE, "session", env->session, NULL);
  *window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  return page;
}

static void
test_submitting_received (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  LoketSubmittingPage *page;
  GtkWindow *window;
  g_auto(GStrv) services = NULL;
  GPtrArray *parts;

  pages_fill_request (loket_session_get_request (env->session), "new-business", TRUE);
  page = submitted_page (env, &window);
  g_assert_false (loket_page_get_show_back (LOKET_PAGE (page)));
  g_assert_cmpstr (loket_page_get_next_label (LOKET_PAGE (page)), ==, _("See my receipt"));

  /* One line per part, each on its way or received — with the agency's reference. */
  services = loket_submitting_page_dup_services (page);
  parts = loket_session_get_parts (env->session);
  g_assert_cmpuint (g_strv_length (services), ==, parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      LoketPart *part = g_ptr_array_index (parts, i);
      g_autoptr(LoketOutboxPart) stored = NULL;
      g_autofree char *expected = NULL;
      const char *text = NULL;

      g_assert_cmpstr (services[i], ==, part->service);
      wait_for_state (page, part->service, LOKET_OUTBOX_STATE_DELIVERED);
      stored = loket_outbox_get_part (loket_session_get_outbox (env->session), part->part_id,
                                      NULL);
      g_assert_nonnull (stored->reference);
      loket_submitting_page_get_part (page, part->service, NULL, NULL, &text);
      /* "Reached <agency>", never "accepted": nothing is approved yet. */
      expected = g_strdup_printf (_("Reached %s. Reference: %s"),
                                  C_CATALOG (loket_catalog_get_service (loket_session_get_catalog (env->session),
                                                                        part->service)->agency->short_name),
                                  stored->reference);
      g_assert_null (strstr (text, "ccept"));
      g_assert_cmpstr (text, ==, expected);
      g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), expected, NULL));
    }

  /* Every part left "sending": the citizen may go on to the receipt. */
  g_assert_true (loket_page_get_show_next (LOKET_PAGE (page)));
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  pages_window_destroy (window);
  /* The parts' states are part of the Receipt page now (one page for the hand-over): its
   * screenshots are test-receipt's. */
}

static void
test_submitting_rejected_and_resent (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  LoketRequest *request;
  LoketSubmittingPage *page;
  GtkWindow *window;
  GPtrArray *rows;
  LoketFieldRow *row;
  const char *old_part = NULL, *new_part = NULL, *text = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *screenshot = NULL;
  g_autofree char *prefix = NULL;

  /* The civil registry refuses a child named "Budi Salah". */
  g_assert_cmpuint (sim_post (env, "/_control/faults",
                              "{\"agency\":\"dukcapil\","
                              "\"faults\":[\"reject:child.name=Budi Salah\"]}"), ==, 200);

  request = loket_session_get_request (env->session);
  pages_fill_request (request, "birth", FALSE);
  loket_request_set_text (request, "child.name", "Budi Salah");
  loket_request_set_consent (request, "dukcapil", TRUE);
  loket_request_set_consent (request, "bpjs-kesehatan", TRUE);
  page = submitted_page (env, &window);

  wait_for_state (page, "birth-certificate", LOKET_OUTBOX_STATE_REJECTED);
  loket_submitting_page_get_part (page, "birth-certificate", &old_part, NULL, &text);
  old_id = g_strdup (old_part);
  /* The agency's own reason, in the citizen's language (the simulator speaks id or en). */
  g_test_message ("rejected: %s", text);
  prefix = g_strdup_printf (_("The agency could not accept it: %s"), "");
  g_assert_true (g_str_has_prefix (text, prefix));
  g_assert_cmpuint (strlen (text), >, strlen (prefix));

  /* Only the named field, to correct in place. */
  rows = loket_submitting_page_get_correction (page, "birth-certificate");
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (loket_field_row_get_field (row)->id, ==, "child.name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (loket_field_row_get_entry (row))), ==,
                   "Budi Salah");
  /* ui_test_screenshot waits for the correction's rows to be drawn. */
  screenshot = ui_test_screenshot (GTK_WIDGET (window), "submitting-rejected-id-portrait");
  /* The same in large text and high contrast, the look a citizen may have chosen. */
  {
    GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
    g_autofree char *contrast = NULL;

    loket_theme_set (display, TRUE, TRUE);
    ui_test_wait_frame (GTK_WIDGET (window));
    contrast = ui_test_screenshot (GTK_WIDGET (window),
                                   "submitting-rejected-id-portrait-large-high-contrast");
    loket_theme_set (display, FALSE, FALSE);
    ui_test_wait_frame (GTK_WIDGET (window));
  }

  gtk_editable_set_text (GTK_EDITABLE (loket_field_row_get_entry (row)), "Budi Santoso Putra");
  g_assert_cmpstr (loket_request_get_text (request, "child.name"), ==, "Budi Santoso Putra");

  /* Sent again: a new part (a new Idempotency-Key), same tracking code, and received. */
  sync_gate_reset_counts ();
  g_signal_emit_by_name (loket_submitting_page_get_resend_button (page, "birth-certificate"),
                         "clicked");
  /* Stored off the screens' thread: the correction goes once the new part is durable, and
   * no fsync was made on this one. */
  UI_TEST_WAIT_UNTIL (loket_submitting_page_get_correction (page, "birth-certificate") == NULL,
                      10000);
  g_assert_cmpuint (sync_gate_get_syncs (), >, 0);
  g_assert_cmpuint (sync_gate_get_main_syncs (), ==, 0);
  loket_submitting_page_get_part (page, "birth-certificate", &new_part, NULL, NULL);
  g_assert_cmpstr (new_part, !=, old_id);
  g_assert_null (loket_submitting_page_get_correction (page, "birth-certificate"));
  wait_for_state (page, "birth-certificate", LOKET_OUTBOX_STATE_DELIVERED);

  {
    g_autoptr(LoketOutboxRequest) stored =
      loket_outbox_get_request (loket_session_get_outbox (env->session),
                                loket_session_get_tracking_code (env->session), NULL);
    guint n_birth = 0;

    for (guint i = 0; i < stored->parts->len; i++)
      {
        LoketOutboxPart *part = g_ptr_array_index (stored->parts, i);

        if (g_strcmp0 (part->service, "birth-certificate") != 0)
          continue;
        n_birth++;
        if (g_strcmp0 (part->part_id, old_id) == 0)
          g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_REJECTED);
        else
          g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
      }
    g_assert_cmpuint (n_birth, ==, 2);
  }
  pages_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  /* Before any outbox opens: every connection of these tests goes through the gate. */
  sync_gate_install ();

  g_test_add_func ("/submitting/received", test_submitting_received);
  g_test_add_func ("/submitting/rejected-and-resent", test_submitting_rejected_and_resent);

  return g_test_run ();
}
