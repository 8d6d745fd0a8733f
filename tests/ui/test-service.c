/* test-service.c — out of service and back: a key or state folder problem, at start or later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk that cannot keep a request safe stays up and out of service: Welcome says so in
 * the citizen's language and offers no Start, Track still works, staff read the reason once
 * in the log, and the kiosk rechecks (every 30 s; 100 ms here) until it is back in service
 * by itself.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "outbox/loket-outbox-private.h"
#include "pages-test.h"
#include "loket-window.h"

#define RECHECK_MS 100

static const char notice_en[] =
  "This kiosk is not taking requests right now. Please go to the counter.";
static const char notice_id[] =
  "Kios ini sedang tidak menerima permohonan. Silakan menuju loket.";

/* A session on env's configuration with another key file and state folder. */
static LoketSession *
session_with (UiTestEnv  *env,
              const char *key_file,
              const char *state_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (env->dir, "service.conf", NULL);
  g_autoptr(GString) edited = NULL;
  g_autoptr(LoketConfig) config = NULL;
  LoketSession *session;

  g_file_get_contents (env->config_path, &text, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, env->key_file, key_file, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (edited, env->state_dir, state_dir, 1), ==, 1);
  g_file_set_contents (path, edited->str, -1, &error);
  g_assert_no_error (error);
  config = loket_config_load (path, &error);
  g_assert_no_error (error);

  session = loket_session_new (config, &error);
  g_assert_no_error (error);
  loket_session_set_recheck_interval_ms (session, RECHECK_MS);
  return session;
}

static LoketWindow *
window_for (LoketSession *session)
{
  LoketWindow *window = loket_window_new_with_session (NULL, session, FALSE);

  gtk_window_set_default_size (GTK_WINDOW (window), 1080, 1920);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_pump (300);
  return window;
}

static gboolean
welcome_in_service (LoketWindow *window,
                    const char  *notice)
{
  GtkWidget *label = ui_test_find_label (GTK_WIDGET (loket_window_get_page (window)), notice);
  GtkWidget *start = ui_test_find_action (GTK_WIDGET (window), "flow.next");

  g_assert_cmpstr (loket_window_get_page_name (window), ==, "welcome");
  g_assert_nonnull (label);
  g_assert_nonnull (start);
  /* Both follow the same state: never a notice beside a Start button. */
  g_assert_cmpint (gtk_widget_get_visible (label), !=, gtk_widget_get_visible (start));
  return gtk_widget_get_visible (start);
}

static gboolean
in_service (gpointer data)
{
  return loket_service_state_in_service (loket_session_get_service_state (data));
}

static gboolean
out_of_service (gpointer data)
{
  return !in_service (data);
}

/* Log lines since the counts were taken: one per reason that came (out), one per return. */
static void
assert_logs (guint out_before,
             guint in_before,
             guint out_expected,
             guint in_expected)
{
  guint out, in;

  ui_test_service_logs (&out, &in);
  g_assert_cmpuint (out - out_before, ==, out_expected);
  g_assert_cmpuint (in - in_before, ==, in_expected);
}

