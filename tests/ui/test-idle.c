/* test-idle.c — the idle warning, its countdown, and the wipe that leaves nothing behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-choose-page.h"
#include "loket-consent-page.h"
#include "loket-track-page.h"
#include "metrics/loket-metrics.h"
#include "pages-test.h"
#include "sync-gate.h"
#include "ui-test-util.h"

#define NAME "Zsazsa Quirinius Wibowo"
#define NIK "3273015203920002"

static gboolean
is_warning (gpointer data)
{
  return loket_idle_is_warning (data);
}

static gboolean
shows_welcome (gpointer data)
{
  return g_strcmp0 (loket_window_get_page_name (data), "welcome") == 0;
}

/* Weak pointers on what held the citizen's data, to see it finalized after the wipe. */
typedef struct {
  GObject    *objects[16];
  const char *names[16];
  guint       n;
} Held;

static void
held_add (Held       *held,
          gpointer    object,
          const char *name)
{
  g_assert_nonnull (object);
  g_assert_cmpuint (held->n, <, G_N_ELEMENTS (held->objects));
  held->objects[held->n] = object;
  held->names[held->n] = name;
  g_object_add_weak_pointer (object, (gpointer *) &held->objects[held->n]);
  held->n++;
}

static gboolean
held_all_finalized (Held *held)
{
  for (guint i = 0; i < held->n; i++)
    if (held->objects[i] != NULL)
      return FALSE;
  return TRUE;
}

/* Every object that held the citizen's data is gone: a page that survives the wipe (a
 * reference kept in a signal handler, a closure, a cache) keeps their NIK in memory for
 * the next citizen to reach. */
static void
held_assert_finalized (Held *held)
{
  UiTestWait wait;

  ui_test_wait_begin (&wait, 5000);
  while (!held_all_finalized (held) && ui_test_wait_iterate (&wait))
    ;
  ui_test_wait_end (&wait);

  for (guint i = 0; i < held->n; i++)
    if (held->objects[i] != NULL)
      g_error ("%s (%s) was not finalized after the wipe (%u references left)", held->names[i],
               G_OBJECT_TYPE_NAME (held->objects[i]), held->objects[i]->ref_count);
}

static void
go_to_form (LoketWindow *window,
            const char  *life_event)
{
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     life_event), "clicked");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "documents");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "form:applicant");
}

static void
test_idle_config_times (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "idle-timeout = 45", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketIdle *idle = loket_window_get_idle (window);

  /* Not on welcome; on every other page, with the configured time. */
  g_assert_false (loket_idle_get_enabled (idle));
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_assert_true (loket_idle_get_enabled (idle));
  g_assert_cmpuint (loket_idle_get_idle_ms (idle), ==, 45000);
  g_assert_false (loket_idle_is_warning (idle));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (idle)));

  ui_test_activate (window, "flow.goto", "s", "welcome");
  ui_test_wait_for_page (window, "welcome");
  g_assert_false (loket_idle_get_enabled (idle));

  ui_test_window_destroy (window);
}

