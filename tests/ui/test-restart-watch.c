/* test-restart-watch.c — a changed configuration restarts the kiosk at Welcome, never in a
 * citizen's session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole program's side (the exit, a replaced program file, a file that does not load)
 * is in tests/session/test-notify.py; this is the part a running process cannot show from
 * outside: while a citizen is past Welcome nothing happens, and on their way back it does.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-restart-watch.h"
#include "ui-test-util.h"

#define CHECK_MS 50

static void
on_restart (LoketRestartWatch *watch,
            guint             *count)
{
  (*count)++;
}

static void
append_line (const char *path,
             const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  changed = g_strconcat (contents, line, NULL);
  g_file_set_contents (path, changed, -1, &error);
  g_assert_no_error (error);
}

static void
test_only_at_welcome (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  g_autoptr(LoketRestartWatch) watch = NULL;
  guint restarts = 0;

  watch = loket_restart_watch_new (window, env->config_path, CHECK_MS);
  g_signal_connect (watch, "restart", G_CALLBACK (on_restart), &restarts);

  /* A citizen starts. */
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");

  append_line (env->config_path, "# changed by configuration management\n");
  /* A wait for time: ten of the watch's looks, each of which would have restarted the
   * kiosk were Welcome showing. */
  ui_test_pump (CHECK_MS * 10);
  g_assert_cmpuint (restarts, ==, 0);
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "choose");

  /* The citizen is done (the idle wipe, or the end of their request): Welcome. */
  loket_window_restart (window);
  ui_test_wait_for_page (window, "welcome");
  UI_TEST_WAIT_UNTIL (restarts == 1, 5000);

  ui_test_window_destroy (window);
}

static void
test_untouched (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  g_autoptr(LoketRestartWatch) watch = NULL;
  g_autofree char *contents = NULL;
  guint restarts = 0;

  watch = loket_restart_watch_new (window, env->config_path, CHECK_MS);
  g_signal_connect (watch, "restart", G_CALLBACK (on_restart), &restarts);

  /* Rewritten with the same bytes: a new mtime (and inode), nothing changed. */
  g_assert_true (g_file_get_contents (env->config_path, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (env->config_path, contents, -1, NULL));
  /* A wait for time, as above: Welcome shows, so a restart would come at the first look. */
  ui_test_pump (CHECK_MS * 10);
  g_assert_cmpuint (restarts, ==, 0);

  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/restart-watch/only-at-welcome", test_only_at_welcome);
  g_test_add_func ("/restart-watch/untouched", test_untouched);

  return g_test_run ();
}
