/* test-track.c — tracking a submitted request by its code: keypad, scanner, typing mistakes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "core/loket-tracking-code.h"
#include "net/loket-tracker.h"
#include "outbox/loket-submission.h"
#include "loket-track-page.h"
#include "ui-test-util.h"

/* Stores tests/data/requests/birth.json in the session's outbox, as the kiosk's Submit does;
 * returns the canonical code. */
static char *
submit_birth (UiTestEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("LOKET_SOURCE_DIR"), "tests", "data",
                                            "requests", "birth.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LoketRequest) request = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  char *code;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  request = loket_request_new_from_json (loket_session_get_catalog (env->session),
                                         json_parser_get_root (parser), NULL, &error);
  g_assert_no_error (error);
  code = loket_submission_store (loket_session_get_outbox (env->session), env->config, request,
                                 &parts, &error);
  g_assert_no_error (error);
  g_assert_true (loket_tracking_code_is_canonical (code));
  g_assert_cmpuint (parts->len, ==, 4);

  return code;
}

/* The service's part in the outbox was delivered (by the session's delivery thread). */
static gboolean
part_delivered (UiTestEnv  *env,
                const char *code,
                const char *service)
{
  g_autoptr(LoketOutboxRequest) stored =
    loket_outbox_get_request (loket_session_get_outbox (env->session), code, NULL);

  for (guint i = 0; stored != NULL && i < stored->parts->len; i++)
    {
      const LoketOutboxPart *part = g_ptr_array_index (stored->parts, i);

      if (g_str_equal (part->service, service))
        return part->state == LOKET_OUTBOX_STATE_DELIVERED;
    }
  return FALSE;
}

static LoketTrackPage *
open_track (LoketWindow *window)
{
  ui_test_activate (window, "flow.goto", "s", "track");
  ui_test_wait_for_page (window, "track");
  return LOKET_TRACK_PAGE (loket_window_get_page (window));
}

static gboolean
lookup_done (gpointer data)
{
  return !loket_track_page_is_busy (data);
}

static void
look_up (LoketWindow    *window,
         LoketTrackPage *page)
{
  ui_test_activate (window, "flow.next", NULL);
  g_assert_true (ui_test_wait_until (lookup_done, page, 20000));
  /* What the answer set off (the list of parts, the message) has run. */
  ui_test_drain ();
  /* Looking up keeps the citizen on the page. */
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "track");
}

static void
type_on_keypad (LoketWindow *window,
                const char  *text)
{
  LoketKeyboard *keyboard = loket_window_get_keyboard (window);

  for (const char *p = text; *p != '\0'; p++)
    {
      char symbol[2] = { g_ascii_tolower (*p), '\0' };

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keyboard), "kbd.type", "s", symbol));
    }
}

static const LoketTrackedPart *
find_part (GPtrArray  *parts,
           const char *service)
{
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      const LoketTrackedPart *part = g_ptr_array_index (parts, i);

      if (g_strcmp0 (part->service, service) == 0)
        return part;
    }
  return NULL;
}

static void
test_track_keypad (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (FALSE, "default-language = en", NULL);
  g_autofree char *code = submit_birth (env);
  g_autofree char *shown = loket_tracking_code_format (code);
  g_autofree char *heading = g_strdup_printf ("Request %s", shown);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketTrackPage *page = open_track (window);
  GtkWidget *entry = loket_track_page_get_entry (page);
  LoketKeyboard *keyboard = loket_window_get_keyboard (window);
  GPtrArray *parts;
  const LoketTrackedPart *waiting;

  /* The code's field has the focus (a scanner types into it) and the keyboard serves it. */
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (keyboard) == GTK_EDITABLE (entry), 5000);
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_has_focus (gtk_widget_get_first_child (entry)) ||
                 loket_keyboard_get_target (keyboard) == GTK_EDITABLE (entry));
  g_assert_true (loket_keyboard_get_target (keyboard) == GTK_EDITABLE (entry));

  /* Typed on the on-screen keys, as shown on the receipt (hyphens and lower case are fine). */
  type_on_keypad (window, shown);
  {
    g_autofree char *typed = g_ascii_strdown (shown, -1);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, typed);
  }
  look_up (window, page);
  g_assert_null (loket_track_page_get_problem (page));
  parts = loket_track_page_get_parts (page);
  g_assert_nonnull (parts);
  g_assert_cmpuint (parts->len, ==, 4);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), heading));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), "Birth certificate"));

  /* Not delivered yet: on its way, and the family card waits for the birth certificate. */
  waiting = find_part (parts, "kk-update");
  g_assert_nonnull (waiting);
  g_assert_cmpint (waiting->state, ==, LOKET_TRACK_WAITING);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), "Will be sent after Birth certificate"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), "Being sent to the office"));

  /* Nothing personal on the page. */
  g_assert_false (ui_test_tree_contains (GTK_WIDGET (window), "Siti", NULL));
  g_assert_false (ui_test_tree_contains (GTK_WIDGET (window), "3273015203920002", NULL));
  g_assert_false (ui_test_tree_contains (GTK_WIDGET (window), "Putri", NULL));

  /* Delivered: the office's own word and reference show. */
  g_assert_true (loket_session_start_delivery (env->session, NULL));
  UI_TEST_WAIT_UNTIL (part_delivered (env, code, "birth-certificate"), 60000);
  look_up (window, page);
  g_assert_cmpint (find_part (loket_track_page_get_parts (page), "birth-certificate")->state, ==,
                   LOKET_TRACK_RECEIVED);
  g_assert_nonnull (find_part (loket_track_page_get_parts (page), "birth-certificate")->reference);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), "Received by the office"));
  g_assert_false (ui_test_tree_contains (GTK_WIDGET (window), "Siti", NULL));

  ui_test_window_destroy (window);
}