static void
copy_key (UiTestEnv  *env,
          const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gsize length;

  g_file_get_contents (env->key_file, &key, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (to, key, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

/* No key at start: out of service, said in both languages, no Start, Track works; the key
 * put in place brings the kiosk back by itself. */
static void
test_service_key_at_start (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autofree char *key = g_build_filename (env->dir, "later.key", NULL);
  g_autofree char *state = g_build_filename (env->dir, "state-2", NULL);
  g_autoptr(LoketSession) session = NULL;
  g_autoptr(GError) error = NULL;
  LoketServiceState *service;
  LoketWindow *window;
  guint out0, in0;

  ui_test_service_logs (&out0, &in0);
  session = session_with (env, key, state);
  service = loket_session_get_service_state (session);
  g_assert_false (loket_service_state_in_service (service));
  g_assert_cmpint (loket_service_state_get_reasons (service), ==, LOKET_OUT_OF_SERVICE_SECRET);
  g_assert_nonnull (strstr (loket_service_state_get_why (service, LOKET_OUT_OF_SERVICE_SECRET),
                            key));
  g_assert_false (loket_session_can_submit (session, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY);
  g_clear_error (&error);
  assert_logs (out0, in0, 1, 0);

  window = window_for (session);
  g_assert_false (welcome_in_service (window, notice_en));
  g_free (ui_test_screenshot (GTK_WIDGET (window), "service-out-en"));

  /* In the citizen's language. */
  ui_test_activate (window, "flow.language", "s", "id");
  ui_test_pump (100);
  g_assert_false (welcome_in_service (window, notice_id));
  g_free (ui_test_screenshot (GTK_WIDGET (window), "service-out-id"));
  ui_test_activate (window, "flow.language", "s", "en");
  ui_test_pump (100);

  /* The main action pressed anyway (a key, a test) leads nowhere. */
  ui_test_activate (window, "flow.next", NULL);
  ui_test_pump (100);
  g_assert_false (welcome_in_service (window, notice_en));

  /* Tracking still works. */
  ui_test_activate (window, "flow.goto", "s", "track");
  ui_test_wait_for_page (window, "track");
  ui_test_activate (window, "flow.back", NULL);
  ui_test_wait_for_page (window, "welcome");

  /* Several rechecks find it still broken: nothing more in the log. */
  ui_test_pump (6 * RECHECK_MS);
  g_assert_false (loket_service_state_in_service (service));
  assert_logs (out0, in0, 1, 0);

  /* Mended: back in service by itself, logged once. */
  copy_key (env, key);
  g_assert_true (ui_test_wait_until (in_service, session, 5000));
  ui_test_pump (50);
  g_assert_true (welcome_in_service (window, notice_en));
  g_assert_true (loket_session_can_submit (session, NULL));
  assert_logs (out0, in0, 1, 1);
  ui_test_pump (3 * RECHECK_MS);
  assert_logs (out0, in0, 1, 1);

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  ui_test_window_destroy (window);
}

/* A state folder that cannot be made (a file is in the way): the outbox reason, until the
 * way is clear. */
static void
test_service_state_dir_at_start (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autofree char *blocker = g_build_filename (env->dir, "blocker", NULL);
  g_autofree char *state = g_build_filename (blocker, "state", NULL);
  g_autoptr(LoketSession) session = NULL;
  g_autoptr(GError) error = NULL;
  LoketWindow *window;
  guint out0, in0;

  g_file_set_contents (blocker, "not a folder\n", -1, &error);
  g_assert_no_error (error);

  ui_test_service_logs (&out0, &in0);
  session = session_with (env, env->key_file, state);
  g_assert_cmpint (loket_service_state_get_reasons (loket_session_get_service_state (session)),
                   ==, LOKET_OUT_OF_SERVICE_OUTBOX);
  g_assert_null (loket_session_get_outbox (session));
  g_assert_false (loket_session_can_submit (session, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  window = window_for (session);
  g_assert_false (welcome_in_service (window, notice_en));
  ui_test_pump (4 * RECHECK_MS);
  assert_logs (out0, in0, 1, 0);

  g_assert_no_errno (g_unlink (blocker));
  g_assert_true (ui_test_wait_until (in_service, session, 5000));
  ui_test_pump (50);
  g_assert_true (welcome_in_service (window, notice_en));
  g_assert_nonnull (loket_session_get_outbox (session));
  g_assert_true (loket_session_can_submit (session, NULL));
  assert_logs (out0, in0, 1, 1);

  ui_test_window_destroy (window);
}

/* Found later: a store that fails for the outbox's sake takes the kiosk out of service (the
 * Welcome page follows at once); the recheck finds the outbox working and brings it back. */
static void
test_service_store_fails_later (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  LoketWindow *window;
  guint out0, in0;

  /* A long interval while the broken state is looked at, so a slow machine does not see
   * the recheck mend it first. */
  loket_session_set_recheck_interval_ms (env->session, 60 * 1000);
  g_assert_true (in_service (env->session));
  window = window_for (env->session);
  g_assert_true (welcome_in_service (window, notice_en));

  ui_test_service_logs (&out0, &in0);
  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  loket_outbox_set_fail_after_parts (loket_session_get_outbox (env->session), 0);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_null (code);
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_true (out_of_service (env->session));
  g_assert_false (loket_session_can_submit (env->session, NULL));
  ui_test_pump (20);
  g_assert_false (welcome_in_service (window, notice_en));
  assert_logs (out0, in0, 1, 0);

  loket_session_set_recheck_interval_ms (env->session, RECHECK_MS);
  g_assert_true (ui_test_wait_until (in_service, env->session, 5000));
  ui_test_pump (50);
  g_assert_true (welcome_in_service (window, notice_en));
  assert_logs (out0, in0, 1, 1);

  /* The same request goes in now. */
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);

  ui_test_window_destroy (window);
}

/* Found later: delivery that cannot open its own connection (the state folder gone, a file
 * in its place); the recheck starts delivery once the folder is back. */
static void
test_service_delivery_fails_later (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autofree char *away = g_strconcat (env->state_dir, ".away", NULL);
  g_autoptr(GError) error = NULL;
  guint out0, in0;

  loket_session_set_recheck_interval_ms (env->session, RECHECK_MS);
  ui_test_service_logs (&out0, &in0);

  g_assert_no_errno (g_rename (env->state_dir, away));
  g_file_set_contents (env->state_dir, "not a folder\n", -1, &error);
  g_assert_no_error (error);

  g_assert_false (loket_session_start_delivery (env->session, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_cmpint (loket_service_state_get_reasons (loket_session_get_service_state (env->session)),
                   ==, LOKET_OUT_OF_SERVICE_OUTBOX);
  ui_test_pump (4 * RECHECK_MS);
  assert_logs (out0, in0, 1, 0);

  g_assert_no_errno (g_unlink (env->state_dir));
  g_assert_no_errno (g_rename (away, env->state_dir));
  g_assert_true (ui_test_wait_until (in_service, env->session, 5000));
  g_assert_nonnull (loket_session_get_delivery (env->session));
  /* Running: a second start is a no-op that succeeds. */
  g_assert_true (loket_session_start_delivery (env->session, NULL));
  assert_logs (out0, in0, 1, 1);
}

int
main (int    argc,
      char **argv)
{
  ui_test_watch_service_logs ();
  ui_test_init (&argc, &argv);

  g_test_add_func ("/service/key-at-start", test_service_key_at_start);
  g_test_add_func ("/service/state-dir-at-start", test_service_state_dir_at_start);
  g_test_add_func ("/service/store-fails-later", test_service_store_fails_later);
  g_test_add_func ("/service/delivery-fails-later", test_service_delivery_fails_later);

  return g_test_run ();
}
