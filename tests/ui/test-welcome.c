/* test-welcome.c — the welcome page: languages offered, switching re-labels everything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-welcome-page.h"
#include "ui-test-util.h"

static void
test_welcome_languages (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketPage *page = loket_window_get_page (window);
  GtkWidget *start;
  GtkWidget *english;

  g_assert_cmpstr (loket_window_get_page_name (window), ==, "welcome");
  g_assert_true (LOKET_IS_WELCOME_PAGE (page));

  /* Both languages, each named in itself, on the page and in the header. */
  english = ui_test_find_button (GTK_WIDGET (page), "English");
  g_assert_nonnull (english);
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (page), "Bahasa Indonesia"));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (window), "English"));

  /* The kiosk starts in its default language, Indonesian. */
  g_assert_cmpstr (loket_session_get_language (env->session), ==, "id");
  start = ui_test_find_button (GTK_WIDGET (window), "Mulai");
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_has_css_class (start, "loket-primary"));
  g_assert_cmpint (gtk_widget_get_height (start), >=, 64);
  g_assert_null (ui_test_find_button (GTK_WIDGET (window), "Start"));

  /* A tap on "English": the session, the footer and the page itself change at once. */
  g_signal_emit_by_name (english, "clicked");
  UI_TEST_WAIT_UNTIL (ui_test_find_button (GTK_WIDGET (window), "Start") != NULL, 5000);
  g_assert_cmpstr (loket_session_get_language (env->session), ==, "en");
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "welcome");
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (window), "Start"));
  g_assert_null (ui_test_find_button (GTK_WIDGET (window), "Mulai"));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (window), "Track my request"));
  /* The page was built anew, not patched. */
  g_assert_true (loket_window_get_page (window) != page);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "Welcome"));

  /* And back, through the action the header's buttons use. */
  ui_test_activate (window, "flow.language", "s", "id");
  UI_TEST_WAIT_UNTIL (ui_test_find_button (GTK_WIDGET (window), "Mulai") != NULL, 5000);
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (window), "Mulai"));
  g_assert_null (ui_test_find_button (GTK_WIDGET (window), "Start"));

  /* A language the kiosk does not offer changes nothing. */
  g_test_expect_message ("loket-window", G_LOG_LEVEL_WARNING, "*'fr'*not offered*");
  ui_test_activate (window, "flow.language", "s", "fr");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (loket_session_get_language (env->session), ==, "id");

  ui_test_window_destroy (window);
}

static void
test_welcome_no_back_and_start (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketWindow *window = ui_test_window_new (env, 1920, 1080);
  GtkWidget *back = ui_test_find_action (GTK_WIDGET (window), "flow.back");

  /* Welcome has nowhere to go back to; its idle timer does not run. */
  g_assert_nonnull (back);
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_false (loket_idle_get_enabled (loket_window_get_idle (window)));

  /* Start leads to choosing, and the idle timer runs there. */
  g_assert_true (ui_test_activate (window, "flow.next", NULL));
  ui_test_wait_for_page (window, "choose");
  g_assert_true (loket_idle_get_enabled (loket_window_get_idle (window)));

  /* Track is reached from welcome, and Back returns to it. */
  ui_test_activate (window, "flow.goto", "s", "welcome");
  ui_test_activate (window, "flow.goto", "s", "track");
  ui_test_wait_for_page (window, "track");
  ui_test_activate (window, "flow.back", NULL);
  ui_test_wait_for_page (window, "welcome");

  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/welcome/languages", test_welcome_languages);
  g_test_add_func ("/welcome/start-and-track", test_welcome_no_back_and_start);

  return g_test_run ();
}
