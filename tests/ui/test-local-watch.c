/* test-local-watch.c — `loketctl settings` and `loketctl offer` reach the running kiosk at
 * Welcome, never in a citizen's session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real loketctl changes local.conf and today-offer in the kiosk's state dir, as staff at
 * a terminal would; the kiosk's window follows at its next Welcome.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-choose-page.h"
#include "loket-local-watch.h"
#include "ui-test-util.h"

#define CHECK_MS 50

static void
loketctl (UiTestEnv  *env,
          const char *command)
{
  g_autofree char *program = g_build_filename (g_getenv ("LOKET_BUILD_DIR"), "app", "loketctl",
                                               NULL);
  g_autofree char *line = g_strdup_printf ("%s --config %s %s", program, env->config_path,
                                           command);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (line, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("loketctl %s: %s", command, err);
}

static LoketChoosePage *
next_citizen (LoketWindow *window)
{
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  return LOKET_CHOOSE_PAGE (loket_window_get_page (window));
}

static void
test_at_welcome (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketConfig *config = env->config;
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  g_autoptr(LoketLocalWatch) watch = loket_local_watch_new (window, CHECK_MS);
  LoketChoosePage *choose;

  g_assert_cmpuint (config->idle_timeout, ==, 90);
  g_assert_cmpstr (config->default_language, ==, "id");

  /* A citizen starts; meanwhile staff change both files from a terminal. */
  choose = next_citizen (window);
  g_assert_nonnull (loket_choose_page_get_tile (choose, "moving"));
  loketctl (env, "settings set idle-timeout 120");
  loketctl (env, "settings set default-language en");
  loketctl (env, "offer off life-event moving");
  /* A wait for time: ten of the watch's looks, each of which would have read the files
   * were Welcome showing. */
  ui_test_pump (CHECK_MS * 10);
  g_assert_cmpuint (loket_local_watch_get_reads (watch), ==, 0);
  g_assert_cmpuint (config->idle_timeout, ==, 90);
  g_assert_cmpstr (config->default_language, ==, "id");
  g_assert_nonnull (loket_choose_page_get_tile (choose, "moving"));

  /* Back at Welcome: both read again. */
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  UI_TEST_WAIT_UNTIL (loket_local_watch_get_reads (watch) == 2, 5000);
  g_assert_cmpuint (config->idle_timeout, ==, 120);
  g_assert_cmpstr (config->default_language, ==, "en");
  g_assert_cmpuint (loket_local_conf_get_line (config, "idle-timeout"), >, 0);
  choose = next_citizen (window);
  g_assert_null (loket_choose_page_get_tile (choose, "moving"));
  g_assert_nonnull (loket_choose_page_get_tile (choose, "birth"));
  /* The next citizen after that starts in the new default language. */
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  g_assert_cmpstr (loket_session_get_language (env->session), ==, "en");

  /* Undone the same way: the fleet's value again, the life event offered. */
  loketctl (env, "settings unset idle-timeout");
  loketctl (env, "offer on life-event moving");
  UI_TEST_WAIT_UNTIL (loket_local_watch_get_reads (watch) == 4, 5000);
  g_assert_cmpuint (config->idle_timeout, ==, 90);
  g_assert_cmpuint (loket_local_conf_get_line (config, "idle-timeout"), ==, 0);
  g_assert_cmpstr (config->default_language, ==, "en");
  g_assert_nonnull (loket_choose_page_get_tile (next_citizen (window), "moving"));

  /* Nothing changed: nothing read. */
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  ui_test_pump (CHECK_MS * 5);   /* time, again: five looks at unchanged files */
  g_assert_cmpuint (loket_local_watch_get_reads (watch), ==, 4);

  g_clear_object (&watch);
  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/local-watch/at-welcome", test_at_welcome);

  return g_test_run ();
}