static void
test_idle_warns_then_continues (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketIdle *idle = loket_window_get_idle (window);
  g_autofree char *countdown = NULL;
  Held held = { 0 };

  loket_window_set_idle_timeouts_ms (window, 300, 3000);

  /* Welcome waits for ever. Really time: more than twice the 300 ms idle time passes, and
   * no warning may come of it. */
  ui_test_pump (700);
  g_assert_false (loket_idle_is_warning (idle));

  go_to_form (window, "birth");
  ui_test_type (ui_test_stub_entry (window), NIK);
  /* The idle time counts from here, however long the way to the form took. */
  loket_window_set_idle_timeouts_ms (window, 300, 3000);

  g_assert_true (ui_test_wait_until (is_warning, idle, 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (idle)));
  g_assert_cmpuint (loket_idle_get_seconds_left (idle), >=, 2);
  g_assert_cmpuint (loket_idle_get_seconds_left (idle), <=, 3);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (idle), "Do you need more time?"));
  countdown = g_strdup_printf ("For your privacy, what you entered will be cleared in %u seconds.",
                               loket_idle_get_seconds_left (idle));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (idle), countdown));

  /* "Yes, continue": the warning goes, the page and the text stay. */
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (idle), "Yes, continue"), "clicked");
  g_assert_false (loket_idle_is_warning (idle));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (idle)));
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "form:applicant");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_stub_entry (window))), ==, NIK);

  /* It comes back after another idle while, and "No, clear my data now" wipes at once. */
  g_assert_true (ui_test_wait_until (is_warning, idle, 5000));
  held_add (&held, loket_window_get_page (window), "the form page");
  held_add (&held, ui_test_stub_entry (window), "its entry");
  held_add (&held, loket_session_get_request (env->session), "the request");
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (idle), "No, clear my data now"),
                         "clicked");
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "welcome");
  g_assert_false (ui_test_tree_contains (GTK_WIDGET (window), NIK, NULL));
  held_assert_finalized (&held);

  ui_test_window_destroy (window);
}

static void
test_idle_wipe (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = id", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketIdle *idle = loket_window_get_idle (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  LoketRequest *request;
  g_autoptr(GPtrArray) services = NULL;
  char *where = NULL;
  Held held = { 0 };
  double idle_sessions = MAX (0, loket_metrics_get ("loket_sessions_total", "idle", NULL));

  /* The citizen switches to English, picks a life event, types their NIK
   * and the child's name, copies the name, and walks away. */
  ui_test_activate (window, "flow.language", "s", "en");
  go_to_form (window, "birth");
  ui_test_type (ui_test_stub_entry (window), NIK);
  ui_test_activate (window, "flow.goto", "s", "form:child");
  ui_test_wait_for_page (window, "form:child");
  ui_test_type (ui_test_stub_entry (window), NAME);
  gdk_clipboard_set_text (clipboard, NAME);
  g_assert_nonnull (gdk_clipboard_get_content (clipboard));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (window), NAME, NULL));

  /* Undo history is off on the personal field. */
  g_assert_false (gtk_editable_get_enable_undo (GTK_EDITABLE (gtk_editable_get_delegate (GTK_EDITABLE (ui_test_stub_entry (window))))));

  /* They walk away now: the idle time counts from here. */
  loket_window_set_idle_timeouts_ms (window, 400, 600);

  held_add (&held, loket_window_lookup_page (window, "choose"), "the choose page");
  held_add (&held, loket_window_lookup_page (window, "form:applicant"), "the applicant's page");
  held_add (&held, loket_window_lookup_page (window, "form:child"), "the child's page");
  held_add (&held, ui_test_stub_entry (window), "the child's name entry");
  held_add (&held, loket_session_get_request (env->session), "the request");

  g_assert_true (ui_test_wait_until (shows_welcome, window, 10000));
  /* The pages, their entries and the request are finalized, not merely hidden. */
  held_assert_finalized (&held);

  /* Nothing of theirs anywhere in the window. */
  if (ui_test_tree_contains (GTK_WIDGET (window), NAME, &where) ||
      ui_test_tree_contains (GTK_WIDGET (window), NIK, &where))
    g_error ("the citizen's data survived the wipe in %s", where);
  g_assert_null (loket_window_lookup_page (window, "form:child"));
  g_assert_null (loket_window_lookup_page (window, "form:applicant"));
  g_assert_null (loket_window_lookup_page (window, "choose"));
  g_assert_false (loket_idle_is_warning (idle));
  g_assert_false (loket_idle_get_enabled (idle));
  g_assert_null (loket_keyboard_get_target (loket_window_get_keyboard (window)));

  /* The request is a new, empty one, in the kiosk's default language. */
  request = loket_session_get_request (env->session);
  services = loket_request_get_services (request);
  g_assert_cmpuint (services->len, ==, 0);
  g_assert_null (loket_request_get_life_event (request));
  g_assert_null (loket_request_get_text (request, "applicant.nik"));
  g_assert_null (loket_request_get_text (request, "child.name"));
  g_assert_cmpstr (loket_session_get_language (env->session), ==, "id");
  /* Counted once, as wiped by the idle timer (loket_sessions_total{outcome="idle"}). */
  g_assert_cmpfloat (loket_metrics_get ("loket_sessions_total", "idle", NULL), ==,
                     idle_sessions + 1);

  /* The clipboard holds nothing. */
  g_assert_null (gdk_clipboard_get_content (clipboard));
  g_assert_null (gdk_clipboard_get_content (gdk_display_get_primary_clipboard (gtk_widget_get_display (GTK_WIDGET (window)))));

  ui_test_window_destroy (window);
}

