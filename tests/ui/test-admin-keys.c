/* test-admin-keys.c — a physical keyboard at admin mode's door, in kiosk mode: Ctrl+Alt+A
 * opens it on Welcome only (the kiosk's key guard lets it through), and the PIN pad takes
 * digits, Backspace and Enter; real key events through the X server (key-walk.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "key-walk.h"
#include "loket-admin-login-page.h"
#include "loket-admin-mode.h"
#include "loket-kiosk.h"
#include "ui-test-util.h"

static void
test_keys_in_kiosk_mode (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  g_autoptr(LoketStaff) staff = loket_staff_new_for_config (env->config);
  g_autoptr(Walk) walk = NULL;
  LoketAdminLoginPage *page;

  g_assert_true (loket_staff_add (staff, "test", "Siti", "135792", "135792", NULL));
  walk = walk_new_for_window (env, ui_test_window_new_full (env, 1080, 1920, TRUE));
  if (walk->dpy == NULL)
    return;
  g_assert_true (loket_window_is_kiosk (walk->window));

  /* Mid-flow the chord does nothing. */
  ui_test_activate (walk->window, "flow.next", NULL);
  ui_test_wait_for_page (walk->window, "choose");
  g_assert_true (walk_press_chord (walk, XK_a, GDK_CONTROL_MASK | GDK_ALT_MASK));
  ui_test_drain ();
  g_assert_cmpstr (loket_window_get_page_name (walk->window), ==, "choose");

  ui_test_activate (walk->window, "flow.restart", NULL);
  ui_test_wait_for_page (walk->window, "welcome");
  walk_press_chord (walk, XK_a, GDK_CONTROL_MASK | GDK_ALT_MASK);
  ui_test_wait_for_page (walk->window, "admin-login");

  page = LOKET_ADMIN_LOGIN_PAGE (loket_window_get_page (walk->window));
  ui_test_activate (walk->window, "admin.choose", "s", "Siti");
  UI_TEST_WAIT_UNTIL (!loket_admin_login_page_is_reading (page), 10000);
  g_assert_true (loket_admin_login_page_is_pad_open (page));

  walk_type (walk, "1357");
  g_assert_cmpuint (loket_admin_login_page_get_pin_length (page), ==, 4);
  walk_press (walk, XK_BackSpace, FALSE);
  g_assert_cmpuint (loket_admin_login_page_get_pin_length (page), ==, 3);
  walk_type (walk, "792");
  g_assert_cmpuint (loket_admin_login_page_get_pin_length (page), ==, 6);
  walk_press (walk, XK_Return, FALSE);
  ui_test_wait_for_page (walk->window, "admin");
  g_assert_cmpstr (loket_admin_mode_get_name (loket_window_get_admin_mode (walk->window)), ==,
                   "Siti");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  /* As `loket --kiosk` does before GTK starts. */
  if (!loket_kiosk_prepare_process (&error))
    g_test_message ("%s", error->message);
  ui_test_init (&argc, &argv);
  g_test_add_func ("/admin/keys-in-kiosk-mode", test_keys_in_kiosk_mode);
  return g_test_run ();
}