static void
test_track_mistyped (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (FALSE, "default-language = en", NULL);
  g_autofree char *code = submit_birth (env);
  g_autofree char *wrong = g_strdup (code);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketTrackPage *page = open_track (window);
  GtkWidget *entry = loket_track_page_get_entry (page);
  const char *problem;

  /* One symbol wrong (not the check symbol): the check symbol catches it before any office
   * is asked. */
  wrong[4] = wrong[4] == '7' ? '8' : '7';
  gtk_editable_set_text (GTK_EDITABLE (entry), wrong);
  look_up (window, page);
  problem = loket_track_page_get_problem (page);
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem, ==,
                   "One letter or digit of this code is wrong. Please compare it with your receipt, sign by sign.");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (loket_track_page_get_parts (page));
  /* What was typed stays, to be corrected. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, wrong);

  /* Too short. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "7K3M-9QXA");
  look_up (window, page);
  g_assert_true (g_str_has_prefix (loket_track_page_get_problem (page), "A tracking code has 13"));

  /* A code nobody knows. */
  {
    g_autofree char *unknown = loket_tracking_code_from_value (12345);

    gtk_editable_set_text (GTK_EDITABLE (entry), unknown);
    look_up (window, page);
    g_assert_true (g_str_has_prefix (loket_track_page_get_problem (page), "No request with this code"));
  }

  /* Corrected: the message goes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  look_up (window, page);
  g_assert_null (loket_track_page_get_problem (page));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (loket_track_page_get_parts (page)->len, ==, 4);

  ui_test_window_destroy (window);
}

static void
test_track_scanner (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (FALSE, "default-language = en",
                                                   "[tracking]\nurl = https://lacak.example/loket/{code}?agencies={agencies}");
  g_autofree char *code = submit_birth (env);
  g_autofree char *shown = loket_tracking_code_format (code);
  g_autofree char *loket1 = g_strdup_printf ("LOKET1:%s:dukcapil,bpjs-kesehatan", code);
  g_autofree char *url = g_strdup_printf ("https://lacak.example/loket/%s?agencies=dukcapil", code);
  LoketWindow *window = ui_test_window_new (env, 1920, 1080);
  LoketTrackPage *page = open_track (window);
  GtkWidget *entry = loket_track_page_get_entry (page);

  /* A scanner types the QR text into the focused field and presses Enter. */
  ui_test_type (entry, loket1);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (ui_test_wait_until (lookup_done, page, 20000));
  ui_test_drain ();
  g_assert_null (loket_track_page_get_problem (page));
  g_assert_cmpuint (loket_track_page_get_parts (page)->len, ==, 4);
  /* The field then shows the code as the receipt prints it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, shown);

  /* The phone URL of the receipt's QR works too. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  ui_test_type (entry, url);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (ui_test_wait_until (lookup_done, page, 20000));
  ui_test_drain ();
  g_assert_null (loket_track_page_get_problem (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, shown);

  /* A language change re-reads the page's words and keeps the result. */
  ui_test_activate (window, "flow.language", "s", "id");
  UI_TEST_WAIT_UNTIL (g_strcmp0 (loket_session_get_language (env->session), "id") == 0 &&
                      ui_test_find_label (GTK_WIDGET (page), "Birth certificate") == NULL, 5000);
  g_assert_true (LOKET_TRACK_PAGE (loket_window_get_page (window)) == page);
  g_assert_cmpuint (loket_track_page_get_parts (page)->len, >=, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, shown);

  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/track/keypad", test_track_keypad);
  g_test_add_func ("/track/mistyped", test_track_mistyped);
  g_test_add_func ("/track/scanner", test_track_scanner);

  return g_test_run ();
}