static void
test_idle_wipe_track (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1920, 1080);
  Held held = { 0 };

  /* The tracking page is wiped too: the next citizen does not see the last one's code. */
  ui_test_activate (window, "flow.goto", "s", "track");
  ui_test_wait_for_page (window, "track");
  ui_test_type (loket_track_page_get_entry (LOKET_TRACK_PAGE (loket_window_get_page (window))),
                "7K3M9QXA2RTB");
  loket_window_set_idle_timeouts_ms (window, 300, 300);
  held_add (&held, loket_window_get_page (window), "the track page");
  held_add (&held, loket_track_page_get_entry (LOKET_TRACK_PAGE (loket_window_get_page (window))),
            "the code's entry");
  g_assert_true (ui_test_wait_until (shows_welcome, window, 10000));
  held_assert_finalized (&held);
  g_assert_false (ui_test_tree_contains (GTK_WIDGET (window), "7K3M9QXA2RTB", NULL));
  g_assert_null (loket_window_lookup_page (window, "track"));

  ui_test_window_destroy (window);
}

static gboolean
sync_held (gpointer data)
{
  return sync_gate_get_waiting () > 0;
}

static gboolean
session_idle (gpointer data)
{
  return !loket_session_is_submitting (data);
}

/* The citizen presses Submit and walks away while the disk is held mid-fsync: the screen
 * keeps running (the idle timer wipes it), the request is stored whole and stays in the
 * outbox, Welcome gets its Next back, and nothing of the request reaches the next citizen. */
static void
test_idle_wipe_mid_submit (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  GtkWidget *next, *back;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  ui_test_activate (window, "flow.goto", "s", "consent");
  ui_test_wait_for_page (window, "consent");
  next = ui_test_find_action (GTK_WIDGET (window), "flow.next");
  back = ui_test_find_action (GTK_WIDGET (window), "flow.back");
  g_assert_true (gtk_widget_get_sensitive (next));

  sync_gate_close ();
  ui_test_activate (window, "flow.next", NULL);
  g_assert_true (ui_test_wait_until (sync_held, NULL, 10000));
  ui_test_pump (50);
  g_assert_true (loket_consent_page_get_busy (LOKET_CONSENT_PAGE (loket_window_get_page (window))));
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_false (gtk_widget_get_sensitive (back));

  loket_window_set_idle_timeouts_ms (window, 200, 200);
  g_assert_true (ui_test_wait_until (shows_welcome, window, 10000));
  g_assert_true (loket_session_is_submitting (env->session));

  sync_gate_open ();
  g_assert_true (ui_test_wait_until (session_idle, env->session, 10000));
  ui_test_pump (50);
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "welcome");
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_null (loket_session_get_tracking_code (env->session));
  requests = loket_outbox_list_requests (loket_session_get_outbox (env->session), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);

  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  /* Before any outbox opens: every connection goes through the gate. */
  sync_gate_install ();
  ui_test_use_stub_form ();

  g_test_add_func ("/idle/config-times", test_idle_config_times);
  g_test_add_func ("/idle/warns-then-continues", test_idle_warns_then_continues);
  g_test_add_func ("/idle/wipe", test_idle_wipe);
  g_test_add_func ("/idle/wipe-track", test_idle_wipe_track);
  g_test_add_func ("/idle/wipe-mid-submit", test_idle_wipe_mid_submit);

  return g_test_run ();
}
